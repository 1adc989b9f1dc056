"""Excel workbooks: a template to fill in, a validating reader, a results workbook.

The only package of mcda_iso that imports openpyxl. Its modules follow the flow:

* :mod:`~mcda_iso.workbook.layout`: the sheet layout shared by reader and writers
  (sheet names and prefixes, 31-character titles, column headers);
* reading: :mod:`~mcda_iso.workbook.archive` (the file as bytes, its limits, checked
  before parsing), :mod:`~mcda_iso.workbook.source` (the workbook opened once, its
  sheets streamed), :mod:`~mcda_iso.workbook.cells` (cell values and tables),
  :mod:`~mcda_iso.workbook.inputs` (the input sheets),
  :mod:`~mcda_iso.workbook.groups` (experts' and alternatives' sheets), and
  :mod:`~mcda_iso.workbook.reader` (:func:`read_workbook`, :func:`validate_workbook`);
* writing: :mod:`~mcda_iso.workbook.styles` (cell styles, widths, notes, saving),
  :mod:`~mcda_iso.workbook.input_sheets` and
  :mod:`~mcda_iso.workbook.comparison_sheets` (the input sheets),
  :mod:`~mcda_iso.workbook.template` (:func:`write_template`) and
  :mod:`~mcda_iso.workbook.results` (:func:`write_results`, with
  ``results_consistency``, ``results_group`` and ``results_sensitivity``).

The workbook format (every sheet, column, allowed value and error message) is
described in ``docs/workbook.md``.

Examples
--------
>>> import tempfile, pathlib
>>> from mcda_iso import load_scenario
>>> from mcda_iso.workbook import read_workbook, write_template
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = write_template(folder / "iso.xlsx", scenario="iso9001", profile="small-business")
>>> read_workbook(path) == load_scenario("iso9001", profile="small-business")
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcda_iso.workbook.archive import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_STRINGS,
    MAX_STYLES,
    MAX_TEXT,
    MAX_UNPACKED_BYTES,
)
from mcda_iso.workbook.cells import RECIPROCAL_TOLERANCE, SCALE_TOLERANCE
from mcda_iso.workbook.layout import (
    EXPERT_PARENT_SEPARATOR,
    EXPERT_PREFIX,
    RATING_PREFIX,
    SHEETS,
    SUB_CRITERIA_PREFIX,
)
from mcda_iso.workbook.reader import read_workbook, validate_workbook
from mcda_iso.workbook.template import write_template

if TYPE_CHECKING:  # resolved on first use (below), for type checkers and the API docs
    from mcda_iso.workbook.results import write_results

__all__ = [
    "EXPERT_PARENT_SEPARATOR",
    "EXPERT_PREFIX",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_STRINGS",
    "MAX_STYLES",
    "MAX_TEXT",
    "MAX_UNPACKED_BYTES",
    "RATING_PREFIX",
    "RECIPROCAL_TOLERANCE",
    "SCALE_TOLERANCE",
    "SHEETS",
    "SUB_CRITERIA_PREFIX",
    "read_workbook",
    "validate_workbook",
    "write_results",
    "write_template",
]


def __getattr__(name: str) -> Any:
    """``write_results`` is imported when first used: it reads a Result, so loading it
    loads the ranking and the sensitivity analyses, which reading a workbook never needs."""
    if name == "write_results":
        from mcda_iso.workbook.results import write_results

        return write_results
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
