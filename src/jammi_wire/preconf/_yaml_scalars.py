"""serde_yaml 0.9's type-directed scalar grammar for plain (unquoted, untagged) scalars."""

from __future__ import annotations

import re

from ..serde.floats import ryu_float
from ..serde.wording import unexpected

_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Rust's integer parsing as serde_yaml drives it: no leading zeros, no `_`, lowercase radix.
_INT = re.compile(r"[+-]?(?:0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|0|[1-9][0-9]*)\Z")
# str::parse::<f64> digits (Python's float() also takes `_`, spaces and `inf`: not Rust's).
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_SPECIAL = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip


def plain_null(text: str) -> bool:
    return text in _NULLS


def plain_bool(text: str) -> bool | None:
    return _BOOLS.get(text)


def plain_int(text: str) -> int | None:
    if not _INT.match(text):
        return None
    sign = -1 if text[0] == "-" else 1
    digits = text.lstrip("+-")
    if digits[:2] in ("0x", "0o", "0b"):
        return sign * int(digits[2:], {"x": 16, "o": 8, "b": 2}[digits[1]])
    return sign * int(digits)


def plain_float(text: str) -> float | None:
    special = _SPECIAL.get(text)
    if special is not None:
        return special
    if not _FLOAT.match(text):
        return None
    value = float(text)
    if value - value != 0.0:  # Rust parses `1e400` as inf; serde_yaml then refuses it
        return None
    return value


def resolves_to_non_string(text: str) -> bool:
    """Would serde_yaml's own resolver read this plain scalar as null/bool/number?"""
    return (
        text in _NULLS
        or text in _BOOLS
        or plain_int(text) is not None
        or plain_float(text) is not None
        or text in ("inf", "-inf", "+inf", "nan", "NaN")
    )


def describe_plain(text: str) -> str:
    """serde's `Unexpected` for a plain scalar: what serde_yaml's resolver makes of it."""
    if text in _NULLS:
        return "unit value"
    flag = _BOOLS.get(text)
    if flag is not None:
        return f"boolean `{'true' if flag else 'false'}`"
    number = plain_int(text)
    if number is not None:
        return f"integer `{number}`"
    real = plain_float(text)
    if real is not None:
        return f"floating point `{_display_float(real)}`"
    return unexpected(str(text))


def _display_float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if value.is_integer() and abs(value) < 1e16:
        return f"{value:.1f}"
    return ryu_float(value)
