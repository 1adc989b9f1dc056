"""Is ISO 9001 worth it for us? Answers about the organisation in, a ranked decision out.

:func:`assess` turns answers about an organisation (size, sites, sector, existing system,
the certificates its customers, tenders and regulators require or prefer, its goals) into a
:class:`~mcda_iso.Problem` with costs in currency and effort in person-days over one
three-year certification cycle, hard requirements where a certificate is mandatory, ranks
it with :func:`mcda_iso.rank`, and explains the recommendation in the answers' terms.

Modules, in the order the data flows: :mod:`~mcda_iso.assess.answers` (the validated
:class:`Organisation`), :mod:`~mcda_iso.assess.data` (the model files in
``criteria/assess/``), :mod:`~mcda_iso.assess.costmodel` (IAF MD 5 audit time, cost and
effort), :mod:`~mcda_iso.assess.benefits` (market access, credibility, efficiency and their
uncertainty), :mod:`~mcda_iso.assess.build` (the Problem), :mod:`~mcda_iso.assess.explain`,
:mod:`~mcda_iso.assess.assessment` (:class:`Assessment`, :func:`assess`) and
:mod:`~mcda_iso.assess.interview` (the terminal interview).

The package itself is callable, so that ``mcda_iso.assess(...)`` is :func:`assess` while
``mcda_iso.assess.Organisation`` and its submodules stay reachable under the same name.

Examples
--------
>>> import mcda_iso
>>> a = mcda_iso.assess(employees=60, tender_share=50, tenders_require_certificate=True)
>>> a.result.best
'ISO 9001 certification'
"""

import sys as _sys
import types as _types

from mcda_iso.assess.answers import QUESTIONS, Organisation, read_answers
from mcda_iso.assess.assessment import Assessment, assess

__all__ = ["QUESTIONS", "Assessment", "Organisation", "assess", "read_answers"]


class _CallableModule(_types.ModuleType):
    """This package, callable as :func:`assess` (``mcda_iso.assess(...)``)."""

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return assess(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
