"""Tests for mcda_iso.workbook.styles: text never written as a formula, safe saving."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from mcda_iso import (
    Alternative,
    Criterion,
    Problem,
    WorkbookError,
    load_scenario,
    rank,
)
from mcda_iso.workbook import (
    read_workbook,
    write_results,
    write_template,
)

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.workbook_helpers import (
        INJECTIONS,
        digest,
    )
except ImportError:  # pragma: no cover
    from workbook_helpers import (  # type: ignore[no-redef]
        INJECTIONS,
        digest,
    )


def test_formula_injection_is_written_as_text(tmp_path: Path) -> None:
    problem = Problem(
        [
            Criterion(INJECTIONS[0], "benefit", INJECTIONS[1], INJECTIONS[3]),
            Criterion("cost", "cost", INJECTIONS[2]),
        ],
        [Alternative(INJECTIONS[3], INJECTIONS[0]), Alternative(INJECTIONS[2])],
        [[8, 5], [6, 2]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )
    path = write_results(tmp_path / "r.xlsx", rank(problem))
    wb = openpyxl.load_workbook(path)
    checked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in INJECTIONS:
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    checked += 1
    assert checked >= 10
    assert wb["Criteria"]["A2"].value == INJECTIONS[0]
    assert wb["Alternatives"]["A2"].value == INJECTIONS[3]
    assert read_workbook(path) == problem


def test_refuses_to_overwrite(template: Path) -> None:
    before = digest(template)
    with pytest.raises(WorkbookError, match=r"already exists; pass overwrite=True \(or --force"):
        write_template(template, scenario="iso9001")
    with pytest.raises(WorkbookError, match="overwrite=True"):
        write_results(template, rank(load_scenario()))
    assert digest(template) == before
    write_template(template, scenario="iso9001", profile="small-business", overwrite=True)
    assert read_workbook(template) == load_scenario("iso9001", profile="small-business")


@pytest.mark.parametrize("gate", ["open", "closed"])
def test_atomic_write_keeps_the_old_file(
    template: Path, monkeypatch: pytest.MonkeyPatch, gate: str
) -> None:
    """A crash halfway through the archive (after the first parts are written), whether
    fast_rows writes the rows or openpyxl's own save does (both write through
    ExcelWriter.write_data into the zip file they opened)."""
    from openpyxl.writer.excel import ExcelWriter

    from mcda_iso.workbook import fast_rows

    before = digest(template)
    if gate == "closed":
        monkeypatch.setattr(openpyxl, "__version__", "3.2.0")
    assert (fast_rows.gate() is None) == (gate == "open")
    write_data = ExcelWriter.write_data
    written: list[str] = []

    def crash(self: ExcelWriter) -> None:
        self.write_worksheet = lambda ws: written.append(ws.title)  # type: ignore[method-assign]
        write_data(self)  # every part but the sheets
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(ExcelWriter, "write_data", crash)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        write_template(template, scenario="iso9001", overwrite=True)
    assert written  # the crash came after the save had started writing
    assert digest(template) == before
    assert sorted(p.name for p in template.parent.iterdir()) == [template.name]


def test_output_must_be_xlsx(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match=r"must end in \.xlsx"):
        write_template(tmp_path / "t.xlsm")


def test_written_file_permissions_follow_umask(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("path", [None, 5, 2.5, ["out.xlsx"]])
def test_a_path_that_is_not_a_path_is_refused_before_writing(path: object) -> None:
    with pytest.raises(WorkbookError, match="expected the path of the .xlsx file to write"):
        write_template(path)  # type: ignore[arg-type]
    with pytest.raises(WorkbookError, match=type(path).__name__):
        write_results(path, rank(load_scenario("iso9001")))  # type: ignore[arg-type]


def test_a_scenario_that_is_not_one_is_a_scenario_error(tmp_path: Path) -> None:
    from mcda_iso import ScenarioError

    with pytest.raises(ScenarioError, match=r"a Problem \(got int\)"):
        write_template(tmp_path / "t.xlsx", 123)  # type: ignore[arg-type]
    assert not (tmp_path / "t.xlsx").exists()


def test_style_cells_gives_each_cell_the_style_once_looked_up() -> None:
    from openpyxl.styles import Alignment, Font

    from mcda_iso.workbook.styles import INPUT_FILL, style_cells

    wb = openpyxl.Workbook()
    ws = wb.active
    cells = [ws.cell(row=r, column=c) for r in range(1, 4) for c in range(1, 4)]
    style_cells(cells, fill=INPUT_FILL, number_format="@", alignment=Alignment(horizontal="center"))
    assert all(c.fill == INPUT_FILL and c.number_format == "@" for c in cells)
    assert all(c.alignment.horizontal == "center" for c in cells)
    cells[0].font = Font(bold=True)  # each cell keeps its own style
    assert not any(c.font.bold for c in cells[1:])
