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
    rank,
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


# =====================================================================================
# Group decisions (experts=) and pairwise rating of alternatives (alternative_comparisons=)
# (issue 4; the group / alternatives helper owns this block)
# =====================================================================================

NAN = float("nan")
CRIT = [Criterion("quality", "benefit"), Criterion("cost", "cost"), Criterion("speed", "benefit")]
QM = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
CEO = [[1, 1 / 2, NAN], [2, 1, 4], [NAN, 1 / 4, 1]]
PERF3 = [[8, 5, 3], [6, 2, 4], [9, 8, 2]]


def group(**kwargs):
    args = {"experts": {"Quality manager": QM, "CEO": CEO}}
    args.update(kwargs)
    return Problem(CRIT, ["A", "B", "C"], PERF3, **args)


def test_experts_group_matrix_is_weighted_geometric_mean():
    p = group(expert_weights={"Quality manager": 3, "CEO": 1})
    assert p.experts == ("Quality manager", "CEO")
    assert p.expert_weights.to_dict() == {"Quality manager": 3.0, "CEO": 1.0}
    assert p.comparisons is None  # a Problem describes; the ranking aggregates (once)
    group_matrix = rank(p).group.group
    c = pd.DataFrame(group_matrix.matrix, index=group_matrix.names, columns=group_matrix.names)
    assert c.loc["quality", "cost"] == pytest.approx(3**0.75 * 0.5**0.25)
    assert c.loc["quality", "speed"] == pytest.approx(5.0)  # only the QM judged it
    assert np.isnan(p.expert_comparisons["CEO"].loc["quality", "speed"])
    assert p.weights is None and "2 experts" in repr(p)


def test_experts_round_trip_and_equality():
    p = group(expert_weights=[1, 2])
    assert p.replace() == p
    assert p != group()
    assert p.replace(weights=[1, 1, 1]).experts == ()
    assert p.replace(experts={"solo": QM}).expert_weights is None
    assert p.subset(["A", "B"]).experts == p.experts


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"comparisons": QM}, "instead of 'comparisons' or 'weights', not as well"),
        ({"experts": {}}, "'experts' must map each expert's name"),
        ({"experts": [QM, CEO]}, r"'experts' must map .* \(got list\)"),
        ({"expert_weights": {"CEO": 1}}, r"without a weight: \['Quality manager'\]"),
        ({"expert_weights": [1, 0]}, "weight of expert 'CEO' must be a positive number"),
        ({"expert_weights": "CEO"}, "'expert_weights' must map expert names"),
        (
            {"experts": {"QM": QM, "CEO": [[1, 2, 1], [2, 1, 1], [1, 1, 1]]}},
            "expert 'CEO': comparison of 'quality' vs 'cost' is 2 but",
        ),
    ],
)
def test_expert_errors(kwargs, pattern):
    with pytest.raises(ProblemError, match=pattern):
        group(**kwargs)


def test_expert_weights_need_experts():
    with pytest.raises(ProblemError, match="'expert_weights' needs 'experts'"):
        Problem(CRIT, ["A", "B", "C"], PERF3, weights=[1, 1, 1], expert_weights=[1])


def test_with_judgment_refused_for_a_group():
    with pytest.raises(ProblemError, match=r"several experts' comparisons.*replace\(experts="):
        group().with_judgment("quality", "cost", 2)


ALT = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]  # consistent: A 4/7, B 2/7, C 1/7


def rated(**kwargs):
    args = {
        "performance": pd.DataFrame({"cost": [5, 2, 8], "speed": [3, 4, 2]}, index=list("ABC")),
        "weights": [1, 1, 1],
        "alternative_comparisons": {"quality": ALT},
    }
    args.update(kwargs)
    return Problem(CRIT, ["A", "B", "C"], **args)


def test_alternative_comparisons_leave_the_performance_to_the_ranking():
    """A Problem describes: a criterion rated pairwise has no performance (NaN); the
    ranking derives its local priorities, once, with its own AHP method and scale."""
    p = rated()
    assert np.isnan(p.matrix[:, 0]).all()
    np.testing.assert_allclose(p.matrix[:, 1:], [[5, 3], [2, 4], [8, 2]])
    assert list(p.alternative_comparisons) == ["quality"]
    assert np.isnan(p.performance.loc["B", "quality"])
    np.testing.assert_allclose(rank(p).matrix["quality"], [4 / 7, 2 / 7, 1 / 7])
    assert "1 criteria rated pairwise" in repr(p)


