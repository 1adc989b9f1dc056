"""Tests for mcda_iso/ranking.py: rank(), Result, compare()."""

import numpy as np
import pandas as pd
import pytest
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import minmax_normalization, vector_normalization
from pymcdm.weights.subjective import AHP

from mcda_iso import (
    ConsistencyWarning,
    Criterion,
    MethodError,
    Problem,
    compare,
    criteria_weights,
    load_scenario,
    rank,
)


@pytest.fixture
def balanced():
    return load_scenario("iso9001", profile="balanced")


@pytest.mark.parametrize(
    ("normalization", "func"), [("vector", vector_normalization), ("minmax", minmax_normalization)]
)
def test_topsis_ranking_matches_pymcdm(balanced, normalization, func):
    result = rank(balanced, normalization=normalization)
    w = AHP(matrix=balanced.comparisons.to_numpy())()
    expected = TOPSIS(func)(balanced.matrix, w, balanced.types)
    np.testing.assert_allclose(result.weights.to_numpy(), w, atol=1e-12)
    np.testing.assert_allclose(result.scores.to_numpy(), expected, atol=1e-12)
    assert result.method == "topsis" and result.normalization == normalization
    assert result.problem is balanced


def test_ahp_synthesis_distributive_by_hand(balanced):
    result = rank(balanced, method="ahp")
    m = balanced.matrix
    local = np.where(balanced.types > 0, m / m.sum(axis=0), (1 / m) / (1 / m).sum(axis=0))
    expected = local @ result.weights.to_numpy()
    np.testing.assert_allclose(result.scores.to_numpy(), expected, rtol=1e-12)
    assert np.isclose(result.scores.sum(), 1.0)
    assert result.details is None and result.normalization is None


def test_result_fields(balanced):
    result = rank(balanced)
    assert isinstance(result.weights, pd.Series) and np.isclose(result.weights.sum(), 1)
    assert list(result.weights.index) == list(balanced.criterion_names)
    assert list(result.scores.index) == list(balanced.alternative_names)
    assert sorted(result.ranks) == list(range(1, len(result.ranks) + 1))
    assert result.ranks[result.best] == 1
    assert result.ahp is not None and result.ahp.consistent and result.consistent
    frame = result.to_frame()
    assert list(frame.columns) == ["score", "rank", "d_plus", "d_minus"]
    assert frame["rank"].tolist() == sorted(frame["rank"].tolist())
    d = result.details
    np.testing.assert_allclose(result.scores, d["d_minus"] / (d["d_plus"] + d["d_minus"]))
    text = str(result)
    assert "CR =" in text and "Recommended: ISO 9001 certification" in text
    assert result.ordered()[0] == result.best


def test_direct_weights_have_no_ahp(balanced):
    p = balanced.replace(
        weights={"credibility": 2, "efficiency": 2, "market access": 2, "cost": 1, "effort": 1}
    )
    result = rank(p)
    assert result.ahp is None and result.consistent is None
    np.testing.assert_allclose(result.weights.to_numpy(), [0.25, 0.25, 0.25, 0.125, 0.125])
    assert "CR" not in str(result)


def test_ties_share_a_rank():
    crit = [Criterion("q", "benefit"), Criterion("c", "cost")]
    p = Problem(crit, ["A", "B", "C"], [[5, 5], [5, 5], [1, 9]], weights=[1, 1])
    result = rank(p)
    assert result.ranks.tolist() == [1, 1, 3]
    assert "tie for first place" in result.recommendation()


def test_inconsistent_judgments_warn_and_say_so(balanced):
    p = (
        balanced.with_judgment("credibility", "market access", 9)
        .with_judgment("market access", "efficiency", 9)
        .with_judgment("efficiency", "credibility", 9)
    )
    with pytest.warns(ConsistencyWarning, match="CR = .* exceeds"):
        result = rank(p)
    assert not result.consistent
    assert "INCONSISTENT" in str(result)
    assert "Caution" in result.recommendation()


def test_geometric_mean_weights(balanced):
    w, pri = criteria_weights(balanced, ahp_method="geometric_mean")
    a = balanced.comparisons.to_numpy()
    g = np.prod(a, axis=1) ** (1 / len(a))
    np.testing.assert_allclose(w.to_numpy(), g / g.sum(), rtol=1e-12)
    assert pri.method == "geometric_mean"


def test_unknown_method(balanced):
    with pytest.raises(MethodError, match="unknown ranking method 'electre'.*topsis, ahp"):
        rank(balanced, method="electre")


