"""Names as the user gave them and as they are matched: one spelling per name.

Criteria, alternatives and experts are named by people, in several programs; the same
name may arrive in two Unicode forms or with stray spaces. :func:`canonical_name` is the
one spelling every name is stored and matched in, and the helpers here word the messages
when a name is unknown, empty or given twice.

Examples
--------
>>> canonical_name("  Cafe\u0301 ") == "Caf\u00e9"
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from mcda_iso.errors import ProblemError, shorten

__all__ = ["canonical_name"]


def canonical_name(name: object) -> str:
    """The form a name is stored and matched in: Unicode NFC, surrounding spaces removed.

    Two spellings of one name that look identical (``"é"`` typed as one character, or as
    ``"e"`` and a combining accent, as some systems store it) are one name: criteria,
    alternatives and experts are stored under this form, and every name given to match
    them (weights, requirements, comparison labels, judgments) is read through it.

    Examples
    --------
    >>> canonical_name(" Qualite\u0301 ") == canonical_name("Qualit\u00e9")
    True
    """
    return unicodedata.normalize("NFC", str(name)).strip()


def _listing(names: Iterable[object], most: int = 20) -> str:
    """``['a', 'b', ...]`` for a message: each name shortened, at most ``most`` of them."""
    names = list(names)
    shown = ", ".join(shorten(n) for n in names[:most])
    more = f", … {len(names) - most:,} more" if len(names) > most else ""
    return f"[{shown}{more}]"


def _canonical_keys(
    mapping: Mapping[Any, Any] | pd.Series, what: str, error: type[ProblemError] = ProblemError
) -> dict[Any, Any]:
    """``mapping`` keyed by :func:`canonical_name` (None stays None), refusing two keys
    that are spellings of one name."""
    out: dict[Any, Any] = {}
    spelled: dict[Any, Any] = {}
    pairs = mapping.items() if isinstance(mapping, pd.Series) else dict(mapping).items()
    for key, value in pairs:  # a Series may repeat a label, which dict() would hide
        name = None if key is None else canonical_name(key)
        if name in out and spelled[name] == key:
            raise error(f"{what} name {shorten(key)} twice; give it once")
        if name in out:
            raise error(
                f"{what} name {shorten(spelled[name])} and {shorten(key)}: two spellings of "
                "one name (they differ only in Unicode composition or surrounding spaces); "
                "give it once"
            )
        out[name], spelled[name] = value, key
    return out


def _near(name: object, known: Iterable[str]) -> str:
    """``"; did you mean 'x'? (...)"`` when ``name`` differs from a known name only in letter
    case, inner spaces or Unicode compatibility forms (a ligature, full-width letters),
    which a message quoting both would not make visible; else ``""``."""
    if not isinstance(name, str):
        return ""

    def loose(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    target = loose(name)
    for other in known:
        if loose(other) != target:
            continue
        a, b = unicodedata.normalize("NFKC", name), unicodedata.normalize("NFKC", other)
        spaced_a, spaced_b = " ".join(a.split()), " ".join(b.split())
        parts = [
            label
            for label, differs in (
                ("letter case", spaced_a != spaced_b),
                ("spaces", spaced_a != a or spaced_b != b),
                (
                    "Unicode compatibility characters (a ligature, full-width letters)",
                    (a, b) != (name, other),
                ),
            )
            if differs
        ]
        return f"; did you mean {shorten(other)}? (the two differ only in {' and '.join(parts)})"
    return ""


def _check_name(name: object, what: str) -> str:
    if not isinstance(name, str):
        raise ProblemError(f"{what} name must be text (got {shorten(name)})")
    stripped = canonical_name(name)
    if not stripped:
        raise ProblemError(f"{what} name must not be empty (got {shorten(name)})")
    return stripped


def _check_text(value: object, field: str, owner: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProblemError(f"{field} of {shorten(owner)} must be text (got {shorten(value)})")
    return value
