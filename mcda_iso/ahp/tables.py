"""AHP tables and scales: methods, random indices, consistency thresholds, judgment scales."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

import numpy as np

from mcda_iso.errors import ComparisonError, MCDAError, shorten
from mcda_iso.judgments import MatrixLike, _fmt_ratio, _labels, _validated
from mcda_iso.scale import SAATY_VALUES

Method = Literal["eigenvector", "geometric_mean", "llsm"]

METHODS: tuple[str, ...] = ("eigenvector", "geometric_mean", "llsm")
"""Names accepted by ``priorities(method=...)``."""

AGGREGATION_METHODS: tuple[str, ...] = ("aij", "aip")
"""Names accepted by ``aggregate(method=...)``."""

RI_TABLES: Mapping[str, tuple[float, ...]] = MappingProxyType(
    {
        # Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill: n = 1..10.
        # Saaty's tables for n = 11..15 differ between publications (1.48 vs 1.54
        # at n = 12), so they are left out; beyond n = 10 the Alonso-Lamata fit is used.
        "saaty": (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49),
        # Alonso & Lamata (2006), IJUFKS 14(4) 445-459, simulated random index, n = 1..15.
        "alonso_lamata": (
            0.0,
            0.0,
            0.5245,
            0.8815,
            1.1086,
            1.2479,
            1.3417,
            1.4056,
            1.4499,
            1.4854,
            1.5141,
            1.5365,
            1.5551,
            1.5713,
            1.5838,
        ),
        # Tummala & Ling (1998), Theory and Decision 44(3) 221-230, n = 1..15
        # (the values pymcdm uses: pymcdm.weights.subjective.AHP.RI_M).
        "tummala_ling": (
            0.0,
            0.0,
            0.5799,
            0.8921,
            1.1159,
            1.2358,
            1.3322,
            1.3952,
            1.4537,
            1.4882,
            1.5117,
            1.5356,
            1.5571,
            1.5714,
            1.5831,
        ),
        # AHP-OS (Goepel 2018, IJAHP 10(3), eq. 5): no table, the Alonso-Lamata linear
        # fit RI(n) = (1.7699 n - 4.3513)/(n - 1) for every n >= 3, so that a CR computed
        # here can be checked against AHP-OS's.
        "ahp_os": (),
    }
)
"""Random consistency index by matrix size ``n`` (entry ``n - 1``), by source.

``"saaty"``
    Saaty (1980), *The Analytic Hierarchy Process*, n = 1..10:
    0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49.
``"alonso_lamata"``
    Alonso & Lamata (2006), *Int. J. Uncertainty, Fuzziness and Knowledge-Based
    Systems* 14(4), 445-459, n = 1..15.
``"tummala_ling"``
    Tummala & Ling (1998), *Theory and Decision* 44(3), 221-230, n = 1..15; the
    table ``pymcdm`` uses.
``"ahp_os"``
    AHP-OS (Goepel 2018, *IJAHP* 10(3), eq. 5): Alonso & Lamata's linear fit for every
    n >= 3, :math:`RI(n) = (1.7699 n - 4.3513)/(n - 1)` (0.4792 for n = 3, 1.6340 for
    n = 20), as the online tool computes its CR.

