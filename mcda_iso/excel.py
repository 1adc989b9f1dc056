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
import zipfile
from collections.abc import Iterable, Mapping, Sequence
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

from mcda_iso import ahp, hierarchy
from mcda_iso.errors import ComparisonError, MCDAError, ProblemError, WorkbookError
from mcda_iso.problem import KINDS, Alternative, Criterion, Problem
from mcda_iso.ranking import Result, consensus_words, method_title
from mcda_iso.safe_write import write_file
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
_BLANK_CRITERIA = 20  # room for a hierarchy: groups and their sub-criteria
_BLANK_ALTERNATIVES = 20
_EXTRA_ROWS = 10  # empty input rows below pre-filled data


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
    "parent": "Optional: the criterion this one is a sub-criterion of. Leave it empty for a "
    "top-level criterion. A criterion with sub-criteria is a group: it has no Performance "
    "column, and its sub-criteria are compared on their own sheet, 'Sub-criteria <name>', "
    "laid out like Comparisons (validate names the sheet to add).",
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
    # Errors that follow from empty labels (a name missing from a header row or column).
    consequences: list[tuple[int, str]] = field(default_factory=list)

    def add(self, sheet: str, row: int | None, col: int | None, message: str) -> None:
        cell = _ref(sheet, row, col) if row is not None and col is not None else None
        self.errors.append(WorkbookError(message, sheet=sheet, cell=cell))

    def empty(self, sheet: str, row: int, col: int, message: str) -> None:
        self.empty_cells.append((len(self.errors), sheet, row, col))
        self.add(sheet, row, col, message)

    def consequence(self, sheet: str, row: int, col: int, message: str) -> None:
        self.consequences.append((len(self.errors), sheet))
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
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise WorkbookError(f"cannot read {path}: {exc.strerror or exc}") from exc
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
    fields = ("name", "kind", "description", "unit", "parent")
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
                    values["name"],
                    key,
                    _text(values.get("description")),
                    _text(values.get("unit")),
                    _name(values.get("parent")),
                )
            )
        except MCDAError as exc:
            out.add(
                sheet.title, r, columns.get("parent", 1) if "parent" in str(exc) else 1, str(exc)
            )
    if len(out.errors) == before and "parent" in columns:
        _check_parents(sheet, criteria, {v["name"]: r for r, v in rows}, columns["parent"], out)
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
            out.consequence(
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
    rated: dict[str, str] | None = None,
) -> np.ndarray | None:
    """Performance grid; columns of criteria in ``rated`` (criterion -> its Alternatives
    sheet) are compared pairwise instead, stay NaN and must be empty."""
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
            if rated and crit[j] in rated:
                if not _blank(value):
                    out.add(
                        title,
                        r,
                        c0 + 1,
                        f"{crit[j]!r} is rated by pairwise comparisons in sheet "
                        f"{rated[crit[j]]!r}: leave its Performance column empty "
                        f"(found {_found(value)})",
                    )
                continue
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
    sheet: _Sheet,
    criteria: Sequence[str] | None,
    strict: bool,
    out: _Collector,
    what: tuple[str, str] = ("criterion", "Criteria"),
) -> tuple[np.ndarray | None, bool]:
    """The comparison matrix (NaN = no judgment) and whether any judgment was typed.

    ``what``: the items compared and the sheet listing them (alternatives sheets
    compare alternatives).
    """
    before = len(out.errors)
    cols = _labels(sheet, "col", criteria, *what, out)
    rows = _labels(sheet, "row", criteria, *what, out)
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
    if filled and len(out.errors) == before:
        _check_connected(sheet, names, rows, cols, matrix, out)
    return (matrix if len(out.errors) == before else None), filled


def _check_connected(
    sheet: _Sheet,
    names: Sequence[str],
    rows: dict[str, int],
    cols: dict[str, int],
    matrix: np.ndarray,
    out: _Collector,
) -> None:
    """Report criteria that no chain of judgments links to the others, at a cell to fill."""
    groups = ahp._components(np.isnan(matrix))
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


def _criterion_row(
    title: str,
    r: int,
    col: int,
    name: str,
    seen: dict[str, int],
    criteria: Sequence[str] | None,
    out: _Collector,
) -> bool:
    """Whether the criterion named in a row of Weights or Requirements can be used: not
    named in an earlier row (``seen``, updated here), and one of ``criteria`` if known."""
    if name in seen:
        first = _ref(title, seen[name], col)
        out.add(title, r, col, f"duplicate criterion {name!r} (already in {first})")
        return False
    seen[name] = r
    if criteria is not None and name not in criteria:
        out.add(
            title,
            r,
            col,
            f"unknown criterion {name!r}: not in the Criteria sheet (known: {', '.join(criteria)})",
        )
        return False
    return True


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
        if not _criterion_row(title, r, ccol, name, seen, criteria, out):
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
        if not _criterion_row(title, r, ccol, name, seen, criteria, out):
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


def _check_formulas(
    path: Path, sheets: dict[str, _Sheet], out: _Collector, judged: Iterable[str] = ()
) -> None:
    """Report formulas that have no cached value (the reader never calculates formulas).

    With ``data_only=True`` such a cell reads as empty. In Comparisons and
    Requirements an empty cell is allowed (no judgment, no bound), so these
    sheets are always checked (as are the ``judged`` ones, comparison sheets
    without a prefix); other sheets only where an empty cell was already
    reported, to say why it is empty.
    """
    always = ({"Comparisons", "Requirements", *judged} & set(sheets)) | {
        t
        for t in sheets
        if t.casefold().startswith((*_GROUP_PREFIXES, SUB_CRITERIA_PREFIX.casefold()))
    }
    wanted = always | {sheet for _, sheet, _, _ in out.empty_cells}
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
    # A name missing from a header only because its label is an uncalculated formula
    # (a blank template saved by a program that does not calculate) is not news.
    label_sheets = {sheet for sheet, r, c in explained if r == 1 or c == 1}
    dropped = {index for index, sheet in out.consequences if sheet in label_sheets}
    if dropped:
        out.errors[:] = [e for k, e in enumerate(out.errors) if k not in dropped]
    for name in sorted(always):
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
    every = _workbook_titles(path)
    extra = _load_sheets(path, _group_titles(every))  # Experts, Comparisons <x>, Alternatives <x>
    out = _Collector()
    for required in ("Criteria", "Alternatives", "Performance"):
        if required not in sheets:
            out.add(
                required, None, None, f"missing sheet {required!r} (start from `mcda-iso template`)"
            )
    if "Comparisons" not in sheets and "Weights" not in sheets and not _expert_sheets(extra):
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
    tree = None if criteria is None else hierarchy.build(criteria)  # parents checked on reading
    c_names = None if tree is None else list(tree.leaves)  # Performance: the leaf criteria
    top_names = None if tree is None else list(tree.children(None))  # Comparisons: the top level
    a_names = [a.name for a in alternatives] if alternatives is not None else None
    rated = _read_rated(extra, c_names, a_names, strict_scale, out)
    performance = None
    if "Performance" in sheets:
        performance = _read_performance(
            sheets["Performance"], c_names, a_names, out, {c: t for c, (t, _) in rated.items()}
        )
        if tree is not None and not tree.is_flat:
            _explain_labels(sheets["Performance"], tree, out, performance=True)
    comparisons, filled = None, False
    if "Comparisons" in sheets and _expert_sheets(extra) and _blank_sheet(sheets["Comparisons"]):
        del sheets["Comparisons"]  # an empty sheet beside the experts' ones: nothing to read
    if "Comparisons" in sheets:
        comparisons, filled = _read_comparisons(sheets["Comparisons"], top_names, strict_scale, out)
        if tree is not None and not tree.is_flat:
            _explain_labels(sheets["Comparisons"], tree, out)
    found: dict[str, tuple[str, int | None]] = {}  # expert -> (sheet, row in Experts)
    experts, expert_weights = _read_experts(extra, top_names, strict_scale, out, found)
    weights, first_weight = None, None
    if "Weights" in sheets:
        weights, first_weight = _read_weights(
            sheets["Weights"],
            None if tree is None else list(tree.names),  # local weights of groups too
            out,
            filled or bool(_expert_sheets(extra)),
        )
    if _expert_sheets(extra) and (filled or first_weight is not None):
        sheet = "Comparisons" if filled else "Weights"
        out.add(
            sheet,
            None,
            None,
            f"the {sheet} sheet is filled and there are experts' sheets "
            f"({', '.join(repr(t) for t in _expert_sheets(extra))}); a group decision uses "
            f"the experts' sheets only: clear the {sheet} sheet or delete the experts' sheets",
        )
    elif filled and first_weight is not None:
        wcol = _header_columns(sheets["Weights"], ("criterion", "weight"), (), _Collector())
        out.add(
            "Weights",
            first_weight,
            wcol.get("weight", 2),
            "both the Comparisons sheet (pairwise judgments) and the weight column of the Weights "
            "sheet are filled; a problem uses one of them: clear the weight column to use the "
            "comparisons, or clear the judgments to use the typed weights",
        )
    elif (
        not filled
        and first_weight is None
        and not _expert_sheets(extra)
        and ("Comparisons" in sheets or "Weights" in sheets)
    ):
        sheet, r, c = ("Comparisons", 2, 3) if "Comparisons" in sheets else ("Weights", 2, 2)
        out.consequence(
            sheet,
            r,
            c,
            "no preferences given: fill the upper triangle of the Comparisons sheet (pairwise "
            "judgments) or the weight column of the Weights sheet",
        )
    sub_sheets: dict[str, _Sheet] = {}
    if tree is not None and not tree.is_flat and _expert_sheets(extra):
        experts, sub_sheets = _read_expert_sub_criteria(
            path, every, extra, tree, experts, found, strict_scale, out
        )
    elif tree is not None and not tree.is_flat:
        comparisons, sub_sheets = _read_sub_criteria(
            path, sheets["Criteria"], tree, comparisons, filled, strict_scale, out
        )
    requirements = None
    if "Requirements" in sheets:
        requirements = _read_requirements(sheets["Requirements"], c_names, out)
    _check_formulas(path, {**sheets, **extra, **sub_sheets}, out, judged=sub_sheets)
    if out.errors:
        return None, out.errors
    assert criteria is not None and alternatives is not None  # no errors → all read
    if rated and performance is not None:
        data = [j for j, c in enumerate(c_names or ()) if c not in rated]  # the leaves
        performance = performance[:, data] if data else None
    try:
        problem = Problem(
            criteria,
            alternatives,
            performance,
            comparisons=comparisons if filled and not experts else None,
            weights=None if experts else weights,
            requirements=requirements,
            experts=experts or None,
            expert_weights=expert_weights,
            alternative_comparisons={c: m for c, (_, m) in rated.items()} or None,
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


def _number_validation(error: str, title: str) -> DataValidation:
    """Excel data validation accepting any number (and an empty cell)."""
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+300",
        formula2="1E+300",
        error=error,
        errorTitle=title,
    )


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


