"""Benchmark jammi-wire against its peers; see benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py [--quick] [--write benchmarks/RESULTS.md]

Method: one process; in each round every library runs each operation once in a
timeit-style loop (gc disabled inside the loop), so machine noise hits all libraries
alike; the table shows the median over rounds and each peer's ratio to jammi-wire.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata as md
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "interop"))

import jammi_wire  # noqa: E402
from peers._common import DEFAULT, FULL  # noqa: E402


def _yaml_codec() -> tuple[Callable[..., object], Callable[..., str]] | None:
    """jammi-wire's YAML functions, from the package or (before the export lands) its module."""
    if hasattr(jammi_wire, "from_yaml"):
        return jammi_wire.from_yaml, jammi_wire.to_yaml
    try:
        from jammi_wire.preconf.yaml import from_yaml, to_yaml
    except ImportError:
        return None
    return from_yaml, to_yaml


YAML_CODEC = _yaml_codec()

PEER_MODULES = [
    "jammi_peer",
    "pydantic_peer",
    "msgspec_peer",
    "mashumaro_peer",
    "cattrs_peer",
    "pyserde_peer",
]
PACKAGES = ["jammi-wire", "attrs", "cattrs", "PyYAML", "orjson", "pydantic", "pydantic-core",
            "msgspec", "mashumaro", "pyserde"]
HARNESS_BIN = ROOT / "tests/interop/rust/target/release/jammi-wire-harness"
JSON_OPS = ["JSON decode", "JSON encode", "JSON encode pretty", "dict → object", "object → dict"]
YAML_OPS = ["YAML load", "YAML dump"]


