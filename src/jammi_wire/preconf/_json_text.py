"""Positions in JSON text, computed only once something has gone wrong.

serde_json reports errors with a 1-based line and a column counted in bytes,
pointing at the last byte it had read.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable
from typing import Any

from .._errors import ErrorCode, PathElement, WireError
from ..serde.structure import CustomRefusal
from ..serde.wording import Unexpected, make_error, render

# What a string's extent depends on; and a container's (strings are skipped whole).
# Not one regex for a whole string: ``(?:[^"\\]|\\.)*`` keeps backtracking state per
# character (about 120 bytes each: a 10 MB string cost 1.2 GB to step over).
_QUOTE_OR_BACKSLASH = re.compile(r'["\\]')
_STRUCTURAL = re.compile(r'["\[\]{}]')
_SCALAR = re.compile(r"[^\s,\]\}:]+")
_SPACE = re.compile(r"[ \t\n\r]*")


def string_end(text: str, index: int) -> int:
    """Index just past the string whose opening quote is at ``index`` (the end of the
    text if it is unterminated): one C-level search per escape, constant memory."""
    search = _QUOTE_OR_BACKSLASH.search
    position = index + 1
    while True:
        found = search(text, position)
        if found is None:
            return len(text)
        at = found.start()
        if text[at] == '"':
            return at + 1
        position = at + 2  # a backslash and the character it escapes


def byte_column(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of the character at ``offset``, as serde_json counts: the UTF-8
    bytes before it on its line, plus its first byte."""
    line_start = text.rfind("\n", 0, offset) + 1
    line = text.count("\n", 0, offset) + 1
    column = len(text[line_start:offset].encode("utf-8", "surrogatepass")) + 1
    return line, column


def consumed_position(text: str, index: int) -> tuple[int, int]:
    """serde_json's position once it has consumed ``text[:index]``: the line and the
    UTF-8 bytes read on it (column 0 just after a newline)."""
    line_start = text.rfind("\n", 0, index) + 1
    line = text.count("\n", 0, index) + 1
    return line, len(text[line_start:index].encode("utf-8", "surrogatepass"))


def _below(occurrences: dict[int, int] | None, depth: int) -> dict[int, int] | None:
    """``occurrences`` of an error's path for the path without its last ``depth`` elements."""
    if not occurrences or not depth:
        return occurrences
    return {after - depth: which for after, which in occurrences.items() if after >= depth}


