"""Opening a workbook to read it: once per read, with the limits of a decision workbook.

:class:`Book` checks the file before any XML is parsed (it exists, is a zip
archive, would not unpack to absurd sizes), loads it once with openpyxl the way
pandas does (``read_only=True, data_only=True, keep_links=False``), and reads
each sheet in one streaming pass that keeps both the values (as cached by the
program that saved the file) and the formulas that have no cached value, so
that nothing is parsed twice. Sheets are found by title ignoring case and
surrounding spaces; two sheets matching one name are refused.

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
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from mcda_iso.errors import MCDAError, WorkbookError
from mcda_iso.workbook.cells import Sheet, is_blank

#: A sheet with more rows or columns than this is refused as absurdly large for this job.
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
#: Refuse archives whose parts would unpack to more than this many bytes (zip bombs).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

#: What :meth:`Book.open` reads: a path, the bytes of a file, or a binary file object.
Source = str | os.PathLike[str] | bytes | bytearray | IO[bytes]

# Exceptions a hostile or damaged file can raise inside openpyxl / the XML parser.
HOSTILE = (
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


def not_a_workbook(name: str, why: str) -> WorkbookError:
    return WorkbookError(f"{name} is not an Excel workbook (.xlsx or .xlsm): {why}")


def why(exc: BaseException) -> str:
    """The reason a file could not be parsed, in one line (forbidden XML named as such)."""
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


def _too_large(name: str, title: str, rows: object, cols: object) -> WorkbookError:
    return WorkbookError(
        f"{name}: sheet {title!r} is too large for a decision workbook "
        f"({rows} rows x {cols} columns; at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns "
        "are read). Delete the unused rows and columns, or copy the data into a fresh template.",
        sheet=title,
    )


def _check_head(name: str, head: bytes, handle: IO[bytes]) -> None:
    """Cheap checks before openpyxl sees the file: not empty, a zip, not a bomb."""
    if not head:
        raise not_a_workbook(name, "the file is empty (0 bytes)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise not_a_workbook(
            name, "it is an old-style .xls file (or encrypted); save it as .xlsx in Excel"
        )
    if not zipfile.is_zipfile(handle):
        text = head.decode("ascii", "replace")
        hint = " (it looks like text, e.g. CSV: open it in Excel and save as .xlsx)"
        raise not_a_workbook(
            name, "its content is not a zip archive" + (hint if text.isprintable() else "")
        )
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise not_a_workbook(name, f"damaged zip archive ({exc})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"{name} is too large for a decision workbook: it unpacks to "
            f"{unpacked / 2**20:,.0f} MiB (at most {MAX_UNPACKED_BYTES / 2**20:,.0f} MiB are read)"
        )
    handle.seek(0)


class _Parser(WorkSheetParser):
    """openpyxl's sheet parser reading cached values, and also keeping the formulas of
    cells without a cached value (so that one pass serves both)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.formulas: dict[tuple[int, int], str] = {}

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell = super().parse_cell(element)
        if element.find(FORMULA_TAG) is not None:
            formula = self.parse_formula(element)  # also records shared formulas
            if is_blank(cell["value"]) and isinstance(formula, str):
                self.formulas[cell["row"], cell["column"]] = formula
        return cell


