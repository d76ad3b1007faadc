"""Structuring: value tree -> Python objects, with serde's acceptance rules.

Each shape compiles once into a function ``fn(value, ctx)``. Like serde's visitors,
a struct walks its input in document order, so the first error reported is the
first one serde would meet. Errors are raised with the path below the failing
container; each level adds its own key as the error travels out, so the success
path pays nothing for paths.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, NoReturn

from .._errors import (
    DocumentError,
    ErrorCode,
    PathElement,
    WireError,
    render_path,
    warn_unknown_field,
)
from .data import (
    Alias,
    CharText,
    ComplexKey,
    DuplicateKeys,
    Float32,
    OutOfRangeNumber,
    Plain,
    Tagged,
    TaggedScalar,
    Truncated,
    has_surrogates,
)
from .floats import f32_from_text, int_to_f64, to_f32
from .model import (
    BoolShape,
    CharShape,
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
    TupleShape,
    UnitEnumShape,
    UnitShape,
    VariantSpec,
    names_its_variant,
)
from .wording import (
    Unexpected,
    custom_error,
    did_you_mean,
    duplicate_field_error,
    invalid_length_error,
    invalid_type_error,
    invalid_value_error,
    make_error,
    missing_field_error,
    tag_or_content,
    unexpected,
    unknown_field_error,
    unknown_variant_error,
    variant_index_expecting,
)

UnknownPolicy = Literal["ignore", "warn", "error"]
Structure = Callable[[Any, "Context"], Any]


class Profile:
    """What one format's value tree may contain, and how its untyped scalars resolve.

    JSON trees hold typed scalars. YAML trees hold :class:`Plain` scalars that the
    target type resolves, :class:`TaggedScalar` and :class:`Tagged` nodes, and enum
    variants as local tags or single-key maps depending on the dialect. The YAML rules
    here follow serde_yaml's ``Deserializer`` method by method; a format without
    untyped scalars never meets them.
    """

    def __init__(
        self,
        name: str,
        *,
        enum_map_form: bool = True,
        enum_tag_form: bool = False,
        struct_from_seq: bool = True,
        strict_singleton_map: bool = False,
        variant_in_path: bool = True,
        plain_int: Callable[[str], int | None] | None = None,
        plain_signed_int: Callable[[str], int | None] | None = None,
        plain_float: Callable[[str], float | None] | None = None,
        plain_bool: Callable[[str], bool | None] | None = None,
        plain_null: Callable[[str], bool] | None = None,
        describe_plain: Callable[[str], Unexpected] | None = None,
        describe_tagged: Callable[[TaggedScalar], tuple[str | None, Unexpected]] | None = None,
        literal_tags: dict[str, str] | None = None,
        null_word: str = "null",
        float_text: Callable[[float], str] | None = None,
        plain_wide_int: Callable[[str, bool], int | None] | None = None,
        wide_int_from_text: Callable[[Any, IntShape, dict[int, str]], int] | None = None,
        int_key: Callable[[str, IntShape, Structure, Context], int] | None = None,
        resolve_any: Callable[[Any, Context], Any] | None = None,
        f32_overflow_error: bool = False,
        extra_elements: Callable[[list[Any], int], WireError] | None = None,
        read_unit: Callable[[Any, str], None] | None = None,
        enum_in_tag: Callable[[Any, bool, str, str], None] | None = None,
        content: bool = False,
        content_by_ref: bool = False,
    ) -> None:
        self.name = name
        # The format's deserialize_unit, where it is not the default (null, else refused).
        self._read_unit = read_unit
        # A tag-form newtype variant holding an enum: the format's check of the content
        # (content, whether an Option comes first, enum name, variant tag); raises.
        self.enum_in_tag = enum_in_tag
        # 128-bit integers: serde_yaml parses them with their own width.
        self.plain_wide_int = plain_wide_int
        # 128-bit integers read from the number's text, where the reader keeps the text
        # of the numbers it parsed as floats (Context.float_texts): serde_json's
        # deserialize_i128 scans the digits itself. Not for a buffered value (Content).
        self.wide_int_from_text = wide_int_from_text
        # How a string map key is read as an integer (serde_json: a number in quotes,
        # given the reader of the key type); by default, as any integer is read.
        self.int_key = int_key
        # What the format's deserialize_any makes of a value (serde's `Content`).
        self._resolve_any = resolve_any
        # serde_json parses an f32 from its text and refuses one beyond f32's range;
        # serde_yaml (and serde's buffer) cast an f64 with `as f32`, giving infinity.
        self.f32_overflow_error = f32_overflow_error
        self._extra_elements = extra_elements
        # Reading serde's Content buffer (values of internally tagged and untagged enums).
        self.content = content
        # Read through ContentRefDeserializer (untagged enums) rather than the owned
        # ContentDeserializer, which also takes `{}` for a unit and `{}` / `[]` for a
        # unit struct (a newtype variant holding one, in an internally tagged enum).
        self.content_by_ref = content_by_ref
        # serde_json's errors spell floats with its own writer (`1.8446744073709552e+19`);
        # serde's default Display (`18446744073709552000.0`) is what serde_yaml shows.
        self.float_text = float_text
        # True when every scalar arrives typed (JSON); False when some arrive as Plain.
        self.typed_scalars = plain_int is None
        self.enum_map_form = enum_map_form
        self.enum_tag_form = enum_tag_form
        # serde's derive reads a struct from a sequence, but serde_yaml only offers maps.
        self.struct_from_seq = struct_from_seq
        # serde_yaml's singleton_map: a unit variant is never a map, and a second key is
        # found only after the first variant's content.
        self.strict_singleton_map = strict_singleton_map
        # serde_yaml's tagged variant content keeps the enum's path (`margin: ...`).
        self.variant_in_path = variant_in_path
        self.plain_int = plain_int
        self.plain_signed_int = plain_signed_int or plain_int
        self.plain_float = plain_float
        self.plain_bool = plain_bool
        self.plain_null = plain_null
        self.describe_plain = describe_plain
        self.describe_tagged = describe_tagged
        # A block literal (`|`) is read as a number/bool only under its own core tag.
        self.literal_tags = literal_tags or {}
        # serde_json calls null "null"; serde_yaml calls it "unit value".
        self.null_word = null_word

    def describe(self, value: Any) -> Unexpected:
        """serde's ``Unexpected`` for a node, in this format's words."""
        kind = type(value)
        if kind is Alias:
            return self.describe(value.node)
        if kind is Plain and self.describe_plain is not None:
            return self.describe_plain(value)
        if kind is TaggedScalar and self.describe_tagged is not None:
            return self.describe_tagged(value)[1]
        if kind is Tagged:
            return unexpected(value.value)
        if value is None:
            return Unexpected(self.null_word, "unit")
        if kind is float and self.float_text is not None:
            return Unexpected(f"floating point `{self.float_text(value)}`", "float")
        return unexpected(value)

    def invalid_type(self, value: Any, expecting: str) -> WireError:
        if type(value) is Alias:
            value = value.node
        if type(value) is Truncated:
            raise value.error
        if type(value) is OutOfRangeNumber:
            return make_error(ErrorCode.NUMBER_OUT_OF_RANGE)
        if type(value) is TaggedScalar and self.describe_tagged is not None:
            refused_as, found = self.describe_tagged(value)
            if refused_as is not None:  # the tag itself refuses the text
                return invalid_value_error(found, refused_as)
            return invalid_type_error(found, expecting)
        return invalid_type_error(self.describe(value), expecting)

    def read_unit(self, value: Any, expecting: str) -> None:
        """serde's deserialize_unit: accept a null, refuse anything else (raises)."""
        if self._read_unit is not None:
            self._read_unit(value, expecting)
            return
        if value is None or self.is_null(value) or self.is_empty_plain(value):
            return
        raise self.invalid_type(value, expecting)

    def is_null(self, value: Any) -> bool:
        if value is None:
            return True
        return type(value) is Plain and self.plain_null is not None and self.plain_null(value)

    def scalar_text(self, value: Any, kind: str) -> str | None:
        """The text serde_yaml parses for a number/bool target, or None if it will not."""
        if type(value) is Plain:
            return value
        if type(value) is TaggedScalar and (
            value.style == "" or (value.style == "|" and value.tag == self.literal_tags.get(kind))
        ):
            return str(value)
        return None

    def extra_elements(self, items: list[Any], expected: int) -> WireError:
        """``items``, a sequence longer than a tuple (or a struct read from a sequence)."""
        if self._extra_elements is not None:
            return self._extra_elements(items, expected)
        return invalid_length_error(len(items), f"{expected} elements in sequence")

    def resolve_any(self, value: Any, ctx: Context) -> Any:
        """serde's ``Content`` for ``value``: typed scalars, maps and sequences."""
        if self._resolve_any is not None:
            return self._resolve_any(value, ctx)
        return _resolve_typed(value, ctx)

    def content_profile(self, *, by_ref: bool = False) -> Profile:
        """The profile for reading serde's buffered ``Content`` under this format's errors
        (serde_json's and serde_yaml's errors word nulls and floats differently)."""
        return Profile(
            f"{self.name}-content",
            enum_map_form=True,
            enum_tag_form=False,
            struct_from_seq=True,
            variant_in_path=True,
            null_word=self.null_word,
            float_text=self.float_text,
            content=True,
            content_by_ref=by_ref,
        )

    def is_empty_plain(self, value: Any) -> bool:
        """serde_yaml reads an empty plain scalar (``key:``) as an empty sequence or map."""
        kind = type(value)
        return (kind is Plain or (kind is TaggedScalar and value.style == "")) and value == ""


