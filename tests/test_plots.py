"""Figures of the built-in scenario: what each one shows, not just that it renders."""

from __future__ import annotations

import sys
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import mcda_iso
from mcda_iso import Alternative, Criterion, MCDAError, Problem, plots, sensitivity

matplotlib.use("Agg")

LONG = (
    "Integrated management system covering ISO 9001, ISO 14001 and ISO 45001 "
    "with a shared audit programme"
)


@pytest.fixture(scope="module")
def analysis(problem):
    return sensitivity.analyse(problem, samples=2_000, seed=7, points=51)


@pytest.fixture(scope="module")
def inconsistent(problem):
    bad = problem.with_judgment("market access", "cost", 1 / 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        return mcda_iso.rank(bad)


def _bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _ticks(ax, axis="y"):
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels]


def _hex(color):
    return to_hex(color, keep_alpha=False).upper()


# --------------------------------------------------------------------------- palette


def test_palette_is_okabe_ito_and_colours_follow_problem_order(problem):
    # Okabe & Ito (2008), "Color Universal Design": the eight colours distinguishable
    # with the common forms of colour blindness.
    okabe_ito = {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
    }  # fmt: skip
    assert set(plots.PALETTE) == okabe_ito
    colors = plots.alternative_colors(problem)
    assert list(colors) == list(problem.alternative_names)
    assert len(set(colors.values())) == len(colors)  # seven alternatives, seven colours
    assert plots.alternative_colors(list(problem.alternative_names)) == colors


# --------------------------------------------------------------------------- weights


def test_weights_figure(result, problem):
    fig = plots.weights(result)
    (ax,) = fig.axes
    assert ax.get_title() == "Criteria weights"
    assert "weight" in ax.get_xlabel()
    bars = _bars(ax)
    assert len(bars) == len(problem.criteria)
    assert _ticks(ax) == list(problem.criterion_names)
    np.testing.assert_allclose([b.get_width() for b in bars], result.weights.to_numpy())
    kinds = {c.name: c.kind for c in problem.criteria}
    for name, bar in zip(problem.criterion_names, bars, strict=True):
        expected = "#0072B2" if kinds[name] == "benefit" else "#D55E00"
        assert _hex(bar.get_facecolor()) == expected
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["benefit (more is better)", "cost (less is better)"]
    assert f"CR = {result.ahp.cr:.3f}" in fig.get_supxlabel()
    assert "consistent" in fig.get_supxlabel()


def test_weights_typed_directly_say_so():
    p = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost")],
        alternatives=["A", "B"],
        performance=[[3, 2], [1, 1]],
        weights=[3, 1],
    )
    fig = plots.weights(mcda_iso.rank(p))
    np.testing.assert_allclose([b.get_width() for b in _bars(fig.axes[0])], [0.75, 0.25])
    assert "typed directly" in fig.get_supxlabel()


def test_weights_grouped_under_parent_criteria():
    p = Problem(
        criteria=[
            Criterion("fees", "cost", parent="cost"),
            Criterion("credibility", "benefit"),
            Criterion("cost", "cost"),
            Criterion("staff time", "cost", parent="cost"),
        ],
        alternatives=["A", "B"],
        performance=[[3, 5, 2], [1, 2, 1]],
        weights={"credibility": 0.5, "cost": 0.5, "fees": 0.4, "staff time": 0.6},
    )
    result = mcda_iso.rank(p)
    fig = plots.weights(result)
    ax = fig.axes[0]
    # The two sub-criteria of "cost" are drawn together, in one colour, with global weights.
    ticks = _ticks(ax)
    assert sorted(ticks) == ["credibility", "fees", "staff time"]
    assert abs(ticks.index("fees") - ticks.index("staff time")) == 1
    bars = dict(zip(ticks, _bars(ax), strict=True))
    assert _hex(bars["fees"].get_facecolor()) == _hex(bars["staff time"].get_facecolor())
    assert _hex(bars["fees"].get_facecolor()) != _hex(bars["credibility"].get_facecolor())
    assert bars["fees"].get_width() == pytest.approx(0.2)
    assert bars["staff time"].get_width() == pytest.approx(0.3)
    legend = sorted(t.get_text() for t in ax.get_legend().get_texts())
    assert legend == ["cost (0.500)", "credibility (0.500)"]
    assert ax.get_legend().get_title().get_text() == "criterion (total weight)"


