"""Semantic checks of notice files: dates and periods, tranches and splits that cannot be right."""

from __future__ import annotations

import datetime as dt

from srdi.notices.model import ComponentSpec, EventSpec, FundSpec, SplitSpec, TrancheSpec
from srdi.notices.semantics import fund_problems, number_in_quote, timeline_problems

ISSUED = dt.date(2030, 1, 10)


def event(**kw):
    return EventSpec(**{"id": "e", "title": "申报", "clause": "一", "quote": "q", **kw})


def keys(found):
    return [k for k, _ in found]


def test_a_window_that_ends_before_it_starts():
    found = timeline_problems(
        "timeline", [event(kind="window", start=dt.date(2030, 3, 1), end=dt.date(2030, 2, 1))], ISSUED, set()
    )
    assert found == [("timeline[0].end", "结束日（2030-02-01）早于开始日（2030-03-01）")]


def test_events_need_what_their_kind_reads_and_nothing_else():
    found = timeline_problems(
        "t",
        [
            event(kind="date"),  # no date
            event(kind="annual", month=2, day=30),  # no such day
            event(kind="quarterly"),  # no offset
            event(kind="after", after="nowhere", offset_days=5),  # unknown anchor
            event(kind="date", date=dt.date(2030, 2, 1), start=dt.date(2030, 1, 1)),  # start on a date event
        ],
        ISSUED,
        {"e"},
    )
    assert keys(found) == ["t[0].date", "t[1].day", "t[2].offset_workdays", "t[3].after", "t[4].start"]


def test_applications_cannot_close_before_the_notice_is_issued():
    found = timeline_problems("t", [event(kind="date", date=dt.date(2029, 12, 31), application=True)], ISSUED, set())
    assert found == [("t[0].date", "申报截止日（2029-12-31）早于通知印发日（2030-01-10）")]


def component(*shares):
    tranches = tuple(
        TrancheSpec(id=f"t{i}", label="拨付", share=s, clause="三", quote="q") for i, s in enumerate(shares)
    )
    return ComponentSpec(
        id="c", label="奖补", kind="fixed", clause="三", quote="q", args={"amount": 600}, tranches=tranches
    )


def fund(*components, splits=()):
    return FundSpec(clause="三", quote="q", components=components, splits=splits)


def test_tranches_must_add_up_to_the_component():
    assert fund_problems("f", fund(component(50, 50))) == []
    assert fund_problems("f", fund(component(50, "rest"))) == []
    assert fund_problems("f", fund(component(50, 40))) == [
        ("f.components[0].tranches", "各批次比例合计 90%，而不是 'c' 的 100%")
    ]
    assert keys(fund_problems("f", fund(component(100, "rest")))) == ["f.components[0].tranches[1].share"]


def test_lower_bounds_on_shares_must_be_feasible_together():
    def split(op, share, i):
        return SplitSpec(id=f"s{i}", label="份额", op=op, share=share, clause="三", quote="q")

    assert fund_problems("f", fund(splits=(split(">=", 90, 0), split("<=", 10, 1)))) == []
    found = fund_problems("f", fund(splits=(split(">=", 95, 0), split(">=", 10, 1))))
    assert found == [("f.splits", "各比例下限合计 105%，没有哪种分配能同时满足")]


def test_number_in_quote_reads_yi_as_ten_thousand_wan():
    assert number_in_quote(10000, "万元", "上年度营业收入在 1亿元及以上") is True
    assert number_in_quote(2000, "万元", "营业收入达到2000万元及以上") is True
    assert number_in_quote(3000, "万元", "营业收入达到2000万元及以上") is False
    assert number_in_quote(70, "%", "具有独立法人资格") is None
    # 青岛 独角兽 一（四）2 "估值大于 5亿美元", in 万美元: 5亿 = 50000万
    assert number_in_quote(50000, "万美元", "近两年内最后一轮融资估值大于 5亿美元") is True
    assert number_in_quote(50000, "%", "近两年内最后一轮融资估值大于 5亿美元") is False


def test_a_misspelled_event_key_is_not_silently_ignored():
    ev = event(kind="window", start=dt.date(2030, 2, 1), end=dt.date(2030, 3, 1), args={"ned": dt.date(2030, 4, 1)})
    assert timeline_problems("t", [ev], ISSUED, set()) == [("t[0].ned", "'window' 事项没有此键（是否应为 'end'？）")]