def test_alternative_comparisons_are_preferences_whatever_the_kind():
    p = rated(
        alternative_comparisons={"cost": ALT},
        performance=pd.DataFrame({"quality": [8, 6, 9], "speed": [3, 4, 2]}, index=list("ABC")),
    )
    assert p.criteria[1].kind == "cost"
    assert p.types.tolist() == [1, 1, 1]


def test_alternative_comparisons_round_trip_subset_and_all_rated():
    p = rated()
    assert p.replace() == p
    assert p != rated(alternative_comparisons={"quality": np.array(ALT).T})
    sub = p.subset(["A", "C"])
    np.testing.assert_allclose(rank(sub).matrix["quality"], [0.8, 0.2])  # 4/7 : 1/7 again
    every = Problem(
        CRIT,
        ["A", "B", "C"],
        None,
        weights=[1, 1, 1],
        alternative_comparisons={"quality": ALT, "cost": ALT, "speed": ALT},
    )
    assert every.replace() == every


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"alternative_comparisons": {"price": ALT}}, "unknown criterion 'price'"),
        ({"alternative_comparisons": [ALT]}, "'alternative_comparisons' must map criterion"),
        (
            {"alternative_comparisons": {"quality": [[1, 2], [1 / 2, 1]]}},
            r"under 'quality' must be 3 x 3, one row and one column per alternative; got 2 x 2",
        ),
        (
            {"alternative_comparisons": {"quality": [[1, 2, 1], [2, 1, 1], [1, 1, 1]]}},
            "under 'quality': comparison of 'A' vs 'B' is 2 but 'B' vs 'A' is 2",
        ),
        (
            {"alternative_comparisons": {"quality": [[1, 2, NAN], [1 / 2, 1, NAN], [NAN, NAN, 1]]}},
            "under 'quality': the judgments do not connect all alternatives: 'C' cannot",
        ),
        (
            {"performance": pd.DataFrame({"quality": [1, 2, 3], "cost": [5, 2, 8]})},
            "criterion 'quality' is rated by pairwise comparisons of the alternatives; leave it",
        ),
        ({"performance": None}, r"performance is missing: criteria \['cost', 'speed'\]"),
        (
            {
                "performance": pd.DataFrame(
                    {"quality": [8, 6, 9], "speed": [3, 4, 2]}, index=list("ABC")
                ),
                "alternative_comparisons": {"cost": pd.DataFrame(ALT, index=list("ABD"))},
            },
            r"under 'cost' must have one row per alternative .*unknown: \['D'\]",
        ),
        (
            {"requirements": {"quality": {"minimum": 0.2}}},
            "requirement on 'quality': that criterion is rated by pairwise comparisons",
        ),
    ],
)
def test_alternative_comparison_errors(kwargs, pattern):
    with pytest.raises(ProblemError, match=pattern):
        rated(**kwargs)


def test_alternative_comparisons_from_labelled_frames_in_any_order():
    order = ["C", "A", "B"]
    frame = pd.DataFrame(ALT, index=list("ABC"), columns=list("ABC")).loc[order, order]
    assert rated(alternative_comparisons={"quality": frame}) == rated()


# ------------------------------------------------------------------------ sub-criteria (issue 4)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mcda_iso import hierarchy  # noqa: E402
from tests.strategies import from_upper, hierarchies  # noqa: E402

TREE = [
    Criterion("quality", "benefit"),
    Criterion("cost", "cost"),
    Criterion("fees", "cost", parent="cost"),
    Criterion("staff time", "cost", parent="cost"),
]
TREE_PERF = [[8, 5, 2], [6, 2, 6], [9, 9, 3]]
TREE_COMPARISONS = {None: [[1, 2], [1 / 2, 1]], "cost": [[1, 3], [1 / 3, 1]]}


def tree(**kw):
    args = {
        "criteria": TREE,
        "alternatives": ALTS,
        "performance": TREE_PERF,
        "comparisons": TREE_COMPARISONS,
    }
    args.update(kw)
    return Problem(**args)


def test_parent_is_the_last_field_and_optional():
    assert Criterion("q", "benefit").parent is None
    assert Criterion("q", "benefit", "d", "u", " cost ").parent == "cost"
    with pytest.raises(ProblemError, match="criterion 'q' cannot be its own parent"):
        Criterion("q", "benefit", parent="q")
    with pytest.raises(ProblemError, match="parent of criterion 'q'.*must be text"):
        Criterion("q", "benefit", parent=3)


