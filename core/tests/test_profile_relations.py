"""Facts that cannot all be true are refused, naming both: a part above its whole, a firm judged
before it was registered, a region code that is no administrative division.

Each such profile used to be evaluated as given: 研发费用 typed in 元 (14,844% of
营业收入) passed any R&D ratio.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from srdi.errors import ProfileError
from srdi.profile.relations import division_problem, frame_clashes


def load(cat, years=None, **enterprise):
    return cat.load_profile_data({"enterprise": enterprise, "years": years or {}})


def problems(cat, years=None, **enterprise):
    with pytest.raises(ProfileError) as err:
        load(cat, years, **enterprise)
    return [(p.key, p.message) for p in err.value.problems]


def test_rd_expense_typed_in_yuan_is_refused_naming_revenue(baseline):
    # 2,040,000万元 of R&D against 6,800万元 of revenue: 300× the whole → typed in 元
    assert problems(baseline, {"2021": {"revenue": 6800, "rd_expense": 2040000}}) == [
        (
            "years.2021.rd_expense",
            "2021年研发经费支出 2040000万元 大于营业收入 6800万元（years.2021.revenue）：金额以万元计，是否按元填写？",
        )
    ]


def test_main_business_revenue_above_revenue_by_more_than_rounding(baseline):
    # 主营业务收入 is part of 营业收入: 6802 > 6800 + 1 (one 万元 of rounding each way)
    assert problems(baseline, {"2021": {"revenue": 6800, "main_business_revenue": 6802}}) == [
        (
            "years.2021.main_business_revenue",
            "2021年主营业务收入 6802万元 大于营业收入 6800万元（years.2021.revenue）：二者不可能同时成立，请核对",
        )
    ]


@pytest.mark.parametrize("main", [6800, 6801])
def test_main_business_revenue_within_rounding_is_accepted(baseline, main):
    # equal, or one 万元 above: two figures each rounded to whole 万元 can differ so
    assert load(baseline, {"2021": {"revenue": 6800, "main_business_revenue": main}}).years[2021]


def test_rd_staff_above_employees_is_refused_by_one_person(baseline):
    # 研发人员 are part of 从业人员: 261 of 260 cannot be (no rounding for head counts)
    assert problems(baseline, {"2021": {"employees": 260, "rd_staff": 261}}) == [
        (
            "years.2021.rd_staff",
            "2021年研发人员数 261人 大于从业人数 260人（years.2021.employees）：二者不可能同时成立，请核对",
        )
    ]
    assert load(baseline, {"2021": {"employees": 260, "rd_staff": 260}})


def test_facts_of_different_years_are_not_compared(baseline):
    # 2020's R&D against 2021's revenue is no relation
    assert load(baseline, {"2020": {"rd_expense": 900}, "2021": {"revenue": 800}})


def test_a_firm_is_not_judged_before_it_was_registered(baseline):
    profile = load(baseline, registered_on="2015-06-01")
    prog = baseline.programs()[0]
    with pytest.raises(ProfileError) as err:
        baseline.evaluate(profile, prog, dt.date(2015, 5, 31))
    (p,) = err.value.problems
    assert p.key == "enterprise.registered_on"
    assert p.message == "注册时间 2015-06-01 晚于评价日期 2015-05-31：评价日企业尚未成立"
    # registered on the evaluation day itself: it exists that day
    assert baseline.evaluate(profile, prog, dt.date(2015, 6, 1)).program == prog.id


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("999999", "999999 不是行政区划代码：前两位 99 不是省级行政区代码"),
        ("210099", "210099 不是行政区划代码：省级代码 210000 之下没有第 5–6 位"),
        ("219900", "219900 不是行政区划代码：第 3–4 位 99 不是地级代码（01–70，或 90 省直辖）"),
    ],
)
def test_a_region_code_that_is_no_division_is_refused(baseline, code, message):
    assert problems(baseline, region_code=code) == [("enterprise.region_code", message)]


@pytest.mark.parametrize("code", ["210000", "210102", "440300", "469001", "659001"])
def test_division_codes_of_every_level_are_accepted(code):
    # a province, a district of 沈阳, 深圳, and counties directly under 海南 / 新疆 (90 → 省直辖)
    assert division_problem(code) is None


def test_the_credit_codes_division_is_checked_when_no_region_code_is_given(baseline):
    from srdi.profile.credit_code import check_character

    first = "91990000MA0YK3N25"  # division 990000: no province 99
    code = first + check_character(first)
    assert problems(baseline, credit_code=code) == [
        ("enterprise.credit_code", "第 3–8 位 990000 不是行政区划代码：前两位 99 不是省级行政区代码")
    ]


def test_frame_clashes_checks_each_row_of_a_table(baseline):
    frame = pd.DataFrame(
        {
            "revenue_2021": [6800.0, 6800.0, None],
            "rd_expense_2021": [204.0, 2040000.0, 5.0],
            "registered_on": pd.to_datetime(["2015-06-01", "2015-06-01", "2023-01-01"]),
        }
    )
    found = frame_clashes(frame, baseline.vocabulary, dt.date(2022, 3, 1))
    # row 1 fine; row 2 R&D in 元; row 3: revenue unknown (no relation to test), registered after the day
    assert [[c.facts for c in row] for row in found] == [
        [],
        [(("rd_expense", 2021), ("revenue", 2021))],
        [(("registered_on", None),)],
    ]


def test_an_english_reader_reads_the_units_in_english(baseline):
    # 研发人员数 12 against 从业人数 10 in 2021, as test_rd_staff_above_employees_is_refused_by_one_person, read by
    # someone who asked for English: the counts are worded "12 people", not "12人" inside an English sentence.
    # 万元 has no English wording in srdi's catalogue and stays as it is.
    from srdi.i18n import speaking

    with speaking("en"):
        ((_, said),) = problems(baseline, {"2021": {"employees": 10, "rd_staff": 12}})
        assert said.startswith("研发人员数 12 people in 2021 is above 从业人数 10 people (years.2021.employees)")
        ((_, said),) = problems(baseline, {"2021": {"revenue": 3000, "main_business_revenue": 3500}})
        assert "主营业务收入 3500万元 in 2021 is above 营业收入 3000万元" in said


def test_a_percentage_for_a_count_names_the_count_in_the_readers_words(baseline):
    # "12%" for 研发人员数 (a count of people, 人): refused, naming the field's unit as a noun in the reader's
    # language (人 in Chinese, people in English); a percentage for 发明专利数 (项: items) the same way
    ((_, said),) = problems(baseline, {"2021": {"rd_staff": "12%"}})
    assert said == "'12%' 是百分数，但研发人员数的单位是人"
    from srdi.i18n import speaking

    with speaking("en"):
        ((_, said),) = problems(baseline, {"2021": {"rd_staff": "12%"}})
        assert said == "'12%' is a percentage but 研发人员数 is in people"
        ((_, said),) = problems(baseline, invention_patents="3%")
        assert said.endswith("is in items")
