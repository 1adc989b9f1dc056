"""Group decisions: several experts' judgments or priorities combined, and their consensus."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from mcda_iso.ahp.priorities import _priorities
from mcda_iso.ahp.results import GroupPriorities, Priorities
from mcda_iso.ahp.tables import (
    AGGREGATION_METHODS,
    METHODS,
    Method,
    _convert,
    _ri_table,
    _scale_max,
)
from mcda_iso.errors import ComparisonError, MCDAError, MethodError, ProblemError, shorten
from mcda_iso.judgments import MatrixLike, _validated

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
