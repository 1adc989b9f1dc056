"""Benchmark the refusal of hostile workbooks: time and peak memory per file.

Run by hand (not a test)::

    .venv/bin/python benchmarks/bench_hostile.py [--keep FOLDER]

Generates the corpus of ``tests/hostile_files.py`` (small files that would cost
minutes and gigabytes: 2 million cell formats, 5 million shared strings, 99,000
rows reaching column 1,000, a row of 3 million cells, a 300 MB cell text, entity
expansion, a zip bomb, ...), then validates each file, and a normal template
beside them, in a fresh Python process, and prints for each:

* the time of ``mcda_iso.validate_workbook(path)`` (``time.perf_counter``);
* the process's peak resident memory during the call (Linux ``VmHWM``, reset
  just before the call: what the operating system saw, the XML parser's buffers
  included) and its growth over the memory in use once mcda_iso's reader is
  imported;
* the first words of the error.

Target (issue 16): every hostile file refused in at most 2 s and 200 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from hostile_files import make_corpus  # noqa: E402

SECONDS, MEGABYTES = 2.0, 200.0

_CHILD = """
import json, sys, time
from mcda_iso import validate_workbook
import mcda_iso.workbook.reader  # imported before measuring

def high_water_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))

with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")  # the peak restarts from the memory in use now
before = high_water_kib()
start = time.perf_counter()
errors = validate_workbook(sys.argv[1])
elapsed = time.perf_counter() - start
peak = high_water_kib()
print(json.dumps({"seconds": elapsed, "kib": peak - before, "baseline_kib": before,
                  "errors": [e.message for e in errors]}))
"""


def measure(path: Path) -> dict[str, object]:
    """Validate ``path`` in a fresh process; its time, memory and errors."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        files = {"template (normal)": folder / "template.xlsx", **make_corpus(folder)}
        files["template (normal)"] = folder / "template.xlsx"
        print(f"{'file':24s} {'size':>9s} {'time':>8s} {'peak RSS':>10s} {'growth':>9s}  verdict")
        worst_time = worst_memory = 0.0
        for name, path in files.items():
            result = measure(path)
            seconds = float(result["seconds"])  # type: ignore[arg-type]
            mib = float(result["kib"]) / 1024  # type: ignore[arg-type]
            peak = mib + float(result["baseline_kib"]) / 1024  # type: ignore[arg-type]
            errors = result["errors"]
            verdict = "read: no problem" if not errors else str(errors[0])[:70]  # type: ignore[index]
            if name != "template (normal)":
                worst_time, worst_memory = max(worst_time, seconds), max(worst_memory, mib)
            size = path.stat().st_size / 2**10
            print(
                f"{name:24s} {size:7,.0f}KiB {seconds:7.2f}s {peak:8.1f}MiB {mib:7.1f}MiB  "
                f"{verdict}"
            )
        ok = worst_time <= SECONDS and worst_memory <= MEGABYTES
        print(
            f"worst hostile file: {worst_time:.2f} s, {worst_memory:.1f} MiB of growth "
            f"(target {SECONDS:.0f} s, {MEGABYTES:.0f} MB): {'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
