"""What the Qingdao case files cannot state: the 区（市） deadline, routing by credit code.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

import srdi
from srdi.testing.timeline import assert_window, event

POOL = "qingdao.srdi-pool-2021"
TITLE = "qingdao.srdi-sme-2021"
KEY_LG = "qingdao.key-little-giant-2021-batch-1"
PLATFORM = "qingdao.platform-2021-batch-1"


@pytest.mark.parametrize("program", [POOL, TITLE])
def test_district_recommendation_deadline(catalog, program):
    # 二（三） "于 3月 25日前完成网上推荐工作" (the 25th included)
    occ = event(catalog, program, "district-recommendation")
    assert occ.date == dt.date(2021, 3, 25)
    assert_window(catalog, program, dt.date(2021, 3, 25))


@pytest.mark.parametrize("program", [KEY_LG, PLATFORM])
def test_key_little_giant_deadline(catalog, program):
    # 二（二） "各区市申报材料送达截止时间为 3月 5日 17：00，逾期不予受理" (year read as 2021)
    occ = event(catalog, program, "deadline")
    assert occ.date == dt.date(2021, 3, 5)
    assert occ.time == "17:00"
    assert_window(catalog, program, dt.date(2021, 3, 5))


def test_2022_district_recommendation_deadline(catalog):
    # 2022 认定 三（三） "请于 2月 15日前完成网上推荐工作" (2022, the 15th included)
    program = "qingdao.srdi-sme-2022"
    occ = event(catalog, program, "district-recommendation")
    assert occ.date == dt.date(2022, 2, 15)
    assert_window(catalog, program, dt.date(2022, 2, 15))


@pytest.mark.parametrize("program", ["qingdao.small-firm-tech-upgrade-2021", "qingdao.small-firm-supply-chain-2021"])
def test_small_firm_online_deadline(catalog, program):
    # 小微企业创新转型 二（三）1 "网上申报、审核、推荐截止时间为 5月 20日 17：00"
    occ = event(catalog, program, "deadline")
    assert occ.date == dt.date(2021, 5, 20)
    assert occ.time == "17:00"
    assert_window(catalog, program, dt.date(2021, 5, 20))


def test_a_qingdao_credit_code_loads_the_plugin():
    # 青岛市 is 370200; a code registered in 崂山 (370212) routes to it.
    catalog = srdi.for_credit_code("91370212MA3U8K2N4C")
    assert {POOL, TITLE, KEY_LG, PLATFORM} <= {p.id for p in catalog.programs()}
