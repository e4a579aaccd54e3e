"""What the 浙江 case files cannot state: the points table's total, rankings, quotas (exact,
per 市, 杭州's own number), 宁波 as a unit of its own, origins, rounds and routing.

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
from srdi.profile.credit_code import check_character

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KLG = ["zhejiang.key-little-giant-2021-batch-1", "zhejiang.key-little-giant-2021-batch-2"]
PF = ["zhejiang.platform-2021-batch-1", "zhejiang.platform-2021-batch-2"]
SERVICE = "zhejiang.srdi-service-platform-2021"
SME = "zhejiang.srdi-sme-2021"
CHAMPION = "zhejiang.hidden-champion-2021"
ON = dt.date(2021, 11, 1)


def code(region: str, serial: int) -> str:
    """A valid 统一社会信用代码 registered in ``region``."""
    first17 = f"91{region}MA{serial:07d}"
    return first17 + check_character(first17)


def firm(profile, region: str, serial: int, **facts):
    named = {"name": f"浙江企业{serial:03d}", "credit_code": code(region, serial)}
    return attrs.evolve(profile, facts=profile.facts | named | facts)


def test_the_hidden_champion_scores_as_printed(catalog, example):
    # 附件5 on the example (on 2021-11-01):
    #   产品市场占有率: 细分市场排名 12 (assessor, 8–20)                                  = 12
    #   产品创新性: 原创性 max(省内首台套 5, assessor 6) = 6; 专利 7; 性能 3;
    #               标准 best of 主导国家/行业 4 + N (N = 1) = 5 and 参与 2 + N (N = 2) = 4 → 5 = 21
    #   生产技术水平: 工艺 7 + 装备 4                                                       = 11
    #   持续创新能力: R&D 2 + N, N = (1400/33000 + 1500/36000) / 2 = (4.2424 + 4.1667) / 2
    #               = 4.2045 → 6.2045; 省级 研发机构 10                                     = 16.2045
    #   基础建设: 管理 4 + 国际化 3                                                          = 7
    #   附加分: 入库培育 3 + 成立时间 1 + 0.2 × 16 (2005-03-01 → 16 full years) = 4.2       = 7.2
    #   total 12 + 21 + 11 + 16.2045 + 7 + 7.2 = 74.4045; no pass mark → met (scored)
    c = catalog.evaluate(example("hidden-champion-2021"), CHAMPION, ON).criterion("evaluation")
    assert c.outcome.value == "met"
    assert c.values["得分"] == pytest.approx(74.4045, abs=1e-3)
    assert c.values["满分"] == 110


def test_score_caps_of_the_formula_items(catalog, example):
    # 主导国际标准 5: 7 + 5 = 12 → "不超过10分" → 10 (best of the four); founded 1980-01-01:
    # 41 full years → 1 + 8.2 = 9.2 → "不超过7分" → 7; 附加分 3 + 7 = 10 (cap 10).
    # Total 74.4045 − 5 + 10 (standards) − 7.2 + 10 (bonus) = 82.2045
    profile = example("hidden-champion-2021")
    profile = attrs.evolve(
        profile, facts=profile.facts | {"standards_led_international": 5, "registered_on": dt.date(1980, 1, 1)}
    )
    c = catalog.evaluate(profile, CHAMPION, ON).criterion("evaluation")
    assert c.values["得分"] == pytest.approx(82.2045, abs=1e-3)


def test_hidden_champions_rank_medium_first_then_by_score_within_each_citys_number(catalog, example):
    # 四（二）限额推荐 (附件1, supplied): 绍兴 330600 2 places. Three eligible 绍兴 firms:
    # a small one scoring 74.4045 + 4 (niche 16) = 78.4045, two medium ones scoring 74.4045 and
    # 74.4045 − 2 (niche 10) = 72.4045. "原则上以中型企业为主": the medium ones rank first, by
    # score; the small one, though best scored, is cut.
    base = example("hidden-champion-2021")
    small = firm(base, "330602", 1, size_class="small")
    small = attrs.evolve(small, scores={**base.scores, "zhejiang_niche_rank": 16})
    medium = firm(base, "330602", 2)
    weaker = attrs.evolve(firm(base, "330603", 3), scores={**base.scores, "zhejiang_niche_rank": 10})
    result = select(
        catalog, catalog.frame([small, medium, weaker]), CHAMPION, ON, allocations={"per-city": {"330600": 2}}
    )
    out = result.frame
    assert out["verdict"].tolist() == ["eligible"] * 3
    assert out["rank"].tolist() == [3, 1, 2]
    assert out["selected"].tolist() == [False, True, True]


def test_srdi_smes_are_recommended_in_exact_numbers(catalog, example):
    # 四（一）"各市专精特新中小企业遴选采取等额推荐方式（名额见附件1）": 温州 330300 given 2 with
    # 3 eligible (the third, in input order, is cut); 湖州 330500 given 2 with 1 (short, reported)
    base = example("srdi-sme-2021")
    pool = [firm(base, "330302", 1), firm(base, "330303", 2), firm(base, "330304", 3), firm(base, "330502", 4)]
    result = select(catalog, catalog.frame(pool), SME, ON, allocations={"per-city": {"330300": 2, "330500": 2}})
    assert result.frame["selected"].tolist() == [True, True, False, True]
    assert any(
        n.startswith("各市专精特新中小企业等额推荐名额（附件1）：等额推荐，湖州市") and "名额2家，只有1家符合条件" in n
        for n in result.notes
    )


def test_service_platforms_hangzhou_8_other_cities_3(catalog, example):
    # 105号 二（一）1 "杭州市推荐数量原则上不超过8个，其他市推荐数量原则上不超过3个":
    # 9 杭州 platforms → 8 go on; 4 温州 platforms → 3 go on
    base = example("platform-2021")
    pool = [firm(base, "330108", i) for i in range(1, 10)] + [firm(base, "330302", i) for i in range(10, 14)]
    out = select(catalog, catalog.frame(pool), SERVICE, dt.date(2021, 7, 8)).frame
    assert out["selected"].tolist() == [True] * 8 + [False] + [True] * 3 + [False]


@pytest.mark.parametrize(("pid", "per_city"), [(PF[0], 2), (PF[1], 3)])
def test_platforms_per_city_then_three_for_the_province(catalog, example, pid, per_city):
    # 39号 "每个市推荐数量最多不超过2个", 112号 "每市推荐数量最多不超过3个"; both "全省每批次（第二批）
    # 确定不超过3个平台". Four 杭州 platforms and two 温州 ones, in input order: 杭州 fills its
    # per-city number, then the province's 3 cut the rest.
    prog = catalog.program(pid)
    assert {q.id: q.max for q in prog.quotas} == {"per-province": 3, "per-city": per_city}
    base = example("platform-2021")
    pool = [firm(base, "330108", i) for i in range(1, 5)] + [firm(base, "330302", i) for i in range(5, 7)]
    on = dt.date(2021, 3, 8) if pid == PF[0] else dt.date(2021, 7, 22)
    out = select(catalog, catalog.frame(pool), pid, on).frame
    assert int(out["selected"].sum()) == 3
    assert int(out["selected"].iloc[:4].sum()) == min(per_city, 3)


def test_ningbo_is_a_unit_of_its_own_and_not_in_these_calls(catalog, example):
    # "各市经信局、财政局（宁波不发）": 宁波 recommends through its own notices
    for pid in (*KLG, *PF, SERVICE):
        prog = catalog.program(pid)
        assert "330200" in {catalog.regions.by_slug[s].code for s in prog.quota_units.separate}, pid
    base = example("key-little-giant-2021")
    ningbo = firm(base, "330203", 1)
    assert catalog.evaluate(ningbo, KLG[0], dt.date(2021, 3, 8)).verdict.value == "ineligible"
    # 165号 goes to 各市、县（市、区）: a 宁波 firm may apply for the provincial titles
    sme = firm(example("srdi-sme-2021"), "330203", 2)
    assert catalog.evaluate(sme, SME, ON).verdict.value == "eligible"


def test_longboard_counts_in_zhejiang_not_nationally(catalog, example):
    # 39号 二（一）2 "主导产品属于关键领域“锻长板”和“补短板”": 浙江 adds 锻长板 to the national list
    profile = example("key-little-giant-2021")
    on = dt.date(2021, 3, 8)
    assert catalog.evaluate(profile, KLG[0], on).criterion("key-product").outcome.value == "met"
    assert (
        catalog.evaluate(profile, "national.key-little-giant-2021", on).criterion("key-product").outcome.value
        == "not_met"
    )


def test_restated_conditions_cite_zhejiang(catalog):
    prog = catalog.program(KLG[1])
    assert prog.criteria["main-business-share"].origin.notice == "浙经信企业〔2021〕39号"
    assert prog.params["rd_years"].value == "each"
    assert prog.params["rd_years"].origin.notice == "浙经信企业〔2021〕112号"
    assert prog.params["growth_required"].value == 1
    assert catalog.program(KLG[0]).params["growth_required"].origin.notice == "财建〔2021〕2号"


def test_the_new_srdi_title_keeps_the_old_cultivation_policies(catalog):
    # 四（一）"原适用省级隐形冠军培育企业的政策应继续适用于浙江省专精特新中小企业"
    title = catalog.titles.by_id["zhejiang.srdi_sme"]
    assert "zhejiang.hidden_champion_cultivation" in title.counts_as


def test_rounds_follow_each_other(catalog):
    for sid, pids in (("zhejiang.key-little-giant", KLG), ("zhejiang.platform", PF)):
        rounds = catalog.series[sid].rounds
        assert [r.program.id for r in rounds] == pids
        assert [r.follows for r in rounds] == [None, pids[0]]


@pytest.mark.parametrize("name", ["key-little-giant-2021", "platform-2021", "srdi-sme-2021", "hidden-champion-2021"])
def test_credit_code_routes_to_zhejiang(name):
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    credit = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(credit)
    assert cat.claims == {"330000": "zhejiang"}
    assert [r.code for r in cat.regions.chain(credit[2:8])][-2:] == ["330000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {*KLG, *PF, SERVICE, SME, CHAMPION} <= offered
