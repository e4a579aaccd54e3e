"""Today is the day in Beijing, the time every notice dates its windows in."""

from __future__ import annotations

import datetime as dt

from srdi import clock

UTC = dt.timezone.utc


def test_a_utc_evening_is_the_next_day_in_beijing():
    # 辽工信改革〔2022〕9号's window ends on 2022-03-18. At 17:00 UTC on the 18th it is 01:00 on the 19th in
    # Beijing (UTC+8): the window has closed there, though the UTC date is still the 18th
    assert clock.today(dt.datetime(2022, 3, 18, 17, 0, tzinfo=UTC)) == dt.date(2022, 3, 19)


def test_the_last_minute_before_midnight_in_beijing_is_still_the_day():
    # 15:59 UTC is 23:59 in Beijing; 16:00 UTC is midnight there
    assert clock.today(dt.datetime(2022, 3, 18, 15, 59, tzinfo=UTC)) == dt.date(2022, 3, 18)
    assert clock.today(dt.datetime(2022, 3, 18, 16, 0, tzinfo=UTC)) == dt.date(2022, 3, 19)


def test_a_time_given_in_another_zone_is_read_as_that_moment():
    # 09:00 in New York (UTC−5 in January) is 14:00 UTC, 22:00 in Beijing: the same day
    new_york = dt.timezone(dt.timedelta(hours=-5))
    assert clock.today(dt.datetime(2022, 1, 10, 9, 0, tzinfo=new_york)) == dt.date(2022, 1, 10)
    # 12:00 in New York is 17:00 UTC, 01:00 the next day in Beijing
    assert clock.today(dt.datetime(2022, 1, 10, 12, 0, tzinfo=new_york)) == dt.date(2022, 1, 11)


def test_now_is_the_beijing_date_of_this_moment():
    before = dt.datetime.now(UTC)
    got = clock.today()
    after = dt.datetime.now(UTC)
    # the date in Beijing of a moment between the two readings (they straddle midnight there at most once)
    assert got in {(before + dt.timedelta(hours=8)).date(), (after + dt.timedelta(hours=8)).date()}
