"""serde's error wording, so our messages read exactly like the Rust service's."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .data import Plain, Tagged

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
    text = format(Decimal(repr(value)), "f")
    if text == "0" and math.copysign(1.0, value) < 0:
        text = "-0"
    return text if "." in text else text + ".0"


def unexpected(value: Any) -> str:
    """serde's ``Unexpected`` text for a decoded JSON value."""
    kind = type(value)
    if kind is str or kind is Plain:
        return f"string {rust_debug_str(value)}"
    if kind is bool:
        return f"boolean `{'true' if value else 'false'}`"
    if kind is int:
        if value.bit_length() > 128:
            # Beyond any Rust integer; and printing it whole could hit Python's digit limit.
            return f"integer of {value.bit_length()} bits"
        return f"integer `{value}`"
    if kind is float:
        return f"floating point `{rust_display_float(value)}`"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, list):
        return "sequence"
    if kind is Tagged:
        return "enum"
    return f"value {value!r}"


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


def unknown_variant(name: str, names: Sequence[str]) -> str:
    return f"unknown variant `{name}`, {one_of(names)}"


def missing_field(name: str) -> str:
    return f"missing field `{name}`"


def duplicate_field(name: str) -> str:
    return f"duplicate field `{name}`"


def invalid_length(length: int, expecting: str) -> str:
    return f"invalid length {length}, expected {expecting}"


# serde_json's text for input left over where a value should have ended; the JSON
# locator places it at the first byte of that input rather than the last.
TRAILING_CHARACTERS = "trailing characters"

# serde_json's text for a bare "name" read as a struct variant; it carries no position.
UNIT_FOR_STRUCT_VARIANT = "invalid type: unit variant, expected struct variant"
