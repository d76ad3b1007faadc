"""mashumaro (orjson mixin). Struct variants are one-field wrapper dataclasses tried in
order; unsigned integers are not range-checked (no constraint types)."""

from dataclasses import dataclass, field
from typing import Literal

from mashumaro.config import BaseConfig
from mashumaro.mixins.orjson import DataClassORJSONMixin

from ._common import check

NAME = "mashumaro"
NOTE = "wrapper dataclasses in a union tried in order; no u64 range check"


class _Forbid(BaseConfig):
    forbid_extra_keys = True


@dataclass
class Triplet(DataClassORJSONMixin):
    margin: float


@dataclass
class Mnr(DataClassORJSONMixin):
    temperature: float


@dataclass
class BetaNll(DataClassORJSONMixin):
    beta: float


@dataclass
class TripletW(DataClassORJSONMixin):
    triplet: Triplet

    class Config(_Forbid):
        pass


@dataclass
class MnrW(DataClassORJSONMixin):
    multiple_negatives_ranking: Mnr

    class Config(_Forbid):
        pass


@dataclass
class BetaNllW(DataClassORJSONMixin):
    beta_nll: BetaNll

    class Config(_Forbid):
        pass


@dataclass
class HardNegativeConfig(DataClassORJSONMixin):
    mine: bool = False
    k: int = 1
    exclude_hops: int = 1
    refresh_every: int = 1


@dataclass(kw_only=True)
class FineTuneConfig(DataClassORJSONMixin):
    lora_rank: int
    lora_alpha: float
    lora_dropout: float
    learning_rate: float
    epochs: int
    batch_size: int
    max_seq_length: int
    embedding_loss: Literal["co_sent", "angl_e", "cosine_mse"] | TripletW | MnrW | None
    classification_loss: Literal["cross_entropy"] | None
    regression_loss: Literal["gaussian_nll", "crps", "pinball"] | BetaNllW | None = None
    quantile_levels: list[float] = field(default_factory=list)
    gradient_accumulation_steps: int
    validation_fraction: float
    early_stopping_patience: int
    warmup_steps: int
    lr_schedule: Literal["constant", "cosine_decay", "linear_decay"]
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
    return FineTuneConfig.from_json(text)


def encode(obj):
    return obj.to_json()


def encode_pretty(obj):
    import orjson

    return orjson.dumps(obj.to_dict(), option=orjson.OPT_INDENT_2)


def from_dict(d):
    return FineTuneConfig.from_dict(d)


def to_dict(obj):
    return obj.to_dict()


check(NAME, decode, encode, encode_pretty, from_dict, to_dict)
