"""Criteria hierarchies: sub-criteria, local weights and global weights.

A criterion may name a *parent* (``Criterion("consultancy", "cost", parent="cost")``).
Criteria with children are *group* nodes; criteria without children are *leaves*
and carry the performance data. Each set of siblings (the top level, and the
children of each group) has its own comparison matrix, or typed weights, giving
*local* weights that sum to 1 within the set. The *global* weight of a criterion
is the product of the local weights on its path from the top (Saaty 1980, ch. 2;
Saaty 1990, section 4): the leaves' global weights sum to 1 and are the weights
TOPSIS and AHP synthesis rank with. A group's global weight is the sum of its
leaves'.

This module holds the tree; :class:`~mcda_iso.Problem` validates a hierarchy through
:func:`build` when it is constructed. The weight arithmetic with AHP priorities is in
:mod:`mcda_iso.hierarchy_weights`.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
.. [2] Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
   *European Journal of Operational Research* 48(1), 9-26.

Examples
--------
>>> from mcda_iso import Criterion
>>> tree = build([
...     Criterion("benefit", "benefit"),
...     Criterion("cost", "cost"),
...     Criterion("fees", "cost", parent="cost"),
...     Criterion("staff time", "cost", parent="cost"),
... ])
>>> tree.leaves, tree.groups
(('benefit', 'fees', 'staff time'), (None, 'cost'))
>>> local = {"benefit": 0.6, "cost": 0.4, "fees": 0.25, "staff time": 0.75}
>>> tree.global_weights(local).round(3).to_dict()
{'benefit': 0.6, 'cost': 0.4, 'fees': 0.1, 'staff time': 0.3}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from mcda_iso.errors import ProblemError, shorten

if TYPE_CHECKING:  # pragma: no cover
    from mcda_iso.problem import Criterion

__all__ = [
    "TOP_LABEL",
    "Hierarchy",
    "build",
]

#: How the top level of a hierarchy (parent ``None``) is named in tables and messages.
TOP_LABEL = "(top level)"


def _describe(parent: str | None) -> str:
    return "the top-level criteria" if parent is None else f"the sub-criteria of {shorten(parent)}"


@dataclass(frozen=True)
class Hierarchy:
    """The tree of criteria: who is whose parent, which are groups and which are leaves.

    Attributes
    ----------
    names : tuple of str
        Every criterion, groups and leaves, in the problem's order.
    parents : tuple of (str or None)
        The parent of each criterion in :attr:`names` (None: top level).
    """

    names: tuple[str, ...]
    parents: tuple[str | None, ...]
    _children: Mapping[str | None, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        children: dict[str | None, list[str]] = {None: []}
        for name in self.names:
            children.setdefault(name, [])
        for name, parent in zip(self.names, self.parents, strict=True):
            children[parent].append(name)
        frozen = {k: tuple(v) for k, v in children.items() if v}
        object.__setattr__(self, "_children", MappingProxyType(frozen))

    @property
    def is_flat(self) -> bool:
        """True when no criterion has a parent (a single comparison matrix)."""
        return all(p is None for p in self.parents)

    @property
    def leaves(self) -> tuple[str, ...]:
        """Criteria without children (they carry performance data), in the problem's order."""
        return tuple(n for n in self.names if n not in self._children)

    @property
    def groups(self) -> tuple[str | None, ...]:
        """Each parent of a set of siblings: None (the top level) first, then in order."""
        return (None, *(n for n in self.names if n in self._children))

    def children(self, parent: str | None) -> tuple[str, ...]:
        """The direct sub-criteria of ``parent`` (None: the top-level criteria)."""
        return self._children.get(parent, ())

    def parent(self, name: str) -> str | None:
        """The parent of criterion ``name`` (None at the top level).

        Raises
        ------
        ProblemError
            If ``name`` is not one of the criteria.
        """
        if name not in self.names:
            raise ProblemError(
                f"unknown criterion {shorten(name)}; known: {', '.join(map(shorten, self.names))}"
            )
        return self.parents[self.names.index(name)]

    def path(self, name: str) -> tuple[str, ...]:
        """The criteria from the top level down to ``name`` (inclusive)."""
        chain = [name]
        while (up := self.parent(chain[-1])) is not None:
            chain.append(up)
        return tuple(reversed(chain))

    def siblings_group(self, a: str, b: str) -> str | None:
        """The common parent of two sibling criteria.

        Raises
        ------
        ProblemError
            If ``a`` and ``b`` do not share a parent (only siblings are compared).
        """
        pa, pb = self.parent(a), self.parent(b)
        if pa != pb:
            raise ProblemError(
                f"{shorten(a)} and {shorten(b)} cannot be compared: only criteria with the same "
                f"parent are compared ({shorten(a)} is under "
                f"{TOP_LABEL if pa is None else shorten(pa)}, "
                f"{shorten(b)} under {TOP_LABEL if pb is None else shorten(pb)})"
            )
        return pa

    def global_weights(self, local: Mapping[str, float] | pd.Series) -> pd.Series:
        """Global weight of every criterion: the product of local weights down its path.

        Parameters
        ----------
        local : mapping or pandas.Series
            The local weight of each criterion (summing to 1 within each set of siblings).

        Returns
        -------
        pandas.Series
            Indexed by :attr:`names`; the leaves' values sum to 1 when every set of
            siblings' local weights does.
        """
        out: dict[str, float] = {}
        for name in sorted(self.names, key=lambda n: len(self.path(n))):
            parent = self.parent(name)
            out[name] = float(local[name]) * (1.0 if parent is None else out[parent])
        return pd.Series([out[n] for n in self.names], index=list(self.names), name="global")


