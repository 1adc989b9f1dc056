"""The model data of ``assess``: every number sourced or marked an assumption; IAF MD 5.

The audit-time figures are checked against IAF MD 5:2019 (Issue 4), Table QMS 1 (audit
time of the initial audit, Stage 1 + Stage 2, by effective number of personnel), as
reproduced in GOST R 54318-2021 Table QMS-1 and the KAB-AR-MD5 table (see the source note
in criteria/assess/cost_model.toml: the IAF document itself was not opened).
"""

from __future__ import annotations

import itertools
import tomllib

import pytest

from mcda_iso.assessment import Organisation
from mcda_iso.assessment.costmodel import audit_days, initial_audit_days
from mcda_iso.assessment.data import FILES, data_dir, load_model, unsourced_numbers
from mcda_iso.errors import AssessmentError

# IAF MD 5:2019 Table QMS 1: (effective personnel, initial audit days Stage 1 + Stage 2).
MD5_TABLE_QMS_1 = [
    (1, 1.5),
    (5, 1.5),
    (6, 2.0),
    (10, 2.0),
    (25, 3.0),
    (26, 4.0),
    (60, 5.0),
    (125, 7.0),
    (300, 10.0),
    (625, 11.0),
    (1175, 13.0),
    (2000, 15.0),
    (2025, 15.0),
    (2026, 16.0),
    (5000, 19.0),
    (10700, 22.0),
]


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.mark.parametrize("name", FILES)
def test_every_number_has_a_source_or_an_assumption(name):
    data = tomllib.loads((data_dir() / f"{name}.toml").read_text(encoding="utf-8"))
    assert unsourced_numbers(data) == []


def test_the_provenance_check_finds_an_undocumented_number():
    data = {
        "rates": {"auditor_day_rate": {"value": 1200, "unit": "EUR"}},
        "bands": {"source": "IAF MD 5", "rows": [[1, 5, 1.5]]},
        "top": 3,
        "ratings": {"assumption": "", "Lean": 4},
    }
    assert unsourced_numbers(data) == ["rates.auditor_day_rate.value", "top", "ratings.Lean"]


def test_every_data_file_cites_its_sources_in_words():
    text = (data_dir() / "cost_model.toml").read_text(encoding="utf-8")
    assert "IAF MD 5:2019" in text and "Table QMS 1" in text
    schemes = (data_dir() / "sector_schemes.toml").read_text(encoding="utf-8")
    for cited in ("IATF 16949:2016", "AS9100 Rev. D", "ISO 13485:2016", "2014/24/EU"):
        assert cited in schemes
    evidence = tomllib.loads((data_dir() / "benefits.toml").read_text(encoding="utf-8"))
    dois = " ".join(e["reference"] for e in evidence["evidence"])
    assert "10.1287/mnsc.1040.0358" in dois  # Corbett, Montes-Sancho & Kirsch 2005
    assert "10.1287/mnsc.1100.1159" in dois  # Levine & Toffel 2010


@pytest.mark.parametrize(("personnel", "days"), MD5_TABLE_QMS_1)
def test_initial_audit_time_equals_iaf_md5_table_qms_1(model, personnel, days):
    assert initial_audit_days(personnel, model) == days


def test_the_table_covers_every_headcount_once_and_grows(model):
    bands = model.cost["audit_time"]["bands"]
    assert bands[0][0] == 1
    for (_, high, days), (low, _, next_days) in itertools.pairwise(bands):
        assert low == high + 1
        assert next_days > days


def test_beyond_the_table_the_progression_continues(model):
    assert initial_audit_days(10_701, model) == 23.0
    assert initial_audit_days(13_200, model) == 23.0
    assert initial_audit_days(13_201, model) == 24.0


def test_surveillance_is_a_third_and_recertification_two_thirds_of_the_initial_audit(model):
    days = audit_days(Organisation(employees=300), model)
    assert days["initial"] == 10.0
    assert days["surveillance"] == pytest.approx(10 / 3)
    assert days["recertification"] == pytest.approx(20 / 3)
    # ISO/IEC 17021-1 9.1.3: initial audit, two surveillance audits, recertification.
    assert days["cycle"] == pytest.approx(10 + 2 * 10 / 3 + 20 / 3)


def test_each_further_site_adds_audit_time(model):
    one = audit_days(Organisation(employees=300), model)["initial"]
    three = audit_days(Organisation(employees=300, sites=3), model)["initial"]
    assert three == one + 2 * model.cost["audit_time"]["additional_site"]["days_per_site"]


def test_below_one_person_is_refused(model):
    with pytest.raises(AssessmentError, match="at least 1"):
        initial_audit_days(0, model)


def test_an_override_replaces_a_figure():
    model = load_model({"cost_model": {"rates": {"auditor_day_rate": {"value": 1450}}}})
    assert model.cost["rates"]["auditor_day_rate"]["value"] == 1450
    assert load_model().cost["rates"]["auditor_day_rate"]["value"] == 1200.0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"costs": {}}, "unknown file 'costs'; files: cost_model, sector_schemes, benefits"),
        (
            {"cost_model": {"rates": {"auditor_rate": {"value": 1}}}},
            "cost_model.rates.auditor_rate: no such entry; known here: currency, auditor_day_rate",
        ),
        (
            {"cost_model": {"rates": {"auditor_day_rate": {"value": "cheap"}}}},
            "cost_model.rates.auditor_day_rate.value must be a float",
        ),
        (
            {"cost_model": {"rates": {"auditor_day_rate": 5}}},
            "cost_model.rates.auditor_day_rate must be a table",
        ),
        (
            {"cost_model": {"rates": {"auditor_day_rate": {"value": -5}}}},
            "must not be negative",
        ),
    ],
)
def test_a_bad_override_names_the_entry(overrides, message):
    with pytest.raises(AssessmentError, match=message.replace("(", r"\(")):
        load_model(overrides)


@pytest.mark.parametrize(
    "change",
    [
        {"bands": [[1, 5]]},
        {"bands": []},
        {"beyond_table": {"personnel_per_day": 0}},
    ],
)
def test_a_broken_audit_table_override_is_reported(change):
    model = load_model({"cost_model": {"audit_time": change}})
    with pytest.raises(AssessmentError, match="audit_time.bands must be a list of"):
        initial_audit_days(20_000, model)
