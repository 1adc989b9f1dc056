"""Tests for mcda_iso.excel: template, validating reader, results workbook, safe writing."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import time
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcda_iso import (
    Alternative,
    ConsistencyWarning,
    Criterion,
    Problem,
    WorkbookError,
    ahp,
    list_profiles,
    load_scenario,
    rank,
)
from mcda_iso.excel import (
    MAX_ROWS,
    SHEETS,
    read_workbook,
    validate_workbook,
    write_results,
    write_template,
)
from mcda_iso.scale import SAATY_WORDS, format_judgment, parse_judgment

# ----------------------------------------------------------------------------- helpers


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """The built-in scenario (balanced profile) as a filled workbook."""
    return write_template(tmp_path / "iso.xlsx", scenario="iso9001", profile="balanced")


def edit(path: Path, changes: dict[str, object], delete: tuple[str, ...] = ()) -> Path:
    """Set cells (``{"Sheet!B2": value}``) and delete sheets, the way a user would."""
    wb = openpyxl.load_workbook(path)
    for ref, value in changes.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    for sheet in delete:
        del wb[sheet]
    wb.save(path)
    return path


def errors_at(path: Path, **kwargs: bool) -> dict[str | None, str]:
    """``{cell or sheet: message}`` of every problem found."""
    return {(e.cell or e.sheet): e.message for e in validate_workbook(path, **kwargs)}


def reported_at(book: Path, changes: dict[str, object], delete: tuple[str, ...], cell: str) -> str:
    """Edit ``book`` as a user would; the message of the problem reported at ``cell``
    (which must be one), after checking that reading the workbook fails."""
    errors = errors_at(edit(book, changes, delete))
    assert cell in errors, errors
    with pytest.raises(WorkbookError):
        read_workbook(book)
    return errors[cell]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.pop(item.filename, None)
            zout.writestr(item, data if data is not None else zin.read(item.filename))
        for name, data in replace.items():
            zout.writestr(name, data)
    return dst


def small_problem(**kwargs: object) -> Problem:
    args: dict[str, object] = {
        "criteria": [
            Criterion("quality", "benefit", "how good", "1-10"),
            Criterion("cost", "cost"),
        ],
        "alternatives": [Alternative("A", "first"), Alternative("B")],
        "performance": [[8, 5], [6, 2]],
        "weights": [2.0, 1.0],
    }
    args.update(kwargs)
    return Problem(**args)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- round trips


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


# ----------------------------------------------------------------------------- template look


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


# ----------------------------------------------------------------------------- malformed input


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
        ("7", "a number stored as text"),
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
        (datetime(2024, 1, 3), "a date"),
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


# ----------------------------------------------------------------------------- hostile files


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet2.xml"])
def test_billion_laughs_is_refused_quickly(template: Path, tmp_path: Path, part: str) -> None:
    with zipfile.ZipFile(template) as z:
        xml = z.read(part)
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    body = body.replace(
        b"<sheetData>",
        b"<sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>&lol9;</t></is></c></row>",
        1,
    )
    bad = rewrite_zip(template, tmp_path / "bomb.xlsx", {part: BOMB + body})
    start = time.perf_counter()
    (error,) = validate_workbook(bad)
    assert time.perf_counter() - start < 2
    assert "not an Excel workbook" in error.message and "refused for safety" in error.message
    with pytest.raises(WorkbookError):
        read_workbook(bad)


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (b"", "empty (0 bytes)"),
        (os.urandom(4096), "not a zip archive"),
        (b"name,kind\ncredibility,benefit\n", "looks like text, e.g. CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old-style .xls"),
    ],
)
def test_not_a_workbook(tmp_path: Path, content: bytes, expect: str) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match="not an Excel workbook") as info:
        read_workbook(path)
    assert expect in str(info.value)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "hi")
    path = tmp_path / "x.xlsx"
    path.write_bytes(buffer.getvalue())
    (error,) = validate_workbook(path)
    assert "not an Excel workbook" in error.message


def test_missing_file(tmp_path: Path) -> None:
    (error,) = validate_workbook(tmp_path / "nope.xlsx")
    assert "no such file" in error.message


def _sheet_xml(dimension: str, rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


def test_absurdly_large_declared_sheet(template: Path, tmp_path: Path) -> None:
    big = _sheet_xml("A1:B500000", "<row r='1'><c r='A1'><v>1</v></c></row>")
    bad = rewrite_zip(template, tmp_path / "big.xlsx", {"xl/worksheets/sheet4.xml": big})
    (error,) = validate_workbook(bad)
    assert error.sheet == "Performance" and "too large" in error.message
    assert f"{MAX_ROWS:,} rows" in error.message


def test_absurdly_large_sheet_found_while_streaming(template: Path, tmp_path: Path) -> None:
    # The dimension lies (A1); a row far down is only found by streaming.
    rows = (
        "<row r='1'><c r='A1'><v>1</v></c></row><row r='900000'><c r='A900000'><v>1</v></c></row>"
    )
    bad = rewrite_zip(
        template, tmp_path / "big.xlsx", {"xl/worksheets/sheet4.xml": _sheet_xml("A1", rows)}
    )
    start = time.perf_counter()
    (error,) = validate_workbook(bad)
    assert time.perf_counter() - start < 3
    assert error.sheet == "Performance" and "too large" in error.message


def test_xlsm_read_without_macros(template: Path, tmp_path: Path) -> None:
    xlsm = rewrite_zip(template, tmp_path / "macro.xlsm", {"xl/vbaProject.bin": b"\0" * 64})
    assert read_workbook(xlsm) == load_scenario("iso9001", profile="balanced")


def test_reading_never_modifies_the_input(template: Path) -> None:
    before, mtime = digest(template), template.stat().st_mtime_ns
    read_workbook(template)
    validate_workbook(template)
    assert digest(template) == before and template.stat().st_mtime_ns == mtime


# ----------------------------------------------------------------------------- safe writing


INJECTIONS = ['=HYPERLINK("http://example.com","click")', "+1+1", "-2", "@SUM(A1)"]


def test_formula_injection_is_written_as_text(tmp_path: Path) -> None:
    problem = Problem(
        [
            Criterion(INJECTIONS[0], "benefit", INJECTIONS[1], INJECTIONS[3]),
            Criterion("cost", "cost", INJECTIONS[2]),
        ],
        [Alternative(INJECTIONS[3], INJECTIONS[0]), Alternative(INJECTIONS[2])],
        [[8, 5], [6, 2]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )
    path = write_results(tmp_path / "r.xlsx", rank(problem))
    wb = openpyxl.load_workbook(path)
    checked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in INJECTIONS:
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    checked += 1
    assert checked >= 10
    assert wb["Criteria"]["A2"].value == INJECTIONS[0]
    assert wb["Alternatives"]["A2"].value == INJECTIONS[3]
    assert read_workbook(path) == problem


def test_refuses_to_overwrite(template: Path) -> None:
    before = digest(template)
    with pytest.raises(WorkbookError, match=r"already exists; pass overwrite=True \(or --force"):
        write_template(template, scenario="iso9001")
    with pytest.raises(WorkbookError, match="overwrite=True"):
        write_results(template, rank(load_scenario()))
    assert digest(template) == before
    write_template(template, scenario="iso9001", profile="small-business", overwrite=True)
    assert read_workbook(template) == load_scenario("iso9001", profile="small-business")


def test_atomic_write_keeps_the_old_file(template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(template)

    def crash(self: openpyxl.Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(openpyxl.Workbook, "save", crash)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        write_template(template, scenario="iso9001", overwrite=True)
    assert digest(template) == before
    assert sorted(p.name for p in template.parent.iterdir()) == [template.name]


def test_output_must_be_xlsx(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match=r"must end in \.xlsx"):
        write_template(tmp_path / "t.xlsm")


def test_written_file_permissions_follow_umask(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


# ----------------------------------------------------------------------------- results workbook


@pytest.mark.parametrize("method", ["topsis", "ahp"])
def test_results_workbook_is_self_contained(tmp_path: Path, method: str) -> None:
    problem = load_scenario("iso9001", profile="major-customer-supplier").replace(
        requirements={"effort": {"maximum": 8}}
    )
    result = rank(problem, method=method)
    path = write_results(tmp_path / "r.xlsx", result)
    assert read_workbook(path) == problem
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == ["Summary", "Ranking", "Weights", "Consistency"]
    assert {"Criteria", "Alternatives", "Performance", "Comparisons", "Requirements"} <= set(
        wb.sheetnames
    )
    assert len(wb["Weights"]._charts) == 1 and len(wb["Ranking"]._charts) == 1
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["Recommendation"] == result.recommendation()
    assert summary["Consistency"].startswith("consistent: CR = ")
    ranking = wb["Ranking"]
    heads = [c.value for c in ranking[1]]
    assert heads[:3] == ["alternative", "score", "rank"]
    assert ("d_plus" in heads) == (method == "topsis")
    rows = list(ranking.iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == result.best and rows[0][2] == 1
    screened = [r for r in rows if r[0] == "Excellence model (EFQM/Baldrige)"]
    assert "effort is 9, above the maximum of 8" in screened[0][-1]
    frame = result.to_frame()
    assert [r[1] for r in rows[: len(result.ranks)]] == pytest.approx(
        list(frame["score"].iloc[: len(result.ranks)])
    )


def test_results_consistency_sheet(tmp_path: Path) -> None:
    problem = load_scenario("iso9001").with_judgment("cost", "credibility", 9)
    problem = problem.with_judgment("effort", "market access", 9)
    with pytest.warns(ConsistencyWarning):
        result = rank(problem)
    assert not result.ahp.consistent
    path = write_results(tmp_path / "r.xlsx", result)
    wb = openpyxl.load_workbook(path)
    summary = wb["Summary"]
    verdict = next(r for r in summary.iter_rows(min_row=3) if r[0].value == "Consistency")[1]
    assert verdict.value.startswith("WARNING: INCONSISTENT")
    assert verdict.fill.fgColor.rgb.endswith("FFC7CE")
    values = {r[0]: r[1] for r in wb["Consistency"].iter_rows(values_only=True) if r[0]}
    assert values["lambda_max"] == pytest.approx(result.ahp.lambda_max)
    assert values["CR = CI / RI"] == pytest.approx(result.ahp.cr)
    assert values["threshold"] == pytest.approx(result.ahp.threshold)
    assert values["CI = (lambda_max - n) / (n - 1)"] == pytest.approx(result.ahp.ci)
    assert values["RI (random index for n)"] == pytest.approx(result.ahp.ri)
    # The judgments to revise first are those the AHP diagnosis ranks first.
    rows = list(wb["Consistency"].iter_rows(values_only=True))
    start = next(k for k, r in enumerate(rows) if r[0] == "row criterion") + 1
    worst = ahp.most_inconsistent(
        problem.comparisons.to_numpy(), k=3, names=list(problem.criterion_names)
    )
    assert [r[:2] for r in rows[start : start + 3]] == [(j.row_name, j.col_name) for j in worst]
    text = [str(v) for r in wb["Consistency"].iter_rows(values_only=True) for v in r if v]
    assert any("Random index table used" in t for t in text)
    assert "row criterion" in text
    assert read_workbook(path) == problem


def test_results_with_typed_weights(tmp_path: Path) -> None:
    problem = small_problem()
    result = rank(problem)
    path = write_results(tmp_path / "r.xlsx", result)
    wb = openpyxl.load_workbook(path)
    assert [c.value for c in wb["Weights"][1]] == ["criterion", "weight", "normalised weight"]
    assert wb["Weights"]["C2"].value == pytest.approx(2 / 3)
    verdict = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=3, values_only=True)}
    assert verdict["Consistency"].startswith("not applicable")
    assert read_workbook(path) == problem


def test_write_results_needs_a_result(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="needs a Result"):
        write_results(tmp_path / "r.xlsx", load_scenario())  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- formulas


def _with_cached_value(path: Path, sheet_part: str, formula: str, cached: str) -> Path:
    """Add the value a spreadsheet program caches beside a formula (openpyxl cannot)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read(sheet_part)
    pattern = f"<f>{formula}</f><v />".encode()
    assert pattern in xml, xml[:500]
    xml = xml.replace(pattern, f"<f>{formula}</f><v>{cached}</v>".encode())
    out = path.with_name(f"{path.stem}-cached.xlsx")
    return rewrite_zip(path, out, {sheet_part: xml})


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


