"""The live feedback of a questionnaire sheet, in formulas only (Excel and LibreOffice).

Each question sheet has a hidden helper sheet ``_calc<k>`` that turns the
answers into a comparison matrix and computes, as the expert types:

* the **weights**: the row geometric means of the judgments, normalised, that
  is :func:`mcda_iso.ahp.priorities` with ``method="geometric_mean"`` when every
  question is answered. With questions left empty the sheet shows the
  logarithmic least squares weights of the answers given
  (``method="llsm"``, its generalisation to incomplete matrices; Bozóki, Fülöp
  & Rónyai 2010): the solution of :math:`(L + J/n) y = r`, with :math:`L` the
  Laplacian of the graph of answered pairs and :math:`r_i = \\sum_j \\ln a_{ij}`,
  computed with ``MINVERSE``/``MMULT``; :math:`w_i \\propto e^{y_i}`. While the
  answers do not yet link every item (``MDETERM`` of that matrix is 0) no
  weights are shown.
* the **consistency ratio**: the Perron root :math:`\\lambda_{max}` of the
  matrix completed with :math:`w_i / w_j` for the unanswered pairs (as
  :func:`~mcda_iso.ahp.priorities` does), by repeated squaring: the matrix is
  squared 24 times (:math:`A^{2^{24}}`, each power scaled by its first
  diagonal entry), which makes every column proportional to the Perron vector
  :math:`v` whatever the matrix (the error shrinks like
  :math:`|\\lambda_2/\\lambda_1|^{2^{24}}`); then
  :math:`\\lambda_{max} = \\sum_j (\\sum_i a_{ij}) v_j / \\sum_j v_j`,
  :math:`CI = (\\lambda_{max} - n)/(n - 1)` and :math:`CR = CI / RI(n)` with
  Saaty's random index (:func:`mcda_iso.ahp.random_index`).
* the three answered questions most out of line: the largest
  :math:`|\\ln a_{ij} - \\ln(w_i / w_j)|` (as :func:`mcda_iso.ahp.most_inconsistent`
  scores them), each with the answer nearest :math:`w_i / w_j` on the scale.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Crawford, G., & Williams, C. (1985). A note on the analysis of subjective judgment
matrices. *Journal of Mathematical Psychology* 29(4), 387-405.
Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of incomplete
pairwise comparison matrices. *Mathematical and Computer Modelling* 52(1-2), 318-333.
"""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import ahp, i18n
from mcda_iso.workbook.questionnaire_layout import (
    COL_A,
    COL_ANSWER,
    COL_B,
    FIRST_ROW,
    HEADER_ROW,
    PANEL_COL,
    QuestionSet,
    answer_options,
)

__all__ = ["SQUARINGS", "CalcLayout", "defined_name", "write_feedback"]

#: How many times the completed matrix is squared to reach its Perron vector.
SQUARINGS = 24

_OPTIONS_COL = 15  # column O: the 17 answers of each question, O..AE
_FIT_COL = 34  # column AH: the bounds between the steps of the scale, for MATCH
_BOLD = Font(name="Calibri", bold=True)
_PANEL_FILL = PatternFill("solid", start_color="EDEDED")
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _col(c: int) -> str:
    return get_column_letter(c)


