"""The library's exceptions and warnings.

Every error raised for bad input is a :class:`WireError`, so callers can catch one
type; it is a :class:`ValueError` because bad input is a bad value.
"""

from __future__ import annotations

import enum
import sys
import warnings
from collections.abc import Iterable
from typing import Any

PathElement = str | int


class ErrorCode(enum.Enum):
    """What went wrong, as serde's error constructors and serde_json's codes name it.

    ``WireError.params`` holds the constructor's arguments; the text is produced from
    code and params in one place (``jammi_wire.serde.wording.render``).
    """

    #: ``invalid type: {unexpected}, expected {expected}`` (params: unexpected, expected)
    INVALID_TYPE = "invalid_type"
    #: ``invalid value: {unexpected}, expected {expected}`` (params: unexpected, expected)
    INVALID_VALUE = "invalid_value"
    #: ``invalid length {length}, expected {expected}`` (params: length, expected)
    INVALID_LENGTH = "invalid_length"
    #: ``unknown variant `{name}`, expected ...`` (params: name, expected names)
    UNKNOWN_VARIANT = "unknown_variant"
    #: ``unknown field `{name}`, expected ...`` (params: name, expected names)
    UNKNOWN_FIELD = "unknown_field"
    #: ``missing field `{name}``` (params: name)
    MISSING_FIELD = "missing_field"
    #: ``duplicate field `{name}``` (params: name)
    DUPLICATE_FIELD = "duplicate_field"
    #: any other message, e.g. a ``deserialize_with`` refusal (params: message)
    CUSTOM = "custom"
    #: the format's parser refused the text (params: message)
    SYNTAX = "syntax"
    #: serde_json: no value where one must start (``expected value``)
    EXPECTED_VALUE = "expected_value"
    #: serde_json: input left over after a value (``trailing characters``)
    TRAILING_CHARACTERS = "trailing_characters"
    #: a number beyond its type's range as text (``number out of range``)
    NUMBER_OUT_OF_RANGE = "number_out_of_range"
    #: a ``\u`` escape holding half a surrogate pair (params: message)
    LONE_SURROGATE = "lone_surrogate"
    #: nesting or alias expansion past the reader's limit (params: message)
    LIMIT = "limit"
    #: a rule of ``validate()`` (params: message)
    VALIDATION = "validation"
    #: a value that cannot be written (params: message)
    UNWRITABLE = "unwritable"

    @property
    def category(self) -> str:
        """serde_json's ``Category``: ``syntax`` for the text, ``data`` for the types."""
        if self in _SYNTAX_CODES:
            return "syntax"
        if self in (ErrorCode.VALIDATION, ErrorCode.UNWRITABLE):
            return "value"
        return "data"


_SYNTAX_CODES = frozenset(
    (
        ErrorCode.SYNTAX,
        ErrorCode.EXPECTED_VALUE,
        ErrorCode.TRAILING_CHARACTERS,
        ErrorCode.NUMBER_OUT_OF_RANGE,
        ErrorCode.LONE_SURROGATE,
        ErrorCode.LIMIT,
    )
)


def render_path(path: Iterable[PathElement]) -> str:
    """Render a field path the way serde_yaml does: ``hard_negatives.k``, ``target_modules[1]``."""
    path = tuple(path)
    out: list[str] = []
    if path and isinstance(path[0], int):
        out.append(".")  # serde_yaml writes the root of a sequence index as `.`: `.[0]`
    for element in path:
        if isinstance(element, int):
            out.append(f"[{element}]")
        elif out:
            out.append(f".{element}")
        else:
            out.append(element)
    return "".join(out)


