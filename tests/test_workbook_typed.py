"""Numbers as people type them (issue 13): decimal commas, and fractions that a spreadsheet
turned into dates, read back in judgment cells with a note naming the cell.

The LibreOffice tests type into the workbook through LibreOffice's own input handler
(``tests/lo_typing.py``, driven over UNO with the system's ``python3-uno``), in a German,
a US and a British locale, as a user would; and each piece of advice an error message gives
is followed there, after which the workbook validates.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from mcda_iso import rank, read_workbook, validate_workbook, write_template
from mcda_iso.errors import WorkbookWarning
from mcda_iso.workbook.typed import date_problem, judgment_from_date

TODAY = date.today()
SYSTEM_PYTHON = "/usr/bin/python3"


def _template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "iso.xlsx", "iso9001")


def _set(path: Path, sheet: str, cell: str, value: object, number_format: str) -> Path:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].value = value
    wb[sheet][cell].number_format = number_format
    out = path.with_name(f"{path.stem}-{cell}.xlsx")
    wb.save(out)
    return out


def _read_with_notes(path: Path) -> tuple[object, list[WorkbookWarning]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", WorkbookWarning)
        problem = read_workbook(path)
    return problem, [w.message for w in caught if isinstance(w.message, WorkbookWarning)]


# ------------------------------------------------------------------ the rules, one by one


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (datetime(TODAY.year, 1, 3), 1 / 3),  # 1/3 where dates are month/day (en-US)
        (datetime(TODAY.year, 3, 1), 1 / 3),  # 1/3 where dates are day/month (en-GB, fr, es)
        (datetime(TODAY.year - 1, 1, 9), 1 / 9),  # typed last year
        (datetime(TODAY.year, 1, 1), 1.0),
        (time(12, 0), 0.5),  # =1/2 typed into a date-formatted cell shows 12:00
        (time(8, 0), 1 / 3),
        (datetime(1900, 1, 3), 3.0),  # 3 in a date-formatted cell
    ],
)
def test_judgment_from_date_reads_what_can_only_have_been_a_judgment(typed, expected):
    number, note = judgment_from_date(typed)
    assert number == pytest.approx(expected, rel=1e-12)
    assert "read as" in note


@pytest.mark.parametrize(
    "typed",
    [
        datetime(TODAY.year, 2, 3),  # 2/3 or 3/2: not a Saaty fraction, and which one?
        datetime(TODAY.year, 1, 12),  # 12 is off the scale
        datetime(TODAY.year - 3, 1, 3),  # not typed recently: a real date
        datetime(TODAY.year, 1, 3, 9, 30),  # a time of day
        time(0, 0),  # zero
    ],
)
def test_judgment_from_date_refuses_other_dates(typed):
    assert judgment_from_date(typed) is None
    assert "format the cell as Text" in date_problem(typed)


def test_a_fraction_turned_into_a_date_is_read_with_a_note(tmp_path):
    path = _set(_template(tmp_path), "Comparisons", "D2", datetime(TODAY.year, 1, 5), "mm/dd/yy")
    problem, notes = _read_with_notes(path)
    assert problem.comparisons.loc["credibility", "market access"] == pytest.approx(1 / 5)
    assert [n.cell for n in notes] == ["Comparisons!D2"]
    assert f"holds the date 5 January {TODAY.year}" in notes[0].message
    assert "read as 1/5 (if you meant 5, type 5" in notes[0].message
    assert str(notes[0]).startswith("Comparisons!D2: ")


def test_a_decimal_comma_typed_as_text_is_read_in_judgments_and_numbers(tmp_path):
    path = _set(_template(tmp_path), "Comparisons", "C2", "0,5", "@")
    path = _set(path, "Performance", "B2", "7,25", "@")
    problem = read_workbook(path)
    assert problem.comparisons.loc["credibility", "efficiency"] == 0.5
    assert problem.matrix[0, 0] == 7.25


@pytest.mark.parametrize(("sheet", "cell"), [("Comparisons", "C2"), ("Performance", "B2")])
def test_a_comma_before_three_digits_is_refused_with_both_readings(tmp_path, sheet, cell):
    path = _set(_template(tmp_path), sheet, cell, "1,500", "@")
    errors = validate_workbook(path)
    assert [e.cell for e in errors] == [f"{sheet}!{cell}"]
    assert "'1,500' is ambiguous: 1500 with a thousands separator, or 1.5 with a decimal comma" in (
        errors[0].message
    )
    assert "type 1500 or 1,5" in errors[0].message


# ------------------------------------------------------------------ in LibreOffice


def _type(src: Path, locale: str, actions: list[list[str]], tmp_path: Path, name: str) -> Path:
    """Type into ``src`` through LibreOffice in ``locale``; the saved copy's path."""
    if (
        shutil.which("soffice") is None
        or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False
        ).returncode
    ):
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice or python3-uno is missing although CI=true (.ci/run)")
        pytest.skip("needs LibreOffice and python3-uno (apt-get install python3-uno); CI runs this")
    out = tmp_path / f"{name}.xlsx"
    script = Path(__file__).with_name("lo_typing.py")
    proc = subprocess.run(
        [
            SYSTEM_PYTHON,
            str(script),
            str(src),
            str(out),
            locale,
            str(tmp_path / f"lo-{name}"),
            json.dumps(actions),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert proc.returncode == 0 and out.exists(), proc.stdout + proc.stderr
    return out


@pytest.mark.libreoffice
def test_a_german_user_types_decimal_commas_and_fractions(tmp_path):
    """0,5 and 1/3 typed in a German LibreOffice: validated and ranked as the English ones."""
    template = _template(tmp_path)
    cells = [
        ("Comparisons!C2", "0,5", "0.5"),
        ("Comparisons!D2", "1/3", "1/3"),
        ("Performance!B2", "0,5", "0.5"),
        ("Performance!C2", "2,25", "2.25"),
    ]
    german = _type(template, "de-DE", [["type", c, de] for c, de, _ in cells], tmp_path, "de")
    english = _type(template, "en-US", [["type", c, en] for c, _, en in cells], tmp_path, "en")
    assert validate_workbook(german) == []
    problem = read_workbook(german)
    assert problem == read_workbook(english)
    assert problem.comparisons.loc["credibility", "efficiency"] == 0.5
    assert problem.comparisons.loc["credibility", "market access"] == pytest.approx(1 / 3)
    assert list(problem.matrix[0, :2]) == [0.5, 2.25]
    assert rank(problem).scores.equals(rank(read_workbook(english)).scores)


@pytest.mark.libreoffice
@pytest.mark.parametrize(("locale", "shown"), [("en-US", "3 January"), ("en-GB", "1 March")])
def test_one_third_typed_into_a_number_cell_becomes_a_date_read_as_one_third(
    tmp_path, locale, shown
):
    # A judgment cell formatted as a number (General), as after pasting from elsewhere.
    general = _set(_template(tmp_path), "Comparisons", "D2", None, "General")
    typed = _type(general, locale, [["type", "Comparisons!D2", "1/3"]], tmp_path, locale)
    problem, notes = _read_with_notes(typed)
    assert problem.comparisons.loc["credibility", "market access"] == pytest.approx(1 / 3)
    assert len(notes) == 1 and f"holds the date {shown} {TODAY.year}" in notes[0].message
    # The issue's =1/2 typed into that (now date-formatted) cell: a time, read as 1/2.
    again = _type(typed, locale, [["type", "Comparisons!D2", "=1/2"]], tmp_path, f"{locale}-2")
    problem, notes = _read_with_notes(again)
    assert problem.comparisons.loc["credibility", "market access"] == 0.5
    assert "holds the number 1/2 shown as a date or time" in notes[0].message
    # The note's "if you meant 3, type 3": typed into the date-formatted cell, 3 is read.
    three = _type(typed, locale, [["type", "Comparisons!D2", "3"]], tmp_path, f"{locale}-3")
    problem, _ = _read_with_notes(three)  # (LibreOffice stores a plain number then)
    assert problem.comparisons.loc["credibility", "market access"] == 3


@pytest.mark.libreoffice
def test_the_advice_for_an_ambiguous_date_in_a_judgment_cell_works(tmp_path):
    general = _set(_template(tmp_path), "Comparisons", "D2", None, "General")
    typed = _type(general, "en-US", [["type", "Comparisons!D2", "2/3"]], tmp_path, "typed")
    errors = validate_workbook(typed)
    assert [e.cell for e in errors] == ["Comparisons!D2"]
    assert "2/3 or 3/2" in errors[0].message
    assert "format the cell as Text (Format > Cells > Text) and type the judgment again" in (
        errors[0].message
    )
    done = [["format", "Comparisons!D2", "@"], ["type", "Comparisons!D2", "2/3"]]
    fixed = _type(typed, "en-US", done, tmp_path, "fixed")
    assert validate_workbook(fixed) == []
    assert read_workbook(fixed).comparisons.loc["credibility", "market access"] == pytest.approx(
        2 / 3
    )


@pytest.mark.libreoffice
def test_the_advice_for_a_date_in_a_number_cell_works(tmp_path):
    typed = _type(_template(tmp_path), "en-US", [["type", "Performance!C2", "1/3"]], tmp_path, "t")
    errors = validate_workbook(typed)
    assert [e.cell for e in errors] == ["Performance!C2"]
    advice = "format the cell as Number (Format > Cells > Number) and type the number again"
    assert advice in errors[0].message and "(a fraction as a formula: =1/3)" in errors[0].message
    for k, text in enumerate(("0.333", "=1/3")):  # a number again (en-US), or the formula
        done = [["format", "Performance!C2", "0.000"], ["type", "Performance!C2", text]]
        fixed = _type(typed, "en-US", done, tmp_path, f"fixed{k}")
        assert validate_workbook(fixed) == []
        assert read_workbook(fixed).matrix[0, 1] == pytest.approx(1 / 3, abs=1e-3)


@pytest.mark.libreoffice
@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_the_advice_for_an_ambiguous_comma_works(tmp_path, locale):
    # The judgment cells are Text: 1,500 stays text in every locale.
    typed = _type(_template(tmp_path), locale, [["type", "Comparisons!C2", "1,500"]], tmp_path, "t")
    errors = validate_workbook(typed)
    assert [e.cell for e in errors] == ["Comparisons!C2"] and "type 1500 or 1,5" in errors[
        0
    ].message
    fixed = _type(typed, locale, [["type", "Comparisons!C2", "1,5"]], tmp_path, "fixed")
    assert validate_workbook(fixed) == []
    assert read_workbook(fixed).comparisons.loc["credibility", "efficiency"] == 1.5
    other = _type(typed, locale, [["type", "Comparisons!C2", "1500"]], tmp_path, "thousands")
    assert read_workbook(other).comparisons.loc["credibility", "efficiency"] == 1500
    # ... and in a number cell (Performance), where German reads 1,5 as a number itself.
    typed = _type(fixed, locale, [["type", "Performance!B2", "1,5"]], tmp_path, "number")
    assert read_workbook(typed).matrix[0, 0] == 1.5


@pytest.mark.libreoffice
def test_the_advice_for_a_fraction_typed_as_text_in_a_number_cell_works(tmp_path):
    """A German LibreOffice keeps 1/3 typed into Performance as text (no date pattern)."""
    typed = _type(_template(tmp_path), "de-DE", [["type", "Performance!C2", "1/3"]], tmp_path, "t")
    errors = validate_workbook(typed)
    assert [e.cell for e in errors] == ["Performance!C2"]
    assert "a fraction typed as text: type it as a formula, =1/3" in errors[0].message
    fixed = _type(typed, "de-DE", [["type", "Performance!C2", "=1/3"]], tmp_path, "fixed")
    assert validate_workbook(fixed) == []
    assert read_workbook(fixed).matrix[0, 1] == pytest.approx(1 / 3)
    # What the message warns of: 0.333 typed in German is three hundred and thirty-three.
    point = _type(typed, "de-DE", [["type", "Performance!C2", "0.333"]], tmp_path, "point")
    assert read_workbook(point).matrix[0, 1] == 333
