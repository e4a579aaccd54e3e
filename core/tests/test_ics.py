"""Calendar files: a deadline the notice gives an hour for is timed in Beijing time; the rest are all-day."""

from __future__ import annotations

import datetime as dt

from srdi.deadlines import Occurrence
from srdi.ics import to_ics

STAMP = dt.datetime(2021, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def occurrence(**kw):
    base = dict(
        date=dt.date(2021, 7, 12),
        title="报送推荐名单",
        event="submission",
        program="demo.round",
        kind="deadline",
        clause="二",
        quote="2021年7月12日中午12：00前报送",
        notice="示〔2021〕1号",
    )
    return Occurrence(**{**base, **kw})


def events(text: str) -> list[list[str]]:
    lines = text.replace("\r\n ", "").split("\r\n")  # unfolded
    out, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            out.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return out


def test_a_deadline_at_noon_is_an_instant_at_noon_in_beijing():
    # "7月12日中午12：00前": the event is 2021-07-12 12:00 in Asia/Shanghai, with no duration; the calendar
    # defines the zone it names (VTIMEZONE, UTC+8)
    text = to_ics([occurrence(time="12:00")], stamp=STAMP)
    (ev,) = events(text)
    assert "DTSTART;TZID=Asia/Shanghai:20210712T120000" in ev
    assert not any(line.startswith("DTEND") for line in ev)
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n" in text and "TZOFFSETTO:+0800" in text


def test_a_window_closing_at_five_runs_from_its_first_day_to_five_on_its_last():
    # "2月23日至3月9日17：00前": from the start of 2021-02-23 to 17:00 on 2021-03-09, both in Beijing time
    (ev,) = events(
        to_ics([occurrence(start=dt.date(2021, 2, 23), date=dt.date(2021, 3, 9), time="17:00")], stamp=STAMP)
    )
    assert ["DTSTART;TZID=Asia/Shanghai:20210223T000000", "DTEND;TZID=Asia/Shanghai:20210309T170000"] == [
        line for line in ev if line.startswith(("DTSTART", "DTEND"))
    ]


def test_midnight_at_the_end_of_the_day_is_its_last_minute():
    # "24：00前" is the end of that day: 23:59 on it, not 00:00 on the next (which a calendar shows on the next day)
    (ev,) = events(to_ics([occurrence(time="24:00")], stamp=STAMP))
    assert "DTSTART;TZID=Asia/Shanghai:20210712T235900" in ev


def test_without_an_hour_the_day_is_all_day():
    (ev,) = events(to_ics([occurrence()], stamp=STAMP))
    assert ["DTSTART;VALUE=DATE:20210712", "DTEND;VALUE=DATE:20210713"] == [
        line for line in ev if line.startswith(("DTSTART", "DTEND"))
    ]


def test_the_note_follows_the_citation_and_the_stamp_is_in_utc():
    # 09:30 in Beijing is 01:30 UTC; a newline in a text value is written \n (RFC 5545 3.3.11)
    (ev,) = events(to_ics([occurrence(note="各区自定更早的截止时间")], stamp=STAMP))
    assert "DTSTAMP:20210701T013000Z" in ev
    assert "DESCRIPTION:示〔2021〕1号 二：2021年7月12日中午12：00前报送\\n各区自定更早的截止时间" in ev