def _abs(row: int, col: int) -> str:
    return f"${_col(col)}${row}"


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class CalcLayout:
    """Where everything is on the hidden ``_calc<k>`` sheet of one question sheet."""

    def __init__(self, qset: QuestionSet) -> None:
        self.qset = qset
        self.sheet = f"_calc{qset.number}"
        self.n = n = len(qset.names)
        self.q = q = len(qset.pairs)
        base = q + 4
        names = (
            "n questions answered complete det ok lambda ci ri cr threshold top1 top2 top3"
        ).split()
        self.scalar = {name: base + k for k, name in enumerate(names)}
        self.vectors = base + len(names) + 2  # n rows: S, k, y, e, w, colsum, v in B..H
        self.blocks: dict[str, int] = {}
        row = self.vectors + n + 2
        for name in ["K", "L", "M", "A"] + [f"{x}{s}" for s in range(SQUARINGS + 1) for x in "NT"]:
            self.blocks[name] = row
            row += n + 1

    def question_row(self, q: int) -> int:
        """The calc row of question ``q`` (0-based)."""
        return 2 + q

    def options_range(self, q: int, absolute_sheet: bool = True) -> str:
        r = self.question_row(q)
        ref = f"{_abs(r, _OPTIONS_COL)}:{_abs(r, _OPTIONS_COL + 16)}"
        return f"{_quoted(self.sheet)}!{ref}" if absolute_sheet else ref

    def ref(self, name: str, local: bool = False) -> str:
        """A scalar cell, e.g. ``ref("cr")``."""
        cell = _abs(self.scalar[name], 2)
        return cell if local else f"{_quoted(self.sheet)}!{cell}"

    def vec(self, col: int, i: int) -> str:
        """Row ``i`` (0-based) of vector column ``col`` (2 = S ... 8 = v)."""
        return _abs(self.vectors + i, col)

    def vec_range(self, col: int) -> str:
        return f"{self.vec(col, 0)}:{self.vec(col, self.n - 1)}"

    def cell(self, block: str, i: int, j: int) -> str:
        return _abs(self.blocks[block] + i, 2 + j)

    def row_range(self, block: str, i: int) -> str:
        return f"{self.cell(block, i, 0)}:{self.cell(block, i, self.n - 1)}"

    def block_range(self, block: str) -> str:
        return f"{self.cell(block, 0, 0)}:{self.cell(block, self.n - 1, self.n - 1)}"


# vector columns
_S, _K, _Y, _E, _W, _COLSUM, _V = 2, 3, 4, 5, 6, 7, 8


