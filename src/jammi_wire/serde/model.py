"""How Python types map onto serde's data model.

A domain module declares Rust types with three tools: :func:`serde_struct` for a
``#[derive(Serialize, Deserialize)] struct``, :class:`UnitEnum` for an enum whose
variants carry no data, and :class:`TaggedEnum` for an externally tagged enum with
data. :func:`shape_of` turns any supported type into a :class:`Shape`, the single
description that structuring, unstructuring, the JSON writer and validation of
constructor arguments are all derived from.
"""

from __future__ import annotations

import contextlib
import enum
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, TypeVar, Union, get_args, get_origin, get_type_hints

import attrs

from .._errors import WireError
from .naming import RenameRule, rename_field, rename_variant

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - exercised on 3.10 only
    from typing_extensions import dataclass_transform

__all__ = [
    "I64",
    "MISSING_REQUIRED",
    "USIZE_MAX",
    "BoolShape",
    "FieldMeta",
    "FieldSpec",
    "FloatShape",
    "IntShape",
    "MapShape",
    "OptionShape",
    "SeqShape",
    "Shape",
    "StrShape",
    "StructShape",
    "TaggedEnum",
    "TaggedEnumShape",
    "UnitEnum",
    "UnitEnumShape",
    "Usize",
    "field",
    "replace",
    "serde_struct",
    "shape_of",
]

USIZE_MAX = 2**64 - 1
I64_MIN = -(2**63)
I64_MAX = 2**63 - 1


class _IntKind:
    """``Annotated`` marker naming a Rust integer type and its range."""

    __slots__ = ("maximum", "minimum", "name")

    def __init__(self, name: str, minimum: int, maximum: int) -> None:
        self.name = name
        self.minimum = minimum
        self.maximum = maximum


Usize = Annotated[int, _IntKind("usize", 0, USIZE_MAX)]
"""Rust ``usize`` (64-bit): an ``int`` in ``0..=2**64-1``."""
I64 = Annotated[int, _IntKind("i64", I64_MIN, I64_MAX)]
"""Rust ``i64``; a bare ``int`` annotation means the same."""


# ── shapes ──────────────────────────────────────────────────────────────────


class Shape:
    """A node of serde's data model, as the Rust type sees it."""

    __slots__ = ()
    expecting: str = ""

    def type_default(self) -> Any:
        """``Default::default()`` for this type, used by ``#[serde(default)]`` fields."""
        raise TypeError(f"{self.expecting} has no Default")


class IntShape(Shape):
    __slots__ = ("expecting", "maximum", "minimum")

    def __init__(self, kind: _IntKind) -> None:
        self.expecting = kind.name
        self.minimum = kind.minimum
        self.maximum = kind.maximum

    def type_default(self) -> int:
        return 0


class FloatShape(Shape):
    __slots__ = ()
    expecting = "f64"

    def type_default(self) -> float:
        return 0.0


class BoolShape(Shape):
    __slots__ = ()
    expecting = "a boolean"

    def type_default(self) -> bool:
        return False


class StrShape(Shape):
    __slots__ = ()
    expecting = "a string"

    def type_default(self) -> str:
        return ""


class OptionShape(Shape):
    __slots__ = ("expecting", "inner")

    def __init__(self, inner: Shape) -> None:
        self.inner = inner
        self.expecting = "option"

    def type_default(self) -> None:
        return None


class SeqShape(Shape):
    __slots__ = ("inner",)
    expecting = "a sequence"

    def __init__(self, inner: Shape) -> None:
        self.inner = inner

    def type_default(self) -> list[Any]:
        return []


class MapShape(Shape):
    """``HashMap<String, V>``: serde maps with string keys."""

    __slots__ = ("value",)
    expecting = "a map"

    def __init__(self, value: Shape) -> None:
        self.value = value

    def type_default(self) -> dict[str, Any]:
        return {}


MISSING_REQUIRED: Any = attrs.NOTHING
"""``FieldSpec.missing`` for a field serde requires on the wire."""


class FieldSpec:
    """One struct field: its attribute, wire name, shape and what a missing key means."""

    __slots__ = ("attr", "doc", "missing", "missing_in_seq", "shape", "wire")

    def __init__(
        self,
        attr: str,
        wire: str,
        shape: Shape,
        missing: Callable[[], Any] | None,
        missing_in_seq: Callable[[], Any] | None,
        doc: str,
    ) -> None:
        self.attr = attr
        self.wire = wire
        self.shape = shape
        # None: required; otherwise called for the value of an absent key.
        self.missing = missing
        # The sequence form fills only `#[serde(default)]` fields: an absent Option
        # element is an error there.
        self.missing_in_seq = missing_in_seq
        self.doc = doc


class StructShape(Shape):
    __slots__ = ("cls", "expecting", "fast_init", "fields", "name")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.expecting = f"struct {cls.__name__}"
        # Our own structs are built without re-running their converters (the decoder
        # already checked every value); a user's attrs class gets its own __init__.
        self.fast_init = bool(getattr(cls, "__serde_struct__", False))
        self.fields: tuple[FieldSpec, ...] = ()

    def type_default(self) -> Any:
        return self.cls()


