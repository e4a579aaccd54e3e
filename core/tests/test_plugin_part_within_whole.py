"""A field declared ``within`` its whole cannot exceed it: plugin fields as core ones (QA F11).

The check that a part does not exceed its whole (主营业务收入 ≤ 营业收入) covered core fields
only. Hebei's 主导产品销售收入 (``hebei.main_product_sales``) of 5000万元 against 营业收入 3300万元
passed ``srdi check`` and ``srdi batch``, and the share computed from it (151.5% ≥ 60%) made
the firm meet 第六条（二）1. A field now declares its whole in its fields file
(``within = "revenue"``), core's own parts included, and every declared pair is checked
the same way: refused by ``srdi check``, both figures set aside in a table.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import srdi
from srdi.batch import read_table
from srdi.cli.main import main
from srdi.errors import NoticeError
from srdi.profile.relations import BOUNDED_BY, frame_clashes, row_clashes
from srdi.validate import validate
from srdi.vocabulary import FieldSpec, Vocabulary, load_fields
from srdi.vocabulary.fields import core_fields

ROOT = Path(__file__).resolve().parents[2]
HEBEI = ROOT / "plugins/hebei"
PROGRAM, ON = "hebei.srdi-sme", "2021-06-01"
SHARE = "主导产品销售收入占本企业销售收入的60%以上"  # the label of criterion s1-main-product-share

# A firm that meets every criterion of hebei.srdi-sme on 2021-06-01 (QA profile H01) but the
# share, which it meets or not by 主导产品销售收入 of 2020 against 营业收入 3300.
PROFILE = """
[enterprise]
name = "石家庄恒锐流体控制设备有限公司"
credit_code = "91130100MA0FKJ2D1N"
registered_on = 2014-05-20
industry_code = "C3443"
invention_patents = 1
utility_patents = 4
own_brand = true
management_certs = ["ISO9000质量管理体系认证"]
core_business_it = ["经营管理ERP/OA"]
false_information = false
accident_3y = false
violation_3y = false

[enterprise.hebei]
rd_institution_grade = "C级"
plan_horizon_years = 3

[years.2018]
main_business_revenue = 2600

[years.2019]
revenue = 2950
main_business_revenue = 2800

[years.2020]
revenue = 3300
main_business_revenue = 3100
total_assets = 4200
rd_expense = 99
employees = 160

[years.2020.hebei]
main_product_sales = {sales}

[attestations]
industrial_policy_compliant = true
sound_management = true
social_responsibility = true
long_term_strategy = true
continuous_innovation = true
core_business_supplier = true
niche_market_leader = true

