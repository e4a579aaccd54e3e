"""Wrapping for the terminal: breaks between words and Chinese characters, never inside a number or id."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from srdi.cli.render import table
from srdi.cli.wrap import min_width, pieces, wrap


def test_numbers_ids_and_units_are_whole_pieces():
    assert pieces("营业收入（2021）=6800万元，标准：≥ 2000万元") == [
        "营",
        "业",
        "收",
        "入",
        "（2021）=6800万元，",
        "标",
        "准：",
        "≥ ",
        "2000万元",
    ]
    assert "liaoning.little-giant-2022" in [p.strip() for p in pieces("项目 liaoning.little-giant-2022 已截止")]
    assert "91210100MA0YK3N252" in [p.strip() for p in pieces("代码 91210100MA0YK3N252 有效")]
    assert "210/100" in [p.strip() for p in pieces("得分 210/100 分")]


def test_a_line_never_starts_with_closing_punctuation():
    for line in wrap("研发经费占营业收入比重（2020）=3；研发经费支出（2020）=180；营业收入（2020）=6000", 20):
        assert line.plain.strip()[0] not in "）；，。、=”"


def test_continuation_lines_keep_the_indent_and_the_width():
    lines = wrap(Text("    " + "近2年研发投入占营业收入比重达到2%及以上，" * 3), 30, hang=2)
    assert all(cell_len(line.plain) <= 30 for line in lines)
    assert all(line.plain.startswith("      ") for line in lines[1:])
    assert "".join(line.plain.strip() for line in lines) == ("近2年研发投入占营业收入比重达到2%及以上，" * 3)


def test_a_table_too_narrow_for_its_content_still_keeps_ids_whole():
    con = Console(width=80, record=True)
    con.print(
        table(
            "测试",
            ["项目", "文号", "结论", "原因"],
            [
                [
                    "为“专精特新”中小企业办实事清单（十八）：“小巨人”企业非强制测试认证服务费减半\nnational.measure-testing-fee-half",
                    "2021-11-06 起施行，未规定截止日期（至被替代）",
                    "不符合条件",
                    "未满足：专精特新“小巨人”企业（称号在有效期内）" * 2,
                ]
            ],
        )
    )
    text = con.export_text()
    assert "national.measure-testing-fee-half" in text and "2021-11-06" in text
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    assert min_width("national.measure-testing-fee-half 为") == len("national.measure-testing-fee-half")
