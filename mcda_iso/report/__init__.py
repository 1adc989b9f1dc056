"""A self-contained decision report to send to management: HTML, or PDF for the board.

One file: inline CSS, figures embedded as SVG images (``data:`` URLs; their text kept
as text, so it stays crisp at any zoom and in the PDF), one inline script
(the live "what if" sliders, allowed by its hash in a Content-Security-Policy
that forbids everything else), nothing fetched from the network. The page reads
fully with scripts off. Every string that came from the user (criterion and
alternative names, descriptions, units) is escaped, so a name such as
``<script>`` shows as text. Every number comes from the
:class:`~mcda_iso.ranking.Result` and the
:class:`~mcda_iso.sensitivity.SensitivityReport` given: the report ranks nothing.

Contents: a one-page executive summary (the question, the recommendation, how
firm it is, the runner-up and what would make it win, the main caveat, one
figure); the recommendation in plain words; the criteria and why they matter;
weights and consistency (with the judgments to revise); the ranking, with a
second method beside it; live "what if" weights; sensitivity (weight
thresholds, weight sweeps, rank acceptability, agreement of other methods); the
inputs; the method and references. ``@media print`` styles make it print on
A4 or Letter: no scrollbars, tables wrapped to the page width, a page break
before each section, figures kept whole. :func:`write_report` writes a PDF when
the path ends in ``.pdf`` (printed by headless Chromium; see
:mod:`mcda_iso.report.pdf`).

Modules: :mod:`~mcda_iso.report.page` (page skeleton and styles),
:mod:`~mcda_iso.report.summary`, :mod:`~mcda_iso.report.sections`,
:mod:`~mcda_iso.report.analysis`, :mod:`~mcda_iso.report.whatif` (with
``whatif.js``), :mod:`~mcda_iso.report.inputs`, :mod:`~mcda_iso.report.pdf`,
:mod:`~mcda_iso.report.reading` (what is read from the Result) and
:mod:`~mcda_iso.report.document` (the two public functions).

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

from mcda_iso.report.document import render_report, write_report

__all__ = ["render_report", "write_report"]
