"""What the Gansu case file cannot state: the dates and routing of 甘工信发〔2021〕95号."""

from __future__ import annotations

import datetime as dt

import srdi
from srdi.testing.timeline import assert_window

PROGRAM = "gansu.srdi-sme-2021"


def test_enterprises_file_from_the_notice_to_15_april(catalog):
    # issued 2021-04-08; 二（一） "4月 15日前在线填写并上传相关佐证材料" (the round's year, 2021)
    assert_window(catalog, PROGRAM, dt.date(2021, 4, 15), first=dt.date(2021, 4, 8))


def test_the_cities_deliver_by_20_april(catalog):
    # 四 "于 2021年 4月 20日前将正式文件、推荐汇总表、企业申请书…上报省工信厅": a date for the
    # 市州, not an application window of its own
    occ = {o.event: o for o in catalog.deadlines(PROGRAM)}
    assert occ["city-submission"].date == dt.date(2021, 4, 20)
    assert not occ["city-submission"].application
    assert occ["online-filing"].application


def test_nothing_is_encoded_beyond_what_the_notice_prints(catalog):
    # 一 refers to 甘工信发〔2019〕201号 第三条 without printing it: one judgement, no figure,
    # no quota, no money, no title with a term
    prog = catalog.program(PROGRAM)
    assert {c.type for c in prog.criteria.values()} == {"region", "attest"}
    assert prog.quotas == () and prog.fund is None and prog.grants is None


def test_credit_code_routes_to_gansu(example):
    # 91620100… → 620100 兰州市 → 620000 甘肃省
    cat = srdi.for_credit_code("91620100MA71Q5H3P3")
    assert cat.claims == {"620000": "gansu"}
    checked = {r.program: r.verdict.value for r in cat.check(example("srdi-sme-2021-candidate"), dt.date(2021, 4, 12))}
    assert checked[PROGRAM] == "eligible"
