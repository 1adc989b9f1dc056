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

from mcda_iso import hierarchy, i18n
from mcda_iso.i18n import N_
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

# Rows and columns of a blank template's comparison matrices: AHP works best with at most
# about 9 elements per matrix (Saaty 1980; Saaty & Ozdemir 2003, "Why the magic number
# seven plus or minus two"); more criteria are grouped under parents.
BLANK_MATRIX = 10

EXTRA_ROWS = 10  # empty input rows below pre-filled data

JUDGMENT_LIST = ",".join(format_judgment(v) for v in SAATY_VALUES)

# Header notes (shown as cell comments in the template).
NOTES = {
    "name": N_(
        "note",
        "A unique name. Criterion names must match the headers of Performance and "
        "Comparisons exactly.",
    ),
    "alternative name": N_(
        "note",
        "A unique name for each alternative (an option you are choosing between). It appears in "
        "the other sheets through formulas: rename it here only.",
    ),
    "kind": N_(
        "note",
        "benefit = more is better; cost = less is better.",
    ),
    "description": N_(
        "note",
        "Optional: what this means for your organisation.",
    ),
    "unit": N_(
        "note",
        "Optional: the unit or rating scale of the values in Performance.",
    ),
    "criterion": N_(
        "note",
        "A criterion name from the Criteria sheet.",
    ),
    "weight": N_(
        "note",
        "Optional: type a weight per criterion (any non-negative numbers; they are "
        "scaled to sum 1) INSTEAD of filling the Comparisons sheet.",
    ),
    "minimum": N_(
        "note",
        "Optional: alternatives scoring below this on the criterion are screened out.",
    ),
    "maximum": N_(
        "note",
        "Optional: alternatives scoring above this on the criterion are screened out.",
    ),
    "performance": N_(
        "note",
        "One row per alternative, one column per criterion: how each alternative "
        "does on each criterion (numbers, in the criterion's unit).",
    ),
    "parent": N_(
        "note",
        "Optional: the criterion this one is a sub-criterion of. Leave it empty for a "
        "top-level criterion. A criterion with sub-criteria is a group: it has no Performance "
        "column, and its sub-criteria are compared on their own sheet, 'Sub-criteria <name>', "
        "laid out like Comparisons (validate names the sheet to add).",
    ),
    "comparisons": N_(
        "note",
        "How much more important is the ROW criterion than the COLUMN criterion? "
        "Fill the yellow upper triangle with 1/9 .. 9 (see Instructions); the grey lower "
        "triangle may stay empty.",
    ),
}


# The words of the layout in every language: the English text is the key the code uses
# (SHEETS, the prefixes and the *_COLUMNS above), its translation what a workbook shows.
_WORDS = (
    N_("sheet", "Experts"),
    N_("sheet prefix", "Sub-criteria"),
    N_("sheet prefix", "Comparisons"),
    N_("sheet prefix", "Alternatives"),
    N_("sheet", "Instructions"),
    N_("sheet", "Criteria"),
    N_("sheet", "Alternatives"),
    N_("sheet", "Performance"),
    N_("sheet", "Comparisons"),
    N_("sheet", "Weights"),
    N_("sheet", "Requirements"),
    N_("column", "name"),
    N_("column", "kind"),
    N_("column", "description"),
    N_("column", "unit"),
    N_("column", "parent"),
    N_("column", "criterion"),
    N_("column", "weight"),
    N_("column", "minimum"),
    N_("column", "maximum"),
    N_("column", "alternative"),
    N_("column", "row vs column"),
    N_("kind", "benefit"),
    N_("kind", "cost"),
)


def note(key: str) -> str:
    """The note on a header (:data:`NOTES`) in the language in force."""
    return i18n.pgettext("note", NOTES[key])


