"""Python -> YAML -> serde_yaml -> YAML -> Python, byte for byte at every step (issue 3).

Configs come from the shipped hypothesis strategies (``jammi_wire.testing``), drawn
first and sent to the Rust harness in one batch per mode. Each mode is one way a user
writes YAML: serde_yaml 0.9's tags, the singleton-map dialect, and ``portable`` text
(which serde_yaml must read to the same value and write back as its usual text).
"""

from __future__ import annotations

from typing import Any

import pytest
from harness import Harness
from test_live_roundtrip import collect

import jammi_wire as jw
import jammi_wire.testing as jt
from jammi_wire import FineTuneConfig, from_yaml, to_json, to_yaml

CONFIGS = 700  # x 3 modes: over 2,000 round trips per run

# (harness format, dialect, portable)
MODES = [
    ("yaml", "tags", False),
    ("yaml_singleton_map", "singleton_map", False),
    ("yaml", "tags", True),
]


def _configs() -> list[FineTuneConfig]:
    drawn = collect(jt.values(FineTuneConfig), CONFIGS // 2)
    drawn += collect(jt.fine_tune_configs(), CONFIGS - len(drawn))
    # One rank_pattern key at most: serde's HashMap would reorder more of them, and
    # byte equality at every step is the point here (the JSON tests cover the order).
    return [jw.replace(c, rank_pattern=dict(list(c.rank_pattern.items())[:1])) for c in drawn]


@pytest.fixture(scope="module")
def configs() -> list[FineTuneConfig]:
    return _configs()


@pytest.mark.parametrize(
    ("fmt", "dialect", "portable"), MODES, ids=["tags", "singleton_map", "portable"]
)
def test_python_yaml_rust_yaml_python(
    rust: Harness, configs: list[FineTuneConfig], fmt: str, dialect: Any, portable: bool
) -> None:
    ours = [to_yaml(c, dialect=dialect, portable=portable) for c in configs]
    responses = rust.decode_many((fmt, "FineTuneConfig", text) for text in ours)
    checked = 0
    for config, text, resp in zip(configs, ours, responses, strict=True):
        assert resp["ok"], (text, resp.get("error"))
        # Rust read our text to our value: it writes what we write for that value (for
        # non-portable text, the text itself).
        assert resp[fmt] == to_yaml(config, dialect=dialect), text
        # And Python reads Rust's text back to the same value, written the same way.
        back = from_yaml(resp[fmt], validate=False, unknown="error", dialect=dialect)
        assert to_yaml(back, dialect=dialect) == resp[fmt]
        if to_json_safe(config):
            assert back == config
        checked += 1
    assert checked >= 650


def to_json_safe(config: FineTuneConfig) -> bool:
    """Whether ``==`` can compare it (NaN never equals itself)."""
    try:
        to_json(config)
    except jw.WireError:
        return False
    return True


def test_serde_written_yaml_with_1e6_and_yes_round_trips_unchanged(rust: Harness) -> None:
    config = jw.replace(FineTuneConfig(), learning_rate=1e-6, target_modules=["yes", "query"])
    (resp,) = rust.decode_many([("json", "FineTuneConfig", to_json(config))])
    serde_text = resp["yaml"]
    # What serde_yaml writes, and what a YAML 1.1 reader would get wrong:
    assert "learning_rate: 1e-6\n" in serde_text and "- yes\n" in serde_text
    back = from_yaml(serde_text)
    assert back.learning_rate == 1e-6 and back.target_modules == ["yes", "query"]
    assert back == config
    assert to_yaml(back) == serde_text
