"""Generation 4: jammi-wire 0.48.0 - 0.49.1. Adds ``keep_last_n_checkpoints:
Option<u32>``, refuses a non-finite ``max_grad_norm`` while reading, three more
validate() rules, and the held-out result types ``ExampleLoss`` / ``HeldOutLoss``."""

from .. import _rules
from ..fine_tune import default_max_grad_norm
from ..serde import U32, Usize, field, serde_struct
from . import g3, note_newer_fields
from ._derive import derive_struct
from .g3 import (
    DEFAULT_FINE_TUNE_SEED,
    BackboneDtype,
    ClassificationLoss,
    ComputePrecision,
    EarlyStoppingMetric,
    EmbeddingLoss,
    FineTuneMethod,
    HardNegativeConfig,
    LoraInitMode,
    LrSchedule,
    RegressionLoss,
)

GENERATION = 4
RELEASES = ("0.48.0", "0.49.1")
RULES = _rules.G4


FineTuneConfig = derive_struct(
    g3.FineTuneConfig,
    __name__,
    redeclare={
        "max_grad_norm": (
            "max_grad_norm",
            float,
            field(
                default=1.0,
                serde_default=default_max_grad_norm,
                # deserialize_with: NaN and infinities are refused as the value is read
                deserialize_check=_rules.finite_max_grad_norm_message,
                doc="Global L2 norm for gradient clipping; 0 disables clipping. Finite.",
            ),
        )
    },
    append=[
        (
            "keep_last_n_checkpoints",
            U32 | None,
            field(
                default=None,
                serde_default=True,
                doc="Keep a checkpoint per epoch, the last N of them; null keeps none. "
                "0 is refused.",
            ),
        )
    ],
    rules=RULES,
)


@serde_struct
class ExampleLoss:
    """One held-out example, by its stable id, and the model's loss on it."""

    example_id: str = field(doc="Stable id of the example in the held-out fixture.")
    loss: float = field(doc="The model's loss on the example.")


@serde_struct
class HeldOutLoss:
    """Per-example losses over a held-out split, their mean and the batch partition."""

    per_example: list[ExampleLoss] = field(doc="Each example's loss.")
    mean: float = field(doc="Arithmetic mean of the per-example losses.")
    count: Usize = field(doc="Number of examples (the length of per_example).")
    tie_fraction: float = field(doc="Fraction of examples at the loss floor.")
    batch_partition_sha256: str = field(doc="SHA-256 (hex) of the batch partition.")
    in_batch_negatives_per_example: Usize = field(
        doc="In-batch negatives each example was scored against."
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
]
