"""The generated fast paths agree with the exact path on every conformance type.

Structuring: for each `conf::` type, every JSON document serde accepted in the vectors,
and seeded mutations of it at every path, go through the converter's entry (generated
fast path, exact fallback) and through the exact path alone: identical results and
errors. Unstructuring: the generated writer agrees with the interpreted one on every
value read, in both variant forms, and ``to_json`` (orjson's own writer) writes the
interpreted writer's bytes for every value read and for generated ones.
"""

from __future__ import annotations

import copy
import json
import random
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mirrors import TYPES
from test_live_roundtrip import collect
from values import values_of

import jammi_wire as jw
from jammi_wire.preconf import json as pj
from jammi_wire.serde.data import Tagged
from jammi_wire.serde.floats import serde_json_float
from jammi_wire.serde.model import shape_of
from jammi_wire.serde.structure import Context
from jammi_wire.serde.unstructure import Unstructurer

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "conformance" / "json.jsonl"
ROWS = [json.loads(line) for line in VECTORS.read_text(encoding="utf-8").split("\n") if line]
REPLACEMENTS: list[Any] = [None, True, 0, -1, 2**64, 0.5, "", "x", [], [1], {}, {"a": 1}]
MUTATIONS_PER_DOCUMENT = 12


def _documents(name: str) -> list[Any]:
    return [json.loads(r["input"]) for r in ROWS if r["type"] == name and r["ok"]]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        return ("dict", [(key, _ordered(item)) for key, item in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_ordered(item) for item in value])
    if isinstance(value, Tagged):
        return ("tagged", value.tag, _ordered(value.value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def _outcome(fn: Callable[[Any], Any], data: Any) -> tuple[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = fn(copy.deepcopy(data))
        except jw.WireError as error:
            return ("error", (str(error), error.path))
    return ("ok", _ordered(jw.unstructure(result)))


def _mutants(document: Any, rng: random.Random) -> Iterator[Any]:
    yield document
    paths = [p for p in _paths(document) if p]
    for path in rng.sample(paths, min(len(paths), MUTATIONS_PER_DOCUMENT)):
        data = copy.deepcopy(document)
        parent = data
        for element in path[:-1]:
            parent = parent[element]
        action = rng.choice(["replace", "replace", "delete", "rename"])
        if action == "replace":
            parent[path[-1]] = rng.choice(REPLACEMENTS)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[f"{path[-1]}_"] = parent.pop(path[-1])
        else:
            parent.append(rng.choice(REPLACEMENTS))
        yield data


@pytest.mark.parametrize("name", sorted(TYPES))
def test_fast_and_exact_paths_agree(name: str) -> None:
    cls = TYPES[name]
    entry = jw.converter.compiled_structure(cls)
    exact = jw.converter.compiler.compile(shape_of(cls))
    rng = random.Random(name)
    documents = _documents(name)
    assert documents, f"no accepted JSON vector for {name}"
    checked = 0
    for document in documents:
        for data in _mutants(document, rng):
            fast = _outcome(lambda d: entry(d, Context("warn")), data)
            assert fast == _outcome(lambda d: exact(d, Context("warn")), data), data
            checked += 1
    assert checked >= len(documents)


@pytest.mark.parametrize("form", ["map", "tagged"])
@pytest.mark.parametrize("name", sorted(TYPES))
def test_generated_and_interpreted_writers_agree(name: str, form: Any) -> None:
    cls = TYPES[name]
    shape = shape_of(cls)
    generated = Unstructurer(form, finite_floats=False).compile(shape)
    interpreted = Unstructurer(form, finite_floats=False, generated=False).compile(shape)
    written = 0
    for document in _documents(name):
        try:
            value = jw.structure(document, cls)
        except jw.WireError:
            continue  # a reading divergence, pinned by the vector tests
        assert _ordered(generated(value)) == _ordered(interpreted(value))
        written += 1
    assert written


_JSON_INTERPRETED = Unstructurer("map", finite_floats=True, int_keys_as_text=True, generated=False)


def _text_outcome(write: Callable[[Any, bool], str], value: Any, pretty: bool) -> tuple[str, Any]:
    try:
        return ("ok", write(value, pretty))
    except jw.WireError as error:
        return ("error", (str(error), error.path))


def _to_json(value: Any, pretty: bool) -> str:
    return jw.to_json(value, pretty=pretty)


def _interpreted_text(value: Any, pretty: bool) -> str:
    data = _JSON_INTERPRETED.compile(shape_of(type(value)))(value)
    out: list[str] = []
    pj._emit(data, out, serde_json_float, "  " if pretty else None, 0)
    return "".join(out)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_to_json_writes_the_interpreted_writers_bytes(name: str) -> None:
    cls = TYPES[name]
    values = []
    for document in _documents(name):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                values.append(jw.structure(document, cls))
            except jw.WireError:
                continue  # a reading divergence, pinned by the vector tests
    values += collect(values_of(cls), 20)
    for value in values:
        for pretty in (False, True):
            ours = _text_outcome(_to_json, value, pretty)
            assert ours == _text_outcome(_interpreted_text, value, pretty), value
    assert values
