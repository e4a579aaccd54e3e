"""The Tianjin plugin beyond its case files: dates, rounds, quotas, routing, the plugin's metric and fund kind.

Verdicts of the three notices are in tests/cases/*.toml, each derived there.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import srdi
from srdi.i18n import speaking
from srdi.testing.regions import assert_named_units
from srdi.testing.timeline import assert_window, event

SEED = "tianjin.seed-2021-batch-1"
SME = "tianjin.srdi-sme-2021"
AWARDS = "tianjin.key-little-giant-awards-2021"
PLATFORM = "tianjin.platform-cost-subsidy-2021"


def test_seed_applications_close_on_20_march(catalog):
    # 三（五） "于3月20日前": open from the notice (2021-01-20) to 2021-03-20, both included
    assert_window(catalog, SEED, dt.date(2021, 3, 20), first=dt.date(2021, 1, 20))


def test_srdi_window_is_13_to_20_december(catalog):
    # 四、1 "网上申报及提交纸质材料的时间为2021年12月13日至12月20日，逾期不予补报"
    assert_window(catalog, SME, dt.date(2021, 12, 20), first=dt.date(2021, 12, 13))
    assert event(catalog, SME, "district-recommendation").date == dt.date(2021, 12, 20)


def test_the_award_rules_are_in_force_to_the_end_of_2025_and_take_no_applications(catalog):
    # 第十二条 "有效期至2025年12月31日"; the 细则 allocates, nobody applies to it
    occ = event(catalog, AWARDS, "in-force")
    assert (occ.start, occ.date) == (dt.date(2021, 8, 10), dt.date(2025, 12, 31))
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
        "公共服务示范平台服务成本补贴（分配方案核定金额） 100万元，以50万元为上限（200万元减去已给予的150万元）"
    )
    with speaking("en"):  # the plugin's own catalogue speaks the language srdi's messages are in
        res = catalog.fund(PLATFORM, example("demonstration-platform"), dt.date(2022, 3, 1))
    assert res.components[1].explanation.endswith(", capped at 50万元 (200万元 less 150万元 already given)")


def test_a_missing_allocation_is_unknown_not_zero(catalog, example):
    p = example("demonstration-platform")
    p = attrs.evolve(p, facts={k: v for k, v in p.facts.items() if k != "tianjin.allocated_service_subsidy"})
    res = catalog.fund(PLATFORM, p, dt.date(2022, 3, 1))
    assert res.total is None
    assert res.components[1].explanation == "缺少公共服务示范平台服务成本补贴（分配方案核定金额）"


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


SEED_2 = "tianjin.seed-2021-batch-2"
KLG_1 = "tianjin.key-little-giant-2021-batch-1"
KLG_2 = "tianjin.key-little-giant-2021-batch-2"
PLATFORM_2 = "tianjin.platform-2021-batch-2"
PLAN_MEASURES = ("tianjin.seed-priority-2021", "tianjin.seed-district-support-2021", "tianjin.pool-services-2021")


def test_second_seed_batch_closes_on_13_september(catalog):
    # 17号 三、1 "于9月13日前": no date printed; read as issued 2021-07-05 (date_printed = false),
    # so open from 2021-07-05 to 2021-09-13, both included
    assert [n.spec.notice.date_printed for n in catalog.notices if n.spec.notice.id == "jgxzqf-2021-17"] == [False]
    assert_window(catalog, SEED_2, dt.date(2021, 9, 13), first=dt.date(2021, 7, 5))


def test_key_little_giant_batches_close_on_8_march_and_at_noon_on_12_july(catalog):
    # 3号 通知二 "2021年3月8日前"; 11号 通知二 "2021年7月12日中午12：00前"
    assert_window(catalog, KLG_1, dt.date(2021, 3, 8))
    occ = event(catalog, KLG_2, "district-submission")
    assert (occ.date, occ.time) == (dt.date(2021, 7, 12), "12:00")
    assert catalog.is_open(PLATFORM_2, dt.date(2021, 7, 5)) and not catalog.is_open(PLATFORM_2, dt.date(2021, 7, 4))


def test_the_second_batches_follow_the_first(catalog):
    # each batch is a round of its series, the second following the first (it extends it)
    for series, rounds in {
        "tianjin.seed": ["tianjin.seed-2021-batch-1", SEED_2],
        "tianjin.key-little-giant": [KLG_1, KLG_2],
        "tianjin.platform": ["tianjin.platform-2021-batch-1", PLATFORM_2],
    }.items():
        assert [r.program.id for r in catalog.series[series].rounds] == rounds


def test_the_gradient_plan_measures_are_in_force_from_20_january_2021_and_never_open(catalog):
    # 1号 prints no start: in force from the day it is dated (2021-01-20), no end (until replaced)
    for pid in PLAN_MEASURES:
        p = catalog.program(pid)
        assert (p.in_force.start, p.in_force.end, p.in_force.applications) == (dt.date(2021, 1, 20), None, "none")
        assert not catalog.is_open(pid, dt.date(2021, 6, 1))


def seed_pool(example, *rows):
    a = example("seed-candidate")
    return [
        attrs.evolve(
            a,
            facts=a.facts | {"region_code": region, "name": name, "tianjin.srdi_sme_rejected_2019_2020": rejected},
        )
        for region, name, rejected in rows
    ]


def test_each_districts_number_is_supplied_and_the_turned_down_rank_first(catalog, example):
    # 17号 通知一 "各区全年分配指标见附件3" (not printed: supplied), 二（一） "优先推荐2019年、2020年申报天津市
    # “专精特新”中小企业未通过…的企业". Three eligible firms (tests/cases/seed-2021-batch-2.toml): 甲 and
    # 乙 in 120116 (滨海新区), 丙 in 120113 (北辰区); 乙 was turned down in 2020. Numbers: 1 each.
    # 乙 ranks first (the priority) and takes 滨海新区's one place; 甲 is cut by it; 丙 takes 北辰区's.
    from srdi.batch.select import select

    pool = seed_pool(example, ("120116", "甲", False), ("120116", "乙", True), ("120113", "丙", False))
    numbers = {"per-district": {"120116": 1, "120113": 1}}
    out = select(catalog, catalog.frame(pool), SEED_2, dt.date(2021, 9, 1), allocations=numbers).frame
    assert out["selected"].tolist() == [False, True, True]
    assert out["rank"].tolist() == [2, 1, 3]
    assert out["cut_by"].tolist()[0] == "per-district"
    # the 区 is named as plugin.toml registers it (not "天津市（120116）")
    assert "（滨海新区）已达上限1家" in out["reason"].iloc[0]


def test_the_16_districts_are_named_and_found_by_code_slug_or_name(catalog, example):
    # plugin.toml registers the 16 区 17号's per-district numbers count (named, not served),
    # directly under the municipality, by their GB/T 2260 codes and names of 2021; a number
    # given by slug or name reaches the same unit as one given by code
    # (`srdi select --quota per-district:binhaixinqu=1`)
    from srdi.batch.select import select

    # 河北区 is not 河北省
    assert_named_units(
        catalog,
        "120000",
        "district",
        16,
        named={"120101": "和平区", "120116": "滨海新区", "120119": "蓟州区"},
        found={
            "binhaixinqu": "120116",
            "滨海新区": "120116",
            "hebeiqu": "120105",
            "河北区": "120105",
            "hebei": "130000",
            "河北": "130000",
        },
    )
    pool = seed_pool(example, ("120116", "甲", False), ("120116", "乙", True), ("120113", "丙", False))
    numbers = {"per-district": {"滨海新区": 1, "beichen": 1}}
    out = select(catalog, catalog.frame(pool), SEED_2, dt.date(2021, 9, 1), allocations=numbers).frame
    assert out["selected"].tolist() == [False, True, True]
    assert "（滨海新区）已达上限1家" in out["reason"].iloc[0]


def test_without_the_districts_numbers_nobody_is_cut_and_the_run_says_why(catalog, example):
    # 附件3 is not printed and no overall number is: without the numbers every eligible firm stays,
    # and the run says how to give them
    from srdi.batch.select import select

    pool = seed_pool(example, ("120116", "甲", False), ("120116", "乙", True))
    result = select(catalog, catalog.frame(pool), SEED_2, dt.date(2021, 9, 1))
    assert result.frame["selected"].tolist() == [True, True]
    assert any("per-district" in n and "附件3" in n for n in result.notes)


def test_the_bars_on_applying_again_sit_where_they_govern(catalog):
    # seed batch 2: 17号 二（五） "立即予以撤销，且两年内不再受理其申报申请" (the seed pool); the first batch
    # has none (nobody can have been revoked from the pool it creates); 28号 三、7 "从名单中去除，…两年内不再
    # 受理其申报申请" (the municipal title); 1号 四（五） "两年内不再受理推荐" on the 方案's own recommendation
    # (四（二）), for the seed pool and the municipal title. No other Tianjin program carries a bar.
    bars = {
        (program.id, cid): (tuple(c.args["titles"]), c.args["years"], c.origin.notice, c.origin.clause)
        for program in catalog.programs()
        if program.id.startswith("tianjin.")
        for cid, c in program.criteria.items()
        if c.type == "revoked"
    }
    assert bars == {
        ("tianjin.seed-2021-batch-2", "not-revoked"): (
            ("tianjin.seed_pool",),
            2,
            "津工信中小企服〔2021〕17号",
            "二（五）",
        ),
        ("tianjin.srdi-sme-2021", "not-revoked"): (("tianjin.srdi_sme",), 2, "津工信中小企服〔2021〕28号", "三、7"),
        ("tianjin.seed-priority-2021", "not-revoked"): (
            ("tianjin.seed_pool", "tianjin.srdi_sme"),
            2,
            "津工信中小企服〔2021〕1号",
            "四（五）",
        ),
    }
