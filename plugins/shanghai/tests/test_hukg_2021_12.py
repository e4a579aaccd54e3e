"""沪科规〔2021〕12号: the 科技小巨人 tiers, their programme period and the grant calculator.

Both examples are checked on 2022-03-15 (a call inside the 办法's life, 2021-09-01 to
2026-08-31); 上年度 = 2021, 近三个会计年度 = 2019–2021.

The 科技小巨人企业 example (examples/tech-giant-eligible.toml), against 第四条 and 第七条:
  第四条  credit code 91310114… → 310114 (嘉定区) ⊂ 310000; registered 2011-04-18, 10 full
          years ≥ 3; 高新技术企业 valid until 2023-11-30 (in force on 2022-03-15); not listed;
          科技信用 attested.
  第七条（一） 制造类: 研发人员 66 / 职工 300 = 22% ≥ 20.
  第七条（二） 研发 (800 + 1000 + 1300) / 主营 (16000 + 19000 + 24000) = 3100 / 59000
          = 5.25% ≥ 5.
  第七条（三） 2021 主营 24000 in 1亿–10亿元 (10000 ≤ 24000 ≤ 100000).
  第七条（四） 主营 CAGR over 2019→2021: (24000 / 16000)^(1/2) − 1 = 22.47% ≥ 20 → met.
  第七条（五） a 研发机构; mechanisms and management attested.
  → eligible. As a 培育企业 it fails 第六条（二） (5.25% < 6) and （三） (24000 ≥ 10000).

The 培育企业 example (examples/tech-giant-cultivation-eligible.toml), against 第四条 and 第六条:
  第四条  310104 (徐汇区); registered 2015-10-09, 6 years; 高新技术企业 valid until
          2024-12-22; quoted on 新三板, which is not a listing (reading `unlisted_boards`).
  第六条（一） 软件或科技服务类: 42 / 120 = 35% ≥ 30.
  第六条（二） (300 + 350 + 420) / (3500 + 4500 + 6000) = 1070 / 14000 = 7.64% ≥ 6.
  第六条（三） 2021 主营 6000 in 3000万–1亿元.
  第六条（四） 主营 CAGR (6000 / 3500)^(1/2) − 1 = 30.93% ≥ 20 → met (equity 0 + 3000 + 2000
          = 5000 is not over 5000, net profit CAGR (300 / 220)^(1/2) − 1 = 16.77% < 20).
  第六条（五） attested.
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.profile import Recognition

ON = dt.date(2022, 3, 15)
GIANT = "shanghai.tech-giant-2021"
CULTIVATION = "shanghai.tech-giant-cultivation-2021"


def outcome(result, node):
    """The outcome of a criterion or group of a result."""
    found = result.criterion(node) if node in {c.id for c in result.criteria} else result.group(node)
    return found.outcome.value


def test_giant_example(shanghai, example):
    p = example("tech-giant-eligible")
    r = shanghai.evaluate(p, GIANT, ON)
    assert r.verdict.value == "eligible"
    assert outcome(r, "common") == outcome(r, "rd-staff") == outcome(r, "growth-or-equity") == "met"
    cult = shanghai.evaluate(p, CULTIVATION, ON)
    assert cult.verdict.value == "ineligible"
    assert cult.criterion("rd-intensity").outcome.value == "not_met"
    assert cult.criterion("revenue-max").outcome.value == "not_met"


def test_cultivation_example(shanghai, example):
    p = example("tech-giant-cultivation-eligible")
    r = shanghai.evaluate(p, CULTIVATION, ON)
    assert r.verdict.value == "eligible"
    assert r.criterion("unlisted").outcome.value == "met"
    assert r.criterion("main-business-cagr").outcome.value == "met"
    assert r.criterion("equity").outcome.value == "not_met"
    assert shanghai.evaluate(p, GIANT, ON).verdict.value == "ineligible"


def test_revenue_exactly_one_yi(shanghai, example, edit):
    # 第六条（三）"3000万元至1亿元之间" and 第七条（三）"1亿元至10亿元之间" both name 1亿元.
    # Default reading: 1亿元 belongs to the upper tier. With 2021 主营 exactly 10000:
    #   培育 revenue-max (< 10000) → not met; 科技小巨人 revenue-min (≥ 10000) → met.
    # 9999 is the other way round. With revenue_upper_op = "<=" exactly 1亿元 fits both tiers;
    # with revenue_lower_op = ">" it fits only the cultivation tier.
    p = example("tech-giant-cultivation-eligible")
    at = edit.year(p, 2021, main_business_revenue=10000.0, revenue=10100.0)
    below = edit.year(p, 2021, main_business_revenue=9999.0, revenue=10100.0)

    def band(profile, program):
        return outcome(shanghai.evaluate(profile, program, ON), "revenue-band")

    assert (band(at, CULTIVATION), band(at, GIANT)) == ("not_met", "met")
    assert (band(below, CULTIVATION), band(below, GIANT)) == ("met", "not_met")
    both = shanghai.program(CULTIVATION).with_overrides({"revenue_upper_op": "<="})
    assert band(at, both) == "met"
    lower_only = shanghai.program(GIANT).with_overrides({"revenue_lower_op": ">"})
    assert band(at, lower_only) == "not_met"


def test_outer_band_ends_are_included(shanghai, example, edit):
    # "3000万元至…" includes 3000 (2999 does not fit); "…至10亿元之间" includes 100000.
    p = example("tech-giant-cultivation-eligible")
    for main, expected in ((3000.0, "met"), (2999.0, "not_met")):
        q = edit.year(p, 2021, main_business_revenue=main, revenue=main)
        assert shanghai.evaluate(q, CULTIVATION, ON).criterion("revenue-min").outcome.value == expected
    g = example("tech-giant-eligible")
    for main, expected in ((100000.0, "met"), (100001.0, "not_met")):
        q = edit.year(g, 2021, main_business_revenue=main, revenue=main)
        assert shanghai.evaluate(q, GIANT, ON).criterion("revenue-max").outcome.value == expected


def test_rd_intensity_boundary(shanghai, example, edit):
    # 第七条（二）"不低于5%": 5% of 59000 = 2950. R&D 800 + 1000 + 1150 = 2950 → exactly 5% → met;
    # 1149 → 2949 → 4.998% → not met, 1万元 short.
    p = example("tech-giant-eligible")
    at = edit.year(p, 2021, rd_expense=1150.0)
    assert shanghai.evaluate(at, GIANT, ON).criterion("rd-intensity").outcome.value == "met"
    short = shanghai.evaluate(edit.year(p, 2021, rd_expense=1149.0), GIANT, ON).criterion("rd-intensity")
    assert short.outcome.value == "not_met"
    assert short.gap_value == pytest.approx(1.0)


def test_rd_staff_depends_on_the_sector(shanghai, example, edit):
    # 第七条（一）: 22% passes the 制造类 bar (20) but not the 软件或科技服务类 bar (50);
    # with the class unknown, the criterion cannot be decided.
    p = example("tech-giant-eligible")
    assert outcome(shanghai.evaluate(p, GIANT, ON), "rd-staff") == "met"
    sw = edit.facts(p, shanghai__sti_sector="software_service")
    assert outcome(shanghai.evaluate(sw, GIANT, ON), "rd-staff") == "not_met"
    unknown = edit.replace(p, facts={k: v for k, v in p.facts.items() if k != "shanghai.sti_sector"})
    assert outcome(shanghai.evaluate(unknown, GIANT, ON), "rd-staff") == "unknown"
    # exactly 20%: 60 of 300 → met; 59 → 19.67% → not met
    for staff, expected in ((60.0, "met"), (59.0, "not_met")):
        q = edit.year(p, 2021, rd_staff=staff)
        assert shanghai.evaluate(q, GIANT, ON).criterion("rd-staff-20").outcome.value == expected


def test_cagr_periods_both_readings(shanghai, example):
    # "前三年…复合增长率在20%以上", the giant example, 主营 14000 (2018), 16000 (2019), 24000 (2021):
    #   default, 2019→2021 in 2 steps: (24000/16000)^(1/2) − 1 = 22.47% → met;
    #   cagr_periods = 3, 2018→2021 in 3 steps: (24000/14000)^(1/3) − 1 = 19.68% → not met.
    # Net profit (900, 1000, 1100: 4.88% or 6.92%) and equity (0) fail either way, so under the
    # three-step reading the firm is ineligible.
    p = example("tech-giant-eligible")
    r = shanghai.evaluate(p, GIANT, ON)
    assert r.criterion("main-business-cagr").outcome.value == "met"
    prog = shanghai.program(GIANT).with_overrides({"cagr_periods": 3})
    r3 = shanghai.evaluate(p, prog, ON)
    assert r3.criterion("main-business-cagr").outcome.value == "not_met"
    assert r3.verdict.value == "ineligible"


def test_cagr_exactly_20_percent(shanghai, example, edit):
    # 在20%以上 includes 20: 主营 2019 10000 → 2021 14400 is (1.44)^(1/2) − 1 = 20% exactly → met;
    # 14399 → 19.996% → not met.
    p = example("tech-giant-eligible")
    for last, expected in ((14400.0, "met"), (14399.0, "not_met")):
        q = edit.year(edit.year(p, 2019, main_business_revenue=10000.0), 2021, main_business_revenue=last)
        assert shanghai.evaluate(q, GIANT, ON).criterion("main-business-cagr").outcome.value == expected


def test_equity_must_exceed_the_amount(shanghai, example, edit):
    # 第六条（四）"前三年内累计获得股权融资超过5000万元": 0 + 3000 + 2000 = 5000 → not met;
    # 2001 in 2021 → 5001 → met. With growth failing too (主营 flat at 3500 → 6000 replaced by
    # 4000), equity alone decides the group.
    p = edit.year(example("tech-giant-cultivation-eligible"), 2021, main_business_revenue=4000.0)
    r = shanghai.evaluate(p, CULTIVATION, ON)
    assert outcome(r, "growth-or-equity") == "not_met"
    r = shanghai.evaluate(edit.year(p, 2021, equity_financing=2001.0), CULTIVATION, ON)
    assert r.criterion("equity").outcome.value == "met"
    assert outcome(r, "growth-or-equity") == "met"


def test_registered_three_years_on_the_day(shanghai, example, edit):
    # 第四条 "注册登记满3年及以上": registered 2019-03-15 → exactly 3 years on 2022-03-15 → met;
    # 2019-03-16 → not yet.
    p = example("tech-giant-cultivation-eligible")
    for day, expected in ((dt.date(2019, 3, 15), "met"), (dt.date(2019, 3, 16), "not_met")):
        q = edit.facts(p, registered_on=day)
        assert shanghai.evaluate(q, CULTIVATION, ON).criterion("registered-years").outcome.value == expected


def test_high_tech_certificate_must_be_in_force(shanghai, example, edit):
    # 第四条 "已获得高新技术企业资质（有效期内）": expired 2022-03-14 → not met on 03-15; with only
    # the year of the certificate and no end of validity (the 办法 states none) → unknown.
    p = example("tech-giant-eligible")
    expired = edit.replace(
        p, recognitions=(Recognition("national.high_tech_enterprise", 2019, valid_until=dt.date(2022, 3, 14)),)
    )
    assert shanghai.evaluate(expired, GIANT, ON).criterion("high-tech").outcome.value == "not_met"
    vague = edit.replace(p, recognitions=(Recognition("national.high_tech_enterprise", 2020),))
    r = shanghai.evaluate(vague, GIANT, ON)
    assert r.criterion("high-tech").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_listing_reading(shanghai, example, edit):
    # "非上市企业": a 科创板 listing excludes; a 新三板 quotation does not, unless
    # unlisted_boards is narrowed to never-quoted firms.
    p = example("tech-giant-cultivation-eligible")
    star = edit.facts(p, listing_board="sse_star")
    assert shanghai.evaluate(star, CULTIVATION, ON).criterion("unlisted").outcome.value == "not_met"
    strict = shanghai.program(CULTIVATION).with_overrides({"unlisted_boards": ["none"]})
    assert shanghai.evaluate(p, strict, ON).criterion("unlisted").outcome.value == "not_met"


def test_programme_period(shanghai):
    # 第十八条 "自2021年9月1日起施行，有效期至2026年8月31日": the 办法 is in force for those five
    # years, but 第十条 "每年度向社会公开发布科技小巨人工程申报通知，明确申报时间" — applications
    # open in each year's call, which this file does not hold: never "open" on the 办法 alone.
    for program in (GIANT, CULTIVATION):
        for day in (dt.date(2021, 8, 31), dt.date(2021, 9, 1), dt.date(2024, 3, 1), dt.date(2026, 9, 1)):
            assert not shanghai.is_open(program, day), (program, day)
        (occ,) = shanghai.deadlines(program)
        assert (occ.start, occ.date, occ.kind) == (dt.date(2021, 9, 1), dt.date(2026, 8, 31), "in_force")
        assert shanghai.program(program).in_force.applications == "rounds"


def test_the_next_call_is_expected_yearly_while_the_programme_runs(shanghai, example):
    # 第十条 "每年度向社会公开发布科技小巨人工程申报通知，明确申报时间…" under rules in force to 2026-08-31 (第十八条).
    # The 办法 states no window, so no day can be expected: each year's call sets its own. Seen on 2024-10-01 a
    # call is expected yearly with no day, and the 2022–2023 calls are not in the catalog (2024's may have been
    # held already). Seen on 2025-10-01 the 办法 still runs, so a 2026 call can still come: expected, with the
    # 办法's last day. From 2026-09-01 it has expired.
    p = example("tech-giant-eligible")
    st = {s.series: s for s in shanghai.today(p, dt.date(2024, 10, 1)).series}["shanghai.tech-giant"]
    assert st.state == "no_window" and st.expected.start is None and st.expected.ended is None
    assert st.expected.undated == "最近一轮未载明申报时间，各轮时间以当轮通知为准；有关办法施行至2026-08-31"
    assert st.expected.missing == "2022—2023年各轮未收录"
    later = {s.series: s for s in shanghai.today(p, dt.date(2025, 10, 1)).series}["shanghai.tech-giant"]
    assert later.expected.start is None and later.expected.ended is None
    assert later.expected.missing == "2022—2024年各轮未收录"
    ended = {s.series: s for s in shanghai.today(p, dt.date(2026, 9, 1)).series}["shanghai.tech-giant"]
    assert ended.expected.ended == "有关办法施行至2026-08-31，已届满"


# ------------------------------------------------------------------ the grant (第八条)
def fund(shanghai, program, profile):
    res = shanghai.fund(program, profile, ON)
    return {c.id: c for c in res.components}, res


def test_grant_below_the_cap(shanghai, example):
    # 培育 example: 20% × 400 = 80 ≤ 100 → 80; district 1:1 → 80; total 160, paid after the
    # 2-year period once the evaluation is passed (优秀).
    comps, res = fund(shanghai, CULTIVATION, example("tech-giant-cultivation-eligible"))
    assert comps["municipal"].amount == pytest.approx(80.0)
    assert not comps["municipal"].capped
    assert comps["district"].amount == pytest.approx(80.0)
    assert res.total == pytest.approx(160.0)
    assert res.payable == pytest.approx(160.0)
    assert {p.offset_years for p in res.payments} == {2}


def test_grant_at_and_over_the_giant_cap(shanghai, example, edit):
    # 科技小巨人企业 "不超过150万元/家": 20% × 750 = 150 → exactly the cap (not cut);
    # 20% × 1000 = 200 → cut to 150. The district matches the municipal amount: 150.
    p = example("tech-giant-eligible")
    comps, res = fund(shanghai, GIANT, edit.facts(p, shanghai__project_rd_expense=750.0))
    assert (comps["municipal"].amount, comps["municipal"].capped) == (pytest.approx(150.0), False)
    comps, res = fund(shanghai, GIANT, p)
    assert (comps["municipal"].amount, comps["municipal"].capped) == (pytest.approx(150.0), True)
    assert comps["district"].amount == pytest.approx(150.0)
    assert res.total == pytest.approx(300.0)


def test_grant_cultivation_cap(shanghai, example, edit):
    # 培育企业 "不超过100万元/家": 20% × 500 = 100 → at the cap; 20% × 600 = 120 → 100.
    # The same 600万元 of project R&D in the upper tier gives 120 (under its 150 cap).
    p = example("tech-giant-cultivation-eligible")
    for rd, amount, capped in ((500.0, 100.0, False), (600.0, 100.0, True)):
        comps, res = fund(shanghai, CULTIVATION, edit.facts(p, shanghai__project_rd_expense=rd))
        assert (comps["municipal"].amount, comps["municipal"].capped) == (pytest.approx(amount), capped)
        assert res.total == pytest.approx(2 * amount)  # with the 1:1 district match
    comps, _ = fund(shanghai, GIANT, edit.facts(p, shanghai__project_rd_expense=600.0))
    assert comps["municipal"].amount == pytest.approx(120.0)


def test_no_grant_when_the_evaluation_fails(shanghai, example, edit):
    # 第十六条（二）2 "“未通过”、“结题”的，不予资金资助": both post-completion payments are withheld.
    p = example("tech-giant-cultivation-eligible")
    for result in ("failed", "closed"):
        _, res = fund(shanghai, CULTIVATION, edit.facts(p, shanghai__evaluation_result=result))
        assert {p.status for p in res.payments} == {"withheld"}
        assert res.payable == 0
    # before the evaluation the payments are conditional on passing it
    pending = edit.replace(p, facts={k: v for k, v in p.facts.items() if k != "shanghai.evaluation_result"})
    _, res = fund(shanghai, CULTIVATION, pending)
    assert {p.status for p in res.payments} == {"conditional"}


def test_grant_without_project_figures_is_unknown(shanghai, example, edit):
    # No 实施周期内相关研发支出: 20% of an unknown figure is unknown, and so is the 1:1 match of
    # it — never 0.
    p = example("tech-giant-cultivation-eligible")
    bare = edit.replace(p, facts={k: v for k, v in p.facts.items() if k != "shanghai.project_rd_expense"})
    comps, res = fund(shanghai, CULTIVATION, bare)
    assert comps["municipal"].amount is None
    assert comps["district"].amount is None
    assert res.total is None
