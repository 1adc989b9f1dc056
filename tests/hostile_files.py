"""Generate the hostile-file corpus: small files that would cost minutes and gigabytes.

Nothing binary is committed: every file is made here from a template written by
:func:`mcda_iso.write_template` (issue 16, item 3). Each case is a function
``(template, folder) -> Path``; :data:`CASES` lists them by name, each with what the
refusal must say. ``tests/test_workbook_hostile.py`` asserts each is refused in time
and memory; ``benchmarks/bench_hostile.py`` measures them beside a normal template.

Run ``python tests/hostile_files.py FOLDER`` to write the corpus into FOLDER.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PERFORMANCE = "xl/worksheets/sheet4.xml"  # the template's fourth sheet


def rewrite(src: Path, dst: Path, replace: dict[str, bytes | Callable[[], bytes]]) -> Path:
    """A copy of the archive ``src`` with parts replaced or added (deflated, like Excel)."""
    replace = dict(replace)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.pop(item.filename, None)
            if callable(data):
                data = data()
            zout.writestr(item, data if data is not None else zin.read(item.filename))
        for name, data in replace.items():
            zout.writestr(name, data() if callable(data) else data)
    return dst


def sheet(rows: str, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def _with_shared_strings(template: Path, dst: Path, strings: bytes) -> Path:
    """The template with a sharedStrings part (related from the workbook)."""
    with zipfile.ZipFile(template) as z:
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    rel = (
        '<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    )
    rels = rels.replace("</Relationships>", rel + "</Relationships>")
    ct = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    types = types.replace("</Types>", ct + "</Types>")
    return rewrite(
        template,
        dst,
        {
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
            "xl/sharedStrings.xml": strings,
        },
    )


def _styles(count: int) -> bytes:
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    head = (
        f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1">'
        '<fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1">'
        f'<xf/></cellStyleXfs><cellXfs count="{count}">'
    )
    return head.encode() + xf * count + b"</cellXfs></styleSheet>"


def styles_2m_xf(template: Path, folder: Path) -> Path:
    """A styles.xml of 2 million cell formats (383 KB zipped in the issue)."""
    styles = {"xl/styles.xml": lambda: _styles(2_000_000)}
    return rewrite(template, folder / "styles_2m_xf.xlsx", styles)


def styles_200k_xf(template: Path, folder: Path) -> Path:
    """200,000 cell formats: a part small enough to read, with too many formats."""
    return rewrite(template, folder / "styles_200k_xf.xlsx", {"xl/styles.xml": _styles(200_000)})


def _strings(count: int) -> bytes:
    body = b"".join(b"<si><t>%d</t></si>" % i for i in range(count))
    head = f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'.encode()
    return head + body + b"</sst>"


def shared_strings_5m(template: Path, folder: Path) -> Path:
    """5 million shared strings (13 MB zipped in the issue)."""
    return _with_shared_strings(template, folder / "shared_strings_5m.xlsx", _strings(5_000_000))


def shared_strings_1m(template: Path, folder: Path) -> Path:
    """1 million shared strings: a part small enough to read, with too many strings."""
    return _with_shared_strings(template, folder / "shared_strings_1m.xlsx", _strings(1_000_000))


def rows_99k_column_1000(template: Path, folder: Path) -> Path:
    """99,000 rows with a cell in column 1 and one in column 1,000 (ALL)."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="ALL{r}"><v>1</v></c></row>'
        for r in range(1, 99_001)
    )
    return rewrite(template, folder / "rows_99k_column_1000.xlsx", {PERFORMANCE: sheet(rows)})


def one_row_3m_cells(template: Path, folder: Path) -> Path:
    """One row of 3 million cells (no cell references: each follows the last)."""
    rows = '<row r="1">' + "<c><v>1</v></c>" * 3_000_000 + "</row>"
    return rewrite(template, folder / "one_row_3m_cells.xlsx", {PERFORMANCE: sheet(rows)})


def cell_text_300mb(template: Path, folder: Path) -> Path:
    """One cell holding 300 MB of text (an inline string)."""

    def big() -> bytes:
        head = b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        return sheet("\0").replace(b"\0", head + b"x" * 300 * 2**20 + b"</t></is></c></row>")

    return rewrite(template, folder / "cell_text_300mb.xlsx", {PERFORMANCE: big})


