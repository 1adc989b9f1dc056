"""One weight at a time: every score along its range (:func:`weight_sweep`) and the exact
weights at which the best alternative or the ranking changes (:func:`thresholds`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import i18n
from mcda_iso.errors import MethodError, ProblemError
from mcda_iso.ranking import competition_ranks
from mcda_iso.sensitivity.analysed import Analysed, analysed, check_positive_int

__all__ = ["threshold_sentence", "thresholds", "weight_sweep"]

# Scores closer than this count as tied (as competition_ranks: 12 decimals).
_TIE = 1e-12
# Points of the grid that brackets the roots in `thresholds`.
_GRID = 1001
# Root finding in a grid bracket (1/1000 wide): stop when the bracket is this narrow
# (as brentq's xtol before), when the two scores agree to rounding, or after this many
# steps (regula falsi, Illinois variant).
_ROOT_TOL = 1e-14
_EQUAL = 1e-15
_MAX_STEPS = 100
# The largest sweep: points x alternatives rows of the returned table.
_MAX_ROWS = 10_000_000


def _criterion_index(setup: Analysed, criterion: str) -> int:
    if criterion not in setup.criteria:
        message = f"unknown criterion {criterion!r}; known: {list(setup.criteria)}"
        raise ProblemError(message)
    if len(setup.criteria) < 2:
        message = "weight sensitivity needs at least two criteria (with one, its weight is 1)"
        raise MethodError(message)
    return setup.criteria.index(criterion)


def sweep_weights(weights: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """Weight vectors with criterion j at each t and the others rescaled in proportion.

    If every other weight is zero, they share ``1 - t`` equally.

    Examples
    --------
    >>> sweep_weights(np.array([0.5, 0.3, 0.2]), 0, np.array([0.0, 1.0])).tolist()
    [[0.0, 0.6, 0.4], [1.0, 0.0, 0.0]]
    """
    others = np.delete(weights, j)
    rest = others.sum()
    shares = others / rest if rest > 0 else np.full(others.size, 1.0 / others.size)
    table = np.empty((t.size, weights.size))
    table[:, np.arange(weights.size) != j] = np.outer(1.0 - t, shares)
    table[:, j] = t
    return table


def weight_sweep(
    result: Any,
    criterion: str,
    points: int = 101,
    method: str | None = None,
    normalization: str | None = None,
    *,
    include_current: bool = False,
    **options: Any,
) -> pd.DataFrame:
    """Every alternative's score and rank as one criterion's weight goes from 0 to 1.

    At weight ``t`` the chosen criterion weighs ``t`` and every other criterion
    ``(1 - t) * w_k / (1 - w_j)``: the others keep their ratios (if they are all zero,
    they share ``1 - t`` equally). All ``points`` weight vectors are scored in one
    batched call, with the Result's method, normalisation and mode, on the matrix it
    ranked: at the current weight the scores are the Result's.

    Parameters
    ----------
    result : Result
        The ranking to analyse (a Problem is ranked first with ``method``,
        ``normalization`` and ``options``, the keyword options of :func:`mcda_iso.rank`).
    criterion : str
        Name of the criterion whose weight varies.
    points : int, default 101
        Number of equally spaced weights from 0 to 1 (both included), at least 2.
    include_current : bool, default False
        Also score the criterion's current weight (one more row per alternative
        unless it is on the grid already): there the scores are the Result's.
    method, normalization, **options
        Only with a Problem (with a Result they must agree with its options).

    Returns
    -------
    pandas.DataFrame
        Long ("tidy") format, one row per (weight, alternative), ``points * m`` rows,
        columns ``weight`` (of the criterion), ``alternative``, ``score`` and ``rank``
        (1 = best; equal scores share the better rank). Sorted by weight, then in the
        problem's order of alternatives.

    Raises
    ------
    ProblemError
        Unknown criterion.
    MethodError
        Fewer than two criteria or ranked alternatives, ``points`` < 2 or so large
        that the table would pass 10 million rows.

    Examples
    --------
    >>> from mcda_iso import load_scenario, rank
    >>> sweep = weight_sweep(rank(load_scenario("iso9001")), "cost", points=11)
    >>> sweep.shape
    (77, 4)
    >>> at_half = sweep[sweep.weight == 0.5]  # cost weighs half: the uncertified QMS wins
    >>> at_half.loc[at_half["rank"] == 1, "alternative"].tolist()
    ['ISO 9001-aligned QMS (uncertified)']
    """
    setup = analysed(result, "weight_sweep", method=method, normalization=normalization, **options)
    j = _criterion_index(setup, criterion)
    m = len(setup.alternatives)
    if isinstance(points, bool) or not isinstance(points, int | np.integer) or points < 2:
        message = f"'points' must be an integer of at least 2 (got {points!r})"
        raise MethodError(message)
    check_positive_int(points, "points", _MAX_ROWS // m)
    t = np.linspace(0.0, 1.0, int(points))
    if include_current:
        t = np.union1d(t, [setup.weights[j]])
    scores = setup.scores(sweep_weights(setup.weights, j, t))
    return pd.DataFrame(
        {
            "weight": np.repeat(t, m),
            "alternative": np.tile(np.array(setup.alternatives, dtype=object), t.size),
            "score": scores.ravel(),
            "rank": competition_ranks(scores).ravel(),
        }
    )


def _roots(
    setup: Analysed, j: int, a: float, b: float, pairs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where each pair's scores are equal between weights a (pair in order) and b (reversed).

    The Illinois variant of regula falsi (Dowell & Jarratt 1971) on all pairs at once,
    each step scoring only the two alternatives of each pair (O(pairs x n) per step):
    the bracket keeps the root, and shrinks superlinearly to about 1e-15 (typically in
    under ten steps, where bisection takes forty). Returns the roots and, per pair,
    whether it was equal (to rounding) at a grid point already.
    """

    def diff(t: np.ndarray) -> np.ndarray:
        w = sweep_weights(setup.weights, j, t)
        s = setup.scores_of(w, pairs)
        return s[:, 0] - s[:, 1]

    near = np.full(len(pairs), a)  # in order there (diff > 0)
    far = np.full(len(pairs), b)  # reversed there (diff < 0)
    f_near, f_far = diff(near), diff(far)
    at_grid = (f_near <= 0) | (f_far >= 0)  # equal at a grid point (to rounding)
    open_ = ~at_grid
    moved = np.zeros(len(pairs), dtype=int)  # which end moved last: +1 near, -1 far
    for _ in range(_MAX_STEPS):
        open_ &= np.abs(far - near) > _ROOT_TOL
        if not open_.any():
            break
        step = np.clip(f_near / (f_near - f_far), 0.0, 1.0)
        t = near + step * (far - near)
        f = diff(t)
        hit = open_ & (np.abs(f) <= _EQUAL)  # equal to rounding: t is the root
        to_near = open_ & ~hit & (f > 0)  # still in order at t: t replaces the near end
        to_far = open_ & ~hit & (f <= 0)
        # Illinois: when the same end moves twice running, halve the other end's value
        f_far = np.where(to_near & (moved == 1), 0.5 * f_far, f_far)
        f_near = np.where(to_far & (moved == -1), 0.5 * f_near, f_near)
        near, f_near = np.where(to_near, t, near), np.where(to_near, f, f_near)
        far, f_far = np.where(to_far, t, far), np.where(to_far, f, f_far)
        moved = np.where(to_near, 1, np.where(to_far, -1, moved))
        near, far = np.where(hit, t, near), np.where(hit, t, far)
        open_ &= ~hit
    roots = np.where(at_grid, np.where(f_near <= 0, a, b), 0.5 * (near + far))
    return roots, at_grid


