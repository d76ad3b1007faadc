"""Python mirrors of the conformance types in tests/interop/rust/src/conformance.rs.

Declared with the public ``jammi_wire.serde`` API only, as a user mirroring their own
Rust types would, one class per Rust type in the same order. ``TYPES`` maps each
harness name (``conf::<Name>``) to its mirror.

Enum variants whose Rust names clash with another type's name (``Nothing``, ``Moved``,
``Empty``, ``Level``) are declared inside a namespace class so they do not rebind the
module-level name that annotations resolve against.
"""

from __future__ import annotations

import builtins
from typing import Any

from jammi_wire.serde import (
    F32,
    I8,
    I16,
    I32,
    I64,
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    Box,
    BTreeMap,
    Char,
    Isize,
    TaggedEnum,
    UnitEnum,
    Usize,
    field,
    serde_struct,
)

# ───────────────────────────────────────────────────────────── scalars and std types


@serde_struct
class Scalars:
    flag: bool
    tiny: I8
    small: I16
    medium: I32
    large: I64
    byte: U8
    word: U16
    dword: U32
    qword: U64
    single: F32
    double: float
    letter: Char
    text: str


@serde_struct
class Wide:
    signed: I128
    unsigned: U128
    index: Usize
    offset: Isize


@serde_struct
class Floats:
    half: F32
    full: float
    halves: list[F32]
    maybe_half: F32 | None
    by_name: BTreeMap[str, F32]


@serde_struct(kind="tuple")
class Point:
    x: I32 = 0
    y: I32 = 0


@serde_struct
class Optional:
    maybe_int: U8 | None
    maybe_text: str | None
    maybe_list: list[U16] | None
    maybe_point: Box[Point] | None
    list_of_maybe: list[Char | None]


@serde_struct
class Sequences:
    numbers: list[I32]
    words: list[str]
    grid: list[list[U8]]
    flags: list[bool]


@serde_struct
class StringMaps:
    counts: dict[str, U32]
    sorted: BTreeMap[str, float]
    nested: BTreeMap[str, list[str]]


@serde_struct
class IntKeyMaps:
    by_id: BTreeMap[U32, str]
    signed: BTreeMap[int, bool]
    small: dict[U8, I16]
    narrow: BTreeMap[I8, U64]
    wide: BTreeMap[U64, U8 | None]


@serde_struct
class Tuples:
    pair: tuple[I32, str]
    triple: tuple[U8, bool, float]
    nested: tuple[Char, tuple[U16, str | None]]
    # `builtins.`: under `from __future__ import annotations` a field called `list` would
    # shadow the type in its own annotation (typing.get_type_hints reads the class first).
    list: builtins.list[tuple[str, U32]]
    single: tuple[int]


# ───────────────────────────────────────────────────────────── unit / newtype / tuple structs


@serde_struct(kind="unit")
class Nothing:
    pass


@serde_struct(kind="newtype")
class Meters:
    value: float = 0.0


@serde_struct(kind="newtype")
class Label:
    value: str = ""


@serde_struct(kind="tuple")
class Rgb:
    r: U8 = 0
    g: U8 = 0
    b: U8 = 0


@serde_struct
class Shapes:
    unit: None
    nothing: Nothing
    meters: Meters
    origin: Point
    colour: Rgb
    label: Label | None
    maybe_nothing: Nothing | None


@serde_struct
class Boxed:
    boxed: Box[U32]
    boxed_point: Box[Point]
    boxed_label: Box[Label] | None
    boxed_list: Box[list[Box[I8]]]


@serde_struct
class Tree:
    value: I32
    children: list[Tree]


@serde_struct
class Chain:
    id: U16
    next: Box[Chain] | None


@serde_struct(kind="newtype")
class Polyline:
    points: list[Point]


# ───────────────────────────────────────────── enums (Geometry first: Pinned holds one)


class Level(UnitEnum):
    LOW = "LOW"
    MEDIUM_HIGH = "MEDIUM_HIGH"
    MAX = "MAX"

    @classmethod
    def default(cls) -> Level:
        return cls.LOW


class Mode(UnitEnum):
    FAST = "Fast"
    SLOW = "Slow"

    @classmethod
    def default(cls) -> Mode:
        return cls.FAST


class Direction(TaggedEnum):
    pass


class North(Direction):
    pass


class South(Direction, rename="s"):
    pass


class West(Direction, alias=("W", "left")):
    pass


class East(Direction, rename="EAST", alias=("e",)):
    pass


class Geometry(TaggedEnum, rename_all="snake_case"):
    @classmethod
    def default(cls) -> Geometry:
        return _GeometryVariants.Empty()


