"""Rank reversal: does removing one alternative flip the order of two others?"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.errors import MethodError
from mcda_iso.ranking.ranks import TIE_DECIMALS
from mcda_iso.sensitivity.analysed import analysed

__all__ = ["rank_reversal"]

_COLUMNS = ["removed", "a", "b", "before", "after"]
_SYMBOLS = np.array(["<", "=", ">"])


def _order(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions best first (ties in problem order) and, for each neighbour pair in that
    order, whether the two are tied."""
    order = np.argsort(-scores, kind="stable")
    ordered = scores[order]
    return order, ordered[1:] == ordered[:-1]


def _changed(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """The positions (in ``before``'s order) that may be in a pair whose order changed.

    Two orders that agree on a prefix and a suffix (same alternatives at the same
    places, same ties between neighbours) order every pair reaching into the prefix
    or suffix alike, so only the span between holds changed pairs; it is widened to
    whole runs of ties on both sides.
    """
    order_b, tie_b = _order(before)
    order_a, tie_a = _order(after)
    differs = order_b != order_a
    differs[:-1] |= tie_b != tie_a
    differs[1:] |= tie_b != tie_a
    where = np.flatnonzero(differs)
    if where.size == 0:
        return where
    lo, hi = int(where[0]), int(where[-1])
    while lo > 0 and (tie_b[lo - 1] or tie_a[lo - 1]):
        lo -= 1
    while hi < len(tie_b) and (tie_b[hi] or tie_a[hi]):
        hi += 1
    return np.union1d(order_b[lo : hi + 1], order_a[lo : hi + 1])


def rank_reversal(
    result: Any, method: str | None = None, normalization: str | None = None, **options: Any
) -> pd.DataFrame:
    """Remove each alternative in turn and report every pair of the others whose order flips.

    Methods that normalise over the set of alternatives (TOPSIS; AHP synthesis in
    distributive mode) can change the order of two alternatives when a third one is
    added or removed, although nothing about the two has changed (Belton & Gear
    1983; García-Cascales & Lamata 2012). Each removal re-scores the others with the
    Result's method, normalisation, mode and weights; the two orders are compared by
    sorting (only the span where they differ is compared pair by pair), so the work
    grows as m x (m n + m log m), not m^3.

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
        One row per flipped pair, columns ``removed`` (the alternative taken out),
        ``a``, ``b`` (``a`` is ranked above ``b`` -- or tied with it and earlier in
        the problem's order -- in the full problem), ``before`` and ``after``: the
        order of a relative to b, ``">"``, ``"="`` or ``"<"`` (scores equal to 12
        decimals count as ``"="``). Empty (with these columns) when nothing flips.
        If the remaining alternatives cannot be told apart at all, they count as tied.

    Raises
    ------
    MethodError
        Fewer than two ranked alternatives.

    References
    ----------
    .. [1] Belton, V., & Gear, T. (1983). On a short-coming of Saaty's method of
       analytic hierarchies. *Omega*, 11(3), 228-230.
    .. [2] García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and TOPSIS
       method. *Mathematical and Computer Modelling*, 56(5-6), 123-132.

    Examples
    --------
    >>> from mcda_iso import load_scenario, rank
    >>> rank_reversal(rank(load_scenario("iso9001"))).columns.tolist()
    ['removed', 'a', 'b', 'before', 'after']
    """
    setup = analysed(result, "rank_reversal", method=method, normalization=normalization,
                     **options)  # fmt: skip
    base = np.round(setup.result.scores.to_numpy(), TIE_DECIMALS)
    m = base.size
    names = setup.alternatives
    rows = []
    for removed in range(m):
        keep = np.delete(np.arange(m), removed)
        if keep.size < 2:
            continue
        try:
            after = np.round(setup.without(removed), TIE_DECIMALS)
        except MethodError:
            after = np.zeros(keep.size)  # nothing discriminates: all tied
        span = _changed(base[keep], after)  # positions within keep
        if span.size < 2:
            continue
        i, k = np.triu_indices(span.size, 1)
        a, b = span[i], span[k]  # positions within keep, a before b in problem order
        swap = base[keep[a]] < base[keep[b]]
        a, b = np.where(swap, b, a), np.where(swap, a, b)
        before = np.sign(base[keep[a]] - base[keep[b]]).astype(int)
        after_sign = np.sign(after[a] - after[b]).astype(int)
        for q in np.flatnonzero(before != after_sign):
            rows.append(
                (names[removed], names[keep[a[q]]], names[keep[b[q]]],
                 str(_SYMBOLS[before[q] + 1]), str(_SYMBOLS[after_sign[q] + 1]))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=_COLUMNS)
