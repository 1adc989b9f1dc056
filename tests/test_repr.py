"""Jupyter and scripts (issue 13): ``_repr_html_`` escapes every user string; ``to_csv`` and
``to_latex`` give the Result's own table."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from mcda_iso import Criterion, Problem, rank, sensitivity

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def problem() -> Problem:
    return Problem(
        [Criterion(f"q {EVIL}", "benefit", description="<b>bold</b>"), Criterion("c&d", "cost")],
        [f"A {EVIL}", "B", "C"],
        [[8, 5], [6, 2], [9, 8]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )


def _clean(html: str) -> None:
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html


def test_every_user_string_is_escaped(problem):
    result = rank(problem)
    analysis = sensitivity.analyse(result, samples=200, seed=1)
    for html in (problem._repr_html_(), result._repr_html_(), analysis._repr_html_()):
        _clean(html)
    assert "c&amp;d" in problem._repr_html_()


def test_result_html_holds_the_recommendation_and_the_numbers(problem):
    result = rank(problem)
    html = result._repr_html_()
    assert result.recommendation().split(" (")[0].replace("<", "&lt;").replace(">", "&gt;") in html
    for score in result.scores:
        assert f"{score:.3f}" in html


def test_to_csv_is_to_frame(problem, tmp_path):
    result = rank(problem)
    text = result.to_csv()
    back = pd.read_csv(io.StringIO(text), index_col="alternative")
    pd.testing.assert_frame_equal(back, result.to_frame(), check_dtype=False)
    path = tmp_path / "r.csv"
    assert result.to_csv(path) is None and path.read_text() == text


def test_to_latex_is_a_tabular_of_the_ranking(problem):
    result = rank(problem)
    latex = result.to_latex()
    assert latex.startswith("\\begin{tabular}") and latex.rstrip().endswith("\\end{tabular}")
    assert f"{result.scores['B']:.3f}" in latex


def test_to_latex_without_jinja2_says_what_to_install(problem, monkeypatch):
    from mcda_iso.errors import MethodError

    def missing(*args, **kwargs):  # what pandas raises when jinja2 is not installed
        raise ImportError("Missing optional dependency 'Jinja2'.")

    monkeypatch.setattr(pd.DataFrame, "to_latex", missing)
    with pytest.raises(MethodError, match=r"to_latex needs jinja2 .*mcda_iso\[latex\]"):
        rank(problem).to_latex()
