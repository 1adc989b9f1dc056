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
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import ahp, hierarchy
from mcda_iso.errors import ProblemError, RequirementError, shorten

__all__ = ["KINDS", "Alternative", "Criterion", "Problem", "canonical_name"]

#: The two kinds of criterion: more is better (benefit) or less is better (cost).
KINDS: tuple[str, str] = ("benefit", "cost")

_REQUIREMENT_COLUMNS = ("minimum", "maximum")


def canonical_name(name: object) -> str:
    """The form a name is stored and matched in: Unicode NFC, surrounding spaces removed.

    Two spellings of one name that look identical (``"é"`` typed as one character, or as
    ``"e"`` and a combining accent, as some systems store it) are one name: criteria,
    alternatives and experts are stored under this form, and every name given to match
    them (weights, requirements, comparison labels, judgments) is read through it.

    Examples
    --------
    >>> canonical_name(" Qualite\u0301 ") == canonical_name("Qualit\u00e9")
    True
    """
    return unicodedata.normalize("NFC", str(name)).strip()


def _listing(names: Iterable[object], most: int = 20) -> str:
    """``['a', 'b', ...]`` for a message: each name shortened, at most ``most`` of them."""
    names = list(names)
    shown = ", ".join(shorten(n) for n in names[:most])
    more = f", … {len(names) - most:,} more" if len(names) > most else ""
    return f"[{shown}{more}]"


def _canonical_keys(
    mapping: Mapping[Any, Any] | pd.Series, what: str, error: type[ProblemError] = ProblemError
) -> dict[Any, Any]:
    """``mapping`` keyed by :func:`canonical_name` (None stays None), refusing two keys
    that are spellings of one name."""
    out: dict[Any, Any] = {}
    spelled: dict[Any, Any] = {}
    pairs = mapping.items() if isinstance(mapping, pd.Series) else dict(mapping).items()
    for key, value in pairs:  # a Series may repeat a label, which dict() would hide
        name = None if key is None else canonical_name(key)
        if name in out and spelled[name] == key:
            raise error(f"{what} name {shorten(key)} twice; give it once")
        if name in out:
            raise error(
                f"{what} name {shorten(spelled[name])} and {shorten(key)}: two spellings of "
                "one name (they differ only in Unicode composition or surrounding spaces); "
                "give it once"
            )
        out[name], spelled[name] = value, key
    return out


