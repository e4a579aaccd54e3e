"""辽工信改革〔2022〕9号 附件1–3, 5, 6: the forms as data, checked against the shipped text.

Filled examples live in examples/forms/ (one per form, consistent with the example
profiles); each test below changes one cell and derives the problem it must raise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from srdi.cli.main import main
from srdi.forms import load_filled, mapping_problems, validate
from srdi.notices.citations import squash

FORMS = Path(__file__).parent.parent / "examples" / "forms"
NOTICE = "lngxgg-2022-9"
ANNEXES = ["annex-1", "annex-2", "annex-3", "annex-5", "annex-6"]


@pytest.fixture(scope="module")
def text(liaoning) -> str:
    """The shipped text of the notice (an exact copy of its source)."""
    return next(nf.text for nf in liaoning.notices if nf.spec.notice.id == NOTICE)


def form(liaoning, annex):
    return liaoning.form(f"{NOTICE}:{annex}")


def filled(annex) -> dict:
    return load_filled(FORMS / f"{annex}.toml")


def problems(liaoning, annex, values):
    return [(p.key, p.message) for p in validate(form(liaoning, annex), values, liaoning)]


def between(text: str, start: str, end: str) -> list[str]:
    """The lines of ``text`` from the line equal to ``start`` up to the first starting with ``end``."""
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.strip() == start)
    j = next(n for n, line in enumerate(lines[i:], i) if line.strip().startswith(end))
    return lines[i:j]


# ---------------------------------------------------------------------- the forms as data
def test_each_program_has_its_form_and_the_tables(liaoning):
    # 三（二）1 "申报表（详见附件1-3）": one form per tier; 五、2: title holders of every
    # tier file 附件5 and 附件6.
    ids = {
        p: [f.id for f in liaoning.forms(f"liaoning.{p}-2022")] for p in ("srdi-product", "srdi-sme", "little-giant")
    }
    assert ids == {
        "srdi-product": ["annex-1", "annex-5", "annex-6"],
        "srdi-sme": ["annex-2", "annex-5", "annex-6"],
        "little-giant": ["annex-3", "annex-5", "annex-6"],
    }


@pytest.mark.parametrize("annex", ANNEXES)
def test_field_ids_are_unique_and_cells_fit_the_vocabulary(liaoning, annex):
    f = form(liaoning, annex)
    ids = [fld.id for s in f.sections for fld in s.fields]
    assert len(ids) == len(set(ids))
    assert mapping_problems(f, liaoning) == []


@pytest.mark.parametrize(
    ("annex", "start", "end"),
    [("annex-5", "附件5", "注："), ("annex-6", "附件6", "（此件公开发布）")],
)
def test_table_headers_are_printed_text_in_printed_order(liaoning, text, annex, start, end):
    # Each column's label is its header as printed; a band's title is the merged header
    # above its columns. The printed first header row is the band titles and the
    # columns with nothing above them, in order; the second row the banded columns.
    f = form(liaoning, annex)
    first, second = [], []
    for s in f.sections:
        if s.title:
            first.append(s.title)
            second += [fld.label for fld in s.fields]
        else:
            first += [fld.label for fld in s.fields]
    printed = squash("\n".join(between(text, start, end)))
    at = 0
    for header in first + second:
        found = printed.find(squash(header), at)
        assert found >= 0, header
        at = found + len(squash(header))


@pytest.mark.parametrize(
    ("annex", "start", "end"),
    [("annex-5", "附件5", "注："), ("annex-6", "附件6", "（此件公开发布）")],
)
def test_tables_have_as_many_columns_as_the_printed_rows_have_cells(liaoning, text, annex, start, end):
    # The first printed data row runs from its 序号 "1" to the line before "2"; every
    # cell is one line of the extracted table.
    lines = between(text, start, end)
    i = next(n for n, line in enumerate(lines) if line.strip() == "1")
    j = next(n for n, line in enumerate(lines) if line.strip() == "2")
    cells = [line for line in lines[i:j] if line.startswith("\t")]
    assert len(cells) == sum(len(s.fields) for s in form(liaoning, annex).sections)


def test_the_notes_under_annex_5_define_their_columns(liaoning, text):
    # 注：1.–6. printed under the table, each carried, word for word, by the column it defines
    printed = {}
    for line in between(text, "附件5", "附件6"):
        m = re.match(r"^(?:注：)?([1-6])\.(.+)$", line.strip())
        if m:
            printed[int(m.group(1))] = m.group(2)
    assert sorted(printed) == [1, 2, 3, 4, 5, 6]
    fields = {fld.id: fld for s in form(liaoning, "annex-5").sections for fld in s.fields}
    columns = {
        1: ["srdi_title"],
        2: ["standards_led_recent_2y"],
        3: ["sci_tech_awards"],
        4: ["maker_china_finalist"],
        5: ["rd_institutions"],
        6: ["equity_financing_2021", "equity_financing_2020"],
    }
    for n, ids in columns.items():
        for fid in ids:
            assert squash(printed[n]) == squash(fields[fid].printed_note or ""), (n, fid)


def test_the_led_standards_column_counts_led_standards_only(liaoning):
    # 注：2. defines 主持 as among the first five drafting units: the column is its own
    # fact, not the led-or-joined count of 二（三）2（4）"主持（参与）制（修）订".
    fields = {fld.id: fld for s in form(liaoning, "annex-5").sections for fld in s.fields}
    assert fields["standards_led_recent_2y"].profile == "standards_led_recent_2y"
    assert "first five drafting units" in liaoning.vocabulary["standards_led_recent_2y"].description
    assert liaoning.vocabulary.by_header(fields["standards_led_recent_2y"].label) == "standards_led_recent_2y"


# ---------------------------------------------------------------------- filled forms
@pytest.mark.parametrize("annex", ANNEXES)
def test_the_filled_example_passes(liaoning, annex):
    assert problems(liaoning, annex, filled(annex)) == []


@pytest.mark.parametrize(
    ("annex", "field", "year", "given", "message"),
    [
        # 附件1 主营业务收入比重 2021: 1100 / 1200 = 91.67%, not 95
        (
            "annex-1",
            "main_business_share",
            "2021",
            95,
            "主营业务收入比重（2021年）填为 95，但按表中数据应为 91.67",
        ),
        # 附件1 主营业务收入增长率 2021: 1100 / 950 − 1 = 15.79%, not 25
        (
            "annex-1",
            "main_business_growth",
            "2021",
            25,
            "主营业务收入增长率（2021年）填为 25，但按表中数据应为 15.79",
        ),
        # 附件2 研发经费占营业收入比重 2021: 48 / 3200 = 1.5%, not 2.1 (0.6 points off)
        (
            "annex-2",
            "rd_ratio",
            "2021",
            2.1,
            "研发经费占营业收入比重（2021年）填为 2.1，但按表中数据应为 1.50",
        ),
        # 附件2 中级及以上职称人数占比 2020: 20 / 140 = 14.29%, not 20
        (
            "annex-2",
            "mid_title_staff_share",
            "2020",
            20,
            "中级及以上职称人数占比（2020年）填为 20，但按表中数据应为 14.29",
        ),
        # 附件3 净利润增长率 2021: 510 / 420 − 1 = 21.43%, not 12
        (
            "annex-3",
            "net_profit_growth",
            "2021",
            12,
            "净利润增长率（2021年）填为 12，但按表中数据应为 21.43",
        ),
        # 附件3 研发人员占从业人员比重 2020: 30 / 240 = 12.5%, not 13.5 (tolerance 0.5)
        (
            "annex-3",
            "rd_staff_share",
            "2020",
            13.5,
            "研发人员占从业人员比重（2020年）填为 13.5，但按表中数据应为 12.50",
        ),
    ],
)
def test_a_derived_cell_that_disagrees_is_named_by_field_and_year(liaoning, annex, field, year, given, message):
    values = filled(annex)
    values[field] = values[field] | {year: given}
    assert problems(liaoning, annex, values) == [(f"{field}.{year}", message)]


@pytest.mark.parametrize(("given", "ok"), [(2.0, True), (1.0, True), (2.01, False), (0.99, False)])
def test_a_derived_cell_within_half_a_point_passes(liaoning, given, ok):
    # 附件2 研发经费占营业收入比重 2021 is 48 / 3200 = 1.5%; a rounded percentage may be up
    # to 0.5 points off (2.0 and 1.0 pass), more is a disagreement (2.01, 0.99)
    values = filled("annex-2")
    values["rd_ratio"] = values["rd_ratio"] | {"2021": given}
    assert (problems(liaoning, "annex-2", values) == []) is ok


def test_a_table_column_of_one_year_is_checked_for_that_year(liaoning):
    # 附件5 主营业务收入占比 under "2021年度经营情况": 6300 / 6800 = 92.65%, not 95
    values = filled("annex-5") | {"main_business_share_2021": 95}
    assert problems(liaoning, "annex-5", values) == [
        ("main_business_share_2021", "主营业务收入占比（2021年）填为 95，但按表中数据应为 92.65")
    ]


def test_a_ratio_without_its_inputs_on_the_form_is_not_checked(liaoning):
    # 附件2 has 资产负债率 but no 负债总额; 附件5 has 2020's 研发经费 but not 2020's 营业收入:
    # the applicant's figure stands (it fills the profile; nothing on the form contradicts it)
    assert problems(liaoning, "annex-2", filled("annex-2") | {"debt_ratio": {"2020": 99, "2021": 65}}) == []
    assert problems(liaoning, "annex-5", filled("annex-5") | {"rd_ratio_2020": 9.9}) == []


@pytest.mark.parametrize(
    ("annex", "field", "limit"),
    [
        ("annex-1", "features", 500),  # 主要特点（不多于500字）
        ("annex-2", "overview", 300),  # 企业总体情况简要介绍（300字以内）
        ("annex-3", "overview", 300),
        ("annex-3", "research_results", 30),  # 研究领域已获得成果及应用情况（30字）
        ("annex-3", "first_of_kind", 30),  # 说明（…30字以内）
    ],
)
def test_word_limits(liaoning, annex, field, limit):
    # exactly the limit passes; one character over names the field, the count and the limit
    assert problems(liaoning, annex, filled(annex) | {field: "字" * limit}) == []
    assert problems(liaoning, annex, filled(annex) | {field: "字" * (limit + 1)}) == [
        (field, f"共 {limit + 1} 个字符，超过上限 {limit} 个")
    ]


@pytest.mark.parametrize(
    ("annex", "field", "given", "offered"),
    [
        ("annex-1", "tech_source", "外购", "自主、合作、引进"),  # 产品技术来源 □自主 □合作 □引进
        ("annex-2", "size_class", "大型", "中型、小型、微型"),  # a large enterprise is not on the form
        ("annex-3", "ownership", "外资", "国有、合资、民营、其他"),
        ("annex-5", "ownership", "外资", "国有、合资、民营、其他"),
    ],
)
def test_a_choice_the_form_does_not_offer(liaoning, annex, field, given, offered):
    assert problems(liaoning, annex, filled(annex) | {field: given}) == [
        (field, f"{given!r} 不是可选项之一：{offered}")
    ]


def test_a_multiple_choice_the_form_does_not_offer(liaoning):
    values = filled("annex-2") | {"designations": ["高新技术企业", "专精特新企业"]}
    found = problems(liaoning, "annex-2", values)
    assert len(found) == 1 and found[0][0] == "designations" and "'专精特新企业' 不是可选项之一" in found[0][1]


def test_repeated_rows_at_most_three(liaoning):
    # 品牌名称（3个以内）: a fourth brand is one too many
    brands = [{"name": n} for n in ("瑞德", "RD", "瑞德仪表", "鞍瑞")]
    assert problems(liaoning, "annex-2", filled("annex-2") | {"brand_names": brands}) == [
        ("brand_names", "共 4 行，最多 3 行")
    ]


def test_bad_cells_of_the_quarterly_table(liaoning):
    # 同比增幅（+-%）is in percent: 0.5 reads as a fraction and is refused with what to
    # write; 是否上市 takes 是/否
    found = dict(problems(liaoning, "annex-6", filled("annex-6") | {"revenue_growth": 0.5, "listed": "已上市"}))
    assert set(found) == {"revenue_growth", "listed"}
    assert "像是小数" in found["revenue_growth"] and "“0.5%”" in found["revenue_growth"]
    assert "是/否" in found["listed"]


def test_a_year_the_form_does_not_ask(liaoning):
    values = filled("annex-2")
    values["revenue"] = values["revenue"] | {"2019": 2600}
    assert problems(liaoning, "annex-2", values) == [("revenue.2019", "表单只填报以下年度：2020、2021")]


# ---------------------------------------------------------------------- command line
@pytest.mark.parametrize(
    ("program", "annexes"),
    [
        ("liaoning.srdi-product-2022", ("annex-1", "annex-5", "annex-6")),
        ("liaoning.srdi-sme-2022", ("annex-2", "annex-5", "annex-6")),
        ("liaoning.little-giant-2022", ("annex-3", "annex-5", "annex-6")),
    ],
)
def test_every_program_exports_schemas_its_filled_forms_satisfy(capsys, program, annexes):
    assert main(["schema", "--program", program]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert [s["$id"] for s in schemas] == [f"srdi:form:{a}" for a in annexes]
    for schema, annex in zip(schemas, annexes):
        Draft202012Validator.check_schema(schema)
        assert list(Draft202012Validator(schema).iter_errors(filled(annex))) == []
        # an empty form is short of its required cells (企业名称 at least)
        assert "name" in schema["required"]


def test_schema_of_a_program_is_its_forms(capsys):
    # srdi schema --program liaoning.srdi-sme-2022: 附件2 and the two tables, each a valid
    # JSON Schema that the filled examples satisfy
    assert main(["schema", "--program", "liaoning.srdi-sme-2022"]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert [s["title"] for s in schemas] == [
        "辽宁省“专精特新”中小企业申报表",
        "辽宁省“专精特新”企业培育库基本情况表",
        "2022年度截止 季度辽宁省“专精特新”培育企业主要经济指标情况表",
    ]
    for schema, annex in zip(schemas, ("annex-2", "annex-5", "annex-6")):
        Draft202012Validator.check_schema(schema)
        assert list(Draft202012Validator(schema).iter_errors(filled(annex))) == []
    sme = schemas[0]["properties"]
    assert sme["rd_ratio"]["x-profile"] == "rd_ratio"
    assert sme["rd_ratio"]["properties"]["2021"]["x-derived"] == "rd_ratio"
    assert sme["overview"]["maxLength"] == 300
    assert sme["brand_names"]["maxItems"] == 3
    assert sme["size_class"]["enum"] == ["中型", "小型", "微型"]
    table = schemas[1]["properties"]
    assert (table["revenue_2021"]["x-year"], table["revenue_2021"]["x-section"]) == (
        2021,
        "2021年度经营情况（万元、人、%）",
    )
    assert table["high_tech"]["x-profile"] == "designations.high_tech"


def test_form_check_command(capsys, tmp_path):
    good = FORMS / "annex-2.toml"
    assert main(["form-check", f"{NOTICE}:annex-2", str(good)]) == 0
    assert "没有问题" in capsys.readouterr().out
    bad = tmp_path / "annex-2.toml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace(
            "rd_ratio = { 2020 = 1.43, 2021 = 1.5 }", "rd_ratio = { 2020 = 1.43, 2021 = 2.1 }"
        ),
        encoding="utf-8",
    )
    assert main(["form-check", f"{NOTICE}:annex-2", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: rd_ratio.2021: 研发经费占营业收入比重（2021年）填为 2.1，但按表中数据应为 1.50" in err


@pytest.mark.parametrize(
    ("code", "message"),
    [
        # GB 32100-2015: 18 characters; "hello" has 5
        ("hello", "统一社会信用代码应为18位，此处为5位"),
        # the example's code 91210100MA0YK3N252 (a valid code) with its check character 2 changed to 3
        ("91210100MA0YK3N253", "校验码错误：最后一位应为 '2'，而不是 '3'"),
    ],
)
def test_a_credit_code_the_profile_would_refuse_is_refused_on_the_form(liaoning, code, message):
    # 附件3's 统一社会信用代码 cell maps to the profile's credit_code: the form checks it as a profile does
    values = filled("annex-3") | {"credit_code": code}
    ((key, got),) = problems(liaoning, "annex-3", values)
    assert key == "credit_code" and got.startswith(message)
