"""Generation 3: jammi-wire 0.42.0 - 0.47.0. ``backbone_dtype`` is a ``ComputePrecision``:
the wire names of ``BackboneDtype`` declared in another order, which serde's
``expected one of`` lists show."""

from .. import _rules
from ..serde import UnitEnum, field
from ..serde.naming import lowercase
from . import g2, note_newer_fields
from ._derive import derive_struct
from .g2 import (
    DEFAULT_FINE_TUNE_SEED,
    ClassificationLoss,
    EarlyStoppingMetric,
    EmbeddingLoss,
    FineTuneMethod,
    HardNegativeConfig,
    LoraInitMode,
    LrSchedule,
    RegressionLoss,
)

GENERATION = 3
RELEASES = ("0.42.0", "0.47.0")
RULES = _rules.G1


class ComputePrecision(UnitEnum):
    """The precision a backbone runs at. ``#[serde(rename_all = "lowercase")]``."""

    #: Full precision.
    F32 = lowercase("F32")
    #: Half precision.
    F16 = lowercase("F16")
    #: BFloat16: f32's exponent range in half the bytes.
    BF16 = lowercase("BF16")

    @classmethod
    def default(cls) -> "ComputePrecision":
        return cls.F32


BackboneDtype = ComputePrecision
"""The name the earlier generations give the field's type, for code written against them."""

FineTuneConfig = derive_struct(
    g2.FineTuneConfig,
    __name__,
    redeclare={
        "backbone_dtype": (
            "backbone_dtype",
            ComputePrecision,
            field(
                default=ComputePrecision.F32,
                serde_default=True,
                doc="Precision of the frozen backbone weights.",
            ),
        )
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
    "FineTuneConfig",
    "FineTuneMethod",
    "HardNegativeConfig",
    "LoraInitMode",
    "LrSchedule",
    "RegressionLoss",
]
