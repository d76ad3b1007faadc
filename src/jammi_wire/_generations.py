"""The published releases of each wire generation, and which generation a version is.

Apart from :mod:`jammi_wire.releases` (which re-exports these) so that a check answered
by a clearance (``jammi_wire._cleared``) can take ``--release`` without loading any
vocabulary.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import NamedTuple

from ._errors import WireError


class Generation(NamedTuple):
    """A range of releases with identical serde behaviour."""

    number: int
    first: str
    last: str

    @property
    def name(self) -> str:
        return f"g{self.number}"

    @property
    def releases(self) -> str:
        """``0.50.0–0.54.0``."""
        return f"{self.first}\u2013{self.last}"

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(f"jammi_wire.releases.{self.name}")

    def __contains__(self, version: object) -> bool:
        """Whether a published version (``"0.52.0"``) is one of this generation's."""
        if not isinstance(version, str):
            return False
        return _key(self.first) <= _key(version) <= _key(self.last)


GENERATIONS: tuple[Generation, ...] = (
    Generation(1, "0.26.0", "0.26.5"),
    Generation(2, "0.28.0", "0.41.0"),
    Generation(3, "0.42.0", "0.47.0"),
    Generation(4, "0.48.0", "0.49.1"),
    Generation(5, "0.50.0", "0.54.0"),
)
"""Oldest first. The top-level ``jammi_wire`` namespace is generation 1 (0.26.3)."""

_VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")


def _key(version: str) -> tuple[int, int, int]:
    match = _VERSION.fullmatch(version.strip())
    if match is None:
        raise ValueError(version)
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def _known() -> str:
    return ", ".join(g.releases for g in GENERATIONS)


def generation_of(version: str) -> Generation:
    """The generation a published version (``"0.52.0"``) or a generation name
    (``"g5"``) belongs to; a ``WireError`` naming the known releases otherwise."""
    text = str(version).strip()
    for generation in GENERATIONS:
        if text.lower() == generation.name:
            return generation
    try:
        _key(text)
    except ValueError:
        raise WireError(
            f"{text!r} is not a jammi-wire version (like 0.52.0); known releases: {_known()}"
        ) from None
    for generation in GENERATIONS:
        if text in generation:
            return generation
    raise WireError(f"unknown jammi-wire release {text}; known releases: {_known()}")
