"""The survey commands of ``mcda-iso``: ``survey``, ``collect``, ``validate`` of a questionnaire.

Like :mod:`mcda_iso.cli`: parse, call the library, print, exit code. The library is
imported inside the handlers, so that ``mcda-iso --help`` stays fast.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="mcda-iso")
>>> sub = parser.add_subparsers(dest="command")
>>> add_survey_parser(sub); add_collect_parser(sub)
>>> args = parser.parse_args(["survey", "--profile", "balanced", "--experts", "CEO", "-o", "out"])
>>> args.experts, args.output
(['CEO'], 'out')
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcda_iso.errors import MCDAError

if TYPE_CHECKING:  # pragma: no cover
    from mcda_iso.problem import Problem

__all__ = [
    "add_collect_parser",
    "add_survey_parser",
    "file_stem",
    "is_questionnaire_file",
    "validate_questionnaire_file",
]

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{k}" for k in range(1, 10))}
_RESERVED |= {f"lpt{k}" for k in range(1, 10)}


def file_stem(name: str) -> str:
    """A safe file name (without ``.xlsx``) for an expert: letters, digits, ``-``, ``_``, ``.``.

    Examples
    --------
    >>> file_stem("Quality manager"), file_stem("R&D / Ops"), file_stem("con"), file_stem("../")
    ('Quality-manager', 'R-D-Ops', 'con-expert', 'expert')
    """
    stem = re.sub(r"[^\w.-]+", "-", name.strip(), flags=re.UNICODE).strip("-._")[:60]
    if not stem:
        return "expert"
    if stem.casefold().split(".")[0] in _RESERVED:
        stem += "-expert"
    return stem


def _file_names(experts: Sequence[str]) -> dict[str, str]:
    """Expert -> file name, distinct even when two names give the same safe stem."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for expert in experts:
        stem, k = file_stem(expert), 2
        name = f"{stem}.xlsx"
        while name.casefold() in used:
            name = f"{stem}-{k}.xlsx"
            k += 1
        used.add(name.casefold())
        out[expert] = name
    return out


def _decision(args: argparse.Namespace, what: str) -> tuple[Problem, str]:
    """The decision a command works on: a workbook, or a built-in scenario with --profile."""
    from mcda_iso.scenarios import load_scenario, read_scenario
    from mcda_iso.workbook.reader import read_workbook

    source = getattr(args, what)
    if source is not None and (args.scenario or args.profile):
        raise MCDAError(
            "give either a decision workbook or a built-in scenario (--profile), not both"
        )
    if source is not None:
        path = Path(source)
        if path.is_dir():
            raise MCDAError(f"{source} is a folder; give the decision workbook (.xlsx)")
        return read_workbook(path), path.stem
    if not (args.scenario or args.profile):
        raise MCDAError("give the decision workbook, or a built-in scenario with --profile NAME")
    scenario = args.scenario or "iso9001"
    parsed = read_scenario(scenario)
    profile = args.profile or parsed.default_profile
    return load_scenario(scenario, profile=profile), f"{parsed.title} (profile: {profile})"


def _cmd_survey(args: argparse.Namespace) -> int:
    from mcda_iso.workbook.questionnaire import write_questionnaire
    from mcda_iso.workbook.questionnaire_layout import question_sets

    problem, title = _decision(args, "input")
    title = args.title or title
    experts = [e.strip() for e in args.experts]
    seen: dict[str, str] = {}
    for expert in experts:
        if not expert:
            raise MCDAError("an expert's name is empty")
        if expert.casefold() in seen:
            raise MCDAError(f"expert {expert!r} is named twice in --experts")
        seen[expert.casefold()] = expert
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise MCDAError(f"{folder} is a file; -o names the folder to write the questionnaires in")
    names = _file_names(experts)
    if not args.force:
        existing = [folder / n for n in names.values() if (folder / n).exists()]
        if existing:
            listing = ", ".join(str(p) for p in existing)
            raise MCDAError(
                f"{listing} already exist{'s' if len(existing) == 1 else ''}; "
                "use --force to replace"
            )
    folder.mkdir(parents=True, exist_ok=True)
    sets = question_sets(problem)
    questions = sum(len(s.pairs) for s in sets)
    for expert in experts:
        path = write_questionnaire(
            folder / names[expert],
            problem,
            expert=expert,
            title=title,
            team=experts,
            overwrite=args.force,
        )
        print(f"  {expert}: {path}")
    sheets = ", ".join(s.sheet for s in sets)
    print(
        f"Wrote {len(experts)} questionnaire{'s' if len(experts) > 1 else ''} for {title!r} "
        f"({questions} questions on {sheets}) in {folder}"
    )
    print(
        "Send each expert their file; when they come back, run:\n"
        f"  mcda-iso collect {folder}/*.xlsx --into DECISION.xlsx -o TEAM.xlsx"
    )
    return 0


def _print_errors(errors: Sequence[Any], source: str) -> None:
    for error in errors:
        print(f"{error.location()}{error.message}")
    count = len(errors)
    print(f"{source}: {count} problem{'s' if count > 1 else ''} found", file=sys.stderr)


