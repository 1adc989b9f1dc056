"""The sheet layout shared by the reader and the writers: one definition of every name.

Sheet names and title prefixes, Excel's 31-character titles made unique (the
``Sub-criteria <parent>``, ``Comparisons <expert>``, ``<expert> - <parent>`` and
``Alternatives <criterion>`` sheets), the column headers of each table sheet and
their notes, and how a judgment is written. The writers make exactly these
titles and headers, and the reader looks for exactly these, so a workbook
written here is always read back.

Examples
--------
>>> used: set[str] = set()
>>> sheet_title(EXPERT_PREFIX, "Head of quality and continual improvement", used)
'Comparisons Head of quality and'
>>> sheet_title(EXPERT_PREFIX, "Head of quality and continual improvement", used)
'Comparisons Head of quality (2)'
>>> CRITERIA_COLUMNS
('name', 'kind', 'description', 'unit', 'parent')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter

from mcda_iso import hierarchy
from mcda_iso.problem import Problem
from mcda_iso.scale import SAATY_VALUES, format_judgment, parse_judgment

#: Sheet names of the input workbook, in the order they are written.
SHEETS: tuple[str, ...] = (
    "Instructions",
    "Criteria",
    "Alternatives",
    "Performance",
    "Comparisons",
    "Weights",
    "Requirements",
)

#: Title prefix of the sheet comparing one parent's sub-criteria: ``Sub-criteria <parent>``.
SUB_CRITERIA_PREFIX = "Sub-criteria "

#: Title prefix of an expert's comparisons sheet: ``Comparisons <expert>``.
EXPERT_PREFIX = "Comparisons "

#: Title prefix of a sheet comparing the alternatives under one criterion.
RATING_PREFIX = "Alternatives "

#: Between the expert and the parent in the title of an expert's sub-criteria sheet.
EXPERT_PARENT_SEPARATOR = " - "

#: Column headers of the table sheets, in the order they are written (row 1; the
#: reader finds them in any order, case ignored).
CRITERIA_COLUMNS = ("name", "kind", "description", "unit", "parent")
ALTERNATIVES_COLUMNS = ("name", "description")
WEIGHTS_COLUMNS = ("criterion", "weight")
REQUIREMENTS_COLUMNS = ("criterion", "minimum", "maximum")
EXPERTS_COLUMNS = ("name", "weight")
#: The sheet listing the experts of a group decision.
EXPERTS_SHEET = "Experts"

#: Title prefixes (case-folded) of the sheets read beside the input sheets.
GROUP_PREFIXES = (EXPERT_PREFIX.casefold(), RATING_PREFIX.casefold())

MAX_TITLE = 31  # Excel's limit on sheet titles

_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})

CORNER = "row vs column"

KEEP_OF_EACH = 14  # characters of the expert and of the parent kept when both are long

# How many empty rows/slots a blank template offers.
BLANK_CRITERIA = 20  # room for a hierarchy: groups and their sub-criteria

BLANK_ALTERNATIVES = 20

EXTRA_ROWS = 10  # empty input rows below pre-filled data

JUDGMENT_LIST = ",".join(format_judgment(v) for v in SAATY_VALUES)

# Header notes (shown as cell comments in the template).
NOTES = {
    "name": "A unique name. Criterion names must match the headers of Performance and "
    "Comparisons exactly.",
    "kind": "benefit = more is better; cost = less is better.",
    "description": "Optional: what this means for your organisation.",
    "unit": "Optional: the unit or rating scale of the values in Performance.",
    "criterion": "A criterion name from the Criteria sheet.",
    "weight": "Optional: type a weight per criterion (any non-negative numbers; they are "
    "scaled to sum 1) INSTEAD of filling the Comparisons sheet.",
    "minimum": "Optional: alternatives scoring below this on the criterion are screened out.",
    "maximum": "Optional: alternatives scoring above this on the criterion are screened out.",
    "performance": "One row per alternative, one column per criterion: how each alternative "
    "does on each criterion (numbers, in the criterion's unit).",
    "parent": "Optional: the criterion this one is a sub-criterion of. Leave it empty for a "
    "top-level criterion. A criterion with sub-criteria is a group: it has no Performance "
    "column, and its sub-criteria are compared on their own sheet, 'Sub-criteria <name>', "
    "laid out like Comparisons (validate names the sheet to add).",
    "comparisons": "How much more important is the ROW criterion than the COLUMN criterion? "
    "Fill the yellow upper triangle with 1/9 .. 9 (see Instructions); the grey lower "
    "triangle may stay empty.",
}


def cell_ref(sheet: str, row: int, col: int) -> str:
    """``Sheet!B3`` for 1-based ``row`` and ``col``.

    Examples
    --------
    >>> cell_ref("Performance", 3, 2)
    'Performance!B3'
    """
    return f"{sheet}!{get_column_letter(col)}{row}"


def sheet_title(prefix: str, name: str, used: set[str]) -> str:
    """``prefix + name`` made a valid, unique sheet title (at most 31 characters)."""
    base = (prefix + name.translate(_TITLE_FORBIDDEN))[:MAX_TITLE].strip().strip("'")
    title, k = base, 2
    while title.casefold() in used:
        suffix = f" ({k})"
        title, k = base[: MAX_TITLE - len(suffix)] + suffix, k + 1
    used.add(title.casefold())
    return title


def sub_criteria_titles(tree: hierarchy.Hierarchy) -> dict[str, str]:
    """Sheet title for each parent, in criteria order (cut to 31 characters, made unique)."""
    used: set[str] = set()
    return {p: sheet_title(SUB_CRITERIA_PREFIX, p, used) for p in tree.groups if p is not None}


def expert_sub_titles(
    experts: Sequence[str], tree: hierarchy.Hierarchy
) -> dict[str, dict[str, str]]:
    """Expert -> parent -> title of the sheet of that expert's judgments of the parent's
    sub-criteria: ``<expert> - <parent>``, a valid, unique title of at most 31 characters.

    Computed from the experts' names (in the order of their sheets) and the criteria alone,
    in a fixed order, so that the reader finds the titles the writer made: a long expert
    name is cut first, a long parent name too when both are long (at least
    ``KEEP_OF_EACH`` characters of each are kept); titles that still clash get `` (2)``...
    """
    used = {t.casefold() for t in (*SHEETS, EXPERTS_SHEET)}
    for expert in experts:  # the experts' own sheets come first
        sheet_title(EXPERT_PREFIX, expert, used)
    room = MAX_TITLE - len(EXPERT_PARENT_SEPARATOR)
    titles: dict[str, dict[str, str]] = {}
    for expert in experts:
        titles[expert] = {}
        for parent in tree.groups:
            if parent is None:
                continue
            keep = min(len(parent), max(room - len(expert), KEEP_OF_EACH))
            text = expert[: room - keep].rstrip() + EXPERT_PARENT_SEPARATOR + parent[:keep]
            titles[expert][parent] = sheet_title("", text, used)
    return titles


def rated_titles(problem: Problem, compare: Sequence[str] = ()) -> dict[str, str]:
    """Sheet title per criterion rated pairwise (given, or in ``compare``), in criterion order."""
    rated = set(problem.alternative_comparisons or {}) | set(compare)
    used: set[str] = set()
    return {c: sheet_title(RATING_PREFIX, c, used) for c in problem.criterion_names if c in rated}


def group_titles(titles: Sequence[str]) -> list[str]:
    """Titles of the Experts sheet and of every ``Comparisons <x>``, ``Alternatives <x>`` sheet."""
    return [
        t
        for t in titles
        if t.casefold() == EXPERTS_SHEET.casefold() or t.casefold().startswith(GROUP_PREFIXES)
    ]


def judgment_cell(value: float) -> Any:
    """A judgment as people type it (``"1/3"``) when that reads back exactly, else the number."""
    text = format_judgment(value)
    return text if parse_judgment(text) == value else float(value)
