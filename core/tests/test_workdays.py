"""Working days on the official calendar, make-up Saturdays included."""

import datetime as dt

import pytest

from srdi.errors import CalendarError
from srdi.workdays import add_workdays, is_workday


def test_make_up_saturday_counts():
    # 2022 清明: 4月3日至5日放假调休，4月2日（星期六）上班.
    assert is_workday(dt.date(2022, 4, 2))
    assert not is_workday(dt.date(2022, 4, 4))


def test_ten_workdays_after_first_quarter_2022():
    # after 2022-03-31: 4/1 (1), 4/2 Sat make-up (2), 4/3–4/5 holiday, 4/6 (3), 4/7 (4),
    # 4/8 (5), 4/11 (6), 4/12 (7), 4/13 (8), 4/14 (9), 4/15 (10)
    assert add_workdays(dt.date(2022, 3, 31), 10) == dt.date(2022, 4, 15)


def test_five_workdays_after_a_friday():
    # 2022-03-18 is a Friday: 3/21, 22, 23, 24, 25
    assert add_workdays(dt.date(2022, 3, 18), 5) == dt.date(2022, 3, 25)


def test_a_year_the_calendar_does_not_cover_is_an_error():
    with pytest.raises(CalendarError, match="2099"):
        add_workdays(dt.date(2099, 3, 31), 10)
