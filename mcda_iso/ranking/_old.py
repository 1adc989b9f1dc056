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
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd
from pymcdm.correlations import spearman

from mcda_iso import ahp, hierarchy, synthesis, topsis
from mcda_iso.errors import ConsistencyWarning, MCDAError, MethodError, RequirementError
from mcda_iso.problem import Problem
from mcda_iso.screening import Screening, screen

__all__ = [
    "AGGREGATIONS",
    "METHODS",
    "RankingComparison",
    "Result",
    "ScaleComparison",
    "compare",
    "compare_scales",
    "consensus_words",
    "criteria_weights",
    "method_title",
    "rank",
]

#: Ranking methods understood by :func:`rank`.
METHODS: tuple[str, ...] = ("topsis", "ahp")


#: How :func:`rank` can combine several experts' judgments (see :func:`mcda_iso.ahp.aggregate`).
AGGREGATIONS: tuple[str, ...] = ahp.AGGREGATION_METHODS

_AGGREGATIONS = {
    "aij": "aggregation of individual judgments",
    "aip": "aggregation of individual priorities",
}

# Goepel's (2013) word scale for the AHP consensus indicator (upper bounds).
_CONSENSUS_WORDS = ((0.5, "very low"), (0.625, "low"), (0.75, "moderate"), (0.875, "high"))


def method_title(method: str, mode: str | None = None) -> str:
    """A ranking method in words, as reports and workbooks show it.

    Examples
    --------
    >>> method_title("topsis"), method_title("ahp"), method_title("ahp", "ideal")
    ('TOPSIS', 'AHP synthesis (distributive mode)', 'AHP synthesis (ideal mode)')
    """
    if method == "ahp":
        return f"AHP synthesis ({mode or 'distributive'} mode)"
    return "TOPSIS" if method == "topsis" else method


def consensus_words(consensus: float) -> str:
    """Goepel's word for a consensus value: very low, low, moderate, high or very high.

    Examples
    --------
    >>> consensus_words(0.7)
    'moderate'
    """
    for bound, words in _CONSENSUS_WORDS:
        if consensus < bound:
            return words
    return "very high"


