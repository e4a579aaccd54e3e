"""What the 福建 case files cannot state: layers and origins, the undated call, the
platform quota, the unstated award, the readings of the growth waiver, series and routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.batch.select import select

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SRDI = "fujian.srdi-sme-2021"
KLG = "fujian.key-little-giant-2021-batch-1"
PF = "fujian.platform-2021-batch-1"


def test_key_little_giant_asks_growth_of_the_first_batch(catalog):
    # 三（一）4 "成长性方面，上年主营业务收入增长；或有上市计划" without the national
    # "（不作为第一批申报条件）": growth_required 1, citing 78号; the rest is the national text
    prog = catalog.program(KLG)
    param = prog.params["growth_required"]
    assert param.value == 1
    assert param.origin.notice == "闽工信函中小〔2021〕78号"
    assert param.previous.value == 0 and param.previous.origin.notice == "财建〔2021〕2号"
    assert prog.criteria["rd-ratio"].origin.notice == "财建〔2021〕2号"
    assert prog.criteria["main-business-share"].origin.notice == "财建〔2021〕2号"


def test_the_undated_call_is_open_on_its_deadline(catalog):
    # 78号 prints no date; its only date is "3月12日前": read as dated that day
    notice = catalog.program(KLG).notice.spec.notice
    assert (notice.issued_on, notice.date_printed) == (dt.date(2021, 3, 12), False)
    assert catalog.windows(KLG, [2021]) == [(dt.date(2021, 3, 12), dt.date(2021, 3, 12))]


def test_the_national_limit_of_three_platforms_stands(catalog, example):
    # 78号 prints no number of platforms: the national "每省份每批次自主确定不超过3个平台"
    # applies, citing 财建〔2021〕2号; four eligible platforms → the first three
    prog = catalog.program(PF)
    assert [(q.id, q.max) for q in prog.quotas] == [("per-province", 3)]
    assert prog.quota_origins["per-province"].notice == "财建〔2021〕2号"
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), PF, dt.date(2021, 3, 12)).frame
    assert out["selected"].tolist() == [True, True, True, False]


def test_the_award_amount_is_not_stated(catalog, example):
    # 五 "统筹省市资金对每家企业给予相应资金奖励": no amount → unknown, never 0
    result = catalog.fund(SRDI, example("srdi-sme-2021-candidate"), dt.date(2021, 6, 1))
    assert result.total is None


def test_growth_waiver_readings(catalog):
    # 二（二）: the growth rates waived this year (default 0), profitability still asked
    # (default 1); both readings are named parameters citing the clause
    prog = catalog.program(SRDI)
    assert prog.params["growth_required"].value == 0
    assert prog.params["profit_required"].value == 1
    assert {prog.params[n].origin.clause for n in ("growth_required", "profit_required")} == {"二（二）"}


def test_each_program_is_a_round_of_its_series(catalog):
    for sid, pid in (("fujian.srdi-sme", SRDI), ("fujian.key-little-giant", KLG), ("fujian.platform", PF)):
        assert [r.program.id for r in catalog.series[sid].rounds] == [pid]


@pytest.mark.parametrize("name", ["srdi-sme-2021-candidate", "key-little-giant-2021", "platform-2021"])
def test_credit_code_routes_to_fujian(name):
    # 350100 福州市 falls back to 福建省 (350000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"350000": "fujian"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["350000", "000000"]
    assert {SRDI, KLG, PF} <= {p.id for p in cat.programs()}
