"""Judgment scales: how a pairwise judgment is written and what number it means.

Saaty's fundamental scale (Saaty 1980): 1 equal importance, 3 moderate,
5 strong, 7 very strong, 9 extreme importance of one element over the
other; 2, 4, 6, 8 are intermediate values, and the reciprocals 1/2 .. 1/9
express the opposite preference.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np

from mcda_iso.errors import ComparisonError, shorten

__all__ = [
    "SAATY_VALUES",
    "SAATY_WORDS",
    "format_judgment",
    "parse_decimal",
    "parse_judgment",
    "round_judgment",
]

#: Saaty's scale and its reciprocals, ascending: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9.
SAATY_VALUES: tuple[float, ...] = tuple(
    [1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)

#: The meaning of the odd values on Saaty's scale, in words.
SAATY_WORDS: dict[int, str] = {
    1: "equal importance",
    3: "moderate importance of one over the other",
    5: "strong importance",
    7: "very strong (demonstrated) importance",
    9: "extreme importance",
}

_FRACTION = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:/\s*([0-9]+(?:[.,][0-9]+)?))?\s*$")

# A number typed with a decimal comma or point: sign, digits, one separator, digits.
_DECIMAL = re.compile(r"^\s*([+-]?)([0-9]*)(?:([.,])([0-9]+))?\s*$")


def parse_decimal(text: str) -> float:
    """A number typed as text, with a decimal point or a decimal comma.

    ``"0,5"`` and ``"2,25"`` are read as 0.5 and 2.25 (the decimal comma of
    German, French, Spanish, Italian and many other locales). A comma followed
    by exactly three digits after a non-zero whole part (``"1,500"``) is
    refused: it is a thousands separator in English and a decimal comma
    elsewhere, so it may mean 1500 or 1.5; the message advises ``1500`` or
    ``1,5``, which every locale reads one way (a German spreadsheet reads ``1,5``
    typed into a number cell as a number; an English one keeps it as the text read
    here). Thousands separators are never read.

    Parameters
    ----------
    text : str
        The text of a cell, e.g. ``"0,5"``, ``"-2.75"``, ``"12"``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the text is not a number written that way; the message says why
        (and, for ``"1,500"``, what the two readings are and what to type).

    Examples
    --------
    >>> parse_decimal("0,5"), parse_decimal("2,25"), parse_decimal(" -3.5 "), parse_decimal("0,500")
    (0.5, 2.25, -3.5, 0.5)
    >>> parse_decimal("1,500")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: '1,500' is ambiguous: 1500 with a thousands separator, or 1.5 with a decimal ...
    """
    match = _DECIMAL.match(text)
    if not match or not (match.group(2) or match.group(4)):
        raise ValueError(f"{shorten(text)} is not a number")
    sign, whole, separator, fraction = match.groups()
    if separator == "," and len(fraction) == 3 and whole.lstrip("0"):
        thousands = f"{sign}{whole}{fraction}"
        decimal = f"{sign}{whole}.{fraction}".rstrip("0").rstrip(".")
        typed, comma = shorten(text.strip()), decimal.replace(".", ",")
        raise ValueError(
            f"{typed} is ambiguous: {thousands} with a thousands separator, or {decimal} with "
            f"a decimal comma; type {thousands} or {comma}"
        )
    return float(f"{sign}{whole or '0'}.{fraction or '0'}")


def parse_judgment(value: object) -> float:
    """Turn a judgment written as a number or as fraction text into a float.

    Parameters
    ----------
    value : int, float or str
        ``3``, ``0.25``, ``"3"``, ``"1/3"``, ``" 1 / 5 "``, or with a decimal
        comma ``"0,5"`` (see :func:`parse_decimal`; ``"1,500"`` is refused as
        ambiguous).

    Returns
    -------
    float

    Raises
    ------
    ComparisonError
        If the value is not a number or a ``"a/b"`` fraction, or is not positive and finite.

    Examples
    --------
    >>> parse_judgment("1/4")
    0.25
    >>> parse_judgment(7)
    7.0
    >>> parse_judgment("0,5"), parse_judgment("1/2,5")
    (0.5, 0.4)
    """
    if isinstance(value, bool):
        raise ComparisonError(
            f"a judgment must be a number such as 3 or 1/3 (got {shorten(value)})"
        )
    if isinstance(value, int | float | np.integer | np.floating):
        try:
            number = float(value)
        except OverflowError:  # an int beyond the float range, e.g. 10**400
            number = math.inf
    elif isinstance(value, str):
        match = _FRACTION.match(value)
        if not match:
            raise ComparisonError(
                f"a judgment must be a number such as 3 or 1/3 (got {shorten(value)})"
            )
        try:
            num, den = (None if g is None else parse_decimal(g) for g in match.groups())
        except ValueError as exc:
            raise ComparisonError(f"a judgment must be a number such as 3 or 1/3: {exc}") from None
        assert num is not None
        if den is not None and den == 0:
            raise ComparisonError(f"a judgment cannot divide by zero (got {shorten(value)})")
        number = num / den if den is not None else num
    else:
        raise ComparisonError(
            f"a judgment must be a number such as 3 or 1/3 (got {shorten(value)})"
        )
    if math.isinf(number):
        raise ComparisonError(
            f"a judgment must be a finite number, at most about 1.8e308 (got {shorten(value)})"
        )
    if not math.isfinite(number) or number <= 0:
        raise ComparisonError(f"a judgment must be a positive number (got {shorten(value)})")
    return number


def format_judgment(value: float) -> str:
    """Write a judgment the way people type it: ``3``, ``1/3``, or ``2.5``.

    Examples
    --------
    >>> format_judgment(1 / 3), format_judgment(5.0), format_judgment(2.5)
    ('1/3', '5', '2.5')
    """
    if value >= 1:
        return f"{value:g}" if not float(value).is_integer() else str(int(value))
    inverse = 1 / value
    if abs(inverse - round(inverse)) < 1e-9:
        return f"1/{round(inverse)}"
    frac = Fraction(value).limit_denominator(100)
    if abs(float(frac) - value) < 1e-9:
        return f"{frac.numerator}/{frac.denominator}"
    return f"{value:.6g}"


def round_judgment(value: float, digits: int = 3, missing: str = "?") -> str:
    """Write a judgment for reading, rounded: ``3``, ``1/3``, or ``2.88``.

    Unlike :func:`format_judgment` (exact, for workbooks, where the text must
    read back as the same number), a value that is neither a whole number nor
    the reciprocal of one is rounded to ``digits`` significant digits, so that
    computed judgments (a group's geometric mean, a completed missing one) stay
    short in a figure or a table.

    Parameters
    ----------
    value : float
        A positive judgment, or NaN for one that is missing.
    digits : int
        Significant digits of a value that is not ``n`` or ``1/n``.
    missing : str
        The text of a missing (not finite) judgment.

    Returns
    -------
    str

    Examples
    --------
    >>> round_judgment(3.0), round_judgment(1 / 3), round_judgment(2.8845), round_judgment(0.4)
    ('3', '1/3', '2.88', '0.4')
    >>> round_judgment(2.8845, digits=2), round_judgment(float("nan"), missing="(missing)")
    ('2.9', '(missing)')
    """
    if not math.isfinite(value):
        return missing
    if value >= 1:
        return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.{digits}g}"
    inverse = 1 / value
    return f"1/{inverse:.0f}" if abs(inverse - round(inverse)) < 1e-9 else f"{value:.{digits}g}"
