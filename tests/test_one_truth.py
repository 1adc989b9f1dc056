"""One ranking, one truth: every analysis of a Result analyses exactly that ranking.

Random problems of every shape (flat, sub-criteria, experts, alternatives compared
pairwise) are ranked with every combination of method x normalisation x AHP method x
synthesis mode x judgment scale x aggregation; then each analysis must agree with the
Result: the weight sweep at the current weight gives the Result's scores, the
thresholds name its best alternative, a Monte Carlo run with a huge concentration puts
it first every time, and the judgments to revise are computed on the matrices ranked.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from strategies import SAATY_VALUES, from_upper

from mcda_iso import Criterion, Problem, ahp, load_scenario, rank
from mcda_iso.errors import ConsistencyWarning
from mcda_iso.sensitivity import monte_carlo, thresholds, weight_sweep

SHAPES = ("flat", "hierarchy", "experts", "experts_hierarchy", "pairwise")
SCORING = (("topsis", "vector", "distributive"), ("topsis", "minmax", "distributive"),
           ("ahp", "vector", "distributive"), ("ahp", "vector", "ideal"))  # fmt: skip


def _judgments(rng: np.random.Generator, n: int) -> np.ndarray:
    return from_upper(n, rng.choice(SAATY_VALUES, size=n * (n - 1) // 2))


def _problem(shape: str, seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    alternatives = [f"Option {k}" for k in range(int(rng.integers(3, 7)))]
    if shape in ("hierarchy", "experts_hierarchy"):
        criteria = [
            Criterion("benefits", "benefit"),
            Criterion("costs", "cost"),
            Criterion("quality", "benefit", parent="benefits"),
            Criterion("market", "benefit", parent="benefits"),
            Criterion("speed", "benefit", parent="benefits"),
            Criterion("money", "cost", parent="costs"),
            Criterion("time", "cost", parent="costs"),
        ]
        sizes = {None: 2, "benefits": 3, "costs": 2}
        leaves = 5
    else:
        n = int(rng.integers(3, 6))
        criteria = [Criterion(f"c{j}", "cost" if j % 3 == 2 else "benefit") for j in range(n)]
        sizes = {None: n}
        leaves = n

    def matrices() -> object:
        if len(sizes) == 1:
            return _judgments(rng, sizes[None])
        return {parent: _judgments(rng, k) for parent, k in sizes.items()}

    performance = rng.uniform(1.0, 10.0, size=(len(alternatives), leaves))
    kwargs: dict[str, object] = {}
    if shape.startswith("experts"):
        kwargs["experts"] = {"QM": matrices(), "CEO": matrices(), "CFO": matrices()}
        kwargs["expert_weights"] = {"QM": 2, "CEO": 1, "CFO": 1}
    else:
        kwargs["comparisons"] = matrices()
    if shape == "pairwise":
        rated = criteria[0].name
        kwargs["alternative_comparisons"] = {rated: _judgments(rng, len(alternatives))}
        performance = performance[:, 1:]  # the rated criterion has no performance column
    return Problem(criteria, alternatives, performance.tolist(), **kwargs)


def _cases() -> list[tuple[str, int, tuple[str, str, str], str, str, str]]:
    cases = []
    for k, shape in enumerate(SHAPES):
        aggregations = ("aij", "aip") if shape.startswith("experts") else ("aij",)
        for combo in itertools.product(SCORING, ahp.METHODS, ahp.SCALES, aggregations):
            cases.append((shape, 100 + k, *combo))
    return cases


@pytest.mark.parametrize(("shape", "seed", "scoring", "ahp_method", "scale", "aggregation"),
                         _cases())  # fmt: skip
def test_every_analysis_reads_the_ranking_it_is_given(
    shape, seed, scoring, ahp_method, scale, aggregation
):
    method, normalization, mode = scoring
    problem = _problem(shape, seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        result = rank(problem, method, normalization=normalization, ahp_method=ahp_method,
                      scale=scale, aggregation=aggregation, mode=mode)  # fmt: skip
    scores = result.scores
    # the sweep through the current weight gives the Result's scores there
    for criterion, weight in result.weights.items():
        sweep = weight_sweep(result, criterion, points=11, include_current=True)
        here = sweep[sweep.weight == weight].set_index("alternative")["score"]
        np.testing.assert_allclose(here[scores.index], scores, rtol=0, atol=1e-12)
    # the thresholds start from the Result's leader
    assert set(thresholds(result)["best"]) == {result.best}
    # a very tight Monte Carlo around the Result's weights never changes the winner
    ordered = np.sort(scores.to_numpy())[::-1]
    if ordered[0] - ordered[1] > 1e-3:
        mc = monte_carlo(result, 256, seed=1, weights="dirichlet", concentration=1e12)
        assert mc.first[result.best] == 1.0
    # the judgments to revise: on the matrices ranked, each CR after as recomputed here
    for label, judgments in result.revisions().items():
        entry = next(m for m in result.comparison_matrices if m.label == label)
        for judgment in judgments:
            typed = result._typed(entry)
            typed[judgment.row, judgment.col] = judgment.suggested
            typed[judgment.col, judgment.row] = 1.0 / judgment.suggested
            after = ahp.priorities(typed, ahp_method, names=list(entry.priorities.labels()),
                                   scale=scale)  # fmt: skip
            assert judgment.cr_after == pytest.approx(after.cr, abs=1e-12)
            assert entry.priorities.scale == scale


def test_options_that_contradict_the_result_are_refused():
    problem = _problem("flat", 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        result = rank(problem, "ahp", mode="ideal")
    with pytest.raises(Exception, match=r"analyses the Result as it was ranked \(mode='ideal'\)"):
        thresholds(result, mode="distributive")
    # agreeing options are fine, and a Problem is ranked with them first
    assert thresholds(result, method="ahp", mode="ideal")["best"].iloc[0] == result.best


def test_a_result_is_read_only():
    result = rank(load_scenario("iso9001"))
    scores = result.scores
    scores[result.best] = -5.0
    assert result.scores[result.best] > 0
    with pytest.raises(AttributeError, match="read-only"):
        result.options = None  # type: ignore[misc]
    frame = result.matrix
    frame.iloc[0, 0] = -1.0
    assert result.matrix.iloc[0, 0] != -1.0


def test_consistency_warnings_point_at_the_caller():
    problem = _problem("flat", 1)
    with pytest.warns(ConsistencyWarning) as caught:
        rank(problem)
    assert {w.filename for w in caught} == {__file__}


OUTPUT_CASES = [
    ("flat", {"method": "ahp", "mode": "ideal", "scale": "geometric"}),
    ("flat", {"method": "topsis", "normalization": "minmax", "ahp_method": "llsm"}),
    ("experts_hierarchy", {"method": "topsis", "aggregation": "aip", "scale": "balanced"}),
    ("pairwise", {"method": "ahp", "scale": "balanced", "ri_table": "ahp_os"}),
]


@pytest.mark.parametrize(("shape", "options"), OUTPUT_CASES)
def test_every_output_shows_the_results_numbers(shape, options, tmp_path, capsys):
    """The results workbook, the HTML report and the command line show Result.scores and
    the CR after each judgment to revise that Result.revisions() computed."""
    import re

    import openpyxl

    from mcda_iso import cli, write_report, write_results
    from mcda_iso.ranking import Result

    problem = _problem(shape, 7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        result = rank(problem, **options)
    revisions = result.revisions()
    assert revisions, "the random problem should have an inconsistent matrix"
    # the results workbook: the Ranking sheet's scores, and every CR after, to the last
    # digit a cell keeps (xlsx stores 15-17 significant digits)
    book = openpyxl.load_workbook(write_results(tmp_path / "r.xlsx", result))
    rows = list(book["Ranking"].iter_rows(min_row=2, values_only=True))
    shown = {name: score for name, score, *_ in rows if name in result.scores.index}
    assert shown == pytest.approx(result.scores.to_dict(), abs=0, rel=1e-15)
    numbers = [
        v for ws in book for row in ws.iter_rows(values_only=True) for v in row
        if isinstance(v, float)
    ]  # fmt: skip
    for judgments in revisions.values():
        for judgment in judgments:
            assert any(abs(v - judgment.cr_after) <= 1e-15 for v in numbers)
    # the report: the ranking table to 4 decimals, each CR after to 3
    html = write_report(tmp_path / "r.html", result).read_text(encoding="utf-8")
    table = html[html.index('id="ranking-table"') :]
    table = table[: table.index("</table>")]
    got = re.findall(r"<tr[^>]*><td>([^<]+)</td><td class=num>([0-9.]+)</td>", table)
    assert [(n, float(s)) for n, s in got] == [
        (n, round(result.scores[n], 4)) for n in result.ordered()
    ]
    for judgments in revisions.values():
        for judgment in judgments:
            assert f"<td class=num>{judgment.cr_after:.3f}</td>" in html
    # the command line prints the same judgments (from the same Result)
    monkey = pytest.MonkeyPatch()
    with monkey.context() as m:
        m.setattr("mcda_iso.excel.read_workbook", lambda path, strict_scale=False: problem)
        m.setattr("mcda_iso.ranking.rank", lambda p, **kw: result)
        cli.main(["validate", str(tmp_path / "in.xlsx")])
    out = capsys.readouterr().out
    for judgments in revisions.values():
        for judgment in judgments:
            assert str(judgment) in out
    assert isinstance(result, Result)
