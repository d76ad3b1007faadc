"""Structuring: value tree -> Python objects, with serde's acceptance rules.

Each shape compiles once into a function ``fn(value, ctx)``. Like serde's visitors,
a struct walks its input in document order, so the first error reported is the
first one serde would meet. Errors are raised with the path below the failing
container; each level adds its own key as the error travels out, so the success
path pays nothing for paths.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any, Literal

from .._errors import PathElement, UnknownFieldWarning, WireError, render_path
from .checks import has_surrogates
from .data import ComplexKey, DuplicateKeys, Plain, Tagged
from .floats import serde_json_float
from .model import (
    BoolShape,
    FieldSpec,
    FloatShape,
    IntShape,
    MapShape,
    OptionShape,
    SeqShape,
    Shape,
    StrShape,
    StructShape,
    TaggedEnumShape,
    UnitEnumShape,
    VariantSpec,
)
from .wording import (
    TRAILING_CHARACTERS,
    UNIT_FOR_STRUCT_VARIANT,
    duplicate_field,
    invalid_length,
    invalid_value,
    missing_field,
    one_of,
    unexpected,
    unknown_variant,
)

UnknownPolicy = Literal["ignore", "warn", "error"]
Structure = Callable[[Any, "Context"], Any]


class Profile:
    """What one format's value tree may contain, and how its untyped scalars resolve.

    JSON trees hold typed scalars; YAML trees hold :class:`Plain` scalars that the
    target type resolves, and enum variants as :class:`Tagged` nodes or single-key
    maps depending on the dialect.
    """

    def __init__(
        self,
        name: str,
        *,
        enum_map_form: bool = True,
        enum_tag_form: bool = False,
        plain_int: Callable[[str], int | None] | None = None,
        plain_float: Callable[[str], float | None] | None = None,
        plain_bool: Callable[[str], bool | None] | None = None,
        plain_null: Callable[[str], bool] | None = None,
        describe_plain: Callable[[str], str] | None = None,
        null_word: str = "null",
        float_text: Callable[[float], str] | None = None,
    ) -> None:
        self.name = name
        # serde_json's errors spell floats with its own writer (`1.8446744073709552e+19`);
        # serde's default Display (`18446744073709552000.0`) is what serde_yaml shows.
        self.float_text = float_text
        # True when every scalar arrives typed (JSON); False when some arrive as Plain.
        self.typed_scalars = plain_int is None
        self.enum_map_form = enum_map_form
        self.enum_tag_form = enum_tag_form
        self.plain_int = plain_int
        self.plain_float = plain_float
        self.plain_bool = plain_bool
        self.plain_null = plain_null
        self.describe_plain = describe_plain
        # serde_json calls null "null"; serde_yaml calls it "unit value".
        self.null_word = null_word

    def describe(self, value: Any) -> str:
        if type(value) is Plain and self.describe_plain is not None:
            return self.describe_plain(value)
        if value is None:
            return self.null_word
        if type(value) is float and self.float_text is not None:
            return f"floating point `{self.float_text(value)}`"
        return unexpected(value)

    def invalid_type(self, value: Any, expecting: str) -> WireError:
        return WireError(f"invalid type: {self.describe(value)}, expected {expecting}")

    def is_null(self, value: Any) -> bool:
        if value is None:
            return True
        return type(value) is Plain and self.plain_null is not None and self.plain_null(value)


JSON_PROFILE = Profile("json", float_text=serde_json_float)


class Context:
    """Per-call state: the unknown-field policy, what it collected, and where we are.

    ``path`` is kept only for containers (scalars never hold unknown fields), so
    tracking it costs a push and a pop per nested struct, not per field.
    """

    __slots__ = ("path", "reported", "unknown")

    def __init__(self, unknown: UnknownPolicy = "ignore") -> None:
        self.unknown = unknown
        self.path: list[PathElement] = []
        self.reported: list[tuple[tuple[PathElement, ...], str]] = []

    def unknown_field(self, key: Any, known: tuple[str, ...]) -> None:
        if self.unknown == "ignore":
            return
        name = str(key.value if type(key) is ComplexKey else key)
        if self.unknown == "error":
            close = get_close_matches(name, known, n=1, cutoff=0.75)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise WireError(f"unknown field `{name}`, {one_of(known)}{hint}", (name,))
        where = render_path((*self.path, name))
        if name == "<<":
            message = (
                f"merge key `{where}` is not applied: serde ignores `<<` as an unknown "
                "field, so none of the merged fields are set"
            )
        else:
            close = get_close_matches(name, known, n=1, cutoff=0.75)
            message = f"unknown field `{where}` is ignored by serde"
            if close:
                message += f"; did you mean `{close[0]}`?"
        self.reported.append(((*self.path, name), message))
        warnings.warn(message, UnknownFieldWarning, stacklevel=2)


def _is_container(shape: Shape) -> bool:
    while isinstance(shape, OptionShape):
        shape = shape.inner
    return isinstance(shape, (StructShape, TaggedEnumShape, SeqShape, MapShape))


class Compiler:
    """Compiles shapes into structure functions for one profile (memoised per shape)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._cache: dict[int, Structure] = {}

    def compile(self, shape: Shape) -> Structure:
        key = id(shape)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if isinstance(shape, StructShape):
            # Placeholder first: a self-referencing struct compiles to a forward call.
            cell: list[Structure] = []
            self._cache[key] = lambda value, ctx: cell[0](value, ctx)
            fn = self._struct(shape)
            cell.append(fn)
        else:
            fn = self._build(shape)
        self._cache[key] = fn
        return fn

    def _build(self, shape: Shape) -> Structure:
        if isinstance(shape, IntShape):
            return self._int(shape)
        if isinstance(shape, FloatShape):
            return self._float()
        if isinstance(shape, BoolShape):
            return self._bool()
        if isinstance(shape, StrShape):
            return self._str()
        if isinstance(shape, OptionShape):
            return self._option(shape)
        if isinstance(shape, SeqShape):
            return self._seq(shape)
        if isinstance(shape, MapShape):
            return self._map(shape)
        if isinstance(shape, UnitEnumShape):
            return self._unit_enum(shape)
        if isinstance(shape, TaggedEnumShape):
            return self._tagged_enum(shape)
        raise TypeError(f"cannot structure {shape!r}")

    # ── scalars ──────────────────────────────────────────────────────────────

    def _int(self, shape: IntShape) -> Structure:
        lo, hi, name = shape.minimum, shape.maximum, shape.expecting
        profile = self.profile
        plain_int = profile.plain_int

        def structure_int(value: Any, ctx: Context) -> int:
            kind = type(value)
            if kind is int:
                if lo <= value <= hi:
                    return value  # type: ignore[no-any-return]
                raise WireError(invalid_value(value, name))
            if kind is Plain and plain_int is not None:
                number = plain_int(value)
                if number is not None:
                    if lo <= number <= hi:
                        return number
                    raise WireError(invalid_value(number, name))
            raise profile.invalid_type(value, name)

        return structure_int

    def _float(self) -> Structure:
        profile = self.profile
        plain_float = profile.plain_float

        def structure_float(value: Any, ctx: Context) -> float:
            kind = type(value)
            if kind is float:
                return value  # type: ignore[no-any-return]
            if kind is int:
                return float(value)
            if kind is Plain and plain_float is not None:
                number = plain_float(value)
                if number is not None:
                    return number
            raise profile.invalid_type(value, "f64")

        return structure_float

    def _bool(self) -> Structure:
        profile = self.profile
        plain_bool = profile.plain_bool

        def structure_bool(value: Any, ctx: Context) -> bool:
            if type(value) is bool:
                return value
            if type(value) is Plain and plain_bool is not None:
                flag = plain_bool(value)
                if flag is not None:
                    return flag
            raise profile.invalid_type(value, "a boolean")

        return structure_bool

    def _str(self) -> Structure:
        profile = self.profile

        def structure_str(value: Any, ctx: Context) -> str:
            kind = type(value)
            if kind is str or kind is Plain:
                if has_surrogates(value):
                    raise WireError(lone_surrogate_message(value))
                return value if kind is str else str(value)
            raise profile.invalid_type(value, "a string")

        return structure_str

    # ── containers ───────────────────────────────────────────────────────────

    def _option(self, shape: OptionShape) -> Structure:
        inner = self.compile(shape.inner)
        is_null = self.profile.is_null

        def structure_option(value: Any, ctx: Context) -> Any:
            if value is None or is_null(value):
                return None
            return inner(value, ctx)

        return structure_option

    def _seq(self, shape: SeqShape) -> Structure:
        inner = self.compile(shape.inner)
        profile = self.profile
        nested = _is_container(shape.inner)

        def structure_seq(value: Any, ctx: Context) -> list[Any]:
            if type(value) is not list:
                raise profile.invalid_type(value, "a sequence")
            out = []
            index = 0
            try:
                for index, item in enumerate(value):
                    if nested:
                        ctx.path.append(index)
                        out.append(inner(item, ctx))
                        ctx.path.pop()
                    else:
                        out.append(inner(item, ctx))
            except WireError as error:
                raise error.within(index) from None
            return out

        return structure_seq

    def _map(self, shape: MapShape) -> Structure:
        inner = self.compile(shape.value)
        profile = self.profile
        nested = _is_container(shape.value)

        def structure_map(value: Any, ctx: Context) -> dict[str, Any]:
            if not isinstance(value, dict):
                raise profile.invalid_type(value, "a map")
            pairs = value.pairs if type(value) is DuplicateKeys else value.items()
            out: dict[str, Any] = {}
            for key, item in pairs:
                name = map_key(key, profile)
                try:
                    if nested:
                        ctx.path.append(name)
                        out[name] = inner(item, ctx)
                        ctx.path.pop()
                    else:
                        out[name] = inner(item, ctx)
                except WireError as error:
                    raise error.within(name) from None
            return out

        return structure_map

    def _struct(self, shape: StructShape) -> Structure:
        fields = shape.fields
        by_wire: dict[str, tuple[int, FieldSpec, Structure, bool]] = {}
        for index, spec in enumerate(fields):
            by_wire[spec.wire] = (
                index,
                spec,
                self.compile(spec.shape),
                _is_container(spec.shape),
            )
        known = tuple(spec.wire for spec in fields)
        count = len(fields)
        profile = self.profile
        build = builder(shape)
        expecting = shape.expecting

        def structure_struct(value: Any, ctx: Context) -> Any:
            if type(value) is list:
                return structure_struct_seq(value, ctx)
            if not isinstance(value, dict):
                raise profile.invalid_type(value, expecting)
            pairs = value.pairs if type(value) is DuplicateKeys else value.items()
            slots: list[Any] = [_ABSENT] * count
            for key, item in pairs:
                entry = by_wire.get(key) if type(key) is not ComplexKey else None
                if entry is None:
                    ctx.unknown_field(key, known)
                    continue
                index, spec, fn, nested = entry
                if slots[index] is not _ABSENT:
                    raise WireError(duplicate_field(spec.wire))
                try:
                    if nested:
                        ctx.path.append(spec.wire)
                        slots[index] = fn(item, ctx)
                        ctx.path.pop()
                    else:
                        slots[index] = fn(item, ctx)
                except WireError as error:
                    raise error.within(spec.wire) from None
            for index, spec in enumerate(fields):
                if slots[index] is _ABSENT:
                    if spec.missing is None:
                        raise WireError(missing_field(spec.wire))
                    slots[index] = spec.missing()
            return build(slots)

        def structure_struct_seq(value: list[Any], ctx: Context) -> Any:
            # serde's derive also reads a struct from a sequence of its fields in order;
            # trailing fields marked default may be left out.
            slots: list[Any] = []
            for index, spec in enumerate(fields):
                if index < len(value):
                    try:
                        slots.append(by_wire[spec.wire][2](value[index], ctx))
                    except WireError as error:
                        raise error.within(index) from None
                elif spec.missing_in_seq is not None:
                    slots.append(spec.missing_in_seq())
                else:
                    raise WireError(
                        invalid_length(
                            index, f"{expecting} with {count} element{'' if count == 1 else 's'}"
                        )
                    )
            if len(value) > count:
                if profile.name == "json":
                    # serde_json's end_seq meets the extra element as text, not as a value.
                    raise WireError(TRAILING_CHARACTERS, (count,))
                raise WireError(invalid_length(len(value), "fewer elements in array"))
            return build(slots)

        return structure_struct

    # ── enums ────────────────────────────────────────────────────────────────

    def _variant_name(self, value: Any, names: tuple[str, ...]) -> str:
        if type(value) is not str and type(value) is not Plain:
            raise self.profile.invalid_type(value, "variant identifier")
        if value not in names:
            raise WireError(unknown_variant(value, names))
        return str(value)

    def _enum_entry(self, value: Any, expecting: str) -> tuple[str | None, Any, bool]:
        """Split an enum's input into (variant name or None for a bare name, content, tagged)."""
        profile = self.profile
        kind = type(value)
        if kind is str or kind is Plain:
            return str(value), _UNIT, False
        if kind is Tagged and profile.enum_tag_form:
            return value.tag, value.value, True
        if isinstance(value, dict) and profile.enum_map_form:
            if len(value) == 1 and type(value) is not DuplicateKeys:
                ((key, content),) = value.items()
                if type(key) is str or type(key) is Plain:
                    return str(key), content, False
            raise profile.invalid_type(value, expecting)
        raise profile.invalid_type(value, expecting)

    def _unit_content(self, content: Any, tagged: bool) -> None:
        if content is _UNIT:
            return
        if tagged and type(content) is Plain and (content == "" or self.profile.is_null(content)):
            return
        if content is None or self.profile.is_null(content):
            return
        raise self.profile.invalid_type(content, "unit variant" if tagged else "unit")

    def _unit_enum(self, shape: UnitEnumShape) -> Structure:
        by_wire = shape.by_wire
        names = shape.wire_names

        def structure_unit_enum(value: Any, ctx: Context) -> Any:
            name, content, tagged = self._enum_entry(value, shape.expecting)
            assert name is not None
            if name not in by_wire:
                raise WireError(unknown_variant(name, names))
            self._unit_content(content, tagged)
            return by_wire[name]

        return structure_unit_enum

    def _tagged_enum(self, shape: TaggedEnumShape) -> Structure:
        names = shape.wire_names
        variants: dict[str, tuple[VariantSpec, Structure | None]] = {}
        for wire, spec in shape.by_wire.items():
            variants[wire] = (spec, self.compile(spec.struct) if spec.struct else None)
        units = {wire: spec.cls() for wire, spec in shape.by_wire.items() if spec.struct is None}
        profile = self.profile

        def structure_tagged_enum(value: Any, ctx: Context) -> Any:
            name, content, tagged = self._enum_entry(value, shape.expecting)
            assert name is not None
            entry = variants.get(name)
            if entry is None:
                raise WireError(unknown_variant(name, names))
            spec, fn = entry
            if fn is None:
                self._unit_content(content, tagged)
                return units[name]
            assert spec.struct is not None
            if content is _UNIT:
                if profile.name == "json":
                    # serde_json's UnitVariantAccess names no variant and no position.
                    raise WireError(UNIT_FOR_STRUCT_VARIANT)
                raise WireError(f"invalid type: unit variant, expected {spec.struct.expecting}")
            if type(content) is not list and not isinstance(content, dict):
                raise profile.invalid_type(content, spec.struct.expecting)
            ctx.path.append(name)
            try:
                result = fn(content, ctx)
            except WireError as error:
                raise error.within(name) from None
            ctx.path.pop()
            return result

        return structure_tagged_enum


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_ABSENT: Any = _Marker("<absent>")
_UNIT: Any = _Marker("<unit>")


