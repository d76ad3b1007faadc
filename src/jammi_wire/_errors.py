"""The library's exceptions and warnings.

Every error raised for bad input is a :class:`WireError`, so callers can catch one
type; it is a :class:`ValueError` because bad input is a bad value.
"""

from __future__ import annotations

from collections.abc import Iterable

PathElement = str | int


def render_path(path: Iterable[PathElement]) -> str:
    """Render a field path the way serde_yaml does: ``hard_negatives.k``, ``target_modules[1]``."""
    out: list[str] = []
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

    ``message`` is serde's wording without position; ``path`` names the field
    (outermost first); ``line`` and ``column`` are 1-based where the text format
    knows them; ``detail`` is what the parser adds after the position (libyaml's
    ``, while parsing a block mapping at line 3 column 1``).
    """

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

    def __init__(
        self,
        message: str,
        path: Iterable[PathElement] = (),
        line: int | None = None,
        column: int | None = None,
        detail: str = "",
    ) -> None:
        self.message = message
        self.path = tuple(path)
        self.line = line
        self.column = column
        self.detail = detail
        super().__init__(message)

    def __str__(self) -> str:
        text = self.message
        if self.path:
            text = f"{render_path(self.path)}: {text}"
        if self.line is not None and self.column is not None:
            text = f"{text} at line {self.line} column {self.column}"
        return text + self.detail

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.path, self.line, self.column, self.detail))

    def within(self, *outer: PathElement) -> WireError:
        """Prefix the path with the enclosing field(s) as the error travels outwards."""
        self.path = (*outer, *self.path)
        return self

    def at(self, line: int | None, column: int | None) -> WireError:
        """Attach a position once the format has located the path in its text."""
        if self.line is None:
            self.line, self.column = line, column
        return self


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

    def __str__(self) -> str:
        return self.message


class UnknownFieldWarning(UserWarning):
    """A field serde would silently ignore; usually a typo."""
