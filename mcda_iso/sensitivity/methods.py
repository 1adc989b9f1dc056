"""Do other MCDA methods agree? The same weights and decision matrix ranked by seven
methods (pymcdm is the engine), and how far their rankings agree."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import synthesis, topsis
from mcda_iso.errors import MethodError
from mcda_iso.ranking import method_title
from mcda_iso.sensitivity.analysed import analysed

__all__ = ["COMPARED_METHODS", "MethodComparison", "compare_methods"]

#: Methods compared by :func:`compare_methods`, with a readable title each.
COMPARED_METHODS: dict[str, str] = {
    "topsis_vector": f"{method_title('topsis')} (vector normalisation)",
    "topsis_minmax": f"{method_title('topsis')} (min-max normalisation)",
    "ahp": method_title("ahp", "distributive"),
    "vikor": "VIKOR (v = 0.5)",
    "promethee_ii": "PROMETHEE II (usual criterion)",
    "wsm": "WSM / SAW (linear max normalisation)",
    "spotis": "SPOTIS (bounds: performance min/max)",
}


@dataclass(frozen=True, eq=False)
class MethodComparison:
    """Rankings of one problem by several MCDA methods, and how far they agree.

    Attributes
    ----------
    scores : pandas.DataFrame
        Alternatives x methods, each method's own score. Larger is better except
        for ``vikor`` (Q) and ``spotis`` (distance to the ideal point).
    rankings : pandas.DataFrame
        Alternatives x methods, ranks (1 = best; ties share the mean rank, as
        ``pymcdm.helpers.rankdata`` gives them).
    spearman : pandas.DataFrame
        Methods x methods, Spearman's rank correlation (``pymcdm.correlations.spearman``);
        NaN where a method ties every alternative (the coefficient is undefined).
    weighted_spearman : pandas.DataFrame
        Methods x methods, weighted Spearman r_w (Pinto da Costa & Soares 2005):
        disagreements near the top weigh more.
    ws : pandas.DataFrame
        Methods x methods, the WS rank similarity coefficient (Sałabun & Urbaniak
        2020), ``ws[row][col] = ws(ranking_row, ranking_col)``: the row's ranking is the
        reference (WS is not symmetric).
    skipped : dict of str to str
        Methods that do not apply to this data, with the reason (e.g. VIKOR when a
        criterion has the same value for every alternative).
    """

    scores: pd.DataFrame
    rankings: pd.DataFrame
    spearman: pd.DataFrame
    weighted_spearman: pd.DataFrame
    ws: pd.DataFrame
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def agree_on_best(self) -> bool:
        """True when every method ranks the same alternative first (alone)."""
        firsts = [tuple(self.rankings.index[self.rankings[c] == 1]) for c in self.rankings]
        return len(set(firsts)) == 1 and len(firsts[0]) == 1

    def __str__(self) -> str:
        lines = [
            "Rankings by method (1 = best):",
            self.rankings.to_string(float_format=lambda x: f"{x:g}"),
            "",
            "Spearman rank correlation:",
            self.spearman.to_string(float_format=lambda x: f"{x:.2f}"),
            "",
            "WS rank similarity (row = reference ranking):",
            self.ws.to_string(float_format=lambda x: f"{x:.2f}"),
        ]
        for name, reason in self.skipped.items():
            lines.append(f"(not applied: {name}: {reason})")
        return "\n".join(lines)


def _spotis_bounds(matrix: np.ndarray) -> np.ndarray:
    """[min, max] of each criterion's performance; a constant column is widened to +/- 1."""
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    flat = low == high
    return np.column_stack([np.where(flat, low - 1.0, low), np.where(flat, high + 1.0, high)])