def timed(fn: Callable[[], object], number: int) -> float:
    """µs per call over ``number`` calls, gc disabled as timeit does."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()
    return elapsed / number * 1e6


def calibrate(fn: Callable[[], object], target_s: float) -> int:
    n = 1
    while True:
        t = timed(fn, n) * n / 1e6
        if t >= target_s / 4 or n >= 1 << 20:
            return max(1, int(n * target_s / max(t, 1e-9)))
        n *= 4


def load_peers() -> list:
    mods = []
    for name in PEER_MODULES:
        try:
            mods.append(importlib.import_module(f"peers.{name}"))
        except Exception as exc:  # a missing optional peer must not stop the others
            print(f"skipping {name}: {exc!r}", file=sys.stderr)
    return mods


def json_cases(peers: list) -> dict[tuple[str, str, str], Callable[[], object]]:
    """(config, operation, library) -> a zero-argument callable."""
    cases: dict[tuple[str, str, str], Callable[[], object]] = {}
    for config, text in (("default", DEFAULT), ("full", FULL)):
        data = json.loads(text)
        for p in peers:
            obj = p.decode(text)
            cases[(config, "JSON decode", p.NAME)] = lambda p=p, t=text: p.decode(t)
            cases[(config, "JSON encode", p.NAME)] = lambda p=p, o=obj: p.encode(o)
            cases[(config, "JSON encode pretty", p.NAME)] = lambda p=p, o=obj: p.encode_pretty(o)
            cases[(config, "dict → object", p.NAME)] = lambda p=p, d=data: p.from_dict(d)
            cases[(config, "object → dict", p.NAME)] = lambda p=p, o=obj: p.to_dict(o)
    return cases


NAIVE_YAML = "PyYAML C + cattrs (naive)"


def yaml_cases() -> dict[tuple[str, str, str], Callable[[], object]]:
    import yaml

    from peers import cattrs_peer

    loader, dumper = yaml.CSafeLoader, yaml.CSafeDumper
    cases: dict[tuple[str, str, str], Callable[[], object]] = {}
    for config, text in (("default", DEFAULT), ("full", FULL)):
        # The naive route writes enums as externally tagged mappings (singleton_map),
        # not serde_yaml 0.9's !tags, and resolves scalars by YAML 1.1 rules.
        nobj = cattrs_peer.decode(text)
        ntext = yaml.dump(cattrs_peer.to_dict(nobj), Dumper=dumper, sort_keys=False)
        assert cattrs_peer.to_dict(
            cattrs_peer.from_dict(yaml.load(ntext, Loader=loader))
        ) == json.loads(text)
        cases[(config, "YAML load", NAIVE_YAML)] = lambda t=ntext: cattrs_peer.from_dict(
            yaml.load(t, Loader=loader)
        )
        cases[(config, "YAML dump", NAIVE_YAML)] = lambda o=nobj: yaml.dump(
            cattrs_peer.to_dict(o), Dumper=dumper, sort_keys=False
        )
        cases[(config, "YAML load", "PyYAML CSafeLoader alone")] = lambda t=ntext: yaml.load(
            t, Loader=loader
        )
        if YAML_CODEC is not None:
            from_yaml, to_yaml = YAML_CODEC
            jobj = jammi_wire.from_json(text)
            jtext = to_yaml(jobj)
            assert from_yaml(jtext) == jobj
            cases[(config, "YAML load", "jammi-wire")] = lambda t=jtext, f=from_yaml: f(t)
            cases[(config, "YAML dump", "jammi-wire")] = lambda o=jobj, f=to_yaml: f(o)
    return cases


def rust_reference(iterations: int) -> dict[tuple[str, str], float]:
    """(config, op) -> µs from the Rust harness's own timing loop, if it is built."""
    if not HARNESS_BIN.exists():
        return {}
    try:
        from harness import Harness  # type: ignore[import-not-found]
    except ImportError:
        return {}
    out: dict[tuple[str, str], float] = {}
    h = Harness()
    h.start(HARNESS_BIN)
    try:
        for config, text in (("default", DEFAULT), ("full", FULL)):
            r = h.request({"op": "bench", "format": "json", "type": "FineTuneConfig",
                           "input": text, "iterations": iterations})
            if r.get("ok"):
                out[(config, "JSON decode")] = r["decode_ns"] / 1000
                out[(config, "JSON encode")] = r["encode_ns"] / 1000
                if r.get("encode_pretty_ns") is not None:
                    out[(config, "JSON encode pretty")] = r["encode_pretty_ns"] / 1000
            # serde_yaml's own text for the config, so this needs no Python YAML writer.
            ytext = h.decode("json", "FineTuneConfig", text).get("yaml")
            if ytext:
                r = h.request({"op": "bench", "format": "yaml", "type": "FineTuneConfig",
                               "input": ytext, "iterations": iterations})
                if r.get("ok"):
                    out[(config, "YAML load")] = r["decode_ns"] / 1000
                    out[(config, "YAML dump")] = r["encode_ns"] / 1000
    finally:
        h.close()
    return out


def run_rounds(cases: dict, rounds: int, target_s: float) -> dict[tuple[str, str, str], float]:
    numbers = {k: calibrate(fn, target_s) for k, fn in cases.items()}
    samples: dict[tuple[str, str, str], list[float]] = {k: [] for k in cases}
    for r in range(rounds):
        for k, fn in cases.items():
            samples[k].append(timed(fn, numbers[k]))
        print(f"round {r + 1}/{rounds}", file=sys.stderr)
    return {k: statistics.median(v) for k, v in samples.items()}


