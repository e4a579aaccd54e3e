"""Form cells and the vocabulary: one-year cells, options that land elsewhere, and the mapping check."""

from __future__ import annotations

import pytest

from srdi.errors import UnknownNameError
from srdi.forms import json_schema, mapping_problems, profile_target, validate
from srdi.notices.model import FieldSpecForm, FormSpec, SectionSpec


def form(*fields: FieldSpecForm, years: tuple[int, ...] = ()) -> FormSpec:
    return FormSpec(
        id="t",
        title="测试表",
        clause="附件",
        quote="测试表",
        years=years,
        layout="table",
        sections=(SectionSpec(id="s", title="2021年度经营情况", fields=fields),),
    )


ROW = form(
    FieldSpecForm(id="revenue", label="营业收入", type="money", profile="revenue", year=2021),
    FieldSpecForm(id="main", label="主营业务收入", type="money", profile="main_business_revenue", year=2021),
    FieldSpecForm(
        id="share",
        label="主营业务收入占比",
        type="percent",
        profile="main_business_share",
        derived="main_business_share",
        year=2021,
    ),
    FieldSpecForm(
        id="iso9001", label="是否通过ISO9000质量管理体系认证", type="bool", profile="management_certs.iso9001"
    ),
)


def test_a_one_year_cell_is_one_value_checked_for_its_year(baseline):
    # 主营业务收入 600 of 营业收入 1000 is 60%: a cell saying 70 disagrees, and the message
    # names the cell and its year (the table column has no year of its own).
    problems = validate(ROW, {"revenue": 1000, "main": 600, "share": 70}, baseline)
    assert [(p.key, p.message) for p in problems] == [
        ("share", "主营业务收入占比（2021年）填为 70，但按表中数据应为 60.00")
    ]
    assert validate(ROW, {"revenue": 1000, "main": 600, "share": 60}, baseline) == []
    # a one-year cell given per year is refused like any single value
    assert validate(ROW, {"revenue": {"2021": 1000}}, baseline)


def test_schema_says_where_each_cell_lands(baseline):
    props = json_schema(ROW)["properties"]
    assert props["revenue"]["type"] == "number"
    assert (props["revenue"]["x-year"], props["revenue"]["x-profile"]) == (2021, "revenue")
    assert props["share"]["x-derived"] == "main_business_share"


def test_profile_target_names_a_field_or_one_option(baseline):
    spec, choice = profile_target(baseline.vocabulary, "management_certs.iso9001")
    assert (spec.key, choice) == ("management_certs", "iso9001")
    assert profile_target(baseline.vocabulary, "revenue")[1] is None
    with pytest.raises(UnknownNameError, match="iso9001"):
        profile_target(baseline.vocabulary, "management_certs.iso9000")
    with pytest.raises(UnknownNameError, match="revenue"):
        profile_target(baseline.vocabulary, "revenu")


def test_a_well_mapped_form_has_no_mapping_problems(baseline):
    assert mapping_problems(ROW, baseline) == []


def test_mapping_problems_name_the_cell(baseline):
    bad = form(
        FieldSpecForm(id="a", label="营业收入", type="money", profile="revenue"),  # yearly fact, no year
        FieldSpecForm(id="b", label="企业名称", type="text", profile="name", yearly=True),  # one-value fact per year
        FieldSpecForm(id="c", label="注册资本", type="usd", profile="registered_capital"),  # 万美元 into 万元
        FieldSpecForm(id="d", label="认证", type="text", profile="management_certs.iso9001"),  # an option, not text
        FieldSpecForm(
            id="e",
            label="管理体系认证",
            type="multichoice",
            profile="management_certs",
            choices=("ISO9000质量管理体系认证", "其他"),  # 其他 is not a label of management_certs
        ),
        FieldSpecForm(id="f", label="比重", type="percent", derived="no_such_metric", yearly=True),
        years=(2021,),
    )
    found = {p.key: p.message for p in mapping_problems(bad, baseline)}
    assert set(found) == {
        "forms.t.s.a.profile",
        "forms.t.s.b.profile",
        "forms.t.s.c.profile",
        "forms.t.s.d.profile",
        "forms.t.s.e.choices",
        "forms.t.s.f.derived",
    }
    assert "year" in found["forms.t.s.a.profile"]
    assert "money" in found["forms.t.s.c.profile"]
    assert "choice_profiles" in found["forms.t.s.e.choices"]


def test_choice_profiles_send_an_option_elsewhere(baseline):
    f = FieldSpecForm(
        id="e",
        label="管理体系认证",
        type="multichoice",
        profile="management_certs",
        choices=("ISO9000质量管理体系认证", "其他"),
        choice_profiles={"其他": "management_certs.other"},
    )
    assert mapping_problems(form(f), baseline) == []
    wrong = FieldSpecForm(
        id="e",
        label="管理体系认证",
        type="multichoice",
        choices=("其他",),
        choice_profiles={"其它": "management_certs.other", "其他": "revenue"},
    )
    found = [p.message for p in mapping_problems(form(wrong), baseline)]
    assert any("'其它' 不是该单元格的可选项" in m for m in found)
    # a yes/no cell (a choice_profiles entry) cannot fill the money field revenue
    assert any("bool 单元格不能填写 'revenue'" in m for m in found)
