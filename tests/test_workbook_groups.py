"""Tests for mcda_iso.workbook.groups and comparison_sheets: experts' and alternatives' sheets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest

from mcda_iso import (
    ProblemError,
    load_scenario,
    rank,
)
from mcda_iso.scale import format_judgment
from mcda_iso.workbook import (
    read_workbook,
    write_results,
    write_template,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        edit,
        errors_at,
        rated_problem,
        reported_at,
        team_problem,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        edit,
        errors_at,
        rated_problem,
        reported_at,
        team_problem,
    )


def test_group_template_round_trip(team_book: Path) -> None:
    wb = openpyxl.load_workbook(team_book)
    assert {"Experts", "Comparisons Quality manager", "Comparisons CEO"} <= set(wb.sheetnames)
    assert "Comparisons" not in wb.sheetnames and "Weights" not in wb.sheetnames
    assert wb["Comparisons CEO"]["A1"].value == "CEO"
    assert wb["Comparisons CEO"]["D2"].value is None  # the judgment the CEO did not give
    assert read_workbook(team_book) == team_problem()
    equal = team_problem(expert_weights=None)
    assert read_workbook(write_template(team_book.with_name("eq.xlsx"), equal)) == equal


def test_group_results_workbook_shows_experts_and_consensus(team_book: Path) -> None:
    result = rank(read_workbook(team_book), aggregation="aip")
    path = write_results(team_book.with_name("team-results.xlsx"), result)
    assert read_workbook(path) == team_problem()
    wb = openpyxl.load_workbook(path)
    ws = wb["Group"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in cells for v in row if v is not None]
    assert any(isinstance(v, str) and v.startswith("AIP") for v in flat)
    consensus = result.group.consensus
    assert any(isinstance(v, str) and v.startswith(f"{consensus:.3f} (") for v in flat)
    header = next(r for r in cells if r[0] == "expert")
    assert header[:4] == ["expert", "expert weight", "CR", "verdict"]
    assert header[4:7] == ["quality", "cost", "speed"]
    rows = {r[0]: r for r in cells if r[0] in ("Quality manager", "CEO", "group")}
    assert rows["CEO"][1] == pytest.approx(1 / 3)
    assert rows["CEO"][2] == pytest.approx(result.group.experts["CEO"].cr)
    assert rows["CEO"][4:7] == pytest.approx(list(result.group.experts["CEO"].weights))
    assert rows["group"][4:7] == pytest.approx(list(result.weights))
    summary = {r[0].value: r[1].value for r in wb["Summary"].iter_rows() if r[0].value}
    assert "2 experts, combined by aggregating their priorities (AIP)" in summary["Experts"]


def test_blank_group_template_filled_by_each_expert(tmp_path: Path) -> None:
    path = write_template(tmp_path / "g.xlsx", "iso9001", experts=["Ann", "Bob"])
    wb = openpyxl.load_workbook(path)
    assert wb["Experts"]["A2"].value == "Ann" and wb["Experts"]["B2"].value is None
    errors = errors_at(path)
    assert errors == {
        "Comparisons Ann!C2": "no judgments from expert 'Ann': fill the upper triangle, or "
        "delete the sheet",
        "Comparisons Bob!C2": "no judgments from expert 'Bob': fill the upper triangle, or "
        "delete the sheet",
    }
    base = load_scenario("iso9001")
    judgments = base.comparisons.to_numpy()
    for title in ("Comparisons Ann", "Comparisons Bob"):
        for i, j in zip(*np.triu_indices(len(judgments), k=1), strict=True):
            wb[title].cell(i + 2, j + 2, format_judgment(judgments[i, j]))
    wb["Comparisons Bob"]["C2"] = None  # Bob skips one comparison
    wb.save(path)
    problem = read_workbook(path)
    assert problem.experts == ("Ann", "Bob") and problem.expert_weights is None
    assert np.isnan(problem.expert_comparisons["Bob"].iloc[0, 1])
    group = rank(problem).group.group  # the ranking aggregates: Ann's judgment alone
    assert group.matrix[0, 1] == pytest.approx(judgments[0, 1])


@pytest.mark.parametrize(
    ("changes", "delete", "cell", "expect"),
    [
        ({"Experts!B2": 0}, (), "Experts!B2", "an expert's weight must be positive: found 0"),
        ({"Experts!B3": -1}, (), "Experts!B3", "must be positive: found -1 for 'CEO'"),
        ({"Experts!B2": "high"}, (), "Experts!B2", "expected a positive weight for expert"),
        ({"Experts!B3": None}, (), "Experts!B3", "expected a positive weight for expert 'CEO'"),
        ({"Experts!A3": "Sales"}, (), "Comparisons CEO!A1", "expert 'CEO' (from this sheet's"),
        ({"Experts!A4": "Finance"}, (), "Experts!A4", "expert 'Finance' has no sheet"),
        (
            {"Comparisons CEO!A1": "Quality manager"},
            (),
            "Comparisons CEO!A1",
            "cell A1 names expert 'Quality manager', who also has the sheet 'Comparisons "
            "Quality manager'; A1 counts over this sheet's title ('CEO')",
        ),
        (  # the edited sheet is named, not the other expert's
            {"Comparisons Quality manager!A1": "CEO"},
            (),
            "Comparisons Quality manager!A1",
            "cell A1 names expert 'CEO', who also has the sheet 'Comparisons CEO'",
        ),
        (
            {"Comparisons Quality manager!A1": "CEO"},
            (),
            "Experts!A2",
            "expert 'Quality manager' has no sheet of judgments: the sheet 'Comparisons "
            "Quality manager' names 'CEO' in cell A1, and A1 counts over the sheet's title",
        ),
        ({"Comparisons CEO!C2": "x"}, (), "Comparisons CEO!C2", "judgments are 1/9 .. 9"),
        ({"Comparisons CEO!Z1": "price"}, (), "Comparisons CEO!Z1", "unknown criterion 'price'"),
        (
            {"Comparisons CEO!D3": None},
            (),
            "Comparisons CEO!D2",
            "no judgment links 'speed' with 'quality', 'cost', so they cannot be weighed",
        ),
        (
            {"Comparisons CEO!C2": None, "Comparisons CEO!D3": None},
            (),
            "Comparisons CEO!C2",
            "no judgments from expert 'CEO'",
        ),
        ({}, ("Comparisons CEO",), "Experts!A3", "expert 'CEO' has no sheet 'Comparisons CEO'"),
    ],
)
def test_group_workbook_errors_name_sheet_and_cell(
    team_book: Path, changes: dict[str, object], delete: tuple[str, ...], cell: str, expect: str
) -> None:
    assert expect in reported_at(team_book, changes, delete, cell)


def test_group_and_plain_comparisons_cannot_both_be_filled(team_book: Path) -> None:
    wb = openpyxl.load_workbook(team_book)
    plain = wb.copy_worksheet(wb["Comparisons CEO"])
    plain.title = "Comparisons"
    plain["A1"] = "row vs column"
    del wb["Comparisons CEO"]
    del wb["Experts"]
    wb.save(team_book)
    errors = errors_at(team_book)
    assert "a group decision uses the experts' sheets only" in errors["Comparisons"]


def test_experts_sheet_without_expert_sheets(team_book: Path) -> None:
    edit(team_book, {}, ("Comparisons CEO", "Comparisons Quality manager"))
    errors = errors_at(team_book)
    assert "lists experts but no workbook sheet holds their judgments" in errors["Experts"]


@pytest.mark.parametrize(
    ("experts", "pattern"),
    [
        ("Ann", "'experts' must be a list of expert names"),
        (["Ann", " Ann "], "duplicate expert name 'Ann'"),
        (["Ann", ""], "an expert name must be non-empty text"),
    ],
)
def test_template_expert_names_checked(tmp_path: Path, experts: object, pattern: str) -> None:
    with pytest.raises(ProblemError, match=pattern):
        write_template(tmp_path / "x.xlsx", experts=experts)  # type: ignore[arg-type]


def test_alternatives_sheets_round_trip(rated_book: Path) -> None:
    wb = openpyxl.load_workbook(rated_book, data_only=True)  # labels: formulas' values
    ws = wb["Alternatives quality"]
    assert ws["A1"].value == "quality" and ws["B1"].value == "A" and ws["C2"].value == "2"
    assert wb["Performance"]["B2"].value is None  # quality is not rated by data
    assert "Alternatives quality" in wb["Performance"]["B1"].comment.text
    assert read_workbook(rated_book) == rated_problem()


def test_alternatives_results_round_trip_and_local_priorities(rated_book: Path) -> None:
    result = rank(read_workbook(rated_book), method="ahp", mode="ideal")
    path = write_results(rated_book.with_name("rated-results.xlsx"), result)
    assert read_workbook(path) == rated_problem()
    wb = openpyxl.load_workbook(path)
    ws = wb["Local priorities"]
    assert [ws.cell(3, c).value for c in (1, 2)] == ["alternative", "quality"]
    assert [ws.cell(r, 2).value for r in (4, 5, 6)] == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert ws.cell(7, 1).value == "CR" and ws.cell(8, 2).value == "consistent"
    summary = {r[0].value: r[1].value for r in wb["Summary"].iter_rows() if r[0].value}
    assert summary["Method"] == "AHP synthesis (ideal mode)"
    assert summary["Rated pairwise"].startswith("quality (CR 0.000)")


def test_every_criterion_rated_pairwise_round_trip(tmp_path: Path) -> None:
    v = np.array([3.0, 1.0, 2.0])
    matrix = v[:, None] / v[None, :]
    problem = rated_problem(
        performance=None,
        alternative_comparisons={"quality": matrix, "cost": matrix.T, "speed": matrix},
    )
    assert read_workbook(write_template(tmp_path / "all.xlsx", problem)) == problem


def test_empty_alternatives_sheet_is_ignored(rated_book: Path) -> None:
    wb = openpyxl.load_workbook(rated_book)
    for cell in ("C2", "D2", "D3"):
        wb["Alternatives quality"][cell] = None
    for r, value in enumerate((8, 6, 9), start=2):
        wb["Performance"].cell(r, 2, value)
    wb.save(rated_book)
    problem = read_workbook(rated_book)
    assert problem.alternative_comparisons is None
    assert problem.matrix[:, 0].tolist() == [8, 6, 9]


@pytest.mark.parametrize(
    ("changes", "cell", "expect"),
    [
        (
            {"Alternatives quality!A1": "price"},
            "Alternatives quality!A1",
            "no criterion 'price' in the Criteria sheet",
        ),
        (
            {"Performance!B3": 7},
            "Performance!B3",
            "'quality' is rated by pairwise comparisons in sheet 'Alternatives quality': leave",
        ),
        (
            {"Alternatives quality!A4": "D"},
            "Alternatives quality!A4",
            "unknown alternative 'D': not in the Alternatives sheet",
        ),
        (
            {"Alternatives quality!D2": None, "Alternatives quality!D3": None},
            "Alternatives quality!D2",
            "no judgment links 'C' with 'A', 'B', so they cannot be weighed",
        ),
        (
            {"Alternatives quality!C2": "0"},
            "Alternatives quality!C2",
            "judgments are 1/9 .. 9",
        ),
        (
            {"Alternatives quality!B3": "3"},
            "Alternatives quality!B3",
            "'A' vs 'B' is judged twice and the judgments disagree",
        ),
    ],
)
def test_alternatives_sheet_errors_name_sheet_and_cell(
    rated_book: Path, changes: dict[str, object], cell: str, expect: str
) -> None:
    assert expect in reported_at(rated_book, changes, (), cell)


def test_alternatives_sheet_for_same_criterion_twice(rated_book: Path) -> None:
    wb = openpyxl.load_workbook(rated_book)
    copy = wb.copy_worksheet(wb["Alternatives quality"])
    copy.title = "Alternatives q2"
    wb.save(rated_book)
    errors = errors_at(rated_book)
    assert (
        "criterion 'quality' already has the sheet 'Alternatives quality'"
        in errors["Alternatives q2!A1"]
    )
