"""Generated fast paths for structuring typed (JSON-shaped) value trees.

The compiled functions in :mod:`.structure` are exact but pay a function call and
bookkeeping per field. For the common case, a well-formed document with typed
scalars, this module generates one straight-line function per struct, in the manner
of cattrs' ``gen``: inline exact-type checks, direct slot assignment, no paths. It
never reports an error: at the first irregularity (a wrong type, a missing or unknown
key, a repeated key, a ``Plain`` scalar) it raises :class:`Bail`, and the caller
re-runs the exact path, which finds serde's first error in document order.

serde writes every field, so a generated struct function first tries exactly that:
when the mapping has as many keys as the struct has fields, each is fetched by
subscript into a local. Fewer keys take the keyed route, which fills in defaults for
absent fields; a key it does not know sends the input to the exact path.

Every generated function takes ``tally``, a one-element list to which it adds the
number of mapping keys it consumed (counted in a local ``keys`` on the way). A JSON
parser that silently collapses repeated keys (orjson) can then be checked against
the key count of the text.

:class:`Source` is also how :mod:`.unstructure` generates its functions.
"""

from __future__ import annotations

import linecache
import types
from collections.abc import Callable
from itertools import count
from typing import Any

from .data import Bail as Bail  # the fast paths' signal, raised here and by their callers
from .data import Plain, Tagged, has_surrogates
from .floats import f32_of_f64, int_to_f64, to_f32
from .model import (
    I64_MIN,
    USIZE_MAX,
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
    reads_number_text,
)

Fast = Callable[[Any, list[int]], Any]
Reader = Callable[[Any], Any]
Agrees = Callable[[Any, int], bool]


# Nested structs and enums are generated into their parent's function this many levels
# deep (saving a call each); deeper ones, and any form but serde's own, are called.
_INLINE_DEPTH = 2

# A unit enum of up to this many names is read by comparing the string with each (a
# parsed string's hash is not computed yet, which a dict lookup would do first).
_ENUM_BY_COMPARISON = 4


# The builtins the generated checks use, as defaults of the generated function: a
# local is read faster than a builtin looked up through the module's globals (about
# 4% of a generated reader). Nobody passes them.
_LOCAL_BUILTINS = (
    "type=type, int=int, float=float, str=str, bool=bool, list=list, dict=dict, len=len"
)


_serial = count()


