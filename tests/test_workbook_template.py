"""Tests for mcda_iso.workbook.template and input_sheets: the template written, its look, round
trips.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcda_iso import (
    Criterion,
    Problem,
    list_profiles,
    load_scenario,
)
from mcda_iso.scale import SAATY_WORDS, format_judgment
from mcda_iso.workbook import (
    SHEETS,
    read_workbook,
    validate_workbook,
    write_template,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        _convert,
        edit,
        small_problem,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        _convert,
        edit,
        small_problem,
    )


@pytest.mark.parametrize("profile", list(list_profiles("iso9001")))
def test_template_round_trip_every_profile(tmp_path: Path, profile: str) -> None:
    path = write_template(tmp_path / "t.xlsx", scenario="iso9001", profile=profile)
    assert read_workbook(path) == load_scenario("iso9001", profile=profile)


def test_round_trip_weights_and_requirements(tmp_path: Path) -> None:
    problem = small_problem(requirements={"cost": {"maximum": 4.5}, "quality": (1, None)})
    path = write_template(tmp_path / "w.xlsx", problem)
    assert read_workbook(path) == problem


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(
        st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=6, max_size=6
    ),
    judgments=st.lists(st.sampled_from([1 / 9, 0.25, 1 / 3, 1.0, 2.0, 7.0, 2.5]), min_size=3),
)
def test_round_trip_property(tmp_path_factory, values: list[float], judgments: list[float]) -> None:
    names = ["a", "=b", "c"]
    matrix = np.ones((3, 3))
    for (i, j), v in zip([(0, 1), (0, 2), (1, 2)], judgments, strict=False):
        matrix[i, j], matrix[j, i] = v, 1 / v
    problem = Problem(
        [Criterion(n, "benefit") for n in names],
        ["x", "y"],
        np.array(values).reshape(2, 3),
        comparisons=matrix,
    )
    path = write_template(tmp_path_factory.mktemp("p") / "p.xlsx", problem)
    assert read_workbook(path) == problem


def test_fraction_text_and_full_reciprocal_matrix(template: Path) -> None:
    # Rows/columns: credibility, efficiency, market access, cost, effort. Both triangles filled.
    edit(
        template,
        {
            "Comparisons!E2": "1/3",
            "Comparisons!B5": 3,
            "Comparisons!D2": 3,
            "Comparisons!B4": "0.333",
        },
    )
    problem = read_workbook(template)
    c = problem.comparisons
    assert c.loc["credibility", "cost"] == pytest.approx(1 / 3)
    assert c.loc["cost", "credibility"] == pytest.approx(3)
    assert c.loc["credibility", "market access"] == 3


def test_pandas_reads_the_same_performance(template: Path) -> None:
    frame = pd.read_excel(template, sheet_name="Performance", index_col=0, engine="openpyxl")
    expected = load_scenario("iso9001", profile="balanced").performance
    np.testing.assert_array_equal(frame.to_numpy(dtype=float), expected.to_numpy())
    assert list(frame.columns) == list(expected.columns)


def test_template_sheets_and_look(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert tuple(wb.sheetnames) == SHEETS
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes in ("A2", "B2"), name
        assert ws["A1"].font.b, name
        assert ws["A1"].comment is not None, name
        assert ws.column_dimensions["A"].width >= 10, name
    crit = wb["Criteria"]
    kinds = [dv for dv in crit.data_validations.dataValidation if "B2" in str(dv.sqref)]
    assert kinds and kinds[0].formula1 == '"benefit,cost"'
    comp = wb["Comparisons"]
    (judg,) = comp.data_validations.dataValidation
    assert judg.type == "list"
    assert judg.formula1 == '"1/9,1/8,1/7,1/6,1/5,1/4,1/3,1/2,1,2,3,4,5,6,7,8,9"'
    assert "C2" in str(judg.sqref) and "B3" in str(judg.sqref)
    # Input cells are marked: the upper triangle and the performance values are yellow.
    assert comp["C2"].fill.fgColor.rgb.endswith("FFF2CC")
    assert comp["B3"].fill.fgColor.rgb.endswith("EDEDED")
    assert wb["Performance"]["B2"].fill.fgColor.rgb.endswith("FFF2CC")
    assert comp["C2"].number_format == "@"  # "1/3" stays text, not a date
    text = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
    for words in SAATY_WORDS.values():
        assert words in text
    assert "illustrative" in text


def test_blank_template_reports_what_to_fill(tmp_path: Path) -> None:
    path = write_template(tmp_path / "blank.xlsx")
    cells = [e.cell for e in validate_workbook(path)]
    assert cells == ["Criteria!A2", "Alternatives!A2", "Comparisons!C2"]
    wb = openpyxl.load_workbook(path)
    perf, comp = wb["Performance"]["B1"].value, wb["Comparisons"]["B1"].value
    assert perf.startswith("=IF(") and perf.endswith(',"",Criteria!$A$2)')
    assert "Criteria!$E$2:$E$21=Criteria!$A$2" in perf  # a group (someone's parent): no column
    assert 'Criteria!$E$2<>""' in comp  # Comparisons: the top-level criteria only
    assert wb["Weights"]["A2"].value == '=IF(Criteria!$A$2="","",Criteria!$A$2)'  # every one


def test_problem_from_pandas_frames_of_the_workbook(tmp_path: Path) -> None:
    problem = small_problem(requirements={"cost": {"maximum": 4.5}, "quality": (1, None)})
    path = write_template(tmp_path / "w.xlsx", problem)
    frames = {
        name: frame.dropna(how="all")
        for name, frame in pd.read_excel(path, sheet_name=None, engine="openpyxl").items()
    }
    rebuilt = Problem.from_frames(
        frames["Performance"].set_index("alternative"),
        frames["Criteria"],
        weights=frames["Weights"].set_index("criterion")["weight"],
        requirements=frames["Requirements"].set_index("criterion"),
        alternatives=frames["Alternatives"],
    )
    assert rebuilt == problem == read_workbook(path)


def test_template_headers_all_have_notes_and_inputs_are_marked(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    for name in ("Criteria", "Alternatives", "Weights", "Requirements"):
        ws = wb[name]
        for cell in ws[1]:
            if cell.value:
                assert cell.font.b and cell.comment is not None, (name, cell.coordinate)
        assert ws["B2"].fill.fgColor.rgb.endswith("FFF2CC"), name
    weights = wb["Weights"].data_validations.dataValidation
    assert weights[0].type == "decimal" and weights[0].operator == "greaterThanOrEqual"
    widths = [wb["Criteria"].column_dimensions[c].width for c in "ABCD"]
    assert all(8 <= w <= 60 for w in widths) and widths[2] > widths[1]


@pytest.mark.libreoffice
def test_template_filled_and_saved_by_libreoffice(tmp_path: Path) -> None:
    """A blank template filled in, its label formulas calculated and cached by LibreOffice."""
    expected = load_scenario("iso9001", profile="small-business")
    blank = write_template(tmp_path / "filled.xlsx")
    wb = openpyxl.load_workbook(blank)
    for r, c in enumerate(expected.criteria, start=2):
        for col, value in enumerate((c.name, c.kind, c.description, c.unit), start=1):
            wb["Criteria"].cell(r, col, value or None)
    for r, a in enumerate(expected.alternatives, start=2):
        wb["Alternatives"].cell(r, 1, a.name)
        wb["Alternatives"].cell(r, 2, a.description or None)
    for (i, j), value in np.ndenumerate(expected.matrix):
        wb["Performance"].cell(i + 2, j + 2, float(value))
    judgments = expected.comparisons.to_numpy()
    for i, j in zip(*np.triu_indices(len(judgments), k=1), strict=True):
        wb["Comparisons"].cell(i + 2, j + 2, format_judgment(judgments[i, j]))
    wb.save(blank)
    # As saved by openpyxl, the names in Performance and Comparisons are uncalculated
    # formulas: the template's own label formulas are read as Excel calculates them.
    assert validate_workbook(blank) == []
    assert read_workbook(blank) == expected
    saved = _convert(blank, "xlsx", tmp_path)
    assert read_workbook(saved) == expected
