"""``srdi validate`` reports every problem of a notice file in one run, each at its own line.

Each notice below is written out as it is; the line numbers the tests expect are
counted from its first line (line 1 is ``[notice]``).
"""

from __future__ import annotations

from srdi.errors import UNKNOWN_KEY
from srdi.testing.helpers import write_notice
from srdi.validate import validate

TEXT = "某某厅关于开展测试工作的通知\n某厅〔2030〕1号\n一、企业上年度营业收入达到 2000万元及以上，资产总额达到 1000万元及以上。\n二、申报时间为 2030年 3月 1日至 3月 31日。\n"


def found(path):
    """(key, line) → message of every finding of validating ``path``."""
    return {(f.problem.key, f.problem.line): f.problem.message for f in validate(path)}


# Lines: 10 [[programs]], 17 the criterion's header (it has no `label`), 21 `oper`, 22 `vlaue`,
# 26 the group's header, 28 the group's `label`.
MISSING_AND_MISSPELLED = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
title = "测试项目"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "eligibility"

[[programs.criteria]]
id = "revenue"
type = "compare"
metric = "revenue"
oper = ">="
vlaue = 2000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.groups]]
id = "eligibility"
label = "申报条件"
mode = "all"
of = ["revenue"]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
"""


def test_a_missing_key_and_two_misspelled_keys_of_one_criterion_are_reported_in_one_run(tmp_path):
    # `oper` and `vlaue` would be keys of the compare condition type, checked only once a file loads; the
    # missing `label` stops it loading, yet they are reported in the same run, each at its line, and so are
    # the `op` and `value` the condition type lacks
    path = write_notice(tmp_path, "demo", MISSING_AND_MISSPELLED, TEXT)
    findings = validate(path)
    assert {(f.problem.key, f.problem.line): f.problem.message for f in findings} == {
        # the criterion's header (line 17), not the `label` of the group below it (line 28)
        ("programs[0].criteria[0].label", 17): "缺少必需的键",
        ("programs[0].criteria[0].oper", 21): "未知的键（是否应为 'upper'、'op'？）",
        ("programs[0].criteria[0].vlaue", 22): "未知的键（是否应为 'value'、'clause'、'label'？）",
        ("programs[0].criteria[0].op", 17): "缺少必需的键",
        ("programs[0].criteria[0].value", 17): "缺少必需的键",
    }
    codes = {f.problem.key: f.problem.code for f in findings}
    assert codes["programs[0].criteria[0].oper"] == codes["programs[0].criteria[0].vlaue"] == UNKNOWN_KEY


# Lines: 10 [[programs]] (it has no `title`), 12 `titel`, 13 `refrence_year`, 28 [[programs.timeline]],
# 30 the event's `title`.
PROGRAM_MISSING_TITLE = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
titel = "测试项目"
refrence_year = 2029
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "revenue"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = 2000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.timeline]]
id = "apply"
title = "申报"
kind = "window"
start = 2030-03-01
end = 2030-03-31
clause = "二"
quote = "申报时间为2030年3月1日至3月31日"
"""


def test_a_program_missing_its_title_is_placed_at_its_header_beside_its_misspelled_keys(tmp_path):
    path = write_notice(tmp_path, "demo", PROGRAM_MISSING_TITLE, TEXT)
    assert found(path) == {
        # the program's header (line 10), not the `title` of its event (line 30)
        ("programs[0].title", 10): "缺少必需的键",
        ("programs[0].titel", 12): "未知的键（是否应为 'title'、'timeline'？）",
        ("programs[0].refrence_year", 13): "未知的键（是否应为 'reference_year'？）",
    }


# Lines: 27 [[programs.timeline]] (the event has no `title`), 29 `titl`, 31 `strat`.
EVENT_MISSING_TITLE = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
title = "测试项目"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "revenue"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = 2000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.timeline]]
id = "apply"
titl = "申报"
kind = "window"
strat = 2030-03-01
end = 2030-03-31
clause = "二"
quote = "申报时间为2030年3月1日至3月31日"
"""


def test_an_event_missing_its_title_still_has_its_misspelled_keys_reported(tmp_path):
    path = write_notice(tmp_path, "demo", EVENT_MISSING_TITLE, TEXT)
    assert found(path) == {
        ("programs[0].timeline[0].title", 27): "缺少必需的键",
        ("programs[0].timeline[0].titl", 29): "'window' 事项没有此键（是否应为 'title'？）",
        ("programs[0].timeline[0].strat", 31): "'window' 事项没有此键（是否应为 'start'？）",
    }


# Lines: 10 [[programs]], 17 [programs.params.min_revenue], 23 [[programs.criteria]], 29 its `value`
# naming a parameter the program lacks, 33 [[programs.groups]], 37 its `n` naming another.
UNKNOWN_PARAMETER = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
title = "测试项目"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "eligibility"

[programs.params.min_revenue]
value = 2000
unit = "万元"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = "$min_revnue"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.groups]]
id = "eligibility"
label = "申报条件"
mode = "at_least"
n = "$min_count"
of = ["revenue"]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
"""


def test_an_unknown_parameter_is_reported_at_the_key_that_names_it(tmp_path):
    path = write_notice(tmp_path, "demo", UNKNOWN_PARAMETER, TEXT)
    assert found(path) == {
        # at the keys (lines 29 and 37), not at the program's header (line 10)
        ("programs[0].criteria[0].value", 29): "条件 'revenue'：未知的参数 $min_revnue（是否应为 'min_revenue'？）",
        ("programs[0].groups[0].n", 37): "条件组 'eligibility'：未知的参数 $min_count",
    }