Beyond a table's last size :func:`random_index` uses Alonso & Lamata's linear fit.
"""

# Alonso & Lamata (2006): mean lambda_max of random reciprocal matrices,
# lambda_max_random(n) ~= 2.7699 n - 4.3513 (n >= 3).
_AL_SLOPE = 2.7699
_AL_INTERCEPT = -4.3513

SAATY_SCALE: tuple[float, ...] = SAATY_VALUES
"""Saaty's fundamental scale and its reciprocals: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9
(the one table, :data:`mcda_iso.scale.SAATY_VALUES`)."""


GCI_THRESHOLDS: Mapping[int, float] = MappingProxyType({3: 0.31, 4: 0.35})
"""Aguarón & Moreno-Jiménez (2003) GCI thresholds; 0.37 for n > 4."""


# --------------------------------------------------------------------------- tables


def random_index(n: int, table: str = "saaty") -> float:
    """Random consistency index RI for an ``n``-by-``n`` matrix.

    Parameters
    ----------
    n : int
        Matrix size (number of criteria), at least 1.
    table : {"saaty", "alonso_lamata", "tummala_ling", "ahp_os"}
        Which published table to read (see :data:`RI_TABLES`).

    Returns
    -------
    float
        The tabulated value; 0 for n = 1, 2 (such matrices are always consistent).
        Beyond the table's last size, Alonso & Lamata's (2006) fit
        :math:`\\bar\\lambda_{max}(n) = 2.7699 n - 4.3513` gives
        :math:`RI(n) = (\\bar\\lambda_{max}(n) - n)/(n - 1) = (1.7699 n - 4.3513)/(n - 1)`.

    Raises
    ------
    MCDAError
        If ``table`` is not a known table name or ``n`` is not a positive integer.

    References
    ----------
    Saaty (1980); Alonso & Lamata (2006); Tummala & Ling (1998).

    Examples
    --------
    >>> random_index(4)
    0.9
    >>> round(random_index(20), 4)  # beyond Saaty's table: Alonso-Lamata fit
    1.634
    >>> round(random_index(3, "ahp_os"), 4)  # AHP-OS: the fit for every n
    0.4792
    """
    values = _ri_table(table)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        msg = f"matrix size must be a positive integer (got {shorten(n)})"
        raise MCDAError(msg)
    n = int(n)
    if n <= 2:
        return 0.0
    if n <= len(values):
        return float(values[n - 1])
    return ((_AL_SLOPE - 1.0) * n + _AL_INTERCEPT) / (n - 1)


@functools.lru_cache(maxsize=256)
def _random_index(n: int, table: str) -> float:
    """:func:`random_index` of a valid size and table, looked up once per pair."""
    return random_index(n, table)


def _ri_table(table: str) -> tuple[float, ...]:
    try:
        return RI_TABLES[table]
    except (KeyError, TypeError):
        valid = ", ".join(repr(name) for name in RI_TABLES)
        msg = f"unknown random-index table {shorten(table)}; expected one of {valid}"
        raise MCDAError(msg) from None


def default_threshold(n: int) -> float:
    """Saaty's acceptable consistency ratio for an ``n``-by-``n`` matrix.

    0.05 for n = 3, 0.08 for n = 4 and 0.10 for n >= 5. Matrices with n <= 2 are
    always consistent (CR = 0); 0.10 is returned for them.

    References
    ----------
    Saaty, T. L. (1994). *Fundamentals of Decision Making and Priority Theory with the
    Analytic Hierarchy Process*. RWS Publications, Pittsburgh; the thresholds as quoted
    by Aguarón & Moreno-Jiménez (2003), EJOR 147(1), 137-145.

    Examples
    --------
    >>> default_threshold(3), default_threshold(4), default_threshold(7)
    (0.05, 0.08, 0.1)
    """
    if n == 3:
        return 0.05
    if n == 4:
        return 0.08
    return 0.10


def gci_threshold(n: int) -> float:
    """Aguarón & Moreno-Jiménez (2003) threshold for the geometric consistency index.

    0.31 for n = 3, 0.35 for n = 4 and 0.37 for n > 4 (they correspond to Saaty's CR
    thresholds of 5 %, 8 % and 10 %). For n <= 2 the GCI is always 0; 0.37 is returned.

    Examples
    --------
    >>> gci_threshold(3), gci_threshold(9)
    (0.31, 0.37)
    """
    return GCI_THRESHOLDS.get(n, 0.37)


# --------------------------------------------------------------------------- judgment scales

SCALES: tuple[str, ...] = ("saaty", "balanced", "geometric")
"""Judgment scales understood by :func:`convert_scale` and ``priorities(scale=...)``.

A judgment is given as a level :math:`x` on Saaty's 1-9 scale (or its reciprocal);
the scale says what ratio :math:`c(x)` the level means:

``"saaty"``
    :math:`c = x`: 1, 2, ..., 9 (Saaty 1980), the linear scale.
``"balanced"``
    :math:`c = w / (1 - w)` with :math:`w = 0.45 + 0.05 x`, i.e.
    :math:`c = (9 + x) / (11 - x)`: 1, 1.22, 1.5, 1.86, 2.33, 3, 4, 5.67, 9
    (Salo & Hämäläinen 1997): the weights two criteria can get from one judgment
    are evenly spread (0.5, 0.55, ..., 0.9), where Saaty's scale crowds them at the top.
``"geometric"``
    :math:`c = 2^{(x - 1)/2}`: 1, 1.41, 2, 2.83, 4, ..., 16 (Lootsma 1989:
    :math:`c = e^{\\gamma \\delta}` with :math:`\\delta = x - 1` gradations and scale
    parameter :math:`\\gamma = \\ln \\sqrt 2`): each level multiplies the ratio by the
    same factor, :math:`\\sqrt 2`. Sometimes called a power scale; not Harker &
    Vargas' (1987) :math:`c = x^2`, nor the long geometric scale :math:`2^{x-1}` (up
    to 256) of Goepel's AHP-OS.

