"""Extending a decision: new criteria and alternatives added to a problem's template.

``mcda-iso template new.xlsx --from decision.xlsx --add-criterion risk:cost`` reads the
workbook, and :func:`extended` adds the new names to its :class:`~mcda_iso.Problem`
with placeholder values (1: a performance of 1, a judgment of "equal", a weight of 1),
so that every sheet gets their rows and columns exactly as the writer lays out any
criterion or alternative; :func:`clear_placeholders` then empties those cells in the
written workbook, so that nothing is made up: the new cells are empty and yellow,
waiting for the user's numbers and judgments (``validate`` lists them).

Examples
--------
>>> from mcda_iso import load_scenario
>>> problem = extended(load_scenario("iso9001"), [("risk", "cost")], ["ISO 14001"])
>>> problem.criterion_names[-1], problem.alternative_names[-1]
('risk', 'ISO 14001')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from openpyxl.workbook import Workbook

from mcda_iso.errors import ProblemError
from mcda_iso.problem import KINDS, Criterion, Problem
from mcda_iso.workbook.cells import cell_name
from mcda_iso.workbook.layout import EXPERTS_SHEET

__all__ = ["clear_placeholders", "extended", "parse_new_criterion"]

#: Sheets holding the names themselves: nothing there is a placeholder.
_NAME_SHEETS = frozenset({"instructions", "criteria", "alternatives", EXPERTS_SHEET.casefold()})


def parse_new_criterion(text: str) -> tuple[str, str]:
    """``"risk:cost"`` -> ``("risk", "cost")``; ``"risk"`` is a benefit criterion.

    Examples
    --------
    >>> parse_new_criterion("risk:cost"), parse_new_criterion("image")
    (('risk', 'cost'), ('image', 'benefit'))
    """
    name, sep, kind = text.rpartition(":")
    if not sep or kind.strip() not in KINDS:
        name, kind = text, "benefit"
    name, kind = name.strip(), kind.strip()
    if not name:
        raise ProblemError(
            f"a new criterion needs a name, as NAME or NAME:benefit or NAME:cost (got {text!r})"
        )
    return name, kind


def _grown(frame: pd.DataFrame, rows: Sequence[str], cols: Sequence[str]) -> pd.DataFrame:
    return frame.reindex(
        index=[*frame.index, *rows], columns=[*frame.columns, *cols], fill_value=1.0
    )


def _square(matrix: object, names: Sequence[str]) -> object:
    """A comparison matrix (or a hierarchy's dict of them: the top level grows)."""
    if isinstance(matrix, dict):
        return {k: (_square(m, names) if k is None else m) for k, m in matrix.items()}
    if isinstance(matrix, pd.DataFrame):
        return _grown(matrix, names, names)
    return matrix


def extended(
    problem: Problem,
    criteria: Iterable[tuple[str, str]] = (),
    alternatives: Iterable[str] = (),
) -> Problem:
    """``problem`` with new top-level criteria ``(name, kind)`` and new alternatives,
    every value about them a placeholder 1 (to be emptied by :func:`clear_placeholders`).

    Raises
    ------
    ProblemError
        A new name is already used (the message names it).
    """
    new_c = [Criterion(name, kind) for name, kind in criteria]
    new_a = list(alternatives)
    for name in [c.name for c in new_c]:
        if name in {c.name for c in problem.all_criteria}:
            raise ProblemError(f"the workbook already has a criterion {name!r}")
    for name in new_a:
        if name in problem.alternative_names:
            raise ProblemError(f"the workbook already has an alternative {name!r}")
    names = [c.name for c in new_c]
    rated = problem.alternative_comparisons
    weights = problem.weights
    experts = problem.expert_comparisons
    return Problem(
        [*problem.all_criteria, *new_c],
        [*problem.alternatives, *new_a],
        _grown(problem.performance, new_a, names),
        comparisons=_square(problem.comparisons, names),
        weights=None
        if weights is None
        else pd.concat([weights, pd.Series(1.0, index=names, dtype=float)]),
        requirements=problem.requirements,
        experts=None if not experts else {e: _square(m, names) for e, m in experts.items()},
        expert_weights=problem.expert_weights,
        alternative_comparisons=None
        if not rated
        else {c: _grown(m, new_a, new_a) for c, m in rated.items()},
    )


def clear_placeholders(wb: Workbook, names: Iterable[str]) -> None:
    """Empty every value cell in the row or column labelled with one of ``names`` (row 1
    and column A), except a comparison sheet's diagonal, in every sheet but those listing
    the names (Instructions, Criteria, Alternatives, Experts)."""
    wanted = set(names)
    for ws in wb.worksheets:
        if ws.title.casefold() in _NAME_SHEETS:
            continue
        cols = {c: cell_name(ws.cell(1, c).value) for c in range(2, ws.max_column + 1)}
        rows = {r: cell_name(ws.cell(r, 1).value) for r in range(2, ws.max_row + 1)}
        for r, row_name in rows.items():
            for c, col_name in cols.items():
                if (row_name in wanted or col_name in wanted) and row_name != col_name:
                    ws.cell(r, c).value = None
