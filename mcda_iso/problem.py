"""The decision problem: criteria, alternatives, performance, preferences.

This is the one place a problem is validated. Every later step (weights,
scores, ranking, reports) trusts a :class:`Problem` it is given.

Examples
--------
>>> from mcda_iso import Alternative, Criterion, Problem
>>> p = Problem(
...     criteria=[Criterion("credibility", "benefit"), Criterion("cost", "cost")],
...     alternatives=[Alternative("ISO 9001"), Alternative("Lean")],
...     performance=[[9, 7], [5, 4]],
...     weights=[0.6, 0.4],
... )
>>> p.performance
          credibility  cost
ISO 9001          9.0   7.0
Lean              5.0   4.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import ahp
from mcda_iso.errors import ProblemError, RequirementError

__all__ = ["KINDS", "Alternative", "Criterion", "Problem"]

#: The two kinds of criterion: more is better (benefit) or less is better (cost).
KINDS: tuple[str, str] = ("benefit", "cost")

_REQUIREMENT_COLUMNS = ("minimum", "maximum")


def _check_name(name: object, what: str) -> str:
    if not isinstance(name, str):
        raise ProblemError(f"{what} name must be text (got {name!r})")
    stripped = name.strip()
    if not stripped:
        raise ProblemError(f"{what} name must not be empty (got {name!r})")
    return stripped


def _check_text(value: object, field: str, owner: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProblemError(f"{field} of {owner} must be text (got {value!r})")
    return value


@dataclass(frozen=True)
class Criterion:
    """A criterion the alternatives are judged on.

    Parameters
    ----------
    name : str
        Unique, non-empty name (surrounding spaces are removed).
    kind : {"benefit", "cost"}
        ``"benefit"``: more is better; ``"cost"``: less is better.
    description : str, optional
        What the criterion means for this decision.
    unit : str, optional
        Unit or rating scale of the performance values (e.g. ``"1-10 rating"``).
    """

    name: str
    kind: str
    description: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        name = _check_name(self.name, "criterion")
        object.__setattr__(self, "name", name)
        if self.kind not in KINDS:
            raise ProblemError(
                f"criterion {name!r} has unknown kind {self.kind!r}; "
                "expected 'benefit' (more is better) or 'cost' (less is better)"
            )
        object.__setattr__(self, "description", _check_text(self.description, "description", name))
        object.__setattr__(self, "unit", _check_text(self.unit, "unit", name))

    @property
    def type(self) -> int:
        """``1`` for a benefit criterion, ``-1`` for a cost criterion (pymcdm's convention)."""
        return 1 if self.kind == "benefit" else -1


@dataclass(frozen=True)
class Alternative:
    """An option being ranked, e.g. ``Alternative("ISO 9001 certification")``."""

    name: str
    description: str = ""

    def __post_init__(self) -> None:
        name = _check_name(self.name, "alternative")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "description", _check_text(self.description, "description", name))


def _unique_names(items: Sequence[Criterion] | Sequence[Alternative], what: str) -> tuple[str, ...]:
    names = tuple(item.name for item in items)
    if not names:
        raise ProblemError(f"a problem needs at least one {what}")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ProblemError(f"duplicate {what} name {name!r}; names must be unique")
        seen.add(name)
    return names


def _readonly(array: np.ndarray) -> np.ndarray:
    array = np.array(array, dtype=float, copy=True)
    array.setflags(write=False)
    return array


def _align_frame(
    frame: pd.DataFrame, rows: tuple[str, ...], cols: tuple[str, ...], what: str, row_what: str
) -> pd.DataFrame:
    """Reorder a labelled frame to (rows, cols), naming any missing or unknown label."""
    for labels, expected, axis in (
        (frame.index, rows, row_what),
        (frame.columns, cols, "criterion"),
    ):
        given = [str(label).strip() for label in labels]
        if len(set(given)) != len(given):
            dup = next(x for x in given if given.count(x) > 1)
            raise ProblemError(f"{what} has duplicate {axis} label {dup!r}")
        unknown = [x for x in given if x not in expected]
        missing = [x for x in expected if x not in given]
        if unknown:
            raise ProblemError(f"{what} has unknown {axis} {unknown[0]!r}; known: {list(expected)}")
        if missing:
            raise ProblemError(f"{what} has no {axis} {missing[0]!r}")
    frame = frame.copy()
    frame.index = [str(x).strip() for x in frame.index]
    frame.columns = [str(x).strip() for x in frame.columns]
    return frame.loc[list(rows), list(cols)]


