"""A plain, straightforward cattrs implementation: attrs classes, a default Converter,
stdlib json, and one small hook per tagged enum (cattrs cannot disambiguate a union of
literals and classes by itself). Also the model the naive YAML route uses."""

import json
from typing import Literal

import attrs
import cattrs

from ._common import check

NAME = "cattrs (plain)"
NOTE = "default hooks (lax int()/float() scalars); a hand-written hook per tagged enum"


@attrs.define
class Triplet:
    margin: float


@attrs.define
class Mnr:
    temperature: float


@attrs.define
class BetaNll:
    beta: float


EmbUnit = Literal["co_sent", "angl_e", "cosine_mse"]
RegUnit = Literal["gaussian_nll", "crps", "pinball"]
EMB = {"triplet": Triplet, "multiple_negatives_ranking": Mnr}
REG = {"beta_nll": BetaNll}
EMB_NAMES = {v: k for k, v in EMB.items()}
REG_NAMES = {v: k for k, v in REG.items()}
Emb = EmbUnit | Triplet | Mnr
Reg = RegUnit | BetaNll


@attrs.define
class HardNegativeConfig:
    mine: bool = False
    k: int = 1
    exclude_hops: int = 1
    refresh_every: int = 1


@attrs.define(kw_only=True)
class FineTuneConfig:
    lora_rank: int
    lora_alpha: float
    lora_dropout: float
    learning_rate: float
    epochs: int
    batch_size: int
    max_seq_length: int
    embedding_loss: Emb | None
    classification_loss: Literal["cross_entropy"] | None
    regression_loss: Reg | None = None
    quantile_levels: list[float] = attrs.Factory(list)
    gradient_accumulation_steps: int
    validation_fraction: float
    early_stopping_patience: int
    warmup_steps: int
    lr_schedule: Literal["constant", "cosine_decay", "linear_decay"]
    early_stopping_metric: Literal["val_loss", "train_loss"] = "val_loss"
    target_modules: list[str] = attrs.Factory(list)
    layers_to_transform: list[int] | None = None
    use_rslora: bool = False
    rank_pattern: dict[str, int] = attrs.Factory(dict)
    init_lora_weights: Literal["zeros_b", "gaussian"] = "zeros_b"
    backbone_dtype: Literal["f32", "bf16", "f16"] = "f32"
    weight_decay: float = 0.01
    max_grad_norm: float = 1.0
    cached: bool = False
    hard_negatives: HardNegativeConfig = attrs.Factory(HardNegativeConfig)
    matryoshka_dims: list[int] = attrs.Factory(list)


converter = cattrs.Converter(forbid_extra_keys=False)


def _tagged(units, variants, names):
    def structure(value, _):
        if value is None:
            return None
        if isinstance(value, str):
            if value in units:
                return value
            raise ValueError(f"unknown variant {value!r}")
        if isinstance(value, dict) and len(value) == 1:
            ((tag, body),) = value.items()
            return converter.structure(body, variants[tag])
        raise ValueError(f"invalid enum value {value!r}")

    def unstructure(value):
        if value is None or isinstance(value, str):
            return value
        return {names[type(value)]: converter.unstructure(value)}

    return structure, unstructure


for _union, _units, _variants, _names in (
    (Emb, ("co_sent", "angl_e", "cosine_mse"), EMB, EMB_NAMES),
    (Reg, ("gaussian_nll", "crps", "pinball"), REG, REG_NAMES),
):
    _s, _u = _tagged(_units, _variants, _names)
    converter.register_structure_hook(_union | None, _s)
    converter.register_unstructure_hook(_union | None, _u)


def decode(text):
    return converter.structure(json.loads(text), FineTuneConfig)


def encode(obj):
    return json.dumps(converter.unstructure(obj), separators=(",", ":"))


def encode_pretty(obj):
    return json.dumps(converter.unstructure(obj), indent=2)


def from_dict(d):
    return converter.structure(d, FineTuneConfig)


def to_dict(obj):
    return converter.unstructure(obj)


check(NAME, decode, encode, encode_pretty, from_dict, to_dict)