class _GeometryVariants:
    class Empty(Geometry):
        pass

    class Circle(Geometry, kind="newtype"):
        radius: float

    class Segment(Geometry, kind="tuple"):
        start: Point
        end: Point

    class Rect(Geometry):
        width: F32
        height: F32

    class PolyLine(Geometry, kind="newtype"):
        points: list[Point]

    class Nested(Geometry, kind="newtype"):
        inner: Box[Geometry]

    class Labelled(Geometry, kind="tuple"):
        label: Label
        inner: Box[Geometry] | None


@serde_struct(kind="newtype")
class Pinned:
    geometry: Geometry


# ───────────────────────────────────────────────────────────── struct rename_all, per rule


@serde_struct(rename_all="lowercase")
class RenameLower:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="UPPERCASE")
class RenameUpper:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="PascalCase")
class RenamePascal:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="camelCase")
class RenameCamel:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="snake_case")
class RenameSnake:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="SCREAMING_SNAKE_CASE")
class RenameScreaming:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="kebab-case")
class RenameKebab:
    first_field: U8
    http2_port: U16
    x: bool


@serde_struct(rename_all="SCREAMING-KEBAB-CASE")
class RenameScreamingKebab:
    first_field: U8
    http2_port: U16
    x: bool


# ───────────────────────────────────────────────────────────── field attributes


@serde_struct(rename_all="camelCase")
class Renamed:
    user_id: U64 = field(rename="ID")
    color_name: str = field(alias=("colour", "hue"))
    type_name: str = field(rename="type", alias=("kind",))
    plain_field: bool = field()


def default_ratio() -> float:
    return 0.25


def default_name() -> str:
    return "anonymous"


def default_limits() -> list[int]:
    return [10, 20]


@serde_struct
class Defaults:
    required: I16
    maybe: bool | None
    count: U32 = field(serde_default=True)
    tags: list[str] = field(serde_default=True)
    ratio: float = field(serde_default=default_ratio)
    name: str = field(serde_default=default_name)
    limits: list[U16] = field(serde_default=default_limits)
    origin: Point = field(serde_default=True)
    mode: Mode = field(serde_default=True)
    geometry: Geometry = field(serde_default=True)


def default_extra() -> int:
    return 7


@serde_struct(default=True)
class ContainerDefault:
    retries: U8 = 3
    label: str = "main"
    ratio: F32 = 0.5
    extra: U16 = field(default=1, serde_default=default_extra)
    maybe: I32 | None = -1


@serde_struct(deny_unknown_fields=True)
class Strict:
    a: U8
    b: str | None
    c: bool = field(serde_default=True)


@serde_struct(deny_unknown_fields=True, rename_all="kebab-case")
class StrictRenamed:
    max_len: U32
    min_len: U32 = field(alias=("minLen",))
    scratch: U8 = field(default=0, skip=True)


def is_none(value: Any) -> bool:
    return value is None


def is_empty(value: Any) -> bool:
    return not value


def is_zero(value: int) -> bool:
    return value == 0


@serde_struct
class Skips:
    kept: U8
    cache: U32 = field(default=0, skip=True)
    note: str | None = field(default=None, skip_serializing_if=is_none)
    items: list[U8] = field(factory=list, serde_default=True, skip_serializing_if=is_empty)
    offset: I32 = field(default=0, serde_default=True, skip_serializing_if=is_zero)


def even(value: int) -> str | None:
    return None if value % 2 == 0 else f"expected an even number, got {value}"


def percent(value: float) -> str | None:
    return None if 0.0 <= value <= 100.0 else "percentage must be within 0..=100"


def nonempty(value: list[str]) -> str | None:
    return None if value else "at least one name is required"


@serde_struct
class Checked:
    even: U32 = field(deserialize_check=even)
    percent: float = field(deserialize_check=percent)
    names: list[str] = field(deserialize_check=nonempty)


@serde_struct(transparent=True)
class UserId:
    id: U64


@serde_struct(transparent=True)
class Tags:
    items: list[str]
    count: Usize = field(default=0, skip=True)


@serde_struct(transparent=True)
class Registry:
    entries: BTreeMap[U16, Label]


# ───────────────────────────────────────────────────────────── more enums


class Event(TaggedEnum, rename_all="kebab-case", rename_all_fields="camelCase"):
    pass


class _EventVariants:
    class Started(Event, rename="start!"):
        at_time: U64

    class Stopped(Event, alias=("halt", "quit")):
        exit_code: I32
        reason_text: str | None

    class Paused(Event, rename_all="SCREAMING_SNAKE_CASE"):
        resume_after: U32
        by_user: bool

    class KeepAlive(Event):
        pass

    class TimedOut(Event, kind="newtype"):
        seconds: U32

    class Moved(Event, kind="tuple"):
        dx: I32
        dy: I32


class Optimizer(TaggedEnum, rename_all="kebab-case", deny_unknown_fields=True):
    pass


class AdamW(Optimizer):
    beta_one: float
    beta_two: float


class Sgd(Optimizer):
    momentum: F32
    nesterov: bool = field(serde_default=True)


