"""Errors that were English whatever the language: now the catalogue's, Chinese by default and English on request."""

from __future__ import annotations

import importlib.util

import pytest

from srdi import i18n
from srdi.batch.read import read_table
from srdi.errors import NoticeError, ProfileError
from srdi.testing.helpers import catalog_with, write_notice

NOTICE = """
[notice]
id = "t-1"
doc_number = "示〔2030〕1号"
title = "示例通知"
issuer = ["示"]
issued_on = 2030-03-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "demo.new"
title = "示例"
kind = "measure"
rule = "x"
clause = "一"
quote = "自印发之日起施行"

[programs.in_force]
start = 2030-03-01
replaces = ["demo.old-rules"]
clause = "一"
quote = "自印发之日起施行"

[[programs.criteria]]
id = "x"
label = "示例"
type = "attest"
clause = "一"
quote = "自印发之日起施行"
"""
TEXT = "示例通知\n示〔2030〕1号\n一、自印发之日起施行。\n"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "in_force.replaces 指向未知的项目 'demo.old-rules'"),
        ("en", "in_force.replaces names unknown program 'demo.old-rules'"),
    ],
)
def test_a_replaced_program_no_notice_declares_is_named(tmp_path, lang, expected):
    # demo.new says it replaces demo.old-rules, which no loaded notice declares: the day before demo.new starts
    # cannot end anything, and the catalog refuses the notice naming the unknown id (no id is close enough to
    # suggest: demo.new is the only program, difflib ratio 2×5/(8+14) ≈ 0.45 < 0.6)
    path = write_notice(tmp_path, "t", NOTICE, TEXT)
    with i18n.speaking(lang), pytest.raises(NoticeError) as err:
        catalog_with([path])
    (problem,) = err.value.problems
    assert problem.message == expected and problem.key == "demo.new"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "需要安装 pyarrow 才能读取 CSV 文件：pip install 'srdi[batch]'"),
        ("en", "reading CSV needs pyarrow: pip install 'srdi[batch]'"),
    ],
)
def test_a_missing_extra_names_the_package_to_install(tmp_path, monkeypatch, lang, expected, baseline):
    # a CSV is parsed by pyarrow, which srdi's batch extra installs; where it is not installed the reader says
    # what to install instead of failing in an import
    table = tmp_path / "t.csv"
    table.write_text("企业名称,营业收入（万元）\n甲,100\n", encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with i18n.speaking(lang), pytest.raises(ProfileError) as err:
        read_table(table, baseline)
    assert [p.message for p in err.value.problems] == [expected]
