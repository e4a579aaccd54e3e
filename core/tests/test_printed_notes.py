"""A form's own notes, word for word, are printed under its summary table; srdi's notes are not."""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.batch.tables import summary_table
from srdi.batch.template import form_template
from srdi.errors import NoticeError
from srdi.testing.helpers import catalog_with, write_notice

TEXT = """示例通知
示〔2030〕5号
附件：企业情况汇总表
序号 企业名称 营业收入
注：营业收入为上年度 数据，单位万元。
"""
NOTICE = """
[notice]
id = "notes-2030"
doc_number = "示〔2030〕5号"
title = "示例通知"
issuer = ["示"]
issued_on = 2030-03-01
region = "000000"
text = "TEXTFILE"

[[forms]]
id = "summary"
annex = "附件"
title = "企业情况汇总表"
layout = "table"
clause = "附件"
quote = "企业情况汇总表"

[[forms.sections]]
id = "rows"
title = ""

[[forms.sections.fields]]
id = "name"
label = "企业名称"
type = "text"
profile = "name"

[[forms.sections.fields]]
id = "revenue"
label = "营业收入"
type = "money"
profile = "revenue"
year = 2029
printed_note = "营业收入为上年度数据，单位万元。"
note = "按财务报表填写"
"""


def test_the_forms_own_note_is_printed_and_srdis_is_not(tmp_path):
    # 注："营业收入为上年度 数据，单位万元。" is the table's own note (the text's line break and space are not
    # part of it), so it is printed under the table; "按财务报表填写" is srdi's advice to whoever fills it in:
    # the template shows both, the official table only the notice's
    cat = catalog_with([write_notice(tmp_path, "notes", NOTICE, TEXT)])
    table = summary_table(cat, "notes-2030:summary", cat.frame([]), dt.date(2030, 3, 1))
    assert table.notes == ["营业收入为上年度数据，单位万元。"]
    template = form_template(cat, "notes-2030:summary")
    (revenue,) = [c for c in template.columns if c.header == "2029年营业收入（万元）"]
    assert revenue.note == "营业收入为上年度数据，单位万元。；按财务报表填写"


def test_a_printed_note_the_text_does_not_hold_is_refused_at_its_key(tmp_path):
    # a paraphrase is no printed note: "营业收入为上一年度数据" is not in the text, so the notice does not load
    bad = NOTICE.replace('printed_note = "营业收入为上年度数据，单位万元。"', 'printed_note = "营业收入为上一年度数据"')
    with pytest.raises(NoticeError) as err:
        catalog_with([write_notice(tmp_path, "notes", bad, TEXT)])
    (problem,) = err.value.problems
    assert problem.key == "forms[0].sections[0].fields[1].printed_note"
    assert problem.message.startswith("通知原文中找不到 printed_note：'营业收入为上一年度数据'")
