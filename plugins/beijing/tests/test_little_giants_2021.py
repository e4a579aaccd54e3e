"""Municipal little giants of 2021: the April round with its rolling intake and national
recommendation (北京市经济和信息化局, 2021-04-22), and the second batch (2021-11-22).

The eligible example (examples/little-giant-eligible.toml), 上年度 = 2020:
  二（一）1 credit code 91110114… → 110114 昌平 ⊂ 110000; registered 2012-03-01, 9 full
            years ≥ 3; independent legal person; C3562 with 260 people and 6000万元 →
            under 300 people so not 中型, ≥ 20 people and ≥ 300万元 → 小型; holds the
            北京市“专精特新”中小企业 title granted 2021-04-15, in force for three years.
  二（一）2–4 attested.  Exclusions: none.
  二（二）1 (2): 5000 ≤ 6000 < 10000 and R&D (400 + 420) / (5500 + 6000) = 7.13% ≥ 6%.
  二（二）2 主营 5700/6000 = 95% ≥ 70; rank 2 ≤ 3 (+ reputation attested);
            2020 debt 3500/8000 = 43.75% ≤ 70; 4 invention patents ≥ 2; ISO9000 → one
            management certification; no major accident.
  二（二）3 shown, not deciding (growth 13.04% and 9.62%, mean 11.33% ≥ 5; 8 years in the
            niche; R&D institution and IT support; own brand).
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.testing.timeline import assert_window

LG = "beijing.little-giant-2021"
REC = "beijing.national-recommendation-2021"
LG2 = "beijing.little-giant-2021-second-batch"
MAY = dt.date(2021, 5, 1)
NOV = dt.date(2021, 11, 25)


def outcome(result, cid):
    return result.criterion(cid).outcome.value


@pytest.mark.parametrize(("program", "day"), [(LG, MAY), (LG2, NOV)])
def test_eligible_example(beijing, example, program, day):
    r = beijing.evaluate(example("little-giant-eligible"), program, day)
    assert r.verdict.value == "eligible"
    assert r.reference_year == 2020
    assert r.group("economic-b").outcome.value == "met"
    assert r.group("essential").outcome.value == "met"


@pytest.mark.parametrize(
    ("revenue", "a", "b", "c"),
    [
        # 经济指标 bands: "1亿元及以上" includes 10000; "5000万元（含）—1亿元（不含）"; "不足5000万元"
        (10000.0, "met", "not_met", "not_met"),
        (9999.0, "not_met", "met", "not_met"),
        (5000.0, "not_met", "met", "not_met"),
        (4999.0, "not_met", "not_met", "met"),
    ],
)
def test_revenue_bands(beijing, example, tweak, revenue, a, b, c):
    p = tweak.year(example("little-giant-eligible"), 2020, revenue=revenue, main_business_revenue=revenue * 0.9)
    r = beijing.evaluate(p, LG, MAY)
    assert (outcome(r, "a-revenue"), outcome(r, "b-revenue"), outcome(r, "c-revenue")) == (a, b, c)


def test_rd_ratio_two_year_reading(beijing, example, tweak):
    # 2019 400/5500 = 7.27%, 2020 330/6000 = 5.5%: the two-year ratio (400+330)/11500 = 6.35%
    # meets "近2年…不低于6%"; read year by year (rd_ratio_years = each), 2020 fails it.
    p = tweak.year(example("little-giant-eligible"), 2020, rd_expense=330.0)
    assert outcome(beijing.evaluate(p, LG, MAY), "b-rd-ratio") == "met"
    each = beijing.program(LG).with_overrides({"rd_ratio_years": "each"})
    r = beijing.evaluate(p, each, MAY)
    assert (outcome(r, "b-rd-ratio"), r.verdict.value) == ("not_met", "ineligible")


def test_main_business_share_exactly_70(beijing, example, tweak):
    # 必备指标（1）"70%以上" includes 70: 4200/6000 = 70% meets it, 4199/6000 = 69.98% does not
    p = example("little-giant-eligible")
    assert (
        outcome(beijing.evaluate(tweak.year(p, 2020, main_business_revenue=4200.0), LG, MAY), "main-business-share")
        == "met"
    )
    r = beijing.evaluate(tweak.year(p, 2020, main_business_revenue=4199.0), LG, MAY)
    assert (outcome(r, "main-business-share"), r.verdict.value) == ("not_met", "ineligible")


def test_debt_ratio_of_2020_exactly_70(beijing, example, tweak):
    # 必备指标（3）"企业2020年度资产负债率不高于70%": 5600/8000 = 70% meets it, 5601/8000 does not.
    # The year is 2020 as printed, also for the second batch of November 2021.
    p = example("little-giant-eligible")
    for program, day in ((LG, MAY), (LG2, NOV)):
        assert (
            outcome(beijing.evaluate(tweak.year(p, 2020, total_liabilities=5600.0), program, day), "debt-ratio")
            == "met"
        )
        assert (
            outcome(beijing.evaluate(tweak.year(p, 2020, total_liabilities=5601.0), program, day), "debt-ratio")
            == "not_met"
        )


def test_market_rank_top_three(beijing, example, tweak):
    # "位于全省前3位" (April) and "全市前3位" (November): rank 3 meets both, rank 4 neither
    p = example("little-giant-eligible")
    for program, day in ((LG, MAY), (LG2, NOV)):
        assert outcome(beijing.evaluate(tweak.year(p, 2020, province_rank=3), program, day), "top-3") == "met"
        assert outcome(beijing.evaluate(tweak.year(p, 2020, province_rank=4), program, day), "top-3") == "not_met"


def test_other_special_conditions_do_not_decide_unless_asked(beijing, example, tweak):
    # 二（二）3 prints no pass rule: without an own brand (3（4）) the firm stays eligible;
    # read as four required conditions (other_special_required = 4) it is not.
    p = tweak.facts(example("little-giant-eligible"), own_brand=False)
    r = beijing.evaluate(p, LG, MAY)
    assert (outcome(r, "own-brand"), r.group("other").outcome.value, r.verdict.value) == ("not_met", "met", "eligible")
    strict = beijing.program(LG).with_overrides({"other_special_required": 4})
    assert beijing.evaluate(p, strict, MAY).verdict.value == "ineligible"


def test_without_the_municipal_srdi_title_a_person_judges(beijing, example):
    # 二（一）1 "…北京市“专精特新”中小企业或其他创新能力强、市场竞争优势突出的中小企业":
    # without the title the alternative is a judgement → review until attested
    p = attrs.evolve(example("little-giant-eligible"), recognitions=())
    assert beijing.evaluate(p, LG, MAY).verdict.value == "review"
    p = attrs.evolve(p, attestations={**p.attestations, "innovative_competitive_sme": True})
    assert beijing.evaluate(p, LG, MAY).verdict.value == "eligible"


def test_class_c_boundaries(beijing, example, tweak):
    # 经济指标（3）: revenue 4000 < 5000; equity 5000 (2019) + 3000 (2020) = 8000 "（含）以上";
    # R&D 1500 + 1500 = 3000 "（含）以上"; R&D staff 130 of 260 = 50% "（含）以上"; 工业“四基”;
    # the breakthrough is a judgement → the band is "review" until attested.
    p = tweak.year(example("little-giant-eligible"), 2019, equity_financing=5000.0, rd_expense=1500.0)
    p = tweak.year(
        p,
        2020,
        revenue=4000.0,
        main_business_revenue=3800.0,
        equity_financing=3000.0,
        rd_expense=1500.0,
        rd_staff=130.0,
    )
    r = beijing.evaluate(p, LG, MAY)
    assert [outcome(r, c) for c in ("c-revenue", "c-equity", "c-rd-input", "c-rd-staff")] == ["met"] * 4
    assert r.group("economic-c").outcome.value == "review"
    # one 万元 less equity, or one person less in R&D (129/260 = 49.6%), and the band fails
    less = beijing.evaluate(tweak.year(p, 2020, equity_financing=2999.0), LG, MAY)
    assert outcome(less, "c-equity") == "not_met"
    fewer = beijing.evaluate(tweak.year(p, 2020, rd_staff=129.0), LG, MAY)
    assert outcome(fewer, "c-rd-staff") == "not_met"


def test_single_champions_are_not_recommended_to_miit(beijing, example, tweak):
    # "已列为…制造业单项冠军企业或产品的企业，不再推荐": the recommendation excludes it; the
    # municipal title (and the second batch, which drops the sentence) does not.
    p = tweak.facts(example("little-giant-eligible"), single_champion=True)
    assert beijing.evaluate(p, REC, MAY).verdict.value == "ineligible"
    assert beijing.evaluate(p, LG, MAY).verdict.value == "eligible"
    assert beijing.evaluate(p, LG2, NOV).verdict.value == "eligible"
    assert beijing.evaluate(example("little-giant-eligible"), REC, MAY).verdict.value == "eligible"


def test_windows(beijing):
    # 三（三）: municipal filing 4月23日至5月6日; the national recommendation 4月28日至5月6日
    assert not beijing.is_open(LG, dt.date(2021, 4, 22))
    assert beijing.is_open(LG, dt.date(2021, 4, 23))
    assert beijing.is_open(LG, dt.date(2021, 5, 6))
    assert_window(beijing, REC, dt.date(2021, 5, 6), first=dt.date(2021, 4, 28))
    # second batch: 11月22日至11月30日24:00
    assert_window(beijing, LG2, dt.date(2021, 11, 30))


def test_rolling_monthly_intake(beijing):
    # 四、1 "企业每月初到月底…申报…次月中上旬对评审结果进行公示", read from June 2021 (the first
    # month after the April round's window) to December 2021.
    assert not beijing.is_open(LG, dt.date(2021, 5, 20))  # after the round, before the first month
    assert beijing.is_open(LG, dt.date(2021, 6, 1))
    assert beijing.is_open(LG, dt.date(2021, 9, 30))
    assert_window(beijing, LG, dt.date(2021, 12, 31))
    occ = [o for o in beijing.deadlines(LG) if o.event == "rolling-results"]
    # June's applications: results in the 上旬 and 中旬 of July (1–20); December's in January 2022
    assert (occ[0].start, occ[0].date) == (dt.date(2021, 7, 1), dt.date(2021, 7, 20))
    assert (occ[-1].start, occ[-1].date) == (dt.date(2022, 1, 1), dt.date(2022, 1, 20))
    assert len(occ) == 7


def test_rolling_intake_is_offered_by_check(beijing, example):
    # on 2021-09-15 only the rolling intake is open among the little giant programs
    checked = {r.program for r in beijing.check(example("little-giant-eligible"), dt.date(2021, 9, 15))}
    assert LG in checked and LG2 not in checked and REC not in checked


def test_the_series_stands_on_the_intake_open_that_day(beijing, example):
    # On 2021-12-31 December's intake (四、1 "企业每月初到月底…申报") is open, on its last day, though the second
    # batch (2021-11-22 … 11-30) opened later and has closed. The series stands on the open round; the next
    # intake the monthly cadence gives is January 2022, not the month under way
    (st,) = [
        s
        for s in beijing.today(example("little-giant-eligible"), dt.date(2021, 12, 31)).series
        if s.series == "beijing.little-giant"
    ]
    assert (st.program, st.state) == (LG, "open")
    assert (st.expected.start, st.expected.end) == (dt.date(2022, 1, 1), dt.date(2022, 1, 31))
