"""Dates moved by whole months and years: the month's last day where it lacks the day, and the calendar's edges.

A period counted in months ends on the corresponding day of the last month, or on that
month's last day where it has none (《民法典》第二百零二条; 广东 便函〔2021〕791号 二（二）
"于名单公布1个月内报我厅" is dated this way). A title's term of n years from a grant on
29 February ends on the 28th in a common year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.months import forward, in_month, shifted


@pytest.mark.parametrize(
    ("day", "years", "months", "moved"),
    [
        # 31 March + 1 month: April has no 31st → 30 April
        (dt.date(2021, 3, 31), 0, 1, dt.date(2021, 4, 30)),
        # + 12 months → the same day a year later; + 0 → itself
        (dt.date(2021, 3, 31), 0, 12, dt.date(2022, 3, 31)),
        (dt.date(2021, 3, 31), 0, 0, dt.date(2021, 3, 31)),
        # 31 January + 1 month: 28 February in 2021, 29 February in the leap year 2024
        (dt.date(2021, 1, 31), 0, 1, dt.date(2021, 2, 28)),
        (dt.date(2024, 1, 31), 0, 1, dt.date(2024, 2, 29)),
        # a month count that crosses the year: 20 December 2021 + 1 month → 20 January 2022
        (dt.date(2021, 12, 20), 0, 1, dt.date(2022, 1, 20)),
        # 29 February 2024 + 1 year → 28 February 2025; + 4 years → 29 February 2028
        (dt.date(2024, 2, 29), 1, 0, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 4, 0, dt.date(2028, 2, 29)),
        # back: 31 March less 1 month → 28 February 2021; 29 February 2024 less 3 years → 28 February 2021
        (dt.date(2021, 3, 31), 0, -1, dt.date(2021, 2, 28)),
        (dt.date(2024, 2, 29), -3, 0, dt.date(2021, 2, 28)),
        # years and months together: 31 August 2021 + 2 years 6 months → 29 February 2024 (leap year)
        (dt.date(2021, 8, 31), 2, 6, dt.date(2024, 2, 29)),
        # back across a year by months: 15 January 2022 less 2 months → 15 November 2021
        (dt.date(2022, 1, 15), 0, -2, dt.date(2021, 11, 15)),
    ],
)
def test_the_day_is_kept_or_the_month_ends(day, years, months, moved):
    assert forward(day, years, months) == moved
    assert shifted(day, years, months) == moved


@pytest.mark.parametrize(
    ("day", "years", "months"),
    [
        # 9999 is the calendar's last year: 9999-12-31 + 1 month, 9998-06-01 + 2 years, 0001-01-15 − 1 month
        (dt.date(9999, 12, 31), 0, 1),
        (dt.date(9998, 6, 1), 2, 0),
        (dt.date(1, 1, 15), 0, -1),
    ],
)
def test_beyond_the_calendar_is_no_day(day, years, months):
    assert shifted(day, years, months) is None
    with pytest.raises(ValueError, match="out of range"):
        forward(day, years, months)


def test_the_calendar_edges_themselves_are_days():
    # 9998-12-31 + 12 months is 9999-12-31, the last day there is; 0002-01-01 − 1 year is 0001-01-01
    assert shifted(dt.date(9998, 12, 31), 0, 12) == dt.date.max
    assert shifted(dt.date(2, 1, 1), -1, 0) == dt.date.min


def test_a_day_in_a_month_or_its_last():
    # day 31 of April is 30 April; of February 2100 (not a leap year: divisible by 100, not by 400) the 28th
    assert in_month(2021, 4, 31) == dt.date(2021, 4, 30)
    assert in_month(2100, 2, 31) == dt.date(2100, 2, 28)
    assert in_month(2000, 2, 30) == dt.date(2000, 2, 29)  # 2000 is divisible by 400: a leap year
