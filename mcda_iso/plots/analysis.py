"""Figures of the sensitivity analysis: weight sweeps, rank acceptability, method agreement."""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mcda_iso import i18n
from mcda_iso.errors import MCDAError
from mcda_iso.i18n import N_
from mcda_iso.i18n import gettext as _
from mcda_iso.plots import layout
from mcda_iso.plots.style import (
    _METHOD_NAMES,
    _METHOD_TITLES,
    _bar_height,
    _heat_map,
    _label,
    _linestyle,
    _new_figure,
    _score_label,
    _text,
    alternative_colors,
    localised,
)
from mcda_iso.problem import Problem
from mcda_iso.ranking import RankingComparison, Result

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


# --------------------------------------------------------------------------- weight sweep


def _sweep_frame(sweep: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """(weights, scores: one column per alternative) from a long-format sweep DataFrame."""
    missing = [c for c in ("weight", "alternative", "score") if c not in sweep.columns]
    if missing:
        raise MCDAError(
            "a weight sweep needs the columns 'weight', 'alternative' and 'score' "
            f"(as from mcda_iso.sensitivity.weight_sweep); missing {missing}"
        )
    order = list(dict.fromkeys(sweep["alternative"]))
    wide = sweep.pivot(index="weight", columns="alternative", values="score")[order]
    return wide.index.to_numpy(dtype=float), wide.astype(float)


def _leader_changes(w: np.ndarray, scores: pd.DataFrame) -> list[tuple[float, float, str, str]]:
    """Where first place changes hands: (weight, score, old leader, new leader), interpolated."""
    values = scores.to_numpy()
    names = list(scores.columns)
    leader = np.argmax(np.round(values, 12), axis=1)
    changes = []
    for k in np.flatnonzero(leader[1:] != leader[:-1]):
        a, b = leader[k], leader[k + 1]
        # Linear interpolation of the crossing of a and b between grid points k and k+1.
        d0 = values[k, a] - values[k, b]
        d1 = values[k + 1, a] - values[k + 1, b]
        t = d0 / (d0 - d1) if d0 != d1 else 0.5
        t = min(max(t, 0.0), 1.0)
        x = w[k] + t * (w[k + 1] - w[k])
        s = values[k, a] + t * (values[k + 1, a] - values[k, a])
        changes.append((float(x), float(s), str(names[a]), str(names[b])))
    return changes


def _label_above(changes: list[tuple[float, float, str, str]], k: int) -> bool:
    """Whether the label of the k-th change of leader goes above its circle: away from the
    circles of the changes next to it (within 0.15 of weight); alternating when they lie
    on both sides."""
    x, s = changes[k][:2]
    near = [
        changes[j][1]
        for j in (k - 1, k + 1)
        if 0 <= j < len(changes) and abs(changes[j][0] - x) < 0.15
    ]
    if near and all(y > s for y in near):
        return False
    if near and all(y < s for y in near):
        return True
    return k % 2 == 0


@localised
def weight_sweep(
    source: Any,
    criterion: str,
    *,
    result: Result | None = None,
    sensitivity: Any = None,
    problem: Problem | None = None,
    points: int = 101,
    method: str | None = None,
    normalization: str = "vector",
    current: float | None = None,
) -> Figure:
    """Every alternative's score as one criterion's weight goes from 0 to 1.

    The other weights are rescaled in proportion (see
    :func:`mcda_iso.sensitivity.weight_sweep`). The current weight, the one the
    Result was ranked with, is a dashed vertical line; each point where first
    place changes hands is marked and labelled with the alternative that takes over.

    Parameters
    ----------
    source : Result, SensitivityReport, pandas.DataFrame or Problem
        A ranking (its sweep is computed by :func:`mcda_iso.sensitivity.weight_sweep`
        and its weight of ``criterion`` marked), a sensitivity analysis (its sweep
        of ``criterion`` is drawn, with the weight of the Result it analysed), a
        sweep already computed, or a Problem (the sweep of its ranking with
        ``method`` and ``normalization``; no current weight is marked unless
        ``current`` is given: pass a Result to have it marked).
    criterion : str
        The criterion whose weight varies.
    result : Result, optional
        With a precomputed sweep: the ranking it came from, for colours, the
        method and the current weight.
    sensitivity : SensitivityReport, optional
        With a precomputed sweep: the analysis it came from (its ``result`` and
        ``method`` are used as above).
    problem : Problem, optional
        With a precomputed sweep and no Result: the problem, for colours.
    points : int
        Grid points when the sweep is computed.
    method : {"topsis", "ahp"}, optional
        Scoring method when a Problem's sweep is computed (and the y-axis label);
        by default the Result's or the analysis' method.
    normalization : {"vector", "minmax"}
        TOPSIS normalisation when a Problem's sweep is computed.
    current : float, optional
        The weight to mark (default: the Result's weight of ``criterion``).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MCDAError
        If matplotlib is not installed, or ``criterion`` is unknown.

    Examples
    --------
    >>> from mcda_iso import load_scenario, rank
    >>> result = rank(load_scenario("iso9001"))
    >>> fig = weight_sweep(result, "cost", points=11)
    >>> marked = [line.get_xdata()[0] for line in fig.axes[0].lines
    ...           if line.get_gid() == "current-weight"]
    >>> marked == [result.weights["cost"]]
    True
    """
    from mcda_iso import sensitivity as analyses

    if isinstance(source, Result):
        result = source
        sweep = analyses.weight_sweep(result, criterion, points)
    elif isinstance(source, analyses.SensitivityReport):
        sensitivity = source
        if criterion not in source.sweeps:
            raise MCDAError(
                f"unknown criterion {criterion!r}; the analysis swept {list(source.sweeps)}"
            )
        sweep = source.sweeps[criterion]
    elif isinstance(source, Problem):
        problem = source
        sweep = analyses.weight_sweep(
            problem, criterion, points, method=method or "topsis", normalization=normalization
        )
    elif isinstance(source, pd.DataFrame):
        sweep = source
    else:
        raise MCDAError(
            "plots.weight_sweep needs a Result, a SensitivityReport, a sweep DataFrame or a "
            f"Problem (got {type(source).__name__})"
        )
    if result is None and sensitivity is not None:
        result = getattr(sensitivity, "result", None)
    if method is None:
        method = (
            result.method
            if result is not None
            else getattr(sensitivity, "method", None) or "topsis"
        )
    if result is not None:
        problem = result.problem
    if problem is not None and criterion not in problem.criterion_names:
        raise MCDAError(f"unknown criterion {criterion!r}; known: {list(problem.criterion_names)}")
    if current is None and result is not None:
        current = float(result.weights[criterion])
    w, scores = _sweep_frame(sweep)
    names = [str(c) for c in scores.columns]
    source = problem if problem is not None else names
    colors = alternative_colors(source)
    fig = _new_figure(8, 5)
    ax = fig.add_subplot()
    for name in names:
        ax.plot(
            w,
            scores[name].to_numpy(),
            color=colors.get(name, "#777777"),
            linestyle=_linestyle(source, name) if name in colors else "-",
            linewidth=2,
            label=_label(name, 34),
        )
    if current is not None:
        ax.axvline(current, color="#444444", linestyle="--", linewidth=1, gid="current-weight")
        ax.annotate(
            _("current weight {weight}").format(weight=i18n.number(current)),
            xy=(current, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -12),
            textcoords="offset points",
            fontsize=8,
            color="#444444",
        )
    changes = _leader_changes(w, scores)
    for k, (x, s, _old, new) in enumerate(changes):
        ax.plot(
            [x],
            [s],
            marker="o",
            markersize=8,
            markerfacecolor="white",
            markeredgecolor="black",
            markeredgewidth=2,
            linestyle="none",
            zorder=5,
            gid="crossover",
        )
        first = _("{name} first from {weight}").format(
            name=_label(new, 22, 1), weight=i18n.number(x, 2)
        )
        ax.annotate(
            _text(first),
            xy=(x, s),
            # away from the neighbouring circles; towards the middle of the axis
            xytext=(6 if x < 0.5 else -6, 8 if _label_above(changes, k) else -16),
            horizontalalignment="left" if x < 0.5 else "right",
            textcoords="offset points",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85},
        )  # fmt: skip
    ax.set_xlim(float(np.min(w)), float(np.max(w)))
    ax.set_xlabel(
        _text(
            _("weight of {criterion} (0 to 1; the other weights keep their ratios)").format(
                criterion=criterion
            )
        )
    )
    mode = result.options.mode if result is not None else getattr(sensitivity, "mode", None)
    ax.set_ylabel(_score_label(method, mode))
    ax.set_title(
        _text(_("Sensitivity to the weight of {criterion}").format(criterion=criterion)), y=1.0
    )
    ax.grid(alpha=0.3)
    legend = ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    # the legend right of the axes: its handles, pads and longest name (8 pt)
    names_width = layout.widest([t.get_text() for t in legend.get_texts()], 8)
    layout.fit(fig, ax, right=names_width + (2.0 + 0.8 + 0.5 + 0.5) * 8 / 72 + 0.08)
    return fig


