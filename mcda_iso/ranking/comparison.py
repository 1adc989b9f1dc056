"""Several rankings of one problem side by side: methods (:func:`compare`) and judgment
scales (:func:`compare_scales`), each ranking made by :func:`mcda_iso.rank`.

Examples
--------
>>> from mcda_iso import compare, load_scenario
>>> c = compare(load_scenario("iso9001", profile="balanced"))
>>> c.results["topsis"].best == c.results["ahp"].best
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mcda_iso import ahp
from mcda_iso.errors import MethodError, shorten
from mcda_iso.problem import Problem
from mcda_iso.ranking.decide import check_problem, rank
from mcda_iso.ranking.result import Result

__all__ = ["RankingComparison", "ScaleComparison", "compare", "compare_scales", "spearman_rho"]


def spearman_rho(first: np.ndarray, second: np.ndarray) -> float:
    """Spearman's rank correlation of two rankings: 1 for identical (or single) rankings.

    The Pearson correlation of the ranks (``numpy.corrcoef``), as
    ``pymcdm.correlations.spearman`` computes it (tested equal), without importing pymcdm
    (and matplotlib) for one number; NaN when one ranking ties every alternative.

    Examples
    --------
    >>> spearman_rho(np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0]))
    -1.0
    """
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if len(first) < 2 or np.array_equal(first, second):
        return 1.0
    if np.ptp(first) == 0 or np.ptp(second) == 0:
        return float("nan")  # undefined: one ranking ties every alternative
    return float(np.corrcoef(first, second)[0, 1])


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
    problem: Problem | Result, methods: tuple[str, str] = ("topsis", "ahp"), **kwargs: str
) -> RankingComparison:
    """Rank with two methods and put the rankings side by side with Spearman's correlation.

    Parameters
    ----------
    problem : Problem or Result
        A Result: its problem, ranked with its options (and ``kwargs`` on top), so
        the ranking of its own method is exactly that Result.
    methods : tuple of two str
    **kwargs
        Options of :func:`rank` other than ``method``.

    Examples
    --------
    >>> from mcda_iso import compare, load_scenario
    >>> c = compare(load_scenario("iso9001", profile="balanced"))
    >>> list(c.table.columns)
    ['topsis_score', 'topsis_rank', 'ahp_score', 'ahp_rank']
    """
    if isinstance(problem, Result):
        options = {k: v for k, v in problem.options.as_dict().items() if k != "method"}
        kwargs = {**options, **kwargs}
        given: Result | None = problem
        problem = problem.problem
    else:
        given = None
    check_problem(problem, "compare")
    if not isinstance(methods, tuple | list) or len(methods) != 2:
        got = f"{len(methods)}" if isinstance(methods, tuple | list) else shorten(methods)
        raise MethodError(
            f"compare needs exactly two methods, e.g. methods=('topsis', 'ahp') (got {got})"
        )
    results: dict[str, Result] = {}
    for m in methods:
        same = given is not None and given.options == given.options.replace(method=m, **kwargs)
        results[m] = given if same and given is not None else rank(problem, method=m, **kwargs)
    columns = {}
    for m, res in results.items():
        columns[f"{m}_score"] = res.scores
        columns[f"{m}_rank"] = res.ranks
    table = pd.DataFrame(columns)
    table.index.name = "alternative"
    first, second = (results[m].ranks.to_numpy(dtype=float) for m in methods)
    rho = spearman_rho(first, second)
    return RankingComparison(results=results, table=table, spearman=rho)


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
    check_problem(problem, "compare_scales")
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
        {s: spearman_rho(base, r.ranks.to_numpy(dtype=float)) for s, r in results.items()},
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
