"""Stand-ins for a type's values, for code that must not import attrs or the data model.

A generated clearance (see :mod:`.clearance`) reads a document into these instead of
the declared classes, so that ``validate()``'s condition, written over a value ``c``
(``c.hard_negatives.mine``, ``type(c.regression_loss).__name__ == "BetaNll"``,
``c.early_stopping_metric.value``), can be tested on them. A mirror class has the
declared class's name and its fields' attribute names; a unit enum member's mirror
has the member's ``name`` and ``value``. This module imports nothing.
"""

from __future__ import annotations

from typing import Any

ABSENT: Any = object()
"""A key not in the document (``None`` is a value)."""


class Mirror:
    """Base of the generated mirror classes: slots only, built field by field."""

    __slots__ = ()

    def __repr__(self) -> str:
        names: tuple[str, ...] = self.__slots__
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({fields})"


def mirror_class(name: str, fields: tuple[str, ...]) -> type[Mirror]:
    """A mirror of the class called ``name`` with attributes ``fields``."""
    return type(name, (Mirror,), {"__slots__": fields})


def build(cls: type[Mirror], **values: Any) -> Mirror:
    """An instance of a mirror class with the given attribute values."""
    made = cls()
    for name, value in values.items():
        setattr(made, name, value)
    return made


class Unit:
    """The mirror of a unit enum member: its name and wire value. Members are compared
    by identity, as the members of a Python enum are. (A unit variant of an enum with
    data is an instance of its own class: a fieldless :func:`mirror_class`.)"""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: str) -> None:
        self.name = name
        self.value = value

    def __repr__(self) -> str:
        return f"<{self.name}: {self.value!r}>"


def units(enum: str, members: dict[str, str]) -> dict[str, Unit]:
    """Mirrors of the members of the unit enum called ``enum``, by wire name, from
    ``{wire name: member name}``; their class has the enum's name."""
    cls = type(enum, (Unit,), {"__slots__": ()})
    return {wire: cls(name, wire) for wire, name in members.items()}
