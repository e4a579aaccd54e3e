"""``srdi validate`` places each problem at the key it is about, and hides none behind another.

A notice file without its ``[notice]`` table is told so at line 1 and still has its
other problems reported; a criterion and a group sharing an id are reported at the
later of the two; a criterion's argument a condition type refuses (an unknown fact, a
window ending before it starts, a unit that is not the metric's) is reported at that
argument's key and line; an ``integer`` field without a ``unit`` (shown in 人) is a
warning at its table in the fields file.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from srdi.validate import validate

TEXT = """某某市工业和信息化局关于开展2030年专精特新企业认定的通知
某市工信〔2030〕3号
一、申报条件
（一）2015年1月1日至2022年12月31日期间成立，具有独立法人资格。
（二）企业上年度营业收入达到 1500万元及以上。
"""

NOTICE = """\
[notice]
id = "wzdemo-2030-3"
doc_number = "某市工信〔2030〕3号"
title = "某某市工业和信息化局关于开展2030年专精特新企业认定的通知"
issuer = ["某某市工业和信息化局"]
issued_on = 2030-02-01
region = "330300"
text = "../texts/wzdemo-2030-3.txt"

[[programs]]
id = "wzdemo.srdi-2030"
title = "某某市专精特新企业（2030年）"
reference_year = 2029
rule = "eligibility"
clause = "一"
quote = "一、申报条件"

[[programs.groups]]
id = "eligibility"
label = "申报条件"
mode = "all"
of = ["founded", "legal-person", "revenue"]
clause = "一"
quote = "一、申报条件"

[[programs.criteria]]
id = "founded"
label = "2015年1月1日至2022年12月31日期间成立"
type = "date"
fact = "registered_on"
op = "between"
date = 2015-01-01
until = 2022-12-31
clause = "一（一）"
quote = "2015年1月1日至2022年12月31日期间成立"

[[programs.criteria]]
id = "legal-person"
label = "具有独立法人资格"
type = "flag"
fact = "independent_legal_person"
clause = "一（一）"
quote = "具有独立法人资格"

[[programs.criteria]]
id = "revenue"
label = "上年度营业收入达到1500万元及以上"
type = "compare"
metric = "revenue"
op = ">="
value = 1500
unit = "万元"
clause = "一（二）"
quote = "企业上年度营业收入达到1500万元及以上"
"""

FIELDS = """\
[[fields]]
key = "wzdemo.key_industry"
label = "属于我市重点产业链企业"
kind = "bool"
section = "enterprise"
"""

RANK = """
[[fields]]
key = "wzdemo.national_rank"
label = "主导产品全国排名"
kind = "integer"
section = "enterprise"
"""

PLUGIN_TOML = """\
[plugin]
description = "某某市：专精特新通知"
notices = "notices"
fields = "fields.toml"

[[regions]]
code = "330300"
name = "温州市"
slug = "wzdemo"
level = "city"
parent = "330000"
"""

PYPROJECT = """\
[project]
name = "srdi-wzdemo"
version = "0.1.0"
dependencies = ["srdi"]

[project.entry-points."srdi.plugins"]
wzdemo = "srdi_wzdemo"

[tool.setuptools.packages.find]
where = ["src"]
namespaces = true
"""


@pytest.fixture()
def project(tmp_path: Path) -> tuple[Path, Path]:
    """A plugin project declared in ``plugin.toml`` (not installed), and its notice file."""
    pkg = tmp_path / "src" / "srdi_wzdemo"
    (pkg / "notices").mkdir(parents=True)
    (pkg / "texts").mkdir()
    (pkg / "plugin.toml").write_text(PLUGIN_TOML, encoding="utf-8")
    (pkg / "fields.toml").write_text(FIELDS, encoding="utf-8")
    (pkg / "texts" / "wzdemo-2030-3.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    notice = pkg / "notices" / "wzdemo-2030-3.toml"
    notice.write_text(NOTICE, encoding="utf-8")
    return tmp_path, notice


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """The 1-based line of ``path`` that is ``text`` (the first after the line ``after``, when given)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0 if after is None else lines.index(after)
    return next(i for i, ln in enumerate(lines) if i >= start and ln == text) + 1


def findings(path: Path) -> dict[tuple[str | None, str | None, int | None], tuple[str, str]]:
    """(file, key, line) → (severity, message) of every finding of validating ``path``."""
    return {(f.problem.file, f.problem.key, f.problem.line): (f.severity, f.problem.message) for f in validate(path)}


def test_the_project_validates(project):
    root, _ = project
    assert validate(root) == []


