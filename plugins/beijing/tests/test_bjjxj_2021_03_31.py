"""北京市经济和信息化局《关于开展2021年北京市“专精特新”中小企业自荐工作的通知》（2021-03-31）.

The eligible example (examples/srdi-sme-eligible.toml), on 2021-06-01 (上年度 = 2020):
  一（一）1 credit code 91110108… → 110108 海淀 ⊂ 110000; registered 2018-05-10, 3 full
            years ≥ 2 ("连续经营两年以上"); independent legal person; C4011 with 120 people
            and 2600万元 → 300号: under 300 people so not 中型, ≥ 20 people and ≥ 300万元
            → 小型.
  一（一）2 attested (符合城市战略定位).
  一（一）3 2020 主营 2400 / 营业收入 2600 = 92.31% ≥ 50.
  一（一）4 no violation, no accident.
  一（二）  营业收入 2600 ≥ 1500 → one of three is met.
  三（一）  recognitions = []: no title held, none revoked (met).
  → eligible. The four evaluated groups do not decide (parameter evaluated_required = 0).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

SME = "beijing.srdi-sme-2021"
REVIEW = "beijing.srdi-sme-review-2021"
ON = dt.date(2021, 6, 1)


def outcome(result, cid):
    return result.criterion(cid).outcome.value


def test_eligible_example(beijing, example):
    r = beijing.evaluate(example("srdi-sme-eligible"), SME, ON)
    assert r.verdict.value == "eligible"
    assert r.group("basic").outcome.value == "met"
    assert r.group("operating").outcome.value == "met"
    assert outcome(r, "sme") == "met"


def test_evaluated_groups_are_shown_but_never_decide(beijing, example):
    # 激励条件 4 (上市计划) is not given in the example: the group is unknown, yet the
    # verdict stays eligible, because "其余五类条件…由第三方机构进行评价" sets no pass rule.
    # 创新能力 holds: 2019 150/2200 = 6.82%, 2020 160/2600 = 6.15%, each ≥ 5% (均不低于5%);
    # 2020 研发 160 ≥ 100.
    r = beijing.evaluate(example("srdi-sme-eligible"), SME, ON)
    assert r.group("incentive").outcome.value == "unknown"
    assert r.group("innovation").outcome.value == "met"
    assert r.group("evaluated").outcome.value == "met"
    assert r.verdict.value == "eligible"
    # if a user reads all four groups as required, the missing listing plan decides
    strict = beijing.program(SME).with_overrides({"evaluated_required": 4})
    assert beijing.evaluate(example("srdi-sme-eligible"), strict, ON).verdict.value == "incomplete"


def test_rd_ratio_each_year_boundary(beijing, example, tweak):
    # 一（三）4 "近两年…比重均不低于5%": 2019 at exactly 5% (110/2200) meets it; 2020 at
    # 129.74/2600 = 4.99% fails it, even though the two-year ratio would be
    # (110+129.74)/4800 = 4.99% as well — "均" asks each year.
    p = tweak.year(example("srdi-sme-eligible"), 2019, rd_expense=110.0)
    assert outcome(beijing.evaluate(p, SME, ON), "rd-ratio-each-year") == "met"
    p = tweak.year(p, 2020, rd_expense=129.74)
    assert outcome(beijing.evaluate(p, SME, ON), "rd-ratio-each-year") == "not_met"


def test_main_business_share_exactly_50_percent(beijing, example, tweak):
    # 一（一）3 "比重50%以上": bare 以上 includes the number. 1300/2600 = 50% meets it;
    # 1299/2600 = 49.96% does not, and the basic conditions then fail.
    p = tweak.year(example("srdi-sme-eligible"), 2020, main_business_revenue=1300.0)
    assert outcome(beijing.evaluate(p, SME, ON), "main-business-share") == "met"
    p = tweak.year(p, 2020, main_business_revenue=1299.0)
    r = beijing.evaluate(p, SME, ON)
    assert outcome(r, "main-business-share") == "not_met"
    assert r.verdict.value == "ineligible"


def test_operating_conditions_one_of_three(beijing, example, tweak):
    # 一（二）: revenue 1499 < 1500 fails 1; net profit 2019+2020 = 240+300 = 540 < 600 fails 2;
    # no valuation given → 3 unknown → the group cannot be decided: incomplete.
    p = tweak.year(example("srdi-sme-eligible"), 2020, revenue=1499.0, main_business_revenue=1400.0)
    r = beijing.evaluate(p, SME, ON)
    assert [outcome(r, c) for c in ("revenue", "net-profit", "valuation")] == ["not_met", "not_met", "unknown"]
    assert r.verdict.value == "incomplete"
    # a valuation of exactly 1亿元 = 10000万元 meets "不低于1亿元"; 9999 does not
    assert (
        beijing.evaluate(tweak.facts(p, **{"beijing.latest_valuation": 10000.0}), SME, ON).verdict.value == "eligible"
    )
    assert (
        beijing.evaluate(tweak.facts(p, **{"beijing.latest_valuation": 9999.0}), SME, ON).verdict.value == "ineligible"
    )
    # net profit summed over two years at exactly 600 (300 + 300) meets "累计不低于600万元"
    q = tweak.year(tweak.facts(p, **{"beijing.latest_valuation": 9999.0}), 2019, net_profit=300.0)
    assert outcome(beijing.evaluate(q, SME, ON), "net-profit") == "met"
    # revenue at exactly 1500 meets "达到1500万元及以上"
    q = tweak.year(example("srdi-sme-eligible"), 2020, revenue=1500.0, main_business_revenue=1400.0)
    assert outcome(beijing.evaluate(q, SME, ON), "revenue") == "met"


def test_operating_conditions_as_evaluated_only(beijing, example, tweak):
    # the other reading (only 基本条件 gate): revenue 1000, profit 540, valuation 9999 fail all
    # three, yet with operating_conditions_required = 0 the firm is eligible.
    p = tweak.facts(
        tweak.year(example("srdi-sme-eligible"), 2020, revenue=1000.0, main_business_revenue=900.0),
        **{"beijing.latest_valuation": 9999.0},
    )
    assert beijing.evaluate(p, SME, ON).verdict.value == "ineligible"
    lenient = beijing.program(SME).with_overrides({"operating_conditions_required": 0})
    assert beijing.evaluate(p, lenient, ON).verdict.value == "eligible"


def test_two_years_of_operation_boundary(beijing, example, tweak):
    # "连续经营两年以上": registered 2019-06-01 → on 2021-06-01 exactly 2 full years (met);
    # on 2021-05-31 only 1 (not met).
    p = tweak.facts(example("srdi-sme-eligible"), registered_on=dt.date(2019, 6, 1))
    assert outcome(beijing.evaluate(p, SME, dt.date(2021, 6, 1)), "operating-years") == "met"
    assert outcome(beijing.evaluate(p, SME, dt.date(2021, 5, 31)), "operating-years") == "not_met"


def test_any_accident_excludes(beijing, example, tweak):
    # 一（一）4 "未发生过安全、质量、环境污染事故" excludes any accident, not only 重大 ones
    r = beijing.evaluate(tweak.facts(example("srdi-sme-eligible"), accident_3y=True), SME, ON)
    assert r.verdict.value == "ineligible"
    assert r.criterion("accident").role == "exclusion"


def test_national_little_giant_is_listed_directly(beijing):
    # 三（四）: a national little giant in force is listed directly, whatever else is known.
    # The third batch's 有效期3年 counts from the grant: granted 2021-07-01 → in force 2021-10-01.
    p = beijing.load_profile_data(
        {
            "enterprise": {"credit_code": "91110108MA01P4GN60"},
            "recognitions": [{"title": "national.little_giant", "year": 2021, "granted_on": "2021-07-01"}],
        }
    )
    assert beijing.evaluate(p, SME, dt.date(2021, 10, 1)).verdict.value == "eligible"


# 三（一） "在有效期内发现有虚假申报或存在违法违规行为的，一经查实，撤销其北京市“专精特新”中小企业
# 认定，且三年内不得再次申报": the revocation of beijing.srdi_sme (the profile's revoked_on) bars
# a new application from that day through the corresponding day three years later (periods in
# years, 《民法典》第二百零一条、第二百零二条); met from the day after. Evaluated on 2021-06-01,
# inside the 自荐周期; the example is otherwise eligible and holds no national little giant
# title, so the bar alone decides the verdict.
BAR = "自2021-06-02起可重新申报（撤销后不得申报的期限届满）"


@pytest.mark.parametrize(
    ("recognitions", "expected", "verdict", "gap"),
    [
        # title of an earlier round granted 2016-12-20, revoked 2018-06-01: the bar's last day is
        # 2021-06-01, the day evaluated → barred → not met → ineligible; may apply from 2021-06-02
        (
            (Recognition("beijing.srdi_sme", 2016, dt.date(2016, 12, 20), revoked_on=dt.date(2018, 6, 1)),),
            "not_met",
            "ineligible",
            BAR,
        ),
        # revoked 2018-05-31: the bar ended 2021-05-31; 2021-06-01 is the day after → met → eligible
        (
            (Recognition("beijing.srdi_sme", 2016, dt.date(2016, 12, 20), revoked_on=dt.date(2018, 5, 31)),),
            "met",
            "eligible",
            None,
        ),
        # granted 2018-05-20, never revoked: it ran its three years (to 2021-05-19) and lapsed; a
        # title that ends at its term bars nothing → met → eligible
        ((Recognition("beijing.srdi_sme", 2018, dt.date(2018, 5, 20)),), "met", "eligible", None),
        # recognitions not listed: whether a title was ever revoked is not stated → unknown; the
        # national little giant route is unknown too → incomplete, never ineligible
        (None, "unknown", "incomplete", None),
    ],
    ids=["revoked-exactly-three-years-before", "revoked-three-years-and-a-day-before", "not-revoked", "undeclared"],
)
def test_revoked_bars_three_years(beijing, example, recognitions, expected, verdict, gap):
    p = attrs.evolve(example("srdi-sme-eligible"), recognitions=recognitions)
    r = beijing.evaluate(p, SME, ON)
    assert (outcome(r, "not-revoked"), r.verdict.value) == (expected, verdict)
    if gap is not None:
        assert r.criterion("not-revoked").gap == gap


def test_revoked_title_is_not_reviewed(beijing, example):
    # a holder recognised 2021-08-16 and revoked 2022-03-01 (三（一）): from that day the title is
    # not in force, so at the 复评 of 2022-06-01 holds-title is not met, and the bar runs through
    # 2025-03-01 → not-revoked not met
    p = attrs.evolve(
        example("srdi-sme-eligible"),
        recognitions=(Recognition("beijing.srdi_sme", 2021, dt.date(2021, 8, 16), revoked_on=dt.date(2022, 3, 1)),),
    )
    r = beijing.evaluate(p, REVIEW, dt.date(2022, 6, 1))
    assert (outcome(r, "holds-title"), outcome(r, "not-revoked")) == ("not_met", "not_met")
    assert r.criterion("not-revoked").gap == "自2025-03-02起可重新申报（撤销后不得申报的期限届满）"


def test_window_and_validity(beijing):
    # 四（三） 自荐周期 2021-03-31 — 2021-12-31, both days included
    assert_window(beijing, SME, dt.date(2021, 12, 31), first=dt.date(2021, 3, 31))
    # 三（一） 有效期为三年, counted from the day of recognition: 2021-08-16 → 2024-08-15
    assert beijing.titles.valid_until("beijing.srdi_sme", 2021, dt.date(2021, 8, 16)) == (
        dt.date(2024, 8, 15),
        dt.date(2024, 8, 15),
    )


def test_counts_as_provincial_srdi_for_the_national_criteria(beijing):
    # the national 79号 三（一）1 asks for a 省级…“专精特新”中小企业: Beijing's title counts
    assert "beijing.srdi_sme" in beijing.titles.holders("province.srdi_sme")


def test_annual_review(beijing, example, tweak):
    # 三（一）"每年复评": a holder recognised 2021-08-16 is reviewed on 2022-06-01 against
    # 2021's figures (上年度 = 2021). With 2021 as 2020 (主营 2400/2600 = 92.3%, 营业收入 2600,
    # 125 people: still 小型) it keeps the title; with 2021 营业收入 1000 (< 1500), profit 2020+2021 = 300+200 = 500
    # (< 600) and a valuation of 9000 (< 10000) the 经营条件 fail and it does not.
    held = attrs.evolve(
        example("srdi-sme-eligible"),
        recognitions=(Recognition("beijing.srdi_sme", 2021, dt.date(2021, 8, 16)),),
    )
    day = dt.date(2022, 6, 1)
    good = tweak.year(held, 2021, revenue=2600.0, main_business_revenue=2400.0, net_profit=300.0, employees=125.0)
    r = beijing.evaluate(good, REVIEW, day)
    assert (r.reference_year, r.verdict.value) == (2021, "eligible")
    weak = tweak.facts(
        tweak.year(held, 2021, revenue=1000.0, main_business_revenue=900.0, net_profit=200.0, employees=125.0),
        **{"beijing.latest_valuation": 9000.0},
    )
    r = beijing.evaluate(weak, REVIEW, day)
    assert (r.group("operating").outcome.value, r.verdict.value) == ("not_met", "ineligible")
    # after the three years (2024-08-16 on) there is nothing left to review
    assert outcome(beijing.evaluate(good, REVIEW, dt.date(2024, 8, 16)), "holds-title") == "not_met"


def test_review_runs_while_this_round_s_titles_are_in_force(beijing):
    # 四（三） titles are granted 2021-03-31 … 2021-12-31 and 三（一） last three years from the
    # grant: the last one granted ends 2024-12-30, the last day a 复评 of this round can fall
    occ = beijing.deadlines(REVIEW)
    assert [(o.start, o.date) for o in occ] == [(dt.date(2021, 3, 31), dt.date(2024, 12, 30))]


def test_a_profile_or_table_still_holding_the_retired_yes_no_field_is_told_what_replaced_it(beijing, tmp_path):
    # beijing.srdi_sme_revoked_3y ("三年内被撤销…认定", a yes/no the applicant worked out) was replaced by the
    # title's revoked_on, from which srdi counts 三（一）'s three years: a stored profile still giving it is
    # refused with the replacement named, and a table column under its label is set aside saying the same
    from srdi.batch import read_table
    from srdi.errors import ProfileError

    with pytest.raises(ProfileError) as err:
        beijing.load_profile_data({"enterprise": {"name": "甲", "beijing": {"srdi_sme_revoked_3y": False}}})
    assert "enterprise.beijing.srdi_sme_revoked_3y" in str(err.value)
    assert "已停用" in str(err.value) and "revoked_on" in str(err.value) and "未知字段" not in str(err.value)
    path = tmp_path / "申报企业.csv"
    path.write_text("企业名称,三年内被撤销北京市“专精特新”中小企业认定\n甲,否\n", encoding="utf-8")
    table = read_table(path, beijing)
    assert len(table) == 1 and table.frame["name"].iloc[0] == "甲"
    (note,) = table.notes
    assert note.column == 2 and "已停用" in note.message and "北京市“专精特新”中小企业撤销日期" in note.message
