"""辽工信改革〔2022〕9号: the 2022 tiers on the shipped example profiles.

The eligible example (examples/little-giant-eligible.toml), against 二（三）:
  1（1） registered 2015-06-01 in 沈阳 (credit code 91210100…, region 210100 ⊂ 210000):
         6 full years on 2022-03-01 ≥ 3 ("连续经营3年以上"); independent legal person;
         C3484 with 260 people and 6800万元 → 300号 四（二）: <300人 so not 中型,
         ≥20人 and ≥300万元 → 小型.
  1（2） 2021 营业收入 6800 ≥ 2000; 资产负债率 4500/9000 = 50% (2020), 5200/10000 = 52%
         (2021), each ≤ 70; 研发 (180+204)/(6000+6800) = 3.0% ≥ 2 (two-year ratio).
  1（3） ISO9000 + ISO14000 → 2 certifications ≥ 1; sound management attested.
  2      专业化 holds: 细分市场 9 ≥ 3 years; 主营 growth 5000→5600→6300 = 12% and 12.5%,
         mean 12.25% ≥ 3; 主营 share 5600/6000 = 93.3%, 6300/6800 = 92.6% ≥ 60 each year;
         本省排名 8 ≤ 15; 3 large partners ≥ 2. One category is enough ("至少满足一类").
  3      key_fields 工业“四基” is in the 重点领域 list.
  三（一）holds liaoning.srdi_sme from 2021: 有效期3年 and 2018's ended "于2021年底" →
         2021's ends 2024-12-31, in force on 2022-03-01.
  三（三）1 none of the exclusions; compliance and credit attested (compliance_and_credit).
  → eligible.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from srdi.errors import UnknownNameError
from srdi.testing.timeline import assert_window

ON = dt.date(2022, 3, 1)  # inside the online window 2022-02-09 … 03-18
LG = "liaoning.little-giant-2022"
SME = "liaoning.srdi-sme-2022"


def outcomes(result):
    return {c.id: c.outcome.value for c in result.criteria}


def test_eligible_example(liaoning, example):
    r = liaoning.evaluate(example("little-giant-eligible"), LG, ON)
    assert r.verdict.value == "eligible"
    assert r.group("specialised").outcome.value == "met"
    assert r.group("special").outcome.value == "met"
    o = outcomes(r)
    assert o["rd-ratio"] == o["debt-ratio"] == o["revenue"] == o["prerequisite"] == "met"


def test_one_threshold_short_shows_the_gap(liaoning, example):
    # R&D 110 (2020) + 120 (2021) over revenue 6000 + 6800: 230 / 12800 = 1.797% < 2%
    # (二（三）1（2）"近2年的研发投入占营业收入的比重达到2%及以上"); everything else as the
    # eligible example. Needed: 2% × 12800 = 256 → 26万元 more R&D.
    r = liaoning.evaluate(example("little-giant-rd-short"), LG, ON)
    assert r.verdict.value == "ineligible"
    failing = [c for c in r.criteria if c.outcome.value == "not_met" and c.role != "exclusion"]
    assert [c.id for c in failing] == ["rd-ratio"]
    assert failing[0].gap == "研发经费支出（近2年合计）距2%还差26万元"
    assert failing[0].gap_value == pytest.approx(26.0)


def test_each_year_reading_of_the_rd_ratio(liaoning, example):
    # the alternative reading (each year ≥ 2%): the rd-short firm has 110/6000 = 1.83% in 2020
    # and 120/6800 = 1.76% in 2021, so it fails either way; the eligible firm has 3.0% in both.
    prog = liaoning.program(LG).with_overrides({"rd_years": "each"})
    assert liaoning.evaluate(example("little-giant-eligible"), prog, ON).verdict.value == "eligible"
    short = liaoning.evaluate(example("little-giant-rd-short"), prog, ON)
    assert short.criterion("rd-ratio").outcome.value == "not_met"


def test_missing_liabilities_make_it_incomplete(liaoning, example):
    # 2020 负债总额 left out: 2020's ratio is unknown, 2021's (52%) holds → "近2年…不高于70%"
    # cannot be decided → incomplete, not ineligible.
    r = liaoning.evaluate(example("little-giant-incomplete"), LG, ON)
    assert r.verdict.value == "incomplete"
    assert r.criterion("debt-ratio").outcome.value == "unknown"


def test_boundary_debt_ratio_exactly_70_percent(liaoning, example):
    # 不高于70% includes 70: liabilities 7000 of assets 10000 in 2021 → met; 7001 → not met
    p = example("little-giant-eligible")
    at = p.years[2021] | {"total_liabilities": 7000.0}
    over = p.years[2021] | {"total_liabilities": 7001.0}
    import attrs

    for year_facts, expected in ((at, "met"), (over, "not_met")):
        q = attrs.evolve(p, years={**p.years, 2021: year_facts})
        assert liaoning.evaluate(q, LG, ON).criterion("debt-ratio").outcome.value == expected


def test_revenue_exactly_2000(liaoning, example):
    # 营业收入达到2000万元及以上: 2000 meets it, 1999 does not
    import attrs

    p = example("little-giant-eligible")
    for revenue, expected in ((2000.0, "met"), (1999.0, "not_met")):
        q = attrs.evolve(p, years={**p.years, 2021: p.years[2021] | {"revenue": revenue}})
        assert liaoning.evaluate(q, LG, ON).criterion("revenue").outcome.value == expected


def test_highest_tier_is_recommended(liaoning, example):
    # 三（一）1 "需选择适合自身情况的最高梯度进行申报": the firm is eligible for the little giant;
    # for the SME tier it lacks the product title of 三（一）4 and is not eligible, so the
    # little giant is the tier to apply for.
    results = {r.program: r for r in liaoning.check(example("little-giant-eligible"), ON)}
    assert results[LG].recommended is True
    assert results[SME].verdict.value == "ineligible"
    assert results[SME].criterion("prerequisite").outcome.value == "not_met"
    assert results[SME].recommended is False


def test_prerequisite_expires_at_the_end_of_the_third_year(liaoning, example):
    # an SME title of 2018 "已于2021年底过期": on 2022-03-01 the prerequisite fails
    import attrs

    from srdi.profile import Recognition

    p = attrs.evolve(example("little-giant-eligible"), recognitions=(Recognition("liaoning.srdi_sme", 2018),))
    assert liaoning.evaluate(p, LG, ON).criterion("prerequisite").outcome.value == "not_met"
    p = attrs.evolve(p, recognitions=(Recognition("liaoning.srdi_sme", 2019),))
    assert liaoning.evaluate(p, LG, ON).criterion("prerequisite").outcome.value == "met"  # to 2022-12-31


def test_routed_to_liaoning_by_credit_code():
    # 91210100… : characters 3–8 are 210100 (沈阳). No plugin serves 沈阳 itself, so it falls
    # back to 辽宁 (210000), whose plugin is loaded; then to the nation.
    import srdi

    cat = srdi.for_credit_code("91210100MA0YK3N252")
    assert cat.claims == {"210000": "liaoning"}
    p = cat.load_profile(Path(__file__).parent.parent / "examples" / "routed-by-credit-code.toml")
    region = cat.region_of(p)
    assert region.code == "210100"
    assert [r.code for r in cat.regions.chain(region.code)] == ["210000", "000000"]
    checked = {r.program for r in cat.check(p, ON)}
    # open on 2022-03-01: the three Liaoning 2022 tiers; no national program is open that day
    assert checked == {LG, SME, "liaoning.srdi-product-2022"}


def test_deadlines(liaoning):
    occ = {o.event: o for o in liaoning.deadlines(LG)}
    # 五、1: 2022-02-09 to 03-18; 五、3: 5 working days after 初审 ends (03-18, a Friday) → 03-25
    assert (occ["online-window"].start, occ["online-window"].date) == (dt.date(2022, 2, 9), dt.date(2022, 3, 18))
    assert occ["city-recommendation"].date == dt.date(2022, 3, 25)
    assert occ["annex5-holders"].date == dt.date(2022, 2, 20)
    quarterly = sorted(o.date for o in liaoning.deadlines(LG) if o.event == "annex6-quarterly")
    # 10 working days after each quarter of 2022:
    # Q1 after 3/31: 4/1, 4/2 (make-up Saturday), [4/3–4/5 清明], 4/6–4/8, 4/11–4/15 → 04-15
    # Q2 after 6/30: 7/1, 7/4–7/8, 7/11–7/14 → 07-14
    # Q3 after 9/30: [10/1–10/7 国庆], 10/8 and 10/9 (make-up weekend), 10/10–10/14, 10/17–10/19 → 10-19
    # Q4 after 12/31: [1/1–1/2 元旦], 1/3–1/6, 1/9–1/13, 1/16 → 2023-01-16
    assert quarterly == [dt.date(2022, 4, 15), dt.date(2022, 7, 14), dt.date(2022, 10, 19), dt.date(2023, 1, 16)]


def test_window_boundaries(liaoning):
    assert_window(liaoning, LG, dt.date(2022, 3, 18), first=dt.date(2022, 2, 9))


def test_unknown_program_suggests(liaoning):
    with pytest.raises(UnknownNameError, match="是否应为"):
        liaoning.program("liaoning.little-giant-2O22")
