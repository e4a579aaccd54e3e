"""Liaoning's first-batch call under 财建〔2021〕2号 (辽宁省工业和信息化厅、财政厅, 2021-02-23).

Key little giant example (examples/key-little-giant-2021-eligible.toml), on 2021-03-01,
上年度 2020; every condition is the national one, restated word for word:
  1 national.little_giant from 2019 (3 years: in force on 2021-03-01); quoted on 新三板,
    which the listing exclusion does not name.
  2 key_fields 制造强国战略十大重点产业领域 → the first 产业导向 branch.
  3 主营 10500 / 15000 = 70.0% ("70%以上" includes 70).
  4 研发 (480 + 600) / (12000 + 15000) = 1080 / 27000 = 4.0% ≥ 4; no 发明专利 but a 研发机构
    → one of three; ISO14000 counts as a 管理体系认证; 成长性 not asked in the first batch.
  Liaoning adds: registered in 我省 — 91210200… is 大连 (210200 ⊂ 210000).
  → eligible.

Platform example (examples/platform-2021-eligible.toml): a provincial platform in force
to 2022-12-31, independent legal person, and exactly on every Liaoning threshold —
资产总额 300, 2020 服务收入 200, 利润总额 100, 20 insured service staff, 5 service
institutions, 1 service (上市辅导等融资服务), finances and plan attested → eligible.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.forms import validate
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

ON = dt.date(2021, 3, 1)
KLG = "liaoning.key-little-giant-2021"
PLATFORM = "liaoning.platform-2021"
NOTICE = "辽宁省工业和信息化厅、辽宁省财政厅《关于开展第一批支持国家级专精特新“小巨人”企业和国家（省级）中小企业公共服务示范平台申报工作的通知》（2021-02-23）"


def year(p, y, **kw):
    return attrs.evolve(p, years={**p.years, y: {**p.years.get(y, {}), **kw}})


def facts(p, **kw):
    return attrs.evolve(p, facts={**p.facts, **kw})


def test_key_little_giant_example_is_eligible(liaoning, example):
    r = liaoning.evaluate(example("key-little-giant-2021-eligible"), KLG, ON)
    assert r.verdict.value == "eligible"
    assert r.reference_year == 2020
    assert r.criterion("not-listed").outcome.value == "met"  # 新三板
    assert r.criterion("in-liaoning").outcome.value == "met"


def test_origins_say_which_notice_each_value_comes_from(liaoning):
    prog = liaoning.program(KLG)
    assert prog.extends == "national.key-little-giant-2021"
    # restated word for word, so inherited from the national notice …
    for cid in ("little-giant", "not-listed", "main-business-share", "rd-ratio", "management", "listing-plan"):
        assert prog.criteria[cid].origin.notice == "财建〔2021〕2号", cid
        assert prog.criteria[cid].origin.plugin.startswith("srdi@")
    for name in ("rd_years", "growth_required", "little_giant_valid"):
        assert prog.params[name].origin.notice == "财建〔2021〕2号"
    assert prog.fund_origin.notice == "财建〔2021〕2号"
    # … what Liaoning adds is Liaoning's
    assert prog.criteria["in-liaoning"].origin.notice == NOTICE
    assert prog.criteria["in-liaoning"].origin.plugin.startswith("srdi-liaoning@")
    assert {e.origin.notice for e in prog.timeline} == {NOTICE}
    assert prog.doc_number == NOTICE  # no 文号 printed: issuer, title and date


def test_a_firm_outside_liaoning_is_not_one_of_its_little_giants(liaoning, example):
    # 91330100… is 杭州: the national program would take it, Liaoning's call does not
    p = facts(example("key-little-giant-2021-eligible"), credit_code="91330100MA2H7KQ3X9")
    r = liaoning.evaluate(p, KLG, ON)
    assert r.criterion("in-liaoning").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"
    assert liaoning.evaluate(p, "national.key-little-giant-2021", ON).verdict.value == "eligible"


def test_first_batch_waiver_is_inherited(liaoning, example):
    # 主营 falls 9000 → 8700 in 2020 (营业收入 12000 → 12428.57 keeps the share at 70%) and
    # there is no listing plan; "（不作为第一批申报条件）" → still eligible
    p = year(example("key-little-giant-2021-eligible"), 2020, main_business_revenue=8700.0, revenue=12428.57)
    r = liaoning.evaluate(p, KLG, ON)
    assert r.criterion("main-business-growth").outcome.value == "not_met"
    assert r.verdict.value == "eligible"


def test_rd_boundary(liaoning, example):
    # 2019 4.00% (480 / 12000), 2020 3.99% (598.5 / 15000): 1078.5 / 27000 = 3.994% < 4
    p = year(example("key-little-giant-2021-eligible"), 2020, rd_expense=598.5)
    r = liaoning.evaluate(p, KLG, ON)
    assert r.criterion("rd-ratio").outcome.value == "not_met"
    assert r.criterion("rd-ratio").gap == "研发经费支出（近2年合计）距4%还差1.5万元"


def test_window_runs_from_the_notice_to_the_delivery_deadline(liaoning):
    # issued 2021-02-23; materials due at the province "3月 9日 17：00前"
    for pid in (KLG, PLATFORM):
        assert_window(liaoning, pid, dt.date(2021, 3, 9), first=dt.date(2021, 2, 23))
    (occ,) = liaoning.deadlines(KLG)
    assert (occ.date, occ.time, occ.application) == (dt.date(2021, 3, 9), "17:00", True)


def test_key_little_giant_is_offered_in_the_window(liaoning, example):
    checked = {r.program for r in liaoning.check(example("key-little-giant-2021-eligible"), ON)}
    assert KLG in checked and PLATFORM in checked
    assert "national.key-little-giant-2021" not in checked  # the national one has no window


def test_money_is_the_national_rule(liaoning):
    res = liaoning.fund(KLG)
    assert res.total is None  # 财建〔2021〕2号 states no amount; this notice states none either
    assert [p.offset_years for p in res.payments] == [0, 1, 2]


# ------------------------------------------------------------------ platforms
def test_platform_example_is_eligible(liaoning, example):
    r = liaoning.evaluate(example("platform-2021-eligible"), PLATFORM, ON)
    assert r.verdict.value == "eligible"


@pytest.mark.parametrize(
    ("where", "change", "criterion"),
    [
        (2020, {"total_assets": 299.99}, "total-assets"),  # 资产总额 300万元以上
        (2020, {"service_revenue": 199.99}, "service-revenue"),  # 上一年度服务收入 200万元以上
        (2020, {"total_profit": 99.99}, "total-profit"),  # 利润总额 100万元以上
        (2020, {"insured_staff": 19.0}, "insured-staff"),  # 20人以上
        (None, {"liaoning.service_institutions": 4.0}, "service-institutions"),  # 5家以上
        (None, {"platform_services": ()}, "services"),  # 1项以上
    ],
)
def test_platform_thresholds_just_below(liaoning, example, where, change, criterion):
    p = example("platform-2021-eligible")
    p = year(p, where, **change) if where else facts(p, **change)
    r = liaoning.evaluate(p, PLATFORM, ON)
    assert r.criterion(criterion).outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_platform_recognition_must_be_in_force(liaoning, example):
    p = example("platform-2021-eligible")
    ended = attrs.evolve(
        p, recognitions=(Recognition("province.sme_service_platform", 2018, None, dt.date(2021, 2, 28)),)
    )
    r = liaoning.evaluate(ended, PLATFORM, ON)
    assert r.criterion("recognised-platform-in-force").outcome.value == "not_met"
    # the national notice asks only that it was recognised
    assert (
        liaoning.evaluate(ended, "national.platform-2021", ON).criterion("recognised-platform").outcome.value == "met"
    )
    # no end date and no stated validity: cannot tell whether it is in force
    open_ended = attrs.evolve(p, recognitions=(Recognition("province.sme_service_platform", 2019),))
    r = liaoning.evaluate(open_ended, PLATFORM, ON)
    assert r.criterion("recognised-platform-in-force").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_platform_origins_and_quota(liaoning):
    prog = liaoning.program(PLATFORM)
    assert prog.params["services_min"].value == 1
    assert prog.params["services_min"].origin.notice == NOTICE  # "等 1项以上的服务能力"
    assert prog.params["services_min"].previous.origin.notice == "财建〔2021〕2号"
    assert prog.criteria["recognised-platform-in-force"].origin.notice == NOTICE
    assert "recognised-platform" not in prog.criteria
    assert prog.criteria["legal-person"].origin.notice == "财建〔2021〕2号"
    assert prog.criteria["total-assets"].origin.notice == NOTICE
    ((quota_id, quota_max),) = [(q.id, q.max) for q in prog.quotas]
    assert (quota_id, quota_max) == ("per-province", 3)
    assert prog.quota_origins[quota_id].notice == NOTICE


def test_qualitative_conditions_wait_for_a_person(liaoning, example):
    p = attrs.evolve(example("platform-2021-eligible"), attestations={})
    r = liaoning.evaluate(p, PLATFORM, ON)
    assert r.criterion("sound-finances").outcome.value == "review"
    assert r.criterion("service-plan").outcome.value == "review"
    assert r.verdict.value == "review"


def test_implementation_plans_are_at_most_3000_characters(liaoning):
    for form_id in ("annex-1-4", "annex-2-4"):
        form = liaoning.form(f"liaoning-2021-key-little-giant:{form_id}")
        assert validate(form, {"plan": "方" * 3000}, liaoning) == []
        (problem,) = validate(form, {"plan": "方" * 3001}, liaoning)  # 总字数不超过 3000字
        assert problem.key == "plan"
