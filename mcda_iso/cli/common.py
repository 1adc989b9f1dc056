"""What several commands share: the input checked, read, the output checked, the ranking's
options, the judgments to revise printed."""

from __future__ import annotations

import argparse
import sys
import typing
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from mcda_iso.errors import MCDAError
from mcda_iso.i18n import gettext as _

if TYPE_CHECKING:
    from mcda_iso.ranking import Result


_RANK_OPTIONS = (
    "method",
    "normalization",
    "ahp_method",
    "ri_table",
    "aggregation",
    "mode",
    "scale",
)


def _input_file(text: str, *, exists: bool = True) -> Path:
    """The workbook to read, checked before any output name is derived from it.

    ``exists=False`` leaves a missing file to the reader (``validate`` lists it as a problem).
    """
    path = Path(text)
    if path.is_dir():
        raise MCDAError(f"{text} is a folder; give the workbook file to read (IN.xlsx)")
    if exists and not path.exists():
        raise MCDAError(f"{text}: no such file")
    return path


def _read(path: str | Path, notes: typing.TextIO = sys.stderr, **options: typing.Any) -> typing.Any:
    """``read_workbook``, printing each value read in a way its author may not expect (the
    date a spreadsheet made of 1/3 read as 1/3) as a note naming its cell."""
    from mcda_iso.errors import WorkbookWarning
    from mcda_iso.excel import read_workbook

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", WorkbookWarning)
        try:
            return read_workbook(path, **options)
        finally:
            for warning in caught:
                if isinstance(warning.message, WorkbookWarning):
                    print(f"note: {warning.message}", file=notes)
                else:
                    warnings.warn_explicit(
                        warning.message, warning.category, warning.filename, warning.lineno
                    )


def _checked_output(output: Path, source: str | None, force: bool) -> Path:
    """``output``, once sure that writing it loses nothing the user did not ask to replace."""
    if source is not None and output.resolve() == Path(source).resolve():
        raise MCDAError(
            _("{path} is the input workbook, which is never overwritten; choose another -o").format(
                path=output
            )
        )
    if output.is_dir():
        raise MCDAError(
            _("{path} is a folder; give -o the name of a file to write").format(path=output)
        )
    if output.exists() and not force:
        raise MCDAError(_("{path} already exists; use --force to replace it").format(path=output))
    return output


def _rank_kwargs(args: argparse.Namespace) -> dict[str, str]:
    """The ranking options the command was given, as keyword arguments of ``rank``."""
    return {name: getattr(args, name) for name in _RANK_OPTIONS if hasattr(args, name)}


def _print_revisions(result: Result) -> None:
    """The judgments to revise first in every inconsistent matrix, as the Result holds them."""
    revisions = result.revisions()
    if not revisions:
        return
    print(
        _("Judgments to revise first (the value that fits the other judgments, and the CR then):")
    )
    for label, judgments in revisions.items():
        print(f"  {label}:")
        for judgment in judgments:
            print(f"    {judgment}")