References
----------
Salo, A. A., & Hämäläinen, R. P. (1997). On the measurement of preferences in the
analytic hierarchy process. *Journal of Multi-Criteria Decision Analysis* 6(6), 309-319.
Lootsma, F. A. (1989). Conflict resolution via pairwise comparison of concessions.
*European Journal of Operational Research* 40(1), 109-116.
"""


def _on_scale(x: np.ndarray, scale: str) -> np.ndarray:
    """The ratio that level ``x >= 1`` of Saaty's scale means on ``scale``."""
    if scale == "balanced":
        return (9.0 + x) / (11.0 - x)
    if scale == "geometric":
        return np.power(2.0, (x - 1.0) / 2.0)
    return x


def _scale_max(scale: str) -> float:
    """The largest judgment :math:`M` of ``scale`` (what level 9 means): 9, 9 or 16."""
    return float(_on_scale(np.float64(9.0), scale))


def _convert(arr: np.ndarray, names: tuple[str, ...] | None, scale: str) -> np.ndarray:
    """Convert a validated matrix (NaN = missing) judgment by judgment."""
    if scale not in SCALES:
        valid = ", ".join(repr(s) for s in SCALES)
        msg = f"unknown judgment scale {shorten(scale)}; expected one of {valid}"
        raise MCDAError(msg)
    n = arr.shape[0]
    iu = np.triu_indices(n, 1)
    upper = arr[iu]
    level = np.where(upper >= 1.0, upper, 1.0 / upper)  # NaN stays NaN
    beyond = np.flatnonzero(level > 9.0 * (1.0 + 1e-9))
    if beyond.size:
        k = int(beyond[0])
        labels = _labels(names, n)
        msg = (
            f"comparison of {shorten(labels[iu[0][k]])} vs {shorten(labels[iu[1][k]])} is "
            f"{_fmt_ratio(float(upper[k]))}, beyond Saaty's scale (1/9 .. 9), so it has no "
            f"value on the {scale} scale; only judgments between 1/9 and 9 can be converted"
        )
        raise ComparisonError(msg)
    ratio = _on_scale(level, scale)
    ratio = np.where(upper >= 1.0, ratio, 1.0 / ratio)
    out = np.ones_like(arr)
    out[iu] = ratio
    out[(iu[1], iu[0])] = 1.0 / ratio
    return out


def convert_scale(
    matrix: MatrixLike, to: str = "balanced", *, names: Sequence[str] | None = None
) -> np.ndarray:
    """Re-read a matrix stated on Saaty's 1-9 scale on another judgment scale.

    Each judgment :math:`a_{ij} \\ge 1` is a level :math:`x` of Saaty's scale and
    becomes :math:`c(x)` on scale ``to`` (see :data:`SCALES`); a judgment below 1 becomes
    :math:`1 / c(1 / a_{ij})`, so the result stays reciprocal.

    Judgments between the levels (2.5, or a group's geometric mean such as 3.27) are
    mapped by the same formula, which interpolates along the scale's curve: the
    conversion is continuous and increasing, and keeps 1 at 1 and 9 at the scale's top
    (9 or 16). Judgments beyond 9 (or below 1/9) are refused: they have no level.
    Missing judgments (NaN) stay missing.

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        A valid comparison matrix (see :func:`check_matrix`) on Saaty's scale.
    to : {"saaty", "balanced", "geometric"}
        The scale to convert to (``"saaty"`` returns a validated copy).
    names : sequence of str, optional
        Criterion names for messages.

    Returns
    -------
    numpy.ndarray
        The converted reciprocal matrix.

    Raises
    ------
    ComparisonError
        If the matrix is invalid, or a judgment lies beyond 1/9 .. 9 (named).
    MCDAError
        If ``to`` is not a known scale.

    References
    ----------
    Salo & Hämäläinen (1997); Lootsma (1989); see :data:`SCALES`.

    Examples
    --------
    >>> convert_scale([[1, 3, 9], [1/3, 1, 5], [1/9, 1/5, 1]], to="balanced").round(3).tolist()
    [[1.0, 1.5, 9.0], [0.667, 1.0, 2.333], [0.111, 0.429, 1.0]]
    >>> convert_scale([[1, 5], [1/5, 1]], to="geometric").tolist()
    [[1.0, 4.0], [0.25, 1.0]]
    """
    arr, resolved = _validated(matrix, names, strict_scale=False, allow_missing=True, tol=1e-6)
    if to == "saaty":
        return arr
    return _convert(arr, resolved, to)
