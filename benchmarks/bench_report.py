"""How long ``mcda-iso report`` takes on the built-in scenario (issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_report.py [ROUNDS] [--before DIR]

The workbook is ``mcda-iso template --scenario iso9001``; the command is ``mcda-iso
report ex.xlsx -o r.html --force`` (ranking, sensitivity analysis with 10,000 Monte
Carlo samples, the seven-method comparison, nine figures, the HTML page). Each command
runs in a fresh process; wall times are medians of ROUNDS (default 7, at least 5)
interleaved runs, so that load from other processes hits every command alike; the
CPU seconds each process used (user + system) are printed beside them, as load
inflates them less. Baselines, measured in the same run:

* ``python -c "import numpy, pandas"``: what any command that computes must load;
* ``python -c "import matplotlib.pyplot"``: what drawing loads;
* ``python -c "import pandas, pymcdm"``: pymcdm as it imports itself (its ``__init__``
  imports ``matplotlib.pyplot`` for its plots and ``scipy.linalg`` for its weighting
  methods);
* the report's imports: numpy, pandas, ``matplotlib.figure`` and pymcdm as
  ``compare_methods`` imports it (plots and weighting methods deferred): what the
  report cannot avoid while matplotlib draws and pymcdm compares the methods;
* the same report with its figures left out (``--no-figures`` below): everything but
  drawing, so that the difference is what the nine figures cost.

``--before DIR`` adds the report made by another copy of the package (e.g. ``git
archive HEAD | tar -x -C DIR``), put first on ``PYTHONPATH``. Target: the report in
<= 1.5 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import footer, header, table, verdict

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("mcda-iso")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "mcda_iso"]
TARGET = 1.5
REPORT = ["report", "ex.xlsx", "-o", "r.html", "--force"]
# The report's command with the figures left out: Figures behaves as without matplotlib.
NO_FIGURES = (
    "import sys\n"
    "from mcda_iso.report import page\n"
    "page.Figures.available = property(lambda self: False, lambda self, value: None)\n"
    "from mcda_iso.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
IMPORTS = (
    "import pandas, matplotlib.figure\n"
    "from mcda_iso.sensitivity.methods import _import_pymcdm\n"
    "_import_pymcdm()\n"
)
# One report in one process, timed step by step (where the time goes; not a ratio).
STEPS = """
import time
start = last = time.process_time()
def step(name):
    global last
    now = time.process_time()
    print(f"  {name:<44} {now - last:6.3f} s")
    last = now
import numpy, pandas; step("import numpy, pandas")
import matplotlib.figure; step("import matplotlib.figure")
from mcda_iso.sensitivity.methods import _import_pymcdm
_import_pymcdm(); step("import pymcdm (as compare_methods does)")
from mcda_iso.cli.common import _read
from mcda_iso.ranking import rank
from mcda_iso.report import render_report
from mcda_iso import sensitivity; step("import mcda_iso (ranking, report, cli)")
problem = _read("ex.xlsx"); step("read the workbook")
result = rank(problem); step("rank")
analysis = sensitivity.analyse(result, samples=10000); step("sensitivity.analyse (10,000 samples)")
text = render_report(result, analysis); step("render_report (figures and page)")
print(f"  {'total':<44} {time.process_time() - start:6.3f} s")
"""


def wall(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process: user + system, which load inflates less)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu


def main() -> None:
    args = sys.argv[1:]
    before = None
    if "--before" in args:
        k = args.index("--before")
        before = str(Path(args[k + 1]).resolve())
        del args[k : k + 2]
    rounds = max(5, int(args[0]) if args else 7)
    header(f"bench_report: fresh processes, median of {rounds} interleaved runs")
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "python -c pass": ([PYTHON, "-c", "pass"], None),
        "python -c 'import numpy, pandas'": ([PYTHON, "-c", "import numpy, pandas"], None),
        "python -c 'import matplotlib.pyplot'": ([PYTHON, "-c", "import matplotlib.pyplot"], None),
        "python -c 'import pandas, pymcdm'": ([PYTHON, "-c", "import pandas, pymcdm"], None),
        "the report's imports": ([PYTHON, "-c", IMPORTS], None),
        "report, figures left out": ([PYTHON, "-c", NO_FIGURES, *REPORT], None),
        "mcda-iso report": ([*CLI, *REPORT], None),
    }
    if before is not None:
        env = dict(os.environ, PYTHONPATH=before)
        commands["mcda-iso report (--before)"] = ([*CLI, *REPORT], env)
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        subprocess.run(
            [*CLI, "template", "--scenario", "iso9001", "ex.xlsx"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for command, env in commands.values():  # warm the file cache and the bytecode
            wall(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, (command, env) in commands.items():
                seconds, used = wall(command, env)
                times[name].append(seconds)
                cpu[name].append(used)
        print("One report in one process, step by step (CPU seconds):")
        subprocess.run([PYTHON, "-c", STEPS], check=True)
        print()
    median = {name: statistics.median(values) for name, values in times.items()}
    numpy_pandas = median["python -c 'import numpy, pandas'"]
    rows = [["command", "median s", "min..max s", "/ import numpy,pandas", "CPU s (median)"]]
    for name, seconds in median.items():
        rows.append(
            [
                name,
                f"{seconds:.3f}",
                f"{min(times[name]):.3f}..{max(times[name]):.3f}",
                f"{seconds / numpy_pandas:.2f}x",
                f"{statistics.median(cpu[name]):.3f}",
            ]
        )
    table(rows)
    report = median["mcda-iso report"]
    figures = report - median["report, figures left out"]
    floor = median["the report's imports"]
    print(
        f"\nmcda-iso report: {report:.3f} s (target <= {TARGET} s: {verdict(report, TARGET)}; "
        f"fastest run {min(times['mcda-iso report']):.3f} s, CPU "
        f"{statistics.median(cpu['mcda-iso report']):.3f} s); "
        f"the figures (matplotlib's import included) {figures:.3f} s of it; the imports it "
        f"cannot avoid (numpy, pandas, "
        f"matplotlib.figure, pymcdm) {floor:.3f} s; everything but the figures "
        f"{median['report, figures left out']:.3f} s"
    )
    if before is not None:
        old = median["mcda-iso report (--before)"]
        print(f"before: {old:.3f} s; now {report / old:.2f}x of it")
    footer()


if __name__ == "__main__":
    main()
