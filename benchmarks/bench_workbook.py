"""Benchmark mcda_iso.read_workbook against pandas.read_excel on the same workbook.

Run by hand (not a test)::

    .venv/bin/python benchmarks/bench_workbook.py [--alternatives 10000] [--criteria 20]

Writes a 10,000-alternative x 20-criterion workbook with
:func:`mcda_iso.write_template` (random performance, typed weights, so every
input sheet is full size: Criteria, Alternatives, Performance, Weights,
Requirements), then times in the same run

* ``mcda_iso.read_workbook(path)``: every input sheet read, every cell checked,
  a validated :class:`~mcda_iso.Problem` built;
* ``pandas.read_excel(path, sheet_name="Performance", index_col=0,
  engine="openpyxl")``: the Performance sheet only, no checks;
* the same with ``engine="calamine"`` (python-calamine, Rust), when installed;
* ``mcda_iso.write_template`` and ``mcda_iso.write_results`` of that problem;

and prints the ratios (targets: read_workbook at most 1.5 x pandas with calamine;
each writer at most 2 s). Times are the best of a few interleaved repeats
(``time.perf_counter``); the results are compared for equality.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from mcda_iso import Criterion, Problem, rank, read_workbook, write_results, write_template

SEED = 20240611
TARGET = 1.5
WRITE_TARGET = 2.0  # seconds


def interleaved(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> tuple[list[float], list[float], object, object]:
    """Times of ``repeats`` alternating calls of both (a busy machine slows both alike)."""
    times: tuple[list[float], list[float]] = ([], [])
    results: list[object] = [None, None]
    for _ in range(repeats):
        for k, function in enumerate((first, second)):
            start = time.perf_counter()
            results[k] = function()
            times[k].append(time.perf_counter() - start)
    return times[0], times[1], results[0], results[1]


def make_problem(alternatives: int, criteria: int, seed: int = SEED) -> Problem:
    rng = np.random.default_rng(seed)
    return Problem(
        [
            Criterion(f"criterion {j + 1}", "cost" if j % 4 == 3 else "benefit")
            for j in range(criteria)
        ],
        [f"alternative {i + 1}" for i in range(alternatives)],
        rng.uniform(0.0, 100.0, size=(alternatives, criteria)).round(3),
        weights=rng.uniform(1.0, 10.0, size=criteria).round(2),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alternatives", type=int, default=10_000)
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    problem = make_problem(args.alternatives, args.criteria)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.xlsx"
        start = time.perf_counter()
        write_template(path, problem)
        written = time.perf_counter() - start
        size = path.stat().st_size

        ours_times, pandas_times, ours, frame = interleaved(
            lambda: read_workbook(path),
            lambda: pd.read_excel(path, sheet_name="Performance", index_col=0, engine="openpyxl"),
            args.repeats,
        )

        calamine_time = None
        try:
            import python_calamine  # noqa: F401
        except ImportError:
            pass
        else:
            _, calamine_times, _, fast = interleaved(
                lambda: read_workbook(path),
                lambda: (
                    pd.read_excel(path, sheet_name="Performance", index_col=0, engine="calamine")
                    .dropna(how="all")
                    .dropna(axis=1, how="all")
                ),
                args.repeats,
            )
            assert isinstance(fast, pd.DataFrame)
            np.testing.assert_array_equal(fast.to_numpy(dtype=float), problem.matrix)
            calamine_time = min(calamine_times)
        result = rank(problem)
        start = time.perf_counter()
        write_results(Path(folder) / "results.xlsx", result)
        results_written = time.perf_counter() - start

    assert isinstance(ours, Problem) and ours == problem
    assert isinstance(frame, pd.DataFrame)
    np.testing.assert_array_equal(frame.to_numpy(dtype=float), problem.matrix)

    ours_time, pandas_time = min(ours_times), min(pandas_times)
    ratio = ours_time / pandas_time
    ratios = sorted(o / p for o, p in zip(ours_times, pandas_times, strict=True))
    print(
        f"workbook: {args.alternatives:,} alternatives x {args.criteria} criteria, "
        f"{size / 2**20:.1f} MiB (written in {written:.1f} s by write_template)"
    )
    print(f"best of {args.repeats} interleaved runs:")
    print(f"  mcda_iso.read_workbook (all sheets, validated):    {ours_time:6.2f} s")
    print(f"  pandas.read_excel(engine='openpyxl'), Performance: {pandas_time:6.2f} s")
    print(
        f"  ratio read_workbook / pandas (openpyxl): {ratio:.2f}x; per-run ratios "
        + ", ".join(f"{r:.2f}" for r in ratios)
    )
    if calamine_time is not None:
        fast_ratio = ours_time / calamine_time
        print(f"  pandas.read_excel(engine='calamine'), Performance: {calamine_time:6.2f} s")
        print(
            f"  ratio read_workbook / pandas (calamine): {fast_ratio:.2f}x (target <= "
            f"{TARGET}x: {'met' if fast_ratio <= TARGET else 'NOT met'})"
        )
    for what, seconds in (("write_template", written), ("write_results", results_written)):
        verdict = "met" if seconds <= WRITE_TARGET else "NOT met"
        print(f"  {what}: {seconds:6.2f} s (target <= {WRITE_TARGET:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