def _resolve_typed(value: Any, ctx: Context) -> Any:
    """A typed tree (JSON) is its own Content, once every number and string in it is
    readable (serde_json parses each as it buffers, keys included)."""
    kind = type(value)
    if kind is str:
        if has_surrogates(value):
            raise make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(value))
        return value
    if kind is OutOfRangeNumber:
        raise make_error(ErrorCode.NUMBER_OUT_OF_RANGE)
    if kind is list:
        return [_resolve_typed_at(i, item, ctx) for i, item in enumerate(value)]
    if kind is DuplicateKeys:
        return DuplicateKeys(
            [(_readable_key(key), _resolve_typed_at(key, item, ctx)) for key, item in value.pairs]
        )
    if kind is dict:
        return {
            _readable_key(key): _resolve_typed_at(key, item, ctx) for key, item in value.items()
        }
    return value


def _readable_key(key: Any) -> Any:
    """A key serde_json can buffer; one with a lone surrogate escape is refused at the
    object (its first surrogate is the key's: all before it were read)."""
    if type(key) is str and has_surrogates(key):
        raise make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(key))
    return key


def _resolve_typed_at(where: Any, value: Any, ctx: Context) -> Any:
    """``_resolve_typed`` of an element: a number serde_json refuses while buffering is
    reported at that number."""
    try:
        return _resolve_typed(value, ctx)
    except WireError as error:
        raise error.within(where) from None


_MAX_HINTS = 100


class Context:
    """Per-call state: the unknown-field policy, what it collected, and where we are.

    ``path`` is kept only for containers (scalars never hold unknown fields), so
    tracking it costs a push and a pop per nested struct, not per field.
    """

    __slots__ = (
        "float_texts",
        "hints_left",
        "jumps_left",
        "path",
        "record",
        "reported",
        "unknown",
    )

    def __init__(
        self,
        unknown: UnknownPolicy = "ignore",
        max_jumps: int = 1_000_000,
        float_texts: dict[int, str] | None = None,
        *,
        record: bool = True,
    ) -> None:
        self.unknown = unknown
        # The text of each number the parser made a float, by id(): an f32 or a 128-bit
        # integer is read from its text. None when the input was not text.
        self.float_texts = float_texts
        # Keep (path, message) of each unknown field in ``reported`` (check reads them);
        # a plain read only warns, and need not hold a million messages at once.
        self.record = record
        self.path: list[PathElement] = []
        self.reported: list[tuple[tuple[PathElement, ...], str]] = []
        # serde_yaml allows 100 alias jumps per event of the document.
        self.jumps_left = max_jumps
        # Did-you-mean hints cost a difflib scoring each; a document of a million
        # unknown keys is not a typo, and past this many it gets plain messages.
        self.hints_left = _MAX_HINTS

    def follow(self, alias: Alias) -> Any:
        """The aliased node, paid for from the jump budget."""
        self.jumps_left -= 1
        if self.jumps_left < 0:
            raise DocumentError("repetition limit exceeded")
        return alias.node

    def unknown_field(
        self, key: Any, known: tuple[str, ...], notes: Mapping[str, str] | None = None
    ) -> None:
        """An ignored field: nothing, a warning or an error by the policy. ``notes``
        (a struct's ``__serde_field_notes__``) says what a name is when it is known
        elsewhere, instead of guessing a typo."""
        if type(key) is Truncated:
            raise key.error
        if type(key) is str and has_surrogates(key):
            # serde_json decodes every key, ignored or not, and refuses a lone surrogate.
            raise make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(key))
        if self.unknown == "ignore":
            return
        name = str(key.value if type(key) is ComplexKey else key)
        note = notes.get(name) if notes else None
        self.hints_left -= 1
        if self.unknown == "error":
            hint = did_you_mean(name, known)
            if note is not None:
                hint = f"; {name} {note}"
            refused = unknown_field_error(name, known).within(name)
            refused.message += hint  # our did-you-mean, after serde's text
            raise refused
        where = render_path((*self.path, name))
        if note is not None:
            message = f"{where} {note}"
        elif name == "<<":
            message = (
                f"merge key `{where}` is not applied: serde ignores `<<` as an unknown "
                "field, so none of the merged fields are set"
            )
        else:
            hint = did_you_mean(name, known) if self.hints_left >= 0 else ""
            message = f"unknown field `{where}` is ignored by serde{hint}"
        if self.record:
            self.reported.append(((*self.path, name), message))
        warn_unknown_field(message, stacklevel=2)


def known_field_names(fields: Sequence[FieldSpec]) -> tuple[str, ...]:
    """The names a struct reads, as serde lists them in its unknown-field error: per
    field, its name and aliases sorted (serde_derive keeps them in a BTreeSet)."""
    return tuple(
        name
        for spec in fields
        if not spec.skip_deserializing
        for name in sorted((spec.wire, *spec.aliases))
    )


def _is_container(shape: Shape) -> bool:
    while isinstance(shape, OptionShape):
        shape = shape.inner
    return isinstance(shape, (StructShape, TaggedEnumShape, SeqShape, MapShape))


# Compiling is rare (a type's first read) and may recurse through several compilers;
# one lock for all of them cannot deadlock. Functions compiled under it are published
# (made visible to lock-free cache reads) only when the outermost compile is done: until
# then some may call a placeholder whose function is still being built.
_COMPILING = threading.RLock()
_unpublished: list[Compiler] = []
_depth = 0


