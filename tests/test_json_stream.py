"""Big documents read a top-level member and a list item at a time (``_json_stream``).

The streaming reader must accept only what the whole-document paths accept, build the
same object, and leave every other document to the exact path, whose error (message
and position) is then the same as ever. Each case here reads one document by the
exact path and by the streaming path (``str`` and ``bytes``, with bytes decoded in
windows of a few characters as well as the default) and requires identical outcomes.
"""

from __future__ import annotations

import json
import random
import struct
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jammi_wire as jw
from jammi_wire import eval as jeval
from jammi_wire.eval import InferenceEvalReport
from jammi_wire.preconf import _json_stream
from jammi_wire.preconf import json as pjson
from jammi_wire.serde.floats import f32_of_f64, to_f32
from jammi_wire.serde.gen import Bail

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from eval_report import inference_report

VECTORS = Path(__file__).resolve().parent / "vectors" / "eval"
# A real report, small: a few records with predicted and gold spans.
REPORT = inference_report(2500, seed=3)
WINDOWS = (1, 7, 64, _json_stream.CHUNK)
# List items are scanned in batches of about this many characters (1: one or two items).
BATCHES = (1, 300, _json_stream.BATCH)


def _result(obj: Any) -> Any:
    try:
        return ("ok", type(obj).__name__, jw.to_json(obj))
    except jw.WireError:  # a non-finite float: compare the objects' text instead
        return ("ok", type(obj).__name__, repr(obj))


def _read(data: str | bytes, cls: type, *, fast: bool) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _result(jw.from_json(data, cls, validate=False))
        except jw.WireError as error:
            return ("error", str(error))