def _label_formula(k: int, level: str = "all") -> str:
    """A blank template's formula copying criterion k's (0-based) name from Criteria.

    ``level``: ``"all"`` every criterion; ``"top"`` only top-level ones (empty
    ``parent``: the Comparisons sheet); ``"leaf"`` only those that are nobody's
    parent (Performance, Requirements). Others show as an empty label.
    """
    name = f"Criteria!$A${k + 2}"
    hide = {
        "all": "",
        "top": f',Criteria!$E${k + 2}<>""',
        "leaf": f",SUMPRODUCT(--(Criteria!$E$2:$E${_BLANK_CRITERIA + 1}={name}))>0",
    }[level]
    test = f'OR({name}=""{hide})' if hide else f'{name}=""'
    return f'=IF({test},"",{name})'


def _criterion_label(
    ws: Worksheet, r: int, c: int, k: int, name: str | None, level: str = "all"
) -> None:
    """Criterion k (0-based) as a label: ``name``, or (None) a formula copying Criteria's."""
    if name is None:
        _formula(ws, r, c, _label_formula(k, level), font=_BOLD, fill=_HEADER_FILL)
    else:
        _put(ws, r, c, name, font=_BOLD, fill=_HEADER_FILL)


def _comparisons_sheet(
    wb: Workbook,
    title: str,
    names: Sequence[str] | None,
    slots: int,
    matrix: Any,
    corner: str = "row vs column",
) -> Worksheet:
    """A pairwise-comparison sheet: labels in row 1 and column A, judgments in the upper triangle.

    ``names`` None: a blank template's labels, formulas copying the Criteria sheet's names.
    """
    matrix = None if matrix is None else np.asarray(matrix, dtype=float)
    ws = wb.create_sheet(title)
    _header(ws, 1, 1, corner, _NOTES["comparisons"])
    for k in range(slots):
        for r, c in ((1, k + 2), (k + 2, 1)):
            _criterion_label(ws, r, c, k, None if names is None else names[k], "top")
    for i in range(slots):
        for j in range(slots):
            cell = ws.cell(row=i + 2, column=j + 2)
            cell.number_format = "@"  # text, so that 1/3 is not turned into a date
            cell.alignment = Alignment(horizontal="center")
            if i == j:
                cell.fill = _DERIVED_FILL
                if names is not None:
                    _put(ws, i + 2, j + 2, 1)
            elif i < j:
                cell.fill = _INPUT_FILL
                if matrix is not None and not math.isnan(matrix[i, j]):
                    _put(ws, i + 2, j + 2, _judgment_cell(float(matrix[i, j])))
            else:
                cell.fill = _DERIVED_FILL
    if slots > 1:
        scale = DataValidation(
            type="list", formula1=f'"{_JUDGMENT_LIST}"', allow_blank=True, errorStyle="warning"
        )
        scale.errorTitle = "judgment"
        scale.error = "Saaty's scale is 1/9 .. 9 (see Instructions). Keep this value anyway?"
        scale.promptTitle = "row vs column"
        scale.prompt = "How much more important is the row criterion? 1/9 .. 9"
        cells = [
            f"{get_column_letter(j + 2)}{i + 2}"
            for i in range(slots)
            for j in range(slots)
            if i != j
        ]
        _validation(ws, scale, *cells)
    _widths(ws, {1: _fit(names or [], 16)})
    _widths(ws, {k + 2: _fit([names[k]] if names else [], 12) for k in range(slots)})
    ws.freeze_panes = "B2"
    return ws


