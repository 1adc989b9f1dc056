"""Helpers and fixtures shared by the tests of mcda_iso.workbook (test_workbook_*.py).

The fixtures are registered for every test module by tests/conftest.py.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from mcda_iso import (
    Alternative,
    Criterion,
    Problem,
    WorkbookError,
    load_scenario,
)
from mcda_iso.scale import format_judgment, parse_judgment
from mcda_iso.workbook import (
    read_workbook,
    validate_workbook,
    write_template,
)


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """The built-in scenario (balanced profile) as a filled workbook."""
    return write_template(tmp_path / "iso.xlsx", scenario="iso9001", profile="balanced")


def edit(path: Path, changes: dict[str, object], delete: tuple[str, ...] = ()) -> Path:
    """Set cells (``{"Sheet!B2": value}``) and delete sheets, the way a user would."""
    wb = openpyxl.load_workbook(path)
    for ref, value in changes.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    for sheet in delete:
        del wb[sheet]
    wb.save(path)
    return path


def errors_at(path: Path, **kwargs: bool) -> dict[str | None, str]:
    """``{cell or sheet: message}`` of every problem found."""
    return {(e.cell or e.sheet): e.message for e in validate_workbook(path, **kwargs)}


def reported_at(book: Path, changes: dict[str, object], delete: tuple[str, ...], cell: str) -> str:
    """Edit ``book`` as a user would; the message of the problem reported at ``cell``
    (which must be one), after checking that reading the workbook fails."""
    errors = errors_at(edit(book, changes, delete))
    assert cell in errors, errors
    with pytest.raises(WorkbookError):
        read_workbook(book)
    return errors[cell]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.pop(item.filename, None)
            zout.writestr(item, data if data is not None else zin.read(item.filename))
        for name, data in replace.items():
            zout.writestr(name, data)
    return dst


def small_problem(**kwargs: object) -> Problem:
    args: dict[str, object] = {
        "criteria": [
            Criterion("quality", "benefit", "how good", "1-10"),
            Criterion("cost", "cost"),
        ],
        "alternatives": [Alternative("A", "first"), Alternative("B")],
        "performance": [[8, 5], [6, 2]],
        "weights": [2.0, 1.0],
    }
    args.update(kwargs)
    return Problem(**args)  # type: ignore[arg-type]


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


def _sheet_xml(dimension: str, rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


INJECTIONS = ['=HYPERLINK("http://example.com","click")', "+1+1", "-2", "@SUM(A1)"]


def _with_cached_value(path: Path, sheet_part: str, formula: str, cached: str) -> Path:
    """Add the value a spreadsheet program caches beside a formula (openpyxl cannot)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read(sheet_part)
    pattern = f"<f>{formula}</f><v />".encode()
    assert pattern in xml, xml[:500]
    xml = xml.replace(pattern, f"<f>{formula}</f><v>{cached}</v>".encode())
    out = path.with_name(f"{path.stem}-cached.xlsx")
    return rewrite_zip(path, out, {sheet_part: xml})


def _libreoffice() -> str:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is missing although CI=true (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc); CI runs this")
    return exe


def _convert(src: Path, fmt: str, tmp_path: Path) -> Path:
    """Convert with a private LibreOffice profile (parallel runs do not share one)."""
    exe = _libreoffice()
    outdir = tmp_path / f"lo-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt]
    proc = subprocess.run(
        [*command, "--outdir", str(outdir), str(src)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = outdir / f"{src.stem}.{fmt}"
    assert proc.returncode == 0 and out.exists(), proc.stdout + proc.stderr
    return out


def _pdf_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


NAN = float("nan")


QM = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]


CEO = [[1, 1 / 2, NAN], [2, 1, 4], [NAN, 1 / 4, 1]]


def abc_problem(**args: object) -> Problem:
    """Criteria quality (benefit), cost (cost), speed (benefit) and alternatives A, B, C;
    ``args`` are the rest of :class:`Problem`'s arguments (or replace these)."""
    base: dict[str, object] = {
        "criteria": [
            Criterion("quality", "benefit"),
            Criterion("cost", "cost"),
            Criterion("speed", "benefit"),
        ],
        "alternatives": ["A", "B", "C"],
    }
    return Problem(**{**base, **args})  # type: ignore[arg-type]


def team_problem(**kwargs: object) -> Problem:
    return abc_problem(
        **{
            "performance": [[8, 5, 3], [6, 2, 4], [9, 8, 2]],
            "experts": {"Quality manager": QM, "CEO": CEO},
            "expert_weights": {"Quality manager": 2, "CEO": 1},
            **kwargs,
        }
    )


@pytest.fixture
def team_book(tmp_path: Path) -> Path:
    return write_template(tmp_path / "team.xlsx", team_problem())


def rated_problem(**kwargs: object) -> Problem:
    v = np.array([4.0, 2.0, 1.0])
    return abc_problem(
        **{
            "performance": pd.DataFrame({"cost": [5, 2, 8], "speed": [3, 4, 2]}, index=list("ABC")),
            "weights": [1, 1, 1],
            "alternative_comparisons": {"quality": v[:, None] / v[None, :]},
            **kwargs,
        }
    )


@pytest.fixture
def rated_book(tmp_path: Path) -> Path:
    return write_template(tmp_path / "rated.xlsx", rated_problem())


DETAILED = "iso9001_detailed"


@pytest.fixture
def tree_book(tmp_path: Path) -> Path:
    """The detailed scenario (cost and effort split into sub-criteria) as a workbook."""
    return write_template(tmp_path / "tree.xlsx", scenario=DETAILED, profile="balanced")


def _judgment_text(value: float) -> object:
    text = format_judgment(value)
    return text if parse_judgment(text) == value else float(value)


def tree_team_problem() -> Problem:
    """The detailed scenario judged by two experts: the quality manager as the scenario;
    the CEO rates credibility over market access higher, skips one cost comparison and
    finds documentation as important as surveillance."""
    base = load_scenario(DETAILED)
    qm = base.comparisons
    ceo = {parent: m.copy() for parent, m in qm.items()}
    ceo[None].loc["credibility", "market access"] = 3
    ceo[None].loc["market access", "credibility"] = 1 / 3
    ceo["cost"].iloc[0, 1] = ceo["cost"].iloc[1, 0] = NAN
    ceo["effort"].iloc[0, 2], ceo["effort"].iloc[2, 0] = 1, 1
    return base.replace(
        experts={"Quality manager": qm, "CEO": ceo},
        expert_weights={"Quality manager": 2, "CEO": 1},
    )


@pytest.fixture
def tree_team_book(tmp_path: Path) -> Path:
    return write_template(tmp_path / "tree-team.xlsx", tree_team_problem())


def _rows(ws: object) -> list[list[object]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]