def test_weights_of_sub_sub_criteria_are_grouped_under_the_top_level_criterion():
    p = Problem(
        criteria=[
            Criterion("organisation", "benefit"),
            Criterion("people", "benefit", parent="organisation"),
            Criterion("training", "benefit", parent="people"),
            Criterion("price", "cost"),
            Criterion("morale", "benefit", parent="people"),
            Criterion("process", "benefit", parent="organisation"),
        ],
        alternatives=["A", "B"],
        performance=[[3, 5, 2, 4], [1, 2, 3, 1]],
        weights={"organisation": 0.6, "people": 0.5, "training": 0.4, "morale": 0.6,
                 "process": 0.5, "price": 0.4},
    )  # fmt: skip
    ax = plots.weights(mcda_iso.rank(p)).axes[0]
    # "price" comes between the leaves of "organisation" in the problem; drawn after them.
    assert _ticks(ax) == ["training", "morale", "process", "price"]
    colors = [_hex(b.get_facecolor()) for b in _bars(ax)]
    assert colors[0] == colors[1] == colors[2] != colors[3]
    np.testing.assert_allclose([b.get_width() for b in _bars(ax)], [0.12, 0.18, 0.3, 0.4])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["organisation (0.600)", "price (0.400)"]
    separators = [line for line in ax.get_lines() if line.get_ydata()[0] == 2.5]
    assert len(separators) == 1  # one thin line between the two groups


def test_plots_need_a_result(problem):
    with pytest.raises(MCDAError, match=r"needs a ranking Result .* got Problem"):
        plots.weights(problem)
    with pytest.raises(MCDAError, match=r"needs a ranking Result"):
        plots.ranking("not a result")


# --------------------------------------------------------------------------- ranking


def test_ranking_figure(result):
    fig = plots.ranking(result)
    (ax,) = fig.axes
    assert ax.get_title() == "Ranking of the alternatives (TOPSIS)"
    assert "closeness" in ax.get_xlabel()
    order = result.ordered()
    assert _ticks(ax) == [plots.style._label(a) for a in order]
    bars = _bars(ax)
    assert len(bars) == len(order)
    widths = [b.get_width() for b in bars]
    np.testing.assert_allclose(widths, result.scores[order].to_numpy())
    assert widths == sorted(widths, reverse=True)
    texts = [t.get_text() for t in ax.texts]
    assert texts[0].startswith("rank 1 ")
    assert [t.split()[1] for t in texts] == [str(int(result.ranks[a])) for a in order]


def test_ranking_by_ahp_and_screened_out_alternatives(problem):
    screened = problem.replace(requirements={"market access": {"minimum": 5}})
    result = mcda_iso.rank(screened, method="ahp")
    fig = plots.ranking(result)
    ax = fig.axes[0]
    assert ax.get_title() == "Ranking of the alternatives (AHP synthesis)"
    assert "priority" in ax.get_xlabel()
    assert len(_bars(ax)) == len(result.ranks) < len(problem.alternative_names)
    out = sorted(result.screening.reasons)
    assert out and all(a[:10] in fig.get_supxlabel() for a in out)


def test_long_names_are_wrapped_and_shortened():
    p = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost")],
        alternatives=[Alternative(LONG), Alternative("Lean")],
        performance=[[5, 4], [3, 1]],
        weights=[1, 1],
    )
    labels = _ticks(plots.ranking(mcda_iso.rank(p)).axes[0])
    long_label = next(label for label in labels if label != "Lean")
    lines = long_label.split("\n")
    assert len(lines) == 2 and all(len(line) <= 26 for line in lines)
    assert long_label.endswith("…")
    assert "Lean" in labels


