"""How a ranking is made: the options of :func:`mcda_iso.rank`, validated once.

Every vocabulary of the ranking (method, normalisation, AHP prioritisation method,
random-index table, group aggregation, synthesis mode, judgment scale) is checked
here and nowhere else; the :class:`~mcda_iso.ranking.Result` keeps the options it
was made with, and every analysis and output reads them from there.

Examples
--------
>>> from mcda_iso.ranking import RankOptions
>>> options = RankOptions(method="ahp", mode="ideal")
>>> options.method, options.mode, options.scale
('ahp', 'ideal', 'saaty')
>>> RankOptions(method="electre")
Traceback (most recent call last):
...
mcda_iso.errors.MethodError: unknown ranking method 'electre'; choose one of topsis, ahp
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from mcda_iso import ahp, synthesis, topsis
from mcda_iso.errors import MethodError, shorten

__all__ = [
    "AGGREGATIONS",
    "METHODS",
    "MODES",
    "NORMALIZATIONS",
    "RankOptions",
    "consensus_words",
    "method_title",
]

#: Ranking methods understood by :func:`mcda_iso.rank`.
METHODS: tuple[str, ...] = ("topsis", "ahp")

#: TOPSIS normalisations (see :mod:`mcda_iso.topsis`).
NORMALIZATIONS: tuple[str, ...] = topsis.NORMALIZATIONS

#: AHP synthesis modes (see :mod:`mcda_iso.synthesis`).
MODES: tuple[str, ...] = synthesis.MODES

#: How :func:`mcda_iso.rank` can combine several experts' judgments
#: (see :func:`mcda_iso.ahp.aggregate`).
AGGREGATIONS: tuple[str, ...] = ahp.AGGREGATION_METHODS

AGGREGATION_TITLES = {
    "aij": "aggregation of individual judgments",
    "aip": "aggregation of individual priorities",
}

# Goepel's (2013) word scale for the AHP consensus indicator (upper bounds).
_CONSENSUS_WORDS = ((0.5, "very low"), (0.625, "low"), (0.75, "moderate"), (0.875, "high"))

_VOCABULARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "method": ("ranking method", METHODS),
    "normalization": ("normalization", NORMALIZATIONS),
    "ahp_method": ("AHP prioritisation method", ahp.METHODS),
    "ri_table": ("random-index table", tuple(ahp.RI_TABLES)),
    "aggregation": ("aggregation", AGGREGATIONS),
    "mode": ("AHP synthesis mode", MODES),
    "scale": ("judgment scale", ahp.SCALES),
}


def method_title(method: str, mode: str | None = None) -> str:
    """A ranking method in words, as reports and workbooks show it.

    Examples
    --------
    >>> method_title("topsis"), method_title("ahp"), method_title("ahp", "ideal")
    ('TOPSIS', 'AHP synthesis (distributive mode)', 'AHP synthesis (ideal mode)')
    """
    if method == "ahp":
        return f"AHP synthesis ({mode or 'distributive'} mode)"
    return "TOPSIS" if method == "topsis" else method


def consensus_words(consensus: float) -> str:
    """Goepel's word for a consensus value: very low, low, moderate, high or very high.

    Examples
    --------
    >>> consensus_words(0.7)
    'moderate'
    """
    for bound, words in _CONSENSUS_WORDS:
        if consensus < bound:
            return words
    return "very high"


@dataclass(frozen=True)
class RankOptions:
    """The options of one ranking, validated at construction.

    Attributes
    ----------
    method : {"topsis", "ahp"}
        TOPSIS closeness (Hwang & Yoon 1981) or AHP synthesis.
    normalization : {"vector", "minmax"}
        TOPSIS normalisation (used by ``method="topsis"``).
    ahp_method : {"eigenvector", "geometric_mean", "llsm"}
        How priorities are derived from every comparison matrix.
    ri_table : str
        Random-index table for consistency ratios (:data:`mcda_iso.ahp.RI_TABLES`).
    aggregation : {"aij", "aip"}
        How several experts are combined (used when the problem has experts).
    mode : {"distributive", "ideal"}
        AHP synthesis mode (used by ``method="ahp"``).
    scale : {"saaty", "balanced", "geometric"}
        The judgment scale every comparison matrix is read on.

    Raises
    ------
    MethodError
        An option that is not text or not one of its known values; the message
        lists the valid ones.
    """

    method: str = "topsis"
    normalization: str = "vector"
    ahp_method: str = "eigenvector"
    ri_table: str = "saaty"
    aggregation: str = "aij"
    mode: str = "distributive"
    scale: str = "saaty"

    def __post_init__(self) -> None:
        for name, (what, valid) in _VOCABULARIES.items():
            value = getattr(self, name)
            if not isinstance(value, str) or value not in valid:
                shown = shorten(value) if isinstance(value, str) else type(value).__name__
                message = f"unknown {what} {shown}; choose one of {', '.join(valid)}"
                raise MethodError(message)

    def replace(self, **changes: Any) -> RankOptions:
        """A copy with some options changed (validated again).

        Examples
        --------
        >>> RankOptions().replace(method="ahp").method
        'ahp'
        """
        unknown = sorted(set(changes) - {f.name for f in fields(self)})
        if unknown:
            valid = ", ".join(f.name for f in fields(self))
            message = f"unknown ranking option(s) {', '.join(unknown)}; valid: {valid}"
            raise MethodError(message)
        return replace(self, **changes)

    def as_dict(self) -> dict[str, str]:
        """The options as keyword arguments of :func:`mcda_iso.rank`.

        Examples
        --------
        >>> sorted(RankOptions().as_dict())[:3]
        ['aggregation', 'ahp_method', 'method']
        """
        return asdict(self)

    @property
    def title(self) -> str:
        """The scoring method in words, e.g. ``"AHP synthesis (ideal mode)"``."""
        return method_title(self.method, self.mode)
