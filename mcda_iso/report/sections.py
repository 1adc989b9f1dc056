"""The report's sections on the decision itself: recommendation, criteria, weights, ranking.

Every number is read from the Result (see :mod:`mcda_iso.report.reading`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import i18n, plots
from mcda_iso.i18n import N_
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result, consensus_words, method_title
from mcda_iso.report import reading
from mcda_iso.report.page import Figures, escape, judgment, num, pct, table
from mcda_iso.sensitivity import SensitivityReport
from mcda_iso.sensitivity.sweep import threshold_sentence


def firmness(probability: float) -> str:
    """How firm a recommendation is, in words, from its share of first places."""
    if probability >= 0.9:
        return "firm"
    if probability >= 0.7:
        return "fairly firm"
    if probability >= 0.5:
        return "fragile"
    return "not firm"


# Goepel's words for a consensus (mcda_iso.ranking.consensus_words), marked for translation.
_CONSENSUS = (
    N_("consensus", "very low"),
    N_("consensus", "low"),
    N_("consensus", "moderate"),
    N_("consensus", "high"),
    N_("consensus", "very high"),
)


def consensus_in_words(consensus: float) -> str:
    """Goepel's word for a consensus value, in the language in force."""
    return i18n.pgettext("consensus", consensus_words(consensus))


def distribution(mc: Any) -> str:
    """How the Monte Carlo drew its weights, in words (in the language in force)."""
    concentration = i18n.decimal(f"{mc.concentration:g}")
    if mc.distribution == "uniform":
        return _("weights drawn uniformly: no preference information")
    if mc.distribution == "experts":
        return _("weights drawn around each expert's (concentration {concentration})").format(
            concentration=concentration
        )
    text = _("weights drawn around yours, concentration {concentration}").format(
        concentration=concentration
    )
    if mc.performance_uncertainty:
        text += ", " + _("performance values ±{share}").format(
            share=f"{mc.performance_uncertainty:.0%}"
        )
    return text


def parents(result: Result) -> set[str]:
    """The criteria that have sub-criteria."""
    return {c.parent for c in result.problem.all_criteria if c.parent is not None}


def recommendation(
    result: Result,
    second: reading.SecondMethod | None,
    sensitivity: SensitivityReport | None,
    left_out: str | None,
) -> str:
    """The recommendation in words, how firm it is, and the thresholds."""
    problem = result.problem
    best = result.best
    ranked = len(result.ranks)
    parts = [f'<p class="verdict" id="recommendation-text">{escape(result.recommendation())}</p>']
    plain = _(
        "Of the {alternatives} alternatives compared on {criteria} criteria, {best} comes out "
        "best with the weights given ({method})."
    ).format(
        alternatives=len(problem.alternative_names),
        criteria=len(problem.criterion_names),
        best=f"<strong>{escape(best)}</strong>",
        method=escape(result.method_title),
    )
    if ranked < len(problem.alternative_names):
        plain += " " + _(
            "{count} alternative(s) did not meet the requirements and were not ranked (see below)."
        ).format(count=len(problem.alternative_names) - ranked)
    parts.append(f"<p>{plain}</p>")
    if second is not None:
        other_best = str(second.ranks.idxmin())
        if second.ranks[other_best] == 1 and other_best == best:
            rho = (
                " "
                + _("(Spearman's rank correlation between the two rankings: {rho})").format(
                    rho=num(second.spearman, 2)
                )
                if second.spearman is not None
                else ""
            )
            also = _("The other method, {method}, also puts {best} first{rho}.").format(
                method=escape(second.title), best=f"<strong>{escape(best)}</strong>", rho=rho
            )
            parts.append(f"<p>{also}</p>")
        else:
            instead = _(
                "The other method, {method}, puts {name} first instead: the two methods "
                "disagree, so treat the choice between these two as open."
            ).format(method=escape(second.title), name=f"<strong>{escape(other_best)}</strong>")
            parts.append(f'<p class="callout warn">{instead}</p>')
    inconsistent = [m.words for m in reading.matrices(result) if not m.priorities.consistent]
    if inconsistent:
        warn = _(
            "Some judgments are inconsistent (consistency ratio above its threshold): "
            "{matrices}. Revise the judgments listed under {link} before relying on this "
            "recommendation."
        ).format(
            matrices=escape("; ".join(inconsistent)),
            link='<a href="#weights">' + _("Weights and consistency") + "</a>",
        )
        parts.append(f'<p class="callout warn">{warn}</p>')
    parts.append("<h3>" + _("How firm is it?") + "</h3>")
    if sensitivity is None:
        parts.append(f'<p class="callout" id="sensitivity-not-run">{not_run(result, left_out)}</p>')
        return "".join(parts)
    mc = sensitivity.monte_carlo
    p_best = float(mc.first.get(best, 0.0))
    top_other = mc.first.drop(best, errors="ignore")
    runner = (
        " "
        + _("The next most frequent winner is {name} ({share}).").format(
            name=escape(top_other.idxmax()), share=pct(float(top_other.max()))
        )
        if len(top_other) and top_other.max() > 0
        else ""
    )
    firm = _(
        "The recommendation is {firmness}: when the weights were varied at random ({samples} "
        "samples, {how}), {best} came first in {share} of the cases."
    ).format(
        firmness=f'<span class="firmness">{i18n.pgettext("firmness", firmness(p_best))}</span>',
        samples=f"{mc.samples:,}",
        how=escape(distribution(mc)),
        best=f"<strong>{escape(best)}</strong>",
        share=f"<strong>{pct(p_best)}</strong>",
    )
    parts.append(f"<p>{firm}{runner}</p>")
    if sensitivity.method != result.method:
        parts.append(
            f'<p class="note">The sensitivity analysis scored the alternatives by '
            f"{escape(method_title(sensitivity.method))}, the ranking "
            f"above by {escape(result.method_title)}.</p>"
        )
    sentences = [  # in the report's language
        threshold_sentence(str(c), row) for c, row in sensitivity.thresholds.iterrows()
    ]
    if sentences:
        parts.append(
            "<p>"
            + _("One weight at a time (the other weights keep their ratios):")
            + "</p><ul>"
            + "".join(f"<li>{escape(s)}</li>" for s in sentences)
            + "</ul>"
        )
    if sensitivity.methods.agree_on_best:
        n = sensitivity.methods.rankings.shape[1]
        agree = _("All {count} ranking methods compared put {best} first.").format(
            count=n, best=escape(best)
        )
        parts.append(f"<p>{agree}</p>")
    return "".join(parts)