def test_ahp_needs_positive_values():
    crit = [Criterion("q", "benefit"), Criterion("c", "cost")]
    p = Problem(crit, ["A", "B"], [[5, 0], [3, 1]], weights=[1, 1])
    with pytest.raises(MethodError, match="strictly positive.*'c'"):
        rank(p, method="ahp")
    assert rank(p).best in {"A", "B"}  # TOPSIS has no such restriction


def test_nothing_discriminates_is_an_error():
    crit = [Criterion("q", "benefit"), Criterion("c", "cost")]
    p = Problem(crit, ["A", "B"], [[5, 2], [5, 2]], weights=[1, 1])
    with pytest.raises(MethodError, match="nothing can discriminate"):
        rank(p)


def test_compare_side_by_side(balanced):
    c = compare(balanced)
    assert list(c.table.columns) == ["topsis_score", "topsis_rank", "ahp_score", "ahp_rank"]
    assert -1 <= c.spearman <= 1
    ranks_t = c.table["topsis_rank"].to_numpy(float)
    ranks_a = c.table["ahp_rank"].to_numpy(float)
    expected = np.corrcoef(ranks_t, ranks_a)[0, 1]  # Spearman = Pearson on ranks
    assert np.isclose(c.spearman, expected)
    assert "Spearman" in str(c)


@pytest.mark.parametrize(
    ("profile", "winner"),
    [
        ("major-customer-supplier", "ISO 9001 certification"),
        ("small-business", "ISO 9001-aligned QMS (uncertified)"),
        ("operational-excellence", "Lean"),
    ],
)
def test_profiles_make_the_dependence_visible(profile, winner):
    assert rank(load_scenario("iso9001", profile=profile)).best == winner


# =====================================================================================
# Group decisions and pairwise rating of alternatives in rank() (issue 4; the group /
# alternatives helper owns this block).
#
# Belton, V., & Gear, T. (1983). On a short-coming of Saaty's method of analytic
# hierarchies. Omega 11(3), 228-230: three equally weighted criteria, alternatives
# A, B, C with local priorities (1, 9, 1)/11, (9, 1, 1)/11 and (8, 9, 1)/18; adding D,
# a copy of B, reverses A and B under distributive synthesis. Ideal mode (Saaty 1994;
# Millet & Saaty 2000, EJOR 121(1), 205-212) keeps the order.
# =====================================================================================

import warnings  # noqa: E402

from mcda_iso import ahp  # noqa: E402
from mcda_iso.ranking import consensus_words  # noqa: E402
from mcda_iso.sensitivity import monte_carlo  # noqa: E402

NAN = float("nan")
BG_RATINGS = np.array([[1.0, 9, 8], [9, 1, 9], [1, 1, 1]])  # rows A, B, C


def _ratio_matrix(values):
    """The consistent comparison matrix a_ij = v_i / v_j."""
    v = np.asarray(values, dtype=float)
    return v[:, None] / v[None, :]


def belton_gear(with_copy: bool) -> Problem:
    ratings = np.vstack([BG_RATINGS, BG_RATINGS[1]]) if with_copy else BG_RATINGS
    names = ["A", "B", "C", "D"][: len(ratings)]
    crits = [Criterion(f"c{k + 1}", "benefit") for k in range(3)]
    return Problem(
        crits,
        names,
        None,
        weights=[1, 1, 1],
        alternative_comparisons={f"c{k + 1}": _ratio_matrix(ratings[:, k]) for k in range(3)},
    )


def test_belton_gear_local_priorities_from_pairwise_comparisons():
    r = rank(belton_gear(False), method="ahp")
    np.testing.assert_allclose(r.alternative_priorities["c1"].weights, [1 / 11, 9 / 11, 1 / 11])
    np.testing.assert_allclose(r.alternative_priorities["c3"].weights, [8 / 18, 9 / 18, 1 / 18])
    assert all(p.cr == pytest.approx(0, abs=1e-12) for p in r.alternative_priorities.values())
    # B = (9/11 + 1/11 + 9/18) / 3 beats A = (1/11 + 9/11 + 8/18) / 3
    assert r.scores["B"] == pytest.approx((10 / 11 + 0.5) / 3)
    assert r.scores["A"] == pytest.approx((10 / 11 + 8 / 18) / 3)