def _to_float_grid(
    values: Any, rows: tuple[str, ...], cols: tuple[str, ...], what: str
) -> np.ndarray:
    """Convert a 2-D grid to floats, naming the (row, column) of the first bad value."""
    grid = np.asarray(values, dtype=object)
    if grid.ndim != 2:
        raise ProblemError(f"{what} must be a 2-D table (got {grid.ndim} dimension(s))")
    if grid.shape != (len(rows), len(cols)):
        raise ProblemError(
            f"{what} must be {len(rows)} x {len(cols)} ({len(rows)} rows, one per "
            f"{'alternative' if what == 'performance' else 'criterion'}, and {len(cols)} "
            f"columns, one per criterion); got {grid.shape[0]} x {grid.shape[1]}"
        )
    out = np.empty(grid.shape, dtype=float)
    for (i, j), value in np.ndenumerate(grid):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise ProblemError(
                f"{what} value for {rows[i]!r} / {cols[j]!r} must be a number (got {value!r})"
            )
        out[i, j] = float(value)
    return out


def _performance(
    performance: Any, alternatives: tuple[str, ...], criteria: tuple[str, ...]
) -> np.ndarray:
    if isinstance(performance, pd.DataFrame):
        performance = _align_frame(
            performance, alternatives, criteria, "performance", "alternative"
        ).to_numpy(dtype=object)
    grid = _to_float_grid(performance, alternatives, criteria, "performance")
    bad = ~np.isfinite(grid)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        what = "missing (NaN)" if math.isnan(grid[i, j]) else "infinite"
        raise ProblemError(
            f"performance value for {alternatives[i]!r} / {criteria[j]!r} is {what}; "
            "every alternative needs a finite number on every criterion"
        )
    return _readonly(grid)


def _weights(weights: Any, criteria: tuple[str, ...]) -> np.ndarray:
    if isinstance(weights, Mapping | pd.Series):
        given = {str(k).strip(): v for k, v in dict(weights).items()}
        unknown = [k for k in given if k not in criteria]
        if unknown:
            raise ProblemError(
                f"weights name unknown criterion {unknown[0]!r}; known: {list(criteria)}"
            )
        missing = [c for c in criteria if c not in given]
        if missing:
            raise ProblemError(f"weights give no weight for criterion {missing[0]!r}")
        weights = [given[c] for c in criteria]
    values = np.asarray(weights, dtype=object)
    if values.ndim != 1 or values.shape[0] != len(criteria):
        raise ProblemError(
            f"weights must hold one number per criterion ({len(criteria)}); "
            f"got shape {values.shape}"
        )
    out = np.empty(len(criteria))
    for j, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise ProblemError(f"weight of {criteria[j]!r} must be a number (got {value!r})")
        value = float(value)
        if not math.isfinite(value):
            raise ProblemError(f"weight of {criteria[j]!r} must be finite (got {value})")
        if value < 0:
            raise ProblemError(f"weight of {criteria[j]!r} must not be negative (got {value})")
        out[j] = value
    if out.sum() <= 0:
        raise ProblemError(f"weights must sum to a positive number (got {out.sum()})")
    return _readonly(out)


def _comparisons(comparisons: Any, criteria: tuple[str, ...]) -> np.ndarray:
    if isinstance(comparisons, pd.DataFrame):
        comparisons = _align_frame(
            comparisons, criteria, criteria, "comparison matrix", "criterion"
        ).to_numpy(dtype=object)
    grid = _to_float_grid(comparisons, criteria, criteria, "comparison matrix")
    return _readonly(ahp.check_matrix(grid, names=list(criteria), allow_missing=True))


