"""Fund rules: stated amounts split into tranches, and money a notice names without an amount."""

from __future__ import annotations

import pytest

from srdi.errors import SrdiError
from srdi.funds import TRANCHE_SHARE_UNSTATED, UNSTATED
from srdi.i18n import t
from srdi.testing.helpers import catalog_with, write_notice

TEXT = (
    "资金通知\n资〔2030〕1号\n一、每家企业奖补 600万元，实施期初下达 50%，实施期末下达剩余资金。\n"
    "二、财政部于批复当年、实施期满 1年及满 2年时滚动安排奖补资金。\n"
    "三、奖补资金 90%以上用于直接支持企业。\n"
)
HEAD = """
[notice]
id = "fund-2030"
doc_number = "资〔2030〕1号"
title = "资金通知"
issuer = ["资"]
issued_on = 2030-01-01
region = "000000"
text = "TEXTFILE"
"""
PROGRAM = """
[[programs]]
id = "national.{name}"
title = "{name}"
kind = "funding"
clause = "一"
quote = "每家企业奖补 600万元"
rule = "brand"

[[programs.criteria]]
id = "brand"
label = "自主品牌"
type = "flag"
fact = "own_brand"
clause = "一"
quote = "每家企业奖补 600万元"
"""
FUND = """
[programs.fund]
basis = "{basis}"
clause = "二"
quote = "滚动安排奖补资金"
"""
STATED = """
[[programs.fund.components]]
id = "standard"
label = "奖补标准"
kind = "fixed"
amount = 600
clause = "一"
quote = "每家企业奖补 600万元"

[[programs.fund.components.tranches]]
id = "start"
label = "实施期初下达"
share = 50
clause = "一"
quote = "实施期初下达 50%"

[[programs.fund.components.tranches]]
id = "end"
label = "实施期末下达剩余资金"
share = "rest"
offset_years = 2
clause = "一"
quote = "实施期末下达剩余资金"
"""
UNSTATED_COMPONENT = """
[[programs.fund.components]]
id = "block"
label = "奖补资金"
kind = "unstated"
clause = "二"
quote = "滚动安排奖补资金"

[[programs.fund.components.tranches]]
id = "approval-year"
label = "批复当年"
clause = "二"
quote = "财政部于批复当年"

[[programs.fund.components.tranches]]
id = "year-1"
label = "实施期满1年"
offset_years = 1
clause = "二"
quote = "实施期满 1年"

[[programs.fund.splits]]
id = "enterprises"
label = "直接支持企业"
op = ">="
share = 90
clause = "三"
quote = "奖补资金 90%以上用于直接支持企业"
"""


@pytest.fixture(scope="module")
def funds(tmp_path_factory):
    toml = (
        HEAD
        + PROGRAM.format(name="stated")
        + FUND.format(basis="per_enterprise")
        + STATED
        + PROGRAM.format(name="empty")
        + FUND.format(basis="transfer_basis")
        + PROGRAM.format(name="unstated")
        + FUND.format(basis="transfer_basis")
        + UNSTATED_COMPONENT
    )
    path = write_notice(tmp_path_factory.mktemp("funds"), "fund-2030", toml, TEXT)
    return catalog_with([path])


def test_a_stated_amount_splits_into_its_tranches(funds):
    # 一: 600万元, 50% at the start (300), the rest at the end (600 − 300 = 300, two years on)
    res = funds.fund("national.stated")
    assert res.total == 600
    assert [(p.tranche, p.amount, p.offset_years, p.status) for p in res.payments] == [
        ("start", 300, 0, "payable"),
        ("end", 300, 2, "payable"),
    ]
    schedule = funds.fund_schedule("national.stated", enterprises=10, start_year=2030)
    # 10 enterprises × 300 in 2030 and × 300 in 2032
    assert [(r["year"], r["total"]) for r in schedule] == [(2030, 3000), (2032, 3000)]


def test_a_fund_without_components_totals_unknown_not_zero(funds):
    # the notice names the money but no component states any amount: the total is not 0
    res = funds.fund("national.empty")
    assert res.components == () and res.payments == ()
    assert res.total is None and res.payable is None
    assert t(UNSTATED) in res.notes
    with pytest.raises(SrdiError, match="通知未规定金额"):
        funds.fund_schedule("national.empty", enterprises=10, start_year=2030)


def test_an_unstated_component_keeps_its_payment_points_and_share_bound(funds):
    # 二 names the payment points (批复当年, 满1年) but no amount and no shares; 三 bounds the
    # share that goes to enterprises. Every amount is unknown, with the reason, never 0.
    res = funds.fund("national.unstated")
    (comp,) = res.components
    assert comp.kind == "unstated" and comp.amount is None and comp.stated is False
    assert comp.to_json()["stated"] is False
    assert [(p.tranche, p.offset_years, p.amount, p.status, p.reason) for p in res.payments] == [
        ("approval-year", 0, None, "unknown", t(UNSTATED)),
        ("year-1", 1, None, "unknown", t(UNSTATED)),
    ]
    assert res.total is None and res.payable is None
    assert [(s["op"], s["share"]) for s in res.splits] == [(">=", 90)]
    with pytest.raises(SrdiError, match="通知未规定金额"):
        funds.fund_schedule("national.unstated", enterprises=10, start_year=2030)


def test_a_tranche_without_a_share_is_unknown(tmp_path):
    # 600万元 is stated, but a tranche that leaves its share out cannot be computed
    toml = (
        HEAD
        + PROGRAM.format(name="partial")
        + FUND.format(basis="per_enterprise")
        + STATED.replace('share = "rest"\n', "")
    )
    cat = catalog_with([write_notice(tmp_path, "fund-2030", toml, TEXT)])
    res = cat.fund("national.partial")
    assert [(p.tranche, p.amount, p.reason) for p in res.payments] == [
        ("start", 300, None),
        ("end", None, t(TRANCHE_SHARE_UNSTATED)),
    ]
    assert res.total is None