def test_hierarchy_views():
    p = tree()
    assert p.criterion_names == ("quality", "fees", "staff time")  # the leaves
    assert [c.name for c in p.criteria] == ["quality", "fees", "staff time"]
    assert [c.name for c in p.all_criteria] == ["quality", "cost", "fees", "staff time"]
    assert p.hierarchy.groups == (None, "cost")
    assert p.hierarchy.children("cost") == ("fees", "staff time")
    assert p.types.tolist() == [1, -1, -1]
    assert list(p.performance.columns) == ["quality", "fees", "staff time"]
    comparisons = p.comparisons
    assert list(comparisons) == [None, "cost"]
    assert comparisons["cost"].loc["staff time", "fees"] == pytest.approx(1 / 3)
    assert "sub-criteria under 1 groups" in repr(p)


def test_hierarchy_round_trips_through_replace_and_equality():
    p = tree()
    assert p.replace() == p
    assert tree(comparisons={**TREE_COMPARISONS, "cost": [[1, 4], [1 / 4, 1]]}) != p
    frames = {
        k: pd.DataFrame(v, index=n, columns=n)
        for k, v, n in (
            (None, TREE_COMPARISONS[None], ["quality", "cost"]),
            ("cost", TREE_COMPARISONS["cost"], ["fees", "staff time"]),
        )
    }
    reordered = {k: f.iloc[::-1, ::-1] for k, f in frames.items()}
    assert tree(comparisons=reordered) == p
    perf = pd.DataFrame(TREE_PERF, index=["A", "B", "C"], columns=["quality", "fees", "staff time"])
    assert tree(performance=perf[["staff time", "quality", "fees"]]) == p


def test_flat_problem_accepts_the_mapping_form():
    m = [[1, 3], [1 / 3, 1]]
    assert make(weights=None, comparisons={None: m}) == make(weights=None, comparisons=m)
    with pytest.raises(ProblemError, match="no criterion has sub-criteria"):
        make(weights=None, comparisons={None: m, "quality": [[1]]})


def test_single_child_parent_is_allowed_with_local_weight_one():
    crits = [*CRITERIA, Criterion("fees", "cost", parent="cost")]
    p = Problem(crits, ALTS, PERF, comparisons={None: [[1, 2], [1 / 2, 1]]})
    assert p.comparisons["cost"].to_numpy().tolist() == [[1.0]]
    weights = hierarchy.problem_weights(p)
    assert weights.local["fees"] == 1.0
    assert weights.global_["fees"] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        (
            [Criterion("a", "cost", parent="nowhere"), Criterion("b", "cost")],
            "criterion 'a' has unknown parent 'nowhere'",
        ),
        (
            [
                Criterion("a", "cost", parent="b"),
                Criterion("b", "cost", parent="c"),
                Criterion("c", "cost", parent="a"),
                Criterion("d", "cost"),
            ],
            "criteria 'a' -> 'b' -> 'c' -> 'a' form a cycle of parents",
        ),
    ],
)
def test_hierarchy_errors_name_the_criterion(criteria, message):
    with pytest.raises(ProblemError, match=message):
        Problem(criteria, ALTS, [[1], [2], [3]], weights=[1] * len(criteria))


def test_leaf_without_performance_and_performance_for_a_group():
    perf = pd.DataFrame(TREE_PERF, index=["A", "B", "C"], columns=["quality", "fees", "staff time"])
    with pytest.raises(ProblemError, match="leaf criterion 'staff time' has no performance data"):
        tree(performance=perf[["quality", "fees"]])
    with pytest.raises(ProblemError, match="performance given for 'cost', which has sub-criteria"):
        tree(performance=perf.assign(cost=1))
    with pytest.raises(ProblemError, match="4 columns, one per criterion including the groups"):
        tree(performance=[[8, 1, 5, 2], [6, 1, 2, 6], [9, 1, 9, 3]])
    with pytest.raises(ProblemError, match=r"2 columns for 3 leaf criteria \('quality', 'fees'"):
        tree(performance=[[8, 5], [6, 2], [9, 9]])


