"""Kill `convert` and `dump` at random points (issue 13, finding 2).

Whatever the moment, the target holds the old content or the new one, never a mix;
after SIGTERM or SIGHUP no temporary file remains (only SIGKILL may leave one, which
no program can clean up). The kill moments are random; no assertion depends on when
the signal landed, only on what it may leave behind.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jammi_wire import FineTuneConfig, to_json
from jammi_wire.cli import main

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

OLD = "old content\n"
TRIES = 3  # per signal and command: bounded, a few seconds in all
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP] if hasattr(signal, "SIGHUP") else []

_DUMP_CHILD = """
import sys
from jammi_wire import FineTuneConfig
from jammi_wire.io import dump
big = FineTuneConfig(target_modules=["m" * 1000] * 3000)
print("ready", flush=True)
while True:
    dump(big, sys.argv[1])
"""

_CONVERT_CHILD = """
import sys
from jammi_wire.cli import main
print("ready", flush=True)
sys.exit(main(["convert", sys.argv[2], "-o", sys.argv[1]]))
"""


def _default_signals() -> None:
    # The test runner may have been started with SIGHUP ignored (nohup); the child
    # must meet the signals as a command line normally would.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def _kill_at_random(
    code: str, target: Path, extra: list[str], signum: int, rng: random.Random
) -> int:
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(target), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=_default_signals,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signum)
        return child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _check_aftermath(directory: Path, target: Path, new: str, signum: int, code: int) -> None:
    content = target.read_text()
    assert content in (OLD, new), f"torn target after signal {signum}: {len(content)} chars"
    temps = [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]
    if signum != signal.SIGKILL:
        assert temps == [], f"temporary files left after signal {signum}"
        # Killed by the signal (re-delivered after the clean-up), or done before it came.
        assert code in (-signum, 0)
    for name in temps:
        (directory / name).unlink()


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_dump_killed_at_random_points(signum: int, tmp_path: Path) -> None:
    from jammi_wire.io import dump

    rng = random.Random()
    new_file = tmp_path / "new.json"
    dump(FineTuneConfig(target_modules=["m" * 1000] * 3000), new_file)
    new = new_file.read_text()
    new_file.unlink()
    for _ in range(TRIES):
        target = tmp_path / "out.json"
        target.write_text(OLD)
        code = _kill_at_random(_DUMP_CHILD, target, [], signum, rng)
        _check_aftermath(tmp_path, target, new, signum, code)


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_convert_killed_at_random_points(signum: int, tmp_path: Path) -> None:
    rng = random.Random()
    source = tmp_path / "src" / "in.jsonl"
    source.parent.mkdir()
    record = to_json(FineTuneConfig(target_modules=["q", "v"], epochs=5))
    source.write_text((record + "\n") * 20_000)
    expected = tmp_path / "src" / "expected.jsonl"
    assert main(["convert", str(source), "-o", str(expected)]) == 0
    new = expected.read_text()
    for _ in range(TRIES):
        target = tmp_path / "out.jsonl"
        target.write_text(OLD)
        code = _kill_at_random(_CONVERT_CHILD, target, [str(source)], signum, rng)
        _check_aftermath(tmp_path, target, new, signum, code)


_SIGNAL_AT_EXIT_CHILD = """
import os, signal, sys
from jammi_wire._atomic import AtomicWriter

where = sys.argv[2]
original = AtomicWriter.__exit__

def exit_signalled(self, *details):
    # The signal lands before __exit__ has done anything (a handler may run at its
    # first bytecode): the with statement's own clean-up has not started.
    if where == "exit":
        os.kill(os.getpid(), signal.SIGTERM)
    return original(self, *details)

AtomicWriter.__exit__ = exit_signalled
with AtomicWriter(sys.argv[1]) as handle:
    handle.write("new content\\n")
    if where == "body":
        os.kill(os.getpid(), signal.SIGTERM)
print("not reached", flush=True)
"""


@pytest.mark.parametrize("where", ["body", "exit"])
def test_a_signal_at_any_step_leaves_no_temporary_file(where: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(OLD)
    child = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_EXIT_CHILD, str(target), where],
        capture_output=True,
        text=True,
        preexec_fn=_default_signals,
        timeout=60,
    )
    assert child.returncode == -signal.SIGTERM, child.stderr
    assert "not reached" not in child.stdout
    assert target.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
