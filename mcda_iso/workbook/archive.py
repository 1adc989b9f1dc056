"""A workbook file as bytes: what it is, its limits, and its parts checked before parsing.

* :func:`open_source` takes what the reader was given (a path, bytes or a binary file
  object) and :func:`open_archive` checks it is a zip archive that unpacks to at most
  :data:`MAX_UNPACKED_BYTES`, naming what it is otherwise (an old .xls, a CSV, an
  OpenDocument file, a binary .xlsb, a Word document);
* :class:`Guarded` hands a part to the XML parser checking the bytes first: no
  document type definition (so no entity can be defined), UTF-8 only, no run of text
  longer than any cell could hold, no absurdly deep nesting.

The limits of a decision workbook are defined here (docs/workbook.md states them).

Examples
--------
>>> open_source(None)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
mcda_iso.errors.WorkbookError: expected the path of an .xlsx workbook (a str or ...
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from mcda_iso.errors import WorkbookError, shorten

#: A sheet with more rows or columns than this is refused as absurdly large for this job.
MAX_ROWS = 100_000


MAX_COLUMNS = 1_000


#: At most this many cells are kept per sheet (each row counted up to its last cell).
MAX_CELLS = 2_000_000


#: Excel's limit on the text of one cell (characters).
MAX_TEXT = 32_767


#: At most this many shared strings (distinct texts of the workbook).
MAX_STRINGS = 200_000


#: At most this many cell formats (Excel allows about 64,000).
MAX_STYLES = 65_536


#: Refuse archives whose parts would unpack to more than this many bytes (zip bombs).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024


#: The largest part of each kind that is read (bytes, unpacked).
MAX_PART_BYTES = {
    "worksheet": 192 * 2**20,
    "sharedStrings": 64 * 2**20,
    "styles": 16 * 2**20,
    "workbook": 4 * 2**20,
    "relationships": 1 * 2**20,
}


# No text between two tags can be longer than a cell's text written with the
# longest character references (&#x10FFFF; is 10 bytes for one character).
_MAX_RUN = 10 * MAX_TEXT + 1024


_CHUNK = 2**16  # bytes checked at a time (shorter than _MAX_RUN)


# A worksheet nests elements 6 deep (rich text in a cell); nothing needs more than this.
_MAX_DEPTH = 64


#: What :meth:`Book.open` reads: a path, the bytes of a file, or a binary file object.
Source = str | os.PathLike[str] | bytes | bytearray | IO[bytes]


# Exceptions a hostile or damaged file can raise inside the XML parser or openpyxl.
HOSTILE = (
    ParseError,
    zipfile.BadZipFile,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    EOFError,
    OverflowError,
)


def not_a_workbook(name: str, why: str) -> WorkbookError:
    return WorkbookError(f"{name} is not an Excel workbook (.xlsx or .xlsm): {why}")


def why(exc: BaseException) -> str:
    """The reason a file could not be parsed, in one line."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


class Guarded(io.RawIOBase):
    """A part of the archive as the XML parser reads it, checked on the bytes before the
    parser sees them: no document type definition (so no entity can be defined), UTF-8
    only, no run of text longer than any cell could hold, no absurdly deep nesting."""

    def __init__(self, raw: IO[bytes], book: str, path: str) -> None:
        self._raw, self._book, self._path = raw, book, path
        self._run = self._depth = 0
        self._tail = b""
        self._first = True

    def readable(self) -> bool:
        return True

    def _refuse(self, why: str) -> WorkbookError:
        return not_a_workbook(self._book, f"{shorten(self._path)} {why}")

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(min(len(buffer), _CHUNK))
        if self._first and data:
            self._first = False
            if b"\0" in data[:4096]:
                raise self._refuse("is not UTF-8 XML (Excel writes UTF-8)")
        seen = self._tail + data  # two-byte patterns may straddle two reads
        if b"<!DOCTYPE" in seen or b"<!ENTITY" in seen:
            raise self._refuse(
                "contains forbidden XML constructs (a document type definition, e.g. entity "
                "definitions), refused for safety"
            )
        last = data.rfind(b"<")  # a read is shorter than _MAX_RUN: only runs across reads
        if last < 0:
            self._run += len(data)
        else:
            if self._run + data.find(b"<") > _MAX_RUN:
                raise self._long_text()
            self._run = len(data) - last - 1
        if self._run > _MAX_RUN:
            raise self._long_text()
        pair = self._tail[-1:] + data
        self._depth += (
            data.count(b"<")
            - 2 * pair.count(b"</")
            - pair.count(b"/>")
            - pair.count(b"<?")
            - pair.count(b"<!")
        )
        if self._depth > _MAX_DEPTH:
            raise self._refuse("nests XML elements absurdly deep")
        self._tail = data[-8:]
        buffer[: len(data)] = data
        return len(data)

    def _long_text(self) -> WorkbookError:
        return WorkbookError(
            f"{self._book}: {shorten(self._path)} holds a text longer than a cell can hold "
            f"({MAX_TEXT:,} characters), refused"
        )

    def close(self) -> None:
        self._raw.close()
        super().close()


