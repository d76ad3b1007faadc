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
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import attrs

from .._errors import PathElement, WireError
from .naming import RenameRule, rename_field, rename_variant

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - exercised on 3.10 only
    from typing_extensions import dataclass_transform

__all__ = [
    "F32",
    "F64",
    "I8",
    "I16",
    "I32",
    "I64",
    "I128",
    "MISSING_REQUIRED",
    "U8",
    "U16",
    "U32",
    "U64",
    "U128",
    "USIZE_MAX",
    "BTreeMap",
    "BoolShape",
    "Box",
    "Char",
    "CharShape",
    "FieldMeta",
    "FieldSpec",
    "FloatShape",
    "IntShape",
    "Isize",
    "MapShape",
    "OptionShape",
    "Representation",
    "SeqShape",
    "Shape",
    "StrShape",
    "StructShape",
    "TaggedEnum",
    "TaggedEnumShape",
    "TupleShape",
    "UnitEnum",
    "UnitEnumShape",
    "UnitShape",
    "Usize",
    "VariantSpec",
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

    def __repr__(self) -> str:
        return self.name


def _signed(bits: int, name: str | None = None) -> _IntKind:
    return _IntKind(name or f"i{bits}", -(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


def _unsigned(bits: int, name: str | None = None) -> _IntKind:
    return _IntKind(name or f"u{bits}", 0, 2**bits - 1)


class _Marker:
    """An ``Annotated`` marker with a name (``f32``, ``char``, ``BTreeMap``, ``Box``)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_F32 = _Marker("f32")
_CHAR = _Marker("char")
_SORTED = _Marker("BTreeMap")
_BOX = _Marker("Box")

_K = TypeVar("_K")
_V = TypeVar("_V")
_X = TypeVar("_X")

I8 = Annotated[int, _signed(8)]
"""Rust ``i8``."""
I16 = Annotated[int, _signed(16)]
"""Rust ``i16``."""
I32 = Annotated[int, _signed(32)]
"""Rust ``i32``."""
I64 = Annotated[int, _signed(64)]
"""Rust ``i64``; a bare ``int`` annotation means the same."""
I128 = Annotated[int, _signed(128)]
"""Rust ``i128``."""
Isize = Annotated[int, _signed(64, "isize")]
"""Rust ``isize`` (64-bit)."""
U8 = Annotated[int, _unsigned(8)]
"""Rust ``u8``."""
U16 = Annotated[int, _unsigned(16)]
"""Rust ``u16``."""
U32 = Annotated[int, _unsigned(32)]
"""Rust ``u32``."""
U64 = Annotated[int, _unsigned(64)]
"""Rust ``u64``."""
U128 = Annotated[int, _unsigned(128)]
"""Rust ``u128``."""
Usize = Annotated[int, _unsigned(64, "usize")]
"""Rust ``usize`` (64-bit): an ``int`` in ``0..=2**64-1``."""
F32 = Annotated[float, _F32]
"""Rust ``f32``: a float rounded to the nearest ``f32``, written with f32's shortest digits."""
F64 = float
"""Rust ``f64``."""
Char = Annotated[str, _CHAR]
"""Rust ``char``: a string of exactly one character."""
BTreeMap = Annotated[dict[_K, _V], _SORTED]
"""Rust ``BTreeMap<K, V>``: a dict written with its keys in ascending order."""
Box = Annotated[_X, _BOX]
"""Rust ``Box<T>``: serde makes it transparent, so it is ``T`` on the wire."""


# ── shapes ──────────────────────────────────────────────────────────────────


class Shape:
    """A node of serde's data model, as the Rust type sees it."""

    __slots__ = ()
    expecting: str = ""

    def type_default(self) -> Any:
        """``Default::default()`` for this type, used by ``#[serde(default)]`` fields."""
        raise TypeError(f"{self.expecting} has no Default")

    def has_default(self) -> bool:
        """Whether the Rust type implements ``Default`` (so ``#[serde(default)]`` works)."""
        return True


class IntShape(Shape):
    """A Rust integer type, and the one spelling of its rule: a value of it is an
    ``int`` (not a ``bool``) from ``minimum`` to ``maximum``.

    :meth:`accepts_source` is that rule as Python source; the generated readers and
    writers paste it in, and :attr:`accepts` is the same text compiled, which the
    interpreted reader, the constructor checks and the diagnostics call. Nothing else
    compares an integer with the bounds (``tests/test_int_rule.py`` looks).
    """

    __slots__ = ("accepts", "expecting", "maximum", "minimum", "signed", "wide")

    def __init__(self, kind: _IntKind) -> None:
        self.expecting = kind.name
        self.minimum = kind.minimum
        self.maximum = kind.maximum
        self.signed = kind.minimum < 0
        # i128/u128: beyond what a 64-bit number parse holds (serde_json reads them from
        # the number's text instead).
        self.wide = kind.minimum < I64_MIN or kind.maximum > USIZE_MAX
        self.accepts: Callable[[Any], bool] = eval(f"lambda value: {self.accepts_source('value')}")

    def accepts_source(self, var: str, *, parsed: bool = False) -> str:
        """Python source, true when ``var`` holds a value of this type. ``parsed``: ``var``
        came from a JSON parser, whose integers all lie in i64..u64, so a bound that wide
        goes without saying."""
        test = f"type({var}) is int"
        if not parsed or self.minimum > I64_MIN:
            test += f" and {var} >= {self.minimum}"
        if not parsed or self.maximum < USIZE_MAX:
            test += f" and {var} <= {self.maximum}"
        return test

    def type_default(self) -> int:
        return 0


class FloatShape(Shape):
    """``f64``, or ``f32`` (``bits == 32``): values are rounded to the nearest f32."""

    __slots__ = ("bits", "expecting")

    def __init__(self, bits: int = 64) -> None:
        self.bits = bits
        self.expecting = f"f{bits}"

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


class CharShape(Shape):
    """Rust ``char``: one Unicode scalar value, a one-character ``str`` here."""

    __slots__ = ()
    expecting = "a character"

    def type_default(self) -> str:
        return "\0"


class UnitShape(Shape):
    """Rust ``()``: ``null`` on the wire, ``None`` here."""

    __slots__ = ()
    expecting = "unit"

    def type_default(self) -> None:
        return None


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


class TupleShape(Shape):
    """A Rust tuple ``(A, B, ...)``: a sequence of exactly that many elements."""

    __slots__ = ("elements", "expecting")

    def __init__(self, elements: tuple[Shape, ...]) -> None:
        self.elements = elements
        self.expecting = f"a tuple of size {len(elements)}"

    def type_default(self) -> tuple[Any, ...]:
        return tuple(element.type_default() for element in self.elements)

    def has_default(self) -> bool:
        return all(element.has_default() for element in self.elements)


class MapShape(Shape):
    """``HashMap<K, V>`` / ``BTreeMap<K, V>`` with string or integer keys."""

    __slots__ = ("key", "sorted", "value")
    expecting = "a map"

    def __init__(self, value: Shape, key: Shape | None = None, sorted: bool = False) -> None:
        self.value = value
        self.key: Shape = key if key is not None else _SCALARS[str]
        # BTreeMap: written in key order, whatever order the dict holds.
        self.sorted = sorted

    def type_default(self) -> dict[Any, Any]:
        return {}


MISSING_REQUIRED: Any = attrs.NOTHING
"""``FieldSpec.missing`` for a field serde requires on the wire."""

DeserializeCheck = Callable[[Any], "str | None"]


class FieldSpec:
    """One struct field: its attribute, wire name, shape and what a missing key means."""

    __slots__ = (
        "aliases",
        "attr",
        "deserialize_check",
        "doc",
        "missing",
        "missing_in_seq",
        "shape",
        "skip_deserializing",
        "skip_serializing",
        "skip_serializing_if",
        "wire",
    )

    def __init__(
        self,
        attr: str,
        wire: str,
        shape: Shape,
        missing: Callable[[], Any] | None,
        missing_in_seq: Callable[[], Any] | None,
        doc: str,
        *,
        aliases: tuple[str, ...] = (),
        skip_serializing: bool = False,
        skip_deserializing: bool = False,
        skip_serializing_if: Callable[[Any], bool] | None = None,
        deserialize_check: DeserializeCheck | None = None,
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
        # Other names accepted when reading (`#[serde(alias = "...")]`).
        self.aliases = aliases
        self.skip_serializing = skip_serializing
        # Never read: the key is an unknown field, the value always `missing()`.
        self.skip_deserializing = skip_deserializing
        self.skip_serializing_if = skip_serializing_if
        self.deserialize_check = deserialize_check

    @property
    def read_plain(self) -> bool:
        """True when nothing but the wire name and default changes which keys are read
        (what a writer skips does not): no alias, not skipped. A ``deserialize_check``
        is a test of the value read, which a reader applies after its own."""
        return not (self.aliases or self.skip_deserializing)

    @property
    def plain(self) -> bool:
        """True when the field uses none of the attributes beyond a wire name and default."""
        return not (
            self.aliases
            or self.skip_serializing
            or self.skip_deserializing
            or self.skip_serializing_if
            or self.deserialize_check
        )


StructKind = Literal["struct", "newtype", "tuple", "unit"]


class StructShape(Shape):
    """A Rust struct: named fields, or a newtype / tuple / unit struct (``kind``).

    Struct variants of an enum use this shape too, and so do newtype and tuple
    variants (their fields are the variant's elements).
    """

    __slots__ = (
        "cls",
        "deny_unknown_fields",
        "expecting",
        "fast_init",
        "fields",
        "kind",
        "name",
        "transparent",
    )

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.kind: StructKind = getattr(cls, "__serde_kind__", "struct")
        self.transparent: bool = getattr(cls, "__serde_transparent__", False)
        self.deny_unknown_fields: bool = getattr(cls, "__serde_deny_unknown_fields__", False)
        self.expecting = {
            "struct": f"struct {cls.__name__}",
            "newtype": f"newtype struct {cls.__name__}",
            "tuple": f"tuple struct {cls.__name__}",
            "unit": f"unit struct {cls.__name__}",
        }[self.kind]
        # Our own structs are built without re-running their converters (the decoder
        # already checked every value); a user's attrs class gets its own __init__.
        self.fast_init = bool(getattr(cls, "__serde_struct__", False))
        self.fields: tuple[FieldSpec, ...] = ()

    def type_default(self) -> Any:
        return self.cls()

    def has_default(self) -> bool:
        return all(a.default is not attrs.NOTHING for a in attrs.fields(self.cls) if a.init)

    @property
    def wrapped(self) -> Shape | None:
        """The one field's shape where the wire holds just that value (newtype, transparent)."""
        if self.kind == "newtype" or self.transparent:
            live = [spec for spec in self.fields if not spec.skip_deserializing]
            return live[0].shape if live else None
        return None

    @property
    def plain(self) -> bool:
        """A struct with named fields and no attribute beyond names and defaults."""
        return (
            self.kind == "struct"
            and not self.transparent
            and all(spec.plain for spec in self.fields)
        )


class UnitEnumShape(Shape):
    __slots__ = ("by_wire", "cls", "expecting", "name", "wire_names")

    def __init__(self, cls: type[UnitEnum]) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.expecting = f"enum {cls.__name__}"
        for member in cls:
            if not isinstance(member.value, str):
                raise TypeError(
                    f"{cls.__name__}.{member.name}: a UnitEnum member's value is its wire "
                    f"name, a str; got {member.value!r}"
                )
        self.by_wire: dict[str, UnitEnum] = {member.value: member for member in cls}
        self.wire_names = tuple(self.by_wire)

    def type_default(self) -> Any:
        return self.cls.default()

    def has_default(self) -> bool:
        return _overrides_default(self.cls, UnitEnum)


VariantKind = Literal["unit", "newtype", "tuple", "struct"]


class VariantSpec:
    """One variant of an enum with data.

    ``kind`` is serde's variant kind; ``struct`` describes the variant's fields (for a
    newtype variant its one field, for a tuple variant its elements) and is None for
    a unit variant.
    """

    __slots__ = ("aliases", "cls", "kind", "struct", "wire")

    def __init__(
        self,
        cls: type,
        wire: str,
        struct: StructShape | None,
        kind: VariantKind = "struct",
        aliases: tuple[str, ...] = (),
    ) -> None:
        self.cls = cls
        self.wire = wire
        self.struct = struct
        self.kind: VariantKind = "unit" if struct is None else kind
        self.aliases = aliases

    @property
    def inner(self) -> Shape:
        """A newtype variant's content shape."""
        assert self.struct is not None and self.kind == "newtype"
        return self.struct.fields[0].shape


Representation = Literal["external", "internal", "adjacent", "untagged"]


class TaggedEnumShape(Shape):
    __slots__ = (
        "base",
        "by_class",
        "by_name",
        "by_wire",
        "content",
        "expected_names",
        "expecting",
        "name",
        "representation",
        "tag",
        "wire_names",
    )

    def __init__(self, base: type[TaggedEnum]) -> None:
        self.base = base
        self.name = base.__name__
        self.expecting = f"enum {base.__name__}"
        self.by_wire: dict[str, VariantSpec] = {}
        # Every name a reader accepts for a variant: its wire name and its aliases.
        self.by_name: dict[str, VariantSpec] = {}
        self.by_class: dict[type, VariantSpec] = {}
        self.wire_names: tuple[str, ...] = ()
        # The names serde's unknown-variant error lists: per variant, its wire name and
        # aliases sorted (serde_derive keeps them in a BTreeSet).
        self.expected_names: tuple[str, ...] = ()
        self.tag: str | None = base.__serde_tag__
        self.content: str | None = base.__serde_content__
        self.representation: Representation = (
            "untagged"
            if base.__serde_untagged__
            else "external"
            if self.tag is None
            else "internal"
            if self.content is None
            else "adjacent"
        )

    def type_default(self) -> Any:
        return self.base.default()

    def has_default(self) -> bool:
        return _overrides_default(self.base, TaggedEnum)

    @property
    def plain(self) -> bool:
        """Externally tagged, with unit and plain struct variants only (the 0.26 forms)."""
        return (
            self.representation == "external"
            and all(
                spec.kind == "unit"
                or (spec.kind == "struct" and spec.struct is not None and spec.struct.plain)
                for spec in self.by_wire.values()
            )
            and all(not spec.aliases for spec in self.by_wire.values())
        )


def _overrides_default(cls: type, root: type) -> bool:
    own = getattr(cls, "default", None)
    base = getattr(root, "default", None)
    return getattr(own, "__func__", None) is not getattr(base, "__func__", None)


# ── declaring types ─────────────────────────────────────────────────────────


class FieldMeta:
    """What ``field()`` records about a struct field beyond its Python default."""

    __slots__ = (
        "alias",
        "deserialize_check",
        "doc",
        "rename",
        "serde_default",
        "skip_deserializing",
        "skip_serializing",
        "skip_serializing_if",
    )

    def __init__(
        self,
        serde_default: bool | Callable[[], Any],
        doc: str,
        *,
        rename: str | None = None,
        alias: tuple[str, ...] = (),
        skip_serializing: bool = False,
        skip_deserializing: bool = False,
        skip_serializing_if: Callable[[Any], bool] | None = None,
        deserialize_check: DeserializeCheck | None = None,
    ) -> None:
        self.serde_default = serde_default
        self.doc = doc
        self.rename = rename
        self.alias = alias
        self.skip_serializing = skip_serializing
        self.skip_deserializing = skip_deserializing
        self.skip_serializing_if = skip_serializing_if
        self.deserialize_check = deserialize_check


_META_KEY = "jammi_wire.serde"

FLATTEN_UNSUPPORTED = (
    "#[serde(flatten)] is not supported: serde reads a flattened struct by buffering "
    "every unclaimed key through deserialize_any, which changes how numbers, enums and "
    "errors behave for the whole struct and cannot be combined with "
    "deny_unknown_fields; declare the inner fields on the outer class instead"
)


def field(
    *,
    default: Any = attrs.NOTHING,
    factory: Callable[[], Any] | None = None,
    serde_default: bool | Callable[[], Any] = False,
    doc: str = "",
    rename: str | None = None,
    alias: str | tuple[str, ...] = (),
    skip: bool = False,
    skip_serializing: bool = False,
    skip_deserializing: bool = False,
    skip_serializing_if: Callable[[Any], bool] | None = None,
    deserialize_check: DeserializeCheck | None = None,
    flatten: bool = False,
) -> Any:
    """Declare a struct field with serde's field attributes.

    ``default``/``factory`` give the Python constructor's default (Rust's
    ``impl Default``). ``serde_default`` is the wire rule for an absent key:
    ``False`` (required unless the type is ``Option``), ``True`` for
    ``#[serde(default)]`` (the field type's own default) or a function for
    ``#[serde(default = "path")]``. ``rename``, ``alias``, ``skip``,
    ``skip_serializing``, ``skip_deserializing`` and ``skip_serializing_if`` are
    serde's attributes of the same names. ``deserialize_check(value)`` runs on the
    decoded value while reading; a string it returns refuses the input with that
    message, as a ``deserialize_with`` function's ``Error::custom`` does.
    """
    if flatten:
        raise TypeError(FLATTEN_UNSUPPORTED)
    aliases = (alias,) if isinstance(alias, str) else tuple(alias)
    if rename is not None and not isinstance(rename, str):
        raise TypeError(f"rename must be a string, got {rename!r}")
    if not all(isinstance(name, str) for name in aliases):
        raise TypeError(f"alias must be a string or a tuple of strings, got {alias!r}")
    if skip_serializing_if is not None and not callable(skip_serializing_if):
        raise TypeError("skip_serializing_if must be a function taking the field's value")
    if deserialize_check is not None and not callable(deserialize_check):
        raise TypeError("deserialize_check must be a function taking the decoded value")
    metadata = {
        _META_KEY: FieldMeta(
            serde_default,
            doc,
            rename=rename,
            alias=aliases,
            skip_serializing=skip or skip_serializing,
            skip_deserializing=skip or skip_deserializing,
            skip_serializing_if=skip_serializing_if,
            deserialize_check=deserialize_check,
        )
    }
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


def field_meta(attribute: attrs.Attribute[Any]) -> FieldMeta | None:
    meta = attribute.metadata.get(_META_KEY)
    return meta if isinstance(meta, FieldMeta) else None


# Each class's resolved annotations, worked out once: declaring a struct needs them three
# times (its converters, its declaration checks, its shape), and get_type_hints is a
# large part of what building a class costs at import.
_HINTS: weakref.WeakKeyDictionary[type, dict[str, Any]] = weakref.WeakKeyDictionary()


def _resolved_hints(cls: type) -> dict[str, Any]:
    """The class's annotations as types, also under ``from __future__ import annotations``
    (string annotations resolve in the module and in the scope the class was declared in).
    A name not declared yet raises NameError, and is tried again on the next call."""
    hints = _HINTS.get(cls)
    if hints is None:
        localns = getattr(cls, "__serde_localns__", None)
        hints = _HINTS[cls] = get_type_hints(cls, localns=localns, include_extras=True)
    return hints


def _attach_converters(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    # Imported here: checks depends on this module's shapes.
    from .checks import argument_converter, lazy_argument_converter

    try:
        hints: dict[str, Any] | None = _resolved_hints(cls)
    except NameError:
        # A name declared later (or the class itself): resolved on the first construction.
        hints = None
    out = []
    for attribute in fields:
        if hints is None:
            out.append(attribute.evolve(converter=lazy_argument_converter(cls, attribute.name)))
            continue
        tp = hints.get(attribute.name, attribute.type)
        if tp is None:
            out.append(attribute)
            continue
        shape = shape_of(tp)
        out.append(attribute.evolve(converter=argument_converter(shape, attribute.name)))
    return out


def _show_signature(cls: type) -> None:
    """``inspect.signature(cls)``: the declared annotations and real defaults, not the
    converters' ``Any`` and attrs' ``NOTHING`` for a factory. Worked out when asked for
    (``inspect`` is a heavy import, and most programs never ask)."""
    setattr(cls, "__signature__", _LazySignature())  # noqa: B010


class _LazySignature:
    """A class attribute ``__signature__`` computed on first access, then kept."""

    def __get__(self, obj: Any, owner: type) -> Any:
        signature = _signature(owner)
        setattr(owner, "__signature__", signature)  # noqa: B010 - the next read is plain
        return signature


def _signature(cls: type) -> Any:
    import inspect

    try:
        hints = get_type_hints(
            cls, localns=getattr(cls, "__serde_localns__", None), include_extras=True
        )
    except Exception:  # an unresolvable annotation: the signature is a nicety
        hints = {}
    parameters = []
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        default = attribute.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory() if not default.takes_self else inspect.Parameter.empty
        elif default is attrs.NOTHING:
            default = inspect.Parameter.empty
        annotation = hints.get(attribute.name, attribute.type)
        parameters.append(
            inspect.Parameter(
                attribute.alias or attribute.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=default,
                annotation=inspect.Parameter.empty if annotation is None else annotation,
            )
        )
    try:
        return inspect.Signature(parameters, return_annotation=None)
    except ValueError:  # a required field after a defaulted one: inspect's own answer
        return None


_C = TypeVar("_C", bound=type)
_T = TypeVar("_T")

_RENAME_RULES = typing.get_args(RenameRule)


def _check_rename_rule(rule: Any, what: str) -> None:
    if rule is not None and rule not in _RENAME_RULES:
        raise TypeError(
            f"{what}={rule!r} is not one of serde's rules: "
            + ", ".join(repr(name) for name in _RENAME_RULES)
        )


def _caller_namespace(depth: int) -> dict[str, Any] | None:
    """The local namespace a class is declared in, for resolving its string annotations."""
    try:
        frame = sys._getframe(depth + 1)
    except ValueError:  # pragma: no cover - no such caller
        return None
    if frame.f_code.co_flags & 0x02:  # CO_NEWLOCALS: inside a function, not a module
        return dict(frame.f_locals)
    return None


@typing.overload
def serde_struct(cls: _C, /) -> _C: ...
@typing.overload
def serde_struct(
    *,
    rename_all: RenameRule | None = None,
    deny_unknown_fields: bool = False,
    default: bool = False,
    transparent: bool = False,
    kind: StructKind = "struct",
) -> Callable[[_C], _C]: ...
@dataclass_transform(field_specifiers=(field, attrs.field))
def serde_struct(
    cls: Any = None,
    /,
    *,
    rename_all: RenameRule | None = None,
    deny_unknown_fields: bool = False,
    default: bool = False,
    transparent: bool = False,
    kind: StructKind = "struct",
) -> Any:
    """A Rust struct: an attrs class whose constructor checks what the wire can carry.

    Assigning an attribute runs the same check, so an object of this class always
    serializes to something serde reads. The keyword arguments are serde's container
    attributes: ``rename_all`` (renames fields), ``deny_unknown_fields``, ``default``
    (``#[serde(default)]`` on the struct: absent fields come from ``cls()``),
    ``transparent``, and ``kind`` for a newtype (``struct M(f64);``), tuple or unit
    struct.
    """
    _check_rename_rule(rename_all, "rename_all")
    if kind not in ("struct", "newtype", "tuple", "unit"):
        raise TypeError(f"kind={kind!r}: a struct is 'struct', 'newtype', 'tuple' or 'unit'")
    namespace = _caller_namespace(1)

    def decorate(target: _C) -> _C:
        setattr(target, "__serde_struct__", True)  # noqa: B010 - dunders mypy can't see
        setattr(target, "__serde_rename_all__", rename_all)  # noqa: B010
        setattr(target, "__serde_deny_unknown_fields__", deny_unknown_fields)  # noqa: B010
        setattr(target, "__serde_container_default__", default)  # noqa: B010
        setattr(target, "__serde_transparent__", transparent)  # noqa: B010
        setattr(target, "__serde_kind__", kind)  # noqa: B010
        setattr(target, "__serde_localns__", namespace)  # noqa: B010
        defined: _C = attrs.define(target, field_transformer=_attach_converters)
        if defined is not target and target in _HINTS:
            # attrs made a new (slotted) class: same annotations, module and namespace.
            _HINTS[defined] = _HINTS[target]
        _check_declaration(defined)
        _show_signature(defined)
        return defined

    return decorate if cls is None else decorate(cls)


_E = TypeVar("_E", bound="UnitEnum")


class UnitEnum(enum.Enum):
    """A Rust enum whose variants carry no data; each member's value is its wire name."""

    @classmethod
    def default(cls: type[_E]) -> _E:
        raise NotImplementedError(f"{cls.__name__} has no Default")


@dataclass_transform(frozen_default=True, field_specifiers=(field, attrs.field))
class TaggedEnum:
    """A Rust enum with data: a family of frozen attrs classes.

    Subclass it once for the enum (``class EmbeddingLoss(TaggedEnum,
    rename_all="snake_case")``), then once per variant (``class Triplet(EmbeddingLoss)``).
    Variants become attributes of the enum class (``EmbeddingLoss.Triplet``), are
    instances of it, and work in ``match``.

    The enum's keywords are serde's container attributes: ``rename_all`` (renames the
    variants), ``rename_all_fields`` (renames the fields of struct variants), ``tag``
    (internally tagged), ``tag`` + ``content`` (adjacently tagged), ``untagged`` and
    ``deny_unknown_fields`` (for the fields of struct variants). A variant's keywords:
    ``rename``, ``alias``, ``rename_all`` (its fields) and ``kind``: a variant without
    fields is a unit variant, with fields a struct variant; ``kind="newtype"`` (one
    field, ``Warmup.Steps(100)``) and ``kind="tuple"`` (written as a sequence) say
    otherwise.
    """

    __slots__ = ()
    __serde_enum__: ClassVar[type[TaggedEnum] | None] = None
    __serde_rename_all__: ClassVar[RenameRule | None] = None
    __serde_rename_all_fields__: ClassVar[RenameRule | None] = None
    __serde_tag__: ClassVar[str | None] = None
    __serde_content__: ClassVar[str | None] = None
    __serde_untagged__: ClassVar[bool] = False
    __serde_deny_unknown_fields__: ClassVar[bool] = False
    __serde_variants__: ClassVar[dict[str, type[TaggedEnum]]]

    def __init_subclass__(
        cls,
        *,
        rename_all: RenameRule | None = None,
        rename_all_fields: RenameRule | None = None,
        tag: str | None = None,
        content: str | None = None,
        untagged: bool = False,
        deny_unknown_fields: bool = False,
        rename: str | None = None,
        alias: str | tuple[str, ...] = (),
        kind: VariantKind | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        base = cls.__serde_enum__
        _check_rename_rule(rename_all, "rename_all")
        if base is None:
            _check_rename_rule(rename_all_fields, "rename_all_fields")
            if rename is not None or alias or kind is not None:
                raise TypeError(
                    f"{cls.__name__}: rename, alias and kind are variant attributes; "
                    "give them to a variant class"
                )
            if content is not None and tag is None:
                raise TypeError(f"{cls.__name__}: content={content!r} needs tag= as well")
            if untagged and tag is not None:
                raise TypeError(f"{cls.__name__}: an enum is either untagged or tagged, not both")
            if tag is not None and tag == content:
                raise TypeError(f"{cls.__name__}: tag and content must be different keys")
            cls.__serde_enum__ = cls
            cls.__serde_rename_all__ = rename_all
            cls.__serde_rename_all_fields__ = rename_all_fields
            cls.__serde_tag__ = tag
            cls.__serde_content__ = content
            cls.__serde_untagged__ = untagged
            cls.__serde_deny_unknown_fields__ = deny_unknown_fields
            cls.__serde_variants__ = {}
            return
        if rename_all_fields is not None or tag is not None or content is not None or untagged:
            raise TypeError(
                f"{cls.__name__}: rename_all_fields, tag, content and untagged are enum "
                f"attributes; give them to {base.__name__}"
            )
        if kind is not None and kind not in ("unit", "newtype", "tuple", "struct"):
            raise TypeError(f"kind={kind!r}: a variant is 'unit', 'newtype', 'tuple' or 'struct'")
        wire = (
            rename
            if rename is not None
            else rename_variant(base.__serde_rename_all__, cls.__name__)
        )
        cls.__serde_wire_name__ = wire  # type: ignore[attr-defined]
        cls.__serde_aliases__ = (alias,) if isinstance(alias, str) else tuple(alias)  # type: ignore[attr-defined]
        cls.__serde_variant_rename_all__ = rename_all  # type: ignore[attr-defined]
        cls.__serde_variant_kind__ = kind  # type: ignore[attr-defined]
        cls.__serde_localns__ = _caller_namespace(1)  # type: ignore[attr-defined]
        cls.__qualname__ = f"{base.__qualname__}.{cls.__name__}"
        attrs.frozen(cls, slots=False, field_transformer=_attach_converters)
        _show_signature(cls)
        if wire in base.__serde_variants__:
            raise TypeError(
                f"{base.__name__}.{cls.__name__}: the wire name {wire!r} is already "
                f"{base.__name__}.{base.__serde_variants__[wire].__name__}'s"
            )
        base.__serde_variants__[wire] = cls
        setattr(base, cls.__name__, cls)
        _check_variant(base, cls)
        existing = _SHAPES.get(base)
        if isinstance(existing, TaggedEnumShape):
            _fill_tagged_shape(existing)

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


# Resolved once: each variant's get_type_hints walks this class, and its string
# annotations (this module uses `from __future__ import annotations`) would be
# compiled again for every variant.
setattr(TaggedEnum, "__annotations__", get_type_hints(TaggedEnum))  # noqa: B010


def _variant_kind(variant: type) -> VariantKind:
    declared: VariantKind | None = getattr(variant, "__serde_variant_kind__", None)
    count = len([a for a in attrs.fields(typing.cast(Any, variant)) if a.init])
    if declared is None:
        return "struct" if count else "unit"
    return declared


def _check_variant(base: type[TaggedEnum], variant: type) -> None:
    """serde_derive's checks on one variant, at declaration."""
    kind = _variant_kind(variant)
    count = len([a for a in attrs.fields(typing.cast(Any, variant)) if a.init])
    where = f"{base.__name__}.{variant.__name__}"
    if kind == "unit" and count:
        raise TypeError(f"{where}: a unit variant has no fields (drop kind='unit' or the fields)")
    if kind == "newtype" and count != 1:
        raise TypeError(f"{where}: a newtype variant has exactly one field, found {count}")
    if base.__serde_tag__ is not None and base.__serde_content__ is None and kind == "tuple":
        raise TypeError(
            f"{where}: an internally tagged enum (tag={base.__serde_tag__!r}) cannot have "
            "tuple variants; serde has nowhere to put the elements"
        )
    if base.__serde_tag__ is not None and base.__serde_content__ is None and kind == "struct":
        tag = base.__serde_tag__
        for attribute in attrs.fields(typing.cast(Any, variant)):
            meta = field_meta(attribute)
            names = {rename_field(_fields_rule(variant), attribute.name)}
            if meta is not None and meta.rename is not None:
                names = {meta.rename}
            if meta is not None:
                names.update(meta.alias)
            if tag in names:
                raise TypeError(
                    f"{where}: field `{attribute.name}` is read as `{tag}`, which is the "
                    "enum's tag key; rename the field or the tag"
                )


def _fields_rule(cls: type) -> RenameRule | None:
    """The rename rule for a struct's or a struct variant's fields."""
    base = getattr(cls, "__serde_enum__", None)
    if base is not None and base is not cls:
        own: RenameRule | None = getattr(cls, "__serde_variant_rename_all__", None)
        return own if own is not None else base.__serde_rename_all_fields__
    rule: RenameRule | None = getattr(cls, "__serde_rename_all__", None)
    return rule


def _check_declaration(cls: type) -> None:
    """serde_derive's checks on a struct, at declaration (what can't be known yet, a
    name declared later, is checked when the shape is first needed)."""
    kind = getattr(cls, "__serde_kind__", "struct")
    fields = [a for a in attrs.fields(cls) if a.init]
    if kind == "newtype" and len(fields) != 1:
        raise TypeError(
            f"{cls.__name__}: a newtype struct has exactly one field, found {len(fields)}"
        )
    if kind == "unit" and fields:
        raise TypeError(f"{cls.__name__}: a unit struct has no fields")
    if getattr(cls, "__serde_container_default__", False):
        # serde's #[serde(default)] on a struct needs `impl Default`: here, `S()`.
        required = [a.name for a in fields if a.default is attrs.NOTHING]
        if required:
            raise TypeError(
                f"{cls.__name__}: default=True fills absent fields from {cls.__name__}(), "
                f"so every field needs a Python default; {', '.join(required)} has none"
            )
    if getattr(cls, "__serde_transparent__", False):
        live = [a for a in fields if not ((field_meta(a) or _NO_META).skip_deserializing)]
        if len(live) != 1:
            raise TypeError(
                f"{cls.__name__}: #[serde(transparent)] needs exactly one field that is not "
                f"skipped, found {len(live)}"
            )
    try:
        _resolved_hints(cls)
    except NameError:
        return
    shape = shape_of(cls)
    assert isinstance(shape, StructShape)


_NO_META = FieldMeta(False, "")


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
    float: FloatShape(64),
    str: StrShape(),
    int: IntShape(_signed(64)),
    type(None): UnitShape(),
    None: UnitShape(),
}


def _struct_fields(shape: StructShape) -> tuple[FieldSpec, ...]:
    cls = shape.cls
    hints = _resolved_hints(cls)
    rule = _fields_rule(cls)
    container_default = getattr(cls, "__serde_container_default__", False)
    specs = []
    seen: dict[str, str] = {}
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        field_shape = shape_of(hints[attribute.name])
        meta = field_meta(attribute) or _NO_META
        where = f"{cls.__qualname__}.{attribute.name}"
        missing: Callable[[], Any] | None
        default_rule = meta.serde_default
        if callable(default_rule):
            missing = default_rule
        elif default_rule:
            if not field_shape.has_default():
                raise TypeError(
                    f"{where}: serde_default=True needs a Default for {field_shape.expecting}; "
                    "give that type a default() classmethod or pass serde_default=<function>"
                )
            missing = field_shape.type_default
        elif container_default:
            # `#[serde(default)]` on the struct: the struct's own Default fills the gap.
            missing = _from_container_default(cls, attribute.name)
        elif isinstance(field_shape, OptionShape):
            missing = _none
        else:
            missing = None
        if meta.skip_deserializing and missing is None:
            if not field_shape.has_default():
                raise TypeError(
                    f"{where}: a field skipped when reading needs a default: pass "
                    "serde_default=<function> or give the type a Default"
                )
            missing = field_shape.type_default
        wire = meta.rename if meta.rename is not None else rename_field(rule, attribute.name)
        for name in (wire, *meta.alias):
            if not meta.skip_deserializing and name in seen and shape.kind == "struct":
                raise TypeError(
                    f"{where}: the wire name `{name}` is already field `{seen[name]}`'s"
                )
            seen[name] = attribute.name
        in_seq = missing if (callable(default_rule) or default_rule or container_default) else None
        specs.append(
            FieldSpec(
                attribute.name,
                wire,
                field_shape,
                missing,
                in_seq,
                meta.doc,
                aliases=meta.alias,
                skip_serializing=meta.skip_serializing,
                skip_deserializing=meta.skip_deserializing,
                skip_serializing_if=meta.skip_serializing_if,
                deserialize_check=meta.deserialize_check,
            )
        )
    return tuple(specs)


def _from_container_default(cls: type, name: str) -> Callable[[], Any]:
    def missing() -> Any:
        return getattr(cls(), name)

    return missing


def _none() -> None:
    return None


def _tagged_shape(base: type[TaggedEnum]) -> TaggedEnumShape:
    shape = TaggedEnumShape(base)
    _SHAPES[base] = shape
    _fill_tagged_shape(shape)
    return shape


def _fill_tagged_shape(shape: TaggedEnumShape) -> None:
    """(Re)compute the variants of ``shape`` from its enum's declared variants, in place:
    a variant that refers to its own enum makes the shape exist before the later
    variants are declared, and everything holding the shape must see them too."""
    base = shape.base
    shape.by_wire, shape.by_class, shape.by_name = {}, {}, {}
    for wire, variant in base.__serde_variants__.items():
        kind = _variant_kind(variant)
        struct: StructShape | None = None
        if kind != "unit":
            struct = StructShape(variant)
            struct.kind = "struct" if kind == "struct" else kind
            struct.fast_init = True
            struct.name = variant.__name__
            struct.deny_unknown_fields = base.__serde_deny_unknown_fields__
            struct.expecting = f"{kind} variant {base.__name__}::{variant.__name__}"
            struct.fields = _struct_fields(struct)
        spec = VariantSpec(variant, wire, struct, kind, getattr(variant, "__serde_aliases__", ()))
        shape.by_wire[wire] = spec
        shape.by_class[variant] = spec
        _SHAPES[variant] = shape
    for spec in shape.by_wire.values():
        for name in (spec.wire, *spec.aliases):
            other = shape.by_name.get(name)
            if other is not None and other is not spec:
                raise TypeError(
                    f"{base.__name__}.{spec.cls.__name__}: the name `{name}` is already "
                    f"{base.__name__}.{other.cls.__name__}'s"
                )
            shape.by_name[name] = spec
    shape.wire_names = tuple(shape.by_wire)
    shape.expected_names = tuple(
        name for spec in shape.by_wire.values() for name in sorted((spec.wire, *spec.aliases))
    )


def _marker(tp: Any, kind: type) -> Any:
    for item in tp.__metadata__:
        if isinstance(item, kind):
            return item
    return None


def shape_of(tp: Any) -> Shape:
    """The serde shape of a Python type; raises TypeError for types serde can't carry."""
    try:
        known = _SHAPES.get(tp) or _SCALARS.get(tp)
    except TypeError:  # an unhashable typing construct
        known = None
    if known is not None:
        return known
    origin = get_origin(tp)
    args = get_args(tp)
    shape: Shape
    if origin is Annotated:
        kind = _marker(tp, _IntKind)
        marker = _marker(tp, _Marker)
        if kind is not None:
            if args[0] is not int:
                raise TypeError(f"{kind.name} annotates int, not {args[0]!r}")
            shape = IntShape(kind)
        elif marker is _F32:
            shape = FloatShape(32)
        elif marker is _CHAR:
            shape = CharShape()
        elif marker is _SORTED:
            inner = shape_of(args[0])
            if not isinstance(inner, MapShape):
                raise TypeError(f"BTreeMap annotates a dict, not {args[0]!r}")
            shape = MapShape(inner.value, inner.key, sorted=True)
        else:  # Box<T> and any other annotation: T itself
            return shape_of(args[0])
    elif origin in (Union, types.UnionType):
        others = [a for a in args if a is not type(None)]
        if len(others) != 1 or len(args) != 2:
            raise TypeError(
                f"only `T | None` (Option<T>) unions map onto serde: {tp!r}; "
                "declare an untagged TaggedEnum for a choice of types"
            )
        shape = OptionShape(shape_of(others[0]))
    elif origin in (list, typing.List):  # noqa: UP006 - both spellings occur in user code
        shape = SeqShape(shape_of(args[0]))
    elif origin in (tuple, typing.Tuple):  # noqa: UP006
        if not args or (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"a Rust tuple has a fixed length: write tuple[A, B], not {tp!r}")
        if args == ((),):
            args = ()
        shape = TupleShape(tuple(shape_of(a) for a in args))
    elif origin in (dict, typing.Dict, Mapping):  # noqa: UP006
        key = shape_of(args[0])
        if not isinstance(key, (StrShape, IntShape)):
            raise TypeError(f"map keys must be str or an integer type: {tp!r}")
        shape = MapShape(shape_of(args[1]), key)
    elif isinstance(tp, type) and issubclass(tp, UnitEnum):
        shape = UnitEnumShape(tp)
    elif isinstance(tp, type) and issubclass(tp, TaggedEnum) and tp.__serde_enum__ is not None:
        return _tagged_shape(tp.__serde_enum__)
    elif isinstance(tp, type) and attrs.has(tp):
        struct = StructShape(tp)
        # Registered before its fields so a self-referencing struct terminates.
        _SHAPES[tp] = struct
        try:
            struct.fields = _struct_fields(struct)
        except BaseException:
            del _SHAPES[tp]
            raise
        return struct
    elif isinstance(tp, str):
        raise TypeError(f"unresolved annotation {tp!r}: declare the type before using it")
    else:
        raise TypeError(f"no serde shape for {tp!r}")
    with contextlib.suppress(TypeError):  # an unhashable typing construct isn't cached
        _SHAPES[tp] = shape
    return shape


# What `_route` finds at a path that serde passes over unread.
_SKIPPED: Any = object()


def names_its_variant(shape: Shape) -> bool:
    """Whether serde reads ``shape`` as an enum that names its variant in the data (a
    string, or a map of one entry): a unit-only enum or an externally tagged one, which
    serde's deserializers read with ``deserialize_enum``."""
    return isinstance(shape, UnitEnumShape) or (
        isinstance(shape, TaggedEnumShape) and shape.representation == "external"
    )


def _unwrapped(shape: Shape) -> Shape:
    """The shape a container at this place is read with: through options and
    newtype or transparent structs, which hold their one value as it is."""
    while True:
        if isinstance(shape, OptionShape):
            shape = shape.inner
        elif isinstance(shape, StructShape) and shape.wrapped is not None:
            shape = shape.wrapped
        else:
            return shape


def _route(shape: Shape, path: Sequence[PathElement]) -> Shape | None:
    """The shape serde reads the value at ``path`` with, following struct fields, list
    items, tuple elements and map values; :data:`_SKIPPED` at or below a key of a
    struct that names no field it deserializes (serde_derive's ``IgnoredAny``); None
    through anything else (the other enums), which is not followed."""
    for step in path:
        shape = _unwrapped(shape)
        if isinstance(shape, StructShape) and shape.kind == "struct" and isinstance(step, str):
            spec = next(
                (
                    spec
                    for spec in shape.fields
                    if not spec.skip_deserializing and (step == spec.wire or step in spec.aliases)
                ),
                None,
            )
            if spec is None:  # denied, it is refused at its key, before its value
                return None if shape.deny_unknown_fields else _SKIPPED
            shape = spec.shape
        elif (
            isinstance(shape, StructShape)
            and shape.kind in ("struct", "tuple")
            and isinstance(step, int)
        ):
            # a tuple struct, or a struct's fields written as a list, in order
            live = [spec for spec in shape.fields if not spec.skip_deserializing]
            if step >= len(live):
                return None
            shape = live[step].shape
        elif isinstance(shape, SeqShape) and isinstance(step, int):
            shape = shape.inner
        elif isinstance(shape, TupleShape) and isinstance(step, int) and step < len(shape.elements):
            shape = shape.elements[step]
        elif isinstance(shape, MapShape) and isinstance(step, str):
            shape = shape.value
        elif (
            isinstance(shape, TaggedEnumShape)
            and shape.representation == "external"
            and isinstance(step, str)
            and (variant := shape.by_name.get(step)) is not None
            and variant.struct is not None
        ):
            # `{"variant": content}`: a newtype variant's content is its one field's
            # value; a tuple or struct variant's, its fields as a list or a map.
            shape = variant.inner if variant.kind == "newtype" else variant.struct
        else:
            return None
    return shape


def variant_map_at(shape: Shape, path: Sequence[PathElement]) -> bool:
    """Whether serde reads the map at ``path`` as an enum that names its variant by the
    map's one key (`{"variant": content}`): after that entry it wants the map to end."""
    found = _route(shape, path)
    if found is None or found is _SKIPPED:
        return False
    return names_its_variant(_unwrapped(found))


def skipped_at(shape: Shape, path: Sequence[PathElement]) -> bool:
    """Whether serde reads the value at ``path`` of a document read as ``shape`` only to
    pass over it (serde_derive's ``IgnoredAny``): at or below a key of a struct that
    names no field it deserializes. Enums other than externally tagged ones are not
    followed (False): what they hold is read whole, not passed over."""
    return _route(shape, path) is _SKIPPED


def fixed_length_at(shape: Shape, path: Sequence[PathElement]) -> int | None:
    """How many elements serde reads from the list at ``path`` before it wants the list
    to end, when that is fixed: a tuple's, or a struct's fields written as a list (the
    ones it deserializes). None for a list of any length, or a place not followed."""
    found = _route(shape, path)
    if found is None or found is _SKIPPED:
        return None
    found = _unwrapped(found)
    if isinstance(found, TupleShape):
        return len(found.elements)
    if isinstance(found, StructShape) and found.kind in ("struct", "tuple"):
        return len([spec for spec in found.fields if not spec.skip_deserializing])
    return None


def shape_at(shape: Shape, path: Sequence[PathElement]) -> Shape | None:
    """The shape serde reads the value at ``path`` of a document with, following struct
    fields, list items, tuple elements, map values and the content of externally tagged
    variants; None where serde passes the value over (:func:`skipped_at`) or the route
    goes through anything else."""
    found = _route(shape, path)
    return None if found is _SKIPPED else found


def reads_number_text(shape: Shape, _seen: set[int] | None = None) -> bool:
    """Whether ``shape`` reads, anywhere below it, a number serde_json parses from its
    text rather than as a parsed number: an ``f32`` or a 128-bit integer."""
    if isinstance(shape, FloatShape):
        return shape.bits == 32
    if isinstance(shape, IntShape):
        return shape.wide
    seen = set() if _seen is None else _seen
    if id(shape) in seen:  # a recursive type
        return False
    seen.add(id(shape))
    return any(reads_number_text(child, seen) for child in _children(shape))


def _children(shape: Shape) -> list[Shape]:
    if isinstance(shape, (OptionShape, SeqShape)):
        return [shape.inner]
    if isinstance(shape, TupleShape):
        return list(shape.elements)
    if isinstance(shape, MapShape):
        return [shape.key, shape.value]
    if isinstance(shape, StructShape):
        return [spec.shape for spec in shape.fields]
    if isinstance(shape, TaggedEnumShape):
        return [spec.struct for spec in shape.by_wire.values() if spec.struct is not None]
    return []
