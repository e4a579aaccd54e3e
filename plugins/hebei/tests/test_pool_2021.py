"""冀工信企业函〔2021〕129号: the 2021 pool round, its target, form and online steps.

The example (examples/pool-applicant.toml) against 指南第五条 as this round applies it
(上年度 = 2020), on 2021-04-01:
  registered 2018-09-01 in 保定 (91130600…) → 2 full years on 2021-04-01 ("已经营两年以上");
  independent legal person; C4015 with 45 people and 500万元 → 小型 (≥20 people, ≥300万元);
  营业收入 2020 = 500 ≥ 500 ("不少于500万元"); 主营业务收入 420 → 450 = +7.14% > 0;
  R&D capability, direction and compliance attested; no exclusion of 第九条.
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest
from jsonschema import Draft202012Validator

from srdi.forms import json_schema, validate

POOL = "hebei.pool-2021"


def test_example_is_eligible_in_the_2021_round(hebei, example):
    r = hebei.evaluate(example("pool-applicant"), POOL, dt.date(2021, 4, 1))
    assert r.verdict.value == "eligible"
    assert r.reference_year == 2020
    # the round's conditions are the guide's, each citing 冀工信中小函〔2021〕116号
    assert r.criterion("revenue").notice == "冀工信中小函〔2021〕116号"
    assert hebei.program(POOL).origin.notice == "冀工信企业函〔2021〕129号"


def test_reference_year_is_2020_whatever_the_day(hebei, example, edit):
    # the round is 2021's: 上年度 is 2020 even when evaluated in 2022
    p = edit.year(example("pool-applicant"), 2021, {"revenue": 100.0})
    assert hebei.evaluate(p, POOL, dt.date(2022, 1, 10)).reference_year == 2020


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (dt.date(2021, 3, 4), False),  # before the notice
        (dt.date(2021, 3, 5), True),  # issued 2021-03-05
        (dt.date(2021, 5, 8), True),  # "务于5月8日前…完成": the last day
        (dt.date(2021, 5, 9), False),
    ],
)
def test_open_from_issue_to_the_city_deadline(hebei, day, open_):
    assert hebei.is_open(POOL, day) is open_


def test_dates_and_steps(hebei):
    occ = hebei.deadlines(POOL)
    dated = [(o.event, o.date) for o in occ if o.date]
    # 四 the cities by 5月8日; 一 former members update by "5月25" (日 missing in the text)
    assert dated == [("city-recommendation", dt.date(2021, 5, 8)), ("former-members-update", dt.date(2021, 5, 25))]
    # the enterprise and county steps (一、二, 附件3) carry no date: listed in order after the dates
    assert [o.event for o in occ if o.date is None] == [
        "step-1-register",
        "step-2-apply",
        "step-3-paper",
        "step-4-county",
    ]
    assert all(o.kind == "undated" for o in occ if o.date is None)


def test_target_of_800_for_the_province(hebei):
    # 四 "提出今年全省入库培育800家的要求"; the per-city table (附件1) is omitted（略）
    (quota,) = hebei.program(POOL).quotas
    assert (quota.id, quota.max, quota.scope, quota.per) == ("province-2021", 800, "province", None)


def test_form_2_1_schema(hebei):
    form = hebei.form("jgxqyh-2021-129:annex-2-1")
    schema = json_schema(form)
    Draft202012Validator.check_schema(schema)
    # 单位：人、万元、个; the figures are 2020's
    assert schema["properties"]["revenue"]["properties"]["2020"]["x-unit"] == "万元"
    assert schema["properties"]["employees"]["properties"]["2020"]["x-unit"] == "名"
    assert schema["properties"]["size"]["enum"] == ["中型", "小型", "微型"]
    assert set(schema["required"]) == {"name", "county", "revenue", "main_business_revenue"}


def test_a_filled_form_is_checked_field_by_field(hebei):
    form = hebei.form("annex-2-1")
    problems = validate(
        form,
        {
            "name": "保定禾测传感技术有限公司",
            "county": "高新区",
            "revenue": {"2020": 500, "2019": 440},  # the form asks for 2020 only
            "main_business_revenue": {"2020": 450},
            "size": "大型",  # not a choice of 企业规模
            "high_tech": True,
            "employes": 45,  # misspelt
        },
        hebei,
        source="filled.toml",
    )
    keys = {p.key: p.message for p in problems}
    assert set(keys) == {"revenue.2019", "size", "employes"}
    assert "2020" in keys["revenue.2019"] and "中型" in keys["size"] and "employees" in keys["employes"]