def _requirements(requirements: Any, criteria: tuple[str, ...]) -> np.ndarray:
    """Per-criterion (minimum, maximum) bounds as an n x 2 array, NaN for 'no bound'."""
    bounds = np.full((len(criteria), 2), np.nan)
    if isinstance(requirements, pd.DataFrame):
        unknown_cols = [c for c in requirements.columns if c not in _REQUIREMENT_COLUMNS]
        if unknown_cols:
            raise RequirementError(
                f"requirements have unknown column {unknown_cols[0]!r}; "
                "expected 'minimum' and/or 'maximum'"
            )
        requirements = {
            idx: {col: row[col] for col in requirements.columns}
            for idx, row in requirements.iterrows()
        }
    if not isinstance(requirements, Mapping):
        raise RequirementError(
            "requirements must map criterion names to bounds, e.g. "
            "{'market access': {'minimum': 7}} or {'effort': (None, 5)}"
        )
    for key, bound in requirements.items():
        name = str(key).strip()
        if name not in criteria:
            raise RequirementError(
                f"requirement names unknown criterion {name!r}; known: {list(criteria)}"
            )
        j = criteria.index(name)
        if isinstance(bound, Mapping):
            unknown = [k for k in bound if k not in _REQUIREMENT_COLUMNS]
            if unknown:
                raise RequirementError(
                    f"requirement on {name!r} has unknown key {unknown[0]!r}; "
                    "expected 'minimum' and/or 'maximum'"
                )
            pair = (bound.get("minimum"), bound.get("maximum"))
        elif isinstance(bound, Sequence) and not isinstance(bound, str) and len(bound) == 2:
            pair = (bound[0], bound[1])
        else:
            raise RequirementError(
                f"requirement on {name!r} must be (minimum, maximum) or "
                f"{{'minimum': ..., 'maximum': ...}} (got {bound!r})"
            )
        for k, value in enumerate(pair):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                raise RequirementError(
                    f"{_REQUIREMENT_COLUMNS[k]} for {name!r} must be a number (got {value!r})"
                )
            if not math.isfinite(float(value)):
                raise RequirementError(
                    f"{_REQUIREMENT_COLUMNS[k]} for {name!r} must be finite (got {value})"
                )
            bounds[j, k] = float(value)
        low, high = bounds[j]
        if not (math.isnan(low) or math.isnan(high)) and low > high:
            raise RequirementError(
                f"requirement on {name!r} has minimum {low:g} above maximum {high:g}; "
                "no alternative could meet it"
            )
    return _readonly(bounds)


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-12, atol=0.0, equal_nan=True))


