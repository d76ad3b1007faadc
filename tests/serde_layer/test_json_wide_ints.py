"""128-bit integers and integer map keys in JSON, as serde_json 1.0.154 reads them.

serde_json's deserialize_i128 / deserialize_u128 scan the number's digits from the text
(the parser would make a float of anything beyond 64 bits) and stop at the first byte
that is not one, leaving it to the enclosing container; an integer map key is a number
in quotes, with its errors placed inside the key. The answers below are serde_json's
own, recorded from a probe crate (the harness's Cargo.lock) for these Rust types:
``i128``, ``u128``, ``Vec<i128>``, ``(i128,)``, ``(i128, i128)``, ``Option<i128>``,
``BTreeMap<String, i128>``, ``BTreeMap<i128 | u128 | u32 | u64 | i64 | i8, u8>``,
``enum E { N(i128), T(i128, i128), S { x: i128 } }``, ``struct S2 { a: i128, b: i128 }``
and ``struct W(i128)``.
Every JSON read path must give them.
"""

from __future__ import annotations

from typing import Any

import pytest

import jammi_wire.preconf.json as json_module
from jammi_wire import WireError, from_json
from jammi_wire.serde import (
    I8,
    I64,
    I128,
    U8,
    U32,
    U64,
    U128,
    BTreeMap,
    TaggedEnum,
    serde_struct,
)


class E(TaggedEnum):
    pass


class _EVariants:
    class N(E, kind="newtype"):
        value: I128

    class T(E, kind="tuple"):
        first: I128
        second: I128

    class S(E):
        x: I128


@serde_struct
class S2:
    a: I128
    b: I128


@serde_struct(kind="newtype")
class W:
    value: I128


TYPES: dict[str, Any] = {
    "i128": I128,
    "u128": U128,
    "i64": I64,
    "u64": U64,
    "u32": U32,
    "vec": list[I128],
    "vecu": list[U128],
    "t1": tuple[I128],
    "t2": tuple[I128, I128],
    "opt": I128 | None,
    "smap": BTreeMap[str, I128],
    "kimap": BTreeMap[I128, U8],
    "kumap": BTreeMap[U128, U8],
    "k32": BTreeMap[U32, U8],
    "k64": BTreeMap[U64, U8],
    "ki64": BTreeMap[I64, U8],
    "ki8": BTreeMap[I8, U8],
    "enum": E,
    "s2": S2,
    "w": W,
}

