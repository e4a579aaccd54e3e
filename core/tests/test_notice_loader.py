"""Notice files: every structural problem is reported with its file, key and line."""

from __future__ import annotations

import pytest

from srdi.errors import NoticeError
from srdi.notices.load import check_notice, load_notice
from srdi.testing.helpers import write_notice

TEXT = "某某厅关于开展测试工作的通知\n某厅〔2030〕1号\n一、企业上年度营业收入达到 2000万元及以上。\n二、有效期为3年。\n"

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


def test_a_good_notice_loads(tmp_path):
    nf = load_notice(write_notice(tmp_path, "good", GOOD, TEXT))
    assert nf.spec.programs[0].criteria[0].args == {"metric": "revenue", "op": ">=", "value": 2000}
    assert nf.label == "某厅〔2030〕1号"


def test_malformed_toml_names_the_line(tmp_path):
    path = write_notice(tmp_path, "bad", GOOD + "\nthis is = = not toml\n", TEXT)
    with pytest.raises(NoticeError) as err:
        load_notice(path)
    p = err.value.problems[0]
    assert p.file == str(path) and p.line is not None and "TOML 格式错误" in p.message


def test_unknown_key_wrong_type_and_missing_citation_all_reported(tmp_path):
    bad = GOOD.replace('title = "测试项目"', 'title = "测试项目"\ncolour = "red"')  # unknown key
    bad = bad.replace("issued_on = 2030-01-01", 'issued_on = "next tuesday"')  # wrong type
    bad = bad.replace('clause = "一"\nquote = "企业上年度营业收入达到2000万元及以上"\nrule', "rule")  # no citation
    path = write_notice(tmp_path, "bad", bad, TEXT)
    _, _, problems = check_notice(path)
    text = "\n".join(str(p) for p in problems)
    assert "colour" in text
    assert "notice.issued_on" in text
    assert "programs[0].clause" in text or "programs[0].quote" in text
    assert all(p.file == str(path) for p in problems)
    # every problem points at a line of the file
    assert all(p.line for p in problems if p.key and p.key.startswith("programs"))


def test_duplicate_ids_and_unknown_children(tmp_path):
    bad = (
        GOOD
        + """
[[programs.criteria]]
id = "revenue"
label = "重复"
type = "flag"
fact = "own_brand"
clause = "一"
quote = "企业上年度营业收入"
"""
    )
    path = write_notice(tmp_path, "dup", bad, TEXT)
    _, _, problems = check_notice(path)
    assert any("条件或条件组的 id 'revenue' 重复" in p.message for p in problems)


def test_quote_not_in_text_is_an_error_with_its_line(tmp_path):
    bad = GOOD.replace(
        'quote = "企业上年度营业收入达到2000万元及以上"\nrule', 'quote = "企业上年度营业收入达到3000万元及以上"\nrule'
    )
    path = write_notice(tmp_path, "q", bad, TEXT)
    _, _, problems = check_notice(path)
    (p,) = problems
    assert p.key == "programs[0].quote" and "通知原文中找不到 quote" in p.message
    assert path.read_text(encoding="utf-8").splitlines()[p.line - 1].startswith("quote =")


def test_notice_without_doc_number_must_say_how_it_is_identified(tmp_path):
    bad = GOOD.replace('doc_number = "某厅〔2030〕1号"\n', "")
    _, _, problems = check_notice(write_notice(tmp_path, "n", bad, TEXT))
    assert [p.key for p in problems] == ["notice.identified_by"]


def test_a_notice_without_doc_number_is_labelled_by_issuer_title_and_date(tmp_path):
    plain = GOOD.replace('doc_number = "某厅〔2030〕1号"\n', 'identified_by = "某某厅通知（未印文号）"\n')
    assert (
        load_notice(write_notice(tmp_path, "n", plain, TEXT)).label
        == "某某厅《某某厅关于开展测试工作的通知》（2030-01-01）"
    )
    # a date srdi had to infer is not shown as if printed
    undated = plain.replace("issued_on = 2030-01-01\n", "issued_on = 2030-01-01\ndate_printed = false\n")
    assert (
        load_notice(write_notice(tmp_path, "u", undated, TEXT)).label
        == "某某厅《某某厅关于开展测试工作的通知》（未注明日期）"
    )


def test_missing_text_file(tmp_path):
    path = write_notice(tmp_path, "t", GOOD, TEXT)
    (tmp_path / "t.txt").unlink()
    _, _, problems = check_notice(path)
    assert problems[0].key == "notice.text"


def test_a_bad_value_is_reported_with_the_reason(tmp_path):
    # the converter's own messages reach the user, not a generic "invalid value for type"
    bad = GOOD.replace('op = ">="', 'op = "=>"').replace("value = 2000", 'value = "2000万"')
    from srdi.testing.helpers import catalog_with

    cat = catalog_with([write_notice(tmp_path, "v", bad, TEXT)])
    with pytest.raises(NoticeError) as err:
        cat.compiled("demo.p")
    found = {p.key.rsplit(".", 1)[-1]: p.message for p in err.value.problems}
    assert "'=>'" in found["op"] and "'>='" in found["op"]
    assert found["value"] == "应为数值，实为 str '2000万'"


def test_a_text_where_a_list_belongs_is_refused_not_read_as_its_characters(tmp_path):
    # issuer = "某某厅" for ["某某厅"], and a compare's sum = "revenue" for ["revenue"]: each is refused
    # where it is written, rather than read as the issuers 某, 某, 厅 or the metrics r, e, v…
    bad = GOOD.replace('issuer = ["某某厅"]', 'issuer = "某某厅"')
    with pytest.raises(NoticeError) as err:
        load_notice(write_notice(tmp_path, "i", bad, TEXT))
    assert [(p.key, p.message) for p in err.value.problems] == [("notice.issuer", "应为列表（[…]），实为 str '某某厅'")]

    from srdi.testing.helpers import catalog_with

    summed = GOOD.replace('metric = "revenue"', 'sum = "revenue"')
    cat = catalog_with([write_notice(tmp_path, "s", summed, TEXT)])
    with pytest.raises(NoticeError) as err:
        cat.compiled("demo.p")
    assert [(p.key, p.message) for p in err.value.problems] == [
        ("programs[demo.p].criteria[revenue].sum", "应为列表（[…]），实为 str 'revenue'")
    ]
