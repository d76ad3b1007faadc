"""pydantic v2, strict. Struct variants are one-field wrapper models (extra forbidden)."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._common import check

NAME = "pydantic v2 strict"
NOTE = "externally tagged variants as one-field wrapper models in a smart-mode union"

U = Annotated[int, Field(ge=0)]
C = ConfigDict(strict=True, extra="ignore")
W = ConfigDict(strict=True, extra="forbid")


class Triplet(BaseModel):
    model_config = C
    margin: float


class Mnr(BaseModel):
    model_config = C
    temperature: float


class BetaNll(BaseModel):
    model_config = C
    beta: float


class TripletW(BaseModel):
    model_config = W
    triplet: Triplet


class MnrW(BaseModel):
    model_config = W
    multiple_negatives_ranking: Mnr


class BetaNllW(BaseModel):
    model_config = W
    beta_nll: BetaNll


class HardNegativeConfig(BaseModel):
    model_config = C
    mine: bool = False
    k: U = 1
    exclude_hops: U = 1
    refresh_every: U = 1


class FineTuneConfig(BaseModel):
    model_config = C
    lora_rank: U
    lora_alpha: float
    lora_dropout: float
    learning_rate: float
    epochs: U
    batch_size: U
    max_seq_length: U
    embedding_loss: Literal["co_sent", "angl_e", "cosine_mse"] | TripletW | MnrW | None
    classification_loss: Literal["cross_entropy"] | None
    regression_loss: Literal["gaussian_nll", "crps", "pinball"] | BetaNllW | None = None
    quantile_levels: list[float] = []
    gradient_accumulation_steps: U
    validation_fraction: float
    early_stopping_patience: U
    warmup_steps: U
    lr_schedule: Literal["constant", "cosine_decay", "linear_decay"]
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
    hard_negatives: HardNegativeConfig = HardNegativeConfig()
    matryoshka_dims: list[U] = []


_decode = FineTuneConfig.model_validate_json
_validate = FineTuneConfig.model_validate


def decode(text):
    return _decode(text)


def encode(obj):
    return obj.model_dump_json()


def encode_pretty(obj):
    return obj.model_dump_json(indent=2)


def from_dict(d):
    return _validate(d)


def to_dict(obj):
    return obj.model_dump()


check(NAME, decode, encode, encode_pretty, from_dict, to_dict)
