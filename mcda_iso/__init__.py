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

# Only private names here besides the re-exports: the namespace is the public surface.
import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:  # what the lazy table below resolves to, for type checkers and IDEs
    from mcda_iso import ahp, sensitivity, synthesis, topsis
    from mcda_iso.assessment import Organisation, assess
    from mcda_iso.errors import (
        AssessmentError,
        ComparisonError,
        ConsistencyWarning,
        MCDAError,
        MethodError,
        ProblemError,
        RequirementError,
        ScenarioError,
        WorkbookError,
        WorkbookWarning,
    )
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
    from mcda_iso.workbook import read_workbook, validate_workbook, write_results, write_template
    from mcda_iso.workbook.collect import collect_questionnaires
    from mcda_iso.workbook.questionnaire import write_questionnaire

__version__ = "0.1.0"

# Every re-exported name and the module defining it. Nothing is imported until a name is
# first used (PEP 562), so ``import mcda_iso`` and ``mcda-iso --help`` load neither numpy,
# pandas, pymcdm, scipy nor matplotlib. A value equal to the key's own dotted name is a
# submodule re-exported as itself.
_LAZY: dict[str, str] = {
    "Alternative": "mcda_iso.problem",
    "AssessmentError": "mcda_iso.errors",
    "ComparisonError": "mcda_iso.errors",
    "ConsistencyWarning": "mcda_iso.errors",
    "Criterion": "mcda_iso.problem",
    "MCDAError": "mcda_iso.errors",
    "MethodError": "mcda_iso.errors",
    "Organisation": "mcda_iso.assessment",
    "Problem": "mcda_iso.problem",
    "ProblemError": "mcda_iso.errors",
    "RankingComparison": "mcda_iso.ranking",
    "RequirementError": "mcda_iso.errors",
    "Result": "mcda_iso.ranking",
    "ScenarioError": "mcda_iso.errors",
    "Screening": "mcda_iso.screening",
    "WorkbookError": "mcda_iso.errors",
    "WorkbookWarning": "mcda_iso.errors",
    "ahp": "mcda_iso.ahp",
    "assess": "mcda_iso.assessment",
    "collect_questionnaires": "mcda_iso.workbook.collect",
    "compare": "mcda_iso.ranking",
    "compare_scales": "mcda_iso.ranking",
    "criteria_weights": "mcda_iso.ranking",
    "list_profiles": "mcda_iso.scenarios",
    "load_scenario": "mcda_iso.scenarios",
    "rank": "mcda_iso.ranking",
    "read_workbook": "mcda_iso.workbook",
    "screen": "mcda_iso.screening",
    "sensitivity": "mcda_iso.sensitivity",
    "synthesis": "mcda_iso.synthesis",
    "topsis": "mcda_iso.topsis",
    "validate_workbook": "mcda_iso.workbook",
    "write_report": "mcda_iso.report",
    "write_results": "mcda_iso.workbook",
    "write_questionnaire": "mcda_iso.workbook.questionnaire",
    "write_template": "mcda_iso.workbook",
}

__all__ = [
    "Alternative",
    "AssessmentError",
    "ComparisonError",
    "ConsistencyWarning",
    "Criterion",
    "MCDAError",
    "MethodError",
    "Organisation",
    "Problem",
    "ProblemError",
    "RankingComparison",
    "RequirementError",
    "Result",
    "ScenarioError",
    "Screening",
    "WorkbookError",
    "WorkbookWarning",
    "__version__",
    "ahp",
    "assess",
    "collect_questionnaires",
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
    "write_questionnaire",
    "write_report",
    "write_results",
    "write_template",
]


def __getattr__(name: str) -> _typing.Any:
    """Import a re-exported name from its module on first use (PEP 562)."""
    try:
        module_name = _LAZY[name]
    except KeyError:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message) from None
    module = _importlib.import_module(module_name)
    value = module if module_name == f"{__name__}.{name}" else getattr(module, name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
