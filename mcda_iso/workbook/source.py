"""Opening a workbook to read it: once per read, within the limits of a decision workbook.

:class:`Book` bounds the work by what the file declares and by what a decision
workbook can need, before and while parsing, so that a small hostile file is
refused in a moment instead of costing minutes and gigabytes:

* before any XML is parsed, the zip directory: the archive must unpack to at most
  :data:`MAX_UNPACKED_BYTES`, and each part it reads to at most its own limit
  (:data:`MAX_PART_BYTES`);
* while parsing (one streaming pass per part, stopped at the first excess): at
  most :data:`MAX_STRINGS` shared strings, :data:`MAX_STYLES` cell formats,
  :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS` columns and :data:`MAX_CELLS` cells
  per sheet, and :data:`MAX_TEXT` characters in a cell (Excel's own limit); a
  run of text longer than any cell could hold is refused before the XML parser
  collects it.

The XML is parsed by Python's expat parser only after its bytes are checked: a
document type definition (the only way to define an entity, hence every entity
expansion attack and external reference) is refused before parsing. Each cell is
converted by openpyxl's own cell parser (:class:`~mcda_iso.workbook.cell_parser.CellParser`:
numbers, dates, booleans, errors, shared and inline strings), reading the values as
cached by the program that saved the file and keeping, in the same pass, the formulas
that have no cached value. A worksheet of the usual shape is read by calamine instead,
from the same bytes (:mod:`~mcda_iso.workbook.calamine_sheet`), wherever that gives the
same values; the file is read from disk once. Sheets are found by title ignoring case
and surrounding spaces; two sheets matching one name are refused.

Examples
--------
>>> import tempfile, pathlib
>>> from mcda_iso.workbook import write_template
>>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "iso.xlsx", scenario="iso9001")
>>> with Book.open(path) as book:
...     sheets = book.sheets(["criteria", "Performance"])
>>> sorted(sheets), sheets["criteria"].value(1, 1)
(['Performance', 'criteria'], 'name')
"""

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
from openpyxl.worksheet._reader import (
    CELL_TAG,
    DATA_TAG,
    DIMENSION_TAG,
    ROW_TAG,
    WorkSheetParser,
)

from mcda_iso.errors import MCDAError, WorkbookError, shorten
from mcda_iso.workbook.archive import (
    HOSTILE,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_PART_BYTES,
    MAX_ROWS,
    MAX_STRINGS,
    MAX_STYLES,
    MAX_TEXT,
    MAX_UNPACKED_BYTES,
    XLSB,
    Guarded,
    Source,
    not_a_workbook,
    open_archive,
    open_source,
    what_archive,
    why,
)
from mcda_iso.workbook.calamine_sheet import FAST_PART_BYTES, Pending, finish, start, texts_agree
from mcda_iso.workbook.cell_parser import CellParser
from mcda_iso.workbook.cells import Sheet, is_blank
from mcda_iso.workbook.layout import cell_ref
from mcda_iso.workbook.linked import resolve_labels

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_STRINGS",
    "MAX_STYLES",
    "MAX_TEXT",
    "MAX_UNPACKED_BYTES",
    "Book",
    "Source",
]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


_OFFICE_DOCUMENT = "/officeDocument"


