"""Excel workbooks: a template to fill in, a validating reader, a results workbook.

This is the only module that imports openpyxl. The workbook format (every
sheet, column, allowed value and error message) is described in
``docs/workbook.md``.

* :func:`write_template` writes a workbook ready to fill in, blank or
  pre-filled with a built-in scenario (or any :class:`~mcda_iso.Problem`).
* :func:`validate_workbook` lists *every* problem in a filled workbook, each
  a :class:`~mcda_iso.WorkbookError` with ``.sheet`` and ``.cell``
  (``"Comparisons!D3"``); :func:`read_workbook` returns the
  :class:`~mcda_iso.Problem` or raises one error holding them all.
* :func:`write_results` writes the ranking (Summary, Ranking, Weights and
  Consistency sheets, with native Excel charts) together with the input
  sheets, so that a results workbook can be read back and ranked again.

Reading is done the way pandas reads workbooks (``read_only=True,
data_only=True, keep_links=False``): formulas are never evaluated here; the
value Excel or LibreOffice cached when saving is used, and a formula without a
cached value is reported with its cell. Macros of ``.xlsm`` files are neither
kept nor run. Writing goes to a temporary file in the target folder, renamed
over the target only once complete; an existing file is only replaced with
``overwrite=True``. Text starting with ``=``, ``+``, ``-`` or ``@`` is always
written as text, never as a formula.

Examples
--------
>>> import tempfile, pathlib
>>> from mcda_iso import load_scenario, read_workbook, write_template
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = write_template(folder / "iso.xlsx", scenario="iso9001", profile="small-business")
>>> read_workbook(path) == load_scenario("iso9001", profile="small-business")
True
"""

from __future__ import annotations

import math
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import numpy as np
import openpyxl
import pandas as pd
from defusedxml import DefusedXmlException
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError, InvalidFileException
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso import ahp
from mcda_iso.errors import ComparisonError, MCDAError, WorkbookError
from mcda_iso.problem import KINDS, Alternative, Criterion, Problem
from mcda_iso.ranking import Result
from mcda_iso.scale import SAATY_VALUES, SAATY_WORDS, format_judgment, parse_judgment
from mcda_iso.scenarios import read_scenario
from mcda_iso.sensitivity import COMPARED_METHODS, SensitivityReport

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "RECIPROCAL_TOLERANCE",
    "SHEETS",
    "read_workbook",
    "validate_workbook",
    "write_results",
    "write_template",
]

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

#: A sheet with more rows or columns than this is refused as absurdly large for this job.
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
#: Refuse archives whose parts would unpack to more than this many bytes (zip bombs).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

#: A full comparison matrix is accepted when ``a_ij * a_ji`` is within this of 1.
RECIPROCAL_TOLERANCE = 0.02
#: With ``strict_scale=True``, a judgment must be within this (relative) of a Saaty value.
SCALE_TOLERANCE = 0.01

_JUDGMENT_LIST = ",".join(format_judgment(v) for v in SAATY_VALUES)
_FORMULA_START = ("=", "+", "-", "@")
_ILLEGAL_HINT = "control characters cannot be stored in a workbook"

# Template look: headers, cells to fill, derived cells, verdicts.
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_INPUT_FILL = PatternFill("solid", start_color="FFF2CC")
_DERIVED_FILL = PatternFill("solid", start_color="EDEDED")
_WARN_FILL = PatternFill("solid", start_color="FFC7CE")
_OK_FILL = PatternFill("solid", start_color="C6EFCE")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WARN_FONT = Font(bold=True, color="9C0006")
_OK_FONT = Font(color="006100")
_WRAP = Alignment(wrap_text=True, vertical="top")
_AUTHOR = "mcda_iso"

# How many empty rows/slots a blank template offers.
_BLANK_CRITERIA = 10
_BLANK_ALTERNATIVES = 20
_EXTRA_ROWS = 10  # empty input rows below pre-filled data

_METHOD_TITLES = {"topsis": "TOPSIS", "ahp": "AHP synthesis (distributive mode)"}

# Header notes (shown as cell comments in the template).
_NOTES = {
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
    "comparisons": "How much more important is the ROW criterion than the COLUMN criterion? "
    "Fill the yellow upper triangle with 1/9 .. 9 (see Instructions); the grey lower "
    "triangle may stay empty.",
}


# ----------------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------------


def _ref(sheet: str, row: int, col: int) -> str:
    return f"{sheet}!{get_column_letter(col)}{row}"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _found(value: object) -> str:
    """Describe what a cell holds, for 'expected ..., found ...' messages."""
    if value is None:
        return "an empty cell (or a formula with no cached value)"
    if isinstance(value, bool):
        return f"the logical value {'TRUE' if value else 'FALSE'}"
    if isinstance(value, str):
        if value.strip() in ERROR_CODES:
            return f"the error value {value.strip()}"
        return f"the text {value!r}"
    if isinstance(value, (datetime, date, time, timedelta)):
        return (
            f"a date or time ({value}); Excel turns '1/3' typed into a number cell into a "
            "date: format the cell as Text, or type =1/3"
        )
    return repr(value)


def _name(value: object) -> str | None:
    """A name typed in a cell, as text (numbers typed as names become their text)."""
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class _Sheet:
    """The values of one worksheet, addressed 1-based like Excel."""

    title: str
    rows: list[tuple[Any, ...]]

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
        return any(not _blank(self.value(r, col)) for r in range(first_row, len(self.rows) + 1))

    def row_has_data(self, row: int, first_col: int = 2) -> bool:
        values = self.rows[row - 1] if row - 1 < len(self.rows) else ()
        return any(not _blank(v) for v in values[first_col - 1 :])


@dataclass
class _Collector:
    """Every problem found, in reading order; empty cells remembered for a formula check."""

    errors: list[WorkbookError] = field(default_factory=list)
    empty_cells: list[tuple[int, str, int, int]] = field(default_factory=list)

    def add(self, sheet: str, row: int | None, col: int | None, message: str) -> None:
        cell = _ref(sheet, row, col) if row is not None and col is not None else None
        self.errors.append(WorkbookError(message, sheet=sheet, cell=cell))

    def empty(self, sheet: str, row: int, col: int, message: str) -> None:
        self.empty_cells.append((len(self.errors), sheet, row, col))
        self.add(sheet, row, col, message)


def _too_large(path: Path, title: str, rows: object, cols: object) -> WorkbookError:
    return WorkbookError(
        f"{path.name}: sheet {title!r} is too large for a decision workbook "
        f"({rows} rows x {cols} columns; at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns "
        "are read). Delete the unused rows and columns, or copy the data into a fresh template.",
        sheet=title,
    )


def _read_rows(ws: Any, path: Path) -> list[tuple[Any, ...]]:
    """Stream a read-only worksheet into tuples of values, refusing absurd sizes."""
    declared_rows, declared_cols = ws.max_row or 0, ws.max_column or 0
    if declared_rows > MAX_ROWS or declared_cols > MAX_COLUMNS:
        raise _too_large(path, ws.title, declared_rows, declared_cols)
    # The declared size may be wrong (some writers leave 'A1'); read what is really there.
    ws.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    for values in ws.iter_rows(values_only=True):
        if len(rows) >= MAX_ROWS:
            raise _too_large(path, ws.title, f"more than {MAX_ROWS:,}", "?")
        if len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:]):
            raise _too_large(path, ws.title, len(rows) + 1, len(values))
        rows.append(values)
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    return rows


def _not_a_workbook(path: Path, why: str) -> WorkbookError:
    return WorkbookError(f"{path.name} is not an Excel workbook (.xlsx or .xlsm): {why}")


