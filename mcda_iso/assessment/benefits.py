"""Benefits from the answers: market access in % of revenue; credibility and efficiency.

Market access is the share of revenue an alternative keeps open (0-100 %)::

    kept = 100 x (1 - min(1, lost))
    lost = 1                                  without a certificate that is mandatory
         = (R + T) x (1 - iso)                otherwise; iso = 1 if the alternative gives
           + 0.5 x P x (1 - credit)           an ISO 9001 certificate (or a scheme that
                                              includes all ISO 9001 requirements)

with R the share of revenue from customers requiring a certificate, T the tender share if
the tenders ask for one, P the share from customers preferring one (half of it at stake),
and ``credit`` 1 for a certificate, 0.25 for a self-declared QMS or an excellence model, 0
otherwise (``criteria/assess/sector_schemes.toml``, ``[preferences]``).

Credibility and efficiency are 1-10 ratings (``criteria/assess/benefits.toml``), summarised
against the published evidence there. Credibility's spread above 1 is scaled by the
signal's :func:`reach` (how much of the revenue asks for a certificate). Every value has a
relative uncertainty (:func:`uncertainty`) carried into the Monte Carlo analysis.

Examples
--------
>>> from mcda_iso.assessment import Organisation
>>> from mcda_iso.assessment.benefits import market_access
>>> from mcda_iso.assessment.data import load_model
>>> org = Organisation(employees=60, customers_require_share=60)
>>> kept = market_access(org, load_model(), ["ISO 9001 certification", "Lean"])
>>> kept.round(1).tolist()
[100.0, 40.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from mcda_iso.assessment.answers import Organisation
from mcda_iso.assessment.costmodel import scheme, scheme_alternatives
from mcda_iso.assessment.data import Model

__all__ = [
    "ISO9001",
    "SELF_DECLARED",
    "credibility",
    "efficiency",
    "gives_iso9001",
    "mandatory",
    "market_access",
    "meets_mandatory",
    "reach",
    "uncertainty",
]

#: The ISO 9001 certification alternative.
ISO9001 = "ISO 9001 certification"

#: Alternatives a preferring customer gives partial credit (a self-declared system).
SELF_DECLARED: tuple[str, ...] = (
    "ISO 9001-aligned QMS (uncertified)",
    "Excellence model (EFQM/Baldrige)",
)


def gives_iso9001(name: str, org: Organisation, model: Model) -> bool:
    """Whether the alternative gives a certificate that meets ISO 9001 requirements.

    ISO 9001 certification does; a sector scheme does when it includes every ISO 9001
    requirement (IATF 16949, EN/AS 9100), not ISO 13485 (see ``sector_schemes.toml``).
    """
    if name == ISO9001:
        return True
    kind = scheme_alternatives(org, model).get(name)
    if kind == "combined":
        return True
    return kind == "scheme" and bool(scheme(org, model)["includes_iso9001_requirements"])


def mandatory(org: Organisation, model: Model) -> list[str]:
    """What makes a certificate mandatory, in words (empty when nothing does)."""
    reasons = []
    found = scheme(org, model)
    if org.scheme_required and found is not None:
        reasons.append(f"your customers require {found['scheme']} certification")
    if org.regulation_requires_certificate:
        reasons.append("a law, licence or regulator requires an ISO 9001 certificate")
    return reasons


def meets_mandatory(name: str, org: Organisation, model: Model) -> bool:
    """Whether the alternative gives every certificate that is mandatory for ``org``."""
    if org.scheme_required and scheme(org, model) is not None:
        if name not in scheme_alternatives(org, model):
            return False
    return not (org.regulation_requires_certificate and not gives_iso9001(name, org, model))


def market_access(org: Organisation, model: Model, names: Sequence[str]) -> pd.Series:
    """Share of revenue (%) each alternative keeps open (see the module docstring)."""
    prefs = model.schemes["preferences"]
    required = org.customers_require_share / 100
    if org.tenders_require_certificate:
        required += org.tender_share / 100
    preferred = org.customers_prefer_share / 100 * prefs["revenue_at_stake"]
    values = []
    for name in names:
        if not meets_mandatory(name, org, model):
            values.append(0.0)
            continue
        iso = gives_iso9001(name, org, model)
        credit = 1.0 if iso else prefs["self_declared_credit"] if name in SELF_DECLARED else 0.0
        lost = required * (0.0 if iso else 1.0) + preferred * (1 - credit)
        values.append(100 * (1 - min(lost, 1.0)))
    return pd.Series(values, index=list(names), name="market access", dtype=float)


def _rating(table: dict, name: str, org: Organisation, model: Model) -> float:
    key = "sector scheme" if name in scheme_alternatives(org, model) else name
    return float(table[key])


def reach(org: Organisation, model: Model) -> float:
    """How much of the market a quality signal reaches (0-1; see ``benefits.toml``).

    ``floor + (1 - floor) x`` the share of revenue from customers and tenders that require
    or prefer a certificate; 1 where a certificate is mandatory.
    """
    if mandatory(org, model):
        return 1.0
    floor = model.benefits["credibility"]["reach_floor"]
    share = org.customers_require_share + org.customers_prefer_share + org.tender_share
    return floor + (1 - floor) * min(share / 100, 1.0)


def credibility(org: Organisation, model: Model, names: Sequence[str]) -> pd.Series:
    """Credibility (1-10): the rating's spread above 1 times the signal's :func:`reach`."""
    table = model.benefits["credibility"]["ratings"]
    k = reach(org, model)
    values = [1 + (_rating(table, name, org, model) - 1) * k for name in names]
    return pd.Series(values, index=list(names), name="credibility", dtype=float)


def efficiency(org: Organisation, model: Model, names: Sequence[str]) -> pd.Series:
    """Efficiency rating (1-10); with a documented system only part of a QMS's gain is new."""
    spec = model.benefits["efficiency"]
    base = float(spec["ratings"]["Status quo"])
    qms = {n for n, s in model.cost["alternatives"].items() if s["qms"]}
    qms.update(scheme_alternatives(org, model))
    values = []
    for name in names:
        value = _rating(spec["ratings"], name, org, model)
        if org.existing_system == "documented" and name in qms:
            value = base + (value - base) * spec["documented_system_share"]
        values.append(value)
    return pd.Series(values, index=list(names), name="efficiency", dtype=float)


def uncertainty(org: Organisation, model: Model, names: Sequence[str]) -> pd.DataFrame:
    """Relative uncertainty (+/- share of the value) of every performance value.

    Rows are alternatives, columns the criteria of :func:`mcda_iso.assessment.build.criteria`.
    """
    spec = model.benefits
    rows = []
    for name in names:
        rows.append(
            {
                "credibility": float(spec["credibility"]["uncertainty"]),
                "efficiency": _rating(spec["efficiency"]["uncertainty"], name, org, model),
                "market access": float(spec["market_access"]["uncertainty"]),
                "cost": float(spec["cost"]["uncertainty"]),
                "effort": float(spec["effort"]["uncertainty"]),
            }
        )
    return pd.DataFrame(rows, index=list(names))