def _too_large(name: str, title: str, rows: object, cols: object) -> WorkbookError:
    return WorkbookError(
        f"{name}: sheet {title!r} is too large for a decision workbook "
        f"({rows} rows x {cols} columns; at most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns "
        f"and {MAX_CELLS:,} cells are read). Delete the unused rows and columns, or copy the "
        "data into a fresh template.",
        sheet=title,
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Book:
    """A workbook open for reading: checked and opened once, sheets read on demand.

    Use :meth:`open` (a context manager); ``titles`` are the sheet titles, stripped.
    """

    def __init__(self, name: str, handle: IO[bytes], archive: zipfile.ZipFile) -> None:
        self.name = name
        self._handle, self._archive = handle, archive
        self._sizes = {info.filename: info.file_size for info in archive.infolist()}
        self._read: dict[str, Sheet] = {}
        self._resolving: set[str] = set()  # sheets whose label formulas are being read
        workbook = self._workbook_part()
        parts = self._relationships(workbook)
        sheets, date1904 = self._sheets_and_epoch(workbook)
        self._epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self._paths = {title: parts.get(rid) for title, rid in sheets}
        self.titles = [title.strip() for title, _ in sheets]
        self._by_key: dict[str, str] = {}
        clashes: dict[str, list[str]] = {}
        for title, _ in sheets:
            key = title.strip().casefold()
            clashes.setdefault(key, []).append(title)
            self._by_key[key] = title
        twice = [titles for titles in clashes.values() if len(titles) > 1]
        if twice:
            listed = "; ".join(" and ".join(repr(t) for t in titles) for titles in twice)
            raise WorkbookError(
                f"{name}: two sheets have one name once case and surrounding spaces are "
                f"ignored ({listed}), so it is not clear which one to read (one of them may be "
                "hidden): rename or delete one of them",
                sheet=twice[0][0].strip(),
            )
        self._strings = self._shared_strings(parts.get("sharedStrings"))
        self._strings_part = parts.get("sharedStrings")
        self._strings_agreed: bool | None = None  # see _strings_agree
        self._dates, self._timedeltas = self._date_styles(parts.get("styles"))
        self._calamine: Any = None  # the same bytes read by calamine, once a sheet needs it
        self._calamine_lock = threading.Lock()
        self._pending: dict[str, Pending | BaseException | None] = {}  # started by prefetch

    @classmethod
    def open(cls, source: Source) -> Book:
        """Check and open ``source`` (a path, bytes or a binary file object).

        Raises
        ------
        WorkbookError
            If it cannot be read, is not a workbook, or exceeds a limit (one error
            saying why).
        """
        name, handle = open_source(source)
        try:
            handle = _in_memory(handle)
            archive = open_archive(name, handle)
            try:
                return cls(name, handle, archive)
            except MCDAError:
                raise
            except (*HOSTILE, OSError) as exc:
                raise not_a_workbook(name, why(exc)) from exc
            except BaseException:
                archive.close()
                raise
        except BaseException:
            handle.close()
            raise

    def close(self) -> None:
        for pending in self._pending.values():
            if isinstance(pending, Pending):
                pending.thread.join()
        self._archive.close()
        self._handle.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def has(self, name: str) -> bool:
        """Whether a sheet has this name (ignoring case and surrounding spaces)."""
        return name.strip().casefold() in self._by_key

    def sheets(self, names: Iterable[str]) -> dict[str, Sheet]:
        """The named sheets that exist (matched ignoring case and surrounding spaces), as
        ``{name as asked: Sheet}``; each is parsed once, on first request."""
        found: dict[str, Sheet] = {}
        for name in names:
            title = self._by_key.get(name.strip().casefold())
            if title is None:
                continue
            if title not in self._read:
                try:
                    self._read[title] = self._sheet(title)
                except MCDAError:
                    raise
                except (*HOSTILE, OSError) as exc:
                    raise not_a_workbook(self.name, why(exc)) from exc
            sheet = self._read[title]
            named = Sheet(name, sheet.rows, sheet.formulas, sheet.calculated)
            # The template's own label formulas, if saved uncalculated, read as calculated.
            if title in self._resolving:  # a formula refers back to this sheet: as saved
                found[name] = named
                continue
            self._resolving.add(title)
            try:
                found[name] = resolve_labels(named, lambda t: self.sheets([t]).get(t))
            finally:
                self._resolving.discard(title)
        return found

    # ------------------------------------------------------------------ parts

    def _part(self, path: str, kind: str) -> IO[bytes]:
        """A part of the archive, refused if it unpacks to more than its kind allows."""
        size = self._sizes[path]
        if size > MAX_PART_BYTES[kind]:
            raise WorkbookError(
                f"{self.name} is too large for a decision workbook: its part {shorten(path)} "
                f"unpacks to {size / 2**20:,.1f} MiB (at most "
                f"{MAX_PART_BYTES[kind] / 2**20:,.0f} MiB are read)"
            )
        return io.BufferedReader(Guarded(self._archive.open(path), self.name, path), 2**16)

    def _count(self, path: str, kind: str, tag: bytes) -> int:
        """How many ``tag`` elements a part holds at most, counted on its bytes before any
        parsing (start tags ``<tag>``, ``<tag ...>``, ``<tag/>``, with any prefix)."""
        found, tail = 0, b""
        starts = (b"<" + tag + b">", b"<" + tag + b" ", b"<" + tag + b"/")
        prefixed = (b":" + tag + b">", b":" + tag + b" ", b":" + tag + b"/")
        with self._part(path, kind) as src:
            while chunk := src.read(2**20):
                seen = tail + chunk
                found += sum(seen.count(p) for p in (*starts, *prefixed))
                found -= sum(tail.count(p) for p in (*starts, *prefixed))
                tail = chunk[-len(tag) - 2 :]
        return found

    def _events(self, path: str, kind: str, events: tuple[str, ...] = ("end",)) -> Iterator:
        """Parse events of a part (the bytes checked by :class:`Guarded` first)."""
        with self._part(path, kind) as src:
            yield from iterparse(src, events=events)

    def _workbook_part(self) -> str:
        """The workbook part named by the package relationships (usually xl/workbook.xml)."""
        target = "xl/workbook.xml"
        if "_rels/.rels" in self._sizes:
            for _, el in self._events("_rels/.rels", "relationships"):
                if _local(el.tag) == "Relationship" and el.get("Type", "").endswith(
                    _OFFICE_DOCUMENT
                ):
                    target = el.get("Target", target).lstrip("/")
                    break
        if target.lower().endswith(".bin"):
            raise not_a_workbook(self.name, XLSB)
        if target not in self._sizes:
            raise not_a_workbook(self.name, what_archive(self._sizes))
        return target

    def _relationships(self, workbook: str) -> dict[str, str]:
        """The workbook's relationships: id -> part, and 'sharedStrings'/'styles' -> part."""
        folder, base = posixpath.split(workbook)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, str] = {}
        if rels not in self._sizes:
            return out
        for _, el in self._events(rels, "relationships"):
            if _local(el.tag) != "Relationship" or el.get("TargetMode") == "External":
                continue
            target = el.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out[el.get("Id", "")] = path
            kind = el.get("Type", "").rsplit("/", 1)[-1]
            if kind in ("sharedStrings", "styles") and path in self._sizes:
                out[kind] = path
        return out

    def _sheets_and_epoch(self, workbook: str) -> tuple[list[tuple[str, str]], bool]:
        """(title, relationship id) of every sheet in order, and whether dates count from 1904."""
        sheets: list[tuple[str, str]] = []
        date1904 = False
        for _, el in self._events(workbook, "workbook"):
            name = _local(el.tag)
            if name == "sheet":
                rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
                sheets.append((el.get("name", ""), rid))
            elif name == "workbookPr":
                date1904 = el.get("date1904", "0").strip().lower() in ("1", "true")
            elif name == "sheets":
                el.clear()
        return sheets, date1904

    def _shared_strings(self, path: str | None) -> list[str]:
        """The shared strings, at most :data:`MAX_STRINGS`, as openpyxl reads them."""
        strings: list[str] = []
        if path is None:
            return strings
        if self._count(path, "sharedStrings", b"si") > MAX_STRINGS:
            raise self._too_many_strings()
        si, t, r = f"{{{_MAIN}}}si", f"{{{_MAIN}}}t", f"{{{_MAIN}}}r"
        for _, el in self._events(path, "sharedStrings"):
            if el.tag != si:
                continue
            if len(strings) >= MAX_STRINGS:
                raise self._too_many_strings()
            parts = [el.findtext(t) or ""] + [run.findtext(t) or "" for run in el.iter(r)]
            text = "".join(parts)
            if len(text) > MAX_TEXT:
                raise WorkbookError(
                    f"{self.name}: a text of {len(text):,} characters (shared string "
                    f"{len(strings)}); a cell holds at most {MAX_TEXT:,}"
                )
            strings.append(text.replace("x005F_", ""))
            el.clear()
        return strings

    def _too_many_strings(self) -> WorkbookError:
        return WorkbookError(
            f"{self.name} is too large for a decision workbook: more than {MAX_STRINGS:,} "
            "different texts (shared strings)"
        )

    def _too_many_styles(self) -> WorkbookError:
        return WorkbookError(
            f"{self.name} is too large for a decision workbook: more than {MAX_STYLES:,} cell "
            "formats (Excel allows about 64,000)"
        )

    def _date_styles(self, path: str | None) -> tuple[set[int], set[int]]:
        """The cell formats (by index) showing dates, and those showing durations."""
        if path is None:
            return set(), set()
        if self._count(path, "styles", b"xf") > MAX_STYLES:
            raise self._too_many_styles()
        custom: dict[int, str] = {}
        formats: list[int] = []
        inside = False
        for event, el in self._events(path, "styles", ("start", "end")):
            name = _local(el.tag)
            if name == "cellXfs":
                inside = event == "start"
            elif event == "end" and name == "numFmt":
                custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
            elif event == "end" and name == "xf" and inside:
                if len(formats) >= MAX_STYLES:
                    raise self._too_many_styles()
                formats.append(int(el.get("numFmtId", "0")))
                el.clear()
        dates, durations = set(), set()
        for index, number in enumerate(formats):
            code = custom.get(number) or builtin_format_code(number) or ""
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    # ------------------------------------------------------------------ sheets

    def _sheet(self, title: str) -> Sheet:
        """One worksheet's values: by calamine where that gives what the exact reader would
        (:mod:`~mcda_iso.workbook.calamine_sheet`), otherwise streamed, refusing absurd
        sizes as they appear."""
        path = self._paths.get(title)
        if path is None or path not in self._sizes or "chartsheet" in path:
            return Sheet(title, [])  # a chart sheet, or a sheet with no part: no cells
        fast = self._fast_sheet(title, path)
        return fast if fast is not None else self._stream_sheet(title, path)

    def prefetch(self, names: Iterable[str]) -> None:
        """Start reading the named sheets that calamine can read (its parsing runs in the
        background); :meth:`sheets` finishes them, raising any refusal in its own order."""
        for name in names:
            title = self._by_key.get(name.strip().casefold())
            if title is None or title in self._read or title in self._pending:
                continue
            path = self._paths.get(title)
            if path is None or path not in self._sizes or "chartsheet" in path:
                continue
            try:
                self._pending[title] = self._start(title, path)
            except MCDAError as exc:
                self._pending[title] = exc
            except (*HOSTILE, OSError) as exc:
                self._pending[title] = not_a_workbook(self.name, why(exc))

    def _fast_sheet(self, title: str, path: str) -> Sheet | None:
        """The sheet read by calamine, or None where only the exact reader can tell."""
        pending = self._pending.pop(title) if title in self._pending else self._start(title, path)
        if isinstance(pending, BaseException):
            raise pending
        return None if pending is None else finish(pending, self._parser)

    def _start(self, title: str, path: str) -> Pending | None:
        if self._sizes[path] > FAST_PART_BYTES or self._calamine is False:
            return None
        if not isinstance(self._handle, io.BytesIO):
            return None  # a file too large to hold in memory (calamine would)
        with self._archive.open(path) as part:
            data = part.read()
        dimension = _DIMENSION.search(data, 0, max(data.find(b"<sheetData"), 0))
        if dimension is not None:
            _check_dimension(self.name, title, dimension.group(1).decode("utf-8", "replace"))
        if self._calamine is None:
            try:
                from python_calamine import CalamineWorkbook

                self._handle.seek(0)
                self._calamine = CalamineWorkbook.from_object(self._handle)
            except Exception:  # calamine refused the file: stream it
                self._calamine = False
                return None

        def grid() -> list[list[Any]]:
            with self._calamine_lock:  # one sheet at a time
                sheet = self._calamine.get_sheet_by_name(title)
                return sheet.to_python(skip_empty_area=False)

        return start(
            data,
            title,
            grid,
            book=self.name,
            path=path,
            shared_strings_agree=self._strings_agree,
            date_styles=self._dates | self._timedeltas,
        )

    def _parser(self) -> CellParser:
        """The exact cell parser: for a streamed sheet, and the cells calamine's values are
        corrected at."""
        return CellParser(
            None,
            self._strings,
            data_only=True,
            epoch=self._epoch,
            date_formats=self._dates,
            timedelta_formats=self._timedeltas,
        )

    def _strings_agree(self) -> bool:
        """Whether calamine reads the shared strings as they are read here (a property of
        the file: looked at once, for the first sheet that asks)."""
        if self._strings_agreed is None:
            if self._strings_part is None or not self._strings:
                self._strings_agreed = True
            elif "" in self._strings:
                self._strings_agreed = False
            else:
                with self._archive.open(self._strings_part) as part:
                    self._strings_agreed = texts_agree(part.read())
        return self._strings_agreed

    def _stream_sheet(self, title: str, path: str) -> Sheet:
        """Stream one worksheet into rows of values, refusing absurd sizes as they appear."""
        parser = self._parser()
        rows: list[tuple[Any, ...]] = []
        cells: list[dict[str, Any]] = []
        kept = 0
        data = None
        for event, el in self._events(path, "worksheet", ("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == ROW_TAG:
                    _start_row(parser, el.get("r"))
                    cells = []
                elif tag == DATA_TAG:
                    data = el
                continue
            if tag == CELL_TAG:
                if len(cells) >= MAX_COLUMNS:
                    raise _too_large(self.name, title, parser.row_counter, "more than 1,000")
                cell = parser.parse_cell(el)
                el.clear()
                value = cell["value"]
                if cell["column"] > MAX_COLUMNS:
                    if value is not None:
                        raise _too_large(self.name, title, parser.row_counter, cell["column"])
                    continue
                if isinstance(value, str) and len(value) > MAX_TEXT:
                    ref = cell_ref(title, cell["row"], cell["column"])
                    raise WorkbookError(
                        f"{ref} holds {len(value):,} characters of text; a cell holds at most "
                        f"{MAX_TEXT:,}",
                        sheet=title,
                        cell=ref,
                    )
                cells.append(cell)
            elif tag == ROW_TAG:
                index = parser.row_counter
                if index > MAX_ROWS:
                    raise _too_large(self.name, title, f"more than {MAX_ROWS:,}", "?")
                width = max((c["column"] for c in cells), default=0)
                kept += max(index - 1 - len(rows), 0) + width
                if kept > MAX_CELLS:
                    raise _too_large(self.name, title, index, width)
                while len(rows) < index - 1:
                    rows.append(())
                if len(rows) == index - 1:
                    values: list[Any] = [None] * width
                    for cell in cells:
                        values[cell["column"] - 1] = cell["value"]
                    rows.append(tuple(values))
                if data is not None:
                    data.clear()  # rows already read
            elif tag == DIMENSION_TAG:
                _check_dimension(self.name, title, el.get("ref", ""))
            elif tag == DATA_TAG:
                break  # the cells are read; the rest is formatting
        while rows and all(is_blank(v) for v in rows[-1]):
            rows.pop()
        return Sheet(title, rows, parser.formulas, frozenset(parser.calculated))


_DIMENSION = re.compile(rb'<dimension ref="([^"]*)"')

#: A file up to this size is read into memory once (zip and calamine read the bytes).
_IN_MEMORY_BYTES = 256 * 2**20


def _in_memory(handle: IO[bytes]) -> IO[bytes]:
    """The file's bytes in memory (read once), unless it is too large to hold."""
    if isinstance(handle, io.BytesIO):
        return handle
    size = handle.seek(0, io.SEEK_END)
    handle.seek(0)
    if size > _IN_MEMORY_BYTES:
        return handle
    with handle:
        return io.BytesIO(handle.read())


def _start_row(parser: WorkSheetParser, r: str | None) -> None:
    """Row counters as openpyxl's parser sets them (a row without ``r`` follows the last)."""
    if r is None:
        parser.row_counter += 1
    else:
        number = float(r)
        if not number.is_integer() or number < 1:
            raise ValueError(f"{shorten(r)} is not a valid row number")
        parser.row_counter = int(number)
    parser.col_counter = 0


def _check_dimension(name: str, title: str, ref: str) -> None:
    """Refuse a sheet whose declared size (``<dimension ref="A1:B500000"/>``) is absurd."""
    from openpyxl.utils.cell import range_boundaries

    try:
        _, _, cols, rows = range_boundaries(ref.upper())
    except (ValueError, TypeError):
        return  # no usable declaration: the streaming pass counts
    if (rows or 0) > MAX_ROWS or (cols or 0) > MAX_COLUMNS:
        raise _too_large(name, title, rows, cols)
