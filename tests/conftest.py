"""Fixtures shared by several test modules (a module's own fixture of the same name wins)."""

from __future__ import annotations

import pytest

import mcda_iso


@pytest.fixture(scope="session")
def problem() -> mcda_iso.Problem:
    """The built-in ISO 9001 scenario, balanced profile."""
    return mcda_iso.load_scenario("iso9001", profile="balanced")


@pytest.fixture(scope="session")
def result(problem: mcda_iso.Problem) -> mcda_iso.Result:
    """Its TOPSIS ranking."""
    return mcda_iso.rank(problem)
