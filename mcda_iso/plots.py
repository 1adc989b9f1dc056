"""Publication-quality figures of a decision: weights, ranking, sensitivity, consistency.

Every function returns a :class:`matplotlib.figure.Figure` built directly (no
``pyplot`` state, never ``show()``): save it with ``fig.savefig("weights.png")``
or display it in a notebook. matplotlib is imported only when a function is
called, so ``import mcda_iso`` works without it; install the extra with
``pip install 'mcda_iso[plots]'``.

Colours come from the Okabe–Ito palette (safe for the common forms of colour
blindness) and each alternative keeps its colour in every figure
(:func:`alternative_colors`, by the problem's order). Long names are wrapped
and, past two lines, shortened with an ellipsis. Heat maps use cividis
(perceptually uniform, readable with colour-vision deficiency) and PuOr.

References
----------
Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people*. J-Fly.
Nuñez, J. R., Anderton, C. R., & Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency to enable accurate interpretation of
scientific data. *PLoS ONE* 13(7), e0199239.

Examples
--------
>>> from mcda_iso import load_scenario, plots, rank
>>> result = rank(load_scenario("iso9001"))
>>> fig = plots.ranking(result)
>>> fig.axes[0].get_title()
'Ranking of the alternatives (TOPSIS)'
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mcda_iso import ahp
from mcda_iso.errors import MCDAError
from mcda_iso.problem import Problem
from mcda_iso.ranking import RankingComparison, Result
from mcda_iso.scale import round_judgment

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PALETTE",
    "acceptability",
    "alternative_colors",
    "inconsistency",
    "method_agreement",
    "ranking",
    "weight_sweep",
    "weights",
]

#: Okabe & Ito (2008) colour-blind-safe palette, in the order colours are handed out.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last: faint as a line on white)
)

_LINESTYLES = ("-", "--", ":", "-.")
_BENEFIT_COLOR = "#0072B2"
_COST_COLOR = "#D55E00"
_MISSING_EXTRA = "plots need matplotlib: pip install 'mcda_iso[plots]'"
_SCORE_LABELS = {
    "topsis": "TOPSIS closeness (0 = anti-ideal, 1 = ideal)",
    "ahp": "AHP global priority (scores sum to 1)",
}
_METHOD_NAMES = {"topsis": "TOPSIS", "ahp": "AHP synthesis"}
# Short titles of the methods of mcda_iso.sensitivity.compare_methods.
_METHOD_TITLES = {
    "topsis_vector": "TOPSIS (vector)",
    "topsis_minmax": "TOPSIS (min-max)",
    "ahp": "AHP synthesis",
    "vikor": "VIKOR",
    "promethee_ii": "PROMETHEE II",
    "wsm": "WSM / SAW",
    "spotis": "SPOTIS",
}


# --------------------------------------------------------------------------- helpers


def _new_figure(width: float, height: float) -> Figure:
    """A pyplot-free Figure; the one place matplotlib is imported."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MCDAError(_MISSING_EXTRA) from exc
    return Figure(figsize=(width, height), layout="constrained")


def _text(value: object) -> str:
    """User text made safe for matplotlib: a ``$`` must not start mathtext."""
    return str(value).replace("$", r"\$")


def _label(name: object, width: int = 26, max_lines: int = 2) -> str:
    """A name wrapped to ``width`` characters, cut after ``max_lines`` lines with an ellipsis."""
    lines = textwrap.wrap(str(name), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return _text("\n".join(lines))


def _names(problem_or_names: Problem | Sequence[str]) -> list[str]:
    if isinstance(problem_or_names, Problem):
        return list(problem_or_names.alternative_names)
    return [str(n) for n in problem_or_names]


def alternative_colors(problem_or_names: Problem | Sequence[str]) -> dict[str, str]:
    """The colour of every alternative, by its position in the problem (Okabe–Ito palette).

    The same problem always gives the same colours, so an alternative looks the
    same in every figure. Past eight alternatives the palette repeats (line
    plots then change the line style).

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> alternative_colors(load_scenario("iso9001"))["ISO 9001 certification"]
    '#0072B2'
    """
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(_names(problem_or_names))}


