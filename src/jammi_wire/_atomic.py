"""The one atomic file writer: ``io.dump`` and every file the command line writes.

What it promises, for a target path P:

- Readers of P see the old content or the new, never a mix: the text goes to a
  temporary file next to P's real file, is fsynced, renamed over it, and then the
  directory is fsynced so the rename survives a crash.
- P is written *through* symlinks: the link stays, its (final) target gets the content.
- An existing file keeps its permission bits and, when the process may (root, or a
  group it belongs to), its owner and group. A new file gets ``0o666`` less the umask,
  as ``open(P, "w")`` would give it.
- A read-only target is refused with ``PermissionError`` and left as it is: one this
  process may not write to, or one with no write bit at all (so ``chmod a-w`` protects
  a file even from root, as the mark intends). Replacing the file would otherwise
  sidestep the mark, since the rename needs only the directory to be writable.
- A directory target is refused with ``IsADirectoryError``.
- No temporary file survives a failure (disk full, a failed rename) or a SIGTERM or
  SIGHUP: while a write is under way, those signals (if nobody else handles them)
  remove the temporary file in the handler itself and are then delivered again with
  their default action, so the process still ends as the signal asked. Only SIGKILL
  can leave a temporary file (named ``.<name>.<random>.jammi-wire.tmp``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from types import FrameType, TracebackType
from typing import Any, TextIO

__all__ = ["AtomicWriter", "write_atomic"]

_TEMP_SUFFIX = ".jammi-wire.tmp"
_SIGNAL_NAMES = ("SIGTERM", "SIGHUP")


class AtomicWriter:
    """A text file that replaces ``path`` on success and leaves no trace otherwise.

    Use as a context manager: the body writes to the returned handle; a normal exit
    commits, an exception (or :meth:`discard`) removes the temporary file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.target = os.path.realpath(self.path)
        self.temp: str | None = None
        self.handle: TextIO | None = None
        self._discard = False
        self._previous: dict[int, Any] = {}

    # ── lifecycle ──────────────────────────────────────────────────────────

    def __enter__(self) -> TextIO:
        self._install_handlers()
        try:
            return self._open()
        except BaseException:
            self._abort()
            self._restore_handlers()
            raise

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if error is None and not self._discard:
                self._commit()
            else:
                self._abort()
        except BaseException:
            self._abort()
            self._restore_handlers()
            raise
        self._restore_handlers()

    def discard(self) -> None:
        """Leave the target as it was: the temporary file is removed on exit."""
        self._discard = True

    # ── the steps ──────────────────────────────────────────────────────────

    def _open(self) -> TextIO:
        target = self.target
        try:
            info: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            info = None
        if info is not None:
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory", self.path)
            if not (info.st_mode & 0o222) or not os.access(target, os.W_OK):
                raise PermissionError(
                    errno.EACCES, "read-only file, not replaced (make it writable first)", self.path
                )
        directory, name = os.path.split(target)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        while True:
            # Recorded before it exists: a signal right after the open still finds it.
            random = os.urandom(4).hex()
            self.temp = os.path.join(directory, f".{name[:180]}.{random}{_TEMP_SUFFIX}")
            try:
                # A new file: 0o666 less the umask, which the kernel applies. A file that
                # replaces another starts private and gets that file's mode below.
                fd = os.open(self.temp, flags, 0o600 if info is not None else 0o666)
                break
            except FileExistsError:
                continue
        try:
            if info is not None:
                _keep_owner(fd, info)
                os.fchmod(fd, stat.S_IMODE(info.st_mode))
            self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            os.close(fd)
            raise
        return self.handle

    def _commit(self) -> None:
        handle, temp = self.handle, self.temp
        assert handle is not None and temp is not None
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(temp, self.target)
        self.temp = None
        _fsync_directory(os.path.dirname(self.target))

    def _abort(self) -> None:
        temp = self.temp
        if temp is not None:
            # Unlink first: closing may flush and fail again (a full disk). The name is
            # forgotten only once the file is gone, so a signal in between still finds it.
            with contextlib.suppress(OSError):
                os.unlink(temp)
            self.temp = None
        handle, self.handle = self.handle, None
        if handle is not None:
            with contextlib.suppress(OSError, ValueError):
                handle.close()

    # ── signals ─────────────────────────────────────────────────────────────

    def _install_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        import signal  # here, not at import: the signal module's enums cost start-up

        for signum in (getattr(signal, n) for n in _SIGNAL_NAMES if hasattr(signal, n)):
            with contextlib.suppress(ValueError, OSError):
                if signal.getsignal(signum) is signal.SIG_DFL:
                    self._previous[signum] = signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # The clean-up happens here, not by raising into the interrupted code: Python
        # runs a handler between any two bytecodes, also at the first one of __exit__,
        # where an exception would leave the with statement without removing the file.
        # ``temp`` names the file from before it is created until after it is renamed
        # or removed, so whenever the handler runs, unlinking it leaves nothing behind
        # (or fails harmlessly), and the process then ends as the signal asks.
        temp = self.temp
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self._restore_handlers()
        os.kill(os.getpid(), signum)
        raise SystemExit(128 + signum)  # only if the signal did not end the process

    def _restore_handlers(self) -> None:
        import signal

        previous, self._previous = self._previous, {}
        for signum, handler in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, handler)


def _keep_owner(fd: int, info: os.stat_result) -> None:
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        # Not root: the group can still be kept when we belong to it.
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, info.st_gid)


def _fsync_directory(directory: str) -> None:
    try:
        fd = os.open(directory or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; see the module docstring."""
    with AtomicWriter(path) as handle:
        handle.write(text)
