"""The interactive interview of ``mcda-iso assess --interactive``.

One question at a time, each with its valid range and default; a wrong answer gets the
same message as in an answers file and the question again. The goals are a profile or
ten pairwise judgments, with the consistency ratio shown after each judgment.

The interview talks through two functions, ``ask`` (shows a prompt, returns the typed
line) and ``say`` (shows a line), so it runs in a terminal (``input``/``print``) and in
tests alike.

Examples
--------
>>> answers = iter(["Acme", "12", "", "", "", "", "40", "0", "0", "", "", "", "", "", "",
...                 "small-business"])
>>> org = interview(ask=lambda prompt: next(answers), say=lambda line: None)
>>> org.name, org.employees, org.customers_require_share, org.profile
('Acme', 12, 40.0, 'small-business')
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from mcda_iso import ahp
from mcda_iso.assessment.answers import GOALS, PROFILES, QUESTIONS, Organisation, Question
from mcda_iso.assessment.data import load_model
from mcda_iso.errors import AssessmentError, ConsistencyWarning, MCDAError
from mcda_iso.scale import parse_judgment

__all__ = ["interview", "live_consistency"]

#: Answers whose default is a figure of the model data (shown in the prompt).
_MODEL_DEFAULTS = (
    "customer_audit_days",
    "auditor_day_rate",
    "consultant_day_rate",
    "internal_day_cost",
)

Ask = Callable[[str], str]
Say = Callable[[str], object]


def _ask(ask: Ask, prompt: str, key: str) -> str:
    try:
        return ask(prompt)
    except EOFError as exc:
        raise AssessmentError(
            f"the interview ended before every answer was given (at {key})"
        ) from exc


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def _question(
    q: Question, ask: Ask, say: Say, high: float | None = None, model_default: Any = None
) -> Any:
    """Ask one question until its answer is valid; blank takes the default."""
    if high is not None:
        q = Question(q.key, q.prompt, q.kind, q.help, q.low, high, q.choices, q.default)
    default = q.default
    hint = f"{q.range_text()}" + (f"; Enter for {_shown(default)}" if default is not None else "")
    if default is None and model_default is not None:
        hint += f"; Enter for the model's illustrative {_shown(model_default)}"
    while True:
        text = _ask(ask, f"{q.prompt} ({hint}): ", q.key).strip()
        if not text:
            if default is not None or q.key != "employees":
                return default
            say(f"  {q.key} is required: {q.help}")
            continue
        try:
            return q.parse(text)
        except AssessmentError as exc:
            say(f"  {exc}")


def live_consistency(matrix: np.ndarray) -> str:
    """The consistency ratio of the judgments so far, in words ('' until they connect)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConsistencyWarning)
            found = ahp.priorities(matrix, names=list(GOALS))
    except MCDAError:
        return ""
    verdict = "consistent" if found.consistent else f"above the threshold {found.threshold:g}"
    return f"consistency ratio so far: {found.cr:.3f} ({verdict})"


def _judgments(ask: Ask, say: Say) -> tuple[tuple[str, str, float], ...]:
    names = list(GOALS)
    while True:
        matrix = np.full((len(names), len(names)), np.nan)
        np.fill_diagonal(matrix, 1.0)
        out = []
        for a, b in itertools.combinations(names, 2):
            prompt = (
                f"How much more does '{a}' matter than '{b}'? (1 to 9, or 1/3 .. 1/9 if "
                f"'{b}' matters more; Enter for 1, equal): "
            )
            while True:
                text = _ask(ask, prompt, f"judgment {a} vs {b}").strip() or "1"
                try:
                    value = parse_judgment(text)
                except MCDAError as exc:
                    say(f"  {exc}")
                    continue
                if not (1 / 9 - 1e-9 <= value <= 9 + 1e-9):
                    say(f"  a judgment must be between 1/9 and 9 on Saaty's scale (got {text})")
                    continue
                break
            i, j = names.index(a), names.index(b)
            matrix[i, j], matrix[j, i] = value, 1 / value
            out.append((a, b, value))
            live = live_consistency(matrix)
            if live:
                say(f"  {live}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConsistencyWarning)
            final = ahp.priorities(matrix, names=names)
        if final.consistent:
            return tuple(out)
        keep = _question(
            Question(
                "keep",
                f"The judgments are inconsistent (CR {final.cr:.3f} > {final.threshold:g}). "
                "Keep them anyway?",
                "yes/no",
                default=False,
            ),
            ask,
            say,
        )
        if keep:
            return tuple(out)
        say("Judge the pairs again.")


def interview(ask: Ask = input, say: Say = print) -> Organisation:
    """Ask every answer of :data:`~mcda_iso.assessment.answers.QUESTIONS` and return them.

    Raises
    ------
    AssessmentError
        The input ended (end of file) before every answer was given.
    """
    say("Is ISO 9001 worth it for us? Answer each question; Enter keeps the default.")
    rates = load_model().cost["rates"]
    defaults = {key: rates[key]["value"] for key in _MODEL_DEFAULTS}
    answers: dict[str, Any] = {}
    for q in QUESTIONS:
        if q.key == "profile":
            continue
        if q.key == "scheme_required" and answers.get("sector") == "general":
            continue
        if q.key == "tenders_require_certificate" and not answers.get("tender_share"):
            continue
        high = None
        if q.key in ("customers_prefer_share", "tender_share"):
            used = answers.get("customers_require_share", 0.0)
            if q.key == "tender_share":
                used += answers.get("customers_prefer_share", 0.0)
            high = 100.0 - used
        answers[q.key] = _question(q, ask, say, high, defaults.get(q.key))
    say("Goals: " + "; ".join(f"{k}: {v}" for k, v in GOALS.items()) + ".")
    choice = _question(
        Question(
            "goals",
            "Start from a profile, or type 'pairs' to judge the goals pair by pair",
            "choice",
            choices=(*PROFILES, "pairs"),
            default="balanced",
        ),
        ask,
        say,
    )
    if choice == "pairs":
        answers["judgments"] = _judgments(ask, say)
    else:
        answers["profile"] = choice
    return Organisation.from_mapping(answers, "interview")
