"""What the Guangdong case files cannot state: windows, the zones and cities, layers,
quotas and selection, money, routing.

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
from srdi.testing.timeline import assert_window, event

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SME = "guangdong.srdi-sme-2021"
KLG = [f"guangdong.key-little-giant-2021-batch-{n}" for n in (1, 2, 3)]
PF = [f"guangdong.platform-2021-batch-{n}" for n in (1, 2, 3)]
PRODUCT = "guangdong.new-product-2021-batch-1"
POOL = "guangdong.listing-pool-2021"
SERVICES = "guangdong.listing-services-2021"
PROJECT = "guangdong.srdi-service-project-2021"
EXAMPLES = Path(__file__).parent.parent / "examples"


# ------------------------------------------------------------------ windows
@pytest.mark.parametrize(
    ("programs", "issued", "last"),
    [
        # 7号 dated 2021-02-08; 三（三） "第一批申报材料应于 2021年 3月 15日前报送，第二批、第三批
        # 应分别于 2021年 6月 15日前、2022年 6月 15日前报送" — each open from the notice's date
        ((KLG[0], PF[0]), dt.date(2021, 2, 8), dt.date(2021, 3, 15)),
        ((KLG[1], PF[1]), dt.date(2021, 2, 8), dt.date(2021, 6, 15)),
        ((KLG[2], PF[2]), dt.date(2021, 2, 8), dt.date(2022, 6, 15)),
        # 通告〔2021〕6号 dated 2021-03-15; 三（三） "于 5 月 20 日前报我厅"
        ((SME,), dt.date(2021, 3, 15), dt.date(2021, 5, 20)),
        # 10号 dated 2021-03-16; 四（二） "于 4月 10日前报我厅"
        ((PRODUCT,), dt.date(2021, 3, 16), dt.date(2021, 4, 10)),
        # 791号 dated 2021-03-22; 二（一） "于 4月 9日前一并报我厅"
        ((POOL,), dt.date(2021, 3, 22), dt.date(2021, 4, 9)),
        # 5号 dated 2021-06-02; 四（三） the cities "6月 15日前"
        ((PROJECT,), dt.date(2021, 6, 2), dt.date(2021, 6, 15)),
    ],
)
def test_windows_run_from_the_notice_to_its_last_day(catalog, programs, issued, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=issued)


def test_each_batch_has_only_its_own_deadline(catalog):
    # 三（三）: three deadlines, one per batch (the timeline events are limited by program)
    for pid, day in zip(KLG, (dt.date(2021, 3, 15), dt.date(2021, 6, 15), dt.date(2022, 6, 15))):
        assert [o.date for o in catalog.deadlines(pid)] == [day], pid


def test_service_project_dates(catalog):
    # 5号 四（三） 省有关单位 "6月 18日前" (recorded, not the window); 附件2 "服务项目起始日期应为
    # 2021年 12月 31日前，持续时间不超过 2022年 3月 31日"
    occ = {o.event: o for o in catalog.deadlines(PROJECT)}
    assert occ["provincial-units-deadline"].date == dt.date(2021, 6, 18)
    assert not occ["provincial-units-deadline"].application
    assert (occ["project-start-by"].date, occ["project-end-by"].date) == (dt.date(2021, 12, 31), dt.date(2022, 3, 31))


def test_rolling_pool_intake_counts_from_an_undated_list(catalog):
    # 791号 二（二） "于名单公布 1个月内报我厅": the day a list is published is not printed
    occ = {o.event: o for o in catalog.deadlines(POOL)}
    assert occ["list-published"].date is None
    assert occ["list-published"].kind == "anchor"


@pytest.mark.parametrize(
    ("published", "last"),
    [
        # 791号 二（二） "于名单公布 1个月内报我厅": one calendar month, the day of publication not
        # counted; it ends on the corresponding day of the next month: 2021-06-15 → 2021-07-15
        (dt.date(2021, 6, 15), dt.date(2021, 7, 15)),
        # a month without that day ends on its last day (《民法典》第二百零二条 as srdi reads it):
        # 2022-01-31 → February 2022 has no 31st → 2022-02-28
        (dt.date(2022, 1, 31), dt.date(2022, 2, 28)),
        # December into the next year: 2021-12-20 → 2022-01-20
        (dt.date(2021, 12, 20), dt.date(2022, 1, 20)),
    ],
)
def test_the_pool_report_is_due_a_calendar_month_after_the_list(catalog, published, last):
    occ = event(catalog, POOL, "survey-report", anchors={"list-published": published})
    assert (occ.kind, occ.date, occ.clause) == ("after", last, "二（二）")
    assert not occ.application  # the cities' report, not a window; the pool "可随时填报"


def test_the_pool_report_has_no_day_without_the_list(catalog):
    # the notice prints no day of publication: the report is undated, not guessed
    occ = event(catalog, POOL, "survey-report")
    assert occ.date is None
    assert "list-published" in occ.note


def test_the_three_batches_are_rounds_in_order(catalog, example):
    # 三（三）: 第一批, 第二批, 第三批 — rounds of one series; all open from the notice's
    # date, so `follows` orders them. On 2021-06-01 the latest round the series shows
    # is the third (open to 2022-06-15).
    for kind in ("key-little-giant", "platform"):
        ids = [f"guangdong.{kind}-2021-batch-{n}" for n in (1, 2, 3)]
        progs = [catalog.program(i) for i in ids]
        assert {p.series for p in progs} == {f"guangdong.{kind}"}
        assert [p.follows for p in progs] == [None, ids[0], ids[1]]
    answer = catalog.today(example("listing-pool-2021"), dt.date(2021, 6, 1))
    (status,) = [s for s in answer.series if s.series == "guangdong.key-little-giant"]
    assert (status.program, status.state) == (KLG[2], "open")


def test_listing_services_are_a_standing_measure(catalog, example):
    # 572号 prints no start or end: in force from the notice's date (2021-02-26), with
    # no end; never "open"; listed among the measures in force for an enterprise.
    prog = catalog.program(SERVICES)
    assert (prog.in_force.start, prog.in_force.end, prog.in_force.applications) == (dt.date(2021, 2, 26), None, "none")
    assert not catalog.is_open(SERVICES, dt.date(2021, 4, 1))
    answer = catalog.today(example("listing-pool-2021"), dt.date(2021, 4, 1))
    (status,) = [s for s in answer.in_force if s.program == SERVICES]
    assert status.qualifies
    assert SERVICES not in {
        s.program for s in catalog.today(example("listing-pool-2021"), dt.date(2021, 2, 25)).in_force
    }


def test_the_standing_measures_notes_read_as_one_sentence_in_each_language(catalog):
    # 572号 prints no end: the notice's note ("方案未规定施行日期和截止日期：按印发之日起施行计。") is followed by
    # srdi's ("未规定截止日期：施行至被新的文件替代"). In Chinese the two are joined with "；" and without the
    # first one's "。" between them (it read "…施行计。; 未规定…"); in English, srdi's part is English and
    # the join is "; ".
    from srdi.i18n import speaking

    (occ,) = [o for o in catalog.deadlines(SERVICES) if o.kind == "in_force"]
    assert occ.note == "方案未规定施行日期和截止日期：按印发之日起施行计；未规定截止日期：施行至被新的文件替代"
    with speaking("en"):
        (occ,) = [o for o in catalog.deadlines(SERVICES) if o.kind == "in_force"]
    assert occ.note.startswith("方案未规定施行日期和截止日期：按印发之日起施行计; ")
    assert "未规定截止日期" not in occ.note


# ------------------------------------------------------------------ zones and cities
def test_the_plugin_names_the_21_cities_and_claims_the_province(catalog):
    # The zones of 通告〔2021〕6号 and 5号 are tested on registered codes: the plugin names
    # every 地级以上市 (so a city routes and reads by name) and serves the province only.
    cities = [r for r in catalog.regions.by_code.values() if r.parent == "440000" and r.level == "city"]
    assert len(cities) == 21
    assert catalog.claims["440000"] == "guangdong"
    assert "440100" not in catalog.claims
    assert catalog.regions.resolve("佛山").code == "440600"


def test_zone_lists_partition_the_cities(catalog):
    # 一（二）3: the 珠三角核心区 and the other zones cover the province's cities once each.
    params = catalog.program(SME).params
    prd, other = set(params["prd_codes"].value), set(params["other_codes"].value)
    assert len(prd) == 9 and len(other) == 12 and not prd & other
    named = {r.code for r in catalog.regions.by_code.values() if r.parent == "440000" and r.level == "city"}
    assert prd | other == named


def test_lowered_floors_are_80_percent_of_the_floors(catalog):
    # "以上 3、4指标要求，对于优先遴选领域的参评企业可适当降低不超过 20%": the relaxed
    # parameters are the floors × 80% (3000 → 2400, 2000 → 1600, 15% → 12%).
    prog = catalog.program(SME)
    p = prog.params
    assert p["relaxed_prd_floor"].value == prog.criteria["assets-prd"].args["value"] * 0.8
    assert p["relaxed_other_floor"].value == prog.criteria["assets-other"].args["value"] * 0.8
    assert p["relaxed_growth"].value == pytest.approx(prog.criteria["average-growth"].args["value"] * 0.8)


# ------------------------------------------------------------------ layers
def test_batches_extend_the_national_programs_through_the_province(catalog):
    for pid, growth in zip(KLG, (0, 1, 1)):
        prog = catalog.program(pid)
        assert prog.extends == "guangdong.key-little-giant-2021"
        # the thresholds Guangdong does not restate stay 财建〔2021〕2号's
        assert prog.criteria["rd-ratio"].origin.notice == "财建〔2021〕2号"
        assert prog.criteria["not-listed"].origin.notice == "粤工信融资函〔2021〕7号"
        assert prog.params["growth_required"].value == growth
        assert prog.params["growth_required"].origin.notice == "粤工信融资函〔2021〕7号"
    assert catalog.program("guangdong.key-little-giant-2021").abstract
    assert catalog.program(KLG[2]).reference_year == 2021  # 上年 of a 2022 deadline


# ------------------------------------------------------------------ quotas and selection
def _project(base, name, code, direction):
    enterprise = base.facts | {"name": name, "credit_code": code, "guangdong.service_direction": direction}
    return attrs.evolve(base, facts=enterprise)


def test_service_project_quotas_by_direction_and_city(catalog):
    # 5号 二（一）: "数字化赋能…等方向，全省各支持不超过 3个" and "珠三角地市每个服务方向推荐不超过
    # 2个，粤东粤西粤北地市每个服务方向推荐不超过 1个". Six 数字化赋能 projects, in input order:
    # 东莞 ×3, 汕头 ×2, 广州. 东莞's third exceeds its 2; 汕头's second exceeds its 1; the
    # province's 3 are then 东莞 ×2 and 汕头's first, so 广州 is cut by the province cap.
    base = srdi.load(["guangdong"]).load_profile(EXAMPLES / "platform-2021.toml")
    dg, st, gz = "91441900MA4W6R3T8M", "91440500MA4UK2P7XF", "91440100MA9W3N7L59"
    pool = [
        _project(base, "东莞一", dg, "digital"),
        _project(base, "东莞二", dg, "digital"),
        _project(base, "东莞三", dg, "digital"),
        _project(base, "汕头一", st, "digital"),
        _project(base, "汕头二", st, "digital"),
        _project(base, "广州一", gz, "digital"),
        _project(base, "广州二", gz, "innovation"),  # another direction: its own quotas
    ]
    out = select(catalog, catalog.frame(pool), PROJECT, dt.date(2021, 6, 10)).frame
    assert out["verdict"].tolist() == ["eligible"] * 7
    assert out["selected"].tolist() == [True, True, False, True, False, False, True]
    assert out["cut_by"].tolist()[2] == "city-digital"
    assert out["cut_by"].tolist()[5] == "province-digital"


def test_innovation_direction_allows_five(catalog):
    # "创新和技术服务方向全省支持不超过 5个": six projects from six cities (one each, within
    # every city's limit) → five.
    base = srdi.load(["guangdong"]).load_profile(EXAMPLES / "platform-2021.toml")
    codes = ["91441900MA4W6R3T8M", "91440500MA4UK2P7XF", "91440100MA9W3N7L59", "91440400MA4Q2N8D69",
             "91442000MA4P9E3F1D", "91441800MA4X7B2C58"]  # fmt: skip
    pool = [_project(base, f"平台{i}", c, "innovation") for i, c in enumerate(codes)]
    out = select(catalog, catalog.frame(pool), PROJECT, dt.date(2021, 6, 10)).frame
    assert out["selected"].tolist() == [True] * 5 + [False]
    assert out["cut_by"].tolist()[5] == "province-innovation"


def test_new_products_of_srdi_enterprises_rank_first(catalog):
    # 10号 二（一）1 "优先在我省或各地市工业和信息化主管部门认定的专精特新中小企业中遴选": a
    # product of a titled enterprise ranks before one of an untitled enterprise listed first.
    base = srdi.load(["guangdong"]).load_profile(EXAMPLES / "new-product-2021.toml")
    plain = attrs.evolve(base, facts=base.facts | {"name": "无称号企业"}, recognitions=())
    titled = attrs.evolve(base, facts=base.facts | {"name": "省级专精特新企业"})
    out = select(catalog, catalog.frame([plain, titled]), PRODUCT, dt.date(2021, 4, 1)).frame
    assert out["verdict"].tolist() == ["eligible", "eligible"]
    assert out["rank"].tolist() == [2, 1]


# ------------------------------------------------------------------ money
def test_service_project_money_is_capped_not_stated(catalog):
    # 二（二） "通过竞争性方式进行奖补，每家公共服务示范平台不超过 200万元": the amount is set
    # competitively (unknown, never 0), the cap is 200万元.
    res = catalog.fund(PROJECT)
    assert res.total is None
    assert res.cap == 200


@pytest.mark.parametrize("pid", KLG)
def test_key_little_giant_money_is_the_national_rule(catalog, pid):
    res = catalog.fund(pid)
    assert res.total is None  # "另行明确"
    assert [p.offset_years for p in res.payments] == [0, 1, 2]


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize(
    "example_name", ["srdi-sme-2021", "key-little-giant-2021", "platform-2021", "new-product-2021", "listing-pool-2021"]
)
def test_credit_code_routes_through_the_city_to_guangdong(example_name):
    # characters 3–8 (440600 佛山市, 440100 广州市, …) are cities the plugin names; they fall
    # back to 广东省 (440000), then the nation.
    path = EXAMPLES / f"{example_name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims.get("440000") == "guangdong"
    assert [r.code for r in cat.regions.chain(code[2:8])] == [code[2:8], "440000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {SME, PRODUCT, POOL, SERVICES, PROJECT, *KLG, *PF} <= offered
