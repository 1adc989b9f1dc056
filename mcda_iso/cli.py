"""The ``mcda-iso`` command line: parse, call the library, print, exit code.

Errors the library raises on purpose (:class:`~mcda_iso.MCDAError`) are
printed as one line on stderr with exit code 1; any other exception is a bug
and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from mcda_iso import __version__
from mcda_iso.errors import ConsistencyWarning, MCDAError
from mcda_iso.ranking import METHODS, compare, rank
from mcda_iso.scenarios import list_profiles, load_scenario

__all__ = ["build_parser", "main"]


def _cmd_example(args: argparse.Namespace) -> int:
    problem = load_scenario("iso9001", profile=args.profile)
    print(f"Built-in ISO 9001 scenario, profile: {args.profile or 'balanced'}")
    print("(performance ratings are illustrative assumptions: replace them with your own)\n")
    if args.compare:
        comparison = compare(problem, normalization=args.normalization)
        print(comparison.results[args.method])
        print("\nBoth methods side by side:")
        print(comparison)
        return 0
    print(rank(problem, method=args.method, normalization=args.normalization))
    return 0


def _cmd_profiles(args: argparse.Namespace) -> int:
    for key, description in list_profiles(args.scenario).items():
        print(f"{key}\t{description}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``mcda-iso`` (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="mcda-iso",
        description="Is ISO 9001 certification worth it for us? AHP weights + TOPSIS/AHP ranking.",
    )
    parser.add_argument("--version", action="version", version=f"mcda-iso {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("example", help="rank the built-in ISO 9001 scenario")
    p.add_argument("--profile", default=None, help="organisation profile (see `mcda-iso profiles`)")
    p.add_argument(
        "--method", choices=METHODS, default="topsis", help="ranking method (default: topsis)"
    )
    p.add_argument(
        "--normalization",
        choices=("vector", "minmax"),
        default="vector",
        help="TOPSIS normalisation (default: vector)",
    )
    p.add_argument("--compare", action="store_true", help="also show TOPSIS and AHP side by side")
    p.set_defaults(func=_cmd_example)

    p = sub.add_parser("profiles", help="list the profiles of the built-in scenario")
    p.add_argument("--scenario", default="iso9001", help="scenario name or .toml path")
    p.set_defaults(func=_cmd_profiles)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            # The consistency verdict is printed with the results; no second warning line.
            warnings.simplefilter("ignore", ConsistencyWarning)
            return int(args.func(args))
    except MCDAError as exc:
        print(f"mcda-iso: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"mcda-iso: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