def _check_file(path: Path) -> None:
    """Cheap checks before openpyxl sees the file: exists, not empty, a zip, not a bomb."""
    if not path.exists():
        raise WorkbookError(f"cannot read {path}: no such file")
    if path.is_dir():
        raise WorkbookError(f"cannot read {path}: it is a folder, not a workbook")
    size = path.stat().st_size
    if size == 0:
        raise _not_a_workbook(path, "the file is empty (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _not_a_workbook(
            path, "it is an old-style .xls file (or encrypted); save it as .xlsx in Excel"
        )
    if not zipfile.is_zipfile(path):
        text = head.decode("ascii", "replace")
        hint = " (it looks like text, e.g. CSV: open it in Excel and save as .xlsx)"
        raise _not_a_workbook(
            path, "its content is not a zip archive" + (hint if text.isprintable() else "")
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_a_workbook(path, f"damaged zip archive ({exc})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"{path.name} is too large for a decision workbook: it unpacks to "
            f"{unpacked / 2**20:,.0f} MiB (at most {MAX_UNPACKED_BYTES / 2**20:,.0f} MiB are read)"
        )


# Exceptions a hostile or damaged file can raise inside openpyxl / the XML parser.
_HOSTILE = (
    DefusedXmlException,
    ParseError,
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    EOFError,
)


def _load_sheets(path: Path, names: Iterable[str], *, data_only: bool = True) -> dict[str, Any]:
    """Read the named sheets (matched ignoring case) as ``{canonical name: _Sheet}``.

    The file is opened here and handed to openpyxl as a handle, so that it is
    closed on every path, including a failure half-way through openpyxl's own
    loading (which would otherwise leave its archive open).
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise WorkbookError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        try:
            wb = openpyxl.load_workbook(
                handle, read_only=True, data_only=data_only, keep_links=False
            )
        except MCDAError:
            raise
        except (*_HOSTILE, OSError) as exc:
            raise _not_a_workbook(path, _why(exc)) from exc
        try:
            by_key = {title.strip().casefold(): title for title in wb.sheetnames}
            sheets: dict[str, Any] = {}
            for name in names:
                title = by_key.get(name.casefold())
                if title is not None:
                    sheets[name] = _Sheet(name, _read_rows(wb[title], path))
            return sheets
        except MCDAError:
            raise
        except (*_HOSTILE, OSError) as exc:
            raise _not_a_workbook(path, _why(exc)) from exc
        finally:
            wb.close()


def _why(exc: BaseException) -> str:
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps parser errors in its own ValueError
        if isinstance(cause, DefusedXmlException):
            return (
                f"it contains forbidden XML constructs ({type(cause).__name__}, e.g. entity "
                "definitions), refused for safety"
            )
        cause = cause.__cause__ or cause.__context__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _header_columns(
    sheet: _Sheet, fields: Sequence[str], required: Sequence[str], out: _Collector
) -> dict[str, int]:
    """Find named columns in row 1 (any order, case ignored); report missing required ones.

    A missing header is reported at the cell where the template puts it.
    """
    found: dict[str, int] = {}
    for col, value in enumerate(sheet.rows[0] if sheet.rows else (), start=1):
        key = value.strip().casefold() if isinstance(value, str) else None
        if key in fields and key not in found:
            found[key] = col
    for key in required:
        if key not in found:
            col = fields.index(key) + 1
            got = sheet.value(1, col)
            out.add(
                sheet.title,
                1,
                col,
                f"missing header {key!r} (found {_found(got)}); row 1 of the {sheet.title} "
                f"sheet needs the headers {', '.join(fields)}",
            )
    return found


def _read_table(
    sheet: _Sheet,
    fields: Sequence[str],
    required: Sequence[str],
    what: str,
    out: _Collector,
) -> tuple[dict[str, int], list[tuple[int, dict[str, Any]]]]:
    """Header columns, and the rows of a name-keyed table as ``(row, {field: value})``."""
    columns = _header_columns(sheet, fields, required, out)
    if not all(key in columns for key in required):
        return columns, []
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for r in range(2, len(sheet.rows) + 1):
        values = {key: sheet.value(r, col) for key, col in columns.items()}
        if all(_blank(v) for v in values.values()):
            continue
        name = _name(values["name"])
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
                f"duplicate {what} name {name!r} (already in {_ref(sheet.title, seen[name], 1)}); "
                "names must be unique",
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


def _text(value: object) -> str:
    return "" if _blank(value) else str(value)


def _read_criteria(sheet: _Sheet, out: _Collector) -> list[Criterion] | None:
    fields = ("name", "kind", "description", "unit")
    before = len(out.errors)
    criteria = []
    columns, rows = _read_table(sheet, fields, ("name", "kind"), "criterion", out)
    for r, values in rows:
        kind = values.get("kind")
        key = kind.strip().casefold() if isinstance(kind, str) else None
        col = columns["kind"]
        if key not in KINDS:
            message = (
                f"criterion {values['name']!r} has no kind"
                if _blank(kind)
                else f"criterion {values['name']!r} has unknown kind: found {_found(kind)}"
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
                    values["name"], key, _text(values.get("description")), _text(values.get("unit"))
                )
            )
        except MCDAError as exc:
            out.add(sheet.title, r, 1, str(exc))
    return criteria if len(out.errors) == before else None


def _read_alternatives(sheet: _Sheet, out: _Collector) -> list[Alternative] | None:
    before = len(out.errors)
    alternatives = []
    _, rows = _read_table(sheet, ("name", "description"), ("name",), "alternative", out)
    for r, values in rows:
        try:
            alternatives.append(Alternative(values["name"], _text(values.get("description"))))
        except MCDAError as exc:
            out.add(sheet.title, r, 1, str(exc))
    return alternatives if len(out.errors) == before else None


def _labels(
    sheet: _Sheet,
    axis: str,
    known: Sequence[str] | None,
    what: str,
    source: str,
    out: _Collector,
) -> dict[str, int]:
    """Map names in the header row (axis="col") or column A (axis="row") to their positions.

    Unknown, duplicate and missing names are reported; an empty label is fine
    unless its row or column holds values.
    """
    positions: dict[str, int] = {}
    known_set = frozenset(known) if known is not None else None  # 10,000 names: no list scans
    if axis == "col":
        cells = [(1, c) for c in range(2, sheet.width + 1)]
    else:
        cells = [(r, 1) for r in range(2, len(sheet.rows) + 1)]
    last = 1
    for r, c in cells:
        label = _name(sheet.value(r, c))
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
                _ref(sheet.title, 1, first) if axis == "col" else _ref(sheet.title, first, 1)
            )
            out.add(sheet.title, r, c, f"duplicate {what} {label!r} (already in {first_ref})")
            continue
        if known_set is not None and label not in known_set:
            out.add(
                sheet.title,
                r,
                c,
                f"unknown {what} {label!r}: not in the {source} sheet "
                f"(known: {', '.join(known)}); names must match exactly",
            )
            continue
        positions[label] = pos
    for name in known or ():
        if name not in positions:
            last += 1
            r, c = (1, last) if axis == "col" else (last, 1)
            line = "row 1" if axis == "col" else "column A"
            out.add(
                sheet.title,
                r,
                c,
                f"no {'column' if axis == 'col' else 'row'} for {what} {name!r} "
                f"(listed in the {source} sheet); add it to {line}",
            )
    return positions


def _number(value: object) -> float | None:
    """A numeric cell value as float, or None if the cell does not hold a number."""
    if type(value) is float or type(value) is int:
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _number_problem(value: object, expected: str) -> str:
    hint = ""
    if isinstance(value, str):
        try:
            float(value.replace(",", "."))
            hint = " (a number stored as text: retype it, or format the cell as Number)"
        except ValueError:
            pass
    return f"expected {expected}, found {_found(value)}{hint}"


def _read_performance(
    sheet: _Sheet,
    criteria: Sequence[str] | None,
    alternatives: Sequence[str] | None,
    out: _Collector,
) -> np.ndarray | None:
    before = len(out.errors)
    cols = _labels(sheet, "col", criteria, "criterion", "Criteria", out)
    rows = _labels(sheet, "row", alternatives, "alternative", "Alternatives", out)
    crit = list(criteria) if criteria is not None else list(cols)
    alts = list(alternatives) if alternatives is not None else list(rows)
    grid = np.full((len(alts), len(crit)), np.nan)
    col_index = [(cols[c] - 1, j) for j, c in enumerate(crit) if c in cols]
    title = sheet.title
    for i, name in enumerate(alts):
        if name not in rows:
            continue
        r = rows[name]
        values = sheet.rows[r - 1]
        width = len(values)
        for c0, j in col_index:
            value = values[c0] if c0 < width else None
            kind = type(value)
            if kind is float or kind is int:
                grid[i, j] = value
                continue
            number = _number(value)
            if number is not None:
                grid[i, j] = number
                continue
            message = _number_problem(value, f"a number for {name!r} on {crit[j]!r}")
            if value is None:
                out.empty(title, r, c0 + 1, message)
            else:
                out.add(title, r, c0 + 1, message)
    return grid if len(out.errors) == before else None


@dataclass
class _Judgment:
    value: float
    row: int
    col: int


def _judgment(sheet: _Sheet, r: int, c: int, strict: bool, out: _Collector) -> _Judgment | None:
    value = sheet.value(r, c)
    if _blank(value):
        return None
    where = (sheet.title, r, c)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        out.add(*where, f"expected a judgment such as 3 or 1/3, found {_found(value)}")
        return _Judgment(math.nan, r, c)
    if isinstance(value, str) and value.strip() in ERROR_CODES:
        out.add(*where, f"expected a judgment such as 3 or 1/3, found {_found(value)}")
        return _Judgment(math.nan, r, c)
    try:
        number = parse_judgment(value)
    except ComparisonError as exc:
        out.add(*where, f"{exc}; judgments are 1/9 .. 9 (see the Instructions sheet)")
        return _Judgment(math.nan, r, c)
    if strict and not any(math.isclose(number, s, rel_tol=SCALE_TOLERANCE) for s in SAATY_VALUES):
        out.add(
            *where,
            f"{value!r} is not on Saaty's scale (strict mode): expected one of {_JUDGMENT_LIST}",
        )
    return _Judgment(number, r, c)


def _read_comparisons(
    sheet: _Sheet, criteria: Sequence[str] | None, strict: bool, out: _Collector
) -> tuple[np.ndarray | None, bool]:
    """The comparison matrix (NaN = no judgment) and whether any judgment was typed."""
    before = len(out.errors)
    cols = _labels(sheet, "col", criteria, "criterion", "Criteria", out)
    rows = _labels(sheet, "row", criteria, "criterion", "Criteria", out)
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
                f"{a!r} compared with itself must be 1 (or left empty), found {_found(diag.value)}",
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
                        f"{_ref(title, upper.row, upper.col)} and "
                        f"{format_judgment(lower.value)} in {_ref(title, lower.row, lower.col)} "
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
    return (matrix if len(out.errors) == before else None), filled


def _read_weights(
    sheet: _Sheet, criteria: Sequence[str] | None, out: _Collector, comparisons_filled: bool
) -> tuple[dict[str, float] | None, int | None]:
    """Typed weights by criterion, and the row of the first weight typed (None if none)."""
    fields = ("criterion", "weight")
    probe = _Collector()
    columns = _header_columns(sheet, fields, fields, probe)
    if "weight" not in columns or "criterion" not in columns:
        # A results workbook's Weights sheet (derived weights) has no 'weight' column.
        if not comparisons_filled:
            out.errors.extend(probe.errors)
        return None, None
    wcol, ccol = columns["weight"], columns["criterion"]
    first = next(
        (r for r in range(2, len(sheet.rows) + 1) if not _blank(sheet.value(r, wcol))), None
    )
    if first is None or comparisons_filled:
        return None, first
    before = len(out.errors)
    weights: dict[str, float] = {}
    seen: dict[str, int] = {}
    title = sheet.title
    for r in range(2, len(sheet.rows) + 1):
        name, value = _name(sheet.value(r, ccol)), sheet.value(r, wcol)
        if name is None:
            if not _blank(value):
                out.empty(title, r, ccol, "empty criterion name next to a weight")
            continue
        if name in seen:
            out.add(
                title,
                r,
                ccol,
                f"duplicate criterion {name!r} (already in {_ref(title, seen[name], ccol)})",
            )
            continue
        seen[name] = r
        if criteria is not None and name not in criteria:
            out.add(
                title,
                r,
                ccol,
                f"unknown criterion {name!r}: not in the Criteria sheet "
                f"(known: {', '.join(criteria)})",
            )
            continue
        number = _number(value)
        if number is None:
            message = _number_problem(value, f"a weight (a number, 0 or more) for {name!r}")
            (out.empty if value is None else out.add)(title, r, wcol, message)
            continue
        if number < 0:
            out.add(title, r, wcol, f"a weight cannot be negative: found {number:g} for {name!r}")
            continue
        weights[name] = number
    last = max(seen.values(), default=1)
    for name in criteria or ():
        if name not in seen:
            last += 1
            out.add(title, last, ccol, f"no weight for criterion {name!r}; add a row for it")
    if len(out.errors) == before and weights and sum(weights.values()) <= 0:
        out.add(title, first, wcol, "the weights are all zero: at least one must be positive")
    return (weights if len(out.errors) == before else None), first


def _read_requirements(
    sheet: _Sheet, criteria: Sequence[str] | None, out: _Collector
) -> dict[str, dict[str, float]] | None:
    fields = ("criterion", "minimum", "maximum")
    columns = _header_columns(sheet, fields, ("criterion",), out)
    if "criterion" not in columns:
        return None
    if "minimum" not in columns and "maximum" not in columns:
        out.add(sheet.title, 1, 2, "missing headers 'minimum' and 'maximum'")
        return None
    title, ccol = sheet.title, columns["criterion"]
    bounds: dict[str, dict[str, float]] = {}
    seen: dict[str, int] = {}
    for r in range(2, len(sheet.rows) + 1):
        name = _name(sheet.value(r, ccol))
        cells = {
            key: sheet.value(r, columns[key]) for key in ("minimum", "maximum") if key in columns
        }
        if all(_blank(v) for v in cells.values()):
            continue
        if name is None:
            out.empty(title, r, ccol, "empty criterion name next to a bound")
            continue
        if name in seen:
            out.add(
                title,
                r,
                ccol,
                f"duplicate criterion {name!r} (already in {_ref(title, seen[name], ccol)})",
            )
            continue
        seen[name] = r
        if criteria is not None and name not in criteria:
            out.add(
                title,
                r,
                ccol,
                f"unknown criterion {name!r}: not in the Criteria sheet "
                f"(known: {', '.join(criteria)})",
            )
            continue
        pair: dict[str, float] = {}
        for key, value in cells.items():
            if _blank(value):
                continue
            number = _number(value)
            if number is None:
                out.add(
                    title,
                    r,
                    columns[key],
                    _number_problem(value, f"a {key} (a number) or an empty cell"),
                )
            else:
                pair[key] = number
        if "minimum" in pair and "maximum" in pair and pair["minimum"] > pair["maximum"]:
            out.add(
                title,
                r,
                columns["maximum"],
                f"the maximum {pair['maximum']:g} is below the minimum {pair['minimum']:g} in "
                f"{_ref(title, r, columns['minimum'])}: no alternative could meet both",
            )
            continue
        bounds[name] = pair
    return bounds or None


def _check_formulas(path: Path, sheets: dict[str, _Sheet], out: _Collector) -> None:
    """Report formulas that have no cached value (the reader never calculates formulas).

    With ``data_only=True`` such a cell reads as empty. In Comparisons and
    Requirements an empty cell is allowed (no judgment, no bound), so these
    sheets are always checked; other sheets only where an empty cell was
    already reported, to say why it is empty.
    """
    wanted = {"Comparisons", "Requirements"} & set(sheets)
    wanted |= {sheet for _, sheet, _, _ in out.empty_cells}
    if not wanted:
        return
    formulas = _load_sheets(path, wanted, data_only=False)

    def message(formula: str) -> str:
        return (
            f"holds the formula {formula} but no calculated value (the file was saved by a "
            "program that does not calculate formulas): open and save it in Excel or "
            "LibreOffice, or type the value instead"
        )

    explained: set[tuple[str, int, int]] = set()
    for index, sheet, r, c in out.empty_cells:
        value = formulas[sheet].value(r, c) if sheet in formulas else None
        if isinstance(value, str) and value.startswith("="):
            out.errors[index] = WorkbookError(
                message(value), sheet=sheet, cell=out.errors[index].cell
            )
            explained.add((sheet, r, c))
    for name in ("Comparisons", "Requirements"):
        if name not in formulas:
            continue
        # Value cells only (labels are in row 1 and column A).
        for r, values in enumerate(formulas[name].rows[1:], start=2):
            for c, value in enumerate(values[1:], start=2):
                if (
                    isinstance(value, str)
                    and value.startswith("=")
                    and sheets[name].value(r, c) is None
                    and (name, r, c) not in explained
                ):
                    out.add(name, r, c, message(value))


def _read(
    path: str | os.PathLike[str], strict_scale: bool
) -> tuple[Problem | None, list[WorkbookError]]:
    path = Path(path)
    _check_file(path)
    names = ("Criteria", "Alternatives", "Performance", "Comparisons", "Weights", "Requirements")
    sheets = _load_sheets(path, names)
    out = _Collector()
    for required in ("Criteria", "Alternatives", "Performance"):
        if required not in sheets:
            out.add(
                required, None, None, f"missing sheet {required!r} (start from `mcda-iso template`)"
            )
    if "Comparisons" not in sheets and "Weights" not in sheets:
        out.add(
            "Comparisons",
            None,
            None,
            "missing sheet 'Comparisons' (pairwise judgments) or 'Weights' "
            "(weights typed directly)",
        )
    criteria = _read_criteria(sheets["Criteria"], out) if "Criteria" in sheets else None
    alternatives = (
        _read_alternatives(sheets["Alternatives"], out) if "Alternatives" in sheets else None
    )
    c_names = [c.name for c in criteria] if criteria is not None else None
    a_names = [a.name for a in alternatives] if alternatives is not None else None
    performance = None
    if "Performance" in sheets:
        performance = _read_performance(sheets["Performance"], c_names, a_names, out)
    comparisons, filled = None, False
    if "Comparisons" in sheets:
        comparisons, filled = _read_comparisons(sheets["Comparisons"], c_names, strict_scale, out)
    weights, first_weight = None, None
    if "Weights" in sheets:
        weights, first_weight = _read_weights(sheets["Weights"], c_names, out, filled)
    if filled and first_weight is not None:
        wcol = _header_columns(sheets["Weights"], ("criterion", "weight"), (), _Collector())
        out.add(
            "Weights",
            first_weight,
            wcol.get("weight", 2),
            "both the Comparisons sheet (pairwise judgments) and the weight column of the Weights "
            "sheet are filled; a problem uses one of them: clear the weight column to use the "
            "comparisons, or clear the judgments to use the typed weights",
        )
    elif not filled and first_weight is None and ("Comparisons" in sheets or "Weights" in sheets):
        sheet, r, c = ("Comparisons", 2, 3) if "Comparisons" in sheets else ("Weights", 2, 2)
        out.add(
            sheet,
            r,
            c,
            "no preferences given: fill the upper triangle of the Comparisons sheet (pairwise "
            "judgments) or the weight column of the Weights sheet",
        )
    requirements = None
    if "Requirements" in sheets:
        requirements = _read_requirements(sheets["Requirements"], c_names, out)
    _check_formulas(path, sheets, out)
    if out.errors:
        return None, out.errors
    assert criteria is not None and alternatives is not None  # no errors → all read
    try:
        problem = Problem(
            criteria,
            alternatives,
            performance,
            comparisons=comparisons if filled else None,
            weights=weights,
            requirements=requirements,
        )
    except MCDAError as exc:
        return None, [WorkbookError(str(exc))]
    return problem, []


def validate_workbook(
    path: str | os.PathLike[str], *, strict_scale: bool = False
) -> list[WorkbookError]:
    """Every problem found in a filled workbook; an empty list means it is valid.

    Parameters
    ----------
    path : str or path-like
        An ``.xlsx`` or ``.xlsm`` workbook (macros are ignored).
    strict_scale : bool
        Also require every judgment to be on Saaty's scale (1/9 .. 9).

    Returns
    -------
    list of WorkbookError
        Each with ``.sheet``, ``.cell`` (``"Performance!C4"``, or None for
        a whole sheet or file) and ``.message``. A file that cannot be read at
        all gives a single error.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mcda_iso import validate_workbook, write_template
    >>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "blank.xlsx")
    >>> [e.cell for e in validate_workbook(path)][:2]
    ['Criteria!A2', 'Alternatives!A2']
    """
    try:
        _, errors = _read(path, strict_scale)
    except WorkbookError as exc:
        return list(exc.errors)
    return errors


def read_workbook(path: str | os.PathLike[str], *, strict_scale: bool = False) -> Problem:
    """Read a filled workbook (see ``docs/workbook.md``) into a validated :class:`Problem`.

    Parameters
    ----------
    path : str or path-like
        An ``.xlsx`` or ``.xlsm`` workbook; it is only read, never modified.
    strict_scale : bool
        Also require every judgment to be on Saaty's scale (1/9 .. 9).

    Returns
    -------
    Problem
        Using the Comparisons sheet when it holds any judgment, otherwise the
        weights typed in the Weights sheet.

    Raises
    ------
    WorkbookError
        Listing every problem found; ``.errors`` holds them one by one, and
        ``.sheet``/``.cell`` are those of the first.
    """
    problem, errors = _read(path, strict_scale)
    if errors:
        raise WorkbookError(
            f"{Path(path).name}: {len(errors)} problem{'s' if len(errors) > 1 else ''} found",
            sheet=errors[0].sheet,
            cell=errors[0].cell,
            errors=errors,
        )
    assert problem is not None
    return problem


# ----------------------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> Any:
    """Write one value; text is always text (never a formula), numbers are plain floats."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, np.generic):
        value = value.item()
    try:
        cell.value = value
    except IllegalCharacterError as exc:
        raise WorkbookError(
            f"cannot write {value!r}: {_ILLEGAL_HINT}",
            sheet=ws.title,
            cell=_ref(ws.title, row, col),
        ) from exc
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _formula(ws: Worksheet, row: int, col: int, formula: str, **style: Any) -> Any:
    """Write a formula of our own (blank template only)."""
    cell = ws.cell(row=row, column=col, value=formula)
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _header(ws: Worksheet, row: int, col: int, text: str, note: str | None = None) -> None:
    cell = _put(ws, row, col, text, font=_BOLD, fill=_HEADER_FILL)
    if note:
        comment = Comment(note, _AUTHOR)
        comment.width, comment.height = 300, 110
        cell.comment = comment


