"""Which format a file holds: by its name's extension, else by its first character.

Kept apart from the diagnostics so that a check answered by a clearance (see
``jammi_wire._cleared``) can tell the format without loading them.
"""

from __future__ import annotations

import os
from typing import Literal

Format = Literal["json", "yaml", "jsonl"]


def sniff_format(text: str) -> Literal["json", "yaml"]:
    """JSON when the document starts with ``{`` or ``[``, else YAML."""
    start = text.lstrip("\ufeff \t\r\n")[:1]
    return "json" if start in ("{", "[") else "yaml"


def _suffix(path: str | os.PathLike[str]) -> str:
    """``pathlib.PurePath(path).suffix``, without importing pathlib at start-up on POSIX:
    the last component's final ``.ext`` (a leading dot or a trailing lone dot is none).
    Windows paths (drives, UNC shares) are left to pathlib itself."""
    if os.name == "nt":
        from pathlib import PurePath

        return PurePath(path).suffix
    text = os.fspath(path)
    name = next((part for part in reversed(text.split("/")) if part not in ("", ".")), "")
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def format_of_path(path: str | os.PathLike[str]) -> Format | None:
    suffix = _suffix(path).lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".jsonl":
        return "jsonl"
    if suffix == ".json":
        return "json"
    return None
