"""Fund components may name a program parameter ("$name"), so a reading of a fund clause is overridable."""

from __future__ import annotations

import pytest

from srdi.errors import NoticeError
from srdi.testing.helpers import catalog_with, write_notice

TEXT = "示例通知\n第一条 第一年最高支持200万元，第二至三年支持金额最高不超过500万元。\n"
NOTICE = """
[notice]
id = "demo-funds"
title = "示例通知"
issuer = ["示例"]
issued_on = 2030-01-01
region = "000000"
text = "TEXTFILE"
identified_by = "示例"

[[programs]]
id = "demo.fund"
title = "示例资金"
clause = "第一条"
quote = "第一年最高支持200万元"
rule = "x"

[programs.params.later_years_cap]
value = 500
choices = [500, 1000]
label = "第二至三年的上限（合计，或每年500万元两年合计）"
clause = "第一条"
quote = "第二至三年支持金额最高不超过500万元"

[[programs.criteria]]
id = "x"
label = "示例"
type = "attest"
clause = "第一条"
quote = "第一年最高支持200万元"

[programs.fund]
clause = "第一条"
quote = "第一年最高支持200万元"

[[programs.fund.components]]
id = "later"
label = "第二至三年"
kind = "fixed"
amount = "$COMPONENT"
clause = "第一条"
quote = "第二至三年支持金额最高不超过500万元"
"""


def test_a_component_argument_names_a_parameter(tmp_path):
    cat = catalog_with([write_notice(tmp_path, "n", NOTICE.replace("$COMPONENT", "$later_years_cap"), TEXT)])
    assert cat.fund("demo.fund").total == 500.0
    # the other reading, as a what-if: the amount follows the parameter
    assert cat.fund(cat.program("demo.fund").with_overrides({"later_years_cap": 1000})).total == 1000.0


def test_an_unknown_parameter_is_named(tmp_path):
    cat = catalog_with([write_notice(tmp_path, "n", NOTICE.replace("$COMPONENT", "$later_year_cap"), TEXT)])
    with pytest.raises(NoticeError) as err:
        cat.fund("demo.fund")
    problem = err.value.problems[0]
    assert problem.key == "fund.components[0].amount"
    assert "later_years_cap" in problem.message  # a suggestion
