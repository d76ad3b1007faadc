"""A reader for the block-style YAML that configs are written in, without libyaml.

About two thirds of a small YAML read went to libyaml's event stream as PyYAML's C
extension delivers it (a Python object per event). Most documents use a small subset
of YAML: block mappings of ``key: value`` lines, block sequences of ``- item`` lines,
one-line plain or simply quoted scalars, local tags on a block (``!triplet``), empty
flow collections (``[]``, ``{}``), comments and blank lines. :func:`read` reads that
subset line by line into exactly the tree :func:`._yaml_load.parse_partial` builds
(the same node types, keys in the same order, the same node count) and returns None
for anything it does not vouch for: anchors, aliases, other tags, flow collections
with content, multi-line and block scalars, escapes, document markers and
directives, tabs, unusual indentation, repeated keys, complex keys, a BOM, control
characters, an empty document, errors of any kind. The caller then runs the full
loader, so every error (and its position) is still libyaml's.

``tests/test_yaml_fast.py`` compares the two readers on generated documents in and
near the subset, on mutations of the fixtures and on every YAML vector.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..serde.data import Plain, Tagged, TaggedScalar

# Characters libyaml reads as printable and not as a line break, less the tab, the
# BOM and the line breaks beyond ``\n`` (``\r`` is read as part of ``\r\n`` only):
# any other character in the text means the full loader.
_UNVOUCHED_PATTERN = (
    "[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# The same class within ASCII. Compiling the whole class takes about 5 ms (the regex
# compiler walks its 63,000 code points), a start-up cost for every YAML read and
# check: it is compiled for the first text that is not ASCII.
_UNVOUCHED_ASCII = re.compile("[^\n\x20-\x7e]")
_unvouched_wide: re.Pattern[str] | None = None


def _unvouched(text: str) -> bool:
    global _unvouched_wide
    if text.isascii():
        return _UNVOUCHED_ASCII.search(text) is not None
    if _unvouched_wide is None:
        _unvouched_wide = re.compile(_UNVOUCHED_PATTERN)
    return _unvouched_wide.search(text) is not None


# Local tags the reader vouches for: `!name`, a name of letters, digits, `_` and `-`.
_TAG = re.compile(r"![A-Za-z0-9_-]+\Z")
# What may not start a plain scalar here: YAML's indicators (`-` alone is checked
# apart: `-5` is a scalar, `- ` an entry), and quotes, which are read separately.
_NOT_PLAIN_START = frozenset("?:,[]{}#&*!|>'\"%@`")
# libyaml gives up on a simple key longer than 1024 characters (bytes in some
# versions): longer keys are left to it.
_KEY_LIMIT = 200
# Deeper nesting is left to the full loader (and this reader's recursion bounded).
_DEPTH_LIMIT = 64


class _Unvouched(Exception):
    """Something this reader does not vouch for: the full loader reads the text."""


_NO = _Unvouched()

# One content line (blank and comment lines never match). The common forms are told
# apart here: a key (group 2) of letters, digits, `_`, `.`, `-`, or an entry's dash (3),
# then nothing, or a value without spaces: a plain one (4) of those characters and
# `~+/`, or a tag alone, `[]` or `{}` (5). Anything else is the whole line's text (6),
# read by `_other`.
_VALUE = r"[A-Za-z0-9_.~+/][A-Za-z0-9_.~+/-]*|-[A-Za-z0-9_.~+/-]+"
_ROWS = re.compile(
    r"^( *)(?:(?:([A-Za-z0-9_][A-Za-z0-9_.-]*):|(-))"
    rf"(?: +(?:({_VALUE})|(\[\]|\{{\}}|![A-Za-z0-9_-]+)))? *$"
    r"|([^ \n#][^\n]*))",
    re.MULTILINE,
)


class _TagOf:
    """A row's value: this local tag, on the block below."""

    __slots__ = ("tag",)

    def __init__(self, tag: str) -> None:
        self.tag = tag


# Stand-ins for `[]` and `{}` in the rows: each read gets a new list or dict.
_EMPTY_SEQ: Any = object()
_EMPTY_MAP: Any = object()
_SPECIAL = {"[]": _EMPTY_SEQ, "{}": _EMPTY_MAP}
# A row the pattern left to `_other`, while the rows are first listed.
_OTHER: Any = object()


