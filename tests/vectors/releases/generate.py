"""Ask the Rust harness (``gN::`` types) about every release case; write ``gN.jsonl``.

Run by ``make release-vectors``. Rows have the shape of ``../json.jsonl`` (see
``../generate.py``, whose ``outcome`` writes them): sorted by id, canonical JSON.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests" / "interop"))


def _load(name: str, path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cases = _load("release_cases", HERE / "cases.py")
shared = _load("shared_generate", HERE.parent / "generate.py")


def main() -> int:
    from harness import Harness, find_binary  # type: ignore[import-not-found]

    binary = find_binary()
    if binary is None:
        print("no harness binary and no cargo: cannot generate vectors", file=sys.stderr)
        return 1
    with Harness().start(binary) as harness:
        for gen, gen_cases in cases.all_cases().items():
            responses = harness.decode_many(
                [(c["format"], c["type"], c["input"]) for c in gen_cases]
            )
            bad = [r for r in responses if str(r.get("error", "")).startswith("harness:")]
            if bad:
                print(f"g{gen}: harness refused a request: {bad[0]['error']}", file=sys.stderr)
                return 1
            rows = sorted(
                (shared.outcome(c, r) for c, r in zip(gen_cases, responses, strict=True)),
                key=lambda r: r["id"],
            )
            with open(HERE / f"g{gen}.jsonl", "w", encoding="utf-8", newline="\n") as out:
                for r in rows:
                    out.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
            print(
                f"g{gen}.jsonl: {len(rows)} cases, {sum(r['ok'] for r in rows)} accepted by serde"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
