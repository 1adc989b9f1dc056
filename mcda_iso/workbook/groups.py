"""Reading a group decision's sheets and the alternatives compared pairwise.

The ``Experts`` sheet, each expert's ``Comparisons <expert>`` sheet and, with
sub-criteria, their ``<expert> - <parent>`` sheets; the ``Alternatives <criterion>``
sheets. The titles are those of :mod:`mcda_iso.workbook.layout`, so the reader
finds exactly the sheets the template writer made.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from mcda_iso import hierarchy
from mcda_iso.errors import shorten
from mcda_iso.workbook.cells import (
    Collector,
    Sheet,
    cell_name,
    cell_number,
    is_blank,
    known_names,
    number_problem,
    read_comparisons,
    read_table,
)
from mcda_iso.workbook.inputs import explain_labels, sub_sheet_layout
from mcda_iso.workbook.layout import (
    CORNER,
    EXPERT_PREFIX,
    EXPERTS_COLUMNS,
    EXPERTS_SHEET,
    RATING_PREFIX,
    SUB_CRITERIA_PREFIX,
    column,
    expert_sub_titles,
    group_prefixes,
    local_prefix,
    sheet_name,
    sub_criteria_titles,
)
from mcda_iso.workbook.source import Book


def expert_sheets(sheets: dict[str, Sheet]) -> list[str]:
    return [t for t in sheets if t.casefold().startswith(group_prefixes()[0])]


def _subject(sheet: Sheet, prefix: str) -> str:
    """Whose judgments (an expert) or which criterion a sheet holds: cell A1, else the title.

    Sheet titles are limited to 31 characters, so a longer name is typed in A1.
    """
    corner = cell_name(sheet.value(1, 1))
    if corner is not None and corner.casefold() not in (CORNER, column(CORNER).casefold()):
        return corner
    return sheet.title.strip()[len(prefix) :].strip()


def _read_experts_sheet(
    sheet: Sheet, out: Collector
) -> tuple[dict[str, int], dict[str, float] | None]:
    """Expert names with their rows, and their weights (None: no weight typed, equal)."""
    before = len(out.errors)
    columns, rows = read_table(sheet, EXPERTS_COLUMNS, ("name",), "expert", out)
    listed = {values["name"]: r for r, values in rows}
    typed = [(r, v) for r, v in rows if not is_blank(v.get("weight"))]
    if not typed:
        return listed, None
    weights: dict[str, float] = {}
    for r, values in rows:
        value, name = values.get("weight"), values["name"]
        number = cell_number(value)
        if number is None or not math.isfinite(number) or number <= 0:
            expected = f"a positive weight for expert {name!r} (or no weight for anyone: equal)"
            message = (
                f"an expert's weight must be positive: found {number:g} for {name!r}"
                if number is not None
                else number_problem(value, expected)
            )
            (out.empty if value is None else out.add)(sheet.title, r, columns["weight"], message)
            continue
        weights[name] = number
    return listed, (weights if len(out.errors) == before else None)


def read_experts(
    sheets: dict[str, Sheet],
    criteria: Sequence[str] | None,
    strict: bool,
    out: Collector,
    found: dict[str, tuple[str, int | None]] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, float] | None]:
    """Each expert's criteria matrix (from ``Comparisons <name>``) and the expert weights.

    ``found`` (if given) receives, for every expert with a sheet, in sheet order, the
    sheet's title and the expert's row in the Experts sheet (None if not listed there).
    """
    listed: dict[str, int] | None = None
    weights = None
    if sheet_name(EXPERTS_SHEET) in sheets:
        listed, weights = _read_experts_sheet(sheets[sheet_name(EXPERTS_SHEET)], out)
    titles = expert_sheets(sheets)
    if not titles:
        if listed:
            out.add(
                sheet_name(EXPERTS_SHEET),
                None,
                None,
                "the Experts sheet lists experts but no workbook sheet holds their judgments: add "
                f"one sheet per expert named {local_prefix(EXPERT_PREFIX)!r} + the expert's name",
            )
        return {}, None
    matrices: dict[str, np.ndarray] = {}
    seen: dict[str, str] = {}
    for title in titles:
        sheet = sheets[title]
        name = _subject(sheet, local_prefix(EXPERT_PREFIX))
        if not name:
            out.add(title, 1, 1, "no expert name: name the sheet 'Comparisons <expert>'")
            continue
        if name in seen:
            _same_expert_twice(sheets, name, seen[name], title, out)
            continue
        seen[name] = title
        if found is not None:
            found[name] = (title, None if listed is None else listed.get(name))
        if listed is not None and name not in listed:
            out.add(
                title,
                1,
                1,
                f"expert {name!r} (from this sheet's name, or cell A1) is not in the Experts "
                f"sheet (listed: {known_names(list(listed)) or 'none'}); add them there, or rename "
                "the sheet",
            )
        matrix, filled = read_comparisons(sheet, criteria, strict, out)
        if matrix is None:
            continue
        if not filled:
            out.add(
                title,
                2,
                3,
                f"no judgments from expert {name!r}: fill the upper triangle, or delete the sheet",
            )
            continue
        matrices[name] = matrix
    for name, r in (listed or {}).items():
        if name not in seen:
            own = local_prefix(EXPERT_PREFIX) + name
            claimed = next((t for t in titles if t.casefold() == own.casefold()), None)
            out.add(
                sheet_name(EXPERTS_SHEET),
                r,
                1,
                f"expert {name!r} has no sheet {own!r}; add it (a copy of a comparisons sheet) "
                "or delete this row"
                if claimed is None
                else f"expert {name!r} has no sheet of judgments: the sheet {claimed!r} names "
                f"{_subject(sheets[claimed], local_prefix(EXPERT_PREFIX))!r} in cell A1, and "
                "A1 counts over the sheet's title; correct A1 there",
            )
    return matrices, weights


def _same_expert_twice(
    sheets: dict[str, Sheet], name: str, first: str, second: str, out: Collector
) -> None:
    """Two sheets hold one expert's judgments: report at the sheet whose cell A1 names
    the expert against its own title (a copied sheet whose A1 was not changed), else at
    the second sheet."""
    for title in (first, second):
        titled = title[len(local_prefix(EXPERT_PREFIX)) :].strip()
        if titled.casefold() != name.casefold() and not name.casefold().startswith(
            titled.casefold()
        ):
            other = second if title == first else first
            out.add(
                title,
                1,
                1,
                f"cell A1 names expert {name!r}, who also has the sheet {other!r}; A1 counts "
                f"over this sheet's title ({titled!r}): type the right expert in A1, or delete "
                "one of the sheets",
            )
            return
    out.add(second, 1, 1, f"expert {name!r} already has the sheet {first!r}")


def read_rated(
    sheets: dict[str, Sheet],
    criteria: Sequence[str] | None,
    alternatives: Sequence[str] | None,
    strict: bool,
    out: Collector,
    unfilled: dict[str, str] | None = None,
) -> dict[str, tuple[str, np.ndarray | None]]:
    """Criterion -> (sheet title, alternatives matrix) for each filled ``Alternatives <x>``.

    A sheet without any judgment is ignored (the criterion then uses Performance);
    it is recorded in ``unfilled`` (criterion -> sheet title), so that an empty
    Performance column of that criterion is reported once, at the sheet to fill.
    """
    rated: dict[str, tuple[str, np.ndarray | None]] = {}
    for title, sheet in sheets.items():
        if not title.casefold().startswith(group_prefixes()[1]):
            continue
        crit = _subject(sheet, local_prefix(RATING_PREFIX))
        if criteria is not None and crit not in criteria:
            out.add(
                title,
                1,
                1,
                f"no criterion {shorten(crit)} in the Criteria sheet "
                f"(known: {known_names(criteria)}): "
                "a sheet named 'Alternatives <criterion>' compares the alternatives pairwise "
                "under that criterion (type the criterion in A1 when its name is too long for a "
                "sheet title); rename or delete this sheet otherwise",
            )
            continue
        if crit in rated:
            out.add(title, 1, 1, f"criterion {crit!r} already has the sheet {rated[crit][0]!r}")
            continue
        matrix, filled = read_comparisons(
            sheet, alternatives, strict, out, ("alternative", "Alternatives")
        )
        if matrix is not None and not filled and unfilled is not None:
            unfilled[crit] = title
        if not filled:
            continue
        # A sheet with judgments rates its criterion even when one of them is wrong (that
        # is reported here): its Performance column must stay empty all the same.
        rated[crit] = (title, matrix)
    return rated


def read_expert_sub_criteria(
    book: Book,
    every: Sequence[str],
    extra: dict[str, Sheet],
    tree: hierarchy.Hierarchy,
    tops: dict[str, np.ndarray],
    found: dict[str, tuple[str, int | None]],
    strict: bool,
    out: Collector,
) -> tuple[dict[str, dict[str | None, np.ndarray]], dict[str, Sheet]]:
    """Each expert's matrices ``{None: top, parent: matrix, ...}``, as Problem takes them.

    ``every``: the workbook's sheet titles; ``tops``: each expert's top-level matrix
    (from ``Comparisons <expert>``); ``found``: each expert's sheet and row in the
    Experts sheet (where a missing sheet is reported).
    A ``Sub-criteria <parent>`` sheet holding judgments is an error: each expert judges on
    their own sheets. Also returns the sheets read, for the check of formulas.
    """
    titles = expert_sub_titles(list(found), tree)
    plain = sub_criteria_titles(tree)
    wanted = [title for mine in titles.values() for title in mine.values()]
    sheets = book.sheets([*wanted, *plain.values()])
    before = len(out.errors)
    _stray_expert_sheets(every, wanted, tree, list(found), out)
    for parent, title in plain.items():
        if title in sheets:
            theirs = [mine[parent] for mine in titles.values()]
            _plain_sub_sheet_with_experts(sheets.pop(title), parent, theirs, out)
    matrices: dict[str, dict[str | None, np.ndarray]] = {}
    for expert, (top_title, row) in found.items():
        mine, top = titles[expert], f"the sheet {top_title!r}"
        explain_labels(extra[top_title], tree, out, titles=mine, top=top)
        judged: dict[str | None, np.ndarray] = {}
        if expert in tops:
            judged[None] = tops[expert]
        for parent, title in mine.items():
            kids = list(tree.children(parent))
            what = f"the sub-criteria of {parent!r} ({', '.join(repr(k) for k in kids)})"
            sheet = sheets.get(title)
            if sheet is None:
                if len(kids) > 1:  # a single sub-criterion needs no sheet (weight 1)
                    where = (
                        (sheet_name(EXPERTS_SHEET), row, 1)
                        if row is not None
                        else (top_title, 1, 1)
                    )
                    out.add(
                        *where,
                        f"expert {expert!r} compares {what} on a sheet of their own named "
                        f"{title!r}; " + sub_sheet_layout(parent, kids),
                    )
                continue
            matrix, filled = read_comparisons(sheet, kids, strict, out)
            explain_labels(sheet, tree, out, parent, titles=mine, top=top)
            if matrix is None:
                continue
            if not filled and len(kids) > 1:
                out.add(
                    title,
                    2,
                    3,
                    f"no judgments from expert {expert!r} for {what}: fill the upper triangle "
                    "of this sheet",
                )
                continue
            judged[parent] = matrix
        matrices[expert] = judged
    return (matrices if len(out.errors) == before else {}), sheets


def _stray_expert_sheets(
    titles: Sequence[str],
    wanted: Sequence[str],
    tree: hierarchy.Hierarchy,
    experts: Sequence[str],
    out: Collector,
) -> None:
    """Report a sheet named like an expert's sub-criteria sheet, ``<name> - <parent>``,
    for someone who is not one of the experts (its judgments would otherwise be lost)."""
    taken = {t.casefold() for t in wanted}
    kinds = (*group_prefixes(), local_prefix(SUB_CRITERIA_PREFIX).casefold())
    for title in titles:
        if title.casefold() in taken or title.casefold().startswith(kinds):
            continue
        for parent in tree.groups:
            if parent is None or len(tree.children(parent)) < 2:
                continue
            tail = f" - {parent}"
            if not title.casefold().endswith(tail.casefold()) or len(title) == len(tail):
                continue
            who = title[: -len(tail)].strip()
            out.add(
                title,
                1,
                1,
                f"this sheet is named like the comparisons of the sub-criteria of {parent!r} "
                f"by an expert {who!r}, but {who!r} is not one of the experts "
                f"({known_names(experts)}): list them in the Experts sheet and add their sheet "
                f"{local_prefix(EXPERT_PREFIX) + who!r}, or rename or delete this sheet",
            )
            break


def _plain_sub_sheet_with_experts(
    sheet: Sheet, parent: str, theirs: Sequence[str], out: Collector
) -> None:
    """Report the first judgment of a one-person ``Sub-criteria <parent>`` sheet in a
    workbook of several experts (an empty one is ignored)."""
    cell = next(
        (
            (r, c)
            for r in range(2, len(sheet.rows) + 1)
            for c in range(2, sheet.width + 1)
            if r != c and not is_blank(sheet.value(r, c))
        ),
        None,
    )
    if cell is None:
        return
    out.add(
        sheet.title,
        *cell,
        f"this sheet holds one person's comparisons of the sub-criteria of {parent!r}, but "
        "this workbook has several experts' sheets ('Comparisons <expert>'): each expert "
        f"compares them on a sheet of their own ({', '.join(repr(t) for t in theirs)}); "
        "move the judgments there and delete this sheet",
    )