def _side(
    setup: Analysed, j: int, grid: np.ndarray, diff: np.ndarray, pairs: np.ndarray, inside: int,
    outside: int,
) -> tuple[float, tuple[int, int]]:  # fmt: skip
    """The root nearest ``grid[inside]`` among the pairs reversed at ``grid[outside]``.

    Within a grid step (0.001 of weight) every score is smooth, so the linear
    interpolation of each pair's difference between the two grid points places its root
    to within a small fraction of the step: only the pairs whose interpolated root lies
    within a tenth of a step of the nearest one are solved exactly (usually one or two,
    where hundreds of adjacent pairs of a long ranking may reverse in the same step).
    """
    reversed_ = np.flatnonzero(diff[outside] < -_TIE)
    a, b = float(grid[inside]), float(grid[outside])
    f_in, f_out = diff[inside, reversed_], diff[outside, reversed_]
    share = np.divide(f_in, f_in - f_out, out=np.zeros_like(f_in), where=f_in > f_out)
    reversed_ = reversed_[share <= share.min() + 0.1]
    roots, _ = _roots(setup, j, a, b, pairs[reversed_])
    q = int(np.lexsort((np.arange(roots.size), np.abs(roots - a)))[0])
    pair = pairs[reversed_[q]]
    return float(roots[q]), (int(pair[0]), int(pair[1]))


