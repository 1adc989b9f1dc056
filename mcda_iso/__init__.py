"""mcda_iso: is ISO 9001 certification worth it for us?

Multi-criteria decision analysis: criteria weights from AHP pairwise
comparisons (with consistency checks), alternatives scored and ranked by
TOPSIS or AHP synthesis.

Examples
--------
>>> import mcda_iso
>>> result = mcda_iso.rank(mcda_iso.load_scenario("iso9001", profile="balanced"))
>>> result.best
'ISO 9001 certification'
"""

from mcda_iso import ahp, sensitivity, synthesis, topsis
from mcda_iso.errors import (
    ComparisonError,
    ConsistencyWarning,
    MCDAError,
    MethodError,
    ProblemError,
    RequirementError,
    ScenarioError,
    WorkbookError,
)
from mcda_iso.excel import read_workbook, validate_workbook, write_results, write_template
from mcda_iso.problem import Alternative, Criterion, Problem
from mcda_iso.ranking import (
    RankingComparison,
    Result,
    compare,
    compare_scales,
    criteria_weights,
    rank,
)
from mcda_iso.report import write_report
from mcda_iso.scenarios import list_profiles, load_scenario
from mcda_iso.screening import Screening, screen

__version__ = "0.1.0"

__all__ = [
    "Alternative",
    "ComparisonError",
    "ConsistencyWarning",
    "Criterion",
    "MCDAError",
    "MethodError",
    "Problem",
    "ProblemError",
    "RankingComparison",
    "RequirementError",
    "Result",
    "ScenarioError",
    "Screening",
    "WorkbookError",
    "__version__",
    "ahp",
    "compare",
    "compare_scales",
    "criteria_weights",
    "list_profiles",
    "load_scenario",
    "rank",
    "read_workbook",
    "screen",
    "sensitivity",
    "synthesis",
    "topsis",
    "validate_workbook",
    "write_report",
    "write_results",
    "write_template",
]
