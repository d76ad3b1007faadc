"""load / dump by file extension (.json, .yaml, .yml); dump writes atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar, overload

from ._atomic import write_atomic
from ._errors import ErrorCode
from .fine_tune import FineTuneConfig
from .preconf.json import from_json, to_json
from .preconf.yaml import from_yaml, to_yaml
from .serde.wording import make_error

__all__ = ["dump", "load"]

T = TypeVar("T")


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    raise ValueError(f"cannot tell the format of {str(path)!r}: use .json, .yaml or .yml")


@overload
def load(path: str | os.PathLike[str], **options: Any) -> FineTuneConfig: ...
@overload
def load(path: str | os.PathLike[str], cls: type[T], **options: Any) -> T: ...
def load(path: str | os.PathLike[str], cls: Any = FineTuneConfig, **options: Any) -> Any:
    """Read ``cls`` from ``path``, JSON or YAML by extension.

    With ``max_size=N`` (bytes) a larger file is refused before any of it is read.
    """
    target = Path(path)
    kind = _kind(target)
    max_size: int | None = options.get("max_size")
    with open(target, "rb") as handle:
        if max_size is not None:
            size = os.fstat(handle.fileno()).st_size
            if size > max_size:
                raise make_error(
                    ErrorCode.LIMIT, f"document of {size} bytes exceeds max_size={max_size}"
                )
            # A file that grows while we read (or a pipe) is refused by the reader.
            data = handle.read(max_size + 1)
        else:
            data = handle.read()
    if kind == "json":
        return from_json(data, cls, **options)
    return from_yaml(data, cls, **options)


def dump(obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
    """Write ``obj`` to ``path`` atomically: readers see the old file or the new, never half.

    The file keeps its mode and (when allowed) owner, symlinks are written through,
    and a read-only target is refused with ``PermissionError``: see ``_atomic``.
    """
    target = Path(path)
    text = to_json(obj, **options) if _kind(target) == "json" else to_yaml(obj, **options)
    write_atomic(target, text)
