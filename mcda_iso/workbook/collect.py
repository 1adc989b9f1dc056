"""Collect returned questionnaires (and survey CSVs) into one team decision workbook.

:func:`read_questionnaire` reads and checks one expert's questionnaire (written
by :func:`~mcda_iso.workbook.questionnaire.write_questionnaire`);
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
(see :func:`read_survey_csv`), goes through the same step.

References
----------
Cho, F. (2019). ahpsurvey: Analytic Hierarchy Process for Survey Data. R package
version 0.4.1, https://CRAN.R-project.org/package=ahpsurvey (``ahp.mat``).
"""

from __future__ import annotations

import csv
import math
import os
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from mcda_iso import ahp
from mcda_iso.errors import MCDAError, WorkbookError, shorten
from mcda_iso.problem import Problem
from mcda_iso.workbook.questionnaire import (
    COL_A,
    COL_ANSWER,
    COL_B,
    COL_NUMBER,
    FIRST_ROW,
    FORMAT,
    IDENTITY_SHEET,
    ROW_ALTERNATIVES,
    ROW_CRITERIA,
    ROW_EXPERT,
    ROW_FORMAT,
    ROW_ID,
    ROW_PARENTS,
    ROW_RATED,
    ROW_SETS,
    ROW_TEAM,
    ROW_TITLE,
    QuestionSet,
    answer_options,
    answer_value,
    question_order,
    question_sets,
    survey_id,
)

__all__ = [
    "Collection",
    "Response",
    "collect_questionnaires",
    "is_questionnaire",
    "read_questionnaire",
    "read_survey_csv",
    "revision_text",
    "validate_questionnaire",
]

_MAX_ITEMS = 250  # identity rows are read this far to the right
_MAX_SETS = 200


