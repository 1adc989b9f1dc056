"""Tests of sub-criteria in workbooks: the 'Sub-criteria <parent>' sheets written, read and
reported.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from mcda_iso import (
    ConsistencyWarning,
    ProblemError,
    list_profiles,
    load_scenario,
    rank,
)
from mcda_iso.workbook import (
    read_workbook,
    validate_workbook,
    write_results,
    write_template,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        DETAILED,
        _convert,
        _judgment_text,
        edit,
        errors_at,
        reported_at,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        DETAILED,
        _convert,
        _judgment_text,
        edit,
        errors_at,
        reported_at,
    )


@pytest.mark.parametrize("profile", list(list_profiles(DETAILED)))
def test_hierarchy_template_round_trip_every_profile(tmp_path: Path, profile: str) -> None:
    path = write_template(tmp_path / "t.xlsx", scenario=DETAILED, profile=profile)
    assert read_workbook(path) == load_scenario(DETAILED, profile=profile)


def test_hierarchy_template_sheets(tree_book: Path) -> None:
    wb = openpyxl.load_workbook(tree_book, data_only=True)  # labels: formulas' values
    names = wb.sheetnames
    assert names[names.index("Comparisons") + 1 :][:2] == [
        "Sub-criteria cost",
        "Sub-criteria effort",
    ]
    crit = wb["Criteria"]
    assert crit["E1"].value == "parent" and crit["E1"].comment is not None
    assert [crit.cell(row=r, column=5).value for r in range(2, 13)] == (
        [None] * 4 + ["cost"] * 3 + [None] + ["effort"] * 3
    )
    # Performance has the leaves only; Comparisons the top-level criteria.
    perf_heads = [c.value for c in wb["Performance"][1]][1:]
    assert "cost" not in perf_heads and "certification-body fees" in perf_heads
    assert [c.value for c in wb["Comparisons"][1]][1:] == [
        "credibility",
        "efficiency",
        "market access",
        "cost",
        "effort",
        *[None] * 3,  # room for 3 more top-level criteria, typed in Criteria
    ]
    sub = wb["Sub-criteria cost"]
    assert sub["A1"].value == "cost"
    assert [sub.cell(row=1, column=c).value for c in (2, 3, 4)] == [
        "certification-body fees",
        "consultancy",
        "internal staff time",
    ]
    assert sub["D2"].value == "1/2"  # fees vs staff time, balanced profile
    assert sub["C2"].fill.fgColor.rgb.endswith("FFF2CC")


def test_hierarchy_results_workbook(tree_book: Path, tmp_path: Path) -> None:
    problem = read_workbook(tree_book)
    result = rank(problem)
    path = write_results(tmp_path / "r.xlsx", result)
    assert read_workbook(path) == problem
    wb = openpyxl.load_workbook(path)
    weights = wb["Weights"]
    heads = [c.value for c in weights[1]]
    assert heads[:5] == ["criterion", "parent", "local weight", "global weight", "leaf"]
    rows = {r[0]: r for r in weights.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(problem.hierarchy.names)
    for name, row in rows.items():
        assert row[1] == problem.hierarchy.parent(name)
        assert row[2] == pytest.approx(result.local_weights[name])
        assert row[3] == pytest.approx(result.global_weights[name])
        assert row[4] == ("yes" if name in problem.criterion_names else "no")
    consistency = {
        r[0]: r for r in wb["Consistency"].iter_rows(values_only=True) if r and r[0] is not None
    }
    for parent, pri in result.priorities_by_parent.items():
        label = "(top level)" if parent is None else f"sub-criteria of {parent}"
        row = consistency[label]
        assert row[1] == ("Comparisons" if parent is None else f"Sub-criteria {parent}")
        assert row[2] == pri.n and row[6] == pytest.approx(pri.cr)
        assert row[8] == "consistent"
    assert "every comparison matrix is within its CR threshold" in wb["Summary"]["B7"].value


def test_hierarchy_results_with_typed_local_weights(tmp_path: Path) -> None:
    problem = load_scenario(DETAILED).replace(
        weights={n: 1 + k for k, n in enumerate(load_scenario(DETAILED).hierarchy.names)}
    )
    path = write_template(tmp_path / "w.xlsx", problem)
    assert read_workbook(path) == problem
    results = write_results(tmp_path / "r.xlsx", rank(problem))
    assert read_workbook(results) == problem


def test_inconsistent_sub_matrix_marked_in_results(tree_book: Path, tmp_path: Path) -> None:
    edit(tree_book, {"Sub-criteria cost!C2": "9", "Sub-criteria cost!D2": "1/9"})
    with pytest.warns(ConsistencyWarning, match="sub-criteria of 'cost'"):
        result = rank(read_workbook(tree_book))
    wb = openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))
    summary = wb["Summary"]["B7"]
    assert "INCONSISTENT" in summary.value and "sub-criteria of 'cost'" in summary.value
    assert summary.fill.fgColor.rgb.endswith("FFC7CE")
    texts = [c.value for row in wb["Consistency"].iter_rows() for c in row if c.value]
    assert "Judgments to revise first: sub-criteria of cost" in texts


@pytest.mark.parametrize(
    ("changes", "delete", "where", "pattern"),
    [
        (
            {"Criteria!E6": "costs"},
            (),
            "Criteria!E6",
            "criterion 'certification-body fees' has unknown parent 'costs'",
        ),
        (
            {"Criteria!E5": "consultancy"},
            (),
            "Criteria!E5",
            "criteria 'cost' -> 'consultancy' -> 'cost' form a cycle of parents",
        ),
        (
            {"Criteria!E2": "credibility"},
            (),
            "Criteria!E2",
            "criterion 'credibility' cannot be its own parent",
        ),
        (
            {},
            ("Sub-criteria effort",),
            "Criteria!E10",  # the first sub-criterion of 'effort' names its parent here
            r"^'effort' has sub-criteria \('documentation', 'internal audits', "
            r"'surveillance and recertification'\), so their pairwise comparisons need a "
            r"sheet named 'Sub-criteria effort'; add it laid out like the Comparisons sheet: "
            r"the sub-criteria's names in row 1 \(B1:D1\) and again in column A \(A2:A4\)",
        ),
        (
            {"Sub-criteria cost!C2": "lots"},
            (),
            "Sub-criteria cost!C2",
            "must be a number such as 3 or 1/3",
        ),
        (
            {
                "Sub-criteria cost!C2": None,
                "Sub-criteria cost!D2": None,
                "Sub-criteria cost!D3": None,
            },
            (),
            "Sub-criteria cost!C2",
            "no judgments for the sub-criteria of 'cost'",
        ),
        (
            {"Sub-criteria effort!B1": "audits"},
            (),
            "Sub-criteria effort!B1",
            "unknown criterion 'audits'",
        ),
        (
            {"Comparisons!F1": "documentation"},
            (),
            "Comparisons!F1",
            "'documentation' is a sub-criterion of 'effort': it is compared with its siblings "
            "on the sheet 'Sub-criteria effort', not here",
        ),
        (
            {"Sub-criteria cost!A3": "efficiency"},
            (),
            "Sub-criteria cost!A3",
            "'efficiency' is a top-level criterion: it is compared with its siblings on the "
            "Comparisons sheet",
        ),
        (
            {"Performance!E1": "cost"},
            (),
            "Performance!E1",
            "performance given for 'cost', which has sub-criteria",
        ),
    ],
)
def test_hierarchy_workbook_errors_name_sheet_and_cell(
    tree_book: Path, changes: dict, delete: tuple, where: str, pattern: str
) -> None:
    message = reported_at(tree_book, changes, delete, where)
    assert re.search(pattern, message), message


def test_sub_criteria_judgments_without_top_level_comparisons(tree_book: Path) -> None:
    """Typed weights are used when Comparisons is empty; judged sub-criteria are then an error."""
    wb = openpyxl.load_workbook(tree_book)
    ws = wb["Comparisons"]
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if cell.row - 1 < cell.column - 1:
                cell.value = None
    weights = wb["Weights"]
    for r in range(2, 13):
        weights.cell(row=r, column=2).value = 1
    wb.save(tree_book)
    errors = errors_at(tree_book)
    assert list(errors) == ["Sub-criteria cost!C2", "Sub-criteria effort!C2"]
    assert "the top-level Comparisons sheet is empty" in errors["Sub-criteria cost!C2"]
    edit(tree_book, {}, delete=("Sub-criteria cost", "Sub-criteria effort"))
    problem = read_workbook(tree_book)
    assert problem.comparisons is None
    assert problem.weights.index.tolist() == list(problem.hierarchy.names)


def test_blank_template_has_an_optional_parent_column(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "blank.xlsx"))
    crit = wb["Criteria"]
    assert [c.value for c in crit[1]] == ["name", "kind", "description", "unit", "parent"]
    assert "Leave it empty for a top-level criterion" in crit["E1"].comment.text
    (parents,) = [dv for dv in crit.data_validations.dataValidation if "E2" in str(dv.sqref)]
    assert parents.type == "list" and parents.formula1 == "$A$2:$A$21"
    assert str(parents.sqref) == "E2:E21"
    # A flat pre-filled template has the column too, empty: nothing changes when read back.
    flat = openpyxl.load_workbook(write_template(tmp_path / "flat.xlsx", scenario="iso9001"))
    assert flat["Criteria"]["E1"].value == "parent"
    assert {flat["Criteria"].cell(r, 5).value for r in range(2, 20)} == {None}


@pytest.mark.libreoffice
def test_blank_template_grows_a_hierarchy_as_validate_says(tmp_path: Path) -> None:
    """From a blank template to sub-criteria, the way a user without the detailed scenario
    would: fill Criteria with parents, let LibreOffice calculate the labels, then add each
    sheet validate asks for, laid out exactly as its message says."""
    expected = load_scenario(DETAILED, profile="balanced")
    tree = expected.hierarchy
    every = list(expected.all_criteria)
    pos = {c.name: k + 2 for k, c in enumerate(every)}  # Criteria row = label column and row
    path = write_template(tmp_path / "draft.xlsx")
    wb = openpyxl.load_workbook(path)
    for c in every:
        for col, value in enumerate((c.name, c.kind, c.description, c.unit, c.parent), start=1):
            wb["Criteria"].cell(pos[c.name], col, value or None)
    for r, a in enumerate(expected.alternatives, start=2):
        wb["Alternatives"].cell(r, 1, a.name)
        wb["Alternatives"].cell(r, 2, a.description or None)
    for j, name in enumerate(expected.criterion_names):
        for i, value in enumerate(expected.matrix[:, j]):
            wb["Performance"].cell(i + 2, pos[name], float(value))
    top = list(tree.children(None))
    judged = np.asarray(expected.comparisons[None], dtype=float)
    for i, j in zip(*np.triu_indices(len(top), k=1), strict=True):
        wb["Comparisons"].cell(pos[top[i]], pos[top[j]], _judgment_text(judged[i, j]))
    wb.save(path)
    calculated = _convert(path, "xlsx", tmp_path)
    labels = openpyxl.load_workbook(calculated, data_only=True)
    heads = [c.value for c in labels["Performance"][1][1:] if c.value]
    assert heads == list(expected.criterion_names)  # the groups have no column
    assert [c.value for c in labels["Comparisons"][1][1:] if c.value] == top
    errors = validate_workbook(calculated)
    first_child = {p: pos[tree.children(p)[0]] for p in ("cost", "effort")}
    assert [e.cell for e in errors] == [f"Criteria!E{first_child[p]}" for p in ("cost", "effort")]
    for error in errors:
        title = re.search(r"need a sheet named '([^']+)'", error.message)[1]
        parent = title.removeprefix("Sub-criteria ")
        kids = list(tree.children(parent))
        ws = wb.create_sheet(title)
        ws["A1"] = parent
        for k, name in enumerate(kids):
            ws.cell(1, k + 2, name)
            ws.cell(k + 2, 1, name)
        judged = np.asarray(expected.comparisons[parent], dtype=float)
        for i, j in zip(*np.triu_indices(len(kids), k=1), strict=True):
            ws.cell(i + 2, j + 2, _judgment_text(judged[i, j]))
    wb.save(tmp_path / "done.xlsx")
    assert read_workbook(_convert(tmp_path / "done.xlsx", "xlsx", tmp_path)) == expected


def test_uncalculated_formula_in_a_sub_criteria_sheet(tree_book: Path) -> None:
    edit(tree_book, {"Sub-criteria effort!D2": "=1/2"})  # openpyxl stores no cached value
    errors = errors_at(tree_book)
    assert "holds the formula =1/2 but no calculated value" in errors["Sub-criteria effort!D2"]


def test_hierarchy_with_a_leaf_rated_pairwise_round_trips(tmp_path: Path) -> None:
    base = load_scenario(DETAILED)
    n = len(base.alternative_names)
    ratings = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            ratings[i, j] = 2.0 if (i + j) % 2 else 0.5
            ratings[j, i] = 1 / ratings[i, j]
    data = [c for c in base.criterion_names if c != "consultancy"]
    problem = base.replace(
        performance=base.performance[data], alternative_comparisons={"consultancy": ratings}
    )
    path = write_template(tmp_path / "rated.xlsx", problem)
    assert read_workbook(path) == problem


def test_results_summary_names_the_judgment_scale(tree_book: Path, tmp_path: Path) -> None:
    result = rank(read_workbook(tree_book), scale="geometric")
    wb = openpyxl.load_workbook(write_results(tmp_path / "g.xlsx", result))
    source = wb["Summary"]["B6"].value
    assert "read on the geometric scale" in source
    assert "global weights of the sub-criteria" in source


def test_template_with_alternatives_to_compare_pairwise(tmp_path: Path) -> None:
    path = write_template(
        tmp_path / "ahp.xlsx", "iso9001", compare_alternatives=["credibility", "market access"]
    )
    wb = openpyxl.load_workbook(path)
    assert {"Alternatives credibility", "Alternatives market access"} <= set(wb.sheetnames)
    assert wb["Performance"]["B2"].value is None and wb["Performance"]["C2"].value is not None
    errors = errors_at(path)  # the comparisons to fill, one error per sheet (issue 13)
    assert list(errors) == ["Alternatives credibility!C2", "Alternatives market access!C2"]
    alternatives = load_scenario("iso9001").alternative_names
    v = np.arange(1.0, len(alternatives) + 1)
    for title in ("Alternatives credibility", "Alternatives market access"):
        for i, j in zip(*np.triu_indices(len(v), k=1), strict=True):
            wb[title].cell(i + 2, j + 2, float(v[i] / v[j]))
    wb.save(path)
    problem = read_workbook(path)
    assert list(problem.alternative_comparisons) == ["credibility", "market access"]
    # the ranking derives the local priorities (consistent judgments: proportional to v)
    np.testing.assert_allclose(rank(problem).matrix["credibility"], v / v.sum())


@pytest.mark.parametrize(
    ("scenario", "compare", "pattern"),
    [
        (None, ["cost"], "compare_alternatives needs a scenario or a Problem"),
        ("iso9001", ["price"], "compare_alternatives names unknown criterion 'price'"),
    ],
)
def test_template_compare_alternatives_checked(
    tmp_path: Path, scenario: str | None, compare: list[str], pattern: str
) -> None:
    with pytest.raises(ProblemError, match=pattern):
        write_template(tmp_path / "x.xlsx", scenario, compare_alternatives=compare)
