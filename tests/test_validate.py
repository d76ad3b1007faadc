"""validate(): Rust's rules, in Rust's order, with Rust's exact messages.

Each rule is checked just past its boundary (fails) and at it (passes).
"""

from __future__ import annotations

from typing import Any

import pytest

from jammi_wire import FineTuneConfig, FineTuneError, HardNegativeConfig, RegressionLoss

B, P = RegressionLoss.BetaNll, RegressionLoss.Pinball
MINE = HardNegativeConfig(mine=True)

# (changes that break exactly one rule, Rust's message)
FAILS: list[tuple[dict[str, Any], str]] = [
    ({"lora_rank": 0}, "lora_rank must be > 0"),
    ({"lora_alpha": 0.0}, "lora_alpha must be > 0"),
    ({"lora_alpha": -1e-300}, "lora_alpha must be > 0"),
    ({"lora_alpha": -0.0}, "lora_alpha must be > 0"),
    ({"lora_dropout": -1e-300}, "lora_dropout must be in [0.0, 1.0)"),
    ({"lora_dropout": 1.0}, "lora_dropout must be in [0.0, 1.0)"),
    ({"lora_dropout": float("nan")}, "lora_dropout must be in [0.0, 1.0)"),
    ({"learning_rate": 0.0}, "learning_rate must be > 0"),
    ({"learning_rate": -2e-4}, "learning_rate must be > 0"),
    ({"epochs": 0}, "epochs must be > 0"),
    ({"batch_size": 0}, "batch_size must be > 0"),
    ({"gradient_accumulation_steps": 0}, "gradient_accumulation_steps must be > 0"),
    ({"validation_fraction": -1e-300}, "validation_fraction must be in [0.0, 1.0)"),
    ({"validation_fraction": 1.0}, "validation_fraction must be in [0.0, 1.0)"),
    ({"validation_fraction": float("inf")}, "validation_fraction must be in [0.0, 1.0)"),
    ({"early_stopping_patience": 0}, "early_stopping_patience must be > 0"),
    (
        {"hard_negatives": HardNegativeConfig(mine=True, k=0)},
        "hard_negatives.k must be > 0 when mining is enabled",
    ),
    (
        {"hard_negatives": HardNegativeConfig(mine=True, refresh_every=0)},
        "hard_negatives.refresh_every must be > 0 when mining is enabled",
    ),
    ({"matryoshka_dims": [64, 0]}, "matryoshka_dims entries must all be > 0"),
    ({"regression_loss": B(beta=-1e-300)}, "regression_loss BetaNll beta must be in [0.0, 1.0]"),
    (
        {"regression_loss": B(beta=1.0000000000000002)},
        "regression_loss BetaNll beta must be in [0.0, 1.0]",
    ),
    (
        {"regression_loss": B(beta=float("nan"))},
        "regression_loss BetaNll beta must be in [0.0, 1.0]",
    ),
    ({"regression_loss": P()}, "Pinball regression loss requires at least one quantile level"),
    (
        {"regression_loss": P(), "quantile_levels": [0.0]},
        "quantile_levels must lie strictly in (0, 1)",
    ),
    (
        {"regression_loss": P(), "quantile_levels": [0.5, 1.0]},
        "quantile_levels must lie strictly in (0, 1)",
    ),
    (
        {"regression_loss": P(), "quantile_levels": [-0.0]},
        "quantile_levels must lie strictly in (0, 1)",
    ),
    (
        {"regression_loss": P(), "quantile_levels": [0.5, 0.5]},
        "quantile_levels must be strictly ascending",
    ),
    (
        {"regression_loss": P(), "quantile_levels": [0.9, 0.1]},
        "quantile_levels must be strictly ascending",
    ),
]