def _write_inputs(
    wb: Workbook,
    problem: Problem | None,
    *,
    weights_sheet: bool = True,
    experts: Sequence[str] | None = None,
    compare: Sequence[str] = (),
) -> None:
    """Criteria, Alternatives, Performance, Comparisons, Weights, Requirements.

    For a group (``experts`` names, or a problem with experts): an ``Experts``
    sheet and one ``Comparisons <expert>`` sheet each instead of Comparisons and
    Weights; for criteria rated pairwise (or named in ``compare``), one
    ``Alternatives <criterion>`` sheet each.
    """
    blank = problem is None
    if problem is not None:
        criteria = list(problem.criteria)
        alternatives = list(problem.alternatives)
        c_slots, a_slots = len(criteria), len(alternatives)
    else:
        criteria, alternatives = [], []
        c_slots, a_slots = _BLANK_CRITERIA, _BLANK_ALTERNATIVES
    # With sub-criteria, Criteria and Weights list every criterion (groups too);
    # Performance and Requirements the leaves (problem.criteria).
    every = list(problem.all_criteria) if problem is not None else []
    crit_fields = ("name", "kind", "description", "unit", "parent")
    c_rows = (len(every) + _EXTRA_ROWS) if not blank else c_slots
    a_rows = a_slots + (_EXTRA_ROWS if not blank else 0)

    # Criteria
    ws = wb.create_sheet("Criteria")
    for col, key in enumerate(crit_fields, start=1):
        _header(ws, 1, col, key, _NOTES[key])
    for r in range(2, c_rows + 2):
        for col in range(1, len(crit_fields) + 1):
            ws.cell(row=r, column=col).fill = _INPUT_FILL
    for r, c in enumerate(every, start=2):
        _put(ws, r, 1, c.name)
        _put(ws, r, 2, c.kind)
        _put(ws, r, 3, c.description or None)
        _put(ws, r, 4, c.unit or None)
        _put(ws, r, 5, c.parent)
    kinds = DataValidation(
        type="list", formula1='"' + ",".join(KINDS) + '"', allow_blank=True, showDropDown=False
    )
    kinds.error, kinds.errorTitle = (
        "Choose benefit (more is better) or cost (less is better).",
        "kind",
    )
    kinds.prompt, kinds.promptTitle = "benefit = more is better; cost = less is better", "kind"
    _validation(ws, kinds, f"B2:B{c_rows + 1}")
    parents = DataValidation(
        type="list",
        formula1=f"$A$2:$A${c_rows + 1}",
        allow_blank=True,
        showDropDown=False,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",
    )
    parents.error, parents.errorTitle = (
        "A parent is one of the criteria named in column A (or leave the cell empty).",
        "parent",
    )
    parents.prompt, parents.promptTitle = "Empty: a top-level criterion", "parent"
    _validation(ws, parents, f"E2:E{c_rows + 1}")
    _widths(
        ws,
        {
            1: _fit([c.name for c in every], 18),
            2: 11,
            3: min(60, _fit([c.description for c in every], 40)),
            4: min(40, _fit([c.unit for c in every], 20)),
            5: _fit([c.parent for c in every if c.parent], 12),
        },
    )
    for col in (3, 4):
        for r in range(2, len(every) + 2):
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

    # Performance (a blank template's labels leave out criteria named as a parent: groups)
    ws = wb.create_sheet("Performance")
    _header(ws, 1, 1, "alternative", _NOTES["performance"])
    for k in range(c_slots):
        _criterion_label(ws, 1, k + 2, k, None if blank else criteria[k].name, "leaf")
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
        _mark_rated_columns(ws, problem, compare)
    _validation(
        ws,
        _number_validation("Type a number.", "performance"),
        f"B2:{get_column_letter(c_slots + 1)}{a_slots + 1}",
    )
    _widths(ws, {1: _fit([a.name for a in alternatives], 25)})
    _widths(ws, {k + 2: _fit([criteria[k].name] if criteria else [], 14) for k in range(c_slots)})
    ws.freeze_panes = "B2"

    # Comparisons (one sheet per set of sibling criteria when there are sub-criteria)
    group = experts is not None or (problem is not None and bool(problem.experts))
    if group:
        _write_experts(wb, problem, experts, c_slots)
    elif problem is not None and not problem.hierarchy.is_flat:
        _hierarchy_comparison_sheets(wb, problem)
    else:
        _comparisons_sheet(
            wb,
            "Comparisons",
            None if blank else [c.name for c in criteria],
            c_slots,
            None if problem is None or problem.comparisons is None else problem.comparisons,
        )

    if problem is not None and (problem.alternative_comparisons or compare):
        _write_rated(wb, problem, compare)

    # Weights (typed directly)
    if weights_sheet and not group:
        ws = wb.create_sheet("Weights")
        _header(ws, 1, 1, "criterion", _NOTES["criterion"])
        _header(ws, 1, 2, "weight", _NOTES["weight"])
        typed = problem.weights if problem is not None else None
        w_slots = c_slots if blank else len(every)  # local weights of every criterion
        for k in range(w_slots):
            if blank:
                _formula(ws, k + 2, 1, _label_formula(k))
            else:
                _put(ws, k + 2, 1, every[k].name)
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
            f"B2:B{w_slots + 1}",
        )
        _widths(ws, {1: _fit([c.name for c in every], 18), 2: 12})
        ws.freeze_panes = "A2"

    # Requirements
    ws = wb.create_sheet("Requirements")
    _header(ws, 1, 1, "criterion", _NOTES["criterion"])
    _header(ws, 1, 2, "minimum", _NOTES["minimum"])
    _header(ws, 1, 3, "maximum", _NOTES["maximum"])
    reqs = problem.requirements if problem is not None else None
    for k in range(c_slots):
        if blank:
            _formula(ws, k + 2, 1, _label_formula(k, "leaf"))
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
        _number_validation("Type a number, or leave empty.", "bound"),
        f"B2:C{c_slots + 1}",
    )
    _widths(ws, {1: _fit([c.name for c in criteria], 18), 2: 12, 3: 12})
    ws.freeze_panes = "A2"


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _save(wb: Workbook, path: str | os.PathLike[str], overwrite: bool) -> Path:
    """Save through a temporary file beside the target (see :mod:`mcda_iso.safe_write`)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"cannot write {path}: the file name must end in .xlsx")
    return write_file(path, wb.save, overwrite=overwrite, error=WorkbookError)


def write_template(
    path: str | os.PathLike[str],
    scenario: str | os.PathLike[str] | Problem | None = None,
    *,
    profile: str | None = None,
    overwrite: bool = False,
    experts: Sequence[str] | None = None,
    compare_alternatives: Sequence[str] = (),
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
        scenario.
    """
    if experts is not None:
        experts = _expert_names(experts)
    if isinstance(compare_alternatives, str):
        compare_alternatives = [compare_alternatives]
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
    wb = _new_workbook()
    _instructions(wb, title)
    _write_inputs(wb, problem, experts=experts, compare=tuple(compare_alternatives))
    if problem is None:
        wb.calculation.fullCalcOnLoad = True  # the blank template's name formulas
    return _save(wb, path, overwrite)


def _verdict(result: Result) -> tuple[str, bool | None]:
    pri = result.ahp
    if len(result.priorities_by_parent) > 1:
        return _hierarchy_verdict(result)
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
    method = result.method_title
    if result.normalization:
        method += f" ({result.normalization} normalisation)"
    if result.ahp is not None:
        source = f"from the pairwise comparisons (AHP, {result.ahp.method})"
        if result.scale != "saaty":
            source += f"; judgments typed on Saaty's 1-9 scale, read on the {result.scale} scale"
        if len(result.priorities_by_parent) > 1:
            source += "; global weights of the sub-criteria (see the Weights sheet)"
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
    rows += _group_summary(result)
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
    if not result.problem.hierarchy.is_flat:
        _hierarchy_weights_sheet(wb, result)
        return
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
    if not result.problem.hierarchy.is_flat:
        _hierarchy_consistency_sheet(ws, result, verdict, ok)
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
    if result.group is not None:
        _revise_sections(ws, r, result)
        _widths(ws, {1: 34, 2: 20, 3: 16, 4: 18, 5: 20, 6: 20})
        return
    _put(ws, r, 1, "Judgments to revise first (largest contribution to inconsistency)", font=_BOLD)
    matrix = result.problem.comparisons
    try:
        worst = ahp.most_inconsistent(
            matrix.to_numpy(), k=3, names=list(result.problem.criterion_names)
        )
    except MCDAError as exc:
        _put(ws, r + 2, 1, f"not available: {exc}")
        worst = []
    _revise_table(ws, r + 1, worst)
    _widths(ws, {1: 34, 2: 20, 3: 16, 4: 18, 5: 20, 6: 20})


def _revise_targets(result: Result) -> list[tuple[str, ahp.Priorities]]:
    """The matrices whose judgments to revise, each with a heading.

    Only judgments someone typed can be revised: for a group, each inconsistent
    expert's own matrix (every expert's, when only the group matrix, their geometric
    mean, is inconsistent), never the group matrix itself.
    """
    flat = result.problem.hierarchy.is_flat

    def what(parent: str | None) -> str:
        if flat:
            return "the criteria"
        return hierarchy.TOP_LABEL if parent is None else f"sub-criteria of {parent}"

    if result.group is None:
        return [
            (what(p), pri) for p, pri in result.priorities_by_parent.items() if not pri.consistent
        ]
    out: list[tuple[str, ahp.Priorities]] = []
    for parent, g in (result.group_by_parent or {None: result.group}).items():
        bad = [(e, pri) for e, pri in g.experts.items() if not pri.consistent]
        if not bad and not g.group.consistent:
            bad = list(g.experts.items())
        out += [(f"{what(parent)}, as judged by {e}", pri) for e, pri in bad]
    return out


