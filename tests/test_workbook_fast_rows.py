"""Tests for mcda_iso.workbook.fast_rows: the same bytes as openpyxl's own save, part by part.

Each comparison builds the workbook twice, the same way, and saves one with the gate open
(rows written by fast_rows) and one with the gate closed (openpyxl's ``Workbook.save``, the
formulas' values added afterwards): saving one workbook twice would let the first save fix
what the second writes (the numbers of the cell styles are given while saving). The zip
archives are compared part by part (names in order, then each part's bytes), the time of
saving left out of ``docProps/core.xml``.
"""

from __future__ import annotations

import math
import random
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.formula import ArrayFormula

from mcda_iso import load_scenario, rank, write_questionnaire, write_results, write_template
from mcda_iso.workbook import fast_rows

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import team_problem
except ImportError:  # pragma: no cover
    from workbook_helpers import team_problem  # type: ignore[no-redef]

_SAVED_AT = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def parts(path: Path) -> list[tuple[str, bytes]]:
    """The archive's parts in order, without the times of ``docProps/core.xml``."""
    with zipfile.ZipFile(path) as archive:
        found = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return [(name, _SAVED_AT.sub(b"", data)) for name, data in found]


def assert_same(fast: Path, reference: Path) -> None:
    a, b = parts(fast), parts(reference)
    assert [name for name, _ in a] == [name for name, _ in b]
    for (name, mine), (_, theirs) in zip(a, b, strict=True):
        if mine != theirs:
            at = next(k for k in range(len(mine) + 1) if mine[k : k + 1] != theirs[k : k + 1])
            pytest.fail(
                f"{name} differs at byte {at}:\nfast:     {mine[at - 80 : at + 80]!r}\n"
                f"openpyxl: {theirs[at - 80 : at + 80]!r}"
            )


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often openpyxl's ``Workbook.save`` and fast_rows' row writer ran."""
    counts: Counter[str] = Counter()
    save, write_row = openpyxl.Workbook.save, fast_rows._RowWriter.write_row

    def counted_save(self: openpyxl.Workbook, filename: Any) -> None:
        counts["Workbook.save"] += 1
        save(self, filename)

    def counted_row(self: Any, *args: Any) -> None:
        counts["fast rows"] += 1
        write_row(self, *args)

    monkeypatch.setattr(openpyxl.Workbook, "save", counted_save)
    monkeypatch.setattr(fast_rows._RowWriter, "write_row", counted_row)
    return counts


def both_ways(
    write: Callable[[Path], object], tmp_path: Path, calls: Counter[str], **closing: Any
) -> tuple[Path, Path]:
    """``write`` with the gate open, then closed (``closing``: what closes it), checking
    which save each used."""
    assert fast_rows.gate() is None
    fast, reference = tmp_path / "fast.xlsx", tmp_path / "openpyxl.xlsx"
    write(fast)
    assert calls["fast rows"] > 0 and calls["Workbook.save"] == 0
    rows = calls["fast rows"]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (closing or {"__version__": "3.2.0"}).items():
            patch.setattr(openpyxl, name, value)
        assert fast_rows.gate() is not None
        write(reference)
    assert calls["Workbook.save"] == 1 and calls["fast rows"] == rows
    return fast, reference


def test_the_gate_is_open_with_the_pinned_versions() -> None:
    """If this fails after an update of openpyxl or et_xmlfile, the writers still work but
    slower: check fast_rows against the new version (these tests) and widen the gate."""
    assert fast_rows.gate() is None


# --------------------------------------------------------------------------- package


def _questionnaire(path: Path) -> None:
    """A questionnaire, saved by fast_rows.save (its writer calls openpyxl's save itself)."""
    from mcda_iso.workbook import questionnaire

    write_file = questionnaire.write_file

    def through_fast_rows(target: Path, save: Any, **options: Any) -> Path:
        return write_file(target, lambda temp: fast_rows.save(save.__self__, temp), **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(questionnaire, "write_file", through_fast_rows)
        write_questionnaire(path, load_scenario("iso9001"), expert="CEO", team=["CEO", "QM"])


def _sensitivity_results(path: Path) -> None:
    from mcda_iso.sensitivity import analyse

    result = rank(load_scenario("iso9001"))
    write_results(path, result, sensitivity=analyse(result, samples=500, seed=1))


WORKBOOKS: dict[str, Callable[[Path], object]] = {
    "blank template": lambda path: write_template(path),
    "iso9001 template": lambda path: write_template(path, "iso9001"),
    "template for experts": lambda path: write_template(path, "iso9001", experts=["Ann", "Bob"]),
    "alternatives compared": lambda path: write_template(
        path, "iso9001", compare_alternatives=["credibility", "market access"]
    ),
    "German template": lambda path: write_template(path, "iso9001", language="de"),
    "results": lambda path: write_results(path, rank(load_scenario("iso9001"))),
    "results with sensitivity": _sensitivity_results,
    "group results": lambda path: write_results(path, rank(team_problem())),
    "questionnaire": _questionnaire,
}


@pytest.mark.parametrize("name", WORKBOOKS)
def test_the_package_workbooks_are_openpyxl_s_bytes(
    name: str, tmp_path: Path, calls: Counter[str]
) -> None:
    fast, reference = both_ways(WORKBOOKS[name], tmp_path, calls)
    assert_same(fast, reference)
    if name == "iso9001 template":  # the label formulas' values written beside them
        sheets = [data for part, data in parts(fast) if part.startswith("xl/worksheets/sheet")]
        assert sum(data.count(b' t="str"><f>IF(') for data in sheets) > 20


def test_a_large_sheet_is_openpyxl_s_bytes(tmp_path: Path, calls: Counter[str]) -> None:
    """1,000 alternatives x 20 criteria: every cell of the Performance sheet by fast_rows."""
    from mcda_iso import Criterion, Problem

    rng = np.random.default_rng(5)
    problem = Problem(
        [Criterion(f"c{j} <&>", "benefit" if j % 3 else "cost") for j in range(20)],
        [f"alternative {k} & co " for k in range(1000)],
        rng.lognormal(size=(1000, 20)),
        weights=rng.uniform(1.0, 10.0, size=20),
    )
    fast, reference = both_ways(lambda path: write_template(path, problem), tmp_path, calls)
    assert calls["fast rows"] > 1000
    assert_same(fast, reference)


# --------------------------------------------------------------------------- every cell


class _Count(int):
    """An int of another type (openpyxl stores it as a number)."""


def _values() -> list[Any]:
    """A value of every kind a cell can hold (fresh objects each time)."""
    rich = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold & <x>"), " end "])
    return [
        0, 1, -7, 2**53 + 1, -(2**63), 12345678901234567890, _Count(3), True, False,
        1.5, -0.0, 0.0, 0.1 + 0.2, 1e-310, 5e-324, 1e300, -1e-5, 1e16, 123456789.123,
        math.pi, math.nan, math.inf, -math.inf, np.float64(2.5), np.int64(-3), Decimal("1.25"),
        "", "plain", " lead", "trail ", "  ", "\n", "a\r\nb", "tab\tx", "&<>\"'", "]]>",
        "ünï©ødé 中文 😀", "\ud800 lone surrogate", "#N/A as text?",
        "=SUM(A1:A3)", '=IF(A1="","",A1)', "=A1<>B1&\"<&>\"", "=", "==", "= ",
        "#N/A", "#DIV/0!",
        datetime(2024, 1, 2, 3, 4, 5, 6), date(2020, 5, 6), time(12, 30), timedelta(days=1.5),
        rich, ArrayFormula("K1:K2", "=SUM(B1:B2)"), None,
    ]  # fmt: skip


_SHOWN = ["", "x", " both ", "a & b < c > d", "ünï 中", "\n", "=not a formula"]


def _style(cell: Any, rng: random.Random) -> None:
    choice = rng.randrange(8)
    if choice == 0:
        cell.fill = PatternFill("solid", start_color=rng.choice(["FFFF00", "00FF00"]))
    elif choice == 1:
        cell.font = Font(bold=True, color="FF0000")
    elif choice == 2:
        cell.number_format = rng.choice(["0.00", "@", "yyyy-mm-dd"])
    elif choice == 3:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif choice == 4:
        cell.border = Border(bottom=Side(style="thin"))


def build(seed: int) -> tuple[openpyxl.Workbook, dict[str, dict[str, str]]]:
    """A random workbook (1 to 3 sheets) and values for some of its formulas."""
    rng = random.Random(seed)
    wb = openpyxl.Workbook()
    values: dict[str, dict[str, str]] = {}
    titles = ["Sheet", "two words", "it's"][: rng.randint(1, 3)]
    for k, title in enumerate(titles):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = title
        pool = _values()
        cells = [(rng.randint(1, 30), rng.randint(1, 12)) for _ in range(rng.randint(1, 150))]
        if rng.random() < 0.2:
            cells.append((1_048_576, 16_384))  # the last cell of a sheet: XFD1048576
        for r, c in cells:
            cell = ws.cell(r, c)
            value = rng.choice(pool)
            cell.value = value
            if isinstance(value, str) and rng.random() < 0.2:
                cell.data_type = rng.choice(["s", "f"])  # a formula as text; text as formula
            if cell.data_type == "f" and isinstance(value, str) and rng.random() < 0.7:
                values.setdefault(title, {})[cell.coordinate] = rng.choice(_SHOWN)
            if rng.random() < 0.5:
                _style(cell, rng)
            if rng.random() < 0.04:
                cell.comment = Comment(rng.choice(["note", "a & <b>"]), "me")
            if rng.random() < 0.04:
                cell.hyperlink = rng.choice(["http://example.com/?a=1&b=2", "#'two words'!A1"])
        for _ in range(rng.randint(0, 8)):  # styled empty cells
            _style(ws.cell(rng.randint(1, 35), rng.randint(1, 14)), rng)
        for _ in range(rng.randint(0, 3)):  # rows with dimensions (height, style, hidden)
            row = ws.row_dimensions[rng.randint(1, 35)]
            row.height = rng.choice([None, 30, 12.75])
            row.hidden = rng.random() < 0.3
            if rng.random() < 0.4:
                row.fill = PatternFill("solid", start_color="DDEBF7")
        if rng.random() < 0.3:
            ws.column_dimensions["B"].width = 20
        if rng.random() < 0.3:
            r = rng.randint(1, 30)
            ws.merge_cells(start_row=r, start_column=2, end_row=r + rng.randint(0, 2), end_column=4)
    return wb, values


def _save_both(seed: int, tmp_path: Path, calls: Counter[str]) -> tuple[Path, Path]:
    def write(path: Path) -> None:
        wb, values = build(seed)
        fast_rows.save(wb, path, values)

    return both_ways(write, tmp_path, calls)


@pytest.mark.parametrize("seed", range(120))
def test_random_sheets_are_openpyxl_s_bytes(seed: int, tmp_path: Path, calls: Counter[str]) -> None:
    assert_same(*_save_both(seed, tmp_path, calls))


def test_every_kind_of_cell_plain_styled_commented_and_linked(
    tmp_path: Path, calls: Counter[str]
) -> None:
    def write(path: Path) -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        for r, value in enumerate(_values(), start=1):
            for c in range(1, 5):
                if value is not None or c > 1:
                    ws.cell(r, c).value = value
            ws.cell(r, 2).fill = PatternFill("solid", start_color="FFF2CC")
            ws.cell(r, 3).comment = Comment(f"row {r}", "me")
            ws.cell(r, 4).hyperlink = f"http://example.com/{r}"
            ws.cell(r, 5).font = Font(italic=True)  # styled, empty
        ws.row_dimensions[3].height = 40
        ws.merge_cells("F1:G2")
        shown = {ws.cell(r, 1).coordinate: f"shown {r} <&>" for r in range(1, ws.max_row + 1)}
        fast_rows.save(wb, path, {"Sheet": shown})

    fast, reference = both_ways(write, tmp_path, calls)
    assert_same(fast, reference)
    sheet = dict(parts(fast))["xl/worksheets/sheet1.xml"]
    for written in (b't="n"><v>1.5</v>', b'xml:space="preserve"> lead</t>', b"<v>shown"):
        assert written in sheet  # each written by fast_rows itself


def test_a_number_openpyxl_cannot_write_is_refused_alike(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = 10**400
    with pytest.raises(OverflowError):
        wb.save(tmp_path / "openpyxl.xlsx")
    with pytest.raises(OverflowError):
        fast_rows.save(wb, tmp_path / "fast.xlsx")


# --------------------------------------------------------------------------- the gate


@pytest.mark.parametrize(
    ("closing", "reason"),
    [
        ({"__version__": "3.2.0"}, "openpyxl 3.2.0"),
        ({"__version__": "3.0.10"}, "openpyxl 3.0.10"),
        ({"LXML": True}, "lxml"),
    ],
)
def test_a_closed_gate_saves_by_openpyxl_the_same_bytes(
    closing: dict[str, Any], reason: str, tmp_path: Path, calls: Counter[str]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in closing.items():
            patch.setattr(openpyxl, name, value)
        assert reason in (fast_rows.gate() or "")
    assert_same(*both_ways(WORKBOOKS["iso9001 template"], tmp_path, calls, **closing))


def test_the_gate_checks_et_xmlfile(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import et_xmlfile

    monkeypatch.setattr(et_xmlfile, "__version__", "1.1.0")
    assert "et_xmlfile 1.1.0" in (fast_rows.gate() or "")
    monkeypatch.undo()

    class Writer:  # an et_xmlfile 2 whose writer keeps its output elsewhere
        def __init__(self, *args: Any) -> None:
            pass

    monkeypatch.setattr(sys.modules["et_xmlfile.xmlfile"], "_IncrementalFileWriter", Writer)
    assert "no raw output" in (fast_rows.gate() or "")


def test_write_only_workbooks_are_openpyxl_s(tmp_path: Path, calls: Counter[str]) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("x")
    ws.append([1.5, "a"])
    fast_rows.save(wb, tmp_path / "w.xlsx")
    assert calls == Counter({"Workbook.save": 1})
    assert openpyxl.load_workbook(tmp_path / "w.xlsx")["x"]["A1"].value == 1.5
