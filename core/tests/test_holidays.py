"""Holiday arrangement files: checked whole, and counted before chinesecalendar.

The files here are test fixtures, not the State Council's arrangements: srdi ships
only published ones.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.errors import CalendarError
from srdi.holidays import arrangement_from_dict, load_arrangement, load_arrangements
from srdi.workdays import CalendarYearMissing, WorkCalendar, calendar_from, default_calendar, using

GOOD = """
year = 2099
document = "测试安排（非真实文件）"
title = "2099年部分节假日安排（测试）"

[[holidays]]
name = "元旦"
start = 2099-01-01
end = 2099-01-03

[[workdays]]
name = "元旦"
date = 2099-01-10
"""


def test_a_good_file_counts_its_days(tmp_path):
    # 2099-01-01 is a Thursday: 1/1–1/3 off, Saturday 1/10 worked; other days keep their weekday rule
    path = tmp_path / "2099.toml"
    path.write_text(GOOD, encoding="utf-8")
    cal = WorkCalendar([load_arrangement(path)])
    assert dt.date(2099, 1, 1).weekday() == 3 and dt.date(2099, 1, 10).weekday() == 5
    assert not cal.is_workday(dt.date(2099, 1, 1))  # a Thursday off
    assert not cal.is_workday(dt.date(2099, 1, 2))  # a Friday off
    assert cal.is_workday(dt.date(2099, 1, 5))  # Monday
    assert not cal.is_workday(dt.date(2099, 1, 4))  # Sunday
    assert cal.is_workday(dt.date(2099, 1, 10))  # the make-up Saturday
    assert not cal.is_workday(dt.date(2099, 1, 17))  # an ordinary Saturday
    assert cal.source(2099) == "《2099年部分节假日安排（测试）》（测试安排（非真实文件））"
    # after Monday 1/5: 1/6 (1), 1/7 (2), 1/8 (3), 1/9 (4), the make-up Saturday 1/10 (5)
    assert cal.add_workdays(dt.date(2099, 1, 5), 5) == dt.date(2099, 1, 10)


def test_a_make_up_day_must_be_a_weekend_day_and_no_date_twice():
    data = {
        "year": 2099,
        "document": "测试",
        "holidays": [
            {"name": "元旦", "start": dt.date(2099, 1, 1), "end": dt.date(2099, 1, 3)},
            {"name": "重复", "date": dt.date(2099, 1, 2)},
        ],
        "workdays": [
            {"name": "调休", "date": dt.date(2099, 1, 5)},  # a Monday
            {"name": "调休", "date": dt.date(2099, 1, 3)},  # a holiday already
        ],
    }
    with pytest.raises(CalendarError) as exc:
        arrangement_from_dict(data, "x.toml")
    text = str(exc.value)
    assert "x.toml: workdays[0].date: 2099-01-05 是星期一" in text
    assert "x.toml: holidays[1]: 2099-01-02 重复列出（另见 holidays[0]）" in text
    assert "x.toml: workdays[1].date: 2099-01-03 重复列出" in text


def test_every_problem_of_a_file_is_named():
    data = {
        "year": "2099",
        "holidays": [{"name": "元旦", "start": dt.date(2099, 1, 5), "end": dt.date(2099, 1, 1)}],
        "workday": [],
    }
    with pytest.raises(CalendarError) as exc:
        arrangement_from_dict(data, "y.toml")
    keys = {p.key for p in exc.value.problems}
    assert keys == {"year", "document", "holidays[0].end", "workday"}
    assert "是否应为 'workdays'" in str(exc.value)


def test_dates_outside_the_year_are_refused_except_a_new_year_holiday_starting_in_december():
    ok = {
        "year": 2099,
        "document": "测试",
        "holidays": [{"name": "元旦", "start": dt.date(2098, 12, 31), "end": dt.date(2099, 1, 1)}],
    }
    assert dt.date(2098, 12, 31) in arrangement_from_dict(ok).days_off
    bad = dict(ok, holidays=[{"name": "国庆", "date": dt.date(2100, 10, 1)}])
    with pytest.raises(CalendarError, match="2100-10-01 不在 2099 年内"):
        arrangement_from_dict(bad)


def test_two_files_for_one_year_are_an_error(tmp_path):
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    with pytest.raises(CalendarError, match="2099年的安排重复"):
        load_arrangements([tmp_path])


def test_a_missing_year_names_the_year_and_how_to_supply_it():
    with pytest.raises(CalendarYearMissing) as exc:
        WorkCalendar().add_workdays(dt.date(2099, 3, 31), 1)
    assert exc.value.year == 2099
    assert "待2099年节假日安排公布后方可按工作日计算" in str(exc.value) and "--calendar" in str(exc.value)


def test_the_environment_variable_and_the_api_add_files(tmp_path, monkeypatch):
    path = tmp_path / "2099.toml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.delenv("SRDI_CALENDAR", raising=False)
    assert not default_calendar().covers(2099)
    assert calendar_from([path]).covers(2099)
    monkeypatch.setenv("SRDI_CALENDAR", str(tmp_path))
    assert default_calendar().covers(2099)
    with using(WorkCalendar()):  # an explicit calendar wins inside the block
        from srdi.workdays import current

        assert not current().covers(2099)


def test_an_arrangement_wins_over_the_package_for_its_year():
    # chinesecalendar: 2026-01-01 (Thursday) is a day off; an arrangement for 2026 saying nothing
    # about it leaves it a working day — the file is what the user asked for
    plain = WorkCalendar()
    assert not plain.is_workday(dt.date(2026, 1, 1))
    data = {"year": 2026, "document": "测试", "holidays": [{"name": "x", "date": dt.date(2026, 5, 4)}]}
    custom = WorkCalendar([arrangement_from_dict(data)])
    assert custom.is_workday(dt.date(2026, 1, 1)) and not custom.is_workday(dt.date(2026, 5, 4))
