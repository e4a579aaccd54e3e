"""What the 山西 case files cannot state: deadlines that are not windows, quotas, money,
series, origins of restated conditions, and routing.

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

PROJECT = "shanxi.srdi-project-2021"
LITTLE_GIANT = "shanxi.little-giant-2021"
KLG = "shanxi.key-little-giant-2021-batch-1"
PF = ["shanxi.platform-2021-batch-1", "shanxi.platform-2021-batch-2"]


# ------------------------------------------------------------------ deadlines
@pytest.mark.parametrize("pid", [PROJECT, LITTLE_GIANT])
def test_enterprises_by_31_may_cities_by_30_june(catalog, pid):
    # 6号 三 and 15号 三: "企业网上申报时间截止至2021年5月31日24：00时"; the cities report
    # "于2021年6月30日前" (6号 三, 15号 六、5)
    events = {o.event: o.date for o in catalog.deadlines(pid)}
    assert events["enterprise-deadline"] == dt.date(2021, 5, 31)
    assert events["city-deadline"] == dt.date(2021, 6, 30)


def test_the_cities_deadline_takes_no_applications(catalog):
    # the cities' date is no application window: closed the day after the enterprises'
    assert not catalog.is_open(PROJECT, dt.date(2021, 6, 30))


# ------------------------------------------------------------------ 优先推荐
def test_priority_industries_rank_first(catalog, example):
    # 15号 四（一） "属于国家、省重点鼓励发展的产业领域、支柱和优势产业、优势产品的企业优先推荐":
    # of two equally eligible enterprises, the one a person confirms in such a field ranks
    # first, although it comes second in the input
    base = example("little-giant-2021")
    plain = attrs.evolve(base, facts=base.facts | {"name": "甲"})
    key = attrs.evolve(
        base, facts=base.facts | {"name": "乙"}, attestations=base.attestations | {"shanxi_key_industry": True}
    )
    out = select(catalog, catalog.frame([plain, key]), LITTLE_GIANT, dt.date(2021, 5, 1)).frame
    assert out["rank"].tolist() == [2, 1]
    assert out["selected"].tolist() == [True, True]  # the notice sets no number


# ------------------------------------------------------------------ platforms
@pytest.mark.parametrize(("pid", "origin"), [(PF[0], "晋企发〔2021〕12号"), (PF[1], "财建〔2021〕2号")])
def test_at_most_three_platforms(catalog, example, pid, origin):
    # 12号 二（二） "按照国家分三批每批不超过3家平台" re-cites the national quota in place;
    # 536号 prints no number, so the national "每省份每批次自主确定不超过3个平台" stands.
    # Four eligible platforms → the first three in input order are selected.
    prog = catalog.program(pid)
    assert [(q.id, q.max) for q in prog.quotas] == [("per-province", 3)]
    assert prog.quota_origins["per-province"].notice == origin
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    on = dt.date(2021, 3, 1) if pid == PF[0] else dt.date(2021, 6, 1)
    out = select(catalog, catalog.frame(pool), pid, on).frame
    assert out["selected"].tolist() == [True, True, True, False]


def test_restated_platform_conditions_cite_shanxi(catalog):
    # 12号 二（三）1 narrows the recognised platforms to national ones; 536号 三、1 names
    # both levels again; 536号 三、3 replaces the national list of services
    first, second = (catalog.program(p) for p in PF)
    assert first.criteria["recognised-platform"].origin.notice == "晋企发〔2021〕12号"
    assert first.criteria["recognised-platform"].args["granted_from"] == 2018
    assert first.criteria["recognised-platform"].args["titles"] == ["national.sme_service_platform"]
    assert second.criteria["recognised-platform"].origin.notice == "晋企信〔2016〕536号"
    assert "services" not in second.criteria
    assert second.groups["shanxi-services"].origin.notice == "晋企信〔2016〕536号"


def test_platform_batches_are_rounds_in_order(catalog):
    rounds = catalog.series["shanxi.platform"].rounds
    assert [r.program.id for r in rounds] == PF
    assert [r.follows for r in rounds] == [None, PF[0]]


# ------------------------------------------------------------------ money
@pytest.mark.parametrize("pid", [PROJECT, KLG, *PF])
def test_money_is_not_stated(catalog, pid):
    # 6号 附件1 三 "支持方式 奖励." names no amount; 12号 and 536号 state none (the national
    # rule is inherited, its amount "另行明确")
    assert catalog.fund(pid).total is None


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("srdi-project-2021", "140700"),
        ("little-giant-2021", "140100"),
        ("key-little-giant-2021", "140400"),
        ("platform-2021", "140200"),
    ],
)
def test_credit_code_routes_to_shanxi(name, city):
    # characters 3–8 of the code are the registering authority's region: a 山西 city falls
    # back to 山西省 (140000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    assert code[2:8] == city
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"140000": "shanxi"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["140000", "000000"]
