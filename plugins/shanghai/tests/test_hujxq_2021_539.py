"""沪经信企〔2021〕539号: the 2021 municipal 专精特新 enterprise on the shipped examples.

The eligible example (examples/srdi-enterprise-eligible.toml), on 2021-09-01, 上年度 = 2020:
  一（一）1 credit code 91310115… → 310115 (浦东新区) ⊂ 310000; registered 2014-05-20, 7 full
           years ≥ 3 ("连续经营三年以上"); independent legal person.
  一（一）2 2020 营业收入 3600 ≥ 1000 ("不少于1000万元").
  一（一）3 研发 (120 + 132) / (3300 + 3600) = 252 / 6900 = 3.65% ≥ 3 (one ratio over 2019–2020).
  一（一）4 attested.
  一（二）1 专业化: 主营 3240 / 3600 = 90% ≥ 70; 全市排名 2 ≤ 3 (全国 14 is not ≤ 10, but "或"
           needs only one); 营业收入 growth 3300/3000 − 1 = 10% and 3600/3300 − 1 = 9.09%,
           mean 9.55% ≥ 5 → met.
  一（二）2 精细化: 1 invention patent ≥ 1; a 研发机构 → met.
  一（二）3 特色化: no national or industry standard in 2019–2020 → the first of the two "；"
           parts fails → not met (own brand alone is the second part).
  一（二）4 新颖化: equity 0 + 500 = 500, not over 2000 → not met.
  Categories met: 2 of 4. Default reading (one category suffices) → met.
  一（三） none of the restrictions.
  → eligible. If all four categories were required → ineligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

ON = dt.date(2021, 9, 1)  # inside the online window, 2021-07-19 onwards
SRDI = "shanghai.srdi-enterprise-2021"


def outcome(result, node):
    """The outcome of a criterion or group of a result."""
    found = result.criterion(node) if node in {c.id for c in result.criteria} else result.group(node)
    return found.outcome.value


def test_eligible_example(shanghai, example):
    r = shanghai.evaluate(example("srdi-enterprise-eligible"), SRDI, ON)
    assert r.verdict.value == "eligible"
    assert [outcome(r, g) for g in ("specialised", "refined", "distinctive", "novel")] == [
        "met",
        "met",
        "not_met",
        "not_met",
    ]
    assert outcome(r, "basic") == outcome(r, "restrictions") == "met"


def test_category_count_both_readings(shanghai, example):
    # The notice prints no count for 一（二）. The eligible firm meets 专业化 and 精细化 (2 of 4):
    # n = 1 (default) and n = 2 → eligible; n = 3 and n = 4 (every category, as in 基本条件) →
    # ineligible, since 特色化 and 新颖化 are definitely not met.
    p = example("srdi-enterprise-eligible")
    expected = {1: "eligible", 2: "eligible", 3: "ineligible", 4: "ineligible"}
    for n, verdict in expected.items():
        prog = shanghai.program(SRDI).with_overrides({"special_categories": n})
        assert shanghai.evaluate(p, prog, ON).verdict.value == verdict, n


def test_novel_route_alone(shanghai, example):
    # examples/srdi-enterprise-novel.toml, on 2021-09-01:
    #   registered 2018-03-12 → 3 full years ≥ 3; 营业收入 1400 ≥ 1000;
    #   研发 (300 + 350) / (1150 + 1400) = 25.5% ≥ 3.
    #   专业化: 主营 840 / 1400 = 60% < 70 → not met.
    #   精细化: no invention patent; 0 utility + 2 software = 2 < 3 → not met.
    #   特色化: no standard, no brand, no award → not met.
    #   新颖化: both qualitative phrases attested; equity 1500 + 800 = 2300 > 2000 → met.
    # One category → eligible.
    r = shanghai.evaluate(example("srdi-enterprise-novel"), SRDI, ON)
    assert r.verdict.value == "eligible"
    assert [outcome(r, g) for g in ("specialised", "refined", "distinctive", "novel")] == [
        "not_met",
        "not_met",
        "not_met",
        "met",
    ]


def test_unanswered_qualitative_phrases_are_review(shanghai, example, edit):
    # Without a person's answer on "符合“新技术、新产业、新业态、新模式”等发展特征" (一（二）4),
    # 新颖化 is review, and it is the novel firm's only category → the verdict is review.
    p = edit.replace(example("srdi-enterprise-novel"), attestations={"shanghai_city_policy": True})
    r = shanghai.evaluate(p, SRDI, ON)
    assert r.criterion("s4-four-new").outcome.value == "review"
    assert outcome(r, "novel") == "review"
    assert r.verdict.value == "review"


def test_equity_exactly_2000_is_not_over(shanghai, example, edit):
    # 一（二）4 "近2年内新增股权融资额（实缴）累计超过2000万元": 超过 excludes the number.
    # 2019 + 2020 = 1200 + 800 = 2000 → not met; 1201 + 800 = 2001 → met.
    p = example("srdi-enterprise-novel")
    for y2019, expected in ((1200.0, "not_met"), (1201.0, "met")):
        q = edit.year(p, 2019, equity_financing=y2019)
        assert shanghai.evaluate(q, SRDI, ON).criterion("s4-equity").outcome.value == expected


def test_rd_ratio_exactly_3_percent(shanghai, example, edit):
    # 一（一）3 "不低于3%" includes 3: over 2019–2020 revenue 3300 + 3600 = 6900, R&D of
    # 99 + 108 = 207 is exactly 3% → met; 99 + 107.9 = 206.9 is 2.9986% → not met, and the gap
    # is 3% × 6900 − 206.9 = 0.1万元.
    p = example("srdi-enterprise-eligible")
    at = edit.year(edit.year(p, 2019, rd_expense=99.0), 2020, rd_expense=108.0)
    r = shanghai.evaluate(at, SRDI, ON)
    assert r.criterion("rd-ratio").outcome.value == "met"
    below = edit.year(at, 2020, rd_expense=107.9)
    r = shanghai.evaluate(below, SRDI, ON)
    assert r.criterion("rd-ratio").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"
    assert r.criterion("rd-ratio").gap_value == pytest.approx(0.1)


def test_rd_ratio_each_year_reading(shanghai, example, edit):
    # rd_years = each: every year on its own. R&D 80 (2019) + 172 (2020) keeps the two-year
    # ratio at 252 / 6900 = 3.65% (met under the default), but 2019 alone is 80 / 3300 = 2.42% < 3
    # → not met under `each`.
    p = edit.year(edit.year(example("srdi-enterprise-eligible"), 2019, rd_expense=80.0), 2020, rd_expense=172.0)
    assert shanghai.evaluate(p, SRDI, ON).criterion("rd-ratio").outcome.value == "met"
    prog = shanghai.program(SRDI).with_overrides({"rd_years": "each"})
    assert shanghai.evaluate(p, prog, ON).criterion("rd-ratio").outcome.value == "not_met"


def test_revenue_exactly_1000(shanghai, example, edit):
    # 一（一）2 "不少于1000万元": 1000 meets it, 999 does not.
    p = example("srdi-enterprise-novel")
    for revenue, expected in ((1000.0, "met"), (999.0, "not_met")):
        q = edit.year(p, 2020, revenue=revenue, main_business_revenue=600.0)
        assert shanghai.evaluate(q, SRDI, ON).criterion("revenue").outcome.value == expected


def test_main_business_share_exactly_70(shanghai, example, edit):
    # 一（二）1 "主营业务收入占营业收入达70%以上": 2520 / 3600 = 70% → met; 2519 → 69.97% → not met.
    p = example("srdi-enterprise-eligible")
    for main, expected in ((2520.0, "met"), (2519.0, "not_met")):
        q = edit.year(p, 2020, main_business_revenue=main)
        assert shanghai.evaluate(q, SRDI, ON).criterion("s1-main-share").outcome.value == expected


def test_rank_city_or_nation(shanghai, example, edit):
    # 一（二）1 "全市前三位或全国前十位": either rank is enough.
    #   全市 4, 全国 10 → met (nation); 全市 4, 全国 11 → not met; 全市 3, 全国 unknown → met.
    p = example("srdi-enterprise-eligible")
    cases = ((4, 10, "met"), (4, 11, "not_met"), (3, None, "met"))
    for city, nation, expected in cases:
        q = edit.year(p, 2020, province_rank=float(city))
        facts = {k: v for k, v in q.facts.items() if k != "shanghai.national_rank"}
        if nation is not None:
            facts["shanghai.national_rank"] = float(nation)
        q = edit.replace(q, facts=facts)
        assert outcome(shanghai.evaluate(q, SRDI, ON), "s1-rank") == expected, (city, nation)


def test_distinctive_parts_both_readings(shanghai, example, edit):
    # 一（二）3: "近2年内…国家标准或行业标准；企业拥有自主品牌，或获得区级（含）以上质量奖…".
    # The eligible firm has a brand but no recent standard: with both parts required (default)
    # 特色化 is not met; read as alternatives (distinctive_parts = 1) it is met.
    p = example("srdi-enterprise-eligible")
    assert outcome(shanghai.evaluate(p, SRDI, ON), "distinctive") == "not_met"
    prog = shanghai.program(SRDI).with_overrides({"distinctive_parts": 1})
    assert outcome(shanghai.evaluate(p, prog, ON), "distinctive") == "met"
    # and with one national or industry standard in 2019–2020 both parts hold
    q = edit.facts(p, shanghai__recent_standards=1.0)
    assert outcome(shanghai.evaluate(q, SRDI, ON), "distinctive") == "met"


def test_quality_award_from_district_level(shanghai, example, edit):
    # 一（二）3 "区级（含）以上质量奖": a 区级 award counts, a lower one does not.
    p = edit.facts(example("srdi-enterprise-eligible"), own_brand=False)
    for level, expected in (("district", "met"), ("below_district", "not_met"), ("national", "met")):
        q = edit.facts(p, shanghai__quality_award=level)
        assert shanghai.evaluate(q, SRDI, ON).criterion("s3-quality-award").outcome.value == expected


def test_operating_years_on_the_anniversary(shanghai, example, edit):
    # 一（一）1 "连续经营三年以上": registered 2018-09-01 → exactly 3 full years on 2021-09-01
    # → met; registered 2018-09-02 → 2 full years that day → not met.
    p = example("srdi-enterprise-novel")
    for day, expected in ((dt.date(2018, 9, 1), "met"), (dt.date(2018, 9, 2), "not_met")):
        q = edit.facts(p, registered_on=day)
        assert shanghai.evaluate(q, SRDI, ON).criterion("operating-years").outcome.value == expected


def test_registered_outside_shanghai(shanghai, example, edit):
    # 一（一）1 "在本市进行工商注册登记": a Suzhou credit code (320500) fails.
    q = edit.facts(example("srdi-enterprise-eligible"), region_code="320500")
    r = shanghai.evaluate(q, SRDI, ON)
    assert r.criterion("in-shanghai").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_a_restriction_excludes(shanghai, example, edit):
    # 一（三）2 "近三年发生过重大安全、质量、环境污染事故的" → 不得确定.
    q = edit.facts(example("srdi-enterprise-eligible"), major_accident_3y=True)
    r = shanghai.evaluate(q, SRDI, ON)
    assert outcome(r, "restrictions") == "not_met"
    assert r.verdict.value == "ineligible"


def test_missing_rd_is_incomplete(shanghai, example, edit):
    # Without 2019's R&D the two-year ratio is unknown; every other basic condition holds and
    # 专业化 is met → incomplete, not ineligible.
    p = example("srdi-enterprise-eligible")
    years = {**p.years, 2019: {k: v for k, v in p.years[2019].items() if k != "rd_expense"}}
    q = edit.replace(p, years=years)
    r = shanghai.evaluate(q, SRDI, ON)
    assert r.criterion("rd-ratio").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_deadlines(shanghai):
    # 二（二）: the system opens 2021-07-19, 全年开放 (to 2021-12-31 in this reading); districts
    # approve "分别于2021年8月16日、10月15日前".
    occ = {o.event: o for o in shanghai.deadlines(SRDI)}
    assert (occ["online-application"].start, occ["online-application"].date) == (
        dt.date(2021, 7, 19),
        dt.date(2021, 12, 31),
    )
    assert occ["district-batch-1"].date == dt.date(2021, 8, 16)
    assert occ["district-batch-2"].date == dt.date(2021, 10, 15)


def test_window_boundaries(shanghai):
    # 二（二）"2021年申报系统将于7月19日开放": closed the day before; open through 2021-12-31
    # ("全年开放" read for the 2021 年度); closed on 2022-01-01.
    assert_window(shanghai, SRDI, dt.date(2021, 12, 31), first=dt.date(2021, 7, 19))


def test_title_counts_as_provincial_srdi(shanghai, example, edit):
    # 三（一）"优先推荐优秀市级“专精特新”企业为国家级专精特新“小巨人”企业": the municipal title
    # is Shanghai's province-level 专精特新, so it satisfies the national 79号 criterion
    # "属于省级中小企业主管部门认定…的“专精特新”中小企业". Granted 2020-12-01, "每3年复核一次"
    # → in force on 2021-09-01.
    p = example("srdi-enterprise-eligible")
    held = edit.replace(
        p, recognitions=(Recognition("shanghai.srdi_enterprise", 2020, granted_on=dt.date(2020, 12, 1)),)
    )
    r = shanghai.evaluate(held, "national.little-giant-3rd-batch", ON)
    assert r.criterion("provincial-srdi").outcome.value == "met"
    # three years later the title is due for 复核 and no longer counts by itself
    r = shanghai.evaluate(held, "national.little-giant-3rd-batch", dt.date(2023, 12, 1))
    assert r.criterion("provincial-srdi").outcome.value == "not_met"
