"""Event kinds of Beijing's timelines that the built-in kinds cannot express.

- ``beijing.rolling_month``: the open monthly intake of municipal little giants
  ("企业每月初到月底…进行申报。市经济信息化局次月中上旬对评审结果进行公示"). Each month
  from ``start`` (to ``end``, when given, and within ``years``) yields the month
  itself (``phase = "apply"``) or the first ``last_day`` days of the following month
  (``phase = "results"``); ``last_day`` is written in the notice file.
- ``beijing.validity_span``: while titles granted from ``start`` to ``end`` stay in
  force, ``validity_years`` from the day of grant ("称号有效期为三年"): from the first
  possible grant to the last possible expiry.
"""

from __future__ import annotations

import calendar
import datetime as dt

from srdi.deadlines import EventKind, Window
from srdi.errors import NoticeError
from srdi.notices.model import EventSpec


def _months(first: dt.date, last: dt.date | None, years: list[int]) -> list[tuple[int, int]]:
    out = []
    for y in sorted(set(years)):
        for m in range(1, 13):
            month_start = dt.date(y, m, 1)
            if month_start < first.replace(day=1):
                continue
            if last is not None and month_start > last:
                continue
            out.append((y, m))
    return out


def rolling_month(spec: EventSpec, years: list[int]) -> list[Window]:
    """Each month of the rolling intake: the month itself, or the days of the next month results are due."""
    if spec.start is None:
        raise NoticeError(f"event {spec.id!r}: beijing.rolling_month needs start (the first month of the intake)")
    phase = spec.args.get("phase", "apply")
    wanted = list(spec.years) if spec.years else years
    out: list[Window] = []
    for y, m in _months(spec.start, spec.end, wanted):
        last = calendar.monthrange(y, m)[1]
        if phase == "apply":
            out.append((dt.date(y, m, 1), dt.date(y, m, last)))
        elif phase == "results":
            last_day = spec.args.get("last_day")
            if not isinstance(last_day, int) or not 1 <= last_day <= 28:
                raise NoticeError(f"event {spec.id!r}: phase 'results' needs last_day, a day of the month (1–28)")
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            out.append((dt.date(ny, nm, 1), dt.date(ny, nm, last_day)))
        else:
            raise NoticeError(f"event {spec.id!r}: phase must be 'apply' or 'results', got {phase!r}")
    return out


def validity_span(spec: EventSpec, years: list[int]) -> list[Window]:
    """From the first day a title can be granted to the last day one granted by ``end`` is in force."""
    n = spec.args.get("validity_years")
    if spec.start is None or spec.end is None or not isinstance(n, int) or n < 1:
        raise NoticeError(f"event {spec.id!r}: beijing.validity_span needs start, end (the grants) and validity_years")
    try:
        last = spec.end.replace(year=spec.end.year + n)
    except ValueError:  # 29 February
        last = spec.end.replace(year=spec.end.year + n, day=28)
    return [(spec.start, last - dt.timedelta(days=1))]


def event_kinds() -> list[EventKind]:
    """The event kinds this plugin adds."""
    return [
        EventKind("beijing.rolling_month", rolling_month, rolling_month.__doc__ or "", origin="srdi-beijing"),
        EventKind("beijing.validity_span", validity_span, validity_span.__doc__ or "", origin="srdi-beijing"),
    ]
