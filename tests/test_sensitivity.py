"""Tests for mcda_iso.sensitivity.

References for the expected behaviour:

* Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability
  analysis for group decision making. *Operations Research*, 49(3), 444-454
  (rank acceptabilities, central weight vectors, confidence factors).
* García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and TOPSIS method.
  *Mathematical and Computer Modelling*, 56(5-6), 123-132 (TOPSIS reverses ranks when
  an alternative is removed; our three-alternative case is checked against
  ``pymcdm.methods.TOPSIS`` independently).
"""

from __future__ import annotations

import doctest

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization
from scipy.stats import spearmanr

from mcda_iso import (
    Criterion,
    Problem,
    criteria_weights,
    load_scenario,
    rank,
    sensitivity,
    synthesis,
    topsis,
)
from mcda_iso.errors import MethodError, ProblemError, WorkbookError
from mcda_iso.excel import read_workbook, write_results
from mcda_iso.sensitivity import (
    COMPARED_METHODS,
    MethodComparison,
    MonteCarloResult,
    SensitivityReport,
    analyse,
    compare_methods,
    monte_carlo,
    rank_reversal,
    thresholds,
    weight_sweep,
)


@pytest.fixture(scope="module")
def iso() -> Problem:
    return load_scenario("iso9001", profile="balanced")


def make_problem(matrix, kinds, weights, names=None) -> Problem:
    matrix = np.asarray(matrix, dtype=float)
    names = names or [f"A{i + 1}" for i in range(matrix.shape[0])]
    criteria = [Criterion(f"c{j + 1}", kind) for j, kind in enumerate(kinds)]
    return Problem(criteria, names, matrix, weights=weights)


# Two alternatives trading off two benefit criteria: A1 is better on c1, A2 on c2.
TRADE_OFF = make_problem([[9, 2], [3, 8]], ["benefit", "benefit"], [0.6, 0.4])
# A1 is at least as good as every other alternative on every criterion.
DOMINATED = make_problem(
    [[9, 1, 9], [5, 4, 6], [3, 6, 2], [4, 9, 5]], ["benefit", "cost", "benefit"], [0.5, 0.2, 0.3]
)


def scores_at(problem: Problem, criterion: str, t: float, method="topsis", normalization="vector"):
    """Scores with one weight set to t and the others rescaled, computed independently."""
    w = criteria_weights(problem)[0]
    j = list(w.index).index(criterion)
    rest = 1.0 - w.iloc[j]
    vector = w.to_numpy() * (1.0 - t) / rest
    vector[j] = t
    if method == "ahp":
        return synthesis.scores(problem.matrix, vector[None, :], problem.types)[0]
    return topsis.closeness(problem.matrix, vector[None, :], problem.types, normalization)[0]


def order_at(problem, criterion, t, **kwargs):
    return tuple(
        np.argsort(-np.round(scores_at(problem, criterion, t, **kwargs), 12), kind="stable")
    )


# --------------------------------------------------------------------------- weight_sweep


def test_sweep_shape_columns_and_endpoints(iso):
    sweep = weight_sweep(iso, "cost", points=21)
    m = len(iso.alternative_names)
    assert sweep.shape == (21 * m, 4)
    assert list(sweep.columns) == ["weight", "alternative", "score", "rank"]
    assert sweep["weight"].iloc[0] == 0.0 and sweep["weight"].iloc[-1] == 1.0
    assert list(sweep["alternative"].iloc[:m]) == list(iso.alternative_names)
    for t in (0.0, 0.35, 1.0):
        got = sweep.loc[np.isclose(sweep["weight"], t), "score"].to_numpy()
        np.testing.assert_allclose(got, scores_at(iso, "cost", t), rtol=0, atol=1e-12)
    # at weight 1 only cost counts: its best (lowest cost) alternative scores 1
    top = sweep[sweep["weight"] == 1.0]
    cheapest = iso.performance["cost"].idxmin()
    assert top.set_index("alternative").loc[cheapest, "score"] == pytest.approx(1.0)
    for _, group in sweep.groupby("weight"):
        assert group["rank"].min() == 1 and group["rank"].max() <= m


def test_sweep_ranks_match_rank_at_current_weight(iso):
    w = criteria_weights(iso)[0]
    sweep = weight_sweep(iso, "effort", points=3)
    mid = sweep[sweep["weight"] == 0.5].set_index("alternative")
    np.testing.assert_allclose(mid["score"], scores_at(iso, "effort", 0.5), atol=1e-12)
    assert w["effort"] < 0.5


def test_sweep_ahp_scores_are_linear_in_the_weight(iso):
    sweep = weight_sweep(iso, "credibility", points=5, method="ahp")
    wide = sweep.pivot(index="weight", columns="alternative", values="score")
    second = np.diff(wide.to_numpy(), n=2, axis=0)
    np.testing.assert_allclose(second, 0.0, atol=1e-12)


