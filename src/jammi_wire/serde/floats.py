"""Float text as serde's writers produce it.

Python's ``repr`` already gives the shortest digits that read back exactly, the same
digits Rust's writers choose; only the notation differs. Both Rust forms use fixed
notation for 1e-5 <= |v| < 1e16 and ``d.ddde-X`` otherwise: serde_json >= 1.0.147
writes positive exponents as ``e+16``, ryu (older serde_json, serde_yaml) as ``e16``.
``repr`` switches to exponent form below 1e-4, so the decade [1e-5, 1e-4) needs
rewriting, and it zero-pads negative exponents (``1e-06``).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from typing import Literal

from .data import Bail

_F32_STRUCT = struct.Struct("<f")

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
    from decimal import Decimal  # messages only: not loaded at start-up

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


# ── f32 ─────────────────────────────────────────────────────────────────────

_F32_MAX = 3.4028234663852886e38
# Values at or beyond this round to infinity as f32 (halfway to the next power).
_F32_OVERFLOW = 3.4028235677973366e38


def to_f32(value: float) -> float:
    """``value as f32``: the nearest f32 (ties to even), infinity past its range."""
    if value != value or value in (math.inf, -math.inf):
        return value
    if abs(value) >= _F32_OVERFLOW:
        return math.copysign(math.inf, value)
    result: float = _F32_STRUCT.unpack(_F32_STRUCT.pack(value))[0]
    return result


def _f32_candidates(value: float, precision: int) -> tuple[list[int], int]:
    """The decimals of ``precision`` digits around ``value`` (nearest first), exponent."""
    mantissa, _, exponent = f"{value:.{precision - 1}e}".partition("e")
    nearest = int(mantissa.replace(".", "").lstrip("-"))
    return [nearest, nearest - 1, nearest + 1], int(exponent) - (precision - 1)


def _f32_reads_back(value: float, precision: int) -> bool:
    candidates, exp = _f32_candidates(value, precision)
    target = abs(value)
    return any(
        c > 0 and len(str(c)) <= precision and to_f32(float(f"{c}e{exp}")) == target
        for c in candidates
    )


def _f32_digits(value: float) -> tuple[str, int]:
    """The shortest decimal digits and exponent that read back as this f32 (ryu's
    choice: the fewest digits, then the nearest to the value)."""
    # Reading back is monotone in the digit count (a decimal that reads back still does
    # with a zero appended), so the fewest digits are found by bisection.
    low, high = 1, 9
    while low < high:
        middle = (low + high) // 2
        if _f32_reads_back(value, middle):
            high = middle
        else:
            low = middle + 1
    (nearest, lower, upper), exp = _f32_candidates(value, low)
    target = abs(value)

    def reads_back(candidate: int) -> bool:
        text = f"{candidate}e{exp}"
        return candidate > 0 and len(str(candidate)) <= low and to_f32(float(text)) == target

    if reads_back(nearest):  # the nearest decimal of this length: none can be nearer
        chosen = nearest
    else:
        options = [c for c in (lower, upper) if reads_back(c)]
        if not options:  # pragma: no cover - nine digits always read back
            raise AssertionError(f"no f32 digits for {value!r}")
        from fractions import Fraction  # a tie of lengths only: not loaded at start-up

        chosen = min(
            options, key=lambda c: abs(Fraction(c) * Fraction(10) ** exp - Fraction(target))
        )
    digits = str(chosen)
    stripped = digits.rstrip("0")
    return stripped, exp + (len(digits) - len(stripped))


def f32_text(value: float, *, plus: bool) -> str:
    """ryu's text for a finite f32 (serde_json and serde_yaml write f32 with it);
    ``plus`` writes positive exponents as ``e+X`` as serde_json >= 1.0.147 does."""
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign = "-" if value < 0 else ""
    digits, exp = _f32_digits(value)
    length = len(digits)
    kk = length + exp  # 10^(kk-1) <= |value| < 10^kk
    if exp >= 0 and kk <= 13:
        return f"{sign}{digits}{'0' * exp}.0"
    if 0 < kk <= 13:
        return f"{sign}{digits[:kk]}.{digits[kk:]}"
    if -6 < kk <= 0:
        return f"{sign}0.{'0' * -kk}{digits}"
    e = kk - 1
    exponent = f"e{'+' if plus and e > 0 else ''}{e}"
    if length == 1:
        return f"{sign}{digits}{exponent}"
    return f"{sign}{digits[0]}.{digits[1:]}{exponent}"


def f32_from_text(text: str) -> float:
    """The f32 nearest to the decimal ``text`` (ties to even), as serde_json parses an
    f32 straight from its text; infinity when it is beyond f32's range.

    Going through f64 first can land exactly on an f32 halfway point and round the
    other way (``1.0000000596046448`` is f32 ``1.0000001``, not ``1.0``).
    """
    from fractions import Fraction  # f32 fields only: not loaded at start-up

    exact = Fraction(text)
    guess = to_f32(float(text))
    if exact == 0:
        return guess  # keeps the sign of -0.0
    if guess - guess != 0.0:
        limit = Fraction(2**128 - 2**103)  # halfway to 2**128: ties to even go up
        return guess if abs(exact) >= limit else math.copysign(_F32_MAX, guess)
    best = guess
    for candidate in (_f32_step(guess, -1), _f32_step(guess, 1)):
        if candidate - candidate != 0.0:
            continue
        here = abs(Fraction(candidate) - exact)
        there = abs(Fraction(best) - exact)
        if here < there or (here == there and _f32_bits(candidate) % 2 == 0):
            best = candidate
    return best


def _f32_bits(value: float) -> int:
    bits: int = struct.unpack("<I", _F32_STRUCT.pack(value))[0]
    return bits


def _f32_step(value: float, direction: int) -> float:
    """The next f32 up (``direction`` 1) or down (-1) from an f32."""
    if value == 0.0:
        tiny: float = _F32_STRUCT.unpack(struct.pack("<I", 1))[0]
        return tiny * direction
    bits = _f32_bits(value)
    bits += direction if value > 0 else -direction
    result: float = _F32_STRUCT.unpack(struct.pack("<I", bits & 0xFFFFFFFF))[0]
    return result


_F32 = struct.Struct("<f")
_F32_MIN_NORMAL = 1.1754943508222875e-38
# 2**25: the significand frexp gives (0.5 <= |m| < 1) times this is an odd integer
# exactly when the 29 bits below f32's 24-bit precision are 1 and 28 zeros (a half).
_HALF_F32_ULP = 33554432.0


def f32_of_f64(
    number: float,
    pack: Callable[[float], bytes] = _F32.pack,
    unpack: Callable[[bytes], tuple[float]] = _F32.unpack,
    frexp: Callable[[float], tuple[float, int]] = math.frexp,
) -> float:
    """The f32 a parsed f64 stands for, where that does not depend on the text.

    serde_json rounds an f32 field's text straight to f32; serde's Content buffer
    (tagged enums) rounds the text to f64 and then to f32. The two agree unless the f64
    lies exactly halfway between two f32 values (or among f32 subnormals): those, and
    values past f32's range, bail to the exact path, which has the text. (``to_f32``
    without its checks, which a struct packing does itself: it is called per f32 field.)
    """
    try:
        (rounded,) = unpack(pack(number))  # nearest, ties to even, as ``value as f32``
    except OverflowError:  # rounds past f32's range
        raise Bail from None
    if rounded == number:
        return rounded
    if rounded - rounded != 0.0 or -_F32_MIN_NORMAL < number < _F32_MIN_NORMAL:
        raise Bail
    if frexp(number)[0] * _HALF_F32_ULP % 2.0 == 1.0:  # exactly halfway between two
        raise Bail
    return rounded