def _revise_sections(ws: Worksheet, row: int, result: Result) -> None:
    """From ``row`` down: the judgments to revise first in each matrix that needs it."""
    targets = _revise_targets(result)
    if not targets:
        _put(ws, row, 1, "Judgments to revise first: none (every matrix is consistent)")
        return
    for heading, pri in targets:
        _put(ws, row, 1, f"Judgments to revise first: {heading}", font=_BOLD)
        try:
            worst = ahp.most_inconsistent(pri.matrix, k=3, names=list(pri.labels()))
        except MCDAError as exc:
            _put(ws, row + 2, 1, f"not available: {exc}")
            worst = []
        _revise_table(ws, row + 1, worst)
        row += max(len(worst), 1) + 3


def _revise_table(ws: Worksheet, row: int, worst: Sequence[ahp.Judgment]) -> None:
    """Header row at ``row``, then the judgments to revise first, one per row."""
    heads = (
        "row criterion",
        "column criterion",
        "your judgment",
        "consistent value",
        "suggested judgment",
        "CR after the change",
    )
    for col, head in enumerate(heads, start=1):
        _header(ws, row, col, head)
    for k, jd in enumerate(worst, start=row + 1):
        _put(ws, k, 1, jd.row_name)
        _put(ws, k, 2, jd.col_name)
        _put(ws, k, 3, format_judgment(float(jd.value)))
        _put(ws, k, 4, float(jd.implied), number_format="0.000")
        _put(ws, k, 5, format_judgment(float(jd.suggested)))
        _put(ws, k, 6, float(jd.cr_after), number_format="0.0000")


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
    _group_results(wb, result)
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
    how = method_title(report.method)
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


# ----------------------------------------------------------------------------------------
# Sub-criteria: a criteria hierarchy (issue 4)
# ----------------------------------------------------------------------------------------

#: Title prefix of the sheet comparing one parent's sub-criteria: ``Sub-criteria <parent>``.
SUB_CRITERIA_PREFIX = "Sub-criteria "