def read(text: str) -> tuple[Any, int] | None:
    """(value tree, node count) exactly as ``parse_partial(text)`` gives them when it
    finds no error, or None when the text is not in the subset this reader vouches for
    (errors included: the full loader reports them)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # a lone `\r` is refused just below
    if (
        _unvouched(text)
        or text.startswith(_MARKERS)
        or "\n%" in text
        or "\n---" in text
        or "\n..." in text
    ):
        # Directives and document markers are checked as prefixes: a plain scalar that
        # merely starts like one (`---x`) is left to the full loader too.
        return None
    rows = _ROWS.findall(text)
    if not rows:
        return None  # an empty document: the full loader's EMPTY_DOCUMENT
    # Each row: its indentation, its key (None: a sequence entry) and its value (None:
    # nothing on the line, a _TagOf: a tag alone).
    known = _PLAINS.get
    try:
        indents = [len(row[0]) for row in rows]
        keys = [
            known(row[1]) or _key(row[1]) if row[1] else None if row[2] else _OTHER for row in rows
        ]
        values = [
            known(row[3]) or _plain_node(row[3])
            if row[3]
            else (_SPECIAL.get(row[4]) or _TagOf(row[4]))
            if row[4]
            else None
            for row in rows
        ]
        if _OTHER in keys:
            indents, keys, values = _with_others(rows, indents, keys, values)
        builder = _Builder(indents, keys, values)
        tree, end = builder.block(0, indents[0], 0)
    except _Unvouched:
        return None
    if end != len(indents) - 1:  # (the sentinel row)
        return None
    return tree, builder.size


_MARKERS = ("%", "---", "...")
# Plain scalars met before, by their text: keys and values repeat from one config to
# the next, and a lookup costs a fraction of making one. (Immutable; any equal Plain
# is as good as another, as parse_partial's own sharing assumes.)
_PLAINS: dict[str, Plain] = {}
_SHARED_LENGTH = 64
_SHARED_COUNT = 1 << 13


def _plain_node(text: str) -> Plain:
    node = Plain(text)
    if len(text) <= _SHARED_LENGTH and len(_PLAINS) < _SHARED_COUNT:
        _PLAINS[text] = node
    return node


def _key(text: str) -> Plain:
    if len(text) > _KEY_LIMIT:
        raise _NO
    return _plain_node(text)


def _with_others(
    rows: list[tuple[str, ...]], indents: list[int], keys: list[Any], values: list[Any]
) -> tuple[list[int], list[Any], list[Any]]:
    """The rows again, those the pattern left to `_other` read by it."""
    out: tuple[list[int], list[Any], list[Any]] = ([], [], [])
    for index, key in enumerate(keys):
        if key is _OTHER:
            _other(indents[index], rows[index][5], *out)
        else:
            out[0].append(indents[index])
            out[1].append(key)
            out[2].append(values[index])
    return out


def _strip_comment(rest: str) -> str:
    """``rest`` (no leading spaces) without a trailing comment and trailing spaces."""
    if rest[:1] == "#":
        return ""
    cut = rest.find(" #")
    if cut >= 0:
        rest = rest[:cut]
    return rest.rstrip(" ")


def _quoted(content: str) -> tuple[str, str]:
    """A one-line quoted scalar at the start of ``content``: (its value, what follows
    the closing quote). Double quotes only without escapes."""
    quote = content[0]
    if quote == "'":
        end = 1
        while True:
            end = content.find("'", end)
            if end < 0:
                raise _NO
            if content[end + 1 : end + 2] != "'":
                break
            end += 2
        return content[1:end].replace("''", "'"), content[end + 1 :]
    end = content.find('"', 1)
    if end < 0:
        raise _NO
    value = content[1:end]
    if "\\" in value:
        raise _NO
    return value, content[end + 1 :]


def _plain(text: str) -> Plain:
    """A one-line plain scalar (comment and trailing spaces already cut off)."""
    first = text[0]
    if first in _NOT_PLAIN_START or (first == "-" and text[1:2] in ("", " ")):
        raise _NO
    if ": " in text or text[-1] == ":":
        raise _NO  # a mapping value indicator: libyaml refuses it here
    return Plain(text)


def _is_entry(content: str, at: int) -> bool:
    """Whether a sequence entry (`-` then a space or the end) starts at ``at``."""
    return content.startswith("-", at) and (at + 1 == len(content) or content[at + 1] == " ")


def _other(
    indent: int, content: str, indents: list[int], keys: list[Any], values: list[Any]
) -> None:
    """The rows of a line the row pattern did not tell apart. Entries that go on on
    their line (`- - x`, `- key: value`) are written as the rows of the same tree on
    lines of their own: an entry with nothing after it, then the rest indented as far
    as it stood."""
    # Walked by index: a slice per entry made `- - - ... x` quadratic in its length.
    length = len(content)
    start = 0  # where the entry being read starts
    while _is_entry(content, start):
        indents.append(indent + start)
        keys.append(None)
        at = start + 1
        while at < length and content[at] == " ":
            at += 1
        if at == length or content[at] == "#":
            values.append(None)
            return
        if not _is_entry(content, at) and not _is_key_line(content[at:]):
            values.append(_inline(content[at:]))
            return
        values.append(None)
        start = at
    if start:
        indent += start
        content = content[start:]
    first = content[0]
    key: Any
    if first == "'" or first == '"':
        key, after = _quoted(content)
        if after[:1] != ":" or after[1:2] not in ("", " "):
            raise _NO
        rest = after[1:].lstrip(" ")
        cut = len(content) - len(after)
    else:
        cut = content.find(": ")
        if cut < 0:
            stripped = _strip_comment(content)
            if stripped[-1:] != ":":
                raise _NO  # a scalar alone: a multi-line scalar, or an error
            cut = len(stripped) - 1
            rest = ""
        else:
            rest = content[cut + 2 :].lstrip(" ")
        text = content[:cut]
        if " #" in text or text[-1:] == " " or not text:
            raise _NO
        key = _plain(text)
    if cut > _KEY_LIMIT:
        raise _NO
    indents.append(indent)
    keys.append(key)
    values.append(None if not rest or rest[0] == "#" else _inline(rest))


def _is_key_line(content: str) -> bool:
    """Whether ``content`` (after `- `) starts a mapping: a key and its indicator."""
    first = content[0]
    if first == "'" or first == '"':
        _, after = _quoted(content)
        return after[:1] == ":"
    cut = content.find(": ")
    comment = content.find(" #")
    if cut >= 0 and (comment < 0 or cut < comment):
        return True
    return _strip_comment(content)[-1:] == ":"


def _inline(rest: str) -> Any:
    """The value written after `key: ` or `- ` (``rest``: no leading spaces, not a
    comment): a scalar, an empty flow collection, or a _TagOf."""
    first = rest[0]
    if first == "'" or first == '"':
        node, after = _quoted(rest)
        if _strip_comment(after.lstrip(" ")) or (after and after[0] != " "):
            raise _NO
        return node
    if first == "!":
        cut = rest.find(" ")
        tag = rest if cut < 0 else rest[:cut]
        if _TAG.match(tag) is None:
            raise _NO
        after = _strip_comment(rest[len(tag) :].lstrip(" "))
        if not after:
            return _TagOf(tag)
        if after[0] == "'" or after[0] == '"':
            text, tail = _quoted(after)
            if tail:
                raise _NO
            return TaggedScalar(text, tag, after[0])
        return TaggedScalar(_plain(after), tag, "")
    text = _strip_comment(rest)
    if first == "[" or first == "{":
        if text == "[]":
            return _EMPTY_SEQ
        if text == "{}":
            return _EMPTY_MAP
        raise _NO
    return _plain(text)


class _Builder:
    """The tree from the rows, by indentation. The rows end with a sentinel row at
    indentation -1, which ends every block."""

    __slots__ = ("indents", "keys", "size", "values")

    def __init__(self, indents: list[int], keys: list[Any], values: list[Any]) -> None:
        indents.append(-1)
        keys.append(None)
        values.append(None)
        self.indents = indents
        self.keys = keys
        self.values = values
        self.size = 1  # as parse_partial counts: nodes and container ends

    def block(self, i: int, indent: int, depth: int) -> tuple[Any, int]:
        """The block node whose first row is ``i`` at ``indent``; (node, next row)."""
        if depth > _DEPTH_LIMIT:
            raise _NO
        if self.keys[i] is None:
            return self.sequence(i, indent, depth, False)
        return self.mapping(i, indent, depth)

    def value(self, value: Any, i: int, indent: int, depth: int, in_map: bool) -> tuple[Any, int]:
        """The node for ``value``, written on the row before ``i`` by a key (``in_map``)
        or entry of the block at ``indent``; (node, next row)."""
        below = self.indents[i]
        if value is None:
            if below > indent:
                return self.block(i, below, depth + 1)
            if in_map and below == indent and self.keys[i] is None:
                # `key:` then `- item` rows at the key's own indentation
                return self.sequence(i, indent, depth + 1, True)
            return Plain(""), i
        if below > indent:
            if type(value) is _TagOf:
                node, end = self.block(i, below, depth + 1)
                return Tagged(value.tag[1:], node), end
            raise _NO  # a scalar continued on the next line, or an error
        if type(value) is _TagOf:
            raise _NO  # a tagged empty scalar, or a tag before an indentless list
        if value is _EMPTY_SEQ:
            self.size += 1
            return [], i
        if value is _EMPTY_MAP:
            self.size += 1
            return {}, i
        return value, i

    def mapping(self, i: int, indent: int, depth: int) -> tuple[dict[Any, Any], int]:
        node: dict[Any, Any] = {}
        entries = 0
        indents = self.indents
        keys = self.keys
        values = self.values
        while True:
            key = keys[i]
            if key is None:
                raise _NO  # an entry among keys (or the end)
            value = values[i]
            i += 1
            if type(value) is not Plain or indents[i] > indent:
                value, i = self.value(value, i, indent, depth, True)
            node[key] = value
            entries += 1
            if indents[i] != indent:
                if indents[i] < indent:
                    break
                raise _NO
        if len(node) != entries:
            raise _NO  # a repeated key: the full loader keeps both for the error
        self.size += 2 * entries + 1  # as parse_partial counts a container's end
        return node, i

    def sequence(self, i: int, indent: int, depth: int, indentless: bool) -> tuple[list[Any], int]:
        node: list[Any] = []
        indents = self.indents
        keys = self.keys
        values = self.values
        while True:
            value = values[i]
            i += 1
            if type(value) is not Plain or indents[i] > indent:
                value, i = self.value(value, i, indent, depth, False)
            node.append(value)
            if indents[i] != indent:
                if indents[i] < indent:
                    break
                raise _NO
            if keys[i] is not None:
                if indentless:
                    break
                raise _NO
        self.size += len(node) + 1
        return node, i


# ── keys indented deeper than the line above

_KEY = re.compile(r"[\w.-]+\s*:(\s|$)")
# `key: value` with the value on the line (not a block scalar, flow collection, tag or anchor
# whose content may follow indented), possibly after list dashes.
_KEY_WITH_VALUE = re.compile(r"\s*(?:-\s+)*(?P<key>[\w.-]+)\s*:[ \t]+(?![|>{\[!&#'\"])\S")


def deeper_keys(text: str) -> Iterator[tuple[int, int, int, str]]:
    """Each line (number, indent, the line above's number, its stripped text) that holds
    a key indented deeper than a ``key: value`` line right above it: YAML reads it as
    more of that value (or fails on it). The diagnostics report each; a clean file has
    none."""
    previous: tuple[int, int] | None = None  # (line, column where its key starts)
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if previous is not None and indent > previous[1] and _KEY.match(stripped):
            yield number, indent, previous[0], stripped
        match = _KEY_WITH_VALUE.match(raw)
        previous = (number, match.start("key")) if match else None


# Documents this long or longer are left to the full loader (see small_block_subset).
GUIDED_FROM = 1 << 20


def small_block_subset(text: str) -> tuple[Any, int] | None:
    """The block-subset reader's (tree, node count) for a document under
    :data:`GUIDED_FROM` characters, else None. The reader lists every line's parts
    before it knows the document is in its subset: on a big document that list would
    cost more memory than the full loader's tree."""
    return read(text) if len(text) < GUIDED_FROM else None
