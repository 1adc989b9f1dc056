"""A seeded mutation fuzzer of our own workbooks (issue 16): what a careless user types.

Each case starts from a workbook we write (a template with weights, with comparisons,
with sub-criteria, with experts, with alternatives compared pairwise, and a results
workbook), changes one to three input cells to something a person might type (text,
numbers of every size and sign, fractions, dates, logical values, error values,
formulas, empty cells, a duplicated or misspelt name, a very long text) and reads it
back from memory. The oracle:

- ``validate_workbook`` never raises, and returns either nothing or errors that each
  name their sheet, a cell when the problem is in one, and a short message;
- ``read_workbook`` raises a ``WorkbookError`` exactly when ``validate_workbook`` found
  something, and otherwise returns a Problem; when every changed cell kept its value
  (a no-op change), that Problem equals the one written.

``MCDA_FUZZ_CASES`` sets the cases per workbook (default 40, run in CI);
``MCDA_FUZZ_SEED`` the seed (default 16).
"""

from __future__ import annotations

import io
import os
import random
import warnings
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from mcda_iso import Problem, WorkbookError, load_scenario, rank
from mcda_iso.errors import WorkbookWarning
from mcda_iso.workbook import read_workbook, validate_workbook, write_results, write_template

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import rated_problem, team_problem, tree_team_problem
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        rated_problem,
        team_problem,
        tree_team_problem,
    )

CASES = int(os.environ.get("MCDA_FUZZ_CASES", "40"))
SEED = int(os.environ.get("MCDA_FUZZ_SEED", "16"))
# Sheets a user fills in (the results sheets are ignored by the reader).
SKIP = {"Instructions", "Summary", "Ranking", "Consistency", "Group", "Completed matrices"}

TYPED: list[object] = [
    None,
    "",
    " ",
    "banana",
    "3",
    "1/3",
    "1/0",
    "0",
    "-1",
    "1,5",
    "1,500",
    "9e999",
    "NaN",
    "#DIV/0!",
    "=1/0",
    "=A1",
    "=SUM(B2:B3)",
    0,
    -1,
    1e-300,
    5e-324,
    1e300,
    10**30,
    0.5,
    3,
    9,
    17,
    True,
    False,
    datetime(2026, 1, 3),
    datetime(1999, 12, 31, 15, 30),
    "x" * 300,
    "benefit",
    "cost",
    "Cost ",
]


def _books(folder: Path) -> dict[str, Path]:
    iso = load_scenario("iso9001", profile="balanced")
    return {
        "comparisons": write_template(folder / "comparisons.xlsx", iso),
        "weights": write_template(folder / "weights.xlsx", rated_problem()),
        "hierarchy": write_template(folder / "tree.xlsx", load_scenario("iso9001_detailed")),
        "experts": write_template(folder / "team.xlsx", team_problem()),
        "experts_tree": write_template(folder / "tree-team.xlsx", tree_team_problem()),
        "results": write_results(folder / "results.xlsx", rank(iso)),
    }


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _books(tmp_path_factory.mktemp("fuzz"))


def _cells(wb: openpyxl.Workbook) -> list[tuple[str, str]]:
    """Every cell a user could type into: the used range of each input sheet, and a row
    and a column beyond it."""
    out = []
    for ws in wb.worksheets:
        if ws.title in SKIP:
            continue
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 1, max_col=ws.max_column + 1):
            out += [(ws.title, cell.coordinate) for cell in row]
    return out


def _value(rng: random.Random, wb: openpyxl.Workbook, cells: list[tuple[str, str]]) -> object:
    """Something typed: from the list, or the value of another cell (a name put where
    another belongs, a judgment copied)."""
    if rng.random() < 0.25:
        sheet, ref = rng.choice(cells)
        return wb[sheet][ref].value
    return rng.choice(TYPED)


@pytest.mark.parametrize(
    "kind", ["comparisons", "weights", "hierarchy", "experts", "experts_tree", "results"]
)
def test_mutated_workbooks_give_clean_errors_or_the_problem(
    books: dict[str, Path], kind: str
) -> None:
    warnings.simplefilter("ignore", WorkbookWarning)  # notes on how a value was read
    rng = random.Random(f"{SEED}-{kind}")
    original = read_workbook(books[kind])
    wb = openpyxl.load_workbook(books[kind])
    cells = _cells(wb)
    for case in range(CASES):
        changed = []
        for _ in range(rng.randint(1, 3)):
            sheet, ref = rng.choice(cells)
            cell = wb[sheet][ref]
            if isinstance(cell, openpyxl.cell.cell.MergedCell):
                continue
            old, new = cell.value, _value(rng, wb, cells)
            cell.value = new
            changed.append((cell, old))
        buffer = io.BytesIO()
        wb.save(buffer)
        data = buffer.getvalue()
        where = f"seed {SEED}, {kind} case {case}: " + ", ".join(
            f"{c.parent.title}!{c.coordinate}={c.value!r}" for c, _ in changed
        )
        errors = validate_workbook(data)
        for error in errors:
            assert isinstance(error, WorkbookError), where
            assert error.sheet, f"{where}: no sheet in {error.message!r}"
            assert len(error.message) < 1200, f"{where}: {error.message[:200]!r}..."
            assert "Traceback" not in error.message and "object has no" not in error.message
        if errors:
            with pytest.raises(WorkbookError):
                read_workbook(data)
        else:
            problem = read_workbook(data)
            assert isinstance(problem, Problem), where
            if all(c.value == old for c, old in changed):
                assert problem == original, where
        for cell, old in reversed(changed):  # back to the workbook as written
            cell.value = old