class JsonLocator:
    """Finds the text of a value by its path in a document that parsed."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Container start -> its keys' value starts: one locator placing many problems
        # (check) reads each container once, not once per problem.
        self._keyed: dict[int, dict[str | int, list[int]]] = {}

    def _space(self, index: int) -> int:
        match = _SPACE.match(self.text, index)
        return match.end() if match else index

    def _end(self, index: int) -> int:
        """Index just past the value starting at ``index``."""
        text = self.text
        char = text[index]
        if char == '"':
            return string_end(text, index)
        if char in "[{":
            # The search skips everything but strings and brackets in C: a 20 MB array
            # of numbers is one search per bracket, not a Python step per character.
            search = _STRUCTURAL.search
            depth = 0
            position = index
            while True:
                found = search(text, position)
                if found is None:
                    return len(text)
                at = found.start()
                token = text[at]
                if token == '"':
                    position = string_end(text, at)
                    continue
                if token in "[{":
                    depth += 1
                else:
                    depth -= 1
                    if depth == 0:
                        return at + 1
                position = at + 1
        match = _SCALAR.match(text, index)
        return match.end() if match else index + 1

    def _children(self, index: int) -> list[tuple[str | int, int]]:
        """(key or index, value start) for the container at ``index``."""
        text = self.text
        is_object = text[index] == "{"
        out: list[tuple[str | int, int]] = []
        position = self._space(index + 1)
        count = 0
        while position < len(text) and text[position] not in "]}":
            key: str | int = count
            if is_object:
                end = self._end(position)
                key = json.loads(text[position:end])
                position = self._space(end) + 1
                position = self._space(position)
            out.append((key, position))
            position = self._space(self._end(position))
            if position < len(text) and text[position] == ",":
                position = self._space(position + 1)
            count += 1
        return out

    def span(
        self, path: tuple[PathElement, ...], occurrences: dict[int, int] | None = None
    ) -> tuple[int, int] | None:
        """(start, end) of the value at ``path``. For a repeated key, the occurrence
        ``occurrences`` names (keyed by how many path elements follow), else the last."""
        position = self._space(0)
        for depth, element in enumerate(path):
            if position >= len(self.text) or self.text[position] not in "[{":
                return None
            keyed = self._keyed.get(position)
            if keyed is None:
                keyed = self._keyed[position] = {}
                for key, start in self._children(position):
                    keyed.setdefault(key, []).append(start)
            starts = keyed.get(element)
            wanted = (occurrences or {}).get(len(path) - depth - 1)
            if not starts or wanted == 0:
                return None
            # The occurrence asked for (the last one there is), else the last.
            position = starts[-1] if wanted is None else starts[min(wanted, len(starts)) - 1]
        if position >= len(self.text):
            return None
        return position, self._end(position)

    def place(self, error: WireError) -> WireError:
        """Attach serde_json's position to an error from structuring the document."""
        if error.from_top_level_buffer:
            return error  # serde_json's Content buffer keeps no positions
        if error.buffered:
            return self.after_buffer(error)
        if error.after_key is not None:
            return self.after_member(error)
        if isinstance(error, CustomRefusal):
            # A deserialize_with refusal has no position until the struct's own
            # deserialize_struct gives it one, after end_map / end_seq.
            return self.after_value(error, 0)
        return self.position(error)

    def after_member(self, error: WireError) -> WireError:
        """Place an error from an adjacently tagged enum's buffered content: serde_json
        gives it the position where the enum's map stopped reading, past the tag's
        value (whitespace, then the `}` if that comes next)."""
        assert error.after_key is not None
        tag, occurrence, depth = error.after_key
        enum_path = error.path[: len(error.path) - depth]
        span = self.span(enum_path, _below(error.occurrences, depth))
        if span is not None and self.text[span[0]] == "{":
            seen = 0
            for key, start in self._children(span[0]):
                if key == tag:
                    seen += 1
                    if seen == occurrence:
                        consumed = self._space(self._end(start))
                        if self.text[consumed : consumed + 1] == "}":
                            consumed += 1
                        return error.at(*consumed_position(self.text, consumed))
        return self.position(error)

    def after_buffer(self, error: WireError) -> WireError:
        """Place an error from the Content buffer of a tagged enum below the top: serde_json
        gives it the position where the enclosing array or object stopped reading, after
        its end_seq / end_map looked past the enum (whitespace, then `]` or `,` and
        whitespace in an array, `}` in an object)."""
        return self.after_value(error, error.buffered_depth)

    def after_value(self, error: WireError, depth: int) -> WireError:
        """Place an error that leaves the value at its path less ``depth`` elements with
        no position: serde_json gives it the position where the enclosing array or
        object stopped reading (see after_buffer)."""
        enum_path = error.path[: len(error.path) - depth]
        span = self.span(enum_path, _below(error.occurrences, depth))
        if span is None or not enum_path:
            return self.position(error)
        text = self.text
        consumed = self._space(span[1])
        char = text[consumed : consumed + 1]
        if type(enum_path[-1]) is int:
            if char == "]":
                consumed += 1
            elif char == ",":
                consumed = self._space(consumed + 1)
        elif char == "}":
            consumed += 1
        if text[consumed - 1] == "\n":
            return error.at(text.count("\n", 0, consumed) + 1, 0)
        return error.at(*byte_column(text, consumed - 1))

    def position(self, error: WireError) -> WireError:
        """Attach serde_json's position for ``error``: the last byte of the failing value."""
        code = error.code
        if error.line is not None or (_found_kind(error) == "unit variant" and not error.path):
            # A bare name read as a variant with data: serde_json's variant access has no
            # position, and only an enclosing struct's visitor adds one.
            return error
        occurrences = error.occurrences
        span = self.span(error.path, occurrences)
        if span is None and error.path:
            span = self.span(error.path[:-1], occurrences)
        if span is None:
            return error
        if error.offset is not None:
            return self._at_offset(error, span[0])
        if code is ErrorCode.TRAILING_CHARACTERS:
            return error.at(*byte_column(self.text, span[0]))
        if code is ErrorCode.NUMBER_OUT_OF_RANGE:
            overflow = exponent_overflow(self.text, span[0], span[1])
            if overflow is not None:
                return error.at(*byte_column(self.text, overflow))
        if code is ErrorCode.LONE_SURROGATE:
            found = surrogate_error(self.text, span[0], span[1])
            if found is not None:
                kind, offset = found
                # The same error, now naming the escape serde_json stops at.
                error.params = (kind.value,)
                error.message = render(error.code, error.params)
                return error.at(*byte_column(self.text, offset))
        key = error.key
        if key is not None and self.text[span[0]] == "{":
            end = self._key_end(span[0], *key)
            if end is not None:
                if code is not ErrorCode.UNKNOWN_VARIANT:
                    # A struct's or map's key: serde_json places the error once end_map
                    # has skipped the whitespace after it (`"zz" :` at the space); an
                    # enum's variant key is placed at its closing quote.
                    end = self._space(end + 1) - 1
                return error.at(*byte_column(self.text, end))
        if code is ErrorCode.EXPECTED_VALUE:
            return error.at(*self._expected_value_at(span))
        if code is ErrorCode.INVALID_TYPE and _found_kind(error) in (
            "map",
            "sequence",
        ):
            if error.entered:
                # deserialize_any consumed the bracket; the visitor refused the container
                # and end_seq / end_map then skipped whitespace and a closing bracket.
                consumed = self._space(span[0] + 1)
                if self.text[consumed : consumed + 1] in ("]", "}"):
                    consumed += 1
                return error.at(*consumed_position(self.text, consumed))
            # serde_json looks at the opening bracket without consuming it: the position
            # is the last byte it consumed, column 0 at the start of the document.
            line, column = byte_column(self.text, span[0])
            return error.at(line, column - 1)
        return error.at(*byte_column(self.text, span[1] - 1))

    def _at_offset(self, error: WireError, start: int) -> WireError:
        """Place an error that says where in its value (or key) it belongs; for a reader
        that stopped inside the value, first say what serde_json's next step makes of
        the byte there."""
        text = self.text
        offset = error.offset
        assert offset is not None
        if error.key is not None:
            key_start = self._key_start(start, *error.key) if text[start] == "{" else None
            if key_start is None:
                return error
            return error.at(*byte_column(text, key_start + offset))
        stopped = error.stopped_inside
        if stopped is not None:
            if stopped == "last element":
                kind = JsonSyntax.TRAILING_CHARACTERS  # the sequence's end_seq
            elif stopped == "variant":
                kind = JsonSyntax.EXPECTED_SOME_VALUE  # the enum wants its `}`
                offset -= 1  # after the last byte it consumed
            else:
                before = start - 1
                while before >= 0 and text[before] in " \t\n\r":
                    before -= 1
                # After the document's value: its end.
                kind = _NEXT_AFTER.get(text[before] if before >= 0 else "", _TRAILING)
            told = json_syntax_error(kind)
            error.code, error.params, error.message = told.code, told.params, told.message
        return error.at(*byte_column(text, start + offset))

    def _key_start(self, index: int, name: str, occurrence: int) -> int | None:
        """The opening quote of the ``occurrence``-th key ``name`` of the object at ``index``."""
        text = self.text
        seen = 0
        position = self._space(index + 1)
        while position < len(text) and text[position] == '"':
            end = self._end(position)
            if json.loads(text[position:end]) == name:
                seen += 1
                if seen == occurrence:
                    return position
            position = self._space(self._space(end) + 1)  # past the colon
            position = self._space(self._end(position))  # past the value
            if text[position : position + 1] == ",":
                position = self._space(position + 1)
        return None

    def _key_end(self, index: int, name: str, occurrence: int) -> int | None:
        """The closing quote of the ``occurrence``-th key ``name`` of the object at ``index``."""
        seen = 0
        for key, value_start in self._children(index):
            if key == name:
                seen += 1
                if seen == occurrence:
                    colon = self.text.rindex(":", index, value_start)
                    return self.text.rindex('"', index, colon)
        return None

    def _expected_value_at(self, span: tuple[int, int]) -> tuple[int, int]:
        """Where serde_json's deserialize_enum gives up on the value at ``span``.

        It peeks at a value that is neither a string nor an object (its first byte),
        at the `}` of an empty object, or past the first entry's value where `}` should
        have been.
        """
        start, end = span
        if self.text[start] != "{":
            return byte_column(self.text, start)
        children = list(self._children(start))
        if not children:
            return byte_column(self.text, end - 1)
        # Past the first member's value and the whitespace after it (consumed).
        return consumed_position(self.text, self._space(self._end(children[0][1])))

    def check_depth(self, limit: int) -> None:
        depth = 0
        text = self.text
        position = 0
        while position < len(text):
            char = text[position]
            if char == '"':
                position = string_end(text, position)
                continue
            if char in "[{":
                depth += 1
                if depth > limit:
                    line, column = byte_column(text, position)
                    raise make_error(
                        ErrorCode.LIMIT,
                        f"JSON nested deeper than {limit} levels (jammi-wire's limit; "
                        "serde would skip it inside an ignored field)",
                    ).at(line, column)
            elif char in "]}":
                depth -= 1
            position += 1

    def number_error(self, kind: JsonSyntax, token: str, *, at_start: bool = False) -> WireError:
        error = json_syntax_error(kind)
        index = self.text.find(token)
        if index < 0:
            return error
        offset = index if at_start else index + len(token) - 1
        return error.at(*byte_column(self.text, offset))


