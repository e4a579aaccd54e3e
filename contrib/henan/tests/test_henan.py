"""What the Henan case files cannot state: windows, quotas and their overflow, selection, layers.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.batch.select import select
from srdi.profile.credit_code import check_character
from srdi.testing.timeline import assert_window

SRDI = "henan.srdi-sme-2021"
KLG1 = "henan.key-little-giant-2021-batch-1"
PF1 = "henan.platform-2021-batch-1"
LG3 = "henan.little-giant-2021-batch-3"


def credit_code(region: str, serial: int) -> str:
    body = f"91{region}MA9{serial:05d}X"
    return body + check_character(body)


def at(profile, region: str, serial: int, **facts):
    more = {"credit_code": credit_code(region, serial), "name": f"豫企{serial}", **facts}
    return attrs.evolve(profile, facts=profile.facts | more)


# ------------------------------------------------------------------ windows
@pytest.mark.parametrize(
    ("programs", "first", "last"),
    [
        # 27号 prints no date (read as 2021-03-02); 二（二） "3月 25日前在线填写并上传"
        ((SRDI,), dt.date(2021, 3, 2), dt.date(2021, 3, 25)),
        # 38号 prints no date (its annex link is dated 20210302); 四（二） "应于 2021年 3月 16日前"
        ((KLG1, PF1), dt.date(2021, 3, 2), dt.date(2021, 3, 16)),
        # 78号 三（一）1 "自 2021年 4月 28日至 5月 6日期间上传"
        ((LG3,), dt.date(2021, 4, 28), dt.date(2021, 5, 6)),
    ],
)
def test_windows_run_to_their_last_day(catalog, programs, first, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=first)


def test_the_cities_submit_third_batch_papers_by_10_may(catalog):
    # 78号 三（二） "于 2021年 5月 10日前将加盖公章的正式文件、推荐汇总表…报送至省工业和信息化厅"
    events = {e.spec.id: e for e in catalog.program(LG3).timeline}
    assert events["city-submission"].spec.date == dt.date(2021, 5, 10)
    assert not events["city-submission"].spec.application
    assert events["city-submission"].origin.notice == "豫工信办企业〔2021〕78号"


def test_yearly_recognition_to_2025(catalog):
    # 27号 五（二） "我省计划到 2025年，每年拟认定 1000家左右"
    prog = catalog.program(SRDI)
    assert prog.series == "henan.srdi-sme"
    assert (prog.cadence.every, prog.cadence.through) == ("year", 2025)


# ------------------------------------------------------------------ quotas
def test_cities_numbers_are_supplied(catalog, example):
    # 27号 五（一） "我厅确定了各地推荐名额" (附件5, not printed): numbers the user supplies.
    # 郑州 (410100) given 1; two eligible 郑州 candidates and one from 洛阳 (410300, no
    # number given): the second 郑州 candidate is cut by the city's number.
    base = example("srdi-sme-2021")
    pool = [at(base, "410100", 1), at(base, "410100", 2), at(base, "410300", 3)]
    out = select(
        catalog, catalog.frame(pool), SRDI, dt.date(2021, 3, 15), allocations={"per-city": {"410100": 1}}
    ).frame
    assert out["verdict"].tolist() == ["eligible"] * 3
    assert out["selected"].tolist() == [True, False, True]
    assert out["cut_by"].tolist()[1] == "per-city"


def test_qualified_applicants_beyond_1000_go_to_the_pool(catalog, example):
    # 27号 五（二） "每年拟认定 1000家左右" and 四 "符合申报条件的落选企业，全部纳入河南省
    # “专精特新”中小企业培育库": 1001 eligible candidates, no city numbers given → the first
    # 1000 (input order: no stated indicator, and none is in the focus fields) are chosen,
    # the 1001st is cut by the annual quota and told it goes to the pool.
    base = example("srdi-sme-2021")
    base = attrs.evolve(base, facts=base.facts | {"henan.focus_fields": []})
    pool = [at(base, "410100", i) for i in range(1, 1002)]
    out = select(catalog, catalog.frame(pool), SRDI, dt.date(2021, 3, 15)).frame
    assert int(out["selected"].sum()) == 1000
    assert not out["selected"].iloc[1000]
    assert out["cut_by"].iloc[1000] == "annual"
    assert "纳入河南省“专精特新”中小企业培育库" in out["reason"].iloc[1000]


def test_focus_fields_rank_first(catalog, example):
    # 27号 一 "重点支持以下领域（产业）的相关企业": with 郑州's number 1, the candidate in
    # the "556" system ranks before one in none of the four fields listed before it.
    base = example("srdi-sme-2021")
    plain = at(base, "410100", 1, **{"henan.focus_fields": []})
    focused = at(base, "410100", 2, **{"henan.focus_fields": ["system_556"]})
    out = select(
        catalog, catalog.frame([plain, focused]), SRDI, dt.date(2021, 3, 15), allocations={"per-city": {"410100": 1}}
    ).frame
    assert out["selected"].tolist() == [False, True]


def test_at_most_three_platforms(catalog, example):
    # 38号 三（三） "不超过 3个国家（或省级）中小企业公共服务示范平台": replaces the national
    # quota in place (same id) and cites 38号; four eligible platforms → the first three.
    prog = catalog.program(PF1)
    assert [(q.id, q.max, q.scope) for q in prog.quotas] == [("per-province", 3, "province")]
    assert prog.quota_origins["per-province"].notice == "豫工信联企业〔2021〕38号"
    base = example("platform-2021")
    pool = [at(base, "410100", i) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), PF1, dt.date(2021, 3, 10)).frame
    assert out["verdict"].tolist() == ["eligible"] * 4
    assert out["selected"].tolist() == [True, True, True, False]


# ------------------------------------------------------------------ third batch: selection
def test_third_batch_ranks_henan_titles_then_key_fields_then_the_citys_place(catalog, example):
    # 78号 三（三） "重点从认定的河南省“专精特新”中小企业中择优", 二 "应优先聚焦" the 重点领域,
    # 三（二） each city "要参考佐证材料进行核实和排序". The national 200 per province keeps
    # everyone here, so the ranking is read from the order srdi gives (rank column).
    base = example("little-giant-2021")
    provincial = [r for r in base.recognitions if r.title == "henan.srdi_sme"]
    others = [r for r in base.recognitions if r.title != "henan.srdi_sme"]
    no_title = attrs.evolve(at(base, "410300", 1, **{"henan.city_rank": 1}), recognitions=others)
    titled_second = at(base, "410300", 2, **{"henan.city_rank": 2})
    titled_first = at(base, "410100", 3, **{"henan.city_rank": 1})
    titled_no_field = at(base, "410100", 4, **{"henan.city_rank": 1, "key_fields": []})
    assert provincial
    pool = [no_title, titled_second, titled_first, titled_no_field]
    result = select(catalog, catalog.frame(pool), LG3, dt.date(2021, 5, 6))
    out = result.frame
    # no_title is not a 省级专精特新: it needs innovative_competitive_sme (not answered) → review
    assert out["verdict"].tolist() == ["review", "eligible", "eligible", "eligible"]
    ranks = dict(zip(out["name"], out["rank"]))
    # titled, in a key field: place 1 (豫企3) before place 2 (豫企2); then the titled one
    # without a key field (豫企4)
    assert ranks["豫企3"] < ranks["豫企2"] < ranks["豫企4"]


def test_key_little_giants_require_a_listing_plan(catalog):
    # 38号 一（一）6 prints only "有上市计划": the growth branch is dropped and one item of
    # the group is required; the national reading (0) stays available.
    prog = catalog.program(KLG1)
    assert "main-business-growth" not in prog.criteria
    assert prog.params["growth_required"].value == 1
    assert prog.params["growth_required"].origin.notice == "豫工信联企业〔2021〕38号"
