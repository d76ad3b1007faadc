"""Live agreement with serde for every `conf::` type (needs cargo; CI runs it).

* Rust -> Python: the harness draws seeded random values of each type and writes each
  four ways (JSON compact and pretty, YAML tags and singleton_map). Serde reads each
  text back and so does Python: same verdict, and the same four writings of what was
  read (so Python writes exactly what serde writes, in both YAML dialects).
* Python -> Rust: hypothesis values of each mirror (values.py), written by Python in
  the four ways; serde and Python read each text alike and write it back alike.
* Mutations: seeded changes to those documents (wrong kinds, missing, unknown and
  repeated members, bad scalars and lines in YAML); serde and Python (both JSON read
  paths) give the same verdict and error text, or the same value.

A difference of a kind the type's vectors already record as a known divergence
(known_divergences.json) is counted, not failed; any other difference fails.

Everything is drawn first and sent to the harness in one batch per test.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from compare import Refused, differences, encode_all, json_read_path, python_outcome, rust_outcome
from harness import Harness
from known import kind_of, known_kinds
from mirrors import TYPES
from test_live_roundtrip import collect
from values import values_of

VALUES_PER_TYPE = 12
MUTATIONS_PER_TYPE = 24
SEED = 20261201

NAMES = sorted(TYPES)
FORMATS = ("json", "json_pretty", "yaml", "yaml_singleton_map")


def _read_format(key: str) -> str:
    return "json" if key == "json_pretty" else key


@pytest.fixture(scope="module")
def random_values(rust: Harness) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for index, name in enumerate(NAMES):
        resp = rust.request(
            {"op": "random", "type": name, "seed": SEED + index, "count": VALUES_PER_TYPE}
        )
        assert resp["ok"], resp
        out[name] = resp["values"]
    return out


def test_harness_lists_exactly_the_mirrored_types(rust: Harness) -> None:
    resp = rust.request({"op": "conf_names"})
    assert sorted(resp["names"]) == NAMES


Case = tuple[str, str, str]  # (format, type, text)


class Verdicts:
    """Per type: how many cases were compared, and the differences by kind."""

    def __init__(self) -> None:
        self.cases = dict.fromkeys(NAMES, 0)
        self.known: dict[str, dict[str, int]] = {name: {} for name in NAMES}
        self.unknown: dict[str, list[str]] = {name: [] for name in NAMES}

    def failures(self, name: str) -> list[str]:
        return self.unknown[name][:5]


KNOWN_KINDS = known_kinds()


def _judge(rust: Harness, cases: list[Case]) -> Verdicts:
    """Every difference between serde and Python (both JSON read paths), by type."""
    responses = rust.decode_many(cases)
    verdicts = Verdicts()
    for (fmt, name, text), resp in zip(cases, responses, strict=True):
        assert not str(resp.get("error", "")).startswith(("harness", "panic")), resp
        theirs = rust_outcome(resp)
        verdicts.cases[name] += 1
        for fast in (False, True, "stdlib") if fmt == "json" else (False,):
            with json_read_path(fast):
                ours, _ = python_outcome(fmt, name, text)
            for problem in differences(name, theirs, ours):
                kind = kind_of({"type": name}, problem)
                if kind in KNOWN_KINDS.get(name, set()):
                    verdicts.known[name][kind] = verdicts.known[name].get(kind, 0) + 1
                else:
                    path = "fast" if fast else "exact"
                    verdicts.unknown[name].append(f"{fmt} {path} {text!r}: [{kind}] {problem}")
    return verdicts


@pytest.fixture(scope="module")
def rust_to_python(rust: Harness, random_values: dict[str, list[dict[str, Any]]]) -> Verdicts:
    cases = [
        (_read_format(key), name, value[key])
        for name in NAMES
        for value in random_values[name]
        for key in FORMATS
        if value.get(key) is not None
    ]
    assert len(cases) >= 4 * VALUES_PER_TYPE * len(NAMES) * 0.95
    return _judge(rust, cases)


@pytest.mark.parametrize("name", NAMES)
def test_serde_written_values_read_and_written_alike(name: str, rust_to_python: Verdicts) -> None:
    assert rust_to_python.cases[name] >= 3 * VALUES_PER_TYPE
    assert rust_to_python.failures(name) == []


# ─────────────────────────────────────────────────────────────── Python -> serde

PYTHON_VALUES_PER_TYPE = 8


@pytest.fixture(scope="module")
def python_to_rust(rust: Harness) -> Verdicts:
    """Values Python chose, written by Python four ways, read by serde and by Python."""
    cases: list[Case] = []
    for name in NAMES:
        for value in collect(values_of(TYPES[name]), PYTHON_VALUES_PER_TYPE):
            for key, text in encode_all(value).items():
                if isinstance(text, str) and not isinstance(text, Refused):
                    cases.append((_read_format(key), name, text))
    return _judge(rust, cases)


@pytest.mark.parametrize("name", NAMES)
def test_python_written_values_read_by_serde_alike(name: str, python_to_rust: Verdicts) -> None:
    assert python_to_rust.cases[name] >= 4  # at least one value (a unit struct has one)
    assert python_to_rust.failures(name) == []


# ─────────────────────────────────────────────────────────────── mutations

JSON_REPLACEMENTS: list[Any] = [None, True, -1, 0, 2**64, 1.5, -0.0, "", "x", [], [1], {}, {"a": 1}]
YAML_SCALARS = [
    "~",
    "yes",
    "1.5",
    "x",
    "[]",
    "{}",
    "-1",
    "0x10",
    "!x 1",
    "''",
    "1e400",
    "'7'",
    "[1, 2]",
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def mutate_json(text: str, rng: random.Random) -> str:
    data = json.loads(text)
    paths = list(_paths(data))
    path = rng.choice(paths)
    action = rng.choice(["replace", "replace", "delete", "rename", "add", "repeat"])
    if not path:
        return json.dumps(rng.choice(JSON_REPLACEMENTS))
    parent = data
    for element in path[:-1]:
        parent = parent[element]
    last = path[-1]
    if action == "replace":
        parent[last] = rng.choice(JSON_REPLACEMENTS)
    elif action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    elif action == "add" and isinstance(parent, dict):
        parent["zz"] = rng.choice(JSON_REPLACEMENTS)
    elif action == "repeat" and isinstance(parent, dict):
        dumped = json.dumps(data)
        member = json.dumps({last: parent[last]})[1:-1]
        # Repeat the member textually at the end of the top-level object when it is one.
        if dumped.startswith("{") and len(path) == 1:
            return dumped[:-1] + (", " if len(data) else "") + member + "}"
        parent[last] = [parent[last]]
    else:
        parent[last] = rng.choice(JSON_REPLACEMENTS)
    return json.dumps(data, ensure_ascii=False)


def mutate_yaml(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if not lines:
        return rng.choice(YAML_SCALARS)
    index = rng.randrange(len(lines))
    line = lines[index]
    action = rng.choice(["value", "value", "delete", "repeat", "indent"])
    if action == "value":
        head, sep, _ = line.partition(": ")
        if sep:
            lines[index] = f"{head}: {rng.choice(YAML_SCALARS)}"
        elif line.lstrip().startswith("- "):
            lines[index] = line[: line.index("- ") + 2] + rng.choice(YAML_SCALARS)
        else:
            lines[index] = rng.choice(YAML_SCALARS)
    elif action == "delete":
        del lines[index]
    elif action == "repeat":
        lines.insert(index, line)
    else:
        lines[index] = "  " + line
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def mutations(rust: Harness, random_values: dict[str, list[dict[str, Any]]]) -> Verdicts:
    rng = random.Random(SEED)
    cases: list[Case] = []
    for name in NAMES:
        values = [v for v in random_values[name] if v.get("json") is not None]
        for _ in range(MUTATIONS_PER_TYPE):
            value = rng.choice(values)
            cases.append(("json", name, mutate_json(value["json"], rng)))
            keys = [key for key in ("yaml", "yaml_singleton_map") if value.get(key) is not None]
            key = rng.choice(keys or ["yaml"])
            cases.append((key, name, mutate_yaml(value.get(key) or "", rng)))
    return _judge(rust, cases)


@pytest.mark.parametrize("name", NAMES)
def test_mutated_documents_get_serde_verdict_and_text(name: str, mutations: Verdicts) -> None:
    assert mutations.cases[name] == 2 * MUTATIONS_PER_TYPE
    assert mutations.failures(name) == []
