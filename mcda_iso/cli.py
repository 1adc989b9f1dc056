"""The ``mcda-iso`` command line: parse, call the library, print, exit code.

Errors the library raises on purpose (:class:`~mcda_iso.MCDAError`) are
printed as one line on stderr with exit code 1; any other exception is a bug
and keeps its traceback.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import typing
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mcda_iso import __version__, i18n
from mcda_iso.errors import SHORTEN_LIMIT, ConsistencyWarning, MCDAError, shorten
from mcda_iso.i18n import gettext as _

if TYPE_CHECKING:
    from mcda_iso.ranking import Result
    from mcda_iso.sensitivity import SensitivityReport

__all__ = ["build_parser", "main"]

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


def _cmd_example(args: argparse.Namespace) -> int:
    from mcda_iso.ranking import compare, rank
    from mcda_iso.scenarios import load_scenario

    problem = load_scenario("iso9001", profile=args.profile)
    print(
        _("Built-in ISO 9001 scenario, profile: {profile}").format(
            profile=args.profile or "balanced"
        )
    )
    print(
        _("(performance ratings are illustrative assumptions: replace them with your own)") + "\n"
    )
    if args.compare:
        options = {k: v for k, v in _rank_kwargs(args).items() if k != "method"}
        comparison = compare(problem, **options)
        print(comparison.results[args.method])
        print("\nBoth methods side by side:")
        print(comparison)
        return 0
    print(rank(problem, **_rank_kwargs(args)))
    return 0


def _cmd_profiles(args: argparse.Namespace) -> int:
    from mcda_iso.scenarios import list_profiles

    for key, description in list_profiles(args.scenario).items():
        print(f"{key}\t{description}")
    return 0


def _default_profile(scenario: str) -> str:
    """The profile a scenario uses when none is given, by its name (as `profiles` lists it)."""
    from mcda_iso.scenarios import read_scenario

    return read_scenario(scenario).default_profile


def _cmd_template(args: argparse.Namespace) -> int:
    from mcda_iso.excel import write_template

    if args.scenario and Path(args.scenario).suffix.lower() in (".xlsx", ".xlsm"):
        raise MCDAError(
            f"--scenario takes a built-in scenario or a .toml file, and {args.scenario} is a "
            f"workbook: to regenerate a template from it, use --from {args.scenario}"
        )
    if args.source and (args.scenario or args.profile):
        raise MCDAError("give --from WORKBOOK.xlsx or --scenario/--profile, not both")
    scenario: typing.Any = args.scenario or ("iso9001" if args.profile else None)
    if args.source:
        scenario = _read(_input_file(args.source))
    if args.compare_alternatives and scenario is None:
        raise MCDAError(
            "--compare-alternatives needs the alternatives' names: add --scenario iso9001 (or "
            "--profile NAME), or --from YOUR.xlsx; in a blank template, name the alternatives "
            "first, then add a sheet 'Alternatives <criterion>' (see docs/workbook.md)"
        )
    if (args.add_criterion or args.add_alternative) and scenario is None:
        raise MCDAError(
            "--add-criterion and --add-alternative extend a workbook or a scenario: add --from "
            "YOUR.xlsx (or --scenario); a blank template has empty rows for every name already"
        )
    _checked_output(Path(args.output), args.source, args.force)
    path = write_template(
        args.output,
        scenario,
        profile=args.profile,
        overwrite=args.force,
        experts=args.experts,
        compare_alternatives=args.compare_alternatives or (),
        add_criteria=args.add_criterion or (),
        add_alternatives=args.add_alternative or (),
    )
    if scenario is None:
        print(_("Wrote a blank workbook: {path}").format(path=path))
    elif args.source:
        added = [*(args.add_criterion or ()), *(args.add_alternative or ())]
        print(_("Wrote {path}, with every value of {source}").format(path=path, source=args.source))
        if added:
            print(
                _("Added (their cells are empty, to fill in): {names}").format(
                    names=", ".join(added)
                )
            )
    else:
        profile = args.profile or _default_profile(scenario)
        print(
            _("Wrote {path}, pre-filled with scenario {scenario} (profile: {profile})").format(
                path=path, scenario=scenario, profile=profile
            )
        )
    print(_("Fill the yellow cells, then run: mcda-iso validate {path}").format(path=path))
    return 0


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


def _cmd_validate(args: argparse.Namespace) -> int:
    from mcda_iso.errors import WorkbookError
    from mcda_iso.ranking import rank

    _input_file(args.input, exists=False)
    from mcda_iso import cli_survey

    if cli_survey.is_questionnaire_file(args.input):  # one expert's questionnaire
        return cli_survey.validate_questionnaire_file(args.input)
    try:
        problem = _read(args.input, strict_scale=args.strict_scale, notes=sys.stdout)
    except WorkbookError as exc:
        for error in exc.errors:
            print(f"{error.location()}{error.message}")
        count = len(exc.errors)
        found = i18n.ngettext(
            "{file}: {count} problem found", "{file}: {count} problems found", count
        )
        print(found.format(file=args.input, count=count), file=sys.stderr)
        return 1
    result = rank(problem, **_rank_kwargs(args))
    priorities = result.ahp
    consistent, inconsistent = _("consistent"), _("INCONSISTENT, revise before ranking")
    if priorities is None:
        source = _("weights typed directly")
    else:
        verdict = consistent if priorities.consistent else inconsistent
        source = _("pairwise comparisons, CR = {cr} ({verdict})").format(
            cr=i18n.number(priorities.cr), verdict=verdict
        )
        if problem.experts:
            source = _("{count} experts' {source} (group matrix)").format(
                count=len(problem.experts), source=source
            )
    print(
        _("{file}: OK: {criteria} criteria, {alternatives} alternatives; {source}").format(
            file=args.input,
            criteria=len(problem.criteria),
            alternatives=len(problem.alternatives),
            source=source,
        )
    )
    matrices = result.comparison_matrices
    if len(matrices) > 1 or (matrices and priorities is None):
        print(_("Consistency of each comparison matrix:"))
        for entry in matrices:
            pri = entry.priorities
            verdict = consistent if pri.consistent else inconsistent
            line = _("{label} ({n}x{n}): CR = {cr} (threshold {threshold}): {verdict}").format(
                label=entry.label,
                n=pri.n,
                cr=i18n.number(pri.cr),
                threshold=i18n.number(pri.threshold, 2),
                verdict=verdict,
            )
            print(f"  {line}")
    _print_revisions(result)
    bad = sum(not entry.priorities.consistent for entry in matrices)
    if bad:
        print(
            _(
                "warning: {bad} of {count} comparison matrices inconsistent; the workbook is "
                "valid, but revise them before relying on a ranking"
            ).format(bad=bad, count=len(matrices)),
            file=sys.stderr,
        )
    return 0


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


def _cmd_rank(args: argparse.Namespace) -> int:
    from mcda_iso.excel import write_results
    from mcda_iso.ranking import rank

    source = _input_file(args.input)
    if args.no_workbook and args.output:
        raise MCDAError("--no-workbook writes no results workbook, so -o has nothing to name")
    output = None
    if not args.no_workbook:
        output = _checked_output(
            Path(args.output) if args.output else source.with_name(f"{source.stem}-results.xlsx"),
            args.input,
            args.force,
        )
    result = rank(_read(source), **_rank_kwargs(args))
    machine = args.csv or args.json
    if args.csv:
        sys.stdout.write(result.to_csv())
    elif args.json:
        print(_result_json(result))
    else:
        print(result)
        _print_revisions(result)
    if output is not None:
        path = write_results(output, result, overwrite=args.force)
        print(
            "\n" + _("Results workbook: {path}").format(path=path),
            file=sys.stderr if machine else sys.stdout,
        )
    return 0


def _result_json(result: Result) -> str:
    """The ranking as JSON: the options, the weights, and one record per alternative."""
    import json

    frame = result.to_frame()
    rows = json.loads(frame.reset_index().to_json(orient="records"))
    document = {
        "options": {k: getattr(result.options, k) for k in _RANK_OPTIONS},
        "best": result.best,
        "recommendation": result.recommendation(),
        "weights": {k: float(v) for k, v in result.weights.items()},
        "consistency_ratio": None if result.ahp is None else float(result.ahp.cr),
        "alternatives": rows,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


#: The options of ``rank`` a command passes on (and ``rank --json`` reports).
_RANK_OPTIONS = (
    "method",
    "normalization",
    "ahp_method",
    "ri_table",
    "aggregation",
    "mode",
    "scale",
)


def _rank_kwargs(args: argparse.Namespace) -> dict[str, str]:
    """The ranking options the command was given, as keyword arguments of ``rank``."""
    return {name: getattr(args, name) for name in _RANK_OPTIONS if hasattr(args, name)}


def _analyse(result: Result, args: argparse.Namespace) -> SensitivityReport:
    """Sensitivity analysis of the ranking made, with the command's Monte Carlo options.

    A progress bar goes to stderr when the Monte Carlo run promises to take over 2 s.
    """
    from mcda_iso import sensitivity

    start = time.monotonic()
    shown = [-1]  # last percentage drawn; -1: no bar yet

    def progress(done: int, total: int) -> None:
        elapsed = time.monotonic() - start
        if shown[0] < 0 and (done >= total or elapsed * total / done < 2.0):
            return
        percent = 100 * done // total
        if percent == shown[0]:
            return
        shown[0] = percent
        bar = "#" * (30 * done // total)
        left = elapsed * (total - done) / done
        print(
            f"\rMonte Carlo [{bar:.<30}] {percent:3d}%  {left:4.0f} s left",
            end="\n" if done >= total else "",
            file=sys.stderr,
            flush=True,
        )

    return sensitivity.analyse(
        result,
        samples=args.samples,
        seed=args.seed,
        weights=args.weights,
        concentration=args.concentration,
        performance_uncertainty=args.uncertainty,
        progress=progress,
    )


def _cmd_report(args: argparse.Namespace) -> int:
    from mcda_iso.ranking import rank
    from mcda_iso.report import write_report

    if args.samples < 0:
        raise MCDAError(
            f"--samples must be 0 (no sensitivity analysis) or more (got {args.samples})"
        )
    source = _input_file(args.input)
    output = _checked_output(
        Path(args.output) if args.output else source.with_suffix(".html"),
        args.input,
        args.force,
    )
    result = rank(_read(args.input), **_rank_kwargs(args))
    analysis, note = None, None
    if args.samples > 0 and len(result.ranks) < 2:
        print(_("Sensitivity analysis left out: only one alternative meets the requirements."))
    elif args.samples > 0 and len(result.weights) < 2:
        print(_("Sensitivity analysis left out: there is only one criterion."))
    elif args.samples > 0:
        try:
            analysis = _analyse(result, args)
        except MCDAError as exc:  # the report says why, in words; the ranking still stands
            note = str(exc)
            print(_("Sensitivity analysis left out: {reason}").format(reason=note))
    write_report(
        output,
        result,
        analysis,
        overwrite=args.force,
        title=args.title,
        question=args.question,
        sensitivity_note=note,
        paper=args.paper,
    )
    print(result.recommendation())
    if analysis is not None:
        print(
            f"Probability of being first (Monte Carlo, {analysis.monte_carlo.samples:,} samples, "
            f"seed {analysis.monte_carlo.seed}): "
            f"{analysis.monte_carlo.first.get(result.best, 0.0):.1%}"
        )
    print(_("Report written to {path}").format(path=output))
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from mcda_iso.excel import write_results
    from mcda_iso.ranking import rank
    from mcda_iso.scenarios import load_scenario

    if (args.input is None) == (args.scenario is None and args.profile is None):
        raise MCDAError(
            "give either a workbook (mcda-iso sensitivity IN.xlsx) or a built-in scenario "
            "(--scenario iso9001 --profile NAME), not both"
            if args.input
            else "give a workbook (IN.xlsx) or a built-in scenario (--scenario iso9001)"
        )
    if args.samples < 1:
        raise MCDAError(f"--samples must be a positive number of samples (got {args.samples})")
    if args.input is not None:
        _input_file(args.input)
    output = _checked_output(Path(args.output), args.input, args.force) if args.output else None
    if args.input:
        problem = _read(args.input)
    else:
        problem = load_scenario(args.scenario or "iso9001", profile=args.profile)
        profile = args.profile or _default_profile(args.scenario or "iso9001")
        print(
            _("Built-in scenario {scenario}, profile: {profile}").format(
                scenario=args.scenario or "iso9001", profile=profile
            )
        )

    result = rank(problem, **_rank_kwargs(args))
    report = _analyse(result, args)
    print(report)
    seed = report.monte_carlo.seed
    print(
        "\n"
        + _("(Monte Carlo seed {seed}: add --seed {seed} to repeat these numbers exactly)").format(
            seed=seed
        )
    )
    if output is not None:
        path = write_results(output, result, overwrite=args.force, sensitivity=report)
        print(_("Results workbook: {path}").format(path=path))
    return 0


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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``mcda-iso`` (exposed for documentation and tests)."""
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
    from mcda_iso import cli_assess

    cli_assess.add_parser(sub)
    from mcda_iso import cli_survey

    cli_survey.add_survey_parser(sub)
    cli_survey.add_collect_parser(sub)
    for command in sub.choices.values():  # --language before or after the command
        _language_option(command, argparse.SUPPRESS)
    parser.commands = dict(sub.choices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
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
