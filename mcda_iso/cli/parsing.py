"""The command line's parser: commands, options, and argument errors as one line."""

from __future__ import annotations

import argparse
import math
import typing
from typing import TYPE_CHECKING

from mcda_iso import __version__, i18n
from mcda_iso.errors import MCDAError

if TYPE_CHECKING:
    pass
from mcda_iso.cli.analysis import _cmd_report, _cmd_sensitivity
from mcda_iso.cli.commands import (
    _cmd_example,
    _cmd_profiles,
    _cmd_rank,
    _cmd_template,
    _cmd_validate,
)

# The library (numpy, pandas, openpyxl, ...) is imported inside the command handlers,
# so that ``mcda-iso --help`` and argument errors answer at once. The choices are
# therefore spelled out here; tests/test_cli.py checks them against the library's
# ranking.METHODS, topsis.NORMALIZATIONS and ranking.AGGREGATIONS.
_METHODS = ("topsis", "ahp")
_NORMALIZATIONS = ("vector", "minmax")
_AGGREGATIONS = ("aij", "aip")
_MODES = ("distributive", "ideal")
_SCALES = ("saaty", "balanced", "geometric")
_AHP_METHODS = ("eigenvector", "geometric_mean", "llsm")
_RI_TABLES = ("saaty", "alonso_lamata", "tummala_ling", "ahp_os")
_WEIGHT_DISTRIBUTIONS = ("dirichlet", "uniform", "experts")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit code 1, like every other error.

    argparse prints the usage and exits with 2; docs/cli.md promises one line starting
    with ``mcda-iso: error:`` and exit code 1, so an argument error reads like the rest,
    with a pointer to the command's help instead of the usage.
    """

    #: The command parsers by name (set on the top-level parser), so that an argument
    #: the command does not know is reported with that command's help.
    commands: dict[str, argparse.ArgumentParser]

    def parse_args(self, args: typing.Any = None, namespace: typing.Any = None) -> typing.Any:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            commands = getattr(self, "commands", {})
            owner = commands.get(getattr(parsed, "command", None) or "", self)
            owner.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def error(self, message: str) -> typing.NoReturn:
        line = " ".join(message.split())
        self.exit(1, f"mcda-iso: error: {line} (see {self.prog} --help)\n")


def _finite_number(text: str) -> float:
    """A number argument that must be finite (argparse's ``type=``): 1e400 is refused."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _file_name(text: str) -> str:
    """A file name argument: refused when empty (argparse's ``type=``)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the file name is empty; give a file name")
    return text


def command_of(argv: typing.Sequence[str]) -> str | None:
    """The command named in ``argv``: "" if none is, None if it cannot be told.

    The first word that is neither an option nor the value of ``--language``; a word
    that is not a command gives None (the whole parser is built and argparse explains).

    Examples
    --------
    >>> command_of(["--language", "de", "rank", "in.xlsx"])
    'rank'
    >>> command_of(["--help"])
    ''
    >>> command_of(["rnak"]) is None
    True
    """
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--language":
            skip = True
        elif not word.startswith("-"):
            return word if word in _COMMANDS else None
    return ""


_COMMANDS = frozenset(
    (
        "example",
        "profiles",
        "template",
        "validate",
        "sensitivity",
        "rank",
        "report",
        "assess",
        "survey",
        "collect",
    )
)


def _language(text: str) -> str:
    try:
        return i18n.resolve(text)
    except MCDAError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _language_option(p: argparse.ArgumentParser, default: typing.Any) -> None:
    p.add_argument(
        "--language",
        type=_language,
        default=default,
        metavar="LANG",
        help="language of the workbooks, report and messages: "
        + ", ".join(f"{k} ({v})" for k, v in i18n.NAMES.items())
        + "; default: the environment's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else en",
    )


def _ranking_options(p: argparse.ArgumentParser, *, aggregation: bool = False) -> None:
    p.add_argument(
        "--method", choices=_METHODS, default="topsis", help="ranking method (default: topsis)"
    )
    p.add_argument(
        "--normalization",
        choices=_NORMALIZATIONS,
        default="vector",
        help="TOPSIS normalisation (default: vector)",
    )
    p.add_argument(
        "--mode",
        choices=_MODES,
        default="distributive",
        help="AHP synthesis mode, with --method ahp (default: distributive)",
    )
    p.add_argument(
        "--scale",
        choices=_SCALES,
        default="saaty",
        help="the judgment scale the comparisons are read on (default: saaty)",
    )
    p.add_argument(
        "--ahp-method",
        choices=_AHP_METHODS,
        default="eigenvector",
        help="how priorities are derived from comparisons (default: eigenvector)",
    )
    p.add_argument(
        "--ri-table",
        choices=_RI_TABLES,
        default="saaty",
        help="random-index table of the consistency ratio; ahp_os gives AHP-OS's CR "
        "(default: saaty)",
    )
    if aggregation:
        p.add_argument(
            "--aggregation",
            choices=_AGGREGATIONS,
            default="aij",
            help="how several experts' comparisons are combined: aij = their judgments, "
            "aip = their priorities (default: aij; ignored with one Comparisons sheet)",
        )


def _monte_carlo_options(p: argparse.ArgumentParser, *, zero_leaves_out: bool = False) -> None:
    p.add_argument(
        "--samples",
        type=int,
        default=10_000,
        metavar="N",
        help="Monte Carlo weight samples (default: 10000"
        + ("; 0 leaves sensitivity analysis out)" if zero_leaves_out else ")"),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="S",
        help="random seed (default: a fresh one, recorded so the run can be repeated)",
    )
    p.add_argument(
        "--weights",
        choices=_WEIGHT_DISTRIBUTIONS,
        default=None,
        help="how weights are drawn: around yours (dirichlet), with no preference "
        "information (uniform), or around each expert's (experts; default: experts for a "
        "team's workbook, dirichlet otherwise)",
    )
    p.add_argument(
        "--concentration",
        type=_finite_number,
        default=50.0,
        metavar="C",
        help="how tightly drawn weights stay around yours (default: 50; larger is tighter)",
    )
    p.add_argument(
        "--uncertainty",
        type=_finite_number,
        default=0.0,
        metavar="U",
        help="relative uncertainty of every performance value, e.g. 0.1 for +/-10%% (default: 0)",
    )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``mcda-iso`` (exposed for documentation and tests).

    Parameters
    ----------
    command : str, optional
        The command about to be parsed (:func:`command_of`: "" for none, as in
        ``mcda-iso --help``), or None for the whole parser. Every command is listed
        whatever it is; the ``assess`` command's options for its answers (one per
        question, from :mod:`mcda_iso.assessment.answers`) are only built when
        ``command`` is ``"assess"`` or None, so that ``mcda-iso --help`` and the other
        commands do not import the question table.

    Examples
    --------
    >>> build_parser().parse_args(["profiles"]).command
    'profiles'
    >>> "--employees" in build_parser("assess").format_help()
    False
    >>> "--employees" in build_parser("assess").commands["assess"].format_help()
    True
    """
    parser = _Parser(
        prog="mcda-iso",
        description="Is ISO 9001 certification worth it for us? AHP weights + TOPSIS/AHP ranking.",
    )
    parser.add_argument("--version", action="version", version=f"mcda-iso {__version__}")
    _language_option(parser, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("example", help="rank the built-in ISO 9001 scenario")
    p.add_argument("--profile", default=None, help="organisation profile (see `mcda-iso profiles`)")
    _ranking_options(p)
    p.add_argument("--compare", action="store_true", help="also show TOPSIS and AHP side by side")
    p.set_defaults(func=_cmd_example)

    p = sub.add_parser("profiles", help="list the profiles of the built-in scenario")
    p.add_argument("--scenario", default="iso9001", help="scenario name or .toml path")
    p.set_defaults(func=_cmd_profiles)

    p = sub.add_parser("template", help="write an Excel workbook to fill in (see docs/workbook.md)")
    p.add_argument("output", metavar="OUT.xlsx", type=_file_name, help="the workbook to write")
    p.add_argument(
        "--scenario", default=None, help="pre-fill with a scenario (e.g. iso9001) or .toml path"
    )
    p.add_argument(
        "--profile", default=None, help="the scenario's profile (implies --scenario iso9001)"
    )
    p.add_argument(
        "--experts",
        nargs="+",
        metavar="NAME",
        default=None,
        help="a group decision: one 'Comparisons <NAME>' sheet per expert and an Experts sheet",
    )
    p.add_argument(
        "--compare-alternatives",
        nargs="+",
        metavar="CRITERION",
        default=None,
        help="criteria under which the alternatives are compared pairwise "
        "('Alternatives <CRITERION>' sheets; needs --scenario)",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="IN.xlsx",
        default=None,
        type=_file_name,
        help="regenerate from a filled workbook, keeping every value (never modified)",
    )
    p.add_argument(
        "--add-criterion",
        action="append",
        metavar="NAME[:benefit|cost]",
        default=None,
        help="add a top-level criterion (default kind: benefit); repeat for more",
    )
    p.add_argument(
        "--add-alternative",
        action="append",
        metavar="NAME",
        default=None,
        help="add an alternative; repeat for more",
    )
    p.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    p.set_defaults(func=_cmd_template)

    p = sub.add_parser("validate", help="list every problem in a filled workbook, by cell")
    p.add_argument(
        "input", metavar="IN.xlsx", type=_file_name, help="the workbook to check (never modified)"
    )
    p.add_argument(
        "--strict-scale", action="store_true", help="require judgments on Saaty's 1/9 .. 9 scale"
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "sensitivity",
        help="how firm is the ranking? weight thresholds, rank acceptability, other methods",
    )
    p.add_argument(
        "input",
        metavar="IN.xlsx",
        nargs="?",
        default=None,
        type=_file_name,
        help="the filled workbook",
    )
    p.add_argument("--scenario", default=None, help="analyse a built-in scenario (iso9001) instead")
    p.add_argument(
        "--profile", default=None, help="the scenario's profile (implies --scenario iso9001)"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.xlsx",
        default=None,
        type=_file_name,
        help="also write a results workbook with Sensitivity, Acceptability and Methods sheets",
    )
    p.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    _monte_carlo_options(p)
    _ranking_options(p, aggregation=True)
    p.set_defaults(func=_cmd_sensitivity)

    p = sub.add_parser("rank", help="rank a filled workbook and write a results workbook")
    p.add_argument(
        "input", metavar="IN.xlsx", type=_file_name, help="the filled workbook (never modified)"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.xlsx",
        default=None,
        type=_file_name,
        help="results workbook (default: IN-results.xlsx beside the input)",
    )
    _ranking_options(p, aggregation=True)
    p.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    machine = p.add_mutually_exclusive_group()
    machine.add_argument(
        "--csv", action="store_true", help="print the ranking as CSV (one row per alternative)"
    )
    machine.add_argument(
        "--json", action="store_true", help="print the ranking, weights and options as JSON"
    )
    p.add_argument(
        "--no-workbook", action="store_true", help="write no results workbook (print only)"
    )
    p.set_defaults(func=_cmd_rank)

    p = sub.add_parser(
        "report", help="write a self-contained HTML decision report from a filled workbook"
    )
    p.add_argument("input", metavar="IN.xlsx", type=_file_name, help="the filled workbook")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.html",
        type=_file_name,
        help="the report to write: .html, or .pdf (printed by Chromium) (default: IN.html)",
    )
    p.add_argument("--force", action="store_true", help="replace OUT.html if it exists")
    _ranking_options(p, aggregation=True)
    _monte_carlo_options(p, zero_leaves_out=True)
    p.add_argument("--title", default=None, help="the report's heading (default: Decision report)")
    p.add_argument("--question", default=None, help="the decision question, atop the summary")
    p.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="page size of a PDF (default a4)"
    )
    p.set_defaults(func=_cmd_report)
    from mcda_iso.cli import assess as cli_assess

    cli_assess.add_parser(sub, questions=command in (None, "assess"))
    from mcda_iso.cli import survey as cli_survey

    cli_survey.add_survey_parser(sub)
    cli_survey.add_collect_parser(sub)
    for command in sub.choices.values():  # --language before or after the command
        _language_option(command, argparse.SUPPRESS)
    parser.commands = dict(sub.choices)
    return parser
