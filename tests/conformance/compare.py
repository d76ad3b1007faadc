"""One comparison of Python against serde for a (format, type, text) triple.

An outcome is ``("ok", {output: text})`` with the four writings serde's harness returns
(``json``, ``json_pretty``, ``yaml``, ``yaml_singleton_map``), or ``("error", text)``
with the error spelled as the Rust crate spells it: serde_json's errors have no path,
serde_yaml's start with one.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mirrors import HASHMAP_TYPES, TYPES

import jammi_wire as jw
from jammi_wire import WireError
from jammi_wire.preconf import json as pjson

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
OUTPUTS = ("json", "json_pretty", "yaml", "yaml_singleton_map")
DIALECT = {"yaml": "tags", "yaml_singleton_map": "singleton_map"}
Outcome = tuple[str, Any]

# serde_json writes NaN and infinities as `null`; jammi-wire refuses to (README): the one
# writing difference on purpose. A value that holds one is compared on YAML only.
NON_FINITE = "serde_json writes it as null"


def yaml_vector_rows() -> Iterator[tuple[str, Any, str, str]]:
    """(id, class, input, dialect) of every stored YAML vector, conformance types and
    the fine-tune vocabulary's alike."""
    for path in (VECTORS / "conformance" / "yaml.jsonl", VECTORS / "yaml.jsonl"):
        for line in filter(None, path.read_text(encoding="utf-8").split("\n")):
            row = json.loads(line)
            cls = TYPES.get(row["type"]) or getattr(jw, row["type"], None)
            if cls is not None:
                dialect = "singleton_map" if row["format"] == "yaml_singleton_map" else "tags"
                yield row["id"], cls, row["input"], dialect


@contextmanager
def json_read_path(fast: bool | str) -> Iterator[None]:
    """Force the JSON fast read path (generated code + orjson) on or off; ``"stdlib"``:
    the generated code on the stdlib parser's tree (as documents over 1 MiB are read)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pjson, "_FAST_READ", bool(fast))
        if fast == "stdlib":
            mp.setattr(pjson, "_FAST_READ_LIMIT", -1)
        else:
            mp.setattr(pjson, "_FAST_READ", bool(fast) and pjson._orjson is not None)
        mp.setattr(pjson, "_FAST_WRITE", bool(fast) and pjson._orjson_agrees())
        yield


def rust_text(error: WireError, fmt: str) -> str:
    """The Python error spelled the way the Rust crate's Display spells it."""
    if fmt != "json":
        return str(error)
    text = error.message
    if error.line is not None:
        text += f" at line {error.line} column {error.column}"
    return text


def decode(fmt: str, cls: Any, text: str) -> Any:
    if fmt == "json":
        return jw.from_json(text, cls, validate=False, unknown="ignore")
    return jw.from_yaml(text, cls, validate=False, unknown="ignore", dialect=DIALECT[fmt])


WRITERS: dict[str, Callable[[Any], str]] = {
    "json": jw.to_json,
    "json_pretty": lambda obj: jw.to_json(obj, pretty=True),
    "yaml": lambda obj: jw.to_yaml(obj, dialect="tags"),
    "yaml_singleton_map": lambda obj: jw.to_yaml(obj, dialect="singleton_map"),
}


class Refused(str):
    """A writer's refusal (its message): serde's encode error, or ours."""


def encode_all(obj: Any) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key, write in WRITERS.items():
        try:
            out[key] = write(obj)
        except WireError as error:
            out[key] = None if NON_FINITE in str(error) else Refused(str(error))
    return out


def python_outcome(fmt: str, type_name: str, text: str) -> tuple[Outcome, Any]:
    """Python's outcome and the decoded object (None on error)."""
    cls = TYPES[type_name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            obj = decode(fmt, cls, text)
        except WireError as error:
            return ("error", rust_text(error, fmt)), None
    return ("ok", encode_all(obj)), obj


def rust_outcome(response: dict[str, Any]) -> Outcome:
    if not response["ok"]:
        return ("error", response["error"])
    written = {key: response[key] for key in OUTPUTS}
    for line in response.get("encode_errors", []):
        key, _, message = line.partition(": ")
        written[key] = Refused(message)
    return ("ok", written)


def same_value(type_name: str, key: str, ours: str, theirs: str) -> bool:
    """Equal bytes, or (for types holding a HashMap, whose order is serde's hash order)
    texts that read back to equal values."""
    if ours == theirs:
        return True
    if type_name not in HASHMAP_TYPES:
        return False
    fmt = "json" if key.startswith("json") else key
    cls = TYPES[type_name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return bool(decode(fmt, cls, ours) == decode(fmt, cls, theirs))
        except WireError:
            return False


def differences(type_name: str, rust: Outcome, python: Outcome) -> list[str]:
    """What differs between serde's outcome and ours (empty when they agree)."""
    if rust[0] != python[0]:
        return [
            f"verdict: serde {rust[0]} {_short(rust[1])}, python {python[0]} {_short(python[1])}"
        ]
    if rust[0] == "error":
        return (
            [] if rust[1] == python[1] else [f"error text: serde {rust[1]!r}, python {python[1]!r}"]
        )
    out = []
    for key in OUTPUTS:
        theirs, ours = rust[1][key], python[1][key]
        if ours is None and key.startswith("json"):
            continue  # a non-finite float: refused on purpose (NON_FINITE)
        if isinstance(theirs, Refused) or isinstance(ours, Refused):
            if not (isinstance(theirs, Refused) and isinstance(ours, Refused) and theirs == ours):
                out.append(f"{key}: serde {_refusal(theirs)}, python {_refusal(ours)}")
            continue
        if theirs is None or not same_value(type_name, key, ours, theirs):
            out.append(f"{key}: serde {theirs!r}, python {ours!r}")
    return out


def _refusal(text: str | None) -> str:
    return f"refused to write: {text}" if isinstance(text, Refused) else f"wrote {text!r}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 300 else text[:300] + "..."
