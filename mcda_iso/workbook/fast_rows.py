"""openpyxl's save of a workbook with the rows of its sheets written faster: the same bytes.

openpyxl 3.1 writes each cell of a sheet as an ElementTree element that et_xmlfile
serialises on its own: about 2 s to save a workbook with a sheet of 10,000 x 20 cells,
most of a writer's time at that size, against about 0.5 s here (issue 14;
``benchmarks/bench_writers.py`` times both). :func:`save` is ``Workbook.save`` with one
change: the ``<row>`` elements of ``<sheetData>`` are composed as text, by string
formatting, and handed to et_xmlfile's output as they are. They are the bytes openpyxl
writes, part by part (only ``docProps/core.xml``'s time of saving differs, as between
any two saves). Everything else (styles, validations, comments, print setup, defined
names, charts) is written by openpyxl itself.

Written as text: numbers (``float`` and ``int``, finite), text, plain formulas, and
empty cells that are styled or carry a comment; styled or not, with a comment or a
hyperlink (recorded for the sheet as openpyxl records them). Any other cell (rich text,
dates, booleans, errors, NaN and infinities, array formulas, merged cells, values of
other types) is written by openpyxl's own ``write_cell``, in its place in the row.

:func:`save` also writes the values formulas show (``values``: sheet title -> cell ->
text) as Excel and LibreOffice store them (``t="str"`` and ``<v>``), which openpyxl
cannot; :mod:`~mcda_iso.workbook.linked` gives the values of a template's label formulas.

The gate
--------
The bytes are openpyxl's only for the code they were checked against, since this relies
on internals that may change in any release:

- ``openpyxl.worksheet._writer.WorksheetWriter``: its ``rows()`` (the cells of each row,
  in order) and ``write_row(xf, row, row_idx)``, overridden here, and the
  ``ExcelWriter.write_worksheet`` that creates it;
- ``Cell._value``, ``._style`` (its ``StyleArray``), ``._comment``, ``._hyperlink`` and
  ``data_type``, and the workbook's ``_cell_styles`` (a style's number is its position
  there, given in the order cells are written, so rows keep openpyxl's order);
- et_xmlfile 2's ``_IncrementalFileWriter._file`` (the ``xf`` given to ``write_row``):
  the function writing text as it is, into the stream et_xmlfile writes to;
- the standard library's ``xml.etree.ElementTree._escape_cdata`` and ``_escape_attrib``,
  which et_xmlfile escapes text and attribute values with.

:func:`gate` opens only for openpyxl 3.1.x (the versions checked) writing through et_xmlfile
2.x, not lxml (``openpyxl.LXML`` False: with lxml installed openpyxl writes through
``lxml.etree.xmlfile``, whose bytes differ); any other set-up gets openpyxl's own save,
correct and slower, and the formulas' values added to the saved file afterwards. A
write-only or read-only workbook goes to openpyxl too. ``tests/test_workbook_fast_rows.py``
compares both saves part by part on the package's workbooks and random sheets.

Examples
--------
>>> import re, tempfile, zipfile
>>> from openpyxl import Workbook
>>> wb = Workbook()
>>> wb.active.append([1.5, "a < b", "=A1*2"])
>>> path = tempfile.mkdtemp() + "/x.xlsx"
>>> save(wb, path, {"Sheet": {"C1": "3"}})
>>> with zipfile.ZipFile(path) as z:
...     xml = z.read("xl/worksheets/sheet1.xml").decode()
>>> for cell in re.findall("<c .*?</c>", xml):
...     print(cell)
<c r="A1" t="n"><v>1.5</v></c>
<c r="B1" t="inlineStr"><is><t>a &lt; b</t></is></c>
<c r="C1" t="str"><f>A1*2</f><v>3</v></c>
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet import _writer
from openpyxl.writer.excel import ExcelWriter

__all__ = ["Values", "gate", "save"]

#: Sheet title -> cell (``"B1"``) -> the text its formula shows.
Values = Mapping[str, Mapping[str, str]]

#: The releases whose writer this module reproduces (checked by the tests).
OPENPYXL_VERIFIED = "3.1."
ET_XMLFILE_VERIFIED = "2."

_LETTERS = [""] + [get_column_letter(c) for c in range(1, 16385)]


def gate() -> str | None:
    """None when :func:`save` writes rows itself; otherwise why it leaves them to openpyxl.

    Examples
    --------
    >>> gate() is None or gate().startswith("openpyxl")
    True
    """
    import xml.etree.ElementTree as ET

    import et_xmlfile
    from openpyxl.cell import _writer as cell_writer

    version = getattr(et_xmlfile, "__version__", "?")
    if not openpyxl.__version__.startswith(OPENPYXL_VERIFIED):
        return f"openpyxl {openpyxl.__version__} (checked: {OPENPYXL_VERIFIED}x)"
    if openpyxl.LXML or _writer.write_cell is not cell_writer.etree_write_cell:
        return "openpyxl writes through lxml (checked: et_xmlfile)"
    if not version.startswith(ET_XMLFILE_VERIFIED):
        return f"et_xmlfile {version} (checked: {ET_XMLFILE_VERIFIED}x)"
    if not hasattr(ET, "_escape_cdata") or not hasattr(ET, "_escape_attrib"):
        return "xml.etree.ElementTree has no _escape_cdata or _escape_attrib"
    with et_xmlfile.xmlfile(io.BytesIO()) as xf:
        if not callable(getattr(xf, "_file", None)):
            return "et_xmlfile's writer has no raw output (_file)"
    return None


class _RowWriter(_writer.WorksheetWriter):
    """openpyxl's sheet writer, the rows of ``<sheetData>`` composed as text."""

    def __init__(self, ws: Any, values: Mapping[str, str]) -> None:
        super().__init__(ws)
        self.values = values
        # a style's bytes -> its number among the workbook's cell styles (which only grow):
        # the same numbers openpyxl's IndexedList.add gives, without hashing a tuple per cell
        self.numbers: dict[bytes, int] = {}
        from xml.etree.ElementTree import _escape_attrib, _escape_cdata

        self.escape, self.escape_attrib = _escape_cdata, _escape_attrib

    def rows(self) -> list[tuple[int, list[Any]]]:
        """As openpyxl's: (row, its cells by column) in row order, rows with dimensions but
        no cell included (cells grouped by row and sorted within it, not all at once)."""
        by_row: dict[int, list[tuple[int, Any]]] = {}
        for (r, c), cell in self.ws._cells.items():
            entry = by_row.get(r)
            if entry is None:
                by_row[r] = [(c, cell)]
            else:
                entry.append((c, cell))
        rows = {r: [cell for _, cell in sorted(cells)] for r, cells in by_row.items()}
        for r in self.ws.row_dimensions.keys() - rows.keys():
            rows[r] = []
        return sorted(rows.items())

    def write_row(self, xf: Any, row: list[Any], row_idx: int) -> None:
        """``<row>`` and its cells as openpyxl writes them, as text."""
        raw: Callable[[str], object] = xf._file  # et_xmlfile's output (see gate())
        ws, numbers = self.ws, self.numbers
        add_style = ws.parent._cell_styles.add
        head = f'<row r="{row_idx}"'
        if row_idx in ws.row_dimensions:  # its style (if any) numbered before the cells'
            attrs = dict(ws.row_dimensions[row_idx])
            head += "".join(f' {k}="{self.escape_attrib(v)}"' for k, v in attrs.items())
        parts = [head + ">"]
        for cell in row:
            if cell._comment is not None:
                ws._comments.append(CommentRecord.from_cell(cell))
            style = cell._style
            styled = style is not None and any(style)
            value = cell._value
            if value is None and not styled and not cell._comment:
                continue
            number = None
            if styled:  # the workbook's number for the style, as cell.style_id gives it
                key = style.tobytes()
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = add_style(style)
            text = self._cell(cell, value, number)
            if text is None:  # openpyxl's own, in its place
                raw("".join(parts))
                parts.clear()
                _writer.write_cell(xf, ws, cell, styled)
            else:
                parts.append(text)
        parts.append("</row>")
        raw("".join(parts))

    def _cell(self, cell: Any, value: Any, style: int | None) -> str | None:
        """The ``<c>`` element of a usual cell, None for one openpyxl is to write."""
        if type(cell) is not Cell:  # a merged cell
            return None
        kind, t = cell.data_type, type(value)
        ref = f"{_LETTERS[cell.column]}{cell.row}"
        head = f'<c r="{ref}"' if style is None else f'<c r="{ref}" s="{style}"'
        if kind == "n":
            if value is None:  # styled, or with a comment
                body = f'{head} t="n" />'
            elif (t is float and value - value == 0) or t is int:  # finite
                body = f'{head} t="n"><v>{"%.16g" % value}</v></c>'  # noqa: UP031 (as openpyxl)
            else:
                return None
        elif kind == "s" and t is str:
            if value == "":
                body = f'{head} t="inlineStr" />'
            else:
                stripped = value.strip()
                space = ' xml:space="preserve"' if stripped and stripped != value else ""
                body = f'{head} t="inlineStr"><is><t{space}>{self.escape(value)}</t></is></c>'
        elif kind == "f" and t is str and len(value) > 1:
            formula = self.escape(value[1:])
            shown = self.values.get(ref)
            if shown is None:
                body = f"{head}><f>{formula}</f><v /></c>"
            else:
                body = f'{head} t="str"><f>{formula}</f><v>{self.escape(shown)}</v></c>'
        else:
            return None
        if cell._hyperlink:  # recorded for the sheet as openpyxl's write_cell does
            cell.parent._hyperlinks.append(cell._hyperlink)
        return body


