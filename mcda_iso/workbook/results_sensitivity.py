"""The results workbook's Sensitivity, Acceptability and Methods sheets (ignored by
the reader), from a :class:`~mcda_iso.sensitivity.SensitivityReport`.
"""

from __future__ import annotations

import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook import Workbook

from mcda_iso import i18n
from mcda_iso.ranking import method_title
from mcda_iso.sensitivity import COMPARED_METHODS, SensitivityReport
from mcda_iso.sensitivity.sweep import threshold_sentence
from mcda_iso.workbook.layout import column
from mcda_iso.workbook.styles import BOLD, TITLE_FONT, fit_width, header, mark, put, set_widths


def sensitivity_sheets(wb: Workbook, report: SensitivityReport) -> None:
    """Sheets ``Sensitivity``, ``Acceptability`` and ``Methods`` (ignored by the reader).

    ``Sensitivity``: the weight thresholds, with their sentences, and one native line
    chart per criterion of the weight sweep (data to the right of the charts).
    ``Acceptability``: rank acceptabilities, confidence factors and central weights,
    with a native stacked bar chart. ``Methods``: rankings and scores by method, the
    Spearman, weighted Spearman and WS matrices, and rank reversal.
    """
    from openpyxl.chart import LineChart

    _, pgettext = i18n.gettext, i18n.pgettext
    pct, num = "0.0%", "0.000"
    how = method_title(report.method)
    if report.method == "topsis":
        how += " " + _("({normalization} normalisation)").format(normalization=report.normalization)

    # Sensitivity: thresholds and sweeps
    ws = wb.create_sheet(pgettext("sheet", "Sensitivity"))
    put(ws, 1, 1, _("Weight sensitivity: how far can each weight move?"), font=TITLE_FONT)
    put(
        ws,
        2,
        1,
        _(
            "One criterion's weight changes while the others keep their ratios; scored by "
            "{method}. Bounds are exact (root finding); an empty '{column}' means the best "
            "alternative stays first on that side."
        ).format(method=how, column=pgettext("column", "taken over below by")),
    )
    table = report.thresholds
    row = 4
    sentences = {str(c): threshold_sentence(str(c), t) for c, t in table.iterrows()}
    for sentence in sentences.values():  # in the workbook's language
        put(ws, row, 1, sentence)
        row += 1
    row += 1
    heads = {
        pgettext("column", "criterion"): _("The criterion whose weight changes."),
        pgettext("column", "weight now"): _("Its current weight (weights sum to 1)."),
        pgettext("column", "best stays first from"): _(
            "Lower end of the weight range in which the best stays first."
        ),
        pgettext("column", "to"): _("Upper end of that range."),
        pgettext("column", "taken over below by"): _(
            "Who becomes first if the weight falls below the lower end."
        ),
        pgettext("column", "taken over above by"): _(
            "Who becomes first if the weight rises above the upper end."
        ),
        pgettext("column", "ranking unchanged from"): _(
            "Lower end of the range in which the whole ranking holds."
        ),
        pgettext("column", "ranking to"): _(
            "Upper end of the range in which the whole ranking holds."
        ),
        pgettext("column", "change below"): _("The first swap of the ranking below the lower end."),
        pgettext("column", "change above"): _("The first swap of the ranking above the upper end."),
        pgettext("column", "robust"): _(
            "Yes: no weight of this criterion (0 to 1) changes the best alternative."
        ),
        pgettext("column", "sentence"): _("The best-alternative range in words."),
    }
    head_row = row
    for col, (head, note) in enumerate(heads.items(), start=1):
        header(ws, head_row, col, head, note)
    for r, (criterion, t) in enumerate(table.iterrows(), start=head_row + 1):
        values = [
            str(criterion),
            float(t["weight"]),
            float(t["best_lower"]),
            float(t["best_upper"]),
            t["best_lower_by"],
            t["best_upper_by"],
            float(t["ranking_lower"]),
            float(t["ranking_upper"]),
            t["ranking_lower_change"],
            t["ranking_upper_change"],
            _("yes") if t["robust"] else _("no"),
            sentences[str(criterion)],
        ]
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = put(ws, r, col, value)
            if isinstance(value, float):
                cell.number_format = "0.0000"
        mark(ws.cell(row=r, column=11), True if t["robust"] else None)
    set_widths(ws, {1: fit_width(table.index, 16), 2: 11, 3: 11, 4: 9, 5: 24, 6: 24, 7: 12, 8: 11})
    set_widths(ws, {9: 30, 10: 30, 11: 9, 12: 60})

    # sweep data to the right, one block per criterion; charts below the table
    alternatives = list(report.monte_carlo.acceptability.index)
    col0 = len(heads) + 3
    chart_row = head_row + len(table) + 3
    put(ws, chart_row - 1, 1, _("Scores as each weight goes from 0 to 1"), font=BOLD)
    for k, (criterion, sweep) in enumerate(report.sweeps.items()):
        wide = sweep.pivot(index="weight", columns="alternative", values="score")
        wide = wide[[a for a in alternatives if a in wide.columns]]
        left = col0 + k * (len(wide.columns) + 2)
        weight_of = _("weight of {criterion}").format(criterion=criterion)
        header(ws, 1, left, weight_of)
        for c, name in enumerate(wide.columns, start=left + 1):
            header(ws, 1, c, str(name))
        for r, (weight, scores) in enumerate(wide.iterrows(), start=2):
            put(ws, r, left, float(weight), number_format="0.00")
            for c, value in enumerate(scores, start=left + 1):
                put(ws, r, c, float(value), number_format="0.0000")
        chart = LineChart()
        chart.title = _("Weight of {criterion} (now {weight})").format(
            criterion=criterion, weight=i18n.number(float(table.loc[criterion, "weight"]), 2)
        )
        chart.x_axis.title = weight_of
        chart.y_axis.title = (
            pgettext("column", "score") if report.method == "ahp" else _("closeness")
        )
        chart.x_axis.number_format = "0.0"
        chart.x_axis.tickLblSkip = max(1, (len(wide) - 1) // 10)
        chart.x_axis.tickMarkSkip = chart.x_axis.tickLblSkip
        chart.height, chart.width = 9, 18
        data = Reference(
            ws, min_col=left + 1, max_col=left + len(wide.columns), min_row=1, max_row=len(wide) + 1
        )
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=left, min_row=2, max_row=len(wide) + 1))
        for series in chart.series:
            series.smooth = False
            series.marker.symbol = "none"
        chart.x_axis.delete = chart.y_axis.delete = False  # else Excel may hide the axes
        ws.add_chart(chart, f"A{chart_row + 19 * k}")

    # Acceptability: SMAA-2 table and stacked bars
    mc = report.monte_carlo
    ws = wb.create_sheet(pgettext("sheet", "Acceptability"))
    put(ws, 1, 1, _("Rank acceptability (Monte Carlo, SMAA-2)"), font=TITLE_FONT)
    put(ws, 2, 1, str(mc).splitlines()[0].removeprefix("Rank acceptability "))
    put(
        ws,
        3,
        1,
        _(
            "The share of samples in which each alternative takes each rank; confidence: how "
            "often it is first at its central weights; central weights: the average weights "
            "that make it first. The same seed ({seed}) repeats the numbers exactly."
        ).format(seed=mc.seed),
    )
    acc = mc.acceptability
    m = acc.shape[1]
    top = 5
    header(ws, top, 1, column("alternative"))
    for c, rank_ in enumerate(acc.columns, start=2):
        header(
            ws,
            top,
            c,
            _("rank {rank}").format(rank=rank_),
            _("Share of samples in which it ranks {rank}.").format(rank=rank_),
        )
    header(
        ws,
        top,
        m + 2,
        pgettext("column", "confidence"),
        _("Share of samples in which it is first at its central weights."),
    )
    header(
        ws,
        top,
        m + 3,
        pgettext("column", "holistic"),
        _("Holistic acceptability: ranks weighted 1 (first) .. 0 (last)."),
    )
    criteria = list(mc.central_weights.columns)
    central = _("central weight: {criterion}")
    for c, name in enumerate(criteria, start=m + 5):
        header(
            ws,
            top,
            c,
            central.format(criterion=name),
            _("Mean weights of the samples where it is first."),
        )
    holistic = mc.holistic()
    for r, name in enumerate(acc.index, start=top + 1):
        put(ws, r, 1, str(name))
        for c, value in enumerate(acc.loc[name], start=2):
            put(ws, r, c, float(value), number_format=pct)
        put(ws, r, m + 2, float(mc.confidence[name]), number_format=pct)
        put(ws, r, m + 3, float(holistic[name]), number_format=num)
        if mc.first[name] > 0:
            for c, value in enumerate(mc.central_weights.loc[name], start=m + 5):
                put(ws, r, c, float(value), number_format=num)
    set_widths(ws, {1: fit_width(acc.index, 25), **{c: 10 for c in range(2, m + 4)}})
    set_widths(
        ws, {c: fit_width([central.format(criterion=n)], 12) for c, n in enumerate(criteria, m + 5)}
    )
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.title = _("Rank acceptability (share of samples)")
    chart.y_axis.title = _("share of samples")
    chart.y_axis.number_format = "0%"
    chart.height, chart.width = max(7.5, 0.9 * len(acc) + 4), 20
    chart.add_data(
        Reference(ws, min_col=2, max_col=m + 1, min_row=top, max_row=top + len(acc)),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=top + len(acc)))
    chart.x_axis.scaling.orientation = "maxMin"  # first alternative on top
    chart.x_axis.delete = chart.y_axis.delete = False  # else Excel may hide the axes
    ws.add_chart(chart, f"A{top + len(acc) + 3}")

    # Methods: rankings, scores, correlations, rank reversal
    methods = report.methods
    ws = wb.create_sheet(pgettext("sheet", "Methods"))
    put(ws, 1, 1, _("Do other MCDA methods agree?"), font=TITLE_FONT)
    agree = (
        _("All methods rank the same alternative first.")
        if methods.agree_on_best
        else _("The methods do NOT all rank the same alternative first.")
    )
    cell = put(ws, 2, 1, agree)
    mark(cell, methods.agree_on_best)
    keys = list(methods.rankings.columns)
    row = 4
    for title, frame, fmt in (
        (_("Ranks by method (1 = best)"), methods.rankings, None),
        (_("Scores by method (VIKOR and SPOTIS: lower is better)"), methods.scores, "0.0000"),
        (_("Spearman rank correlation"), methods.spearman, "0.000"),
        (
            _("Weighted Spearman rank correlation (top ranks weigh more)"),
            methods.weighted_spearman,
            "0.000",
        ),
        (_("WS rank similarity (row = reference ranking)"), methods.ws, "0.000"),
    ):
        put(ws, row, 1, title, font=BOLD)
        header(ws, row + 1, 1, frame.index.name or "")
        for c, key in enumerate(frame.columns, start=2):
            header(ws, row + 1, c, str(key), COMPARED_METHODS.get(str(key)))
        for r, (label, values) in enumerate(frame.iterrows(), start=row + 2):
            put(ws, r, 1, str(label))
            for c, value in enumerate(values, start=2):
                if pd.notna(value):
                    cell = put(ws, r, c, float(value))
                    if fmt:
                        cell.number_format = fmt
        row += len(frame) + 3
    for name, reason in methods.skipped.items():
        skipped = _("not applied: {method}: {reason}")
        put(ws, row, 1, skipped.format(method=COMPARED_METHODS.get(name, name), reason=reason))
        row += 1
    row += 1 if methods.skipped else 0
    put(
        ws,
        row,
        1,
        _("Rank reversal: remove one alternative, does the order of two others flip?"),
        font=BOLD,
    )
    reversal = report.rank_reversal
    if reversal.empty:
        put(ws, row + 1, 1, _("No: removing any one alternative leaves the others' order."))
    else:
        heads_ = [pgettext("column", "removed"), "a", "b"]
        heads_ += [pgettext("column", "before"), pgettext("column", "after")]
        for c, head in enumerate(heads_, start=1):
            header(ws, row + 1, c, head)
        for r, values in enumerate(reversal.itertuples(index=False), start=row + 2):
            for c, value in enumerate(values, start=1):
                put(ws, r, c, str(value))
    set_widths(
        ws,
        {
            1: fit_width([*methods.rankings.index, *keys], 25),
            **{c: 15 for c in range(2, len(keys) + 2)},
        },
    )
