"""Unstructuring: Python objects -> serde's data shape, one compiled function per shape.

Struct fields come out in declaration order, ``None`` as ``None`` (written ``null``),
every field present, as serde's derive writes them. Enum variants take one of two
forms: serde_json's externally tagged map (``{"triplet": {"margin": 0.5}}``) or
serde_yaml's tag (``Tagged("triplet", {...})``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from .._errors import WireError
from .checks import check_for
from .data import Tagged
from .model import (
    BoolShape,
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
)

VariantForm = Literal["map", "tagged"]
Unstructure = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _finite_float(value: Any) -> Any:
    # NaN and infinities fail `v - v == 0`; serde_json would write them as null,
    # which no reader accepts back as f64.
    if value - value == 0.0:
        return value
    raise WireError(f"cannot write {value!r} as JSON: serde_json writes it as null")


class Unstructurer:
    """Compiles shapes into unstructure functions for one variant form (memoised)."""

    def __init__(self, variant_form: VariantForm, *, finite_floats: bool) -> None:
        self.variant_form = variant_form
        self.finite_floats = finite_floats
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
        if isinstance(shape, (IntShape, BoolShape, StrShape)):
            return _identity
        if isinstance(shape, FloatShape):
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
        if isinstance(shape, MapShape):
            item_fn = self._guarded(shape.value)

            def unstructure_map(value: Any) -> dict[str, Any]:
                try:
                    return {_key(key): item_fn(item) for key, item in value.items()}
                except WireError as error:
                    raise _locate_entry(error, value, item_fn) from None

            return unstructure_map
        if isinstance(shape, UnitEnumShape):
            return _enum_value
        if isinstance(shape, TaggedEnumShape):
            return self._tagged_enum(shape)
        if isinstance(shape, StructShape):
            return self._struct(shape)
        raise TypeError(f"cannot unstructure {shape!r}")

    def _guarded(self, shape: Shape) -> Unstructure:
        fn = self.compile(shape)
        if fn is not _identity and fn is not _finite_float:
            return fn
        check = check_for(shape)
        if fn is _finite_float:
            return lambda value: _finite_float(check(value, ()))
        return lambda value: check(value, ())

    def _struct(self, shape: StructShape) -> Unstructure:
        plan = tuple((spec.attr, spec.wire, self.compile(spec.shape)) for spec in shape.fields)

        def unstructure_struct(value: Any) -> dict[str, Any]:
            try:
                return {wire: fn(getattr(value, attr)) for attr, wire, fn in plan}
            except WireError as error:
                raise _locate_field(error, value, plan) from None

        return unstructure_struct

    def _tagged_enum(self, shape: TaggedEnumShape) -> Unstructure:
        by_class: dict[type, Unstructure] = {}
        tagged = self.variant_form == "tagged"
        for cls, spec in shape.by_class.items():
            wire = spec.wire
            if spec.struct is None:
                by_class[cls] = lambda value, wire=wire: wire  # type: ignore[misc]
                continue
            body = self._struct(spec.struct)
            if tagged:
                by_class[cls] = lambda value, wire=wire, body=body: Tagged(wire, body(value))  # type: ignore[misc]
            else:
                by_class[cls] = lambda value, wire=wire, body=body: {wire: body(value)}  # type: ignore[misc]

        def unstructure_enum(value: Any) -> Any:
            return by_class[type(value)](value)

        return unstructure_enum


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


def _locate_entry(error: WireError, entries: Any, fn: Unstructure) -> WireError:
    for key, item in entries.items():
        try:
            _key(key)
            fn(item)
        except WireError:
            return error.within(str(key))
    return error


def _locate_field(
    error: WireError, value: Any, plan: tuple[tuple[str, str, Unstructure], ...]
) -> WireError:
    for attr, wire, fn in plan:
        try:
            fn(getattr(value, attr))
        except WireError:
            return error.within(wire)
    return error
