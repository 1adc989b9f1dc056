"""Reading one expert's questionnaire back: every problem by sheet and cell.

:func:`read_questionnaire` returns the expert's answers as a :class:`Response`
(one comparison matrix per question sheet, NaN where not answered);
:func:`validate_questionnaire` lists every problem instead, each a
:class:`~mcda_iso.WorkbookError` located ``Sheet!A1`` (and ``[file]Sheet!A1``
when several files are collected, see :mod:`~mcda_iso.workbook.collect`).
Refused: an answer that is not one of the dropdown's, an edited structure (a
name changed, a row inserted or deleted, a sheet renamed or missing), an edited
hidden ``_survey`` sheet, and partial answers that do not link every item of a
sheet. A file is opened the way pandas opens workbooks (read-only, cached values,
no external links) and never modified.

Examples
--------
>>> import tempfile, pathlib
>>> from mcda_iso import load_scenario, write_questionnaire
>>> p = load_scenario("iso9001")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "qm.xlsx"
>>> path = write_questionnaire(out, p, expert="QM", answers=p.comparisons)
>>> response = read_questionnaire(path)
>>> response.expert, response.answered(response.sets[0])
('QM', 10)
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from mcda_iso import ahp
from mcda_iso.errors import WorkbookError, shorten
from mcda_iso.workbook.questionnaire_layout import (
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
    answer_position_of,
    answer_text,
    answer_value,
    question_order,
    survey_id,
)

__all__ = [
    "Response",
    "is_questionnaire",
    "read_questionnaire",
    "revision_text",
    "validate_questionnaire",
]

_MAX_ITEMS = 250  # identity rows are read this far to the right
_MAX_SETS = 200


def cell_ref(row: int, col: int) -> str:
    """``C7`` for row 7, column 3."""
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


class FileErrors:
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


def _open(path: Path, errors: FileErrors) -> Any:
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


def _identity(wb: Any, errors: FileErrors) -> tuple[dict[str, Any], tuple[QuestionSet, ...]] | None:
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
            cell_ref(ROW_FORMAT, 2),
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
            cell_ref(ROW_ID, 2),
        )
        return None
    expert = rows[ROW_EXPERT - 1][1]
    identity["id"] = stored
    identity["expert"] = "" if expert is None else str(expert).strip()
    if not identity["expert"]:
        errors.add(
            "the questionnaire names no expert (its hidden _survey sheet was edited)",
            IDENTITY_SHEET,
            cell_ref(ROW_EXPERT, 2),
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


def check_connected(qset: QuestionSet, matrix: np.ndarray, errors: FileErrors) -> None:
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
        cell_ref(FIRST_ROW + q, COL_ANSWER),
    )


def _read_sheet(wb: Any, qset: QuestionSet, errors: FileErrors) -> np.ndarray | None:
    if qset.sheet not in wb.sheetnames:
        errors.add(  # located where the questionnaire records the sheet's title
            f"the question sheet {qset.sheet!r} is missing (renamed or deleted?); the "
            "questionnaire's structure was edited",
            IDENTITY_SHEET,
            cell_ref(ROW_SETS + qset.number - 1, 5),
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
                    cell_ref(r, col),
                )
        answer = row[COL_ANSWER - 1]
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            continue
        text = answer.strip() if isinstance(answer, str) else answer
        position = (
            answer_position_of(text, qset.names[i], qset.names[j], qset.verb)
            if isinstance(text, str)
            else None
        )  # in the language the questionnaire was written in, whichever that is
        if position is None:
            errors.add(
                f"{shorten(answer)} is not one of the answers of this question "
                f"({qset.names[i]!r} or {qset.names[j]!r}); choose one from the dropdown",
                qset.sheet,
                cell_ref(r, COL_ANSWER),
            )
            continue
        value = answer_value(position)
        matrix[i, j], matrix[j, i] = value, 1.0 / value
    extra = rows[FIRST_ROW + q_total - 1]
    if any(v not in (None, "") for v in extra[:COL_B]):
        errors.add(
            "the questionnaire's structure was edited: this row, after the last question, "
            "should be empty",
            qset.sheet,
            cell_ref(FIRST_ROW + q_total, COL_NUMBER),
        )
    return matrix if len(errors.items) == before else None


def read_one(path: Path, prefix_file: bool) -> tuple[Response | None, list[WorkbookError]]:
    errors = FileErrors(path, prefix_file)
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
                    cell_ref(FIRST_ROW, COL_ANSWER),
                )
            else:
                check_connected(s, m, errors)  # type: ignore[arg-type]
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
    return read_one(Path(path), prefix_file=False)[1]


def read_questionnaire(path: str | os.PathLike[str]) -> Response:
    """One expert's answers from their questionnaire.

    Raises
    ------
    WorkbookError
        Holding every problem found (``.errors``), each with its sheet and cell.
    """
    path = Path(path)
    response, errors = read_one(path, prefix_file=False)
    if response is None:
        raise WorkbookError(
            f"{path}: {len(errors)} problem{'s' if len(errors) > 1 else ''} found", errors=errors
        )
    return response


def revision_text(qset: QuestionSet, j: ahp.Judgment) -> str:
    """A judgment to revise in the words of the questionnaire (question number, answers)."""
    q = qset.pairs.index((min(j.row, j.col), max(j.row, j.col))) + 1
    return (
        f"#{q} {j.row_name} vs {j.col_name}: answered '{answer_text(qset, j.row, j.col, j.value)}'"
        f", would fit '{answer_text(qset, j.row, j.col, j.suggested)}' "
        f"(CR after {j.cr_after:.3f})"
    )
