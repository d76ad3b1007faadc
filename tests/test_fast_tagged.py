"""The generated fast path on internally tagged enums, f32 fields and fields read by the
exact path inside generated code: for any mutation of a valid eval report, reading it
with orjson and the generated functions gives exactly what the stdlib parser and the
exact path give (the same object, or the same error with the same path)."""

from __future__ import annotations

import copy
import json
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jammi_wire as jw
import jammi_wire.preconf.json as pj
from jammi_wire.eval import CalibrationEvalReport, InferenceEvalReport

pytestmark = pytest.mark.skipif(pj._orjson is None, reason="the fast read needs orjson")

ENTITY = {"label": "PER", "start": 0, "end": 6, "text": "Obama", "confidence": 0.875}
GOLD = {"label": "PER", "start": 0, "end": 6, "text": "", "confidence": 0.0}
NER_REPORT = {
    "aggregate": {
        "task": "ner",
        "precision": 0.5,
        "recall": 0.25,
        "f1": 0.3,
        "per_type": {"PER": {"precision": 0.5, "recall": 0.25, "f1": 0.3, "support": 4}},
    },
    "per_record": [
        {"task": "ner", "record_id": "a", "predicted": [ENTITY], "gold": [GOLD, GOLD]},
        {"task": "ner", "record_id": "b", "predicted": [], "gold": []},
    ],
}
CLS_RECORD = {"task": "classification", "record_id": "c", "predicted": "x", "gold": "y"}
CALIBRATION = {
    "eval_run_id": "r",
    "aggregate": {
        "n": 2,
        "crps": 0.1,
        "nll": 0.2,
        "adaptive_ece": 0.3,
        "sharpness": 0.4,
        "coverage": 0.5,
    },
    "per_cohort": [
        {
            "key": "k",
            "value": "v",
            "n": 2,
            "crps": 0.1,
            "crps_ci_lower": None,
            "crps_ci_upper": 0.2,
            "coverage": 0.9,
        }
    ],
    "per_record": [
        {
            "record_id": "a",
            "crps": 0.1,
            "nll": 0.2,
            "pit": 0.3,
            "covered": True,
            "interval_width": 1.0,
            "cohorts": {"b": "1", "a": "2"},
        }
    ],
}

VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    7,
    2**64 - 1,
    2**64,
    0.1,
    0.5,
    1.5,
    1.0000000596046448,
    1e-40,
    3.5e38,
    1e39,
    -1e300,
    "",
    "x",
    "ner",
    "classification",
    "task",
    [],
    [1],
    {},
    {"task": "ner"},
    CLS_RECORD,
    ENTITY,
    [ENTITY],
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_paths(item, (*prefix, index)))
    return out


