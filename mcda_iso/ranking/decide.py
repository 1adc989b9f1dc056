"""Rank the alternatives of a :class:`~mcda_iso.Problem`: weights → scores → ranks.

Examples
--------
>>> from mcda_iso import load_scenario, rank
>>> result = rank(load_scenario("iso9001", profile="major-customer-supplier"))
>>> result.best
'ISO 9001 certification'
>>> int(result.ranks["ISO 9001 certification"])
1
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import ahp, hierarchy_weights, synthesis, topsis
from mcda_iso.errors import ConsistencyWarning, MCDAError, ProblemError, RequirementError
from mcda_iso.problem import Problem
from mcda_iso.ranking.options import RankOptions
from mcda_iso.ranking.ranks import competition_ranks
from mcda_iso.ranking.result import Result
from mcda_iso.screening import screen

__all__ = ["check_problem", "criteria_weights", "rank"]


def check_problem(problem: Any, function: str = "rank") -> Problem:
    """``problem`` itself if it is a :class:`~mcda_iso.Problem`, else a clear ProblemError.

    Examples
    --------
    >>> check_problem(None)
    Traceback (most recent call last):
    ...
    mcda_iso.errors.ProblemError: rank needs a mcda_iso.Problem (got NoneType); build one with mcda_iso.Problem(...), mcda_iso.load_scenario(...) or mcda_iso.read_workbook(...)
    """  # noqa: E501
    if not isinstance(problem, Problem):
        message = (
            f"{function} needs a mcda_iso.Problem (got {type(problem).__name__}); build one "
            "with mcda_iso.Problem(...), mcda_iso.load_scenario(...) or "
            "mcda_iso.read_workbook(...)"
        )
        raise ProblemError(message)
    return problem


def criteria_weights(
    problem: Problem,
    ahp_method: str = "eigenvector",
    ri_table: str = "saaty",
    scale: str = "saaty",
    aggregation: str = "aij",
) -> tuple[pd.Series, ahp.Priorities | None]:
    """The criterion weights (summing to 1) and, if they came from comparisons, the AHP result.

    The weights :func:`rank` ranks with; to analyse or show a ranking, read
    :attr:`Result.weights <mcda_iso.ranking.Result>` instead.

    Parameters
    ----------
    problem : Problem
    ahp_method : {"eigenvector", "geometric_mean", "llsm"}
        How priorities are derived from the comparison matrix.
    ri_table : str
        Random-index table for the consistency ratio (see :data:`mcda_iso.ahp.RI_TABLES`).
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale the comparisons are read on (see :data:`mcda_iso.ahp.SCALES`).
    aggregation : {"aij", "aip"}
        For a problem with several experts: aggregate their judgments or their
        priorities (see :func:`mcda_iso.ahp.aggregate`); ignored otherwise.

    Returns
    -------
    tuple of (pandas.Series, Priorities or None)
        For a problem with sub-criteria: the global weights of the leaf criteria
        and the top-level matrix's AHP result. With experts: the group's weights
        and the group matrix's AHP result.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> weights, pri = criteria_weights(load_scenario("iso9001"))
    >>> round(float(weights.sum()), 12), pri.consistent
    (1.0, True)
    """
    check_problem(problem, "criteria_weights")
    options = RankOptions(
        ahp_method=ahp_method, ri_table=ri_table, scale=scale, aggregation=aggregation
    )
    weights, priorities, _, _ = _weights(problem, options)
    return weights, priorities


def _weights(
    problem: Problem, options: RankOptions
) -> tuple[
    pd.Series,
    ahp.Priorities | None,
    hierarchy_weights.HierarchyWeights | None,
    Mapping[str | None, ahp.GroupPriorities] | None,
]:
    """Leaf weights, the criteria (or group) matrix's priorities, the tree, the groups."""
    how = {"ahp_method": options.ahp_method, "ri_table": options.ri_table, "scale": options.scale}
    if problem.experts:  # aggregated matrix by matrix (one matrix without sub-criteria)
        levels, groups = hierarchy_weights.group_weights(
            problem, aggregation=options.aggregation, **how
        )
        return levels.leaves.rename("weight"), groups[None].group, levels, groups
    if not problem.hierarchy.is_flat:
        tree = hierarchy_weights.problem_weights(problem, **how)
        return tree.leaves, tree.priorities.get(None), tree, None
    names = list(problem.criterion_names)
    if problem.weights is not None:
        w = problem.weights.to_numpy()
        return pd.Series(w / w.sum(), index=names, name="weight"), None, None, None
    result = ahp.priorities(problem.comparisons.to_numpy(), names=names, method=options.ahp_method,
                            ri_table=options.ri_table, scale=options.scale)  # fmt: skip
    return pd.Series(np.asarray(result.weights), index=names, name="weight"), result, None, None


