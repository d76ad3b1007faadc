"""Limits enforced while reading, with messages that name the limit, on both read paths."""

from __future__ import annotations

import sys
import warnings

import pytest

import jammi_wire.preconf.json as jw_json
from jammi_wire import FineTuneConfig, WireError, from_json, to_json

BASE = to_json(FineTuneConfig())[:-1]


@pytest.fixture(autouse=True, params=[True, False], ids=["fast_read", "stdlib_read"])
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jw_json, "_FAST_READ", request.param and jw_json._orjson is not None)
    warnings.simplefilter("ignore")


def _with_ignored(value: str) -> str:
    return BASE + ',"zz":' + value + "}"


def test_base_document_reads() -> None:
    assert from_json(BASE + "}").lora_rank == 8


@pytest.mark.parametrize("depth", [128, 300, jw_json.MAX_DEPTH - 2])
def test_deep_ignored_data_is_skipped(depth: int) -> None:
    assert from_json(_with_ignored("[" * depth + "]" * depth)).epochs == 3
    assert from_json(_with_ignored('{"a":' * depth + "1" + "}" * depth)).epochs == 3


@pytest.mark.parametrize("depth", [jw_json.MAX_DEPTH + 1, 20_000, sys.getrecursionlimit() * 3])
def test_past_the_depth_limit_is_a_wire_error(depth: int) -> None:
    for inner in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth, "[" * depth):
        with pytest.raises(WireError, match=f"deeper than {jw_json.MAX_DEPTH}"):
            from_json(_with_ignored(inner))


@pytest.mark.parametrize("digits", [4301, 10_000, 100_000])
def test_huge_integer_literals(digits: int) -> None:
    with pytest.raises(WireError, match="number out of range"):
        from_json(BASE.replace('"epochs":3', '"epochs":' + "9" * digits) + "}")
    # serde_json skips an ignored number without converting it: accepted, as there.
    assert from_json(_with_ignored("9" * digits)).epochs == 3
    # A long literal that is a small float is a float, as serde_json reads it.
    assert from_json(_with_ignored("1" + "0" * digits + "e-" + str(digits))).epochs == 3


def test_non_utf8_input_names_the_position() -> None:
    with pytest.raises(WireError, match="invalid unicode code point") as info:
        from_json((BASE + ',"zz":"\xff"}').encode("latin-1"))
    assert info.value.line == 1 and info.value.column == len(BASE) + 8


def test_max_size() -> None:
    text = _with_ignored('"' + "x" * 1000 + '"')
    assert from_json(text, max_size=len(text)).epochs == 3
    with pytest.raises(WireError, match="max_size=100"):
        from_json(text, max_size=100)
    with pytest.raises(WireError, match="max_size=100"):
        from_json(text.encode(), max_size=100)


def test_max_size_yaml() -> None:
    from jammi_wire.preconf.yaml import from_yaml, to_yaml

    text = to_yaml(FineTuneConfig())
    assert from_yaml(text, max_size=len(text)) == FineTuneConfig()
    for data in (text, text.encode()):
        with pytest.raises(WireError, match="max_size=100"):
            from_yaml(data, max_size=100)
