"""The report's one-page executive summary: each line read from the Result and its analysis."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pytest

import mcda_iso
from mcda_iso import Alternative, Criterion, Problem, sensitivity
from mcda_iso.report import render_report


class _Summary(HTMLParser):
    """The summary's items: label -> text (tags stripped, white space collapsed)."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: dict[str, str] = {}
        self._inside = False
        self._key: str | None = None
        self._tag: str | None = None
        self._text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        if ("id", "summary-items") in attrs:
            self._inside = True
        elif self._inside and tag in ("dt", "dd"):
            self._tag, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == "dl":
            self._inside = False
        elif self._inside and tag == self._tag:
            text = re.sub(r"\s+", " ", "".join(self._text)).strip()
            if tag == "dt":
                self._key = text
            else:
                self.items[self._key] = text
            self._tag = None

    def handle_data(self, data):
        if self._tag:
            self._text.append(data)


@pytest.fixture(scope="module")
def analysis(result):
    return sensitivity.analyse(result, samples=2_000, seed=5, points=21)


def _items(result, analysis=None, **kwargs) -> dict[str, str]:
    return _Summary(render_report(result, analysis, **kwargs)).items


def test_the_summary_reads_the_result_and_its_analysis(result, analysis):
    items = _items(result, analysis, question="Is ISO 9001 worth it for us?")
    assert list(items) == ["Question", "Recommendation", "How firm", "Runner-up", "Main caveat"]
    assert items["Question"] == "Is ISO 9001 worth it for us?"
    assert items["Recommendation"] == result.recommendation()
    p = float(analysis.monte_carlo.first[result.best])
    assert items["How firm"].startswith(f"Firm: first in {100 * p:.0f} % of 2,000 random")
    runner = result.ordered()[1]
    assert items["Runner-up"].startswith(
        f"{runner} (score {result.scores[runner]:.3f} against {result.scores[result.best]:.3f})"
    )


def test_what_would_make_the_runner_up_win_is_the_nearest_threshold(result, analysis):
    runner = result.ordered()[1]
    t = analysis.thresholds
    candidates = [
        (abs(row[bound] - row["weight"]), crit, side, row[bound], row["weight"])
        for crit, row in t.iterrows()
        for side, bound, taker in (("rises above", "best_upper", "best_upper_by"),
                                   ("falls below", "best_lower", "best_lower_by"))
        if row[taker] == runner
    ]  # fmt: skip
    assert candidates, "the built-in scenario has a weight that puts the runner-up first"
    _, crit, side, value, now = min(candidates)
    text = _items(result, analysis)["Runner-up"]
    assert f"It would come first if the weight of {crit} {side} {value:.2f} (now {now:.2f})" in text


def test_without_analysis_firmness_is_not_checked(result):
    items = _items(result)
    assert items["How firm"] == "Not checked: the sensitivity analysis was not run."
    assert "has not been checked" in items["Main caveat"]


def test_the_main_caveat_is_the_most_serious(problem):
    bad = problem.with_judgment("market access", "cost", 1 / 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        inconsistent = mcda_iso.rank(bad)
    caveat = _items(inconsistent)["Main caveat"]
    assert caveat.startswith("Inconsistent judgments: the comparisons of the criteria")
    assert f"{inconsistent.ahp.cr:.2f}" in caveat
    # Two methods that disagree (given explicitly): named.
    flipped = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost")],
        alternatives=["A", "B", "C"],
        performance=[[10, 100], [6, 40], [1, 1]],
        weights=[1, 1],
    )
    comparison = mcda_iso.compare(flipped)
    results = comparison.results
    assert results["topsis"].best != results["ahp"].best
    caveat = _items(results["topsis"], comparison=comparison)["Main caveat"]
    assert caveat.startswith(f"The methods disagree: AHP synthesis (distributive mode) puts "
                             f"{results['ahp'].best} first")  # fmt: skip


def test_long_names_are_shortened_here_and_whole_in_the_sections():
    long = "Integrated management system covering ISO 9001, ISO 14001 and ISO 45001 " * 4
    problem = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost")],
        alternatives=[Alternative("A " + long), Alternative("B " + long), Alternative("C")],
        performance=[[9, 7], [5, 4], [1, 1]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )
    result = mcda_iso.rank(problem)
    document = render_report(result)
    runner = _Summary(document).items["Runner-up"]
    assert "…" in runner and ("B " + long.strip()) not in runner
    assert len(runner) < 300
    assert ("B " + long.strip()) in re.sub(r"\s+", " ", document)  # in full further on


def test_a_teams_firmness_says_it_was_drawn_around_the_experts(problem):
    """A team's analysis samples the experts' spread (the default): the summary says so."""
    own = problem.comparisons
    team = problem.replace(comparisons=None, experts={"QM": own, "CEO": own.T})
    ranked = mcda_iso.rank(team)
    analysis = sensitivity.analyse(ranked, samples=500, seed=1)
    assert analysis.monte_carlo.distribution == "experts"
    page = render_report(ranked, analysis)
    assert "random weightings drawn around each expert&#x27;s weights" in page or (
        "random weightings drawn around each expert's weights" in page
    )
    alone = render_report(
        mcda_iso.rank(problem), sensitivity.analyse(mcda_iso.rank(problem), samples=500, seed=1)
    )
    assert "random weightings around the given weights" in alone
