"""Tests for mcda_iso.workbook.reader, cells and inputs: every mistake reported at its sheet and
cell.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from mcda_iso import (
    WorkbookError,
    rank,
)
from mcda_iso.workbook import (
    read_workbook,
    validate_workbook,
    write_results,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        _with_cached_value,
        edit,
        errors_at,
        rewrite_zip,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        _with_cached_value,
        edit,
        errors_at,
        rewrite_zip,
    )


def test_missing_sheet(template: Path) -> None:
    edit(template, {}, delete=("Criteria",))
    (error,) = validate_workbook(template)
    assert (error.sheet, error.cell) == ("Criteria", None)
    assert "missing sheet 'Criteria'" in error.message


def test_missing_header(template: Path) -> None:
    edit(template, {"Criteria!B1": "type"})
    errors = errors_at(template)
    assert "missing header 'kind'" in errors["Criteria!B1"]
    assert "'type'" in errors["Criteria!B1"]


@pytest.mark.parametrize(
    ("cell", "value", "expect"),
    [
        ("Performance!C1", "efficency", "unknown criterion 'efficency'"),
        ("Performance!A3", "Lean Six", "unknown alternative 'Lean Six'"),
        ("Comparisons!D1", "costs", "unknown criterion 'costs'"),
        ("Comparisons!A3", "eficiency", "unknown criterion 'eficiency'"),
    ],
)
def test_unknown_name_in_header(template: Path, cell: str, value: str, expect: str) -> None:
    edit(template, {cell: value})
    errors = errors_at(template)
    assert expect in errors[cell]


def test_missing_column_is_reported_where_to_add_it(template: Path) -> None:
    edit(template, {"Performance!F1": None})
    errors = errors_at(template)
    assert "no column for criterion 'effort'" in errors["Performance!F1"]


@pytest.mark.parametrize(
    ("cell", "value", "expect"),
    [
        (
            "Criteria!A3",
            "credibility",
            "duplicate criterion name 'credibility' (already in Criteria!A2)",
        ),
        (
            "Alternatives!A5",
            "Lean",
            "duplicate alternative name 'Lean' (already in Alternatives!A4)",
        ),
        ("Performance!A3", "ISO 9001 certification", "duplicate alternative"),
    ],
)
def test_duplicate_names(template: Path, cell: str, value: str, expect: str) -> None:
    edit(template, {cell: value})
    assert expect in errors_at(template)[cell]


@pytest.mark.parametrize(
    ("cell", "expect"),
    [
        ("Criteria!B3", "criterion 'efficiency' has no kind"),
        ("Criteria!A3", "empty criterion name"),
        ("Alternatives!A3", "empty alternative name"),
        ("Performance!C4", "expected a number for 'Lean' on 'efficiency', found an empty cell"),
    ],
)
def test_empty_required_cells(template: Path, cell: str, expect: str) -> None:
    edit(template, {cell: None})
    assert expect in errors_at(template)[cell]


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        ("high", "found the text 'high'"),
        ("1,500", "'1,500' is ambiguous"),  # a number stored as text ("7", "7,5") is read
        (True, "the logical value TRUE"),
        ("#DIV/0!", "the error value #DIV/0!"),
        (datetime(2024, 1, 3), "a date"),
    ],
)
def test_non_numeric_performance(template: Path, value: object, expect: str) -> None:
    edit(template, {"Performance!C4": value})
    assert expect in errors_at(template)["Performance!C4"]


def test_unknown_kind(template: Path) -> None:
    edit(template, {"Criteria!B4": "benefits"})
    message = errors_at(template)["Criteria!B4"]
    assert "unknown kind" in message and "'benefit' (more is better)" in message


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        (0, "positive"),
        (-3, "positive"),
        ("0", "positive"),
        ("1/0", "divide by zero"),
        ("three", "such as 3 or 1/3"),
        (datetime(2024, 1, 3), "found the date 3 January 2024"),  # not typed recently
    ],
)
def test_bad_judgments(template: Path, value: object, expect: str) -> None:
    edit(template, {"Comparisons!D2": value})
    assert expect in errors_at(template)["Comparisons!D2"]


def test_out_of_scale_judgments_only_when_strict(template: Path) -> None:
    edit(template, {"Comparisons!D2": 12, "Comparisons!E2": "2.5"})
    assert validate_workbook(template) == []
    assert read_workbook(template).comparisons.loc["credibility", "market access"] == 12
    errors = errors_at(template, strict_scale=True)
    assert set(errors) == {"Comparisons!D2", "Comparisons!E2"}
    assert "not on Saaty's scale" in errors["Comparisons!D2"]
    with pytest.raises(WorkbookError) as info:
        read_workbook(template, strict_scale=True)
    assert info.value.cell == "Comparisons!D2"


def test_inconsistent_full_matrix_names_both_cells(template: Path) -> None:
    edit(template, {"Comparisons!D2": 3, "Comparisons!B4": 3})
    (error,) = validate_workbook(template)
    assert error.cell == "Comparisons!B4"
    assert "Comparisons!D2" in error.message and "Comparisons!B4" in error.message
    assert "expected 1/3" in error.message


def test_diagonal_must_be_one(template: Path) -> None:
    edit(template, {"Comparisons!C3": 2})
    assert "compared with itself must be 1" in errors_at(template)["Comparisons!C3"]


def test_formula_without_cached_value(template: Path) -> None:
    edit(template, {"Comparisons!D2": "=1/3", "Performance!C4": "=2+3"})
    errors = errors_at(template)
    assert "formula =1/3 but no calculated value" in errors["Comparisons!D2"]
    assert "formula =2+3 but no calculated value" in errors["Performance!C4"]


def test_several_errors_collected_at_once(template: Path) -> None:
    edit(
        template,
        {
            "Criteria!B3": "maybe",
            "Performance!C4": "x",
            "Comparisons!D2": -1,
            "Requirements!B2": 9,
            "Requirements!C2": 3,
        },
    )
    with pytest.raises(WorkbookError) as info:
        read_workbook(template)
    error = info.value
    cells = [e.cell for e in error.errors]
    assert cells == ["Criteria!B3", "Performance!C4", "Comparisons!D2", "Requirements!C2"]
    assert (error.sheet, error.cell) == ("Criteria", "Criteria!B3")
    assert "4 problems found" in str(error)
    assert "Performance!C4: expected a number" in str(error)


def test_both_or_neither_preference_sheet(template: Path) -> None:
    edit(template, {"Weights!B3": 2})
    errors = errors_at(template)
    assert "both the Comparisons sheet" in errors["Weights!B3"]
    cleared = {
        f"Comparisons!{c}": None
        for c in ("C2", "D2", "E2", "F2", "D3", "E3", "F3", "E4", "F4", "F5")
    }
    edit(template, {**cleared, "Weights!B3": None})
    assert "no preferences given" in errors_at(template)["Comparisons!C2"]
    edit(template, {f"Weights!B{r}": 1 for r in range(2, 7)})
    problem = read_workbook(template)
    assert problem.comparisons is None and list(problem.weights) == [1.0] * 5


def test_weight_errors(template: Path) -> None:
    cleared = {
        f"Comparisons!{c}": None
        for c in ("C2", "D2", "E2", "F2", "D3", "E3", "F3", "E4", "F4", "F5")
    }
    edit(
        template,
        {
            **cleared,
            "Weights!B2": 1,
            "Weights!B3": -1,
            "Weights!B4": "x",
            "Weights!A5": "speed",
            "Weights!B5": 1,
        },
    )
    errors = errors_at(template)
    assert "cannot be negative" in errors["Weights!B3"]
    assert "found the text 'x'" in errors["Weights!B4"]
    assert "unknown criterion 'speed'" in errors["Weights!A5"]
    assert "empty cell" in errors["Weights!B6"]


def test_requirement_errors(template: Path) -> None:
    edit(
        template,
        {
            "Requirements!B2": 8,
            "Requirements!C2": 2,
            "Requirements!A3": "speed",
            "Requirements!B3": 1,
            "Requirements!B4": "high",
        },
    )
    errors = errors_at(template)
    assert "below the minimum 8" in errors["Requirements!C2"]
    assert "unknown criterion 'speed'" in errors["Requirements!A3"]
    assert "found the text 'high'" in errors["Requirements!B4"]


def test_requirements_screen_alternatives(template: Path) -> None:
    edit(template, {"Requirements!C6": 6})  # effort at most 6
    problem = read_workbook(template)
    assert problem.requirements.loc["effort", "maximum"] == 6
    assert "Six Sigma" in rank(problem).screening.reasons


def test_formula_cached_values_are_used(template: Path) -> None:
    # Comparisons is the 5th sheet, Performance the 4th; D2 = credibility vs market access.
    edit(template, {"Comparisons!D2": "=1/3", "Performance!C4": "=2+3"})
    cached = _with_cached_value(template, "xl/worksheets/sheet5.xml", "1/3", "0.333333333333333")
    cached = _with_cached_value(cached, "xl/worksheets/sheet4.xml", "2+3", "5")
    assert validate_workbook(cached) == []
    problem = read_workbook(cached)
    assert problem.comparisons.loc["credibility", "market access"] == pytest.approx(1 / 3)
    assert problem.comparisons.loc["market access", "credibility"] == pytest.approx(3)
    assert problem.performance.loc["Lean", "efficiency"] == 5


def test_formula_error_value_is_reported(template: Path) -> None:
    edit(template, {"Performance!C4": "=1/0"})
    with zipfile.ZipFile(template) as z:
        xml = z.read("xl/worksheets/sheet4.xml")
    xml = xml.replace(b'<c r="C4"', b'<c t="e" r="C4"', 1).replace(
        b"<f>1/0</f><v />", b"<f>1/0</f><v>#DIV/0!</v>"
    )
    bad = rewrite_zip(template, template.with_name("err.xlsx"), {"xl/worksheets/sheet4.xml": xml})
    assert "the error value #DIV/0!" in errors_at(bad)["Performance!C4"]


def test_empty_comparison_cell_is_a_missing_judgment(template: Path) -> None:
    edit(template, {"Comparisons!C2": None, "Comparisons!F3": None})
    problem = read_workbook(template)
    assert np.isnan(problem.comparisons.iloc[0, 1]) and np.isnan(problem.comparisons.iloc[1, 4])
    result = rank(problem)
    assert result.ahp is not None and result.ahp.missing is not None
    path = write_results(template.with_name("iso-results.xlsx"), result)
    assert read_workbook(path) == problem  # inferred values are not read back as judgments
    ws = openpyxl.load_workbook(path)["Completed matrices"]
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row if c.value is not None}
    inferred = [c for c in cells.values() if c.comment and "inferred" in c.comment.text]
    assert len(inferred) == 4  # two judgments and their reciprocals
    assert all(c.font.i and c.fill.start_color.rgb.endswith("E4DFEC") for c in inferred)
    values = sorted(float(c.value) for c in inferred)
    completed = result.ahp.matrix
    expected = sorted([completed[0, 1], completed[1, 0], completed[1, 4], completed[4, 1]])
    assert values == pytest.approx(expected)
    given = [c for c in cells.values() if c.comment is None and c.font.i]
    assert not given


def test_cut_off_criteria_are_named_with_sheet_and_cell(template: Path) -> None:
    # 'effort' (row/column 6) loses every judgment: cut off from the other criteria
    edit(template, {"Comparisons!F2": None, "Comparisons!F3": None, "Comparisons!F4": None})
    edit(template, {"Comparisons!F5": None})
    errors = errors_at(template)
    assert list(errors) == ["Comparisons!F2"]
    assert errors["Comparisons!F2"].startswith(
        "no judgment links 'effort' with 'credibility', 'efficiency', 'market access', 'cost'"
    )


def test_judgments_that_leave_criteria_unlinked(template: Path) -> None:
    cleared = {
        f"Comparisons!{c}": None
        for c in ("C2", "D2", "E2", "F2", "D3", "E3", "F3", "E4", "F4", "F5")
    }
    # credibility-efficiency and cost-effort are judged; market access is linked to neither.
    edit(template, {**cleared, "Comparisons!C2": 3, "Comparisons!F5": "1/2"})
    errors = errors_at(template)
    assert set(errors) == {"Comparisons!D2", "Comparisons!E2"}
    assert errors["Comparisons!D2"].startswith(
        "no judgment links 'market access' with 'credibility', 'efficiency'"
    )
    assert "('credibility' vs 'cost')" in errors["Comparisons!E2"]
    edit(template, {"Comparisons!D2": 5, "Comparisons!E4": 2})
    assert validate_workbook(template) == []
    assert np.isnan(read_workbook(template).comparisons.loc["credibility", "cost"])


def _imports(module: str) -> set[str]:
    """The mcda_iso and openpyxl modules a module of the package imports (by reading it)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("module", ["layout", "source", "cells", "inputs", "groups", "reader"])
