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
from typing import Any, TypeVar

from ._errors import FineTuneError
from .serde.floats import rust_display_f64

Rule = Callable[[Any], "FineTuneError | None"]


def _variant(value: Any) -> str | None:
    return None if value is None else type(value).__name__


class _Rule:
    """A rule from the Python condition (over the config ``c``) under which it is broken.

    The condition is also the rule's part of :func:`validator`, which tests all of a
    generation's rules in one expression, so it is written once, here. Each is
    compiled on first use, not at import.
    """

    __slots__ = ("_check", "broken", "condition", "error", "guard", "names")

    def __init__(
        self,
        condition: str,
        error: Callable[[Any], FineTuneError],
        names: Any,
        guard: str | None = None,
    ) -> None:
        # A rule that applies only when ``guard`` holds (mining enabled, a variant):
        # :func:`validator` tests a guard once for the rules in a row that share it.
        self.guard = guard
        self.condition = condition
        self.broken = condition if guard is None else f"{guard} and ({condition})"
        self.error = error
        self.names = names
        self._check: Callable[[Any], bool] | None = None

    def __call__(self, c: Any) -> FineTuneError | None:
        check = self._check
        if check is None:
            check = self._check = _compile("check", f"return {self.broken}", self.names)
        return self.error(c) if check(c) else None


def _compile(name: str, body: str, names: Any) -> Any:
    namespace = dict(names)
    exec(f"def {name}(c):\n    {body}\n", namespace)
    return namespace[name]


def _rule(
    broken: str, error: Callable[[Any], FineTuneError], guard: str | None = None, **names: Any
) -> Rule:
    return _Rule(broken, error, names, guard)


def _must_be_positive(name: str) -> Rule:
    message = f"{name} must be > 0"
    return _rule(f"c.{name} == 0", lambda c: FineTuneError(message, (name,)))


def _in_unit_interval(name: str) -> Rule:
    message = f"{name} must be in [0.0, 1.0)"
    return _rule(f"not 0.0 <= c.{name} < 1.0", lambda c: FineTuneError(message, (name,)))


def _positive_float(name: str) -> Rule:
    message = f"{name} must be > 0"
    return _rule(f"c.{name} <= 0.0", lambda c: FineTuneError(message, (name,)))


lora_rank = _must_be_positive("lora_rank")
lora_alpha = _positive_float("lora_alpha")
lora_dropout = _in_unit_interval("lora_dropout")
learning_rate = _positive_float("learning_rate")
epochs = _must_be_positive("epochs")
batch_size = _must_be_positive("batch_size")
gradient_accumulation_steps = _must_be_positive("gradient_accumulation_steps")
validation_fraction = _in_unit_interval("validation_fraction")
early_stopping_patience = _must_be_positive("early_stopping_patience")

_MINING = "c.hard_negatives.mine"
hard_negatives_k = _rule(
    "c.hard_negatives.k == 0",
    lambda c: FineTuneError(
        "hard_negatives.k must be > 0 when mining is enabled", ("hard_negatives", "k")
    ),
    guard=_MINING,
)
hard_negatives_refresh_every = _rule(
    "c.hard_negatives.refresh_every == 0",
    lambda c: FineTuneError(
        "hard_negatives.refresh_every must be > 0 when mining is enabled",
        ("hard_negatives", "refresh_every"),
    ),
    guard=_MINING,
)
matryoshka_dims = _rule(
    "0 in c.matryoshka_dims",
    lambda c: FineTuneError(
        "matryoshka_dims entries must all be > 0",
        ("matryoshka_dims", c.matryoshka_dims.index(0)),
    ),
)


def _regression_loss_is(variant: str) -> str:
    """A regression-loss variant by its class's (Rust's) name, inline; ``None`` (the
    usual value) is told apart first, by identity."""
    return f"c.regression_loss is not None and type(c.regression_loss).__name__ == {variant!r}"


