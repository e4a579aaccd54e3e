"""Tenure, date cut-offs and award stacking.

重庆 渝经信中小〔2021〕21号 附件2 二 (yjxzx-2021-21.toml): "连续经营 3年，提前 1 年纳入“专精特新”中小
企业培育库". 山西 晋企发〔2021〕6号 附件1 (jqf-2021-6.toml): "2019年 1月 1日前在山西省内登记注册",
"已经获得过…项目奖励的企业不得再次申报". 贵州 黔工信中小〔2021〕37号 六（二）(qgxzx-2021-37.toml):
"同时获省和国家专精特新“小巨人”企业认定的按就高原则进行奖励".
"""

from __future__ import annotations

import datetime as dt

import pytest

CHONGQING = "shapes.chongqing-srdi-2022"
SHANXI = "shapes.shanxi-srdi-project-2021"
GUIZHOU = "shapes.guizhou-little-giant-award"


def chongqing(cat, recognitions=None):
    data = {"enterprise": {"region_code": "500112", "registered_on": "2015-03-01"}}
    if recognitions is not None:
        data["recognitions"] = recognitions
    return cat.load_profile_data(data)


@pytest.mark.parametrize(
    ("entered", "on", "outcome"),
    [
        # in the pool since 2021-01-10: on 2022-01-10 exactly one year → met; a day earlier → not yet
        ("2021-01-10", dt.date(2022, 1, 10), "met"),
        ("2021-01-10", dt.date(2022, 1, 9), "not_met"),
        # 29 February: one year later is 28 February 2021 (shift keeps within the month)
        ("2020-02-29", dt.date(2021, 2, 28), "met"),
    ],
)
def test_a_year_in_the_pool_to_the_day(shapes, entered, on, outcome):
    profile = chongqing(shapes, [{"title": "shapes.chongqing_cultivation_pool", "granted_on": entered}])
    c = shapes.evaluate(profile, CHONGQING, on).criterion("pool-tenure")
    assert c.outcome.value == outcome
    if outcome == "not_met":
        assert c.gap == "于2022-01-10满1年"


def test_the_year_alone_decides_only_when_the_whole_year_is_on_one_side(shapes):
    # entered "2020": on 2022-01-10 even 31 Dec 2020 is more than a year back → met;
    # entered "2021": on 2022-01-10 it is met for 1–9 Jan 2021, not after → unknown, and says so;
    # entered "2021": on 2021-12-31 even 1 Jan 2021 is less than a year back → not met
    def pool(year):
        return chongqing(shapes, [{"title": "shapes.chongqing_cultivation_pool", "year": year}])

    assert shapes.evaluate(pool(2020), CHONGQING, dt.date(2022, 1, 10)).criterion("pool-tenure").outcome.value == "met"
    c = shapes.evaluate(pool(2021), CHONGQING, dt.date(2022, 1, 10)).criterion("pool-tenure")
    assert c.outcome.value == "unknown"
    assert c.note == "仅凭年份无法判断：请在 [[recognitions]] 中填写认定日期 granted_on"
    assert (
        shapes.evaluate(pool(2021), CHONGQING, dt.date(2021, 12, 31)).criterion("pool-tenure").outcome.value
        == "not_met"
    )


def test_a_pool_left_before_the_day_does_not_count(shapes):
    # entered 2020-01-01, removed 2021-06-30 (valid_until): on 2022-01-10 not in the pool → not met
    rec = [{"title": "shapes.chongqing_cultivation_pool", "granted_on": "2020-01-01", "valid_until": "2021-06-30"}]
    assert (
        shapes.evaluate(chongqing(shapes, rec), CHONGQING, dt.date(2022, 1, 10)).criterion("pool-tenure").outcome.value
        == "not_met"
    )


def test_tenure_without_recognitions_listed_is_unknown(shapes):
    c = shapes.evaluate(chongqing(shapes), CHONGQING, dt.date(2022, 1, 10)).criterion("pool-tenure")
    assert c.outcome.value == "unknown"
    assert (
        shapes.evaluate(chongqing(shapes, []), CHONGQING, dt.date(2022, 1, 10)).criterion("pool-tenure").outcome.value
        == "not_met"
    )


