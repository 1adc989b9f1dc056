"""Answers -> :class:`~mcda_iso.Problem`: criteria in real units, goals as judgments.

Criteria (the names of the built-in scenario, so its profiles apply as goals):

======================  =======  ====================================================
criterion               kind     value
======================  =======  ====================================================
credibility             benefit  rating 1-10 (``benefits.toml``)
efficiency              benefit  rating 1-10 (``benefits.toml``)
market access           benefit  % of revenue kept open (:mod:`.benefits`)
cost                    cost     currency over one three-year cycle (:mod:`.costmodel`)
effort                  cost     person-days over one three-year cycle
======================  =======  ====================================================

Where a certificate is mandatory (a sector scheme the customers require, or a regulation),
the Problem requires ``market access`` of at least 1 % (``sector_schemes.toml``,
``[mandatory]``): an alternative without the mandatory certificate keeps no revenue open
(0 %) and is screened out with that reason.

Examples
--------
>>> from mcda_iso.assessment import Organisation
>>> from mcda_iso.assessment.build import build_problem
>>> from mcda_iso.assessment.data import load_model
>>> problem = build_problem(Organisation(employees=10), load_model())
>>> problem.criterion_names
('credibility', 'efficiency', 'market access', 'cost', 'effort')
>>> float(problem.performance.loc["ISO 9001 certification", "market access"])
100.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mcda_iso import ahp
from mcda_iso.assessment import benefits
from mcda_iso.assessment.answers import GOALS, Organisation
from mcda_iso.assessment.costmodel import alternatives, costs, scheme
from mcda_iso.assessment.data import Model
from mcda_iso.errors import AssessmentError, MCDAError
from mcda_iso.problem import Alternative, Criterion, Problem
from mcda_iso.scale import parse_judgment
from mcda_iso.scenarios import read_scenario

__all__ = ["build_problem", "criteria", "goal_matrix", "performance"]


def criteria(org: Organisation) -> tuple[Criterion, ...]:
    """The five criteria, with units in the organisation's currency."""
    return (
        Criterion(
            "credibility",
            "benefit",
            GOALS["credibility"],
            "rating 1-10 (10 = strongest signal of quality to customers and buyers)",
        ),
        Criterion(
            "efficiency",
            "benefit",
            GOALS["efficiency"],
            "rating 1-10 (10 = largest gain in operational efficiency)",
        ),
        Criterion(
            "market access",
            "benefit",
            "Share of revenue kept open, given the customers, tenders and regulators that "
            "require or prefer a certificate",
            "% of revenue",
        ),
        Criterion(
            "cost",
            "cost",
            "Cash over one three-year certification cycle: certification body (IAF MD 5 audit "
            "time), consultants, courses and fees",
            f"{org.currency} over 3 years",
        ),
        Criterion(
            "effort",
            "cost",
            "Your staff's time over one three-year cycle: building and keeping the programme, "
            "training, hosting auditors, customers' audits",
            "person-days over 3 years",
        ),
    )


def goal_matrix(org: Organisation) -> pd.DataFrame:
    """The goals' comparison matrix: the organisation's judgments, or its profile's.

    Pairs the organisation did not judge are missing (NaN); the judged pairs must connect
    every goal (checked when the Problem is built).
    """
    names = list(GOALS)
    entries = org.judgments
    if not entries:
        spec = read_scenario("iso9001").profiles[org.profile]
        entries = tuple((r, c, parse_judgment(v)) for r, c, v in spec["judgments"])
    matrix = np.full((len(names), len(names)), np.nan)
    np.fill_diagonal(matrix, 1.0)
    for row, col, value in entries:
        i, j = names.index(row), names.index(col)
        matrix[i, j], matrix[j, i] = value, 1.0 / value
    return pd.DataFrame(matrix, index=names, columns=names)


def performance(org: Organisation, model: Model) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(performance table, costs table) of the alternatives for ``org``."""
    names = alternatives(org, model)
    table = costs(org, model, names)
    frame = pd.DataFrame(
        {
            "credibility": benefits.credibility(org, model, names),
            "efficiency": benefits.efficiency(org, model, names),
            "market access": benefits.market_access(org, model, names),
            "cost": table["cost"],
            "effort": table["person-days"],
        }
    )
    return frame, table


def build_problem(org: Organisation, model: Model, frame: pd.DataFrame | None = None) -> Problem:
    """The :class:`~mcda_iso.Problem` for ``org``, ready for :func:`mcda_iso.rank`.

    ``frame`` is the performance table of :func:`performance` if already computed.

    Raises
    ------
    AssessmentError
        The goals' judgments do not connect every goal, or the model gives a value the
        Problem rejects (the message says which).
    """
    if frame is None:
        frame, _ = performance(org, model)
    descriptions = {a.name: a.description for a in read_scenario("iso9001").alternatives}
    found = scheme(org, model)
    if found is not None:
        descriptions[found["alternative"]] = found["requires"].split(". ")[0] + "."
        if "combined" in found:
            descriptions[found["combined"]["alternative"]] = (
                f"One integrated system certified to both {found['scheme']} and ISO 9001."
            )
    alts = [Alternative(name, descriptions.get(name, "")) for name in frame.index]
    requirements = None
    if benefits.mandatory(org, model):
        minimum = model.schemes["mandatory"]["minimum_market_access"]
        requirements = {"market access": {"minimum": minimum}}
    goals = goal_matrix(org)
    try:
        ahp.priorities(goals)  # every goal judged against the others, directly or through one
    except MCDAError as exc:
        raise AssessmentError(
            f"the goals' judgments {str(exc).removeprefix('the judgments ')}"
        ) from exc
    try:
        return Problem(
            criteria(org),
            alts,
            frame,
            comparisons=goals,
            requirements=requirements,
        )
    except MCDAError as exc:
        raise AssessmentError(f"the assessment of {org.name!r} cannot be built: {exc}") from exc
