"""Generation 5: jammi-wire 0.50.0 - 0.54.0. ``deny_unknown_fields`` on the config,
``HardNegativeConfig`` and the loss enums (for an enum: the fields of its struct
variants); ``warmup_steps`` is replaced by the required ``warmup: Warmup``; one more
validate() rule, on the warmup fraction."""

from typing import TYPE_CHECKING, ClassVar

from .. import _rules
from ..serde import TaggedEnum, Usize, field
from . import g4, note_newer_fields
from ._derive import KEEP, derive_enum, derive_struct
from .g4 import (
    DEFAULT_FINE_TUNE_SEED,
    BackboneDtype,
    ClassificationLoss,
    ComputePrecision,
    EarlyStoppingMetric,
    ExampleLoss,
    FineTuneMethod,
    HeldOutLoss,
    LoraInitMode,
    LrSchedule,
)

GENERATION = 5
RELEASES = ("0.50.0", "0.54.0")
RULES = _rules.G5

# ClassificationLoss carries deny_unknown_fields from 0.50.0 too, but it has no struct
# variant for the attribute to apply to: on the wire it is generation 4's enum.
EmbeddingLoss = derive_enum(g4.EmbeddingLoss, __name__, deny_unknown_fields=True)
RegressionLoss = derive_enum(g4.RegressionLoss, __name__, deny_unknown_fields=True)
HardNegativeConfig = derive_struct(g4.HardNegativeConfig, __name__, deny_unknown_fields=True)


class Warmup(TaggedEnum, rename_all="snake_case"):
    """How long the learning rate ramps up linearly from 0; a tenth of the run by default."""

    if TYPE_CHECKING:
        Steps: ClassVar[type["Steps"]]
        Fraction: ClassVar[type["Fraction"]]

    @classmethod
    def default(cls) -> "Warmup":
        return Fraction(0.1)


class Steps(Warmup, kind="newtype"):
    """A fixed number of optimizer steps."""

    value: Usize = field(doc="Optimizer steps of warmup.")


class Fraction(Warmup, kind="newtype"):
    """A fraction of the run's optimizer steps, in [0, 1)."""

    value: float = field(doc="Fraction of the run's steps.")


FineTuneConfig = derive_struct(
    g4.FineTuneConfig,
    __name__,
    deny_unknown_fields=True,
    redeclare={
        "warmup_steps": (
            "warmup",
            Warmup,
            field(factory=Warmup.default, doc="Linear warmup from 0 to the base rate."),
        ),
        "embedding_loss": ("embedding_loss", EmbeddingLoss | None, KEEP),
        "regression_loss": ("regression_loss", RegressionLoss | None, KEEP),
        "hard_negatives": (
            "hard_negatives",
            HardNegativeConfig,
            field(
                factory=HardNegativeConfig,
                serde_default=True,
                doc="Hard-negative mining settings.",
            ),
        ),
    },
    rules=RULES,
)
note_newer_fields(FineTuneConfig, GENERATION)

__all__ = [
    "DEFAULT_FINE_TUNE_SEED",
    "BackboneDtype",
    "ClassificationLoss",
    "ComputePrecision",
    "EarlyStoppingMetric",
    "EmbeddingLoss",
    "ExampleLoss",
    "FineTuneConfig",
    "FineTuneMethod",
    "HardNegativeConfig",
    "HeldOutLoss",
    "LoraInitMode",
    "LrSchedule",
    "RegressionLoss",
    "Warmup",
]
