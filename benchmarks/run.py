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
import resource
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
    """CPU µs per call over ``number`` calls, gc disabled as timeit does.

    The thread's CPU time, not the wall clock: on a shared machine the time this
    process spends waiting for a core is not the library's.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.thread_time()
        for _ in range(number):
            fn()
        elapsed = time.thread_time() - start
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


def child_env() -> dict[str, str]:
    """The environment for timed child processes: bytecode caches allowed, as an
    installed package has them (a session may set PYTHONDONTWRITEBYTECODE, which
    would make every start-up compile the whole package from source)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


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
            # CPU seconds (user + system), like the in-process timings they are
            # compared with; the wall clock is shown beside them.
            cmd = ["/usr/bin/time", "-f", "%M %e %U %S", sys.executable, "-m", "jammi_wire",
                   "convert", str(src), "--to", to, "-o", str(dst)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False,
                                  env=child_env())
            if proc.returncode == 0:
                rss_kib, wall, user, system = proc.stderr.strip().splitlines()[-1].split()
                return {"records": records, "seconds": float(user) + float(system),
                        "wall": float(wall), "rss_kib": float(rss_kib), "to": to,
                        "loop_seconds": jsonl_loop(src, dst, to)}
            print(f"jsonl -> {to} failed: {proc.stderr[-500:]}", file=sys.stderr)
        return None


# The same records decoded and encoded by a bare loop, in a child like the CLI's: its
# start-up, imports and garbage collector count on both sides of the ratio, which the
# in-process timings (gc disabled, warm) leave out.
JSONL_LOOP = """\
import sys
from jammi_wire import from_json, to_json, to_yaml
to = sys.argv[3]
with open(sys.argv[1], "rb") as lines, open(sys.argv[2], "w") as out:
    for raw in lines:
        obj = from_json(raw.decode("utf-8"))
        out.write("---\\n" + to_yaml(obj) if to == "yaml" else to_json(obj) + "\\n")
"""


def jsonl_loop(src: Path, dst: Path, to: str) -> float | None:
    """CPU seconds of :data:`JSONL_LOOP` over ``src``."""
    cmd = ["/usr/bin/time", "-f", "%U %S", sys.executable, "-c", JSONL_LOOP, str(src),
           str(dst), to]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=child_env())
    if proc.returncode != 0:
        print(f"jsonl loop failed: {proc.stderr[-500:]}", file=sys.stderr)
        return None
    user, system = proc.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system)


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

STARTUP_CASES = (
    "python -c pass",
    "python -c 'import jammi_wire'",
    "jammi-wire check small.yaml",
    # what a program that reads a config pays: the vocabulary and the JSON codec load
    # with the first name used, not with `import jammi_wire`
    "python -c 'from jammi_wire import FineTuneConfig, from_json'",
    "jammi-wire check small.json",
    # a floor under every command that builds the vocabulary: the library its classes
    # are built with (attrs imports typing and inspect)
    "python -c 'import attrs'",
    # a file with a problem is not cleared: the full check reads it and words it
    "jammi-wire check broken.yaml",
)