def _read(text: str, cls: Any, fast: bool | str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """One read's outcome: ``fast`` True is orjson's tree (up to 1 MiB), ``"stdlib"``
    the stdlib parser's (bigger documents), False the exact path alone."""
    monkeypatch.setattr(pj, "_FAST_READ", bool(fast))
    monkeypatch.setattr(pj, "_FAST_READ_LIMIT", -1 if fast == "stdlib" else 1 << 20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok", jw.to_json(jw.from_json(text, cls, unknown="warn")))
        except jw.WireError as error:
            return ("error", str(error), error.path)


def _mutate(doc: Any, path: tuple[Any, ...], replacement: Any, delete: bool) -> Any:
    data = copy.deepcopy(doc)
    if not path:
        return copy.deepcopy(replacement)
    parent = data
    for element in path[:-1]:
        parent = parent[element]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = copy.deepcopy(replacement)
    return data


def _same(doc: Any, cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps(doc)
    exact = _read(text, cls, False, monkeypatch)
    assert _read(text, cls, True, monkeypatch) == exact
    assert _read(text, cls, "stdlib", monkeypatch) == exact


@settings(max_examples=300, deadline=None)
@given(
    path=st.sampled_from(_paths(NER_REPORT)),
    replacement=st.sampled_from(VALUES),
    delete=st.booleans(),
)
def test_inference_report_fast_read_agrees(
    path: tuple[Any, ...], replacement: Any, delete: bool
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same(_mutate(NER_REPORT, path, replacement, delete), InferenceEvalReport, monkeypatch)


@settings(max_examples=200, deadline=None)
@given(
    path=st.sampled_from(_paths(CALIBRATION)),
    replacement=st.sampled_from(VALUES),
    delete=st.booleans(),
)
def test_calibration_report_fast_read_agrees(
    path: tuple[Any, ...], replacement: Any, delete: bool
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same(_mutate(CALIBRATION, path, replacement, delete), CalibrationEvalReport, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(NER_REPORT),
        # A repeated tag or field inside an internally tagged record: orjson keeps the
        # last, serde_json refuses; the key count must send it to the exact path.
        json.dumps(NER_REPORT).replace('"record_id": "b"', '"task": "ner", "record_id": "b"'),
        json.dumps(NER_REPORT).replace('"record_id": "b"', '"record_id": "b", "record_id": "c"'),
        # Keys inside the aggregate, which the exact path reads inside generated code.
        json.dumps(NER_REPORT).replace('"support": 4', '"support": 4, "support": 5'),
        json.dumps(NER_REPORT).replace('"confidence": 0.875', '"confidence": 3.5e38'),
        json.dumps(NER_REPORT).replace('"confidence": 0.875', '"confidence": 1'),
        # What the stdlib parser lets through and orjson does not: a float past f64
        # (inf), an integer past u64, a lone surrogate, here and in the aggregate that
        # the exact path reads inside generated code.
        json.dumps(NER_REPORT).replace('"confidence": 0.875', '"confidence": 1e400'),
        json.dumps(NER_REPORT).replace('"confidence": 0.875', '"confidence": 18446744073709551616'),
        json.dumps(NER_REPORT).replace('"start": 0', '"start": 18446744073709551616'),
        json.dumps(NER_REPORT).replace('"start": 0', '"start": -0'),
        json.dumps(NER_REPORT).replace('"record_id": "a"', '"record_id": "\\ud800"'),
        json.dumps(NER_REPORT).replace('"record_id": "a"', '"record_id": "\\ud800\\udc00"'),
        json.dumps(NER_REPORT).replace('"support": 4', '"support": 18446744073709551616'),
        json.dumps(NER_REPORT).replace('"support": 4', '"support": 1e400'),
        json.dumps(NER_REPORT).replace('"precision": 0.5', '"precision": 1e400'),
        json.dumps(NER_REPORT).replace('"precision": 0.5', '"precision": "\\udfff"'),
        # Exactly between two f32 as an f64, but not as text: serde_json rounds the text
        # of a direct f32 field, serde's Content buffer (a tagged record) the f64.
        json.dumps(NER_REPORT).replace('"confidence": 0.875', '"confidence": 1.0000000596046448'),
        json.dumps(NER_REPORT).replace(
            '"task": "ner", "record_id": "a"', '"task": 1, "record_id": "a"'
        ),
    ],
)
def test_fast_read_proves_what_it_accepts(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    exact = _read(text, InferenceEvalReport, False, monkeypatch)
    assert _read(text, InferenceEvalReport, True, monkeypatch) == exact
    assert _read(text, InferenceEvalReport, "stdlib", monkeypatch) == exact


@pytest.mark.parametrize(
    "number",
    [
        "1.0000000596046448",
        "1.0000000596046447",
        "0.1",
        "1e-40",
        "3.5e38",
        "16777217",
        "36028797018963969",
    ],
)
def test_direct_f32_field_rounds_like_the_text(
    number: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jammi_wire.eval.numerics import Entity

    text = json.dumps({**ENTITY, "confidence": 0}).replace(
        '"confidence": 0', f'"confidence": {number}'
    )
    exact = _read(text, Entity, False, monkeypatch)
    assert _read(text, Entity, True, monkeypatch) == exact
    assert _read(text, Entity, "stdlib", monkeypatch) == exact
