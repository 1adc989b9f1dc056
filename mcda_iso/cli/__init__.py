"""The ``mcda-iso`` command line: parse, call the library, print, exit code.

Errors the library raises on purpose (:class:`~mcda_iso.MCDAError`) are
printed as one line on stderr with exit code 1; any other exception is a bug
and keeps its traceback.

Modules: :mod:`~mcda_iso.cli.parsing` (the parser), :mod:`~mcda_iso.cli.common`,
:mod:`~mcda_iso.cli.commands` (example, profiles, template, validate, rank),
:mod:`~mcda_iso.cli.analysis` (sensitivity, report), :mod:`~mcda_iso.cli.assess` and
:mod:`~mcda_iso.cli.survey` (survey, collect).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from mcda_iso import i18n
from mcda_iso.cli.parsing import build_parser, command_of
from mcda_iso.errors import SHORTEN_LIMIT, ConsistencyWarning, MCDAError, shorten
from mcda_iso.i18n import gettext as _

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_of(words)).parse_args(words)
    with i18n.using(getattr(args, "language", None)):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        with warnings.catch_warnings():
            # The consistency verdict is printed with the results; no second warning line.
            warnings.simplefilter("ignore", ConsistencyWarning)
            return int(args.func(args))
    except MCDAError as exc:
        print(_("mcda-iso: error: {message}").format(message=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        name = str(exc.filename or "")
        if len(name) > SHORTEN_LIMIT:  # a name too long for the system: its start is enough
            name = shorten(name)
        print(f"mcda-iso: error: {exc.strerror or exc}: {name}".rstrip(": "), file=sys.stderr)
        return 1
