"""What the 山东 case files cannot state: windows, standing measures, dates on the
working-day calendar, titles and series.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.inforce import in_force_period
from srdi.testing.timeline import assert_window, event

LG3 = "shandong.little-giant-3rd-batch"
SME = "shandong.srdi-sme-2021"
REVIEW = "shandong.srdi-sme-review-2021"
SUPPORT = "shandong.growth-support"
EQUITY = "shandong.equity-investment"
LOAN = "shandong.loan-risk-compensation"


@pytest.mark.parametrize(
    ("programs", "first", "last"),
    [
        # 一（二）1 "4月28日至5月6日，企业通过线上系统…上传相关申报材料"
        ((LG3,), dt.date(2021, 4, 28), dt.date(2021, 5, 6)),
        # 二（二）1 "相应申报窗口（5月6日至5月14日开放）", for new applications and the 复核
        ((SME, REVIEW), dt.date(2021, 5, 6), dt.date(2021, 5, 14)),
    ],
)
def test_windows(catalog, programs, first, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=first)


def test_the_cities_papers_are_due_after_the_windows(catalog):
    # 一（二）2 "于5月14日前"; 二（二）2 "于5月28日前"
    lg3 = {e.spec.id: e.spec for e in catalog.program(LG3).timeline}
    sme = {e.spec.id: e.spec for e in catalog.program(SME).timeline}
    assert lg3["city-papers"].date == dt.date(2021, 5, 14)
    assert sme["city-papers"].date == dt.date(2021, 5, 28)


@pytest.mark.parametrize(
    ("pid", "start", "end"),
    [
        # 36号 prints no day of effect: from its date line "2021年3月4日", no end
        (SUPPORT, dt.date(2021, 3, 4), None),
        # 225号 and 226号 "本文件有效期自2021年10月22日起，至2022年10月10日止"
        (EQUITY, dt.date(2021, 10, 22), dt.date(2022, 10, 10)),
        (LOAN, dt.date(2021, 10, 22), dt.date(2022, 10, 10)),
    ],
)
def test_standing_measures_are_in_force_and_never_open(catalog, pid, start, end):
    prog = catalog.program(pid)
    assert in_force_period(prog, catalog.replaced) == (start, end)
    assert not catalog.is_open(pid, start)


def test_the_bank_claims_five_working_days_after_each_quarter(catalog):
    # 226号 第十二条（二） "于每季度结束后5个工作日内提出风险补偿申请". The quarters the rules
    # cover (2021-10-22 to 2022-10-10):
    # 2021 Q4 ends 12/31 (Fri); 1/1–1/3 元旦 → 1/4, 1/5, 1/6, 1/7, 1/10 → 2022-01-10
    # 2022 Q1 ends 3/31 (Thu); 4/1, 4/2 (make-up Saturday), [4/3–4/5 清明], 4/6, 4/7, 4/8 → 2022-04-08
    # 2022 Q2 ends 6/30 (Thu); 7/1, 7/4, 7/5, 7/6, 7/7 → 2022-07-07
    # 2022 Q3 ends 9/30 (Fri); [10/1–10/7 国庆], 10/8, 10/9 (make-up weekend), 10/10, 10/11,
    #   10/12 → 2022-10-12
    # 2022 Q4 ends 12/31 (Sat); [2023-01-01 – 01-02 元旦], 1/3, 1/4, 1/5, 1/6, 1/9 → 2023-01-09
    #   (the rules lapse on 2022-10-10; the quarter holds 10月1日–10日).
    # No claim before the rules: nothing for 2021's first three quarters.
    occ = catalog.deadlines(LOAN)
    dates = sorted(o.date for o in occ if o.event in ("claim-2021-q4", "quarterly-claim"))
    assert dates == [
        dt.date(2022, 1, 10),
        dt.date(2022, 4, 8),
        dt.date(2022, 7, 7),
        dt.date(2022, 10, 12),
        dt.date(2023, 1, 9),
    ]


def test_recovered_money_goes_back_within_ten_working_days(catalog):
    # 226号 第十三条 "在追偿收回贷款本金之日起10个工作日内…返还": recovered on Friday
    # 2022-04-29; [4/30–5/4 劳动节], 5/5 1, 5/6 2, 5/7 (make-up Saturday) 3, 5/9–5/13 4–8,
    # 5/16 9, 5/17 10 → 2022-05-17.
    occ = event(catalog, LOAN, "refund", anchors={"recovered": dt.date(2022, 4, 29)})
    assert occ.date == dt.date(2022, 5, 17)


def test_the_provincial_title_lasts_three_years_with_a_review(catalog):
    # 三（三） "有效期为3年，将分别对入选满3年的企业进行复核"
    grant = catalog.program(SME).grants
    assert (grant.title, grant.validity_years, grant.review.every_years) == ("shandong.srdi_sme", 3, 3)
    assert "province.srdi_sme" in grant.counts_as


def test_series(catalog):
    # the 2021 round of the provincial title, the 2017 cohort's 复核, and the nomination of
    # the ministry's third batch, each the first round of its series
    assert [r.program.id for r in catalog.series["shandong.srdi-sme"].rounds] == [SME]
    assert [r.program.id for r in catalog.series["shandong.srdi-sme-review"].rounds] == [REVIEW]
    assert [r.program.id for r in catalog.series["shandong.little-giant-nomination"].rounds] == [LG3]


def test_the_growth_support_intake_is_quarterly(catalog):
    # 36号 五 "结合入库培育企业每季度调整进行推荐和纳新"
    cadence = catalog.program(SUPPORT).cadence
    assert (cadence.every, cadence.clause) == ("quarter", "五")


def test_the_first_intake_into_the_loan_project_pool(catalog):
    # 2021-11-22 notice 二 "第一批入库企业请于11月30日前进行填报": a bare date, open from the
    # notice's date (2021-11-22) to 11月30日, that day included
    pid = "shandong.loan-project-pool-2021-batch-1"
    assert_window(catalog, pid, dt.date(2021, 11, 30), first=dt.date(2021, 11, 22))
    assert [r.program.id for r in catalog.series["shandong.loan-project-pool"].rounds] == [pid]


@pytest.mark.parametrize(
    "pid",
    [
        "shandong.platform-targets-demonstration-year-1",
        "shandong.platform-targets-demonstration-year-2",
        "shandong.platform-targets-service-system",
    ],
)
def test_the_platform_targets_are_in_force_from_the_notice_date(catalog, pid):
    # 鲁工信服〔2021〕176号 prints no day of effect or end: from its date line "2021年8月12日"
    assert in_force_period(catalog.program(pid), catalog.replaced) == (dt.date(2021, 8, 12), None)
    assert not catalog.is_open(pid, dt.date(2021, 8, 20))


def test_the_cities_send_the_platforms_papers_in_august(catalog):
    # 二 "分别于8月20日、8月底前": 附件3 by 2021-08-20, the 实施方案 by 2021-08-31
    occ = {o.event: o.date for o in catalog.deadlines("shandong.platform-targets-service-system")}
    assert (occ["annex3"], occ["plan"]) == (dt.date(2021, 8, 20), dt.date(2021, 8, 31))
