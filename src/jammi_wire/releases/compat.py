"""Which generations' serde accept a file, and why not where they refuse it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from .._errors import FineTuneError, WireError
from ..preconf.json import from_json
from ..preconf.yaml import from_yaml
from . import GENERATIONS, Generation

__all__ = ["Verdict", "compat", "read_source"]

Format = Literal["json", "yaml"]
Dialect = Literal["tags", "singleton_map", "any"]


@dataclass(frozen=True)
class Verdict:
    """What one generation's serde does with the file.

    ``accepted``: serde deserializes it (``error`` is None); ``problem`` is then the
    first rule of that generation's ``validate()`` it breaks, if any.
    """

    generation: Generation
    accepted: bool
    error: WireError | None = None
    problem: FineTuneError | None = None

    @property
    def valid(self) -> bool:
        """Accepted and passes ``validate()``: what a service of these releases runs."""
        return self.accepted and self.problem is None

    @property
    def reason(self) -> str | None:
        """serde's refusal, or else the broken validate() rule, or None."""
        if self.error is not None:
            return str(self.error)
        if self.problem is not None:
            return f"validate(): {self.problem}"
        return None

    def __str__(self) -> str:
        return f"{self.generation.releases}: {self.reason or 'accepted'}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "generation": self.generation.name,
            "releases": self.generation.releases,
            "accepted": self.accepted,
            "valid": self.valid,
            "error": None if self.error is None else str(self.error),
            "validate": None if self.problem is None else str(self.problem),
        }


def _sniff(text: str) -> Format:
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def read_source(
    source: str | bytes | os.PathLike[str], fmt: Format | None = None
) -> tuple[str, Format]:
    """The text of a path or of the text itself, and its format (by extension, else by
    its first character: ``{`` or ``[`` is JSON)."""
    if isinstance(source, bytes):
        text = source.decode("utf-8")
        return text, fmt or _sniff(text)
    is_path = isinstance(source, os.PathLike) or (
        "\n" not in source and source.strip()[:1] not in ("{", "[") and os.path.isfile(source)
    )
    if not is_path:
        text = str(source)
        return text, fmt or _sniff(text)
    from pathlib import Path  # a path only: check's note on other releases reads text

    path = Path(source)
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if fmt is None:
        fmt = (
            "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else _sniff(text)
        )
    return text, fmt


def verdict(
    generation: Generation,
    text: str,
    fmt: Format,
    *,
    dialect: Dialect = "tags",
    type_name: str = "FineTuneConfig",
) -> Verdict:
    """What ``generation``'s serde does with ``text``."""
    cls = getattr(generation.module, type_name, None)
    if cls is None:
        missing = WireError(f"{type_name} is not part of jammi-wire {generation.releases}")
        return Verdict(generation, False, missing)
    try:
        if fmt == "json":
            obj = from_json(text, cls, validate=False, unknown="ignore")
        else:
            obj = from_yaml(text, cls, dialect=dialect, validate=False, unknown="ignore")
    except WireError as error:
        return Verdict(generation, False, error)
    problems = obj.problems() if hasattr(obj, "problems") else []
    return Verdict(generation, True, None, problems[0] if problems else None)


def compat(
    source: str | bytes | os.PathLike[str],
    *,
    format: Format | None = None,
    dialect: Dialect = "tags",
    type_name: str = "FineTuneConfig",
) -> list[Verdict]:
    """For each generation, oldest first: does its serde accept the file, and if not,
    the first reason (serde's error), as ``Verdict``\\ s.

    ``source`` is a path or the text itself; YAML is read in serde_yaml's ``dialect``
    (``"tags"``: ``serde_yaml::from_str``, ``"singleton_map"``).
    """
    text, fmt = read_source(source, format)
    return [verdict(g, text, fmt, dialect=dialect, type_name=type_name) for g in GENERATIONS]
