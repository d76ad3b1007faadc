"""The standard library's JSON parser held to serde_json's rules, where it is laxer.

serde_json refuses ``NaN`` and ``Infinity``, reads an integer outside i64..u64 as a
float and ``-0`` as -0.0, and refuses a number past f64's range where it is read; a
repeated key survives as :class:`~..serde.data.DuplicateKeys`. These hooks are the one
spelling of those rules: the JSON codec's exact parse uses them, and so does a
clearance's reading of a document (which must not load the codec, see
:func:`plain_tree`). Nothing here imports attrs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..serde.data import DuplicateKeys, OutOfRangeNumber

# serde_json's recursion limit: a document with fewer brackets cannot be nested deeper.
RECURSION_LIMIT = 128


def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        return DuplicateKeys(pairs)
    return result


_U64_MAX = 2**64 - 1
_I64_MIN = -(2**63)


def parse_int(text: str) -> Any:
    # serde_json reads integers outside u64/i64 as floats, and `-0` as -0.0.
    if len(text) <= 19:
        value = int(text)
        if value == 0 and text.startswith("-"):
            return -0.0
        return value
    if len(text) <= 21:
        value = int(text)
        if _I64_MIN <= value <= _U64_MAX:
            return value
    return parse_float(text)


def parse_float(text: str) -> Any:
    value = float(text)
    if value - value != 0.0:
        return OutOfRangeNumber(text)  # refused only where it is read, as in serde_json
    return value


class NumberOutOfRange(ValueError):
    pass


def reject_constant(text: str) -> Any:
    raise NotJson(text)


class NotJson(ValueError):
    pass


# Plain: C all the way (repeated keys collapse, `-0` is 0, integers unbounded, a float
# past f64 is inf); only the generated readers take its tree, proving each.
PLAIN = json.JSONDecoder(parse_constant=reject_constant, strict=True)


def decoder(
    parse_float: Callable[[str], Any],
    keys: list[int] | None,
    parse_int: Callable[[str], Any] = parse_int,
) -> json.JSONDecoder:
    """The stdlib parser held to serde_json's rules.

    With ``keys``, objects are built as plain dicts, their sizes summed into ``keys[0]``;
    without, each object is first a list of pairs, so that a repeated key survives as
    :class:`DuplicateKeys` (costing a tuple per entry on top of the dict).
    """

    def count(obj: dict[str, Any]) -> dict[str, Any]:
        assert keys is not None
        keys[0] += len(obj)
        return obj

    return json.JSONDecoder(
        object_hook=None if keys is None else count,
        object_pairs_hook=pairs_hook if keys is None else None,
        parse_int=parse_int,
        parse_float=parse_float,
        parse_constant=reject_constant,
        strict=True,
    )


_PAIRS = decoder(parse_float, None)


def plain_tree(text: str) -> Any:
    """The tree serde_json's reader would be given for ``text``, or None where this
    parse cannot vouch for it (a syntax error, a number past f64, a constant, deep
    nesting, a byte-order mark): the caller then takes the full path."""
    if text.startswith("\ufeff") or text.count("[") + text.count("{") > RECURSION_LIMIT:
        return None
    try:
        return _PAIRS.decode(text)
    except (ValueError, RecursionError):  # JSONDecodeError, NotJson, ...
        return None
