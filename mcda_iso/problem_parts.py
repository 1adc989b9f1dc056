"""The parts of a :class:`~mcda_iso.Problem`, validated: numbers, tables, comparison
matrices, experts, requirements.

Each function turns one argument of :class:`~mcda_iso.Problem` as the user gave it into
the read-only array the problem stores, or raises :class:`~mcda_iso.errors.ProblemError`
naming the criterion, alternative or expert at fault. :class:`~mcda_iso.Problem` is the
one place they are called: a problem is validated once, when it is made.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mcda_iso import hierarchy
from mcda_iso.errors import ProblemError, RequirementError, shorten
from mcda_iso.judgments import _require_connected, check_matrix
from mcda_iso.names import _canonical_keys, _check_name, _listing, _near, canonical_name

if TYPE_CHECKING:  # pragma: no cover
    from mcda_iso.problem import Alternative, Criterion

REQUIREMENT_COLUMNS = ("minimum", "maximum")


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
    matrix = check_matrix(grid, names=list(criteria), allow_missing=True)
    _require_connected(np.isnan(matrix), list(criteria))
    return _readonly(matrix)


def _experts(
    experts: Any, expert_weights: Any, tree: hierarchy.Hierarchy
) -> tuple[dict[str, Any], np.ndarray | None]:
    """Each expert's validated matrices and the expert weights as given.

    For a hierarchy each expert gives ``{parent: matrix}`` (as ``comparisons``). Each
    matrix is validated and its judgments must connect its criteria, so that any
    aggregation the ranking makes of them is defined; the aggregation itself is the
    ranking's (:func:`mcda_iso.rank`), not the problem's.
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
    if expert_weights is not None:
        given = (
            [expert_weights[name] for name in matrices]
            if isinstance(expert_weights, Mapping)
            else list(expert_weights)
        )
        weights = _readonly(np.array(given, dtype=float))
    return matrices, weights


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
) -> dict[str, np.ndarray]:
    """Criterion -> validated alternatives matrix (its judgments connect the alternatives).

    The local priorities are the ranking's to derive (with its AHP method and scale).
    """
    if not isinstance(comparisons, Mapping):
        raise ProblemError(
            "'alternative_comparisons' must map criterion names to pairwise-comparison "
            f"matrices of the alternatives (got {type(comparisons).__name__})"
        )
    out: dict[str, np.ndarray] = {}
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
            arr = check_matrix(grid, names=list(alternatives), allow_missing=True)
            _require_connected(np.isnan(arr), list(alternatives))
        except ProblemError as exc:
            message = str(exc).replace("connect all criteria", "connect all alternatives")
            raise type(exc)(f"{what}: {message}") from exc
        out[crit] = _readonly(arr)
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
        unknown_cols = [c for c in requirements.columns if c not in REQUIREMENT_COLUMNS]
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
            unknown = [k for k in bound if k not in REQUIREMENT_COLUMNS]
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
            side = REQUIREMENT_COLUMNS[k]
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
