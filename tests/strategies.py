"""Hypothesis strategies shared by the test suite (one place, as attrs does).

Pairwise-comparison strategies
------------------------------
``weight_vectors(min_n, max_n)``
    positive weight vectors summing to 1.
``consistent_matrices(min_n, max_n)``
    ``(matrix, weights)`` with ``matrix[i, j] = weights[i] / weights[j]`` exactly.
``reciprocal_matrices(min_n, max_n, saaty_scale=True)``
    random reciprocal matrices (usually inconsistent).
``missing_masks(n)``
    symmetric masks of missing judgments that keep the comparison graph connected.

``from_upper(n, upper)`` (a plain function) builds a reciprocal matrix from its upper
triangle, row by row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import strategies as st

SAATY_VALUES = tuple([1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])


def from_upper(n: int, upper: Sequence[float]) -> np.ndarray:
    """The n x n reciprocal matrix whose upper triangle, row by row, is ``upper``."""
    a = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    a[iu] = upper
    a[(iu[1], iu[0])] = 1.0 / np.asarray(upper, dtype=float)
    return a


def consistent_matrix(weights: np.ndarray) -> np.ndarray:
    """The perfectly consistent matrix ``a_ij = w_i / w_j``."""
    w = np.asarray(weights, dtype=float)
    return w[:, None] / w[None, :]


@st.composite
def weight_vectors(draw: st.DrawFn, min_n: int = 1, max_n: int = 10) -> np.ndarray:
    """Positive weights summing to 1; ratios up to 1000 between the extremes."""
    n = draw(st.integers(min_n, max_n))
    raw = draw(
        st.lists(
            st.floats(0.001, 1.0, allow_nan=False, allow_infinity=False), min_size=n, max_size=n
        )
    )
    w = np.array(raw)
    return w / w.sum()


@st.composite
def consistent_matrices(
    draw: st.DrawFn, min_n: int = 1, max_n: int = 10
) -> tuple[np.ndarray, np.ndarray]:
    """``(matrix, weights)``: a consistent comparison matrix and the weights it encodes."""
    w = draw(weight_vectors(min_n, max_n))
    return consistent_matrix(w), w


@st.composite
def reciprocal_matrices(
    draw: st.DrawFn, min_n: int = 1, max_n: int = 10, saaty_scale: bool = True
) -> np.ndarray:
    """Random reciprocal matrices: upper triangle drawn, lower triangle its reciprocal.

    With ``saaty_scale`` the judgments come from 1/9 ... 9; otherwise they are any
    float in [1/9, 9].
    """
    n = draw(st.integers(min_n, max_n))
    k = n * (n - 1) // 2
    if saaty_scale:
        values = st.sampled_from(SAATY_VALUES)
    else:
        values = st.floats(1.0 / 9.0, 9.0, allow_nan=False, allow_infinity=False)
    return from_upper(n, draw(st.lists(values, min_size=k, max_size=k)))


@st.composite
def missing_masks(draw: st.DrawFn, n: int) -> np.ndarray:
    """A symmetric boolean mask of missing judgments leaving the graph connected.

    A random spanning tree is always kept; each other pair is dropped at random.
    """
    mask = np.ones((n, n), dtype=bool)
    np.fill_diagonal(mask, False)
    order = draw(st.permutations(list(range(n))))
    for pos in range(1, n):
        parent = order[draw(st.integers(0, pos - 1))]
        child = order[pos]
        mask[parent, child] = mask[child, parent] = False
    for i in range(n):
        for j in range(i + 1, n):
            if mask[i, j] and not draw(st.booleans()):
                mask[i, j] = mask[j, i] = False
    return mask


# --------------------------------------------------------------------------- criteria hierarchies


@st.composite
def hierarchies(
    draw: st.DrawFn, min_n: int = 1, max_n: int = 9
) -> tuple[list[str | None], dict[str, float]]:
    """A valid criteria tree: ``(parents, local_weights)`` for criteria ``c0, c1, ...``.

    Criterion ``ck`` has ``parents[k]`` as parent: None (top level) or an earlier
    criterion, so there is never a cycle. Local weights are positive, not normalised.
    """
    n = draw(st.integers(min_n, max_n))
    parents: list[str | None] = [None]
    for k in range(1, n):
        up = draw(st.one_of(st.none(), st.integers(0, k - 1)))
        parents.append(None if up is None else f"c{up}")
    raw = draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n))
    return parents, {f"c{k}": w for k, w in enumerate(raw)}