def cell_text_60mb(template: Path, folder: Path) -> Path:
    """One cell holding 60 MB of text: within the part's size limit, beyond a cell's."""

    def big() -> bytes:
        head = b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        return sheet("\0").replace(b"\0", head + b"x" * 60 * 2**20 + b"</t></is></c></row>")

    return rewrite(template, folder / "cell_text_60mb.xlsx", {PERFORMANCE: big})


def shared_string_50mb(template: Path, folder: Path) -> Path:
    """One shared string of 50 MB."""
    strings = f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
    return _with_shared_strings(
        template,
        folder / "shared_string_50mb.xlsx",
        strings + b"y" * 50 * 2**20 + b"</t></si></sst>",
    )


def rows_declared_500k(template: Path, folder: Path) -> Path:
    """A sheet declaring 500,000 rows (its dimension)."""
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>'
    data = sheet(rows, dimension="A1:B500000")
    return rewrite(template, folder / "rows_declared_500k.xlsx", {PERFORMANCE: data})


def row_900k(template: Path, folder: Path) -> Path:
    """A sheet whose dimension says A1 and whose last row is row 900,000."""
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000"><v>1</v></c></row>'
    )
    return rewrite(template, folder / "row_900k.xlsx", {PERFORMANCE: sheet(rows, "A1")})


def deep_nesting(template: Path, folder: Path) -> Path:
    """XML nested 5 million elements deep inside a sheet."""
    data = sheet("\0").replace(b"\0", b"<x>" * 5_000_000 + b"</x>" * 5_000_000)
    return rewrite(template, folder / "deep_nesting.xlsx", {PERFORMANCE: data})


def billion_laughs(template: Path, folder: Path) -> Path:
    """Entity expansion in workbook.xml (a few KB that expand to gigabytes)."""
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    with zipfile.ZipFile(template) as z:
        xml = z.read("xl/workbook.xml")
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    body = body.replace(b"<sheets>", b"<sheets>&lol9;", 1)
    return rewrite(
        template, folder / "billion_laughs.xlsx", {"xl/workbook.xml": bomb + b"]>" + body}
    )


def zip_bomb(template: Path, folder: Path) -> Path:
    """A 600 MB part of zeros, zipped to well under 1 MB."""
    out = folder / "zip_bomb.xlsx"
    rewrite(template, out, {})
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\0" * 2**20
            for _ in range(600):
                part.write(block)
    return out


def many_sheets(template: Path, folder: Path) -> Path:
    """A workbook.xml listing 200,000 sheets."""
    with zipfile.ZipFile(template) as z:
        xml = z.read("xl/workbook.xml")
    extra = b"".join(
        b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (k, k + 100) for k in range(200_000)
    )
    return rewrite(
        template,
        folder / "many_sheets.xlsx",
        {"xl/workbook.xml": xml.replace(b"</sheets>", extra + b"</sheets>", 1)},
    )


#: name -> (make the file, words the refusal must contain)
CASES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "styles_2m_xf": (styles_2m_xf, "MiB"),
    "styles_200k_xf": (styles_200k_xf, "cell formats"),
    "shared_strings_5m": (shared_strings_5m, "MiB"),
    "shared_strings_1m": (shared_strings_1m, "different texts"),
    "rows_99k_column_1000": (rows_99k_column_1000, "too large"),
    "one_row_3m_cells": (one_row_3m_cells, "too large"),
    "cell_text_300mb": (cell_text_300mb, "MiB"),
    "cell_text_60mb": (cell_text_60mb, "longer than a cell can hold"),
    "shared_string_50mb": (shared_string_50mb, "longer than a cell can hold"),
    "rows_declared_500k": (rows_declared_500k, "too large"),
    "row_900k": (row_900k, "too large"),
    "deep_nesting": (deep_nesting, "deep"),
    "billion_laughs": (billion_laughs, "refused for safety"),
    "zip_bomb": (zip_bomb, "MiB"),
    "many_sheets": (many_sheets, "MiB"),
}


def make_corpus(folder: Path) -> dict[str, Path]:
    """Write every case into ``folder`` (and the template they start from)."""
    from mcda_iso import write_template

    folder.mkdir(parents=True, exist_ok=True)
    template = write_template(folder / "template.xlsx", scenario="iso9001", overwrite=True)
    return {name: make(template, folder) for name, (make, _) in CASES.items()}


if __name__ == "__main__":
    for name, path in make_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")).items():
        print(f"{name:24s} {path.stat().st_size / 2**10:10,.0f} KiB  {path}")
