"""YAML text exactly as serde_yaml 0.9.34 reads and writes it.

Two dialects: ``tags`` (serde_yaml 0.9: ``!triplet`` for struct variants) and
``singleton_map`` (serde_yaml 0.8, ``serde_yaml::with::singleton_map``, serde-saphyr:
``{triplet: {margin: 0.5}}``). Reading with ``dialect="any"`` takes both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from .._errors import DocumentError, PathElement, WireError
from ..fine_tune import FineTuneConfig
from ..serde.data import Alias, DuplicateKeys, Plain, Tagged, TaggedScalar, Truncated
from ..serde.gen import Bail, Fast, FastCompiler
from ..serde.model import (
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
    UnitEnumShape,
    shape_of,
)
from ..serde.structure import Context, CustomRefusal, Profile, UnknownPolicy, known_field_names
from ..serde.unstructure import Unstructurer
from ..serde.wording import (
    Unexpected,
    enum_input_error,
    invalid_length_error,
    invalid_type_error,
    invalid_value_error,
    nested_enum_error,
    unexpected,
)
from . import _yaml_scalars as scalars
from . import check_size
from ._yaml_fast import GUIDED_FROM
from ._yaml_fast import read as read_block_subset

if TYPE_CHECKING:
    from ._yaml_load import Guide

__all__ = ["from_yaml", "to_yaml"]

T = TypeVar("T")
Dialect = Literal["tags", "singleton_map"]
ReadDialect = Literal["tags", "singleton_map", "any"]


def _memo(parse: Callable[[str], T]) -> Callable[[str], T]:
    # Configs repeat the same few numbers; parsing them was most of structuring a YAML tree.
    return functools.lru_cache(maxsize=4096)(parse)


def _profile(name: str, *, tags: bool, maps: bool) -> Profile:
    return Profile(
        name,
        enum_map_form=maps,
        enum_tag_form=tags,
        struct_from_seq=False,
        strict_singleton_map=maps,
        variant_in_path=False,
        plain_int=_memo(scalars.parse_unsigned),
        plain_signed_int=_memo(scalars.parse_signed),
        plain_float=_memo(scalars.parse_float),
        plain_bool=scalars.plain_bool,
        plain_null=scalars.plain_null,
        describe_plain=scalars.describe_plain,
        describe_tagged=scalars.describe_tagged,
        literal_tags={
            "int": scalars.INT_TAG,
            "float": scalars.FLOAT_TAG,
            "bool": scalars.BOOL_TAG,
            "null": scalars.NULL_TAG,
        },
        null_word="unit value",
        plain_wide_int=_wide_int,
        resolve_any=lambda value, ctx: _resolve_any(value, ctx, tags),
        extra_elements=_extra_elements,
        read_unit=_read_unit,
        enum_in_tag=_enum_in_tag,
    )


def _wide_int(text: str, signed: bool) -> int | None:
    return scalars.parse_signed(text, 128) if signed else scalars.parse_unsigned(text, 128)


def _extra_elements(items: list[Any], expected: int) -> WireError:
    """serde_yaml's end_sequence: it reads (ignores) the elements left over before it
    counts them, so a syntax error among them is met first. A sequence a syntax error
    cut short ends with that error (see ``_yaml_load``)."""
    if type(items[-1]) is Truncated:
        raise items[-1].error
    return invalid_length_error(len(items), f"sequence of {expected} elements")


def _read_unit(value: Any, expecting: str) -> None:
    """serde_yaml's deserialize_unit: a plain null word or empty scalar (under a tag, only
    ``!!null`` with a null word); any other scalar is an invalid value against ``null``,
    a sequence or map an invalid type."""
    kind = type(value)
    if kind is Plain:
        if value == "" or scalars.plain_null(value):
            return
    elif kind is TaggedScalar:
        if (
            value
            and value.style == ""
            and value.tag == scalars.NULL_TAG
            and scalars.plain_null(value)
        ):
            return
    elif kind is Truncated:
        raise value.error
    elif kind is Tagged:  # a container's tag is no scalar's: it is read as untagged
        raise invalid_type_error(unexpected(value.value), expecting)
    elif kind is not str:
        raise invalid_type_error(unexpected(value), expecting)
    raise invalid_value_error(str(value), "null")


def _enum_in_tag(content: Any, optional: bool, enum: str, tag: str) -> None:
    """serde_yaml reading an enum from the node whose tag already named a variant (a
    newtype variant holding an enum): only a non-empty scalar, the name of a unit
    variant; an Option first takes an empty or null scalar as None."""
    if (type(content) is Plain or type(content) is str) and content != "":
        return
    if optional and type(content) is Plain:
        return
    raise nested_enum_error(enum, tag)


# Tags whose plain scalars deserialize_any still resolves; any other (`!!str 1`) is a string.
_CORE = frozenset((scalars.NULL_TAG, scalars.BOOL_TAG, scalars.INT_TAG, scalars.FLOAT_TAG))


def _resolve_any(value: Any, ctx: Context, tags: bool) -> Any:
    """What serde_yaml's deserialize_any hands serde's Content buffer: plain scalars
    resolved (null, bool, integer, float, else string), aliases followed. A local tag is
    an enum to deserialize_any: serde's buffer refuses it (``tags``), and so does the
    visitor singleton_map wraps it in, in its own words."""
    kind = type(value)
    if kind is Plain or (kind is TaggedScalar and value.style == "" and value.tag in _CORE):
        text = str(value)
        if scalars.plain_null(text):
            return None
        flag = scalars.plain_bool(text)
        if flag is not None:
            return flag
        number = scalars.parse_unsigned(text)
        if number is None:
            number = scalars.parse_signed(text)
        if number is not None:
            return number
        wide = _wide_int(text, signed=text.startswith("-"))
        if wide is not None:  # serde's Content has no 128-bit integers
            width = "i128" if text.startswith("-") else "u128"
            found = Unexpected(f"integer `{wide}` as {width}", "integer")
            raise invalid_type_error(found, "any value")
        real = None if scalars.digits_but_not_number(text) else scalars.parse_float(text)
        return real if real is not None else text
    if kind is TaggedScalar:
        if value.tag.startswith("!"):
            raise _enum_input(tags)
        return str(value)
    if kind is Alias:
        return _resolve_any(ctx.follow(value), ctx, tags)
    if kind is Tagged:
        raise _enum_input(tags)
    if kind is Truncated:
        raise value.error
    if kind is list:
        return [_resolve_at(i, item, ctx, tags) for i, item in enumerate(value)]
    if isinstance(value, dict):
        items = value.pairs if isinstance(value, DuplicateKeys) else list(value.items())
        pairs = [
            (_resolve_any(key, ctx, tags), _resolve_at(key, item, ctx, tags)) for key, item in items
        ]
        result = dict(pairs)
        return DuplicateKeys(pairs) if len(result) != len(pairs) else result
    return value


def _enum_input(tags: bool) -> WireError:
    if tags:
        return enum_input_error()  # serde's ContentVisitor::visit_enum
    return invalid_type_error(Unexpected("enum", "enum"), "any value")


def _resolve_at(where: Any, value: Any, ctx: Context, tags: bool) -> Any:
    """``_resolve_any`` of an element: an error while buffering is placed at it."""
    try:
        return _resolve_any(value, ctx, tags)
    except WireError as error:
        raise error.within(where if type(where) is int else str(where)) from None


def _loader() -> Any:
    """The full loader (``_yaml_load``, and PyYAML with it), imported on first use: a
    document the block-subset reader vouches for is read without it."""
    from . import _yaml_load

    return _yaml_load


def _compiler(profile: Profile) -> Any:
    from ..serde.structure import Compiler

    return Compiler(profile)


_COMPILERS = {
    "tags": _compiler(_profile("yaml", tags=True, maps=False)),
    "singleton_map": _compiler(_profile("yaml-singleton-map", tags=False, maps=True)),
    "any": _compiler(_profile("yaml-any", tags=True, maps=True)),
}


def yaml_profile(dialect: ReadDialect) -> Profile:
    """The reading rules of ``dialect`` (its plain-scalar rules, for a clearance)."""
    profile: Profile = _COMPILERS[dialect].profile
    return profile


_WRITERS = {
    "tags": Unstructurer("tagged", finite_floats=False, shared=True),
    "singleton_map": Unstructurer(
        "map", finite_floats=False, variant_content_as_value=True, shared=True
    ),
}


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError as error:
        raise WireError(f"invalid UTF-8 at byte {error.start}") from None


@overload
def from_yaml(
    data: str | bytes,
    *,
    validate: bool = True,
    unknown: UnknownPolicy = "warn",
    dialect: ReadDialect = "any",
    max_size: int | None = None,
) -> FineTuneConfig: ...
@overload
def from_yaml(
    data: str | bytes,
    cls: type[T],
    *,
    validate: bool = True,
    unknown: UnknownPolicy = "warn",
    dialect: ReadDialect = "any",
    max_size: int | None = None,
) -> T: ...
def from_yaml(
    data: str | bytes,
    cls: Any = FineTuneConfig,
    *,
    validate: bool = True,
    unknown: UnknownPolicy = "warn",
    dialect: ReadDialect = "any",
    max_size: int | None = None,
) -> Any:
    """Read ``cls`` from YAML as ``serde_yaml::from_str`` would.

    Merge keys (``<<``) are not applied, as in serde_yaml: they are unknown fields.
    ``max_size`` refuses, before parsing, a document longer than that many bytes (for
    ``bytes``) or characters (for ``str``): a guard for text from untrusted sources.
    """
    if unknown not in ("ignore", "warn", "error"):
        raise ValueError(f"unknown must be 'ignore', 'warn' or 'error', not {unknown!r}")
    if dialect not in _COMPILERS:
        raise ValueError(f"dialect must be 'tags', 'singleton_map' or 'any', not {dialect!r}")
    check_size(data, max_size)
    text = _decode(data)
    found = None
    if _FAST_TREE and (unknown == "error" or len(text) < GUIDED_FROM):
        # The block-style subset configs are written in is read without libyaml;
        # anything else (errors too) goes to the full loader. Its tree then goes
        # through the generated reader, if the type has one; at any doubt (Bail), the
        # exact path reads the same tree.
        found = read_block_subset(text)
        if found is not None and dialect == "any":
            try:
                fast = _FAST_BY_CLASS[cls]
            except KeyError:
                # The first read of a type takes the exact path on this tree: generating
                # the reader costs more than a one-off read (a command reads one file).
                _FAST_BY_CLASS[cls] = _SECOND_READ
                fast = None
            except TypeError:  # an unhashable type expression: the exact path
                fast = None
            if fast is _SECOND_READ:
                fast = _fast_for(cls)
            if fast is not None:
                try:
                    obj = fast(found[0], [0])
                except Bail:
                    pass
                else:
                    if validate:
                        check: Callable[[], None] | None = getattr(obj, "validate", None)
                        if check is not None:
                            check()
                    return obj
    shape = shape_of(cls)
    ctx = Context(unknown, record=False)
    if unknown == "error" or len(text) < GUIDED_FROM:
        if found is not None:
            tree, size = found
            syntax_error = None
        else:
            tree, syntax_error, size = _loader().parse_partial(text)
    else:
        # Fields serde skips are reported as they are read and never enter the tree, so
        # a million of them cost no million entries. Smaller documents skip the guide's
        # few percent per event: their tree is small, and their warnings come in
        # reading order (the guided load gives the same ones, in document order).
        loader = _loader()
        tree, syntax_error, size = loader.parse_partial(text, _guide(shape), _unknown_reporter(ctx))
    ctx.jumps_left = 100 * size
    try:
        if found is None and tree is _loader().EMPTY_DOCUMENT:
            _refuse_empty_document(shape, dialect)
        obj = _COMPILERS[dialect].compile(shape)(tree, ctx)
    except WireError as error:
        if syntax_error is not None and error.from_top_level_buffer and _buffers(shape):
            # serde reads the document's own enum from its buffer once serde_yaml is done
            # with the text: the text's errors (a second document too) come first. A
            # newtype around it is read inside serde_yaml, the buffer too.
            raise syntax_error from None
        if error.buffered:
            _place_buffered(text, error)
        elif isinstance(error, CustomRefusal):
            _place_refusal(text, error)
        elif error.line is None:
            where = _loader().locate(text, error.path, error.key, error.occurrences)
            if where is not None and where != (1, 1):  # serde_yaml omits index 0
                error.at(*where)
        raise error from None
    if syntax_error is not None:
        # What came before the error read well; serde_yaml still refuses the document.
        raise syntax_error
    if validate:
        check = getattr(obj, "validate", None)
        if check is not None:
            check()
    return obj


# Generated readers of the block-subset reader's trees, for the `any` dialect (the
# default; it takes an enum as a tag or as a single-key map, as they do).
_FAST_COMPILER = FastCompiler(plain=_COMPILERS["any"].profile, exact=_COMPILERS["any"].compile)
_FAST_BY_CLASS: dict[Any, Fast | None] = {}
_SECOND_READ: Any = object()  # in _FAST_BY_CLASS: read once, generate on the next read


def _fast_for(cls: Any) -> Fast | None:
    fast = _FAST_BY_CLASS[cls] = _FAST_COMPILER.compile(shape_of(cls))
    return fast


def _unknown_reporter(ctx: Context) -> Callable[[str, Guide, list[PathElement]], None]:
    def report(key: str, guide: Guide, path: list[PathElement]) -> None:
        ctx.path = path
        try:
            ctx.unknown_field(key, guide.known, guide.notes)
        finally:
            ctx.path = []

    return report


# Whether from_yaml tries the block-subset reader first (False: the full loader
# alone, as the tests compare).
_FAST_TREE = True
_GUIDES: dict[int, tuple[Shape, Guide | None]] = {}


# Documents from this many characters are loaded with a guide (see from_yaml).
def _guide(shape: Shape) -> Guide | None:
    """The loader's :class:`Guide` for a value of ``shape``: structs that only warn
    about unknown fields, and the sequences, maps and options around them."""
    while isinstance(shape, OptionShape):
        shape = shape.inner
    found = _GUIDES.get(id(shape))
    if found is not None:
        return found[1]
    guide: Guide | None = None
    new_guide = _loader().Guide
    if isinstance(shape, StructShape):
        if shape.kind == "struct" and not shape.transparent and not shape.deny_unknown_fields:
            guide = new_guide()
            _GUIDES[id(shape)] = (shape, guide)  # before the fields: a type may hold itself
            fields: dict[str, tuple[str, Guide | None]] = {}
            for spec in shape.fields:
                if not spec.skip_deserializing:
                    child = _guide(spec.shape)
                    for name in (spec.wire, *spec.aliases):
                        fields[name] = (spec.wire, child)
            guide.fields = fields
            guide.known = known_field_names(shape.fields)
            guide.notes = getattr(shape.cls, "__serde_field_notes__", None)
    elif isinstance(shape, TaggedEnumShape) and shape.representation == "external":
        guide = new_guide()
        _GUIDES[id(shape)] = (shape, guide)
        variants: dict[str, Guide] = {}
        for name, variant in shape.by_name.items():
            struct = variant.struct if variant.kind == "struct" else None
            content = _guide(struct) if struct is not None else None
            if content is not None:
                variants[name] = content
        guide.variants = variants
    elif isinstance(shape, (SeqShape, MapShape)):
        items = _guide(shape.inner if isinstance(shape, SeqShape) else shape.value)
        if items is not None:
            guide = new_guide()
            guide.items = items
    _GUIDES[id(shape)] = (shape, guide)
    return guide


def _place_buffered(text: str, error: WireError) -> None:
    """serde_yaml's place for an error from serde's Content buffer of a tagged enum: the
    innermost sequence around the enum (its path, and where it starts) fixes it; without
    one the error has neither path nor position."""
    enum_path = error.path[: len(error.path) - error.buffered_depth]
    indices = [i for i, element in enumerate(enum_path) if type(element) is int]
    error.path = enum_path[: indices[-1]] if indices else ()
    if indices:
        where = _loader().locate(text, error.path)
        if where is not None and where != (1, 1):  # serde_yaml omits index 0
            error.at(*where)


def _buffers(shape: Any) -> bool:
    """Whether serde reads ``shape`` through its Content buffer, outside the reader."""
    return isinstance(shape, TaggedEnumShape) and shape.representation in ("internal", "untagged")


def _refuse_empty_document(shape: Any, dialect: str) -> None:
    """Raise serde_yaml's error for a document with no value at all, where the type
    (seen through newtype and transparent structs, which read their field in place)
    refuses one; an adjacently tagged enum reads it as an empty map, as a struct does."""
    while isinstance(shape, StructShape) and shape.wrapped is not None:
        shape = shape.wrapped
    if isinstance(shape, (IntShape, FloatShape, BoolShape, StrShape, CharShape, UnitEnumShape)) or (
        isinstance(shape, TaggedEnumShape) and shape.representation in ("external", "internal")
    ):
        raise _empty_document_error(shape, dialect)
    # An untagged enum's deserialize_any gets visit_none: its buffer holds a unit value.


def _place_refusal(text: str, error: CustomRefusal) -> None:
    """serde_yaml's place for a deserialize_with refusal (Error::custom, made with no
    mark): the innermost container it leaves gives it its path and mark; a refusal that
    leaves none (a newtype at the top) has neither."""
    depth = error.container_depth
    error.shown_path = 0 if depth is None else len(error.path) - depth
    if depth is not None:
        where = _loader().locate(text, error.path[: error.shown_path])
        if where is not None and where != (1, 1):  # serde_yaml omits index 0
            error.at(*where)


def _empty_document_error(shape: Any, dialect: str) -> WireError:
    """serde_yaml on a document with no value at all, where the type needs one."""
    if isinstance(shape, TaggedEnumShape) and shape.representation == "internal":
        # An internally tagged enum is read with deserialize_any in either dialect.
        expecting = f"internally tagged enum {shape.name}"
        return invalid_type_error(Unexpected("Option value", "option"), expecting)
    if dialect == "singleton_map" and isinstance(shape, (UnitEnumShape, TaggedEnumShape)):
        # singleton_map reads enums with deserialize_any, which calls visit_none here.
        return invalid_type_error(Unexpected("Option value", "option"), shape.expecting)
    return DocumentError("EOF while parsing a value")


def to_yaml(obj: Any, *, dialect: Dialect = "tags", portable: bool = False) -> str:
    """``serde_yaml::to_string`` of ``obj`` byte for byte (``dialect="tags"``).

    ``singleton_map`` writes enums as single-key maps. ``portable`` quotes strings a
    YAML 1.1 reader (PyYAML, yq) would retype and writes floats as ``1.0e-06``, so
    those readers see the same values; serde_yaml still reads it back equal.
    """
    if dialect not in _WRITERS:
        raise ValueError(f"dialect must be 'tags' or 'singleton_map', not {dialect!r}")
    data = _WRITERS[dialect].compile(shape_of(type(obj)))(obj)
    from ._yaml_emit import emit  # the writer, only when something is written

    return emit(data, portable=portable)
