"""Move a ``FineTuneConfig`` from one generation to another.

Going up never loses anything: ``warmup_steps: N`` becomes ``warmup: steps(N)`` and
the new fields take their defaults. Going down, three values have no older form: a
``seed`` other than 42 (before 0.28.0), a ``keep_last_n_checkpoints`` (before
0.48.0) and a ``fraction`` warmup (before 0.50.0; ``steps(N)`` becomes
``warmup_steps: N``). Dropping one is an error naming it unless ``lossy=True``, which
drops it and reports it as a ``DataLossWarning``. The result is read by the target
generation's serde and must pass its ``validate()``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._errors import WireError
from ..serde.floats import rust_display_f64
from . import GENERATIONS, Generation, config_generation, generation_of

__all__ = ["DataLossWarning", "Loss", "MigrationError", "migrate", "plan"]


class MigrationError(WireError):
    """A config that cannot be moved to the requested release as asked."""


class DataLossWarning(UserWarning):
    """A value dropped by a ``lossy=True`` migration (it has no form in the target)."""


@dataclass(frozen=True)
class Loss:
    """A value of the config that the target generation cannot carry."""

    field: str
    value: str
    since: Generation
    replacement: str

    def __str__(self) -> str:
        return (
            f"{self.field} = {self.value} (no form before {self.since.first}; {self.replacement})"
        )


Data = dict[str, Any]
Step = Callable[[Data, list[Loss]], None]


def _g(number: int) -> Generation:
    return GENERATIONS[number - 1]


def _nothing(data: Data, losses: list[Loss]) -> None:
    """The newer generation's new fields take their serde defaults."""


def _warmup_steps_to_warmup(data: Data, losses: list[Loss]) -> None:
    data["warmup"] = {"steps": data.pop("warmup_steps")}


def _warmup_to_warmup_steps(data: Data, losses: list[Loss]) -> None:
    warmup = data.pop("warmup")
    if "steps" in warmup:
        data["warmup_steps"] = warmup["steps"]
        return
    default = _g(4).module.FineTuneConfig().warmup_steps
    data["warmup_steps"] = default
    value = f"fraction({rust_display_f64(warmup['fraction'])})"
    losses.append(Loss("warmup", value, _g(5), f"warmup_steps takes its default, {default}"))


def _drop_keep(data: Data, losses: list[Loss]) -> None:
    keep = data.pop("keep_last_n_checkpoints")
    if keep is not None:
        losses.append(
            Loss("keep_last_n_checkpoints", str(keep), _g(4), "per-epoch checkpoints are off")
        )


def _drop_seed(data: Data, losses: list[Loss]) -> None:
    seed = data.pop("seed")
    default = _g(2).module.DEFAULT_FINE_TUNE_SEED
    if seed != default:
        why = f"a newer release reading the result uses {default}"
        losses.append(Loss("seed", str(seed), _g(2), why))


# (from, to) of adjacent generations -> the change to the data (serde's JSON shape).
_STEPS: dict[tuple[int, int], Step] = {
    (1, 2): _nothing,
    (2, 3): _nothing,  # BackboneDtype and ComputePrecision share their wire names
    (3, 4): _nothing,
    (4, 5): _warmup_steps_to_warmup,
    (5, 4): _warmup_to_warmup_steps,
    (4, 3): _drop_keep,
    (3, 2): _nothing,
    (2, 1): _drop_seed,
}


def plan(config: Any, to: str | Generation) -> tuple[Data, Generation, list[Loss]]:
    """The config's data as the target generation would read it, the target, and the
    values that have no form there."""
    source = config_generation(config)
    target = to if isinstance(to, Generation) else generation_of(to)
    from ..converters import unstructure  # cattrs loads when a migration runs, not with the CLI

    data: Data = unstructure(config)
    losses: list[Loss] = []
    here = source.number
    while here != target.number:
        nxt = here + (1 if target.number > here else -1)
        _STEPS[here, nxt](data, losses)
        here = nxt
    return data, target, losses


def migrate(config: Any, to: str | Generation, *, lossy: bool = False) -> Any:
    """``config`` as a ``FineTuneConfig`` of release ``to`` (``"0.52.0"`` or ``"g5"``).

    Values the target cannot carry are an error naming each, unless ``lossy``: then
    each is dropped with a ``DataLossWarning``. The result passes the target's
    ``validate()``, or a ``MigrationError`` names the rule it breaks.
    """
    data, target, losses = plan(config, to)
    if losses and not lossy:
        listed = "; ".join(str(loss) for loss in losses)
        raise MigrationError(
            f"cannot migrate to {target.releases} without losing data: {listed}; "
            "pass lossy=True (--lossy) to drop them",
            (losses[0].field,),
        )
    for loss in losses:
        warnings.warn(str(loss), DataLossWarning, stacklevel=2)
    cls = target.module.FineTuneConfig
    from ..converters import structure

    try:
        result = structure(data, cls, unknown="error")
    except WireError as error:
        raise MigrationError(
            f"jammi-wire {target.releases} cannot read the migrated config: {error.message}",
            error.path,
        ) from error
    problems = result.problems()
    if problems:
        problem = problems[0]
        raise MigrationError(
            f"the migrated config breaks a rule of jammi-wire {target.releases} "
            f"validate(): {problem.message}",
            problem.path,
        )
    return result