def _alternative_priorities(problem: Problem, options: RankOptions) -> dict[str, ahp.Priorities]:
    """Local priorities and consistency of each alternatives comparison matrix."""
    out = {}
    for crit, frame in (problem.alternative_comparisons or {}).items():
        try:
            out[crit] = ahp.priorities(
                frame,  # type: ignore[arg-type]
                method=options.ahp_method,
                ri_table=options.ri_table,
                scale=options.scale,
            )
        except MCDAError as exc:
            raise type(exc)(f"alternative comparisons under {crit!r}: {exc}") from exc
    return out


def _warn_inconsistent(
    priorities: ahp.Priorities | None,
    groups: Mapping[str | None, ahp.GroupPriorities] | None,
    levels: hierarchy_weights.HierarchyWeights | None,
    local: Mapping[str, ahp.Priorities],
) -> None:
    """One ConsistencyWarning per kind of inconsistent matrix (stacklevel: rank's caller)."""
    if priorities is not None and not priorities.consistent:
        warnings.warn(
            f"{'group' if groups else 'criteria'} comparisons are inconsistent: "
            f"CR = {priorities.cr:.3f} exceeds "
            f"{priorities.threshold:.2f}; revise the judgments "
            "(see mcda_iso.ahp.most_inconsistent)",
            ConsistencyWarning,
            stacklevel=3,
        )
    if groups is not None:
        bad = list(
            dict.fromkeys(
                e for g in groups.values() for e, p in g.experts.items() if not p.consistent
            )
        )
        if bad:
            warnings.warn(
                f"the judgments of {', '.join(bad)} are inconsistent (CR above the threshold); "
                "see Result.group for each expert's CR",
                ConsistencyWarning,
                stacklevel=3,
            )
    bad = [c for c, p in local.items() if not p.consistent]
    if bad:
        warnings.warn(
            f"the pairwise comparisons of the alternatives under {', '.join(bad)} are "
            "inconsistent (CR above the threshold); see Result.alternative_priorities",
            ConsistencyWarning,
            stacklevel=3,
        )
    if levels is not None:
        for parent, pri in levels.priorities.items():
            if parent is not None and not pri.consistent:
                warnings.warn(
                    f"comparisons of the sub-criteria of {parent!r} are inconsistent: "
                    f"CR = {pri.cr:.3f} exceeds {pri.threshold:.2f}; revise the judgments",
                    ConsistencyWarning,
                    stacklevel=3,
                )


def _score(
    matrix: np.ndarray,
    weights: np.ndarray,
    types: np.ndarray,
    options: RankOptions,
    criteria: list[str],
    alternatives: list[str] | None = None,
) -> np.ndarray:
    """Scores under one weight vector (m,) or a batch (k, m), with the ranking's method."""
    if options.method == "topsis":
        return topsis.closeness(matrix, weights, types, normalization=options.normalization)
    return synthesis.scores(
        matrix, weights, types, mode=options.mode, names=criteria, alternatives=alternatives
    )


def _expert_weights(
    problem: Problem, groups: Mapping[str | None, ahp.GroupPriorities], leaves: list[str]
) -> pd.DataFrame:
    """Each expert's own weights of the leaf criteria (rows: experts)."""
    if not problem.hierarchy.is_flat:
        return hierarchy_weights.expert_global_weights(problem.hierarchy, groups)[leaves]
    experts = groups[None].experts
    return pd.DataFrame([np.asarray(p.weights) for p in experts.values()],
                        index=pd.Index(list(experts), name="expert"), columns=leaves)  # fmt: skip


