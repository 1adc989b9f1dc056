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

__all__ = ["SAATY_VALUES", "SAATY_WORDS", "format_judgment", "parse_judgment", "round_judgment"]

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

_FRACTION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:/\s*([0-9]+(?:\.[0-9]+)?))?\s*$")


def parse_judgment(value: object) -> float:
    """Turn a judgment written as a number or as fraction text into a float.

    Parameters
    ----------
    value : int, float or str
        ``3``, ``0.25``, ``"3"``, ``"1/3"``, ``" 1 / 5 "``.

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
        num, den = match.groups()
        if den is not None and float(den) == 0:
            raise ComparisonError(f"a judgment cannot divide by zero (got {shorten(value)})")
        number = float(num) / float(den) if den is not None else float(num)
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
