"""``srdi template``: the table a bureau fills, read back by the batch reader as it was meant.

The program template of 辽工信改革〔2022〕9号's little giant tier (liaoning.little-giant-2022,
reference year 2021 on 2022-03-01), filled with the example firms of plugins/liaoning/examples,
must screen exactly as the profiles do one at a time; its cells are checked as typed; and
every header of every program's template reads back as the column it stands for.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.batch import read_table, screen
from srdi.batch.read import resolver_for
from srdi.batch.template import program_template, write_template
from srdi.batch.write import profiles_table
from srdi.cli.main import main

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "plugins" / "liaoning" / "examples"
LG = "liaoning.little-giant-2022"
ON = dt.date(2022, 3, 1)


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["liaoning"])


@pytest.fixture(scope="module")
def template(catalog):
    return program_template(catalog, LG, ON)


def typed(catalog, column: str, text: str):
    """A cell as a person types it: numbers as numbers, the rest as text."""
    key, _, year = column.rpartition("_")
    spec = catalog.vocabulary.get(key if year.isdigit() else column)
    if text == "" or spec is None or spec.kind not in ("money", "number", "percent", "integer", "count"):
        return text or None
    return float(text)


def test_a_filled_template_screens_as_the_profiles_do(catalog, template, tmp_path):
    names = ["little-giant-eligible", "little-giant-rd-short", "little-giant-incomplete"]
    profiles = [catalog.load_profile(EXAMPLES / f"{n}.toml") for n in names]
    frame = profiles_table(profiles, catalog.vocabulary, catalog.titles, chinese=False)
    rows = [{k: typed(catalog, k, v) for k, v in r.items()} for r in frame.to_dict("records")]
    path = write_template(template, tmp_path / "申报模板.xlsx", rows)
    table = read_table(path, catalog)
    assert not table.notes  # every header read as the column it stands for
    assert len(table) == 3 and not table.errors
    got = list(screen(catalog, table, [LG], ON).verdicts(LG))
    # eligible; R&D 230/12800 = 1.80% < 2% (二（三）1（2）) ineligible; 2020 负债总额 missing → incomplete
    # (derivations in plugins/liaoning/tests/test_lngxgg_2022.py), as one profile at a time
    assert got == ["eligible", "ineligible", "incomplete"]
    assert got == [catalog.evaluate(p, LG, ON).verdict.value for p in profiles]


def test_headers_carry_year_and_unit(template):
    headers = [c.header for c in template.columns]
    assert headers[:2] == ["企业名称", "统一社会信用代码"]
    for h in ("2021年营业收入（万元）", "2020年研发经费支出（万元）", "2021年从业人数（人）", "2021年资产负债率（%）"):
        assert h in headers
    # the title the tier needs (三（一）4 "是有效期内的专精特新中小企业") holds the year it was granted
    title = next(c for c in template.columns if c.column == "rec.liaoning.srdi_sme.year")
    assert title.header == "辽宁省“专精特新”中小企业" and title.kind == "year"
    # facts no criterion of the tier reads are not asked for (a Beijing-only field, a platform's services)
    assert not any(c.column and c.column.startswith(("beijing.", "platform_services")) for c in template.columns)


def test_the_plugins_own_facts_are_asked_for(template):
    # the tier reads three facts of the Liaoning plugin's own vocabulary, whose keys hold a dot:
    # 二（三）2（3） "获得有效期内的“中华老字号”等省、市级及以上地方特色称号" (flag liaoning.local_distinction),
    # "获得省级、国家级绿色低碳试点示范" (flag liaoning.green_demonstration), and 二（三）3's province fields
    # (choice over the multiple choice liaoning.key_fields). A bureau's table must have a column for each,
    # or every row is unknown on them.
    columns = {c.column for c in template.columns}
    assert {"liaoning.local_distinction", "liaoning.green_demonstration"} <= columns
    headers = {c.header for c in template.columns}
    assert "辽宁省重点领域" in headers  # the multiple choice: one column, its options ticked by label


def test_every_header_of_every_program_template_reads_back():
    cat = srdi.load()
    resolver = resolver_for(cat)
    for program in cat.programs():
        for c in program_template(cat, program).columns:
            target = resolver.resolve(c.header, c.group)
            assert target is not None and target.column == c.column, (program.id, c.header)


def test_cells_are_checked_as_typed(template, tmp_path):
    path = write_template(template, tmp_path / "申报模板.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["填报表", "填表说明"]
    ws = wb["填报表"]
    header = [c.value for c in ws[2]]  # the title, then the header
    assert ws["A1"].value == "辽宁省专精特新“小巨人”企业（2022年度）申报企业信息表"
    by_col = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_col[header[rng.min_col - 1]] = (dv, rng)
    dv, rng = by_col["企业规模"]
    assert dv.type == "list" and dv.formula1 == '"大型,中型,小型,微型"' and dv.showErrorMessage
    assert (rng.min_row, rng.max_row) == (3, 1002)  # the first 1000 rows under the header
    assert by_col["拥有自主品牌"][0].formula1 == '"是,否"'
    assert by_col["统一社会信用代码"][0].type == "textLength" and by_col["统一社会信用代码"][0].formula1 == "18"
    money = by_col["2021年营业收入（万元）"][0]
    assert money.type == "decimal" and money.operator == "greaterThanOrEqual" and money.formula1 == "0"
    assert by_col["2021年从业人数（人）"][0].type == "whole"
    assert by_col["注册时间"][0].type == "date"
    year = by_col["辽宁省“专精特新”中小企业"][0]
    assert (year.type, year.formula1, year.formula2) == ("whole", "1949", "2100")
    assert "可多选" in by_col["管理体系认证"][0].prompt  # a multiple choice: its options in the prompt
    assert ws.cell(3, header.index("统一社会信用代码") + 1).number_format == "@"  # 18 digits stay text
    assert ws.freeze_panes == "B3"
    notes = list(wb["填表说明"].iter_rows(values_only=True))
    assert "空白表示“缺少数据”" in notes[2][0]
    rows = notes[4:]
    assert [r[1] for r in rows] == header  # one line per column, in order
    revenue = rows[header.index("2021年营业收入（万元）")]
    assert revenue[2] == "营业收入（2021年）" and revenue[3] == "万元" and revenue[6] == "revenue_2021"
    debt = rows[header.index("2021年资产负债率（%）")]
    assert debt[5] == "可留空：由负债总额、资产总额计算"


def test_a_table_form_keeps_its_printed_header(catalog, tmp_path):
    out = tmp_path / "附件5.xlsx"
    assert main(["template", "lngxgg-2022-9:annex-5", "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["填报表"]
    assert ws["A2"].value == "辽宁省“专精特新”企业培育库基本情况表"
    group, header = [c.value for c in ws[3]], [c.value for c in ws[4]]
    start = group.index("2021年度经营情况（万元、人、%）")
    assert header[start : start + 2] == ["资产负债率", "营业收入"]
    lists = {
        header[r.min_col - 1] or group[r.min_col - 1]: dv
        for dv in ws.data_validations.dataValidation
        for r in dv.sqref.ranges
    }
    assert lists["是否高新技术企业"].formula1 == '"是,否"'
    # empty, it reads as a table with every printed column (and no enterprise)
    table = read_table(out, catalog)
    assert len(table) == 0 and {"revenue_2021", "debt_ratio_2021"} <= set(table.frame.columns)


def test_cli(tmp_path, capsys):
    out = tmp_path / "申报模板.xlsx"
    assert main(["template", LG, "--on", "2022-03-01", "--out", str(out)]) == 0
    assert "申报企业信息表" in capsys.readouterr().err and out.exists()
    assert main(["template", LG, "--out", str(tmp_path / "申报模板.csv")]) == 2
    assert "申报模板.csv: 填报模板只能写为 .xlsx 文件" in capsys.readouterr().err
    assert main(["template", "liaoning.little-giant-2099", "--out", str(out)]) == 2
    assert "是否应为" in capsys.readouterr().err


def test_a_criterion_naming_its_own_years_gets_each_of_them():
    # bjjxj 2021-02-26 附件1 二（三）1 "对企业在2020年1月至2022年12月期间，新主持或参与…标准制（修）订…发明专利
    # 新获得授权给予奖励": i-rewarded-items sums nine yearly counts, year = 2022, years = 3 → 2020, 2021 and 2022.
    # The round's reference year is 2020 (figures of the year before 2021), so 2022 lies beyond the usual span
    # and must still be asked, or an item new in 2022 has nowhere to go.
    cat = srdi.load(["beijing"])
    t = program_template(cat, "beijing.innovation-capability-2021", dt.date(2021, 3, 1))
    years = {
        c.column.rsplit("_", 1)[1] for c in t.columns if c.column and c.column.startswith("beijing.new_cnipa_patents_")
    }
    assert years == {"2020", "2021", "2022"}


def test_a_criterion_reading_years_before_the_usual_span_gets_them(catalog):
    # The template asks for the years a few before the reference year (2021 on 2022-03-01) and every year a
    # criterion reads, in one reading of which years that is (srdi.engine.spans), as the engine evaluates.
    # No shipped notice reads beyond that span today: a revenue test read with year_offset = -7 and years = 2,
    # as a notice might fix its figures years back, reads 2013 and 2014 (2021 − 7 = 2014, two years ending
    # there), and the engine reads revenue_2013 and revenue_2014 for it, so the table must have both.
    prog = catalog.program(LG)
    revenue = prog.criteria["revenue"]
    moved = attrs.evolve(revenue, args={**revenue.args, "year_offset": -7, "years": 2, "combine": "each"})
    prog = attrs.evolve(prog, criteria={**prog.criteria, "revenue": moved})
    t = program_template(catalog, prog, ON)
    years = {c.column.rsplit("_", 1)[1] for c in t.columns if c.column and c.column.startswith("revenue_")}
    assert {"2013", "2014"} <= years


def test_the_fact_candidates_are_ranked_by_is_asked_for():
    # 厦门 2021 五（一） "按照专家得分由高到低确定名单": the selection ranks by xiamen.expert_score, which no criterion
    # reads; a table without it would rank every candidate by input order
    pytest.importorskip("srdi_xiamen")
    cat = srdi.load(["xiamen"])
    t = program_template(cat, "xiamen.srdi-sme-2021", dt.date(2021, 9, 1))
    assert "xiamen.expert_score" in {c.column for c in t.columns}


def test_a_developers_remark_in_english_is_not_shown_to_the_people_filling_the_table():
    # tianjin.subsidy_fraud_found's description opens with its clause (津财规〔2021〕8号 第十一条 “…”) and goes on
    # in English for developers; the 填表说明 is for a bureau's staff: the column means its label, and nothing
    # English follows it
    pytest.importorskip("srdi_tianjin")
    cat = srdi.load(["tianjin"])
    t = program_template(cat, "tianjin.key-little-giant-awards-2021", dt.date(2022, 3, 1))
    column = next(c for c in t.columns if c.column == "tianjin.subsidy_fraud_found")
    assert column.meaning == "在资金申报、管理、使用过程中被查实骗取财政资金补贴"


def test_select_says_when_no_candidate_gives_the_figure_it_ranks_by():
    # the same rule: three eligible firms, none with a 专家得分 → the order is only the input's, and srdi says so
    pytest.importorskip("srdi_xiamen")
    from srdi.batch.select import select

    cat = srdi.load(["xiamen"])
    firm = cat.load_profile(ROOT / "contrib" / "xiamen" / "examples" / "srdi-sme-2021.toml")
    assert "xiamen.expert_score" not in firm.facts
    frame = cat.frame([firm, firm, firm])
    on = dt.date(2021, 9, 1)
    assert list(screen(cat, frame, ["xiamen.srdi-sme-2021"], on).verdicts("xiamen.srdi-sme-2021")) == ["eligible"] * 3
    notes = select(cat, frame, "xiamen.srdi-sme-2021", on).notes
    assert any("择优依据“专家评审得分”在所有符合条件的企业中均未填写" in n for n in notes)
    # given for one firm, it ranks: no such note
    scored = cat.frame([firm, attrs.evolve(firm, facts={**firm.facts, "xiamen.expert_score": 80.0}), firm])
    assert not any("专家评审得分" in n for n in select(cat, scored, "xiamen.srdi-sme-2021", on).notes)