XLSB = (
    "it is a binary workbook (.xlsb), which is not read here: open it in Excel and save it "
    "as an Excel Workbook (.xlsx)"
)


def what_archive(sizes: dict[str, int]) -> str:
    """Why a zip archive is not a workbook, naming what it is when that is recognisable."""
    names = {n.lower() for n in sizes}
    if "mimetype" in names or "content.xml" in names:
        return (
            "it is an OpenDocument file (.ods, e.g. saved by LibreOffice Calc), which is not "
            "read here: open it in LibreOffice and save it as Excel 2007-365 (.xlsx)"
        )
    if "xl/workbook.bin" in names:
        return XLSB
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        kind = "Word document" if "word/document.xml" in names else "PowerPoint presentation"
        return f"it is a {kind}, not a workbook; the decision workbook is an .xlsx file"
    return "the zip archive has no workbook part (xl/workbook.xml)"


def open_archive(name: str, handle: IO[bytes]) -> zipfile.ZipFile:
    """Cheap checks before any XML is parsed: not empty, a zip, not a zip bomb."""
    head = handle.read(8)
    if not head:
        raise not_a_workbook(name, "the file is empty (0 bytes)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise not_a_workbook(
            name, "it is an old-style .xls file (or encrypted); save it as .xlsx in Excel"
        )
    handle.seek(0)
    if not zipfile.is_zipfile(handle):
        text = head.decode("ascii", "replace")
        hint = " (it looks like text, e.g. CSV: open it in Excel and save as .xlsx)"
        raise not_a_workbook(
            name, "its content is not a zip archive" + (hint if text.isprintable() else "")
        )
    try:
        handle.seek(0)
        archive = zipfile.ZipFile(handle)
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_a_workbook(name, f"damaged zip archive ({exc})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        archive.close()
        raise WorkbookError(
            f"{name} is too large for a decision workbook: it unpacks to "
            f"{unpacked / 2**20:,.0f} MiB (at most {MAX_UNPACKED_BYTES / 2**20:,.0f} MiB are read)"
        )
    return archive


def open_source(source: object) -> tuple[str, IO[bytes]]:
    """A name for messages and an open binary handle (ours to close)."""
    if isinstance(source, bytes | bytearray):
        return "the workbook", io.BytesIO(bytes(source))
    if hasattr(source, "read") and hasattr(source, "seek"):
        name = getattr(source, "name", None)
        label = _clip(Path(name).name) if isinstance(name, str) else "the workbook"
        try:
            data = source.read(MAX_UNPACKED_BYTES + 1)  # type: ignore[attr-defined]
        except (OSError, ValueError) as exc:
            raise WorkbookError(f"cannot read {label}: {exc}") from exc
        if not isinstance(data, bytes | bytearray):
            raise WorkbookError(
                f"cannot read {label}: the file object gives text, not bytes; open it in "
                "binary mode ('rb')"
            )
        return label, io.BytesIO(bytes(data))
    if not isinstance(source, str | os.PathLike):
        raise WorkbookError(
            "expected the path of an .xlsx workbook (a str or pathlib.Path), its bytes, or a "
            f"binary file object (got {type(source).__name__})"
        )
    path = Path(source)
    shown = _clip(str(path))
    try:
        if not path.exists():
            raise WorkbookError(f"cannot read {shown}: no such file")
        if path.is_dir():
            raise WorkbookError(f"cannot read {shown}: it is a folder, not a workbook")
        handle = path.open("rb")
    except OSError as exc:
        raise WorkbookError(f"cannot read {shown}: {exc.strerror or exc}") from exc
    return _clip(path.name), handle


def _clip(text: str, limit: int = 300) -> str:
    """A file name or path for a message: in full unless absurdly long."""
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}…{text[-limit // 3 :]} ({len(text):,} characters)"
