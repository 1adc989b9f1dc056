"""Figures of the decision itself: the weights, the ranking, the inconsistent judgments."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda_iso import ahp, i18n
from mcda_iso.errors import MCDAError
from mcda_iso.i18n import gettext as _
from mcda_iso.plots import layout
from mcda_iso.plots.style import (
    _BENEFIT_COLOR,
    _COST_COLOR,
    _METHOD_NAMES,
    PALETTE,
    _check_result,
    _heat_map,
    _label,
    _labelled_bars,
    _new_figure,
    _score_label,
    _text,
    alternative_colors,
    localised,
)
from mcda_iso.ranking import Result
from mcda_iso.scale import round_judgment

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


# --------------------------------------------------------------------------- weights


@localised
def weights(result: Result) -> Figure:
    """Criteria weights as horizontal bars, grouped under their parent criterion if any.

    Without a hierarchy, benefit criteria are blue and cost criteria vermillion.
    When criteria have a ``parent`` (sub-criteria), the bars of one top-level
    criterion are drawn together in one colour, separated by a thin line, with
    its total weight in the legend. The weights drawn are the global weights
    the alternatives are ranked with (they sum to 1).

    Parameters
    ----------
    result : Result
        A ranking result (its ``weights`` and ``problem.criteria`` are drawn).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MCDAError
        If matplotlib is not installed, or ``result`` is not a ranking Result.
    """
    result = _check_result(result, "weights")
    problem = result.problem
    criteria = list(problem.criteria)
    hierarchy = not problem.hierarchy.is_flat
    if hierarchy:
        # Each criterion under its top-level criterion, groups in order of first appearance.
        group_of = {c.name: problem.hierarchy.path(c.name)[0] for c in criteria}
        groups = list(dict.fromkeys(group_of.values()))
        criteria.sort(key=lambda c: groups.index(group_of[c.name]))
        group_color = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(groups)}
        colors = [group_color[group_of[c.name]] for c in criteria]
    else:
        colors = [_BENEFIT_COLOR if c.kind == "benefit" else _COST_COLOR for c in criteria]
    values = [float(result.weights[c.name]) for c in criteria]
    fig, ax = _labelled_bars(
        values,
        [_label(c.name) for c in criteria],
        colors,
        [i18n.number(v) for v in values],
        headroom=1.18,
        xlabel=_("weight (share of the total; all weights sum to 1)"),
        title=_("Criteria weights"),
    )
    from matplotlib.patches import Patch

    if hierarchy:
        totals = dict.fromkeys(groups, 0.0)
        for c, v in zip(criteria, values, strict=True):
            totals[group_of[c.name]] += v
        legend = [(group_color[g], _text(f"{g} ({i18n.number(totals[g])})")) for g in groups]
        for k in range(1, len(criteria)):
            if group_of[criteria[k].name] != group_of[criteria[k - 1].name]:
                ax.axhline(k - 0.5, color="#999999", linewidth=0.8)
    else:
        kinds = {c.kind for c in criteria}
        legend = [
            (color, text)
            for kind, color, text in (
                ("benefit", _BENEFIT_COLOR, _("benefit (more is better)")),
                ("cost", _COST_COLOR, _("cost (less is better)")),
            )
            if kind in kinds
        ]
    ax.legend(
        handles=[Patch(color=color, label=text) for color, text in legend],
        title=_("criterion (total weight)") if hierarchy else None,
        loc="lower right",
    )
    if result.ahp is not None:
        verdict = (
            _("consistent") if result.ahp.consistent else _("INCONSISTENT: revise the judgments")
        )
        fig.supxlabel(
            _("AHP priorities: CR = {cr} (threshold {threshold}) — {verdict}").format(
                cr=i18n.number(result.ahp.cr),
                threshold=i18n.number(result.ahp.threshold, 2),
                verdict=verdict,
            ),
            fontsize=9,
        )
    else:
        fig.supxlabel(_("weights typed directly (no pairwise comparisons)"), fontsize=9)
    layout.fit(fig, ax)
    return fig


# --------------------------------------------------------------------------- ranking


@localised
def ranking(result: Result) -> Figure:
    """The alternatives' scores as horizontal bars, best at the top, each labelled with its rank.

    Screened-out alternatives (outside a requirement) are listed under the chart.

    Parameters
    ----------
    result : Result

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MCDAError
        If matplotlib is not installed, or ``result`` is not a ranking Result.
    """
    result = _check_result(result, "ranking")
    order = result.ordered()
    colors = alternative_colors(result.problem)
    scores = [float(result.scores[a]) for a in order]
    ranks = [int(result.ranks[a]) for a in order]
    fig, ax = _labelled_bars(
        scores,
        [_label(a) for a in order],
        [colors[a] for a in order],
        [
            _("rank {rank}  ({score})").format(rank=r, score=i18n.number(s))
            for r, s in zip(ranks, scores, strict=True)
        ],
        headroom=1.3,
        xlabel=_score_label(result.method, result.options.mode),
        title=_("Ranking of the alternatives ({method})").format(
            method=_METHOD_NAMES[result.method]
        ),
    )
    if result.screening.reasons:
        out = "; ".join(f"{a} ({why})" for a, why in result.screening.reasons.items())
        screened = _("Screened out: {alternatives}").format(alternatives=out)
        fig.supxlabel(_text(textwrap.fill(screened, 110)), fontsize=8)
    layout.fit(fig, ax)
    return fig


# --------------------------------------------------------------------------- inconsistency


def _result_matrix(result: Result, label: str | None, k: int) -> tuple[Any, list[Any], str | None]:
    """(priorities, judgments to revise) of one comparison matrix of a Result."""
    matrices = {m.label: m for m in result.comparison_matrices}
    if not matrices:
        raise MCDAError(
            "the weights were typed directly; there are no pairwise judgments to diagnose"
        )
    revisions = result.revisions(k)
    if label is None:
        label = next(iter(revisions), None)
    if label is None:
        main = [m for m in matrices.values() if m.priorities is result.ahp]
        label = main[0].label if main else next(iter(matrices))
    if label not in matrices:
        raise MCDAError(f"no comparison matrix {label!r} in this result; known: {list(matrices)}")
    # With one matrix there is nothing to name; otherwise say which one is drawn.
    shown = label if len(matrices) > 1 else None
    return matrices[label].priorities, list(revisions.get(label, [])), shown


@localised
def inconsistency(
    result_or_matrix: Any,
    *,
    names: Sequence[str] | None = None,
    k: int = 3,
    matrix: str | None = None,
) -> Figure:
    """Which pairwise judgments drive the inconsistency: a heat map with the worst ones marked.

    Each cell (i, j) is coloured by ``|ln(a_ij * w_j / w_i)|``: how far the
    judgment ``a_ij`` is from the ratio ``w_i / w_j`` the priorities imply
    (0 = in line; ln 2 = off by a factor of two). Cells show the judgment. The
    ``k`` judgments to revise first are boxed and listed under the map with the
    value to try: for a Result, those of :meth:`~mcda_iso.ranking.Result.revisions`
    (computed on the matrices actually ranked, so every output shows the same
    CR after); for a plain matrix, :func:`mcda_iso.ahp.most_inconsistent`.

    Parameters
    ----------
    result_or_matrix : Result, Priorities, array-like or pandas.DataFrame
        A ranking result whose weights came from comparisons, the AHP priorities,
        or a comparison matrix.
    names : sequence of str, optional
        Criterion names for a plain matrix.
    k : int
        How many judgments to mark.
    matrix : str, optional
        For a Result: the label of one of its
        :attr:`~mcda_iso.ranking.Result.comparison_matrices` (default: the first
        with judgments to revise, else the criteria matrix ranked with).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MCDAError
        If matplotlib is not installed, the weights were typed directly (there
        are no judgments to diagnose), or ``matrix`` is not a label of the Result.

    References
    ----------
    Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
    """
    worst: list[Any] | None = None
    which: str | None = None
    if isinstance(result_or_matrix, Result):
        prio, worst, which = _result_matrix(result_or_matrix, matrix, k)
    elif isinstance(result_or_matrix, ahp.Priorities):
        prio = result_or_matrix
    else:
        prio = ahp.priorities(result_or_matrix, names=names)
    a = np.asarray(prio.matrix, dtype=float)
    labels = list(prio.names)
    w = np.asarray(prio.weights, dtype=float)
    n = len(labels)
    with np.errstate(invalid="ignore", divide="ignore"):
        error = np.abs(np.log(a * w[None, :] / w[:, None]))
    if worst is None:
        worst = ahp.most_inconsistent(a, k=k, names=labels) if n > 2 else []
    fig = _new_figure(max(6.0, 1.1 * n + 3), max(5.0, 0.8 * n + 2.6 + 0.3 * len(worst)))
    ax = fig.add_subplot()
    top = max(float(np.nanmax(error)) if np.isfinite(error).any() else 0.0, math.log(2))
    cax = _heat_map(
        fig,
        ax,
        error,
        labels,
        [[round_judgment(x, 2) for x in row] for row in a],
        np.where(np.isfinite(error) & (error / top > 0.6), "black", "white"),
        cmap="cividis",
        vmin=0,
        vmax=top,
        colorbar=_("|ln(a_ij · w_j / w_i)|  (0 = in line with the weights)"),
    )
    from matplotlib.patches import Rectangle

    for rank_, judgment in enumerate(worst, start=1):
        for r, c in ((judgment.row, judgment.col), (judgment.col, judgment.row)):
            ax.add_patch(
                Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor="#D55E00", linewidth=2.5)
            )
        ax.text(
            judgment.col + 0.42,
            judgment.row - 0.42,
            str(rank_),
            ha="right",
            va="top",
            fontsize=7,
            color="#D55E00",
            fontweight="bold",
        )
    ax.set_xlabel(_("column criterion j"))
    ax.set_ylabel(_("row criterion i (a_ij > 1: i matters more)"))
    verdict = _("consistent") if prio.consistent else _("INCONSISTENT")
    ax.set_title(
        _("Which judgments drive the inconsistency")
        + "\n"
        + (_label(which, 60, 1) + ": " if which else "")
        + _("CR = {cr} (threshold {threshold}): {verdict}").format(
            cr=i18n.number(prio.cr), threshold=i18n.number(prio.threshold, 2), verdict=verdict
        ),
        y=1.0,
    )
    if worst:
        line = _(
            "{number}. {row} vs {column}: judged {judged}, the weights imply {implied}; try "
            "{suggested} (CR → {cr})"
        )
        lines = [
            line.format(
                number=m,
                row=j.row_name,
                column=j.col_name,
                judged=i18n.decimal(round_judgment(j.value, 2)),
                implied=i18n.number(j.implied, 2),
                suggested=i18n.decimal(round_judgment(j.suggested, 2)),
                cr=i18n.number(j.cr_after),
            )
            for m, j in enumerate(worst, start=1)
        ]
        revise = _("Revise first:")
        fig.supxlabel(_text(revise + "\n" + "\n".join(lines)), fontsize=8, ha="left", x=0.02)
    layout.fit_heat_map(fig, ax, cax)
    return fig
