"""``mcda-iso assess``: options, answers files, workbook output, and the interview in a pty."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

import mcda_iso
from mcda_iso.cli import main


def test_assess_from_options_prints_the_ranking_costs_and_explanation(tmp_path, capsys):
    out = tmp_path / "tenders.xlsx"
    code = main(
        [
            "assess",
            "--name",
            "Tender Ltd",
            "--employees",
            "60",
            "--tender-share",
            "50",
            "--tenders-require-certificate",
            "--output",
            str(out),
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "Is ISO 9001 worth it for Tender Ltd? (60 effective personnel)" in text
    assert "Recommendation: ISO 9001 certification" in text
    assert "Costs over one three-year certification cycle (EUR" in text
    assert "2014/24/EU Art. 62" in text
    assert out.is_file()
    again = mcda_iso.assess(out)
    assert again.organisation.tender_share == 50.0
    assert again.organisation.tenders_require_certificate is True


def test_assess_lists_the_screened_out_alternatives_with_reasons(capsys):
    code = main(
        ["assess", "--employees", "300", "--sector", "automotive", "--scheme-required", "yes"]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "Screened out:" in text
    assert "  Lean: market access is 0, below the minimum of 1" in text


def test_assess_answers_file_with_an_option_replacing_one_answer(tmp_path, capsys):
    answers = tmp_path / "a.toml"
    answers.write_text('employees = 10\nprofile = "small-business"\n', encoding="utf-8")
    assert main(["assess", "--answers", str(answers), "--employees", "2000"]) == 0
    assert "(2000 effective personnel)" in capsys.readouterr().out


def test_assess_goal_judgments_as_options(capsys):
    pairs = [
        ("cost", "credibility", "9"),
        ("cost", "efficiency", "9"),
        ("cost", "market access", "9"),
        ("cost", "effort", "3"),
        ("effort", "credibility", "5"),
        ("effort", "efficiency", "5"),
        ("effort", "market access", "5"),
        ("credibility", "efficiency", "1"),
        ("credibility", "market access", "1"),
        ("efficiency", "market access", "1"),
    ]
    argv = ["assess", "--employees", "30"]
    for pair in pairs:
        argv += ["--judgment", *pair]
    assert main(argv) == 0
    assert "Recommendation: Status quo" in capsys.readouterr().out


def test_assess_monte_carlo(capsys):
    assert main(["assess", "--employees", "60", "--monte-carlo", "1000", "--seed", "4"]) == 0
    text = capsys.readouterr().out
    assert "Monte Carlo (1000 samples, performance ±40%, seed 4)" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["assess"], "give the answers: --answers FILE, --interactive, or at least --employees N"),
        (
            ["assess", "--employees", "0"],
            "options: employees must be a whole number from 1 to 1000000 (got '0')",
        ),
        (
            ["assess", "--employees", "5", "--tender-share", "120"],
            "tender_share must be a percentage from 0 to 100 (got '120')",
        ),
        (
            ["assess", "--employees", "5", "--scheme-required", "perhaps"],
            "scheme_required must be yes or no (got 'perhaps')",
        ),
        (["assess", "--interactive", "--employees", "5"], "--interactive asks every answer"),
        (["assess", "--answers", "nowhere.toml"], "answers file not found: nowhere.toml"),
    ],
)
def test_assess_errors_are_one_line_and_exit_1(argv, message, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error: ")
    assert message in err


def test_assess_refuses_to_overwrite_a_workbook(tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["assess", "--employees", "5", "--output", str(out)]) == 0
    capsys.readouterr()
    assert main(["assess", "--employees", "5", "--output", str(out)]) == 1
    assert "exists" in capsys.readouterr().err
    assert main(["assess", "--employees", "5", "--output", str(out), "--force"]) == 0


# -- the interactive interview under a pseudo-terminal ----------------------------------------


class Terminal:
    """A child process on a pseudo-terminal; expect() waits for text, send() types a line."""

    def __init__(self, argv: list[str]) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave)
        os.close(slave)
        self.seen = ""
        self.pos = 0

    def _read(self, deadline: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not chunk:
            return False
        self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, text: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.pos :]:
            if time.monotonic() > deadline or not self._read(deadline):
                raise AssertionError(f"never saw {text!r}; got:\n{self.seen[self.pos :]}")
        found = self.seen.index(text, self.pos)
        before = self.seen[self.pos : found]
        self.pos = found + len(text)
        return before

    def send(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    def finish(self, timeout: float = 60.0) -> int:
        deadline = time.monotonic() + timeout
        while self._read(deadline):
            pass
        code = self.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        os.close(self.master)
        return code


def test_interactive_interview_in_a_terminal(tmp_path):
    out = tmp_path / "interview.xlsx"
    term = Terminal(
        [sys.executable, "-m", "mcda_iso", "assess", "--interactive", "--output", str(out)]
    )
    try:
        term.expect("Name of the organisation")
        term.send("Pty Works")
        term.expect("Effective personnel")
        term.send("0")  # out of range: the message, then the same question again
        term.expect("employees must be a whole number from 1 to 1000000 (got '0')")
        term.expect("Effective personnel")
        term.send("25")
        term.expect("Number of sites")
        term.send("")
        term.expect("Sector (one of general, automotive, aerospace, medical-devices")
        term.send("railway")
        term.expect("sector must be one of general, automotive, aerospace, medical-devices")
        term.send("automotive")
        term.expect("Management system today")
        term.send("informal")
        term.expect("sector scheme's certificate")
        term.send("no")
        term.expect("law, licence or regulator")
        term.send("")
        term.expect("customers who require a certified supplier")
        term.send("150")
        term.expect("customers_require_share must be a percentage from 0 to 100 (got '150')")
        term.send("30")
        term.expect("prefer (but do not require)")
        term.send("80")  # with 30 % requiring, at most 70 % can prefer
        term.expect("customers_prefer_share must be a percentage from 0 to 70 (got '80')")
        term.send("10")
        term.expect("won in public tenders")
        term.send("20")
        term.expect("Do those tenders ask for an ISO 9001 certificate")
        term.send("yes")
        term.expect("Customer (second-party) audits")
        term.send("2")
        for prompt in (
            "Person-days of your staff",
            "Currency",
            "auditor day",
            "Consultant",
            "Cost",
        ):
            term.expect(prompt)
            term.send("")
        term.expect("Start from a profile")
        term.send("pairs")
        term.expect("How much more does 'credibility' matter than 'efficiency'?")
        term.send("x")
        term.expect("a judgment must be a number such as 3 or 1/3 (got 'x')")
        term.send("1")
        answers = ["1/2", "3", "3", "1/2", "3", "3", "5", "5", "1"]
        for value in answers:
            term.expect("How much more does")
            term.send(value)
        term.expect("consistency ratio so far:")
        term.expect("Recommendation:")
        term.expect("wrote")
        assert term.finish() == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    org = mcda_iso.assess(out).organisation
    assert (org.name, org.employees, org.sector, org.existing_system) == (
        "Pty Works",
        25,
        "automotive",
        "informal",
    )
    assert (org.customers_require_share, org.customers_prefer_share, org.tender_share) == (
        30.0,
        10.0,
        20.0,
    )
    assert len(org.judgments) == 10
    assert ("credibility", "market access", 0.5) in org.judgments


def test_interview_ending_early_is_an_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mcda_iso", "assess", "--interactive"],
        input="Acme\n12\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "the interview ended before every answer was given (at sites)" in proc.stderr


def test_the_assess_parser_loads_neither_numpy_nor_pandas():
    code = (
        "import sys\n"
        "from mcda_iso.cli import build_parser\n"
        "build_parser().parse_args(['assess', '--employees', '5'])\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'openpyxl') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
