"""Collect returned questionnaires (and survey CSVs) into one team decision workbook.

:func:`~mcda_iso.workbook.questionnaire_reader.read_questionnaire` reads and
checks one expert's questionnaire (written by
:func:`~mcda_iso.workbook.questionnaire.write_questionnaire`);
:func:`collect_questionnaires` reads every returned file, checks each one and
all of them together against the decision, and returns a :class:`Collection`
whose :attr:`~Collection.problem` holds the experts' judgments
(``Problem(experts=...)``), ready for :func:`mcda_iso.rank` or to be written as
a decision workbook (:meth:`Collection.write`).

Every problem found is reported, in every file, as a
:class:`~mcda_iso.WorkbookError` whose ``cell`` names the file, the sheet and
the cell in Excel's external-reference notation, ``[CEO.xlsx]Criteria!C7``;
one bad file does not stop the others being checked. Returned files are only
read, never modified.

Survey data from elsewhere: a CSV in the layout of the R package ahpsurvey
(Cho 2019), one row per respondent and one column per pair named ``A_B``
(see :func:`~mcda_iso.workbook.survey_csv.read_survey_csv`), goes through the
same step.

References
----------
Cho, F. (2019). ahpsurvey: Analytic Hierarchy Process for Survey Data. R package
version 0.4.1, https://CRAN.R-project.org/package=ahpsurvey (``ahp.mat``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.errors import MCDAError, WorkbookError, shorten
from mcda_iso.problem import Problem
from mcda_iso.workbook.questionnaire_layout import (
    COL_A,
    COL_B,
    FIRST_ROW,
    IDENTITY_SHEET,
    ROW_CRITERIA,
    ROW_EXPERT,
    ROW_ID,
)
from mcda_iso.workbook.questionnaire_reader import (
    FileErrors,
    Response,
    cell_ref,
    read_one,
    revision_text,
)
from mcda_iso.workbook.survey_csv import read_survey_csv

__all__ = ["Collection", "collect_questionnaires"]


@dataclass(frozen=True)
class Collection:
    """The result of collecting a survey.

    Attributes
    ----------
    problem : Problem
        The decision with the experts' judgments (``Problem(experts=...)``; the
        alternatives compared pairwise hold the experts' element-wise geometric
        mean, AIJ, over those who answered each pair). Ready for
        :func:`mcda_iso.rank` and :meth:`write`.
    responses : tuple of Response
        Every expert who answered, in the order of the files.
    not_returned : tuple of str
        Experts surveyed (listed in the questionnaires, or the decision's
        experts) with no file among those collected.
    empty : tuple of Response
        Questionnaires returned with no answer (left out of :attr:`problem`).
    """

    problem: Problem
    responses: tuple[Response, ...]
    not_returned: tuple[str, ...] = ()
    empty: tuple[Response, ...] = field(default=())

    def write(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the team's decision workbook (``write_template(path, problem)``)."""
        from mcda_iso.workbook.template import write_template

        return write_template(path, self.problem, overwrite=overwrite)

    def summary(self) -> str:
        """Who answered, who did not, partial answers, CRs and answers to revise, in words."""
        lines = [f"Answered ({len(self.responses)}):"]
        for r in self.responses:
            lines.append(f"  {r.expert} ({r.source.name})")
        if self.empty:
            lines.append(f"Returned with no answer ({len(self.empty)}):")
            lines += [f"  {r.expert} ({r.source.name})" for r in self.empty]
        if self.not_returned:
            lines.append(
                f"Not returned ({len(self.not_returned)}): " + ", ".join(self.not_returned)
            )
        partial = [
            f"  {r.expert}, {s.sheet}: {r.answered(s)} of {len(s.pairs)} answered"
            for r in self.responses
            for s in r.sets
            if r.answered(s) < len(s.pairs)
        ]
        if partial:
            lines.append("Partial answers (missing judgments are estimated from the others):")
            lines += partial
        lines.append("Consistency of each expert's answers:")
        for r in self.responses:
            for s in r.sets:
                pri = r.priorities(s)
                verdict = "consistent" if pri.consistent else "INCONSISTENT"
                lines.append(
                    f"  {r.expert}, {s.sheet}: CR = {pri.cr:.3f} "
                    f"(threshold {pri.threshold:.2f}): {verdict}"
                )
                for judgment in r.revisions(s):
                    lines.append("    revise " + revision_text(s, judgment))
        return "\n".join(lines)


