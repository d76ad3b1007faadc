"""pyserde. Untagged unions of literals and one-field wrapper dataclasses (pyserde's own
external tagging uses class names, not serde's variant names)."""

from dataclasses import field
from typing import Literal

import orjson
from serde import Untagged, serde
from serde import from_dict as _from_dict
from serde import to_dict as _to_dict
from serde.json import from_json, to_json

from ._common import check

NAME = "pyserde"
NOTE = (
    "Untagged union over literals and wrapper classes; no u64 range check; "
    "to_dict leaves variant wrappers as dataclasses"
)


@serde
class Triplet:
    margin: float


@serde
class Mnr:
    temperature: float


@serde
class BetaNll:
    beta: float


@serde(deny_unknown_fields=True)
class TripletW:
    triplet: Triplet


@serde(deny_unknown_fields=True)
class MnrW:
    multiple_negatives_ranking: Mnr


@serde(deny_unknown_fields=True)
class BetaNllW:
    beta_nll: BetaNll


@serde
class HardNegativeConfig:
    mine: bool = False
    k: int = 1
    exclude_hops: int = 1
    refresh_every: int = 1


@serde(tagging=Untagged)
class FineTuneConfig:
    lora_rank: int
    lora_alpha: float
    lora_dropout: float
    learning_rate: float
    epochs: int
    batch_size: int
    max_seq_length: int
    embedding_loss: Literal["co_sent", "angl_e", "cosine_mse"] | TripletW | MnrW | None
    classification_loss: Literal["cross_entropy"] | None
    gradient_accumulation_steps: int
    validation_fraction: float
    early_stopping_patience: int
    warmup_steps: int
    lr_schedule: Literal["constant", "cosine_decay", "linear_decay"]
    regression_loss: Literal["gaussian_nll", "crps", "pinball"] | BetaNllW | None = None
    quantile_levels: list[float] = field(default_factory=list)
    early_stopping_metric: Literal["val_loss", "train_loss"] = "val_loss"
    target_modules: list[str] = field(default_factory=list)
    layers_to_transform: list[int] | None = None
    use_rslora: bool = False
    rank_pattern: dict[str, int] = field(default_factory=dict)
    init_lora_weights: Literal["zeros_b", "gaussian"] = "zeros_b"
    backbone_dtype: Literal["f32", "bf16", "f16"] = "f32"
    weight_decay: float = 0.01
    max_grad_norm: float = 1.0
    cached: bool = False
    hard_negatives: HardNegativeConfig = field(default_factory=HardNegativeConfig)
    matryoshka_dims: list[int] = field(default_factory=list)


def decode(text):
    return from_json(FineTuneConfig, text)


def encode(obj):
    return to_json(obj)


def encode_pretty(obj):
    return to_json(obj, option=orjson.OPT_INDENT_2)


def from_dict(d):
    return _from_dict(FineTuneConfig, d)


def to_dict(obj):
    # Leaves the union's wrapper dataclass in place (pyserde's to_json relies on orjson
    # serialising dataclasses natively), so this is not a plain-data dict.
    return _to_dict(obj, reuse_instances=False)


check(NAME, decode, encode, encode_pretty, from_dict, to_dict, plain_dict=False)
