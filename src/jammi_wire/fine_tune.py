"""Fine-tune request vocabulary: the config and method types of ``fine_tune.rs``.

These are the knobs a fine-tune request carries. They hold no engine state: a Rust
service reads them with serde to build a training run, and this module is their
Python edition. Field order, defaults and serde attributes follow the Rust file.
"""

# No ``from __future__ import annotations``: the serde layer reads these annotations
# as real types when each class is created.

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from . import _rules
from ._errors import FineTuneError
from .lora import BackboneDtype, LoraInitMode
from .serde.model import TaggedEnum, UnitEnum, Usize, field, serde_struct
from .serde.naming import snake_case


def _first_validate(config: Any) -> None:
    """The first ``validate()`` generates the validator (not every import reads a
    config), then calls it; later calls go straight to it."""
    global _validate_g1
    _validate_g1 = _rules.validator(_rules.G1)
    _validate_g1(config)


_validate_g1: Callable[[Any], None] = _first_validate

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


class FineTuneMethod(UnitEnum):
    """Supported fine-tuning methods. ``#[serde(rename_all = "snake_case")]``."""

    #: Low-Rank Adaptation: small adapter matrices trained beside frozen base weights.
    LORA = snake_case("Lora")

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str) -> "FineTuneMethod":
        """``FromStr``: the method named ``text``, or Rust's error for an unknown name."""
        for method in cls:
            if method.value == text:
                return method
        raise FineTuneError(f"Unknown fine-tuning method '{text}'. Supported: lora")


class EmbeddingLoss(TaggedEnum, rename_all="snake_case"):
    """Loss function for embedding fine-tuning."""

    if TYPE_CHECKING:
        CoSent: ClassVar[type["CoSent"]]
        Triplet: ClassVar[type["Triplet"]]
        MultipleNegativesRanking: ClassVar[type["MultipleNegativesRanking"]]
        AnglE: ClassVar[type["AnglE"]]
        CosineMse: ClassVar[type["CosineMse"]]

    @classmethod
    def default(cls) -> "EmbeddingLoss":
        return CoSent()


class CoSent(EmbeddingLoss):
    """CoSENT: cross-entropy over the ordering of pairs by cosine similarity."""


class Triplet(EmbeddingLoss):
    """Triplet loss, ``max(0, cos(a, neg) - cos(a, pos) + margin)``."""

    margin: float = field(doc="Required gap between the positive and negative similarity.")


class MultipleNegativesRanking(EmbeddingLoss):
    """Multiple-negatives ranking (InfoNCE): every other row's positive is a negative.

    The scaled similarity matrix is scored against its diagonal with a symmetric
    cross-entropy; explicit hard negatives join as extra columns.
    """

    temperature: float = field(doc="Similarity scale; 20.0 is the usual choice.")


class AnglE(EmbeddingLoss):
    """AnglE: optimises angle differences in complex space; CoSENT's successor for STS."""


class CosineMse(EmbeddingLoss):
    """Mean-squared error between scaled cosine similarity and a graded target score."""


class RegressionLoss(TaggedEnum, rename_all="snake_case"):
    """Proper-scoring objective for a distributional regression head.

    Three arms train a Gaussian head (mean and a floored, softplus-positive sigma);
    ``Pinball`` trains a quantile head. The default is beta-NLL with beta = 0.5.
    """

    if TYPE_CHECKING:
        GaussianNll: ClassVar[type["GaussianNll"]]
        BetaNll: ClassVar[type["BetaNll"]]
        Crps: ClassVar[type["Crps"]]
        Pinball: ClassVar[type["Pinball"]]

    @classmethod
    def default(cls) -> "RegressionLoss":
        return BetaNll(beta=0.5)


class GaussianNll(RegressionLoss):
    """Gaussian negative log-likelihood: strictly proper, but prone to variance collapse."""


class BetaNll(RegressionLoss):
    """beta-NLL: NLL weighted by a stop-gradient sigma^(2 beta); resists variance collapse."""

    beta: float = field(doc="Variance-weighting exponent in [0, 1]; 0.5 is recommended.")


class Crps(RegressionLoss):
    """Closed-form Gaussian CRPS: strictly proper, bounded and stable."""


class Pinball(RegressionLoss):
    """Pinball (quantile) loss over ``quantile_levels``, for the quantile head."""


class ClassificationLoss(UnitEnum):
    """Loss function for classification fine-tuning. ``rename_all = "snake_case"``."""

    #: Standard cross-entropy.
    CROSS_ENTROPY = snake_case("CrossEntropy")

    @classmethod
    def default(cls) -> "ClassificationLoss":
        return cls.CROSS_ENTROPY


class EarlyStoppingMetric(UnitEnum):
    """Which loss early stopping watches. ``rename_all = "snake_case"``."""

    #: Held-out validation loss; needs ``validation_fraction > 0``.
    VAL_LOSS = snake_case("ValLoss")
    #: Epoch-average training loss; no validation split needed.
    TRAIN_LOSS = snake_case("TrainLoss")

    @classmethod
    def default(cls) -> "EarlyStoppingMetric":
        return cls.VAL_LOSS


class LrSchedule(UnitEnum):
    """Learning-rate schedule applied after warmup. ``rename_all = "snake_case"``."""

    #: The same learning rate throughout.
    CONSTANT = snake_case("Constant")
    #: Cosine annealing from the base rate to 0.
    COSINE_DECAY = snake_case("CosineDecay")
    #: Linear ramp from the base rate to 0.
    LINEAR_DECAY = snake_case("LinearDecay")

    @classmethod
    def default(cls) -> "LrSchedule":
        return cls.COSINE_DECAY


