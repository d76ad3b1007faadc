"""Float text as serde's writers produce it.

Python's ``repr`` already gives the shortest digits that read back exactly, the same
digits Rust's writers choose; only the notation differs. Both Rust forms use fixed
notation for 1e-5 <= |v| < 1e16 and ``d.ddde-X`` otherwise: serde_json >= 1.0.147
writes positive exponents as ``e+16``, ryu (older serde_json, serde_yaml) as ``e16``.
``repr`` switches to exponent form below 1e-4, so the decade [1e-5, 1e-4) needs
rewriting, and it zero-pads negative exponents (``1e-06``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

FloatFormat = Literal["serde_json", "ryu"]


def _rewrite_exponent(text: str, plus: bool) -> str:
    mantissa, _, exponent_text = text.partition("e")
    exponent = int(exponent_text)
    if exponent == -5:
        negative = mantissa.startswith("-")
        digits = mantissa.lstrip("-").replace(".", "")
        return ("-" if negative else "") + "0.0000" + digits
    if exponent > 0:
        return f"{mantissa}e{'+' if plus else ''}{exponent}"
    return f"{mantissa}e{exponent}"


def serde_json_float(value: float) -> str:
    """serde_json 1.0.149 text for a finite float."""
    text = repr(value)
    return _rewrite_exponent(text, True) if "e" in text else text


def ryu_float(value: float) -> str:
    """ryu's text for a finite float (serde_json <= 1.0.146, serde_yaml)."""
    text = repr(value)
    return _rewrite_exponent(text, False) if "e" in text else text


FLOAT_WRITERS = {"serde_json": serde_json_float, "ryu": ryu_float}


def rust_display_f64(value: float) -> str:
    """Rust's ``{}`` (Display) of an f64, as ``format!`` puts it in a message.

    The shortest digits that read back exactly, in plain decimal notation whatever the
    magnitude (``1e20`` -> ``100000000000000000000``, ``1e-7`` -> ``0.0000001``), with no
    fractional part for integral values (``1.0`` -> ``1``, ``-0.0`` -> ``-0``), and
    ``NaN`` / ``inf`` / ``-inf``.
    """
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def int_to_f64(value: int) -> float | None:
    """An integer where an f64 is wanted: the nearest f64, as serde widens it.

    None when the integer is beyond f64's range: serde_json calls such a number "number
    out of range", and Python's ``float()`` would raise ``OverflowError``. The one place
    this rule lives; the structure functions, the generated fast path and the
    constructor checks all call it.
    """
    try:
        return float(value)
    except OverflowError:
        return None