def _calc_sheet(wb: Workbook, page: str, calc: CalcLayout) -> None:
    qset = calc.qset
    ws = wb.create_sheet(calc.sheet)
    n, q = calc.n, calc.q
    heads = ["#", "i", "j", "answer", "answered", "value", "ln value", "tie", "off by", "rank key"]
    heads += ["ln(wi/wj)", "fit step", "fit answer"]
    for c, text in enumerate(heads, start=1):
        ws.cell(1, c, text)
    ws.cell(1, _OPTIONS_COL, "the 17 answers")
    ws.cell(1, _FIT_COL, "scale bounds")
    for k in range(1, 10):  # MATCH(x, bounds, 1) = the step k nearest x >= 1 in logs
        ws.cell(1 + k, _FIT_COL, 1.0 if k == 1 else math.sqrt(k * (k - 1)))
    lexical = {pair: k for k, pair in enumerate(sorted(qset.pairs))}
    first = calc.question_row(0)
    last = calc.question_row(q - 1)
    for k, (i, j) in enumerate(qset.pairs):
        r = calc.question_row(k)
        answer = f"{_quoted(page)}!{_abs(FIRST_ROW + k, COL_ANSWER)}"
        for c, value in enumerate((k + 1, i + 1, j + 1), start=1):
            ws.cell(r, c, value)
        opts = calc.options_range(k, absolute_sheet=False)
        ws.cell(r, 4, f"=IF(LEN({answer})=0,0,IFERROR(MATCH({answer},{opts},0),0))")
        ws.cell(r, 5, f"=IF(D{r}>0,1,0)")
        ws.cell(r, 6, f"=IF(D{r}=0,1,IF(D{r}<=9,10-D{r},1/(D{r}-8)))")
        ws.cell(r, 7, f"=LN(F{r})")
        ws.cell(r, 8, lexical[(i, j)])
        ws.cell(r, 11, f"={calc.vec(_Y, i)}-{calc.vec(_Y, j)}")
        ws.cell(r, 9, f"=IF(E{r}=1,ABS(G{r}-K{r}),-1)")
        ws.cell(r, 10, f"=I{r}-H{r}*1E-12")
        bounds = f"{_abs(2, _FIT_COL)}:{_abs(10, _FIT_COL)}"
        ws.cell(r, 12, f"=MATCH(EXP(ABS(K{r})),{bounds},1)")
        ws.cell(r, 13, f"=IF(K{r}>=0,10-L{r},8+L{r})")
        for p, text in enumerate(answer_options(qset.names[i], qset.names[j], qset.verb)):
            cell = ws.cell(r, _OPTIONS_COL + p)
            cell.value = text
            cell.data_type = "s"
    answered = f"$E${first}:$E${last}"
    s = {name: calc.ref(name, local=True) for name in calc.scalar}
    scalars = {
        "n": str(n),
        "questions": str(q),
        "answered": f"=SUM({answered})",
        "complete": f"=IF({s['answered']}={q},1,0)",
        "det": f"=MDETERM({calc.block_range('M')})",
        "ok": f"=IF(AND({s['answered']}>0,{s['det']}>0.5),1,0)",
        "lambda": f"=SUMPRODUCT({calc.vec_range(_COLSUM)},{calc.vec_range(_V)})",
        "ci": f"=IF({n}<=2,0,MAX(({s['lambda']}-{n})/({n}-1),0))",
        "ri": repr(ahp.random_index(n)),
        "cr": f"=IF({n}<=2,0,{s['ci']}/{s['ri']})",
        "threshold": repr(ahp.default_threshold(n)),
    }
    keys = f"$J${first}:$J${last}"
    for k in (1, 2, 3):
        big = f"LARGE({keys},{min(k, q)})"
        top = f"IF(AND({s['ok']}=1,{q}>={k},{big}>1E-9),MATCH({big},{keys},0),0)"
        scalars[f"top{k}"] = f"={top}"
    for name, row in calc.scalar.items():
        ws.cell(row, 1, name)
        value = scalars[name]
        ws.cell(row, 2, value if value.startswith("=") else float(value))
    # vectors: one row per item
    for i in range(n):
        r = calc.vectors + i
        ws.cell(r, 1, qset.names[i]).data_type = "s"
        ws.cell(r, _S, f"=SUM({calc.row_range('L', i)})")
        ws.cell(r, _K, f"=SUM({calc.row_range('K', i)})-1")
        lls = f"INDEX(MMULT(MINVERSE({calc.block_range('M')}),{calc.vec_range(_S)}),{i + 1},1)"
        ws.cell(
            r,
            _Y,
            f"=IF({s['ok']}=0,0,IF({s['complete']}=1,{calc.vec(_S, i)}/{n},{lls}))",
        )
        ws.cell(r, _E, f"=EXP({calc.vec(_Y, i)}-MAX({calc.vec_range(_Y)}))")
        ws.cell(r, _W, f"={calc.vec(_E, i)}/SUM({calc.vec_range(_E)})")
        a_col = f"{calc.cell('A', 0, i)}:{calc.cell('A', n - 1, i)}"
        ws.cell(r, _COLSUM, f"=SUM({a_col})")
        last_n = f"N{SQUARINGS}"
        ws.cell(
            r,
            _V,
            f"=SUM({calc.row_range(last_n, i)})/SUM({calc.block_range(last_n)})",
        )
    for name, c in (("S", _S), ("k", _K), ("y", _Y), ("e", _E), ("w", _W)):
        ws.cell(calc.vectors - 1, c, name)
    ws.cell(calc.vectors - 1, _COLSUM, "column sums")
    ws.cell(calc.vectors - 1, _V, "Perron vector")
    # matrices
    where = {pair: calc.question_row(k) for k, pair in enumerate(qset.pairs)}
    for name, top in calc.blocks.items():
        ws.cell(top - 1, 1, name)
    for i in range(n):
        for j in range(n):
            r = where.get((min(i, j), max(i, j)))
            yi, yj = calc.vec(_Y, i), calc.vec(_Y, j)
            if i == j:
                known, log, full = "=1", "=0", "=1"
                system = f"={calc.vec(_K, i)}+1/{n}"
            else:
                known = f"=$E${r}"
                log = f"=$G${r}" if i < j else f"=-$G${r}"
                value = f"$F${r}" if i < j else f"1/$F${r}"
                full = f"=IF({calc.cell('K', i, j)}=1,{value},EXP({yi}-{yj}))"
                system = f"=-{calc.cell('K', i, j)}+1/{n}"
            for block, formula in (("K", known), ("L", log), ("M", system), ("A", full)):
                ws[calc.cell(block, i, j).replace("$", "")] = formula
    for step in range(SQUARINGS + 1):
        n_block, t_block = f"N{step}", f"T{step}"
        for i in range(n):
            for j in range(n):
                if step == 0:
                    formula = f"={calc.cell('A', i, j)}"
                else:
                    prev_n, prev_t = f"N{step - 1}", f"T{step - 1}"
                    entry = f"SUMPRODUCT({calc.row_range(prev_n, i)},{calc.row_range(prev_t, j)})"
                    scale = f"SUMPRODUCT({calc.row_range(prev_n, 0)},{calc.row_range(prev_t, 0)})"
                    formula = f"={entry}/{scale}"
                ws[calc.cell(n_block, i, j).replace("$", "")] = formula
                ws[calc.cell(t_block, i, j).replace("$", "")] = f"={calc.cell(n_block, j, i)}"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _xl(text: str) -> str:
    """``text`` inside an Excel string literal (its double quotes doubled)."""
    return text.replace('"', '""')


