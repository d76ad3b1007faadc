"""Every wire generation of the jammi-wire fine-tune vocabulary, by release.

jammi-wire 0.26.0 - 0.54.0 changed the fine-tune vocabulary on the wire five times;
the releases between two changes read and write identically, so each *generation*
``g1`` .. ``g5`` is one module with the same names as the top level
(``FineTuneConfig``, ``Warmup``, ...). :func:`release` maps a published version to
its module, :func:`compat` tells which generations accept a file and
:func:`migrate` moves a config between them.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .._errors import WireError
from ..fine_tune import FineTuneConfig as _g1_config

__all__ = ["GENERATIONS", "Generation", "generation_of", "release"]


@dataclass(frozen=True)
class Generation:
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
        return importlib.import_module(f"{__name__}.{self.name}")

    def __contains__(self, version: str) -> bool:
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


def release(version: str) -> ModuleType:
    """The vocabulary of a jammi-wire release: ``release("0.52.0").FineTuneConfig``."""
    return generation_of(version).module


# Fields later generations added. An earlier generation's serde ignores them, so a file
# written for a newer release loses them when read (and written back) as an older one.
_ADDED_IN = {"seed": 2, "keep_last_n_checkpoints": 4, "warmup": 5}


def note_newer_fields(cls: type, number: int) -> None:
    """Tell the serde layer what the later generations' fields are when ``cls`` (the
    config of generation ``number``) meets them: not typos, but data it drops."""
    read_as = "0.26.3" if number == 1 else GENERATIONS[number - 1].releases
    notes = {
        name: f"is a field of jammi-wire >= {GENERATIONS[added - 1].first}; "
        f"it is dropped when read as {read_as}"
        for name, added in _ADDED_IN.items()
        if added > number
    }
    if number >= 5:
        notes["warmup_steps"] = (
            "was replaced by `warmup` (`!steps N` or `!fraction F`) in jammi-wire 0.50.0; "
            "`jammi-wire migrate FILE --to 0.50.0` rewrites it"
        )
    setattr(cls, "__serde_field_notes__", notes)  # noqa: B010 - read by the serde layer


def generation_of_type(cls: type) -> Generation | None:
    """The generation whose vocabulary declares ``cls`` (the newest, for a shared type)."""
    for generation in reversed(GENERATIONS):
        if getattr(generation.module, cls.__name__, None) is cls:
            return generation
    return None


def config_generation(config: Any) -> Generation:
    """The generation of a ``FineTuneConfig`` object, from its class."""
    for generation in GENERATIONS:
        if type(config) is generation.module.FineTuneConfig:
            return generation
    raise WireError(
        f"expected a FineTuneConfig of some jammi-wire release, got {type(config).__qualname__}"
    )


note_newer_fields(_g1_config, 1)
