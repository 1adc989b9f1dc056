"""``write_template`` and ``write_results`` at 1,000 and 10,000 alternatives x 20 criteria
(issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_writers.py [--rounds 3] [--sizes 1000 10000] [--fast-only]

The problem is ``make_problem`` of ``bench_workbook.py`` (random performance, typed
weights: every input sheet full size). Each writer is timed interleaved with its
baseline measured in the same run: openpyxl (the library the writers use) building and
saving a one-sheet workbook of the same number of plain numeric cells (``ws.append``
of the performance rows, no style). Medians of ``--rounds`` rounds. Target: each writer
<= 2 s at 10,000 alternatives; the ratio to the baseline says how much of a writer's
time is more than openpyxl's own minimum for that many cells.

The writers save through :func:`mcda_iso.workbook.fast_rows.save` (openpyxl's save, the
rows of the sheets composed as text); whether its gate is open here is printed first.
Unless ``--fast-only``, each writer is timed a second time with the gate closed
(openpyxl's own ``Workbook.save``, the label values added after: the writers before
fast_rows), interleaved with the rest.

Each writer's time is also split in two: the save (``fast_rows.save``, timed by wrapping
it: openpyxl's writing of everything but the rows, the rows, the zip file) and the rest,
the writer's own work (building the sheets, print setup).
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
from mcda_iso.workbook import fast_rows

N = 20
TARGET = 2.0  # seconds, at 10,000 alternatives


def plain_cells(path: Path, matrix: object) -> None:
    """The baseline: openpyxl writing the performance numbers as plain cells, nothing else."""
    wb = Workbook()
    ws = wb.active
    for row in matrix.tolist():  # type: ignore[attr-defined]
        ws.append(row)
    wb.save(path)


_SAVES: list[float] = []  # seconds spent in fast_rows.save, call by call


def _timed_save(save: Callable[..., None]) -> Callable[..., None]:
    def timed(*args: object) -> None:
        start = time.perf_counter()
        try:
            save(*args)
        finally:
            _SAVES.append(time.perf_counter() - start)

    return timed


def _gate_closed(write: Callable[[], object]) -> Callable[[], object]:
    """``write`` with fast_rows' gate closed: openpyxl's own save."""

    def run() -> object:
        gate = fast_rows.gate
        fast_rows.gate = lambda: "closed by the benchmark"  # type: ignore[assignment]
        try:
            return write()
        finally:
            fast_rows.gate = gate  # type: ignore[assignment]

    return run


def gate_line() -> str:
    from importlib.metadata import version

    reason = fast_rows.gate()
    state = "open" if reason is None else f"CLOSED ({reason}): openpyxl's own save"
    return (
        f"fast_rows gate {state}; openpyxl {version('openpyxl')}, "
        f"et_xmlfile {version('et_xmlfile')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--fast-only", action="store_true", help="skip the writers with the gate closed"
    )
    args = parser.parse_args()
    header(
        f"bench_writers: write_template and write_results at m alternatives x {N} criteria, "
        f"median of {args.rounds} interleaved rounds"
    )
    print(gate_line())
    heads = ["m", "writer", "seconds", "save s", "own s", "baseline s"]
    rows = [[*heads, "writer / baseline", "target"]]
    fast_rows.save = _timed_save(fast_rows.save)  # type: ignore[method-assign]
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
            writers: dict[str, Callable[[], object]] = {
                "write_template": lambda p=problem: write_template(
                    out / "template.xlsx", p, overwrite=True
                ),
                "write_results": lambda r=result: write_results(
                    out / "results.xlsx", r, overwrite=True
                ),
            }
            if not args.fast_only:
                for name in list(writers):
                    writers[f"{name}, gate closed"] = _gate_closed(writers[name])
            saves.clear()
            t = interleaved(
                {
                    **{name: saving(name, write) for name, write in writers.items()},
                    "baseline": lambda p=problem: plain_cells(out / "plain.xlsx", p.matrix),
                },
                rounds=args.rounds,
            )
            for writer in writers:
                shown = m >= 10_000 and "closed" not in writer
                target = f"<= {TARGET:.0f} s: {verdict(t[writer], TARGET)}" if shown else "-"
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
    print(
        "save s: the median time in fast_rows.save (openpyxl's save, the rows composed as "
        "text; gate closed: openpyxl's own Workbook.save and the label values added after)"
    )
    print("own s: the writer's time less the save")
    footer()


if __name__ == "__main__":
    main()
