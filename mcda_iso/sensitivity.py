"""Sensitivity and robustness: how firm is the recommendation?

Five questions, one function each, all on the alternatives that pass the
requirements (:func:`mcda_iso.screen`) and with the weights :func:`mcda_iso.rank`
uses (:func:`mcda_iso.criteria_weights`, summing to 1):

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
for the command line, the results workbook and reports. Randomness only ever comes
from an explicit ``seed``; this module does no I/O.

Examples
--------
>>> from mcda_iso import load_scenario
>>> from mcda_iso.sensitivity import monte_carlo, thresholds
>>> problem = load_scenario("iso9001", profile="balanced")
>>> table = thresholds(problem)
>>> print(table.loc["cost", "sentence"])
ISO 9001 certification stays first unless the weight of cost rises above 0.40 (now 0.10), when ISO 9001-aligned QMS (uncertified) takes over.
>>> mc = monte_carlo(problem, samples=20_000, seed=1)
>>> round(float(mc.first["ISO 9001 certification"]), 2)
1.0
"""  # noqa: E501

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pymcdm import correlations
from pymcdm.helpers import rankdata
from pymcdm.methods import PROMETHEE_II, SPOTIS, VIKOR, WSM
from pymcdm.normalizations import linear_normalization
from scipy.optimize import brentq

from mcda_iso import synthesis, topsis
from mcda_iso.errors import MethodError, ProblemError
from mcda_iso.problem import Problem
from mcda_iso.ranking import METHODS, criteria_weights, rank
from mcda_iso.screening import screen

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

#: How :func:`monte_carlo` draws weight vectors.
WEIGHT_DISTRIBUTIONS: tuple[str, ...] = ("dirichlet", "uniform", "experts")

#: Methods compared by :func:`compare_methods`, with a readable title each.
COMPARED_METHODS: dict[str, str] = {
    "topsis_vector": "TOPSIS (vector normalisation)",
    "topsis_minmax": "TOPSIS (min-max normalisation)",
    "ahp": "AHP synthesis (distributive)",
    "vikor": "VIKOR (v = 0.5)",
    "promethee_ii": "PROMETHEE II (usual criterion)",
    "wsm": "WSM / SAW (linear max normalisation)",
    "spotis": "SPOTIS (bounds: performance min/max)",
}

# Monte Carlo samples come in fixed blocks, each drawn from its own generator
# (SeedSequence(seed, spawn_key=(block, stream))) and scored in one batched call:
# the numbers never depend on how the blocks are grouped into chunks.
_BLOCK = 4096
# Largest chunk, and the budget of values for the (chunk, m) and (chunk, n) arrays
# of a chunk (2**21 values: 16 MiB of float64 each).
_MAX_CHUNK = 16 * _BLOCK
_CHUNK_BUDGET = 2**21
# Scores closer than this count as tied (as in mcda_iso.ranking: 12 decimals).
_TIE = 1e-12
# Points of the grid that brackets the roots in `thresholds`.
_GRID = 1001


# --------------------------------------------------------------------------- set-up


@dataclass(frozen=True, eq=False)
class _Setup:
    """What is analysed: the screened alternatives, the weights, the scoring method."""

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    matrix: np.ndarray
    types: np.ndarray
    weights: np.ndarray
    method: str
    normalization: str

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """Scores for a (k, n) batch of weight vectors: shape (k, m), larger is better."""
        if self.method == "topsis":
            return topsis.closeness(self.matrix, weights, self.types, self.normalization)
        return synthesis.scores(
            self.matrix, weights, self.types, mode="distributive", names=list(self.criteria)
        )


def _setup(
    problem: Problem,
    method: str,
    normalization: str,
    aggregation: str = "aij",
    scale: str = "saaty",
) -> _Setup:
    if not isinstance(problem, Problem):
        message = f"'problem' must be a mcda_iso.Problem (got {type(problem).__name__})"
        raise ProblemError(message)
    if method not in METHODS:
        message = f"unknown ranking method {method!r}; choose one of {', '.join(METHODS)}"
        raise MethodError(message)
    if normalization not in topsis.NORMALIZATIONS:
        valid = ", ".join(repr(name) for name in topsis.NORMALIZATIONS)
        message = f"unknown normalization {normalization!r}; valid names are {valid}"
        raise MethodError(message)
    weights, _ = criteria_weights(problem, aggregation=aggregation, scale=scale)
    passed = screen(problem).passed
    if len(passed) < 2:
        message = (
            "sensitivity analysis needs at least two alternatives that meet the requirements "
            f"(got {len(passed)}: {', '.join(passed) or 'none'})"
        )
        raise MethodError(message)
    keep = [problem.alternative_names.index(a) for a in passed]
    matrix = np.array(problem.matrix[keep])
    matrix.setflags(write=False)
    setup = _Setup(
        alternatives=tuple(passed),
        criteria=problem.criterion_names,
        matrix=matrix,
        types=problem.types,
        weights=weights.to_numpy(),
        method=method,
        normalization=normalization,
    )
    setup.scores(setup.weights[None, :])  # raises MethodError if the method cannot rank
    return setup