def test_an_unknown_parameter_is_placed_whatever_the_language_of_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("SRDI_LANG", "en")
    path = write_notice(tmp_path, "demo", UNKNOWN_PARAMETER, TEXT)
    assert set(found(path)) == {("programs[0].criteria[0].value", 29), ("programs[0].groups[0].n", 37)}


# Lines: 17 [[programs.groups]] (the rule, holding only "revenue"), 25 [[programs.criteria]] "revenue",
# 35 [[programs.criteria]] "assets", which no group holds, 36 its `id`.
ORPHAN = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
title = "测试项目"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "eligibility"

[[programs.groups]]
id = "eligibility"
label = "申报条件"
mode = "all"
of = ["revenue"]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = 2000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "assets"
label = "资产总额"
type = "compare"
metric = "total_assets"
op = ">="
value = 1000
clause = "一"
quote = "资产总额达到1000万元及以上"
"""


def test_a_criterion_no_group_reaches_is_reported_at_its_own_line(tmp_path):
    path = write_notice(tmp_path, "demo", ORPHAN, TEXT)
    assert found(path) == {
        ("programs[0].criteria[1]", 35): "从根规则 'eligibility' 无法到达的条件：assets",
    }


def test_each_of_two_unreached_criteria_gets_its_own_line(tmp_path):
    # the group holds only an attest criterion appended below line 43: `revenue` (line 25) and `assets` (35)
    # are each reached by none, one problem each at its header
    path = write_notice(tmp_path, "demo", ORPHAN.replace('of = ["revenue"]', 'of = ["eligibility-review"]'), TEXT)
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[programs.criteria]]\nid = "eligibility-review"\nlabel = "审核"\ntype = "attest"\n'
        'clause = "一"\nquote = "企业上年度营业收入达到2000万元及以上"\n',
        encoding="utf-8",
    )
    assert found(path) == {
        ("programs[0].criteria[0]", 25): "从根规则 'eligibility' 无法到达的条件：revenue",
        ("programs[0].criteria[1]", 35): "从根规则 'eligibility' 无法到达的条件：assets",
    }


def test_a_criterion_into_no_group_is_reported_at_its_into(tmp_path):
    # line 37 (below `id = "assets"`, line 36): the `into` naming a group that does not exist
    bad = ORPHAN.replace('id = "assets"\n', 'id = "assets"\ninto = "eligibilty"\n')
    path = write_notice(tmp_path, "demo", bad, TEXT)
    assert found(path) == {
        ("programs[0].criteria[1].into", 37): "未知的条件组 'eligibilty'（是否应为 'eligibility'？）",
    }


# Lines: 32 [[programs.fund.components]] (it has no `label`), 35 `amout`, the fixed kind's `amount` misspelled.
COMPONENT_MISSING_LABEL = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
kind = "funding"
title = "测试项目"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "revenue"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = 2000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[programs.fund]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.fund.components]]
id = "award"
kind = "fixed"
amout = 100
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
"""


def test_a_fund_component_missing_its_label_still_has_its_misspelled_amount_reported(tmp_path):
    path = write_notice(tmp_path, "demo", COMPONENT_MISSING_LABEL, TEXT)
    assert found(path) == {
        ("programs[0].fund.components[0].label", 32): "缺少必需的键",
        ("programs[0].fund.components[0].amout", 35): "未知的键（是否应为 'amount'？）",
        ("programs[0].fund.components[0].amount", 32): "缺少必需的键",
    }


def test_an_unknown_parameter_of_a_fund_component_is_reported_at_its_key(tmp_path):
    # the component as above with its `label` (line 34), `kind` (35) and an `amount` naming no parameter (36)
    bad = COMPONENT_MISSING_LABEL.replace(
        'kind = "fixed"\namout = 100', 'label = "奖补"\nkind = "fixed"\namount = "$award"'
    )
    path = write_notice(tmp_path, "demo", bad, TEXT)
    assert found(path) == {("programs[0].fund.components[0].amount", 36): "未知的参数 $award"}


# Lines: 17 the first criterion's header, 20 its `fact`; 25 the second's header, 28 its `titles`.
WRONG_KIND_AND_UNKNOWN_TITLE = """\
[notice]
id = "demo-2030-1"
doc_number = "某厅〔2030〕1号"
title = "某某厅关于开展测试工作的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "demo.p"
title = "测试项目"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
rule = "eligibility"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
fact = "revenue"
type = "flag"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "title"
label = "称号"
titles = ["national.little_gaint"]
type = "recognition"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.groups]]
id = "eligibility"
label = "申报条件"
mode = "all"
of = ["revenue", "title"]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
"""


def test_a_fact_of_the_wrong_kind_and_an_unknown_title_are_placed_at_the_argument_giving_them(tmp_path):
    # 营业收入 is an amount, not a yes/no fact a flag reads: the refusal stands at `fact` (line 20), not at the
    # criterion's header (line 17); a title no plugin defines stands at `titles` (line 28), with the title meant
    path = write_notice(tmp_path, "demo", WRONG_KIND_AND_UNKNOWN_TITLE, TEXT)
    got = found(path)
    assert set(got) == {("programs[0].criteria[0].fact", 20), ("programs[0].criteria[1].titles", 28)}
    assert "'revenue'" in got[("programs[0].criteria[0].fact", 20)]
    assert "national.little_giant" in got[("programs[0].criteria[1].titles", 28)]
