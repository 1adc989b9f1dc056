"""Questionnaires (issue 11): pair-by-pair questions with live feedback in formulas.

The live feedback is checked after a real LibreOffice recalculation against
:func:`mcda_iso.ahp.priorities`: the weights to 1e-9 and the CR to 1e-6, for a
consistent matrix, a wildly inconsistent one, an incomplete one (LLSM) and a
set of sub-criteria and of alternatives. The matrices of the scenario are Saaty's
scale as published in Saaty (1980); the inconsistent 4 x 4 one is made up to be
far from consistent (CR above 3).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

from mcda_iso import (
    Criterion,
    Problem,
    ProblemError,
    WorkbookError,
    ahp,
    load_scenario,
    write_questionnaire,
)
from mcda_iso.workbook.questionnaire_layout import (
    COL_ANSWER,
    FIRST_ROW,
    IDENTITY_SHEET,
    answer_options,
    answer_value,
    question_order,
    question_sets,
)
from mcda_iso.workbook.questionnaire_reader import read_questionnaire

NAN = float("nan")


# ----------------------------------------------------------------------------- helpers


def recalculate(src: Path, tmp_path: Path) -> Path:
    """Open and save ``src`` with LibreOffice headless (recalculating every formula).

    A private LibreOffice profile per test, so parallel runs do not share one.
    """
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is missing although CI=true (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc); CI runs this")
    outdir = tmp_path / f"lo-{src.stem}"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"]
    proc = subprocess.run(
        [*command, "--outdir", str(outdir), str(src)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = outdir / src.name
    assert proc.returncode == 0 and out.exists(), proc.stdout + proc.stderr
    return out


def fill(path: Path, answers: dict[str | None, Any], out: Path | None = None) -> Path:
    """Answer a questionnaire as an expert would: pick each answer's text in the dropdown.

    ``answers``: key of the question sheet (None, a parent, a criterion) -> matrix
    (NaN: leave empty). Saved with openpyxl to ``out`` (default: in place).
    """
    wb = openpyxl.load_workbook(path)
    for qset in question_sets_of(wb):
        if qset.key not in answers:
            continue
        m = np.asarray(answers[qset.key], dtype=float)
        ws = wb[qset.sheet]
        for q, (i, j) in enumerate(qset.pairs):
            cell = ws.cell(FIRST_ROW + q, COL_ANSWER)
            if math.isnan(m[i, j]):
                cell.value = None
                continue
            options = answer_options(qset.names[i], qset.names[j], qset.verb)
            position = min(range(1, 18), key=lambda p: abs(answer_value(p) - m[i, j]))
            cell.value = options[position - 1]
    wb.save(out or path)
    return out or path


def question_sets_of(wb: Any) -> list[Any]:
    """The question sets recorded in a questionnaire's identity sheet."""
    from mcda_iso.workbook.questionnaire_layout import ROW_SETS, QuestionSet

    ws = wb[IDENTITY_SHEET]
    out = []
    for row in ws.iter_rows(min_row=ROW_SETS, values_only=True):
        values = [v for v in row[1:] if v not in (None, "")]
        if not values:
            break
        number, kind = int(row[1]), row[2]
        subject, sheet, names = row[3] or None, row[4], tuple(v for v in row[5:] if v)
        out.append(
            QuestionSet(number, kind, subject, sheet, names, ("",) * len(names),
                        question_order(len(names)))
        )  # fmt: skip
    return out


def named(wb: Any, name: str) -> list[Any]:
    """The values of a workbook-level defined name's cells."""
    ((title, ref),) = list(wb.defined_names[name].destinations)
    cells = wb[title][ref.replace("$", "")]
    if isinstance(cells, tuple):
        return [c.value for row in cells for c in row]
    return [cells.value]


