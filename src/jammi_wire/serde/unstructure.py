"""Unstructuring: Python objects -> serde's data shape, one compiled function per shape.

Struct fields come out in declaration order, ``None`` as ``None`` (written ``null``),
every field present, as serde's derive writes them. Enum variants take one of two
forms: serde_json's externally tagged map (``{"triplet": {"margin": 0.5}}``) or
serde_yaml's tag (``Tagged("triplet", {...})``).

Structs and tagged enums get two functions. The interpreted one walks a per-field
plan and locates errors. The generated one (see :class:`_Generator`) is straight-line
code, one attribute read and inline checks per field and a dict display, and hands
the object to the interpreted one at the first thing it does not vouch for, so
errors and their paths are always the interpreted path's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from .._errors import WireError
from .checks import check_for
from .data import CharText, Float32, Tagged, has_surrogates
from .gen import Source
from .model import (
    BoolShape,
    CharShape,
    FloatShape,
    IntShape,
    MapShape,
    OptionShape,
    SeqShape,
    Shape,
    StrShape,
    StructShape,
    TaggedEnumShape,
    TupleShape,
    UnitEnumShape,
    UnitShape,
    VariantSpec,
)

VariantForm = Literal["map", "tagged"]
Unstructure = Callable[[Any], Any]

# Nested structs and enums are generated into their parent's function this many levels
# deep (a call saved each); deeper ones, recursive types included, are called.
_INLINE_DEPTH = 2
# CPython (3.10-3.13) compiles a dict display of constant keys into one presized build
# up to this many entries (its stack-use guideline of 30 items, keys and values).
_DISPLAY_MAX = 15


class Record:
    """Base of the classes ``Unstructurer.record_class`` gives: an instance holds one
    struct's fields as attributes, set in field order, for a consumer (orjson) that
    writes it as the object of its attributes. ``vars()`` is that object as a dict."""

    __slots__ = ()


def _identity(value: Any) -> Any:
    return value


def _finite_float(value: Any) -> Any:
    # NaN and infinities fail `v - v == 0`; serde_json would write them as null,
    # which no reader accepts back as f64.
    if value - value == 0.0:
        return value
    raise WireError(f"cannot write {value!r} as JSON: serde_json writes it as null")


def as_value(data: Any) -> Any:
    """``data`` as serde_yaml's ``Value`` holds it: every f32 widened to an f64."""
    kind = type(data)
    if kind is Float32:
        return float(data)
    if kind is CharText:
        return str(data)
    if kind is dict:
        return {key: as_value(item) for key, item in data.items()}
    if kind is list:
        return [as_value(item) for item in data]
    if kind is Tagged:
        return Tagged(data.tag, as_value(data.value))
    return data


