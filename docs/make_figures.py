"""Make the figures of the tutorial (docs/img/*.png) with mcda_iso itself.

Run from the repository: ``python docs/make_figures.py`` (or ``--out DIR`` to write
elsewhere; the test suite does that to check the script still runs). The numbers come
from the built-in ISO 9001 scenario (profile "balanced") with fixed seeds, so the
figures match the tutorial's text.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import mcda_iso
from mcda_iso import plots, sensitivity

DPI = 72


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "img")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    problem = mcda_iso.load_scenario("iso9001", profile="balanced")
    # The tutorial's slip: "market access vs cost" typed the wrong way round (1/3, not 3).
    slip = problem.with_judgment("market access", "cost", 1 / 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        figures = {"inconsistency.png": plots.inconsistency(mcda_iso.rank(slip))}
    result = mcda_iso.rank(problem)
    analysis = sensitivity.analyse(problem, samples=10_000, seed=2024)
    figures["weights.png"] = plots.weights(result)
    figures["ranking.png"] = plots.ranking(result)
    figures["sweep-cost.png"] = plots.weight_sweep(analysis.sweeps["cost"], "cost", problem=problem)
    figures["acceptability.png"] = plots.acceptability(analysis.monte_carlo, problem=problem)
    figures["agreement.png"] = plots.method_agreement(analysis.methods)
    for name, fig in figures.items():
        fig.savefig(out / name, dpi=DPI, metadata={"Software": None})
        print(f"wrote {out / name} ({(out / name).stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