def criteria_weights(
    problem: Problem,
    ahp_method: str = "eigenvector",
    ri_table: str = "saaty",
    scale: str = "saaty",
    aggregation: str = "aij",
) -> tuple[pd.Series, ahp.Priorities | None]:
    """The criterion weights (summing to 1) and, if they came from comparisons, the AHP result.

    Parameters
    ----------
    problem : Problem
    ahp_method : {"eigenvector", "geometric_mean"}
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
        and the top-level matrix's AHP result
        (:func:`mcda_iso.hierarchy.problem_weights` gives every matrix's). With
        experts: the group's weights and the group matrix's AHP result.
    """
    if aggregation not in AGGREGATIONS:
        raise MethodError(
            f"unknown aggregation {aggregation!r}; choose one of {', '.join(AGGREGATIONS)}"
        )
    if problem.experts:
        levels, groups = hierarchy.group_weights(
            problem, aggregation=aggregation, ahp_method=ahp_method, ri_table=ri_table, scale=scale
        )
        return levels.leaves.rename("weight"), groups[None].group
    if not problem.hierarchy.is_flat:
        tree = hierarchy.problem_weights(
            problem, ahp_method=ahp_method, ri_table=ri_table, scale=scale
        )
        return tree.leaves, tree.priorities.get(None)
    names = list(problem.criterion_names)
    if problem.weights is not None:
        w = problem.weights.to_numpy()
        return pd.Series(w / w.sum(), index=names, name="weight"), None
    result = ahp.priorities(
        problem.comparisons.to_numpy(),
        method=ahp_method,
        ri_table=ri_table,
        names=names,
        scale=scale,
    )
    return pd.Series(np.asarray(result.weights), index=names, name="weight"), result


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = best; equal scores, to 12 decimals, share the better rank)."""
    rounded = np.round(scores, 12)
    return (rounded[None, :] > rounded[:, None]).sum(axis=1) + 1


@dataclass(frozen=True, eq=False)
class Result:
    """The outcome of :func:`rank`.

    Attributes
    ----------
    problem : Problem
        The problem that was ranked.
    method : str
        ``"topsis"`` or ``"ahp"``.
    weights : pandas.Series
        Criterion weights used (sum 1), by criterion name.
    scores : pandas.Series
        Score per ranked alternative (TOPSIS closeness, or AHP global priority),
        in the problem's order; screened-out alternatives are not included.
    ranks : pandas.Series
        Rank per ranked alternative, 1 = best; equal scores share a rank.
    ahp : Priorities or None
        The AHP priorities and consistency when weights came from comparisons.
    screening : Screening
        Which alternatives passed the requirements and why others did not.
    normalization : str or None
        TOPSIS normalisation used (None for AHP).
    details : pandas.DataFrame or None
        For TOPSIS: distances ``d_plus`` (to the ideal) and ``d_minus`` (to the
        anti-ideal) per ranked alternative.
    group : GroupPriorities or None
        For a problem with several experts: each expert's weights and CR, the
        group matrix's CR, Goepel's consensus and the most deviating expert
        (see :func:`mcda_iso.ahp.aggregate`); :attr:`ahp` is then the group
        matrix's priorities. With sub-criteria: those of the top-level
        criteria matrix (every matrix is in :attr:`group_by_parent`).
    group_by_parent : Mapping[str or None, GroupPriorities] or None
        For a problem with sub-criteria and several experts: the aggregation of
        each comparison matrix, by parent (None: the top level); None otherwise.
    alternative_priorities : Mapping[str, Priorities]
        For criteria rated by pairwise comparisons of the alternatives: the
        alternatives' local priorities and the CR of each matrix, by criterion.
    mode : str or None
        AHP synthesis mode, ``"distributive"`` or ``"ideal"`` (None for TOPSIS).
    local_weights : pandas.Series or None
        Local weight of every criterion within its set of siblings, groups
        included (for a problem without sub-criteria: :attr:`weights`).
    global_weights : pandas.Series or None
        Global weight of every criterion: the product of the local weights down
        its path (a group's is the sum of its sub-criteria's). :attr:`weights`
        holds the leaves' global weights, the ones ranked with.
    priorities_by_parent : Mapping[str or None, Priorities]
        The AHP result (weights, CR) of each criteria comparison matrix, by
        parent (None: the top level); empty when the weights were typed.
    scale : str
        The judgment scale the comparisons were read on (see :func:`rank`).
    """

    problem: Problem
    method: str
    weights: pd.Series
    scores: pd.Series
    ranks: pd.Series
    ahp: ahp.Priorities | None
    screening: Screening
    normalization: str | None = None
    details: pd.DataFrame | None = None
    notes: tuple[str, ...] = field(default=())
    group: ahp.GroupPriorities | None = None
    group_by_parent: Mapping[str | None, ahp.GroupPriorities] | None = None
    alternative_priorities: Mapping[str, ahp.Priorities] = field(
        default_factory=lambda: MappingProxyType({})
    )
    mode: str | None = None
    local_weights: pd.Series | None = None
    global_weights: pd.Series | None = None
    priorities_by_parent: Mapping[str | None, ahp.Priorities] = field(
        default_factory=lambda: MappingProxyType({})
    )
    scale: str = "saaty"

    @property
    def method_title(self) -> str:
        """The method in words, e.g. ``"AHP synthesis (ideal mode)"``."""
        return method_title(self.method, self.mode)

    @property
    def expert_priorities(self) -> pd.DataFrame | None:
        """Each expert's criteria weights (rows: experts, columns: criteria), or None.

        With sub-criteria: each expert's global weights of the leaf criteria (the
        product of that expert's local weights down the tree).
        Ready for :func:`mcda_iso.sensitivity.monte_carlo`
        (``weights="experts", expert_weights=result.expert_priorities``).
        """
        if self.group is None:
            return None
        if self.group_by_parent is not None:
            return hierarchy.expert_global_weights(self.problem.hierarchy, self.group_by_parent)
        frame = pd.DataFrame(
            {e: np.asarray(p.weights) for e, p in self.group.experts.items()},
            index=list(self.weights.index),
        ).T
        frame.index.name = "expert"
        return frame

    @property
    def consensus(self) -> float | None:
        """Goepel's AHP consensus :math:`S^*` of the experts, or None.

        None unless several experts judged the criteria. With sub-criteria, the
        consensus of the hierarchy as AHP-OS computes it (Goepel 2018): the mean of
        every comparison matrix's :math:`S^*` (in :attr:`group_by_parent`), each
        weighted by the group's global weight of its parent (1 for the top level),
        so that agreement on heavy criteria counts more.
        """
        if self.group is None or self.group.consensus is None:
            return None
        if self.group_by_parent is None:
            return self.group.consensus
        assert self.global_weights is not None
        judged = [
            (1.0 if parent is None else float(self.global_weights[parent]), g.consensus)
            for parent, g in self.group_by_parent.items()
            if len(g.weights) > 1 and g.consensus is not None  # one sub-criterion: no judgment
        ]
        return sum(w * s for w, s in judged) / sum(w for w, _ in judged)

    @property
    def most_deviating(self) -> tuple[str, float] | None:
        """The expert whose criteria weights are farthest (Euclidean distance) from the
        group's, and that distance; None unless several experts judged the criteria.

        With sub-criteria: on the global weights of the leaf criteria
        (:attr:`expert_priorities`); each matrix's is in :attr:`group_by_parent`.
        """
        group = self.group
        if group is None or group.most_deviating is None:
            return None
        if self.group_by_parent is None:
            return group.most_deviating, float(group.deviations[group.most_deviating])
        table = self.expert_priorities
        assert table is not None
        distance = np.linalg.norm(table.to_numpy() - self.weights.to_numpy(), axis=1)
        k = int(np.argmax(distance))
        return str(table.index[k]), float(distance[k])

    @property
    def best(self) -> str:
        """The first-ranked alternative (the first in problem order if several tie)."""
        return str(self.ranks.idxmin())

    @property
    def consistent(self) -> bool | None:
        """The AHP consistency verdict (None when weights were typed directly).

        With sub-criteria: True only if every comparison matrix is consistent.
        """
        if len(self.priorities_by_parent) > 1:
            return all(p.consistent for p in self.priorities_by_parent.values())
        return None if self.ahp is None else bool(self.ahp.consistent)

    def ordered(self) -> list[str]:
        """Ranked alternatives, best first."""
        return list(self.ranks.sort_values(kind="stable").index)

    def recommendation(self) -> str:
        """The recommendation in one sentence."""
        order = self.ordered()
        best = order[0]
        tied = [a for a in order if self.ranks[a] == 1]
        if len(tied) > 1:
            text = f"No single winner: {', '.join(tied)} tie for first place ({self.method_title})."
        elif len(order) == 1:
            text = f"Recommended: {best} (the only alternative meeting the requirements)."
        else:
            runner = order[1]
            text = (
                f"Recommended: {best} (score {self.scores[best]:.3f}, ahead of {runner} "
                f"at {self.scores[runner]:.3f}; {self.method_title})."
            )
        if self.ahp is not None and not self.ahp.consistent:
            text += (
                f" Caution: the criteria judgments are inconsistent (CR {self.ahp.cr:.3f} > "
                f"{self.ahp.threshold:.2f}); revise them before relying on this."
            )
        bad = [
            k for k, p in self.priorities_by_parent.items() if k is not None and not p.consistent
        ]
        if bad:
            text += (
                " Caution: the judgments of the sub-criteria of "
                f"{', '.join(repr(k) for k in bad)} are inconsistent; revise them before "
                "relying on this."
            )
        return text

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative, best first: score, rank, TOPSIS distances; then the rest.

        Screened-out alternatives have no score or rank and say why in ``screened_out``.
        """
        order = self.ordered()
        frame = pd.DataFrame(
            {"score": self.scores[order], "rank": self.ranks[order].astype("Int64")}, index=order
        )
        if self.details is not None:
            frame = frame.join(self.details)
        reasons = self.screening.reasons
        if reasons:
            out = pd.DataFrame(index=list(reasons))
            frame = pd.concat([frame, out])
            frame["rank"] = frame["rank"].astype("Int64")
            frame["screened_out"] = [reasons.get(a, "") for a in frame.index]
        frame.index.name = "alternative"
        return frame

    def _group_lines(self) -> list[str]:
        group = self.group
        if group is None:
            return []
        how = _AGGREGATIONS.get(group.method, group.method)
        lines = [f"Experts ({group.method.upper()}: {how}):"]
        width = max(len(e) for e in group.experts)
        every = self.group_by_parent or {None: group}
        for name in group.experts:
            found = {p: g.experts[name] for p, g in every.items()}
            verdict = "consistent" if all(x.consistent for x in found.values()) else "INCONSISTENT"
            crs = " / ".join(
                f"{x.cr:.3f}"
                + ("" if len(found) == 1 else f" {hierarchy.TOP_LABEL}" if p is None else f" ({p})")
                for p, x in found.items()
            )
            lines.append(
                f"  {name:<{width}}  weight {group.expert_weights[name]:.3f}  CR {crs}  {verdict}"
            )
        table = self.expert_priorities
        assert table is not None
        consensus, deviating = self.consensus, self.most_deviating
        if consensus is not None and deviating is not None:
            lines.append(
                f"Consensus S* = {consensus:.3f} ({consensus_words(consensus)}); "
                f"most deviating expert: {deviating[0]}"
            )
        table.loc["group"] = self.weights.to_numpy()
        table.index.name = None
        lines.append(
            "Criteria weights by expert:"
            if self.group_by_parent is None
            else "Global weights of the leaf criteria by expert:"
        )
        text = table.to_string(float_format=lambda x: f"{x:.3f}")
        lines += ["  " + line for line in text.splitlines()]
        return lines

    def _alternative_lines(self) -> list[str]:
        if not self.alternative_priorities:
            return []
        lines = ["Alternatives compared pairwise:"]
        for crit, pri in self.alternative_priorities.items():
            verdict = "consistent" if pri.consistent else "INCONSISTENT: revise the judgments"
            lines.append(f"  {crit}: CR = {pri.cr:.3f} (threshold {pri.threshold:.2f}) — {verdict}")
        return lines

    def _hierarchy_lines(self) -> list[str]:
        problem = self.problem
        if problem.hierarchy.is_flat or self.local_weights is None:
            return []
        tree = problem.hierarchy
        assert self.global_weights is not None
        lines = ["Criteria hierarchy (local weight, global weight):"]
        width = max(2 * (len(tree.path(n)) - 1) + len(n) for n in tree.names)

        def walk(parent: str | None, depth: int) -> None:
            for name in tree.children(parent):
                label = "  " * depth + name
                lines.append(
                    f"  {label:<{width}}  {self.local_weights[name]:.3f}  "
                    f"{self.global_weights[name]:.3f}"
                )
                walk(name, depth + 1)

        walk(None, 0)
        if self.priorities_by_parent:
            lines.append("Consistency by comparison matrix:")
            for parent, pri in self.priorities_by_parent.items():
                what = hierarchy.TOP_LABEL if parent is None else f"under {parent}"
                verdict = "consistent" if pri.consistent else "INCONSISTENT: revise the judgments"
                lines.append(
                    f"  {what}: n = {pri.n}, CR = {pri.cr:.3f} "
                    f"(threshold {pri.threshold:.2f}) — {verdict}"
                )
        return lines

    def __str__(self) -> str:
        lines = [
            f"Method: {self.method_title}"
            + (f", {self.normalization} normalisation" if self.normalization else "")
            + (f"; judgments read on the {self.scale} scale" if self.scale != "saaty" else "")
        ]
        lines.append("Weights:")
        width = max(len(n) for n in self.weights.index)
        for name, w in self.weights.items():
            lines.append(f"  {name:<{width}}  {w:.3f}")
        if self.ahp is not None and self.problem.hierarchy.is_flat:
            verdict = "consistent" if self.ahp.consistent else "INCONSISTENT: revise the judgments"
            lines.append(
                f"Consistency: CR = {self.ahp.cr:.3f} (threshold {self.ahp.threshold:.2f}, "
                f"lambda_max = {self.ahp.lambda_max:.3f}) — {verdict}"
            )
        lines += self._group_lines() + self._alternative_lines() + self._hierarchy_lines()
        lines.append("Ranking:")
        order = self.ordered()
        width = max(len(a) for a in order)
        for alt in order:
            lines.append(f"  {int(self.ranks[alt]):>2}. {alt:<{width}}  {self.scores[alt]:.4f}")
        for alt, why in self.screening.reasons.items():
            lines.append(f"   -  {alt}: screened out ({why})")
        lines.append(self.recommendation())
        return "\n".join(lines)


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

    Steps: weights (typed, or AHP priorities of the comparison matrix, with
    the consistency ratio) → screening against requirements → scores (TOPSIS
    closeness or AHP distributive synthesis) → ranks.

    Parameters
    ----------
    problem : Problem
    method : {"topsis", "ahp"}
        ``"topsis"``: closeness to the ideal solution (Hwang & Yoon 1981).
        ``"ahp"``: AHP synthesis, distributive mode: benefit columns divided by
        their sum, cost columns replaced by reciprocals then divided by their
        sum, weighted sum (values must be positive).
    normalization : {"vector", "minmax"}
        TOPSIS normalisation (vector is the textbook default).
    ahp_method : {"eigenvector", "geometric_mean", "llsm"}
        How priorities are derived from comparison matrices (criteria, and
        alternatives where they are compared pairwise).
    ri_table : str
        Random-index table for the consistency ratio.
    aggregation : {"aij", "aip"}
        For a problem with several experts: aggregate their individual
        judgments (``"aij"``, the default) or their individual priorities
        (``"aip"``); see :func:`mcda_iso.ahp.aggregate`. Ignored otherwise.
    mode : {"distributive", "ideal"}
        AHP synthesis mode (``method="ahp"`` only): ``"ideal"`` divides each
        criterion's local priorities by the best one, so adding an alternative
        that is best nowhere cannot reverse the order of the others
        (see :mod:`mcda_iso.synthesis`).
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale every comparison matrix is read on: the judgments are
        stated on Saaty's 1-9 scale and converted with
        :func:`mcda_iso.ahp.convert_scale` (see :func:`compare_scales` to see
        whether the ranking depends on it). Typed weights are not affected.

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
    MethodError
        Unknown method, or data the method cannot rank (e.g. nothing discriminates).
    RequirementError
        If no alternative meets the requirements.
    """
    if method not in METHODS:
        raise MethodError(f"unknown ranking method {method!r}; choose one of {', '.join(METHODS)}")
    if aggregation not in AGGREGATIONS:
        raise MethodError(
            f"unknown aggregation {aggregation!r}; choose one of {', '.join(AGGREGATIONS)}"
        )
    if mode not in synthesis.MODES:
        raise MethodError(
            f"unknown AHP synthesis mode {mode!r}; choose one of {', '.join(synthesis.MODES)}"
        )
    if scale not in ahp.SCALES:
        raise MethodError(
            f"unknown judgment scale {scale!r}; choose one of {', '.join(ahp.SCALES)}"
        )
    group = None
    group_levels: hierarchy.HierarchyWeights | None = None
    by_parent: Mapping[str | None, ahp.GroupPriorities] | None = None
    if problem.experts:  # aggregated matrix by matrix (one matrix without sub-criteria)
        group_levels, by_parent = hierarchy.group_weights(
            problem, aggregation=aggregation, ahp_method=ahp_method, ri_table=ri_table, scale=scale
        )
        group = by_parent[None]
        weights = group_levels.leaves
        priorities: ahp.Priorities | None = group.group
        if problem.hierarchy.is_flat:
            by_parent = None  # the one matrix is Result.group
    else:
        weights, priorities = criteria_weights(
            problem, ahp_method=ahp_method, ri_table=ri_table, scale=scale
        )
    if priorities is not None and not priorities.consistent:
        warnings.warn(
            f"{'group' if group else 'criteria'} comparisons are inconsistent: "
            f"CR = {priorities.cr:.3f} exceeds "
            f"{priorities.threshold:.2f}; revise the judgments "
            "(see mcda_iso.ahp.most_inconsistent)",
            ConsistencyWarning,
            stacklevel=2,
        )
    if group is not None:
        every = [group] if by_parent is None else list(by_parent.values())
        bad = list(
            dict.fromkeys(e for g in every for e, p in g.experts.items() if not p.consistent)
        )
        if bad:
            warnings.warn(
                f"the judgments of {', '.join(bad)} are inconsistent (CR above the threshold); "
                "see Result.group for each expert's CR",
                ConsistencyWarning,
                stacklevel=2,
            )
    local = _alternative_priorities(problem, ahp_method, ri_table, scale)
    bad = [c for c, p in local.items() if not p.consistent]
    if bad:
        warnings.warn(
            f"the pairwise comparisons of the alternatives under {', '.join(bad)} are "
            "inconsistent (CR above the threshold); see Result.alternative_priorities",
            ConsistencyWarning,
            stacklevel=2,
        )
    if problem.hierarchy.is_flat:
        levels = hierarchy.flat_weights(weights, priorities)
    else:
        levels = group_levels or hierarchy.problem_weights(
            problem, ahp_method=ahp_method, ri_table=ri_table, scale=scale
        )
        priorities = levels.priorities.get(None)  # the same numbers, one object
        for parent, pri in levels.priorities.items():
            if parent is not None and not pri.consistent:
                warnings.warn(
                    f"comparisons of the sub-criteria of {parent!r} are inconsistent: "
                    f"CR = {pri.cr:.3f} exceeds {pri.threshold:.2f}; revise the judgments",
                    ConsistencyWarning,
                    stacklevel=2,
                )
    screening = screen(problem)
    if not screening.passed:
        reasons = "; ".join(f"{a}: {why}" for a, why in screening.reasons.items())
        raise RequirementError(f"no alternative meets the requirements ({reasons})")
    keep = [problem.alternative_names.index(a) for a in screening.passed]
    full = np.array(problem.matrix)
    for crit, pri in local.items():
        full[:, problem.criterion_names.index(crit)] = pri.weights
    matrix = full[keep]
    w = weights.to_numpy()
    details = None
    notes: tuple[str, ...] = ()
    if len(keep) == 1:
        scores = np.ones(1)
        notes = ("only one alternative meets the requirements; it is ranked first by default",)
    elif method == "topsis":
        exp = topsis.explain(matrix, w, problem.types, normalization=normalization)
        scores = np.asarray(exp.closeness)
        details = pd.DataFrame(
            {"d_plus": exp.d_plus, "d_minus": exp.d_minus}, index=list(screening.passed)
        )
    else:
        scores = synthesis.scores(
            matrix, w, problem.types, mode=mode, names=list(problem.criterion_names)
        )
    index = list(screening.passed)
    return Result(
        problem=problem,
        method=method,
        weights=weights,
        scores=pd.Series(scores, index=index, name="score"),
        ranks=pd.Series(_ranks(scores), index=index, name="rank"),
        ahp=priorities,
        screening=screening,
        normalization=normalization if method == "topsis" else None,
        details=details,
        notes=notes,
        group=group,
        group_by_parent=by_parent,
        alternative_priorities=MappingProxyType(local),
        mode=mode if method == "ahp" else None,
        local_weights=levels.local,
        global_weights=levels.global_,
        priorities_by_parent=levels.priorities,
        scale=scale,
    )


def _alternative_priorities(
    problem: Problem, ahp_method: str, ri_table: str, scale: str = "saaty"
) -> dict[str, ahp.Priorities]:
    """Local priorities and consistency of each alternatives comparison matrix."""
    matrices = problem.alternative_comparisons or {}
    out = {}
    for crit, frame in matrices.items():
        try:
            out[crit] = ahp.priorities(frame, method=ahp_method, ri_table=ri_table, scale=scale)  # type: ignore[arg-type]
        except MCDAError as exc:
            raise type(exc)(f"alternative comparisons under {crit!r}: {exc}") from exc
    return out


@dataclass(frozen=True, eq=False)
class RankingComparison:
    """Several rankings of one problem side by side.

    Attributes
    ----------
    results : dict of str to Result
    table : pandas.DataFrame
        ``<method>_score`` and ``<method>_rank`` columns per method, by alternative.
    spearman : float
        Spearman's rank correlation between the first two methods' rankings
        (``pymcdm.correlations.spearman``).
    """

    results: dict[str, Result]
    table: pd.DataFrame
    spearman: float

    def __str__(self) -> str:
        names = list(self.results)
        return (
            self.table.to_string(float_format=lambda x: f"{x:.4f}")
            + f"\nSpearman rank correlation ({names[0]} vs {names[1]}): {self.spearman:.3f}"
        )


def compare(
    problem: Problem, methods: tuple[str, str] = ("topsis", "ahp"), **kwargs: str
) -> RankingComparison:
    """Rank with two methods and put the rankings side by side with Spearman's correlation.

    Examples
    --------
    >>> from mcda_iso import compare, load_scenario
    >>> c = compare(load_scenario("iso9001", profile="balanced"))
    >>> list(c.table.columns)
    ['topsis_score', 'topsis_rank', 'ahp_score', 'ahp_rank']
    """
    if len(methods) != 2:
        raise MethodError(f"compare needs exactly two methods (got {len(methods)})")
    results = {m: rank(problem, method=m, **kwargs) for m in methods}
    columns = {}
    for m, res in results.items():
        columns[f"{m}_score"] = res.scores
        columns[f"{m}_rank"] = res.ranks
    table = pd.DataFrame(columns)
    table.index.name = "alternative"
    first, second = (results[m].ranks.to_numpy(dtype=float) for m in methods)
    rho = 1.0 if len(first) < 2 or np.array_equal(first, second) else float(spearman(first, second))
    return RankingComparison(results=results, table=table, spearman=rho)


def _rho(first: np.ndarray, second: np.ndarray) -> float:
    """Spearman's rank correlation, 1 for identical (or single) rankings."""
    if len(first) < 2 or np.array_equal(first, second):
        return 1.0
    return float(spearman(first, second))


