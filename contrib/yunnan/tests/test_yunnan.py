"""What the 云南 case files cannot state: the 州市's 推荐目标数 (省级“小巨人” 五（一）), floors
per 州市 the user supplies, counted over a pool of firms.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs

from srdi.batch.select import select
from srdi.profile import Recognition
from srdi.testing.regions import assert_named_units
from srdi.testing.strategies import credit_code

LITTLE_GIANT = "yunnan.little-giant-2021"
ON = dt.date(2021, 9, 10)
NATIONAL = Recognition("national.little_giant", 2021, dt.date(2021, 7, 1))


def _pool(example, rows):
    # the example (tests/cases/little-giant-2021.toml derives it eligible by the conditions
    # route on 2021-09-10), registered in each county in turn; `national` adds a national
    # little giant title granted 2021-07-01 (in force on the day: also the direct route)
    base = example("little-giant-2021")
    out = []
    for serial, (region, national) in enumerate(rows, start=1):
        facts = base.facts | {"name": f"企业{region}-{serial}", "credit_code": credit_code(region, serial)}
        out.append(attrs.evolve(base, facts=facts, recognitions=(NATIONAL,) if national else ()))
    return out


# 昆明: 五华区 (530102) 2, 盘龙区 (530103) 1 → 3 under 530100; 曲靖: 麒麟区 (530302) 1, and 1
# national little giant; 玉溪: 红塔区 (530402) 1.
ROWS = [
    ("530102", False),
    ("530102", False),
    ("530103", False),
    ("530302", False),
    ("530302", True),
    ("530402", False),
]


def test_targets_per_city_are_floors_reported_not_filled(catalog, example):
    # 五（一）"各州市推荐企业数量（含复核申报企业）应不低于《省级专精特新“小巨人”企业推荐目标
    # 数》（附件 6）中目标数量": 附件6 is not printed; the user gives 昆明 (530100) 2 and 曲靖
    # (530300) 2; 玉溪 (530400) gets none. All 6 firms are eligible, and a floor sets no cap
    # → all 6 go on.
    # - 昆明: the counties add up to the 州市 (scope city) → 3 ≥ 2: met, no note;
    # - 曲靖: the national little giant "直接入库培育" and is no 推荐企业: it goes on but does not
    #   count → 1 < 2: reported short, nobody added;
    # - 玉溪: a 推荐企业 but no number → the run names it.
    # 复核 applicants of the 2019 list apply under this same program: they are rows like any
    # other and count the same ("含复核申报企业").
    pool = _pool(example, ROWS)
    floors = {"city-target": {"530100": 2, "530300": 2}}
    result = select(catalog, catalog.frame(pool), LITTLE_GIANT, ON, allocations=floors)
    out = result.frame
    assert out["verdict"].tolist() == ["eligible"] * 6
    assert out["selected"].all()
    use = {u.group: (u.used, u.limit, u.minimum) for u in result.usage if u.quota == "city-target"}
    assert use == {"530100": (3, None, 2), "530300": (1, None, 2), "530400": (1, None, None)}
    # no ranking is printed (input order): the floor pass takes 昆明's first two and 曲靖's
    # 推荐企业 first; the rest go on by rank
    floor_rows = [i for i, r in enumerate(out["reason"]) if "保底" in r]
    assert floor_rows == [0, 1, 3]
    short = [n for n in result.notes if "少于最低" in n]
    assert len(short) == 1
    # each 州市 is named as plugin.toml registers it (not "云南省（530300）")
    assert "：曲靖市入选1家，少于最低2家" in short[0] and "五（一）" in short[0]
    unset = [n for n in result.notes if "最低数量未给出" in n]
    assert len(unset) == 1
    assert "：玉溪市的最低数量未给出" in unset[0] and "--quota city-target:530400=N" in unset[0]
    assert out["reason"].iloc[0].startswith("入选：第1名，昆明市保底2家")
    assert not [n for n in result.notes if "云南省（" in n]
    assert "530100" not in unset[0] and "530300" not in unset[0]


def test_targets_not_given_check_nothing_and_say_so(catalog, example):
    # the same pool without 附件6's numbers: all 6 still go on (no cap), nobody is reported
    # short, and the run says the floors were not given
    result = select(catalog, catalog.frame(_pool(example, ROWS)), LITTLE_GIANT, ON)
    assert result.frame["selected"].all()
    assert not [n for n in result.notes if "少于最低" in n]
    given = [n for n in result.notes if "各单位最低数量由通知另行下达，未载明" in n]
    assert len(given) == 1 and "--quota city-target:<单位>=N" in given[0]


def test_the_16_zhoushi_are_named_and_found_by_code_slug_or_name(catalog, example):
    # plugin.toml registers the 16 州市 五（一）'s floors count (named, not served): a unit is
    # named by its GB/T 2260 name, and a number given by slug or name reaches the same unit
    # as one given by code (`srdi select --quota city-target:kunming=2`)
    # a county no plugin lists is named by its 州市 and code
    assert_named_units(
        catalog,
        "530000",
        "city",
        16,
        named={
            "530100": "昆明市",
            "532900": "大理白族自治州",
            "533400": "迪庆藏族自治州",
            "530102": "昆明市（530102）",
        },
        found={"kunming": "530100", "昆明市": "530100", "xishuangbanna": "532800"},
    )
    by_code = {"city-target": {"530100": 2, "530300": 2}}
    by_name = {"city-target": {"kunming": 2, "曲靖市": 2}}
    pool = catalog.frame(_pool(example, ROWS))
    usage = [
        {u.group: (u.used, u.minimum) for u in select(catalog, pool, LITTLE_GIANT, ON, allocations=a).usage}
        for a in (by_code, by_name)
    ]
    assert usage[0] == usage[1] == {"530100": (3, 2), "530300": (1, 2), "530400": (1, None)}