def test_sweep_errors(iso):
    with pytest.raises(ProblemError, match=r"unknown criterion 'price'; known: \['credibility'"):
        weight_sweep(iso, "price")
    with pytest.raises(MethodError, match=r"'points' must be an integer of at least 2 \(got 1\)"):
        weight_sweep(iso, "cost", points=1)
    with pytest.raises(MethodError, match="unknown ranking method 'electre'"):
        weight_sweep(iso, "cost", method="electre")


# --------------------------------------------------------------------------- thresholds


def check_bound(problem, criterion, bound, pair, **kwargs):
    """The pair's scores are equal at the bound, a is ahead just inside, b just outside.

    Returns the orders of all alternatives 1e-6 inside and 1e-6 outside the bound.
    """
    w = criteria_weights(problem)[0][criterion]
    names = problem.alternative_names
    a, b = (names.index(x) for x in pair)
    s = scores_at(problem, criterion, bound, **kwargs)
    assert abs(s[a] - s[b]) <= 1e-9
    step = 1e-6 if bound > w else -1e-6
    inside = scores_at(problem, criterion, bound - step, **kwargs)
    outside = scores_at(problem, criterion, bound + step, **kwargs)
    assert inside[a] > inside[b] and outside[a] < outside[b]
    return (
        order_at(problem, criterion, bound - step, **kwargs),
        order_at(problem, criterion, bound + step, **kwargs),
    )


def check_best_bound(problem, criterion, bound, best, by, **kwargs):
    """Just inside the bound ``best`` is first; just outside ``by`` is first."""
    inside, outside = check_bound(problem, criterion, bound, (best, by), **kwargs)
    names = problem.alternative_names
    assert names[inside[0]] == best and names[outside[0]] == by


def check_ranking_bound(problem, criterion, bound, change, current, **kwargs):
    """Just inside the bound the ranking is ``current``; just outside it is not."""
    behind, ahead = change.split(" overtakes ")
    inside, outside = check_bound(problem, criterion, bound, (ahead, behind), **kwargs)
    assert inside == current and outside != current


@pytest.mark.parametrize("method", ["topsis", "ahp"])
def test_thresholds_are_exact(iso, method):
    table = thresholds(iso, method=method)
    assert list(table.index) == list(iso.criterion_names)
    base = rank(iso, method=method)
    names = iso.alternative_names
    current = tuple(names.index(x) for x in base.ordered())
    best = base.best
    assert (table["best"] == best).all()
    checked = 0
    for criterion, row in table.iterrows():
        assert row.best_lower <= row.weight <= row.best_upper
        assert row.ranking_lower <= row.weight <= row.ranking_upper
        assert row.best_lower <= row.ranking_lower and row.ranking_upper <= row.best_upper
        for bound, by in ((row.best_lower, row.best_lower_by), (row.best_upper, row.best_upper_by)):
            if by is not None:
                check_best_bound(iso, criterion, bound, best, by, method=method)
                checked += 1
        for bound, change in (
            (row.ranking_lower, row.ranking_lower_change),
            (row.ranking_upper, row.ranking_upper_change),
        ):
            if change is not None:
                check_ranking_bound(iso, criterion, bound, change, current, method=method)
                checked += 1
    assert checked >= 3


def test_thresholds_sentence_and_unbounded_side(iso):
    table = thresholds(iso)
    row = table.loc["cost"]
    assert row.best_lower == 0.0 and row.best_lower_by is None
    assert row.sentence == (
        f"ISO 9001 certification stays first unless the weight of cost rises above "
        f"{row.best_upper:.2f} (now {row.weight:.2f}), when {row.best_upper_by} takes over."
    )


def test_thresholds_unbounded_when_the_weight_cannot_change_the_winner():
    table = thresholds(DOMINATED)
    assert table["robust"].all()
    assert (table["best_lower"] == 0.0).all() and (table["best_upper"] == 1.0).all()
    assert table["best_lower_by"].isna().all() and table["best_upper_by"].isna().all()
    assert table.loc["c2", "sentence"] == "A1 stays first whatever the weight of c2 (now 0.20)."


def test_thresholds_lower_bound_and_both_bounds():
    # two alternatives: the best interval is exactly where A1's score is the larger one
    table = thresholds(TRADE_OFF)
    c1 = table.loc["c1"]
    assert c1.best_lower_by == "A2" and c1.best_upper_by is None and c1.best_upper == 1.0
    check_best_bound(TRADE_OFF, "c1", c1.best_lower, "A1", "A2")
    assert c1.sentence == (
        f"A1 stays first unless the weight of c1 falls below {c1.best_lower:.2f} (now 0.60), "
        "when A2 takes over."
    )
    c2 = table.loc["c2"]
    assert c2.best_upper_by == "A2" and c2.best_lower_by is None
    assert c1.best_lower == pytest.approx(1.0 - c2.best_upper, abs=1e-12)
    # A1 is the all-round compromise: A3 wins if c1 hardly counts, A2 if it counts most
    compromise = make_problem([[7, 7], [10, 1], [1, 10]], ["benefit"] * 2, [0.5, 0.5])
    row = thresholds(compromise).loc["c1"]
    assert row.best == "A1" and row.best_lower_by == "A3" and row.best_upper_by == "A2"
    assert not row.robust
    check_best_bound(compromise, "c1", row.best_lower, "A1", "A3")
    check_best_bound(compromise, "c1", row.best_upper, "A1", "A2")
    assert row.sentence == (
        f"A1 stays first unless the weight of c1 falls below {row.best_lower:.2f} or rises "
        f"above {row.best_upper:.2f} (now 0.50); below, A3 takes over, above, A2."
    )
    # symmetric data: the two bounds are symmetric about 1/2
    assert row.best_lower == pytest.approx(1.0 - row.best_upper, abs=1e-9)


