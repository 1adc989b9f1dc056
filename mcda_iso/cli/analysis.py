"""Commands that analyse a ranking: sensitivity and report."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mcda_iso import i18n
from mcda_iso.errors import MCDAError
from mcda_iso.i18n import gettext as _

if TYPE_CHECKING:
    from mcda_iso.ranking import Result
    from mcda_iso.sensitivity import SensitivityReport
from mcda_iso.cli.commands import _default_profile
from mcda_iso.cli.common import _checked_output, _input_file, _rank_kwargs, _read


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
        mc = analysis.monte_carlo
        print(
            _(
                "Probability of being first (Monte Carlo, {samples} samples, seed {seed}): {share}"
            ).format(
                samples=f"{mc.samples:,}",
                seed=mc.seed,
                share=i18n.percent(float(mc.first.get(result.best, 0.0))),
            )
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
