"""Fixed layouts: each figure's margins computed from the texts around its axes.

matplotlib's constrained layout finds the margins by laying the whole figure out
twice without rendering it, and then draws it: two thirds of the time a report spent
on its figures. Here the few texts that sit outside the axes (the names on the tick
labels, the axis labels, the title, a note under the figure, a legend beside it) are
measured with the fonts they will be drawn in, and the axes placed once, so that a
figure is drawn once. Tick labels that are numbers are measured from a sample
("0.00", "100").

All sizes are in inches.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

#: Space left between the outermost text and the figure's edge.
EDGE = 0.08
_LINE = 1.2  # matplotlib's line spacing, in font sizes
_PT = 1 / 72


def text_size(text: str, size: float | str) -> tuple[float, float]:
    """(width, height) of ``text`` (lines split at ``\\n``) at font ``size``, in inches.

    Measured as the SVG and Agg backends measure it: the font family in force (with
    its fallbacks, e.g. Noto Sans CJK for Chinese characters), without hinting.

    Examples
    --------
    >>> width, height = text_size("criterion\\nweights", 10)
    >>> 0.5 < width < 1.0 and height == 2 * 1.2 * 10 / 72
    True
    """
    from matplotlib import rcParams

    if not text:
        return 0.0, 0.0
    points = _points(size)
    family = tuple(rcParams["font.family"])
    width = max(_line_width(line, points, family) for line in text.split("\n"))
    return width, text_height(text, points)


def text_height(text: str, size: float | str) -> float:
    """The height of ``text``'s lines at font ``size``, in inches (no font is read)."""
    return (text.count("\n") + 1) * _LINE * _points(size) * _PT if text else 0.0


def _points(size: float | str) -> float:
    """A font size (points, or a name such as ``"large"``) in points."""
    from matplotlib.font_manager import FontProperties

    return size if isinstance(size, float | int) else FontProperties(size=size).get_size_in_points()


@functools.lru_cache(maxsize=4096)
def _line_width(line: str, points: float, family: tuple[str, ...]) -> float:
    """One line's width in inches (cached: a label is measured once however often asked)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family=list(family), size=points)
    return text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] * _PT


def wrap(text: str, size: float | str, width: float) -> str:
    """``text`` with line breaks so that no line is wider than ``width`` inches at ``size``.

    Lines break between words; a word wider than ``width`` (or a run of Chinese
    characters, written without spaces) breaks between characters. Existing line
    breaks are kept.

    Examples
    --------
    >>> wrap("weight of market access (0 to 1)", 10, 1.5)
    'weight of market\\naccess (0 to 1)'
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_size(candidate, size)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:  # the word alone: by characters if it must
                if line and text_size(line + char, size)[0] > width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return "\n".join(lines)


def _wrap_to(text: Text, width: float) -> None:
    """Break the lines of a text artist wider than ``width`` inches."""
    content = text.get_text()
    if content and text_size(content, text.get_fontsize())[0] > width:
        text.set_text(wrap(content, text.get_fontsize(), width))


def widest(texts: Sequence[str], size: float | str) -> float:
    """The width of the widest of ``texts`` at font ``size``, in inches (0 for none)."""
    return max((text_size(t, size)[0] for t in texts), default=0.0)


def _tick_room(axis: str) -> float:
    """Tick length plus the gap to its label, in inches (ticks drawn outwards)."""
    from matplotlib import rcParams

    return (rcParams[f"{axis}tick.major.size"] + rcParams[f"{axis}tick.major.pad"]) * _PT


def _label_room(text: str) -> float:
    """The height of an axis label and its pad, in inches (0 without a label)."""
    from matplotlib import rcParams

    if not text:
        return 0.0
    return text_height(text, rcParams["axes.labelsize"]) + rcParams["axes.labelpad"] * _PT


def _fixed_labels(ax: Axes, axis: str) -> list[str] | None:
    """The tick labels of an axis labelled with fixed texts (names), without drawing it."""
    from matplotlib.ticker import FixedLocator

    along = getattr(ax, f"{axis}axis")
    if not isinstance(along.get_major_locator(), FixedLocator):
        return None
    return [label.get_text() for label in along.get_ticklabels()]


def title_room(ax: Axes) -> float:
    """The height of the axes' title and its pad, in inches."""
    from matplotlib import rcParams

    title = ax.get_title()
    if not title:
        return 0.0
    return text_height(title, ax.title.get_fontsize()) + rcParams["axes.titlepad"] * _PT


