"""Value tree -> the text ``serde_yaml`` 0.9.34 writes, byte for byte.

serde_yaml hands its events to unsafe-libyaml 0.2.11 (libyaml 0.2.5 translated to Rust)
with unicode output on and no line width (``yaml_emitter_set_width(-1)``). This module is
that emitter cut down to the events serde_yaml sends for our value trees: block mappings
and sequences, ``[]`` / ``{}`` when empty, a ``!tag`` on struct variants, and scalars in
the style serde_yaml asks for, which libyaml then adjusts:

* serde_yaml (``ser.rs``, ``serialize_str``) asks for ``|`` when the string has a line
  feed, ``'...'`` when its own reader would take the plain text as null, bool, int or
  float (or as leading-zero digits), and plain otherwise;
* libyaml (``yaml_emitter_analyze_scalar`` / ``select_scalar_style``) falls back from
  plain to ``'...'`` and from ``'...'`` or ``|`` to ``"..."`` when the text needs it.

Function names in comments are the libyaml functions each part mirrors. The common
case (identifiers, numbers) never reaches the character-level analysis: a regex
admits safe plain strings, and everything else is rendered once and cached.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import yaml
import yaml.resolver

from .._errors import WireError
from ..serde.data import CharText, Float32, Tagged
from ..serde.floats import f32_text, ryu_float

_PLAIN, _SINGLE, _DOUBLE, _LITERAL = range(4)

# ---------------------------------------------------------------- serde_yaml's side

_RETYPED_WORDS = frozenset(
    ("~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE")
)
_FLOAT_WORDS = frozenset(
    (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF")
) | frozenset((".nan", ".NaN", ".NAN"))
# str::parse::<f64>'s decimal grammar (its inf/nan words parse to non-finite values,
# which serde_yaml's parse_f64 rejects, so they stay strings).
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_DIGITS = {
    "0x": (16, re.compile(r"[0-9a-fA-F]+\Z")),
    "0o": (8, re.compile(r"[0-7]+\Z")),
    "0b": (2, re.compile(r"[01]+\Z")),
}
_DECIMAL = re.compile(r"[0-9]+\Z")
_U128_MAX = (1 << 128) - 1
_I128_MIN = -(1 << 127)


def _digits_but_not_number(text: str) -> bool:
    """``de::digits_but_not_number``: ``017``, ``-00``: strings, but quoted."""
    body = text[1:] if text[:1] in ("+", "-") else text
    return len(body) > 1 and body[0] == "0" and _DECIMAL.match(body) is not None


def _radix_int(digits: str, negative: bool) -> bool:
    """``from_str_radix`` for u128 (i128 when ``negative``) after a ``0x/0o/0b`` prefix."""
    radix = _DIGITS.get(digits[:2])
    if radix is None:
        if not _DECIMAL.match(digits) or len(digits.lstrip("0")) > 39:
            return False
        value = int(digits)
    else:
        base, pattern = radix
        rest = digits[2:]
        if not pattern.match(rest) or len(rest.lstrip("0")) > 128:
            return False
        value = int(rest, base)
    return -value >= _I128_MIN if negative else value <= _U128_MAX


def serde_retypes(text: str) -> bool:
    """Would serde_yaml read ``text`` as a plain scalar as anything but this string?

    serde_yaml's ``InferScalarStyle`` (``visit_untagged_scalar`` on the text): null,
    bool, u64/i64/u128/i128 in any of its radixes, finite f64, or leading-zero digits.
    """
    if not text or text in _RETYPED_WORDS or _digits_but_not_number(text):
        return True
    # parse_unsigned_int: one optional '+', then 0x/0o/0b or decimal digits.
    unsigned = text[1:] if text[0] == "+" else text
    if _radix_int(unsigned, False):
        return True
    # parse_negative_int: '-' then 0x/0o/0b or decimal digits.
    if text[0] == "-" and _radix_int(text[1:], True):
        return True
    if text in _FLOAT_WORDS:
        return True
    return _FLOAT.match(text) is not None and math.isfinite(float(text))


# ---------------------------------------------------------------- libyaml's side

_BREAKS = "\r\n\x85\u2028\u2029"
_BLANKZ = frozenset(" \t\0" + _BREAKS)
_BREAK_SET = frozenset(_BREAKS)
# IS_PRINTABLE: LF, ASCII 0x20-0x7E, U+A0-U+D7FF, U+E000-U+FFFD but not U+FEFF, and
# (unsafe-libyaml, unlike C libyaml 0.2.5) everything beyond U+FFFF.
_NOT_PRINTABLE = re.compile(
    r"[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# What yaml_emitter_write_double_quoted_scalar escapes: the above, BOM, breaks, '"', '\'.
_DQ_ESCAPE = re.compile(
    r"[^\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    r"\U00010000-\U0010ffff]"
)
_DQ_NAMED = {
    "\0": "\\0", "\x07": "\\a", "\x08": "\\b", "\t": "\\t", "\n": "\\n", "\x0b": "\\v",
    "\x0c": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N",
    "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P",
}  # fmt: skip
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")


def _dq_escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _DQ_NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _analyze(text: str) -> tuple[bool, bool, bool, bool]:
    """yaml_emitter_analyze_scalar in block context.

    Returns (multiline, block_plain_allowed, single_quoted_allowed, block_allowed).
    """
    if not text:
        return False, True, True, False
    indicators = text.startswith(("---", "..."))
    special = _NOT_PRINTABLE.search(text) is not None
    line_breaks = False
    leading = text[0] == " " or text[0] in _BREAK_SET
    trailing_space = text[-1] == " "
    trailing = trailing_space or text[-1] in _BREAK_SET
    break_space = space_break = previous_space = previous_break = False
    preceded_by_whitespace = True
    last = len(text) - 1
    for i, char in enumerate(text):
        followed_by_whitespace = i == last or text[i + 1] in _BLANKZ
        if i == 0:
            if char in _FIRST_INDICATORS or (char in "?:-" and followed_by_whitespace):
                indicators = True
        elif (char == ":" and followed_by_whitespace) or (char == "#" and preceded_by_whitespace):
            indicators = True
        if char == " ":
            break_space = break_space or previous_break
            previous_space, previous_break = True, False
        elif char in _BREAK_SET:
            line_breaks = True
            space_break = space_break or previous_space
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_whitespace = char in _BLANKZ
    plain = not (leading or trailing or break_space or space_break or special)
    plain = plain and not line_breaks and not indicators
    single = not (break_space or space_break or special)
    block = not (trailing_space or space_break or special)
    return line_breaks, plain, single, block


def _single_quoted(text: str, indent: int) -> str:
    """yaml_emitter_write_single_quoted_scalar (no width, so spaces never fold)."""
    pad = " " * indent
    out = ["'"]
    breaks = False
    for char in text:
        if char in _BREAK_SET:
            if not breaks and char == "\n":
                out.append("\n")
            out.append(char)
            breaks = True
            continue
        if breaks:
            out.append(pad)
            breaks = False
        out.append("''" if char == "'" else char)
    if breaks:
        out.append(pad)
    out.append("'")
    return "".join(out)


def _literal(text: str, indent: int) -> str:
    """yaml_emitter_write_block_scalar_hints + write_literal_scalar."""
    head = "|"
    if text[0] == " " or text[0] in _BREAK_SET:
        head += "2"  # the indentation indicator, best_indent
    if text[-1] not in _BREAK_SET:
        head += "-"
    elif len(text) == 1 or text[-2] in _BREAK_SET:
        head += "+"
    out = [head, "\n"]
    breaks = True
    pad = " " * indent
    for char in text:
        if char in _BREAK_SET:
            breaks = True
        elif breaks:
            out.append(pad)
            breaks = False
        out.append(char)
    return "".join(out)


def _style(text: str, requested: int, simple_key: bool) -> int:
    """yaml_emitter_select_scalar_style for a block-context scalar without a tag."""
    multiline, plain_ok, single_ok, block_ok = _analyze(text)
    style = requested
    if simple_key and multiline:
        style = _DOUBLE
    if style == _PLAIN and (not plain_ok or (simple_key and not text)):
        style = _SINGLE
    if style == _SINGLE and not single_ok:
        style = _DOUBLE
    if style == _LITERAL and (not block_ok or simple_key):
        style = _DOUBLE
    return style


@lru_cache(maxsize=8192)
def _string(text: str, indent: int, portable: bool, simple_key: bool = False) -> str:
    """The scalar as libyaml writes it after ``key:`` / ``-`` / ``?`` (and one space).

    ``indent`` is the emitter's indent while writing it: the column continuation lines
    (block scalar lines, text after a U+2028 break) start at.
    """
    if "\n" in text:
        requested = _LITERAL
    elif serde_retypes(text) or (portable and not _yaml11_string(text)):
        requested = _SINGLE
    else:
        requested = _PLAIN
    style = _style(text, requested, simple_key)
    if style == _PLAIN:
        return text
    if style == _SINGLE:
        return _single_quoted(text, indent)
    if style == _LITERAL:
        return _literal(text, indent)
    return '"' + _DQ_ESCAPE.sub(_dq_escape, text) + '"'


_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _yaml11_string(value: str) -> bool:
    """Does a YAML 1.1 reader (PyYAML, yq) take this plain scalar as a string?"""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


_SIMPLE_KEYS: dict[str, str] = {}  # key -> "key:" for keys written the same at any depth


@lru_cache(maxsize=4096)
def _key(key: Any, indent: int, portable: bool) -> str:
    """A mapping key through its ``:``, for a mapping at column ``indent``.

    yaml_emitter_check_simple_key: a key on one line of at most 128 UTF-8 bytes is
    written ``key:``; any other goes after ``? `` and its ``:`` on a line of its own.
    """
    if type(key) is int:  # an integer key (HashMap<u32, _>): serde_yaml writes it plain
        return f"{key}:"
    if not isinstance(key, str):
        raise WireError(f"cannot write the mapping key {key!r} as YAML")
    multiline = any(char in _BREAK_SET for char in key)
    if not multiline and len(key.encode("utf-8", "surrogatepass")) <= 128:
        text = _string(key, indent + 2, portable, simple_key=True) + ":"
        if not portable and len(_SIMPLE_KEYS) < 4096:
            _SIMPLE_KEYS[key] = text
        return text
    text = _string(key, indent + 2, portable)
    end = "" if text[-1] in _BREAK_SET else "\n"
    return "? " + text + end + " " * indent + ":"


# ---------------------------------------------------------------- documents

# Strings that are plain in every position: no indicator, space or break, and not a
# word serde_yaml's reader retypes (its numbers start with a digit, sign or dot).
_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*\Z").match


def float_text(value: float, portable: bool) -> str:
    """serde_yaml's ``serialize_f64`` (and ``serialize_f32`` for a :class:`Float32`):
    ryu, with YAML's words for inf and NaN."""
    if value != value:
        return ".nan"
    if value in (math.inf, -math.inf):
        return ".inf" if value > 0 else "-.inf"
    text = f32_text(value, plus=False) if type(value) is Float32 else ryu_float(value)
    if portable and "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[0] != "-":
            exponent = "+" + exponent
        text = f"{mantissa}e{exponent}"
    return text


