"""The rules of ``FineTuneConfig::validate()``, once, and each generation's order of them.

A rule looks at a config and returns the ``FineTuneError`` it raises (its ``path``
names the field) or ``None``. Generations differ only in which rules run and in what
order: G1..G3 run ``G1``, G4 adds three, G5 one more right after ``lora_rank``. The
rules read fields by name and regression-loss variants by their Rust name, so every
generation's classes share them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from ._errors import FineTuneError
from .serde.floats import rust_display_f64

Rule = Callable[[Any], "FineTuneError | None"]


def _variant(value: Any) -> str | None:
    return None if value is None else type(value).__name__


def _must_be_positive(name: str) -> Rule:
    def rule(c: Any) -> FineTuneError | None:
        return FineTuneError(f"{name} must be > 0", (name,)) if getattr(c, name) == 0 else None

    return rule


def _in_unit_interval(name: str) -> Rule:
    def rule(c: Any) -> FineTuneError | None:
        if 0.0 <= getattr(c, name) < 1.0:
            return None
        return FineTuneError(f"{name} must be in [0.0, 1.0)", (name,))

    return rule


def _positive_float(name: str) -> Rule:
    def rule(c: Any) -> FineTuneError | None:
        return FineTuneError(f"{name} must be > 0", (name,)) if getattr(c, name) <= 0.0 else None

    return rule


lora_rank = _must_be_positive("lora_rank")
lora_alpha = _positive_float("lora_alpha")
lora_dropout = _in_unit_interval("lora_dropout")
learning_rate = _positive_float("learning_rate")
epochs = _must_be_positive("epochs")
batch_size = _must_be_positive("batch_size")
gradient_accumulation_steps = _must_be_positive("gradient_accumulation_steps")
validation_fraction = _in_unit_interval("validation_fraction")
early_stopping_patience = _must_be_positive("early_stopping_patience")


def hard_negatives_k(c: Any) -> FineTuneError | None:
    hn = c.hard_negatives
    if hn.mine and hn.k == 0:
        return FineTuneError(
            "hard_negatives.k must be > 0 when mining is enabled", ("hard_negatives", "k")
        )
    return None


def hard_negatives_refresh_every(c: Any) -> FineTuneError | None:
    hn = c.hard_negatives
    if hn.mine and hn.refresh_every == 0:
        return FineTuneError(
            "hard_negatives.refresh_every must be > 0 when mining is enabled",
            ("hard_negatives", "refresh_every"),
        )
    return None


def matryoshka_dims(c: Any) -> FineTuneError | None:
    if 0 in c.matryoshka_dims:
        return FineTuneError(
            "matryoshka_dims entries must all be > 0",
            ("matryoshka_dims", c.matryoshka_dims.index(0)),
        )
    return None


def beta_nll_beta(c: Any) -> FineTuneError | None:
    loss = c.regression_loss
    if _variant(loss) == "BetaNll" and not 0.0 <= loss.beta <= 1.0:
        return FineTuneError(
            "regression_loss BetaNll beta must be in [0.0, 1.0]", ("regression_loss",)
        )
    return None


def _pinball(c: Any) -> bool:
    return _variant(c.regression_loss) == "Pinball"


def pinball_has_levels(c: Any) -> FineTuneError | None:
    if _pinball(c) and not c.quantile_levels:
        return FineTuneError(
            "Pinball regression loss requires at least one quantile level", ("quantile_levels",)
        )
    return None


def pinball_levels_in_range(c: Any) -> FineTuneError | None:
    if _pinball(c) and any(not 0.0 <= q < 1.0 or q <= 0.0 for q in c.quantile_levels):
        return FineTuneError("quantile_levels must lie strictly in (0, 1)", ("quantile_levels",))
    return None


def pinball_levels_ascending(c: Any) -> FineTuneError | None:
    if _pinball(c) and any(b <= a for a, b in pairwise(c.quantile_levels)):
        return FineTuneError("quantile_levels must be strictly ascending", ("quantile_levels",))
    return None


# ── rules added by later generations


def finite_max_grad_norm_message(value: float) -> str | None:
    """G4+: the refusal of a non-finite ``max_grad_norm``, at deserialization and in validate()."""
    if value - value == 0.0:  # finite
        return None
    return f"max_grad_norm must be finite, got {rust_display_f64(value)}"


def max_grad_norm_finite(c: Any) -> FineTuneError | None:
    message = finite_max_grad_norm_message(c.max_grad_norm)
    return None if message is None else FineTuneError(message, ("max_grad_norm",))


VAL_LOSS_NEEDS_SPLIT = (
    "early_stopping_metric=val_loss requires validation_fraction > 0; set "
    "early_stopping_metric=train_loss to train on the whole dataset, or raise "
    "validation_fraction to hold out a split"
)


def val_loss_needs_split(c: Any) -> FineTuneError | None:
    if c.validation_fraction == 0.0 and c.early_stopping_metric.value == "val_loss":
        return FineTuneError(VAL_LOSS_NEEDS_SPLIT, ("early_stopping_metric",))
    return None


KEEP_ZERO = (
    "keep_last_n_checkpoints=0 is ambiguous; omit the field to disable per-epoch "
    "checkpointing entirely (the default), or set it to a value >= 1 to enable it and "
    "retain a rolling window (>= epochs retains every epoch)"
)


def keep_last_n_checkpoints(c: Any) -> FineTuneError | None:
    if c.keep_last_n_checkpoints == 0:
        return FineTuneError(KEEP_ZERO, ("keep_last_n_checkpoints",))
    return None


def warmup_fraction(c: Any) -> FineTuneError | None:
    warmup = c.warmup
    if _variant(warmup) == "Fraction" and not 0.0 <= warmup.value < 1.0:
        return FineTuneError(
            f"warmup fraction must be in [0, 1), got {rust_display_f64(warmup.value)}",
            ("warmup",),
        )
    return None


_HARD_NEGATIVES_TO_END: tuple[Rule, ...] = (
    hard_negatives_k,
    hard_negatives_refresh_every,
    matryoshka_dims,
    beta_nll_beta,
    pinball_has_levels,
    pinball_levels_in_range,
    pinball_levels_ascending,
)
_DROPOUT_TO_ACCUMULATION: tuple[Rule, ...] = (
    lora_alpha,
    lora_dropout,
    learning_rate,
    epochs,
    batch_size,
    gradient_accumulation_steps,
)

G1: tuple[Rule, ...] = (
    lora_rank,
    *_DROPOUT_TO_ACCUMULATION,
    validation_fraction,
    early_stopping_patience,
    *_HARD_NEGATIVES_TO_END,
)
"""0.26.0 - 0.47.0 (G1, G2, G3)."""
G4: tuple[Rule, ...] = (
    lora_rank,
    *_DROPOUT_TO_ACCUMULATION,
    max_grad_norm_finite,
    validation_fraction,
    early_stopping_patience,
    val_loss_needs_split,
    *_HARD_NEGATIVES_TO_END,
    keep_last_n_checkpoints,
)
"""0.48.0 - 0.49.1."""
G5: tuple[Rule, ...] = (lora_rank, warmup_fraction, *G4[1:])
"""0.50.0 - 0.54.0: the warmup fraction is checked right after ``lora_rank``."""


def problems(config: Any, rules: Sequence[Rule]) -> list[FineTuneError]:
    """Every rule of ``rules`` that ``config`` breaks, in order."""
    return [error for rule in rules if (error := rule(config)) is not None]