def test_thresholds_single_criterion_is_an_error():
    p = make_problem([[1.0], [2.0]], ["benefit"], [1.0])
    with pytest.raises(MethodError, match="at least two criteria"):
        thresholds(p)


def test_only_one_alternative_meets_the_requirements(iso):
    p = iso.replace(requirements={"credibility": {"minimum": 9}})
    with pytest.raises(MethodError, match=r"at least two alternatives .* \(got 1: ISO 9001"):
        thresholds(p)


def test_screened_out_alternatives_are_left_out(iso):
    p = iso.replace(requirements={"effort": {"maximum": 6}})
    kept = set(rank(p).scores.index)
    assert set(weight_sweep(p, "cost", points=2)["alternative"]) == kept
    assert set(monte_carlo(p, 100, seed=0).acceptability.index) == kept


# --------------------------------------------------------------------------- Monte Carlo


def test_acceptability_rows_and_columns_sum_to_one(iso):
    mc = monte_carlo(iso, 5_000, seed=3)
    assert isinstance(mc, MonteCarloResult)
    m = len(iso.alternative_names)
    assert mc.acceptability.shape == (m, m)
    assert list(mc.acceptability.columns) == list(range(1, m + 1))
    np.testing.assert_allclose(mc.acceptability.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(mc.acceptability.sum(axis=0), 1.0, atol=1e-12)
    assert mc.first.name == "first"
    assert mc.first.equals(mc.acceptability[1].rename("first"))
    assert mc.samples == 5_000 and mc.seed == 3


def test_huge_concentration_gives_the_deterministic_ranking(iso):
    mc = monte_carlo(iso, 2_000, seed=1, concentration=1e12)
    ordered = rank(iso).ordered()
    expected = pd.DataFrame(0.0, index=mc.acceptability.index, columns=mc.acceptability.columns)
    for r, name in enumerate(ordered, start=1):
        expected.loc[name, r] = 1.0
    pd.testing.assert_frame_equal(mc.acceptability, expected)
    np.testing.assert_allclose(
        mc.central_weights.loc[ordered[0]], criteria_weights(iso)[0], atol=1e-5
    )


def test_same_seed_same_numbers_different_seed_different(iso):
    a = monte_carlo(iso, 3_000, seed=11, weights="uniform")
    b = monte_carlo(iso, 3_000, seed=11, weights="uniform")
    c = monte_carlo(iso, 3_000, seed=12, weights="uniform")
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)
    pd.testing.assert_frame_equal(a.central_weights, b.central_weights)
    assert not a.acceptability.equals(c.acceptability)


def test_seed_none_is_recorded_and_repeats(iso):
    a = monte_carlo(iso, 1_000, weights="uniform")
    b = monte_carlo(iso, 1_000, seed=a.seed, weights="uniform")
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"weights": "uniform"},
        {"performance_uncertainty": 0.15},
        {"performance_uncertainty": 0.1, "method": "ahp"},
        {"performance_uncertainty": 0.1, "normalization": "minmax"},
        {"weights": "experts", "expert_weights": [[5, 1, 1, 1, 1], [1, 1, 1, 5, 5]]},
    ],
)
def test_chunked_and_unchunked_runs_are_identical(iso, kwargs):
    samples = 9_001  # not a multiple of the block size
    whole = monte_carlo(iso, samples, seed=5, chunk_size=10**6, **kwargs)
    for chunk in (1, 4096, 8192):
        part = monte_carlo(iso, samples, seed=5, chunk_size=chunk, **kwargs)
        pd.testing.assert_frame_equal(part.acceptability, whole.acceptability, check_exact=True)
        pd.testing.assert_frame_equal(part.central_weights, whole.central_weights, check_exact=True)
        pd.testing.assert_series_equal(part.confidence, whole.confidence, check_exact=True)


def test_uniform_weights_spread_the_acceptabilities(iso):
    uniform = monte_carlo(iso, 5_000, seed=2, weights="uniform")
    centred = monte_carlo(iso, 5_000, seed=2)
    assert uniform.distribution == "uniform" and uniform.concentration is None
    assert (uniform.acceptability > 0).sum().sum() > (centred.acceptability > 0).sum().sum()
    np.testing.assert_allclose(uniform.acceptability.sum(axis=0), 1.0, atol=1e-12)