def test_dollar_signs_do_not_start_mathtext():
    p = Problem(
        criteria=[Criterion("cost in $", "cost"), Criterion("gain in $", "benefit")],
        alternatives=["$A$", "B"],
        performance=[[5, 4], [3, 1]],
        weights=[1, 1],
    )
    fig = plots.ranking(mcda_iso.rank(p))
    fig.canvas.draw()  # would raise a mathtext ParseError or show "A" in italics
    assert r"\$A\$" in _ticks(fig.axes[0])


# --------------------------------------------------------------------------- weight sweep


def _leaders(sweep):
    first = sweep[sweep["rank"] == 1].drop_duplicates("weight")
    return first["weight"].to_numpy(), first["alternative"].to_numpy()


def test_weight_sweep_figure(problem, result):
    fig = plots.weight_sweep(result, "cost", points=101)
    ax = fig.axes[0]
    assert ax.get_title() == "Sensitivity to the weight of cost"
    assert ax.get_xlabel().startswith("weight of cost")
    assert "closeness" in ax.get_ylabel()
    lines = [line for line in ax.get_lines() if line.get_gid() is None]
    assert len(lines) == len(problem.alternative_names)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(problem.alternative_names)
    # The current weight, dashed.
    (current,) = [line for line in ax.get_lines() if line.get_gid() == "current-weight"]
    assert current.get_xdata()[0] == pytest.approx(result.weights["cost"])
    assert current.get_linestyle() == "--"
    # One marker per change of leader, between the grid points where it changes hands.
    sweep = sensitivity.weight_sweep(problem, "cost", points=101)
    w, leader = _leaders(sweep)
    changes = np.flatnonzero(leader[1:] != leader[:-1])
    markers = [line for line in ax.get_lines() if line.get_gid() == "crossover"]
    assert len(changes) >= 1 and len(markers) == len(changes)
    for k, marker in zip(changes, markers, strict=True):
        assert w[k] <= marker.get_xdata()[0] <= w[k + 1]
    annotations = [t.get_text() for t in ax.texts if "first from" in t.get_text()]
    assert len(annotations) == len(changes)
    assert annotations[0].startswith(plots.style._label(leader[changes[0] + 1], 22, 1))


def test_weight_sweep_from_a_computed_sweep(problem, result, analysis):
    sweep = analysis.sweeps["effort"]
    fig = plots.weight_sweep(sweep, "effort", result=result)
    ax = fig.axes[0]
    lines = [line for line in ax.get_lines() if line.get_gid() is None]
    assert len(lines) == len(problem.alternative_names)
    np.testing.assert_allclose(lines[0].get_xdata(), np.linspace(0, 1, 51))
    (current,) = [line for line in ax.get_lines() if line.get_gid() == "current-weight"]
    assert current.get_xdata()[0] == pytest.approx(result.weights["effort"])
    # A Problem alone: the sweep of its ranking, and no weight is claimed as "current".
    ax = plots.weight_sweep(problem, "effort", points=11).axes[0]
    assert not [line for line in ax.get_lines() if line.get_gid() == "current-weight"]


def test_weight_sweep_marks_the_weight_the_result_was_ranked_with(problem):
    # On the geometric scale the judgments give other weights than on Saaty's: the mark
    # must be the Result's weight, not the problem's default one (issue 10).
    geometric = mcda_iso.rank(problem, scale="geometric")
    default = mcda_iso.rank(problem)
    assert abs(geometric.weights["cost"] - default.weights["cost"]) > 0.01
    for fig in (
        plots.weight_sweep(geometric, "cost", points=11),
        plots.weight_sweep(
            sensitivity.weight_sweep(geometric, "cost", 11), "cost", result=geometric
        ),
    ):
        (current,) = [
            line for line in fig.axes[0].get_lines() if line.get_gid() == "current-weight"
        ]
        assert current.get_xdata()[0] == pytest.approx(geometric.weights["cost"], abs=1e-12)


def test_weight_sweep_errors(problem):
    with pytest.raises(MCDAError, match="unknown criterion 'price'"):
        plots.weight_sweep(problem, "price")
    with pytest.raises(MCDAError, match="needs a Result, a SensitivityReport, a sweep DataFrame"):
        plots.weight_sweep([1, 2, 3], "cost")
    with pytest.raises(MCDAError, match=r"missing \['score'\]"):
        plots.weight_sweep(sensitivity.weight_sweep(problem, "cost").drop(columns="score"), "cost")