class Problem:
    """A validated multi-criteria decision problem.

    Parameters
    ----------
    criteria : sequence of Criterion
        The criteria, in column order.
    alternatives : sequence of Alternative or str
        The alternatives, in row order (plain names are accepted).
    performance : array-like or pandas.DataFrame
        Alternatives x criteria. A DataFrame is matched by labels (index:
        alternative names, columns: criterion names) and may be in any order.
    comparisons : array-like or pandas.DataFrame, optional
        Criteria x criteria pairwise-comparison matrix (Saaty's 1-9 scale or
        any positive reciprocal values). ``NaN`` marks a missing judgment
        (both ``a_ij`` and ``a_ji``).
    weights : sequence, mapping or pandas.Series, optional
        Criterion weights typed directly (non-negative, not all zero; they are
        normalised to sum 1 when ranking). Give exactly one of
        ``comparisons`` and ``weights``.
    requirements : mapping or pandas.DataFrame, optional
        Hard bounds checked before ranking, e.g.
        ``{"market access": {"minimum": 7}, "effort": (None, 5)}``.
        An alternative outside a bound is screened out and reported.

    Raises
    ------
    ProblemError
        With a message naming what is wrong (criterion, alternative, value).
    ComparisonError
        If the comparison matrix is not square, positive, unit-diagonal and
        reciprocal (the message names the pair of criteria and both values).
    RequirementError
        If a requirement names an unknown criterion or has minimum > maximum.
    """

    __slots__ = (
        "_alternatives",
        "_comparisons",
        "_criteria",
        "_performance",
        "_requirements",
        "_weights",
    )

    def __init__(
        self,
        criteria: Sequence[Criterion],
        alternatives: Sequence[Alternative | str],
        performance: Any,
        comparisons: Any = None,
        weights: Any = None,
        requirements: Any = None,
    ) -> None:
        criteria = tuple(criteria)
        for c in criteria:
            if not isinstance(c, Criterion):
                raise ProblemError(f"criteria must be Criterion objects (got {c!r})")
        alternatives = tuple(
            a if isinstance(a, Alternative) else Alternative(a) for a in alternatives
        )
        c_names = _unique_names(criteria, "criterion")
        a_names = _unique_names(alternatives, "alternative")
        if (comparisons is None) == (weights is None):
            raise ProblemError(
                "give exactly one of 'comparisons' (a pairwise-comparison matrix of the criteria) "
                "and 'weights' (criterion weights typed directly)"
                + (" — both were given" if comparisons is not None else " — neither was given")
            )
        set_ = object.__setattr__
        set_(self, "_criteria", criteria)
        set_(self, "_alternatives", alternatives)
        set_(self, "_performance", _performance(performance, a_names, c_names))
        set_(
            self,
            "_comparisons",
            None if comparisons is None else _comparisons(comparisons, c_names),
        )
        set_(self, "_weights", None if weights is None else _weights(weights, c_names))
        set_(
            self,
            "_requirements",
            None if requirements is None else _requirements(requirements, c_names),
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Problem is immutable; use .replace(...) to get a changed copy")

    # -- construction helpers -------------------------------------------------------------
    @classmethod
    def from_frames(
        cls,
        performance: pd.DataFrame,
        criteria: pd.DataFrame,
        comparisons: pd.DataFrame | None = None,
        weights: Mapping[str, float] | pd.Series | None = None,
        requirements: pd.DataFrame | Mapping[str, Any] | None = None,
        alternatives: pd.DataFrame | None = None,
    ) -> Problem:
        """Build a problem from pandas tables.

        Parameters
        ----------
        performance : pandas.DataFrame
            Alternatives as index, criteria as columns.
        criteria : pandas.DataFrame
            One row per criterion with columns ``name`` (or the names as the
            index), ``kind`` and optionally ``description`` and ``unit``. The
            criteria keep this table's order.
        comparisons, weights, requirements
            As for :class:`Problem` (labelled by criterion names).
        alternatives : pandas.DataFrame, optional
            Columns ``name`` (or index) and ``description``; by default the
            performance index gives the names.

        Examples
        --------
        >>> import pandas as pd
        >>> perf = pd.DataFrame({"quality": [8, 6], "cost": [5, 2]}, index=["ISO 9001", "Lean"])
        >>> crit = pd.DataFrame({"name": ["quality", "cost"], "kind": ["benefit", "cost"]})
        >>> Problem.from_frames(perf, crit, weights={"quality": 2, "cost": 1}).criterion_names
        ('quality', 'cost')
        """
        crit_rows = _table_rows(criteria, "criteria", ("kind",), ("description", "unit"))
        crits = [
            Criterion(r["name"], r["kind"], r.get("description", ""), r.get("unit", ""))
            for r in crit_rows
        ]
        if alternatives is None:
            alts = [Alternative(str(a)) for a in performance.index]
        else:
            alt_rows = _table_rows(alternatives, "alternatives", (), ("description",))
            alts = [Alternative(r["name"], r.get("description", "")) for r in alt_rows]
        return cls(crits, alts, performance, comparisons, weights, requirements)

    def replace(self, **changes: Any) -> Problem:
        """A copy with some constructor arguments changed (the original is untouched).

        Passing ``weights=...`` drops the comparisons and vice versa, so that
        exactly one of the two stays set.
        """
        args: dict[str, Any] = {
            "criteria": self._criteria,
            "alternatives": self._alternatives,
            "performance": self.performance,
            "comparisons": self.comparisons,
            "weights": None if self._weights is None else self.weights,
            "requirements": None if self._requirements is None else self.requirements,
        }
        unknown = [k for k in changes if k not in args]
        if unknown:
            raise ProblemError(
                f"Problem has no argument {unknown[0]!r}; expected one of {list(args)}"
            )
        if "weights" in changes and "comparisons" not in changes:
            args["comparisons"] = None
        if "comparisons" in changes and "weights" not in changes:
            args["weights"] = None
        args.update(changes)
        return Problem(**args)

    def with_judgment(self, row: str, col: str, value: float) -> Problem:
        """A copy in which criterion ``row`` is judged ``value`` times as important as ``col``.

        The reciprocal judgment is set to ``1 / value``.

        Examples
        --------
        >>> from mcda_iso import load_scenario
        >>> p = load_scenario("iso9001", profile="balanced")
        >>> p = p.with_judgment("market access", "cost", 3)
        >>> float(p.comparisons.loc["cost", "market access"])
        0.3333333333333333
        """
        if self._comparisons is None:
            raise ProblemError("this problem has weights typed directly, not pairwise comparisons")
        names = self.criterion_names
        for name in (row, col):
            if name not in names:
                raise ProblemError(f"unknown criterion {name!r}; known: {list(names)}")
        if row == col:
            raise ProblemError(f"a criterion is always judged equal to itself ({row!r})")
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float, np.number))
            or not value > 0
        ):
            raise ProblemError(f"a judgment must be a positive number (got {value!r})")
        matrix = self._comparisons.copy()
        i, j = names.index(row), names.index(col)
        matrix[i, j], matrix[j, i] = float(value), 1.0 / float(value)
        return self.replace(comparisons=matrix)

    def subset(self, alternatives: Iterable[str]) -> Problem:
        """A copy keeping only the named alternatives (in the problem's order)."""
        keep = set(alternatives)
        unknown = keep.difference(self.alternative_names)
        if unknown:
            raise ProblemError(f"unknown alternative {sorted(unknown)[0]!r}")
        alts = [a for a in self._alternatives if a.name in keep]
        return self.replace(
            alternatives=alts, performance=self.performance.loc[[a.name for a in alts]]
        )

    # -- read-only views ----------------------------------------------------------------------
    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria, in column order."""
        return self._criteria

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """The alternatives, in row order."""
        return self._alternatives

    @property
    def criterion_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self._criteria)

    @property
    def alternative_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self._alternatives)

    @property
    def types(self) -> np.ndarray:
        """``1`` (benefit) or ``-1`` (cost) per criterion, as pymcdm expects."""
        return np.array([c.type for c in self._criteria])

    @property
    def matrix(self) -> np.ndarray:
        """The performance values as a read-only numpy array (alternatives x criteria)."""
        return self._performance

    @property
    def performance(self) -> pd.DataFrame:
        """Performance as a DataFrame (a copy): alternatives x criteria."""
        return pd.DataFrame(
            self._performance.copy(),
            index=list(self.alternative_names),
            columns=list(self.criterion_names),
        )

    @property
    def comparisons(self) -> pd.DataFrame | None:
        """The criteria comparison matrix as a DataFrame (a copy), or None."""
        if self._comparisons is None:
            return None
        names = list(self.criterion_names)
        return pd.DataFrame(self._comparisons.copy(), index=names, columns=names)

    @property
    def weights(self) -> pd.Series | None:
        """The weights as typed (not normalised), by criterion, or None."""
        if self._weights is None:
            return None
        return pd.Series(self._weights.copy(), index=list(self.criterion_names), name="weight")

    @property
    def requirements(self) -> pd.DataFrame | None:
        """Bounds by criterion (columns ``minimum``, ``maximum``; NaN = no bound), or None.

        Only criteria with at least one bound are listed.
        """
        if self._requirements is None:
            return None
        frame = pd.DataFrame(
            self._requirements.copy(),
            index=list(self.criterion_names),
            columns=list(_REQUIREMENT_COLUMNS),
        )
        return frame[frame.notna().any(axis=1)]

    # -- equality and display ----------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (
            self._criteria == other._criteria
            and self._alternatives == other._alternatives
            and _same(self._performance, other._performance)
            and _same(self._comparisons, other._comparisons)
            and _same(self._weights, other._weights)
            and _same(self._requirements, other._requirements)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        prefs = "comparisons" if self._comparisons is not None else "weights"
        return (
            f"Problem({len(self._alternatives)} alternatives x {len(self._criteria)} criteria, "
            f"{prefs}{', requirements' if self._requirements is not None else ''})"
        )


def _table_rows(
    table: pd.DataFrame, what: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Rows of a criteria/alternatives table as dicts with a ``name`` key."""
    if not isinstance(table, pd.DataFrame):
        raise ProblemError(
            f"the {what} table must be a pandas DataFrame (got {type(table).__name__})"
        )
    frame = table if "name" in table.columns else table.rename_axis("name").reset_index()
    for col in required:
        if col not in frame.columns:
            raise ProblemError(f"the {what} table has no {col!r} column")
    rows = []
    for _, row in frame.iterrows():
        item = {"name": row["name"]}
        for col in (*required, *optional):
            if col in frame.columns:
                value = row[col]
                item[col] = (
                    ""
                    if value is None or (isinstance(value, float) and math.isnan(value))
                    else value
                )
        rows.append(item)
    return rows