def not_run(result: Result, left_out: str | None) -> str:
    """Why there is no sensitivity analysis, in words (escaped HTML)."""
    if len(result.ranks) < 2:
        return _(
            "Only one alternative meets the requirements, so there is nothing to weigh it "
            "against: sensitivity analysis does not apply. Relax a requirement to compare "
            "alternatives."
        )
    if len(result.weights) < 2:
        return _(
            "There is only one criterion, so its weight is 1 whatever the judgments: weight "
            "sensitivity, rank acceptability and the comparison of methods do not apply. Add "
            "a criterion to see how firm the recommendation is."
        )
    if left_out:
        return _("Sensitivity analysis was left out: {reason}.").format(
            reason=escape(left_out.rstrip().rstrip("."))
        )
    return _(
        "Sensitivity analysis was not run for this report, so how firm the recommendation "
        "is has not been checked. The command {command} runs it by default; from Python "
        "pass {argument}."
    ).format(
        command="<code>mcda-iso report</code>",
        argument="<code>sensitivity=mcda_iso.sensitivity.analyse(result)</code>",
    )


def criteria(result: Result) -> str:
    """The criteria, their kind, unit, weight and description."""
    problem = result.problem
    groups = parents(result)
    global_w = result.weights if result.global_weights is None else result.global_weights
    local_w = result.local_weights
    header = [_("Criterion"), _("Kind"), _("Unit / scale"), _("Weight"), _("Why it matters")]
    numeric = [3]
    if groups:
        header = [_("Criterion"), _("Part of"), _("Kind"), _("Unit / scale"), _("Local weight"),
                  _("Weight"), _("Why it matters")]  # fmt: skip
        numeric = [4, 5]
    rows = []
    for c in problem.all_criteria:
        if c.name in groups:
            kind = _("group of {count} sub-criteria").format(
                count=len(problem.hierarchy.children(c.name))
            )
        elif c.kind == "benefit":
            kind = _("benefit (more is better)")
        else:
            kind = _("cost (less is better)")
        row = [
            f"<strong>{escape(c.name)}</strong>",
            kind,
            escape(c.unit) if c.unit else "&ndash;",
            num(global_w.get(c.name)),
            escape(c.description) if c.description else "&ndash;",
        ]
        if groups:
            row.insert(1, escape(c.parent) if c.parent is not None else "&ndash;")
            row.insert(4, num(local_w.get(c.name) if local_w is not None else None))
        rows.append(row)
    intro = "<p>" + _(
        "The alternatives are judged on these criteria. A benefit criterion counts in an "
        "alternative's favour the higher its value; a cost criterion the lower."
    )
    intro += "</p>"
    if groups:
        intro += "<p>" + _(
            "Some criteria are split into sub-criteria. A sub-criterion's local weight is "
            "its share within its group; its weight is the product of the local weights down "
            "its path, and the weights of the criteria without sub-criteria sum to 1."
        )
        intro += "</p>"
    return intro + table(header, rows, numeric=numeric)


