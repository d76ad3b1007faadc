"""The two jammi-lora enums that ``FineTuneConfig`` re-exports (``jammi_lora.rs``)."""

from __future__ import annotations

from .serde.model import UnitEnum
from .serde.naming import lowercase, snake_case


class LoraInitMode(UnitEnum):
    """How the LoRA A and B matrices are initialised at construction time.

    ``#[serde(rename_all = "snake_case")]``.
    """

    #: A: Kaiming-uniform, B: zeros; the layer starts as the identity.
    ZEROS_B = snake_case("ZerosB")
    #: A and B both drawn from Normal(0, 0.02); not the identity from step zero.
    GAUSSIAN = snake_case("Gaussian")

    @classmethod
    def default(cls) -> LoraInitMode:
        return cls.ZEROS_B


class BackboneDtype(UnitEnum):
    """Dtype of the frozen backbone weights; the LoRA matrices always stay F32.

    ``#[serde(rename_all = "lowercase")]``.
    """

    #: Full precision; works everywhere.
    F32 = lowercase("F32")
    #: BFloat16; roughly halves backbone memory on CUDA and Metal.
    BF16 = lowercase("BF16")
    #: Half precision; most CUDA devices.
    F16 = lowercase("F16")

    @classmethod
    def default(cls) -> BackboneDtype:
        return cls.F32