def test_hierarchy_comparison_errors_name_the_parent():
    with pytest.raises(ProblemError, match="this problem has sub-criteria: give 'comparisons'"):
        tree(comparisons=np.eye(4))
    with pytest.raises(ProblemError, match=r"no comparison matrix for the sub-criteria of 'cost'"):
        tree(comparisons={None: TREE_COMPARISONS[None]})
    with pytest.raises(ProblemError, match="comparisons name unknown parent 'price'"):
        tree(comparisons={**TREE_COMPARISONS, "price": [[1]]})
    with pytest.raises(ProblemError, match="given for 'fees', which has no sub-criteria"):
        tree(comparisons={**TREE_COMPARISONS, "fees": [[1]]})
    with pytest.raises(ComparisonError, match="of the sub-criteria of 'cost': .*'fees'"):
        tree(comparisons={**TREE_COMPARISONS, "cost": [[1, 3], [3, 1]]})


def test_hierarchy_typed_weights_are_local():
    p = tree(comparisons=None, weights={"quality": 3, "cost": 1, "fees": 1, "staff time": 1})
    assert p.weights.index.tolist() == ["quality", "cost", "fees", "staff time"]
    w = hierarchy.problem_weights(p)
    expected = {"quality": 0.75, "fees": 0.125, "staff time": 0.125}
    assert w.leaves.to_dict() == pytest.approx(expected)
    with pytest.raises(ProblemError, match=r"weights of the sub-criteria of 'cost' \('fees', "):
        tree(comparisons=None, weights={"quality": 3, "cost": 1, "fees": 0, "staff time": 0})


def test_with_judgment_in_a_sub_matrix():
    p = tree().with_judgment("staff time", "fees", 2)
    assert p.comparisons["cost"].loc["fees", "staff time"] == 0.5
    assert p.comparisons[None].equals(tree().comparisons[None])
    with pytest.raises(ProblemError, match="'fees' and 'quality' cannot be compared"):
        tree().with_judgment("fees", "quality", 2)


def test_from_frames_reads_a_parent_column():
    crit = pd.DataFrame(
        {
            "name": ["quality", "cost", "fees", "staff time"],
            "kind": ["benefit", "cost", "cost", "cost"],
            "parent": [None, "", "cost", "cost"],
        }
    )
    perf = pd.DataFrame(TREE_PERF, index=["A", "B", "C"], columns=["quality", "fees", "staff time"])
    p = Problem.from_frames(perf, crit, comparisons=TREE_COMPARISONS)
    assert p == tree()


