"""The Jilin plugin beyond its case files: the layering of the 2021 round over the plan, dates, routing.

Verdicts are in tests/cases/srdi-sme-2021.toml, each derived there; ranking in test_ranking.py.
"""

from __future__ import annotations

import datetime as dt

import attrs

import srdi
from srdi.diff import diff_programs
from srdi.testing.regions import assert_named_units
from srdi.testing.timeline import assert_window

PLAN = "jilin.srdi-sme-plan"
R2021 = "jilin.srdi-sme-2021"
ON = dt.date(2021, 7, 10)


def test_applications_close_on_20_july(catalog):
    # 四（二） "2021年7月20日前完成企业推荐工作": open from the notice (2021-07-05) to 07-20
    assert_window(catalog, R2021, dt.date(2021, 7, 20), first=dt.date(2021, 7, 5))


def test_the_plan_is_a_base_never_offered_itself(catalog, example):
    assert PLAN not in {p.id for p in catalog.programs()}
    checked = [r.program for r in catalog.check(example("srdi-sme-candidate"), ON)]
    assert R2021 in checked and PLAN not in checked


def test_what_the_2021_round_changes_in_the_plan(catalog):
    # 二（三） adds 近2年 to the plan's R&D ratio (reading: each year); 一（一） keeps only
    # 中小工业企业 of the plan's scope; everything else is the plan's standard, unchanged
    d = diff_programs(catalog, PLAN, R2021)
    changed = {r.a or r.b: [str(c) for c in r.changes] for r in d.differences() if r.kind == "criterion"}
    assert changed == {
        "rd-ratio": ["years: 1 → 2"],  # combine stays "each" (the default reading)
        "industrial": [],
    }
    assert d.row("criterion", b="industrial").status == "only_b"


def test_inherited_criteria_cite_the_plan_and_changed_ones_the_2021_notice(catalog):
    program = catalog.program(R2021)
    assert program.criteria["revenue"].origin.notice_id == "jilin-2021-cultivation-plan"
    assert program.criteria["rd-ratio"].origin.notice_id == "jilin-2021-recognition"
    assert program.criteria["industrial"].origin.clause == "一（一）"


def test_the_plan_admits_other_industries_the_2021_round_does_not(catalog, example):
    # 计划 三（二）1（4） "属于其他领域或行业的中小企业": no industry condition in the plan;
    # the 2021 notice's 认定范围 stops at (三), so a wholesaler is out in 2021
    p = example("srdi-sme-candidate")
    wholesaler = attrs.evolve(p, facts=p.facts | {"industry_code": "F5171"})
    assert "industrial" not in catalog.program(PLAN).criteria
    assert catalog.evaluate(wholesaler, R2021, ON).criterion("industrial").outcome.value == "not_met"


def test_the_quota_is_200_split_among_the_cities(catalog):
    # 2021 三 "2021年，全省计划认定省级“专精特新”中小企业200户"; the plan's 三（二）3 splits the
    # yearly number among the 市（州）by numbers it does not print, unused ones going to the province
    quotas = {q.id: q for q in catalog.program(R2021).quotas}
    assert (quotas["annual"].max, quotas["annual"].scope) == (200, "province")
    per_city = quotas["per-city"]
    assert (per_city.max, per_city.scope, per_city.allocation) == (200, "city", "supplied")
    assert per_city.unused is not None and per_city.unused.to == "pool"


def test_the_9_cities_are_named_and_found_by_code_slug_or_name(catalog):
    # plugin.toml registers the 9 市（州） the per-city numbers count (named, not served), by
    # their GB/T 2260 codes and names of 2021 (`srdi select --quota per-city:changchun=N`)
    # 吉林市 is not 吉林省
    # 梅河口市 (220581, 直管) counts under 通化市, whose code it carries
    assert_named_units(
        catalog,
        "220000",
        "city",
        9,
        named={"220100": "长春市", "220200": "吉林市", "222400": "延边朝鲜族自治州", "220581": "通化市（220581）"},
        found={
            "changchun": "220100",
            "长春市": "220100",
            "jilinshi": "220200",
            "吉林市": "220200",
            "jilin": "220000",
            "吉林": "220000",
        },
    )


