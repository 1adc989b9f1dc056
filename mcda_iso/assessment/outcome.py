"""One assessment: answers -> Problem -> ranking -> costs and explanation.

Examples
--------
>>> from mcda_iso.assessment import assess
>>> a = assess(employees=300, sector="automotive", scheme_required=True)
>>> a.result.best
'IATF 16949 certification'
>>> "Lean" in a.result.screening.screened_out
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from mcda_iso.assessment import benefits
from mcda_iso.assessment.answers import Organisation, read_answers, sheet_rows
from mcda_iso.assessment.build import build_problem, performance
from mcda_iso.assessment.data import Model, load_model
from mcda_iso.assessment.explain import explain
from mcda_iso.errors import AssessmentError
from mcda_iso.problem import Problem
from mcda_iso.ranking import Result, rank

__all__ = ["Assessment", "assess"]


@dataclass(frozen=True, eq=False, repr=False)
class Assessment:
    """The answer to "is ISO 9001 worth it for us?" for one organisation.

    Attributes
    ----------
    organisation : Organisation
        The answers.
    model : Model
        The model data used (with the answers' overrides).
    problem : Problem
        The decision built from the answers (edit it like any other, e.g. in a workbook
        written by :meth:`write`).
    result : Result
        ``mcda_iso.rank(problem)`` (TOPSIS: the status quo costs 0, which AHP synthesis
        cannot divide by).
    costs : pandas.DataFrame
        Per alternative: auditor days, certification body, consultancy, training and fees,
        ``cost`` (cash, in the answers' currency, over one three-year cycle),
        ``person-days``, and staff time valued (see :mod:`mcda_iso.assessment.costmodel`);
        a copy on every access.
    uncertainty : pandas.DataFrame
        Relative uncertainty (+/- share) of every performance value (a copy).
    explanation : tuple of str
        The recommendation in the answers' terms, most important first.
    """

    organisation: Organisation
    model: Model
    problem: Problem
    result: Result
    _costs: pd.DataFrame
    _uncertainty: pd.DataFrame
    explanation: tuple[str, ...]

    def __repr__(self) -> str:
        best = self.result.best
        row = self._costs.loc[best]
        return (
            f"Assessment({self.organisation.name!r}, {self.organisation.employees} personnel: "
            f"{best} first of {len(self.problem.alternative_names)}, about "
            f"{row['cost']:,.0f} {self.organisation.currency} and "
            f"{row['person-days']:,.0f} person-days over 3 years)"
        )

    @property
    def costs(self) -> pd.DataFrame:
        """Cost (currency) and effort (person-days) per alternative, a copy."""
        return self._costs.copy()

    @property
    def uncertainty(self) -> pd.DataFrame:
        """Relative uncertainty of every performance value, a copy."""
        return self._uncertainty.copy()

    @property
    def performance_uncertainty(self) -> float:
        """The largest relative uncertainty of any value: what :meth:`monte_carlo` uses.

        :func:`mcda_iso.sensitivity.monte_carlo` perturbs every value by the same relative
        amount; the largest one keeps no value more certain than the evidence allows.
        """
        return float(self._uncertainty.to_numpy().max())

    def monte_carlo(self, samples: int = 10_000, seed: int | None = None, **options: Any) -> Any:
        """Rank acceptability with the weights and the performance uncertain.

        Calls :func:`mcda_iso.sensitivity.monte_carlo` on :attr:`result` with
        ``performance_uncertainty=`` :attr:`performance_uncertainty` (other keyword
        arguments are passed on).
        """
        from mcda_iso import sensitivity

        options.setdefault("performance_uncertainty", self.performance_uncertainty)
        return sensitivity.monte_carlo(self.result, samples, seed, **options)

    def write(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the Problem to a workbook (:func:`mcda_iso.write_template`) with the answers.

        The answers go on an ``Organisation`` sheet, so ``mcda-iso assess --answers`` can
        read them back; the other sheets are an ordinary workbook to edit and rank.
        """
        import mcda_iso
        from mcda_iso.workbook.organisation import write_organisation_sheet

        out = mcda_iso.write_template(path, self.problem, overwrite=overwrite)
        title = f"Answers for mcda-iso assess: {self.organisation.name}"
        write_organisation_sheet(out, title, sheet_rows(self.organisation))
        return out

    def summary(self) -> pd.DataFrame:
        """Ranked alternatives with their score, cost, effort and market access."""
        table = pd.DataFrame(
            {
                "rank": self.result.ranks,
                "score": self.result.scores,
            }
        )
        table = table.join(self.costs[["cost", "person-days"]])
        table["market access"] = self.problem.performance["market access"]
        return table.sort_values("rank")


def assess(
    answers: Organisation | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    /,
    **given: Any,
) -> Assessment:
    """Assess ISO 9001 and the other quality programmes for one organisation.

    Parameters
    ----------
    answers : Organisation, mapping or path, optional
        The answers: an :class:`Organisation`, a mapping of answers, or the path of an
        answers file (``.toml``, ``.json``) or of a workbook with an Organisation sheet.
        Omitted: the answers are the keyword arguments.
    **given
        Answers as keyword arguments (see :class:`Organisation`); with ``answers`` they
        replace its values.

    Returns
    -------
    Assessment

    Raises
    ------
    AssessmentError
        An answer is missing or out of range; the model data or an override is bad.
    RequirementError
        No alternative meets the mandatory certificate (cannot happen with the built-in
        alternatives, which include the certificates).

    Examples
    --------
    >>> from mcda_iso.assessment import assess
    >>> a = assess(employees=10)
    >>> round(float(a.costs.loc["ISO 9001 certification", "auditor days"]), 2)
    4.67
    >>> a
    Assessment('Our organisation', 10 personnel: ISO 9001 certification first of 7, about \
15,338 EUR and 86 person-days over 3 years)
    """
    if answers is None:
        org = Organisation.from_mapping(given, "answers")
    elif isinstance(answers, Organisation):
        org = (
            answers
            if not given
            else Organisation.from_mapping({**_as_mapping(answers), **given}, "answers")
        )
    elif isinstance(answers, Mapping):
        org = Organisation.from_mapping({**answers, **given}, "answers")
    elif isinstance(answers, str | os.PathLike):
        org = read_answers(answers)
        if given:
            org = Organisation.from_mapping({**_as_mapping(org), **given}, str(answers))
    else:
        raise AssessmentError(
            "answers must be an Organisation, a mapping of answers or the path of an answers "
            f"file (got {type(answers).__name__})"
        )
    model = load_model(org.model)
    frame, costs = performance(org, model)
    problem = build_problem(org, model, frame)
    result = rank(problem)  # TOPSIS: the status quo's cost and effort are 0, which AHP
    # synthesis cannot divide by
    uncertainty = benefits.uncertainty(org, model, list(costs.index))
    lines = explain(org, model, result, costs)
    return Assessment(org, model, problem, result, costs, uncertainty, tuple(lines))


def _as_mapping(org: Organisation) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(org, f.name) for f in fields(org)}