class Source:
    """The text of one generated function and the names it refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"Bail": Bail, "int_to_f64": int_to_f64}
        self._locals = count()
        # A reader (FastCompiler.reader) makes its `tally` list only before the first
        # function it calls that needs one; a struct's function is given its caller's.
        self.lazy_tally = False

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def bind(self, prefix: str, value: Any) -> str:
        """A global name in the generated module for ``value``."""
        for name, bound in self.names.items():
            if bound is value and name.startswith(f"_{prefix}"):
                return name
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def local(self, prefix: str = "x") -> str:
        """A fresh local variable name."""
        return f"{prefix}{next(self._locals)}"

    def finish(self, label: str, entry: str) -> Any:
        """Compile the text and return the function called ``entry``."""
        text = "\n".join(self.lines) + "\n"
        filename = f"<jammi_wire generated {label} #{next(_serial)}>"
        # Registered with linecache so tracebacks and profilers can show the source.
        linecache.cache[filename] = (
            len(text),
            None,
            [line + "\n" for line in self.lines],
            filename,
        )
        namespace = dict(self.names)
        exec(compile(text, filename, "exec"), namespace)
        return namespace[entry]


def slot_setter(cls: type, attr: str) -> Callable[[Any, Any], None] | None:
    """The slot descriptor's setter for ``attr`` (faster than ``object.__setattr__``),
    or None when instances keep the attribute in their ``__dict__``."""
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get(attr)
        if descriptor is not None:
            if isinstance(descriptor, types.MemberDescriptorType):
                setter: Callable[[Any, Any], None] = descriptor.__set__
                return setter
            return None
    return None


def raw_class(cls: type) -> type | None:
    """A subclass of ``cls`` that only writes slots, for building an instance fast.

    ``cls``'s own ``__setattr__`` runs the constructor's checks on assignment (attrs'
    ``on_setattr``), and the slot descriptors' setters are calls. An instance of this
    subclass takes plain attribute stores, which the interpreter specialises into
    direct slot writes; the generated code then assigns ``__class__ = cls``, which
    the layouts allow because the subclass adds no slots. None where that is not
    provably safe: a metaclass, an ``__init_subclass__``, a field not in a slot.
    """
    if type(cls) is not type or not hasattr(cls, "__attrs_attrs__"):
        return None
    if any("__init_subclass__" in klass.__dict__ for klass in cls.__mro__[:-1]):
        return None
    if any(slot_setter(cls, a.name) is None for a in cls.__attrs_attrs__):
        return None
    raw = _RAW.get(cls)
    if raw is None:
        namespace = {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            # `raw()` makes an empty instance (object.__new__ and object.__init__ take
            # no arguments: a shorter call than `object.__new__(raw)`); see _build_object.
            "__init__": object.__init__,
            "__module__": cls.__module__,
            "__qualname__": f"{cls.__qualname__}.<raw>",
        }
        try:
            raw = type(cls.__name__, (cls,), namespace)
            probe: Any = object.__new__(raw)
            probe.__class__ = cls
        except TypeError:
            return None
        _RAW[cls] = raw
    return raw


_RAW: dict[type, type] = {}
_OBJECT_NEW: Any = object.__new__


def _to_floats(items: list[Any]) -> list[float]:
    """A list of f64 from JSON numbers: integers widen, anything else bails."""
    out = []
    for item in items:
        if type(item) is float and item - item == 0.0:
            out.append(item)
        elif type(item) is int and (number := int_to_f64(item)) is not None:
            out.append(number)
        else:
            raise Bail
    return out


class FastCompiler:
    """Generates fast structure functions; shapes it cannot speed up return None.

    ``parsed=True`` is for a JSON parser's fresh output: nothing but exact JSON types
    (so a string is a ``str``, never a subclass), no lone surrogates (the parser
    refused them), and nobody else holds it. Strings then need no surrogate check and
    enum names no type check, and lists and maps of scalars go into the object as they
    are, and integers lie in i64..u64, so those bounds need no check. Otherwise every
    check runs and the object gets its own copies. A parsed list of structs or enums is
    converted in place, each item replaced by its object (the parsed item is freed at
    once, which bounds the peak memory of a big document): after a :class:`Bail`
    the caller parses the text again.

    ``stdlib=True`` (with ``parsed``) is for the stdlib ``json`` module's plain output,
    which differs from orjson's in three ways: strings may hold lone surrogates,
    integers are unbounded and a float too big for f64 is ``inf``. Strings and keys then
    get their surrogate check, integers their i64..u64 bounds and floats a finiteness
    check, and a value read by its exact function is first walked for all three.

    ``plain`` (a YAML :class:`~.structure.Profile`, without ``parsed``) is for the tree
    of the block-subset YAML reader: keys and scalars are ``Plain`` (or ``str`` when
    quoted), resolved by the profile's own rules; enums come as a name, a ``Tagged``
    node or a single-key map (the ``any`` dialect), struct variants only.
    """

    def __init__(
        self,
        *,
        parsed: bool = False,
        stdlib: bool = False,
        key: Callable[[str], str] | None = None,
        exact: Callable[[Shape], Callable[[Any, Any], Any]] | None = None,
        plain: Any = None,
    ) -> None:
        self.parsed = parsed
        self.stdlib = stdlib
        # A YAML profile (``structure.Profile`` with its ``plain_*`` rules): the tree
        # then holds Plain scalars, each resolved by the rule the exact path applies
        # for the target type, and enums may arrive as Tagged nodes (see _plain_checks).
        self.plain = plain
        # The exact path's compiler: a value of a shape without generated checks is
        # read by its exact function inside the generated code (any error: Bail), so
        # one such field no longer sends its whole struct to the exact path.
        self.exact = exact
        # The parser's own object for a mapping key, where it reuses one per name
        # (orjson keeps a cache of them): a dict lookup by the very same object is
        # an identity hit, not a string comparison. Any equal string is as correct.
        self.key = key
        self._cache: dict[int, Fast | None] = {}
        self._inline_depth = 0

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
            return self._struct(shape) if shape.fast_init and shape.plain else None
        if isinstance(shape, TaggedEnumShape):
            return self._tagged_enum(shape) if _fast_enum(shape) else None
        if isinstance(shape, UnitEnumShape):
            by_wire = shape.by_wire

            def fast_unit_enum(value: Any, tally: list[int]) -> Any:
                member = by_wire.get(value) if type(value) is str else None
                if member is None:
                    raise Bail
                return member

            return fast_unit_enum
        return None

    # Checks for one value held in local `var`; they leave the converted value in it.
    # False: the shape has no generated check.
    def _key(self, src: Source, wire: str) -> str:
        """The expression for mapping key ``wire`` in generated code."""
        if self.key is None:
            return repr(wire)
        return src.bind("key", self.key(wire))

    def _value(self, src: Source, shape: Shape, indent: int, var: str) -> bool:
        start = len(src.lines)
        if self._checks(src, shape, indent, var):
            return True
        del src.lines[start:]  # whatever it began to write
        if self.exact is None or reads_number_text(shape):
            # (An f32 or a 128-bit integer read directly is read from its text, which
            # only the exact path from the top has.)
            return False
        # The exact function reads the value (parsed input has no unknown field it
        # would only warn about: Context("error") refuses them, so they bail too);
        # every key below it counts as consumed.
        counter = count_keys_wide if self.stdlib else count_keys
        src.emit(indent, f"keys += {src.bind('count_keys', counter)}({var})")
        src.emit(indent, f"{var} = {src.bind('exact', _exact_reader(self.exact(shape)))}({var})")
        return True

    def _checks(self, src: Source, shape: Shape, indent: int, var: str) -> bool:
        if self.plain is not None and isinstance(
            shape, (IntShape, FloatShape, BoolShape, StrShape, OptionShape, UnitEnumShape)
        ):
            return self._plain_checks(src, shape, indent, var)
        if isinstance(shape, IntShape):
            # A JSON parser's integers lie in i64..u64 (serde_json and orjson read
            # any other as a float): the rule leaves out a bound that wide.
            test = shape.accepts_source(var, parsed=self.parsed and not self.stdlib)
            if self.stdlib and shape.wide:
                # Its integers are unbounded; the exact path reads one outside i64..u64
                # as serde_json does (as a float, or an i128 from its text): bail to it.
                # (A type of 64 bits or fewer has that bound in its own test already.)
                test += f" and {I64_MIN} <= {var} <= {USIZE_MAX}"
            src.emit(indent, f"if not ({test}): raise Bail")
            return True
        if isinstance(shape, FloatShape):
            src.emit(indent, f"if type({var}) is not float:")
            # Beyond f64's range the exact path says so: bail to it.
            src.emit(indent + 1, f"if type({var}) is int: {var} = int_to_f64({var})")
            src.emit(indent + 1, f"if {var} is None or type({var}) is not float: raise Bail")
            if self.stdlib:  # inf: a number out of f64's range (NaN is no JSON number)
                src.emit(indent, f"elif {var} - {var}: raise Bail")
            if shape.bits == 32:
                src.emit(indent, f"{var} = {src.bind('f32_of', f32_of_f64)}({var})")
            return True
        if isinstance(shape, BoolShape):
            src.emit(indent, f"if type({var}) is not bool: raise Bail")
            return True
        if isinstance(shape, StrShape):
            src.emit(indent, f"if {self._not_wire_string(src, var)}: raise Bail")
            return True
        if isinstance(shape, OptionShape):
            src.emit(indent, f"if {var} is not None:")
            return self._value(src, shape.inner, indent + 1, var)
        if isinstance(shape, UnitEnumShape):
            if not self.parsed:
                src.emit(indent, f"if type({var}) is not str: raise Bail")
            if len(shape.by_wire) <= _ENUM_BY_COMPARISON:
                # As the lookup below: any value but one of these strings bails (a
                # parsed number, null, list or map equals no string).
                branch = "if"
                for wire, member in shape.by_wire.items():
                    src.emit(indent, f"{branch} {var} == {wire!r}:")
                    src.emit(indent + 1, f"{var} = {src.bind('member', member)}")
                    branch = "elif"
                src.emit(indent, "else:")
                src.emit(indent + 1, "raise Bail")
                return True
            members = src.bind("members", shape.by_wire)
            src.emit(indent, f"{var} = {members}[{var}]  # KeyError, TypeError: bail")
            return True
        if isinstance(shape, SeqShape):
            return self._seq(src, shape, indent, var)
        if isinstance(shape, MapShape):
            return self._map(src, shape, indent, var)
        nested = self.compile(shape)
        if nested is None:
            return False
        if self._inline_depth < _INLINE_DEPTH:
            self._inline_depth += 1
            try:
                if isinstance(shape, StructShape):
                    return self._inline_struct(src, shape, indent, var, nested)
                if isinstance(shape, TaggedEnumShape):
                    return self._inline_tagged_enum(src, shape, indent, var)
            finally:
                self._inline_depth -= 1
        self._call_nested(src, indent, var, nested)
        return True

    def _plain_checks(self, src: Source, shape: Shape, indent: int, var: str) -> bool:
        """A YAML scalar as the exact path reads it for ``shape``: a Plain scalar through
        the profile's rule for the type; a quoted one only as a string or an enum name.
        Anything else (a tag, a container where a scalar belongs) bails."""
        profile = self.plain
        plain = src.bind("Plain", Plain)
        if isinstance(shape, OptionShape):
            null = src.bind("plain_null", profile.plain_null)
            src.emit(indent, f"if type({var}) is {plain} and {null}({var}):")
            src.emit(indent + 1, f"{var} = None")
            src.emit(indent, "else:")
            return self._value(src, shape.inner, indent + 1, var)
        if isinstance(shape, (StrShape, UnitEnumShape)):
            src.emit(indent, f"if type({var}) is {plain}:")
            src.emit(indent + 1, f"{var} = str({var})")
            src.emit(indent, f"elif type({var}) is not str:")
            src.emit(indent + 1, "raise Bail")
            if isinstance(shape, StrShape):
                surrogates = src.bind("surrogates", has_surrogates)
                src.emit(indent, f"if not {var}.isascii() and {surrogates}({var}): raise Bail")
            else:
                members = src.bind("members", shape.by_wire)
                src.emit(indent, f"{var} = {members}[{var}]  # KeyError: bail")
            return True
        src.emit(indent, f"if type({var}) is not {plain}: raise Bail")
        if isinstance(shape, IntShape):
            if shape.wide:
                wide, signed = profile.plain_wide_int, shape.signed

                def parse(text: str) -> int | None:
                    number: int | None = wide(text, signed)
                    return number

            else:
                parse = profile.plain_signed_int if shape.signed else profile.plain_int
            src.emit(indent, f"{var} = {src.bind('plain_int', parse)}({var})")
            src.emit(indent, f"if not ({shape.accepts_source(var)}): raise Bail")
            return True
        if isinstance(shape, FloatShape):
            src.emit(indent, f"{var} = {src.bind('plain_float', profile.plain_float)}({var})")
            src.emit(indent, f"if {var} is None: raise Bail")
            if shape.bits == 32:  # the exact path rounds the f64 (no text to read in YAML)
                src.emit(indent, f"{var} = {src.bind('to_f32', to_f32)}({var})")
            return True
        src.emit(indent, f"{var} = {src.bind('plain_bool', profile.plain_bool)}({var})")
        src.emit(indent, f"if {var} is None: raise Bail")
        return True

    def _inline_struct(
        self, src: Source, shape: StructShape, indent: int, var: str, nested: Fast
    ) -> bool:
        """A nested struct in serde's order is built in place; any other form of it
        goes through the struct's own function."""
        fields = shape.fields
        if not fields:
            self._call_nested(src, indent, var, nested)
            return True
        names = [src.local("g") for _ in fields]
        src.emit(indent, f"if type({var}) is dict and len({var}) == {len(fields)}:")
        for spec, name in zip(fields, names, strict=True):
            src.emit(indent + 1, f"{name} = {var}[{self._key(src, spec.wire)}]")
        for spec, name in zip(fields, names, strict=True):
            if not self._value(src, spec.shape, indent + 1, name):
                return False
        src.emit(indent + 1, f"keys += {len(fields)}")
        self._build_object(src, shape, indent + 1, var, names)
        src.emit(indent, "else:")
        self._call_nested(src, indent + 1, var, nested)
        return True

    @staticmethod
    def _call_nested(src: Source, indent: int, var: str, nested: Fast) -> None:
        if src.lazy_tally:
            src.emit(indent, "if tally is None: tally = [0]")
        src.emit(indent, f"{var} = {src.bind('nested', nested)}({var}, tally)")

    def _inline_tagged_enum(
        self, src: Source, shape: TaggedEnumShape, indent: int, var: str
    ) -> bool:
        """An enum: a unit variant's name, or a one-key map from a variant to its content."""
        if not _fast_enum(shape):
            return False
        if shape.representation == "internal":
            return self._inline_internally_tagged(src, shape, indent, var)
        units = src.bind(
            "units", {w: s.cls() for w, s in shape.by_wire.items() if s.struct is None}
        )
        name, content = src.local("name"), src.local("content")
        if self.plain is None:
            src.emit(indent, f"if type({var}) is str:")
            src.emit(indent + 1, f"{var} = {units}[{var}]  # KeyError: bail")
            src.emit(indent, f"elif type({var}) is dict and len({var}) == 1:")
        else:
            # YAML: a name plain or quoted, a local tag on the content (`!triplet`), or
            # a single-key map (the `any` dialect reads both forms).
            src.emit(indent, f"if type({var}) is str or type({var}) is {src.bind('Plain', Plain)}:")
            src.emit(indent + 1, f"{var} = {units}[{var}]  # KeyError: bail")
            src.emit(indent, "else:")
            src.emit(indent + 1, f"if type({var}) is {src.bind('Tagged', Tagged)}:")
            src.emit(indent + 2, f"{name} = {var}.tag")
            src.emit(indent + 2, f"{content} = {var}.value")
            src.emit(indent + 1, f"elif type({var}) is dict and len({var}) == 1:")
            src.emit(indent + 2, f"{name}, = {var}")
            src.emit(indent + 2, f"{content} = {var}[{name}]")
            src.emit(indent + 1, "else:")
            src.emit(indent + 2, "raise Bail")
        if self.plain is None:
            src.emit(indent + 1, f"{name}, = {var}")
            src.emit(indent + 1, f"{content} = {var}[{name}]")
        src.emit(indent + 1, "keys += 1")
        branch = "if"
        for wire, spec in shape.by_wire.items():
            if spec.struct is None:
                continue
            if spec.kind == "newtype":
                if self.plain is not None:
                    continue  # (YAML: a tag on a scalar, or an enum inside: the exact path)
                src.emit(indent + 1, f"{branch} {name} == {wire!r}:")
                # The content is the one field's value; the variant wraps it.
                if not self._value(src, spec.inner, indent + 2, content):
                    return False
                wrap = src.bind("wrap", _newtype_builder(spec.cls, spec.struct.fields[0].attr))
                src.emit(indent + 2, f"{var} = {wrap}({content})")
                branch = "elif"
                continue
            src.emit(indent + 1, f"{branch} {name} == {wire!r}:")
            if not self._value(src, spec.struct, indent + 2, content):
                return False
            src.emit(indent + 2, f"{var} = {content}")
            branch = "elif"
        if self.plain is None:
            src.emit(indent + 1, f"{branch} {content} is None and {name} in {units}:")
            src.emit(indent + 2, f"{var} = {units}[{name}]")
            src.emit(indent + 1, "else:")
            src.emit(indent + 2, "raise Bail")
            src.emit(indent, "else:")
            src.emit(indent + 1, "raise Bail")
        elif branch == "if":
            src.emit(indent + 1, "raise Bail")
        else:
            src.emit(indent + 1, "else:")
            src.emit(indent + 2, "raise Bail")
        return True

    def _inline_internally_tagged(
        self, src: Source, shape: TaggedEnumShape, indent: int, var: str
    ) -> bool:
        """``#[serde(tag = "...")]``: a map holding the tag and, for a struct variant,
        exactly its fields. Anything else (a missing field with a default, an unknown
        key, the sequence form) is the exact path's."""
        tag = self._key(src, shape.tag or "")
        name = src.local("name")
        src.emit(indent, f"if type({var}) is not dict: raise Bail")
        src.emit(indent, f"{name} = {var}[{tag}]")
        src.emit(indent, f"if type({name}) is not str: raise Bail")
        branch = "if"
        for wire, spec in shape.by_wire.items():
            fields = spec.struct.fields if spec.struct is not None else ()
            src.emit(indent, f"{branch} {name} == {wire!r} and len({var}) == {1 + len(fields)}:")
            branch = "elif"
            if spec.struct is None:
                src.emit(indent + 1, f"{var} = {src.bind('unit', spec.cls())}")
                src.emit(indent + 1, "keys += 1")
                continue
            names = [src.local("g") for _ in fields]
            for field_spec, local in zip(fields, names, strict=True):
                src.emit(indent + 1, f"{local} = {var}[{self._key(src, field_spec.wire)}]")
            for field_spec, local in zip(fields, names, strict=True):
                if not self._value(src, field_spec.shape, indent + 1, local):
                    return False
            src.emit(indent + 1, f"keys += {1 + len(fields)}")
            self._build_object(src, spec.struct, indent + 1, var, names)
        src.emit(indent, "else:")
        src.emit(indent + 1, "raise Bail")
        return True

    def _build_object(
        self, src: Source, shape: StructShape, indent: int, var: str, names: list[str]
    ) -> None:
        """Create the instance without its constructor (the values are checked) into ``var``."""
        obj = src.local("obj")
        new = src.bind("new", object.__new__)
        raw = raw_class(shape.cls)
        if raw is not None:
            if raw.__new__ is _OBJECT_NEW:  # no __new__ of its own: raw() is object's
                src.emit(indent, f"{obj} = {src.bind('raw', raw)}()")
            else:
                src.emit(indent, f"{obj} = {new}({src.bind('raw', raw)})")
            for spec, name in zip(shape.fields, names, strict=True):
                src.emit(indent, f"{obj}.{spec.attr} = {name}")
            src.emit(indent, f"{obj}.__class__ = {src.bind('cls', shape.cls)}")
            src.emit(indent, f"{var} = {obj}")
            return
        src.emit(indent, f"{obj} = {new}({src.bind('cls', shape.cls)})")
        for spec, name in zip(shape.fields, names, strict=True):
            setter = slot_setter(shape.cls, spec.attr)
            if setter is not None:
                src.emit(indent, f"{src.bind('set', setter)}({obj}, {name})")
            else:
                setattr_ = src.bind("setattr", object.__setattr__)
                src.emit(indent, f"{setattr_}({obj}, {spec.attr!r}, {name})")
        src.emit(indent, f"{var} = {obj}")

    def _seq(self, src: Source, shape: SeqShape, indent: int, var: str) -> bool:
        src.emit(indent, f"if type({var}) is not list: raise Bail")
        item = src.local("item")
        inner = shape.inner
        if self.plain is not None:
            pass  # YAML scalars are converted, so every list is built anew (below)
        elif isinstance(inner, FloatShape) and inner.bits == 64:
            # Usually all floats already: check, and convert only if an integer shows up.
            loop = self._loop_over(src, indent, var)
            src.emit(loop, f"for {item} in {var}:")
            finite = f" or {item} - {item}" if self.stdlib else ""
            src.emit(loop + 1, f"if type({item}) is not float{finite}:")
            src.emit(loop + 2, f"{var} = {src.bind('to_floats', _to_floats)}({var})")
            src.emit(loop + 2, "break")
            if not self.parsed:
                src.emit(indent, "else:")
                src.emit(indent + 1, f"{var} = {var}[:]")
            return True
        elif isinstance(inner, (IntShape, BoolShape, StrShape)):
            # Checked in place; the copy keeps the caller's list out of the object.
            loop = self._loop_over(src, indent, var)
            src.emit(loop, f"for {item} in {var}:")
            self._value(src, inner, loop + 1, item)
            if not self.parsed:
                src.emit(indent, f"{var} = {var}[:]")
            return True
        if self.parsed:
            # In place: each parsed item is freed as soon as its object replaces it.
            index = src.local("i")
            src.emit(indent, f"for {index}, {item} in enumerate({var}):")
            if not self._value(src, inner, indent + 1, item):
                return False
            src.emit(indent + 1, f"{var}[{index}] = {item}")
            return True
        out = src.local("out")
        src.emit(indent, f"{out} = []")
        src.emit(indent, f"for {item} in {var}:")
        if not self._value(src, inner, indent + 1, item):
            return False
        src.emit(indent + 1, f"{out}.append({item})")
        src.emit(indent, f"{var} = {out}")
        return True

    def _loop_over(self, src: Source, indent: int, var: str) -> int:
        """The indent for a loop that only checks the items of parsed container ``var``:
        under ``if var:`` (an empty one then costs no iterator), where nothing is done
        after the loop."""
        if not self.parsed:
            return indent  # a copy follows the loop, empty or not
        src.emit(indent, f"if {var}:")
        return indent + 1

    def _not_wire_string(self, src: Source, var: str) -> str:
        """The condition under which ``var`` is not a string a Rust ``String`` holds."""
        if self.parsed and not self.stdlib:
            return f"type({var}) is not str"
        surrogates = src.bind("surrogates", has_surrogates)
        return f"type({var}) is not str or (not {var}.isascii() and {surrogates}({var}))"

    def _map(self, src: Source, shape: MapShape, indent: int, var: str) -> bool:
        if not isinstance(shape.key, StrShape):
            return False  # integer keys are parsed from their text: the exact path
        key, item = src.local("key"), src.local("item")
        src.emit(indent, f"if type({var}) is not dict: raise Bail")
        src.emit(indent, f"keys += len({var})")
        key_check = f"if {self._not_wire_string(src, key)}: raise Bail"
        if isinstance(shape.value, (IntShape, BoolShape, StrShape)) and self.plain is None:
            loop = self._loop_over(src, indent, var)
            src.emit(loop, f"for {key}, {item} in {var}.items():")
            if not self.parsed or self.stdlib:  # a parser's keys are strings
                src.emit(loop + 1, key_check)
            self._value(src, shape.value, loop + 1, item)
            if not self.parsed:
                src.emit(indent, f"{var} = {var}.copy()")
            return True
        out = src.local("out")
        src.emit(indent, f"{out} = {{}}")
        src.emit(indent, f"for {key}, {item} in {var}.items():")
        if self.plain is not None:
            # A Plain key is read as its text (structure.map_key).
            src.emit(indent + 1, f"if type({key}) is {src.bind('Plain', Plain)}:")
            src.emit(indent + 2, f"{key} = str({key})")
            src.emit(indent + 1, f"el{key_check}")
        else:
            src.emit(indent + 1, key_check)
        if not self._value(src, shape.value, indent + 1, item):
            return False
        src.emit(indent + 1, f"{out}[{key}] = {item}")
        src.emit(indent, f"{var} = {out}")
        return True

    def reader(
        self,
        shape: Shape,
        parse: Callable[[Any], Any],
        failures: Any,
        agrees: Agrees,
        *,
        agrees_at_once: str = "False",
        method: str | None = None,
    ) -> Reader | None:
        """For a struct: one function ``read(text)`` from a text to the object, or
        :data:`DOUBT`.

        It parses the text with ``parse`` (an exception of ``failures``: DOUBT), reads
        the tree as ``compile(shape)`` does (a Bail: DOUBT), builds the object and asks
        ``agrees(text, keys)`` about the mapping keys it consumed (no: DOUBT), unless
        ``agrees_at_once`` (Python source over ``text`` and ``keys``, true only where
        ``agrees`` is: its common case, pasted in to save the call) holds. Then it calls
        the object's ``method`` (``from_json``'s ``validate()``), if given, where the
        struct's class has one. That is the struct's own
        function between a parse, the check and the method, in one call: on a small
        document the calls saved are several per cent of a read. None where
        ``compile(shape)`` would be None, the shape is not a struct, or the class has
        an attribute ``method`` that is not a function defined on it (a field, say).

        A method may carry ``__condition__``: a function giving Python source over the
        instance ``c``, true whenever the method would do anything (raise), and the
        names it refers to (``_rules.raises_when``). The reader then tests it on the
        values it has just read (each ``c.<field>`` becomes the local holding it) and
        calls the method only when it holds.
        """
        if not (self.parsed and isinstance(shape, StructShape)):
            return None
        if not (shape.fast_init and shape.plain):
            return None
        if method is not None:
            found = getattr(shape.cls, method, None)
            if found is None:
                method = None
            elif not isinstance(found, types.FunctionType):
                return None
        read: Reader | None = self._struct(shape, (parse, failures, agrees, agrees_at_once, method))
        return read

    def _struct(self, shape: StructShape, entry: tuple[Any, ...] | None = None) -> Any:
        """The struct's function ``fast(value, tally)``, or with ``entry`` (``parse``,
        ``failures``, ``agrees``, ``agrees_at_once``, ``method``) the text reader
        :meth:`reader` describes."""
        src = Source()
        fields = shape.fields
        names = [f"f{index}" for index in range(len(fields))]
        if entry is None:
            src.emit(0, f"def fast(value, tally, {_LOCAL_BUILTINS}):")
            src.emit(1, "if type(value) is not dict: raise Bail")
        else:
            parse, failures, agrees, agrees_at_once, method = entry
            doubt = src.bind("DOUBT", DOUBT)
            src.emit(0, f"def read(text, {_LOCAL_BUILTINS}):")
            src.emit(1, "try:")
            src.emit(2, f"value = {src.bind('parse', parse)}(text)")
            src.emit(1, f"except {src.bind('failures', failures)}:")
            src.emit(2, f"return {doubt}")
            src.emit(1, f"if type(value) is not dict: return {doubt}")
            src.emit(1, "tally = None  # a list for the keys that functions called below consume")
            src.lazy_tally = True
        src.emit(1, "keys = 0  # mapping keys consumed below this struct's own")
        src.emit(1, "try:")
        if fields:
            # serde's own output: every field, each once.
            src.emit(2, f"if len(value) == {len(fields)}:")
            for spec, var in zip(fields, names, strict=True):
                src.emit(3, f"{var} = value[{self._key(src, spec.wire)}]")
            for spec, var in zip(fields, names, strict=True):
                if not self._value(src, spec.shape, 3, var):
                    return None
            src.emit(2, "else:")
        else:
            src.emit(2, "if True:")
        src.emit(3, "get = value.get")
        src.emit(3, "present = 0")
        absent = src.bind("ABSENT", _ABSENT)
        for spec, var in zip(fields, names, strict=True):
            src.emit(3, f"{var} = get({self._key(src, spec.wire)}, {absent})")
            src.emit(3, f"if {var} is {absent}:")
            if spec.missing is None:
                src.emit(4, "raise Bail")
            else:
                src.emit(4, f"{var} = {src.bind('missing', spec.missing)}()")
            src.emit(3, "else:")
            src.emit(4, "present += 1")
            self._value(src, spec.shape, 4, var)
        # Unknown keys need the exact path: it warns or errors with their full path.
        src.emit(3, "if present != len(value): raise Bail")
        if entry is None:
            self._end_try(src)
            src.emit(1, "tally[0] += len(value) + keys")
            self._build_object(src, shape, 1, "obj", names)
            src.emit(1, "return obj")
            return src.finish(f"struct {shape.name}", "fast")
        src.emit(1, "except (Bail, KeyError, TypeError):")
        src.emit(2, f"return {doubt}")
        src.emit(1, "keys += len(value) if tally is None else len(value) + tally[0]")
        self._build_object(src, shape, 1, "obj", names)
        src.emit(1, f"if {agrees_at_once} or {src.bind('agrees', agrees)}(text, keys):")
        if method is not None:
            condition = getattr(getattr(shape.cls, method), "__condition__", None)
            inline = None
            if condition is not None:
                fields_in = {spec.attr: var for spec, var in zip(fields, names, strict=True)}
                source, used = condition()
                inline = _on_locals(src, source, used, fields_in, "obj")
            if inline is None:
                src.emit(2, f"obj.{method}()")
            else:
                src.emit(2, f"if {inline}: obj.{method}()")
        src.emit(2, "return obj")
        src.emit(1, f"return {doubt}")
        return src.finish(f"reader {shape.name}", "read")

    def _tagged_enum(self, shape: TaggedEnumShape) -> Fast | None:
        src = Source()
        src.emit(0, f"def fast(value, tally, {_LOCAL_BUILTINS}):")
        src.emit(1, "keys = 0")
        src.emit(1, "try:")
        self._inline_depth += 1  # the variants' fields are inlined one level less deep
        try:
            if not self._inline_tagged_enum(src, shape, 2, "value"):
                return None
        finally:
            self._inline_depth -= 1
        self._end_try(src)
        src.emit(1, "tally[0] += keys")
        src.emit(1, "return value")
        fast: Fast = src.finish(f"enum {shape.name}", "fast")
        return fast

    def items(self, inner: Shape) -> Fast | None:
        """A function converting a parsed list of ``inner`` values in place, as a struct's
        function converts a list field (for a list read a batch of items at a time)."""
        if not self.parsed:
            return None
        src = Source()
        src.emit(0, f"def fast(value, tally, {_LOCAL_BUILTINS}):")
        src.emit(1, "keys = 0")
        src.emit(1, "try:")
        if not self._seq(src, SeqShape(inner), 2, "value"):
            return None
        self._end_try(src)
        src.emit(1, "tally[0] += keys")
        src.emit(1, "return value")
        fast: Fast = src.finish("items", "fast")
        return fast

    @staticmethod
    def _end_try(src: Source) -> None:
        # A missing key (a field, an enum name) or an unhashable value where a name
        # was expected: the exact path has the verdict.
        src.emit(1, "except (KeyError, TypeError):")
        src.emit(2, "raise Bail from None")


