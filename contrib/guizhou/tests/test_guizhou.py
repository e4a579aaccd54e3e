"""What the Guizhou case files cannot state: the window, standing rules and measures,
the floor of 20 nominations per 市（州）, the year's target, selection.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs

from srdi.batch.select import select
from srdi.inforce import in_force_period, is_standing
from srdi.profile.credit_code import check_character
from srdi.testing.timeline import assert_window

ROUND = "guizhou.srdi-sme-2021"
STANDARD = "guizhou.srdi-sme"
LG = "guizhou.little-giant"
NATIONAL_AWARD = "guizhou.national-little-giant-award"
PRIORITY = "guizhou.fund-priority"


def at(profile, region: str, serial: int, **facts):
    body = f"91{region}MA6{serial:05d}X"
    more = {"credit_code": body + check_character(body), "name": f"黔企{serial}", **facts}
    return attrs.evolve(profile, facts=profile.facts | more)


def test_the_2021_round_runs_from_the_notice_to_15_july(catalog):
    # dated 2021-06-15; 四（四）2 "于 7月 15日前向我厅上报申请资料"
    first, last = dt.date(2021, 6, 15), dt.date(2021, 7, 15)
    assert_window(catalog, ROUND, last, first=first)


def test_the_standard_and_the_little_giants_are_standing_rules(catalog):
    # 37号 dated 2021-05-06, no other day printed: in force from then, no end; its rounds come
    # in separate calls ("每年在省“专精特新”中小企业中择优支持一批"), so never open on its own.
    standard = catalog.program(STANDARD)
    assert standard.abstract and standard.in_force.applications == "rounds"
    lg = catalog.program(LG)
    assert in_force_period(lg, catalog.replaced) == (dt.date(2021, 5, 6), None)
    assert lg.in_force.applications == "rounds" and lg.cadence.every == "year"
    assert not catalog.is_open(LG, dt.date(2022, 3, 1))
    # the 2021 round is a round of the series and inherits the yearly cadence to 2025
    # ("“十四五”期间，年均培育认定…")
    rnd = catalog.program(ROUND)
    assert rnd.series == "guizhou.srdi-sme" and (rnd.cadence.every, rnd.cadence.through) == ("year", 2025)


def test_awards_and_priority_are_standing_measures(catalog):
    # 六（二）: the national little giant award and the priority for funds are granted
    # without a call: in force from 2021-05-06, never open.
    for pid in (NATIONAL_AWARD, PRIORITY):
        prog = catalog.program(pid)
        assert is_standing(prog), pid
        assert in_force_period(prog, catalog.replaced) == (dt.date(2021, 5, 6), None)
        assert not catalog.is_open(pid, dt.date(2022, 3, 1))


def test_the_title_lasts_three_years_with_a_review(catalog):
    # 六（三） "有效期为 3年，入选满 3年的企业需进行复核" — both titles; the 2021 round
    # inherits the grant of the standard.
    for pid in (ROUND, LG):
        grant = catalog.program(pid).grants
        assert (grant.validity_years, grant.review.every_years) == (3, 3), pid
    assert catalog.program(ROUND).grants.title == "guizhou.srdi_sme"


def test_each_city_should_nominate_at_least_20(catalog, example):
    # 四（二） "原则上推荐数量不少于 20家": 遵义 (520300) two eligible, 贵阳 (520100) one →
    # all three chosen (a minimum cuts nobody) and each city reported short of 20; the year's
    # target (一 "100户以上") reported short too.
    base = example("srdi-sme-2021")
    pool = [at(base, "520300", 1), at(base, "520300", 2), at(base, "520100", 3)]
    result = select(catalog, catalog.frame(pool), ROUND, dt.date(2021, 7, 1))
    assert result.frame["selected"].tolist() == [True, True, True]
    use = {(u.quota, u.group): (u.used, u.minimum) for u in result.usage}
    assert use[("per-city", "520300")] == (2, 20)
    assert use[("per-city", "520100")] == (1, 20)
    assert use[("target", "520000")] == (3, 100)
    short = [n for n in result.notes if "少于最低" in n]
    assert any("遵义市入选2家，少于最低20家" in n for n in short)
    assert any("贵阳市入选1家，少于最低20家" in n for n in short)
    assert any("贵州省入选3家，少于最低100家" in n for n in short)


def test_national_applicants_rank_first_then_the_pool(catalog, example):
    # 四（二） "同时将 2021年已申报工信部专精特新“小巨人”的企业纳入本次推荐名单", then
    # "重点从培育库中择优推荐": an applicant for the national title outside the pool ranks
    # before a pool member, who ranks before an enterprise in neither.
    base = example("srdi-sme-2021")
    outside = attrs.evolve(base, recognitions=[])
    neither = at(outside, "520300", 1)
    pooled = at(base, "520300", 2)
    applicant = at(outside, "520300", 3, **{"guizhou.applied_national_2021": True})
    out = select(catalog, catalog.frame([neither, pooled, applicant]), ROUND, dt.date(2021, 7, 1)).frame
    ranks = dict(zip(out["name"], out["rank"]))
    assert ranks["黔企3"] < ranks["黔企2"] < ranks["黔企1"]
