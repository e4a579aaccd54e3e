"""The Tianjin plugin beyond its case files: dates, routing, the plugin's metric, condition type and fund kind.

Verdicts of the three notices are in tests/cases/*.toml, each derived there.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import srdi

SEED = "tianjin.seed-2021-batch-1"
SME = "tianjin.srdi-sme-2021"
AWARDS = "tianjin.key-little-giant-awards-2021"
PLATFORM = "tianjin.platform-cost-subsidy-2021"


def test_seed_applications_close_on_20_march(catalog):
    # 三（五） "于3月20日前": open from the notice (2021-01-20) to 2021-03-20, both included
    assert not catalog.is_open(SEED, dt.date(2021, 1, 19))
    assert catalog.is_open(SEED, dt.date(2021, 1, 20))
    assert catalog.is_open(SEED, dt.date(2021, 3, 20))
    assert not catalog.is_open(SEED, dt.date(2021, 3, 21))


def test_srdi_window_is_13_to_20_december(catalog):
    # 四、1 "网上申报及提交纸质材料的时间为2021年12月13日至12月20日，逾期不予补报"
    assert [catalog.is_open(SME, dt.date(2021, 12, d)) for d in (12, 13, 20, 21)] == [False, True, True, False]
    occ = {o.event: o for o in catalog.deadlines(SME)}
    assert occ["district-recommendation"].date == dt.date(2021, 12, 20)


def test_the_award_rules_are_in_force_to_the_end_of_2025_and_take_no_applications(catalog):
    # 第十二条 "有效期至2025年12月31日"; the 细则 allocates, nobody applies to it
    occ = {o.event: o for o in catalog.deadlines(AWARDS)}
    assert (occ["in-force"].start, occ["in-force"].date) == (dt.date(2021, 8, 10), dt.date(2025, 12, 31))
    assert not catalog.is_open(AWARDS, dt.date(2022, 3, 1))


def test_a_tianjin_credit_code_loads_only_tianjin():
    # 91120116…: characters 3–8 are 120116 (滨海新区) → 天津市 120000 → the tianjin plugin
    cat = srdi.for_credit_code("91120116MA05K3XW2E")
    assert set(cat.plugins) == {"national", "tianjin"}


def test_on_13_december_2021_the_srdi_round_is_the_open_program(catalog, example):
    # routed by region 120104; of Tianjin's programs only the 2021 SRDI round takes
    # applications that day (the seed round closed on 2021-03-20; the awards take none)
    results = catalog.check(example("srdi-sme-candidate"), dt.date(2021, 12, 13))
    assert [(r.program, r.verdict.value) for r in results] == [(SME, "eligible")]


def test_splits_of_the_key_little_giant_funds(catalog):
    # 第六条（一） "不低于…90%" and "不超过…10%": bounds on shares of the pot, which can be met
    # together (90 + 10 = 100)
    splits = {s["id"]: (s["op"], s["share"]) for s in catalog.fund(AWARDS).splits}
    assert splits == {"enterprise-awards": (">=", 90.0), "platform-awards": ("<=", 10.0)}


def test_the_assessment_award_is_paid_after_the_first_year(catalog, example):
    # 第六条（一）2 "培育实施期满1年后": 考核奖励 80 paid at year 1; 基础奖励 120 at the start
    res = catalog.fund(AWARDS, example("key-little-giant"), dt.date(2022, 3, 1))
    assert [(p.component, p.amount, p.offset_years) for p in res.payments] == [
        ("base-award", 120.0, 0),
        ("assessment-award", 80.0, 1),
    ]


def test_the_platform_cap_cuts_the_later_subsidy(catalog, example):
    # 150 + 100 against "最高补贴不超过200万元" (both subsidies together): the service subsidy
    # gets 200 − 150 = 50
    res = catalog.fund(PLATFORM, example("demonstration-platform"), dt.date(2022, 3, 1))
    assert [(p.component, p.amount) for p in res.payments] == [
        ("single-item-award", 150.0),
        ("service-cost-subsidy", 50.0),
    ]
    assert res.components[1].capped
    assert res.components[1].explanation == (
        "公共服务示范平台服务成本补贴（分配方案核定金额） 100万元, capped at 50万元 (200万元 less 150万元 already given)"
    )


def test_a_missing_allocation_is_unknown_not_zero(catalog, example):
    p = example("demonstration-platform")
    p = attrs.evolve(p, facts={k: v for k, v in p.facts.items() if k != "tianjin.allocated_service_subsidy"})
    res = catalog.fund(PLATFORM, p, dt.date(2022, 3, 1))
    assert res.total is None
    assert res.components[1].explanation == "公共服务示范平台服务成本补贴（分配方案核定金额） is missing"


@pytest.mark.parametrize(
    ("code", "section"),
    [("C3443", "C"), ("3443", "C"), ("I6513", "I"), ("65", "I"), ("M7320", "M"), ("not a code", None)],
)
def test_industry_section_from_the_industry_code(catalog, code, section):
    # GB/T 4754-2017: divisions 13–43 are 制造业 (C), 63–65 信息传输、软件和信息技术服务业 (I),
    # 73–75 科学研究和技术服务业 (M); digits alone are placed by their division
    profile = catalog.load_profile_data({"enterprise": {"industry_code": code}})
    result = catalog.evaluate(profile, SME, dt.date(2021, 12, 15)).criterion("sector")
    shown = next(iter(result.values.values()))
    assert result.outcome.value == ("unknown" if section is None else "met")
    assert (shown is None) == (section is None)


def test_a_given_section_wins_over_the_code(catalog):
    # a profile may state industry_section itself (e.g. from a registry)
    profile = catalog.load_profile_data({"enterprise": {"industry_code": "C3443", "industry_section": "F"}})
    assert catalog.evaluate(profile, SME, dt.date(2021, 12, 15)).criterion("sector").outcome.value == "not_met"
