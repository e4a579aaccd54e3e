"""What the 新疆 case files cannot state: the per-地州市 quotas, the titles, series and routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import srdi
from srdi.batch.select import select
from srdi.profile import Recognition
from srdi.profile.credit_code import check_character

PF = ["xinjiang.platform-2021-batch-1", "xinjiang.platform-2021-batch-2"]
KLG = ["xinjiang.key-little-giant-2021-batch-1", "xinjiang.key-little-giant-2021-batch-2"]
ON = {PF[0]: dt.date(2021, 2, 20), PF[1]: dt.date(2021, 6, 20)}


def platforms(example, *regions: str):
    """The example platform, once per region code, each with its own name and credit code."""
    base = example("platform-2021")
    out = []
    for i, region in enumerate(regions, 1):
        first17 = f"52{region}MA0Q2R{i:03d}"
        facts = base.facts | {"name": f"平台{i}（{region}）", "credit_code": first17 + check_character(first17)}
        out.append(attrs.evolve(base, facts=facts))
    return out


def selected(catalog, pool, pid):
    return select(catalog, catalog.frame(pool), pid, ON[pid]).frame["selected"].tolist()


# ------------------------------------------------------------------ per-地州市 numbers
def test_one_platform_per_prefecture_in_the_first_batch(catalog, example):
    # 一（二） "其他地州市各推荐 1家": two of 克拉玛依市 (650200) → the first; one of 喀什地区 → taken
    pool = platforms(example, "650200", "650203", "653100")
    assert selected(catalog, pool, PF[0]) == [True, False, True]


def test_two_per_prefecture_in_the_second_batch(catalog, example):
    # 13号 一（二） "其他地州市各推荐 2家平台": two of 克拉玛依市 → both; a third → cut
    pool = platforms(example, "650200", "650203", "650204")
    assert selected(catalog, pool, PF[1]) == [True, True, False]


@pytest.mark.parametrize("pid", PF)
def test_urumqi_eight_yet_the_national_three_bind(catalog, example, pid):
    # "乌鲁木齐市推荐 8家平台" sits beside the inherited national "每省份每批次自主确定不超过
    # 3个平台": four 乌鲁木齐 platforms → the first three (the stricter number binds)
    prog = catalog.program(pid)
    assert {q.id for q in prog.quotas} == {"per-province", "per-city"}
    assert {q.id: q.max for q in prog.quotas}["per-city"] == (21 if pid == PF[0] else 34)  # 8 + 13 × 1, 8 + 13 × 2
    pool = platforms(example, "650102", "650103", "650104", "650105")
    assert selected(catalog, pool, pid) == [True, True, True, False]


# ------------------------------------------------------------------ titles
def test_regional_srdi_title_holds_three_years(catalog, example):
    # 2021-08-10 notice 三（三） "有效期为三年", counted as 四（三） counts the 2018 cohort
    # ("2018年认定的…有效期截止到 2021年 12月 31日"): granted 2021-12-01 → held to 2024-12-31
    p = attrs.evolve(
        example("srdi-sme-2021"), recognitions=(Recognition("xinjiang.srdi_sme", 2021, dt.date(2021, 12, 1)),)
    )
    (expiry,) = catalog.recognition_deadlines(p)
    assert expiry.date == dt.date(2024, 12, 31)


def test_the_2018_cohort_ends_on_31_december_2021(catalog, example):
    # 四（三） "2018年认定的自治区级“专精特新”中小企业有效期截止到 2021年 12月 31日"
    p = attrs.evolve(
        example("srdi-sme-2021"), recognitions=(Recognition("xinjiang.srdi_sme", 2018, dt.date(2018, 3, 1)),)
    )
    (expiry,) = catalog.recognition_deadlines(p)
    assert expiry.date == dt.date(2021, 12, 31)


def test_little_giant_title_holds_three_years_and_counts_as_provincial(catalog):
    # 新工信企业〔2021〕4号 二（三） "自治区专精特新“小巨人”企业有效期为 3年"
    grant = catalog.program("xinjiang.little-giant-2021").grants
    assert (grant.title, grant.validity_years) == ("xinjiang.little_giant", 3)
    assert "province.srdi_sme" in grant.counts_as


# ------------------------------------------------------------------ series and windows
def test_batches_are_rounds_in_order(catalog):
    for sid, ids in (("xinjiang.platform", PF), ("xinjiang.key-little-giant", KLG)):
        rounds = catalog.series[sid].rounds
        assert [r.program.id for r in rounds] == ids
        assert [r.follows for r in rounds] == [None, ids[0]]


def test_second_batch_asks_growth_first_does_not(catalog):
    # 财建〔2021〕2号 模板 "上年主营业务收入增长（不作为第一批申报条件）": batch 1 → 0, batch 2 → 1
    assert catalog.program(KLG[0]).params["growth_required"].value == 0
    assert catalog.program(KLG[1]).params["growth_required"].value == 1


@pytest.mark.parametrize("pid", [*KLG, *PF])
def test_money_is_not_stated(catalog, pid):
    # neither call states an amount: the national rule is inherited, its amount not printed
    assert catalog.fund(pid).total is None


# ------------------------------------------------------------------ routing
def test_credit_code_routes_to_xinjiang(example):
    # 91650100… → 650100 乌鲁木齐市 → 650000 新疆维吾尔自治区, then the nation
    cat = srdi.for_credit_code("91650100MA78TR4K27")
    assert cat.claims == {"650000": "xinjiang"}
    checked = {r.program: r.verdict.value for r in cat.check(example("srdi-sme-2021"), dt.date(2021, 9, 1))}
    assert checked["xinjiang.srdi-sme-2021"] == "eligible"
