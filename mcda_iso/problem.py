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
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import hierarchy
from mcda_iso.errors import ProblemError, RequirementError, shorten
from mcda_iso.names import _check_name, _check_text, _listing, _near, canonical_name
from mcda_iso.problem_parts import (
    REQUIREMENT_COLUMNS,
    _alternative_comparisons,
    _check_leaf_data,
    _criteria_comparisons,
    _criteria_weights,
    _experts,
    _number,
    _parent_cell,
    _performance,
    _readonly,
    _requirements,
    _same,
    _sequence,
    _table_rows,
    _unique_names,
)

__all__ = ["KINDS", "Alternative", "Criterion", "Problem", "canonical_name"]

#: The two kinds of criterion: more is better (benefit) or less is better (cost).
KINDS: tuple[str, str] = ("benefit", "cost")


@dataclass(frozen=True)
class Criterion:
    """A criterion the alternatives are judged on.

    Parameters
    ----------
    name : str
        Unique, non-empty name. Surrounding spaces are removed and the name is stored in
        Unicode NFC (see :func:`canonical_name`), so two spellings that look the same are
        one name.
    kind : {"benefit", "cost"}
        ``"benefit"``: more is better; ``"cost"``: less is better.
    description : str, optional
        What the criterion means for this decision.
    unit : str, optional
        Unit or rating scale of the performance values (e.g. ``"1-10 rating"``).
    parent : str, optional
        Name of the criterion this one is a sub-criterion of (None: top level).
        A criterion with sub-criteria is a group: it has no performance values of
        its own, and its sub-criteria are compared with each other (see
        :mod:`mcda_iso.hierarchy`). A group's ``kind`` is descriptive only.
    """

    name: str
    kind: str
    description: str = ""
    unit: str = ""
    parent: str | None = None

    def __post_init__(self) -> None:
        name = _check_name(self.name, "criterion")
        object.__setattr__(self, "name", name)
        if not isinstance(self.kind, str) or self.kind not in KINDS:
            raise ProblemError(
                f"criterion {shorten(name)} has unknown kind {shorten(self.kind)}; "
                "expected 'benefit' (more is better) or 'cost' (less is better)"
            )
        object.__setattr__(self, "description", _check_text(self.description, "description", name))
        object.__setattr__(self, "unit", _check_text(self.unit, "unit", name))
        if self.parent is not None:
            parent = _check_name(self.parent, f"parent of criterion {shorten(name)}: the parent")
            if parent == name:
                raise ProblemError(f"criterion {shorten(name)} cannot be its own parent")
            object.__setattr__(self, "parent", parent)

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


