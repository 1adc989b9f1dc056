"""Benchmark mcda_iso.topsis.closeness against pymcdm's TOPSIS.

Run by hand (not a test)::

    .venv/bin/python benchmarks/bench_topsis.py

1. Batched: 7 alternatives x 5 criteria, 100,000 weight vectors, one call to
   ``closeness`` against a Python loop of ``pymcdm.methods.TOPSIS(vector)(...,
   validation=False)``. The loop is timed on a subset and extrapolated (said so in
   the output); the largest difference is taken over the subset.
2. Single weight vector on a 1,000,000 x 10 matrix, against pymcdm with
   ``validation=False`` (accepted by ``MCDA_method.__call__`` in pymcdm 1.4).

Times are the best of a few repeats, measured with ``time.perf_counter``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from mcda_iso.topsis import closeness

SEED = 20240611


def best_time(function: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Best wall-clock time of ``repeats`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def batched(rng: np.random.Generator, vectors: int = 100_000, loop_subset: int = 5_000) -> None:
    matrix = rng.uniform(1.0, 100.0, size=(7, 5))
    types = np.array([1, 1, -1, 1, -1])
    weights = rng.dirichlet(np.ones(5), size=vectors)
    method = TOPSIS(vector_normalization)

    # Cheap, so many repeats: the best is robust to a busy machine (multithreaded
    # BLAS calls are slowed most by other processes competing for the cores).
    ours_time, ours = best_time(lambda: closeness(matrix, weights, types), repeats=20)

    def loop() -> np.ndarray:
        return np.array([method(matrix, w, types, validation=False) for w in weights[:loop_subset]])

    loop_time, theirs = best_time(loop, repeats=3)
    loop_extrapolated = loop_time * vectors / loop_subset
    difference = np.abs(np.asarray(ours)[:loop_subset] - np.asarray(theirs)).max()

    print(f"1. batched closeness, 7 x 5 matrix, {vectors:,} weight vectors")
    print(f"   mcda_iso.topsis.closeness (one call):   {ours_time * 1e3:10.1f} ms")
    print(
        f"   pymcdm TOPSIS loop, validation=False:   {loop_extrapolated * 1e3:10.1f} ms "
        f"(timed on the first {loop_subset:,} vectors: {loop_time * 1e3:.1f} ms, "
        f"extrapolated x{vectors // loop_subset})"
    )
    print(f"   speed-up:                               {loop_extrapolated / ours_time:10.0f} x")
    print(f"   largest |difference| (first {loop_subset:,}):     {difference:10.2e}")
    assert difference < 1e-12, difference


def single(rng: np.random.Generator, rows: int = 1_000_000, columns: int = 10) -> None:
    matrix = rng.uniform(1.0, 100.0, size=(rows, columns))
    types = np.where(np.arange(columns) % 3 == 2, -1, 1)
    weights = rng.dirichlet(np.ones(columns))
    method = TOPSIS(vector_normalization)

    ours_time, ours = best_time(lambda: closeness(matrix, weights, types), repeats=5)
    theirs_time, theirs = best_time(
        lambda: method(matrix, weights, types, validation=False), repeats=5
    )
    difference = np.abs(np.asarray(ours) - np.asarray(theirs)).max()

    print(f"2. single weight vector, {rows:,} x {columns} matrix")
    print(f"   mcda_iso.topsis.closeness:              {ours_time * 1e3:10.1f} ms")
    print(f"   pymcdm TOPSIS, validation=False:        {theirs_time * 1e3:10.1f} ms")
    print(f"   pymcdm time / ours:                     {theirs_time / ours_time:10.2f}")
    print(f"   largest |difference|:                   {difference:10.2e}")
    assert difference < 1e-12, difference


def main() -> None:
    rng = np.random.default_rng(SEED)
    print(f"numpy {np.__version__}; seed {SEED}; best of repeats, time.perf_counter\n")
    batched(rng)
    print()
    single(rng)


if __name__ == "__main__":
    main()
