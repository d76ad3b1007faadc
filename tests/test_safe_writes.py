"""One atomic writer for io.dump and every CLI write (issue 13, findings 1 and 2).

Each write path is driven through the same checks: a new file honours the umask, an
existing file keeps its mode and owner, symlinks are written through, a read-only
target is refused and left alone, the file is fsynced before the rename and the
directory after it, and no temporary file survives a failure.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jammi_wire import FineTuneConfig, to_json
from jammi_wire.cli import main
from jammi_wire.io import dump

OLD = "previous contents\n"


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "src" / "in.json"
    source.parent.mkdir(exist_ok=True)
    source.write_text(to_json(FineTuneConfig(epochs=7)))
    return source


def _jsonl_source(tmp_path: Path) -> Path:
    source = tmp_path / "src" / "in.jsonl"
    source.parent.mkdir(exist_ok=True)
    source.write_text((to_json(FineTuneConfig(epochs=7)) + "\n") * 3)
    return source


def _convert(tmp_path: Path, target: Path) -> int:
    return main(["convert", str(_source(tmp_path)), "-o", str(target), "--to", "json"])


def _convert_jsonl(tmp_path: Path, target: Path) -> int:
    return main(["convert", str(_jsonl_source(tmp_path)), "-o", str(target)])


def _init(tmp_path: Path, target: Path) -> int:
    return main(["init", str(target), "--format", "json", "--force"])


def _schema(tmp_path: Path, target: Path) -> int:
    return main(["schema", "-o", str(target)])


def _dump(tmp_path: Path, target: Path) -> int:
    try:
        dump(FineTuneConfig(epochs=7), target)
    except OSError:
        return 2
    return 0


WRITERS: dict[str, Callable[[Path, Path], int]] = {
    "dump": _dump,
    "convert": _convert,
    "convert-jsonl": _convert_jsonl,
    "init": _init,
    "schema": _schema,
}


def _out_name(writer: str) -> str:
    return "out.jsonl" if writer == "convert-jsonl" else "out.json"


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    previous = os.umask(0o022)
    os.umask(previous)

    def set_umask(mask: int) -> None:
        os.umask(mask)

    yield set_umask
    os.umask(previous)


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_new_file_honours_umask(
    writer: str, mask: int, tmp_path: Path, umask: Callable[[int], None]
) -> None:
    umask(mask)
    target = tmp_path / "out" / _out_name(writer)
    target.parent.mkdir()
    assert WRITERS[writer](tmp_path, target) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_existing_file_keeps_its_mode(writer: str, mode: int, tmp_path: Path) -> None:
    target = tmp_path / _out_name(writer)
    target.write_text(OLD)
    target.chmod(mode)
    assert WRITERS[writer](tmp_path, target) == 0
    assert target.read_text() != OLD
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_existing_file_keeps_its_owner(writer: str, tmp_path: Path) -> None:
    target = tmp_path / _out_name(writer)
    target.write_text(OLD)
    os.chown(target, 65534, 65534)
    assert WRITERS[writer](tmp_path, target) == 0
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert target.read_text() != OLD


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_symlink_is_written_through(writer: str, tmp_path: Path) -> None:
    real = tmp_path / "real" / _out_name(writer)
    real.parent.mkdir()
    real.write_text(OLD)
    link = tmp_path / _out_name(writer)
    link.symlink_to(real)
    assert WRITERS[writer](tmp_path, link) == 0
    assert link.is_symlink()
    assert real.read_text() != OLD
    assert link.read_text() == real.read_text()
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_read_only_target_is_refused_and_kept(
    writer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / _out_name(writer)
    target.write_text(OLD)
    target.chmod(0o444)
    assert WRITERS[writer](tmp_path, target) == 2
    assert target.read_text() == OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert _leftovers(tmp_path) == []
    if writer != "dump":
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "read-only" in err and "Traceback" not in err


def test_dump_read_only_raises_permission_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(OLD)
    target.chmod(0o444)
    with pytest.raises(PermissionError):
        dump(FineTuneConfig(), target)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_fsync_file_before_rename_and_directory_after(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / _out_name(writer)
    assert WRITERS[writer](tmp_path, target) == 0
    assert events == ["fsync-file", "replace", "fsync-dir"]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_output_path_that_is_a_directory(
    writer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "outdir.json"
    target.mkdir()
    assert WRITERS[writer](tmp_path, target) == 2
    assert list(target.iterdir()) == []
    assert _leftovers(tmp_path) == []
    if writer != "dump":
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "directory" in err and "Traceback" not in err


def test_convert_to_stdout_with_dash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    os.chdir(tmp_path)
    assert main(["convert", str(source), "-o", "-", "--to", "json"]) == 0
    assert '"epochs":7' in capsys.readouterr().out
    assert not (tmp_path / "-").exists()
    assert main(["convert", str(_jsonl_source(tmp_path)), "-o", "-"]) == 0
    assert capsys.readouterr().out.count('"epochs":7') == 3
    assert not (tmp_path / "-").exists()


# ── real failures in a child process ────────────────────────────────────────


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jammi_wire", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        **kwargs,
    )


def _limit_file_size() -> None:
    # A real "disk full": writes past 64 KiB fail with EFBIG instead of killing us.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_disk_full_leaves_old_file_and_no_temp(suffix: str, tmp_path: Path) -> None:
    record = to_json(FineTuneConfig(target_modules=["m" * 2000] * 40))
    source = tmp_path / "src" / f"in{suffix}"
    source.parent.mkdir()
    source.write_text((record + "\n") * 20 if suffix == ".jsonl" else record)
    target = tmp_path / f"out{suffix}"
    target.write_text(OLD)
    done = _cli("convert", str(source), "-o", str(target), preexec_fn=_limit_file_size)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "too large" in done.stderr.lower() or "space" in done.stderr.lower()
    assert target.read_text() == OLD
    assert _leftovers(tmp_path) == []


def test_closed_stdin_is_a_clear_error() -> None:
    done = _cli("check", "-", preexec_fn=lambda: os.close(0))
    assert done.returncode == 2
    assert done.stderr == "error: -: standard input is closed\n"
    done = _cli("convert", "-", "--from", "jsonl", preexec_fn=lambda: os.close(0))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