[[recognitions]]
title = "hebei.pool"
year = 2019
"""


def profile(tmp_path: Path, sales: float) -> Path:
    path = tmp_path / "hebei.toml"
    path.write_text(PROFILE.replace("{sales}", str(sales)), encoding="utf-8")
    return path


# ----------------------------------------------------------------- one mechanism, core pairs included
def test_core_parts_are_declared_within_their_whole_in_the_core_vocabulary():
    # BOUNDED_BY is what core.toml declares, in its order: the seven accounting identities as before
    assert BOUNDED_BY == (
        ("main_business_revenue", "revenue"),
        ("rd_expense", "revenue"),
        ("export_revenue", "revenue"),
        ("rd_staff", "employees"),
        ("college_staff", "employees"),
        ("mid_title_staff", "employees"),
        ("qualified_staff", "employees"),
    )
    assert Vocabulary(core_fields()).bounds == BOUNDED_BY


def test_a_core_part_above_its_whole_is_still_refused(baseline):
    # 研发人员 12 of 从业人员 10: two more people than the firm has (no rounding for head counts)
    row = {"employees_2021": 10, "rd_staff_2021": 12}
    (clash,) = row_clashes(row, baseline.vocabulary)
    assert clash.facts == (("rd_staff", 2021), ("employees", 2021))
    assert (
        clash.message == "2021年研发人员数 12人 大于从业人数 10人（years.2021.employees）：二者不可能同时成立，请核对"
    )


# ----------------------------------------------------------------- a plugin part: srdi check
def test_check_refuses_a_plugin_part_above_its_whole(tmp_path, capsys):
    # 主导产品销售收入 5000 > 营业收入 3300 + 1 (rounding); 5000 < 100 × 3300, so not typed in 元: either
    # may be wrong. Before, the profile was checked as given: share 5000 / 3300 = 151.5% ≥ 60%, eligible.
    code = main(["check", str(profile(tmp_path, 5000)), "--program", PROGRAM, "--on", ON])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        "years.2020.hebei.main_product_sales: 2020年主导产品销售收入 5000万元 大于营业收入 3300万元"
        "（years.2020.revenue）：二者不可能同时成立，请核对"
    ) in err


def test_check_accepts_a_plugin_part_within_its_whole(tmp_path, capsys):
    # 2300 of 3300: 69.7% ≥ 60%, and every other criterion is met as in the QA profile → eligible.
    # 3301 is one 万元 of rounding above 3300, which two figures each rounded to whole 万元 can be (100.03%).
    for sales, share in ((2300, 69.697), (3301, 100.0303)):
        code = main(["check", str(profile(tmp_path, sales)), "--program", PROGRAM, "--on", ON, "--format", "json"])
        assert code == 0
        out = json.loads(capsys.readouterr().out)
        assert out["verdict"] == "eligible"
        (crit,) = [c for c in out["criteria"] if c["id"] == "s1-main-product-share"]
        assert crit["outcome"] == "met"
        assert crit["values"]["主导产品销售收入占本企业销售收入比重（2020）"] == share


# ----------------------------------------------------------------- a plugin part: srdi batch
def test_batch_sets_aside_a_plugin_part_above_its_whole_and_its_whole(tmp_path, capsys):
    # Row A: 5000 above 3300 (1.5×, not typed in 元): which one is wrong is unknown, so both count as
    # missing; the share then cannot be computed and its criterion is unknown, not met at 151.5%.
    # Row B: 2300 of 3300 is possible and kept: its share, 69.7%, is met (neither unknown nor not met).
    table = tmp_path / "rows.csv"
    table.write_text(
        "企业名称,注册地行政区划代码,2020年营业收入,2020年主导产品销售收入\nA,130100,3300,5000\nB,130100,3300,2300\n",
        encoding="utf-8",
    )
    code = main(["batch", str(table), "--program", PROGRAM, "--on", ON, "--format", "json"])
    assert code == 0
    a, b = json.loads(capsys.readouterr().out)
    assert (
        a["error"]
        == "2020年主导产品销售收入 5000万元 大于营业收入 3300万元（years.2020.revenue）：二者不可能同时成立，请核对"
    )
    assert SHARE in a["unknown"]
    assert b["error"] is None
    assert SHARE not in (b["unknown"] or "") and SHARE not in (b["not_met"] or "")

    read = read_table(table, srdi.load(["hebei"]))
    got = read.frame[["revenue_2020", "hebei.main_product_sales_2020"]]
    assert got.iloc[0].isna().tolist() == [True, True]
    assert got.iloc[1].tolist() == [3300, 2300]


def test_a_plugin_part_typed_in_yuan_alone_is_set_aside():
    # 330,000 against 3300 is 100× (≥ YUAN_FACTOR 100): the part was typed in 元, the whole is kept. (Under
    # 1000亿元, the reader's own ceiling for any amount, so only the part-whole check can say so.)
    frame = pd.DataFrame({"企业名称": ["A"], "2020年营业收入": [3300], "2020年主导产品销售收入": [330_000]})
    read = read_table(frame, srdi.load(["hebei"]))
    assert read.error_column()[0] == (
        "2020年主导产品销售收入 330000万元 大于营业收入 3300万元（years.2020.revenue）：金额以万元计，是否按元填写？"
    )
    assert read.frame["revenue_2020"].iloc[0] == 3300
    assert read.frame["hebei.main_product_sales_2020"].isna().iloc[0]


# ----------------------------------------------------------------- one-value parts
def test_a_one_value_part_is_checked_against_its_one_value_whole():
    # 12 senior people in a team of 10: no year, so the message names none and the key is enterprise.*
    team = FieldSpec("demo.team", "服务团队人数", "integer", "enterprise", unit="人", origin="srdi-demo")
    senior = FieldSpec(
        "demo.senior", "高级职称人数", "integer", "enterprise", unit="人", origin="srdi-demo", within="demo.team"
    )
    vocab = Vocabulary([*core_fields(), team, senior])
    assert ("demo.senior", "demo.team") in vocab.bounds
    (clash,) = row_clashes({"demo.team": 10, "demo.senior": 12}, vocab)
    assert clash.facts == (("demo.senior", None), ("demo.team", None))
    assert (
        clash.message == "高级职称人数 12人 大于服务团队人数 10人（enterprise.demo.team）：二者不可能同时成立，请核对"
    )
    frame = pd.DataFrame({"demo.team": [10, 10], "demo.senior": [12, 10]})
    assert [[c.message for c in found] for found in frame_clashes(frame, vocab)] == [[clash.message], []]


# ----------------------------------------------------------------- what the loader refuses
FIELDS = """
[[fields]]
key = "demo.sales"
label = "主导产品销售收入"
kind = "money"
section = "years"
within = "{within}"
"""


@pytest.mark.parametrize(
    ("within", "said"),
    [
        # no such field: named, with the field probably meant
        ("revenu", "字段 'demo.sales' 的 within：没有字段 'revenu'（须为核心字段或本文件的字段）（是否应为 'revenue'"),
        # 万元 within 人: another measure
        ("employees", "'demo.sales' 是 money（万元），'employees' 是 integer（人），部分与整体须是同一种量、同一单位"),
        # yearly within one value: cannot be compared year by year
        ("registered_capital", "'demo.sales' 在 [years]，'registered_capital' 在 [enterprise]"),
    ],
)
def test_the_loader_refuses_a_within_it_cannot_check_at_its_line(tmp_path, within, said):
    path = tmp_path / "fields.toml"
    path.write_text(FIELDS.replace("{within}", within), encoding="utf-8")
    with pytest.raises(NoticeError) as err:
        load_fields(path, origin="srdi-demo")
    (problem,) = err.value.problems
    assert (problem.file, problem.key, problem.line) == (str(path), "fields[0].within", 7)
    assert said in problem.message


def test_a_within_in_a_registered_field_is_checked_too():
    # a hooks module may register FieldSpec records without a file: the vocabulary refuses them alike
    bad = FieldSpec("demo.staff", "研发人员", "count", "years", unit="人", origin="srdi-demo", within="revenue")
    with pytest.raises(NoticeError, match="部分与整体须是同一种量"):
        Vocabulary([*core_fields(), bad])
    # a count of people is within 从业人数 (integer, 人): the same measure
    ok = FieldSpec("demo.staff", "研发人员", "count", "years", unit="人", origin="srdi-demo", within="employees")
    assert ("demo.staff", "employees") in Vocabulary([*core_fields(), ok]).bounds


def test_validate_reports_a_bad_within_at_its_line(tmp_path):
    copy = tmp_path / "hebei"
    shutil.copytree(HEBEI, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "*.egg-info"))
    fields = copy / "src/srdi_hebei/fields.toml"
    text = fields.read_text(encoding="utf-8")
    assert text.count('within = "revenue"') >= 1
    fields.write_text(text.replace('within = "revenue"', 'within = "revenu"', 1), encoding="utf-8")
    line = fields.read_text(encoding="utf-8").splitlines().index('within = "revenu"') + 1
    found = [f for f in validate(copy) if f.severity == "error"]
    assert [(f.problem.file, f.problem.line, f.problem.key) for f in found] == [(str(fields), line, "fields[2].within")]
    assert "没有字段 'revenu'" in found[0].problem.message


def test_a_fields_file_that_does_not_parse_is_placed_in_chinese_words(tmp_path):
    # 'label = ' has no value where the 9th character of line 3 (the line's end) stands; the reader of Chinese is
    # told where, not the parser's English
    path = tmp_path / "fields.toml"
    path.write_text('[[fields]]\nkey = "demo.sales"\nlabel = \n', encoding="utf-8")
    with pytest.raises(NoticeError) as err:
        load_fields(path, origin="srdi-demo")
    (problem,) = err.value.problems
    assert (problem.file, problem.message) == (str(path), "TOML 格式错误：第 3 行第 9 列")
