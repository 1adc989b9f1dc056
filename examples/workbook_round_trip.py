"""A workbook round trip: template -> (your edits) -> read -> rank -> results -> read back.

Writes a workbook pre-filled with the built-in ISO 9001 scenario, changes one rating the
way a user would in Excel (with openpyxl here, so the script runs unattended), reads it
back into a validated Problem, ranks it, writes the results workbook, and checks that the
results workbook still holds the very same inputs.

Run: python examples/workbook_round_trip.py [FOLDER]   (default: a new temporary folder)
"""

import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

import mcda_iso

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="mcda-iso-"))
folder.mkdir(parents=True, exist_ok=True)
template = mcda_iso.write_template(
    folder / "iso9001.xlsx", "iso9001", profile="balanced", overwrite=True
)
print(f"1. Template written: {template}")

# 2. Edit it as a user would: our certification would cost less than the scenario assumes
#    (a group certificate shared with a sister company). Find the cell by its labels.
#    The labels outside the Criteria and Alternatives sheets are formulas copying the names
#    (rename a criterion once and it changes everywhere), so read them as shown: data_only.
shown = load_workbook(template, data_only=True)["Performance"]
column = [cell.value for cell in shown[1]].index("cost") + 1
row = [cell.value for cell in shown["A"]].index("ISO 9001 certification") + 1
wb = load_workbook(template)
cell = wb["Performance"].cell(row, column)
old, cell.value = cell.value, 4
print(f"2. Edited Performance!{cell.coordinate}: cost of certification {old} -> 4")
wb.save(template)
wb.close()

# 3. Check and read it: every problem at once, with sheet and cell.
errors = mcda_iso.validate_workbook(template)
print(f"3. Validation: {len(errors)} problem(s)")
for error in errors:
    print(f"   {error}")
problem = mcda_iso.read_workbook(template)
print(
    f"   read {problem!r}; cost of certification = "
    f"{problem.performance.loc['ISO 9001 certification', 'cost']:g}"
)

# 4. Rank and write the results workbook.
result = mcda_iso.rank(problem)
print("4. " + result.recommendation())
results = mcda_iso.write_results(folder / "iso9001-results.xlsx", result, overwrite=True)
print(f"   Results workbook: {results}")

# 5. The results workbook carries the inputs: reading it gives the same problem.
again = mcda_iso.read_workbook(results)
print(f"5. Inputs read back from the results workbook are identical: {again == problem}")
assert again == problem