@settings(max_examples=60, deadline=None)
@given(hierarchies())
def test_global_weights_of_any_hierarchy_sum_to_one(spec):
    parents, local = spec
    names = list(local)
    crits = [Criterion(n, "benefit", parent=p) for n, p in zip(names, parents, strict=True)]
    t = hierarchy.build(crits)
    perf = np.ones((2, len(t.leaves)))
    p = Problem(crits, ["A", "B"], perf, weights=local)
    w = hierarchy.problem_weights(p)
    assert w.leaves.sum() == pytest.approx(1.0, abs=1e-12)
    for group in t.groups:  # local weights sum to 1 among siblings; a group's global = its leaves'
        kids = list(t.children(group))
        assert w.local[kids].sum() == pytest.approx(1.0, abs=1e-12)
        if group is not None:
            assert w.global_[group] == pytest.approx(w.global_[kids].sum(), abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(hierarchies(min_n=2), st.data())
def test_global_weights_from_comparisons_sum_to_one(spec, data):
    """Any reciprocal matrices (consistent or not) per set of siblings: leaves sum to 1."""
    parents, _ = spec
    names = [f"c{k}" for k in range(len(parents))]
    crits = [Criterion(n, "cost", parent=p) for n, p in zip(names, parents, strict=True)]
    t = hierarchy.build(crits)
    comparisons = {}
    for group in t.groups:
        k = len(t.children(group))
        pairs = k * (k - 1) // 2
        judgments = st.sampled_from([1 / 9, 1 / 3, 1, 2, 5, 9])
        upper = data.draw(st.lists(judgments, min_size=pairs, max_size=pairs))
        comparisons[group] = from_upper(k, upper)
    p = Problem(crits, ["A", "B"], np.ones((2, len(t.leaves))), comparisons=comparisons)
    w = hierarchy.problem_weights(p)
    assert w.leaves.sum() == pytest.approx(1.0, abs=1e-12)
    assert (w.leaves > 0).all()
    assert set(w.priorities) == set(t.groups)


# ----------------------------------------------------------- experts with sub-criteria (issue 4)

TREE_CEO = {None: [[1, 1 / 2], [2, 1]], "cost": [[1, np.nan], [np.nan, 1]]}


def test_experts_with_sub_criteria_give_one_mapping_each():
    ceo = {None: [[1, 1 / 2], [2, 1]], "cost": [[1, 1 / 5], [5, 1]]}
    p = tree(comparisons=None, experts={"QM": TREE_COMPARISONS, "CEO": ceo})
    assert p.experts == ("QM", "CEO")
    judged = p.expert_comparisons
    assert list(judged["CEO"]) == [None, "cost"]
    assert judged["CEO"]["cost"].loc["fees", "staff time"] == pytest.approx(1 / 5)
    # the ranking aggregates the experts (AIJ), matrix by matrix; the problem only holds them
    assert p.comparisons is None
    groups = rank(p).group_by_parent
    top, cost = groups[None].group, groups["cost"].group
    assert top.matrix[top.names.index("quality"), top.names.index("cost")] == pytest.approx(1.0)
    fees, staff = cost.names.index("fees"), cost.names.index("staff time")
    assert cost.matrix[fees, staff] == pytest.approx(np.sqrt(3 / 5))
    assert p.replace() == p
    assert p.replace(experts={"QM": TREE_COMPARISONS, "CEO": TREE_COMPARISONS}) != p


def test_expert_sub_criteria_errors_name_the_expert_and_the_matrix():
    with pytest.raises(ProblemError, match=r"expert 'CEO': this problem has sub-criteria: give "):
        tree(comparisons=None, experts={"QM": TREE_COMPARISONS, "CEO": np.eye(2)})
    with pytest.raises(ProblemError, match=r"expert 'CEO': no comparison matrix for the sub-crit"):
        tree(comparisons=None, experts={"QM": TREE_COMPARISONS, "CEO": {None: np.ones((2, 2))}})
    bad = {**TREE_COMPARISONS, "cost": [[1, 3], [3, 1]]}
    with pytest.raises(ComparisonError, match=r"expert 'CEO': comparisons of the sub-criteria of"):
        tree(comparisons=None, experts={"QM": TREE_COMPARISONS, "CEO": bad})
    # a judgment nobody gave: each expert's matrix of 'cost' is disconnected, named by expert
    with pytest.raises(
        ComparisonError, match=r"expert 'QM': comparisons of the sub-criteria of 'cost': the judg"
    ):
        tree(comparisons=None, experts={"QM": TREE_CEO, "CEO": TREE_CEO})
    with pytest.raises(ProblemError, match="instead of 'comparisons' or 'weights'"):
        tree(experts={"QM": TREE_COMPARISONS})


# ----------------------------------------------------------------------------------------
# Issue 16: careless and hostile input to the model
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("bound", [float("nan"), np.float32("nan"), np.nan])
@pytest.mark.parametrize("side", ["minimum", "maximum"])
def test_a_nan_bound_is_refused_like_an_infinite_one_naming_the_criterion(side, bound):
    with pytest.raises(RequirementError, match=rf"{side} for 'quality' is NaN \(not a number\)"):
        make(requirements={"quality": {side: bound}})
    with pytest.raises(RequirementError, match=rf"{side} for 'cost' must be finite"):
        make(requirements={"cost": {side: float("inf")}})


def test_an_empty_cell_of_a_requirements_table_is_no_bound_and_round_trips():
    table = pd.DataFrame(
        {"minimum": [7.0, np.nan], "maximum": [np.nan, 6.0]}, index=["quality", "cost"]
    )
    p = make(requirements=table)
    assert p.requirements.loc["quality", "minimum"] == 7
    assert np.isnan(p.requirements.loc["cost", "minimum"])
    assert p.replace(weights=[1, 1]).requirements.equals(p.requirements)
    twice = pd.DataFrame({"minimum": [1.0, 2.0]}, index=["quality", "quality"])
    with pytest.raises(RequirementError, match="list criterion 'quality' twice"):
        make(requirements=twice)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        (
            {"criteria": None},
            ProblemError,
            r"criteria must be a list of Criterion objects \(got None\)",
        ),
        ({"criteria": "quality"}, ProblemError, "criteria must be a list of Criterion objects"),
        ({"criteria": pd.DataFrame({"name": ["q"]})}, ProblemError, "Problem.from_frames"),
        ({"criteria": [None]}, ProblemError, r"Criterion objects \(got None\)"),
        ({"alternatives": None}, ProblemError, "alternatives must be a list of Alternative"),
        ({"alternatives": 3}, ProblemError, r"alternatives must be a list .*\(got 3\)"),
        ({"alternatives": [1, 2, 3]}, ProblemError, r"alternative name must be text \(got 1\)"),
        ({"performance": None}, ProblemError, "performance is missing: criteria"),
        ({"performance": "8,5"}, ProblemError, "performance must be a 2-D table"),
        (
            {"performance": [[8, 5], [6, 10**400], [9, 9]]},
            ProblemError,
            r"performance value for 'B' / 'cost' is too large to compute with",
        ),
        (
            {"performance": [[8, 5], [6, np.complex128(2)], [9, 9]]},
            ProblemError,
            r"'B' / 'cost' must be a number",
        ),
        ({"weights": [10**400, 1]}, ProblemError, "weight of 'quality' is too large"),
        ({"weights": None, "comparisons": [[1, 10**400], [0, 1]]}, ProblemError, "too large"),
        ({"weights": 5}, ProblemError, r"one number per criterion \(2\); got 5"),
        (
            {"requirements": {"quality": {"minimum": 10**400}}},
            RequirementError,
            "minimum for 'quality' is too large",
        ),
        ({"requirements": {None: (1, 2)}}, RequirementError, "must name its criterion"),
        (
            {"requirements": ["quality"]},
            RequirementError,
            r"must map criterion names.*\(got list\)",
        ),
    ],
)
def test_wrong_types_and_huge_numbers_are_problem_errors(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        make(**kwargs)


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: Criterion(None, "benefit"), r"criterion name must be text \(got None\)"),
        (lambda: Criterion("q", np.array(["benefit"])), "criterion 'q' has unknown kind"),
        (lambda: Criterion("q", ["benefit"]), "criterion 'q' has unknown kind"),
        (
            lambda: Criterion("q", "benefit", parent=5),
            r"criterion 'q': the parent name must be text \(got 5\)",
        ),
        (lambda: Criterion("q", "benefit", unit=1.5), r"unit of 'q' must be text \(got 1.5\)"),
        (lambda: Alternative(b"A"), r"alternative name must be text \(got b'A'\)"),
        (lambda: Alternative("A", description=[1]), "description of 'A' must be text"),
        (lambda: Problem.from_frames(None, pd.DataFrame()), "performance table must be a pandas"),
        (
            lambda: Problem.from_frames(pd.DataFrame({"q": [1]}), None),
            "criteria table must be a pandas DataFrame",
        ),
    ],
)
def test_wrong_types_to_the_value_objects_are_problem_errors(call, pattern):
    with pytest.raises(ProblemError, match=pattern):
        call()


