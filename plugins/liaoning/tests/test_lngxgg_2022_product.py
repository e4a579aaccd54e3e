"""辽工信改革〔2022〕9号 二（一）: the 专精特新产品（技术）tier on the shipped example profiles.

The eligible example (examples/srdi-product-eligible.toml), against 二（一）on 2022-03-01
(reference year 2021, "上年度"):
  1  registered 2018-05-10 in 大连 (credit code 91210200…, region 210200 ⊂ 210000):
     3 full years on 2022-03-01 ≥ 2 ("连续经营2年以上"); independent legal person;
     C2913 with 80 people and 1200万元 in 2021 → 300号 四（二）: under 300 people, so
     not 中型; ≥ 20 people and ≥ 300万元 → 小型.
     主导产品符合国家产业政策 and 财务会计核算和管理制度 attested; 进入市场 3 years ≥ 1.
     营业收入 1200 ≥ 1000; 资产负债率 2600/5200 = 50% (2020), 3300/6000 = 55% (2021),
     each ≤ 80.
  2  创新化 holds by its second alternative, "拥有专利技术、软件著作权…等知识产权":
     1 发明 + 3 实用新型 + 1 外观设计 + 2 软件著作权 = 7 ≥ 1. One category is enough
     ("至少满足一类专项指标").
  3  liaoning.key_fields recommended_catalogue: 列入《辽宁省工业高质量发展推荐产品名录》.
  三（三）1 none of the exclusions; conduct attested (compliance_and_credit).
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

ON = dt.date(2022, 3, 1)  # inside the online window 2022-02-09 … 03-18
PRODUCT = "liaoning.srdi-product-2022"


def with_year(profile, year, **facts):
    """The profile with some of one year's figures replaced."""
    return attrs.evolve(profile, years={**profile.years, year: profile.years[year] | facts})


def with_facts(profile, **facts):
    return attrs.evolve(profile, facts=profile.facts | facts)


def outcome(liaoning, profile, criterion, program=PRODUCT):
    return liaoning.evaluate(profile, program, ON).criterion(criterion).outcome.value


def test_eligible_example(liaoning, example):
    r = liaoning.evaluate(example("srdi-product-eligible"), PRODUCT, ON)
    assert r.verdict.value == "eligible"
    assert r.group("innovative").outcome.value == "met"
    assert r.group("special").outcome.value == "met"
    assert r.criterion("sme").values["企业规模"] == "小型"
    assert r.criterion("debt-ratio").values["资产负债率（2021）"] == pytest.approx(55.0)


def test_specialised_figures_hold_and_leave_the_qualitative_clause_to_review(liaoning, example):
    # 二（一）2（1）on the same firm: 主营业务收入 880 → 950 → 1100, growth 7.95% (2020)
    # and 15.79% (2021), both > 0 ("实现正增长"); share 950/1050 = 90.5% and 1100/1200 =
    # 91.7%, both ≥ 60. "具有一定的市场占有率…协作配套关系的能力" is not answered, so the
    # category is for a person to judge (review), not met and not failed.
    r = liaoning.evaluate(example("srdi-product-eligible"), PRODUCT, ON)
    assert r.criterion("p-growth").outcome.value == "met"
    assert r.criterion("p-main-share").outcome.value == "met"
    assert r.criterion("p-market-position").outcome.value == "review"
    assert r.group("specialised").outcome.value == "review"


def test_one_threshold_short_shows_the_gap(liaoning, example, why_not):
    # 2021 营业收入 990万元 < 1000 ("企业上年度营业收入达到1000万元及以上"): 10万元 short.
    # Everything else as the eligible example (size still 小型: 80 people, 990 ≥ 300万元;
    # 主营业务收入 960 is still growth over 2020's 950 and 97% of revenue).
    r = liaoning.evaluate(example("srdi-product-revenue-short"), PRODUCT, ON)
    assert r.verdict.value == "ineligible"
    assert why_not(r) == ["revenue"]
    assert r.criterion("revenue").gap == "营业收入距1000万元还差10万元"
    assert r.criterion("revenue").gap_value == pytest.approx(10.0)


def test_missing_market_time_makes_it_incomplete(liaoning, example):
    # How long the product has been on the market ("进入市场（技术运用）1年以上") is not in
    # the profile: the criterion is unknown and the verdict incomplete, not ineligible.
    r = liaoning.evaluate(example("srdi-product-incomplete"), PRODUCT, ON)
    assert r.verdict.value == "incomplete"
    assert r.criterion("product-market-years").outcome.value == "unknown"