# (type, input, serde_json's value or its error text with position)
SERDE_JSON_ANSWERS: list[tuple[str, str, Any]] = [
    ("i128", "1.5", "trailing characters at line 1 column 2"),
    # a whole value beyond 64 bits before trailing characters: read from its text
    (
        "i128",
        "170141183460469231731687303715884105727 x",
        "trailing characters at line 1 column 41",
    ),
    (
        "vec",
        "[170141183460469231731687303715884105727] x",
        "trailing characters at line 1 column 43",
    ),
    ("i128", "-0", 0),
    ("u128", "-0", "number out of range at line 1 column 1"),
    ("i128", "-0.5", "trailing characters at line 1 column 3"),
    ("u128", "null", "invalid number at line 1 column 1"),
    ("i128", '"1"', "invalid number at line 1 column 1"),
    ("i128", "[1]", "invalid number at line 1 column 1"),
    ("vec", "[1.5]", "expected `,` or `]` at line 1 column 3"),
    ("vec", "[1, 2.5, 3]", "expected `,` or `]` at line 1 column 6"),
    ("vec", "[1e5]", "expected `,` or `]` at line 1 column 3"),
    ("t1", "[1.5]", "trailing characters at line 1 column 3"),
    ("t2", "[1.5, 2]", "expected `,` or `]` at line 1 column 3"),
    ("t2", "[1, 2.5]", "trailing characters at line 1 column 6"),
    ("opt", "1.5", "trailing characters at line 1 column 2"),
    ("smap", '{"a": 1.5}', "expected `,` or `}` at line 1 column 8"),
    ("enum", '{"N": 1.5}', "expected value at line 1 column 7"),
    ("enum", '{"N": 12.5 }', "expected value at line 1 column 8"),
    ("enum", '{"T": [1, 2.5]}', "trailing characters at line 1 column 12"),
    ("enum", '{"S": {"x": 1.5}}', "expected `,` or `}` at line 1 column 14"),
    ("s2", "[1, 2.5]", "trailing characters at line 1 column 6"),
    ("s2", "[1.5, 2]", "expected `,` or `]` at line 1 column 3"),
    ("s2", '{"a": 1.5, "b": 2}', "expected `,` or `}` at line 1 column 8"),
    ("w", "1.5", "trailing characters at line 1 column 2"),
    (
        "i128",
        "170141183460469231731687303715884105728.5",
        "number out of range at line 1 column 39",
    ),
    ("kimap", '{"1.5": 1}', 'expected `"` at line 1 column 4'),
    ("kimap", '{"-": 1}', "invalid number at line 1 column 4"),
    ("kumap", '{"-1": 1}', "number out of range at line 1 column 3"),
    ("kimap", '{"01": 1}', "invalid number at line 1 column 4"),
    ("kimap", '{"-0": 1}', {0: 1}),
    ("kumap", '{"-0": 1}', "number out of range at line 1 column 3"),
    (
        "kimap",
        '{"170141183460469231731687303715884105728": 1}',
        "number out of range at line 1 column 41",
    ),
    (
        "kimap",
        '{"x": 1}',
        "invalid value: expected key to be a number in quotes at line 1 column 2",
    ),
    ("k32", '{"1e400": 1}', "number out of range at line 1 column 7"),
    (
        "k32",
        '{"1e5": 1}',
        "invalid type: floating point `100000.0`, expected u32 at line 1 column 5",
    ),
    (
        "k64",
        '{"18446744073709551616": 1}',
        "invalid type: floating point `1.8446744073709552e+19`, expected u64 at line 1 column 22",
    ),
    (
        "ki64",
        '{"-9223372036854775809": 1}',
        "invalid type: floating point `-9.223372036854776e+18`, expected i64 at line 1 column 22",
    ),
    ("k32", '{"-": 1}', "invalid number at line 1 column 4"),
    ("k32", '{"-x": 1}', "invalid number at line 1 column 4"),
    ("k32", '{"1.": 1}', "invalid number at line 1 column 5"),
    ("k32", '{"1.x": 1}', "invalid number at line 1 column 5"),
    ("k32", '{"1e": 1}', "invalid number at line 1 column 5"),
    ("k32", '{"1e+": 1}', "invalid number at line 1 column 6"),
    ("k32", '{"1.5x": 1}', "invalid type: floating point `1.5`, expected u32 at line 1 column 5"),
    ("k32", '{"-0": 1}', "invalid type: floating point `-0.0`, expected u32 at line 1 column 4"),
    ("k32", '{"0x1": 1}', 'expected `"` at line 1 column 4'),
    ("k32", '{"": 1}', "invalid value: expected key to be a number in quotes at line 1 column 2"),
    (
        "k32",
        '{"4294967296x": 1}',
        "invalid value: integer `4294967296`, expected u32 at line 1 column 12",
    ),
    ("ki8", '{"128": 1}', "invalid value: integer `128`, expected i8 at line 1 column 5"),
    ("k32", '{"1e99999999999": 1}', "number out of range at line 1 column 14"),
]


@pytest.fixture(params=["fast", "stdlib", "exact"])
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """orjson and the generated reader; the generated reader on the stdlib parser's tree
    (documents over 1 MiB); the exact path alone."""
    if request.param == "exact":
        monkeypatch.setattr(json_module, "_FAST_READ", False)
    if request.param == "stdlib":
        monkeypatch.setattr(json_module, "_FAST_READ_LIMIT", -1)
    return str(request.param)


@pytest.mark.parametrize(("kind", "text", "answer"), SERDE_JSON_ANSWERS)
def test_serde_json_answer(kind: str, text: str, answer: Any, read_path: str) -> None:
    if isinstance(answer, str):
        with pytest.raises(WireError) as caught:
            from_json(text, TYPES[kind])
        error = caught.value
        assert f"{error.message} at line {error.line} column {error.column}" == answer
    else:
        assert from_json(text, TYPES[kind]) == answer


@pytest.mark.parametrize("digits", [39, 40, 5000])
def test_huge_digits_are_out_of_range_not_a_crash(digits: int, read_path: str) -> None:
    number = "9" * digits
    for text in (number, f"-{number}", f"[{number}]", f'{{"{number}": 1}}'):
        cls = BTreeMap[I128, U8] if text.startswith("{") else I128
        if text.startswith("["):
            cls = list[I128]
        with pytest.raises(WireError) as caught:
            from_json(text, cls)
        assert caught.value.message == "number out of range"