def test_central_weights_and_confidence(iso):
    mc = monte_carlo(iso, 5_000, seed=4, weights="uniform")
    cw = mc.central_weights
    assert not cw.isna().any().any()
    winners = mc.first > 0
    np.testing.assert_allclose(cw[winners].sum(axis=1), 1.0, atol=1e-12)
    assert (cw[~winners] == 0).all().all()
    assert set(mc.confidence.unique()) <= {0.0, 1.0}
    assert (mc.confidence[~winners] == 0).all()
    # without performance uncertainty: 1 exactly when the alternative wins at its centre
    for name in cw.index[winners]:
        s = topsis.closeness(iso.matrix, cw.loc[name].to_numpy()[None, :], iso.types)[0]
        assert mc.confidence[name] == float(iso.alternative_names[int(np.argmax(s))] == name)


def test_confidence_with_performance_uncertainty(iso):
    mc = monte_carlo(iso, 4_000, seed=9, performance_uncertainty=0.3, weights="uniform")
    assert ((mc.confidence >= 0) & (mc.confidence <= 1)).all()
    assert 0 < mc.confidence.max() <= 1
    assert mc.confidence[mc.first == 0].eq(0).all()


def test_experts_mode_mixes_the_experts():
    # expert 1 cares only about c1 (A1 wins), expert 2 only about c2 (A2 wins)
    mc = monte_carlo(TRADE_OFF, 4_000, seed=1, weights="experts", expert_weights=[[1, 0], [0, 1]])
    assert mc.first["A1"] == pytest.approx(0.5, abs=0.03)
    frame = pd.DataFrame([[0, 1], [1, 0]], columns=["c2", "c1"])  # matched by name
    same = monte_carlo(TRADE_OFF, 4_000, seed=1, weights="experts", expert_weights=frame)
    pd.testing.assert_frame_equal(mc.acceptability, same.acceptability)


def test_experts_of_a_group_problem_are_used_in_proportion_to_their_weights():
    # QM puts 0.9 on c1 (A1 wins), the CEO 0.9 on c2 (A2 wins); QM weighs 3, the CEO 1
    group = Problem(
        [Criterion("c1", "benefit"), Criterion("c2", "benefit")],
        ["A1", "A2"],
        [[9, 2], [3, 8]],
        experts={"QM": [[1, 9], [1 / 9, 1]], "CEO": [[1, 1 / 9], [9, 1]]},
        expert_weights={"QM": 3, "CEO": 1},
    )
    mc = monte_carlo(group, 8_000, seed=1, weights="experts", concentration=1e6)
    assert mc.distribution == "experts"
    assert mc.first["A1"] == pytest.approx(0.75, abs=0.02)
    # the central weights of each winner are its expert's priorities
    np.testing.assert_allclose(mc.central_weights.loc["A1"], [0.9, 0.1], atol=1e-3)
    np.testing.assert_allclose(mc.central_weights.loc["A2"], [0.1, 0.9], atol=1e-3)


def test_experts_with_sub_criteria_are_drawn_around_their_global_weights():
    # A 2x2 judgment a gives the weights a / (1 + a) and 1 / (1 + a), exactly.
    # QM: quality 4x cost -> 0.8 / 0.2; fees 3x staff time -> 0.75 / 0.25;
    #     global weights (quality, fees, staff time) = (0.8, 0.15, 0.05): A1 wins.
    # CEO: cost 4x quality -> 0.2 / 0.8; staff time 3x fees -> 0.25 / 0.75;
    #     global weights (0.2, 0.2, 0.6): A2 wins.
    group = Problem(
        [
            Criterion("quality", "benefit"),
            Criterion("cost", "cost"),
            Criterion("fees", "cost", parent="cost"),
            Criterion("staff time", "cost", parent="cost"),
        ],
        ["A1", "A2"],
        [[9, 9, 9], [3, 2, 2]],
        experts={
            "QM": {None: [[1, 4], [1 / 4, 1]], "cost": [[1, 3], [1 / 3, 1]]},
            "CEO": {None: [[1, 1 / 4], [4, 1]], "cost": [[1, 1 / 3], [3, 1]]},
        },
        expert_weights={"QM": 3, "CEO": 1},
    )
    qm, ceo = [0.8, 0.15, 0.05], [0.2, 0.2, 0.6]
    np.testing.assert_allclose(rank(group).expert_priorities.to_numpy(), [qm, ceo])
    mc = monte_carlo(group, 8_000, seed=3, weights="experts", concentration=1e6)
    assert list(mc.central_weights.columns) == ["quality", "fees", "staff time"]
    # each expert is picked in proportion to their weight ...
    assert mc.first["A1"] == pytest.approx(0.75, abs=0.02)
    # ... and the samples lie around that expert's global (not local) weights
    np.testing.assert_allclose(mc.central_weights.loc["A1"], qm, atol=1e-3)
    np.testing.assert_allclose(mc.central_weights.loc["A2"], ceo, atol=1e-3)
    # with a loose concentration the mean of all samples is still the experts' mixture
    loose = monte_carlo(group, 20_000, seed=4, weights="experts", concentration=30)
    mean = loose.first.to_numpy() @ loose.central_weights.to_numpy()
    np.testing.assert_allclose(mean, 0.75 * np.array(qm) + 0.25 * np.array(ceo), atol=0.01)


