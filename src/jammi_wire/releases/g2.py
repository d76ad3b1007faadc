"""Generation 2: jammi-wire 0.28.0 - 0.41.0. Generation 1 plus ``seed: u64`` (last field,
42 when absent)."""

from .. import _rules
from ..serde import U64, field
from . import g1, note_newer_fields
from ._derive import derive_struct
from .g1 import (
    BackboneDtype,
    ClassificationLoss,
    EarlyStoppingMetric,
    EmbeddingLoss,
    FineTuneMethod,
    HardNegativeConfig,
    LoraInitMode,
    LrSchedule,
    RegressionLoss,
)

GENERATION = 2
RELEASES = ("0.28.0", "0.41.0")
RULES = _rules.G1

DEFAULT_FINE_TUNE_SEED = 42


def default_fine_tune_seed() -> int:
    return DEFAULT_FINE_TUNE_SEED


FineTuneConfig = derive_struct(
    g1.FineTuneConfig,
    __name__,
    append=[
        (
            "seed",
            U64,
            field(
                default=DEFAULT_FINE_TUNE_SEED,
                serde_default=default_fine_tune_seed,
                doc="Seed of the LoRA initialisation and dropout masks; a run is a function of it.",
            ),
        )
    ],
    rules=RULES,
)
note_newer_fields(FineTuneConfig, GENERATION)

__all__ = [
    "DEFAULT_FINE_TUNE_SEED",
    "BackboneDtype",
    "ClassificationLoss",
    "EarlyStoppingMetric",
    "EmbeddingLoss",
    "FineTuneConfig",
    "FineTuneMethod",
    "HardNegativeConfig",
    "LoraInitMode",
    "LrSchedule",
    "RegressionLoss",
]
