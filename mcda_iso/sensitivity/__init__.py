"""Sensitivity and robustness: how firm is the recommendation of a ranking?

Every analysis takes the :class:`~mcda_iso.ranking.Result` of :func:`mcda_iso.rank`
and analyses exactly that ranking: its weights, its decision matrix (screened
alternatives, pairwise-rated criteria as ranked), its method, normalisation,
synthesis mode and judgment scale (a :class:`~mcda_iso.Problem` still works: it
is ranked first, with the same keyword options as :func:`mcda_iso.rank`).

* :func:`weight_sweep` -- what happens to every score as one criterion's weight
  goes from 0 to 1 (the others keep their ratios)?
* :func:`thresholds` -- how far can each weight move before the best alternative
  changes, or the ranking changes? Found exactly, by root finding.
* :func:`monte_carlo` -- with weights (and optionally performance values) drawn at
  random, how often does each alternative take each rank? (SMAA-2: rank
  acceptabilities, central weight vectors, confidence factors.)
* :func:`compare_methods` -- do other MCDA methods agree (TOPSIS, AHP synthesis,
  VIKOR, PROMETHEE II, WSM, SPOTIS), and how strongly (Spearman, WS)?
* :func:`rank_reversal` -- does removing one alternative flip the order of two others?

:func:`analyse` runs them all and bundles the results in a :class:`SensitivityReport`
(which keeps the Result it analysed). Randomness only ever comes from an explicit
``seed``; this package does no I/O.

Examples
--------
>>> from mcda_iso import load_scenario, rank
>>> from mcda_iso.sensitivity import monte_carlo, thresholds
>>> result = rank(load_scenario("iso9001", profile="balanced"))
>>> print(thresholds(result).loc["cost", "sentence"])
ISO 9001 certification stays first unless the weight of cost rises above 0.40 (now 0.10), when ISO 9001-aligned QMS (uncertified) takes over.
>>> mc = monte_carlo(result, samples=20_000, seed=1)
>>> round(float(mc.first["ISO 9001 certification"]), 2)
1.0
"""  # noqa: E501

from mcda_iso.sensitivity.bundle import SensitivityReport, analyse
from mcda_iso.sensitivity.methods import COMPARED_METHODS, MethodComparison, compare_methods
from mcda_iso.sensitivity.montecarlo import WEIGHT_DISTRIBUTIONS, MonteCarloResult, monte_carlo
from mcda_iso.sensitivity.reversal import rank_reversal
from mcda_iso.sensitivity.sweep import thresholds, weight_sweep

__all__ = [
    "COMPARED_METHODS",
    "WEIGHT_DISTRIBUTIONS",
    "MethodComparison",
    "MonteCarloResult",
    "SensitivityReport",
    "analyse",
    "compare_methods",
    "monte_carlo",
    "rank_reversal",
    "thresholds",
    "weight_sweep",
]
