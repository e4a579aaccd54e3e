"""srdi.testing.timeline against a shipped notice: 辽工信改革〔2022〕9号 (plugins/liaoning).

五、1 "企业、各市工业和信息化局需登录辽宁省促进中小企业发展专项申报系统，进行申报、初审，
时间为2022年2月9日-3月18日" (notice lngxgg-2022-9, timeline "online-window", quote
"进行申报、初审，时间为2022年2月9日-3月18日"): the little giants' 2022 window runs from
2022-02-09 to 2022-03-18, both days included, so the program is closed on 02-08 and
on 03-19. Each helper is shown to pass on these days and to fail one day off.
"""

from __future__ import annotations

import datetime as dt

import pytest

import srdi
from srdi.catalog import Catalog
from srdi.errors import UnknownNameError
from srdi.testing.timeline import assert_window, event

LG = "liaoning.little-giant-2022"
FIRST, LAST = dt.date(2022, 2, 9), dt.date(2022, 3, 18)


@pytest.fixture(scope="module")
def liaoning() -> Catalog:
    return srdi.load(["liaoning"])


def test_event_finds_the_online_window(liaoning):
    occ = event(liaoning, LG, "online-window")
    assert (occ.start, occ.date, occ.clause) == (FIRST, LAST, "五、1")


def test_event_names_the_events_the_program_has(liaoning):
    # a misspelt event: the message lists the real ones, among them the window and 五、3's
    # city recommendation
    with pytest.raises(AssertionError, match=r"no timeline event 'online_window'.*city-recommendation.*online-window"):
        event(liaoning, LG, "online_window")


def test_event_refuses_to_pick_one_of_a_recurring_event(liaoning):
    # 五、2 "今年每季度结束后10个工作日内…提交附件6": four quarterly dates in 2022, none of them "the" date
    with pytest.raises(AssertionError, match=r"4 occurrences of 'annex6-quarterly'"):
        event(liaoning, LG, "annex6-quarterly")


def test_event_passes_anchors_on(liaoning):
    # 五、1 has no anchor event: an anchor given to it is refused by the catalog, not dropped
    # …and the message says the timeline has no anchor event at all
    with pytest.raises(UnknownNameError, match="没有待给出日期的事项 'list-published'（其时间节点中没有此类事项）"):
        event(liaoning, LG, "online-window", anchors={"list-published": dt.date(2022, 4, 1)})


def test_window_holds_on_both_edges(liaoning):
    assert_window(liaoning, LG, LAST, first=FIRST)
    assert_window(liaoning, LG, LAST)


def test_window_fails_on_a_wrong_last_day(liaoning):
    # 03-17 read as the last day: the program is still open the day after, 03-18
    with pytest.raises(AssertionError, match=r"liaoning\.little-giant-2022 should be closed on 2022-03-18"):
        assert_window(liaoning, LG, dt.date(2022, 3, 17))
    # 03-19 read as the last day: the program is already closed on it
    with pytest.raises(AssertionError, match=r"should be open on 2022-03-19 \(its last day\)"):
        assert_window(liaoning, LG, dt.date(2022, 3, 19), first=FIRST)


def test_window_fails_on_a_wrong_first_day(liaoning):
    # 02-10 read as the first day: the program is already open the day before, 02-09
    with pytest.raises(AssertionError, match=r"should be closed on 2022-02-09 \(the day before its first day\)"):
        assert_window(liaoning, LG, LAST, first=dt.date(2022, 2, 10))
    # 02-08 read as the first day: the program is not open on it yet
    with pytest.raises(AssertionError, match=r"should be open on 2022-02-08 \(its first day\)"):
        assert_window(liaoning, LG, LAST, first=dt.date(2022, 2, 8))