class JsonSyntax(enum.Enum):
    """serde_json's syntax error codes (its ``ErrorCode`` enum), valued by their Display
    text. The decisions below are made on these members; the text is read only when the
    error is built (:func:`_syntax`)."""

    EOF_WHILE_PARSING_LIST = "EOF while parsing a list"
    EOF_WHILE_PARSING_OBJECT = "EOF while parsing an object"
    EOF_WHILE_PARSING_STRING = "EOF while parsing a string"
    EOF_WHILE_PARSING_VALUE = "EOF while parsing a value"
    EXPECTED_COLON = "expected `:`"
    EXPECTED_DOUBLE_QUOTE = 'expected `"`'
    EXPECTED_NUMERIC_KEY = "invalid value: expected key to be a number in quotes"
    EXPECTED_LIST_COMMA_OR_END = "expected `,` or `]`"
    EXPECTED_OBJECT_COMMA_OR_END = "expected `,` or `}`"
    EXPECTED_SOME_IDENT = "expected ident"
    EXPECTED_SOME_VALUE = "expected value"
    INVALID_ESCAPE = "invalid escape"
    INVALID_NUMBER = "invalid number"
    NUMBER_OUT_OF_RANGE = "number out of range"
    INVALID_UNICODE_CODE_POINT = "invalid unicode code point"
    CONTROL_CHARACTER_WHILE_PARSING_STRING = (
        "control character (\\u0000-\\u001F) found while parsing a string"
    )
    KEY_MUST_BE_A_STRING = "key must be a string"
    LONE_LEADING_SURROGATE_IN_HEX_ESCAPE = "lone leading surrogate in hex escape"
    TRAILING_COMMA = "trailing comma"
    TRAILING_CHARACTERS = "trailing characters"
    UNEXPECTED_END_OF_HEX_ESCAPE = "unexpected end of hex escape"

    @property
    def at_end_of_text(self) -> bool:
        """serde_json raises these only once every byte is read."""
        return self in _EOF


