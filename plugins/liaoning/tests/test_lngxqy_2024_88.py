"""辽工信企业〔2024〕88号: Liaoning's 2024 implementation of 财建〔2024〕148号.

The example (examples/key-little-giant-2024.toml), against 一（一）–（四）on 2024-07-01:
  一   a little giant granted 2022-08-01 (in force to 2025-07-31, 有效期为3年) registered in
       沈阳 (credit code 91210100…, 210100 ⊂ 210000: "我省");
  （一）工业“六基” and 重点产业链 are 重点领域;
  （二）a plan covering 攻坚新技术 and 增强配套能力 with annual quantified targets,
       3200万元 > 2000万元 ("实施期内投资总额需超过 2000 万元"), judged sound;
  （三）新三板 is none of 上交所、深交所、北交所、境外;
  （四）no support in the 2021 round (the profile lists its titles; that one is absent);
  四、2 applied on its own.
  → eligible.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs
import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from srdi.forms import json_schema, validate
from srdi.testing.timeline import assert_window

PID = "liaoning.key-little-giant-2024"
ON = dt.date(2024, 7, 1)
EXAMPLE = Path(__file__).parent.parent / "examples" / "key-little-giant-2024.toml"


@pytest.fixture()
def firm(liaoning):
    return liaoning.load_profile(EXAMPLE)


def test_example_is_eligible(liaoning, firm):
    assert liaoning.evaluate(firm, PID, ON).verdict.value == "eligible"


def test_origins_say_which_notice_each_condition_comes_from(liaoning):
    prog = liaoning.program(PID)
    notice = {cid: c.origin.notice for cid, c in prog.criteria.items()}
    # restated by Liaoning (一（一）–（四）) or added by it
    for cid in (
        "in-liaoning",
        "key-field",
        "plan-investment",
        "not-listed",
        "not-supported-before",
        "plan-annual-targets",
    ):
        assert notice[cid] == "辽工信企业〔2024〕88号", cid
    # not restated: still cited to the national notice
    assert notice["valid-little-giant"] == "财建〔2024〕148号"
    assert "plan-targets" not in prog.criteria  # replaced by Liaoning's stricter wording
    assert prog.fund is liaoning.program("national.key-little-giant-2024").fund


def test_a_firm_outside_liaoning_is_ineligible(liaoning, firm):
    # "我省有效期内的专精特新“小巨人”企业": a Beijing firm (110108) fails in-liaoning
    other = attrs.evolve(firm, facts={**firm.facts, "credit_code": None, "region_code": "110108"})
    r = liaoning.evaluate(other, PID, ON)
    assert r.criterion("in-liaoning").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_annual_targets_are_required(liaoning, firm):
    # 一（二）"须分别提出分年度实施推进计划的安排和可量化可考核的年度绩效目标"
    lacking = attrs.evolve(firm, facts={**firm.facts, "liaoning.plan_annual_targets": False})
    assert liaoning.evaluate(lacking, PID, ON).criterion("plan-annual-targets").outcome.value == "not_met"


def test_exactly_2000_is_not_enough(liaoning, firm):
    # "投资总额需超过 2000 万元": 2000 does not exceed 2000
    at = attrs.evolve(firm, facts={**firm.facts, "plan_total_investment": 2000.0})
    assert liaoning.evaluate(at, PID, ON).verdict.value == "ineligible"


def test_the_window_closes_on_12_july(liaoning):
    # 四、3 "于 2024 年 7 月 12 日前": open from the notice (2024-06-26) through 07-12
    assert_window(liaoning, PID, dt.date(2024, 7, 12), first=dt.date(2024, 6, 26))


def test_the_national_fund_rule_applies(liaoning):
    # 三（二）restates 148号 四（二）: investment under 2000万元 recovers the first 300万元. The eligible example
    # (planned 3200万元) reports 1500万元 actually invested: both tranches are its, the first recovered and the
    # last withheld
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["plan"]["actual_investment"] = 1500
    res = liaoning.fund(PID, liaoning.load_profile_data(data), ON)
    assert res.verdict == "eligible"
    assert {p.tranche: p.status for p in res.payments} == {"start": "recovered", "end": "withheld"}


def test_an_enterprise_the_program_does_not_find_eligible_is_paid_nothing(liaoning):
    # the little giant example of 9号 (examples/little-giant-eligible.toml) against 88号 on 2024-07-01: it holds
    # no national little giant title (三（一）"有效期内的国家级专精特新“小巨人”企业") and its 重点领域 is 工业“四基”,
    # not one of 一（一）'s → ineligible. The rule computes 600万元 per enterprise (148号 四（二）: 300 at the
    # start, 300 at the end), yet nothing of it is payable to this firm: payable 0, each tranche not applicable
    firm = liaoning.load_profile(EXAMPLE.parent / "little-giant-eligible.toml")
    res = liaoning.fund(PID, firm, ON)
    assert res.verdict == "ineligible" and res.total == 600.0
    assert res.payable == 0.0
    assert {p.status for p in res.payments} == {"not_applicable"}


# ------------------------------------------------------------------ 附件4 信息表
FILLED = {
    "name": "沈阳精联传动科技有限公司",
    "credit_code": "91210100MA0YK3N252",
    "size_class": "小型",
    "revenue": {"2021": 6800, "2022": 7400, "2023": 8000},
    "main_business_revenue": {"2021": 6300, "2022": 7000, "2023": 7600},
    "main_business_cost": {"2021": 4410, "2022": 4900, "2023": 5320},
    # 毛利率 = (主营业务收入 − 主营业务成本) / 主营业务收入: (7600 − 5320) / 7600 = 30%
    "gross_margin": {"2023": 30},
    # 主营业务收入占比 2023: 7600 / 8000 = 95%
    "main_business_share": {"2023": 95},
    "plan_name": "高精度联轴器关键材料攻关与配套能力提升",
    "plan_total_investment": 3200,
    "plan_directions": ["攻坚新技术", "增强配套能力"],
}


def form(liaoning):
    return liaoning.form("lngxqy-2024-88:annex-4")


def test_a_consistent_form_passes(liaoning):
    assert validate(form(liaoning), FILLED, liaoning) == []


def test_a_gross_margin_that_disagrees_is_named(liaoning):
    # 35% is not (7600 − 5320) / 7600 = 30%
    problems = validate(form(liaoning), FILLED | {"gross_margin": {"2023": 35}}, liaoning)
    assert [p.key for p in problems] == ["gross_margin.2023"]
    assert "30.00" in problems[0].message


def test_word_limit_and_choices(liaoning):
    # 附4-1 一 "不超过 3000 字"; 企业类型 offers 国有/合资/民营/外资 only
    problems = validate(form(liaoning), FILLED | {"plan_background": "字" * 3001, "ownership": "集体"}, liaoning)
    assert {p.key for p in problems} == {"plan_background", "ownership"}


def test_year_columns_are_those_of_the_form(liaoning):
    problems = validate(form(liaoning), FILLED | {"revenue": {"2020": 1}}, liaoning)
    assert [p.key for p in problems] == ["revenue.2020"]


def test_json_schema_export(liaoning):
    schema = json_schema(form(liaoning))
    assert schema["properties"]["revenue"]["properties"]["2023"]["x-unit"] == "万元"
    assert schema["properties"]["plan_background"]["maxLength"] == 3000
