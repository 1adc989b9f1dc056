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
