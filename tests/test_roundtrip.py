"""Property tests: unstructure/structure and to_json/from_json are inverse, on both paths."""

from __future__ import annotations

import math
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jammi_wire as jw
from jammi_wire.preconf import json as pj
from jammi_wire.testing import fine_tune_configs, values

TYPES: list[Any] = [
    jw.FineTuneConfig,
    jw.HardNegativeConfig,
    jw.EmbeddingLoss,
    jw.RegressionLoss,
    jw.ClassificationLoss,
    jw.EarlyStoppingMetric,
    jw.LrSchedule,
    jw.FineTuneMethod,
    jw.LoraInitMode,
    jw.BackboneDtype,
]


def same(a: Any, b: Any) -> bool:
    """Equality that also tells -0.0 from 0.0, as the wire does."""
    if a != b:
        return False
    return jw.to_json(a) == jw.to_json(b)


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_structure_unstructure(cls: Any, data: st.DataObject) -> None:
    x = data.draw(values(cls))
    assert same(jw.structure(jw.unstructure(x), cls), x)


@pytest.mark.parametrize("fast_read", [True, False], ids=["fastread", "stdread"])
@pytest.mark.parametrize("fast_write", [True, False], ids=["fastwrite", "stdwrite"])
@pytest.mark.parametrize("pretty", [False, True], ids=["compact", "pretty"])
@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_json_round_trip(
    cls: Any, pretty: bool, fast_write: bool, fast_read: bool, data: st.DataObject
) -> None:
    x = data.draw(values(cls))
    old = pj._FAST_READ, pj._FAST_WRITE
    pj._FAST_READ, pj._FAST_WRITE = fast_read, fast_write
    try:
        text = jw.to_json(x, pretty=pretty)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            back = jw.from_json(text, cls, validate=False)
    finally:
        pj._FAST_READ, pj._FAST_WRITE = old
    assert same(back, x)
    assert jw.to_json(back, pretty=pretty) == text


@settings(max_examples=50, deadline=None)
@given(cfg=fine_tune_configs())
def test_valid_configs_round_trip_and_validate(cfg: jw.FineTuneConfig) -> None:
    for pretty in (False, True):
        assert same(jw.from_json(jw.to_json(cfg, pretty=pretty)), cfg)


@settings(max_examples=50, deadline=None)
@given(cfg=fine_tune_configs(valid=False))
def test_invalid_configs_fail_validate_after_round_trip(cfg: jw.FineTuneConfig) -> None:
    with pytest.raises(jw.FineTuneError):
        jw.from_json(jw.to_json(cfg))
    assert same(jw.from_json(jw.to_json(cfg), validate=False), cfg)


@settings(max_examples=100, deadline=None)
@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_round_trips_bit_exact(x: float) -> None:
    loss = jw.EmbeddingLoss.Triplet(margin=x)
    back = jw.from_json(jw.to_json(loss), jw.EmbeddingLoss)
    assert isinstance(back, jw.EmbeddingLoss.Triplet)
    assert back.margin == x
    assert math.copysign(1.0, back.margin) == math.copysign(1.0, x)
