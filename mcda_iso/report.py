"""A self-contained HTML report of a decision, to send to management by e-mail.

One file: inline CSS, figures embedded as base64 PNG images, no scripts, no
external assets, nothing fetched from the network (a Content-Security-Policy
forbids it). Every string that came from the user (criterion and alternative
names, descriptions, units) is escaped, so a name such as ``<script>`` shows as
text.

Sections: the recommendation in plain words and how firm it is; the criteria
and why they matter; weights and consistency (with the judgments to revise
when the consistency ratio is too high); the ranking by TOPSIS and AHP side by
side; sensitivity (weight thresholds, weight sweeps, rank acceptability,
agreement of other methods); the inputs; the method and references.

Examples
--------
>>> import pathlib, tempfile
>>> from mcda_iso import load_scenario, rank, write_report
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_report(pathlib.Path(folder) / "report.html", rank(load_scenario("iso9001")))
...     print(path.name, path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"))
report.html True
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import importlib.util
import io
import math
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mcda_iso import plots
from mcda_iso.errors import ConsistencyWarning, MCDAError
from mcda_iso.problem import Problem
from mcda_iso.ranking import Result, compare, consensus_words, method_title
from mcda_iso.safe_write import write_file
from mcda_iso.scale import round_judgment
from mcda_iso.sensitivity import COMPARED_METHODS, SensitivityReport

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["render_report", "write_report"]

_REFERENCES = (
    "Saaty, T. L. (1980). <i>The Analytic Hierarchy Process: Planning, Priority Setting, "
    "Resource Allocation</i>. New York: McGraw-Hill.",
    "Hwang, C.-L., &amp; Yoon, K. (1981). <i>Multiple Attribute Decision Making: Methods and "
    "Applications</i>. Lecture Notes in Economics and Mathematical Systems 186. Berlin: Springer.",
    "Lahdelma, R., &amp; Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability "
    "analysis for group decision making. <i>Operations Research</i>, 49(3), 444&ndash;454. "
    "doi:10.1287/opre.49.3.444.11220",
)

_GROUP_REFERENCES = (
    "Acz&eacute;l, J., &amp; Saaty, T. L. (1983). Procedures for synthesizing ratio "
    "judgements. <i>Journal of Mathematical Psychology</i>, 27(1), 93&ndash;102.",
    "Goepel, K. D. (2013). Implementing the analytic hierarchy process as a standard method "
    "for multi-criteria decision making in corporate enterprises &ndash; a new AHP Excel "
    "template with multiple inputs. <i>Proceedings of the International Symposium on the "
    "Analytic Hierarchy Process 2013</i>, Kuala Lumpur.",
    "Goepel, K. D. (2018). Implementation of an online software tool for the analytic "
    "hierarchy process (AHP-OS). <i>International Journal of the Analytic Hierarchy "
    "Process</i>, 10(3), 469&ndash;487.",
)


_CSS = """
:root { --ink: #1d2430; --muted: #5a6472; --line: #d9dee5; --accent: #0072B2;
        --warn: #D55E00; --good: #009E73; --bg-soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 16px/1.55 "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
h2 { font-size: 1.4rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem;
     border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.meta, .note, figcaption { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
.verdict { font-size: 1.25rem; font-weight: 600; background: var(--bg-soft);
           border-left: 6px solid var(--accent); padding: .9rem 1.1rem; margin: 1rem 0; }
.callout { border-left: 6px solid var(--line); background: var(--bg-soft);
           padding: .7rem 1rem; margin: 1rem 0; }
.callout.warn { border-left-color: var(--warn); }
.callout.good { border-left-color: var(--good); }
.firmness { font-weight: 600; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left;
         vertical-align: top; }
th { background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.best td { font-weight: 600; }
figure { margin: 1rem 0 1.6rem; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.scroll { overflow-x: auto; }
code { background: var(--bg-soft); padding: 0 .25rem; border-radius: 3px; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem;
         border-top: 1px solid var(--line); padding-top: .8rem; }
@media print { nav { display: none; } h2 { break-after: avoid; } figure { break-inside: avoid; } }
"""

# No script, no external resource of any kind: only inline styles and data: images.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


# --------------------------------------------------------------------------- small helpers


def _e(value: object) -> str:
    """Escape any text for HTML (quotes included)."""
    return html.escape(str(value), quote=True)


def _num(value: float | None, digits: int = 3) -> str:
    """A number with ``digits`` decimals; a dash for a missing one (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "&ndash;"
    return f"{value:.{digits}f}"


def _pct(value: float) -> str:
    return f"{100 * value:.1f}&nbsp;%"


def _judgment(value: float) -> str:
    """A judgment as written on Saaty's scale: ``3``, ``1/3`` or a decimal."""
    return round_judgment(value, 3, missing="(missing)")


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    row_classes: Sequence[str] | None = None,
) -> str:
    """An HTML table; header and cells must already be escaped."""
    numeric = set(numeric)
    head = "".join(
        f'<th{" class=num" if k in numeric else ""} scope="col">{h}</th>'
        for k, h in enumerate(header)
    )
    body = []
    for r, row in enumerate(rows):
        cls = row_classes[r] if row_classes and row_classes[r] else ""
        cells = "".join(
            f"<td{' class=num' if k in numeric else ''}>{cell}</td>" for k, cell in enumerate(row)
        )
        body.append(f"<tr{f' class={cls}' if cls else ''}>{cells}</tr>")
    return (
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _figure_html(fig: Figure, alt: str, caption: str) -> str:
    """A figure as an embedded PNG (the figure is dropped afterwards)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt)}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


class _Figures:
    """Makes figures when matplotlib is installed; otherwise says once why there are none."""

    def __init__(self) -> None:
        self.available = importlib.util.find_spec("matplotlib") is not None

    def make(self, build: Any, alt: str, caption: str) -> str:
        if not self.available:
            return ""
        return _figure_html(build(), alt, caption)


# --------------------------------------------------------------------------- sections


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{body}</section>'


def _firmness(probability: float) -> str:
    if probability >= 0.9:
        return "firm"
    if probability >= 0.7:
        return "fairly firm"
    if probability >= 0.5:
        return "fragile"
    return "not firm"


def _recommendation(result: Result, comparison: Any, sensitivity: SensitivityReport | None) -> str:
    problem = result.problem
    best = result.best
    ranked = len(result.ranks)
    parts = [f'<p class="verdict" id="recommendation-text">{_e(result.recommendation())}</p>']
    plain = (
        f"Of the {len(problem.alternative_names)} alternatives compared on "
        f"{len(problem.criterion_names)} criteria, <strong>{_e(best)}</strong> comes out best "
        f"with the weights given ({_e(result.method_title)})."
    )
    if ranked < len(problem.alternative_names):
        plain += (
            f" {len(problem.alternative_names) - ranked} alternative(s) did not meet the "
            "requirements and were not ranked (see below)."
        )
    parts.append(f"<p>{plain}</p>")
    if comparison is not None:
        other = next(m for m in comparison.results if m != result.method)
        other_best = comparison.results[other].best
        other_title = _e(comparison.results[other].method_title)
        if other_best == best:
            parts.append(
                f"<p>The other method, {other_title}, also puts "
                f"<strong>{_e(best)}</strong> first (Spearman's rank correlation between the "
                f"two rankings: {comparison.spearman:.2f}).</p>"
            )
        else:
            parts.append(
                f'<p class="callout warn">The other method, {other_title}, puts '
                f"<strong>{_e(other_best)}</strong> first instead: the two methods disagree, "
                "so treat the choice between these two as open.</p>"
            )
    inconsistent = [label for label, prio in _matrices(result) if not prio.consistent]
    if inconsistent:
        parts.append(
            '<p class="callout warn">Some judgments are inconsistent (consistency ratio above '
            f"its threshold): {_e('; '.join(inconsistent))}. Revise the judgments listed under "
            '<a href="#weights">Weights and consistency</a> before relying on this '
            "recommendation.</p>"
        )
    parts.append("<h3>How firm is it?</h3>")
    if sensitivity is None and ranked < 2:
        parts.append(
            '<p class="callout" id="sensitivity-not-run">Only one alternative meets the '
            "requirements, so there is nothing to weigh it against: sensitivity analysis does "
            "not apply. Relax a requirement to compare alternatives.</p>"
        )
        return "".join(parts)
    if sensitivity is None:
        parts.append(
            '<p class="callout" id="sensitivity-not-run">Sensitivity analysis was not run for '
            "this report, so how firm the recommendation is has not been checked. The command "
            "<code>mcda-iso report</code> runs it by default; from Python pass "
            "<code>sensitivity=mcda_iso.sensitivity.analyse(problem)</code>.</p>"
        )
        return "".join(parts)
    mc = sensitivity.monte_carlo
    first = mc.first
    p_best = float(first.get(best, 0.0))
    word = _firmness(p_best)
    top_other = first.drop(best, errors="ignore")
    runner = (
        f" The next most frequent winner is {_e(top_other.idxmax())} "
        f"({_pct(float(top_other.max()))})."
        if len(top_other) and top_other.max() > 0
        else ""
    )
    parts.append(
        f'<p>The recommendation is <span class="firmness">{word}</span>: when the weights '
        f"were varied at random ({mc.samples:,} samples, {_e(_distribution(mc))}), "
        f"<strong>{_e(best)}</strong> came first in <strong>{_pct(p_best)}</strong> of "
        f"the cases.{runner}</p>"
    )
    if sensitivity.method != result.method:
        parts.append(
            f'<p class="note">The sensitivity analysis scored the alternatives by '
            f"{_e(method_title(sensitivity.method))}, the ranking "
            f"above by {_e(result.method_title)}.</p>"
        )
    sentences = list(sensitivity.thresholds["sentence"])
    if sentences:
        parts.append(
            "<p>One weight at a time (the other weights keep their ratios):</p><ul>"
            + "".join(f"<li>{_e(s)}</li>" for s in sentences)
            + "</ul>"
        )
    methods = sensitivity.methods
    if methods.agree_on_best:
        parts.append(
            f"<p>All {methods.rankings.shape[1]} ranking methods compared put {_e(best)} first.</p>"
        )
    return "".join(parts)


def _distribution(mc: Any) -> str:
    if mc.distribution == "uniform":
        return "weights drawn uniformly: no preference information"
    if mc.distribution == "experts":
        return f"weights drawn around each expert's (concentration {mc.concentration:g})"
    text = f"weights drawn around yours, concentration {mc.concentration:g}"
    if mc.performance_uncertainty:
        text += f", performance values ±{mc.performance_uncertainty:.0%}"
    return text


def _parents(problem: Problem) -> set[str]:
    """The criteria that have sub-criteria."""
    return {c.parent for c in problem.all_criteria if c.parent is not None}


def _criteria(result: Result) -> str:
    problem = result.problem
    parents = _parents(problem)
    global_w = result.weights if result.global_weights is None else result.global_weights
    local_w = result.local_weights
    header = ["Criterion", "Kind", "Unit / scale", "Weight", "Why it matters"]
    numeric = [3]
    if parents:
        header = ["Criterion", "Part of", "Kind", "Unit / scale", "Local weight", "Weight",
                  "Why it matters"]  # fmt: skip
        numeric = [4, 5]
    rows = []
    for c in problem.all_criteria:
        if c.name in parents:
            kind = f"group of {len(problem.hierarchy.children(c.name))} sub-criteria"
        else:
            kind = "benefit (more is better)" if c.kind == "benefit" else "cost (less is better)"
        row = [
            f"<strong>{_e(c.name)}</strong>",
            kind,
            _e(c.unit) if c.unit else "&ndash;",
            _num(global_w.get(c.name)),
            _e(c.description) if c.description else "&ndash;",
        ]
        if parents:
            row.insert(1, _e(c.parent) if c.parent is not None else "&ndash;")
            row.insert(4, _num(local_w.get(c.name) if local_w is not None else None))
        rows.append(row)
    intro = (
        "<p>The alternatives are judged on these criteria. A benefit criterion counts in an "
        "alternative's favour the higher its value; a cost criterion the lower.</p>"
    )
    if parents:
        intro += (
            "<p>Some criteria are split into sub-criteria. A sub-criterion's local weight is "
            "its share within its group; its weight is the product of the local weights down "
            "its path, and the weights of the criteria without sub-criteria sum to 1.</p>"
        )
    return intro + _table(header, rows, numeric=numeric)


def _compared(parent: str | None, nested: bool) -> str:
    """What one criteria comparison matrix compares, in words."""
    if parent is not None:
        return f"the sub-criteria of {parent}"
    return "the top-level criteria" if nested else "the criteria"


def _title(parent: str | None) -> str:
    """The heading of one criteria comparison matrix."""
    return "Top-level criteria" if parent is None else f"Sub-criteria of {parent}"


def _matrices(result: Result) -> list[tuple[str, Any]]:
    """Every comparison matrix behind the result, as (what it compares, its priorities).

    With several experts each expert's matrices follow (with sub-criteria: every
    set of sub-criteria with two or more, matrix by matrix).
    """
    out: list[tuple[str, Any]] = []
    by_parent = result.priorities_by_parent
    nested = any(parent is not None for parent in by_parent)
    if result.ahp is not None:
        out.append((_compared(None, nested), result.ahp))
    for parent, prio in by_parent.items():
        if parent is not None:
            out.append((_compared(parent, nested), prio))
    if result.group is not None:
        every = result.group_by_parent or {None: result.group}
        out.extend(
            (f"{_compared(parent, nested)}, as judged by {e}", prio)
            for parent, group in every.items()
            for e, prio in group.experts.items()
            if prio.n > 1
        )
    for criterion, prio in result.alternative_priorities.items():
        out.append((f"the alternatives on {criterion}", prio))
    return out


def _revise(prio: Any) -> str:
    """The judgments to revise first in one inconsistent matrix, as a table."""
    from mcda_iso import ahp

    worst = ahp.most_inconsistent(prio.matrix, k=3, names=list(prio.names))
    return _table(
        ["Judgment", "Judged", "Implied by the others", "Try", "CR after"],
        [
            [
                f"{_e(j.row_name)} vs {_e(j.col_name)}",
                _judgment(j.value),
                _num(j.implied, 2),
                _judgment(j.suggested),
                _num(j.cr_after),
            ]
            for j in worst
        ],
        numeric=[1, 2, 3, 4],
    )


def _other_matrices(result: Result) -> str:
    """Consistency of the other matrices: sub-criteria, experts, alternatives."""
    others = _matrices(result)[1 if result.ahp is not None else 0 :]
    if not others:
        return ""
    parts = [
        "<h3>Every comparison matrix</h3>",
        _table(
            ["Judgments of", "Size", "CR", "Threshold", "Verdict"],
            [
                [
                    _e(label),
                    str(len(prio.names)),
                    _num(prio.cr),
                    _num(prio.threshold, 2),
                    "consistent" if prio.consistent else "<strong>INCONSISTENT</strong>",
                ]
                for label, prio in others
            ],
            numeric=[1, 2, 3],
        ),
    ]
    for label, prio in others:
        if not prio.consistent and len(prio.names) > 2:
            parts.append(f"<p>Judgments of {_e(label)}: revise these first.</p>{_revise(prio)}")
    parts.append(_experts(result))
    return "".join(parts)


def _verdict(prio: Any) -> str:
    return "consistent" if prio.consistent else "<strong>INCONSISTENT</strong>"


def _weights_by_expert(
    group: Any, table: pd.DataFrame, group_row: Sequence[float], extra: Sequence[str] = ()
) -> str:
    """Experts (rows, with their expert weight) x criteria, then the group's row.

    ``extra``: cells after the weights, one per expert and the last for the group.
    """
    names = list(table.columns)
    rows = [
        [_e(e), _num(float(group.expert_weights[e]), 2), *[_num(float(w)) for w in table.loc[e]]]
        for e in table.index
    ]
    rows.append(["<strong>group</strong>", "&ndash;", *[_num(float(w)) for w in group_row]])
    header = ["Expert", "Expert weight", *[_e(c) for c in names]]
    if extra:
        header += ["CR", "Verdict"]
        rows = [[*row, *cells] for row, cells in zip(rows, extra, strict=True)]
    return _table(header, rows, numeric=list(range(1, 2 + len(names) + (1 if extra else 0))))


def _experts(result: Result) -> str:
    """Each expert's weights beside the group's, the consensus and the most deviating expert.

    With sub-criteria: each comparison matrix's local weights, CR and consensus,
    then each expert's global weights of the leaf criteria.
    """
    group = result.group
    if group is None:
        return ""
    parts = []
    table = result.expert_priorities
    assert table is not None
    what = "judgments" if group.method == "aij" else "priorities"
    how = (
        f"The experts' judgments were combined by {_e(group.method.upper())} (geometric mean "
        f"of the {what}; Acz&eacute;l &amp; Saaty 1983)"
    )
    by_parent = result.group_by_parent
    if by_parent is None:
        parts.append("<h3>Criteria weights by expert</h3>")
    else:
        parts.append("<h3>Each comparison matrix by expert</h3>")
        parts.append(
            f"<p>{how}, one comparison matrix at a time: each set of sub-criteria is "
            "combined on its own, and the group's local weights multiply down the tree. The "
            "weights below are local (they sum to 1 within the matrix); the consensus S* "
            "(Goepel 2013; 1 = full agreement) is that of this matrix alone.</p>"
        )
        for parent, matrix in by_parent.items():
            if matrix.group.n < 2:
                continue  # one criterion: nothing was compared
            kids = list(result.problem.hierarchy.children(parent))
            local = pd.DataFrame(
                [np.asarray(p.weights) for p in matrix.experts.values()],
                index=list(matrix.experts),
                columns=kids,
            )
            crs = [[_num(p.cr), _verdict(p)] for p in [*matrix.experts.values(), matrix.group]]
            parts.append(f"<h4>{_e(_title(parent))}</h4>")
            parts.append(_weights_by_expert(matrix, local, matrix.weights, crs))
            if matrix.consensus is not None:
                parts.append(
                    f"<p>Consensus S* on this matrix = {matrix.consensus:.3f} "
                    f"({consensus_words(matrix.consensus)}); the expert who differs most from "
                    f"the group here: <strong>{_e(matrix.most_deviating)}</strong>.</p>"
                )
        parts.append("<h3>Global weights of the leaf criteria by expert</h3>")
        parts.append(
            "<p>Each expert's global weights: the product of that expert's own local weights "
            "down the tree, beside the group's.</p>"
        )
    parts.append(_weights_by_expert(group, table, result.weights.to_numpy()))
    consensus, farthest = result.consensus, result.most_deviating
    if consensus is not None and farthest is not None:
        lead = (
            f"{how}. Consensus S* = {consensus:.3f} ({consensus_words(consensus)}; "
            "Goepel 2013; 1 = full agreement)"
            if by_parent is None
            else f"Overall consensus S* = {consensus:.3f} ({consensus_words(consensus)}): "
            "the mean of every matrix's S*, each weighted by the group's global weight of "
            "its parent criterion (the top level by 1), as Goepel's AHP-OS computes it "
            "(Goepel 2018)"
        )
        parts.append(
            f"<p>{lead}; the expert whose weights differ most from the group's: "
            f"<strong>{_e(farthest[0])}</strong>.</p>"
        )
    return "".join(parts)


def _weights(result: Result, figures: _Figures) -> str:
    parts = [
        figures.make(
            lambda: plots.weights(result),
            "Bar chart of the criteria weights",
            "Criteria weights (they sum to 1)"
            + (
                "; sub-criteria grouped under their criterion." if _parents(result.problem) else "."
            ),
        )
    ]
    prio = result.ahp
    if prio is None:
        parts.append(
            "<p>The criteria weights were typed directly (no pairwise comparisons), so there "
            "is no consistency check of them.</p>"
        )
        parts.append(_other_matrices(result))
        return "".join(parts)
    verdict = (
        '<span style="color:var(--good)">consistent</span>'
        if prio.consistent
        else '<span style="color:var(--warn)">INCONSISTENT: revise the judgments</span>'
    )
    which = "the top-level criteria" if _parents(result.problem) else "the criteria"
    if result.group is not None:
        which += " (the experts' combined judgments)"
    parts.append(
        f"<p>The weights are the priorities of the pairwise comparisons of {which} "
        "(principal eigenvector, Saaty 1980). The consistency ratio CR = CI / RI compares the "
        "judgments' inconsistency with that of random judgments.</p>"
    )
    parts.append(
        _table(
            ["Measure", "Value"],
            [
                ["&lambda;<sub>max</sub> (principal eigenvalue)", _num(prio.lambda_max)],
                ["CI = (&lambda;<sub>max</sub> &minus; n) / (n &minus; 1)", _num(prio.ci)],
                ["RI (random index)", _num(prio.ri, 2)],
                ["CR = CI / RI", _num(prio.cr)],
                ["Threshold", _num(prio.threshold, 2)],
                ["Verdict", verdict],
            ],
            numeric=[1],
        )
    )
    if prio.consistent:
        parts.append(
            f'<p class="callout good">CR = {prio.cr:.3f} is within the threshold '
            f"{prio.threshold:.2f}: the judgments are consistent enough to use.</p>"
        )
    else:
        parts.append(
            f'<div class="callout warn" id="revise"><p>CR = {prio.cr:.3f} is above the '
            f"threshold {prio.threshold:.2f}. Revise these judgments first (each line shows the "
            "value the other judgments imply and the CR if only that judgment were changed):</p>"
            + _revise(prio)
            + "</div>"
        )
        parts.append(
            figures.make(
                lambda: plots.inconsistency(result),
                "Heat map of how far each judgment is from the ratio the weights imply",
                "How far each judgment is from the ratio of the weights; the boxed cells are the "
                "judgments to revise first.",
            )
        )
    parts.append(_other_matrices(result))
    return "".join(parts)


def _ranking(
    result: Result, comparison: Any, comparison_error: str | None, figures: _Figures
) -> str:
    parts = [
        figures.make(
            lambda: plots.ranking(result),
            f"Bar chart of the alternatives' {result.method_title} scores",
            f"Scores by {_e(result.method_title)}, best first, labelled with the rank.",
        )
    ]
    best = result.best
    if comparison is not None:
        methods = list(comparison.results)
        header = ["Alternative"]
        for m in methods:
            name = _e(comparison.results[m].method_title)
            header += [f"{name} score", f"{name} rank"]
        order = result.ordered()
        rows = []
        for alt in order:
            row = [_e(alt)]
            for m in methods:
                row += [
                    _num(float(comparison.table.loc[alt, f"{m}_score"]), 4),
                    str(int(comparison.table.loc[alt, f"{m}_rank"])),
                ]
            rows.append(row)
        parts.append(
            "<p>Both methods side by side. TOPSIS scores are closeness to the ideal alternative "
            "(0 = the anti-ideal, 1 = the ideal); AHP synthesis scores are global priorities "
            "(they sum to 1).</p>"
        )
        parts.append(
            _table(
                header,
                rows,
                numeric=list(range(1, 1 + 2 * len(methods))),
                row_classes=["best" if a == best else "" for a in order],
            )
        )
        parts.append(
            f"<p>Spearman's rank correlation between the two rankings: "
            f"<strong>{comparison.spearman:.3f}</strong> (1 = the same order).</p>"
        )
    else:
        frame = result.to_frame()
        rows = [
            [_e(a), _num(float(frame.loc[a, "score"]), 4), str(int(frame.loc[a, "rank"]))]
            for a in result.ordered()
        ]
        parts.append(_table(["Alternative", "Score", "Rank"], rows, numeric=[1, 2]))
        parts.append(
            f'<p class="note">The second method could not be applied: {_e(comparison_error)}</p>'
        )
    if result.details is not None:
        rows = [
            [_e(a), _num(float(result.details.loc[a, "d_plus"]), 4),
             _num(float(result.details.loc[a, "d_minus"]), 4)]
            for a in result.ordered()
        ]  # fmt: skip
        parts.append("<h3>TOPSIS distances</h3>")
        parts.append(
            _table(
                [
                    "Alternative",
                    "Distance to the ideal (d+)",
                    "Distance to the anti-ideal (d&minus;)",
                ],
                rows,
                numeric=[1, 2],
            )
        )
    reasons = result.screening.reasons
    if reasons:
        parts.append("<h3>Screened out by the requirements</h3><ul>")
        parts.extend(f"<li><strong>{_e(a)}</strong>: {_e(why)}</li>" for a, why in reasons.items())
        parts.append("</ul>")
    for note in result.notes:
        parts.append(f'<p class="note">{_e(note)}</p>')
    return "".join(parts)


def _sensitivity(result: Result, sensitivity: SensitivityReport | None, figures: _Figures) -> str:
    if sensitivity is None:
        return (
            "<p>Sensitivity analysis was not run for this report (see "
            '<a href="#recommendation">How firm is it?</a>).</p>'
        )
    problem = result.problem
    parts = ["<h3>Weight thresholds</h3>"]
    parts.append(
        "<p>How far each criterion's weight can move (the others keeping their ratios) before "
        "the best alternative changes. &ldquo;whatever&rdquo; means no weight of that criterion "
        "changes the winner.</p>"
    )
    t = sensitivity.thresholds
    rows = []
    for crit, row in t.iterrows():
        rows.append(
            [
                _e(crit),
                _num(float(row["weight"])),
                f"{_num(float(row['best_lower']))} &ndash; {_num(float(row['best_upper']))}",
                _e(_takers(row)),
                f"{_num(float(row['ranking_lower']))} &ndash; {_num(float(row['ranking_upper']))}",
            ]
        )
    parts.append(
        _table(
            ["Criterion", "Weight now", "Best stays first for", "Who takes over",
             "Whole ranking unchanged for"],
            rows,
            numeric=[1, 2, 4],
        )
    )  # fmt: skip
    parts.append("<h3>Weight sweeps</h3>")
    for crit, sweep in sensitivity.sweeps.items():
        parts.append(
            figures.make(
                lambda sweep=sweep, crit=crit: plots.weight_sweep(
                    sweep, crit, problem=problem, method=sensitivity.method
                ),
                f"Line chart of every alternative's score as the weight of {crit} goes from 0 to 1",
                f"Scores as the weight of {_e(crit)} goes from 0 to 1; dashed: its weight now; "
                "circles: where first place changes hands.",
            )
        )
    mc = sensitivity.monte_carlo
    parts.append("<h3>Rank acceptability (Monte Carlo)</h3>")
    parts.append(
        f"<p>{mc.samples:,} weight vectors were drawn ({_e(_distribution(mc))}; seed "
        f"{mc.seed}); for each, the alternatives were ranked. The table gives the share of "
        "samples in which each alternative took each rank (SMAA-2, Lahdelma &amp; Salminen "
        "2001); the confidence factor is how often it wins at its own central weights.</p>"
    )
    parts.append(
        figures.make(
            lambda: plots.acceptability(mc, problem=problem),
            "Stacked bar chart of how often each alternative takes each rank",
            "Rank acceptability: share of the samples at each rank.",
        )
    )
    acc = mc.acceptability
    # As in the figure: best expected rank first.
    expected = acc.to_numpy() @ np.arange(1, acc.shape[1] + 1)
    order = list(acc.index[np.argsort(expected, kind="stable")])
    header = ["Alternative", *[f"Rank {r}" for r in acc.columns], "Confidence"]
    rows = [
        [_e(a), *[_pct(float(acc.loc[a, r])) for r in acc.columns], _pct(float(mc.confidence[a]))]
        for a in order
    ]
    parts.append(_table(header, rows, numeric=list(range(1, len(header)))))
    methods = sensitivity.methods
    parts.append("<h3>Other ranking methods</h3>")
    parts.append(
        figures.make(
            lambda: plots.method_agreement(methods),
            "Heat map of the rank correlations between ranking methods",
            "Spearman's rank correlation between the rankings of each pair of methods.",
        )
    )
    rankings = methods.rankings
    rows = [
        [_e(a), *[f"{float(rankings.loc[a, m]):g}" for m in rankings.columns]]
        for a in rankings.index
    ]
    parts.append(
        _table(
            ["Alternative", *[_e(COMPARED_METHODS.get(m, m)) for m in rankings.columns]],
            rows,
            numeric=list(range(1, 1 + rankings.shape[1])),
        )
    )
    for name, reason in methods.skipped.items():
        parts.append(f'<p class="note">Not applied: {_e(name)}: {_e(reason)}</p>')
    reversal = sensitivity.rank_reversal
    parts.append("<h3>Rank reversal</h3>")
    if reversal.empty:
        parts.append(
            "<p>Removing any one alternative leaves the order of the others unchanged.</p>"
        )
    else:
        parts.append(
            "<p>Removing one alternative changes the order of two others (TOPSIS and AHP "
            "synthesis normalise over the set of alternatives, so this can happen):</p><ul>"
        )
        for row in reversal.itertuples(index=False):
            parts.append(
                f"<li>Without {_e(row.removed)}: {_e(row.a)} {_e(row.before)} {_e(row.b)} "
                f"becomes {_e(row.a)} {_e(row.after)} {_e(row.b)}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def _takers(row: pd.Series) -> str:
    below, above = row.get("best_lower_by"), row.get("best_upper_by")
    out = []
    if isinstance(below, str):
        out.append(f"below: {below}")
    if isinstance(above, str):
        out.append(f"above: {above}")
    return "; ".join(out) if out else "nobody (whatever the weight)"


def _inputs(result: Result) -> str:
    problem = result.problem
    parts = ["<h3>Alternatives</h3>"]
    parts.append(
        _table(
            ["Alternative", "Description"],
            [[_e(a.name), _e(a.description) if a.description else "&ndash;"]
             for a in problem.alternatives],
        )
    )  # fmt: skip
    parts.append("<h3>Performance table</h3>")
    perf = problem.performance
    header = ["Alternative"] + [
        f"{_e(c.name)}<br><span class=note>{_e(c.kind)}"
        + (f", {_e(c.unit)}" if c.unit else "")
        + "</span>"
        for c in problem.criteria
    ]
    rows = [
        [_e(a), *[f"{float(perf.loc[a, c]):g}" for c in problem.criterion_names]]
        for a in problem.alternative_names
    ]
    parts.append(_table(header, rows, numeric=list(range(1, len(header)))))
    comparisons = problem.comparisons
    if comparisons is not None:
        parts.append("<h3>Pairwise comparisons of the criteria</h3>")
        parts.append(
            "<p>Saaty's 1&ndash;9 scale: the row criterion is that many times as important as "
            "the column criterion (1/3: the column criterion is three times as important).</p>"
        )
        experts = problem.expert_comparisons
        if experts:
            for expert, judged in experts.items():
                if isinstance(judged, pd.DataFrame):
                    parts.append(f"<h4>As judged by {_e(expert)}</h4>{_matrix_table(judged)}")
                    continue
                for parent, matrix in judged.items():
                    if len(matrix) > 1:
                        title = f"As judged by {expert}: {_compared(parent, True)}"
                        parts.append(f"<h4>{_e(title)}</h4>{_matrix_table(matrix)}")
            if result.group is not None and result.group.method == "aip":
                parts.append(
                    "<h4>Combined (the geometric mean of the judgments, for reference: the "
                    "weights are the combined priorities)</h4>"
                )
            else:
                parts.append("<h4>Combined (the matrix the weights come from)</h4>")
        if isinstance(comparisons, dict):
            for parent, matrix in comparisons.items():
                parts.append(f"<h4>{_e(_title(parent))}</h4>{_matrix_table(matrix)}")
        else:
            parts.append(_matrix_table(comparisons))
    else:
        parts.append("<h3>Weights as typed</h3>")
        typed = problem.weights
        parts.append(
            _table(
                ["Criterion", "Weight typed", "Weight used"],
                [
                    [
                        _e(c),
                        f"{float(typed[c]):g}",
                        _num(result.weights.get(c)),
                    ]
                    for c in typed.index
                ],
                numeric=[1, 2],
            )
        )
    alternative_matrices = problem.alternative_comparisons
    if alternative_matrices:
        parts.append("<h3>Pairwise comparisons of the alternatives</h3>")
        parts.append(
            "<p>Criteria rated by comparing the alternatives in pairs rather than with a "
            "value each (the row alternative is that many times as good as the column one).</p>"
        )
        for criterion, matrix in alternative_matrices.items():
            parts.append(f"<h4>On {_e(criterion)}</h4>{_matrix_table(matrix)}")
    requirements = problem.requirements
    if requirements is not None and not requirements.empty:
        parts.append("<h3>Requirements</h3>")
        parts.append(
            _table(
                ["Criterion", "Minimum", "Maximum"],
                [
                    [_e(c), *["&ndash;" if pd.isna(v) else f"{float(v):g}" for v in row]]
                    for c, row in requirements.iterrows()
                ],
                numeric=[1, 2],
            )
        )
    return "".join(parts)


def _matrix_table(matrix: pd.DataFrame) -> str:
    """A comparison matrix with its judgments written on Saaty's scale."""
    names = list(matrix.index)
    rows = [
        [f"<strong>{_e(r)}</strong>", *[_judgment(float(matrix.loc[r, c])) for c in names]]
        for r in names
    ]
    return _table(["", *[_e(c) for c in names]], rows, numeric=list(range(1, 1 + len(names))))


def _method(result: Result) -> str:
    group = () if result.group is None else _GROUP_REFERENCES
    refs = "".join(f"<li>{r}</li>" for r in (*_REFERENCES, *group))
    normalization = result.normalization or "vector"
    experts = (
        ""
        if result.group is None
        else "<p><strong>Several experts.</strong> Their comparisons are combined by the "
        "weighted geometric mean, of the judgments (AIJ) or of each expert's priorities "
        "(AIP) (Acz&eacute;l &amp; Saaty 1983), one comparison matrix at a time when "
        "criteria have sub-criteria. Goepel's consensus S* (2013) measures how far the "
        "experts agree, from 0 to 1 (1: identical weights).</p>"
    )
    return (
        "<p><strong>Criteria weights.</strong> With the Analytic Hierarchy Process (AHP, Saaty "
        "1980), each pair of criteria is compared on a 1&ndash;9 scale; the weights are the "
        "principal eigenvector of the comparison matrix. The consistency ratio CR = CI / RI, "
        "with CI = (&lambda;<sub>max</sub> &minus; n) / (n &minus; 1) and RI the mean CI of "
        "random matrices, should stay below 0.10 (0.05 for three criteria, 0.08 for four).</p>"
        f"{experts}"
        "<p><strong>Ranking.</strong> TOPSIS (Hwang &amp; Yoon 1981) normalises each criterion "
        f"({_e(normalization)} normalisation), weights it, and ranks the alternatives by their "
        "relative closeness d&minus; / (d+ + d&minus;) to the ideal solution (best value on "
        "every criterion) and away from the anti-ideal one. AHP synthesis in distributive mode "
        "divides each benefit column by its sum (cost columns: reciprocals first), in ideal "
        "mode by its best value, and adds the weighted values.</p>"
        "<p><strong>Sensitivity.</strong> Weight thresholds move one weight while the others "
        "keep their ratios and find exactly where the winner changes. Rank acceptability "
        "(SMAA-2, Lahdelma &amp; Salminen 2001) draws many weight vectors at random and counts "
        "how often each alternative takes each rank.</p>"
        f'<h3>References</h3><ol class="refs">{refs}</ol>'
    )


def _check_sensitivity(result: Result, sensitivity: Any) -> None:
    """The sensitivity analysis must be of the same problem as the ranking."""
    if sensitivity is None:
        return
    if not isinstance(sensitivity, SensitivityReport):
        raise MCDAError(
            "'sensitivity' must be the result of mcda_iso.sensitivity.analyse "
            f"(got {type(sensitivity).__name__})"
        )
    analysed = sorted(map(str, sensitivity.monte_carlo.acceptability.index))
    ranked = sorted(map(str, result.ranks.index))
    if analysed != ranked:
        raise MCDAError(
            "the sensitivity analysis is of other alternatives than the ranking "
            f"(analysed {analysed}, ranked {ranked}); run sensitivity.analyse on the same problem"
        )


def _settings(result: Result) -> dict[str, str]:
    """The options of :func:`mcda_iso.rank` that produced ``result``, for the second method."""
    settings = {"normalization": result.normalization or "vector"}
    if result.mode:
        settings["mode"] = result.mode
    if result.group is not None:
        settings["aggregation"] = result.group.method
    return settings


# --------------------------------------------------------------------------- public


def render_report(
    result: Result,
    sensitivity: SensitivityReport | None = None,
    *,
    title: str = "Decision report",
) -> str:
    """The report as one self-contained HTML document (a string).

    Parameters
    ----------
    result : Result
        A ranking from :func:`mcda_iso.rank`.
    sensitivity : SensitivityReport, optional
        :func:`mcda_iso.sensitivity.analyse` of the same problem. Without it the
        report says that sensitivity analysis was not run.
    title : str
        The report's heading (escaped).

    Returns
    -------
    str

    Raises
    ------
    MCDAError
        If ``result`` is not a ranking Result.
    """
    if not isinstance(result, Result):
        raise MCDAError(
            f"a report needs a ranking Result (from mcda_iso.rank); got {type(result).__name__}"
        )
    from mcda_iso import __version__

    problem = result.problem
    _check_sensitivity(result, sensitivity)
    figures = _Figures()
    comparison, comparison_error = None, None
    try:
        with warnings.catch_warnings():
            # The consistency verdict is shown in the report; no second warning.
            warnings.simplefilter("ignore", ConsistencyWarning)
            comparison = compare(problem, **_settings(result))
    except MCDAError as exc:
        comparison_error = str(exc)
    sections = [
        ("recommendation", "Recommendation", _recommendation(result, comparison, sensitivity)),
        ("criteria", "The criteria and why they matter", _criteria(result)),
        ("weights", "Weights and consistency", _weights(result, figures)),
        ("ranking", "Ranking", _ranking(result, comparison, comparison_error, figures)),
        ("sensitivity", "Sensitivity", _sensitivity(result, sensitivity, figures)),
        ("inputs", "Inputs", _inputs(result)),
        ("method", "Method and references", _method(result)),
    ]
    toc = "".join(f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t, _ in sections)
    body = "".join(_section(a, t, b) for a, t, b in sections)
    now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    no_figures = (
        ""
        if figures.available
        else '<p class="callout warn">Figures are missing: they need matplotlib '
        "(<code>pip install 'mcda_iso[plots]'</code>).</p>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="mcda_iso {_e(__version__)}">'
        f"<title>{_e(title)}: {_e(result.best)}</title>"
        f"<style>{_CSS}</style></head><body><main>"
        f"<header><h1>{_e(title)}</h1>"
        f'<p class="meta">{len(problem.alternative_names)} alternatives, '
        f"{len(problem.criterion_names)} criteria; ranked by "
        f"{_e(result.method_title)}. Generated {now} by mcda_iso "
        f"{_e(__version__)}.</p>{no_figures}</header>"
        f'<nav aria-label="Contents"><ol>{toc}</ol></nav>'
        f"{body}"
        "<footer>Produced by mcda_iso (AHP criteria weights, TOPSIS ranking). The figures "
        "and numbers follow from the inputs listed above; change the inputs, and the "
        "recommendation may change.</footer>"
        "</main></body></html>\n"
    )


def write_report(
    path: str | os.PathLike[str],
    result: Result,
    sensitivity: SensitivityReport | None = None,
    *,
    overwrite: bool = False,
    title: str = "Decision report",
) -> Path:
    """Write the decision report as one self-contained HTML file.

    The file is written to a temporary file in the same folder, then moved into
    place, so an existing report is never left half-written.

    Parameters
    ----------
    path : str or os.PathLike
        Where to write, e.g. ``"report.html"``.
    result : Result
        A ranking from :func:`mcda_iso.rank`.
    sensitivity : SensitivityReport, optional
        :func:`mcda_iso.sensitivity.analyse` of the same problem. Without it the
        report says that sensitivity analysis was not run.
    overwrite : bool, default False
        Replace an existing file.
    title : str
        The report's heading.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    MCDAError
        If the file exists and ``overwrite`` is False, is a folder, cannot be
        written (no such folder, no permission; written through a temporary file,
        see :mod:`mcda_iso.safe_write`), or ``result`` is not a ranking Result.

    References
    ----------
    Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
    Hwang, C.-L., & Yoon, K. (1981). Multiple Attribute Decision Making. Springer.
    Lahdelma, R., & Salminen, P. (2001). SMAA-2. Operations Research 49(3), 444-454.
    """
    document = render_report(result, sensitivity, title=title).encode("utf-8")
    return write_file(path, lambda temp: temp.write_bytes(document), overwrite=overwrite)