# --------------------------------------------------------------------------- acceptability


@localised
def acceptability(mc_result: Any, *, problem: Problem | None = None) -> Figure:
    """Rank acceptability as stacked horizontal bars: the share of samples at each rank.

    One bar per alternative (most often first at the top); segments go from
    rank 1 (darkest) to the last rank (lightest) and shares of at least 8 %
    are written on them.

    Parameters
    ----------
    mc_result : Monte Carlo result or pandas.DataFrame
        The result of :func:`mcda_iso.sensitivity.monte_carlo` (its
        ``.acceptability``: alternatives x ranks, shares summing to 1 per row)
        or that DataFrame itself.
    problem : Problem, optional
        The problem analysed: each alternative then keeps the colour it has in
        the other figures (a swatch beside its name). Without it, colours
        follow the table's order, which differs when requirements screened
        some alternatives out.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MCDAError
        If matplotlib is not installed, or there is no acceptability table.

    References
    ----------
    Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. *Operations Research*
    49(3), 444-454.
    """
    table = (
        mc_result
        if isinstance(mc_result, pd.DataFrame)
        else getattr(mc_result, "acceptability", None)
    )
    if not isinstance(table, pd.DataFrame):
        raise MCDAError(
            "plots.acceptability needs a Monte Carlo result (mcda_iso.sensitivity.monte_carlo) "
            f"or its acceptability DataFrame (got {type(mc_result).__name__})"
        )
    table = table.astype(float)
    ranks = list(table.columns)
    # Best first: by expected rank, ties broken by the given order.
    expected = table.to_numpy() @ np.arange(1, len(ranks) + 1)
    order = [table.index[i] for i in np.argsort(expected, kind="stable")]
    fig = _new_figure(8, _bar_height(len(order)))
    ax = fig.add_subplot()
    from matplotlib import colormaps

    cmap = colormaps["cividis"]
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for k, rank_label in enumerate(ranks):
        share = table.loc[order, rank_label].to_numpy() * 100
        shade = k / max(len(ranks) - 1, 1)
        ax.barh(
            y,
            share,
            left=left,
            color=cmap(shade),
            edgecolor="white",
            label=_("rank {rank}").format(rank=rank_label),
        )
        for row in np.flatnonzero(share >= 8):  # a share written only where it fits
            ax.text(
                left[row] + share[row] / 2,
                y[row],
                f"{share[row]:.0f}%",
                ha="center",
                va="center",
                fontsize=8,
                color="black" if shade > 0.55 else "white",
            )
        left += share
    ax.set_yticks(y, [_label(a) for a in order])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    # Each alternative's own colour (as in the other figures) as a swatch beside its name.
    colors = alternative_colors(problem if problem is not None else list(table.index))
    ax.tick_params(axis="y", pad=16)
    ax.scatter(
        np.full(len(order), -0.025),
        y,
        s=90,
        marker="s",
        c=[colors.get(str(a), "#777777") for a in order],
        transform=ax.get_yaxis_transform(),
        clip_on=False,
        zorder=5,
        gid="alternative-colours",
    )
    ax.set_xlabel(_("share of the Monte Carlo samples (%)"))
    title = _("Rank acceptability: how often each alternative takes each rank")
    samples = getattr(mc_result, "samples", None)  # None for a bare DataFrame
    if isinstance(samples, int | np.integer):
        title += "\n" + _("({samples} weight samples)").format(samples=f"{int(samples):,}")
    ax.set_title(_text(title), y=1.0)
    # The legend under the axes, in rows of at most seven ranks.
    columns = min(len(ranks), 7)
    rows = math.ceil(len(ranks) / columns)
    row = layout.text_height("rank", 8)
    legend_height = rows * row + (rows - 1) * 0.5 * 8 / 72 + 2 * 0.4 * 8 / 72
    layout.fit(fig, ax, left=(16 - 3.5) / 72, bottom=legend_height + 0.05)
    # centred under the axes, or as near as the figure's width allows
    em = 8 / 72
    labels = [_("rank {rank}").format(rank=r) for r in ranks]
    legend_width = columns * (layout.widest(labels, 8) + 4.8 * em) - 2 * em
    width, height = fig.get_size_inches()
    box = ax.get_position()
    half = min(legend_width / 2 + layout.EDGE, width / 2) / width
    centre = min(max(box.x0 + box.width / 2, half), 1 - half)
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(centre, layout.EDGE / height),
        bbox_transform=fig.transFigure,
        borderaxespad=0,
        ncols=columns,
        fontsize=8,
        frameon=False,
    )
    return fig


