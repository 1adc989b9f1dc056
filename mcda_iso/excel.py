"""Old import path of the workbook functions, kept so that users' imports keep working.

The code lives in the package :mod:`mcda_iso.workbook` (layout, reader, template
writer, results writer, styles); this module only re-exports its public names.

Examples
--------
>>> from mcda_iso.excel import read_workbook
>>> from mcda_iso.workbook import read_workbook as moved
>>> read_workbook is moved
True
"""

from mcda_iso.workbook import (
    EXPERT_PARENT_SEPARATOR,
    EXPERT_PREFIX,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    RATING_PREFIX,
    RECIPROCAL_TOLERANCE,
    SCALE_TOLERANCE,
    SHEETS,
    SUB_CRITERIA_PREFIX,
    read_workbook,
    validate_workbook,
    write_results,
    write_template,
)

__all__ = [
    "EXPERT_PARENT_SEPARATOR",
    "EXPERT_PREFIX",
    "MAX_COLUMNS",
    "MAX_ROWS",
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
