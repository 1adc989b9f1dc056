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
