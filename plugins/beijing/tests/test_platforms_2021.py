"""Service platforms: the first-batch guide (北京市经济和信息化局, 2021-02-26, 附件2) and the
call of 2021-05-10.

The example (examples/platform-eligible.toml), a 朝阳 platform operator (110105 ⊂ 110000):
  附件2 二、1 registered in Beijing, independent legal person, no dishonesty record;
        二、2 a national 示范平台; 二、3 a website and a mini-program (网站与APP或微信小程序);
        二、4 clean legal representative, 36 ≥ 20 in the service team, 14 ≥ 10 with a master's
        degree or a mid-level title; 二、5–6 reputation and track record attested, all seven
        capabilities.  → eligible.
  2021-05-10 一、1–3 likewise (ten capabilities, not a first-batch platform); 三 served in
        2020, plan attested.  → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.testing.timeline import assert_window, event

FIRST = "beijing.platform-first-batch-2021"
SECOND = "beijing.platform-srdi-services-2021"


def outcome(result, cid):
    return result.criterion(cid).outcome.value


def amounts(res):
    return {c.id: c.amount for c in res.components}


@pytest.mark.parametrize(("program", "day"), [(FIRST, dt.date(2021, 3, 1)), (SECOND, dt.date(2021, 5, 10))])
def test_example_is_eligible(beijing, example, program, day):
    assert beijing.evaluate(example("platform-eligible"), program, day).verdict.value == "eligible"


def test_team_boundaries_and_the_qualification_reading(beijing, example, tweak):
    # 附件2 二、4 "专业团队不少于20人，其中…专业人员不少于10人": 20 and 10 meet, 19 and 9 do not
    p = tweak.facts(
        example("platform-eligible"), **{"beijing.service_team": 20, "beijing.team_master_or_mid_title": 10}
    )
    r = beijing.evaluate(p, FIRST, dt.date(2021, 3, 1))
    assert (outcome(r, "service-team"), outcome(r, "qualified-staff")) == ("met", "met")
    p = tweak.facts(p, **{"beijing.service_team": 19, "beijing.team_master_or_mid_title": 9})
    r = beijing.evaluate(p, FIRST, dt.date(2021, 3, 1))
    assert (outcome(r, "service-team"), outcome(r, "qualified-staff")) == ("not_met", "not_met")
    # counting only people holding both (6 < 10), the example fails the team condition
    both = beijing.program(FIRST).with_overrides({"team_qualified_field": "beijing.team_master_and_mid_title"})
    assert (
        outcome(beijing.evaluate(example("platform-eligible"), both, dt.date(2021, 3, 1)), "qualified-staff")
        == "not_met"
    )


def test_online_tools_reading(beijing, example, tweak):
    # "网站与APP或微信小程序": a website alone is not enough, unless any one tool is read as enough
    p = tweak.facts(example("platform-eligible"), **{"beijing.online_tools": ("website",)})
    assert beijing.evaluate(p, FIRST, dt.date(2021, 3, 1)).group("online-tools").outcome.value == "not_met"
    one = beijing.program(FIRST).with_overrides({"online_tools_required": 1})
    assert beijing.evaluate(p, one, dt.date(2021, 3, 1)).group("online-tools").outcome.value == "met"


def test_capabilities_all_or_one(beijing, example, tweak):
    # 附件2 二、6 lists seven capabilities: six of them fail; read as "one at least", they meet
    six = ("tech_innovation", "financing", "commercialisation", "digital", "ip", "cloud")
    p = tweak.facts(example("platform-eligible"), platform_services=six)
    assert outcome(beijing.evaluate(p, FIRST, dt.date(2021, 3, 1)), "services") == "not_met"
    one = beijing.program(FIRST).with_overrides({"services_required": 1})
    assert outcome(beijing.evaluate(p, one, dt.date(2021, 3, 1)), "services") == "met"


@pytest.mark.parametrize(
    ("reduction", "subsidy", "reward"),
    [
        # 附件2 五、2: subsidy ≤ the fee reduction and ≤ 30 per service project; reward ≤ 20% of it
        (24.0, 24.0, 4.8),  # below the cap
        (30.0, 30.0, 6.0),  # at the cap
        (45.0, 30.0, 6.0),  # above: the reduction of 45 is subsidised up to 30
    ],
)
def test_first_batch_fund_per_service_project(beijing, example, tweak, reduction, subsidy, reward):
    res = beijing.fund(FIRST, tweak.facts(example("platform-eligible"), **{"beijing.service_fee_reduction": reduction}))
    assert amounts(res) == {"service-subsidy": subsidy, "performance-reward": reward}
    assert res.total == pytest.approx(subsidy + reward)


def test_first_batch_subsidy_only_for_little_giants(beijing, example, tweak):
    # 五、3 "服务对象必须是重点“小巨人”企业、国家级专精特新“小巨人”企业": otherwise no subsidy,
    # and so no reward either (20% of nothing)
    res = beijing.fund(FIRST, tweak.facts(example("platform-eligible"), **{"beijing.serves_little_giants": False}))
    assert amounts(res) == {"service-subsidy": 0.0, "performance-reward": 0.0}


def test_first_batch_quota_and_pool(beijing):
    # 一 "择优遴选不超过3家"; 五、2 "总支持金额不超过财政部、工信部下达资金的10%"
    prog = beijing.program(FIRST)
    assert [(q.max, q.scope) for q in prog.quotas] == [(3, "program")]
    assert [(s["op"], s["share"]) for s in beijing.fund(FIRST).splits] == [("<=", 10.0)]


def test_first_batch_dates(beijing):
    # 六、1 "应于2021年3月14日前"; 六、2 遴选 by 3月23日, 公示期7天 → 2021-03-30
    assert_window(beijing, FIRST, dt.date(2021, 3, 14))
    assert event(beijing, FIRST, "publicity").date == dt.date(2021, 3, 30)


def test_second_call_excludes_first_batch_platforms(beijing, example, tweak):
    # 一、2 "不包括已通过合规性审核的…第一批…公共服务示范平台"
    p = tweak.facts(example("platform-eligible"), **{"beijing.first_batch_platform": True})
    assert beijing.evaluate(p, SECOND, dt.date(2021, 5, 10)).verdict.value == "ineligible"


@pytest.mark.parametrize(
    ("allocated", "amount"),
    [
        # 四 "每家支持金额不超过200万元": the allocated amount, bounded by 200
        (150.0, 150.0),
        (200.0, 200.0),
        (260.0, 200.0),
    ],
)
def test_second_call_fund(beijing, example, tweak, allocated, amount):
    res = beijing.fund(SECOND, tweak.facts(example("platform-eligible"), **{"beijing.platform_allocation": allocated}))
    assert res.total == amount


def test_second_call_fund_without_an_allocation(beijing):
    # before allocation the amount is not known; the cap is stated
    res = beijing.fund(SECOND)
    assert res.total is None and "最高200万元" in res.components[0].explanation


def test_second_call_deadline(beijing):
    # 五、1 "应于2021年5月11日前", from the notice's 2021-05-10
    assert beijing.is_open(SECOND, dt.date(2021, 5, 10))
    assert_window(beijing, SECOND, dt.date(2021, 5, 11))


def test_second_call_product_table(beijing):
    # 附件2: 具体服务内容 and 服务效果 "(200字以内)"; 服务类别 one of the ten; 服务方式 one of three
    from srdi.forms import validate

    form = beijing.form("bjjxj-2021-05-10:annex-2")
    row = {"product": "专精特新政策体检", "category": "政策服务", "mode": "平台自行提供产品服务", "content": "字" * 200}
    assert validate(form, row, beijing) == []  # exactly 200 characters is within the limit
    found = {
        p.key: p.message
        for p in validate(form, {**row, "content": "字" * 201, "category": "咨询服务", "mode": "外包"}, beijing)
    }
    assert found["content"] == "共 201 个字符，超过上限 200 个"
    assert "'咨询服务' 不是可选项之一" in found["category"]
    assert "'外包' 不是可选项之一" in found["mode"]


def test_recognised_by_the_nation_or_by_beijing(beijing, example):
    # 附件2 二、2 "工业和信息化部（或北京市经济和信息化局）认定的国家（或北京市）…示范平台": a Beijing
    # recognition qualifies too, and it is the 省级 platform the national 财建〔2021〕2号 asks for
    import attrs

    from srdi.profile import Recognition

    p = attrs.evolve(example("platform-eligible"), recognitions=(Recognition("beijing.sme_service_platform", 2020),))
    assert beijing.evaluate(p, FIRST, dt.date(2021, 3, 1)).verdict.value == "eligible"
    assert "beijing.sme_service_platform" in beijing.titles.holders("province.sme_service_platform")
    none = attrs.evolve(p, recognitions=())
    assert beijing.evaluate(none, SECOND, dt.date(2021, 5, 10)).verdict.value == "ineligible"
