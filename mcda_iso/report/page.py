"""The report's page: escaping, tables, figures, styles (screen and print) and the skeleton.

Nothing here knows about decisions; the sections build their HTML with these helpers.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from mcda_iso import i18n
from mcda_iso.errors import MCDAError
from mcda_iso.scale import round_judgment

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}
"""Paper sizes a PDF can be printed on (CSS ``@page`` size names)."""

CSS = """
:root { --ink: #1d2430; --muted: #5a6472; --line: #d9dee5; --accent: #0072B2;
        --warn: #D55E00; --good: #009E73; --bg-soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 16px/1.55 "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
h2 { font-size: 1.4rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem;
     border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
p, li, h4 { overflow-wrap: anywhere; }
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
         vertical-align: top; overflow-wrap: break-word; }
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
/* The one-page executive summary. */
#summary { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.3rem;
           margin: 1.2rem 0 2rem; }
#summary h2 { margin-top: .2rem; }
#summary dl { display: grid; grid-template-columns: 11rem 1fr; gap: .45rem 1rem; margin: .6rem 0; }
#summary dt { font-weight: 600; color: var(--muted); }
#summary dd { margin: 0; overflow-wrap: anywhere; }
#summary .firm-number { font-size: 1.15rem; font-weight: 700; }
#summary figure { margin: .6rem 0 0; }
#summary figure img { max-height: 80mm; width: auto; max-width: 100%; }
/* The live what-if: hidden until its script runs; the static table shows without scripts. */
.whatif-live[hidden] { display: none; }
.whatif-grid { margin: .8rem 0; }
.whatif-row { display: grid; grid-template-columns: minmax(8rem, 16rem) 1fr 4rem;
              gap: .2rem .8rem; align-items: start; margin: .15rem 0; }
.whatif-row label { overflow-wrap: anywhere; padding-top: .1rem; }
.whatif-row label.sub { padding-left: 1.4rem; }
.whatif-row input[type=range] { width: 100%; margin: .25rem 0 0; }
.whatif-row output { font-variant-numeric: tabular-nums; text-align: right; padding-top: .1rem; }
.whatif-marks { position: relative; height: 1rem; margin: 0 8px; font-size: .72rem;
                color: var(--muted); }
.whatif-marks span { position: absolute; top: 0; transform: translateX(-50%);
                     white-space: nowrap; }
.whatif-marks .now { color: var(--accent); font-weight: 700; }
.whatif-marks .threshold { color: var(--warn); font-weight: 700; transform: none;
                           border-left: 2px solid var(--warn); padding-left: 2px; }