def _check_parents(
    sheet: _Sheet, criteria: Sequence[Criterion], rows: dict[str, int], col: int, out: _Collector
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


def _explain_labels(
    sheet: _Sheet,
    tree: hierarchy.Hierarchy,
    out: _Collector,
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
    titles = _sub_criteria_titles(tree) if titles is None else titles
    for r, c in cells:
        label = _name(sheet.value(r, c))
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
        cell = _ref(sheet.title, r, c)
        for k, error in enumerate(out.errors):
            if error.cell == cell:
                out.errors[k] = WorkbookError(message, sheet=sheet.title, cell=cell)


def _sub_criteria_titles(tree: hierarchy.Hierarchy) -> dict[str, str]:
    """Sheet title for each parent, in criteria order (cut to 31 characters, made unique)."""
    used: set[str] = set()
    return {p: _sheet_title(SUB_CRITERIA_PREFIX, p, used) for p in tree.groups if p is not None}


def _parent_cell(sheet: _Sheet, parent: str) -> tuple[int, int]:
    """Row and column of the first cell of the Criteria sheet naming ``parent`` as a parent."""
    columns = _header_columns(sheet, ("name", "parent"), (), _Collector())
    col = columns["parent"]  # a hierarchy was read, so the column is there
    row = next(r for r in range(2, len(sheet.rows) + 1) if _name(sheet.value(r, col)) == parent)
    return row, col


def _missing_sub_criteria_sheet(
    criteria: _Sheet, parent: str, kids: Sequence[str], title: str, out: _Collector
) -> None:
    """Say which sheet to add for ``parent``'s sub-criteria and how it is laid out,
    at the first Criteria cell naming ``parent`` as a parent."""
    names = ", ".join(repr(k) for k in kids)
    out.add(
        criteria.title,
        *_parent_cell(criteria, parent),
        f"{parent!r} has sub-criteria ({names}), so their pairwise comparisons need a sheet "
        f"named {title!r}; " + _sub_sheet_layout(parent, kids),
    )


def _sub_sheet_layout(parent: str, kids: Sequence[str]) -> str:
    """How a sheet comparing ``parent``'s sub-criteria is laid out (for 'add it' messages)."""
    last = get_column_letter(len(kids) + 1)
    return (
        "add it laid out like the Comparisons sheet: the sub-criteria's "
        f"names in row 1 (B1:{last}1) and again in column A (A2:A{len(kids) + 1}), A1 free "
        f"(for example {parent!r}), and a judgment 1/9 .. 9 in each cell of the upper "
        "triangle (row vs column)"
    )


def _read_sub_criteria(
    path: Path,
    criteria: _Sheet,
    tree: hierarchy.Hierarchy,
    top: np.ndarray | None,
    top_filled: bool,
    strict: bool,
    out: _Collector,
) -> tuple[dict[str | None, np.ndarray] | None, dict[str, _Sheet]]:
    """Every matrix of a hierarchy, ``{None: top, parent: matrix, ...}``, as Problem takes them.

    Used only when the top-level Comparisons sheet holds judgments; otherwise the
    typed weights are used and a filled sub-criteria sheet is reported. Also returns
    the sheets read, for the check of formulas without a calculated value.
    """
    titles = _sub_criteria_titles(tree)
    sheets = _load_sheets(path, titles.values())
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
        matrix, filled = _read_comparisons(sheet, kids, strict, out)
        _explain_labels(sheet, tree, out, parent)
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


def _hierarchy_comparison_sheets(wb: Workbook, problem: Problem) -> None:
    """Comparisons (the top-level criteria) and one ``Sub-criteria <parent>`` sheet per parent."""
    tree = problem.hierarchy
    given = problem.comparisons if isinstance(problem.comparisons, dict) else None
    top = list(tree.children(None))
    _comparisons_sheet(wb, "Comparisons", top, len(top), None if given is None else given[None])
    for parent, title in _sub_criteria_titles(tree).items():
        kids = list(tree.children(parent))
        ws = _comparisons_sheet(
            wb, title, kids, len(kids), None if given is None else given[parent], corner=parent
        )
        ws["A1"].comment = Comment(
            f"Sub-criteria of {parent!r}. " + _NOTES["comparisons"], _AUTHOR, width=300, height=120
        )


def _hierarchy_weights_sheet(wb: Workbook, result: Result) -> None:
    """Weights of a hierarchy: parent, local and global weight of every criterion."""
    ws = wb.create_sheet("Weights")
    problem, tree = result.problem, result.problem.hierarchy
    local, glob = result.local_weights, result.global_weights
    assert local is not None and glob is not None
    typed = problem.weights
    heads = [
        ("criterion", _NOTES["criterion"]),
        ("parent", "The criterion this one is a sub-criterion of (empty: top level)."),
        ("local weight", "Weight among its siblings (the criteria with the same parent); sum 1."),
        (
            "global weight",
            "Product of the local weights from the top down: the weight of a leaf in the "
            "ranking (a group's is the sum of its sub-criteria's).",
        ),
        ("leaf", "yes: carries performance data and is ranked on; no: a group."),
    ]
    if typed is not None:
        heads.append(("weight", "The local weights as typed (read back as the problem's weights)."))
    for col, (head, note) in enumerate(heads, start=1):
        _header(ws, 1, col, head, note)
    leaves = set(tree.leaves)
    order = sorted(tree.names, key=lambda n: [tree.names.index(x) for x in tree.path(n)])
    for r, name in enumerate(order, start=2):
        depth = len(tree.path(name)) - 1
        _put(ws, r, 1, name, alignment=Alignment(indent=2 * depth))
        _put(ws, r, 2, tree.parent(name))
        _put(ws, r, 3, float(local[name]), number_format="0.000")
        _put(
            ws,
            r,
            4,
            float(glob[name]),
            number_format="0.000",
            font=_BOLD if name in leaves else None,
        )
        _put(ws, r, 5, "yes" if name in leaves else "no")
        if typed is not None:
            _put(ws, r, 6, float(typed[name]), fill=_INPUT_FILL)
    _widths(
        ws,
        {
            1: _fit(tree.names, 18) + 4,
            2: _fit([p for p in tree.parents if p], 10),
            3: 14,
            4: 14,
            5: 6,
            6: 10,
        },
    )
    ws.freeze_panes = "A2"


def _hierarchy_verdict(result: Result) -> tuple[str, bool]:
    bad = [
        (hierarchy.TOP_LABEL if k is None else f"sub-criteria of {k!r}", p)
        for k, p in result.priorities_by_parent.items()
        if not p.consistent
    ]
    if not bad:
        worst = max(p.cr for p in result.priorities_by_parent.values())
        return (
            f"consistent: every comparison matrix is within its CR threshold "
            f"({len(result.priorities_by_parent)} matrices, highest CR {worst:.3f})",
            True,
        )
    listed = "; ".join(f"{what}: CR = {p.cr:.3f} > {p.threshold:.2f}" for what, p in bad)
    return (
        f"WARNING: INCONSISTENT judgments ({listed}); revise the judgments listed on the "
        "Consistency sheet before relying on this ranking",
        False,
    )


def _hierarchy_consistency_sheet(
    ws: Worksheet, result: Result, verdict: str, ok: bool | None
) -> None:
    """CR per matrix, then the judgments to revise first in each inconsistent matrix."""
    _put(ws, 3, 1, "Verdict", font=_BOLD)
    cell = _put(ws, 3, 2, verdict, alignment=_WRAP)
    _mark(cell, ok)
    r = _hierarchy_consistency_rows(ws, result, 5) + 1
    _revise_sections(ws, r, result)
    _widths(ws, {1: 34, 2: 26, 3: 8, 4: 12, 5: 10, 6: 10, 7: 10, 8: 10, 9: 34})


def _hierarchy_consistency_rows(ws: Worksheet, result: Result, row: int) -> int:
    """A table of every criteria matrix: n, lambda_max, CI, RI, CR, threshold, verdict."""
    _put(ws, row, 1, "Consistency of each comparison matrix", font=_BOLD)
    heads = ("matrix", "sheet", "n", "lambda_max", "CI", "RI", "CR", "threshold", "verdict")
    for col, head in enumerate(heads, start=1):
        _header(ws, row + 1, col, head)
    tree = result.problem.hierarchy
    titles: dict[str | None, str] = {None: "Comparisons", **_sub_criteria_titles(tree)}
    if result.group is not None:  # the group matrix of the experts' sheets
        experts = list(result.group.experts)
        used: set[str] = set()
        theirs = {None: [_sheet_title(EXPERT_PREFIX, e, used) for e in experts]}
        for mine in _expert_sub_titles(experts, tree).values():
            for parent, title in mine.items():
                theirs.setdefault(parent, []).append(title)
        titles = {
            p: "group matrix of " + ", ".join(repr(t) for t in ts) for p, ts in theirs.items()
        }
    r = row + 2
    for parent, pri in result.priorities_by_parent.items():
        label = hierarchy.TOP_LABEL if parent is None else f"sub-criteria of {parent}"
        values = (
            label,
            titles[parent],
            int(pri.n),
            float(pri.lambda_max),
            float(pri.ci),
            float(pri.ri),
            float(pri.cr),
            float(pri.threshold),
            "consistent" if pri.consistent else "INCONSISTENT: revise the judgments",
        )
        for col, value in enumerate(values, start=1):
            cell = _put(ws, r, col, value)
            if col in (4, 5, 7):
                cell.number_format = "0.0000"
            elif col in (6, 8):
                cell.number_format = "0.00"
        _mark(ws.cell(row=r, column=9), bool(pri.consistent))
        r += 1
    return r


# ----------------------------------------------------------------------------------------
# Group decisions, missing judgments, pairwise rating of alternatives (issue 4)
# ----------------------------------------------------------------------------------------

#: Title prefix of an expert's comparisons sheet: ``Comparisons <expert>``.
EXPERT_PREFIX = "Comparisons "
#: Title prefix of a sheet comparing the alternatives under one criterion.
RATING_PREFIX = "Alternatives "
_GROUP_PREFIXES = (EXPERT_PREFIX.casefold(), RATING_PREFIX.casefold())
_MAX_TITLE = 31  # Excel's limit on sheet titles
_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
_CORNER = "row vs column"
_INFERRED_FILL = PatternFill("solid", start_color="E4DFEC")
_INFERRED_FONT = Font(italic=True, color="5B3F86")


def _blank_sheet(sheet: _Sheet) -> bool:
    """No value in any cell."""
    return all(_blank(v) for row in sheet.rows for v in row)


def _workbook_titles(path: Path) -> list[str]:
    """Every sheet title of the workbook, stripped."""
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except _HOSTILE as exc:
        raise _not_a_workbook(path, _why(exc)) from exc
    try:
        return [t.strip() for t in wb.sheetnames]
    finally:
        wb.close()


def _group_titles(titles: Sequence[str]) -> list[str]:
    """Titles of the Experts sheet and of every ``Comparisons <x>``, ``Alternatives <x>`` sheet."""
    return [
        t for t in titles if t.casefold() == "experts" or t.casefold().startswith(_GROUP_PREFIXES)
    ]


def _expert_sheets(sheets: dict[str, _Sheet]) -> list[str]:
    return [t for t in sheets if t.casefold().startswith(_GROUP_PREFIXES[0])]


def _subject(sheet: _Sheet, prefix: str) -> str:
    """Whose judgments (an expert) or which criterion a sheet holds: cell A1, else the title.

    Sheet titles are limited to 31 characters, so a longer name is typed in A1.
    """
    corner = _name(sheet.value(1, 1))
    if corner is not None and corner.casefold() != _CORNER:
        return corner
    return sheet.title.strip()[len(prefix) :].strip()


def _sheet_title(prefix: str, name: str, used: set[str]) -> str:
    """``prefix + name`` made a valid, unique sheet title (at most 31 characters)."""
    base = (prefix + name.translate(_TITLE_FORBIDDEN))[:_MAX_TITLE].strip().strip("'")
    title, k = base, 2
    while title.casefold() in used:
        suffix = f" ({k})"
        title, k = base[: _MAX_TITLE - len(suffix)] + suffix, k + 1
    used.add(title.casefold())
    return title


def _read_experts_sheet(
    sheet: _Sheet, out: _Collector
) -> tuple[dict[str, int], dict[str, float] | None]:
    """Expert names with their rows, and their weights (None: no weight typed, equal)."""
    before = len(out.errors)
    columns, rows = _read_table(sheet, ("name", "weight"), ("name",), "expert", out)
    listed = {values["name"]: r for r, values in rows}
    typed = [(r, v) for r, v in rows if not _blank(v.get("weight"))]
    if not typed:
        return listed, None
    weights: dict[str, float] = {}
    for r, values in rows:
        value, name = values.get("weight"), values["name"]
        number = _number(value)
        if number is None or not math.isfinite(number) or number <= 0:
            expected = f"a positive weight for expert {name!r} (or no weight for anyone: equal)"
            message = (
                f"an expert's weight must be positive: found {number:g} for {name!r}"
                if number is not None
                else _number_problem(value, expected)
            )
            (out.empty if value is None else out.add)(sheet.title, r, columns["weight"], message)
            continue
        weights[name] = number
    return listed, (weights if len(out.errors) == before else None)


def _read_experts(
    sheets: dict[str, _Sheet],
    criteria: Sequence[str] | None,
    strict: bool,
    out: _Collector,
    found: dict[str, tuple[str, int | None]] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, float] | None]:
    """Each expert's criteria matrix (from ``Comparisons <name>``) and the expert weights.

    ``found`` (if given) receives, for every expert with a sheet, in sheet order, the
    sheet's title and the expert's row in the Experts sheet (None if not listed there).
    """
    listed: dict[str, int] | None = None
    weights = None
    if "Experts" in sheets:
        listed, weights = _read_experts_sheet(sheets["Experts"], out)
    titles = _expert_sheets(sheets)
    if not titles:
        if listed:
            out.add(
                "Experts",
                None,
                None,
                "the Experts sheet lists experts but no workbook sheet holds their judgments: add "
                f"one sheet per expert named {EXPERT_PREFIX!r} + the expert's name",
            )
        return {}, None
    matrices: dict[str, np.ndarray] = {}
    seen: dict[str, str] = {}
    for title in titles:
        sheet = sheets[title]
        name = _subject(sheet, EXPERT_PREFIX)
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
                f"sheet (listed: {', '.join(listed) or 'none'}); add them there, or rename "
                "the sheet",
            )
        matrix, filled = _read_comparisons(sheet, criteria, strict, out)
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
            own = EXPERT_PREFIX + name
            claimed = next((t for t in titles if t.casefold() == own.casefold()), None)
            out.add(
                "Experts",
                r,
                1,
                f"expert {name!r} has no sheet {own!r}; add it (a copy of a comparisons sheet) "
                "or delete this row"
                if claimed is None
                else f"expert {name!r} has no sheet of judgments: the sheet {claimed!r} names "
                f"{_subject(sheets[claimed], EXPERT_PREFIX)!r} in cell A1, and A1 counts over "
                "the sheet's title; correct A1 there",
            )
    return matrices, weights


