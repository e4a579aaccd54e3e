"""The vectorised validity of titles equals the one-enterprise rule (TitleBook.valid_until), row by row.

Titles with each expiry rule (from the grant date, to the end of a year) and with no
known validity; recognitions given by year, by grant date, by an explicit end of
validity, or not at all; revoked on a day or not; days around the anniversaries,
29 February included.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from srdi.engine.columns import Columns
from srdi.engine.facts import Facts
from srdi.engine.metrics import MetricSet
from srdi.engine.titles import Title, TitleBook
from srdi.vocabulary import Vocabulary

BOOK = TitleBook(
    [
        Title("t.from_date", "甲", 3, "from_date"),
        Title("t.year_end", "乙", 3, "year_end"),
        Title("t.unbounded", "丙", None),
    ]
)
METRICS = MetricSet(Vocabulary([]), [])
DAYS = st.dates(dt.date(2016, 1, 1), dt.date(2026, 12, 31)) | st.sampled_from(
    [dt.date(2016, 2, 29), dt.date(2019, 2, 28), dt.date(2019, 3, 1), dt.date(2020, 2, 29), dt.date(2023, 2, 28)]
)
HOLDING = st.tuples(
    st.none() | st.integers(2015, 2026),  # year
    st.none() | DAYS,  # granted_on
    st.none() | DAYS,  # valid_until
    st.none() | DAYS,  # revoked_on
)


def scalar_status(title: str, year, granted, until, revoked, day: dt.date) -> float:
    """The rule for one enterprise, written plainly (as the engine had it row by row)."""
    if year is None and granted is None and until is None and revoked is None:
        return 0.0
    if granted is not None and granted > day:
        return 0.0
    if granted is None and year is not None and year > day.year:
        return 0.0
    if revoked is not None and revoked <= day:  # revoked (撤销): not in force from that day
        return 0.0
    if until is not None:
        return 1.0 if until >= day else 0.0
    t = BOOK.by_id[title]
    if t.validity_years is None:
        return np.nan
    lo, hi = BOOK.valid_until(title, year, granted)
    if lo is None or hi is None:
        return np.nan
    if day <= lo:
        return 1.0
    if day > hi:
        return 0.0
    return np.nan


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(BOOK.by_id)),
    st.lists(HOLDING, min_size=1, max_size=20),
    DAYS,
)
def test_vectorised_status_equals_the_rule_for_one(title, holdings, day):
    frame = pd.DataFrame(
        {
            f"rec.{title}.year": [np.nan if y is None else float(y) for y, _, _, _ in holdings],
            f"rec.{title}.granted_on": pd.to_datetime([g for _, g, _, _ in holdings]),
            f"rec.{title}.valid_until": pd.to_datetime([u for _, _, u, _ in holdings]),
            f"rec.{title}.revoked_on": pd.to_datetime([r for _, _, _, r in holdings]),
        }
    )
    got = BOOK.status(Columns(frame, METRICS, day.year - 1), title, day)
    want = np.array([scalar_status(title, y, g, u, r, day) for y, g, u, r in holdings])
    np.testing.assert_array_equal(got, want)
    for i, row in enumerate(holdings):  # and the one-enterprise path, row by row
        facts = Facts({k: v for k, v in zip(frame.columns, _cells(row)) if v is not None}, METRICS, day.year - 1)
        np.testing.assert_equal(BOOK.status_one(facts, title, day), want[i])


def _cells(row):
    year, granted, until, revoked = row
    return (None if year is None else float(year), granted, until, revoked)


def _one(title: str, **cells) -> Facts:
    return Facts({f"rec.{title}.{k}": v for k, v in cells.items()}, METRICS, 9998)


def test_a_term_that_ends_beyond_the_calendar_is_in_force_on_every_day():
    # 甲 (3 years from the grant): granted 9998-06-01, in force to 10001-05-31, after 9999-12-31, the last day
    # there is. Read from a profile, such a date used to end the check with an error.
    assert BOOK.valid_until("t.from_date", None, dt.date(9998, 6, 1)) == (dt.date.max, dt.date.max)
    assert BOOK.status_one(_one("t.from_date", granted_on=dt.date(9998, 6, 1)), "t.from_date", dt.date.max) == 1.0
    # 乙 (to 31 December of the third year after): granted in 9997, in force to 31 December 10000
    assert BOOK.valid_until("t.year_end", 9997, None) == (dt.date.max, dt.date.max)
    assert BOOK.status_one(_one("t.year_end", year=9997.0), "t.year_end", dt.date.max) == 1.0
    # 甲 known by its year alone, 9997: its last day is from 31 December 9999 to 30 December 10000, so it is in
    # force on every day of 9999; granted in 9996, its last day is 31 December 9998 at the earliest, 30 December
    # 9999 at the latest: on 31 December 9999 it has lapsed, on 1 December 9999 it may have
    assert BOOK.valid_until("t.from_date", 9997, None) == (dt.date(9999, 12, 31), dt.date.max)
    assert BOOK.status_one(_one("t.from_date", year=9997.0), "t.from_date", dt.date.max) == 1.0
    assert BOOK.status_one(_one("t.from_date", year=9996.0), "t.from_date", dt.date.max) == 0.0
    assert np.isnan(BOOK.status_one(_one("t.from_date", year=9996.0), "t.from_date", dt.date(9999, 12, 1)))


def test_a_term_that_ends_beyond_the_calendar_names_no_last_day():
    # the grant is told; no last day of validity is named, as none falls within the calendar
    text = BOOK.describe(_one("t.from_date", granted_on=dt.date(9998, 6, 1)), "t.from_date", 0)
    assert text is not None and "9998-06-01" in text and "有效期" not in text
    # within the calendar the last day is named: granted 2021-06-01, valid to 2024-05-31
    assert "2024-05-31" in (BOOK.describe(_one("t.from_date", granted_on=dt.date(2021, 6, 1)), "t.from_date", 0) or "")