def _widths(ws: Worksheet, widths: dict[int, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(8.0, min(60.0, width))


def _fit(values: Iterable[Any], minimum: float = 10) -> float:
    return max([minimum, *(len(str(v)) + 2 for v in values if v is not None)])


def _validation(ws: Worksheet, dv: DataValidation, *refs: str) -> None:
    for ref in refs:
        dv.add(ref)
    ws.add_data_validation(dv)


def _instructions(wb: Workbook, title: str | None) -> None:
    ws = wb.create_sheet("Instructions")
    lines: list[tuple[str, Any, Any]] = [
        ("title", "Decision workbook: is ISO 9001 certification worth it for us?", None),
    ]
    if title:
        lines.append(("text", f"Pre-filled with the scenario: {title}.", None))
        lines.append(
            (
                "text",
                "Its performance ratings are illustrative assumptions: replace them with your own.",
                None,
            )
        )
    lines += [
        ("text", "", None),
        ("head", "What to fill (yellow cells are yours; grey cells are filled for you)", None),
        (
            "text",
            "1. Criteria: one row per criterion: name, kind (benefit = more is better, "
            "cost = less is better), optional description and unit.",
            None,
        ),
        ("text", "2. Alternatives: one row per option you are choosing between.", None),
        (
            "text",
            "3. Performance: how each alternative does on each criterion (numbers). "
            "Row and column names must match the Criteria and Alternatives sheets exactly.",
            None,
        ),
        (
            "text",
            "4. Preferences, ONE of: (a) Comparisons: compare the criteria pairwise "
            "(recommended), or (b) Weights: type a weight per criterion. Fill only one.",
            None,
        ),
        (
            "text",
            "5. Requirements (optional): a minimum and/or maximum per criterion; "
            "alternatives outside a bound are screened out before ranking.",
            None,
        ),
        (
            "text",
            "Then: `mcda-iso validate FILE.xlsx` lists every mistake by cell, and "
            "`mcda-iso rank FILE.xlsx` writes FILE-results.xlsx with the ranking.",
            None,
        ),
        ("text", "", None),
        (
            "head",
            "Comparisons: how much more important is the ROW criterion than the COLUMN criterion?",
            None,
        ),
        (
            "text",
            "Fill the upper triangle (right of the grey diagonal). The lower triangle may "
            "stay empty: it is the reciprocal. Type fractions as 1/3 (the cells are formatted as "
            "Text so that Excel does not turn 1/3 into a date).",
            None,
        ),
        ("text", "", None),
        ("scalehead", "value", "meaning (Saaty's 1-9 scale)"),
    ]
    for k in range(1, 10):
        if k in SAATY_WORDS:
            words = SAATY_WORDS[k]
        else:
            words = f"between {SAATY_WORDS[k - 1]} and {SAATY_WORDS[k + 1]}"
        words = words if k == 1 else f"the row criterion over the column criterion: {words}"
        lines.append(("scale", str(k), words))
    for k in (3, 5, 7, 9):
        lines.append(
            ("scale", f"1/{k}", f"the COLUMN criterion over the row criterion: {SAATY_WORDS[k]}")
        )
    lines.append(("scale", "1/2, 1/4, 1/6, 1/8", "intermediate values the other way round"))
    lines += [
        ("text", "", None),
        ("head", "Colours", None),
        ("legend", "yellow: cells to fill in", _INPUT_FILL),
        ("legend", "grey: filled for you or not needed (diagonal, lower triangle)", _DERIVED_FILL),
        ("legend", "blue: headers (hover for a note)", _HEADER_FILL),
    ]
    for r, (kind, a, b) in enumerate(lines, start=1):
        if kind == "title":
            _put(ws, r, 1, a, font=_TITLE)
        elif kind == "head":
            _put(ws, r, 1, a, font=_BOLD)
        elif kind in ("scale", "scalehead"):
            _put(ws, r, 1, a, font=_BOLD if kind == "scalehead" else Font())
            _put(ws, r, 2, b, font=_BOLD if kind == "scalehead" else Font())
        elif kind == "legend":
            _put(ws, r, 1, a, fill=b)
        else:
            _put(ws, r, 1, a)
    _widths(ws, {1: 60, 2: 80})


def _judgment_cell(value: float) -> Any:
    """A judgment as people type it (``"1/3"``) when that reads back exactly, else the number."""
    text = format_judgment(value)
    return text if parse_judgment(text) == value else float(value)


def _write_inputs(wb: Workbook, problem: Problem | None, *, weights_sheet: bool = True) -> None:
    """Criteria, Alternatives, Performance, Comparisons, Weights, Requirements."""
    blank = problem is None
    if problem is not None:
        criteria = list(problem.criteria)
        alternatives = list(problem.alternatives)
        c_slots, a_slots = len(criteria), len(alternatives)
    else:
        criteria, alternatives = [], []
        c_slots, a_slots = _BLANK_CRITERIA, _BLANK_ALTERNATIVES
    c_rows = c_slots + (_EXTRA_ROWS if not blank else 0)
    a_rows = a_slots + (_EXTRA_ROWS if not blank else 0)

    # Criteria
    ws = wb.create_sheet("Criteria")
    for col, key in enumerate(("name", "kind", "description", "unit"), start=1):
        _header(ws, 1, col, key, _NOTES[key])
    for r in range(2, c_rows + 2):
        for col in range(1, 5):
            ws.cell(row=r, column=col).fill = _INPUT_FILL
    for r, c in enumerate(criteria, start=2):
        _put(ws, r, 1, c.name)
        _put(ws, r, 2, c.kind)
        _put(ws, r, 3, c.description or None)
        _put(ws, r, 4, c.unit or None)
    kinds = DataValidation(
        type="list", formula1='"' + ",".join(KINDS) + '"', allow_blank=True, showDropDown=False
    )
    kinds.error, kinds.errorTitle = (
        "Choose benefit (more is better) or cost (less is better).",
        "kind",
    )
    kinds.prompt, kinds.promptTitle = "benefit = more is better; cost = less is better", "kind"
    _validation(ws, kinds, f"B2:B{c_rows + 1}")
    _widths(
        ws,
        {
            1: _fit([c.name for c in criteria], 18),
            2: 11,
            3: min(60, _fit([c.description for c in criteria], 40)),
            4: min(40, _fit([c.unit for c in criteria], 20)),
        },
    )
    for col in (3, 4):
        for r in range(2, len(criteria) + 2):
            ws.cell(row=r, column=col).alignment = _WRAP
    ws.freeze_panes = "A2"

    # Alternatives
    ws = wb.create_sheet("Alternatives")
    _header(ws, 1, 1, "name", _NOTES["name"])
    _header(ws, 1, 2, "description", _NOTES["description"])
    for r in range(2, a_rows + 2):
        for col in (1, 2):
            ws.cell(row=r, column=col).fill = _INPUT_FILL
    for r, a in enumerate(alternatives, start=2):
        _put(ws, r, 1, a.name)
        _put(ws, r, 2, a.description or None)
    _widths(ws, {1: _fit([a.name for a in alternatives], 25), 2: 70})
    ws.freeze_panes = "A2"

    def crit_label(ws: Worksheet, r: int, c: int, k: int) -> None:
        """Criterion k (0-based) as a label: its name, or in a blank template a formula."""
        if blank:
            _formula(
                ws,
                r,
                c,
                f'=IF(Criteria!$A${k + 2}="","",Criteria!$A${k + 2})',
                font=_BOLD,
                fill=_HEADER_FILL,
            )
        else:
            _put(ws, r, c, criteria[k].name, font=_BOLD, fill=_HEADER_FILL)

    # Performance
    ws = wb.create_sheet("Performance")
    _header(ws, 1, 1, "alternative", _NOTES["performance"])
    for k in range(c_slots):
        crit_label(ws, 1, k + 2, k)
    for i in range(a_slots):
        if blank:
            _formula(
                ws,
                i + 2,
                1,
                f'=IF(Alternatives!$A${i + 2}="","",Alternatives!$A${i + 2})',
                font=_BOLD,
            )
        else:
            _put(ws, i + 2, 1, alternatives[i].name, font=_BOLD)
        for k in range(c_slots):
            ws.cell(row=i + 2, column=k + 2).fill = _INPUT_FILL
    if problem is not None:
        for i, row in enumerate(problem.matrix):
            for k, value in enumerate(row):
                _put(ws, i + 2, k + 2, float(value))
    _validation(
        ws,
        DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+300",
            formula2="1E+300",
            error="Type a number.",
            errorTitle="performance",
        ),
        f"B2:{get_column_letter(c_slots + 1)}{a_slots + 1}",
    )
    _widths(ws, {1: _fit([a.name for a in alternatives], 25)})
    _widths(ws, {k + 2: _fit([criteria[k].name] if criteria else [], 14) for k in range(c_slots)})
    ws.freeze_panes = "B2"

    # Comparisons
    ws = wb.create_sheet("Comparisons")
    _header(ws, 1, 1, "row vs column", _NOTES["comparisons"])
    for k in range(c_slots):
        crit_label(ws, 1, k + 2, k)
        crit_label(ws, k + 2, 1, k)
    matrix = (
        problem.comparisons.to_numpy()
        if problem is not None and problem.comparisons is not None
        else None
    )
    for i in range(c_slots):
        for j in range(c_slots):
            cell = ws.cell(row=i + 2, column=j + 2)
            cell.number_format = "@"  # text, so that 1/3 is not turned into a date
            cell.alignment = Alignment(horizontal="center")
            if i == j:
                cell.fill = _DERIVED_FILL
                if not blank:
                    _put(ws, i + 2, j + 2, 1)
            elif i < j:
                cell.fill = _INPUT_FILL
                if matrix is not None and not math.isnan(matrix[i, j]):
                    _put(ws, i + 2, j + 2, _judgment_cell(float(matrix[i, j])))
            else:
                cell.fill = _DERIVED_FILL
    if c_slots > 1:
        scale = DataValidation(
            type="list", formula1=f'"{_JUDGMENT_LIST}"', allow_blank=True, errorStyle="warning"
        )
        scale.errorTitle = "judgment"
        scale.error = "Saaty's scale is 1/9 .. 9 (see Instructions). Keep this value anyway?"
        scale.promptTitle = "row vs column"
        scale.prompt = "How much more important is the row criterion? 1/9 .. 9"
        cells = [
            f"{get_column_letter(j + 2)}{i + 2}"
            for i in range(c_slots)
            for j in range(c_slots)
            if i != j
        ]
        _validation(ws, scale, *cells)
    _widths(ws, {1: _fit([c.name for c in criteria], 16)})
    _widths(ws, {k + 2: _fit([criteria[k].name] if criteria else [], 12) for k in range(c_slots)})
    ws.freeze_panes = "B2"

    # Weights (typed directly)
    if weights_sheet:
        ws = wb.create_sheet("Weights")
        _header(ws, 1, 1, "criterion", _NOTES["criterion"])
        _header(ws, 1, 2, "weight", _NOTES["weight"])
        typed = problem.weights if problem is not None else None
        for k in range(c_slots):
            if blank:
                _formula(ws, k + 2, 1, f'=IF(Criteria!$A${k + 2}="","",Criteria!$A${k + 2})')
            else:
                _put(ws, k + 2, 1, criteria[k].name)
            ws.cell(row=k + 2, column=2).fill = _INPUT_FILL
            if typed is not None:
                _put(ws, k + 2, 2, float(typed.iloc[k]))
        _validation(
            ws,
            DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                error="A weight is a number, 0 or more.",
                errorTitle="weight",
            ),
            f"B2:B{c_slots + 1}",
        )
        _widths(ws, {1: _fit([c.name for c in criteria], 18), 2: 12})
        ws.freeze_panes = "A2"

    # Requirements
    ws = wb.create_sheet("Requirements")
    _header(ws, 1, 1, "criterion", _NOTES["criterion"])
    _header(ws, 1, 2, "minimum", _NOTES["minimum"])
    _header(ws, 1, 3, "maximum", _NOTES["maximum"])
    reqs = problem.requirements if problem is not None else None
    for k in range(c_slots):
        if blank:
            _formula(ws, k + 2, 1, f'=IF(Criteria!$A${k + 2}="","",Criteria!$A${k + 2})')
        else:
            _put(ws, k + 2, 1, criteria[k].name)
        for col in (2, 3):
            ws.cell(row=k + 2, column=col).fill = _INPUT_FILL
        if reqs is not None and not blank and criteria[k].name in reqs.index:
            for col, key in ((2, "minimum"), (3, "maximum")):
                value = reqs.loc[criteria[k].name, key]
                if not math.isnan(value):
                    _put(ws, k + 2, col, float(value))
    _validation(
        ws,
        DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+300",
            formula2="1E+300",
            error="Type a number, or leave empty.",
            errorTitle="bound",
        ),
        f"B2:C{c_slots + 1}",
    )
    _widths(ws, {1: _fit([c.name for c in criteria], 18), 2: 12, 3: 12})
    ws.freeze_panes = "A2"


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _save(wb: Workbook, path: str | os.PathLike[str], overwrite: bool) -> Path:
    """Save through a temporary file in the same folder, then rename over the target."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"cannot write {path}: the file name must end in .xlsx")
    if path.is_dir():
        raise WorkbookError(f"cannot write {path}: it is a folder")
    if path.exists() and not overwrite:
        raise WorkbookError(
            f"{path} already exists; pass overwrite=True (or --force on the command line) "
            "to replace it"
        )
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx.tmp", dir=folder)
    except OSError as exc:
        raise WorkbookError(f"cannot write {path}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        tmp.chmod(mode)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WorkbookError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_template(
    path: str | os.PathLike[str],
    scenario: str | os.PathLike[str] | Problem | None = None,
    *,
    profile: str | None = None,
    overwrite: bool = False,
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
    """
    title = None
    if isinstance(scenario, Problem):
        problem: Problem | None = scenario
        title = "your problem"
    elif scenario is not None:
        parsed = read_scenario(scenario)
        problem = parsed.problem(profile)
        title = f"{parsed.title} (profile: {profile or parsed.default_profile})"
    else:
        problem = None
    wb = _new_workbook()
    _instructions(wb, title)
    _write_inputs(wb, problem)
    if problem is None:
        wb.calculation.fullCalcOnLoad = True  # the blank template's name formulas
    return _save(wb, path, overwrite)