def test_distributive_mode_reverses_belton_gear_ideal_mode_does_not():
    before = rank(belton_gear(False), method="ahp", mode="distributive")
    after = rank(belton_gear(True), method="ahp", mode="distributive")
    assert before.ranks["B"] < before.ranks["A"]
    assert after.ranks["A"] < after.ranks["B"]  # the copy of B reversed A and B
    ideal_before = rank(belton_gear(False), method="ahp", mode="ideal")
    ideal_after = rank(belton_gear(True), method="ahp", mode="ideal")
    assert ideal_before.ranks["B"] < ideal_before.ranks["A"]
    assert ideal_after.ranks["B"] < ideal_after.ranks["A"]
    # ideal mode: B = (1 + 1/9 + 1) / 3, unchanged by D
    assert ideal_after.scores["B"] == pytest.approx(ideal_before.scores["B"])
    assert ideal_after.scores["B"] == pytest.approx((2 + 1 / 9) / 3)
    assert ideal_after.method_title == "AHP synthesis (ideal mode)"
    assert "ideal mode" in str(ideal_after)


def test_ideal_mode_ignores_an_irrelevant_low_alternative():
    p = belton_gear(False)
    low = np.vstack([BG_RATINGS, [0.5, 0.5, 0.5]])
    crits = list(p.criteria)
    q = Problem(
        crits,
        ["A", "B", "C", "E"],
        None,
        weights=[1, 1, 1],
        alternative_comparisons={f"c{k + 1}": _ratio_matrix(low[:, k]) for k in range(3)},
    )
    a, b = rank(p, method="ahp", mode="ideal"), rank(q, method="ahp", mode="ideal")
    assert b.scores[["A", "B", "C"]].to_numpy() == pytest.approx(a.scores.to_numpy())


def test_mixed_problem_topsis_runs_on_local_priorities():
    crits = [Criterion("quality", "benefit"), Criterion("cost", "cost")]
    alt = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    p = Problem(
        crits,
        ["A", "B", "C"],
        pd.DataFrame({"cost": [9.0, 5.0, 2.0]}, index=["A", "B", "C"]),
        weights=[0.6, 0.4],
        alternative_comparisons={"quality": alt},
    )
    r = rank(p)
    local = ahp.priorities(alt).weights
    matrix = np.column_stack([local, [9.0, 5.0, 2.0]])
    expected = TOPSIS(vector_normalization)(matrix, np.array([0.6, 0.4]), np.array([1, -1]))
    np.testing.assert_allclose(r.scores.to_numpy(), expected, atol=1e-12)
    assert r.alternative_priorities["quality"].cr == pytest.approx(ahp.priorities(alt).cr)
    assert "quality: CR = " in str(r)
    llsm = rank(p, ahp_method="llsm")
    np.testing.assert_allclose(
        llsm.alternative_priorities["quality"].weights,
        ahp.priorities(alt, method="llsm").weights,
    )


def test_inconsistent_alternatives_matrix_warns():
    # a cycle (a > b > c > a), not quite symmetric: a symmetric cycle gives every
    # alternative exactly 1/3 (the closed form for n = 3), so nothing would discriminate
    bad = [[1, 9, 1 / 7], [1 / 9, 1, 9], [7, 1 / 9, 1]]
    p = belton_gear(False).replace(alternative_comparisons={"c1": bad, "c2": bad, "c3": bad})
    with pytest.warns(ConsistencyWarning, match="alternatives under c1, c2, c3"):
        r = rank(p)
    assert not r.alternative_priorities["c1"].consistent


QM = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
CEO = [[1, 1 / 2, NAN], [2, 1, 4], [NAN, 1 / 4, 1]]


@pytest.fixture
def team():
    crits = [
        Criterion("quality", "benefit"),
        Criterion("cost", "cost"),
        Criterion("speed", "benefit"),
    ]
    return Problem(
        crits,
        ["A", "B", "C"],
        [[8, 5, 3], [6, 2, 4], [9, 8, 2]],
        experts={"Quality manager": QM, "CEO": CEO},
        expert_weights={"Quality manager": 2, "CEO": 1},
    )


