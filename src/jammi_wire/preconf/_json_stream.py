"""A big JSON document read one top-level member, and one list item, at a time.

The plain stdlib parse of a whole document holds its entire tree (about 4.7 times
the text for an eval report) before the generated readers turn it into objects.
Here the stdlib parser's own C scanner (``scan_once``, what ``JSONDecoder.raw_decode``
calls) reads each member of the top-level object, and each item of a list of structs
or enums in it, and the item becomes its object at once: only one item's tree is
alive at a time. Bytes are decoded a window at a time, so the whole text is never
held either.

This reader accepts nothing the plain parse would not: the punctuation between the
values it reads itself (``{ } [ ] , :`` and JSON whitespace) follows the C parser's
rules exactly, and the values are the C scanner's. Anything else (a repeated
top-level key, a syntax error, a truncated window that never completes, a
:class:`~..serde.gen.Bail` from a generated reader) is ``None``, and the caller reads
the document from the start by the exact path, which reports serde_json's error.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any

from ..serde.gen import Bail, Fast, FastCompiler
from ..serde.model import SeqShape, StructShape, TaggedEnumShape

# JSON whitespace, as the stdlib parser (and serde_json) take it.
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SPACE = " \t\n\r"
# Bytes are decoded this many at a time (more when one value is longer): a window of
# 1 MiB measured 0.3 of the document more in peak RSS on a 10 MB report than this.
CHUNK = 1 << 18
# The C scanner looks at most two characters past a number it returns (`1e+` then
# a non-digit ends the number before the `e`): a value ending closer than this to the
# end of a window that is not the whole text is scanned again with more text.
_LOOKAHEAD = 3

# List items are scanned in batches of about this many characters, found by looking for
# a comma followed by this many of the first item's opening characters.
BATCH = 1 << 15
_OPENING = 12

Scan = Callable[[str, int], tuple[Any, int]]
ScanKey = Callable[[str, int, bool], tuple[str, int]]


class Plan:
    """How to stream one struct: its generated function, and for each field holding a
    list of structs or enums, the generated function converting a parsed list of its
    items in place, and the attribute."""

    __slots__ = ("fast", "lists")

    def __init__(self, fast: Fast, lists: dict[str, tuple[Fast, str]]) -> None:
        self.fast = fast
        self.lists = lists


def plan(shape: Any, compiler: FastCompiler) -> Plan | None:
    """The streaming plan for ``shape``, or None when it is not a struct the generated
    readers build (the caller then parses the whole document at once)."""
    if not isinstance(shape, StructShape):
        return None
    fast = compiler.compile(shape)
    if fast is None:
        return None
    lists: dict[str, tuple[Fast, str]] = {}
    for spec in shape.fields:
        field = spec.shape
        if (
            isinstance(field, SeqShape)
            and isinstance(field.inner, (StructShape, TaggedEnumShape))
            and compiler.compile(field.inner) is not None
        ):
            items = compiler.items(field.inner)
            if items is not None:
                lists[spec.wire] = (items, spec.attr)
    return Plan(fast, lists)


class _Doubt(Exception):
    """Not provably what the plain parse would give: the exact path decides."""


class _Text:
    """The document's text, whole (``str`` input) or a window of it decoded from bytes.

    Positions are into ``text``; :meth:`more` drops what lies before a position and
    decodes the next chunk after the rest, returning that position's new value.
    """

    __slots__ = ("_at", "_data", "_decode", "done", "text")

    def __init__(self, data: str | bytes) -> None:
        self._data: Any = None
        self._decode: Any = None
        self._at = 0
        if isinstance(data, str):
            self.text = data
            self.done = True
        else:
            self.text = ""
            self.done = False
            self._data = memoryview(data)
            self._decode = codecs.getincrementaldecoder("utf-8")().decode

    def more(self, pos: int) -> int:
        """Decode more text, keeping ``text[pos:]``; the new position of ``pos``. At the
        end of the document (or on undecodable bytes): :class:`_Doubt`."""
        if self.done:
            raise _Doubt
        keep = self.text[pos:]
        self.text = ""  # the old window goes before the new one is made
        data = self._data
        size = max(CHUNK, len(keep))  # a long value: the window grows geometrically
        chunk = data[self._at : self._at + size]
        self._at += len(chunk)
        self.done = self._at >= len(data)
        try:
            self.text = keep + self._decode(chunk, self.done)
        except UnicodeDecodeError:
            raise _Doubt from None
        finally:
            chunk.release()
        if self.done:
            self._data.release()
            self._data = None
        return 0

    def skip(self, pos: int) -> int:
        """The position of the first non-whitespace character from ``pos`` on (the end
        of the text only when the whole document has been decoded)."""
        while True:
            end = _WHITESPACE.match(self.text, pos).end()  # type: ignore[union-attr]
            if end < len(self.text) or self.done:
                return end
            pos = self.more(end)

    def value(self, pos: int, scan: Scan) -> tuple[Any, int]:
        """The value the C scanner reads at ``pos``, and where it ends."""
        while True:
            text = self.text
            try:
                value, end = scan(text, pos)
            except (StopIteration, ValueError, RecursionError):
                pos = self.more(pos)
                continue
            if self.done or len(text) - end >= _LOOKAHEAD:
                return value, end
            pos = self.more(pos)

    def key(self, pos: int, scan_key: ScanKey) -> tuple[str, int]:
        """The string (an object key) whose opening quote is at ``pos``."""
        while True:
            try:
                return scan_key(self.text, pos + 1, True)
            except ValueError:
                pos = self.more(pos)

    def close(self) -> None:
        if self._data is not None:
            self._data.release()
            self._data = None


def read(data: str | bytes, how: Plan, scan: Scan, scan_key: ScanKey) -> tuple[Any, int] | None:
    """The object ``how`` builds from the JSON text ``data`` and the number of mapping
    keys the generated functions consumed (for the caller's checks on the text), or
    None when the exact path must decide. ``scan`` is the plain stdlib decoder's
    ``scan_once``, ``scan_key`` the ``scanstring`` it uses for keys (strict)."""
    text = _Text(data)
    try:
        return _read(text, how, scan, scan_key)
    except (_Doubt, Bail):
        return None
    finally:
        text.close()


def _read(t: _Text, how: Plan, scan: Scan, scan_key: ScanKey) -> tuple[Any, int]:
    tally = [0]
    members: dict[str, Any] = {}
    streamed: list[tuple[str, list[Any], list[Any]]] = []
    pos = t.skip(0)
    if t.text[pos : pos + 1] != "{":
        raise _Doubt
    pos = t.skip(pos + 1)
    if t.text[pos : pos + 1] == "}":
        pos += 1
    else:
        while True:
            if t.text[pos : pos + 1] != '"':
                raise _Doubt
            key, pos = t.key(pos, scan_key)
            if key in members:  # the plain parse collapses it: the exact path reports it
                raise _Doubt
            pos = t.skip(pos)
            if t.text[pos : pos + 1] != ":":
                raise _Doubt
            pos = t.skip(pos + 1)
            item = how.lists.get(key)
            if item is not None and t.text[pos : pos + 1] == "[":
                objects, pos = _read_list(t, pos, item[0], tally, scan)
                # The struct's function takes an empty list in its place (a parsed
                # list is kept as it is), and the objects are put in afterwards.
                placeholder: list[Any] = []
                members[key] = placeholder
                streamed.append((item[1], placeholder, objects))
            else:
                members[key], pos = t.value(pos, scan)
            pos = t.skip(pos)
            punctuation = t.text[pos : pos + 1]
            if punctuation == ",":
                pos = t.skip(pos + 1)
            elif punctuation == "}":
                pos += 1
                break
            else:
                raise _Doubt
    if t.skip(pos) != len(t.text):  # anything but whitespace after the object
        raise _Doubt
    obj = how.fast(members, tally)
    for attr, placeholder, objects in streamed:
        if getattr(obj, attr) is not placeholder:
            raise _Doubt
        object.__setattr__(obj, attr, objects)
    return obj, tally[0]


def _read_list(
    t: _Text, pos: int, items: Fast, tally: list[int], scan: Scan
) -> tuple[list[Any], int]:
    """The list whose ``[`` is at ``pos``, its items built (by ``items``, which converts
    a list of parsed items in place) as soon as they are scanned, and the position after
    the ``]``.

    A call of the scanner per item costs about as much again as the item's text
    scanned whole, so the items are scanned a batch at a time where that is proven
    equal: the text from an item's start to a comma where another item seems to start
    (the comma and the first item's opening characters), in brackets of its own, scans
    as an array only if that comma lies between two items of this list (cut inside an
    item, the array is unclosed; cut past the list's end, the array ends early), and
    then its elements are exactly those items. Otherwise one item at a time.
    """
    objects: list[Any] = []
    pos = t.skip(pos + 1)
    text = t.text
    if text[pos : pos + 1] == "]":
        return objects, pos + 1
    separator = ""  # a comma and the first item's opening characters
    single_until = 0  # a batch cut here failed: one item at a time up to it
    while True:
        if separator and pos >= single_until:
            cut = text.find(separator, pos + BATCH)
            if cut < 0 and not t.done and len(text) - pos < 2 * BATCH:
                # Near the window's end: more text, rather than the rest one at a time.
                pos = t.more(pos)
                text = t.text
                single_until = 0
                continue
            if cut >= 0:
                batch = "[" + text[pos:cut] + "]"
                try:
                    trees, end = scan(batch, 0)
                except (StopIteration, ValueError, RecursionError):
                    end = -1
                if end == len(batch):
                    del batch
                    objects += items(trees, tally)
                    pos = cut + 1
                    continue
                single_until = cut + 1
        try:
            tree, end = scan(text, pos)
        except (StopIteration, ValueError, RecursionError):
            pos = t.more(pos)
            text = t.text
            single_until = 0
            continue
        if len(text) - end < _LOOKAHEAD and not t.done:
            pos = t.more(pos)
            text = t.text
            single_until = 0
            continue
        objects += items([tree], tally)
        if not separator:
            separator = "," + text[pos : min(end, pos + _OPENING)]
        punctuation = text[end : end + 1]
        if punctuation == ",":
            pos = end + 1
            if text[pos : pos + 1] in _SPACE:  # also at the end of the window
                pos = t.skip(pos)
                text = t.text
            continue
        if punctuation != "]":
            pos = t.skip(end)
            text = t.text
            punctuation = text[pos : pos + 1]
            if punctuation == ",":
                pos = t.skip(pos + 1)
                text = t.text
                continue
            if punctuation != "]":
                raise _Doubt
            end = pos
        return objects, end + 1
