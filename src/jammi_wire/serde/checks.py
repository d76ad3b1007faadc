"""Checks on constructor arguments: what a Python caller passes must fit the wire.

Each struct field gets one converter (check and normalise in one call, cheaper than
attrs' composed validators); attrs runs it in ``__init__`` and on assignment. Decoding
bypasses these: the decoder has already checked every value it read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .._errors import PathElement, WireError
from .data import has_surrogates
from .floats import int_to_f64, to_f32
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
)
from .wording import invalid_value, unexpected

Check = Callable[[Any, tuple[PathElement, ...]], Any]


def _describe(value: Any) -> str:
    if isinstance(value, (str, bool, int, float, list, dict)) or value is None:
        return unexpected(value)
    return f"{type(value).__name__} {value!r}"


def _int_check(shape: IntShape) -> Check:
    accepts, name = shape.accepts, shape.expecting

    def check(value: Any, path: tuple[PathElement, ...]) -> int:
        if accepts(value):
            return value  # type: ignore[no-any-return]
        if isinstance(value, int) and not isinstance(value, bool):
            number = int(value)  # an int subclass (IntEnum) counts as its value
            if accepts(number):
                return number
            raise WireError(invalid_value(number, name), path)
        raise WireError(f"invalid type: {_describe(value)}, expected {name}", path)

    return check


def _float_check(shape: FloatShape) -> Check:
    bits, name = shape.bits, shape.expecting

    def check(value: Any, path: tuple[PathElement, ...]) -> float:
        if type(value) is float and bits == 64:
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = int_to_f64(int(value)) if isinstance(value, int) else float(value)
            if number is None:
                raise WireError("number out of range", path)
            if bits == 32 and not _f32_fits(number, to_f32(number)):
                raise WireError(f"{number!r} is out of range for {name}", path)
            return to_f32(number) if bits == 32 else number
        raise WireError(f"invalid type: {_describe(value)}, expected {name}", path)

    return check


def _f32_fits(value: float, rounded: float) -> bool:
    """A finite value that f32 can only hold as infinity is refused, not silently cast."""
    return rounded - rounded == 0.0 or value - value != 0.0


def _bool_check(value: Any, path: tuple[PathElement, ...]) -> bool:
    if type(value) is bool:
        return value
    raise WireError(f"invalid type: {_describe(value)}, expected a boolean", path)


def _str_check(value: Any, path: tuple[PathElement, ...]) -> str:
    if isinstance(value, str):
        if has_surrogates(value):
            raise WireError(
                f"{unexpected(str(value))} contains a lone surrogate, which UTF-8 cannot carry",
                path,
            )
        return str(value)
    raise WireError(f"invalid type: {_describe(value)}, expected a string", path)


def _char_check(value: Any, path: tuple[PathElement, ...]) -> str:
    text = _str_check(value, path)
    if len(text) != 1:
        raise WireError(f"invalid value: {unexpected(text)}, expected a character", path)
    return text


def _unit_check(value: Any, path: tuple[PathElement, ...]) -> None:
    if value is None:
        return None
    raise WireError(f"invalid type: {_describe(value)}, expected unit", path)


def _instance_check(cls: type, expecting: str) -> Check:
    def check(value: Any, path: tuple[PathElement, ...]) -> Any:
        if isinstance(value, cls):
            return value
        raise WireError(f"expected {expecting}, got {_describe(value)}", path)

    return check


def check_for(shape: Shape) -> Check:
    """A function that checks and normalises one value of ``shape``."""
    if isinstance(shape, IntShape):
        return _int_check(shape)
    if isinstance(shape, FloatShape):
        return _float_check(shape)
    if isinstance(shape, CharShape):
        return _char_check
    if isinstance(shape, UnitShape):
        return _unit_check
    if isinstance(shape, TupleShape):
        elements = tuple(check_for(element) for element in shape.elements)
        size = len(elements)

        def check_tuple(value: Any, path: tuple[PathElement, ...]) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)) or len(value) != size:
                raise WireError(f"expected a tuple of {size}, got {_describe(value)}", path)
            return tuple(
                fn(item, (*path, index))
                for index, (fn, item) in enumerate(zip(elements, value, strict=True))
            )

        return check_tuple
    if isinstance(shape, BoolShape):
        return _bool_check
    if isinstance(shape, StrShape):
        return _str_check
    if isinstance(shape, OptionShape):
        inner = check_for(shape.inner)

        def check_option(value: Any, path: tuple[PathElement, ...]) -> Any:
            return None if value is None else inner(value, path)

        return check_option
    if isinstance(shape, SeqShape):
        element = check_for(shape.inner)

        def check_seq(value: Any, path: tuple[PathElement, ...]) -> list[Any]:
            if not isinstance(value, (list, tuple)):
                raise WireError(f"expected a list, got {_describe(value)}", path)
            return [element(item, (*path, index)) for index, item in enumerate(value)]

        return check_seq
    if isinstance(shape, MapShape):
        value_check = check_for(shape.value)
        key_check = check_for(shape.key)

        def check_map(value: Any, path: tuple[PathElement, ...]) -> dict[Any, Any]:
            if not isinstance(value, Mapping):
                raise WireError(f"expected a dict, got {_describe(value)}", path)
            out = {}
            for key, item in value.items():
                out[key_check(key, path)] = value_check(item, (*path, str(key)))
            return out

        return check_map
    if isinstance(shape, UnitEnumShape):
        return _instance_check(shape.cls, shape.name)
    if isinstance(shape, TaggedEnumShape):
        return _instance_check(shape.base, shape.name)
    if isinstance(shape, StructShape):
        return _instance_check(shape.cls, shape.name)
    raise TypeError(f"no check for {shape!r}")


def lazy_argument_converter(cls: type, name: str) -> Callable[[Any], Any]:
    """The converter for a field whose annotation names a type declared later: its
    shape is resolved on the first call (the class is complete by then)."""
    resolved: list[Callable[[Any], Any]] = []

    def convert(value: Any) -> Any:
        if not resolved:
            from .model import _resolved_hints, shape_of

            resolved.append(argument_converter(shape_of(_resolved_hints(cls)[name]), name))
        return resolved[0](value)

    return convert


def argument_converter(shape: Shape, name: str) -> Callable[[Any], Any]:
    """The attrs converter for field ``name``: errors name the field."""
    check = check_for(shape)
    path = (name,)

    def convert(value: Any) -> Any:
        return check(value, path)

    return convert
