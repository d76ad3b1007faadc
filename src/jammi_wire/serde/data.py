"""Nodes of the value tree that text formats hand to the converter.

JSON produces only plain Python values (plus :class:`DuplicateKeys`); YAML also
produces :class:`Plain` scalars, whose type the target decides, and :class:`Tagged`
nodes, serde_yaml's form of an enum variant.
"""

from __future__ import annotations

from typing import Any


class Plain(str):
    """A YAML plain (unquoted, untagged) scalar: serde_yaml resolves it by the target type."""

    __slots__ = ()


class Tagged:
    """A YAML node carrying a local tag, ``!triplet {margin: 0.5}``: an enum variant."""

    __slots__ = ("tag", "value")

    def __init__(self, tag: str, value: Any) -> None:
        self.tag = tag
        self.value = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tagged):
            return NotImplemented
        return self.tag == other.tag and self.value == other.value

    def __hash__(self) -> int:
        return hash(("Tagged", self.tag))

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r})"


class DuplicateKeys(dict[Any, Any]):
    """A mapping that repeated a key: the dict keeps the last value, ``pairs`` keeps all.

    A struct rejects the repeat (``duplicate field``); a map keeps the last value, as
    serde does. Both need document order, which ``pairs`` preserves.
    """

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs


class ComplexKey:
    """A YAML mapping key that is itself a mapping or sequence (``? [a, b]: 1``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComplexKey) and self.value == other.value

    def __hash__(self) -> int:
        return hash(("ComplexKey", repr(self.value)))

    def __repr__(self) -> str:
        return f"ComplexKey({self.value!r})"
