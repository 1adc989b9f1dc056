"""TOPSIS: closeness to the ideal solution, batched over weight vectors.

The maths is a pure numpy kernel (:func:`_normalize`, :func:`_kernel`) beside one
validated entry point, :func:`closeness`. The normalisations are pymcdm's
(``vector_normalization``, ``minmax_normalization`` through ``normalize_matrix``),
written here as whole-matrix numpy expressions with the same operations in the same
order, so that ``import mcda_iso`` need not load pymcdm (tests/test_topsis.py checks
them against pymcdm's to 1e-15); this module also guards the edge cases pymcdm leaves
as 0/0 and does the distance step for many weight vectors at once.

Memory order is chosen, not inherited: the decision matrix is made column-major
(Fortran order) and the weights row-major (C order) whatever the caller passes, so the
column reductions run on contiguous memory and the batched distance step is one BLAS
product over contiguous operands; C- and F-ordered inputs give identical results.

Degenerate data, and what happens to it:

* a criterion on which every alternative has the same value (a constant column,
  an all-zero column included) cannot discriminate: it adds zero to both distances;
* if no criterion discriminates (every column constant, or a single alternative),
  :class:`~mcda_iso.errors.MethodError` is raised;
* a single (1-D) weight vector whose positive weights all sit on non-discriminating
  criteria raises :class:`~mcda_iso.errors.MethodError`; in a batch (2-D weights)
  such a row gives D+ = D- = 0 for every alternative and closeness 0.5 for all (a tie).

No NaN and no numpy warning ever leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mcda_iso.errors import MethodError, ProblemError

__all__ = [
    "NORMALIZATIONS",
    "Prepared",
    "TopsisExplanation",
    "closeness",
    "closeness_stack",
    "explain",
    "prepare",
]

NORMALIZATIONS: tuple[str, ...] = ("vector", "minmax")
"""Valid values of ``normalization``: ``"vector"`` (Hwang & Yoon 1981, the default)
and ``"minmax"`` (pymcdm's default for its TOPSIS)."""

# Columns whose largest magnitude lies outside this range are rescaled by an exact
# power of two before normalising, so that x**2 cannot overflow or underflow.
# Both normalisations are invariant to that scaling, and inside the range nothing
# is touched, so results stay bit-for-bit those of pymcdm.
_SAFE_MAGNITUDE = (1e-100, 1e100)

# A weight vector whose sum falls outside this range is divided by its largest
# entry before being normalised to sum 1.
_SAFE_WEIGHT_SUM = (1e-300, 1e300)

_NOTHING_DISCRIMINATES = (
    "all alternatives have identical performance on every criterion; "
    "nothing can discriminate between them"
)


@dataclass(frozen=True, eq=False)
class TopsisExplanation:
    """Every intermediate step of one TOPSIS evaluation (one weight vector).

    All arrays are read-only copies. Weights are reported rescaled to sum to 1
    (closeness does not depend on their scale), so ``weighted``, ``ideal``,
    ``anti_ideal`` and the distances are on the textbook scale.

    Attributes
    ----------
    normalized : ndarray, shape (m, n)
        Normalised matrix R; every column oriented so that larger is better
        (pymcdm's convention: a cost column becomes ``1 - x/||x||`` or
        ``(max - x)/(max - min)``).
    weighted : ndarray, shape (m, n)
        Weighted normalised matrix V = R * w.
    ideal : ndarray, shape (n,)
        Positive ideal solution, the column maxima of V.
    anti_ideal : ndarray, shape (n,)
        Negative ideal solution, the column minima of V.
    d_plus : ndarray, shape (m,)
        Euclidean distance of each alternative to ``ideal``.
    d_minus : ndarray, shape (m,)
        Euclidean distance of each alternative to ``anti_ideal``.
    closeness : ndarray, shape (m,)
        Relative closeness ``d_minus / (d_plus + d_minus)``.
    normalization : str
        The normalisation used, one of :data:`NORMALIZATIONS`.
    weights : ndarray, shape (n,)
        The weights used, rescaled to sum to 1.
    """

    normalized: np.ndarray
    weighted: np.ndarray
    ideal: np.ndarray
    anti_ideal: np.ndarray
    d_plus: np.ndarray
    d_minus: np.ndarray
    closeness: np.ndarray
    normalization: str
    weights: np.ndarray = field(default_factory=lambda: np.empty(0))

    def __post_init__(self) -> None:
        for name in (
            "normalized",
            "weighted",
            "ideal",
            "anti_ideal",
            "d_plus",
            "d_minus",
            "closeness",
            "weights",
        ):
            array = np.array(getattr(self, name), dtype=float)
            array.setflags(write=False)
            object.__setattr__(self, name, array)


# --------------------------------------------------------------------------- validation


def _as_matrix(matrix: ArrayLike) -> np.ndarray:
    """The decision matrix as a finite 2-D float array, column-major (Fortran order).

    Column-major makes every per-criterion step (column norms, maxima and minima)
    run on contiguous memory, and makes the column sums pairwise sums of contiguous
    columns, as pymcdm's column-by-column normalisation computes them. Not a copy
    when already so: never modify it.
    """
    try:
        array = np.asarray(matrix, dtype=float, order="F")
    except (TypeError, ValueError) as exc:
        message = f"'matrix' must be a rectangular table of numbers ({exc})"
        raise ProblemError(message) from exc
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        message = (
            "'matrix' must be 2-D with at least one alternative (row) and one "
            f"criterion (column) (got shape {array.shape})"
        )
        raise ProblemError(message)
    bad = ~np.isfinite(array)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        message = f"'matrix' must be finite (matrix[{i}, {j}] is {array[i, j]})"
        raise ProblemError(message)
    return array


def _as_types(types: ArrayLike, n: int) -> np.ndarray:
    """Criterion types as a 1-D int array of 1 (benefit) and -1 (cost)."""
    try:
        array = np.asarray(types, dtype=float)
    except (TypeError, ValueError) as exc:
        message = f"'types' must contain only 1 (benefit) or -1 (cost) ({exc})"
        raise ProblemError(message) from exc
    if array.shape != (n,):
        message = f"'types' must have one entry per criterion ({n}) (got shape {array.shape})"
        raise ProblemError(message)
    bad = (array != 1) & (array != -1)
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        message = f"'types' must contain only 1 (benefit) or -1 (cost) (types[{j}] is {array[j]:g})"
        raise ProblemError(message)
    return array.astype(int)


def _as_weights(weights: ArrayLike, n: int) -> np.ndarray:
    """Weights as a (k, n) float array, each row rescaled to sum to 1 (a new array).

    Row-major (C order) whatever the input's order: the distance step's matrix product
    then always reads the same contiguous layout (same speed, same rounding). A row
    whose sum overflows or is subnormal is first divided by its largest entry.
    """
    try:
        array = np.array(weights, dtype=float, order="C")
    except (TypeError, ValueError) as exc:
        message = f"'weights' must be an array of numbers ({exc})"
        raise ProblemError(message) from exc
    if array.ndim not in (1, 2) or array.shape[-1] != n or array.shape[0] == 0:
        message = (
            f"'weights' must have shape ({n},) or (k, {n}), one entry per criterion "
            f"(got shape {array.shape})"
        )
        raise ProblemError(message)
    table = array.reshape(-1, n)
    bad = ~np.isfinite(table)
    if bad.any():
        message = f"'weights' must be finite ({_where(array, bad)} is {_at(array, bad)})"
        raise ProblemError(message)
    bad = table < 0
    if bad.any():
        message = f"'weights' must be non-negative ({_where(array, bad)} is {_at(array, bad)})"
        raise ProblemError(message)
    # Row sums as a matrix product: much faster than sum(axis=1) on short rows. An
    # overflow (inf) is dealt with just below, so numpy need not warn about it.
    with np.errstate(over="ignore"):
        totals = table @ np.ones(n)
    if not (totals > 0).all():
        row = int(np.flatnonzero(totals <= 0)[0])
        name = "'weights'" if array.ndim == 1 else f"'weights[{row}]'"
        message = f"{name} must sum to a positive number (got 0.0)"
        raise ProblemError(message)
    extreme = (totals > _SAFE_WEIGHT_SUM[1]) | (totals < _SAFE_WEIGHT_SUM[0])
    if extreme.any():  # sum overflowed, or (nearly) subnormal: divide by the largest first
        table = table.copy()
        rows = table[extreme]
        rows /= rows.max(axis=1, keepdims=True)
        table[extreme] = rows
        totals[extreme] = rows @ np.ones(n)
    return table / totals[:, None]


def _where(array: np.ndarray, bad: np.ndarray) -> str:
    """``weights[j]`` or ``weights[i, j]`` for the first True of ``bad`` (shape (k, n))."""
    i, j = np.argwhere(bad)[0]
    return f"weights[{j}]" if array.ndim == 1 else f"weights[{i}, {j}]"


def _at(array: np.ndarray, bad: np.ndarray) -> float:
    i, j = np.argwhere(bad)[0]
    return float(array.reshape(bad.shape)[i, j])


def _check_normalization(normalization: str) -> None:
    if normalization not in NORMALIZATIONS:
        valid = ", ".join(repr(name) for name in NORMALIZATIONS)
        message = f"unknown normalization {normalization!r}; valid names are {valid}"
        raise MethodError(message)


# --------------------------------------------------------------------------- kernel


def _normalize(matrix: np.ndarray, types: np.ndarray, normalization: str) -> np.ndarray:
    """pymcdm's normalisation, with 0/0 and overflow guarded.

    An all-zero column cannot be vector-normalised (0/0); it is normalised to a
    constant column instead (0 for benefit, 1 for cost: 0/0 taken as 0), which
    contributes nothing to any distance. Min-max already maps a constant column to 1.
    """
    magnitude = np.maximum(matrix.max(axis=0), -matrix.min(axis=0))
    zero = magnitude == 0
    unsafe = ~zero & ((magnitude < _SAFE_MAGNITUDE[0]) | (magnitude > _SAFE_MAGNITUDE[1]))
    if zero.any() or unsafe.any():
        matrix = matrix.copy(order="F")
        matrix[:, zero] = 1.0
        # ldexp by -frexp exponent is an exact power-of-two scaling to |x| <= 1.
        exponent = np.frexp(magnitude[unsafe])[1]
        matrix[:, unsafe] = np.ldexp(matrix[:, unsafe], -exponent)
    if normalization == "vector":
        normalized = _vector_normalization(matrix, types)
    else:
        normalized = _minmax_normalization(matrix, types)
    if zero.any() and normalization == "vector":
        normalized[:, zero] = np.where(types[zero] == 1, 0.0, 1.0)
    return normalized


def _vector_normalization(matrix: np.ndarray, types: np.ndarray) -> np.ndarray:
    """pymcdm's ``vector_normalization`` on every column at once (Fortran order in and out).

    ``x / sqrt(sum(x**2))`` for a benefit column, ``1 - x / sqrt(sum(x**2))`` for a
    cost column: the same operations as pymcdm's, so the same rounding (the column
    sums are numpy's pairwise sums of contiguous columns, as pymcdm's 1-D sums are).
    """
    norms = np.sqrt(np.sum(matrix**2, axis=0))
    normalized = np.divide(matrix, norms, out=np.empty_like(matrix, order="F"))
    cost = types != 1
    if cost.any():
        normalized[:, cost] = 1 - normalized[:, cost]
    return normalized


def _minmax_normalization(matrix: np.ndarray, types: np.ndarray) -> np.ndarray:
    """pymcdm's ``minmax_normalization`` on every column at once (Fortran order in and out).

    ``(x - min) / (max - min)`` for a benefit column, ``(max - x) / (max - min)`` for a
    cost column, and 1 for a constant column, as pymcdm computes them.
    """
    low = matrix.min(axis=0)
    high = matrix.max(axis=0)
    constant = low == high
    numerator = np.where(types == 1, matrix - low, high - matrix)
    span = np.where(constant, 1.0, high - low)
    normalized = np.divide(numerator, span, out=np.empty_like(matrix, order="F"))
    normalized[:, constant] = 1.0
    return normalized


def _kernel(
    normalized: np.ndarray, ideal: np.ndarray, anti_ideal: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distances and closeness for a (k, n) batch of non-negative weights.

    ``ideal`` and ``anti_ideal`` are the column maxima and minima of the normalised
    matrix R. For w >= 0 the ideal of the weighted matrix is w * max(R), so the
    squared distances are two matrix products: D+^2 = (w*w) @ ((R - R+)^2).T, and
    the same with R-. Returns ``(d_plus, d_minus, closeness)``, each of shape
    (k, m); a row with D+ = D- = 0 (no weighted criterion discriminates) gets
    closeness 0.5.
    """
    m = normalized.shape[0]
    squared = weights * weights
    # Both products in one: (k, n) @ (n, 2m). One call with 2m columns is several
    # times faster than two with m each (BLAS's small-matrix paths and threading).
    # The layout is fixed here, not inherited from the inputs: ``difference`` is
    # built column-major, so its transpose, the right operand, is row-major; the
    # weights are row-major (see _as_weights). Both operands are then contiguous
    # and the product goes to BLAS in one call, without copies, whatever the
    # caller's arrays were.
    difference = np.empty((2 * m, normalized.shape[1]), order="F")
    np.subtract(normalized, ideal, out=difference[:m])
    np.subtract(normalized, anti_ideal, out=difference[m:])
    np.square(difference, out=difference)
    distances = np.ascontiguousarray(squared) @ difference.T
    np.sqrt(distances, out=distances)
    d_plus, d_minus = distances[:, :m], distances[:, m:]
    total = d_plus + d_minus
    tie = total == 0
    with np.errstate(invalid="ignore"):  # 0/0 where nothing discriminates: set just below
        result = np.divide(d_minus, total, out=total)
    if tie.any():
        result[tie] = 0.5
    return d_plus, d_minus, result


def _normalized(
    array: np.ndarray, kinds: np.ndarray, normalization: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The normalised matrix R and its column maxima and minima, once sure that something
    discriminates between the alternatives (MethodError otherwise)."""
    if array.shape[0] == 1:
        message = f"only one alternative: {_NOTHING_DISCRIMINATES}"
        raise MethodError(message)
    normalized = _normalize(array, kinds, normalization)
    ideal = normalized.max(axis=0)
    anti_ideal = normalized.min(axis=0)
    if not (ideal > anti_ideal).any():
        raise MethodError(_NOTHING_DISCRIMINATES)
    return normalized, ideal, anti_ideal


def _prepare(
    matrix: ArrayLike, weights: ArrayLike, types: ArrayLike, normalization: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool]:
    """Validate everything.

    Returns the normalised matrix R, its column maxima and minima, the (k, n)
    weights (rows summing to 1) and whether the weights were 1-D.
    """
    _check_normalization(normalization)
    array = _as_matrix(matrix)
    n = array.shape[1]
    kinds = _as_types(types, n)
    table = _as_weights(weights, n)
    single = np.ndim(weights) == 1
    normalized, ideal, anti_ideal = _normalized(array, kinds, normalization)
    discriminating = ideal > anti_ideal
    if single and not (table[0, discriminating] > 0).any():
        constant = np.flatnonzero(~discriminating).tolist()
        message = (
            "the weights give no criterion that discriminates between the alternatives: "
            f"all positive weight is on criteria {constant}, on which every alternative "
            "has the same value"
        )
        raise MethodError(message)
    return normalized, ideal, anti_ideal, table, single


# --------------------------------------------------------------------------- public


@overload
def closeness(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    normalization: str = ...,
    explain: Literal[False] = ...,
) -> NDArray[np.float64]: ...
@overload
def closeness(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    normalization: str = ...,
    *,
    explain: Literal[True],
) -> TopsisExplanation: ...
@overload
def closeness(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    normalization: str = ...,
    explain: bool = ...,
) -> NDArray[np.float64] | TopsisExplanation: ...
def closeness(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    normalization: str = "vector",
    explain: bool = False,
) -> NDArray[np.float64] | TopsisExplanation:
    """TOPSIS relative closeness to the ideal solution, for one or many weight vectors.

    For each alternative i, ``C_i = D-_i / (D+_i + D-_i)``, where D+ and D- are the
    Euclidean distances of its weighted normalised performance to the positive and
    negative ideal solutions (Hwang & Yoon 1981). Larger is better; ``C_i`` is in
    [0, 1].

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        Performance of m alternatives (rows) on n criteria (columns); finite numbers.
    weights : array_like, shape (n,) or (k, n)
        Criterion weights: finite, non-negative, each vector with a positive sum.
        They need not sum to 1: closeness is unchanged when a weight vector is
        multiplied by a positive number, and each vector is rescaled internally to
        sum to 1. A 2-D array is a batch of k weight vectors, evaluated in one
        vectorised pass (no Python loop over k).
    types : array_like, shape (n,)
        1 for a benefit criterion (larger is better), -1 for a cost criterion.
    normalization : {"vector", "minmax"}, default "vector"
        ``"vector"``: ``r_ij = x_ij / ||x_j||`` as in Hwang & Yoon (1981);
        ``"minmax"``: ``(x_ij - min_j) / (max_j - min_j)``, pymcdm's default.
        Both are pymcdm's functions; a cost column is ``1 - x/||x||`` or
        ``(max - x)/(max - min)``, which gives the same closeness as taking the
        minimum as ideal.
    explain : bool, default False
        Return a :class:`TopsisExplanation` with every intermediate step instead of
        the closeness array. Only for 1-D weights.

    Returns
    -------
    ndarray or TopsisExplanation
        Shape (m,) for 1-D weights, (k, m) for 2-D weights (row r is the closeness
        under ``weights[r]``); a :class:`TopsisExplanation` if ``explain=True``.

    Raises
    ------
    ProblemError
        If ``matrix``, ``weights`` or ``types`` are malformed: not finite, wrong
        shape, negative weights, a weight vector summing to 0, a type other than
        1 or -1.
    MethodError
        If ``normalization`` is unknown; if nothing discriminates between the
        alternatives (every criterion constant, or a single alternative); if a 1-D
        weight vector puts all its weight on criteria that do not discriminate; if
        ``explain=True`` with 2-D weights.

    Notes
    -----
    A constant criterion (all alternatives equal on it, an all-zero column
    included) cannot discriminate and adds zero to both distances. In a batch, a
    weight vector with all its weight on such criteria gives D+ = D- = 0 for every
    alternative and closeness 0.5 for all (a tie) instead of 0/0.

    Results equal ``pymcdm.methods.TOPSIS(normalization_function)(matrix, weights,
    types)`` to rounding (tested to 1e-12) on every input both accept.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making:
       Methods and Applications*. Lecture Notes in Economics and Mathematical
       Systems 186. Springer, Berlin, pp. 128-140. doi:10.1007/978-3-642-48318-9

    Examples
    --------
    Hwang & Yoon's (1981) fighter-aircraft example (acquisition cost is a cost):

    >>> import numpy as np
    >>> from mcda_iso.topsis import closeness
    >>> matrix = [[2.0, 1500, 20000, 5.5, 5, 9],
    ...           [2.5, 2700, 18000, 6.5, 3, 5],
    ...           [1.8, 2000, 21000, 4.5, 7, 7],
    ...           [2.2, 1800, 20000, 5.0, 5, 5]]
    >>> types = [1, 1, 1, -1, 1, 1]
    >>> closeness(matrix, [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], types).round(3)
    array([0.643, 0.268, 0.614, 0.312])

    Many weight vectors at once:

    >>> closeness(matrix, [[0.2, 0.1, 0.1, 0.1, 0.2, 0.3], [1, 0, 0, 0, 0, 0]], types).round(3)
    array([[0.643, 0.268, 0.614, 0.312],
           [0.286, 1.   , 0.   , 0.571]])
    """
    if explain:
        return _explain(matrix, weights, types, normalization)
    normalized, ideal, anti_ideal, table, single = _prepare(matrix, weights, types, normalization)
    result = _kernel(normalized, ideal, anti_ideal, table)[2]
    return result[0] if single else result


def explain(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    normalization: str = "vector",
) -> TopsisExplanation:
    """Every intermediate step of TOPSIS for one weight vector.

    Same as ``closeness(matrix, weights, types, normalization, explain=True)``.

    Parameters
    ----------
    matrix, weights, types, normalization
        As for :func:`closeness`; ``weights`` must be 1-D.

    Returns
    -------
    TopsisExplanation
        Normalised and weighted matrices, ideal and anti-ideal solutions, distances
        and closeness. ``closeness`` is identical to :func:`closeness`'s result.

    Raises
    ------
    ProblemError, MethodError
        As for :func:`closeness`; also :class:`MethodError` for 2-D weights.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making:
       Methods and Applications*. Springer, Berlin, pp. 128-140.

    Examples
    --------
    >>> from mcda_iso.topsis import explain
    >>> steps = explain([[1, 30], [2, 20], [3, 10]], [1, 1], [1, -1])
    >>> steps.weights
    array([0.5, 0.5])
    >>> steps.ideal.round(4), steps.anti_ideal.round(4)
    (array([0.4009, 0.3664]), array([0.1336, 0.0991]))
    >>> steps.closeness
    array([0. , 0.5, 1. ])
    """
    return _explain(matrix, weights, types, normalization)


def _explain(
    matrix: ArrayLike, weights: ArrayLike, types: ArrayLike, normalization: str
) -> TopsisExplanation:
    if np.ndim(weights) != 1:
        message = (
            "explain needs a single weight vector (1-D weights) "
            f"(got weights with shape {np.shape(weights)})"
        )
        raise MethodError(message)
    normalized, ideal, anti_ideal, table, _ = _prepare(matrix, weights, types, normalization)
    d_plus, d_minus, result = _kernel(normalized, ideal, anti_ideal, table)
    w = table[0]
    weighted = normalized * w
    return TopsisExplanation(
        normalized=normalized,
        weighted=weighted,
        ideal=weighted.max(axis=0),
        anti_ideal=weighted.min(axis=0),
        d_plus=d_plus[0],
        d_minus=d_minus[0],
        closeness=result[0],
        normalization=normalization,
        weights=w,
    )


def closeness_stack(
    stack: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str = "vector"
) -> NDArray[np.float64]:
    """TOPSIS closeness of k decision matrices, each under its own weight vector.

    The kernel of :func:`closeness` (the same normalisation, guards included, of
    every column of every matrix; the same distances) for Monte Carlo samples whose
    performance values vary too: the k matrices are laid side by side as one (m, k*n)
    matrix and normalised column by column in one call.

    Parameters
    ----------
    stack : numpy.ndarray, shape (k, m, n)
        Finite performance values (validated by the caller).
    weights : numpy.ndarray, shape (k, n)
        Each row non-negative and summing to 1.
    types : numpy.ndarray, shape (n,)
    normalization : {"vector", "minmax"}

    Returns
    -------
    numpy.ndarray, shape (k, m)
        Closeness; 0.5 for every alternative where nothing weighted discriminates.

    Examples
    --------
    >>> stack = np.array([[[1.0, 2.0], [3.0, 4.0]], [[2.0, 1.0], [1.0, 2.0]]])
    >>> w = np.array([[0.5, 0.5], [1.0, 0.0]])
    >>> closeness_stack(stack, w, np.array([1, -1])).round(4).tolist()
    [[0.4142, 0.5858], [1.0, 0.0]]
    """
    _check_normalization(normalization)
    k, m, n = stack.shape
    side_by_side = np.asarray(stack, dtype=float).transpose(1, 0, 2).reshape(m, k * n)
    normalized = _normalize(
        np.asfortranarray(side_by_side), np.tile(np.asarray(types), k), normalization
    ).reshape(m, k, n)
    squared = weights * weights
    d_plus = np.sqrt(np.einsum("mkn,kn->km", (normalized - normalized.max(axis=0)) ** 2, squared))
    d_minus = np.sqrt(np.einsum("mkn,kn->km", (normalized - normalized.min(axis=0)) ** 2, squared))
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


@dataclass(frozen=True, eq=False)
class Prepared:
    """A validated, normalised decision matrix, scored under many weight vectors.

    Made by :func:`prepare`: validation and normalisation happen once, however many
    weight vectors are scored afterwards (sensitivity analyses score thousands).

    Attributes
    ----------
    normalized : numpy.ndarray, shape (m, n)
        The normalised matrix R (read-only).
    ideal, anti_ideal : numpy.ndarray, shape (n,)
        Column maxima and minima of R.
    """

    normalized: np.ndarray
    ideal: np.ndarray
    anti_ideal: np.ndarray

    def closeness(self, weights: ArrayLike) -> NDArray[np.float64]:
        """Closeness under a (k, n) batch of weight vectors: shape (k, m).

        Identical to :func:`closeness` with the same matrix and 2-D weights.
        """
        table = _as_weights(np.atleast_2d(weights), self.normalized.shape[1])
        return _kernel(self.normalized, self.ideal, self.anti_ideal, table)[2]

    def closeness_of(self, weights: np.ndarray, rows: np.ndarray) -> NDArray[np.float64]:
        """Closeness of a few alternatives only: ``rows[c]`` under ``weights[c]``.

        Parameters
        ----------
        weights : numpy.ndarray, shape (c, n)
            Non-negative rows summing to 1.
        rows : numpy.ndarray of int, shape (c, r)
            The alternatives (row positions of the matrix) to score under each vector.

        Returns
        -------
        numpy.ndarray, shape (c, r)
            The same numbers as ``closeness(weights)[c, rows[c]]`` (to rounding), in
            O(c r n) instead of O(c m n).
        """
        squared = weights * weights
        chosen = self.normalized[rows]  # (c, r, n)
        d_plus = np.sqrt(np.einsum("crn,cn->cr", (chosen - self.ideal) ** 2, squared))
        d_minus = np.sqrt(np.einsum("crn,cn->cr", (chosen - self.anti_ideal) ** 2, squared))
        total = d_plus + d_minus
        return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def prepare(matrix: ArrayLike, types: ArrayLike, normalization: str = "vector") -> Prepared:
    """Validate and normalise a decision matrix once, to score it under many weights.

    Parameters
    ----------
    matrix, types, normalization
        As for :func:`closeness`.

    Returns
    -------
    Prepared

    Raises
    ------
    ProblemError, MethodError
        As for :func:`closeness` (a single alternative; nothing discriminates).

    Examples
    --------
    >>> ready = prepare([[1, 30], [2, 20], [3, 10]], [1, -1])
    >>> ready.closeness([[1, 1], [1, 0]]).round(3).tolist()
    [[0.0, 0.5, 1.0], [0.0, 0.5, 1.0]]
    """
    _check_normalization(normalization)
    array = _as_matrix(matrix)
    kinds = _as_types(types, array.shape[1])
    normalized, ideal, anti_ideal = _normalized(array, kinds, normalization)
    for array_ in (normalized, ideal, anti_ideal):
        array_.setflags(write=False)
    return Prepared(normalized=normalized, ideal=ideal, anti_ideal=anti_ideal)
