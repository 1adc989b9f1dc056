"""A group decision: three experts judge the criteria, the group decides.

Sales, operations and finance each compare the five criteria of the ISO 9001 decision
(Saaty's 1-9 scale). A group problem holds the three matrices; ranking it aggregates
the judgments by the weighted geometric mean (AIJ, Aczél & Saaty 1983) and measures the
consensus (Goepel 2013). The alternatives are also ranked with each expert's own
judgments, to show where they differ, and a Monte Carlo run draws weights around each
expert's to say how firm the group's choice is.

Run: python examples/group_decision.py
"""

import warnings

import pandas as pd

import mcda_iso
from mcda_iso import ahp, sensitivity

base = mcda_iso.load_scenario("iso9001", profile="balanced")
criteria = list(base.criterion_names)  # credibility, efficiency, market access, cost, effort

# Upper triangles of each expert's comparison matrix, row criterion vs column criterion.
judgments = {
    "sales": {  # customers ask for certificates: credibility and market access first
        ("credibility", "efficiency"): 3, ("credibility", "market access"): 1,
        ("credibility", "cost"): 5, ("credibility", "effort"): 5,
        ("efficiency", "market access"): 1 / 3, ("efficiency", "cost"): 2,
        ("efficiency", "effort"): 2, ("market access", "cost"): 5,
        ("market access", "effort"): 5, ("cost", "effort"): 1,
    },
    "operations": {  # carries the effort: efficiency first, effort matters
        ("credibility", "efficiency"): 1 / 3, ("credibility", "market access"): 1,
        ("credibility", "cost"): 1, ("credibility", "effort"): 1 / 2,
        ("efficiency", "market access"): 3, ("efficiency", "cost"): 3,
        ("efficiency", "effort"): 2, ("market access", "cost"): 1,
        ("market access", "effort"): 1 / 2, ("cost", "effort"): 1 / 2,
    },
    "finance": {  # pays the bills: cost first
        ("credibility", "efficiency"): 1, ("credibility", "market access"): 1,
        ("credibility", "cost"): 1 / 3, ("credibility", "effort"): 1,
        ("efficiency", "market access"): 1, ("efficiency", "cost"): 1 / 2,
        ("efficiency", "effort"): 1, ("market access", "cost"): 1 / 3,
        ("market access", "effort"): 1, ("cost", "effort"): 3,
    },
}  # fmt: skip


def matrix(upper: dict) -> pd.DataFrame:
    """The full reciprocal matrix from the upper-triangle judgments."""
    m = pd.DataFrame(1.0, index=criteria, columns=criteria)
    for (row, col), value in upper.items():
        m.loc[row, col], m.loc[col, row] = value, 1 / value
    return m


matrices = {expert: matrix(upper) for expert, upper in judgments.items()}
problem = base.replace(experts=matrices)  # each expert's matrix; the group's is their AIJ
result = mcda_iso.rank(problem)  # aggregation="aij" (default) or "aip"
group = result.group

weights = result.expert_priorities.T
weights["group"] = result.weights
print("Criteria weights, each expert and the group (AIJ):")
print(weights.round(3).to_string())
print("\nConsistency ratio of each expert's judgments:")
for expert, priorities in group.experts.items():
    verdict = "consistent" if priorities.consistent else "INCONSISTENT"
    print(f"  {expert:<11} CR = {priorities.cr:.3f}  {verdict}")
print(f"  {'group':<11} CR = {group.group.cr:.3f}")
print(
    f"\nConsensus S* = {group.consensus:.3f} (1 = full agreement); "
    f"most deviating expert: {group.most_deviating}"
)

# The same check with the lower-level function the group problem uses.
direct = ahp.aggregate(matrices, names=criteria)
assert abs(direct.consensus - group.consensus) < 1e-12

# Rank with each expert's own judgments, to see where they part ways.
rankings = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)  # verdicts printed above
    for expert, m in matrices.items():
        rankings[expert] = mcda_iso.rank(base.replace(comparisons=m)).ranks
rankings["group"] = result.ranks
print("\nRanks (TOPSIS), each expert's judgments and the group's:")
print(pd.DataFrame(rankings).astype(int).sort_values("group").to_string())
print("\n" + result.recommendation())

# How firm is the group's choice when weights are drawn around each expert's?
mc = sensitivity.monte_carlo(problem, samples=20_000, seed=7, weights="experts")
best = result.best
print(
    f"With weights drawn around each expert's, {best} comes first in "
    f"{mc.first[best]:.0%} of {mc.samples:,} samples."
)
