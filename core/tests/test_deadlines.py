"""Timelines of the national baseline: windows, openness on boundary days, iCalendar."""

import datetime as dt

import pytest

from srdi.ics import to_ics

PID = "national.little-giant-3rd-batch"


def test_dates_of_the_third_batch(baseline):
    # 工信厅企业函〔2021〕79号 五（三）2: upload 2021-04-28 to 05-06; 五（四）: provinces by 05-28
    occ = {o.event: o for o in baseline.deadlines(PID)}
    assert (occ["online-upload"].start, occ["online-upload"].date) == (dt.date(2021, 4, 28), dt.date(2021, 5, 6))
    assert occ["province-submission"].date == dt.date(2021, 5, 28)


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (dt.date(2021, 4, 27), False),
        (dt.date(2021, 4, 28), True),
        (dt.date(2021, 5, 6), True),
        (dt.date(2021, 5, 7), False),
    ],
)
def test_open_on_the_window_days_only(baseline, day, open_):
    assert baseline.is_open(PID, day) is open_


def test_ics_has_one_event_per_dated_occurrence(baseline):
    text = to_ics(baseline.deadlines(PID), name="test")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20210428" in text and "DTEND;VALUE=DATE:20210507" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
