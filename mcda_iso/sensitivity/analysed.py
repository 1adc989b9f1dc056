"""What every analysis analyses: exactly the ranking a :class:`~mcda_iso.ranking.Result` holds.

:func:`analysed` takes a Result (or a Problem, ranked first with the given options)
and prepares its decision matrix once, with the Result's weights, method,
normalisation and synthesis mode, so that every analysis scores alternatives with
the same kernel (:func:`mcda_iso.topsis.prepare`, :func:`mcda_iso.synthesis.normalize`)
as :func:`mcda_iso.rank` did.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from mcda_iso import synthesis, topsis
from mcda_iso.errors import ConsistencyWarning, MethodError, ProblemError
from mcda_iso.problem import Problem
from mcda_iso.ranking import Result, rank

__all__ = ["Analysed", "analysed", "as_result", "check_positive_int"]

#: The options an analysis accepts, as :func:`mcda_iso.rank` names them.
RANK_OPTIONS = ("method", "normalization", "ahp_method", "ri_table", "aggregation", "mode", "scale")


def as_result(subject: Any, function: str, options: dict[str, Any]) -> Result:
    """``subject`` as a Result: itself, or the Problem ranked with ``options``.

    Options given with a Result must agree with the ones it was ranked with: an
    analysis never analyses a different ranking from the one it is given.
    """
    given = {k: v for k, v in options.items() if v is not None}
    if isinstance(subject, Result):
        differ = {k: v for k, v in given.items() if getattr(subject.options, k) != v}
        if differ:
            asked = ", ".join(f"{k}={v!r}" for k, v in differ.items())
            ranked = ", ".join(f"{k}={getattr(subject.options, k)!r}" for k in differ)
            message = (
                f"{function} analyses the Result as it was ranked ({ranked}), not {asked}; "
                f"to analyse another ranking, rank it first: rank(result.problem, {asked})"
            )
            raise MethodError(message)
        return subject
    if isinstance(subject, Problem):
        with warnings.catch_warnings():
            # consistency is reported where the ranking is shown, not by each analysis
            warnings.simplefilter("ignore", ConsistencyWarning)
            return rank(subject, **given)
    message = (
        f"{function} needs a Result from mcda_iso.rank(...) (or a Problem) "
        f"(got {type(subject).__name__})"
    )
    raise ProblemError(message)


def check_positive_int(value: Any, name: str, largest: int | None = None) -> int:
    """``value`` as an int >= 1 (and <= ``largest``), or a MethodError naming it."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        message = f"{name!r} must be a positive integer (got {value!r})"
        raise MethodError(message)
    if largest is not None and value > largest:
        message = f"{name!r} must be at most {largest:,} (got {value:,})"
        raise MethodError(message)
    return int(value)


@dataclass(frozen=True, eq=False)
class Analysed:
    """The ranked alternatives of a Result, ready to be scored under other weights.

    Attributes
    ----------
    result : Result
    alternatives, criteria : tuple of str
        The ranked alternatives (problem order) and the leaf criteria.
    matrix : numpy.ndarray
        :attr:`Result.matrix` (read-only).
    types : numpy.ndarray
    weights : numpy.ndarray
        :attr:`Result.weights`.
    """

    result: Result
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    matrix: np.ndarray
    types: np.ndarray
    weights: np.ndarray
    _prepared: Any

    @property
    def method(self) -> str:
        return self.result.options.method

    @property
    def normalization(self) -> str:
        return self.result.options.normalization

    @property
    def mode(self) -> str:
        return self.result.options.mode

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """Scores for a (k, n) batch of weight vectors: shape (k, m), larger is better."""
        if self.method == "topsis":
            return self._prepared.closeness(weights)
        table = weights / weights.sum(axis=1, keepdims=True)
        return table @ self._prepared.T  # the weighted sum of synthesis.scores

    def scores_of(self, weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Scores of ``rows[c]`` (alternative positions) under ``weights[c]``: (c, r)."""
        if self.method == "topsis":
            return self._prepared.closeness_of(weights, rows)
        table = weights / weights.sum(axis=1, keepdims=True)
        return np.einsum("crn,cn->cr", self._prepared[rows], table)

    def scores_stack(self, stack: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Scores of k perturbed matrices (k, m, n), each under its weights (k, n)."""
        if self.method == "topsis":
            return topsis.closeness_stack(stack, weights, self.types, self.normalization)
        return synthesis.scores_stack(stack, weights, self.types, self.mode)

    def without_each(self, positions: np.ndarray) -> np.ndarray:
        """Scores under the Result's weights with each of ``positions`` removed in turn.

        Row r holds the scores of the other m - 1 alternatives (in problem order) when
        alternative ``positions[r]`` is left out, each set normalised on its own: the
        reduced matrices are stacked and scored by the stacked kernel in one call. A set
        in which nothing discriminates gets equal scores (a tie).
        """
        m = len(self.alternatives)
        others = np.arange(m - 1)
        index = others[None, :] + (others[None, :] >= positions[:, None])  # skip each one
        stack = self.matrix[index]  # (k, m - 1, n)
        weights = np.broadcast_to(
            self.weights / self.weights.sum(), (len(positions), stack.shape[2])
        )
        return self.scores_stack(stack, np.ascontiguousarray(weights))


def analysed(subject: Any, function: str, **options: Any) -> Analysed:
    """Prepare the ranking of ``subject`` (a Result, or a Problem ranked with ``options``).

    Raises
    ------
    MethodError
        Fewer than two ranked alternatives, or options that contradict the Result's.
    ProblemError
        ``subject`` is neither a Result nor a Problem.
    """
    result = as_result(subject, function, options)
    alternatives = tuple(str(a) for a in result.scores.index)
    if len(alternatives) < 2:
        message = (
            "sensitivity analysis needs at least two alternatives that meet the requirements "
            f"(got {len(alternatives)}: {', '.join(alternatives) or 'none'})"
        )
        raise MethodError(message)
    frame = result.matrix
    matrix = np.asfortranarray(frame.to_numpy(dtype=float))
    matrix.setflags(write=False)
    criteria = tuple(str(c) for c in frame.columns)
    types = result.types
    if result.options.method == "topsis":
        prepared: Any = topsis.prepare(matrix, types, result.options.normalization)
    else:
        prepared = synthesis.normalize(
            matrix,
            types,
            result.options.mode,
            names=list(criteria),
            alternatives=list(alternatives),
        )
    weights = result.weights.to_numpy(dtype=float)
    weights.setflags(write=False)
    return Analysed(result, alternatives, criteria, matrix, types, weights, prepared)