def test_huge_weights_are_refused_as_too_large_not_as_summing_to_zero():
    # 1e308 + 1e308 overflows to inf: dividing by it gave zero weights ("got 0.0").
    with pytest.raises(ProblemError, match="weights are too large to add up") as exc:
        make(weights=[1e308, 1e308])
    assert "got 0.0" not in str(exc.value)
    # Large but summable weights are accepted as typed.
    assert make(weights=[1e307, 1e307]).weights.tolist() == [1e307, 1e307]


NFC, NFD = "qualit\u00e9", "qualite\u0301"  # one name: é composed, or e + combining accent


def test_nfc_and_nfd_spellings_of_a_name_are_one_name():
    assert NFC != NFD
    crits = [Criterion(NFD, "benefit"), Criterion("cost", "cost")]
    p = Problem(
        crits, [Alternative("Caf" + "e\u0301"), "B"], [[1, 2], [3, 4]], weights={NFC: 1, "cost": 1}
    )
    assert p.criterion_names == (NFC, "cost")
    assert p.alternative_names == ("Caf\u00e9", "B")
    frame = pd.DataFrame([[1, 2], [3, 4]], index=["Caf\u00e9", "B"], columns=[NFC, "cost"])
    q = p.replace(performance=frame, requirements={NFD: {"minimum": 0}})
    assert q.requirements.index.tolist() == [NFC]
    judged = p.replace(
        comparisons=pd.DataFrame([[1, 3], [1 / 3, 1]], index=[NFD, "cost"], columns=[NFC, "cost"])
    )
    assert judged.with_judgment(NFD, "cost", 5).comparisons.loc[NFC, "cost"] == 5
    assert p.subset(["Cafe\u0301"]).alternative_names == ("Caf\u00e9",)
    sub = [
        Criterion("all", "benefit"),
        Criterion(NFC, "benefit", parent="all"),
        Criterion("x", "benefit", parent="all"),
    ]
    tree = Problem(sub, ["A"], [[1, 2]], comparisons={None: [[1]], "all": [[1, 2], [0.5, 1]]})
    assert tree.criterion_names == (NFC, "x")
    experts = make(
        weights=None,
        experts={"Jos\u00e9": [[1, 2], [0.5, 1]], "Bo": [[1, 1], [1, 1]]},
        expert_weights={"Jose\u0301": 2, "Bo": 1},
    )
    assert experts.expert_weights.to_dict() == {"Jos\u00e9": 2.0, "Bo": 1.0}


