"""What the AHP computations return: priorities, judgments to revise, group results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from mcda_iso.judgments import _fmt_ratio, _labels

# --------------------------------------------------------------------------- results


def _frozen_array(values: Any, dtype: Any = float) -> np.ndarray:
    arr = np.array(values, dtype=dtype, copy=True)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class Priorities:
    """Priorities of one comparison matrix and its consistency.

    Attributes
    ----------
    weights : numpy.ndarray
        Read-only priority vector; positive, sums to 1.
    lambda_max : float
        Principal (Perron) eigenvalue of :attr:`matrix`, whatever the method.
    ci : float
        Consistency index :math:`(\\lambda_{max} - n)/(n - 1)` (0 for n <= 2).
    cr : float
        Consistency ratio ``ci / ri`` (0 for n <= 2).
    ri : float
        Random index used (see :func:`random_index`).
    threshold : float
        CR threshold applied (:func:`default_threshold` unless given).
    consistent : bool
        ``cr <= threshold``.
    method : str
        ``"eigenvector"``, ``"geometric_mean"`` or ``"llsm"``.
    ri_table : str
        Name of the random-index table.
    n : int
        Number of criteria.
    gci : float or None
        Geometric consistency index for the log-based methods (``"geometric_mean"``,
        ``"llsm"``), None for ``"eigenvector"``.
    gci_threshold : float or None
        Threshold for :attr:`gci` (see :func:`gci_threshold`), None when gci is None.
    names : tuple of str or None
        Criterion names, if known.
    matrix : numpy.ndarray
        Read-only matrix the consistency was computed on; for input with missing
        judgments the completed matrix (missing :math:`a_{ij} = w_i / w_j`).
    missing : numpy.ndarray or None
        Read-only boolean mask of the judgments that were missing, or None if none were.
    scale : str
        The judgment scale the matrix was evaluated on (see :func:`convert_scale`);
        :attr:`matrix` holds the converted judgments.
    """

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    threshold: float
    consistent: bool
    method: str
    ri_table: str
    n: int
    gci: float | None = None
    gci_threshold: float | None = None
    names: tuple[str, ...] | None = None
    matrix: np.ndarray = field(default_factory=lambda: _frozen_array([[1.0]]))
    missing: np.ndarray | None = None
    scale: str = "saaty"

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _frozen_array(self.weights))
        object.__setattr__(self, "matrix", _frozen_array(self.matrix))
        if self.missing is not None:
            object.__setattr__(self, "missing", _frozen_array(self.missing, dtype=bool))
        if self.names is not None:
            object.__setattr__(self, "names", tuple(self.names))

    @classmethod
    def _owning(cls, fields: dict[str, Any]) -> Priorities:
        """A result made of read-only arrays nobody else holds: taken, not copied.

        For :func:`~mcda_iso.ahp.priorities`, which makes its arrays and sets them
        read-only; the public constructor copies (its caller may keep writing to the
        arrays it passes). ``fields`` gives every field, ``names`` as a tuple.
        """
        result = object.__new__(cls)
        result.__dict__.update(fields)
        return result

    def labels(self) -> tuple[str, ...]:
        """Criterion names, or ``"criterion 1"``, ``"criterion 2"``, ... if unnamed."""
        return _labels(self.names, self.n)

    def to_series(self) -> pd.Series:
        """The weights as a :class:`pandas.Series` indexed by criterion name."""
        return pd.Series(np.array(self.weights), index=list(self.labels()), name="weight")


@dataclass(frozen=True, eq=False)
class Judgment:
    """One pairwise judgment and how far it disagrees with the priorities.

    Attributes
    ----------
    row, col : int
        Position of the judgment :math:`a_{ij}` (``row < col``).
    row_name, col_name : str
        The two criteria compared.
    value : float
        The judgment as given, :math:`a_{ij}`.
    implied : float
        The ratio the priorities imply, :math:`w_i / w_j`.
    suggested : float
        The value on Saaty's scale (1/9 ... 9) nearest to ``implied`` (in log terms).
    cr_after : float
        Consistency ratio once this judgment (and its reciprocal) is replaced by
        ``suggested``, all else unchanged.
    error : float
        Saaty's error :math:`e_{ij} = a_{ij} w_j / w_i` (1 = in perfect agreement).
    """

    row: int
    col: int
    row_name: str
    col_name: str
    value: float
    implied: float
    suggested: float
    cr_after: float
    error: float

    def __str__(self) -> str:
        return (
            f"'{self.row_name}' vs '{self.col_name}': judged {_fmt_ratio(self.value)}, "
            f"the priorities imply {self.implied:.3g}; "
            f"nearest scale value {_fmt_ratio(self.suggested)} "
            f"would give CR {self.cr_after:.3f}"
        )


@dataclass(frozen=True, eq=False)
class GroupPriorities:
    """Result of :func:`aggregate`.

    Attributes
    ----------
    weights : numpy.ndarray
        Read-only group weights (for ``"aij"`` the priorities of the group matrix; for
        ``"aip"`` the renormalised weighted geometric mean of the experts' priorities).
    matrix : numpy.ndarray
        Read-only element-wise weighted geometric mean of the experts' judgments
        (the AIJ group matrix; also given for ``"aip"``, for reference). NaN where no
        expert gave a judgment.
    group : Priorities
        Priorities and consistency of :attr:`matrix`.
    experts : Mapping[str, Priorities]
        Read-only mapping expert name -> that expert's priorities.
    expert_weights : Mapping[str, float]
        Read-only mapping expert name -> normalised expert weight (sums to 1).
    consensus : float or None
        Goepel's AHP consensus indicator :math:`S^*` in [0, 1]; None for one expert.
    most_deviating : str or None
        Expert whose priority vector is farthest (Euclidean distance) from
        :attr:`weights`; None for one expert.
    deviations : Mapping[str, float]
        Read-only mapping expert name -> Euclidean distance of their weights from
        :attr:`weights`.
    method : str
        ``"aij"`` or ``"aip"``.
    names : tuple of str or None
        Criterion names, if known.
    """

    weights: np.ndarray
    matrix: np.ndarray
    group: Priorities
    experts: Mapping[str, Priorities]
    expert_weights: Mapping[str, float]
    consensus: float | None
    most_deviating: str | None
    deviations: Mapping[str, float]
    method: str
    names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _frozen_array(self.weights))
        object.__setattr__(self, "matrix", _frozen_array(self.matrix))
        for name in ("experts", "expert_weights", "deviations"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def to_series(self) -> pd.Series:
        """The group weights as a :class:`pandas.Series` indexed by criterion name."""
        labels = _labels(self.names, len(self.weights))
        return pd.Series(np.array(self.weights), index=list(labels), name="weight")
