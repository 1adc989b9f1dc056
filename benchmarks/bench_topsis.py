"""Benchmark of mcda_iso.topsis.closeness alone against pymcdm's TOPSIS.

Run by hand (not a test)::

    .venv/bin/python benchmarks/bench_topsis.py

Parts 1 and 3 of ``bench_sensitivity.py`` (which documents them): 100,000 weight
vectors on the built-in scenario in one batched call against a Python loop of
``pymcdm.methods.TOPSIS(vector_normalization)(..., validation=False)``, and one
weight vector on a 1,000,000 x 10 matrix against the same pymcdm call.
"""

from __future__ import annotations

from bench_sensitivity import batched, header, single


def main() -> None:
    header()
    batched()
    print()
    single()


if __name__ == "__main__":
    main()