# ----------------------------------------------------------------------------- pandas interop


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


@pytest.mark.parametrize("method", ["topsis", "ahp"])
def test_ranking_sheet_reads_back_as_result_to_frame(tmp_path: Path, method: str) -> None:
    problem = load_scenario("iso9001").replace(requirements={"effort": {"maximum": 8}})
    result = rank(problem, method=method)
    path = write_results(tmp_path / "r.xlsx", result)
    sheet = pd.read_excel(path, sheet_name="Ranking", index_col=0, engine="openpyxl")
    expected = result.to_frame()
    expected["rank"] = expected["rank"].astype(float)
    if "screened_out" in expected:
        sheet["screened_out"] = sheet["screened_out"].fillna("")
    pd.testing.assert_frame_equal(sheet, expected, check_dtype=False, rtol=1e-12)


# ----------------------------------------------------------------------------- more safety


def test_bomb_memory_is_bounded(template: Path, tmp_path: Path) -> None:
    import tracemalloc

    with zipfile.ZipFile(template) as z:
        xml = z.read("xl/workbook.xml")
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    bad = rewrite_zip(template, tmp_path / "bomb.xlsx", {"xl/workbook.xml": BOMB + body})
    tracemalloc.start()
    try:
        errors = validate_workbook(bad)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "refused for safety" in errors[0].message
    assert peak < 20 * 2**20  # the expansion would be ~3 GB; a normal read needs a few MB


