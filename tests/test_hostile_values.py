"""Python values no Rust type holds (issue 13, finding 3): only WireError escapes.

An integer beyond f64's range where an f64 is wanted is "number out of range" (what
serde_json says of such a number) on every route: ``structure`` (fast and exact
paths), the constructor, assignment, list elements and enum variant fields. An
integer too long for Python's ``str()`` digit limit is described by its size.
"""

from __future__ import annotations

from typing import Any

import pytest

import jammi_wire as jw
import jammi_wire.converters as converters
from jammi_wire import FineTuneConfig, WireError
from jammi_wire.serde.floats import int_to_f64

HUGE = 10**400  # beyond f64
ENORMOUS = 10**4300  # beyond Python's default int -> str digit limit (4300 digits)


@pytest.fixture(params=["fast", "exact"])
def structure_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "exact":
        monkeypatch.setattr(converters, "_fast_structure_for", lambda cls: None)
        monkeypatch.setattr(converters, "_FAST_BY_CLASS", {})
    return str(request.param)


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"lora_alpha": HUGE}, "lora_alpha"),
        ({"lora_alpha": -HUGE}, "lora_alpha"),
        ({"quantile_levels": [0.5, HUGE]}, "quantile_levels[1]"),
        ({"embedding_loss": {"triplet": {"margin": HUGE}}}, "embedding_loss.triplet.margin"),
    ],
)
def test_structure_int_beyond_f64(data: dict[str, Any], path: str, structure_path: str) -> None:
    with pytest.raises(WireError) as info:
        jw.structure({"lora_rank": 8, **data}, FineTuneConfig)
    assert str(info.value) == f"{path}: number out of range"


def test_structure_int_beyond_digit_limit(structure_path: str) -> None:
    with pytest.raises(WireError) as info:
        jw.structure({"lora_rank": ENORMOUS}, FineTuneConfig)
    assert str(info.value) == "lora_rank: invalid value: integer of 14285 bits, expected usize"
    with pytest.raises(WireError):
        jw.structure({"lora_rank": 8, "lora_alpha": ENORMOUS}, FineTuneConfig)


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: FineTuneConfig(lora_alpha=HUGE), ("lora_alpha",)),
        (lambda: FineTuneConfig(quantile_levels=[HUGE]), ("quantile_levels", 0)),
        (lambda: jw.EmbeddingLoss.Triplet(margin=HUGE), ("margin",)),
        (lambda: FineTuneConfig(lora_rank=ENORMOUS), ("lora_rank",)),
        (lambda: FineTuneConfig(lora_alpha=ENORMOUS), ("lora_alpha",)),
    ],
)
def test_constructor_refuses_with_wire_error(build: Any, path: tuple[Any, ...]) -> None:
    with pytest.raises(WireError) as info:
        build()
    assert info.value.path == path


def test_assignment_refuses_with_wire_error() -> None:
    config = FineTuneConfig()
    with pytest.raises(WireError):
        config.lora_alpha = HUGE
    with pytest.raises(WireError):
        config.epochs = ENORMOUS


def test_the_rule_itself() -> None:
    assert int_to_f64(3) == 3.0
    assert int_to_f64(2**1023) == float(2**1023)
    assert int_to_f64(HUGE) is None
    assert int_to_f64(-HUGE) is None


def test_json_text_beyond_f64_is_out_of_range() -> None:
    with pytest.raises(WireError, match="number out of range"):
        jw.from_json('{"lora_rank": 8, "lora_alpha": 1' + "0" * 400 + "}")