class WireError(ValueError):
    """Input that serde would reject, or a value that cannot be written.

    ``code`` says what went wrong and ``params`` holds its arguments (see
    :class:`ErrorCode`); ``message`` is serde's wording of them, without position;
    ``path`` names the field (outermost first); ``line`` and ``column`` are 1-based
    where the text format knows them; ``detail`` is what the parser adds after the
    position (libyaml's ``, while parsing a block mapping at line 3 column 1``).
    """

    code: ErrorCode
    params: tuple[Any, ...]
    message: str
    path: tuple[PathElement, ...]
    line: int | None
    column: int | None
    detail: str
    # Hints from structuring for a format's locator, which places the error in the text:
    # the (name, occurrence) of the key it belongs at, and which occurrence of a repeated
    # key failed per path element (keyed by how many elements follow it).
    key: tuple[str, int] | None = None
    occurrences: dict[int, int] | None = None
    # Raised while reading serde's Content buffer (internally tagged and untagged enums),
    # which keeps no positions: serde_json places such an error where the enclosing
    # value ends, serde_yaml not at all.
    buffered: bool = False
    # How many leading elements of ``path`` the text names (None: all). serde_yaml names
    # a deserialize_with refusal (Error::custom) by its container, not by its field:
    # the text leaves the rest out, though ``path`` still names the field.
    shown_path: int | None = None
    # How many elements of ``path`` lie inside that buffer: when they are all of it, the
    # enum is the document itself and serde reports the error with no place at all.
    buffered_depth: int = 0
    # serde_json's deserialize_any entered the sequence or map it then refused (an
    # untagged variant form): the position is past the bracket, where end_seq stopped.
    entered: bool = False
    # Read from an adjacently tagged enum's buffered content inside the enum's own map:
    # (tag, which occurrence of it, how many path elements lie below the enum). serde_json
    # places it where that map stopped reading, just past the tag's value.
    after_key: tuple[str, int, int] | None = None
    # Where in the failing value's text (in its key's, counting the opening quote, when
    # ``key`` is set) the format reports the error: serde_json reads 128-bit integers
    # and integer map keys from the text itself and stops inside them.
    offset: int | None = None
    # The reader stopped inside the value, after its leading integer (serde_json's
    # deserialize_i128 on `1.5`): the error is what the enclosing container says of the
    # byte at ``offset``. "next" until a container says more: "last element" (a
    # fixed-length sequence reads nothing after it) or "variant" (a newtype variant's
    # content, followed by its enum's `}`).
    stopped_inside: str | None = None

    @property
    def from_top_level_buffer(self) -> bool:
        """Raised from serde's Content buffer of the document's own (top-level) enum."""
        return self.buffered and len(self.path) == self.buffered_depth

    def __init__(
        self,
        message: str,
        path: Iterable[PathElement] = (),
        line: int | None = None,
        column: int | None = None,
        detail: str = "",
        *,
        code: ErrorCode = ErrorCode.CUSTOM,
        params: tuple[Any, ...] | None = None,
    ) -> None:
        self.code = code
        self.params = (message,) if params is None else params
        self.message = message
        self.path = tuple(path)
        self.line = line
        self.column = column
        self.detail = detail
        super().__init__(message)

    def __str__(self) -> str:
        text = self.message
        path = self.path if self.shown_path is None else self.path[: self.shown_path]
        if path:
            text = f"{render_path(path)}: {text}"
        if self.line is not None and self.column is not None:
            text = f"{text} at line {self.line} column {self.column}"
        return text + self.detail

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (
                type(self),
                self.message,
                self.path,
                self.line,
                self.column,
                self.detail,
                self.code,
                self.params,
            ),
        )

    def within(self, *outer: PathElement) -> WireError:
        """Prefix the path with the enclosing field(s) as the error travels outwards."""
        self.path = (*outer, *self.path)
        return self

    def at(self, line: int | None, column: int | None) -> WireError:
        """Attach a position once the format has located the path in its text."""
        if self.line is None:
            self.line, self.column = line, column
        return self


def _rebuild(
    cls: type[WireError],
    message: str,
    path: tuple[PathElement, ...],
    line: int | None,
    column: int | None,
    detail: str,
    code: ErrorCode,
    params: tuple[Any, ...],
) -> WireError:
    return cls(message, path, line, column, detail, code=code, params=params)


class DocumentError(WireError):
    """A problem of the whole document (a syntax error, a reader limit), not of a field.

    The reader places it (or, like serde_yaml, does not): no field path is added as it
    travels out, and no position is looked up for it.
    """

    def within(self, *outer: PathElement) -> WireError:
        return self

    def at(self, line: int | None, column: int | None) -> WireError:
        return self


class FineTuneError(WireError):
    """A config that decodes but breaks a rule of ``validate()``, or an unknown method name.

    ``str()`` is exactly the message Rust's ``JammiError::FineTune`` carries.
    """

    def __init__(
        self,
        message: str,
        path: Iterable[PathElement] = (),
        line: int | None = None,
        column: int | None = None,
        detail: str = "",
        *,
        code: ErrorCode = ErrorCode.VALIDATION,
        params: tuple[Any, ...] | None = None,
    ) -> None:
        super().__init__(message, path, line, column, detail, code=code, params=params)

    def __str__(self) -> str:
        return self.message


class UnknownFieldWarning(UserWarning):
    """A field serde would silently ignore; usually a typo."""


# The "already shown" registry for unknown-field warnings. ``warnings.warn`` keeps one
# entry per distinct message in the calling module's ``__warningregistry__`` for ever,
# and every unknown key makes a distinct message: a service reading untrusted documents
# would grow it without bound. This one is ours and is emptied when it fills up (a
# message then shows again, which is the only cost).
_SHOWN: dict[str | tuple[str, type[Warning], int], int] = {}
_SHOWN_LIMIT = 1000


def warn_unknown_field(message: str, stacklevel: int = 1) -> None:
    """``warnings.warn(message, UnknownFieldWarning, stacklevel)``, bounded in memory."""
    frame = sys._getframe(stacklevel)  # 1: whoever called us, as in warnings.warn()
    if len(_SHOWN) > _SHOWN_LIMIT:
        _SHOWN.clear()
    warnings.warn_explicit(
        message,
        UnknownFieldWarning,
        frame.f_code.co_filename,
        frame.f_lineno,
        module=frame.f_globals.get("__name__"),
        registry=_SHOWN,
    )