class Compiler:
    """Compiles shapes into structure functions for one profile (memoised per shape)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._cache: dict[int, Structure] = {}
        self._pending: dict[int, Structure] = {}  # compiled, not yet published
        self._content: Compiler | None = None
        self._content_by_ref: Compiler | None = None

    def compile(self, shape: Shape) -> Structure:
        key = id(shape)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        global _depth
        with _COMPILING:
            found = self._cache.get(key) or self._pending.get(key)
            if found is not None:
                return found
            _depth += 1
            try:
                if isinstance(shape, (StructShape, TaggedEnumShape)):
                    # Placeholder first: a self-referencing struct or enum
                    # (`Nested(Box<Self>)`) compiles to a forward call.
                    cell: list[Structure] = []
                    self._pending[key] = lambda value, ctx: cell[0](value, ctx)
                    if isinstance(shape, StructShape):
                        fn = self._struct(shape)
                    else:
                        fn = self._build(shape)
                    cell.append(fn)
                else:
                    fn = self._build(shape)
            except BaseException:
                self._pending.pop(key, None)
                if _depth == 1:  # the outermost compile failed: drop what it built
                    for compiler in _unpublished:
                        compiler._pending.clear()
                    _unpublished.clear()
                raise
            finally:
                _depth -= 1
            self._pending[key] = fn
            _unpublished.append(self)
            if _depth == 0:
                for compiler in _unpublished:
                    compiler._cache.update(compiler._pending)
                    compiler._pending.clear()
                _unpublished.clear()
            return fn

    def _build(self, shape: Shape) -> Structure:
        if isinstance(shape, IntShape):
            return self._int(shape)
        if isinstance(shape, FloatShape):
            return self._float(shape)
        if isinstance(shape, BoolShape):
            return self._bool()
        if isinstance(shape, StrShape):
            return self._str()
        if isinstance(shape, CharShape):
            return self._char()
        if isinstance(shape, UnitShape):
            return self._unit()
        if isinstance(shape, TupleShape):
            return self._tuple(shape)
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
        accepts, name = shape.accepts, shape.expecting
        profile = self.profile
        signed = shape.signed
        plain_int = profile.plain_signed_int if signed else profile.plain_int
        wide = profile.plain_wide_int
        if wide is not None and shape.wide:

            def plain_int(text: str) -> int | None:
                return wide(text, signed)

        scalar_text = profile.scalar_text
        # A 128-bit integer the format reads from the number's text (serde_json).
        text_int = profile.wide_int_from_text if shape.wide else None

        def structure_int(value: Any, ctx: Context) -> int:
            if accepts(value):
                return value  # type: ignore[no-any-return]
            if text_int is not None and ctx.float_texts is not None:
                return text_int(value, shape, ctx.float_texts)
            kind = type(value)
            if kind is int:
                raise invalid_value_error(value, name)
            if plain_int is not None and (kind is Plain or kind is TaggedScalar):
                text = value if kind is Plain else scalar_text(value, "int")
                number = None if text is None else plain_int(text)
                if number is not None:
                    if accepts(number):
                        return number
                    raise invalid_value_error(number, name)
            raise profile.invalid_type(value, name)

        return structure_int

    def _float(self, shape: FloatShape) -> Structure:
        profile = self.profile
        plain_float = profile.plain_float
        scalar_text = profile.scalar_text
        name = shape.expecting
        single = shape.bits == 32
        refuse_overflow = profile.f32_overflow_error

        def structure_float(value: Any, ctx: Context) -> float:
            kind = type(value)
            number: float | None = None
            if kind is float:
                number = value
            elif kind is Float32:  # what unstructure gives for an f32
                number = float(value)
            elif kind is int:
                number = int_to_f64(value)
                if number is None:  # beyond f64: what serde_json's parser calls out of range
                    raise make_error(ErrorCode.NUMBER_OUT_OF_RANGE)
            elif plain_float is not None and (kind is Plain or kind is TaggedScalar):
                text = value if kind is Plain else scalar_text(value, "float")
                number = None if text is None else plain_float(text)
            if number is None:
                raise profile.invalid_type(value, name)
            if single:
                texts = ctx.float_texts
                # serde_json parses an f32 from its text (serde's buffer casts an f64).
                text = texts.get(id(value)) if refuse_overflow and texts and kind is float else None
                rounded = to_f32(number) if text is None else f32_from_text(text)
                overflowed = rounded - rounded != 0.0 and number - number == 0.0
                if refuse_overflow and kind is float and overflowed:
                    raise make_error(ErrorCode.NUMBER_OUT_OF_RANGE)
                return rounded
            return number

        return structure_float

    def _char(self) -> Structure:
        read_str = self._str()

        profile = self.profile

        def structure_char(value: Any, ctx: Context) -> str:
            kind = type(value)
            if kind is CharText:  # what unstructure gives for a char
                value, kind = str(value), str
            if kind is not str and kind is not Plain and kind is not TaggedScalar:
                raise profile.invalid_type(value, "a character")
            text: str = read_str(value, ctx)
            if len(text) != 1:
                raise invalid_value_error(text, "a character")
            return text

        return structure_char

    def _unit(self) -> Structure:
        profile = self.profile

        owned = profile.content and not profile.content_by_ref

        def structure_unit(value: Any, ctx: Context) -> None:
            if type(value) is Alias:
                value = ctx.follow(value)
            if owned and type(value) is dict and not value:
                return None  # ContentDeserializer::deserialize_unit takes an empty map
            profile.read_unit(value, "unit")

        return structure_unit

    def _bool(self) -> Structure:
        profile = self.profile
        plain_bool = profile.plain_bool
        scalar_text = profile.scalar_text

        def structure_bool(value: Any, ctx: Context) -> bool:
            kind = type(value)
            if kind is bool:
                return value  # type: ignore[no-any-return]
            if plain_bool is not None and (kind is Plain or kind is TaggedScalar):
                text = scalar_text(value, "bool")
                flag = None if text is None else plain_bool(text)
                if flag is not None:
                    return flag
            raise profile.invalid_type(value, "a boolean")

        return structure_bool

    def _str(self) -> Structure:
        profile = self.profile

        def structure_str(value: Any, ctx: Context) -> str:
            kind = type(value)
            if kind is str or kind is Plain or kind is TaggedScalar:
                if has_surrogates(value):
                    raise make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(value))
                return value if kind is str else str(value)
            raise profile.invalid_type(value, "a string")

        return structure_str

    # ── containers ───────────────────────────────────────────────────────────

    def _option(self, shape: OptionShape) -> Structure:
        inner = self.compile(shape.inner)
        is_null = self.profile.is_null
        null_tag = self.profile.literal_tags.get("null")

        def structure_option(value: Any, ctx: Context) -> Any:
            if value is None or is_null(value):
                return None
            if type(value) is TaggedScalar and value.tag == null_tag and value.style == "":
                # `!!null` must hold a null word; serde_yaml refuses anything else.
                if value in _NULL_WORDS:
                    return None
                # serde_yaml returns this outside its position bookkeeping.
                raise _enclosing(invalid_value_error(str(value), "null"))
            return inner(value, ctx)

        return structure_option

    def _seq(self, shape: SeqShape) -> Structure:
        inner = self.compile(shape.inner)
        profile = self.profile
        nested = _is_container(shape.inner)

        def structure_seq(value: Any, ctx: Context) -> list[Any]:
            if type(value) is not list:
                if type(value) is Tagged:  # serde_yaml ignores a container's tag here
                    return structure_seq(value.value, ctx)
                if type(value) is Alias:
                    return structure_seq(ctx.follow(value), ctx)
                if profile.is_empty_plain(value):
                    return []
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
        read_key = self._map_key_reader(shape)

        def structure_map(value: Any, ctx: Context) -> dict[Any, Any]:
            if not isinstance(value, dict):
                if type(value) is Tagged:
                    return structure_map(value.value, ctx)
                if type(value) is Alias:
                    return structure_map(ctx.follow(value), ctx)
                if profile.is_empty_plain(value):
                    return {}
                raise profile.invalid_type(value, "a map")
            pairs = value.pairs if type(value) is DuplicateKeys else value.items()
            out: dict[Any, Any] = {}
            for key, item in pairs:
                name = read_key(key, ctx)
                try:
                    if nested:
                        ctx.path.append(str(name))
                        out[name] = inner(item, ctx)
                        ctx.path.pop()
                    else:
                        out[name] = inner(item, ctx)
                except WireError as error:
                    if type(value) is DuplicateKeys:
                        # A repeated key: say which occurrence failed, for the position.
                        _note_occurrence(error, _occurrence(value.pairs, key, item))
                    raise error.within(str(name)) from None
            return out

        return structure_map

    def _map_key_reader(self, shape: MapShape) -> Callable[[Any, Context], Any]:
        """How a map's keys are read: strings as strings; integer keys as serde_json reads
        them (a number in quotes) or, in other formats, as any integer is read."""
        profile = self.profile
        key_shape = shape.key
        if not isinstance(key_shape, IntShape):
            return lambda key, ctx: map_key(key, profile)
        read_int = self.compile(key_shape)
        int_key = profile.int_key

        def read_int_key(key: Any, ctx: Context) -> int:
            if type(key) is ComplexKey:
                raise complex_key_error(key, profile, key_shape.expecting)
            try:
                if int_key is not None and type(key) is str:
                    return int_key(key, key_shape, read_int, ctx)
                result: int = read_int(key, ctx)
            except WireError as error:
                # A key's error belongs at the key (its first occurrence: a repeat
                # would fail the same way).
                if error.key is None:
                    _at_key(error, str(key), 1)
                raise
            return result

        return read_int_key

    def _struct(self, shape: StructShape) -> Structure:
        if shape.kind == "unit":
            return self._unit_struct(shape)
        wrapped = shape.wrapped
        if wrapped is not None:
            return self._newtype_struct(shape, wrapped)
        if shape.kind == "tuple":
            return self._tuple_struct(shape)
        fields = shape.fields
        by_wire: dict[str, tuple[int, FieldSpec, Structure, bool]] = {}
        for index, spec in enumerate(fields):
            if spec.skip_deserializing:
                continue
            entry = (index, spec, self._field_reader(spec), _is_container(spec.shape))
            for name in (spec.wire, *spec.aliases):
                by_wire[name] = entry
        known = known_field_names(fields)
        count = len(fields)
        readable = len({entry[0] for entry in by_wire.values()})
        profile = self.profile
        build = builder(shape)
        expecting = shape.expecting
        deny_unknown = shape.deny_unknown_fields

        from_seq = profile.struct_from_seq

        def structure_struct(value: Any, ctx: Context) -> Any:
            if not isinstance(value, dict):
                if type(value) is list and from_seq:
                    return structure_struct_seq(value, ctx)
                if type(value) is Tagged:
                    return structure_struct(value.value, ctx)
                if type(value) is Alias:
                    return structure_struct(ctx.follow(value), ctx)
                if not profile.is_empty_plain(value):
                    raise profile.invalid_type(value, expecting)
                value = {}
            if len(ctx.path) > MAX_NESTING:
                raise make_error(ErrorCode.LIMIT, "recursion limit exceeded")
            # Only DuplicateKeys can repeat a key; a plain dict needs no check per field.
            repeats = type(value) is DuplicateKeys
            pairs = value.pairs if repeats else value.items()
            slots: list[Any] = [_ABSENT] * count
            found = 0
            for key, item in pairs:
                entry = by_wire.get(key)  # a ComplexKey hashes by identity: never found
                if entry is None:
                    if type(key) is ComplexKey:
                        raise complex_key_error(key, profile, "field identifier")
                    if deny_unknown:
                        raise _unknown_field_error(key, known)
                    ctx.unknown_field(key, known, getattr(shape.cls, "__serde_field_notes__", None))
                    continue
                index, spec, fn, nested = entry
                if slots[index] is not _ABSENT:
                    error = duplicate_field_error(spec.wire)
                    if profile.typed_scalars:  # serde_yaml places it at the mapping
                        _at_key(error, str(key), 2 if repeats else 1)
                    raise error
                found += 1
                try:
                    if nested:
                        ctx.path.append(spec.wire)
                        slots[index] = fn(item, ctx)
                        ctx.path.pop()
                    else:
                        slots[index] = fn(item, ctx)
                except WireError as error:
                    if repeats:  # the first occurrence: a second one is a duplicate field
                        _note_occurrence(error, 1)
                    raise error.within(spec.wire) from None
            if found == count:
                return build(slots)
            for index, spec in enumerate(fields):
                if slots[index] is _ABSENT:
                    if spec.missing is None:
                        raise missing_field_error(spec.wire)
                    slots[index] = spec.missing()
            return build(slots)

        def structure_struct_seq(value: list[Any], ctx: Context) -> Any:
            # serde's derive also reads a struct from a sequence of its fields in order;
            # trailing fields marked default may be left out.
            slots: list[Any] = []
            position = 0
            for spec in fields:
                if spec.skip_deserializing:
                    slots.append(spec.missing() if spec.missing else None)
                    continue
                if position < len(value):
                    try:
                        slots.append(self._field_reader(spec)(value[position], ctx))
                    except WireError as error:
                        if position == readable - 1:
                            _last_element(error)
                        raise error.within(position) from None
                elif spec.missing_in_seq is not None:
                    slots.append(spec.missing_in_seq())
                else:
                    raise invalid_length_error(
                        position,
                        f"{expecting} with {readable} element{'' if readable == 1 else 's'}",
                    )
                position += 1
            if len(value) > readable:
                raise profile.extra_elements(value, readable)
            return build(slots)

        return structure_struct

    def _field_reader(self, spec: FieldSpec) -> Structure:
        """The structure function for one field, with its ``deserialize_check``."""
        fn = self.compile(spec.shape)
        check = spec.deserialize_check
        if check is None:
            return fn

        def structure_checked(value: Any, ctx: Context) -> Any:
            result = fn(value, ctx)
            refusal = check(result)
            if refusal is not None:
                # A deserialize_with function's Error::custom: serde_json places it
                # after the value, serde_yaml at none.
                raise CustomRefusal(str(refusal), code=ErrorCode.CUSTOM)
            return result

        return structure_checked

    def _unit_struct(self, shape: StructShape) -> Structure:
        profile = self.profile
        cls = shape.cls
        expecting = shape.expecting

        owned = profile.content and not profile.content_by_ref

        def structure_unit_struct(value: Any, ctx: Context) -> Any:
            if type(value) is Alias:
                value = ctx.follow(value)
            if owned and (type(value) is dict or type(value) is list) and not value:
                return cls()  # ContentDeserializer::deserialize_unit_struct's special case
            profile.read_unit(value, expecting)
            return cls()

        return structure_unit_struct

    def _newtype_struct(self, shape: StructShape, wrapped: Shape) -> Structure:
        # serde's newtype structs and #[serde(transparent)] read the inner value as is.
        live = next(spec for spec in shape.fields if not spec.skip_deserializing)
        inner = self._field_reader(live)
        build = builder(shape)
        index = shape.fields.index(live)
        others = [(i, spec) for i, spec in enumerate(shape.fields) if spec is not live]

        def structure_newtype(value: Any, ctx: Context) -> Any:
            slots: list[Any] = [None] * len(shape.fields)
            slots[index] = inner(value, ctx)
            for i, spec in others:
                slots[i] = spec.missing() if spec.missing else None
            return build(slots)

        return structure_newtype

    def _tuple_struct(self, shape: StructShape) -> Structure:
        readers = tuple(self._field_reader(spec) for spec in shape.fields)
        build = builder(shape)
        count = len(readers)
        expecting = f"{shape.expecting} with {count} element{'' if count == 1 else 's'}"
        read = self._sequence_of(readers, expecting, shape.expecting)

        def structure_tuple_struct(value: Any, ctx: Context) -> Any:
            return build(read(value, ctx))

        return structure_tuple_struct

    def _sequence_of(
        self, readers: tuple[Structure, ...], expecting: str, type_expecting: str
    ) -> Callable[[Any, Context], list[Any]]:
        """Read exactly ``len(readers)`` elements from a sequence, serde's tuple visitor."""
        profile = self.profile
        count = len(readers)

        def read(value: Any, ctx: Context) -> list[Any]:
            if type(value) is not list:
                if type(value) is Tagged:
                    return read(value.value, ctx)
                if type(value) is Alias:
                    return read(ctx.follow(value), ctx)
                if profile.is_empty_plain(value):
                    value = []
                else:
                    raise profile.invalid_type(value, type_expecting)
            out: list[Any] = []
            for index, fn in enumerate(readers):
                if index >= len(value):
                    raise invalid_length_error(index, expecting)
                try:
                    out.append(fn(value[index], ctx))
                except WireError as error:
                    if index == count - 1:
                        _last_element(error)
                    raise error.within(index) from None
            if len(value) > count:
                raise profile.extra_elements(value, count)
            return out

        return read

    def _tuple(self, shape: TupleShape) -> Structure:
        readers = tuple(self.compile(element) for element in shape.elements)
        read = self._sequence_of(readers, shape.expecting, shape.expecting)

        def structure_tuple(value: Any, ctx: Context) -> tuple[Any, ...]:
            return tuple(read(value, ctx))

        return structure_tuple

    # ── enums ────────────────────────────────────────────────────────────────
    #
    # An enum value arrives in one of three ways, and each has its own rules for the
    # content (as serde's three VariantAccess implementations do):
    #   _BARE   a name alone (`"lora"`, `lora`): unit variants only;
    #   _TAG    a local YAML tag (`!triplet {margin: 0.5}`, `!co_sent`);
    #   _MAP    a single-key map (`{"triplet": {"margin": 0.5}}`).

    def _enum_entry(self, value: Any, expecting: str) -> tuple[str, Any, int]:
        """Split an enum's input into (variant name, content, how it arrived)."""
        profile = self.profile
        kind = type(value)
        if kind is str:
            return value, _UNIT, _BARE
        if kind is Plain:
            if not profile.enum_tag_form:
                # singleton_map reads the enum with deserialize_any: `~`, `8`, `true`
                # resolve before a name is looked for.
                described = profile.describe(value)
                if described.kind != "string":
                    raise invalid_type_error(described, expecting)
            return str(value), _UNIT, _BARE
        if kind is TaggedScalar:
            local = value.tag.startswith("!")
            if local and profile.enum_tag_form:
                content = Plain(value) if value.style == "" else str(value)
                return value.tag[1:] or "!", content, _TAG
            if local:
                raise invalid_type_error(Unexpected("enum", "enum"), expecting)
            if not profile.enum_tag_form:
                refusal = profile.invalid_type(value, expecting)
                found = refusal.params[0] if refusal.code is ErrorCode.INVALID_TYPE else None
                if not isinstance(found, Unexpected) or found.kind != "string":
                    raise refusal
            return str(value), _UNIT, _BARE
        if kind is Tagged:
            if profile.enum_tag_form:
                return value.tag, value.value, _TAG
            raise invalid_type_error(Unexpected("enum", "enum"), expecting)
        if isinstance(value, dict) and profile.enum_map_form:
            if profile.strict_singleton_map:
                return self._singleton_map_entry(value)
            if len(value) == 1 and type(value) is not DuplicateKeys:
                ((key, content),) = value.items()
                if type(key) is str or type(key) is Plain:
                    return str(key), content, _MAP
            if profile.content:
                raise invalid_value_error(Unexpected("map", "map"), "map with a single key")
            if profile.typed_scalars:
                pairs = value.pairs if type(value) is DuplicateKeys else list(value.items())
                if not pairs:
                    # serde_json finds no key (`{}`) where the variant's name should be.
                    raise make_error(ErrorCode.EXPECTED_VALUE)
                # serde_json reads the first member as the variant, then finds a second
                # one where `}` should be.
                key, content = pairs[0]
                return str(key), _MoreMembers(content), _MAP
            raise profile.invalid_type(value, expecting)
        if profile.enum_tag_form and (kind is list or isinstance(value, dict)):
            raise profile.invalid_type(value, "a YAML tag starting with '!'")
        if profile.content:
            raise profile.invalid_type(value, "string or map")
        if profile.typed_scalars:
            # serde_json's deserialize_enum peeks for `"` or `{` and names nothing else.
            raise make_error(ErrorCode.EXPECTED_VALUE)
        raise profile.invalid_type(value, expecting)

    def _singleton_map_entry(self, value: dict[Any, Any]) -> tuple[str, Any, int]:
        pairs = value.pairs if type(value) is DuplicateKeys else list(value.items())
        if not pairs:
            raise invalid_value_error(Unexpected("map", "map"), "map with a single key")
        key, content = pairs[0]
        if type(key) is ComplexKey:
            raise complex_key_error(key, self.profile, "variant identifier")
        if type(key) is not str and type(key) is not Plain and type(key) is not TaggedScalar:
            raise self.profile.invalid_type(key, "variant identifier")
        return str(key), _SingletonContent(content, len(pairs) > 1), _MAP

    def _unit_content(self, content: Any, how: int, name: str) -> None:
        if how == _BARE:
            return
        if type(content) is _MoreMembers:
            self._unit_content(content.value, how, name)
            raise make_error(ErrorCode.EXPECTED_VALUE)
        try:
            self._check_unit_content(content, how)
        except WireError as error:
            if how == _MAP and self.profile.typed_scalars:
                # serde_json reads the content as the member's value (the first one's,
                # when more follow): place it there.
                _note_occurrence(error, 1)
                raise error.within(name) from None
            raise

    def _check_unit_content(self, content: Any, how: int) -> None:
        profile = self.profile
        if type(content) is _SingletonContent:
            raise invalid_type_error(Unexpected("map", "map"), "unit variant")
        if how == _TAG:
            # The format's deserialize_unit on the tagged node itself (its tag is the name).
            profile.read_unit(content, "unit")
            return
        if content is None or profile.is_null(content):
            return
        raise profile.invalid_type(content, "unit")

    def _known_variant(self, name: str, names: tuple[str, ...], how: int) -> NoReturn:
        """Raise serde's unknown-variant error for ``name`` (always raises)."""
        error = _unknown_variant(name, names, how)
        if how == _MAP:
            _at_key(error, name, 1)
        raise error

    def _unit_enum(self, shape: UnitEnumShape) -> Structure:
        by_wire = shape.by_wire
        names = shape.wire_names

        def structure_unit_enum(value: Any, ctx: Context) -> Any:
            if type(value) is Alias:
                value = ctx.follow(value)
            name, content, how = self._enum_entry(value, shape.expecting)
            if name not in by_wire:
                self._known_variant(name, names, how)
            self._unit_content(content, how, name)
            return by_wire[name]

        return structure_unit_enum

    def _tagged_enum(self, shape: TaggedEnumShape) -> Structure:
        if shape.representation == "internal":
            return self._internally_tagged(shape)
        if shape.representation == "adjacent":
            return self._adjacently_tagged(shape)
        if shape.representation == "untagged":
            return self._untagged(shape)
        names = shape.expected_names
        by_name = shape.by_name
        readers = {spec.wire: self._variant_reader(spec) for spec in shape.by_wire.values()}
        units = {wire: spec.cls() for wire, spec in shape.by_wire.items() if spec.kind == "unit"}
        profile = self.profile
        nested = {
            spec.wire: found
            for spec in shape.by_wire.values()
            if spec.kind == "newtype" and (found := _enum_in_place(spec.inner)) is not None
        }
        enum_in_tag = profile.enum_in_tag

        def structure_tagged_enum(value: Any, ctx: Context) -> Any:
            if type(value) is Alias:
                value = ctx.follow(value)
            name, content, how = self._enum_entry(value, shape.expecting)
            spec = by_name.get(name)
            if spec is None:
                self._known_variant(name, names, how)
            if spec.kind == "unit":
                self._unit_content(content, how, name)
                return units[spec.wire]
            if how == _BARE:
                # serde's unit-only VariantAccess names no variant.
                raise invalid_type_error(_UNIT_VARIANT, f"{spec.kind} variant")
            extra_keys = more_members = False
            if type(content) is _SingletonContent:
                content, extra_keys = content.value, content.extra_keys
            elif type(content) is _MoreMembers:
                content, more_members = content.value, True
            fn = readers[spec.wire]
            if how != _TAG or profile.variant_in_path:
                ctx.path.append(name)
                try:
                    result = fn(content, ctx)
                except WireError as error:
                    if how == _MAP:  # the first member's value, when more follow
                        _note_occurrence(error, 1)
                    raise error.within(name) from None
                ctx.path.pop()
            else:
                optional = nested.get(spec.wire)
                if optional is not None and enum_in_tag is not None:
                    # The newtype holds an enum, read from this same tagged node.
                    enum_in_tag(content, optional, shape.name, name)
                try:
                    result = fn(content, ctx)
                except CustomRefusal as refusal:
                    # The content is read by the enum's own deserializer: the path gains
                    # nothing, but it is the container the refusal leaves.
                    refusal.leave_container()
                    raise
            if extra_keys:
                raise invalid_value_error(Unexpected("map", "map"), "map with a single key")
            if more_members:
                raise make_error(ErrorCode.EXPECTED_VALUE)
            return result

        return structure_tagged_enum

    def _variant_reader(self, spec: VariantSpec, *, untagged: bool = False) -> Structure:
        """How a variant's content is read once its name is known (not for unit variants).

        ``untagged``: serde_derive's untagged variant forms (untagged enums, and the
        content of adjacently tagged ones), where a struct variant is read with
        deserialize_any by a visitor that has no visit_seq."""
        struct = spec.struct
        if struct is None:
            return _no_content
        if spec.kind == "newtype":
            # The content is the one field's value, serde's newtype_variant_seed.
            read = self._newtype_struct(struct, struct.fields[0].shape)

            def structure_newtype_variant(value: Any, ctx: Context) -> Any:
                try:
                    return read(value, ctx)
                except WireError as error:
                    if error.stopped_inside == "next" and not error.path:
                        error.stopped_inside = "variant"
                    raise

            return structure_newtype_variant
        if spec.kind == "tuple":
            return self._tuple_struct(struct)
        if untagged:
            return self._untagged_struct(struct)
        return self.compile(struct)

    def _untagged_struct(self, struct: StructShape) -> Structure:
        """A struct variant read with deserialize_any: a sequence is refused (the visitor
        has no visit_seq), and so is serde_yaml's empty scalar (a unit value there)."""
        fn = self.compile(struct)
        profile = self.profile
        expecting = struct.expecting

        def structure_untagged_struct(value: Any, ctx: Context) -> Any:
            if type(value) is Alias:
                value = ctx.follow(value)
            if type(value) is list:
                error = profile.invalid_type(value, expecting)
                error.entered = True  # deserialize_any went into the sequence first
                raise error
            if profile.is_empty_plain(value):
                raise profile.invalid_type(value, expecting)
            return fn(value, ctx)

        return structure_untagged_struct

    # Internally, adjacently and untagged enums read the content through serde's
    # `Content` buffer: it holds what the format's deserialize_any produced (numbers
    # as u64 / i64 / f64, strings, maps, sequences), and the variant is read from it.

    def content_compiler(self, *, by_ref: bool = False) -> Compiler:
        """The compiler for buffered content read back under this profile's error type:
        through serde's ContentDeserializer (internally and adjacently tagged enums), or
        its ContentRefDeserializer (``by_ref``: untagged enums, which try each variant)."""
        profile = self.profile
        if profile.content and profile.content_by_ref == by_ref:
            return self  # content read back is read back as content again (nesting)
        cached = self._content_by_ref if by_ref else self._content
        if cached is None:
            cached = Compiler(profile.content_profile(by_ref=by_ref))
            if by_ref:
                self._content_by_ref = cached
            else:
                self._content = cached
            if profile.content:  # the two content compilers are each other's
                if by_ref:
                    cached._content = self
                else:
                    cached._content_by_ref = self
        return cached

    def _resolve_content(self, value: Any, ctx: Context) -> Any:
        """``Content`` from a value tree: what the format's deserialize_any yields."""
        return self.profile.resolve_any(value, ctx)

    def _internally_tagged(self, shape: TaggedEnumShape) -> Structure:
        tag = shape.tag
        assert tag is not None
        content_compiler = self.content_compiler()
        readers = {
            spec.wire: content_compiler._variant_reader(spec) for spec in shape.by_wire.values()
        }
        units = {wire: spec.cls() for wire, spec in shape.by_wire.items() if spec.kind == "unit"}
        profile = self.profile
        expecting = f"internally tagged enum {shape.name}"
        identifier = self._identifier_reader(shape)

        def structure_internally_tagged(value: Any, ctx: Context) -> Any:
            if type(value) is Alias:
                value = ctx.follow(value)
            if type(value) is Tagged:
                # serde_yaml hands a tagged node to deserialize_any as an enum.
                raise invalid_type_error(Unexpected("enum", "enum"), expecting)
            if type(value) is list:
                if not value:
                    # serde's visitor takes the tag from the first element.
                    raise missing_field_error(tag)
                try:
                    spec = identifier(value[0], ctx)
                except WireError as problem:
                    raise problem.within(0) from None
                rest: Any = []
                for index, item in enumerate(value[1:], 1):
                    try:
                        rest.append(self._resolve_content(item, ctx))
                    except WireError as problem:  # an error while buffering: its element's
                        raise problem.within(index) from None
            elif isinstance(value, dict):
                # (serde_yaml's deserialize_any takes an empty scalar for a unit value.)
                pairs = value.pairs if type(value) is DuplicateKeys else list(value.items())
                spec = None
                kept: list[tuple[Any, Any]] = []
                seen: dict[Any, int] = {}
                for key, item in pairs:
                    key_text = self._resolve_content(key, ctx)
                    seen[key] = seen.get(key, 0) + 1
                    if key_text == tag and type(key_text) is str:
                        if spec is not None:
                            error = duplicate_field_error(tag)
                            if profile.typed_scalars:
                                _at_key(error, tag, 2)
                            raise error
                        # serde reads the tag as it meets it: the error is the tag's.
                        spec = _within(identifier, item, ctx, tag, 1)
                    else:
                        try:
                            kept.append((key_text, self._resolve_content(item, ctx)))
                        except WireError as problem:  # an error while buffering: its field's
                            _note_occurrence(problem, seen[key])
                            raise problem.within(str(key_text)) from None
                if spec is None:
                    raise missing_field_error(tag)
                rest = _content_map(kept)
            else:
                raise profile.invalid_type(value, expecting)
            assert spec is not None
            return _variant_from(spec, rest, ctx)

        def _variant_from(spec: VariantSpec, rest: Any, ctx: Context) -> Any:
            if spec.kind == "unit":
                return units[spec.wire]
            return _from_buffer(readers[spec.wire], rest, ctx)

        return structure_internally_tagged

    def _identifier_reader(self, shape: TaggedEnumShape) -> Callable[[Any, Context], VariantSpec]:
        """A variant named by a tag's value: serde reads it as a variant identifier. From
        serde's buffer that may also be a variant's index (ContentDeserializer's
        deserialize_identifier visits a u64; serde_json's own takes strings only)."""
        profile = self.profile
        names, by_name = shape.expected_names, shape.by_name
        by_index = tuple(shape.by_wire.values()) if profile.content else ()

        def read_identifier(value: Any, ctx: Context) -> VariantSpec:
            if type(value) is Alias:
                value = ctx.follow(value)
            kind = type(value)
            # A YAML identifier is the scalar's text whatever its tag (deserialize_str).
            if kind is str or kind is Plain or kind is TaggedScalar:
                name = str(value)
                if kind is str and has_surrogates(name):
                    raise make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(name))
                spec = by_name.get(name)
                if spec is None:
                    raise unknown_variant_error(name, names)
                return spec
            if by_index and kind is int and 0 <= value < 2**64:
                if value < len(by_index):
                    return by_index[int(value)]
                raise invalid_value_error(value, variant_index_expecting(len(by_index)))
            raise profile.invalid_type(value, "variant identifier")

        return read_identifier

    def _adjacently_tagged(self, shape: TaggedEnumShape) -> Structure:
        """serde_derive's adjacently tagged visitor, step for step: the tag is read with
        deserialize_enum (a unit variant's name); content after the tag is read straight
        from the input with the untagged variant forms, content before it is buffered
        and read once the tag is known; then every remaining relevant key is a duplicate."""
        tag, content_key = shape.tag, shape.content
        assert tag is not None and content_key is not None
        names = shape.expected_names
        by_name = shape.by_name
        direct = {
            spec.wire: self._variant_reader(spec, untagged=True) for spec in shape.by_wire.values()
        }
        content_compiler = self.content_compiler()
        buffered = {
            spec.wire: content_compiler._variant_reader(spec, untagged=True)
            for spec in shape.by_wire.values()
        }
        units = {wire: spec.cls() for wire, spec in shape.by_wire.items() if spec.kind == "unit"}
        profile = self.profile
        expecting = f"adjacently tagged enum {shape.name}"
        variant_expecting = f"variant of enum {shape.name}"
        deny_unknown = shape.base.__serde_deny_unknown_fields__
        key_expecting = tag_or_content(tag, content_key)
        at_keys = profile.typed_scalars
        identifier = self._identifier_reader(shape)

        def relevant_keys(
            pairs: list[tuple[Any, Any]], seen: dict[str, int], ctx: Context
        ) -> Iterator[tuple[str, Any]]:
            """serde's next_relevant_key: the tag and content members in order, other
            keys skipped (or, under deny_unknown_fields, refused by the key visitor)."""
            for key, item in pairs:
                name = self._resolve_content(key, ctx)
                if type(name) is str and name in (tag, content_key):
                    seen[name] += 1
                    yield name, item
                elif deny_unknown:
                    # Refused at its first occurrence.
                    raise _at_key(invalid_value_error(str(name), key_expecting), str(name), 1)

        def read_tag(item: Any, ctx: Context) -> VariantSpec:
            """The tag's value: serde reads it with deserialize_enum as a unit variant."""
            if type(item) is Alias:
                item = ctx.follow(item)
            name, unit, how = self._enum_entry(item, variant_expecting)
            spec = by_name.get(name)
            if spec is None:
                self._known_variant(name, names, how)
            self._unit_content(unit, how, name)
            return spec

        def structure_adjacently_tagged(value: Any, ctx: Context) -> Any:
            if type(value) is Alias:
                value = ctx.follow(value)
            if type(value) is Tagged:
                value = value.value
            if type(value) is list and profile.struct_from_seq:
                if not value:
                    raise invalid_length_error(0, expecting)
                try:
                    # visit_seq reads the tag as a plain variant identifier.
                    named = identifier(value[0], ctx)
                except WireError as problem:
                    raise problem.within(0) from None
                if len(value) < 2:
                    raise invalid_length_error(1, expecting)
                try:
                    read = _read_variant(named, direct, value[1], ctx)
                except WireError as problem:
                    raise problem.within(1) from None
                if len(value) > 2:
                    raise profile.extra_elements(value, 2)
                return read
            if profile.is_empty_plain(value):
                value = {}  # serde_yaml reads an empty scalar as an empty map
            elif not isinstance(value, dict):
                raise profile.invalid_type(value, expecting)
            pairs = value.pairs if type(value) is DuplicateKeys else list(value.items())
            seen = {tag: 0, content_key: 0}
            relevant = relevant_keys(pairs, seen, ctx)

            def duplicate(key: str) -> NoReturn:
                error = duplicate_field_error(key)
                if at_keys:
                    _at_key(error, key, seen[key])
                raise error

            first = next(relevant, None)
            if first is None:
                raise missing_field_error(tag)
            key, item = first
            if key == tag:
                spec = _within(read_tag, item, ctx, tag, seen[tag])
                second = next(relevant, None)
                if second is None:
                    if spec.kind == "unit":
                        return units[spec.wire]
                    if spec.kind == "newtype" and isinstance(spec.inner, OptionShape):
                        # serde_derive reads missing content through serde's
                        # missing_field, whose deserialize_option visits none.
                        return _read_variant(spec, direct, None, ctx)
                    raise missing_field_error(content_key)
                key, item = second
                if key == tag:
                    duplicate(tag)
                result = _within(
                    lambda content, ctx: _read_variant(spec, direct, content, ctx),
                    item,
                    ctx,
                    content_key,
                    seen[content_key],
                )
            else:
                try:
                    held = self._resolve_content(item, ctx)
                except WireError as problem:
                    raise problem.within(content_key) from None
                second = next(relevant, None)
                if second is None:
                    raise missing_field_error(tag)
                key, item = second
                if key == content_key:
                    duplicate(content_key)
                spec = _within(read_tag, item, ctx, tag, seen[tag])
                try:
                    result = _read_variant(spec, buffered, held, ctx)
                except WireError as problem:
                    # Read from the buffer inside the enum's own map, which has no places:
                    # serde_json gives it where that map stopped reading, just past the
                    # tag's value; serde_yaml the map's own path and mark.
                    if not at_keys:
                        problem.path, problem.key, problem.occurrences = (), None, None
                    elif not profile.content:
                        problem.after_key = (tag, seen[tag], len(problem.path))
                    raise
            for key, _ in relevant:
                duplicate(key)
            return result

        def _read_variant(
            spec: VariantSpec, readers: dict[str, Structure], content: Any, ctx: Context
        ) -> Any:
            if spec.kind == "unit":
                return unit_variant(spec, content, ctx)
            return readers[spec.wire](content, ctx)

        def unit_variant(spec: VariantSpec, content: Any, ctx: Context) -> Any:
            # serde's UntaggedUnitVisitor under deserialize_any: unit or none only.
            if type(content) is Alias:
                content = ctx.follow(content)
            if content is None or profile.is_null(content) or profile.is_empty_plain(content):
                return units[spec.wire]
            error = profile.invalid_type(content, f"unit variant {shape.name}::{spec.cls.__name__}")
            if type(content) is list or isinstance(content, dict):
                error.entered = True
            raise error

        return structure_adjacently_tagged

    def _untagged(self, shape: TaggedEnumShape) -> Structure:
        content_compiler = self.content_compiler(by_ref=True)
        attempts: list[tuple[VariantSpec, Structure | None]] = []
        for spec in shape.by_wire.values():
            attempts.append(
                (
                    spec,
                    None
                    if spec.kind == "unit"
                    else content_compiler._variant_reader(spec, untagged=True),
                )
            )
        message = f"data did not match any variant of untagged enum {shape.name}"

        def structure_untagged(value: Any, ctx: Context) -> Any:
            content = self._resolve_content(value, ctx)
            for spec, fn in attempts:
                if fn is None:
                    if content is None:
                        return spec.cls()
                    continue
                trial = Context("ignore", ctx.jumps_left)
                try:
                    result = fn(content, trial)
                except WireError:
                    continue
                # The chosen variant's unknown fields are reported as any others are.
                if ctx.unknown != "ignore":
                    fn(content, ctx)
                return result
            # serde raises it after reading the whole value into its Content buffer:
            # placed like any error from that buffer (none at the top of the document).
            error = custom_error(message)
            error.buffered = True
            raise error

        return structure_untagged


