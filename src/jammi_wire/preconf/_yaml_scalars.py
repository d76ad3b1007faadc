"""serde_yaml 0.9's scalar grammar: how a scalar's text becomes null, bool, int or float.

serde_yaml resolves a plain scalar by what the target type asks for (``deserialize_u64``
parses an integer, ``deserialize_str`` takes the text), and describes a scalar it cannot
use by its own untagged resolution (``visit_untagged_scalar``). Both are mirrored here,
including Rust's integer parsing: no ``_``, no leading zeros, lowercase radix prefixes,
and widths (a u64 that does not fit is described as a u128, then as a float).
"""

from __future__ import annotations

import re
from typing import Any

from ..serde.data import TaggedScalar
from ..serde.wording import Unexpected, rust_debug_str, rust_display_float

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

_NULLS = frozenset(("~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DECIMAL = re.compile(r"[+-]?[0-9]+\Z")
_RADIX = {"0x": (16, re.compile(r"[0-9a-fA-F]+\Z")), "0o": (8, re.compile(r"[0-7]+\Z")),
          "0b": (2, re.compile(r"[01]+\Z"))}  # fmt: skip
# str::parse::<f64> digits (Python's float() also takes `_`, spaces and `infinity`).
# Each digit run has one way to match (no `[0-9]+\.?[0-9]*`, whose two runs can split a
# long row of digits at every position: quadratic backtracking when the text fails).
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_SIMPLE_FLOAT = re.compile(r"-?[0-9]{1,15}\.[0-9]{1,15}\Z")
_INF_NAN = re.compile(r"[+-]?(?:inf|infinity|nan)\Z", re.IGNORECASE)
_SPECIAL = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
U64_MAX = 2**64 - 1
U128_MAX = 2**128 - 1


def plain_null(text: str) -> bool:
    """Empty or a null word: what an Option, a unit and serde's resolver take as null."""
    return not text or text in _NULLS


def plain_bool(text: str) -> bool | None:
    return _BOOLS.get(text)


def _from_str_radix(text: str, radix: int, bits: int, signed: bool) -> int | None:
    """Rust's ``iN/uN::from_str_radix``: one optional sign, digits of the radix, in range."""
    sign = 1
    if text[:1] in ("+", "-"):
        if text[0] == "-":
            if not signed:
                return None
            sign = -1
        text = text[1:]
    if not text or len(text.lstrip("0")) > bits:  # cannot fit; keeps int() cheap
        return None
    if radix == 10:
        if not text.isascii() or not text.isdigit():
            return None
    elif not _RADIX[{16: "0x", 8: "0o", 2: "0b"}[radix]][1].match(text):
        return None
    value = sign * int(text, radix)
    if signed:
        return value if -(2 ** (bits - 1)) <= value < 2 ** (bits - 1) else None
    return value if value < 2**bits else None


def digits_but_not_number(text: str) -> bool:
    """YAML 1.2: a leading zero followed by digits is a string, not an octal number."""
    body = text[1:] if text[:1] in ("+", "-") else text
    return len(body) > 1 and body[0] == "0" and body[1:].isascii() and body[1:].isdigit()


def parse_unsigned(text: str, bits: int = 64) -> int | None:
    """serde_yaml's ``parse_unsigned_int``: ``+`` allowed, ``-`` never (not even ``-0``)."""
    if 0 < len(text) < 20 and text.isdigit() and text.isascii() and (text[0] != "0" or text == "0"):
        return int(text)  # the common case: plain decimal digits that fit any width
    body = text[1:] if text[:1] == "+" else text
    prefix = body[:2]
    if prefix in _RADIX:
        rest = body[2:]
        if rest[:1] in ("+", "-"):
            return None
        number = _from_str_radix(rest, _RADIX[prefix][0], bits, signed=False)
        if number is not None:
            return number
    if body[:1] in ("+", "-") or digits_but_not_number(text):
        return None
    return _from_str_radix(body, 10, bits, signed=False)


def parse_signed(text: str, bits: int = 64) -> int | None:
    """serde_yaml's ``parse_signed_int``."""
    body = text
    if text[:1] == "+":
        body = text[1:]
        if body[:1] in ("+", "-"):
            return None
    prefix = body[:2]
    if prefix in _RADIX and body[2:3] not in ("+", "-"):
        number = _from_str_radix(body[2:], _RADIX[prefix][0], bits, signed=True)
        if number is not None:
            return number
    return _negative_radix(text, bits) if text[:1] == "-" else _decimal(text, body, bits)


def _negative_radix(text: str, bits: int) -> int | None:
    prefix = text[1:3]
    if prefix in _RADIX:
        number = _from_str_radix("-" + text[3:], _RADIX[prefix][0], bits, signed=True)
        if number is not None:
            return number
    return _decimal(text, text, bits)


def _decimal(text: str, body: str, bits: int) -> int | None:
    if digits_but_not_number(text):
        return None
    return _from_str_radix(body, 10, bits, signed=True)


def parse_negative(text: str, bits: int = 64) -> int | None:
    """serde_yaml's ``parse_negative_int`` (also takes what from_str_radix takes: ``+5``)."""
    if text[:1] == "-":
        return _negative_radix(text, bits)
    return _decimal(text, text, bits)


def parse_float(text: str) -> float | None:
    """serde_yaml's ``parse_f64``: YAML's ``.inf``/``.nan`` words, Rust's digits, finite only."""
    special = _SPECIAL.get(text)
    if special is not None:
        return special
    if _SIMPLE_FLOAT.match(text):
        return float(text)  # digits with a point: always finite, Rust parses it the same
    body = text
    if text[:1] == "+":
        body = text[1:]
        if body[:1] in ("+", "-"):
            return None
    if not _FLOAT.match(body):
        return None  # Rust also parses inf/nan words here, then serde_yaml drops them
    value = float(body)
    return value if value - value == 0.0 else None


def parse_int_any(text: str) -> tuple[int, str] | None:
    """serde_yaml's ``visit_int``: the value and the width it was read as."""
    for parse, bits, width in (
        (parse_unsigned, 64, "u64"),
        (parse_negative, 64, "i64"),
        (parse_unsigned, 128, "u128"),
        (parse_negative, 128, "i128"),
    ):
        number = parse(text, bits)
        if number is not None:
            return number, width
    return None


def describe_int(number: int, width: str) -> Unexpected:
    if width in ("u128", "i128"):
        return Unexpected(f"integer `{number}` as {width}", "integer")
    return Unexpected(f"integer `{number}`", "integer")


def _string(text: str) -> Unexpected:
    return Unexpected(f"string {rust_debug_str(text)}", "string")


def _bool(flag: bool) -> Unexpected:
    return Unexpected(f"boolean `{'true' if flag else 'false'}`", "bool")


def _float(real: float) -> Unexpected:
    return Unexpected(f"floating point `{rust_display_float(real)}`", "float")


UNIT_VALUE = Unexpected("unit value", "unit")


def describe_plain(text: str) -> Unexpected:
    """serde's ``Unexpected`` for a plain scalar (``visit_untagged_scalar``)."""
    if plain_null(text):
        return UNIT_VALUE
    flag = _BOOLS.get(text)
    if flag is not None:
        return _bool(flag)
    found = parse_int_any(text)
    if found is not None:
        return describe_int(*found)
    if not digits_but_not_number(text):
        real = parse_float(text)
        if real is not None:
            return _float(real)
    return _string(text)


def describe_tagged(scalar: TaggedScalar) -> tuple[str | None, Unexpected]:
    """What serde_yaml's ``visit_scalar`` makes of a tagged scalar it cannot use.

    Returns (None, unexpected) for an ``invalid type`` error, or (expected, unexpected)
    when the tag itself refuses the text with ``invalid value`` (``!!bool maybe``:
    ``invalid value: string "maybe", expected a boolean``).
    """
    text = str(scalar)
    tag = scalar.tag
    if tag == BOOL_TAG:
        flag = _BOOLS.get(text)
        if flag is None:
            return "a boolean", _string(text)
        return None, _bool(flag)
    if tag == INT_TAG:
        found = parse_int_any(text)
        if found is None:
            return "an integer", _string(text)
        return None, describe_int(*found)
    if tag == FLOAT_TAG:
        real = parse_float(text)
        if real is None:
            return "a float", _string(text)
        return None, _float(real)
    if tag == NULL_TAG:
        if text in _NULLS:
            return None, UNIT_VALUE
        return "null", _string(text)
    if tag.startswith("!") and scalar.style == "":
        return None, describe_plain(text)
    return None, _string(text)


def resolves_to_non_string(text: str) -> bool:
    """Would serde_yaml's own resolver read this plain scalar as null/bool/number?"""
    return (
        plain_null(text)
        or text in _BOOLS
        or parse_int_any(text) is not None
        or (not digits_but_not_number(text) and parse_float(text) is not None)
        or _INF_NAN.match(text) is not None
    )


# ── YAML 1.1 readings (what PyYAML and other YAML 1.1 readers make of a plain scalar)

# Plain scalars whose YAML 1.1 reading needs no resolver: a decimal integer, a decimal
# fraction, a word of lowercase letters and `_` (a string, but for the words below).
# Most of a config's values are one of these, and PyYAML's import is a third of a
# check's start-up. `tests/test_diagnostics.py` compares these readings with PyYAML's
# on generated scalars.
_Y11_PLAIN = re.compile(r"(0|[1-9][0-9]*)|([0-9]+\.[0-9]+)|([a-z][a-z_]*)")
# Words a YAML 1.1 reader reads as null or a boolean; `yes`, `no`, `on` and `off` are
# left to PyYAML, where the warnings about them are worded.
_Y11_WORDS = {"null": None, "true": True, "false": False}
_Y11_RESOLVED = frozenset(("yes", "no", "on", "off"))


def yaml11_plain(text: str) -> tuple[bool, Any]:
    """(True, value) for a scalar of :data:`_Y11_PLAIN`'s forms, else (False, None)."""
    match = _Y11_PLAIN.fullmatch(text)
    if match is None:
        return False, None
    if match.group(1) is not None:
        try:
            return True, int(text)
        except ValueError:  # past Python's digit limit for int(): PyYAML's to say
            return False, None
    if match.group(2) is not None:
        return True, float(text)
    if text in _Y11_WORDS:
        return True, _Y11_WORDS[text]
    return text not in _Y11_RESOLVED, text


def same_reading(serde: Any, other: Any) -> bool:
    """Whether serde's value and a YAML 1.1 reader's are the same value (an integer
    and a float of the same number are, where serde reads a float)."""
    if isinstance(serde, bool) or isinstance(other, bool) or serde is None or other is None:
        return type(serde) is type(other) and serde == other
    if isinstance(serde, float):
        return isinstance(other, (int, float)) and float(other) == serde
    return type(serde) is type(other) and serde == other


def yaml11_agrees(text: str, value: Any) -> bool:
    """Whether a YAML 1.1 reader surely reads the plain scalar ``text`` as ``value``
    (serde_yaml's reading): False where it reads another value, and where only PyYAML's
    resolver could tell (the diagnostics ask it; a clearance leaves the file to them)."""
    plain, reading = yaml11_plain(str(text))  # a Plain node is read as its text
    return plain and same_reading(value, reading)