def compare_methods(result: Any, **options: Any) -> MethodComparison:
    """Rank the problem by seven MCDA methods and measure how well the rankings agree.

    All methods use the same weights (those of :func:`mcda_iso.rank`) on the
    alternatives that meet the requirements:

    * ``topsis_vector``, ``topsis_minmax``: :func:`mcda_iso.topsis.closeness`
      (Hwang & Yoon 1981);
    * ``ahp``: AHP synthesis, distributive mode (:func:`mcda_iso.synthesis.scores`);
    * ``vikor``: ``pymcdm.methods.VIKOR()`` with v = 0.5 (Opricovic & Tzeng 2004),
      lower Q is better;
    * ``promethee_ii``: ``pymcdm.methods.PROMETHEE_II("usual")``, net outranking flow
      with the usual (strict) preference function (Brans & Vincke 1985);
    * ``wsm``: ``pymcdm.methods.WSM(linear_normalization)``, the simple additive
      weighting of x / max (benefit) and min / x (cost) (Hwang & Yoon 1981);
      pymcdm's default sum normalisation would repeat the AHP synthesis exactly;
    * ``spotis``: ``pymcdm.methods.SPOTIS(bounds)`` (Dezert et al. 2020), lower is
      better. SPOTIS needs the bounds of each criterion's scale; the performance
      minimum and maximum are used (a constant criterion is widened to +/- 1).
      With data bounds SPOTIS ranks like a weighted sum of min-max normalised values,
      and it is free of rank reversal only as long as the bounds stay fixed.

    A method that cannot be applied (e.g. VIKOR with a constant criterion; AHP
    synthesis and WSM with non-positive values) is left out and listed in ``skipped``.

    Parameters
    ----------
    result : Result
        The ranking whose weights and decision matrix are compared (a Problem is
        ranked first with ``options``, the keyword options of :func:`mcda_iso.rank`).
    **options
        Only with a Problem (with a Result they must agree with its options).

    Returns
    -------
    MethodComparison

    Raises
    ------
    MethodError
        Fewer than two ranked alternatives, or TOPSIS cannot rank the data.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer.
    .. [2] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods.
       *European Journal of Operational Research*, 156(2), 445-455.
    .. [3] Brans, J.-P., & Vincke, P. (1985). A preference ranking organisation method.
       *Management Science*, 31(6), 647-656.
    .. [4] Dezert, J., Tchamova, A., Han, D., & Tacnet, J.-M. (2020). The SPOTIS rank
       reversal free method for multi-criteria decision-making support. *FUSION 2020*.
    .. [5] Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity
       in decision-making problems. *ICCS 2020*, LNCS 12138, 632-645.
    .. [6] Pinto da Costa, J., & Soares, C. (2005). A weighted rank measure of
       correlation. *Australian & New Zealand Journal of Statistics*, 47(4), 515-529.

    Examples
    --------
    >>> from mcda_iso import load_scenario, rank
    >>> c = compare_methods(rank(load_scenario("iso9001")))
    >>> list(c.rankings.columns)
    ['topsis_vector', 'topsis_minmax', 'ahp', 'vikor', 'promethee_ii', 'wsm', 'spotis']
    >>> c.agree_on_best
    True
    """
    _import_pymcdm()
    from pymcdm import correlations  # heavy (matplotlib): imported when comparing
    from pymcdm.helpers import rankdata
    from pymcdm.methods import PROMETHEE_II, SPOTIS, VIKOR

    setup = analysed(result, "compare_methods", **options)
    matrix, weights, types = np.array(setup.matrix), setup.weights, setup.types
    names = list(setup.criteria)
    runs: dict[str, tuple[Callable[[], np.ndarray], bool]] = {
        "topsis_vector": (lambda: topsis.closeness(matrix, weights, types, "vector"), True),
        "topsis_minmax": (lambda: topsis.closeness(matrix, weights, types, "minmax"), True),
        "ahp": (
            lambda: synthesis.scores(
                matrix, weights, types, names=names, alternatives=setup.alternatives
            ),
            True,
        ),
        "vikor": (lambda: VIKOR()(matrix, weights, types), False),
        "promethee_ii": (lambda: PROMETHEE_II("usual")(matrix, weights, types), True),
        "wsm": (lambda: _wsm(matrix, weights, types, names, setup.alternatives), True),
        "spotis": (lambda: SPOTIS(_spotis_bounds(matrix))(matrix, weights, types), False),
    }
    scores: dict[str, np.ndarray] = {}
    rankings: dict[str, np.ndarray] = {}
    skipped: dict[str, str] = {}
    for key, (run, larger_is_better) in runs.items():
        try:
            with np.errstate(all="raise"), warnings.catch_warnings():
                # pymcdm's validator notes dominant/dominated alternatives; not a problem here.
                warnings.filterwarnings("ignore", "Alternatives with indices", UserWarning)
                values = np.asarray(run(), dtype=float)
        except MethodError as exc:
            if key == "topsis_vector":
                raise
            skipped[key] = str(exc)
            continue
        except (ValueError, FloatingPointError, ZeroDivisionError):
            skipped[key] = _why_not(key, matrix, names, setup.alternatives)
            continue
        if not np.isfinite(values).all():
            skipped[key] = "the method gave a non-finite score"
            continue
        scores[key] = values
        rankings[key] = rankdata(np.round(values, 12), reverse=larger_is_better)
    index = pd.Index(setup.alternatives, name="alternative")
    keys = list(scores)
    coefficients: dict[str, pd.DataFrame] = {}
    for label, func in (
        ("spearman", correlations.spearman),
        ("weighted_spearman", correlations.weighted_spearman),
        ("ws", correlations.ws),
    ):
        table = np.empty((len(keys), len(keys)))
        for a, ka in enumerate(keys):
            for b, kb in enumerate(keys):
                x, y = rankings[ka], rankings[kb]
                if label == "spearman" and (np.ptp(x) == 0 or np.ptp(y) == 0):
                    table[a, b] = np.nan  # undefined for a ranking with every alternative tied
                else:
                    table[a, b] = float(func(x, y))
        coefficients[label] = pd.DataFrame(
            table, index=pd.Index(keys, name="method"), columns=pd.Index(keys, name="method")
        )
    return MethodComparison(
        scores=pd.DataFrame(scores, index=index),
        rankings=pd.DataFrame(rankings, index=index),
        skipped=skipped,
        **coefficients,
    )