def _within(
    fn: Callable[[Any, Context], Any], item: Any, ctx: Context, key: str, occurrence: int
) -> Any:
    """``fn(item)`` for the ``occurrence``-th member ``key`` of a map: an error takes
    the member's key into its path, and says which of its repeats it came from."""
    try:
        return fn(item, ctx)
    except WireError as problem:
        _note_occurrence(problem, occurrence)
        raise problem.within(key) from None


def _enum_in_place(shape: Shape) -> bool | None:
    """Whether a newtype variant's content is read as an externally tagged enum from the
    variant's own value (through newtypes and Options): None if not, else whether an
    Option comes first."""
    optional = False
    while True:
        if isinstance(shape, StructShape) and shape.wrapped is not None:
            shape = shape.wrapped
        elif isinstance(shape, OptionShape):
            shape, optional = shape.inner, True
        else:
            break
    return optional if names_its_variant(shape) else None


def _no_content(value: Any, ctx: Context) -> Any:
    raise AssertionError("a unit variant has no content reader")  # pragma: no cover


def _content_map(pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    result = dict(pairs)
    return DuplicateKeys(pairs) if len(result) != len(pairs) else result


def _from_buffer(fn: Structure, content: Any, ctx: Context) -> Any:
    """Read a variant from buffered content: serde reports these errors from its buffer,
    which knows no position."""
    try:
        return fn(content, ctx)
    except WireError as error:
        error.buffered = True
        error.buffered_depth = len(error.path)
        raise


class CustomRefusal(WireError):
    """serde's ``Error::custom`` raised by a field's ``deserialize_check`` (what a
    ``deserialize_with`` function refuses): each format places it its own way."""

    # How many elements of ``path`` lie inside the innermost container (struct, sequence,
    # map, enum) the refusal came out of; None while it has left none. serde_yaml gives
    # the refusal that container's path and place.
    container_depth: int | None = None

    def leave_container(self, inner: tuple[PathElement, ...] = ()) -> None:
        """The refusal leaves a container, which names it ``inner`` (the element(s) the
        container adds to the path); only the innermost container is recorded."""
        if self.container_depth is None:
            self.container_depth = len(self.path) + len(inner)

    def within(self, *outer: PathElement) -> WireError:
        self.leave_container(outer)  # each step outwards leaves a container
        return super().within(*outer)


def _unknown_field_error(key: Any, known: tuple[str, ...]) -> WireError:
    """serde's ``unknown_field`` under ``deny_unknown_fields``, placed at the key."""
    if type(key) is str and has_surrogates(key):
        return make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(key))
    name = str(key)
    if type(key) is Truncated:
        raise key.error
    error = unknown_field_error(name, known)
    return _at_key(error, name, 1)


