"""The report printed: PDF by headless Chromium, checked with poppler's pdfinfo / pdftotext.

Issue 12: the executive summary is page 1, holds the recommendation and fits one A4 or
Letter page whatever the names' lengths; no table is cut (every alternative's name and
every column header is in the PDF's text).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import mcda_iso
from mcda_iso import Alternative, Criterion, Problem, sensitivity
from mcda_iso.cli import main
from mcda_iso.report import write_report
from mcda_iso.sensitivity import COMPARED_METHODS

pytestmark = pytest.mark.browser


def _need(program: str, package: str) -> str:
    found = shutil.which(program)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {program} is missing: .ci/run should install {package}")
        pytest.skip(f"{program} is not installed (apt-get install {package})")
    return found


@pytest.fixture(autouse=True)
def _programs():
    _need("chromium", "chromium")
    _need("pdftotext", "poppler-utils")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.M).groups()
    return float(w), float(h)


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(
        # -raw: the text in the order it was drawn (the page's order), not re-flowed by columns
        ["pdftotext", "-raw", *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.sub(r"\s+", " ", out.stdout)


def _squeezed(text: str) -> str:
    """Without white space and hyphens: a name wrapped in a table cell still matches
    (pdftotext drops the hyphen where a line ends at one, as in "min-|max")."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, problem):
    result = mcda_iso.rank(problem)
    analysis = sensitivity.analyse(result, samples=1_000, seed=4, points=21)
    path = write_report(tmp_path_factory.mktemp("pdf") / "report.pdf", result, analysis)
    return path, result, analysis


def test_summary_is_page_one_and_holds_the_recommendation(printed):
    pdf, result, _ = printed
    assert pdf.read_bytes().startswith(b"%PDF-")
    first = _text(pdf, 1, 1)
    assert "Summary" in first
    assert result.recommendation() in first
    assert "Runner-up" in first and "Main caveat" in first
    assert "Details, inputs and method follow on the next pages." in first
    assert "Main caveat" not in _text(pdf, 2, 2)
    w, h = _size(pdf)
    assert (round(w), round(h)) == (595, 842)  # A4 in points


def test_no_table_is_cut(printed):
    pdf, result, analysis = printed
    problem = result.problem
    text = _squeezed(_text(pdf))
    for name in [*problem.alternative_names, *problem.criterion_names]:
        assert _squeezed(name) in text, name
    headers = [
        f"{result.method_title} score", "AHP synthesis (distributive mode) rank",
        "Whole ranking unchanged for", "Confidence",
        *[f"Rank {r}" for r in analysis.monte_carlo.acceptability.columns],
        *[COMPARED_METHODS[m] for m in analysis.methods.rankings.columns],
    ]  # fmt: skip
    for header in headers:
        assert _squeezed(header) in text, header
    for c in problem.criteria:  # the performance table's last columns and the descriptions
        assert _squeezed(c.description) in text, c.name
    # Nothing of the page's scrolling machinery printed; a sensible length.
    assert 8 <= _pages(pdf) <= 20


LONG = "Integrated management system covering ISO 9001, ISO 14001 and ISO 45001 " * 3


def _long_names() -> Problem:
    return Problem(
        criteria=[
            Criterion(f"{k}: " + "customer trust gained through third-party assurance " * 3,
                      kind, description="why it matters " * 20)
            for k, kind in zip(("one", "two", "three"), ("benefit", "cost", "benefit"),
                               strict=True)
        ],
        alternatives=[Alternative(f"{k} {LONG}") for k in ("A", "B", "C", "D", "E", "F")],
        performance=[[9, 7, 4], [5, 4, 6], [1, 1, 2], [6, 8, 5], [7, 6, 7], [3, 2, 8]],
        comparisons=[[1, 3, 2], [1 / 3, 1, 1 / 2], [1 / 2, 2, 1]],
    )  # fmt: skip


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_summary_fits_one_page_whatever_the_names(tmp_path, paper):
    result = mcda_iso.rank(_long_names())
    analysis = sensitivity.analyse(result, samples=500, seed=2, points=11)
    pdf = write_report(
        tmp_path / "long.pdf",
        result,
        analysis,
        paper=paper,
        question="Is ISO 9001 certification worth it for us? " * 6,
    )
    first, second = _text(pdf, 1, 1), _text(pdf, 2, 2)
    assert "Summary" in first and "Main caveat" in first
    assert "Details, inputs and method follow on the next pages." in first
    assert "Main caveat" not in second and "Runner-up" not in second
    expected = {"a4": (595, 842), "letter": (612, 792)}[paper]
    w, h = _size(pdf)
    assert (round(w), round(h)) == expected


def test_cli_writes_a_pdf_by_suffix(tmp_path, capsys):
    workbook = mcda_iso.write_template(tmp_path / "iso.xlsx", "iso9001")
    out = tmp_path / "board.pdf"
    argv = ["report", str(workbook), "-o", str(out), "--samples", "300", "--seed", "1"]
    assert main([*argv, "--paper", "letter", "--question", "Certify this year?"]) == 0
    assert f"Report written to {out}" in capsys.readouterr().out
    first = _text(out, 1, 1)
    assert "Certify this year?" in first and "Recommended: ISO 9001 certification" in first
    assert tuple(round(x) for x in _size(out)) == (612, 792)
