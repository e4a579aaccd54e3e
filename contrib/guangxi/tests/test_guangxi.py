"""What the 广西 case files cannot state: windows, cadence, titles over time, origins,
quotas, selection, money, metrics and routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.batch.select import select
from srdi.inforce import in_force_period, is_standing
from srdi.testing.regions import assert_named_units
from srdi.testing.timeline import assert_window

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SME = "guangxi.srdi-sme-2021"
KLG = [f"guangxi.key-little-giant-2021-batch-{n}" for n in (1, 2, 3)]
PF = [f"guangxi.platform-2021-batch-{n}" for n in (1, 2, 3)]
DEMO = "guangxi.tech-innovation-demo-2021"
DRIVE = "guangxi.service-drive-2021"
PROJECT = "guangxi.industry-revitalisation-srdi-project-2021"


# ------------------------------------------------------------------ 2021年度“专精特新”中小企业
def test_srdi_sme_quarterly_submissions(catalog):
    # 三（三） "于每季度末10日前（4月10日，7月10日，10月10日，1月10日）": four submissions of
    # the 2021 round, the last on 2022-01-10 (the notice is dated 2021-02-23); each is a
    # deadline open from the notice's date, so the intake runs 2021-02-23 … 2022-01-10.
    events = [(o.event, o.date) for o in catalog.deadlines(SME) if o.application]
    assert events == [
        ("q1-submission", dt.date(2021, 4, 10)),
        ("q2-submission", dt.date(2021, 7, 10)),
        ("q3-submission", dt.date(2021, 10, 10)),
        ("q4-submission", dt.date(2022, 1, 10)),
    ]
    assert_window(catalog, SME, dt.date(2022, 1, 10), first=dt.date(2021, 2, 23))
    for day in (dt.date(2021, 4, 11), dt.date(2021, 12, 31)):
        assert catalog.is_open(SME, day), day


def test_srdi_sme_cadence_is_quarterly(catalog, example):
    # 三（三） "每季度末": the cadence is the quarter; after the last 2021 submission the next
    # intake is only expected (no 2022 notice is in the catalog), never announced.
    cadence = catalog.program(SME).cadence
    assert (cadence.every, cadence.clause) == ("quarter", "三（三）")
    answer = catalog.today(example("srdi-sme-2021-candidate"), dt.date(2022, 3, 1))
    status = next(s for s in answer.series if s.series == "guangxi.srdi-sme")
    assert status.to_json()["next_round"]["status"] == "expected"


def test_srdi_sme_title_lapses_after_three_years_with_a_review_in_the_expiry_year(catalog):
    # 三（二） "认定有效期为三年，期满后自动失效，有效期满当年可提出复核": granted 2021-07-15,
    # the title ends 2024-07-14 (the day before the third anniversary); the 复核 can be
    # applied for from 2024-01-01 in that year; the review falls when the title ends.
    profile = catalog.load_profile_data(
        {
            "enterprise": {"name": "甲", "credit_code": "91450100MA5L3K2N89"},
            "recognitions": [{"title": "guangxi.srdi_sme", "granted_on": dt.date(2021, 7, 15)}],
        }
    )
    events = {o.event: o for o in catalog.recognition_deadlines(profile)}
    assert events["expiry:guangxi.srdi_sme"].date == dt.date(2024, 7, 14)
    reapply = events["reapply:guangxi.srdi_sme"]
    assert (reapply.start, reapply.date, reapply.clause) == (dt.date(2024, 1, 1), dt.date(2024, 7, 14), "三（二）")
    assert events["review:guangxi.srdi_sme:1"].date == dt.date(2024, 7, 15)
    # the title counts as 省级“专精特新”中小企业 for the national programs (79号 三（一）1)
    assert "province.srdi_sme" in catalog.titles.by_id["guangxi.srdi_sme"].counts_as


def test_labour_productivity_is_output_per_person(catalog, example):
    # 一（二）5 "平均劳动生产率（产值/人数）": 2019 2400 / 140 = 17.142857, 2020 2500 / 150 =
    # 16.666667; growth 16.666667 / 17.142857 − 1 = −2.7778% → not a 正增长.
    result = catalog.evaluate(example("srdi-sme-2021-candidate"), SME, dt.date(2021, 4, 1))
    c = result.criterion("productivity-growth")
    assert c.outcome.value == "not_met"
    assert math.isclose(c.values["平均劳动生产率增长率（2020）"], -2.7778, abs_tol=1e-3)


# ------------------------------------------------------------------ 桂工信企业〔2021〕63号
@pytest.mark.parametrize(
    ("batch", "last"),
    [(0, dt.date(2021, 3, 15)), (1, dt.date(2021, 6, 15)), (2, dt.date(2022, 6, 15))],
)
def test_key_little_giant_and_platform_deadlines(catalog, batch, last):
    # 三（三） "第一批申报材料应于2021年3月15日前报送，第二批、第三批应分别于2021年、2022年
    # 6月15日前报送": each batch is open from the notice's date (2021-03-08) to its day.
    for pid in (KLG[batch], PF[batch]):
        assert_window(catalog, pid, last, first=dt.date(2021, 3, 8))


def test_batches_are_rounds_in_order(catalog):
    # the three batches of one call are rounds of one series, each following the one before
    for sid, pids in (("guangxi.key-little-giant", KLG), ("guangxi.platform", PF)):
        rounds = catalog.series[sid].rounds
        assert [r.program.id for r in rounds] == pids
        assert [r.follows for r in rounds] == [None, pids[0], pids[1]]


def test_conditions_are_the_national_ones(catalog):
    # 63号 states no condition of its own (二 lists them as headings of the 申请报告): they are
    # 财建〔2021〕2号's; 广西's wording of the 支持对象 and of 成长性 re-cites two parameters.
    for pid in KLG:
        prog = catalog.program(pid)
        for cid in ("not-listed", "main-business-share", "rd-ratio", "management", "listing-plan"):
            assert prog.criteria[cid].origin.notice == "财建〔2021〕2号", (pid, cid)
        assert prog.params["rd_years"].origin.notice == "财建〔2021〕2号"
        assert prog.params["little_giant_valid"].origin.notice == "桂工信企业〔2021〕63号"
        assert prog.criteria["in-guangxi"].origin.plugin.startswith("srdi-guangxi@")
    # "上年主营业务收入增长情况（不作为第一批申报条件）": 0 in the first batch, 1 after it
    assert [catalog.program(p).params["growth_required"].value for p in KLG] == [0, 1, 1]
    assert all(catalog.program(p).params["growth_required"].origin.clause == "二（一）1" for p in KLG)
    # 一（二） "国家（或自治区级）中小企业公共服务示范平台" re-cites the recognised titles
    recognised = catalog.program(PF[0]).criteria["recognised-platform"]
    assert recognised.origin.notice == "桂工信企业〔2021〕63号"
    assert list(recognised.args["titles"]) == ["national.sme_service_platform", "province.sme_service_platform"]


@pytest.mark.parametrize("pid", PF)
def test_at_most_three_platforms_per_batch(catalog, example, pid):
    # 63号 restates no number: the national "每省份每批次自主确定不超过3个平台" (财建〔2021〕2号
    # 二（一）) is inherited; four eligible platforms → the first three are chosen.
    prog = catalog.program(pid)
    assert [(q.id, q.max, q.scope) for q in prog.quotas] == [("per-province", 3, "province")]
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), pid, dt.date(2021, 3, 10)).frame
    assert out["verdict"].tolist() == ["eligible"] * 4
    assert out["selected"].tolist() == [True, True, True, False]


@pytest.mark.parametrize("pid", KLG)
def test_key_little_giant_money_is_the_national_rule(catalog, pid):
    # no amount in 63号; 财建〔2021〕2号 states none per enterprise ("另行明确"): the total is
    # unknown, never 0, in the national three tranches
    res = catalog.fund(pid)
    assert res.total is None
    assert [p.offset_years for p in res.payments] == [0, 1, 2]


# ------------------------------------------------------------------ 桂工信园区〔2021〕106号
def test_tech_innovation_demo_dates(catalog):
    # 二（一） "系统申报截止时间为2021年5月12日18：00"; 二（二） cities recommend "于2021年5月22日前"
    events = {o.event: o for o in catalog.deadlines(DEMO)}
    assert (events["online-deadline"].date, events["online-deadline"].time) == (dt.date(2021, 5, 12), "18:00")
    assert events["city-recommendation"].date == dt.date(2021, 5, 22)
    assert not events["city-recommendation"].application
    assert catalog.is_open(DEMO, dt.date(2021, 4, 20))
    assert_window(catalog, DEMO, dt.date(2021, 5, 12))


def test_at_most_five_recommendations_per_city(catalog, example):
    # 二（二） "各市推荐的企业数量最多不超过5家（含5家）": six eligible firms of 桂林 and one
    # of 南宁 → five of 桂林 and the one of 南宁 are recommended; the sixth of 桂林 is cut.
    base = example("tech-innovation-demo-2021")
    guilin = [attrs.evolve(base, facts=base.facts | {"name": f"桂林{i}"}) for i in range(1, 7)]
    nanning = attrs.evolve(base, facts=base.facts | {"name": "南宁1", "credit_code": "91450100MA5L3K2N89"})
    out = select(catalog, catalog.frame([*guilin, nanning]), DEMO, dt.date(2021, 5, 12)).frame
    assert out["verdict"].tolist() == ["eligible"] * 7
    assert out["selected"].tolist() == [True] * 5 + [False, True]
    assert out["cut_by"].tolist()[5] == "per-city"
    # the city is named as plugin.toml registers it (not "广西壮族自治区（450300）")
    assert out["reason"].iloc[5].startswith("未入选：第6名，各市推荐的企业数量（桂林市）已达上限5家")


def test_the_14_cities_are_named_and_found_by_code_slug_or_name(catalog):
    # plugin.toml registers the 14 设区市 二（二）'s cap counts (named, not served): a unit is
    # named by its GB/T 2260 name and found by code, slug or name
    assert_named_units(
        catalog,
        "450000",
        "city",
        14,
        named={"450100": "南宁市", "450600": "防城港市", "451400": "崇左市"},
        found={"guilin": "450300", "桂林市": "450300"},
    )


# ------------------------------------------------------------------ the service drive
def test_service_drive_is_in_force_and_never_open(catalog):
    # the notice "启动" the activity and prints no day of effect or end: in force from its
    # date, 2021-06-30, until replaced; it takes no applications; the cities report by 10-30.
    prog = catalog.program(DRIVE)
    assert is_standing(prog)
    assert in_force_period(prog, catalog.replaced) == (dt.date(2021, 6, 30), None)
    assert not catalog.is_open(DRIVE, dt.date(2021, 7, 1))
    report = next(o for o in catalog.deadlines(DRIVE) if o.event == "city-report")
    assert (report.date, report.application) == (dt.date(2021, 10, 30), False)


# ------------------------------------------------------------------ 桂工信企业〔2021〕189号
def test_projects_in_production_this_year_rank_first(catalog, example):
    # 二（三） "优先支持本年度内投产发挥效益的项目": of two eligible projects, the one producing
    # this year ranks first whatever the input order.
    base = example("industry-revitalisation-project-2021")
    later = attrs.evolve(
        base,
        facts=base.facts | {"name": "明年投产", "guangxi.project_in_production_this_year": False},
    )
    now = attrs.evolve(base, facts=base.facts | {"name": "今年投产"})
    out = select(catalog, catalog.frame([later, now]), PROJECT, dt.date(2021, 8, 2)).frame
    ranked = out.sort_values("rank")["name"].tolist()
    assert ranked == ["今年投产", "明年投产"]


def test_project_support_amount_is_not_stated(catalog, example):
    # the call names the 2021 自治区统筹支持工业振兴资金 but no amount, rate or cap: unknown, not 0
    res = catalog.fund(PROJECT, example("industry-revitalisation-project-2021"), dt.date(2021, 8, 2))
    assert res.total is None
    assert res.components[0].amount is None


def test_project_deadline(catalog):
    # 四（二） "联合行文于2021年8月9日前上报": open 2021-07-27 … 08-09
    assert not catalog.is_open(PROJECT, dt.date(2021, 7, 26))
    assert_window(catalog, PROJECT, dt.date(2021, 8, 9))


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize(
    "name",
    [
        "srdi-sme-2021-candidate",
        "key-little-giant-2021",
        "platform-2021",
        "tech-innovation-demo-2021",
        "industry-revitalisation-project-2021",
    ],
)
def test_credit_code_routes_to_guangxi(name):
    # characters 3–8 of the credit code (450100 南宁市, 450200 柳州市, 450300 桂林市) fall back
    # to 广西壮族自治区 (450000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"450000": "guangxi"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == [code[2:8], "450000", "000000"]
    assert not cat.regions.by_code[code[2:8]].claim  # named, not served
    offered = {p.id for p in cat.programs()}
    assert {SME, DEMO, DRIVE, PROJECT, *KLG, *PF} <= offered
    assert "national.key-little-giant-2021" in offered
