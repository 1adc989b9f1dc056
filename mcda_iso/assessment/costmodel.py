"""Cost in currency and effort in person-days over one three-year certification cycle.

The certification body's audit time follows IAF MD 5 (Table QMS 1: initial audit time,
Stage 1 + Stage 2, by effective personnel; surveillance about 1/3 of it per year,
recertification about 2/3). One cycle (ISO/IEC 17021-1 clause 9.1.3) is the initial audit,
two surveillance audits and the recertification audit::

    D0     = Table QMS 1 (personnel) x scheme factor + 0.5 x (sites - 1)
    D      = D0 x (1 + 2 x 1/3 + 2/3)                       auditor days in the cycle
    s      = personnel ** 0.5                                size driver of build and upkeep
    cash   = D x auditor rate + 3 x admin fee                certification body
           + consultancy x s x m_build x consultant rate      consultants
           + training fee x personnel + 3 x annual fee       courses, recognition fees
    effort = build x s x m_build + 3 x upkeep x s x m_upkeep  building and keeping it
           + training days x personnel x m_build              training
           + D x guide days                                   hosting the auditors
           + 3 x customer audits x days (x 0.7 if certified)  customers' own audits

``m_build``/``m_upkeep`` depend on the system that exists today (only for the alternatives
that build a QMS). Every parameter, with its source or the reasoning behind it, is in
``criteria/assess/cost_model.toml`` and ``sector_schemes.toml``.

Examples
--------
>>> from mcda_iso.assessment.costmodel import initial_audit_days
>>> from mcda_iso.assessment.data import load_model
>>> model = load_model()
>>> [initial_audit_days(n, model) for n in (5, 10, 300, 2000)]
[1.5, 2.0, 10.0, 15.0]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from mcda_iso.assessment.answers import Organisation
from mcda_iso.assessment.data import Model
from mcda_iso.errors import AssessmentError

__all__ = [
    "COST_COLUMNS",
    "alternatives",
    "audit_days",
    "audit_factor",
    "costs",
    "initial_audit_days",
    "rate",
    "scheme",
    "scheme_alternatives",
]

#: Columns of :func:`costs`, in order.
COST_COLUMNS: tuple[str, ...] = (
    "initial audit days",
    "auditor days",
    "certification body",
    "consultancy",
    "training and fees",
    "cost",
    "person-days",
    "staff time valued",
    "cost incl. staff time",
)


def initial_audit_days(personnel: float, model: Model) -> float:
    """Initial audit time (Stage 1 + Stage 2, auditor days) for ``personnel`` (IAF MD 5).

    The figure of the band of Table QMS 1 holding ``personnel``; above the table, one day
    more per ``beyond_table.personnel_per_day`` (an assumption, see the data file).

    Raises
    ------
    AssessmentError
        If ``personnel`` is below 1.
    """
    table = model.cost["audit_time"]
    if not personnel >= 1:
        raise AssessmentError(f"effective personnel must be at least 1 (got {personnel!r})")
    bands = table["bands"]
    per_day = table["beyond_table"]["personnel_per_day"]
    shape = all(
        isinstance(b, list) and len(b) == 3 and all(isinstance(x, int | float) for x in b)
        for b in bands
    )
    if not (bands and shape and per_day > 0):
        raise AssessmentError(
            "cost_model.audit_time.bands must be a list of [lowest personnel, highest "
            "personnel, auditor days] rows, and beyond_table.personnel_per_day positive"
        )
    for low, high, days in bands:
        if low <= math.ceil(personnel) <= high:
            return float(days)
    top = bands[-1]
    extra = math.ceil((personnel - top[1]) / per_day)
    return float(top[2] + extra)


def scheme(org: Organisation, model: Model) -> Mapping[str, Any] | None:
    """The sector scheme table of the organisation's sector, or None (general sector)."""
    sectors = model.schemes["sectors"]
    if org.sector not in sectors:
        raise AssessmentError(
            f"sector {org.sector!r} is not in sector_schemes.toml; known: {', '.join(sectors)}"
        )
    found = sectors[org.sector]
    return found if "scheme" in found else None


def scheme_alternatives(org: Organisation, model: Model) -> dict[str, str]:
    """The sector scheme's alternatives, name -> ``"scheme"`` or ``"combined"``.

    ``"combined"`` is the scheme and ISO 9001 certified together, offered for a scheme
    that does not include every ISO 9001 requirement (ISO 13485).
    """
    found = scheme(org, model)
    if found is None:
        return {}
    out = {found["alternative"]: "scheme"}
    if "combined" in found:
        out[found["combined"]["alternative"]] = "combined"
    return out


def alternatives(org: Organisation, model: Model) -> tuple[str, ...]:
    """The alternatives assessed: those of the cost model, plus the sector scheme's.

    The scheme's certification (and the combined one) come right after ISO 9001
    certification.
    """
    names = list(model.cost["alternatives"])
    at = names.index("ISO 9001 certification") + 1
    names[at:at] = list(scheme_alternatives(org, model))
    return tuple(names)


