"""Tests of experts with sub-criteria in workbooks: the '<expert> - <parent>' sheets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from mcda_iso import (
    ConsistencyWarning,
    load_scenario,
    rank,
)
from mcda_iso.scale import format_judgment
from mcda_iso.workbook import (
    read_workbook,
    validate_workbook,
    write_results,
    write_template,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        DETAILED,
        NAN,
        QM,
        _rows,
        edit,
        errors_at,
        reported_at,
        team_problem,
        tree_team_problem,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        DETAILED,
        NAN,
        QM,
        _rows,
        edit,
        errors_at,
        reported_at,
        team_problem,
        tree_team_problem,
    )


def test_experts_sub_criteria_template_round_trip(tree_team_book: Path) -> None:
    problem = tree_team_problem()
    wb = openpyxl.load_workbook(tree_team_book, data_only=True)  # labels: formulas' values
    names = wb.sheetnames
    assert names[names.index("Experts") :][:7] == [
        "Experts",
        "Comparisons Quality manager",
        "Quality manager - cost",
        "Quality manager - effort",
        "Comparisons CEO",
        "CEO - cost",
        "CEO - effort",
    ]
    assert "Comparisons" not in names and not any(n.startswith("Sub-criteria") for n in names)
    top = wb["Comparisons CEO"]
    tops = list(problem.hierarchy.children(None))
    assert [c.value for c in top[1]][1:] == [*tops, None, None, None]  # and room for 3 more
    assert top["D2"].value == "3"  # the CEO's credibility vs market access
    sub = wb["CEO - cost"]
    assert sub["A1"].value == "cost"
    assert "CEO" in sub["A1"].comment.text and "'cost'" in sub["A1"].comment.text
    assert [c.value for c in sub[1]][1:] == list(problem.hierarchy.children("cost"))
    assert sub["C2"].value is None  # the comparison the CEO skipped
    assert wb["Experts"]["B2"].value == 2
    back = read_workbook(tree_team_book)
    assert back == problem
    assert np.isnan(back.expert_comparisons["CEO"]["cost"].iloc[0, 1])


def test_blank_experts_sub_criteria_template_filled_by_each_expert(tmp_path: Path) -> None:
    path = write_template(tmp_path / "g.xlsx", DETAILED, experts=["Ann", "Bob"])
    wb = openpyxl.load_workbook(path)
    assert {"Ann - cost", "Ann - effort", "Bob - cost", "Bob - effort"} <= set(wb.sheetnames)
    errors = errors_at(path)
    assert set(errors) == {
        f"{sheet}!C2"
        for sheet in (
            "Comparisons Ann",
            "Comparisons Bob",
            "Ann - cost",
            "Ann - effort",
            "Bob - cost",
            "Bob - effort",
        )
    }
    assert errors["Bob - effort!C2"].startswith(
        "no judgments from expert 'Bob' for the sub-criteria of 'effort' ('documentation', "
    )
    base = load_scenario(DETAILED)
    for expert in ("Ann", "Bob"):
        for parent, title in ((None, f"Comparisons {expert}"), ("cost", f"{expert} - cost")):
            judgments = base.comparisons[parent].to_numpy()
            for i, j in zip(*np.triu_indices(len(judgments), k=1), strict=True):
                wb[title].cell(i + 2, j + 2, format_judgment(judgments[i, j]))
    wb["Ann - effort"]["C2"], wb["Ann - effort"]["D3"] = "2", "1/2"  # B2-D2 left missing
    wb["Bob - effort"]["C2"], wb["Bob - effort"]["D2"], wb["Bob - effort"]["D3"] = "1", "3", "3"
    wb.save(path)
    problem = read_workbook(path)
    assert problem.experts == ("Ann", "Bob") and problem.expert_weights is None
    for expert in ("Ann", "Bob"):
        for parent in (None, "cost"):
            pd.testing.assert_frame_equal(
                problem.expert_comparisons[expert][parent], base.comparisons[parent]
            )
    assert np.isnan(problem.expert_comparisons["Ann"]["effort"].iloc[0, 2])
    assert problem.expert_comparisons["Bob"]["effort"].iloc[0, 2] == 3


@pytest.mark.parametrize("aggregation", ["aij", "aip"])
def test_experts_sub_criteria_results_round_trip(
    tree_team_book: Path, tmp_path: Path, aggregation: str
) -> None:
    problem = read_workbook(tree_team_book)
    result = rank(problem, aggregation=aggregation)
    path = write_results(tmp_path / "r.xlsx", result)
    assert read_workbook(path) == problem == tree_team_problem()
    wb = openpyxl.load_workbook(path)
    cells = _rows(wb["Group"])
    flat = [v for row in cells for v in row if v is not None]
    assert any(isinstance(v, str) and v.startswith(aggregation.upper()) for v in flat)
    facts = {row[0]: row[1] for row in cells[:6] if row[0]}
    assert facts["Consensus S*"].startswith(f"{result.consensus:.3f} (")
    table = result.expert_priorities
    distance = np.linalg.norm(table.to_numpy() - result.weights.to_numpy(), axis=1)
    assert facts["Most deviating expert"].startswith(str(table.index[int(np.argmax(distance))]))
    # each expert's global leaf weights beside the group's
    heads = [k for k, row in enumerate(cells) if row[0] == "expert"]
    first = cells[heads[0]]
    assert first[:4] == ["expert", "expert weight", "highest CR", "verdict"]
    assert first[4:13] == list(problem.criterion_names)
    rows = {row[0]: row for row in cells[heads[0] + 1 : heads[0] + 4]}
    for expert in problem.experts:
        assert rows[expert][4:13] == pytest.approx(list(table.loc[expert]))
        worst = max(g.experts[expert].cr for g in result.group_by_parent.values())
        assert rows[expert][2] == pytest.approx(worst)
    assert rows["group"][4:13] == pytest.approx(list(result.weights))
    assert rows["Quality manager"][1] == pytest.approx(2 / 3)
    # every comparison matrix: each expert's local weights and CR, the group's, consensus
    assert len(heads) == 1 + len(result.group_by_parent)
    for head, (parent, group) in zip(heads[1:], result.group_by_parent.items(), strict=True):
        what = "(top level)" if parent is None else f"sub-criteria of {parent}"
        assert cells[head - 2][0] == f"Local weights: {what}"
        line = cells[head - 1][1]
        assert line.startswith(f"group CR {group.group.cr:.3f} (consistent)")
        assert f"consensus S* = {group.consensus:.3f}" in line
        assert cells[head][4:][: group.group.n] == list(problem.hierarchy.children(parent))
        block = {row[0]: row for row in cells[head + 1 : head + 4]}
        for expert, pri in group.experts.items():
            assert block[expert][2] == pytest.approx(pri.cr)
            assert block[expert][4 : 4 + pri.n] == pytest.approx(list(pri.weights))
        assert block["group"][2] == pytest.approx(group.group.cr)
        assert block["group"][4 : 4 + group.group.n] == pytest.approx(list(group.weights))
    assert cells[heads[2] - 2][1] == "sheets 'Quality manager - cost', 'CEO - cost'"
    summary = {r[0]: r[1] for r in _rows(wb["Summary"]) if r[0]}
    assert f"consensus S* = {result.consensus:.3f}" in summary["Experts"]
    consistency = {r[0]: r for r in _rows(wb["Consistency"]) if r and r[0]}
    assert consistency["sub-criteria of effort"][1] == (
        "group matrix of 'Quality manager - effort', 'CEO - effort'"
    )
    # the CEO's skipped cost comparison, completed
    completed = _rows(wb["Completed matrices"])
    labels = [row[0] for row in completed if row[0] and str(row[0]).startswith(("Expert", "Group"))]
    assert labels == ["Expert CEO: sub-criteria of cost"]  # the group matrix has the QM's
    k = next(i for i, row in enumerate(completed) if row[0] == "Expert CEO: sub-criteria of cost")
    assert completed[k + 1][1:4] == list(problem.hierarchy.children("cost"))
    assert completed[k + 2][2] == pytest.approx(
        result.group_by_parent["cost"].experts["CEO"].matrix[0, 1]
    )


@pytest.mark.parametrize(
    ("changes", "delete", "cell", "expect"),
    [
        (
            {},
            ("CEO - effort",),
            "Experts!A3",
            "expert 'CEO' compares the sub-criteria of 'effort' ('documentation', 'internal "
            "audits', 'surveillance and recertification') on a sheet of their own named "
            "'CEO - effort'; add it laid out like the Comparisons sheet: the sub-criteria's "
            "names in row 1 (B1:D1) and again in column A (A2:A4)",
        ),
        (
            {},
            ("Quality manager - cost", "Experts"),
            "Comparisons Quality manager!A1",
            "expert 'Quality manager' compares the sub-criteria of 'cost' (",
        ),
        (
            {"CEO - cost!D2": "lots"},
            (),
            "CEO - cost!D2",
            "a judgment must be a number such as 3 or 1/3 (got 'lots')",
        ),
        (
            {"CEO - effort!C2": 0},
            (),
            "CEO - effort!C2",
            "a judgment must be a positive number (got 0)",
        ),
        (
            {"CEO - effort!C2": "2", "CEO - effort!B3": "2"},
            (),
            "CEO - effort!B3",
            "'documentation' vs 'internal audits' is judged twice and the judgments disagree: "
            "2 in CEO - effort!C2 and 2 in CEO - effort!B3",
        ),
        (
            {"CEO - cost!D2": None, "CEO - cost!D3": None},
            (),
            "CEO - cost!C2",
            "no judgments from expert 'CEO' for the sub-criteria of 'cost' "
            "('certification-body fees', 'consultancy', 'internal staff time'): fill the "
            "upper triangle of this sheet",
        ),
        (
            {"Comparisons CEO!G1": "documentation"},
            (),
            "Comparisons CEO!G1",
            "'documentation' is a sub-criterion of 'effort': it is compared with its siblings "
            "on the sheet 'CEO - effort', not here",
        ),
        (
            {"CEO - cost!A3": "efficiency"},
            (),
            "CEO - cost!A3",
            "'efficiency' is a top-level criterion: it is compared with its siblings on the "
            "sheet 'Comparisons CEO', not here",
        ),
        (
            {"Quality manager - effort!D3": "=1/2"},
            (),
            "Quality manager - effort!D3",
            "holds the formula =1/2 but no calculated value",
        ),
    ],
)
def test_experts_sub_criteria_errors_name_sheet_and_cell(
    tree_team_book: Path, changes: dict, delete: tuple, cell: str, expect: str
) -> None:
    assert expect in reported_at(tree_team_book, changes, delete, cell)


def test_one_persons_sub_criteria_sheet_in_a_workbook_of_experts(tree_team_book: Path) -> None:
    wb = openpyxl.load_workbook(tree_team_book)
    plain = wb.copy_worksheet(wb["CEO - cost"])
    plain.title = "Sub-criteria cost"
    wb.save(tree_team_book)
    errors = errors_at(tree_team_book)
    assert list(errors) == ["Sub-criteria cost!D2"]  # its first judgment (C2 is empty)
    assert errors["Sub-criteria cost!D2"] == (
        "this sheet holds one person's comparisons of the sub-criteria of 'cost', but this "
        "workbook has several experts' sheets ('Comparisons <expert>'): each expert compares "
        "them on a sheet of their own ('Quality manager - cost', 'CEO - cost'); move the "
        "judgments there and delete this sheet"
    )
    for row in plain.iter_rows(min_row=2, min_col=2):
        for c in row:
            c.value = None
    wb.save(tree_team_book)
    assert read_workbook(tree_team_book) == tree_team_problem()  # an empty one is ignored


def test_completed_matrices_of_a_hierarchy_name_each_matrix_and_its_sub_criteria(
    tmp_path: Path,
) -> None:
    base = load_scenario(DETAILED)
    matrices = base.comparisons
    matrices["effort"].iloc[0, 1] = matrices["effort"].iloc[1, 0] = NAN
    result = rank(base.replace(comparisons=matrices))
    wb = openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))
    completed = _rows(wb["Completed matrices"])
    k = next(
        i for i, row in enumerate(completed) if row[0] == "Criteria (sheet Sub-criteria effort)"
    )
    assert completed[k + 1][1:4] == list(base.hierarchy.children("effort"))
    assert completed[k + 2][2] == pytest.approx(result.priorities_by_parent["effort"].matrix[0, 1])
    assert not any(row[0] == "Criteria (sheet Comparisons)" for row in completed)  # complete


def test_group_results_point_at_the_inconsistent_experts_own_judgments(tmp_path: Path) -> None:
    """Only typed judgments can be revised: the Consistency sheet lists the inconsistent
    expert's matrix, never the group matrix (a geometric mean nobody typed)."""
    wild = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]  # a cycle: CR far above 0.05
    problem = team_problem(experts={"Quality manager": QM, "CEO": wild})
    with pytest.warns(ConsistencyWarning):
        result = rank(problem)
    assert not result.group.experts["CEO"].consistent
    assert result.group.experts["Quality manager"].consistent
    wb = openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))
    rows = _rows(wb["Consistency"])
    headings = [r[0] for r in rows if isinstance(r[0], str) and r[0].startswith("Judgments")]
    assert headings == ["Judgments to revise first: the criteria, as judged by CEO"]
    start = [r[0] for r in rows].index(headings[0]) + 2
    names = ["quality", "cost", "speed"]
    for row in rows[start : start + 3]:  # each a judgment the CEO typed, not a group mean
        i, j = names.index(row[0]), names.index(row[1])
        assert row[2] == ("9" if wild[i][j] == 9 else "1/9")