# --------------------------------------------------------------------------- method agreement


_CORRELATIONS = {
    "spearman": N_("plot", "Spearman's rank correlation"),
    "weighted_spearman": N_("plot", "weighted Spearman correlation"),
    "ws": N_("plot", "WS rank similarity"),
}


def _correlations(comparison: Any, which: str) -> tuple[pd.DataFrame, str]:
    """(square correlation table with readable labels, name of the coefficient)."""
    if isinstance(comparison, pd.DataFrame):
        return comparison.astype(float), _CORRELATIONS[which]
    if isinstance(comparison, RankingComparison):
        ranks = comparison.table[[c for c in comparison.table.columns if c.endswith("_rank")]]
        ranks = ranks.rename(columns=lambda c: _METHOD_NAMES.get(c[: -len("_rank")], c))
        return ranks.astype(float).corr(method="spearman"), _CORRELATIONS["spearman"]
    table = getattr(comparison, which, None)
    if not isinstance(table, pd.DataFrame):
        raise MCDAError(
            "plots.method_agreement needs a RankingComparison (mcda_iso.compare), a method "
            "comparison (mcda_iso.sensitivity.compare_methods) with a "
            f"{which!r} correlation table, or a correlation DataFrame "
            f"(got {type(comparison).__name__})"
        )
    table = table.rename(index=_METHOD_TITLES, columns=_METHOD_TITLES)
    return table.astype(float), _CORRELATIONS[which]


