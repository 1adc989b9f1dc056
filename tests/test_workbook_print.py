"""The workbooks we write print well: LibreOffice converts them to PDF, poppler reads it back.

Issue 12: every sheet fitted to the page width (no input sheet cut across pages), the
header row repeated, text wrapped in rows tall enough to show it, the page footer naming
the sheet ("Sheet: <name>", so the pages of each sheet can be counted), the results
Summary on one page with the full recommendation, the sensitivity sweep data not
printed (only its charts).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

import mcda_iso
from mcda_iso import Problem, sensitivity

pytestmark = pytest.mark.libreoffice


def _programs() -> str:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice or pdftotext missing although CI=true (.ci/run installs them)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc); CI runs this")
    return exe


def _to_pdf(books: list[Path], tmp_path: Path) -> dict[str, Path]:
    """Convert several workbooks in one LibreOffice run (private profile)."""
    exe = _programs()
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, books)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    pdfs = {b.stem: out / f"{b.stem}.pdf" for b in books}
    assert proc.returncode == 0 and all(p.exists() for p in pdfs.values()), proc.stderr
    return pdfs


def _pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -raw, white space collapsed)."""
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]


def _by_sheet(pages: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for page in pages:
        (sheet,) = re.findall(r"Sheet: (.+?) Page \d+ of \d+", page)
        out.setdefault(sheet, []).append(page)
    return out


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", text)


def _texts(path: Path, sheet: str) -> list[str]:
    ws = load_workbook(path, read_only=True)[sheet]
    return [str(v) for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    flat = mcda_iso.load_scenario("iso9001")
    detailed = mcda_iso.load_scenario("iso9001_detailed")
    three = flat.replace(
        experts={
            "Quality manager": flat.comparisons,
            "CEO": flat.comparisons.T,  # every judgment reversed: still reciprocal
            "Auditor": flat.comparisons**0.5,
        }
    )
    books = {
        "template": mcda_iso.write_template(folder / "template.xlsx", "iso9001"),
        "questionnaire": mcda_iso.write_template(
            folder / "questionnaire.xlsx", "iso9001_detailed",
            experts=["Quality manager", "Chief executive officer", "Auditor"],
        ),
    }  # fmt: skip
    results = {}
    for name, problem in (("flat", flat), ("hierarchy", detailed), ("experts", three)):
        result = mcda_iso.rank(problem)
        results[name] = result
        books[name] = mcda_iso.write_results(folder / f"{name}.xlsx", result)
    analysis = sensitivity.analyse(results["flat"], samples=500, seed=1, points=101)
    books["sensitivity"] = mcda_iso.write_results(
        folder / "sensitivity.xlsx", results["flat"], sensitivity=analysis
    )
    pdfs = _to_pdf(list(books.values()), folder)
    return books, results, {k: _pages(pdfs[k]) for k in books}


def test_every_page_names_its_sheet_and_every_sheet_prints(printed):
    books, results, pages = printed
    for name, path in books.items():
        sheets = set(_by_sheet(pages[name]))
        expected = set(load_workbook(path, read_only=True).sheetnames)
        if name in results or name == "sensitivity":
            # No requirements: the Summary says "Screened out: none"; the empty table is
            # not printed.
            expected.discard("Requirements")
        assert sheets == expected, name


def test_template_prints_every_text_whole(printed):
    books, _, pages = printed
    text = _squeezed(" ".join(pages["template"]))
    problem = mcda_iso.load_scenario("iso9001")
    for c in problem.criteria:
        assert _squeezed(c.description) in text, c.name
    for line in _texts(books["template"], "Instructions"):
        assert _squeezed(line) in text, line
    assert len(pages["template"]) <= 10


@pytest.mark.parametrize("book", ["template", "questionnaire", "hierarchy", "experts"])
def test_no_input_sheet_is_cut_in_width(printed, book):
    # Fitted to the page width: each sheet's first page holds every one of its column
    # headers (a sheet wider than the page would have them on a second page).
    books, _, pages = printed
    sheets = _by_sheet(pages[book])
    ws_all = load_workbook(books[book], read_only=True)
    for sheet in ws_all.sheetnames:
        first_row = next(ws_all[sheet].iter_rows(min_row=1, max_row=1, values_only=True), ())
        # (headers that are formulas, e.g. names repeated from Criteria, have no text here)
        heads = [v for v in first_row if isinstance(v, str) and len(v) < 60 and v[:1] != "="]
        if sheet in ("Instructions", "Summary") or sheet not in sheets:
            continue  # free text; or a sheet not printed (an empty Requirements table)
        for head in heads:
            assert _squeezed(head) in _squeezed(sheets[sheet][0]), (sheet, head)


@pytest.mark.parametrize("book", ["flat", "hierarchy", "experts", "sensitivity"])
def test_results_summary_is_one_page_with_the_full_recommendation(printed, book):
    _, results, pages = printed
    summary = _by_sheet(pages[book])["Summary"]
    assert len(summary) == 1
    result = results["flat" if book == "sensitivity" else book]
    assert _squeezed(result.recommendation()) in _squeezed(summary[0])


def test_results_page_counts_and_sweep_data_not_printed(printed):
    _, _, pages = printed
    # Issue 12: the built-in scenario's results print on at most 8 pages (one per sheet).
    assert len(pages["flat"]) <= 8
    sheets = _by_sheet(pages["sensitivity"])
    # 5 criteria x 101 weights x 7 alternatives of sweep data stay off the paper: the
    # Sensitivity pages hold the thresholds table and the charts only.
    numbers = re.findall(r"\b0\.\d{4}\b", " ".join(sheets["Sensitivity"]))
    assert len(numbers) < 80
    assert len(sheets["Sensitivity"]) <= 4
    assert len(pages["sensitivity"]) <= len(pages["flat"]) + 7


def test_print_setup_is_in_the_file(printed):
    books, _, _ = printed
    wb = load_workbook(books["sensitivity"])
    for ws in wb.worksheets:
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_area
        assert "&P of &N" in ws.oddFooter.right.text
    assert wb["Performance"].print_title_rows == "$1:$1"  # the header row on every page
    # The thresholds table is 12 columns wide (A:L); the sweep data beyond it is not printed.
    sens = wb["Sensitivity"]
    assert re.fullmatch(r"'Sensitivity'!\$A\$1:\$L\$\d+", sens.print_area), sens.print_area
    assert sens.max_column > 12
    for ws in wb.worksheets:
        for chart in ws._charts:
            assert chart.y_axis.number_format is not None
    # The reader does not mind: the results workbook still reads as the problem ranked.
    assert mcda_iso.read_workbook(books["flat"]) == mcda_iso.load_scenario("iso9001")


def test_long_names_wrap_in_rows_tall_enough(tmp_path):
    long = "Integrated management system covering ISO 9001, ISO 14001 and ISO 45001 " * 2
    problem = Problem(
        criteria=[mcda_iso.Criterion("quality", "benefit", description=long * 3),
                  mcda_iso.Criterion("cost", "cost")],
        alternatives=[long.strip(), "Lean", "Status quo"],
        performance=[[9, 7], [5, 4], [1, 1]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )  # fmt: skip
    path = mcda_iso.write_template(tmp_path / "long.xlsx", problem)
    ws = load_workbook(path)["Criteria"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == long * 3)
    assert cell.alignment.wrap_text
    assert ws.row_dimensions[cell.row].height >= 3 * 15
    pages = _pages(_to_pdf([path], tmp_path)["long"])
    assert _squeezed(long * 3) in _squeezed(" ".join(pages))
    assert _squeezed(long.strip()) in _squeezed(" ".join(pages))


def test_requirements_print_when_there_are_some(tmp_path):
    problem = mcda_iso.load_scenario("iso9001").replace(
        requirements={"market access": {"minimum": 3}}
    )
    path = mcda_iso.write_results(tmp_path / "req.xlsx", mcda_iso.rank(problem))
    sheets = _by_sheet(_pages(_to_pdf([path], tmp_path)["req"]))
    assert "Requirements" in sheets and "market access" in sheets["Requirements"][0]


def test_a_verdict_word_is_never_cut(tmp_path):
    # Issue 12: "INCONSISTENT" was clipped in the Group sheet.
    flat = mcda_iso.load_scenario("iso9001")
    sloppy = flat.comparisons.copy()
    sloppy.loc["market access", "cost"], sloppy.loc["cost", "market access"] = 1 / 7, 7
    problem = flat.replace(experts={"Quality manager": flat.comparisons, "CEO": sloppy})
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        result = mcda_iso.rank(problem)
    path = mcda_iso.write_results(tmp_path / "group.xlsx", result)
    wb = load_workbook(path)
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "INCONSISTENT" and cell.coordinate not in ws.merged_cells:
                    width = ws.column_dimensions[cell.column_letter].width or 8.43
                    # capitals, bold: about 1.3 x 1.1 column-width units each
                    assert width >= 1.3 * 1.1 * len("INCONSISTENT"), (ws.title, cell.coordinate)
                    found += 1
    assert found >= 1


def test_a_questionnaire_prints_its_visible_sheets_only(tmp_path):
    from mcda_iso.workbook.questionnaire import write_questionnaire

    problem = mcda_iso.load_scenario("iso9001_detailed")
    path = write_questionnaire(
        tmp_path / "qm.xlsx", problem, expert="Quality manager", title="Is ISO 9001 worth it?"
    )
    wb = load_workbook(path)
    visible = {ws.title for ws in wb.worksheets if ws.sheet_state == "visible"}
    assert len(visible) < len(wb.sheetnames)  # it has hidden helper sheets
    pages = _pages(_to_pdf([path], tmp_path)["qm"])
    sheets = _by_sheet(pages)
    assert set(sheets) == visible  # helper sheets print nothing
    assert all(len(p) == 1 for p in sheets.values())  # each question sheet on one page
    assert "Is ISO 9001 worth it?: questionnaire for Quality manager" in pages[0]