class Book:
    """A workbook open for reading: the file opened and loaded once, sheets read on demand.

    Use :meth:`open` (a context manager); ``titles`` are the sheet titles, stripped.
    """

    def __init__(self, name: str, handle: IO[bytes], wb: Any, owned: bool) -> None:
        self.name = name
        self._handle, self._wb, self._owned = handle, wb, owned
        self._read: dict[str, Sheet] = {}
        self.titles = [t.strip() for t in wb.sheetnames]
        self._by_key: dict[str, str] = {}
        clashes: dict[str, list[str]] = {}
        for title in wb.sheetnames:
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

    @classmethod
    def open(cls, source: Source) -> Book:
        """Check and load ``source`` (a path, bytes or a binary file object).

        Raises
        ------
        WorkbookError
            If it cannot be read or is not a workbook (one error saying why).
        """
        name, handle, owned = _handle(source)
        try:
            _check_head(name, handle.read(8), handle)
            try:
                wb = openpyxl.load_workbook(
                    handle, read_only=True, data_only=True, keep_links=False
                )
            except MCDAError:
                raise
            except (*HOSTILE, OSError) as exc:
                raise not_a_workbook(name, why(exc)) from exc
            try:
                return cls(name, handle, wb, owned)
            except BaseException:
                wb.close()
                raise
        except BaseException:
            if owned:
                handle.close()
            raise

    def close(self) -> None:
        self._wb.close()
        if self._owned:
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
            found[name] = Sheet(name, sheet.rows, sheet.formulas)
        return found

    def _sheet(self, title: str) -> Sheet:
        """Stream one worksheet into rows of values, refusing absurd sizes."""
        ws = self._wb[title]
        declared_rows, declared_cols = ws.max_row or 0, ws.max_column or 0
        if declared_rows > MAX_ROWS or declared_cols > MAX_COLUMNS:
            raise _too_large(self.name, ws.title, declared_rows, declared_cols)
        # The declared size may be wrong (some writers leave 'A1'): read what is really there.
        wb = self._wb
        rows: list[tuple[Any, ...]] = []
        # openpyxl's read-only sheet parsed directly (its private archive and part path),
        # so that values and formulas come from one pass.
        with wb._archive.open(ws._worksheet_path) as src:
            parser = _Parser(
                src,
                ws._shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for index, cells in parser.parse():
                if index > MAX_ROWS:
                    raise _too_large(self.name, ws.title, f"more than {MAX_ROWS:,}", "?")
                while len(rows) < index - 1:
                    rows.append(())
                width = cells[-1]["column"] if cells else 0
                if width > MAX_COLUMNS and any(
                    c["value"] is not None for c in cells if c["column"] > MAX_COLUMNS
                ):
                    raise _too_large(self.name, ws.title, index, width)
                values: list[Any] = [None] * min(width, MAX_COLUMNS)
                for cell in cells:
                    if cell["column"] <= MAX_COLUMNS:
                        values[cell["column"] - 1] = cell["value"]
                if len(rows) == index - 1:
                    rows.append(tuple(values))
        while rows and all(is_blank(v) for v in rows[-1]):
            rows.pop()
        return Sheet(ws.title, rows, parser.formulas)


def _handle(source: object) -> tuple[str, IO[bytes], bool]:
    """A name for messages, an open binary handle, and whether it is ours to close."""
    if isinstance(source, bytes | bytearray):
        return "the workbook", io.BytesIO(bytes(source)), True
    if hasattr(source, "read") and hasattr(source, "seek"):
        name = getattr(source, "name", None)
        label = Path(name).name if isinstance(name, str) else "the workbook"
        try:
            data = source.read()  # type: ignore[attr-defined]
        except (OSError, ValueError) as exc:
            raise WorkbookError(f"cannot read {label}: {exc}") from exc
        if not isinstance(data, bytes | bytearray):
            raise WorkbookError(
                f"cannot read {label}: the file object gives text, not bytes; open it in "
                "binary mode ('rb')"
            )
        return label, io.BytesIO(bytes(data)), True
    if not isinstance(source, str | os.PathLike):
        raise WorkbookError(
            "expected the path of an .xlsx workbook (a str or pathlib.Path), its bytes, or a "
            f"binary file object (got {type(source).__name__})"
        )
    path = Path(source)
    try:
        if not path.exists():
            raise WorkbookError(f"cannot read {_short(path)}: no such file")
        if path.is_dir():
            raise WorkbookError(f"cannot read {_short(path)}: it is a folder, not a workbook")
        handle = path.open("rb")
    except OSError as exc:
        raise WorkbookError(f"cannot read {_short(path)}: {exc.strerror or exc}") from exc
    return path.name[:200], handle, True


def _short(path: Path) -> str:
    """A path for a message: in full unless absurdly long."""
    text = str(path)
    return text if len(text) <= 300 else f"{text[:140]}...{text[-140:]}"