def _cell(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


@dataclass(frozen=True)
class Response:
    """One expert's answers, from a questionnaire or a row of a survey CSV.

    Attributes
    ----------
    expert : str
        The expert's name.
    source : pathlib.Path
        The file the answers were read from.
    sets : tuple of QuestionSet
        The question sheets (comparison matrices) of the survey.
    matrices : dict
        ``QuestionSet.key`` (None for the top-level criteria, the parent of a set
        of sub-criteria, the criterion the alternatives are compared on) -> the
        comparison matrix as a labelled DataFrame, NaN where not answered.
    survey : str
        The survey id (empty for a CSV).
    title : str
        The decision's title.
    team : tuple of str
        Everyone surveyed, as recorded in the questionnaire.
    """

    expert: str
    source: Path
    sets: tuple[QuestionSet, ...]
    matrices: dict[str | None, pd.DataFrame]
    survey: str = ""
    title: str = ""
    team: tuple[str, ...] = ()

    def answered(self, qset: QuestionSet) -> int:
        """How many questions of ``qset`` were answered."""
        m = self.matrices[qset.key].to_numpy()
        return int(np.isfinite(m[np.triu_indices(len(m), 1)]).sum())

    @property
    def empty(self) -> bool:
        """True when no question at all was answered."""
        return all(self.answered(s) == 0 for s in self.sets)

    def priorities(self, qset: QuestionSet) -> ahp.Priorities:
        """The weights and CR of one matrix, as the questionnaire's sheet shows them.

        Row geometric means (``method="geometric_mean"``) when every question is
        answered, logarithmic least squares (``"llsm"``) otherwise.
        """
        m = self.matrices[qset.key]
        method: Any = "geometric_mean" if np.isfinite(m.to_numpy()).all() else "llsm"
        return ahp.priorities(m, method=method)

    def revisions(self, qset: QuestionSet, k: int = 3) -> list[ahp.Judgment]:
        """The answers most out of line in ``qset`` (only when it is inconsistent)."""
        pri = self.priorities(qset)
        if pri.consistent:
            return []
        matrix = self.matrices[qset.key]
        return ahp.most_inconsistent(matrix, k=k, method=pri.method)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- one file


def is_questionnaire(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is an ``.xlsx`` file with a questionnaire's ``_survey`` sheet.

    Only the workbook's list of sheets is looked at (cheap; nothing is validated).
    """
    try:
        with zipfile.ZipFile(path) as z:
            text = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'name="{IDENTITY_SHEET}"' in text


class _Errors:
    """Errors of one file, each with its location ``[file]Sheet!A1``."""

    def __init__(self, path: Path, prefix_file: bool) -> None:
        self.path = path
        self.prefix = f"[{path.name}]" if prefix_file else ""
        self.items: list[WorkbookError] = []

    def add(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        if sheet is None:
            where = f"{self.path.name}: " if self.prefix else ""
            self.items.append(WorkbookError(where + message))
            return
        ref = f"{self.prefix}{sheet}!{cell}" if cell else f"{self.prefix}{sheet}"
        self.items.append(WorkbookError(message, sheet=sheet, cell=ref))


def _open(path: Path, errors: _Errors) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.exists():
        errors.add(f"{path} does not exist")
        return None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as exc:
        errors.add(f"{path.name} cannot be read as an .xlsx workbook ({type(exc).__name__})")
        return None


def _rows(ws: Any, last_row: int, last_col: int) -> list[list[Any]]:
    out = [list(r) for r in ws.iter_rows(1, last_row, 1, last_col, values_only=True)]
    while len(out) < last_row:
        out.append([None] * last_col)
    return [r + [None] * (last_col - len(r)) for r in out]


def _values(row: list[Any]) -> list[Any]:
    """A row's values after column A, trailing empty cells dropped, None as ""."""
    vals = ["" if v is None else v for v in row[1:]]
    while vals and vals[-1] == "":
        vals.pop()
    return vals


def _identity(wb: Any, errors: _Errors) -> tuple[dict[str, Any], tuple[QuestionSet, ...]] | None:
    if IDENTITY_SHEET not in wb.sheetnames:
        errors.add(
            f"this is not a questionnaire written by mcda-iso survey (it has no "
            f"{IDENTITY_SHEET} sheet)"
        )
        return None
    rows = _rows(wb[IDENTITY_SHEET], ROW_SETS + _MAX_SETS, _MAX_ITEMS)
    if rows[ROW_FORMAT - 1][1] != FORMAT:
        errors.add(
            f"this is not a questionnaire of this version (expected {FORMAT!r}, got "
            f"{shorten(rows[ROW_FORMAT - 1][1])})",
            IDENTITY_SHEET,
            _cell(ROW_FORMAT, 2),
        )
        return None
    criteria = [str(v) for v in _values(rows[ROW_CRITERIA - 1])]
    parents = ["" if v is None else str(v) for v in rows[ROW_PARENTS - 1][1 : 1 + len(criteria)]]
    sets_rows = []
    for r in range(ROW_SETS - 1, len(rows)):
        vals = _values(rows[r])
        if not vals:
            break
        sets_rows.append(vals)
    try:
        set_values = [
            [int(v[0]), str(v[1]), str(v[2]), str(v[3]), *map(str, v[4:])] for v in sets_rows
        ]
    except (TypeError, ValueError, IndexError):
        set_values = sets_rows
    identity = {
        "title": [str(v) for v in _values(rows[ROW_TITLE - 1])[:1]] or [""],
        "alternatives": [str(v) for v in _values(rows[ROW_ALTERNATIVES - 1])],
        "criteria": criteria,
        "parents": parents,
        "rated": [str(v) for v in _values(rows[ROW_RATED - 1])],
        "sets": set_values,
    }
    stored = rows[ROW_ID - 1][1]
    if stored != survey_id(identity):
        errors.add(
            "the questionnaire's hidden _survey sheet was edited: its content no longer "
            f"matches its survey id {shorten(stored)}; send the expert a fresh questionnaire",
            IDENTITY_SHEET,
            _cell(ROW_ID, 2),
        )
        return None
    expert = rows[ROW_EXPERT - 1][1]
    identity["id"] = stored
    identity["expert"] = "" if expert is None else str(expert).strip()
    if not identity["expert"]:
        errors.add(
            "the questionnaire names no expert (its hidden _survey sheet was edited)",
            IDENTITY_SHEET,
            _cell(ROW_EXPERT, 2),
        )
        return None
    identity["team"] = [str(v) for v in _values(rows[ROW_TEAM - 1]) if str(v).strip()]
    sets = tuple(
        QuestionSet(
            number=v[0],
            kind=v[1],
            subject=v[2] or None,
            sheet=v[3],
            names=tuple(v[4:]),
            descriptions=("",) * len(v[4:]),
            pairs=question_order(len(v[4:])),
        )
        for v in set_values
    )
    return identity, sets


def _check_connected(qset: QuestionSet, matrix: np.ndarray, errors: _Errors) -> None:
    """Partial answers must still link every item of the set."""
    known = np.isfinite(matrix)
    seen = {0}
    stack = [0]
    while stack:
        i = stack.pop()
        for j in np.flatnonzero(known[i]):
            if int(j) not in seen:
                seen.add(int(j))
                stack.append(int(j))
    if len(seen) == len(qset.names):
        return
    cut = [qset.names[i] for i in range(len(qset.names)) if i not in seen]
    q = next(
        q for q, (i, j) in enumerate(qset.pairs) if (i in seen) != (j in seen)
    )  # the first unanswered question that would link them
    listing = ", ".join(repr(c) for c in cut)
    errors.add(
        f"the answers on this sheet do not link every one of {qset.label}: {listing} "
        "cannot be compared, directly or through others, with the rest; answer this "
        "question (or another linking them)",
        qset.sheet,
        _cell(FIRST_ROW + q, COL_ANSWER),
    )


def _read_sheet(wb: Any, qset: QuestionSet, errors: _Errors) -> np.ndarray | None:
    if qset.sheet not in wb.sheetnames:
        errors.add(  # located where the questionnaire records the sheet's title
            f"the question sheet {qset.sheet!r} is missing (renamed or deleted?); the "
            "questionnaire's structure was edited",
            IDENTITY_SHEET,
            _cell(ROW_SETS + qset.number - 1, 5),
        )
        return None
    q_total = len(qset.pairs)
    rows = _rows(wb[qset.sheet], FIRST_ROW + q_total, COL_B)
    n = len(qset.names)
    matrix = np.full((n, n), np.nan)
    np.fill_diagonal(matrix, 1.0)
    before = len(errors.items)
    for q, (i, j) in enumerate(qset.pairs):
        r = FIRST_ROW + q
        row = rows[r - 1]
        for col, expected in ((COL_NUMBER, q + 1), (COL_A, qset.names[i]), (COL_B, qset.names[j])):
            got = row[col - 1]
            if got != expected and not (isinstance(got, float) and got == expected):
                errors.add(
                    f"the questionnaire's structure was edited: expected {shorten(expected)} "
                    f"here (got {shorten(got) if got is not None else 'an empty cell'}); "
                    "rows and names must stay as written",
                    qset.sheet,
                    _cell(r, col),
                )
        answer = row[COL_ANSWER - 1]
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            continue
        options = answer_options(qset.names[i], qset.names[j], qset.verb)
        text = answer.strip() if isinstance(answer, str) else answer
        if text not in options:
            errors.add(
                f"{shorten(answer)} is not one of the answers of this question "
                f"({qset.names[i]!r} or {qset.names[j]!r}); choose one from the dropdown",
                qset.sheet,
                _cell(r, COL_ANSWER),
            )
            continue
        value = answer_value(options.index(text) + 1)
        matrix[i, j], matrix[j, i] = value, 1.0 / value
    extra = rows[FIRST_ROW + q_total - 1]
    if any(v not in (None, "") for v in extra[:COL_B]):
        errors.add(
            "the questionnaire's structure was edited: this row, after the last question, "
            "should be empty",
            qset.sheet,
            _cell(FIRST_ROW + q_total, COL_NUMBER),
        )
    return matrix if len(errors.items) == before else None


def _read_one(path: Path, prefix_file: bool) -> tuple[Response | None, list[WorkbookError]]:
    errors = _Errors(path, prefix_file)
    wb = _open(path, errors)
    if wb is None:
        return None, errors.items
    try:
        found = _identity(wb, errors)
        if found is None:
            return None, errors.items
        identity, sets = found
        matrices: dict[str | None, np.ndarray | None] = {
            s.key: _read_sheet(wb, s, errors) for s in sets
        }
    finally:
        wb.close()
    if errors.items:
        return None, errors.items
    answered = [s for s in sets if np.isfinite(matrices[s.key]).sum() > len(s.names)]  # type: ignore[arg-type]
    if answered:  # a partly answered questionnaire: every sheet must link its items
        for s in sets:
            m = matrices[s.key]
            if s not in answered:
                errors.add(
                    f"no question on this sheet is answered; every sheet needs answers that "
                    f"link all of {s.label}",
                    s.sheet,
                    _cell(FIRST_ROW, COL_ANSWER),
                )
            else:
                _check_connected(s, m, errors)  # type: ignore[arg-type]
    if errors.items:
        return None, errors.items
    frames = {
        s.key: pd.DataFrame(matrices[s.key], index=list(s.names), columns=list(s.names))
        for s in sets
    }
    response = Response(
        expert=identity["expert"],
        source=path,
        sets=sets,
        matrices=frames,
        survey=identity["id"],
        title=identity["title"][0],
        team=tuple(identity["team"]),
    )
    return response, []


def validate_questionnaire(path: str | os.PathLike[str]) -> list[WorkbookError]:
    """Every problem in one expert's questionnaire, each located by sheet and cell.

    An empty list means the file can be collected. (A questionnaire with no answer
    at all is valid: it is reported as not answered when collected.)

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mcda_iso import load_scenario
    >>> from mcda_iso.workbook.questionnaire import write_questionnaire
    >>> p = load_scenario("iso9001")
    >>> path = write_questionnaire(pathlib.Path(tempfile.mkdtemp()) / "qm.xlsx", p, expert="QM")
    >>> validate_questionnaire(path)
    []
    """
    return _read_one(Path(path), prefix_file=False)[1]


def read_questionnaire(path: str | os.PathLike[str]) -> Response:
    """One expert's answers from their questionnaire.

    Raises
    ------
    WorkbookError
        Holding every problem found (``.errors``), each with its sheet and cell.
    """
    path = Path(path)
    response, errors = _read_one(path, prefix_file=False)
    if response is None:
        raise WorkbookError(
            f"{path}: {len(errors)} problem{'s' if len(errors) > 1 else ''} found", errors=errors
        )
    return response


# ----------------------------------------------------------------------------- CSV


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
    errors = _Errors(path, prefix_file=True)
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
                _cell(1, c + 1),
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
            errors.add("the respondent has no name", sheet, _cell(r, 1))
            continue
        if expert.casefold() in seen:
            errors.add(
                f"respondent {shorten(expert)} appears twice (first on row "
                f"{seen[expert.casefold()]})",
                sheet,
                _cell(r, 1),
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
                    _cell(r, c + 1),
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
                e = _Errors(path, prefix_file=True)
                _check_connected(s, mats[s.key], e)
                for err in e.items:  # locate at the respondent's row
                    errors.add(err.message.replace(" on this sheet", ""), sheet, _cell(r, 1))
        responses.append(response)
    if errors.items:
        raise WorkbookError(f"{path}: {len(errors.items)} problem(s) found", errors=errors.items)
    return responses


# ----------------------------------------------------------------------------- collect


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


def _answer_text(qset: QuestionSet, i: int, j: int, value: float) -> str:
    a, b = (i, j) if i < j else (j, i)
    v = value if i < j else 1.0 / value
    options = answer_options(qset.names[a], qset.names[b], qset.verb)
    position = min(range(1, 18), key=lambda p: abs(math.log(answer_value(p)) - math.log(v)))
    return options[position - 1]


def revision_text(qset: QuestionSet, j: ahp.Judgment) -> str:
    """A judgment to revise in the words of the questionnaire (question number, answers)."""
    q = qset.pairs.index((min(j.row, j.col), max(j.row, j.col))) + 1
    return (
        f"#{q} {j.row_name} vs {j.col_name}: answered '{_answer_text(qset, j.row, j.col, j.value)}'"
        f", would fit '{_answer_text(qset, j.row, j.col, j.suggested)}' "
        f"(CR after {j.cr_after:.3f})"
    )


def _structure(problem: Problem) -> dict[str, Any]:
    return {
        "criteria": [(c.name, c.parent or "") for c in problem.all_criteria],
        "alternatives": list(problem.alternative_names),
        "rated": sorted((problem.alternative_comparisons or {}).keys()),
    }


def _check_against(
    response: Response, structure: Mapping[str, Any], into_name: str, errors: _Errors
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
                    _cell(FIRST_ROW, COL_A),
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
                    _cell(FIRST_ROW + q, COL_A if i == k else COL_B),
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
                _cell(ROW_CRITERIA, 2),
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
        response, found = _read_one(path, prefix_file=True)
        if response is None:
            errors += found
            continue
        check = _Errors(path, prefix_file=True)
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
                    cell=f"[{r.source.name}]{IDENTITY_SHEET}!{_cell(ROW_ID, 2)}",
                )
            )
            responses.remove(r)
    first: dict[str, Response] = {}
    for r in list(responses):
        key = r.expert.casefold()
        if key in first:
            where = (
                f"[{r.source.name}]{IDENTITY_SHEET}!{_cell(ROW_EXPERT, 2)}"
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