def _bounds(
    setup: Analysed, j: int, t0: float, grid: np.ndarray, diff: np.ndarray, pairs: np.ndarray
) -> tuple[float, tuple[int, int] | None, float, tuple[int, int] | None]:
    """Interval around t0 in which every pair (a, b) keeps score a >= score b.

    ``diff`` holds each pair's score difference at each grid weight (G, pairs). The grid
    brackets the first point on each side where some pair is strictly reversed (by more
    than 1e-12); bisection then finds the weight where that pair's scores are equal, to
    about 1e-15. Returns ``(lower, pair, upper, pair)``; a side that is never reversed
    gives 0.0 or 1.0 and ``None``.
    """
    at = int(np.searchsorted(grid, t0))
    reversed_ = (diff < -_TIE).any(axis=1)
    lower, lower_pair, upper, upper_pair = 0.0, None, 1.0, None
    below = np.flatnonzero(reversed_[:at])
    if below.size:
        k = int(below[-1])
        lower, lower_pair = _side(setup, j, grid, diff, pairs, k + 1, k)
    above = np.flatnonzero(reversed_[at + 1 :])
    if above.size:
        k = at + 1 + int(above[0])
        upper, upper_pair = _side(setup, j, grid, diff, pairs, k - 1, k)
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
    """The threshold in words, in the language in force (:mod:`mcda_iso.i18n`)."""
    _, num = i18n.gettext, i18n.decimal
    words = {"best": best, "criterion": criterion, "now": num(f"{now:.2f}")}
    if low_by is None and up_by is None:
        return _("{best} stays first whatever the weight of {criterion} (now {now}).").format(
            **words
        )
    if low_by is None:
        return _(
            "{best} stays first unless the weight of {criterion} rises above {upper} (now "
            "{now}), when {up_by} takes over."
        ).format(upper=num(_fmt(upper, now)), up_by=up_by, **words)
    if up_by is None:
        return _(
            "{best} stays first unless the weight of {criterion} falls below {lower} (now "
            "{now}), when {low_by} takes over."
        ).format(lower=num(_fmt(lower, now)), low_by=low_by, **words)
    return _(
        "{best} stays first unless the weight of {criterion} falls below {lower} or rises "
        "above {upper} (now {now}); below, {low_by} takes over, above, {up_by}."
    ).format(
        lower=num(_fmt(lower, now)),
        upper=num(_fmt(upper, now)),
        low_by=low_by,
        up_by=up_by,
        **words,
    )


def threshold_sentence(criterion: str, row: pd.Series) -> str:
    """One row of :func:`thresholds` in words, in the language in force (the ``sentence``
    column holds it in the language in force when the analysis ran).

    Examples
    --------
    >>> from mcda_iso import i18n, load_scenario, rank
    >>> table = thresholds(rank(load_scenario("iso9001", profile="balanced")))
    >>> with i18n.using("de"):
    ...     sentence = threshold_sentence("cost", table.loc["cost"])
    >>> sentence.startswith("ISO 9001 certification bleibt vorn, solange das Gewicht von cost")
    True
    >>> "nicht über 0,40 steigt (jetzt 0,10); darüber übernimmt" in sentence
    True
    >>> sentence == table.loc["cost", "sentence"]  # the column: the language of the analysis
    False
    """
    return _sentence(
        str(row["best"]),
        criterion,
        float(row["weight"]),
        float(row["best_lower"]),
        row["best_lower_by"],
        float(row["best_upper"]),
        row["best_upper_by"],
    )