def _same_expert_twice(
    sheets: dict[str, _Sheet], name: str, first: str, second: str, out: _Collector
) -> None:
    """Two sheets hold one expert's judgments: report at the sheet whose cell A1 names
    the expert against its own title (a copied sheet whose A1 was not changed), else at
    the second sheet."""
    for title in (first, second):
        titled = title[len(EXPERT_PREFIX) :].strip()
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


def _read_rated(
    sheets: dict[str, _Sheet],
    criteria: Sequence[str] | None,
    alternatives: Sequence[str] | None,
    strict: bool,
    out: _Collector,
) -> dict[str, tuple[str, np.ndarray]]:
    """Criterion -> (sheet title, alternatives matrix) for each filled ``Alternatives <x>``.

    A sheet without any judgment is ignored (the criterion then uses Performance).
    """
    rated: dict[str, tuple[str, np.ndarray]] = {}
    for title, sheet in sheets.items():
        if not title.casefold().startswith(_GROUP_PREFIXES[1]):
            continue
        crit = _subject(sheet, RATING_PREFIX)
        if criteria is not None and crit not in criteria:
            out.add(
                title,
                1,
                1,
                f"no criterion {crit!r} in the Criteria sheet (known: {', '.join(criteria)}): "
                "a sheet named 'Alternatives <criterion>' compares the alternatives pairwise "
                "under that criterion (type the criterion in A1 when its name is too long for a "
                "sheet title); rename or delete this sheet otherwise",
            )
            continue
        if crit in rated:
            out.add(title, 1, 1, f"criterion {crit!r} already has the sheet {rated[crit][0]!r}")
            continue
        matrix, filled = _read_comparisons(
            sheet, alternatives, strict, out, ("alternative", "Alternatives")
        )
        if matrix is None or not filled:
            continue
        rated[crit] = (title, matrix)
    return rated


def _expert_names(experts: Sequence[str]) -> list[str]:
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


def _write_experts(
    wb: Workbook, problem: Problem | None, experts: Sequence[str] | None, slots: int
) -> None:
    """An ``Experts`` sheet (name, weight) and one ``Comparisons <expert>`` sheet per expert."""
    names = list(experts) if experts is not None else list(problem.experts if problem else ())
    given = (problem.expert_comparisons if problem is not None else None) or {}
    typed = problem.expert_weights if problem is not None else None
    ws = wb.create_sheet("Experts")
    _header(
        ws,
        1,
        1,
        "name",
        "One row per expert; each has a sheet 'Comparisons <name>' (and, with sub-criteria, "
        "one sheet '<name> - <parent>' per criterion with sub-criteria).",
    )
    _header(
        ws,
        1,
        2,
        "weight",
        "Optional: a positive weight per expert (scaled to sum 1); leave all empty for equal "
        "weights.",
    )
    for r, name in enumerate(names, start=2):
        _put(ws, r, 1, name, fill=_INPUT_FILL)
        cell = _put(ws, r, 2, None, fill=_INPUT_FILL)
        if typed is not None and name in typed.index:
            cell.value = float(typed[name])
    _widths(ws, {1: _fit(names, 24), 2: 12})
    ws.freeze_panes = "A2"
    # With sub-criteria: 'Comparisons <expert>' compares the top-level criteria, and each
    # expert has one '<expert> - <parent>' sheet per parent, after it.
    tree = None if problem is None else problem.hierarchy
    criteria = None if tree is None else list(tree.children(None))
    subs = {} if tree is None or tree.is_flat else _expert_sub_titles(names, tree)
    used = {t.casefold() for t in wb.sheetnames}
    for name in names:
        matrix = given.get(name)
        mine = matrix if isinstance(matrix, dict) else {None: matrix}
        title = _sheet_title(EXPERT_PREFIX, name, used)
        sheet = _comparisons_sheet(
            wb,
            title,
            criteria,
            slots if criteria is None else len(criteria),
            None if matrix is None else mine[None].to_numpy(),
            name,
        )
        sheet["A1"].comment = Comment(
            f"The judgments of {name} (the name in this cell identifies the expert). How much "
            "more important is the ROW criterion than the COLUMN criterion? 1/9 .. 9 in the "
            "upper triangle; an empty cell is a missing judgment.",
            _AUTHOR,
        )
        for parent, sub in subs.get(name, {}).items():
            assert tree is not None
            kids = list(tree.children(parent))
            if len(kids) < 2:  # a single sub-criterion needs no sheet (weight 1)
                continue
            judged = None if matrix is None else mine[parent].to_numpy()
            ws = _comparisons_sheet(wb, sub, kids, len(kids), judged, corner=parent)
            ws["A1"].comment = Comment(
                f"The judgments of {name} on the sub-criteria of {parent!r} (this sheet's title "
                f"names both; the parent is in this cell). " + _NOTES["comparisons"],
                _AUTHOR,
                width=300,
                height=120,
            )


def _rated_titles(problem: Problem, compare: Sequence[str] = ()) -> dict[str, str]:
    """Sheet title per criterion rated pairwise (given, or in ``compare``), in criterion order."""
    rated = set(problem.alternative_comparisons or {}) | set(compare)
    used: set[str] = set()
    return {c: _sheet_title(RATING_PREFIX, c, used) for c in problem.criterion_names if c in rated}


def _write_rated(wb: Workbook, problem: Problem, compare: Sequence[str] = ()) -> None:
    """One ``Alternatives <criterion>`` sheet per criterion rated by pairwise comparisons."""
    names = list(problem.alternative_names)
    matrices = problem.alternative_comparisons or {}
    for crit, title in _rated_titles(problem, compare).items():
        matrix = matrices[crit].to_numpy() if crit in matrices else None
        ws = _comparisons_sheet(wb, title, names, len(names), matrix, crit)
        ws["A1"].comment = Comment(
            f"Under the criterion {crit} (the name in this cell identifies it): how strongly is "
            "the ROW alternative preferred to the COLUMN alternative? 1/9 .. 9 in the upper "
            "triangle; an empty cell is a missing judgment. Leave this criterion's Performance "
            "column empty.",
            _AUTHOR,
        )
        for dv in ws.data_validations.dataValidation:
            dv.prompt = "How strongly is the row alternative preferred? 1/9 .. 9"


def _mark_rated_columns(ws: Worksheet, problem: Problem, compare: Sequence[str] = ()) -> None:
    """Empty, grey Performance columns for the criteria rated pairwise, with a note."""
    for crit, title in _rated_titles(problem, compare).items():
        col = problem.criterion_names.index(crit) + 2
        note = Comment(f"Rated pairwise in the sheet '{title}': leave this column empty.", _AUTHOR)
        ws.cell(row=1, column=col).comment = note
        for r in range(2, len(problem.alternatives) + 2):
            cell = ws.cell(row=r, column=col)
            cell.value, cell.fill = None, _DERIVED_FILL


def _group_summary(result: Result) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    group = result.group
    if group is not None:
        how = {"aij": "their judgments (AIJ)", "aip": "their priorities (AIP)"}[group.method]
        text = f"{len(group.experts)} experts, combined by aggregating {how}"
        if result.group_by_parent is not None:
            text += " matrix by matrix"
        consensus, deviating = result.consensus, result.most_deviating
        if consensus is not None and deviating is not None:
            on = "" if result.group_by_parent is None else ", of the hierarchy"
            text += (
                f"; consensus S* = {consensus:.3f} ({consensus_words(consensus)}{on}); "
                f"most deviating: {deviating[0]} (see the Group sheet)"
            )
        rows.append(("Experts", text))
    if result.alternative_priorities:
        parts = [
            f"{c} (CR {p.cr:.3f}{'' if p.consistent else ', INCONSISTENT'})"
            for c, p in result.alternative_priorities.items()
        ]
        rows.append(("Rated pairwise", "; ".join(parts) + " (see the Local priorities sheet)"))
    return rows


