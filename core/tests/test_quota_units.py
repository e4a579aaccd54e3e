"""Quota units of 工信厅企业函〔2021〕79号: the 计划单列市 and the 兵团 count on their own.

五（一）: "各省、自治区、直辖市及计划单列市、新疆生产建设兵团中小企业主管部门（统称省级中小企业主管部门）
负责组织推荐和初核工作，…推荐报送总数不超过 200家，其中上年度营业收入不足 5000万元的企业数不超过
10家". Each of those 推荐单位 has its own 200 and its own 10: a firm of 大连 (210200) uses 大连's, not
辽宁's; one of 宁波 (330200) 宁波's; one registered by the 兵团 (credit code 66xxxx) the 兵团's.

The candidate is core/tests/data/third-batch-category-c.toml (derivation in test_batch_selection.py):
eligible on 2021-04-30, 营业收入 4000 < 5000 → counted against the "不足5000万元 ≤ 10" quota.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

import srdi
from srdi.batch.select import select
from srdi.testing.strategies import credit_code

CATALOG = srdi.load([])
PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)
BASE = CATALOG.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")
UNITS = [
    ("210100", "210000", "辽宁省"),
    ("210200", "210200", "大连市"),
    ("330100", "330000", "浙江省"),
    ("330200", "330200", "宁波市"),
    ("650100", "650000", "新疆维吾尔自治区"),
    ("660100", "660000", "新疆生产建设兵团"),
]


def pool() -> list:
    out = []
    for k, (region, _, _) in enumerate(UNITS):
        for i in range(1, 12):
            facts = BASE.facts | {"name": f"候选{region}-{i:02d}", "credit_code": credit_code(region, 100 * k + i)}
            out.append(attrs.evolve(BASE, facts=facts))
    return out


def test_each_recommending_unit_is_cut_by_its_own_quota():
    # 11 candidates under 5000万元 in each of the six units → in each, the first 10 go on and the 11th
    # is cut by its own unit's "不超过 10家": 6 cut in all, each naming its unit
    result = select(CATALOG, CATALOG.frame(pool()), PROGRAM, ON)
    out = result.frame
    assert list(out["selected"]) == ([True] * 10 + [False]) * 6
    for k, (_, _, name) in enumerate(UNITS):
        row = out.iloc[11 * k + 10]
        assert row["cut_by"] == "under-5000"
        assert (
            f"上年度营业收入不足5000万元的企业数（{name}）已达上限10家（工信厅企业函〔2021〕79号 五（一））"
            in row["reason"]
        )
    use = {(u.quota, u.group): u.used for u in result.usage}
    assert {g: n for (q, g), n in use.items() if q == "under-5000"} == {unit: 10 for _, unit, _ in UNITS}
    assert {g: n for (q, g), n in use.items() if q == "per-province"} == {unit: 10 for _, unit, _ in UNITS}


def test_without_the_notice_naming_them_the_cities_count_under_their_province():
    # the same pool with the program's quota units taken away: 大连 joins 辽宁 (22 → 10 go on, 12 cut),
    # 宁波 joins 浙江; the 兵团's 66xxxx codes are a unit of their own by their code alone
    prog = CATALOG.program(PROGRAM)
    plain = attrs.evolve(prog, quota_units=None, overridden=("quota_units",))
    out = select(CATALOG, CATALOG.frame(pool()), plain, ON).frame
    assert int(out["selected"].iloc[:22].sum()) == 10
    assert int(out["selected"].iloc[22:44].sum()) == 10
    assert int(out["selected"].iloc[44:55].sum()) == 10 and int(out["selected"].iloc[55:].sum()) == 10


def test_a_bingtuan_credit_code_routes_to_the_bingtuan():
    # characters 3–8 of the code: 660100 → 新疆生产建设兵团 (660000), not 新疆维吾尔自治区 (650000)
    code = credit_code("660100", 1)
    cat = srdi.for_credit_code(code)
    profile = cat.load_profile_data({"enterprise": {"credit_code": code}})
    region = cat.region_of(profile)
    assert region.code == "660100"
    assert [r.name for r in cat.regions.chain(region.code)] == ["新疆生产建设兵团", "全国"]
    assert cat.regions.resolve("bingtuan").code == "660000"