def test_progress_is_reported(iso):
    calls = []
    monte_carlo(iso, 10_000, seed=0, chunk_size=4096, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(4096, 10_000), (8192, 10_000), (10_000, 10_000)]
    calls.clear()
    monte_carlo(
        iso, 5_000, seed=0, performance_uncertainty=0.1, progress=lambda *a: calls.append(a)
    )
    assert calls[-1] == (10_000, 10_000)


def test_holistic_acceptability(iso):
    mc = monte_carlo(iso, 2_000, seed=0)
    h = mc.holistic()
    assert h.idxmax() == rank(iso).best
    np.testing.assert_allclose(mc.holistic([1] + [0] * 6), mc.first)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weights": "beta"}, MethodError, "unknown weight distribution 'beta'"),
        ({"seed": -1}, MethodError, r"'seed' must be a non-negative integer or None \(got -1\)"),
        ({"samples": 0}, MethodError, r"'samples' must be a positive integer \(got 0\)"),
        ({"concentration": 0}, MethodError, r"'concentration' must be a positive finite number"),
        (
            {"performance_uncertainty": 1.0},
            MethodError,
            r"must be a number in \[0, 1\) \(got 1.0\)",
        ),
        (
            {"weights": "experts"},
            MethodError,
            "weights='experts' needs the experts' weight vectors: give 'expert_weights'",
        ),
        (
            {"weights": "dirichlet", "expert_weights": [[1, 1, 1, 1, 1]]},
            MethodError,
            "only used with weights='experts'",
        ),
        (
            {"weights": "experts", "expert_weights": [[1, 1, 1]]},
            ProblemError,
            r"one row per expert and 5 columns, one per criterion \(got shape \(1, 3\)\)",
        ),
        (
            {"weights": "experts", "expert_weights": [[1, 1, -1, 1, 1]]},
            ProblemError,
            r"expert 0, 'market access' is -1.0",
        ),
        ({"chunk_size": 0}, MethodError, r"'chunk_size' must be a positive integer"),
    ],
)
def test_monte_carlo_errors(iso, kwargs, error, message):
    args = {"samples": 10, **kwargs}
    with pytest.raises(error, match=message):
        monte_carlo(iso, **args)


def test_str_shows_the_table(iso):
    text = str(monte_carlo(iso, 1_000, seed=1))
    assert "Rank acceptability (1,000 samples, seed 1" in text
    assert "ISO 9001 certification" in text and "confidence %" in text


# --------------------------------------------------------------------------- compare_methods


def test_compare_methods_shape_and_known_properties(iso):
    c = compare_methods(iso)
    assert isinstance(c, MethodComparison)
    assert list(c.rankings.columns) == list(COMPARED_METHODS)
    assert c.rankings.shape == c.scores.shape == (7, 7)
    for table in (c.spearman, c.weighted_spearman, c.ws):
        assert table.shape == (7, 7)
        np.testing.assert_allclose(np.diag(table), 1.0)
    np.testing.assert_allclose(c.spearman, c.spearman.T)
    np.testing.assert_allclose(c.weighted_spearman, c.weighted_spearman.T)
    assert c.skipped == {}
    assert (c.rankings["topsis_vector"] == rank(iso).ranks).all()
    assert (c.rankings["ahp"] == rank(iso, method="ahp").ranks).all()
    for column in c.rankings:
        assert sorted(c.rankings[column]) == list(range(1, 8))


def test_compare_methods_cross_checked_with_pymcdm_and_scipy(iso):
    c = compare_methods(iso)
    w = criteria_weights(iso)[0].to_numpy()
    # pymcdm's TOPSIS defaults to min-max normalisation
    np.testing.assert_allclose(
        c.scores["topsis_minmax"], TOPSIS()(iso.matrix, w, iso.types), rtol=0, atol=1e-12
    )
    rho = spearmanr(c.rankings["topsis_vector"], c.rankings["vikor"]).statistic
    assert c.spearman.loc["topsis_vector", "vikor"] == pytest.approx(rho, abs=1e-12)


def test_compare_methods_orientation_with_a_dominating_alternative():
    c = compare_methods(DOMINATED)
    assert (c.rankings.loc["A1"] == 1).all()
    assert c.agree_on_best
    # VIKOR and SPOTIS: lower is better, so A1 has the smallest score
    assert c.scores["vikor"].idxmin() == "A1" and c.scores["spotis"].idxmin() == "A1"
    assert c.scores["promethee_ii"].idxmax() == "A1"


