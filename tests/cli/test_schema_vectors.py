"""The JSON Schema against serde's own verdicts in tests/vectors/json.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import jammi_wire
from jammi_wire.serde.schema import json_schema

jsonschema = pytest.importorskip("jsonschema")

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "json.jsonl"
# split("\n"), not splitlines(): inputs hold U+2028 and other line separators.
ROWS = [json.loads(line) for line in VECTORS.read_text(encoding="utf-8").split("\n") if line]
# Rejections about the shape or type of a value: a schema can say these.
SHAPE = re.compile(r"^(invalid type|invalid value|invalid length|missing field|unknown variant)")
# ...except where JSON Schema's data model is coarser than serde_json's; listed in README.
NOT_EXPRESSIBLE = re.compile(r"^invalid type: floating point `-?\d+(\.0)?`, expected usize")


def _validator(type_name: str) -> Any:
    cls = getattr(jammi_wire, type_name, None) or getattr(jammi_wire.fine_tune, type_name)
    return jsonschema.Draft202012Validator(json_schema(cls))


def _instance(text: str) -> Any:
    # Number text is kept exact: serde reads 1e400 and 18446744073709551616 as errors,
    # jsonschema needs the number itself.
    return json.loads(text)


def test_vectors_exist() -> None:
    assert len(ROWS) > 100


def test_every_accepted_vector_validates() -> None:
    failures = []
    for row in ROWS:
        if row["ok"]:
            errors = list(_validator(row["type"]).iter_errors(_instance(row["input"])))
            if errors:
                failures.append((row["id"], errors[0].message[:200]))
    assert failures == []


def test_shape_rejections_are_rejected_by_the_schema() -> None:
    checked = 0
    failures = []
    for row in ROWS:
        error = row.get("error") or ""
        if row["ok"] or not SHAPE.match(error) or NOT_EXPRESSIBLE.match(error):
            continue
        try:
            instance = _instance(row["input"])
        except ValueError:
            continue
        checked += 1
        if _validator(row["type"]).is_valid(instance):
            failures.append((row["id"], error))
    assert checked > 100
    assert failures == []