@dataclass(frozen=True, eq=False)
class ScaleComparison:
    """One problem ranked with its judgments read on several judgment scales.

    Attributes
    ----------
    results : dict of str to Result
        The ranking on each scale, by scale name.
    weights : pandas.DataFrame
        Criteria (the ranked, leaf criteria) x scales: the weights on each scale.
    ranks, scores : pandas.DataFrame
        Alternatives x scales.
    spearman : pandas.Series
        Spearman's rank correlation of each scale's ranking with the first scale's.
    same_ranking : bool
        Every scale gives the same order of the alternatives.
    same_best : bool
        Every scale ranks the same alternative first.
    """

    results: dict[str, Result]
    weights: pd.DataFrame
    ranks: pd.DataFrame
    scores: pd.DataFrame
    spearman: pd.Series
    same_ranking: bool
    same_best: bool

    def __str__(self) -> str:
        first = next(iter(self.results))
        if self.same_ranking:
            verdict = "The ranking does not depend on the judgment scale."
        elif self.same_best:
            verdict = (
                "The best alternative is the same on every scale, but the order of the "
                "others depends on the judgment scale."
            )
        else:
            bests = ", ".join(f"{s}: {r.best}" for s, r in self.results.items())
            verdict = f"The best alternative depends on the judgment scale ({bests})."
        table = self.ranks.astype(int).to_string()
        rho = ", ".join(f"{s} {v:.3f}" for s, v in self.spearman.items() if s != first)
        return (
            "Ranks by judgment scale (1 = best):\n"
            + table
            + (f"\nSpearman rank correlation with {first}: {rho}" if rho else "")
            + "\n"
            + verdict
        )


