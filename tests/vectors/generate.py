"""Ask the real serde (the Rust harness) about every case; write json.jsonl and yaml.jsonl.

Run by ``make vectors``. Output is sorted by id and canonical, so regenerating with
unchanged cases and crates gives no diff. ``rank_pattern`` is a Rust ``HashMap`` whose
order changes per process: outputs with more than one key there are stored with the
keys sorted and flagged ``"map_order": "unordered"`` so tests compare them by content.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "interop"))

from cases import all_cases  # noqa: E402

OUTPUTS = ("json", "json_pretty", "yaml", "yaml_singleton_map")


def _sorted_rank_pattern_json(text: str, pretty: bool) -> str:
    obj = json.loads(text)
    if isinstance(obj, dict) and isinstance(obj.get("rank_pattern"), dict):
        obj["rank_pattern"] = dict(sorted(obj["rank_pattern"].items()))
    if pretty:
        return json.dumps(obj, indent=2, ensure_ascii=False)
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


_YAML_RP = re.compile(r"^rank_pattern:\n((?:  .*\n)+)", re.M)


def _sorted_rank_pattern_yaml(text: str) -> str:
    def sort_block(m: re.Match[str]) -> str:
        lines = m.group(1).splitlines(keepends=True)
        return "rank_pattern:\n" + "".join(sorted(lines))

    return _YAML_RP.sub(sort_block, text)


def outcome(case: dict[str, str], response: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict(case)
    row["ok"] = bool(response.get("ok"))
    if not row["ok"]:
        row["error"] = response.get("error")
        return row
    row["validate"] = response.get("validate")
    for key in OUTPUTS:
        row[key] = response.get(key)
    if response.get("encode_errors"):
        row["encode_errors"] = response["encode_errors"]
    compact = row["json"]
    if isinstance(compact, str):
        rp = json.loads(compact).get("rank_pattern") if compact.startswith("{") else None
        if isinstance(rp, dict) and len(rp) > 1:
            # Only the key order is unstable; the bytes of everything else are kept.
            row["map_order"] = "unordered"
            row["json"] = _sorted_rank_pattern_json(compact, pretty=False)
            row["json_pretty"] = _sorted_rank_pattern_json(row["json_pretty"], pretty=True)
            for key in ("yaml", "yaml_singleton_map"):
                if isinstance(row[key], str):
                    row[key] = _sorted_rank_pattern_yaml(row[key])
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
