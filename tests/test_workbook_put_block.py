"""styles.put_block writes exactly what styles.put writes, cell by cell (issue 14: the
writers fill their large sheets with it, and a workbook must not change by it)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from openpyxl.styles import Alignment

from mcda_iso import WorkbookError
from mcda_iso.workbook.styles import BOLD, INPUT_FILL, new_workbook, put, put_block

VALUES = [
    [1.5, 0, -3, True, math.nan],
    ["text", "=1+1", "+SUM(A1)", None, np.float64(2.25)],
    [np.int64(7), "", " spaced ", 1e300, None],
]
STYLE = {"fill": INPUT_FILL, "font": BOLD, "number_format": "0.000"}


def _cells(ws):
    return {
        key: (
            cell._value,
            cell.data_type,
            tuple(cell._style) if cell._style is not None else None,
        )
        for key, cell in ws._cells.items()
    }


def _same(a, b) -> bool:
    if a.keys() != b.keys():
        return False
    for key in a:
        (va, ta, sa), (vb, tb, sb) = a[key], b[key]
        nan = isinstance(va, float) and math.isnan(va)
        if (nan != (isinstance(vb, float) and math.isnan(vb))) or (not nan and va != vb):
            return False
        if type(va) is not type(vb) or ta != tb or sa != sb:
            return False
    return True


@pytest.mark.parametrize("skip_empty", [False, True])
def test_put_block_writes_what_put_writes(skip_empty: bool) -> None:
    by_block, by_put = new_workbook(), new_workbook()
    block, one = by_block.create_sheet("s"), by_put.create_sheet("s")
    put_block(block, 3, 2, VALUES, skip_empty=skip_empty, **STYLE)
    for r, row in enumerate(VALUES, start=3):
        for c, value in enumerate(row, start=2):
            if value is None and skip_empty:
                continue
            put(one, r, c, value, **STYLE)
    assert _same(_cells(block), _cells(one))
    assert block.max_row == one.max_row == 5
    # the style tables hold the same entries in the same order
    for table in ("_fills", "_fonts", "_number_formats", "_cell_styles"):
        assert list(getattr(by_block, table)) == list(getattr(by_put, table))


def test_put_block_over_written_cells_keeps_their_other_style() -> None:
    by_block, by_put = new_workbook(), new_workbook()
    for wb in (by_block, by_put):
        ws = wb.create_sheet("s")
        put(ws, 2, 2, "old", alignment=Alignment(horizontal="center"))
    put_block(by_block["s"], 2, 2, [[4.5, "x"]], fill=INPUT_FILL)
    put(by_put["s"], 2, 2, 4.5, fill=INPUT_FILL)
    put(by_put["s"], 2, 3, "x", fill=INPUT_FILL)
    assert _same(_cells(by_block["s"]), _cells(by_put["s"]))
    assert by_block["s"]["B2"].alignment.horizontal == "center"


def test_put_block_names_the_cell_of_a_control_character() -> None:
    ws = new_workbook().create_sheet("Alternatives")
    with pytest.raises(WorkbookError, match=r"Alternatives!C4"):
        put_block(ws, 3, 2, [[1.0, 2.0], [3.0, "bad\x01name"]])


def test_writers_give_the_garbage_collector_back(tmp_path) -> None:
    import gc

    from mcda_iso import Criterion, Problem, write_template

    bad = Problem(
        [Criterion("c", "benefit")], ["fine", "bad\x01name"], [[1.0], [2.0]], weights=[1.0]
    )
    assert gc.isenabled()
    with pytest.raises(WorkbookError, match="control characters"):
        write_template(tmp_path / "t.xlsx", bad)  # fails inside the paused section
    assert gc.isenabled()
    gc.disable()  # a caller's own choice is kept too
    try:
        write_template(tmp_path / "t.xlsx")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (["C2", "B3", "C2", "D4"], ["E5", "B3"]),  # single cells only: the quick way
        (["B2:B9"], ["B3", "C3"]),  # a cell inside a range already there
        (["C2", "B3"], ["B2:D4", "C2"]),  # a range over cells already there
        ([], []),
    ],
)
def test_add_refs_gives_the_cells_dv_add_gives(first: list[str], then: list[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    from mcda_iso.workbook.styles import add_refs

    quick, slow = DataValidation(type="list"), DataValidation(type="list")
    for refs in (first, then):
        add_refs(quick, refs)
        for ref in refs:
            slow.add(ref)
    assert str(quick.sqref) == str(slow.sqref)
    assert quick.sqref.ranges == slow.sqref.ranges