def test_two_spellings_of_one_name_given_twice_say_what_differs():
    crits = [Criterion(NFC, "benefit"), Criterion("cost", "cost")]
    with pytest.raises(ProblemError, match="two spellings of one name .*Unicode composition"):
        Problem(crits, ["A"], [[1, 2]], weights={NFC: 1, NFD: 2, "cost": 1})
    with pytest.raises(ProblemError, match=r"duplicate criterion name 'qualité'"):
        Problem([*crits, Criterion(NFD, "cost")], ["A"], [[1, 2, 3]], weights=[1, 1, 1])


def test_names_of_ten_thousand_characters_are_shortened_in_messages():
    long = "q" * 10_000
    with pytest.raises(ProblemError) as exc:
        make(weights={long: 1, "cost": 1})
    message = str(exc.value)
    assert len(message) < 400, len(message)
    assert "'qqqq" in message and "(10,000 characters)" in message
    assert "known: ['quality', 'cost']" in message
    crits = [Criterion(long, "benefit"), Criterion(long + " ", "cost")]
    with pytest.raises(ProblemError, match=r"duplicate criterion name 'q+…' \(10,000 characters\)"):
        Problem(crits, ["A"], [[1, 2]], weights=[1, 1])


# --------------------------------------------------------------------------- issue 14:
# names and positions computed once, so work over all m alternatives stays O(m).


def _wide(m: int, frame: bool = False) -> Problem:
    rng = np.random.default_rng(m)
    names = [f"option {i}" for i in range(m)]
    values = rng.integers(1, 10, size=(m, 3))
    performance = pd.DataFrame(values, index=names, columns=["q", "c", "r"]) if frame else values
    criteria = [Criterion("q", "benefit"), Criterion("c", "cost"), Criterion("r", "benefit")]
    return Problem(criteria, names, performance, weights=[1, 2, 3])


def test_names_and_their_positions_are_computed_once():
    problem = _wide(500)
    assert problem.alternative_names is problem.alternative_names
    assert problem.alternative_names == tuple(a.name for a in problem.alternatives)
    assert dict(problem.alternative_index) == {
        name: i for i, name in enumerate(problem.alternative_names)
    }
    assert dict(problem.criterion_index) == {"q": 0, "c": 1, "r": 2}
    with pytest.raises(TypeError):
        problem.alternative_index["option 0"] = 5  # type: ignore[index]


def test_numeric_arrays_and_frames_take_the_fast_path_with_the_same_numbers():
    """An integer array or frame is converted at once; a list is checked value by value."""
    for frame in (False, True):
        problem = _wide(300, frame=frame)
        listed = Problem(
            problem.all_criteria,
            problem.alternative_names,
            problem.matrix.tolist(),
            weights=[1, 2, 3],
        )
        assert problem == listed
        np.testing.assert_array_equal(problem.matrix, listed.matrix)
    shuffled = _wide(300, frame=True).performance.sample(frac=1.0, random_state=1)
    again = Problem(
        _wide(300).all_criteria, _wide(300).alternative_names, shuffled, weights=[1, 2, 3]
    )
    np.testing.assert_array_equal(again.matrix, _wide(300).matrix)


def test_a_frame_with_a_bool_or_text_column_is_still_checked_cell_by_cell():
    problem = _wide(4, frame=True)
    frame = problem.performance.astype(object)
    frame.iloc[2, 1] = True
    with pytest.raises(ProblemError, match="'option 2' / 'c' must be a number"):
        problem.replace(performance=frame)