@pytest.mark.parametrize("aggregation", ["aij", "aip"])
def test_group_rank_uses_ahp_aggregate(team, aggregation):
    g = ahp.aggregate(
        {"Quality manager": QM, "CEO": CEO},
        {"Quality manager": 2, "CEO": 1},
        aggregation,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        r = rank(team, aggregation=aggregation)
    np.testing.assert_allclose(r.weights.to_numpy(), g.weights)
    assert r.group is not None and r.group.method == aggregation
    assert r.group.consensus == pytest.approx(g.consensus)
    assert r.group.most_deviating == g.most_deviating
    assert r.ahp is r.group.group  # the group matrix's CR is the one reported
    expected = TOPSIS(vector_normalization)(team.matrix, g.weights, team.types)
    np.testing.assert_allclose(r.scores.to_numpy(), expected, atol=1e-12)


def test_group_result_text_and_expert_priorities(team):
    r = rank(team)
    table = r.expert_priorities
    assert list(table.index) == ["Quality manager", "CEO"]
    assert list(table.columns) == ["quality", "cost", "speed"]
    np.testing.assert_allclose(table.loc["CEO"], r.group.experts["CEO"].weights)
    text = str(r)
    assert "Experts (AIJ: aggregation of individual judgments):" in text
    assert f"Consensus S* = {r.group.consensus:.3f} ({consensus_words(r.group.consensus)})" in text
    assert "most deviating expert:" in text
    assert "  group " in text
    mc = monte_carlo(team, samples=500, seed=3, weights="experts", expert_weights=table)
    assert mc.first.sum() == pytest.approx(1)


def test_single_matrix_problem_has_no_group(balanced):
    r = rank(balanced)
    assert r.group is None and r.expert_priorities is None and not r.alternative_priorities
    assert "Experts" not in str(r)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"aggregation": "mean"}, "unknown aggregation 'mean'; choose one of aij, aip"),
        ({"mode": "best"}, "unknown AHP synthesis mode 'best'; choose one of distributive, ideal"),
    ],
)
def test_bad_aggregation_or_mode(team, kwargs, pattern):
    with pytest.raises(MethodError, match=pattern):
        rank(team, **kwargs)


@pytest.mark.parametrize(
    ("value", "words"),
    [(0.3, "very low"), (0.55, "low"), (0.7, "moderate"), (0.8, "high"), (0.9, "very high")],
)
def test_consensus_words_follow_goepels_scale(value, words):
    assert consensus_words(value) == words


# ------------------------------------------------------------------------ sub-criteria (issue 4)


from hypothesis import given, settings  # noqa: E402

from mcda_iso import hierarchy  # noqa: E402
from tests.strategies import from_upper, reciprocal_matrices  # noqa: E402

# The car example: Wikipedia, "Analytic hierarchy process - car example" (the Jones family
# choosing a Honda; criteria cost, safety, style, capacity; cost split into purchase price,
# fuel, maintenance and resale; capacity into cargo and passenger capacity), with the
# judgments and the published priorities as reproduced in AHPy's test suite (P. Griffith,
# AHPy, tests/test_ahp.py, "Example from .../Analytic_hierarchy_process_-_car_example").
CARS = ("Accord Sedan", "Accord Hybrid", "Pilot", "CR-V", "Element", "Odyssey")
CAR_CRITERIA = [
    Criterion("cost", "benefit"),
    Criterion("safety", "benefit"),
    Criterion("style", "benefit"),
    Criterion("capacity", "benefit"),
    Criterion("purchase price", "benefit", parent="cost"),
    Criterion("fuel costs", "benefit", parent="cost"),
    Criterion("maintenance costs", "benefit", parent="cost"),
    Criterion("resale value", "benefit", parent="cost"),
    Criterion("cargo capacity", "benefit", parent="capacity"),
    Criterion("passenger capacity", "benefit", parent="capacity"),
]
CAR_COMPARISONS = {
    None: from_upper(4, (3, 7, 3, 9, 1, 1 / 7)),
    "cost": from_upper(4, (2, 5, 3, 2, 2, 1 / 2)),
    "capacity": from_upper(2, (1 / 5,)),
}
CAR_RATINGS = {  # the alternatives compared pairwise under each leaf (upper triangles)
    "purchase price": (9, 9, 1, 1 / 2, 5, 1, 1 / 9, 1 / 9, 1 / 7, 1 / 9, 1 / 9, 1 / 7, 1 / 2, 5, 6),
    "fuel costs": (
        *(1 / 1.13, 1.41, 1.15, 1.24, 1.19, 1.59, 1.3, 1.4, 1.35),
        *(1 / 1.23, 1 / 1.14, 1 / 1.18, 1.08, 1.04, 1 / 1.04),
    ),
    "maintenance costs": (1.5, 4, 4, 4, 5, 4, 4, 4, 5, 1, 1.2, 1, 1, 3, 2),
    "resale value": (3, 4, 1 / 2, 2, 2, 2, 1 / 5, 1, 1, 1 / 6, 1 / 2, 1 / 2, 4, 4, 1),
    "safety": (1, 5, 7, 9, 1 / 3, 5, 7, 9, 1 / 3, 2, 9, 1 / 8, 2, 1 / 8, 1 / 9),
    "style": (1, 7, 5, 9, 6, 7, 5, 9, 6, 1 / 6, 3, 1 / 3, 7, 5, 1 / 5),
    "cargo capacity": (1, 1 / 2, 1 / 2, 1 / 2, 1 / 3, 1 / 2, 1 / 2, 1 / 2, 1 / 3, 1, 1, 1 / 2, 1),
    "passenger capacity": (1, 1 / 2, 1, 3, 1 / 2, 1 / 2, 1, 3, 1 / 2, 2, 6, 1, 3, 1 / 2, 1 / 6),
}
CAR_RATINGS["cargo capacity"] += (1 / 2, 1 / 2)