def startup(runs: int) -> dict[str, dict[str, float]]:
    """Median wall ms and median CPU ms (the child's user + system time: waiting for a
    core on the shared machine is not start-up) of each case over ``runs`` interleaved
    runs."""
    script = Path(sys.executable).with_name("jammi-wire")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.yaml"
        small.write_text(SMALL_YAML)
        small_json = Path(tmp) / "small.json"
        import yaml

        small_json.write_text(json.dumps(yaml.safe_load(SMALL_YAML)))  # the same 14 keys
        broken = Path(tmp) / "broken.yaml"
        broken.write_text(SMALL_YAML.replace("lora_rank: 8", "lora_rank: 0"))  # validate()
        cli = [str(script)] if script.exists() else [sys.executable, "-m", "jammi_wire"]
        commands = {
            STARTUP_CASES[0]: [sys.executable, "-c", "pass"],
            STARTUP_CASES[1]: [sys.executable, "-c", "import jammi_wire"],
            STARTUP_CASES[2]: [*cli, "check", str(small)],
            STARTUP_CASES[3]: [
                sys.executable, "-c", "from jammi_wire import FineTuneConfig, from_json"
            ],
            STARTUP_CASES[4]: [*cli, "check", str(small_json)],
            STARTUP_CASES[5]: [sys.executable, "-c", "import attrs"],
            STARTUP_CASES[6]: [*cli, "check", str(broken)],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        env = child_env()
        for cmd in commands.values():  # warm the page cache and write the .pyc files
            subprocess.run(cmd, check=cmd[-1] != str(broken), capture_output=True, env=env)
        for _ in range(runs):
            for name, cmd in commands.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(cmd, check=cmd[-1] != str(broken), capture_output=True, env=env)
                samples[name].append((time.perf_counter() - start) * 1000)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append((after.ru_utime + after.ru_stime - before.ru_utime
                                  - before.ru_stime) * 1000)
    return {name: {"wall": statistics.median(samples[name]), "cpu": statistics.median(cpu[name])}
            for name in commands}


EVAL_BYTES = 10 * 1024 * 1024

_EVAL_MEMORY = """
import json, sys


def hwm():
    # VmHWM is this process's own peak (ru_maxrss keeps the parent's across exec).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("no VmHWM")


sys.path.insert(0, {here!r})
import jammi_wire as jw
from jammi_wire.eval import InferenceEvalReport
from peers import pydantic_eval_peer
small = {small!r}
decode = (lambda data: jw.from_json(data, InferenceEvalReport)) if {ours!r} else (
    pydantic_eval_peer.decode)
decode(small)  # compile the readers before measuring
data = open({path!r}, "rb").read()
before = hwm()
report = decode(data)
peak = hwm()
print(json.dumps({{"peak_kib": peak - before, "records": len(report.per_record)}}))
"""


def _eval_peak(path: str, small: str, ours: bool) -> dict[str, float]:
    """Peak RSS growth of one decode of the document in ``path``, in a fresh child."""
    code = _EVAL_MEMORY.format(here=str(HERE), small=small, path=path, ours=ours)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=child_env())
    result: dict[str, float] = json.loads(proc.stdout.splitlines()[-1])
    return result


