"""Rank ISO 9001 certification against other quality programmes from Python.

Loads the built-in scenario, changes one judgment (market access now matters
5 times as much as cost), ranks with TOPSIS and AHP, and prints the results.

Run: python examples/rank_iso9001.py
"""

import mcda_iso

problem = mcda_iso.load_scenario("iso9001", profile="balanced")
print(mcda_iso.rank(problem))

# Our biggest customer now insists on certified suppliers: market access matters more.
changed = problem.with_judgment("market access", "cost", 5)
result = mcda_iso.rank(changed)
print("\nAfter judging market access 5x as important as cost:")
print(result.to_frame().round(4).to_string())
print(result.recommendation())

print("\nTOPSIS and AHP synthesis side by side:")
print(mcda_iso.compare(changed))