def _scalar(value: Any, indent: int, portable: bool) -> str:
    """A scalar's text (or ``[]`` / ``{}``); it may end in a line break of its own."""
    kind = type(value)
    if kind is str:
        if not portable and _SAFE(value) and value not in _RETYPED_WORDS:
            return value  # type: ignore[no-any-return]
        return _string(value, indent, portable)
    if kind is int:
        return str(value)
    if kind is float:
        text = repr(value)  # ryu's text too unless it has an exponent, inf or nan
        return float_text(value, portable) if "e" in text or "n" in text else text
    if kind is Float32:
        return float_text(value, portable)
    if kind is CharText:
        # serde_yaml's serialize_char asks libyaml for a single-quoted scalar.
        style = _style(value, _SINGLE, False)
        if style == _SINGLE:
            return _single_quoted(value, indent)
        return '"' + _DQ_ESCAPE.sub(_dq_escape, value) + '"'
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    if kind is Tagged:
        # A variant's tag directly on another's (a newtype variant holding a variant):
        # serde_yaml refuses it with these words.
        raise WireError("serializing nested enums in YAML is not supported yet")
    raise WireError(f"cannot write {value!r} as YAML")


# libyaml's yaml_emitter_write_tag_content writes these as they are; any other
# character goes out as %XX per UTF-8 byte (a variant renamed `start!` is `!start%21`).
_TAG_SAFE = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-;/?:@&=+$,_.~*'()[]"
)