def title_of(parent: str | None) -> str:
    """The heading of one criteria comparison matrix."""
    if parent is None:
        return _("Top-level criteria")
    return _("Sub-criteria of {parent}").format(parent=parent)


def revise_table(judgments: Sequence[Any]) -> str:
    """The judgments to revise first in one matrix (from ``Result.revisions``)."""
    return table(
        [_("Judgment"), _("Judged"), _("Implied by the others"), _("Try"), _("CR after")],
        [
            [
                f"{escape(j.row_name)} vs {escape(j.col_name)}",
                judgment(j.value),
                num(j.implied, 2),
                judgment(j.suggested),
                num(j.cr_after),
            ]
            for j in judgments
        ],
        numeric=[1, 2, 3, 4],
    )


def verdict(prio: Any) -> str:
    """A matrix's consistency verdict (INCONSISTENT in bold)."""
    return _("consistent") if prio.consistent else "<strong>" + _("INCONSISTENT") + "</strong>"


def _other_matrices(result: Result, main_label: str | None) -> str:
    """Consistency of every other matrix: sub-criteria, experts, alternatives."""
    others = [m for m in reading.matrices(result) if m.label != main_label]
    if not others:
        return _experts(result)
    revise = reading.revisions(result)
    parts = [
        "<h3>" + _("Every comparison matrix") + "</h3>",
        table(
            [_("Judgments of"), _("Size"), _("CR"), _("Threshold"), _("Verdict")],
            [
                [
                    escape(m.words),
                    str(len(m.priorities.names)),
                    num(m.priorities.cr),
                    num(m.priorities.threshold, 2),
                    verdict(m.priorities),
                ]
                for m in others
            ],
            numeric=[1, 2, 3],
        ),
    ]
    for m in others:
        if revise.get(m.label):
            first = _("Judgments of {matrix}: revise these first.").format(matrix=escape(m.words))
            parts.append(f"<p>{first}</p>" + revise_table(revise[m.label]))
    parts.append(_experts(result))
    return "".join(parts)


def _weights_by_expert(
    group: Any, frame: pd.DataFrame, group_row: Sequence[float], extra: Sequence[Any] = ()
) -> str:
    """Experts (rows, with their expert weight) x criteria, then the group's row."""
    names = list(frame.columns)
    rows = [
        [escape(e), num(float(group.expert_weights[e]), 2), *[num(float(w)) for w in frame.loc[e]]]
        for e in frame.index
    ]
    rows.append(
        ["<strong>" + _("group") + "</strong>", "&ndash;", *[num(float(w)) for w in group_row]]
    )
    header = [_("Expert"), _("Expert weight"), *[escape(c) for c in names]]
    if extra:
        header += [_("CR"), _("Verdict")]
        rows = [[*row, *cells] for row, cells in zip(rows, extra, strict=True)]
    return table(header, rows, numeric=list(range(1, 2 + len(names) + (1 if extra else 0))))