@localised
def method_agreement(comparison: Any, *, which: str = "spearman") -> Figure:
    """How far the ranking methods agree: a heat map of their rank correlations.

    Parameters
    ----------
    comparison : RankingComparison, MethodComparison, or pandas.DataFrame
        :func:`mcda_iso.compare` (TOPSIS vs AHP synthesis: Spearman's correlation
        of their ranks), :func:`mcda_iso.sensitivity.compare_methods` (seven
        methods), or a square correlation DataFrame.
    which : {"spearman", "weighted_spearman", "ws"}
        The coefficient to draw from a method comparison (WS is not symmetric:
        the row's ranking is the reference).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MCDAError
        If matplotlib is not installed, or there is no correlation table.

    References
    ----------
    Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity
    in decision-making problems. *Computational Science - ICCS 2020*, LNCS 12138,
    632-645.
    """
    if which not in _CORRELATIONS:
        raise MCDAError(
            f"'which' must be one of {', '.join(map(repr, _CORRELATIONS))} (got {which!r})"
        )
    table, name = _correlations(comparison, which)
    labels = [str(x) for x in table.index]
    n = len(labels)
    values = table.to_numpy()
    fig = _new_figure(max(5.5, 0.9 * n + 3.5), max(4.5, 0.75 * n + 2.2))
    ax = fig.add_subplot()
    cax = _heat_map(
        fig,
        ax,
        values,
        labels,
        [[i18n.number(v, 2) if math.isfinite(v) else "n/a" for v in row] for row in values],
        np.where(np.isfinite(values) & (np.abs(values) > 0.6), "white", "black"),
        cmap="PuOr",
        vmin=-1,
        vmax=1,
        colorbar=_("1 = same order, -1 = reversed") if which != "ws" else _("1 = same order"),
    )
    ax.set_title(
        _("Agreement between ranking methods") + f"\n({i18n.pgettext('plot', name)})", y=1.0
    )
    skipped = getattr(comparison, "skipped", None)
    if skipped:
        text = _("Not applied: {methods}").format(methods="; ".join(skipped))
        fig.supxlabel(_text(textwrap.fill(text, 100)), fontsize=8)
    layout.fit_heat_map(fig, ax, cax)
    return fig
