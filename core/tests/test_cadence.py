"""When the next round is expected from a stated cadence: always labelled expected, never announced."""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.cadence import expected_next
from srdi.notices.model import CadenceSpec

YEARLY = CadenceSpec("year", "四（一）", "每年申报期结束后更新和调整培育库企业名单")
MONTHLY = CadenceSpec("month", "四、1", "企业每月初到月底…进行申报")
QUARTERLY = CadenceSpec("quarter", "三", "每季度")


def test_a_yearly_round_shifts_the_last_window_by_whole_years():
    # the 2022 window ran 02-09 to 03-18; seen on 2026-12-03 the 2023–2026 windows are past
    # (none is in the catalog) and the next is expected 2027-02-09 to 2027-03-18
    e = expected_next(YEARLY, "辽工信改革〔2022〕9号", dt.date(2022, 2, 9), dt.date(2022, 3, 18), dt.date(2026, 12, 3))
    assert (e.start, e.end) == (dt.date(2027, 2, 9), dt.date(2027, 3, 18))
    assert e.missing == "2023—2026年各轮未收录" and e.ended is None
    assert e.label.startswith("预计 2027-02-09 至 2027-03-18") and "尚未发布" in e.label
    assert e.to_json()["status"] == "expected"


def test_the_day_the_shifted_window_closes_it_is_still_the_one_expected():
    # seen on 2023-03-18, the last day of the shifted 2023 window: the 2023 round is the one expected
    e = expected_next(YEARLY, "n", dt.date(2022, 2, 9), dt.date(2022, 3, 18), dt.date(2023, 3, 18))
    assert e.start == dt.date(2023, 2, 9) and e.missing is None
    e = expected_next(YEARLY, "n", dt.date(2022, 2, 9), dt.date(2022, 3, 18), dt.date(2023, 3, 19))
    assert e.start == dt.date(2024, 2, 9) and e.missing == "2023年的一轮未收录"


def test_no_round_is_expected_past_the_last_announced_year():
    # 财建〔2024〕148号 "2024—2026 年…分三批次": first batch issued 2024-06-14; on 2026-12-03 the
    # next would fall in 2027, past 2026; the 2025 and 2026 batches are not in the catalog
    batches = CadenceSpec("year", "一", "2024—2026 年…分三批次", through=2026)
    e = expected_next(batches, "财建〔2024〕148号", dt.date(2024, 6, 14), None, dt.date(2026, 12, 3))
    assert e.start is None and e.ended == "通知所定轮次至2026年为止"
    assert e.missing == "2025—2026年各轮未收录"
    # seen on 2025-03-01 the second batch is expected around 2025-06-14
    e = expected_next(batches, "财建〔2024〕148号", dt.date(2024, 6, 14), None, dt.date(2025, 3, 1))
    assert (e.start, e.end, e.missing) == (dt.date(2025, 6, 14), None, None)
    assert e.label == "预计 2025-06-14前后（按通知“每年”推算，尚未发布）"


def test_no_round_is_expected_once_the_rules_calling_them_have_lapsed():
    # rules in force to 2026-08-31, a yearly round that opened 2021-09-01: seen on 2026-09-01 they have expired
    e = expected_next(YEARLY, "n", dt.date(2021, 9, 1), None, dt.date(2026, 9, 1), rules_end=dt.date(2026, 8, 31))
    assert e.ended == "有关办法施行至2026-08-31，已届满"


def test_a_round_after_the_rules_end_is_not_expected_while_they_still_run():
    # the same rules seen on 2025-10-01: still in force for eleven months, so not "expired"; the next round the
    # yearly cadence gives opens 2026-09-01, the day after they end, and is not expected
    e = expected_next(YEARLY, "n", dt.date(2021, 9, 1), None, dt.date(2025, 10, 1), rules_end=dt.date(2026, 8, 31))
    assert (e.start, e.ended) == (None, "有关办法施行至2026-08-31，按通知周期推算的下一轮（2026-09-01起）在此之后")


def test_a_monthly_intake_is_expected_this_month():
    # the intake ran through 2021-12-31; on 2026-12-03 the December 2026 intake is the one expected
    e = expected_next(MONTHLY, "n", dt.date(2021, 6, 1), dt.date(2021, 12, 31), dt.date(2026, 12, 3))
    assert (e.start, e.end) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert e.missing == "2022-01-01起至今的各期未收录"
    # while the latest intake's own month runs, the next is the following month
    e = expected_next(MONTHLY, "n", dt.date(2021, 11, 22), dt.date(2021, 11, 30), dt.date(2021, 11, 25))
    assert (e.start, e.end, e.missing) == (dt.date(2021, 12, 1), dt.date(2021, 12, 31), None)


