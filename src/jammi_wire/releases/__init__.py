"""Every wire generation of the jammi-wire fine-tune vocabulary, by release.

jammi-wire 0.26.0 - 0.54.0 changed the fine-tune vocabulary on the wire five times;
the releases between two changes read and write identically, so each *generation*
``g1`` .. ``g5`` is one module with the same names as the top level
(``FineTuneConfig``, ``Warmup``, ...). :func:`release` maps a published version to
its module, :func:`compat` tells which generations accept a file and
:func:`migrate` moves a config between them.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .._errors import WireError
from .._generations import GENERATIONS, Generation, generation_of
from ..fine_tune import FineTuneConfig as _g1_config

__all__ = ["GENERATIONS", "Generation", "generation_of", "release"]


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
