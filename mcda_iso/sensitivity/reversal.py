"""Rank reversal: does removing one alternative flip the order of two others?"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.ranking.ranks import TIE_DECIMALS
from mcda_iso.sensitivity.analysed import analysed

__all__ = ["rank_reversal"]

_COLUMNS = ["removed", "a", "b", "before", "after"]
_SYMBOLS = np.array(["<", "=", ">"])


def _positions(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Order best first (ties in problem order), each element's place in it, and the
    longest run of tied values."""
    order = np.argsort(-values, kind="stable")
    place = np.empty_like(order)
    place[order] = np.arange(order.size)
    ordered = values[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True])
    return order, place, int(np.diff(starts).max())


def _discordant(before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < k, by position) whose order differs between two score vectors.

    A pair whose order differs is never far apart in the first order: if every element
    moves at most ``d`` places and ties run at most ``t`` long, the two are at most
    ``2 d + t`` places apart. So only pairs within that distance are compared: O(m w)
    for a window w, instead of all m^2 / 2 pairs.
    """
    order, place_b, run_b = _positions(before)
    _, place_a, run_a = _positions(after)
    window = min(before.size - 1, 2 * int(np.abs(place_b - place_a).max()) + max(run_a, run_b))
    found_i, found_k = [], []
    for offset in range(1, window + 1):  # a loop over distances, not pairs
        x, y = order[:-offset], order[offset:]
        differ = np.sign(before[x] - before[y]) != np.sign(after[x] - after[y])
        found_i.append(np.minimum(x[differ], y[differ]))
        found_k.append(np.maximum(x[differ], y[differ]))
    if not found_i:
        return np.empty(0, dtype=int), np.empty(0, dtype=int)
    i, k = np.concatenate(found_i), np.concatenate(found_k)
    sort = np.lexsort((k, i))
    return i[sort], k[sort]


def rank_reversal(
    result: Any, method: str | None = None, normalization: str | None = None, **options: Any
) -> pd.DataFrame:
    """Remove each alternative in turn and report every pair of the others whose order flips.

    Methods that normalise over the set of alternatives (TOPSIS; AHP synthesis in
    distributive mode) can change the order of two alternatives when a third one is
    added or removed, although nothing about the two has changed (Belton & Gear
    1983; García-Cascales & Lamata 2012). Each removal re-scores the others with the
    Result's method, normalisation, mode and weights; the two orders are compared by
    sorting (only pairs close enough in the ranking to have swapped are compared), so the
    work grows as m x (m n + m log m) unless the order is turned upside down, not m^3.

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
    names = np.array(setup.alternatives, dtype=object)
    found: list[np.ndarray] = []
    # the reduced problems are scored in stacks of about a million values at a time
    chunk = max(1, 2**20 // max(1, m * len(setup.criteria)))
    for start in range(0, m if m > 2 else 0, chunk):
        removed_here = np.arange(start, min(start + chunk, m))
        for removed, scores in zip(removed_here, setup.without_each(removed_here), strict=True):
            found.append(_flips(base, int(removed), np.round(scores, TIE_DECIMALS)))
    table = np.concatenate(found, axis=1) if found else np.empty((5, 0), dtype=int)
    removed, a, b, before, after = table
    return pd.DataFrame(
        {
            "removed": names[removed],
            "a": names[a],
            "b": names[b],
            "before": _SYMBOLS[before + 1].astype(object),
            "after": _SYMBOLS[after + 1].astype(object),
        },
        columns=_COLUMNS,
    )


def _flips(base: np.ndarray, removed: int, after: np.ndarray) -> np.ndarray:
    """Every pair whose order changes when ``removed`` is left out, as five rows of
    positions and signs: removed, a, b, sign before, sign after."""
    keep = np.delete(np.arange(base.size), removed)
    i, k = _discordant(base[keep], after)  # positions within keep, i before k
    a, b = keep[i], keep[k]
    swap = base[a] < base[b]  # a: ranked above (or tied, earlier in problem order)
    a, b = np.where(swap, b, a), np.where(swap, a, b)
    ia, ib = np.where(swap, k, i), np.where(swap, i, k)
    before = np.sign(base[a] - base[b]).astype(int)
    after_sign = np.sign(after[ia] - after[ib]).astype(int)
    return np.vstack([np.full(a.size, removed), a, b, before, after_sign])
