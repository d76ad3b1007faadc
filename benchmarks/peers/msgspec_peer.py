"""msgspec. A union may hold only one object-like type, so each tagged enum's struct
variants share one wrapper struct with every variant as an optional key: it cannot
reject two variant keys at once or an empty object as serde does."""

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from ._common import check

NAME = "msgspec"
NOTE = "struct variants emulated by one wrapper struct of optional keys (accepts 0 or 2 keys)"

U = Annotated[int, Meta(ge=0)]


class Triplet(Struct, forbid_unknown_fields=False):
    margin: float


class Mnr(Struct):
    temperature: float


class BetaNll(Struct):
    beta: float


class EmbVariant(Struct, omit_defaults=True, forbid_unknown_fields=True):
    triplet: Triplet | None = None
    multiple_negatives_ranking: Mnr | None = None


class RegVariant(Struct, omit_defaults=True, forbid_unknown_fields=True):
    beta_nll: BetaNll | None = None


class HardNegativeConfig(Struct):
    mine: bool = False
    k: U = 1
    exclude_hops: U = 1
    refresh_every: U = 1


class FineTuneConfig(Struct):
    lora_rank: U
    lora_alpha: float
    lora_dropout: float
    learning_rate: float
    epochs: U
    batch_size: U
    max_seq_length: U
    embedding_loss: Literal["co_sent", "angl_e", "cosine_mse"] | EmbVariant | None
    classification_loss: Literal["cross_entropy"] | None
    gradient_accumulation_steps: U
    validation_fraction: float
    early_stopping_patience: U
    warmup_steps: U
    lr_schedule: Literal["constant", "cosine_decay", "linear_decay"]
    regression_loss: Literal["gaussian_nll", "crps", "pinball"] | RegVariant | None = None
    quantile_levels: list[float] = []
    early_stopping_metric: Literal["val_loss", "train_loss"] = "val_loss"
    target_modules: list[str] = []
    layers_to_transform: list[U] | None = None
    use_rslora: bool = False
    rank_pattern: dict[str, U] = {}
    init_lora_weights: Literal["zeros_b", "gaussian"] = "zeros_b"
    backbone_dtype: Literal["f32", "bf16", "f16"] = "f32"
    weight_decay: float = 0.01
    max_grad_norm: float = 1.0
    cached: bool = False
    hard_negatives: HardNegativeConfig = msgspec.field(default_factory=HardNegativeConfig)
    matryoshka_dims: list[U] = []


_dec = msgspec.json.Decoder(FineTuneConfig, strict=True)
_enc = msgspec.json.Encoder()


def decode(text):
    return _dec.decode(text)


def encode(obj):
    return _enc.encode(obj)


def encode_pretty(obj):
    return msgspec.json.format(_enc.encode(obj), indent=2)


def from_dict(d):
    return msgspec.convert(d, FineTuneConfig, strict=True)


def to_dict(obj):
    return msgspec.to_builtins(obj)


check(NAME, decode, encode, encode_pretty, from_dict, to_dict)
