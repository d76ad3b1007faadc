"""Ask the real serde about every eval case; write json.jsonl and yaml.jsonl beside this file.

``python tests/vectors/eval/generate.py`` (also run by ``make vectors``). Rows are the
shared vectors' rows (tests/vectors/generate.py ``outcome``), sorted by id with sorted
keys, so a rerun with unchanged cases and crates gives no diff.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "interop"))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from eval_cases import all_cases  # noqa: E402

HASHMAPS = ("per_class", "per_type")


def _hashmap_sizes(node: Any) -> list[int]:
    """Sizes of every HashMap field in a written document."""
    sizes = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in HASHMAPS and isinstance(value, dict):
                sizes.append(len(value))
            sizes.extend(_hashmap_sizes(value))
    elif isinstance(node, list):
        for value in node:
            sizes.extend(_hashmap_sizes(value))
    return sizes


def rows() -> list[dict[str, Any]]:
    from harness import Harness, find_binary

    shared = importlib.util.spec_from_file_location("shared_generate", HERE.parent / "generate.py")
    assert shared is not None and shared.loader is not None
    module = importlib.util.module_from_spec(shared)
    shared.loader.exec_module(module)
    outcome = module.outcome  # the shared vectors' row layout

    binary = find_binary()
    if binary is None:
        raise SystemExit("no harness binary and no cargo: cannot generate vectors")
    cases = all_cases()
    with Harness().start(binary) as harness:
        responses = harness.decode_many([(c["format"], c["type"], c["input"]) for c in cases])
    out = []
    for case, response in zip(cases, responses, strict=True):
        if str(response.get("error", "")).startswith("harness:"):
            raise SystemExit(f"{case['id']}: {response['error']}")
        row = outcome(case, response)
        if row["ok"] and any(n > 1 for n in _hashmap_sizes(json.loads(row["json"]))):
            raise SystemExit(f"{case['id']}: a HashMap with several keys has no stable order")
        out.append(row)
    return out


def main() -> int:
    all_rows = rows()
    for name, formats in (("json", {"json"}), ("yaml", {"yaml", "yaml_singleton_map"})):
        selected = sorted((r for r in all_rows if r["format"] in formats), key=lambda r: r["id"])
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as out:
            for r in selected:
                out.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        accepted = sum(r["ok"] for r in selected)
        print(f"eval/{name}.jsonl: {len(selected)} cases, {accepted} accepted by serde")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