def build(criteria: Sequence[Criterion]) -> Hierarchy:
    """Validate the parents of a list of criteria and return the tree.

    Parameters
    ----------
    criteria : sequence of Criterion
        Criteria with unique names; ``parent`` None or the name of another criterion.

    Returns
    -------
    Hierarchy

    Raises
    ------
    ProblemError
        If a parent is not one of the criteria, or parents form a cycle
        (the message names the criteria on the cycle).

    Examples
    --------
    >>> from mcda_iso import Criterion
    >>> build([Criterion("a", "cost", parent="b"), Criterion("b", "cost", parent="a")])
    Traceback (most recent call last):
    ...
    mcda_iso.errors.ProblemError: criteria 'a' -> 'b' -> 'a' form a cycle of parents; a criterion cannot be its own (indirect) sub-criterion
    """  # noqa: E501
    names = tuple(c.name for c in criteria)
    parents = tuple(getattr(c, "parent", None) for c in criteria)
    known = set(names)
    for name, parent in zip(names, parents, strict=True):
        if parent is not None and parent not in known:
            raise ProblemError(
                f"criterion {shorten(name)} has unknown parent {shorten(parent)}; a parent must "
                f"be one of the criteria ({', '.join(shorten(n) for n in names)})"
            )
    up = dict(zip(names, parents, strict=True))
    for start in names:
        chain = [start]
        while (nxt := up[chain[-1]]) is not None:
            if nxt in chain:
                loop = [*chain[chain.index(nxt) :], nxt]
                raise ProblemError(
                    f"criteria {' -> '.join(shorten(n) for n in loop)} form a cycle of parents; "
                    "a criterion cannot be its own (indirect) sub-criterion"
                )
            chain.append(nxt)
    return Hierarchy(names, parents)


# The weight arithmetic moved to mcda_iso.hierarchy_weights (a method, above the model);
# these names stay importable from here, resolved when first used.
_MOVED = ("HierarchyWeights", "derive_weights", "expert_global_weights", "flat_weights",
          "group_weights", "problem_weights")  # fmt: skip


def __getattr__(name: str) -> object:
    if name in _MOVED:
        from mcda_iso import hierarchy_weights

        return getattr(hierarchy_weights, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