def test_the_reader_imports_nothing_from_ranking_or_sensitivity(module: str) -> None:
    imported = _imports(f"mcda_iso.workbook.{module}")
    above = {m for m in imported if m.startswith(("mcda_iso.ranking", "mcda_iso.sensitivity"))}
    assert not above, above
    assert not {m for m in imported if m.startswith("mcda_iso.workbook.results")}


@pytest.mark.parametrize("book", ["template", "tree_team_book"])
def test_the_reader_opens_the_file_once(
    book: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One open of the file and of its zip archive per read or validation, whatever the
    sheets (experts' and sub-criteria sheets included)."""
    template = request.getfixturevalue(book)
    import zipfile

    opened: list[object] = []
    real_open, real_zip = Path.open, zipfile.ZipFile

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    def counting_zip(*args: object, **kwargs: object) -> object:
        opened.append("archive")
        return real_zip(*args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    monkeypatch.setattr(zipfile, "ZipFile", counting_zip)
    validate_workbook(template)
    assert opened == [template, "archive"]
    opened.clear()
    read_workbook(template)
    assert opened == [template, "archive"]


def test_reading_a_workbook_loads_neither_ranking_nor_sensitivity(template: Path) -> None:
    """The reader stands below the ranking: reading (in a fresh interpreter) imports
    neither mcda_iso.ranking nor mcda_iso.sensitivity; writing results does."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mcda_iso.workbook import read_workbook\n"
        f"read_workbook({str(template)!r})\n"
        "print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('mcda_iso.')}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout
    assert "'ranking'" not in loaded and "'sensitivity'" not in loaded, loaded
    assert "'workbook'" in loaded