def _structure(problem: Problem) -> dict[str, Any]:
    return {
        "criteria": [(c.name, c.parent or "") for c in problem.all_criteria],
        "alternatives": list(problem.alternative_names),
        "rated": sorted((problem.alternative_comparisons or {}).keys()),
    }


def _check_against(
    response: Response, structure: Mapping[str, Any], into_name: str, errors: FileErrors
) -> None:
    """Refuse a questionnaire about other criteria or alternatives than the decision's."""
    sets = response.sets
    asked = {(s.kind, s.subject): s for s in sets}
    criteria = dict(structure["criteria"])
    for s in sets:
        if s.kind == "alternatives":
            if s.subject not in structure["rated"] or list(s.names) != structure["alternatives"]:
                errors.add(
                    f"the questionnaire compares the alternatives {list(s.names)} on "
                    f"{s.subject!r}, which {into_name} does not ({into_name} compares "
                    f"alternatives pairwise on {structure['rated'] or 'no criterion'}); "
                    "this file is from another survey",
                    s.sheet,
                    cell_ref(FIRST_ROW, COL_A),
                )
            continue
        for k, name in enumerate(s.names):
            parent = s.subject or ""
            if criteria.get(name) != parent:
                what = "is not a criterion of" if name not in criteria else "has another parent in"
                q = next(q for q, (i, j) in enumerate(s.pairs) if k in (i, j))
                i, _ = s.pairs[q]
                errors.add(
                    f"criterion {shorten(name)} {what} {into_name}; this questionnaire "
                    "asks about other criteria (a file from another survey)",
                    s.sheet,
                    cell_ref(FIRST_ROW + q, COL_A if i == k else COL_B),
                )
                return
    expected_sets = {("criteria", None)} | {
        ("sub-criteria", p) for p in {p for _, p in structure["criteria"] if p}
    }
    for kind, subject in expected_sets:
        kids = [c for c, p in structure["criteria"] if p == (subject or "")]
        if len(kids) >= 2 and (kind, subject) not in asked:
            what = "criteria" if subject is None else f"sub-criteria of {subject!r}"
            errors.add(
                f"the questionnaire does not ask about the {what} of {into_name}; it is from "
                "another survey",
                IDENTITY_SHEET,
                cell_ref(ROW_CRITERIA, 2),
            )


