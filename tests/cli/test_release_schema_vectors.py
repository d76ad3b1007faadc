"""Each release's JSON Schema against that release's serde verdicts
(tests/vectors/releases/gN.jsonl): what serde accepts validates; what it refuses for a
value's shape or type (unknown fields under deny_unknown_fields included) does not."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from jammi_wire.serde.schema import json_schema

jsonschema = pytest.importorskip("jsonschema")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_release_vectors import ROWS, resolve  # noqa: E402

SHAPE = re.compile(
    r"^(invalid type|invalid value|invalid length|missing field|unknown variant|unknown field)"
)
# Where JSON Schema's data model is coarser than serde_json's (README, schema section).
NOT_EXPRESSIBLE = re.compile(
    r"^invalid type: floating point `-?\d+(\.0)?`, expected (usize|u64|u32)"
)


@pytest.mark.parametrize("gen", sorted(ROWS))
def test_release_schema_agrees_with_serde(gen: int) -> None:
    validators: dict[str, Any] = {}
    checked = 0
    failures = []
    for row in ROWS[gen]:
        if row["format"] != "json":
            continue
        if not row["ok"] and (not SHAPE.match(row["error"]) or NOT_EXPRESSIBLE.match(row["error"])):
            continue
        try:
            instance = json.loads(row["input"])
        except ValueError:
            continue
        if row["type"] not in validators:
            schema = json_schema(resolve(row["type"]))
            validators[row["type"]] = jsonschema.Draft202012Validator(schema)
        valid = validators[row["type"]].is_valid(instance)
        if valid != row["ok"]:
            failures.append((row["id"], row.get("error")))
        checked += 1
    assert failures == []
    assert checked > 100