def test_group_hierarchy_results_list_only_experts_matrices(
    tree_team_book: Path, tmp_path: Path
) -> None:
    edit(tree_team_book, {"CEO - cost!C2": "9", "CEO - cost!D2": "1/9", "CEO - cost!D3": "9"})
    with pytest.warns(ConsistencyWarning):
        result = rank(read_workbook(tree_team_book))
    wb = openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))
    headings = [
        r[0]
        for r in _rows(wb["Consistency"])
        if isinstance(r[0], str) and r[0].startswith("Judgments to revise")
    ]
    assert headings == ["Judgments to revise first: sub-criteria of cost, as judged by CEO"]


def test_sub_criteria_sheet_of_someone_who_is_not_an_expert(tree_team_book: Path) -> None:
    """A copy of an expert's sheet named for a person missing from Experts would be lost."""
    wb = openpyxl.load_workbook(tree_team_book)
    wb.copy_worksheet(wb["CEO - cost"]).title = "Sales - cost"
    wb.save(tree_team_book)
    errors = validate_workbook(tree_team_book)
    assert [e.cell for e in errors] == ["Sales - cost!A1"]
    assert "named like the comparisons of the sub-criteria of 'cost' by an expert 'Sales'" in (
        str(errors[0])
    )
    assert "'Sales' is not one of the experts (Quality manager, CEO)" in str(errors[0])
    del wb["Sales - cost"]
    wb.save(tree_team_book)
    assert validate_workbook(tree_team_book) == []


@pytest.mark.parametrize("book", ["team_book", "tree_team_book"])
def test_an_empty_comparisons_sheet_beside_the_experts_is_ignored(
    book: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(book)
    expected = read_workbook(path)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Comparisons")  # e.g. left over from a one-person template
    wb.save(path)
    assert validate_workbook(path) == []
    assert read_workbook(path) == expected