def abc_hierarchy() -> Problem:
    """Four top criteria (cost has three sub-criteria), alternatives compared on speed."""
    crit = [
        Criterion("quality", "benefit", "how good the result is"),
        Criterion("cost", "cost", "all the money spent"),
        Criterion("speed", "benefit"),
        Criterion("risk", "cost"),
        Criterion("fees", "cost", parent="cost"),
        Criterion("staff", "cost", parent="cost"),
        Criterion("tools", "cost", parent="cost"),
    ]
    return Problem(
        crit,
        ["A", "B", "C", "D"],
        performance=np.arange(20.0).reshape(4, 5) + 1,
        comparisons={None: np.ones((4, 4)), "cost": np.ones((3, 3))},
        alternative_comparisons={"speed": np.ones((4, 4))},
    )


# Far from consistent (made up): CR > 3.
WILD = [[1, 9, 1 / 9, 5], [1 / 9, 1, 9, 1 / 7], [9, 1 / 9, 1, 8], [1 / 5, 7, 1 / 8, 1]]
# Incomplete: fees vs tools not answered (LLSM weights on the sheet).
PARTIAL = [[1, 3, NAN], [1 / 3, 1, 2], [NAN, 1 / 2, 1]]
ALTERNATIVES = [[1, 2, 4, 6], [1 / 2, 1, 3, 5], [1 / 4, 1 / 3, 1, 2], [1 / 6, 1 / 5, 1 / 2, 1]]


# ----------------------------------------------------------------------------- questions


@pytest.mark.parametrize("n", range(2, 11))
def test_question_order_asks_every_pair_once_and_spreads_each_item(n: int) -> None:
    pairs = question_order(n)
    assert sorted(pairs) == [(i, j) for i in range(n) for j in range(i + 1, n)]
    # Circle method: within each round of n//2 questions no item is asked twice.
    per_round = n // 2
    for start in range(0, len(pairs), per_round):
        items = [x for pair in pairs[start : start + per_round] for x in pair]
        assert len(items) == len(set(items)), (n, start)


def test_answers_are_the_two_sided_scale_with_the_in_between_values() -> None:
    options = answer_options("cost", "quality")
    assert len(set(options)) == 17
    values = [answer_value(p) for p in range(1, 18)]
    assert values == [
        9,
        8,
        7,
        6,
        5,
        4,
        3,
        2,
        1,
        1 / 2,
        1 / 3,
        1 / 4,
        1 / 5,
        1 / 6,
        1 / 7,
        1 / 8,
        1 / 9,
    ]
    assert options[0].startswith("cost is extremely") and options[-1].startswith("quality is ext")
    assert "(4)" in options[5] and "moderately to strongly" in options[5]
    alt = answer_options("Lean", "TQM", "good")
    assert alt[2] == "Lean is very strongly better (7)" and alt[8] == "both are equally good (1)"


def test_question_sets_criteria_sub_criteria_and_alternatives() -> None:
    sets = question_sets(abc_hierarchy())
    assert [(s.sheet, s.kind, s.subject, s.names) for s in sets] == [
        ("Criteria", "criteria", None, ("quality", "cost", "speed", "risk")),
        ("Sub-criteria 1", "sub-criteria", "cost", ("fees", "staff", "tools")),
        ("Alternatives 1", "alternatives", "speed", ("A", "B", "C", "D")),
    ]
    assert [(s.weights_name, s.cr_name) for s in sets] == [
        ("Weights", "CR"),
        ("Weights_2", "CR_2"),
        ("Weights_3", "CR_3"),
    ]


# ----------------------------------------------------------------------------- the workbook


