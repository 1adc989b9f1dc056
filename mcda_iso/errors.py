"""The exception tree of mcda_iso.

Every error the library raises on purpose derives from :class:`MCDAError`,
which is itself a :class:`ValueError`, so ``except ValueError`` in user code
keeps working::

    ValueError
    └── MCDAError                  anything mcda_iso rejects
        ├── ProblemError           an invalid problem definition (names, shapes, values)
        │   ├── ComparisonError    an invalid pairwise-comparison matrix
        │   └── RequirementError   invalid requirements, or no alternative meets them
        ├── MethodError            a method cannot be applied to this data
        ├── ScenarioError          a scenario file or profile cannot be loaded
        ├── AssessmentError        an answer of ``assess`` is out of range, or its model data is bad
        └── WorkbookError          a workbook cannot be read or written (.sheet, .cell, .errors)

Warnings: :class:`ConsistencyWarning` (a ``UserWarning``) when a comparison
matrix is above its consistency-ratio threshold; :class:`WorkbookWarning` (a
``UserWarning``) when a workbook value was read in a way its author may not expect
(the date a spreadsheet made of ``1/3`` read as the fraction 1/3), with its cell.

Messages quote the names and values they are about through :func:`shorten`, so that a
name of ten thousand characters (or a pasted list) cannot fill a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AssessmentError",
    "ComparisonError",
    "ConsistencyWarning",
    "MCDAError",
    "MethodError",
    "ProblemError",
    "RequirementError",
    "ScenarioError",
    "WorkbookError",
    "WorkbookWarning",
    "shorten",
]

#: How many characters of a quoted name or value a message shows (see :func:`shorten`).
SHORTEN_LIMIT = 80


def shorten(value: object, limit: int = SHORTEN_LIMIT) -> str:
    """``repr(value)`` for a message, cut to its first ``limit`` characters when longer.

    A cut text ends with ``…`` and says how long the whole was, so a user can still tell
    which name is meant and that it is the one that is too long.

    Parameters
    ----------
    value : object
        A name (``str``) or any value echoed in a message.
    limit : int
        The most characters of the representation shown.

    Returns
    -------
    str

    Examples
    --------
    >>> shorten("market access")
    "'market access'"
    >>> shorten("x" * 10_000, limit=10)
    "'xxxxxxxxx…' (10,000 characters)"
    >>> shorten([1.5, 2]), shorten(list(range(100)), limit=12)
    ('[1.5, 2]', '[0, 1, 2, 3… (390 characters)')
    """
    limit = max(int(limit), 2)
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[: limit - 1] + '…'!r} ({len(value):,} characters)"
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)"


class MCDAError(ValueError):
    """Root of every error mcda_iso raises on purpose."""


class ProblemError(MCDAError):
    """A decision problem is badly defined (names, shapes, values, weights)."""


class ComparisonError(ProblemError):
    """A pairwise-comparison matrix is not square, positive, unit-diagonal or reciprocal."""


class RequirementError(ProblemError):
    """Requirements are malformed, or no alternative satisfies them."""


class MethodError(MCDAError):
    """A method cannot be applied to the data given (e.g. nothing discriminates)."""


class ScenarioError(MCDAError):
    """A scenario file or one of its profiles cannot be found or is malformed."""


class AssessmentError(MCDAError):
    """An answer to the ``assess`` interview is missing or out of range, or model data is bad."""


class WorkbookError(MCDAError):
    """A workbook cannot be read or written.

    Attributes
    ----------
    sheet : str or None
        The sheet the (first) problem is on.
    cell : str or None
        The cell in ``Sheet!A1`` notation, e.g. ``"Comparisons!D3"``.
    errors : list of WorkbookError
        Every individual problem found; ``[self]`` for a single problem.
    """

    def __init__(
        self,
        message: str,
        sheet: str | None = None,
        cell: str | None = None,
        errors: Sequence[WorkbookError] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.cell = cell
        self.errors: list[WorkbookError] = list(errors) if errors else [self]

    def __str__(self) -> str:
        if len(self.errors) > 1 or self.errors[0] is not self:
            lines = [self.message] + [f"  {e.location()}{e.message}" for e in self.errors]
            return "\n".join(lines)
        return f"{self.location()}{self.message}"

    def location(self) -> str:
        """``"Sheet!A1: "`` (or ``"Sheet: "``, or ``""``) for prefixing a message."""
        if self.cell:
            return f"{self.cell}: "
        if self.sheet:
            return f"{self.sheet}: "
        return ""


class ConsistencyWarning(UserWarning):
    """A pairwise-comparison matrix has a consistency ratio above its threshold."""


class WorkbookWarning(UserWarning):
    """A workbook value was read in a way its author may not expect; ``.cell`` names it.

    ``str(warning)`` is ``"Sheet!A1: message"``; ``.sheet``, ``.cell`` and
    ``.message`` are as in :class:`WorkbookError`.
    """

    def __init__(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.message, self.sheet, self.cell = message, sheet, cell
        super().__init__(f"{cell or sheet or ''}{': ' if cell or sheet else ''}{message}")
