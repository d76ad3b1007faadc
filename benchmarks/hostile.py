"""Time and peak memory of the worst hostile inputs (issue 6): run, don't assert.

    .venv/bin/python benchmarks/hostile.py

Each case runs twice in this process: once timed (wall clock), once under tracemalloc
for its peak (Python allocations, which is where a blow-up would show).
"""

from __future__ import annotations

import time
import tracemalloc
import warnings
from collections.abc import Callable

from jammi_wire import FineTuneConfig, WireError, from_json, from_yaml, to_json, to_yaml

BASE_YAML = to_yaml(FineTuneConfig())
BASE_JSON = to_json(FineTuneConfig())


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines)


def _run(fn: Callable[[], object]) -> str:
    try:
        fn()
    except WireError as error:
        return f"WireError: {str(error)[:60]}"
    return "accepted"


def measure(name: str, fn: Callable[[], object]) -> None:
    # Timed without tracemalloc (it slows allocation several times over), then run
    # again under it for the peak.
    start = time.perf_counter()
    outcome = _run(fn)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    _run(fn)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"| {name} | {elapsed * 1000:.1f} | {peak / 2**20:.1f} | {outcome} |")


def main() -> None:
    warnings.simplefilter("ignore")
    big_list = "[" + ",".join(["1.5"] * 2_000_000) + "]"
    cases: dict[str, Callable[[], object]] = {
        "YAML alias bomb (9^9) in a read field": lambda: from_yaml(
            _bomb() + "\ntarget_modules: *a8\n" + BASE_YAML
        ),
        "YAML alias bomb (9^9) in an ignored field": lambda: from_yaml(
            BASE_YAML + "zz:\n  " + _bomb().replace("\n", "\n  ") + "\n"
        ),
        "YAML 10 MB document (ignored list)": lambda: from_yaml(
            BASE_YAML + "zz: " + big_list + "\n"
        ),
        "YAML nesting 999 deep (ignored)": lambda: from_yaml(
            BASE_YAML + "zz: " + "[" * 999 + "]" * 999 + "\n"
        ),
        "YAML nesting 100,000 deep": lambda: from_yaml(
            BASE_YAML + "zz: " + "[" * 100_000 + "]" * 100_000 + "\n"
        ),
        "JSON 10 MB document (ignored list)": lambda: from_json(
            BASE_JSON[:-1] + ',"zz":' + big_list + "}"
        ),
        "JSON nesting 1,000,000 deep": lambda: from_json(
            BASE_JSON[:-1] + ',"zz":' + "[" * 1_000_000 + "]" * 1_000_000 + "}"
        ),
        "JSON integer of 100,000 digits": lambda: from_json(
            BASE_JSON.replace('"epochs":3', '"epochs":' + "9" * 100_000)
        ),
    }
    print("| input | ms | peak MiB | outcome |\n|---|---|---|---|")
    for name, fn in cases.items():
        measure(name, fn)


if __name__ == "__main__":
    main()
