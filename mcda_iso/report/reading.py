"""What the report reads from a Result and a SensitivityReport, in one place.

The report never ranks, compares or derives weights: every number comes from
the :class:`~mcda_iso.ranking.Result` (its scores, weights, options, matrix,
comparison matrices and judgments to revise) or from the
:class:`~mcda_iso.sensitivity.SensitivityReport` of that Result. This module
names those numbers for the sections, and turns what an analysis could not do
into words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.errors import MCDAError
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result, method_title
from mcda_iso.ranking.comparison import spearman_rho
from mcda_iso.sensitivity import COMPARED_METHODS, SensitivityReport

# A Python exception's own text ("ValueError: ..."): never shown to the reader.
_PYTHON_TEXT = re.compile(r"^[A-Z]\w*(Error|Exception|Warning)\b")
_RAW_DETAIL = re.compile(r"(could not be computed on these values)\s*\(.*\)\s*$", re.S)


@dataclass(frozen=True)
class Matrix:
    """One comparison matrix of the result: what it compares in words, and its priorities."""

    label: str
    words: str
    kind: str
    priorities: Any


def _words(kind: str, parent: str | None, criterion: str | None, expert: str | None,
           nested: bool) -> str:  # fmt: skip
    if kind == "alternatives":
        text = _("the alternatives on {criterion}").format(criterion=criterion)
    elif parent is not None:
        text = _("the sub-criteria of {parent}").format(parent=parent)
    else:
        text = _("the top-level criteria") if nested else _("the criteria")
    if expert is None:
        return text
    return _("{matrix}, as judged by {expert}").format(matrix=text, expert=expert)


def matrices(result: Result) -> list[Matrix]:
    """Every comparison matrix of the result (``Result.comparison_matrices``), in words."""
    nested = any(c.parent is not None for c in result.problem.all_criteria)
    return [
        Matrix(
            m.label,
            _words(m.kind, m.parent, m.criterion, m.expert, nested),
            m.kind,
            m.priorities,
        )
        for m in result.comparison_matrices
        if len(m.priorities.names) > 1
    ]


def revisions(result: Result, k: int = 3) -> Mapping[str, list[Any]]:
    """The judgments to revise first, by matrix label (``Result.revisions``)."""
    return result.revisions(k)


def scored_matrix(result: Result) -> pd.DataFrame:
    """The numbers actually scored: ranked alternatives x leaf criteria (``Result.matrix``)."""
    return result.matrix


def types(result: Result) -> dict[str, int]:
    """Each leaf criterion's direction as scored: 1 (more is better) or -1 (less is better).

    A criterion rated by comparing the alternatives in pairs scores their priorities,
    so it counts as 1 whatever its kind (``Problem.types``).
    """
    problem = result.problem
    return {str(c): int(t) for c, t in zip(problem.criterion_names, problem.types, strict=True)}


# --------------------------------------------------------------------------- the second method


@dataclass(frozen=True)
class SecondMethod:
    """The other method's ranking beside the Result's, as given to the report."""

    title: str
    scores: pd.Series
    ranks: pd.Series
    spearman: float | None
    source: str


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..m of ``values`` (smallest first), tied values sharing their average rank."""
    _unique, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)
    return ((last - counts + 1 + last) / 2)[inverse]


def _spearman(a: pd.Series, b: pd.Series) -> float | None:
    """Spearman's rho of two rankings, ties by average rank (``Series.corr(method=
    "spearman")``'s value, without loading scipy.stats for one number); None when one
    ranking ties every alternative.

    Examples
    --------
    >>> _spearman(pd.Series([1.0, 2.0, 2.0, 4.0]), pd.Series([2.0, 1.0, 3.0, 4.0]))
    0.632455532033676
    """
    if a.nunique() < 2 or b.nunique() < 2:
        return None
    first = _average_ranks(a.to_numpy(dtype=float))
    second = _average_ranks(b.loc[a.index].to_numpy(dtype=float))
    return spearman_rho(first, second)


def second_method(
    result: Result, sensitivity: SensitivityReport | None, comparison: Any
) -> tuple[SecondMethod | None, str | None]:
    """The second method's scores: from ``comparison=`` or the sensitivity's method comparison.

    Returns the method (or None) and, when there is none, why, in words.
    """
    if comparison is not None:
        results = getattr(comparison, "results", None)
        if not isinstance(results, Mapping) or result.method not in results:
            raise MCDAError(
                "'comparison' must be mcda_iso.compare of the same problem, including the "
                f"report's method {result.method_title} (got {type(comparison).__name__})"
            )
        own = results[result.method]
        same = list(own.scores.index) == list(result.scores.index) and np.allclose(
            own.scores.to_numpy(), result.scores.to_numpy(), rtol=0, atol=1e-12
        )
        if not same:
            raise MCDAError(
                "'comparison' ranks other alternatives or with other options than the report's "
                f"Result ({result.method_title}); pass mcda_iso.compare(problem, ...) with the "
                "options the Result was ranked with"
            )
        other = next(m for m in results if m != result.method)
        scores = results[other].scores
        return SecondMethod(
            results[other].method_title,
            scores,
            results[other].ranks,
            float(comparison.spearman),
            "comparison",
        ), None
    if sensitivity is None:
        return None, (
            "the second method's ranking comes with the sensitivity analysis, which was not "
            "run for this report"
        )
    methods = sensitivity.methods
    normalization = result.normalization or "vector"
    key = "ahp" if result.method == "topsis" else f"topsis_{normalization}"
    if key not in methods.scores.columns:
        reason = methods.skipped.get(key, "it was not run")
        return None, f"{COMPARED_METHODS.get(key, key)} could not be applied: " + (
            skipped_in_words(key, reason, result)
        )
    scores = methods.scores[key].loc[list(result.scores.index)]
    ranks = methods.rankings[key].loc[list(result.scores.index)]
    title = method_title("ahp", "distributive") if key == "ahp" else "TOPSIS"
    if key.startswith("topsis") and key != "topsis_vector":
        title = "TOPSIS (min-max normalisation)"
    return SecondMethod(
        title, scores, ranks, _spearman(result.ranks.astype(float), ranks.astype(float)),
        "sensitivity",
    ), None  # fmt: skip


def non_positive(result: Result) -> list[tuple[str, str, float]]:
    """(alternative, criterion, value) for every zero or negative value scored."""
    matrix = scored_matrix(result)
    found = []
    for crit in matrix.columns:
        for alt in matrix.index:
            value = float(matrix.loc[alt, crit])
            if value <= 0:
                found.append((str(alt), str(crit), value))
    return found


def skipped_in_words(key: str, reason: str, result: Result) -> str:
    """Why a compared method was not applied, for people (never a Python exception's text)."""
    if key in ("ahp", "wsm"):
        bad = non_positive(result)
        if bad:
            alt, crit, value = bad[0]
            more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
            return (
                f"it divides by the performance values, so every value must be positive, but "
                f"{alt} has {value:g} on {crit}{more}. Rank with TOPSIS, which accepts zero "
                "and negative values, or, if it means the same to you, enter a small positive "
                "value in the same unit."
            )
    if _PYTHON_TEXT.match(reason) or "matrix[" in reason:
        return "the method cannot use these data."
    # "... could not be computed on these values (<the library's own exception text>)"
    reason = _RAW_DETAIL.sub(r"\1", reason)
    return reason.rstrip(".") + "."


def words_of(exc: MCDAError) -> str:
    """An analysis' error, as the report shows it: the library's message, never a traceback."""
    text = str(exc)
    if _PYTHON_TEXT.match(text):
        return "it could not be computed from these data."
    return text.rstrip(".") + "."