# ---- the one-enterprise evaluator of tenure, at its boundaries
# 附件2 二 "提前 1 年纳入“专精特新”中小企业培育库" (criterion pool-tenure, years = 1): in the pool on the day
# evaluated, and entered at least a year before it. The pool has no stated term (附件2 一 names no 有效期): a firm
# listed stays in it until its valid_until. The year is complete on the grant's anniversary: entered on 2021-01-10,
# it is complete on 2022-01-10.
POOL = "shapes.chongqing_cultivation_pool"
POOL_LABEL = "重庆市“专精特新”中小企业培育库"
ON = dt.date(2022, 1, 10)


def _pool_tenure_alone(cat, profile, on, program=CHONGQING):
    """pool-tenure as one enterprise's evaluator decides it (the frame of that firm must say the same)."""
    assert cat.condition_types["tenure"].build_one is not None  # not tested on a one-row frame
    single = cat.evaluate(profile, program, on)
    assert cat.run(program, cat.frame([profile]), on).result(0) == single
    return single.criterion("pool-tenure")


@pytest.mark.parametrize(
    ("recognitions", "outcome", "shown", "gap", "note"),
    [
        # entered 2021-01-10: its first anniversary, 2022-01-10, is the day evaluated → the year is complete, met
        ([{"title": POOL, "granted_on": "2021-01-10"}], "met", "认定于2021-01-10", None, None),
        # entered a day later, 2021-01-11: the year completes on 2022-01-11, a day after → not met, and the gap
        # names that day
        ([{"title": POOL, "granted_on": "2021-01-11"}], "not_met", "认定于2021-01-11", "于2022-01-11满1年", None),
        # the year 2021 alone: entered some day from 2021-01-01 (complete 2022-01-01, before the day: met) to
        # 2021-12-31 (complete 2022-12-31, after it: not met) → the year cannot decide, unknown, and says why
        (
            [{"title": POOL, "year": 2021}],
            "unknown",
            "2021年认定",
            None,
            "仅凭年份无法判断：请在 [[recognitions]] 中填写认定日期 granted_on",
        ),
        # the year 2020 alone: even entered on 2020-12-31 the year completed on 2021-12-31, before the day → met
        ([{"title": POOL, "year": 2020}], "met", "2020年认定", None, None),
        # no [[recognitions]] at all: whether the firm is in the pool is not said → unknown, asking for them
        (
            None,
            "unknown",
            None,
            None,
            "企业信息未列出所获称号：请填写 [[recognitions]] 及认定日期 granted_on（空列表表示未获任何称号）",
        ),
        # an empty list: the firm says it holds nothing, so it is not in the pool → not met, no day to name
        ([], "not_met", None, None, None),
    ],
    ids=["a-year-to-the-day", "a-day-short", "year-alone-straddles", "year-alone-before", "undeclared", "none-held"],
)
def test_pool_tenure_of_one_enterprise_at_the_cut_off(shapes, recognitions, outcome, shown, gap, note):
    c = _pool_tenure_alone(shapes, chongqing(shapes, recognitions), ON)
    assert c.outcome.value == outcome
    assert c.values == {POOL_LABEL: shown}
    assert c.threshold == "重庆市“专精特新”中小企业培育库：评价日有效，且已满1年"
    assert c.gap == gap
    assert c.note == note


def test_pool_tenure_counted_to_the_end_of_the_reference_year(shapes):
    # as_of = "reference_year_end": on 2022-03-01 the reference year (上年度) is 2021, so the year must be complete
    # on 2021-12-31. Entered 2020-12-31: complete on 2021-12-31 → met. Entered 2021-01-01: complete on 2022-01-01,
    # a day after → not met, naming that day
    import attrs

    prog = shapes.program(CHONGQING)
    crit = prog.criteria["pool-tenure"]
    year_end = attrs.evolve(crit, args={**crit.args, "as_of": "reference_year_end"}, refs={})
    prog = attrs.evolve(prog, criteria={**prog.criteria, "pool-tenure": year_end}, overridden=("year_end",))
    on = dt.date(2022, 3, 1)
    c = _pool_tenure_alone(shapes, chongqing(shapes, [{"title": POOL, "granted_on": "2020-12-31"}]), on, prog)
    assert c.outcome.value == "met"
    assert c.threshold == "重庆市“专精特新”中小企业培育库：上年末有效，且已满1年"
    c = _pool_tenure_alone(shapes, chongqing(shapes, [{"title": POOL, "granted_on": "2021-01-01"}]), on, prog)
    assert (c.outcome.value, c.gap) == ("not_met", "于2022-01-01满1年")