class _Writer(ExcelWriter):
    """openpyxl's workbook writer with :class:`_RowWriter` for every sheet."""

    def __init__(self, workbook: Workbook, archive: zipfile.ZipFile, values: Values) -> None:
        super().__init__(workbook, archive)
        self.values = values

    def write_worksheet(self, ws: Any) -> None:
        """As openpyxl 3.1's ``ExcelWriter.write_worksheet`` (not write-only)."""
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _RowWriter(ws, self.values.get(ws.title, {}))
        writer.write()
        ws._rels = writer._rels
        self._archive.write(writer.out, ws.path[1:])
        self.manifest.append(ws)
        writer.cleanup()


def save(wb: Workbook, filename: str | os.PathLike[str], values: Values | None = None) -> None:
    """Save ``wb`` as ``wb.save(filename)`` does, the sheets' rows written faster when
    :func:`gate` is open, with the ``values`` its formulas show.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook (a write-only or read-only one goes to ``wb.save``).
    filename : str or path-like
        The ``.xlsx`` file to write (replaced if it exists).
    values : mapping, optional
        Sheet title -> cell (``"B1"``) -> the text its formula shows, written beside a
        plain formula (``=...``) there as a spreadsheet program caches it (``t="str"``,
        ``<v>``); a cell without a plain formula keeps no value.
    """
    values = values or {}
    if gate() is not None or wb.write_only or wb.read_only:
        wb.save(filename)
        parts = {ws.path[1:]: values[ws.title] for ws in wb.worksheets if values.get(ws.title)}
        if parts:
            _add_values(filename, parts)
        return
    with zipfile.ZipFile(filename, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        now = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        wb.properties.modified = now  # as openpyxl's save_workbook
        _Writer(wb, archive, values).save()


# --------------------------------------------------------------- behind a closed gate


def _add_values(filename: str | os.PathLike[str], parts: Mapping[str, Mapping[str, str]]) -> None:
    """Rewrite the archive openpyxl saved with ``<v>`` values (text) beside the formulas of
    ``parts`` (part name -> cell -> text), the bytes :class:`_RowWriter` writes."""
    with zipfile.ZipFile(filename) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(filename, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            cells = parts.get(info.filename)
            if cells:
                data = _formula_values(data.decode("utf-8"), cells).encode("utf-8")
            archive.writestr(info, data)


# openpyxl writes a plain formula cell as <c r="B1" s="3"><f>...</f><v /></c> (no type).
_FORMULA = re.compile(r'(<c r="([A-Z]+[0-9]+)"(?: s="[0-9]+")?)>(<f>[^<]+</f>)<v /></c>')


def _formula_values(xml: str, cells: Mapping[str, str]) -> str:
    from xml.etree.ElementTree import _escape_cdata

    def fill(match: re.Match[str]) -> str:
        shown = cells.get(match.group(2))
        if shown is None:
            return match.group(0)
        return f'{match.group(1)} t="str">{match.group(3)}<v>{_escape_cdata(shown)}</v></c>'

    return _FORMULA.sub(fill, xml)
