"""Judgment scales: writing judgments for reading (figures, reports) and for workbooks."""

from __future__ import annotations

import math

import pytest

from mcda_iso.errors import ComparisonError
from mcda_iso.scale import (
    SAATY_VALUES,
    format_judgment,
    parse_decimal,
    parse_judgment,
    round_judgment,
)


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


# ---------------------------------------------------------------- issue 13: decimal commas


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0,5", 0.5), ("2,25", 2.25), ("0,500", 0.5), (" 7,5 ", 7.5), ("-1,25", -1.25), ("3", 3.0)],
)
def test_parse_decimal_reads_a_decimal_comma_where_unambiguous(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"), [("1,500", "1500", "1.5"), ("12,250", "12250", "12.25")]
)
def test_parse_decimal_refuses_a_comma_that_may_separate_thousands(text, thousands, decimal):
    with pytest.raises(ValueError, match="ambiguous") as caught:
        parse_decimal(text)
    message = str(caught.value)
    assert f"{thousands} with a thousands separator" in message
    assert f"{decimal} with a decimal comma" in message


@pytest.mark.parametrize("text", ["1.500,5", "1,5,0", "", ",", "abc", "1 500"])
def test_parse_decimal_refuses_what_is_not_one_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_parse_judgment_reads_decimal_commas_and_refuses_the_ambiguous():
    assert parse_judgment("0,5") == 0.5
    assert parse_judgment("1/2,5") == pytest.approx(0.4)
    with pytest.raises(ComparisonError, match="'1,500' is ambiguous.*type 1500 or 1,5"):
        parse_judgment("1,500")
