"""What the 青海省 case files cannot state: layers, titles, dates of the national round, money
nobody has stated, routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs

import srdi
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window, event

BATCH_4 = "qinghai.srdi-sme-2021-batch-4"
STANDARD = "qinghai.srdi-sme"
NATIONAL = "qinghai.little-giant-3rd-batch"
FUNDS = [
    "qinghai.sme-fund-2021-standard-workshop",
    "qinghai.sme-fund-2021-platform-upgrade",
    "qinghai.sme-fund-2021-innovation",
    "qinghai.sme-fund-2021-technology-import",
    "qinghai.sme-fund-2021-standardisation",
    "qinghai.sme-fund-2021-loan-interest",
    "qinghai.sme-fund-2021-rent",
    "qinghai.sme-fund-2021-srdi-upgrade",
    "qinghai.sme-fund-2021-service-award",
]


def test_every_program_of_the_section_is_offered(catalog):
    # three notices: the fund guide's nine kinds of project (一（二）1 has two), the fourth
    # batch and the national recommendation; the 2021 办法's standard is applied by calls
    offered = {p.id for p in catalog.programs(region="qinghai")}
    assert offered == {BATCH_4, NATIONAL, *FUNDS}
    assert catalog.program(STANDARD).abstract
    assert catalog.program("qinghai.sme-fund-2021-enterprise").abstract


def test_the_2021_measures_are_in_force_for_five_years(catalog):
    # 第十九条 "本办法自 2021年 9月 1日起实施，有效期 5年": 2021-09-01 … 2026-08-31
    (period,) = catalog.deadlines(STANDARD)
    assert (period.start, period.date, period.kind) == (dt.date(2021, 9, 1), dt.date(2026, 8, 31), "in_force")
    assert not period.application


def test_national_round_is_79_hao_with_qinghai_dates(catalog):
    # 二's conditions are 工信厅企业函〔2021〕79号's; 二（四）（3）2 "自 2021年 4月 28日至 5月 6日期间
    # 上传", 3 "于 5月 12日前" (the cities' papers, not an application window)
    prog = catalog.program(NATIONAL)
    assert prog.extends == "national.little-giant-3rd-batch"
    assert catalog.is_open(NATIONAL, dt.date(2021, 4, 28))
    assert_window(catalog, NATIONAL, dt.date(2021, 5, 6))
    occ = event(catalog, NATIONAL, "city-submission")
    assert occ.date == dt.date(2021, 5, 12) and not occ.application


def test_the_fourth_batch_title_lasts_three_years_and_counts_as_provincial(catalog, example):
    # 三 "省级“专精特新”中小企业…有效期均为 3年": recognised 2021-07-01 → held to 2024-06-30;
    # as a 省级专精特新 title it meets 79号's "省级中小企业主管部门认定…的“专精特新”中小企业"
    p = attrs.evolve(
        example("xining-lithium-salt"),
        recognitions=(Recognition("qinghai.srdi_sme", 2021, dt.date(2021, 7, 1)),),
    )
    # "由省工业和信息化厅…对入选满 3年的企业进行复核": the 复核 falls the day after it ends
    expiry, review = catalog.recognition_deadlines(p)
    assert (expiry.kind, expiry.date) == ("expiry", dt.date(2024, 6, 30))
    assert (review.kind, review.date) == ("review", dt.date(2024, 7, 1))
    # the term is the call's (三); the 复核 of 2024 falls under the 2021 办法, in force then (第十二条)
    assert (expiry.notice.endswith("（2021-04-30）"), review.notice.endswith("（2021-07-28）")) == (True, True)
    r = catalog.evaluate(p, NATIONAL, dt.date(2021, 8, 1))
    assert r.criterion("provincial-srdi").outcome.value == "met"
    lapsed = catalog.evaluate(p, NATIONAL, dt.date(2024, 7, 1))
    assert lapsed.criterion("provincial-srdi").outcome.value == "not_met"


def test_caps_without_a_rate_leave_the_amount_unknown(catalog, example):
    # 一（二）5 "按一定比例给予贴息补助，每个企业贴息额最高不超过 200万元": the share is not
    # printed, so the amount is unknown — never 0, never the cap
    p = example("xining-lithium-salt")
    for pid, cap in (
        ("qinghai.sme-fund-2021-standard-workshop", 400),
        ("qinghai.sme-fund-2021-platform-upgrade", 100),
        ("qinghai.sme-fund-2021-standardisation", 50),
        ("qinghai.sme-fund-2021-loan-interest", 200),
        ("qinghai.sme-fund-2021-rent", 50),
        ("qinghai.sme-fund-2021-srdi-upgrade", 200),
        ("qinghai.sme-fund-2021-service-award", 100),
    ):
        res = catalog.fund(pid, p, dt.date(2021, 3, 10))
        assert res.total is None, pid
        assert res.cap == cap, pid


def test_every_fund_program_closes_on_22_march(catalog):
    # 二（二） "本次项目的申报截止期为 2021年 3月 22日，超过时限不予受理"; open from the guide's date
    for pid in FUNDS:
        assert catalog.is_open(pid, dt.date(2021, 3, 4)), pid
        assert_window(catalog, pid, dt.date(2021, 3, 22))


def test_credit_code_routes_to_qinghai(example):
    # 91630100… → 630100 西宁市 → 630000 青海省, then the nation
    cat = srdi.for_credit_code("91630100MA752QH3X3")
    assert cat.claims == {"630000": "qinghai"}
    checked = {r.program: r.verdict.value for r in cat.check(example("xining-lithium-salt"), dt.date(2021, 5, 10))}
    assert checked[BATCH_4] == "eligible"


def test_fixed_investment_above_the_total_investment_it_is_part_of_is_refused(catalog, tmp_path):
    # 一（二）7 "申报项目总投资不超过5000万元，其中固定资产投资不超过3000万元": 固定资产投资 is part of 总投资
    # (declared within it). 2800 of 2500 is above the whole by more than the 1万元 two rounded figures may
    # differ by, and not 100× it (not typed in 元): the profile is refused at the part, naming the whole.
    # 2500 of 2500 (a project all in fixed assets) is taken.
    import pytest

    from srdi.errors import ProfileError

    text = '[enterprise]\nname = "青海测试有限公司"\n\n[enterprise.qinghai]\n'
    path = tmp_path / "p.toml"
    path.write_text(text + "project_total_investment = 2500\nproject_fixed_investment = 2800\n", encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        catalog.load_profile(path)
    (problem,) = err.value.problems
    assert problem.key == "enterprise.qinghai.project_fixed_investment"
    assert (
        "项目固定资产投资 2800万元 大于项目总投资 2500万元（enterprise.qinghai.project_total_investment）"
        in problem.message
    )
    path.write_text(text + "project_total_investment = 2500\nproject_fixed_investment = 2500\n", encoding="utf-8")
    assert catalog.load_profile(path).facts["qinghai.project_fixed_investment"] == 2500
