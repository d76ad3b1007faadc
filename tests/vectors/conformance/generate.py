"""Ask the real serde (the Rust harness) about every conformance case; write the jsonl files.

Run ``.venv/bin/python tests/vectors/conformance/generate.py`` after changing
``cases.py`` or ``conformance.rs``. Output is sorted by id with sorted keys, so a rerun
with unchanged cases and crates gives no diff (the harness's HashMaps use a fixed
hasher, so their order is stable too).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "interop"))

from cases import all_cases  # noqa: E402

OUTPUTS = ("json", "json_pretty", "yaml", "yaml_singleton_map")


def outcome(case: dict[str, str], response: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict(case)
    row["ok"] = bool(response.get("ok"))
    if not row["ok"]:
        row["error"] = response.get("error")
        return row
    for key in OUTPUTS:
        row[key] = response.get(key)
    if response.get("encode_errors"):
        row["encode_errors"] = response["encode_errors"]
    return row


def main() -> int:
    from harness import Harness, find_binary  # type: ignore[import-not-found]

    binary = find_binary()
    if binary is None:
        print("no harness binary and no cargo: cannot generate vectors", file=sys.stderr)
        return 1
    harness = Harness()
    harness.start(binary)
    try:
        cases = all_cases()
        responses = harness.decode_many([(c["format"], c["type"], c["input"]) for c in cases])
    finally:
        harness.close()
    rows = [outcome(c, r) for c, r in zip(cases, responses, strict=True)]
    harness_errors = [r for r in rows if str(r.get("error", "")).startswith(("harness", "panic"))]
    if harness_errors:
        print(
            f"harness refused {len(harness_errors)} cases, e.g. {harness_errors[0]}",
            file=sys.stderr,
        )
        return 1
    for name, formats in (("json", {"json"}), ("yaml", {"yaml", "yaml_singleton_map"})):
        selected = sorted((r for r in rows if r["format"] in formats), key=lambda r: r["id"])
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as out:
            for r in selected:
                out.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        accepted = sum(r["ok"] for r in selected)
        print(f"{name}.jsonl: {len(selected)} cases, {accepted} accepted by serde")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
