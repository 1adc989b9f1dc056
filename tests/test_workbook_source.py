"""Tests for mcda_iso.workbook.source: files that are not workbooks, hostile files, limits."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from mcda_iso import (
    WorkbookError,
    load_scenario,
    rank,
)
from mcda_iso.workbook import (
    MAX_ROWS,
    read_workbook,
    validate_workbook,
    write_results,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        BOMB,
        _sheet_xml,
        digest,
        rewrite_zip,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        BOMB,
        _sheet_xml,
        digest,
        rewrite_zip,
    )


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet2.xml"])
def test_billion_laughs_is_refused_quickly(template: Path, tmp_path: Path, part: str) -> None:
    with zipfile.ZipFile(template) as z:
        xml = z.read(part)
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    body = body.replace(
        b"<sheetData>",
        b"<sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>&lol9;</t></is></c></row>",
        1,
    )
    bad = rewrite_zip(template, tmp_path / "bomb.xlsx", {part: BOMB + body})
    start = time.perf_counter()
    (error,) = validate_workbook(bad)
    assert time.perf_counter() - start < 2
    assert "not an Excel workbook" in error.message and "refused for safety" in error.message
    with pytest.raises(WorkbookError):
        read_workbook(bad)


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (b"", "empty (0 bytes)"),
        (os.urandom(4096), "not a zip archive"),
        (b"name,kind\ncredibility,benefit\n", "looks like text, e.g. CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old-style .xls"),
    ],
)
def test_not_a_workbook(tmp_path: Path, content: bytes, expect: str) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match="not an Excel workbook") as info:
        read_workbook(path)
    assert expect in str(info.value)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "hi")
    path = tmp_path / "x.xlsx"
    path.write_bytes(buffer.getvalue())
    (error,) = validate_workbook(path)
    assert "not an Excel workbook" in error.message


def test_missing_file(tmp_path: Path) -> None:
    (error,) = validate_workbook(tmp_path / "nope.xlsx")
    assert "no such file" in error.message


def test_absurdly_large_declared_sheet(template: Path, tmp_path: Path) -> None:
    big = _sheet_xml("A1:B500000", "<row r='1'><c r='A1'><v>1</v></c></row>")
    bad = rewrite_zip(template, tmp_path / "big.xlsx", {"xl/worksheets/sheet4.xml": big})
    (error,) = validate_workbook(bad)
    assert error.sheet == "Performance" and "too large" in error.message
    assert f"{MAX_ROWS:,} rows" in error.message


def test_absurdly_large_sheet_found_while_streaming(template: Path, tmp_path: Path) -> None:
    # The dimension lies (A1); a row far down is only found by streaming.
    rows = (
        "<row r='1'><c r='A1'><v>1</v></c></row><row r='900000'><c r='A900000'><v>1</v></c></row>"
    )
    bad = rewrite_zip(
        template, tmp_path / "big.xlsx", {"xl/worksheets/sheet4.xml": _sheet_xml("A1", rows)}
    )
    start = time.perf_counter()
    (error,) = validate_workbook(bad)
    assert time.perf_counter() - start < 3
    assert error.sheet == "Performance" and "too large" in error.message


def test_xlsm_read_without_macros(template: Path, tmp_path: Path) -> None:
    xlsm = rewrite_zip(template, tmp_path / "macro.xlsm", {"xl/vbaProject.bin": b"\0" * 64})
    assert read_workbook(xlsm) == load_scenario("iso9001", profile="balanced")


def test_reading_never_modifies_the_input(template: Path) -> None:
    before, mtime = digest(template), template.stat().st_mtime_ns
    read_workbook(template)
    validate_workbook(template)
    assert digest(template) == before and template.stat().st_mtime_ns == mtime


def test_bomb_memory_is_bounded(template: Path, tmp_path: Path) -> None:
    import tracemalloc

    with zipfile.ZipFile(template) as z:
        xml = z.read("xl/workbook.xml")
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    bad = rewrite_zip(template, tmp_path / "bomb.xlsx", {"xl/workbook.xml": BOMB + body})
    tracemalloc.start()
    try:
        errors = validate_workbook(bad)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "refused for safety" in errors[0].message
    assert peak < 20 * 2**20  # the expansion would be ~3 GB; a normal read needs a few MB


def test_zip_bomb_is_refused_before_unpacking(template: Path, tmp_path: Path) -> None:
    from mcda_iso.excel import MAX_UNPACKED_BYTES

    zeros = tmp_path / "zeros.xlsx"
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(zeros, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            z.writestr(item, zin.read(item.filename))
        with z.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\0" * 2**20
            for _ in range(MAX_UNPACKED_BYTES // len(block) + 1):
                part.write(block)
    assert zeros.stat().st_size < 2 * 2**20
    (error,) = validate_workbook(zeros)
    assert "too large for a decision workbook" in error.message and "MiB" in error.message


def test_xlsm_macros_are_not_kept_and_the_file_is_untouched(template: Path, tmp_path: Path) -> None:
    xlsm = rewrite_zip(template, tmp_path / "macro.xlsm", {"xl/vbaProject.bin": b"\0" * 64})
    before = digest(xlsm)
    problem = read_workbook(xlsm)
    assert digest(xlsm) == before
    out = write_results(tmp_path / "r.xlsx", rank(problem))
    with zipfile.ZipFile(out) as z:
        assert not any("vba" in name.lower() for name in z.namelist())


def test_unreadable_file_is_a_workbook_error(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    (error,) = validate_workbook(template)
    assert error.message == f"cannot read {template}: Permission denied"


# ----------------------------------------------------------------------------- issue 16


def _retitle(src: Path, dst: Path, old: str, new: str, *, hidden: bool = False) -> Path:
    """A copy whose sheet ``old`` is renamed ``new`` in workbook.xml (as another program
    may save it), optionally hidden."""
    with zipfile.ZipFile(src) as z:
        xml = z.read("xl/workbook.xml").decode()
    state = "hidden" if hidden else "visible"
    xml = xml.replace(
        f'name="{old}" sheetId="1" state="visible"', f'name="{new}" sheetId="1" state="{state}"', 1
    )
    return rewrite_zip(src, dst, {"xl/workbook.xml": xml.encode()})


@pytest.mark.parametrize(
    ("old", "new", "hidden"),
    [
        ("Instructions", "Performance ", True),  # a hidden copy LibreOffice re-saves
        ("Instructions", "comparisons", False),
    ],
)
def test_two_sheets_matching_one_name_are_refused_naming_both(
    template: Path, tmp_path: Path, old: str, new: str, hidden: bool
) -> None:
    """Titles are matched ignoring case and surrounding spaces; the last one used to win
    silently (a hidden 'Performance ' was read instead of the visible sheet)."""
    book = _retitle(template, tmp_path / "twice.xlsx", old, new, hidden=hidden)
    (error,) = validate_workbook(book)
    visible = new.strip().capitalize()
    assert repr(new) in error.message and repr(visible) in error.message
    assert "rename or delete one" in error.message
    with pytest.raises(WorkbookError, match="two sheets have one name"):
        read_workbook(book)


def test_bytes_and_file_objects_are_read_as_pandas_reads_them(template: Path) -> None:
    expected = load_scenario("iso9001", profile="balanced")
    data = template.read_bytes()
    assert read_workbook(data) == expected
    assert read_workbook(io.BytesIO(data)) == expected
    with template.open("rb") as handle:
        assert read_workbook(handle) == expected
    assert validate_workbook(bytearray(data)) == []


@pytest.mark.parametrize("source", [None, 5, 3.5, ["iso.xlsx"]])
def test_what_is_not_a_workbook_source_is_a_workbook_error(source: object) -> None:
    (error,) = validate_workbook(source)  # type: ignore[arg-type]
    assert "expected the path of an .xlsx workbook" in error.message
    assert type(source).__name__ in error.message
    with pytest.raises(WorkbookError):
        read_workbook(source)  # type: ignore[arg-type]


def test_a_text_file_object_is_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("name,kind\n")
    with (tmp_path / "t.txt").open() as handle:
        (error,) = validate_workbook(handle)  # type: ignore[arg-type]
    assert "binary mode ('rb')" in error.message


def test_a_5000_character_path_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 5000 + ".xlsx")
    (error,) = validate_workbook(path)
    assert error.message.startswith("cannot read ") and "5,0" in error.message
    assert len(error.message) < 600
    with pytest.raises(WorkbookError):
        read_workbook(str(path))


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("parts", "expect"),
    [
        (
            {
                "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": b"<office:document-content/>",
            },
            "OpenDocument file (.ods",
        ),
        (
            {
                "[Content_Types].xml": b"<Types/>",
                "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                b"openxmlformats.org/officeDocument/2006/relationships/officeDocument"
                b'" Target="xl/workbook.bin"/></Relationships>',
                "xl/workbook.bin": b"\0\1\2",
            },
            "binary workbook (.xlsb)",
        ),
        ({"word/document.xml": b"<w:document/>"}, "Word document"),
    ],
)
def test_other_zip_files_are_named_with_what_to_do(
    tmp_path: Path, parts: dict[str, bytes], expect: str
) -> None:
    (error,) = validate_workbook(_zip(tmp_path / "input.xlsx", parts))
    assert "not an Excel workbook" in error.message and expect in error.message
    assert "save it as" in error.message or "is an .xlsx file" in error.message


def test_a_workbook_named_csv_is_read_by_its_content(template: Path, tmp_path: Path) -> None:
    """What a file is comes from its content, not its name: an .xlsx renamed .csv is read."""
    renamed = tmp_path / "iso.csv"
    renamed.write_bytes(template.read_bytes())
    assert read_workbook(renamed) == load_scenario("iso9001", profile="balanced")


@pytest.mark.parametrize(
    ("stored", "expect"),
    [
        ("NaN", "the stored number 'NaN', which is not a number"),
        ("1e400", "a number too large to use"),
        ("1" * 400, "a number too large to use (400 digits)"),
    ],
)
def test_numbers_no_float_holds_are_reported_at_their_cell(
    template: Path, tmp_path: Path, stored: str, expect: str
) -> None:
    """<v>NaN</v> used to reject the file with "invalid literal for int()"; 1e400 was
    reported after everything else, without a cell."""
    with zipfile.ZipFile(template) as z:
        xml = z.read("xl/worksheets/sheet4.xml").decode()  # Performance
    start = xml.index('<c r="C4"')
    end = xml.index("</c>", start) + len("</c>")
    xml = xml[:start] + f'<c r="C4" t="n"><v>{stored}</v></c>' + xml[end:]
    book = rewrite_zip(template, tmp_path / "bad.xlsx", {"xl/worksheets/sheet4.xml": xml.encode()})
    errors = {e.cell: e.message for e in validate_workbook(book)}
    assert list(errors) == ["Performance!C4"], errors
    assert expect in errors["Performance!C4"]