class Problem:
    """A validated multi-criteria decision problem.

    Parameters
    ----------
    criteria : sequence of Criterion
        The criteria, in column order. A criterion may name a ``parent``
        (sub-criteria, see :mod:`mcda_iso.hierarchy`): criteria with
        sub-criteria are groups, the others (leaves) carry performance data.
    alternatives : sequence of Alternative or str
        The alternatives, in row order (plain names are accepted).
    performance : array-like or pandas.DataFrame
        Alternatives x criteria (leaf criteria only when there are sub-criteria).
        A DataFrame is matched by labels (index: alternative names, columns:
        criterion names) and may be in any order.
    comparisons : array-like, pandas.DataFrame or mapping, optional
        Criteria x criteria pairwise-comparison matrix (Saaty's 1-9 scale or
        any positive reciprocal values). ``NaN`` marks a missing judgment
        (both ``a_ij`` and ``a_ji``). With sub-criteria: a mapping from each
        parent (``None`` for the top level) to the matrix of its sub-criteria
        (in criteria order, or a labelled DataFrame); a parent with a single
        sub-criterion may be left out (local weight 1). ``{None: matrix}`` is
        accepted for a flat problem too.
    weights : sequence, mapping or pandas.Series, optional
        Criterion weights typed directly (non-negative, not all zero; they are
        normalised to sum 1 when ranking). With sub-criteria: one *local*
        weight per criterion, groups included, normalised within each set of
        siblings. Give exactly one of ``comparisons`` and ``weights``.
    requirements : mapping or pandas.DataFrame, optional
        Hard bounds checked before ranking, e.g.
        ``{"market access": {"minimum": 7}, "effort": (None, 5)}``.
        An alternative outside a bound is screened out and reported.
    experts : mapping, optional
        Group decision: each expert's criteria comparison matrix, e.g.
        ``{"Quality manager": m1, "CEO": m2}`` (``NaN`` = a judgment that expert
        did not give). Given instead of ``comparisons`` and ``weights``;
        :attr:`comparisons` is then the group matrix (element-wise weighted
        geometric mean, AIJ) and :func:`mcda_iso.rank` aggregates the experts
        with :func:`mcda_iso.ahp.aggregate`. With sub-criteria each expert gives
        a mapping like ``comparisons``, ``{None: top, "cost": m_cost, ...}``, and
        the experts are aggregated matrix by matrix.
    expert_weights : mapping or sequence, optional
        Positive weight per expert (by name, or in the order of ``experts``);
        equal weights if omitted. Only with ``experts``.
    alternative_comparisons : mapping, optional
        Pairwise rating of the alternatives (full AHP): criterion name ->
        alternatives x alternatives matrix, "how strongly is the row alternative
        preferred to the column alternative on this criterion" (so the resulting
        local priorities are always more-is-better, whatever the criterion's
        kind). Such criteria take no performance data: ``performance`` holds the
        other criteria only (a DataFrame with their columns, or an array with
        one column per data criterion, in criterion order; None when every
        criterion is compared). :attr:`matrix` holds the local priorities
        (principal eigenvector) in their columns, so TOPSIS and AHP synthesis
        rank on them.

    Raises
    ------
    ProblemError
        With a message naming what is wrong (criterion, alternative, value); for
        sub-criteria: an unknown parent, a cycle of parents, a leaf without
        performance data, performance given for a group, a missing matrix.
    ComparisonError
        If the comparison matrix is not square, positive, unit-diagonal and
        reciprocal (the message names the pair of criteria and both values).
    RequirementError
        If a requirement names an unknown criterion or has minimum > maximum.
    """

    __slots__ = (
        "_alternative_comparisons",
        "_alternative_index",
        "_alternative_names",
        "_alternatives",
        "_comparisons",
        "_criteria",
        "_criterion_index",
        "_expert_weights",
        "_experts",
        "_performance",
        "_requirements",
        "_tree",
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
        *,
        experts: Mapping[str, Any] | None = None,
        expert_weights: Any = None,
        alternative_comparisons: Mapping[str, Any] | None = None,
    ) -> None:
        criteria = _sequence(criteria, "criteria", "Criterion objects")
        for c in criteria:
            if not isinstance(c, Criterion):
                raise ProblemError(f"criteria must be Criterion objects (got {shorten(c)})")
        alternatives = tuple(
            a if isinstance(a, Alternative) else Alternative(a)
            for a in _sequence(alternatives, "alternatives", "Alternative objects or names")
        )
        c_names = _unique_names(criteria, "criterion")
        a_names = _unique_names(alternatives, "alternative")
        tree = hierarchy.build(criteria)
        if not tree.is_flat:
            _check_leaf_data(tree, performance, alternative_comparisons)
        c_names = tree.leaves  # performance, requirements and ranking are on the leaf criteria
        if experts is not None:
            if comparisons is not None or weights is not None:
                also = "comparisons" if comparisons is not None else "weights"
                raise ProblemError(
                    "give the experts' comparisons ('experts') instead of 'comparisons' or "
                    f"'weights', not as well (also given: {also})"
                )
        elif (comparisons is None) == (weights is None):
            raise ProblemError(
                "give exactly one of 'comparisons' (a pairwise-comparison matrix of the criteria) "
                "and 'weights' (criterion weights typed directly)"
                + (" — both were given" if comparisons is not None else " — neither was given")
            )
        if expert_weights is not None and experts is None:
            raise ProblemError(
                "'expert_weights' needs 'experts' (one comparison matrix per expert)"
            )
        set_ = object.__setattr__
        set_(self, "_criteria", criteria)
        set_(self, "_tree", tree)
        set_(self, "_alternatives", alternatives)
        # Names and positions computed once: looking an alternative up is O(1), so work
        # over all m alternatives stays O(m) (a tuple rebuilt per access made it O(m^2)).
        set_(self, "_alternative_names", a_names)
        set_(self, "_alternative_index", MappingProxyType({a: i for i, a in enumerate(a_names)}))
        set_(self, "_criterion_index", MappingProxyType({c: j for j, c in enumerate(c_names)}))
        rated = (
            {}
            if alternative_comparisons is None
            else _alternative_comparisons(alternative_comparisons, c_names, a_names)
        )
        set_(self, "_alternative_comparisons", rated)
        data = tuple(c for c in c_names if c not in rated)
        full = np.empty((len(a_names), len(c_names)))
        if data:
            if performance is None:
                raise ProblemError(
                    f"performance is missing: criteria {_listing(data)} are not rated by "
                    "'alternative_comparisons', so they need performance values"
                )
            if isinstance(performance, pd.DataFrame) and rated:
                both = [c for c in performance.columns if canonical_name(c) in rated]
                if both:
                    raise ProblemError(
                        f"criterion {shorten(canonical_name(both[0]))} is rated by pairwise "
                        "comparisons of the alternatives; leave it out of performance"
                    )
            full[:, [c_names.index(c) for c in data]] = _performance(performance, a_names, data)
        elif performance is not None and not (
            isinstance(performance, pd.DataFrame) and performance.shape[1] == 0
        ):
            raise ProblemError(
                "performance must be None: every criterion is rated by 'alternative_comparisons'"
            )
        for crit in rated:  # no performance: its local priorities are the ranking's
            full[:, c_names.index(crit)] = np.nan
        set_(self, "_performance", _readonly(full))
        group = None if experts is None else _experts(experts, expert_weights, tree)
        set_(self, "_experts", None if group is None else group[0])
        set_(self, "_expert_weights", None if group is None else group[1])
        set_(
            self,
            "_comparisons",
            None
            if group is not None or comparisons is None
            else _criteria_comparisons(comparisons, tree),
        )
        set_(self, "_weights", None if weights is None else _criteria_weights(weights, tree))
        set_(
            self,
            "_requirements",
            None if requirements is None else _requirements(requirements, c_names),
        )
        if self._requirements is not None and rated:
            bounded = [c for c in rated if not np.isnan(self._requirements[c_names.index(c)]).all()]
            if bounded:
                raise RequirementError(
                    f"requirement on {shorten(bounded[0])}: that criterion is rated by pairwise "
                    "comparisons of the alternatives, which give priorities, not values a bound "
                    "could apply to"
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
            index), ``kind`` and optionally ``description``, ``unit`` and
            ``parent`` (empty: top level). The criteria keep this table's order.
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
        if not isinstance(performance, pd.DataFrame):
            raise ProblemError(
                "the performance table must be a pandas DataFrame, alternatives as index and "
                f"criteria as columns (got {type(performance).__name__})"
            )
        crit_rows = _table_rows(criteria, "criteria", ("kind",), ("description", "unit", "parent"))
        crits = [
            Criterion(
                r["name"],
                r["kind"],
                r.get("description", ""),
                r.get("unit", ""),
                _parent_cell(r.get("parent")),
            )
            for r in crit_rows
        ]
        if alternatives is None:
            alts = [Alternative(canonical_name(a)) for a in performance.index]
        else:
            alt_rows = _table_rows(alternatives, "alternatives", (), ("description",))
            alts = [Alternative(r["name"], r.get("description", "")) for r in alt_rows]
        return cls(crits, alts, performance, comparisons, weights, requirements)

    def replace(self, **changes: Any) -> Problem:
        """A copy with some constructor arguments changed (the original is untouched).

        Passing ``weights=...`` drops the comparisons and vice versa, so that
        exactly one of the two stays set; passing either drops the experts'
        comparisons (and their weights), and passing ``experts=...`` drops both.
        """
        data = [c for c in self.criterion_names if c not in self._alternative_comparisons]
        args: dict[str, Any] = {
            "criteria": self._criteria,
            "alternatives": self._alternatives,
            "performance": self.performance[data] if data else None,
            "comparisons": None if self._experts is not None else self.comparisons,
            "weights": None if self._weights is None else self.weights,
            "requirements": None if self._requirements is None else self.requirements,
            "experts": self.expert_comparisons,
            "expert_weights": None if self._expert_weights is None else self.expert_weights,
            "alternative_comparisons": self.alternative_comparisons,
        }
        unknown = [k for k in changes if k not in args]
        if unknown:
            raise ProblemError(
                f"Problem has no argument {shorten(unknown[0])}; expected one of {_listing(args)}"
            )
        if "weights" in changes and "comparisons" not in changes:
            args["comparisons"] = None
        if "comparisons" in changes and "weights" not in changes:
            args["weights"] = None
        if ("weights" in changes or "comparisons" in changes) and "experts" not in changes:
            args["experts"] = args["expert_weights"] = None
        if "experts" in changes:
            args["comparisons"] = args["weights"] = None
            if "expert_weights" not in changes:
                args["expert_weights"] = None
        args.update(changes)
        return Problem(**args)

    def with_judgment(self, row: str, col: str, value: float) -> Problem:
        """A copy in which criterion ``row`` is judged ``value`` times as important as ``col``.

        The reciprocal judgment is set to ``1 / value``. With sub-criteria, ``row``
        and ``col`` must have the same parent; the judgment goes into that parent's
        matrix.

        Examples
        --------
        >>> from mcda_iso import load_scenario
        >>> p = load_scenario("iso9001", profile="balanced")
        >>> p = p.with_judgment("market access", "cost", 3)
        >>> float(p.comparisons.loc["cost", "market access"])
        0.3333333333333333
        """
        if self._experts is not None:
            raise ProblemError(
                "this problem holds several experts' comparisons; change one expert's matrix "
                "with replace(experts={...})"
            )
        if self._comparisons is None:
            raise ProblemError("this problem has weights typed directly, not pairwise comparisons")
        names = self.criterion_names if self._tree.is_flat else self._tree.names
        row, col = canonical_name(row), canonical_name(col)
        for name in (row, col):
            if name not in names:
                raise ProblemError(
                    f"unknown criterion {shorten(name)}; known: {_listing(names)}"
                    + _near(name, names)
                )
        if row == col:
            raise ProblemError(f"a criterion is always judged equal to itself ({shorten(row)})")
        number = _number(value, "a judgment")
        if not (math.isfinite(number) and number > 0):
            raise ProblemError(f"a judgment must be a positive number (got {shorten(value)})")
        value = number
        if not self._tree.is_flat:  # only siblings are compared, in their parent's matrix
            parent = self._tree.siblings_group(row, col)
            kids = self._tree.children(parent)
            group = self._comparisons[parent].copy()
            i, j = kids.index(row), kids.index(col)
            group[i, j], group[j, i] = float(value), 1.0 / float(value)
            return self.replace(comparisons={**self._comparisons, parent: group})
        matrix = self._comparisons.copy()
        i, j = names.index(row), names.index(col)
        matrix[i, j], matrix[j, i] = float(value), 1.0 / float(value)
        return self.replace(comparisons=matrix)

    def subset(self, alternatives: Iterable[str]) -> Problem:
        """A copy keeping only the named alternatives (in the problem's order)."""
        if isinstance(alternatives, str):
            alternatives = [alternatives]
        items = _sequence(alternatives, "the alternatives to keep", "alternative names")
        for item in items:
            if not isinstance(item, str):
                raise ProblemError(f"alternative names must be text (got {shorten(item)})")
        keep = {canonical_name(a) for a in items}
        unknown = [a for a in items if canonical_name(a) not in self._alternative_index]
        if unknown:
            raise ProblemError(
                f"unknown alternative {shorten(unknown[0])}; known: "
                f"{_listing(self.alternative_names)}" + _near(unknown[0], self.alternative_names)
            )
        alts = [a for a in self._alternatives if a.name in keep]
        names = [a.name for a in alts]
        data = [c for c in self.criterion_names if c not in self._alternative_comparisons]
        changes: dict[str, Any] = {
            "alternatives": alts,
            "performance": self.performance.loc[names, data] if data else None,
        }
        if self._alternative_comparisons:
            changes["alternative_comparisons"] = {
                c: m.loc[names, names] for c, m in self.alternative_comparisons.items()
            }
        return self.replace(**changes)

    # -- read-only views ----------------------------------------------------------------------
    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria carrying performance data, in column order.

        For a problem with sub-criteria these are the leaves of the hierarchy;
        :attr:`all_criteria` also lists the groups.
        """
        if self._tree.is_flat:
            return self._criteria
        leaves = set(self._tree.leaves)
        return tuple(c for c in self._criteria if c.name in leaves)

    @property
    def all_criteria(self) -> tuple[Criterion, ...]:
        """Every criterion as given, groups (criteria with sub-criteria) included."""
        return self._criteria

    @property
    def hierarchy(self) -> hierarchy.Hierarchy:
        """The tree of criteria (flat when no criterion has a parent)."""
        return self._tree

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """The alternatives, in row order."""
        return self._alternatives

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """Names of :attr:`criteria` (the leaves of a hierarchy), in column order."""
        return self._tree.leaves

    @property
    def alternative_names(self) -> tuple[str, ...]:
        """Names of :attr:`alternatives`, in row order."""
        return self._alternative_names

    @property
    def alternative_index(self) -> Mapping[str, int]:
        """Row of each alternative by name (read-only; O(1) per look-up).

        Examples
        --------
        >>> from mcda_iso import load_scenario
        >>> p = load_scenario("iso9001")
        >>> p.alternative_index[p.alternative_names[2]]
        2
        """
        return self._alternative_index

    @property
    def criterion_index(self) -> Mapping[str, int]:
        """Column of each criterion of :attr:`criterion_names` by name (read-only)."""
        return self._criterion_index

    @property
    def types(self) -> np.ndarray:
        """``1`` (benefit) or ``-1`` (cost) per criterion, as pymcdm expects.

        A criterion rated by pairwise comparisons of the alternatives is ``1``:
        its column holds preference priorities (more is better).
        """
        return np.array(
            [1 if c.name in self._alternative_comparisons else c.type for c in self.criteria]
        )

    @property
    def matrix(self) -> np.ndarray:
        """The performance values as a read-only numpy array (alternatives x criteria).

        A criterion rated by pairwise comparisons of the alternatives has no performance
        values: its column is NaN (the ranking derives the local priorities, with its AHP
        method and judgment scale: :attr:`Result.matrix <mcda_iso.ranking.Result.matrix>`).
        """
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
    def comparisons(self) -> pd.DataFrame | dict[str | None, pd.DataFrame] | None:
        """The criteria comparison matrix as a DataFrame (a copy), or None.

        For a problem with sub-criteria: a dict mapping each parent (None for the
        top level) to the comparison matrix of its sub-criteria, the form
        :class:`Problem` accepts. None for a team: each expert's matrices are in
        :attr:`expert_comparisons`, and the ranking aggregates them
        (:attr:`Result.group <mcda_iso.ranking.Result>`).
        """
        return None if self._comparisons is None else self._frames(self._comparisons)

    def _frames(self, stored: Any) -> pd.DataFrame | dict[str | None, pd.DataFrame]:
        """Labelled copies of a stored criteria matrix, or of a {parent: matrix} mapping."""
        if isinstance(stored, Mapping):
            return {
                parent: pd.DataFrame(m.copy(), index=kids, columns=kids)
                for parent, m in stored.items()
                for kids in [list(self._tree.children(parent))]
            }
        names = list(self.criterion_names)
        return pd.DataFrame(stored.copy(), index=names, columns=names)

    @property
    def weights(self) -> pd.Series | None:
        """The weights as typed (not normalised), by criterion, or None.

        For a problem with sub-criteria: the local weight typed for every criterion,
        groups included (normalised within each set of siblings when ranking).
        """
        if self._weights is None:
            return None
        names = list(self._tree.names if not self._tree.is_flat else self.criterion_names)
        return pd.Series(self._weights.copy(), index=names, name="weight")

    @property
    def experts(self) -> tuple[str, ...]:
        """The experts' names (empty unless the problem holds several experts' comparisons)."""
        return () if self._experts is None else tuple(self._experts)

    @property
    def expert_comparisons(
        self,
    ) -> dict[str, pd.DataFrame] | dict[str, dict[str | None, pd.DataFrame]] | None:
        """Each expert's criteria comparison matrix (copies, NaN = not judged), or None.

        For a problem with sub-criteria: expert -> {parent: matrix} (None for the top
        level), the form :class:`Problem` accepts.
        """
        if self._experts is None:
            return None
        return {e: self._frames(m) for e, m in self._experts.items()}  # type: ignore[misc]

    @property
    def expert_weights(self) -> pd.Series | None:
        """The expert weights as given (not normalised), by expert, or None if not given."""
        if self._expert_weights is None:
            return None
        return pd.Series(self._expert_weights.copy(), index=list(self.experts), name="weight")

    @property
    def alternative_comparisons(self) -> dict[str, pd.DataFrame] | None:
        """Alternatives comparison matrix per pairwise-rated criterion (copies), or None."""
        if not self._alternative_comparisons:
            return None
        names = list(self.alternative_names)
        return {
            c: pd.DataFrame(m.copy(), index=names, columns=names)
            for c, m in self._alternative_comparisons.items()
        }

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
            columns=list(REQUIREMENT_COLUMNS),
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
            and self.experts == other.experts
            and _same(self._expert_weights, other._expert_weights)
            and all(_same(self._experts[e], other._experts[e]) for e in self.experts)
            and self._alternative_comparisons.keys() == other._alternative_comparisons.keys()
            and all(
                _same(m, other._alternative_comparisons[c])
                for c, m in self._alternative_comparisons.items()
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        """The problem in Jupyter: criteria, performance, preferences (names escaped)."""
        from mcda_iso.notebook import paragraph, section, table

        criteria = pd.DataFrame(
            {
                "kind": [c.kind for c in self.all_criteria],
                "parent": [c.parent or "" for c in self.all_criteria],
                "unit": [c.unit for c in self.all_criteria],
                "description": [c.description for c in self.all_criteria],
            },
            index=pd.Index([c.name for c in self.all_criteria], name="criterion"),
        )
        parts = [paragraph(repr(self)), table(criteria, "Criteria")]
        parts.append(table(self.performance, "Performance"))
        if self.weights is not None:
            parts.append(table(self.weights.to_frame("weight"), "Weights (typed)"))
        elif isinstance(self.comparisons, pd.DataFrame):
            parts.append(table(self.comparisons, "Comparisons (row vs column)"))
        if self.requirements is not None:
            parts.append(table(self.requirements, "Requirements"))
        return section("Problem", parts)

    def __repr__(self) -> str:
        prefs = "comparisons" if self._comparisons is not None else "weights"
        if self._experts is not None:
            prefs = f"comparisons by {len(self._experts)} experts"
        if self._alternative_comparisons:
            prefs += f", {len(self._alternative_comparisons)} criteria rated pairwise"
        if not self._tree.is_flat:
            prefs += f", sub-criteria under {len(self._tree.groups) - 1} groups"
        return (
            f"Problem({len(self._alternatives)} alternatives x {len(self.criteria)} criteria, "
            f"{prefs}{', requirements' if self._requirements is not None else ''})"
        )
