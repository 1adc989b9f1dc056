"""Writing the input sheets (Criteria, Alternatives, Performance, comparisons, Weights,
Requirements), shared by the template and the results workbook so that a results
workbook reads back as the problem it ranked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from mcda_iso import i18n
from mcda_iso.problem import KINDS, Problem
from mcda_iso.workbook.comparison_sheets import (
    comparisons_sheet,
    criterion_label,
    hierarchy_comparison_sheets,
    label_formula,
    mark_rated_columns,
    write_experts,
    write_rated,
)
from mcda_iso.workbook.layout import (
    ALTERNATIVES_COLUMNS,
    BLANK_ALTERNATIVES,
    BLANK_CRITERIA,
    BLANK_MATRIX,
    CRITERIA_COLUMNS,
    EXTRA_ROWS,
    REQUIREMENTS_COLUMNS,
    WEIGHTS_COLUMNS,
    column,
    kind_word,
    note,
    sheet_name,
)
from mcda_iso.workbook.linked import name_formula
from mcda_iso.workbook.styles import (
    BOLD,
    INPUT_FILL,
    WRAP,
    add_validation,
    fit_width,
    header,
    number_validation,
    put,
    put_block,
    put_formula,
    set_widths,
    style_cells,
)


def write_inputs(
    wb: Workbook,
    problem: Problem | None,
    *,
    weights_sheet: bool = True,
    experts: Sequence[str] | None = None,
    compare: Sequence[str] = (),
) -> None:
    """Criteria, Alternatives, Performance, Comparisons, Weights, Requirements.

    For a group (``experts`` names, or a problem with experts): an ``Experts``
    sheet and one ``Comparisons <expert>`` sheet each instead of Comparisons and
    Weights; for criteria rated pairwise (or named in ``compare``), one
    ``Alternatives <criterion>`` sheet each.
    """
    blank = problem is None
    if problem is not None:
        criteria = list(problem.criteria)
        alternatives = list(problem.alternatives)
        c_slots, a_slots = len(criteria), len(alternatives)
    else:
        criteria, alternatives = [], []
        c_slots, a_slots = BLANK_CRITERIA, BLANK_ALTERNATIVES
    # With sub-criteria, Criteria and Weights list every criterion (groups too);
    # Performance and Requirements the leaves (problem.criteria).
    every = list(problem.all_criteria) if problem is not None else []
    crit_fields = CRITERIA_COLUMNS
    c_rows = (len(every) + EXTRA_ROWS) if not blank else c_slots
    a_rows = a_slots + (EXTRA_ROWS if not blank else 0)

    # Criteria
    ws = wb.create_sheet(sheet_name("Criteria"))
    for col, key in enumerate(crit_fields, start=1):
        header(ws, 1, col, column(key), note(key))
    style_cells(
        (ws.cell(row=r, column=col) for r in range(2, c_rows + 2) for col in range(1, 6)),
        fill=INPUT_FILL,
    )
    for r, c in enumerate(every, start=2):
        put(ws, r, 1, c.name)
        put(ws, r, 2, kind_word(c.kind))
        put(ws, r, 3, c.description or None)
        put(ws, r, 4, c.unit or None)
        put(ws, r, 5, c.parent)
    kinds = DataValidation(
        type="list",
        formula1='"' + ",".join(kind_word(k) for k in KINDS) + '"',
        allow_blank=True,
        showDropDown=False,
    )
    kinds.error, kinds.errorTitle = (
        i18n.gettext("Choose benefit (more is better) or cost (less is better)."),
        column("kind"),
    )
    kinds.prompt, kinds.promptTitle = note("kind"), column("kind")
    add_validation(ws, kinds, f"B2:B{c_rows + 1}")
    parents = DataValidation(
        type="list",
        formula1=f"$A$2:$A${c_rows + 1}",
        allow_blank=True,
        showDropDown=False,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",
    )
    parents.error, parents.errorTitle = (
        i18n.gettext(
            "A parent is one of the criteria named in column A (or leave the cell empty)."
        ),
        column("parent"),
    )
    parents.prompt, parents.promptTitle = (
        i18n.gettext("Empty: a top-level criterion"),
        column("parent"),
    )
    add_validation(ws, parents, f"E2:E{c_rows + 1}")
    set_widths(
        ws,
        {
            1: fit_width([c.name for c in every], 18),
            2: 11,
            3: min(60, fit_width([c.description for c in every], 40)),
            4: min(40, fit_width([c.unit for c in every], 20)),
            5: fit_width([c.parent for c in every if c.parent], 12),
        },
    )
    for col in (3, 4):
        for r in range(2, len(every) + 2):
            ws.cell(row=r, column=col).alignment = WRAP
    ws.freeze_panes = "A2"

    # Alternatives
    ws = wb.create_sheet(sheet_name("Alternatives"))
    for col, key in enumerate(ALTERNATIVES_COLUMNS, start=1):
        header(ws, 1, col, column(key), note("alternative name" if key == "name" else key))
    put_block(
        ws,
        2,
        1,
        [(a.name, a.description or None) for a in alternatives]
        + [(None, None)] * (a_rows - len(alternatives)),
        fill=INPUT_FILL,
    )
    set_widths(ws, {1: fit_width([a.name for a in alternatives], 25), 2: 70})
    ws.freeze_panes = "A2"

    # Performance (a blank template's labels leave out criteria named as a parent: groups)
    ws = wb.create_sheet(sheet_name("Performance"))
    header(ws, 1, 1, column("alternative"), note("performance"))
    for k in range(c_slots):
        criterion_label(ws, 1, k + 2, k, None if blank else criteria[k].name, "leaf")
    if blank:
        for i in range(a_slots):
            put_formula(ws, i + 2, 1, name_formula(sheet_name("Alternatives"), i + 2), font=BOLD)
    else:
        put_block(ws, 2, 1, [[a.name] for a in alternatives], font=BOLD)
    # the performance (floats, as put writes them), or a blank template's empty cells
    values = [[None] * c_slots] * a_slots if problem is None else problem.matrix.tolist()
    put_block(ws, 2, 2, values, fill=INPUT_FILL)
    if problem is not None:
        mark_rated_columns(ws, problem, compare)
    add_validation(
        ws,
        number_validation(i18n.gettext("Type a number."), sheet_name("Performance")),
        f"B2:{get_column_letter(c_slots + 1)}{a_slots + 1}",
    )
    set_widths(ws, {1: fit_width([a.name for a in alternatives], 25)})
    set_widths(
        ws, {k + 2: fit_width([criteria[k].name] if criteria else [], 14) for k in range(c_slots)}
    )
    ws.freeze_panes = "B2"

    # Comparisons (one sheet per set of sibling criteria when there are sub-criteria)
    group = experts is not None or (problem is not None and bool(problem.experts))
    m_slots = BLANK_MATRIX if blank else c_slots  # a blank matrix: room for 10, not 20
    if group:
        write_experts(wb, problem, experts, m_slots)
    elif problem is not None and not problem.hierarchy.is_flat:
        hierarchy_comparison_sheets(wb, problem)
    else:
        comparisons_sheet(
            wb,
            sheet_name("Comparisons"),
            None if blank else [c.name for c in criteria],
            m_slots,
            None if problem is None or problem.comparisons is None else problem.comparisons,
        )

    if problem is not None and (problem.alternative_comparisons or compare):
        write_rated(wb, problem, compare)

    # Weights (typed directly)
    if weights_sheet and not group:
        ws = wb.create_sheet(sheet_name("Weights"))
        for col, key in enumerate(WEIGHTS_COLUMNS, start=1):
            header(ws, 1, col, column(key), note(key))
        typed = problem.weights if problem is not None else None
        w_slots = c_slots if blank else len(every)  # local weights of every criterion
        for k in range(w_slots):
            if blank:
                put_formula(ws, k + 2, 1, label_formula(k))
            else:
                put(ws, k + 2, 1, every[k].name)
            ws.cell(row=k + 2, column=2).fill = INPUT_FILL
            if typed is not None:
                put(ws, k + 2, 2, float(typed.iloc[k]))
        add_validation(
            ws,
            DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                error=i18n.gettext("A weight is a number, 0 or more."),
                errorTitle=column("weight"),
            ),
            f"B2:B{w_slots + 1}",
        )
        set_widths(ws, {1: fit_width([c.name for c in every], 18), 2: 12})
        ws.freeze_panes = "A2"

    # Requirements
    ws = wb.create_sheet(sheet_name("Requirements"))
    for col, key in enumerate(REQUIREMENTS_COLUMNS, start=1):
        header(ws, 1, col, column(key), note(key))
    reqs = problem.requirements if problem is not None else None
    for k in range(c_slots):
        if blank:
            put_formula(ws, k + 2, 1, label_formula(k, "leaf"))
        else:
            put(ws, k + 2, 1, criteria[k].name)
        for col in (2, 3):
            ws.cell(row=k + 2, column=col).fill = INPUT_FILL
        if reqs is not None and not blank and criteria[k].name in reqs.index:
            for col, key in ((2, "minimum"), (3, "maximum")):
                value = reqs.loc[criteria[k].name, key]
                if not math.isnan(value):
                    put(ws, k + 2, col, float(value))
    add_validation(
        ws,
        number_validation(i18n.gettext("Type a number, or leave empty."), column("minimum")),
        f"B2:C{c_slots + 1}",
    )
    set_widths(ws, {1: fit_width([c.name for c in criteria], 18), 2: 12, 3: 12})
    ws.freeze_panes = "A2"