def test_compare_methods_skips_methods_that_do_not_apply():
    p = make_problem([[0, 5, 3], [4, 5, 2], [7, 5, 1]], ["benefit", "benefit", "cost"], [1, 1, 1])
    c = compare_methods(p)
    assert set(c.skipped) == {"ahp", "vikor", "wsm"}
    assert "strictly positive" in c.skipped["ahp"]
    # in words, naming the criterion, never the numerical library's text
    assert c.skipped["vikor"] == (
        "VIKOR (v = 0.5) cannot rank these values: 'c2' has the same value for every "
        "alternative, which the method divides by"
    )
    assert "'A1' has 0 on 'c1'" in c.skipped["wsm"]
    assert list(c.rankings.columns) == ["topsis_vector", "topsis_minmax", "promethee_ii", "spotis"]
    assert "(not applied: vikor:" in str(c)


# --------------------------------------------------------------------------- rank reversal

# Three alternatives, two equally weighted benefit criteria. With vector normalisation
# TOPSIS ranks A2 > A3 > A1; without A2 it ranks A1 > A3: A1 and A3 swap although
# neither changed (the kind of case studied by García-Cascales & Lamata 2012).
REVERSAL = make_problem([[4, 5], [6, 4], [2, 9]], ["benefit", "benefit"], [0.5, 0.5])


def test_rank_reversal_detected_and_confirmed_by_pymcdm():
    table = rank_reversal(REVERSAL)
    assert table.to_dict("records") == [
        {"removed": "A2", "a": "A3", "b": "A1", "before": ">", "after": "<"}
    ]
    reference = TOPSIS(vector_normalization)
    full = reference(REVERSAL.matrix, np.array([0.5, 0.5]), np.array([1, 1]), validation=False)
    less = reference(
        REVERSAL.matrix[[0, 2]], np.array([0.5, 0.5]), np.array([1, 1]), validation=False
    )
    assert full[2] > full[0] and less[0] > less[1]


def test_no_rank_reversal_gives_an_empty_table():
    table = rank_reversal(DOMINATED, method="topsis")
    chain = make_problem([[9, 1], [6, 4], [3, 7]], ["benefit", "cost"], [0.5, 0.5])
    assert rank_reversal(chain).empty
    assert list(table.columns) == ["removed", "a", "b", "before", "after"]


# --------------------------------------------------------------------------- analyse


def test_docstring_examples_run():
    import importlib
    import pkgutil

    attempted = 0
    for info in pkgutil.iter_modules(sensitivity.__path__, "mcda_iso.sensitivity."):
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, info.name
        attempted += result.attempted
    assert attempted >= 10


def test_analyse_bundles_everything(iso):
    report = analyse(iso, samples=2_000, seed=1, points=11)
    assert isinstance(report, SensitivityReport)
    assert set(report.sweeps) == set(iso.criterion_names)
    assert report.sweeps["cost"].shape == (77, 4)
    assert report.monte_carlo.samples == 2_000
    assert report.sentences() == list(report.thresholds["sentence"])
    text = str(report)
    assert "Weight thresholds" in text and "Rank acceptability" in text
    assert "Spearman rank correlation" in text


# --------------------------------------------------------------------------- results workbook


def cells(ws) -> dict[object, tuple[int, int]]:
    """Where each value first appears on a sheet: value -> (row, column)."""
    found: dict[object, tuple[int, int]] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                found.setdefault(cell.value, (cell.row, cell.column))
    return found


def test_results_workbook_sensitivity_sheets(tmp_path, iso):
    report = analyse(iso, samples=3_000, seed=2, points=11)
    path = write_results(tmp_path / "results.xlsx", rank(iso), sensitivity=report)
    assert read_workbook(path) == iso  # the new sheets are ignored by the reader
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    assert names[names.index("Consistency") + 1 : names.index("Consistency") + 4] == [
        "Sensitivity",
        "Acceptability",
        "Methods",
    ]

    ws = wb["Sensitivity"]
    where = cells(ws)
    for sentence in report.thresholds["sentence"]:
        assert where[sentence][1] == 1
    head, _ = where["criterion"]
    for criterion, t in report.thresholds.iterrows():
        row = next(r for r in range(head + 1, head + 6) if ws.cell(r, 1).value == criterion)
        got = [ws.cell(row, c).value for c in range(2, 7)]
        # numbers as stored by openpyxl (15 significant digits)
        assert got[:3] == pytest.approx([t.weight, t.best_lower, t.best_upper], rel=1e-14)
        assert got[3:] == [t.best_lower_by, t.best_upper_by]
        assert ws.cell(row, 12).value == t.sentence
    charts = ws._charts
    assert [type(c).__name__ for c in charts] == ["LineChart"] * len(iso.criterion_names)
    assert all(len(c.series) == len(iso.alternative_names) for c in charts)

    ws = wb["Acceptability"]
    mc = report.monte_carlo
    head, _ = where_alt = cells(ws)["alternative"]
    assert where_alt[1] == 1
    for r in range(head + 1, head + 1 + len(mc.acceptability)):
        name = ws.cell(r, 1).value
        got = [ws.cell(r, c).value for c in range(2, len(mc.acceptability) + 3)]
        assert got == pytest.approx([*mc.acceptability.loc[name], mc.confidence[name]], rel=1e-14)
    (chart,) = ws._charts
    assert type(chart).__name__ == "BarChart" and chart.grouping == "stacked"
    assert len(chart.series) == len(mc.acceptability.columns)  # one series per rank

    ws = wb["Methods"]
    head, _ = cells(ws)["Ranks by method (1 = best)"]
    columns = [ws.cell(head + 1, c).value for c in range(2, 9)]
    assert columns == list(report.methods.rankings.columns)
    for r in range(head + 2, head + 9):
        name = ws.cell(r, 1).value
        got = [ws.cell(r, c).value for c in range(2, 9)]
        assert got == list(report.methods.rankings.loc[name])
    where = cells(ws)
    assert "Spearman rank correlation" in where and "WS rank similarity" in " ".join(
        str(v) for v in where
    )
    for row in report.rank_reversal.itertuples(index=False):
        assert row.removed in where


