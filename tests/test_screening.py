"""Tests for mcda_iso/screening.py: hard requirements before ranking."""

import pytest

from mcda_iso import RequirementError, load_scenario, rank, screen


def test_no_requirements_everything_passes():
    p = load_scenario("iso9001")
    s = screen(p)
    assert s.passed == p.alternative_names
    assert s.failures.empty and s.reasons == {}


def test_screened_out_alternatives_are_reported_with_reason():
    p = load_scenario("iso9001").replace(
        requirements={"market access": {"minimum": 3}, "effort": {"maximum": 6}}
    )
    s = screen(p)
    perf = p.performance
    expected_out = {
        a
        for a in p.alternative_names
        if perf.loc[a, "market access"] < 3 or perf.loc[a, "effort"] > 6
    }
    assert set(s.screened_out) == expected_out
    assert set(s.passed) == set(p.alternative_names) - expected_out
    assert s.reasons["Lean"] == "market access is 2, below the minimum of 3"
    assert "effort is 8, above the maximum of 6" in s.reasons["Six Sigma"]
    result = rank(p)
    assert set(result.scores.index) == set(s.passed)
    frame = result.to_frame()
    assert frame.loc["Lean", "screened_out"] == "market access is 2, below the minimum of 3"
    assert frame["rank"].isna().sum() == len(expected_out)
    assert "screened out" in str(result)


def test_bound_equal_to_value_passes():
    p = load_scenario("iso9001").replace(requirements={"market access": {"minimum": 9}})
    assert screen(p).passed == ("ISO 9001 certification",)
    result = rank(p)
    assert result.best == "ISO 9001 certification"
    assert "only alternative" in result.recommendation()


def test_nothing_passes_is_an_error_saying_so():
    p = load_scenario("iso9001").replace(requirements={"market access": {"minimum": 10}})
    with pytest.raises(RequirementError, match="no alternative meets the requirements.*Lean"):
        rank(p)
