"""The one-page executive summary that opens the report and its PDF.

The question, the recommendation, how firm it is (in words and one number), the
runner-up and what would make it win, the main caveat and one figure. Names are
shortened here (the full names are in the sections that follow) so that the
summary fits one printed A4 or Letter page whatever their length.
"""

from __future__ import annotations

import math

import pandas as pd

from mcda_iso import i18n, plots
from mcda_iso.i18n import N_
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result
from mcda_iso.report import reading
from mcda_iso.report.page import Figures, escape, shorten
from mcda_iso.report.sections import consensus_in_words, firmness
from mcda_iso.sensitivity import SensitivityReport

# Longest name shown in the summary (the sections give every name in full).
NAME_LIMIT = 120


def _name(value: object) -> str:
    return f"<strong>{escape(shorten(value, NAME_LIMIT))}</strong>"


# The words of sections.firmness, marked for translation.
_FIRMNESS = (N_("firmness", "firm"), N_("firmness", "fairly firm"))
_FIRMNESS += (N_("firmness", "fragile"), N_("firmness", "not firm"))

# The two sides of a weight change (_closest_change), marked for translation.
_SIDES = {
    "rises above": N_("weight change", "rises above"),
    "falls below": N_("weight change", "falls below"),
}


def _side(side: str) -> str:
    return i18n.pgettext("weight change", side)


def _how_firm(result: Result, sensitivity: SensitivityReport | None) -> str:
    if len(result.ranks) < 2:
        return _(
            "Nothing to weigh it against: it is the only alternative meeting the requirements."
        )
    if sensitivity is None:
        if len(result.weights) < 2:
            return _(
                "Not checked: the sensitivity analysis was not run (one criterion: weights "
                "cannot change the ranking)."
            )
        return _("Not checked: the sensitivity analysis was not run.")
    p = float(sensitivity.monte_carlo.first.get(result.best, 0.0))
    words = i18n.pgettext("firmness", firmness(p))
    first = _("{firmness}: first in {share}").format(
        firmness=words[:1].upper() + words[1:], share=f"{100 * p:.0f}&nbsp;%"
    )
    samples = f"{sensitivity.monte_carlo.samples:,}"
    if sensitivity.monte_carlo.distribution == "experts":  # a team: the experts' spread
        where = _("of {samples} random weightings drawn around each expert's weights.")
    else:
        where = _("of {samples} random weightings around the given weights.")
    return f'<span class="firm-number" id="summary-firmness">{first}</span> ' + where.format(
        samples=samples
    )


def _closest_change(
    thresholds: pd.DataFrame, challenger: str | None
) -> tuple[str, str, float, float] | None:
    """(criterion, "rises above"/"falls below", threshold, weight now) of the smallest weight
    change that puts ``challenger`` (any alternative when None) first."""
    found = []
    for crit, row in thresholds.iterrows():
        now = float(row["weight"])
        for side, bound, taker in (
            ("rises above", "best_upper", "best_upper_by"),
            ("falls below", "best_lower", "best_lower_by"),
        ):
            who, value = row.get(taker), float(row[bound])
            if isinstance(who, str) and (challenger is None or who == challenger):
                if math.isfinite(value):
                    found.append((abs(value - now), str(crit), side, value, now, who))
    if not found:
        return None
    _, crit, side, value, now, _ = min(found)
    return crit, side, value, now


