"""Rank acceptability analysis (SMAA-2): how often each alternative takes each rank when
the weights (and optionally the performance values) are drawn at random."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.errors import MethodError, ProblemError
from mcda_iso.ranking import Result
from mcda_iso.sensitivity.analysed import analysed, check_positive_int

__all__ = ["WEIGHT_DISTRIBUTIONS", "MonteCarloResult", "monte_carlo"]

#: How :func:`monte_carlo` draws weight vectors.
WEIGHT_DISTRIBUTIONS: tuple[str, ...] = ("dirichlet", "uniform", "experts")

# Monte Carlo samples come in fixed blocks, each drawn from its own generator
# (SeedSequence(seed, spawn_key=(block, stream))) and scored in one batched call:
# the numbers never depend on how the blocks are grouped into chunks.
_BLOCK = 4096
# Largest chunk, and the budget of values for the (chunk, m) and (chunk, n) arrays
# of a chunk (2**21 values: 16 MiB of float64 each).
_MAX_CHUNK = 16 * _BLOCK
_CHUNK_BUDGET = 2**21
#: The most samples one run takes: memory stays flat, but time grows with the samples
#: (about 3 s per 10 million for the built-in scenario on 2 cores).
MAX_SAMPLES = 1_000_000_000


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
        table = (self.table() * 100).round(1).rename(columns={"confidence": "confidence %"})
        never = self.acceptability[1] == 0  # no central weights: no confidence factor
        table.loc[never, "confidence %"] = np.nan
        text = table.to_string(float_format=lambda x: f"{x:.1f}", na_rep="-")
        lines = [
            f"Rank acceptability ({self.samples:,} samples, seed {self.seed}; weights: {what}"
            + (
                f"; performance +/- {self.performance_uncertainty:.0%}"
                if self.performance_uncertainty
                else ""
            )
            + ")",
            text,
        ]
        if never.any():
            lines.append(
                "confidence %: how often an alternative is first at its own central weights; "
                "'-': never first in the samples, so it has none"
            )
        return "\n".join(lines)


def _check_seed(seed: int | None) -> int:
    if seed is None:  # fresh, and short enough to type back: 32 bits (up to 4294967295)
        return int(np.random.SeedSequence().generate_state(1, np.uint32)[0])
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        message = f"'seed' must be a non-negative integer or None (got {seed!r})"
        raise MethodError(message)
    return int(seed)


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


def _group_experts(result: Result, criteria: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """A group ranking's experts' weight vectors (k, n) and their shares (the expert weights).

    With sub-criteria the vectors are each expert's global weights of the leaf criteria,
    as the Result holds them (:attr:`Result.expert_priorities`).
    """
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


def _ranking_order(scores: np.ndarray) -> np.ndarray:
    """Each row's alternatives best first; exact ties in problem order (a stable sort).

    Exact ties are rare (identical alternatives), so the rows are sorted by numpy's
    default introsort, about twice as fast as its stable sort, and only rows holding a tie
    are sorted again stably: the result is the stable sort's, element for element.
    """
    negated = -scores
    order = np.argsort(negated, axis=1)
    ordered = np.take_along_axis(negated, order, axis=1)
    tied = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
    if tied.any():
        order[tied] = np.argsort(negated[tied], axis=1, kind="stable")
    return order


def monte_carlo(
    result: Any,
    samples: int = 10_000,
    seed: int | None = None,
    *,
    weights: str | None = None,
    concentration: float = 50.0,
    expert_weights: Any = None,
    performance_uncertainty: float = 0.0,
    chunk_size: int | None = None,
    progress: Callable[[int, int], object] | None = None,
    **options: Any,
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
    result : Result
        The ranking to analyse: its weights are the centre, its method,
        normalisation and mode score every sample (a Problem is ranked first with
        ``options``, the keyword options of :func:`mcda_iso.rank`).
    samples : int, default 10000
        Number of samples.
    seed : int, optional
        Seed for :class:`numpy.random.SeedSequence`. None draws a fresh one, which
        is recorded in the result's ``seed``. No global random state is used.
    weights : {"dirichlet", "uniform", "experts"}, optional
        How weight vectors are drawn (see above). By default ``"experts"`` for a
        ranking of several experts' judgments (how firm a team's recommendation is
        depends on how far they disagree, not only on the group weights) or when
        ``expert_weights`` are given, ``"dirichlet"`` otherwise; the result's
        ``distribution`` says which was used.
    concentration : float, default 50
        Dirichlet concentration c (> 0) for ``"dirichlet"`` and ``"experts"``.
    expert_weights : array_like or pandas.DataFrame, optional
        Experts' weight vectors, one row per expert (a DataFrame's columns are
        matched to criterion names); only allowed with ``weights="experts"``,
        where it is required unless the problem holds several experts'
        comparisons. Rows are normalised to sum 1.
    performance_uncertainty : float, default 0
        Relative uncertainty u of every performance value, 0 <= u < 1.
    chunk_size : int, optional
        Largest number of samples held in memory at once; rounded up to a multiple
        of 4096. By default 65536, fewer for a problem with more than 32
        alternatives and criteria together (a (chunk, m) array stays under 16 MiB).
        Perturbed performance adds one (4096, m, n) array at a time.
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk; ``total`` counts each
        sample once, or twice when a second pass computes confidence factors under
        performance uncertainty.
    **options
        Only with a Problem (with a Result they must agree with its options).

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
    >>> from mcda_iso import load_scenario, rank
    >>> mc = monte_carlo(rank(load_scenario("iso9001")), samples=10_000, seed=7, weights="uniform")
    >>> mc.acceptability.sum(axis=1).round(12).unique().tolist()
    [1.0]
    >>> mc.first.idxmax()
    'ISO 9001 certification'
    """
    setup = analysed(result, "monte_carlo", **options)
    samples = check_positive_int(samples, "samples", MAX_SAMPLES)
    seed = _check_seed(seed)
    if weights is None:
        team = expert_weights is not None or setup.result.group is not None
        weights = "experts" if team else "dirichlet"
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
            centres, shares = _group_experts(setup.result, setup.criteria)
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
        chunk = -(-check_positive_int(chunk_size, "chunk_size") // _BLOCK) * _BLOCK
    base = setup.matrix
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
            return setup.scores_stack(perturbed(b), w)
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
        order = _ranking_order(scores)  # order[s, r]: the alternative at rank r of sample s
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
                    s = setup.scores_stack(stack, w)
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
        method=setup.method,
        normalization=setup.normalization,
        reference_weights=pd.Series(setup.weights, index=list(setup.criteria), name="weight"),
    )
