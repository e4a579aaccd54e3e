"""《北京市关于促进“专精特新”中小企业高质量发展的若干措施》(北京市促进中小企业发展工作领导小组
办公室, 2021-12-22): the support items that state a condition or an amount.

The example (examples/measures-little-giant.toml) on 2022-03-01: a national little giant
granted 2021-07-01 (in force to 2024-06-30) → within "本政策适用于国家和市级“专精特新”
中小企业及“小巨人”企业"; listed on the STAR Market; two FDA-registered products; 120万元
of trade-fair costs.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.profile import Recognition

ON = dt.date(2022, 3, 1)


def total(beijing, program, profile=None):
    return beijing.fund(program, profile, ON).total


def test_in_force_from_the_day_of_issue_without_end(beijing, example):
    # 末段 "本政策适用于…，自印发之日起施行" (印发 2021-12-22), no end printed: a standing measure,
    # in force from 2021-12-22 until replaced, applying to qualifying firms with no window —
    # so never "open", before or after
    prog = "beijing.measure-listing-2021"
    assert not any(beijing.is_open(prog, dt.date(y, m, 1)) for y in (2021, 2022, 2026) for m in (1, 6, 12))
    (occ,) = [o for o in beijing.deadlines(prog) if o.event == "in-force"]
    assert (occ.start, occ.date, occ.clause, occ.quote) == (
        dt.date(2021, 12, 22),
        None,
        "若干措施 末段",
        "自印发之日起施行",
    )
    p = example("measures-little-giant")
    in_force = {m.program for m in beijing.today(p, dt.date(2021, 12, 22)).in_force}
    assert prog in in_force
    assert not any(m.program.startswith("beijing.") for m in beijing.today(p, dt.date(2021, 12, 21)).in_force)


def test_scope_is_a_title_in_force(beijing, example):
    r = beijing.evaluate(example("measures-little-giant"), "beijing.measure-listing-2021", ON)
    assert (r.criterion("scope").outcome.value, r.verdict.value) == ("met", "eligible")
    # a municipal SRDI title granted 2018-03-01 ended 2021-02-28: outside the scope
    p = attrs.evolve(
        example("measures-little-giant"), recognitions=(Recognition("beijing.srdi_sme", 2018, dt.date(2018, 3, 1)),)
    )
    assert beijing.evaluate(p, "beijing.measure-listing-2021", ON).criterion("scope").outcome.value == "not_met"
    # a municipal little giant: no period of validity is printed, so in force only with valid_until
    p = attrs.evolve(p, recognitions=(Recognition("beijing.little_giant", 2021),))
    assert beijing.evaluate(p, "beijing.measure-listing-2021", ON).criterion("scope").outcome.value == "unknown"
    p = attrs.evolve(p, recognitions=(Recognition("beijing.little_giant", 2021, valid_until=dt.date(2024, 6, 30)),))
    assert beijing.evaluate(p, "beijing.measure-listing-2021", ON).criterion("scope").outcome.value == "met"


def test_the_answer_for_a_day_lists_the_measures_in_force(beijing, example):
    # on 2022-03-01 every measure is in force; for this firm the listing subsidy and the
    # international registration reward are decided (eligible), 新三板 is not (listed on STAR)
    answer = beijing.today(example("measures-little-giant"), ON)
    results = {m.program: m.result.verdict.value for m in answer.in_force}
    assert not any(r.program.startswith("beijing.measure-") for r in answer.open)  # in force, not open
    assert results["beijing.measure-listing-2021"] == "eligible"
    assert results["beijing.measure-intl-registration-2021"] == "eligible"
    assert results["beijing.measure-neeq-2021"] == "ineligible"
    assert results["beijing.measure-relocation-2021"] == "ineligible"  # not relocated
    assert results["beijing.measure-trade-fairs-2021"] == "review"  # 开展外贸业务: a person judges


def test_frontier_rd_years_two_and_three(beijing):
    # 第1条 "第一年最高支持200万元，第二至三年支持金额最高不超过500万元": 200 + 500 = 700 read as
    # one amount for the two later years; 200 + 2 × 500 = 1200 read as 500 a year
    assert total(beijing, "beijing.measure-frontier-rd-2021") == 700.0
    each = beijing.program("beijing.measure-frontier-rd-2021").with_overrides({"frontier_later_years_each": True})
    assert beijing.fund(each).total == 1200.0


def test_listing_subsidy_municipal_and_district(beijing, example):
    # 第9条 "市级…每家总额不超过300万元…区级财政资金补贴不低于市级标准": 300 + at least 300
    res = beijing.fund("beijing.measure-listing-2021", example("measures-little-giant"), ON)
    assert {c.id: c.amount for c in res.components} == {"municipal": 300.0, "district": 300.0}


@pytest.mark.parametrize(
    ("products", "amount"),
    [
        # 第12条 "给予200万元奖励，单个企业年奖励额不超过1000万元"
        (2, 400.0),  # below the cap: 2 × 200
        (5, 1000.0),  # at the cap: 5 × 200
        (6, 1000.0),  # above: 1200 → 1000
    ],
)
def test_international_registration_reward(beijing, example, tweak, products, amount):
    p = tweak.facts(example("measures-little-giant"), **{"beijing.intl_registered_products": products})
    assert total(beijing, "beijing.measure-intl-registration-2021", p) == amount


@pytest.mark.parametrize(
    ("years", "amount"),
    [
        # 第11条 "贷款贴息给予不超过3年、每年最高500万元支持和投资性补助最高100万元一次性支持"
        (2, 2 * 500.0 + 100.0),
        (3, 3 * 500.0 + 100.0),
        (4, 3 * 500.0 + 100.0),  # a fourth year is not subsidised
    ],
)
def test_belt_and_road(beijing, example, tweak, years, amount):
    p = tweak.facts(example("measures-little-giant"), **{"beijing.belt_road_interest_years": years})
    assert total(beijing, "beijing.measure-belt-road-2021", p) == amount


def test_trade_fairs_seventy_percent(beijing, example):
    # 第11条 "按照实际发生费用给予最高70%的资金支持": 70% × 120 = 84, no cap printed
    assert total(beijing, "beijing.measure-trade-fairs-2021", example("measures-little-giant")) == 84.0


@pytest.mark.parametrize(
    ("investment", "amount"),
    [
        # 第5条 "按实际建设投入给予最高500万元资金补助，并根据服务绩效给予最高100万元奖励"
        (300.0, 300.0 + 100.0),
        (500.0, 500.0 + 100.0),
        (800.0, 500.0 + 100.0),
    ],
)
def test_pilot_platform(beijing, example, tweak, investment, amount):
    p = tweak.facts(example("measures-little-giant"), **{"beijing.pilot_platform_investment": investment})
    assert total(beijing, "beijing.measure-pilot-platform-2021", p) == amount


@pytest.mark.parametrize(
    ("program", "cap"),
    [
        # the most each measure pays ("给予最高…"), the amount within it being set on review
        ("beijing.measure-smart-green-upgrade-2021", 3000.0),
        ("beijing.measure-old-factory-2021", 5000.0),
        ("beijing.measure-chain-challenge-2021", 5000.0),
        ("beijing.measure-leasing-2021", 1000.0),
        ("beijing.measure-platform-reward-2021", 100.0),
    ],
)
def test_measure_maxima(beijing, program, cap):
    assert total(beijing, program) == cap
