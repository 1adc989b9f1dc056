""":func:`write_template`: a workbook ready to fill in, blank or pre-filled.

Examples
--------
>>> import tempfile, pathlib
>>> from mcda_iso import read_workbook
>>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "iso.xlsx", scenario="iso9001")
>>> read_workbook(path).criterion_names[:2]
('credibility', 'efficiency')
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.styles import Font
from openpyxl.workbook import Workbook

from mcda_iso import i18n
from mcda_iso.errors import ProblemError, ScenarioError
from mcda_iso.i18n import N_
from mcda_iso.i18n import gettext as _
from mcda_iso.problem import Problem
from mcda_iso.scale import SAATY_WORDS
from mcda_iso.scenarios import read_scenario
from mcda_iso.workbook.extend import clear_placeholders, extended, parse_new_criterion
from mcda_iso.workbook.input_sheets import write_inputs
from mcda_iso.workbook.layout import sheet_name
from mcda_iso.workbook.linked import link_names, save_linked
from mcda_iso.workbook.styles import (
    BOLD,
    DERIVED_FILL,
    HEADER_FILL,
    INPUT_FILL,
    TITLE_FONT,
    building,
    output_path,
    print_setup,
    put,
    set_widths,
)

# Saaty's words (mcda_iso.scale.SAATY_WORDS), marked for translation.
_SAATY = (
    N_("saaty", "equal importance"),
    N_("saaty", "moderate importance of one over the other"),
    N_("saaty", "strong importance"),
    N_("saaty", "very strong (demonstrated) importance"),
    N_("saaty", "extreme importance"),
)


@i18n.with_language
def write_template(
    path: str | os.PathLike[str],
    scenario: str | os.PathLike[str] | Problem | None = None,
    *,
    profile: str | None = None,
    overwrite: bool = False,
    experts: Sequence[str] | None = None,
    compare_alternatives: Sequence[str] = (),
    add_criteria: Sequence[str | tuple[str, str]] = (),
    add_alternatives: Sequence[str] = (),
    language: str | None = None,
) -> Path:
    """Write a workbook ready to fill in: blank, or pre-filled with a scenario.

    Parameters
    ----------
    path : str or path-like
        The ``.xlsx`` file to write.
    scenario : str, path-like or Problem, optional
        A built-in scenario name (``"iso9001"``), a scenario ``.toml`` path, or
        a :class:`Problem` to pre-fill the workbook with. ``None``: a blank
        workbook (criterion and alternative names typed once in Criteria and
        Alternatives appear in the other sheets through formulas).
    profile : str, optional
        The scenario's profile (default: the scenario's default profile).
    overwrite : bool
        Replace an existing file (refused by default).
    experts : sequence of str, optional
        A group decision: the experts' names. The workbook then has an
        ``Experts`` sheet (name, optional weight) and one empty
        ``Comparisons <name>`` sheet per expert, each to be filled by that
        expert, instead of the Comparisons and Weights sheets. (A problem that
        already holds experts' comparisons is written that way by default.)
        With sub-criteria, ``Comparisons <name>`` compares the top-level
        criteria, and each expert has one sheet ``<name> - <parent>`` per
        parent with two or more sub-criteria (cut to Excel's 31 characters).
    compare_alternatives : sequence of str, optional
        Criteria under which the alternatives are to be compared pairwise (full
        AHP) instead of rated by numbers: an empty ``Alternatives <criterion>``
        sheet each, and their Performance columns left empty. Needs a scenario
        or a Problem (the alternatives' names).
    add_criteria : sequence of str or (name, kind), optional
        New top-level criteria to add to the scenario or Problem: ``"risk:cost"``,
        ``"image"`` (a benefit) or ``("risk", "cost")``. Their rows and columns are
        laid out in every sheet, their cells left empty to fill in.
    add_alternatives : sequence of str, optional
        New alternatives to add, their cells left empty to fill in. With
        ``read_workbook``, this extends an existing decision:
        ``write_template("new.xlsx", read_workbook("decision.xlsx"), add_criteria=["risk:cost"])``.
    language : str, optional
        The language of the sheet names, headers, notes and instructions: ``"en"``,
        ``"de"``, ``"fr"``, ``"es"``, ``"it"`` or ``"zh_Hans"`` (default: the
        environment's locale, English otherwise). :func:`read_workbook` reads a workbook
        written in any of them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    WorkbookError
        If the file exists and ``overwrite`` is False, or cannot be written.
    ScenarioError
        Unknown scenario or profile.
    ProblemError
        If ``experts`` is not a list of distinct, non-empty names, or
        ``compare_alternatives`` names an unknown criterion or comes without a
        scenario, or a new criterion or alternative is named like an existing one.
    """
    output_path(path)  # a wrong path or argument is reported before anything is built
    if scenario is not None and not isinstance(scenario, str | os.PathLike | Problem):
        raise ScenarioError(
            "scenario must be a built-in scenario name, the path of a .toml scenario or a "
            f"Problem (got {type(scenario).__name__})"
        )
    if experts is not None:
        experts = expert_names(experts)
    if isinstance(compare_alternatives, str):
        compare_alternatives = [compare_alternatives]
    title = None
    if isinstance(scenario, Problem):
        problem: Problem | None = scenario
        title = _("your problem")
    elif scenario is not None:
        if Path(scenario).suffix.lower() in (".xlsx", ".xlsm"):
            raise ScenarioError(
                f"{Path(scenario).name} is a workbook, not a scenario (.toml): to start from a "
                "workbook, pass the Problem it holds, write_template(path, "
                "read_workbook(workbook)) (on the command line: --from WORKBOOK.xlsx)"
            )
        parsed = read_scenario(scenario)
        problem = parsed.problem(profile)
        title = _("{title} (profile: {profile})").format(
            title=parsed.title, profile=profile or parsed.default_profile
        )
    else:
        problem = None
    if compare_alternatives:
        if problem is None:
            raise ProblemError(
                "compare_alternatives needs a scenario or a Problem (the alternatives to compare)"
            )
        unknown = [c for c in compare_alternatives if c not in problem.criterion_names]
        if unknown:
            raise ProblemError(
                f"compare_alternatives names unknown criterion {unknown[0]!r}; "
                f"known: {list(problem.criterion_names)}"
            )
    new_names: list[str] = []
    if add_criteria or add_alternatives:
        if problem is None:
            raise ProblemError(
                "add_criteria and add_alternatives extend a scenario or a Problem; a blank "
                "template has empty rows for every name already"
            )
        added = [parse_new_criterion(c) if isinstance(c, str) else tuple(c) for c in add_criteria]
        problem = extended(problem, added, add_alternatives)
        new_names = [name for name, _ in added] + list(add_alternatives)
    with building() as wb:  # no garbage collection while building (see building)
        _instructions(wb, title)
        write_inputs(wb, problem, experts=experts, compare=tuple(compare_alternatives))
        clear_placeholders(wb, new_names)  # the new names' cells: empty, to fill in
        links = link_names(wb, problem)  # names typed once, copied by formulas everywhere else
        wb.calculation.fullCalcOnLoad = True  # Excel recalculates them on opening
        heading = _("Decision workbook")
        print_setup(wb, f"{heading}: {title}" if title else heading)
        return save_linked(wb, path, overwrite, links)


def expert_names(experts: Sequence[str]) -> list[str]:
    if isinstance(experts, str) or not isinstance(experts, Sequence) or not experts:
        raise ProblemError(
            f"'experts' must be a list of expert names, e.g. ['Quality manager', 'CEO'] "
            f"(got {experts!r})"
        )
    names: list[str] = []
    for name in experts:
        if not isinstance(name, str) or not name.strip():
            raise ProblemError(f"an expert name must be non-empty text (got {name!r})")
        if name.strip() in names:
            raise ProblemError(f"duplicate expert name {name.strip()!r}; names must be unique")
        names.append(name.strip())
    return names


def _instructions(wb: Workbook, title: str | None) -> None:
    ws = wb.create_sheet(sheet_name("Instructions"))
    lines: list[tuple[str, Any, Any]] = [
        ("title", _("Decision workbook: is ISO 9001 certification worth it for us?"), None),
    ]
    if title:
        lines.append(
            ("text", _("Pre-filled with the scenario: {title}.").format(title=title), None)
        )
        lines.append(
            (
                "text",
                _(
                    "Its performance ratings are illustrative assumptions: replace them with "
                    "your own."
                ),
                None,
            )
        )
    lines += [
        ("text", "", None),
        ("head", _("What to fill (yellow cells are yours; grey cells are filled for you)"), None),
        (
            "text",
            _(
                "1. Criteria: one row per criterion: name, kind (benefit = more is better, "
                "cost = less is better), optional description and unit."
            ),
            None,
        ),
        ("text", _("2. Alternatives: one row per option you are choosing between."), None),
        (
            "text",
            _(
                "3. Performance: how each alternative does on each criterion (numbers). "
                "Row and column names must match the Criteria and Alternatives sheets exactly."
            ),
            None,
        ),
        (
            "text",
            _(
                "4. Preferences, ONE of: (a) Comparisons: compare the criteria pairwise "
                "(recommended), or (b) Weights: type a weight per criterion. Fill only one."
            ),
            None,
        ),
        (
            "text",
            _(
                "5. Requirements (optional): a minimum and/or maximum per criterion; "
                "alternatives outside a bound are screened out before ranking."
            ),
            None,
        ),
        (
            "text",
            _(
                "Then: `mcda-iso validate FILE.xlsx` lists every mistake by cell, and "
                "`mcda-iso rank FILE.xlsx` writes FILE-results.xlsx with the ranking."
            ),
            None,
        ),
        ("text", "", None),
        (
            "head",
            _(
                "Comparisons: how much more important is the ROW criterion than the COLUMN "
                "criterion?"
            ),
            None,
        ),
        (
            "text",
            _(
                "Fill the upper triangle (right of the grey diagonal). The lower triangle may "
                "stay empty: it is the reciprocal. Type fractions as 1/3 (the cells are "
                "formatted as Text so that Excel does not turn 1/3 into a date)."
            ),
            None,
        ),
        ("text", "", None),
        ("scalehead", _("value"), _("meaning (Saaty's 1-9 scale)")),
    ]
    saaty = {k: i18n.pgettext("saaty", words) for k, words in SAATY_WORDS.items()}
    for k in range(1, 10):
        if k in saaty:
            words = saaty[k]
        else:
            words = _("between {lower} and {upper}").format(lower=saaty[k - 1], upper=saaty[k + 1])
        if k != 1:
            words = _("the row criterion over the column criterion: {words}").format(words=words)
        lines.append(("scale", str(k), words))
    for k in (3, 5, 7, 9):
        words = _("the COLUMN criterion over the row criterion: {words}").format(words=saaty[k])
        lines.append(("scale", f"1/{k}", words))
    lines.append(("scale", "1/2, 1/4, 1/6, 1/8", _("intermediate values the other way round")))
    lines += [
        ("text", "", None),
        ("head", _("Colours"), None),
        ("legend", _("yellow: cells to fill in"), INPUT_FILL),
        (
            "legend",
            _("grey: filled for you or not needed (diagonal, lower triangle)"),
            DERIVED_FILL,
        ),
        ("legend", _("blue: headers (hover for a note)"), HEADER_FILL),
    ]
    for r, (kind, a, b) in enumerate(lines, start=1):
        if kind == "title":
            put(ws, r, 1, a, font=TITLE_FONT)
        elif kind == "head":
            put(ws, r, 1, a, font=BOLD)
        elif kind in ("scale", "scalehead"):
            put(ws, r, 1, a, font=BOLD if kind == "scalehead" else Font())
            put(ws, r, 2, b, font=BOLD if kind == "scalehead" else Font())
        elif kind == "legend":
            put(ws, r, 1, a, fill=b)
        else:
            put(ws, r, 1, a)
    set_widths(ws, {1: 60, 2: 80})
