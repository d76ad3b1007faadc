"""JSON text exactly as serde_json 1.0.149 reads and writes it.

Reading has two parsers with one verdict. With orjson installed, it parses first, a
generated function (:mod:`..serde.gen`) builds the object, and two cheap checks on
the text catch the inputs where orjson is more lenient than serde_json (a repeated
key, which it collapses; ``-0``, which it reads as an integer). Documents over 1 MiB
(orjson reserves 13 bytes per input byte), or any without orjson, are parsed by the
stdlib parser's plain C scan instead, with the same checks; a big one a top-level member
and a list item at a time (:mod:`._json_stream`), so that only one item's tree is alive
besides the objects built. Anything the parser or the
generated function rejects, or any doubt, goes to the stdlib parser configured to
behave like serde_json and the exact path. Errors get their line and
column by locating the failing path in the text afterwards, so success pays nothing.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar, overload

from .._errors import ErrorCode, WireError
from ..fine_tune import FineTuneConfig
from ..serde.data import CharText, Float32, OutOfRangeNumber
from ..serde.floats import FLOAT_WRITERS, FloatFormat, f32_text, serde_json_float
from ..serde.gen import DOUBT, Bail, Fast, FastCompiler, Reader
from ..serde.model import (
    IntShape,
    OptionShape,
    Shape,
    StructShape,
    fixed_length_at,
    names_its_variant,
    reads_number_text,
    shape_at,
    shape_of,
    skipped_at,
    variant_map_at,
)
from ..serde.structure import Compiler, Context, Profile, Structure, UnknownPolicy
from ..serde.unstructure import Record, Unstructure, Unstructurer
from ..serde.wording import make_error
from . import _json_stream, check_size
from ._json_stdlib import PLAIN as _PLAIN
from ._json_stdlib import NotJson as _NotJson
from ._json_stdlib import NumberOutOfRange as _NumberOutOfRange
from ._json_stdlib import decoder as _decoder
from ._json_stdlib import parse_float as _parse_float
from ._json_stdlib import parse_int as _parse_int
from ._json_text import (
    JsonLocator,
    JsonSyntax,
    LazyBreak,
    Skips,
    after_comma,
    byte_column,
    completed_prefix,
    due_path,
    exponent_overflow,
    json_syntax_error,
    list_at_break,
    object_at_break,
    syntax_error,
    value_due,
)

_orjson: Any
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised by the no-orjson CI leg
    _orjson = None

__all__ = ["from_json", "to_json"]

T = TypeVar("T")

# Deeper than this (in ignored data, since our types are at most 3 deep) is refused
# with a WireError naming the limit, instead of exhausting Python's stack.
MAX_DEPTH = 512


def _orjson_agrees() -> bool:
    """orjson's float text matched serde_json's from 3.10 on; check rather than trust."""
    if _orjson is None:
        return False
    samples = (1e-5, 1e-7, 1e16, 0.1, -0.0, 5e-324, 1.7976931348623157e308, 16.0)
    try:
        return all(_orjson.dumps(v).decode() == serde_json_float(v) for v in samples)
    except Exception:
        return False


_FAST_WRITE = _orjson_agrees()
_dumps: Any = _orjson.dumps if _FAST_WRITE else None
_INDENT_2: Any = _orjson.OPT_INDENT_2 if _FAST_WRITE else None
# The generated readers (False: the exact path alone, as the tests compare).
_FAST_READ = True
# orjson reserves about 13 bytes per byte of input whatever the document holds; above
# this size (or without orjson) the stdlib parser's plain C scan reads instead, and the
# generated readers build the objects from its tree. Configs are kilobytes: orjson's
# speed is where it matters, the memory bound where that matters.
_FAST_READ_LIMIT = 1 << 20

# ── reading ─────────────────────────────────────────────────────────────────


def _recording_parsers(
    texts: dict[int, str],
) -> tuple[Callable[[str], Any], Callable[[str], Any]]:
    """``_parse_float`` and ``_parse_int`` that also keep the text of each number they
    make a float, by id: serde_json reads f32, i128 and u128 from the text."""

    def parse_float(text: str) -> Any:
        value = _parse_float(text)
        texts[id(value)] = text
        return value

    def parse_int(text: str) -> Any:
        value = _parse_int(text)
        if type(value) is float:  # beyond 64 bits, or `-0`
            texts[id(value)] = text
        return value

    return parse_float, parse_int


_SPACE_BEFORE_COLON_STR = re.compile(r'"[ \t\r\n]+:')
_SPACE_BEFORE_COLON_BYTES = re.compile(rb'"[ \t\r\n]+:')
_NEGATIVE_ZERO_STR = re.compile(r"-0(?![0-9.eE])")
_NEGATIVE_ZERO_BYTES = re.compile(rb"-0(?![0-9.eE])")


def _stdlib_decode(text: str | bytes, fast: Fast) -> Any:
    """:func:`_proven` on the stdlib parser's plain C scan instead of orjson's parse:
    its tree holds about the document's size in objects where orjson reserves 13 bytes
    per input byte. It collapses repeated keys and reads ``-0`` as 0 as orjson does
    (the same checks on the text follow); lone surrogates, unbounded integers and
    ``inf`` are the generated reader's own checks (``FastCompiler(stdlib=True)``)."""
    try:
        data = _PLAIN.decode(text if isinstance(text, str) else str(text, "utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError, JSONDecodeError, _NotJson
        return _DOUBT
    return _proven(text, data, fast)


def _proven(text: str | bytes, data: Any, fast: Fast) -> Any:
    """The object the generated function ``fast`` builds from ``data`` (orjson's parse
    of ``text``, or the stdlib's plain one), when together they provably give what
    serde_json gives; otherwise ``_DOUBT`` and the caller takes the exact path."""
    tally = [0]
    try:
        obj = fast(data, tally)
    except Bail:
        return _DOUBT
    return obj if _text_agrees(text, tally[0]) else _DOUBT


def _text_agrees(text: str | bytes, keys: int) -> bool:
    """Whether a parse that collapses repeated keys and reads ``-0`` as 0, of which the
    generated functions consumed ``keys`` mapping keys, read ``text`` as serde_json does."""
    # orjson keeps the last of repeated keys where serde_json reports a duplicate field.
    # Each key in the text is followed by one `:`, and the fast path counted the keys
    # it consumed, so as many colons as keys proves that no key was collapsed.
    if isinstance(text, str):
        if text.count(":") != keys and not _keys_proven(text, keys, '":', _SPACE_BEFORE_COLON_STR):
            return False
        # orjson reads `-0` as the integer 0, serde_json as -0.0.
        return not ("-" in text and _NEGATIVE_ZERO_STR.search(text))
    if text.count(b":") != keys and not _keys_proven(text, keys, b'":', _SPACE_BEFORE_COLON_BYTES):
        return False
    return not (b"-" in text and _NEGATIVE_ZERO_BYTES.search(text))


# _text_agrees's common case as Python source over ``text`` and ``keys``: a str with as
# many colons as keys and no `-` at all. The generated readers paste it in and call
# _text_agrees only when it fails (a call is about 1% of a small config's read).
_AGREES_AT_ONCE = 'type(text) is str and text.count(":") == keys and "-" not in text'


def _no_key_repeated(text: str, keys: int) -> bool:
    """Whether the ``keys`` entries the parsed dicts hold are every key of ``text``:
    each key is followed by a colon, so as many colons as entries proves it."""
    if text.count(":") == keys:
        return True
    return _keys_proven(text, keys, '":', _SPACE_BEFORE_COLON_STR)


def _keys_proven(text: Any, keys: int, quote_colon: Any, space_before_colon: Any) -> bool:
    """The colon count was off (colons inside strings): count `":` instead, which every
    key ends with unless whitespace stands before its colon. More of those than keys
    means a `":` inside a string or a collapsed key; either way, take the exact path."""
    return bool(text.count(quote_colon) == keys and not space_before_colon.search(text))


_DOUBT: Any = DOUBT


# orjson's output: exact JSON types, no lone surrogates, and ours alone.
def _orjson_key(name: str) -> str:
    """orjson's own object for key ``name``: it reuses one per short key, so the
    generated lookups find it by identity."""
    assert _orjson is not None
    (key,) = _orjson.loads(_orjson.dumps({name: None}))
    return str(key)


# ── serde_json's reading rules, supplied to the generic layer ──────────────


def _json_extra_elements(items: list[Any], expected: int) -> WireError:
    # serde_json's end_seq meets the extra element as text, not as a value.
    return make_error(ErrorCode.TRAILING_CHARACTERS).within(expected)


def _placed(error: WireError, offset: int, key: str | None = None) -> WireError:
    """``error``, to be reported ``offset`` characters into the failing value's text, or
    into its map key's (counting the opening quote) when ``key`` is given."""
    error.offset = offset
    if key is not None:
        error.key = (key, 1)  # the first occurrence: a repeat fails the same way first
    return error


_DIGITS = "0123456789"
_DIGIT_RUN = re.compile(r"[0-9]*")
# i128 and u128 have 39 digits at most: a longer run is out of range without int()
# (whose digit limit a 5,000-digit text would hit).
_WIDE_DIGITS = 39


def _scan_int128(text: str, shape: IntShape, base: int, key: str | None) -> tuple[int, int]:
    """serde_json's do_deserialize_i128 / do_deserialize_u128 on ``text``: the integer it
    starts with (its digits alone, whatever follows) and where it ends. Errors are placed
    ``base`` characters further on."""
    position = 0
    if text.startswith("-"):
        if not shape.signed:  # refused at the sign
            raise _placed(json_syntax_error(JsonSyntax.NUMBER_OUT_OF_RANGE), base, key)
        position = 1
    first = text[position : position + 1]
    if first == "0":
        end = position + 1
        if text[end : end + 1] and text[end] in _DIGITS:  # one leading zero only
            raise _placed(json_syntax_error(JsonSyntax.INVALID_NUMBER), base + end, key)
    elif first and first in _DIGITS:
        match = _DIGIT_RUN.match(text, position)
        assert match is not None
        end = match.end()
    else:
        raise _placed(json_syntax_error(JsonSyntax.INVALID_NUMBER), base + position, key)
    number = int(text[:end]) if end - position <= _WIDE_DIGITS else None
    if number is None or not shape.accepts(number):
        raise _placed(json_syntax_error(JsonSyntax.NUMBER_OUT_OF_RANGE), base + end - 1, key)
    return number, end


def _wide_int_from_text(value: Any, shape: IntShape, texts: dict[int, str]) -> int:
    """An i128 or u128 as serde_json reads it: from the number's text, digits only (the
    parser made a float of anything beyond 64 bits). Anything but a number is an
    invalid number; a fraction or exponent after the digits is left for the enclosing
    container to trip over."""
    kind = type(value)
    text: str | None
    if kind is int:  # one the parser read (within i64..u64), its text unchanged
        text = int.__repr__(value)
    elif kind is OutOfRangeNumber:
        text = value
    else:
        text = texts.get(id(value)) if kind is float else None
    if text is None:
        if kind is float:  # not from this document's text
            raise JSON_PROFILE.invalid_type(value, shape.expecting)
        raise _placed(json_syntax_error(JsonSyntax.INVALID_NUMBER), 0)
    number, end = _scan_int128(text, shape, 0, None)
    if end < len(text):
        error = _placed(json_syntax_error(JsonSyntax.EXPECTED_OBJECT_COMMA_OR_END), end)
        error.stopped_inside = "next"
        raise error
    return number


def _number_end(key: str) -> int:
    """Where the number at the start of ``key`` ends, by serde_json's parse_number (which
    stops at the first byte that cannot continue it); "invalid number" where it breaks."""
    position = 1 if key.startswith("-") else 0
    first = key[position : position + 1]
    if first == "0":
        position += 1
        if key[position : position + 1] and key[position] in _DIGITS:
            raise _placed(json_syntax_error(JsonSyntax.INVALID_NUMBER), 1 + position, key)
    elif first and first in _DIGITS:
        position = _run_end(key, position)
    else:
        raise _placed(json_syntax_error(JsonSyntax.INVALID_NUMBER), 1 + position, key)
    if key[position : position + 1] == ".":
        position = _run_end(key, position + 1, required=True)
    if key[position : position + 1] in ("e", "E"):
        position += 1
        if key[position : position + 1] in ("+", "-"):
            position += 1
        position = _run_end(key, position, required=True)
    return position


def _run_end(key: str, position: int, *, required: bool = False) -> int:
    match = _DIGIT_RUN.match(key, position)
    assert match is not None
    if required and match.end() == position:
        raise _placed(json_syntax_error(JsonSyntax.INVALID_NUMBER), 1 + position, key)
    return match.end()


def _json_int_key(key: str, shape: IntShape, read_int: Structure, ctx: Context) -> int:
    """serde_json's MapKey for an integer type: after the opening quote a number must
    start; it is read as a value of the type is (i128 and u128 by their digits), and the
    closing quote must follow it. Errors are placed in the key."""
    if not key or key[0] not in "-0123456789":
        raise _placed(json_syntax_error(JsonSyntax.EXPECTED_NUMERIC_KEY), 0, key)
    if shape.wide:
        number, end = _scan_int128(key, shape, 1, key)
    else:
        end = _number_end(key)
        text = key[:end]
        try:
            is_float = "." in text or "e" in text or "E" in text
            number = read_int(_parse_float(text) if is_float else _parse_int(text), ctx)
        except WireError as error:
            # serde_json places what the number's visitor says at its last byte.
            overflow = exponent_overflow(key, 0, end)
            raise _placed(error, 1 + (end - 1 if overflow is None else overflow), key) from None
    if end < len(key):
        raise _placed(json_syntax_error(JsonSyntax.EXPECTED_DOUBLE_QUOTE), 1 + end, key)
    return number


JSON_PROFILE = Profile(
    "json",
    float_text=serde_json_float,
    f32_overflow_error=True,
    extra_elements=_json_extra_elements,
    wide_int_from_text=_wide_int_from_text,
    int_key=_json_int_key,
)

# The exact path: serde_json's rules for every input (the same compiler the cattrs
# converter in ..converters uses, without importing cattrs).
EXACT = Compiler(JSON_PROFILE)
_FAST_COMPILER = FastCompiler(
    parsed=True, key=_orjson_key if _orjson is not None else None, exact=EXACT.compile
)
_STDLIB_COMPILER = FastCompiler(parsed=True, stdlib=True, exact=EXACT.compile)
_FAST_BY_CLASS: dict[Any, Fast | None] = {}
_STDLIB_BY_CLASS: dict[Any, Fast | None] = {}


def _fast_for(cls: Any) -> Fast | None:
    """The generated structure function for ``cls`` on orjson's tree, remembered per class."""
    fast = _FAST_COMPILER.compile(shape_of(cls))
    with contextlib.suppress(TypeError):  # an unhashable type expression isn't remembered
        _FAST_BY_CLASS[cls] = fast
    return fast


# from_json's readers through orjson, per class: with validate=False, and with
# validate=True (which generates validate()'s condition into the reader, work that
# `check`, reading with validate=False, then never does).
_READ_BY_CLASS: dict[Any, Reader | None] = {}
_VALIDATING_READ_BY_CLASS: dict[Any, Reader | None] = {}


def _reader_for(cls: Any, validate: bool) -> Reader | None:
    """``cls`` from a text through orjson, and its ``validate()`` if asked: the object,
    or ``_DOUBT``. A struct's reader is generated whole (parse, generated function,
    checks on the text, validate(): :meth:`FastCompiler.reader`); another type's calls
    them in turn."""
    assert _orjson is not None
    loads, failure = _orjson.loads, _orjson.JSONDecodeError
    read = _FAST_COMPILER.reader(
        shape_of(cls),
        loads,
        failure,
        _text_agrees,
        agrees_at_once=_AGREES_AT_ONCE,
        method="validate" if validate else None,
    )
    if read is None:
        fast = _fast_for(cls)
        if fast is not None:
            read = _orjson_reader(fast, loads, failure, validate)
    with contextlib.suppress(TypeError):  # an unhashable type expression isn't remembered
        (_VALIDATING_READ_BY_CLASS if validate else _READ_BY_CLASS)[cls] = read
    return read


def _orjson_reader(fast: Fast, loads: Callable[[Any], Any], failure: Any, validate: bool) -> Reader:
    """:meth:`FastCompiler.reader`'s work for a type without one (an enum, say)."""

    def read(text: str | bytes) -> Any:
        try:
            data = loads(text)
        except failure:
            return _DOUBT
        obj = _proven(text, data, fast)
        if validate and obj is not _DOUBT:
            _validate(obj)
        return obj

    return read


def _validate(obj: Any) -> None:
    """``from_json(validate=True)``: the object's ``validate()``, where it has one."""
    check: Callable[[], None] | None = getattr(obj, "validate", None)
    if check is not None:
        check()


def _stdlib_for(cls: Any) -> Fast | None:
    """The generated structure function for ``cls`` on the stdlib parser's tree."""
    fast = _STDLIB_COMPILER.compile(shape_of(cls))
    with contextlib.suppress(TypeError):
        _STDLIB_BY_CLASS[cls] = fast
    return fast


_STREAM_BY_CLASS: dict[Any, _json_stream.Plan | None] = {}
# The plain decoder's C scanner (what its raw_decode calls), and the C scanstring it
# reads object keys with.
_scan: Any = _PLAIN.scan_once  # type: ignore[attr-defined]
_scan_key: Any = json.decoder.scanstring  # type: ignore[attr-defined]


def _stream_for(cls: Any) -> _json_stream.Plan | None:
    """How a big document of ``cls`` is read a member (and a list item) at a time."""
    how = _json_stream.plan(shape_of(cls), _STDLIB_COMPILER)
    with contextlib.suppress(TypeError):
        _STREAM_BY_CLASS[cls] = how
    return how


_TEXT_BY_CLASS: dict[Any, bool] = {}


def _reads_number_text(cls: Any, shape: Any) -> bool:
    """Whether ``cls`` reads an f32, i128 or u128 anywhere (then numbers the parser makes
    floats keep their text), per class."""
    try:
        return _TEXT_BY_CLASS[cls]
    except KeyError:
        found = _TEXT_BY_CLASS[cls] = reads_number_text(shape)
        return found
    except TypeError:  # an unhashable type expression
        return reads_number_text(shape)


def _exact_parse(
    text: str,
    texts: dict[int, str] | None = None,
    skips: Skips | None = None,
    scan: LazyBreak | None = None,
) -> Any:
    if text.startswith("\ufeff"):
        raise json_syntax_error(JsonSyntax.EXPECTED_SOME_VALUE).at(1, 1)
    if text.count("[") + text.count("{") > MAX_DEPTH:
        JsonLocator(text).check_depth(MAX_DEPTH)
    parse_float, parse_int = (
        (_parse_float, _parse_int) if texts is None else _recording_parsers(texts)
    )
    try:
        keys = [0]
        tree = _decoder(parse_float, keys, parse_int).decode(text)
        if not _no_key_repeated(text, keys[0]):
            # Perhaps a repeated key, which a dict collapses: parse again, keeping pairs.
            tree = None
            if texts is not None:
                texts.clear()
            tree = _decoder(parse_float, None, parse_int).decode(text)
        return tree
    except json.JSONDecodeError as error:
        raise syntax_error(text, error, skips, scan) from None
    except _NumberOutOfRange as error:
        raise JsonLocator(text).number_error(JsonSyntax.NUMBER_OUT_OF_RANGE, str(error)) from None
    except _NotJson as error:
        token = str(error)
        if token.startswith("-"):  # `-Infinity`: serde_json wants a digit after the sign
            raise JsonLocator(text).number_error(JsonSyntax.INVALID_NUMBER, token[:2]) from None
        raise JsonLocator(text).number_error(
            JsonSyntax.EXPECTED_SOME_VALUE, token, at_start=True
        ) from None
    except RecursionError:
        raise make_error(ErrorCode.LIMIT, f"JSON nested deeper than {MAX_DEPTH} levels") from None


def _decode_text(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = bytes(data[: error.start])
        line = prefix.count(b"\n") + 1
        column = error.start - (prefix.rfind(b"\n") + 1) + 1
        raise json_syntax_error(JsonSyntax.INVALID_UNICODE_CODE_POINT).at(line, column) from None


def _first_character_refusal(shape: Shape | None, first: str, in_list: bool) -> JsonSyntax | None:
    """serde_json's error for a value of ``shape`` that starts with ``first``, where its
    reader refuses it at that character: an enum that names its variant wants a string
    or a map ("expected value"), a 128-bit integer a digit or a sign ("invalid number").
    An option reads ``null`` first; a closing bracket after a comma in a list is the
    list's trailing comma."""
    while True:
        if isinstance(shape, OptionShape):
            if first == "n":
                return None
            shape = shape.inner
        elif isinstance(shape, StructShape) and shape.wrapped is not None:
            shape = shape.wrapped
        else:
            break
    if first == "]" and in_list:
        return None
    if shape is not None and names_its_variant(shape):
        return None if first in '{"]}' else JsonSyntax.EXPECTED_SOME_VALUE
    if isinstance(shape, IntShape) and shape.wide and first not in "-0123456789":
        return JsonSyntax.INVALID_NUMBER
    return None


def _typed_before_syntax(
    text: str,
    error: WireError,
    shape: Any,
    keep_texts: bool,
    unknown: UnknownPolicy,
    scan: LazyBreak,
) -> WireError:
    """What serde_json reports for ``text``, which has the syntax error ``error``: it
    types each value as it reads it, so a problem in a whole value before the syntax
    error (`{"mine": 1, "k": }` for a bool ``mine``, `{"mine": 1} x` before "trailing
    characters") is reported instead. Those values, with the containers open after
    them closed, are read as a document of their own (``unknown`` as the caller asked);
    only an error placed before the first added bracket counts (one at an added bracket,
    a missing field or a short tuple, is an artefact of the cut)."""
    if error.line is None or error.code is ErrorCode.LIMIT:
        return error
    completed = completed_prefix(text, scan.get())
    if completed is not None:
        prefix, cut = completed
        texts: dict[int, str] | None = {} if keep_texts else None
        try:
            tree = _exact_parse(prefix, texts)
            EXACT.compile(shape)(tree, Context(unknown, float_texts=texts, record=False))
        except WireError as typed:
            if typed.line is None:
                typed = JsonLocator(prefix).place(typed)
            if len(prefix) == cut:
                # The whole value, nothing added (only what follows it is wrong):
                # serde_json reads it all first, so its error comes first, with or
                # without a position.
                return typed
            # At the syntax error's own place too: `[1, 256` ends where 256 is refused.
            where = (typed.line, typed.column or 0)
            if (
                typed.line is not None
                and where < byte_column(prefix, cut)
                and where <= (error.line, error.column or 0)
            ):
                return typed
    return _read_break(text, error, shape, scan)


def _read_break(text: str, error: WireError, shape: Any, lazy: LazyBreak) -> WireError:
    """serde_json's error where ``text`` stops being JSON (the syntax error ``error``)
    as the reader of ``shape`` meets it there: some readers refuse a value before the
    syntax error is reached."""
    if error.line is None or error.code is ErrorCode.LIMIT:
        return error
    scan = lazy.get()
    # The value being read when the syntax broke: some readers refuse a value at its
    # first character, before reading it (`nul` for an enum).
    due = value_due(text, scan)
    if due is not None:
        in_list = bool(scan.frames) and scan.frames[-1][0] == "["
        refusal = _first_character_refusal(shape_at(shape, due_path(scan)), text[due], in_list)
        where = byte_column(text, due)
        if refusal is not None and where <= (error.line, error.column or 0):
            return json_syntax_error(refusal).at(*where)
    # A list of fixed length (a tuple, a struct written as a list) ends once its last
    # element is read: serde_json then wants `]`, and calls anything but `]` or `,]`
    # there "trailing characters".
    list_break = list_at_break(text, scan)
    if list_break is not None:
        at, path, read = list_break
        if read == fixed_length_at(shape, path) and not (text[at] == "]" and after_comma(text, at)):
            where = byte_column(text, at)
            if where <= (error.line, error.column or 0):
                return json_syntax_error(JsonSyntax.TRAILING_CHARACTERS).at(*where)
    # An enum written as a map ends after its one entry: serde_json then wants `}`, and
    # says "expected value" for anything else, placed at the last character it read.
    in_map = object_at_break(text, scan)
    if in_map is not None:
        at, path, entries = in_map
        if entries == 1 and variant_map_at(shape, path):
            line, column = byte_column(text, at)
            if (line, column - 1) <= (error.line, error.column or 0):
                return json_syntax_error(JsonSyntax.EXPECTED_SOME_VALUE).at(line, column - 1)
    return error


def parse(data: str | bytes) -> Any:
    """JSON text -> value tree, accepting exactly what serde_json's parser accepts."""
    return _exact_parse(_decode_text(data))


def parse_partial(text: str, cls: Any) -> tuple[Any, WireError | None, tuple[str, int] | None]:
    """JSON text -> (value tree, syntax error, cut), for a reader of ``cls`` that wants
    every problem: the tree and None for valid JSON; for a syntax error, serde_json's
    error as the reader of ``cls`` meets it, with the values read whole before it
    (:func:`._json_text.completed_prefix`: the text read so far made a document, and
    where the added text starts; a problem placed there or after it is an artefact of
    the cut). The type errors before a syntax error, which ``from_json`` reports first,
    are the caller's to find in the tree."""
    shape = shape_of(cls)
    scan = LazyBreak(text)
    try:
        return _exact_parse(text, None, functools.partial(skipped_at, shape), scan), None, None
    except WireError as error:
        syntax = _read_break(text, error, shape, scan)
    completed = completed_prefix(text, scan.get()) if syntax.line is not None else None
    if completed is None:
        return None, syntax, None
    try:
        return _exact_parse(completed[0]), syntax, completed
    except WireError:  # the prefix breaks a limit of its own: no partial reading
        return None, syntax, None


@overload
def from_json(
    data: str | bytes,
    *,
    validate: bool = True,
    unknown: UnknownPolicy = "warn",
    max_size: int | None = None,
) -> FineTuneConfig: ...
@overload
def from_json(
    data: str | bytes,
    cls: type[T],
    *,
    validate: bool = True,
    unknown: UnknownPolicy = "warn",
    max_size: int | None = None,
) -> T: ...
def from_json(
    data: str | bytes,
    cls: Any = FineTuneConfig,
    *,
    validate: bool = True,
    unknown: UnknownPolicy = "warn",
    max_size: int | None = None,
) -> Any:
    """Read ``cls`` from JSON exactly as ``serde_json::from_str`` would.

    ``validate`` then runs ``cls.validate()`` where it has one. ``unknown`` says what
    to do with fields serde silently ignores: ``"ignore"``, ``"warn"`` (an
    ``UnknownFieldWarning`` naming each, with a close match) or ``"error"``.
    ``max_size`` refuses, before parsing, a document longer than that many bytes (for
    ``bytes``) or characters (for ``str``): a guard for text from untrusted sources.
    """
    if unknown not in ("ignore", "warn", "error"):
        raise ValueError(f"unknown must be 'ignore', 'warn' or 'error', not {unknown!r}")
    if max_size is not None:
        check_size(data, max_size)
    obj = _DOUBT
    if not _FAST_READ:
        pass
    elif _orjson is not None and len(data) <= _FAST_READ_LIMIT:
        try:
            read = (_VALIDATING_READ_BY_CLASS if validate else _READ_BY_CLASS)[cls]
        except (KeyError, TypeError):
            read = _reader_for(cls, bool(validate))
        if read is not None:
            obj = read(data)
            if obj is not _DOUBT:
                return obj  # validated by the reader when asked
    else:
        stream = None
        if len(data) > _FAST_READ_LIMIT and type(data) in (str, bytes):
            try:
                stream = _STREAM_BY_CLASS[cls]
            except (KeyError, TypeError):
                stream = _stream_for(cls)
        if stream is not None:
            streamed = _json_stream.read(data, stream, _scan, _scan_key)
            if streamed is not None and _text_agrees(data, streamed[1]):
                obj = streamed[0]
        else:
            try:
                fast = _STDLIB_BY_CLASS[cls]
            except (KeyError, TypeError):
                fast = _stdlib_for(cls)
            if fast is not None:
                obj = _stdlib_decode(data, fast)
    if obj is _DOUBT:
        text = _decode_text(data)
        shape = shape_of(cls)
        texts: dict[int, str] | None = {} if _reads_number_text(cls, shape) else None
        scan = LazyBreak(text)  # made only for a syntax error, and once
        try:
            tree = _exact_parse(text, texts, functools.partial(skipped_at, shape), scan)
        except WireError as error:
            raise _typed_before_syntax(
                text, error, shape, texts is not None, unknown, scan
            ) from None
        try:
            context = Context(unknown, float_texts=texts, record=False)
            obj = EXACT.compile(shape)(tree, context)
        except WireError as error:
            raise JsonLocator(text).place(error) from None
    if validate:
        _validate(obj)
    return obj


# ── writing ─────────────────────────────────────────────────────────────────

_WRITER = Unstructurer("map", finite_floats=True, int_keys_as_text=True, shared=True)
_encode_string: Callable[[str], str] = json.encoder.encode_basestring

# CPython (3.11-3.13) shares one table of attribute names among a class's instances
# up to 30 names; an instance with more gets a dict of its own, no faster than a dict.
_RECORD_FIELDS_MAX = 30


def _new_record_class() -> type[Record]:
    # orjson writes an instance of a class with ``__dataclass_fields__`` and without
    # ``__slots__`` of its own as the object of its ``__dict__``: its keys in the order
    # set, skipping names that begin with ``_``.
    return type("record", (Record,), {"__dataclass_fields__": {}, "__module__": __name__})


def _orjson_writes_records() -> bool:
    """orjson writes a record as the dict of its attributes, byte for byte; checked
    rather than trusted, as every other orjson behaviour the writer relies on."""
    if not _FAST_WRITE or sys.version_info < (3, 11):
        return False  # the gain is 3.11's specialised attribute stores, which 3.10 lacks
    items = {"zeta": 1, "alpha": [0.5, "x\n"], "mid": None, "inner": {"b": True, "a": 2}}
    try:
        record = _new_record_class()()
        for name, value in items.items():
            setattr(record, name, value)
        return all(
            _dumps(record, option=option) == _dumps(items, option=option)
            for option in (None, _INDENT_2)
        )
    except Exception:
        return False


def _record_class(wires: tuple[str, ...]) -> type[Record] | None:
    """A record class for a struct written with these keys, or None where a plain
    attribute cannot carry one of them."""
    import keyword  # generating a writer only: not loaded at start-up

    if len(wires) > _RECORD_FIELDS_MAX or not all(
        wire.isascii()
        and wire.isidentifier()
        and not wire.startswith("_")
        and not keyword.iskeyword(wire)
        for wire in wires
    ):
        return None
    return _new_record_class()


def _orjson_refuses() -> bool:
    """orjson raises TypeError for an integer outside i64..u64 and for a lone surrogate
    (in a value or a key), and writes the integers at either end of that range."""
    if not _FAST_WRITE:
        return False
    for refused in (2**64, -(2**63) - 1, "\ud800", ["a", "\udfff"], {"\udc80": 1}):
        try:
            _dumps(refused)
        except TypeError:
            continue
        except Exception:
            return False
        return False
    try:
        return bool(_dumps([2**64 - 1, -(2**63)]) == b"[18446744073709551615,-9223372036854775808]")
    except Exception:
        return False


_RECORDS = _orjson_writes_records()
_REFUSES = _orjson_refuses()
# The writer whose output only orjson reads: big structs as records, and the tests
# orjson makes itself left to it. When orjson refuses that output (TypeError), to_json
# writes with _WRITER, whose checks find the value at fault.
_ORJSON_WRITER = (
    Unstructurer(
        "map",
        finite_floats=True,
        int_keys_as_text=True,
        shared=True,
        record_class=_record_class if _RECORDS else None,
        consumer_refuses=_REFUSES,
    )
    if _RECORDS or _REFUSES
    else _WRITER
)


def _emit(
    value: Any, out: list[str], float_text: Callable[[float], str], indent: str | None, level: int
) -> None:
    kind = type(value)
    if kind is str or kind is CharText:
        out.append(_encode_string(value))
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(float_text(value))
    elif kind is Float32:
        out.append(f32_text(value, plus=float_text is serde_json_float))
    elif value is None:
        out.append("null")
    elif kind is dict or kind is list:
        empty, opener, closer = (not value), *(("{", "}") if kind is dict else ("[", "]"))
        if empty:
            out.append(opener + closer)
            return
        out.append(opener)
        inner = None if indent is None else "\n" + indent * (level + 1)
        items = value.items() if kind is dict else ((None, item) for item in value)
        first = True
        for key, item in items:
            if not first:
                out.append(",")
            first = False
            if inner is not None:
                out.append(inner)
            if key is not None:
                out.append(_encode_string(key))
                out.append(": " if indent is not None else ":")
            _emit(item, out, float_text, indent, level + 1)
        if indent is not None:
            out.append("\n" + indent * level)
        out.append(closer)
    else:
        raise make_error(ErrorCode.UNWRITABLE, f"cannot write {value!r} as JSON")


_WRITE_BY_CLASS: dict[type, Unstructure] = {}
_ORJSON_WRITE_BY_CLASS: dict[type, Unstructure] = {}


def _writer_for(kind: type) -> Unstructure:
    """The JSON writer's unstructure function for ``kind``, remembered per class."""
    fn = _WRITE_BY_CLASS[kind] = _WRITER.compile(shape_of(kind))
    return fn


def _orjson_writer_for(kind: type) -> Unstructure:
    """The unstructure function whose output orjson writes, remembered per class. A type
    with an f32 or a 128-bit integer takes _WRITER's: orjson refuses an f32 always and
    a wide integer often, and its refusal costs a second writer's run."""
    shape = shape_of(kind)
    writer = _WRITER if reads_number_text(shape) else _ORJSON_WRITER
    fn = _ORJSON_WRITE_BY_CLASS[kind] = writer.compile(shape)
    return fn


def _unstructure_for_json(obj: Any) -> Any:
    """What to_json writes ``obj`` from: for orjson (records for big structs), or, without
    orjson, for the stdlib writer."""
    if _FAST_WRITE:
        return (_ORJSON_WRITE_BY_CLASS.get(type(obj)) or _orjson_writer_for(type(obj)))(obj)
    return (_WRITE_BY_CLASS.get(type(obj)) or _writer_for(type(obj)))(obj)


def to_json(obj: Any, *, pretty: bool = False, float_format: FloatFormat = "serde_json") -> str:
    """``serde_json::to_string`` (or ``to_string_pretty``) of ``obj``, byte for byte.

    ``float_format="ryu"`` writes floats as serde_json <= 1.0.146 and serde_yaml did
    (``1e16`` rather than ``1e+16``). NaN and infinities are refused: serde_json
    would write ``null``, which no reader takes back as a number.
    """
    fast = None
    if _FAST_WRITE and float_format == "serde_json":
        fast = _ORJSON_WRITE_BY_CLASS.get(type(obj)) or _orjson_writer_for(type(obj))
        data = fast(obj)
        try:
            encoded = _dumps(data, option=_INDENT_2) if pretty else _dumps(data)
        except TypeError:  # an f32 (Float32) needs f32 digits, a wide integer its own,
            pass  # and what else orjson refuses meets the checks of the writer below
        else:
            text: str = encoded.decode()
            return text
    write = _WRITE_BY_CLASS.get(type(obj)) or _writer_for(type(obj))
    if write is not fast:  # a type with an f32 or a wide integer has one writer for both
        data = write(obj)
    out: list[str] = []
    _emit(data, out, FLOAT_WRITERS[float_format], "  " if pretty else None, 0)
    return "".join(out)


_ = byte_column
