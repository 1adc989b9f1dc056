"""Fixtures shared by several test modules (a module's own fixture of the same name wins)."""

from __future__ import annotations

import pytest

# The workbook tests' fixtures (test_workbook_*.py share them; tests/ is on sys.path here).
from workbook_helpers import rated_book as rated_book
from workbook_helpers import team_book as team_book
from workbook_helpers import template as template
from workbook_helpers import tree_book as tree_book
from workbook_helpers import tree_team_book as tree_team_book

import mcda_iso

# Scripts that are not test modules: run by LibreOffice's own Python (they import ``uno``),
# never imported by pytest (--doctest-modules would otherwise import every file here).
collect_ignore = ["lo_typing.py"]


@pytest.fixture(scope="session")
def problem() -> mcda_iso.Problem:
    """The built-in ISO 9001 scenario, balanced profile."""
    return mcda_iso.load_scenario("iso9001", profile="balanced")


@pytest.fixture(scope="session")
def result(problem: mcda_iso.Problem) -> mcda_iso.Result:
    """Its TOPSIS ranking."""
    return mcda_iso.rank(problem)
