"""validate_workbook reports every error at once, each at its cell, and no error that only
follows from another (issue 16, items 6 and 7)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mcda_iso.workbook import read_workbook, validate_workbook, write_template

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import edit, errors_at, rated_problem
except ImportError:  # pragma: no cover
    from workbook_helpers import edit, errors_at, rated_problem  # type: ignore[no-redef]


@pytest.fixture
def weights_book(tmp_path: Path) -> Path:
    """Three criteria, 'quality' rated pairwise, the weights typed (Comparisons empty)."""
    return write_template(tmp_path / "weights.xlsx", rated_problem())


def test_a_bad_judgment_in_an_alternatives_sheet_leaves_performance_alone(
    rated_book: Path,
) -> None:
    """The Performance column of a criterion rated pairwise must stay empty; one wrong
    judgment in its sheet used to add an 'expected a number' error per alternative."""
    errors = errors_at(edit(rated_book, {"Alternatives quality!D2": "banana"}))
    assert list(errors) == ["Alternatives quality!D2"], errors


def test_a_stray_judgment_beside_typed_weights_gives_the_real_error_only(
    weights_book: Path,
) -> None:
    errors = validate_workbook(edit(weights_book, {"Comparisons!C2": "3"}))
    assert [e.cell for e in errors] == ["Weights!B2"], errors
    assert "both the Comparisons sheet" in errors[0].message


def test_weights_are_checked_even_when_judgments_are_filled(weights_book: Path) -> None:
    errors = errors_at(edit(weights_book, {"Comparisons!C2": "3", "Weights!B3": -1}))
    assert "both the Comparisons sheet" in errors["Weights!B2"]
    assert "cannot be negative" in errors["Weights!B3"]


def _stored(book: Path, cell: str, xml_value: str) -> Path:
    """``book`` with the number in ``cell`` stored as ``xml_value`` in the file's XML (what
    no spreadsheet program writes, e.g. ``1e400``)."""
    marker = 987654321
    edit(book, {cell: marker})
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data.replace(b"<v>%d</v>" % marker, xml_value.encode()))
    return book


@pytest.mark.parametrize("stored", ["<v>1e400</v>", "<v>NaN</v>"])
def test_an_infinite_or_nan_weight_is_reported_at_its_cell(weights_book: Path, stored: str) -> None:
    """Such numbers used to be reported after everything else, without a cell."""
    errors = errors_at(_stored(weights_book, "Weights!B2", stored))
    assert list(errors) == ["Weights!B2"], errors
    assert "a weight (a number, 0 or more)" in errors["Weights!B2"]


@pytest.mark.parametrize(("value", "size"), [(5e-324, "small"), (1e305, "large")])
def test_a_judgment_whose_reciprocal_is_unusable_is_reported_at_its_cell(
    template: Path, value: float, size: str
) -> None:
    """5e-324 used to be reported as its computed reciprocal, inf, without a cell."""
    errors = errors_at(edit(template, {"Comparisons!C2": value}))
    assert list(errors) == ["Comparisons!C2"], errors
    assert f"too {size} to use" in errors["Comparisons!C2"]


def test_a_requirement_on_a_criterion_rated_pairwise_names_its_cell(rated_book: Path) -> None:
    errors = errors_at(edit(rated_book, {"Requirements!B2": 3}))
    assert list(errors) == ["Requirements!B2"], errors
    assert (
        "rated by pairwise comparisons in the sheet 'Alternatives quality'"
        in (errors["Requirements!B2"])
    )
    with pytest.raises(Exception, match="1 problem"):
        read_workbook(rated_book)


def test_errors_on_criteria_do_not_hide_those_on_sub_criteria_sheets(tree_book: Path) -> None:
    errors = errors_at(edit(tree_book, {"Criteria!B2": "big", "Sub-criteria cost!C2": "banana"}))
    assert "unknown kind" in errors["Criteria!B2"]
    assert "banana" in errors["Sub-criteria cost!C2"]


def test_errors_on_criteria_do_not_hide_those_on_experts_sheets(tree_team_book: Path) -> None:
    errors = errors_at(
        edit(
            tree_team_book,
            {"Criteria!B2": "big", "CEO - cost!C2": "banana", "Comparisons CEO!C2": 0},
        )
    )
    assert "unknown kind" in errors["Criteria!B2"]
    assert "banana" in errors["CEO - cost!C2"]
    assert "Comparisons CEO!C2" in errors


def test_two_spellings_of_one_name_are_one_name(template: Path) -> None:
    """'é' typed as one character in Criteria and as 'e' and a combining accent in a
    header (as some systems store it) is one name, as in mcda_iso.names."""
    import unicodedata

    from mcda_iso import load_scenario

    nfc = "crédibilité"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    edit(template, {"Criteria!A2": nfc, "Performance!B1": nfd, "Comparisons!B1": nfd})
    edit(template, {"Comparisons!A2": nfd, "Requirements!A2": nfd})
    problem = read_workbook(template)
    expected = load_scenario("iso9001", profile="balanced").criterion_names
    assert problem.criterion_names == (nfc, *expected[1:])


def test_an_unknown_name_lists_at_most_twenty_known_ones(tmp_path: Path) -> None:
    """With 10,000 alternatives the message names a few and says how many more."""
    from mcda_iso import Criterion, Problem

    names = [f"alternative {k}" for k in range(300)]
    problem = Problem([Criterion("cost", "cost")], names, [[k] for k in range(300)], weights=[1])
    book = edit(write_template(tmp_path / "many.xlsx", problem), {"Performance!A2": "nobody"})
    message = errors_at(book)["Performance!A2"]
    assert "unknown alternative 'nobody'" in message and "… 280 more" in message
    assert len(message) < 600
