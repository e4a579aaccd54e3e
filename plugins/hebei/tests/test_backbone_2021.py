"""The 2021 backbone-SME 专精特新 development project (no 文号, no date): conditions and money.

examples/tangshan-bearings.toml on 2021-07-01 (上年度 = 2020; 近2年 = 2019, 2020):
  一（一）1 registered in 唐山, 12 full years ≥ 3; independent legal person; 中型 (420 people,
        12000万元, C3451); a Hebei SRDI SME of 2019, in force to 2022-12-31.
  一（一）2 not listed (listing_board none); no central key support; no other provincial fund.
  一（二）1 营业收入 12000 ≥ 10000 (1亿元及以上); R&D 480 / 10500 = 4.57% (2019) and 540 / 12000 =
        4.50% (2020), each > 4 ("均高于4%").
  一（二）2 工业“四基” (first sentence) and “补短板” (second sentence): both.
  一（二）3–4 attested.
  一（三）1 主营业务收入 9000 → 10000 → 11000: mean growth 10.56% ≥ 5; 资产负债率 45% ≤ 70.
        2 主营 91.67% ≥ 70; 本省排名 2 ≤ 3; reputation attested.
        3 3 invention patents ≥ 2; 1 provincial R&D institution; 2 core businesses on IT.
        4 own brand; ISO9001; 2 industry standards joined ≥ 1.
  一（四）none of the vetoes. → eligible.
Money (二、1): 2020 R&D 540 less 40 of public funds = 500 self-funded; 20% = 100 = the cap of
100万元 exactly → 100万元, not reduced by the cap.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.testing.timeline import assert_window

BB = "hebei.backbone-2021"
ON = dt.date(2021, 7, 1)


def test_example_is_eligible(hebei, example, edit):
    r = hebei.evaluate(example("tangshan-bearings"), BB, ON)
    assert r.verdict.value == "eligible"
    assert edit.outcome(r, "c1-over-10000") == "met" and edit.outcome(r, "special") == "met"


def test_subsidy_exactly_at_the_cap(hebei, example):
    res = hebei.fund(BB, example("tangshan-bearings"), ON)
    (c,) = res.components
    assert (c.amount, c.capped, res.total, res.unit) == (100.0, False, 100.0, "万元")


@pytest.mark.parametrize(
    ("public", "amount", "capped"),
    [
        (140.0, 80.0, False),  # (540 − 140) × 20% = 80 < 100
        (0.0, 100.0, True),  # 540 × 20% = 108 → "单个企业最高不超过100万元"
        (540.0, 0.0, False),  # all public money: nothing self-funded
    ],
)
def test_subsidy_worked_examples(hebei, example, edit, public, amount, capped):
    p = edit.year(example("tangshan-bearings"), 2020, {"hebei.rd_public_funds": public})
    (c,) = hebei.fund(BB, p, ON).components
    assert (c.amount, c.capped) == (amount, capped)


def test_subsidy_needs_the_self_funded_part(hebei, example, edit):
    # without the public share the self-funded part is unknown — never taken as all of R&D
    p = edit.without_year(example("tangshan-bearings"), 2020, "hebei.rd_public_funds")
    res = hebei.fund(BB, p, ON)
    assert res.total is None and res.payments[0].status == "unknown"
    # given directly, the self-funded part wins: 300 × 20% = 60
    q = edit.year(p, 2020, {"hebei.rd_self_funded": 300.0})
    assert hebei.fund(BB, q, ON).total == 60.0


@pytest.mark.parametrize(
    ("revenue", "rd_2019", "rd_2020", "expected"),
    [
        (10000.0, 480.0, 401.0, "met"),  # 1亿元 exactly is the first band; 401 / 10000 = 4.01% > 4
        (10000.0, 480.0, 400.0, "not_met"),  # 400 / 10000 = 4.00% is not "高于4%"
        (9999.0, 480.0, 450.0, "not_met"),  # second band (5000–1亿): 4.5% is not above 6%
        (5000.0, 631.0, 301.0, "met"),  # 5000 is in the second band; 631 / 10500 = 6.01%, 301 / 5000 = 6.02%
        (5000.0, 631.0, 300.0, "not_met"),  # 300 / 5000 = 6.00% is not "高于6%"
        (4999.0, 631.0, 301.0, "not_met"),  # below both bands
    ],
)
def test_revenue_bands_and_rd_ratios(hebei, example, edit, revenue, rd_2019, rd_2020, expected):
    p = edit.year(example("tangshan-bearings"), 2019, {"rd_expense": rd_2019})
    p = edit.year(p, 2020, {"revenue": revenue, "rd_expense": rd_2020, "main_business_revenue": 0.9 * revenue})
    assert edit.outcome(hebei.evaluate(p, BB, ON), "c1") == expected


def test_product_field_readings(hebei, example, edit):
    # 一（二）2: 工业“四基” alone, without a kind of the second sentence, fails when both sentences
    # must hold (c2_required = 2) and passes when the second is read as further alternatives (1);
    # a “补短板” product outside the first sentence's fields passes only under the second reading.
    p = example("tangshan-bearings")
    loose = hebei.program(BB).with_overrides({"c2_required": 1})
    for fields, strict, lenient in ((("four_bases",), "not_met", "met"), (("shortboard",), "not_met", "met")):
        q = edit.facts(p, {"key_fields": fields})
        assert edit.outcome(hebei.evaluate(q, BB, ON), "c2") == strict
        assert edit.outcome(hebei.evaluate(q, loose, ON), "c2") == lenient
    q = edit.facts(p, {"key_fields": ("green_lowcarbon",)})
    assert edit.outcome(hebei.evaluate(q, loose, ON), "c2") == "not_met"


def test_special_conditions_all_four_or_any_one(hebei, example, edit):
    # 本省排名 4 fails 专业化程度 ("全省前3位"); the other three hold. All four required → not
    # met; read as the guide's "任何一项" → met.
    p = edit.year(example("tangshan-bearings"), 2020, {"province_rank": 4.0})
    assert edit.outcome(hebei.evaluate(p, BB, ON), "k2") == "not_met"
    assert hebei.evaluate(p, BB, ON).verdict.value == "ineligible"
    one = hebei.program(BB).with_overrides({"special_required": 1})
    assert hebei.evaluate(p, one, ON).verdict.value == "eligible"


def test_main_business_share_and_debt_at_70(hebei, example, edit):
    # 专项1 "资产负债率不高于70%": 8400 / 12000 = 70% met, 8401 → 70.01% not;
    # 专项2 "主营业务收入占营业收入达70%以上": 8400 / 12000 = 70% met, 8399 → 69.99% not.
    p = example("tangshan-bearings")
    for liabilities, expected in ((8400.0, "met"), (8401.0, "not_met")):
        q = edit.year(p, 2020, {"total_liabilities": liabilities})
        assert edit.outcome(hebei.evaluate(q, BB, ON), "k1-debt") == expected
    for main, expected in ((8400.0, "met"), (8399.0, "not_met")):
        q = edit.year(p, 2020, {"main_business_revenue": main})
        assert edit.outcome(hebei.evaluate(q, BB, ON), "k2-main-share") == expected


@pytest.mark.parametrize(
    ("board", "excluded"),
    [
        ("sse_star", True),
        ("szse_chinext", True),
        ("szse_sme", True),
        ("overseas", True),
        ("neeq", False),
        ("none", False),
    ],
)
def test_listed_firms_are_not_covered(hebei, example, edit, board, excluded):
    # 一（一）2 "已在上交所主板、科创板和深交所主板、创业板以及境外公开发行股票的企业…不在本申报之列";
    # 新三板 is not among them
    r = hebei.evaluate(edit.facts(example("tangshan-bearings"), {"listing_board": board}), BB, ON)
    assert (r.criterion("listed").outcome.value == "met") is excluded
    assert (r.verdict.value == "ineligible") is excluded


def test_central_key_little_giants_are_not_covered(hebei, example, edit):
    # 二 "已获得中央财政支持的重点“小巨人”企业不能申报本支持项目"
    p = edit.facts(example("tangshan-bearings"), {"hebei.central_key_support": True})
    assert hebei.evaluate(p, BB, ON).verdict.value == "ineligible"


def test_dates_quota_and_label(hebei):
    occ = {o.event: o for o in hebei.deadlines(BB)}
    assert occ["city-submission"].date == dt.date(2021, 8, 19)  # "请各地于8月19日前"
    # "省工业和信息化厅将于2022年上半年组织项目绩效评价"
    assert (occ["performance-evaluation"].start, occ["performance-evaluation"].date) == (
        dt.date(2022, 1, 1),
        dt.date(2022, 6, 30),
    )
    (quota,) = hebei.program(BB).quotas
    assert quota.max == 30  # "对30家左右的企业"
    # the notice prints no date: its label says so instead of showing the assumed day
    assert hebei.program(BB).doc_number.endswith("（未注明日期）")
    assert_window(hebei, BB, dt.date(2021, 8, 19))
