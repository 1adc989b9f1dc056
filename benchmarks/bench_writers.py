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

Each writer's time is also split in two: openpyxl's ``Workbook.save`` of the workbook
the writer built (timed by wrapping that method), and the rest, the writer's own work
(building the sheets, print setup, the label values cached into the file).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
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


_SAVES: list[float] = []  # seconds spent in Workbook.save, call by call


def _timed_save(save: Callable[..., None]) -> Callable[..., None]:
    def timed(self: Workbook, filename: object) -> None:
        start = time.perf_counter()
        try:
            save(self, filename)
        finally:
            _SAVES.append(time.perf_counter() - start)

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    header(
        f"bench_writers: write_template and write_results at m alternatives x {N} criteria, "
        f"median of {args.rounds} interleaved rounds"
    )
    heads = ["m", "writer", "seconds", "openpyxl save s", "own s", "baseline s"]
    rows = [[*heads, "writer / baseline", "target"]]
    Workbook.save = _timed_save(Workbook.save)  # type: ignore[method-assign]
    saves: dict[str, list[float]] = {}

    def saving(name: str, write: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            before = len(_SAVES)
            done = write()
            saves.setdefault(name, []).append(sum(_SAVES[before:]))
            return done

        return run

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for m in args.sizes:
            problem = make_problem(m, N)
            result = rank(problem)
            saves.clear()
            t = interleaved(
                {
                    "write_template": saving(
                        "write_template",
                        lambda p=problem: write_template(out / "template.xlsx", p, overwrite=True),
                    ),
                    "write_results": saving(
                        "write_results",
                        lambda r=result: write_results(out / "results.xlsx", r, overwrite=True),
                    ),
                    "baseline": lambda p=problem: plain_cells(out / "plain.xlsx", p.matrix),
                },
                rounds=args.rounds,
            )
            for writer in ("write_template", "write_results"):
                target = f"<= {TARGET:.0f} s: {verdict(t[writer], TARGET)}" if m >= 10_000 else "-"
                saved = statistics.median(saves[writer])
                rows.append(
                    [
                        f"{m:,}",
                        writer,
                        f"{t[writer]:.2f}",
                        f"{saved:.2f}",
                        f"{t[writer] - saved:.2f}",
                        f"{t['baseline']:.2f}",
                        f"{t[writer] / t['baseline']:.2f}x",
                        target,
                    ]
                )
    table(rows)
    print(f"\nbaseline: openpyxl Workbook, ws.append of m x {N} floats, wb.save (no styles)")
    print("own s: the writer's time less the median time in openpyxl's Workbook.save")
    footer()


if __name__ == "__main__":
    main()