@serde_struct
class HardNegativeConfig:
    """Hard-negative mining from the model's own nearest-neighbour index.

    Each anchor's top-``k`` neighbours become hard negatives; the positive's
    neighbourhood is excluded, since an unlabelled true positive would teach the wrong
    thing. Negatives go stale as the model moves, so they are re-mined every
    ``refresh_every`` epochs.
    """

    mine: bool = field(default=False, doc="Mine hard negatives during training.")
    k: Usize = field(default=1, doc="Hard negatives retrieved per anchor.")
    exclude_hops: Usize = field(
        default=1, doc="Hops around the positive excluded from the negative pool."
    )
    refresh_every: Usize = field(default=1, doc="Re-mine once every this many epochs.")


def default_weight_decay() -> float:
    return 0.01


def default_max_grad_norm() -> float:
    return 1.0


@serde_struct
class FineTuneConfig:
    """Configuration for a fine-tuning job; ``FineTuneConfig()`` is Rust's ``Default``."""

    lora_rank: Usize = field(default=8, doc="LoRA rank: the number of low-rank dimensions.")
    lora_alpha: float = field(default=16.0, doc="LoRA scaling factor.")
    lora_dropout: float = field(default=0.05, doc="Dropout on the LoRA path during training.")
    learning_rate: float = field(default=2e-4, doc="Base learning rate.")
    epochs: Usize = field(default=3, doc="Number of training epochs.")
    batch_size: Usize = field(default=8, doc="Micro-batch size.")
    max_seq_length: Usize = field(default=512, doc="Maximum sequence length in tokens.")
    embedding_loss: EmbeddingLoss | None = field(
        default=None, doc="Embedding loss; chosen from the data format when null."
    )
    classification_loss: ClassificationLoss | None = field(
        default=None, doc="Classification loss; chosen automatically when null."
    )
    regression_loss: RegressionLoss | None = field(
        default=None,
        serde_default=True,
        doc="Regression objective; null means beta-NLL with beta = 0.5.",
    )
    quantile_levels: list[float] = field(
        factory=list,
        serde_default=True,
        doc="Quantile levels for pinball loss, strictly ascending in (0, 1).",
    )
    gradient_accumulation_steps: Usize = field(
        default=1, doc="Micro-batches per optimizer step (effective batch = batch_size x this)."
    )
    validation_fraction: float = field(
        default=0.1, doc="Fraction of the data held out for validation, in [0, 1)."
    )
    early_stopping_patience: Usize = field(
        default=3, doc="Epochs without improvement before training stops."
    )
    warmup_steps: Usize = field(default=100, doc="Steps of linear warmup from 0 to the base rate.")
    lr_schedule: LrSchedule = field(
        default=LrSchedule.COSINE_DECAY, doc="Learning-rate schedule after warmup."
    )
    early_stopping_metric: EarlyStoppingMetric = field(
        default=EarlyStoppingMetric.VAL_LOSS,
        serde_default=True,
        doc="Loss watched for early stopping; train_loss when validation_fraction is 0.",
    )
    target_modules: list[str] = field(
        factory=list,
        serde_default=True,
        doc="Layer-name suffixes that get LoRA adapters; empty trains a projection head.",
    )
    layers_to_transform: list[Usize] | None = field(
        default=None, serde_default=True, doc="Encoder layer indices to adapt; null means all."
    )
    use_rslora: bool = field(
        default=False, serde_default=True, doc="Rank-stabilised scaling, alpha / sqrt(rank)."
    )
    rank_pattern: dict[str, Usize] = field(
        factory=dict,
        serde_default=True,
        doc="Per-module rank overrides keyed by module-name substring.",
    )
    init_lora_weights: LoraInitMode = field(
        default=LoraInitMode.ZEROS_B,
        serde_default=True,
        doc="How the LoRA A and B matrices are initialised.",
    )
    backbone_dtype: BackboneDtype = field(
        default=BackboneDtype.F32,
        serde_default=True,
        doc="Dtype of the frozen backbone weights.",
    )
    weight_decay: float = field(
        default=0.01, serde_default=default_weight_decay, doc="AdamW weight decay."
    )
    max_grad_norm: float = field(
        default=1.0,
        serde_default=default_max_grad_norm,
        doc="Global L2 norm for gradient clipping; 0 disables clipping.",
    )
    cached: bool = field(
        default=False,
        serde_default=True,
        doc="GradCache: two-pass in-batch-negative loss with memory bounded by the chunk.",
    )
    hard_negatives: HardNegativeConfig = field(
        factory=HardNegativeConfig, serde_default=True, doc="Hard-negative mining settings."
    )
    matryoshka_dims: list[Usize] = field(
        factory=list,
        serde_default=True,
        doc="Matryoshka prefix dimensions trained jointly; each > 0.",
    )

    @_rules.raises_when(_rules.G1)
    def validate(self) -> None:
        """Rust's ``validate()``: raise ``FineTuneError`` for the first rule broken."""
        _validate_g1(self)

    def problems(self) -> list[FineTuneError]:
        """Every rule ``validate()`` checks that this config breaks, in Rust's order.

        Each error's ``path`` names the field the rule is about; ``validate()`` raises
        the first, so its behaviour is Rust's.
        """
        try:
            _validate_g1(self)  # one generated test of every rule's own condition
        except FineTuneError:
            return _rules.problems(self, _rules.G1)
        return []  # no rule broken: no need to compile and run each on its own
