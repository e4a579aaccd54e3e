"""What the Xizang case files cannot state: dates, the layers, the title, routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import srdi
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window, event

ROUND = "xizang.srdi-sme-2021-batch-2"
STANDARD = "xizang.srdi-sme"
CALL = "西藏自治区经济和信息化厅《关于组织申报西藏自治区第二批“专精特新”中小企业及申报培训的通知》（未注明日期）"


def test_window_is_printed_in_full(catalog):
    # 四（二） "2021年 5月 14日至 2021年 6月 11日 18：00前": open from 05-14 to 06-11, whatever
    # issue date is assumed (none is printed).
    assert_window(catalog, ROUND, dt.date(2021, 6, 11), first=dt.date(2021, 5, 14))
    occ = {o.event: o for o in catalog.deadlines(ROUND)}
    assert (occ["application-window"].start, occ["application-window"].date) == (
        dt.date(2021, 5, 14),
        dt.date(2021, 6, 11),
    )
    assert occ["application-window"].time == "18:00"
    # 三 "5 月 13日" training, 三（三） trainees' list "于 5月 9日前": the round's year
    assert occ["training"].date == dt.date(2021, 5, 13)
    assert occ["trainee-list"].date == dt.date(2021, 5, 9)
    assert not occ["training"].application and not occ["trainee-list"].application


def test_the_round_is_the_standing_standard_unchanged(catalog):
    # 一 "应符合《管理办法》第三条和第（一）和第（二）项要求": every criterion is 58号's, but for
    # the call's own 五（一） "连续三年取消申报资格" (a bar after cheating in an application)
    prog = catalog.program(ROUND)
    assert prog.extends == STANDARD
    origins = {cid: c.origin.notice for cid, c in prog.criteria.items()}
    assert origins.pop("application-barred") == CALL
    assert set(origins.values()) == {"藏经信发〔2020〕58号"}
    assert prog.params["growth_mode"].origin.clause == "第三条（一）1"
    assert prog.doc_number == CALL  # no 文号: issuer, title and "未注明日期"
    assert prog.quotas == ()  # 五（二） "择优上报" sets no number


def test_the_standard_is_not_offered_itself(catalog):
    # 第四条 "认定工作每年组织一次": the 管理办法 is applied through annual rounds
    assert catalog.program(STANDARD).abstract
    assert [p.id for p in catalog.programs(region="xizang")] == [ROUND]
    # 第十三条 "本办法自 2020年 6月 1日起实施，有效期至 2022年 12月 31日"
    period = event(catalog, STANDARD, "in-force")
    assert (period.start, period.date, period.kind) == (dt.date(2020, 6, 1), dt.date(2022, 12, 31), "in_force")
    assert not period.application
    # its other events are 第十一条's, undated until the enterprise gives the day; none is a window
    undated = {o.event for o in catalog.deadlines(STANDARD) if o.date is None}
    assert undated == {"major-change", "change-report"}
    assert not any(o.application for o in catalog.deadlines(STANDARD))


@pytest.mark.parametrize(
    ("changed", "last"),
    [
        # 第十一条 "企业发生更名、重组等重大调整的，应在一个月内将有关文件报自治区经济和信息化厅":
        # one calendar month, the day of the change not counted, ending on the corresponding
        # day of the next month: renamed 2021-06-15 → 2021-07-15
        (dt.date(2021, 6, 15), dt.date(2021, 7, 15)),
        # a month without that day ends on its last day (《民法典》第二百零二条 as srdi reads it):
        # 2022-01-31 → February 2022 has no 31st → 2022-02-28
        (dt.date(2022, 1, 31), dt.date(2022, 2, 28)),
        # 2021-08-31 → September has 30 days → 2021-09-30
        (dt.date(2021, 8, 31), dt.date(2021, 9, 30)),
    ],
)
def test_a_change_of_name_is_reported_within_a_calendar_month(catalog, changed, last):
    occ = event(catalog, STANDARD, "change-report", anchors={"major-change": changed})
    assert (occ.kind, occ.date, occ.clause, occ.notice) == ("after", last, "第十一条", "藏经信发〔2020〕58号")
    assert event(catalog, STANDARD, "major-change", anchors={"major-change": changed}).date == changed


def test_the_change_report_has_no_day_without_the_change(catalog):
    # the 办法 cannot print the day of an enterprise's 更名 or 重组: undated, not guessed
    assert event(catalog, STANDARD, "major-change").date is None
    occ = event(catalog, STANDARD, "change-report")
    assert occ.date is None
    assert "major-change" in occ.note


def test_the_change_report_is_the_standards_not_the_rounds(catalog):
    # 第十一条 binds the holders of the title the 办法 grants; the call's round does not restate it
    assert {o.event for o in catalog.deadlines(ROUND)} == {"trainee-list", "training", "application-window"}


def test_the_title_lasts_to_the_next_review_and_counts_as_provincial(catalog, example):
    # 第八条 "每 3年组织复核一次": recognised 2021-07-01 → held to 2024-06-30; it is a
    # 省级专精特新 title, so the national third batch's "省级…认定…的“专精特新”中小企业" accepts it.
    p = attrs.evolve(
        example("srdi-sme-2021-candidate"),
        recognitions=(Recognition("xizang.srdi_sme", 2021, dt.date(2021, 7, 1)),),
    )
    (expiry,) = catalog.recognition_deadlines(p)
    assert expiry.date == dt.date(2024, 6, 30)
    assert expiry.notice == "藏经信发〔2020〕58号"  # the rule is 第八条 of the 管理办法
    r = catalog.evaluate(p, "national.little-giant-3rd-batch", dt.date(2021, 8, 1))
    assert r.criterion("provincial-srdi").outcome.value == "met"
    lapsed = catalog.evaluate(p, "national.little-giant-3rd-batch", dt.date(2024, 7, 1))
    assert lapsed.criterion("provincial-srdi").outcome.value == "not_met"


def test_credit_code_routes_to_xizang(example):
    # 91540100… → 540100 拉萨市 → 540000 西藏自治区, then the nation
    cat = srdi.for_credit_code("91540100MA6T3K2N8H")
    assert cat.claims == {"540000": "xizang"}
    checked = {r.program: r.verdict.value for r in cat.check(example("srdi-sme-2021-candidate"), dt.date(2021, 5, 20))}
    assert checked[ROUND] == "eligible"
