"""Shared fixtures. `rust` is the serde harness: skipped without cargo, required on CI."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The harness client lives beside its crate; tests and tests/vectors/generate.py import it
# as a top-level module.
sys.path.insert(0, str(Path(__file__).resolve().parent / "interop"))

from harness import Harness, find_binary


@pytest.fixture(scope="session")
def rust() -> Iterator[Harness]:
    if shutil.which("cargo") is None and find_binary(build=False) is None:
        message = "cargo is not installed, so the serde harness cannot be built"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: interop tests must run)")
        pytest.skip(message)
    binary = find_binary()
    assert binary is not None
    harness = Harness().start(binary)
    try:
        yield harness
    finally:
        harness.close()
