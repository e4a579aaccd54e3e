"""The spreadsheets srdi writes, read back: widths, borders, merged headers, frozen panes, print settings.

The workbooks are those of the README's commands on the shipped examples
(examples/, built by examples/make.py): the 初审结果 of ``srdi batch``, the 择优排序 of
``srdi select``, the 汇总表 of ``srdi tables`` (工信厅企业函〔2021〕79号 附件3 with the
初核 indicators) and 辽工信改革〔2022〕9号 附件5, a table of 45 columns.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from srdi.batch import workbook
from srdi.cli.main import main

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"


def run(*argv) -> None:
    assert main([str(a) for a in argv]) == 0


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("sheets")
    run("batch", EXAMPLES / "申报企业.xlsx", "--region", "liaoning", "--on", "2022-03-01", "--out", d / "初审结果.xlsx")
    run(
        "select",
        EXAMPLES / "推荐.xlsx",
        "--program",
        "national.little-giant-3rd-batch",
        "--on",
        "2021-04-30",
        "--out",
        d / "推荐排序.xlsx",
    )
    run(
        "tables",
        EXAMPLES / "推荐.xlsx",
        "--form",
        "miit-2021-79:annex-3",
        "--indicators",
        "national.little-giant-3rd-batch-preliminary",
        "--only",
        "selected",
        "--program",
        "national.little-giant-3rd-batch",
        "--on",
        "2021-04-30",
        "--out",
        d / "汇总表.xlsx",
    )
    run(
        "tables",
        EXAMPLES / "申报企业.xlsx",
        "--form",
        "lngxgg-2022-9:annex-5",
        "--on",
        "2022-03-01",
        "--out",
        d / "附件5.xlsx",
    )
    return d


def width(ws, col: int) -> float:
    return ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width


def bordered(cell) -> bool:
    """A thin line on each side of the cell, or, inside a merged range, on each side that is the range's edge."""
    ws, b = cell.parent, cell.border
    sides = {"left": b.left, "right": b.right, "top": b.top, "bottom": b.bottom}
    rng = next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)
    if rng is not None:
        edge = {
            "left": cell.column == rng.min_col,
            "right": cell.column == rng.max_col,
            "top": cell.row == rng.min_row,
            "bottom": cell.row == rng.max_row,
        }
        sides = {k: v for k, v in sides.items() if edge[k]}
    return all(side is not None and side.style == "thin" for side in sides.values())


def test_display_width_counts_chinese_characters_double():
    assert workbook.text_width("企业名称") == 8
    assert workbook.text_width("ABC123") == 6
    assert workbook.text_width("（2022年度）") == 12  # full-width parentheses are wide, digits are not
    assert workbook.text_width("第一行\n第二行更长") == 10  # the widest line


