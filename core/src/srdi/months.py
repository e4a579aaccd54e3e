"""Days moved by whole months and years, as periods counted in months are reckoned.

"…之日起1个月内" ends on the corresponding day of the month; a month without that day
(1月31日 + 1个月) ends on its last day (《民法典》第二百零二条), and 29 February a year on
is 28 February in a common year. Deadlines, expected rounds, titles' terms, bars and
full years all move dates through here, so that they agree on a month's end and on the
calendar's edges: :mod:`datetime` names years 1 to 9999 only.
"""

from __future__ import annotations

import calendar
import datetime as dt


def in_month(year: int, month: int, day: int) -> dt.date:
    """Day ``day`` of a month, or the month's last day where it has fewer days (ValueError beyond the calendar)."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def forward(day: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """``day`` moved by ``years`` and ``months``, either way (ValueError beyond the calendar).

    31 January and one month is 28 (or 29) February; 31 March less one month is 28 (or 29) February.
    """
    year, month = divmod(day.year * 12 + (day.month - 1) + years * 12 + months, 12)
    return in_month(year, month + 1, day.day)


def shifted(day: dt.date, years: int = 0, months: int = 0) -> dt.date | None:
    """:func:`forward`, or None where the day would fall before year 1 or after 9999."""
    try:
        return forward(day, years, months)
    except ValueError:
        return None
