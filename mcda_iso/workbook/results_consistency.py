"""The results workbook's Consistency sheet: the verdict, CR of every comparison
matrix, the random-index table, and the judgments to revise first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import ahp, hierarchy, i18n
from mcda_iso.errors import MCDAError
from mcda_iso.ranking import RankedMatrix, Result
from mcda_iso.scale import format_judgment
from mcda_iso.workbook.layout import (
    EXPERT_PREFIX,
    expert_sub_titles,
    local_prefix,
    sheet_name,
    sheet_title,
    sub_criteria_titles,
)
from mcda_iso.workbook.styles import (
    BOLD,
    HEADER_FILL,
    TITLE_FONT,
    WRAP,
    header,
    mark,
    put,
    set_widths,
)


def consistency_verdict(result: Result) -> tuple[str, bool | None]:
    pri = result.ahp
    if len(result.priorities_by_parent) > 1:
        return _hierarchy_verdict(result)
    _, num = i18n.gettext, i18n.number
    if pri is None:
        return _("not applicable: the weights were typed directly (no pairwise comparisons)"), None
    if pri.consistent:
        return (
            _("consistent: CR = {cr} is within the threshold {threshold}").format(
                cr=num(pri.cr), threshold=num(pri.threshold, 2)
            ),
            True,
        )
    return (
        _(
            "WARNING: INCONSISTENT judgments: CR = {cr} is above the threshold {threshold}; "
            "revise the judgments listed on the Consistency sheet before relying on this ranking"
        ).format(cr=num(pri.cr), threshold=num(pri.threshold, 2)),
        False,
    )


def _hierarchy_verdict(result: Result) -> tuple[str, bool]:
    bad = [
        (hierarchy.TOP_LABEL if k is None else f"sub-criteria of {k!r}", p)
        for k, p in result.priorities_by_parent.items()
        if not p.consistent
    ]
    if not bad:
        worst = max(p.cr for p in result.priorities_by_parent.values())
        return (
            i18n.gettext(
                "consistent: every comparison matrix is within its CR threshold "
                "({count} matrices, highest CR {cr})"
            ).format(count=len(result.priorities_by_parent), cr=i18n.number(worst)),
            True,
        )
    listed = "; ".join(
        f"{what}: CR = {i18n.number(p.cr)} > {i18n.number(p.threshold, 2)}" for what, p in bad
    )
    return (
        i18n.gettext(
            "WARNING: INCONSISTENT judgments ({listed}); revise the judgments listed on the "
            "Consistency sheet before relying on this ranking"
        ).format(listed=listed),
        False,
    )


def consistency_sheet(wb: Workbook, result: Result) -> None:
    _ = i18n.gettext
    ws = wb.create_sheet(i18n.pgettext("sheet", "Consistency"))
    pri = result.ahp
    verdict, ok = consistency_verdict(result)
    put(ws, 1, 1, _("Consistency of the pairwise comparisons"), font=TITLE_FONT)
    if pri is None:
        put(ws, 3, 1, _("Verdict"), font=BOLD)
        put(ws, 3, 2, verdict)
        set_widths(ws, {1: 28, 2: 90})
        return
    if not result.problem.hierarchy.is_flat:
        _hierarchy_consistency_sheet(ws, result, verdict, ok)
        return
    n = len(result.problem.criteria)
    rows: list[tuple[str, Any, str | None]] = [
        (_("Verdict"), verdict, None),
        (_("Priority method"), pri.method, None),
        (_("criteria (n)"), n, None),
        ("lambda_max", float(pri.lambda_max), "0.0000"),
        ("CI = (lambda_max - n) / (n - 1)", float(pri.ci), "0.0000"),
        ("RI (random index for n)", float(pri.ri), "0.00"),
        ("CR = CI / RI", float(pri.cr), "0.0000"),
        (_("threshold"), float(pri.threshold), "0.00"),
    ]
    for r, (label, value, fmt) in enumerate(rows, start=3):
        put(ws, r, 1, label, font=BOLD)
        cell = put(ws, r, 2, value)
        if fmt:
            cell.number_format = fmt
        if r == 3:  # the verdict
            cell.alignment = WRAP
            mark(cell, ok)
    r = len(rows) + 4
    table, table_name = _ri_table(pri.ri_table)
    put(ws, r, 1, _("Random index table used: {table}").format(table=table_name), font=BOLD)
    header(ws, r + 1, 1, "n")
    header(ws, r + 1, 2, "RI")
    for k, (size, ri) in enumerate(table, start=r + 2):
        put(ws, k, 1, int(size))
        cell = put(ws, k, 2, float(ri), number_format="0.00")
        if int(size) == n:
            cell.fill = HEADER_FILL
    r = r + 3 + len(table)
    _revise_sections(ws, r, result)
    set_widths(ws, {1: 34, 2: 20, 3: 16, 4: 18, 5: 20, 6: 20})


def _hierarchy_consistency_sheet(
    ws: Worksheet, result: Result, verdict: str, ok: bool | None
) -> None:
    """CR per matrix, then the judgments to revise first in each inconsistent matrix."""
    put(ws, 3, 1, i18n.gettext("Verdict"), font=BOLD)
    cell = put(ws, 3, 2, verdict, alignment=WRAP)
    mark(cell, ok)
    r = _hierarchy_consistency_rows(ws, result, 5) + 1
    _revise_sections(ws, r, result)
    set_widths(ws, {1: 34, 2: 26, 3: 8, 4: 12, 5: 10, 6: 10, 7: 10, 8: 10, 9: 34})


def _hierarchy_consistency_rows(ws: Worksheet, result: Result, row: int) -> int:
    """A table of every criteria matrix: n, lambda_max, CI, RI, CR, threshold, verdict."""
    _ = i18n.gettext
    put(ws, row, 1, _("Consistency of each comparison matrix"), font=BOLD)
    heads = (
        *(i18n.pgettext("column", "matrix"), i18n.pgettext("column", "sheet")),
        *("n", "lambda_max", "CI", "RI", "CR"),
        *(i18n.pgettext("column", "threshold"), i18n.pgettext("column", "verdict")),
    )
    for col, head in enumerate(heads, start=1):
        header(ws, row + 1, col, head)
    tree = result.problem.hierarchy
    titles: dict[str | None, str] = {None: sheet_name("Comparisons"), **sub_criteria_titles(tree)}
    if result.group is not None:  # the group matrix of the experts' sheets
        experts = list(result.group.experts)
        used: set[str] = set()
        theirs = {None: [sheet_title(local_prefix(EXPERT_PREFIX), e, used) for e in experts]}
        for mine in expert_sub_titles(experts, tree).values():
            for parent, title in mine.items():
                theirs.setdefault(parent, []).append(title)
        titles = {
            p: _("group matrix of {sheets}").format(sheets=", ".join(repr(t) for t in ts))
            for p, ts in theirs.items()
        }
    r = row + 2
    for parent, pri in result.priorities_by_parent.items():
        label = (
            hierarchy.TOP_LABEL
            if parent is None
            else _("sub-criteria of {parent}").format(parent=parent)
        )
        values = (
            label,
            titles[parent],
            int(pri.n),
            float(pri.lambda_max),
            float(pri.ci),
            float(pri.ri),
            float(pri.cr),
            float(pri.threshold),
            _("consistent") if pri.consistent else _("INCONSISTENT: revise the judgments"),
        )
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            if col in (4, 5, 7):
                cell.number_format = "0.0000"
            elif col in (6, 8):
                cell.number_format = "0.00"
        mark(ws.cell(row=r, column=9), bool(pri.consistent))
        r += 1
    return r


def _revise_heading(result: Result, matrix: RankedMatrix) -> str:
    """What a matrix of the ranking is, as the heading of its judgments to revise."""
    _ = i18n.gettext
    if matrix.kind == "alternatives":
        return _("alternatives under {criterion}").format(criterion=matrix.criterion)
    if result.problem.hierarchy.is_flat:
        what = _("the criteria")
    elif matrix.parent is None:
        what = hierarchy.TOP_LABEL
    else:
        what = _("sub-criteria of {parent}").format(parent=matrix.parent)
    if matrix.expert is None:
        return what
    return _("{matrix}, as judged by {expert}").format(matrix=what, expert=matrix.expert)


def _revise_sections(ws: Worksheet, row: int, result: Result) -> None:
    """From ``row`` down: the judgments to revise first in each matrix that needs it, as
    :meth:`Result.revisions <mcda_iso.Result.revisions>` lists them (judgments someone
    typed, with the CR after the change on the matrix ranked)."""
    _ = i18n.gettext
    first = _("Judgments to revise first: {matrix}")
    try:
        revisions = result.revisions(k=3)
    except MCDAError as exc:
        put(ws, row, 1, first.format(matrix=_("not available: {reason}").format(reason=exc)))
        return
    if not revisions:
        put(ws, row, 1, first.format(matrix=_("none (every matrix is consistent)")))
        return
    matrices = {m.label: m for m in result.comparison_matrices}
    for label, worst in revisions.items():
        matrix = matrices[label]
        put(ws, row, 1, first.format(matrix=_revise_heading(result, matrix)), font=BOLD)
        _revise_table(
            ws, row + 1, worst, "alternative" if matrix.kind == "alternatives" else "criterion"
        )
        row += max(len(worst), 1) + 3


def _revise_table(
    ws: Worksheet, row: int, worst: Sequence[ahp.Judgment], compared: str = "criterion"
) -> None:
    """Header row at ``row``, then the judgments to revise first, one per row."""
    _ = i18n.gettext
    rows, columns = (
        (_("row alternative"), _("column alternative"))
        if compared == "alternative"
        else (_("row criterion"), _("column criterion"))
    )
    heads = (
        rows,
        columns,
        _("your judgment"),
        _("consistent value"),
        _("suggested judgment"),
        _("CR after the change"),
    )
    for col, head in enumerate(heads, start=1):
        header(ws, row, col, head)
    for k, jd in enumerate(worst, start=row + 1):
        put(ws, k, 1, jd.row_name)
        put(ws, k, 2, jd.col_name)
        put(ws, k, 3, format_judgment(float(jd.value)))
        put(ws, k, 4, float(jd.implied), number_format="0.000")
        put(ws, k, 5, format_judgment(float(jd.suggested)))
        put(ws, k, 6, float(jd.cr_after), number_format="0.0000")


def _ri_table(table: Any) -> tuple[list[tuple[int, float]], str]:
    """The RI table of a Priorities object as (n, RI) pairs, and its name."""
    name = "custom"
    if isinstance(table, str):
        name = table
        table = getattr(ahp, "RI_TABLES", {}).get(table, {})
    if hasattr(table, "items"):
        pairs = [(int(k), float(v)) for k, v in table.items()]
    else:
        values = list(table)
        if values and isinstance(values[0], tuple | list):
            pairs = [(int(k), float(v)) for k, v in values]
        else:
            pairs = [(k, float(v)) for k, v in enumerate(values, start=1)]
    return sorted(pairs), name
