"""Benchmark mcda_iso.read_workbook against pandas.read_excel of the same sheets.

Run by hand (not a test)::

    .venv/bin/python benchmarks/bench_workbook.py [--alternatives 10000] [--criteria 20]

Writes a 10,000-alternative x 20-criterion workbook with
:func:`mcda_iso.write_template` (random performance, typed weights, so every
input sheet is full size: Criteria, Alternatives, Performance, Weights,
Requirements), then times, interleaved in the same run (median and best of
``--repeats`` rounds; the machine's load average printed first):

* ``mcda_iso.read_workbook(path)``: every input sheet read, every cell checked,
  a validated :class:`~mcda_iso.Problem` built;
* the baseline, ``pandas.read_excel(path, sheet_name=[...], engine="calamine")``
  (python-calamine, Rust) of the same sheets read_workbook reads (every input
  sheet, Instructions excepted), no checks;
* for reference, the same with ``engine="openpyxl"``;
* ``mcda_iso.write_template`` and ``mcda_iso.write_results`` of that problem
  (``benchmarks/bench_writers.py`` times the writers in detail);

and prints the ratios (targets: read_workbook at most 1.5 x pandas with calamine;
each writer at most 2 s). The values pandas read are compared with the problem's.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

import numpy as np
import pandas as pd

from mcda_iso import Criterion, Problem, rank, read_workbook, write_results, write_template
from mcda_iso.workbook.layout import SHEETS

SEED = 20240611
TARGET = 1.5
WRITE_TARGET = 2.0  # seconds


def interleaved(
    functions: list[Callable[[], object]], repeats: int
) -> tuple[list[list[float]], list[object]]:
    """Times of ``repeats`` rounds calling each function in turn (a busy machine slows
    all alike), and each one's last result."""
    times: list[list[float]] = [[] for _ in functions]
    results: list[object] = [None] * len(functions)
    for _ in range(repeats):
        for k, function in enumerate(functions):
            start = time.perf_counter()
            results[k] = function()
            times[k].append(time.perf_counter() - start)
    return times, results


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
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    from importlib.metadata import version

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    calamine = version("python-calamine")
    print(f"load average {load} on {os.cpu_count()} cores; python-calamine {calamine}")
    problem = make_problem(args.alternatives, args.criteria)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.xlsx"
        start = time.perf_counter()
        write_template(path, problem)
        written = time.perf_counter() - start
        size = path.stat().st_size
        with pd.ExcelFile(path, engine="calamine") as book:
            titles = [str(t) for t in book.sheet_names]
        sheets = [t for t in titles if t in SHEETS[1:]]  # what read_workbook reads

        def frames(engine: str) -> dict[str, pd.DataFrame]:
            return pd.read_excel(path, sheet_name=sheets, engine=engine)

        (ours_times, calamine_times, openpyxl_times), (ours, fast, slow) = interleaved(
            [lambda: read_workbook(path), lambda: frames("calamine"), lambda: frames("openpyxl")],
            args.repeats,
        )
        result = rank(problem)
        start = time.perf_counter()
        write_results(Path(folder) / "results.xlsx", result)
        results_written = time.perf_counter() - start

    assert isinstance(ours, Problem) and ours == problem
    for read in (fast, slow):
        assert isinstance(read, dict)
        grid = read["Performance"].set_index("alternative").dropna(how="all")
        values = grid.dropna(axis=1, how="all").to_numpy(dtype=float)
        np.testing.assert_array_equal(values, problem.matrix)

    print(
        f"workbook: {args.alternatives:,} alternatives x {args.criteria} criteria, "
        f"{size / 2**20:.1f} MiB (written in {written:.1f} s by write_template); "
        f"sheets read: {', '.join(sheets)}"
    )
    print(f"{args.repeats} interleaved rounds, median (best):")
    rows = [
        ("mcda_iso.read_workbook (validated Problem)", ours_times),
        ("pandas.read_excel(engine='calamine'), same sheets", calamine_times),
        ("pandas.read_excel(engine='openpyxl'), same sheets", openpyxl_times),
    ]
    for what, times in rows:
        print(f"  {what:52s} {median(times):6.3f} s ({min(times):.3f} s)")
    ratios = sorted(o / c for o, c in zip(ours_times, calamine_times, strict=True))
    ratio = median(ratios)
    print(
        f"  ratio read_workbook / pandas (calamine): median {ratio:.2f}x, per round "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f" (target <= {TARGET}x: {'met' if ratio <= TARGET else 'NOT met'})"
    )
    slow_ratio = median(o / p for o, p in zip(ours_times, openpyxl_times, strict=True))
    print(f"  ratio read_workbook / pandas (openpyxl): median {slow_ratio:.2f}x")
    for what, seconds in (("write_template", written), ("write_results", results_written)):
        verdict = "met" if seconds <= WRITE_TARGET else "NOT met"
        print(f"  {what}: {seconds:6.2f} s (target <= {WRITE_TARGET:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