# --------------------------------------------------------------------------- acceptability


def test_acceptability_figure(problem, analysis):
    mc = analysis.monte_carlo
    fig = plots.acceptability(mc, problem=problem)
    ax = fig.axes[0]
    assert ax.get_title().startswith("Rank acceptability")
    assert "2,000" in ax.get_title()
    assert ax.get_xlabel() == "share of the Monte Carlo samples (%)"
    m = len(problem.alternative_names)
    bars = _bars(ax)
    assert len(bars) == m * m  # one segment per (alternative, rank)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"rank {r}" for r in range(1, m + 1)]
    # Every bar adds up to 100 % and the segments are the acceptabilities.
    names = [label.replace("\n", " ") for label in _ticks(ax)]
    order = mc.acceptability.index[np.argsort(mc.acceptability.to_numpy() @ np.arange(1, m + 1))]
    assert names == [plots.style._label(a).replace("\n", " ") for a in order]
    widths = np.array([b.get_width() for b in bars]).reshape(m, m)  # ranks x alternatives
    np.testing.assert_allclose(widths.sum(axis=0), 100)
    np.testing.assert_allclose(widths.T, mc.acceptability.loc[order].to_numpy() * 100)
    assert order[0] == "ISO 9001 certification"


def test_acceptability_needs_a_table():
    with pytest.raises(MCDAError, match="needs a Monte Carlo result"):
        plots.acceptability(object())


# --------------------------------------------------------------------------- inconsistency


def test_inconsistency_figure(inconsistent):
    fig = plots.inconsistency(inconsistent, k=3)
    ax = fig.axes[0]
    assert "INCONSISTENT" in ax.get_title()
    assert f"CR = {inconsistent.ahp.cr:.3f}" in ax.get_title()
    names = list(inconsistent.ahp.names)
    assert _ticks(ax) == names and _ticks(ax, "x") == names
    (image,) = ax.get_images()
    a = np.asarray(inconsistent.ahp.matrix)
    w = np.asarray(inconsistent.ahp.weights)
    np.testing.assert_allclose(image.get_array(), np.abs(np.log(a * w / w[:, None])))
    # The worst judgment is the one we spoiled: market access vs cost (boxed, listed first).
    boxes = [p for p in ax.patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert len(boxes) == 6  # three judgments, each boxed with its reciprocal
    cells = {(int(b.get_x() + 0.5), int(b.get_y() + 0.5)) for b in boxes}
    i, j = names.index("market access"), names.index("cost")
    assert (j, i) in cells and (i, j) in cells
    note = fig.get_supxlabel()
    assert note.startswith("Revise first:\n1. market access vs cost: judged 1/5")
    cell_texts = [t.get_text() for t in ax.texts]
    assert "1/5" in cell_texts and "5" in cell_texts


def test_inconsistency_consistent_and_plain_matrix(result):
    fig = plots.inconsistency(result)
    assert "consistent" in fig.axes[0].get_title()
    assert "INCONSISTENT" not in fig.axes[0].get_title()
    fig = plots.inconsistency([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]], names=["x", "y", "z"])
    assert _ticks(fig.axes[0]) == ["x", "y", "z"]


def test_inconsistency_needs_judgments():
    p = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost")],
        alternatives=["A", "B"],
        performance=[[3, 2], [1, 1]],
        weights=[3, 1],
    )
    with pytest.raises(MCDAError, match="typed directly; there are no pairwise judgments"):
        plots.inconsistency(mcda_iso.rank(p))


# --------------------------------------------------------------------------- method agreement


def test_method_agreement_of_seven_methods(analysis):
    methods = analysis.methods
    fig = plots.method_agreement(methods)
    ax = fig.axes[0]
    assert ax.get_title() == "Agreement between ranking methods\n(Spearman's rank correlation)"
    (image,) = ax.get_images()
    np.testing.assert_allclose(image.get_array(), methods.spearman.to_numpy())
    n = methods.spearman.shape[0]
    assert len(_ticks(ax)) == n and "VIKOR" in _ticks(ax) and "TOPSIS (vector)" in _ticks(ax)
    assert len(ax.texts) == n * n
    assert [t.get_text() for t in ax.texts[:: n + 1]] == ["1.00"] * n
    ws = plots.method_agreement(methods, which="ws")
    assert "WS rank similarity" in ws.axes[0].get_title()


