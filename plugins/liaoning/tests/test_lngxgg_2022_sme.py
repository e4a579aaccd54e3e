"""辽工信改革〔2022〕9号 二（二）: the 专精特新中小企业 tier on the shipped example profiles.

The eligible example (examples/srdi-sme-eligible.toml), against 二（二）on 2022-03-01
(reference year 2021, "上年度"):
  1  registered 2017-04-01 in 鞍山 (credit code 91210300…, region 210300 ⊂ 210000):
     4 full years ≥ 2 ("连续经营2年以上"); independent legal person; C4014 with 150
     people and 3200万元 in 2021 → 300号 四（二）: under 300 people, so not 中型; ≥ 20
     people and ≥ 300万元 → 小型.
     营业收入 3200 ≥ 1500; 资产负债率 3000/5000 = 60% (2020), 3510/5400 = 65% (2021),
     each ≤ 70; 研发 (40 + 48) / (2800 + 3200) = 88/6000 = 1.47% ≥ 1 (one two-year
     ratio); 通过质量管理体系认证: ISO9000; 经营状况良好… attested.
  2  精细化 holds: 决策层、管理层进行过精益管理培训; 至少1项管理体系认证 (ISO9000);
     大专及以上学历 45 of 150 = 30% ≥ 20 — that count alone proves the share of
     "大专及以上学历或中级及以上职称". One category is enough ("至少满足一类").
  3  key_fields high_tech: "企业属于…高技术产业".
  三（一）4 holds liaoning.srdi_product from 2021: 有效期3年, to 2024-12-31 (2018's
     "已于2021年底过期"), so in force on 2022-03-01.
  三（三）1 none of the exclusions; conduct attested.
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.profile import Recognition

ON = dt.date(2022, 3, 1)
SME = "liaoning.srdi-sme-2022"
LG = "liaoning.little-giant-2022"


def with_year(profile, year, **facts):
    return attrs.evolve(profile, years={**profile.years, year: profile.years[year] | facts})


def outcome(liaoning, profile, node, program=SME):
    r = liaoning.evaluate(profile, program, ON)
    try:
        return r.criterion(node).outcome.value
    except KeyError:
        return r.group(node).outcome.value


def test_eligible_example(liaoning, example):
    r = liaoning.evaluate(example("srdi-sme-eligible"), SME, ON)
    assert r.verdict.value == "eligible"
    assert r.group("refined").outcome.value == "met"
    assert r.criterion("rd-ratio").values["研发经费占营业收入比重（近2年合计口径）"] == pytest.approx(
        88 / 6000 * 100, abs=1e-4
    )
    assert r.criterion("prerequisite").outcome.value == "met"


def test_specialised_figures_hold_and_leave_the_ranking_to_review(liaoning, example):
    # 二（二）2（1）: 细分市场 6 years ≥ 2; 主营业务收入 2400 → 2500 → 2900, growth 4.17% and
    # 16%, mean 10.08% ≥ 2; share 2500/2800 = 89.3%, 2900/3200 = 90.6% ≥ 60; 1 large
    # partner ≥ 1. "排名占行业（全省）前列" has no number: a person judges it (review).
    r = liaoning.evaluate(example("srdi-sme-eligible"), SME, ON)
    for c in ("s-niche-years", "s-growth", "s-main-share", "s-large-partner"):
        assert r.criterion(c).outcome.value == "met", c
    assert r.criterion("s-market-rank").outcome.value == "review"
    assert r.group("specialised").outcome.value == "review"


def test_one_threshold_over_shows_the_gap(liaoning, example, why_not):
    # 2020 负债总额 3525 of 资产总额 5000 = 70.5% > 70 ("近2年资产负债率不高于70%", each
    # year): 3525 − 70% × 5000 = 25万元 too much debt. Everything else as the eligible example.
    r = liaoning.evaluate(example("srdi-sme-debt-high"), SME, ON)
    assert r.verdict.value == "ineligible"
    assert why_not(r) == ["debt-ratio"]
    assert r.criterion("debt-ratio").gap == "负债总额（2020）超出上限（70%）25万元"
    assert r.criterion("debt-ratio").gap_value == pytest.approx(25.0)


def test_missing_rd_makes_it_incomplete(liaoning, example):
    # 2020 研发经费 left out: the two-year ratio cannot be computed → unknown → incomplete
    r = liaoning.evaluate(example("srdi-sme-incomplete"), SME, ON)
    assert r.verdict.value == "incomplete"
    assert r.criterion("rd-ratio").outcome.value == "unknown"


@pytest.mark.parametrize(("revenue", "expected"), [(1500.0, "met"), (1499.99, "not_met")])
def test_revenue_exactly_1500(liaoning, example, revenue, expected):
    # "上年度营业收入达到1500万元及以上"
    p = with_year(example("srdi-sme-eligible"), 2021, revenue=revenue)
    assert outcome(liaoning, p, "revenue") == expected


@pytest.mark.parametrize(("liabilities_2021", "expected"), [(3780.0, "met"), (3781.0, "not_met")])
def test_debt_ratio_exactly_70_percent(liaoning, example, liabilities_2021, expected):
    # "不高于70%" includes 70: 3780 of 5400 in 2021 = 70% → met (2020 is 60%);
    # 3781 → 70.02% → not met
    p = with_year(example("srdi-sme-eligible"), 2021, total_liabilities=liabilities_2021)
    assert outcome(liaoning, p, "debt-ratio") == expected


def test_debt_ratio_one_year_at_the_cap_and_the_other_just_over(liaoning, example):
    # 2020: 3500/5000 = 70% (at the cap); 2021: 3781/5400 = 70.02% → each: not met
    p = with_year(example("srdi-sme-eligible"), 2020, total_liabilities=3500.0)
    assert outcome(liaoning, p, "debt-ratio") == "met"  # 2021 still 65%
    p = with_year(p, 2021, total_liabilities=3781.0)
    assert outcome(liaoning, p, "debt-ratio") == "not_met"


@pytest.mark.parametrize(
    ("rd_2020", "rd_2021", "expected"),
    [
        (28.0, 32.0, "met"),  # (28 + 32) / (2800 + 3200) = 60/6000 = 1% exactly
        (28.0, 31.9, "not_met"),  # 59.9/6000 = 0.998%
    ],
)
def test_rd_ratio_exactly_1_percent(liaoning, example, rd_2020, rd_2021, expected):
    # "企业近2年的研发投入占营业收入的比重达到1%及以上", one ratio over the two years
    p = with_year(example("srdi-sme-eligible"), 2020, rd_expense=rd_2020)
    p = with_year(p, 2021, rd_expense=rd_2021)
    assert outcome(liaoning, p, "rd-ratio") == expected


def test_rd_ratio_gap_names_the_two_year_rd(liaoning, example):
    # 59.9/6000 = 0.998%: 1% of 6000 is 60 → 0.1万元 more R&D over the two years
    p = with_year(example("srdi-sme-eligible"), 2020, rd_expense=28.0)
    p = with_year(p, 2021, rd_expense=31.9)
    c = liaoning.evaluate(p, SME, ON).criterion("rd-ratio")
    assert c.gap == "研发经费支出（近2年合计）距1%还差0.1万元"


def test_rd_ratio_one_year_just_under_and_the_other_over(liaoning, example):
    # 2020: 27.9/2800 = 0.996%; 2021: 32.2/3200 = 1.006%. As one two-year ratio (the
    # default reading): 60.1/6000 = 1.0017% → met. Each year on its own (rd_years = each):
    # 2020 falls short → not met.
    p = with_year(example("srdi-sme-eligible"), 2020, rd_expense=27.9)
    p = with_year(p, 2021, rd_expense=32.2)
    assert outcome(liaoning, p, "rd-ratio") == "met"
    each = liaoning.program(SME).with_overrides({"rd_years": "each"})
    assert liaoning.evaluate(p, each, ON).criterion("rd-ratio").outcome.value == "not_met"


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # 大专及以上学历 30 of 150 = 20% exactly: that count alone proves the share → met
        ({"college_staff": 30, "mid_title_staff": 10}, "met"),
        # 中级及以上职称 30 of 150 = 20% exactly → met the same way
        ({"college_staff": 10, "mid_title_staff": 30}, "met"),
        # the combined count (each person once) 30 of 150 = 20% → met
        ({"college_staff": 25, "mid_title_staff": 10, "qualified_staff": 30}, "met"),
        # 29 and 20 of 150 (19.3% and 13.3%): the union may reach 20% or not; without the
        # combined count it cannot be told → unknown, never "not met"
        ({"college_staff": 29, "mid_title_staff": 20}, "unknown"),
        # with it: 29 of 150 = 19.3% < 20 → not met
        ({"college_staff": 29, "mid_title_staff": 20, "qualified_staff": 29}, "not_met"),
    ],
)
def test_qualified_staff_exactly_20_percent(liaoning, example, facts, expected):
    # "企业人员中大专及以上学历或中级及以上职称员工数占比不低于20%" (2021, 150 people)
    p = with_year(example("srdi-sme-eligible"), 2021, **facts)
    assert outcome(liaoning, p, "s-qualified-staff") == expected


def test_the_prerequisite_product(liaoning, example, why_not):
    # 三（一）4 "申报专精特新中小企业应当具备有效期内的专精特新产品" (applied as a requirement)
    p = example("srdi-sme-eligible")
    none = attrs.evolve(p, recognitions=())
    r = liaoning.evaluate(none, SME, ON)
    assert r.verdict.value == "ineligible"
    assert why_not(r) == ["prerequisite"]
    # a product of 2019 is valid to 2022-12-31 ("2019年度企业将于2022年底过期"): in force
    held = attrs.evolve(p, recognitions=(Recognition("liaoning.srdi_product", 2019),))
    assert outcome(liaoning, held, "prerequisite") == "met"
    # a product of 2018 "已于2021年底过期": not in force on 2022-03-01
    expired = attrs.evolve(p, recognitions=(Recognition("liaoning.srdi_product", 2018),))
    assert outcome(liaoning, expired, "prerequisite") == "not_met"
    # a profile that does not say what it holds: unknown, so incomplete
    unsaid = attrs.evolve(p, recognitions=None)
    r = liaoning.evaluate(unsaid, SME, ON)
    assert r.criterion("prerequisite").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_the_sme_tier_is_the_one_to_apply_for(liaoning, example):
    # 三（一）1 "需选择适合自身情况的最高梯度进行申报": the firm is eligible for the SME tier;
    # the little giant tier fails it (研发 1.47% < 2%, and it holds no 中小企业 title of
    # 三（一）4), so the SME tier is the highest that fits.
    results = {r.program: r for r in liaoning.check(example("srdi-sme-eligible"), ON)}
    assert results[SME].verdict.value == "eligible"
    assert results[SME].recommended is True
    assert results[LG].verdict.value == "ineligible"
    assert {results[LG].criterion(c).outcome.value for c in ("rd-ratio", "prerequisite")} == {"not_met"}
    assert results[LG].recommended is False


def test_a_firm_fit_for_both_tiers_applies_for_the_little_giant(liaoning, example):
    # The little giant example (eligible for 二（三）, see test_lngxgg_2022.py), given also a
    # 2021 product title, 高技术产业 among its fields and 经营状况良好 attested, meets 二（二）
    # as well: 营业收入 6800 ≥ 1500; 资产负债率 50%, 52% ≤ 70; 研发 3% ≥ 1; ISO9000;
    # 创新化: 1 发明专利 ≥ 1, 科技人员 32/260 = 12.3% ≥ 10, 数字化转型模块; 高技术产业.
    # Both fit, so only the higher tier is recommended.
    p = example("little-giant-eligible")
    p = attrs.evolve(
        p,
        facts=p.facts | {"key_fields": ("four_bases", "high_tech")},
        recognitions=(*p.recognitions, Recognition("liaoning.srdi_product", 2021)),
        attestations=p.attestations | {"sound_operation": True},
    )
    results = {r.program: r for r in liaoning.check(p, ON)}
    assert results[SME].verdict.value == results[LG].verdict.value == "eligible"
    assert results[LG].recommended is True
    assert results[SME].recommended is False
    assert any(LG in n for n in results[SME].notes)