def _near(name: object, known: Iterable[str]) -> str:
    """``"; did you mean 'x'? (...)"`` when ``name`` differs from a known name only in letter
    case, inner spaces or Unicode compatibility forms (a ligature, full-width letters),
    which a message quoting both would not make visible; else ``""``."""
    if not isinstance(name, str):
        return ""

    def loose(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    target = loose(name)
    for other in known:
        if loose(other) != target:
            continue
        a, b = unicodedata.normalize("NFKC", name), unicodedata.normalize("NFKC", other)
        spaced_a, spaced_b = " ".join(a.split()), " ".join(b.split())
        parts = [
            label
            for label, differs in (
                ("letter case", spaced_a != spaced_b),
                ("spaces", spaced_a != a or spaced_b != b),
                (
                    "Unicode compatibility characters (a ligature, full-width letters)",
                    (a, b) != (name, other),
                ),
            )
            if differs
        ]
        return f"; did you mean {shorten(other)}? (the two differ only in {' and '.join(parts)})"
    return ""


def _check_name(name: object, what: str) -> str:
    if not isinstance(name, str):
        raise ProblemError(f"{what} name must be text (got {shorten(name)})")
    stripped = canonical_name(name)
    if not stripped:
        raise ProblemError(f"{what} name must not be empty (got {shorten(name)})")
    return stripped


def _check_text(value: object, field: str, owner: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProblemError(f"{field} of {shorten(owner)} must be text (got {shorten(value)})")
    return value


def _number(
    value: object, what: str | Callable[[], str], error: type[ProblemError] = ProblemError
) -> float:
    """``value`` as a float, or ``error`` saying why it cannot be one.

    Python and numpy integers and floats are numbers; ``bool``, text, complex numbers and
    time spans are not. An integer beyond the float range (``10**400``) is refused as too
    large rather than raising a raw :class:`OverflowError`. ``what`` may be a function
    giving the text, so that a big table does not format a label per cell.
    """
    real = isinstance(value, int | float | np.integer | np.floating)
    if not real or isinstance(value, bool | np.bool_ | np.timedelta64):
        label = what() if callable(what) else what
        raise error(f"{label} must be a number (got {shorten(value)})")
    try:
        return float(value)
    except OverflowError:
        label = what() if callable(what) else what
        raise error(
            f"{label} is too large to compute with (got {shorten(value)}; numbers must lie "
            "within about ±1.8e308)"
        ) from None


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


def _unique_names(items: Sequence[Criterion] | Sequence[Alternative], what: str) -> tuple[str, ...]:
    names = tuple(item.name for item in items)
    if not names:
        raise ProblemError(f"a problem needs at least one {what}")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ProblemError(f"duplicate {what} name {shorten(name)}; names must be unique")
        seen.add(name)
    return names


def _sequence(items: object, what: str, of: str) -> tuple[Any, ...]:
    """``items`` as a tuple, or a :class:`ProblemError` if it is not a list of things."""
    if isinstance(items, pd.DataFrame):
        raise ProblemError(
            f"{what} must be a list of {of} (got a DataFrame; Problem.from_frames reads tables)"
        )
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        raise ProblemError(f"{what} must be a list of {of} (got {shorten(items)})")
    return tuple(items)


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
        given = [canonical_name(label) for label in labels]
        known, present = set(expected), set(given)  # sets: labels are checked in O(m), not O(m^2)
        if len(present) != len(given):
            dup = next(x for x, count in Counter(given).items() if count > 1)
            raise ProblemError(f"{what} has duplicate {axis} label {shorten(dup)}")
        unknown = [x for x in given if x not in known]
        missing = [x for x in expected if x not in present]
        if unknown:
            raise ProblemError(
                f"{what} has unknown {axis} {shorten(unknown[0])}; known: {_listing(expected)}"
                + _near(unknown[0], expected)
            )
        if missing:
            raise ProblemError(f"{what} has no {axis} {shorten(missing[0])}")
    frame = frame.copy()
    frame.index = [canonical_name(x) for x in frame.index]
    frame.columns = [canonical_name(x) for x in frame.columns]
    return frame.loc[list(rows), list(cols)]


def _to_float_grid(
    values: Any, rows: tuple[str, ...], cols: tuple[str, ...], what: str
) -> np.ndarray:
    """Convert a 2-D grid to floats, naming the (row, column) of the first bad value.

    A numpy array of integers or floats holds nothing to refuse and is converted at once;
    anything else is checked value by value.
    """
    numeric = isinstance(values, np.ndarray) and values.dtype.kind in "fiu"
    grid = values if numeric else np.asarray(values, dtype=object)
    if grid.ndim != 2:
        raise ProblemError(f"{what} must be a 2-D table (got {grid.ndim} dimension(s))")
    if grid.shape != (len(rows), len(cols)):
        raise ProblemError(
            f"{what} must be {len(rows)} x {len(cols)} ({len(rows)} rows, one per "
            f"{'alternative' if what == 'performance' else 'criterion'}, and {len(cols)} "
            f"columns, one per criterion); got {grid.shape[0]} x {grid.shape[1]}"
        )
    if numeric:
        return grid.astype(float)
    out = np.empty(grid.shape, dtype=float)
    for (i, j), value in np.ndenumerate(grid):
        out[i, j] = _number(
            value, lambda i=i, j=j: f"{what} value for {shorten(rows[i])} / {shorten(cols[j])}"
        )
    return out


def _performance(
    performance: Any, alternatives: tuple[str, ...], criteria: tuple[str, ...]
) -> np.ndarray:
    if isinstance(performance, pd.DataFrame):
        aligned = _align_frame(performance, alternatives, criteria, "performance", "alternative")
        numeric = all(isinstance(t, np.dtype) and t.kind in "fiu" for t in aligned.dtypes)
        performance = aligned.to_numpy(dtype=float if numeric else object)
    grid = _to_float_grid(performance, alternatives, criteria, "performance")
    bad = ~np.isfinite(grid)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        what = "missing (NaN)" if math.isnan(grid[i, j]) else "infinite"
        raise ProblemError(
            f"performance value for {shorten(alternatives[i])} / {shorten(criteria[j])} is {what}; "
            "every alternative needs a finite number on every criterion"
        )
    return _readonly(grid)


def _weights(weights: Any, criteria: tuple[str, ...]) -> np.ndarray:
    if isinstance(weights, Mapping | pd.Series):
        given = _canonical_keys(weights, "weights")
        unknown = [k for k in given if k not in criteria]
        if unknown:
            raise ProblemError(
                f"weights name unknown criterion {shorten(unknown[0])}; known: {_listing(criteria)}"
                + _near(unknown[0], criteria)
            )
        missing = [c for c in criteria if c not in given]
        if missing:
            raise ProblemError(f"weights give no weight for criterion {shorten(missing[0])}")
        weights = [given[c] for c in criteria]
    values = np.asarray(weights, dtype=object)
    if values.ndim != 1 or values.shape[0] != len(criteria):
        got = f"shape {values.shape}" if values.ndim else shorten(weights)
        raise ProblemError(
            f"weights must hold one number per criterion ({len(criteria)}); got {got}"
        )
    out = np.empty(len(criteria))
    for j, value in enumerate(values):
        value = _number(value, f"weight of {shorten(criteria[j])}")
        if not math.isfinite(value):
            raise ProblemError(f"weight of {shorten(criteria[j])} must be finite (got {value})")
        if value < 0:
            raise ProblemError(
                f"weight of {shorten(criteria[j])} must not be negative (got {value})"
            )
        out[j] = value
    try:
        total = math.fsum(out)
    except OverflowError:  # the exact sum is beyond the float range
        total = math.inf
    if total == math.inf:
        raise ProblemError(
            f"weights are too large to add up: their sum is beyond the largest number a "
            f"computer holds (about 1.8e308; largest weight {out.max():g}); divide them all "
            "by one number, e.g. so that they sum to 1"
        )
    if total <= 0:
        raise ProblemError(f"weights must sum to a positive number (got {total})")
    return _readonly(out)


def _comparisons(comparisons: Any, criteria: tuple[str, ...]) -> np.ndarray:
    if isinstance(comparisons, pd.DataFrame):
        comparisons = _align_frame(
            comparisons, criteria, criteria, "comparison matrix", "criterion"
        ).to_numpy(dtype=object)
    grid = _to_float_grid(comparisons, criteria, criteria, "comparison matrix")
    return _readonly(ahp.check_matrix(grid, names=list(criteria), allow_missing=True))


def _experts(
    experts: Any, expert_weights: Any, tree: hierarchy.Hierarchy
) -> tuple[dict[str, Any], np.ndarray | None, Any]:
    """Each expert's validated matrices, the expert weights as given, the AIJ group matrices.

    For a hierarchy each expert gives ``{parent: matrix}`` (as ``comparisons``), and the
    group matrices are aggregated parent by parent.
    """
    if not isinstance(experts, Mapping) or not experts:
        example = (
            "{'Quality manager': m1, 'CEO': m2}"
            if tree.is_flat
            else "{'Quality manager': {None: top, 'cost': m_cost, ...}, 'CEO': {...}}"
        )
        raise ProblemError(
            "'experts' must map each expert's name to their criteria comparisons, e.g. "
            + example
            + (f" (got {type(experts).__name__})" if not isinstance(experts, Mapping) else "")
        )
    matrices: dict[str, Any] = {}
    for key, matrix in experts.items():
        name = _check_name(key, "expert")
        if name in matrices:
            raise ProblemError(f"duplicate expert name {shorten(name)}; names must be unique")
        try:
            matrices[name] = _criteria_comparisons(matrix, tree, "each expert's comparisons")
        except ProblemError as exc:
            raise type(exc)(f"expert {shorten(name)}: {exc}") from exc
    weights = None
    if expert_weights is not None:
        if isinstance(expert_weights, Mapping | pd.Series):
            expert_weights = _canonical_keys(expert_weights, "'expert_weights'")
        elif not isinstance(expert_weights, Sequence | np.ndarray) or isinstance(
            expert_weights, str
        ):
            raise ProblemError(
                "'expert_weights' must map expert names to positive numbers "
                f"(got {type(expert_weights).__name__})"
            )
        expert_weights = _expert_weights(expert_weights, tuple(matrices))
    if tree.is_flat:
        group: Any = _readonly(
            ahp.aggregate(matrices, expert_weights, names=list(tree.leaves)).matrix
        )
    else:
        group = {}
        for parent in tree.groups:
            try:
                group[parent] = _readonly(
                    ahp.aggregate(
                        {e: m[parent] for e, m in matrices.items()},
                        expert_weights,
                        names=list(tree.children(parent)),
                    ).matrix
                )
            except ProblemError as exc:
                what = (
                    "top-level criteria" if parent is None else f"sub-criteria of {shorten(parent)}"
                )
                raise type(exc)(f"the experts' comparisons of the {what}: {exc}") from exc
        group = MappingProxyType(group)
    if expert_weights is not None:
        given = (
            [expert_weights[name] for name in matrices]
            if isinstance(expert_weights, Mapping)
            else list(expert_weights)
        )
        weights = _readonly(np.array(given, dtype=float))
    return matrices, weights, group


def _expert_weights(given: Any, experts: tuple[str, ...]) -> Any:
    """Expert weights (a mapping or one per expert, in order) as positive floats.

    Each value is made a number, so that ``10**400``, text or a complex number is a
    :class:`ProblemError` naming the expert; names are matched in NFC.
    """
    if isinstance(given, Mapping):
        unknown = [k for k in given if k not in experts]
        missing = [e for e in experts if e not in given]
        if unknown or missing:
            raise ProblemError(
                f"expert weights must be given for exactly the experts {_listing(experts)} "
                f"(unknown: {_listing(unknown)}; without a weight: {_listing(missing)})"
            )
        pairs = list(given.items())
    else:
        values = list(given)
        if len(values) != len(experts):
            raise ProblemError(
                f"'expert_weights' gives {len(values)} weights for {len(experts)} experts "
                f"{_listing(experts)}; give one per expert, in order, or map names to weights"
            )
        pairs = list(zip(experts, values, strict=True))
    out = {}
    for name, value in pairs:
        what = f"the weight of expert {shorten(name)}"
        number = _number(value, what)
        if not (math.isfinite(number) and number > 0):
            raise ProblemError(f"{what} must be a positive number (got {number})")
        out[name] = number
    try:
        math.fsum(out.values())
    except OverflowError:  # the sum is beyond the float range: normalising would give zeros
        raise ProblemError(
            "expert weights are too large to add up (their sum is beyond about 1.8e308); "
            "divide them all by one number, e.g. so that they sum to 1"
        ) from None
    return out if isinstance(given, Mapping) else list(out.values())


def _square_frame(frame: pd.DataFrame, names: tuple[str, ...], what: str) -> np.ndarray:
    """A labelled square table reordered to ``names`` on both axes."""
    for axis, labels in (("row", frame.index), ("column", frame.columns)):
        given = [canonical_name(x) for x in labels]
        known, present = set(names), set(given)
        unknown = [x for x in given if x not in known]
        missing = [x for x in names if x not in present]
        if unknown or missing or len(set(given)) != len(given):
            raise ProblemError(
                f"{what} must have one {axis} per alternative {_listing(names)} "
                f"(unknown: {_listing(unknown)}; missing: {_listing(missing)})"
            )
    frame = frame.copy()
    frame.index = [canonical_name(x) for x in frame.index]
    frame.columns = [canonical_name(x) for x in frame.columns]
    return frame.loc[list(names), list(names)].to_numpy(dtype=object)


def _alternative_comparisons(
    comparisons: Any, criteria: tuple[str, ...], alternatives: tuple[str, ...]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Criterion -> (validated alternatives matrix, eigenvector local priorities)."""
    if not isinstance(comparisons, Mapping):
        raise ProblemError(
            "'alternative_comparisons' must map criterion names to pairwise-comparison "
            f"matrices of the alternatives (got {type(comparisons).__name__})"
        )
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for crit, matrix in _canonical_keys(comparisons, "alternative comparisons").items():
        if crit not in criteria:
            raise ProblemError(
                f"alternative comparisons name unknown criterion {shorten(crit)}; "
                f"known: {_listing(criteria)}" + _near(crit, criteria)
            )
        what = f"alternative comparisons under {shorten(crit)}"
        if isinstance(matrix, pd.DataFrame):
            matrix = _square_frame(matrix, alternatives, what)
        shape = np.shape(np.asarray(matrix, dtype=object))
        if shape != (len(alternatives),) * 2:
            raise ProblemError(
                f"{what} must be {len(alternatives)} x {len(alternatives)}, one row and one "
                f"column per alternative; got {' x '.join(map(str, shape)) or 'a single value'}"
            )
        try:
            grid = _to_float_grid(matrix, alternatives, alternatives, "comparison matrix")
            arr = ahp.check_matrix(grid, names=list(alternatives), allow_missing=True)
            local = ahp.priorities(arr, names=list(alternatives)).weights
        except ProblemError as exc:
            message = str(exc).replace("connect all criteria", "connect all alternatives")
            raise type(exc)(f"{what}: {message}") from exc
        out[crit] = (_readonly(arr), _readonly(local))
    return out


def _check_leaf_data(tree: hierarchy.Hierarchy, performance: Any, rated: Any) -> None:
    """Performance of a hierarchy: one column per leaf criterion, none for a group."""
    groups = [g for g in tree.groups if g is not None]
    by_comparison = {canonical_name(k) for k in rated} if isinstance(rated, Mapping) else set()
    needed = [leaf for leaf in tree.leaves if leaf not in by_comparison]
    if isinstance(performance, pd.DataFrame):
        given = [canonical_name(c) for c in performance.columns]
        for name in given:
            if name in groups:
                kids = ", ".join(shorten(k) for k in tree.children(name))
                raise ProblemError(
                    f"performance given for {shorten(name)}, which has sub-criteria ({kids}); "
                    "performance belongs to the leaf criteria only"
                )
        for name in needed:
            if name not in given:
                raise ProblemError(
                    f"leaf criterion {shorten(name)} has no performance data (no column "
                    f"{shorten(name)} in performance)"
                )
        return
    if performance is None:
        return
    shape = np.shape(np.asarray(performance, dtype=object))
    if len(shape) == 2 and shape[1] != len(needed):
        if shape[1] == len(tree.names):
            raise ProblemError(
                f"performance has {shape[1]} columns, one per criterion including the groups "
                f"{', '.join(shorten(g) for g in groups)}; give one column per leaf criterion "
                f"({', '.join(shorten(n) for n in needed)}), groups have no performance of "
                "their own"
            )
        raise ProblemError(
            f"performance has {shape[1]} columns for {len(needed)} leaf criteria "
            f"({', '.join(shorten(n) for n in needed)}): every leaf criterion needs performance "
            "data, and only leaves have it"
        )


def _criteria_comparisons(
    comparisons: Any, tree: hierarchy.Hierarchy, label: str = "'comparisons'"
) -> Any:
    """The criteria matrix of a flat problem, or a read-only {parent: matrix} of a hierarchy.

    ``label`` names the argument in messages (an expert's comparisons are checked here too).
    """
    is_map = isinstance(comparisons, Mapping)
    if is_map:
        comparisons = _canonical_keys(comparisons, "comparisons")
    if tree.is_flat:
        if not is_map:
            return _comparisons(comparisons, tree.leaves)
        unknown = [k for k in comparisons if k is not None]
        if unknown:
            raise ProblemError(
                f"comparisons name {shorten(unknown[0])} as a parent, but no criterion has "
                "sub-criteria; give one matrix of all criteria (or {None: matrix})"
            )
        if None not in comparisons:
            raise ProblemError("comparisons give no matrix for the top level (key None)")
        return _comparisons(comparisons[None], tree.leaves)
    if not is_map:
        raise ProblemError(
            f"this problem has sub-criteria: give {label} as a mapping from each parent "
            "(None for the top level) to the comparison matrix of its sub-criteria, e.g. "
            f"{{None: top, {shorten(next(g for g in tree.groups if g is not None))}: matrix, ...}}"
        )
    for key in comparisons:
        if key is not None and key not in tree.names:
            raise ProblemError(
                f"comparisons name unknown parent {shorten(key)}; parents: "
                f"{', '.join(shorten(g) for g in tree.groups[1:])} (None for the top level)"
            )
        if key is not None and not tree.children(key):
            raise ProblemError(
                f"comparisons given for {shorten(key)}, which has no sub-criteria; only the "
                "sub-criteria of a parent are compared"
            )
    out: dict[str | None, np.ndarray] = {}
    for parent in tree.groups:
        kids = tree.children(parent)
        what = "top-level criteria" if parent is None else f"sub-criteria of {shorten(parent)}"
        if parent not in comparisons:
            if len(kids) == 1:
                out[parent] = _readonly(np.ones((1, 1)))
                continue
            raise ProblemError(
                f"no comparison matrix for the {what} ({', '.join(shorten(k) for k in kids)})"
            )
        try:
            out[parent] = _comparisons(comparisons[parent], kids)
        except ProblemError as exc:
            raise type(exc)(f"comparisons of the {what}: {exc}") from exc
    return MappingProxyType(out)


def _criteria_weights(weights: Any, tree: hierarchy.Hierarchy) -> np.ndarray:
    """Typed weights: one per criterion (local weights for a hierarchy)."""
    if tree.is_flat:
        return _weights(weights, tree.leaves)
    values = _weights(weights, tree.names)
    for parent in tree.groups:
        kids = tree.children(parent)
        if sum(values[tree.names.index(k)] for k in kids) <= 0:
            what = "top-level criteria" if parent is None else f"sub-criteria of {shorten(parent)}"
            raise ProblemError(
                f"the weights of the {what} ({', '.join(shorten(k) for k in kids)}) are all zero; "
                "at least one must be positive"
            )
    return values


def _blank(value: object) -> bool:
    """An empty table cell: None, NaN or pandas' NA."""
    nan = isinstance(value, float | np.floating) and math.isnan(value)
    return value is None or value is pd.NA or value is pd.NaT or nan


def _requirements(requirements: Any, criteria: tuple[str, ...]) -> np.ndarray:
    """Per-criterion (minimum, maximum) bounds as an n x 2 array, NaN for 'no bound'."""
    bounds = np.full((len(criteria), 2), np.nan)
    if isinstance(requirements, pd.DataFrame):
        unknown_cols = [c for c in requirements.columns if c not in _REQUIREMENT_COLUMNS]
        if unknown_cols:
            raise RequirementError(
                f"requirements have unknown column {shorten(unknown_cols[0])}; "
                "expected 'minimum' and/or 'maximum'"
            )
        if requirements.index.has_duplicates:
            dup = requirements.index[requirements.index.duplicated()][0]
            raise RequirementError(f"requirements list criterion {shorten(dup)} twice")
        # In a table an empty cell (NaN) is the way to leave a bound out.
        requirements = {
            idx: {col: None if _blank(row[col]) else row[col] for col in requirements.columns}
            for idx, row in requirements.iterrows()
        }
    if not isinstance(requirements, Mapping):
        raise RequirementError(
            "requirements must map criterion names to bounds, e.g. "
            "{'market access': {'minimum': 7}} or {'effort': (None, 5)} "
            f"(got {type(requirements).__name__})"
        )
    for key, bound in _canonical_keys(requirements, "requirements", RequirementError).items():
        name = key
        if name is None:
            raise RequirementError(
                f"a requirement must name its criterion (got None); known: {_listing(criteria)}"
            )
        if name not in criteria:
            raise RequirementError(
                f"requirement names unknown criterion {shorten(name)}; known: {_listing(criteria)}"
                + _near(name, criteria)
            )
        j = criteria.index(name)
        if isinstance(bound, Mapping):
            unknown = [k for k in bound if k not in _REQUIREMENT_COLUMNS]
            if unknown:
                raise RequirementError(
                    f"requirement on {shorten(name)} has unknown key {shorten(unknown[0])}; "
                    "expected 'minimum' and/or 'maximum'"
                )
            pair = (bound.get("minimum"), bound.get("maximum"))
        elif (
            isinstance(bound, Sequence | np.ndarray)
            and not isinstance(bound, str | bytes)
            and len(bound) == 2
        ):
            pair = (bound[0], bound[1])
        else:
            raise RequirementError(
                f"requirement on {shorten(name)} must be (minimum, maximum) or "
                f"{{'minimum': ..., 'maximum': ...}} (got {shorten(bound)})"
            )
        for k, value in enumerate(pair):
            if value is None:
                continue
            side = _REQUIREMENT_COLUMNS[k]
            number = _number(value, f"{side} for {shorten(name)}", RequirementError)
            if math.isnan(number):  # refused like inf: NaN compares false, so it would never screen
                raise RequirementError(
                    f"{side} for {shorten(name)} is NaN (not a number); give a number, "
                    f"or None (an empty cell) for no {side}"
                )
            if not math.isfinite(number):
                raise RequirementError(f"{side} for {shorten(name)} must be finite (got {number})")
            bounds[j, k] = number
        low, high = bounds[j]
        if not (math.isnan(low) or math.isnan(high)) and low > high:
            raise RequirementError(
                f"requirement on {shorten(name)} has minimum {low:g} above maximum {high:g}; "
                "no alternative could meet it"
            )
    return _readonly(bounds)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, Mapping) or isinstance(b, Mapping):
        return (
            isinstance(a, Mapping)
            and isinstance(b, Mapping)
            and list(a) == list(b)
            and all(_same(a[k], b[k]) for k in a)
        )
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-12, atol=0.0, equal_nan=True))


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
        for crit, (_, local) in rated.items():
            full[:, c_names.index(crit)] = local
        set_(self, "_performance", _readonly(full))
        group = None if experts is None else _experts(experts, expert_weights, tree)
        set_(self, "_experts", None if group is None else group[0])
        set_(self, "_expert_weights", None if group is None else group[1])
        set_(
            self,
            "_comparisons",
            group[2]
            if group is not None
            else None
            if comparisons is None
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
        if self._comparisons is None:
            raise ProblemError("this problem has weights typed directly, not pairwise comparisons")
        if self._experts is not None:
            raise ProblemError(
                "this problem holds several experts' comparisons; change one expert's matrix "
                "with replace(experts={...})"
            )
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
    def comparisons(self) -> pd.DataFrame | dict[str | None, pd.DataFrame] | None:
        """The criteria comparison matrix as a DataFrame (a copy), or None.

        For a problem with sub-criteria: a dict mapping each parent (None for the
        top level) to the comparison matrix of its sub-criteria, the form
        :class:`Problem` accepts.
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
            for c, (m, _) in self._alternative_comparisons.items()
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
            and self.experts == other.experts
            and _same(self._expert_weights, other._expert_weights)
            and all(_same(self._experts[e], other._experts[e]) for e in self.experts)
            and self._alternative_comparisons.keys() == other._alternative_comparisons.keys()
            and all(
                _same(m, other._alternative_comparisons[c][0])
                for c, (m, _) in self._alternative_comparisons.items()
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


def _parent_cell(value: object) -> object:
    """A criteria table's ``parent`` cell: empty (None, NaN, ``""``) is the top level."""
    return None if _blank(value) or (isinstance(value, str) and not value.strip()) else value


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
            raise ProblemError(f"the {what} table has no {shorten(col)} column")
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