def rank(
    problem: Problem,
    method: str = "topsis",
    *,
    normalization: str = "vector",
    ahp_method: str = "eigenvector",
    ri_table: str = "saaty",
    aggregation: str = "aij",
    mode: str = "distributive",
    scale: str = "saaty",
) -> Result:
    """Rank the alternatives of a problem.

    Steps: options validated (:class:`~mcda_iso.ranking.RankOptions`) → weights
    (typed, or AHP priorities of the comparison matrices, with consistency ratios)
    → local priorities of alternatives compared pairwise → screening against
    requirements → scores (TOPSIS closeness or AHP synthesis) → ranks. The
    :class:`~mcda_iso.ranking.Result` keeps all of it, options included: every
    analysis (:mod:`mcda_iso.sensitivity`) and output reads it from there.

    Parameters
    ----------
    problem : Problem
    method : {"topsis", "ahp"}
        ``"topsis"``: closeness to the ideal solution (Hwang & Yoon 1981).
        ``"ahp"``: AHP synthesis: benefit columns divided by their sum (or, in ideal
        mode, their maximum), cost columns by their reciprocals, weighted sum
        (values must be positive).
    normalization : {"vector", "minmax"}
        TOPSIS normalisation (vector is the textbook default).
    ahp_method : {"eigenvector", "geometric_mean", "llsm"}
        How priorities are derived from comparison matrices (criteria, and
        alternatives where they are compared pairwise).
    ri_table : str
        Random-index table for the consistency ratio (:data:`mcda_iso.ahp.RI_TABLES`;
        ``"ahp_os"`` gives AHP-OS's CR).
    aggregation : {"aij", "aip"}
        For a problem with several experts: aggregate their individual
        judgments (``"aij"``, the default) or their individual priorities
        (``"aip"``); see :func:`mcda_iso.ahp.aggregate`. Ignored otherwise.
    mode : {"distributive", "ideal"}
        AHP synthesis mode (``method="ahp"`` only): ``"ideal"`` divides each
        criterion's local priorities by the best one (see :mod:`mcda_iso.synthesis`).
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale every comparison matrix is read on: the judgments are
        stated on Saaty's 1-9 scale and converted with
        :func:`mcda_iso.ahp.convert_scale`. Typed weights are not affected.

    Returns
    -------
    Result

    Warns
    -----
    ConsistencyWarning
        When a comparison matrix's consistency ratio is above its threshold
        (the criteria matrix or group matrix, an expert's, an alternatives matrix).

    Raises
    ------
    ProblemError
        ``problem`` is not a :class:`~mcda_iso.Problem`.
    MethodError
        Unknown option, or data the method cannot rank (e.g. nothing discriminates).
    RequirementError
        If no alternative meets the requirements.
    """
    check_problem(problem)
    options = RankOptions(
        method=method,
        normalization=normalization,
        ahp_method=ahp_method,
        ri_table=ri_table,
        aggregation=aggregation,
        mode=mode,
        scale=scale,
    )
    weights, priorities, levels, groups = _weights(problem, options)
    local = _alternative_priorities(problem, options)
    _warn_inconsistent(priorities, groups, levels, local)
    if levels is None:
        levels = hierarchy_weights.flat_weights(weights, priorities)
    group = None if groups is None else groups[None]
    by_parent = None if groups is None or problem.hierarchy.is_flat else groups
    screening = screen(problem)
    if not screening.passed:
        reasons = "; ".join(f"{a}: {why}" for a, why in screening.reasons.items())
        raise RequirementError(f"no alternative meets the requirements ({reasons})")
    index = list(screening.passed)
    criteria = list(problem.criterion_names)
    full = np.array(problem.matrix, dtype=float)
    for crit, pri in local.items():
        full[:, criteria.index(crit)] = pri.weights
    position = {name: i for i, name in enumerate(problem.alternative_names)}
    matrix = full[[position[a] for a in index]]
    w = weights.to_numpy()
    details = None
    notes: tuple[str, ...] = ()
    if len(index) == 1:
        scores = np.ones(1)
        notes = ("only one alternative meets the requirements; it is ranked first by default",)
    elif options.method == "topsis":
        exp = topsis.explain(matrix, w, problem.types, normalization=options.normalization)
        scores = np.asarray(exp.closeness)
        details = pd.DataFrame({"d_plus": exp.d_plus, "d_minus": exp.d_minus}, index=index)
    else:
        scores = _score(matrix, w, problem.types, options, criteria, index)
    expert_scores = None
    if groups is not None and len(index) > 1:
        table = _expert_weights(problem, groups, list(weights.index))
        expert_scores = pd.DataFrame(
            _score(matrix, table.to_numpy(), problem.types, options, criteria, index),
            index=table.index,
            columns=index,
        )
    return Result(
        problem=problem,
        expert_scores=expert_scores,
        options=options,
        weights=weights,
        matrix=pd.DataFrame(matrix, index=index, columns=criteria),
        scores=pd.Series(scores, index=index, name="score"),
        ranks=pd.Series(competition_ranks(scores), index=index, name="rank"),
        ahp=levels.priorities.get(None, priorities),  # with sub-criteria: the top level's
        screening=screening,
        details=details,
        notes=notes,
        group=group,
        group_by_parent=by_parent,
        alternative_priorities=local,
        local_weights=levels.local,
        global_weights=levels.global_,
        priorities_by_parent=levels.priorities,
    )
