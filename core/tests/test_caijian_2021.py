"""财建〔2021〕2号: key little giants and platforms, their money, dates and template forms.

The eligible example (core/examples/key-little-giant-eligible.toml), against the
template's 二（一） ("重点“小巨人”企业须同时符合以下条件"), evaluated on 2021-03-15 for
the first batch (上年 = 2020):
  1 基础条件  national.little_giant from 2020; 工信厅企业函〔2021〕79号 四（五） gives it 3 years,
             so it is in force on 2021-03-15; 上市情况 none, not one of the excluded boards.
  2 产业导向  key_fields 工业“四基” → the first of the three branches.
  3 专业化    主营业务收入 7000 / 营业收入 10000 = 70.0% in 2020; "70%以上" includes 70.
  4 创新能力  研发 (320 + 400) / (8000 + 10000) = 720 / 18000 = 4.0% ≥ 4 over the two years
             (each year is 4.0% as well); 有效发明专利 2 ≥ 2 → one of the three conditions.
    经营管理  ISO9000 → 1 certification ≥ 1.
    成长性    first batch: "上年主营业务收入增长（不作为第一批申报条件）" → not asked.
  → eligible.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from srdi.forms import validate
from srdi.profile import Recognition

EXAMPLES = Path(__file__).parent.parent / "examples"
ON = dt.date(2021, 3, 15)  # first batch: provinces send their 实施方案 by 2021-03-31
KLG = "national.key-little-giant-2021"
PLATFORM = "national.platform-2021"


@pytest.fixture()
def example(baseline):
    return lambda name: baseline.load_profile(EXAMPLES / f"{name}.toml")


def facts(p, **kw):
    return attrs.evolve(p, facts={**p.facts, **kw})


def year(p, y, **kw):
    return attrs.evolve(p, years={**p.years, y: {**p.years.get(y, {}), **kw}})


def outcome(baseline, p, cid, program=KLG, on=ON):
    return baseline.evaluate(p, program, on).criterion(cid).outcome.value


# ------------------------------------------------------------------ key little giants
def test_eligible_example(baseline, example):
    r = baseline.evaluate(example("key-little-giant-eligible"), KLG, ON)
    assert r.verdict.value == "eligible"
    assert r.reference_year == 2020
    assert r.group("orientation").outcome.value == "met"
    assert r.group("growth").outcome.value == "met"  # not asked in batch 1


def test_rd_exactly_4_percent_one_year_and_3_99_the_other(baseline, example):
    # 2019: 320 / 8000 = 4.00%; 2020: 399 / 10000 = 3.99%.
    # aggregate: 719 / 18000 = 3.994% < 4 → not met; 4% × 18000 − 719 = 1万元 short.
    # each year: 2020's 3.99% < 4 → not met either. Nothing else fails: the only groups that
    # fail are the ones on the path from rd-ratio to the root.
    p = example("key-little-giant-rd-short")
    r = baseline.evaluate(p, KLG, ON)
    assert r.verdict.value == "ineligible"
    assert r.criterion("rd-ratio").outcome.value == "not_met"
    assert {g.id for g in r.groups if g.outcome.value != "met"} == {"eligibility", "further", "innovation"}
    assert r.criterion("rd-ratio").gap == "研发经费支出（近2年合计）距4%还差1万元"
    each = baseline.program(KLG).with_overrides({"rd_years": "each"})
    assert baseline.evaluate(p, each, ON).criterion("rd-ratio").outcome.value == "not_met"


def test_rd_readings_diverge(baseline, example):
    # 2019: 500 / 8000 = 6.25%; 2020: 350 / 10000 = 3.5%.
    # aggregate: 850 / 18000 = 4.72% ≥ 4 → met; each: 2020's 3.5% < 4 → not met.
    p = year(year(example("key-little-giant-eligible"), 2019, rd_expense=500.0), 2020, rd_expense=350.0)
    assert outcome(baseline, p, "rd-ratio") == "met"
    each = baseline.program(KLG).with_overrides({"rd_years": "each"})
    assert baseline.evaluate(p, each, ON).criterion("rd-ratio").outcome.value == "not_met"


def test_main_business_share_exactly_70_percent(baseline, example):
    # "主营业务收入占营业收入比重70%以上": 7000 / 10000 = 70% meets it, 6999 / 10000 = 69.99% does not
    p = example("key-little-giant-eligible")
    assert outcome(baseline, p, "main-business-share") == "met"
    assert outcome(baseline, year(p, 2020, main_business_revenue=6999.0), "main-business-share") == "not_met"


@pytest.mark.parametrize(
    ("board", "expected"),
    [
        ("neeq", "met"),  # 新三板 is not named among the excluded boards
        ("bse", "met"),  # nor 北交所
        ("regional_equity", "met"),
        ("szse_chinext", "not_met"),  # 深交所创业板 is named
        ("sse_star", "not_met"),  # 上交所科创板 is named
        ("overseas", "not_met"),  # 境外公开发行股票
    ],
)
def test_listing_exclusion_names_only_some_boards(baseline, example, board, expected):
    p = facts(example("key-little-giant-eligible"), listing_board=board)
    assert outcome(baseline, p, "not-listed") == expected


def test_listing_status_missing_is_unknown(baseline, example):
    p = example("key-little-giant-eligible")
    p = attrs.evolve(p, facts={k: v for k, v in p.facts.items() if k != "listing_board"})
    r = baseline.evaluate(p, KLG, ON)
    assert r.criterion("not-listed").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_little_giant_title_must_be_in_force(baseline, example):
    # granted 2017-06-01, 3 years from the grant (79号 四（五）) → ended 2020-05-31:
    # not in force on 2021-03-15; the `ever` reading accepts it.
    p = attrs.evolve(
        example("key-little-giant-eligible"),
        recognitions=(Recognition("national.little_giant", 2017, dt.date(2017, 6, 1)),),
    )
    assert outcome(baseline, p, "little-giant") == "not_met"
    ever = baseline.program(KLG).with_overrides({"little_giant_valid": "ever"})
    assert baseline.evaluate(p, ever, ON).criterion("little-giant").outcome.value == "met"
    none = attrs.evolve(p, recognitions=())
    assert outcome(baseline, none, "little-giant") == "not_met"


def test_growth_is_not_asked_in_batch_1_and_is_one_of_two_later(baseline, example):
    # 2020: 营业收入 8000, 主营业务收入 5800, 研发 320. 主营 falls 6000 → 5800 (−3.3%; "增长"
    # needs > 0) and there is no listing plan. Everything else still holds: share
    # 5800 / 8000 = 72.5% ≥ 70, R&D (320 + 320) / (8000 + 8000) = 4.0% ≥ 4.
    # Batch 1 does not ask for 成长性 (growth_required 0) → eligible.
    p = year(example("key-little-giant-eligible"), 2020, main_business_revenue=5800.0, revenue=8000.0, rd_expense=320.0)
    assert baseline.evaluate(p, KLG, ON).verdict.value == "eligible"
    later = baseline.program(KLG).with_overrides({"growth_required": 1})
    r = baseline.evaluate(p, later, ON)
    assert r.criterion("main-business-growth").outcome.value == "not_met"
    assert r.criterion("listing-plan").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"
    # 已进入辅导期 satisfies the other branch
    tutoring = facts(p, listing_plan="tutoring")
    assert baseline.evaluate(tutoring, later, ON).verdict.value == "eligible"
    # 有上市计划 without having filed or entered 辅导期 does not
    planned = facts(p, listing_plan="planned")
    assert baseline.evaluate(planned, later, ON).verdict.value == "ineligible"


def test_flat_main_business_revenue_is_not_growth(baseline, example):
    # 6000 → 6000: growth 0%, not "增长"
    p = year(example("key-little-giant-eligible"), 2020, main_business_revenue=6000.0)
    later = baseline.program(KLG).with_overrides({"growth_required": 1})
    assert baseline.evaluate(p, later, ON).criterion("main-business-growth").outcome.value == "not_met"


def test_orientation_and_innovation_alternatives(baseline, example):
    p = example("key-little-giant-eligible")
    # 产业导向: none of the three branches → not met; 与重点行业龙头企业协同创新 alone → met
    assert baseline.evaluate(facts(p, key_fields=()), KLG, ON).group("orientation").outcome.value == "not_met"
    lead = facts(p, key_fields=("leader_collaboration",))
    assert baseline.evaluate(lead, KLG, ON).group("orientation").outcome.value == "met"
    # one 发明专利, no R&D institution, no standard → none of the three; one 参与 industry standard → met
    few = facts(p, invention_patents=1.0)
    assert baseline.evaluate(few, KLG, ON).group("innovation-one-of").outcome.value == "unknown"  # standards not given
    none = facts(few, **{k: 0.0 for k in _STANDARDS})
    assert baseline.evaluate(none, KLG, ON).group("innovation-one-of").outcome.value == "not_met"
    one = facts(none, standards_joined_industry=1.0)
    assert baseline.evaluate(one, KLG, ON).group("innovation-one-of").outcome.value == "met"


_STANDARDS = [
    f"standards_{role}_{level}" for role in ("led", "joined") for level in ("international", "national", "industry")
]


def test_an_environmental_certification_counts(baseline, example):
    # the examples "（如ISO9000质量管理体系、ISO14000环境管理体系认证等）" include ISO14000
    p = facts(example("key-little-giant-eligible"), management_certs=("iso14001",))
    assert outcome(baseline, p, "management") == "met"
    assert outcome(baseline, facts(p, management_certs=()), "management") == "not_met"


# ------------------------------------------------------------------ platforms
def test_platform_eligible_example(baseline, example):
    # a 国家中小企业公共服务示范平台 (2018), independent legal person (模板附2), providing
    # 技术创新服务 and 上云用云: at least one of the listed kinds → eligible
    r = baseline.evaluate(example("platform-eligible"), PLATFORM, ON)
    assert r.verdict.value == "eligible"


def test_platform_services_reading(baseline, example):
    p = example("platform-eligible")
    assert outcome(baseline, facts(p, platform_services=()), "services", PLATFORM) == "not_met"
    # the other reading, all seven services, fails with two of them
    all7 = baseline.program(PLATFORM).with_overrides({"services_min": 7})
    assert baseline.evaluate(p, all7, ON).criterion("services").outcome.value == "not_met"
    every = facts(
        p,
        platform_services=(
            "tech_innovation",
            "financing",
            "commercialisation",
            "digital",
            "ip",
            "cloud",
            "industrial_design",
        ),
    )
    assert baseline.evaluate(every, all7, ON).criterion("services").outcome.value == "met"


def test_platform_recognition_national_or_provincial(baseline, example):
    p = example("platform-eligible")
    provincial = attrs.evolve(p, recognitions=(Recognition("province.sme_service_platform", 2016),))
    # no validity is stated for the recognition: having been recognised is what counts
    assert outcome(baseline, provincial, "recognised-platform", PLATFORM) == "met"
    assert outcome(baseline, attrs.evolve(p, recognitions=()), "recognised-platform", PLATFORM) == "not_met"


def test_platform_quota_is_three_per_province(baseline):
    (quota,) = baseline.program(PLATFORM).quotas
    assert (quota.max, quota.scope) == (3, "province")  # "每省份每批次自主确定不超过 3个平台"


# ------------------------------------------------------------------ money
def test_no_amount_is_stated_per_enterprise(baseline):
    # 三（四）: rolling transfers in the year of approval and after 1 and 2 years, amounts not
    # stated; at least 90% of the money directly to key little giants.
    res = baseline.fund(KLG)
    assert res.basis == "transfer_basis"
    assert res.total is None and res.payable is None
    assert [(p.tranche, p.offset_years, p.amount, p.status) for p in res.payments] == [
        ("approval-year", 0, None, "unknown"),
        ("year-1", 1, None, "unknown"),
        ("year-2", 2, None, "unknown"),
    ]
    assert all(c.stated is False for c in res.components)
    assert [(s["op"], s["share"]) for s in res.splits] == [(">=", 90)]


def test_platform_money_and_its_misuse_rule(baseline, example):
    res = baseline.fund(PLATFORM)
    assert res.total is None
    (rule,) = res.rules
    assert (rule.action, rule.applies) == ("reduce", "unknown")  # nobody has judged the use yet
    misused = attrs.evolve(example("platform-eligible"), attestations={"platform_funds_misused": True})
    (rule,) = baseline.fund(PLATFORM, misused).rules
    assert rule.applies == "yes"


# ------------------------------------------------------------------ dates
def test_deadlines_are_the_provinces_and_never_an_application_window(baseline, example):
    # 四: batch 1 by 2021-03-31; batches 2 and 3 by 7-15 of 2021 and 2022
    for pid in (KLG, PLATFORM):
        occ = {o.event: o.date for o in baseline.deadlines(pid)}
        assert occ == {
            "batch-1-plan": dt.date(2021, 3, 31),
            "batch-2-plan": dt.date(2021, 7, 15),
            "batch-3-plan": dt.date(2022, 7, 15),
        }
        assert not any(o.application for o in baseline.deadlines(pid))
        for day in (dt.date(2021, 1, 23), dt.date(2021, 3, 31), dt.date(2022, 7, 15)):
            assert not baseline.is_open(pid, day)
    # so a plain check on the batch-1 day does not offer them; --program still evaluates
    checked = {r.program for r in baseline.check(example("key-little-giant-eligible"), ON)}
    assert KLG not in checked


# ------------------------------------------------------------------ template forms
def test_plan_template_word_limits(baseline):
    form = baseline.form("caijian-2021-2:plan-template")
    ok = {"foundation": "甲" * 1000, "key_firms": "乙" * 1500, "targets": "丙" * 1500, "safeguards": "丁" * 1000}
    assert validate(form, ok, baseline) == []
    (problem,) = validate(form, {**ok, "foundation": "甲" * 1001}, baseline)  # 不超过1000字
    assert problem.key == "foundation" and "超过上限 1000 个" in problem.message


def test_platform_list_service_description_limit(baseline):
    form = baseline.form("caijian-2021-2:template-annex-2")
    row = {
        "name": "杭州智造中小企业服务中心有限公司",
        "services": "服" * 100,
        "recognition_doc": "工信部企业函〔2018〕1号",
    }
    assert validate(form, row, baseline) == []
    (problem,) = validate(form, {**row, "services": "服" * 101}, baseline)  # 100 字以内
    assert problem.key == "services"


def test_basic_information_sheet(baseline):
    form = baseline.form("caijian-2021-2:template-annex-3")
    filled = {
        "name": "杭州衡准精密轴承有限公司",
        "size_class": "中型",
        "ownership": "民营",
        "four_bases": True,
        "four_bases_items": ["核心基础零部件（元器件）"],
        "fill_gap": "填补国内空白",
        "fill_gap_field": "高速精密轴承",
        "introduction": "企" * 500,
    }
    assert validate(form, filled, baseline) == []
    bad = {**filled, "fill_gap_field": "高速精密角接触球轴承领域", "fill_gap": "填补空白", "introduction": "企" * 501}
    keys = {p.key for p in validate(form, bad, baseline)}
    # 限10字以内 (12 characters), a choice not on the form, 不超过500字
    assert keys == {"fill_gap_field", "fill_gap", "introduction"}


def test_target_sheet_has_three_columns_and_every_cell_is_required(baseline):
    form = baseline.form("caijian-2021-2:template-annex-4")
    stages = [s.id for s in form.sections if s.id != "enterprise"]
    assert stages == ["initial", "year1", "year2"]
    indicators = [{f.id.rsplit("_", 1)[0] for f in s.fields} for s in form.sections if s.id != "enterprise"]
    assert indicators[0] == indicators[1] == indicators[2] and len(indicators[0]) == 13
    # "所有指标均需填报": leaving one cell out is a problem naming it
    filled = {"name": "杭州衡准精密轴承有限公司"}
    for s in form.sections[1:]:
        for f in s.fields:
            filled[f.id] = {"percent": 72, "count": 2, "bool": True, "text": "已进入辅导期"}[f.type]
    assert validate(form, filled, baseline) == []
    del filled["rd_ratio_year2"]
    (problem,) = validate(form, filled, baseline)
    assert (problem.key, problem.message) == ("rd_ratio_year2", "必填")
