"""A worksheet's values read by calamine (Rust), where they are provably what the exact
reader would read.

:meth:`~mcda_iso.workbook.source.Book.sheets` reads a worksheet here first; the exact
streaming reader (openpyxl's cell parser, :mod:`mcda_iso.workbook.source`) is the
reference and reads any sheet this module declines (:func:`start` or :func:`finish`
returns None). The part's bytes, unpacked once, are checked while calamine parses the sheet
in a thread (it releases the GIL):

* before calamine sees the sheet, the size it will allocate (a dense rectangle from
  A1): rows in ascending order, every cell's reference canonical and within the rows,
  at most :data:`~mcda_iso.workbook.archive.MAX_COLUMNS` columns and
  :data:`~mcda_iso.workbook.archive.MAX_CELLS` cells in the rectangle;
* the guarantees of :class:`~mcda_iso.workbook.archive.Guarded` on the whole part (no
  document type definition, UTF-8, no run of text longer than a cell holds, no absurd
  nesting), with its messages;
* the shape of the cells, by counting byte patterns (never a Python loop over the
  cells): what calamine reads differently from openpyxl is declined or read again.
  Calamine trims text without ``xml:space="preserve"``, unescapes ``_x000D_``, keeps
  a carriage return, reads error cells and formulas without a cached value as empty
  text, every number as a float (``5`` is an ``int`` for openpyxl), a number it cannot
  parse as text, and dates by its own rules. So a sheet with such a text, an error
  cell, a cell with a date format or a value only a date format gives is declined;
  the count of texts calamine returned must equal the count of text cells in the
  bytes; and the few cells whose value is a formula without a cached value, a
  non-finite number or an integral float whose text is not known to be an integer are
  read again one by one by the exact cell parser, located by their reference.

The result equals the exact reader's :class:`~mcda_iso.workbook.cells.Sheet` (rows
compared without trailing empty cells): ``tests/test_workbook_calamine.py`` reads the
fixture workbooks, the fuzzer's mutations of them and hand-written cells both ways.
Not checked, because no program writes them and looking costs a pass over the bytes:
a cell with two values (invalid; openpyxl reads the first, calamine the last), and a
cell placed in a row other than its reference's (rows out of order, or without their
number: openpyxl places cells by their row element, calamine by their reference).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError, fromstring

from mcda_iso.errors import WorkbookError, shorten
from mcda_iso.workbook.archive import (
    _MAX_DEPTH,
    _MAX_RUN,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT,
    not_a_workbook,
)
from mcda_iso.workbook.cells import Sheet, is_blank

__all__ = ["FAST_PART_BYTES", "Pending", "check_part", "finish", "start", "texts_agree"]

#: Larger worksheet parts are streamed by the exact reader (bounded memory).
FAST_PART_BYTES = 32 * 2**20

_MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

_BLOCK = 2**16  # nesting depth is checked at this interval (as Guarded reads)

_WINDOW = (MAX_TEXT - 1) // 2  # a text of MAX_TEXT bytes spans a whole window

_ROW = re.compile(rb'<row(?: r="([0-9]{1,7})")?')

# A numeric cell (no type but n, any other attributes) whose text holds a point or an
# exponent: openpyxl reads it as a float (5.0, 1E+2), calamine every number.
_ATTRIBUTE = rb'(?: (?!t=)[A-Za-z:]+="[^"]*")*'
_DECIMAL = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]{1,7})"' + _ATTRIBUTE + rb'(?: t="n"' + _ATTRIBUTE + rb")? ?>"
    rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>[^<]*[.eE]"
)

# A text calamine reads differently: attributes other than xml:space="preserve" (the
# text is trimmed), leading or trailing white space without it, several texts in a cell.
_TEXT_HAZARD = re.compile(
    rb'<t(?: (?!xml:space="preserve">)|>[ \t\n]|>[^<]*[ \t\n]</t>|[^>]*>[^<]*</t><t)'
)

# A cell, and a cell without a reference first.
_CELL = re.compile(rb"<c[\s>/]")
_NO_REFERENCE = re.compile(rb'<c(?! r=")[\s>/]')

# White space other than a space inside a tag (the byte patterns here expect spaces).
_ODD_SPACE = re.compile(rb"<[^>]*[\t\n]")

# A prefixed element of a cell (calamine ignores prefixes, the exact reader does not).
_PREFIXED = re.compile(rb":(?:c|row|v|is|t|f|r|sheetData)[ />]")

# A formula not followed by a cached value starting with a visible character.
_UNCACHED = re.compile(rb"<f(?:[^>]*/>|(?: [^>]*)?>[^<]*</f>)(?!<v>[^<\s])")


def check_part(data: bytes, book: str, path: str) -> None:
    """Refuse a part as :class:`~mcda_iso.workbook.archive.Guarded` does, on its bytes.

    Raises
    ------
    WorkbookError
        For a document type definition, a part that is not UTF-8, a text longer than
        any cell holds, or absurd nesting.
    """
    _refuse(data, book, path, *_nesting(data)[:2])


def _refuse(data: bytes, book: str, path: str, deepest: int, declared: bool) -> None:
    """:func:`check_part`, the nesting already measured (``declared``: ``<!`` occurs)."""

    def refuse(why: str) -> WorkbookError:
        return not_a_workbook(book, f"{shorten(path)} {why}")

    if b"\0" in data[:4096]:
        raise refuse("is not UTF-8 XML (Excel writes UTF-8)")
    if declared and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
        raise refuse(
            "contains forbidden XML constructs (a document type definition, e.g. entity "
            "definitions), refused for safety"
        )
    if longest_text(data) > _MAX_RUN:
        raise WorkbookError(
            f"{book}: {shorten(path)} holds a text longer than a cell can hold "
            f"({MAX_TEXT:,} characters), refused"
        )
    if deepest > _MAX_DEPTH:
        raise refuse("nests XML elements absurdly deep")


def _nesting(data: bytes, lo: int = 0, hi: int = 0) -> tuple[int, bool, list[int]]:
    """The deepest nesting of elements at the end of a block of :data:`_BLOCK` bytes,
    counted as :class:`~mcda_iso.workbook.archive.Guarded` counts it (``<`` opens, ``</``
    and ``/>`` close, ``<?`` and ``<!`` do neither); whether ``<!`` occurs at all; and
    where, between ``lo`` and ``hi``, an attribute `` t="`` has a value other than
    ``n...`` (a cell's type, or a formula's). Vectorised, a block at a time in the same
    buffers (numpy)."""
    import numpy as np

    raw = np.frombuffer(data, np.uint8)
    size = min(_BLOCK, raw.size)
    lt, mark, tmp = (np.empty(size, bool) for _ in range(3))
    depth = deepest = 0
    declared = False
    typed: list[int] = []
    for start in range(0, max(raw.size - 1, 0), _BLOCK):
        block = raw[start : start + _BLOCK + 1]
        n = block.size - 1
        head, tail = block[:n], block[1:]
        opened = np.equal(head, 60, out=lt[:n])  # <
        count = int(np.count_nonzero(opened))
        np.equal(tail, 47, out=mark[:n])  # </ counts twice: it opens nothing and closes one
        count -= 2 * int(np.count_nonzero(np.logical_and(opened, mark[:n], out=tmp[:n])))
        np.equal(tail, 63, out=mark[:n])  # <?
        count -= int(np.count_nonzero(np.logical_and(opened, mark[:n], out=tmp[:n])))
        np.equal(tail, 33, out=mark[:n])  # <!
        bangs = int(np.count_nonzero(np.logical_and(opened, mark[:n], out=tmp[:n])))
        declared = declared or bangs > 0
        np.equal(head, 47, out=mark[:n])  # />
        np.equal(tail, 62, out=tmp[:n])
        count -= bangs + int(np.count_nonzero(np.logical_and(mark[:n], tmp[:n], out=tmp[:n])))
        depth += count
        deepest = max(deepest, depth)
        if start + n > lo and start < hi:
            typed += _types(raw, start, n, lt, mark)
    return deepest, declared, [p for p in typed if lo <= p < hi]


def _types(raw: Any, start: int, n: int, found: Any, other: Any) -> list[int]:
    """Where `` t="`` starts in the block at ``start`` with a value other than ``n...``
    (``found`` and ``other``: buffers of the block's size)."""
    import numpy as np

    block = raw[start : start + n + 4]
    m = block.size - 4
    if m <= 0:
        return []
    np.equal(block[:m], 32, out=found[:m])  # " t="x"
    for shift, char in ((1, 116), (2, 61), (3, 34)):
        np.logical_and(
            found[:m], np.equal(block[shift : shift + m], char, out=other[:m]), out=found[:m]
        )
    np.logical_and(found[:m], np.not_equal(block[4 : 4 + m], 110, out=other[:m]), out=found[:m])
    return (np.flatnonzero(found[:m]) + start).tolist()


def longest_text(data: bytes) -> int:
    """The longest run of bytes without a ``<`` if it may exceed :data:`_WINDOW` (else
    a number below it): windows are probed, and only a window without ``<`` is measured."""
    longest = 0
    for start in range(0, len(data), _WINDOW):
        if data.find(b"<", start, start + _WINDOW) >= 0:
            continue
        first = data.rfind(b"<", 0, start) + 1
        last = data.find(b"<", start)
        longest = max(longest, (len(data) if last < 0 else last) - first)
    return longest


def texts_agree(data: bytes, inline: list[int] | None = None) -> bool:
    """Whether calamine reads every text of this part as openpyxl does (a worksheet's
    cells, or the shared strings): none of the spellings they read differently.

    ``inline``: where a worksheet's inline strings are, when there are few (its only
    ``<t>`` elements: only these are looked at)."""
    if b"\r" in data:
        return False  # an XML parser makes a line feed of it, calamine keeps it
    if (b"\n" in data or b"\t" in data) and _ODD_SPACE.search(data):
        return False
    if b"_" in data and (b"_x" in data or b"x005F_" in data):
        return False  # _x000D_ unescaped by calamine only; x005F_ removed here only
    at = data.find(b":")  # rare in a sheet's cells: each one looked at
    while at >= 0:
        if _PREFIXED.match(data, at):
            return False
        at = data.find(b":", at + 1)
    if inline is None:
        return _TEXT_HAZARD.search(data) is None
    return not any(_TEXT_HAZARD.search(data, at, data.find(b"</c>", at)) for at in inline)


def _rectangle(data: bytes, lo: int, hi: int) -> int | None:
    """The number of the last row, if calamine's rectangle from A1 to the last row and
    column is within the limits (every cell between ``lo`` and ``hi`` has a canonical
    reference, in a row up to about twice that of the last row element); else None
    (the exact reader decides what to make of the sheet). Cheap: it stands between
    the bytes and calamine."""
    at = data.rfind(b'<row r="', lo, hi)
    if at < 0:
        return None if _CELL.search(data, lo, hi) else 0
    last = _ROW.match(data, at, hi)
    if last is None or not last.group(1):
        return None
    last_row = int(last.group(1))
    if last_row > MAX_ROWS:
        return None
    # Rows up to twice the last are let through here, then refused (after calamine).
    usual = _usual_rows(last_row)
    width = 26
    if re.compile(rb'<c(?! r="[A-Z](?:' + usual + rb')")[\s>/]').search(data, lo, hi):
        # A cell that is not a single letter and a row within bounds: a wide sheet, a
        # wrong reference, or none (calamine places it after the last cell: a row of
        # them has no bound).
        if _NO_REFERENCE.search(data, lo, hi):
            return None
        general = rb'<c r="(?:(?![A-Z]{1,3}(?:' + usual + rb')")|([A-Z]{2,3})[0-9])'
        found = set(re.compile(general).findall(data, lo, hi))
        if b"" in found:
            return None  # not canonical, or a cell far after the last row
        width = max(map(_column, found), default=26)
    rows = (int(str(last_row)[0]) + 1) * 10 ** (len(str(last_row)) - 1)  # let through
    if (rows - 1) * width > MAX_CELLS or width > MAX_COLUMNS:
        return None
    return last_row


def _usual_rows(last: int) -> bytes:
    """A pattern for the row numbers let through before calamine: up to twice ``last``
    at most (below the next power of ten's leading digit)."""
    digits = str(last)
    lead = int(digits[0]) + 1
    shorter = rb"[1-9][0-9]{0,%d}" % (len(digits) - 2) if len(digits) > 1 else None
    same = rb"[1-%d][0-9]{%d}" % (min(lead - 1, 9), len(digits) - 1)
    return same if shorter is None else shorter + b"|" + same


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _letters(column: int) -> bytes:
    text = b""
    while column:
        column, rest = divmod(column - 1, 26)
        text = bytes([65 + rest]) + text
    return text


def _element(data: bytes, start: int) -> bytes:
    """The cell element starting at ``start`` (cells do not nest; empty if it has no end)."""
    head = data.find(b">", start)
    if head < 0:
        return b""
    if data[head - 1 : head] == b"/":
        return data[start : head + 1]
    end = data.find(b"</c>", head)
    return data[start : end + 4] if end >= 0 else b""


@dataclass
class Pending:
    """A worksheet being read: calamine parsing it in a thread, its bytes checked."""

    title: str
    section: bytes
    last_row: int
    thread: threading.Thread
    parsed: list[Any]
    plan: tuple[int, list[int]] | None = None
    error: BaseException | None = None


def start(
    data: bytes,
    title: str,
    grid: Callable[[], list[list[Any]]],
    *,
    book: str,
    path: str,
    shared_strings_agree: Callable[[], bool],
    date_styles: set[int],
) -> Pending | None:
    """Start reading a worksheet: None when only the exact reader can read it, else
    calamine parsing ``grid()`` in a thread and the bytes checked meanwhile (the caller
    may do other work before :func:`finish`; a refusal is raised by :func:`finish`, so
    that refusals keep the order the sheets are finished in).

    ``shared_strings_agree()`` says whether calamine reads the shared strings as they
    are read here; ``book`` and ``path`` name the file and the part in refusals.
    """
    first = data.find(b"<sheetData")
    if first < 0 or _MAIN not in data[:first]:
        return None  # the exact reader checks and reads the part
    last = data.rfind(b"</sheetData>")  # near the end: found at once
    last = len(data) if last < first else last
    last_row = _rectangle(data, first, last)
    if last_row is None:
        return None
    if longest_text(data) > _MAX_RUN:
        return None  # the exact reader refuses it, before calamine spends time on it
    parsed: list[Any] = []
    thread = threading.Thread(target=_collect, args=(grid, parsed), daemon=True)
    thread.start()  # calamine parses while the bytes are checked
    section = data[first:last]
    pending = Pending(title, section, last_row, thread, parsed)
    try:
        deepest, declared, typed = _nesting(data, first, last)
        _refuse(data, book, path, deepest, declared)
        kinds = [data[p + 4 : p + 6] for p in typed]  # after ' t="': 's"', 'st', 'in', ...
        prefixed = b":sheetData" in data[:first] or b":sheetData" in data[last:]
        if not prefixed and b"xmlns" not in section:
            at = [p - first for p in typed]
            pending.plan = _plan(section, at, kinds, shared_strings_agree, date_styles)
    except WorkbookError as exc:
        pending.error = exc
    return pending


def finish(pending: Pending, parser: Callable[[], Any]) -> Sheet | None:
    """The sheet's values, or None when only the exact reader can say what some cell
    holds (``parser()`` makes the exact cell parser, for the few cells read again).

    Raises
    ------
    WorkbookError
        As :func:`check_part`, or for a text longer than a cell holds, at its cell.
    """
    pending.thread.join()
    if pending.error is not None:
        raise pending.error
    parsed, plan, section = pending.parsed, pending.plan, pending.section
    if plan is None or not parsed or isinstance(parsed[0], BaseException):
        return None
    values = parsed[0]
    texts, uncached = plan
    if len(values) > pending.last_row:
        return None
    found = _classify(values, lambda: _DECIMAL.search(section) is None)
    if found is None:
        return None
    rows, integral, odd, strings = found
    exact = parser()
    patched: dict[tuple[int, int], Any] = {}
    for at in uncached:
        element = _element(section, at)
        cell = _parse(exact, element)
        if cell is None:
            return None
        if is_blank(cell["value"]) and b"shared" in element:
            return None  # a shared formula's text is translated from its first cell
        patched[cell["row"], cell["column"]] = cell["value"]
        tag = element[: element.find(b">")]  # its value is the exact reader's: not counted
        texts -= any(b' t="%s"' % kind in tag for kind in (b"s", b"str", b"inlineStr"))
        strings -= _calamine_text(values, cell["row"], cell["column"])
    if strings != texts:
        return None  # a number calamine could not parse came back as text, or the like
    again = sorted(odd + _integers(section, rows, integral))
    for (r, c), at in zip(again, _locate(section, again), strict=True):
        if at < 0:
            return None
        cell = _parse(exact, _element(section, at))
        if cell is None:
            return None
        patched[r, c] = cell["value"]
    for (r, c), value in patched.items():
        while len(rows) < r:
            rows.append([])
        row = rows[r - 1]
        while len(row) < c:
            row.append(None)
        row[c - 1] = value
    if longest_text(section) >= _WINDOW or b"<r>" in section:
        _refuse_long_text(pending.title, rows)
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    return Sheet(
        pending.title,
        [tuple(row) for row in rows],
        dict(exact.formulas),
        frozenset(exact.calculated),
    )


def _collect(grid: Callable[[], list[list[Any]]], into: list[Any]) -> None:
    try:
        into.append(grid())
    except BaseException as exc:  # calamine refused (or panicked): the exact reader reads it
        into.append(exc)


#: A cell's or a formula's type, by the two bytes after `` t="``: the texts, and those
#: calamine reads as openpyxl does (an error, ``e``, reads as empty text; a date, ``d``,
#: by calamine's rules).
_TEXT_TYPES = {b's"': "s", b"st": "str", b"in": "inlineStr"}
_OTHER_TYPES = {b'b"', b"sh", b"ar", b"da"}  # logical; shared, array, data-table formulas


def _plan(
    section: bytes,
    typed: list[int],
    kinds: list[bytes],
    shared_strings_agree: Callable[[], bool],
    date_styles: set[int],
) -> tuple[int, list[int]] | None:
    """How many cells hold a text, and where the formulas without a cached value start;
    None if calamine may read a cell differently and cannot be corrected here.

    ``kinds``: the two bytes after each `` t="`` whose value is not ``n...``, at
    ``typed`` in ``section``."""
    texts = shared = 0
    for kind in kinds:
        if kind in _TEXT_TYPES:
            texts += 1
            shared += kind == b's"'
        elif kind not in _OTHER_TYPES:
            return None  # an error, a date, or a type not known here
    if shared and not shared_strings_agree():
        return None
    inline = [at for at, kind in zip(typed, kinds, strict=True) if kind == b"in"]
    if not texts_agree(section, inline if len(inline) < 1000 else None):
        return None
    if any(b' s="%d"' % style in section for style in date_styles):
        return None
    found = {section.rfind(b'<c r="', 0, m.start()) for m in _UNCACHED.finditer(section)}
    uncached = sorted(found)
    if uncached and uncached[0] < 0:
        return None
    return texts, uncached


def _calamine_text(values: list[list[Any]], r: int, c: int) -> bool:
    """Whether calamine gave a text at row ``r``, column ``c`` (empty text is None now)."""
    return r <= len(values) and c <= len(values[r - 1]) and isinstance(values[r - 1][c - 1], str)


def _parse(exact: Any, element: bytes) -> dict[str, Any] | None:
    """A cell element read by the exact cell parser, in the main namespace as the
    streaming reader sees it; None if it cannot be read alone (a prefix declared
    elsewhere, say): the exact reader reads the whole sheet then."""
    try:
        return exact.parse_cell(fromstring(b"<x " + _MAIN + b">" + element + b"</x>")[0])
    except (ParseError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _locate(section: bytes, cells: list[tuple[int, int]]) -> list[int]:
    """Where each cell (row, column; in reading order) starts, looked for from the start
    of its row, found in one sweep forward (rows ascend; -1: not found)."""
    found, at, row = [], 0, 0
    for r, c in cells:
        if r != row:
            row, at = r, max(section.find(b'<row r="%d"' % r, at), 0)
        found.append(section.find(b'<c r="' + _letters(c) + b'%d"' % r, at))
    return found


_FLOAT = float
_STR = str
_BOOL = bool
_EXACT = 2.0**53  # integers a float holds exactly


def _classify(
    values: list[list[Any]], whole: Callable[[], bool]
) -> tuple[list[list[Any]], list[tuple[int, int]], list[tuple[int, int]], int] | None:
    """Calamine's rows with empty text as None; the integral floats (as ``int`` if
    ``whole()``, asked at the first: no number of the sheet is written with a point or
    an exponent) and the non-finite ones (by 1-based row and column); how many texts.
    None if a value has a type only a date format gives (the exact reader decides)."""
    integral: list[tuple[int, int]] = []
    odd: list[tuple[int, int]] = []
    strings = 0
    integers = None
    for r, row in enumerate(values, 1):
        for c, value in enumerate(row, 1):
            kind = value.__class__
            if kind is _FLOAT:
                if value.is_integer():
                    if integers is None:
                        integers = whole()
                    if integers and -_EXACT < value < _EXACT:
                        row[c - 1] = int(value)
                    else:
                        integral.append((r, c))
                elif value - value:  # NaN or infinite
                    odd.append((r, c))
            elif kind is _STR:
                if value:
                    strings += 1
                else:
                    row[c - 1] = None
            elif kind is not _BOOL:
                return None
    return values, integral, odd, strings


def _integers(
    section: bytes, rows: list[list[Any]], integral: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Integral floats made ``int`` where openpyxl reads an ``int`` (a text without a
    point or an exponent); returned, the cells to read again (the text is not known
    here, or the number is beyond the integers a float holds)."""
    if not integral:
        return []
    if len(integral) <= 2000:
        return integral  # read again: cheaper than looking at every decimal's text
    decimal = set(_DECIMAL.findall(section))
    again = []
    for r, c in integral:
        value = rows[r - 1][c - 1]
        if not -_EXACT < value < _EXACT:
            again.append((r, c))
        elif _letters(c) + b"%d" % r not in decimal:
            rows[r - 1][c - 1] = int(value)
    return again


def _refuse_long_text(title: str, rows: list[list[Any]]) -> None:
    """Refuse a text longer than a cell holds, at its cell, as the exact reader does."""
    from mcda_iso.workbook.layout import cell_ref

    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, str) and len(value) > MAX_TEXT:
                ref = cell_ref(title, r, c)
                raise WorkbookError(
                    f"{ref} holds {len(value):,} characters of text; a cell holds at most "
                    f"{MAX_TEXT:,}",
                    sheet=title,
                    cell=ref,
                )