def test_car_example_global_weights_wikipedia():
    perf = np.random.default_rng(1).uniform(1, 10, (6, 8))  # only the weights matter here
    p = Problem(CAR_CRITERIA, CARS, perf, comparisons=CAR_COMPARISONS)
    result = rank(p)
    published_global = {
        "cost": 0.51,
        "safety": 0.234,
        "style": 0.041,
        "capacity": 0.215,
        "purchase price": 0.2489,
        "fuel costs": 0.1283,
        "maintenance costs": 0.0509,
        "resale value": 0.0819,
    }
    for name, value in published_global.items():
        digits = 3 if name in ("cost", "safety", "style", "capacity") else 4
        assert round(result.global_weights[name], digits) == value, name
    published_local = {"purchase price": 0.4881, "fuel costs": 0.2515, "resale value": 0.1605}
    for name, value in published_local.items():
        assert round(result.local_weights[name], 4) == value, name
    assert result.local_weights["cargo capacity"] == pytest.approx(1 / 6)
    cost = result.priorities_by_parent["cost"]  # CR on Saaty's RI (AHPy uses Donegan & Dodd's)
    assert cost.n == 4 and cost.cr == pytest.approx(cost.ci / 0.90) and cost.consistent
    # The leaves' global weights are the ranking weights and sum to 1.
    assert result.weights.index.tolist() == list(p.criterion_names)
    assert result.weights.sum() == pytest.approx(1.0)
    assert result.weights["passenger capacity"] == pytest.approx(0.2151 * 5 / 6, abs=1e-4)


def test_car_example_alternatives_full_ahp_wikipedia():
    """With the alternatives compared pairwise, the published overall priorities come out."""
    rated = {c: from_upper(6, v) for c, v in CAR_RATINGS.items()}
    p = Problem(
        CAR_CRITERIA, CARS, None, comparisons=CAR_COMPARISONS, alternative_comparisons=rated
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)  # some ratings are above CR 0.10
        result = rank(p, method="ahp")
    published = {
        "Odyssey": 0.219,
        "Accord Sedan": 0.215,
        "CR-V": 0.167,
        "Accord Hybrid": 0.15,
        "Element": 0.144,
        "Pilot": 0.106,
    }
    assert result.scores.round(3).to_dict() == published
    assert result.best == "Odyssey"


def test_hierarchy_result_attributes_and_text():
    p = load_scenario("iso9001_detailed", profile="balanced")
    result = rank(p)
    assert set(result.local_weights.index) == set(p.hierarchy.names)
    assert result.global_weights["cost"] == pytest.approx(
        result.global_weights[list(p.hierarchy.children("cost"))].sum()
    )
    assert list(result.priorities_by_parent) == [None, "cost", "effort"]
    assert result.ahp is result.priorities_by_parent[None]
    assert result.consistent is True
    text = str(result)
    assert "Criteria hierarchy (local weight, global weight):" in text
    assert "    certification-body fees" in text  # indented under its parent
    assert "under cost: n = 3, CR = " in text
    assert "(top level): n = 5" in text


def test_inconsistent_sub_matrix_warns_and_is_reported():
    bad = from_upper(3, (9, 1 / 9, 1 / 9))
    crits = [
        Criterion("q", "benefit"),
        Criterion("c", "cost"),
        *(Criterion(n, "cost", parent="c") for n in ("x", "y", "z")),
    ]
    p = Problem(
        crits,
        ["A", "B"],
        [[1, 2, 3, 4], [2, 1, 4, 3]],
        comparisons={None: np.ones((2, 2)), "c": bad},
    )
    with pytest.warns(ConsistencyWarning, match="sub-criteria of 'c' are inconsistent"):
        result = rank(p)
    assert result.consistent is False
    assert "INCONSISTENT" in str(result)
    assert "the judgments of the sub-criteria of 'c' are inconsistent" in result.recommendation()


