"""The public serde layer on types of our own: wire forms and misuse at declaration.

Every literal expectation here was produced by serde 1.0 / serde_json 1.0.149 /
serde_yaml 0.9.34 (the harness crate's versions); the conformance suite checks the
same behaviours against the live harness on many more types.
"""

from __future__ import annotations

import pytest

import jammi_wire as jw
from jammi_wire.serde import (
    F32,
    U8,
    U16,
    U32,
    BTreeMap,
    Char,
    TaggedEnum,
    Usize,
    field,
    serde_struct,
)
from jammi_wire.serde.floats import f32_text, to_f32

from .future_types import Later, Node


class Optimizer(TaggedEnum, rename_all="kebab-case"):
    pass


class AdamW(Optimizer):
    beta_one: float


class Warmup(TaggedEnum, rename_all="snake_case", deny_unknown_fields=True):
    pass


class Steps(Warmup, kind="newtype"):
    value: Usize


class Ratio(Warmup, kind="newtype"):
    value: float


class Span(Warmup, kind="tuple"):
    start: U8
    end: float


class Task(TaggedEnum, tag="task", rename_all="snake_case"):
    pass


class Scored(Task):
    score: F32
    extra: BTreeMap[str, str] = field(factory=dict, serde_default=True)


class Empty(Task):
    pass


@serde_struct(deny_unknown_fields=True, rename_all="camelCase")
class Settings:
    beta_one: F32
    rank: U32 = field(alias="r")
    grade: U8 = field(deserialize_check=lambda v: None if v < 100 else f"grade too high, got {v}")
    keys: dict[U16, str] = field(factory=dict, serde_default=True)
    pairs: list[tuple[Usize, float]] = field(factory=list, serde_default=True)
    letter: Char = field(default="x", serde_default=True)


def test_enum_rename_all_renames_variants_not_fields() -> None:
    value = Optimizer.AdamW(beta_one=0.9)
    assert jw.to_json(value) == '{"adam-w":{"beta_one":0.9}}'
    assert jw.from_json('{"adam-w":{"beta_one":0.9}}', Optimizer) == value


@pytest.mark.parametrize(
    ("value", "json_text", "yaml_text"),
    [
        (0.1, "0.1", "0.1"),
        (1e13, "1e+13", "1e13"),
        (1e-5, "0.00001", "0.00001"),
        (1e-7, "1e-7", "1e-7"),
        (3.4028234663852886e38, "3.4028235e+38", "3.4028235e38"),
        (16777216.0, "16777216.0", "16777216.0"),
        (123456.79, "123456.79", "123456.79"),
        (1.5e-45, "1e-45", "1e-45"),
    ],
)
def test_f32_text(value: float, json_text: str, yaml_text: str) -> None:
    single = to_f32(value)
    assert f32_text(single, plus=True) == json_text
    assert f32_text(single, plus=False) == yaml_text


def test_f32_fields_read_and_write() -> None:
    settings = jw.from_json('{"betaOne": 0.1, "rank": 1, "grade": 2}', Settings)
    assert settings.beta_one == to_f32(0.1)
    assert jw.to_json(settings).startswith('{"betaOne":0.1,')
    with pytest.raises(jw.WireError, match=r"^betaOne: number out of range at line 1 column 16$"):
        jw.from_json('{"betaOne": 1e39, "rank": 1, "grade": 2}', Settings)


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ('{"70000": "a"}', "invalid value: integer `70000`, expected u16"),
        ('{"a": "b"}', "invalid value: expected key to be a number in quotes"),
        ('{"1.5": "b"}', "invalid type: floating point `1.5`, expected u16"),
        ('{"-0": "b"}', "invalid type: floating point `-0.0`, expected u16"),
        ('{"1x": "b"}', 'expected `"`'),
    ],
)
def test_integer_map_keys_in_json(keys: str, message: str) -> None:
    text = '{"betaOne": 1, "rank": 1, "grade": 2, "keys": ' + keys + "}"
    with pytest.raises(jw.WireError) as caught:
        jw.from_json(text, Settings)
    assert caught.value.message == message
    assert jw.from_json(text.replace(keys, '{"3": "x"}'), Settings).keys == {3: "x"}


def test_integer_keys_written() -> None:
    settings = Settings(beta_one=1.0, rank=1, grade=2, keys={3: "x"})
    assert '"keys":{"3":"x"}' in jw.to_json(settings)
    assert "keys:\n  3: x\n" in jw.to_yaml(settings)
    assert jw.from_yaml(jw.to_yaml(settings), Settings) == settings


def test_tuples() -> None:
    base = '{"betaOne": 1, "rank": 1, "grade": 2, "pairs": '
    with pytest.raises(jw.WireError) as caught:
        jw.from_json(base + "[[1]]}", Settings)
    assert caught.value.message == "invalid length 1, expected a tuple of size 2"
    with pytest.raises(jw.WireError) as caught:
        jw.from_json(base + "[[1, 0.5, 3]]}", Settings)
    assert caught.value.message == "trailing characters"
    with pytest.raises(jw.WireError) as caught:
        jw.from_yaml("betaOne: 1\nrank: 1\ngrade: 2\npairs: [[1, 2, 3]]\n", Settings)
    assert caught.value.message == "invalid length 3, expected sequence of 2 elements"


