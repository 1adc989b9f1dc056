"""Benchmarks of the sensitivity analysis (issue 5), run by hand, not a test.

::

    .venv/bin/python benchmarks/bench_sensitivity.py

Every figure is compared with a baseline timed in the same run:

1. Batched TOPSIS on the built-in ISO 9001 scenario (7 alternatives x 5 criteria)
   for 100,000 weight vectors: one call to :func:`mcda_iso.topsis.closeness`
   against a Python loop of ``pymcdm.methods.TOPSIS(vector_normalization)(...,
   validation=False)`` over the same 100,000 vectors. Speed-up (target: at least
   500x) and largest absolute difference (must be below 1e-12).
2. :func:`mcda_iso.sensitivity.monte_carlo` on the built-in scenario with
   1,000,000 and 10,000,000 samples (ranks and acceptability included): time and
   peak memory (targets on 2 cores: under 1 s and under 500 MB for 1,000,000; the
   peak must not grow with the number of samples). Baseline: the same
   1,000,000 samples scored in one unchunked call, then ranked.
3. Single-weight TOPSIS on a 1,000,000 x 10 matrix against pymcdm with
   ``validation=False`` (target: no slower, the same results and ranking).

Times are the best of a few repeats (``time.perf_counter``); peak memory is the
largest amount traced by :mod:`tracemalloc` (numpy reports its arrays to it) during
a separate call, and the process's peak resident size is printed at the end. On
machines where ``OPENBLAS_CORETYPE`` is set for old OpenBLAS builds, unset it (and
``OPENBLAS_L2_SIZE``) for this command only; the OpenBLAS kernel in use is printed.
"""

from __future__ import annotations

import ctypes
import glob
import os
import platform
import resource
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from mcda_iso import criteria_weights, load_scenario
from mcda_iso.sensitivity import monte_carlo
from mcda_iso.topsis import closeness

SEED = 20240611
MIB = 2**20


