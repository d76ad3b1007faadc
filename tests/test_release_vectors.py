"""Release vectors: what each generation's serde did with the same inputs
(tests/vectors/releases/gN.jsonl, written by its generate.py from the Rust harness).

Each row is read with ``jammi_wire.releases.gN``'s class of the same name and must get
serde's verdict; accepted rows must write serde's bytes in JSON and both YAML dialects,
give the same validate() message and read back from serde's text; rejected rows must
give serde's message and position.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import jammi_wire as jw
from jammi_wire import FineTuneError, WireError
from jammi_wire.preconf import json as pjson

VECTORS = Path(__file__).resolve().parent / "vectors" / "releases"
GENERATIONS = (1, 2, 3, 4, 5)
YAML_DIALECT = {"yaml": "tags", "yaml_singleton_map": "singleton_map"}


def _load(gen: int) -> list[dict[str, Any]]:
    with open(VECTORS / f"g{gen}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


ROWS = {gen: _load(gen) for gen in GENERATIONS}


def resolve(type_name: str) -> type:
    """The class a harness type name (``g4::HeldOutLoss``) stands for."""
    module, _, name = type_name.partition("::")
    cls: type = getattr(importlib.import_module(f"jammi_wire.releases.{module}"), name)
    return cls


def test_every_generation_has_its_vectors() -> None:
    for gen in GENERATIONS:
        assert len(ROWS[gen]) >= 150, f"g{gen}.jsonl is short: run `make vectors`"


def test_vector_files_match_cases() -> None:
    spec = importlib.util.spec_from_file_location("release_cases", VECTORS / "cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for gen, cases in module.all_cases().items():
        stored = {(r["id"], r["format"], r["type"], r["input"]) for r in ROWS[gen]}
        wanted = {(c["id"], c["format"], c["type"], c["input"]) for c in cases}
        assert stored == wanted, f"cases changed since g{gen}.jsonl was written: make vectors"


def _serde_text(error: WireError, with_path: bool) -> str:
    if with_path:
        return str(error)
    text = error.message
    if error.line is not None:
        text += f" at line {error.line} column {error.column}"
    return text


def _validate_message(obj: Any) -> str | None:
    check = getattr(obj, "validate", None)
    if check is None:
        return None
    try:
        check()
    except FineTuneError as error:
        return str(error)
    return None


def _non_finite(obj: Any) -> bool:
    def walk(value: Any) -> bool:
        if isinstance(value, float):
            return value - value != 0.0
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        if isinstance(value, list):
            return any(walk(v) for v in value)
        return False

    return walk(jw.unstructure(obj))


# Divergences of the serde layer from serde found by these vectors, not fixed yet:
# strict xfails (a fix makes the test XPASS and fail, so the entry goes with the fix).
KNOWN: list[tuple[str, str]] = [
]


def _params() -> list[Any]:
    params = []
    for gen in GENERATIONS:
        for row in ROWS[gen]:
            reason = next((why for pat, why in KNOWN if re.match(pat, row["id"])), None)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(row, id=f"{row['id']}:{row['format']}", marks=marks))
    return params


@pytest.mark.parametrize("row", _params())
def test_release_vector(row: dict[str, Any]) -> None:
    cls = resolve(row["type"])
    fmt = row["format"]
    if fmt == "json":

        def decode(text: str) -> Any:
            return jw.from_json(text, cls, validate=False, unknown="ignore")
    else:

        def decode(text: str) -> Any:
            return jw.from_yaml(
                text, cls, dialect=YAML_DIALECT[fmt], validate=False, unknown="ignore"
            )

    try:
        obj = decode(row["input"])
    except WireError as error:
        assert not row["ok"], f"serde accepts, Python rejects: {error}"
        assert _serde_text(error, with_path=fmt != "json") == row["error"]
        return
    assert row["ok"], f"serde rejects ({row['error']}), Python accepts: {obj!r}"
    assert _validate_message(obj) == row["validate"]
    writers = {
        "json": lambda o: jw.to_json(o),
        "json_pretty": lambda o: jw.to_json(o, pretty=True),
        "yaml": lambda o: jw.to_yaml(o, dialect="tags"),
        "yaml_singleton_map": lambda o: jw.to_yaml(o, dialect="singleton_map"),
    }
    for key, write in writers.items():
        expected = row.get(key)
        if key.startswith("json") and _non_finite(obj):
            # serde_json writes NaN and infinities as null, which it cannot read back as
            # f64; this library refuses to write them instead (README, "on purpose").
            with pytest.raises(WireError):
                write(obj)
            continue
        if expected is None:
            # serde_json writes a non-finite float as null, which nothing reads back.
            with pytest.raises(WireError):
                write(obj)
            continue
        assert write(obj) == expected, key
        if key.startswith("json"):
            assert jw.from_json(expected, cls, validate=False, unknown="ignore") == obj
        else:
            back = jw.from_yaml(expected, cls, dialect=YAML_DIALECT[key], validate=False)
            assert back == obj or obj != obj


def _json_outcome(text: str, cls: type) -> tuple[str, Any]:
    try:
        return "ok", jw.from_json(text, cls, validate=False, unknown="ignore")
    except WireError as error:
        return "error", _serde_text(error, with_path=False)


@pytest.mark.skipif(pjson._orjson is None, reason="the fast read path needs orjson")
@pytest.mark.parametrize("gen", GENERATIONS)
def test_fast_read_path_agrees(gen: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated fast path (orjson) gives the exact path's answer on every JSON row."""
    rows = [r for r in ROWS[gen] if r["format"] == "json"]
    for row in rows:
        cls = resolve(row["type"])
        monkeypatch.setattr(pjson, "_FAST_READ", False)
        exact = _json_outcome(row["input"], cls)
        monkeypatch.setattr(pjson, "_FAST_READ", True)
        assert _json_outcome(row["input"], cls) == exact, row["id"]