def test_questionnaire_layout_names_dropdowns_and_protection(tmp_path: Path) -> None:
    problem = load_scenario("iso9001", profile="balanced")
    path = write_questionnaire(
        tmp_path / "qm.xlsx", problem, expert="Quality manager", answers=problem.comparisons
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Start here", "Criteria", "_calc1", IDENTITY_SHEET]
    assert [wb[s].sheet_state for s in wb.sheetnames] == ["visible", "visible", "hidden", "hidden"]
    assert all(wb[s].protection.sheet for s in wb.sheetnames)
    assert wb.security.lockStructure  # sheets cannot be renamed, moved or unhidden
    ws = wb["Criteria"]
    names = problem.criterion_names
    qset = question_sets(problem)[0]
    matrix = problem.comparisons.to_numpy()
    for q, (i, j) in enumerate(qset.pairs):
        r = FIRST_ROW + q
        assert (ws.cell(r, 2).value, ws.cell(r, 4).value) == (names[i], names[j])
        # Descriptions beside the question.
        assert ws.cell(r, 5).value == problem.criteria[i].description
        answer = ws.cell(r, COL_ANSWER)
        assert answer.protection.locked is False and ws.cell(r, 2).protection.locked
        options = answer_options(names[i], names[j])
        assert answer_value(options.index(answer.value) + 1) == pytest.approx(matrix[i, j])
    # One dropdown (a list of that question's 17 answers) per answer cell.
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert len(lists) == len(qset.pairs)
    assert all(dv.type == "list" and "_calc1" in dv.formula1 for dv in lists.values())
    assert set(wb.defined_names) == {"Weights", "CR"}
    assert wb.defined_names["Weights"].attr_text == "'Criteria'!$I$5:$I$9"
    assert wb.defined_names["CR"].attr_text.startswith("'Criteria'!$I$")
    identity = wb[IDENTITY_SHEET]
    assert identity["B4"].value == "Quality manager"
    assert [c.value for c in identity[7][1:6]] == list(names)
    assert wb.calculation.fullCalcOnLoad


def test_no_macros_only_formulas(tmp_path: Path) -> None:
    path = write_questionnaire(tmp_path / "x.xlsx", abc_hierarchy(), expert="X")
    import zipfile

    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower() or n.endswith(".bin")]


def test_questionnaire_refuses(tmp_path: Path) -> None:
    problem = load_scenario("iso9001", profile="balanced")
    path = write_questionnaire(tmp_path / "x.xlsx", problem, expert="X")
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match="exists"):
        write_questionnaire(path, problem, expert="Y")
    assert path.read_bytes() == before
    assert write_questionnaire(path, problem, expert="Y", overwrite=True) == path
    with pytest.raises(WorkbookError, match=r"must end in \.xlsx"):
        write_questionnaire(tmp_path / "x.xls", problem, expert="X")
    with pytest.raises(ProblemError, match="expert's name"):
        write_questionnaire(tmp_path / "e.xlsx", problem, expert="  ")
    odd = problem.comparisons.to_numpy().copy()
    odd[0, 1], odd[1, 0] = 2.5, 1 / 2.5
    with pytest.raises(ProblemError, match=r"'credibility' vs 'efficiency' is 2\.5, which is not"):
        write_questionnaire(tmp_path / "o.xlsx", problem, expert="X", answers=odd)
    with pytest.raises(ProblemError, match="answers name 'nope'"):
        write_questionnaire(tmp_path / "k.xlsx", abc_hierarchy(), expert="X", answers={"nope": odd})
    with pytest.raises(ProblemError, match="more than one comparison matrix"):
        write_questionnaire(tmp_path / "m.xlsx", abc_hierarchy(), expert="X", answers=WILD)
    assert not (tmp_path / "o.xlsx").exists() and not (tmp_path / "k.xlsx").exists()


