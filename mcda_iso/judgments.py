"""Pairwise-comparison matrices as judged: validated, with missing judgments connected.

The model of a comparison matrix before any method touches it: square, positive,
reciprocal, on the diagonal 1, its missing judgments (NaN) connecting every criterion.
:func:`check_matrix` is what :class:`~mcda_iso.Problem` validates every matrix with and
what :mod:`mcda_iso.ahp` derives priorities from.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.errors import ComparisonError, shorten
from mcda_iso.scale import SAATY_VALUES, round_judgment

__all__ = ["MatrixLike", "check_matrix"]

MatrixLike = Any  # list of lists, numpy array or pandas DataFrame

_SAATY_ARRAY = np.array(SAATY_VALUES)


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
    resolved = _resolve_names(names, frame_names, arr.shape[0])
    if strict_scale or not _complete_reciprocal(arr, tol):
        _check_judgments(arr, resolved, strict_scale, allow_missing, tol)
    return arr, resolved


def _complete_reciprocal(arr: np.ndarray, tol: float) -> bool:
    """Every judgment given, positive, finite and reciprocal, the diagonal 1: one pass.

    Two whole-matrix reductions instead of a walk over the pairs: ``min > 0`` (NaN
    fails it) and ``max |a_ij a_ji - 1| <= tol`` (inf fails it: ``inf * 0`` and
    ``inf * inf`` are not near 1); on the diagonal ``|d*d - 1| <= tol`` with ``d > 0``
    gives ``|d - 1| <= tol / (d + 1)``.
    """
    with np.errstate(invalid="ignore", over="ignore"):  # inf * 0 and the like: they fail
        if not np.minimum.reduce(arr, None) > 0:
            return False
        product = arr * arr.T
        product -= 1.0
        return bool(np.maximum.reduce(np.abs(product, out=product), None) <= tol)


def _reciprocal_logs(arr: np.ndarray, tol: float) -> np.ndarray | None:
    """``log(arr)`` if :func:`_complete_reciprocal` certainly holds, else None.

    Three whole-matrix operations decide it: ``min > 0`` (NaN fails it, and no
    logarithm can then warn), and with ``s = log a + (log a)^T``, ``sqrt(sum s^2) <=
    log1p(tol) - 1e-12`` (an infinite judgment fails it), which bounds every ``|log a_ij
    + log a_ji|``, hence ``|a_ij a_ji - 1| <= tol``; the margin of 1e-12 covers the
    rounding of the logarithms (at most 745 in size, an ulp of 1.1e-13). None means
    "not decided here": the caller validates the matrix in full, so a matrix near the
    tolerance is judged exactly as by :func:`_complete_reciprocal`.
    """
    if not np.minimum.reduce(arr, None) > 0:
        return None
    logs = np.log(arr)
    total = logs + logs.T
    if math.sqrt(np.vdot(total, total)) <= math.log1p(tol) - 1e-12:
        return logs
    return None


def _check_judgments(
    arr: np.ndarray,
    resolved: tuple[str, ...] | None,
    strict_scale: bool,
    allow_missing: bool,
    tol: float,
) -> None:
    """Raise the :class:`ComparisonError` of the first wrong judgment, if any.

    Every check at once over the whole matrix; only a matrix that fails one is walked
    pair by pair (in row order) to say which judgment is wrong, and how.
    """
    n = arr.shape[0]
    with np.errstate(invalid="ignore", over="ignore"):  # inf * 0 and the like: flagged below
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