def _experts(result: Result) -> str:
    """Each expert's weights beside the group's, the consensus and the most deviating expert."""
    group = result.group
    if group is None:
        return ""
    parts = []
    frame = result.expert_priorities
    assert frame is not None
    if group.method == "aij":
        how = _(
            "The experts' judgments were combined by {method} (geometric mean of the "
            "judgments; Acz&eacute;l &amp; Saaty 1983)"
        ).format(method=escape(group.method.upper()))
    else:
        how = _(
            "The experts' judgments were combined by {method} (geometric mean of the "
            "priorities; Acz&eacute;l &amp; Saaty 1983)"
        ).format(method=escape(group.method.upper()))
    by_parent = result.group_by_parent
    if by_parent is None:
        parts.append("<h3>" + _("Criteria weights by expert") + "</h3>")
    else:
        parts.append("<h3>" + _("Each comparison matrix by expert") + "</h3>")
        each = _(
            "{how}, one comparison matrix at a time: each set of sub-criteria is combined on "
            "its own, and the group's local weights multiply down the tree. The weights below "
            "are local (they sum to 1 within the matrix); the consensus S* (Goepel 2013; 1 = "
            "full agreement) is that of this matrix alone."
        ).format(how=how)
        parts.append(f"<p>{each}</p>")
        for parent, matrix in by_parent.items():
            if matrix.group.n < 2:
                continue  # one criterion: nothing was compared
            kids = list(result.problem.hierarchy.children(parent))
            local = pd.DataFrame(
                [np.asarray(p.weights) for p in matrix.experts.values()],
                index=list(matrix.experts),
                columns=kids,
            )
            crs = [[num(p.cr), verdict(p)] for p in [*matrix.experts.values(), matrix.group]]
            parts.append(f"<h4>{escape(title_of(parent))}</h4>")
            parts.append(_weights_by_expert(matrix, local, matrix.weights, crs))
            if matrix.consensus is not None:
                here = _(
                    "Consensus S* on this matrix = {consensus} ({words}); the expert who "
                    "differs most from the group here: {expert}."
                ).format(
                    consensus=num(matrix.consensus),
                    words=consensus_in_words(matrix.consensus),
                    expert=f"<strong>{escape(matrix.most_deviating)}</strong>",
                )
                parts.append(f"<p>{here}</p>")
        parts.append("<h3>" + _("Global weights of the leaf criteria by expert") + "</h3>")
        own = _(
            "Each expert's global weights: the product of that expert's own local weights "
            "down the tree, beside the group's."
        )
        parts.append(f"<p>{own}</p>")
    parts.append(_weights_by_expert(group, frame, result.weights.to_numpy()))
    consensus, farthest = result.consensus, result.most_deviating
    if consensus is not None and farthest is not None:
        if by_parent is None:
            lead = _(
                "{how}. Consensus S* = {consensus} ({words}; Goepel 2013; 1 = full agreement)"
            ).format(how=how, consensus=num(consensus), words=consensus_in_words(consensus))
        else:
            lead = _(
                "Overall consensus S* = {consensus} ({words}): the mean of every matrix's S*, "
                "each weighted by the group's global weight of its parent criterion (the top "
                "level by 1), as Goepel's AHP-OS computes it (Goepel 2018)"
            ).format(consensus=num(consensus), words=consensus_in_words(consensus))
        farthest_text = _(
            "{lead}; the expert whose weights differ most from the group's: {expert}."
        )
        parts.append(
            "<p>"
            + farthest_text.format(lead=lead, expert=f"<strong>{escape(farthest[0])}</strong>")
            + "</p>"
        )
    return "".join(parts)


def _main_matrix(result: Result) -> reading.Matrix | None:
    """The top-level criteria matrix the weights come from (the group's with experts)."""
    for m in reading.matrices(result):
        if m.priorities is result.ahp:
            return m
    return None


def weights(result: Result, figures: Figures) -> str:
    """The weights figure, the consistency of the judgments and what to revise."""
    caption = (
        _("Criteria weights (they sum to 1); sub-criteria grouped under their criterion.")
        if parents(result)
        else _("Criteria weights (they sum to 1).")
    )
    parts = [
        figures.make(
            lambda: plots.weights(result),
            _("Bar chart of the criteria weights"),
            caption,
        )
    ]
    prio = result.ahp
    main = _main_matrix(result)
    if prio is None:
        typed = _(
            "The criteria weights were typed directly (no pairwise comparisons), so there "
            "is no consistency check of them."
        )
        parts.append(f"<p>{typed}</p>")
        parts.append(_other_matrices(result, None))
        return "".join(parts)
    shown = (
        '<span style="color:var(--good)">' + _("consistent") + "</span>"
        if prio.consistent
        else '<span style="color:var(--warn)">'
        + _("INCONSISTENT: revise the judgments")
        + "</span>"
    )
    which = (  # "of ...": in some languages a case of its own (German genitive)
        i18n.pgettext("of", "the top-level criteria")
        if parents(result)
        else i18n.pgettext("of", "the criteria")
    )
    if result.group is not None:
        which += " " + _("(the experts' combined judgments)")
    explained = _(
        "The weights are the priorities of the pairwise comparisons of {which} (principal "
        "eigenvector, Saaty 1980). The consistency ratio CR = CI / RI compares the judgments' "
        "inconsistency with that of random judgments."
    ).format(which=which)
    parts.append(f"<p>{explained}</p>")
    parts.append(
        table(
            [_("Measure"), _("Value")],
            [
                [_("&lambda;<sub>max</sub> (principal eigenvalue)"), num(prio.lambda_max)],
                ["CI = (&lambda;<sub>max</sub> &minus; n) / (n &minus; 1)", num(prio.ci)],
                [_("RI (random index)"), num(prio.ri, 2)],
                ["CR = CI / RI", num(prio.cr)],
                [_("Threshold"), num(prio.threshold, 2)],
                [_("Verdict"), shown],
            ],
            numeric=[1],
        )
    )
    if prio.consistent:
        within = _(
            "CR = {cr} is within the threshold {threshold}: the judgments are consistent "
            "enough to use."
        ).format(cr=num(prio.cr), threshold=num(prio.threshold, 2))
        parts.append(f'<p class="callout good">{within}</p>')
    else:
        judgments = reading.revisions(result).get(main.label, []) if main is not None else []
        if judgments:
            what = (
                _(
                    "Revise these judgments first (each line shows the value the other "
                    "judgments imply and the CR if only that judgment were changed):"
                )
                + "</p>"
                + revise_table(judgments)
            )
        else:  # the group's matrix, which nobody typed: its experts' judgments are listed
            what = (
                _(
                    "It combines the experts' judgments, so revise theirs: each inconsistent "
                    "expert's judgments to revise first are listed under {section} below."
                ).format(section="<em>" + _("Every comparison matrix") + "</em>")
                + "</p>"
            )
        above = _("CR = {cr} is above the threshold {threshold}.").format(
            cr=num(prio.cr), threshold=num(prio.threshold, 2)
        )
        parts.append(f'<div class="callout warn" id="revise"><p>{above} {what}</div>')
        parts.append(
            figures.make(
                lambda: plots.inconsistency(result),
                _("Heat map of how far each judgment is from the ratio the weights imply"),
                _(
                    "How far each judgment is from the ratio of the weights; the boxed cells "
                    "are the judgments to revise first."
                ),
            )
        )
    parts.append(_other_matrices(result, main.label if main is not None else None))
    return "".join(parts)


