"""serde_json types each value as it reads it: a problem in a value (or a key) read
before a syntax error is what it reports, not the syntax error.

``from_json`` parses the whole text first, so on a syntax error it reads the values
serde_json had read whole (``_json_text.completed_prefix``: that prefix with the open
containers closed) and keeps an error placed before the added brackets. The answers
below are serde_json's (1.0.149, through the harness); ``test_pinned_answers_are_serde_s``
checks them against it when cargo is there. A probe of 20,250 mutated vector documents
(every stored JSON vector, six syntax-breaking edits each) found 3,737 error texts
different from serde_json's before this reading and 570 after, none new.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from compare import json_read_path, rust_text
from mirrors import TYPES

import jammi_wire as jw
from jammi_wire import WireError
from jammi_wire.preconf._json_text import completed_prefix

# (type, input, serde_json's error)
SERDE_JSON_ANSWERS: list[tuple[str, str, str]] = [
    (
        "conf::Strict",
        '{"a": 300, "b": }',
        "invalid value: integer `300`, expected u8 at line 1 column 9",
    ),
    (
        "conf::Strict",
        '{"a": 1, "b": 2, "c": x}',
        "invalid type: integer `2`, expected a string at line 1 column 15",
    ),
    (
        "conf::Strict",
        '{"a": "x",\n "b": nul',
        'invalid type: string "x", expected u8 at line 1 column 9',
    ),
    ("conf::Strict", '{"a": 1x}', "expected `,` or `}` at line 1 column 8"),
    (
        "conf::Strict",
        '{"a": 1.5x, "b": null}',
        "invalid type: floating point `1.5`, expected u8 at line 1 column 9",
    ),
    ("conf::Strict", '{"a": 1.x, "b": null}', "invalid number at line 1 column 9"),
    ("conf::Strict", '{"a": 01, "b": null}', "invalid number at line 1 column 8"),
    (
        "conf::Strict",
        '{"a": 1, "zz" 2}',
        "unknown field `zz`, expected one of `a`, `b`, `c` at line 1 column 14",
    ),
    ("conf::Strict", '{"a": 1, "a": }', "duplicate field `a` at line 1 column 12"),
    (
        "conf::Strict",
        '{"a": 1, "zz"',
        "unknown field `zz`, expected one of `a`, `b`, `c` at line 1 column 13",
    ),
    ("conf::Strict", '{"a": 1,', "EOF while parsing a value at line 1 column 8"),
    ("conf::Rgb", "[1, 2", "EOF while parsing a list at line 1 column 5"),
    ("conf::Rgb", "[1, 256", "invalid value: integer `256`, expected u8 at line 1 column 7"),
    ("conf::Rgb", "[1, 256,", "invalid value: integer `256`, expected u8 at line 1 column 7"),
    (
        "conf::Message",
        '{"type": "txt", "body": 1, "urgent": x}',
        "expected value at line 1 column 38",
    ),
    (
        "conf::Message",
        '{"type": "nope", "body": x}',
        "unknown variant `nope`, expected one of `ping`, `text`, `txt`, `moved`, `headers`, "
        "`empty`, `batch` at line 1 column 15",
    ),
    ("conf::Message", '{"body": 1, "type": "txt" x', "expected `,` or `}` at line 1 column 27"),
    (
        "conf::Block",
        '["break", 1x]',
        "invalid type: integer `1`, expected unit variant Block::Break at line 1 column 11",
    ),
    (
        "conf::Block",
        '{"t": "span", "c": [1, "x" 2]}',
        'invalid type: string "x", expected u32 at line 1 column 26',
    ),
    (
        "conf::Block",
        '{"t": "zz", "c": }',
        "unknown variant `zz`, expected one of `break`, `para`, `span`, `image`, `quote`, "
        "`note` at line 1 column 10",
    ),
    ("conf::Sequences", '{"ints": [1, -1, x', "expected value at line 1 column 18"),
    (
        "HardNegativeConfig",
        '{"mine":1,"k":}',
        "invalid type: integer `1`, expected a boolean at line 1 column 9",
    ),
    (
        "HardNegativeConfig",
        '{"mine": true, "k": 1.5, ',
        "invalid type: floating point `1.5`, expected usize at line 1 column 23",
    ),
    (
        "HardNegativeConfig",
        '{"mine": true, "k": -1 ,,',
        "invalid value: integer `-1`, expected usize at line 1 column 22",
    ),
    (
        "conf::Strict",
        '{"a": 1, "zz" : 2}',
        "unknown field `zz`, expected one of `a`, `b`, `c` at line 1 column 14",
    ),
    ("conf::Strict", '{"a": 1, "a" : 2}', "duplicate field `a` at line 1 column 13"),
]


def _cls(name: str) -> Any:
    return TYPES.get(name) or getattr(jw, name)


@pytest.mark.parametrize("fast", [True, False, "stdlib"])
@pytest.mark.parametrize(("type_name", "text", "answer"), SERDE_JSON_ANSWERS)
def test_serde_json_answer(type_name: str, text: str, answer: str, fast: bool | str) -> None:
    with json_read_path(fast), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(WireError) as caught:
            jw.from_json(text, _cls(type_name), validate=False, unknown="ignore")
    assert rust_text(caught.value, "json") == answer


def test_pinned_answers_are_serde_s(rust: Any) -> None:
    responses = rust.decode_many(("json", t, text) for t, text, _ in SERDE_JSON_ANSWERS)
    assert [r.get("error") for r in responses] == [a for _, _, a in SERDE_JSON_ANSWERS]


@pytest.mark.parametrize(
    ("text", "completed"),
    [
        ('{"mine":1,"k":}', ('{"mine":1,"k": null}', 13)),
        ('{"a": 1, "b": [2, 3', ('{"a": 1, "b": [2, 3]}', 19)),
        ("[1, 2, x]", ("[1, 2]", 5)),
        ("[1x", ("[1]", 2)),  # a number ends where it cannot go on
        ("[1.5.", ("[1.5]", 4)),
        ("[1e5.", ("[1e5]", 4)),
        ("[1.x", ("[]", 1)),  # still being read: not whole
        ("[01", ("[]", 1)),
        ("[nul", ("[]", 1)),
        ('[true, "a\\u12', ("[true]", 5)),
        ('{"a" :x', ('{"a" : null}', 5)),  # a key is checked past its whitespace
        ("{ }x", ("{ }", 3)),
        ("x", None),
        ("", None),
    ],
)
def test_completed_prefix(text: str, completed: tuple[str, int] | None) -> None:
    assert completed_prefix(text) == completed


def test_completed_prefix_is_linear_in_depth() -> None:
    # Each safe point keeps a depth, not a copy of the stack.
    text = "[" * 500 + "1, " * 100_000
    found = completed_prefix(text)
    assert found is not None
    prefix, cut = found
    assert prefix.endswith("]" * 500) and cut == len(text) - 2