def test_zip_bomb_is_refused_before_unpacking(template: Path, tmp_path: Path) -> None:
    from mcda_iso.excel import MAX_UNPACKED_BYTES

    zeros = tmp_path / "zeros.xlsx"
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(zeros, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            z.writestr(item, zin.read(item.filename))
        with z.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\0" * 2**20
            for _ in range(MAX_UNPACKED_BYTES // len(block) + 1):
                part.write(block)
    assert zeros.stat().st_size < 2 * 2**20
    (error,) = validate_workbook(zeros)
    assert "too large for a decision workbook" in error.message and "MiB" in error.message


def test_xlsm_macros_are_not_kept_and_the_file_is_untouched(template: Path, tmp_path: Path) -> None:
    xlsm = rewrite_zip(template, tmp_path / "macro.xlsm", {"xl/vbaProject.bin": b"\0" * 64})
    before = digest(xlsm)
    problem = read_workbook(xlsm)
    assert digest(xlsm) == before
    out = write_results(tmp_path / "r.xlsx", rank(problem))
    with zipfile.ZipFile(out) as z:
        assert not any("vba" in name.lower() for name in z.namelist())


def test_unreadable_file_is_a_workbook_error(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    (error,) = validate_workbook(template)
    assert error.message == f"cannot read {template}: Permission denied"


def test_results_charts_are_native_bar_charts_on_the_data(tmp_path: Path) -> None:
    result = rank(load_scenario("iso9001"))
    path = write_results(tmp_path / "r.xlsx", result)
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("xl/charts/")]
    assert len(charts) == 2 and all('<barChart><barDir val="bar" />' in c for c in charts)
    n_alt, n_crit = len(result.ranks), len(result.weights)
    refs = " ".join(charts)
    assert f"'Ranking'!$B$2:$B${n_alt + 1}" in refs and f"'Ranking'!$A$2:$A${n_alt + 1}" in refs
    assert f"'Weights'!$B$2:$B${n_crit + 1}" in refs


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


# ----------------------------------------------------------------------------- LibreOffice


def _libreoffice() -> str:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is missing although CI=true (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc); CI runs this")
    return exe


def _convert(src: Path, fmt: str, tmp_path: Path) -> Path:
    """Convert with a private LibreOffice profile (parallel runs do not share one)."""
    exe = _libreoffice()
    outdir = tmp_path / f"lo-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt]
    proc = subprocess.run(
        [*command, "--outdir", str(outdir), str(src)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = outdir / f"{src.stem}.{fmt}"
    assert proc.returncode == 0 and out.exists(), proc.stdout + proc.stderr
    return out


def _pdf_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


@pytest.mark.libreoffice
def test_libreoffice_opens_template_and_results(tmp_path: Path) -> None:
    template = write_template(tmp_path / "template.xlsx", scenario="iso9001")
    results = write_results(tmp_path / "results.xlsx", rank(load_scenario("iso9001")))
    for path in (template, results):
        pdf = _convert(path, "pdf", tmp_path)
        # Every sheet is printed on at least one page.
        assert _pdf_pages(pdf) >= len(openpyxl.load_workbook(path).sheetnames), path.name
    # LibreOffice understood the native charts: it writes them back when saving.
    resaved = _convert(results, "xlsx", tmp_path)
    with zipfile.ZipFile(resaved) as z:
        assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == 2
    assert read_workbook(resaved) == load_scenario("iso9001")


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
    # As saved by openpyxl, the names in Performance and Comparisons are uncalculated formulas.
    errors = validate_workbook(blank)
    assert errors and all("no calculated value" in e.message for e in errors)
    assert errors[0].cell == "Performance!B1"
    saved = _convert(blank, "xlsx", tmp_path)
    assert read_workbook(saved) == expected


# =============================================================================================
# Group decisions, missing judgments, pairwise rating of alternatives (issue 4).
# The group / alternatives helper owns this block; every workbook variant it adds has a
# round-trip test and malformed-input tests naming the sheet and cell.
# =============================================================================================

from mcda_iso import ProblemError  # noqa: E402

NAN = float("nan")
QM = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
CEO = [[1, 1 / 2, NAN], [2, 1, 4], [NAN, 1 / 4, 1]]


def abc_problem(**args: object) -> Problem:
    """Criteria quality (benefit), cost (cost), speed (benefit) and alternatives A, B, C;
    ``args`` are the rest of :class:`Problem`'s arguments (or replace these)."""
    base: dict[str, object] = {
        "criteria": [
            Criterion("quality", "benefit"),
            Criterion("cost", "cost"),
            Criterion("speed", "benefit"),
        ],
        "alternatives": ["A", "B", "C"],
    }
    return Problem(**{**base, **args})  # type: ignore[arg-type]


def team_problem(**kwargs: object) -> Problem:
    return abc_problem(
        **{
            "performance": [[8, 5, 3], [6, 2, 4], [9, 8, 2]],
            "experts": {"Quality manager": QM, "CEO": CEO},
            "expert_weights": {"Quality manager": 2, "CEO": 1},
            **kwargs,
        }
    )


@pytest.fixture
def team_book(tmp_path: Path) -> Path:
    return write_template(tmp_path / "team.xlsx", team_problem())


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
    assert problem.comparisons.iloc[0, 1] == pytest.approx(judgments[0, 1])


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


def test_long_expert_name_fits_the_sheet_title_limit(tmp_path: Path) -> None:
    long = "Head of Quality and Regulatory Affairs (EMEA)"
    problem = team_problem(experts={long: QM, "CEO": CEO}, expert_weights=None)
    path = write_template(tmp_path / "long.xlsx", problem)
    titles = openpyxl.load_workbook(path).sheetnames
    assert all(len(t) <= 31 for t in titles)
    assert "Comparisons Head of Quality and" in titles
    assert read_workbook(path) == problem


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


# ----------------------------------------------------------------------------- missing judgments


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


def test_complete_workbook_has_no_completed_matrices_sheet(template: Path, tmp_path: Path) -> None:
    path = write_results(tmp_path / "r.xlsx", rank(read_workbook(template)))
    assert "Completed matrices" not in openpyxl.load_workbook(path).sheetnames


def test_cut_off_criteria_are_named_with_sheet_and_cell(template: Path) -> None:
    # 'effort' (row/column 6) loses every judgment: cut off from the other criteria
    edit(template, {"Comparisons!F2": None, "Comparisons!F3": None, "Comparisons!F4": None})
    edit(template, {"Comparisons!F5": None})
    errors = errors_at(template)
    assert list(errors) == ["Comparisons!F2"]
    assert errors["Comparisons!F2"].startswith(
        "no judgment links 'effort' with 'credibility', 'efficiency', 'market access', 'cost'"
    )


# ---------------------------------------------------------------------- alternatives pairwise


def rated_problem(**kwargs: object) -> Problem:
    v = np.array([4.0, 2.0, 1.0])
    return abc_problem(
        **{
            "performance": pd.DataFrame({"cost": [5, 2, 8], "speed": [3, 4, 2]}, index=list("ABC")),
            "weights": [1, 1, 1],
            "alternative_comparisons": {"quality": v[:, None] / v[None, :]},
            **kwargs,
        }
    )


@pytest.fixture
def rated_book(tmp_path: Path) -> Path:
    return write_template(tmp_path / "rated.xlsx", rated_problem())


def test_alternatives_sheets_round_trip(rated_book: Path) -> None:
    wb = openpyxl.load_workbook(rated_book)
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


def test_long_criterion_name_is_kept_in_a1(tmp_path: Path) -> None:
    long = "certification-body fees and surveillance audits"
    v = np.array([1.0, 2.0])
    problem = Problem(
        [Criterion(long, "benefit"), Criterion("speed", "benefit")],
        ["A", "B"],
        pd.DataFrame({"speed": [1.0, 2.0]}, index=["A", "B"]),
        weights=[1, 1],
        alternative_comparisons={long: v[:, None] / v[None, :]},
    )
    path = write_template(tmp_path / "long.xlsx", problem)
    titles = openpyxl.load_workbook(path).sheetnames
    assert "Alternatives certification-body" in titles
    assert read_workbook(path) == problem


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


# =============================================================================================
# Sub-criteria: a criteria hierarchy in the workbook (issue 4)
# =============================================================================================

DETAILED = "iso9001_detailed"


@pytest.fixture
def tree_book(tmp_path: Path) -> Path:
    """The detailed scenario (cost and effort split into sub-criteria) as a workbook."""
    return write_template(tmp_path / "tree.xlsx", scenario=DETAILED, profile="balanced")


@pytest.mark.parametrize("profile", list(list_profiles(DETAILED)))
def test_hierarchy_template_round_trip_every_profile(tmp_path: Path, profile: str) -> None:
    path = write_template(tmp_path / "t.xlsx", scenario=DETAILED, profile=profile)
    assert read_workbook(path) == load_scenario(DETAILED, profile=profile)


def test_hierarchy_template_sheets(tree_book: Path) -> None:
    wb = openpyxl.load_workbook(tree_book)
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


def test_long_parent_name_fits_the_sheet_title_limit(tmp_path: Path) -> None:
    parent = "running costs over the first three years"
    problem = Problem(
        [
            Criterion("quality", "benefit"),
            Criterion(parent, "cost"),
            Criterion("fees", "cost", parent=parent),
            Criterion("staff", "cost", parent=parent),
        ],
        ["A", "B"],
        [[8, 5, 2], [6, 2, 6]],
        comparisons={None: [[1, 2], [1 / 2, 1]], parent: [[1, 3], [1 / 3, 1]]},
    )
    path = write_template(tmp_path / "long.xlsx", problem)
    wb = openpyxl.load_workbook(path)
    (title,) = [t for t in wb.sheetnames if t.startswith("Sub-criteria ")]
    assert len(title) == 31 and title == ("Sub-criteria " + parent)[:31]
    assert wb[title]["A1"].value == parent  # the full name, for the reader of the sheet
    assert read_workbook(path) == problem


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


def _judgment_text(value: float) -> object:
    text = format_judgment(value)
    return text if parse_judgment(text) == value else float(value)


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
    errors = errors_at(path)  # the emptied Performance columns must be filled or compared
    assert "Performance!B2" in errors and "Performance!D2" in errors
    alternatives = load_scenario("iso9001").alternative_names
    v = np.arange(1.0, len(alternatives) + 1)
    for title in ("Alternatives credibility", "Alternatives market access"):
        for i, j in zip(*np.triu_indices(len(v), k=1), strict=True):
            wb[title].cell(i + 2, j + 2, float(v[i] / v[j]))
    wb.save(path)
    problem = read_workbook(path)
    assert list(problem.alternative_comparisons) == ["credibility", "market access"]
    np.testing.assert_allclose(problem.matrix[:, 0], v / v.sum())


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


# =============================================================================================
# Several experts and sub-criteria: '<expert> - <parent>' sheets (issue 4)
# =============================================================================================


def tree_team_problem() -> Problem:
    """The detailed scenario judged by two experts: the quality manager as the scenario;
    the CEO rates credibility over market access higher, skips one cost comparison and
    finds documentation as important as surveillance."""
    base = load_scenario(DETAILED)
    qm = base.comparisons
    ceo = {parent: m.copy() for parent, m in qm.items()}
    ceo[None].loc["credibility", "market access"] = 3
    ceo[None].loc["market access", "credibility"] = 1 / 3
    ceo["cost"].iloc[0, 1] = ceo["cost"].iloc[1, 0] = NAN
    ceo["effort"].iloc[0, 2], ceo["effort"].iloc[2, 0] = 1, 1
    return base.replace(
        experts={"Quality manager": qm, "CEO": ceo},
        expert_weights={"Quality manager": 2, "CEO": 1},
    )


@pytest.fixture
def tree_team_book(tmp_path: Path) -> Path:
    return write_template(tmp_path / "tree-team.xlsx", tree_team_problem())


def _rows(ws: object) -> list[list[object]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_experts_sub_criteria_template_round_trip(tree_team_book: Path) -> None:
    problem = tree_team_problem()
    wb = openpyxl.load_workbook(tree_team_book)
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
    assert [c.value for c in top[1]][1:] == list(problem.hierarchy.children(None))
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


def test_long_expert_and_parent_names_fit_the_sheet_title_limit(tmp_path: Path) -> None:
    expert = "Head of Quality and Regulatory Affairs (EMEA)"
    parent = "running costs over the first three years"
    other = "running costs over the first three months"  # the same first 31 characters
    criteria = [
        Criterion("quality", "benefit"),
        Criterion(parent, "cost"),
        Criterion("fees", "cost", parent=parent),
        Criterion("staff", "cost", parent=parent),
        Criterion(other, "cost"),
        Criterion("rent", "cost", parent=other),
        Criterion("power", "cost", parent=other),
        Criterion("lonely", "cost", parent="quality"),  # a single sub-criterion: no sheet
    ]
    top = [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]]
    judged = {None: top, parent: [[1, 3], [1 / 3, 1]], other: [[1, 1 / 2], [2, 1]]}
    problem = Problem(
        criteria,
        ["A", "B"],
        [[8, 5, 2, 1, 1], [6, 2, 6, 2, 2]],
        experts={expert: judged, expert + " (deputy)": judged, "CEO": {**judged, None: top}},
    )
    path = write_template(tmp_path / "long.xlsx", problem)
    titles = openpyxl.load_workbook(path).sheetnames
    assert all(len(t) <= 31 for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    subs = [t for t in titles if " - " in t]
    assert len(subs) == 6  # 3 experts x 2 parents with two sub-criteria each
    assert "CEO - running costs over the fi" in subs
    assert "Head of Qualit - running costs" in subs  # both long: 14 characters of each
    wb = openpyxl.load_workbook(path)
    assert {wb[t]["A1"].value for t in subs} == {parent, other}  # the full names
    assert read_workbook(path) == problem
    write_results(tmp_path / "r.xlsx", rank(problem))
    assert read_workbook(tmp_path / "r.xlsx") == problem


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