def write_feedback(wb: Workbook, ws: Worksheet, qset: QuestionSet, calc: CalcLayout) -> None:
    """The hidden calc sheet of ``ws`` and the live-feedback panel on ``ws`` itself."""
    _calc_sheet(wb, ws.title, calc)
    n, q = calc.n, calc.q
    h, v = PANEL_COL, PANEL_COL + 1
    _ = i18n.gettext
    if qset.kind == "alternatives":
        ws.cell(HEADER_ROW, h, _("Your weights (alternative)")).font = _BOLD
    else:
        ws.cell(HEADER_ROW, h, _("Your weights (criterion)")).font = _BOLD
    ws.cell(HEADER_ROW, v, _("Weight")).font = _BOLD
    for col in (h, v):
        ws.cell(HEADER_ROW, col).fill = _HEADER_FILL
    ok = calc.ref("ok")
    for i, name in enumerate(qset.names):
        r = FIRST_ROW + i
        cell = ws.cell(r, h, name)
        cell.data_type = "s"
        cell.fill = _PANEL_FILL
        weight = ws.cell(r, v, f'=IF({ok}=1,{_quoted(calc.sheet)}!{calc.vec(_W, i)},"")')
        weight.number_format = "0.0%"
        weight.fill = _PANEL_FILL
    defined_name(
        wb, qset.weights_name, ws.title, f"{_abs(FIRST_ROW, v)}:{_abs(FIRST_ROW + n - 1, v)}"
    )
    r = FIRST_ROW + n + 1
    rows = {}
    labels = {
        "Questions answered": _("Questions answered"),
        "Consistency ratio (CR)": _("Consistency ratio (CR)"),
        "Acceptable CR up to": _("Acceptable CR up to"),
        "Verdict": _("Verdict"),
    }
    for label, shown in labels.items():
        ws.cell(r, h, shown).font = _BOLD
        ws.cell(r, h).fill = _PANEL_FILL
        ws.cell(r, v).fill = _PANEL_FILL
        rows[label] = r
        r += 1
    answered = calc.ref("answered")
    of = _xl(_(" of {count}").format(count=q))
    ws.cell(rows["Questions answered"], v, f'={answered}&"{of}"')
    cr = ws.cell(rows["Consistency ratio (CR)"], v, f'=IF({ok}=1,{calc.ref("cr")},"")')
    cr.number_format = "0.000"
    defined_name(wb, qset.cr_name, ws.title, _abs(rows["Consistency ratio (CR)"], v))
    thr = ws.cell(rows["Acceptable CR up to"], v, f"={calc.ref('threshold')}")
    thr.number_format = "0.00"
    if qset.kind == "alternatives":
        unlinked = _(
            "Not every one of the alternatives is linked by your answers yet: answer more questions"
        )
    else:
        unlinked = _(
            "Not every one of the criteria is linked by your answers yet: answer more questions"
        )
    none, good = _xl(_("No answers yet")), _xl(_("Consistent: your answers agree with each other"))
    bad = _xl(_("Inconsistent: look again at the answers below"))
    verdict = (
        f'=IF({answered}=0,"{none}",IF({ok}=0,"{_xl(unlinked)}",IF({calc.ref("cr")}<='
        f'{calc.ref("threshold")},"{good}","{bad}")))'
    )
    cell = ws.cell(rows["Verdict"], v, verdict)
    cell.alignment = _WRAP
    ws.merge_cells(
        start_row=rows["Verdict"], start_column=v, end_row=rows["Verdict"], end_column=v + 2
    )
    r += 1
    ws.cell(r, h, _("Answers most out of line with your others")).font = _BOLD
    ws.cell(r + 1, h, _("Question")).font = _BOLD
    ws.cell(r + 1, v + 1, _("Your answer")).font = _BOLD
    ws.cell(r + 1, v + 2, _("An answer that would fit")).font = _BOLD
    for col in (h, v, v + 1, v + 2):
        ws.cell(r + 1, col).fill = _HEADER_FILL
    first, last = FIRST_ROW, FIRST_ROW + q - 1
    names_a = f"${_col(COL_A)}${first}:${_col(COL_A)}${last}"
    names_b = f"${_col(COL_B)}${first}:${_col(COL_B)}${last}"
    answers = f"${_col(COL_ANSWER)}${first}:${_col(COL_ANSWER)}${last}"
    top, bottom = calc.question_row(0), calc.question_row(q - 1)
    fit_steps = f"{_quoted(calc.sheet)}!$M${top}:$M${bottom}"
    options = (
        f"{_quoted(calc.sheet)}!{_abs(calc.question_row(0), _OPTIONS_COL)}:"
        f"{_abs(calc.question_row(q - 1), _OPTIONS_COL + 16)}"
    )
    versus = _xl(_(" vs "))
    for k in (1, 2, 3):
        rr = r + 1 + k
        idx = calc.ref(f"top{k}")
        ws.cell(
            rr,
            h,
            f'=IF({idx}=0,"","#"&{idx}&": "&INDEX({names_a},{idx})&"{versus}"&'
            f"INDEX({names_b},{idx}))",
        )
        ws.merge_cells(start_row=rr, start_column=h, end_row=rr, end_column=v)
        ws.cell(rr, v + 1, f'=IF({idx}=0,"",INDEX({answers},{idx}))').alignment = _WRAP
        fit = f'=IF({idx}=0,"",INDEX({options},{idx},INDEX({fit_steps},{idx})))'
        ws.cell(rr, v + 2, fit).alignment = _WRAP
        for col in (h, v, v + 1, v + 2):
            ws.cell(rr, col).fill = _PANEL_FILL
        _at_least(ws, rr, 30)
    _at_least(ws, rows["Verdict"], 30)


def _at_least(ws: Worksheet, row: int, height: float) -> None:
    """Make a row at least ``height`` points tall (its wrapped text shows)."""
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 15, height)


def defined_name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    """Add a workbook-level defined name ``name`` = ``'sheet'!ref``."""
    wb.defined_names[name] = DefinedName(name, attr_text=f"{_quoted(sheet)}!{ref}")
