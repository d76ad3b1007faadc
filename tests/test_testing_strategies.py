"""The strategies shipped in jammi_wire.testing draw what they promise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import jammi_wire as jw
from jammi_wire import testing


@settings(max_examples=150, deadline=None)
@given(testing.fine_tune_configs())
def test_valid_configs_pass_validate_and_round_trip(config: jw.FineTuneConfig) -> None:
    config.validate()
    assert jw.from_json(jw.to_json(config)) == config


@settings(max_examples=150, deadline=None)
@given(testing.fine_tune_configs(valid=False))
def test_invalid_configs_fail_validate(config: jw.FineTuneConfig) -> None:
    with pytest.raises(jw.FineTuneError):
        config.validate()


@settings(max_examples=150, deadline=None)
@given(testing.values(jw.FineTuneConfig))
def test_any_value_round_trips_without_validation(config: jw.FineTuneConfig) -> None:
    text = jw.to_json(config, pretty=True)
    assert jw.from_json(text, validate=False) == config
