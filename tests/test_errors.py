"""Tests for mcda_iso/errors.py: the exception tree and shorten(), used by every message."""

import numpy as np
import pandas as pd
import pytest

from mcda_iso import Criterion, MCDAError, ProblemError, ahp
from mcda_iso.errors import SHORTEN_LIMIT, ComparisonError, shorten
from mcda_iso.hierarchy import build
from mcda_iso.scale import parse_judgment

LONG = "n" * 10_000


def test_short_names_and_values_are_their_repr():
    for value in ("market access", "", "it's", 3, 2.5, None, [1, "a"], ("x",)):
        assert shorten(value) == repr(value)
    assert shorten("x" * SHORTEN_LIMIT) == repr("x" * SHORTEN_LIMIT)  # at the limit: whole


def test_a_long_name_keeps_its_start_a_closing_quote_and_its_length():
    text = shorten(LONG)
    assert text == "'" + "n" * (SHORTEN_LIMIT - 1) + "…' (10,000 characters)"
    assert len(text) < SHORTEN_LIMIT + 30
    assert shorten("abcdef", limit=4) == "'abc…' (6 characters)"


def test_a_long_value_of_any_type_is_cut_too():
    text = shorten(list(range(10_000)))
    assert text.startswith("[0, 1, 2, ") and text.endswith(" characters)")
    assert len(text) < SHORTEN_LIMIT + 30
    assert shorten(np.arange(3)) == "array([0, 1, 2])"


def test_a_silly_limit_still_shows_something():
    assert shorten("abcdef", limit=0) == "'a…' (6 characters)"


@pytest.mark.parametrize(
    "make",
    [
        lambda: parse_judgment(LONG),
        lambda: parse_judgment([LONG]),
        lambda: build([Criterion("a", "cost", parent=LONG)]),
        lambda: build([Criterion(LONG, "cost"), Criterion("b", "cost")]).siblings_group(LONG, "x"),
        lambda: Criterion(LONG, "good"),
        lambda: ahp.priorities([[1, 2], [0.5, 1]], names=[LONG, LONG]),
        lambda: ahp.priorities([[1, 2], [0.5, 1]], ri_table=LONG),
        lambda: ahp.priorities(
            pd.DataFrame([[1, 2], [3, 1]], index=[LONG, "b"], columns=[LONG, "b"])
        ),
        lambda: ahp.aggregate(
            {LONG: [[1, 2], [0.5, 1]], "b": [[1, 2], [0.5, 1]]}, {LONG: 0, "b": 1}
        ),
    ],
)
def test_messages_of_the_model_echo_long_names_shortened(make):
    with pytest.raises(MCDAError) as exc:
        make()
    message = str(exc.value)
    assert "(10,000 characters)" in message or "(10,004 characters)" in message
    assert len(message) < 600, len(message)


def test_huge_integers_are_judgments_too_large_not_overflow_errors():
    with pytest.raises(
        ComparisonError, match=r"must be a finite number.*\(got 1000.*401 characters"
    ):
        parse_judgment(10**400)


def test_an_unknown_criterion_of_a_hierarchy_is_a_problem_error_not_a_raw_value_error():
    tree = build([Criterion("a", "cost"), Criterion("b", "cost")])
    with pytest.raises(ProblemError, match=r"unknown criterion 'z'; known: 'a', 'b'"):
        tree.siblings_group("a", "z")
