"""工信厅企业函〔2021〕79号 附件1 申请书 and 附件3 汇总表: schema, limits and derived cells.

The filled example (core/examples/forms/miit-2021-79-annex-1.toml) agrees with itself:
  主营业务收入增长率 2020 = 5600 / 5200 − 1 = 7.69% (2019's needs 2018's revenue: not judged)
  净利润增长率      2020 = 600 / 400 − 1 = 50%
  研发经费占比      2019 = 420 / 7000 = 6.0%, 2020 = 480 / 8000 = 6.0%
  研发人员占比      2020 = 42 / 210 = 20% (从业人数 and 研发人员数 are asked once, read as of
                   2020; 2019's share cannot be recomputed)
  资产负债率        the form asks for no 负债总额, so it is taken as given.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srdi.forms import load_filled, validate

FILLED = Path(__file__).parent.parent / "examples" / "forms" / "miit-2021-79-annex-1.toml"
NUMERIC = {"money", "usd", "number", "integer", "count", "percent"}

# numeric cells the vocabulary has no fact for, each with why
UNMAPPED = {
    "new_equity_amount": "one amount for two years; the vocabulary holds equity_financing per year",
    "main_product_share": "主导产品销售收入 is not a vocabulary fact",
    "main_product_export": "万美元; the vocabulary's 出口额 is in 万元",
    "institute_national": "research institutes by level are not vocabulary facts",
    "institute_provincial": "idem",
    "tech_center_national": "idem",
    "tech_center_provincial": "idem",
    "engineering_center_national": "idem",
    "engineering_center_provincial": "idem",
    "standards_led": "all levels per year; the vocabulary counts standards by level",
    "standards_joined": "idem",
    "essentials_met": "the province's count in part 六, not a fact about the enterprise",
}


@pytest.fixture(scope="module")
def annex1(baseline):
    return baseline.form("miit-2021-79:annex-1")


@pytest.fixture()
def filled():
    return load_filled(FILLED)


def test_the_filled_example_has_no_problem(baseline, annex1, filled):
    assert validate(annex1, filled, baseline, source=str(FILLED)) == []


@pytest.mark.parametrize(
    ("cell", "value", "why"),
    [
        # 480 / 8000 = 6.0%, not 7
        (
            "rd_ratio",
            {"2019": 6.0, "2020": 7.0},
            "研发经费占营业收入比重（2020年）填为 7，但按表中数据应为 6.00",
        ),
        # 5600 / 5200 − 1 = 7.69%, not 12
        (
            "main_business_growth",
            {"2019": 4.0, "2020": 12.0},
            "主营业务收入增长率（2020年）填为 12，但按表中数据应为 7.69",
        ),
        # 42 / 210 = 20%, not 30
        (
            "rd_staff_share",
            {"2019": 18, "2020": 30},
            "研发人员占全部职工比重（2020年）填为 30，但按表中数据应为 20.00",
        ),
        # 600 / 400 − 1 = 50%, not 40
        (
            "net_profit_growth",
            {"2019": 10.0, "2020": 40.0},
            "净利润增长率（2020年）填为 40，但按表中数据应为 50.00",
        ),
    ],
)
def test_a_derived_cell_that_disagrees_is_named(baseline, annex1, filled, cell, value, why):
    (problem,) = validate(annex1, {**filled, cell: value}, baseline)
    assert problem.key == f"{cell}.2020"
    assert problem.message == why


def test_a_percentage_within_half_a_point_is_accepted(baseline, annex1, filled):
    # 6.4 against 6.0 recomputed: inside the default 0.5-point tolerance for rounding
    assert validate(annex1, {**filled, "rd_ratio": {"2019": 6.0, "2020": 6.4}}, baseline) == []


def test_word_limits_choices_and_rows(baseline, annex1, filled):
    bad = {
        **filled,
        "introduction": "企" * 301,  # 300 字以内
        "first_of_kind": "首" * 31,  # 30 字以内
        "research_results": "果" * 31,  # （30字）
        "industry_leaders": [{"name": n} for n in "甲乙丙丁"],  # 3 个以内
        "listing_venue": "北交所",  # not a choice the form offers
        "category": "d",  # 三选一: a, b or c
    }
    problems = {p.key: p.message for p in validate(annex1, bad, baseline)}
    # each in Chinese (the default): the count against the limit, the value against the form's options
    assert problems == {
        "introduction": "共 301 个字符，超过上限 300 个",
        "first_of_kind": "共 31 个字符，超过上限 30 个",
        "research_results": "共 31 个字符，超过上限 30 个",
        "industry_leaders": "共 4 行，最多 3 行",
        "listing_venue": "'北交所' 不是可选项之一：上交所主板、上交所科创板、深交所主板、深交所创业板、新三板",
        "category": "'d' 不是可选项之一：a、b、c",
    }


def test_a_loss_can_be_entered_as_net_profit(baseline, annex1, filled):
    # 净利润总额 of a loss-making year is negative; the growth rate from a loss is not recomputed
    assert validate(annex1, {**filled, "net_profit": {"2019": -150, "2020": 600}}, baseline) == []


def test_year_columns_are_2019_and_2020(baseline, annex1, filled):
    # "重要指标 2019年 2020年": a 2021 figure has no column
    (problem,) = validate(annex1, {**filled, "revenue": {"2020": 8000, "2021": 9000}}, baseline)
    assert problem.key == "revenue.2021"


def test_every_numeric_cell_of_parts_one_to_five_fills_a_vocabulary_fact(baseline, annex1):
    # each numeric cell names the fact it fills, with the same yearly-ness and kind of unit,
    # unless the vocabulary has no such fact (UNMAPPED says why)
    vocab = baseline.vocabulary
    for section in annex1.sections:
        for f in section.fields:
            if f.type not in NUMERIC or f.id in UNMAPPED:
                continue
            assert f.profile is not None, f.id
            spec = vocab[f.profile]
            assert spec.kind in NUMERIC, f.id
            assert (spec.kind == "money") == (f.type == "money"), f.id
            assert (spec.kind == "percent") == (f.type == "percent"), f.id
            assert spec.yearly == (f.yearly or f.year is not None), f.id
    assert {f.id for s in annex1.sections for f in s.fields} >= set(UNMAPPED)


def test_derived_cells_are_the_four_ratios_and_the_profit_growth(annex1):
    derived = {f.id: f.derived for s in annex1.sections for f in s.fields if f.derived}
    assert derived == {
        "main_business_growth": "main_business_growth",
        "net_profit_growth": "net_profit_growth",
        "rd_ratio": "rd_ratio",
        "rd_staff_share": "rd_staff_share",
    }


def test_summary_table_category_is_part_six_letter(baseline, annex1):
    # 附件3 所属分类: "填写附件 1“六 初核推荐”中“分类指标（3选 1）”的字母序号"
    annex3 = baseline.form("miit-2021-79:annex-3")
    (category3,) = [f for s in annex3.sections for f in s.fields if f.id == "category"]
    (category1,) = [f for s in annex1.sections for f in s.fields if f.id == "category"]
    prelim = baseline.program("national.little-giant-3rd-batch-preliminary")
    letters = [g.removeprefix("category-") for g in prelim.groups["category"].of]
    assert list(category3.choices) == list(category1.choices) == letters == ["a", "b", "c"]
    assert (
        set(annex3.programs)
        == set(annex1.programs)
        == {
            "national.little-giant-3rd-batch",
            "national.little-giant-3rd-batch-preliminary",
        }
    )