class Constant(Optimizer):
    pass


class Named(Optimizer, kind="newtype"):
    name: str


@serde_struct
class Movement:
    dx: I32
    dy: I32


class Message(TaggedEnum, tag="type", rename_all="snake_case"):
    pass


class _MessageVariants:
    class Ping(Message):
        pass

    class Text(Message, rename="txt", alias=("text",)):
        body: str
        urgent: bool = field(serde_default=True)

    class Moved(Message, kind="newtype"):
        movement: Movement

    class Headers(Message, kind="newtype"):
        headers: BTreeMap[str, str]

    class Empty(Message, kind="newtype"):
        nothing: Nothing

    class Batch(Message):
        items: list[Message]


class Command(TaggedEnum, tag="op", deny_unknown_fields=True):
    pass


class Reset(Command):
    pass


class Add(Command):
    value: int


class Scale(Command):
    factor: F32
    clamp: F32 | None = field(serde_default=True)


class Block(TaggedEnum, tag="t", content="c", rename_all="lowercase"):
    pass


class Break(Block):
    pass


class Para(Block, kind="newtype"):
    text: str


class Span(Block, kind="tuple"):
    start: U32
    end: U32


class Image(Block):
    src: str
    alt: str | None


class Quote(Block, kind="newtype"):
    inner: Box[Block]


class Note(Block, kind="newtype"):
    text: str | None


class Signal(TaggedEnum, tag="kind", content="data", deny_unknown_fields=True):
    pass


class _SignalVariants:
    class On(Signal):
        pass

    class Level(Signal, kind="newtype"):
        level: U8

    class Window(Signal):
        from_: U16 = field(rename="from")
        to: U16 = field()


class Scalar(TaggedEnum, untagged=True):
    pass


class _ScalarVariants:
    class Flag(Scalar, kind="newtype"):
        value: bool

    class Int(Scalar, kind="newtype"):
        value: int

    class Big(Scalar, kind="newtype"):
        value: U64

    class Float(Scalar, kind="newtype"):
        value: float

    class Text(Scalar, kind="newtype"):
        value: str

    class List(Scalar, kind="newtype"):
        items: list[Scalar]

    class Pair(Scalar):
        key: str
        value: Box[Scalar]

    class Nothing(Scalar):
        pass


class Contact(TaggedEnum, untagged=True, deny_unknown_fields=True):
    pass


class Email(Contact):
    email: str


class Phone(Contact):
    phone: str
    ext: U16 | None = field(serde_default=True)


class Both(Contact, kind="tuple"):
    first: str
    second: str


@serde_struct
class Glyph:
    width: F32
    ch: Char


class Widened(TaggedEnum, rename_all="lowercase"):
    pass


class _WidenedVariants:
    class Struct(Widened):
        ch: Char
        width: F32
        glyph: Glyph

    class Tuple(Widened, kind="tuple"):
        ch: Char
        width: F32

    class Newtype(Widened, kind="newtype"):
        glyph: Glyph

    class Letter(Widened, kind="newtype"):
        ch: Char


# ───────────────────────────────────────────────────────────── nesting of all of these


@serde_struct(rename_all="camelCase")
class Document:
    id: UserId
    title: Label
    level: Level
    shape: Geometry
    blocks: list[Block]
    messages: BTreeMap[U16, Message]
    meta: dict[str, Scalar]
    events: list[Event] | None
    tree: Tree | None
    extra: tuple[Direction, Optimizer]
    contact: Contact
    signal: Signal | None = field(serde_default=True, skip_serializing_if=is_none)
    tags: Tags = field()


@serde_struct
class Outer:
    checked: list[Checked]
    strict: Strict | None
    defaults: BTreeMap[str, Defaults]
    commands: list[Command]
    renamed: Box[Renamed]
    skips: Skips


TYPES: dict[str, Any] = {
    f"conf::{cls.__name__}": cls
    for cls in (
        Scalars, Wide, Floats, Optional, Sequences, StringMaps, IntKeyMaps, Tuples, Nothing,
        Meters, Label, Point, Rgb, Shapes, Boxed, Tree, Chain, Polyline, Pinned, RenameLower,
        RenameUpper, RenamePascal, RenameCamel, RenameSnake, RenameScreaming, RenameKebab,
        RenameScreamingKebab, Renamed, Defaults, ContainerDefault, Strict, StrictRenamed, Skips,
        Checked, UserId, Tags, Registry, Level, Mode, Direction, Geometry, Event, Optimizer,
        Movement, Message, Command, Block, Signal, Scalar, Contact, Document, Outer, Glyph,
        Widened,
    )
}  # fmt: skip

# Types whose values hold a HashMap: serde writes it in hash order, we in insertion order.
HASHMAP_TYPES = frozenset({"conf::StringMaps", "conf::IntKeyMaps", "conf::Document"})
