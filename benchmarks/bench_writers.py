"""``write_template`` and ``write_results`` at 1,000 and 10,000 alternatives x 20 criteria
(issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_writers.py [--rounds 3] [--sizes 1000 10000]

The problem is ``make_problem`` of ``bench_workbook.py`` (random performance, typed
weights: every input sheet full size). Each writer is timed interleaved with its
baseline measured in the same run: openpyxl (the library the writers use) building and
saving a one-sheet workbook of the same number of plain numeric cells (``ws.append``
of the performance rows, no style). Medians of ``--rounds`` rounds. Target: each writer
<= 2 s at 10,000 alternatives; the ratio to the baseline says how much of a writer's
time is more than openpyxl's own minimum for that many cells.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_workbook import make_problem
from machine import footer, header, interleaved, table, verdict
from openpyxl import Workbook

from mcda_iso import rank, write_results, write_template

N = 20
TARGET = 2.0  # seconds, at 10,000 alternatives


def plain_cells(path: Path, matrix: object) -> None:
    """The baseline: openpyxl writing the performance numbers as plain cells, nothing else."""
    wb = Workbook()
    ws = wb.active
    for row in matrix.tolist():  # type: ignore[attr-defined]
        ws.append(row)
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    header(
        f"bench_writers: write_template and write_results at m alternatives x {N} criteria, "
        f"median of {args.rounds} interleaved rounds"
    )
    rows = [["m", "writer", "seconds", "baseline s", "writer / baseline", "target"]]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for m in args.sizes:
            problem = make_problem(m, N)
            result = rank(problem)
            t = interleaved(
                {
                    "write_template": lambda p=problem: write_template(
                        out / "template.xlsx", p, overwrite=True
                    ),
                    "write_results": lambda r=result: write_results(
                        out / "results.xlsx", r, overwrite=True
                    ),
                    "baseline": lambda p=problem: plain_cells(out / "plain.xlsx", p.matrix),
                },
                rounds=args.rounds,
            )
            for writer in ("write_template", "write_results"):
                target = f"<= {TARGET:.0f} s: {verdict(t[writer], TARGET)}" if m >= 10_000 else "-"
                rows.append(
                    [
                        f"{m:,}",
                        writer,
                        f"{t[writer]:.2f}",
                        f"{t['baseline']:.2f}",
                        f"{t[writer] / t['baseline']:.2f}x",
                        target,
                    ]
                )
    table(rows)
    print(f"\nbaseline: openpyxl Workbook, ws.append of m x {N} floats, wb.save (no styles)")
    footer()


if __name__ == "__main__":
    main()