def _linestyle(problem_or_names: Problem | Sequence[str], name: str) -> str:
    index = _names(problem_or_names).index(name)
    return _LINESTYLES[(index // len(PALETTE)) % len(_LINESTYLES)]


def _bar_height(count: int) -> float:
    return 1.6 + 0.5 * count


def _check_result(result: object, function: str) -> Result:
    if not isinstance(result, Result):
        raise MCDAError(
            f"plots.{function} needs a ranking Result (from mcda_iso.rank); "
            f"got {type(result).__name__}"
        )
    return result


def _labelled_bars(
    values: Sequence[float],
    labels: Sequence[str],
    colors: Sequence[str],
    texts: Sequence[str],
    *,
    headroom: float,
    xlabel: str,
    title: str,
) -> tuple[Figure, Axes]:
    """A figure of horizontal bars, the first at the top, each with its text at its end.

    The x axis runs from 0 to ``headroom`` times the longest bar (room for the texts).
    """
    fig = _new_figure(7.5, _bar_height(len(values)))
    ax = fig.add_subplot()
    y = np.arange(len(values))
    bars = ax.barh(y, values, color=colors, edgecolor="white")
    ax.bar_label(bars, labels=texts, padding=3, fontsize=9)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    top = max(values, default=1.0)
    ax.set_xlim(0, top * headroom if top > 0 else 1)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return fig, ax


def _heat_map(
    fig: Figure,
    ax: Axes,
    values: np.ndarray,
    labels: Sequence[str],
    texts: Sequence[Sequence[str]],
    text_colors: np.ndarray,
    *,
    cmap: str,
    vmin: float,
    vmax: float,
    colorbar: str,
) -> None:
    """A square labelled heat map with a text in every cell (grey where the value is NaN)."""
    from matplotlib import colormaps

    colormap = colormaps[cmap].with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=colormap, vmin=vmin, vmax=vmax)
    n = len(labels)
    for i in range(n):
        for j in range(n):
            ax.text(
                j, i, texts[i][j], ha="center", va="center", fontsize=9, color=text_colors[i, j]
            )
    short = [_label(x, 16) for x in labels]
    ax.set_xticks(range(n), short, rotation=30, ha="right")
    ax.set_yticks(range(n), short)
    fig.colorbar(image, ax=ax, shrink=0.8).set_label(colorbar)


# --------------------------------------------------------------------------- weights


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
        [f"{v:.3f}" for v in values],
        headroom=1.18,
        xlabel="weight (share of the total; all weights sum to 1)",
        title="Criteria weights",
    )
    from matplotlib.patches import Patch

    if hierarchy:
        totals = dict.fromkeys(groups, 0.0)
        for c, v in zip(criteria, values, strict=True):
            totals[group_of[c.name]] += v
        legend = [(group_color[g], _text(f"{g} ({totals[g]:.3f})")) for g in groups]
        for k in range(1, len(criteria)):
            if group_of[criteria[k].name] != group_of[criteria[k - 1].name]:
                ax.axhline(k - 0.5, color="#999999", linewidth=0.8)
    else:
        kinds = {c.kind for c in criteria}
        legend = [
            (color, text)
            for kind, color, text in (
                ("benefit", _BENEFIT_COLOR, "benefit (more is better)"),
                ("cost", _COST_COLOR, "cost (less is better)"),
            )
            if kind in kinds
        ]
    ax.legend(
        handles=[Patch(color=color, label=text) for color, text in legend],
        title="criterion (total weight)" if hierarchy else None,
        loc="lower right",
    )
    if result.ahp is not None:
        verdict = "consistent" if result.ahp.consistent else "INCONSISTENT: revise the judgments"
        fig.supxlabel(
            f"AHP priorities: CR = {result.ahp.cr:.3f} "
            f"(threshold {result.ahp.threshold:.2f}) — {verdict}",
            fontsize=9,
        )
    else:
        fig.supxlabel("weights typed directly (no pairwise comparisons)", fontsize=9)
    return fig


