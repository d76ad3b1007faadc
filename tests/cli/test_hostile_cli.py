"""The command line on hostile input (issue 13, findings 3, 5, 7 and 8)."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

import jammi_wire as jw
from jammi_wire import FineTuneConfig, WireError, to_json, to_yaml
from jammi_wire.cli import main
from jammi_wire.diagnostics import diagnose_text

GOOD = to_json(FineTuneConfig())


def _record(**changes: object) -> str:
    tree = json.loads(GOOD)
    tree.update(changes)
    return json.dumps(tree, ensure_ascii=False)


# ── finding 7: verdicts and codes ───────────────────────────────────────────


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\u2029", "\x0c", "\x1e"])
def test_jsonl_check_splits_records_only_at_newline(
    separator: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "jobs.jsonl"
    source.write_text(_record(target_modules=[f"a{separator}b"]) + "\n" + GOOD + "\n")
    assert main(["check", str(source)]) == 0, capsys.readouterr().out
    assert main(["convert", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0


def test_jsonl_line_of_only_a_form_feed_is_a_bad_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "jobs.jsonl"
    source.write_text(GOOD + "\n\x0c\n" + GOOD + "\n  \r\n")
    assert main(["check", str(source)]) == 1
    out = capsys.readouterr().out
    assert f"{source}:2:" in out
    # convert agrees: the same line is a record it cannot read
    assert main(["convert", str(source), "-o", str(tmp_path / "out.jsonl")]) == 1
    assert f"{source}:2:" in capsys.readouterr().err


def test_diff_of_an_invalid_file_is_a_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(to_yaml(FineTuneConfig()))
    bad.write_text(to_yaml(FineTuneConfig()).replace("epochs: 3", "epochs: x"))
    assert main(["diff", str(good), str(bad)]) == 1
    assert "epochs" in capsys.readouterr().err


def test_message_text_in_a_value_does_not_steer_check() -> None:
    text = json.dumps(
        {**json.loads(GOOD), "lora_rank": "missing field `epochs`", "lora_alpha": "x"}
    )
    found = diagnose_text(text, format="json")
    assert [(d.path, d.code) for d in found] == [
        (("lora_rank",), "decode"),
        (("lora_alpha",), "decode"),
    ]


# ── finding 3: one line and exit 2, never a traceback ───────────────────────


def test_check_of_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "directory" in err


# ── finding 8: noise ────────────────────────────────────────────────────────

BIG = "v" * 1_000_000


def test_convert_caps_an_echoed_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.json"
    source.write_text(_record(epochs=BIG))
    assert main(["convert", str(source), "-o", str(tmp_path / "out.yaml")]) == 1
    err = capsys.readouterr().err
    assert "epochs" in err and len(err) < 1_000


def test_convert_jsonl_caps_an_echoed_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_record(epochs=BIG) + "\n")
    assert main(["convert", str(source), "-o", str(tmp_path / "out.jsonl"), "--keep-going"]) == 1
    err = capsys.readouterr().err
    assert f"{source}:1:" in err and len(err) < 1_000


def test_diff_caps_an_echoed_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(GOOD)
    bad.write_text(_record(epochs=BIG))
    assert main(["diff", str(good), str(bad)]) == 1
    assert len(capsys.readouterr().err) < 1_000


def test_check_json_report_caps_an_echoed_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.json"
    source.write_text(_record(epochs=BIG))
    assert main(["check", str(source), "--report", "json"]) == 1
    out = capsys.readouterr().out
    assert len(out) < 5_000
    assert "epochs" in out


def test_convert_says_which_unknown_fields_it_drops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.yaml"
    source.write_text(to_yaml(FineTuneConfig()) + "lora_rnak: 64\n")
    assert main(["convert", str(source), "-o", str(tmp_path / "out.json")]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "lora_rnak" in err and "dropped" in err and "lora_rank" in err
    assert "lora_rnak" not in (tmp_path / "out.json").read_text()


def test_convert_jsonl_says_which_unknown_fields_it_drops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n" + _record(lora_rnak=64) + "\n")
    assert main(["convert", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert f"{source}:2: warning:" in err and "lora_rnak" in err


def test_convert_keep_going_memory_is_flat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _record(epochs="x" * 10_000)

    def peak(pairs: int) -> int:
        source = tmp_path / f"in{pairs}.jsonl"
        source.write_text((GOOD + "\n" + bad + "\n") * pairs)
        tracemalloc.start()
        try:
            args = ["convert", str(source), "-o", str(tmp_path / "out.jsonl"), "--keep-going"]
            assert main(args) == 1
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert capsys.readouterr().err.count("\n") == pairs

    peak(5)  # imports and compiled code out of the way
    # Keeping every error with its value until the end grew by 10 KB per bad record.
    assert peak(500) - peak(50) < 500_000


@pytest.mark.parametrize(
    ("data", "unit"), [("x" * 101, "characters"), (b"x" * 101, "bytes"), ("é" * 101, "characters")]
)
def test_max_size_says_what_it_counted(data: str | bytes, unit: str) -> None:
    for read in (jw.from_json, jw.from_yaml):
        with pytest.raises(WireError) as info:
            read(data, max_size=100)
        assert info.value.message == f"document of 101 {unit} exceeds max_size=100"


def test_load_refuses_an_oversized_file_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with open(big, "wb") as handle:
        handle.truncate(1 << 30)  # a sparse gigabyte: reading it would allocate one
    tracemalloc.start()
    try:
        with pytest.raises(WireError, match=f"document of {1 << 30} bytes exceeds max_size=1000"):
            jw.load(big, max_size=1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        os.unlink(big)
    assert peak < 1 << 20
