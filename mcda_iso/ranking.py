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
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pymcdm.correlations import spearman

from mcda_iso import ahp, synthesis, topsis
from mcda_iso.errors import ConsistencyWarning, MethodError, RequirementError
from mcda_iso.problem import Problem
from mcda_iso.screening import Screening, screen

__all__ = ["METHODS", "RankingComparison", "Result", "compare", "criteria_weights", "rank"]

#: Ranking methods understood by :func:`rank`.
METHODS: tuple[str, ...] = ("topsis", "ahp")

_METHOD_TITLES = {"topsis": "TOPSIS", "ahp": "AHP synthesis (distributive mode)"}


def criteria_weights(
    problem: Problem, ahp_method: str = "eigenvector", ri_table: str = "saaty"
) -> tuple[pd.Series, ahp.Priorities | None]:
    """The criterion weights (summing to 1) and, if they came from comparisons, the AHP result.

    Parameters
    ----------
    problem : Problem
    ahp_method : {"eigenvector", "geometric_mean"}
        How priorities are derived from the comparison matrix.
    ri_table : str
        Random-index table for the consistency ratio (see :data:`mcda_iso.ahp.RI_TABLES`).
    """
    names = list(problem.criterion_names)
    if problem.weights is not None:
        w = problem.weights.to_numpy()
        return pd.Series(w / w.sum(), index=names, name="weight"), None
    result = ahp.priorities(
        problem.comparisons.to_numpy(), method=ahp_method, ri_table=ri_table, names=names
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

    @property
    def best(self) -> str:
        """The first-ranked alternative (the first in problem order if several tie)."""
        return str(self.ranks.idxmin())

    @property
    def consistent(self) -> bool | None:
        """The AHP consistency verdict (None when weights were typed directly)."""
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
            text = (
                f"No single winner: {', '.join(tied)} tie for first place "
                f"({_METHOD_TITLES[self.method]})."
            )
        elif len(order) == 1:
            text = f"Recommended: {best} (the only alternative meeting the requirements)."
        else:
            runner = order[1]
            text = (
                f"Recommended: {best} (score {self.scores[best]:.3f}, ahead of {runner} "
                f"at {self.scores[runner]:.3f}; {_METHOD_TITLES[self.method]})."
            )
        if self.ahp is not None and not self.ahp.consistent:
            text += (
                f" Caution: the criteria judgments are inconsistent (CR {self.ahp.cr:.3f} > "
                f"{self.ahp.threshold:.2f}); revise them before relying on this."
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

    def __str__(self) -> str:
        lines = [
            f"Method: {_METHOD_TITLES[self.method]}"
            + (f", {self.normalization} normalisation" if self.normalization else "")
        ]
        lines.append("Weights:")
        width = max(len(n) for n in self.weights.index)
        for name, w in self.weights.items():
            lines.append(f"  {name:<{width}}  {w:.3f}")
        if self.ahp is not None:
            verdict = "consistent" if self.ahp.consistent else "INCONSISTENT: revise the judgments"
            lines.append(
                f"Consistency: CR = {self.ahp.cr:.3f} (threshold {self.ahp.threshold:.2f}, "
                f"lambda_max = {self.ahp.lambda_max:.3f}) — {verdict}"
            )
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
    ahp_method : {"eigenvector", "geometric_mean"}
        How criteria weights are derived from comparisons.
    ri_table : str
        Random-index table for the consistency ratio.

    Returns
    -------
    Result

    Warns
    -----
    ConsistencyWarning
        When the comparison matrix's consistency ratio is above its threshold.

    Raises
    ------
    MethodError
        Unknown method, or data the method cannot rank (e.g. nothing discriminates).
    RequirementError
        If no alternative meets the requirements.
    """
    if method not in METHODS:
        raise MethodError(f"unknown ranking method {method!r}; choose one of {', '.join(METHODS)}")
    weights, priorities = criteria_weights(problem, ahp_method=ahp_method, ri_table=ri_table)
    if priorities is not None and not priorities.consistent:
        warnings.warn(
            f"criteria comparisons are inconsistent: CR = {priorities.cr:.3f} exceeds "
            f"{priorities.threshold:.2f}; revise the judgments "
            "(see mcda_iso.ahp.most_inconsistent)",
            ConsistencyWarning,
            stacklevel=2,
        )
    screening = screen(problem)
    if not screening.passed:
        reasons = "; ".join(f"{a}: {why}" for a, why in screening.reasons.items())
        raise RequirementError(f"no alternative meets the requirements ({reasons})")
    keep = [problem.alternative_names.index(a) for a in screening.passed]
    matrix = problem.matrix[keep]
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
            matrix, w, problem.types, mode="distributive", names=list(problem.criterion_names)
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
    )


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
