"""The outcome of :func:`mcda_iso.rank`: one ranking, read by every analysis and output.

A :class:`Result` holds everything the ranking decided (the options it was made
with, the weights, the decision matrix actually scored, the scores and ranks, every
comparison matrix with its consistency) and hands out read-only views of it:
changing a Series taken from a Result never changes the Result.

Examples
--------
>>> from mcda_iso import load_scenario, rank
>>> result = rank(load_scenario("iso9001"), method="ahp", mode="ideal")
>>> result.options.mode, result.method_title
('ideal', 'AHP synthesis (ideal mode)')
>>> scores = result.scores
>>> scores[result.best] = -1.0  # a copy: the Result keeps its own numbers
>>> bool(result.scores[result.best] > 0)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso import ahp, hierarchy_weights
from mcda_iso.errors import MethodError
from mcda_iso.problem import Problem
from mcda_iso.ranking.options import RankOptions
from mcda_iso.ranking.text import NEAR_TIE
from mcda_iso.screening import Screening

__all__ = ["NEAR_TIE", "RankedMatrix", "Result"]


@dataclass(frozen=True, eq=False)
class RankedMatrix:
    """One comparison matrix of a ranking, with the AHP result it was ranked with.

    Attributes
    ----------
    label : str
        What the matrix is, in words, e.g. ``"criteria"``, ``"sub-criteria of 'cost'"``,
        ``"expert 'CEO' on the top-level criteria"``, ``"alternatives under 'credibility'"``.
    kind : {"criteria", "alternatives"}
        Criteria (or sub-criteria) compared, or alternatives compared under a criterion.
    parent : str or None
        For criteria matrices: whose sub-criteria (None: the top level).
    criterion : str or None
        For alternatives matrices: the criterion they were compared under.
    expert : str or None
        The expert who judged it; None for a single decision maker or the group matrix.
    group : bool
        True for the experts' aggregated (group) matrix.
    priorities : Priorities
        Weights, CR and the judgments on the scale ranked (:attr:`Priorities.matrix`).
    """

    label: str
    kind: str
    parent: str | None
    criterion: str | None
    expert: str | None
    group: bool
    priorities: ahp.Priorities


def _frozen_series(series: pd.Series) -> pd.Series:
    out = pd.Series(np.array(series.to_numpy(), copy=True), index=series.index, name=series.name)
    out.to_numpy().setflags(write=False)
    return out


def _frozen_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.copy(deep=True)


class Result:
    """The outcome of :func:`mcda_iso.rank` (made by it; read-only).

    Attributes
    ----------
    problem : Problem
        The problem that was ranked.
    options : RankOptions
        The options the ranking was made with; every analysis of this result
        (:mod:`mcda_iso.sensitivity`) and every output uses them.
    method : str
        ``"topsis"`` or ``"ahp"`` (``options.method``).
    normalization : str or None
        TOPSIS normalisation used (None for AHP synthesis).
    mode : str or None
        AHP synthesis mode (None for TOPSIS).
    scale : str
        The judgment scale the comparisons were read on.
    weights : pandas.Series
        Criterion weights used (sum 1), by leaf criterion name.
    matrix : pandas.DataFrame
        The decision matrix scored: the ranked alternatives (those that passed the
        requirements, in the problem's order) x the leaf criteria. A criterion rated
        by pairwise comparisons holds the alternatives' local priorities, derived with
        the result's AHP method on its judgment scale.
    types : numpy.ndarray
        1 for a benefit column of :attr:`matrix`, -1 for a cost column.
    scores : pandas.Series
        Score per ranked alternative (TOPSIS closeness, or AHP global priority),
        in the problem's order; screened-out alternatives are not included.
    ranks : pandas.Series
        Rank per ranked alternative, 1 = best; equal scores share a rank.
    ahp : Priorities or None
        The AHP priorities and consistency when weights came from comparisons (the
        group matrix's for experts; the top-level matrix's with sub-criteria).
    screening : Screening
        Which alternatives passed the requirements and why others did not.
    details : pandas.DataFrame or None
        For TOPSIS: distances ``d_plus`` (to the ideal) and ``d_minus`` (to the
        anti-ideal) per ranked alternative.
    notes : tuple of str
        Remarks on the ranking (e.g. only one alternative passed).
    group : GroupPriorities or None
        For a problem with several experts: each expert's weights and CR, the
        group matrix's CR, Goepel's consensus (of the top-level matrix with
        sub-criteria; every matrix's is in :attr:`group_by_parent`).
    group_by_parent : Mapping[str or None, GroupPriorities] or None
        For a problem with sub-criteria and several experts: the aggregation of
        each comparison matrix, by parent (None: the top level); None otherwise.
    alternative_priorities : Mapping[str, Priorities]
        For criteria rated by pairwise comparisons of the alternatives: the
        alternatives' local priorities and the CR of each matrix, by criterion.
    local_weights, global_weights : pandas.Series or None
        Local weight of every criterion within its set of siblings, and global
        weight (product of the local weights down its path), groups included.
    priorities_by_parent : Mapping[str or None, Priorities]
        The AHP result of each criteria comparison matrix, by parent (None: the
        top level); empty when the weights were typed.
    """

    __slots__ = (
        "_alternative_priorities",
        "_details",
        "_expert_scores",
        "_global_weights",
        "_local_weights",
        "_matrix",
        "_ranks",
        "_scores",
        "_weights",
        "ahp",
        "group",
        "group_by_parent",
        "notes",
        "options",
        "priorities_by_parent",
        "problem",
        "screening",
    )

    def __init__(
        self,
        *,
        problem: Problem,
        options: RankOptions,
        weights: pd.Series,
        matrix: pd.DataFrame,
        scores: pd.Series,
        ranks: pd.Series,
        ahp: ahp.Priorities | None,
        screening: Screening,
        details: pd.DataFrame | None = None,
        notes: tuple[str, ...] = (),
        group: ahp.GroupPriorities | None = None,
        group_by_parent: Mapping[str | None, ahp.GroupPriorities] | None = None,
        alternative_priorities: Mapping[str, ahp.Priorities] | None = None,
        local_weights: pd.Series | None = None,
        global_weights: pd.Series | None = None,
        priorities_by_parent: Mapping[str | None, ahp.Priorities] | None = None,
        expert_scores: pd.DataFrame | None = None,
    ) -> None:
        store = {
            "problem": problem,
            "options": options,
            "_weights": _frozen_series(weights),
            "_matrix": _frozen_frame(matrix),
            "_scores": _frozen_series(scores),
            "_ranks": _frozen_series(ranks),
            "ahp": ahp,
            "screening": screening,
            "_details": None if details is None else _frozen_frame(details),
            "notes": tuple(notes),
            "group": group,
            "group_by_parent": None
            if group_by_parent is None
            else MappingProxyType(dict(group_by_parent)),
            "_alternative_priorities": MappingProxyType(dict(alternative_priorities or {})),
            "_local_weights": None if local_weights is None else _frozen_series(local_weights),
            "_global_weights": None if global_weights is None else _frozen_series(global_weights),
            "priorities_by_parent": MappingProxyType(dict(priorities_by_parent or {})),
            "_expert_scores": None if expert_scores is None else _frozen_frame(expert_scores),
        }
        for name, value in store.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Result is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Result is read-only: cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"<Result {self.options.title}: best {self.best!r} of {len(self._scores)} "
            f"ranked alternatives, {len(self._weights)} criteria>"
        )

    # ------------------------------------------------------------------ read-only views

    @property
    def weights(self) -> pd.Series:
        """Criterion weights used (sum 1), by leaf criterion (a copy)."""
        return self._weights.copy()

    @property
    def scores(self) -> pd.Series:
        """Score per ranked alternative, in the problem's order (a copy)."""
        return self._scores.copy()

    @property
    def ranks(self) -> pd.Series:
        """Rank per ranked alternative, 1 = best (a copy)."""
        return self._ranks.copy()

    @property
    def matrix(self) -> pd.DataFrame:
        """The decision matrix scored: ranked alternatives x leaf criteria (a copy)."""
        return self._matrix.copy()

    @property
    def types(self) -> np.ndarray:
        """1 (benefit) or -1 (cost) per column of :attr:`matrix` (a copy)."""
        return np.array(self.problem.types)

    @property
    def details(self) -> pd.DataFrame | None:
        """TOPSIS distances per ranked alternative (a copy), or None."""
        return None if self._details is None else self._details.copy()

    @property
    def local_weights(self) -> pd.Series | None:
        """Local weight of every criterion within its siblings (a copy), or None."""
        return None if self._local_weights is None else self._local_weights.copy()

    @property
    def global_weights(self) -> pd.Series | None:
        """Global weight of every criterion, groups included (a copy), or None."""
        return None if self._global_weights is None else self._global_weights.copy()

    @property
    def alternative_priorities(self) -> Mapping[str, ahp.Priorities]:
        """Local priorities and CR of each alternatives comparison matrix, by criterion."""
        return self._alternative_priorities

    @property
    def method(self) -> str:
        """``"topsis"`` or ``"ahp"``."""
        return self.options.method

    @property
    def normalization(self) -> str | None:
        """The TOPSIS normalisation, or None for AHP synthesis."""
        return self.options.normalization if self.options.method == "topsis" else None

    @property
    def mode(self) -> str | None:
        """The AHP synthesis mode, or None for TOPSIS."""
        return self.options.mode if self.options.method == "ahp" else None

    @property
    def scale(self) -> str:
        """The judgment scale every comparison matrix was read on."""
        return self.options.scale

    @property
    def method_title(self) -> str:
        """The method in words, e.g. ``"AHP synthesis (ideal mode)"``."""
        return self.options.title

    # ------------------------------------------------------------------ derived facts

    @property
    def expert_priorities(self) -> pd.DataFrame | None:
        """Each expert's criteria weights (rows: experts, columns: criteria), or None.

        With sub-criteria: each expert's global weights of the leaf criteria (the
        product of that expert's local weights down the tree).
        """
        if self.group is None:
            return None
        if self.group_by_parent is not None:
            return hierarchy_weights.expert_global_weights(
                self.problem.hierarchy, self.group_by_parent
            )
        frame = pd.DataFrame(
            {e: np.asarray(p.weights) for e, p in self.group.experts.items()},
            index=list(self._weights.index),
        ).T
        frame.index.name = "expert"
        return frame

    @property
    def consensus(self) -> float | None:
        """Goepel's AHP consensus :math:`S^*` of the experts, or None.

        With sub-criteria, the consensus of the hierarchy as AHP-OS computes it
        (Goepel 2018): the mean of every comparison matrix's :math:`S^*`, each weighted
        by the group's global weight of its parent (1 for the top level).
        """
        if self.group is None or self.group.consensus is None:
            return None
        if self.group_by_parent is None:
            return self.group.consensus
        assert self._global_weights is not None
        judged = [
            (1.0 if parent is None else float(self._global_weights[parent]), g.consensus)
            for parent, g in self.group_by_parent.items()
            if len(g.weights) > 1 and g.consensus is not None  # one sub-criterion: no judgment
        ]
        return sum(w * s for w, s in judged) / sum(w for w, _ in judged)

    @property
    def expert_scores(self) -> pd.DataFrame | None:
        """Each expert's own ranking: the scores each expert's weights give (a copy).

        Rows: experts; columns: the ranked alternatives. The same method, options and
        decision matrix as the group's ranking, only the weights are the expert's own
        (:attr:`expert_priorities`). None unless several experts judged the criteria
        (or fewer than two alternatives were ranked).
        """
        return None if self._expert_scores is None else self._expert_scores.copy()

    @property
    def expert_best(self) -> dict[str, str]:
        """Each expert's own winner (first in problem order if tied); empty without experts."""
        if self._expert_scores is None:
            return {}
        return {str(e): str(row.idxmax()) for e, row in self._expert_scores.round(12).iterrows()}

    @property
    def inconsistent_experts(self) -> tuple[str, ...]:
        """The experts with at least one comparison matrix above its CR threshold."""
        if self.group is None:
            return ()
        every = self.group_by_parent or {None: self.group}
        return tuple(
            dict.fromkeys(
                e for g in every.values() for e, p in g.experts.items() if not p.consistent
            )
        )

    @property
    def most_deviating(self) -> tuple[str, float] | None:
        """The expert whose criteria weights are farthest (Euclidean distance) from the
        group's, and that distance; None unless several experts judged the criteria."""
        group = self.group
        if group is None or group.most_deviating is None:
            return None
        if self.group_by_parent is None:
            return group.most_deviating, float(group.deviations[group.most_deviating])
        table = self.expert_priorities
        assert table is not None
        distance = np.linalg.norm(table.to_numpy() - self._weights.to_numpy(), axis=1)
        k = int(np.argmax(distance))
        return str(table.index[k]), float(distance[k])

    @property
    def best(self) -> str:
        """The first-ranked alternative (the first in problem order if several tie)."""
        return str(self._ranks.idxmin())

    @property
    def consistent(self) -> bool | None:
        """The AHP consistency verdict (None when weights were typed directly).

        With sub-criteria: True only if every comparison matrix is consistent.
        """
        if len(self.priorities_by_parent) > 1:
            return all(p.consistent for p in self.priorities_by_parent.values())
        return None if self.ahp is None else bool(self.ahp.consistent)

    @property
    def comparison_matrices(self) -> tuple[RankedMatrix, ...]:
        """Every comparison matrix of this ranking, as ranked.

        Each expert's and the group's (with sub-criteria: matrix by matrix, leaving
        out sets of one criterion), or the single decision maker's criteria matrices
        (each set of sub-criteria), then each alternatives matrix, by criterion.
        """
        out: list[RankedMatrix] = []
        flat = self.problem.hierarchy.is_flat
        if self.group is not None:
            groups = self.group_by_parent or {None: self.group}
            for parent, group in groups.items():
                if group.group.n < 2:
                    continue  # one criterion: nothing was compared
                where = (
                    ""
                    if flat
                    else " on the top-level criteria"
                    if parent is None
                    else f" on the sub-criteria of {parent!r}"
                )
                for expert, pri in group.experts.items():
                    out.append(
                        RankedMatrix(
                            f"expert {expert!r}{where}", "criteria", parent, None, expert, False,
                            pri,
                        )
                    )  # fmt: skip
                out.append(
                    RankedMatrix(
                        f"group matrix{where} (experts' judgments combined)",
                        "criteria", parent, None, None, True, group.group,
                    )
                )  # fmt: skip
        elif not flat:
            for parent, pri in self.priorities_by_parent.items():
                label = "top-level criteria" if parent is None else f"sub-criteria of {parent!r}"
                out.append(RankedMatrix(label, "criteria", parent, None, None, False, pri))
        elif self.ahp is not None:
            out.append(RankedMatrix("criteria", "criteria", None, None, None, False, self.ahp))
        for crit, pri in self._alternative_priorities.items():
            out.append(
                RankedMatrix(
                    f"alternatives under {crit!r}", "alternatives", None, crit, None, False, pri
                )
            )
        return tuple(out)

    def revisions(self, k: int = 3) -> dict[str, list[ahp.Judgment]]:
        """The judgments to revise first in every inconsistent matrix, as ranked.

        For each matrix of :attr:`comparison_matrices` whose CR is above its
        threshold (for experts: each inconsistent expert's own matrix; the group
        matrix, which nobody typed, is never listed — when only it is
        inconsistent, every expert's matrix of that set is), the ``k`` judgments that
        disagree most with its priorities (:func:`mcda_iso.ahp.most_inconsistent`),
        each with the level of Saaty's scale that fits and the CR once it is
        revised, computed on the judgment scale and with the AHP method ranked.

        Returns
        -------
        dict of str to list of Judgment
            By :attr:`RankedMatrix.label`, in the order of :attr:`comparison_matrices`.
        """
        options = self.options
        matrices = self.comparison_matrices
        # a set whose group matrix is inconsistent although no expert's is: every expert's
        bad_groups = {m.parent for m in matrices if m.group and not m.priorities.consistent}
        bad_groups -= {
            m.parent for m in matrices if m.expert is not None and not m.priorities.consistent
        }
        out: dict[str, list[ahp.Judgment]] = {}
        for entry in matrices:
            pri = entry.priorities
            if entry.group:
                continue
            wanted = not pri.consistent or (entry.expert is not None and entry.parent in bad_groups)
            if not wanted or pri.n < 3:
                continue
            typed = self._typed(entry)
            found = ahp.most_inconsistent(
                typed,
                k=k,
                method=options.ahp_method,
                ri_table=options.ri_table,
                names=list(pri.labels()),
                scale=options.scale,
            )
            if found:
                out[entry.label] = found
        return out

    def _typed(self, entry: RankedMatrix) -> np.ndarray:
        """The judgments of a matrix as typed (Saaty levels, NaN where missing; a copy)."""
        problem = self.problem
        if entry.kind == "alternatives":
            frame = (problem.alternative_comparisons or {})[entry.criterion]
            return np.array(frame, dtype=float)
        if entry.expert is not None:
            stored: Any = (problem.expert_comparisons or {})[entry.expert]
        else:
            stored = problem.comparisons
        if isinstance(stored, Mapping):
            stored = stored[entry.parent]
        return np.array(stored, dtype=float)

    # ------------------------------------------------------------------ words and tables

    def ordered(self) -> list[str]:
        """Ranked alternatives, best first."""
        return list(self._ranks.sort_values(kind="stable").index)

    def recommendation(self) -> str:
        """The recommendation in one sentence, in the language in force (:mod:`mcda_iso.i18n`)."""
        from mcda_iso.ranking.text import recommendation

        return recommendation(self)

    def to_csv(self, path_or_buf: Any = None, **options: Any) -> str | None:
        """The ranking table (:meth:`to_frame`) as CSV, by :meth:`pandas.DataFrame.to_csv`.

        ``path_or_buf`` None returns the text; ``options`` go to pandas.

        Examples
        --------
        >>> from mcda_iso import load_scenario, rank
        >>> rank(load_scenario("iso9001")).to_csv().splitlines()[0]
        'alternative,score,rank,d_plus,d_minus'
        """
        return self.to_frame().to_csv(path_or_buf, **options)

    def to_latex(self, **options: Any) -> str:
        """The ranking table (:meth:`to_frame`) as a LaTeX tabular, for a paper.

        By :meth:`pandas.DataFrame.to_latex`, which needs ``jinja2``
        (``pip install mcda_iso[latex]``); scores to three decimals unless
        ``float_format`` is given; ``options`` go to pandas.

        Raises
        ------
        MethodError
            If ``jinja2`` is not installed.

        Examples
        --------
        >>> from mcda_iso import load_scenario, rank
        >>> print(rank(load_scenario("iso9001")).to_latex().splitlines()[0])
        \\begin{tabular}{lrrrr}
        """
        options.setdefault("float_format", "%.3f")
        try:
            return str(self.to_frame().to_latex(**options))
        except ImportError as exc:  # pandas' LaTeX writer imports jinja2
            raise MethodError(
                f"to_latex needs jinja2 ({exc}): pip install jinja2, or mcda_iso[latex]"
            ) from exc

    def _repr_html_(self) -> str:
        """The result in Jupyter: recommendation, weights, ranking (names escaped)."""
        from mcda_iso.notebook import paragraph, section, table

        parts = [paragraph(self.recommendation())]
        parts.append(table(self.weights.to_frame("weight"), "Criteria weights"))
        parts.append(table(self.to_frame(), f"Ranking ({self.method_title})"))
        return section("Result", parts)

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative, best first: score, rank, TOPSIS distances; then the rest.

        Screened-out alternatives have no score or rank and say why in ``screened_out``.
        """
        order = self.ordered()
        frame = pd.DataFrame(
            {"score": self._scores[order], "rank": self._ranks[order].astype("Int64")},
            index=order,
        )
        if self._details is not None:
            frame = frame.join(self._details)
        reasons = self.screening.reasons
        if reasons:
            out = pd.DataFrame(index=list(reasons))
            frame = pd.concat([frame, out])
            frame["rank"] = frame["rank"].astype("Int64")
            frame["screened_out"] = [reasons.get(a, "") for a in frame.index]
        frame.index.name = "alternative"
        return frame

    def __str__(self) -> str:
        from mcda_iso.ranking.text import describe

        return describe(self)
