"""``srdi diff``: criterion by criterion and parameter by parameter, as a regional team reads a new notice.

A: 工信厅企业函〔2021〕79号, the national third batch of little giants.
B: 辽工信改革〔2022〕9号 二（三）, Liaoning's 2022 little giant tier.
"""

from __future__ import annotations

import json

import pytest

import srdi
from srdi.cli.main import main
from srdi.diff import diff_programs

A = "national.little-giant-3rd-batch"
B = "liaoning.little-giant-2022"


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["liaoning"])


@pytest.fixture(scope="module")
def diff(catalog):
    return diff_programs(catalog, A, B)


def test_thresholds_that_moved(diff):
    # 79号 三（三）1 "上年度营业收入在1亿元及以上" (10000万元) against 二（三）1（2） "2000万元及以上":
    # both test revenue with ">=", so the >= band of the three national bands is the counterpart.
    row = diff.row("criterion", a="a-revenue")
    assert (row.b, row.match, row.status) == ("revenue", "tests", "changed")
    assert [(c.key, c.a, c.b) for c in row.changes] == [("value", 10000, 2000)]
    # 三（三）1 R&D "不低于3%" against 二（三）1（2） "达到2%及以上"; both two-year ratios read as aggregate
    row = diff.row("criterion", a="a-rd-ratio")
    assert row.b == "rd-ratio" and [(c.key, c.a, c.b) for c in row.changes] == [("value", 3, 2)]
    # 三（二）2 "全省前3位" against 二（三）2（1） "全省…前15位"
    assert [(c.key, c.a, c.b) for c in diff.row("criterion", a="province-top-3").changes] == [("value", 3, 15)]


def test_same_id_with_a_longer_period(diff):
    # 三（二）1 "资产负债率不高于70%" (上年度) against 二（三）1（2） "近2年资产负债率不高于70%": same ceiling,
    # now over two years, each year on its own (Liaoning's reading debt_years = each, which is also
    # the national default of combining years)
    row = diff.row("criterion", a="debt-ratio")
    assert (row.b, row.match) == ("debt-ratio", "id")
    assert [(c.key, c.a, c.b) for c in row.changes] == [("years", 1, 2)]


def test_readings_paired_through_the_criteria_that_use_them(diff):
    # both read "近2年…研发…比重" as one two-year ratio, under different parameter names
    row = diff.row("parameter", a="rd_ratio_years")
    assert (row.b, row.match, row.status) == ("rd_years", "tests", "same")


def test_conditions_only_one_side_has(diff):
    # 五（一） "已列为我部制造业单项冠军企业或产品的企业，不再推荐" has no Liaoning counterpart;
    # 三（一）4 "应当是有效期内的专精特新中小企业" has no national one
    assert diff.row("criterion", a="not-single-champion").status == "only_a"
    assert diff.row("criterion", b="prerequisite").status == "only_b"


def test_program_attributes(diff):
    # 79号 四（五） "有效期为3年" from the date; 9号 三（三）2, to the end of the third year
    grants = diff.row("program", a="grants")
    assert ("expiry", "from_date", "year_end") in [(c.key, c.a, c.b) for c in grants.changes]
    assert diff.row("program", a="quota:under-5000").status == "only_a"


def test_a_what_if_override_shows_as_a_changed_reading(catalog):
    base = catalog.program(A)
    stricter = base.with_overrides({"rd_ratio_years": "each"})
    d = diff_programs(catalog, base, stricter)
    assert [(c.key, c.a, c.b) for c in d.row("parameter", a="rd_ratio_years").changes] == [
        ("value", "aggregate", "each")
    ]
    rows = {r.a: r for r in d.differences() if r.kind == "criterion"}
    assert set(rows) == {"a-rd-ratio", "b-rd-ratio"}
    assert [str(c) for c in rows["a-rd-ratio"].changes] == [
        "combine: $rd_ratio_years = aggregate → $rd_ratio_years = each"
    ]


def test_cli_json_and_table(capsys):
    assert main(["diff", A, B, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["a_notice"], data["b_notice"]) == ("工信厅企业函〔2021〕79号", "辽工信改革〔2022〕9号")
    assert {"kind", "a", "b", "status", "changes", "a_cites", "b_cites"} <= set(data["rows"][0])
    assert main(["diff", A, B]) == 0
    out = capsys.readouterr().out
    assert "value: 10000 → 2000" in out and "仅A" in out
    assert main(["diff", A, "liaoning.little-giant-2O22"]) == 2
    assert "是否应为" in capsys.readouterr().err


def test_the_2021_and_2024_key_little_giant_rules():
    # 财建〔2021〕2号 附件模板二（一）1 excludes firms listed on "上交所主板、科创板和深交所主板、
    # 中小板、创业板，以及境外"; 财建〔2024〕148号 三（一） on "上交所、深交所、北交所，以及境外":
    # the 北交所 is new. 2021's "近2年研发经费支出占营业收入比重4%以上" has no 2024 counterpart.
    cat = srdi.load([])
    d = diff_programs(cat, "national.key-little-giant-2021", "national.key-little-giant-2024")
    listed = d.row("criterion", a="not-listed")
    [change] = [c for c in listed.changes if c.key == "none_of"]
    assert set(change.b) - set(change.a) == {"bse"}
    assert d.row("criterion", a="rd-ratio").status == "only_a"
