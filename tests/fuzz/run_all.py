"""Run every fuzz target for a fixed budget.

With atheris installed each target runs coverage-guided; without it, a random-mutation
loop over the same targets runs instead and says so. A crash is saved under
``regressions/`` (read by tests/test_hostile_json.py) and fails the run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from targets import available, seeds  # noqa: E402

REGRESSIONS = HERE / "regressions"
_TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b":",
    b",",
    b"-0",
    b"1e999",
    b"9" * 40,
    b"null",
    b"\\u",
    b"\\ud800",
    b"\xff",
    b"\xef\xbb\xbf",
    b'"zz":',
    b"!triplet",
    b"&a",
    b"*a",
    b"\n",
    b"  ",
    b"- ",
    b"? ",
    b"<<: ",
    b"~",
    b"yes",
    b".nan",
    b"0x1",
]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:
            del buf[pos : pos + rng.randint(1, 8)]
        elif op == 1:
            buf[pos:pos] = rng.choice(_TOKENS)
        elif op == 2 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 3:
            depth = rng.randint(1, 600)
            buf[pos:pos] = b"[" * depth + b"]" * depth
        elif op == 4 and buf:
            end = rng.randint(pos, len(buf))
            buf[pos:pos] = buf[pos:end]
        else:
            buf = buf[:pos]
    return bytes(buf)


def _save(name: str, data: bytes) -> Path:
    REGRESSIONS.mkdir(exist_ok=True)
    path = REGRESSIONS / f"crash-{name}-{hashlib.sha1(data).hexdigest()[:12]}.txt"
    path.write_bytes(data)
    return path


def _fallback(name: str, seconds: float, seed: int) -> int:
    target = available()[name]
    rng = random.Random(seed)
    corpus = seeds(name) + [p.read_bytes() for p in sorted(REGRESSIONS.glob("*.txt"))]
    tried = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = _mutate(rng, rng.choice(corpus))
        tried += 1
        try:
            target(data)
        except Exception:
            traceback.print_exc()
            print(f"{name}: CRASH after {tried} inputs, saved {_save(name, data)}")
            return 1
        if rng.random() < 0.01 and len(corpus) < 500:
            corpus.append(data)
    print(f"{name}: {tried} inputs in {seconds:.0f} s (random mutation), no crash")
    return 0


def _atheris(name: str, seconds: float) -> int:
    corpus = Path(tempfile.mkdtemp(prefix=f"jammi-fuzz-{name}-"))
    for i, data in enumerate(seeds(name)):
        (corpus / f"seed{i}").write_bytes(data)
    cmd = [
        sys.executable,
        str(HERE / "atheris_target.py"),
        name,
        str(corpus),
        f"-max_total_time={int(seconds)}",
        f"-artifact_prefix={REGRESSIONS}/crash-{name}-",
        "-rss_limit_mb=2048",
        "-timeout=10",
    ]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True)
    done = [line for line in result.stderr.splitlines() if line.startswith(("Done ", "#"))]
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-5000:])
        print(f"{name}: atheris CRASH (artifact under {REGRESSIONS})")
    else:
        print(f"{name}: atheris (coverage-guided): {done[-1] if done else '?'}")
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20, help="budget per target")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--targets", nargs="*", default=None)
    parser.add_argument("--fallback", action="store_true", help="skip atheris")
    args = parser.parse_args()
    names = args.targets or sorted(available())
    have_atheris = not args.fallback and importlib.util.find_spec("atheris") is not None
    if not have_atheris:
        print(
            "atheris is not installed (or --fallback): running the random-mutation fallback "
            "instead (not coverage-guided)"
        )
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"targets: {', '.join(names)}; seed {seed}")
    failed = 0
    for name in names:
        rc = _atheris(name, args.seconds) if have_atheris else _fallback(name, args.seconds, seed)
        failed |= rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