class UnitEnumShape(Shape):
    __slots__ = ("by_wire", "cls", "expecting", "name", "wire_names")

    def __init__(self, cls: type[UnitEnum]) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.expecting = f"enum {cls.__name__}"
        self.by_wire: dict[str, UnitEnum] = {member.value: member for member in cls}
        self.wire_names = tuple(self.by_wire)

    def type_default(self) -> Any:
        return self.cls.default()


class VariantSpec:
    """One variant of a tagged enum: unit (``struct is None``) or struct-like."""

    __slots__ = ("cls", "struct", "wire")

    def __init__(self, cls: type, wire: str, struct: StructShape | None) -> None:
        self.cls = cls
        self.wire = wire
        self.struct = struct


class TaggedEnumShape(Shape):
    __slots__ = ("base", "by_class", "by_wire", "expecting", "name", "wire_names")

    def __init__(self, base: type[TaggedEnum]) -> None:
        self.base = base
        self.name = base.__name__
        self.expecting = f"enum {base.__name__}"
        self.by_wire: dict[str, VariantSpec] = {}
        self.by_class: dict[type, VariantSpec] = {}
        self.wire_names: tuple[str, ...] = ()

    def type_default(self) -> Any:
        return self.base.default()


# ── declaring types ─────────────────────────────────────────────────────────


class FieldMeta:
    """What ``field()`` records about a struct field beyond its Python default."""

    __slots__ = ("doc", "serde_default")

    def __init__(self, serde_default: bool | Callable[[], Any], doc: str) -> None:
        self.serde_default = serde_default
        self.doc = doc


_META_KEY = "jammi_wire.serde"


def field(
    *,
    default: Any = attrs.NOTHING,
    factory: Callable[[], Any] | None = None,
    serde_default: bool | Callable[[], Any] = False,
    doc: str = "",
) -> Any:
    """Declare a struct field.

    ``default``/``factory`` give the Python constructor's default (Rust's
    ``impl Default``). ``serde_default`` is the wire rule for an absent key:
    ``False`` (required unless the type is ``Option``), ``True`` for
    ``#[serde(default)]`` (the field type's own default) or a function for
    ``#[serde(default = "path")]``.
    """
    metadata = {_META_KEY: FieldMeta(serde_default, doc)}
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


def field_meta(attribute: attrs.Attribute[Any]) -> FieldMeta | None:
    meta = attribute.metadata.get(_META_KEY)
    return meta if isinstance(meta, FieldMeta) else None


