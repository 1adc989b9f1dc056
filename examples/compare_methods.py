"""A researcher's comparison of MCDA methods on their own decision matrix.

Five suppliers rated on four criteria (a made-up matrix: replace it with yours), weights
typed directly. The same matrix is ranked by TOPSIS with vector and min-max
normalisation, AHP synthesis, VIKOR, PROMETHEE II, WSM/SAW and SPOTIS, and the rank
correlations between the methods are printed, with the figure saved beside.

Run: python examples/compare_methods.py [FIGURE.png]   (default: ./method-agreement.png)
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from mcda_iso import Criterion, Problem, plots, rank, sensitivity, topsis

matrix = np.array(
    [
        # price (EUR/unit), quality (defects per 1000, fewer is better), delivery (days), rating
        [120.0, 4.0, 12.0, 7.0],
        [100.0, 9.0, 20.0, 6.0],
        [140.0, 2.0, 10.0, 9.0],
        [110.0, 6.0, 15.0, 8.0],
        [95.0, 12.0, 25.0, 5.0],
    ]
)
problem = Problem(
    criteria=[
        Criterion("price", "cost", unit="EUR per unit"),
        Criterion("defects", "cost", unit="per 1000 parts"),
        Criterion("delivery", "cost", unit="days"),
        Criterion("audit rating", "benefit", unit="1-10"),
    ],
    alternatives=["Supplier A", "Supplier B", "Supplier C", "Supplier D", "Supplier E"],
    performance=matrix,
    weights=[0.35, 0.30, 0.15, 0.20],
)

# The pure TOPSIS kernel, on plain numpy arrays.
types = problem.types
weights = np.array([0.35, 0.30, 0.15, 0.20])
for normalization in ("vector", "minmax"):
    closeness = topsis.closeness(matrix, weights, types, normalization=normalization)
    print(f"TOPSIS closeness ({normalization:>6}): {np.round(closeness, 4)}")

comparison = sensitivity.compare_methods(problem)
pd.set_option("display.width", 120)
print("\nRanks by method (1 = best):")
print(comparison.rankings.to_string(float_format=lambda x: f"{x:g}"))
print("\nSpearman rank correlation between methods:")
print(comparison.spearman.round(2).to_string())
print("\nWS rank similarity (row = reference ranking):")
print(comparison.ws.round(2).to_string())
for name, reason in comparison.skipped.items():
    print(f"(not applied: {name}: {reason})")
print(f"\nAll methods agree on the best supplier: {comparison.agree_on_best}")
print(rank(problem).recommendation())

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "method-agreement.png"
plots.method_agreement(comparison).savefig(target, dpi=120)
print(f"Figure saved: {target}")