def _sources(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = [Path(p) for p in paths]
    if not out:
        raise MCDAError("no questionnaire to collect: give the returned files")
    return out


def _aggregate_alternatives(responses: Sequence[Response], crit: str) -> pd.DataFrame:
    """AIJ over the experts who answered each pair (geometric mean), NaN if nobody did."""
    frames = [r.matrices[crit] for r in responses if crit in r.matrices]
    logs = np.log(np.stack([f.to_numpy() for f in frames]))
    counts = np.isfinite(logs).sum(axis=0)
    sums = np.where(np.isfinite(logs), logs, 0.0).sum(axis=0)
    mean = np.where(counts > 0, np.exp(sums / np.maximum(counts, 1)), np.nan)
    return pd.DataFrame(mean, index=frames[0].index, columns=frames[0].columns)


def collect_questionnaires(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    into: Problem | str | os.PathLike[str],
    *,
    negconvert: bool = False,
) -> Collection:
    """Read every returned questionnaire (or survey CSV) into the team's decision.

    Parameters
    ----------
    paths : iterable of path-like
        The returned questionnaires (``.xlsx``) and/or survey CSVs (``.csv``,
        see :func:`read_survey_csv`).
    into : Problem or path-like
        The decision (a :class:`Problem`, or its decision workbook): its
        criteria, alternatives and performance are kept, its judgments replaced
        by the experts'.
    negconvert : bool
        For CSVs: a negative value means the first of the pair is more
        important (ahpsurvey's ``negconvert = TRUE``).

    Returns
    -------
    Collection

    Raises
    ------
    WorkbookError
        Holding every problem of every file (``.errors``), each located as
        ``[file]Sheet!Cell``: an answer not from the list, an edited structure
        (renamed sheet, changed names, moved rows, an edited hidden sheet),
        answers that do not link every criterion, the same expert twice, a file
        from another survey or about other criteria than ``into``'s; also when
        no expert answered at all.
    """
    from mcda_iso.workbook.reader import read_workbook

    sources = _sources(paths)
    if isinstance(into, Problem):
        problem, into_name = into, "the decision"
    else:
        problem, into_name = read_workbook(into), Path(into).name
    structure = _structure(problem)
    errors: list[WorkbookError] = []
    responses: list[Response] = []
    for path in sources:
        if path.suffix.lower() == ".csv":
            try:
                responses += read_survey_csv(path, problem, negconvert=negconvert)
            except WorkbookError as exc:
                errors += exc.errors
            continue
        response, found = read_one(path, prefix_file=True)
        if response is None:
            errors += found
            continue
        check = FileErrors(path, prefix_file=True)
        _check_against(response, structure, into_name, check)
        errors += check.items
        if not check.items:
            responses.append(response)
    # one survey: the id most files carry
    ids = [r.survey for r in responses if r.survey]
    if ids:
        main = max(dict.fromkeys(ids), key=ids.count)
        for r in [r for r in responses if r.survey and r.survey != main]:
            other = next(x for x in responses if x.survey == main)
            errors.append(
                WorkbookError(
                    f"this questionnaire is from another survey (title {r.title!r}, survey id "
                    f"{r.survey}) than {other.source.name} and the others (title "
                    f"{other.title!r}, survey id {main})",
                    sheet=IDENTITY_SHEET,
                    cell=f"[{r.source.name}]{IDENTITY_SHEET}!{cell_ref(ROW_ID, 2)}",
                )
            )
            responses.remove(r)
    first: dict[str, Response] = {}
    for r in list(responses):
        key = r.expert.casefold()
        if key in first:
            where = (
                f"[{r.source.name}]{IDENTITY_SHEET}!{cell_ref(ROW_EXPERT, 2)}"
                if r.source.suffix.lower() != ".csv"
                else f"[{r.source.name}]{r.source.stem}"
            )
            errors.append(
                WorkbookError(
                    f"expert {shorten(r.expert)} answered twice: in {first[key].source.name} "
                    f"and in {r.source.name}; keep one of the two files",
                    sheet=IDENTITY_SHEET if r.source.suffix.lower() != ".csv" else r.source.stem,
                    cell=where,
                )
            )
            responses.remove(r)
        else:
            first[key] = r
    if errors:
        files = len({e.cell.split("]")[0] if e.cell else e.message.split(":")[0] for e in errors})
        raise WorkbookError(
            f"{len(errors)} problem{'s' if len(errors) > 1 else ''} found in {files} "
            f"file{'s' if files > 1 else ''}; nothing was collected",
            errors=errors,
        )
    empty = tuple(r for r in responses if r.empty)
    answered = tuple(r for r in responses if not r.empty)
    if not answered:
        raise WorkbookError(
            "no expert answered any question: nothing to collect "
            f"({len(empty)} questionnaire{'s' if len(empty) != 1 else ''} returned empty)"
        )
    team = list(dict.fromkeys([*problem.experts, *(t for r in responses for t in r.team)]))
    got = {r.expert.casefold() for r in responses}
    not_returned = tuple(t for t in team if t.casefold() not in got)
    experts: dict[str, Any] = {}
    for r in answered:
        if problem.hierarchy.is_flat:
            experts[r.expert] = r.matrices[None]
        else:
            experts[r.expert] = {
                s.key: r.matrices[s.key] for s in r.sets if s.kind != "alternatives"
            }
    changes: dict[str, Any] = {"experts": experts}
    weights = problem.expert_weights
    if weights is not None and all(e in weights.index for e in experts):
        changes["expert_weights"] = {e: float(weights[e]) for e in experts}
    rated = structure["rated"]
    if rated and any(s.kind == "alternatives" for r in answered for s in r.sets):
        changes["alternative_comparisons"] = {
            c: _aggregate_alternatives(answered, c) for c in rated
        }
    return Collection(
        problem=problem.replace(**changes),
        responses=answered,
        not_returned=not_returned,
        empty=empty,
    )
