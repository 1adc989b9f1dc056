"""``template --from``: a template regenerated from a workbook keeps every value
(read(write(read(x))) == read(x)), and extending a decision is a command (issue 13)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from mcda_iso import load_scenario, rank, read_workbook, validate_workbook, write_template
from mcda_iso.cli import main
from mcda_iso.errors import ProblemError
from tests.workbook_helpers import rated_problem, team_problem

SHAPES = {
    "flat": lambda: load_scenario("iso9001", profile="small-business"),
    "hierarchy": lambda: load_scenario("iso9001_detailed"),
    "experts": team_problem,
    "pairwise alternatives": rated_problem,
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_round_trip_keeps_every_value(tmp_path, shape):
    first = write_template(tmp_path / "decision.xlsx", SHAPES[shape]())
    problem = read_workbook(first)
    assert main(["template", str(tmp_path / "again.xlsx"), "--from", str(first)]) == 0
    assert read_workbook(tmp_path / "again.xlsx") == problem


def test_added_criterion_and_alternative_are_laid_out_and_left_empty(tmp_path, capsys):
    source = write_template(tmp_path / "decision.xlsx", "iso9001")
    out = tmp_path / "bigger.xlsx"
    args = ["template", str(out), "--from", str(source), "--add-criterion", "risk:cost"]
    assert main([*args, "--add-alternative", "ISO 14001"]) == 0
    assert (
        "Added (their cells are empty, to fill in): risk:cost, ISO 14001" in capsys.readouterr().out
    )
    errors = {e.cell: e.message for e in validate_workbook(out)}
    # Only the new cells are asked for, each by name: no value was made up.
    assert "expected a number for 'ISO 14001' on 'credibility'" in errors["Performance!B9"]
    assert "expected a number for 'Lean' on 'risk'" in errors["Performance!G4"]
    assert "'risk'" in errors["Comparisons!G2"]
    assert all(cell.startswith(("Performance!", "Comparisons!")) for cell in errors)
    # Filled in, the old values are all still there.
    import openpyxl

    wb = openpyxl.load_workbook(out)
    for r in range(2, 10):
        wb["Performance"].cell(r, 7, 3.0)
    for c in range(2, 8):
        wb["Performance"].cell(9, c, 5.0)
    wb["Comparisons"]["G2"] = "1/3"
    wb.save(out)
    grown, old = read_workbook(out), read_workbook(source)
    assert grown.criterion_names == (*old.criterion_names, "risk")
    pd.testing.assert_frame_equal(grown.performance.iloc[:7, :5], old.performance)
    assert grown.criteria[-1].kind == "cost"


def test_a_new_name_equal_to_an_old_one_is_refused(tmp_path):
    with pytest.raises(ProblemError, match="already has a criterion 'cost'"):
        write_template(tmp_path / "x.xlsx", "iso9001", add_criteria=["cost"])


def test_scenario_given_a_workbook_points_to_from(tmp_path, capsys):
    source = write_template(tmp_path / "decision.xlsx", "iso9001")
    assert main(["template", str(tmp_path / "x.xlsx"), "--scenario", str(source)]) == 1
    err = capsys.readouterr().err
    assert f"is a workbook: to regenerate a template from it, use --from {source}" in err
    assert "codec" not in err


# ------------------------------------------------------------------ CLI messages (issue 13)


def test_overwrite_message_says_force(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    assert main(["template", str(path)]) == 0
    assert main(["template", str(path)]) == 1
    err = capsys.readouterr().err
    assert "use --force to replace it" in err and "overwrite=True" not in err


def test_compare_alternatives_without_a_scenario_says_what_to_do(tmp_path, capsys):
    assert main(["template", str(tmp_path / "t.xlsx"), "--compare-alternatives", "cost"]) == 1
    err = capsys.readouterr().err
    assert "add --scenario iso9001 (or --profile NAME), or --from YOUR.xlsx" in err


def test_validate_a_fresh_compare_alternatives_template_names_the_sheets(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    args = ["template", str(path), "--scenario", "iso9001"]
    assert main([*args, "--compare-alternatives", "credibility", "market access"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2, lines  # one per sheet to fill, not one per empty Performance cell
    assert lines[0].startswith("Alternatives credibility!C2: no judgments yet: under 'credibility'")
    assert lines[1].startswith("Alternatives market access!C2: no judgments yet")


@pytest.mark.parametrize("scenario", ["iso9001", "iso9001_detailed"])
@pytest.mark.parametrize("command", [["template", "OUT"], ["sensitivity", "--samples", "50"]])
def test_the_default_profile_is_named_as_profiles_lists_it(tmp_path, capsys, command, scenario):
    from mcda_iso.scenarios import list_profiles, read_scenario

    default = read_scenario(scenario).default_profile
    assert default in list_profiles(scenario)
    args = [str(tmp_path / "t.xlsx") if a == "OUT" else a for a in command]
    assert main([*args, "--scenario", scenario]) == 0
    out = capsys.readouterr().out
    assert f"profile: {default}" in out and "profile: default" not in out


def test_sensitivity_prints_a_short_seed(capsys):
    assert main(["sensitivity", "--scenario", "iso9001", "--samples", "50"]) == 0
    out = capsys.readouterr().out
    seed = int(out.split("(Monte Carlo seed ")[1].split(":")[0])
    assert 0 <= seed < 2**32 and f"add --seed {seed} " in out


def test_rank_csv_and_json_for_scripts(tmp_path, capsys):
    source = write_template(tmp_path / "d.xlsx", "iso9001")
    result = rank(read_workbook(source))
    assert main(["rank", str(source), "--csv", "--no-workbook"]) == 0
    captured = capsys.readouterr()
    assert captured.out == result.to_csv()
    assert not (tmp_path / "d-results.xlsx").exists()
    assert main(["rank", str(source), "--json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["best"] == result.best and document["options"]["method"] == "topsis"
    assert [row["alternative"] for row in document["alternatives"]] == result.ordered()
    assert document["weights"] == pytest.approx(result.weights.to_dict())
    assert "Results workbook:" in captured.err and (tmp_path / "d-results.xlsx").exists()


def test_validate_prints_the_note_of_a_fraction_read_from_a_date(tmp_path, capsys):
    from datetime import datetime

    import openpyxl

    path = write_template(tmp_path / "d.xlsx", "iso9001")
    wb = openpyxl.load_workbook(path)
    wb["Comparisons"]["D2"].value = datetime(datetime.now().year, 1, 3)
    wb["Comparisons"]["D2"].number_format = "mm/dd/yy"
    wb.save(path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "note: Comparisons!D2: holds the date 3 January" in out and "read as 1/3" in out
