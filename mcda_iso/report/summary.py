"""The one-page executive summary that opens the report and its PDF.

The question, the recommendation, how firm it is (in words and one number), the
runner-up and what would make it win, the main caveat and one figure. Names are
shortened here (the full names are in the sections that follow) so that the
summary fits one printed A4 or Letter page whatever their length.
"""

from __future__ import annotations

import math

import pandas as pd

from mcda_iso import plots
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result, consensus_words
from mcda_iso.report import reading
from mcda_iso.report.page import Figures, escape, shorten
from mcda_iso.report.sections import firmness
from mcda_iso.sensitivity import SensitivityReport

# Longest name shown in the summary (the sections give every name in full).
NAME_LIMIT = 120


def _name(value: object) -> str:
    return f"<strong>{escape(shorten(value, NAME_LIMIT))}</strong>"


def _how_firm(result: Result, sensitivity: SensitivityReport | None) -> str:
    if len(result.ranks) < 2:
        return "Nothing to weigh it against: it is the only alternative meeting the requirements."
    if sensitivity is None:
        return (
            "Not checked: the sensitivity analysis was not run"
            + (" (one criterion: weights cannot change the ranking)." if len(result.weights) < 2
               else ".")
        )  # fmt: skip
    p = float(sensitivity.monte_carlo.first.get(result.best, 0.0))
    return (
        f'<span class="firm-number" id="summary-firmness">{firmness(p).capitalize()}: first in '
        f"{100 * p:.0f}&nbsp;%</span> of {sensitivity.monte_carlo.samples:,} random weightings "
        "around the given weights."
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
        return "None: no other alternative meets the requirements."
    runner = order[1]
    text = (
        f"{_name(runner)} (score {float(result.scores[runner]):.3f} against "
        f"{float(result.scores[result.best]):.3f})."
    )
    if sensitivity is None:
        return text
    thresholds = sensitivity.thresholds
    change = _closest_change(thresholds, runner)
    if change is not None:
        crit, side, value, now = change
        return (
            f"{text} It would come first if the weight of {_name(crit)} {side} "
            f"<strong>{value:.2f}</strong> (now {now:.2f}), the other weights keeping their "
            "ratios."
        )
    anyone = _closest_change(thresholds, None)
    if anyone is None:
        return f"{text} No change of a single weight puts another alternative first."
    crit, side, value, now = anyone
    taker = next(
        str(row[f"best_{'upper' if side == 'rises above' else 'lower'}_by"])
        for c, row in thresholds.iterrows()
        if str(c) == crit
    )
    return (
        f"{text} No change of a single weight puts it first; the nearest change of winner: "
        f"{_name(taker)} if the weight of {_name(crit)} {side} {value:.2f} (now {now:.2f})."
    )


def _caveat(
    result: Result,
    second: reading.SecondMethod | None,
    sensitivity: SensitivityReport | None,
) -> str:
    inconsistent = [m for m in reading.matrices(result) if not m.priorities.consistent]
    if inconsistent:
        first = inconsistent[0]
        more = f" and {len(inconsistent) - 1} other matrix(es)" if len(inconsistent) > 1 else ""
        return (
            f"Inconsistent judgments: the comparisons of {escape(shorten(first.words, 160))}"
            f"{more} have a consistency ratio of {first.priorities.cr:.2f}, above "
            f"{first.priorities.threshold:.2f}. Revise them (see Weights and consistency) "
            "before deciding."
        )
    if second is not None and str(second.ranks.idxmin()) != result.best:
        return (
            f"The methods disagree: {escape(second.title)} puts "
            f"{_name(second.ranks.idxmin())} first. Treat the choice between the two as open."
        )
    consensus = result.consensus
    if consensus is not None and consensus < 0.625:
        return (
            f"The experts disagree: consensus S* = {consensus:.2f} "
            f"({consensus_words(consensus)}). Discuss the weights before deciding."
        )
    if sensitivity is not None:
        p = float(sensitivity.monte_carlo.first.get(result.best, 0.0))
        if p < 0.7:
            return (
                "Small changes of the weights change the winner: agree on the weights "
                "before deciding (see Sensitivity)."
            )
        if not sensitivity.methods.agree_on_best:
            return (
                "Not every ranking method compared puts the same alternative first "
                "(see Other ranking methods)."
            )
    if sensitivity is None and len(result.ranks) > 1:
        return "How firm the recommendation is has not been checked (no sensitivity analysis)."
    return (
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
        f"Bar chart of the alternatives' {result.method_title} scores",
        f"Scores by {escape(result.method_title)}, best first.",
    )
    return (
        f'<section id="summary" aria-label="Executive summary"><h2>{_("Summary")}</h2>'
        f'<dl id="summary-items">{items}</dl>{figure}'
        '<p class="note" id="summary-end">'
        + _("Details, inputs and method follow on the next pages.")
        + "</p></section>"
    )