def test_a_quarterly_round_is_the_calendar_quarter():
    e = expected_next(QUARTERLY, "n", dt.date(2026, 1, 5), dt.date(2026, 1, 20), dt.date(2026, 2, 1))
    assert (e.start, e.end, e.missing) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30), None)
    e = expected_next(QUARTERLY, "n", dt.date(2026, 1, 5), dt.date(2026, 1, 20), dt.date(2026, 12, 3))
    assert (e.start, e.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert e.missing == "2026-04-01起至今的各期未收录"


def test_a_half_yearly_intake_is_the_half_year_under_way():
    # 安徽 fund pool, 三 "原则上，集中推荐每半年组织开展一次": the latest round ran 2021-02-23 to
    # 03-20, in the first half of 2021. Seen on 2026-12-03 the half-year under way is
    # 2026-07-01 to 2026-12-31; the halves from 2021-07-01 on are not in the catalog.
    half = CadenceSpec("half_year", "三", "原则上，集中推荐每半年组织开展一次")
    e = expected_next(half, "n", dt.date(2021, 2, 23), dt.date(2021, 3, 20), dt.date(2026, 12, 3))
    assert (e.start, e.end) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert e.missing == "2021-07-01起至今的各期未收录"
    assert "每半年" in e.label
    # seen on 2021-03-01, during the latest round's own half: the next half is the one expected
    e = expected_next(half, "n", dt.date(2021, 2, 23), dt.date(2021, 3, 20), dt.date(2021, 3, 1))
    assert (e.start, e.end, e.missing) == (dt.date(2021, 7, 1), dt.date(2021, 12, 31), None)


def test_no_round_is_projected_past_the_last_day_a_date_can_name():
    # seen on 9999-06-01, the 2022 window (02-09 to 03-18) has shifted to 9999-02-09 … 9999-03-18, already
    # past; the next would open in the year 10000, which no date can hold: no round is projected (no crash),
    # and the rounds 2023 to 9999 are still named as missing from the catalog
    e = expected_next(YEARLY, "n", dt.date(2022, 2, 9), dt.date(2022, 3, 18), dt.date(9999, 6, 1))
    assert (e.start, e.end, e.ended) == (None, None, None)
    assert e.missing == "2023—9999年各轮未收录"
    assert e.label == "预计时间无法推算"
    # with rounds announced through 2026, the reason no round comes is still the announcement
    batches = CadenceSpec("year", "一", "2024—2026 年…分三批次", through=2026)
    e = expected_next(batches, "n", dt.date(2024, 6, 14), None, dt.date(9999, 12, 31))
    assert e.start is None and e.ended == "通知所定轮次至2026年为止"


def test_the_last_month_a_date_can_name_is_still_a_whole_intake():
    # on 9999-12-31 the December intake runs to the last day a date can hold
    e = expected_next(MONTHLY, "n", dt.date(2021, 6, 1), dt.date(2021, 12, 31), dt.date(9999, 12, 31))
    assert (e.start, e.end) == (dt.date(9999, 12, 1), dt.date(9999, 12, 31))
    # an intake in that last month leaves no later month to expect: none is projected
    e = expected_next(QUARTERLY, "n", dt.date(9999, 10, 1), dt.date(9999, 12, 31), dt.date(9999, 11, 1))
    assert (e.start, e.end, e.missing) == (None, None, None)


UNDATED = "最近一轮未载明申报时间，各轮时间以当轮通知为准；有关办法施行至2026-08-31"


def test_a_yearly_round_after_one_with_no_window_is_expected_with_no_day():
    # 沪科规〔2021〕12号 第十条 "每年度向社会公开发布…申报通知，明确申报时间": the 办法 (in force 2021-09-01 to
    # 2026-08-31) states no window, so the round srdi has "opens" on the 办法's first day. Shifting that day by
    # years would invent a date each year's notice sets: the next round is expected with none. Seen on
    # 2024-10-01, the 2022 and 2023 rounds are missing from the catalog; 2024's may or may not have been held
    e = expected_next(
        YEARLY, "沪科规〔2021〕12号", dt.date(2021, 9, 1), None, dt.date(2024, 10, 1), dt.date(2026, 8, 31), dated=False
    )
    assert (e.start, e.end, e.ended, e.undated) == (None, None, None, UNDATED)
    assert e.missing == "2022—2023年各轮未收录"
    assert e.label == f"预计每年一轮，日期无法推算（{UNDATED}）"


@pytest.mark.parametrize(
    ("on", "ended"),
    [(dt.date(2026, 8, 31), None), (dt.date(2026, 9, 1), "有关办法施行至2026-08-31，已届满")],
)
def test_an_undated_yearly_round_is_expected_until_the_rules_lapse(on, ended):
    # the same 办法, seen on its last day in force (a 2026 round can still be called) and on the day after
    e = expected_next(YEARLY, "n", dt.date(2021, 9, 1), None, on, dt.date(2026, 8, 31), dated=False)
    assert e.ended == ended and (e.undated is None) is (ended is not None)


def test_an_undated_yearly_round_is_not_expected_past_the_last_announced_year():
    # rounds announced through 2026: seen in 2027 none is expected, and 2022–2026 are missing
    through = CadenceSpec("year", "一", "每年", through=2026)
    e = expected_next(through, "n", dt.date(2021, 9, 1), None, dt.date(2027, 1, 1), dated=False)
    assert (e.ended, e.missing) == ("通知所定轮次至2026年为止", "2022—2026年各轮未收录")
