"""One module per text format, each a thin layer over the shared converter."""

from __future__ import annotations

from .._errors import ErrorCode
from ..serde.wording import make_error


def check_size(data: str | bytes, max_size: int | None) -> None:
    """``max_size`` for a reader: refuse, before parsing, a document longer than that.

    It counts what it is given: bytes for ``bytes``, characters for ``str`` (a
    character may take up to four bytes of UTF-8), and the message says which.
    """
    if max_size is not None and len(data) > max_size:
        unit = "characters" if isinstance(data, str) else "bytes"
        raise make_error(
            ErrorCode.LIMIT, f"document of {len(data)} {unit} exceeds max_size={max_size}"
        )