def _competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, 1 = best; scores equal to 12 decimals share the better rank."""
    rounded = np.round(scores, 12)
    return (rounded[..., None, :] > rounded[..., :, None]).sum(axis=-1) + 1


def _criterion_index(setup: _Setup, criterion: str) -> int:
    if criterion not in setup.criteria:
        message = f"unknown criterion {criterion!r}; known: {list(setup.criteria)}"
        raise ProblemError(message)
    if len(setup.criteria) < 2:
        message = "weight sensitivity needs at least two criteria (with one, its weight is 1)"
        raise MethodError(message)
    return setup.criteria.index(criterion)


def _sweep_weights(weights: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """Weight vectors with criterion j at each t and the others rescaled in proportion.

    If every other weight is zero, they share ``1 - t`` equally.
    """
    others = np.delete(weights, j)
    rest = others.sum()
    shares = others / rest if rest > 0 else np.full(others.size, 1.0 / others.size)
    table = np.empty((t.size, weights.size))
    table[:, np.arange(weights.size) != j] = np.outer(1.0 - t, shares)
    table[:, j] = t
    return table


# --------------------------------------------------------------------------- weight sweep


def weight_sweep(
    problem: Problem,
    criterion: str,
    points: int = 101,
    method: str = "topsis",
    normalization: str = "vector",
    *,
    aggregation: str = "aij",
    scale: str = "saaty",
) -> pd.DataFrame:
    """Every alternative's score and rank as one criterion's weight goes from 0 to 1.

    At weight ``t`` the chosen criterion weighs ``t`` and every other criterion
    ``(1 - t) * w_k / (1 - w_j)``: the others keep their ratios (if they are all zero,
    they share ``1 - t`` equally). All ``points`` weight vectors are scored in one
    batched call.

    Parameters
    ----------
    problem : Problem
    criterion : str
        Name of the criterion whose weight varies.
    points : int, default 101
        Number of equally spaced weights from 0 to 1 (both included), at least 2.
    method : {"topsis", "ahp"}
        Scores as in :func:`mcda_iso.rank`.
    normalization : {"vector", "minmax"}
        TOPSIS normalisation.
    aggregation : {"aij", "aip"}
        For a problem with several experts: how their judgments are combined into
        the weights analysed (as :func:`mcda_iso.rank`); ignored otherwise.
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale the comparisons are read on (as :func:`mcda_iso.rank`).

    Returns
    -------
    pandas.DataFrame
        Long ("tidy") format, one row per (weight, alternative), ``points * m`` rows,
        columns ``weight`` (of the criterion), ``alternative``, ``score`` and ``rank``
        (1 = best; equal scores share the better rank). Sorted by weight, then in the
        problem's order of alternatives. For one column per alternative use
        ``frame.pivot(index="weight", columns="alternative", values="score")``.

    Raises
    ------
    ProblemError
        Unknown criterion.
    MethodError
        Unknown method, fewer than two criteria or ranked alternatives, ``points < 2``.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> sweep = weight_sweep(load_scenario("iso9001"), "cost", points=11)
    >>> sweep.shape
    (77, 4)
    >>> sweep.columns.tolist()
    ['weight', 'alternative', 'score', 'rank']
    >>> at_half = sweep[sweep.weight == 0.5]  # cost weighs half: the uncertified QMS wins
    >>> at_half.loc[at_half["rank"] == 1, "alternative"].tolist()
    ['ISO 9001-aligned QMS (uncertified)']
    """
    setup = _setup(problem, method, normalization, aggregation, scale)
    j = _criterion_index(setup, criterion)
    if isinstance(points, bool) or not isinstance(points, int | np.integer) or points < 2:
        message = f"'points' must be an integer of at least 2 (got {points!r})"
        raise MethodError(message)
    t = np.linspace(0.0, 1.0, int(points))
    scores = setup.scores(_sweep_weights(setup.weights, j, t))
    m = len(setup.alternatives)
    return pd.DataFrame(
        {
            "weight": np.repeat(t, m),
            "alternative": np.tile(np.array(setup.alternatives, dtype=object), t.size),
            "score": scores.ravel(),
            "rank": _competition_ranks(scores).ravel(),
        }
    )


# --------------------------------------------------------------------------- thresholds


def _pair_label(setup: _Setup, pair: tuple[int, int] | None) -> str | None:
    if pair is None:
        return None
    ahead, behind = pair
    return f"{setup.alternatives[behind]} overtakes {setup.alternatives[ahead]}"


def _bounds(
    setup: _Setup, j: int, t0: float, pairs: np.ndarray
) -> tuple[float, tuple[int, int] | None, float, tuple[int, int] | None]:
    """Interval around t0 in which every pair (a, b) keeps score a >= score b.

    A grid of weights brackets the first point on each side where some pair is
    strictly reversed (by more than 1e-12); Brent's method then finds the exact weight
    where that pair's scores are equal. Returns ``(lower, pair, upper, pair)``; a side
    that is never reversed gives 0.0 or 1.0 and ``None``.
    """
    grid = np.union1d(np.linspace(0.0, 1.0, _GRID), [t0])
    diff = setup.scores(_sweep_weights(setup.weights, j, grid))
    diff = diff[:, pairs[:, 0]] - diff[:, pairs[:, 1]]
    at = int(np.searchsorted(grid, t0))
    reversed_ = (diff < -_TIE).any(axis=1)

    def f(t: float, q: int) -> float:
        s = setup.scores(_sweep_weights(setup.weights, j, np.array([t])))[0]
        return float(s[pairs[q, 0]] - s[pairs[q, 1]])

    def root(inside: int, outside: int) -> tuple[float, tuple[int, int]]:
        roots = []
        a, b = float(grid[inside]), float(grid[outside])
        for q in np.flatnonzero(diff[outside] < -_TIE):
            fa, fb = f(a, int(q)), f(b, int(q))
            if fa <= 0 or fb >= 0:  # equal at a grid point (to rounding)
                r = a if fa <= 0 else b
            else:
                r = brentq(f, min(a, b), max(a, b), args=(int(q),), xtol=1e-14, rtol=1e-15)
            roots.append((abs(r - a), float(r), (int(pairs[q, 0]), int(pairs[q, 1]))))
        _, r, pair = min(roots)
        return r, pair

    lower, lower_pair, upper, upper_pair = 0.0, None, 1.0, None
    below = np.flatnonzero(reversed_[:at])
    if below.size:
        lower, lower_pair = root(int(below[-1]) + 1, int(below[-1]))
    above = np.flatnonzero(reversed_[at + 1 :])
    if above.size:
        upper, upper_pair = root(at + int(above[0]), at + 1 + int(above[0]))
    return lower, lower_pair, upper, upper_pair


def _fmt(value: float, now: float) -> str:
    """Two decimals, or more if needed to tell ``value`` from ``now``."""
    for digits in range(2, 7):
        if round(value, digits) != round(now, digits):
            return f"{value:.{digits}f}"
    return f"{value:.6f}"


def _sentence(
    best: str, criterion: str, now: float, lower: float, low_by: str | None, upper: float,
    up_by: str | None,
) -> str:  # fmt: skip
    now_s = f"{now:.2f}"
    if low_by is None and up_by is None:
        return f"{best} stays first whatever the weight of {criterion} (now {now_s})."
    if low_by is None:
        return (
            f"{best} stays first unless the weight of {criterion} rises above "
            f"{_fmt(upper, now)} (now {now_s}), when {up_by} takes over."
        )
    if up_by is None:
        return (
            f"{best} stays first unless the weight of {criterion} falls below "
            f"{_fmt(lower, now)} (now {now_s}), when {low_by} takes over."
        )
    return (
        f"{best} stays first unless the weight of {criterion} falls below "
        f"{_fmt(lower, now)} or rises above {_fmt(upper, now)} (now {now_s}); "
        f"below, {low_by} takes over, above, {up_by}."
    )


def thresholds(
    problem: Problem,
    method: str = "topsis",
    normalization: str = "vector",
    *,
    aggregation: str = "aij",
    scale: str = "saaty",
) -> pd.DataFrame:
    """For each criterion, the weight range in which the best alternative (and the ranking) hold.

    One criterion's weight moves while the others keep their ratios, exactly as in
    :func:`weight_sweep`. For each criterion two intervals around its current
    weight are found:

    * ``best_lower`` .. ``best_upper``: the current best alternative stays first
      (no other alternative's score rises above its score);
    * ``ranking_lower`` .. ``ranking_upper``: the whole ranking stays the same (no
      two alternatives adjacent in the ranking swap; the first change of a ranking
      always swaps an adjacent pair).

    Each bound is the weight at which two scores are equal, found by Brent's method
    (``scipy.optimize.brentq``, to about 1e-14) in a bracket from a 1001-point grid
    scored in one batched call. A pair that swapped and swapped back between two
    grid points (within 0.001 of weight) would be missed.

    Parameters
    ----------
    problem : Problem
    method : {"topsis", "ahp"}
    normalization : {"vector", "minmax"}
        TOPSIS normalisation.
    aggregation : {"aij", "aip"}
        For a problem with several experts: how their judgments are combined into
        the weights analysed (as :func:`mcda_iso.rank`); ignored otherwise.
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale the comparisons are read on (as :func:`mcda_iso.rank`).

    Returns
    -------
    pandas.DataFrame
        One row per criterion (index ``criterion``), columns:

        ``weight``
            Current weight (weights sum to 1).
        ``best``
            The alternative ranked first now (the first in the problem's order if tied).
        ``best_lower``, ``best_upper``
            The interval. A side on which the best is never overtaken reports the end
            of the range (0.0 or 1.0) and ``None`` in the ``_by`` column: the interval
            is *unbounded* on that side.
        ``best_lower_by``, ``best_upper_by``
            The alternative that takes first place beyond the bound, or ``None``.
        ``ranking_lower``, ``ranking_upper``
            The interval in which the whole ranking is unchanged (0.0 / 1.0 when
            unbounded, as above).
        ``ranking_lower_change``, ``ranking_upper_change``
            What changes beyond the bound, e.g. ``"Lean overtakes Six Sigma"``, or ``None``.
        ``robust``
            True when no weight of this criterion (0 to 1) changes the best alternative.
        ``sentence``
            The ``best`` interval in words, e.g. "ISO 9001 certification stays first
            unless the weight of cost rises above 0.40 (now 0.10), when ..."

    Raises
    ------
    MethodError
        Unknown method, fewer than two criteria or ranked alternatives.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> t = thresholds(load_scenario("iso9001"))
    >>> row = t.loc["cost"]
    >>> print(f"{row.weight:.3f} {row.best_upper:.3f} {row.best_upper_by}")
    0.100 0.398 ISO 9001-aligned QMS (uncertified)
    """
    setup = _setup(problem, method, normalization, aggregation, scale)
    if len(setup.criteria) < 2:
        raise MethodError(
            "weight sensitivity needs at least two criteria (with one, its weight is 1)"
        )
    base = setup.scores(setup.weights[None, :])[0]
    order = np.argsort(-np.round(base, 12), kind="stable")
    best = int(order[0])
    best_pairs = np.array([(best, i) for i in range(len(base)) if i != best])
    ranking_pairs = np.column_stack([order[:-1], order[1:]])
    rows = []
    for j, criterion in enumerate(setup.criteria):
        t0 = float(setup.weights[j])
        lo, lo_pair, up, up_pair = _bounds(setup, j, t0, best_pairs)
        rlo, rlo_pair, rup, rup_pair = _bounds(setup, j, t0, ranking_pairs)
        lo_by = None if lo_pair is None else setup.alternatives[lo_pair[1]]
        up_by = None if up_pair is None else setup.alternatives[up_pair[1]]
        rows.append(
            {
                "criterion": criterion,
                "weight": t0,
                "best": setup.alternatives[best],
                "best_lower": lo,
                "best_lower_by": lo_by,
                "best_upper": up,
                "best_upper_by": up_by,
                "ranking_lower": rlo,
                "ranking_lower_change": _pair_label(setup, rlo_pair),
                "ranking_upper": rup,
                "ranking_upper_change": _pair_label(setup, rup_pair),
                "robust": lo_by is None and up_by is None,
                "sentence": _sentence(
                    setup.alternatives[best], criterion, t0, lo, lo_by, up, up_by
                ),
            }
        )
    frame = pd.DataFrame(rows).set_index("criterion")
    for column in (
        "best_lower_by",
        "best_upper_by",
        "ranking_lower_change",
        "ranking_upper_change",
    ):
        # object dtype keeps None for "unbounded" (a str column would turn it into NaN)
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype=object)
    return frame


# --------------------------------------------------------------------------- Monte Carlo


@dataclass(frozen=True, eq=False)
class MonteCarloResult:
    """Stochastic multicriteria acceptability analysis (SMAA-2) of a problem.

    Attributes
    ----------
    acceptability : pandas.DataFrame
        Rank acceptability indices: alternatives (rows) x ranks ``1..m`` (columns),
        the share of samples in which the alternative took that rank. Every row and
        every column sums to 1. Exact ties (probability zero unless two alternatives
        have identical performance) are broken by the problem's order.
    central_weights : pandas.DataFrame
        Alternatives x criteria: the mean of the (sum-1) weight vectors of the
        samples in which the alternative ranked first -- the "typical" preferences
        that make it the best choice. An alternative that was never first has no
        central weight vector: its row is all zeros (a real one sums to 1).
    confidence : pandas.Series
        Confidence factor per alternative: the share of samples of the performance
        values (drawn as in the main run) in which the alternative ranks first when
        the weights are its central weight vector. Without performance uncertainty
        the performance is exact, so it is 1.0 if the alternative is first at its
        central weight vector and 0.0 if not (TOPSIS's region of first rank need
        not be convex, so its centre can lie outside it); 0.0 for an alternative
        that was never first.
    samples : int
        Number of samples.
    seed : int
        The seed used; ``monte_carlo(..., seed=result.seed)`` repeats the run
        (a fresh one is drawn and recorded when ``seed=None``).
    distribution : str
        How weights were drawn: ``"dirichlet"``, ``"uniform"`` or ``"experts"``.
    concentration : float or None
        Dirichlet concentration (None for ``"uniform"``).
    performance_uncertainty : float
        Relative uncertainty of the performance values (0 = exact).
    method, normalization : str
        How alternatives were scored.
    reference_weights : pandas.Series
        The problem's weights (sum 1), the centre of the ``"dirichlet"`` distribution.

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
       acceptability analysis for group decision making. *Operations Research*,
       49(3), 444-454. doi:10.1287/opre.49.3.444.11220
    """

    acceptability: pd.DataFrame
    central_weights: pd.DataFrame
    confidence: pd.Series
    samples: int
    seed: int
    distribution: str
    concentration: float | None
    performance_uncertainty: float
    method: str
    normalization: str
    reference_weights: pd.Series

    @property
    def first(self) -> pd.Series:
        """Probability of being ranked first (the first column of ``acceptability``)."""
        return self.acceptability[1].rename("first")

    def holistic(self, meta_weights: Any = None) -> pd.Series:
        """Holistic acceptability index: rank acceptabilities weighted by meta-weights.

        ``a_i = sum_r alpha_r * b_i^r`` (Lahdelma & Salminen 2001). By default the
        linear meta-weights ``alpha_r = (m - r) / (m - 1)`` (1 for first place, 0 for
        last).

        Parameters
        ----------
        meta_weights : array_like of m numbers, optional
            Non-increasing, from 1 for the first rank.
        """
        m = self.acceptability.shape[1]
        if meta_weights is None:
            alpha = (m - np.arange(1, m + 1)) / max(m - 1, 1)
        else:
            alpha = np.asarray(meta_weights, dtype=float)
            if alpha.shape != (m,) or not np.isfinite(alpha).all():
                message = f"'meta_weights' must be {m} finite numbers (got shape {alpha.shape})"
                raise MethodError(message)
        values = self.acceptability.to_numpy() @ alpha
        return pd.Series(values, index=self.acceptability.index, name="holistic")

    def table(self) -> pd.DataFrame:
        """Acceptabilities with the confidence factor beside them (for printing and workbooks)."""
        frame = self.acceptability.copy()
        frame.columns = [f"rank {r}" for r in frame.columns]
        frame["confidence"] = self.confidence
        return frame

    def __str__(self) -> str:
        if self.distribution == "uniform":
            what = "uniform over all weight vectors (no preference information)"
        elif self.distribution == "experts":
            what = f"Dirichlet around each expert's weights (concentration {self.concentration:g})"
        else:
            what = f"Dirichlet around the weights (concentration {self.concentration:g})"
        lines = [
            f"Rank acceptability ({self.samples:,} samples, seed {self.seed}; weights: {what}"
            + (
                f"; performance +/- {self.performance_uncertainty:.0%}"
                if self.performance_uncertainty
                else ""
            )
            + ")",
            (self.table() * 100)
            .round(1)
            .rename(columns={"confidence": "confidence %"})
            .to_string(float_format=lambda x: f"{x:.1f}"),
        ]
        return "\n".join(lines)


def _check_seed(seed: int | None) -> int:
    if seed is None:
        return int(np.random.SeedSequence().entropy)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        message = f"'seed' must be a non-negative integer or None (got {seed!r})"
        raise MethodError(message)
    return int(seed)


def _check_positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        message = f"{name!r} must be a positive integer (got {value!r})"
        raise MethodError(message)
    return int(value)


def _expert_table(expert_weights: Any, criteria: tuple[str, ...]) -> np.ndarray:
    """Experts' weight vectors as a (k, n) array, each row summing to 1."""
    if isinstance(expert_weights, pd.DataFrame):
        unknown = [c for c in expert_weights.columns if c not in criteria]
        missing = [c for c in criteria if c not in expert_weights.columns]
        if unknown or missing:
            message = (
                f"'expert_weights' columns must be the criteria {list(criteria)} "
                f"(unknown: {unknown}, missing: {missing})"
            )
            raise ProblemError(message)
        expert_weights = expert_weights[list(criteria)].to_numpy()
    try:
        table = np.array(expert_weights, dtype=float)
    except (TypeError, ValueError) as exc:
        message = f"'expert_weights' must be a table of numbers ({exc})"
        raise ProblemError(message) from exc
    n = len(criteria)
    if table.ndim != 2 or table.shape[1] != n or table.shape[0] == 0:
        message = (
            f"'expert_weights' must have one row per expert and {n} columns, one per "
            f"criterion (got shape {table.shape})"
        )
        raise ProblemError(message)
    bad = ~np.isfinite(table) | (table < 0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        message = (
            f"'expert_weights' must be finite and non-negative "
            f"(expert {i}, {criteria[j]!r} is {table[i, j]})"
        )
        raise ProblemError(message)
    sums = table.sum(axis=1)
    if not (sums > 0).all():
        i = int(np.flatnonzero(sums <= 0)[0])
        message = f"'expert_weights' of expert {i} must sum to a positive number (got 0.0)"
        raise ProblemError(message)
    return table / sums[:, None]


def _group_experts(
    problem: Problem, criteria: tuple[str, ...], scale: str = "saaty"
) -> tuple[np.ndarray, np.ndarray]:
    """A group problem's experts' weight vectors (k, n) and their shares (the expert weights).

    With sub-criteria the vectors are each expert's global weights of the leaf criteria.
    """
    result = rank(problem, scale=scale)
    table = result.expert_priorities
    if table is None or result.group is None:
        message = (
            "weights='experts' needs the experts' weight vectors: give 'expert_weights' "
            "(one row per expert) or a problem with several experts' comparisons"
        )
        raise MethodError(message)
    shares = np.array([result.group.expert_weights[e] for e in table.index], dtype=float)
    return _expert_table(table, criteria), shares / shares.sum()


def _dirichlet(rng: np.random.Generator, alpha: np.ndarray, count: int) -> np.ndarray:
    """Dirichlet draws; criteria with alpha = 0 keep weight 0."""
    out = np.zeros((count, alpha.size))
    positive = alpha > 0
    out[:, positive] = rng.dirichlet(alpha[positive], size=count)
    return out


def _draw_weights(
    rng: np.random.Generator,
    count: int,
    distribution: str,
    centres: np.ndarray,
    concentration: float,
    shares: np.ndarray,
) -> np.ndarray:
    """``count`` weight vectors (rows sum to 1).

    ``centres``: (k, n), one row per expert; ``shares``: (k,), how often each is picked.
    """
    n = centres.shape[1]
    if distribution == "uniform":
        draws = rng.standard_exponential((count, n))  # Dirichlet(1, ..., 1), normalised below
        return draws / draws.sum(axis=1, keepdims=True)
    if centres.shape[0] == 1:
        return _dirichlet(rng, concentration * centres[0], count)
    choice = rng.choice(centres.shape[0], size=count, p=shares)
    out = np.empty((count, n))
    for e in range(centres.shape[0]):  # a loop over experts, not over samples
        rows = np.flatnonzero(choice == e)
        out[rows] = _dirichlet(rng, concentration * centres[e], rows.size)
    return out


def _block_rng(seed: int, block: int, stream: int) -> np.random.Generator:
    """The generator of one fixed block of samples (stream 0: weights, 1: performance)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block, stream)))


def _power_of_two_scaled(matrix: np.ndarray) -> np.ndarray:
    """Columns scaled by exact powers of two to |x| <= 1 (no overflow when squaring)."""
    magnitude = np.abs(matrix).max(axis=0)
    exponent = np.where(magnitude > 0, np.frexp(magnitude)[1], 0)
    return np.ldexp(matrix, -exponent)


def _stack_scores(
    stack: np.ndarray, weights: np.ndarray, types: np.ndarray, method: str, normalization: str
) -> np.ndarray:
    """Scores of k matrices (k, m, n) under k weight vectors (k, n) -> (k, m).

    The same formulas as :func:`mcda_iso.topsis.closeness` and
    :func:`mcda_iso.synthesis.scores` (tested equal), with the normalisation done
    per matrix along the alternatives axis.
    """
    cost = types == -1
    if method == "ahp":
        oriented = np.where(cost, 1.0 / stack, stack)
        local = oriented / oriented.sum(axis=1, keepdims=True)
        return (local * weights[:, None, :]).sum(axis=2)
    if normalization == "vector":
        norm = np.sqrt((stack * stack).sum(axis=1, keepdims=True))
        r = np.divide(stack, norm, out=np.zeros_like(stack), where=norm > 0)
        r = np.where(cost, 1.0 - r, r)
    else:
        low = stack.min(axis=1, keepdims=True)
        high = stack.max(axis=1, keepdims=True)
        span = high - low
        r = np.divide(
            np.where(cost, high - stack, stack - low),
            span,
            out=np.ones_like(stack),
            where=span > 0,
        )
    squared = (weights * weights)[:, None, :]
    d_plus = np.sqrt(((r - r.max(axis=1, keepdims=True)) ** 2 * squared).sum(axis=2))
    d_minus = np.sqrt(((r - r.min(axis=1, keepdims=True)) ** 2 * squared).sum(axis=2))
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def monte_carlo(
    problem: Problem,
    samples: int = 10_000,
    seed: int | None = None,
    *,
    weights: str = "dirichlet",
    concentration: float = 50.0,
    expert_weights: Any = None,
    performance_uncertainty: float = 0.0,
    method: str = "topsis",
    normalization: str = "vector",
    aggregation: str = "aij",
    scale: str = "saaty",
    chunk_size: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> MonteCarloResult:
    """Rank acceptability analysis (SMAA-2): how often does each alternative take each rank?

    Each sample draws a weight vector (and, optionally, perturbed performance
    values), scores the alternatives and ranks them; the shares of samples give the
    rank acceptability indices, the mean weights of the samples where an
    alternative wins give its central weight vector, and a second look at its
    central weights gives its confidence factor (Lahdelma & Salminen 2001).

    Weight distributions (all on the simplex: non-negative, summing to 1):

    * ``"dirichlet"`` (default): Dirichlet(c * w) around the problem's weights w,
      with mean w and standard deviation ``sqrt(w_j (1 - w_j) / (c + 1))`` for
      criterion j; c = ``concentration`` (50: a weight of 0.2 varies by about
      +/- 0.056; larger is tighter, c -> infinity gives the deterministic
      ranking). A criterion of weight 0 keeps weight 0.
    * ``"uniform"``: uniform on the simplex, Dirichlet(1, ..., 1) -- no preference
      information at all (the original SMAA question: which alternative wins for
      the widest range of preferences?).
    * ``"experts"``: each sample picks one of the experts' weight vectors at
      random, then draws from the Dirichlet around it with the same
      ``concentration``. The vectors are ``expert_weights`` if given (each picked
      with equal probability); otherwise, for a group problem (``Problem(...,
      experts=...)``), each expert's AHP priorities, picked in proportion to the
      expert weights (:attr:`mcda_iso.ranking.Result.expert_priorities`); with
      sub-criteria, each expert's global weights of the leaf criteria (the
      product of that expert's own local weights down the tree).

    Performance uncertainty ``u`` (relative): each performance value ``x`` of each
    sample is ``x * (1 + u * e)`` with ``e`` uniform on [-1, 1], independently for
    every alternative and criterion (so +/- ``u`` of the value, e.g. 0.1 for
    +/- 10%; 0 keeps the performance exact).

    Reproducibility and memory: samples come in fixed blocks of 4096, each drawn
    from its own generator ``SeedSequence(seed, spawn_key=(block, stream))`` and
    scored in one batched call (:func:`mcda_iso.topsis.closeness` for the 4096
    weight vectors at once, or the same formulas on a (4096, m, n) stack of
    perturbed matrices). Blocks are grouped in chunks of at most ``chunk_size``
    samples, ranked with one ``argsort`` and counted with ``bincount`` per chunk,
    so memory does not grow with ``samples``; sums are formed per block and then
    added in block order, so the chunk size never changes a single bit of the
    result. There is no Python loop over samples.

    Parameters
    ----------
    problem : Problem
    samples : int, default 10000
        Number of samples.
    seed : int, optional
        Seed for :class:`numpy.random.SeedSequence`. None draws a fresh one, which
        is recorded in the result's ``seed``. No global random state is used.
    weights : {"dirichlet", "uniform", "experts"}, default "dirichlet"
        How weight vectors are drawn (see above).
    concentration : float, default 50
        Dirichlet concentration c (> 0) for ``"dirichlet"`` and ``"experts"``.
    expert_weights : array_like or pandas.DataFrame, optional
        Experts' weight vectors, one row per expert (a DataFrame's columns are
        matched to criterion names); only allowed with ``weights="experts"``,
        where it is required unless the problem holds several experts'
        comparisons. Rows are normalised to sum 1.
    performance_uncertainty : float, default 0
        Relative uncertainty u of every performance value, 0 <= u < 1.
    method : {"topsis", "ahp"}
    normalization : {"vector", "minmax"}
        TOPSIS normalisation.
    aggregation : {"aij", "aip"}
        For a problem with several experts: how their judgments are combined into
        the weights analysed (as :func:`mcda_iso.rank`); ignored otherwise.
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale the comparisons are read on (as :func:`mcda_iso.rank`).
    chunk_size : int, optional
        Largest number of samples held in memory at once; rounded up to a multiple
        of 4096. By default 65536, fewer for a problem with more than 32
        alternatives and criteria together (a (chunk, m) array stays under 16 MiB).
        Perturbed performance adds one (4096, m, n) array at a time.
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk; ``total`` counts each
        sample once, or twice when a second pass computes confidence factors under
        performance uncertainty.

    Returns
    -------
    MonteCarloResult

    Raises
    ------
    MethodError
        Unknown method or weight distribution, bad ``samples``, ``seed``,
        ``concentration``, ``performance_uncertainty`` or ``chunk_size``, fewer than
        two ranked alternatives, ``"experts"`` without ``expert_weights`` for a
        problem that is not a group problem.
    ProblemError
        Malformed ``expert_weights``.

    References
    ----------
    .. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
       acceptability analysis for group decision making. *Operations Research*,
       49(3), 444-454. doi:10.1287/opre.49.3.444.11220
    .. [2] Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic
       multicriteria acceptability analysis methods. *Journal of Multi-Criteria
       Decision Analysis*, 15(1-2), 1-14. doi:10.1002/mcda.407

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> mc = monte_carlo(load_scenario("iso9001"), samples=10_000, seed=7, weights="uniform")
    >>> mc.acceptability.sum(axis=1).round(12).unique().tolist()
    [1.0]
    >>> mc.first.idxmax()
    'ISO 9001 certification'
    """
    setup = _setup(problem, method, normalization, aggregation, scale)
    samples = _check_positive_int(samples, "samples")
    seed = _check_seed(seed)
    if weights not in WEIGHT_DISTRIBUTIONS:
        valid = ", ".join(repr(name) for name in WEIGHT_DISTRIBUTIONS)
        message = f"unknown weight distribution {weights!r}; valid names are {valid}"
        raise MethodError(message)
    if isinstance(concentration, bool) or not (
        isinstance(concentration, int | float | np.number)
        and math.isfinite(concentration)
        and concentration > 0
    ):
        message = f"'concentration' must be a positive finite number (got {concentration!r})"
        raise MethodError(message)
    u = performance_uncertainty
    if isinstance(u, bool) or not (isinstance(u, int | float | np.number) and 0 <= u < 1):
        message = f"'performance_uncertainty' must be a number in [0, 1) (got {u!r})"
        raise MethodError(message)
    u = float(u)
    if weights == "experts":
        if expert_weights is None:
            centres, shares = _group_experts(problem, setup.criteria, scale)
        else:
            centres = _expert_table(expert_weights, setup.criteria)
            shares = np.full(centres.shape[0], 1.0 / centres.shape[0])
    elif expert_weights is not None:
        message = f"'expert_weights' is only used with weights='experts' (got weights={weights!r})"
        raise MethodError(message)
    else:
        centres, shares = setup.weights[None, :], np.ones(1)
    m, n = setup.matrix.shape
    if chunk_size is None:
        budget = _CHUNK_BUDGET // (m + n)
        chunk = max(_BLOCK, min(_MAX_CHUNK, budget // _BLOCK * _BLOCK))
    else:
        chunk = -(-_check_positive_int(chunk_size, "chunk_size") // _BLOCK) * _BLOCK
    if method == "ahp":
        synthesis.normalize(setup.matrix, setup.types, names=list(setup.criteria))
    # Both normalisations and the distributive synthesis are scale invariant per column.
    base = _power_of_two_scaled(setup.matrix)
    total = samples * (2 if u > 0 else 1)

    def perturbed(b: int) -> np.ndarray:
        """Block b's performance matrices, shape (block size, m, n)."""
        count = min((b + 1) * _BLOCK, samples) - b * _BLOCK
        e = _block_rng(seed, b, 1).uniform(-1.0, 1.0, size=(count, m, n))
        return base * (1.0 + u * e)

    def block_scores(b: int, w: np.ndarray) -> np.ndarray:
        """Scores of block b under its weight vectors w: one batched call per block.

        A matrix product may round differently depending on how many rows it is
        given, so scoring always takes one whole block: the chunk size cannot
        change a single bit.
        """
        if u > 0:
            return _stack_scores(perturbed(b), w, setup.types, method, normalization)
        return setup.scores(w)

    counts = np.zeros(m * m, dtype=np.int64)
    weight_sums = np.zeros((m, n))
    ranks = np.arange(m)
    for start in range(0, samples, chunk):
        stop = min(start + chunk, samples)
        blocks = range(start // _BLOCK, -(-stop // _BLOCK))
        w = np.concatenate(
            [
                _draw_weights(_block_rng(seed, b, 0), min(_BLOCK, samples - b * _BLOCK), weights,
                              centres, concentration, shares)
                for b in blocks
            ]
        )  # fmt: skip
        scores = np.concatenate(
            [block_scores(b, w[b * _BLOCK - start : (b + 1) * _BLOCK - start]) for b in blocks]
        )
        order = np.argsort(-scores, axis=1, kind="stable")  # order[s, r]: alternative at rank r
        counts += np.bincount((order * m + ranks).ravel(), minlength=m * m)
        # Sums of the winners' weights, per block and alternative (bincount adds in
        # sample order), then added block after block: the same sums whatever the chunks.
        key = (np.arange(stop - start) // _BLOCK) * m + order[:, 0]
        partial = np.empty((len(blocks) * m, n))
        for j in range(n):  # a loop over criteria, not samples
            partial[:, j] = np.bincount(key, weights=w[:, j], minlength=len(blocks) * m)
        for block_sums in partial.reshape(len(blocks), m, n):  # a loop over blocks
            weight_sums += block_sums
        if progress is not None:
            progress(stop, total)

    acceptability = counts.reshape(m, m) / samples
    wins = counts.reshape(m, m)[:, 0]
    central = np.divide(
        weight_sums, wins[:, None], out=np.zeros_like(weight_sums), where=wins[:, None] > 0
    )
    confidence = np.zeros(m)
    winners = np.flatnonzero(wins > 0)
    if u == 0:
        at_centre = setup.scores(central[winners])
        confidence[winners] = (at_centre.argmax(axis=1) == winners).astype(float)
    else:
        hits = np.zeros(m, dtype=np.int64)
        for start in range(0, samples, chunk):
            stop = min(start + chunk, samples)
            for b in range(start // _BLOCK, -(-stop // _BLOCK)):  # a loop over blocks
                stack = perturbed(b)
                for i in winners:  # a loop over alternatives, not samples
                    w = np.broadcast_to(central[i], (stack.shape[0], n))
                    s = _stack_scores(stack, w, setup.types, method, normalization)
                    hits[i] += int((s.argmax(axis=1) == i).sum())
            if progress is not None:
                progress(samples + stop, total)
        confidence = hits / samples
    names = list(setup.alternatives)
    return MonteCarloResult(
        acceptability=pd.DataFrame(
            acceptability,
            index=pd.Index(names, name="alternative"),
            columns=pd.Index(range(1, m + 1), name="rank"),
        ),
        central_weights=pd.DataFrame(
            central,
            index=pd.Index(names, name="alternative"),
            columns=pd.Index(setup.criteria, name="criterion"),
        ),
        confidence=pd.Series(
            confidence, index=pd.Index(names, name="alternative"), name="confidence"
        ),
        samples=samples,
        seed=seed,
        distribution=weights,
        concentration=None if weights == "uniform" else float(concentration),
        performance_uncertainty=u,
        method=method,
        normalization=normalization,
        reference_weights=pd.Series(setup.weights, index=list(setup.criteria), name="weight"),
    )


# --------------------------------------------------------------------------- method agreement


@dataclass(frozen=True, eq=False)
class MethodComparison:
    """Rankings of one problem by several MCDA methods, and how far they agree.

    Attributes
    ----------
    scores : pandas.DataFrame
        Alternatives x methods, each method's own score. Larger is better except
        for ``vikor`` (Q) and ``spotis`` (distance to the ideal point).
    rankings : pandas.DataFrame
        Alternatives x methods, ranks (1 = best; ties share the mean rank, as
        ``pymcdm.helpers.rankdata`` gives them).
    spearman : pandas.DataFrame
        Methods x methods, Spearman's rank correlation (``pymcdm.correlations.spearman``);
        NaN where a method ties every alternative (the coefficient is undefined).
    weighted_spearman : pandas.DataFrame
        Methods x methods, weighted Spearman r_w (Pinto da Costa & Soares 2005):
        disagreements near the top weigh more.
    ws : pandas.DataFrame
        Methods x methods, the WS rank similarity coefficient (Sałabun & Urbaniak
        2020), ``ws[row][col] = ws(ranking_row, ranking_col)``: the row's ranking is the
        reference (WS is not symmetric).
    skipped : dict of str to str
        Methods that do not apply to this data, with the reason (e.g. VIKOR when a
        criterion has the same value for every alternative).
    """

    scores: pd.DataFrame
    rankings: pd.DataFrame
    spearman: pd.DataFrame
    weighted_spearman: pd.DataFrame
    ws: pd.DataFrame
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def agree_on_best(self) -> bool:
        """True when every method ranks the same alternative first (alone)."""
        firsts = [tuple(self.rankings.index[self.rankings[c] == 1]) for c in self.rankings]
        return len(set(firsts)) == 1 and len(firsts[0]) == 1

    def __str__(self) -> str:
        lines = [
            "Rankings by method (1 = best):",
            self.rankings.to_string(float_format=lambda x: f"{x:g}"),
            "",
            "Spearman rank correlation:",
            self.spearman.to_string(float_format=lambda x: f"{x:.2f}"),
            "",
            "WS rank similarity (row = reference ranking):",
            self.ws.to_string(float_format=lambda x: f"{x:.2f}"),
        ]
        for name, reason in self.skipped.items():
            lines.append(f"(not applied: {name}: {reason})")
        return "\n".join(lines)


def _spotis_bounds(matrix: np.ndarray) -> np.ndarray:
    """[min, max] of each criterion's performance; a constant column is widened to +/- 1."""
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    flat = low == high
    return np.column_stack([np.where(flat, low - 1.0, low), np.where(flat, high + 1.0, high)])


def compare_methods(
    problem: Problem, *, aggregation: str = "aij", scale: str = "saaty"
) -> MethodComparison:
    """Rank the problem by seven MCDA methods and measure how well the rankings agree.

    All methods use the same weights (those of :func:`mcda_iso.rank`) on the
    alternatives that meet the requirements:

    * ``topsis_vector``, ``topsis_minmax``: :func:`mcda_iso.topsis.closeness`
      (Hwang & Yoon 1981);
    * ``ahp``: AHP synthesis, distributive mode (:func:`mcda_iso.synthesis.scores`);
    * ``vikor``: ``pymcdm.methods.VIKOR()`` with v = 0.5 (Opricovic & Tzeng 2004),
      lower Q is better;
    * ``promethee_ii``: ``pymcdm.methods.PROMETHEE_II("usual")``, net outranking flow
      with the usual (strict) preference function (Brans & Vincke 1985);
    * ``wsm``: ``pymcdm.methods.WSM(linear_normalization)``, the simple additive
      weighting of x / max (benefit) and min / x (cost) (Hwang & Yoon 1981);
      pymcdm's default sum normalisation would repeat the AHP synthesis exactly;
    * ``spotis``: ``pymcdm.methods.SPOTIS(bounds)`` (Dezert et al. 2020), lower is
      better. SPOTIS needs the bounds of each criterion's scale; the performance
      minimum and maximum are used (a constant criterion is widened to +/- 1).
      With data bounds SPOTIS ranks like a weighted sum of min-max normalised values,
      and it is free of rank reversal only as long as the bounds stay fixed.

    A method that cannot be applied (e.g. VIKOR with a constant criterion; AHP
    synthesis and WSM with non-positive values) is left out and listed in ``skipped``.

    Parameters
    ----------
    problem : Problem
    aggregation, scale
        How the weights are derived from the judgments, as for :func:`mcda_iso.rank`.

    Returns
    -------
    MethodComparison

    Raises
    ------
    MethodError
        Fewer than two ranked alternatives, or TOPSIS cannot rank the data.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer.
    .. [2] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods.
       *European Journal of Operational Research*, 156(2), 445-455.
    .. [3] Brans, J.-P., & Vincke, P. (1985). A preference ranking organisation method.
       *Management Science*, 31(6), 647-656.
    .. [4] Dezert, J., Tchamova, A., Han, D., & Tacnet, J.-M. (2020). The SPOTIS rank
       reversal free method for multi-criteria decision-making support. *FUSION 2020*.
    .. [5] Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity
       in decision-making problems. *ICCS 2020*, LNCS 12138, 632-645.
    .. [6] Pinto da Costa, J., & Soares, C. (2005). A weighted rank measure of
       correlation. *Australian & New Zealand Journal of Statistics*, 47(4), 515-529.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> c = compare_methods(load_scenario("iso9001"))
    >>> list(c.rankings.columns)
    ['topsis_vector', 'topsis_minmax', 'ahp', 'vikor', 'promethee_ii', 'wsm', 'spotis']
    >>> c.agree_on_best
    True
    """
    setup = _setup(problem, "topsis", "vector", aggregation, scale)
    matrix, weights, types = np.array(setup.matrix), setup.weights, setup.types
    names = list(setup.criteria)
    runs: dict[str, tuple[Callable[[], np.ndarray], bool]] = {
        "topsis_vector": (lambda: topsis.closeness(matrix, weights, types, "vector"), True),
        "topsis_minmax": (lambda: topsis.closeness(matrix, weights, types, "minmax"), True),
        "ahp": (lambda: synthesis.scores(matrix, weights, types, names=names), True),
        "vikor": (lambda: VIKOR()(matrix, weights, types), False),
        "promethee_ii": (lambda: PROMETHEE_II("usual")(matrix, weights, types), True),
        "wsm": (lambda: _wsm(matrix, weights, types), True),
        "spotis": (lambda: SPOTIS(_spotis_bounds(matrix))(matrix, weights, types), False),
    }
    scores: dict[str, np.ndarray] = {}
    rankings: dict[str, np.ndarray] = {}
    skipped: dict[str, str] = {}
    for key, (run, larger_is_better) in runs.items():
        try:
            with np.errstate(all="raise"), warnings.catch_warnings():
                # pymcdm's validator notes dominant/dominated alternatives; not a problem here.
                warnings.filterwarnings("ignore", "Alternatives with indices", UserWarning)
                values = np.asarray(run(), dtype=float)
        except MethodError as exc:
            if key == "topsis_vector":
                raise
            skipped[key] = str(exc)
            continue
        except (ValueError, FloatingPointError, ZeroDivisionError) as exc:
            skipped[key] = f"{type(exc).__name__}: {exc}"
            continue
        if not np.isfinite(values).all():
            skipped[key] = "the method gave a non-finite score"
            continue
        scores[key] = values
        rankings[key] = rankdata(np.round(values, 12), reverse=larger_is_better)
    index = pd.Index(setup.alternatives, name="alternative")
    keys = list(scores)
    coefficients: dict[str, pd.DataFrame] = {}
    for label, func in (
        ("spearman", correlations.spearman),
        ("weighted_spearman", correlations.weighted_spearman),
        ("ws", correlations.ws),
    ):
        table = np.empty((len(keys), len(keys)))
        for a, ka in enumerate(keys):
            for b, kb in enumerate(keys):
                x, y = rankings[ka], rankings[kb]
                if label == "spearman" and (np.ptp(x) == 0 or np.ptp(y) == 0):
                    table[a, b] = np.nan  # undefined for a ranking with every alternative tied
                else:
                    table[a, b] = float(func(x, y))
        coefficients[label] = pd.DataFrame(
            table, index=pd.Index(keys, name="method"), columns=pd.Index(keys, name="method")
        )
    return MethodComparison(
        scores=pd.DataFrame(scores, index=index),
        rankings=pd.DataFrame(rankings, index=index),
        skipped=skipped,
        **coefficients,
    )


def _wsm(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray) -> np.ndarray:
    if (matrix <= 0).any():
        raise ValueError("WSM with linear (x / max) normalisation needs positive values")
    return WSM(linear_normalization)(matrix, weights, types)


# --------------------------------------------------------------------------- rank reversal


_RANK_REVERSAL_COLUMNS = ["removed", "a", "b", "before", "after"]


def rank_reversal(
    problem: Problem,
    method: str = "topsis",
    normalization: str = "vector",
    *,
    aggregation: str = "aij",
    scale: str = "saaty",
) -> pd.DataFrame:
    """Remove each alternative in turn and report every pair of the others whose order flips.

    Methods that normalise over the set of alternatives (TOPSIS; AHP synthesis in
    distributive mode) can change the order of two alternatives when a third one is
    added or removed, although nothing about the two has changed (Belton & Gear
    1983; García-Cascales & Lamata 2012).

    Parameters
    ----------
    problem : Problem
    method : {"topsis", "ahp"}
    normalization : {"vector", "minmax"}
        TOPSIS normalisation.
    aggregation : {"aij", "aip"}
        For a problem with several experts: how their judgments are combined into
        the weights analysed (as :func:`mcda_iso.rank`); ignored otherwise.
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale the comparisons are read on (as :func:`mcda_iso.rank`).

    Returns
    -------
    pandas.DataFrame
        One row per flipped pair, columns ``removed`` (the alternative taken out),
        ``a``, ``b`` (``a`` is ranked above ``b`` -- or tied with it and earlier in
        the problem's order -- in the full problem), ``before`` and ``after``: the
        order of a relative to b, ``">"``, ``"="`` or ``"<"`` (scores equal to 12
        decimals count as ``"="``). Empty (with these columns) when nothing flips.
        If the remaining alternatives cannot be told apart at all, they count as tied.

    Raises
    ------
    MethodError
        Unknown method, fewer than two ranked alternatives.

    References
    ----------
    .. [1] Belton, V., & Gear, T. (1983). On a short-coming of Saaty's method of
       analytic hierarchies. *Omega*, 11(3), 228-230.
    .. [2] García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and TOPSIS
       method. *Mathematical and Computer Modelling*, 56(5-6), 123-132.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> rank_reversal(load_scenario("iso9001")).columns.tolist()
    ['removed', 'a', 'b', 'before', 'after']
    """
    setup = _setup(problem, method, normalization, aggregation, scale)
    base = np.round(setup.scores(setup.weights[None, :])[0], 12)
    m = base.size
    symbols = np.array(["<", "=", ">"])
    rows = []
    for removed in range(m):
        keep = np.array([i for i in range(m) if i != removed])
        if keep.size < 2:
            continue
        sub = _Setup(
            alternatives=tuple(setup.alternatives[i] for i in keep),
            criteria=setup.criteria,
            matrix=setup.matrix[keep],
            types=setup.types,
            weights=setup.weights,
            method=setup.method,
            normalization=setup.normalization,
        )
        try:
            after_scores = np.round(sub.scores(setup.weights[None, :])[0], 12)
        except MethodError:
            after_scores = np.zeros(keep.size)  # nothing discriminates: all tied
        i, k = np.triu_indices(keep.size, 1)
        a, b = keep[i], keep[k]
        swap = base[a] < base[b]
        a, b = np.where(swap, b, a), np.where(swap, a, b)
        pos = {int(x): p for p, x in enumerate(keep)}
        before = np.sign(base[a] - base[b]).astype(int)
        after = np.sign(
            after_scores[[pos[int(x)] for x in a]] - after_scores[[pos[int(x)] for x in b]]
        ).astype(int)
        for q in np.flatnonzero(before != after):
            rows.append(
                (
                    setup.alternatives[removed],
                    setup.alternatives[a[q]],
                    setup.alternatives[b[q]],
                    str(symbols[before[q] + 1]),
                    str(symbols[after[q] + 1]),
                )
            )
    return pd.DataFrame(rows, columns=_RANK_REVERSAL_COLUMNS)


# --------------------------------------------------------------------------- everything


@dataclass(frozen=True, eq=False)
class SensitivityReport:
    """Everything :func:`analyse` found, for the CLI, the results workbook and reports.

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
    """

    thresholds: pd.DataFrame
    sweeps: Mapping[str, pd.DataFrame]
    monte_carlo: MonteCarloResult
    methods: MethodComparison
    rank_reversal: pd.DataFrame
    method: str
    normalization: str

    def sentences(self) -> list[str]:
        """The thresholds in words, one sentence per criterion."""
        return list(self.thresholds["sentence"])

    def __str__(self) -> str:
        lines = ["Weight thresholds (one weight changes, the others keep their ratios):"]
        lines += [f"  {s}" for s in self.sentences()]
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
    problem: Problem,
    *,
    samples: int = 10_000,
    seed: int | None = None,
    method: str = "topsis",
    normalization: str = "vector",
    aggregation: str = "aij",
    scale: str = "saaty",
    weights: str = "dirichlet",
    concentration: float = 50.0,
    expert_weights: Any = None,
    performance_uncertainty: float = 0.0,
    points: int = 101,
    progress: Callable[[int, int], object] | None = None,
) -> SensitivityReport:
    """Run every analysis of this module and bundle the results.

    Parameters are those of :func:`weight_sweep` (``points``), :func:`thresholds`
    and :func:`monte_carlo` (``aggregation`` and ``scale``: how the weights are derived
    from the judgments, as :func:`mcda_iso.rank`; pass the ranking's to analyse the
    same weights).

    Returns
    -------
    SensitivityReport

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> report = analyse(load_scenario("iso9001"), samples=2_000, seed=1)
    >>> sorted(report.sweeps) == sorted(report.thresholds.index)
    True
    """
    mc = monte_carlo(
        problem,
        samples,
        seed,
        weights=weights,
        concentration=concentration,
        expert_weights=expert_weights,
        performance_uncertainty=performance_uncertainty,
        method=method,
        normalization=normalization,
        aggregation=aggregation,
        scale=scale,
        progress=progress,
    )
    how = {
        "method": method,
        "normalization": normalization,
        "aggregation": aggregation,
        "scale": scale,
    }
    return SensitivityReport(
        thresholds=thresholds(problem, **how),
        sweeps={c: weight_sweep(problem, c, points, **how) for c in problem.criterion_names},
        monte_carlo=mc,
        methods=compare_methods(problem, aggregation=aggregation, scale=scale),
        rank_reversal=rank_reversal(problem, **how),
        method=method,
        normalization=normalization,
    )
