"""The calamine path of the reader against the exact one (issue 14).

:mod:`mcda_iso.workbook.calamine_sheet` reads a worksheet's values with calamine where
that gives what openpyxl's cell parser (the reference, streamed by
:class:`~mcda_iso.workbook.source.Book`) gives, and declines the sheet otherwise. Here
every sheet of the fixture workbooks (every kind of template, a results workbook, the
fuzzer's mutations of them: text, numbers of every size, fractions, dates, logical and
error values, formulas, long texts) and of sheets written cell by cell in XML (the
spellings calamine reads differently) is read both ways: where the calamine path
answers, its sheet equals the exact one, value for value and type for type.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mcda_iso.workbook import write_template
from mcda_iso.workbook.cells import Sheet
from mcda_iso.workbook.source import Book

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.test_workbook_fuzz import _books, _cells, _value
    from tests.workbook_helpers import _convert
except ImportError:  # pragma: no cover
    from test_workbook_fuzz import _books, _cells, _value  # type: ignore[no-redef]
    from workbook_helpers import _convert  # type: ignore[no-redef]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _typed(values: tuple[Any, ...]) -> tuple[tuple[type, Any], ...]:
    """A row without its trailing empty cells, each value with its type (5 is not 5.0)."""
    values = tuple(values)
    while values and values[-1] is None:
        values = values[:-1]
    return tuple((type(v), repr(v)) for v in values)


def _same(fast: Sheet, exact: Sheet) -> None:
    assert [_typed(r) for r in fast.rows] == [_typed(r) for r in exact.rows], fast.title
    assert fast.formulas == exact.formulas, fast.title
    assert fast.calculated == exact.calculated, fast.title


def both_ways(source: Path | bytes) -> dict[str, bool]:
    """Read every sheet both ways and compare; which sheets the calamine path read."""
    used = {}
    with Book.open(source) as book:
        for title, path in book._paths.items():
            if path is None or path not in book._sizes or "chartsheet" in path:
                continue
            fast = book._fast_sheet(title, path)
            used[title.strip()] = fast is not None
            if fast is not None:
                _same(fast, book._stream_sheet(title, path))
    return used


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("calamine")
    return {"blank": write_template(folder / "blank.xlsx"), **_books(folder)}


@pytest.mark.parametrize("kind", ["blank", "comparisons", "weights", "hierarchy", "experts"])
def test_templates_are_read_by_calamine_as_by_openpyxl(books: dict[str, Path], kind: str) -> None:
    used = both_ways(books[kind])
    # The input sheets of a template as written are read by calamine (the path is used).
    assert all(used[t] for t in ("Criteria", "Alternatives", "Performance")), used


@pytest.mark.parametrize("kind", ["experts_tree", "results"])
def test_other_workbooks_are_read_by_calamine_as_by_openpyxl(
    books: dict[str, Path], kind: str
) -> None:
    assert any(both_ways(books[kind]).values())


@pytest.mark.parametrize("kind", ["comparisons", "weights", "hierarchy", "experts", "results"])
def test_mutated_workbooks_are_read_by_calamine_as_by_openpyxl(
    books: dict[str, Path], kind: str
) -> None:
    """The fuzzer's mutations (tests/test_workbook_fuzz.py), several cells at a time and
    saved by openpyxl (formulas without cached values), read both ways."""
    rng = random.Random(f"calamine-{kind}")
    wb = openpyxl.load_workbook(books[kind])
    cells = _cells(wb)
    fast = 0
    for _ in range(12):
        for _ in range(rng.randint(1, 6)):
            sheet, ref = rng.choice(cells)
            cell = wb[sheet][ref]
            if not isinstance(cell, openpyxl.cell.cell.MergedCell):
                cell.value = _value(rng, wb, cells)
        buffer = io.BytesIO()
        wb.save(buffer)
        fast += sum(both_ways(buffer.getvalue()).values())
    assert fast  # the comparison did happen


def _workbook(template: Path, tmp_path: Path, rows: str, shared: list[str] | None = None) -> Path:
    """The template with its Performance sheet replaced by ``rows`` (and shared strings)."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    out = tmp_path / "cells.xlsx"
    replace = {"xl/worksheets/sheet4.xml": sheet}
    with zipfile.ZipFile(template) as zin:
        rels = zin.read("xl/_rels/workbook.xml.rels").decode()
        types = zin.read("[Content_Types].xml").decode()
    if shared is not None:
        si = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in shared)
        replace["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{si}</sst>'.encode()
        replace["xl/_rels/workbook.xml.rels"] = rels.replace(
            "</Relationships>",
            '<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
            "</Relationships>",
        ).encode()
        replace["[Content_Types].xml"] = types.replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ).encode()
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, replace.pop(item.filename, None) or zin.read(item.filename))
        for name, data in replace.items():
            zout.writestr(name, data)
    return out