def _occurrence(pairs: list[tuple[Any, Any]], key: Any, item: Any) -> int:
    """Which occurrence of ``key`` the pair holding ``item`` is (1-based)."""
    count = 0
    for other, value in pairs:
        if other == key:
            count += 1
            if value is item:
                return count
    return count


def _last_element(error: WireError) -> None:
    """``error`` came from the last element a fixed-length sequence reads: a reader that
    stopped inside that element meets the sequence's end (serde's end_seq) next."""
    if error.stopped_inside == "next" and not error.path:
        error.stopped_inside = "last element"


def _note_occurrence(error: WireError, occurrence: int) -> None:
    """Record, for the path element about to be prepended, which of its repeated keys
    failed (keyed by how many path elements follow it), so a locator can place it."""
    occurrences = error.occurrences or {}
    occurrences[len(error.path)] = occurrence
    error.occurrences = occurrences


def _at_key(error: WireError, key: str, occurrence: int) -> WireError:
    """Mark an error that serde places at a member's key (serde_json: just after it)."""
    error.key = (key, occurrence)
    return error


def _unknown_variant(name: str, names: tuple[str, ...], how: int) -> WireError:
    if has_surrogates(name):
        # serde_json refuses the escape before it looks the name up.
        return make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(name))
    if how == _TAG:
        # serde_yaml names a tag's variant outside its position bookkeeping: the
        # error takes the path and position of the enclosing container.
        return _enclosing(unknown_variant_error(name, names))
    return unknown_variant_error(name, names)


