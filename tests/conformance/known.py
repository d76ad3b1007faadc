"""The known divergences from serde in the conformance vectors, by kind.

``python tests/conformance/known.py`` re-runs every vector against the library and
rewrites ``known_divergences.json`` (vector id -> kind and both answers). The vector
tests treat each entry as a strict xfail: an entry that starts agreeing fails until it
is removed by re-running this script, so fixes show up and regressions cannot hide.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KNOWN_FILE = HERE / "known_divergences.json"
VECTORS = HERE.parent / "vectors" / "conformance"

_POSITION = re.compile(r" at line \d+ column \d+$")


def kind_of(row: dict[str, Any], problem: str) -> str:
    """A short name for what kind of divergence ``problem`` is (for the report)."""
    m = re.match(r"error text: serde (['\"])(.*)\1, python (['\"])(.*)\3$", problem, re.S)
    if m:
        theirs, ours = m.group(2), m.group(4)
        if _POSITION.sub("", ours).endswith(": " + _POSITION.sub("", theirs)):
            return "path and position: serde_yaml gives none for a custom error"
        if _POSITION.sub("", theirs) == _POSITION.sub("", ours):
            if " at line " not in theirs:
                return "position: serde_json gives none inside buffered content"
            if theirs.endswith("column 0"):
                return "position: serde_json says column 0"
            return "position"
        if "expected a character" in theirs:
            return "wording: char"
        if "unknown variant" in theirs and "unknown variant" in ours:
            return "unknown variant: the list of expected names"
        if row["type"] == "conf::Wide":
            return "i128/u128 in JSON"
        if theirs.startswith("expected value"):
            return "wording: serde_json's `expected value` for a non-string tag"
        return "error text"
    if row["type"] == "conf::Wide":
        return "i128/u128 in JSON"
    if problem.startswith("verdict"):
        return "verdict"
    if re.search(r"![^ \\n]*%[0-9A-F]{2}", problem):
        return "YAML: serde_yaml percent-encodes tag characters"
    if "refused to write" in problem:
        return "writing refusal text"
    return "output"


def known_kinds() -> dict[str, set[str]]:
    """For each type, the kinds of divergence its vectors show."""
    table: dict[str, set[str]] = {}
    for entry in json.loads(KNOWN_FILE.read_text(encoding="utf-8")).values():
        table.setdefault(entry["type"], set()).add(entry["kind"])
    return table


def scan() -> dict[str, dict[str, str]]:
    from compare import differences, json_read_path, python_outcome, rust_outcome

    found: dict[str, dict[str, str]] = {}
    for name in ("json", "yaml"):
        for line in (VECTORS / f"{name}.jsonl").read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            row = json.loads(line)
            for fast in (False, True, "stdlib") if row["format"] == "json" else (False,):
                with json_read_path(fast):
                    ours, _ = python_outcome(row["format"], row["type"], row["input"])
                problems = differences(row["type"], rust_outcome(row), ours)
                if problems:
                    key = f"{row['format']}:{row['id']}"
                    entry = {"type": row["type"], "kind": kind_of(row, problems[0])}
                    found.setdefault(key, {**entry, "diff": problems[0][:600]})
    return found


def main() -> int:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent / "interop"))
    found = scan()
    KNOWN_FILE.write_text(
        json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    kinds: dict[str, int] = {}
    for entry in found.values():
        kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"{count:5d}  {kind}")
    print(f"{len(found)} known divergences written to {KNOWN_FILE.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
