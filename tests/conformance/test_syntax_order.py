"""serde_json types each value as it reads it: a problem in a value (or a key) read
before a syntax error is what it reports, not the syntax error.

``from_json`` parses the whole text first, so on a syntax error it reads the values
serde_json had read whole (``_json_text.completed_prefix``: that prefix with the open
containers closed) and keeps an error placed before the added brackets. The answers
below are serde_json's (1.0.149, through the harness); ``test_pinned_answers_are_serde_s``
checks them against it when cargo is there. A probe of 20,250 mutated vector documents
(every stored JSON vector, six syntax-breaking edits each) found 3,737 error texts
different from serde_json's before this reading and 570 after, none new; 344 after
serde_json's comma rules (below: a key or a value is due after a comma, and values
serde skips are read by a reader without trailing commas), 131 after an enum's
first-character rule, 96 after the end of fixed-length lists and 59 after the end of
enums written as maps and 43 after 128-bit integers' first character, newlines and
cut escapes (below), none new. ``test_syntax_mutations.py`` keeps that probe.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from compare import json_read_path, rust_text
from mirrors import TYPES

import jammi_wire as jw
from jammi_wire import WireError
from jammi_wire.preconf._json_text import (
    completed_prefix,
    due_path,
    list_at_break,
    object_at_break,
    scan_break,
    value_due,
)
from jammi_wire.preconf.json import _first_character_refusal
from jammi_wire.serde.model import (
    fixed_length_at,
    shape_at,
    shape_of,
    skipped_at,
    variant_map_at,
)

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
    # After a comma serde_json wants a key in an object and a value in a list: only the
    # container's own bracket is a trailing comma.
    ("FineTuneConfig", '{"lora_rank": 8,]}', "key must be a string at line 1 column 17"),
    ("conf::Sequences", '{"numbers": [1, -1,}', "expected value at line 1 column 20"),
    # A value serde skips (an unknown or skipped field's) is read by a reader with no
    # trailing-comma error; a skipped object cut after a comma ends "while parsing an
    # object". A field that is read keeps the usual answer.
    ("FineTuneConfig", '{"lora_rank": 8, "zz": [1,]}', "expected value at line 1 column 27"),
    (
        "FineTuneConfig",
        '{"lora_rank": 8, "zz": {"a": 1,}}',
        "key must be a string at line 1 column 32",
    ),
    (
        "FineTuneConfig",
        '{"lora_rank": 8, "zz": {"a": 1,',
        "EOF while parsing an object at line 1 column 31",
    ),
    (
        "FineTuneConfig",
        '{"lora_rank": 8, "zz": {"a":',
        "EOF while parsing a value at line 1 column 28",
    ),
    (
        "FineTuneConfig",
        '{"hard_negatives": {"mine": true, "zz": [{"b": [1, 2,]}]}}',
        "expected value at line 1 column 54",
    ),
    ("conf::Skips", '{"kept": 1, "cache": [1,]}', "expected value at line 1 column 25"),
    ("conf::Skips", '{"kept": 1, "items": [1,]}', "trailing comma at line 1 column 25"),
    (
        "conf::Strict",
        '{"a": 1, "zz": [1,]}',
        "unknown field `zz`, expected one of `a`, `b`, `c` at line 1 column 13",
    ),
    # An enum that names its variant is a string or a map: its reader says "expected
    # value" at the first character of anything else, before reading it; an option
    # reads `null` first, a skipped value and an internally tagged enum read it all.
    ("conf::Direction", "nu]ll", "expected value at line 1 column 1"),
    ("conf::Direction", "  -x1", "expected value at line 1 column 3"),
    ("conf::Pinned", "tru", "expected value at line 1 column 1"),
    ("FineTuneConfig", '{"lr_schedule": 1.x}', "expected value at line 1 column 17"),
    ("FineTuneConfig", '{"embedding_loss": tru}', "expected value at line 1 column 20"),
    ("FineTuneConfig", '{"embedding_loss": nul}', "expected ident at line 1 column 23"),
    ("FineTuneConfig", '{"zz": tru}', "expected ident at line 1 column 11"),
    ("conf::Message", '{"type": "ping", "x": tru}', "expected ident at line 1 column 26"),
    ("conf::Document", '{"events": ["keep-alive",]}', "trailing comma at line 1 column 26"),
    # A list of fixed length ends once its last element is read: anything but `]` (or
    # `,]`) after it is "trailing characters", broken or not.
    ("conf::Point", "[1, 2, ,3]", "trailing characters at line 1 column 8"),
    ("conf::Point", "[1, 2x]", "trailing characters at line 1 column 6"),
    ("conf::Point", "[1, 2,]", "trailing comma at line 1 column 7"),
    ("conf::Point", "[1 2]", "expected `,` or `]` at line 1 column 4"),
    ("conf::Tuples", '{"pair": [1, "a" 3]}', "trailing characters at line 1 column 18"),
    ("conf::Widened", '{"tuple": ["a", 0.1x]}', "trailing characters at line 1 column 20"),
    # An enum written as a map ends after its one entry: anything but `}` there is
    # "expected value", placed at the last character read (column 0 after a newline).
    ("BackboneDtype", '{"bf16": null]}', "expected value at line 1 column 13"),
    ("EmbeddingLoss", '{"triplet": {"margin": 1},, "x": 1}', "expected value at line 1 column 25"),
    ("conf::Event", '{"keep-alive": null\n, ', "expected value at line 2 column 0"),
    ("conf::Event", '{"keep-alive": null ', "EOF while parsing an object at line 1 column 20"),
    (
        "FineTuneConfig",
        '{"embedding_loss": {"triplet": {"margin": 1} x}}',
        "expected value at line 1 column 45",
    ),
    (
        "FineTuneConfig",
        '{"embedding_loss": {"triplet": {"margin": 1, "zz": [1,]}}}',
        "expected value at line 1 column 55",
    ),
    # A 128-bit integer is read from its digits: anything else at its first character
    # is "invalid number" (a struct written as a list reads its fields in order).
    ("conf::Wide", "[x]", "invalid number at line 1 column 2"),
    ("conf::Wide", '{"signed": :-1}', "invalid number at line 1 column 12"),
    ("conf::Wide", '{"signed": "1', "invalid number at line 1 column 12"),
    # An error at a newline is placed at the start of the next line; a \\u escape cut
    # short by the end of the text is "EOF while parsing a string".
    ("conf::ContainerDefault", '{\n  "maybe": nul\n}', "expected ident at line 3 column 0"),
    ("conf::Floats", '{"half": 1.\n}', "invalid number at line 2 column 0"),
    ("conf::Scalar", '["\\ud8', "EOF while parsing a string at line 1 column 6"),
    # an empty object before a skipped list's trailing comma
    ("FineTuneConfig", '{"lora_rank": 8, "zz": [{}, "a",]}', "expected value at line 1 column 33"),
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


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"a": [1, {"b": [2,', ["a", 1, "b"]),
        ('{"a": 1, "b": {}, "c": [', ["c"]),
        ('[[1], [2, 3], {"k\\"": {', [2, 'k"']),  # keys are decoded
        ('{"a": "x,[{", "b": [', ["b"]),  # brackets in strings are text
        ("[", []),
        ('[{}, "x", [', [2]),  # an empty object wants no key after it
    ],
)
def test_open_containers_path(text: str, path: list[Any]) -> None:
    assert scan_break(text).steps == path


@pytest.mark.parametrize(
    ("type_name", "path", "skipped"),
    [
        ("FineTuneConfig", ["zz"], True),
        ("FineTuneConfig", ["zz", 3, "a"], True),
        ("FineTuneConfig", ["hard_negatives", "zz"], True),
        ("FineTuneConfig", ["hard_negatives"], False),
        ("FineTuneConfig", [], False),
        ("conf::Skips", ["cache"], True),  # a field serde never deserializes
        ("conf::Skips", ["items", 0], False),
        ("conf::Strict", ["zz"], False),  # refused at its key
        ("conf::Sequences", ["grid", 0, 1], False),
        ("conf::Block", ["c", "zz"], False),  # enums are not followed
    ],
)
def test_skipped_at(type_name: str, path: list[Any], skipped: bool) -> None:
    assert skipped_at(shape_of(_cls(type_name)), path) is skipped


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("nul", 0),
        ("  -x", 2),
        ('{"a": 1, "b": tru}', 14),
        ("[1, 2, 1.x]", 7),
        ("[1, 2x]", None),  # a value was read; a comma or the end is due
        ('{"a": 1, nul}', None),  # a key is due
        ("[1, ", None),  # the text ended
    ],
)
def test_value_due(text: str, due: int | None) -> None:
    assert value_due(text) == due


def test_due_path() -> None:
    assert due_path(scan_break('{"a": [1, {"b": x')) == ["a", 1, "b"]
    assert due_path(scan_break("[1, 2, x")) == [2]
    assert due_path(scan_break("x")) == []


@pytest.mark.parametrize(
    ("type_name", "path", "first", "refusal"),
    [
        ("conf::Direction", [], "n", "expected value"),
        ("conf::Pinned", [], "t", "expected value"),  # a newtype struct holds its value
        ("FineTuneConfig", ["lr_schedule"], "1", "expected value"),
        ("FineTuneConfig", ["lr_schedule"], '"', None),
        ("FineTuneConfig", ["embedding_loss"], "t", "expected value"),
        ("FineTuneConfig", ["embedding_loss"], "n", None),  # an option reads null first
        ("FineTuneConfig", ["zz"], "t", None),  # skipped
        ("FineTuneConfig", ["lora_rank"], "t", None),
        ("conf::Message", [], "t", None),  # internally tagged: read whole first
        ("conf::Wide", ["signed"], "x", "invalid number"),  # a 128-bit integer
        ("conf::Wide", ["signed"], "-", None),
    ],
)
def test_first_character_refusal(
    type_name: str, path: list[Any], first: str, refusal: str | None
) -> None:
    found = _first_character_refusal(shape_at(shape_of(_cls(type_name)), path), first, False)
    assert (None if found is None else found.value) == refusal


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("[1, 2x]", (5, [], 2)),
        ('{"a": [[1], 2, ,', (15, ["a"], 2)),
        ("[", None),  # the end of the text
        ('{"a": 1 x', None),  # in an object
    ],
)
def test_list_at_break(text: str, found: tuple[int, list[Any], int] | None) -> None:
    assert list_at_break(text) == found


@pytest.mark.parametrize(
    ("type_name", "path", "length"),
    [
        ("conf::Point", [], 2),  # a tuple struct
        ("conf::Tuples", ["triple"], 3),
        ("conf::Tuples", ["list", 4], 2),
        ("conf::Tuples", ["list"], None),
        ("HardNegativeConfig", [], 4),  # a struct's fields written as a list
        ("conf::Skips", [], 4),  # less the field serde never reads
        ("FineTuneConfig", ["zz"], None),
    ],
)
def test_fixed_length_at(type_name: str, path: list[Any], length: int | None) -> None:
    assert fixed_length_at(shape_of(_cls(type_name)), path) == length


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('{"a": 1 x', (8, [], 1)),
        ('{"a": {"b": [1]} ,, "c"', (17, [], 1)),  # after the comma: the comma
        ('{"a": 1, "b": 2 x', (16, [], 2)),
        ('{"a": 1', None),  # nothing follows the value
        ("{x", None),  # no value read in it
        ("[1 x", None),  # in a list
    ],
)
def test_object_at_break(text: str, found: tuple[int, list[Any], int] | None) -> None:
    assert object_at_break(text) == found


@pytest.mark.parametrize(
    ("type_name", "path", "variant_map"),
    [
        ("BackboneDtype", [], True),  # a unit-only enum
        ("EmbeddingLoss", [], True),
        ("FineTuneConfig", ["embedding_loss"], True),  # through the option
        ("conf::Message", [], False),  # internally tagged
        ("FineTuneConfig", ["hard_negatives"], False),
        ("FineTuneConfig", ["zz"], False),
    ],
)
def test_variant_map_at(type_name: str, path: list[Any], variant_map: bool) -> None:
    assert variant_map_at(shape_of(_cls(type_name)), path) is variant_map


def test_routes_go_into_externally_tagged_variants() -> None:
    config = shape_of(jw.FineTuneConfig)
    assert skipped_at(config, ["embedding_loss", "triplet", "zz"])
    assert not skipped_at(config, ["embedding_loss", "triplet", "margin"])
    assert not skipped_at(config, ["embedding_loss", "nope", "zz"])  # refused by name first
    assert fixed_length_at(shape_of(_cls("conf::Widened")), ["tuple"]) == 2
