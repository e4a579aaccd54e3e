"""Profiles: one vocabulary, strict reading, and a message naming every bad field."""

from __future__ import annotations

import json

import pytest

from srdi.errors import ProfileError


def load(baseline, tmp_path, text, suffix=".toml"):
    path = tmp_path / f"p{suffix}"
    path.write_text(text, encoding="utf-8")
    return baseline.load_profile(path)


def problems(baseline, tmp_path, text, suffix=".toml"):
    with pytest.raises(ProfileError) as err:
        load(baseline, tmp_path, text, suffix)
    return {p.key: p.message for p in err.value.problems}


def test_units_labels_and_full_width_digits(baseline, tmp_path):
    p = load(
        baseline,
        tmp_path,
        """
[enterprise]
listing_board = "上交所科创板"       # a Chinese label reads as its value
management_certs = "ISO9000质量管理体系认证、其他管理体系认证"
[years.2021]
revenue = "１,２００"                # full-width digits and a thousands separator
debt_ratio = "0.5%"                  # under one percent, said explicitly
""",
    )
    assert p.facts["listing_board"] == "sse_star"
    assert p.facts["management_certs"] == ("iso9001", "other")
    assert p.years[2021] == {"revenue": 1200.0, "debt_ratio": 0.5}


def test_every_bad_field_is_named(baseline, tmp_path):
    found = problems(
        baseline,
        tmp_path,
        """
[enterprise]
credit_code = "91210100MA0YK3N253"
registerd_on = 2015-01-01
revenue = 100
[years.2021]
debt_ratio = 0.65
total_assets = -5
employees = 12.5
[years.21]
""",
    )
    assert "最后一位应为 '2'" in found["enterprise.credit_code"]
    assert "registered_on" in found["enterprise.registerd_on"]  # a suggestion
    assert "[years.YYYY]" in found["enterprise.revenue"]  # a yearly fact in the wrong place
    assert "像是小数" in found["years.2021.debt_ratio"] and "65" in found["years.2021.debt_ratio"]
    assert "不能为负数" in found["years.2021.total_assets"]
    assert "应为整数" in found["years.2021.employees"]
    assert "四位数字" in found["years.21"]


def test_money_entered_in_yuan_is_flagged(baseline, tmp_path):
    # 2,500万元 of revenue typed as 25,000,000 (元) for 120 people: 208,333万元 per person
    found = problems(baseline, tmp_path, "[years.2021]\nrevenue = 25000000\nemployees = 120\n")
    assert "是否按元填写" in found["years.2021.revenue"]


@pytest.mark.parametrize(
    ("revenue", "flagged"),
    [(9_000_000, True), (200_000.5, True), (200_000, False)],
)
def test_a_small_firms_revenue_only_a_headcount_could_allow_is_flagged(baseline, tmp_path, revenue, flagged):
    # 300号 第四条: the highest revenue with which any industry's firm is an SME by its revenue alone is 200000万元
    # (房地产开发经营, "营业收入200000万元以下"). A firm declaring itself 小型, with no headcount given, and 900亿元
    # of revenue as read is 900万元 typed in 元; past 200000万元 it is flagged, at exactly 200000万元 ("以下") not
    text = f'[enterprise]\nname = "甲公司"\nsize_class = "小型"\n[years.2021]\nrevenue = {revenue}\n'
    if not flagged:
        assert load(baseline, tmp_path, text).years[2021]["revenue"] == revenue
        return
    found = problems(baseline, tmp_path, text)["years.2021.revenue"]
    assert "企业规模却为小型" in found and "是否按元填写" in found


def test_revenue_far_below_what_the_staff_imply_is_flagged(baseline, tmp_path):
    # 0.25 for 300 people is 8.3元 per person a year: the amount was written in 亿元
    found = problems(baseline, tmp_path, "[years.2021]\nrevenue = 0.25\nemployees = 300\n")
    assert "亿元" in found["years.2021.revenue"]


def test_json_reads_like_toml(baseline, tmp_path):
    data = {"enterprise": {"name": "甲公司", "registered_on": "2015-06-01"}, "years": {"2021": {"revenue": 2000}}}
    p = load(baseline, tmp_path, json.dumps(data, ensure_ascii=False), ".json")
    assert p.years[2021]["revenue"] == 2000.0 and str(p.facts["registered_on"]) == "2015-06-01"


def test_malformed_json_names_the_line(baseline, tmp_path):
    with pytest.raises(ProfileError) as err:
        load(baseline, tmp_path, '{\n "enterprise": {,}\n}', ".json")
    assert err.value.problems[0].line == 2


def test_recognitions_absent_means_unknown_and_empty_means_none(baseline, tmp_path):
    assert load(baseline, tmp_path, "[enterprise]\nname='x'\n").recognitions is None
    assert load(baseline, tmp_path, "recognitions = []\n").recognitions == ()


def test_plugin_facts_sit_under_the_plugin_name_in_enterprise_and_years():
    from srdi.profile import profile_from_dict
    from srdi.vocabulary import FieldSpec, Vocabulary
    from srdi.vocabulary.fields import core_fields

    vocab = Vocabulary(
        [
            *core_fields(),
            FieldSpec("demo.grade", "等级", "text", "enterprise", origin="srdi-demo"),
            FieldSpec("demo.sales", "主导产品销售收入", "money", "years", origin="srdi-demo"),
        ]
    )
    data = {"enterprise": {"demo": {"grade": "B"}}, "years": {"2021": {"revenue": 900, "demo": {"sales": 600}}}}
    p = profile_from_dict(data, vocab)
    assert p.facts["demo.grade"] == "B"
    assert p.years[2021] == {"revenue": 900.0, "demo.sales": 600.0}
    with pytest.raises(ProfileError) as err:  # a misspelt plugin fact is named with its path
        profile_from_dict({"years": {"2021": {"demo": {"sale": 600}}}}, vocab)
    assert [p.key for p in err.value.problems] == ["years.2021.demo.sale"]