@pytest.mark.parametrize(
    ("removed", "outcome"),
    [
        # entered 2021-01-10, so the year is complete on 2022-01-10, the day evaluated; but removed from the pool
        # (撤销) on 2021-12-01, it is not in the pool that day, which the criterion asks (评价日有效) → not met.
        # The span is complete: no day to wait for, so no gap (the title shown says why)
        ("2021-12-01", "not_met"),
        # removed on the day evaluated itself: not in the pool from that day on → not met
        ("2022-01-10", "not_met"),
        # removed on 2022-02-01, after the day evaluated: still in the pool on 2022-01-10, a year complete → met
        ("2022-02-01", "met"),
    ],
    ids=["removed-before", "removed-that-day", "removed-after"],
)
def test_pool_tenure_ends_with_removal_from_the_pool(shapes, removed, outcome):
    # the pool has no stated term: a firm stays in it until its valid_until or its removal (revoked_on), as a
    # title with a term is no longer held from the day it was revoked (srdi.engine.titles)
    profile = chongqing(shapes, [{"title": POOL, "granted_on": "2021-01-10", "revoked_on": removed}])
    c = _pool_tenure_alone(shapes, profile, ON)
    assert (c.outcome.value, c.gap) == (outcome, None)


def test_pool_tenure_whose_year_would_end_after_the_calendar(shapes):
    # entered 9999-06-01, evaluated 9999-12-01 (a profile can say so): the year would complete on 10000-06-01, a
    # day no calendar date holds, after the day evaluated → not met, and no day is named (not a crash)
    profile = chongqing(shapes, [{"title": POOL, "granted_on": "9999-06-01"}])
    c = _pool_tenure_alone(shapes, profile, dt.date(9999, 12, 1))
    assert (c.outcome.value, c.gap) == ("not_met", None)


@pytest.mark.parametrize(
    ("year", "on", "outcome"),
    [
        # year -2000 (astronomical, as datetime64 counts it): entered some day of it, the year was complete in
        # -1999, long before 2022-01-10; in the pool (listed, not ended, not entered after the day) → met
        (-2000, ON, "met"),
        # year 0: complete from 0001-01-01 to 0001-12-31, all before the day → met
        (0, ON, "met"),
        # year 9999, evaluated on its last day 9999-12-31: in the pool (not entered after it), but the year
        # completes from 10000-01-01 on, after the day → not met (not unknown: neither bound is before it)
        (9999, dt.date(9999, 12, 31), "not_met"),
        # year 10000: not yet entered on 2022-01-10 (its year is after the day's), nor complete → not met
        (10000, ON, "not_met"),
    ],
)
def test_pool_tenure_of_a_year_beyond_what_a_date_holds(shapes, year, on, outcome):
    # the profile loader refuses such years; a row or a Profile built in code can hold them, and the frame path
    # (datetime64) counts them: one enterprise alone must give its answer
    import attrs

    from srdi.profile import Recognition

    profile = attrs.evolve(chongqing(shapes, []), recognitions=(Recognition(POOL, year),))
    c = _pool_tenure_alone(shapes, profile, on)
    assert c.outcome.value == outcome
    assert (c.gap, c.note) == (None, None)


def shanxi(cat, registered, recognitions=()):
    return cat.load_profile_data(
        {
            "enterprise": {"region_code": "140105", "registered_on": registered},
            "recognitions": list(recognitions),
            "attestations": {
                "shanxi_poverty_county": False,
                "shanxi_covid_contribution": False,
                "shanxi_maker_china_final": False,
            },
        }
    )


