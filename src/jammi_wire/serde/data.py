"""Nodes of the value tree that text formats hand to the converter.

JSON produces only plain Python values (plus :class:`DuplicateKeys`); YAML also
produces :class:`Plain` scalars, whose type the target decides, and :class:`Tagged`
nodes, serde_yaml's form of an enum variant.
"""

from __future__ import annotations

from typing import Any


class Bail(Exception):
    """A fast path met something it does not vouch for; use the exact path."""


def has_surrogates(text: str) -> bool:
    """Lone surrogates can't be encoded as UTF-8, so no Rust ``String`` holds them."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Plain(str):
    """A YAML plain (unquoted, untagged) scalar: serde_yaml resolves it by the target type."""

    __slots__ = ()


class TaggedScalar(str):
    """A YAML scalar written with a tag (``!!int 8``, ``!co_sent``, ``! x``).

    ``tag`` is the full tag as the parser resolved it (``tag:yaml.org,2002:int``,
    ``!co_sent``); ``style`` is ``""`` for plain, or the quote / block indicator
    (``'``, ``"``, ``|``, ``>``). serde_yaml decides by both: a plain scalar is read by
    the target type whatever its tag, a local tag names an enum variant.
    """

    __slots__ = ("style", "tag")

    tag: str
    style: str

    def __new__(cls, text: str, tag: str, style: str) -> TaggedScalar:
        self = super().__new__(cls, text)
        self.tag = tag
        self.style = style
        return self

    def __repr__(self) -> str:
        return f"TaggedScalar({str(self)!r}, tag={self.tag!r}, style={self.style!r})"


class Tagged:
    """A YAML mapping or sequence carrying a local tag (``!triplet {margin: 0.5}``).

    ``tag`` is the name after ``!``. Writers also use it for a struct variant's tag.
    """

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
    """A YAML mapping key that is itself a mapping or sequence (``? [a, b]: 1``).

    Carries its own 1-based position: errors about it point at the key, as serde_yaml's
    do, and a path cannot name a key.
    """

    __slots__ = ("column", "line", "value")

    def __init__(self, value: Any, line: int | None = None, column: int | None = None) -> None:
        self.value = value
        self.line = line
        self.column = column

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComplexKey) and self.value == other.value

    # By identity: hashing the value could walk an alias bomb, and a complex key is
    # never looked up, only reported.
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"ComplexKey({self.value!r})"


class Truncated:
    """Where a document stopped parsing: reading this node raises the parser's error.

    serde_yaml deserializes the events read before a syntax error, so an error in an
    earlier field, or a struct that already ended, is reported first. Every container
    left open gets one of these as its last entry.
    """

    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"Truncated({self.error!r})"


class Alias:
    """A YAML alias (``*name``) of a mapping or sequence: the anchored node, shared.

    Reading through it costs one jump of the reader's budget, as serde_yaml counts
    them, so an alias bomb in a field that is read fails fast instead of expanding;
    one in an ignored field is never followed.
    """

    __slots__ = ("node",)

    def __init__(self, node: Any) -> None:
        self.node = node

    def __repr__(self) -> str:
        return f"Alias(<{type(self.node).__name__}>)"


class OutOfRangeNumber(str):
    """A JSON number too large for f64 (``1e999``), kept as its text.

    serde_json skips it unchecked in an ignored field and refuses it ("number out of
    range") wherever a value is read, so the refusal waits until something reads it.
    """

    __slots__ = ()


class CharText(str):
    """A ``char`` on its way to a writer: serde_yaml single-quotes it (``'a'``) where a
    ``String`` would be plain; JSON writes it as any string."""

    __slots__ = ()


class Float32(float):
    """An ``f32`` on its way to a writer: written with f32's shortest digits."""

    __slots__ = ()