def test_a_changchun_credit_code_loads_only_jilin():
    # 91220106…: characters 3–8 are 220106 (长春市绿园区) → 吉林省 220000 → the jilin plugin
    cat = srdi.for_credit_code("91220106MA14WUP40B")
    assert set(cat.plugins) == {"national", "jilin"}


KLG_1 = "jilin.key-little-giant-2021-batch-1"
KLG_2 = "jilin.key-little-giant-2021-batch-2"
PLATFORM_1 = "jilin.platform-2021-batch-1"
PLATFORM_2 = "jilin.platform-2021-batch-2"
PLAN_MEASURES = (
    "jilin.provincial-funding-2021",
    "jilin.local-support-2021",
    "jilin.trade-fair-support-2021",
    "jilin.training-support-2021",
    "jilin.pool-services-2021",
)


def test_key_little_giant_batches_close_on_10_march_and_26_july(catalog):
    # 6号 五 "于3月10日前…统一报送" (notice of 2021-02-18); 34号 五 "于7月26日前…统一报送", no date
    # printed, read as issued 2021-06-01 (date_printed = false)
    assert_window(catalog, KLG_1, dt.date(2021, 3, 10), first=dt.date(2021, 2, 18))
    assert_window(catalog, KLG_2, dt.date(2021, 7, 26), first=dt.date(2021, 6, 1))
    assert [n.spec.notice.date_printed for n in catalog.notices if n.spec.notice.id == "jgxbl-2021-34"] == [False]


def test_the_second_batches_follow_the_first(catalog):
    for series, rounds in {
        "jilin.key-little-giant": [KLG_1, KLG_2],
        "jilin.platform": [PLATFORM_1, PLATFORM_2],
    }.items():
        assert [r.program.id for r in catalog.series[series].rounds] == rounds


def test_what_the_second_batch_changes(catalog):
    # 34号 六（二）5 "近2年每年均不低于4%" (each; 6号 keeps the national one ratio); 三（一） keeps
    # "（不作为第一批申报条件）", so the second batch asks growth or a listing plan (1; the first 0)
    assert catalog.program(KLG_1).params["rd_years"].value == "aggregate"
    assert catalog.program(KLG_2).params["rd_years"].value == "each"
    assert catalog.program(KLG_1).params["growth_required"].value == 0
    assert catalog.program(KLG_2).params["growth_required"].value == 1


def test_at_most_three_platforms(catalog, example):
    # 6号 一 "我省拟向国家工信部和财政部推荐不超过3个平台": four eligible platforms
    # (tests/cases/platform-2021.toml) → the first three in input order, the fourth cut
    from srdi.batch.select import select

    p = example("platform-candidate")
    pool = [attrs.evolve(p, facts=p.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), PLATFORM_1, dt.date(2021, 3, 1)).frame
    assert out["selected"].tolist() == [True, True, True, False]
    assert out["cut_by"].tolist()[3] == "per-province"


def test_the_plan_measures_are_in_force_from_10_june_2021_and_never_open(catalog):
    # the plan prints no start or end for 三（三）: in force from its date, until replaced
    for pid in PLAN_MEASURES:
        p = catalog.program(pid)
        assert (p.in_force.start, p.in_force.end, p.in_force.applications) == (dt.date(2021, 6, 10), None, "none")
        assert not catalog.is_open(pid, dt.date(2021, 7, 1))


def test_the_provincial_pool_counts_as_the_provincial_title(catalog):
    # 三（二）4（5） "纳入省级“专精特新”中小企业库，并授牌": the 省级专精特新 national notices ask for
    assert "jilin.srdi_sme_pool" in catalog.titles.holders("province.srdi_sme")
