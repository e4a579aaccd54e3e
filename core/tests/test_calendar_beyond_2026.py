"""A deadline counted in working days into a year chinesecalendar does not cover.

The notice below is a test fixture: its window ends on Monday 2026-12-28 and the
follow-up ends "窗口结束后5个工作日内". Counting from 12-28: 12-29 Tue (1), 12-30 Wed
(2), 12-31 Thu (3), then 2027 — whose holiday arrangement the installed calendar
does not have. The window is still shown; the follow-up is marked not computable
until the 2027 arrangement is published, never guessed from weekdays.

With the 2027 arrangement this test supplies (a fixture, not the real one: 元旦
2027-01-01 Fri to 01-03 Sun off; Saturday 01-09 worked): 2027-01-01 is off, 01-02
and 01-03 are a weekend off, 01-04 Mon (4), 01-05 Tue (5) → 2027-01-05. A weekday
guess would have said 01-01 (4), 01-04 (5) → 2027-01-04.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from srdi.workdays import WorkCalendar, calendar_from

TEXT = "示例通知（测试）\n示〔2026〕9号\n一、申报时间为2026年12月14日至12月28日。\n二、窗口结束后5个工作日内完成初审。\n三、每季度结束后10个工作日内报送。\n"
NOTICE = """
[notice]
id = "late-2026"
doc_number = "示〔2026〕9号"
title = "示例通知（测试）"
issuer = ["示"]
issued_on = 2026-12-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "demo.late"
title = "示例项目"
clause = "一"
quote = "申报时间为2026年12月14日至12月28日"
rule = "brand"

[[programs.criteria]]
id = "brand"
label = "自主品牌"
type = "flag"
fact = "own_brand"
clause = "一"
quote = "申报时间为2026年12月14日至12月28日"

[[programs.timeline]]
id = "window"
title = "申报"
kind = "window"
start = 2026-12-14
end = 2026-12-28
application = true
clause = "一"
quote = "申报时间为2026年12月14日至12月28日"

[[programs.timeline]]
id = "review"
title = "初审"
kind = "after"
after = "window"
offset_workdays = 5
clause = "二"
quote = "窗口结束后5个工作日内完成初审"

[[programs.timeline]]
id = "quarterly"
title = "季度报送"
kind = "quarterly"
years = [2026]
offset_workdays = 10
clause = "三"
quote = "每季度结束后10个工作日内报送"
"""

ARRANGEMENT_2027 = """
year = 2027
document = "测试用2027年安排（非真实文件）"

[[holidays]]
name = "元旦"
start = 2027-01-01
end = 2027-01-03

[[workdays]]
name = "元旦"
date = 2027-01-09
"""


@pytest.fixture()
def late(tmp_path):
    from srdi.testing.helpers import catalog_with, write_notice

    return catalog_with([write_notice(tmp_path, "late", NOTICE, TEXT)])


@pytest.fixture()
def file_2027(tmp_path):
    path = tmp_path / "holidays-2027.toml"
    path.write_text(ARRANGEMENT_2027, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_user_calendar(monkeypatch):
    monkeypatch.delenv("SRDI_CALENDAR", raising=False)


def test_without_2027_the_window_is_shown_and_the_follow_up_marked(late):
    assert not WorkCalendar().covers(2027)  # the premise: nothing covers 2027
    occ = {o.event: o for o in late.deadlines("demo.late")}
    assert (occ["window"].start, occ["window"].date) == (dt.date(2026, 12, 14), dt.date(2026, 12, 28))
    review = occ["review"]
    assert review.date is None and review.awaits_calendar == 2027
    assert "待2027年节假日安排公布后方可计算" in (review.note or "")
    # the opening of the window needs no count: open on its last day, closed the day after
    assert late.is_open("demo.late", dt.date(2026, 12, 28)) and not late.is_open("demo.late", dt.date(2026, 12, 29))


def test_only_the_quarter_whose_count_reaches_2027_waits(late):
    # 10 working days after 2026-09-30 fall in October 2026 (covered); after 2026-12-31 they fall
    # in January 2027 (not covered): only the fourth quarter waits
    quarters = [o for o in late.deadlines("demo.late") if o.event == "quarterly"]
    assert [o.awaits_calendar for o in quarters] == [None, None, None, 2027]
    assert all(o.date is not None for o in quarters[:3]) and quarters[3].date is None
    assert quarters[3].start == dt.date(2027, 1, 1)


def test_with_a_2027_arrangement_the_follow_up_is_computed(late, file_2027):
    occ = {o.event: o for o in late.deadlines("demo.late", calendar=calendar_from([file_2027]))}
    assert occ["review"].date == dt.date(2027, 1, 5) and occ["review"].awaits_calendar is None


def test_the_environment_variable_supplies_it_too(late, file_2027, monkeypatch):
    monkeypatch.setenv("SRDI_CALENDAR", str(file_2027))
    occ = {o.event: o for o in late.deadlines("demo.late")}
    assert occ["review"].date == dt.date(2027, 1, 5)


def test_the_cli_shows_what_it_can_and_takes_calendar(late, file_2027, capsys, monkeypatch):
    from srdi.cli import common
    from srdi.cli.main import main

    monkeypatch.setattr(common.api, "load", lambda plugins=None: late)
    assert main(["deadlines", "--program", "demo.late", "--format", "json"]) == 0
    rows = {r["event"]: r for r in json.loads(capsys.readouterr().out) if r["event"] != "quarterly"}
    assert rows["window"]["date"] == "2026-12-28"
    assert rows["review"]["date"] is None and rows["review"]["awaits_calendar"] == 2027
    assert main(["deadlines", "--program", "demo.late"]) == 0
    table = capsys.readouterr().out
    assert "尚不能计算" in table and "2026-12-28" in table
    assert main(["deadlines", "--program", "demo.late", "--calendar", str(file_2027), "--format", "json"]) == 0
    rows = {r["event"]: r for r in json.loads(capsys.readouterr().out) if r["event"] != "quarterly"}
    assert rows["review"]["date"] == "2027-01-05"


def test_a_bad_arrangement_file_is_refused_with_its_key(late, tmp_path, capsys, monkeypatch):
    from srdi.cli import common
    from srdi.cli.main import main

    bad = tmp_path / "bad.toml"
    bad.write_text(ARRANGEMENT_2027.replace("2027-01-09", "2027-01-08"), encoding="utf-8")  # a Friday
    monkeypatch.setattr(common.api, "load", lambda plugins=None: late)
    assert main(["deadlines", "--program", "demo.late", "--calendar", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "workdays[0].date" in err and "2027-01-08 是星期五" in err and "Traceback" not in err
