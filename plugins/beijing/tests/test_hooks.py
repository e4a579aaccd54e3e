"""The plugin's hooks on throwaway notices: what they compute and how they report bad data."""

from __future__ import annotations

import pytest

from srdi.errors import NoticeError
from srdi.funds import FundInputs
from srdi.testing.helpers import catalog_with, write_notice
from srdi_beijing.funds import Item, UpToArgs, YearlyCappedArgs, up_to, yearly_capped

TEXT = "第一条 奖励每项最高10万元，每年最高支持50万元。第二条 于2021年3月1日之后开工。"
HEAD = """
[notice]
id = "demo-notice"
title = "第一条"
issuer = ["示例"]
issued_on = 2021-01-01
region = "110000"
text = "TEXTFILE"
identified_by = "示例"
"""


def inputs(values: dict[tuple[str, int | None], float]) -> FundInputs:
    return FundInputs(lambda key, year: values.get((key, year)), lambda key: key, 2020, {})


def test_yearly_capped_counts_countries_up_to_the_limit():
    # one invention granted in 3 countries, with a limit of 2: 1 × min(3, 2) × 2 = 4 in 2021
    args = YearlyCappedArgs((2021,), 20.0, (Item("n3", 2.0, countries=3, or_more=True),), max_countries=2)
    amount = yearly_capped(args, inputs({("n3", 2021): 1.0}))
    assert amount.value == 4.0


def test_yearly_capped_refuses_a_bucket_it_cannot_weigh():
    # "3 or more countries" cannot be weighed under a limit of 4: the file is wrong, say so
    args = YearlyCappedArgs((2021,), 20.0, (Item("n3", 2.0, countries=3, or_more=True),), max_countries=4)
    with pytest.raises(NoticeError, match="n3: '3 or more' cannot be weighed"):
        yearly_capped(args, inputs({("n3", 2021): 1.0}))


def test_up_to_without_and_with_a_base():
    # no base: the clause's maximum; a base of 30 at 70% = 21, under a cap of 100
    assert up_to(UpToArgs(cap=100.0), inputs({})).value == 100.0
    assert up_to(UpToArgs(cap=100.0, base="cost", rate=70.0), inputs({("cost", 2020): 30.0})).value == 21.0
    # per year: 500 a year for 2 years = 1000
    assert up_to(UpToArgs(cap=500.0, per_year=True, years=2), inputs({})).value == 1000.0
    # a missing base is unknown, not the cap
    assert up_to(UpToArgs(cap=100.0, base="cost"), inputs({})).value is None


def test_a_date_window_needs_a_date_field(tmp_path):
    # the date windows of the project guides are srdi's date type: a fact that is no date is refused
    toml = (
        HEAD
        + """
[[programs]]
id = "demo.p"
title = "示例"
rule = "start"
clause = "第二条"
quote = "开工"

[[programs.criteria]]
id = "start"
label = "开工日期"
type = "date"
fact = "beijing.project_total_investment"
op = ">="
date = 2021-03-01
clause = "第二条"
quote = "于2021年3月1日之后开工"
"""
    )
    cat = catalog_with([write_notice(tmp_path, "n", toml, TEXT)], plugins=["beijing"])
    with pytest.raises(NoticeError, match=r"'beijing\.project_total_investment' 不是日期类事实"):
        cat.compiled("demo.p")


def test_rolling_month_needs_its_last_day(tmp_path):
    toml = (
        HEAD
        + """
[[programs]]
id = "demo.p"
title = "示例"
rule = "x"
clause = "第二条"
quote = "开工"

[[programs.criteria]]
id = "x"
label = "示例"
type = "attest"
clause = "第二条"
quote = "开工"

[[programs.timeline]]
id = "results"
title = "次月公示"
kind = "beijing.rolling_month"
start = 2021-06-01
phase = "results"
clause = "第二条"
quote = "开工"
"""
    )
    cat = catalog_with([write_notice(tmp_path, "n", toml, TEXT)], plugins=["beijing"])
    with pytest.raises(NoticeError, match=r"results.*needs last_day"):
        cat.deadlines("demo.p", [2021])
