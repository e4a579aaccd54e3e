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


ANCHOR_TEXT = "示例通知\n示〔2030〕2号\n一、拟认定名单公示五个工作日。\n"
ANCHOR = """
[notice]
id = "anchor-2030"
doc_number = "示〔2030〕2号"
title = "示例通知"
issuer = ["示"]
issued_on = 2021-03-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "demo.anchored"
title = "示例项目"
clause = "一"
quote = "拟认定名单公示五个工作日"
rule = "brand"

[[programs.criteria]]
id = "brand"
label = "自主品牌"
type = "flag"
fact = "own_brand"
clause = "一"
quote = "拟认定名单公示五个工作日"

[[programs.timeline]]
id = "list-published"
title = "拟认定名单公布"
kind = "anchor"
clause = "一"
quote = "拟认定名单公示"

[[programs.timeline]]
id = "publicity-end"
title = "公示期满"
kind = "after"
after = "list-published"
offset_workdays = 5
clause = "一"
quote = "公示五个工作日"
"""


@pytest.fixture()
def anchored(tmp_path):
    from srdi.testing.helpers import catalog_with, write_notice

    return catalog_with([write_notice(tmp_path, "anchor", ANCHOR, ANCHOR_TEXT)])


def test_an_anchor_is_undated_until_the_user_dates_it(anchored):
    occ = {o.event: o for o in anchored.deadlines("demo.anchored")}
    assert occ["list-published"].date is None and "--anchor list-published=" in occ["list-published"].note
    assert occ["publicity-end"].date is None and "list-published" in occ["publicity-end"].note


def test_events_after_an_anchor_count_from_the_date_given(anchored):
    # published Friday 2021-04-30; 5 working days after it, with 5/1–5/5 劳动节 and the make-up
    # working Saturday 5/8: 5/6 (1), 5/7 (2), 5/8 (3), 5/10 (4), 5/11 (5) → 2021-05-11
    occ = {o.event: o for o in anchored.deadlines("demo.anchored", anchors={"list-published": dt.date(2021, 4, 30)})}
    assert occ["list-published"].date == dt.date(2021, 4, 30) and occ["list-published"].note is None
    assert occ["publicity-end"].date == dt.date(2021, 5, 11)


def test_an_unknown_anchor_is_an_error_naming_it(anchored):
    from srdi.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match=r"list-publish'.*是否应为 'list-published'"):
        anchored.deadlines("demo.anchored", anchors={"list-publish": dt.date(2021, 4, 30)})


def test_an_unknown_anchor_is_worded_by_the_catalogue(anchored):
    from srdi.errors import UnknownNameError
    from srdi.i18n import speaking

    # Chinese by default: the program, the name given, and the anchor it is close to
    with pytest.raises(UnknownNameError) as err:
        anchored.deadlines("demo.anchored", anchors={"list-publish": dt.date(2021, 4, 30)})
    (problem,) = err.value.problems
    assert problem.key == "anchors.list-publish"
    assert problem.message.startswith("demo.anchored 没有待给出日期的事项 'list-publish'")
    # the same sentence in English with --lang en
    with speaking("en"), pytest.raises(UnknownNameError, match=r"demo\.anchored has no anchor event 'list-publish'"):
        anchored.deadlines("demo.anchored", anchors={"list-publish": dt.date(2021, 4, 30)})


def test_the_cli_dates_an_anchor(anchored, tmp_path, capsys, monkeypatch):
    from srdi.cli import common
    from srdi.cli.main import main

    monkeypatch.setattr(common.api, "load", lambda plugins=None: anchored)
    assert (
        main(["deadlines", "--program", "demo.anchored", "--anchor", "list-published=2021-04-30", "--format", "json"])
        == 0
    )
    out = capsys.readouterr().out
    assert '"2021-05-11"' in out
    with pytest.raises(SystemExit):  # no date: argparse refuses it
        main(["deadlines", "--program", "demo.anchored", "--anchor", "list-published"])
    # argparse's refusal carries srdi's Chinese reason: the EVENT=DATE shape with an example
    assert "应为 事项=日期，如 publicity-start=2021-06-01，实为 'list-published'" in capsys.readouterr().err


YEARLY_TEXT = "示例通知\n示〔2030〕3号\n一、每年5月31日后10个工作日内报送年度数据。\n"
YEARLY = (
    ANCHOR.replace("anchor-2030", "yearly-2030")
    .replace("示〔2030〕2号", "示〔2030〕3号")
    .replace("demo.anchored", "demo.yearly")
    .replace("拟认定名单公示五个工作日", "每年5月31日后10个工作日内报送年度数据")
    .split("[[programs.timeline]]")[0]
    + """
[[programs.timeline]]
id = "report"
title = "报送年度数据"
kind = "annual"
month = 5
day = 31
offset_workdays = 10
clause = "一"
quote = "每年5月31日后10个工作日内报送年度数据"
"""
)


@pytest.fixture()
def yearly(tmp_path):
    from srdi.testing.helpers import catalog_with, write_notice

    return catalog_with([write_notice(tmp_path, "yearly", YEARLY, YEARLY_TEXT)])


def test_each_year_of_a_yearly_event_is_its_own_calendar_event_dated_or_not(yearly):
    # "每年5月31日后10个工作日内": 2021-05-31 (Mon) + 10 working days = June 1–4, 7–11, then 15 (the 14th is
    # 端午节, a holiday in the 2021 arrangement) → 2021-06-15. 2030 has no holiday arrangement in srdi: its
    # occurrence is undated. Each year is an occurrence of its own, known by the day its count starts from,
    # whether dated or not: a calendar made once 2030's arrangement is out adds 2030 beside 2021, and a
    # calendar made now holds 2021 only and says which event it left out
    from srdi import views

    occ = yearly.deadlines("demo.yearly", [2021, 2030])
    assert [(o.date, o.recurrence, o.awaits_calendar) for o in occ] == [
        (dt.date(2021, 6, 15), "2021-05-31", None),
        (None, "2030-05-31", 2030),
    ]
    text = to_ics(occ, name="test")
    assert [line for line in text.split("\r\n") if line.startswith("UID:")] == [
        "UID:demo.yearly-report-2021-05-31@srdi"
    ]
    (note,) = views.ics_notes(occ)
    assert (
        note == "日历文件未收入 1 项尚无日期的事件：报送年度数据（待2030年节假日安排公布后方可计算（需按工作日推算））"
    )
