"""Cell styles and writing helpers shared by the template and results writers.

Fills, fonts, column widths, header notes (cell comments), data validation,
and :func:`put`, which writes text always as text (never as a formula) and
refuses control characters with the cell named. :func:`save_workbook` writes
through a temporary file beside the target (see :mod:`mcda_iso.safe_write`).
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.workbook import Workbook
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso.errors import WorkbookError
from mcda_iso.safe_write import write_file
from mcda_iso.workbook import fast_rows
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
    _bind(ws, cell, value)
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _bind(ws: Worksheet, cell: Any, value: Any) -> None:
    """``cell.value = value`` as :func:`put` writes it (text never a formula; control
    characters refused with the cell named)."""
    if isinstance(value, np.generic):
        value = value.item()
    try:
        cell.value = value
    except IllegalCharacterError as exc:
        raise WorkbookError(
            f"cannot write {value!r}: {_ILLEGAL_HINT}",
            sheet=ws.title,
            cell=cell_ref(ws.title, cell.row, cell.column),
        ) from exc
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula


def put_formula(ws: Worksheet, row: int, col: int, formula: str, **style: Any) -> Any:
    """Write a formula of our own (blank template only)."""
    cell = ws.cell(row=row, column=col, value=formula)
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


# The style table each cell attribute is kept in (openpyxl stores an index per cell).
_STYLE_IDS = {
    "fill": "fillId",
    "font": "fontId",
    "alignment": "alignmentId",
    "number_format": "numFmtId",
    "border": "borderId",
    "protection": "protectionId",
}


def style_cells(cells: Iterable[Any], **style: Any) -> None:
    """Give many cells one style (``fill=``, ``font=``, ``alignment=``, ``number_format=``).

    openpyxl looks a style up in the workbook's table (hashing it) on every assignment;
    here it is looked up once, on the first cell, and its index copied to the others, so
    that a 10,000-row sheet is not 200,000 lookups.
    """
    ids: dict[str, int] | None = None
    for cell in cells:
        if ids is None:
            for key, value in style.items():
                setattr(cell, key, value)
            ids = {_STYLE_IDS[key]: getattr(cell._style, _STYLE_IDS[key]) for key in style}
            continue
        if not cell._style:  # a new cell has no style array yet (as openpyxl does)
            cell._style = StyleArray()
        for attr, index in ids.items():
            setattr(cell._style, attr, index)


def style_array(ws: Worksheet, **style: Any) -> StyleArray:
    """The style indexes of ``style`` (``fill=``, ``font=``...), looked up (and added to the
    workbook's tables, in the order given) once, as the first assignment to a cell would."""
    cell = Cell(ws)  # not in the sheet: only its style array is kept
    for key, value in style.items():
        setattr(cell, key, value)
    return cell._style if cell._style is not None else StyleArray()


# openpyxl's own type for these values is "n" (a number), stored as they are.
_NUMBERS = (float, int)


def put_block(
    ws: Worksheet,
    row: int,
    col: int,
    rows: Iterable[Iterable[Any]],
    *,
    skip_empty: bool = False,
    **style: Any,
) -> None:
    """Write ``rows`` of values from (``row``, ``col``) on, every cell with ``style``.

    As :func:`put` on each value with the same style, in one pass: the style is looked up
    once and copied, and a float or int (not bool) is stored as it is, the number openpyxl
    would store. ``None`` is an empty cell with the style (a cell to fill in), or, with
    ``skip_empty``, no cell at all.

    Examples
    --------
    >>> ws = new_workbook().create_sheet("x")
    >>> put_block(ws, 2, 2, [[1.5, None], ["=a", 2]], fill=INPUT_FILL)
    >>> ws["B2"].value, ws["C2"].value, ws["B3"].data_type, ws["C3"].fill == INPUT_FILL
    (1.5, None, 's', True)
    """
    ids = style_array(ws, **style)
    chosen = {_STYLE_IDS[key]: getattr(ids, _STYLE_IDS[key]) for key in style}
    cells = ws._cells
    last = 0
    for r, values in enumerate(rows, start=row):
        for c, value in enumerate(values, start=col):
            if value is None and skip_empty:
                continue
            cell = cells.get((r, c))
            if cell is not None:  # a cell written before keeps its other style attributes
                if not cell._style:
                    cell._style = StyleArray()
                for attr, index in chosen.items():
                    setattr(cell._style, attr, index)
                _bind(ws, cell, value)
                continue
            cell = Cell(ws, row=r, column=c, style_array=ids)
            cells[(r, c)] = cell
            last = r
            if type(value) in _NUMBERS:
                cell._value = value  # data_type "n", as openpyxl binds a number
            elif value is not None:
                _bind(ws, cell, value)
    ws._current_row = max(ws._current_row, last)  # as openpyxl's own cell() keeps it


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
    add_refs(dv, refs)
    ws.add_data_validation(dv)


def _single(cells: CellRange) -> bool:
    return cells.min_row == cells.max_row and cells.min_col == cells.max_col


def add_refs(dv: DataValidation, refs: Iterable[str]) -> None:
    """Add cells or ranges (``"B2"``, ``"B2:C9"``) to the cells ``dv`` applies to, as
    ``dv.add`` does one at a time.

    ``dv.add`` checks each reference against every one already there (a judgment matrix
    of 120 alternatives, 14,280 cells, took 49 s): single cells are added at once when only
    single cells are there, since a cell is inside another only if it is that cell.

    Examples
    --------
    >>> dv = DataValidation(type="list", formula1='"a,b"')
    >>> add_refs(dv, ["C2", "B3", "C2"])
    >>> add_refs(dv, ["B2:B4", "B3"])
    >>> str(dv.sqref)
    'B2:B4 B3 C2'
    """
    refs = list(refs)
    new = [CellRange(ref) for ref in refs]
    there = dv.sqref.ranges
    if all(_single(cells) for cells in new) and all(_single(cells) for cells in there):
        dv.sqref = MultiCellRange(set(there) | set(new))
        return
    for ref in refs:
        dv.add(ref)


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


def output_path(path: object) -> Path:
    """The ``.xlsx`` file to write, checked before anything is built.

    Raises
    ------
    WorkbookError
        If ``path`` is not a path (a str or path-like) or does not end in ``.xlsx``.
    """
    if not isinstance(path, str | os.PathLike):
        raise WorkbookError(
            "expected the path of the .xlsx file to write (a str or pathlib.Path), got "
            f"{type(path).__name__}"
        )
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        shown = str(out) if len(str(out)) <= 300 else f"{str(out)[:150]}…{str(out)[-100:]}"
        raise WorkbookError(f"cannot write {shown}: the file name must end in .xlsx")
    return out


@contextmanager
def building() -> Iterator[Workbook]:
    """A new workbook (no sheet) to build and save, with Python's cyclic garbage collector
    paused meanwhile.

    A 10,000-row sheet is some 200,000 openpyxl objects, all alive until the file is
    written; every full collection goes over all of them again and finds nothing to free
    (about a fifth of ``write_results`` at that size). On the way out the collector's
    state is restored and the sheets let go of their cells: a cell and its sheet refer to
    each other, a cycle only the collector frees (some time later, the whole workbook at
    once, or during the next workbook's building); without the sheet's references,
    reference counting frees the cells at once. The workbook is not to be used after.

    Examples
    --------
    >>> with building() as wb:
    ...     ws = wb.create_sheet("x")
    ...     ws["A1"] = 1.0
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), len(ws._cells)
    (True, 0)
    """
    enabled = gc.isenabled()
    gc.disable()
    wb = new_workbook()
    try:
        yield wb
    finally:
        for ws in wb.worksheets:
            ws._cells.clear()
        if enabled:
            gc.enable()


def save_workbook(
    wb: Workbook,
    path: str | os.PathLike[str],
    overwrite: bool,
    values: fast_rows.Values | None = None,
) -> Path:
    """Save through a temporary file beside the target (see :mod:`mcda_iso.safe_write`),
    by :func:`~mcda_iso.workbook.fast_rows.save` (openpyxl's save, rows written faster),
    with the ``values`` (sheet title -> cell -> text) its formulas show."""

    def save(temp: Path) -> None:
        fast_rows.save(wb, temp, values)

    return write_file(output_path(path), save, overwrite=overwrite, error=WorkbookError)


# --------------------------------------------------------------------------- print setup

_CHAR_PX = 7.0  # one unit of Excel column width, in pixels (Calibri 11)
_ROW_PT = 15.0  # default row height, in points
_CM_PX = 96 / 2.54
_LANDSCAPE_CHARS = 100  # a print block wider than this (in column-width units) prints across


def print_setup(wb: Workbook, title: str, *, not_printed: Iterable[str] = ()) -> None:
    """Make every sheet of ``wb`` print well, on paper or to PDF.

    For each sheet: the print area is its first block of columns (up to the first
    empty column) and the charts in it, so data kept beside the tables for the
    charts (the sensitivity sweeps) is not printed; the block is fitted to the page
    width (as many pages tall as needed), in landscape when it is wide; the header
    row of its table is repeated on every page; text longer than its column is
    wrapped, with the row made tall enough to show it (a line of text alone on its
    row spans the block); the first column is wide enough for the longest name (up
    to 60 characters); chart axes get number formats; the page header carries
    ``title`` and the footer the sheet's name and "Page n of N".

    The sheets named in ``not_printed`` (e.g. an input table left empty) get a blank
    print area: Excel and LibreOffice print no page for them.
    """
    skip = set(not_printed)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue  # a hidden sheet (formulas' helpers) is not printed: no print area for it
        _print_sheet(ws, title)
        if ws.title in skip:
            blank = get_column_letter(ws.max_column + 2)
            ws.print_area = f"{blank}1:{blank}1"


def _width(ws: Worksheet, col: int) -> float:
    width = ws.column_dimensions[get_column_letter(col)].width
    return float(width) if width else 8.43


def _chart_extent(ws: Worksheet, chart: Any) -> tuple[int, int]:
    """(last column, last row) a chart covers."""
    from openpyxl.utils.cell import coordinate_to_tuple

    anchor = chart.anchor
    if isinstance(anchor, str):
        row, col = coordinate_to_tuple(anchor)
    else:
        row, col = anchor._from.row + 1, anchor._from.col + 1
    px, last_col = 0.0, col
    while px < chart.width * _CM_PX:
        px += _width(ws, last_col) * _CHAR_PX + 5
        last_col += 1
    rows = math.ceil(chart.height * _CM_PX / (_ROW_PT * 96 / 72))
    return last_col, row + rows


def _text_width(word: str, font: Any) -> float:
    """A word's width in column-width units (capitals and bold are wider than digits)."""
    wide = sum(1.3 if ch.isupper() else 1.0 for ch in word)
    bold = 1.1 if font is not None and font.b else 1.0
    size = float(font.sz or 11) / 11 if font is not None else 1.0
    return wide * bold * size


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * 1.1) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _blank(ws: Worksheet, row: int, col: int) -> bool:
    """No value and no fill (an input cell to fill in is not blank); the cell is not created."""
    cell = ws._cells.get((row, col))
    if cell is None:
        return True
    return cell.value in (None, "") and (cell.fill is None or cell.fill.patternType is None)


