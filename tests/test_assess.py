"""``mcda_iso.assess``: recommendations that follow from the answers (issue 15).

Four organisations of the issue: a 10-person firm no customer asks for a certificate, a
300-person automotive supplier, a 60-person firm bidding in public tenders, and a
2,000-person manufacturer with a documented system. Audit time follows IAF MD 5:2019
Table QMS 1 (see tests/test_assess_data.py).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda_iso
from mcda_iso.assessment import Assessment, Organisation, assess, read_answers
from mcda_iso.assessment.answers import QUESTIONS
from mcda_iso.assessment.benefits import gives_iso9001
from mcda_iso.assessment.build import goal_matrix
from mcda_iso.assessment.costmodel import costs, scheme_alternatives
from mcda_iso.assessment.data import load_model
from mcda_iso.errors import AssessmentError, MCDAError

ISO = "ISO 9001 certification"
UNCERTIFIED = (
    "ISO 9001-aligned QMS (uncertified)",
    "Lean",
    "Six Sigma",
    "Total Quality Management",
    "Excellence model (EFQM/Baldrige)",
    "Status quo",
)

SMALL = {"employees": 10, "profile": "small-business"}
AUTOMOTIVE = {
    "employees": 300,
    "sector": "automotive",
    "scheme_required": True,
    "customers_require_share": 90,
    "customer_audits_per_year": 6,
    "profile": "major-customer-supplier",
}
TENDERS = {
    "employees": 60,
    "tender_share": 50,
    "tenders_require_certificate": True,
    "customers_prefer_share": 20,
}
PLANT = {
    "employees": 2000,
    "existing_system": "documented",
    "customers_require_share": 30,
    "customers_prefer_share": 40,
    "customer_audits_per_year": 20,
}


@pytest.fixture(scope="module")
def small() -> Assessment:
    return assess(**SMALL)


@pytest.fixture(scope="module")
def automotive() -> Assessment:
    return assess(**AUTOMOTIVE)


@pytest.fixture(scope="module")
def tenders() -> Assessment:
    return assess(**TENDERS)


@pytest.fixture(scope="module")
def plant() -> Assessment:
    return assess(**PLANT)


# -- the four organisations ------------------------------------------------------------------


def test_small_firm_nobody_asks_certification_is_not_recommended(small):
    assert small.result.best != ISO
    assert small.result.ranks[ISO] >= 4
    access = small.problem.performance["market access"]
    assert (access == 100).all()  # nobody requires or prefers a certificate
    assert small.result.screening.screened_out == ()
    assert "No customer, tender or regulator asks you for a certificate" in small.explanation[1]


def test_small_firm_credibility_spread_is_damped_by_its_small_audience(small, plant):
    # reach = 0.25 when no revenue asks for a certificate: 1 + (9 - 1) x 0.25 = 3
    assert small.problem.performance.loc[ISO, "credibility"] == pytest.approx(3.0)
    # 70 % of the plant's revenue requires or prefers one: reach = 0.25 + 0.75 x 0.7 = 0.775
    assert plant.problem.performance.loc[ISO, "credibility"] == pytest.approx(1 + 8 * 0.775)


def test_automotive_supplier_non_certified_alternatives_are_screened_out(automotive):
    screening = automotive.result.screening
    for name in UNCERTIFIED:
        assert name in screening.screened_out
        assert screening.reasons[name] == "market access is 0, below the minimum of 1"
    # IATF 16949 (clause 4.3.2 customer requirements) is what the OEMs ask for; ISO 9001 alone
    # does not satisfy it.
    assert ISO in screening.screened_out
    assert automotive.result.best == "IATF 16949 certification"
    text = " ".join(automotive.explanation)
    assert "your customers require IATF 16949 certification" in text
    assert "Lean" in text and "screened out" in text
    assert "supplement to, and in conjunction with, ISO 9001:2015" in text


def test_automotive_scheme_costs_more_than_iso_9001_by_the_scheme_factors(automotive):
    costs = automotive.costs
    factors = automotive.model.schemes["sectors"]["automotive"]["factors"]
    iatf, iso = costs.loc["IATF 16949 certification"], costs.loc[ISO]
    assert iatf["initial audit days"] == pytest.approx(10.0 * factors["audit_time"])
    assert iatf["cost"] > iso["cost"]
    assert iatf["person-days"] > iso["person-days"]


def test_tender_firm_iso_9001_wins_because_of_the_tenders(tenders):
    assert tenders.result.best == ISO
    access = tenders.problem.performance["market access"]
    assert access[ISO] == 100
    # 50 % of revenue from tenders asking for a certificate, 20 % preferring one (half at stake)
    assert access["Lean"] == pytest.approx(100 - 50 - 10)
    assert access["ISO 9001-aligned QMS (uncertified)"] == pytest.approx(100 - 50 - 10 * 0.75)
    text = " ".join(tenders.explanation)
    assert "50 % of revenue is won in public tenders" in text
    assert "2014/24/EU Art. 62" in text


def test_tender_firm_without_tender_requirement_loses_the_reason(tenders):
    relaxed = assess(**{**TENDERS, "tenders_require_certificate": False})
    assert relaxed.problem.performance.loc["Lean", "market access"] == pytest.approx(90)
    assert (
        relaxed.result.scores[ISO] - relaxed.result.scores.drop(ISO).max()
        < tenders.result.scores[ISO] - tenders.result.scores.drop(ISO).max()
    )


def test_plant_with_documented_system_iso_9001_wins_with_balanced_goals(plant):
    assert plant.result.best == ISO
    text = " ".join(plant.explanation)
    assert "about 30 % of revenue comes from customers who require a certificate" in text
    assert "documented management system already does much of the building work" in text
    assert "counts 25% of the building effort, consultancy and training, 50% of the upkeep" in text


def test_existing_documented_system_cuts_building_effort():
    fresh = assess(**{**PLANT, "existing_system": "none"})
    plant = assess(**PLANT)
    assert plant.costs.loc[ISO, "person-days"] < 0.6 * fresh.costs.loc[ISO, "person-days"]
    assert plant.costs.loc[ISO, "consultancy"] == pytest.approx(
        0.25 * fresh.costs.loc[ISO, "consultancy"]
    )
    # the certification body's time does not depend on the system (IAF MD 5)
    assert plant.costs.loc[ISO, "auditor days"] == fresh.costs.loc[ISO, "auditor days"]


def test_small_firm_iso_9001_is_a_fraction_of_the_plant_by_the_audit_time_rules(small, plant):
    # Same answers except size, so the audit-time ratio is Table QMS 1's: 2 days / 15 days.
    big = assess(employees=2000, profile="small-business")
    ratio = small.costs.loc[ISO, "auditor days"] / big.costs.loc[ISO, "auditor days"]
    assert ratio == pytest.approx(2.0 / 15.0)
    body = small.costs.loc[ISO, "certification body"] / big.costs.loc[ISO, "certification body"]
    assert body < 0.2
    # and against the 2,000-person plant of the issue (documented system, customers' audits)
    assert small.costs.loc[ISO, "cost"] < 0.25 * plant.costs.loc[ISO, "cost"]
    assert small.costs.loc[ISO, "person-days"] < 0.2 * plant.costs.loc[ISO, "person-days"]


def test_the_problem_is_ranked_with_the_normal_rank(tenders):
    again = mcda_iso.rank(tenders.problem)
    assert again.scores.equals(tenders.result.scores)


def test_costs_columns_add_up(tenders):
    c = tenders.costs
    assert (c["cost"] == c["certification body"] + c["consultancy"] + c["training and fees"]).all()
    assert (c["cost incl. staff time"] == c["cost"] + c["staff time valued"]).all()
    assert (tenders.problem.performance["cost"] == c["cost"]).all()
    assert (tenders.problem.performance["effort"] == c["person-days"]).all()
    assert c.loc["Status quo", "cost"] == 0


def test_own_rates_replace_the_illustrative_defaults():
    base = assess(employees=60)
    own = assess(employees=60, auditor_day_rate=1500)
    days = base.costs.loc[ISO, "auditor days"]
    assert own.costs.loc[ISO, "certification body"] - base.costs.loc[ISO, "certification body"] == (
        pytest.approx(days * 300)
    )
    line = next(x for x in base.explanation if "illustrative defaults" in x)
    assert "quotations" in line


def test_customer_audits_saved_by_a_certificate():
    none = assess(employees=60)
    audits = assess(employees=60, customer_audits_per_year=10, customer_audit_days=2)
    extra = audits.costs["person-days"] - none.costs["person-days"]
    assert extra["Lean"] == pytest.approx(3 * 10 * 2)
    assert extra[ISO] == pytest.approx(3 * 10 * 2 * 0.7)


def test_regulation_makes_iso_9001_mandatory():
    a = assess(employees=40, regulation_requires_certificate=True)
    assert a.result.screening.passed == (ISO,)
    assert "a law, licence or regulator requires an ISO 9001 certificate" in a.explanation[1]


def test_iso_13485_is_not_an_iso_9001_certificate():
    a = assess(employees=80, sector="medical-devices", customers_require_share=50)
    access = a.problem.performance["market access"]
    assert access["ISO 13485 certification"] == pytest.approx(50)  # ISO 9001 customers lost
    assert access[ISO] == 100
    aero = assess(employees=80, sector="aerospace", customers_require_share=50)
    assert aero.problem.performance.loc["EN/AS 9100 certification", "market access"] == 100
    line = next(x for x in a.explanation if x.startswith("ISO 13485 certification (your sector"))
    assert "an ISO 13485 certificate is not an ISO 9001 certificate" in line


def test_goals_judgments_replace_the_profile():
    judgments = [
        ["cost", "credibility", 9],
        ["cost", "efficiency", 9],
        ["cost", "market access", 9],
        ["cost", "effort", 3],
        ["effort", "credibility", 5],
        ["effort", "efficiency", 5],
        ["effort", "market access", 5],
        ["credibility", "efficiency", 1],
        ["credibility", "market access", 1],
        ["efficiency", "market access", 1],
    ]
    a = assess(employees=60, judgments=judgments)
    assert a.result.weights.idxmax() == "cost"
    assert a.result.best == "Status quo"
    matrix = goal_matrix(a.organisation)
    assert matrix.loc["credibility", "cost"] == pytest.approx(1 / 9)


def test_monte_carlo_uses_the_evidence_uncertainty(tenders):
    assert tenders.performance_uncertainty == pytest.approx(0.40)
    assert tenders.uncertainty.loc[ISO, "efficiency"] == pytest.approx(0.30)
    assert tenders.uncertainty.loc["Status quo", "efficiency"] == 0.0
    mc = tenders.monte_carlo(samples=4096, seed=3)
    assert mc.performance_uncertainty == pytest.approx(0.40)
    assert mc.first.idxmax() == ISO
    assert 0.5 < mc.first[ISO] < 1.0


# -- answers and their messages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"employees": 0}, "employees must be a whole number from 1 to 1000000 (got 0)"),
        ({"employees": 12.5}, "employees must be a whole number from 1 to 1000000 (got 12.5)"),
        ({"employees": "many"}, "employees must be a whole number from 1 to 1000000 (got 'many')"),
        ({"employees": 5, "sites": 0}, "sites must be a whole number from 1 to 10000 (got 0)"),
        (
            {"employees": 5, "sector": "railway"},
            "sector must be one of general, automotive, aerospace, medical-devices",
        ),
        (
            {"employees": 5, "tender_share": 140},
            "tender_share must be a percentage from 0 to 100 (got 140)",
        ),
        (
            {"employees": 5, "scheme_required": "maybe"},
            "scheme_required must be yes or no (got 'maybe')",
        ),
        (
            {"employees": 5, "customers_require_share": 70, "tender_share": 40},
            "must not exceed 100 % of revenue (got 70 + 0 + 40 = 110)",
        ),
        (
            {"employees": 5, "judgments": [["cost", "price", 3]]},
            "names unknown goal 'price'; goals: credibility, efficiency, market access",
        ),
        ({"employees": 5, "judgments": [["cost", "effort", 12]]}, "on Saaty's scale 1/9 .. 9"),
        ({"employees": 5, "judgments": 3}, "judgments must be a list of [goal, goal, value]"),
        ({"employees": 5, "model": 3}, "model overrides must be a table (got int)"),
        ({"employees": 5, "name": 5}, "name must be non-empty text (got 5)"),
        ({"employees": True}, "employees must be a whole number from 1 to 1000000 (got True)"),
        ({"employees": 5, "profile": "startup"}, "profile must be one of balanced"),
        ({"employees": 5, "auditor_day_rate": 0}, "auditor_day_rate must be a number from 1"),
    ],
)
def test_every_answer_is_checked_with_a_clear_message(answers, message):
    with pytest.raises(AssessmentError) as info:
        Organisation(**answers)
    assert message in str(info.value)
    assert isinstance(info.value, MCDAError) and isinstance(info.value, ValueError)


def test_every_question_has_a_range_and_a_prompt():
    for q in QUESTIONS:
        assert q.prompt and q.range_text()
        if q.kind in ("int", "number"):
            assert q.low is not None and q.high is not None


def test_unknown_or_missing_answers_are_named():
    with pytest.raises(AssessmentError, match="answers: unknown answer 'staff'; known"):
        assess(staff=10)
    with pytest.raises(AssessmentError, match="employees is required"):
        assess(sector="automotive")
    with pytest.raises(AssessmentError, match="must be an Organisation, a mapping"):
        assess(42)


def test_a_judgment_set_that_does_not_connect_the_goals_is_refused():
    with pytest.raises(AssessmentError, match="the goals' judgments do not connect all"):
        assess(employees=5, judgments=[["cost", "effort", 3]])


def test_answers_from_toml_json_and_a_workbook(tmp_path):
    toml = tmp_path / "acme.toml"
    toml.write_text(
        'name = "Acme"\nemployees = 60\ntender_share = 50\ntenders_require_certificate = true\n'
        "[model.cost_model.rates.auditor_day_rate]\nvalue = 1500\n",
        encoding="utf-8",
    )
    org = read_answers(toml)
    assert org.name == "Acme" and org.tender_share == 50.0
    a = assess(toml)
    assert a.model.cost["rates"]["auditor_day_rate"]["value"] == 1500
    (tmp_path / "acme.json").write_text(json.dumps({"employees": 60, "sites": 2}))
    assert read_answers(tmp_path / "acme.json").sites == 2
    book = a.write(tmp_path / "acme.xlsx")
    assert mcda_iso.read_workbook(book) == a.problem
    again = assess(book)
    assert again.organisation == a.organisation
    assert again.costs.equals(a.costs)


def test_answers_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("employees = 10\nsites = -1\n", encoding="utf-8")
    with pytest.raises(AssessmentError, match=r"bad.toml: sites must be a whole number from 1"):
        read_answers(bad)
    with pytest.raises(AssessmentError, match="answers file not found"):
        read_answers(tmp_path / "missing.toml")
    (tmp_path / "x.txt").write_text("employees = 1")
    with pytest.raises(AssessmentError, match=r"must end in .toml, .json or .xlsx"):
        read_answers(tmp_path / "x.txt")
    (tmp_path / "broken.json").write_text("{employees: 10")
    with pytest.raises(AssessmentError, match="cannot read answers file broken.json"):
        read_answers(tmp_path / "broken.json")


def test_a_workbook_without_organisation_sheet_is_reported(tmp_path):
    path = mcda_iso.write_template(tmp_path / "plain.xlsx", "iso9001")
    with pytest.raises(mcda_iso.WorkbookError, match="has no 'Organisation' sheet"):
        read_answers(path)


def test_mcda_iso_assess_is_the_function_and_the_package():
    a = mcda_iso.assess(employees=5)
    assert isinstance(a, Assessment)
    assert mcda_iso.assessment.Organisation is Organisation
    assert mcda_iso.Organisation is Organisation


def test_model_overrides_in_the_answers_reach_the_costs():
    cheap = assess(employees=60, model={"cost_model": {"scaling": {"exponent": 0.0}}})
    base = assess(employees=60)
    assert cheap.costs.loc[ISO, "consultancy"] < base.costs.loc[ISO, "consultancy"]
    assert load_model().cost["scaling"]["exponent"] == 0.5


def test_organisation_sheet_reads_percent_cells_and_reports_bad_rows(tmp_path):
    from openpyxl import load_workbook

    a = assess(employees=60, tender_share=50, tenders_require_certificate=True)
    book = a.write(tmp_path / "t.xlsx")
    wb = load_workbook(book)
    ws = wb["Organisation"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "tender_share")
    ws.cell(row, 2).value = 0.4
    ws.cell(row, 2).number_format = "0%"
    wb.save(book)
    assert read_answers(book).tender_share == pytest.approx(40.0)
    ws.cell(ws.max_row + 1, 2).value = 7  # a value without an answer name
    wb.save(book)
    with pytest.raises(mcda_iso.WorkbookError, match="without an answer name in column A") as info:
        read_answers(book)
    assert info.value.cell == f"Organisation!A{ws.max_row}"


def test_explanation_speaks_in_the_answers_terms():
    a = assess(employees=120, customers_require_share=60)
    assert a.explanation[1] == (
        "Because about 60 % of revenue comes from customers who require a certificate, an "
        "alternative without one keeps at most 40 % of revenue open, against 100 % with ISO "
        "9001 certification."
    )
    auto = assess(**{**AUTOMOTIVE, "sites": 2})
    assert auto.explanation[0] == (
        "Recommendation: IATF 16949 certification, the only alternative that meets the "
        "requirements."
    )
    line = next(x for x in auto.explanation if x.startswith("IATF 16949 certification would"))
    assert "15.5 for the initial audit (IAF MD 5 Table QMS 1: 10 for 300 effective" in line
    assert "x 1.5 for IATF 16949: an assumption, plus 0.5 for each further site" in line
    assert not any(x.startswith("ISO 9001 certification would") for x in auto.explanation)


def test_answers_are_hashable_values():
    assert hash(Organisation(employees=5)) == hash(Organisation(employees=5))


# -- properties over many answers -------------------------------------------------------------


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    require = draw(st.integers(0, 100))
    prefer = draw(st.integers(0, 100 - require))
    tender = draw(st.integers(0, 100 - require - prefer))
    return Organisation(
        employees=draw(st.integers(1, 20_000)),
        sites=draw(st.integers(1, 20)),
        sector=draw(st.sampled_from(("general", "automotive", "aerospace", "medical-devices"))),
        existing_system=draw(st.sampled_from(("none", "informal", "documented"))),
        scheme_required=draw(st.booleans()),
        regulation_requires_certificate=draw(st.booleans()),
        customers_require_share=require,
        customers_prefer_share=prefer,
        tender_share=tender,
        tenders_require_certificate=draw(st.booleans()),
        customer_audits_per_year=draw(st.integers(0, 30)),
        profile=draw(st.sampled_from(("balanced", "small-business", "operational-excellence"))),
    )


@settings(max_examples=40, deadline=None)
@given(organisations())
def test_any_valid_answers_give_a_ranking_that_respects_the_mandatory_certificate(org):
    a = assess(org)
    assert a.result.best in a.result.screening.passed
    assert (a.costs.drop(columns=["initial audit days"]) >= 0).all().all()
    assert a.explanation and a.explanation[0].startswith("Recommendation: ")
    passed = a.result.screening.passed
    if org.scheme_required and org.sector != "general":
        assert set(passed) <= set(scheme_alternatives(org, a.model))
    if org.regulation_requires_certificate:
        assert all(gives_iso9001(name, org, a.model) for name in passed)
        assert "Lean" not in passed
    if not (org.regulation_requires_certificate or org.scheme_required):
        assert passed == a.problem.alternative_names


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30_000), st.integers(1, 30_000))
def test_more_personnel_never_means_less_audit_time_or_effort(n, m):
    small, large = sorted((n, m))
    model = load_model()
    a = costs(Organisation(employees=small), model).loc[ISO]
    b = costs(Organisation(employees=large), model).loc[ISO]
    assert a["auditor days"] <= b["auditor days"]
    assert a["cost"] <= b["cost"] and a["person-days"] <= b["person-days"]


def test_iso_13485_and_iso_9001_together_when_both_are_mandatory():
    a = assess(
        employees=50,
        sector="medical-devices",
        scheme_required=True,
        regulation_requires_certificate=True,
    )
    assert a.result.screening.passed == ("ISO 13485 + ISO 9001 certification",)
    assert a.explanation[1].startswith(
        "Because your customers require ISO 13485 certification and a law, licence or "
        "regulator requires an ISO 9001 certificate, both certificates are mandatory"
    )
    # one integrated audit: both audit times less IAF MD 11's 20 % (scheme factor 1.5)
    days = a.costs["initial audit days"]
    assert days["ISO 13485 + ISO 9001 certification"] == pytest.approx((5 * 1.5 + 5) * 0.8)
    alone = assess(employees=50, sector="medical-devices", scheme_required=True)
    assert set(alone.result.screening.passed) == {
        "ISO 13485 certification",
        "ISO 13485 + ISO 9001 certification",
    }
