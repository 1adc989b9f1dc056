"""One expert's questionnaire: pairwise questions in words, with live feedback as they answer.

A questionnaire is a workbook for one expert of a team decision (see
``docs/survey.md``). It asks pair by pair, on Saaty's two-sided verbal scale,
"which matters more for this decision, A or B, and how much?" (a dropdown of 17
answers: A extremely ... moderately more important, equally important, B
moderately ... extremely more important, with the in-between values 2, 4, 6, 8),
one sheet per comparison matrix:

* ``Criteria`` for the top-level criteria,
* ``Sub-criteria <n>`` for each set of two or more sub-criteria,
* ``Alternatives <n>`` for each criterion under which the alternatives are
  compared pairwise.

Each sheet shows, with formulas only (no macros; Excel and LibreOffice), the
expert's weights, the consistency ratio and its verdict, and the three answers
most out of line with the others together with the answer that would fit (see
:mod:`mcda_iso.workbook.questionnaire_formulas`). The cells carry
workbook-level names: ``Weights`` and ``CR`` on the first question sheet,
``Weights_<k>`` and ``CR_<k>`` on the k-th (k = 2, 3, ...), as listed on the
``Start here`` sheet.

The decision's identity (title, criteria and their parents, alternatives,
criteria rated pairwise, the question sheets) is kept in the hidden, protected
sheet ``_survey`` together with a *survey id* computed from it, so that
questionnaires written separately for one decision belong together and
:func:`mcda_iso.workbook.collect.collect_questionnaires` can refuse a file from
another survey or an edited one.

Examples
--------
>>> import tempfile, pathlib
>>> from mcda_iso import load_scenario
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> problem = load_scenario("iso9001", profile="balanced")
>>> path = write_questionnaire(folder / "ceo.xlsx", problem, expert="CEO")
>>> [s.sheet for s in question_sets(problem)]
['Criteria']
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import ahp, i18n
from mcda_iso.errors import ProblemError, WorkbookError, shorten
from mcda_iso.i18n import gettext as _
from mcda_iso.problem import Problem
from mcda_iso.safe_write import write_file
from mcda_iso.workbook import questionnaire_formulas as formulas
from mcda_iso.workbook.questionnaire_layout import (
    COL_A,
    COL_ABOUT_A,
    COL_ABOUT_B,
    COL_ANSWER,
    COL_B,
    COL_NUMBER,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
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
    START_SHEET,
    QuestionSet,
    answer_options,
    answer_position,
    identity_rows,
    question_sets,
    survey_id,
)
from mcda_iso.workbook.styles import print_setup

__all__ = ["write_questionnaire"]

_INPUT_FILL = PatternFill("solid", start_color="FFF2CC")
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_PANEL_FILL = PatternFill("solid", start_color="EDEDED")
_BOLD = Font(name="Calibri", bold=True)
_TITLE = Font(name="Calibri", bold=True, size=14)
_SMALL = Font(name="Calibri", size=9)
_START_WIDTH = 72  # characters: the instructions' column, one printed page wide
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def _matrix_for(answers: Any, qset: QuestionSet, problem: Problem) -> np.ndarray | None:
    """The pre-filled judgments of one question sheet (NaN: unanswered), or None."""
    if answers is None:
        return None
    if isinstance(answers, Mapping):
        if qset.key not in answers:
            return None
        given = answers[qset.key]
    elif qset.kind == "criteria" and problem.hierarchy.is_flat:
        given = answers
    else:
        raise ProblemError(
            "this decision has more than one comparison matrix: give answers as a mapping "
            "from None (the top-level criteria), each parent with sub-criteria and each "
            "criterion whose alternatives are compared, to its matrix"
        )
    if isinstance(given, pd.DataFrame):
        missing = [n for n in qset.names if n not in given.index or n not in given.columns]
        if missing:
            raise ProblemError(
                f"answers for {qset.label} have no row or column {shorten(missing[0])}"
            )
        given = given.loc[list(qset.names), list(qset.names)].to_numpy(dtype=float)
    try:
        matrix = ahp.check_matrix(given, names=list(qset.names), allow_missing=True)
    except ProblemError as exc:
        raise type(exc)(f"answers for {qset.label}: {exc}") from exc
    return np.asarray(matrix, dtype=float)


def _check_answer_keys(answers: Any, sets: Sequence[QuestionSet]) -> None:
    if not isinstance(answers, Mapping):
        return
    keys = {s.key for s in sets}
    for key in answers:
        if key not in keys:
            known = ", ".join("None" if k is None else repr(k) for k in keys)
            raise ProblemError(
                f"answers name {shorten(key)}, which is not asked about in this "
                f"questionnaire; keys: {known}"
            )


def _text(ws: Worksheet, row: int, col: int, value: str, **style: Any) -> Any:
    """Text that is never taken for a formula (a name may start with '=')."""
    cell = ws.cell(row, col)
    cell.value = value
    cell.data_type = "s"
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _fit_to_page(ws: Worksheet) -> None:
    """Print landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _start_sheet(wb: Workbook, title: str, expert: str, sets: Sequence[QuestionSet]) -> None:
    ws = wb.create_sheet(START_SHEET)
    _text(ws, 1, 1, _("Questionnaire: {title}").format(title=title), font=_TITLE)
    _text(ws, 2, 1, _("For: {expert}").format(expert=expert), font=_BOLD)
    heads = (_("How to answer"), _("Question sheets"))
    lines = [
        _(
            "Thank you for taking part. This file asks you, pair by pair, which of two things "
            "matters more for this decision, and how much. There are no right answers: we "
            "want your own judgment."
        ),
        "",
        heads[0],
        _("1. Open each question sheet (the tabs below, listed here)."),
        _(
            "2. For every row, pick an answer from the dropdown in the yellow cell: which of "
            "the two matters more, and how much (equally, moderately, strongly, very strongly, "
            "extremely; the answers in between are for when you hesitate between two)."
        ),
        _("3. Read the descriptions beside each question if a name is unclear."),
        _(
            "4. Watch the grey panel on the right: your weights, your consistency ratio (CR) "
            "and the three answers most out of line with your others, with the answer that "
            "would fit."
        ),
        "   "
        + _(
            "A CR under the threshold shown means your answers agree with each other. Above "
            "it, look again at the answers listed: change them only if, on reflection, you "
            "agree."
        ),
        _(
            "5. You may leave a question empty if you really cannot judge it; the others then "
            "decide that pair."
        ),
        _("6. Save the file (keep its name and format, .xlsx) and send it back."),
        "",
        _(
            "Please do not rename, insert or delete sheets, rows or columns: the file is read "
            "back automatically and an edited layout is refused."
        ),
        _("Nothing here runs a macro; the feedback is ordinary formulas (Excel or LibreOffice)."),
        "",
        heads[1],
    ]
    row = 4
    for line in lines:
        cell = _text(ws, row, 1, line, alignment=_WRAP)
        ws.row_dimensions[row].height = 15 * _lines(line, _START_WIDTH)
        if line in heads:
            cell.font = _BOLD
        row += 1
    for qset in sets:
        subject = qset.label[4:] if qset.label.startswith("the ") else qset.label
        line = _(
            "Sheet '{sheet}': {subject}, {count} questions (its results are named {weights} "
            "and {cr})"
        ).format(
            sheet=qset.sheet,
            subject=subject,
            count=len(qset.pairs),
            weights=qset.weights_name,
            cr=qset.cr_name,
        )
        _text(ws, row, 1, line)
        row += 1
    ws.column_dimensions["A"].width = _START_WIDTH
    ws.page_setup.orientation = "portrait"
    ws.protection.sheet = True


