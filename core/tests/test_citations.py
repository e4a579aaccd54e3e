"""Quotes match the shipped text ignoring the PDF's whitespace, and nothing else."""

from srdi.notices.citations import NoticeText, quote_problem

# A line as the PDF extraction gives it: a break inside the sentence and spaces
# between digits and CJK characters.
TEXT = "1.经济效益。截至上年末的近 2年主营业务收入或净利润的平均增长率达到 5%以\n上，企业资产负债率不高于 70%。\n"


def test_whitespace_is_ignored():
    t = NoticeText(TEXT)
    assert t.find("截至上年末的近2年主营业务收入或净利润的平均增长率达到5%以上") == 1
    assert t.find("企业资产负债率不高于 70%") == 2  # starts on the second line


def test_other_differences_are_not():
    t = NoticeText(TEXT)
    assert t.find("企业资产负债率不高于 80%") is None  # a different number
    assert t.find("企业资产负债率不高于70％") is None  # a full-width percent sign is not whitespace
    assert "通知原文中找不到 quote" in (quote_problem("平均增长率达到6%以上", t) or "")


def test_quotes_must_be_short():
    assert "超过 240 个字符" in (quote_problem("字" * 300, NoticeText("字" * 300)) or "")