.whatif-changed td { background: #fff4e5; }
button { font: inherit; padding: .3rem .9rem; border: 1px solid var(--line);
         border-radius: 4px; background: var(--bg-soft); cursor: pointer; }
@media print {
  body { font-size: 10pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  nav, button, #whatif, .no-print { display: none !important; }
  .scroll { overflow: visible; }
  table { width: 100%; font-size: 8pt; page-break-inside: auto; }
  th, td { padding: .15rem .3rem; overflow-wrap: break-word; word-break: normal; }
  td.num { white-space: normal; }
  thead { display: table-header-group; }
  tr, figure, .callout, .verdict { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  section:not(#summary) { break-before: page; }
  #summary { break-after: page; border: none; padding: 0; margin: 0; }
  #summary dl { grid-template-columns: 38mm 1fr; }
  figure img { max-height: 110mm; width: auto; max-width: 100%; }
  #summary figure img { max-height: 72mm; }
  a { color: inherit; text-decoration: none; }
}
"""


def escape(value: object) -> str:
    """Escape any text for HTML (quotes included)."""
    return html.escape(str(value), quote=True)


def shorten(value: object, limit: int = 150) -> str:
    """A name cut to ``limit`` characters with an ellipsis (not escaped)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def num(value: float | None, digits: int = 3) -> str:
    """A number with ``digits`` decimals in the language in force (``0,825`` in German); a
    dash for a missing one (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "&ndash;"
    return i18n.decimal(f"{value:.{digits}f}")


def pct(value: float) -> str:
    """A share as a percentage with one decimal (a non-breaking space before the sign), in the
    language in force."""
    return i18n.decimal(f"{100 * value:.1f}") + "&nbsp;%"


def judgment(value: float) -> str:
    """A judgment as written on Saaty's scale: ``3``, ``1/3`` or a decimal."""
    return round_judgment(value, 3, missing="(missing)")


_TAG = re.compile(r"(<[^>]*>)")
_LONG_RUN = 24  # characters without a break opportunity before one is offered


def breakable(fragment: str) -> str:
    """Offer a line break (``<wbr>``) inside very long words of escaped HTML text.

    A table then always fits the page width without breaking ordinary words in the
    middle: only a run of more than 24 characters without a space may wrap.
    Tags and character references (``&amp;``) are never split.
    """
    parts = _TAG.split(fragment)
    for k in range(0, len(parts), 2):  # text between tags
        text, out, run, entity = parts[k], [], 0, False
        for ch in text:
            if ch == "&":
                entity = True
            if not entity and run >= _LONG_RUN and not ch.isspace():
                out.append("<wbr>")
                run = 0
            out.append(ch)
            if ch == ";":
                entity = False
            run = 0 if ch.isspace() else run + (0 if entity else 1)
        parts[k] = "".join(out)
    return "".join(parts)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    row_classes: Sequence[str] | None = None,
    table_id: str | None = None,
) -> str:
    """An HTML table; header and cells must already be escaped."""
    numeric = set(numeric)
    head = "".join(
        f'<th{" class=num" if k in numeric else ""} scope="col">{breakable(h)}</th>'
        for k, h in enumerate(header)
    )
    body = []
    for r, row in enumerate(rows):
        cls = row_classes[r] if row_classes and row_classes[r] else ""
        cells = "".join(
            f"<td{' class=num' if k in numeric else ''}>{breakable(cell)}</td>"
            for k, cell in enumerate(row)
        )
        body.append(f"<tr{f' class={cls}' if cls else ''}>{cells}</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    return (
        f'<div class="scroll"><table{ident}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def section(anchor: str, title: str, body: str) -> str:
    """A numbered part of the report, with its anchor for the table of contents."""
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{body}</section>'


#: CSS pixels per inch of figure: the size the figures had as 110-dpi PNG images.
FIGURE_PX_PER_INCH = 110

_SVG_RC = {
    "svg.fonttype": "none",  # text stays text: crisp at any zoom and in the printed PDF
    "svg.hashsalt": "mcda_iso",  # the same figure gives the same file
}
# A reader without DejaVu Sans sees the text in Verdana (DejaVu's widths, near enough, so
# the texts still fit where they were measured to) or else any sans-serif font.
_FONTS = re.compile(r"(font-family: [^;\"]+)")
_FALLBACK = r"\1, 'Bitstream Vera Sans', Verdana, sans-serif"


def figure_src(fig: Figure) -> str:
    """A figure as a ``data:`` URL of an SVG image, drawn once.

    The SVG keeps its text as text (``svg.fonttype: none``) in the fonts the figure
    was measured with, falling back to Verdana, else the reader's sans-serif font; an
    SVG is a third of the bytes of a 110-dpi PNG and takes half the time to draw.
    """
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context(_SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _FONTS.sub(_FALLBACK, buffer.getvalue())
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def figure_html(fig: Figure, alt: str, caption: str, src: str | None = None) -> str:
    """A figure as an embedded SVG image (``src``: one already drawn of ``fig``)."""
    width, height = (round(x * FIGURE_PX_PER_INCH) for x in fig.get_size_inches())
    return (
        f'<figure><img src="{src or figure_src(fig)}" width="{width}" height="{height}" '
        f'alt="{escape(alt)}"><figcaption>{caption}</figcaption></figure>'
    )


class Figures:
    """Makes figures when matplotlib is installed; otherwise the report says once why not.

    A figure shown twice (the ranking, in the summary and in its section) is drawn once.
    """

    def __init__(self) -> None:
        self.available = importlib.util.find_spec("matplotlib") is not None
        self._drawn: dict[str, tuple[Figure, str]] = {}

    def make(
        self, build: Callable[[], Figure], alt: str, caption: str, key: str | None = None
    ) -> str:
        """The figure ``build()`` returns, embedded; empty without matplotlib.

        A figure that cannot be drawn from these data (an :class:`MCDAError`) is
        replaced by a sentence saying so; the rest of the report stands. With a
        ``key``, a figure made before under the same key is reused, not drawn again.
        """
        if not self.available:
            return ""
        if key is not None and key in self._drawn:
            fig, src = self._drawn[key]
            return figure_html(fig, alt, caption, src)
        try:
            fig = build()
        except MCDAError as exc:
            return f'<p class="note">Figure left out ({escape(alt.lower())}): {escape(exc)}</p>'
        src = figure_src(fig)
        if key is not None:
            self._drawn[key] = (fig, src)
        return figure_html(fig, alt, caption, src)


def content_security_policy(scripts: Sequence[str]) -> str:
    """No network at all: inline styles, data: images and exactly these inline scripts.

    Each script is allowed by its SHA-256 hash (CSP level 2), so an injected
    script, had escaping ever failed, would not run.
    """
    policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    if scripts:
        hashes = " ".join(
            "'sha256-"
            + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")
            + "'"
            for s in scripts
        )
        policy += f"; script-src {hashes}"
    return policy


def document(
    *,
    title: str,
    head_title: str,
    generator: str,
    header: str,
    body: str,
    footer: str,
    scripts: Sequence[str] = (),
    paper: str | None = None,
) -> str:
    """The whole HTML page.

    ``scripts`` are inlined at the end of the body (the page is complete
    without them); ``paper`` (a key of :data:`PAPERS`) fixes the printed page size.
    """
    page_size = (
        f"@page {{ size: {PAPERS[paper]}; margin: 14mm 13mm 16mm; }}"
        if paper
        else ("@page { margin: 14mm 13mm 16mm; }")
    )
    code = "".join(f"<script>{s}</script>" for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{i18n.current().replace("_", "-")}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" '
        f'content="{content_security_policy(scripts)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{escape(generator)}">'
        f"<title>{escape(head_title)}</title>"
        f"<style>{CSS}{page_size}</style></head><body><main>"
        f"<header><h1>{escape(title)}</h1>{header}</header>"
        f"{body}<footer>{footer}</footer></main>{code}</body></html>\n"
    )
