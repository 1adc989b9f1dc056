"""Tests for mcda_iso/cli.py: the example and profiles commands, errors, python -m."""

import hashlib
import subprocess
import sys

import openpyxl
import pytest

from mcda_iso import list_profiles, load_scenario, rank, read_workbook, validate_workbook
from mcda_iso.cli import main


def test_example_prints_weights_ranking_and_recommendation(capsys):
    assert main(["example"]) == 0
    out = capsys.readouterr().out
    assert "credibility" in out and "CR =" in out
    assert " 1. ISO 9001 certification" in out
    assert "Recommended: ISO 9001 certification" in out
    assert "illustrative" in out


@pytest.mark.parametrize("profile", list(list_profiles()))
@pytest.mark.parametrize("method", ["topsis", "ahp"])
def test_example_every_profile_and_method(capsys, profile, method):
    assert main(["example", "--profile", profile, "--method", method]) == 0
    out = capsys.readouterr().out
    assert "Recommended:" in out or "Near tie:" in out  # small-business: 0.677 vs 0.664


def test_example_compare(capsys):
    assert main(["example", "--compare"]) == 0
    out = capsys.readouterr().out
    assert "topsis_rank" in out and "Spearman" in out


def test_profiles_one_per_line_identifier_first(capsys):
    assert main(["profiles"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == list(list_profiles())
    assert all(line.split("\t")[1] for line in lines)


def test_errors_are_one_line_and_nonzero(capsys):
    assert main(["example", "--profile", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error:") and "no profile 'nope'" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message", "command"),
    [
        (
            ["example", "--method", "electre"],
            "argument --method: invalid choice: 'electre'",
            "example",
        ),
        ([], "the following arguments are required: COMMAND", ""),
        (["rank"], "the following arguments are required: IN.xlsx", "rank"),
        (["rank", "in.xlsx", "--seed", "1"], "unrecognized arguments: --seed 1", "rank"),
        (
            ["report", "in.xlsx", "--samples", "many"],
            "argument --samples: invalid int value",
            "report",
        ),
        (["rank", ""], "argument IN.xlsx: the file name is empty", "rank"),
        (["rank", "in.xlsx", "-o", ""], "argument -o/--output: the file name is empty", "rank"),
        (
            ["report", "in.xlsx", "--output="],
            "argument -o/--output: the file name is empty",
            "report",
        ),
        (["sensitivity", "-o", " "], "argument -o/--output: the file name is empty", "sensitivity"),
        (["template", ""], "argument OUT.xlsx: the file name is empty", "template"),
    ],
)
def test_argument_errors_are_one_line_with_a_pointer_to_help_and_exit_1(
    tmp_path, monkeypatch, capsys, argv, message, command
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "usage:" not in err
    hint = f"(see mcda-iso {command} --help)" if command else "(see mcda-iso --help)"
    assert err == f"mcda-iso: error: {err[17:].split(' (see ')[0]} {hint}\n"
    assert message in err
    assert list(tmp_path.iterdir()) == []  # -o "" never falls back to the default name


def test_argument_errors_exit_1_from_the_installed_command_too():
    proc = subprocess.run(
        [sys.executable, "-m", "mcda_iso", "rank", "x.xlsx", "-o", ""],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "mcda-iso: error: argument -o/--output: the file name is empty; give a file name "
        "(see mcda-iso rank --help)"
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "."],
        ["rank", "/"],
        ["report", ".", "--samples", "0"],
        ["validate", "."],
        ["sensitivity", "."],
        ["rank", "sub"],
        ["report", "sub/"],
    ],
)
def test_a_folder_as_the_input_is_one_clear_line_not_a_traceback(
    tmp_path, monkeypatch, capsys, argv
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert (
        err == f"mcda-iso: error: {argv[1]} is a folder; give the workbook file to read (IN.xlsx)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]


def test_a_folder_as_the_output_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _filled(tmp_path / "in")
    for argv in (
        ["rank", "in/iso.xlsx", "-o", "in"],
        ["report", "in/iso.xlsx", "-o", ".", "--force"],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert (
            err == f"mcda-iso: error: {argv[3]} is a folder; give -o the name of a file to write\n"
        )
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["iso.xlsx"]


@pytest.mark.parametrize("command", ["rank", "validate", "report", "template"])
def test_a_path_too_long_for_the_system_is_one_short_line(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    assert main([command, "x" * 5000 + ".xlsx"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error: ") and err.count("\n") == 1
    assert "(5,005 characters)" in err and len(err) < 200, err[:300]


def test_a_missing_input_is_reported_before_the_output_is_looked_at(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gone-results.xlsx").write_text("earlier results", encoding="utf-8")
    (tmp_path / "gone.html").write_text("earlier report", encoding="utf-8")
    for argv in (["rank", "gone.xlsx"], ["report", "gone.xlsx"]):
        assert main(argv) == 1
        assert capsys.readouterr().err == "mcda-iso: error: gone.xlsx: no such file\n"


def test_choices_are_the_librarys():
    """The parser spells the choices out (it imports no library); they must stay in step."""
    from mcda_iso import ahp, cli, ranking, sensitivity, topsis
    from mcda_iso.cli import parsing

    expected = {
        "--method": tuple(ranking.METHODS),
        "--normalization": tuple(topsis.NORMALIZATIONS),
        "--aggregation": tuple(ranking.AGGREGATIONS),
        "--mode": tuple(ranking.MODES),
        "--scale": tuple(ahp.SCALES),
        "--ahp-method": tuple(ahp.METHODS),
        "--ri-table": tuple(ahp.RI_TABLES),
        "--weights": tuple(sensitivity.WEIGHT_DISTRIBUTIONS),
    }
    spelled = (
        parsing._METHODS,
        parsing._NORMALIZATIONS,
        parsing._AGGREGATIONS,
        parsing._MODES,
        parsing._SCALES,
        parsing._AHP_METHODS,
        parsing._RI_TABLES,
        parsing._WEIGHT_DISTRIBUTIONS,
    )
    assert dict(zip(expected, spelled, strict=True)) == expected
    commands = cli.build_parser()._subparsers._group_actions[0].choices
    seen: set[str] = set()
    for command, sub in commands.items():
        for action in sub._actions:
            for option in set(action.option_strings) & set(expected):
                if action.choices is not None:
                    assert tuple(action.choices) == expected[option], (command, option)
                    seen.add(option)
    assert seen == set(expected)  # every spelled-out list is used, and checked


def test_help_loads_no_library():
    """``mcda-iso --help`` and the parser import neither numpy nor pandas (nor heavier)."""
    script = (
        "import sys\n"
        "from mcda_iso.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert "mcda_iso" in loaded
    assert not loaded & {"numpy", "pandas", "openpyxl", "scipy", "pymcdm", "matplotlib"}


def test_help_builds_only_what_it_shows():
    """``mcda-iso --help`` (and any command but assess) skips the assess question table.

    The table of questions (``mcda_iso.assessment.answers``, with json, tomllib and
    dataclasses) was half of ``--help``'s imports; it is loaded when ``assess`` is parsed.
    """
    script = (
        "import sys\n"
        "from mcda_iso.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', 'mcda_iso.assessment.answers' in sys.modules, file=sys.stderr)"
    )
    for argv, loaded in (
        (["--help"], False),
        (["--language", "de", "profiles"], False),
        (["assess", "--help"], True),
        (["--language", "de", "assess", "--help"], True),
    ):
        proc = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True)
        assert f"LOADED {loaded}" in proc.stderr, (argv, proc.stderr)
        if argv[-1] == "--help" and loaded:
            assert "--employees" in proc.stdout  # the assess options are all there
        if argv == ["--help"]:
            assert "assess" in proc.stdout  # the command is still listed


def test_command_of_knows_every_command():
    """``command_of``'s list of commands is the parser's (it is read before the parser is built)."""
    from mcda_iso.cli.parsing import _COMMANDS, build_parser

    assert set(build_parser().commands) == _COMMANDS  # type: ignore[attr-defined]


def test_command_misspelt_still_explained(capsys):
    """A word that is no command builds the whole parser: argparse names the choices."""
    with pytest.raises(SystemExit):
        main(["asess", "--employees", "5"])
    assert "invalid choice: 'asess'" in capsys.readouterr().err


def test_python_dash_m():
    proc = subprocess.run(
        [sys.executable, "-m", "mcda_iso", "profiles"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("balanced\t")


# ----------------------------------------------------------------------------------------
# Workbook commands (issue 3): template, validate, rank
# ----------------------------------------------------------------------------------------


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(folder, profile="balanced"):
    folder.mkdir(exist_ok=True)
    path = folder / "iso.xlsx"
    assert main(["template", str(path), "--scenario", "iso9001", "--profile", profile]) == 0
    return path


def test_template_blank_and_prefilled(tmp_path, capsys):
    blank = tmp_path / "blank.xlsx"
    assert main(["template", str(blank)]) == 0
    assert "blank workbook" in capsys.readouterr().out
    assert [e.cell for e in validate_workbook(blank)][:2] == ["Criteria!A2", "Alternatives!A2"]
    for profile in list_profiles():
        path = tmp_path / f"{profile}.xlsx"
        assert main(["template", str(path), "--profile", profile]) == 0
        assert read_workbook(path) == load_scenario("iso9001", profile=profile)


def test_template_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = _filled(tmp_path)
    before = _digest(path)
    capsys.readouterr()
    assert main(["template", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error:") and "already exists" in err and "--force" in err
    assert len(err.strip().splitlines()) == 1
    assert _digest(path) == before
    assert main(["template", str(path), "--profile", "small-business", "--force"]) == 0
    assert read_workbook(path) == load_scenario("iso9001", profile="small-business")


def test_validate_ok(tmp_path, capsys):
    path = _filled(tmp_path)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.strip()
    problem = load_scenario("iso9001", profile="balanced")
    counts = f"{len(problem.criteria)} criteria, {len(problem.alternatives)} alternatives"
    assert out.startswith(f"{path}: OK: {counts}; pairwise comparisons, CR = ")
    assert "(consistent)" in out and len(out.splitlines()) == 1


def test_validate_prints_every_problem_by_cell(tmp_path, capsys):
    path = _filled(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Criteria"]["B3"] = "maybe"
    wb["Performance"]["C4"] = "high"
    wb["Comparisons"]["D2"] = 0
    wb.save(path)
    before = _digest(path)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "Criteria!B3",
        "Performance!C4",
        "Comparisons!D2",
    ]
    assert "unknown kind" in lines[0] and "found the text 'high'" in lines[1]
    assert "3 problems found" in captured.err
    assert _digest(path) == before
    wb = openpyxl.load_workbook(_filled(tmp_path / "again"))
    wb["Comparisons"]["D2"] = 12
    wb.save(path)
    assert main(["validate", str(path)]) == 0
    assert main(["validate", str(path), "--strict-scale"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("Comparisons!D2: ")


def test_validate_not_a_workbook(tmp_path, capsys):
    path = tmp_path / "data.xlsx"
    path.write_text("name,kind\nquality,benefit\n")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "not an Excel workbook" in out[0] and "CSV" in out[0]


@pytest.mark.parametrize("method", ["topsis", "ahp"])
def test_rank_writes_results_beside_the_input(tmp_path, capsys, method):
    path = _filled(tmp_path, "major-customer-supplier")
    before = _digest(path)
    capsys.readouterr()
    assert main(["rank", str(path), "--method", method]) == 0
    out = capsys.readouterr().out
    expected = rank(load_scenario("iso9001", profile="major-customer-supplier"), method=method)
    assert expected.recommendation() in out
    assert f" 1. {expected.best}" in out
    results = tmp_path / "iso-results.xlsx"
    assert f"Results workbook: {results}" in out
    assert _digest(path) == before
    assert read_workbook(results) == load_scenario("iso9001", profile="major-customer-supplier")
    ranking = openpyxl.load_workbook(results)["Ranking"]
    assert ranking["A2"].value == expected.best
    assert ranking["B2"].value == pytest.approx(expected.scores[expected.best])


def test_rank_refuses_to_overwrite_and_never_touches_the_input(tmp_path, capsys):
    path = _filled(tmp_path)
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"keep me")
    capsys.readouterr()
    assert main(["rank", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"mcda-iso: error: {out} already exists; use --force to replace it\n"
    assert out.read_bytes() == b"keep me"
    before = _digest(path)
    assert main(["rank", str(path), "-o", str(path), "--force"]) == 1
    assert "is the input workbook" in capsys.readouterr().err
    assert _digest(path) == before
    assert main(["rank", str(path), "-o", str(out), "--force"]) == 0
    assert read_workbook(out) == load_scenario("iso9001", profile="balanced")


def test_rank_reports_workbook_problems(tmp_path, capsys):
    path = _filled(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Performance"]["C4"] = None
    wb.save(path)
    capsys.readouterr()
    assert main(["rank", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error: iso.xlsx: 1 problem found")
    assert "Performance!C4: expected a number for 'Lean' on 'efficiency'" in err
    assert not (tmp_path / "iso-results.xlsx").exists()


def test_workbook_commands_through_python_dash_m(tmp_path):
    path = tmp_path / "t.xlsx"
    for args in (["template", str(path), "--profile", "balanced"], ["validate", str(path)]):
        proc = subprocess.run(
            [sys.executable, "-m", "mcda_iso", *args], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, proc.stderr
    assert ": OK: " in proc.stdout


# --------------------------------------------------------------------------- sensitivity
# Tests of `mcda-iso sensitivity` (issue 5: sensitivity and robustness).


def test_sensitivity_prints_sentences_acceptability_and_methods(capsys):
    from mcda_iso.sensitivity import thresholds

    argv = ["sensitivity", "--profile", "balanced", "--samples", "2000", "--seed", "3"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    for sentence in thresholds(load_scenario("iso9001", profile="balanced"))["sentence"]:
        assert f"  {sentence}\n" in out
    assert "Rank acceptability (2,000 samples, seed 3;" in out
    assert "Spearman rank correlation" in out and "WS rank similarity" in out
    assert "vikor" in out and "spotis" in out and "--seed 3 to repeat" in out
    assert main(argv) == 0  # the same seed prints the same numbers
    assert capsys.readouterr().out == out


def test_sensitivity_of_a_workbook_writes_the_results_workbook(tmp_path, capsys):
    path = _filled(tmp_path)
    out = tmp_path / "sens.xlsx"
    assert main(["sensitivity", str(path), "-o", str(out), "--samples", "1000", "--seed", "1"]) == 0
    assert f"Results workbook: {out}" in capsys.readouterr().out
    sheets = openpyxl.load_workbook(out).sheetnames
    assert {"Sensitivity", "Acceptability", "Methods", "Ranking"} <= set(sheets)
    assert read_workbook(out) == read_workbook(path)
    assert main(["sensitivity", str(path), "-o", str(out), "--samples", "10"]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["sensitivity", str(path), "-o", str(path), "--force", "--samples", "10"]) == 1
    assert "is the input workbook" in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore::mcda_iso.ConsistencyWarning")
def test_sensitivity_of_a_group_workbook_follows_aggregation(tmp_path, capsys):
    from mcda_iso.excel import write_template
    from mcda_iso.sensitivity import thresholds

    p = load_scenario("iso9001")
    qm = p.comparisons.to_numpy()
    ceo = qm.copy()  # n = 5 and inconsistent: AIJ and AIP weights differ
    ceo[0, 3], ceo[1, 4] = 1 / qm[0, 3], 3 * qm[1, 4]
    ceo[3, 0], ceo[4, 1] = 1 / ceo[0, 3], 1 / ceo[1, 4]
    team = p.replace(experts={"Quality manager": qm, "CEO": ceo})
    path = write_template(tmp_path / "team.xlsx", team)
    for aggregation in ("aij", "aip"):
        argv = ["sensitivity", str(path), "--samples", "200", "--seed", "1"]
        assert main([*argv, "--aggregation", aggregation]) == 0
        out = capsys.readouterr().out
        for sentence in thresholds(team, aggregation=aggregation)["sentence"]:
            assert f"  {sentence}\n" in out
    aij, aip = (thresholds(team, aggregation=a)["sentence"] for a in ("aij", "aip"))
    assert list(aij) != list(aip)  # the sentences quote the weights analysed


def test_sensitivity_progress_bar_only_for_long_runs(capsys, monkeypatch):
    import time

    argv = ["sensitivity", "--scenario", "iso9001", "--samples", "9000", "--seed", "1"]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""  # a fast run draws no bar
    clock = iter(range(0, 10**6, 5))  # every reading of the clock is 5 s later
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    assert main([*argv, "--uncertainty", "0.1"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("\rMonte Carlo [") and err.endswith("100%     0 s left\n")
    assert err.count("\r") >= 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sensitivity"], "give a workbook (IN.xlsx) or a built-in scenario"),
        (["sensitivity", "x.xlsx", "--scenario", "iso9001"], "not both"),
        (["sensitivity", "--profile", "balanced", "--samples", "0"], "--samples must be"),
        (["sensitivity", "--profile", "nope"], "no profile 'nope'"),
        (["sensitivity", "--profile", "balanced", "--uncertainty", "1.5"], "[0, 1)"),
    ],
)
def test_sensitivity_errors_are_one_line(capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error:") and message in err
    assert len(err.strip().splitlines()) == 1


# =====================================================================================
# Group decisions, missing judgments and pairwise-rated alternatives on the command line
# (issue 4; the group / alternatives helper owns this block).
# =====================================================================================

import numpy as np  # noqa: E402

from mcda_iso import Criterion, Problem, write_template  # noqa: E402

NAN = float("nan")


def _team_workbook(path):
    problem = Problem(
        [Criterion("quality", "benefit"), Criterion("cost", "cost"), Criterion("speed", "benefit")],
        ["A", "B", "C"],
        [[8, 5, 3], [6, 2, 4], [9, 8, 2]],
        experts={
            "Quality manager": [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]],
            "CEO": [[1, 1 / 2, NAN], [2, 1, 4], [NAN, 1 / 4, 1]],
        },
        expert_weights={"Quality manager": 2, "CEO": 1},
    )
    return write_template(path, problem), problem


@pytest.mark.parametrize("aggregation", ["aij", "aip"])
def test_rank_group_workbook_without_extra_flags(tmp_path, capsys, aggregation):
    path, problem = _team_workbook(tmp_path / "team.xlsx")
    argv = ["rank", str(path)] + (["--aggregation", aggregation] if aggregation == "aip" else [])
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"Experts ({aggregation.upper()}:" in out
    assert "Consensus S* = " in out and "most deviating expert:" in out
    results = tmp_path / "team-results.xlsx"
    assert "Group" in openpyxl.load_workbook(results).sheetnames
    expected = rank(problem, aggregation=aggregation)
    assert f"Consensus S* = {expected.group.consensus:.3f}" in out
    assert read_workbook(results) == problem


def test_rank_rejects_unknown_aggregation(tmp_path, capsys):
    path, _ = _team_workbook(tmp_path / "team.xlsx")
    with pytest.raises(SystemExit) as exc:
        main(["rank", str(path), "--aggregation", "mean"])
    assert exc.value.code == 1
    assert "invalid choice: 'mean'" in capsys.readouterr().err


def test_rank_workbook_with_missing_judgment_and_rated_alternatives(tmp_path, capsys):
    base = load_scenario("iso9001")
    v = np.arange(1.0, len(base.alternatives) + 1)
    matrix = base.comparisons.to_numpy().copy()
    matrix[0, 1] = matrix[1, 0] = NAN
    problem = base.replace(
        comparisons=matrix,
        performance=base.performance.drop(columns="market access"),
        alternative_comparisons={"market access": v[:, None] / v[None, :]},
    )
    path = write_template(tmp_path / "mixed.xlsx", problem)
    assert main(["rank", str(path), "--method", "ahp"]) == 0
    out = capsys.readouterr().out
    assert "Alternatives compared pairwise:" in out and "market access: CR = 0.000" in out
    sheets = openpyxl.load_workbook(tmp_path / "mixed-results.xlsx").sheetnames
    assert {"Completed matrices", "Local priorities", "Alternatives market access"} <= set(sheets)


def test_validate_names_the_cut_off_criteria_sheet_and_cell(tmp_path, capsys):
    path, _ = _team_workbook(tmp_path / "team.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Comparisons CEO"]["D3"] = None  # 'speed' no longer compared by the CEO
    wb.save(path)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Comparisons CEO!D2: no judgment links 'speed' with 'quality', 'cost'" in out


def test_validate_group_workbook_says_how_many_experts(tmp_path, capsys):
    path, _ = _team_workbook(tmp_path / "team.xlsx")
    assert main(["validate", str(path)]) == 0
    assert "2 experts' pairwise comparisons, CR = " in capsys.readouterr().out


def _team_tree_workbook(path):
    """The detailed scenario (sub-criteria) judged by two experts who differ on the top level."""
    base = load_scenario("iso9001_detailed")
    ceo = {parent: m.copy() for parent, m in base.comparisons.items()}
    ceo[None].loc["credibility", "market access"] = 3
    ceo[None].loc["market access", "credibility"] = 1 / 3
    problem = base.replace(experts={"QM": base.comparisons, "CEO": ceo})
    return write_template(path, problem), problem


def test_rank_and_validate_experts_with_sub_criteria(tmp_path, capsys):
    path, problem = _team_tree_workbook(tmp_path / "tree-team.xlsx")
    assert "CEO - cost" in openpyxl.load_workbook(path).sheetnames
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: OK: 9 criteria, 7 alternatives; 2 experts' pairwise")
    expected = rank(problem)
    cost = expected.group_by_parent["cost"].experts["CEO"]
    assert _cr_line("expert 'CEO' on the sub-criteria of 'cost'", cost) in out.splitlines()
    assert main(["rank", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Experts (AIJ:" in out and "Global weights of the leaf criteria by expert:" in out
    assert f"Consensus S* = {expected.consensus:.3f}" in out
    assert f"Recommended: {expected.best}" in out
    results = tmp_path / "tree-team-results.xlsx"
    assert "Group" in openpyxl.load_workbook(results).sheetnames
    assert read_workbook(results) == problem


def test_template_for_a_team_and_pairwise_alternatives(tmp_path, capsys):
    out = tmp_path / "team.xlsx"
    argv = ["template", str(out), "--scenario", "iso9001", "--experts", "Quality manager", "CEO"]
    argv += ["--compare-alternatives", "credibility"]
    assert main(argv) == 0
    sheets = openpyxl.load_workbook(out).sheetnames
    assert {"Experts", "Comparisons Quality manager", "Comparisons CEO"} <= set(sheets)
    assert "Alternatives credibility" in sheets and "Comparisons" not in sheets


def test_template_compare_alternatives_needs_a_scenario(tmp_path, capsys):
    assert main(["template", str(tmp_path / "x.xlsx"), "--compare-alternatives", "cost"]) == 1
    err = capsys.readouterr().err
    assert "--compare-alternatives needs the alternatives' names: add --scenario iso9001" in err


# ----------------------------------------------------------------------------------------
# validate: the CR of every comparison matrix (an inconsistent one is a warning, exit 0)
# ----------------------------------------------------------------------------------------

from mcda_iso import ConsistencyWarning  # noqa: E402


def _cr_line(what, pri):
    verdict = "consistent" if pri.consistent else "INCONSISTENT, revise before ranking"
    cr = f"CR = {pri.cr:.3f} (threshold {pri.threshold:.2f})"
    return f"  {what} ({pri.n}x{pri.n}): {cr}: {verdict}"


def test_validate_prints_the_cr_of_every_sub_criteria_matrix(tmp_path, capsys):
    path = write_template(tmp_path / "tree.xlsx", scenario="iso9001_detailed")
    wb = openpyxl.load_workbook(path)
    wb["Sub-criteria cost"]["C2"], wb["Sub-criteria cost"]["D2"] = "9", "1/9"  # contradictory
    wb.save(path)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0  # inconsistent is a warning, not an error
    captured = capsys.readouterr()
    with pytest.warns(ConsistencyWarning, match="sub-criteria of 'cost'"):
        result = rank(read_workbook(path))
    by_parent = result.priorities_by_parent
    assert not by_parent["cost"].consistent and by_parent[None].consistent
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"{path}: OK: 9 criteria, 7 alternatives; pairwise comparisons")
    revise = result.revisions()["sub-criteria of 'cost'"]
    assert lines[1:] == [
        "Consistency of each comparison matrix:",
        _cr_line("top-level criteria", by_parent[None]),
        _cr_line("sub-criteria of 'cost'", by_parent["cost"]),
        _cr_line("sub-criteria of 'effort'", by_parent["effort"]),
        "Judgments to revise first (the value that fits the other judgments, and the CR then):",
        "  sub-criteria of 'cost':",
        *[f"    {judgment}" for judgment in revise],
    ]
    assert "would give CR" in lines[-1]
    assert "INCONSISTENT" in lines[3] and lines[2].endswith(": consistent")
    assert "warning: 1 of 3 comparison matrices inconsistent" in captured.err


def test_validate_prints_the_cr_of_every_expert_and_alternatives_matrix(tmp_path, capsys):
    _, team = _team_workbook(tmp_path / "team.xlsx")
    circular = np.array([[1, 5, 1 / 5], [1 / 5, 1, 5], [5, 1 / 5, 1]])  # A > B > C > A
    problem = Problem(
        list(team.criteria),
        ["A", "B", "C"],
        [[8, 5], [6, 2], [9, 8]],
        experts=team.expert_comparisons,
        expert_weights=team.expert_weights.to_dict(),
        alternative_comparisons={"speed": circular},
    )
    path = write_template(tmp_path / "rated.xlsx", problem)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    with pytest.warns(ConsistencyWarning):
        result = rank(problem)
    experts, speed = result.group.experts, result.alternative_priorities["speed"]
    assert not speed.consistent
    assert captured.out.splitlines()[1:] == [
        "Consistency of each comparison matrix:",
        _cr_line("expert 'Quality manager'", experts["Quality manager"]),
        _cr_line("expert 'CEO'", experts["CEO"]),
        _cr_line("group matrix (experts' judgments combined)", result.group.group),
        _cr_line("alternatives under 'speed'", speed),
        "Judgments to revise first (the value that fits the other judgments, and the CR then):",
        "  alternatives under 'speed':",
        *[f"    {judgment}" for judgment in result.revisions()["alternatives under 'speed'"]],
    ]
    assert "warning: 1 of 4 comparison matrices inconsistent" in captured.err


def test_validate_prints_the_cr_of_every_expert_matrix_with_sub_criteria(monkeypatch, capsys):
    # A problem built in Python, handed to validate in place of a workbook.
    from mcda_iso import excel

    detailed = load_scenario("iso9001_detailed")
    own = detailed.comparisons
    other = {p: np.asarray(m, dtype=float) ** 1.5 for p, m in own.items()}  # stronger judgments
    team = detailed.replace(experts={"QM": own, "CEO": other}, expert_weights=[3, 1])
    monkeypatch.setattr(excel, "read_workbook", lambda path, strict_scale=False: team)
    assert main(["validate", "team.xlsx"]) == 0
    lines = capsys.readouterr().out.splitlines()
    groups = rank(team).group_by_parent
    assert lines[0].startswith("team.xlsx: OK: 9 criteria, 7 alternatives; 2 experts'")
    expected = ["Consistency of each comparison matrix:"]
    for parent, where in [
        (None, "on the top-level criteria"),
        ("cost", "on the sub-criteria of 'cost'"),
        ("effort", "on the sub-criteria of 'effort'"),
    ]:
        group = groups[parent]
        expected += [
            _cr_line(f"expert 'QM' {where}", group.experts["QM"]),
            _cr_line(f"expert 'CEO' {where}", group.experts["CEO"]),
            _cr_line(f"group matrix {where} (experts' judgments combined)", group.group),
        ]
    assert lines[1:] == expected
    # The experts' own matrices, not the group's: QM's are the scenario's.
    alone = rank(detailed).priorities_by_parent["cost"]
    assert groups["cost"].experts["QM"].cr == pytest.approx(alone.cr)
    assert groups[None].experts["CEO"].cr != pytest.approx(groups[None].experts["QM"].cr)


def test_docs_cli_md_shows_exactly_what_an_argument_error_prints(capsys):
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    block = text.split("```text\n$ ", 1)[1].split("```", 1)[0].splitlines()
    command, shown = block[0], block[1:]
    argv = [arg.strip('"') for arg in command.split()[1:]]  # mcda-iso rank X -o ""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 1
    assert capsys.readouterr().err.splitlines() == shown
    assert "the exit code is also 1" in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["report", "x.xlsx", "--concentration", "1e400"], "'1e400' is not a finite number"),
        (["sensitivity", "--uncertainty", "nan"], "'nan' is not a finite number"),
        (["sensitivity", "--concentration", "lots"], "'lots' is not a number"),
    ],
)
def test_monte_carlo_numbers_must_be_finite(args, says, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error:") and says in err and err.count("\n") == 1


def test_samples_are_bounded(capsys):
    assert main(["sensitivity", "--scenario", "iso9001", "--samples", str(10**20)]) == 1
    assert "'samples' must be at most 1,000,000,000" in capsys.readouterr().err


def test_every_commands_help_prints(capsys):
    """--help of every command formats (argparse expands % in help texts: a bare % fails)."""
    from mcda_iso.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    for command in commands:
        with pytest.raises(SystemExit) as stop:
            main([command, "--help"])
        assert stop.value.code == 0, command
        assert f"usage: mcda-iso {command}" in capsys.readouterr().out
