"""Names entered once (issue 13): every label of a template is a formula copying the
Criteria and Alternatives sheets, cached when written, recalculated by LibreOffice when a
name changes; an empty formula is diagnosed for what really happened."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from mcda_iso import load_scenario, read_workbook, validate_workbook, write_template
from mcda_iso.cli import main
from mcda_iso.workbook.linked import formula_problem, label_value, name_formula
from tests.test_workbook_typed import _type


def test_labels_are_formulas_with_the_names_cached(tmp_path):
    path = write_template(tmp_path / "t.xlsx", "iso9001")
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    assert formulas["Performance"]["A4"].value == name_formula("Alternatives", 4)
    assert values["Performance"]["A4"].value == "Lean"
    assert formulas["Comparisons"]["E1"].value.startswith("=IF(OR(Criteria!$A$5=")
    assert values["Comparisons"]["E1"].value == values["Weights"]["A5"].value == "cost"
    # Room for three more criteria and alternatives, their labels empty for now.
    assert values["Comparisons"].max_column == 5 + 1 + 3
    assert formulas["Performance"]["A11"].value == name_formula("Alternatives", 11)
    assert "Room for 8 criteria: the 5 of the Criteria sheet and 3 more" in (
        formulas["Comparisons"]["A1"].comment.text
    )
    with zipfile.ZipFile(path) as archive:  # cached as Excel and LibreOffice cache text
        parts = [archive.read(n).decode() for n in archive.namelist() if "worksheets/" in n]
    assert any(
        't="str"><f>IF(Alternatives!$A$4="","",Alternatives!$A$4)</f><v>Lean</v>' in p
        for p in parts
    )


def test_a_template_saved_by_a_script_still_reads(tmp_path):
    """openpyxl drops the cached values on saving: the labels are read as Excel computes them."""
    path = write_template(tmp_path / "t.xlsx", "iso9001")
    wb = openpyxl.load_workbook(path)
    wb["Alternatives"]["A4"] = "Lean management"
    wb.save(path)
    problem = read_workbook(path)
    assert problem.alternative_names[2] == "Lean management"
    assert problem.performance.loc["Lean management"].tolist() == (
        load_scenario("iso9001").performance.loc["Lean"].tolist()
    )


@pytest.mark.parametrize(
    ("level", "parent", "expected"),
    [("all", None, "cost"), ("top", None, "cost"), ("top", "money", ""), ("leaf", None, "cost")],
)
def test_label_value_is_what_excel_calculates(level, parent, expected):
    from mcda_iso.workbook.cells import Sheet

    criteria = Sheet(
        "Criteria", [("name", "kind", "d", "u", "parent"), ("cost", "cost", None, None, parent)]
    )
    formula = name_formula("Criteria", 2, level, 10)
    assert label_value(formula, {"Criteria": criteria}.get) == expected
    assert label_value("=Criteria!A2", {"Criteria": criteria}.get) is None  # not ours


def test_the_diagnosis_says_what_happened():
    formula = name_formula("Criteria", 5, "leaf", 21)
    assert "no calculated value: the file was last saved by a program that does not calculate" in (
        formula_problem(formula, False, {}, {})
    )
    names = {"Criteria!A5": "cost"}
    grouped = formula_problem(formula, True, names, {"fees": "cost"})
    assert "shows nothing because 'cost' (Criteria!A5) has sub-criteria now" in grouped
    assert "is empty" in formula_problem(formula, True, {}, {})
    top = formula_problem(name_formula("Criteria", 5, "top"), True, names, {"cost": "money"})
    assert "is a sub-criterion of 'money'" in top and "'Sub-criteria money'" in top


def test_near_tie_of_the_issue_is_said(capsys):
    assert main(["example", "--profile", "small-business"]) == 0
    out = capsys.readouterr().out
    assert "Near tie: ISO 9001-aligned QMS (uncertified) (score 0.677)" in out
    assert "Status quo (score 0.664" in out


@pytest.mark.libreoffice
def test_renamed_names_flow_to_every_sheet_after_libreoffice_recalculates(tmp_path):
    template = write_template(tmp_path / "t.xlsx", "iso9001")
    typed = [
        ["type", "Alternatives!A4", "Lean management"],
        ["type", "Criteria!A5", "total cost"],
        # a new criterion and a new alternative in the next empty rows, and their values
        ["type", "Criteria!A7", "risk"],
        ["type", "Criteria!B7", "cost"],
        ["type", "Alternatives!A9", "ISO 14001"],
        *[["type", f"Performance!G{r}", "3"] for r in range(2, 10)],
        *[["type", f"Performance!{c}9", "5"] for c in "BCDEF"],
        ["type", "Comparisons!G2", "1/3"],
    ]
    saved = _type(template, "en-US", typed, tmp_path, "renamed")
    problem = read_workbook(saved)
    old = load_scenario("iso9001")
    assert problem.alternative_names[2] == "Lean management"
    assert problem.alternative_names[-1] == "ISO 14001"
    assert problem.criterion_names == (
        "credibility",
        "efficiency",
        "market access",
        "total cost",
        "effort",
        "risk",
    )
    assert (
        problem.performance.loc["Lean management"].tolist()[:5]
        == old.performance.loc["Lean"].tolist()
    )
    assert problem.comparisons.loc["credibility", "risk"] == pytest.approx(1 / 3)
    values = openpyxl.load_workbook(saved, data_only=True)
    assert values["Weights"]["A5"].value == values["Requirements"]["A5"].value == "total cost"


@pytest.mark.libreoffice
def test_a_group_added_in_libreoffice_is_diagnosed_as_such(tmp_path):
    """The issue's case: sub-criteria added to a workbook LibreOffice calculated. The cost
    column's label now shows nothing (a group has no column): said so, not 'not calculated'."""
    template = write_template(tmp_path / "t.xlsx", "iso9001")
    typed = [
        ["type", "Criteria!A7", "fees"],
        ["type", "Criteria!B7", "cost"],
        ["type", "Criteria!E7", "cost"],
    ]
    saved = _type(template, "en-US", typed, tmp_path, "grouped")
    errors = {e.cell: e.message for e in validate_workbook(saved)}
    message = errors["Performance!E1"]
    assert "shows nothing because 'cost' (Criteria!A5) has sub-criteria now" in message
    assert "type these values in the columns of the sub-criteria of 'cost'" in message
    assert "does not calculate" not in " ".join(errors.values())
    # Done as it says: the values go to the column of 'fees' (a spare column shows it).
    values = openpyxl.load_workbook(saved, data_only=True)["Performance"]
    assert values["G1"].value == "fees"
    moved = [["clear", f"Performance!E{r}", ""] for r in range(2, 9)]
    moved += [["type", f"Performance!G{r}", str(values[f"E{r}"].value)] for r in range(2, 9)]
    done = _type(saved, "en-US", moved, tmp_path, "moved")
    assert validate_workbook(done) == []
    problem = read_workbook(done)
    assert problem.hierarchy.children("cost") == ("fees",)
    assert (
        problem.performance["fees"].tolist()
        == load_scenario("iso9001").performance["cost"].tolist()
    )


