"""What the Xizang case files cannot state: dates, the layers, the title, routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs

import srdi
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

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
    # 一 "应符合《管理办法》第三条和第（一）和第（二）项要求": every criterion is 58号's
    prog = catalog.program(ROUND)
    assert prog.extends == STANDARD
    assert {c.origin.notice for c in prog.criteria.values()} == {"藏经信发〔2020〕58号"}
    assert prog.params["growth_mode"].origin.clause == "第三条（一）1"
    assert prog.doc_number == CALL  # no 文号: issuer, title and "未注明日期"
    assert prog.quotas == ()  # 五（二） "择优上报" sets no number


def test_the_standard_is_not_offered_itself(catalog):
    # 第四条 "认定工作每年组织一次": the 管理办法 is applied through annual rounds
    assert catalog.program(STANDARD).abstract
    assert [p.id for p in catalog.programs(region="xizang")] == [ROUND]
    # 第十三条 "本办法自 2020年 6月 1日起实施，有效期至 2022年 12月 31日"
    (period,) = catalog.deadlines(STANDARD)
    assert (period.start, period.date, period.kind) == (dt.date(2020, 6, 1), dt.date(2022, 12, 31), "in_force")
    assert not period.application


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
