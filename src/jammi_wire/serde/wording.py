"""serde's error wording, so our messages read exactly like the Rust service's.

Errors are data: a :class:`~jammi_wire.ErrorCode` with its params. :func:`render` is
the one place their text is produced, and the ``*_error`` constructors (serde's
``de::Error`` constructors) build a :class:`WireError` from a code and its params.
:class:`Unexpected` is serde's ``Unexpected``: the text of what was found, with its
kind, so code can ask what was found without reading the text.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from .._errors import ErrorCode, WireError
from .data import Plain, Tagged


class Unexpected(str):
    """serde's ``Unexpected``: what an error found (``string "x"``), and its ``kind``.

    Kinds: ``bool``, ``integer``, ``float``, ``char``, ``string``, ``unit``, ``option``,
    ``sequence``, ``map``, ``enum``, ``unit variant``, ``other``.
    """

    __slots__ = ("kind",)

    kind: str

    def __new__(cls, text: str, kind: str) -> Unexpected:
        self = super().__new__(cls, text)
        self.kind = kind
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (Unexpected, (str(self), self.kind))


_SHORT_ESCAPES = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\", '"': '\\"', "\0": "\\0"}


def rust_debug_str(text: str) -> str:
    """``format!("{:?}", text)``: Rust's quoting of a string in messages."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    out = ['"']
    for char in text:
        escaped = _SHORT_ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif (char.isprintable() or char == " ") and not _grapheme_extend(char):
            out.append(char)
        else:
            out.append(f"\\u{{{ord(char):x}}}")
    out.append('"')
    return "".join(out)


def _grapheme_extend(char: str) -> bool:
    """Rust's Debug escapes grapheme-extending characters (combining marks and the like)."""
    return unicodedata.category(char) in ("Mn", "Me") or char in "\u200c\uff9e\uff9f"


def rust_display_float(value: float) -> str:
    """serde's ``floating point `...``` text: Rust's ``Display`` plus a forced ``.0``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    from decimal import Decimal  # messages only: not loaded at start-up

    text = format(Decimal(repr(value)), "f")
    if text == "0" and math.copysign(1.0, value) < 0:
        text = "-0"
    return text if "." in text else text + ".0"


def unexpected(value: Any) -> Unexpected:
    """serde's ``Unexpected`` for a decoded JSON value."""
    kind = type(value)
    if kind is str or kind is Plain:
        return Unexpected(f"string {rust_debug_str(value)}", "string")
    if kind is bool:
        return Unexpected(f"boolean `{'true' if value else 'false'}`", "bool")
    if kind is int:
        if value.bit_length() > 128:
            # Beyond any Rust integer; and printing it whole could hit Python's digit limit.
            return Unexpected(f"integer of {value.bit_length()} bits", "integer")
        return Unexpected(f"integer `{value}`", "integer")
    if kind is float:
        return Unexpected(f"floating point `{rust_display_float(value)}`", "float")
    if value is None:
        return Unexpected("null", "unit")
    if isinstance(value, dict):
        return Unexpected("map", "map")
    if isinstance(value, list):
        return Unexpected("sequence", "sequence")
    if kind is Tagged:
        return Unexpected("enum", "enum")
    return Unexpected(f"value {value!r}", "other")


def invalid_type(value: Any, expecting: str) -> str:
    return f"invalid type: {unexpected(value)}, expected {expecting}"


def invalid_value(value: Any, expecting: str) -> str:
    return f"invalid value: {unexpected(value)}, expected {expecting}"


def one_of(names: Sequence[str]) -> str:
    """serde's ``OneOf`` list of expected names."""
    if not names:
        return "there are no variants"
    if len(names) == 1:
        return f"expected `{names[0]}`"
    if len(names) == 2:
        return f"expected `{names[0]}` or `{names[1]}`"
    return "expected one of " + ", ".join(f"`{name}`" for name in names)


