"""The answers ``assess`` works from: one validated :class:`Organisation`.

Every answer has a question, a range and a default, defined once in :data:`QUESTIONS`;
the dataclass, the answers file, the workbook's ``Organisation`` sheet, the command-line
options and the interactive interview all check answers against the same table, so an
answer out of range gets the same message wherever it was typed.

Examples
--------
>>> from mcda_iso.assessment import Organisation
>>> org = Organisation(employees=60, tender_share=40, tenders_require_certificate=True)
>>> org.sector, org.sites
('general', 1)
>>> Organisation(employees=0)
Traceback (most recent call last):
...
mcda_iso.errors.AssessmentError: employees must be a whole number from 1 to 1000000 (got 0): \
effective personnel, as certification bodies count them (full-time equivalents in the scope)
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mcda_iso.errors import AssessmentError, MCDAError, shorten

__all__ = [
    "GOALS",
    "PROFILES",
    "QUESTIONS",
    "SECTORS",
    "Organisation",
    "Question",
    "read_answers",
    "sheet_rows",
]

#: Sectors with a scheme that builds on ISO 9001 (criteria/assess/sector_schemes.toml).
SECTORS: tuple[str, ...] = ("general", "automotive", "aerospace", "medical-devices")

#: How developed the organisation's management system already is.
MATURITY: tuple[str, ...] = ("none", "informal", "documented")

#: The goals the pairwise judgments compare: the criteria's names, in the criteria's order.
GOALS: Mapping[str, str] = MappingProxyType(
    {
        "credibility": "credibility with customers, investors and buyers (due diligence)",
        "efficiency": "improve operations (less waste, rework, errors)",
        "market access": "win and keep customers and public tenders",
        "cost": "keep the cash cost low",
        "effort": "keep the staff time low",
    }
)

#: Profiles of the built-in scenario usable as a starting point for the goals.
PROFILES: tuple[str, ...] = (
    "balanced",
    "major-customer-supplier",
    "small-business",
    "operational-excellence",
)


@dataclass(frozen=True)
class Question:
    """One answer: its key, the question asked, its kind and its valid range.

    ``kind`` is one of ``"int"``, ``"number"``, ``"percent"`` (0-100), ``"yes/no"``,
    ``"choice"`` and ``"text"``. ``low``/``high`` bound numbers; ``choices`` lists the
    valid choices. ``default`` None means the answer is required (or, for the rates,
    that the model's illustrative default is used).
    """

    key: str
    prompt: str
    kind: str
    help: str = ""
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    default: Any = None

    def range_text(self) -> str:
        """The valid range in words, e.g. ``'a whole number from 1 to 1000000'``."""
        if self.kind == "int":
            return f"a whole number from {_plain(self.low)} to {_plain(self.high)}"
        if self.kind == "number":
            return f"a number from {_plain(self.low)} to {_plain(self.high)}"
        if self.kind == "percent":
            high = 100.0 if self.high is None else self.high
            return f"a percentage from 0 to {_plain(high)}"
        if self.kind == "yes/no":
            return "yes or no"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        return "text"

    def parse(self, value: Any) -> Any:
        """The answer converted and checked; raises :class:`AssessmentError` naming the key.

        Text answers (from a terminal, a sheet or an option) are converted: ``"12"``,
        ``"12.5"``, ``"40%"``, ``"yes"``/``"no"``.
        """
        got = shorten(value)
        message = f"{self.key} must be {self.range_text()} (got {got})"
        if self.help:
            message += f": {self.help}"
        if self.kind == "text":
            if not isinstance(value, str) or not value.strip():
                raise AssessmentError(f"{self.key} must be non-empty text (got {got})")
            return value.strip()
        if self.kind == "yes/no":
            if isinstance(value, bool):
                return value
            text = str(value).strip().casefold()
            if text in ("yes", "y", "true", "1"):
                return True
            if text in ("no", "n", "false", "0"):
                return False
            raise AssessmentError(message)
        if self.kind == "choice":
            text = str(value).strip().casefold()
            if text not in self.choices:
                raise AssessmentError(message)
            return text
        number = _number(value)
        if number is None:
            raise AssessmentError(message)
        low, high = self.low, self.high
        if self.kind == "percent":
            low, high = 0.0, 100.0 if high is None else high
        if not (low <= number <= high):
            raise AssessmentError(message)
        if self.kind == "int":
            if number != int(number):
                raise AssessmentError(message)
            return int(number)
        return float(number)


def _plain(x: float | None) -> str:
    return "" if x is None else str(int(x)) if float(x).is_integer() else f"{x:g}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


_RATE = 1_000_000.0

#: Every answer, in interview order.
QUESTIONS: tuple[Question, ...] = (
    Question("name", "Name of the organisation", "text", default="Our organisation"),
    Question(
        "employees",
        "Effective personnel (full-time equivalents within the scope of certification)",
        "int",
        "effective personnel, as certification bodies count them (full-time equivalents "
        "in the scope)",
        1,
        1_000_000,
    ),
    Question(
        "sites", "Number of sites", "int", "permanent sites in the scope", 1, 10_000, default=1
    ),
    Question(
        "sector",
        "Sector",
        "choice",
        "automotive, aerospace and medical-devices have their own schemes built on ISO 9001",
        choices=SECTORS,
        default="general",
    ),
    Question(
        "existing_system",
        "Management system today",
        "choice",
        "none; informal (some procedures and records); documented (a documented QMS is run)",
        choices=MATURITY,
        default="none",
    ),
    Question(
        "scheme_required",
        "Do your customers make the sector scheme's certificate (IATF 16949, EN/AS 9100, "
        "ISO 13485) a condition of doing business?",
        "yes/no",
        default=False,
    ),
    Question(
        "regulation_requires_certificate",
        "Does a law, licence or regulator require you to hold an ISO 9001 certificate?",
        "yes/no",
        default=False,
    ),
    Question(
        "customers_require_share",
        "Share of revenue (%) from customers who require a certified supplier",
        "percent",
        default=0.0,
    ),
    Question(
        "customers_prefer_share",
        "Share of revenue (%) from customers who prefer (but do not require) a certified supplier",
        "percent",
        default=0.0,
    ),
    Question("tender_share", "Share of revenue (%) won in public tenders", "percent", default=0.0),
    Question(
        "tenders_require_certificate",
        "Do those tenders ask for an ISO 9001 certificate (or an equivalent)?",
        "yes/no",
        default=False,
    ),
    Question(
        "customer_audits_per_year",
        "Customer (second-party) audits you undergo per year",
        "int",
        "audits by customers of your quality system",
        0,
        1000,
        default=0,
    ),
    Question(
        "customer_audit_days",
        "Person-days of your staff per customer audit",
        "number",
        "preparation, hosting and follow-up of one customer audit",
        0,
        100,
    ),
    Question("currency", "Currency of the figures", "text", default="EUR"),
    Question(
        "auditor_day_rate",
        "Certification body's rate per auditor day",
        "number",
        "from your certification body's quotation",
        1,
        _RATE,
    ),
    Question(
        "consultant_day_rate",
        "Consultant's rate per day",
        "number",
        "from your consultant's offer",
        0,
        _RATE,
    ),
    Question(
        "internal_day_cost",
        "Cost of one person-day of your staff",
        "number",
        "salary, social charges and overhead per day",
        0,
        _RATE,
    ),
    Question(
        "profile",
        "Goals: start from a profile",
        "choice",
        "balanced; major-customer-supplier; small-business; operational-excellence",
        choices=PROFILES,
        default="balanced",
    ),
)

_BY_KEY: Mapping[str, Question] = MappingProxyType({q.key: q for q in QUESTIONS})


@dataclass(frozen=True)
class Organisation:
    """The answers about one organisation, validated at construction.

    Parameters
    ----------
    employees : int
        Effective personnel as certification bodies count it (IAF MD 5): all personnel in
        the scope of certification on every shift, part-time staff as full-time equivalents.
    sites, sector, existing_system, ... :
        See :data:`QUESTIONS` for each answer's question, range and default. Shares are
        percentages of revenue (0-100). ``customer_audit_days`` and the three rates are
        None to use the model's documented defaults.
    judgments : tuple of (str, str, value)
        Pairwise judgments of the goals (criteria names in :data:`GOALS`), Saaty's 1-9
        scale: ``("market access", "cost", 3)`` means market access matters three times as
        much as cost. Empty: the ``profile``'s judgments are used.
    model : mapping
        Overrides of the model data, by file and key, e.g.
        ``{"cost_model": {"rates": {"auditor_day_rate": {"value": 1450}}}}``.

    Raises
    ------
    AssessmentError
        An answer is missing or out of range (the message names it and its range), or the
        revenue shares add up to more than 100 %.
    """

    employees: int
    name: str = "Our organisation"
    sites: int = 1
    sector: str = "general"
    existing_system: str = "none"
    scheme_required: bool = False
    regulation_requires_certificate: bool = False
    customers_require_share: float = 0.0
    customers_prefer_share: float = 0.0
    tender_share: float = 0.0
    tenders_require_certificate: bool = False
    customer_audits_per_year: int = 0
    customer_audit_days: float | None = None
    currency: str = "EUR"
    auditor_day_rate: float | None = None
    consultant_day_rate: float | None = None
    internal_day_cost: float | None = None
    profile: str = "balanced"
    judgments: tuple[tuple[str, str, float], ...] = ()
    model: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for item in fields(self):
            if item.name not in _BY_KEY:
                continue
            value = getattr(self, item.name)
            if value is None and _BY_KEY[item.name].default is None and item.name != "employees":
                continue
            if value is None:
                raise AssessmentError(
                    f"{item.name} is required: {_BY_KEY[item.name].prompt.lower()}"
                )
            object.__setattr__(self, item.name, _BY_KEY[item.name].parse(value))
        total = self.customers_require_share + self.customers_prefer_share + self.tender_share
        if total > 100 + 1e-9:
            raise AssessmentError(
                "customers_require_share + customers_prefer_share + tender_share must not "
                f"exceed 100 % of revenue (got {self.customers_require_share:g} + "
                f"{self.customers_prefer_share:g} + {self.tender_share:g} = {total:g}); count "
                "each customer's revenue in one share only"
            )
        object.__setattr__(self, "judgments", _judgments(self.judgments))
        if not isinstance(self.model, Mapping):
            raise AssessmentError(
                f"model overrides must be a table (got {type(self.model).__name__})"
            )
        object.__setattr__(self, "model", MappingProxyType(dict(self.model)))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "answers") -> Organisation:
        """Build from a mapping (an answers file's table); unknown keys are errors.

        Empty values (None or ``""``) mean "not answered": the default is used.
        """
        known = [f.name for f in fields(cls)]
        unknown = [k for k in data if k not in known]
        if unknown:
            raise AssessmentError(
                f"{where}: unknown answer {shorten(unknown[0])}; known answers: " + ", ".join(known)
            )
        given = {k: v for k, v in data.items() if v is not None and v != ""}
        if "employees" not in given:
            raise AssessmentError(
                f"{where}: employees is required: {_BY_KEY['employees'].prompt.lower()}"
            )
        try:
            return cls(**given)
        except AssessmentError as exc:
            raise AssessmentError(f"{where}: {exc}") from exc

    def answers(self) -> dict[str, Any]:
        """The answers of :data:`QUESTIONS` as a plain dict (None: the model's default)."""
        return {q.key: getattr(self, q.key) for q in QUESTIONS}


def _judgments(entries: Any) -> tuple[tuple[str, str, float], ...]:
    if not isinstance(entries, list | tuple):
        raise AssessmentError(
            "judgments must be a list of [goal, goal, value] entries, e.g. "
            f"[['market access', 'cost', 3]] (got {shorten(entries)})"
        )
    out: list[tuple[str, str, float]] = []
    seen: set[frozenset[str]] = set()
    for entry in entries:
        if not (isinstance(entry, list | tuple) and len(entry) == 3):
            raise AssessmentError(
                f"each goal judgment must be [goal, goal, value], e.g. "
                f"['market access', 'cost', 3] (got {shorten(entry)})"
            )
        row, col, value = entry
        for name in (row, col):
            if name not in GOALS:
                raise AssessmentError(
                    f"goal judgment {shorten(entry)} names unknown goal {shorten(name)}; "
                    f"goals: {', '.join(GOALS)}"
                )
        if row == col:
            raise AssessmentError(f"goal judgment {shorten(entry)} compares a goal with itself")
        from mcda_iso.scale import parse_judgment  # numpy: loaded only when judgments are given

        pair = frozenset((row, col))
        if pair in seen:
            raise AssessmentError(f"goals {row!r} and {col!r} are judged twice")
        seen.add(pair)
        try:
            number = parse_judgment(value)
        except MCDAError as exc:
            raise AssessmentError(f"goal judgment {row!r} vs {col!r}: {exc}") from exc
        if not (1 / 9 - 1e-9 <= number <= 9 + 1e-9):
            raise AssessmentError(
                f"goal judgment {row!r} vs {col!r} must be on Saaty's scale 1/9 .. 9 "
                f"(got {value!r})"
            )
        out.append((row, col, number))
    return tuple(out)


def read_answers(path: str | Path) -> Organisation:
    """Read answers from a ``.toml`` or ``.json`` file, or a workbook's Organisation sheet.

    The file holds the answers of :data:`QUESTIONS` as keys, optional ``judgments`` (a list
    of ``[goal, goal, value]``) and an optional ``model`` table overriding model data.

    Raises
    ------
    AssessmentError
        The file cannot be read, or an answer is unknown, missing or out of range (the
        message names the file and the answer).
    WorkbookError
        A workbook without an Organisation sheet, or a cell that cannot be read.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from mcda_iso.workbook.organisation import read_organisation_sheet

        return Organisation.from_mapping(read_organisation_sheet(path), f"{path.name}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AssessmentError(f"answers file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise AssessmentError(f"cannot read answers file {path}: {exc}") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        elif path.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        else:
            raise AssessmentError(f"answers file {path.name} must end in .toml, .json or .xlsx")
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AssessmentError(f"cannot read answers file {path.name}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise AssessmentError(f"answers file {path.name} must hold a table of answers")
    return Organisation.from_mapping(data, path.name)


def sheet_rows(org: Organisation) -> list[tuple[str, Any, str, str]]:
    """The answers as rows of the workbook's Organisation sheet.

    ``(answer, value, question, valid range)``: every answer of :data:`QUESTIONS`
    (yes/no as text, None left empty), then one ``judgment <goal> vs <goal>`` row per goal
    judgment and one ``model.<file>.<key>...`` row per model override.
    """
    from mcda_iso.workbook.organisation import JUDGMENT_PREFIX, MODEL_PREFIX

    rows: list[tuple[str, Any, str, str]] = []
    for q in QUESTIONS:
        value = getattr(org, q.key)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        rows.append((q.key, value, q.prompt, q.range_text()))
    for goal_a, goal_b, number in org.judgments:
        rows.append(
            (
                f"{JUDGMENT_PREFIX}{goal_a} vs {goal_b}",
                number,
                f"how much more {goal_a} matters than {goal_b}",
                "1/9 to 9 (Saaty's scale)",
            )
        )
    for key, value in _flatten(org.model, MODEL_PREFIX.rstrip(".")):
        rows.append((key, value, "override of the model data", ""))
    return rows


def _flatten(data: Any, prefix: str) -> list[tuple[str, Any]]:
    if not isinstance(data, Mapping):
        return [(prefix, data)]
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        out.extend(_flatten(value, f"{prefix}.{key}"))
    return out
