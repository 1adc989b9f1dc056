"""Pairwise-comparison matrices: priorities, consistency, diagnosis and aggregation.

The Analytic Hierarchy Process (AHP) turns judgments of the form "criterion *i*
is :math:`a_{ij}` times as important as criterion *j*" into priority weights.
This package holds the maths only: validation of a comparison matrix
(:func:`check_matrix`, from :mod:`mcda_iso.judgments`), priorities and consistency
(:func:`priorities`),
the judgments to revisit first (:func:`most_inconsistent`), completion of
matrices with missing judgments (:func:`complete`) and group decisions
(:func:`aggregate`). It does no I/O, prints nothing and emits no warnings:
a consistency ratio above its threshold is reported in the result
(:attr:`Priorities.consistent`) for callers to act on.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.
.. [2] Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
   *European Journal of Operational Research* 48(1), 9-26.
.. [3] Crawford, G., & Williams, C. (1985). A note on the analysis of subjective
   judgment matrices. *Journal of Mathematical Psychology* 29(4), 387-405.
.. [4] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index:
   approximated thresholds. *European Journal of Operational Research* 147(1), 137-145.
.. [5] Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy
   process: a new approach. *International Journal of Uncertainty, Fuzziness and
   Knowledge-Based Systems* 14(4), 445-459.
.. [6] Tummala, V. M. R., & Ling, H. (1998). A note on the computation of the mean random
   consistency index of the analytic hierarchy process (AHP). *Theory and Decision*
   44(3), 221-230.
.. [7] Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic hierarchy
   process. *Mathematical Modelling* 9(11), 837-848.
.. [8] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of incomplete
   pairwise comparison matrices. *Mathematical and Computer Modelling* 52(1-2), 318-333.
.. [9] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and priorities
   with the analytic hierarchy process. *European Journal of Operational Research*
   108(1), 165-169.
.. [10] Goepel, K. D. (2018). Implementation of an online software tool for the analytic
   hierarchy process (AHP-OS). *International Journal of the Analytic Hierarchy Process*
   10(3), 469-487.

Modules: :mod:`~mcda_iso.ahp.tables` (methods, random indices, thresholds, judgment
scales), :mod:`~mcda_iso.ahp.results` (what the computations return),
:mod:`~mcda_iso.ahp.kernels` (the numerical kernels), :mod:`~mcda_iso.ahp.priorities`
(one matrix) and :mod:`~mcda_iso.ahp.group` (several experts).
"""

from mcda_iso.ahp.group import aggregate, consensus
from mcda_iso.ahp.priorities import complete, most_inconsistent, priorities
from mcda_iso.ahp.results import GroupPriorities, Judgment, Priorities
from mcda_iso.ahp.tables import (
    AGGREGATION_METHODS,
    GCI_THRESHOLDS,
    METHODS,
    RI_TABLES,
    SAATY_SCALE,
    SCALES,
    convert_scale,
    default_threshold,
    gci_threshold,
    random_index,
)
from mcda_iso.judgments import check_matrix

__all__ = [
    "AGGREGATION_METHODS",
    "GCI_THRESHOLDS",
    "METHODS",
    "RI_TABLES",
    "SAATY_SCALE",
    "SCALES",
    "GroupPriorities",
    "Judgment",
    "Priorities",
    "aggregate",
    "check_matrix",
    "complete",
    "consensus",
    "convert_scale",
    "default_threshold",
    "gci_threshold",
    "most_inconsistent",
    "priorities",
    "random_index",
]