class Unstructurer:
    """Compiles shapes into unstructure functions for one variant form (memoised)."""

    def __init__(
        self,
        variant_form: VariantForm,
        *,
        finite_floats: bool,
        generated: bool = True,
        int_keys_as_text: bool = False,
        variant_content_as_value: bool = False,
        shared: bool = False,
        record_class: Callable[[tuple[str, ...]], type[Record] | None] | None = None,
        consumer_refuses: bool = False,
    ) -> None:
        self.variant_form = variant_form
        # serde_yaml's singleton_map_recursive builds the content of a struct or tuple
        # variant as a serde_yaml::Value first, where an f32 becomes an f64.
        self.variant_content_as_value = variant_content_as_value
        # True for a writer that consumes the data at once: checked lists and maps of
        # scalars are handed over as they are instead of copied out of the object.
        self.shared = shared
        # JSON object keys are strings: serde_json writes an integer key as "1".
        self.int_keys_as_text = int_keys_as_text
        self.finite_floats = finite_floats
        # False: interpreted functions only (the reference the generated code is tested against).
        self.generated = generated
        # For a writer whose output only orjson reads: a Record class whose instances
        # orjson writes as the object of their attributes, in the order they were set
        # (given the wire names; None where it cannot). A big struct's fields are then
        # set as attributes, which CPython stores faster than a dict stores its items.
        self.record_class = record_class
        # True for a writer whose output goes to a consumer (orjson) that itself refuses,
        # with a TypeError, an integer outside i64..u64 and a string with a lone
        # surrogate, and whose caller answers that error with a writer without this
        # flag: the generated code leaves those two tests of list and map items to it.
        self.consumer_refuses = consumer_refuses
        self._cache: dict[int, Unstructure] = {}

    def compile(self, shape: Shape) -> Unstructure:
        key = id(shape)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        cell: list[Unstructure] = []
        self._cache[key] = lambda value: cell[0](value)
        fn = self._build(shape)
        cell.append(fn)
        self._cache[key] = fn
        return fn

    def _build(self, shape: Shape) -> Unstructure:
        if isinstance(shape, (IntShape, BoolShape, StrShape, UnitShape)):
            return _identity
        if isinstance(shape, CharShape):
            return CharText
        if isinstance(shape, FloatShape):
            if shape.bits == 32:
                return self._f32()
            return _finite_float if self.finite_floats else _identity
        if isinstance(shape, OptionShape):
            inner = self.compile(shape.inner)
            if inner is _identity:
                return _identity

            def unstructure_option(value: Any) -> Any:
                return None if value is None else inner(value)

            return unstructure_option
        if isinstance(shape, SeqShape):
            # Lists can be changed in place after construction, which no converter
            # sees, so their items are checked again on the way out.
            element = self._guarded(shape.inner)

            def unstructure_seq(value: Any) -> list[Any]:
                try:
                    return [element(item) for item in value]
                except WireError as error:
                    raise _locate_item(error, value, element) from None

            return unstructure_seq
        if isinstance(shape, TupleShape):
            elements = tuple(self._guarded(element) for element in shape.elements)

            def unstructure_tuple(value: Any) -> list[Any]:
                if len(value) != len(elements):
                    raise WireError(f"expected a tuple of {len(elements)}, got {len(value)} items")
                return [fn(item) for fn, item in zip(elements, value, strict=True)]

            return unstructure_tuple
        if isinstance(shape, MapShape):
            return self._map(shape)
        if isinstance(shape, UnitEnumShape):
            return _enum_value
        if isinstance(shape, TaggedEnumShape):
            exact = self._tagged_enum(shape)
            if self.generated and shape.plain:
                return _Generator(self).tagged_enum(shape, exact)
            return exact
        if isinstance(shape, StructShape):
            exact = self._struct(shape)
            if self.generated and shape.plain:
                return _Generator(self).struct(shape, exact)
            return exact
        raise TypeError(f"cannot unstructure {shape!r}")

    def _f32(self) -> Unstructure:
        finite = self.finite_floats

        def unstructure_f32(value: Any) -> Float32:
            if finite:
                _finite_float(value)
            return Float32(value)

        return unstructure_f32

    def _map(self, shape: MapShape) -> Unstructure:
        item_fn = self._guarded(shape.value)
        key_check = check_for(shape.key)
        as_text = self.int_keys_as_text and isinstance(shape.key, IntShape)
        ordered = shape.sorted

        def key_of(key: Any) -> Any:
            checked = key_check(key, ())
            return str(checked) if as_text else checked

        def unstructure_map(value: Any) -> dict[Any, Any]:
            items = sorted(value.items()) if ordered else value.items()
            try:
                return {key_of(key): item_fn(item) for key, item in items}
            except WireError as error:
                raise _locate_entry(error, value, item_fn, key_of) from None
            except TypeError:  # keys of mixed types cannot be sorted
                raise WireError("map keys must all be of the key type") from None

        return unstructure_map

    def _guarded(self, shape: Shape) -> Unstructure:
        fn = self.compile(shape)
        if fn is not _identity and fn is not _finite_float:
            return fn
        check = check_for(shape)
        if fn is _finite_float:
            return lambda value: _finite_float(check(value, ()))
        return lambda value: check(value, ())

    def _struct(self, shape: StructShape) -> Unstructure:
        if shape.kind == "unit":
            return lambda value: None
        if shape.wrapped is not None:
            live = next(spec for spec in shape.fields if not spec.skip_deserializing)
            inner_fn = self.compile(live.shape)
            attr = live.attr
            return lambda value: inner_fn(getattr(value, attr))
        plan = tuple(
            (spec.attr, spec.wire, self.compile(spec.shape), spec.skip_serializing_if)
            for spec in shape.fields
            if not spec.skip_serializing
        )
        if shape.kind == "tuple":

            def unstructure_tuple_struct(value: Any) -> list[Any]:
                return [fn(getattr(value, attr)) for attr, _, fn, _ in plan]

            return unstructure_tuple_struct
        simple = tuple((attr, wire, fn) for attr, wire, fn, skip_if in plan)
        if all(skip_if is None for *_, skip_if in plan):

            def unstructure_struct(value: Any) -> dict[str, Any]:
                try:
                    return {wire: fn(getattr(value, attr)) for attr, wire, fn in simple}
                except WireError as error:
                    raise _locate_field(error, value, simple) from None

            return unstructure_struct

        def unstructure_struct_skipping(value: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            try:
                for attr, wire, fn, skip_if in plan:
                    item = getattr(value, attr)
                    if skip_if is not None and skip_if(item):
                        continue
                    out[wire] = fn(item)
            except WireError as error:
                raise _locate_field(error, value, simple) from None
            return out

        return unstructure_struct_skipping

    def _tagged_enum(self, shape: TaggedEnumShape) -> Unstructure:
        by_class: dict[type, Unstructure] = {}
        for cls, spec in shape.by_class.items():
            by_class[cls] = self._variant(shape, spec)

        def unstructure_enum(value: Any) -> Any:
            return by_class[type(value)](value)

        return unstructure_enum

    def _variant(self, shape: TaggedEnumShape, spec: VariantSpec) -> Unstructure:
        """One variant in its enum's representation."""
        wire = spec.wire
        representation = shape.representation
        tag, content = shape.tag, shape.content
        if spec.struct is None:
            if representation == "external":
                return lambda value: wire
            if representation == "untagged":
                return lambda value: None
            return lambda value: {tag: wire}
        body = self._struct(spec.struct)
        if representation == "untagged":
            return body
        if representation == "adjacent":
            return lambda value: {tag: wire, content: body(value)}
        if representation == "internal":
            where = f"{shape.name}::{spec.cls.__name__}"

            def internally_tagged(value: Any) -> dict[Any, Any]:
                data = body(value)
                if data is None:
                    return {tag: wire}
                if isinstance(data, Record):  # a big struct, as a writer for orjson has it
                    data = vars(data)
                if not isinstance(data, dict):
                    raise WireError(
                        f"cannot serialize tagged newtype variant {where} containing "
                        f"{_serde_kind_name(data)}"
                    )
                return {tag: wire, **data}

            return internally_tagged
        if self.variant_form == "tagged":
            return lambda value: Tagged(wire, body(value))
        if self.variant_content_as_value and spec.kind in ("struct", "tuple"):
            return lambda value: {wire: as_value(body(value))}
        return lambda value: {wire: body(value)}


class _Generator:
    """Writes one generated unstructure function.

    ``_field`` emits the statements for one value and returns the expression for its
    unstructured form. A check that fails emits ``return _exact(o)``: the interpreted
    function redoes the whole object and raises the located error, if there is one.
    """

    def __init__(self, owner: Unstructurer) -> None:
        self.owner = owner
        self.src = Source()
        self.bail = "return _exact(o)"
        self.depth = 0

    def struct(self, shape: StructShape, exact: Unstructure) -> Unstructure:
        src = self.src
        src.emit(0, "def unstructure(o):")
        src.emit(1, "try:")
        src.emit(2, f"return {self._body(shape, 'o', 2)}")
        src.emit(1, "except WireError:")
        src.emit(2, "pass")
        src.emit(1, "return _exact(o)")
        return self._finish(f"unstructure {shape.name}", exact)

    def tagged_enum(self, shape: TaggedEnumShape, exact: Unstructure) -> Unstructure:
        src = self.src
        src.emit(0, "def unstructure(o):")
        src.emit(1, "kind = type(o)")
        src.emit(1, "try:")
        for cls, spec in shape.by_class.items():
            src.emit(2, f"if kind is {src.bind('variant', cls)}:")
            if spec.struct is None:
                src.emit(3, f"return {spec.wire!r}")
                continue
            src.emit(3, f"return {self._variant(spec.wire, spec.struct, 'o', 3)}")
        src.emit(1, "except WireError:")
        src.emit(2, "pass")
        src.emit(1, "return _exact(o)")
        return self._finish(f"unstructure {shape.name}", exact)

    def _finish(self, label: str, exact: Unstructure) -> Unstructure:
        self.src.names["_exact"] = exact
        self.src.names["WireError"] = WireError
        fn: Unstructure = self.src.finish(label, "unstructure")
        return fn

    def _body(self, shape: StructShape, obj: str, indent: int) -> str:
        """Statements for the fields of struct ``obj``; returns the dict display, or
        for a big struct the local holding its dict."""
        src = self.src
        items = []
        floats = []
        for spec in shape.fields:
            read = f"{obj}.{spec.attr}"
            if self.owner.finite_floats and _is_f64(spec.shape):
                # NaN and infinities are refused; one test for all of this struct's
                # floats: x - x is 0.0 exactly for a finite x, and a NaN or an
                # infinity makes the whole sum NaN.
                var = src.local()
                src.emit(indent, f"{var} = {read}")
                floats.append(var)
                items.append((spec.wire, var))
                continue
            items.append((spec.wire, self._field(spec.shape, read, indent)))
        if floats:
            total = " + ".join(f"{var} - {var}" for var in floats)
            src.emit(indent, f"if {total} != 0.0: {self.bail}")
        if len(items) <= _DISPLAY_MAX:
            return "{" + ", ".join(f"{wire!r}: {value}" for wire, value in items) + "}"
        record = None
        if self.owner.record_class is not None:
            record = self.owner.record_class(tuple(wire for wire, _ in items))
        if record is not None:
            var = src.local("out")
            src.emit(indent, f"{var} = {src.bind('record', record)}()")
            for wire, value in items:
                src.emit(indent, f"{var}.{wire} = {value}")
            return var
        # CPython builds a display this big one entry at a time, growing the dict
        # three times over; a copy of a dict of its keys has the room already, and the
        # stores below replace values in place (same keys, same order).
        var = src.local("out")
        template = src.bind("keys", dict.fromkeys(wire for wire, _ in items))
        src.emit(indent, f"{var} = {template}.copy()")
        for wire, value in items:
            src.emit(indent, f"{var}[{wire!r}] = {value}")
        return var

    def _variant(self, wire: str, shape: StructShape, obj: str, indent: int) -> str:
        body = self._body(shape, obj, indent)
        if self.owner.variant_form == "tagged":
            return f"{self.src.bind('Tagged', Tagged)}({wire!r}, {body})"
        if self.owner.variant_content_as_value and shape.kind in ("struct", "tuple"):
            return f"{{{wire!r}: {self.src.bind('as_value', as_value)}({body})}}"
        return f"{{{wire!r}: {body}}}"

    def _inline_struct(self, shape: StructShape, read: str, indent: int) -> str:
        var = self.src.local()
        self.src.emit(indent, f"{var} = {read}")
        self.src.emit(
            indent, f"if type({var}) is not {self.src.bind('cls', shape.cls)}: {self.bail}"
        )
        return self._body(shape, var, indent)

    def _inline_tagged_enum(self, shape: TaggedEnumShape, read: str, indent: int) -> str:
        src = self.src
        var, kind = src.local(), src.local("kind")
        src.emit(indent, f"{var} = {read}")
        src.emit(indent, f"{kind} = type({var})")
        branch = "if"
        for cls, spec in shape.by_class.items():
            src.emit(indent, f"{branch} {kind} is {src.bind('variant', cls)}:")
            if spec.struct is None:
                src.emit(indent + 1, f"{var} = {spec.wire!r}")
            else:
                src.emit(
                    indent + 1, f"{var} = {self._variant(spec.wire, spec.struct, var, indent + 1)}"
                )
            branch = "elif"
        src.emit(indent, "else:")
        src.emit(indent + 1, self.bail)
        return var

    def _field(self, shape: Shape, read: str, indent: int) -> str:
        src = self.src
        if isinstance(shape, (IntShape, BoolShape, StrShape)):
            return read
        if isinstance(shape, FloatShape) and shape.bits == 64:
            if not self.owner.finite_floats:
                return read
            var = src.local()
            src.emit(indent, f"{var} = {read}")
            src.emit(indent, f"if {var} - {var} != 0.0: {self.bail}")  # NaN or infinite
            return var
        if isinstance(shape, UnitEnumShape):
            return f"{read}._value_"
        if isinstance(shape, OptionShape):
            var = src.local()
            src.emit(indent, f"{var} = {read}")
            start = len(src.lines)
            src.emit(indent, f"if {var} is not None:")
            inner = self._field(shape.inner, var, indent + 1)
            if inner == var:
                del src.lines[start:]  # nothing to do for the inner value
            else:
                src.emit(indent + 1, f"{var} = {inner}")
            return var
        if isinstance(shape, SeqShape) and self._item_check(shape.inner, "item") is not None:
            # Lists can be changed in place after construction, so items are checked.
            var, item = src.local(), src.local("item")
            src.emit(indent, f"{var} = {read}")
            src.emit(indent, f"if type({var}) is not list: {self.bail}")
            src.emit(indent, f"if {var}:")  # an empty list costs no iterator
            src.emit(indent + 1, f"for {item} in {var}:")
            src.emit(indent + 2, f"if {self._item_check(shape.inner, item)}: {self.bail}")
            return var if self.owner.shared else f"{var}[:]"
        if (
            isinstance(shape, MapShape)
            and isinstance(shape.key, StrShape)
            and not shape.sorted
            and self._item_check(shape.value, "item") is not None
        ):
            var, key, item = src.local(), src.local("key"), src.local("item")
            src.emit(indent, f"{var} = {read}")
            src.emit(indent, f"if type({var}) is not dict: {self.bail}")
            src.emit(indent, f"if {var}:")  # an empty map costs no items view
            src.emit(indent + 1, f"for {key}, {item} in {var}.items():")
            # A key is checked as a string item is: a lone surrogate has no UTF-8.
            key_check = self._item_check(shape.key, key)
            check = self._item_check(shape.value, item)
            src.emit(indent + 2, f"if {key_check} or {check}: {self.bail}")
            return var if self.owner.shared else f"{var}.copy()"
        if (
            self.depth < _INLINE_DEPTH
            and isinstance(shape, (StructShape, TaggedEnumShape))
            and shape.plain
        ):
            self.depth += 1
            try:
                if isinstance(shape, StructShape):
                    return self._inline_struct(shape, read, indent)
                return self._inline_tagged_enum(shape, read, indent)
            finally:
                self.depth -= 1
        # Anything else through its own compiled function, generated where possible.
        return f"{src.bind('field', self.owner.compile(shape))}({read})"

    def _item_check(self, shape: Shape, var: str) -> str | None:
        """A condition true when list or map item ``var`` needs the interpreted path."""
        refuses = self.owner.consumer_refuses
        if isinstance(shape, IntShape):
            # The consumer's own range, i64..u64, is the parser's: `parsed` leaves it out.
            return f"not ({shape.accepts_source(var, parsed=refuses)})"
        if isinstance(shape, FloatShape) and shape.bits == 64:
            finite = f" or {var} - {var} != 0.0" if self.owner.finite_floats else ""
            return f"type({var}) is not float{finite}"
        if isinstance(shape, BoolShape):
            return f"type({var}) is not bool"
        if isinstance(shape, StrShape):
            if refuses:
                return f"type({var}) is not str"
            surrogates = self.src.bind("surrogates", has_surrogates)
            return f"type({var}) is not str or (not {var}.isascii() and {surrogates}({var}))"
        return None


def _is_f64(shape: Shape) -> bool:
    return isinstance(shape, FloatShape) and shape.bits == 64


def _enum_value(value: Any) -> Any:
    return value.value


def _key(key: Any) -> str:
    if type(key) is str:
        return key
    raise WireError(f"map keys must be strings, got {key!r}")


# Errors on the way out are rare; find which item failed only then.
def _locate_item(error: WireError, items: Any, fn: Unstructure) -> WireError:
    for index, item in enumerate(items):
        try:
            fn(item)
        except WireError:
            return error.within(index)
    return error


def _locate_entry(
    error: WireError, entries: Any, fn: Unstructure, key_of: Unstructure = _key
) -> WireError:
    for key, item in entries.items():
        try:
            key_of(key)
            fn(item)
        except WireError:
            return error.within(str(key))
    return error


def _serde_kind_name(data: Any) -> str:
    """serde's name for what a tagged newtype variant holds (``an integer``)."""
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, int):
        return "an integer"
    if isinstance(data, float):
        return "a float"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, list):
        return "a sequence"
    return "a value"


def _locate_field(
    error: WireError, value: Any, plan: tuple[tuple[str, str, Unstructure], ...]
) -> WireError:
    for attr, wire, fn in plan:
        try:
            fn(getattr(value, attr))
        except WireError:
            return error.within(wire)
    return error
