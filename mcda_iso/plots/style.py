"""Shared look of the figures: the palette, name wrapping, bars and heat maps."""

from __future__ import annotations

import functools
import re
import textwrap
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from mcda_iso import i18n
from mcda_iso.errors import MCDAError
from mcda_iso.i18n import N_
from mcda_iso.problem import Problem
from mcda_iso.ranking import Result

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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
    "topsis": N_("plot", "TOPSIS closeness (0 = anti-ideal, 1 = ideal)"),
    "ahp": N_("plot", "AHP global priority (scores sum to 1)"),
    "ahp-ideal": N_("plot", "AHP global priority, ideal mode (1 = best on every criterion)"),
}


def _score_label(method: str, mode: str | None = None) -> str:
    """The score axis' label: what the numbers mean for this method and mode (in the
    language in force)."""
    key = "ahp-ideal" if method == "ahp" and mode == "ideal" else method
    return i18n.pgettext("plot", _SCORE_LABELS[key]) if key in _SCORE_LABELS else "score"


_F = TypeVar("_F", bound=Callable[..., Any])


def localised(func: _F) -> _F:
    """Draw ``func``'s figure so that Chinese text shows: the texts mcda_iso writes when
    the language is Chinese, and Chinese names in any language. A font with the CJK
    characters (Noto Sans CJK, as .ci/run installs it), when there is one, follows
    DejaVu Sans: it draws only the characters DejaVu Sans lacks.

    The CJK font is looked for (and its fallback set up) only for a figure with a
    Chinese, Japanese or Korean character in one of its texts: the figure is drawn
    again with it then, and costs nothing otherwise."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            from matplotlib import rc_context
        except ImportError:  # func says which extra to install
            return func(*args, **kwargs)
        with rc_context({"font.family": ["DejaVu Sans"]}), warnings.catch_warnings():
            # measuring a Chinese text without the CJK font: it is drawn again with it below
            # (and, without one, drawing the figure warns of the missing glyphs as before)
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            fig = func(*args, **kwargs)
        if not _has_cjk(fig):
            return fig
        family = _cjk_family()
        if family is None:
            return fig
        with rc_context({"font.family": ["DejaVu Sans", family]}):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _has_cjk(fig: Figure) -> bool:
    """Whether a text of the figure has a Chinese, Japanese or Korean character (or a
    full-width form, such as the Chinese comma and brackets)."""
    return any(_CJK.search(text) for text in _texts(fig))


def _texts(fig: Figure) -> Iterator[str]:
    """Every text of a figure just made: titles, labels, names on the ticks, notes, legends.

    Read from the artists that hold them (``findobj`` would make every axis' ticks first,
    a third of the time it takes to make a figure); numbers on ticks are left out.
    """
    from matplotlib.ticker import FixedLocator

    if fig._supxlabel is not None:
        yield fig._supxlabel.get_text()
    yield from (t.get_text() for t in fig.texts)
    for ax in fig.axes:
        yield from (ax.get_title(loc) for loc in ("left", "center", "right"))
        yield ax.get_xlabel()
        yield ax.get_ylabel()
        yield from (t.get_text() for t in ax.texts)
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_locator(), FixedLocator):
                yield from (t.get_text() for t in axis.get_ticklabels())
        legend = ax.get_legend()
        if legend is not None:
            yield legend.get_title().get_text()
            yield from (t.get_text() for t in legend.get_texts())


@functools.cache
def _cjk_family() -> str | None:
    """The name of an installed font with the CJK characters, or None."""
    from matplotlib import font_manager

    def found() -> list[str]:
        return sorted({f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name})

    if not found():  # installed after matplotlib's font cache was made
        for path in font_manager.findSystemFonts():
            if "cjk" in path.casefold():
                font_manager.fontManager.addfont(path)
    names = found()
    return next((n for n in names if n.endswith(" SC")), names[0] if names else None)


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
    """A pyplot-free Figure with no layout engine: each function places its axes once
    its texts are known (:mod:`mcda_iso.plots.layout`); the one place matplotlib is
    imported."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MCDAError(_MISSING_EXTRA) from exc
    return Figure(figsize=(width, height))


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
    ax.set_title(title, y=1.0)  # where it goes; not looked for at each draw
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
) -> Axes:
    """A square labelled heat map with a text in every cell (grey where the value is NaN);
    returns the colour bar's axes (placed by :func:`mcda_iso.plots.layout.fit_heat_map`)."""
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
    cax = fig.add_axes((0.9, 0.1, 0.03, 0.8))
    fig.colorbar(image, cax=cax).set_label(colorbar)
    return cax