def test_flat_results_carry_local_and_global_weights(balanced):
    result = rank(balanced)
    assert result.local_weights.equals(result.global_weights.rename("local"))
    assert result.global_weights.to_numpy().tolist() == result.weights.to_numpy().tolist()
    assert list(result.priorities_by_parent) == [None]


@settings(max_examples=40, deadline=None)
@given(reciprocal_matrices(min_n=2, max_n=6))
def test_flat_problem_gives_identical_results_through_the_hierarchy(matrix):
    """The same criteria under one root group: same weights, same scores, same ranks."""
    n = matrix.shape[0]
    rng = np.random.default_rng(n)
    perf = rng.uniform(1, 10, size=(4, n))
    flat_crits = [Criterion(f"c{j}", "benefit" if j % 2 else "cost") for j in range(n)]
    flat = Problem(flat_crits, list("ABCD"), perf, comparisons=matrix)
    rooted = Problem(
        [
            Criterion("all", "benefit"),
            *(Criterion(c.name, c.kind, parent="all") for c in flat_crits),
        ],
        list("ABCD"),
        perf,
        comparisons={"all": matrix},
    )
    assert Problem(flat_crits, list("ABCD"), perf, comparisons={None: matrix}) == flat
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        for method in ("topsis", "ahp"):
            a, b = rank(flat, method=method), rank(rooted, method=method)
            np.testing.assert_allclose(a.weights.to_numpy(), b.weights.to_numpy(), rtol=1e-12)
            np.testing.assert_allclose(a.scores.to_numpy(), b.scores.to_numpy(), rtol=1e-12)
            assert a.ranks.tolist() == b.ranks.tolist()
            assert b.priorities_by_parent["all"].cr == pytest.approx(a.ahp.cr)
            assert hierarchy.problem_weights(rooted).global_["all"] == 1.0


# ---------------------------------------------------------------------- judgment scales (issue 4)

from mcda_iso.ranking import compare_scales  # noqa: E402


def test_rank_on_another_scale_uses_the_converted_judgments(balanced):
    result = rank(balanced, scale="balanced")
    converted = ahp.convert_scale(balanced.comparisons.to_numpy(), to="balanced")
    np.testing.assert_allclose(result.weights.to_numpy(), ahp.priorities(converted).weights)
    assert result.scale == "balanced" and result.ahp.scale == "balanced"
    assert "judgments read on the balanced scale" in str(result)
    assert rank(balanced).scale == "saaty" and "scale" not in str(rank(balanced)).splitlines()[0]
    with pytest.raises(MethodError, match="unknown judgment scale 'power'"):
        rank(balanced, scale="power")


def test_scale_applies_to_every_matrix_of_a_hierarchy():
    p = load_scenario("iso9001_detailed", profile="small-business")
    result = rank(p, scale="geometric")
    for parent, pri in result.priorities_by_parent.items():
        matrix = p.comparisons[parent].to_numpy()
        expected = ahp.priorities(ahp.convert_scale(matrix, to="geometric")).weights
        np.testing.assert_allclose(pri.weights, expected, rtol=1e-12)
        assert pri.scale == "geometric"


