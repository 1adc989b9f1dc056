"""What a benchmark ran on: time, cores, load, Python, numpy, BLAS threads.

Shared by ``bench_startup.py``, ``bench_ahp.py`` and ``bench_rank.py`` (issue 14).
BLAS threads come from threadpoolctl when it is installed; otherwise from numpy's
bundled OpenBLAS through ctypes, and the output says which.
"""

from __future__ import annotations

import ctypes
import glob
import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def blas_threads() -> str:
    """BLAS libraries and their thread counts, and how that was found out."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        pass
    else:
        found = [
            f"{info.get('internal_api')} {info.get('version')}: {info.get('num_threads')} threads"
            for info in threadpool_info()
            if info.get("user_api") == "blas"
        ]
        return "; ".join(found) + " (threadpoolctl)" if found else "none found (threadpoolctl)"
    import numpy as np

    pattern = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")
    for path in glob.glob(pattern):
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads"):
            if hasattr(lib, name):
                count = int(getattr(lib, name)())
                return (
                    f"numpy's OpenBLAS: {count} threads (threadpoolctl not installed; "
                    "read through ctypes)"
                )
    return "unknown (threadpoolctl not installed, numpy's OpenBLAS not found)"


def header(title: str) -> None:
    """Print when and where this ran, with the machine's load (a busy machine skews ratios)."""
    import numpy as np

    print(title)
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {_load()}; Python {platform.python_version()}, numpy {np.__version__}"
    )
    print(f"BLAS: {blas_threads()}\n")


def footer() -> None:
    print(f"\nload average at the end: {_load()}")


def interleaved(
    functions: dict[str, Callable[[], object]], rounds: int = 7, number: int = 1
) -> dict[str, float]:
    """Median over ``rounds`` of each function's time per call (``number`` calls a round).

    The functions take turns within every round, so that a change of machine load
    affects all of them alike; the median of the rounds ignores a round disturbed by
    another process.
    """
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            start = time.perf_counter()
            for _ in range(number):
                function()
            times[name].append((time.perf_counter() - start) / number)
    return {name: statistics.median(values) for name, values in times.items()}


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def table(rows: Sequence[Sequence[str]]) -> None:
    """Print rows as aligned columns (the first row is the header)."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
