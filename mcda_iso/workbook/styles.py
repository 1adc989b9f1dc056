"""Cell styles and writing helpers shared by the template and results writers.

Fills, fonts, column widths, header notes (cell comments), data validation,
and :func:`put`, which writes text always as text (never as a formula) and
refuses control characters with the cell named. :func:`save_workbook` writes
through a temporary file beside the target (see :mod:`mcda_iso.safe_write`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso.errors import WorkbookError
from mcda_iso.safe_write import write_file
from mcda_iso.workbook.layout import cell_ref

_FORMULA_START = ("=", "+", "-", "@")


_ILLEGAL_HINT = "control characters cannot be stored in a workbook"


# Template look: headers, cells to fill, derived cells, verdicts.
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")


INPUT_FILL = PatternFill("solid", start_color="FFF2CC")


DERIVED_FILL = PatternFill("solid", start_color="EDEDED")


WARN_FILL = PatternFill("solid", start_color="FFC7CE")


OK_FILL = PatternFill("solid", start_color="C6EFCE")


INFERRED_FILL = PatternFill("solid", start_color="E4DFEC")


INFERRED_FONT = Font(italic=True, color="5B3F86")


BOLD = Font(bold=True)


TITLE_FONT = Font(bold=True, size=14)


WARN_FONT = Font(bold=True, color="9C0006")


OK_FONT = Font(color="006100")


WRAP = Alignment(wrap_text=True, vertical="top")


AUTHOR = "mcda_iso"


def put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> Any:
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
            cell=cell_ref(ws.title, row, col),
        ) from exc
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def put_formula(ws: Worksheet, row: int, col: int, formula: str, **style: Any) -> Any:
    """Write a formula of our own (blank template only)."""
    cell = ws.cell(row=row, column=col, value=formula)
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def header(ws: Worksheet, row: int, col: int, text: str, note: str | None = None) -> None:
    cell = put(ws, row, col, text, font=BOLD, fill=HEADER_FILL)
    if note:
        comment = Comment(note, AUTHOR)
        comment.width, comment.height = 300, 110
        cell.comment = comment


def set_widths(ws: Worksheet, widths: dict[int, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(8.0, min(60.0, width))


def fit_width(values: Iterable[Any], minimum: float = 10) -> float:
    return max([minimum, *(len(str(v)) + 2 for v in values if v is not None)])


def add_validation(ws: Worksheet, dv: DataValidation, *refs: str) -> None:
    for ref in refs:
        dv.add(ref)
    ws.add_data_validation(dv)


def number_validation(error: str, title: str) -> DataValidation:
    """Excel data validation accepting any number (and an empty cell)."""
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+300",
        formula2="1E+300",
        error=error,
        errorTitle=title,
    )


def mark(cell: Any, ok: bool | None) -> None:
    if ok is False:
        cell.fill, cell.font = WARN_FILL, WARN_FONT
    elif ok is True:
        cell.fill, cell.font = OK_FILL, OK_FONT


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def save_workbook(wb: Workbook, path: str | os.PathLike[str], overwrite: bool) -> Path:
    """Save through a temporary file beside the target (see :mod:`mcda_iso.safe_write`)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"cannot write {path}: the file name must end in .xlsx")
    return write_file(path, wb.save, overwrite=overwrite, error=WorkbookError)
