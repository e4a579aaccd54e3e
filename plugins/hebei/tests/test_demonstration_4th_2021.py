"""The 2021-09-15 call for the fourth batch of demonstration enterprises (no 文号).

examples/demonstration-4th-batch.toml on 2021-10-01 (上年度 = 2020), every figure on a
threshold of 二:
  一   not a provincial SRDI SME, but in the pool since 2020 with products in the 制造强国
       key industries (key_fields ten_key_industries) → in scope.
  二（一）营业收入 5000 ≥ 5000 ("5000万元以上"); 主营 3000 / 5000 = 60% ≥ 60.
  二（二）I6513 is 软件和信息技术服务业 (division 65), which "工业企业（含软件…）" includes → a
       B级以上 institution is needed: B级 → met.
  二（三）资产负债率 4000 / 5000 = 80% ≤ 80 ("不高于").
  二（四）R&D (140 + 160) / (4600 + 5000) = 300 / 9600 = 3.125% ≥ 3.
  二（五）no accident on record.
  The title's own conditions (指南, via hebei.demonstration-base): registered in 廊坊
  (131000 ⊂ 130000); I65 with 150 people and 5000万元 → 300号 第四条（十二）: <300 people → SME,
  ≥100 people and ≥1000万元 → 中型; no exclusion of 第九条.
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

DEMO4 = "hebei.demonstration-4th-batch"
ON = dt.date(2021, 10, 1)


def test_example_is_eligible_on_every_threshold(hebei, example, edit):
    r = hebei.evaluate(example("demonstration-4th-batch"), DEMO4, ON)
    assert r.verdict.value == "eligible"
    assert edit.outcome(r, "scope-srdi-sme") == "not_met" and edit.outcome(r, "scope-pool-key-field") == "met"
    assert r.criterion("sme").values == {"企业规模": "中型"}


@pytest.mark.parametrize(
    ("year", "facts", "node"),
    [
        (2020, {"revenue": 4999.99, "main_business_revenue": 3000.0}, "revenue-5000"),  # below 5000
        (2020, {"main_business_revenue": 2999.0}, "main-share-60"),  # 59.98% < 60
        (2020, {"total_liabilities": 4001.0}, "debt-80"),  # 80.02% > 80
        (2020, {"rd_expense": 147.9}, "rd-ratio-3"),  # (140 + 147.9) / 9600 = 2.999% < 3
    ],
)
def test_just_past_each_threshold_is_not_met(hebei, example, edit, year, facts, node):
    r = hebei.evaluate(edit.year(example("demonstration-4th-batch"), year, facts), DEMO4, ON)
    assert edit.outcome(r, node) == "not_met"
    assert r.verdict.value == "ineligible"


def test_rd_ratio_exactly_three_percent(hebei, example, edit):
    # (140 + 148) / 9600 = 288 / 9600 = 3.00% → met
    r = hebei.evaluate(edit.year(example("demonstration-4th-batch"), 2020, {"rd_expense": 148.0}), DEMO4, ON)
    assert edit.outcome(r, "rd-ratio-3") == "met"


def test_grade_c_is_not_enough_for_a_software_firm(hebei, example, edit):
    p = edit.facts(example("demonstration-4th-batch"), {"hebei.rd_institution_grade": "c"})
    assert edit.outcome(hebei.evaluate(p, DEMO4, ON), "rd-institution-b") == "not_met"


def test_scope(hebei, example, edit):
    p = example("demonstration-4th-batch")
    # a pool firm outside 四基 / 制造强国 fields is out of scope
    q = edit.facts(p, {"key_fields": ("green_lowcarbon",)})
    assert edit.outcome(hebei.evaluate(q, DEMO4, ON), "scope-4th") == "not_met"
    # a provincial SRDI SME is in scope whatever its field ("已认定的省级“专精特新”中小企业")
    q = edit.titles(q, Recognition("hebei.srdi_sme", 2020))
    assert edit.outcome(hebei.evaluate(q, DEMO4, ON), "scope-4th") == "met"


def test_the_call_has_its_own_conditions(hebei, example):
    # this batch is not the guide's 第七条: no market-position condition, which the example
    # (without a provincial rank) would not meet as a non-SRDI SME under the guide anyway
    prog = hebei.program(DEMO4)
    assert prog.extends == "hebei.demonstration-base"
    assert "market-position" not in prog.groups and "valid-srdi-sme" not in prog.criteria
    assert hebei.evaluate(example("demonstration-4th-batch"), "hebei.demonstration", ON).verdict.value == "ineligible"
    # the title it confers is the guide's, with the guide's validity
    assert prog.grants.title == "hebei.demonstration" and prog.grants.validity_years == 3


def test_accident_record(hebei, example, edit):
    # 二（五）"近三年内未发生过安全、质量、环境污染等违法事故记录"
    r = hebei.evaluate(edit.facts(example("demonstration-4th-batch"), {"accident_3y": True}), DEMO4, ON)
    assert edit.outcome(r, "no-accident-record") == "not_met" and r.verdict.value == "ineligible"


def test_dates(hebei):
    # 三 enterprises by 10月14日; 四 cities by 10月21日; open from the notice (2021-09-15)
    occ = {o.event: o for o in hebei.deadlines(DEMO4)}
    assert occ["online-application"].date == dt.date(2021, 10, 14)
    assert occ["city-recommendation"].date == dt.date(2021, 10, 21)
    assert_window(hebei, DEMO4, dt.date(2021, 10, 14), first=dt.date(2021, 9, 15))


def test_pool_entry_open_to_the_end_of_2021(hebei, example):
    # 四 "入库审核工作全年开放": from the notice to 2021-12-31
    prog = "hebei.pool-open-2021"
    assert_window(hebei, prog, dt.date(2021, 12, 31), first=dt.date(2021, 9, 15))
    # the guide's 第五条 conditions, 上年度 2020: the pool example qualifies (see test_pool_2021)
    assert hebei.evaluate(example("pool-applicant"), prog, dt.date(2021, 11, 1)).verdict.value == "eligible"
