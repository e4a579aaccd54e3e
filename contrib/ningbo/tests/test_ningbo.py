"""What the Ningbo case files cannot state: the deadlines, routing by credit code.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

import srdi
from srdi.testing.timeline import assert_window, event

KEY_LG = "ningbo.key-little-giant-2021-batch-1"
PLATFORM = "ningbo.platform-2021-batch-1"
SME = "ningbo.srdi-sme-2021"


@pytest.mark.parametrize(
    ("program", "last"),
    [
        # 16号 五 "请各地于 2021年 2月 26日前按要求报送下列申报材料" (the 26th included)
        (KEY_LG, dt.date(2021, 2, 26)),
        (PLATFORM, dt.date(2021, 2, 26)),
        # 122号 五 "请各地于 2021年 9月 6日前行文上报本地推荐企业名单汇总表"
        (SME, dt.date(2021, 9, 6)),
    ],
)
def test_deadlines(catalog, program, last):
    occ = event(catalog, program, "deadline")
    assert occ.date == last
    assert_window(catalog, program, last)


def test_a_ningbo_credit_code_loads_the_plugin():
    # 宁波市 is 330200; a code registered in 鄞州 (330212) routes to it.
    catalog = srdi.for_credit_code("91330212MA2GQ8LX56")
    ids = {p.id for p in catalog.programs()}
    assert {KEY_LG, PLATFORM, SME} <= ids
