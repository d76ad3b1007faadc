"""YAML: serde_yaml 0.9.34's reading and writing rules, with literal expectations."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings

from jammi_wire import EmbeddingLoss, FineTuneConfig, WireError, replace
from jammi_wire.preconf.yaml import from_yaml, to_yaml
from jammi_wire.testing import fine_tune_configs

BASE = to_yaml(FineTuneConfig(lora_rank=8)) if False else None


def _cfg() -> FineTuneConfig:

    return fine_tune_configs().example()  # type: ignore[no-any-return]


SERDE_WRITTEN = None


def test_scalar_resolution_by_type() -> None:
    from jammi_wire.preconf import _yaml_scalars as s

    assert s.plain_bool("True") is True and s.plain_bool("FALSE") is False
    assert s.plain_bool("yes") is None and s.plain_bool("on") is None
    assert s.parse_unsigned("0x10") == 16 and s.parse_unsigned("0o10") == 8
    assert s.parse_unsigned("+1") == 1 and s.parse_unsigned("0b101") == 5
    assert s.parse_unsigned("010") is None and s.parse_unsigned("1_000") is None
    assert s.parse_unsigned("-0") is None and s.parse_unsigned("8.0") is None
    assert s.parse_unsigned("0X10") is None and s.parse_unsigned("0x+1") is None
    assert s.parse_unsigned(str(2**64 - 1)) == 2**64 - 1 and s.parse_unsigned(str(2**64)) is None
    assert s.parse_unsigned("1" * 5000) is None  # no int() of a huge string
    assert s.parse_signed("-0x10") == -16 and s.parse_signed("-9") == -9
    assert s.parse_float("2e-4") == 2e-4 and s.parse_float("1E5") == 1e5
    assert s.parse_float(".5") == 0.5 and s.parse_float("5.") == 5.0
    assert s.parse_float("+1.5") == 1.5 and s.parse_float("0x10") is None
    assert s.parse_float("1_000.0") is None and s.parse_float("~") is None
    assert s.parse_float("inf") is None and s.parse_float("-.Inf") == -math.inf
    assert s.parse_float("1e400") is None and s.parse_float("010") == 10.0
    assert math.isnan(s.parse_float(".NaN") or 0.0)
    for word in ("~", "null", "Null", "NULL", ""):
        assert s.plain_null(word)


def test_plain_scalars_are_described_as_serde_yaml_resolves_them() -> None:
    from jammi_wire.preconf import _yaml_scalars as s

    assert s.describe_plain("-0") == "integer `0`"
    assert s.describe_plain(str(2**64)) == f"integer `{2**64}` as u128"
    assert s.describe_plain(str(-(2**64))) == f"integer `{-(2**64)}` as i128"
    assert s.describe_plain("1" + "0" * 45) == "floating point `1" + "0" * 45 + ".0`"
    assert s.describe_plain("010") == 'string "010"'
    assert s.describe_plain("1e5") == "floating point `100000.0`"
    assert s.describe_plain("~") == "unit value"


def test_float_and_string_text() -> None:
    from jammi_wire.preconf._yaml_emit import emit

    assert emit({"k": [1e-6, 1e16, 0.1, -0.0, 1e15, 1e-5, 2e-4]}) == (
        "k:\n- 1e-6\n- 1e16\n- 0.1\n- -0.0\n- 1000000000000000.0\n- 0.00001\n- 0.0002\n"
    )
    assert emit({"k": math.inf}) == "k: .inf\n"
    cases = {
        "yes": "yes", "1e3": "'1e3'", "": "''", "~": "'~'", "010": "'010'",
        " lead": "' lead'", "a: b": "'a: b'", "#": "'#'", "é": "é", "- x": "'- x'",
        "a\tb": '"a\\tb"', "\x85": '"\\N"', "null": "'null'", "True": "'True'",
    }  # fmt: skip
    for text, expected in cases.items():
        assert emit({"k": text}) == f"k: {expected}\n", text
    assert emit({"k": "a\nb"}) == "k: |-\n  a\n  b\n"


def test_serde_written_yaml_round_trips_unchanged() -> None:
    cfg = fine_tune_configs().example()
    cfg = replace(cfg, learning_rate=1e-6, target_modules=["yes", "query"])
    text = to_yaml(cfg)
    assert "learning_rate: 1e-6\n" in text
    assert "- yes\n" in text
    back = from_yaml(text, validate=False)
    assert back.learning_rate == 1e-6 and back.target_modules == ["yes", "query"]
    assert to_yaml(back) == text


def test_struct_variant_tag_layout_and_dialects() -> None:
    cfg = replace(fine_tune_configs().example(), embedding_loss=EmbeddingLoss.Triplet(margin=0.5))
    text = to_yaml(cfg)
    assert "embedding_loss: !triplet\n  margin: 0.5\n" in text
    single = to_yaml(cfg, dialect="singleton_map")
    assert "embedding_loss:\n  triplet:\n    margin: 0.5\n" in single
    assert from_yaml(single, validate=False) == cfg
    with pytest.raises(WireError, match="expected"):
        from_yaml(single, validate=False, dialect="tags")
    assert from_yaml(text, validate=False, dialect="tags") == cfg


@settings(max_examples=150, deadline=None)
@given(fine_tune_configs(valid=False))
def test_every_mode_reads_back(cfg: FineTuneConfig) -> None:
    for dialect in ("tags", "singleton_map"):
        for portable in (False, True):
            text = to_yaml(cfg, dialect=dialect, portable=portable)  # type: ignore[arg-type]
            back = from_yaml(text, validate=False)
            assert to_yaml(back) == to_yaml(cfg)


def test_reading_errors() -> None:
    text = to_yaml(fine_tune_configs().example())
    with pytest.raises(WireError, match="more than one document"):
        from_yaml(text + "---\n" + text, validate=False)
    with pytest.raises(WireError, match="duplicate field `epochs`"):
        from_yaml(text + "epochs: 3\n", validate=False)
    with pytest.raises(WireError, match=r"invalid type: string \"yes\", expected a boolean"):
        bad = text.replace("cached: false", "cached: yes").replace("cached: true", "cached: yes")
        from_yaml(bad, validate=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_yaml(text + "<<: {epochs: 3}\n", validate=False)
    assert any("merge key" in str(w.message) for w in caught)


def test_multiline_string_in_sequence_reads_back() -> None:
    modules = ["\n", "a\nb ", "a\n\n", " a\nb", "a\u2028b", "x\ny"]
    cfg = replace(fine_tune_configs().example(), target_modules=modules, rank_pattern={"k\nk": 1})
    text = to_yaml(cfg)
    # serde_yaml's layout: block scalars one level past the dash, keep/strip/indent hints,
    # a multi-line key after "? ".
    assert "target_modules:\n- |2+\n\n- \"a\\nb \"\n- |+\n  a\n\n- |2-\n   a\n  b\n" in text
    assert "- 'a\u2028  b'\n- |-\n  x\n  y\n" in text
    assert "rank_pattern:\n  ? |-\n    k\n    k\n  : 1\n" in text
    assert from_yaml(text, validate=False) == cfg