def _enclosing(error: WireError) -> WireError:
    """The same error, placed at the container holding the value that raised it."""
    return _EnclosingError(error.message, code=error.code, params=error.params)


class _EnclosingError(WireError):
    """An error that belongs to the container holding the value that raised it."""

    _skip = True

    def within(self, *outer: PathElement) -> WireError:
        if self._skip:
            self._skip = False
            return self
        return super().within(*outer)


_BARE, _TAG, _MAP = 0, 1, 2
EXPECTED_VALUE = "expected value"
_NOT_SINGLE_KEY = "invalid value: map, expected map with a single key"
_NULL_WORDS = frozenset(("~", "null", "Null", "NULL"))
# Deeper than serde_yaml's recursion limit can only come from a self-referencing type.
MAX_NESTING = 128


class _SingletonContent:
    """A singleton map's value, and whether the map had more keys (checked afterwards)."""

    __slots__ = ("extra_keys", "value")

    def __init__(self, value: Any, extra_keys: bool) -> None:
        self.value = value
        self.extra_keys = extra_keys


class _MoreMembers:
    """The first member's value of a JSON object read as an enum that has more members:
    serde_json reads the variant from it, then refuses the second member."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_ABSENT: Any = _Marker("<absent>")
_UNIT_SHAPE = UnitShape()
_UNIT_VARIANT = Unexpected("unit variant", "unit variant")
_UNIT: Any = _Marker("<unit>")


def map_key(key: Any, profile: Profile) -> str:
    kind = type(key)
    if kind is str:
        if has_surrogates(key):
            raise make_error(ErrorCode.LONE_SURROGATE, lone_surrogate_message(key))
        return key  # type: ignore[no-any-return]
    if kind is Plain or kind is TaggedScalar:
        return str(key)
    if kind is ComplexKey:
        raise complex_key_error(key, profile, "a string")
    raise profile.invalid_type(key, "a string")


def complex_key_error(key: ComplexKey, profile: Profile, expecting: str) -> WireError:
    error = profile.invalid_type(key.value, expecting)
    if (key.line, key.column) != (1, 1):  # serde_yaml prints no position at index 0
        error.line, error.column = key.line, key.column
    return error


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