def _verdict(result: Result) -> tuple[str, bool | None]:
    pri = result.ahp
    if pri is None:
        return "not applicable: the weights were typed directly (no pairwise comparisons)", None
    if pri.consistent:
        return (
            f"consistent: CR = {pri.cr:.3f} is within the threshold {pri.threshold:.2f}",
            True,
        )
    return (
        f"WARNING: INCONSISTENT judgments: CR = {pri.cr:.3f} is above the threshold "
        f"{pri.threshold:.2f}; revise the judgments listed on the Consistency sheet before "
        "relying on this ranking",
        False,
    )


def _mark(cell: Any, ok: bool | None) -> None:
    if ok is False:
        cell.fill, cell.font = _WARN_FILL, _WARN_FONT
    elif ok is True:
        cell.fill, cell.font = _OK_FILL, _OK_FONT


def _bar_chart(ws: Worksheet, title: str, y_title: str, col: int, rows: int, anchor: str) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.y_axis.title = y_title
    chart.legend = None
    chart.height = max(7.5, 0.8 * rows + 3)
    chart.width = 18
    data = Reference(ws, min_col=col, min_row=1, max_row=rows + 1)
    labels = Reference(ws, min_col=1, min_row=2, max_row=rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top
    ws.add_chart(chart, anchor)


def _summary(wb: Workbook, result: Result) -> None:
    ws = wb.create_sheet("Summary")
    _put(ws, 1, 1, "Decision results", font=_TITLE)
    verdict, ok = _verdict(result)
    method = _METHOD_TITLES.get(result.method, result.method)
    if result.normalization:
        method += f" ({result.normalization} normalisation)"
    if result.ahp is not None:
        source = f"from the pairwise comparisons (AHP, {result.ahp.method})"
    else:
        source = "typed directly (scaled to sum 1)"
    screened = result.screening.reasons
    rows = [
        ("Recommendation", result.recommendation()),
        ("Best alternative", result.best),
        ("Method", method),
        ("Criteria weights", source),
        ("Consistency", verdict),
        (
            "Screened out",
            "; ".join(f"{a} ({why})" for a, why in screened.items()) if screened else "none",
        ),
    ]
    rows += [("Note", note) for note in result.notes]
    rows.append(
        (
            "This workbook",
            "Ranking, Weights and Consistency hold the results; Criteria, Alternatives, "
            "Performance, Comparisons and Requirements hold the problem as read, so this "
            "workbook can be edited and ranked again (mcda-iso rank).",
        )
    )
    for r, (label, text) in enumerate(rows, start=3):
        _put(ws, r, 1, label, font=_BOLD)
        cell = _put(ws, r, 2, text, alignment=_WRAP)
        if label == "Consistency":
            _mark(cell, ok)
            _mark(ws.cell(row=r, column=1), ok)
    _widths(ws, {1: 20, 2: 100})


def _weights_sheet(wb: Workbook, result: Result) -> None:
    ws = wb.create_sheet("Weights")
    problem = result.problem
    names = list(result.weights.index)
    _header(ws, 1, 1, "criterion", _NOTES["criterion"])
    if problem.weights is not None:
        _header(ws, 1, 2, "weight", "The weights as typed (read back as the problem's weights).")
        _header(ws, 1, 3, "normalised weight", "The weights scaled to sum 1, as used.")
        for k, name in enumerate(names, start=2):
            _put(ws, k, 1, name)
            _put(ws, k, 2, float(problem.weights[name]), fill=_INPUT_FILL)
            _put(ws, k, 3, float(result.weights[name]), number_format="0.000")
        col = 3
    else:
        _header(
            ws,
            1,
            2,
            "derived weight",
            "Weights derived from the Comparisons sheet (AHP); not read back as input.",
        )
        for k, name in enumerate(names, start=2):
            _put(ws, k, 1, name)
            _put(ws, k, 2, float(result.weights[name]), number_format="0.000")
        col = 2
    _widths(ws, {1: _fit(names, 18), 2: 16, 3: 18})
    ws.freeze_panes = "A2"
    _bar_chart(ws, "Criteria weights", "weight", col, len(names), "E2")


def _consistency_sheet(wb: Workbook, result: Result) -> None:
    ws = wb.create_sheet("Consistency")
    pri = result.ahp
    verdict, ok = _verdict(result)
    _put(ws, 1, 1, "Consistency of the pairwise comparisons", font=_TITLE)
    if pri is None:
        _put(ws, 3, 1, "Verdict", font=_BOLD)
        _put(ws, 3, 2, verdict)
        _widths(ws, {1: 28, 2: 90})
        return
    n = len(result.problem.criteria)
    rows: list[tuple[str, Any, str | None]] = [
        ("Verdict", verdict, None),
        ("Priority method", pri.method, None),
        ("criteria (n)", n, None),
        ("lambda_max", float(pri.lambda_max), "0.0000"),
        ("CI = (lambda_max - n) / (n - 1)", float(pri.ci), "0.0000"),
        ("RI (random index for n)", float(pri.ri), "0.00"),
        ("CR = CI / RI", float(pri.cr), "0.0000"),
        ("threshold", float(pri.threshold), "0.00"),
    ]
    for r, (label, value, fmt) in enumerate(rows, start=3):
        _put(ws, r, 1, label, font=_BOLD)
        cell = _put(ws, r, 2, value)
        if fmt:
            cell.number_format = fmt
        if label == "Verdict":
            cell.alignment = _WRAP
            _mark(cell, ok)
    r = len(rows) + 4
    table, table_name = _ri_table(pri.ri_table)
    _put(ws, r, 1, f"Random index table used: {table_name}", font=_BOLD)
    _header(ws, r + 1, 1, "n")
    _header(ws, r + 1, 2, "RI")
    for k, (size, ri) in enumerate(table, start=r + 2):
        _put(ws, k, 1, int(size))
        cell = _put(ws, k, 2, float(ri), number_format="0.00")
        if int(size) == n:
            cell.fill = _HEADER_FILL
    r = r + 3 + len(table)
    _put(ws, r, 1, "Judgments to revise first (largest contribution to inconsistency)", font=_BOLD)
    heads = (
        "row criterion",
        "column criterion",
        "your judgment",
        "consistent value",
        "suggested judgment",
        "CR after the change",
    )
    for col, head in enumerate(heads, start=1):
        _header(ws, r + 1, col, head)
    matrix = result.problem.comparisons
    try:
        worst = ahp.most_inconsistent(
            matrix.to_numpy(), k=3, names=list(result.problem.criterion_names)
        )
    except MCDAError as exc:
        _put(ws, r + 2, 1, f"not available: {exc}")
        worst = []
    for k, jd in enumerate(worst, start=r + 2):
        _put(ws, k, 1, jd.row_name)
        _put(ws, k, 2, jd.col_name)
        _put(ws, k, 3, format_judgment(float(jd.value)))
        _put(ws, k, 4, float(jd.implied), number_format="0.000")
        _put(ws, k, 5, format_judgment(float(jd.suggested)))
        _put(ws, k, 6, float(jd.cr_after), number_format="0.0000")
    _widths(ws, {1: 34, 2: 20, 3: 16, 4: 18, 5: 20, 6: 20})


def _ri_table(table: Any) -> tuple[list[tuple[int, float]], str]:
    """The RI table of a Priorities object as (n, RI) pairs, and its name."""
    name = "custom"
    if isinstance(table, str):
        name = table
        table = getattr(ahp, "RI_TABLES", {}).get(table, {})
    if hasattr(table, "items"):
        pairs = [(int(k), float(v)) for k, v in table.items()]
    else:
        values = list(table)
        if values and isinstance(values[0], tuple | list):
            pairs = [(int(k), float(v)) for k, v in values]
        else:
            pairs = [(k, float(v)) for k, v in enumerate(values, start=1)]
    return sorted(pairs), name


def _ranking_sheet(wb: Workbook, result: Result) -> None:
    ws = wb.create_sheet("Ranking")
    frame = result.to_frame()
    heads = ["alternative", "score", "rank"]
    notes = {
        "alternative": "Ranked alternatives, best first; screened-out ones below.",
        "score": "TOPSIS closeness to the ideal (0..1)"
        if result.method == "topsis"
        else "AHP global priority (sums to 1)",
        "rank": "1 = best; equal scores share a rank.",
        "d_plus": "TOPSIS distance to the ideal solution (smaller is better).",
        "d_minus": "TOPSIS distance to the anti-ideal solution (larger is better).",
        "screened_out": "Why the alternative was removed before ranking (Requirements sheet).",
    }
    extra = [c for c in ("d_plus", "d_minus", "screened_out") if c in frame.columns]
    heads += extra
    for col, head in enumerate(heads, start=1):
        _header(ws, 1, col, head, notes[head])
    ranked = len(result.ranks)
    for r, (alt, row) in enumerate(frame.iterrows(), start=2):
        _put(ws, r, 1, str(alt))
        for col, head in enumerate(heads[1:], start=2):
            value = row[head]
            if pd.isna(value):
                continue
            if head == "rank":
                _put(ws, r, col, int(value))
            elif head == "screened_out":
                if value:
                    _put(ws, r, col, str(value), fill=_WARN_FILL)
            else:
                _put(ws, r, col, float(value), number_format="0.0000")
        if r == 2:
            for col in range(1, 4):
                ws.cell(row=r, column=col).fill = _OK_FILL
    _widths(ws, {1: _fit(frame.index, 25), 2: 10, 3: 8})
    _widths(ws, {k: 12 for k in range(4, len(heads) + 1)})
    if "screened_out" in heads:
        _widths(ws, {len(heads): 50})
    ws.freeze_panes = "B2"
    _bar_chart(
        ws, "Scores (best first)", "score", 2, ranked, get_column_letter(len(heads) + 2) + "2"
    )


def write_results(
    path: str | os.PathLike[str],
    result: Result,
    *,
    overwrite: bool = False,
    sensitivity: SensitivityReport | None = None,
) -> Path:
    """Write a results workbook: the ranking, weights, consistency, and the inputs.

    Sheets: ``Summary`` (the recommendation, the method, the consistency
    verdict marked red when CR is above the threshold), ``Ranking`` (score,
    rank, TOPSIS distances, screened-out alternatives with the reason, bar
    chart), ``Weights`` (bar chart), ``Consistency`` (lambda_max, CI, CR,
    the RI table, the threshold, the judgments to revise first), and the input
    sheets, so that ``read_workbook(path) == result.problem``.

    Parameters
    ----------
    path : str or path-like
        The ``.xlsx`` file to write.
    result : Result
        From :func:`mcda_iso.rank`.
    overwrite : bool
        Replace an existing file (refused by default).
    sensitivity : SensitivityReport, optional
        From :func:`mcda_iso.sensitivity.analyse`: adds the sheets ``Sensitivity``
        (weight thresholds with their sentences, a sweep line chart per criterion),
        ``Acceptability`` (rank acceptabilities, confidence factors, central
        weights, a stacked bar chart) and ``Methods`` (rankings and scores by
        method, rank correlations, rank reversal). The reader ignores them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    WorkbookError
        If the file exists and ``overwrite`` is False, or cannot be written.
    """
    if not isinstance(result, Result):
        raise WorkbookError(
            f"write_results needs a Result from rank() (got {type(result).__name__})"
        )
    if sensitivity is not None and not isinstance(sensitivity, SensitivityReport):
        raise WorkbookError(
            "write_results needs sensitivity=mcda_iso.sensitivity.analyse(problem) "
            f"(got {type(sensitivity).__name__})"
        )
    wb = _new_workbook()
    _summary(wb, result)
    _ranking_sheet(wb, result)
    _weights_sheet(wb, result)
    _consistency_sheet(wb, result)
    if sensitivity is not None:
        _sensitivity_sheets(wb, sensitivity)
    _write_inputs(wb, result.problem, weights_sheet=False)
    return _save(wb, path, overwrite)


# ----------------------------------------------------------------------------------------
# Sensitivity sheets (issue 5): Sensitivity, Acceptability, Methods
# ----------------------------------------------------------------------------------------


def _sensitivity_sheets(wb: Workbook, report: SensitivityReport) -> None:
    """Sheets ``Sensitivity``, ``Acceptability`` and ``Methods`` (ignored by the reader).

    ``Sensitivity``: the weight thresholds, with their sentences, and one native line
    chart per criterion of the weight sweep (data to the right of the charts).
    ``Acceptability``: rank acceptabilities, confidence factors and central weights,
    with a native stacked bar chart. ``Methods``: rankings and scores by method, the
    Spearman, weighted Spearman and WS matrices, and rank reversal.
    """
    from openpyxl.chart import LineChart

    pct, num = "0.0%", "0.000"
    how = _METHOD_TITLES.get(report.method, report.method)
    if report.method == "topsis":
        how += f" ({report.normalization} normalisation)"

    # Sensitivity: thresholds and sweeps
    ws = wb.create_sheet("Sensitivity")
    _put(ws, 1, 1, "Weight sensitivity: how far can each weight move?", font=_TITLE)
    _put(
        ws,
        2,
        1,
        f"One criterion's weight changes while the others keep their ratios; scored by {how}. "
        "Bounds are exact (root finding); an empty 'taken over by' means the best alternative "
        "stays first on that side.",
    )
    table = report.thresholds
    row = 4
    for sentence in table["sentence"]:
        _put(ws, row, 1, str(sentence))
        row += 1
    row += 1
    heads = {
        "criterion": "The criterion whose weight changes.",
        "weight now": "Its current weight (weights sum to 1).",
        "best stays first from": "Lower end of the weight range in which the best stays first.",
        "to": "Upper end of that range.",
        "taken over below by": "Who becomes first if the weight falls below the lower end.",
        "taken over above by": "Who becomes first if the weight rises above the upper end.",
        "ranking unchanged from": "Lower end of the range in which the whole ranking holds.",
        "ranking to": "Upper end of that range.",
        "change below": "The first swap of the ranking below the lower end.",
        "change above": "The first swap of the ranking above the upper end.",
        "robust": "Yes: no weight of this criterion (0 to 1) changes the best alternative.",
        "sentence": "The best-alternative range in words.",
    }
    head_row = row
    for col, (head, note) in enumerate(heads.items(), start=1):
        _header(ws, head_row, col, head, note)
    for r, (criterion, t) in enumerate(table.iterrows(), start=head_row + 1):
        values = [
            str(criterion),
            float(t["weight"]),
            float(t["best_lower"]),
            float(t["best_upper"]),
            t["best_lower_by"],
            t["best_upper_by"],
            float(t["ranking_lower"]),
            float(t["ranking_upper"]),
            t["ranking_lower_change"],
            t["ranking_upper_change"],
            "yes" if t["robust"] else "no",
            str(t["sentence"]),
        ]
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = _put(ws, r, col, value)
            if isinstance(value, float):
                cell.number_format = "0.0000"
        _mark(ws.cell(row=r, column=11), True if t["robust"] else None)
    _widths(ws, {1: _fit(table.index, 16), 2: 11, 3: 11, 4: 9, 5: 24, 6: 24, 7: 12, 8: 11})
    _widths(ws, {9: 30, 10: 30, 11: 9, 12: 60})

    # sweep data to the right, one block per criterion; charts below the table
    alternatives = list(report.monte_carlo.acceptability.index)
    col0 = len(heads) + 3
    chart_row = head_row + len(table) + 3
    _put(ws, chart_row - 1, 1, "Scores as each weight goes from 0 to 1", font=_BOLD)
    for k, (criterion, sweep) in enumerate(report.sweeps.items()):
        wide = sweep.pivot(index="weight", columns="alternative", values="score")
        wide = wide[[a for a in alternatives if a in wide.columns]]
        left = col0 + k * (len(wide.columns) + 2)
        _header(ws, 1, left, f"weight of {criterion}")
        for c, name in enumerate(wide.columns, start=left + 1):
            _header(ws, 1, c, str(name))
        for r, (weight, scores) in enumerate(wide.iterrows(), start=2):
            _put(ws, r, left, float(weight), number_format="0.00")
            for c, value in enumerate(scores, start=left + 1):
                _put(ws, r, c, float(value), number_format="0.0000")
        chart = LineChart()
        chart.title = f"Weight of {criterion} (now {float(table.loc[criterion, 'weight']):.2f})"
        chart.x_axis.title = f"weight of {criterion}"
        chart.y_axis.title = "score" if report.method == "ahp" else "closeness"
        chart.x_axis.number_format = "0.0"
        chart.x_axis.tickLblSkip = max(1, (len(wide) - 1) // 10)
        chart.x_axis.tickMarkSkip = chart.x_axis.tickLblSkip
        chart.height, chart.width = 9, 18
        data = Reference(
            ws, min_col=left + 1, max_col=left + len(wide.columns), min_row=1, max_row=len(wide) + 1
        )
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=left, min_row=2, max_row=len(wide) + 1))
        for series in chart.series:
            series.smooth = False
            series.marker.symbol = "none"
        chart.x_axis.delete = chart.y_axis.delete = False  # else Excel may hide the axes
        ws.add_chart(chart, f"A{chart_row + 19 * k}")

    # Acceptability: SMAA-2 table and stacked bars
    mc = report.monte_carlo
    ws = wb.create_sheet("Acceptability")
    _put(ws, 1, 1, "Rank acceptability (Monte Carlo, SMAA-2)", font=_TITLE)
    _put(ws, 2, 1, str(mc).splitlines()[0].removeprefix("Rank acceptability "))
    _put(
        ws,
        3,
        1,
        "The share of samples in which each alternative takes each rank; confidence: how "
        "often it is first at its central weights; central weights: the average weights "
        f"that make it first. The same seed ({mc.seed}) repeats the numbers exactly.",
    )
    acc = mc.acceptability
    m = acc.shape[1]
    top = 5
    _header(ws, top, 1, "alternative")
    for c, rank_ in enumerate(acc.columns, start=2):
        _header(ws, top, c, f"rank {rank_}", f"Share of samples in which it ranks {rank_}.")
    _header(
        ws,
        top,
        m + 2,
        "confidence",
        "Share of samples in which it is first at its central weights.",
    )
    _header(
        ws, top, m + 3, "holistic", "Holistic acceptability: ranks weighted 1 (first) .. 0 (last)."
    )
    criteria = list(mc.central_weights.columns)
    for c, name in enumerate(criteria, start=m + 5):
        _header(
            ws, top, c, f"central weight: {name}", "Mean weights of the samples where it is first."
        )
    holistic = mc.holistic()
    for r, name in enumerate(acc.index, start=top + 1):
        _put(ws, r, 1, str(name))
        for c, value in enumerate(acc.loc[name], start=2):
            _put(ws, r, c, float(value), number_format=pct)
        _put(ws, r, m + 2, float(mc.confidence[name]), number_format=pct)
        _put(ws, r, m + 3, float(holistic[name]), number_format=num)
        if mc.first[name] > 0:
            for c, value in enumerate(mc.central_weights.loc[name], start=m + 5):
                _put(ws, r, c, float(value), number_format=num)
    _widths(ws, {1: _fit(acc.index, 25), **{c: 10 for c in range(2, m + 4)}})
    _widths(ws, {c: _fit([f"central weight: {n}"], 12) for c, n in enumerate(criteria, m + 5)})
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.title = "Rank acceptability (share of samples)"
    chart.y_axis.title = "share of samples"
    chart.y_axis.number_format = "0%"
    chart.height, chart.width = max(7.5, 0.9 * len(acc) + 4), 20
    chart.add_data(
        Reference(ws, min_col=2, max_col=m + 1, min_row=top, max_row=top + len(acc)),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=top + len(acc)))
    chart.x_axis.scaling.orientation = "maxMin"  # first alternative on top
    chart.x_axis.delete = chart.y_axis.delete = False  # else Excel may hide the axes
    ws.add_chart(chart, f"A{top + len(acc) + 3}")

    # Methods: rankings, scores, correlations, rank reversal
    methods = report.methods
    ws = wb.create_sheet("Methods")
    _put(ws, 1, 1, "Do other MCDA methods agree?", font=_TITLE)
    agree = (
        "All methods rank the same alternative first."
        if methods.agree_on_best
        else ("The methods do NOT all rank the same alternative first.")
    )
    cell = _put(ws, 2, 1, agree)
    _mark(cell, methods.agree_on_best)
    keys = list(methods.rankings.columns)
    row = 4
    for title, frame, fmt in (
        ("Ranks by method (1 = best)", methods.rankings, None),
        ("Scores by method (VIKOR and SPOTIS: lower is better)", methods.scores, "0.0000"),
        ("Spearman rank correlation", methods.spearman, "0.000"),
        (
            "Weighted Spearman rank correlation (top ranks weigh more)",
            methods.weighted_spearman,
            "0.000",
        ),
        ("WS rank similarity (row = reference ranking)", methods.ws, "0.000"),
    ):
        _put(ws, row, 1, title, font=_BOLD)
        _header(ws, row + 1, 1, frame.index.name or "")
        for c, key in enumerate(frame.columns, start=2):
            _header(ws, row + 1, c, str(key), COMPARED_METHODS.get(str(key)))
        for r, (label, values) in enumerate(frame.iterrows(), start=row + 2):
            _put(ws, r, 1, str(label))
            for c, value in enumerate(values, start=2):
                if pd.notna(value):
                    cell = _put(ws, r, c, float(value))
                    if fmt:
                        cell.number_format = fmt
        row += len(frame) + 3
    for name, reason in methods.skipped.items():
        _put(ws, row, 1, f"not applied: {COMPARED_METHODS.get(name, name)}: {reason}")
        row += 1
    row += 1 if methods.skipped else 0
    _put(
        ws,
        row,
        1,
        "Rank reversal: remove one alternative, does the order of two others flip?",
        font=_BOLD,
    )
    reversal = report.rank_reversal
    if reversal.empty:
        _put(ws, row + 1, 1, "No: removing any one alternative leaves the others' order.")
    else:
        for c, head in enumerate(["removed", "a", "b", "before", "after"], start=1):
            _header(ws, row + 1, c, head)
        for r, values in enumerate(reversal.itertuples(index=False), start=row + 2):
            for c, value in enumerate(values, start=1):
                _put(ws, r, c, str(value))
    _widths(
        ws,
        {1: _fit([*methods.rankings.index, *keys], 25), **{c: 15 for c in range(2, len(keys) + 2)}},
    )
