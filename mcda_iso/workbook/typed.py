"""Judgments as spreadsheet programs store what people type: fractions turned into dates.

LibreOffice and Excel read ``1/3`` typed into a cell formatted as a number (the
default, "General") as a date: the 3rd of January of the current year where dates
are written month/day (en-US), the 1st of March where they are written day/month
(en-GB, fr-FR, es-ES, it-IT ...). The cell then holds the date's serial number and
shows a date. A formula such as ``=1/2`` typed into such a cell keeps the date
format and shows a time (12:00). :func:`judgment_from_date` reads back the judgment
when the value can only have come from one:

- a time (a serial number below 1) or a date of the first nine days of 1900 (a
  serial number 1 .. 9) is a number shown with a date format: the number is read;
- a date of this year or the last, at midnight, whose day and month are both at most 9
  and one of them 1, is a fraction ``1/k`` typed as text (k the other one; 1 January
  is 1/1); judgments are written ``k`` or ``1/k``, so ``3/1`` typed in a day/month
  locale (also 3 January) is read as 1/3 and the note says so;
- any other date is refused (see :func:`date_problem`).

Every value read this way is reported as a note naming the cell, what it held and
what was read, so that nobody's judgment changes silently.

Examples
--------
>>> from datetime import datetime, time
>>> judgment_from_date(datetime(2026, 1, 3), today=date(2026, 11, 29))[0]
0.3333333333333333
>>> judgment_from_date(datetime(2026, 3, 1), today=date(2026, 11, 29))[0]
0.3333333333333333
>>> judgment_from_date(time(12, 0), today=date(2026, 11, 29))[0]
0.5
>>> judgment_from_date(datetime(2026, 2, 3), today=date(2026, 11, 29)) is None
True
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from openpyxl.utils.datetime import to_excel

from mcda_iso.scale import SAATY_VALUES, format_judgment

__all__ = ["date_problem", "is_date", "judgment_from_date"]

#: Largest day or month of a date read as a fraction: Saaty's scale ends at 9.
_LARGEST = 9


def is_date(value: object) -> bool:
    """Whether a cell value is a date, a time or a duration (a date-formatted number)."""
    return isinstance(value, datetime | date | time | timedelta)


def _moment(value: object) -> datetime | None:
    """A date or datetime as a datetime (a date at midnight); None for times and durations."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def _spoken(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _snap(number: float) -> float:
    """A number stored as a time is rounded to the millisecond: back onto Saaty's scale."""
    for value in SAATY_VALUES:
        if math.isclose(number, value, rel_tol=1e-7):
            return value
    return number


def judgment_from_date(
    value: datetime | date | time | timedelta, *, today: date | None = None
) -> tuple[float, str] | None:
    """The judgment a date- or time-formatted cell holds, and a note saying how it was read.

    Parameters
    ----------
    value : datetime, date, time or timedelta
        The value openpyxl gives for a cell with a date or time format.
    today : date, optional
        The day the workbook is read (default: today), for the year LibreOffice and
        Excel give a date typed without one.

    Returns
    -------
    (float, str) or None
        The judgment and a note (to follow the cell's name), or None if the value
        cannot have come from a judgment.
    """
    today = today or date.today()
    moment = _moment(value)
    if isinstance(value, timedelta):
        number = value.total_seconds() / 86_400
    elif isinstance(value, time):
        number = to_excel(value)
    else:
        assert moment is not None
        serial = to_excel(moment)
        number = serial if serial < _LARGEST + 1 else math.nan  # 1899-12-30 .. 1900-01-09
    if math.isfinite(number):
        if not 0 < number <= _LARGEST:
            return None
        number = _snap(float(number))
        typed = format_judgment(number)
        note = (
            f"holds the number {typed} shown as a date or time (the cell has a date format): "
            f"read as {typed}; format the cell as Text or Number to see it as typed"
        )
        return number, note
    day = moment
    assert day is not None
    if day.time() != time(0, 0):
        return None
    if day.year not in (today.year, today.year - 1):
        return None
    if day.day > _LARGEST or day.month > _LARGEST or 1 not in (day.day, day.month):
        return None
    k = max(day.day, day.month)
    number = 1 / k
    shown, fraction = _spoken(day), format_judgment(number)
    note = (
        f"holds the date {shown}, which is what LibreOffice and Excel make of {fraction} typed "
        f"into a cell formatted as a number: read as {fraction} (if you meant {k}, type {k}; "
        "type fractions into cells formatted as Text to keep them as typed)"
    )
    return number, note


def date_problem(value: datetime | date | time | timedelta, *, today: date | None = None) -> str:
    """Why a date in a judgment cell is refused, and what to do, for an error message."""
    today = today or date.today()
    day = _moment(value)
    if day is not None and day.time() == time(0, 0):
        if (
            day.year in (today.year, today.year - 1)
            and day.day <= _LARGEST
            and day.month <= _LARGEST
        ):
            shown, a, b = _spoken(day), day.month, day.day
            return (
                f"expected a judgment such as 3 or 1/3, found the date {shown}, which LibreOffice "
                f"and Excel make of {a}/{b} or {b}/{a} typed into a cell formatted as a number, "
                "so it is not clear which was meant: format the cell as Text "
                "(Format > Cells > Text) and type the judgment again"
            )
        shown = _spoken(day)
        return (
            f"expected a judgment such as 3 or 1/3, found the date {shown}: format the cell as "
            "Text (Format > Cells > Text) and type the judgment again"
        )
    return (
        f"expected a judgment such as 3 or 1/3, found a date or time ({value}): format the cell "
        "as Text (Format > Cells > Text) and type the judgment again"
    )
