"""Value tree -> serde_yaml 0.9 text (libyaml emitter settings serde_yaml uses)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import yaml
import yaml.emitter
import yaml.resolver
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from .._errors import WireError
from ..serde.data import Tagged
from ..serde.floats import ryu_float
from ._yaml_scalars import resolves_to_non_string


class _Analyzer:
    allow_unicode = True


_ANALYZER: Any = _Analyzer()
_analyze: Any = yaml.emitter.Emitter.analyze_scalar
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_DUMPER: Any = getattr(yaml, "CDumper", None) or yaml.Dumper


def float_text(value: float, portable: bool) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = ryu_float(value)
    if portable and "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[0] != "-":
            exponent = "+" + exponent
        text = f"{mantissa}e{exponent}"
    return text


_SIMPLE = re.compile(r"[A-Za-z_/][A-Za-z0-9_./-]*\Z")


def string_text(value: str, indent: str, portable: bool, key: bool = False) -> str:
    if (
        _SIMPLE.match(value)
        and not resolves_to_non_string(value)
        and (not portable or _yaml11_string(value))
    ):
        return value
    digits = value.isdigit() and value.isascii() and value.startswith("0") and len(value) > 1
    quote = resolves_to_non_string(value) or digits
    if portable and not _yaml11_string(value):
        quote = True
    text = _libyaml_scalar(value, quote, key)
    if "\n" in text and not key:
        text = text.replace("\n", "\n" + indent[2:])
        text = text.replace("\n" + indent[2:] + "\n", "\n\n")
    return text


def _yaml11_string(value: str) -> bool:
    """Does a YAML 1.1 reader (PyYAML, yq) take this plain scalar as a string?"""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


@lru_cache(maxsize=4096)
def _libyaml_scalar(value: str, quote: bool, key: bool) -> str:
    """libyaml's own choice of style for the style serde_yaml requests (the same C emitter)."""
    style = "'" if quote else ("|" if "\n" in value and not key else None)
    node = ScalarEvent(None, None, (True, True), value, style=style)
    other = ScalarEvent(None, None, (True, True), "0" if key else "k")
    events = [
        StreamStartEvent(),
        DocumentStartEvent(explicit=False),
        MappingStartEvent(None, None, True, flow_style=False),
        *((node, other) if key else (other, node)),
        MappingEndEvent(),
        DocumentEndEvent(explicit=False),
        StreamEndEvent(),
    ]
    text: str = yaml.emit(events, Dumper=_DUMPER, allow_unicode=True, width=-1)
    if key:
        if text.startswith("? ") or any(ch in value for ch in "\u2028\u2029\x85"):
            # libyaml's explicit-key form for multi-line keys; a double-quoted key is
            # the same string on one line and keeps the block mapping layout simple.
            quoted = json.dumps(value, ensure_ascii=False)
            quoted = quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
            return quoted.replace("\x85", "\\N")
        return text[: -len(": 0\n")]
    return text[len("k: ") : -1]


def scalar(value: Any, indent: str, portable: bool) -> str:
    kind = type(value)
    if kind is str:
        return string_text(value, indent, portable)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return float_text(value, portable)
    if value is None:
        return "null"
    raise WireError(f"cannot write {value!r} as YAML")


def emit(value: Any, *, portable: bool = False) -> str:
    out: list[str] = []
    _node(value, out, 0, portable, top=True)
    return "".join(out)


def _node(value: Any, out: list[str], level: int, portable: bool, top: bool = False) -> None:
    """Write ``value`` whose key/dash has already been written (or at the top)."""
    pad = "  " * level
    kind = type(value)
    if kind is Tagged:
        out.append(("" if top else " ") + "!" + value.tag)
        inner = value.value
        if isinstance(inner, dict) and inner:
            out.append("\n")
            _mapping(inner, out, level if top else level + 1, portable)
        elif type(inner) is list and inner:
            out.append("\n")
            _sequence(inner, out, level if top else level + 1, portable)
        else:
            out.append(" " + _flow_or_scalar(inner, pad, portable) + "\n")
        return
    if isinstance(value, dict) and value:
        if not top:
            out.append("\n")
        _mapping(value, out, level if top else level + 1, portable)
    elif kind is list and value:
        if not top:
            out.append("\n")
        _sequence(value, out, level, portable)
    else:
        out.append(("" if top else " ") + _flow_or_scalar(value, pad + "  ", portable) + "\n")


def _flow_or_scalar(value: Any, indent: str, portable: bool) -> str:
    if isinstance(value, dict):
        return "{}"
    if type(value) is list:
        return "[]"
    return scalar(value, indent, portable)


def _mapping(value: dict[str, Any], out: list[str], level: int, portable: bool) -> None:
    pad = "  " * level
    for key, item in value.items():
        out.append(pad + string_text(key, pad, portable, key=True) + ":")
        _node(item, out, level, portable)


def _sequence(value: list[Any], out: list[str], level: int, portable: bool) -> None:
    pad = "  " * level
    for item in value:
        out.append(pad + "-")
        if isinstance(item, dict) and item:
            out.append(" ")
            first = True
            for key, sub in item.items():
                out.append(
                    ("" if first else pad + "  ") + string_text(key, pad, portable, key=True) + ":"
                )
                first = False
                _node(sub, out, level + 1, portable)
        elif type(item) is list and item:
            out.append("\n")
            _sequence(item, out, level + 1, portable)
        else:
            # libyaml already indents a block scalar's lines one level past the dash
            _node(item, out, level, portable)