def _on_locals(
    src: Source, condition: str, names: dict[str, Any], fields: dict[str, str], instance: str
) -> str | None:
    """``condition`` (Python source over an instance ``c``, referring to ``names``) for
    generated code holding each field ``c.<attr>`` in local ``fields[attr]`` and the
    instance in ``instance``; its names bound in ``src``. None if it refers to a name
    that is neither one of ``names`` nor a builtin (which a local could shadow).

    The names are replaced in the text where the syntax tree places them (one walk, no
    unparsing: this runs on a type's first read)."""
    import ast
    import builtins

    text = condition.encode()
    tree = ast.parse(text, mode="eval")
    edits: list[tuple[int, int, str]] = []
    bound: set[str] = set()  # names the expression binds itself (comprehension variables)
    free: list[ast.Name] = []
    replaced: set[int] = set()  # the `c` of each `c.<field>` replaced whole
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store):
                bound.add(node.id)
            else:
                free.append(node)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "c"
            and node.attr in fields
        ):
            edits.append((node.col_offset, node.end_col_offset or 0, fields[node.attr]))
            replaced.add(id(node.value))
    if "c" in bound or tree.body.end_lineno != 1:
        return None
    for node in free:
        if node.id in fields.values() or node.id == instance:
            return None
        if id(node) in replaced or node.id in bound:
            continue
        if node.id == "c":
            local = instance
        elif node.id in names:
            local = src.bind("cond", names[node.id])
        elif hasattr(builtins, node.id):
            continue
        else:
            return None
        edits.append((node.col_offset, node.end_col_offset or 0, local))
    for start, end, local in sorted(edits, reverse=True):
        text = text[:start] + local.encode() + text[end:]
    return text.decode()