def sheet_name(sheet: str) -> str:
    """The title of an input sheet (its English name, e.g. ``"Criteria"``) in the language in
    force.

    Examples
    --------
    >>> with i18n.using("de"):
    ...     sheet_name("Criteria"), sheet_name(EXPERTS_SHEET)
    ('Kriterien', 'Experten')
    """
    return i18n.pgettext("sheet", sheet)


def local_prefix(prefix: str) -> str:
    """A title prefix (:data:`EXPERT_PREFIX`...) in the language in force, with its space.

    Examples
    --------
    >>> with i18n.using("fr"):
    ...     local_prefix(SUB_CRITERIA_PREFIX)
    'Sous-critères '
    """
    return i18n.pgettext("sheet prefix", prefix.strip()) + " "


def column(key: str) -> str:
    """A column header (``"name"``, ``"kind"``... or :data:`CORNER`) in the language in force."""
    return i18n.pgettext("column", key)


def header_keys(fields: Sequence[str]) -> dict[str, str]:
    """Header text (case-folded) -> column key, in English and in the language in force."""
    keys = {key.casefold(): key for key in fields}
    keys.update({column(key).casefold(): key for key in fields})
    return keys


def kind_word(kind: str) -> str:
    """``"benefit"`` or ``"cost"`` as written in the language in force."""
    return i18n.pgettext("kind", kind)


def read_kind(text: str) -> str | None:
    """The kind (``"benefit"``/``"cost"``) a cell's text names, in any language; else None.

    Examples
    --------
    >>> read_kind("Kosten"), read_kind(" Bénéfice "), read_kind("效益型"), read_kind("x")
    ('cost', 'benefit', 'benefit', None)
    """
    key = text.strip().casefold()
    for kind in ("benefit", "cost"):
        if key in {w.casefold() for w in i18n.in_every_language("kind", kind).values()}:
            return kind
    return None


def detect_language(titles: Sequence[str]) -> str:
    """The language a workbook was written in, from its sheet titles (English on a tie).

    Examples
    --------
    >>> detect_language(["Anleitung", "Kriterien", "Alternativen"])
    'de'
    >>> detect_language(["Instructions", "Critères", "Alternatives"])
    'fr'
    >>> detect_language(["Sheet1"])
    'en'
    """
    have = {t.strip().casefold() for t in titles}
    best, score = "en", 0
    for lang in i18n.LANGUAGES:
        found = sum(
            i18n.translations(lang).pgettext("sheet", s).casefold() in have
            for s in (*SHEETS, EXPERTS_SHEET)
        )
        if found > score:
            best, score = lang, found
    return best


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
    prefix = local_prefix(SUB_CRITERIA_PREFIX)
    return {p: sheet_title(prefix, p, used) for p in tree.groups if p is not None}


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
    used = {sheet_name(t).casefold() for t in (*SHEETS, EXPERTS_SHEET)}
    for expert in experts:  # the experts' own sheets come first
        sheet_title(local_prefix(EXPERT_PREFIX), expert, used)
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
    prefix = local_prefix(RATING_PREFIX)
    return {c: sheet_title(prefix, c, used) for c in problem.criterion_names if c in rated}


def group_titles(titles: Sequence[str]) -> list[str]:
    """Titles of the Experts sheet and of every ``Comparisons <x>``, ``Alternatives <x>`` sheet
    (in the language in force)."""
    return [
        t
        for t in titles
        if t.casefold() == sheet_name(EXPERTS_SHEET).casefold()
        or t.casefold().startswith(group_prefixes())
    ]


def group_prefixes() -> tuple[str, str]:
    """:data:`GROUP_PREFIXES` in the language in force (case-folded)."""
    return (
        local_prefix(EXPERT_PREFIX).casefold(),
        local_prefix(RATING_PREFIX).casefold(),
    )


def judgment_cell(value: float) -> Any:
    """A judgment as people type it (``"1/3"``) when that reads back exactly, else the number."""
    text = format_judgment(value)
    return text if parse_judgment(text) == value else float(value)
