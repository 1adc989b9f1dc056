"""Cell values and tables of a sheet being read, and every problem found, with its cell.

:class:`Sheet` holds one worksheet's values (1-based like Excel); :class:`Collector`
gathers every :class:`~mcda_iso.WorkbookError` in reading order. The helpers read
what a cell holds (a name, a number, a judgment), a table of named columns, the
labels of a matrix, and a pairwise-comparison matrix, each problem reported at
its cell.

Examples
--------
>>> sheet = Sheet("Performance", [("alternative", "cost"), ("A", "12,5")])
>>> cell_number(sheet.value(2, 2))  # a decimal comma is read
12.5
>>> print(number_problem("1,500", "a number"))  # doctest: +ELLIPSIS
expected a number: '1,500' is ambiguous: 1500 with a thousands separator, or 1.5 with ...
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import Any

import numpy as np
from openpyxl.cell.cell import ERROR_CODES

from mcda_iso.errors import ComparisonError, WorkbookError, shorten
from mcda_iso.judgments import _components
from mcda_iso.names import canonical_name
from mcda_iso.scale import SAATY_VALUES, format_judgment, parse_decimal, parse_judgment
from mcda_iso.workbook.layout import JUDGMENT_LIST, cell_ref, column, header_keys
from mcda_iso.workbook.typed import date_problem, is_date, judgment_from_date

#: A full comparison matrix is accepted when ``a_ij * a_ji`` is within this of 1.
RECIPROCAL_TOLERANCE = 0.02


#: With ``strict_scale=True``, a judgment must be within this (relative) of a Saaty value.
SCALE_TOLERANCE = 0.01


@dataclass(frozen=True)
class BadNumber:
    """A number cell whose stored value is not a number (``<v>NaN</v>``): reported, never
    read as a value."""

    text: str

    def __str__(self) -> str:
        return self.text


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def describe(value: object) -> str:
    """Describe what a cell holds, for 'expected ..., found ...' messages."""
    if value is None:
        return "an empty cell (or a formula with no cached value)"
    if isinstance(value, bool):
        return f"the logical value {'TRUE' if value else 'FALSE'}"
    if isinstance(value, str):
        if value.strip() in ERROR_CODES:
            return f"the error value {value.strip()}"
        return f"the text {shorten(value)}"
    if isinstance(value, BadNumber):
        return (
            f"the stored number {shorten(value.text)}, which is not a number (the file was not "
            "written by Excel or LibreOffice: retype the value)"
        )
    if isinstance(value, float) and not math.isfinite(value):
        return (
            "a number too large to use (it reads as infinite)"
            if not math.isnan(value)
            else "NaN (not a number)"
        )
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 1e300:
        return f"a number too large to use ({len(str(abs(value)))} digits)"
    if isinstance(value, (datetime, date, time, timedelta)):
        return (
            f"a date or time ({value}); LibreOffice and Excel turn 1/3 typed into a number "
            "cell into a date: format the cell as Number (Format > Cells > Number) and type "
            "the number again (a fraction as a formula: =1/3)"
        )
    return repr(value)


def cell_name(value: object) -> str | None:
    """A name typed in a cell, as text (numbers typed as names become their text), in the
    one spelling names are matched in (:func:`mcda_iso.names.canonical_name`: Unicode NFC,
    so that two spellings that look the same are one name)."""
    if value.__class__ is str and value.isascii():  # NFC leaves ASCII as it is
        return value.strip() or None
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return canonical_name(value)


def known_names(names: Sequence[str], most: int = 20) -> str:
    """Names for a message: at most ``most`` of them, each at most 60 characters.

    Examples
    --------
    >>> known_names(["cost", "quality"])
    'cost, quality'
    >>> known_names([f"a{k}" for k in range(30)], most=3)
    'a0, a1, a2, … 27 more'
    """
    shown = [n if len(n) <= 60 else n[:59] + "…" for n in list(names)[:most]]
    more = len(names) - most
    return ", ".join(shown) + (f", … {more:,} more" if more > 0 else "")


def cell_text(value: object) -> str:
    return "" if is_blank(value) else str(value)


@dataclass
class Sheet:
    """The values of one worksheet, addressed 1-based like Excel."""

    title: str
    rows: list[tuple[Any, ...]]
    #: ``(row, column) -> "=..."``: formulas without a cached value (read as empty).
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Those of ``formulas`` whose value the program that saved the file did calculate, as
    #: empty text (``t="str"``); the others have no value at all.
    calculated: frozenset[tuple[int, int]] = frozenset()

    def value(self, row: int, col: int) -> Any:
        if row - 1 < len(self.rows):
            values = self.rows[row - 1]
            if col - 1 < len(values):
                return values[col - 1]
        return None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def column_has_data(self, col: int, first_row: int = 2) -> bool:
        c, rows = col - 1, self.rows[first_row - 1 :]
        if rows and min(map(len, rows)) > c:  # every row reaches the column: at once
            values = list(map(itemgetter(c), rows))
            return len(values) > values.count(None) and any(not is_blank(v) for v in values)
        return any(len(row) > c and not is_blank(row[c]) for row in rows)

    def row_has_data(self, row: int, first_col: int = 2) -> bool:
        values = self.rows[row - 1] if row - 1 < len(self.rows) else ()
        return any(not is_blank(v) for v in values[first_col - 1 :])


@dataclass
class Collector:
    """Every problem found, in reading order; empty cells remembered for a formula check."""

    errors: list[WorkbookError] = field(default_factory=list)
    empty_cells: list[tuple[int, str, int, int]] = field(default_factory=list)
    # Errors that follow from empty labels (a name missing from a header row or column).
    consequences: list[tuple[int, str]] = field(default_factory=list)
    #: How a value was read when that may surprise (a date read as the fraction typed).
    notes: list[WorkbookError] = field(default_factory=list)

    def note(self, sheet: str, row: int, col: int, message: str) -> None:
        self.notes.append(WorkbookError(message, sheet=sheet, cell=cell_ref(sheet, row, col)))

    def add(self, sheet: str, row: int | None, col: int | None, message: str) -> None:
        cell = cell_ref(sheet, row, col) if row is not None and col is not None else None
        self.errors.append(WorkbookError(message, sheet=sheet, cell=cell))

    def empty(self, sheet: str, row: int, col: int, message: str) -> None:
        self.empty_cells.append((len(self.errors), sheet, row, col))
        self.add(sheet, row, col, message)

    def consequence(self, sheet: str, row: int, col: int, message: str) -> None:
        self.consequences.append((len(self.errors), sheet))
        self.add(sheet, row, col, message)


def is_blank_sheet(sheet: Sheet) -> bool:
    """No value in any cell."""
    return all(is_blank(v) for row in sheet.rows for v in row)


def header_columns(
    sheet: Sheet, fields: Sequence[str], required: Sequence[str], out: Collector
) -> dict[str, int]:
    """Find named columns in row 1 (any order, case ignored); report missing required ones.

    A missing header is reported at the cell where the template puts it.
    """
    found: dict[str, int] = {}
    keys = header_keys(fields)  # in English and in the workbook's language
    for col, value in enumerate(sheet.rows[0] if sheet.rows else (), start=1):
        key = keys.get(value.strip().casefold()) if isinstance(value, str) else None
        if key is not None and key not in found:
            found[key] = col
    for key in required:
        if key not in found:
            col = fields.index(key) + 1
            got = sheet.value(1, col)
            out.add(
                sheet.title,
                1,
                col,
                f"missing header {column(key)!r} (found {describe(got)}); row 1 of the "
                f"{sheet.title} sheet needs the headers {', '.join(map(column, fields))}",
            )
    return found


def read_table(
    sheet: Sheet,
    fields: Sequence[str],
    required: Sequence[str],
    what: str,
    out: Collector,
) -> tuple[dict[str, int], list[tuple[int, dict[str, Any]]]]:
    """Header columns, and the rows of a name-keyed table as ``(row, {field: value})``."""
    columns = header_columns(sheet, fields, required, out)
    if not all(key in columns for key in required):
        return columns, []
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    items = list(columns.items())
    for r, line in enumerate(sheet.rows[1:], start=2):
        width = len(line)
        values = {key: line[col - 1] if col <= width else None for key, col in items}
        name = cell_name(values["name"])  # None exactly when the name cell is blank
        if name is None and all(is_blank(v) for v in values.values()):
            continue
        if name is None:
            out.empty(
                sheet.title,
                r,
                columns["name"],
                f"empty {what} name: every filled row needs a name (or clear the row)",
            )
            continue
        if name in seen:
            out.add(
                sheet.title,
                r,
                columns["name"],
                f"duplicate {what} name {name!r} (already in "
                f"{cell_ref(sheet.title, seen[name], 1)}); names must be unique",
            )
            continue
        seen[name] = r
        values["name"] = name
        rows.append((r, values))
    if not rows and "name" in columns:
        out.add(
            sheet.title,
            2,
            columns["name"],
            f"no {what} found: type at least one {what} name from row 2 down",
        )
    return columns, rows


def read_labels(
    sheet: Sheet,
    axis: str,
    known: Sequence[str] | None,
    what: str,
    source: str,
    out: Collector,
) -> dict[str, int]:
    """Map names in the header row (axis="col") or column A (axis="row") to their positions.

    Unknown, duplicate and missing names are reported; an empty label is fine
    unless its row or column holds values.
    """
    positions: dict[str, int] = {}
    known_set = frozenset(known) if known is not None else None  # 10,000 names: no list scans
    if axis == "col":
        header = sheet.rows[0] if sheet.rows else ()
        cells = [
            (1, c, header[c - 1] if c <= len(header) else None) for c in range(2, sheet.width + 1)
        ]
    else:
        cells = [(r, 1, line[0] if line else None) for r, line in enumerate(sheet.rows[1:], 2)]
    last = 1
    for r, c, value in cells:
        label = cell_name(value)
        pos = c if axis == "col" else r
        if label is None:
            has_data = sheet.column_has_data(c) if axis == "col" else sheet.row_has_data(r)
            if has_data:
                where = "above" if axis == "col" else "left of"
                out.empty(
                    sheet.title,
                    r,
                    c,
                    f"empty header {where} filled cells: expected {what} name",
                )
            continue
        last = pos
        if label in positions:
            first = positions[label]
            first_ref = (
                cell_ref(sheet.title, 1, first)
                if axis == "col"
                else cell_ref(sheet.title, first, 1)
            )
            out.add(sheet.title, r, c, f"duplicate {what} {label!r} (already in {first_ref})")
            continue
        if known_set is not None and label not in known_set:
            out.add(
                sheet.title,
                r,
                c,
                f"unknown {what} {shorten(label)}: not in the {source} sheet "
                f"(known: {known_names(known or ())}); names must match exactly",
            )
            continue
        positions[label] = pos
    for name in known or ():
        if name not in positions:
            last += 1
            r, c = (1, last) if axis == "col" else (last, 1)
            line = "row 1" if axis == "col" else "column A"
            out.consequence(
                sheet.title,
                r,
                c,
                f"no {'column' if axis == 'col' else 'row'} for {what} {name!r} "
                f"(listed in the {source} sheet); add it to {line}",
            )
    return positions


def cell_number(value: object) -> float | None:
    """A numeric cell value as float, or None if the cell does not hold a number."""
    if type(value) is float:
        return value if math.isfinite(value) else None
    if isinstance(value, str):  # typed as text: 12.5 or, with a decimal comma, 12,5
        try:
            number = parse_decimal(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer beyond the float range
        return None
    return number if math.isfinite(number) else None


def _is_fraction(text: str) -> bool:
    try:
        parse_judgment(text)
    except ComparisonError:
        return False
    return True


def number_problem(value: object, expected: str) -> str:
    if isinstance(value, str):
        try:
            parse_decimal(value)
        except ValueError as exc:
            if "ambiguous" in str(exc):  # 1,500: say both readings
                return f"expected {expected}: {exc}"
        if "/" in value and _is_fraction(value):  # 1/3 typed where a number goes
            found = describe(value)
            return (
                f"expected {expected}, found {found}, a fraction typed as text: type it as "
                "a formula, =1/3 (a number such as 0.333 is read as 333 where the point "
                "separates thousands)"
            )
    return f"expected {expected}, found {describe(value)}"


@dataclass
class _Judgment:
    value: float
    row: int
    col: int


def _judgment(sheet: Sheet, r: int, c: int, strict: bool, out: Collector) -> _Judgment | None:
    value = sheet.value(r, c)
    if is_blank(value):
        return None
    where = (sheet.title, r, c)
    if is_date(value):  # a fraction typed into a number cell, or a number with a date format
        read = judgment_from_date(value)
        if read is None:
            out.add(*where, date_problem(value))
            return _Judgment(math.nan, r, c)
        out.note(*where, read[1])
        value = read[0]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        out.add(*where, f"expected a judgment such as 3 or 1/3, found {describe(value)}")
        return _Judgment(math.nan, r, c)
    if isinstance(value, str) and value.strip() in ERROR_CODES:
        out.add(*where, f"expected a judgment such as 3 or 1/3, found {describe(value)}")
        return _Judgment(math.nan, r, c)
    try:
        number = parse_judgment(value)
    except ComparisonError as exc:
        out.add(*where, f"{exc}; judgments are 1/9 .. 9 (see the Instructions sheet)")
        return _Judgment(math.nan, r, c)
    if not 1e-300 < number < 1e300:  # its reciprocal would be 0 or infinite
        size = "small" if number < 1 else "large"
        out.add(
            *where,
            f"the judgment {number:g} is too {size} to use (its reciprocal is not a usable "
            "number); judgments are 1/9 .. 9 (see the Instructions sheet)",
        )
        return _Judgment(math.nan, r, c)
    if strict and not any(math.isclose(number, s, rel_tol=SCALE_TOLERANCE) for s in SAATY_VALUES):
        out.add(
            *where,
            f"{value!r} is not on Saaty's scale (strict mode): expected one of {JUDGMENT_LIST}",
        )
    return _Judgment(number, r, c)


def read_comparisons(
    sheet: Sheet,
    criteria: Sequence[str] | None,
    strict: bool,
    out: Collector,
    what: tuple[str, str] = ("criterion", "Criteria"),
    links: bool = True,
) -> tuple[np.ndarray | None, bool]:
    """The comparison matrix (NaN = no judgment) and whether any judgment was typed.

    ``links``: also report criteria that no chain of judgments links to the others
    (False when the judgments are not used, e.g. weights are typed beside them).

    ``what``: the items compared and the sheet listing them (alternatives sheets
    compare alternatives).
    """
    before = len(out.errors)
    cols = read_labels(sheet, "col", criteria, *what, out)
    rows = read_labels(sheet, "row", criteria, *what, out)
    names = list(criteria) if criteria is not None else [n for n in cols if n in rows]
    n = len(names)
    matrix = np.full((n, n), np.nan)
    np.fill_diagonal(matrix, 1.0)
    filled = False
    title = sheet.title
    for i, a in enumerate(names):
        if a not in rows or a not in cols:
            continue
        diag = _judgment(sheet, rows[a], cols[a], False, out)
        if diag is not None and not math.isnan(diag.value) and not math.isclose(diag.value, 1.0):
            out.add(
                title,
                rows[a],
                cols[a],
                f"{a!r} compared with itself must be 1 (or left empty), "
                f"found {describe(diag.value)}",
            )
        for j in range(i + 1, n):
            b = names[j]
            if b not in rows or b not in cols:
                continue
            x = _judgment(sheet, rows[a], cols[b], strict, out)
            y = _judgment(sheet, rows[b], cols[a], strict, out)
            filled = filled or x is not None or y is not None
            if x is None and y is None:
                continue
            if x is not None and y is not None:
                if math.isnan(x.value) or math.isnan(y.value):
                    continue
                # Keep the judgment in the sheet's upper triangle; the other must agree.
                upper, lower = (x, y) if x.row < x.col else (y, x)
                if abs(upper.value * lower.value - 1.0) > RECIPROCAL_TOLERANCE:
                    out.add(
                        title,
                        lower.row,
                        lower.col,
                        f"{a!r} vs {b!r} is judged twice and the judgments disagree: "
                        f"{format_judgment(upper.value)} in "
                        f"{cell_ref(title, upper.row, upper.col)} and "
                        f"{format_judgment(lower.value)} in "
                        f"{cell_ref(title, lower.row, lower.col)} "
                        f"(expected {format_judgment(1 / upper.value)}, the reciprocal); "
                        "fill the upper triangle only, or correct one of them",
                    )
                    continue
                x = upper if upper is x else None
                y = None if x is not None else upper
            if x is not None and not math.isnan(x.value):
                matrix[i, j], matrix[j, i] = x.value, 1.0 / x.value
            elif y is not None and not math.isnan(y.value):
                matrix[j, i], matrix[i, j] = y.value, 1.0 / y.value
    if filled and links and len(out.errors) == before:
        _check_connected(sheet, names, rows, cols, matrix, out)
    return (matrix if len(out.errors) == before else None), filled


def _check_connected(
    sheet: Sheet,
    names: Sequence[str],
    rows: dict[str, int],
    cols: dict[str, int],
    matrix: np.ndarray,
    out: Collector,
) -> None:
    """Report criteria that no chain of judgments links to the others, at a cell to fill."""
    groups = _components(np.isnan(matrix))
    main = groups[0]
    for group in groups[1:]:
        i, j = sorted((main[0], group[0]))
        out.add(
            sheet.title,
            rows[names[i]],
            cols[names[j]],
            "no judgment links "
            + ", ".join(repr(names[k]) for k in group)
            + " with "
            + ", ".join(repr(names[k]) for k in main)
            + ", so they cannot be weighed against each other: fill at least one judgment "
            f"between the two groups, for example this cell ({names[i]!r} vs {names[j]!r})",
        )


def criterion_row(
    title: str,
    r: int,
    col: int,
    name: str,
    seen: dict[str, int],
    criteria: Sequence[str] | None,
    out: Collector,
) -> bool:
    """Whether the criterion named in a row of Weights or Requirements can be used: not
    named in an earlier row (``seen``, updated here), and one of ``criteria`` if known."""
    if name in seen:
        first = cell_ref(title, seen[name], col)
        out.add(title, r, col, f"duplicate criterion {name!r} (already in {first})")
        return False
    seen[name] = r
    if criteria is not None and name not in criteria:
        out.add(
            title,
            r,
            col,
            f"unknown criterion {shorten(name)}: not in the Criteria sheet "
            f"(known: {known_names(criteria)})",
        )
        return False
    return True