# --------------------------------------------------------------------------- ranking


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
    fig, _ = _labelled_bars(
        scores,
        [_label(a) for a in order],
        [colors[a] for a in order],
        [f"rank {r}  ({s:.3f})" for r, s in zip(ranks, scores, strict=True)],
        headroom=1.3,
        xlabel=_SCORE_LABELS[result.method],
        title=f"Ranking of the alternatives ({_METHOD_NAMES[result.method]})",
    )
    if result.screening.reasons:
        out = "; ".join(f"{a} ({why})" for a, why in result.screening.reasons.items())
        fig.supxlabel(_text(textwrap.fill(f"Screened out: {out}", 110)), fontsize=8)
    return fig


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
            f"current weight {current:.3f}",
            xy=(current, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -12),
            textcoords="offset points",
            fontsize=8,
            color="#444444",
        )
    for k, (x, s, _old, new) in enumerate(_leader_changes(w, scores)):
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
        ax.annotate(
            _text(f"{_label(new, 22, 1)} first from {x:.2f}"),
            xy=(x, s),
            xytext=(6, 8) if k % 2 == 0 else (6, -16),  # neighbours alternate above/below
            textcoords="offset points",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85},
        )  # fmt: skip
    ax.set_xlim(float(np.min(w)), float(np.max(w)))
    ax.set_xlabel(_text(f"weight of {criterion} (0 to 1; the other weights keep their ratios)"))
    ax.set_ylabel(_SCORE_LABELS.get(method, "score"))
    ax.set_title(_text(f"Sensitivity to the weight of {criterion}"))
    ax.grid(alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return fig


# --------------------------------------------------------------------------- acceptability


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
        bars = ax.barh(
            y, share, left=left, color=cmap(shade), edgecolor="white", label=f"rank {rank_label}"
        )
        ax.bar_label(
            bars,
            labels=[f"{s:.0f}%" if s >= 8 else "" for s in share],
            label_type="center",
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
    ax.set_xlabel("share of the Monte Carlo samples (%)")
    title = "Rank acceptability: how often each alternative takes each rank"
    samples = getattr(mc_result, "samples", None)  # None for a bare DataFrame
    if isinstance(samples, int | np.integer):
        title += f"\n({int(samples):,} weight samples)"
    ax.set_title(_text(title))
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 - 0.3 / len(order)),
        ncols=min(len(ranks), 7),
        fontsize=8,
        frameon=False,
    )
    return fig


# --------------------------------------------------------------------------- inconsistency


def _result_matrix(result: Result, label: str | None, k: int) -> tuple[Any, list[Any]]:
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
    return matrices[label].priorities, list(revisions.get(label, []))


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
    if isinstance(result_or_matrix, Result):
        prio, worst = _result_matrix(result_or_matrix, matrix, k)
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
    _heat_map(
        fig,
        ax,
        error,
        labels,
        [[round_judgment(x, 2) for x in row] for row in a],
        np.where(np.isfinite(error) & (error / top > 0.6), "black", "white"),
        cmap="cividis",
        vmin=0,
        vmax=top,
        colorbar="|ln(a_ij · w_j / w_i)|  (0 = in line with the weights)",
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
    ax.set_xlabel("column criterion j")
    ax.set_ylabel("row criterion i (a_ij > 1: i matters more)")
    verdict = "consistent" if prio.consistent else "INCONSISTENT"
    ax.set_title(
        f"Which judgments drive the inconsistency\nCR = {prio.cr:.3f} "
        f"(threshold {prio.threshold:.2f}): {verdict}"
    )
    if worst:
        lines = [
            f"{m}. {j.row_name} vs {j.col_name}: judged {round_judgment(j.value, 2)}, the weights "
            f"imply {j.implied:.2f}; try {round_judgment(j.suggested, 2)} (CR → {j.cr_after:.3f})"
            for m, j in enumerate(worst, start=1)
        ]
        fig.supxlabel(_text("Revise first:\n" + "\n".join(lines)), fontsize=8, ha="left", x=0.02)
    return fig


# --------------------------------------------------------------------------- method agreement


_CORRELATIONS = {
    "spearman": "Spearman's rank correlation",
    "weighted_spearman": "weighted Spearman correlation",
    "ws": "WS rank similarity",
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
    _heat_map(
        fig,
        ax,
        values,
        labels,
        [[f"{v:.2f}" if math.isfinite(v) else "n/a" for v in row] for row in values],
        np.where(np.isfinite(values) & (np.abs(values) > 0.6), "white", "black"),
        cmap="PuOr",
        vmin=-1,
        vmax=1,
        colorbar="1 = same order, -1 = reversed" if which != "ws" else "1 = same order",
    )
    ax.set_title(f"Agreement between ranking methods\n({name})")
    skipped = getattr(comparison, "skipped", None)
    if skipped:
        fig.supxlabel(_text(textwrap.fill("Not applied: " + "; ".join(skipped), 100)), fontsize=8)
    return fig
