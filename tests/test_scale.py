"""Judgment scales: writing judgments for reading (figures, reports) and for workbooks."""

from __future__ import annotations

import math

import pytest

from mcda_iso.scale import SAATY_VALUES, format_judgment, parse_judgment, round_judgment


@pytest.mark.parametrize("value", SAATY_VALUES)
def test_round_judgment_writes_saaty_values_as_people_type_them(value):
    # On the scale itself the rounded and the exact form agree: 3, 1/3, ...
    assert round_judgment(value) == format_judgment(value)
    assert parse_judgment(round_judgment(value)) == pytest.approx(value)


def test_round_judgment_rounds_computed_judgments():
    # The geometric mean of 3 and 5 (two experts) is not on the scale: rounded, not a fraction.
    mean = math.sqrt(3 * 5)
    assert round_judgment(mean) == "3.87"
    assert round_judgment(mean, 2) == "3.9"
    assert round_judgment(1 / mean) == "0.258"
    assert round_judgment(0.4) == "0.4"
    assert format_judgment(0.4) == "2/5"  # the exact form, for workbooks


def test_round_judgment_absorbs_floating_point_noise():
    assert round_judgment(3 + 1e-12) == "3"
    assert round_judgment(1 / (7 + 1e-12)) == "1/7"


def test_round_judgment_of_a_missing_judgment():
    assert round_judgment(math.nan) == "?"
    assert round_judgment(math.nan, missing="(missing)") == "(missing)"
