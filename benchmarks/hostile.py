"""Time and peak memory of the worst hostile inputs (issues 6 and 13): run, don't assert.

    .venv/bin/python benchmarks/hostile.py            # everything
    .venv/bin/python benchmarks/hostile.py --quick    # the issue-13 rows at a tenth of the size
    .venv/bin/python benchmarks/hostile.py --quick YAML keep-going   # rows naming a word

Each case runs twice in this process: once timed (wall clock), once under tracemalloc
for its peak (Python allocations, which is where a blow-up would show). The issue-13
rows also run at half the size, so the table shows how time grows with the input
(``x2`` = time at full size / time at half size: about 2 is linear).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable

from jammi_wire import FineTuneConfig, WireError, from_json, from_yaml, to_json, to_yaml
from jammi_wire.cli import main as cli_main
from jammi_wire.diagnostics import diagnose_text


def check_text(text: str, fmt: str) -> object:
    """What `jammi-wire check` works out for one document."""
    return diagnose_text(text, format=fmt)  # type: ignore[arg-type]

BASE_YAML = to_yaml(FineTuneConfig())
BASE_JSON = to_json(FineTuneConfig())


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines)


def _run(fn: Callable[[], object]) -> str:
    try:
        result = fn()
    except WireError as error:
        return f"WireError: {str(error)[:60]}"
    if isinstance(result, list):  # check's diagnostics
        return f"{len(result)} problems reported"
    if isinstance(result, int):  # a command's exit code
        return f"exit {result}"
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
    print(f"| {name} | {elapsed * 1000:.1f} | {peak / 2**20:.1f} | {outcome} |", flush=True)


# ── issue 13: each case is built for a size (in bytes or keys) ──────────────


class _Sized:
    """A case that knows how many bytes of input it reads (for peak / input)."""

    def __init__(self, fn: Callable[[], object], text: str | None = None, size: int = 0) -> None:
        self.fn = fn
        self.input_bytes = len(text.encode("utf-8")) if text is not None else size

    def __call__(self) -> object:
        return self.fn()



def _pathological_number(size: int) -> Callable[[], object]:
    text = BASE_YAML.replace("lora_alpha: 16.0", "lora_alpha: " + "1" * size + "x")
    return _Sized(lambda: check_text(text, "yaml"), text)


def _unknown_keys_check(count: int) -> Callable[[], object]:
    extra = ",".join(f'"unknown_{i}": {i}' for i in range(count))
    text = BASE_JSON[:-1] + "," + extra + "}"
    return _Sized(lambda: check_text(text, "json"), text)


def _plain_yes_check(count: int) -> Callable[[], object]:
    # Strings serde_yaml reads as "yes", YAML 1.1 readers as true: a warning each.
    items = "".join("  - yes\n" for _ in range(count))
    text = BASE_YAML.replace("target_modules: []\n", "target_modules:\n" + items)
    assert text != BASE_YAML
    return _Sized(lambda: check_text(text, "yaml"), text)


def _json_bad_value(size: int) -> Callable[[], object]:
    # A long string to walk past before the bad value is found and located.
    text = '{"notes": "' + "a" * size + '",' + BASE_JSON[1:].replace('"epochs":3', '"epochs":"x"')
    return _Sized(lambda: from_json(text), text)


def _yaml_check(size: int) -> Callable[[], object]:
    block = "".join(f"  key_{i}: [1.5, 2.5, word, {i}]\n" for i in range(1000))
    reps = max(1, size // len(block))
    text = BASE_YAML + "".join(f"zz{r}:\n{block}" for r in range(reps))
    return _Sized(lambda: check_text(text, "yaml"), text)


def _keep_going(records: int) -> Callable[[], object]:
    good = to_json(FineTuneConfig()) + "\n"
    bad = good.replace('"epochs":3', '"epochs":"' + "x" * 200 + '"')
    folder = tempfile.mkdtemp(prefix="jammi-hostile-")
    source = os.path.join(folder, "in.jsonl")
    with open(source, "w") as handle:
        for i in range(records):
            handle.write(bad if i % 2 else good)
    target = os.path.join(folder, "out.jsonl")

    def run() -> object:
        with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
            return cli_main(["convert", source, "-o", target, "--keep-going"])

    return _Sized(run, size=os.path.getsize(source))


def _unknown_warn(count: int, fmt: str) -> Callable[[], object]:
    if fmt == "json":
        text = BASE_JSON[:-1] + "," + ",".join(f'"u{i}":{i}' for i in range(count)) + "}"
        return _Sized(lambda: from_json(text, unknown="warn"), text)
    text = BASE_YAML + "".join(f"u{i}: {i}\n" for i in range(count))
    return _Sized(lambda: from_yaml(text, unknown="warn"), text)


def measure_growth(name: str, build: Callable[[int], Callable[[], object]], size: int) -> None:
    """Time at size/2 and size, peak memory at size."""
    times = []
    for n in (size // 2, size):
        fn = build(n)
        start = time.perf_counter()
        outcome = _run(fn)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    _run(fn)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    ratio = times[1] / times[0] if times[0] > 0 else float("nan")
    size = getattr(fn, "input_bytes", 0)
    per_input = f"{peak / size:.1f}x" if size else ""
    print(
        f"| {name} | {size / 1e6:.2f} | {times[1] * 1000:.0f} | {ratio:.1f} "
        f"| {peak / 2**20:.1f} | {per_input} | {outcome[:50]} |",
        flush=True,
    )


def issue13(scale: float) -> None:
    warnings.simplefilter("ignore")

    def s(n: int) -> int:
        return max(2, int(n * scale))

    rows: list[tuple[str, Callable[[int], Callable[[], object]], int]] = [
        (f"YAML check, {s(16_000):,}-digit pathological number", _pathological_number, s(16_000)),
        (f"JSON check, {s(4_000):,} unknown keys", _unknown_keys_check, s(4_000)),
        (f"YAML check, {s(2_000):,} plain `yes`", _plain_yes_check, s(2_000)),
        (
            f"from_json, {s(10_000_000) / 1e6:.0f} MB document, one bad value",
            _json_bad_value,
            s(10_000_000),
        ),
        (f"YAML check, {s(50_000_000) / 1e6:.0f} MB", _yaml_check, s(50_000_000)),
        (f"convert --keep-going, {s(200_000):,} JSONL records, half bad", _keep_going, s(200_000)),
        (
            f"from_json unknown=warn, {s(1_000_000):,} unknown keys",
            lambda n: _unknown_warn(n, "json"),
            s(1_000_000),
        ),
        (
            f"from_yaml unknown=warn, {s(1_000_000):,} unknown keys",
            lambda n: _unknown_warn(n, "yaml"),
            s(1_000_000),
        ),
    ]
    print(
        "| input | MB | ms | x2 | peak MiB | peak / input | outcome |\n"
        "|---|---|---|---|---|---|---|",
        flush=True,
    )
    only = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    for name, build, size in rows:
        if not only or any(word in name for word in only):
            measure_growth(name, build, size)


def main() -> None:
    quick = "--quick" in sys.argv
    issue13(0.1 if quick else 1.0)
    if quick:
        return
    print()
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
