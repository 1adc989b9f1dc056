"""The results workbook's Group, Local priorities and Completed matrices sheets, and the
Summary lines of a group decision and of alternatives compared pairwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import ahp, hierarchy, i18n
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import RankedMatrix, Result, consensus_words
from mcda_iso.workbook.layout import (
    CORNER,
    EXPERT_PREFIX,
    EXPERTS_SHEET,
    RATING_PREFIX,
    column,
    expert_sub_titles,
    judgment_cell,
    local_prefix,
    sheet_name,
    sheet_title,
    sub_criteria_titles,
)
from mcda_iso.workbook.styles import (
    AUTHOR,
    BOLD,
    HEADER_FILL,
    INFERRED_FILL,
    INFERRED_FONT,
    TITLE_FONT,
    fit_width,
    header,
    mark,
    put,
    set_widths,
)


def group_summary(result: Result) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    group = result.group
    if group is not None:
        if group.method == "aij":
            text = _("{count} experts, combined by aggregating their judgments (AIJ)")
        else:
            text = _("{count} experts, combined by aggregating their priorities (AIP)")
        text = text.format(count=len(group.experts))
        if result.group_by_parent is not None:
            text += " " + _("matrix by matrix")
        consensus, deviating = result.consensus, result.most_deviating
        if consensus is not None and deviating is not None:
            words = i18n.pgettext("consensus", consensus_words(consensus))
            if result.group_by_parent is not None:
                words += ", " + _("of the hierarchy")
            text += "; " + _(
                "consensus S* = {consensus} ({words}); most deviating: {expert} (see the {sheet} "
                "sheet)"
            ).format(
                consensus=i18n.number(consensus),
                words=words,
                expert=deviating[0],
                sheet=i18n.pgettext("sheet", "Group"),
            )
        rows.append((sheet_name(EXPERTS_SHEET), text))
    if result.alternative_priorities:
        parts = [
            f"{c} (CR {i18n.number(p.cr)}{'' if p.consistent else ', ' + _('INCONSISTENT')})"
            for c, p in result.alternative_priorities.items()
        ]
        see = _("(see the {sheet} sheet)").format(sheet=i18n.pgettext("sheet", "Local priorities"))
        rows.append((_("Rated pairwise"), "; ".join(parts) + " " + see))
    return rows


def group_results(wb: Workbook, result: Result) -> None:
    """The Group, Local priorities and Completed matrices sheets, when they apply."""
    if result.group is not None:
        _group_sheet(wb, result)
    if result.alternative_priorities:
        _local_priorities_sheet(wb, result)
    _completed_sheet(wb, result)


def _group_sheet(wb: Workbook, result: Result) -> None:
    group = result.group
    assert group is not None
    ws = wb.create_sheet(i18n.pgettext("sheet", "Group"))
    put(ws, 1, 1, _("Group decision: each expert's weights beside the group's"), font=TITLE_FONT)
    if group.method == "aij":
        how = _(
            "AIJ: aggregation of individual judgments (weighted geometric mean of the "
            "judgments, then its priorities)"
        )
    else:
        how = _(
            "AIP: aggregation of individual priorities (weighted geometric mean of each "
            "expert's priorities, renormalised)"
        )
    aggregation = _("Aggregation")
    facts: list[tuple[str, Any]] = [(aggregation, how)]
    consensus, deviating = result.consensus, result.most_deviating
    by_parent = result.group_by_parent
    if by_parent is not None:
        facts[0] = (aggregation, how + ", " + _("for each comparison matrix on its own"))
    if consensus is not None and deviating is not None:
        on = (
            ""
            if by_parent is None
            else _(
                "of the hierarchy: each matrix's S* weighted by its parent's global weight, "
                "the top level by 1, as in Goepel's AHP-OS"
            )
            + "; "
        )
        facts.append(
            (
                _("Consensus S*"),
                _(
                    "{consensus} ({words}; {on}Goepel's AHP consensus indicator: 0 = no "
                    "agreement, 1 = identical priorities)"
                ).format(
                    consensus=i18n.number(consensus),
                    words=i18n.pgettext("consensus", consensus_words(consensus)),
                    on=on,
                ),
            )
        )
        facts.append(
            (
                _("Most deviating expert"),
                _("{expert} (distance {distance} from the group's weights)").format(
                    expert=deviating[0], distance=i18n.number(deviating[1])
                ),
            )
        )
    for r, (label, text) in enumerate(facts, start=3):
        put(ws, r, 1, label, font=BOLD)
        put(ws, r, 2, text)
    top = len(facts) + 4
    assert result.ahp is not None
    if by_parent is None:
        rows = [(e, group.expert_weights[e], p, p.weights) for e, p in group.experts.items()]
        rows.append(("group", 1.0, result.ahp, result.weights.to_numpy()))
        _expert_table(ws, top, "CR", list(result.weights.index), rows)
        set_widths(
            ws, {1: fit_width([*group.experts, _("Most deviating expert")], 18), 2: 14, 3: 9, 4: 14}
        )
        return
    _hierarchy_group_tables(ws, top, result, by_parent)


def _expert_table(
    ws: Worksheet,
    top: int,
    cr: str,
    criteria: Sequence[str],
    rows: Sequence[tuple[str, float, ahp.Priorities | Sequence[ahp.Priorities], Any]],
) -> int:
    """Header at row ``top``, then per expert (and the group, in bold) the expert weight, CR
    (the highest of several matrices), verdict and weights; returns the next free row."""
    heads = [
        i18n.pgettext("column", "expert"),
        i18n.pgettext("column", "expert weight"),
        cr,
        i18n.pgettext("column", "verdict"),
        *criteria,
    ]
    for col, head in enumerate(heads, start=1):
        header(ws, top, col, head)
    for r, (name, share, pri, weights) in enumerate(rows, start=top + 1):
        worst = pri if isinstance(pri, ahp.Priorities) else max(pri, key=lambda p: p.cr)
        every = [pri] if isinstance(pri, ahp.Priorities) else list(pri)
        bold = Font(bold=True) if name == "group" else Font()
        put(ws, r, 1, _("group") if name == "group" else name, font=bold)
        put(ws, r, 2, float(share), number_format="0.000")
        put(ws, r, 3, float(worst.cr), number_format="0.000")
        ok = all(p.consistent for p in every)
        cell = put(ws, r, 4, _("consistent") if ok else _("INCONSISTENT"))
        mark(cell, all(p.consistent for p in every))
        for k, w in enumerate(weights, start=5):
            put(ws, r, k, float(w), number_format="0.000", font=bold)
    width = {k: fit_width([c], 12) for k, c in enumerate(criteria, start=5)}
    for col, value in width.items():  # several tables share the columns: the widest wins
        letter = get_column_letter(col)
        if (ws.column_dimensions[letter].width or 0) < value:
            set_widths(ws, {col: value})
    return top + len(rows) + 1


def _hierarchy_group_tables(
    ws: Worksheet,
    row: int,
    result: Result,
    by_parent: Mapping[str | None, ahp.GroupPriorities],
) -> None:
    """Each expert's global leaf weights beside the group's, then one table per comparison
    matrix: each expert's local weights and CR, the group's, the group CR and consensus."""
    group = result.group
    assert group is not None and result.expert_priorities is not None
    table = result.expert_priorities
    put(ws, row, 1, _("Global weights of the leaf criteria (the ranking's weights)"), font=BOLD)
    rows: list[tuple[str, float, Any, Any]] = [
        (e, group.expert_weights[e], [g.experts[e] for g in by_parent.values()], table.loc[e])
        for e in group.experts
    ]
    rows.append(("group", 1.0, [g.group for g in by_parent.values()], result.weights.to_numpy()))
    row = _expert_table(ws, row + 1, _("highest CR"), list(table.columns), rows) + 1
    tree = result.problem.hierarchy
    titles = expert_sub_titles(list(group.experts), tree)
    used: set[str] = set()
    tops = [sheet_title(local_prefix(EXPERT_PREFIX), e, used) for e in group.experts]
    for parent, g in by_parent.items():
        kids = list(tree.children(parent))
        if len(kids) < 2:
            continue  # weight 1, no sheet
        sheets = tops if parent is None else [titles[e][parent] for e in group.experts]
        what = (
            hierarchy.TOP_LABEL
            if parent is None
            else _("sub-criteria of {parent}").format(parent=parent)
        )
        put(ws, row, 1, _("Local weights: {matrix}").format(matrix=what), font=BOLD)
        listed = ", ".join(repr(s) for s in sheets)
        put(ws, row, 2, _("sheets {sheets}").format(sheets=listed))
        verdict = _("consistent") if g.group.consistent else _("INCONSISTENT")
        line = _("group CR {cr} ({verdict})").format(cr=i18n.number(g.group.cr), verdict=verdict)
        if g.consensus is not None:
            line += "; " + _(
                "consensus S* = {consensus} ({words}); most deviating: {expert}"
            ).format(
                consensus=i18n.number(g.consensus),
                words=i18n.pgettext("consensus", consensus_words(g.consensus)),
                expert=g.most_deviating,
            )
        put(ws, row + 1, 1, _("This matrix"), font=BOLD)
        put(ws, row + 1, 2, line)
        rows = [(e, g.expert_weights[e], p, p.weights) for e, p in g.experts.items()]
        rows.append(("group", 1.0, g.group, g.weights))
        row = _expert_table(ws, row + 2, "CR", kids, rows) + 1
    set_widths(
        ws, {1: fit_width([*group.experts, _("Most deviating expert")], 22), 2: 14, 3: 11, 4: 14}
    )


def _local_priorities_sheet(wb: Workbook, result: Result) -> None:
    ws = wb.create_sheet(i18n.pgettext("sheet", "Local priorities"))
    put(ws, 1, 1, _("Local priorities of the alternatives compared pairwise"), font=TITLE_FONT)
    local = result.alternative_priorities
    header(ws, 3, 1, column("alternative"))
    note = _("Principal eigenvector of the sheet '{prefix}<criterion>'.").format(
        prefix=local_prefix(RATING_PREFIX)
    )
    for col, crit in enumerate(local, start=2):
        header(ws, 3, col, crit, note)
    names = list(result.problem.alternative_names)
    for r, alt in enumerate(names, start=4):
        put(ws, r, 1, alt)
        for col, pri in enumerate(local.values(), start=2):
            put(ws, r, col, float(pri.weights[r - 4]), number_format="0.000")
    r = len(names) + 4
    put(ws, r, 1, "CR", font=BOLD)
    put(ws, r + 1, 1, i18n.pgettext("column", "verdict"), font=BOLD)
    for col, pri in enumerate(local.values(), start=2):
        put(ws, r, col, float(pri.cr), number_format="0.000")
        _verdict_cell(ws, r + 1, col, pri)
    set_widths(ws, {1: fit_width(names, 25)})
    set_widths(ws, {k: fit_width([c], 14) for k, c in enumerate(local, start=2)})


def _compared(result: Result, matrix: RankedMatrix) -> list[str]:
    """The names compared in a matrix of the ranking (its rows and columns)."""
    if matrix.kind == "alternatives":
        return list(result.problem.alternative_names)
    return list(result.problem.hierarchy.children(matrix.parent))


def _completed_label(result: Result, matrix: RankedMatrix) -> str:
    """A matrix of the ranking named for the Completed matrices sheet."""
    if matrix.kind == "alternatives":
        return _("Alternatives under {criterion}").format(criterion=matrix.criterion)
    tree = result.problem.hierarchy
    what = (
        ""
        if tree.is_flat
        else (
            hierarchy.TOP_LABEL
            if matrix.parent is None
            else _("sub-criteria of {parent}").format(parent=matrix.parent)
        )
    )
    if matrix.expert is not None:
        return _("Expert {expert}").format(expert=matrix.expert) + (f": {what}" if what else "")
    if matrix.group:
        return _("Group matrix (aggregated judgments)") + (f": {what}" if what else "")
    sheet = (
        sheet_name("Comparisons")
        if matrix.parent is None
        else sub_criteria_titles(tree)[matrix.parent]
    )
    return _("Criteria (sheet {sheet})").format(sheet=sheet)


def _completed_sheet(wb: Workbook, result: Result) -> None:
    """Every matrix with missing judgments, completed, the inferred values marked."""
    blocks = [
        (_completed_label(result, m), m.priorities, _compared(result, m))
        for m in result.comparison_matrices
    ]
    blocks = [b for b in blocks if b[1].missing is not None]
    if not blocks:
        return
    ws = wb.create_sheet(i18n.pgettext("sheet", "Completed matrices"))
    put(ws, 1, 1, _("Missing judgments and the values inferred for them"), font=TITLE_FONT)
    put(
        ws,
        2,
        1,
        _(
            "Empty cells were missing judgments. Their values (italic, purple) are inferred "
            "from the judgments given: w_i / w_j with the priorities of Harker's (1987) "
            "method, the matrix on which CR is computed. They are not read back as judgments."
        ),
    )
    r = 4
    width = 16.0
    for label, pri, names in blocks:
        put(ws, r, 1, label, font=BOLD)
        header(ws, r + 1, 1, column(CORNER))
        for k, name in enumerate(names):
            header(ws, r + 1, k + 2, name)
            put(ws, r + 2 + k, 1, name, font=BOLD, fill=HEADER_FILL)
        assert pri.missing is not None
        for (i, j), value in np.ndenumerate(pri.matrix):
            if pri.missing[i, j]:
                cell = put(ws, r + 2 + i, j + 2, float(value), number_format="0.000")
                cell.font, cell.fill = INFERRED_FONT, INFERRED_FILL
                cell.comment = Comment(_("inferred (missing judgment)"), AUTHOR)
            else:
                put(ws, r + 2 + i, j + 2, judgment_cell(float(value)))
        width = max(width, fit_width(names, 16))
        r += len(names) + 3
    set_widths(ws, {1: width})


def _verdict_cell(ws: Worksheet, row: int, col: int, pri: ahp.Priorities) -> None:
    cell = put(ws, row, col, "consistent" if pri.consistent else "INCONSISTENT")
    mark(cell, pri.consistent)