@pytest.mark.parametrize(
    ("registered", "reading", "outcome", "threshold"),
    [
        # "2019年1月1日前", read as including the day (cutoff_op "<="): 1 January qualifies, the 2nd not
        ("2019-01-01", "<=", "met", "不晚于2019-01-01"),
        ("2019-01-02", "<=", "not_met", "不晚于2019-01-01"),
        # the other reading: 31 December 2018 is the last day
        ("2019-01-01", "<", "not_met", "早于2019-01-01"),
        ("2018-12-31", "<", "met", "早于2019-01-01"),
    ],
)
def test_registered_before_the_first_of_january_2019(shapes, registered, reading, outcome, threshold):
    prog = shapes.program(SHANXI).with_overrides({"cutoff_op": reading})
    c = shapes.evaluate(shanxi(shapes, registered), prog, dt.date(2021, 5, 1)).criterion("registered-before")
    assert c.outcome.value == outcome
    assert c.threshold == threshold


def test_an_earlier_award_of_the_same_fund_is_not_repeated(shapes):
    # the 2019 award of the same 专项资金 project → "不得再次申报" → ineligible; none listed → met
    awarded = [{"title": "shapes.shanxi_srdi_project_award", "year": 2019}]
    result = shapes.evaluate(shanxi(shapes, "2015-01-01", awarded), SHANXI, dt.date(2021, 5, 1))
    c = result.criterion("no-repeat")
    assert c.outcome.value == "not_met"
    assert c.note == "已获得过山西省中小微企业发展专项资金“专精特新”中小企业项目奖励，不得再次申报"
    assert result.verdict.value == "ineligible"
    assert (
        shapes.evaluate(shanxi(shapes, "2015-01-01"), SHANXI, dt.date(2021, 5, 1)).criterion("no-repeat").outcome.value
        == "met"
    )


def guizhou(cat, recognitions):
    return cat.load_profile_data({"enterprise": {"region_code": "520102"}, "recognitions": recognitions})


def test_the_higher_award_only(shapes):
    # 省 小巨人 held and no national recognition → the provincial award is paid (met)
    provincial = {"title": "shapes.guizhou_little_giant", "year": 2021}
    national = {"title": "national.little_giant", "year": 2021}
    result = shapes.evaluate(guizhou(shapes, [provincial]), GUIZHOU, dt.date(2021, 12, 1))
    assert result.verdict.value == "eligible"
    # both recognised → "按就高原则": the national one is higher, the provincial award is not paid
    result = shapes.evaluate(guizhou(shapes, [provincial, national]), GUIZHOU, dt.date(2021, 12, 1))
    c = result.criterion("higher-award")
    assert c.outcome.value == "not_met"
    assert c.note == "按就高原则：已获专精特新“小巨人”企业，不再给予本项奖励"
    assert c.threshold == "就高奖励：未获得更高的专精特新“小巨人”企业"
    assert result.verdict.value == "ineligible"


def test_stacking_without_recognitions_listed_is_unknown(shapes):
    profile = shapes.load_profile_data({"enterprise": {"region_code": "520102"}})
    assert shapes.evaluate(profile, GUIZHOU, dt.date(2021, 12, 1)).criterion("higher-award").outcome.value == "unknown"


@pytest.mark.parametrize(
    ("registered", "outcome"),
    [("2014-12-31", "not_met"), ("2015-01-01", "met"), ("2018-12-31", "met"), ("2019-01-01", "not_met")],
)
def test_a_date_window_includes_both_days(shapes, registered, outcome):
    # the same criterion as a window (op = "between", as 北京's "应在2020年1月之后，且不超过2021年12月底"
    # is written): from 2015-01-01 to 2018-12-31, both days included
    import attrs

    prog = shapes.program(SHANXI)
    crit = prog.criteria["registered-before"]
    window = attrs.evolve(
        crit, args={**crit.args, "op": "between", "date": dt.date(2015, 1, 1), "until": dt.date(2018, 12, 31)}, refs={}
    )
    prog = attrs.evolve(prog, criteria={**prog.criteria, "registered-before": window}, overridden=("window",))
    c = shapes.evaluate(shanxi(shapes, registered), prog, dt.date(2021, 5, 1)).criterion("registered-before")
    assert c.outcome.value == outcome
    assert c.threshold == "2015-01-01至2018-12-31（含）"
