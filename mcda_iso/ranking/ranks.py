"""Competition ranks ("1224"): the one rank function of the package.

Scores equal to 12 decimals share the better rank, so rounding noise in the last
bits never splits a tie. Sorting makes it O(m log m) per row (the all-pairs
comparison it replaces was O(m^2) in time and memory).

Examples
--------
>>> competition_ranks([0.5, 0.9, 0.5, 0.1]).tolist()
[2, 1, 2, 4]
>>> competition_ranks([[1.0, 2.0], [3.0, 3.0]]).tolist()
[[2, 1], [1, 1]]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["TIE_DECIMALS", "competition_ranks"]

#: Scores that agree to this many decimals count as tied.
TIE_DECIMALS = 12


def competition_ranks(scores: ArrayLike) -> np.ndarray:
    """Ranks along the last axis, 1 = best (largest); ties share the better rank.

    Parameters
    ----------
    scores : array_like
        Shape (..., m): larger is better.

    Returns
    -------
    numpy.ndarray
        Integer ranks of the same shape: 1 + the number of strictly larger scores
        (after rounding to :data:`TIE_DECIMALS` decimals).
    """
    rounded = np.round(np.asarray(scores, dtype=float), TIE_DECIMALS)
    if rounded.shape[-1] == 0:
        return np.zeros(rounded.shape, dtype=np.int64)
    order = np.argsort(-rounded, axis=-1, kind="stable")
    ordered = np.take_along_axis(rounded, order, axis=-1)
    m = rounded.shape[-1]
    position = np.broadcast_to(np.arange(m), rounded.shape)
    starts = np.ones(rounded.shape, dtype=bool)
    starts[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    # the position of the first member of each run of equal scores, carried forward
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=-1)
    ranks = np.empty(rounded.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=-1)
    return ranks