def test_char() -> None:
    with pytest.raises(jw.WireError) as caught:
        jw.from_json('{"betaOne": 1, "rank": 1, "grade": 2, "letter": "ab"}', Settings)
    assert caught.value.message == 'invalid value: string "ab", expected a character'


def test_alias_deny_unknown_fields_and_deserialize_check() -> None:
    assert jw.from_json('{"betaOne": 1, "r": 7, "grade": 2}', Settings).rank == 7
    with pytest.raises(jw.WireError) as caught:
        jw.from_json('{"betaOne": 1, "rank": 1, "grade": 2, "x": 1}', Settings)
    assert caught.value.message.startswith("unknown field `x`, expected one of `betaOne`, ")
    with pytest.raises(jw.WireError) as caught:
        jw.from_json('{"betaOne": 1, "rank": 1, "grade": 200}', Settings)
    assert caught.value.message == "grade too high, got 200"
    assert caught.value.path == ("grade",)


def test_newtype_and_tuple_variants() -> None:
    assert jw.to_json(Warmup.Steps(5)) == '{"steps":5}'
    assert jw.to_yaml(Warmup.Steps(5)) == "!steps 5\n"
    assert jw.to_yaml(Warmup.Span(1, 0.5)) == "!span\n- 1\n- 0.5\n"
    assert jw.from_yaml("!ratio 0.25", Warmup) == Warmup.Ratio(0.25)
    assert jw.from_json('{"span": [1, 0.5]}', Warmup) == Warmup.Span(1, 0.5)
    with pytest.raises(jw.WireError) as caught:
        jw.from_json('"steps"', Warmup)
    assert caught.value.message == "invalid type: unit variant, expected newtype variant"
    match Warmup.Steps(3):
        case Warmup.Steps(n):
            assert n == 3


def test_internally_tagged() -> None:
    value = Task.Scored(score=0.5, extra={"b": "1", "a": "2"})
    assert jw.to_json(value) == '{"task":"scored","score":0.5,"extra":{"a":"2","b":"1"}}'
    assert jw.from_json('{"score": 0.5, "task": "scored"}', Task) == Task.Scored(score=0.5)
    assert jw.to_json(Task.Empty()) == '{"task":"empty"}'
    # Through serde's Content buffer an f32 is cast from f64: 1e39 becomes infinity.
    assert jw.from_json('{"task": "scored", "score": 1e39}', Task) == Task.Scored(
        score=float("inf")
    )
    for text, message in [
        ('{"score": 0.5}', "missing field `task`"),
        ('{"task": "nope"}', "unknown variant `nope`, expected `scored` or `empty`"),
        ('{"task": "empty", "task": "empty"}', "duplicate field `task`"),
    ]:
        with pytest.raises(jw.WireError) as caught:
            jw.from_json(text, Task)
        assert caught.value.message == message


def test_postponed_annotations_keep_constructor_checks() -> None:
    with pytest.raises(jw.WireError):
        Later(n=-5)
    with pytest.raises(jw.WireError):
        Node(weight=300)
    assert jw.from_json('{"n": 1, "child": {"weight": 2}}', Later) == Later(1, Node(2))


@pytest.mark.parametrize(
    ("declare", "message"),
    [
        (
            lambda: serde_struct(rename_all="kebab")(type("A", (), {"__annotations__": {}})),
            "rename_all='kebab' is not one of serde's rules",
        ),
        (lambda: field(flatten=True), "#[serde(flatten)] is not supported"),
    ],
)
def test_misuse_fails_at_declaration(declare: object, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        declare()  # type: ignore[operator]
    assert message in str(caught.value)


def test_serde_default_needs_a_default_at_declaration() -> None:
    from jammi_wire.serde import UnitEnum

    class Mode(UnitEnum):
        FAST = "fast"

    with pytest.raises(TypeError, match="serde_default=True needs a Default for enum Mode"):

        @serde_struct
        class Uses:
            mode: Mode = field(default=Mode.FAST, serde_default=True)


def test_internal_tag_cannot_hold_tuple_variants() -> None:
    class Shape(TaggedEnum, tag="kind"):
        pass

    with pytest.raises(TypeError, match="cannot have tuple variants"):

        class Pair(Shape, kind="tuple"):
            a: int
            b: int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # serde_json 1.0.149 reads these straight from the text; through f64 they would
        # land on an f32 halfway point and round the other way.
        ("1.0000000596046448", "1.0000001"),
        ("3.4028235677973366e38", "3.4028235e+38"),
        ("0.1", "0.1"),
    ],
)
def test_json_f32_is_read_from_its_text(text: str, expected: str) -> None:
    settings = jw.from_json(f'{{"betaOne": {text}, "rank": 1, "grade": 2}}', Settings)
    assert f32_text(settings.beta_one, plus=True) == expected