# pymcdm's __init__ imports its plots (pymcdm.visuals: matplotlib.pyplot) and its weighting
# methods (pymcdm.weights: scipy.linalg), which compare_methods does not use: about 0.2 s of
# every report. They load on first use instead (benchmarks/bench_report.py).
_DEFERRED = ("pymcdm.visuals", "pymcdm.weights")


class _Deferred(types.ModuleType):
    """A pymcdm submodule not loaded yet: the first attribute asked of it loads it."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _import_pymcdm() -> None:
    """Import pymcdm with its plotting and weighting submodules deferred to their first use."""
    if "pymcdm" in sys.modules:
        return
    top = importlib.util.find_spec("pymcdm")
    where = list(top.submodule_search_locations or []) if top is not None else []
    for name in _DEFERRED:
        found = importlib.machinery.PathFinder.find_spec(name, where) if where else None
        if found is not None and name not in sys.modules:
            sys.modules[name] = module = _Deferred(name)
            module.__spec__ = found
    import pymcdm  # noqa: F401


def _wsm(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, criteria: Sequence[str],
    alternatives: Sequence[str],
) -> np.ndarray:  # fmt: skip
    from pymcdm.methods import WSM
    from pymcdm.normalizations import linear_normalization

    bad = np.argwhere(matrix <= 0)
    if bad.size:
        i, j = bad[0]
        message = (
            "WSM with linear (x / max) normalisation needs positive values: "
            f"{alternatives[i]!r} has {matrix[i, j]:g} on {criteria[j]!r}"
        )
        raise MethodError(message)
    return WSM(linear_normalization)(matrix, weights, types)


def _why_not(
    key: str, matrix: np.ndarray, criteria: Sequence[str], alternatives: Sequence[str]
) -> str:
    """Why a method could not rank these values, in words (never the library's text)."""
    title = COMPARED_METHODS[key]
    flat = [c for j, c in enumerate(criteria) if np.ptp(matrix[:, j]) == 0]
    if flat:
        return (
            f"{title} cannot rank these values: {flat[0]!r} has the same value for every "
            "alternative, which the method divides by"
        )
    bad = np.argwhere(matrix <= 0)
    if bad.size:
        i, j = bad[0]
        return (
            f"{title} cannot rank these values: {alternatives[i]!r} has {matrix[i, j]:g} on "
            f"{criteria[j]!r}, and the method needs positive values"
        )
    return f"{title} cannot rank these values (its computation divides by zero on them)"