# What serde_json expects after a value, by the byte before it (`:` in an object,
# `[` or `,` in an array).
_TRAILING = JsonSyntax.TRAILING_CHARACTERS
_NEXT_AFTER = {
    ":": JsonSyntax.EXPECTED_OBJECT_COMMA_OR_END,
    "[": JsonSyntax.EXPECTED_LIST_COMMA_OR_END,
    ",": JsonSyntax.EXPECTED_LIST_COMMA_OR_END,
}

_EOF = frozenset(
    (
        JsonSyntax.EOF_WHILE_PARSING_LIST,
        JsonSyntax.EOF_WHILE_PARSING_OBJECT,
        JsonSyntax.EOF_WHILE_PARSING_STRING,
        JsonSyntax.EOF_WHILE_PARSING_VALUE,
    )
)

# The stdlib parser's JSONDecodeError carries only English text: its first words are
# the one way to learn which rule it broke. This table is the only place that reads
# them; everything after works on the member.
_STDLIB_RULES = (
    ("Expecting value", JsonSyntax.EXPECTED_SOME_VALUE),
    ("Extra data", JsonSyntax.TRAILING_CHARACTERS),
    ("Expecting ',' delimiter", JsonSyntax.EXPECTED_OBJECT_COMMA_OR_END),
    ("Expecting ':' delimiter", JsonSyntax.EXPECTED_COLON),
    ("Expecting property name enclosed in double quotes", JsonSyntax.KEY_MUST_BE_A_STRING),
    ("Unterminated string starting at", JsonSyntax.EOF_WHILE_PARSING_STRING),
    ("Invalid control character at", JsonSyntax.CONTROL_CHARACTER_WHILE_PARSING_STRING),
    ("Invalid \\escape", JsonSyntax.INVALID_ESCAPE),
    ("Invalid \\uXXXX escape", JsonSyntax.INVALID_ESCAPE),
    ("Illegal trailing comma before end of object", JsonSyntax.TRAILING_COMMA),
    ("Illegal trailing comma before end of array", JsonSyntax.TRAILING_COMMA),
)


def _stdlib_rule(error: json.JSONDecodeError) -> JsonSyntax:
    for prefix, kind in _STDLIB_RULES:
        if error.msg.startswith(prefix):
            return kind
    return JsonSyntax.EXPECTED_SOME_VALUE  # a stdlib rule serde_json has no name for


def _found_kind(error: WireError) -> str | None:
    """The kind of what an invalid-type or invalid-value error found, if it says."""
    if error.code in (ErrorCode.INVALID_TYPE, ErrorCode.INVALID_VALUE):
        found = error.params[0]
        if isinstance(found, Unexpected):
            return found.kind
    return None


