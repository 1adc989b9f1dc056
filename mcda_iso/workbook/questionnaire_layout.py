"""The layout of a questionnaire, shared by its writer and its reader.

Where everything is (sheets, rows, columns, the identity sheet's rows), which
questions are asked (:func:`question_sets`, in :func:`question_order`), their 17
answers in words (:func:`answer_options`) and the judgment each means
(:func:`answer_value`), and the survey id that ties the questionnaires of one
decision together (:func:`survey_id`). Defined once here, so that
:mod:`~mcda_iso.workbook.questionnaire` (writing) and
:mod:`~mcda_iso.workbook.questionnaire_reader` (reading) cannot disagree.

Examples
--------
>>> from mcda_iso import load_scenario
>>> [s.sheet for s in question_sets(load_scenario("iso9001"))]
['Criteria']
>>> answer_options("cost", "quality")[4]
'cost is strongly more important (5)'
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mcda_iso import i18n
from mcda_iso.errors import ProblemError
from mcda_iso.i18n import N_
from mcda_iso.problem import Problem

__all__ = [
    "FIRST_ROW",
    "FORMAT",
    "IDENTITY_SHEET",
    "START_SHEET",
    "QuestionSet",
    "answer_options",
    "answer_position",
    "answer_position_of",
    "answer_text",
    "answer_value",
    "identity_rows",
    "question_order",
    "question_sets",
    "survey_id",
]

#: The format tag in the identity sheet's B1 (a questionnaire is recognised by it).
FORMAT = "mcda_iso questionnaire 1"
#: The hidden, protected sheet holding the decision's identity.
IDENTITY_SHEET = "_survey"
#: The expert's instructions, first sheet of the workbook.
START_SHEET = "Start here"

# Question sheets: headers on row 4, one question per row from row 5.
HEADER_ROW = 4
FIRST_ROW = 5
COL_NUMBER, COL_A, COL_ANSWER, COL_B, COL_ABOUT_A, COL_ABOUT_B = 1, 2, 3, 4, 5, 6
PANEL_COL = 8  # the live feedback, columns H and I (J, K for the answers out of line)

# Identity sheet rows (column A: label, B onwards: values).
ROW_FORMAT, ROW_ID, ROW_TITLE, ROW_EXPERT, ROW_TEAM = 1, 2, 3, 4, 5
ROW_ALTERNATIVES, ROW_CRITERIA, ROW_PARENTS, ROW_RATED = 6, 7, 8, 9
ROW_SETS = 11  # one row per question sheet: number, kind, subject, sheet, members...

_WORDS = (
    "extremely",
    "very strongly to extremely",
    "very strongly",
    "strongly to very strongly",
    "strongly",
    "moderately to strongly",
    "moderately",
    "equally to moderately",
)
_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\'"})

# The 17 answers (mcda_iso.i18n: one message per step, the name a placeholder), by verb:
# "a is extremely more important (9)" ... "a is equally to moderately ... (2)", then "both".
_ANSWERS = {
    "important": (
        N_("answer", "{name} is extremely more important (9)"),
        N_("answer", "{name} is very strongly to extremely more important (8)"),
        N_("answer", "{name} is very strongly more important (7)"),
        N_("answer", "{name} is strongly to very strongly more important (6)"),
        N_("answer", "{name} is strongly more important (5)"),
        N_("answer", "{name} is moderately to strongly more important (4)"),
        N_("answer", "{name} is moderately more important (3)"),
        N_("answer", "{name} is equally to moderately more important (2)"),
        N_("answer", "both are equally important (1)"),
    ),
    "good": (
        N_("answer", "{name} is extremely better (9)"),
        N_("answer", "{name} is very strongly to extremely better (8)"),
        N_("answer", "{name} is very strongly better (7)"),
        N_("answer", "{name} is strongly to very strongly better (6)"),
        N_("answer", "{name} is strongly better (5)"),
        N_("answer", "{name} is moderately to strongly better (4)"),
        N_("answer", "{name} is moderately better (3)"),
        N_("answer", "{name} is equally to moderately better (2)"),
        N_("answer", "both are equally good (1)"),
    ),
}


@dataclass(frozen=True)
class QuestionSet:
    """The questions of one comparison matrix: one sheet of a questionnaire.

    Attributes
    ----------
    number : int
        1 for the first question sheet, 2, 3, ... for the next (the defined names
        ``Weights``/``CR`` for 1, ``Weights_<number>``/``CR_<number>`` otherwise).
    kind : {"criteria", "sub-criteria", "alternatives"}
        What is compared.
    subject : str or None
        The parent of the sub-criteria, or the criterion the alternatives are
        compared under; None for the top-level criteria.
    sheet : str
        The sheet's title.
    names : tuple of str
        The items compared, in the problem's order.
    descriptions : tuple of str
        Their descriptions ("" when none).
    pairs : tuple of (int, int)
        The questions in the order asked: ``(i, j)`` asks "names[i] or names[j]?"
        with ``i < j`` (see :func:`question_order`).
    """

    number: int
    kind: str
    subject: str | None
    sheet: str
    names: tuple[str, ...]
    descriptions: tuple[str, ...]
    pairs: tuple[tuple[int, int], ...]

    @property
    def weights_name(self) -> str:
        """The defined name of the weight cells (``Weights`` or ``Weights_<number>``)."""
        return "Weights" if self.number == 1 else f"Weights_{self.number}"

    @property
    def cr_name(self) -> str:
        """The defined name of the consistency-ratio cell (``CR`` or ``CR_<number>``)."""
        return "CR" if self.number == 1 else f"CR_{self.number}"

    @property
    def key(self) -> str | None:
        """The key of this matrix in ``answers`` (None: top-level criteria)."""
        return self.subject

    @property
    def label(self) -> str:
        """The matrix in words, for messages and printed summaries."""
        if self.kind == "criteria":
            return "the criteria"
        if self.kind == "sub-criteria":
            return f"the sub-criteria of {self.subject!r}"
        return f"the alternatives on {self.subject!r}"

    @property
    def verb(self) -> str:
        """How the answers compare: ``"important"`` (criteria) or ``"good"`` (alternatives)."""
        return "good" if self.kind == "alternatives" else "important"


def question_order(n: int) -> tuple[tuple[int, int], ...]:
    """All pairs of ``n`` items, ordered so that every item recurs evenly.

    The circle method of round-robin tournaments: in each round every item
    appears (at most) once, so no item is asked about many times in a row.
    Each pair is returned as ``(i, j)`` with ``i < j``.

    Examples
    --------
    >>> question_order(4)
    ((0, 3), (1, 2), (0, 2), (1, 3), (0, 1), (2, 3))
    >>> len(question_order(5)) == 5 * 4 // 2
    True
    """
    items: list[int | None] = list(range(n))
    if n % 2:
        items.append(None)  # a bye
    m = len(items)
    out: list[tuple[int, int]] = []
    for _ in range(m - 1):
        for k in range(m // 2):
            a, b = items[k], items[m - 1 - k]
            if a is not None and b is not None:
                out.append((min(a, b), max(a, b)))
        items = [items[0], items[-1], *items[1:-1]]
    return tuple(out)


def answer_options(a: str, b: str, verb: str = "important") -> tuple[str, ...]:
    """The 17 answers of a question "a or b?", from "a extremely more" to "b extremely more".

    Position ``p`` (1-based) means the judgment :func:`answer_value` ``(p)`` of
    ``a`` over ``b``. ``verb``: ``"important"`` for criteria, ``"good"`` for
    alternatives (which then read "a is strongly better").

    Examples
    --------
    >>> options = answer_options("cost", "quality")
    >>> options[0], options[8], options[-1]
    ('cost is extremely more important (9)', 'both are equally important (1)', \
'quality is extremely more important (9)')
    >>> answer_options("Lean", "TQM", "good")[4]
    'Lean is strongly better (5)'
    """
    if verb in _ANSWERS:  # in the language in force (mcda_iso.i18n)
        *steps, equal = (i18n.pgettext("answer", m) for m in _ANSWERS[verb])
        left = [m.format(name=a) for m in steps]
        right = [m.format(name=b) for m in steps]
        return (*left, equal, *reversed(right))
    more = "better" if verb == "good" else f"more {verb}"
    left = [f"{a} is {w} {more} ({9 - k})" for k, w in enumerate(_WORDS)]
    right = [f"{b} is {w} {more} ({9 - k})" for k, w in enumerate(_WORDS)]
    return (*left, f"both are equally {verb} (1)", *reversed(right))


def answer_position_of(text: str, a: str, b: str, verb: str = "important") -> int | None:
    """The position (1..17) of an answer of "a or b?" written in any language, else None.

    The language in force is tried first, then every other (a questionnaire written in
    German is read back under any language).

    Examples
    --------
    >>> answer_position_of("cost is strongly more important (5)", "cost", "quality")
    5
    >>> answer_position_of("quality ist erheblich wichtiger (5)", "cost", "quality")
    13
    >>> answer_position_of("cost is important", "cost", "quality") is None
    True
    """
    for language in (i18n.current(), *i18n.LANGUAGES):
        with i18n.using(language):
            options = answer_options(a, b, verb)
        if text in options:
            return options.index(text) + 1
    return None


def answer_value(position: int) -> float:
    """The judgment of the answer at ``position`` (1..17) of :func:`answer_options`.

    Examples
    --------
    >>> answer_value(1), answer_value(9), answer_value(13)
    (9.0, 1.0, 0.2)
    """
    return float(10 - position) if position <= 9 else 1.0 / (position - 8)


def answer_position(value: float) -> int | None:
    """The answer position (1..17) of a judgment on Saaty's scale, None if off the scale.

    Examples
    --------
    >>> answer_position(9), answer_position(1 / 3), answer_position(2.5)
    (1, 11, None)
    """
    for p in range(1, 18):
        if math.isclose(value, answer_value(p), rel_tol=1e-6):
            return p
    return None


def answer_text(qset: QuestionSet, i: int, j: int, value: float) -> str:
    """The answer (in words) nearest the judgment ``value`` of ``names[i]`` over ``names[j]``.

    Examples
    --------
    >>> from mcda_iso import load_scenario
    >>> qset = question_sets(load_scenario("iso9001"))[0]
    >>> answer_text(qset, 3, 0, 5)
    'cost is strongly more important (5)'
    """
    a, b = (i, j) if i < j else (j, i)
    v = value if i < j else 1.0 / value
    options = answer_options(qset.names[a], qset.names[b], qset.verb)
    position = min(range(1, 18), key=lambda p: abs(math.log(answer_value(p)) - math.log(v)))
    return options[position - 1]


def _sheet_title(prefix: str, used: set[str]) -> str:
    title = prefix.translate(_TITLE_FORBIDDEN)[:31]
    k = 2
    while title.casefold() in used:
        tail = f" ({k})"
        title = prefix.translate(_TITLE_FORBIDDEN)[: 31 - len(tail)] + tail
        k += 1
    used.add(title.casefold())
    return title


def question_sets(problem: Problem) -> tuple[QuestionSet, ...]:
    """Every comparison matrix an expert is asked about, as question sheets.

    The top-level criteria, each set of two or more sub-criteria (in criteria
    order), then the alternatives under each criterion the problem rates by
    pairwise comparisons of the alternatives.

    Raises
    ------
    ProblemError
        If there is nothing to compare (a single criterion, no pairwise-rated one).
    """
    tree = problem.hierarchy
    about = {c.name: c.description for c in problem.all_criteria}
    used = {START_SHEET.casefold(), IDENTITY_SHEET.casefold()}
    specs: list[tuple[str, str | None, tuple[str, ...], tuple[str, ...], str]] = []
    for parent in tree.groups:
        kids = tree.children(parent)
        if len(kids) < 2:
            continue
        kind = "criteria" if parent is None else "sub-criteria"
        specs.append((kind, parent, kids, tuple(about[k] for k in kids), ""))
    rated = problem.alternative_comparisons or {}
    alts = problem.alternative_names
    if len(alts) >= 2:
        alt_about = tuple(a.description for a in problem.alternatives)
        for crit in problem.criterion_names:
            if crit in rated:
                specs.append(("alternatives", crit, alts, alt_about, ""))
    if not specs:
        raise ProblemError(
            "there is nothing to ask: a questionnaire needs two or more criteria (or sub-criteria, "
            "or alternatives compared pairwise) to compare"
        )
    sets = []
    counters = {"sub-criteria": 0, "alternatives": 0}
    for number, (kind, subject, names, descriptions, _) in enumerate(specs, start=1):
        if kind == "criteria":
            prefix = "Criteria"
        else:
            counters[kind] += 1
            prefix = f"{'Sub-criteria' if kind == 'sub-criteria' else 'Alternatives'} "
            prefix += str(counters[kind])
        sets.append(
            QuestionSet(
                number=number,
                kind=kind,
                subject=subject,
                sheet=_sheet_title(prefix, used),
                names=names,
                descriptions=descriptions,
                pairs=question_order(len(names)),
            )
        )
    return tuple(sets)


def identity_rows(
    title: str, problem: Problem, sets: Sequence[QuestionSet]
) -> dict[str, list[Any]]:
    """What identifies the survey (the survey id is a hash of it)."""
    return {
        "title": [title],
        "alternatives": list(problem.alternative_names),
        "criteria": [c.name for c in problem.all_criteria],
        "parents": [c.parent or "" for c in problem.all_criteria],
        "rated": [
            c for c in problem.criterion_names if c in (problem.alternative_comparisons or {})
        ],
        "sets": [[s.number, s.kind, s.subject or "", s.sheet, *s.names] for s in sets],
    }


def survey_id(identity: Mapping[str, Any]) -> str:
    """A short hash of the survey's identity (title, criteria, alternatives, sheets).

    Examples
    --------
    >>> survey_id({"title": ["x"]}) == survey_id({"title": ["x"]})
    True
    """
    text = json.dumps(identity, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
