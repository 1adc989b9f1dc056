"""The recommendation explained in the terms of the answers.

Every number in the sentences comes from the :class:`~mcda_iso.Result`, the costs table or
the answers; nothing is ranked again here.

Examples
--------
>>> from mcda_iso.assessment import Organisation, assess
>>> a = assess(Organisation(employees=10, profile="small-business"))
>>> a.explanation[1]
'No customer, tender or regulator asks you for a certificate, so a certificate opens no \
market here; the choice rests on credibility, efficiency, cost and effort.'
"""

from __future__ import annotations

import pandas as pd

from mcda_iso.assessment import benefits
from mcda_iso.assessment.answers import Organisation
from mcda_iso.assessment.costmodel import (
    audit_factor,
    initial_audit_days,
    rate,
    scheme,
    scheme_alternatives,
)
from mcda_iso.assessment.data import Model
from mcda_iso.ranking import Result

__all__ = ["explain"]


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}"


def _share(value: float) -> str:
    return f"{value:g} %"


def _fraction(share: float) -> str:
    """``'about 1/3'`` for a share close to a simple fraction, else ``'45%'``."""
    for den in (2, 3, 4, 5):
        for num in range(1, den):
            if abs(share - num / den) < 1e-6:
                return f"about {num}/{den}"
    return f"{share:.0%}"


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def explain(org: Organisation, model: Model, result: Result, costs: pd.DataFrame) -> list[str]:
    """Sentences explaining the recommendation for ``org``, most important first.

    Parameters
    ----------
    org : Organisation
        The answers.
    model : Model
        The model data the assessment used.
    result : Result
        The ranking of the Problem built from the answers.
    costs : pandas.DataFrame
        The costs table of the same assessment (:func:`mcda_iso.assessment.costmodel.costs`).
    """
    lines: list[str] = []
    scores = result.scores.sort_values(ascending=False)
    best = scores.index[0]
    what = "closeness" if result.method == "topsis" else "score"
    if len(scores) > 1:
        first = f"Recommendation: {best} ({what} {scores.iloc[0]:.2f})"
        first += f", ahead of {scores.index[1]} ({scores.iloc[1]:.2f})"
    else:
        first = f"Recommendation: {best}, the only alternative that meets the requirements"
    lines.append(first + ".")
    lines.extend(_market(org, model, result))
    lines.extend(_cost(org, model, costs, best, result.screening.passed))
    lines.extend(_goals(result))
    lines.append(
        "Credibility and efficiency are ratings, not measurements: matched studies of certified "
        "and non-certified firms (Corbett, Montes-Sancho & Kirsch 2005; Levine & Toffel 2010; "
        "Terlaak & King 2006) agree that certified firms grow faster and survive more often, "
        "but not on how much, and find much of the gain in the certificate's signal to "
        "customers; the Monte Carlo analysis (Assessment.monte_carlo) varies every value by up "
        f"to ±{max_uncertainty(org, model, list(costs.index)):.0%}."
    )
    return lines


def max_uncertainty(org: Organisation, model: Model, names: list[str]) -> float:
    """The largest relative uncertainty of any performance value (for the Monte Carlo)."""
    return float(benefits.uncertainty(org, model, names).to_numpy().max())


def _market(org: Organisation, model: Model, result: Result) -> list[str]:
    lines = []
    reasons = benefits.mandatory(org, model)
    out = list(result.screening.reasons)
    if reasons:
        because = _names(reasons)
        found = scheme(org, model)
        line = f"Because {because}, " + (
            "a certificate is mandatory" if len(reasons) == 1 else "both certificates are mandatory"
        )
        if out:
            line += f": {_names(out)} would keep no revenue open and are screened out"
        lines.append(line + ".")
        if org.scheme_required and found is not None:
            lines.append(f"{found['scheme']}: {found['requires']}")
    found = scheme(org, model)
    if found is not None and not org.scheme_required:
        lines.append(
            f"{found['alternative']} (your sector's scheme) is assessed beside ISO 9001: "
            f"{found['requires']}"
        )
    required = org.customers_require_share
    tenders = org.tender_share if org.tenders_require_certificate else 0.0
    access = result.problem.performance["market access"]
    if required and not reasons:
        without = [a for a in access.index if not benefits.gives_iso9001(a, org, model)]
        lines.append(
            f"Because about {_share(required)} of revenue comes from customers who require a "
            "certificate, an alternative without one keeps at most "
            f"{access[without].max():.0f} % of revenue open, against "
            f"{access[benefits.ISO9001]:.0f} % with ISO 9001 certification."
        )
    if tenders:
        lines.append(
            f"About {_share(tenders)} of revenue is won in public tenders that ask for an ISO "
            "9001 certificate; in the EU, Directive 2014/24/EU Art. 62 lets contracting "
            "authorities ask for certificates of quality assurance standards, and obliges them "
            "to accept equivalent certificates and, in narrow cases, other evidence."
        )
    elif org.tender_share:
        lines.append(
            f"About {_share(org.tender_share)} of revenue comes from public tenders, which (by "
            "your answer) do not ask for a certificate: they add no market access here."
        )
    if org.customers_prefer_share:
        stake = model.schemes["preferences"]["revenue_at_stake"]
        lines.append(
            f"About {_share(org.customers_prefer_share)} of revenue comes from customers who "
            f"prefer a certified supplier; {stake:.0%} of it is counted as at stake without a "
            "certificate (an assumption in sector_schemes.toml)."
        )
    if not (reasons or required or tenders or org.customers_prefer_share):
        lines.append(
            "No customer, tender or regulator asks you for a certificate, so a certificate "
            "opens no market here; the choice rests on credibility, efficiency, cost and effort."
        )
    k = benefits.reach(org, model)
    if k < 1:
        asking = org.customers_require_share + org.customers_prefer_share + org.tender_share
        share = f"only {asking:g} % of revenue comes" if asking else "no revenue comes"
        floor = model.benefits["credibility"]["reach_floor"]
        lines.append(
            f"A certificate's credibility is counted at {k:.0%} of its full value, because "
            f"{share} from customers and tenders that require or prefer one (reach = "
            f"{floor:g} + {1 - floor:g} x that share, benefits.toml)."
        )
    if org.customer_audits_per_year:
        saved = model.cost["rates"]["customer_audit_reduction"]["value"]
        days = org.customer_audits_per_year * rate(org, model, "customer_audit_days")
        lines.append(
            f"Your staff spend about {days:g} person-days a year on {org.customer_audits_per_year}"
            f" customer audits; a certificate is assumed to save {saved:.0%} of them."
        )
    return lines


