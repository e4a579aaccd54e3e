"""Ranking by the 认定参考指标 and filling the 市（州）numbers: the table orders, it never decides.

The example (examples/srdi-sme-candidate.toml) earns 80.5 of 100 points and is
eligible (tests/cases/srdi-sme-2021.toml derives both). The pool below changes it:

  A  the example                                         eligible, 80.5
  B  also "市场占有率…居同类产品前列" and "先进的生产技术" (专 +2 +2)   eligible, 84.5
  C  every judgement yes, but 营业收入 900 < 1000            ineligible, 50 + 10 + 10 + 10 + 10 + 6 = 96
     (加分: 领先水平 2, 引领带动 2, standard 2; no honours, no 填补空白)
  D  the example again                                   eligible, 80.5
  → B first; A and D share the second place (80.5); C keeps its points and is no candidate.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from srdi.batch.select import select
from srdi.notices.citations import NoticeText
from srdi.testing.strategies import credit_code

PROGRAM = "jilin.srdi-sme-2021"
ON = dt.date(2021, 7, 10)
TEXTS = Path(__file__).parent.parent / "src" / "srdi_jilin" / "texts"


@pytest.fixture()
def pool(catalog, example):
    a = example("srdi-sme-candidate")
    b = attrs.evolve(
        a, attestations=a.attestations | {"jilin_market_share_leading": True, "jilin_advanced_process": True}
    )
    yes = {k: True for k in a.attestations}
    c = attrs.evolve(
        a, attestations=yes, years={**a.years, 2020: a.years[2020] | {"revenue": 900.0, "main_business_revenue": 600.0}}
    )
    return catalog.frame([a, b, c, a])


def test_points_are_scored_for_everyone_and_decide_nothing(catalog, pool):
    run = catalog.run(PROGRAM, pool, ON)
    points = [run.result(i).criterion("reference-points").values["得分"] for i in range(4)]
    assert points == [80.5, 84.5, 96.0, 80.5]
    assert run.outcome_frame()["verdict"].tolist() == ["eligible", "eligible", "ineligible", "eligible"]


def test_srdi_select_ranks_by_the_points(catalog, pool):
    # the plan names the table as the reference for 择优 ("择优选取培育企业参考指标"): the eligible
    # A, B, D rank B (84.5) first, then A and D (80.5, a tie kept in input order); C is no candidate
    chosen = select(catalog, pool, PROGRAM, ON)
    assert chosen.rule == "priority"
    ranked = chosen.frame.dropna(subset=["rank"]).sort_values("rank")
    assert ranked["row"].tolist() == [2, 1, 4]
    assert ranked["basis"].tolist() == ["认定参考指标得分=84.5", "认定参考指标得分=80.5", "认定参考指标得分=80.5"]


def test_a_citys_unused_places_go_to_the_province(catalog, example):
    # 三（二）3 "合格数量超过核定指标的地区，按照核定指标认定，合格数量低于核定指标的地区，对剩余认定指标进行
    # 全省调剂". Numbers (not printed; supplied): 长春 220100 2, 吉林 220200 2, 四平 220300 1.
    # 长春 has 4 eligible candidates (points 84.5, 84.5, 80.5, 80.5), 吉林 1, 四平 none.
    # Rank order: 长春's first two fill its 2; its third and fourth are cut by it; 吉林's one goes on.
    # Unused: 吉林 1 (2 − 1) and 四平 1 (1 − 0) → 2 places to the province → 长春's third and fourth.
    a = example("srdi-sme-candidate")
    b = attrs.evolve(
        a, attestations=a.attestations | {"jilin_market_share_leading": True, "jilin_advanced_process": True}
    )

    def at(profile, region, serial):
        facts = profile.facts | {
            "region_code": region,
            "credit_code": credit_code(region, serial),
            "name": f"吉企{serial}",
        }
        return attrs.evolve(profile, facts=facts)

    # 220106 (绿园区) counts under 长春 220100, 220202 (昌邑区) under 吉林市 220200
    pool = [at(b, "220106", 1), at(b, "220106", 2), at(a, "220106", 3), at(a, "220106", 4), at(a, "220202", 5)]
    numbers = {"per-city": {"220100": 2, "220200": 2, "220300": 1}}
    result = select(catalog, catalog.frame(pool), PROGRAM, ON, allocations=numbers)
    out = result.frame
    assert out["selected"].tolist() == [True] * 5
    assert out["reason"].iloc[2] == (
        "入选：第3名，长春市名额已满，使用统筹调剂名额"
        "（吉林省工业和信息化厅《关于印发《吉林省“专精特新”中小企业培育计划（2021-2025）》的通知》（2021-06-10） 三（二）3）"
    )
    moved = [n for n in result.notes if "剩余" in n]
    assert [n.split("（", 1)[0] for n in moved] == [
        "年度认定数量",
        "年度认定数量",
    ]
    # each 市（州） is named as plugin.toml registers it, not by its province and code
    assert "吉林市核定2家，入选1家，剩余1个名额统筹调剂" in moved[0]
    assert "四平市核定1家，入选0家，剩余1个名额统筹调剂" in moved[1]
    assert not [n for n in result.notes if "吉林省（" in n]
    use = {u.group: (u.used, u.limit, u.received, u.released) for u in result.usage if u.quota == "per-city"}
    assert use["220100"] == (4, 2, 2, 0) and use["220200"] == (1, 2, 0, 1) and use["220300"] == (0, 1, 0, 1)


def test_numbers_given_by_slug_or_name_reach_the_same_cities(catalog, example):
    # `srdi select --quota per-city:changchun=2` or 长春市: the same unit as 220100
    # 长春 (220106 绿园区) 3 eligible candidates, 吉林市 (220202 昌邑区) 1; 长春 2 places, 吉林市 1:
    # 长春's third is cut by its number, and no place is left unused to take it
    a = example("srdi-sme-candidate")

    def at(region, serial):
        return attrs.evolve(a, facts=a.facts | {"region_code": region, "credit_code": credit_code(region, serial)})

    pool = [at("220106", 1), at("220106", 2), at("220106", 3), at("220202", 4)]
    for numbers in ({"changchun": 2, "jilinshi": 1}, {"长春市": 2, "吉林市": 1}):
        result = select(catalog, catalog.frame(pool), PROGRAM, ON, allocations={"per-city": numbers})
        assert result.frame["selected"].tolist() == [True, True, False, True]
        use = {u.group: (u.used, u.limit) for u in result.usage if u.quota == "per-city"}
        assert use == {"220100": (2, 2), "220200": (1, 1)}
        assert "（长春市）已达上限2家" in result.frame["reason"].iloc[2]


def test_without_spare_places_the_excess_is_cut(catalog, example):
    # the same 长春 four with only 长春's number given (2) and no other city: nothing is unused
    # elsewhere → the third and fourth are cut by 长春's number
    a = example("srdi-sme-candidate")
    pool = [attrs.evolve(a, facts=a.facts | {"credit_code": credit_code("220106", i)}) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), PROGRAM, ON, allocations={"per-city": {"220100": 2}}).frame
    assert out["selected"].tolist() == [True, True, False, False]
    assert out["cut_by"].tolist()[2:] == ["per-city", "per-city"]


def test_every_item_label_is_printed_in_the_table(catalog):
    # the items' labels are the table's 二级指标 lines, as printed
    text = NoticeText((TEXTS / "jilin-2021-cultivation-plan.txt").read_text(encoding="utf-8"))
    table = catalog.program("jilin.srdi-sme-plan").criteria["reference-points"]
    labels = [it["label"] for section in table.args["sections"] for it in section["items"]]
    assert len(labels) == 4 + 5 + 5 + 4 + 4 + 5
    assert [label for label in labels if label not in text] == []


def test_section_points_add_up_to_the_table(catalog):
    # 附件4: 50 + 10 × 4 + 10 bonus = 100
    table = catalog.program(PROGRAM).criteria["reference-points"]
    assert sum(s["points"] for s in table.args["sections"]) == 100