@pytest.fixture
def streaming(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Every read takes the big-document path; the list records, per streaming read,
    whether the streaming reader built the object itself (True) or gave up (False)."""
    monkeypatch.setattr(pjson, "_FAST_READ_LIMIT", -1)
    calls: list[bool] = []
    real = _json_stream.read

    def spy(*args: Any) -> Any:
        out = real(*args)
        calls.append(out is not None)
        return out

    monkeypatch.setattr(_json_stream, "read", spy)
    yield calls


def _agree(
    text: str, cls: type, monkeypatch: pytest.MonkeyPatch, windows: tuple[int, ...] = WINDOWS
) -> Any:
    """The exact path's outcome for ``text``, after checking that the streaming path
    gives the same for ``text`` as ``str`` and as ``bytes`` in each window size."""
    monkeypatch.setattr(pjson, "_FAST_READ_LIMIT", -1)
    monkeypatch.setattr(pjson, "_FAST_READ", False)
    exact = _read(text, cls, fast=False)
    monkeypatch.setattr(pjson, "_FAST_READ", True)
    for batch in BATCHES:
        monkeypatch.setattr(_json_stream, "BATCH", batch)
        assert _read(text, cls, fast=True) == exact, (batch, text)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in the str itself
        return exact
    assert _read(data, cls, fast=False) == exact
    for window in windows:
        monkeypatch.setattr(_json_stream, "CHUNK", window)
        for batch in BATCHES:
            monkeypatch.setattr(_json_stream, "BATCH", batch)
            assert _read(data, cls, fast=True) == exact, (window, batch, text)
    return exact


def test_a_report_is_streamed(streaming: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[int] = []  # the index of each scan: 0 for a batch of items
    real = pjson._scan

    def scan(text: str, index: int) -> Any:
        scans.append(index if text != REPORT and text[:1] + text[-1:] != "[]" else 0)
        return real(text, index)

    monkeypatch.setattr(pjson, "_scan", scan)
    outcome = _agree(REPORT, InferenceEvalReport, monkeypatch)
    assert outcome[0] == "ok"
    assert streaming and all(streaming), "the streaming reader gave the report up"
    assert 0 in scans, "no batch of items was scanned"
    report = jw.from_json(REPORT.encode(), InferenceEvalReport)
    assert len(report.per_record) >= 3
    assert report == jw.from_json(REPORT, InferenceEvalReport)


def test_the_eval_vectors(streaming: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON eval vector whose type is a struct, accepted or not."""
    rows = [json.loads(line) for line in (VECTORS / "json.jsonl").read_text().splitlines()]
    read = 0
    for row in rows:
        cls = jeval.TYPES[row["type"].partition("::")[2]]
        _agree(row["input"], cls, monkeypatch, windows=(1, _json_stream.CHUNK))
        read += 1
    assert read > 400
    assert any(streaming) and not all(streaming)


# Mutations of a small report's text. Each replaces the text between two positions.
_INSERTS = [",", "]", "}", "[", "{", " ", "\n", '"', ":", "0", "-0", "1e400", "x", "\\", "\ud800"]


def _mutations(text: str, seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        at = rng.randrange(len(text) + 1)
        how = rng.randrange(4)
        if how == 0:  # delete one to three characters
            out.append(text[:at] + text[at + rng.randrange(1, 4) :])
        elif how == 1:  # insert
            out.append(text[:at] + rng.choice(_INSERTS) + text[at:])
        elif how == 2:  # replace one character
            out.append(text[:at] + rng.choice(_INSERTS) + text[at + 1 :])
        else:  # duplicate a stretch (repeats a key, a member, an item)
            end = min(len(text), at + rng.randrange(1, 80))
            out.append(text[:end] + text[at:end] + text[end:])
    return out


def test_truncations(monkeypatch: pytest.MonkeyPatch) -> None:
    for end in range(0, len(REPORT), 3):
        assert _agree(REPORT[:end], InferenceEvalReport, monkeypatch, windows=(7,))[0] == "error"


@pytest.mark.parametrize("seed", range(4))
def test_mutated_reports(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _mutations(REPORT, seed, 150):
        _agree(text, InferenceEvalReport, monkeypatch, windows=(1, 7, _json_stream.CHUNK))


def _members(text: str) -> tuple[str, str]:
    head, _, records = text.partition(',"per_record":')
    return head, records


_HEAD, _RECORDS = _members(REPORT)


def _first_with_spans(records: str) -> str:
    """The text of the first record in ``records`` (a list's text) with a span."""
    decoder, at = json.JSONDecoder(), 1
    while True:
        end = decoder.raw_decode(records, at)[1]
        if '"start"' in records[at:end]:
            return records[at:end]
        at = end + 1


_FIRST = _first_with_spans(_RECORDS)


@pytest.mark.parametrize(
    "text",
    [
        # Whitespace everywhere the grammar allows it, and nowhere else.
        " \n" + REPORT.replace(",", " ,\r\n").replace(":", "\t: ") + " \n ",
        REPORT.replace("[", "[ ").replace("]", " ]").replace("{", "{\n").replace("}", "\n}"),
        REPORT + "x",
        REPORT + " ]",
        REPORT + "{}",
        "\ufeff" + REPORT,
        REPORT.replace("{", "{ ", 1).replace('"aggregate"', ' "aggregate"', 1),
        # Repeated keys at each depth.
        REPORT[:-1] + ',"per_record":[]}',
        _HEAD + ',"per_record":[],"per_record":' + _RECORDS,
        REPORT.replace('"aggregate":', '"aggregate":{"task":"ner"},"aggregate":', 1),
        REPORT.replace('"record_id":', '"record_id":"a","record_id":', 1),
        REPORT.replace('"label":', '"label":"X","label":', 1),
        REPORT.replace('"precision":', '"precision":1,"precision":', 1),
        # `-0`, numbers past u64 and f64, lone surrogates, at each depth.
        REPORT.replace('"start":', '"start":-0,"x":', 1),
        REPORT.replace('"start":', '"start":-0.0,"x":', 1),
        REPORT.replace('"start":', '"start":18446744073709551616,"x":', 1),
        REPORT.replace('"confidence":0.0', '"confidence":-0', 1),
        REPORT.replace('"confidence":0.0', '"confidence":-0.0', 1),
        REPORT.replace('"confidence":0.0', '"confidence":1e400', 1),
        REPORT.replace('"confidence":0.0', '"confidence":1e39', 1),
        REPORT.replace('"confidence":0.0', '"confidence":3.4028235677973366e38', 1),
        REPORT.replace('"start":', '"start":1e400,"x":', 1),
        REPORT.replace('"record_id":"doc', '"record_id":"\\ud800doc', 1),
        REPORT.replace('"record_id":"doc', '"record_id":"\\ud83d\\ude00doc', 1),
        REPORT.replace('"label":"', '"label":"\\udc00', 1),
        REPORT.replace('"recall":', '"recall":1e400,"x":', 1),
        REPORT.replace('"support":', '"support":-0,"x":', 1),
        REPORT.replace('"aggregate"', '"\\ud800"', 1),
        # The list's punctuation.
        _HEAD + ',"per_record":[' + _FIRST + ",]}",
        _HEAD + ',"per_record":[,' + _FIRST + "]}",
        _HEAD + ',"per_record":[' + _FIRST + " " + _FIRST + "]}",
        _HEAD + ',"per_record":[' + _FIRST + "}",
        _HEAD + ',"per_record":[' + _FIRST,
        _HEAD + ',"per_record":[]}',
        _HEAD + ',"per_record":[ ]}',
        _HEAD + ',"per_record":null}',
        _HEAD + ',"per_record":{}}',
        _HEAD + ',"per_record":[1,2]}',
        _HEAD + ',"per_record":[' + _FIRST + ",1]}",
        _HEAD + ',"per_record":[' + _FIRST + ",NaN]}",
        _HEAD + ',"per_record":[' + _FIRST + ",-Infinity]}",
        _HEAD + ',"per_record":[' + _FIRST + ",tru]}",
        _HEAD + ',"per_record":[' + _FIRST + "," + _FIRST.replace("ner", "classification") + "]}",
        '{"per_record":[' + _FIRST + "]," + _HEAD[1:] + "}",
        '{"per_record":[' + _FIRST + "]}",
        _HEAD + "}",
        _HEAD + ',"per_record":[' + _FIRST + '],"extra":1}',
        '{"per_record":[' + _FIRST + '],"aggregate":' + _HEAD[13:] + "}",
        '{"per_record":[' + _FIRST + '],"x":[' + _FIRST + '],"aggregate":' + _HEAD[13:] + "}",
        '{"per_record":[' + _FIRST + '],"x":[' + _FIRST + "," + _FIRST + "]}",
        _HEAD + ',"per_record":[' + _FIRST + "],}",
        _HEAD + ',"per_record" [' + _FIRST + "]}",
        _HEAD + ",per_record:[" + _FIRST + "]}",
        # Numbers at the end of a window: every window size cuts them somewhere.
        _HEAD + ',"per_record":[' + _FIRST.replace('"start":', '"start":12345678', 1) + "]}",
        "{}",
        "[]",
        "",
        " ",
        "null",
        '{"aggregate":1e5',
        '{"aggregate":12',
        # Deep nesting inside a member and inside an item.
        REPORT.replace('"aggregate":', '"x":' + "[" * 600 + "]" * 600 + ',"aggregate":', 1),
        _HEAD + ',"per_record":[' + "[" * 3000 + "]" * 3000 + "]}",
    ],
)
def test_report_cases(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _agree(text, InferenceEvalReport, monkeypatch)


def test_non_utf8_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    data = REPORT.encode()
    cut = data.index(b"New") if b"New" in data else len(data) // 2
    monkeypatch.setattr(pjson, "_FAST_READ_LIMIT", -1)
    for bad in (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82"):
        broken = data[:cut] + bad + data[cut:]
        for window in (1, 5, _json_stream.CHUNK):
            monkeypatch.setattr(_json_stream, "CHUNK", window)
            monkeypatch.setattr(pjson, "_FAST_READ", True)
            fast = _read(broken, InferenceEvalReport, fast=True)
            monkeypatch.setattr(pjson, "_FAST_READ", False)
            assert fast == _read(broken, InferenceEvalReport, fast=False)
            assert fast[0] == "error"
    # Multi-byte characters split across windows read as whole ones.
    wide = REPORT.replace('"record_id":"doc', '"record_id":"é€😀doc')
    monkeypatch.setattr(pjson, "_FAST_READ", True)
    for window in (1, 2, 3, 5):
        monkeypatch.setattr(_json_stream, "CHUNK", window)
        assert _read(wide.encode(), InferenceEvalReport, fast=True) == _read(
            wide, InferenceEvalReport, fast=True
        )


def test_configs_are_streamed(streaming: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    """Top-level numbers end windows too: a value that ends within a few characters of
    a window's end is scanned again with more text, never given up."""
    fixtures = Path(__file__).resolve().parents[1] / "benchmarks" / "fixtures"
    for name in ("default.json", "full.json"):
        text = (fixtures / name).read_text()
        assert _agree(text, jw.FineTuneConfig, monkeypatch, windows=(1, 2, 3, 5, 64))[0] == "ok"
    assert streaming and all(streaming)


def _f32_of_f64_by_definition(number: float) -> Any:
    """What ``f32_of_f64`` stands for, written out: ``to_f32``, then a bail for a
    value that did not round to a finite f32, an f32 subnormal, or an exact half."""
    rounded = to_f32(number)
    if rounded == number:
        return ("ok", struct.pack("<d", rounded))
    if rounded - rounded != 0.0 or -_F32_MIN_NORMAL < number < _F32_MIN_NORMAL:
        return ("bail",)
    (bits,) = struct.unpack("<Q", struct.pack("<d", number))
    if bits & 0x1FFFFFFF == 0x10000000:
        return ("bail",)
    return ("ok", struct.pack("<d", rounded))


def _f32_of_f64_outcome(number: float) -> Any:
    try:
        return ("ok", struct.pack("<d", f32_of_f64(number)))
    except Bail:
        return ("bail",)


def _halfway(bits32: int, offset: int) -> float:
    """The f64 ``offset`` units (of 2**-29 f32 ulps) from the f32 with ``bits32``'s
    bits; offset 2**28 is exactly halfway to the next f32."""
    (f32,) = struct.unpack("<f", struct.pack("<I", bits32))
    (bits,) = struct.unpack("<Q", struct.pack("<d", f32))
    (value,) = struct.unpack("<d", struct.pack("<Q", (bits + offset) % 2**64))
    return float(value)


_F32_MIN_NORMAL = 1.1754943508222875e-38


@settings(max_examples=2000, deadline=None)
@given(
    number=st.floats(allow_nan=True, allow_infinity=True)
    | st.builds(
        _halfway,
        st.integers(0, 2**32 - 1),
        st.sampled_from([2**28, -(2**28), 2**28 + 1, 2**28 - 1, 1, -1, 0]),
    )
)
def test_f32_of_f64_matches_its_definition(number: float) -> None:
    assert _f32_of_f64_outcome(number) == _f32_of_f64_by_definition(number)
