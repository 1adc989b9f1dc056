"""Tests for mcda_iso/cli.py: the example and profiles commands, errors, python -m."""

import subprocess
import sys

import pytest

from mcda_iso import list_profiles
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
    assert "Recommended:" in capsys.readouterr().out


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


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["example", "--method", "electre"])
    assert exc.value.code == 2


def test_python_dash_m():
    proc = subprocess.run(
        [sys.executable, "-m", "mcda_iso", "profiles"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("balanced\t")
