"""Conformance vectors: serde's answers for every `conf::` type, checked without cargo.

tests/vectors/conformance/{json,yaml}.jsonl hold what serde_json / serde_yaml did with
each case of tests/vectors/conformance/cases.py (regenerate with its generate.py).
Python must give the same verdict; when accepted, the same four writings of the
value; when rejected, the same message and position. JSON runs on both read paths,
YAML with and without the block-subset reader.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from compare import differences, json_read_path, python_outcome, rust_outcome
from mirrors import TYPES

import jammi_wire.preconf.yaml as yaml_format

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "conformance"

# Divergences from serde these vectors found that are not fixed yet, with serde's answer
# and ours (known_divergences.json, written by known.py). Strict: a known row that
# agrees fails until known.py is re-run, so a fix is noticed and the entry goes.
KNOWN: dict[str, dict[str, str]] = json.loads(
    (Path(__file__).resolve().parent / "known_divergences.json").read_text(encoding="utf-8")
)


def _load(name: str) -> list[dict[str, Any]]:
    with open(VECTORS / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


JSON_ROWS = _load("json")
YAML_ROWS = _load("yaml")


def _params(rows: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(row, id=f"{row['format']}:{row['id']}") for row in rows]


def test_vectors_cover_every_type() -> None:
    covered = {row["type"] for row in JSON_ROWS + YAML_ROWS}
    assert covered == set(TYPES)
    assert len(TYPES) >= 40


def test_vectors_match_cases() -> None:
    spec = importlib.util.spec_from_file_location("conf_cases", VECTORS / "cases.py")
    assert spec is not None and spec.loader is not None
    cases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    stored = {(r["id"], r["format"], r["type"], r["input"]) for r in JSON_ROWS + YAML_ROWS}
    wanted = {(c["id"], c["format"], c["type"], c["input"]) for c in cases.all_cases()}
    assert stored == wanted, "cases.py changed: run tests/vectors/conformance/generate.py"


def _check(row: dict[str, Any]) -> None:
    python, _ = python_outcome(row["format"], row["type"], row["input"])
    problems = differences(row["type"], rust_outcome(row), python)
    known = KNOWN.get(f"{row['format']}:{row['id']}")
    if known is None:
        assert problems == []
        return
    assert problems, "agrees with serde now: run tests/conformance/known.py to drop it"
    pytest.xfail(f"known divergence ({known['kind']}): {problems[0][:300]}")


def test_known_divergences_are_vectors() -> None:
    ids = {f"{r['format']}:{r['id']}" for r in JSON_ROWS + YAML_ROWS}
    assert set(KNOWN) <= ids


@pytest.mark.parametrize("fast", [False, True, "stdlib"], ids=["exact", "fast", "stdlib_fast"])
@pytest.mark.parametrize("row", _params(JSON_ROWS))
def test_json_vector(row: dict[str, Any], fast: bool | str) -> None:
    with json_read_path(fast):
        _check(row)


@pytest.mark.parametrize("fast_tree", [False, True], ids=["loader", "block_subset"])
@pytest.mark.parametrize("row", _params(YAML_ROWS))
def test_yaml_vector(row: dict[str, Any], fast_tree: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both readers of the text: libyaml alone, and the block-subset reader first.
    monkeypatch.setattr(yaml_format, "_FAST_TREE", fast_tree)
    _check(row)
