"""A sensitivity study: how firm is the recommendation, with the figures saved.

For the built-in ISO 9001 scenario (profile "balanced"): the weight thresholds in words,
rank acceptabilities from a Monte Carlo run around the weights and with no preference
information at all, the agreement of seven ranking methods, rank reversals, every
figure saved as PNG, and the HTML report.

Run: python examples/sensitivity_study.py [FOLDER]   (default: ./sensitivity-figures)
"""

import sys
from pathlib import Path

import mcda_iso
from mcda_iso import plots, sensitivity

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "sensitivity-figures"
out.mkdir(parents=True, exist_ok=True)

problem = mcda_iso.load_scenario("iso9001", profile="balanced")
result = mcda_iso.rank(problem)
print(result.recommendation())

analysis = sensitivity.analyse(problem, samples=20_000, seed=42)
print("\nOne weight at a time (the others keep their ratios):")
for sentence in analysis.sentences():
    print(f"  {sentence}")

mc = analysis.monte_carlo
print(f"\nProbability of being first, weights drawn around ours ({mc.samples:,} samples):")
print(mc.first.sort_values(ascending=False).map("{:.1%}".format).to_string())

uniform = sensitivity.monte_carlo(problem, samples=20_000, seed=42, weights="uniform")
print("\n... and with no preference information (weights uniform on the simplex):")
print(uniform.first.sort_values(ascending=False).map("{:.1%}".format).to_string())

print(f"\nAll seven methods agree on the winner: {analysis.methods.agree_on_best}")
print(
    "Lowest Spearman correlation with TOPSIS: "
    f"{analysis.methods.spearman['topsis_vector'].min():.2f}"
)
if analysis.rank_reversal.empty:
    print("No rank reversal when one alternative is removed.")
else:
    print(f"Rank reversals when one alternative is removed: {len(analysis.rank_reversal)}")

figures = {
    "weights.png": plots.weights(result),
    "ranking.png": plots.ranking(result),
    "acceptability.png": plots.acceptability(mc, problem=problem),
    "acceptability-uniform.png": plots.acceptability(uniform, problem=problem),
    "methods.png": plots.method_agreement(analysis.methods),
}
for criterion, sweep in analysis.sweeps.items():
    name = f"sweep-{criterion.replace(' ', '-')}.png"
    figures[name] = plots.weight_sweep(sweep, criterion, problem=problem)
for name, fig in figures.items():
    fig.savefig(out / name, dpi=120)
print(f"\n{len(figures)} figures saved in {out}")

# The same analysis as one self-contained HTML report, for the board.
report = mcda_iso.write_report(out / "report.html", result, analysis, overwrite=True)
print(f"Report: {report} ({report.stat().st_size // 1024} KiB)")
