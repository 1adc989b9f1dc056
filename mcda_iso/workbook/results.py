""":func:`write_results`: the ranking, weights and consistency, with the inputs.

Summary, Ranking and Weights are written here; the Consistency sheet in
:mod:`~mcda_iso.workbook.results_consistency`, the group and local-priority
sheets in :mod:`~mcda_iso.workbook.results_group`, the sensitivity sheets in
:mod:`~mcda_iso.workbook.results_sensitivity`. Every number is read from the
:class:`~mcda_iso.Result` (and :class:`~mcda_iso.sensitivity.SensitivityReport`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import i18n
from mcda_iso.errors import WorkbookError
from mcda_iso.ranking import Result
from mcda_iso.sensitivity import SensitivityReport
from mcda_iso.workbook.input_sheets import write_inputs
from mcda_iso.workbook.layout import column, sheet_name
from mcda_iso.workbook.layout import note as header_note
from mcda_iso.workbook.results_consistency import consistency_sheet, consistency_verdict
from mcda_iso.workbook.results_group import group_results, group_summary
from mcda_iso.workbook.results_sensitivity import sensitivity_sheets
from mcda_iso.workbook.styles import (
    BOLD,
    INPUT_FILL,
    OK_FILL,
    TITLE_FONT,
    WARN_FILL,
    WRAP,
    building,
    fit_width,
    header,
    mark,
    output_path,
    print_setup,
    put,
    put_block,
    save_workbook,
    set_widths,
)


@i18n.with_language
def write_results(
    path: str | os.PathLike[str],
    result: Result,
    *,
    overwrite: bool = False,
    sensitivity: SensitivityReport | None = None,
    language: str | None = None,
) -> Path:
    """Write a results workbook: the ranking, weights, consistency, and the inputs.

    Sheets: ``Summary`` (the recommendation, the method, the consistency
    verdict marked red when CR is above the threshold), ``Ranking`` (score,
    rank, TOPSIS distances, screened-out alternatives with the reason, bar
    chart), ``Weights`` (bar chart), ``Consistency`` (lambda_max, CI, CR,
    the RI table, the threshold, the judgments to revise first), and the input
    sheets, so that ``read_workbook(path) == result.problem``.

    Parameters
    ----------
    path : str or path-like
        The ``.xlsx`` file to write.
    result : Result
        From :func:`mcda_iso.rank`.
    overwrite : bool
        Replace an existing file (refused by default).
    language : str, optional
        The language of the input sheets (names, headers, notes) and of the
        recommendation (see :func:`mcda_iso.write_template`); the result sheets'
        own headings are in English.
    sensitivity : SensitivityReport, optional
        From :func:`mcda_iso.sensitivity.analyse`: adds the sheets ``Sensitivity``
        (weight thresholds with their sentences, a sweep line chart per criterion),
        ``Acceptability`` (rank acceptabilities, confidence factors, central
        weights, a stacked bar chart) and ``Methods`` (rankings and scores by
        method, rank correlations, rank reversal). The reader ignores them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    WorkbookError
        If the file exists and ``overwrite`` is False, or cannot be written.
    """
    output_path(path)  # a wrong path is reported before anything is built
    if not isinstance(result, Result):
        raise WorkbookError(
            f"write_results needs a Result from rank() (got {type(result).__name__})"
        )
    if sensitivity is not None and not isinstance(sensitivity, SensitivityReport):
        raise WorkbookError(
            "write_results needs sensitivity=mcda_iso.sensitivity.analyse(result) "
            f"(got {type(sensitivity).__name__})"
        )
    if sensitivity is not None:
        sensitivity.check_of(result)  # the analysis of this ranking, not another's
    with building() as wb:  # no garbage collection while building (see building)
        _summary(wb, result)
        _ranking_sheet(wb, result)
        _weights_sheet(wb, result)
        consistency_sheet(wb, result)
        group_results(wb, result)
        if sensitivity is not None:
            sensitivity_sheets(wb, sensitivity)
        write_inputs(wb, result.problem, weights_sheet=False)
        requirements = result.problem.requirements
        print_setup(
            wb,
            f"Decision results: {result.best} first ({result.method_title})",
            # no requirements: the Summary says so; the empty table is not printed
            not_printed=("Requirements",) if requirements is None or requirements.empty else (),
        )
        return save_workbook(wb, path, overwrite)


def _summary(wb: Workbook, result: Result) -> None:
    _ = i18n.gettext
    ws = wb.create_sheet(i18n.pgettext("sheet", "Summary"))
    put(ws, 1, 1, _("Decision results"), font=TITLE_FONT)
    verdict, ok = consistency_verdict(result)
    method = result.method_title
    if result.normalization:
        method += " " + _("({normalization} normalisation)").format(
            normalization=result.normalization
        )
    if result.ahp is not None:
        source = _("from the pairwise comparisons (AHP, {method})").format(method=result.ahp.method)
        if result.scale != "saaty":
            source += "; " + _(
                "judgments typed on Saaty's 1-9 scale, read on the {scale} scale"
            ).format(scale=result.scale)
        if len(result.priorities_by_parent) > 1:
            source += "; " + _("global weights of the sub-criteria (see the Weights sheet)")
    else:
        source = _("typed directly (scaled to sum 1)")
    screened = result.screening.reasons
    rows = [
        (_("Recommendation"), result.recommendation()),
        (_("Best alternative"), result.best),
        (_("Method"), method),
        (_("Criteria weights"), source),
        (_("Consistency"), verdict),
        (
            _("Screened out"),
            "; ".join(f"{a} ({why})" for a, why in screened.items()) if screened else _("none"),
        ),
    ]
    rows += [(_("Note"), note) for note in result.notes]
    rows += group_summary(result)
    rows.append(
        (
            _("This workbook"),
            _(
                "Ranking, Weights and Consistency hold the results; Criteria, Alternatives, "
                "Performance, Comparisons and Requirements hold the problem as read, so this "
                "workbook can be edited and ranked again (mcda-iso rank)."
            ),
        )
    )
    for r, (label, text) in enumerate(rows, start=3):
        put(ws, r, 1, label, font=BOLD)
        cell = put(ws, r, 2, text, alignment=WRAP)
        if r == 7:  # Consistency
            mark(cell, ok)
            mark(ws.cell(row=r, column=1), ok)
    set_widths(ws, {1: 20, 2: 100})


def _ranking_sheet(wb: Workbook, result: Result) -> None:
    _ = i18n.gettext
    ws = wb.create_sheet(i18n.pgettext("sheet", "Ranking"))
    frame = result.to_frame()
    heads = ["alternative", "score", "rank"]
    notes = {
        "alternative": _("Ranked alternatives, best first; screened-out ones below."),
        "score": _("TOPSIS closeness to the ideal (0..1)")
        if result.method == "topsis"
        else _("AHP global priority (sums to 1)"),
        "rank": _("1 = best; equal scores share a rank."),
        "d_plus": _("TOPSIS distance to the ideal solution (smaller is better)."),
        "d_minus": _("TOPSIS distance to the anti-ideal solution (larger is better)."),
        "screened_out": _("Why the alternative was removed before ranking (Requirements sheet)."),
    }
    titles = {
        "alternative": column("alternative"),
        "score": i18n.pgettext("column", "score"),
        "rank": i18n.pgettext("column", "rank"),
        "d_plus": "d_plus",
        "d_minus": "d_minus",
        "screened_out": i18n.pgettext("column", "screened_out"),
    }
    extra = [c for c in ("d_plus", "d_minus", "screened_out") if c in frame.columns]
    heads += extra
    for col, head in enumerate(heads, start=1):
        header(ws, 1, col, titles[head], notes[head])
    ranked = len(result.ranks)
    # a column at a time (one style each); an empty value has no cell
    put_block(ws, 2, 1, [[str(alt)] for alt in frame.index])
    for col, head in enumerate(heads[1:], start=2):
        if head == "screened_out":
            continue  # after the best row's fill, as the fills were first used
        kind, style = (int, {}) if head == "rank" else (float, {"number_format": "0.0000"})
        cells = [[None if pd.isna(v) else kind(v)] for v in frame[head].tolist()]
        put_block(ws, 2, col, cells, skip_empty=True, **style)
    if len(frame):
        for col in range(1, 4):
            ws.cell(row=2, column=col).fill = OK_FILL
    if "screened_out" in heads:
        why = [[str(v) if not pd.isna(v) and v else None] for v in frame["screened_out"]]
        put_block(ws, 2, len(heads), why, skip_empty=True, fill=WARN_FILL)
    set_widths(ws, {1: fit_width(frame.index, 25), 2: 10, 3: 8})
    set_widths(ws, {k: 12 for k in range(4, len(heads) + 1)})
    if "screened_out" in heads:
        set_widths(ws, {len(heads): 50})
    ws.freeze_panes = "B2"
    bar_chart(
        ws,
        _("Scores (best first)"),
        titles["score"],
        2,
        ranked,
        get_column_letter(len(heads) + 2) + "2",
    )


def bar_chart(ws: Worksheet, title: str, y_title: str, col: int, rows: int, anchor: str) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.y_axis.title = y_title
    chart.legend = None
    chart.height = max(7.5, 0.8 * rows + 3)
    chart.width = 18
    data = Reference(ws, min_col=col, min_row=1, max_row=rows + 1)
    labels = Reference(ws, min_col=1, min_row=2, max_row=rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top
    ws.add_chart(chart, anchor)


def _weights_sheet(wb: Workbook, result: Result) -> None:
    if not result.problem.hierarchy.is_flat:
        _hierarchy_weights_sheet(wb, result)
        return
    ws = wb.create_sheet(sheet_name("Weights"))
    problem = result.problem
    names = list(result.weights.index)
    header(ws, 1, 1, column("criterion"), header_note("criterion"))
    if problem.weights is not None:
        typed = i18n.gettext("The weights as typed (read back as the problem's weights).")
        header(ws, 1, 2, column("weight"), typed)
        header(
            ws,
            1,
            3,
            i18n.pgettext("column", "normalised weight"),
            i18n.gettext("The weights scaled to sum 1, as used."),
        )
        for k, name in enumerate(names, start=2):
            put(ws, k, 1, name)
            put(ws, k, 2, float(problem.weights[name]), fill=INPUT_FILL)
            put(ws, k, 3, float(result.weights[name]), number_format="0.000")
        col = 3
    else:
        header(
            ws,
            1,
            2,
            i18n.pgettext("column", "derived weight"),
            i18n.gettext(
                "Weights derived from the Comparisons sheet (AHP); not read back as input."
            ),
        )
        for k, name in enumerate(names, start=2):
            put(ws, k, 1, name)
            put(ws, k, 2, float(result.weights[name]), number_format="0.000")
        col = 2
    set_widths(ws, {1: fit_width(names, 18), 2: 16, 3: 18})
    ws.freeze_panes = "A2"
    bar_chart(ws, i18n.gettext("Criteria weights"), column("weight"), col, len(names), "E2")


def _hierarchy_weights_sheet(wb: Workbook, result: Result) -> None:
    """Weights of a hierarchy: parent, local and global weight of every criterion."""
    ws = wb.create_sheet(sheet_name("Weights"))
    problem, tree = result.problem, result.problem.hierarchy
    local, glob = result.local_weights, result.global_weights
    assert local is not None and glob is not None
    typed = problem.weights
    heads = [
        (column("criterion"), header_note("criterion")),
        (
            column("parent"),
            i18n.gettext("The criterion this one is a sub-criterion of (empty: top level)."),
        ),
        (
            i18n.pgettext("column", "local weight"),
            i18n.gettext("Weight among its siblings (the criteria with the same parent); sum 1."),
        ),
        (
            i18n.pgettext("column", "global weight"),
            i18n.gettext(
                "Product of the local weights from the top down: the weight of a leaf in the "
                "ranking (a group's is the sum of its sub-criteria's)."
            ),
        ),
        (
            i18n.pgettext("column", "leaf"),
            i18n.gettext("yes: carries performance data and is ranked on; no: a group."),
        ),
    ]
    if typed is not None:
        heads.append(
            (
                column("weight"),
                i18n.gettext("The local weights as typed (read back as the problem's weights)."),
            )
        )
    for col, (head, note) in enumerate(heads, start=1):
        header(ws, 1, col, head, note)
    leaves = set(tree.leaves)
    order = sorted(tree.names, key=lambda n: [tree.names.index(x) for x in tree.path(n)])
    for r, name in enumerate(order, start=2):
        depth = len(tree.path(name)) - 1
        put(ws, r, 1, name, alignment=Alignment(indent=2 * depth))
        put(ws, r, 2, tree.parent(name))
        put(ws, r, 3, float(local[name]), number_format="0.000")
        put(
            ws,
            r,
            4,
            float(glob[name]),
            number_format="0.000",
            font=BOLD if name in leaves else None,
        )
        put(ws, r, 5, i18n.gettext("yes") if name in leaves else i18n.gettext("no"))
        if typed is not None:
            put(ws, r, 6, float(typed[name]), fill=INPUT_FILL)
    set_widths(
        ws,
        {
            1: fit_width(tree.names, 18) + 4,
            2: fit_width([p for p in tree.parents if p], 10),
            3: 14,
            4: 14,
            5: 6,
            6: 10,
        },
    )
    ws.freeze_panes = "A2"
