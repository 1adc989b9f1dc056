"""The ``Organisation`` sheet: the answers of ``mcda-iso assess`` in a workbook.

Layout: a title in A1, headers in row 3 (``answer``, ``value``, ``question``,
``valid range``), one answer per row from row 4. Column A holds the answer's key (see
:data:`mcda_iso.assessment.answers.QUESTIONS`), column B its value (empty: the default).
Two further kinds of row are read:

* ``judgment <goal> vs <goal>`` with a value on Saaty's scale (``3`` or ``1/3``): the
  goals' pairwise judgments (they replace the profile);
* ``model.<file>.<table>...`` with a value: an override of the model data, e.g.
  ``model.cost_model.rates.auditor_day_rate.value`` = 1450.

A share typed into a cell formatted as a percentage (``40 %``, stored as 0.4) is read as
40, like a share typed as the number 40.

Examples
--------
>>> import tempfile, pathlib
>>> from openpyxl import Workbook
>>> path = pathlib.Path(tempfile.mkdtemp()) / "org.xlsx"
>>> Workbook().save(path)
>>> rows = [("employees", 60, "Effective personnel", "1 to 1000000"),
...         ("tender_share", 40, "Share of revenue (%) won in public tenders", "0 to 100"),
...         ("judgment cost vs effort", "1/3", "", "")]
>>> write_organisation_sheet(path, "Answers for mcda-iso assess: Acme", rows)
>>> read_organisation_sheet(path)
{'employees': 60, 'tender_share': 40, 'judgments': [['cost', 'effort', '1/3']]}
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mcda_iso.errors import WorkbookError, shorten

__all__ = [
    "JUDGMENT_PREFIX",
    "MODEL_PREFIX",
    "ORGANISATION_SHEET",
    "read_organisation_sheet",
    "write_organisation_sheet",
]

#: Title of the sheet.
ORGANISATION_SHEET = "Organisation"

_HEADER_ROW = 3
#: Key prefixes of the judgment rows and the model-override rows.
JUDGMENT_PREFIX = "judgment "
MODEL_PREFIX = "model."


def write_organisation_sheet(
    path: str | os.PathLike[str], title: str, rows: Sequence[Sequence[Any]]
) -> None:
    """Add (or replace) the Organisation sheet of the workbook at ``path``.

    ``rows`` are ``(answer, value, question, valid range)``, as
    :func:`mcda_iso.assessment.answers.sheet_rows` makes them; ``title`` goes in A1. (The
    sheet's layout is defined here; what the answers mean is the business of
    :mod:`mcda_iso.assess`.)

    Raises
    ------
    WorkbookError
        The file is not a workbook openpyxl can open.
    """
    from openpyxl import load_workbook
    from openpyxl.styles import Font
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
        raise WorkbookError(f"cannot open workbook {Path(path).name}: {exc}") from exc
    if ORGANISATION_SHEET in wb.sheetnames:
        del wb[ORGANISATION_SHEET]
    ws = wb.create_sheet(ORGANISATION_SHEET)
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    for col, header in enumerate(("answer", "value", "question", "valid range"), start=1):
        cell = ws.cell(row=_HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True)
    for row, values in enumerate(rows, start=_HEADER_ROW + 1):
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
    for col, width in zip("ABCD", (34, 14, 90, 34), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


def _is_percent(cell: Any) -> bool:
    number = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
    return number and "%" in str(getattr(cell, "number_format", "") or "")


def read_organisation_sheet(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The answers on the workbook's Organisation sheet, as a mapping for ``Organisation``.

    Empty values are left out (the defaults apply). Values are returned as typed; the
    :class:`~mcda_iso.assessment.Organisation` built from them checks their ranges.

    Raises
    ------
    WorkbookError
        No Organisation sheet, a row without a key, a key given twice, or a judgment row
        whose key does not read ``judgment <goal> vs <goal>`` (the message names the cell).
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = Path(path).name
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
        raise WorkbookError(f"cannot open workbook {name}: {exc}") from exc
    try:
        if ORGANISATION_SHEET not in wb.sheetnames:
            raise WorkbookError(
                f"workbook {name} has no {ORGANISATION_SHEET!r} sheet with the answers "
                "(write one with `mcda-iso assess ... --output FILE.xlsx`)",
                sheet=ORGANISATION_SHEET,
            )
        ws = wb[ORGANISATION_SHEET]
        answers: dict[str, Any] = {}
        judgments: list[list[Any]] = []
        model: dict[str, Any] = {}
        # read every row first: an iteration left open would keep the file open
        rows = [tuple(r) for r in ws.iter_rows(min_row=_HEADER_ROW + 1, max_col=2)]
        for row, cells in enumerate(rows, start=_HEADER_ROW + 1):
            if len(cells) < 2:
                continue
            key, value = cells[0].value, cells[1].value
            if key is None and value is None:
                continue
            if _is_percent(cells[1]):
                value = value * 100  # a cell formatted as 40 % holds 0.4
            where = f"{ORGANISATION_SHEET}!A{row}"
            if not isinstance(key, str) or not key.strip():
                raise WorkbookError(
                    f"a value ({shorten(value)}) without an answer name in column A",
                    sheet=ORGANISATION_SHEET,
                    cell=where,
                )
            key = key.strip()
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if key.startswith(JUDGMENT_PREFIX):
                pair = key[len(JUDGMENT_PREFIX) :].split(" vs ")
                if len(pair) != 2:
                    raise WorkbookError(
                        f"judgment row {shorten(key)} must read 'judgment <goal> vs <goal>'",
                        sheet=ORGANISATION_SHEET,
                        cell=where,
                    )
                judgments.append([pair[0].strip(), pair[1].strip(), value])
            elif key.startswith(MODEL_PREFIX):
                parts = key[len(MODEL_PREFIX) :].split(".")
                here = model
                for part in parts[:-1]:
                    here = here.setdefault(part, {})
                here[parts[-1]] = value
            elif key in answers:
                raise WorkbookError(
                    f"answer {shorten(key)} is given twice", sheet=ORGANISATION_SHEET, cell=where
                )
            else:
                answers[key] = value
    finally:
        wb.close()
    if judgments:
        answers["judgments"] = judgments
    if model:
        answers["model"] = model
    return answers
