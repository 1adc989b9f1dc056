"""The report put together: :func:`render_report` (HTML text) and :func:`write_report` (a file)."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

from mcda_iso import i18n
from mcda_iso.errors import MCDAError
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result
from mcda_iso.report import analysis, inputs, reading, sections, summary, whatif
from mcda_iso.report.page import PAPERS, Figures, document, escape, section
from mcda_iso.report.pdf import html_to_pdf
from mcda_iso.safe_write import write_file
from mcda_iso.sensitivity import SensitivityReport


def _check_sensitivity(result: Result, sensitivity: Any) -> None:
    """The sensitivity analysis must be of the same ranking."""
    if sensitivity is None:
        return
    if not isinstance(sensitivity, SensitivityReport):
        raise MCDAError(
            "'sensitivity' must be the result of mcda_iso.sensitivity.analyse "
            f"(got {type(sensitivity).__name__})"
        )
    sensitivity.check_of(result)  # MethodError (an MCDAError) naming both rankings


def _default_question(result: Result) -> str:
    n = len(result.problem.alternative_names)
    return _(
        "Which of these {n} alternatives should we choose, given our criteria and priorities?"
    ).format(n=n)


@i18n.with_language
def render_report(
    result: Result,
    sensitivity: SensitivityReport | None = None,
    *,
    comparison: Any = None,
    title: str | None = None,
    question: str | None = None,
    sensitivity_note: str | None = None,
    paper: str | None = None,
    language: str | None = None,
) -> str:
    """The report as one self-contained HTML document (a string).

    Parameters
    ----------
    result : Result
        A ranking from :func:`mcda_iso.rank`; every number shown comes from it
        (or from ``sensitivity``/``comparison``): the report ranks nothing itself.
    sensitivity : SensitivityReport, optional
        :func:`mcda_iso.sensitivity.analyse` of ``result``. Without it the report
        says that sensitivity analysis was not run, and why.
    comparison : RankingComparison, optional
        :func:`mcda_iso.compare` of the same problem with ``result``'s options:
        the second method shown beside the ranking. By default the second method
        comes from the sensitivity analysis' comparison of methods.
    title : str
        The report's heading (escaped).
    question : str, optional
        The decision question, opening the executive summary.
    sensitivity_note : str, optional
        Why the caller could not run the sensitivity analysis (e.g. the message of
        the :class:`~mcda_iso.errors.MCDAError` it raised), said in the report.
    paper : {"a4", "letter"}, optional
        The printed page size (default: the printer's).

    Returns
    -------
    str

    Raises
    ------
    MCDAError
        If ``result`` is not a ranking Result, or ``sensitivity``/``comparison``
        are of another ranking.
    """
    if not isinstance(result, Result):
        raise MCDAError(
            f"a report needs a ranking Result (from mcda_iso.rank); got {type(result).__name__}"
        )
    if paper is not None and paper not in PAPERS:
        raise MCDAError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    from mcda_iso import __version__

    problem = result.problem
    title = _("Decision report") if title is None else title
    _check_sensitivity(result, sensitivity)
    second, why_not = reading.second_method(result, sensitivity, comparison)
    figures = Figures()
    live, script = whatif.section(result, sensitivity)
    parts = [
        ("recommendation", _("Recommendation"),
         sections.recommendation(result, second, sensitivity, sensitivity_note)),
        ("criteria", _("The criteria and why they matter"), sections.criteria(result)),
        ("weights", _("Weights and consistency"), sections.weights(result, figures)),
        ("ranking", _("Ranking"), sections.ranking(result, second, why_not, figures)),
        ("whatif", _("What if the weights were different?"), live),
        ("sensitivity", _("Sensitivity"),
         analysis.sensitivity_section(result, sensitivity, figures, sensitivity_note)),
        ("inputs", _("Inputs"), inputs.inputs(result)),
        ("method", _("Method and references"), inputs.method(result)),
    ]  # fmt: skip
    toc = "".join(f'<li><a href="#{a}">{escape(t)}</a></li>' for a, t, _ in parts)
    body = "".join(section(a, t, b) for a, t, b in parts)
    first_page = summary.summary(
        result, sensitivity, second, question or _default_question(result), figures
    )
    now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    no_figures = (
        ""
        if figures.available
        else '<p class="callout warn">Figures are missing: they need matplotlib '
        "(<code>pip install 'mcda_iso[plots]'</code>).</p>"
    )
    meta = _(
        "{alternatives} alternatives, {criteria} criteria; ranked by {method}. Generated {now} "
        "by mcda_iso {version}."
    ).format(
        alternatives=len(problem.alternative_names),
        criteria=len(problem.criterion_names),
        method=escape(result.method_title),
        now=now,
        version=escape(__version__),
    )
    header = f'<p class="meta">{meta}</p>{no_figures}'
    return document(
        title=title,
        head_title=f"{title}: {result.best}",
        generator=f"mcda_iso {__version__}",
        header=header,
        body=f'{first_page}<nav aria-label="Contents"><ol>{toc}</ol></nav>{body}',
        footer=_(
            "Produced by mcda_iso (AHP criteria weights, TOPSIS ranking). The figures and "
            "numbers follow from the inputs listed above; change the inputs, and the "
            "recommendation may change."
        ),
        scripts=[script] if script else [],
        paper=paper,
    )


@i18n.with_language
def write_report(
    path: str | os.PathLike[str],
    result: Result,
    sensitivity: SensitivityReport | None = None,
    *,
    comparison: Any = None,
    overwrite: bool = False,
    title: str | None = None,
    question: str | None = None,
    sensitivity_note: str | None = None,
    paper: str = "a4",
    language: str | None = None,
) -> Path:
    """Write the decision report: self-contained HTML, or PDF when ``path`` ends in ``.pdf``.

    The file is written to a temporary file in the same folder, then moved into
    place, so an existing report is never left half-written. A PDF is printed by
    the system's headless Chromium or Google Chrome (see :mod:`mcda_iso.report.pdf`).

    Parameters
    ----------
    path : str or os.PathLike
        Where to write, e.g. ``"report.html"`` or ``"report.pdf"``.
    result : Result
        A ranking from :func:`mcda_iso.rank`.
    sensitivity : SensitivityReport, optional
        :func:`mcda_iso.sensitivity.analyse` of ``result``.
    comparison : RankingComparison, optional
        The second method to show beside the ranking (see :func:`render_report`).
    overwrite : bool, default False
        Replace an existing file.
    title, question, sensitivity_note
        As for :func:`render_report`.
    paper : {"a4", "letter"}, default "a4"
        The page size of a PDF (an HTML report prints on the printer's paper).
    language : str, optional
        The language of the headings, the summary's labels and the recommendation:
        ``"en"``, ``"de"``, ``"fr"``, ``"es"``, ``"it"`` or ``"zh_Hans"`` (default: the
        environment's locale, English otherwise); numbers in sentences follow it
        (0,825 in German). The title defaults to "Decision report" in that language.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    MCDAError
        If the file exists and ``overwrite`` is False, is a folder, cannot be
        written (see :mod:`mcda_iso.safe_write`), ``result`` is not a ranking
        Result, or a PDF is asked for and no Chromium/Chrome is installed (the
        message says what to install).

    References
    ----------
    Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
    Hwang, C.-L., & Yoon, K. (1981). Multiple Attribute Decision Making. Springer.
    Lahdelma, R., & Salminen, P. (2001). SMAA-2. Operations Research 49(3), 444-454.
    """
    pdf = Path(os.fspath(path)).suffix.lower() == ".pdf"
    text = render_report(
        result,
        sensitivity,
        comparison=comparison,
        title=title,
        question=question,
        sensitivity_note=sensitivity_note,
        paper=paper if pdf else None,
    )
    data = html_to_pdf(text) if pdf else text.encode("utf-8")
    return write_file(path, lambda temp: temp.write_bytes(data), overwrite=overwrite)
