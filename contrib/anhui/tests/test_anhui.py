"""What the 安徽 case files cannot state: the staged closing, the 公示 period, the
standing measures' periods, unstated money, quotas per city and per zone, the
专精特新板's 挂牌任务数 per city, the preferences among candidates, series and routing.

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
from srdi.inforce import in_force_period, is_standing
from srdi.profile import Recognition
from srdi.testing.regions import assert_named_units
from srdi.testing.strategies import credit_code
from srdi.testing.timeline import event

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SME = "anhui.srdi-sme-2021"
CHAMPION = "anhui.srdi-champion-2021"
LISTING = "anhui.srdi-board-listing-batch-5"
POOL = "anhui.fund-investment-pool-2021-batch-1"
AWARDS = ["anhui.measure-award-little-giant-2021", "anhui.measure-award-srdi-2021"]
MEASURES = [
    "anhui.measure-guarantee-fee-subsidy",
    "anhui.measure-little-giant-project-priority",
    "anhui.measure-talent",
    "anhui.measure-trade-fairs",
    "anhui.measure-cctv-promotion",
    "anhui.measure-export-credit-info",
    "anhui.measure-service-commissioner",
]


# ------------------------------------------------------------------ 培育 2021: staged closing
def test_portals_close_in_stages(catalog):
    # 五、2 "企业端口关闭时间为2021年11月22日24时，县级…11月26日24时，市级…12月3日24时":
    # only the firms' window takes applications; the other two are the reviewers' dates
    events = {o.event: o for o in catalog.deadlines(SME)}
    window = events["enterprise-window"]
    assert (window.start, window.date, window.application) == (dt.date(2021, 11, 12), dt.date(2021, 11, 22), True)
    assert (events["county-review-closes"].date, events["county-review-closes"].application) == (
        dt.date(2021, 11, 26),
        False,
    )
    assert (events["city-review-closes"].date, events["city-review-closes"].application) == (
        dt.date(2021, 12, 3),
        False,
    )
    assert not catalog.is_open(SME, dt.date(2021, 11, 26))


# ------------------------------------------------------------------ 冠军 2021: 公示
def test_publicity_runs_five_working_days(catalog):
    # 三（四） "公示期为5个工作日", counted from the day after the 公示 is published: published
    # Friday 2021-08-20 → Mon 23, Tue 24, Wed 25, Thu 26, Fri 27 → ends 2021-08-27
    published = {"publicity-start": dt.date(2021, 8, 20)}
    assert event(catalog, CHAMPION, "publicity-end", anchors=published).date == dt.date(2021, 8, 27)
    # published Thursday 2021-09-30 → the 国庆 holidays 10-01…10-07 are not working days, and
    # the make-up Saturday 2021-10-09 is: Fri 10-08, Sat 10-09, Mon 10-11, Tue 10-12, Wed 10-13
    published = {"publicity-start": dt.date(2021, 9, 30)}
    assert event(catalog, CHAMPION, "publicity-end", anchors=published).date == dt.date(2021, 10, 13)
    assert event(catalog, CHAMPION, "publicity-end").date is None


# ------------------------------------------------------------------ 办实事具体事项: standing measures
@pytest.mark.parametrize("pid", MEASURES)
def test_measures_are_in_force_from_the_notice_date_and_never_open(catalog, pid):
    # no day of effect or end printed: in force from 落款 2021-12-20 until replaced
    prog = catalog.program(pid)
    assert is_standing(prog)
    assert in_force_period(prog, catalog.replaced) == (dt.date(2021, 12, 20), None)
    assert not catalog.is_open(pid, dt.date(2022, 3, 1))


@pytest.mark.parametrize("pid", AWARDS)
def test_2021_awards_end_with_2021_and_state_no_amount(catalog, pid):
    # (二) "2021年底前，省财政安排不少于1.5亿元…不少于1.3亿…": money of 2021, per firm not stated
    prog = catalog.program(pid)
    assert in_force_period(prog, catalog.replaced) == (dt.date(2021, 12, 20), dt.date(2021, 12, 31))
    result = catalog.fund(pid)
    assert result.total is None


# ------------------------------------------------------------------ quotas and preferences
def _pool(example, rows):
    base = example("srdi-sme-2021-candidate")
    out = []
    for i, (zone, key_fields) in enumerate(rows, start=1):
        facts = dict(base.facts)
        facts["name"] = f"企业{i}"
        facts["key_fields"] = key_fields
        facts["anhui.in_separate_quota_zone"] = zone is not None
        if zone is not None:
            facts["anhui.separate_quota_zone"] = zone
        out.append(attrs.evolve(base, facts=facts))
    return out


def test_city_and_zone_places_are_counted_apart(catalog, example):
    # 四 "具体名额分配见附件1" and 五、1 "今年单列了国家级高新技术开发区、中国声谷的申报名额":
    # 合肥 given 1 place, 中国声谷 2 (附件1 is not printed: the numbers are supplied). Three
    # 合肥 firms outside the zones, three in 中国声谷, all eligible, none in the 四基 fields:
    # the first city firm and the first two zone firms are selected (input order).
    pool = _pool(example, [(None, []), (None, []), (None, []), ("中国声谷", []), ("中国声谷", []), ("中国声谷", [])])
    out = select(
        catalog,
        catalog.frame(pool),
        SME,
        dt.date(2021, 11, 15),
        allocations={"per-city": {"340100": 1}, "per-zone": {"中国声谷": 2}},
    ).frame
    assert out["verdict"].tolist() == ["eligible"] * 6
    assert out["selected"].tolist() == [True, False, False, True, True, False]
    assert out["cut_by"].tolist()[1:3] == ["per-city", "per-city"]
    assert out["cut_by"].tolist()[5] == "per-zone"


def test_four_bases_firms_are_recommended_first(catalog, example):
    # 五、1 "重点将专注工业“四基”领域，“补短板”“填空白”的创新型企业推荐上来": with one place
    # for 合肥, the third firm (补短板) ranks before the first two (none ticked)
    pool = _pool(example, [(None, []), (None, ["strategic_emerging"]), (None, ["shortboard"])])
    out = select(
        catalog, catalog.frame(pool), SME, dt.date(2021, 11, 15), allocations={"per-city": {"340100": 1}}
    ).frame
    assert out["selected"].tolist() == [False, False, True]


def test_fund_pool_prefers_titled_and_listed_firms(catalog, example):
    # 四、5 "国家专精特新“小巨人”、制造业单项冠军、省专精特新冠军企业及在省区域股权市场挂牌的
    # 企业可优先入库": the pool has no quota, but the ranking puts them first
    base = example("srdi-firm-2021")
    plain = attrs.evolve(base, facts=base.facts | {"name": "甲"})
    listed = attrs.evolve(base, facts=base.facts | {"name": "乙", "listing_board": "regional_equity"})
    giant = attrs.evolve(
        base,
        facts=base.facts | {"name": "丙"},
        recognitions=(Recognition("national.little_giant", 2020, dt.date(2020, 8, 1)),),
    )
    out = select(catalog, catalog.frame([plain, listed, giant]), POOL, dt.date(2021, 3, 1)).frame
    assert out["verdict"].tolist() == ["eligible"] * 3
    assert out["rank"].tolist() == [3, 2, 1]


def _listing_pool(example, counts):
    # the example holder of the provincial title, eligible for the listing (tests/cases/
    # srdi-board-listing-batch-5.toml derives it), registered in each city in turn
    base = example("srdi-firm-2021")
    out = []
    for region, count in counts:
        for serial in range(1, count + 1):
            facts = base.facts | {"name": f"企业{region}-{serial}", "credit_code": credit_code(region, serial)}
            out.append(attrs.evolve(base, facts=facts))
    return out


def test_listing_tasks_are_floors_per_city_reported_not_filled(catalog, example):
    # 三 "各市推荐拟挂牌企业数不设上限，且不得低于表中“挂牌任务数”": 附件1 is not printed, so the
    # user gives 合肥 (340100) 2 and 芜湖 (340200) 3; 蚌埠 (340300) gets none.
    # 3 合肥 firms, 1 芜湖, 1 蚌埠, each the eligible example: "不设上限" → no cap, all 5 go on.
    # 合肥 3 ≥ 2 → met, no note; 芜湖 1 < 3 → reported short, nobody added (the 2 missing are
    # not made up); 蚌埠 has a candidate but no number → the run names it.
    pool = _listing_pool(example, [("340100", 3), ("340200", 1), ("340300", 1)])
    tasks = {"listing-task": {"340100": 2, "340200": 3}}
    result = select(catalog, catalog.frame(pool), LISTING, dt.date(2021, 7, 26), allocations=tasks)
    assert result.frame["verdict"].tolist() == ["eligible"] * 5
    assert result.frame["selected"].all()
    use = {u.group: (u.used, u.limit, u.minimum) for u in result.usage if u.quota == "listing-task"}
    assert use == {"340100": (3, None, 2), "340200": (1, None, 3), "340300": (1, None, None)}
    # 二、3's preference is not judged for any of them (no attestation): all tie, input order.
    # The floor pass takes 合肥's first two and 芜湖's one first; 合肥's third and 蚌埠's go on by rank
    floor_rows = [i for i, r in enumerate(result.frame["reason"]) if "保底" in r]
    assert floor_rows == [0, 1, 3]
    short = [n for n in result.notes if "少于最低" in n]
    assert len(short) == 1
    # each city is named as plugin.toml registers it (not "安徽省（340200）")
    assert "：芜湖市入选1家，少于最低3家" in short[0] and " 三）" in short[0]
    unset = [n for n in result.notes if "最低数量未给出" in n]
    assert len(unset) == 1
    assert "：蚌埠市的最低数量未给出" in unset[0] and "--quota listing-task:340300=N" in unset[0]
    assert result.frame["reason"].iloc[0].startswith("入选：第1名，合肥市保底2家")
    assert not [n for n in result.notes if "安徽省（" in n]
    assert "340100" not in unset[0] and "340200" not in unset[0]


def test_listing_tasks_not_given_check_nothing_and_say_so(catalog, example):
    # the same pool without the 挂牌任务数: all 5 still go on (no cap), nobody is reported
    # short, and the run says the floors are in 附件1 and were not given
    pool = _listing_pool(example, [("340100", 3), ("340200", 1), ("340300", 1)])
    result = select(catalog, catalog.frame(pool), LISTING, dt.date(2021, 7, 26))
    assert result.frame["selected"].all()
    assert not [n for n in result.notes if "少于最低" in n]
    given = [n for n in result.notes if "各单位最低数量由通知另行下达，未载明" in n]
    assert len(given) == 1 and "--quota listing-task:<单位>=N" in given[0]


# ------------------------------------------------------------------ series and routing
def test_each_round_is_in_its_series(catalog):
    assert catalog.program(SME).series == "anhui.srdi-sme"
    assert catalog.program(CHAMPION).series == "anhui.srdi-champion"
    assert catalog.program(LISTING).series == "anhui.srdi-board-listing"
    assert catalog.program(POOL).series == "anhui.fund-investment-pool"


@pytest.mark.parametrize("name", ["srdi-sme-2021-candidate", "srdi-firm-2021"])
def test_credit_code_routes_to_anhui(name):
    # 340100 合肥市 (named, not served: no plugin claims it) falls back to 安徽省 (340000),
    # then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"340000": "anhui"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["340100", "340000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {SME, CHAMPION, LISTING, POOL, *AWARDS, *MEASURES} <= offered


def test_the_16_cities_are_named_and_found_by_code_slug_or_name(catalog, example):
    # plugin.toml registers the 16 地级市 the per-city quotas count (named, not served): a
    # unit is named by its GB/T 2260 name, and a number given by slug or name reaches the
    # same unit as one given by code (`srdi select --quota listing-task:wuhu=3`)
    # 广德市 (341882) and 宿松县 (340826), 省直管, count under 宣城市 and 安庆市
    assert_named_units(
        catalog,
        "340000",
        "city",
        16,
        named={
            "340100": "合肥市",
            "341300": "宿州市",
            "341800": "宣城市",
            "341882": "宣城市（341882）",
            "340826": "安庆市（340826）",
        },
        found={"suzhou-anhui": "341300", "宿州市": "341300", "wuhu": "340200", "芜湖": "340200"},
    )
    pool = catalog.frame(_listing_pool(example, [("340100", 3), ("340200", 1), ("340300", 1)]))
    by_name = {"listing-task": {"hefei": 2, "芜湖市": 3}}
    result = select(catalog, pool, LISTING, dt.date(2021, 7, 26), allocations=by_name)
    use = {u.group: (u.used, u.minimum) for u in result.usage if u.quota == "listing-task"}
    assert use == {"340100": (3, 2), "340200": (1, 3), "340300": (1, None)}
    assert any("：芜湖市入选1家，少于最低3家" in n for n in result.notes)