def best_time(function: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Best wall-clock time of ``repeats`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(function: Callable[[], object]) -> float:
    """Largest memory traced by tracemalloc during one call, in bytes."""
    tracemalloc.start()
    try:
        function()
        return float(tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()


def _openblas() -> ctypes.CDLL | None:
    """numpy's bundled OpenBLAS library, if it can be found."""
    libs = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")
    paths = glob.glob(libs)
    return ctypes.CDLL(paths[0]) if paths else None


def openblas_core() -> str:
    """The OpenBLAS kernel numpy's bundled OpenBLAS runs (best effort)."""
    lib = _openblas()
    name = "scipy_openblas_get_corename64_"
    if lib is None or not hasattr(lib, name):
        return "unknown"
    function = getattr(lib, name)
    function.restype = ctypes.c_char_p
    return function().decode()


def blas_threads(count: int | None = None) -> int:
    """Set OpenBLAS's thread count (if ``count``) and return it (0 if unknown)."""
    lib = _openblas()
    if lib is None or not hasattr(lib, "scipy_openblas_get_num_threads64_"):
        return 0
    if count is not None:
        lib.scipy_openblas_set_num_threads64_(count)
    return int(lib.scipy_openblas_get_num_threads64_())


def batched(vectors: int = 100_000) -> None:
    problem = load_scenario("iso9001")
    matrix, types = problem.matrix, problem.types
    weights = np.random.default_rng(SEED).dirichlet(np.ones(matrix.shape[1]), size=vectors)
    method = TOPSIS(vector_normalization)

    # Cheap, so many repeats: the best is robust to a busy machine. Timed with
    # OpenBLAS's default threads, then with one thread (steadier when other jobs
    # compete for the cores).
    threads = blas_threads()
    ours_time, ours = best_time(lambda: closeness(matrix, weights, types), repeats=20)
    blas_threads(1)
    one_time, _ = best_time(lambda: closeness(matrix, weights, types), repeats=20)
    blas_threads(threads)

    def loop() -> np.ndarray:
        return np.array([method(matrix, w, types, validation=False) for w in weights])

    loop_time, theirs = best_time(loop, repeats=1)
    difference = np.abs(np.asarray(ours) - np.asarray(theirs)).max()

    print(f"1. batched TOPSIS, built-in scenario ({matrix.shape[0]} x {matrix.shape[1]}), "
          f"{vectors:,} weight vectors")  # fmt: skip
    print(f"   mcda_iso.topsis.closeness, one call:      {ours_time * 1e3:10.1f} ms "
          f"({threads} OpenBLAS threads)")  # fmt: skip
    print(f"   the same, OpenBLAS on 1 thread:           {one_time * 1e3:10.1f} ms")
    print(f"   pymcdm TOPSIS loop, validation=False:     {loop_time * 1e3:10.1f} ms")
    print(f"   speed-up (target >= 500x):                {loop_time / ours_time:10.0f} x "
          f"({loop_time / one_time:.0f} x on 1 thread)")  # fmt: skip
    print(f"   largest |difference| (must be < 1e-12):   {difference:10.2e}")
    assert difference < 1e-12, difference


def smaa(samples: tuple[int, ...] = (1_000_000, 10_000_000)) -> None:
    problem = load_scenario("iso9001")
    print("2. monte_carlo on the built-in scenario (Dirichlet weights, ranks + acceptability)")

    # Baseline: the first million samples scored at once, without chunks.
    weights = np.random.default_rng(SEED).dirichlet(
        50 * criteria_weights(problem)[0].to_numpy(), size=samples[0]
    )

    def unchunked() -> None:
        scores = closeness(problem.matrix, weights, problem.types)
        np.argsort(-scores, axis=1, kind="stable")

    base_time, _ = best_time(unchunked, repeats=3)
    base_peak = peak_memory(unchunked)
    print(f"   baseline, {samples[0]:,} weight vectors scored and ranked in one call "
          "(weights drawn beforehand):")  # fmt: skip
    print(f"   {'':14}{base_time:8.3f} s   peak {base_peak / MIB:8.1f} MiB")
    first_time = first_peak = None
    for count in samples:
        repeats = 3 if count <= 1_000_000 else 1
        run_time, result = best_time(lambda n=count: monte_carlo(problem, n, seed=1), repeats)
        peak = peak_memory(lambda n=count: monte_carlo(problem, n, seed=1))
        first_time, first_peak = first_time or run_time, first_peak or peak
        print(
            f"   {count:>12,}  {run_time:8.3f} s   peak {peak / MIB:8.1f} MiB   "
            f"time / baseline {run_time / base_time:5.2f}   "
            f"time / first {run_time / first_time:5.2f}   peak / first {peak / first_peak:5.2f}   "
            f"P(first) of the best {result.first.max():.4f}"
        )
    print("   targets (2 cores): 1,000,000 samples under 1 s and 500 MB; the peak flat")


def single(rows: int = 1_000_000, columns: int = 10) -> None:
    rng = np.random.default_rng(SEED)
    matrix = rng.uniform(1.0, 100.0, size=(rows, columns))
    types = np.where(np.arange(columns) % 3 == 2, -1, 1)
    weights = rng.dirichlet(np.ones(columns))
    method = TOPSIS(vector_normalization)

    ours_time, ours = best_time(lambda: closeness(matrix, weights, types), repeats=5)
    theirs_time, theirs = best_time(
        lambda: method(matrix, weights, types, validation=False), repeats=5
    )
    difference = np.abs(np.asarray(ours) - np.asarray(theirs)).max()
    same_order = np.array_equal(
        np.argsort(-np.asarray(ours), kind="stable"), np.argsort(-np.asarray(theirs), kind="stable")
    )

    print(f"3. single weight vector, {rows:,} x {columns} matrix")
    print(f"   mcda_iso.topsis.closeness:                {ours_time * 1e3:10.1f} ms")
    print(f"   pymcdm TOPSIS, validation=False:          {theirs_time * 1e3:10.1f} ms")
    print(f"   pymcdm time / ours (target >= 1):         {theirs_time / ours_time:10.2f}")
    print(f"   largest |difference|:                     {difference:10.2e}")
    print(f"   same ranking of all {rows:,} rows:      {same_order!s:>10}")
    assert difference < 1e-12, difference


def header() -> None:
    """When, where and on what this ran (the load average shows a busy machine)."""
    blas = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load}; Python {platform.python_version()}, numpy {np.__version__}, "
        f"OpenBLAS kernel {openblas_core()}{f' (set: {blas})' if blas else ''}; seed {SEED}\n"
    )


def main() -> None:
    header()
    batched()
    print()
    smaa()
    print()
    single()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nprocess peak resident size: {peak_rss:.0f} MiB (part 3's matrix alone is 80 MB); "
          f"load average now {load}")  # fmt: skip


if __name__ == "__main__":
    main()