def _row(r: int, cells: str) -> str:
    return f'<row r="{r}">{cells}</row>'


#: Cells calamine reads differently from openpyxl, or that need a second look.
SPELLINGS = {
    "integers": '<c r="B2"><v>5</v></c><c r="C2"><v>-0</v></c><c r="D2"><v>+7</v></c>',
    "integral decimals": '<c r="B2"><v>5.0</v></c><c r="C2"><v>5.</v></c><c r="D2"><v>1E+2</v></c>',
    "large integers": '<c r="B2"><v>12345678901234567890</v></c>'
    '<c r="C2"><v>9007199254740993</v></c>',
    "not numbers": '<c r="B2"><v>NaN</v></c><c r="C2"><v>inf</v></c><c r="D2"><v>1e999</v></c>',
    "unparsed numbers": '<c r="B2"><v> 5</v></c><c r="C2"><v>1_000</v></c>'
    '<c r="D2"><v>0x10</v></c>',
    "errors": '<c r="B2" t="e"><v>#DIV/0!</v></c><c r="C2" t="e"><v>#N/A</v></c>',
    "logical": '<c r="B2" t="b"><v>1</v></c><c r="C2" t="b"><v>0</v></c>',
    "iso dates": '<c r="B2" t="d"><v>2026-01-03T00:00:00</v></c>',
    "untrimmed text": '<c r="B2" t="inlineStr"><is><t> sp </t></is></c>',
    "preserved text": '<c r="B2" t="inlineStr"><is><t xml:space="preserve"> sp </t></is></c>',
    "rich text": '<c r="B2" t="inlineStr"><is><r><t>a</t></r><r><rPr><b/><color rgb="FF0000FF"/>'
    "</rPr><t>b</t></r></is></c>",
    "escapes": '<c r="B2" t="inlineStr"><is><t>a_x000D_b &amp; &#10;c</t></is></c>',
    "empty texts": '<c r="B2" t="inlineStr"><is><t></t></is></c><c r="C2" t="inlineStr"/>'
    '<c r="D2" t="str"><v></v></c>',
    "uncached formulas": '<c r="B2"><f>A1</f></c><c r="C2" t="str"><f>A1</f><v></v></c>'
    '<c r="D2" t="str"><f>A1</f><v>x</v></c><c r="E2"><f>1+1</f><v>2</v></c>',
    "shared formulas": '<c r="B2"><f t="shared" ref="B2:C2" si="0">A1</f><v>3</v></c>'
    '<c r="C2"><f t="shared" si="0"/><v>4</v></c>',
    "uncached shared formulas": '<c r="B2"><f t="shared" ref="B2:C2" si="0">A1</f></c>'
    '<c r="C2"><f t="shared" si="0"/></c>',
    "formula line break": '<c r="B2" t="str"><f>CHAR(10)</f><v>\n</v></c>',
    "formula text": '<c r="B2" t="str"><f>A1</f><v> x </v></c>'
    '<c r="C2" t="str"><f>A1</f><v> </v></c>',
    "shared strings": '<c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c>',
    "attributes on lines": '<c r="B2"\nt="e"><v>#DIV/0!</v></c><c\tr="C2"><v>7</v></c>',
    "text on lines": '<c r="B2" t="inlineStr"><is><t>a\nb</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>\nb</t></is></c>',
    "empty cells": '<c r="B2" t="n"/><c r="C2" s="0"></c><c r="D2"><v></v></c>',
}


