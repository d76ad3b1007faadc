"""Where jammi-wire's time goes on the full config: a stage breakdown, then cProfile.

    .venv/bin/python benchmarks/where_time_goes.py [--top N]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import jammi_wire as jw
import jammi_wire.preconf.json as pj
from jammi_wire.converters import converter

FULL = (Path(__file__).resolve().parent / "fixtures" / "full.json").read_text().strip()


def best(fn: Callable[[], object], n: int = 5000) -> float:
    return min(timeit.repeat(fn, number=n, repeat=5)) / n * 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    obj = jw.from_json(FULL)
    stages: list[tuple[str, Callable[[], object]]] = [
        ("from_json (all)", lambda: jw.from_json(FULL)),
        ("from_json validate=False", lambda: jw.from_json(FULL, validate=False)),
        ("to_json (all)", lambda: jw.to_json(obj)),
        ("to_json pretty (all)", lambda: jw.to_json(obj, pretty=True)),
    ]
    fast = pj._fast_for(jw.FineTuneConfig)  # from_json's generated function (no copies)
    copying = converter.compiled_fast(jw.FineTuneConfig)  # structure()'s
    if pj._orjson is not None and fast is not None and copying is not None:
        orjson = pj._orjson
        data = orjson.loads(FULL)
        tree = pj._unstructure_for_json(obj)
        stages += [
            ("  orjson.loads", lambda: orjson.loads(FULL)),
            ("  ':' count + '-' check", lambda: (FULL.count(":"), "-" in FULL)),
            ("  generated structure (from_json)", lambda: fast(data, [0])),
            ("  generated structure (structure())", lambda: copying(data, [0])),
            ("  validate()", obj.validate),
            ("  unstructure for JSON", lambda: pj._unstructure_for_json(obj)),
            ("  orjson.dumps().decode()", lambda: orjson.dumps(tree).decode()),
            ("structure() (all)", lambda: jw.structure(data)),
            ("unstructure() (all)", lambda: jw.unstructure(obj)),
        ]
    try:
        from jammi_wire.preconf.yaml import from_yaml, to_yaml
    except ImportError:
        pass
    else:
        ytext = to_yaml(obj)
        stages += [("from_yaml (all)", lambda: from_yaml(ytext)),
                   ("to_yaml (all)", lambda: to_yaml(obj))]
    print("stage breakdown, full config, best of 5 (µs):")
    for name, fn in stages:
        print(f"  {name:34s} {best(fn):8.2f}")
    for name, fn in stages:
        if "(all)" not in name:
            continue
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(3000):
            fn()
        prof.disable()
        print(f"\n===== cProfile: {name} (3000 calls)")
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
