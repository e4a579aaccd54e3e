"""The forms of the first-batch project guide (北京市经济和信息化局, 2021-02-26, 附件1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from srdi.forms import json_schema, load_filled, validate

FORMS = Path(__file__).parent.parent / "examples" / "forms"
NOTICE = "bjjxj-2021-02-26-projects"


def problems(beijing, form_id, values):
    return {p.key: p.message for p in validate(beijing.form(f"{NOTICE}:{form_id}"), values, beijing)}


@pytest.mark.parametrize("name", ["annex-1-1-3", "annex-1-1-4"])
def test_filled_examples_are_clean(beijing, name):
    values = load_filled(FORMS / f"{name}.toml")
    assert problems(beijing, name, values) == {}
    # the same values as JSON (years as keys, dates as ISO text) fit the form's JSON Schema
    as_json = json.loads(json.dumps(values, default=lambda d: d.isoformat()))
    Draft202012Validator(json_schema(beijing.form(f"{NOTICE}:{name}"))).validate(as_json)


def test_basic_information_limits(beijing):
    # 附件1-1-3: 具体领域 "（限10字以内）", 企业简介 "（不超过500字，另附页无效）", 企业规模 □中型□小型□微型
    values = load_filled(FORMS / "annex-1-1-3.toml")
    values |= {"fill_gap_field": "高温高压压力芯体国产化", "intro": "字" * 501, "size": "大型"}
    found = problems(beijing, "annex-1-1-3", values)
    assert found["fill_gap_field"] == "共 11 个字符，超过上限 10 个"
    assert found["intro"] == "共 501 个字符，超过上限 500 个"
    assert "'大型' 不是可选项之一：中型、小型、微型" in found["size"]
    # exactly ten characters and exactly 500 are within the limits
    values |= {"fill_gap_field": "高温压力芯体国产化率", "intro": "字" * 500, "size": "小型"}
    assert problems(beijing, "annex-1-1-3", values) == {}


def test_target_table_years_and_required_cells(beijing):
    # 附件1-1-4: 2020 (initial), 2021 and 2022 targets; "所有指标均需填报"
    values = load_filled(FORMS / "annex-1-1-4.toml")
    del values["export_share"]
    values["rd_ratio"] = {2019: 5, 2020: 5}
    found = problems(beijing, "annex-1-1-4", values)
    assert found["export_share"] == "必填"
    assert found["rd_ratio.2019"] == "表单只填报以下年度：2020、2021、2022"


def test_every_project_type_has_its_application_table(beijing):
    # each type's 申请表/申报表 as the guide reproduces it, plus 附件1-1-3 and 附件1-1-4 for all
    expected = {
        "beijing.tech-industrialisation-2021": "annex-1-2-2",
        "beijing.chain-collaboration-2021": "annex-1-3-2",
        "beijing.innovation-capability-2021": {"annex-1-4-2", "annex-1-4-3", "annex-1-4-4"},
        "beijing.digital-upgrade-2021": "annex-1-5-2",
        "beijing.ipo-cultivation-2021": "annex-1-6-2",
    }
    for program, own in expected.items():
        ids = {f.id for f in beijing.forms(program)}
        own = {own} if isinstance(own, str) else own
        assert ids == {"annex-1-1-3", "annex-1-1-4"} | own


def test_standards_table_choices(beijing):
    # 附件1-4-4 columns: 制定/修订, 主持/参与, 标准类别（国际标准/国家标准/行业标准）
    row = {"name": "压力传感器通用规范", "kind": "制订", "role": "主持", "category": "团体标准"}
    found = problems(beijing, "annex-1-4-4", {"name": "x", "credit_code": "91110108MA01ABCD3L", "items": [row]})
    assert "'制订' 不是可选项之一：制定、修订" in found["items[0].kind"]
    assert "'团体标准' 不是可选项之一：国际标准、国家标准、行业标准" in found["items[0].category"]
