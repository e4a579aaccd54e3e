"""Form validation: single cells holding one year of a yearly fact, and signed money."""

from __future__ import annotations

import pytest

from srdi.errors import NoticeError
from srdi.forms import json_schema, validate
from srdi.testing.helpers import catalog_with, write_notice

TEXT = (
    "表格通知\n表〔2030〕1号\n附件：申请书\n从业人数 其中研发人员数\n研发人员占全部职工比重 2028年 2029年\n净利润总额\n"
)
FORM = """
[notice]
id = "form-2030"
doc_number = "表〔2030〕1号"
title = "表格通知"
issuer = ["表"]
issued_on = 2030-01-01
region = "000000"
text = "TEXTFILE"

[[forms]]
id = "annex"
title = "申请书"
years = [2028, 2029]
clause = "附件"
quote = "申请书"

[[forms.sections]]
id = "one"
title = "一"

[[forms.sections.fields]]
id = "employees"
label = "从业人数"
type = "integer"
profile = "employees"
year = 2029

[[forms.sections.fields]]
id = "rd_staff"
label = "其中研发人员数"
type = "integer"
profile = "rd_staff"
year = 2029

[[forms.sections.fields]]
id = "rd_staff_share"
label = "研发人员占全部职工比重"
type = "percent"
yearly = true
derived = "rd_staff_share"

[[forms.sections.fields]]
id = "net_profit"
label = "净利润总额"
type = "money"
profile = "net_profit"
yearly = true
signed = true

[[forms.sections.fields]]
id = "revenue"
label = "营业收入"
type = "money"
profile = "revenue"
yearly = true
"""


@pytest.fixture(scope="module")
def form_cat(tmp_path_factory):
    path = write_notice(tmp_path_factory.mktemp("forms"), "form-2030", FORM, TEXT)
    cat = catalog_with([path])
    return cat, cat.form("form-2030:annex")


def test_a_single_cell_of_one_year_feeds_that_years_derived_cell(form_cat):
    cat, form = form_cat
    # 2029: 30 研发人员 of 200 从业人数 = 15%; a filled 15 agrees, 25 does not.
    # 2028 has no headcount on the form, so its share cannot be recomputed and is not judged.
    ok = {"employees": 200, "rd_staff": 30, "rd_staff_share": {"2028": 40, "2029": 15}}
    assert validate(form, ok, cat) == []
    bad = {**ok, "rd_staff_share": {"2028": 40, "2029": 25}}
    (problem,) = validate(form, bad, cat)
    assert problem.key == "rd_staff_share.2029"
    # the message ends with what the form's own figures give: 30 / 200 = 15.00%
    assert problem.message.endswith("应为 15.00")


def test_signed_money_accepts_a_loss_and_unsigned_money_does_not(form_cat):
    cat, form = form_cat
    assert validate(form, {"net_profit": {"2029": -120}}, cat) == []
    (problem,) = validate(form, {"revenue": {"2029": -120}}, cat)
    assert problem.key == "revenue.2029"
    schema = json_schema(form)
    assert "minimum" not in schema["properties"]["net_profit"]["properties"]["2029"]
    assert schema["properties"]["revenue"]["properties"]["2029"]["minimum"] == 0
    assert schema["properties"]["employees"]["x-year"] == 2029


def test_a_yearly_field_cannot_also_name_a_year(tmp_path):
    toml = FORM.replace(
        'yearly = true\nderived = "rd_staff_share"', 'yearly = true\nyear = 2029\nderived = "rd_staff_share"'
    )
    with pytest.raises(NoticeError, match="`year` 只用于单独一格"):
        catalog_with([write_notice(tmp_path, "form-2030", toml, TEXT)])