@pytest.mark.parametrize(("revenue", "expected"), [(1000.0, "met"), (999.99, "not_met")])
def test_revenue_exactly_1000(liaoning, example, revenue, expected):
    # "达到1000万元及以上": 1000 meets it, 999.99 does not
    p = with_year(example("srdi-product-eligible"), 2021, revenue=revenue)
    assert outcome(liaoning, p, "revenue") == expected


@pytest.mark.parametrize(
    ("liabilities_2021", "expected"),
    [(4800.0, "met"), (4801.0, "not_met")],
)
def test_debt_ratio_exactly_80_percent(liaoning, example, liabilities_2021, expected):
    # "不高于80%" includes 80: 4800 of 资产 6000 in 2021 is 80% → met (2020 is 50%);
    # 4801 is 80.02% → not met
    p = with_year(example("srdi-product-eligible"), 2021, total_liabilities=liabilities_2021)
    assert outcome(liaoning, p, "debt-ratio") == expected


def test_debt_ratio_one_year_under_and_the_other_over(liaoning, example):
    # 2020: 4108/5200 = 79%; 2021: 4830/6000 = 80.5%. Read as each year (debt_years =
    # each, the default): 2021 is over 80 → not met. Read as the mean: (79 + 80.5) / 2 =
    # 79.75 ≤ 80 → met. The reading decides.
    p = with_year(example("srdi-product-eligible"), 2020, total_liabilities=4108.0)
    p = with_year(p, 2021, total_liabilities=4830.0)
    assert outcome(liaoning, p, "debt-ratio") == "not_met"
    mean = liaoning.program(PRODUCT).with_overrides({"debt_years": "mean"})
    assert liaoning.evaluate(p, mean, ON).criterion("debt-ratio").outcome.value == "met"


@pytest.mark.parametrize(("registered", "expected"), [(dt.date(2020, 3, 1), "met"), (dt.date(2020, 3, 2), "not_met")])
def test_operating_exactly_two_years(liaoning, example, registered, expected):
    # "连续经营2年以上" on 2022-03-01: registered 2020-03-01 → 2 full years → met;
    # registered a day later → 1 full year → not met
    p = with_facts(example("srdi-product-eligible"), registered_on=registered)
    assert outcome(liaoning, p, "operating-years") == expected


@pytest.mark.parametrize(("years", "expected"), [(1, "met"), (0.9, "not_met")])
def test_on_the_market_exactly_one_year(liaoning, example, years, expected):
    # "进入市场（技术运用）1年以上"
    p = with_facts(example("srdi-product-eligible"), product_market_years=years)
    assert outcome(liaoning, p, "product-market-years") == expected


def test_growth_of_exactly_zero_is_not_positive(liaoning, example):
    # "近2年主营业务收入实现正增长": 2021 主营业务收入 950 equals 2020's → growth 0, not
    # positive → not met; 951 → 0.1% → met. Read as compound growth over the two years
    # (growth_years = cagr): 880 (2019) → 950 (2021) is positive → met.
    flat = with_year(example("srdi-product-eligible"), 2021, main_business_revenue=950.0)
    assert outcome(liaoning, flat, "p-growth") == "not_met"
    up = with_year(example("srdi-product-eligible"), 2021, main_business_revenue=951.0)
    assert outcome(liaoning, up, "p-growth") == "met"
    cagr = liaoning.program(PRODUCT).with_overrides({"growth_years": "cagr"})
    assert liaoning.evaluate(flat, cagr, ON).criterion("p-growth").outcome.value == "met"


@pytest.mark.parametrize(("main", "expected"), [(720.0, "met"), (719.0, "not_met")])
def test_main_business_share_exactly_60_percent(liaoning, example, main, expected):
    # "占营业收入的比重达60%及以上", each of the two years: 2021 720/1200 = 60% → met
    # (2020 is 90.5%); 719/1200 = 59.92% → not met
    p = with_year(example("srdi-product-eligible"), 2021, main_business_revenue=main)
    assert outcome(liaoning, p, "p-main-share") == expected


def test_an_exclusion_decides_against_it(liaoning, example, why_not):
    # 三（三）1 "近3年无偷漏税等违法、违规、失信行为": a violation excludes the firm
    p = with_facts(example("srdi-product-eligible"), violation_3y=True)
    r = liaoning.evaluate(p, PRODUCT, ON)
    assert r.verdict.value == "ineligible"
    assert why_not(r) == ["violation"]


def test_the_product_tier_is_outside_the_ladder(liaoning, example):
    # 三（一）1 asks for the highest fitting tier only among 中小企业 and “小巨人”: a product
    # application is never marked as the one to choose or to avoid.
    results = {r.program: r for r in liaoning.check(example("srdi-product-eligible"), ON)}
    assert results[PRODUCT].verdict.value == "eligible"
    assert results[PRODUCT].recommended is None
