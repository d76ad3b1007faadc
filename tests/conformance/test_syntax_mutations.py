"""Syntax-broken JSON: serde_json's error text, for thousands of broken documents.

Every stored JSON vector (the conformance types' and the fine-tune vocabulary's) is
broken six ways, by a seeded generator: cut short, a character deleted, or one of
``x } ] , :`` inserted. Each broken document gets the library's answer and, through the
harness, serde_json's. ``syntax_divergences.json`` lists the documents whose error
texts still differ (with both answers); the list is compared both ways, so a fix shows
up (rewrite the list: ``python tests/conformance/test_syntax_mutations.py``, which needs
the harness) and a regression cannot hide. Rewriting the vectors changes the documents:
rewrite the list then too.
"""

from __future__ import annotations

import json
import random
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compare import rust_text
from mirrors import TYPES

import jammi_wire as jw
from jammi_wire import WireError

HERE = Path(__file__).resolve().parent
VECTORS = (
    HERE.parent / "vectors" / "conformance" / "json.jsonl",
    HERE.parent / "vectors" / "json.jsonl",
)
KNOWN_FILE = HERE / "syntax_divergences.json"
EDITS = ("cut", "x", "}", "]", ",", ":", "del")
PER_DOCUMENT = 6


def _cls(name: str) -> Any:
    return TYPES.get(name) or getattr(jw, name, None)


def broken_documents() -> Iterator[tuple[str, str]]:
    """(type name, broken document), the same ones on every run."""
    rng = random.Random(7)
    for path in VECTORS:
        for line in filter(None, path.read_text(encoding="utf-8").split("\n")):
            row = json.loads(line)
            text, name = row["input"], row["type"]
            if _cls(name) is None or len(text) < 2:
                continue
            for _ in range(PER_DOCUMENT):
                at = rng.randrange(1, len(text))
                edit = rng.choice(EDITS)
                if edit == "cut":
                    yield name, text[:at]
                elif edit == "del":
                    yield name, text[:at] + text[at + 1 :]
                else:
                    yield name, text[:at] + edit + text[at:]


def our_answer(name: str, text: str) -> str | None:
    """The error text (None: read), or an AssertionError for anything but a WireError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            jw.from_json(text, _cls(name), validate=False, unknown="ignore")
        except WireError as error:
            return rust_text(error, "json")
    return None


DOCUMENTS = list(broken_documents())


def test_every_broken_document_gets_a_wire_error_or_reads() -> None:
    errors = 0
    for name, text in DOCUMENTS:
        errors += our_answer(name, text) is not None  # raises on any other exception
    assert len(DOCUMENTS) > 20_000 and errors > 15_000


def _differences(rust: Any) -> dict[str, dict[str, Any]]:
    answers = rust.decode_many(("json", name, text) for name, text in DOCUMENTS)
    found: dict[str, dict[str, Any]] = {}
    for (name, text), answer in zip(DOCUMENTS, answers, strict=True):
        ours = our_answer(name, text)
        theirs = None if answer["ok"] else answer["error"]
        if ours != theirs:
            found[json.dumps([name, text])] = {"serde": theirs, "python": ours}
    return found


def test_error_texts_are_serde_json_s(rust: Any) -> None:
    known = json.loads(KNOWN_FILE.read_text(encoding="utf-8"))
    found = _differences(rust)
    fixed = sorted(set(known) - set(found))
    new = {key: found[key] for key in sorted(set(found) - set(known))}
    assert not new, f"error texts newly different from serde_json's: {new}"
    assert not fixed, f"now agreeing with serde_json (rewrite {KNOWN_FILE.name}): {fixed}"
    # Both answers still as listed: a divergence that changes is looked at again.
    assert found == known


if __name__ == "__main__":
    sys.path[:0] = [str(HERE.parent / "interop")]
    from harness import Harness

    harness = Harness().start()
    try:
        differences = _differences(harness)
    finally:
        harness.close()
    KNOWN_FILE.write_text(json.dumps(differences, indent=1, sort_keys=True) + "\n")
    print(f"{len(DOCUMENTS)} broken documents, {len(differences)} texts differ")
