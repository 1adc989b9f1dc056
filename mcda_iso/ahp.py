"""Pairwise-comparison matrices: priorities, consistency, diagnosis and aggregation.

The Analytic Hierarchy Process (AHP) turns judgments of the form "criterion *i*
is :math:`a_{ij}` times as important as criterion *j*" into priority weights.
This module holds the maths only: validation of a comparison matrix
(:func:`check_matrix`), priorities and consistency (:func:`priorities`),
the judgments to revisit first (:func:`most_inconsistent`), completion of
matrices with missing judgments (:func:`complete`) and group decisions
(:func:`aggregate`). It does no I/O, prints nothing and emits no warnings:
a consistency ratio above its threshold is reported in the result
(:attr:`Priorities.consistent`) for callers to act on.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
.. [2] Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
   *European Journal of Operational Research* 48(1), 9-26.
.. [3] Crawford, G., & Williams, C. (1985). A note on the analysis of subjective
   judgment matrices. *Journal of Mathematical Psychology* 29(4), 387-405.
.. [4] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index:
   approximated thresholds. *European Journal of Operational Research* 147(1), 137-145.
.. [5] Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy
   process: a new approach. *International Journal of Uncertainty, Fuzziness and
   Knowledge-Based Systems* 14(4), 445-459.
.. [6] Tummala, V. M. R., & Ling, H. (1998). A note on the computation of the mean random
   consistency index of the analytic hierarchy process (AHP). *Theory and Decision*
   44(3), 221-230.
.. [7] Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic hierarchy
   process. *Mathematical Modelling* 9(11), 837-848.
.. [8] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of incomplete
   pairwise comparison matrices. *Mathematical and Computer Modelling* 52(1-2), 318-333.
.. [9] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and priorities
   with the analytic hierarchy process. *European Journal of Operational Research*
   108(1), 165-169.
.. [10] Goepel, K. D. (2018). Implementation of an online software tool for the analytic
   hierarchy process (AHP-OS). *International Journal of the Analytic Hierarchy Process*
   10(3), 469-487.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from mcda_iso.errors import ComparisonError, MCDAError, MethodError, ProblemError, shorten
from mcda_iso.scale import SAATY_VALUES, round_judgment

__all__ = [
    "AGGREGATION_METHODS",
    "GCI_THRESHOLDS",
    "METHODS",
    "RI_TABLES",
    "SAATY_SCALE",
    "SCALES",
    "GroupPriorities",
    "Judgment",
    "Priorities",
    "aggregate",
    "check_matrix",
    "complete",
    "consensus",
    "convert_scale",
    "default_threshold",
    "gci_threshold",
    "most_inconsistent",
    "priorities",
    "random_index",
]

Method = Literal["eigenvector", "geometric_mean", "llsm"]
MatrixLike = Any  # list of lists, numpy array or pandas DataFrame

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

_SAATY_ARRAY = np.array(SAATY_SCALE)

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


# --------------------------------------------------------------------------- results


def _frozen_array(values: Any, dtype: Any = float) -> np.ndarray:
    arr = np.array(values, dtype=dtype, copy=True)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class Priorities:
    """Priorities of one comparison matrix and its consistency.

    Attributes
    ----------
    weights : numpy.ndarray
        Read-only priority vector; positive, sums to 1.
    lambda_max : float
        Principal (Perron) eigenvalue of :attr:`matrix`, whatever the method.
    ci : float
        Consistency index :math:`(\\lambda_{max} - n)/(n - 1)` (0 for n <= 2).
    cr : float
        Consistency ratio ``ci / ri`` (0 for n <= 2).
    ri : float
        Random index used (see :func:`random_index`).
    threshold : float
        CR threshold applied (:func:`default_threshold` unless given).
    consistent : bool
        ``cr <= threshold``.
    method : str
        ``"eigenvector"``, ``"geometric_mean"`` or ``"llsm"``.
    ri_table : str
        Name of the random-index table.
    n : int
        Number of criteria.
    gci : float or None
        Geometric consistency index for the log-based methods (``"geometric_mean"``,
        ``"llsm"``), None for ``"eigenvector"``.
    gci_threshold : float or None
        Threshold for :attr:`gci` (see :func:`gci_threshold`), None when gci is None.
    names : tuple of str or None
        Criterion names, if known.
    matrix : numpy.ndarray
        Read-only matrix the consistency was computed on; for input with missing
        judgments the completed matrix (missing :math:`a_{ij} = w_i / w_j`).
    missing : numpy.ndarray or None
        Read-only boolean mask of the judgments that were missing, or None if none were.
    scale : str
        The judgment scale the matrix was evaluated on (see :func:`convert_scale`);
        :attr:`matrix` holds the converted judgments.
    """

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    threshold: float
    consistent: bool
    method: str
    ri_table: str
    n: int
    gci: float | None = None
    gci_threshold: float | None = None
    names: tuple[str, ...] | None = None
    matrix: np.ndarray = field(default_factory=lambda: _frozen_array([[1.0]]))
    missing: np.ndarray | None = None
    scale: str = "saaty"

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _frozen_array(self.weights))
        object.__setattr__(self, "matrix", _frozen_array(self.matrix))
        if self.missing is not None:
            object.__setattr__(self, "missing", _frozen_array(self.missing, dtype=bool))
        if self.names is not None:
            object.__setattr__(self, "names", tuple(self.names))

    def labels(self) -> tuple[str, ...]:
        """Criterion names, or ``"criterion 1"``, ``"criterion 2"``, ... if unnamed."""
        return _labels(self.names, self.n)

    def to_series(self) -> pd.Series:
        """The weights as a :class:`pandas.Series` indexed by criterion name."""
        return pd.Series(np.array(self.weights), index=list(self.labels()), name="weight")


@dataclass(frozen=True, eq=False)
class Judgment:
    """One pairwise judgment and how far it disagrees with the priorities.

    Attributes
    ----------
    row, col : int
        Position of the judgment :math:`a_{ij}` (``row < col``).
    row_name, col_name : str
        The two criteria compared.
    value : float
        The judgment as given, :math:`a_{ij}`.
    implied : float
        The ratio the priorities imply, :math:`w_i / w_j`.
    suggested : float
        The value on Saaty's scale (1/9 ... 9) nearest to ``implied`` (in log terms).
    cr_after : float
        Consistency ratio once this judgment (and its reciprocal) is replaced by
        ``suggested``, all else unchanged.
    error : float
        Saaty's error :math:`e_{ij} = a_{ij} w_j / w_i` (1 = in perfect agreement).
    """

    row: int
    col: int
    row_name: str
    col_name: str
    value: float
    implied: float
    suggested: float
    cr_after: float
    error: float

    def __str__(self) -> str:
        return (
            f"'{self.row_name}' vs '{self.col_name}': judged {_fmt_ratio(self.value)}, "
            f"the priorities imply {self.implied:.3g}; "
            f"nearest scale value {_fmt_ratio(self.suggested)} "
            f"would give CR {self.cr_after:.3f}"
        )


@dataclass(frozen=True, eq=False)
class GroupPriorities:
    """Result of :func:`aggregate`.

    Attributes
    ----------
    weights : numpy.ndarray
        Read-only group weights (for ``"aij"`` the priorities of the group matrix; for
        ``"aip"`` the renormalised weighted geometric mean of the experts' priorities).
    matrix : numpy.ndarray
        Read-only element-wise weighted geometric mean of the experts' judgments
        (the AIJ group matrix; also given for ``"aip"``, for reference). NaN where no
        expert gave a judgment.
    group : Priorities
        Priorities and consistency of :attr:`matrix`.
    experts : Mapping[str, Priorities]
        Read-only mapping expert name -> that expert's priorities.
    expert_weights : Mapping[str, float]
        Read-only mapping expert name -> normalised expert weight (sums to 1).
    consensus : float or None
        Goepel's AHP consensus indicator :math:`S^*` in [0, 1]; None for one expert.
    most_deviating : str or None
        Expert whose priority vector is farthest (Euclidean distance) from
        :attr:`weights`; None for one expert.
    deviations : Mapping[str, float]
        Read-only mapping expert name -> Euclidean distance of their weights from
        :attr:`weights`.
    method : str
        ``"aij"`` or ``"aip"``.
    names : tuple of str or None
        Criterion names, if known.
    """

    weights: np.ndarray
    matrix: np.ndarray
    group: Priorities
    experts: Mapping[str, Priorities]
    expert_weights: Mapping[str, float]
    consensus: float | None
    most_deviating: str | None
    deviations: Mapping[str, float]
    method: str
    names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _frozen_array(self.weights))
        object.__setattr__(self, "matrix", _frozen_array(self.matrix))
        for name in ("experts", "expert_weights", "deviations"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def to_series(self) -> pd.Series:
        """The group weights as a :class:`pandas.Series` indexed by criterion name."""
        labels = _labels(self.names, len(self.weights))
        return pd.Series(np.array(self.weights), index=list(labels), name="weight")


# --------------------------------------------------------------------------- validation


def _labels(names: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if names is not None:
        return tuple(names)
    return tuple(f"criterion {i + 1}" for i in range(n))


def _fmt_value(x: float) -> str:
    return f"{x:g}"


def _fmt_ratio(x: float) -> str:
    """3 -> '3', 0.3333 -> '1/3', 2.5 -> '2.5' (:func:`round_judgment`, 4 digits)."""
    return round_judgment(x, digits=4) if math.isfinite(x) and x > 0 else _fmt_value(x)


def _is_row(x: Any) -> bool:
    return isinstance(x, Sequence | np.ndarray) and not isinstance(x, str | bytes)


def _to_float_array(
    matrix: Any, names: Sequence[str] | None = None
) -> tuple[np.ndarray, list[str] | None]:
    """Convert to a 2-D float array (None, pd.NA -> NaN); names from a DataFrame."""
    frame_names: list[str] | None = None
    if isinstance(matrix, pd.DataFrame):
        rows = [str(x) for x in matrix.index]
        cols = [str(x) for x in matrix.columns]
        if rows != cols:
            msg = (
                "the columns of a comparison table must list the same criteria, in the same "
                f"order, as its rows (rows: {rows}; columns: {cols})"
            )
            raise ComparisonError(msg)
        frame_names = rows
        matrix = matrix.to_numpy(dtype=object)
    if isinstance(matrix, np.ndarray) and matrix.dtype.kind in "fiu":
        arr = np.array(matrix, dtype=float)
    else:
        try:
            obj = np.array(matrix, dtype=object)
        except ValueError:
            obj = None
        if obj is None or (obj.ndim == 1 and any(_is_row(r) for r in obj)):
            lengths = [len(r) if _is_row(r) else 1 for r in matrix]
            msg = f"a comparison matrix must be square; its rows have different lengths {lengths}"
            raise ComparisonError(msg)
        labels = frame_names
        if labels is None and names is not None and not isinstance(names, str):
            labels = [str(x) for x in names]
        arr = np.empty(obj.shape, dtype=float)
        for idx, x in np.ndenumerate(obj):
            arr[idx] = _element_to_float(x, idx, obj.shape, labels)
    if arr.size == 0:
        raise ComparisonError("the comparison matrix is empty")
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        msg = f"a comparison matrix must be a square 2-D table (got shape {arr.shape})"
        raise ComparisonError(msg)
    return arr, frame_names


def _element_to_float(
    x: Any, idx: tuple[int, ...], shape: tuple[int, ...], names: list[str] | None
) -> float:
    if x is None or x is pd.NA:
        return math.nan
    ok = not isinstance(x, str | bytes | bool | np.bool_ | complex | np.complexfloating)
    if ok:
        try:
            return float(x)
        except (TypeError, ValueError):
            pass
    if len(idx) == 2 and len(shape) == 2 and shape[0] == shape[1]:
        labels = _labels(names if names and len(names) == shape[0] else None, shape[0])
        where = f"comparison of '{labels[idx[0]]}' vs '{labels[idx[1]]}'"
    else:
        where = f"entry {list(idx)}"
    msg = f"{where} must be a number (got {shorten(x)})"
    raise ComparisonError(msg)


def _resolve_names(
    names: Sequence[str] | None, frame_names: list[str] | None, n: int
) -> tuple[str, ...] | None:
    if names is not None:
        if isinstance(names, str):
            msg = f"'names' must be a sequence of criterion names, not the string {shorten(names)}"
            raise ComparisonError(msg)
        given = [str(x) for x in names]
        if frame_names is not None and given != frame_names:
            msg = f"'names' {given} do not match the comparison table's row labels {frame_names}"
            raise ComparisonError(msg)
    else:
        given = frame_names
    if given is None:
        return None
    if len(given) != n:
        msg = f"{len(given)} criterion names given for a {n}x{n} comparison matrix"
        raise ComparisonError(msg)
    seen: set[str] = set()
    for name in given:
        if name in seen:
            msg = f"criterion name {shorten(name)} appears more than once"
            raise ComparisonError(msg)
        seen.add(name)
    return tuple(given)


def _validated(
    matrix: MatrixLike,
    names: Sequence[str] | None,
    *,
    strict_scale: bool,
    allow_missing: bool,
    tol: float,
) -> tuple[np.ndarray, tuple[str, ...] | None]:
    arr, frame_names = _to_float_array(matrix, names)
    n = arr.shape[0]
    resolved = _resolve_names(names, frame_names, n)

    # Every check at once over the whole matrix; only a matrix that fails one is walked
    # pair by pair (in row order, as before) to say which judgment is wrong, and how.
    with np.errstate(invalid="ignore", over="ignore"):  # inf * 0 and the like: flagged below
        if (
            not strict_scale and (arr > 0).all() and (np.abs(arr * arr.T - 1.0) <= tol).all()
        ):  # complete, positive, finite (inf * 1/inf is NaN), reciprocal; on the diagonal
            return arr, resolved  # |d*d - 1| <= tol with d > 0 gives |d - 1| <= tol / (d + 1)
        diagonal = np.diagonal(arr)
        labels = _labels(resolved, n)  # for the messages
        bad_diagonal = ~(np.abs(diagonal - 1.0) <= tol)  # NaN and inf included
        if bad_diagonal.any():
            i = int(np.argmax(bad_diagonal))
            msg = (
                f"the diagonal entry for {shorten(labels[i])} must be 1 (a criterion is as "
                f"important as itself); got {_fmt_value(arr[i, i])}"
            )
            raise ComparisonError(msg)
        upper = _upper(n)
        a, b = arr[upper], arr.T[upper]
        a_nan, b_nan = np.isnan(a), np.isnan(b)
        missing = a_nan & b_nan
        bad = np.isinf(a) | np.isinf(b) | (a_nan != b_nan) | (a <= 0) | (b <= 0)
        bad |= np.abs(a * b - 1.0) > tol
        if not allow_missing:
            bad |= missing
        if strict_scale:
            values = np.concatenate((a, b))
            off = np.abs(_SAATY_ARRAY - values[:, None]).min(axis=1) > tol * np.maximum(1.0, values)
            bad |= off[: a.size] | off[a.size :]
    for k in np.flatnonzero(bad):
        _check_pair(
            arr, int(upper[0][k]), int(upper[1][k]), labels, strict_scale, allow_missing, tol
        )
    return arr, resolved


@functools.lru_cache(maxsize=64)
def _upper(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.triu_indices(n, 1)`` (read-only), computed once per size: it costs more than
    the checks it indexes on a small matrix."""
    rows, cols = np.triu_indices(n, 1)
    rows.setflags(write=False)
    cols.setflags(write=False)
    return rows, cols


def _check_pair(
    arr: np.ndarray,
    i: int,
    j: int,
    labels: Sequence[str],
    strict_scale: bool,
    allow_missing: bool,
    tol: float,
) -> None:
    """Raise the :class:`ComparisonError` for judgments (i, j) and (j, i), if they have one."""
    a, b = float(arr[i, j]), float(arr[j, i])
    pair, back = (
        f"{shorten(labels[i])} vs {shorten(labels[j])}",
        f"{shorten(labels[j])} vs {shorten(labels[i])}",
    )
    for x, where in ((a, pair), (b, back)):
        if math.isinf(x):
            msg = f"comparison of {where} is {_fmt_value(x)}; judgments must be finite"
            raise ComparisonError(msg)
    a_nan, b_nan = math.isnan(a), math.isnan(b)
    if a_nan and b_nan:
        if not allow_missing:
            msg = (
                f"comparison of {pair} is missing; give a judgment or allow "
                "missing judgments (allow_missing=True)"
            )
            raise ComparisonError(msg)
        return
    if a_nan or b_nan:
        given, gap, value = (back, pair, b) if a_nan else (pair, back, a)
        expect = f"; expected {_fmt_ratio(1.0 / value)}" if value > 0 else ""
        msg = (
            f"comparison of {given} is {_fmt_value(value)} but {gap} is missing; "
            f"a missing judgment must be missing in both places{expect}"
        )
        raise ComparisonError(msg)
    for x, where in ((a, pair), (b, back)):
        if x <= 0:
            msg = (
                f"comparison of {where} is {_fmt_value(x)}; judgments must be "
                "positive (1/9 ... 9 on Saaty's scale)"
            )
            raise ComparisonError(msg)
    if abs(a * b - 1.0) > tol:
        msg = (
            f"comparison of {pair} is {_fmt_value(a)} but {back} is "
            f"{_fmt_value(b)}; expected {_fmt_ratio(1.0 / a)} (a_ji = 1/a_ij)"
        )
        raise ComparisonError(msg)
    if strict_scale:
        for x, where in ((a, pair), (b, back)):
            if np.min(np.abs(_SAATY_ARRAY - x)) > tol * max(1.0, x):
                msg = (
                    f"comparison of {where} is {_fmt_value(x)}, which is not on "
                    "Saaty's scale (1, 2, ..., 9 or 1/2, ..., 1/9)"
                )
                raise ComparisonError(msg)


def check_matrix(
    matrix: MatrixLike,
    names: Sequence[str] | None = None,
    *,
    strict_scale: bool = False,
    allow_missing: bool = False,
    tol: float = 1e-6,
) -> np.ndarray:
    """Validate a pairwise-comparison matrix and return it as a float copy.

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        Square matrix of judgments :math:`a_{ij}` ("*i* is :math:`a_{ij}` times as
        important as *j*"). A DataFrame's index gives the criterion names and its
        columns must repeat the index.
    names : sequence of str, optional
        Criterion names used in messages (default ``"criterion 1"``, ...).
    strict_scale : bool
        Also require every judgment to be on Saaty's 1..9 scale or its reciprocals.
    allow_missing : bool
        Accept NaN (or None) for a missing judgment, missing in both :math:`a_{ij}`
        and :math:`a_{ji}`.
    tol : float
        Tolerance on the diagonal, on reciprocity (:math:`|a_{ij} a_{ji} - 1|`) and on
        scale membership.

    Returns
    -------
    numpy.ndarray
        A new float array (NaN for missing judgments).

    Raises
    ------
    ComparisonError
        If the matrix is not square, holds something other than numbers, holds
        non-finite or non-positive judgments, has a diagonal entry other than 1, is not
        reciprocal, has a one-sided missing judgment, or (``strict_scale``) a value off
        Saaty's scale. The message names the criteria and both values.

    References
    ----------
    Saaty (1980), ch. 1 and 3.

    Examples
    --------
    >>> check_matrix([[1, 3], [1 / 3, 1]]).tolist()
    [[1.0, 3.0], [0.3333333333333333, 1.0]]
    >>> check_matrix([[1, 3], [0.5, 1]], names=["cost", "effort"])
    Traceback (most recent call last):
    ...
    mcda_iso.errors.ComparisonError: comparison of 'cost' vs 'effort' is 3 but 'effort' vs 'cost' is 0.5; expected 1/3 (a_ji = 1/a_ij)
    """  # noqa: E501
    arr, _ = _validated(
        matrix, names, strict_scale=strict_scale, allow_missing=allow_missing, tol=tol
    )
    return arr


# --------------------------------------------------------------------------- kernels


def _perron(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and positive eigenvector (sum 1) of a nonnegative irreducible matrix."""
    n = a.shape[0]
    if n == 1:
        return float(a[0, 0]), np.ones(1)
    try:
        vals, vecs = np.linalg.eig(a)
    except np.linalg.LinAlgError:
        vals = None
    if vals is not None and np.isfinite(vals).all():
        k = int(vals.real.argmax())
        root = complex(vals[k])
        if root.imag == 0.0:  # a real eigenvalue has a real eigenvector: real arithmetic
            v = vecs[:, k].real
            total = v.sum()
            if total != 0:
                v = v / total
                if (v > 0).all():
                    return root.real, v / v.sum()
            return _power_iteration(a)
        v = vecs[:, k]
        total = v.sum()
        v = (v / total).real if abs(total) > 0 else v.real
        if abs(root.imag) <= 1e-9 * max(1.0, abs(root.real)) and (v > 0).all():
            return root.real, v / v.sum()
    return _power_iteration(a)


def _perron_root(a: np.ndarray) -> float:
    """Perron root alone, for a method whose weights need no eigenvector.

    The eigenvalues without the eigenvectors (LAPACK skips the back-transformation, the
    costlier half of ``eig``); the Perron root of a positive matrix is its eigenvalue of
    largest real part. Power iteration if LAPACK fails or gives no real root.
    """
    if a.shape[0] == 1:
        return float(a[0, 0])
    try:
        vals = np.linalg.eigvals(a)
    except np.linalg.LinAlgError:
        vals = None
    if vals is not None and np.isfinite(vals).all():
        root = vals[int(np.argmax(vals.real))]
        if abs(root.imag) <= 1e-9 * max(1.0, abs(root.real)):
            return float(root.real)
    return _power_iteration(a)[0]


def _power_iteration(a: np.ndarray, max_iter: int = 100_000) -> tuple[float, np.ndarray]:
    n = a.shape[0]
    w = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = a @ w
        nxt /= nxt.sum()
        if np.max(np.abs(nxt - w)) < 1e-15:
            w = nxt
            break
        w = nxt
    else:  # pragma: no cover - Perron-Frobenius guarantees convergence
        raise MethodError("the principal eigenvector did not converge")
    lam = float(np.mean((a @ w) / w))
    return lam, w


def _geometric_mean_weights(a: np.ndarray) -> np.ndarray:
    logs = np.log(a).mean(axis=1)
    w = np.exp(logs - logs.max())
    return w / w.sum()


def _harker_weights(a: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Harker (1987): Perron vector of the matrix with missing a_ij := 0, a_ii := 1 + m_i."""
    c = np.where(missing, 0.0, a)
    np.fill_diagonal(c, 1.0 + missing.sum(axis=1))
    return _perron(c)[1]


def _llsm_weights(a: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Logarithmic least squares on the known judgments (Bozóki et al. 2010, Thm. 4).

    Minimise sum over known (i, j) of (log a_ij - y_i + y_j)^2: the normal equations are
    L y = r with L the Laplacian of the comparison graph and r_i = sum_j log a_ij.
    """
    n = a.shape[0]
    known = ~missing
    np.fill_diagonal(known, False)
    logs = np.where(known, np.log(np.where(known, a, 1.0)), 0.0)
    lap = -known.astype(float)
    np.fill_diagonal(lap, known.sum(axis=1))
    r = logs.sum(axis=1)
    try:
        y = np.linalg.solve(lap + np.ones((n, n)) / n, r)  # fixes sum(y) = 0
    except np.linalg.LinAlgError as exc:  # pragma: no cover - connectivity checked first
        raise MethodError("the logarithmic least squares system is singular") from exc
    w = np.exp(y - y.max())
    return w / w.sum()


def _gci(a: np.ndarray, w: np.ndarray) -> float:
    n = a.shape[0]
    if n <= 2:
        return 0.0
    iu = _upper(n)
    e = np.log(a[iu] * w[iu[1]] / w[iu[0]])
    return float(2.0 * np.sum(e * e) / ((n - 1) * (n - 2)))


def _components(missing: np.ndarray) -> list[list[int]]:
    n = missing.shape[0]
    seen = [False] * n
    groups: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        stack, group = [start], []
        while stack:
            i = stack.pop()
            group.append(i)
            for j in np.flatnonzero(~missing[i]):
                if not seen[j]:
                    seen[j] = True
                    stack.append(int(j))
        groups.append(sorted(group))
    return groups


def _require_connected(missing: np.ndarray, labels: Sequence[str]) -> None:
    groups = _components(missing)
    if len(groups) == 1:
        return
    main = groups[0]
    cut = [i for g in groups[1:] for i in g]
    cut_names = ", ".join(f"{shorten(labels[i])}" for i in cut)
    main_names = ", ".join(f"{shorten(labels[i])}" for i in main)
    msg = (
        f"the judgments do not connect all criteria: {cut_names} cannot be compared, "
        f"directly or through other criteria, with {main_names}; give at least one "
        "judgment linking each group"
    )
    raise ComparisonError(msg)


def _fill(a: np.ndarray, missing: np.ndarray, w: np.ndarray) -> np.ndarray:
    out = a.copy()
    ratio = w[:, None] / w[None, :]
    out[missing] = ratio[missing]
    return out


# --------------------------------------------------------------------------- public maths


def complete(matrix: MatrixLike, names: Sequence[str] | None = None) -> np.ndarray:
    """Fill missing judgments by Harker's (1987) method.

    Harker's auxiliary matrix :math:`C` has :math:`c_{ij} = a_{ij}` for known judgments,
    :math:`c_{ij} = 0` for missing ones and :math:`c_{ii} = 1 + m_i`, with :math:`m_i`
    the number of missing judgments in row *i*. With :math:`w` its principal
    eigenvector, each missing :math:`a_{ij}` becomes :math:`w_i / w_j`. The completed
    matrix has :math:`w` as its own principal eigenvector (since :math:`A w = C w`).

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        Comparison matrix with NaN (or None) for missing judgments, missing in both
        triangles.
    names : sequence of str, optional
        Criterion names for messages.

    Returns
    -------
    numpy.ndarray
        New, complete reciprocal matrix (a copy even if nothing was missing).

    Raises
    ------
    ComparisonError
        If the matrix is invalid (see :func:`check_matrix`) or its judgments do not
        connect every criterion (the message names those cut off).

    References
    ----------
    Harker (1987), Mathematical Modelling 9(11), 837-848.

    Examples
    --------
    >>> nan = float("nan")
    >>> a = complete([[1, 2, nan], [1 / 2, 1, 2], [nan, 1 / 2, 1]])
    >>> round(float(a[0, 2]), 6)
    4.0
    """
    arr, resolved = _validated(matrix, names, strict_scale=False, allow_missing=True, tol=1e-6)
    missing = np.isnan(arr)
    if not missing.any():
        return arr
    _require_connected(missing, _labels(resolved, arr.shape[0]))
    return _fill(arr, missing, _harker_weights(arr, missing))


def priorities(
    matrix: MatrixLike,
    method: Method = "eigenvector",
    ri_table: str = "saaty",
    *,
    threshold: float | None = None,
    strict_scale: bool = False,
    names: Sequence[str] | None = None,
    scale: str = "saaty",
) -> Priorities:
    """Priority weights and consistency of a pairwise-comparison matrix.

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        Reciprocal comparison matrix. NaN (or None) marks a missing judgment (missing
        in both triangles); the known judgments must connect every criterion.
    method : {"eigenvector", "geometric_mean", "llsm"}
        ``"eigenvector"``: Saaty's principal right eigenvector (Harker's method when
        judgments are missing). ``"geometric_mean"``: normalised row geometric means
        (RGMM; Crawford & Williams 1985); complete matrices only. ``"llsm"``:
        logarithmic least squares on the known judgments; identical to
        ``"geometric_mean"`` for a complete matrix.
    ri_table : {"saaty", "alonso_lamata", "tummala_ling"}
        Random-index table for the consistency ratio (see :func:`random_index`).
    threshold : float, optional
        Acceptable CR; :func:`default_threshold` of n if omitted.
    strict_scale : bool
        Reject judgments off Saaty's 1..9 scale and its reciprocals.
    names : sequence of str, optional
        Criterion names (taken from a DataFrame's index if not given).
    scale : {"saaty", "balanced", "geometric"}
        The judgments are read on Saaty's 1-9 scale and, for another scale,
        converted first with :func:`convert_scale` (e.g. 3 means 1.5 on the
        balanced scale); CR is then that of the converted matrix.

    Returns
    -------
    Priorities
        Weights (positive, sum 1) with :math:`\\lambda_{max}`, CI, CR, RI, the verdict
        ``consistent`` and, for the log-based methods, the geometric consistency index
        :math:`GCI = \\frac{2}{(n-1)(n-2)} \\sum_{i<j} \\log^2(a_{ij} w_j / w_i)`.
        :math:`\\lambda_{max}`, CI and CR are always those of the matrix (its Perron
        eigenvalue), whatever the method; with missing judgments they are computed on
        the matrix completed with :math:`w_i / w_j` (Harker 1987 instead adjusts CI for
        the number of missing entries; we report the completed matrix's CR, which for
        the eigenvector method equals the Perron eigenvalue of Harker's auxiliary
        matrix).

    Raises
    ------
    ComparisonError
        If the matrix is invalid (see :func:`check_matrix`) or its judgments do not
        connect every criterion.
    MethodError
        If ``method="geometric_mean"`` is asked of a matrix with missing judgments.
    MCDAError
        If ``method``, ``ri_table`` or ``threshold`` is not valid.

    References
    ----------
    Saaty (1980); Crawford & Williams (1985); Aguarón & Moreno-Jiménez (2003);
    Harker (1987); Bozóki, Fülöp & Rónyai (2010).

    Examples
    --------
    Saaty's (1990) house example, houses A, B, C compared by size:

    >>> p = priorities([[1, 6, 8], [1/6, 1, 4], [1/8, 1/4, 1]], names=["A", "B", "C"])
    >>> p.weights.round(3).tolist(), round(p.lambda_max, 3), round(p.cr, 3), p.consistent
    ([0.754, 0.181, 0.065], 3.136, 0.117, False)
    >>> p.to_series().round(3).to_dict()
    {'A': 0.754, 'B': 0.181, 'C': 0.065}
    """
    if method not in METHODS:
        valid = ", ".join(repr(m) for m in METHODS)
        msg = f"unknown priority method {shorten(method)}; expected one of {valid}"
        raise MCDAError(msg)
    _ri_table(ri_table)
    arr, resolved = _validated(
        matrix, names, strict_scale=strict_scale, allow_missing=True, tol=1e-6
    )
    if scale != "saaty":
        arr = _convert(arr, resolved, scale)
    return _priorities(arr, resolved, method, ri_table, threshold, scale)


def _priorities(
    arr: np.ndarray,
    names: tuple[str, ...] | None,
    method: str,
    ri_table: str,
    threshold: float | None,
    scale: str = "saaty",
) -> Priorities:
    n = arr.shape[0]
    if threshold is None:
        threshold = default_threshold(n)
    elif isinstance(threshold, bool) or not (
        isinstance(threshold, int | float | np.floating) and 0 < threshold < math.inf
    ):
        msg = f"'threshold' must be a positive number (got {shorten(threshold)})"
        raise MCDAError(msg)
    missing = np.isnan(arr)
    incomplete = bool(missing.any())
    lam = None  # the Perron root of the (completed) matrix, when a step already gives it
    if incomplete:
        _require_connected(missing, _labels(names, n))
        if method == "geometric_mean":
            msg = (
                "the geometric-mean method needs every judgment; for missing judgments "
                "use method='llsm' (its generalisation) or 'eigenvector' (Harker's method)"
            )
            raise MethodError(msg)
        if method == "eigenvector":
            w = _harker_weights(arr, missing)
        else:
            w = _llsm_weights(arr, missing)
        full = _fill(arr, missing, w)
    else:
        full = arr
        if method == "eigenvector":
            lam, w = _perron(arr)  # one eig gives both: the weights and lambda_max
        else:
            w = _geometric_mean_weights(arr)
    if n == 1:
        lam = 1.0
    elif lam is None:
        lam = _perron_root(full)
    ri = random_index(n, ri_table)
    if n <= 2:
        ci = cr = 0.0
    else:
        ci = max((lam - n) / (n - 1), 0.0)
        cr = ci / ri
    gci = gci_thr = None
    if method != "eigenvector":
        gci, gci_thr = _gci(full, w), gci_threshold(n)
    return Priorities(
        weights=w,
        lambda_max=float(lam),
        ci=float(ci),
        cr=float(cr),
        ri=float(ri),
        threshold=float(threshold),
        consistent=bool(cr <= threshold),
        method=method,
        ri_table=ri_table,
        n=n,
        gci=gci,
        gci_threshold=gci_thr,
        names=names,
        matrix=full,
        missing=missing if incomplete else None,
        scale=scale,
    )


def most_inconsistent(
    matrix: MatrixLike,
    k: int = 3,
    *,
    method: Method = "eigenvector",
    ri_table: str = "saaty",
    names: Sequence[str] | None = None,
    scale: str = "saaty",
) -> list[Judgment]:
    """The judgments that disagree most with the priorities, worst first.

    Each given upper-triangle judgment :math:`a_{ij}` is scored by Saaty's error
    :math:`e_{ij} = a_{ij} w_j / w_i` as :math:`|\\log e_{ij}|` (a judgment 3 times too
    high weighs as much as one 3 times too low). Judgments that agree with the
    priorities (:math:`|\\log e_{ij}| \\le 10^{-9}`) and missing ones are never listed.

    Parameters
    ----------
    matrix : list of lists, numpy.ndarray or pandas.DataFrame
        Comparison matrix (missing judgments allowed, as in :func:`priorities`).
    k : int
        At most this many judgments are returned.
    method, ri_table, names
        As in :func:`priorities`.
    scale : {"saaty", "balanced", "geometric"}
        The scale the judgments are read on (as :func:`priorities`): the errors and
        the CR after a revision are those of the converted matrix, the one the
        priorities come from; ``value`` and ``suggested`` stay levels of Saaty's
        1-9 scale, as the judgments are typed.

    Returns
    -------
    list of Judgment
        With the implied ratio :math:`w_i/w_j`, the level of Saaty's scale whose
        meaning on ``scale`` is nearest to it, and the CR once that one judgment
        (and its reciprocal) is replaced by it.

    Raises
    ------
    ComparisonError, MethodError, MCDAError
        As :func:`priorities`; MCDAError if ``k`` is not a positive integer.

    References
    ----------
    Saaty (2003). Decision-making with the AHP: why is the principal eigenvector
    necessary. *European Journal of Operational Research* 145(1), 85-91.

    Examples
    --------
    Saaty's (1990) house criteria; the judgment neighborhood vs general condition
    (6, where the other judgments imply about 1) stands out:

    >>> a = [[1, 5, 3, 7, 6, 6, 1/3, 1/4], [1/5, 1, 1/3, 5, 3, 3, 1/5, 1/7],
    ...      [1/3, 3, 1, 6, 3, 4, 6, 1/5], [1/7, 1/5, 1/6, 1, 1/3, 1/4, 1/7, 1/8],
    ...      [1/6, 1/3, 1/3, 3, 1, 1/2, 1/5, 1/6], [1/6, 1/3, 1/4, 4, 2, 1, 1/5, 1/6],
    ...      [3, 5, 1/6, 7, 5, 5, 1, 1/2], [4, 7, 5, 8, 6, 6, 2, 1]]
    >>> worst = most_inconsistent(a, k=1)[0]
    >>> (worst.row, worst.col, worst.value, worst.suggested)
    (2, 6, 6.0, 1.0)
    """
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        msg = f"'k' must be a positive integer (got {shorten(k)})"
        raise MCDAError(msg)
    base = priorities(matrix, method, ri_table, names=names, scale=scale)
    n = base.n
    labels = base.labels()
    converted = np.array(base.matrix)
    if base.missing is not None:
        converted[base.missing] = np.nan
    # the judgments as typed (Saaty levels); the same matrix on Saaty's scale
    typed = (
        converted
        if scale == "saaty"
        else check_matrix(matrix, names=base.names, allow_missing=True)
    )
    w = base.weights
    iu, ju = np.triu_indices(n, 1)
    given = np.isfinite(converted[iu, ju])
    iu, ju = iu[given], ju[given]
    errors = np.abs(np.log(converted[iu, ju] * w[ju] / w[iu]))
    keep = errors > 1e-9
    iu, ju, errors = iu[keep], ju[keep], errors[keep]
    order = np.lexsort((ju, iu, -errors))[: int(k)]  # worst first, then by position
    levels = np.array(SAATY_SCALE)
    meanings = np.where(
        levels >= 1.0, _on_scale(np.maximum(levels, 1.0), scale),
        1.0 / _on_scale(np.maximum(1.0 / levels, 1.0), scale),
    )  # fmt: skip
    out: list[Judgment] = []
    for q in order:
        i, j = int(iu[q]), int(ju[q])
        implied = float(w[i] / w[j])
        suggested = float(levels[int(np.argmin(np.abs(np.log(meanings) - math.log(implied))))])
        trial = typed.copy()
        trial[i, j], trial[j, i] = suggested, 1.0 / suggested
        after = priorities(
            trial, method, ri_table, threshold=base.threshold, names=base.names, scale=scale
        )
        out.append(
            Judgment(
                row=i,
                col=j,
                row_name=labels[i],
                col_name=labels[j],
                value=float(typed[i, j]),
                implied=implied,
                suggested=suggested,
                cr_after=after.cr,
                error=float(converted[i, j] * w[j] / w[i]),
            )
        )
    return out


# --------------------------------------------------------------------------- groups


def consensus(
    priorities: MatrixLike,
    expert_weights: Sequence[float] | None = None,
    *,
    scale_max: float = 9.0,
) -> float:
    """Goepel's AHP consensus indicator :math:`S^*` of several experts' priorities.

    Parameters
    ----------
    priorities : array-like, experts x criteria
        One priority vector per row (each normalised to sum 1 here).
    expert_weights : sequence of float, optional
        Positive expert weights (normalised to sum 1); equal if omitted.
    scale_max : float
        Largest judgment of the scale, :math:`M` (9 for Saaty's 1-9 scale): it sets
        the most diverse group possible, whose consensus is 0.

    Returns
    -------
    float
        :math:`S^*` in [0, 1]: 1 when every expert gives the same priorities, 0 for
        Goepel's most diverse group (expert *k* ranks criterion *k* at ``scale_max``
        over every other criterion, the others equal). Priorities more concentrated
        than that extreme (inconsistent judgments can give them for n >= 4) would
        push the formula below 0; that is reported as 0, no consensus.

    Raises
    ------
    ComparisonError
        If the priorities are not a 2-D array of positive, finite numbers, or
        ``scale_max`` is not a number above 1.
    ProblemError
        If the expert weights are not positive numbers, one per expert.

    Notes
    -----
    With Shannon entropy :math:`H`, :math:`H_\\alpha = \\sum_k \\lambda_k H(w_k)`,
    :math:`H_\\gamma = H(\\sum_k \\lambda_k w_k)`, :math:`D_\\beta = e^{H_\\gamma -
    H_\\alpha}` and :math:`D_{\\alpha,min} = e^{H_{\\alpha,min}}` where
    :math:`H_{\\alpha,min}` is the entropy of :math:`(M, 1, \\ldots, 1)/(n + M - 1)`:

    .. math:: S^* = \\frac{1/D_\\beta - D_{\\alpha,min}/n}{1 - D_{\\alpha,min}/n}

    (Goepel 2013; the AHP-OS implementation, Goepel 2018). Unequal expert weights
    use the weighted Shannon decomposition (Jost 2007).

    Examples
    --------
    >>> consensus([[0.6, 0.4], [0.6, 0.4]])
    1.0
    """
    try:
        w = np.array(priorities, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ComparisonError(f"priorities must be numbers, experts x criteria ({exc})") from None
    if w.ndim != 2 or w.shape[0] < 1 or w.shape[1] < 1:
        msg = f"priorities must be a 2-D table, one row per expert (got shape {w.shape})"
        raise ComparisonError(msg)
    if not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise ComparisonError("priorities must be positive, finite numbers")
    try:
        big_m = float(scale_max)
    except (TypeError, ValueError):
        big_m = math.nan
    if isinstance(scale_max, bool | str) or not (math.isfinite(big_m) and big_m > 1):
        raise ComparisonError(f"scale_max must be a number above 1 (got {shorten(scale_max)})")
    lam = _expert_weights(expert_weights, [f"expert {k + 1}" for k in range(w.shape[0])])
    w = w / w.sum(axis=1, keepdims=True)
    n = w.shape[1]
    if n == 1:  # a single criterion: every expert gives it weight 1
        return 1.0
    h_alpha = float(lam @ -np.sum(w * np.log(w), axis=1))
    mean = lam @ w
    h_gamma = float(-np.sum(mean * np.log(mean)))
    d_beta = math.exp(h_gamma - h_alpha)
    top = big_m / (n + big_m - 1.0)
    rest = 1.0 / (n + big_m - 1.0)
    h_alpha_min = -top * math.log(top) - (n - 1) * rest * math.log(rest)
    floor = math.exp(h_alpha_min) / n
    return float(min(1.0, max(0.0, (1.0 / d_beta - floor) / (1.0 - floor))))


def _expert_inputs(
    matrices: Sequence[MatrixLike] | Mapping[str, MatrixLike],
) -> tuple[list[str], list[MatrixLike]]:
    if isinstance(matrices, Mapping):
        return [str(k) for k in matrices], list(matrices.values())
    if isinstance(matrices, np.ndarray) and matrices.ndim == 3:
        matrices = list(matrices)
    if isinstance(matrices, str | bytes | np.ndarray | pd.DataFrame) or not isinstance(
        matrices, Sequence
    ):
        msg = (
            "'matrices' must be a list of comparison matrices or a dict expert name -> "
            f"matrix (got {type(matrices).__name__})"
        )
        raise ComparisonError(msg)
    items = list(matrices)
    return [f"expert {k + 1}" for k in range(len(items))], items


def _expert_weights(
    weights: Sequence[float] | Mapping[str, float] | None, experts: list[str]
) -> np.ndarray:
    m = len(experts)
    if weights is None:
        return np.full(m, 1.0 / m)
    if isinstance(weights, Mapping):
        by_name = {str(k): v for k, v in weights.items()}
        unknown = [k for k in by_name if k not in experts]
        absent = [e for e in experts if e not in by_name]
        if unknown or absent:
            msg = (
                f"expert weights must be given for exactly the experts {experts} "
                f"(unknown: {unknown}; without a weight: {absent})"
            )
            raise ProblemError(msg)
        values = [by_name[e] for e in experts]
    else:
        try:
            values = list(weights)
        except TypeError:
            msg = (
                f"expert weights must be a list of numbers, one per expert (got {shorten(weights)})"
            )
            raise ProblemError(msg) from None
    if len(values) != m:
        msg = f"{len(values)} expert weights given for {m} experts"
        raise ProblemError(msg)
    arr = np.empty(m)
    for k, (name, v) in enumerate(zip(experts, values, strict=True)):
        try:
            x = float(v)
        except (TypeError, ValueError):
            x = math.nan
        if isinstance(v, bool | str) or not (math.isfinite(x) and x > 0):
            msg = (
                f"the weight of expert {shorten(name)} must be a positive number (got {shorten(v)})"
            )
            raise ProblemError(msg)
        arr[k] = x
    return arr / arr.sum()


def aggregate(
    matrices: Sequence[MatrixLike] | Mapping[str, MatrixLike],
    weights: Sequence[float] | Mapping[str, float] | None = None,
    method: Literal["aij", "aip"] = "aij",
    *,
    names: Sequence[str] | None = None,
    ri_table: str = "saaty",
    priority_method: Method = "eigenvector",
    scale: str = "saaty",
) -> GroupPriorities:
    """Group priorities from several experts' comparison matrices.

    Parameters
    ----------
    matrices : list of matrices or dict expert name -> matrix
        One comparison matrix per expert, all over the same criteria (DataFrames may
        list them in another order; they are aligned on the first one's labels).
        NaN marks a judgment an expert did not give.
    weights : sequence of float or dict expert name -> float, optional
        Positive expert weights (normalised to sum 1); equal if omitted.
    method : {"aij", "aip"}
        ``"aij"`` (aggregation of individual judgments): the element-wise weighted
        geometric mean :math:`\\tilde a_{ij} = \\prod_k a_{ij,k}^{\\lambda_k}` (over the
        experts who gave that judgment, their weights renormalised), then its
        priorities; the result is reciprocal. ``"aip"`` (aggregation of individual
        priorities): each expert's priorities, then their weighted geometric mean
        :math:`\\prod_k w_{i,k}^{\\lambda_k}`, renormalised.
    names : sequence of str, optional
        Criterion names.
    ri_table : str
        Random-index table (see :func:`random_index`).
    priority_method : {"eigenvector", "geometric_mean", "llsm"}
        Prioritisation method for each matrix (see :func:`priorities`).
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale every expert's matrix is read on (converted with
        :func:`convert_scale` before aggregating; see :data:`SCALES`).

    Returns
    -------
    GroupPriorities
        Group weights, group matrix and its :class:`Priorities`, each expert's
        :class:`Priorities`, the normalised expert weights, Goepel's consensus
        :math:`S^*` and the expert whose weights are farthest (Euclidean distance)
        from the group's.

    Raises
    ------
    ComparisonError
        If there are no matrices, one is invalid (the message names the expert), they
        differ in size or criteria, or the judgments given leave the group matrix
        disconnected.
    ProblemError
        If expert weights are not positive numbers, one per expert.
    MethodError
        If ``priority_method="geometric_mean"`` meets missing judgments.
    MCDAError
        If ``method``, ``priority_method`` or ``ri_table`` is unknown.

    Notes
    -----
    Goepel's consensus indicator uses Shannon entropies of the experts' priority
    vectors :math:`w_k`: :math:`H_\\alpha = \\sum_k \\lambda_k H(w_k)`,
    :math:`H_\\gamma = H(\\sum_k \\lambda_k w_k)`, :math:`D_\\beta = e^{H_\\gamma -
    H_\\alpha}` and

    .. math:: S^* = \\frac{1/D_\\beta - D_{\\alpha,min}/D_{\\gamma,max}}
                          {1 - D_{\\alpha,min}/D_{\\gamma,max}}

    with :math:`D_{\\gamma,max} = n` and :math:`D_{\\alpha,min} = e^{H_{\\alpha,min}}`, the
    entropy of :math:`(M, 1, \\ldots, 1)/(n + M - 1)` for the scale maximum
    :math:`M` (what level 9 means on ``scale``: 9 on Saaty's and the balanced scale,
    16 on the geometric one, as AHP-OS takes each scale's own maximum). With equal
    expert weights this is the indicator of Goepel's AHP-OS; unequal weights use the
    weighted Shannon decomposition (Jost 2007). See :func:`consensus`.

    References
    ----------
    Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio judgements.
    *Journal of Mathematical Psychology* 27(1), 93-102.
    Forman & Peniwati (1998), EJOR 108(1), 165-169.
    Goepel, K. D. (2013). Implementing the analytic hierarchy process as a standard
    method for multi-criteria decision making in corporate enterprises - a new AHP
    Excel template with multiple inputs. *Proceedings of the International Symposium
    on the Analytic Hierarchy Process*, Kuala Lumpur.
    Goepel (2018), IJAHP 10(3), 469-487.
    Jost, L. (2007). Partitioning diversity into independent alpha and beta
    components. *Ecology* 88(10), 2427-2439.

    Examples
    --------
    >>> g = aggregate({"ann": [[1, 3], [1/3, 1]], "bob": [[1, 1/3], [3, 1]]})
    >>> g.weights.tolist(), float(g.matrix[0, 1])
    ([0.5, 0.5], 1.0)
    """
    if method not in AGGREGATION_METHODS:
        valid = ", ".join(repr(m) for m in AGGREGATION_METHODS)
        msg = f"unknown aggregation method {shorten(method)}; expected one of {valid}"
        raise MCDAError(msg)
    if priority_method not in METHODS:
        valid = ", ".join(repr(m) for m in METHODS)
        msg = f"unknown priority method {shorten(priority_method)}; expected one of {valid}"
        raise MCDAError(msg)
    _ri_table(ri_table)
    if scale != "saaty":
        _convert(np.ones((1, 1)), None, scale)  # an unknown scale is refused up front
    experts, raw = _expert_inputs(matrices)
    if not raw:
        raise ComparisonError("no expert comparison matrices given")
    if len(set(experts)) != len(experts):
        raise ComparisonError(f"expert names must be unique (got {experts})")
    lam = _expert_weights(weights, experts)

    arrays: list[np.ndarray] = []
    crit: tuple[str, ...] | None = tuple(str(x) for x in names) if names is not None else None
    for expert, m in zip(experts, raw, strict=True):
        frame = m if isinstance(m, pd.DataFrame) else None
        if frame is not None and crit is not None and set(map(str, frame.index)) == set(crit):
            labels = [str(x) for x in frame.index]
            order = [labels.index(c) for c in crit]
            frame = frame.iloc[order, order]
        try:
            arr, resolved = _validated(
                frame if frame is not None else m,
                None if frame is not None else crit,
                strict_scale=False,
                allow_missing=True,
                tol=1e-6,
            )
            if scale != "saaty":
                arr = _convert(arr, resolved or crit, scale)
        except ComparisonError as exc:
            raise ComparisonError(f"expert {shorten(expert)}: {exc}") from exc
        if arrays and arr.shape != arrays[0].shape:
            msg = (
                f"expert {shorten(expert)} compares {arr.shape[0]} criteria but expert "
                f"{shorten(experts[0])} compares {arrays[0].shape[0]}"
            )
            raise ComparisonError(msg)
        if resolved is not None and crit is not None and resolved != crit:
            msg = (
                f"expert {shorten(expert)} compares criteria "
                f"[{', '.join(map(shorten, resolved))}], expected [{', '.join(map(shorten, crit))}]"
            )
            raise ComparisonError(msg)
        if crit is None and resolved is not None:
            crit = resolved
        arrays.append(arr)

    stack = np.stack(arrays)
    present = ~np.isnan(stack)
    logs = np.where(present, np.log(np.where(present, stack, 1.0)), 0.0)
    wsum = np.tensordot(lam, present.astype(float), axes=1)
    safe = np.where(wsum > 0, wsum, 1.0)
    group_matrix = np.where(wsum > 0, np.exp(np.tensordot(lam, logs, axes=1) / safe), np.nan)
    np.fill_diagonal(group_matrix, 1.0)

    expert_results: dict[str, Priorities] = {}
    for expert, arr in zip(experts, arrays, strict=True):
        try:
            expert_results[expert] = _priorities(arr, crit, priority_method, ri_table, None, scale)
        except (ComparisonError, MethodError) as exc:
            raise type(exc)(f"expert {shorten(expert)}: {exc}") from exc
    try:
        group = _priorities(group_matrix, crit, priority_method, ri_table, None, scale)
    except ComparisonError as exc:
        raise ComparisonError(f"group matrix: {exc}") from exc

    individual = np.stack([expert_results[e].weights for e in experts])
    if method == "aij":
        final = np.array(group.weights)
    else:
        logw = lam @ np.log(individual)
        final = np.exp(logw - logw.max())
        final /= final.sum()

    distances = np.linalg.norm(individual - final, axis=1)
    many = len(experts) > 1
    return GroupPriorities(
        weights=final,
        matrix=group_matrix,
        group=group,
        experts=expert_results,
        expert_weights=dict(zip(experts, map(float, lam), strict=True)),
        consensus=consensus(individual, lam, scale_max=_scale_max(scale)) if many else None,
        most_deviating=experts[int(np.argmax(distances))] if many else None,
        deviations=dict(zip(experts, map(float, distances), strict=True)),
        method=method,
        names=crit,
    )


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
