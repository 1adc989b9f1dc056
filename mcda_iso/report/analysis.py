"""The report's sensitivity section: thresholds, sweeps, rank acceptability, other methods.

Every number is read from the :class:`~mcda_iso.sensitivity.SensitivityReport`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mcda_iso import plots
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result
from mcda_iso.report import reading
from mcda_iso.report.page import Figures, escape, num, pct, table
from mcda_iso.report.sections import distribution, not_run
from mcda_iso.sensitivity import COMPARED_METHODS, SensitivityReport


def takers(row: pd.Series) -> str:
    """Who takes first place when the weight leaves the range, in words."""
    below, above = row.get("best_lower_by"), row.get("best_upper_by")
    out = []
    if isinstance(below, str):
        out.append(_("below: {name}").format(name=below))
    if isinstance(above, str):
        out.append(_("above: {name}").format(name=above))
    return "; ".join(out) if out else _("nobody (whatever the weight)")


def sensitivity_section(
    result: Result,
    sensitivity: SensitivityReport | None,
    figures: Figures,
    left_out: str | None = None,
) -> str:
    """Weight thresholds, sweeps, acceptability, method agreement and rank reversal."""
    if sensitivity is None:
        see = _("(see {link})").format(
            link='<a href="#recommendation">' + _("How firm is it?") + "</a>"
        )
        return f"<p>{not_run(result, left_out)} {see}</p>"
    parts = []
    for why in dict.fromkeys(getattr(sensitivity, "omitted", {}).values()):
        missing = _("Not computed: {reason}.").format(reason=escape(why))
        parts.append(f'<p class="callout">{missing}</p>')
    if not sensitivity.thresholds.empty:
        parts.append("<h3>" + _("Weight thresholds") + "</h3>")
        how_far = _(
            "How far each criterion's weight can move (the others keeping their ratios) "
            "before the best alternative changes. &ldquo;whatever&rdquo; means no weight of "
            "that criterion changes the winner."
        )
        parts.append(f"<p>{how_far}</p>")
        rows = []
        for crit, row in sensitivity.thresholds.iterrows():
            rows.append(
                [
                    escape(crit),
                    num(float(row["weight"])),
                    f"{num(float(row['best_lower']))} &ndash; {num(float(row['best_upper']))}",
                    escape(takers(row)),
                    f"{num(float(row['ranking_lower']))} &ndash; "
                    f"{num(float(row['ranking_upper']))}",
                ]
            )
        parts.append(
            table(
                [_("Criterion"), _("Weight now"), _("Best stays first for"), _("Who takes over"),
                 _("Whole ranking unchanged for")],
                rows,
                numeric=[1, 2, 4],
            )
        )  # fmt: skip
    if sensitivity.sweeps:
        parts.append("<h3>" + _("Weight sweeps") + "</h3>")
    for crit, sweep in sensitivity.sweeps.items():
        parts.append(
            figures.make(
                lambda sweep=sweep, crit=crit: plots.weight_sweep(
                    sweep, crit, result=result, sensitivity=sensitivity
                ),
                _(
                    "Line chart of every alternative's score as the weight of {criterion} goes "
                    "from 0 to 1"
                ).format(criterion=crit),
                _(
                    "Scores as the weight of {criterion} goes from 0 to 1; dashed: its weight "
                    "now; circles: where first place changes hands."
                ).format(criterion=escape(crit)),
            )
        )
    mc = sensitivity.monte_carlo
    parts.append("<h3>" + _("Rank acceptability (Monte Carlo)") + "</h3>")
    drawn = _(
        "{samples} weight vectors were drawn ({how}; seed {seed}); for each, the alternatives "
        "were ranked. The table gives the share of samples in which each alternative took "
        "each rank (SMAA-2, Lahdelma &amp; Salminen 2001); the confidence factor is how often "
        "it wins at its own central weights."
    ).format(samples=f"{mc.samples:,}", how=escape(distribution(mc)), seed=mc.seed)
    parts.append(f"<p>{drawn}</p>")
    parts.append(
        figures.make(
            lambda: plots.acceptability(mc, problem=result.problem),
            _("Stacked bar chart of how often each alternative takes each rank"),
            _("Rank acceptability: share of the samples at each rank."),
        )
    )
    acc = mc.acceptability
    # As in the figure: best expected rank first.
    expected = acc.to_numpy() @ np.arange(1, acc.shape[1] + 1)
    order = list(acc.index[np.argsort(expected, kind="stable")])
    header = [
        _("Alternative"),
        *[_("Rank {rank}").format(rank=r) for r in acc.columns],
        _("Confidence"),
    ]
    rows = [
        [escape(a), *[pct(float(acc.loc[a, r])) for r in acc.columns],
         pct(float(mc.confidence[a]))]
        for a in order
    ]  # fmt: skip
    parts.append(table(header, rows, numeric=list(range(1, len(header)))))
    methods = sensitivity.methods
    parts.append("<h3>" + _("Other ranking methods") + "</h3>")
    if methods.rankings.shape[1] > 1:
        parts.append(
            figures.make(
                lambda: plots.method_agreement(methods),
                _("Heat map of the rank correlations between ranking methods"),
                _("Spearman's rank correlation between the rankings of each pair of methods."),
            )
        )
    rankings = methods.rankings
    rows = [
        [escape(a), *[f"{float(rankings.loc[a, m]):g}" for m in rankings.columns]]
        for a in rankings.index
    ]
    parts.append(
        table(
            [_("Alternative"), *[escape(COMPARED_METHODS.get(m, m)) for m in rankings.columns]],
            rows,
            numeric=list(range(1, 1 + rankings.shape[1])),
        )
    )
    for key, reason in methods.skipped.items():
        skipped = _("Not applied: {method}: {reason}").format(
            method=escape(COMPARED_METHODS.get(key, key)),
            reason=escape(reading.skipped_in_words(key, reason, result)),
        )
        parts.append(f'<p class="note">{skipped}</p>')
    reversal = sensitivity.rank_reversal
    parts.append("<h3>" + _("Rank reversal") + "</h3>")
    if reversal.empty:
        stable = _("Removing any one alternative leaves the order of the others unchanged.")
        parts.append(f"<p>{stable}</p>")
    else:
        changes = _(
            "Removing one alternative changes the order of two others (TOPSIS and AHP "
            "synthesis normalise over the set of alternatives, so this can happen):"
        )
        parts.append(f"<p>{changes}</p><ul>")
        for row in reversal.itertuples(index=False):
            line = _("Without {removed}: {a} {before} {b} becomes {a} {after} {b}").format(
                removed=escape(row.removed),
                a=escape(row.a),
                b=escape(row.b),
                before=escape(row.before),
                after=escape(row.after),
            )
            parts.append(f"<li>{line}</li>")
        parts.append("</ul>")
    return "".join(parts)
