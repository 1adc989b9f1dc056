"""Hard requirements: screen out alternatives that fail a must-have before ranking.

TOPSIS and AHP are compensatory: a poor score on one criterion can be bought
back elsewhere. Requirements (per-criterion minimum and maximum) are not:
an alternative outside a bound is removed before ranking and reported with
the reason, never silently dropped.

Examples
--------
>>> from mcda_iso import load_scenario, screen
>>> p = load_scenario("iso9001").replace(requirements={"effort": {"maximum": 5}})
>>> s = screen(p)
>>> s.reasons["Lean"]
'effort is 6, above the maximum of 5'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mcda_iso.problem import Problem

__all__ = ["Screening", "screen"]

_COLUMNS = ["alternative", "criterion", "bound", "limit", "value"]


@dataclass(frozen=True, eq=False)
class Screening:
    """Which alternatives meet the requirements, and why the others do not.

    Attributes
    ----------
    passed : tuple of str
        Alternatives meeting every requirement, in the problem's order.
    failures : pandas.DataFrame
        One row per failed bound: ``alternative``, ``criterion``, ``bound``
        (``"minimum"`` or ``"maximum"``), ``limit``, ``value``.
    """

    passed: tuple[str, ...]
    failures: pd.DataFrame

    @property
    def screened_out(self) -> tuple[str, ...]:
        """Alternatives failing at least one requirement, in the problem's order."""
        return tuple(dict.fromkeys(self.failures["alternative"]))

    @property
    def reasons(self) -> dict[str, str]:
        """A reason per screened-out alternative, e.g. ``'effort is 6, above the maximum of 5'``."""
        out: dict[str, list[str]] = {}
        for row in self.failures.itertuples(index=False):
            side = "below the minimum" if row.bound == "minimum" else "above the maximum"
            out.setdefault(row.alternative, []).append(
                f"{row.criterion} is {row.value:g}, {side} of {row.limit:g}"
            )
        return {alt: "; ".join(parts) for alt, parts in out.items()}


def screen(problem: Problem) -> Screening:
    """Check every alternative against the problem's requirements (all pass if there are none)."""
    names = problem.alternative_names
    reqs = problem.requirements
    if reqs is None or reqs.empty:
        return Screening(passed=names, failures=pd.DataFrame(columns=_COLUMNS))
    perf = problem.performance
    rows = []
    for criterion, (low, high) in reqs[["minimum", "maximum"]].iterrows():
        values = perf[criterion].to_numpy()
        for bound, limit, bad in (
            ("minimum", low, values < low if not np.isnan(low) else np.zeros(len(values), bool)),
            ("maximum", high, values > high if not np.isnan(high) else np.zeros(len(values), bool)),
        ):
            for i in np.flatnonzero(bad):
                rows.append((names[i], criterion, bound, float(limit), float(values[i])))
    failures = pd.DataFrame(rows, columns=_COLUMNS)
    order = {name: i for i, name in enumerate(names)}
    failures = failures.sort_values("alternative", key=lambda s: s.map(order), kind="stable")
    failed = set(failures["alternative"])
    return Screening(
        passed=tuple(n for n in names if n not in failed), failures=failures.reset_index(drop=True)
    )
