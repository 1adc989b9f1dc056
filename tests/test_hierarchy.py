"""Tests for mcda_iso/hierarchy.py: the criteria tree, local and global weights.

Global weight = product of the local weights down the path (Saaty 1980, ch. 2; Saaty 1990,
"How to make a decision", EJOR 48(1), hierarchic composition). The published car example
(Wikipedia, "Analytic hierarchy process - car example") is reproduced in test_ranking.py.
"""

import numpy as np
import pandas as pd
import pytest

from mcda_iso import Criterion, ProblemError, ahp
from mcda_iso.hierarchy import TOP_LABEL, build, derive_weights, flat_weights

# goal -> benefit, cost; cost -> fees, staff; staff -> hours, travel
CRITERIA = [
    Criterion("benefit", "benefit"),
    Criterion("cost", "cost"),
    Criterion("fees", "cost", parent="cost"),
    Criterion("staff", "cost", parent="cost"),
    Criterion("hours", "cost", parent="staff"),
    Criterion("travel", "cost", parent="staff"),
]


def test_tree_structure():
    tree = build(CRITERIA)
    assert not tree.is_flat
    assert tree.leaves == ("benefit", "fees", "hours", "travel")
    assert tree.groups == (None, "cost", "staff")
    assert tree.children(None) == ("benefit", "cost")
    assert tree.children("staff") == ("hours", "travel")
    assert tree.children("fees") == ()
    assert tree.parent("travel") == "staff" and tree.parent("cost") is None
    assert tree.path("travel") == ("cost", "staff", "travel")
    assert tree.siblings_group("hours", "travel") == "staff"
    with pytest.raises(ProblemError, match=r"'fees' is under 'cost', 'benefit' under \(top"):
        tree.siblings_group("fees", "benefit")
    assert TOP_LABEL == "(top level)"


def test_flat_tree():
    tree = build([Criterion("a", "cost"), Criterion("b", "benefit")])
    assert tree.is_flat and tree.leaves == ("a", "b") and tree.groups == (None,)


def test_cycle_behind_a_tail_names_only_the_cycle():
    crits = [
        Criterion("a", "cost", parent="b"),
        Criterion("b", "cost", parent="c"),
        Criterion("c", "cost", parent="b"),
    ]
    with pytest.raises(ProblemError, match=r"criteria 'b' -> 'c' -> 'b' form a cycle of parents"):
        build(crits)


def test_global_weights_multiply_down_the_path():
    tree = build(CRITERIA)
    local = {"benefit": 0.6, "cost": 0.4, "fees": 0.5, "staff": 0.5, "hours": 0.25, "travel": 0.75}
    g = tree.global_weights(pd.Series(local))
    assert g["travel"] == pytest.approx(0.4 * 0.5 * 0.75)
    assert g["staff"] == pytest.approx(g["hours"] + g["travel"])
    assert g[list(tree.leaves)].sum() == pytest.approx(1.0)
    assert list(g.index) == list(tree.names)


def test_derive_weights_from_typed_local_weights_normalises_each_set_of_siblings():
    tree = build(CRITERIA)
    typed = {"benefit": 3, "cost": 1, "fees": 2, "staff": 2, "hours": 1, "travel": 3}
    w = derive_weights(tree, None, typed)
    assert w.local.to_dict() == pytest.approx(
        {"benefit": 0.75, "cost": 0.25, "fees": 0.5, "staff": 0.5, "hours": 0.25, "travel": 0.75}
    )
    assert w.leaves["travel"] == pytest.approx(0.25 * 0.5 * 0.75)
    assert w.priorities == {} and w.consistent is None


def test_derive_weights_from_matrices_and_the_verdict_of_each():
    tree = build(CRITERIA)
    matrices = {None: np.array([[1, 3], [1 / 3, 1]]), "cost": np.array([[1, 9], [1 / 9, 1]])}
    matrices["staff"] = np.array([[1, 1 / 2], [2, 1]])
    w = derive_weights(tree, matrices, None)
    assert w.local["benefit"] == pytest.approx(0.75)
    assert w.local["fees"] == pytest.approx(0.9)
    assert w.consistent is True
    assert list(w.priorities) == [None, "cost", "staff"]
    assert w.priorities["staff"].names == ("hours", "travel")


def test_single_child_group_gets_local_weight_one_without_a_matrix():
    tree = build(
        [Criterion("a", "cost"), Criterion("b", "cost"), Criterion("a1", "cost", parent="a")]
    )
    w = derive_weights(tree, {None: np.array([[1, 1], [1, 1]])}, None)
    assert w.local["a1"] == 1.0 and w.leaves["a1"] == pytest.approx(0.5)
    assert w.priorities["a"].n == 1 and w.priorities["a"].cr == 0.0