def _cost_line(name: str, org: Organisation, model: Model, costs: pd.DataFrame) -> str:
    """What one alternative costs, with the certification body's audit time spelt out."""
    row = costs.loc[name]
    cur = org.currency
    if row["cost"] == 0 and row["person-days"] == 0:
        return f"{name} costs no extra cash and no extra staff time."
    text = f"{name} would cost about {_money(row['cost'], cur)} over the three-year cycle"
    if row["auditor days"]:
        surveillance = model.cost["audit_time"]["surveillance"]["share_of_initial_per_year"]
        recert = model.cost["audit_time"]["recertification"]["share_of_initial"]
        md5 = initial_audit_days(org.employees, model)
        per_site = model.cost["audit_time"]["additional_site"]["days_per_site"]
        factor = audit_factor(name, org, model)
        kind = scheme_alternatives(org, model).get(name)
        if factor == 1 and org.sites == 1:
            detail = f"of {org.employees} effective personnel by IAF MD 5 Table QMS 1"
        else:
            detail = f"(IAF MD 5 Table QMS 1: {md5:g} for {org.employees} effective personnel"
            if kind == "scheme":
                detail += f", x {factor:g} for {scheme(org, model)['scheme']}: an assumption"
            elif kind == "combined":
                detail += (
                    f", x {factor:g} for both standards in one integrated audit (IAF MD 11 "
                    "reduction; the scheme's factor is an assumption)"
                )
            if org.sites > 1:
                detail += f", plus {per_site:g} for each further site"
            detail += ")"
        text += (
            f", of which {_money(row['certification body'], cur)} for the certification body "
            f"({row['auditor days']:.1f} auditor days: {row['initial audit days']:g} for the "
            f"initial audit {detail}, {_fraction(surveillance)} of it for each surveillance and "
            f"{_fraction(recert)} for the recertification)"
        )
    return (
        f"{text}, and take about {row['person-days']:,.0f} person-days of your staff "
        f"(worth about {_money(row['staff time valued'], cur)})."
    )


def _cost(
    org: Organisation, model: Model, costs: pd.DataFrame, best: str, passed: tuple[str, ...]
) -> list[str]:
    lines = []
    if benefits.ISO9001 in passed:
        lines.append(_cost_line(benefits.ISO9001, org, model, costs))
    if best != benefits.ISO9001:
        lines.append(_cost_line(best, org, model, costs))
    if org.existing_system == "documented":
        factors = model.cost["maturity"]["documented"]
        new = model.benefits["efficiency"]["documented_system_share"]
        lines.append(
            "Your documented management system already does much of the building work: for "
            f"the alternatives that build a QMS the model counts {factors['build_factor']:.0%} "
            f"of the building effort, consultancy and training, {factors['upkeep_factor']:.0%} "
            f"of the upkeep, and {new:.0%} of their efficiency gain as new."
        )
    if any(getattr(org, k) is None for k in ("auditor_day_rate", "consultant_day_rate")):
        lines.append(
            "Day rates not given are illustrative defaults (cost_model.toml); put your "
            "certification body's and consultant's quotations in the answers to make the "
            "costs yours."
        )
    return lines


def _goals(result: Result) -> list[str]:
    weights = result.weights.sort_values(ascending=False)
    parts = ", ".join(f"{name} {w:.0%}" for name, w in weights.items())
    line = f"Your goals weigh {parts}"
    if result.ahp is not None:
        verdict = "consistent" if result.ahp.consistent else "inconsistent: revise the judgments"
        line += f" (consistency ratio {result.ahp.cr:.3f}, {verdict})"
    return [line + "."]