@lru_cache(maxsize=1024)
def _tag_text(tag: str) -> str:
    if all(char in _TAG_SAFE for char in tag):
        return tag
    return "".join(
        char if char in _TAG_SAFE else "".join(f"%{byte:02X}" for byte in char.encode())
        for char in tag
    )


def _line(text: str) -> str:
    """End a line after a scalar, unless the scalar's last line break already did."""
    return text if text[-1] in _BREAK_SET else text + "\n"


def emit(value: Any, *, portable: bool = False) -> str:
    """The YAML document serde_yaml's ``to_string`` writes for this value tree."""
    out: list[str] = []
    if type(value) is Tagged:
        out.append("!" + _tag_text(value.tag))
        _tagged(value.value, out, 0, 0, 2, portable)
    elif isinstance(value, dict) and value:
        _mapping(value, out, 0, portable, False)
    elif isinstance(value, list) and value:
        _sequence(value, out, 0, portable, False)
    else:
        out.append(_line(_scalar(value, 2, portable)))  # a root scalar's indent is 2
    return "".join(out)


def _tagged(
    inner: Any, out: list[str], mapping: int, sequence: int, scalar: int, portable: bool
) -> None:
    """What follows ``!tag``: a non-empty mapping or sequence starts on the next line at
    the given column, anything else stays on the tag's line."""
    if isinstance(inner, dict) and inner:
        out.append("\n")
        _mapping(inner, out, mapping, portable, False)
    elif isinstance(inner, list) and inner:
        out.append("\n")
        _sequence(inner, out, sequence, portable, False)
    else:
        out.append(_line(" " + _scalar(inner, scalar, portable)))