# The members the library's callers tell apart by error code.
_ERROR_CODES = {
    JsonSyntax.EXPECTED_SOME_VALUE: ErrorCode.EXPECTED_VALUE,
    JsonSyntax.TRAILING_CHARACTERS: ErrorCode.TRAILING_CHARACTERS,
    JsonSyntax.NUMBER_OUT_OF_RANGE: ErrorCode.NUMBER_OUT_OF_RANGE,
    JsonSyntax.LONE_LEADING_SURROGATE_IN_HEX_ESCAPE: ErrorCode.LONE_SURROGATE,
    JsonSyntax.UNEXPECTED_END_OF_HEX_ESCAPE: ErrorCode.LONE_SURROGATE,
}


def json_syntax_error(kind: JsonSyntax) -> WireError:
    """The :class:`WireError` for serde_json's syntax error ``kind`` (no position yet)."""
    return make_error(_ERROR_CODES.get(kind, ErrorCode.SYNTAX), kind.value)


def _syntax(kind: JsonSyntax, line: int | None, column: int | None) -> WireError:
    error = json_syntax_error(kind)
    return error if line is None else error.at(line, column)


# Whether serde skips the value at a path of the document (reads it as IgnoredAny).
Skips = Callable[[list[PathElement]], bool]


def syntax_error(
    text: str,
    error: json.JSONDecodeError,
    skips: Skips | None = None,
    scan: LazyBreak | None = None,
) -> WireError:
    """serde_json's error for a syntax error the stdlib parser found. ``skips`` tells
    the values serde_json passes over unread (an unknown field's): its skipping reader
    wants a key or a value after every comma, and has no trailing-comma error.
    ``scan``: the text's :class:`LazyBreak`, shared with the caller's own rules."""
    kind = _stdlib_rule(error)
    offset = min(error.pos, max(len(text) - 1, 0))
    # The open containers where the stdlib stopped: the scan stops at the same token
    # (the one it cannot read), and is made only when a rule needs it.
    scan = scan or LazyBreak(text)
    refined = _serde_number_or_comma(text, error.pos, scan) or _serde_string_or_literal(
        text, error.pos, kind
    )
    if refined is not None:
        kind, offset = refined
    if error.pos >= len(text):
        kind = _eof_kind(text, kind, scan)
    if skips is not None and kind in (
        JsonSyntax.TRAILING_COMMA,
        JsonSyntax.EOF_WHILE_PARSING_VALUE,
    ):
        kind = _skipped_after_a_comma(text, error.pos, kind, skips, scan)
    if kind.at_end_of_text:
        # Every byte was read: serde_json's position is the end of the text.
        line_start = text.rfind("\n") + 1
        line = text.count("\n") + 1
        column = len(text[line_start:].encode("utf-8", "surrogatepass"))
        return _syntax(kind, line, column)
    line, column = byte_column(text, offset)
    if text[offset : offset + 1] == "\n":
        # serde_json places an error at the character it stopped at as if that character
        # were read: a newline puts it at the start of the next line.
        line, column = line + 1, 0
    if kind is JsonSyntax.EXPECTED_OBJECT_COMMA_OR_END and scan.in_list():
        kind = JsonSyntax.EXPECTED_LIST_COMMA_OR_END
    return _syntax(kind, line, column)