def note_room(fig: Figure) -> float:
    """The height of the figure's note under the axes (``supxlabel``) and its gap, in inches;
    a line wider than the figure is broken first."""
    note = fig._supxlabel  # None until supxlabel is called
    if note is None or not note.get_text():
        return 0.0
    width, height = fig.get_size_inches()
    start = note.get_position()[0] * width if note.get_horizontalalignment() == "left" else EDGE
    _wrap_to(note, width - start - EDGE)
    lines = text_height(note.get_text(), note.get_fontsize())
    return note.get_position()[1] * height + lines + 0.06 - EDGE


def _wrap_around(fig: Figure, ax: Axes, left: float, right: float) -> None:
    """Break the title's and the x label's lines (centred on the axes) to the figure's width."""
    width = fig.get_size_inches()[0]
    centre = (left + width - right) / 2
    room = 2 * (min(centre, width - centre) - EDGE)
    _wrap_to(ax.title, room)
    _wrap_to(ax.xaxis.label, room)


def place(fig: Figure, ax: Axes, left: float, right: float, bottom: float, top: float) -> None:
    """Put ``ax`` with these margins (inches) from the figure's edges."""
    width, height = fig.get_size_inches()
    ax.set_position(
        [left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height]
    )


def fit(
    fig: Figure,
    ax: Axes,
    *,
    left: float = 0.0,
    right: float = 0.0,
    bottom: float = 0.0,
    top: float = 0.0,
    ynumbers: str = "0.00",
) -> None:
    """Place ``ax`` so that its tick labels, axis labels, title and the figure's note fit.

    ``left``, ``right``, ``bottom`` and ``top`` are more room (inches) for what this
    does not see: a legend outside the axes, a larger tick pad. The x tick labels are
    numbers on one line; the y tick labels are the names set on the axis or, for a
    numeric axis, as wide as ``ynumbers``.
    """
    from matplotlib import rcParams

    names = _fixed_labels(ax, "y")
    yticks = widest(names, rcParams["ytick.labelsize"]) if names is not None else 0.0
    if names is None:
        yticks = text_size(ynumbers, rcParams["ytick.labelsize"])[0]
    xticks = text_height("0", rcParams["xtick.labelsize"])
    # the last x tick label is centred on the axes' right end
    overhang = text_size("0.00", rcParams["xtick.labelsize"])[0] / 2
    left = EDGE + left + _label_room(ax.get_ylabel()) + yticks + _tick_room("y")
    right = EDGE + max(right, overhang)
    _wrap_around(fig, ax, left, right)
    bottom = (
        EDGE + bottom + note_room(fig) + _label_room(ax.get_xlabel()) + xticks + _tick_room("x")
    )
    place(fig, ax, left, right, bottom, EDGE + top + title_room(ax))


def fit_heat_map(fig: Figure, ax: Axes, cax: Axes, rotation: float = 30.0) -> None:
    """Place a square heat map ``ax`` and its colour bar ``cax`` so that every text fits.

    The x tick labels are the names, turned by ``rotation`` degrees and aligned at
    their right end; the colour bar stands right of the map at 80 % of its height.
    """
    from matplotlib import rcParams

    width, height = fig.get_size_inches()
    size = rcParams["xtick.labelsize"]
    xnames = _fixed_labels(ax, "x") or []
    ynames = _fixed_labels(ax, "y") or []
    n = max(len(xnames), 1)
    turn = math.radians(rotation)
    sizes = [text_size(t, size) for t in xnames] or [(0.0, 0.0)]
    # a label turned about its right end: its reach below the axis and to the left
    below = max(w * math.sin(turn) + h * math.cos(turn) for w, h in sizes)
    reach = max(w * math.cos(turn) for w, _ in sizes)
    left = EDGE + _label_room(ax.get_ylabel()) + widest(ynames, size) + _tick_room("y")
    bar_numbers = text_size("-0.00", rcParams["ytick.labelsize"])[0]
    right = 0.15 + 0.18 + _tick_room("y") + bar_numbers + _label_room(cax.get_ylabel()) + EDGE
    _wrap_around(fig, ax, left, right)
    bottom = EDGE + note_room(fig) + _label_room(ax.get_xlabel()) + below + _tick_room("x")
    top = EDGE + title_room(ax)
    side = max(min(width - left - right, height - top - bottom), 0.5)
    # the first column's labels reach left of the map; move it right if they would be cut
    left = max(left, EDGE + reach - side / (2 * n))
    spare = max(width - left - right - side, 0.0)
    left += spare / 2
    bottom += max(height - top - bottom - side, 0.0) / 2
    place(fig, ax, left, width - left - side, bottom, height - bottom - side)
    bar = 0.8 * side
    cax.set_position(
        [
            (left + side + 0.15) / width,
            (bottom + (side - bar) / 2) / height,
            0.18 / width,
            bar / height,
        ]
    )
