"""A figure exactly at a threshold meets it, however binary floating point computes the ratio."""

from __future__ import annotations

import datetime as dt

import pytest

LG3 = "national.little-giant-3rd-batch"
ON = dt.date(2021, 5, 1)  # 上年度 2020


@pytest.mark.parametrize(
    ("main", "revenue", "expected"),
    [
        # 主营业务收入 570 of 营业收入 1000 is 57%: as a float 570 / 1000 × 100 = 56.99999999999999
        (570.0, 1000.0, "met"),  # with the threshold lowered to 57 below: exactly at it
        (569.0, 1000.0, "not_met"),  # 56.9%
    ],
)
def test_a_ratio_exactly_at_the_threshold(baseline, main, revenue, expected):
    # 三（二）2 "主营业务收入占营业收入达70%以上", lowered to 57 for this test so the ratio
    # lands on a value binary floating point cannot hold exactly
    program = baseline.program(LG3).with_overrides({"main-business-share.value": 57})
    profile = baseline.load_profile_data({"years": {"2020": {"main_business_revenue": main, "revenue": revenue}}})
    assert baseline.evaluate(profile, program, ON).criterion("main-business-share").outcome.value == expected


def test_a_mean_growth_exactly_at_the_threshold(baseline):
    # 三（二）1 "近2年主营业务收入…平均增长率达到5%以上", read as the mean of 2019 and 2020:
    # 250 → 250 (0%) → 300 (20%): the mean is exactly 10%, computed as 9.999999999999998
    program = baseline.program(LG3).with_overrides({"main-business-growth.value": 10})
    years = {"2018": {"main_business_revenue": 250}, "2019": {"main_business_revenue": 250}}
    years["2020"] = {"main_business_revenue": 300}
    profile = baseline.load_profile_data({"years": years})
    assert baseline.evaluate(profile, program, ON).criterion("main-business-growth").outcome.value == "met"