def _fast_enum(shape: TaggedEnumShape) -> bool:
    """Externally tagged, without aliases; unit, newtype and plain struct variants. Or
    internally tagged with unit and plain struct variants, none with a field named
    like the tag."""
    if shape.representation == "internal":
        for spec in shape.by_wire.values():
            if spec.aliases or spec.kind not in ("unit", "struct"):
                return False
            if spec.kind == "struct" and (
                spec.struct is None
                or not spec.struct.plain
                or any(field.wire == shape.tag for field in spec.struct.fields)
            ):
                return False
        return True
    if shape.representation != "external":
        return False
    for spec in shape.by_wire.values():
        if spec.aliases or spec.kind == "tuple":
            return False
        if spec.kind == "struct" and (spec.struct is None or not spec.struct.plain):
            return False
        if spec.kind == "newtype" and spec.struct is not None and not spec.struct.fields[0].plain:
            return False
    return True


def count_keys(value: Any) -> int:
    """The number of mapping keys in a parsed JSON value, at every depth."""
    kind = type(value)
    if kind is dict:
        return len(value) + sum(count_keys(item) for item in value.values())
    if kind is list:
        return sum(count_keys(item) for item in value)
    return 0


def count_keys_wide(value: Any) -> int:
    """:func:`count_keys` for the stdlib parser's output, which the exact functions do
    not take as it is: a value holding a float out of f64's range (``inf``, where the
    exact path has an ``OutOfRangeNumber``) or an integer outside i64..u64 (a float
    there) bails. Lone surrogates the exact functions refuse themselves."""
    kind = type(value)
    if kind is dict:
        return len(value) + sum(count_keys_wide(item) for item in value.values())
    if kind is list:
        return sum(count_keys_wide(item) for item in value)
    if (kind is float and value - value) or (kind is int and not I64_MIN <= value <= USIZE_MAX):
        raise Bail
    return 0


def _exact_reader(exact: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
    """``exact`` on one value, any error being the caller's Bail (the exact path run
    from the top then reports it, with its full path and position)."""
    from .._errors import WireError
    from .structure import Context

    def read(value: Any) -> Any:
        try:
            return exact(value, Context("error"))
        except WireError:
            raise Bail from None

    return read


def _newtype_builder(cls: type, attr: str) -> Callable[[Any], Any]:
    """Build a newtype variant from its checked content without its converters."""
    new = object.__new__
    setter = object.__setattr__

    def build(value: Any) -> Any:
        obj: Any = new(cls)
        setter(obj, attr, value)
        return obj

    return build


class _Absent:
    __slots__ = ()


_ABSENT: Any = _Absent()

# What a reader (FastCompiler.reader) returns when it does not vouch for the text.
DOUBT: Any = object()