def test_method_agreement_of_topsis_and_ahp(problem):
    comparison = mcda_iso.compare(problem)
    fig = plots.method_agreement(comparison)
    ax = fig.axes[0]
    assert _ticks(ax) == ["TOPSIS", "AHP synthesis"]
    off_diagonal = ax.get_images()[0].get_array()[0, 1]
    assert off_diagonal == pytest.approx(comparison.spearman)


def test_method_agreement_of_a_frame_with_an_undefined_coefficient():
    frame = pd.DataFrame(
        [[1.0, np.nan, -0.5], [np.nan, 1.0, np.nan], [-0.5, np.nan, 1.0]],
        index=["A", "B", "C"],
        columns=["A", "B", "C"],
    )
    ax = plots.method_agreement(frame).axes[0]
    assert [t.get_text() for t in ax.texts] == [
        "1.00", "n/a", "-0.50", "n/a", "1.00", "n/a", "-0.50", "n/a", "1.00"
    ]  # fmt: skip
    assert ax.get_images()[0].get_array().mask.sum() == 4


def test_weight_sweep_by_ahp_synthesis(problem):
    ax = plots.weight_sweep(problem, "credibility", method="ahp", points=21).axes[0]
    assert ax.get_ylabel() == "AHP global priority (scores sum to 1)"
    lines = [line for line in ax.get_lines() if line.get_gid() is None]
    np.testing.assert_allclose(sum(line.get_ydata() for line in lines), 1.0)


def test_method_agreement_errors(analysis):
    with pytest.raises(MCDAError, match="'which' must be one of"):
        plots.method_agreement(analysis.methods, which="kendall")
    with pytest.raises(MCDAError, match="needs a RankingComparison"):
        plots.method_agreement(42)


# --------------------------------------------------------------------------- consistency


def test_each_alternative_has_one_colour_in_every_figure(problem, result, analysis):
    expected = plots.alternative_colors(problem)
    ranking = plots.ranking(result).axes[0]
    in_ranking = {
        a: _hex(b.get_facecolor()) for a, b in zip(result.ordered(), _bars(ranking), strict=True)
    }
    sweep = plots.weight_sweep(problem, "efficiency").axes[0]
    in_sweep = {
        line.get_label(): _hex(line.get_color())
        for line in sweep.get_lines()
        if line.get_gid() is None
    }
    acc = plots.acceptability(analysis.monte_carlo, problem=problem).axes[0]
    (swatches,) = [c for c in acc.collections if c.get_gid() == "alternative-colours"]
    order = [label.replace("\n", " ") for label in _ticks(acc)]
    by_label = {plots.style._label(a).replace("\n", " "): a for a in problem.alternative_names}
    in_acc = {
        by_label[name]: _hex(color)
        for name, color in zip(order, swatches.get_facecolors(), strict=True)
    }
    assert in_ranking == in_sweep == in_acc == expected


def test_figures_are_not_shown_and_can_be_saved(result, tmp_path):
    fig = plots.ranking(result)
    assert fig.canvas.manager is None  # built without pyplot: nothing to show or leak
    fig.savefig(tmp_path / "ranking.png")
    assert (tmp_path / "ranking.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- missing matplotlib


def test_missing_matplotlib_names_the_extra(monkeypatch, problem, result, analysis):
    for module in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, module, None)
    calls = [
        lambda: plots.weights(result),
        lambda: plots.ranking(result),
        lambda: plots.weight_sweep(problem, "cost"),
        lambda: plots.acceptability(analysis.monte_carlo),
        lambda: plots.inconsistency(result),
        lambda: plots.method_agreement(analysis.methods),
    ]
    for call in calls:
        with pytest.raises(MCDAError, match=r"pip install 'mcda_iso\[plots\]'") as info:
            call()
        assert isinstance(info.value.__cause__, ImportError)


