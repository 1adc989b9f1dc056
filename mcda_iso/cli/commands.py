"""Commands that rank: example, profiles, template, validate, rank."""

from __future__ import annotations

import argparse
import sys
import typing
from pathlib import Path
from typing import TYPE_CHECKING

from mcda_iso import i18n
from mcda_iso.errors import MCDAError
from mcda_iso.i18n import gettext as _

if TYPE_CHECKING:
    from mcda_iso.ranking import Result
from mcda_iso.cli.common import (
    _RANK_OPTIONS,
    _checked_output,
    _input_file,
    _print_revisions,
    _rank_kwargs,
    _read,
)


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


def _cmd_validate(args: argparse.Namespace) -> int:
    from mcda_iso.errors import WorkbookError
    from mcda_iso.ranking import rank

    _input_file(args.input, exists=False)
    from mcda_iso.cli import survey as cli_survey

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
