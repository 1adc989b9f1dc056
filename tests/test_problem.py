"""Tests for mcda_iso/problem.py: construction, validation messages, immutability, equality."""

import numpy as np
import pandas as pd
import pytest

from mcda_iso import (
    Alternative,
    ComparisonError,
    Criterion,
    MCDAError,
    Problem,
    ProblemError,
    RequirementError,
)

CRITERIA = [Criterion("quality", "benefit", "how good", "1-10"), Criterion("cost", "cost")]
ALTS = [Alternative("A"), Alternative("B"), Alternative("C")]
PERF = [[8, 5], [6, 2], [9, 9]]


def make(**kw):
    args = {"criteria": CRITERIA, "alternatives": ALTS, "performance": PERF, "weights": [0.6, 0.4]}
    args.update(kw)
    return Problem(**args)


def test_attributes_and_performance_frame():
    p = make()
    assert p.criterion_names == ("quality", "cost")
    assert p.alternative_names == ("A", "B", "C")
    assert isinstance(p.performance, pd.DataFrame)
    assert p.performance.loc["B", "cost"] == 2.0
    assert list(p.types) == [1, -1]
    assert p.weights.tolist() == [0.6, 0.4]
    assert p.comparisons is None
    assert p.requirements is None


def test_mcdaerror_is_valueerror():
    assert issubclass(MCDAError, ValueError)
    with pytest.raises(ValueError):
        make(weights=[-1, 2])


def test_dataframe_performance_matched_by_labels_in_any_order():
    frame = pd.DataFrame({"cost": [2, 5, 9], "quality": [6, 8, 9]}, index=["B", "A", "C"])
    assert make(performance=frame) == make()


def test_alternatives_may_be_plain_names():
    assert make(alternatives=["A", "B", "C"]) == make()


def test_comparisons_frame_and_array():
    p = make(weights=None, comparisons=[[1, 3], [1 / 3, 1]])
    assert p.comparisons.loc["quality", "cost"] == 3
    assert p.weights is None


def test_immutable_and_copies():
    p = make()
    with pytest.raises(AttributeError):
        p.criteria = ()
    frame = p.performance
    frame.iloc[0, 0] = 100
    assert p.performance.iloc[0, 0] == 8
    with pytest.raises(ValueError):
        p.matrix[0, 0] = 1


def test_replace_and_with_judgment():
    p = make(weights=None, comparisons=[[1, 3], [1 / 3, 1]])
    q = p.with_judgment("cost", "quality", 2)
    assert q.comparisons.loc["cost", "quality"] == 2
    assert q.comparisons.loc["quality", "cost"] == 0.5
    assert p.comparisons.loc["quality", "cost"] == 3  # original untouched
    w = p.replace(weights=[1, 1])
    assert w.comparisons is None and w.weights.tolist() == [1, 1]


def test_subset():
    p = make().subset(["C", "A"])
    assert p.alternative_names == ("A", "C")
    assert p.performance.loc["C", "cost"] == 9


def test_from_frames():
    perf = pd.DataFrame(PERF, index=["A", "B", "C"], columns=["quality", "cost"])
    crit = pd.DataFrame(
        {
            "name": ["quality", "cost"],
            "kind": ["benefit", "cost"],
            "description": ["how good", None],
            "unit": ["1-10", None],
        }
    )
    assert Problem.from_frames(perf, crit, weights={"quality": 0.6, "cost": 0.4}) == make()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {
                "criteria": [Criterion("q", "benefit"), Criterion("q", "cost")],
                "performance": [[1, 2]] * 3,
            },
            ProblemError,
            "duplicate criterion name 'q'",
        ),
        ({"alternatives": ["A", "A", "C"]}, ProblemError, "duplicate alternative name 'A'"),
        ({"alternatives": []}, ProblemError, "at least one alternative"),
        ({"criteria": []}, ProblemError, "at least one criterion"),
        ({"performance": [[1, 2], [3, 4]]}, ProblemError, r"must be 3 x 2 .* got 2 x 2"),
        (
            {"performance": [[1, 2], [3, "x"], [5, 6]]},
            ProblemError,
            r"'B' / 'cost' must be a number \(got 'x'\)",
        ),
        ({"performance": [[1, 2], [3, np.nan], [5, 6]]}, ProblemError, r"'B' / 'cost' is missing"),
        ({"performance": [[1, np.inf], [3, 4], [5, 6]]}, ProblemError, r"'A' / 'cost' is infinite"),
        ({"weights": [-0.1, 1]}, ProblemError, "weight of 'quality' must not be negative"),
        ({"weights": [0, 0]}, ProblemError, "must sum to a positive number"),
        ({"weights": [1]}, ProblemError, "one number per criterion"),
        ({"weights": {"quality": 1, "price": 1}}, ProblemError, "unknown criterion 'price'"),
        ({"weights": None}, ProblemError, "exactly one of 'comparisons'.*neither"),
        ({"comparisons": [[1, 2], [0.5, 1]]}, ProblemError, "both were given"),
        ({"weights": None, "comparisons": [[1, 2, 3], [1, 1, 1]]}, ProblemError, "must be 2 x 2"),
        ({"weights": None, "comparisons": [[1, -2], [-0.5, 1]]}, ComparisonError, "positive"),
        ({"weights": None, "comparisons": [[2, 2], [0.5, 1]]}, ComparisonError, "diagonal|itself"),
        (
            {"weights": None, "comparisons": [[1, 3], [0.5, 1]]},
            ComparisonError,
            r"quality.*cost.*3.*0\.5",
        ),
        (
            {"requirements": {"price": {"minimum": 3}}},
            RequirementError,
            "unknown criterion 'price'",
        ),
        ({"requirements": {"cost": (5, 3)}}, RequirementError, "minimum 5 above maximum 3"),
        ({"requirements": {"cost": {"least": 3}}}, RequirementError, "unknown key 'least'"),
        ({"requirements": {"cost": ("low", None)}}, RequirementError, "must be a number"),
    ],
)
def test_bad_input_is_reported_in_user_terms(kwargs, error, message):
    with pytest.raises(error, match=message):
        make(**kwargs)


def test_bad_criterion_and_alternative():
    with pytest.raises(ProblemError, match="unknown kind 'profit'.*'benefit'.*'cost'"):
        Criterion("q", "profit")
    with pytest.raises(ProblemError, match="must not be empty"):
        Criterion("  ", "cost")
    with pytest.raises(ProblemError, match="must be text"):
        Alternative(3)


def test_dataframe_labels_must_match():
    frame = pd.DataFrame({"quality": [1, 2, 3], "price": [1, 2, 3]}, index=["A", "B", "C"])
    with pytest.raises(ProblemError, match="unknown criterion 'price'"):
        make(performance=frame)
    frame = pd.DataFrame({"quality": [1, 2], "cost": [1, 2]}, index=["A", "B"])
    with pytest.raises(ProblemError, match="no alternative 'C'"):
        make(performance=frame)


def test_requirements_frame():
    p = make(requirements={"quality": {"minimum": 7}, "cost": (None, 8)})
    req = p.requirements
    assert req.loc["quality", "minimum"] == 7 and np.isnan(req.loc["quality", "maximum"])
    assert req.loc["cost", "maximum"] == 8
    assert make(requirements=req) == p


def test_equality():
    assert make() == make()
    assert make() != make(weights=[0.5, 0.5])
    assert make() != make(performance=[[8, 5], [6, 2], [9, 8]])
    assert make() != "not a problem"