def _group_results(wb: Workbook, result: Result) -> None:
    """The Group, Local priorities and Completed matrices sheets, when they apply."""
    if result.group is not None:
        _group_sheet(wb, result)
    if result.alternative_priorities:
        _local_priorities_sheet(wb, result)
    _completed_sheet(wb, result)


def _verdict_cell(ws: Worksheet, row: int, col: int, pri: ahp.Priorities) -> None:
    cell = _put(ws, row, col, "consistent" if pri.consistent else "INCONSISTENT")
    _mark(cell, pri.consistent)


def _group_sheet(wb: Workbook, result: Result) -> None:
    group = result.group
    assert group is not None
    ws = wb.create_sheet("Group")
    _put(ws, 1, 1, "Group decision: each expert's weights beside the group's", font=_TITLE)
    how = {
        "aij": "AIJ: aggregation of individual judgments (weighted geometric mean of the "
        "judgments, then its priorities)",
        "aip": "AIP: aggregation of individual priorities (weighted geometric mean of each "
        "expert's priorities, renormalised)",
    }[group.method]
    facts: list[tuple[str, Any]] = [("Aggregation", how)]
    consensus, deviating = result.consensus, result.most_deviating
    by_parent = result.group_by_parent
    if by_parent is not None:
        facts[0] = ("Aggregation", how + ", for each comparison matrix on its own")
    if consensus is not None and deviating is not None:
        on = (
            ""
            if by_parent is None
            else "of the hierarchy: each matrix's S* weighted by its parent's global weight, "
            "the top level by 1, as in Goepel's AHP-OS; "
        )
        facts.append(
            (
                "Consensus S*",
                f"{consensus:.3f} ({consensus_words(consensus)}; {on}Goepel's AHP "
                "consensus indicator: 0 = no agreement, 1 = identical priorities)",
            )
        )
        facts.append(
            (
                "Most deviating expert",
                f"{deviating[0]} (distance {deviating[1]:.3f} from the group's weights)",
            )
        )
    for r, (label, text) in enumerate(facts, start=3):
        _put(ws, r, 1, label, font=_BOLD)
        _put(ws, r, 2, text)
    top = len(facts) + 4
    assert result.ahp is not None
    if by_parent is None:
        rows = [(e, group.expert_weights[e], p, p.weights) for e, p in group.experts.items()]
        rows.append(("group", 1.0, result.ahp, result.weights.to_numpy()))
        _expert_table(ws, top, "CR", list(result.weights.index), rows)
        _widths(ws, {1: _fit([*group.experts, "Most deviating expert"], 18), 2: 14, 3: 9, 4: 14})
        return
    _hierarchy_group_tables(ws, top, result, by_parent)


def _expert_table(
    ws: Worksheet,
    top: int,
    cr: str,
    criteria: Sequence[str],
    rows: Sequence[tuple[str, float, ahp.Priorities | Sequence[ahp.Priorities], Any]],
) -> int:
    """Header at row ``top``, then per expert (and the group, in bold) the expert weight, CR
    (the highest of several matrices), verdict and weights; returns the next free row."""
    heads = ["expert", "expert weight", cr, "verdict", *criteria]
    for col, head in enumerate(heads, start=1):
        _header(ws, top, col, head)
    for r, (name, share, pri, weights) in enumerate(rows, start=top + 1):
        worst = pri if isinstance(pri, ahp.Priorities) else max(pri, key=lambda p: p.cr)
        every = [pri] if isinstance(pri, ahp.Priorities) else list(pri)
        bold = Font(bold=True) if name == "group" else Font()
        _put(ws, r, 1, name, font=bold)
        _put(ws, r, 2, float(share), number_format="0.000")
        _put(ws, r, 3, float(worst.cr), number_format="0.000")
        cell = _put(ws, r, 4, "consistent" if all(p.consistent for p in every) else "INCONSISTENT")
        _mark(cell, all(p.consistent for p in every))
        for k, w in enumerate(weights, start=5):
            _put(ws, r, k, float(w), number_format="0.000", font=bold)
    width = {k: _fit([c], 12) for k, c in enumerate(criteria, start=5)}
    for col, value in width.items():  # several tables share the columns: the widest wins
        letter = get_column_letter(col)
        if (ws.column_dimensions[letter].width or 0) < value:
            _widths(ws, {col: value})
    return top + len(rows) + 1


def _hierarchy_group_tables(
    ws: Worksheet,
    row: int,
    result: Result,
    by_parent: Mapping[str | None, ahp.GroupPriorities],
) -> None:
    """Each expert's global leaf weights beside the group's, then one table per comparison
    matrix: each expert's local weights and CR, the group's, the group CR and consensus."""
    group = result.group
    assert group is not None and result.expert_priorities is not None
    table = result.expert_priorities
    _put(ws, row, 1, "Global weights of the leaf criteria (the ranking's weights)", font=_BOLD)
    rows: list[tuple[str, float, Any, Any]] = [
        (e, group.expert_weights[e], [g.experts[e] for g in by_parent.values()], table.loc[e])
        for e in group.experts
    ]
    rows.append(("group", 1.0, [g.group for g in by_parent.values()], result.weights.to_numpy()))
    row = _expert_table(ws, row + 1, "highest CR", list(table.columns), rows) + 1
    tree = result.problem.hierarchy
    titles = _expert_sub_titles(list(group.experts), tree)
    used: set[str] = set()
    tops = [_sheet_title(EXPERT_PREFIX, e, used) for e in group.experts]
    for parent, g in by_parent.items():
        kids = list(tree.children(parent))
        if len(kids) < 2:
            continue  # weight 1, no sheet
        sheets = tops if parent is None else [titles[e][parent] for e in group.experts]
        what = hierarchy.TOP_LABEL if parent is None else f"sub-criteria of {parent}"
        _put(ws, row, 1, f"Local weights: {what}", font=_BOLD)
        _put(ws, row, 2, f"sheets {', '.join(repr(s) for s in sheets)}")
        verdict = "consistent" if g.group.consistent else "INCONSISTENT"
        line = f"group CR {g.group.cr:.3f} ({verdict})"
        if g.consensus is not None:
            line += (
                f"; consensus S* = {g.consensus:.3f} ({consensus_words(g.consensus)}); "
                f"most deviating: {g.most_deviating}"
            )
        _put(ws, row + 1, 1, "This matrix", font=_BOLD)
        _put(ws, row + 1, 2, line)
        rows = [(e, g.expert_weights[e], p, p.weights) for e, p in g.experts.items()]
        rows.append(("group", 1.0, g.group, g.weights))
        row = _expert_table(ws, row + 2, "CR", kids, rows) + 1
    _widths(ws, {1: _fit([*group.experts, "Most deviating expert"], 22), 2: 14, 3: 11, 4: 14})


def _local_priorities_sheet(wb: Workbook, result: Result) -> None:
    ws = wb.create_sheet("Local priorities")
    _put(ws, 1, 1, "Local priorities of the alternatives compared pairwise", font=_TITLE)
    local = result.alternative_priorities
    _header(ws, 3, 1, "alternative")
    for col, crit in enumerate(local, start=2):
        _header(ws, 3, col, crit, "Principal eigenvector of the sheet 'Alternatives <criterion>'.")
    names = list(result.problem.alternative_names)
    for r, alt in enumerate(names, start=4):
        _put(ws, r, 1, alt)
        for col, pri in enumerate(local.values(), start=2):
            _put(ws, r, col, float(pri.weights[r - 4]), number_format="0.000")
    r = len(names) + 4
    _put(ws, r, 1, "CR", font=_BOLD)
    _put(ws, r + 1, 1, "verdict", font=_BOLD)
    for col, pri in enumerate(local.values(), start=2):
        _put(ws, r, col, float(pri.cr), number_format="0.000")
        _verdict_cell(ws, r + 1, col, pri)
    _widths(ws, {1: _fit(names, 25)})
    _widths(ws, {k: _fit([c], 14) for k, c in enumerate(local, start=2)})


