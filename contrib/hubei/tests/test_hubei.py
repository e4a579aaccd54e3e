"""What the Hubei case files cannot state: windows, the pool as standing rules, the
cities' hard cap, the title, the series.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.batch.select import select
from srdi.inforce import in_force_period
from srdi.profile.credit_code import check_character
from srdi.testing.regions import assert_named_units
from srdi.testing.timeline import assert_window

FEB = "hubei.little-giant-2021-feb"
SEP = "hubei.little-giant-2021-sep"
KLG = (
    "hubei.key-little-giant-2021-batch-1",
    "hubei.key-little-giant-2021-batch-2",
    "hubei.key-little-giant-2022-batch-3",
)
PF = ("hubei.platform-2021-batch-1", "hubei.platform-2021-batch-2", "hubei.platform-2022-batch-3")
SERVICE = "hubei.little-giant-service-platform-2021"
POOL = "hubei.cultivation-pool"


def at(profile, region: str, serial: int):
    body = f"91{region}MA4{serial:05d}X"
    more = {"credit_code": body + check_character(body), "name": f"鄂企{serial}"}
    return attrs.evolve(profile, facts=profile.facts | more)


@pytest.mark.parametrize(
    ("programs", "first", "last"),
    [
        # February call: no date printed, read as 2021-02-05 (annex links P020210205…);
        # 二（四） "于 3月 16日前"
        ((FEB,), dt.date(2021, 2, 5), dt.date(2021, 3, 16)),
        # 2021-02-22 notice 四（二）: batch 1 "于 2021年 3 月 5 日前", batch 2 "2021年 7月 2日",
        # batch 3 "2022年 7月 2日"; each later batch opens the day after the one before
        ((KLG[0], PF[0]), dt.date(2021, 2, 22), dt.date(2021, 3, 5)),
        ((KLG[1], PF[1]), dt.date(2021, 3, 6), dt.date(2021, 7, 2)),
        ((KLG[2], PF[2]), dt.date(2021, 7, 3), dt.date(2022, 7, 2)),
        # 2021-06-29 platform call 四（一） "于 7月 5日 12时前"
        ((SERVICE,), dt.date(2021, 6, 29), dt.date(2021, 7, 5)),
        # September call 三（三）2 "自 2021年 10月 9日开始上传", the last date printed 2022-02-18
        ((SEP,), dt.date(2021, 10, 9), dt.date(2022, 2, 18)),
    ],
)
def test_windows(catalog, programs, first, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=first)


def test_the_september_call_has_two_submission_dates(catalog):
    # 三（四） "分别于 2021年 11月 30日；2022年 2月 18日前"
    events = {e.spec.id: e.spec for e in catalog.program(SEP).timeline}
    assert (events["city-papers-1"].date, events["city-papers-2"].date) == (dt.date(2021, 11, 30), dt.date(2022, 2, 18))


def test_the_pool_is_standing_rules_never_open_on_its_own(catalog):
    # 鄂经信办函〔2021〕80号 (2021-09-18): the intake opens with a 填报指南 to come
    # ("届时我们将印发"); in force from its date, no end.
    prog = catalog.program(POOL)
    assert prog.in_force.applications == "rounds"
    assert in_force_period(prog, catalog.replaced) == (dt.date(2021, 9, 18), None)
    assert not catalog.is_open(POOL, dt.date(2021, 10, 15))


def test_the_title_lasts_three_years_and_is_applied_for_again_in_its_last_year(catalog):
    # 二（三） "有效期为 3年。有效期满当年，企业须按照申报条件和程序重新申报"
    grant = catalog.program(FEB).grants
    assert (grant.title, grant.validity_years, grant.reapply) == ("hubei.little_giant", 3, "expiry_year")


def test_the_little_giant_calls_form_one_series(catalog):
    # the February call, then the September call (new conditions)
    assert [r.program.id for r in catalog.series["hubei.little-giant"].rounds] == [FEB, SEP]


def test_no_city_may_exceed_its_number(catalog, example):
    # 二 "我厅确定了各市州经信局推荐名额（附件 1）。超出推荐名额的，一律不予受理": numbers
    # supplied (附件1 not printed). 武汉 (420100) given 2, three eligible candidates → the
    # third is cut by the city's number; no unused places move ("一律不予受理").
    base = example("little-giant")
    pool = [at(base, "420100", i) for i in range(1, 4)]
    out = select(catalog, catalog.frame(pool), FEB, dt.date(2021, 3, 1), allocations={"per-city": {"420100": 2}}).frame
    assert out["verdict"].tolist() == ["eligible"] * 3
    assert out["selected"].tolist() == [True, True, False]
    assert out["cut_by"].tolist()[2] == "per-city"
    # the 市州 is named as plugin.toml registers it (not "湖北省（420100）")
    assert "（武汉市）已达上限2家" in out["reason"].iloc[2]
    quota = catalog.program(FEB).quotas[0]
    assert quota.allocation == "supplied" and quota.unused is None


def test_the_13_cities_are_named_and_found_by_code_slug_or_name(catalog, example):
    # plugin.toml registers the 12 地级市 and 恩施州 二's per-市州 numbers count (named, not
    # served), by their GB/T 2260 codes and names of 2021; a number given by slug or name
    # reaches the same unit as one given by code (`srdi select --quota per-city:wuhan=2`)
    assert_named_units(
        catalog,
        "420000",
        "city",
        13,
        named={"420100": "武汉市", "420600": "襄阳市", "422800": "恩施土家族苗族自治州"},
        found={"wuhan": "420100", "武汉市": "420100"},
    )
    base = example("little-giant")
    pool = catalog.frame([at(base, "420100", i) for i in range(1, 4)] + [at(base, "420600", 4)])
    numbers = {"per-city": {"wuhan": 2, "襄阳市": 1}}
    out = select(catalog, pool, FEB, dt.date(2021, 3, 1), allocations=numbers).frame
    assert out["selected"].tolist() == [True, True, False, True]
    assert "（武汉市）已达上限2家" in out["reason"].iloc[2]
