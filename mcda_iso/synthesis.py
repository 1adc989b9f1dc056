"""AHP synthesis over a performance matrix (the AHP "ratings" synthesis).

Each criterion column becomes local priorities of the alternatives, then the
overall score is the weighted sum of local priorities (Saaty 1980). Two modes
(Millet & Saaty 2000):

* ``"distributive"``: each column divided by its sum (a cost column: the
  reciprocals divided by their sum); the scores sum to 1 and share a fixed
  total, so adding or removing an alternative can change the order of the others;
* ``"ideal"``: each column (reciprocal for a cost) divided by its maximum, so the
  best alternative on a criterion gets its full weight; adding an alternative that
  is not a new best on any criterion does not change the order of the others.

Like :mod:`mcda_iso.topsis`, scores are computed for one weight vector or for a
batch of them in one matrix product.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mcda_iso.errors import MethodError, ProblemError

# The decision problem is validated exactly as TOPSIS validates it.
from mcda_iso.topsis import _as_matrix, _as_types, _as_weights

__all__ = ["MODES", "normalize", "scores", "scores_stack"]

MODES: tuple[str, ...] = ("distributive", "ideal")
"""Valid values of ``mode``: ``"distributive"`` (the default) and ``"ideal"``."""

# Columns whose values span more than this many powers of ten cannot be turned into
# reciprocals and sums without overflow.
_MAX_DECADES = 300


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        valid = ", ".join(repr(name) for name in MODES)
        message = f"unknown synthesis mode {mode!r}; valid modes are {valid}"
        raise MethodError(message)


def _criterion(j: int, names: Sequence[str] | None) -> str:
    return f"{names[j]!r}" if names is not None else f"the criterion in column {j + 1}"


def _alternative(i: int, alternatives: Sequence[str] | None) -> str:
    return f"{alternatives[i]!r}" if alternatives is not None else f"the alternative in row {i + 1}"


def _check_names(names: Sequence[str] | None, n: int, what: str = "criterion") -> None:
    if names is not None and len(names) != n:
        argument = "names" if what == "criterion" else "alternatives"
        message = f"'{argument}' must have one name per {what} ({n}) (got {len(names)})"
        raise ProblemError(message)


def _check_positive(
    matrix: np.ndarray, names: Sequence[str] | None, alternatives: Sequence[str] | None = None
) -> None:
    """Raise MethodError naming the alternative and criterion of the first non-positive value."""
    bad = matrix <= 0
    if bad.any():
        j = int(np.flatnonzero(bad.any(axis=0))[0])
        i = int(np.flatnonzero(bad[:, j])[0])
        count = int(bad.sum())
        more = f" (and {count - 1} more zero or negative value(s))" if count > 1 else ""
        message = (
            "AHP synthesis needs strictly positive performance values (it divides by them): "
            f"{_alternative(i, alternatives)} has {matrix[i, j]:g} on {_criterion(j, names)}"
            f"{more}. Rank with TOPSIS (method='topsis'), which accepts zero and negative "
            "values, or enter a small positive value in the same unit if that means the same "
            "to you"
        )
        raise MethodError(message)
    decades = np.log10(matrix.max(axis=0)) - np.log10(matrix.min(axis=0))
    if (decades > _MAX_DECADES).any():
        j = int(np.flatnonzero(decades > _MAX_DECADES)[0])
        message = (
            f"AHP synthesis cannot compare values of {_criterion(j, names)}: they span "
            f"{decades[j]:.0f} powers of ten (at most {_MAX_DECADES})"
        )
        raise MethodError(message)


def _local_priorities(matrix: np.ndarray, types: np.ndarray, mode: str) -> np.ndarray:
    """The pure kernel: local priorities from a validated, strictly positive matrix.

    ``matrix`` is (m, n) or a stack (k, m, n): every column (axis -2) is normalised on
    its own. pymcdm's ``sum_normalization`` and ``max_normalization`` (through
    ``normalize_matrix``), written as whole-array numpy expressions with the same
    operations, so that ``import mcda_iso`` need not load pymcdm
    (tests/test_synthesis.py checks them against pymcdm's to 1e-15).
    """
    # Scale each column by an exact power of two to |x| <= 1: both modes are
    # invariant to it, and reciprocals and sums then stay inside float range.
    exponent = np.frexp(matrix.max(axis=-2, keepdims=True))[1]
    matrix = np.ldexp(matrix, -exponent)
    oriented = np.where(types == 1, matrix, 1.0 / matrix)
    if mode == "distributive":
        return oriented / np.sum(oriented, axis=-2, keepdims=True)
    return oriented / np.max(oriented, axis=-2, keepdims=True)


def normalize(
    matrix: ArrayLike,
    types: ArrayLike,
    mode: str = "distributive",
    names: Sequence[str] | None = None,
    *,
    alternatives: Sequence[str] | None = None,
) -> NDArray[np.float64]:
    """Local priorities of the alternatives on each criterion (AHP ratings synthesis).

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        Performance of m alternatives (rows) on n criteria (columns); finite and
        strictly positive (ratios of performances must mean something).
    types : array_like, shape (n,)
        1 for a benefit criterion (larger is better), -1 for a cost criterion.
    mode : {"distributive", "ideal"}, default "distributive"
        ``"distributive"``: a benefit column divided by its sum, a cost column
        replaced by reciprocals then divided by their sum (each column sums to 1).
        ``"ideal"``: each column (reciprocals for a cost) divided by its maximum
        (the best alternative gets 1).
    names : sequence of str, optional
        Criterion names, used in error messages instead of column numbers.
    alternatives : sequence of str, optional
        Alternative names, used in error messages instead of row numbers.

    Returns
    -------
    ndarray, shape (m, n)
        Local priorities, all strictly positive.

    Raises
    ------
    ProblemError
        If ``matrix`` or ``types`` are malformed, or ``names`` has the wrong length.
    MethodError
        If ``mode`` is unknown, or a performance value is not strictly positive
        (the message names the criterion and the alternative).

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
    .. [2] Millet, I., & Saaty, T. L. (2000). On the relativity of relative measures -
       accommodating both rank preservation and rank reversals in the AHP.
       *European Journal of Operational Research*, 121(1), 205-212.

    Examples
    --------
    >>> from mcda_iso.synthesis import normalize
    >>> normalize([[1, 2], [3, 4]], [1, -1])
    array([[0.25      , 0.66666667],
           [0.75      , 0.33333333]])
    >>> normalize([[1, 2], [3, 4]], [1, -1], mode="ideal")
    array([[0.33333333, 1.        ],
           [1.        , 0.5       ]])
    >>> normalize([[1, 0], [3, 4]], [1, -1], names=["benefit", "cost"],
    ...           alternatives=["Status quo", "ISO 9001"])
    Traceback (most recent call last):
        ...
    mcda_iso.errors.MethodError: AHP synthesis needs strictly positive performance values (it divides by them): 'Status quo' has 0 on 'cost'. Rank with TOPSIS (method='topsis'), which accepts zero and negative values, or enter a small positive value in the same unit if that means the same to you
    """  # noqa: E501
    _check_mode(mode)
    array = _as_matrix(matrix)
    kinds = _as_types(types, array.shape[1])
    _check_names(names, array.shape[1])
    _check_names(alternatives, array.shape[0], "alternative")
    _check_positive(array, names, alternatives)
    return _local_priorities(array, kinds, mode)


def scores(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    mode: str = "distributive",
    names: Sequence[str] | None = None,
    *,
    alternatives: Sequence[str] | None = None,
) -> NDArray[np.float64]:
    """Overall AHP scores: weighted sums of local priorities, for one or many weight vectors.

    Parameters
    ----------
    matrix, types, mode, names, alternatives
        As for :func:`normalize`.
    weights : array_like, shape (n,) or (k, n)
        Criterion weights: finite, non-negative, each vector with a positive sum.
        Each vector is normalised to sum to 1. A 2-D array is a batch of k weight
        vectors, scored in one matrix product.

    Returns
    -------
    ndarray
        Shape (m,) for 1-D weights, (k, m) for 2-D weights (row r is the scores
        under ``weights[r]``). In distributive mode each score vector sums to 1;
        in ideal mode an alternative best on every criterion scores 1.

    Raises
    ------
    ProblemError
        If ``matrix``, ``weights``, ``types`` or ``names`` are malformed.
    MethodError
        As for :func:`normalize`.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
    .. [2] Millet, I., & Saaty, T. L. (2000). On the relativity of relative measures -
       accommodating both rank preservation and rank reversals in the AHP.
       *European Journal of Operational Research*, 121(1), 205-212.

    Examples
    --------
    >>> from mcda_iso.synthesis import scores
    >>> scores([[1, 2], [3, 4]], [3, 1], [1, -1])
    array([0.35416667, 0.64583333])
    >>> scores([[1, 2], [3, 4]], [[3, 1], [0, 1]], [1, -1], mode="ideal")
    array([[0.5  , 0.875],
           [1.   , 0.5  ]])
    """
    local = normalize(matrix, types, mode, names, alternatives=alternatives)
    table = _as_weights(weights, local.shape[1])
    result = table @ local.T
    return result[0] if np.ndim(weights) == 1 else result


def scores_stack(
    stack: np.ndarray, weights: np.ndarray, types: np.ndarray, mode: str = "distributive"
) -> NDArray[np.float64]:
    """Scores of k decision matrices, each under its own weight vector, in one pass.

    The kernel of :func:`scores` (the same local priorities, column by column of
    each matrix) for Monte Carlo samples whose performance values vary too.

    Parameters
    ----------
    stack : numpy.ndarray, shape (k, m, n)
        Strictly positive, finite performance values (validated by the caller).
    weights : numpy.ndarray, shape (k, n)
        Each row non-negative and summing to 1.
    types : numpy.ndarray, shape (n,)
    mode : {"distributive", "ideal"}

    Returns
    -------
    numpy.ndarray, shape (k, m)

    Examples
    --------
    >>> stack = np.array([[[1.0, 2.0], [3.0, 4.0]]] * 2)
    >>> w = np.array([[0.75, 0.25], [0.0, 1.0]])
    >>> scores_stack(stack, w, np.array([1, -1]), "ideal").round(3).tolist()
    [[0.5, 0.875], [1.0, 0.5]]
    """
    _check_mode(mode)
    local = _local_priorities(np.asarray(stack, dtype=float), np.asarray(types), mode)
    return np.einsum("kmn,kn->km", local, weights)
