"""What the Shenzhen case files cannot state: windows and working-day limits, the
title, the awards' caps and reductions, routing through the province.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window, event

SME = "shenzhen.srdi-sme-2021"
IPO = "shenzhen.listing-award-ipo-domestic-2022"
LISTING = [
    ("shenzhen.listing-award-ipo-domestic-2022", 150),  # "给予最高不超过 150万元的奖励"
    ("shenzhen.listing-award-ipo-overseas-2022", 80),  # "给予最高不超过 80万元的奖励"
    ("shenzhen.listing-award-neeq-2022", 50),  # "给予最高不超过 50万元的奖励"
    ("shenzhen.listing-award-neeq-innovation-2022", 30),  # "再给予最高不超过 30万元的奖励"
    ("shenzhen.listing-award-relocation-2022", 500),  # "给予最高不超过 500万元的奖励"
]
GUARANTEE = "shenzhen.guarantee-fee-subsidy-2022"
SCALE_UP = "shenzhen.scale-up-award-2021"
EXAMPLES = Path(__file__).parent.parent / "examples"


# ------------------------------------------------------------------ windows
@pytest.mark.parametrize(
    ("programs", "first", "last"),
    [
        # 遴选 二（二） "2021年 8月 23日 9：00至 11月 30日 17：00"
        ((SME,), dt.date(2021, 8, 23), dt.date(2021, 11, 30)),
        # 2022 guide 七 "网上填报受理时间：2021年 2月 18日至 2021年 3月 26日 17：00"
        ((*(p for p, _ in LISTING), GUARANTEE), dt.date(2021, 2, 18), dt.date(2021, 3, 26)),
        # 上规模奖励 七（二）1 "2021年 10月 8日 9：00至 2021年 10月 29日 17：00"
        ((SCALE_UP,), dt.date(2021, 10, 8), dt.date(2021, 10, 29)),
    ],
)
def test_online_windows(catalog, programs, first, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=first)
    online = event(catalog, programs[0], "online-window")
    assert online.time == "17:00"


def test_a_batch_is_decided_within_80_working_days(catalog):
    # 遴选 附件2 九 "分批处理，每批不超过 80个工作日", counted from the day a batch is
    # accepted (not printed: an anchor). A batch accepted 2021-09-01 (Wed): 2 days to
    # 09-03; 5 + 5 to 09-17 (12); 09-18 make-up Saturday (13); 09-19–21 中秋 off;
    # 09-22–24 (16); 09-26 make-up Sunday (17); 09-27–30 (21); 10-01–07 国庆 off;
    # 10-08 (22); 10-09 make-up Saturday (23); then five a week: 10-15 (28), 10-22
    # (33), 10-29 (38), 11-05 (43), 11-12 (48), 11-19 (53), 11-26 (58), 12-03 (63),
    # 12-10 (68), 12-17 (73), 12-24 (78); 12-27 (79), 12-28 (80).
    accepted = {"batch-accepted": dt.date(2021, 9, 1)}
    assert event(catalog, SME, "batch-decided", anchors=accepted).date == dt.date(2021, 12, 28)
    assert event(catalog, SME, "batch-decided").date is None  # no batch date printed


def test_the_2022_guide_is_processed_within_180_working_days(catalog):
    # 2022 guide 十 "每年一批，一批 180个工作日", read from the close of the paper intake
    # (2021-04-02, Fri). 清明 04-03–05 off; 04-06–09 (4), 04-12–23 (14), 04-25 make-up
    # Sunday (15), 04-26–30 (20); 劳动节 05-01–05 off; 05-06–07 (22), 05-08 make-up
    # Saturday (23), to 05-31 (39); 06-01–11 (48), 端午 06-14 off, 06-15–30 (60); July
    # (82); August (104); 09-01–17 (117), 09-18 make-up (118), 中秋 09-19–21 off,
    # 09-22–24 (121), 09-26 make-up (122), 09-27–30 (126); 国庆 10-01–07 off, 10-08
    # (127), 10-09 make-up (128), to 10-29 (143); November (165); 12-01–17 (178),
    # 12-20 (179), 12-21 (180).
    occ = {o.event: o for o in catalog.deadlines(GUARANTEE)}
    assert occ["paper-window"].date == dt.date(2021, 4, 2)
    assert occ["processing-limit"].date == dt.date(2021, 12, 21)


def test_the_scale_up_award_is_processed_within_180_working_days(catalog):
    # 上规模奖励 十 "180个工作日", read from the close of the paper intake (2021-11-01,
    # Mon): November (21 from 11-02), December (44); 2022 元旦 01-01–03 off, 01-04–28
    # (63), 01-29 and 01-30 make-up weekend (65), 春节 01-31–02-06 off, 02-07–28 (81);
    # March (104); 04-01 (105), 04-02 make-up Saturday (106), 清明 04-03–05 off,
    # 04-06–22 (119), 04-24 make-up Sunday (120), 04-25–29 (125); 劳动节 04-30–05-04
    # off, 05-05–06 (127), 05-07 make-up Saturday (128), to 05-31 (145); 06-01–02
    # (147), 端午 06-03 off, 06-06–30 (166); 07-01 (167), 07-04–15 (177), 07-18 (178),
    # 07-19 (179), 07-20 (180).
    assert event(catalog, SCALE_UP, "processing-limit").date == dt.date(2022, 7, 20)


@pytest.mark.parametrize("pid", [*(p for p, _ in LISTING), GUARANTEE, SCALE_UP])
@pytest.mark.parametrize(
    ("received", "last"),
    [
        # 2022 guide and 上规模奖励 guide 十一 "申请单位应当在收到批准文件之日起 1个月内…办理资金拨付
        # 手续": one calendar month, the day of receipt not counted, ending on the
        # corresponding day of the next month: received 2021-06-15 → 2021-07-15
        (dt.date(2021, 6, 15), dt.date(2021, 7, 15)),
        # a month without that day ends on its last day (《民法典》第二百零二条 as srdi reads it):
        # 2022-01-31 → February 2022 has no 31st → 2022-02-28
        (dt.date(2022, 1, 31), dt.date(2022, 2, 28)),
        # 2024 is a leap year: 2024-01-31 → 2024-02-29
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
    ],
)
def test_payment_is_seen_to_within_a_calendar_month_of_the_approval(catalog, pid, received, last):
    occ = event(catalog, pid, "disbursement-deadline", anchors={"approval-received": received})
    assert (occ.kind, occ.date, occ.clause) == ("after", last, "附件 十一")
    assert not occ.application


@pytest.mark.parametrize("pid", [GUARANTEE, SCALE_UP])
def test_the_payment_deadline_has_no_day_without_the_approval(catalog, pid):
    # 十一: the day the approval is received is not printed: the anchor and the deadline
    # counted from it stay undated, not guessed
    assert event(catalog, pid, "approval-received").date is None
    occ = event(catalog, pid, "disbursement-deadline")
    assert occ.date is None
    assert "approval-received" in occ.note


def test_undated_notices_say_so(catalog):
    # Neither the 2022 guide nor the 上规模奖励 guide prints a 文号 or a date.
    for pid in (IPO, SCALE_UP):
        notice = catalog.program(pid).notice.spec.notice
        assert notice.date_printed is False
        assert "未注明日期" in catalog.program(pid).doc_number


def test_each_2022_case_recurs_yearly(catalog, example):
    # 十 "每年一批": the cadence is stated on the guide's base and inherited by each
    # case, a series of its own. On 2021-06-01, with the 2021 window (02-18 … 03-26)
    # closed, the next is expected a year on (2022-02-18 … 03-26), labelled expected.
    answer = catalog.today(example("guarantee-fee-2022"), dt.date(2021, 6, 1))
    expected = {s.series: s.expected for s in answer.series if s.series.startswith("shenzhen.")}
    series = {catalog.program(p).series for p, _ in LISTING} | {catalog.program(GUARANTEE).series}
    assert len(series) == 6 and series <= set(expected)
    for sid in series:
        assert (expected[sid].start, expected[sid].end) == (dt.date(2022, 2, 18), dt.date(2022, 3, 26)), sid
    # the 遴选 notice is issued 2021-08-16: on 2021-06-01 its series is not known yet; once it is, it states no cadence
    assert "shenzhen.srdi-sme" not in expected
    later = catalog.today(example("guarantee-fee-2022"), dt.date(2021, 9, 1))
    assert {s.series: s.expected for s in later.series}["shenzhen.srdi-sme"] is None


# ------------------------------------------------------------------ title
def test_the_title_lasts_three_years_and_counts_as_provincial(catalog, example):
    # 附件2 十 "有效期：三年": approved 2021-12-30 → in force to 2024-12-29. 深圳 recommends
    # to the ministry as a province does (工信厅企业函〔2021〕79号 is addressed to the
    # 计划单列市), so the national third batch's "省级…认定…的“专精特新”中小企业" accepts it.
    p = attrs.evolve(
        example("srdi-sme-2021"),
        recognitions=(Recognition("shenzhen.srdi_sme", 2021, dt.date(2021, 12, 30)),),
    )
    (expiry,) = catalog.recognition_deadlines(p)
    assert expiry.date == dt.date(2024, 12, 29)
    held = catalog.evaluate(p, "national.little-giant-3rd-batch", dt.date(2022, 1, 10))
    assert held.criterion("provincial-srdi").outcome.value == "met"


def test_lowered_floors_are_half_the_floors(catalog):
    # 附件2 三（一） "可适当降低标准不超过 50%": 1000 → 500, 15% → 7.5%, 10% → 5%.
    prog = catalog.program(SME)
    p = prog.params
    assert p["relaxed_revenue"].value == prog.criteria["revenue"].args["value"] * 0.5
    assert p["relaxed_growth_last"].value == prog.criteria["revenue-growth"].args["value"] * 0.5
    assert p["relaxed_growth_average"].value == prog.criteria["main-business-growth"].args["value"] * 0.5


# ------------------------------------------------------------------ money
@pytest.mark.parametrize(("pid", "cap"), LISTING)
def test_listing_awards_are_capped_and_set_by_the_audit(catalog, pid, cap):
    # 三（二）1 "事后奖励…根据专项审计结果，综合年度预算规模确定资助计划": the amount is
    # unknown (never 0), within the printed maximum.
    res = catalog.fund(pid)
    assert res.total is None
    assert res.cap == cap


def test_ipo_award_is_reduced_by_earlier_stage_awards(catalog, example):
    # （一）2 "获得过改制阶段资助或新三板挂牌资助或新三板进入创新层资助的，递减后补足差额"
    base = example("listing-award-2022")
    before = catalog.fund(IPO, base, dt.date(2021, 3, 10))
    assert [r.applies for r in before.rules] == ["no"]
    reformed = attrs.evolve(base, recognitions=(Recognition("shenzhen.listing_award_reform", 2018),))
    after = catalog.fund(IPO, reformed, dt.date(2021, 3, 10))
    assert [(r.id, r.action, r.applies) for r in after.rules] == [("earlier-stage-awards", "reduce", "yes")]


def test_scale_up_award_is_ten(catalog):
    # 三（一） "给予一次性 10万元奖励"
    assert catalog.fund(SCALE_UP).total == 10


# ------------------------------------------------------------------ routing
def test_a_shenzhen_credit_code_reaches_the_city_plugin():
    # 91440300… → 440300 深圳市, a 计划单列市: its own plugin serves it; the region falls
    # back to 广东省 (440000), then the nation.
    cat = srdi.for_credit_code("91440300MA5H3T6R84")
    assert cat.claims["440300"] == "shenzhen"
    assert [r.code for r in cat.regions.chain("440300")] == ["440300", "440000", "000000"]
    offered = {p.id for p in cat.programs_for_region("440300")}
    assert SME in offered and "national.little-giant-3rd-batch" in offered


def test_a_shenzhen_enterprise_falls_back_to_guangdong():
    # Where srdi-guangdong is installed and selected (as in this repository), the same
    # credit code also loads the province: 深圳's programs, then 广东's, then the
    # nation's. 广东's 2021 专精特新 round excludes no city, so a 深圳 enterprise is judged
    # on it; its service projects say "不含深圳", so a 深圳 platform is not.
    if "guangdong" not in {p.name for p in srdi.plugins()}:
        pytest.skip("srdi-guangdong is not installed or not selected (SRDI_LOAD_PLUGINS)")
    cat = srdi.for_credit_code("91440300MA5H3T6R84")
    assert cat.claims == {"440300": "shenzhen", "440000": "guangdong"}
    offered = {p.id for p in cat.programs_for_region("440300")}
    assert {SME, "guangdong.srdi-sme-2021", "guangdong.srdi-service-project-2021"} <= offered
    p = cat.load_profile(EXAMPLES / "srdi-sme-2021.toml")
    checked = {r.program: r for r in cat.check(p, dt.date(2021, 9, 15))}
    assert checked[SME].verdict.value == "eligible"
    # 广东's third key little giant batch is open on that day (to 2022-06-15); 深圳, a
    # 计划单列市, compiles its own 实施方案 (exclude_shenzhen = 1)
    klg3 = checked["guangdong.key-little-giant-2021-batch-3"]
    assert klg3.group("shenzhen-apart").outcome.value == "not_met"
    service = cat.evaluate(p, "guangdong.srdi-service-project-2021", dt.date(2021, 6, 10))
    assert service.group("outside-shenzhen").outcome.value == "not_met"
