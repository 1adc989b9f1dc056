"""Collecting a survey (issue 11): questionnaires and ahpsurvey CSVs into a team decision.

The group result of collected questionnaires must equal ``rank(Problem(experts=...))``
built by hand from the same answers; every refusal names the file, the sheet and
the cell (``[file]Sheet!A1``); returned files are never modified.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from test_workbook_questionnaire import (
    ALTERNATIVES,
    PARTIAL,
    WILD,
    abc_hierarchy,
    fill,
    named,
    recalculate,
)

from mcda_iso import (
    ConsistencyWarning,
    Criterion,
    Problem,
    WorkbookError,
    ahp,
    collect_questionnaires,
    load_scenario,
    rank,
    read_workbook,
    validate_workbook,
    write_questionnaire,
)
from mcda_iso.workbook.questionnaire_layout import FIRST_ROW, question_sets
from mcda_iso.workbook.questionnaire_reader import validate_questionnaire
from mcda_iso.workbook.survey_csv import read_survey_csv

NAN = float("nan")
TEAM = ("Quality manager", "CEO", "Finance")


def upper(values: list[float], n: int) -> np.ndarray:
    """A reciprocal matrix from its upper triangle, row by row."""
    m = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            m[i, j], m[j, i] = values[k], 1 / values[k]
            k += 1
    return m


def scenario() -> Problem:
    return load_scenario("iso9001", profile="balanced")


def team_answers() -> dict[str, np.ndarray]:
    """Three experts' judgments on Saaty's scale; the CEO left one pair unanswered."""
    qm = scenario().comparisons.to_numpy()
    ceo = qm.copy()
    ceo[0, 3], ceo[3, 0] = 9, 1 / 9
    ceo[1, 2] = ceo[2, 1] = NAN
    finance = upper([1 / 2, 1 / 3, 1 / 5, 1 / 2, 1 / 2, 1 / 4, 1, 1 / 3, 2, 3], 5)
    return {"Quality manager": qm, "CEO": ceo, "Finance": finance}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def survey(tmp_path: Path, problem: Problem | None = None, title: str = "ISO") -> dict[str, Path]:
    """One empty questionnaire per expert of TEAM, in tmp_path/survey."""
    folder = tmp_path / "survey"
    folder.mkdir(exist_ok=True)
    problem = problem or scenario()
    return {
        e: write_questionnaire(folder / f"{e}.xlsx", problem, expert=e, team=TEAM, title=title)
        for e in TEAM
    }


def locations(exc: pytest.ExceptionInfo[WorkbookError]) -> dict[str | None, str]:
    return {e.cell: e.message for e in exc.value.errors}


# ----------------------------------------------------------------------------- the whole survey


@pytest.mark.libreoffice
def test_three_experts_surveyed_collected_ranked_as_by_hand(tmp_path: Path) -> None:
    problem = scenario()
    answers = team_answers()
    files = survey(tmp_path)
    returned = {}
    for expert, path in files.items():
        returned[expert] = fill(path, {None: answers[expert]})
    # The CEO filled in and saved with LibreOffice (the returned file is LibreOffice's).
    returned["CEO"] = recalculate(returned["CEO"], tmp_path)
    # Recalculated headless: the named cells equal the Python priorities.
    for expert, method in (("CEO", "llsm"), ("Quality manager", "geometric_mean")):
        path = returned[expert] if expert == "CEO" else recalculate(returned[expert], tmp_path)
        wb = openpyxl.load_workbook(path, data_only=True)
        expected = ahp.priorities(answers[expert], method=method)
        assert np.allclose(named(wb, "Weights"), expected.weights, rtol=0, atol=1e-9)
        assert named(wb, "CR")[0] == pytest.approx(expected.cr, abs=1e-6)
    before = {p: digest(p) for p in returned.values()}
    collection = collect_questionnaires(list(returned.values()), into=problem)
    assert {p: digest(p) for p in returned.values()} == before  # never modified
    assert [r.expert for r in collection.responses] == list(TEAM)
    by_hand = problem.replace(experts={e: answers[e] for e in TEAM})
    assert collection.problem == by_hand
    got, expected = rank(collection.problem), rank(by_hand)
    assert got.ordered() == expected.ordered()
    pd.testing.assert_series_equal(got.weights, expected.weights, rtol=1e-12)
    pd.testing.assert_series_equal(got.scores, expected.scores, rtol=1e-12)
    # The decision workbook written: read back as it is, valid, same ranking.
    team = collection.write(tmp_path / "team.xlsx")
    assert validate_workbook(team) == []
    assert read_workbook(team) == by_hand
    text = collection.summary()
    assert "CEO, Criteria: 9 of 10 answered" in text
    for expert in TEAM:
        assert f"  {expert} ({returned[expert].name})" in text


def test_who_answered_who_did_not_and_judgments_to_revise(tmp_path: Path) -> None:
    problem = scenario()
    files = survey(tmp_path)
    wild = upper([9, 1 / 9, 9, 1 / 9, 9, 1 / 9, 9, 1 / 9, 9, 1 / 9], 5)
    fill(files["Quality manager"], {None: team_answers()["Quality manager"]})
    fill(files["CEO"], {None: wild})
    collection = collect_questionnaires([files["Quality manager"], files["CEO"]], into=problem)
    assert collection.not_returned == ("Finance",)
    text = collection.summary()
    assert "Not returned (1): Finance" in text
    cr = ahp.priorities(wild, method="geometric_mean").cr
    assert f"CEO, Criteria: CR = {cr:.3f} (threshold 0.10): INCONSISTENT" in text
    worst = ahp.most_inconsistent(wild, k=3, method="geometric_mean")
    revise = [line for line in text.splitlines() if line.startswith("    revise ")]
    assert len(revise) == 3
    sets = question_sets(problem)
    for line, judgment in zip(revise, worst, strict=True):
        pair = (judgment.row, judgment.col)
        names = f"{sets[0].names[judgment.row]} vs {sets[0].names[judgment.col]}"
        assert line.startswith(f"    revise #{sets[0].pairs.index(pair) + 1} {names}")
        assert f"(CR after {judgment.cr_after:.3f})" in line
    # An empty questionnaire returned is listed, not an expert.
    collection = collect_questionnaires(list(files.values()), into=problem)
    assert [r.expert for r in collection.empty] == ["Finance"]
    assert "Returned with no answer (1):\n  Finance (Finance.xlsx)" in collection.summary()
    assert collection.problem.experts == ("Quality manager", "CEO")


def test_sub_criteria_and_alternatives_round_trip(tmp_path: Path) -> None:
    problem = abc_hierarchy()
    other = {
        None: upper([3, 1, 5, 1 / 3, 1, 2], 4),
        "cost": upper([1 / 2, 2, 4], 3),
        "speed": upper([1, 3, NAN, 2, 4, 3], 4),
    }
    mine = {None: WILD, "cost": PARTIAL, "speed": ALTERNATIVES}
    paths = [
        write_questionnaire(tmp_path / "a.xlsx", problem, expert="Ann", answers=mine),
        write_questionnaire(tmp_path / "b.xlsx", problem, expert="Bob", answers=other),
    ]
    collection = collect_questionnaires(paths, into=problem)
    got = collection.problem.expert_comparisons
    for expert, given in (("Ann", mine), ("Bob", other)):
        for key in (None, "cost"):
            np.testing.assert_array_equal(got[expert][key].to_numpy(), np.asarray(given[key]))
    # Alternatives: the experts' geometric mean (AIJ) over those who answered each pair.
    stacked = np.log(np.stack([np.asarray(ALTERNATIVES), other["speed"]]))
    expected = np.exp(np.nanmean(stacked, axis=0))
    np.testing.assert_allclose(
        collection.problem.alternative_comparisons["speed"].to_numpy(), expected, rtol=1e-12
    )
    by_hand = problem.replace(
        experts={"Ann": {k: mine[k] for k in (None, "cost")}, "Bob": {None: other[None],
                 "cost": other["cost"]}},
        alternative_comparisons={"speed": expected},
    )  # fmt: skip
    assert collection.problem == by_hand
    with pytest.warns(ConsistencyWarning):  # Ann's WILD judgments
        assert rank(collection.problem).ordered() == rank(by_hand).ordered()
    team = collection.write(tmp_path / "team.xlsx")
    assert read_workbook(team) == by_hand


def test_into_a_decision_workbook(tmp_path: Path) -> None:
    from mcda_iso import write_template

    problem = scenario()
    decision = write_template(tmp_path / "decision.xlsx", problem)
    files = survey(tmp_path)
    fill(files["CEO"], {None: team_answers()["CEO"]})
    collection = collect_questionnaires([files["CEO"]], into=decision)
    assert collection.problem == problem.replace(experts={"CEO": team_answers()["CEO"]})


# ----------------------------------------------------------------------------- refusals


def filled(tmp_path: Path, name: str = "CEO", title: str = "ISO") -> Path:
    path = write_questionnaire(
        tmp_path / f"{name}.xlsx", scenario(), expert=name, team=TEAM, title=title
    )
    return fill(path, {None: team_answers()["Quality manager"]})


def edited(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def refused(paths: list[Path], into: Problem | None = None) -> dict[str | None, str]:
    before = {p: digest(p) for p in paths if p.exists()}
    with pytest.raises(WorkbookError) as exc:
        collect_questionnaires(paths, into=into or scenario())
    assert {p: digest(p) for p in before} == before
    return locations(exc)


def test_an_answer_not_from_the_list(tmp_path: Path) -> None:
    path = edited(filled(tmp_path), lambda wb: wb["Criteria"].cell(6, 3, "very important"))
    where = refused([path])
    assert list(where) == ["[CEO.xlsx]Criteria!C6"]
    assert "'very important' is not one of the answers" in where["[CEO.xlsx]Criteria!C6"]
    # validate of the expert's own file: the same, by sheet and cell.
    (error,) = validate_questionnaire(path)
    assert (error.sheet, error.cell) == ("Criteria", "Criteria!C6")


def test_an_edited_structure(tmp_path: Path) -> None:
    a = edited(filled(tmp_path, "CEO"), lambda wb: wb["Criteria"].cell(5, 2, "quality"))
    b = edited(filled(tmp_path, "Finance"), lambda wb: wb["Criteria"].delete_rows(7))
    c = edited(
        filled(tmp_path, "Quality manager"), lambda wb: setattr(wb["Criteria"], "title", "Q")
    )
    d = edited(filled(tmp_path, "Board"), lambda wb: wb["_survey"].cell(7, 2, "trust"))
    e = edited(filled(tmp_path, "Nobody"), lambda wb: setattr(wb["_survey"]["B4"], "value", None))
    where = refused([a, b, c, d, e])
    assert "names no expert" in where["[Nobody.xlsx]_survey!B4"]
    assert "expected 'efficiency' here (got 'quality')" in where["[CEO.xlsx]Criteria!B5"]
    assert "expected 3 here (got 4)" in where["[Finance.xlsx]Criteria!A7"]
    assert "should be empty" not in " ".join(where.values())  # a deleted row, not an added one
    assert "'Criteria' is missing" in where["[Quality manager.xlsx]_survey!E11"]
    assert "hidden _survey sheet was edited" in where["[Board.xlsx]_survey!B2"]


def test_a_row_added_after_the_last_question(tmp_path: Path) -> None:
    path = edited(filled(tmp_path), lambda wb: wb["Criteria"].cell(FIRST_ROW + 10, 2, "extra"))
    assert "should be empty" in refused([path])["[CEO.xlsx]Criteria!A15"]


def test_the_same_expert_twice(tmp_path: Path) -> None:
    first = filled(tmp_path, "CEO")
    (tmp_path / "again").mkdir()
    second = filled(tmp_path / "again", "ceo")
    second = second.rename(tmp_path / "CEO-2.xlsx")
    where = refused([first, second])
    message = where["[CEO-2.xlsx]_survey!B4"]
    assert "expert 'ceo' answered twice: in CEO.xlsx and in CEO-2.xlsx" in message


def test_a_file_from_another_survey(tmp_path: Path) -> None:
    mine = [filled(tmp_path, "CEO"), filled(tmp_path, "Finance")]
    (tmp_path / "old").mkdir()
    other = filled(tmp_path / "old", "Board", title="Last year's decision")
    where = refused([*mine, other])
    message = where["[Board.xlsx]_survey!B2"]
    assert 'from another survey (title "Last year\'s decision"' in message
    assert "than CEO.xlsx and the others (title 'ISO'" in message


def test_a_file_with_other_criteria(tmp_path: Path) -> None:
    problem = scenario()
    renamed = [
        Criterion("trust" if c.name == "credibility" else c.name, c.kind, c.description)
        for c in problem.criteria
    ]
    performance = problem.performance.rename(columns={"credibility": "trust"})
    other = Problem(renamed, problem.alternatives, performance, problem.comparisons.to_numpy())
    path = write_questionnaire(tmp_path / "CEO.xlsx", other, expert="CEO", title="ISO")
    fill(path, {None: team_answers()["CEO"]})
    qset = question_sets(other)[0]
    q = next(q for q, pair in enumerate(qset.pairs) if 0 in pair)
    col = "B" if qset.pairs[q][0] == 0 else "D"
    where = refused([path], into=problem)
    message = where[f"[CEO.xlsx]Criteria!{col}{FIRST_ROW + q}"]
    assert "criterion 'trust' is not a criterion of the decision" in message


def test_partial_answers_must_link_every_criterion(tmp_path: Path) -> None:
    unlinked = team_answers()["Quality manager"].copy()
    unlinked[:, 4] = unlinked[4, :] = NAN
    unlinked[4, 4] = 1
    path = write_questionnaire(tmp_path / "CEO.xlsx", scenario(), expert="CEO", answers=unlinked)
    qset = question_sets(scenario())[0]
    first_missing = next(q for q, pair in enumerate(qset.pairs) if 4 in pair)
    where = refused([path])
    message = where[f"[CEO.xlsx]Criteria!C{FIRST_ROW + first_missing}"]
    assert "do not link every one of the criteria: 'effort' cannot be compared" in message
    # A questionnaire answered on one sheet but not on another.
    half = write_questionnaire(
        tmp_path / "half.xlsx", abc_hierarchy(), expert="Half", answers={None: WILD}
    )
    where = refused([half], into=abc_hierarchy())
    assert "no question on this sheet is answered" in where["[half.xlsx]Sub-criteria 1!C5"]


def test_every_bad_file_is_reported_and_a_good_one_does_not_hide_them(tmp_path: Path) -> None:
    good = filled(tmp_path, "Quality manager")
    bad1 = edited(filled(tmp_path, "CEO"), lambda wb: wb["Criteria"].cell(6, 3, "lots"))
    bad2 = edited(filled(tmp_path, "Finance"), lambda wb: wb["Criteria"].cell(8, 3, "?"))
    not_one = tmp_path / "decision.xlsx"
    from mcda_iso import write_template

    write_template(not_one, scenario())
    with pytest.raises(WorkbookError) as exc:
        collect_questionnaires([good, bad1, not_one, bad2], into=scenario())
    where = locations(exc)
    assert set(where) >= {"[CEO.xlsx]Criteria!C6", "[Finance.xlsx]Criteria!C8"}
    assert any(m.startswith("decision.xlsx: this is not a questionnaire") for m in where.values())
    assert str(exc.value).startswith("3 problems found in 3 files; nothing was collected")


def test_nobody_answered(tmp_path: Path) -> None:
    files = survey(tmp_path)
    with pytest.raises(WorkbookError, match="no expert answered any question"):
        collect_questionnaires(list(files.values()), into=scenario())


# ----------------------------------------------------------------------------- CSV (ahpsurvey)


def write_csv(path: Path, rows: dict[str, np.ndarray], names: tuple[str, ...], sign: int) -> Path:
    """ahpsurvey's layout: a column A_B per pair; +x: A is x times as important (sign=1).

    Every other column is written B_A (the same judgment seen from B), to check both.
    """
    pairs = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    header = ["expert"]
    for k, (i, j) in enumerate(pairs):
        header.append(f"{names[i]}_{names[j]}" if k % 2 == 0 else f"{names[j]}_{names[i]}")
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for expert, m in rows.items():
            line = [expert]
            for k, (i, j) in enumerate(pairs):
                a = m[i, j] if k % 2 == 0 else m[j, i]
                if np.isnan(a):
                    line.append("")
                    continue
                value = round(a) if a >= 1 else -round(1 / a)
                line.append(str(sign * value))
            out.writerow(line)
    return path


@pytest.mark.parametrize("negconvert", [False, True])
def test_csv_gives_the_same_group_weights_as_the_questionnaires(
    tmp_path: Path, negconvert: bool
) -> None:
    problem = scenario()
    answers = team_answers()
    files = survey(tmp_path)
    for expert, path in files.items():
        fill(path, {None: answers[expert]})
    from_files = collect_questionnaires(list(files.values()), into=problem)
    sheet = write_csv(
        tmp_path / "survey.csv", answers, problem.criterion_names, -1 if negconvert else 1
    )
    from_csv = collect_questionnaires([sheet], into=problem, negconvert=negconvert)
    assert from_csv.problem == from_files.problem
    pd.testing.assert_series_equal(
        rank(from_csv.problem).weights, rank(from_files.problem).weights, rtol=1e-12
    )
    # Read with the other sign convention, the judgments are the reciprocals.
    flipped = read_survey_csv(sheet, problem, negconvert=not negconvert)
    got = flipped[0].matrices[None].to_numpy()
    np.testing.assert_allclose(got, answers["Quality manager"].T)


def test_csv_with_sub_criteria_keeps_the_decisions_alternative_comparisons(
    tmp_path: Path,
) -> None:
    problem = abc_hierarchy()
    top, cost = upper([3, 1, 5, 1 / 3, 1, 2], 4), upper([1 / 2, 2, NAN], 3)
    names = [("quality", "cost"), ("quality", "speed"), ("quality", "risk")]
    names += [("cost", "speed"), ("cost", "risk"), ("speed", "risk")]
    subs = [("fees", "staff"), ("fees", "tools"), ("staff", "tools")]
    header = [f"{a}_{b}" for a, b in names + subs]
    values = [top[i, j] for i in range(4) for j in range(i + 1, 4)]
    values += [cost[i, j] for i in range(3) for j in range(i + 1, 3)]
    cells = ["" if np.isnan(v) else str(round(v) if v >= 1 else -round(1 / v)) for v in values]
    path = tmp_path / "r.csv"
    path.write_text("id," + ",".join(header) + "\nAnn," + ",".join(cells) + "\n")
    collection = collect_questionnaires([path], into=problem)
    got = collection.problem.expert_comparisons["Ann"]
    np.testing.assert_allclose(got[None].to_numpy(), top)
    np.testing.assert_allclose(got["cost"].to_numpy(), cost)
    assert collection.problem.alternative_comparisons["speed"].equals(
        problem.alternative_comparisons["speed"]
    )


def test_csv_errors_name_file_sheet_and_cell(tmp_path: Path) -> None:
    problem = scenario()
    path = tmp_path / "answers.csv"
    path.write_text(
        "expert,credibility_efficiency,credibility_cost,speed_cost\n"
        "Ann,3,11,2\n"
        "Ann,2,2,2\n"
        "Bob,0.5,,\n"
    )
    with pytest.raises(WorkbookError) as exc:
        collect_questionnaires([path], into=problem)
    where = locations(exc)
    assert "column 'speed_cost' is not a pair" in where["[answers.csv]answers!D1"]
    assert "'11' is not a judgment" in where["[answers.csv]answers!C2"]
    assert "respondent 'Ann' appears twice (first on row 2)" in where["[answers.csv]answers!A3"]
    assert "'0.5' is not a judgment" in where["[answers.csv]answers!B4"]
