"""HTML for Jupyter: the ``_repr_html_`` of :class:`~mcda_iso.Problem`,
:class:`~mcda_iso.Result` and :class:`~mcda_iso.sensitivity.SensitivityReport`.

Only layout: every number comes from the object shown, and every text a user typed
(criterion and alternative names, descriptions, experts) is escaped, so that a name
such as ``<script>`` shows as written and runs nothing.

Examples
--------
>>> import pandas as pd
>>> print(section("A <b> title", [paragraph("x < y")]))
<div class="mcda-iso"><h4>A &lt;b&gt; title</h4><p>x &lt; y</p></div>
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import pandas as pd

__all__ = ["paragraph", "section", "table"]


def paragraph(text: str) -> str:
    """One paragraph of plain text, escaped."""
    return f"<p>{escape(text)}</p>"


def table(frame: pd.DataFrame, caption: str | None = None, digits: int = 3) -> str:
    """A DataFrame as an HTML table: names and texts escaped, numbers rounded."""
    body = frame.to_html(
        escape=True,
        na_rep="",
        float_format=lambda x: f"{x:.{digits}f}",
        border=0,
    )
    if caption is None:
        return body
    return f"<p><b>{escape(caption)}</b></p>{body}"


def section(title: str, parts: Iterable[str]) -> str:
    """A heading and the parts (already HTML) below it."""
    return f'<div class="mcda-iso"><h4>{escape(title)}</h4>{"".join(parts)}</div>'
