"""Construction checks: what the wire can carry, errors naming the field."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

import jammi_wire as jw
from jammi_wire import EmbeddingLoss, FineTuneConfig, HardNegativeConfig, WireError

USIZE_FIELDS = [
    "lora_rank",
    "epochs",
    "batch_size",
    "max_seq_length",
    "gradient_accumulation_steps",
    "early_stopping_patience",
    "warmup_steps",
]
F64_FIELDS = [
    "lora_alpha",
    "lora_dropout",
    "learning_rate",
    "validation_fraction",
    "weight_decay",
    "max_grad_norm",
]


@pytest.mark.parametrize("name", USIZE_FIELDS)
@pytest.mark.parametrize("value", [0, 1, 2**64 - 1])
def test_usize_accepts_range(name: str, value: int) -> None:
    assert getattr(FineTuneConfig(**{name: value}), name) == value


@pytest.mark.parametrize("name", USIZE_FIELDS)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "invalid value: integer `-1`, expected usize"),
        (2**64, "invalid value: integer `18446744073709551616`, expected usize"),
        (True, "invalid type: boolean `true`, expected usize"),
        (False, "invalid type: boolean `false`, expected usize"),
        (1.0, "invalid type: floating point `1.0`, expected usize"),
        ("8", 'invalid type: string "8", expected usize'),
        (None, "invalid type: null, expected usize"),
    ],
)
def test_usize_rejects(name: str, value: Any, message: str) -> None:
    with pytest.raises(WireError) as info:
        FineTuneConfig(**{name: value})
    assert info.value.path == (name,)
    assert info.value.message == message
    assert str(info.value) == f"{name}: {message}"


@pytest.mark.parametrize("name", F64_FIELDS)
def test_f64_int_stored_as_float(name: str) -> None:
    cfg = FineTuneConfig(**{name: 16})
    assert type(getattr(cfg, name)) is float
    assert f'"{name}":16.0' in jw.to_json(cfg)


@pytest.mark.parametrize("name", F64_FIELDS)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "invalid type: boolean `true`, expected f64"),
        ("1", 'invalid type: string "1", expected f64'),
        (None, "invalid type: null, expected f64"),
    ],
)
def test_f64_rejects(name: str, value: Any, message: str) -> None:
    with pytest.raises(WireError) as info:
        FineTuneConfig(**{name: value})
    assert info.value.path == (name,)
    assert info.value.message == message


def test_lora_alpha_int_serializes_as_float() -> None:
    assert '"lora_alpha":16.0' in jw.to_json(FineTuneConfig(lora_alpha=16))


def test_big_int_to_f64() -> None:
    assert FineTuneConfig(lora_alpha=2**64).lora_alpha == 1.8446744073709552e19


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"target_modules": ["a", 1]},
            ("target_modules", 1),
            "invalid type: integer `1`, expected a string",
        ),
        (
            {"rank_pattern": {"a": True}},
            ("rank_pattern", "a"),
            "invalid type: boolean `true`, expected usize",
        ),
        (
            {"rank_pattern": {"a": -1}},
            ("rank_pattern", "a"),
            "invalid value: integer `-1`, expected usize",
        ),
        (
            {"layers_to_transform": [1, -1]},
            ("layers_to_transform", 1),
            "invalid value: integer `-1`, expected usize",
        ),
        (
            {"matryoshka_dims": [1.0]},
            ("matryoshka_dims", 0),
            "invalid type: floating point `1.0`, expected usize",
        ),
        (
            {"quantile_levels": [1, "x"]},
            ("quantile_levels", 1),
            'invalid type: string "x", expected f64',
        ),
        (
            {"quantile_levels": [False]},
            ("quantile_levels", 0),
            "invalid type: boolean `false`, expected f64",
        ),
        ({"use_rslora": 1}, ("use_rslora",), "invalid type: integer `1`, expected a boolean"),
        ({"cached": None}, ("cached",), "invalid type: null, expected a boolean"),
    ],
)
def test_containers_typed_element_by_element(
    changes: dict[str, Any], path: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(WireError) as info:
        FineTuneConfig(**changes)
    assert info.value.path == path
    assert info.value.message == message


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"rank_pattern": {1: 1}}, ("rank_pattern",)),
        ({"hard_negatives": {}}, ("hard_negatives",)),
        ({"embedding_loss": "co_sent"}, ("embedding_loss",)),
        ({"lr_schedule": "constant"}, ("lr_schedule",)),
        ({"target_modules": "ab"}, ("target_modules",)),
        ({"target_modules": ["\ud800"]}, ("target_modules", 0)),
        ({"regression_loss": EmbeddingLoss.CoSent()}, ("regression_loss",)),
    ],
)
def test_wrong_kinds_rejected_naming_field(changes: dict[str, Any], path: tuple[Any, ...]) -> None:
    with pytest.raises(WireError) as info:
        FineTuneConfig(**changes)
    assert info.value.path == path


def test_list_int_elements_become_floats() -> None:
    cfg = FineTuneConfig(quantile_levels=[1, 2])
    assert [type(q) for q in cfg.quantile_levels] == [float, float]
    assert '"quantile_levels":[1.0,2.0]' in jw.to_json(cfg)


def test_variant_fields_checked() -> None:
    with pytest.raises(WireError) as info:
        EmbeddingLoss.Triplet(margin=True)  # type: ignore[arg-type]
    assert str(info.value) == "margin: invalid type: boolean `true`, expected f64"
    assert type(EmbeddingLoss.Triplet(margin=1).margin) is float
    with pytest.raises(WireError) as info:
        HardNegativeConfig(k="1")  # type: ignore[arg-type]
    assert str(info.value) == 'k: invalid type: string "1", expected usize'


def test_assignment_checked() -> None:
    cfg = FineTuneConfig()
    with pytest.raises(WireError) as info:
        cfg.epochs = -1
    assert str(info.value) == "epochs: invalid value: integer `-1`, expected usize"
    cfg.lora_alpha = 2  # type: ignore[assignment]
    assert type(cfg.lora_alpha) is float


def test_replace_works_and_checks() -> None:
    base = FineTuneConfig()
    changed = jw.replace(base, epochs=5, lora_alpha=32)
    assert changed.epochs == 5
    assert changed.lora_alpha == 32.0
    assert type(changed.lora_alpha) is float
    assert base.epochs == 3
    with pytest.raises(WireError) as info:
        jw.replace(base, epochs=-1)
    assert str(info.value) == "epochs: invalid value: integer `-1`, expected usize"
    assert jw.replace(EmbeddingLoss.Triplet(margin=0.5), margin=1) == EmbeddingLoss.Triplet(
        margin=1.0
    )


def test_constructed_config_round_trips() -> None:
    cfg = FineTuneConfig(lora_alpha=16, quantile_levels=[0, 1], rank_pattern={"q": 2**64 - 1})
    assert jw.from_json(jw.to_json(cfg), validate=False) == cfg


def test_non_finite_constructs_but_cannot_be_written() -> None:
    cfg = FineTuneConfig(max_grad_norm=math.inf)
    with pytest.raises(WireError):
        jw.to_json(cfg)


def test_variants_are_attrs_frozen() -> None:
    value = EmbeddingLoss.Triplet(margin=0.5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        value.margin = 1.0  # type: ignore[misc]


def test_replace_unknown_field_is_wire_error() -> None:
    with pytest.raises(WireError) as info:
        jw.replace(FineTuneConfig(), lora_rnak=1)
    assert str(info.value) == "lora_rnak: no field `lora_rnak` in FineTuneConfig"
    with pytest.raises(WireError) as info:
        jw.replace(EmbeddingLoss.Triplet(margin=0.5), temperature=1.0)
    assert info.value.path == ("temperature",)