def compare_scales(
    problem: Problem,
    scales: tuple[str, ...] = ahp.SCALES,
    *,
    method: str = "topsis",
    **kwargs: str,
) -> ScaleComparison:
    """Rank a problem with its 1-9 judgments read on each judgment scale, side by side.

    Parameters
    ----------
    problem : Problem
        Judgments stated on Saaty's 1-9 scale.
    scales : tuple of str
        Scales to compare (see :data:`mcda_iso.ahp.SCALES`); the first is the reference
        for Spearman's correlation.
    method : {"topsis", "ahp"}
    **kwargs
        Passed to :func:`rank` (``normalization``, ``ahp_method``, ``mode`` ...).

    Returns
    -------
    ScaleComparison

    Raises
    ------
    MethodError
        If ``scales`` is empty or names an unknown scale.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> c = compare_scales(load_scenario("iso9001", profile="balanced"))
    >>> list(c.ranks.columns), c.same_best
    (['saaty', 'balanced', 'geometric'], True)
    """
    if not scales:
        raise MethodError("compare_scales needs at least one judgment scale")
    results = {s: rank(problem, method=method, scale=s, **kwargs) for s in scales}
    first = results[scales[0]]
    ranks = pd.DataFrame({s: r.ranks for s, r in results.items()})
    ranks.index.name = "alternative"
    scores = pd.DataFrame({s: r.scores for s, r in results.items()})
    scores.index.name = "alternative"
    weights = pd.DataFrame({s: r.weights for s, r in results.items()})
    weights.index.name = "criterion"
    base = first.ranks.to_numpy(dtype=float)
    rho = pd.Series(
        {s: _rho(base, r.ranks.to_numpy(dtype=float)) for s, r in results.items()},
        name="spearman",
    )
    return ScaleComparison(
        results=results,
        weights=weights,
        ranks=ranks,
        scores=scores,
        spearman=rho,
        same_ranking=all(r.ranks.equals(first.ranks) for r in results.values()),
        same_best=len({r.best for r in results.values()}) == 1,
    )
