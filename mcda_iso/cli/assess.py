"""``mcda-iso assess``: is ISO 9001 worth it for us? (the subcommand and its handler).

Answers come from an answers file or workbook (``--answers``), from options (one per
answer, which replace the file's), or from the interactive interview (``--interactive``).
The command prints the ranking, the costs over one three-year cycle and the explanation,
and with ``--output`` writes the Problem and the answers to a workbook.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

__all__ = ["add_parser", "run"]


def _option(key: str) -> str:
    return "--" + key.replace("_", "-")


def add_parser(subparsers: Any, *, questions: bool = True) -> argparse.ArgumentParser:
    """Add the ``assess`` subcommand to ``subparsers`` (of :func:`mcda_iso.cli.build_parser`).

    With ``questions=False`` the options for the answers (one per question of
    :data:`~mcda_iso.assessment.answers.QUESTIONS`) are left out and the question
    table is not imported: the command is only listed (``mcda-iso --help``, or another
    command being parsed).
    """
    p = subparsers.add_parser(
        "assess",
        help="is ISO 9001 worth it for us? answers about the organisation in, a ranking out",
        description="Assess ISO 9001 certification and other quality programmes for one "
        "organisation: costs in currency and person-days over a three-year certification "
        "cycle (IAF MD 5 audit time), mandatory certificates as hard requirements, and the "
        "recommendation explained. See docs/assess.md.",
    )
    p.add_argument(
        "--answers",
        metavar="FILE",
        default=None,
        help="answers file (.toml or .json) or workbook with an Organisation sheet",
    )
    p.add_argument("--interactive", action="store_true", help="ask every answer in the terminal")
    group = p.add_argument_group("answers (each replaces the answers file's value)")
    if questions:
        _question_options(group)
    group.add_argument(
        "--judgment",
        dest="judgments",
        nargs=3,
        action="append",
        metavar=("GOAL", "OTHER", "VALUE"),
        default=None,
        help="a pairwise judgment of two goals (replaces the profile), e.g. "
        "--judgment 'market access' cost 3; repeat for every pair",
    )
    p.add_argument(
        "--output", metavar="OUT.xlsx", default=None, help="write the Problem and answers here"
    )
    p.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    p.add_argument(
        "--monte-carlo",
        type=int,
        default=0,
        metavar="N",
        help="also run N Monte Carlo samples with the model's performance uncertainty",
    )
    p.add_argument("--seed", type=int, default=None, help="seed of the Monte Carlo run")
    p.set_defaults(func=run)
    return p


def _question_options(group: Any) -> None:
    """One option per question of the answers table (``--employees N``, ...)."""
    # The questions module is light (no numpy, pandas or openpyxl).
    from mcda_iso.assessment.answers import QUESTIONS

    for q in QUESTIONS:
        extra: dict[str, Any] = {}
        if q.kind == "yes/no":
            extra = {"nargs": "?", "const": "yes", "metavar": "yes|no"}
        elif q.kind == "choice":
            extra = {"metavar": "{" + ",".join(q.choices) + "}"}
        else:  # what to type, not the internal destination's name
            metavar = {"int": "N", "number": "X", "percent": "PERCENT"}.get(q.kind, "TEXT")
            extra = {"metavar": metavar}
        group.add_argument(
            _option(q.key),
            dest=f"answer_{q.key}",
            default=None,
            help=f"{q.prompt} ({q.range_text()})".replace("%", "%%"),  # argparse formats help
            **extra,
        )


def run(args: argparse.Namespace) -> int:
    """Handle ``mcda-iso assess``; returns the exit code."""
    import pandas as pd

    from mcda_iso.assessment import Organisation, assess, read_answers
    from mcda_iso.assessment.answers import QUESTIONS
    from mcda_iso.assessment.interview import interview
    from mcda_iso.errors import AssessmentError

    given = {
        q.key: getattr(args, f"answer_{q.key}")
        for q in QUESTIONS
        if getattr(args, f"answer_{q.key}") is not None
    }
    if args.judgments:
        given["judgments"] = [list(j) for j in args.judgments]
    if args.interactive:
        if args.answers or given:
            raise AssessmentError(
                "--interactive asks every answer: give no answers file or options"
            )
        org = interview()
    elif args.answers:
        base = read_answers(args.answers)
        org = base
        if given:
            from dataclasses import fields

            merged = {f.name: getattr(base, f.name) for f in fields(base)}
            merged.update(given)
            org = Organisation.from_mapping(merged, "options")
    else:
        if "employees" not in given:
            raise AssessmentError(
                "give the answers: --answers FILE, --interactive, or at least --employees N "
                "(see mcda-iso assess --help)"
            )
        org = Organisation.from_mapping(given, "options")
    a = assess(org)
    cur = org.currency
    table = a.summary()
    shown = pd.DataFrame(
        {
            "rank": table["rank"].astype(int),
            "score": table["score"].map(lambda x: f"{x:.3f}"),
            f"cost ({cur}, 3 y)": table["cost"].map(lambda x: f"{x:,.0f}"),
            "person-days": table["person-days"].map(lambda x: f"{x:,.0f}"),
            "market access %": table["market access"].map(lambda x: f"{x:.0f}"),
        }
    )
    print(f"Is ISO 9001 worth it for {org.name}? ({org.employees} effective personnel)")
    print()
    print(shown.to_string())
    reasons = a.result.screening.reasons
    if reasons:
        print()
        print("Screened out:")
        for alt, why in reasons.items():
            print(f"  {alt}: {why}")
    print()
    print(f"Costs over one three-year certification cycle ({cur}; days are 8-hour days):")
    costs = a.costs.copy()
    print(costs.map(lambda x: f"{x:,.1f}").to_string())
    print()
    for line in a.explanation:
        print(textwrap.fill(line, width=100, subsequent_indent="  "))
    if args.monte_carlo:
        mc = a.monte_carlo(args.monte_carlo, args.seed)
        print()
        print(
            f"Monte Carlo ({args.monte_carlo} samples, performance ±"
            f"{a.performance_uncertainty:.0%}, seed {mc.seed}): share of samples ranked first"
        )
        for alt, share in mc.first.sort_values(ascending=False).items():
            print(f"  {alt}: {share:.1%}")
    if args.output:
        path = a.write(args.output, overwrite=args.force)
        print()
        print(f"wrote {path} (the Problem to edit and rank, and the answers on 'Organisation')")
    sys.stdout.flush()
    return 0