@functools.lru_cache(maxsize=256)
def _by_length(known: tuple[str, ...]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for name in known:
        out.setdefault(len(name), []).append(name)
    return out


def get_close_matches(word: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
    """difflib's, which loads on the first hint rather than at start-up."""
    from difflib import get_close_matches as close_matches

    return close_matches(word, possibilities, n=n, cutoff=cutoff)


@functools.lru_cache(maxsize=4096)
def _close_match(name: str, known: tuple[str, ...]) -> str | None:
    # difflib scores a pair 2*M/T, which can reach 0.75 only when the shorter length is
    # at least 0.6 of the longer: names outside that band are never scored (a document
    # of a million distinct unknown keys must not pay difflib for every known name).
    size = len(name)
    by_length = _by_length(known)
    longest = max(by_length, default=0)
    candidates = [
        k
        for length in range(math.ceil(0.6 * size), min(math.floor(size / 0.6), longest) + 1)
        for k in by_length.get(length, ())
    ]
    if not candidates:
        return None
    close = get_close_matches(name, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def did_you_mean(name: str, known: Sequence[str]) -> str:
    """``; did you mean `lora_rank`?`` for a close known name, else nothing."""
    # A long name is rarely anyone's typo: worth the scoring, not a cache slot.
    find = _close_match if len(name) <= 64 else _close_match.__wrapped__
    close = find(name, tuple(known))
    return f"; did you mean `{close}`?" if close else ""


def tag_or_content(tag: str, content: str) -> str:
    """What an adjacently tagged enum's key visitor expects (serde's ``{:?} or {:?}``)."""
    return f"{rust_debug_str(tag)} or {rust_debug_str(content)}"


def variant_index_expecting(count: int) -> str:
    """What serde_derive's variant identifier expects of an integer (a variant's index)."""
    return f"variant index 0 <= i < {count}"


def unknown_variant(name: str, names: Sequence[str]) -> str:
    return render(ErrorCode.UNKNOWN_VARIANT, (name, tuple(names)))


def missing_field(name: str) -> str:
    return render(ErrorCode.MISSING_FIELD, (name,))


def duplicate_field(name: str) -> str:
    return render(ErrorCode.DUPLICATE_FIELD, (name,))


def invalid_length(length: int, expecting: str) -> str:
    return render(ErrorCode.INVALID_LENGTH, (length, expecting))


# serde_json's text for input left over where a value should have ended; the JSON
# locator places it at the first byte of that input rather than the last.
TRAILING_CHARACTERS = "trailing characters"

# serde_json's text for a bare "name" read as a struct variant; it carries no position.
UNIT_FOR_STRUCT_VARIANT = "invalid type: unit variant, expected struct variant"

_FIXED_TEXT = {
    ErrorCode.EXPECTED_VALUE: "expected value",
    ErrorCode.TRAILING_CHARACTERS: TRAILING_CHARACTERS,
    ErrorCode.NUMBER_OUT_OF_RANGE: "number out of range",
}


def render(code: ErrorCode, params: tuple[Any, ...]) -> str:
    """The text of an error: serde's wording of ``code`` with its ``params``."""
    if code is ErrorCode.INVALID_TYPE:
        return f"invalid type: {params[0]}, expected {params[1]}"
    if code is ErrorCode.INVALID_VALUE:
        return f"invalid value: {params[0]}, expected {params[1]}"
    if code is ErrorCode.INVALID_LENGTH:
        return f"invalid length {params[0]}, expected {params[1]}"
    if code is ErrorCode.UNKNOWN_VARIANT:
        return f"unknown variant `{params[0]}`, {one_of(params[1])}"
    if code is ErrorCode.UNKNOWN_FIELD:
        names = params[1]
        return f"unknown field `{params[0]}`, " + (
            one_of(names) if names else "there are no fields"
        )
    if code is ErrorCode.MISSING_FIELD:
        return f"missing field `{params[0]}`"
    if code is ErrorCode.DUPLICATE_FIELD:
        return f"duplicate field `{params[0]}`"
    fixed = _FIXED_TEXT.get(code)
    if fixed is not None:
        return fixed
    return str(params[0])


def make_error(code: ErrorCode, *params: Any) -> WireError:
    """A :class:`WireError` for ``code`` with its text rendered from ``params``."""
    return WireError(render(code, params), code=code, params=params)


def invalid_type_error(found: Unexpected | str, expecting: str) -> WireError:
    """serde's ``Error::invalid_type``."""
    return make_error(ErrorCode.INVALID_TYPE, found, expecting)


def invalid_value_error(found: Any, expecting: str) -> WireError:
    """serde's ``Error::invalid_value``; ``found`` is a value or its :class:`Unexpected`."""
    text = found if isinstance(found, Unexpected) else unexpected(found)
    return make_error(ErrorCode.INVALID_VALUE, text, expecting)


def invalid_length_error(length: int, expecting: str) -> WireError:
    """serde's ``Error::invalid_length``."""
    return make_error(ErrorCode.INVALID_LENGTH, length, expecting)


def unknown_variant_error(name: str, names: Sequence[str]) -> WireError:
    """serde's ``Error::unknown_variant``."""
    return make_error(ErrorCode.UNKNOWN_VARIANT, name, tuple(names))


def unknown_field_error(name: str, names: Sequence[str]) -> WireError:
    """serde's ``Error::unknown_field``."""
    return make_error(ErrorCode.UNKNOWN_FIELD, name, tuple(names))


def missing_field_error(name: str) -> WireError:
    """serde's ``Error::missing_field``."""
    return make_error(ErrorCode.MISSING_FIELD, name)


def duplicate_field_error(name: str) -> WireError:
    """serde's ``Error::duplicate_field``."""
    return make_error(ErrorCode.DUPLICATE_FIELD, name)


def custom_error(message: str) -> WireError:
    """serde's ``Error::custom``."""
    return make_error(ErrorCode.CUSTOM, message)


def nested_enum_error(enum: str, tag: str) -> WireError:
    """serde_yaml asked for an enum inside the node whose tag named ``enum``'s variant."""
    return custom_error(
        f"deserializing nested enum in {enum}::{tag} from YAML is not supported yet"
    )


def enum_input_error() -> WireError:
    """serde's Content buffer (untagged and internally tagged enums) given an enum, as
    serde_yaml makes of a local tag."""
    return custom_error("untagged and internally tagged enums do not support enum input")