def _mapping(
    value: dict[Any, Any], out: list[str], indent: int, portable: bool, inline: bool
) -> None:
    """A block mapping at column ``indent``; ``inline``: its first key follows a
    sequence item's ``- `` on the same line."""
    pad = " " * indent
    inner = indent + 2
    keys = _SIMPLE_KEYS
    for key, item in value.items():
        head = None if portable else keys.get(key)
        if head is None:
            head = _key(key, indent, portable)
        if inline:
            inline = False
        else:
            head = pad + head
        kind = type(item)
        if kind is str:
            if not portable and _SAFE(item) and item not in _RETYPED_WORDS:
                out.append(f"{head} {item}\n")
            else:
                out.append(_line(f"{head} {_string(item, inner, portable)}"))
        elif kind is int:
            out.append(f"{head} {item}\n")
        elif kind is float or kind is bool:
            out.append(f"{head} {_scalar(item, inner, portable)}\n")
        elif kind is dict and item:
            if head.endswith("\n" + pad + ":") or head.startswith(pad + "? "):
                # After a complex key's `:` libyaml starts the mapping on the same line.
                out.append(head + " ")
                _mapping(item, out, inner, portable, True)
            else:
                out.append(head + "\n")
                _mapping(item, out, inner, portable, False)
        elif kind is list and item:
            out.append(head + "\n")
            _sequence(item, out, indent, portable, False)  # indentless under a key
        elif kind is Tagged:
            out.append(f"{head} !{_tag_text(item.tag)}")
            _tagged(item.value, out, inner, indent, inner, portable)
        else:
            out.append(_line(f"{head} {_scalar(item, inner, portable)}"))


def _sequence(value: list[Any], out: list[str], indent: int, portable: bool, inline: bool) -> None:
    """A block sequence with its dashes at column ``indent``; ``inline``: its first item
    follows a parent item's ``- `` on the same line."""
    dash = " " * indent + "- "
    inner = indent + 2
    for item in value:
        if inline:
            out.append("- ")
            inline = False
        else:
            out.append(dash)
        kind = type(item)
        if kind is dict and item:
            _mapping(item, out, inner, portable, True)
        elif kind is list and item:
            _sequence(item, out, inner, portable, True)
        elif kind is Tagged:
            out.append("!" + _tag_text(item.tag))
            _tagged(item.value, out, inner, inner, inner, portable)
        else:
            out.append(_line(_scalar(item, inner, portable)))
