"""Priorities and consistency of one matrix, completion, and the judgments to revise."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from mcda_iso.ahp.kernels import (
    _fill,
    _gci,
    _gci_logs,
    _geometric_mean,
    _harker_weights,
    _lambda_max,
    _llsm_weights,
    _perron_complete,
    _perron_root,
)
from mcda_iso.ahp.results import Judgment, Priorities
from mcda_iso.ahp.tables import (
    METHODS,
    SAATY_SCALE,
    Method,
    _convert,
    _on_scale,
    _random_index,
    _ri_table,
    default_threshold,
    gci_threshold,
)
from mcda_iso.errors import MCDAError, MethodError, shorten
from mcda_iso.judgments import (
    MatrixLike,
    _check_judgments,
    _labels,
    _reciprocal_logs,
    _require_connected,
    _resolve_names,
    _to_float_array,
    _validated,
    check_matrix,
)

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

    Notes
    -----
    For a complete matrix :math:`\\lambda_{max}` and the principal eigenvector come
    without LAPACK: in closed form for n <= 3 (for n = 3, :math:`1 + r^{1/3} +
    r^{-1/3}` with :math:`r = a_{13} / (a_{12} a_{23})`, polished by Newton's method for
    judgments reciprocal only to the tolerance), and for n >= 4 from repeated squaring
    of the matrix, accepted once the Collatz-Wielandt bounds bracket the root to
    1e-14 (``numpy.linalg.eig`` otherwise). They equal LAPACK's to 1e-12.

    References
    ----------
    Saaty (1980); Crawford & Williams (1985); Aguarón & Moreno-Jiménez (2003);
    Harker (1987); Bozóki, Fülöp & Rónyai (2010); Horn, R. A., & Johnson, C. R. (2013).
    *Matrix Analysis*, 2nd ed., Thm. 8.1.26 (Collatz-Wielandt).

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
    arr, frame_names = _to_float_array(matrix, names)
    resolved = _resolve_names(names, frame_names, arr.shape[0])
    # a complete matrix is told by whole-matrix expressions on log(a), which the
    # log-based methods use again; any other matrix is validated in full
    logs = None if strict_scale else _reciprocal_logs(arr, 1e-6)
    complete = logs is not None
    if not complete:
        _check_judgments(arr, resolved, strict_scale, True, 1e-6)
    if scale != "saaty":
        arr = _convert(arr, resolved, scale)
        logs = None  # those of the judgments as typed, not of the converted ones
    return _priorities(
        arr, resolved, method, ri_table, threshold, scale, complete=complete, logs=logs
    )


def _priorities(
    arr: np.ndarray,
    names: tuple[str, ...] | None,
    method: str,
    ri_table: str,
    threshold: float | None,
    scale: str = "saaty",
    *,
    complete: bool = False,
    logs: np.ndarray | None = None,
) -> Priorities:
    """Priorities of a validated matrix ``arr``, which the result takes over (frozen).

    ``complete``: known to hold every judgment (else NaN is looked for); ``logs``:
    ``log(arr)`` if already computed.
    """
    n = arr.shape[0]
    if threshold is None:
        threshold = default_threshold(n)
    elif isinstance(threshold, bool) or not (
        isinstance(threshold, int | float | np.floating) and 0 < threshold < math.inf
    ):
        msg = f"'threshold' must be a positive number (got {shorten(threshold)})"
        raise MCDAError(msg)
    missing = None
    if not complete:
        missing = np.isnan(arr)
        if not missing.any():
            missing = None
    gci = None
    if missing is not None:
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
        lam = _perron_root(full)  # the Perron root of the completed matrix
        if method != "eigenvector":
            gci = _gci(full, w)
        missing.setflags(write=False)
    else:
        full = arr
        if method == "eigenvector":
            lam, w = _perron_complete(arr)  # no LAPACK unless it must
        else:
            if logs is None:
                logs = np.log(arr)
            w, means = _geometric_mean(logs)
            lam = _lambda_max(arr)  # closed form or squaring: no LAPACK unless it must
            gci = _gci_logs(logs, means)
    lam = 1.0 if n == 1 else float(lam)
    ri = _random_index(n, ri_table)
    ci = cr = 0.0
    if n > 2:
        ci = max((lam - n) / (n - 1), 0.0)
        cr = ci / ri
    threshold = float(threshold)
    w.setflags(write=False)
    full.setflags(write=False)
    return Priorities._owning(
        {
            "weights": w,
            "lambda_max": lam,
            "ci": ci,
            "cr": cr,
            "ri": ri,
            "threshold": threshold,
            "consistent": cr <= threshold,
            "method": method,
            "ri_table": ri_table,
            "n": n,
            "gci": gci,
            "gci_threshold": None if gci is None else gci_threshold(n),
            "names": names,
            "matrix": full,
            "missing": missing,
            "scale": scale,
        }
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