def ranking(
    result: Result, second: reading.SecondMethod | None, why_not: str | None, figures: Figures
) -> str:
    """The ranking table (the Result's scores), the second method beside it, distances."""
    parts = [
        figures.make(
            lambda: plots.ranking(result),
            _("Bar chart of the alternatives' {method} scores").format(method=result.method_title),
            _("Scores by {method}, best first, labelled with the rank.").format(
                method=escape(result.method_title)
            ),
            key="ranking",
        )
    ]
    best = result.best
    order = result.ordered()
    own = escape(result.method_title)
    header = [
        _("Alternative"),
        _("{method} score").format(method=own),
        _("{method} rank").format(method=own),
    ]
    rows = [[escape(a), num(float(result.scores[a]), 4), str(int(result.ranks[a]))] for a in order]
    if second is not None:
        other = escape(second.title)
        header += [
            _("{method} score").format(method=other),
            _("{method} rank").format(method=other),
        ]
        for row, a in zip(rows, order, strict=True):
            row += [num(float(second.scores[a]), 4), f"{float(second.ranks[a]):g}"]
        both = _(
            "Both methods side by side. TOPSIS scores are closeness to the ideal alternative "
            "(0 = the anti-ideal, 1 = the ideal); AHP synthesis scores are global priorities "
            "(in distributive mode they sum to 1)."
        )
        parts.append(f"<p>{both}</p>")
    parts.append(
        table(
            header,
            rows,
            numeric=list(range(1, len(header))),
            row_classes=["best" if a == best else "" for a in order],
            table_id="ranking-table",
        )
    )
    if second is not None and second.spearman is not None:
        rho = _(
            "Spearman's rank correlation between the two rankings: {rho} (1 = the same order)."
        ).format(rho=f"<strong>{num(second.spearman)}</strong>")
        parts.append(f"<p>{rho}</p>")
    elif second is None:
        alone = _("No second method beside this ranking: {reason}").format(reason=escape(why_not))
        parts.append(f'<p class="note">{alone}</p>')
    if result.details is not None:
        rows = [
            [escape(a), num(float(result.details.loc[a, "d_plus"]), 4),
             num(float(result.details.loc[a, "d_minus"]), 4)]
            for a in order
        ]  # fmt: skip
        parts.append("<h3>" + _("TOPSIS distances") + "</h3>")
        parts.append(
            table(
                [_("Alternative"), _("Distance to the ideal (d+)"),
                 _("Distance to the anti-ideal (d&minus;)")],
                rows,
                numeric=[1, 2],
            )
        )  # fmt: skip
    reasons = result.screening.reasons
    if reasons:
        parts.append("<h3>" + _("Screened out by the requirements") + "</h3><ul>")
        parts.extend(
            f"<li><strong>{escape(a)}</strong>: {escape(why)}</li>" for a, why in reasons.items()
        )
        parts.append("</ul>")
    for note in result.notes:
        parts.append(f'<p class="note">{escape(note)}</p>')
    return "".join(parts)