def _identity_sheet(
    wb: Workbook,
    title: str,
    expert: str,
    team: Sequence[str],
    problem: Problem,
    sets: Sequence[QuestionSet],
) -> None:
    ws = wb.create_sheet(IDENTITY_SHEET)
    identity = identity_rows(title, problem, sets)

    def row(r: int, label: str, values: Sequence[Any]) -> None:
        _text(ws, r, 1, label)
        for c, value in enumerate(values, start=2):
            if isinstance(value, str):
                _text(ws, r, c, value)
            else:
                ws.cell(r, c, value)

    row(ROW_FORMAT, "format", [FORMAT])
    row(ROW_ID, "survey id", [survey_id(identity)])
    row(ROW_TITLE, "title", identity["title"])
    row(ROW_EXPERT, "expert", [expert])
    row(ROW_TEAM, "team", list(team))
    row(ROW_ALTERNATIVES, "alternatives", identity["alternatives"])
    row(ROW_CRITERIA, "criteria", identity["criteria"])
    row(ROW_PARENTS, "parents", identity["parents"])
    row(ROW_RATED, "rated pairwise", identity["rated"])
    _text(ws, ROW_SETS - 1, 1, "question sheets: number, kind, subject, sheet, names")
    for k, values in enumerate(identity["sets"]):
        row(ROW_SETS + k, "sheet", values)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _question_sheet(wb: Workbook, qset: QuestionSet, prefill: np.ndarray | None) -> None:
    ws = wb.create_sheet(qset.sheet)
    if qset.kind == "criteria":
        heading = _("The criteria: which matters more for this decision, and how much?")
    elif qset.kind == "sub-criteria":
        heading = _("Within {parent}: which matters more, and how much?").format(
            parent=qset.subject
        )
    else:
        heading = _("The alternatives on {criterion}: which is better, and how much?").format(
            criterion=qset.subject
        )
    _text(ws, 1, 1, heading, font=_TITLE)
    if qset.kind != "alternatives":
        how = _(
            "For each row, choose in the yellow cell which of A and B matters more for this "
            "decision, and how much. Your results appear on the right as you answer."
        )
    else:
        how = _(
            "For each row, choose in the yellow cell which of A and B is better, and how "
            "much. Your results appear on the right as you answer."
        )
    _text(ws, 2, 1, how)
    for col, text in (
        (COL_NUMBER, "#"),
        (COL_A, "A"),
        (COL_ANSWER, _("Your answer: which, and how much?")),
        (COL_B, "B"),
        (COL_ABOUT_A, _("A means")),
        (COL_ABOUT_B, _("B means")),
    ):
        _text(ws, HEADER_ROW, col, text, font=_BOLD, fill=_HEADER_FILL)
    calc = formulas.CalcLayout(qset)
    for q, (i, j) in enumerate(qset.pairs):
        r = FIRST_ROW + q
        ws.cell(r, COL_NUMBER, q + 1)
        _text(ws, r, COL_A, qset.names[i], alignment=_WRAP)
        _text(ws, r, COL_B, qset.names[j], alignment=_WRAP)
        _text(ws, r, COL_ABOUT_A, qset.descriptions[i], alignment=_WRAP, font=_SMALL)
        _text(ws, r, COL_ABOUT_B, qset.descriptions[j], alignment=_WRAP, font=_SMALL)
        answer = ws.cell(r, COL_ANSWER)
        answer.fill = _INPUT_FILL
        answer.protection = _UNLOCKED
        answer.alignment = _WRAP
        if prefill is not None and not math.isnan(prefill[i, j]):
            position = answer_position(float(prefill[i, j]))
            if position is None:
                raise ProblemError(
                    f"answers for {qset.label}: {qset.names[i]!r} vs {qset.names[j]!r} is "
                    f"{prefill[i, j]:g}, which is not on Saaty's scale (1/9 .. 9); a "
                    "questionnaire's answers are whole steps of the scale"
                )
            answer.value = answer_options(qset.names[i], qset.names[j], qset.verb)[position - 1]
            answer.data_type = "s"
        dv = DataValidation(
            type="list",
            formula1=calc.options_range(q),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not an answer"),
            error=_("Choose one of the answers from the list."),
        )
        ws.add_data_validation(dv)
        dv.add(answer.coordinate)
    longest = max(len(t) for i, j in qset.pairs for t in answer_options(*_names(qset, i, j)))
    name_width = min(max(len(n) for n in qset.names) + 2, 30)
    widths = {"A": 4, "B": name_width, "C": min(longest + 2, 56), "D": name_width, "G": 2}
    widths.update({"E": 50, "F": 50, "H": 30, "I": 14, "J": 36, "K": 36})
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    for q, (i, j) in enumerate(qset.pairs):  # wrapped text: rows tall enough to show it
        texts = {"B": qset.names[i], "D": qset.names[j], "C": " " * longest}
        texts.update({"E": qset.descriptions[i], "F": qset.descriptions[j]})
        small = {"E", "F"}  # descriptions in a smaller font: more characters per line
        lines = max(_lines(t, widths[c] * (1.2 if c in small else 1)) for c, t in texts.items())
        ws.row_dimensions[FIRST_ROW + q].height = 15 * lines
    formulas.write_feedback(wb, ws, qset, calc)
    for row in ws.iter_rows(min_row=HEADER_ROW):
        for cell in row:
            if cell.value is not None:
                cell.alignment = Alignment(wrap_text=cell.alignment.wrap_text, vertical="top")
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    _fit_to_page(ws)
    ws.protection.sheet = True


