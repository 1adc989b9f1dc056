"""openpyxl's cell parser as the reader uses it: the reference for what a cell holds.

:class:`CellParser` reads the value cached by the program that saved the file (numbers,
dates, booleans, errors, shared and inline strings, exactly as openpyxl reads them),
keeps the formulas that have no cached value, and reports a number cell that does not
hold a number (``<v>NaN</v>``) as :class:`~mcda_iso.workbook.cells.BadNumber`. The
common cell (a number not shown as a date, or a shared string, with its reference and
no formula) is read directly, as openpyxl would.
"""

from __future__ import annotations

import warnings
from typing import Any

from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from mcda_iso.workbook.cells import BadNumber, is_blank

__all__ = ["CellParser"]


class CellParser(WorkSheetParser):
    """openpyxl's cell parser reading cached values, that also keeps the formulas of cells
    without a cached value (one pass serves both) and reports a number cell that does not
    hold a number (``NaN``) as such instead of failing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.formulas: dict[tuple[int, int], str] = {}
        self.calculated: set[tuple[int, int]] = set()  # cached as empty text (t="str")

    def parse_cell(self, element: Any) -> dict[str, Any]:
        fast = self._plain(element)
        if fast is not None:
            return fast
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")  # openpyxl's warning: a serial beyond dates
                cell = super().parse_cell(element)
            if caught and cell.get("data_type") == "e":
                # a number too large for a date in a cell formatted as a date: the number
                cell["value"] = float(element.findtext(VALUE_TAG) or "nan")
        except ValueError:
            text = element.findtext(VALUE_TAG) or ""
            if element.get("t", "n") != "n" or _is_number(text):
                raise
            cell = {"row": self.row_counter, "column": self.col_counter}
            cell["value"] = BadNumber(text)
        if element.find(FORMULA_TAG) is not None:
            formula = self.parse_formula(element)  # also records shared formulas
            if is_blank(cell["value"]) and isinstance(formula, str):
                self.formulas[cell["row"], cell["column"]] = formula
                if element.get("t") == "str":
                    self.calculated.add((cell["row"], cell["column"]))
        return cell

    def _plain(self, element: Any) -> dict[str, Any] | None:
        """The common cell read directly: a number (not shown as a date) or a shared string,
        with its reference and no formula; None for any other (openpyxl's parser reads it)."""
        ref, kind = element.get("r"), element.get("t")
        if ref is None or len(element) != 1 or element[0].tag != VALUE_TAG:
            return None
        text = element[0].text
        if kind == "s":
            value: Any = self.shared_strings[int(text)] if text is not None else None
        elif kind is None or kind == "n":
            style = element.get("s")
            if style and int(style) in self.date_formats:
                return None
            if text is None:
                value = None
            elif "." in text or "e" in text or "E" in text:
                value = float(text)
            elif text.isdigit() or (text[:1] == "-" and text[1:].isdigit()):
                value = int(text)
            else:
                return None  # NaN, inf and the like: the careful path says what they are
        else:
            return None
        letters = ref.rstrip("0123456789")
        column = _COLUMNS.get(letters) or _column(letters)
        self.col_counter = column
        return {"row": int(ref[len(letters) :]), "column": column, "value": value}


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    """Column number of ``AB``-style letters (remembered: a sheet repeats a few)."""
    number = column_index_from_string(letters)
    _COLUMNS[letters] = number
    return number


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return "n" not in text.lower()  # 'nan', 'inf' are not numbers a cell can hold