def map_key(key: Any, profile: Profile) -> str:
    kind = type(key)
    if kind is str:
        if has_surrogates(key):
            raise WireError(lone_surrogate_message(key))
        return key  # type: ignore[no-any-return]
    if kind is Plain:
        return str(key)
    if kind is ComplexKey:
        raise profile.invalid_type(key.value, "a string")
    raise profile.invalid_type(key, "a string")


def lone_surrogate_message(text: str) -> str:
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDBFF:
            return "lone leading surrogate in hex escape"
        if 0xDC00 <= code <= 0xDFFF:
            return "lone trailing surrogate in hex escape"
    return "invalid unicode code point"


def builder(shape: StructShape) -> Callable[[list[Any]], Any]:
    """Build an instance from checked field values in declaration order."""
    cls = shape.cls
    names = tuple(spec.attr for spec in shape.fields)
    if shape.fast_init:
        # Our own classes: values are already checked, so skip the constructor's
        # converters and set the attributes directly.
        new = object.__new__
        setter = object.__setattr__
        pairs = tuple(enumerate(names))

        def build_fast(values: list[Any]) -> Any:
            obj: Any = new(cls)
            for index, name in pairs:
                setter(obj, name, values[index])
            return obj

        return build_fast

    def build_checked(values: list[Any]) -> Any:
        try:
            return cls(**dict(zip(names, values, strict=True)))
        except WireError:
            raise
        except (TypeError, ValueError) as error:
            raise WireError(f"{cls.__name__} rejected the values: {error}") from None

    return build_checked
