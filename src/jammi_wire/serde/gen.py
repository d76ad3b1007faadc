"""Generated fast paths for structuring typed (JSON-shaped) value trees.

The compiled functions in :mod:`.structure` are exact but pay a function call and
bookkeeping per field. For the common case, a well-formed document with typed
scalars, this module generates one straight-line function per struct, in the manner
of cattrs' ``gen``: inline exact-type checks, direct slot assignment, no paths. It
never reports an error: at the first irregularity (a wrong type, a missing or unknown
key, a repeated key, a ``Plain`` scalar) it raises :class:`Bail`, and the caller
re-runs the exact path, which finds serde's first error in document order.

Every generated function takes ``tally``, a one-element list to which it adds the
number of mapping keys it consumed. A JSON parser that silently collapses repeated
keys (orjson) can then be checked against the key count of the text.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from itertools import count
from typing import Any

from .checks import has_surrogates
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

Fast = Callable[[Any, list[int]], Any]


class Bail(Exception):
    """The fast path met something it does not vouch for; use the exact path."""


_serial = count()


def _bail() -> Any:
    raise Bail


class _Source:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"Bail": Bail, "_bail": _bail}

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def bind(self, prefix: str, value: Any) -> str:
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        return name


class FastCompiler:
    """Generates fast structure functions; shapes it cannot speed up return None."""

    def __init__(self) -> None:
        self._cache: dict[int, Fast | None] = {}

    def compile(self, shape: Shape) -> Fast | None:
        key = id(shape)
        if key in self._cache:
            return self._cache[key]
        self._cache[key] = None  # a recursive struct falls back to the exact path
        fn = self._build(shape)
        self._cache[key] = fn
        return fn

    def _build(self, shape: Shape) -> Fast | None:
        if isinstance(shape, StructShape):
            return self._struct(shape) if shape.fast_init else None
        if isinstance(shape, TaggedEnumShape):
            return self._tagged_enum(shape)
        if isinstance(shape, UnitEnumShape):
            by_wire = shape.by_wire

            def fast_unit_enum(value: Any, tally: list[int]) -> Any:
                member = by_wire.get(value) if type(value) is str else None
                if member is None:
                    raise Bail
                return member

            return fast_unit_enum
        return None

    # Checks for one value held in local `v`; they leave the converted value in `v`.
    def _value(self, src: _Source, shape: Shape, indent: int, var: str = "v") -> bool:
        if isinstance(shape, IntShape):
            src.emit(
                indent,
                f"if type({var}) is not int or {var} < {shape.minimum} "
                f"or {var} > {shape.maximum}: raise Bail",
            )
            return True
        if isinstance(shape, FloatShape):
            src.emit(indent, f"if type({var}) is not float:")
            src.emit(indent + 1, f"if type({var}) is int: {var} = float({var})")
            src.emit(indent + 1, "else: raise Bail")
            return True
        if isinstance(shape, BoolShape):
            src.emit(indent, f"if type({var}) is not bool: raise Bail")
            return True
        if isinstance(shape, StrShape):
            surrogates = src.bind("surrogates", has_surrogates)
            src.emit(
                indent,
                f"if type({var}) is not str or (not {var}.isascii() and {surrogates}({var})): "
                "raise Bail",
            )
            return True
        if isinstance(shape, OptionShape):
            src.emit(indent, f"if {var} is not None:")
            return self._value(src, shape.inner, indent + 1, var)
        if isinstance(shape, SeqShape):
            src.emit(indent, f"if type({var}) is not list: raise Bail")
            item = f"{var}_i"
            src.emit(indent, f"{var}_out = []")
            src.emit(indent, f"for {item} in {var}:")
            if not self._value(src, shape.inner, indent + 1, item):
                return False
            src.emit(indent + 1, f"{var}_out.append({item})")
            src.emit(indent, f"{var} = {var}_out")
            return True
        if isinstance(shape, MapShape):
            surrogates = src.bind("surrogates", has_surrogates)
            src.emit(indent, f"if type({var}) is not dict: raise Bail")
            key, item = f"{var}_k", f"{var}_i"
            src.emit(indent, f"tally[0] += len({var})")
            src.emit(indent, f"{var}_out = {{}}")
            src.emit(indent, f"for {key}, {item} in {var}.items():")
            src.emit(
                indent + 1,
                f"if type({key}) is not str or (not {key}.isascii() and {surrogates}({key})): "
                "raise Bail",
            )
            if not self._value(src, shape.value, indent + 1, item):
                return False
            src.emit(indent + 1, f"{var}_out[{key}] = {item}")
            src.emit(indent, f"{var} = {var}_out")
            return True
        nested = self.compile(shape)
        if nested is None:
            return False
        src.emit(indent, f"{var} = {src.bind('nested', nested)}({var}, tally)")
        return True

    def _struct(self, shape: StructShape) -> Fast | None:
        src = _Source()
        cls = src.bind("cls", shape.cls)
        src.emit(0, "def fast(value, tally):")
        src.emit(1, "if type(value) is not dict: raise Bail")
        src.emit(1, "get = value.get")
        src.emit(1, "present = 0")
        src.emit(1, f"obj = _new({cls})")
        src.names["_new"] = object.__new__
        src.names["_set"] = object.__setattr__
        src.names["_ABSENT"] = _ABSENT
        for spec in shape.fields:
            src.emit(1, f"v = get({spec.wire!r}, _ABSENT)")
            src.emit(1, "if v is _ABSENT:")
            if spec.missing is None:
                src.emit(2, "raise Bail")
            else:
                src.emit(2, f"v = {src.bind('missing', spec.missing)}()")
            src.emit(1, "else:")
            src.emit(2, "present += 1")
            if not self._value(src, spec.shape, 2):
                return None
            src.emit(1, f"_set(obj, {spec.attr!r}, v)")
        # Unknown keys need the exact path: it warns or errors with their full path.
        src.emit(1, "if present != len(value): raise Bail")
        src.emit(1, "tally[0] += present")
        src.emit(1, "return obj")
        return self._finish(src, f"struct {shape.name}")

    def _tagged_enum(self, shape: TaggedEnumShape) -> Fast | None:
        units: dict[str, Any] = {}
        structs: dict[str, Fast] = {}
        for wire, spec in shape.by_wire.items():
            if spec.struct is None:
                units[wire] = spec.cls()
                continue
            fast = self._struct(spec.struct)
            if fast is None:
                return None
            structs[wire] = fast

        def fast_tagged_enum(value: Any, tally: list[int]) -> Any:
            kind = type(value)
            if kind is str:
                unit = units.get(value)
                if unit is not None:
                    return unit
            elif kind is dict and len(value) == 1:
                for name, content in value.items():
                    tally[0] += 1
                    variant = structs.get(name)
                    if variant is not None:
                        return variant(content, tally)
                    if content is None and name in units:
                        return units[name]
            raise Bail

        return fast_tagged_enum

    def _finish(self, src: _Source, label: str) -> Fast:
        text = "\n".join(src.lines) + "\n"
        filename = f"<jammi_wire generated {label} #{next(_serial)}>"
        # Registered with linecache so tracebacks and profilers can show the source.
        linecache.cache[filename] = (len(text), None, src.lines, filename)
        namespace = dict(src.names)
        exec(compile(text, filename, "exec"), namespace)
        fn: Fast = namespace["fast"]
        return fn


class _Absent:
    __slots__ = ()


_ABSENT: Any = _Absent()