def audit_factor(name: str, org: Organisation, model: Model) -> float:
    """The multiple of the IAF MD 5 audit time that alternative ``name`` is audited for.

    1 for ISO 9001; the scheme's factor for a sector scheme; for a scheme certified
    together with ISO 9001, both times less the integration reduction (IAF MD 11).
    """
    kind = scheme_alternatives(org, model).get(name)
    if kind is None:
        return 1.0
    found = scheme(org, model)
    factor = float(found["factors"]["audit_time"])
    if kind == "combined":
        reduction = found["combined"]["integration"]["audit_time_reduction"]
        factor = (factor + 1.0) * (1 - reduction)
    return factor


def rate(org: Organisation, model: Model, key: str) -> float:
    """The organisation's own figure for ``key`` if answered, else the model's default."""
    own = getattr(org, key, None)
    return float(own if own is not None else model.cost["rates"][key]["value"])


def audit_days(org: Organisation, model: Model, factor: float = 1.0) -> dict[str, float]:
    """Auditor days of one cycle: initial, each surveillance, recertification, total.

    ``factor`` scales the MD 5 time for a sector scheme (1 for ISO 9001).
    """
    table = model.cost["audit_time"]
    per_site = table["additional_site"]["days_per_site"] * (org.sites - 1)
    initial = initial_audit_days(org.employees, model) * factor + per_site
    surveillance = initial * table["surveillance"]["share_of_initial_per_year"]
    recert = initial * table["recertification"]["share_of_initial"]
    surveillances = model.cost["cycle"]["years"] - 1
    return {
        "initial": initial,
        "surveillance": surveillance,
        "recertification": recert,
        "cycle": initial + surveillances * surveillance + recert,
    }


def _drivers(name: str, org: Organisation, model: Model) -> tuple[dict[str, float], float, bool]:
    """(drivers of the alternative, audit-time factor, whether it builds a QMS)."""
    alts = model.cost["alternatives"]
    if name in alts:
        spec = alts[name]
        return dict(spec), 1.0, bool(spec["qms"])
    kind = scheme_alternatives(org, model).get(name)
    if kind is None:
        raise AssessmentError(f"no cost drivers for alternative {name!r}")
    found = scheme(org, model)
    base = dict(alts["ISO 9001 certification"])
    factors = found["factors"]
    for key in ("build", "consultancy", "upkeep"):
        base[key] = base[key] * factors[key]
        if kind == "combined":
            base[key] = base[key] * found["combined"][key]
    base["training_days"] = base["training_days"] + factors["extra_training_days"]
    return base, audit_factor(name, org, model), True


def costs(org: Organisation, model: Model, names: Sequence[str] | None = None) -> pd.DataFrame:
    """Cost (currency) and effort (person-days) of each alternative over one cycle.

    Returns
    -------
    pandas.DataFrame
        One row per alternative, columns :data:`COST_COLUMNS`: the initial audit's and the
        cycle's auditor days, the certification body's fees, consultancy, training and other
        fees, their sum ``cost`` (cash), ``person-days`` of your staff, and the staff time
        valued at the internal day cost (shown beside the cash, not added to ``cost``:
        the ranking counts staff time as effort).
    """
    names = alternatives(org, model) if names is None else tuple(names)
    rates = {
        key: rate(org, model, key)
        for key in ("auditor_day_rate", "consultant_day_rate", "internal_day_cost")
    }
    fixed = model.cost["rates"]
    years = model.cost["cycle"]["years"]
    size = org.employees ** model.cost["scaling"]["exponent"]
    maturity = model.cost["maturity"][org.existing_system]
    visit_days = rate(org, model, "customer_audit_days")
    reduction = fixed["customer_audit_reduction"]["value"]
    rows = []
    for name in names:
        spec, factor, qms = _drivers(name, org, model)
        m_build = maturity["build_factor"] if qms else 1.0
        m_upkeep = maturity["upkeep_factor"] if qms else 1.0
        days = audit_days(org, model, factor) if spec["certified"] else None
        cycle_days = 0.0 if days is None else days["cycle"]
        body = 0.0
        if days is not None:
            body = cycle_days * rates["auditor_day_rate"]
            body += years * fixed["certification_admin_fee"]["value"]
        consultancy = spec["consultancy"] * size * m_build * rates["consultant_day_rate"]
        fees = spec["training_fee"] * org.employees + years * spec["annual_fee"]
        customer = years * org.customer_audits_per_year * visit_days
        if days is not None:
            customer *= 1 - reduction
        effort = (
            spec["build"] * size * m_build
            + years * spec["upkeep"] * size * m_upkeep
            + spec["training_days"] * org.employees * m_build
            + cycle_days * fixed["guide_days_per_audit_day"]["value"]
            + customer
        )
        cash = body + consultancy + fees
        staff = effort * rates["internal_day_cost"]
        rows.append(
            [
                0.0 if days is None else days["initial"],
                cycle_days,
                body,
                consultancy,
                fees,
                cash,
                effort,
                staff,
                cash + staff,
            ]
        )
    return pd.DataFrame(rows, index=list(names), columns=list(COST_COLUMNS))