@pytest.mark.libreoffice
def test_live_feedback_equals_python_after_libreoffice_recalculation(tmp_path: Path) -> None:
    """The named cells after a real recalculation: weights to 1e-9, CR to 1e-6."""
    path = write_questionnaire(
        tmp_path / "x.xlsx",
        abc_hierarchy(),
        expert="X",
        answers={None: WILD, "cost": PARTIAL, "speed": ALTERNATIVES},
    )
    saved = recalculate(path, tmp_path)
    wb = openpyxl.load_workbook(saved, data_only=True)
    sets = question_sets(abc_hierarchy())
    # Saved by LibreOffice, the questionnaire still reads back as the same answers.
    response = read_questionnaire(saved)
    for key, matrix in ((None, WILD), ("cost", PARTIAL), ("speed", ALTERNATIVES)):
        np.testing.assert_allclose(response.matrices[key].to_numpy(), matrix)
    for qset, matrix, method in (
        (sets[0], WILD, "geometric_mean"),
        (sets[1], PARTIAL, "llsm"),  # incomplete: the sheet shows the LLSM weights
        (sets[2], ALTERNATIVES, "geometric_mean"),
    ):
        expected = ahp.priorities(matrix, method=method)
        got = named(wb, qset.weights_name)
        assert np.allclose(got, expected.weights, rtol=0, atol=1e-9), qset.sheet
        (cr,) = named(wb, qset.cr_name)
        assert cr == pytest.approx(expected.cr, abs=1e-6), qset.sheet
    assert ahp.priorities(WILD).cr > 3  # the power iteration converged on a hard matrix
    # The three answers most out of line, with the answer that would fit.
    ws = wb["Criteria"]
    top = [r for r in ws.iter_rows(min_row=5, max_row=40, min_col=8, max_col=11, values_only=True)]
    start = next(k for k, r in enumerate(top) if r[0] == "Question") + 1
    listed = top[start : start + 3]
    worst = ahp.most_inconsistent(WILD, k=3, method="geometric_mean")
    qset = sets[0]
    for row, judgment in zip(listed, worst, strict=True):
        i, j = judgment.row, judgment.col
        assert row[0] == f"#{qset.pairs.index((i, j)) + 1}: {qset.names[i]} vs {qset.names[j]}"
        options = answer_options(qset.names[i], qset.names[j])
        assert answer_value(options.index(row[2]) + 1) == judgment.value
        assert answer_value(options.index(row[3]) + 1) == judgment.suggested
    verdicts = {r[0]: r[1] for r in top if r[0]}
    assert verdicts["Verdict"].startswith("Inconsistent")
    assert verdicts["Questions answered"] == "6 of 6"
    sub = {
        r[0]: r[1] for r in wb["Sub-criteria 1"].iter_rows(min_col=8, max_col=9, values_only=True)
    }
    assert sub["Questions answered"] == "2 of 3"


@pytest.mark.libreoffice
def test_live_feedback_of_the_scenario_and_of_an_empty_or_unlinked_sheet(tmp_path: Path) -> None:
    """Saaty-scale judgments of the built-in scenario; an empty and an unlinked questionnaire."""
    problem = load_scenario("iso9001", profile="balanced")
    complete = write_questionnaire(
        tmp_path / "full.xlsx", problem, expert="A", answers=problem.comparisons
    )
    unlinked = problem.comparisons.to_numpy().copy()
    unlinked[:, 4] = unlinked[4, :] = NAN  # effort compared with nothing
    unlinked[4, 4] = 1
    cut = write_questionnaire(tmp_path / "cut.xlsx", problem, expert="B", answers=unlinked)
    empty = write_questionnaire(tmp_path / "empty.xlsx", problem, expert="C")
    expected = ahp.priorities(problem.comparisons, method="geometric_mean")
    wb = openpyxl.load_workbook(recalculate(complete, tmp_path), data_only=True)
    assert np.allclose(named(wb, "Weights"), expected.weights, rtol=0, atol=1e-9)
    assert named(wb, "CR")[0] == pytest.approx(expected.cr, abs=1e-6)
    for path, verdict in ((cut, "Not every one of the criteria"), (empty, "No answers yet")):
        wb = openpyxl.load_workbook(recalculate(path, tmp_path), data_only=True)
        assert named(wb, "Weights") == [""] * 5 or named(wb, "Weights") == [None] * 5
        texts = [c for row in wb["Criteria"].iter_rows(values_only=True) for c in row]
        assert any(isinstance(t, str) and t.startswith(verdict) for t in texts), path.name