def thresholds(
    result: Any, method: str | None = None, normalization: str | None = None, **options: Any
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

    Each bound is the weight at which two scores are equal: a 1001-point grid scored
    in one batched call per criterion brackets it, and a bisection of every
    candidate pair at once (scoring only the pair's two alternatives) finds it to
    about 1e-15. A pair that swapped and swapped back between two grid points
    (within 0.001 of weight) would be missed. Work per criterion grows as
    1001 x m x n, not with the number of pairs times m.

    Parameters
    ----------
    result : Result
        The ranking to analyse (a Problem is ranked first with ``method``,
        ``normalization`` and ``options``).
    method, normalization, **options
        Only with a Problem (with a Result they must agree with its options).

    Returns
    -------
    pandas.DataFrame
        One row per criterion (index ``criterion``), columns ``weight``, ``best``,
        ``best_lower``, ``best_lower_by``, ``best_upper``, ``best_upper_by``
        (``None`` in a ``_by`` column: unbounded on that side, the bound is 0.0 or
        1.0), ``ranking_lower``, ``ranking_lower_change``, ``ranking_upper``,
        ``ranking_upper_change`` (e.g. ``"Lean overtakes Six Sigma"``), ``robust``
        (no weight of this criterion changes the best) and ``sentence`` (the ``best``
        interval in words).

    Raises
    ------
    MethodError
        Fewer than two criteria or ranked alternatives.

    Examples
    --------
    >>> from mcda_iso import load_scenario, rank
    >>> t = thresholds(rank(load_scenario("iso9001")))
    >>> row = t.loc["cost"]
    >>> print(f"{row.weight:.3f} {row.best_upper:.3f} {row.best_upper_by}")
    0.100 0.398 ISO 9001-aligned QMS (uncertified)
    >>> print(row.sentence)
    ISO 9001 certification stays first unless the weight of cost rises above 0.40 (now 0.10), when ISO 9001-aligned QMS (uncertified) takes over.
    """  # noqa: E501
    setup = analysed(result, "thresholds", method=method, normalization=normalization, **options)
    if len(setup.criteria) < 2:
        raise MethodError(
            "weight sensitivity needs at least two criteria (with one, its weight is 1)"
        )
    base = setup.result.scores.to_numpy()
    order = np.argsort(-np.round(base, 12), kind="stable")
    best = int(order[0])
    others = np.delete(np.arange(len(base)), best)
    best_pairs = np.column_stack([np.full(others.size, best), others])
    ranking_pairs = np.column_stack([order[:-1], order[1:]])
    names = setup.alternatives
    rows = []
    for j, criterion in enumerate(setup.criteria):
        t0 = float(setup.weights[j])
        grid = np.union1d(np.linspace(0.0, 1.0, _GRID), [t0])
        scores = setup.scores(sweep_weights(setup.weights, j, grid))  # one call per criterion
        ordered = scores[:, order]  # best first: adjacent differences are the ranking's pairs
        best_diff = ordered[:, :1] - scores[:, others]
        lo, lo_pair, up, up_pair = _bounds(setup, j, t0, grid, best_diff, best_pairs)
        ranking_diff = ordered[:, :-1] - ordered[:, 1:]
        rlo, rlo_pair, rup, rup_pair = _bounds(setup, j, t0, grid, ranking_diff, ranking_pairs)
        lo_by = None if lo_pair is None else names[lo_pair[1]]
        up_by = None if up_pair is None else names[up_pair[1]]
        rows.append(
            {
                "criterion": criterion,
                "weight": t0,
                "best": names[best],
                "best_lower": lo,
                "best_lower_by": lo_by,
                "best_upper": up,
                "best_upper_by": up_by,
                "ranking_lower": rlo,
                "ranking_lower_change": None
                if rlo_pair is None
                else f"{names[rlo_pair[1]]} overtakes {names[rlo_pair[0]]}",
                "ranking_upper": rup,
                "ranking_upper_change": None
                if rup_pair is None
                else f"{names[rup_pair[1]]} overtakes {names[rup_pair[0]]}",
                "robust": lo_by is None and up_by is None,
                "sentence": _sentence(names[best], criterion, t0, lo, lo_by, up, up_by),
            }
        )
    frame = pd.DataFrame(rows).set_index("criterion")
    for column in ("best_lower_by", "best_upper_by", "ranking_lower_change",
                   "ranking_upper_change"):  # fmt: skip
        # object dtype keeps None for "unbounded" (a str column would turn it into NaN)
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype=object)
    return frame
