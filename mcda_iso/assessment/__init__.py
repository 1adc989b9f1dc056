"""Is ISO 9001 worth it for us? Answers about the organisation in, a ranked decision out.

:func:`assess` turns answers about an organisation (size, sites, sector, existing system,
the certificates its customers, tenders and regulators require or prefer, its goals) into a
:class:`~mcda_iso.Problem` with costs in currency and effort in person-days over one
three-year certification cycle, hard requirements where a certificate is mandatory, ranks
it with :func:`mcda_iso.rank`, and explains the recommendation in the answers' terms.

Modules, in the order the data flows: :mod:`~mcda_iso.assessment.answers` (the validated
:class:`Organisation`), :mod:`~mcda_iso.assessment.data` (the model files in
``criteria/assess/``), :mod:`~mcda_iso.assessment.costmodel` (IAF MD 5 audit time, cost and
effort), :mod:`~mcda_iso.assessment.benefits` (market access, credibility, efficiency and their
uncertainty), :mod:`~mcda_iso.assessment.build` (the Problem), :mod:`~mcda_iso.assessment.explain`,
:mod:`~mcda_iso.assessment.outcome` (:class:`Assessment`, :func:`assess`) and
:mod:`~mcda_iso.assessment.interview` (the terminal interview).

The package itself is callable, so that ``mcda_iso.assess(...)`` is :func:`assess` while
``mcda_iso.assessment.Organisation`` and its submodules stay reachable under the same name.

Examples
--------
>>> import mcda_iso
>>> a = mcda_iso.assess(employees=60, tender_share=50, tenders_require_certificate=True)
>>> a.result.best
'ISO 9001 certification'
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from mcda_iso.assessment.answers import QUESTIONS, Organisation, read_answers
    from mcda_iso.assessment.outcome import Assessment, assess

# Re-exported names and their modules, imported on first use (PEP 562), so that the
# command line can read the questions without loading numpy and pandas.
_LAZY: dict[str, str] = {
    "QUESTIONS": "mcda_iso.assessment.answers",
    "Assessment": "mcda_iso.assessment.outcome",
    "Organisation": "mcda_iso.assessment.answers",
    "assess": "mcda_iso.assessment.outcome",
    "read_answers": "mcda_iso.assessment.answers",
}

__all__ = ["QUESTIONS", "Assessment", "Organisation", "assess", "read_answers"]


def __getattr__(name: str) -> _typing.Any:
    """Import a re-exported name from its module on first use (PEP 562)."""
    try:
        module_name = _LAZY[name]
    except KeyError:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message) from None
    value = getattr(_importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