def test_initial_screening_sheet(outputs):
    wb = openpyxl.load_workbook(outputs / "初审结果.xlsx")
    assert wb.sheetnames == ["初审结果", "说明"]
    ws = wb["初审结果"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["行号", "企业名称", "统一社会信用代码", "项目名称", "项目编号", "结论"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7 * 3  # seven applicants × the three tiers open on 2022-03-01
    # programs by their Chinese title, the id beside it
    assert rows[0][3] == "辽宁省专精特新“小巨人”企业（2022年度）" and rows[0][4] == "liaoning.little-giant-2022"
    # the last applicant's code fails its check digit (…25X for …252): kept as written, the error says why
    last = rows[-1]
    assert last[2] == "91210100MA0YK3N25X" and "校验码错误" in last[header.index("数据错误")]
    # widths from content: the credit code (18 characters) and the longest name (13 Chinese) fit on one line
    assert width(ws, 3) >= 18
    assert width(ws, 2) >= max(workbook.text_width(r[1]) for r in rows)
    assert width(ws, 1) < 10  # 行号 is narrow
    for col in range(1, len(header) + 1):
        assert bordered(ws.cell(1, col)) and ws.cell(1, col).alignment.wrap_text
        assert ws.cell(1, col).font.b
        assert bordered(ws.cell(2, col))
    # frozen below the header and right of 企业名称; a filter over the whole table
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{len(rows) + 1}"
    # printing: landscape, one page wide, the header row on every page, the title in the page header
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.center.text == "初审结果（评价日期 2022-03-01）"
    assert "&P" in ws.oddFooter.center.text
    # every wrapped cell has the height its lines need
    for r in range(1, ws.max_row + 1):
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            if isinstance(v, str):
                assert ws.row_dimensions[r].height >= workbook.lines_needed(v, width(ws, c)) * workbook.LINE_POINTS
    about = [r for r in wb["说明"].iter_rows(values_only=True)]
    assert ("评价日期", "2022-03-01") in about
    assert any(r[0] == "项目" and "辽工信改革〔2022〕9号" in r[1] for r in about)


def test_selection_sheet_says_yes_and_no_in_chinese(outputs):
    ws = openpyxl.load_workbook(outputs / "推荐排序.xlsx")["择优排序"]
    header = [c.value for c in ws[1]]
    selected = [r[header.index("是否入选")] for r in ws.iter_rows(min_row=2, values_only=True)]
    # 12 candidates under 5000万元 in 辽宁, 10 allowed (五（一）"不超过 10家"); the 13th is no candidate (负债率 75%)
    assert selected == ["是"] * 10 + ["否"] * 3
    ranks = [ws.cell(r, header.index("排序") + 1) for r in range(2, 14)]
    assert [c.value for c in ranks] == list(range(1, 13)) and ranks[0].number_format == "0"


def test_summary_table_prints_whole_on_a4(outputs):
    ws = openpyxl.load_workbook(outputs / "汇总表.xlsx")["附件3"]
    assert ws["A1"].value == "附件3" and ws["A2"].value == "推荐第三批专精特新“小巨人”企业汇总表"
    merged = {str(r) for r in ws.merged_cells.ranges}
    ncols = 15
    last = openpyxl.utils.get_column_letter(ncols)
    # the title spans the table; 序号 … 所属分类 span both header rows; each group header spans
    # exactly its sub-headers (分类指标 a–c, 必备指标 1–6 and 符合项数) and overprints none of them
    assert f"A2:{last}2" in merged
    assert {"A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:H4", f"I4:{last}4"} <= merged
    assert ws["F4"].value == "分类指标（3选1）" and ws["F5"].value.startswith("a.上年度营业收入1亿元及以上")
    assert ws["I4"].value == "必备指标（6项）" and ws[f"{last}5"].value == "符合项数"
    # header rows tall enough for every header in its column (or its merged span), so nothing is cut
    heights = [ws.row_dimensions[4].height, ws.row_dimensions[5].height]
    for col in range(1, ncols + 1):
        sub = ws.cell(5, col).value
        if sub:
            assert heights[1] >= workbook.lines_needed(sub, width(ws, col)) * workbook.LINE_POINTS
        else:  # spanning both rows
            top = ws.cell(4, col).value
            assert sum(heights) >= workbook.lines_needed(top, width(ws, col)) * workbook.LINE_POINTS
    group_width = sum(width(ws, c) for c in range(6, 9))
    assert heights[0] >= workbook.lines_needed("分类指标（3选1）", group_width) * workbook.LINE_POINTS
    # long headers wrap into a block instead of widening their columns to the whole text
    assert all(width(ws, c) < workbook.text_width(ws.cell(5, c).value) for c in range(6, 15))
    for r in (4, 5, 6, 15):
        for c in range(1, ncols + 1):
            assert bordered(ws.cell(r, c)), (r, c)
    # ten rows selected within the quota; 符合项数 a number, ticks centred
    assert [ws.cell(r, 1).value for r in range(6, 16)] == list(range(1, 11))
    assert ws.cell(6, ncols).value == 6 and ws.cell(6, 9).alignment.horizontal == "center"
    assert ws.freeze_panes == "C6" and ws.auto_filter.ref == f"A5:{last}15"
    # A4 landscape, one page wide: the title (row 2) is on page 1; header rows repeat on every page
    assert ws.page_setup.paperSize == workbook.PAPER_A4 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$4:$5"
    scale = workbook.A4_MM / workbook.printed_mm([width(ws, c) for c in range(1, ncols + 1)])
    assert scale >= workbook.MIN_SCALE  # readable: 10.5 pt type printed at 6.5 pt or more


def test_a_table_too_wide_for_a3_goes_on_pages_across(outputs):
    ws = openpyxl.load_workbook(outputs / "附件5.xlsx")["附件5"]
    widths = [width(ws, c) for c in range(1, 46)]
    # at one page wide even A3 would print 10.5 pt type below 6.5 pt
    assert workbook.printed_mm(widths) * workbook.MIN_SCALE > workbook.A3_MM
    assert ws.page_setup.paperSize == workbook.PAPER_A3 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.scale >= workbook.MIN_SCALE * 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
    breaks = [b.id for b in ws.col_breaks.brk]
    assert len(breaks) == 1
    # 序号, 地区, 企业名称 repeat on every page; every page fits at the scale chosen
    assert ws.print_title_cols == "$A:$C"
    room = workbook.A3_MM * workbook.PAGE_SAFETY / (ws.page_setup.scale / 100)
    assert workbook.printed_mm(widths[: breaks[0]]) <= room
    assert workbook.printed_mm(widths[:3]) + workbook.printed_mm(widths[breaks[0] :]) <= room
    # no page ends inside the columns of one group header
    for rng in ws.merged_cells.ranges:
        if rng.min_row == rng.max_row == 3 and rng.max_col > rng.min_col:
            assert not rng.min_col <= breaks[0] < rng.max_col, str(rng)
    # the title spans the first page's columns only, so it is printed whole on page 1
    title = next(r for r in ws.merged_cells.ranges if r.min_row == 2)
    assert title.min_col == 1 and title.max_col == breaks[0]
    # 申报企业.xlsx has a 2021年资产负债率 column left blank: the cell is computed, 负债 5200 / 资产 10000
    header = [c.value for c in ws[4]]
    assert ws.cell(5, header.index("资产负债率") + 1).value == 52


def test_row_heights_follow_wrapped_text():
    assert workbook.lines_needed("企业名称", 10) == 1
    assert workbook.lines_needed("企" * 4, 10) == 1  # 8 units of room after the padding: fits
    # wrapped lines are filled to about 90% (a line may not start with ）or ，)
    assert workbook.lines_needed("企" * 10, 10) == math.ceil(20 / (8 * workbook.WRAP_FILL))
    assert workbook.lines_needed("一\n二\n三", 30) == 3
