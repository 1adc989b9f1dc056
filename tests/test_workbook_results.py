"""Tests for mcda_iso.workbook.results (and results_consistency): the results workbook."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from mcda_iso import (
    ConsistencyWarning,
    WorkbookError,
    ahp,
    load_scenario,
    rank,
)
from mcda_iso.workbook import (
    read_workbook,
    write_results,
    write_template,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        _convert,
        _pdf_pages,
        edit,
        small_problem,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        _convert,
        _pdf_pages,
        edit,
        small_problem,
    )


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


@pytest.mark.libreoffice
def test_libreoffice_opens_template_and_results(tmp_path: Path) -> None:
    template = write_template(tmp_path / "template.xlsx", scenario="iso9001")
    results = write_results(tmp_path / "results.xlsx", rank(load_scenario("iso9001")))
    for path in (template, results):
        pdf = _convert(path, "pdf", tmp_path)
        # Every sheet is printed on at least one page (but the results' empty Requirements
        # table: no requirements, the Summary says so; issue 12, see test_workbook_print.py).
        sheets = [n for n in openpyxl.load_workbook(path).sheetnames
                  if path is template or n != "Requirements"]  # fmt: skip
        assert _pdf_pages(pdf) >= len(sheets), path.name
    # LibreOffice understood the native charts: it writes them back when saving.
    resaved = _convert(results, "xlsx", tmp_path)
    with zipfile.ZipFile(resaved) as z:
        assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == 2
    assert read_workbook(resaved) == load_scenario("iso9001")


def test_complete_workbook_has_no_completed_matrices_sheet(template: Path, tmp_path: Path) -> None:
    path = write_results(tmp_path / "r.xlsx", rank(read_workbook(template)))
    assert "Completed matrices" not in openpyxl.load_workbook(path).sheetnames


@pytest.mark.parametrize("scale", ["saaty", "geometric"])
def test_judgments_to_revise_are_the_results_own(tmp_path: Path, scale: str) -> None:
    """The Consistency sheet lists Result.revisions(): the CR after a change is the one of
    the matrix ranked (on the judgment scale ranked), for criteria and alternatives alike."""
    problem = load_scenario("iso9001").with_judgment("cost", "credibility", 9)
    problem = problem.with_judgment("effort", "market access", 9)
    with pytest.warns(ConsistencyWarning):
        result = rank(problem, method="ahp", scale=scale)
    revisions = result.revisions(k=3)
    assert revisions  # the test needs an inconsistent matrix
    rows = list(openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))["Consistency"]
                .iter_rows(values_only=True))  # fmt: skip
    shown = [r for r in rows if r[0] is not None and r[5] is not None and r[0] != "row criterion"]
    expected = [j for found in revisions.values() for j in found]
    assert [(r[0], r[1]) for r in shown] == [(j.row_name, j.col_name) for j in expected]
    assert [r[5] for r in shown] == pytest.approx([j.cr_after for j in expected], rel=1e-12)


def test_completed_matrices_are_the_results_matrices(template: Path, tmp_path: Path) -> None:
    """A matrix of Result.comparison_matrices with a missing judgment is shown completed
    with the value the ranking inferred for it."""
    result = rank(read_workbook(edit(template, {"Comparisons!C2": None})), method="ahp")
    (entry,) = [m for m in result.comparison_matrices if m.priorities.missing is not None]
    ws = openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))["Completed matrices"]
    rows = list(ws.iter_rows(values_only=True))
    k = next(i for i, r in enumerate(rows) if r[0] == "Criteria (sheet Comparisons)")
    assert entry.priorities.missing[0, 1]
    assert rows[k + 2][2] == pytest.approx(entry.priorities.matrix[0, 1], rel=1e-12)


def test_results_refuse_the_sensitivity_analysis_of_another_ranking(tmp_path):
    """One ranking, one truth: a results workbook shows a ranking with its own analysis."""
    from mcda_iso import load_scenario, rank, write_results
    from mcda_iso.errors import MCDAError
    from mcda_iso.sensitivity import analyse

    problem = load_scenario("iso9001")
    topsis, ideal = rank(problem), rank(problem, "ahp", mode="ideal")
    other = analyse(ideal, samples=500, seed=1)
    with pytest.raises(MCDAError, match="sensitivity analysis is of another ranking"):
        write_results(tmp_path / "r.xlsx", topsis, sensitivity=other)
    assert not (tmp_path / "r.xlsx").exists()
    write_results(tmp_path / "r.xlsx", ideal, sensitivity=other)  # its own: fine
