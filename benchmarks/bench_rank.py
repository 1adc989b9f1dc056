"""``rank()`` at 1,000 / 3,000 / 10,000 alternatives (issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_rank.py

A random problem of m alternatives x 20 criteria (a third of them costs, weights
from a consistent 20 x 20 comparison matrix) is built once per size, then ranked by TOPSIS and
by AHP synthesis, interleaved with its baseline measured in the same run: the
numpy floor of the same ranking, :func:`mcda_iso.topsis.closeness` (or
:func:`mcda_iso.synthesis.scores`) on the matrix and an ``argsort``. Medians of 7
rounds. Targets: ``rank`` <= 0.1 s at 10,000 alternatives, and growth
t(10m)/t(m) <= 15x for 10x the alternatives (O(m log m), not O(m^2)).
"""

from __future__ import annotations

import numpy as np
from machine import footer, header, interleaved, table, verdict

from mcda_iso import Criterion, Problem, rank, synthesis, topsis

SEED = 14
SIZES = (1_000, 3_000, 10_000)
N = 20


def problem(m: int, rng: np.random.Generator) -> Problem:
    criteria = [Criterion(f"criterion {j}", "cost" if j % 3 == 0 else "benefit") for j in range(N)]
    weights = rng.uniform(1.0, 9.0, size=N)
    comparisons = weights[:, None] / weights[None, :]  # consistent: no ConsistencyWarning
    performance = rng.uniform(1.0, 10.0, size=(m, N))
    alternatives = [f"alternative {i}" for i in range(m)]
    return Problem(criteria, alternatives, performance, comparisons=comparisons)


def main() -> None:
    header(f"bench_rank: rank() on m alternatives x {N} criteria, median of 7 interleaved rounds")
    rng = np.random.default_rng(SEED)
    seconds: dict[tuple[str, int], float] = {}
    rows = [["m", "method", "rank s", "numpy floor s", "rank / floor"]]
    for m in SIZES:
        p = problem(m, rng)
        weights = rank(p).weights.to_numpy()
        matrix, types = p.matrix, p.types

        def floor_topsis(matrix=matrix, weights=weights, types=types):
            return np.argsort(-topsis.closeness(matrix, weights, types), kind="stable")

        def floor_ahp(matrix=matrix, weights=weights, types=types):
            return np.argsort(-synthesis.scores(matrix, weights, types), kind="stable")

        t = interleaved(
            {
                "topsis": lambda p=p: rank(p),
                "topsis floor": floor_topsis,
                "ahp": lambda p=p: rank(p, method="ahp"),
                "ahp floor": floor_ahp,
            },
            number=3 if m < 10_000 else 1,
        )
        for method in ("topsis", "ahp"):
            seconds[method, m] = t[method]
            rows.append(
                [
                    f"{m:,}",
                    method,
                    f"{t[method]:.4f}",
                    f"{t[method + ' floor']:.4f}",
                    f"{t[method] / t[method + ' floor']:.1f}x",
                ]
            )
    table(rows)
    print()
    small, large = SIZES[0], SIZES[-1]
    for method in ("topsis", "ahp"):
        growth = seconds[method, large] / seconds[method, small]
        at_large = seconds[method, large]
        print(f"{method}: t({large:,})/t({small:,}) = {growth:.1f}x (target <= 15x: "
              f"{verdict(growth, 15.0)}); rank at {large:,}: {at_large:.3f} s "
              f"(target <= 0.1 s: {verdict(at_large, 0.1)})")  # fmt: skip
    footer()


if __name__ == "__main__":
    main()