def test_results_workbook_without_sensitivity_has_no_such_sheets(tmp_path, iso):
    path = write_results(tmp_path / "plain.xlsx", rank(iso))
    names = openpyxl.load_workbook(path).sheetnames
    assert not {"Sensitivity", "Acceptability", "Methods"} & set(names)


def test_results_workbook_rejects_a_wrong_sensitivity_object(tmp_path, iso):
    with pytest.raises(WorkbookError, match=r"sensitivity=mcda_iso.sensitivity.analyse\(result\)"):
        write_results(tmp_path / "x.xlsx", rank(iso), sensitivity=monte_carlo(iso, 10, seed=0))


# ------------------------------------------------------ experts: the ranking's aggregation


@pytest.fixture(scope="module")
def split_team():
    """Two experts on the five built-in criteria; with n = 5 and inconsistent
    judgments AIJ and AIP give different group weights."""
    p = load_scenario("iso9001")
    qm = p.comparisons.to_numpy()
    ceo = qm.copy()
    ceo[0, 3], ceo[1, 4] = 1 / qm[0, 3], 3 * qm[1, 4]
    ceo[3, 0], ceo[4, 1] = 1 / ceo[0, 3], 1 / ceo[1, 4]
    return p.replace(experts={"Quality manager": qm, "CEO": ceo})


@pytest.mark.filterwarnings("ignore::mcda_iso.ConsistencyWarning")
def test_sensitivity_analyses_the_weights_of_the_rankings_aggregation(split_team):
    by = {a: rank(split_team, aggregation=a).weights.to_numpy() for a in ("aij", "aip")}
    assert np.abs(by["aij"] - by["aip"]).max() > 5e-3  # the two really differ here
    for aggregation, expected in by.items():
        weights, _ = criteria_weights(split_team, aggregation=aggregation)
        np.testing.assert_allclose(weights.to_numpy(), expected, rtol=1e-12)
        report = analyse(split_team, samples=200, seed=1, aggregation=aggregation)
        np.testing.assert_allclose(report.thresholds["weight"].to_numpy(), expected, rtol=1e-12)
        np.testing.assert_allclose(
            report.monte_carlo.reference_weights.to_numpy(), expected, rtol=1e-12
        )
        sweep = weight_sweep(split_team, "cost", 3, aggregation=aggregation)
        half = expected.copy()  # cost at 0.5, the others keep their proportions
        j = split_team.criterion_names.index("cost")
        half *= 0.5 / (1 - half[j])
        half[j] = 0.5
        scores = topsis.closeness(split_team.matrix, half, split_team.types)
        np.testing.assert_allclose(sweep[sweep["weight"] == 0.5]["score"], scores, rtol=1e-12)
    with pytest.raises(MethodError, match="unknown aggregation 'mean'"):
        thresholds(split_team, aggregation="mean")


