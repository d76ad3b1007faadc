"""Mutated documents: only WireError (or a warning) escapes, and what is accepted round-trips."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jammi_wire.preconf.json as jw_json
from jammi_wire import FineTuneConfig, WireError, from_json, structure, to_json
from jammi_wire.testing import fine_tune_configs

REGRESSIONS = Path(__file__).parent / "fuzz" / "regressions"
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_ODD = ["", "\x00", "\ud800", "\U0001f600", "\u202e", "\ufeff", "é", "\\", '"', "-0", "1e999"]
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(_ODD),
    st.text(max_size=5),
)


def _paths(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated_trees(draw: st.DrawFn) -> Any:
    tree = json.loads(to_json(draw(fine_tune_configs(valid=draw(st.booleans())))))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(tree)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = tree
        for p in path[:-1]:
            parent = parent[p]
        key = path[-1]
        op = draw(st.sampled_from(["drop", "retype", "dup", "deep", "rename"]))
        if op == "drop":
            del parent[key]
        elif op == "retype":
            parent[key] = draw(st.one_of(_LEAVES, st.lists(_LEAVES, max_size=3)))
        elif op == "dup":
            if isinstance(parent, list):
                parent.append(parent[key])
            else:
                parent[str(key) + "_"] = parent[key]
        elif op == "deep":
            node: Any = draw(_LEAVES)
            for _ in range(draw(st.integers(1, 700))):
                node = [node]
            parent[key] = node
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(_ODD))] = parent.pop(key)
    return tree


def _only_wire_errors(data: str | bytes) -> FineTuneConfig | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return from_json(data, validate=False)
        except WireError:
            return None


def _roundtrips(obj: FineTuneConfig | None) -> None:
    if obj is None:
        return
    again = from_json(to_json(obj), validate=False)
    assert again == obj or to_json(again) == to_json(obj)  # NaN-free, so equality holds


@pytest.fixture(
    params=[True, False, "stdlib"], ids=["fast_read", "stdlib_read", "stdlib_fast_read"]
)
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param is True and jw_json._orjson is None:
        pytest.fail("orjson missing: the fast read path is not exercised")
    monkeypatch.setattr(jw_json, "_FAST_READ", bool(request.param))
    if request.param == "stdlib":  # the generated readers on the stdlib parser's tree
        monkeypatch.setattr(jw_json, "_FAST_READ_LIMIT", -1)
    return bool(request.param)


@SETTINGS
@given(tree=mutated_trees())
def test_mutated_trees_text(tree: Any) -> None:
    for fast in (True, False):
        jw_json._FAST_READ = fast
        try:
            text = json.dumps(tree, ensure_ascii=False)
            try:
                data: str | bytes = text.encode("utf-8")
            except UnicodeEncodeError:
                data = text
            _roundtrips(_only_wire_errors(data))
        finally:
            jw_json._FAST_READ = jw_json._orjson is not None


@SETTINGS
@given(tree=mutated_trees())
def test_mutated_trees_structure(tree: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            obj = structure(tree, FineTuneConfig)
        except WireError:
            return
    _roundtrips(obj)


@SETTINGS
@given(cfg=fine_tune_configs(), cut=st.integers(0, 10_000), junk=st.binary(max_size=8))
def test_truncated_and_spliced_bytes(cfg: FineTuneConfig, cut: int, junk: bytes) -> None:
    raw = to_json(cfg).encode()
    cut %= len(raw) + 1
    for data in (raw[:cut], raw[:cut] + junk + raw[cut:], raw[:cut] + junk):
        for fast in (True, False):
            jw_json._FAST_READ = fast
            try:
                _roundtrips(_only_wire_errors(data))
            finally:
                jw_json._FAST_READ = jw_json._orjson is not None


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes(data: bytes) -> None:
    _roundtrips(_only_wire_errors(data))


def test_regression_inputs(read_path: bool) -> None:
    files = sorted(REGRESSIONS.glob("*.txt"))
    assert files, "regression corpus missing"
    for file in files:
        _roundtrips(_only_wire_errors(file.read_bytes()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=mutated_trees(), cut=st.integers(0, 2000))
def test_cli_check_reports_instead_of_crashing(tree: Any, cut: int) -> None:
    from jammi_wire.diagnostics import diagnose_text

    text = json.dumps(tree)
    for doc in (text, text[: cut % (len(text) + 1)]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            problems = diagnose_text(doc, format="json")
        accepted = _only_wire_errors(doc) is not None
        if not accepted:
            assert any(p.severity == "error" for p in problems), doc


@pytest.mark.parametrize(
    "stdin",
    [b'{"zz":' + b"[" * 5000, b"\xff\xfe", b'{"lora_rank":' + b"9" * 5000 + b"}", b""],
    ids=["deep", "non_utf8", "huge_int", "empty"],
)
def test_cli_check_stdin_hostile(stdin: bytes) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "jammi_wire", "check", "-"],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode != 0