def _attach_converters(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    # Imported here: checks depends on this module's shapes.
    from .checks import argument_converter

    out = []
    for attribute in fields:
        if attribute.type is None or isinstance(attribute.type, str):
            out.append(attribute)
            continue
        shape = shape_of(attribute.type)
        out.append(attribute.evolve(converter=argument_converter(shape, attribute.name)))
    return out


_C = TypeVar("_C", bound=type)
_T = TypeVar("_T")


@dataclass_transform(field_specifiers=(field, attrs.field))
def serde_struct(cls: _C) -> _C:
    """A Rust struct: an attrs class whose constructor checks what the wire can carry.

    Assigning an attribute runs the same check, so an object of this class always
    serializes to something serde reads.
    """
    setattr(cls, "__serde_struct__", True)  # noqa: B010 - a dunder mypy can't see
    defined: _C = attrs.define(cls, field_transformer=_attach_converters)
    return defined


_E = TypeVar("_E", bound="UnitEnum")


class UnitEnum(enum.Enum):
    """A Rust enum whose variants carry no data; each member's value is its wire name."""

    @classmethod
    def default(cls: type[_E]) -> _E:
        raise NotImplementedError(f"{cls.__name__} has no Default")


@dataclass_transform(frozen_default=True, field_specifiers=(field, attrs.field))
class TaggedEnum:
    """An externally tagged Rust enum with data: a family of frozen attrs classes.

    Subclass it once for the enum (``class EmbeddingLoss(TaggedEnum,
    rename_all="snake_case")``), then once per variant (``class Triplet(EmbeddingLoss)``).
    Variants become attributes of the enum class (``EmbeddingLoss.Triplet``), are
    instances of it, and work in ``match``.
    """

    __slots__ = ()
    __serde_enum__: ClassVar[type[TaggedEnum] | None] = None
    __serde_rename_all__: ClassVar[RenameRule | None] = None
    __serde_variants__: ClassVar[dict[str, type[TaggedEnum]]]

    def __init_subclass__(cls, rename_all: RenameRule | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        base = cls.__serde_enum__
        if base is None:
            cls.__serde_enum__ = cls
            cls.__serde_rename_all__ = rename_all
            cls.__serde_variants__ = {}
            return
        wire = rename_variant(base.__serde_rename_all__, cls.__name__)
        cls.__serde_wire_name__ = wire  # type: ignore[attr-defined]
        cls.__qualname__ = f"{base.__qualname__}.{cls.__name__}"
        attrs.frozen(cls, slots=False, field_transformer=_attach_converters)
        base.__serde_variants__[wire] = cls
        setattr(base, cls.__name__, cls)

    def __new__(cls, *args: Any, **kwargs: Any) -> TaggedEnum:
        if cls.__serde_enum__ is cls:
            raise TypeError(
                f"{cls.__name__} is an enum: construct one of its variants, "
                f"e.g. {cls.__name__}.{next(iter(cls.__serde_variants__), '...')}(...)"
            )
        return object.__new__(cls)

    @classmethod
    def default(cls) -> TaggedEnum:
        raise NotImplementedError(f"{cls.__name__} has no Default")


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of a struct or variant with some fields changed (``attrs.evolve``), checked
    like a constructor call: convenient for sweeps."""
    # A misspelt field in a sweep is bad input like any other: a WireError naming it,
    # not attrs' TypeError.
    known = {a.name for a in attrs.fields(typing.cast(Any, type(obj))) if a.init}
    for name in changes:
        if name not in known:
            raise WireError(f"no field `{name}` in {type(obj).__qualname__}", (name,))
    result: _T = attrs.evolve(typing.cast(Any, obj), **changes)
    return result


# ── type -> shape ───────────────────────────────────────────────────────────

_SHAPES: dict[Any, Shape] = {}
_SCALARS: dict[Any, Shape] = {
    bool: BoolShape(),
    float: FloatShape(),
    str: StrShape(),
    int: IntShape(_IntKind("i64", I64_MIN, I64_MAX)),
}


def _struct_fields(shape: StructShape) -> tuple[FieldSpec, ...]:
    cls = shape.cls
    hints = get_type_hints(cls, include_extras=True)
    rename_all = getattr(cls, "__serde_rename_all__", None)
    specs = []
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        field_shape = shape_of(hints[attribute.name])
        meta = field_meta(attribute)
        missing: Callable[[], Any] | None
        rule = meta.serde_default if meta is not None else False
        if callable(rule):
            missing = rule
        elif rule:
            missing = field_shape.type_default
        elif isinstance(field_shape, OptionShape):
            missing = _none
        else:
            missing = None
        wire = rename_field(rename_all, attribute.name)
        in_seq = missing if (callable(rule) or rule) else None
        doc = meta.doc if meta else ""
        specs.append(FieldSpec(attribute.name, wire, field_shape, missing, in_seq, doc))
    return tuple(specs)


def _none() -> None:
    return None


def _tagged_shape(base: type[TaggedEnum]) -> TaggedEnumShape:
    shape = TaggedEnumShape(base)
    _SHAPES[base] = shape
    for wire, variant in base.__serde_variants__.items():
        struct: StructShape | None = None
        if attrs.fields(typing.cast(Any, variant)):
            struct = StructShape(variant)
            struct.fast_init = True
            struct.name = variant.__name__
            struct.expecting = f"struct variant {base.__name__}::{variant.__name__}"
            struct.fields = _struct_fields(struct)
        spec = VariantSpec(variant, wire, struct)
        shape.by_wire[wire] = spec
        shape.by_class[variant] = spec
        _SHAPES[variant] = shape
    shape.wire_names = tuple(shape.by_wire)
    return shape


def shape_of(tp: Any) -> Shape:
    """The serde shape of a Python type; raises TypeError for types serde can't carry."""
    known = _SHAPES.get(tp) or _SCALARS.get(tp)
    if known is not None:
        return known
    origin = get_origin(tp)
    args = get_args(tp)
    shape: Shape
    if origin is Annotated:
        kinds = [a for a in tp.__metadata__ if isinstance(a, _IntKind)]
        shape = IntShape(kinds[0]) if kinds else shape_of(args[0])
    elif origin in (Union, types.UnionType):
        others = [a for a in args if a is not type(None)]
        if len(others) != 1 or len(args) != 2:
            raise TypeError(f"only `T | None` unions map onto serde: {tp!r}")
        shape = OptionShape(shape_of(others[0]))
    elif origin in (list, typing.List):  # noqa: UP006 - both spellings occur in user code
        shape = SeqShape(shape_of(args[0]))
    elif origin in (dict, typing.Dict, Mapping):  # noqa: UP006
        if shape_of(args[0]).__class__ is not StrShape:
            raise TypeError(f"map keys must be str: {tp!r}")
        shape = MapShape(shape_of(args[1]))
    elif isinstance(tp, type) and issubclass(tp, UnitEnum):
        shape = UnitEnumShape(tp)
    elif isinstance(tp, type) and issubclass(tp, TaggedEnum) and tp.__serde_enum__ is not None:
        return _tagged_shape(tp.__serde_enum__)
    elif isinstance(tp, type) and attrs.has(tp):
        struct = StructShape(tp)
        # Registered before its fields so a self-referencing struct terminates.
        _SHAPES[tp] = struct
        struct.fields = _struct_fields(struct)
        return struct
    else:
        raise TypeError(f"no serde shape for {tp!r}")
    with contextlib.suppress(TypeError):  # an unhashable typing construct isn't cached
        _SHAPES[tp] = shape
    return shape