@pytest.mark.filterwarnings("ignore::mcda_iso.ConsistencyWarning")
@pytest.mark.parametrize("scale", ["balanced", "geometric"])
def test_sensitivity_analyses_the_weights_of_the_rankings_scale(split_team, scale):
    ranked = rank(split_team, scale=scale, aggregation="aip")
    saaty = rank(split_team, aggregation="aip").weights.to_numpy()
    expected = ranked.weights.to_numpy()
    assert np.abs(expected - saaty).max() > 1e-2  # the scale really changes the weights
    report = analyse(split_team, samples=200, seed=1, aggregation="aip", scale=scale)
    np.testing.assert_allclose(report.thresholds["weight"].to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(report.monte_carlo.reference_weights, expected, rtol=1e-12)
    # TOPSIS in the method comparison scores with the same weights as the ranking
    topsis_scores = report.methods.scores["topsis_vector"].to_numpy()
    np.testing.assert_allclose(topsis_scores, ranked.scores.to_numpy(), rtol=1e-10)
    # drawn tightly around each expert's own weights, read on the same scale: both experts
    # put the same alternative first, so its central weights are the experts' mean weights
    mc = monte_carlo(split_team, 4000, seed=2, weights="experts", concentration=1e6, scale=scale)
    assert mc.first[ranked.best] == 1.0
    own = np.mean([p.weights for p in ranked.group.experts.values()], axis=0)
    on_saaty = np.mean([p.weights for p in rank(split_team).group.experts.values()], axis=0)
    central = mc.central_weights.loc[ranked.best].to_numpy()
    np.testing.assert_allclose(central, own, atol=2e-3)
    assert np.abs(central - on_saaty).max() > 1e-2


def test_a_team_is_sampled_around_its_experts_by_default(iso):
    """A group's firmness comes from the experts' spread unless asked otherwise."""
    own = iso.comparisons
    team = iso.replace(comparisons=None, experts={"QM": own, "CEO": own.T})
    ranked = rank(team)
    assert monte_carlo(ranked, 200, seed=1).distribution == "experts"
    assert monte_carlo(ranked, 200, seed=1, weights="dirichlet").distribution == "dirichlet"
    assert monte_carlo(rank(iso), 200, seed=1).distribution == "dirichlet"
    given = monte_carlo(rank(iso), 200, seed=1, expert_weights=[[1, 1, 1, 1, 1]])
    assert given.distribution == "experts"


def _all_pairs_reversal(result):
    """Reference: every pair of the others compared after each removal (O(m^3))."""
    base = np.round(result.scores.to_numpy(), 12)
    names = list(result.scores.index)
    symbols = np.array(["<", "=", ">"])
    rows = []
    for removed in range(base.size):
        keep = np.delete(np.arange(base.size), removed)
        sub = result.problem.subset([names[i] for i in keep])
        try:
            after = np.round(rank(sub, **result.options.as_dict()).scores.to_numpy(), 12)
        except MethodError:
            after = np.zeros(keep.size)
        for i in range(keep.size):
            for k in range(i + 1, keep.size):
                a, b, pa, pb = keep[i], keep[k], i, k
                if base[a] < base[b]:
                    a, b, pa, pb = b, a, pb, pa
                before_sign = int(np.sign(base[a] - base[b]))
                after_sign = int(np.sign(after[pa] - after[pb]))
                if before_sign != after_sign:
                    rows.append((names[removed], names[a], names[b],
                                 symbols[before_sign + 1], symbols[after_sign + 1]))  # fmt: skip
    return pd.DataFrame(rows, columns=["removed", "a", "b", "before", "after"])


@pytest.mark.parametrize("seed", range(12))
def test_rank_reversal_equals_comparing_every_pair(seed):
    """The windowed comparison finds exactly the pairs an all-pairs comparison finds,
    ties included (integer ratings make many)."""
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(3, 16)), int(rng.integers(2, 5))
    values = rng.integers(1, 4, (m, n)) if seed % 2 else rng.uniform(1, 10, (m, n))
    kinds = ["cost"] + ["benefit"] * (n - 1)
    problem = make_problem(values.astype(float), kinds, [1] * n)
    for method in ("topsis", "ahp"):
        result = rank(problem, method)
        got = rank_reversal(result)
        pd.testing.assert_frame_equal(got, _all_pairs_reversal(result))


# --------------------------------------------------------------- issue 13: what is printed


def test_a_fresh_seed_is_short_enough_to_type_back():
    from mcda_iso.sensitivity import monte_carlo

    result = rank(load_scenario("iso9001"))
    seeds = {monte_carlo(result, samples=50).seed for _ in range(5)}
    assert all(0 <= s < 2**32 for s in seeds) and len(seeds) > 1
    again = monte_carlo(result, samples=50, seed=max(seeds))
    assert f"seed {max(seeds)};" in str(again)


def test_never_first_alternatives_show_no_confidence_factor():
    from mcda_iso.sensitivity import monte_carlo

    mc = monte_carlo(rank(load_scenario("iso9001")), samples=500, seed=1)
    lines = str(mc).splitlines()
    never = [a for a in mc.acceptability.index if mc.acceptability.loc[a, 1] == 0]
    assert never  # the built-in scenario has alternatives that are never first
    for name in never:
        (row,) = [line for line in lines if line.startswith(name)]
        assert row.rstrip().endswith("-") and "100.0" not in row, row
    assert any("'-': never first in the samples" in line for line in lines)


def test_ranking_order_is_the_stable_sort():
    from mcda_iso.sensitivity.montecarlo import _ranking_order

    rng = np.random.default_rng(0)
    scores = rng.uniform(size=(500, 30))
    scores[::7, 3] = scores[::7, 11]  # exact ties in some rows
    scores[::13] = 0.5  # every alternative tied
    np.testing.assert_array_equal(
        _ranking_order(scores), np.argsort(-scores, axis=1, kind="stable")
    )
