"""Official summary tables written as .xlsx and read back.

- 工信厅企业函〔2021〕79号 附件3 推荐汇总表 with the 初核 indicators of 附件1 六;
- 辽工信改革〔2022〕9号 附件5 培育库基本情况表 (two header rows) and 附件6 主要经济指标情况表;
- 辽工信企业〔2024〕88号 附件2 名单汇总表 and 附件3 推进计划投资情况汇总表, which the notice
  names without reproducing: their columns come from 附件4 and their notes say so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.batch.tables import summary_table, write_xlsx
from srdi.cli.main import main

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parent.parent
LIAONING = ROOT / "plugins" / "liaoning" / "examples"


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["liaoning"])


def sheet_rows(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def test_third_batch_summary_with_preliminary_indicators(catalog, tmp_path):
    # The category-c candidate of core/tests/data (derivation in core/tests/test_batch_selection.py):
    # 初核 a: 营业收入 4000 < 1亿 → no; b: 4000 < 5000 → no; c: 4000 < 5000, 股权 9000 ≥ 8000,
    # 研发投入 3100 ≥ 3000, 研发人员 60% ≥ 50%, 工业“四基”, breakthrough attested → √.
    # 必备: 1 主营 90.75% ≥ 70 √; 2 本省第2 ≤ 3 and reputation attested √; 3 负债率 50% ≤ 70 √;
    # 4 发明专利 3 ≥ 2 √; 5 ISO9000 √; 6 neither a major accident nor a violation √ → 6 项.
    p = catalog.load_profile(ROOT / "core" / "tests" / "data" / "third-batch-category-c.toml")
    p = attrs.evolve(p, facts=p.facts | {"main_product": "高精度膜片联轴器"})
    frame = catalog.frame([p, attrs.evolve(p, facts=p.facts | {"name": "第二家"})])
    t = summary_table(
        catalog,
        "miit-2021-79:annex-3",
        frame,
        dt.date(2021, 4, 30),
        indicators="national.little-giant-3rd-batch-preliminary",
    )
    path = write_xlsx([t], tmp_path / "汇总表.xlsx")
    rows = sheet_rows(path, "附件3")
    assert rows[0][0] == "附件3"
    assert rows[1][0] == "推荐第三批专精特新“小巨人”企业汇总表"
    assert rows[2][0] == "省级中小企业主管部门（盖章）："
    group, header = rows[3], rows[4]
    # the form's own columns span both header rows; the indicators sit under their group
    assert group[:5] == [
        "序号",
        "企业名称",
        "主导产品名称（拟对外发布）",
        "是否省级“专精特新”中小企业（拥有省级“专精特新”产品）",
        "所属分类",
    ]
    assert header[:5] == [None] * 5
    assert group[5] == "分类指标（3选1）" and header[5].startswith("a.上年度营业收入1亿元及以上")
    assert group[8] == "必备指标（6项）" and header[8] == "1.企业主营业务收入占营业收入70%以上"
    assert header[14] == "符合项数"
    first = rows[5]
    assert first[:2] == [1, "示例精密部件有限公司"] and rows[6][:2] == [2, "第二家"]
    assert first[2] == "高精度膜片联轴器"
    # 是否省级专精特新: the 2020 title of 省级“专精特新”中小企业 is not declared → blank, not 否
    assert first[3] is None
    assert first[4] == "c"
    assert first[5:8] == [None, None, "√"]
    assert first[8:14] == ["√"] * 6 and first[14] == 6
    notes = [r[0] for r in rows[8:] if r[0]]
    assert any(n.startswith("1. √：第三批专精特新“小巨人”企业初核推荐") for n in notes), notes


def test_liaoning_2022_annex_5_two_header_rows(catalog, tmp_path):
    # the eligible little giant (examples/little-giant-eligible.toml): 2021 营业收入 6800,
    # 主营 6300 → 6300/6800 = 92.65%; 资产负债率 5200/10000 = 52%; 2020 研发 180
    p = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    t = summary_table(catalog, "lngxgg-2022-9:annex-5", catalog.frame([p]), dt.date(2022, 3, 1))
    path = write_xlsx([t], tmp_path / "附件5.xlsx")
    rows = sheet_rows(path, "附件5")
    group, header, data = rows[2], rows[3], rows[4]
    col = {h: j for j, h in enumerate(header) if h}
    for j, h in enumerate(group):
        if h and not header[j]:
            col[h] = j  # a column whose header spans both rows
    start = group.index("2021年度经营情况（万元、人、%）")
    assert header[start] == "资产负债率"
    assert data[col["序号"]] == 1 and data[col["企业名称"]] == "沈阳精联传动科技有限公司"
    assert data[start] == 52
    assert data[header.index("营业收入")] == 6800
    assert data[header.index("主营业务收入占比")] == pytest.approx(92.65, abs=0.01)
    assert data[col["2020年投入研发经费总额（万元）"]] == 180
    assert data[col["企业规模"]] == "小型"
    # 45 columns print on two A3 pages across: the notes start after the columns repeated on both
    notes = " ".join(str(c) for r in rows[6:] for c in r if c)
    assert "主持制（修）订国际标准、国家标准、行业标准" in notes  # the table's own 注 2


def test_liaoning_2022_annex_6_takes_the_year_asked(catalog, tmp_path):
    # 附件6 reports 2022 to the end of a quarter: the cells are read for --year 2022
    p = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    p = attrs.evolve(p, years={**p.years, 2022: {"revenue": 1800.0, "net_profit": -20.0}})
    t = summary_table(catalog, "lngxgg-2022-9:annex-6", catalog.frame([p]), dt.date(2022, 4, 10), year=2022)
    frame = t.frame
    assert frame["营业收入（万元）"].iloc[0] == 1800
    assert frame["净利润总额（万元）"].iloc[0] == -20


def test_liaoning_2024_annexes_2_and_3_say_they_are_derived(catalog, tmp_path):
    p = catalog.load_profile(LIAONING / "key-little-giant-2024.toml")
    frame = catalog.frame([p])
    on = dt.date(2024, 7, 1)
    t2 = summary_table(catalog, "lngxqy-2024-88:annex-2", frame, on)
    t3 = summary_table(catalog, "lngxqy-2024-88:annex-3", frame, on)
    path = write_xlsx([t2, t3], tmp_path / "辽宁2024.xlsx")
    rows2, rows3 = sheet_rows(path, "附件2"), sheet_rows(path, "附件3")
    assert rows2[1][0] == "XX市2024年重点“小巨人”企业名单汇总表"
    assert rows2[3][:3] == ["序号", "企业名称", "统一社会信用代码"]
    assert rows2[4][:3] == [1, "沈阳精联传动科技有限公司", "91210100MA0YK3N252"]
    # the table says it is srdi's: 88号 names 附件2 without printing it, its columns follow 附件4
    assert any("未刊印其内容：各栏依附件4" in str(r[0]) for r in rows2[5:])
    # 附件3: the 推进计划 of the example: 3200万元 in all, 2000 攻坚新技术 + 1200 增强配套能力
    header, data = rows3[3], rows3[4]
    assert header[:4] == ["序号", "企业名称", "推进计划名称", "投资总额（万元）"]
    assert data[3] == 3200 and data[header.index("攻坚新技术投资额（万元）")] == 2000
    assert data[header.index("打造新动能投资额（万元）")] is None
    assert data[header.index("投资方向和绩效目标")] == "攻坚新技术、增强配套能力"
    assert any("未刊印其内容：各栏依附件4" in str(r[0]) for r in rows3[5:])


def test_tables_cli_lists_the_eligible(catalog, tmp_path, capsys):
    from srdi.batch.write import profiles_table

    ok = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    short = catalog.load_profile(LIAONING / "little-giant-rd-short.toml")
    short = attrs.evolve(short, facts=short.facts | {"name": "研发不足公司"})
    src = tmp_path / "pool.csv"
    profiles_table([ok, short], catalog.vocabulary, catalog.titles).to_csv(src, index=False)
    out = tmp_path / "tables.xlsx"
    code = main(
        [
            "tables",
            str(src),
            "--form",
            "lngxgg-2022-9:annex-5",
            "--on",
            "2022-03-01",
            "--only",
            "eligible",
            "--program",
            "liaoning.little-giant-2022",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    rows = sheet_rows(out, "附件5")
    names = [r[2] for r in rows[4:] if isinstance(r[0], int)]
    assert names == ["沈阳精联传动科技有限公司"]  # the R&D-short firm is not eligible (1.797% < 2%)


def test_a_form_laid_out_as_a_form_is_refused(catalog):
    with pytest.raises(srdi.SrdiError, match="laid out as a form"):
        summary_table(catalog, "lngxgg-2022-9:annex-3", catalog.frame([]), dt.date(2022, 3, 1))


def test_a_summary_table_reads_back_as_batch_input(catalog, tmp_path):
    # the 附件5 sheet srdi writes — annex number, title and two header rows above the rows,
    # notes below — is itself an input the batch reader understands: the header is found
    # under the title lines, 2021 figures land in revenue_2021 & co., the notes are no rows
    from srdi.batch import read_table

    p = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    q = attrs.evolve(p, facts=p.facts | {"name": "第二家"})
    t = summary_table(catalog, "lngxgg-2022-9:annex-5", catalog.frame([p, q]), dt.date(2022, 3, 1))
    path = write_xlsx([t], tmp_path / "附件5.xlsx")
    table = read_table(path, catalog)
    assert len(table) == 2 and not table.errors
    assert list(table.rows) == [5, 6]  # 附件5, title, two header rows: the firms are on rows 5 and 6
    f = table.frame
    assert list(f["name"]) == ["沈阳精联传动科技有限公司", "第二家"]
    assert f["revenue_2021"].iloc[0] == 6800 and f["debt_ratio_2021"].iloc[0] == 52
    assert f["rd_expense_2020"].iloc[0] == 180
    assert f["size_class"].iloc[0] == "small"


def test_a_summary_tables_market_shares_read_back_in_the_year_the_notice_gives_them(catalog, tmp_path):
    # 辽工信改革〔2022〕9号 附件5 prints 国内市场占有率（%） and 国外市场占有率（%） under 主导产品及市场情况 with no
    # year; the plugin reads them as 2021, the year of the table's 2021年度经营情况 (lngxgg-2022-9.toml, its
    # readings, and the fields' year = 2021). A sheet whose title lines name that table is read in that reading:
    # shares of 12.5% and 3% given as 2021 figures come back as market_share_2021 = 12.5 and
    # foreign_market_share_2021 = 3, each column noted as read so, the title named.
    from srdi.batch import read_table

    p = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    p = attrs.evolve(p, years={**p.years, 2021: {**p.years[2021], "market_share": 12.5, "foreign_market_share": 3.0}})
    t = summary_table(catalog, "lngxgg-2022-9:annex-5", catalog.frame([p]), dt.date(2022, 3, 1))
    path = write_xlsx([t], tmp_path / "附件5.xlsx")
    table = read_table(path, catalog)
    assert not table.errors
    assert table.frame["market_share_2021"].iloc[0] == 12.5
    assert table.frame["foreign_market_share_2021"].iloc[0] == 3.0
    noted = [n for n in table.notes if "读作2021年" in n.message]
    assert {n.column for n in noted} == {25, 26}
    assert all("《辽宁省“专精特新”企业培育库基本情况表》" in n.message for n in noted)


def test_without_the_tables_title_a_share_printed_without_a_year_is_still_not_read(catalog, tmp_path):
    # the same two header rows and cells, without the annex number and title above them: nothing says which
    # table this is, so 国内市场占有率（%） names no year and the column is set aside with the request for one
    # (the year is the notice's reading of its own table, not of the words)
    from srdi.batch import read_table

    p = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    p = attrs.evolve(p, years={**p.years, 2021: {**p.years[2021], "market_share": 12.5}})
    t = summary_table(catalog, "lngxgg-2022-9:annex-5", catalog.frame([p]), dt.date(2022, 3, 1))
    path = write_xlsx([t], tmp_path / "附件5.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["附件5"]
    for r in [r for r in sheet.merged_cells.ranges if r.min_row <= 2]:
        sheet.unmerge_cells(str(r))
    sheet.delete_rows(1, 2)
    bare = tmp_path / "无标题.xlsx"
    book.save(bare)
    table = read_table(bare, catalog)
    assert "market_share_2021" not in table.frame.columns
    assert any(n.column == 25 and "请在表头写明年份" in n.message for n in table.notes)


def test_tables_cli_leaves_blank_rows_out_and_names_each_rows_data_errors(catalog, tmp_path, capsys):
    # Three firms for 附件6 (主要经济指标情况表), a blank line between the first and second. The blank
    # row is no enterprise: the filed table numbers two firms after the first, 序号 1–3, and stderr
    # says row 3 was left out. The third firm's 2021年营业收入 reads 六千八: the cell is left blank
    # in the table, and stderr names the row, the column and why.
    from srdi.batch.write import profiles_table

    p = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    firms = [attrs.evolve(p, facts=p.facts | {"name": name}) for name in ("甲公司", "乙公司", "丙公司")]
    frame = profiles_table(firms, catalog.vocabulary, catalog.titles).astype(object)
    frame.loc[2, "2021年营业收入"] = "六千八"
    lines = frame.to_csv(index=False).splitlines()
    src = tmp_path / "pool.csv"
    src.write_text("\n".join([lines[0], lines[1], "", *lines[2:]]) + "\n", encoding="utf-8")
    out = tmp_path / "tables.xlsx"
    argv = ["tables", src, "--form", "lngxgg-2022-9:annex-6", "--on", "2022-03-01", "--out", out]
    assert main([str(a) for a in argv]) == 0
    err = capsys.readouterr().err
    rows = sheet_rows(out, "附件6")
    numbered = [r for r in rows if isinstance(r[0], int)]
    assert [r[0] for r in numbered] == [1, 2, 3]
    assert [next(c for c in r if isinstance(c, str)) for r in numbered] == ["甲公司", "乙公司", "丙公司"]
    assert "第3行是空行，不是企业，未列入汇总表" in err
    assert "1 行有数据错误，汇总表中相应单元格留空" in err
    assert "第5行：2021年营业收入: 应为数值" in err  # header row 1, 甲 2, blank 3, 乙 4, 丙 5