def test_docstring_examples_run():
    import doctest

    from mcda_iso.plots import analysis, decision, layout, style

    for module in (plots, analysis, decision, layout, style):
        outcome = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert outcome.failed == 0, module.__name__
    assert doctest.testmod(plots).attempted > 0 and doctest.testmod(analysis).attempted > 0


def test_score_axis_says_what_the_scores_mean_for_the_mode(problem):
    ideal = mcda_iso.rank(problem, method="ahp", mode="ideal")
    assert "ideal mode" in plots.ranking(ideal).axes[0].get_xlabel()
    assert "sum to 1" not in plots.ranking(ideal).axes[0].get_xlabel()
    distributive = mcda_iso.rank(problem, method="ahp")
    assert plots.ranking(distributive).axes[0].get_xlabel().endswith("(scores sum to 1)")
    sweep = plots.weight_sweep(ideal, "cost", points=11).axes[0]
    assert "ideal mode" in sweep.get_ylabel()


def test_inconsistency_of_a_group_shows_an_experts_matrix_named(problem):
    sloppy = problem.comparisons.copy()
    sloppy.loc["market access", "cost"], sloppy.loc["cost", "market access"] = 1 / 7, 7
    team = problem.replace(experts={"Quality manager": problem.comparisons, "CEO": sloppy})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        result = mcda_iso.rank(team)
    (label,) = result.revisions()  # only the CEO's matrix is inconsistent
    fig = plots.inconsistency(result)
    title = fig.axes[0].get_title()
    assert label in title and "INCONSISTENT" in title
    worst = result.revisions()[label]
    listed = fig._supxlabel.get_text()
    for j in worst:  # the same judgments and CR after as every other output
        assert f"{j.row_name} vs {j.col_name}" in listed and f"{j.cr_after:.3f}" in listed
    with pytest.raises(MCDAError, match="no comparison matrix 'nobody'"):
        plots.inconsistency(result, matrix="nobody")


# --------------------------------------------------------------------------- fixed layouts

LONG_CRITERION = "Credibility with customers, partners and certification bodies abroad"


def _outside(fig):
    """What of the figure's texts, legends and axes is drawn outside it (drawn once by Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]
    if fig.get_supxlabel():
        boxes.append(fig._supxlabel.get_window_extent(renderer))
    return [
        (round(b.x0), round(b.y0), round(b.x1), round(b.y1))
        for b in boxes
        if b.x0 < page.x0 - 1 or b.y0 < page.y0 - 1 or b.x1 > page.x1 + 1 or b.y1 > page.y1 + 1
    ]


@pytest.mark.parametrize("language", ["en", "de", "fr", "zh_Hans"])
def test_every_figure_fits_its_texts_in_every_language(language, problem, inconsistent):
    """Margins are computed from the texts (no layout engine, one draw): nothing cut off,
    with long names and in the languages with the longest words."""
    long = Problem(
        criteria=[Criterion(LONG_CRITERION, "benefit"), Criterion("price", "cost")],
        alternatives=[Alternative(LONG), Alternative("Lean"), Alternative("质量管理体系认证")],
        performance=[[5, 4], [3, 1], [4, 2]],
        weights=[2, 1],
    )
    with mcda_iso.i18n.using(language):
        figures = {}
        for name, p in (("scenario", problem), ("long names", long)):
            result = mcda_iso.rank(p)
            analysis = sensitivity.analyse(result, samples=500, seed=1, points=21)
            figures |= {
                f"weights ({name})": plots.weights(result),
                f"ranking ({name})": plots.ranking(result),
                f"sweep ({name})": plots.weight_sweep(analysis, p.criterion_names[0]),
                f"acceptability ({name})": plots.acceptability(analysis.monte_carlo, problem=p),
                f"methods ({name})": plots.method_agreement(analysis.methods),
            }
        figures["inconsistency"] = plots.inconsistency(inconsistent)
    for name, fig in figures.items():
        assert fig.get_layout_engine() is None, name  # drawn once, not laid out first
        assert _outside(fig) == [], (name, language)