@pytest.mark.parametrize("case", list(SPELLINGS))
def test_cells_calamine_reads_differently_are_read_as_openpyxl_reads_them(
    books: dict[str, Path], tmp_path: Path, case: str
) -> None:
    rows = _row(1, '<c r="A1" t="inlineStr"><is><t>alternative</t></is></c>')
    rows += _row(2, '<c r="A2"><v>1</v></c>' + SPELLINGS[case])
    rows += _row(4, '<c r="A4"><v>2.5</v></c><c r="B4"><v>3</v></c>')
    path = _workbook(books["blank"], tmp_path, rows, shared=[" a ", "b"])
    both_ways(path)


@pytest.mark.parametrize(
    "case", ["integers", "not numbers", "uncached formulas", "shared formulas", "rich text"]
)
def test_cells_read_again_one_by_one_keep_the_fast_path(
    books: dict[str, Path], tmp_path: Path, case: str
) -> None:
    rows = _row(2, '<c r="A2"><v>1</v></c>' + SPELLINGS[case])
    assert both_ways(_workbook(books["blank"], tmp_path, rows))["Performance"]


def test_many_integers_are_told_from_integral_decimals_at_once(
    books: dict[str, Path], tmp_path: Path
) -> None:
    """Thousands of integral values (scores on a 1-5 scale) are told apart by their text
    in one pass: 5 is an int, 5.0 and 1E+2 floats, as openpyxl reads them."""
    cells = "".join(
        _row(r, "".join(f'<c r="{c}{r}"><v>{(r * 7 + ord(c)) % 5 + 1}</v></c>' for c in "BCDEFG"))
        for r in range(2, 500)
    )
    cells += _row(500, '<c r="B500"><v>5.0</v></c><c r="C500"><v>1E+2</v></c>')
    cells += _row(501, '<c r="B501"><v>12345678901234567890</v></c><c r="C501"><v>7</v></c>')
    assert both_ways(_workbook(books["blank"], tmp_path, cells))["Performance"]


@pytest.mark.parametrize(
    "rows",
    [
        _row(1, '<c r="A1"><v>1</v></c><c r="A99999"><v>2</v></c>'),  # a cell after its row
        _row(1, "<c><v>1</v></c><c><v>2</v></c>"),  # cells without references
        _row(2, '<c r="A2"><v>1</v></c>') + _row(1, '<c r="A1"><v>1</v></c>'),  # rows backwards
        _row(1, '<c r="a1"><v>1</v></c>'),  # a reference in lower case
        _row(1, '<c r="AMA1"><v>1</v></c>'),  # beyond the 1,000 columns read
        '<row><c r="A1"><v>1</v></c></row>',  # a row without its number
    ],
)
def test_sheets_calamine_could_misplace_or_overallocate_are_left_to_the_exact_reader(
    books: dict[str, Path], tmp_path: Path, rows: str
) -> None:
    path = _workbook(books["blank"], tmp_path, rows)
    with Book.open(path) as book:
        assert book._fast_sheet("Performance", book._paths["Performance"]) is None


@pytest.mark.libreoffice
def test_workbooks_saved_by_libreoffice_are_read_by_calamine_as_by_openpyxl(
    books: dict[str, Path], tmp_path: Path
) -> None:
    """LibreOffice writes shared strings, its own formula attributes and cached values:
    every sheet of the templates it saves is read by calamine, as openpyxl reads it."""
    for kind in ("comparisons", "hierarchy", "experts"):
        saved = _convert(books[kind], "xlsx", tmp_path / kind)
        used = both_ways(saved)
        assert all(used.values()), (kind, used)
