"""Hypothesis strategies for values of any declared serde type, derived from its shape.

For the conformance tests' Python -> serde direction: values chosen by Python (floats
and strings that serde's own generator would not pick), written by Python and read by
serde. Recursive types are cut off by depth: lists empty, options None, enums with a
unit variant take one.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from jammi_wire.serde.model import (
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
    shape_of,
)
from jammi_wire.testing import finite_floats, wire_strings

CHARS = st.characters(exclude_categories=("Cs",))
MAX_DEPTH = 4


def values_of(cls: Any) -> st.SearchStrategy[Any]:
    return _strategy(shape_of(cls), 0)


def _strategy(shape: Shape, depth: int) -> st.SearchStrategy[Any]:
    deep = depth >= MAX_DEPTH
    if isinstance(shape, IntShape):
        bounds = (shape.minimum, shape.maximum, 0, 1)
        return st.sampled_from(bounds) | st.integers(shape.minimum, shape.maximum)
    if isinstance(shape, FloatShape):
        if shape.bits == 32:
            return st.floats(width=32, allow_nan=False, allow_infinity=False)
        return finite_floats()
    if isinstance(shape, BoolShape):
        return st.booleans()
    if isinstance(shape, StrShape):
        return wire_strings()
    if isinstance(shape, CharShape):
        return CHARS
    if isinstance(shape, UnitShape):
        return st.none()
    if isinstance(shape, OptionShape):
        return st.none() if deep else st.none() | _strategy(shape.inner, depth + 1)
    if isinstance(shape, SeqShape):
        return st.just([]) if deep else st.lists(_strategy(shape.inner, depth + 1), max_size=3)
    if isinstance(shape, TupleShape):
        return st.tuples(*(_strategy(element, depth + 1) for element in shape.elements))
    if isinstance(shape, MapShape):
        if deep:
            return st.just({})
        keys = _strategy(shape.key, depth + 1)
        return st.dictionaries(keys, _strategy(shape.value, depth + 1), max_size=3)
    if isinstance(shape, UnitEnumShape):
        return st.sampled_from(list(shape.cls))
    if isinstance(shape, StructShape):
        return _struct(shape, shape.cls, depth)
    if isinstance(shape, TaggedEnumShape):
        specs = list(shape.by_wire.values())
        units = [spec for spec in specs if spec.struct is None]
        if deep and units:
            specs = units
        options = [
            st.just(spec.cls()) if spec.struct is None else _struct(spec.struct, spec.cls, depth)
            for spec in specs
        ]
        return st.one_of(options)
    raise TypeError(f"no strategy for {shape!r}")


def _struct(shape: StructShape, cls: Any, depth: int) -> st.SearchStrategy[Any]:
    has_default = {a.name for a in attrs.fields(cls) if a.default is not attrs.NOTHING}
    fields = {
        spec.attr: _strategy(spec.shape, depth + 1)
        for spec in shape.fields
        if not (spec.skip_deserializing and spec.attr in has_default)
    }
    return st.builds(cls, **fields)
