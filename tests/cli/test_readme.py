"""The README's command-line examples, run: what it shows is what the command prints.

Each ```console block of the README is a session: `$ ` lines are run with bash in one
scratch directory (holding the files of tests/cli/readme/), in order, and everything
after a command up to the next one is its expected output (stdout and stderr, as a
terminal shows them). `JAMMI_WIRE_UPDATE_README=1 pytest tests/cli/test_readme.py`
rewrites the outputs in README.md from a run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
FILES = Path(__file__).resolve().parent / "readme"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _sessions(text: str) -> list[tuple[re.Match[str], list[tuple[str, str]]]]:
    out = []
    for block in BLOCK.finditer(text):
        steps: list[tuple[str, str]] = []
        for line in block.group(1).splitlines(keepends=True):
            if line.startswith("$ "):
                steps.append((line[2:].rstrip("\n"), ""))
            elif steps:
                command, expected = steps[-1]
                steps[-1] = (command, expected + line)
        out.append((block, steps))
    return out


def _run(command: str, cwd: Path, status: int) -> tuple[str, int]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["COLUMNS"] = "100"
    # `$?` in a command is the exit status of the one before it
    script = (
        f'jammi-wire() {{ "{sys.executable}" -m jammi_wire "$@"; }}\n(exit {status})\n{command}\n'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    return result.stdout, result.returncode


def test_readme_console_sessions(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    text = README.read_text()
    shutil.copytree(FILES, tmp_path, dirs_exist_ok=True)
    # the command-line section; the Releases section's examples are its own
    start = text.index("## Command line\n")
    end = text.index("\n## ", start + 1)
    updated = text
    mismatches = []
    rendered_blocks = []
    status = 0
    for block, steps in _sessions(text):
        if not start <= block.start() < end:
            continue
        rendered = ""
        for command, expected in steps:
            actual, status = _run(command, tmp_path, status)
            rendered += f"$ {command}\n{actual}"
            if actual != expected:
                mismatches.append((command, expected, actual))
        rendered_blocks.append((block, rendered))
    if os.environ.get("JAMMI_WIRE_UPDATE_README") == "1":
        for block, rendered in reversed(rendered_blocks):
            updated = updated[: block.start(1)] + rendered + updated[block.end(1) :]
        README.write_text(updated)
        return
    assert mismatches == []