def eval_report(rounds: int, size: int) -> dict[str, float] | None:
    """Decoding a generated InferenceEvalReport of ``size`` bytes: jammi-wire and the
    pydantic peer interleaved (median seconds), and the peak memory decoding takes."""
    try:
        from eval_report import inference_report
        from jammi_wire.eval import InferenceEvalReport
        from peers import pydantic_eval_peer
    except ImportError as error:
        print(f"eval report benchmark skipped: {error!r}", file=sys.stderr)
        return None
    text = inference_report(size)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        for fn, out in ((lambda: jammi_wire.from_json(text, InferenceEvalReport), ours),
                        (lambda: pydantic_eval_peer.decode(text), theirs)):
            gc.collect()
            start = time.thread_time()
            fn()
            out.append(time.thread_time() - start)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "report.json")
        Path(path).write_text(text)
        small = inference_report(20000, seed=1)
        memory = _eval_peak(path, small, True)
        peer_memory = _eval_peak(path, small, False)
    return {"bytes": len(text.encode()), "jammi": statistics.median(ours),
            "pydantic": statistics.median(theirs), "peak_kib": memory["peak_kib"],
            "pydantic_peak_kib": peer_memory["peak_kib"], "records": memory["records"]}


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
    boot: dict[str, dict[str, float]] | None,
    report: dict[str, float] | None,
) -> list[str]:
    """The targets of issue 15, each as jammi-wire's measure over the reference's."""
    lines = ["## Targets", "",
             "Each ratio is jammi-wire's time (or memory) over the reference's, from this "
             "run.", "",
             "| target | measured | goal | met |", "|---|---|---|---|"]

    def row(name: str, value: float | None, goal: float, unit: str = "×",
            note: str = "") -> None:
        if value is None:
            lines.append(f"| {name} | not measured{note} | ≤ {goal} {unit} | no |")
            return
        met = "yes" if value <= goal else "no"
        lines.append(f"| {name} | {value:.2f} {unit}{note} | ≤ {goal} {unit} | {met} |")

    def ratio(ours: float | None, theirs: float | None) -> float | None:
        return None if ours is None or theirs is None else ours / theirs

    pyd, msg = "pydantic v2 strict", "msgspec"
    jw = "jammi-wire"
    for config, goal in (("default", 1.0), ("full", 0.8)):
        row(f"JSON decode, {config} config, vs {pyd}",
            ratio(results.get((config, "JSON decode", jw)),
                  results.get((config, "JSON decode", pyd))), goal)
    for config in ("default", "full"):
        row(f"JSON encode, {config} config, vs {pyd}",
            ratio(results.get((config, "JSON encode", jw)),
                  results.get((config, "JSON encode", pyd))), 0.8)
    for config in ("default", "full"):
        row(f"YAML load, {config} config, vs {NAIVE_YAML}",
            ratio(yaml_results.get((config, "YAML load", jw)),
                  yaml_results.get((config, "YAML load", NAIVE_YAML))), 0.35)
    if boot:
        bare = boot[STARTUP_CASES[0]]
        for case, goal in ((STARTUP_CASES[1], 60.0), (STARTUP_CASES[2], 80.0)):
            ms = boot[case]
            # The goal is wall time; CPU time (what waiting for a core on a
            # shared machine does not inflate) is beside it.
            row(f"start-up `{case}`, median wall ms of the runs", ms["wall"], goal, "ms",
                f" ({ms['wall'] / bare['wall']:.2f}× bare `python -c pass`, "
                f"{bare['wall']:.0f} ms; CPU {ms['cpu']:.0f} ms, "
                f"{ms['cpu'] / bare['cpu']:.2f}×)")
    else:
        row("start-up", None, 60.0, "ms")
    if report:
        mib = report["bytes"] / 2**20
        row(f"InferenceEvalReport {mib:.0f} MB decode vs {pyd}",
            report["jammi"] / report["pydantic"], 1.0)
        row(f"InferenceEvalReport {mib:.0f} MB decode, peak memory / document",
            report["peak_kib"] * 1024 / report["bytes"], 4.0)
    else:
        row("InferenceEvalReport 10 MB decode", None, 1.0)
    if len(jsonl) == 2:
        small, large = jsonl
        per = results.get(("full", "JSON decode", jw), 0.0)
        if large["to"] == "yaml":
            per += yaml_results.get(("full", "YAML dump", jw), 0.0)
        else:
            per += results.get(("full", "JSON encode", jw), 0.0)
        loop = large.get("loop_seconds")
        row(f"JSON Lines convert, {large['records']:.0f} records: CPU time vs a bare "
            "decode + encode loop in a child", ratio(large["seconds"], loop), 1.2)
        row(f"JSON Lines peak RSS, {large['records']:.0f} vs {small['records']:.0f} records",
            large["rss_kib"] / small["rss_kib"], 1.1)
    lines += ["", "Stretch (not required):", "",
              "| target | measured | goal | met |", "|---|---|---|---|"]
    for config in ("default", "full"):
        for op in ("JSON decode", "JSON encode"):
            row(f"{op}, {config} config, vs {msg}",
                ratio(results.get((config, op, jw)), results.get((config, op, msg))), 2.0)
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
    boot = startup(5 if args.quick else 20)
    report = eval_report(2 if args.quick else 5, EVAL_BYTES // 10 if args.quick else EVAL_BYTES)
    load = os.getloadavg()

    out = ["# Benchmark results", "",
           "Generated by `benchmarks/run.py`" + (" --quick" if args.quick else "") + ". "
           "Numbers from a shared 2-core machine with other jobs running: absolute µs are "
           "noisy, the ratios (interleaved rounds, medians) are what to read.", "",
           f"Machine: {machine()}", "", "Versions: " + ", ".join(versions()), "",
           f"Method: {rounds} interleaved rounds in one process, each a timeit-style loop "
           "(gc disabled, the thread's CPU time, so waiting for a core on the shared machine "
           "is not counted) of about "
           f"{target * 1000:.0f} ms per library and operation; median over rounds. "
           "ratio = peer / jammi-wire (below 1 means the peer is faster).", ""]
    out += [f"Load average when the run ended (1, 5, 15 min): {load[0]:.2f}, {load[1]:.2f}, "
            f"{load[2]:.2f}.", ""]
    out += targets(results, yaml_results, jsonl, boot, report)
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
        out += ["| records | to | CPU s | wall s | records/CPU s | peak RSS MiB | µs/record | "
                "per-record decode + encode µs (in process) | ratio | bare loop CPU s | ratio |",
                "|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in jsonl:
            us = r["seconds"] / r["records"] * 1e6
            enc = dump if r["to"] == "yaml" else results.get(("full", "JSON encode", "jammi-wire"))
            budget = per + (enc or 0)
            loop = r.get("loop_seconds")
            loop_cell = (f"{loop:.2f} | {r['seconds'] / loop:.2f}" if isinstance(loop, float)
                         else "– | –")
            out.append(f"| {r['records']} | {r['to']} | {r['seconds']:.2f} | {r['wall']:.2f} | "
                       f"{r['records'] / r['seconds']:.0f}"
                       f" | {r['rss_kib'] / 1024:.1f} | {us:.1f} | {budget:.1f} | "
                       f"{us / budget:.2f} | {loop_cell} |")
        out += ["", "The child's CPU time (user + system) includes interpreter start-up "
                "and imports; peak RSS is its maximum resident set (`/usr/bin/time -f %M`). "
                "The bare loop (`JSONL_LOOP` in run.py) decodes and encodes the same records "
                "in a child of its own, so start-up, imports and the garbage collector are "
                "on both sides; the in-process figures are warm loops with gc disabled."]
    else:
        out += ["(the CLI was not available)"]
    out += ["", "## Start-up (medians of the interleaved runs)", "",
            "| command | CPU ms | ratio to `python -c pass` | wall ms | ratio |",
            "|---|---|---|---|---|"]
    bare = boot[STARTUP_CASES[0]]
    for case, ms in boot.items():
        out.append(f"| `{case}` | {ms['cpu']:.1f} | {ms['cpu'] / bare['cpu']:.2f} | "
                   f"{ms['wall']:.1f} | {ms['wall'] / bare['wall']:.2f} |")
    out += ["", "Children run with bytecode caches (`.pyc`) written, as an installed "
            "package has them; `small.yaml` is a 14-line valid config. `check` of a clean "
            "file is answered by its clearance (`jammi_wire/_cleared`, generated ahead of "
            "time from the same declarations and rules) and imports no attrs; a file with "
            "a problem (`broken.yaml`: `lora_rank: 0`) gets the full check, which builds "
            "the vocabulary. `import attrs` is a floor under any command that builds it."]
    if report:
        out += ["", "## InferenceEvalReport (NER), generated", "",
                f"{report['bytes'] / 2**20:.1f} MiB, {report['records']:.0f} records "
                "(`benchmarks/eval_report.py`), median CPU seconds of interleaved decodes:", "",
                "| library | decode s | ratio |", "|---|---|---|",
                f"| jammi-wire | {report['jammi']:.3f} | 1.00 |",
                f"| pydantic v2 strict (`peers/pydantic_eval_peer.py`) | "
                f"{report['pydantic']:.3f} | {report['pydantic'] / report['jammi']:.2f} |", "",
                "Peak memory of one decode of the document (read as bytes first), as a "
                "child's maximum RSS growth: jammi-wire "
                f"{report['peak_kib'] / 1024:.1f} MiB "
                f"({report['peak_kib'] * 1024 / report['bytes']:.2f}× the document), "
                f"pydantic {report['pydantic_peak_kib'] / 1024:.1f} MiB "
                f"({report['pydantic_peak_kib'] * 1024 / report['bytes']:.2f}×). "
                "Over 1 MiB jammi-wire streams the document: the stdlib's C scanner "
                "reads the top-level members and the big list in batches of about 32 KiB, "
                "each turned into objects at once, so the peak is about the objects "
                "built (about 3.1× this document): see docs/PERFORMANCE.md."]
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
