"""The report's inputs (alternatives, performance, judgments, requirements) and method notes."""

from __future__ import annotations

import pandas as pd

from mcda_iso import i18n
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result
from mcda_iso.report.page import escape, judgment, num, table
from mcda_iso.report.sections import title_of

REFERENCES = (
    "Saaty, T. L. (1980). <i>The Analytic Hierarchy Process: Planning, Priority Setting, "
    "Resource Allocation</i>. New York: McGraw-Hill.",
    "Hwang, C.-L., &amp; Yoon, K. (1981). <i>Multiple Attribute Decision Making: Methods and "
    "Applications</i>. Lecture Notes in Economics and Mathematical Systems 186. Berlin: Springer.",
    "Lahdelma, R., &amp; Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability "
    "analysis for group decision making. <i>Operations Research</i>, 49(3), 444&ndash;454. "
    "doi:10.1287/opre.49.3.444.11220",
)

GROUP_REFERENCES = (
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


def _compared(parent: str | None, nested: bool) -> str:
    if parent is not None:
        return _("the sub-criteria of {parent}").format(parent=parent)
    return _("the top-level criteria") if nested else _("the criteria")


def matrix_table(matrix: pd.DataFrame) -> str:
    """A comparison matrix with its judgments written on Saaty's scale."""
    names = list(matrix.index)
    rows = [
        [f"<strong>{escape(r)}</strong>", *[judgment(float(matrix.loc[r, c])) for c in names]]
        for r in names
    ]
    return table(["", *[escape(c) for c in names]], rows, numeric=list(range(1, 1 + len(names))))


def inputs(result: Result) -> str:
    """Everything the decision was made from, as typed."""
    problem = result.problem
    parts = ["<h3>" + _("Alternatives") + "</h3>"]
    parts.append(
        table(
            [_("Alternative"), _("Description")],
            [[escape(a.name), escape(a.description) if a.description else "&ndash;"]
             for a in problem.alternatives],
        )
    )  # fmt: skip
    parts.append("<h3>" + _("Performance table") + "</h3>")
    perf = problem.performance
    header = [_("Alternative")] + [
        f"{escape(c.name)}<br><span class=note>{escape(i18n.pgettext('kind', c.kind))}"
        + (f", {escape(c.unit)}" if c.unit else "")
        + "</span>"
        for c in problem.criteria
    ]
    rated = problem.alternative_comparisons or {}
    rows = [
        [
            escape(a),
            *[
                _("compared in pairs") if c in rated else i18n.decimal(f"{float(perf.loc[a, c]):g}")
                for c in problem.criterion_names
            ],
        ]
        for a in problem.alternative_names
    ]
    parts.append(table(header, rows, numeric=list(range(1, len(header)))))
    comparisons = problem.comparisons
    if comparisons is not None or problem.experts:
        parts.append("<h3>" + _("Pairwise comparisons of the criteria") + "</h3>")
        scale = _(
            "Saaty's 1&ndash;9 scale: the row criterion is that many times as important as the "
            "column criterion (1/3: the column criterion is three times as important)."
        )
        parts.append(f"<p>{scale}</p>")
        experts = problem.expert_comparisons
        if experts:
            for expert, judged in experts.items():
                if isinstance(judged, pd.DataFrame):
                    parts.append(
                        "<h4>"
                        + _("As judged by {expert}").format(expert=escape(expert))
                        + f"</h4>{matrix_table(judged)}"
                    )
                    continue
                for parent, matrix in judged.items():
                    if len(matrix) > 1:
                        title = _("As judged by {expert}: {matrix}").format(
                            expert=expert, matrix=_compared(parent, True)
                        )
                        parts.append(f"<h4>{escape(title)}</h4>{matrix_table(matrix)}")
            if result.group is not None and result.group.method == "aip":
                parts.append(
                    "<h4>"
                    + _(
                        "Combined (the geometric mean of the judgments, for reference: the "
                        "weights are the combined priorities)"
                    )
                    + "</h4>"
                )
            else:
                parts.append("<h4>" + _("Combined (the matrix the weights come from)") + "</h4>")
            parts += _combined(result)
        elif isinstance(comparisons, dict):
            for parent, matrix in comparisons.items():
                parts.append(f"<h4>{escape(title_of(parent))}</h4>{matrix_table(matrix)}")
        else:
            parts.append(matrix_table(comparisons))
    else:
        parts.append("<h3>" + _("Weights as typed") + "</h3>")
        typed = problem.weights
        parts.append(
            table(
                [_("Criterion"), _("Weight typed"), _("Weight used")],
                [[escape(c), f"{float(typed[c]):g}", num(result.weights.get(c))]
                 for c in typed.index],
                numeric=[1, 2],
            )
        )  # fmt: skip
    alternative_matrices = problem.alternative_comparisons
    if alternative_matrices:
        parts.append("<h3>" + _("Pairwise comparisons of the alternatives") + "</h3>")
        rated_text = _(
            "Criteria rated by comparing the alternatives in pairs rather than with a value "
            "each (the row alternative is that many times as good as the column one)."
        )
        parts.append(f"<p>{rated_text}</p>")
        for criterion, matrix in alternative_matrices.items():
            parts.append(
                "<h4>"
                + _("On {criterion}").format(criterion=escape(criterion))
                + f"</h4>{matrix_table(matrix)}"
            )
    requirements = problem.requirements
    if requirements is not None and not requirements.empty:
        parts.append("<h3>" + _("Requirements") + "</h3>")
        parts.append(
            table(
                [_("Criterion"), _("Minimum"), _("Maximum")],
                [
                    [escape(c), *["&ndash;" if pd.isna(v) else f"{float(v):g}" for v in row]]
                    for c, row in requirements.iterrows()
                ],
                numeric=[1, 2],
            )
        )
    return "".join(parts)


def method(result: Result) -> str:
    """How the numbers were computed, with the options of this Result, and references."""
    options = result.options
    group = () if result.group is None else GROUP_REFERENCES
    refs = "".join(f"<li>{r}</li>" for r in (*REFERENCES, *group))
    experts = (
        ""
        if result.group is None
        else "<p><strong>"
        + _("Several experts.")
        + "</strong> "
        + _(
            "Their comparisons are combined by the weighted geometric mean, of the judgments "
            "(AIJ) or of each expert's priorities (AIP) (Acz&eacute;l &amp; Saaty 1983), one "
            "comparison matrix at a time when criteria have sub-criteria. Goepel's consensus "
            "S* (2013) measures how far the experts agree, from 0 to 1 (1: identical weights)."
        )
        + "</p>"
    )
    settings = table(
        [_("Option"), _("This report")],
        [
            [_("Ranking method"), escape(result.method_title)],
            [_("TOPSIS normalisation"), escape(options.normalization)],
            [_("AHP synthesis mode"), escape(options.mode)],
            [_("Priorities from judgments"), escape(options.ahp_method)],
            [_("Judgment scale"), escape(options.scale)],
            [_("Random-index table"), escape(options.ri_table)],
            [_("Experts combined by"), escape(options.aggregation.upper())],
        ],
    )
    return (
        "<h3>"
        + _("Settings of this ranking")
        + f"</h3>{settings}"
        + _paragraph(
            _("Criteria weights."),
            _(
                "With the Analytic Hierarchy Process (AHP, Saaty 1980), each pair of criteria "
                "is compared on a 1&ndash;9 scale; the weights are the principal eigenvector of "
                "the comparison matrix. The consistency ratio CR = CI / RI, with CI = "
                "(&lambda;<sub>max</sub> &minus; n) / (n &minus; 1) and RI the mean CI of random "
                "matrices, should stay below 0.10 (0.05 for three criteria, 0.08 for four)."
            ),
        )
        + experts
        + _paragraph(
            _("Ranking."),
            _(
                "TOPSIS (Hwang &amp; Yoon 1981) normalises each criterion ({normalization} "
                "normalisation), weights it, and ranks the alternatives by their relative "
                "closeness d&minus; / (d+ + d&minus;) to the ideal solution (best value on every "
                "criterion) and away from the anti-ideal one. AHP synthesis in distributive "
                "mode divides each benefit column by its sum (cost columns: reciprocals first), "
                "in ideal mode by its best value, and adds the weighted values."
            ).format(normalization=escape(options.normalization)),
        )
        + _paragraph(
            _("Sensitivity."),
            _(
                "Weight thresholds move one weight while the others keep their ratios and find "
                "exactly where the winner changes. Rank acceptability (SMAA-2, Lahdelma &amp; "
                "Salminen 2001) draws many weight vectors at random and counts how often each "
                "alternative takes each rank."
            ),
        )
        + "<h3>"
        + _("References")
        + f'</h3><ol class="refs">{refs}</ol>'
    )


def _paragraph(lead: str, text: str) -> str:
    return f"<p><strong>{lead}</strong> {text}</p>"


def _combined(result: Result) -> list[str]:
    """The experts' combined matrices, as the ranking aggregated them (Result.group...)."""
    groups = result.group_by_parent or ({None: result.group} if result.group else {})
    parts = []
    for parent, group in groups.items():
        combined = group.group
        if combined.n < 2:
            continue
        frame = pd.DataFrame(combined.matrix, index=combined.labels(), columns=combined.labels())
        title = "" if len(groups) == 1 else f"<h4>{escape(title_of(parent))}</h4>"
        parts.append(title + matrix_table(frame))
    return parts