@pytest.mark.parametrize(
    ("expert_weights", "pattern"),
    [
        ({"QM": 10**400, "CEO": 1}, r"weight of expert 'QM' is too large to compute with"),
        ({"QM": np.complex128(1), "CEO": 1}, r"weight of expert 'QM' must be a number"),
        ({"QM": 1, "CEO": float("nan")}, r"weight of expert 'CEO' must be a positive number"),
        ([1, 2, 3], r"gives 3 weights for 2 experts \['QM', 'CEO'\]"),
        ([1e308, 1e308], "expert weights are too large to add up"),
        (
            {"QM": 1, "L" * 10_000: 1},
            r"exactly the experts \['QM', 'CEO'\] \(unknown: \['L+…' \(10,000 characters\)\]; "
            r"without a weight: \['CEO'\]\)",
        ),
    ],
)
def test_expert_weights_are_numbers_named_by_expert(expert_weights, pattern):
    experts = {"QM": [[1, 2], [0.5, 1]], "CEO": [[1, 1], [1, 1]]}
    with pytest.raises(ProblemError, match=pattern) as exc:
        make(weights=None, experts=experts, expert_weights=expert_weights)
    assert len(str(exc.value)) < 300


def test_subset_and_with_judgment_given_wrong_types_are_problem_errors():
    p = make()
    assert p.subset("A").alternative_names == ("A",)  # one name, not its letters
    for chosen, pattern in [
        (3, r"the alternatives to keep must be a list of alternative names \(got 3\)"),
        ([None], r"alternative names must be text \(got None\)"),
        (["A", "Z"], r"unknown alternative 'Z'; known: \['A', 'B', 'C'\]"),
    ]:
        with pytest.raises(ProblemError, match=pattern):
            p.subset(chosen)
    judged = make(weights=None, comparisons=[[1, 3], [1 / 3, 1]])
    for value, pattern in [
        (np.timedelta64(3, "D"), "a judgment must be a number"),
        (10**400, "a judgment is too large to compute with"),
        (float("inf"), "a judgment must be a positive number"),
        ("3", "a judgment must be a number"),
    ]:
        with pytest.raises(ProblemError, match=pattern):
            judged.with_judgment("quality", "cost", value)


@pytest.mark.parametrize(
    ("given", "differs"),
    [
        ("Quality", "letter case"),
        ("qu ality", None),  # a different name: no hint
        ("\uff51uality", "Unicode compatibility characters"),  # full-width q
        ("COST", "letter case"),
    ],
)
def test_an_unknown_name_that_only_looks_like_a_known_one_says_what_differs(given, differs):
    with pytest.raises(ProblemError) as exc:
        make(weights={given: 1, **({"cost": 1} if given != "COST" else {"quality": 1})})
    message = str(exc.value)
    if differs is None:
        assert "did you mean" not in message
    else:
        assert "did you mean" in message and f"differ only in {differs}" in message
    with pytest.raises(RequirementError) as exc:
        make(requirements={given: {"minimum": 1}})
    assert ("did you mean" in str(exc.value)) == (differs is not None)


def test_a_weight_series_naming_a_criterion_twice_is_refused_not_silently_collapsed():
    twice = pd.Series([1.0, 2.0, 3.0], index=["quality", "cost", "quality"])
    with pytest.raises(ProblemError, match="weights name 'quality' twice; give it once"):
        make(weights=twice)


def test_alternative_comparisons_under_two_spellings_of_one_criterion_are_refused():
    rated = [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]
    crits = [Criterion(NFC, "benefit"), Criterion("cost", "cost")]
    with pytest.raises(ProblemError, match="alternative comparisons name 'qualité' and"):
        Problem(
            crits,
            ALTS,
            [[1], [2], [3]],
            weights=[1, 1],
            alternative_comparisons={NFC: rated, NFD: rated},
        )
    p = Problem(crits, ALTS, [[1], [2], [3]], weights=[1, 1], alternative_comparisons={NFD: rated})
    assert list(p.alternative_comparisons) == [NFC]


@pytest.mark.parametrize(
    ("parent", "pattern"),
    [(np.array([1, 2]), "the parent name must be text"), (pd.Series(dtype=float), "must be text")],
)
def test_from_frames_with_a_parent_cell_that_is_not_a_name_is_a_problem_error(parent, pattern):
    perf = pd.DataFrame([[8, 5], [6, 2]], index=["A", "B"], columns=["quality", "cost"])
    crit = pd.DataFrame(
        {"name": ["quality", "cost"], "kind": ["benefit", "cost"], "parent": [None, ""]}
    )
    assert Problem.from_frames(perf, crit, weights=[1, 1]).hierarchy.is_flat  # empty: top level
    crit["parent"] = crit["parent"].astype(object)
    crit.at[0, "parent"] = parent
    with pytest.raises(ProblemError, match=pattern):
        Problem.from_frames(perf, crit, weights=[1, 1])