def test_inconsistent_sub_matrix_makes_the_hierarchy_inconsistent():
    three = [Criterion(n, "cost", parent="cost") for n in ("x", "y", "z")]
    tree = build([Criterion("q", "benefit"), Criterion("cost", "cost"), *three])
    top = np.array([[1, 9], [1 / 9, 1]])  # two criteria: always consistent
    bad = np.array([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])  # a cycle of preferences
    w = derive_weights(tree, {None: top, "cost": bad}, None)
    assert w.consistent is False
    assert not w.priorities["cost"].consistent and w.priorities[None].consistent


def test_flat_weights_are_local_and_global():
    s = pd.Series([0.2, 0.8], index=["a", "b"], name="weight")
    p = ahp.priorities([[1, 1 / 4], [4, 1]], names=["a", "b"])
    w = flat_weights(s, p)
    assert w.local.tolist() == w.global_.tolist() == w.leaves.tolist() == [0.2, 0.8]
    assert w.priorities[None] is p and w.consistent is True
    assert flat_weights(s, None).priorities == {}


# ----------------------------------------------------------- experts with sub-criteria (issue 4)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mcda_iso import Problem  # noqa: E402
from mcda_iso.hierarchy import (  # noqa: E402
    expert_global_weights,
    group_weights,
    problem_weights,
)
from tests.strategies import from_upper, hierarchies  # noqa: E402


@st.composite
def judged_hierarchies(draw: st.DrawFn):
    """A criteria tree, 1-3 experts' matrices for each set of siblings, expert weights."""
    parents, _ = draw(hierarchies(min_n=2, max_n=8))
    crits = [Criterion(f"c{k}", "benefit", parent=p) for k, p in enumerate(parents)]
    tree = build(crits)
    m = draw(st.integers(1, 3))
    judgments = st.sampled_from([1 / 9, 1 / 5, 1 / 2, 1, 2, 3, 7, 9])
    experts = {}
    for e in range(m):
        matrices = {}
        for group in tree.groups:
            k = len(tree.children(group))
            pairs = k * (k - 1) // 2
            upper = draw(st.lists(judgments, min_size=pairs, max_size=pairs))
            matrices[group] = from_upper(k, upper)
        experts[f"expert {e}"] = matrices
    lam = draw(st.lists(st.floats(0.1, 5.0), min_size=m, max_size=m))
    return crits, tree, experts, dict(zip(experts, lam, strict=True))


def _problem(crits, tree, **kw):
    return Problem(crits, ["A", "B"], np.ones((2, len(tree.leaves))), **kw)


@settings(max_examples=40, deadline=None)
@given(judged_hierarchies(), st.sampled_from(["aij", "aip"]))
def test_group_weights_aggregate_each_matrix_then_multiply_down(spec, aggregation):
    crits, tree, experts, lam = spec
    p = _problem(crits, tree, experts=experts, expert_weights=lam)
    levels, groups = group_weights(p, aggregation=aggregation)
    assert set(groups) == set(tree.groups)
    assert levels.leaves.sum() == pytest.approx(1.0, abs=1e-12)
    total = sum(lam.values())
    for parent in tree.groups:
        kids = list(tree.children(parent))
        stack = np.stack([experts[e][parent] for e in experts])
        shares = np.array([lam[e] / total for e in experts])
        if aggregation == "aij":  # element-wise weighted geometric mean, then its eigenvector
            matrix = np.exp(np.tensordot(shares, np.log(stack), axes=1))
            expected = ahp.priorities(matrix).weights
        else:  # each expert's priorities, weighted geometric mean, renormalised
            each = np.stack([ahp.priorities(m).weights for m in stack])
            expected = np.exp(shares @ np.log(each))
            expected /= expected.sum()
        np.testing.assert_allclose(levels.local[kids].to_numpy(), expected, atol=1e-10)
    # each expert's global weights are those of the same problem judged by them alone
    table = expert_global_weights(tree, groups)
    for e, matrices in experts.items():
        alone = problem_weights(_problem(crits, tree, comparisons=matrices))
        np.testing.assert_allclose(table.loc[e].to_numpy(), alone.leaves.to_numpy(), atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(judged_hierarchies())
def test_identical_experts_give_the_single_decision_makers_weights(spec):
    crits, tree, experts, lam = spec
    one = next(iter(experts.values()))
    p = _problem(crits, tree, experts=dict.fromkeys(experts, one), expert_weights=lam)
    alone = problem_weights(_problem(crits, tree, comparisons=one))
    for aggregation in ("aij", "aip"):
        levels, groups = group_weights(p, aggregation=aggregation)
        np.testing.assert_allclose(levels.leaves.to_numpy(), alone.leaves.to_numpy(), atol=1e-10)
        if len(experts) > 1:
            assert all(g.consensus == pytest.approx(1.0) for g in groups.values())


def test_group_weights_need_experts():
    p = _problem(CRITERIA, build(CRITERIA), weights=[1] * len(CRITERIA))
    with pytest.raises(ProblemError, match="no experts' comparisons"):
        group_weights(p)
