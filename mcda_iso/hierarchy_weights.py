"""Weights of a criteria hierarchy from its AHP priorities: local, global, by expert.

The arithmetic of :mod:`mcda_iso.hierarchy`'s tree with the AHP method: each set of
siblings' local weights come from its comparison matrix (:func:`mcda_iso.ahp.priorities`,
or :func:`mcda_iso.ahp.aggregate` for several experts) or its typed weights, and the
global weight of a criterion is the product of the local weights down its path (Saaty
1980, ch. 2). :func:`mcda_iso.rank` derives a problem's weights here, once.

Examples
--------
>>> from mcda_iso import load_scenario
>>> levels = problem_weights(load_scenario("iso9001_detailed"))
>>> round(float(levels.leaves.sum()), 12)
1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mcda_iso import ahp
from mcda_iso.errors import ProblemError
from mcda_iso.hierarchy import Hierarchy, _describe

if TYPE_CHECKING:  # pragma: no cover
    from mcda_iso.problem import Problem

__all__ = [
    "HierarchyWeights",
    "derive_weights",
    "expert_global_weights",
    "flat_weights",
    "group_weights",
    "problem_weights",
]


@dataclass(frozen=True, eq=False)
class HierarchyWeights:
    """Local and global weights of a hierarchy and the AHP result of each comparison matrix.

    Attributes
    ----------
    local : pandas.Series
        Local weight of every criterion (sums to 1 within each set of siblings).
    global_ : pandas.Series
        Global weight of every criterion (groups: the sum of their leaves).
    leaves : pandas.Series
        Global weights of the leaf criteria (sum 1): the weights used for ranking.
    priorities : Mapping
        Parent (None for the top level) -> :class:`~mcda_iso.ahp.Priorities` of that
        comparison matrix; empty when the weights were typed directly.
    """

    local: pd.Series
    global_: pd.Series
    leaves: pd.Series
    priorities: Mapping[str | None, ahp.Priorities]

    @property
    def consistent(self) -> bool | None:
        """All matrices within their CR thresholds (None when weights were typed)."""
        if not self.priorities:
            return None
        return all(p.consistent for p in self.priorities.values())


def derive_weights(
    tree: Hierarchy,
    comparisons: Mapping[str | None, np.ndarray] | None,
    typed: Mapping[str, float] | None,
    *,
    method: str = "eigenvector",
    ri_table: str = "saaty",
    scale: str = "saaty",
) -> HierarchyWeights:
    """Local weights per set of siblings, then global weights down the tree.

    Parameters
    ----------
    tree : Hierarchy
    comparisons : mapping, optional
        Parent (None: top level) -> validated comparison matrix of its children, in
        :meth:`Hierarchy.children` order. A set of one criterion may be left out
        (its local weight is 1).
    typed : mapping, optional
        Local weight per criterion, typed directly (normalised within each set of
        siblings). Exactly one of ``comparisons`` and ``typed`` is given.
    method, ri_table, scale
        As for :func:`mcda_iso.ahp.priorities` (``scale`` only affects comparisons).

    Returns
    -------
    HierarchyWeights
    """
    local: dict[str, float] = {}
    found: dict[str | None, ahp.Priorities] = {}
    for parent in tree.groups:
        kids = tree.children(parent)
        if typed is not None:
            w = np.array([float(typed[k]) for k in kids])
            w = w / w.sum()
        else:
            assert comparisons is not None
            matrix = comparisons.get(parent, np.ones((1, 1)))
            prio = ahp.priorities(
                matrix, method=method, ri_table=ri_table, names=list(kids), scale=scale
            )
            found[parent] = prio
            w = np.asarray(prio.weights)
        local.update(zip(kids, w.tolist(), strict=True))
    local_s = pd.Series([local[n] for n in tree.names], index=list(tree.names), name="local")
    global_s = tree.global_weights(local_s)
    leaves = pd.Series(
        global_s[list(tree.leaves)].to_numpy(), index=list(tree.leaves), name="weight"
    )
    return HierarchyWeights(
        local=local_s, global_=global_s, leaves=leaves, priorities=MappingProxyType(found)
    )


def flat_weights(weights: pd.Series, priorities: ahp.Priorities | None) -> HierarchyWeights:
    """The :class:`HierarchyWeights` of a problem without sub-criteria: local = global."""
    found = {} if priorities is None else {None: priorities}
    return HierarchyWeights(
        local=weights.rename("local"),
        global_=weights.rename("global"),
        leaves=weights.rename("weight"),
        priorities=MappingProxyType(found),
    )


def problem_weights(
    problem: Problem,
    *,
    ahp_method: str = "eigenvector",
    ri_table: str = "saaty",
    scale: str = "saaty",
) -> HierarchyWeights:
    """Local and global weights of a problem's criteria, and the AHP result of each matrix.

    Parameters
    ----------
    problem : Problem
    ahp_method, ri_table, scale
        As for :func:`mcda_iso.ahp.priorities` (``scale``: the judgment scale the
        comparisons are read on, see :data:`mcda_iso.ahp.SCALES`).

    Returns
    -------
    HierarchyWeights

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> hw = problem_weights(load_scenario("iso9001_detailed"))
    >>> round(float(hw.leaves.sum()), 12), sorted(k or "" for k in hw.priorities)
    (1.0, ['', 'cost', 'effort'])
    """
    tree = problem.hierarchy
    if problem.comparisons is None:
        typed = problem.weights
        assert typed is not None
        return derive_weights(tree, None, typed.to_dict())
    comparisons = problem.comparisons
    if isinstance(comparisons, pd.DataFrame):
        matrices: dict[str | None, np.ndarray] = {None: comparisons.to_numpy()}
    else:
        matrices = {k: v.to_numpy() for k, v in comparisons.items()}
    return derive_weights(tree, matrices, None, method=ahp_method, ri_table=ri_table, scale=scale)


def group_weights(
    problem: Problem,
    *,
    aggregation: str = "aij",
    ahp_method: str = "eigenvector",
    ri_table: str = "saaty",
    scale: str = "saaty",
) -> tuple[HierarchyWeights, Mapping[str | None, ahp.GroupPriorities]]:
    """Group weights of a hierarchy judged by several experts, matrix by matrix.

    Each set of siblings is aggregated on its own with
    :func:`mcda_iso.ahp.aggregate` (the experts' judgments for ``"aij"``, their
    local priorities for ``"aip"``); the group's local weights then multiply down
    the tree as for one decision maker.

    Parameters
    ----------
    problem : Problem
        A problem with experts (with or without sub-criteria).
    aggregation : {"aij", "aip"}
    ahp_method, ri_table, scale
        As for :func:`mcda_iso.ahp.aggregate`.

    Returns
    -------
    HierarchyWeights
        Local and global group weights; ``priorities`` holds each group matrix's
        :class:`~mcda_iso.ahp.Priorities` (its CR).
    Mapping
        Parent (None: the top level) -> :class:`~mcda_iso.ahp.GroupPriorities`.
    """
    tree = problem.hierarchy
    judged = problem.expert_comparisons
    if not judged:
        raise ProblemError("this problem holds no experts' comparisons")
    given = problem.expert_weights
    weights = None if given is None else given.to_dict()
    groups: dict[str | None, ahp.GroupPriorities] = {}
    for parent in tree.groups:
        kids = list(tree.children(parent))
        try:
            groups[parent] = ahp.aggregate(
                {e: m[parent] if isinstance(m, Mapping) else m for e, m in judged.items()},
                weights,
                aggregation,  # type: ignore[arg-type]
                names=kids,
                ri_table=ri_table,
                priority_method=ahp_method,  # type: ignore[arg-type]
                scale=scale,
            )
        except ProblemError as exc:
            raise type(exc)(f"the experts' comparisons of {_describe(parent)}: {exc}") from exc
    local = {
        k: float(w)
        for parent, g in groups.items()
        for k, w in zip(tree.children(parent), g.weights, strict=True)
    }
    levels = derive_weights(tree, None, local)
    found = MappingProxyType({parent: g.group for parent, g in groups.items()})
    return (
        HierarchyWeights(levels.local, levels.global_, levels.leaves, found),
        MappingProxyType(groups),
    )


def expert_global_weights(
    tree: Hierarchy, groups: Mapping[str | None, ahp.GroupPriorities]
) -> pd.DataFrame:
    """Each expert's global weights of the leaf criteria, from their own local priorities.

    Parameters
    ----------
    tree : Hierarchy
    groups : Mapping
        Parent -> :class:`~mcda_iso.ahp.GroupPriorities`, as from :func:`group_weights`.

    Returns
    -------
    pandas.DataFrame
        Rows: experts; columns: the leaf criteria; each row sums to 1.
    """
    experts = list(next(iter(groups.values())).experts)
    rows = []
    for e in experts:
        local = {
            k: float(w)
            for parent, g in groups.items()
            for k, w in zip(tree.children(parent), g.experts[e].weights, strict=True)
        }
        rows.append(tree.global_weights(local)[list(tree.leaves)].to_numpy())
    frame = pd.DataFrame(rows, index=experts, columns=list(tree.leaves))
    frame.index.name = "expert"
    return frame
