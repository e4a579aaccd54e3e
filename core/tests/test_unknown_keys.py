"""An unknown key is reported at the key itself, with its line and the key it was probably meant to be."""

from __future__ import annotations

from srdi.errors import UNKNOWN_KEY
from srdi.notices.load import check_notice
from srdi.testing.helpers import write_notice

TEXT = "某某厅关于开展测试工作的通知\n某厅〔2030〕1号\n一、企业上年度营业收入达到 2000万元及以上。\n"
GOOD = """
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
"""


def test_each_unknown_key_gets_its_own_problem_line_and_suggestion(tmp_path):
    bad = GOOD.replace('title = "测试项目"', 'title = "测试项目"\nrefrence_year = 2029\ncolour = "red"')
    path = write_notice(tmp_path, "bad", bad, TEXT)
    _, _, problems = check_notice(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {p.key: p for p in problems}
    assert found["programs[0].refrence_year"].message == "未知的键（是否应为 'reference_year'？）"
    assert found["programs[0].colour"].message == "未知的键"
    assert lines[found["programs[0].refrence_year"].line - 1].startswith("refrence_year")
    assert lines[found["programs[0].colour"].line - 1].startswith("colour")


def test_an_unknown_key_is_told_apart_by_its_code_in_either_language(tmp_path, monkeypatch):
    # `srdi validate` sets aside the keys whose problem carries UNKNOWN_KEY and checks the rest; it must find
    # them by the code, whatever words the language gives the message (English here)
    monkeypatch.setenv("SRDI_LANG", "en")
    bad = GOOD.replace('title = "测试项目"', 'title = "测试项目"\ncolour = "red"')
    path = write_notice(tmp_path, "bad", bad, TEXT)
    _, _, problems = check_notice(path)
    assert [p.key for p in problems if p.code == UNKNOWN_KEY] == ["programs[0].colour"]
    assert all(p.code is None for p in problems if p.key != "programs[0].colour")