def _runner_up(result: Result, sensitivity: SensitivityReport | None) -> str:
    order = result.ordered()
    if len(order) < 2:
        return _("None: no other alternative meets the requirements.")
    runner = order[1]
    text = _("{name} (score {score} against {best}).").format(
        name=_name(runner),
        score=i18n.number(float(result.scores[runner])),
        best=i18n.number(float(result.scores[result.best])),
    )
    if sensitivity is None:
        return text
    thresholds = sensitivity.thresholds
    change = _closest_change(thresholds, runner)
    if change is not None:
        crit, side, value, now = change
        return (
            text
            + " "
            + _(
                "It would come first if the weight of {criterion} {side} {value} (now {now}), "
                "the other weights keeping their ratios."
            ).format(
                criterion=_name(crit),
                side=_side(side),
                value=f"<strong>{i18n.number(value, 2)}</strong>",
                now=i18n.number(now, 2),
            )
        )
    anyone = _closest_change(thresholds, None)
    if anyone is None:
        return text + " " + _("No change of a single weight puts another alternative first.")
    crit, side, value, now = anyone
    taker = next(
        str(row[f"best_{'upper' if side == 'rises above' else 'lower'}_by"])
        for c, row in thresholds.iterrows()
        if str(c) == crit
    )
    return (
        text
        + " "
        + _(
            "No change of a single weight puts it first; the nearest change of winner: "
            "{name} if the weight of {criterion} {side} {value} (now {now})."
        ).format(
            name=_name(taker),
            criterion=_name(crit),
            side=_side(side),
            value=i18n.number(value, 2),
            now=i18n.number(now, 2),
        )
    )


def _caveat(
    result: Result,
    second: reading.SecondMethod | None,
    sensitivity: SensitivityReport | None,
) -> str:
    inconsistent = [m for m in reading.matrices(result) if not m.priorities.consistent]
    if inconsistent:
        first = inconsistent[0]
        more = (
            _(" and {count} other matrix(es)").format(count=len(inconsistent) - 1)
            if len(inconsistent) > 1
            else ""
        )
        return _(
            "Inconsistent judgments: the comparisons of {what}{more} have a consistency ratio "
            "of {cr}, above {threshold}. Revise them (see Weights and consistency) before "
            "deciding."
        ).format(
            what=escape(shorten(first.words, 160)),
            more=more,
            cr=i18n.number(first.priorities.cr, 2),
            threshold=i18n.number(first.priorities.threshold, 2),
        )
    if second is not None and str(second.ranks.idxmin()) != result.best:
        return _(
            "The methods disagree: {method} puts {name} first. Treat the choice between the "
            "two as open."
        ).format(method=escape(second.title), name=_name(second.ranks.idxmin()))
    consensus = result.consensus
    if consensus is not None and consensus < 0.625:
        return _(
            "The experts disagree: consensus S* = {consensus} ({words}). Discuss the weights "
            "before deciding."
        ).format(consensus=i18n.number(consensus, 2), words=consensus_in_words(consensus))
    if sensitivity is not None:
        p = float(sensitivity.monte_carlo.first.get(result.best, 0.0))
        if p < 0.7:
            return _(
                "Small changes of the weights change the winner: agree on the weights before "
                "deciding (see Sensitivity)."
            )
        if not sensitivity.methods.agree_on_best:
            return _(
                "Not every ranking method compared puts the same alternative first (see Other "
                "ranking methods)."
            )
    if sensitivity is None and len(result.ranks) > 1:
        return _("How firm the recommendation is has not been checked (no sensitivity analysis).")
    return _(
        "The recommendation is only as good as the performance values and judgments: "
        "estimates (such as the built-in scenario's illustrative ratings) should be replaced "
        "by your own figures (see Inputs)."
    )


def summary(
    result: Result,
    sensitivity: SensitivityReport | None,
    second: reading.SecondMethod | None,
    question: str,
    figures: Figures,
) -> str:
    """The executive summary: one printed page."""
    rows = [
        (_("Question"), escape(shorten(question, 300))),
        (_("Recommendation"), escape(shorten(result.recommendation(), 700))),
        (_("How firm"), _how_firm(result, sensitivity)),
        (_("Runner-up"), _runner_up(result, sensitivity)),
        (_("Main caveat"), _caveat(result, second, sensitivity)),
    ]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    figure = figures.make(
        lambda: plots.ranking(result),
        _("Bar chart of the alternatives' {method} scores").format(method=result.method_title),
        _("Scores by {method}, best first.").format(method=escape(result.method_title)),
        key="ranking",
    )
    return (
        '<section id="summary" aria-label="Executive summary"><h2>' + _("Summary") + "</h2>"
        f'<dl id="summary-items">{items}</dl>{figure}'
        '<p class="note" id="summary-end">'
        + _("Details, inputs and method follow on the next pages.")
        + "</p></section>"
    )
