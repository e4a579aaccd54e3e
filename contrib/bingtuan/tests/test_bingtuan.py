"""What the 兵团 case files cannot state: the title, the standing rules, the unit of its own, routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs

import srdi
from srdi.profile import Recognition

STANDARD = "bingtuan.srdi-sme"


def test_the_standard_is_in_force_and_never_open_on_its_own(catalog):
    # 第十七条 "本办法自发布之日起实施" (2021-10-19); 第六条 "每年认定一次，具体申报工作按照当年
    # 通知要求进行": in force, opened only by yearly calls the compendium does not print
    (period,) = catalog.deadlines(STANDARD)
    assert (period.start, period.kind) == (dt.date(2021, 10, 19), "in_force")
    assert not catalog.is_open(STANDARD, dt.date(2021, 11, 1))
    assert catalog.program(STANDARD).doc_number == "兵工信企业〔2021〕36号"


def test_title_is_reviewed_every_three_years_and_counts_as_provincial(catalog, example):
    # 第十一条 "每三年复核一次。对复核不合格的企业，取消…称号": granted 2021-12-01 → held to
    # 2024-11-30, the 复核 deciding whether it continues; a 省级 title for national calls
    p = attrs.evolve(
        example("srdi-sme-2021"), recognitions=(Recognition("bingtuan.srdi_sme", 2021, dt.date(2021, 12, 1)),)
    )
    dates = {d.date for d in catalog.recognition_deadlines(p)}
    assert dt.date(2024, 11, 30) in dates
    assert "province.srdi_sme" in catalog.program(STANDARD).grants.counts_as


def test_bingtuan_is_a_recommending_unit_of_its_own_in_national_calls(catalog):
    # 工信厅企业函〔2021〕79号 五（一） "各省、自治区、直辖市及计划单列市、新疆生产建设兵团中小企业
    # 主管部门…负责组织推荐": the 兵团 (660000) counts its own 200 and 10, apart from 新疆
    units = catalog.program("national.little-giant-3rd-batch").quota_units
    assert "bingtuan" in units.separate
    assert catalog.regions.resolve("bingtuan").code == "660000"


def test_credit_code_routes_to_bingtuan(example):
    # 91660100… → 66xxxx, a 兵团 registration authority → 660000, then the nation
    cat = srdi.for_credit_code("91660100MA78BT6E4T")
    assert cat.claims == {"660000": "bingtuan"}
    r = cat.evaluate(example("srdi-sme-2021"), STANDARD, dt.date(2021, 11, 1))
    assert r.verdict.value == "eligible"
