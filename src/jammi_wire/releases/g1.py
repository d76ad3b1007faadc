"""Generation 1: jammi-wire 0.26.0 - 0.26.5, the top-level vocabulary (``fine_tune.rs``)."""

from .. import _rules
from ..fine_tune import (
    BackboneDtype,
    ClassificationLoss,
    EarlyStoppingMetric,
    EmbeddingLoss,
    FineTuneConfig,
    FineTuneMethod,
    HardNegativeConfig,
    LoraInitMode,
    LrSchedule,
    RegressionLoss,
)

GENERATION = 1
RELEASES = ("0.26.0", "0.26.5")
RULES = _rules.G1

__all__ = [
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