def test_a_missing_notice_table_is_said_at_line_1_and_hides_no_other_problem(project):
    root, notice = project
    body = NOTICE[NOTICE.index("[[programs]]") :]
    # the rest of the file has faults of its own: a misspelled key, an unknown condition type, an unknown group child
    body = body.replace("value = 1500\n", "vaule = 1500\n").replace('type = "flag"', 'type = "flg"')
    body = body.replace('of = ["founded", "legal-person", "revenue"]', 'of = ["founded", "legal-person", "revenu"]')
    notice.write_text(body, encoding="utf-8")
    file = str(notice)
    assert findings(root) == {
        (file, "notice", 1): (
            "error",
            "缺少 [notice] 表：它须写明 id、title、issuer、issued_on、text，以及 doc_number 或 identified_by",
        ),
        (file, "programs[0].criteria[2].vaule", line_of(notice, "vaule = 1500")): (
            "error",
            "未知的键（是否应为 'value'？）",
        ),
        (file, "programs[0].criteria[2].value", line_of(notice, "[[programs.criteria]]", 'id = "legal-person"')): (
            "error",
            "缺少必需的键",
        ),
        (file, "programs[0].criteria[1].type", line_of(notice, 'type = "flg"')): (
            "error",
            "未知的条件类型 'flg'（是否应为 'flag'？）",
        ),
        (file, "programs[0].groups[0].of", line_of(notice, 'of = ["founded", "legal-person", "revenu"]')): (
            "error",
            "没有条件或条件组 'revenu'",
        ),
    }


@pytest.mark.parametrize("group_first", [True, False])
def test_a_criterion_and_a_group_sharing_an_id_are_reported_at_the_later(project, group_first):
    root, notice = project
    text = NOTICE.replace('id = "eligibility"', 'id = "revenue"').replace('rule = "eligibility"', 'rule = "revenue"')
    if not group_first:  # the group written after the criteria
        start, end = text.index("[[programs.groups]]"), text.index("[[programs.criteria]]")
        group = text[start:end]
        text = text[:start] + text[end:] + "\n" + group.rstrip() + "\n"
    notice.write_text(text, encoding="utf-8")
    [(where, (severity, message))] = findings(root).items()
    if group_first:
        key, line = "programs[0].criteria[2].id", line_of(notice, 'id = "revenue"', 'type = "flag"')
        assert message == "条件的 id 'revenue' 已是条件组 programs[0].groups[0] 的 id：条件与条件组的 id 须各不相同"
    else:
        key, line = "programs[0].groups[0].id", line_of(notice, 'id = "revenue"', "[[programs.groups]]")
        assert message == "条件组的 id 'revenue' 已是条件 programs[0].criteria[2] 的 id：条件与条件组的 id 须各不相同"
    assert (where, severity) == ((str(notice), key, line), "error")


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (
            'fact = "independent_legal_person"',
            'fact = "independant_legal_person"',
            "programs[0].criteria[1].fact",
            "没有指标或字段 'independant_legal_person'（是否应为 'independent_legal_person'？）",
        ),
        (
            "until = 2022-12-31",
            "until = 2014-12-31",
            "programs[0].criteria[0].until",
            "时间段的结束日（2014-12-31）早于开始日（2015-01-01）",
        ),
        (
            'unit = "万元"',
            'unit = "元"',
            "programs[0].criteria[2].unit",
            "单位 '元' 与 'revenue' 不符：后者以 '万元' 计",
        ),
        (
            'metric = "revenue"',
            'metric = "turnover_xyz"',
            "programs[0].criteria[2].metric",
            "没有指标或字段 'turnover_xyz'",
        ),
    ],
)
def test_an_argument_a_condition_type_refuses_is_reported_at_its_own_key_and_line(project, old, new, key, message):
    root, notice = project
    notice.write_text(NOTICE.replace(old, new), encoding="utf-8")
    assert findings(root) == {(str(notice), key, line_of(notice, new)): ("error", message)}


def test_an_integer_field_without_a_unit_is_a_warning_at_its_table(project):
    root, _ = project
    fields = root / "src" / "srdi_wzdemo" / "fields.toml"
    fields.write_text(FIELDS + RANK, encoding="utf-8")
    assert findings(root) == {
        (str(fields), "fields[1].unit", line_of(fields, "[[fields]]", 'key = "wzdemo.key_industry"')): (
            "warning",
            "整数字段 'wzdemo.national_rank' 没有写 unit，显示时默认以“人”计（如“≤ 3人”）："
            '请写明单位，如名次写 unit = "位"，月数写 unit = "个月"，人数写 unit = "人"',
        ),
    }
    # given a unit, it is shown in it, and nothing is said
    fields.write_text(FIELDS + RANK.replace('kind = "integer"\n', 'kind = "integer"\nunit = "位"\n'), encoding="utf-8")
    assert validate(root) == []


def test_an_integer_field_a_hooks_module_registers_without_a_unit_is_a_warning_at_the_module(tmp_path):
    pkg = tmp_path / "src" / "srdi_wzdemo"
    pkg.mkdir(parents=True)
    hooks = textwrap.dedent(
        '''
        """Hooks of the demo plugin."""

        from srdi import hookimpl
        from srdi.vocabulary import FieldSpec


        @hookimpl
        def srdi_register_fields():
            """A rank written without its unit."""
            return [FieldSpec("wzdemo.national_rank", "主导产品全国排名", "integer", "enterprise", origin="srdi-wzdemo")]
        '''
    )
    (pkg / "__init__.py").write_text(hooks, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    found = [f for f in validate(tmp_path) if f.problem.key == "wzdemo.national_rank"]
    assert [(f.severity, f.problem.file) for f in found] == [("warning", str(pkg / "__init__.py"))]
    assert found[0].problem.message.startswith("整数字段 'wzdemo.national_rank' 没有写 unit")