def _completed_sheet(wb: Workbook, result: Result) -> None:
    """Every matrix with missing judgments, completed, the inferred values marked."""
    blocks: list[tuple[str, ahp.Priorities, list[str]]] = []
    criteria = list(result.problem.criterion_names)
    tree = result.problem.hierarchy
    if result.group_by_parent is not None:  # several experts, sub-criteria
        for parent, g in result.group_by_parent.items():
            kids = list(tree.children(parent))
            what = hierarchy.TOP_LABEL if parent is None else f"sub-criteria of {parent}"
            for name, pri in g.experts.items():
                blocks.append((f"Expert {name}: {what}", pri, kids))
            blocks.append((f"Group matrix (aggregated judgments): {what}", g.group, kids))
    elif not tree.is_flat and result.group is None:
        sheets = _sub_criteria_titles(tree)
        for parent, pri in result.priorities_by_parent.items():
            sheet = "Comparisons" if parent is None else sheets[parent]
            blocks.append((f"Criteria (sheet {sheet})", pri, list(tree.children(parent))))
    elif result.group is not None:
        for name, pri in result.group.experts.items():
            blocks.append((f"Expert {name}", pri, criteria))
        blocks.append(("Group matrix (aggregated judgments)", result.group.group, criteria))
    elif result.ahp is not None:
        blocks.append(("Criteria (sheet Comparisons)", result.ahp, criteria))
    alternatives = list(result.problem.alternative_names)
    for crit, pri in result.alternative_priorities.items():
        blocks.append((f"Alternatives under {crit}", pri, alternatives))
    blocks = [b for b in blocks if b[1].missing is not None]
    if not blocks:
        return
    ws = wb.create_sheet("Completed matrices")
    _put(ws, 1, 1, "Missing judgments and the values inferred for them", font=_TITLE)
    _put(
        ws,
        2,
        1,
        "Empty cells were missing judgments. Their values (italic, purple) are inferred from "
        "the judgments given: w_i / w_j with the priorities of Harker's (1987) method, the "
        "matrix on which CR is computed. They are not read back as judgments.",
    )
    r = 4
    width = 16.0
    for label, pri, names in blocks:
        _put(ws, r, 1, label, font=_BOLD)
        _header(ws, r + 1, 1, _CORNER)
        for k, name in enumerate(names):
            _header(ws, r + 1, k + 2, name)
            _put(ws, r + 2 + k, 1, name, font=_BOLD, fill=_HEADER_FILL)
        assert pri.missing is not None
        for (i, j), value in np.ndenumerate(pri.matrix):
            if pri.missing[i, j]:
                cell = _put(ws, r + 2 + i, j + 2, float(value), number_format="0.000")
                cell.font, cell.fill = _INFERRED_FONT, _INFERRED_FILL
                cell.comment = Comment("inferred (missing judgment)", _AUTHOR)
            else:
                _put(ws, r + 2 + i, j + 2, _judgment_cell(float(value)))
        width = max(width, _fit(names, 16))
        r += len(names) + 3
    _widths(ws, {1: width})


# ----------------------------------------------------------------------------------------
# Several experts and sub-criteria: one sheet per expert and parent (issue 4)
# ----------------------------------------------------------------------------------------

#: Between the expert and the parent in the title of an expert's sub-criteria sheet.
EXPERT_PARENT_SEPARATOR = " - "
_KEEP_OF_EACH = 14  # characters of the expert and of the parent kept when both are long


def _expert_sub_titles(
    experts: Sequence[str], tree: hierarchy.Hierarchy
) -> dict[str, dict[str, str]]:
    """Expert -> parent -> title of the sheet of that expert's judgments of the parent's
    sub-criteria: ``<expert> - <parent>``, a valid, unique title of at most 31 characters.

    Computed from the experts' names (in the order of their sheets) and the criteria alone,
    in a fixed order, so that the reader finds the titles the writer made: a long expert
    name is cut first, a long parent name too when both are long (at least
    ``_KEEP_OF_EACH`` characters of each are kept); titles that still clash get `` (2)``...
    """
    used = {t.casefold() for t in (*SHEETS, "Experts")}
    for expert in experts:  # the experts' own sheets come first
        _sheet_title(EXPERT_PREFIX, expert, used)
    room = _MAX_TITLE - len(EXPERT_PARENT_SEPARATOR)
    titles: dict[str, dict[str, str]] = {}
    for expert in experts:
        titles[expert] = {}
        for parent in tree.groups:
            if parent is None:
                continue
            keep = min(len(parent), max(room - len(expert), _KEEP_OF_EACH))
            text = expert[: room - keep].rstrip() + EXPERT_PARENT_SEPARATOR + parent[:keep]
            titles[expert][parent] = _sheet_title("", text, used)
    return titles


def _read_expert_sub_criteria(
    path: Path,
    every: Sequence[str],
    extra: dict[str, _Sheet],
    tree: hierarchy.Hierarchy,
    tops: dict[str, np.ndarray],
    found: dict[str, tuple[str, int | None]],
    strict: bool,
    out: _Collector,
) -> tuple[dict[str, dict[str | None, np.ndarray]], dict[str, _Sheet]]:
    """Each expert's matrices ``{None: top, parent: matrix, ...}``, as Problem takes them.

    ``every``: the workbook's sheet titles; ``tops``: each expert's top-level matrix
    (from ``Comparisons <expert>``); ``found``: each expert's sheet and row in the
    Experts sheet (where a missing sheet is reported).
    A ``Sub-criteria <parent>`` sheet holding judgments is an error: each expert judges on
    their own sheets. Also returns the sheets read, for the check of formulas.
    """
    titles = _expert_sub_titles(list(found), tree)
    plain = _sub_criteria_titles(tree)
    wanted = [title for mine in titles.values() for title in mine.values()]
    sheets = _load_sheets(path, [*wanted, *plain.values()])
    before = len(out.errors)
    _stray_expert_sheets(every, wanted, tree, list(found), out)
    for parent, title in plain.items():
        if title in sheets:
            theirs = [mine[parent] for mine in titles.values()]
            _plain_sub_sheet_with_experts(sheets.pop(title), parent, theirs, out)
    matrices: dict[str, dict[str | None, np.ndarray]] = {}
    for expert, (top_title, row) in found.items():
        mine, top = titles[expert], f"the sheet {top_title!r}"
        _explain_labels(extra[top_title], tree, out, titles=mine, top=top)
        judged: dict[str | None, np.ndarray] = {}
        if expert in tops:
            judged[None] = tops[expert]
        for parent, title in mine.items():
            kids = list(tree.children(parent))
            what = f"the sub-criteria of {parent!r} ({', '.join(repr(k) for k in kids)})"
            sheet = sheets.get(title)
            if sheet is None:
                if len(kids) > 1:  # a single sub-criterion needs no sheet (weight 1)
                    where = ("Experts", row, 1) if row is not None else (top_title, 1, 1)
                    out.add(
                        *where,
                        f"expert {expert!r} compares {what} on a sheet of their own named "
                        f"{title!r}; " + _sub_sheet_layout(parent, kids),
                    )
                continue
            matrix, filled = _read_comparisons(sheet, kids, strict, out)
            _explain_labels(sheet, tree, out, parent, titles=mine, top=top)
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
    out: _Collector,
) -> None:
    """Report a sheet named like an expert's sub-criteria sheet, ``<name> - <parent>``,
    for someone who is not one of the experts (its judgments would otherwise be lost)."""
    taken = {t.casefold() for t in wanted}
    kinds = (*_GROUP_PREFIXES, SUB_CRITERIA_PREFIX.casefold())
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
                f"({', '.join(experts)}): list them in the Experts sheet and add their sheet "
                f"{EXPERT_PREFIX + who!r}, or rename or delete this sheet",
            )
            break


def _plain_sub_sheet_with_experts(
    sheet: _Sheet, parent: str, theirs: Sequence[str], out: _Collector
) -> None:
    """Report the first judgment of a one-person ``Sub-criteria <parent>`` sheet in a
    workbook of several experts (an empty one is ignored)."""
    cell = next(
        (
            (r, c)
            for r in range(2, len(sheet.rows) + 1)
            for c in range(2, sheet.width + 1)
            if r != c and not _blank(sheet.value(r, c))
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