class LazyBreak:
    """:func:`scan_break` of a text, made on the first question (a syntax error's rules
    and its caller's ask the same one)."""

    __slots__ = ("_found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: Break | None = None

    def get(self) -> Break:
        if self._found is None:
            self._found = scan_break(self.text)
        return self._found

    def in_list(self) -> bool:
        """Whether the innermost open container is a list."""
        frames = self.get().frames
        return bool(frames) and frames[-1][0] == "["


def _skipped_after_a_comma(
    text: str, pos: int, kind: JsonSyntax, skips: Skips, scan: LazyBreak
) -> JsonSyntax:
    """A closing bracket or the end of the text right after a comma, in a value serde
    skips: its skipping reader wants a key after an object's comma and a value after a
    list's, whatever follows, so there is no trailing comma, and an object cut there
    ends "while parsing an object". Anywhere else, ``kind`` as it is."""
    if not after_comma(text, pos) or not skips(list(scan.get().steps)):
        return kind
    if scan.in_list():
        return JsonSyntax.EXPECTED_SOME_VALUE if kind is JsonSyntax.TRAILING_COMMA else kind
    if kind is JsonSyntax.TRAILING_COMMA:
        return JsonSyntax.KEY_MUST_BE_A_STRING
    return JsonSyntax.EOF_WHILE_PARSING_OBJECT


def _eof_kind(text: str, kind: JsonSyntax, scan: LazyBreak) -> JsonSyntax:
    """serde_json's error when the text ends where the stdlib wanted more: inside an
    object or a list it names the container, unless a value (or a key after a comma,
    which serde_json reads as a value) was due."""
    last = text.rstrip(" \t\r\n")[-1:]
    if kind is JsonSyntax.EXPECTED_SOME_VALUE:
        if last == "[":
            return JsonSyntax.EOF_WHILE_PARSING_LIST
        return JsonSyntax.EOF_WHILE_PARSING_VALUE
    if kind is JsonSyntax.KEY_MUST_BE_A_STRING:
        if last == ",":
            return JsonSyntax.EOF_WHILE_PARSING_VALUE
        return JsonSyntax.EOF_WHILE_PARSING_OBJECT
    if kind in (JsonSyntax.EXPECTED_OBJECT_COMMA_OR_END, JsonSyntax.EXPECTED_COLON):
        if scan.in_list():
            return JsonSyntax.EOF_WHILE_PARSING_LIST
        return JsonSyntax.EOF_WHILE_PARSING_OBJECT
    return kind


_DIGITS = "0123456789"
_HEX = "0123456789abcdefABCDEF"


def exponent_overflow(text: str, start: int, end: int) -> int | None:
    """The exponent digit at which serde_json's i32 exponent overflows, if it does: it
    reports "number out of range" there, not at the end of the number."""
    token = text[start:end]
    marker = max(token.find("e"), token.find("E"))
    if marker < 0:
        return None
    index = marker + 1
    if token[index : index + 1] in ("+", "-"):
        index += 1
    exponent = 0
    limit = 2**31 - 1
    for offset in range(index, len(token)):
        digit = ord(token[offset]) - 48
        if not 0 <= digit <= 9:
            return None
        if exponent * 10 + digit > limit:
            return start + offset
        exponent = exponent * 10 + digit
    return None


def _serde_string_or_literal(
    text: str, pos: int, kind: JsonSyntax
) -> tuple[JsonSyntax, int] | None:
    """Where serde_json stops in a bad string or literal, which it reads byte by byte
    (the stdlib reports the start of the token): (error, offset). End-of-text errors
    are placed by the caller."""
    if kind is JsonSyntax.INVALID_ESCAPE and text[pos - 1 : pos + 1] == "\\u":
        pos -= 1  # the stdlib points at the `u` of a short \\u escape
    if kind is JsonSyntax.INVALID_ESCAPE and text[pos : pos + 1] == "\\":
        if text[pos + 1 : pos + 2] == "u":
            if len(text[pos + 2 : pos + 6].encode("utf-8", "surrogatepass")) < 4:
                # Fewer than four bytes left: it reaches the end of the text first.
                return JsonSyntax.EOF_WHILE_PARSING_STRING, len(text) - 1
            # It takes four bytes, then finds they are not all hex digits.
            return kind, min(pos + 5, len(text) - 1)
        return kind, pos + 1
    if kind is JsonSyntax.EXPECTED_SOME_VALUE and text[pos : pos + 1] in ("t", "f", "n"):
        word = {"t": "true", "f": "false", "n": "null"}[text[pos]]
        for index, expected in enumerate(word):
            if pos + index >= len(text):
                return JsonSyntax.EOF_WHILE_PARSING_VALUE, len(text) - 1
            if text[pos + index] != expected:
                return JsonSyntax.EXPECTED_SOME_IDENT, pos + index
    return None


def surrogate_error(text: str, start: int, end: int) -> tuple[JsonSyntax, int] | None:
    """serde_json's error for the first lone surrogate escape in ``text[start:end]``."""
    index = text.find("\\u", start, end)
    while 0 <= index < end:
        if index > start and _escaped(text, index):
            index = text.find("\\u", index + 1, end)
            continue
        digits = text[index + 2 : index + 6]
        if len(digits) == 4 and all(c in _HEX for c in digits):
            code = int(digits, 16)
            last = index + 5
            if 0xDC00 <= code <= 0xDFFF:
                return JsonSyntax.LONE_LEADING_SURROGATE_IN_HEX_ESCAPE, last
            if 0xD800 <= code <= 0xDBFF:
                if text[last + 1 : last + 3] != "\\u":
                    return JsonSyntax.UNEXPECTED_END_OF_HEX_ESCAPE, last + 1
                low = text[last + 3 : last + 7]
                if not (len(low) == 4 and all(c in _HEX for c in low)):
                    return None
                if not 0xDC00 <= int(low, 16) <= 0xDFFF:
                    return JsonSyntax.LONE_LEADING_SURROGATE_IN_HEX_ESCAPE, last + 6
                index = last + 7
        index = text.find("\\u", index + 1, end)
    return None


def _escaped(text: str, index: int) -> bool:
    """Whether the backslash at ``index`` is itself escaped (an odd run before it)."""
    run = 0
    while index - run - 1 >= 0 and text[index - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _serde_number_or_comma(text: str, pos: int, scan: LazyBreak) -> tuple[JsonSyntax, int] | None:
    """serde_json's verdict where the stdlib stopped at a malformed number or a
    trailing comma: (error, offset of the byte serde_json points at)."""
    if pos >= len(text):
        return None
    char = text[pos]
    if char in "]}":
        if after_comma(text, pos):
            # After a comma serde_json wants a key in an object and a value in a list:
            # only the container's own closer is a trailing comma; the other one is
            # not a key (`{"a": 1,]`), or not the start of a value (`[1,}`).
            in_list = scan.in_list()
            if in_list == (char == "]"):
                return JsonSyntax.TRAILING_COMMA, pos
            if in_list:
                return JsonSyntax.EXPECTED_SOME_VALUE, pos
            return JsonSyntax.KEY_MUST_BE_A_STRING, pos
        return None
    if char == "-":
        # serde_json wants a digit right after the sign.
        if pos + 1 >= len(text):
            return JsonSyntax.EOF_WHILE_PARSING_VALUE, pos  # the text ends after the sign
        if text[pos + 1] not in _DIGITS:
            return JsonSyntax.INVALID_NUMBER, pos + 1
        return None
    if pos == 0 or text[pos - 1] not in _DIGITS:
        return None
    if char in ".eE":
        # "1." or "1e": the stdlib stopped before the fraction or exponent serde
        # started reading; serde points at the first byte that is not a digit.
        after = pos + 1
        if char in "eE" and after < len(text) and text[after] in "+-":
            after += 1
        if after >= len(text):
            return JsonSyntax.EOF_WHILE_PARSING_VALUE, pos  # the text ends inside the number
        if text[after] not in _DIGITS:
            return JsonSyntax.INVALID_NUMBER, after
        return None
    if char in _DIGITS:
        # A leading zero: the stdlib read "0" and stopped at the next digit.
        start = pos - 1
        while start > 0 and text[start - 1] in _DIGITS:
            start -= 1
        if text[start:pos] == "0":
            return JsonSyntax.INVALID_NUMBER, pos
    return None


def after_comma(text: str, offset: int) -> bool:
    """Whether the last character before ``offset``, past JSON whitespace, is a comma."""
    before = offset - 1
    while before >= 0 and text[before] in " \t\n\r":
        before -= 1
    return before >= 0 and text[before] == ","


# One JSON token as serde_json reads it: a number ends at the first character that
# cannot go on with it, a literal after its letters, a string at its closing quote.
_TOKEN = re.compile(
    r"""(?P<space>[ \t\n\r]+)
    |(?P<string>"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")
    |(?P<number>-?(?:0|[1-9][0-9]*)
        (?:\.[0-9]+(?:[eE][+-]?[0-9]+(?![0-9])|(?![0-9eE]))
        |[eE][+-]?[0-9]+(?![0-9])
        |(?![0-9.eE])))
    |(?P<scalar>true|false|null)
    |(?P<punct>[{}\[\],:])""",
    re.VERBOSE,
)


def completed_prefix(text: str, scan: Break | None = None) -> tuple[str, int] | None:
    """The longest prefix of ``text`` serde_json has read whole, made a document: the
    containers still open there closed, and a key read without its value given
    ``null`` (``{"a": 1, "b": [2, 3`` gives ``{"a": 1, "b": [2, 3]}``), with the index
    where the added text starts. serde_json types each value (and checks each key) as
    it reads it, so a problem there is what it reports before a later syntax error.
    None when nothing was read whole. Linear: one regex match per token. ``scan`` is
    :func:`scan_break`'s answer for ``text``, if it is at hand (so are the others')."""
    found = scan or scan_break(text)
    if found.safe is None:
        return None
    cut, depth, filler = found.safe
    closers = "".join(_CLOSER[frame[0]] for frame in reversed(found.frames[:depth]))
    return text[:cut] + filler + closers, cut


def value_due(text: str, scan: Break | None = None) -> int | None:
    """Where a value was due when ``text`` stopped being JSON serde_json reads: the
    offset of the first character there (past any whitespace), or None when no value
    was due or the text ended. serde_json picks a reader for a value by its first
    character, and some readers refuse one at that character (an enum wants a string
    or a map)."""
    found = scan or scan_break(text)
    return found.at if found.expect == "value" and found.at < len(text) else None


def due_path(scan: Break) -> list[PathElement]:
    """The path of the value :func:`value_due` found."""
    return [*scan.steps, scan.frames[-1][1]] if scan.frames else list(scan.steps)


def list_at_break(
    text: str, scan: Break | None = None
) -> tuple[int, list[PathElement], int] | None:
    """Where ``text`` stops being JSON serde_json reads, when that is inside a list
    after an element or a comma: (that offset, the list's path, how many of its
    elements were read whole). None anywhere else, and at the end of the text."""
    found = scan or scan_break(text)
    at, expect, frames = found.at, found.expect, found.frames
    if at >= len(text) or not frames or frames[-1][0] != "[" or expect not in ("next", "value"):
        return None
    return at, list(found.steps), frames[-1][1] + (1 if expect == "next" else 0)


def object_at_break(
    text: str, scan: Break | None = None
) -> tuple[int, list[PathElement], int] | None:
    """Where ``text`` stops being JSON serde_json reads, when that is inside an object
    after a value (or after the comma that follows one): (the offset of the first
    character after that value, past whitespace; the object's path; how many of its
    entries were read whole). None anywhere else, and when nothing follows the value."""
    found = scan or scan_break(text)
    frames, safe = found.frames, found.safe
    if not frames or frames[-1][0] != "{" or safe is None:
        return None
    commas = frames[-1][2]
    if found.expect == "next":
        entries = commas + 1
    elif found.expect == "key" and commas:  # a key is due after `{` or a comma
        entries = commas
    else:
        return None
    after = _SPACE.match(text, safe[0])
    peek = safe[0] if after is None else after.end()
    return (peek, list(found.steps), entries) if peek < len(text) else None


class Break:
    """Where a text stops being JSON serde_json reads whole, from one scan.

    ``safe``: the last point after a whole token (index, depth, and the filler a key
    read without its value needs); ``expect``: what was due next (value, key, colon,
    next: a comma or the close); ``at``: where the scan stopped; ``steps`` and
    ``frames``: how each open container below the top was reached, and per open
    container its bracket, its current key or index and the commas read in it."""

    __slots__ = ("at", "expect", "frames", "safe", "steps")

    def __init__(
        self,
        safe: tuple[int, int, str] | None,
        expect: str,
        at: int,
        steps: list[PathElement],
        frames: list[list[Any]],
    ) -> None:
        self.safe = safe
        self.expect = expect
        self.at = at
        self.steps = steps
        self.frames = frames


# The bracket that closes each opening one.
_CLOSER = {"{": "}", "[": "]"}


def _key_text(piece: str) -> str:
    """A key's text from its JSON string token (escapes are rare in keys)."""
    if "\\" not in piece:
        return piece[1:-1]
    try:
        decoded: str = json.loads(piece)
    except ValueError:  # not a key serde_json reads: no field's name
        return piece
    return decoded


def scan_break(text: str) -> Break:
    """One scan of ``text`` up to where it stops being JSON serde_json reads whole:
    what :func:`completed_prefix`, :func:`value_due`, :func:`list_at_break` and
    :func:`object_at_break` answer from."""
    steps: list[PathElement] = []
    frames: list[list[Any]] = []
    expect = "value"  # value | key | colon | next (a comma or the close)
    safe: tuple[int, int, str] | None = None  # (index, depth, filler) after the last whole token
    position = 0
    opened = False  # the last token opened a container: it may close at once
    match = _TOKEN.match
    while True:
        token = match(text, position)
        if token is None:
            break
        kind, piece, end = token.lastgroup, token.group(), token.end()
        position = end
        if kind == "space":
            if safe is not None and safe[0] == token.start() and safe[2]:
                # serde_json checks a key once past the whitespace after it
                safe = (end, safe[1], safe[2])
            continue
        just_opened, opened = opened, False
        if kind == "string" and expect == "key":
            expect = "colon"
            safe = (end, len(frames), ": null")
            frames[-1][1] = _key_text(piece)
            continue
        if kind in ("string", "number", "scalar") and expect == "value":
            expect = "next"
        elif piece in "{[" and expect == "value":
            if frames:
                steps.append(frames[-1][1])
            frames.append([piece, 0 if piece == "[" else None, 0])
            expect = "key" if piece == "{" else "value"
            safe = (end, len(frames), "")
            opened = True
            continue
        elif (
            piece in "}]"
            and frames
            and _CLOSER[frames[-1][0]] == piece
            and (expect == "next" or just_opened)
        ):
            frames.pop()
            if frames:
                steps.pop()
            expect = "next"
        elif piece == "," and expect == "next" and frames:
            frames[-1][2] += 1
            if frames[-1][0] == "[":
                frames[-1][1] += 1
                expect = "value"
            else:
                expect = "key"
            continue
        elif piece == ":" and expect == "colon":
            expect = "value"
            continue
        else:
            position = token.start()
            break
        safe = (end, len(frames), "")
        if not frames:
            break  # the whole value: what follows is another error's business
    return Break(safe, expect, position, steps, frames)
