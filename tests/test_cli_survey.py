"""``mcda-iso survey``, ``mcda-iso collect`` and ``mcda-iso validate`` of a questionnaire."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from test_workbook_collect import TEAM, team_answers, upper, write_csv
from test_workbook_questionnaire import fill

from mcda_iso import load_scenario, read_workbook, write_template
from mcda_iso.cli import build_parser, main
from mcda_iso.cli.survey import file_stem


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def decision(tmp_path: Path) -> Path:
    return write_template(tmp_path / "decision.xlsx", load_scenario("iso9001", profile="balanced"))


def test_help_lists_the_survey_commands() -> None:
    commands = build_parser().commands  # type: ignore[attr-defined]
    assert {"survey", "collect"} <= set(commands)


def test_safe_file_names() -> None:
    assert file_stem("Quality manager") == "Quality-manager"
    assert file_stem("R&D / Operations") == "R-D-Operations"
    assert file_stem("../../etc/passwd") == "etc-passwd"
    assert file_stem("NUL") == "NUL-expert" and file_stem("...") == "expert"
    assert file_stem("Zoë Müller") == "Zoë-Müller"


def test_survey_writes_one_questionnaire_per_expert(tmp_path: Path, capsys) -> None:
    out = tmp_path / "survey"
    args = ["survey", "--profile", "balanced", "--experts", *TEAM, "-o", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    files = sorted(p.name for p in out.iterdir())
    assert files == ["CEO.xlsx", "Finance.xlsx", "Quality-manager.xlsx"]
    assert "Wrote 3 questionnaires for 'ISO 9001 certification" in printed
    assert "10 questions on Criteria" in printed
    wb = openpyxl.load_workbook(out / "Quality-manager.xlsx")
    assert wb["_survey"]["B4"].value == "Quality manager"
    assert [c.value for c in wb["_survey"][5][1:4]] == list(TEAM)
    # Never overwritten without --force.
    before = {p: digest(p) for p in out.iterdir()}
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "already exist" in err and "--force" in err
    assert {p: digest(p) for p in out.iterdir()} == before
    assert main([*args, "--force"]) == 0
    # Collected against the same built-in scenario.
    fill(out / "CEO.xlsx", {None: team_answers()["CEO"]})
    team = tmp_path / "team.xlsx"
    collect = ["collect", *map(str, sorted(out.iterdir())), "--profile", "balanced"]
    assert main(collect) == 1
    assert "give -o TEAM.xlsx" in capsys.readouterr().err
    assert main([*collect, "-o", str(team)]) == 0
    assert read_workbook(team).experts == ("CEO",)
    assert "Returned with no answer (2):" in capsys.readouterr().out


def test_survey_from_a_decision_workbook_and_its_refusals(
    tmp_path: Path, decision: Path, capsys
) -> None:
    out = tmp_path / "s"
    assert main(["survey", str(decision), "--experts", "CEO", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out / "CEO.xlsx")
    assert wb["_survey"]["B3"].value == "decision"  # the title: the workbook's name
    capsys.readouterr()
    assert main(["survey", str(decision), "--experts", "CEO", "ceo", "-o", str(tmp_path)]) == 1
    assert "expert 'ceo' is named twice" in capsys.readouterr().err
    assert main(["survey", "--experts", "CEO", "-o", str(tmp_path / "x")]) == 1
    assert "give the decision workbook" in capsys.readouterr().err
    both = ["survey", str(decision), "--profile", "balanced", "--experts", "CEO"]
    assert main(both) == 1
    assert "not both" in capsys.readouterr().err


def test_validate_a_questionnaire(tmp_path: Path, capsys) -> None:
    problem = load_scenario("iso9001", profile="balanced")
    out = tmp_path / "survey"
    assert main(["survey", "--profile", "balanced", "--experts", "CEO", "-o", str(out)]) == 0
    capsys.readouterr()
    path = out / "CEO.xlsx"
    assert main(["validate", str(path)]) == 0
    assert "OK: questionnaire of CEO" in capsys.readouterr().out
    wild = upper([9, 1 / 9, 9, 1 / 9, 9, 1 / 9, 9, 1 / 9, 9, 1 / 9], 5)
    fill(path, {None: wild})
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "10 of 10 questions answered" in captured.out
    assert "CR = " in captured.out and "INCONSISTENT" in captured.out
    assert captured.out.count("    revise #") == 3
    assert "1 sheet inconsistent" in captured.err
    wb = openpyxl.load_workbook(path)
    wb["Criteria"]["C7"] = "a lot"
    wb.save(path)
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Criteria!C7: 'a lot' is not one of the answers")
    assert "1 problem found" in captured.err
    assert problem.criterion_names  # the decision itself is untouched by all this


def test_collect_then_validate_rank_sensitivity_report(
    tmp_path: Path, decision: Path, capsys
) -> None:
    out = tmp_path / "survey"
    assert main(["survey", str(decision), "--experts", *TEAM, "-o", str(out)]) == 0
    answers = team_answers()
    for expert in ("Quality manager", "CEO"):
        fill(out / f"{file_stem(expert)}.xlsx", {None: answers[expert]})
    capsys.readouterr()
    files = sorted(str(p) for p in out.iterdir())
    before = {p: digest(Path(p)) for p in [*files, str(decision)]}
    assert main(["collect", *files, "--into", str(decision)]) == 0
    printed = capsys.readouterr().out
    team = tmp_path / "decision-team.xlsx"  # the default name, beside the decision
    assert team.exists()
    assert {p: digest(Path(p)) for p in before} == before
    assert "Answered (2):" in printed and "Returned with no answer (1):" in printed
    assert "CEO, Criteria: 9 of 10 answered" in printed
    assert f"Next: mcda-iso rank {team}" in printed
    assert read_workbook(team).experts == ("CEO", "Quality manager")
    assert main(["validate", str(team)]) == 0
    assert main(["rank", str(team)]) == 0
    assert main(["sensitivity", str(team), "--samples", "200", "--seed", "1"]) == 0
    assert main(["report", str(team), "--samples", "0", "-o", str(tmp_path / "r.html")]) == 0
    # Not replaced without --force; never onto an input.
    capsys.readouterr()
    assert main(["collect", *files, "--into", str(decision)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["collect", *files, "--into", str(decision), "-o", files[0], "--force"]) == 1
    assert "is an input" in capsys.readouterr().err


def test_collect_reports_every_bad_file_and_writes_nothing(
    tmp_path: Path, decision: Path, capsys
) -> None:
    out = tmp_path / "survey"
    assert main(["survey", str(decision), "--experts", *TEAM, "-o", str(out)]) == 0
    answers = team_answers()
    for expert in TEAM:
        fill(out / f"{file_stem(expert)}.xlsx", {None: answers[expert]})
    for name, cell in (("CEO", "C6"), ("Finance", "C9")):
        wb = openpyxl.load_workbook(out / f"{name}.xlsx")
        wb["Criteria"][cell] = "hmm"
        wb.save(out / f"{name}.xlsx")
    capsys.readouterr()
    files = sorted(str(p) for p in out.iterdir())
    assert main(["collect", *files, "--into", str(decision), "-o", str(tmp_path / "t.xlsx")]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("[CEO.xlsx]Criteria!C6: 'hmm' is not one of the answers")
    assert lines[1].startswith("[Finance.xlsx]Criteria!C9: 'hmm' is not one of the answers")
    assert "2 problems found in 2 files; nothing was collected" in captured.err
    assert not (tmp_path / "t.xlsx").exists()


def test_collect_a_csv_with_either_sign_convention(tmp_path: Path, decision: Path, capsys) -> None:
    problem = read_workbook(decision)
    answers = team_answers()
    weights = []
    for flag, sign in (([], 1), (["--negconvert"], -1)):
        sheet = write_csv(tmp_path / f"s{sign}.csv", answers, problem.criterion_names, sign)
        team = tmp_path / f"team{sign}.xlsx"
        assert main(["collect", str(sheet), "--into", str(decision), "-o", str(team), *flag]) == 0
        got = read_workbook(team)
        weights.append(np.stack([got.expert_comparisons[e].to_numpy() for e in TEAM]))
    np.testing.assert_allclose(weights[0], weights[1])
    np.testing.assert_allclose(weights[0][0], answers["Quality manager"])
    assert "Answered (3):" in capsys.readouterr().out


def test_collect_of_empty_questionnaires_says_it_once(tmp_path, capsys):
    from mcda_iso import load_scenario, write_questionnaire

    decision = load_scenario("iso9001", profile="balanced")
    files = [
        str(write_questionnaire(tmp_path / f"{name}.xlsx", decision, expert=name))
        for name in ("A", "B")
    ]
    code = main(["collect", *files, "--profile", "balanced", "-o", str(tmp_path / "t.xlsx")])
    captured = capsys.readouterr()
    assert code == 1
    assert "nothing to collect" in captured.err and "nothing to collect" not in captured.out