beta_nll_beta = _rule(
    "not 0.0 <= c.regression_loss.beta <= 1.0",
    lambda c: FineTuneError(
        "regression_loss BetaNll beta must be in [0.0, 1.0]", ("regression_loss",)
    ),
    guard=_regression_loss_is("BetaNll"),
)
_PINBALL = _regression_loss_is("Pinball")
pinball_has_levels = _rule(
    "not c.quantile_levels",
    lambda c: FineTuneError(
        "Pinball regression loss requires at least one quantile level", ("quantile_levels",)
    ),
    guard=_PINBALL,
)
pinball_levels_in_range = _rule(
    "any(not 0.0 <= q < 1.0 or q <= 0.0 for q in c.quantile_levels)",
    lambda c: FineTuneError("quantile_levels must lie strictly in (0, 1)", ("quantile_levels",)),
    guard=_PINBALL,
)
pinball_levels_ascending = _rule(
    "any(b <= a for a, b in pairwise(c.quantile_levels))",
    lambda c: FineTuneError("quantile_levels must be strictly ascending", ("quantile_levels",)),
    guard=_PINBALL,
    pairwise=pairwise,
)


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


val_loss_needs_split = _rule(
    "c.validation_fraction == 0.0 and c.early_stopping_metric.value == 'val_loss'",
    lambda c: FineTuneError(VAL_LOSS_NEEDS_SPLIT, ("early_stopping_metric",)),
)


KEEP_ZERO = (
    "keep_last_n_checkpoints=0 is ambiguous; omit the field to disable per-epoch "
    "checkpointing entirely (the default), or set it to a value >= 1 to enable it and "
    "retain a rolling window (>= epochs retains every epoch)"
)


keep_last_n_checkpoints = _rule(
    "c.keep_last_n_checkpoints == 0",
    lambda c: FineTuneError(KEEP_ZERO, ("keep_last_n_checkpoints",)),
)


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


def validator(rules: Sequence[Rule]) -> Callable[[Any], None]:
    """A function raising the first rule of ``rules`` that its config breaks.

    A config read from a file nearly always passes: one generated expression of all
    the rules' conditions says so, and only a config it refuses is checked rule by
    rule (the conditions are the rules' own, so both agree).
    """
    return _validator(tuple(rules))


def _validator(rules: tuple[Rule, ...]) -> Callable[[Any], None]:
    def first_broken(config: Any) -> None:
        for rule in rules:
            error = rule(config)
            if error is not None:
                raise error

    body, names = condition(rules)
    names["_first_broken"] = first_broken
    validate: Callable[[Any], None] = _compile(
        "validate", f"if {body}:\n        _first_broken(c)", names
    )
    return validate


def condition(rules: Sequence[Rule]) -> tuple[str, dict[str, Any]]:
    """One Python expression over the config ``c``, true exactly when a rule of
    ``rules`` is broken, and the names it refers to: what :func:`validator`'s function
    tests before looking for the first rule broken."""
    names: dict[str, Any] = {}
    conditions = []
    guarded: list[str] = []  # the conditions of the rules in a row under `guard`
    guard: str | None = None
    for index, rule in enumerate(rules):
        if guarded and (not isinstance(rule, _Rule) or rule.guard != guard):
            conditions.append(f"({guard} and ({' or '.join(guarded)}))")
            guarded = []
        if isinstance(rule, _Rule):
            names.update(rule.names)
            if rule.guard is None:
                conditions.append(f"({rule.broken})")
            else:
                guard = rule.guard
                guarded.append(f"({rule.condition})")
        else:  # a rule written as a function is called
            names[f"_rule{index}"] = rule
            conditions.append(f"_rule{index}(c) is not None")
    if guarded:
        conditions.append(f"({guard} and ({' or '.join(guarded)}))")
    return " or ".join(conditions) or "False", names


F = TypeVar("F", bound=Callable[..., Any])


def raises_when(rules: Sequence[Rule]) -> Callable[[F], F]:
    """Mark a ``validate()`` that raises when, and only when, :func:`condition` of
    ``rules`` holds for its config (and does nothing else). ``from_json``'s generated
    reader then tests that condition on the values it has just read, in place, and
    calls ``validate()`` only when it holds (``__condition__``: see
    ``FastCompiler.reader``)."""

    def mark(method: F) -> F:
        method.__dict__["__condition__"] = lambda: condition(rules)
        return method

    return mark