def _is_header(cell: Any) -> bool:
    if cell is None:
        return False
    rgb = cell.fill.fgColor.rgb if cell.fill is not None else None
    return isinstance(rgb, str) and rgb.upper().endswith(HEADER_FILL.fgColor.rgb[-6:].upper())


def _print_sheet(ws: Worksheet, title: str) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    # One pass over the cells written (ws.max_row and iter_rows() would each go over all
    # of them again, and iter_rows() would create the missing ones): the columns used, the
    # last row, and the cells of text (the only ones whose width and height matter).
    used_set: set[int] = set()
    last_row = 1
    texts: list[tuple[int, int]] = []
    for (r, c), cell in ws._cells.items():
        value = cell._value
        if value not in (None, ""):
            used_set.add(c)
            # a formula's text is not what it shows (the template's labels copy names)
            if isinstance(value, str) and cell.data_type != "f":
                texts.append((r, c))
        if r > last_row:
            last_row = r
    used = sorted(used_set)
    if not used:
        return
    max_row = last_row
    last = used[0]
    while last + 1 in used_set:
        last += 1
    for chart in ws._charts:
        chart_col, chart_row = _chart_extent(ws, chart)
        if chart_col <= last + 30:  # beside or below the table, not in the data block
            last = max(last, chart_col - 1)
            last_row = max(last_row, chart_row)
        for axis in (chart.x_axis, chart.y_axis):
            axis.delete = False  # else Excel may hide the axes
        if chart.y_axis.number_format is None:
            chart.y_axis.number_format = "0.00"
    # The first column shows the longest name (names sit there in every sheet).
    cells = ws._cells
    longest = max(
        (len(v) for r, c in texts if c == 1 and len(v := cells[r, c]._value) <= 60), default=0
    )
    if longest + 2 > _width(ws, 1) and len(used) > 1:
        ws.column_dimensions["A"].width = min(60.0, longest + 2)
    block_width = sum(_width(ws, c) for c in range(1, last + 1))
    rows: dict[int, list[Any]] = {}  # the text cells of each row, in order
    for r, c in sorted(texts):
        if c <= last:
            rows.setdefault(r, []).append(cells[r, c])
    merged = ws.merged_cells
    widths: dict[int, float] = {}  # the columns' widths as set so far
    fonts: dict[int, tuple[Any, float]] = {}  # font index -> font, widest a character can be
    for r, row in rows.items():
        height = 0
        for cell in row:
            if merged.ranges and cell.coordinate in merged:
                continue
            width = widths.get(cell.column)
            if width is None:
                width = widths[cell.column] = _width(ws, cell.column)
            font_id = cell._style.fontId if cell._style is not None else 0
            if font_id not in fonts:
                font = cell.font
                fonts[font_id] = (font, _text_width("W", font) * (1 + 1e-9))
            font, widest = fonts[font_id]
            # no word can be wider than the whole text of capitals: most names need no look
            if len(cell.value) * widest + 2 > width:
                word = max((_text_width(w, font) for w in cell.value.split()), default=0)
                if word + 2 > width and word <= 58:  # a word (e.g. INCONSISTENT) is never cut
                    width = widths[cell.column] = word + 2.0
                    ws.column_dimensions[get_column_letter(cell.column)].width = width
            if len(cell.value) <= width * 1.1 and "\n" not in cell.value:
                continue
            alone = all(_blank(ws, cell.row, c) for c in range(cell.column + 1, last + 1))
            if alone and cell.column == 1 and last > 1:  # a line of text, not a table cell
                ws.merge_cells(
                    start_row=cell.row, start_column=cell.column, end_row=cell.row, end_column=last
                )
                width = sum(_width(ws, c) for c in range(cell.column, last + 1))
            old = cell.alignment
            cell.alignment = Alignment(
                horizontal=old.horizontal, vertical="top", wrap_text=True, indent=old.indent
            )
            size = float(cell.font.sz or 11) if cell.font is not None else 11.0
            height = max(height, _lines(cell.value, width * 11 / size) * size * 1.35)
        if height > _ROW_PT:
            current = ws.row_dimensions[r].height or 0
            ws.row_dimensions[r].height = min(409, max(current, math.ceil(height)))
            # a tall row reads from its top (a cell a merge has covered is in ``merged``)
            whole = (cells[r, c] for c in range(1, last + 1) if (r, c) in cells)
            for cell in whole:
                if cell.coordinate not in merged and cell.alignment.vertical is None:
                    old = cell.alignment
                    cell.alignment = Alignment(
                        horizontal=old.horizontal, vertical="top", wrap_text=old.wrap_text,
                        indent=old.indent,
                    )  # fmt: skip
    if not ws.print_area:
        ws.print_area = f"A1:{get_column_letter(last)}{last_row}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.page_setup.orientation is None:  # a writer's own choice is kept
        ws.page_setup.orientation = "landscape" if block_width > _LANDSCAPE_CHARS else "portrait"
    header_row = next(
        (
            r
            for r in range(1, min(max_row, 12) + 1)
            if sum(_is_header(ws._cells.get((r, c))) for c in range(1, last + 1)) >= 2
        ),
        None,
    )
    if header_row is not None and max_row > header_row + 1:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddHeader.center.text = title.replace("&", "&&")[:200]
    ws.oddHeader.center.size = 9
    ws.oddFooter.left.text = "Sheet: &A"
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.left.size = ws.oddFooter.right.size = 8