def _cmd_collect(args: argparse.Namespace) -> int:
    from mcda_iso.errors import WorkbookError
    from mcda_iso.workbook.collect import collect_questionnaires

    problem, _ = _decision(args, "into")
    into = Path(args.into) if args.into else None
    if args.output:
        output = Path(args.output)
    elif into is not None:
        output = into.with_name(f"{into.stem}-team.xlsx")
    else:
        raise MCDAError("give -o TEAM.xlsx, the decision workbook to write")
    inputs = [Path(p).resolve() for p in args.inputs]
    if (into is not None and output.resolve() == into.resolve()) or output.resolve() in inputs:
        raise MCDAError(f"{output} is an input, which is never overwritten; choose another -o")
    if output.exists() and not args.force:
        raise MCDAError(f"{output} already exists; use --force to replace it")
    try:
        collection = collect_questionnaires(args.inputs, problem, negconvert=args.negconvert)
    except WorkbookError as exc:
        for error in exc.errors:
            if error.location() or error.message != exc.message:  # the headline: once, below
                print(f"{error.location()}{error.message}")
        print(exc.message, file=sys.stderr)
        return 1
    print(collection.summary())
    path = collection.write(output, overwrite=args.force)
    print(f"\nTeam decision workbook: {path}")
    print(f"Next: mcda-iso rank {path}")
    return 0


def is_questionnaire_file(path: str) -> bool:
    """True when ``path`` is a questionnaire (``mcda-iso validate`` then checks it as one)."""
    from mcda_iso.workbook.questionnaire_reader import is_questionnaire

    return Path(path).suffix.lower() == ".xlsx" and is_questionnaire(path)


def validate_questionnaire_file(path: str) -> int:
    """``mcda-iso validate`` of one expert's questionnaire: every error by sheet and cell."""
    from mcda_iso.errors import WorkbookError
    from mcda_iso.workbook.questionnaire_reader import read_questionnaire, revision_text

    try:
        response = read_questionnaire(path)
    except WorkbookError as exc:
        _print_errors(exc.errors, path)
        return 1
    answered = sum(response.answered(s) for s in response.sets)
    total = sum(len(s.pairs) for s in response.sets)
    print(
        f"{path}: OK: questionnaire of {response.expert} for {response.title!r}, "
        f"{answered} of {total} questions answered"
    )
    if response.empty:
        return 0
    bad = 0
    for qset in response.sets:
        pri = response.priorities(qset)
        weights = ", ".join(f"{n} {w:.1%}" for n, w in zip(qset.names, pri.weights, strict=True))
        verdict = "consistent" if pri.consistent else "INCONSISTENT"
        bad += not pri.consistent
        print(f"  {qset.sheet}: weights {weights}")
        print(f"    CR = {pri.cr:.3f} (threshold {pri.threshold:.2f}): {verdict}")
        for judgment in response.revisions(qset):
            print("    revise " + revision_text(qset, judgment))
    if bad:
        print(
            f"warning: {bad} sheet{'s' if bad > 1 else ''} inconsistent; the file is valid, "
            "but the expert may want to revise the answers listed",
            file=sys.stderr,
        )
    return 0


def _source_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile", default=None, help="use the built-in scenario with this profile instead"
    )
    p.add_argument(
        "--scenario", default=None, help="a scenario name or .toml path (with or without --profile)"
    )


def add_survey_parser(sub: Any) -> None:
    """Register ``mcda-iso survey`` on the subparsers ``sub``."""
    p = sub.add_parser(
        "survey",
        help="write one questionnaire per expert (pairwise questions with live feedback)",
    )
    p.add_argument(
        "input", metavar="DECISION.xlsx", nargs="?", default=None, help="the decision workbook"
    )
    _source_options(p)
    p.add_argument(
        "--experts", nargs="+", metavar="NAME", required=True, help="the experts to survey"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FOLDER",
        default="survey",
        help="the folder to write the questionnaires in (default: survey)",
    )
    p.add_argument("--title", default=None, help="the decision's title shown to the experts")
    p.add_argument("--force", action="store_true", help="replace questionnaires that exist")
    p.set_defaults(func=_cmd_survey)


def add_collect_parser(sub: Any) -> None:
    """Register ``mcda-iso collect`` on the subparsers ``sub``."""
    p = sub.add_parser(
        "collect",
        help="read the returned questionnaires (or a survey CSV) into a team decision workbook",
    )
    p.add_argument(
        "inputs", metavar="FILE", nargs="+", help="returned questionnaires (.xlsx) or CSVs"
    )
    p.add_argument(
        "--into", metavar="DECISION.xlsx", default=None, help="the decision workbook surveyed"
    )
    _source_options(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="TEAM.xlsx",
        default=None,
        help="the team's decision workbook to write (default: DECISION-team.xlsx)",
    )
    p.add_argument(
        "--negconvert",
        action="store_true",
        help="CSV: a negative value means the FIRST of the pair A_B is more important "
        "(ahpsurvey's negconvert = TRUE); by default a negative value favours B",
    )
    p.add_argument("--force", action="store_true", help="replace TEAM.xlsx if it exists")
    p.set_defaults(func=_cmd_collect)
