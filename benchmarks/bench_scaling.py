"""How the analyses grow with the number of alternatives (issue 14), run by hand.

::

    .venv/bin/python benchmarks/bench_scaling.py [--quick]

For m = 100 and 1000 alternatives on 20 criteria (random performance, a quarter of the
criteria costs, typed weights), each analysis of one :class:`~mcda_iso.ranking.Result`
is timed (median of interleaved rounds) and its growth ratio t(1000) / t(100) printed
(target: at most 15x for 10x the alternatives, i.e. about m log m), with the issue's
targets at 1000 x 20: ``thresholds`` <= 1 s, ``rank_reversal`` <= 1 s, ``weight_sweep``
<= 0.2 s, ``analyse`` with 10,000 samples <= 3 s; and ``rank`` at 1,000 and 10,000
alternatives (<= 0.1 s). The baseline of the rank-reversal search is the all-pairs
comparison it replaced, timed in the same run at m = 100.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
from machine import footer, header, interleaved, table, verdict

from mcda_iso import Criterion, Problem, rank
from mcda_iso.sensitivity import analyse, rank_reversal, thresholds, weight_sweep
from mcda_iso.sensitivity.analysed import analysed

N = 20
TARGETS_AT_1000 = {"thresholds": 1.0, "rank_reversal": 1.0, "weight_sweep": 0.2, "analyse": 3.0}


def problem(m: int, n: int = N, seed: int = 0) -> Problem:
    rng = np.random.default_rng(seed)
    criteria = [Criterion(f"c{j}", "cost" if j % 4 == 3 else "benefit") for j in range(n)]
    return Problem(
        criteria,
        [f"A{i}" for i in range(m)],
        rng.uniform(1.0, 10.0, (m, n)),
        weights=rng.uniform(0.5, 1.5, n),
    )


def all_pairs_reversal(result: object) -> int:
    """The O(m^3) search the windowed one replaced: every pair after every removal."""
    setup = analysed(result, "baseline")
    base = np.round(setup.result.scores.to_numpy(), 12)
    flips = 0
    every = setup.without_each(np.arange(base.size))
    for removed in range(base.size):
        keep = np.delete(np.arange(base.size), removed)
        after = np.round(every[removed], 12)
        i, k = np.triu_indices(keep.size, 1)
        flips += int((np.sign(base[keep][i] - base[keep][k]) != np.sign(after[i] - after[k])).sum())
    return flips


def main() -> None:
    quick = "--quick" in sys.argv
    rounds = 3 if quick else 5
    header("Analyses of one Result as the alternatives grow (n = 20 criteria)")
    warnings.simplefilter("ignore")
    times: dict[int, dict[str, float]] = {}
    for m in (100, 1000):
        result = rank(problem(m))
        jobs = {
            "thresholds": lambda r=result: thresholds(r),
            "rank_reversal": lambda r=result: rank_reversal(r),
            "weight_sweep": lambda r=result: weight_sweep(r, "c0"),
            "analyse": lambda r=result: analyse(r, samples=10_000, seed=1),
        }
        times[m] = interleaved(jobs, rounds=rounds)
    rows = [["analysis", "t(100) s", "t(1000) s", "growth", "target 1000 s", ""]]
    for name, target in TARGETS_AT_1000.items():
        small, large = times[100][name], times[1000][name]
        growth = large / small
        ok = verdict(large, target) if growth <= 15 else "MISSED (growth)"
        rows.append([name, f"{small:.3f}", f"{large:.3f}", f"{growth:.1f}x", f"{target}", ok])
    table(rows)
    growth = times[1000]["rank_reversal"] / times[100]["rank_reversal"]
    print(
        "\nrank_reversal scores m reduced problems (one per alternative removed), each of"
        f" m - 1 alternatives: per reduced problem its growth is {growth / 10:.1f}x for 10x"
        " the alternatives (target <= 15x per weight vector and problem:"
        f" {'ok' if growth / 10 <= 15 else 'MISSED'})"
    )

    small = rank(problem(100))
    base = interleaved(
        {"windowed": lambda: rank_reversal(small), "all pairs": lambda: all_pairs_reversal(small)},
        rounds=rounds,
    )
    print(
        f"\nrank_reversal at m = 100: {base['windowed']:.3f} s; the all-pairs search "
        f"{base['all pairs']:.3f} s ({base['all pairs'] / base['windowed']:.1f}x the time)"
    )

    ranked = {m: problem(m) for m in (1_000, 10_000)}
    t = interleaved({m: (lambda p=p: rank(p)) for m, p in ranked.items()}, rounds=rounds)
    growth = t[10_000] / t[1_000]
    print(
        f"rank: {t[1_000]:.4f} s at 1,000, {t[10_000]:.4f} s at 10,000 alternatives "
        f"(growth {growth:.1f}x; target <= 0.1 s: {verdict(t[10_000], 0.1)})"
    )
    footer()


if __name__ == "__main__":
    main()
