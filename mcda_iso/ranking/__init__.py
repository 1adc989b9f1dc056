"""Ranking: options validated once, :func:`rank`, and the :class:`Result` it makes.

The package's layout follows the flow: :mod:`~mcda_iso.ranking.options` (what a
ranking is asked to do), :mod:`~mcda_iso.ranking.decide` (weights → scores →
ranks), :mod:`~mcda_iso.ranking.result` (the Result every analysis and output
reads), :mod:`~mcda_iso.ranking.ranks` (competition ranks) and
:mod:`~mcda_iso.ranking.comparison` (several rankings side by side).

Examples
--------
>>> from mcda_iso import load_scenario, rank
>>> result = rank(load_scenario("iso9001", profile="major-customer-supplier"))
>>> result.best, result.options.method
('ISO 9001 certification', 'topsis')
"""

from mcda_iso.ranking.comparison import (
    RankingComparison,
    ScaleComparison,
    compare,
    compare_scales,
    spearman_rho,
)
from mcda_iso.ranking.decide import check_problem, criteria_weights, rank
from mcda_iso.ranking.options import (
    AGGREGATIONS,
    METHODS,
    MODES,
    NORMALIZATIONS,
    RankOptions,
    consensus_words,
    method_title,
)
from mcda_iso.ranking.ranks import competition_ranks
from mcda_iso.ranking.result import RankedMatrix, Result

__all__ = [
    "AGGREGATIONS",
    "METHODS",
    "MODES",
    "NORMALIZATIONS",
    "RankOptions",
    "RankedMatrix",
    "RankingComparison",
    "Result",
    "ScaleComparison",
    "check_problem",
    "compare",
    "compare_scales",
    "competition_ranks",
    "consensus_words",
    "criteria_weights",
    "method_title",
    "rank",
    "spearman_rho",
]
