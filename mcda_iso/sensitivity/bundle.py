"""Every analysis of one Result, bundled for the command line, workbooks and reports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.errors import MethodError
from mcda_iso.ranking import Result
from mcda_iso.sensitivity.analysed import as_result
from mcda_iso.sensitivity.methods import MethodComparison, compare_methods
from mcda_iso.sensitivity.montecarlo import MonteCarloResult, monte_carlo
from mcda_iso.sensitivity.reversal import rank_reversal
from mcda_iso.sensitivity.sweep import thresholds, weight_sweep

__all__ = ["SensitivityReport", "analyse"]

_THRESHOLD_COLUMNS = [
    "weight", "best", "best_lower", "best_lower_by", "best_upper", "best_upper_by",
    "ranking_lower", "ranking_lower_change", "ranking_upper", "ranking_upper_change", "robust",
    "sentence",
]  # fmt: skip


@dataclass(frozen=True, eq=False)
class SensitivityReport:
    """Everything :func:`analyse` found about one ranking.

    Attributes
    ----------
    thresholds : pandas.DataFrame
        :func:`thresholds` (one row per criterion, with a ``sentence`` column).
    sweeps : dict of str to pandas.DataFrame
        :func:`weight_sweep` for every criterion (long format).
    monte_carlo : MonteCarloResult
    methods : MethodComparison
    rank_reversal : pandas.DataFrame
        :func:`rank_reversal`.
    method, normalization : str
        How alternatives were scored in the sweeps, thresholds, Monte Carlo and rank
        reversal (the method comparison always covers all methods).
    result : Result or None
        The ranking analysed (its options are the ones every analysis used).
    omitted : Mapping[str, str]
        Analyses that could not be made for this ranking, with the reason in words
        (e.g. no weight thresholds or sweeps with a single criterion).
    """

    thresholds: pd.DataFrame
    sweeps: Mapping[str, pd.DataFrame]
    monte_carlo: MonteCarloResult
    methods: MethodComparison
    rank_reversal: pd.DataFrame
    method: str
    normalization: str
    result: Result | None = None
    omitted: Mapping[str, str] = field(default_factory=dict)

    def check_of(self, result: Result) -> None:
        """Raise MethodError unless this is the analysis of ``result``'s ranking.

        The same Result, or one with the same options, alternatives and scores (to 1e-12):
        an output shows one ranking and its analysis, never another ranking's.
        """
        analysed = sorted(map(str, self.monte_carlo.acceptability.index))
        ranked = sorted(map(str, result.ranks.index))
        if analysed != ranked:
            message = (
                "the sensitivity analysis is of other alternatives than the ranking "
                f"(analysed {analysed}, ranked {ranked}); run sensitivity.analyse(result) on "
                "the Result shown"
            )
            raise MethodError(message)
        mine = self.result
        if mine is None or mine is result:
            return
        same = (
            mine.options == result.options
            and list(mine.scores.index) == list(result.scores.index)
            and np.allclose(mine.scores.to_numpy(), result.scores.to_numpy(), rtol=0, atol=1e-12)
        )
        if not same:
            message = (
                "the sensitivity analysis is of another ranking than the one shown (analysed: "
                f"{mine.method_title}, best {mine.best!r}; shown: {result.method_title}, "
                f"best {result.best!r}); pass sensitivity.analyse(result) of this Result"
            )
            raise MethodError(message)

    def sentences(self) -> list[str]:
        """The thresholds in words, one sentence per criterion."""
        return list(self.thresholds["sentence"])

    def _repr_html_(self) -> str:
        """The analysis in Jupyter: thresholds in words, rank acceptability, methods."""
        from mcda_iso.notebook import paragraph, section, table

        parts = [paragraph(s) for s in self.sentences()]
        mc = self.monte_carlo
        parts.append(table(mc.table() * 100, f"Rank acceptability, % ({mc.samples:,} samples)", 1))
        parts.append(table(self.methods.rankings, "Rankings by method (1 = best)", 1))
        return section("Sensitivity analysis", parts)

    def __str__(self) -> str:
        lines = ["Weight thresholds (one weight changes, the others keep their ratios):"]
        lines += [f"  {s}" for s in self.sentences()]
        lines += [f"  (not computed: {why})" for why in dict.fromkeys(self.omitted.values())]
        lines += ["", str(self.monte_carlo), "", str(self.methods)]
        if self.rank_reversal.empty:
            lines += ["", "Rank reversal: removing any one alternative leaves the others' order."]
        else:
            lines += ["", "Rank reversal when one alternative is removed:"]
            for row in self.rank_reversal.itertuples(index=False):
                lines.append(
                    f"  without {row.removed}: {row.a} {row.before} {row.b} becomes "
                    f"{row.a} {row.after} {row.b}"
                )
        return "\n".join(lines)


def analyse(
    result: Any,
    *,
    samples: int = 10_000,
    seed: int | None = None,
    weights: str | None = None,
    concentration: float = 50.0,
    expert_weights: Any = None,
    performance_uncertainty: float = 0.0,
    points: int = 101,
    progress: Callable[[int, int], object] | None = None,
    **options: Any,
) -> SensitivityReport:
    """Run every analysis of this package on one ranking and bundle the results.

    Parameters
    ----------
    result : Result
        The ranking to analyse (a Problem is ranked first with ``options``, the
        keyword options of :func:`mcda_iso.rank`).
    samples, seed, weights, concentration, expert_weights, performance_uncertainty
        As for :func:`monte_carlo`.
    points : int
        As for :func:`weight_sweep`.
    progress : callable, optional
        As for :func:`monte_carlo`.
    **options
        Only with a Problem (with a Result they must agree with its options).

    Returns
    -------
    SensitivityReport

    Examples
    --------
    >>> from mcda_iso import load_scenario, rank
    >>> report = analyse(rank(load_scenario("iso9001")), samples=2_000, seed=1)
    >>> sorted(report.sweeps) == sorted(report.thresholds.index)
    True
    >>> report.result.best
    'ISO 9001 certification'
    """
    ranked = as_result(result, "analyse", options)
    mc = monte_carlo(
        ranked,
        samples,
        seed,
        weights=weights,
        concentration=concentration,
        expert_weights=expert_weights,
        performance_uncertainty=performance_uncertainty,
        progress=progress,
    )
    criteria = list(ranked.weights.index)
    omitted: dict[str, str] = {}
    if len(criteria) < 2:
        why = "weight thresholds and sweeps need at least two criteria (with one, its weight is 1)"
        omitted = {"thresholds": why, "sweeps": why}
        found = pd.DataFrame(columns=_THRESHOLD_COLUMNS, index=pd.Index([], name="criterion"))
        sweeps: dict[str, pd.DataFrame] = {}
    else:
        found = thresholds(ranked)
        sweeps = {c: weight_sweep(ranked, c, points) for c in criteria}
    return SensitivityReport(
        thresholds=found,
        sweeps=sweeps,
        monte_carlo=mc,
        methods=compare_methods(ranked),
        rank_reversal=rank_reversal(ranked),
        method=ranked.options.method,
        normalization=ranked.options.normalization,
        result=ranked,
        omitted=omitted,
    )
