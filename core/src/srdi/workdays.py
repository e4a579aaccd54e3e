"""The official working-day calendar (法定节假日 and 调休 make-up workdays).

Backed by the ``chinesecalendar`` package, which follows the State Council's yearly
holiday notices. A year it does not cover is an error, never a weekday guess.
"""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar

from .errors import CalendarError


@functools.lru_cache(maxsize=1)
def covered_years() -> tuple[int, int]:
    """(first, last) year the installed calendar covers."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return years[0], years[-1]


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is an official working day (make-up Saturdays included)."""
    first, last = covered_years()
    if not first <= day.year <= last:
        raise CalendarError(
            f"{day.isoformat()}: the official working-day calendar for {day.year} is not available "
            f"(installed chinesecalendar covers {first}–{last}); upgrade chinesecalendar once the "
            "State Council publishes that year's holidays — srdi does not guess"
        )
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:  # pragma: no cover - guarded above
        raise CalendarError(str(exc)) from None


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``day`` ("…后n个工作日内" ends on this day)."""
    if n < 0:
        raise ValueError("n must not be negative")
    current = day
    counted = 0
    while counted < n:
        current += dt.timedelta(days=1)
        if is_workday(current):
            counted += 1
    return current
