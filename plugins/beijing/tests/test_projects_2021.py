"""The first batch of 重点“小巨人” high-quality development projects (北京市经济和信息化局,
2021-02-26, 附件1): the common 申报主体条件 and the five project types with their funds.

The firm of the kg-*.toml examples, on 2021-03-01 (the guide fixes 2019 and 2020):
  一、1 credit code 91110108… → 110108 海淀 ⊂ 110000; independent legal person; no
        serious dishonesty record.
  一、2 national little giant granted 2020-12-01, 有效期3年 from the grant → to 2023-11-30;
        not listed.
  一、3 工业“四基” (and 补短板).
  一、4 2020 主营 18600 / 20000 = 93% ≥ 70; R&D 2019 900/18000 = 5%, 2020 1000/20000 = 5%,
        each ≥ 4%; ISO9000 + ISO14000.
  一、5 12 invention patents ≥ 2 (one of three is enough).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.i18n import speaking
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

TECH = "beijing.tech-industrialisation-2021"
CHAIN = "beijing.chain-collaboration-2021"
INNOVATION = "beijing.innovation-capability-2021"
DIGITAL = "beijing.digital-upgrade-2021"
IPO = "beijing.ipo-cultivation-2021"
ON = dt.date(2021, 3, 1)


def outcome(result, cid):
    return result.criterion(cid).outcome.value


def amounts(res):
    return {c.id: c.amount for c in res.components}


def statuses(res):
    return {p.tranche: p.status for p in res.payments}


@pytest.mark.parametrize(
    ("name", "program"),
    [
        ("kg-tech-project", TECH),
        ("kg-chain-project", CHAIN),
        ("kg-innovation-rewards", INNOVATION),
        ("kg-digital-project", DIGITAL),
        ("kg-ipo", IPO),
    ],
)
def test_examples_are_eligible(beijing, example, name, program):
    r = beijing.evaluate(example(name), program, ON)
    assert r.verdict.value == "eligible"
    assert r.group("subject").outcome.value == "met"


# ------------------------------------------------------------------ 一、申报主体条件
def test_rd_ratio_in_each_of_2019_and_2020(beijing, example, tweak):
    # 一、4 "2019年度、2020年度研发经费支出占当年营业收入比重应达到4%（含）以上": each year.
    # 2019 at exactly 4% (720/18000) and 2020 at 3.99% (798/20000) fails; both at 4% meets.
    p = tweak.year(example("kg-tech-project"), 2019, rd_expense=720.0)
    assert outcome(beijing.evaluate(tweak.year(p, 2020, rd_expense=798.0), TECH, ON), "rd-ratio") == "not_met"
    assert outcome(beijing.evaluate(tweak.year(p, 2020, rd_expense=800.0), TECH, ON), "rd-ratio") == "met"


def test_main_business_share_exactly_70(beijing, example, tweak):
    # 一、4 "2020年度…比重应达到70%（含）以上": 14000/20000 = 70% meets, 13999 does not
    p = example("kg-tech-project")
    assert (
        outcome(beijing.evaluate(tweak.year(p, 2020, main_business_revenue=14000.0), TECH, ON), "main-business-share")
        == "met"
    )
    r = beijing.evaluate(tweak.year(p, 2020, main_business_revenue=13999.0), TECH, ON)
    assert (outcome(r, "main-business-share"), r.verdict.value) == ("not_met", "ineligible")


@pytest.mark.parametrize(
    ("board", "expected"),
    [
        # 一、2 excludes 上交所主板、科创板和深交所主板、创业板 and 境外; 中小板 is read as part of
        # 深交所主板; 新三板 and 北交所 are not among the excluded boards.
        ("sse_star", "not_met"),
        ("szse_chinext", "not_met"),
        ("szse_sme", "not_met"),
        ("overseas", "not_met"),
        ("neeq", "met"),
        ("bse", "met"),
        ("none", "met"),
    ],
)
def test_listed_enterprises_are_excluded(beijing, example, tweak, board, expected):
    r = beijing.evaluate(tweak.facts(example("kg-tech-project"), listing_board=board), TECH, ON)
    assert outcome(r, "not-listed") == expected


def test_innovation_one_of_three(beijing, example, tweak):
    # 一、5 "拥有有效发明专利2项以上" (bare 以上 includes 2); with 1 patent, no R&D institution
    # and no standard none of the three holds
    p = tweak.facts(example("kg-tech-project"), invention_patents=2, rd_institution=False)
    assert beijing.evaluate(p, TECH, ON).group("innovation").outcome.value == "met"
    p = tweak.facts(
        p,
        invention_patents=1,
        **{
            k: 0.0
            for k in (
                "standards_led_international",
                "standards_led_national",
                "standards_led_industry",
                "standards_joined_international",
                "standards_joined_national",
                "standards_joined_industry",
            )
        },
    )
    r = beijing.evaluate(p, TECH, ON)
    assert (r.group("innovation").outcome.value, r.verdict.value) == ("not_met", "ineligible")


def test_national_title_must_be_in_force(beijing, example):
    # 一、2: a title granted 2018-06-01 is in force to 2021-05-31 (three years from the grant)
    p = attrs.evolve(
        example("kg-tech-project"), recognitions=(Recognition("national.little_giant", 2018, dt.date(2018, 6, 1)),)
    )
    assert outcome(beijing.evaluate(p, TECH, ON), "holds-national-title") == "met"
    assert outcome(beijing.evaluate(p, TECH, dt.date(2021, 6, 1)), "holds-national-title") == "not_met"


def test_dishonesty_record_excludes(beijing, example, tweak):
    p = tweak.facts(example("kg-tech-project"), **{"beijing.credit_dishonesty_3y": True})
    assert beijing.evaluate(p, TECH, ON).verdict.value == "ineligible"


def test_submission_deadline_and_publicity(beijing):
    # 三、1 "应于2021年3月14日前…提交" (the 14th included), open from the notice's 2021-02-26;
    # 三、2 遴选 by 3月23日, then 公示期7天 (calendar days) → 2021-03-30 at the latest
    assert_window(beijing, TECH, dt.date(2021, 3, 14), first=dt.date(2021, 2, 26))
    occ = {o.event: o for o in beijing.deadlines(TECH)}
    assert occ["city-selection"].date == dt.date(2021, 3, 23)
    assert occ["city-publicity"].date == dt.date(2021, 3, 30)
    assert (occ["construction-period"].start, occ["construction-period"].date) == (
        dt.date(2020, 1, 1),
        dt.date(2022, 12, 31),
    )


# ------------------------------------------------------------------ one project
def test_one_project_per_type_or_across_types(beijing, example):
    # "每家企业仅支持一个项目": a firm already supported for a 技术成果产业化 project cannot get
    # another. Read per type (default), a 产业链协同配套 project does not block it; read across
    # the five types (one_project_across_types = 1), it does.
    base = example("kg-tech-project")
    own = attrs.evolve(base, recognitions=(*base.recognitions, Recognition("beijing.project_tech", 2021)))
    r = beijing.evaluate(own, TECH, ON)
    assert (outcome(r, "one-project"), r.verdict.value) == ("not_met", "ineligible")
    other = attrs.evolve(base, recognitions=(*base.recognitions, Recognition("beijing.project_chain", 2021)))
    assert beijing.evaluate(other, TECH, ON).verdict.value == "eligible"
    across = beijing.program(TECH).with_overrides({"one_project_across_types": 1})
    r = beijing.evaluate(other, across, ON)
    assert (outcome(r, "no-other-type"), r.verdict.value) == ("not_met", "ineligible")
    # 上市培育 has no such sentence of its own: only the across-types reading blocks it
    ipo = attrs.evolve(example("kg-ipo"), recognitions=(*base.recognitions, Recognition("beijing.project_tech", 2021)))
    assert beijing.evaluate(ipo, IPO, ON).verdict.value == "eligible"
    assert (
        beijing.evaluate(ipo, beijing.program(IPO).with_overrides({"one_project_across_types": 1}), ON).verdict.value
        == "ineligible"
    )


def test_digital_one_project_per_year(beijing, example):
    # 二（四）2 "每家企业每年仅支持一个项目": supported in 2021 → not again in 2021, again in 2022
    base = example("kg-digital-project")
    p = attrs.evolve(base, recognitions=(*base.recognitions, Recognition("beijing.project_digital", 2021)))
    assert outcome(beijing.evaluate(p, DIGITAL, dt.date(2021, 10, 1)), "one-project") == "not_met"
    assert outcome(beijing.evaluate(p, DIGITAL, dt.date(2022, 1, 1)), "one-project") == "met"


# ------------------------------------------------------------------ （一）技术成果产业化
def test_tech_total_investment_and_dates(beijing, example, tweak):
    # 二（一）4 "项目总投资额不低于2000万元": 2000 meets, 1999 does not
    p = example("kg-tech-project")
    assert (
        outcome(
            beijing.evaluate(tweak.facts(p, **{"beijing.project_total_investment": 2000.0}), TECH, ON),
            "t-total-investment",
        )
        == "met"
    )
    assert (
        outcome(
            beijing.evaluate(tweak.facts(p, **{"beijing.project_total_investment": 1999.0}), TECH, ON),
            "t-total-investment",
        )
        == "not_met"
    )
    # "2020年1月之后开工建设" includes 2020-01-01; "建设期不超过2022年12月底" includes 2022-12-31
    cases = [
        ("beijing.project_start", dt.date(2020, 1, 1), "t-start", "met"),
        ("beijing.project_start", dt.date(2019, 12, 31), "t-start", "not_met"),
        ("beijing.project_end", dt.date(2022, 12, 31), "t-end", "met"),
        ("beijing.project_end", dt.date(2023, 1, 1), "t-end", "not_met"),
    ]
    for key, day, cid, expected in cases:
        assert outcome(beijing.evaluate(tweak.facts(p, **{key: day}), TECH, ON), cid) == expected


def test_support_standard_is_shown_not_deciding(beijing, example, tweak):
    # 二（一）2 "研发费不超过软、硬件设备购置及调试安装费的50%": 1600 of 3000 = 53.3% exceeds it
    # by 1600 − 1500 = 100万元, which is not supported; the project stays eligible.
    p = tweak.facts(example("kg-tech-project"), **{"beijing.rd_cost": 1600.0})
    r = beijing.evaluate(p, TECH, ON)
    assert outcome(r, "t-rd-cost") == "not_met"
    assert r.criterion("t-rd-cost").gap_value == pytest.approx(100.0)
    assert r.verdict.value == "eligible"
    # at exactly 50% (1500/3000) the limit holds
    assert outcome(beijing.evaluate(tweak.facts(p, **{"beijing.rd_cost": 1500.0}), TECH, ON), "t-rd-cost") == "met"


@pytest.mark.parametrize(
    ("approved", "audited", "stages", "total"),
    [
        # 二（一）3: 10% of the 核定支持投资 (≤ 300), then 10% of the audited base (≤ 600) twice.
        # below every cap: 2500 → 250, 250, 250 = 750
        (2500.0, 2500.0, (250.0, 250.0, 250.0), 750.0),
        # at the caps: 10% × 3000 = 300 (= 300); 10% × 6000 = 600 (= 600) → 1500, the total cap
        (3000.0, 6000.0, (300.0, 600.0, 600.0), 1500.0),
        # above: 10% × 4700 = 470 → 300; 10% × 8000 = 800 → 600 each → 1500
        (4700.0, 8000.0, (300.0, 600.0, 600.0), 1500.0),
        # the example: 470 → 300, then 470 and 470 → 1240
        (4700.0, 4700.0, (300.0, 470.0, 470.0), 1240.0),
    ],
)
def test_tech_fund_stages(beijing, example, tweak, approved, audited, stages, total):
    p = tweak.facts(
        example("kg-tech-project"), **{"beijing.approved_investment": approved, "beijing.audited_investment": audited}
    )
    res = beijing.fund(TECH, p, ON)
    a = amounts(res)
    assert (a["stage-1"], a["stage-2"], a["stage-3"]) == stages
    assert (res.total, res.payable, res.cap) == (total, total, 1500.0)


def test_tech_audit_cut_deducts_the_first_stage_excess(beijing, example, tweak):
    # "如项目投资未完成或相应核减，应退回或扣除第一阶段超额支持部分": stage 1 paid
    # min(10% × 4700, 300) = 300; the audit confirms 2000, on which stage 1 is min(200, 300)
    # = 200 → excess 100, deducted from stage 2: min(10% × 2000, 600) − 100 = 100; stage 3 =
    # 200 → 300 + 100 + 200 = 600.
    p = tweak.facts(example("kg-tech-project"), **{"beijing.audited_investment": 2000.0})
    res = beijing.fund(TECH, p, ON)
    assert (amounts(res)["stage-2"], amounts(res)["stage-3"], res.total) == (100.0, 200.0, 600.0)
    assert "stage-1已支持300万元，按审定投资应为200万元：超额100万元予以扣除" in res.components[1].explanation
    with speaking("en"):  # the plugin's own catalogue speaks the language srdi's messages are in
        res = beijing.fund(TECH, p, ON)
    assert "stage-1 paid 300万元 but the audited investment gives 200万元: excess 100万元 deducted" in (
        res.components[1].explanation
    )
    # cut to 1000: stage 1 due min(100, 300) = 100, excess 200 > stage 2's 100 → stage 2 is 0
    # and the other 100 is to be refunded
    p = tweak.facts(p, **{"beijing.approved_investment": 3000.0, "beijing.audited_investment": 1000.0})
    res = beijing.fund(TECH, p, ON)
    assert amounts(res)["stage-2"] == 0.0
    assert "超额200万元予以扣除，其中100万元应退回" in res.components[1].explanation


def test_tech_failed_acceptance_recovers_the_first_stage(beijing, example, tweak):
    # 二（一）5（1）"未按合同要求完成计划建设内容，且实际投资低于计划投资80%的": not completed
    # and 4799 of 6000 = 79.98% < 80 → no acceptance, stage 1 (300) returned, stages 2–3 not paid.
    p = tweak.facts(
        example("kg-tech-project"),
        **{"beijing.construction_completed": False, "beijing.actual_investment": 4799.0},
    )
    res = beijing.fund(TECH, p, ON)
    assert {r.id: r.applies for r in res.rules}["incomplete-under-80"] == "yes"
    assert statuses(res)["stage-1"] == "recovered"
    assert res.recovered == 300.0 and res.payable == 0.0
    # at exactly 80% (4800/6000) the clawback does not apply; stage 2 still waits on completion
    res = beijing.fund(TECH, tweak.facts(p, **{"beijing.actual_investment": 4800.0}), ON)
    assert {r.id: r.applies for r in res.rules}["incomplete-under-80"] == "no"
    assert statuses(res)["stage-1"] == "payable" and statuses(res)["stage-2"] == "not_applicable"


def test_tech_dropped_from_the_continuing_list(beijing, example, tweak):
    # 三、4 "未被纳入…继续支持的重点“小巨人”企业名单，则不再安排资金支持": stage 1 stays, the
    # later stages are withheld
    p = tweak.facts(example("kg-tech-project"), **{"beijing.off_continuing_list": True})
    s = statuses(beijing.fund(TECH, p, ON))
    assert (s["stage-1"], s["stage-2"], s["stage-3"]) == ("payable", "withheld", "withheld")


def test_tech_outcome_unknown_makes_the_clawback_conditional(beijing, example):
    # without outcome facts the acceptance rules cannot be decided: stage 1 stays payable but
    # recoverable; stage 3 (its own condition met) is conditional on them
    p = example("kg-tech-project")
    facts = {k: v for k, v in p.facts.items() if k not in ("beijing.construction_completed", "beijing.false_documents")}
    res = beijing.fund(TECH, attrs.evolve(p, facts=facts), ON)
    stage_1 = next(x for x in res.payments if x.tranche == "stage-1")
    assert (stage_1.status, stage_1.reason.startswith("如出现以下情形将收回：")) == ("payable", True)
    assert statuses(res)["stage-3"] == "conditional"


# ------------------------------------------------------------------ （二）产业链协同配套
def test_chain_leader_revenue_must_exceed_ten_yi(beijing, example, tweak):
    # 二（二）4 "上年度营业收入超过10亿元": 超过 excludes the number. An unlisted leader with
    # exactly 100000万元 is not a 龙头企业; with 100001 it is.
    p = tweak.facts(
        example("kg-chain-project"), **{"beijing.leader_listing_board": "none", "beijing.leader_revenue": 100000.0}
    )
    r = beijing.evaluate(p, CHAIN, ON)
    assert (r.group("c-leader").outcome.value, r.verdict.value) == ("not_met", "ineligible")
    r = beijing.evaluate(tweak.facts(p, **{"beijing.leader_revenue": 100001.0}), CHAIN, ON)
    assert r.group("c-leader").outcome.value == "met"


def test_chain_investment_and_contract_dates(beijing, example, tweak):
    # "项目总投资额不低于500万元": 500 meets; "合作开发协议、采购合同应于2020年1月之后签订":
    # 2019-12-31 does not
    p = example("kg-chain-project")
    assert (
        outcome(
            beijing.evaluate(tweak.facts(p, **{"beijing.project_total_investment": 500.0}), CHAIN, ON),
            "c-total-investment",
        )
        == "met"
    )
    assert (
        outcome(
            beijing.evaluate(tweak.facts(p, **{"beijing.project_total_investment": 499.0}), CHAIN, ON),
            "c-total-investment",
        )
        == "not_met"
    )
    r = beijing.evaluate(tweak.facts(p, **{"beijing.contract_signed_on": dt.date(2019, 12, 31)}), CHAIN, ON)
    assert (outcome(r, "c-contract-signed"), r.verdict.value) == ("not_met", "ineligible")


@pytest.mark.parametrize(
    ("approved", "procurement", "stages", "total"),
    [
        # 二（二）3: 20% of the 核定支持投资 (≤ 300), then 10% of the procurement with the leader (≤ 100)
        (1200.0, 800.0, (240.0, 80.0), 320.0),  # below: 240 and 80
        (1500.0, 1000.0, (300.0, 100.0), 400.0),  # at the caps: 300 and 100 → 400, the total cap
        (2000.0, 3000.0, (300.0, 100.0), 400.0),  # above: 400 → 300, 300 → 100
    ],
)
def test_chain_fund_stages(beijing, example, tweak, approved, procurement, stages, total):
    p = tweak.facts(
        example("kg-chain-project"),
        **{"beijing.approved_investment": approved, "beijing.leader_procurement": procurement},
    )
    res = beijing.fund(CHAIN, p, ON)
    assert (amounts(res)["stage-1"], amounts(res)["stage-2"]) == stages
    assert (res.total, res.cap) == (total, 400.0)


def test_chain_second_stage_needs_the_procurement_library(beijing, example, tweak):
    # 二（二）5 acceptance requires "进入行业龙头企业产品/服务采购库": without it no second stage
    p = tweak.facts(example("kg-chain-project"), **{"beijing.in_leader_procurement_library": False})
    res = beijing.fund(CHAIN, p, ON)
    assert statuses(res)["stage-2"] == "not_applicable"
    assert res.total == 240.0


def test_chain_contract_terminated_recovers_the_first_stage(beijing, example, tweak):
    # 二（二）5（2）"开发期限内解除合同的": stage 1 (240) is returned
    res = beijing.fund(CHAIN, tweak.facts(example("kg-chain-project"), **{"beijing.contract_terminated": True}), ON)
    assert statuses(res)["stage-1"] == "recovered"
    assert res.recovered == 240.0


# ------------------------------------------------------------------ （三）创新能力提升
def test_innovation_fund_caps_per_year(beijing, example):
    # 二（三）2, the example:
    # standards 2020: 1×30 + 2×15 + 3×10 + 4×5 = 110 → capped at 100 a year; 2021: 2×10 = 20 → 120
    # certifications 2020: 3×10 = 30; 2021: 6×10 = 60 → capped at 50 → 80
    # patents 2020: foreign, 2 inventions in 1 country 2×1×2 = 4, 1 in 2 countries 1×2×2 = 4,
    #   1 in 3 countries counted for 2 ("最多按2个国家") 1×2×2 = 4, CNIPA 5×1 = 5 → 17;
    #   2021: 2 inventions in 2 countries 2×2×2 = 8 + CNIPA 15 = 23 → capped at 20 → 37
    # → 120 + 80 + 37 = 237; 2022 has no figures yet and is left out.
    res = beijing.fund(INNOVATION, example("kg-innovation-rewards"), ON)
    assert amounts(res) == {"standards": 120.0, "certifications": 80.0, "patents": 37.0}
    assert res.total == 237.0
    assert "2022：尚无数据，不计" in res.components[0].explanation


def test_innovation_year_exactly_at_the_cap(beijing, example, tweak):
    # 2021 with 10 national standards led: 10×10 = 100, exactly the yearly cap (not reduced)
    p = tweak.year(example("kg-innovation-rewards"), 2021, **{"beijing.new_standards_led_national": 10.0})
    res = beijing.fund(INNOVATION, p, ON)
    assert amounts(res)["standards"] == 200.0
    # one foreign invention in 3 countries: counted for 2 (4万元), not 3 (6万元)
    p = tweak.year(
        example("kg-innovation-rewards"),
        2020,
        **{
            "beijing.new_cnipa_patents": 0.0,
            "beijing.new_foreign_inventions_1": 0.0,
            "beijing.new_foreign_inventions_2": 0.0,
            "beijing.new_foreign_inventions_3plus": 1.0,
        },
    )
    assert amounts(beijing.fund(INNOVATION, p, ON))["patents"] == 4.0 + 20.0


def test_innovation_partial_year_is_unknown(beijing, example):
    # a year with some figures and others missing cannot be summed: unknown, not zero
    p = example("kg-innovation-rewards")
    years = {**p.years, 2021: {k: v for k, v in p.years[2021].items() if k != "beijing.new_cnipa_patents"}}
    res = beijing.fund(INNOVATION, attrs.evolve(p, years=years), ON)
    assert amounts(res)["patents"] is None and res.total is None


def test_innovation_needs_a_rewarded_item(beijing, example, tweak):
    # 二（三）1: nothing new in 2020, 2021 or 2022 → nothing to reward. With 2022 not given at
    # all the question stays open (a 2022 item could still come): unknown, not "not met".
    p = example("kg-innovation-rewards")
    items = [k for k in p.years[2020] if k.startswith("beijing.")]
    for year in (2020, 2021):
        p = tweak.year(p, year, **dict.fromkeys(items, 0.0))
    assert outcome(beijing.evaluate(p, INNOVATION, ON), "i-rewarded-items") == "unknown"
    p = tweak.year(p, 2022, **dict.fromkeys(items, 0.0))
    r = beijing.evaluate(p, INNOVATION, ON)
    assert (outcome(r, "i-rewarded-items"), r.verdict.value) == ("not_met", "ineligible")


# ------------------------------------------------------------------ （四）数字化网络化智能化改造
def test_digital_device_share_boundary(beijing, example, tweak):
    # 二（四）3 "设备数占总设备数量比例达到70%以上": (60 + 10) / (90 + 10) = 70% meets it;
    # (59 + 10) / (90 + 10) = 69% does not. The example: (60 + 30) / (90 + 30) = 75%.
    p = tweak.facts(example("kg-digital-project"), **{"beijing.digital_devices_added": 10.0})
    assert outcome(beijing.evaluate(p, DIGITAL, ON), "d-device-share") == "met"
    r = beijing.evaluate(tweak.facts(p, **{"beijing.digital_devices_before": 59.0}), DIGITAL, ON)
    assert (outcome(r, "d-device-share"), r.verdict.value) == ("not_met", "ineligible")


def test_digital_improvements_must_be_positive(beijing, example, tweak):
    # "人均劳动生产率提升": a 0% change is no improvement
    r = beijing.evaluate(tweak.facts(example("kg-digital-project"), **{"beijing.productivity_gain": 0.0}), DIGITAL, ON)
    assert outcome(r, "d-productivity") == "not_met"


@pytest.mark.parametrize(
    ("invested", "reward"),
    [
        # 二（四）2 "按项目核定已投入投资给予最高30%的奖励，最高支持200万元"
        (500.0, 150.0),  # below: 30% × 500
        (666.6, 199.98),  # just below the cap: 30% × 666.6
        (666.7, 200.0),  # 30% × 666.7 = 200.01 → the cap
        (1000.0, 200.0),  # above: 300 → 200
    ],
)
def test_digital_fund(beijing, example, tweak, invested, reward):
    res = beijing.fund(
        DIGITAL, tweak.facts(example("kg-digital-project"), **{"beijing.approved_invested": invested}), ON
    )
    assert res.total == pytest.approx(reward)


def test_digital_clawback(beijing, example, tweak):
    # 二（四）3（1）"未按合同要求完成计划建设或服务内容的" → "需退回支持资金"
    res = beijing.fund(
        DIGITAL, tweak.facts(example("kg-digital-project"), **{"beijing.construction_completed": False}), ON
    )
    assert statuses(res)["reward"] == "recovered" and res.recovered == 150.0


# ------------------------------------------------------------------ （五）上市培育
def test_ipo_fund_by_stage(beijing, example, tweak):
    # 二（五）2, the example at the 辅导 stage: 50% × 80 = 40 (≤ 50) + 50% × 250 = 125 (≤ 150) = 165
    res = beijing.fund(IPO, example("kg-ipo"), ON)
    assert amounts(res) == {"reform": 40.0, "tutoring": 125.0, "filing": 0.0, "listing": 0.0}
    assert res.total == 165.0
    # at the caps: 50% × 100 = 50, 50% × 300 = 150; above them: 50% × 200 → 50, 50% × 500 → 150
    for fees in ((100.0, 300.0), (200.0, 500.0)):
        p = tweak.facts(example("kg-ipo"), **{"beijing.ipo_fees_reform": fees[0], "beijing.ipo_fees_tutoring": fees[1]})
        assert (amounts(beijing.fund(IPO, p, ON))["reform"], amounts(beijing.fund(IPO, p, ON))["tutoring"]) == (
            50.0,
            150.0,
        )


def test_ipo_listed_in_window_gets_every_stage(beijing, example, tweak):
    # listed 2021-03-01 (the first day of "2021年3月之后"), filing accepted 2021-01-20:
    # 50 + 150 + 100 + 100 = 400, the total "每家企业总支持金额最高不超过400万元"
    p = tweak.facts(
        example("kg-ipo"),
        **{
            "beijing.ipo_stage": "listed",
            "beijing.ipo_fees_reform": 120.0,
            "beijing.ipo_fees_tutoring": 400.0,
            "beijing.filing_accepted_on": dt.date(2021, 1, 20),
            "beijing.listed_on": dt.date(2021, 3, 1),
        },
    )
    res = beijing.fund(IPO, p, ON)
    assert amounts(res) == {"reform": 50.0, "tutoring": 150.0, "filing": 100.0, "listing": 100.0}
    assert (res.total, res.cap) == (400.0, 400.0)
    assert beijing.evaluate(p, IPO, ON).verdict.value == "eligible"
    # listed on 2021-02-28, before the window: no listing reward, and the project fails review
    early = tweak.facts(p, **{"beijing.listed_on": dt.date(2021, 2, 28)})
    assert {c.id: c.applies for c in beijing.fund(IPO, early, ON).components}["listing"] == "no"
    assert outcome(beijing.evaluate(early, IPO, ON), "e-listing-date") == "not_met"


def test_ipo_only_domestic_a_shares(beijing, example, tweak):
    # 二（五）1 "拟在境内A股首发上市"
    r = beijing.evaluate(tweak.facts(example("kg-ipo"), **{"beijing.ipo_market": "overseas"}), IPO, ON)
    assert (outcome(r, "e-a-share"), r.verdict.value) == ("not_met", "ineligible")


def test_ipo_tutoring_dates_bound_the_second_stage(beijing, example, tweak):
    # "北京证监局公示辅导日期应在2020年1月之后，且不超过2021年12月底": 2022-01-05 is too late
    p = tweak.facts(example("kg-ipo"), **{"beijing.tutoring_announced_on": dt.date(2022, 1, 5)})
    assert {c.id: c.applies for c in beijing.fund(IPO, p, ON).components}["tutoring"] == "no"
    assert beijing.evaluate(p, IPO, ON).verdict.value == "ineligible"


def test_reading_of_after_january_as_a_date_override(beijing, example, tweak):
    # "2020年1月之后开工建设" read as excluding January: a start on 2020-01-15 then fails
    p = tweak.facts(example("kg-tech-project"), **{"beijing.project_start": dt.date(2020, 1, 15)})
    assert outcome(beijing.evaluate(p, TECH, ON), "t-start") == "met"
    strict = beijing.program(TECH).with_overrides({"t-start.date": dt.date(2020, 2, 1)})
    assert outcome(beijing.evaluate(p, strict, ON), "t-start") == "not_met"


def test_no_schedule_for_amounts_each_project_sets(beijing):
    # 附件1 "第一阶段（项目立项建设阶段），按项目核定支持投资给予最高 10%的补助": each stage pays a share of the project's own 核定支持投资, so no one amount is paid per project and
    # no schedule for N projects can be given; the refusal says that, not the clawback rules of the stage
    from srdi.errors import SrdiError

    with pytest.raises(SrdiError) as err:
        beijing.fund_schedule(TECH, 3, 2021)
    assert str(err.value.problems[0]) == "第一阶段（项目立项建设阶段）：缺少项目核定支持投资；无法给出统一的拨付计划"
