"""Survey answers from elsewhere: a CSV in the layout of the R package ahpsurvey.

One row per respondent, one column per pair of criteria named ``A_B``, values
on the two-sided scale as ahpsurvey's ``ahp.mat`` reads them (Cho 2019): see
:func:`read_survey_csv`. The respondents' answers become the same
:class:`~mcda_iso.workbook.questionnaire_reader.Response` objects as a returned
questionnaire, and go through the same collect step
(:func:`~mcda_iso.workbook.collect.collect_questionnaires`).

References
----------
Cho, F. (2019). ahpsurvey: Analytic Hierarchy Process for Survey Data. R package
version 0.4.1, https://CRAN.R-project.org/package=ahpsurvey (``ahp.mat``).
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

from mcda_iso.errors import WorkbookError, shorten
from mcda_iso.problem import Problem
from mcda_iso.workbook.questionnaire_layout import QuestionSet, question_sets
from mcda_iso.workbook.questionnaire_reader import (
    FileErrors,
    Response,
    cell_ref,
    check_connected,
)

__all__ = ["read_survey_csv"]


def read_survey_csv(
    path: str | os.PathLike[str], problem: Problem, *, negconvert: bool = False
) -> list[Response]:
    """Respondents' criteria judgments from a CSV in ahpsurvey's layout.

    One row per respondent, one column per pair of criteria named ``A_B`` (the
    two names joined by ``_``; top-level criteria and the sub-criteria of one
    parent), and optionally a first column ``expert`` (or ``respondent``,
    ``name``, ``id``) naming the respondent ("Respondent 1", ... otherwise). As
    in ahpsurvey's ``ahp.mat`` by default, a positive value ``x`` in ``A_B``
    means "A is x times as important as B" and a negative value ``-x`` means
    "B is x times as important as A" (``1`` and ``-1`` mean equal); with
    ``negconvert=True`` the signs mean the opposite (ahpsurvey's
    ``negconvert = TRUE``, the convention of its ``city200`` data). An empty cell
    is a question not answered. Values must be whole steps 1..9 of Saaty's scale.

    Alternatives compared pairwise are not asked in a CSV: the decision's own
    alternative comparisons are kept.

    Raises
    ------
    WorkbookError
        Holding every problem, located like a spreadsheet opening the CSV
        (sheet: the file's stem, cell: ``C3``).
    """
    path = Path(path)
    sheet = path.stem
    errors = FileErrors(path, prefix_file=True)
    sets = tuple(s for s in question_sets(problem) if s.kind != "alternatives")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise WorkbookError(f"{path} cannot be read as a CSV file ({exc})") from exc
    if not rows:
        raise WorkbookError(f"{path} is empty", sheet=sheet, cell=f"[{path.name}]{sheet}!A1")
    header = [h.strip() for h in rows[0]]
    named = header and header[0].casefold() in ("expert", "respondent", "name", "id")
    lookup: dict[str, tuple[QuestionSet, int, int]] = {}
    for qset in sets:
        for i, a in enumerate(qset.names):
            for j, b in enumerate(qset.names):
                if i != j:
                    lookup[f"{a}_{b}"] = (qset, i, j)
    columns: dict[int, tuple[QuestionSet, int, int]] = {}
    for c, title in enumerate(header):
        if c == 0 and named:
            continue
        if title not in lookup:
            errors.add(
                f"column {shorten(title)} is not a pair of criteria compared in this "
                "decision (expected names like 'A_B' of two criteria with the same parent)",
                sheet,
                cell_ref(1, c + 1),
            )
            continue
        columns[c] = lookup[title]
    for qset in sets:
        if not any(v[0] is qset for v in columns.values()):
            errors.add(f"no column compares {qset.label}", sheet, "A1")
    responses = []
    seen: dict[str, int] = {}
    for r, row in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in row):
            continue
        expert = row[0].strip() if named and row else f"Respondent {r - 1}"
        if not expert:
            errors.add("the respondent has no name", sheet, cell_ref(r, 1))
            continue
        if expert.casefold() in seen:
            errors.add(
                f"respondent {shorten(expert)} appears twice (first on row "
                f"{seen[expert.casefold()]})",
                sheet,
                cell_ref(r, 1),
            )
            continue
        seen[expert.casefold()] = r
        mats = {s.key: np.full((len(s.names),) * 2, np.nan) for s in sets}
        for m in mats.values():
            np.fill_diagonal(m, 1.0)
        before = len(errors.items)
        for c, (qset, i, j) in columns.items():
            text = row[c].strip() if c < len(row) else ""
            if not text:
                continue
            try:
                x = float(text)
            except ValueError:
                x = math.nan
            if not (math.isfinite(x) and abs(x) in range(1, 10) and x == int(x)):
                errors.add(
                    f"{shorten(text)} is not a judgment on the two-sided scale (a whole "
                    "number from 1 to 9, or -1 to -9)",
                    sheet,
                    cell_ref(r, c + 1),
                )
                continue
            first_wins = (x > 0) != negconvert
            value = abs(x) if first_wins else 1.0 / abs(x)
            mats[qset.key][i, j], mats[qset.key][j, i] = value, 1.0 / value
        if len(errors.items) > before:
            continue
        frames = {
            s.key: pd.DataFrame(mats[s.key], index=list(s.names), columns=list(s.names))
            for s in sets
        }
        response = Response(expert=expert, source=path, sets=sets, matrices=frames)
        if not response.empty:
            for s in sets:
                e = FileErrors(path, prefix_file=True)
                check_connected(s, mats[s.key], e)
                for err in e.items:  # locate at the respondent's row
                    errors.add(err.message.replace(" on this sheet", ""), sheet, cell_ref(r, 1))
        responses.append(response)
    if errors.items:
        raise WorkbookError(f"{path}: {len(errors.items)} problem(s) found", errors=errors.items)
    return responses
