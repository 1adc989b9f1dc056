"""Writing pairwise-comparison sheets: Comparisons, ``Sub-criteria <parent>``, each
expert's sheets (with the Experts sheet) and the ``Alternatives <criterion>`` sheets.

Labels in row 1 and column A, judgments in the yellow upper triangle, the
diagonal and lower triangle grey, a drop-down of Saaty's values. A blank
template's labels are formulas copying the Criteria sheet's names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import i18n
from mcda_iso.problem import Problem
from mcda_iso.workbook.layout import (
    BLANK_CRITERIA,
    CORNER,
    EXPERT_PREFIX,
    EXPERTS_COLUMNS,
    EXPERTS_SHEET,
    JUDGMENT_LIST,
    column,
    expert_sub_titles,
    judgment_cell,
    local_prefix,
    note,
    rated_titles,
    sheet_name,
    sheet_title,
    sub_criteria_titles,
)
from mcda_iso.workbook.linked import name_formula
from mcda_iso.workbook.styles import (
    AUTHOR,
    BOLD,
    DERIVED_FILL,
    HEADER_FILL,
    INPUT_FILL,
    add_validation,
    fit_width,
    header,
    put,
    put_formula,
    set_widths,
    style_cells,
)


def label_formula(k: int, level: str = "all") -> str:
    """A blank template's formula copying criterion k's (0-based) name from Criteria.

    ``level``: ``"all"`` every criterion; ``"top"`` only top-level ones (empty
    ``parent``: the Comparisons sheet); ``"leaf"`` only those that are nobody's
    parent (Performance, Requirements). Others show as an empty label. (The linked
    template's :func:`~mcda_iso.workbook.linked.name_formula` over the blank rows.)
    """
    return name_formula(sheet_name("Criteria"), k + 2, level, BLANK_CRITERIA + 1)


def criterion_label(
    ws: Worksheet, r: int, c: int, k: int, name: str | None, level: str = "all"
) -> None:
    """Criterion k (0-based) as a label: ``name``, or (None) a formula copying Criteria's."""
    if name is None:
        put_formula(ws, r, c, label_formula(k, level), font=BOLD, fill=HEADER_FILL)
    else:
        put(ws, r, c, name, font=BOLD, fill=HEADER_FILL)


def comparisons_sheet(
    wb: Workbook,
    title: str,
    names: Sequence[str] | None,
    slots: int,
    matrix: Any,
    corner: str | None = None,
) -> Worksheet:
    """A pairwise-comparison sheet: labels in row 1 and column A, judgments in the upper triangle.

    ``names`` None: a blank template's labels, formulas copying the Criteria sheet's names.
    ``corner``: the text of A1 (default: "row vs column" in the language in force).
    """
    matrix = None if matrix is None else np.asarray(matrix, dtype=float)
    ws = wb.create_sheet(title)
    header(ws, 1, 1, column(CORNER) if corner is None else corner, note("comparisons"))
    for k in range(slots):
        for r, c in ((1, k + 2), (k + 2, 1)):
            criterion_label(ws, r, c, k, None if names is None else names[k], "top")
    cells = [(i, j, ws.cell(row=i + 2, column=j + 2)) for i in range(slots) for j in range(slots)]
    center = Alignment(horizontal="center")
    # text cells, so that 1/3 is not turned into a date; yellow upper triangle to fill in
    style_cells(
        (c for i, j, c in cells if i < j), number_format="@", alignment=center, fill=INPUT_FILL
    )
    style_cells(
        (c for i, j, c in cells if i >= j), number_format="@", alignment=center, fill=DERIVED_FILL
    )
    for i, j, _ in cells:
        if i == j and names is not None:
            put(ws, i + 2, j + 2, 1)
        elif i < j and matrix is not None and not math.isnan(matrix[i, j]):
            put(ws, i + 2, j + 2, judgment_cell(float(matrix[i, j])))
    if slots > 1:
        scale = DataValidation(
            type="list", formula1=f'"{JUDGMENT_LIST}"', allow_blank=True, errorStyle="warning"
        )
        scale.errorTitle = i18n.gettext("judgment")
        scale.error = i18n.gettext(
            "Saaty's scale is 1/9 .. 9 (see Instructions). Keep this value anyway?"
        )
        scale.promptTitle = column(CORNER)
        scale.prompt = i18n.gettext("How much more important is the row criterion? 1/9 .. 9")
        cells = [
            f"{get_column_letter(j + 2)}{i + 2}"
            for i in range(slots)
            for j in range(slots)
            if i != j
        ]
        add_validation(ws, scale, *cells)
    set_widths(ws, {1: fit_width(names or [], 16)})
    set_widths(ws, {k + 2: fit_width([names[k]] if names else [], 12) for k in range(slots)})
    ws.freeze_panes = "B2"
    return ws


def hierarchy_comparison_sheets(wb: Workbook, problem: Problem) -> None:
    """Comparisons (the top-level criteria) and one ``Sub-criteria <parent>`` sheet per parent."""
    tree = problem.hierarchy
    given = problem.comparisons if isinstance(problem.comparisons, dict) else None
    top = list(tree.children(None))
    comparisons_sheet(
        wb, sheet_name("Comparisons"), top, len(top), None if given is None else given[None]
    )
    for parent, title in sub_criteria_titles(tree).items():
        kids = list(tree.children(parent))
        ws = comparisons_sheet(
            wb, title, kids, len(kids), None if given is None else given[parent], corner=parent
        )
        ws["A1"].comment = Comment(
            i18n.gettext("Sub-criteria of {parent}.").format(parent=repr(parent))
            + " "
            + note("comparisons"),
            AUTHOR,
            width=300,
            height=120,
        )


def write_experts(
    wb: Workbook, problem: Problem | None, experts: Sequence[str] | None, slots: int
) -> None:
    """An ``Experts`` sheet (name, weight) and one ``Comparisons <expert>`` sheet per expert."""
    names = list(experts) if experts is not None else list(problem.experts if problem else ())
    given = (problem.expert_comparisons if problem is not None else None) or {}
    typed = problem.expert_weights if problem is not None else None
    ws = wb.create_sheet(sheet_name(EXPERTS_SHEET))
    notes = {
        "name": i18n.gettext(
            "One row per expert; each has a sheet '{prefix}<name>' (and, with "
            "sub-criteria, one sheet '<name> - <parent>' per criterion with sub-criteria)."
        ).format(prefix=local_prefix(EXPERT_PREFIX)),
        "weight": i18n.gettext(
            "Optional: a positive weight per expert (scaled to sum 1); leave all empty "
            "for equal weights."
        ),
    }
    for col, key in enumerate(EXPERTS_COLUMNS, start=1):
        header(ws, 1, col, column(key), notes[key])
    for r, name in enumerate(names, start=2):
        put(ws, r, 1, name, fill=INPUT_FILL)
        cell = put(ws, r, 2, None, fill=INPUT_FILL)
        if typed is not None and name in typed.index:
            cell.value = float(typed[name])
    set_widths(ws, {1: fit_width(names, 24), 2: 12})
    ws.freeze_panes = "A2"
    # With sub-criteria: 'Comparisons <expert>' compares the top-level criteria, and each
    # expert has one '<expert> - <parent>' sheet per parent, after it.
    tree = None if problem is None else problem.hierarchy
    criteria = None if tree is None else list(tree.children(None))
    subs = {} if tree is None or tree.is_flat else expert_sub_titles(names, tree)
    used = {t.casefold() for t in wb.sheetnames}
    for name in names:
        matrix = given.get(name)
        mine = matrix if isinstance(matrix, dict) else {None: matrix}
        title = sheet_title(local_prefix(EXPERT_PREFIX), name, used)
        sheet = comparisons_sheet(
            wb,
            title,
            criteria,
            slots if criteria is None else len(criteria),
            None if matrix is None else mine[None].to_numpy(),
            name,
        )
        sheet["A1"].comment = Comment(
            i18n.gettext(
                "The judgments of {name} (the name in this cell identifies the expert). How "
                "much more important is the ROW criterion than the COLUMN criterion? 1/9 .. 9 "
                "in the upper triangle; an empty cell is a missing judgment."
            ).format(name=name),
            AUTHOR,
        )
        for parent, sub in subs.get(name, {}).items():
            assert tree is not None
            kids = list(tree.children(parent))
            if len(kids) < 2:  # a single sub-criterion needs no sheet (weight 1)
                continue
            judged = None if matrix is None else mine[parent].to_numpy()
            ws = comparisons_sheet(wb, sub, kids, len(kids), judged, corner=parent)
            ws["A1"].comment = Comment(
                i18n.gettext(
                    "The judgments of {name} on the sub-criteria of {parent} (this sheet's "
                    "title names both; the parent is in this cell)."
                ).format(name=name, parent=repr(parent))
                + " "
                + note("comparisons"),
                AUTHOR,
                width=300,
                height=120,
            )


def write_rated(wb: Workbook, problem: Problem, compare: Sequence[str] = ()) -> None:
    """One ``Alternatives <criterion>`` sheet per criterion rated by pairwise comparisons."""
    names = list(problem.alternative_names)
    matrices = problem.alternative_comparisons or {}
    for crit, title in rated_titles(problem, compare).items():
        matrix = matrices[crit].to_numpy() if crit in matrices else None
        ws = comparisons_sheet(wb, title, names, len(names), matrix, crit)
        ws["A1"].comment = Comment(
            i18n.gettext(
                "Under the criterion {criterion} (the name in this cell identifies it): how "
                "strongly is the ROW alternative preferred to the COLUMN alternative? 1/9 .. 9 in "
                "the upper triangle; an empty cell is a missing judgment. Leave this criterion's "
                "Performance column empty."
            ).format(criterion=crit),
            AUTHOR,
        )
        for dv in ws.data_validations.dataValidation:
            dv.prompt = i18n.gettext("How strongly is the row alternative preferred? 1/9 .. 9")


def mark_rated_columns(ws: Worksheet, problem: Problem, compare: Sequence[str] = ()) -> None:
    """Empty, grey Performance columns for the criteria rated pairwise, with a note."""
    for crit, title in rated_titles(problem, compare).items():
        col = problem.criterion_names.index(crit) + 2
        text = i18n.gettext("Rated pairwise in the sheet '{sheet}': leave this column empty.")
        ws.cell(row=1, column=col).comment = Comment(text.format(sheet=title), AUTHOR)
        for r in range(2, len(problem.alternatives) + 2):
            cell = ws.cell(row=r, column=col)
            cell.value, cell.fill = None, DERIVED_FILL