def jsonl_conversion(records: int) -> dict[str, object] | None:
    """Convert ``records`` JSON Lines through the CLI; seconds and peak RSS (KiB)."""
    if importlib.util.find_spec("jammi_wire.cli") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        dst = Path(tmp) / "out.yaml"
        src.write_text((FULL + "\n") * records)
        # Until YAML support lands, JSON Lines -> JSON Lines still shows whether memory
        # stays flat; the report labels which target format ran.
        for to in ("yaml", "jsonl"):
            cmd = ["/usr/bin/time", "-f", "%M %e", sys.executable, "-m", "jammi_wire",
                   "convert", str(src), "--to", to, "-o", str(dst)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode == 0:
                rss_kib, seconds = proc.stderr.strip().splitlines()[-1].split()
                return {"records": records, "seconds": float(seconds),
                        "rss_kib": float(rss_kib), "to": to}
            print(f"jsonl -> {to} failed: {proc.stderr[-500:]}", file=sys.stderr)
        return None


SMALL_YAML = """\
lora_rank: 8
lora_alpha: 16.0
lora_dropout: 0.05
learning_rate: 0.0002
epochs: 3
batch_size: 8
max_seq_length: 512
embedding_loss: null
classification_loss: null
gradient_accumulation_steps: 1
validation_fraction: 0.1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: cosine_decay
"""

STARTUP_CASES = ("python -c pass", "python -c 'import jammi_wire'", "jammi-wire check small.yaml")


def startup(runs: int) -> dict[str, float]:
    """Median wall ms of each start-up case over ``runs`` interleaved runs."""
    script = Path(sys.executable).with_name("jammi-wire")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.yaml"
        small.write_text(SMALL_YAML)
        commands = {
            STARTUP_CASES[0]: [sys.executable, "-c", "pass"],
            STARTUP_CASES[1]: [sys.executable, "-c", "import jammi_wire"],
            STARTUP_CASES[2]: [str(script), "check", str(small)] if script.exists()
            else [sys.executable, "-m", "jammi_wire", "check", str(small)],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for cmd in commands.values():  # warm the page cache and .pyc files
            subprocess.run(cmd, check=True, capture_output=True)
        for _ in range(runs):
            for name, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True)
                samples[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(v) for name, v in samples.items()}


def versions() -> list[str]:
    lines = [f"Python {platform.python_version()} ({platform.python_implementation()})"]
    for pkg in PACKAGES:
        try:
            lines.append(f"{pkg} {md.version(pkg)}")
        except md.PackageNotFoundError:
            lines.append(f"{pkg} (not installed)")
    return lines


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def fmt(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def table(results: dict, rust: dict, config: str, ops: list[str], base: str) -> list[str]:
    libs: list[str] = []
    for c, _, lib in results:
        if c == config and lib not in libs:
            libs.append(lib)
    head = "| library | " + " | ".join(f"{op} µs | ratio" for op in ops) + " |"
    lines = [head, "|---" * (1 + 2 * len(ops)) + "|"]
    rows = [(lib, {op: results.get((config, op, lib)) for op in ops}) for lib in libs]
    if rust:
        rows.append(("Rust serde (native reference)", {op: rust.get((config, op)) for op in ops}))
    for lib, vals in rows:
        if all(v is None for v in vals.values()):
            continue
        cells = []
        for op in ops:
            v, b = vals[op], results.get((config, op, base))
            ratio = f"{v / b:.2f}" if v is not None and b else ""
            cells += [fmt(v), ratio]
        lines.append(f"| {lib} | " + " | ".join(cells) + " |")
    return lines


def targets(
    results: dict[tuple[str, str, str], float],
    yaml_results: dict[tuple[str, str, str], float],
    jsonl: list[dict[str, float]],
) -> list[str]:
    """The issue's targets, each as jammi-wire's time over the reference's (full config)."""
    lines = ["## Targets (full config; jammi-wire time / reference time)", "",
             "| target | ratio | goal | met |", "|---|---|---|---|"]

    def row(name: str, ours: float | None, theirs: float | None, goal: float) -> None:
        if ours is None or theirs is None:
            return
        ratio = ours / theirs
        lines.append(f"| {name} | {ratio:.2f} | ≤ {goal} | {'yes' if ratio <= goal else 'no'} |")

    pyd = "pydantic v2 strict"
    for op in ("JSON decode", "JSON encode"):
        row(f"{op} vs {pyd}", results.get(("full", op, "jammi-wire")),
            results.get(("full", op, pyd)), 1.0)
    for op in ("YAML load", "YAML dump"):
        row(f"{op} vs {NAIVE_YAML}", yaml_results.get(("full", op, "jammi-wire")),
            yaml_results.get(("full", op, NAIVE_YAML)), 0.5)
    if len(jsonl) == 2:
        small, large = jsonl
        per = results.get(("full", "JSON decode", "jammi-wire"), 0.0)
        per += yaml_results.get(("full", "YAML dump", "jammi-wire"), 0.0)
        row(f"JSON Lines {large['records']:.0f} records: time vs (decode + encode) x records",
            large["seconds"] / large["records"] * 1e6, per, 1.5)
        row(f"JSON Lines peak RSS, {large['records']:.0f} vs {small['records']:.0f} records",
            large["rss_kib"], small["rss_kib"], 1.1)
    return [*lines, ""]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="few short rounds: a smoke run")
    ap.add_argument("--write", type=Path, help="write the markdown report here")
    ap.add_argument("--rounds", type=int)
    args = ap.parse_args()
    rounds = args.rounds or (3 if args.quick else 15)
    target = 0.01 if args.quick else 0.05

    peers = load_peers()
    cases = json_cases(peers)
    yaml_c = yaml_cases()
    results = run_rounds(cases, rounds, target)
    yaml_results = run_rounds(yaml_c, rounds, target)
    rust = rust_reference(2000 if args.quick else 20000)
    jsonl_sizes = (1000, 10000) if args.quick else (10000, 100000)
    jsonl = [r for n in jsonl_sizes if (r := jsonl_conversion(n)) is not None]

    out = ["# Benchmark results", "",
           "Generated by `benchmarks/run.py`" + (" --quick" if args.quick else "") + ". "
           "Numbers from a shared 2-core machine with other jobs running: absolute µs are "
           "noisy, the ratios (interleaved rounds, medians) are what to read.", "",
           f"Machine: {machine()}", "", "Versions: " + ", ".join(versions()), "",
           f"Method: {rounds} interleaved rounds in one process, each a timeit-style loop "
           "(gc disabled) of about "
           f"{target * 1000:.0f} ms per library and operation; median over rounds. "
           "ratio = peer / jammi-wire (below 1 means the peer is faster).", ""]
    out += targets(results, yaml_results, jsonl)
    for config in ("full", "default"):
        out += [f"## JSON, {config} config", ""]
        out += [*table(results, rust, config, JSON_OPS, "jammi-wire"), ""]
        yaml_base = "jammi-wire" if YAML_CODEC is not None else NAIVE_YAML
        out += [f"## YAML, {config} config (ratio to {yaml_base})", ""]
        out += [*table(yaml_results, rust, config, YAML_OPS, yaml_base), ""]
    out += ["## JSON Lines → YAML through the CLI (full config per line)", ""]
    if jsonl:
        per = results.get(("full", "JSON decode", "jammi-wire"), 0)
        dump = yaml_results.get(("full", "YAML dump", "jammi-wire"))
        out += ["| records | to | seconds | records/s | peak RSS MiB | µs/record | "
                "per-record decode + encode µs | ratio |", "|---|---|---|---|---|---|---|---|"]
        for r in jsonl:
            us = r["seconds"] / r["records"] * 1e6
            enc = dump if r["to"] == "yaml" else results.get(("full", "JSON encode", "jammi-wire"))
            budget = per + (enc or 0)
            out.append(f"| {r['records']} | {r['to']} | {r['seconds']:.2f} | "
                       f"{r['records'] / r['seconds']:.0f}"
                       f" | {r['rss_kib'] / 1024:.1f} | {us:.1f} | {budget:.1f} | "
                       f"{us / budget:.2f} |")
        out += ["", "Wall time includes interpreter start-up and imports; peak RSS is the "
                "child's maximum resident set (`/usr/bin/time -f %M`)."]
    else:
        out += ["(the CLI was not available)"]
    out += ["", "## How each peer models the config", ""]
    for p in peers:
        out.append(f"- **{p.NAME}**: {p.NOTE}")
    out.append(f"- **{NAIVE_YAML}**: PyYAML YAML 1.1 resolution and enums as single-key "
               "mappings, not serde_yaml's rules or `!tags`: it reads a superset and is shown "
               "as the cost of the obvious route, not as an equivalent.")
    if not rust:
        out.append("- Rust harness: not built (`make harness`), so no native reference row.")
    text = "\n".join(out) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text)


if __name__ == "__main__":
    main()
