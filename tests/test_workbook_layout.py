"""Tests for mcda_iso.workbook.layout: sheet titles within Excel's 31 characters, found by the
reader.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda_iso import (
    Criterion,
    Problem,
    hierarchy,
    rank,
)
from mcda_iso.workbook import (
    read_workbook,
    write_results,
    write_template,
)
from mcda_iso.workbook.layout import (
    ALTERNATIVES_COLUMNS,
    CRITERIA_COLUMNS,
    EXPERT_PREFIX,
    EXPERTS_SHEET,
    MAX_TITLE,
    REQUIREMENTS_COLUMNS,
    SHEETS,
    WEIGHTS_COLUMNS,
    expert_sub_titles,
    sheet_title,
    sub_criteria_titles,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        CEO,
        QM,
        team_problem,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        CEO,
        QM,
        team_problem,
    )


def test_long_expert_name_fits_the_sheet_title_limit(tmp_path: Path) -> None:
    long = "Head of Quality and Regulatory Affairs (EMEA)"
    problem = team_problem(experts={long: QM, "CEO": CEO}, expert_weights=None)
    path = write_template(tmp_path / "long.xlsx", problem)
    titles = openpyxl.load_workbook(path).sheetnames
    assert all(len(t) <= 31 for t in titles)
    assert "Comparisons Head of Quality and" in titles
    assert read_workbook(path) == problem


def test_long_criterion_name_is_kept_in_a1(tmp_path: Path) -> None:
    long = "certification-body fees and surveillance audits"
    v = np.array([1.0, 2.0])
    problem = Problem(
        [Criterion(long, "benefit"), Criterion("speed", "benefit")],
        ["A", "B"],
        pd.DataFrame({"speed": [1.0, 2.0]}, index=["A", "B"]),
        weights=[1, 1],
        alternative_comparisons={long: v[:, None] / v[None, :]},
    )
    path = write_template(tmp_path / "long.xlsx", problem)
    titles = openpyxl.load_workbook(path).sheetnames
    assert "Alternatives certification-body" in titles
    assert read_workbook(path) == problem


def test_long_parent_name_fits_the_sheet_title_limit(tmp_path: Path) -> None:
    parent = "running costs over the first three years"
    problem = Problem(
        [
            Criterion("quality", "benefit"),
            Criterion(parent, "cost"),
            Criterion("fees", "cost", parent=parent),
            Criterion("staff", "cost", parent=parent),
        ],
        ["A", "B"],
        [[8, 5, 2], [6, 2, 6]],
        comparisons={None: [[1, 2], [1 / 2, 1]], parent: [[1, 3], [1 / 3, 1]]},
    )
    path = write_template(tmp_path / "long.xlsx", problem)
    wb = openpyxl.load_workbook(path)
    (title,) = [t for t in wb.sheetnames if t.startswith("Sub-criteria ")]
    assert len(title) == 31 and title == ("Sub-criteria " + parent)[:31]
    assert wb[title]["A1"].value == parent  # the full name, for the reader of the sheet
    assert read_workbook(path) == problem


def test_long_expert_and_parent_names_fit_the_sheet_title_limit(tmp_path: Path) -> None:
    expert = "Head of Quality and Regulatory Affairs (EMEA)"
    parent = "running costs over the first three years"
    other = "running costs over the first three months"  # the same first 31 characters
    criteria = [
        Criterion("quality", "benefit"),
        Criterion(parent, "cost"),
        Criterion("fees", "cost", parent=parent),
        Criterion("staff", "cost", parent=parent),
        Criterion(other, "cost"),
        Criterion("rent", "cost", parent=other),
        Criterion("power", "cost", parent=other),
        Criterion("lonely", "cost", parent="quality"),  # a single sub-criterion: no sheet
    ]
    top = [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]]
    judged = {None: top, parent: [[1, 3], [1 / 3, 1]], other: [[1, 1 / 2], [2, 1]]}
    problem = Problem(
        criteria,
        ["A", "B"],
        [[8, 5, 2, 1, 1], [6, 2, 6, 2, 2]],
        experts={expert: judged, expert + " (deputy)": judged, "CEO": {**judged, None: top}},
    )
    path = write_template(tmp_path / "long.xlsx", problem)
    titles = openpyxl.load_workbook(path).sheetnames
    assert all(len(t) <= 31 for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    subs = [t for t in titles if " - " in t]
    assert len(subs) == 6  # 3 experts x 2 parents with two sub-criteria each
    assert "CEO - running costs over the fi" in subs
    assert "Head of Qualit - running costs" in subs  # both long: 14 characters of each
    wb = openpyxl.load_workbook(path)
    assert {wb[t]["A1"].value for t in subs} == {parent, other}  # the full names
    assert read_workbook(path) == problem
    write_results(tmp_path / "r.xlsx", rank(problem))
    assert read_workbook(tmp_path / "r.xlsx") == problem


_NAMES = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=80, deadline=None)
@given(
    experts=st.lists(_NAMES, min_size=1, max_size=4, unique_by=str.casefold),
    parents=st.lists(_NAMES, min_size=1, max_size=4, unique_by=str.casefold),
)
def test_every_title_is_valid_unique_and_never_an_input_sheet(
    experts: list[str], parents: list[str]
) -> None:
    """Whatever the names, the titles the writer makes (and the reader looks for) are valid
    Excel titles: at most 31 characters, none of []:*?/\\, unique ignoring case, and never
    the name of an input sheet."""
    criteria = [Criterion(p, "benefit") for p in parents]
    criteria += [Criterion(f"{p} / {k}", "benefit", parent=p) for p in parents for k in "ab"]
    tree = hierarchy.build(criteria)
    used = {t.casefold() for t in (*SHEETS, EXPERTS_SHEET)}
    own = [sheet_title(EXPERT_PREFIX, e, set(used)) for e in experts]
    titles = [
        *own,
        *(t for mine in expert_sub_titles(experts, tree).values() for t in mine.values()),
    ]
    plain = list(sub_criteria_titles(tree).values())
    for title in [*titles, *plain]:
        assert 0 < len(title) <= MAX_TITLE and not set(title) & set("[]:*?/\\"), title
        assert title.casefold() not in {t.casefold() for t in (*SHEETS, EXPERTS_SHEET)}
    assert len({t.casefold() for t in titles}) == len(titles)
    assert len({t.casefold() for t in plain}) == len(plain)


def test_reader_and_writers_use_one_set_of_headers(tmp_path: Path) -> None:
    """The headers the template writes are the layout's, which the reader looks for."""
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", scenario="iso9001"))
    for sheet, columns in (
        ("Criteria", CRITERIA_COLUMNS),
        ("Alternatives", ALTERNATIVES_COLUMNS),
        ("Weights", WEIGHTS_COLUMNS),
        ("Requirements", REQUIREMENTS_COLUMNS),
    ):
        assert tuple(c.value for c in wb[sheet][1]) == columns


def test_the_old_import_path_keeps_every_public_name() -> None:
    """mcda_iso.excel (the module before the split) re-exports the same objects."""
    import mcda_iso.excel as old
    import mcda_iso.workbook as new

    assert set(old.__all__) >= {
        "MAX_COLUMNS",
        "MAX_ROWS",
        "MAX_UNPACKED_BYTES",
        "RECIPROCAL_TOLERANCE",
        "SCALE_TOLERANCE",
        "SHEETS",
        "SUB_CRITERIA_PREFIX",
        "EXPERT_PREFIX",
        "RATING_PREFIX",
        "EXPERT_PARENT_SEPARATOR",
        "read_workbook",
        "validate_workbook",
        "write_results",
        "write_template",
    }
    assert all(getattr(old, name) is getattr(new, name) for name in old.__all__)
