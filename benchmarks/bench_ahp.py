"""``ahp.priorities`` on small matrices against numpy itself (issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_ahp.py

For n = 3 ... 15 (random reciprocal matrices on Saaty's scale, as numpy arrays) the
time per call of, interleaved in every round (median of the rounds):

* ``ahp.priorities(a)`` (eigenvector; validation, weights, lambda_max, CI, CR)
  against ``numpy.linalg.eig(a)`` alone. Target: <= 2x.
* ``ahp.priorities(a, method="geometric_mean")`` (validation, weights, lambda_max,
  CR, GCI) against the numpy row geometric mean ``exp(mean(log a, axis=1))``
  normalised. Target: <= 3x. Its CR needs lambda_max, which numpy gives through one
  ``numpy.linalg.eigvals``, so the ratio against the row geometric mean plus
  ``eigvals`` (the least numpy does for the same numbers) is printed too.

Random judgments are very inconsistent (CR 0.3 to 2): the hardest case for the
squaring that gives lambda_max without LAPACK (the second eigenvalue is large). A
second table, for information, times acceptable matrices (CR <= 0.1: a consistent
matrix with every judgment off by a random factor), the usual case in practice.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from machine import footer, header, interleaved, table, verdict

from mcda_iso import ahp

SEED = 14
SIZES = (3, 4, 5, 7, 9, 12, 15)
SAATY = np.array([1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])


def matrix(n: int, rng: np.random.Generator) -> np.ndarray:
    a = np.ones((n, n))
    upper = np.triu_indices(n, 1)
    a[upper] = rng.choice(SAATY, size=len(upper[0]))
    a[upper[::-1]] = 1.0 / a[upper]
    return a


def acceptable(n: int, rng: np.random.Generator) -> np.ndarray:
    """A matrix with CR <= 0.1: w_i / w_j, each judgment off by a lognormal factor."""
    while True:
        w = rng.uniform(1.0, 9.0, n)
        a = np.ones((n, n))
        upper = np.triu_indices(n, 1)
        a[upper] = w[upper[0]] / w[upper[1]] * np.exp(rng.normal(0.0, 0.3, len(upper[0])))
        a[upper[::-1]] = 1.0 / a[upper]
        if ahp.priorities(a).cr <= 0.1:
            return a


def geometric_mean(a: np.ndarray) -> np.ndarray:
    w = np.exp(np.log(a).mean(axis=1))
    return w / w.sum()


def run(
    make: Callable[[int, np.random.Generator], np.ndarray], rng: np.random.Generator
) -> tuple[float, float]:
    """Print the table for matrices from ``make(n, rng)``; the worst ratios."""
    rows = [
        [
            "n",
            "eig",
            "priorities",
            "ratio",
            "rgmm",
            "rgmm+eigvals",
            "priorities gm",
            "ratio",
            "vs rgmm+eigvals",
        ]
    ]
    worst_eig = worst_gm = 0.0
    for n in SIZES:
        a = make(n, rng)
        number = 2000
        t = interleaved(
            {
                "eig": lambda a=a: np.linalg.eig(a),
                "priorities": lambda a=a: ahp.priorities(a),
                "rgmm": lambda a=a: geometric_mean(a),
                "rgmm+eigvals": lambda a=a: (geometric_mean(a), np.linalg.eigvals(a)),
                "gm": lambda a=a: ahp.priorities(a, method="geometric_mean"),
            },
            number=number,
        )
        ratio_eig = t["priorities"] / t["eig"]
        ratio_gm = t["gm"] / t["rgmm"]
        worst_eig, worst_gm = max(worst_eig, ratio_eig), max(worst_gm, ratio_gm)
        us = {k: f"{v * 1e6:.1f}" for k, v in t.items()}
        rows.append(
            [
                str(n),
                us["eig"],
                us["priorities"],
                f"{ratio_eig:.2f}x",
                us["rgmm"],
                us["rgmm+eigvals"],
                us["gm"],
                f"{ratio_gm:.2f}x",
                f"{t['gm'] / t['rgmm+eigvals']:.2f}x",
            ]
        )
    table(rows)
    return worst_eig, worst_gm


def main() -> None:
    header("bench_ahp: microseconds per call, median of 7 interleaved rounds")
    rng = np.random.default_rng(SEED)
    print("random matrices on Saaty's scale (the targets)")
    worst_eig, worst_gm = run(matrix, rng)
    print(f"\neigenvector, worst ratio to numpy eig: {worst_eig:.2f}x "
          f"(target <= 2x: {verdict(worst_eig, 2.0)})")  # fmt: skip
    print(f"geometric mean with CR, worst ratio to the numpy row geometric mean: {worst_gm:.2f}x "
          f"(target <= 3x: {verdict(worst_gm, 3.0)})")  # fmt: skip
    print("\nacceptable matrices, CR <= 0.1 (for information)")
    worst_eig, worst_gm = run(acceptable, rng)
    print(f"\nworst ratios: eigenvector {worst_eig:.2f}x eig, "
          f"geometric mean {worst_gm:.2f}x the row geometric mean")  # fmt: skip
    footer()


if __name__ == "__main__":
    main()
