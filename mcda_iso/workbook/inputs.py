"""Reading the input sheets: Criteria, Alternatives, Performance, Weights, Requirements
and the ``Sub-criteria <parent>`` sheets of a hierarchy.

Each reader reports every problem of its sheet at its cell in a
:class:`~mcda_iso.workbook.cells.Collector` and returns what it read, or None
when its sheet has errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from math import isfinite
from operator import itemgetter

import numpy as np
from openpyxl.utils import get_column_letter

from mcda_iso import hierarchy
from mcda_iso.errors import MCDAError, WorkbookError
from mcda_iso.problem import KINDS, Alternative, Criterion
from mcda_iso.workbook.cells import (
    Collector,
    Sheet,
    cell_name,
    cell_number,
    cell_text,
    criterion_row,
    describe,
    header_columns,
    is_blank,
    number_problem,
    read_comparisons,
    read_labels,
    read_table,
)
from mcda_iso.workbook.layout import (
    ALTERNATIVES_COLUMNS,
    CRITERIA_COLUMNS,
    REQUIREMENTS_COLUMNS,
    WEIGHTS_COLUMNS,
    cell_ref,
    read_kind,
    sub_criteria_titles,
)
from mcda_iso.workbook.source import Book

_BIG = 10**300  # integers beyond this are refused (no float holds 10**400)


def read_criteria(sheet: Sheet, out: Collector) -> list[Criterion] | None:
    fields = CRITERIA_COLUMNS
    before = len(out.errors)
    criteria = []
    columns, rows = read_table(sheet, fields, ("name", "kind"), "criterion", out)
    for r, values in rows:
        kind = values.get("kind")
        key = read_kind(kind) if isinstance(kind, str) else None  # in any language
        col = columns["kind"]
        if key not in KINDS:
            message = (
                f"criterion {values['name']!r} has no kind"
                if is_blank(kind)
                else f"criterion {values['name']!r} has unknown kind: found {describe(kind)}"
            )
            report = out.empty if kind is None else out.add
            report(
                sheet.title,
                r,
                col,
                message + "; expected 'benefit' (more is better) or 'cost' (less is better)",
            )
            continue
        try:
            criteria.append(
                Criterion(
                    values["name"],
                    key,
                    cell_text(values.get("description")),
                    cell_text(values.get("unit")),
                    cell_name(values.get("parent")),
                )
            )
        except MCDAError as exc:
            out.add(
                sheet.title, r, columns.get("parent", 1) if "parent" in str(exc) else 1, str(exc)
            )
    if len(out.errors) == before and "parent" in columns:
        _check_parents(sheet, criteria, {v["name"]: r for r, v in rows}, columns["parent"], out)
    return criteria if len(out.errors) == before else None


def _check_parents(
    sheet: Sheet, criteria: Sequence[Criterion], rows: dict[str, int], col: int, out: Collector
) -> None:
    """Unknown parents and cycles of parents, reported at the parent cell."""
    names = {c.name for c in criteria}
    for c in criteria:
        if c.parent is not None and c.parent not in names:
            out.add(
                sheet.title,
                rows[c.name],
                col,
                f"criterion {c.name!r} has unknown parent {c.parent!r}: not a criterion in the "
                "Criteria sheet (a parent is one of the criteria; leave the cell empty for the "
                "top level)",
            )
    if any(c.parent is not None and c.parent not in names for c in criteria):
        return
    try:
        hierarchy.build(criteria)
    except MCDAError as exc:
        up = {c.name: c.parent for c in criteria}
        for c in criteria:  # report at the first criterion on a cycle
            seen, node = set(), c.parent
            while node is not None and node not in seen and node != c.name:
                seen.add(node)
                node = up[node]
            if node == c.name:
                out.add(sheet.title, rows[c.name], col, str(exc))
                return


def read_alternatives(sheet: Sheet, out: Collector) -> list[Alternative] | None:
    before = len(out.errors)
    alternatives = []
    _, rows = read_table(sheet, ALTERNATIVES_COLUMNS, ("name",), "alternative", out)
    for r, values in rows:
        try:
            alternatives.append(Alternative(values["name"], cell_text(values.get("description"))))
        except MCDAError as exc:
            out.add(sheet.title, r, 1, str(exc))
    return alternatives if len(out.errors) == before else None


def read_performance(
    sheet: Sheet,
    criteria: Sequence[str] | None,
    alternatives: Sequence[str] | None,
    out: Collector,
    rated: dict[str, str] | None = None,
    unfilled: dict[str, str] | None = None,
) -> np.ndarray | None:
    """Performance grid; columns of criteria in ``rated`` (criterion -> its Alternatives
    sheet) are compared pairwise instead, stay NaN and must be empty.

    A criterion in ``unfilled`` (an empty ``Alternatives <criterion>`` sheet, as a fresh
    template has) whose Performance column is empty too is reported once, at that sheet,
    instead of once per empty cell."""
    before = len(out.errors)
    cols = read_labels(sheet, "col", criteria, "criterion", "Criteria", out)
    rows = read_labels(sheet, "row", alternatives, "alternative", "Alternatives", out)
    crit = list(criteria) if criteria is not None else list(cols)
    alts = list(alternatives) if alternatives is not None else list(rows)
    grid = np.full((len(alts), len(crit)), np.nan)
    col_index = [(cols[c] - 1, j) for j, c in enumerate(crit) if c in cols]
    title = sheet.title
    waiting = [
        crit[j]
        for c0, j in col_index
        if unfilled and crit[j] in unfilled and crit[j] not in (rated or {})
        if all(is_blank(sheet.value(rows[a], c0 + 1)) for a in alts if a in rows)
    ]
    for name in waiting:
        out.add(
            unfilled[name],
            2,
            3,
            f"no judgments yet: under {name!r}, how strongly is each ROW alternative preferred "
            "to each COLUMN alternative? Fill the upper triangle with 1/9 .. 9 (the "
            f"Performance column of {name!r} stays empty), or delete this sheet and type "
            f"numbers in that column instead",
        )
    rated = {**(rated or {}), **{name: unfilled[name] for name in waiting if unfilled}}
    if not rated and _numbers_at_once(sheet, rows, alts, col_index, grid):
        return grid if len(out.errors) == before else None
    for i, name in enumerate(alts):
        if name not in rows:
            continue
        r = rows[name]
        values = sheet.rows[r - 1]
        width = len(values)
        for c0, j in col_index:
            value = values[c0] if c0 < width else None
            if rated and crit[j] in rated:
                if not is_blank(value):
                    out.add(
                        title,
                        r,
                        c0 + 1,
                        f"{crit[j]!r} is rated by pairwise comparisons in sheet "
                        f"{rated[crit[j]]!r}: leave its Performance column empty "
                        f"(found {describe(value)})",
                    )
                continue
            kind = type(value)
            if (kind is float and isfinite(value)) or (kind is int and -_BIG < value < _BIG):
                grid[i, j] = value
                continue
            number = cell_number(value)
            if number is not None:
                grid[i, j] = number
                continue
            message = number_problem(value, f"a number for {name!r} on {crit[j]!r}")
            if value is None:
                out.empty(title, r, c0 + 1, message)
            else:
                out.add(title, r, c0 + 1, message)
    return grid if len(out.errors) == before else None


def _numbers_at_once(
    sheet: Sheet,
    rows: dict[str, int],
    alternatives: Sequence[str],
    col_index: Sequence[tuple[int, int]],
    grid: np.ndarray,
) -> bool:
    """Fill ``grid`` in one conversion when every cell read holds a finite number (an
    ``int`` or a ``float``; not a logical value, a text or an empty cell), as the cell by
    cell loop would; False, ``grid`` untouched, otherwise (the loop says what is wrong)."""
    present = [(i, rows[name]) for i, name in enumerate(alternatives) if name in rows]
    if not present or not col_index:
        return False
    cols = [c0 for c0, _ in col_index]
    pick = itemgetter(*cols)
    need = max(cols) + 1
    lines = [sheet.rows[r - 1] for _, r in present]
    if min(map(len, lines)) < need:
        return False
    block = (
        [pick(line) for line in lines] if len(cols) > 1 else [(line[cols[0]],) for line in lines]
    )
    if not set(map(type, chain.from_iterable(block))) <= {float, int}:
        return False
    try:
        values = np.array(block, dtype=float)
    except OverflowError:  # an integer beyond the float range
        return False
    if not np.isfinite(values).all():
        return False
    grid[np.ix_([i for i, _ in present], [j for _, j in col_index])] = values
    return True


def read_weights(
    sheet: Sheet, criteria: Sequence[str] | None, out: Collector, comparisons_filled: bool
) -> tuple[dict[str, float] | None, int | None]:
    """Typed weights by criterion, and the row of the first weight typed (None if none)."""
    fields = WEIGHTS_COLUMNS
    probe = Collector()
    columns = header_columns(sheet, fields, fields, probe)
    if "weight" not in columns or "criterion" not in columns:
        # A results workbook's Weights sheet (derived weights) has no 'weight' column.
        if not comparisons_filled:
            out.errors.extend(probe.errors)
        return None, None
    wcol, ccol = columns["weight"], columns["criterion"]
    first = next(
        (r for r in range(2, len(sheet.rows) + 1) if not is_blank(sheet.value(r, wcol))), None
    )
    if first is None:
        return None, first
    before = len(out.errors)
    weights: dict[str, float] = {}
    seen: dict[str, int] = {}
    title = sheet.title
    for r in range(2, len(sheet.rows) + 1):
        name, value = cell_name(sheet.value(r, ccol)), sheet.value(r, wcol)
        if comparisons_filled and is_blank(value):
            continue  # beside judgments, only the weights typed are checked
        if name is None:
            if not is_blank(value):
                out.empty(title, r, ccol, "empty criterion name next to a weight")
            continue
        if not criterion_row(title, r, ccol, name, seen, criteria, out):
            continue
        number = cell_number(value)
        if number is None:
            message = number_problem(value, f"a weight (a number, 0 or more) for {name!r}")
            (out.empty if value is None else out.add)(title, r, wcol, message)
            continue
        if number < 0:
            out.add(title, r, wcol, f"a weight cannot be negative: found {number:g} for {name!r}")
            continue
        weights[name] = number
    if comparisons_filled:
        return None, first  # the two kinds of preferences given are reported by the reader
    last = max(seen.values(), default=1)
    for name in criteria or ():
        if name not in seen:
            last += 1
            out.add(title, last, ccol, f"no weight for criterion {name!r}; add a row for it")
    if len(out.errors) == before and weights and sum(weights.values()) <= 0:
        out.add(title, first, wcol, "the weights are all zero: at least one must be positive")
    return (weights if len(out.errors) == before else None), first


def weights_typed(sheet: Sheet) -> bool:
    """Whether the weight column of a Weights sheet holds anything."""
    wcol = header_columns(sheet, WEIGHTS_COLUMNS, (), Collector()).get("weight")
    return wcol is not None and any(
        not is_blank(sheet.value(r, wcol)) for r in range(2, len(sheet.rows) + 1)
    )


def read_requirements(
    sheet: Sheet, criteria: Sequence[str] | None, out: Collector
) -> dict[str, dict[str, float]] | None:
    fields = REQUIREMENTS_COLUMNS
    columns = header_columns(sheet, fields, ("criterion",), out)
    if "criterion" not in columns:
        return None
    if "minimum" not in columns and "maximum" not in columns:
        out.add(sheet.title, 1, 2, "missing headers 'minimum' and 'maximum'")
        return None
    title, ccol = sheet.title, columns["criterion"]
    bounds: dict[str, dict[str, float]] = {}
    seen: dict[str, int] = {}
    for r in range(2, len(sheet.rows) + 1):
        name = cell_name(sheet.value(r, ccol))
        cells = {
            key: sheet.value(r, columns[key]) for key in ("minimum", "maximum") if key in columns
        }
        if all(is_blank(v) for v in cells.values()):
            continue
        if name is None:
            out.empty(title, r, ccol, "empty criterion name next to a bound")
            continue
        if not criterion_row(title, r, ccol, name, seen, criteria, out):
            continue
        pair: dict[str, float] = {}
        for key, value in cells.items():
            if is_blank(value):
                continue
            number = cell_number(value)
            if number is None:
                out.add(
                    title,
                    r,
                    columns[key],
                    number_problem(value, f"a {key} (a number) or an empty cell"),
                )
            else:
                pair[key] = number
        if "minimum" in pair and "maximum" in pair and pair["minimum"] > pair["maximum"]:
            out.add(
                title,
                r,
                columns["maximum"],
                f"the maximum {pair['maximum']:g} is below the minimum {pair['minimum']:g} in "
                f"{cell_ref(title, r, columns['minimum'])}: no alternative could meet both",
            )
            continue
        bounds[name] = pair
    return bounds or None


def explain_labels(
    sheet: Sheet,
    tree: hierarchy.Hierarchy,
    out: Collector,
    parent: str | None = None,
    *,
    performance: bool = False,
    titles: dict[str, str] | None = None,
    top: str = "the Comparisons sheet",
) -> None:
    """Say why a criterion's name is refused here: a group in Performance, or a criterion
    on the comparison sheet of other siblings (replacing the plain 'unknown' message).

    ``titles`` (parent -> sheet) and ``top`` name where siblings are compared (an
    expert's sheets); by default the ``Sub-criteria <parent>`` sheets and Comparisons.
    """
    cells = [(1, c) for c in range(2, sheet.width + 1)]
    if not performance:
        cells += [(r, 1) for r in range(2, len(sheet.rows) + 1)]
    titles = sub_criteria_titles(tree) if titles is None else titles
    for r, c in cells:
        label = cell_name(sheet.value(r, c))
        if label is None or label not in tree.names:
            continue
        if performance:
            if label in tree.leaves:
                continue
            kids = ", ".join(repr(k) for k in tree.children(label))
            message = (
                f"performance given for {label!r}, which has sub-criteria ({kids}): a group "
                "has no performance of its own; give its sub-criteria's columns and delete "
                "this one"
            )
        else:
            home = tree.parent(label)
            if home == parent:
                continue
            what = "a top-level criterion" if home is None else f"a sub-criterion of {home!r}"
            where = top if home is None else f"the sheet {titles[home]!r}"
            message = f"{label!r} is {what}: it is compared with its siblings on {where}, not here"
        cell = cell_ref(sheet.title, r, c)
        for k, error in enumerate(out.errors):
            if error.cell == cell:
                out.errors[k] = WorkbookError(message, sheet=sheet.title, cell=cell)


def read_sub_criteria(
    book: Book,
    criteria: Sheet,
    tree: hierarchy.Hierarchy,
    top: np.ndarray | None,
    top_filled: bool,
    strict: bool,
    out: Collector,
) -> tuple[dict[str | None, np.ndarray] | None, dict[str, Sheet]]:
    """Every matrix of a hierarchy, ``{None: top, parent: matrix, ...}``, as Problem takes them.

    Used only when the top-level Comparisons sheet holds judgments; otherwise the
    typed weights are used and a filled sub-criteria sheet is reported. Also returns
    the sheets read, for the check of formulas without a calculated value.
    """
    titles = sub_criteria_titles(tree)
    sheets = book.sheets(titles.values())
    before = len(out.errors)
    matrices: dict[str | None, np.ndarray] = {} if top is None else {None: top}
    for parent, title in titles.items():
        kids = list(tree.children(parent))
        what = f"the sub-criteria of {parent!r} ({', '.join(repr(k) for k in kids)})"
        sheet = sheets.get(title)
        if sheet is None:
            if top_filled and len(kids) > 1:
                _missing_sub_criteria_sheet(criteria, parent, kids, title, out)
            continue
        matrix, filled = read_comparisons(sheet, kids, strict, out)
        explain_labels(sheet, tree, out, parent)
        if not top_filled:
            if filled:
                out.add(
                    title,
                    2,
                    3,
                    f"judgments of {what} are filled but the top-level Comparisons sheet is "
                    "empty: fill it too, or clear these to use the weights typed in Weights",
                )
            continue
        if matrix is None:
            continue
        if not filled and len(kids) > 1:
            out.add(
                title,
                2,
                3,
                f"no judgments for {what}: fill the upper triangle of this sheet",
            )
            continue
        matrices[parent] = matrix
    return (matrices if top_filled and len(out.errors) == before else None), sheets


def _parent_cell(sheet: Sheet, parent: str) -> tuple[int, int]:
    """Row and column of the first cell of the Criteria sheet naming ``parent`` as a parent."""
    columns = header_columns(sheet, ("name", "parent"), (), Collector())
    col = columns["parent"]  # a hierarchy was read, so the column is there
    row = next(r for r in range(2, len(sheet.rows) + 1) if cell_name(sheet.value(r, col)) == parent)
    return row, col


def _missing_sub_criteria_sheet(
    criteria: Sheet, parent: str, kids: Sequence[str], title: str, out: Collector
) -> None:
    """Say which sheet to add for ``parent``'s sub-criteria and how it is laid out,
    at the first Criteria cell naming ``parent`` as a parent."""
    names = ", ".join(repr(k) for k in kids)
    out.add(
        criteria.title,
        *_parent_cell(criteria, parent),
        f"{parent!r} has sub-criteria ({names}), so their pairwise comparisons need a sheet "
        f"named {title!r}; " + sub_sheet_layout(parent, kids),
    )


def sub_sheet_layout(parent: str, kids: Sequence[str]) -> str:
    """How a sheet comparing ``parent``'s sub-criteria is laid out (for 'add it' messages)."""
    last = get_column_letter(len(kids) + 1)
    return (
        "add it laid out like the Comparisons sheet: the sub-criteria's "
        f"names in row 1 (B1:{last}1) and again in column A (A2:A{len(kids) + 1}), A1 free "
        f"(for example {parent!r}), and a judgment 1/9 .. 9 in each cell of the upper "
        "triangle (row vs column)"
    )
