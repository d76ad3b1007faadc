"""load / dump by file extension (.json, .yaml, .yml); dump writes atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from .fine_tune import FineTuneConfig
from .preconf.json import from_json, to_json
from .preconf.yaml import from_yaml, to_yaml

__all__ = ["dump", "load"]


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    raise ValueError(f"cannot tell the format of {str(path)!r}: use .json, .yaml or .yml")


def load(path: str | os.PathLike[str], cls: Any = FineTuneConfig, **options: Any) -> Any:
    """Read ``cls`` from ``path``, JSON or YAML by extension."""
    target = Path(path)
    kind = _kind(target)
    data = target.read_bytes()
    if kind == "json":
        return from_json(data, cls, **options)
    return from_yaml(data, cls, **options)


def dump(obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
    """Write ``obj`` to ``path`` atomically: readers see the old file or the new, never half."""
    target = Path(path)
    text = to_json(obj, **options) if _kind(target) == "json" else to_yaml(obj, **options)
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