@pytest.mark.parametrize(("changes", "message"), FAILS)
def test_rule_fails_past_boundary(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(FineTuneError) as info:
        FineTuneConfig(**changes).validate()
    assert str(info.value) == message
    # problems() lists the one rule broken (and nothing when validate() passes, below)
    assert [str(error) for error in FineTuneConfig(**changes).problems()] == [message]


PASSES: list[dict[str, Any]] = [
    {},
    {"lora_rank": 1},
    {"lora_alpha": 5e-324},
    {"lora_alpha": float("nan")},  # NaN <= 0.0 is false in Rust too
    {"lora_dropout": 0.0},
    {"lora_dropout": 0.9999999999999999},
    {"learning_rate": 5e-324},
    {"epochs": 1},
    {"batch_size": 1},
    {"gradient_accumulation_steps": 1},
    {"validation_fraction": 0.0},
    {"validation_fraction": 0.9999999999999999},
    {"early_stopping_patience": 1},
    {"hard_negatives": HardNegativeConfig(mine=False, k=0, refresh_every=0)},
    {"hard_negatives": HardNegativeConfig(mine=True, k=1, refresh_every=1, exclude_hops=0)},
    {"matryoshka_dims": [1]},
    {"regression_loss": B(beta=0.0)},
    {"regression_loss": B(beta=1.0)},
    {"regression_loss": B(beta=-0.0)},
    {"regression_loss": RegressionLoss.Crps(), "quantile_levels": [2.0, 1.0]},
    {"quantile_levels": [5.0, -1.0]},
    {"regression_loss": P(), "quantile_levels": [5e-324]},
    {"regression_loss": P(), "quantile_levels": [0.9999999999999999]},
    {"regression_loss": P(), "quantile_levels": [0.05, 0.5, 0.95]},
    {"warmup_steps": 0, "max_seq_length": 0, "weight_decay": -1.0, "max_grad_norm": 0.0},
]


@pytest.mark.parametrize("changes", PASSES)
def test_rule_passes_at_boundary(changes: dict[str, Any]) -> None:
    FineTuneConfig(**changes).validate()
    assert FineTuneConfig(**changes).problems() == []


def test_first_failing_rule_wins() -> None:
    everything = FineTuneConfig(
        lora_rank=0,
        lora_alpha=0.0,
        lora_dropout=1.0,
        learning_rate=0.0,
        epochs=0,
        batch_size=0,
        gradient_accumulation_steps=0,
        validation_fraction=1.0,
        early_stopping_patience=0,
        hard_negatives=HardNegativeConfig(mine=True, k=0, refresh_every=0),
        matryoshka_dims=[0],
        regression_loss=P(),
    )
    order = [
        ("lora_rank", 8, "lora_alpha must be > 0"),
        ("lora_alpha", 16.0, "lora_dropout must be in [0.0, 1.0)"),
        ("lora_dropout", 0.05, "learning_rate must be > 0"),
        ("learning_rate", 2e-4, "epochs must be > 0"),
        ("epochs", 3, "batch_size must be > 0"),
        ("batch_size", 8, "gradient_accumulation_steps must be > 0"),
        ("gradient_accumulation_steps", 1, "validation_fraction must be in [0.0, 1.0)"),
        ("validation_fraction", 0.1, "early_stopping_patience must be > 0"),
        ("early_stopping_patience", 3, "hard_negatives.k must be > 0 when mining is enabled"),
    ]
    with pytest.raises(FineTuneError) as info:
        everything.validate()
    assert str(info.value) == "lora_rank must be > 0"
    cfg = everything
    for name, good, next_message in order:
        cfg = FineTuneConfig(**{**_fields(cfg), name: good})
        with pytest.raises(FineTuneError) as info:
            cfg.validate()
        assert str(info.value) == next_message
    rest = [
        (
            "hard_negatives",
            HardNegativeConfig(mine=True, k=1, refresh_every=0),
            "hard_negatives.refresh_every must be > 0 when mining is enabled",
        ),
        ("hard_negatives", MINE, "matryoshka_dims entries must all be > 0"),
        ("matryoshka_dims", [8], "Pinball regression loss requires at least one quantile level"),
        ("quantile_levels", [0.9, 1.5], "quantile_levels must lie strictly in (0, 1)"),
        ("quantile_levels", [0.9, 0.5], "quantile_levels must be strictly ascending"),
    ]
    for name, value, next_message in rest:
        cfg = FineTuneConfig(**{**_fields(cfg), name: value})
        with pytest.raises(FineTuneError) as info:
            cfg.validate()
        assert str(info.value) == next_message


def test_beta_checked_before_pinball_rules() -> None:
    cfg = FineTuneConfig(regression_loss=B(beta=2.0), matryoshka_dims=[0])
    with pytest.raises(FineTuneError) as info:
        cfg.validate()
    assert str(info.value) == "matryoshka_dims entries must all be > 0"


def test_fine_tune_error_is_wire_error_with_plain_str() -> None:
    with pytest.raises(ValueError) as info:
        FineTuneConfig(epochs=0).validate()
    assert isinstance(info.value, FineTuneError)
    assert info.value.message == "epochs must be > 0"
    assert str(info.value) == "epochs must be > 0"


def _fields(cfg: FineTuneConfig) -> dict[str, Any]:
    import attrs

    return {f.name: getattr(cfg, f.name) for f in attrs.fields(FineTuneConfig)}