@pytest.mark.libreoffice
def test_the_advice_for_a_formula_without_a_value_works(tmp_path):
    """A judgment typed as a formula by a script (openpyxl) has no value until a spreadsheet
    program calculates it: "open it in Excel or LibreOffice and save it"."""
    from tests.workbook_helpers import _convert

    path = write_template(tmp_path / "t.xlsx", "iso9001")
    wb = openpyxl.load_workbook(path)
    wb["Comparisons"]["D2"] = "=1/3"
    wb.save(path)
    errors = validate_workbook(path)
    assert [e.cell for e in errors] == ["Comparisons!D2"]
    assert "open it in Excel or LibreOffice and save it" in errors[0].message
    saved = _convert(path, "xlsx", tmp_path)
    assert validate_workbook(saved) == []
    assert read_workbook(saved).comparisons.loc["credibility", "market access"] == pytest.approx(
        1 / 3
    )


def test_a_blank_template_has_room_for_ten_criteria_per_matrix(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "blank.xlsx"))
    ws = wb["Comparisons"]
    assert ws.max_row == ws.max_column == 11  # 10 x 10, not the 20 x 20 of the Criteria rows
    assert "Room for 10 criteria: those in rows 2 to 11 of the Criteria sheet" in (
        ws["A1"].comment.text
    )
    assert ws["B1"].alignment.wrap_text and ws.row_dimensions[1].height >= 48  # not cut
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert any('OR($A2="",B$1="")' in r.formula[0] for r in rules)  # unnamed rows grey


def test_the_alternatives_note_is_about_alternatives(tmp_path):
    for scenario in (None, "iso9001"):
        wb = openpyxl.load_workbook(write_template(tmp_path / f"{scenario}.xlsx", scenario))
        note = wb["Alternatives"]["A1"].comment.text
        assert note.startswith("A unique name for each alternative") and "Criterion" not in note
