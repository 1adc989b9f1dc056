"""Start-up cost of the command line and of ``import mcda_iso`` (issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_startup.py [ROUNDS]

Each command runs in a fresh process; wall times are medians of ROUNDS (default 7,
at least 5) interleaved runs, so that load from other processes hits every command
alike. Baselines, measured in the same run:

* ``python -c pass``: the interpreter alone;
* ``python -c "import numpy, pandas"``: what any command that computes must load.

Targets: ``mcda-iso --help`` <= 0.15 s and <= 5x ``python -c pass``; ``mcda-iso
example`` <= 1.5x ``import numpy, pandas``; ``import mcda_iso`` loads neither
matplotlib, scipy nor pymcdm (nor numpy and pandas: every name is resolved on first
use).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import footer, header, table, verdict

PYTHON = sys.executable
# The installed console script (what users run); ``python -m mcda_iso`` if there is none.
_SCRIPT = Path(PYTHON).with_name("mcda-iso")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "mcda_iso"]
HEAVY = ("matplotlib", "scipy", "pymcdm", "numpy", "pandas", "openpyxl")

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "python -c 'import numpy, pandas'": [PYTHON, "-c", "import numpy, pandas"],
    "python -c 'import mcda_iso'": [PYTHON, "-c", "import mcda_iso"],
    "mcda-iso --help": [*CLI, "--help"],
    "mcda-iso example": [*CLI, "example"],
}


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def loaded_by(code: str) -> list[str]:
    """Heavy top-level packages in sys.modules after ``code`` runs in a fresh Python."""
    listing = "import sys; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run(
        [PYTHON, "-c", f"{code}\n{listing}"], check=True, capture_output=True, text=True
    ).stdout
    return [name for name in HEAVY if name in out.split()]


def main() -> None:
    rounds = max(5, int(sys.argv[1]) if len(sys.argv) > 1 else 7)
    header(f"bench_startup: fresh processes, median of {rounds} interleaved runs")
    os.chdir(Path(__file__).resolve().parent.parent)
    for command in COMMANDS.values():  # warm the file cache and the bytecode
        wall(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, command in COMMANDS.items():
            times[name].append(wall(command))
    median = {name: statistics.median(values) for name, values in times.items()}
    spread = {name: (min(v), max(v)) for name, v in times.items()}

    python = median["python -c pass"]
    numpy_pandas = median["python -c 'import numpy, pandas'"]
    rows = [["command", "median s", "min..max s", "/ python -c pass", "/ import numpy,pandas"]]
    for name, seconds in median.items():
        low, high = spread[name]
        rows.append(
            [
                name,
                f"{seconds:.3f}",
                f"{low:.3f}..{high:.3f}",
                f"{seconds / python:.1f}x",
                f"{seconds / numpy_pandas:.2f}x",
            ]
        )
    table(rows)

    help_time = median["mcda-iso --help"]
    example_ratio = median["mcda-iso example"] / numpy_pandas
    print()
    print(f"--help: {help_time:.3f} s (target <= 0.15 s: {verdict(help_time, 0.15)}); "
          f"{help_time / python:.1f}x python -c pass (target <= 5x: "
          f"{verdict(help_time / python, 5.0)})")  # fmt: skip
    print(f"example: {example_ratio:.2f}x import numpy, pandas (target <= 1.5x: "
          f"{verdict(example_ratio, 1.5)})")  # fmt: skip
    for code in ("import mcda_iso", "import mcda_iso.cli; mcda_iso.cli.build_parser()"):
        heavy = loaded_by(code)
        print(f"{code!r} loads: {', '.join(heavy) or 'none of ' + ', '.join(HEAVY)}")
    heavy = loaded_by("import mcda_iso; mcda_iso.rank(mcda_iso.load_scenario('iso9001'))")
    print(f"ranking the built-in scenario loads: {', '.join(heavy)}")
    footer()


if __name__ == "__main__":
    main()
