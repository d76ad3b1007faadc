"""No lost data: a write that fails half way leaves the previous file and no temp file."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest

from jammi_wire import FineTuneConfig, to_json
from jammi_wire.cli import main

OLD = "previous contents\n"


class Boom(OSError):
    pass


def _fail(*_args: Any, **_kwargs: Any) -> Any:
    raise Boom("injected failure")


def _write_fails_half_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp file's write raises after part of the text went out."""
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        real_write = handle.write

        def write(text: str) -> int:
            real_write(text[: len(text) // 2])
            raise Boom("disk full")

        handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", fdopen)


def _fsync_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", _fail)


def _replace_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _fail)
    monkeypatch.setattr(os, "rename", _fail)


FAILURES = {"write": _write_fails_half_way, "fsync": _fsync_fails, "replace": _replace_fails}


def _assert_intact(target: Path) -> None:
    assert target.read_text() == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(["in.json", target.name])


@pytest.mark.parametrize("failure", ["write", "replace"])
def test_cli_convert_failure_keeps_previous_file(
    failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.json"
    source.write_text(to_json(FineTuneConfig(epochs=7)))
    target = tmp_path / "out.json"
    target.write_text(OLD)
    FAILURES[failure](monkeypatch)
    # An I/O failure is exit 2 with one line, not a traceback.
    assert main(["convert", str(source), "-o", str(target), "--to", "json"]) == 2
    _assert_intact(target)


def test_cli_convert_success_replaces(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(to_json(FineTuneConfig(epochs=7)))
    target = tmp_path / "out.json"
    target.write_text(OLD)
    assert main(["convert", str(source), "-o", str(target), "--to", "json"]) == 0
    assert '"epochs":7' in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "out.json"]


_HAVE_IO = importlib.util.find_spec("jammi_wire.io") is not None


@pytest.mark.skipif(not _HAVE_IO, reason="jammi_wire.io not written yet")
@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_dump_failure_keeps_previous_file(
    failure: str, suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jammi_wire.io import dump

    (tmp_path / "in.json").write_text("{}")  # keeps the listing check uniform
    target = tmp_path / f"out{suffix}"
    target.write_text(OLD)
    FAILURES[failure](monkeypatch)
    try:
        dump(FineTuneConfig(epochs=7), target)
    except OSError:
        pass
    else:
        # A dump that never syncs may legitimately succeed when only fsync is broken.
        assert failure == "fsync"
        return
    _assert_intact(target)
