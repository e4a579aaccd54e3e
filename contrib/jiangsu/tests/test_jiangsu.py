"""What the 江苏 case files cannot state: origins of restated conditions, quotas and
their redistribution, preferences, rounds, the pool as a prerequisite, and routing.

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

KLG = ["jiangsu.key-little-giant-2021-batch-1", "jiangsu.key-little-giant-2021-batch-2"]
PF = ["jiangsu.platform-2021-batch-1", "jiangsu.platform-2021-batch-2"]
LG = "jiangsu.little-giant-2021"
REVIEW = "jiangsu.little-giant-review-2021"
POOL = "jiangsu.qianqi-pool-2021"
N87 = "苏工信中小〔2021〕87号"
NATIONAL = "财建〔2021〕2号"


def code(region: str, serial: int) -> str:
    """A valid 统一社会信用代码 registered in ``region``."""
    first17 = f"91{region}MA{serial:07d}"
    return first17 + check_character(first17)


def firm(profile, region: str, serial: int, **facts):
    return attrs.evolve(
        profile, facts=profile.facts | {"name": f"江苏企业{serial:03d}", "credit_code": code(region, serial)} | facts
    )


def test_restated_conditions_cite_jiangsu(catalog):
    # 二（一）restates the 70% share, the R&D ratio and 成长性 in its own words: they cite 87号;
    # the listing exclusion and the invention patents are word for word: inherited
    for pid in KLG:
        prog = catalog.program(pid)
        assert prog.criteria["main-business-share"].origin.notice == N87
        assert prog.criteria["rd-ratio-2019-2020"].origin.notice == N87
        assert "rd-ratio" not in prog.criteria
        assert prog.params["growth_required"].value == 1
        assert prog.params["growth_required"].origin.notice == N87
        assert prog.criteria["not-listed"].origin.notice == NATIONAL
        assert prog.criteria["invention-patents"].origin.notice == NATIONAL


def test_growth_is_asked_in_batch_1_unlike_the_national_rule(catalog):
    # 财建〔2021〕2号 "上年主营业务收入增长（不作为第一批申报条件）" (growth_required 0);
    # 87号 二（一）5 prints no such waiver → 1 in both 江苏 batches
    assert catalog.program("national.key-little-giant-2021").params["growth_required"].value == 0
    assert [catalog.program(p).params["growth_required"].value for p in KLG] == [1, 1]


def test_platform_floors_add_to_the_national_conditions(catalog):
    # 二（二）1–2: staff, partners, assets, firms served and one function, besides the national three
    prog = catalog.program(PF[0])
    assert set(prog.groups["eligibility"].of) >= {
        "recognised-platform",
        "legal-person",
        "services",
        "jiangsu-conditions",
    }
    assert prog.groups["jiangsu-conditions"].of == ("staff", "partners", "assets", "firms-served", "functions")


def test_key_little_giants_per_city_places(catalog, example):
    # 四（三）"各设区市按照分配名额（附件10）分别提出…推荐意见": numbers supplied (附件10 not
    # printed). 苏州 320500 given 2 places; three eligible 苏州 firms and one 无锡 firm (1 place):
    # input order ranks; the third 苏州 firm is cut, the 无锡 firm goes on.
    base = example("key-little-giant-2021")
    pool = [firm(base, "320506", 1), firm(base, "320583", 2), firm(base, "320505", 3), firm(base, "320211", 4)]
    allocations = {"per-city": {"320500": 2, "320200": 1}}
    out = select(catalog, catalog.frame(pool), KLG[0], dt.date(2021, 3, 8), allocations=allocations).frame
    assert out["verdict"].tolist() == ["eligible"] * 4
    assert out["selected"].tolist() == [True, True, False, True]
    assert out["cut_by"].iloc[2] == "per-city"
    # the 设区市 is named as plugin.toml registers it (not "江苏省（320500）")
    assert "（苏州市）已达上限2家" in out["reason"].iloc[2]


def test_platforms_keep_the_national_three_per_batch(catalog, example):
    # 财建〔2021〕2号 "每省份每批次自主确定不超过3个平台" is inherited beside 江苏's per-city
    # places; four eligible platforms in four cities without supplied numbers: the fourth is cut
    prog = catalog.program(PF[0])
    assert {q.id: q.max for q in prog.quotas} == {"per-province": 3, "per-city": None}
    base = example("platform-2021")
    pool = [firm(base, region, i) for i, region in enumerate(("320102", "320205", "320505", "320602"), 1)]
    out = select(catalog, catalog.frame(pool), PF[0], dt.date(2021, 3, 8)).frame
    assert out["selected"].tolist() == [True, True, True, False]


def test_unused_places_of_a_county_go_to_its_city(catalog, example):
    # 522号 三（二）"各地参照推荐名额（见附件2）择优推荐…若有县（市）未使用完推荐名额，剩余名额可由
    # 所在设区市统筹". Numbers supplied: 昆山 320583 1, 太仓 320585 1 (both 苏州 320500).
    # 昆山 2 eligible candidates, 太仓 none: 昆山's second is cut by its own number, then takes
    # 太仓's unused place through 苏州.
    base = example("little-giant-2021")
    pool = [firm(base, "320583", 1), firm(base, "320583", 2)]
    allocations = {"per-unit": {"320583": 1, "320585": 1}}
    result = select(catalog, catalog.frame(pool), LG, dt.date(2021, 11, 1), allocations=allocations)
    assert result.frame["selected"].tolist() == [True, True]
    use = {u.group: (u.used, u.limit, u.received, u.released) for u in result.usage}
    assert use["320583"] == (2, 1, 1, 0) and use["320585"] == (0, 1, 0, 1)
    # the 县（市）and their 设区市 are named as plugin.toml registers them
    assert result.frame["reason"].iloc[1].startswith("入选：第2名，昆山市名额已满，使用苏州市统筹名额")
    assert any(
        n.startswith("各地推荐名额（附件2）：太仓市核定1家，入选0家，剩余1个名额由苏州市统筹") for n in result.notes
    )


def test_the_cities_and_counties_are_named_and_found_by_code_slug_or_name(catalog, example):
    # plugin.toml registers the 13 设区市 (87号's per-city places; 522号's unused places go to
    # them) and the 95 县（市、区）522号's per-unit places count (named, not served), by their
    # GB/T 2260 codes and names of 2021
    regions = catalog.regions
    cities = [r for r in regions.by_code.values() if r.parent == "320000"]
    assert len(cities) == 13 and all(r.level == "city" and not r.claim for r in cities)
    units = [r for r in regions.by_code.values() if r.parent in {c.code for c in cities}]
    assert len(units) == 95 and all(r.level == "district" and not r.claim for r in units)
    assert all(r.parent == r.code[:4] + "00" for r in units)
    assert regions.resolve("320500").name == "苏州市"
    assert regions.resolve("321200").name == "泰州市"
    assert regions.resolve("320583").name == "昆山市"
    assert regions.resolve("320613").name == "崇川区"  # merged with 港闸区 in 2020, a new code
    assert regions.resolve("320614").name == "海门区"
    # two 鼓楼区, told apart by code or slug
    assert regions.resolve("gulou-nanjing").code == "320106"
    assert regions.resolve("gulou-xuzhou").code == "320302"
    assert regions.resolve("suzhou-jiangsu").code == regions.resolve("苏州市").code == "320500"
    assert regions.resolve("huaian").code == "320800" and regions.resolve("huaianqu").code == "320803"
    # a code a registration authority uses outside GB/T 2260 is named by its 设区市
    assert regions.resolve("320594").name == "苏州市（320594）"
    # numbers given by slug or name reach the same units as codes
    base = example("little-giant-2021")
    pool = catalog.frame([firm(base, "320583", 1), firm(base, "320583", 2)])
    result = select(catalog, pool, LG, dt.date(2021, 11, 1), allocations={"per-unit": {"kunshan": 1, "太仓市": 1}})
    use = {u.group: (u.used, u.limit, u.received, u.released) for u in result.usage}
    assert use == {"320583": (2, 1, 1, 0), "320585": (0, 1, 0, 1)}
    key = example("key-little-giant-2021")
    pool = catalog.frame([firm(key, "320506", 1), firm(key, "320505", 2)])
    places = {"per-city": {"suzhou-jiangsu": 1}}
    out = select(catalog, pool, KLG[0], dt.date(2021, 3, 8), allocations=places).frame
    assert out["selected"].tolist() == [True, False]
    assert "（苏州市）已达上限1家" in out["reason"].iloc[1]


def test_preferred_orientation_ranks_first(catalog, example):
    # 四（一）"属于…我省先进制造业集群和重点产业链中的企业和产品，可予以优先推荐认定": listed second,
    # the firm in a cluster ranks before the one without any preferred orientation
    base = example("little-giant-2021")
    plain = firm(base, "320583", 1, **{"jiangsu.priority_orientation": []})
    preferred = firm(base, "320583", 2)
    out = select(catalog, catalog.frame([plain, preferred]), LG, dt.date(2021, 11, 1)).frame
    assert out["verdict"].tolist() == ["eligible", "eligible"]
    assert out.sort_values("rank")["name"].tolist() == ["江苏企业002", "江苏企业001"]


def test_the_pool_is_the_prerequisite_of_the_title(catalog, example):
    # 452号 三（一）"省级以上专精特新小巨人企业的培育和认定都将从入库企业中遴选推荐"; 522号 一（一）
    # asks the pool of both the recognition and the review
    for pid in (LG, REVIEW):
        crit = catalog.program(pid).criteria["pool"]
        assert crit.args["titles"] == ["jiangsu.qianqi_pool"]
    profile = attrs.evolve(example("little-giant-2021"), recognitions=())
    assert catalog.evaluate(profile, LG, dt.date(2021, 11, 1)).verdict.value == "ineligible"


def test_recognition_and_review_confer_the_same_three_year_title(catalog):
    # 三（三）"认定及复核结果…有效期为3年"; 四（二）"复核通过的企业将被重新公告有效"
    for pid in (LG, REVIEW):
        grants = catalog.program(pid).grants
        assert (grants.title, grants.validity_years) == ("jiangsu.little_giant", 3)


@pytest.mark.parametrize(
    ("held", "category"),
    [
        ("jiangsu.legacy_srdi_product", "product-review"),
        ("jiangsu.legacy_tech_little_giant", "manufacturing-review"),
        ("jiangsu.legacy_hidden_champion", "manufacturing-review"),
        ("jiangsu.legacy_hidden_little_giant", "innovation-review"),
    ],
)
def test_each_old_title_is_reviewed_under_its_current_category(catalog, held, category):
    # 二（二）"原认定专精特新产品复核“专精特新产品”，原认定科技小巨人企业、隐形冠军企业复核
    # “小巨人企业（制造类）”，原认定隐形小巨人企业复核“小巨人企业（创新类）”"
    # each held title counts only if granted in 2012–2016 or in 2018 (二（一）)
    prog = catalog.program(REVIEW)
    holder = next(c for c in prog.groups[category].of if c.startswith("held-"))
    bounds = []
    for cid in prog.groups[holder].of:
        crit = prog.criteria[cid]
        assert held in crit.args["titles"]
        bounds.append((crit.args["granted_from"], crit.args["granted_until"]))
    assert bounds == [(2012, 2016), (2018, 2018)]


def test_rounds_follow_each_other(catalog):
    for sid, pids in (("jiangsu.key-little-giant", KLG), ("jiangsu.platform", PF)):
        rounds = catalog.series[sid].rounds
        assert [r.program.id for r in rounds] == pids
        assert [r.follows for r in rounds] == [None, pids[0]]


@pytest.mark.parametrize(
    "name", ["key-little-giant-2021", "platform-2021", "little-giant-2021", "little-giant-review-2021"]
)
def test_credit_code_routes_to_jiangsu(name):
    # a 区/县 code (320506 吴中区 …) falls back to 江苏省 (320000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    credit = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(credit)
    assert cat.claims == {"320000": "jiangsu"}
    assert [r.code for r in cat.regions.chain(credit[2:8])][-2:] == ["320000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {*KLG, *PF, LG, REVIEW, POOL} <= offered