def test_scale_converts_each_experts_judgments_before_aggregating():
    crits = [Criterion("q", "benefit"), Criterion("c", "cost"), Criterion("e", "cost")]
    experts = {
        "CEO": [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]],
        "QM": [[1, 1 / 2, 2], [2, 1, 4], [1 / 2, 1 / 4, 1]],
    }
    p = Problem(crits, ["A", "B"], [[1, 2, 3], [2, 1, 2]], experts=experts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        result = rank(p, scale="balanced")
    group = ahp.aggregate({e: ahp.convert_scale(m, to="balanced") for e, m in experts.items()})
    np.testing.assert_allclose(result.weights.to_numpy(), group.weights, rtol=1e-12)
    assert {pri.scale for pri in result.group.experts.values()} == {"balanced"}
    assert result.group.group.scale == "balanced"


def test_compare_scales_shows_whether_the_ranking_depends_on_the_scale():
    # Operational excellence (built-in scenario, sub-criteria): Lean wins on Saaty's scale,
    # ISO 9001 certification on the balanced and geometric scales, which compress the
    # dominant "efficiency" judgments (5 becomes 2.33 and 4).
    c = compare_scales(load_scenario("iso9001_detailed", profile="operational-excellence"))
    assert list(c.results) == ["saaty", "balanced", "geometric"]
    assert c.results["saaty"].best == "Lean"
    assert c.results["balanced"].best == "ISO 9001 certification"
    assert not c.same_best and not c.same_ranking
    assert c.spearman["saaty"] == 1.0 and c.spearman["balanced"] < 1.0
    assert c.weights.loc["efficiency", "saaty"] > c.weights.loc["efficiency", "balanced"]
    text = str(c)
    assert "The best alternative depends on the judgment scale" in text
    assert "Spearman rank correlation with saaty: balanced" in text


def test_compare_scales_when_the_scale_does_not_matter():
    robust = compare_scales(load_scenario("iso9001", profile="major-customer-supplier"))
    assert robust.same_ranking and robust.same_best
    assert "does not depend on the judgment scale" in str(robust)
    typed = Problem(
        [Criterion("q", "benefit"), Criterion("c", "cost")],
        ["A", "B", "C"],
        [[8, 5], [6, 2], [9, 9]],
        weights=[0.6, 0.4],
    )
    c = compare_scales(typed, ("saaty", "geometric"), method="ahp")
    assert c.same_ranking  # typed weights are not judgments: no scale to change
    assert c.scores["saaty"].equals(c.scores["geometric"].rename("saaty"))
    with pytest.raises(MethodError, match="at least one judgment scale"):
        compare_scales(typed, ())


# ----------------------------------------------------------- experts with sub-criteria (issue 4)


def _sharper(matrix: pd.DataFrame, power: float) -> np.ndarray:
    """The same preferences judged more (power > 1) or less strongly: a_ij ** power."""
    return matrix.to_numpy() ** power


@pytest.fixture
def detailed_team():
    p = load_scenario("iso9001_detailed")
    comp = p.comparisons
    experts = {
        "Quality manager": comp,
        "CEO": {k: _sharper(v, 1.5) for k, v in comp.items()},
        "Finance": {k: _sharper(v, 0.5) for k, v in comp.items()},
    }
    return p.replace(experts=experts, expert_weights={"Quality manager": 2, "CEO": 1, "Finance": 1})


@pytest.mark.parametrize("aggregation", ["aij", "aip"])
def test_group_rank_with_sub_criteria_aggregates_every_matrix(detailed_team, aggregation):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        r = rank(detailed_team, aggregation=aggregation)
    tree = detailed_team.hierarchy
    judged = detailed_team.expert_comparisons
    lam = {"Quality manager": 2, "CEO": 1, "Finance": 1}
    assert set(r.group_by_parent) == {None, "cost", "effort"}
    assert r.group is r.group_by_parent[None]
    for parent, g in r.group_by_parent.items():
        alone = ahp.aggregate({e: m[parent] for e, m in judged.items()}, lam, aggregation)
        np.testing.assert_allclose(g.weights, alone.weights, atol=1e-12)
        assert g.consensus == pytest.approx(alone.consensus)
        np.testing.assert_allclose(r.local_weights[list(tree.children(parent))], alone.weights)
        assert r.priorities_by_parent[parent] is g.group
    # the leaves' weights multiply down the tree, and TOPSIS ranks with them
    fees = r.local_weights["cost"] * r.local_weights["certification-body fees"]
    assert r.weights["certification-body fees"] == pytest.approx(fees)
    assert r.weights.sum() == pytest.approx(1.0)
    expected = TOPSIS(vector_normalization)(
        detailed_team.matrix, r.weights.to_numpy(), detailed_team.types
    )
    np.testing.assert_allclose(r.scores.to_numpy(), expected, atol=1e-12)
    # each expert's global weights
    table = r.expert_priorities
    assert list(table.index) == ["Quality manager", "CEO", "Finance"]
    assert list(table.columns) == list(tree.leaves)
    np.testing.assert_allclose(table.sum(axis=1), 1.0)
    qm = rank(detailed_team.replace(comparisons=judged["Quality manager"]))
    np.testing.assert_allclose(table.loc["Quality manager"], qm.weights, atol=1e-12)
    # the hierarchy's consensus as AHP-OS computes it (AhpGroup::getGlbConsensus): each
    # matrix's S* weighted by its parent's global group weight, the top level by 1
    per_matrix = {p: g.consensus for p, g in r.group_by_parent.items()}
    parts = [(1.0, per_matrix[None])] + [
        (r.global_weights[p], per_matrix[p]) for p in ("cost", "effort")
    ]
    expected = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
    assert r.consensus == pytest.approx(expected, rel=1e-12)
    assert min(per_matrix.values()) < r.consensus < max(per_matrix.values()) < 1
    distance = np.linalg.norm(table.to_numpy() - r.weights.to_numpy(), axis=1)
    assert r.most_deviating == (table.index[np.argmax(distance)], pytest.approx(distance.max()))


def test_group_with_sub_criteria_summary_lists_each_matrix(detailed_team):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        r = rank(detailed_team, scale="balanced")
    text = str(r)
    ceo = r.group_by_parent
    crs = (ceo[None].experts["CEO"].cr, ceo["cost"].experts["CEO"].cr)
    assert f"CR {crs[0]:.3f} (top level) / {crs[1]:.3f} (cost) / " in text
    assert f"Consensus S* = {r.consensus:.3f}" in text
    assert "Global weights of the leaf criteria by expert:" in text
    assert {p.scale for g in ceo.values() for p in g.experts.values()} == {"balanced"}


def test_consensus_of_a_flat_group_is_the_groups(team):
    r = rank(team)
    assert r.consensus == r.group.consensus and r.group_by_parent is None


@pytest.mark.parametrize("method", ["topsis", "ahp"])
def test_each_experts_own_ranking_is_that_expert_alone(method):
    """Result.expert_scores: each expert's weights on the group's data and method, the
    same numbers as ranking the problem with that expert's judgments alone."""
    iso = load_scenario("iso9001")
    own = iso.comparisons
    team = iso.replace(comparisons=None, experts={"QM": own, "CEO": own.T})
    result = rank(team, method)
    for expert, matrix in {"QM": own, "CEO": own.T}.items():
        alone = rank(iso.replace(comparisons=matrix), method)
        np.testing.assert_allclose(
            result.expert_scores.loc[expert], alone.scores[result.scores.index], atol=1e-12
        )
        assert result.expert_best[expert] == alone.best
    assert result.expert_best == {"QM": "ISO 9001 certification", "CEO": "Status quo"}
    dissent = [e for e, b in result.expert_best.items() if b != result.best]
    assert dissent and all(
        f"{e}'s own weights put {result.expert_best[e]} first" in result.recommendation()
        for e in dissent
    )
    assert "Each expert's own winner" in str(result)
    assert rank(iso).expert_scores is None and rank(iso).expert_best == {}


# --------------------------------------------------------------- issue 13: near ties said


@pytest.mark.parametrize(("b_quality", "near"), [(7.9, True), (6.0, False)])
def test_a_near_tie_is_said_as_such_and_a_clear_win_as_before(b_quality, near):
    from mcda_iso.ranking.result import NEAR_TIE

    crit = [Criterion("q", "benefit"), Criterion("c", "cost")]
    p = Problem(crit, ["A", "B", "C"], [[8, 5], [b_quality, 5], [1, 9]], weights=[1, 1])
    result = rank(p, method="ahp", mode="ideal")
    best, runner = result.ordered()[:2]
    gap = (result.scores[best] - result.scores[runner]) / result.scores[best]
    assert bool(gap < NEAR_TIE) is near
    text = result.recommendation()
    if near:
        assert text.startswith(f"Near tie: A (score {result.scores['A']:.3f}) is only ")
        assert f"{gap:.1%} ahead of B" in text and "check the sensitivity analysis" in text
    else:
        assert text.startswith(f"Recommended: A (score {result.scores['A']:.3f}, ahead of B")


def test_spearman_rho_equals_pymcdms_spearman():
    from pymcdm.correlations import spearman

    from mcda_iso.ranking import spearman_rho

    rng = np.random.default_rng(0)
    for _ in range(200):
        m = int(rng.integers(2, 30))
        x = rng.integers(1, m + 1, m).astype(float)  # competition ranks may tie
        y = rng.integers(1, m + 1, m).astype(float)
        if np.ptp(x) == 0 or np.ptp(y) == 0:
            assert np.isnan(spearman_rho(x, y)) or np.array_equal(x, y)
            continue
        assert spearman_rho(x, y) == pytest.approx(float(spearman(x, y)), abs=1e-15)
