"""冀工信中小函〔2021〕116号: the standing tiers, the title's life, and the 公示.

The ordinary-route example (examples/srdi-sme-eligible.toml) against 第六条, on
2021-06-01 (上年度 = 2020):
  共同   registered in 石家庄 (credit code 91130100…, 130100 ⊂ 130000); C3443 with 160 people
         and 3300万元 → 300号 industry: not 中型 (<300 people), ≥20 people and ≥300万元 → 小型.
  （一）1 in the pool since 2019 (纳入…培育库); 营业收入 2950 (2019) and 3300 (2020), each ≥ 1000;
         主营业务收入 2600 → 2800 → 3100: +7.69% and +10.71%, mean 9.20% > 0 (保持正增长);
         industrial policy, 管理规范信用良好, social responsibility attested.
  （一）2 long-term strategy attested; a plan of 3 future years ≥ 2 (未来两年或更长).
  （一）3 innovation attested; C3443 is 制造业 (section C) → an industrial enterprise, which
         needs a C级以上 R&D institution: it declares C级 → met.
  （二）  专业化 holds: the two qualitative clauses attested; 主导产品销售收入 2300 / 3300 =
         69.70% ≥ 60; 1 invention + 4 utility patents ≥ 1. One 专项条件 is enough ("任何一项").
  第九条  no false information, accident or violation.
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.errors import ArgumentError
from srdi.profile import Recognition
from srdi.testing.timeline import event

ON = dt.date(2021, 6, 1)
SME = "hebei.srdi-sme"
POOL = "hebei.pool"
DEMO = "hebei.demonstration"
STANDING = "hebei.title-standing"


def test_ordinary_route_is_eligible(hebei, example, edit):
    r = hebei.evaluate(example("srdi-sme-eligible"), SME, ON)
    assert r.verdict.value == "eligible"
    assert edit.outcome(r, "standard-entry") == "met"
    # the fast track is not needed: its key fields are not given, so it stays undecided
    assert edit.outcome(r, "fast-track") == "unknown"
    assert edit.outcome(r, "specialised") == "met"
    assert r.reference_year == 2020


@pytest.mark.parametrize(
    ("revenue_2019", "revenue_2020", "expected"),
    [
        (1000.0, 1000.0, "met"),  # 近两年营业收入均达到1000万元以上: 1000 is "以上" (included)
        (1000.0, 999.0, "not_met"),  # 999 in 2020 breaks "均"
        (999.0, 1000.0, "not_met"),  # 999 in 2019 breaks "均"
    ],
)
def test_revenue_each_of_two_years_at_1000(hebei, example, edit, revenue_2019, revenue_2020, expected):
    p = edit.year(example("srdi-sme-eligible"), 2019, {"revenue": revenue_2019})
    p = edit.year(p, 2020, {"revenue": revenue_2020, "hebei.main_product_sales": 0.7 * revenue_2020})
    assert edit.outcome(hebei.evaluate(p, SME, ON), "revenue-2y") == expected


def test_average_growth_mean_or_compound(hebei, example, edit):
    # 主营业务收入 1000 → 1500 → 900: +50% then −40%. The mean of the two rates is +5% > 0
    # ("平均增长率保持正增长" met); compounded, (900/1000)^(1/2) − 1 = −5.13% → not met.
    p = example("srdi-sme-eligible")
    p = edit.year(p, 2018, {"main_business_revenue": 1000.0})
    p = edit.year(p, 2019, {"main_business_revenue": 1500.0})
    p = edit.year(p, 2020, {"main_business_revenue": 900.0})
    assert edit.outcome(hebei.evaluate(p, SME, ON), "growth-2y") == "met"
    cagr = hebei.program(SME).with_overrides({"growth_years": "cagr"})
    assert edit.outcome(hebei.evaluate(p, cagr, ON), "growth-2y") == "not_met"


def test_main_product_share_at_60_percent(hebei, example, edit):
    # 主导产品销售收入占本企业销售收入的60%以上: 1980 / 3300 = 60.00% met; 1979 / 3300 = 59.97% not.
    p = example("srdi-sme-eligible")
    for sales, expected in ((1980.0, "met"), (1979.0, "not_met")):
        q = edit.year(p, 2020, {"hebei.main_product_sales": sales})
        r = hebei.evaluate(q, SME, ON)
        assert edit.outcome(r, "s1-main-product-share") == expected
    # with 专业化 failing, the other three 专项条件 are not failed but undecided (精细化 lacks the
    # brand's age, the others a reviewer's answer): incomplete, never ineligible
    assert r.verdict.value == "incomplete"


def test_fast_track_after_one_full_year(hebei, example, edit):
    # examples/fast-track.toml: registered 2020-03-10, not in the pool, one year's revenue only.
    # 第八条: its product is in the 工业“四基” catalogue (key_fields four_bases) and it is
    # registered in Hebei and has operated a full year by 2021-06-01 → the entry is met through
    # fast-track, though the ordinary entry fails (not in the pool; no 2019 revenue of ≥1000).
    # The rest of 第六条 holds: attestations, a 5-year plan, B级 ≥ C级, 专业化 (640 / 800 = 80%
    # ≥ 60, 2 invention patents ≥ 1).
    p = example("fast-track")
    r = hebei.evaluate(p, SME, ON)
    assert r.verdict.value == "eligible"
    assert edit.outcome(r, "standard-entry") == "not_met" and edit.outcome(r, "fast-track") == "met"
    # 生产经营满一年: registered 2020-06-01 is a full year on 2021-06-01; 2020-06-02 is not
    for registered, expected in ((dt.date(2020, 6, 1), "met"), (dt.date(2020, 6, 2), "not_met")):
        q = edit.facts(p, {"registered_on": registered})
        assert edit.outcome(hebei.evaluate(q, SME, ON), "operating-1y") == expected
    # outside the listed fields the route is closed, and with it the title
    q = edit.facts(p, {"key_fields": ("green_lowcarbon",)})
    assert hebei.evaluate(q, SME, ON).verdict.value == "ineligible"


def test_fast_track_does_not_waive_the_special_conditions(hebei, example, edit):
    # 第八条 opens the application, not the title: with every 专项条件 failing, the
    # fast-track firm is ineligible. 专业化 fails on 主导产品 400 / 800 = 50% < 60; 精细化 on
    # having no ISO9001; 特色化 on R&D 16 / 800 = 2% (not 超过2%); 新颖化 on having no core
    # business on an information system.
    p = example("fast-track")
    p = edit.year(p, 2020, {"hebei.main_product_sales": 400.0, "rd_expense": 16.0})
    p = edit.facts(p, {"management_certs": (), "core_business_it": ()})
    r = hebei.evaluate(p, SME, ON)
    assert edit.outcome(r, "fast-track") == "met"
    assert [edit.outcome(r, g) for g in ("specialised", "refined", "distinctive", "novel")] == ["not_met"] * 4
    assert r.verdict.value == "ineligible"


def test_rd_ratio_must_exceed_two_percent(hebei, example, edit):
    # 特色化: "研发投入占销售收入的比例超过2%" — 超过 excludes 2%: 16 / 800 = 2.00% not met,
    # 16.08 / 800 = 2.01% met.
    p = example("fast-track")
    for rd, expected in ((16.0, "not_met"), (16.08, "met")):
        q = edit.year(p, 2020, {"rd_expense": rd})
        assert edit.outcome(hebei.evaluate(q, SME, ON), "s3-rd-ratio") == expected


def test_rd_institution_grade_binds_industrial_and_software_firms_only(hebei, example, edit):
    # 第六条（一）3 "工业企业（含软件和信息技术服务业企业）设立C级以上研发机构"
    p = example("srdi-sme-eligible")
    cases = [
        ("C3443", "none", "not_met"),  # manufacturing without a graded institution
        ("C3443", "c", "met"),  # C is "C级以上"
        ("I6513", "none", "not_met"),  # software counts as industrial here ("含软件…")
        ("L7212", "none", "met"),  # a business-services firm: the grade is not asked
        ("I", "none", "unknown"),  # section I alone: software (65) or telecoms? undecided
    ]
    for code, grade, expected in cases:
        q = edit.facts(p, {"industry_code": code, "hebei.rd_institution_grade": grade, "size_class": "small"})
        assert edit.outcome(hebei.evaluate(q, SME, ON), "rd-institution-c") == expected, code


def test_own_brand_years_reading(hebei, example, edit):
    # "拥有自主品牌或注册商标三年以上": an own brand held 2 years, no trademark age given.
    # Read with the three years binding the brand too, the brand does not qualify and the
    # trademark is unknown → unknown; read as binding the trademark only (own_brand_years = 0),
    # the brand alone meets the clause.
    p = edit.facts(example("srdi-sme-eligible"), {"hebei.own_brand_years": 2.0})
    assert edit.outcome(hebei.evaluate(p, SME, ON), "s2-brand") == "unknown"
    loose = hebei.program(SME).with_overrides({"own_brand_years": 0})
    assert edit.outcome(hebei.evaluate(p, loose, ON), "s2-brand") == "met"
    # three years exactly is "三年以上"
    q = edit.facts(p, {"hebei.own_brand_years": 3.0})
    assert edit.outcome(hebei.evaluate(q, SME, ON), "s2-brand") == "met"


def test_exclusions_of_article_9_apply_to_every_tier(hebei, example, edit):
    # 第九条2 excludes any accident of the last three years, not only major ones
    p = edit.facts(example("srdi-sme-eligible"), {"accident_3y": True})
    r = hebei.evaluate(p, SME, ON)
    assert r.verdict.value == "ineligible"
    assert r.criterion("accident").role == "exclusion" and r.criterion("accident").outcome.value == "met"
    assert "accident" in hebei.program(POOL).criteria and "accident" in hebei.program(DEMO).criteria


def test_pool_conditions_at_500(hebei, example, edit):
    # 第五条 "上年度营业收入不少于500万元": 500 met, 499.9 not (examples/pool-applicant.toml)
    p = example("pool-applicant")
    on = dt.date(2021, 4, 1)
    assert hebei.evaluate(p, POOL, on).verdict.value == "eligible"
    q = edit.year(p, 2020, {"revenue": 499.9})
    assert edit.outcome(hebei.evaluate(q, POOL, on), "revenue") == "not_met"


def test_pool_growth_reading(hebei, example, edit):
    # "主营业务收入保持正增长": 2019 over 2018 was −5% (440 → 418), 2020 over 2019 +7.66%
    # (418 → 450). Read as the reference year's growth: met; read as both years: not met.
    p = edit.year(example("pool-applicant"), 2018, {"main_business_revenue": 440.0})
    p = edit.year(p, 2019, {"main_business_revenue": 418.0})
    on = dt.date(2021, 4, 1)
    assert edit.outcome(hebei.evaluate(p, POOL, on), "growth") == "met"
    both = hebei.program(POOL).with_overrides({"pool_growth_years": 2})
    assert edit.outcome(hebei.evaluate(p, both, on), "growth") == "not_met"


def test_pool_operating_years_and_their_reference_day(hebei, example, edit):
    # "已经营两年以上", counted to the evaluation day: registered 2019-04-01 → 2 full years on
    # 2021-04-01 (met); 2019-04-02 → 1 (not met). Counted to the end of 2020 instead, the firm
    # registered 2019-04-01 has 1 full year → not met.
    p = example("pool-applicant")
    on = dt.date(2021, 4, 1)
    for registered, expected in ((dt.date(2019, 4, 1), "met"), (dt.date(2019, 4, 2), "not_met")):
        q = edit.facts(p, {"registered_on": registered})
        assert edit.outcome(hebei.evaluate(q, POOL, on), "operating-years") == expected
    year_end = hebei.program(POOL).with_overrides({"operating_as_of": "reference_year_end"})
    q = edit.facts(p, {"registered_on": dt.date(2019, 4, 1)})
    assert edit.outcome(hebei.evaluate(q, year_end, on), "operating-years") == "not_met"


def test_pool_data_update_every_end_of_may(hebei):
    # 第十四条 "已入库企业应于每年5月底对上年度主要数据进行信息更新"
    dates = [o.date for o in hebei.deadlines(POOL, [2021, 2022]) if o.event == "annual-update"]
    assert dates == [dt.date(2021, 5, 31), dt.date(2022, 5, 31)]


def test_guide_demonstration_on_the_tangshan_example(hebei, example, edit):
    # examples/tangshan-bearings.toml on 2021-03-15 against 第七条:
    # （一）SRDI SME of 2019, valid to 2022-12-31; 营业收入 12000 ≥ 5000; 主营 11000 / 12000 =
    #      91.67% ≥ 60; management attested.
    # （二）pillar industry, related products, quality attested; 本省排名 2 ≤ 5 ("全省前五位").
    # （三）innovation attested, an R&D institution, C3451 industrial with B级 (≥ B).
    # 第九条: none. → eligible.
    on = dt.date(2021, 3, 15)
    p = example("tangshan-bearings")
    assert hebei.evaluate(p, DEMO, on).verdict.value == "eligible"
    for rank, expected in ((5, "met"), (6, "review")):  # 6th: only "全国前列" is left, a judgement
        q = edit.year(p, 2020, {"province_rank": float(rank)})
        assert edit.outcome(hebei.evaluate(q, DEMO, on), "market-position") == expected
    for revenue, expected in ((5000.0, "met"), (4999.99, "not_met")):
        q = edit.year(p, 2020, {"revenue": revenue, "main_business_revenue": 0.9 * revenue})
        assert edit.outcome(hebei.evaluate(q, DEMO, on), "revenue-5000") == expected
    q = edit.facts(p, {"hebei.rd_institution_grade": "c"})  # C级 is below "B级以上"
    assert hebei.evaluate(q, DEMO, on).verdict.value == "ineligible"


def test_titles_last_to_the_end_of_the_third_year(hebei, example, edit):
    # 第十五条 "有效期为三年", counted by year ("按申报认定年份"): an SRDI SME title of 2018
    # holds to 2021-12-31, so the demonstration prerequisite holds on 2021-12-31, fails on
    # 2022-01-01.
    p = edit.titles(example("tangshan-bearings"), Recognition("hebei.srdi_sme", 2018))
    assert edit.outcome(hebei.evaluate(p, DEMO, dt.date(2021, 12, 31)), "valid-srdi-sme") == "met"
    assert edit.outcome(hebei.evaluate(p, DEMO, dt.date(2022, 1, 1)), "valid-srdi-sme") == "not_met"


def test_demonstration_may_reapply_in_the_year_its_title_ends(hebei, example, edit):
    # 第十五条 "示范企业按申报认定年份，有效期满三年后当年可再次申报": recognised in 2018, the
    # title ends 2021-12-31 and the firm may reapply during 2021.
    p = edit.titles(example("tangshan-bearings"), Recognition("hebei.demonstration", 2018))
    occ = {o.event: o for o in hebei.recognition_deadlines(p)}
    assert occ["expiry:hebei.demonstration"].date == dt.date(2021, 12, 31)
    assert (occ["reapply:hebei.demonstration"].start, occ["reapply:hebei.demonstration"].date) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 12, 31),
    )


def test_publicity_ends_five_working_days_after_the_list(hebei):
    # 第十一条（六）"公示五个工作日", counted from the day after publication:
    # published Tuesday 2021-06-01 → 6/2, 6/3, 6/4, 6/7, 6/8 → 2021-06-08.
    # Published Thursday 2021-09-30 → 10/1–10/7 国庆 off, 10/8 (1), Saturday 10/9 a make-up
    # working day (2), 10/11 (3), 10/12 (4), 10/13 (5) → 2021-10-13.
    for program in (SME, DEMO):
        assert event(hebei, program, "publicity-end").date is None  # the notice prints no day
        for published, end in (
            (dt.date(2021, 6, 1), dt.date(2021, 6, 8)),
            (dt.date(2021, 9, 30), dt.date(2021, 10, 13)),
        ):
            assert event(hebei, program, "publicity-end", anchors={"list-published": published}).date == end


def test_a_title_stands_until_a_revocation(hebei, example, edit):
    # 第十五条–第十八条: the 2021 SRDI SME title holds on 2021-06-01 and none of the
    # revocations is declared → it stands; each revocation alone ends it; unanswered → incomplete.
    revocations = {
        "hebei.review_failed": False,
        "hebei.long_term_abnormal": False,
        "hebei.data_fraud_found": False,
        "hebei.major_incident_in_validity": False,
        "hebei.restructuring_unfiled": False,
    }
    p = edit.titles(example("srdi-sme-eligible"), Recognition("hebei.srdi_sme", 2021))
    assert hebei.evaluate(p, STANDING, ON).verdict.value == "incomplete"
    q = edit.facts(p, revocations)
    assert hebei.evaluate(q, STANDING, ON).verdict.value == "eligible"
    for key in revocations:
        r = hebei.evaluate(edit.facts(q, {key: True}), STANDING, ON)
        assert r.verdict.value == "ineligible", key
    # an expired title does not stand either: 2018's ended 2021-12-31
    old = edit.titles(q, Recognition("hebei.srdi_sme", 2018))
    assert hebei.evaluate(old, STANDING, dt.date(2022, 1, 1)).verdict.value == "ineligible"


def test_the_years_of_the_annual_update_are_checked_and_counted_once(hebei):
    # 指南 "已入库企业应于每年 5月底对上年度主要数据进行信息更新": one update a year, on 05-31. A year named
    # twice is one year's update (a calendar file would hold one event twice under one UID); a year given as
    # its digits is that year; a year past 9999 has no 31 May a date can hold and is refused by name
    dates = [o.date for o in hebei.deadlines(POOL, [2027, "2027", 2028]) if o.event == "annual-update"]
    assert dates == [dt.date(2027, 5, 31), dt.date(2028, 5, 31)]
    with pytest.raises(ArgumentError) as err:
        hebei.deadlines(POOL, [10000])
    assert [(p.key, p.message) for p in err.value.problems] == [("years", "年份应为 1 至 9999 之间的整数，实为 10000")]