def _names(qset: QuestionSet, i: int, j: int) -> tuple[str, str, str]:
    return qset.names[i], qset.names[j], qset.verb


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (an estimate)."""
    return max(1, math.ceil(len(text) * 1.1 / max(width - 1, 1)))


def _expert_name(expert: object) -> str:
    if not isinstance(expert, str) or not expert.strip():
        raise ProblemError(f"the expert's name must be non-empty text (got {shorten(expert)})")
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", expert):
        raise ProblemError(f"the expert's name {shorten(expert)} holds control characters")
    return expert.strip()


@i18n.with_language
def write_questionnaire(
    path: str | os.PathLike[str],
    problem: Problem,
    *,
    expert: str,
    answers: Any = None,
    overwrite: bool = False,
    title: str | None = None,
    team: Sequence[str] = (),
    language: str | None = None,
) -> Path:
    """Write one expert's questionnaire for a decision.

    Parameters
    ----------
    path : str or path-like
        The ``.xlsx`` file to write.
    problem : Problem
        The decision: its criteria (and sub-criteria), alternatives, and the
        criteria whose alternatives are compared pairwise
        (``problem.alternative_comparisons``). Its judgments are not used.
    expert : str
        The expert's name, shown on the first sheet and kept in the identity sheet.
    answers : array-like, DataFrame or mapping, optional
        Answers to pre-fill, e.g. an expert's own judgments sent back for
        revision: a comparison matrix of the criteria (NaN: not answered), or a
        mapping from ``None`` (the top-level criteria), each parent with
        sub-criteria, and each criterion whose alternatives are compared, to its
        matrix. Values must be on Saaty's scale (1/9 .. 9).
    overwrite : bool
        Replace an existing file (refused by default).
    title : str, optional
        The decision's title (default: "Decision"); part of the survey's identity,
        so every questionnaire of one survey must be written with the same title.
    team : sequence of str
        Everyone surveyed, so that collecting can say who did not answer.
    language : str, optional
        The language of the instructions, the questions' answers and the feedback panel
        (``"en"``, ``"de"``, ``"fr"``, ``"es"``, ``"it"``, ``"zh_Hans"``; default: the
        environment's locale, English otherwise). Sheet titles stay in English; the
        answers are read back in whichever language they were written.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ProblemError
        A bad expert name, nothing to compare, or answers that do not fit the
        questions (unknown key, wrong names, a value off the scale).
    WorkbookError
        If the file exists and ``overwrite`` is False, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mcda_iso import load_scenario
    >>> p = load_scenario("iso9001", profile="balanced")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "qm.xlsx"
    >>> write_questionnaire(out, p, expert="Quality manager", answers=p.comparisons).name
    'qm.xlsx'
    """
    if not isinstance(problem, Problem):
        raise ProblemError(f"problem must be a Problem (got {type(problem).__name__})")
    expert = _expert_name(expert)
    title = "Decision" if title is None else str(title).strip() or "Decision"
    team = [_expert_name(t) for t in team]
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"cannot write {path}: the file name must end in .xlsx")
    sets = question_sets(problem)
    _check_answer_keys(answers, sets)
    prefills = [_matrix_for(answers, s, problem) for s in sets]
    wb = Workbook()
    wb.remove(wb.active)
    _start_sheet(wb, title, expert, sets)
    for qset, prefill in zip(sets, prefills, strict=True):
        _question_sheet(wb, qset, prefill)
    _identity_sheet(wb, title, expert, team, problem, sets)
    for ws in [w for w in wb.worksheets if w.sheet_state != "visible"]:
        wb.move_sheet(ws, offset=len(wb.worksheets))  # hidden sheets last
    wb.security = WorkbookProtection(lockStructure=True)  # no sheet renamed, moved or shown
    wb.calculation.fullCalcOnLoad = True
    wb.active = 1
    print_setup(wb, _("{title}: questionnaire for {expert}").format(title=title, expert=expert))
    return write_file(path, wb.save, overwrite=overwrite, error=WorkbookError)
