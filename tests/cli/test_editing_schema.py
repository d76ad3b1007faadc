"""The editing schema (``schema --editing``) checked by check-jsonschema on the shared vectors.

What serde accepts as a person would write it validates; unknown fields (serde ignores
them: usually a typo) and the array form of a struct are refused, and so is every type
or shape error serde refuses.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import jammi_wire as jw
from jammi_wire.diagnostics import _nodes
from jammi_wire.editing import editing_schema, editor_settings, yaml_custom_tags
from jammi_wire.serde.model import StructShape, shape_of
from jammi_wire.serde.schema import json_schema

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
TYPES = {"FineTuneConfig": jw.FineTuneConfig, "HardNegativeConfig": jw.HardNegativeConfig}
SHAPE = re.compile(r"^(invalid type|invalid value|invalid length|missing field|unknown variant)")
NOT_EXPRESSIBLE = re.compile(r"^invalid type: floating point `-?\d+(\.0)?`, expected usize")


def _rows(name: str) -> list[dict[str, Any]]:
    text = (VECTORS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def _as_written(row: dict[str, Any]) -> bool:
    """serde accepts it with no unknown field and no struct written as an array."""
    cls = TYPES[row["type"]]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if row["format"] == "json":
                jw.from_json(row["input"], cls, unknown="error", validate=False)
                tree = json.loads(row["input"])
            else:
                import yaml

                jw.from_yaml(row["input"], cls, unknown="error", validate=False)
                tree = yaml.safe_load(row["input"])
    except (jw.WireError, ValueError):
        return False
    return not any(
        isinstance(shape, StructShape) and isinstance(node, list)
        for _, node, shape, _ in _nodes(tree, shape_of(cls))
    )


def _check_jsonschema() -> str:
    found = shutil.which("check-jsonschema") or str(
        Path(sys.executable).parent / "check-jsonschema"
    )
    if not Path(found).exists():
        pytest.skip("check-jsonschema is not installed")
    return found


def test_editing_schema_against_the_vectors(tmp_path: Path) -> None:
    tool = _check_jsonschema()
    cases: dict[str, tuple[str, bool, str]] = {}  # file -> (type, should validate, why)
    rows = _rows("json.jsonl") + [
        row
        for row in _rows("yaml.jsonl")
        # check-jsonschema's YAML reader cannot take serde_yaml's enum tags; JSON-like
        # YAML keeps both readers to the same values
        if "!" not in row["input"] and row["input"].lstrip()[:1] in "{["
    ]
    for row in rows:
        if row["type"] not in TYPES:
            continue
        error = row.get("error") or ""
        if row["ok"]:
            expected, why = _as_written(row), "accepted"
        elif SHAPE.match(error) and not NOT_EXPRESSIBLE.match(error):
            expected, why = False, error
        else:
            continue
        suffix = ".json" if row["format"] == "json" else ".yaml"
        name = f"{row['id']}{suffix}"
        try:
            if suffix == ".json":
                json.loads(row["input"])
        except ValueError:
            continue
        (tmp_path / name).write_text(row["input"], encoding="utf-8")
        cases[name] = (row["type"], expected, why)
    verdicts: dict[str, bool] = {}
    for type_name, cls in TYPES.items():
        schema = tmp_path / f"{type_name}.schema.json"
        schema.write_text(json.dumps(editing_schema(json_schema(cls))))
        files = sorted(name for name, case in cases.items() if case[0] == type_name)
        result = subprocess.run(
            [tool, "--output-format", "json", "--schemafile", str(schema), *files],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        report = json.loads(result.stdout)
        bad = {Path(e["filename"]).name for e in report.get("errors", [])}
        bad |= {Path(e["filename"]).name for e in report.get("parse_errors", [])}
        verdicts.update({name: name not in bad for name in files})
    wrong = [(name, case[2]) for name, case in cases.items() if verdicts[name] != case[1]]
    assert len(cases) > 300
    assert sum(1 for c in cases.values() if c[1]) > 100
    assert wrong == []


def test_editing_schema_flags_typos_and_array_form(tmp_path: Path) -> None:
    tool = _check_jsonschema()
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps(editing_schema(json_schema(jw.FineTuneConfig))))
    good = json.loads(jw.to_json(jw.FineTuneConfig()))
    (tmp_path / "typo.json").write_text(json.dumps({**good, "lora_droput": 0.1}))
    (tmp_path / "array.json").write_text(json.dumps(list(good.values())))
    # the content of `!triplet {margin: 0.3}` once an editor has dropped the declared tag
    (tmp_path / "tag_content.json").write_text(
        json.dumps({**good, "embedding_loss": {"margin": 0.3}})
    )
    verdicts = {}
    for name in ("typo.json", "array.json", "tag_content.json"):
        result = subprocess.run(
            [tool, "--schemafile", str(schema), name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        verdicts[name] = result.returncode
    assert verdicts == {"typo.json": 1, "array.json": 1, "tag_content.json": 0}


def test_editor_settings_declare_every_struct_variant_tag() -> None:
    assert yaml_custom_tags(jw.FineTuneConfig) == [
        "!triplet mapping",
        "!multiple_negatives_ranking mapping",
        "!beta_nll mapping",
    ]
    settings = editor_settings(jw.FineTuneConfig, schema="fine_tune.schema.json")
    assert settings["yaml.customTags"] == yaml_custom_tags(jw.FineTuneConfig)
    assert list(settings["yaml.schemas"]) == ["fine_tune.schema.json"]
