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
