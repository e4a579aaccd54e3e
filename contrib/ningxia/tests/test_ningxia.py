"""What the 宁夏 case files cannot state: the 办法 as standing rules with yearly calls and
their end, the titles' term and chain, the industry average the compendium does not print,
the awards, the calls' dates, and routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.inforce import in_force_period
from srdi.testing.timeline import assert_window, event

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SME = "ningxia.srdi-sme"
DEMO = "ningxia.srdi-demo"
LG = "ningxia.little-giant"
RULES = [SME, DEMO, LG]
KLG = "ningxia.key-little-giant-2021-batch-2"
PF2 = "ningxia.platform-2021-batch-2"
FUND = "ningxia.platform-fund-2021"
POOL = "ningxia.srdi-pool-2021"


# ------------------------------------------------------------------ the 办法
@pytest.mark.parametrize("pid", RULES)
def test_the_rules_are_in_force_to_2023_and_never_open_themselves(catalog, pid):
    # 第二十二条 "本办法自发布之日起施行，有效期至 2023年 12月 31日" (issued 2021-03-17);
    # 第九条 "每年组织一次": calls are separate notices, none of them in the compendium
    prog = catalog.program(pid)
    assert in_force_period(prog, catalog.replaced) == (dt.date(2021, 3, 17), dt.date(2023, 12, 31))
    assert prog.in_force.applications == "rounds"
    assert prog.cadence.every == "year"
    assert not catalog.is_open(pid, dt.date(2021, 6, 1))


@pytest.mark.parametrize(
    ("title", "granted", "ends"),
    [
        # 第十六条 "自认定之日起有效期 3年": granted 2021-12-20 → last day 2024-12-19
        ("ningxia.srdi_sme", dt.date(2021, 12, 20), dt.date(2024, 12, 19)),
        ("ningxia.srdi_demo", dt.date(2021, 12, 20), dt.date(2024, 12, 19)),
        ("ningxia.little_giant", dt.date(2021, 12, 20), dt.date(2024, 12, 19)),
    ],
)
def test_each_title_lasts_three_years(catalog, title, granted, ends):
    profile = catalog.load_profile_data(
        {
            "enterprise": {"name": "甲", "credit_code": "91640100MA76H8K2XL"},
            "recognitions": [{"title": title, "granted_on": granted}],
        }
    )
    events = {o.event: o for o in catalog.recognition_deadlines(profile)}
    assert events[f"expiry:{title}"].date == ends


def test_the_awards_are_30_and_100(catalog):
    # 第十五条（五） "分别给予 30万元、100万元一次性资金奖励支持": 示范企业 30, 小巨人 100; the
    # first tier has no award
    assert catalog.fund(DEMO).total == 30
    assert catalog.fund(LG).total == 100
    assert catalog.program(SME).fund is None


def test_a_hidden_champion_of_the_old_rules_counts_as_a_little_giant(catalog):
    # 第十七条 "之前已认定的自治区专精特新“隐形冠军”企业，自动过渡为自治区专精特新“小巨人”企业"
    assert "ningxia.hidden_champion" in catalog.titles.holders("ningxia.little_giant")
    # the first tier also counts as the generic provincial 专精特新 title (national calls ask it)
    assert "ningxia.srdi_sme" in catalog.titles.holders("province.srdi_sme")


def test_no_industry_average_is_shipped(catalog, example):
    # 第六条 "研发投入占销售收入的比重不低于所在行业平均水平": no figure printed, and it depends
    # on the firm's industry → nothing shipped; the example's 2020 ratio is 484 / 12100 = 4.0%
    assert catalog.benchmarks.get("ningxia.industry_rd_ratio").spec.values == ()
    profile = example("little-giant-candidate")
    bare = catalog.evaluate(profile, DEMO, dt.date(2021, 6, 1))
    assert bare.criterion("rd-vs-industry").outcome.value == "unknown"
    given = attrs.evolve(profile, benchmarks={"ningxia.industry_rd_ratio": {2020: 3.9}})
    result = catalog.evaluate(given, DEMO, dt.date(2021, 6, 1))
    assert result.criterion("rd-vs-industry").outcome.value == "met"
    assert result.verdict.value == "eligible"


@pytest.mark.parametrize("pid", RULES)
def test_the_publicity_lasts_five_working_days(catalog, pid):
    # 第十四条 "公示期为 5个工作日": published 2021-09-30; 10-01–10-07 are the National Day
    # holiday, 10-09 (Saturday) a make-up working day → 10-08, 10-09, 10-11, 10-12, 10-13
    published = {"publicity-start": dt.date(2021, 9, 30)}
    assert event(catalog, pid, "publicity-end", anchors=published).date == dt.date(2021, 10, 13)
    # without the day of publication the end stays undated
    assert event(catalog, pid, "publicity-end").date is None


# ------------------------------------------------------------------ the 2021 calls' dates
@pytest.mark.parametrize(
    ("pid", "first", "last"),
    [
        # 四（二） "于 7月 7日（星期三）前": open from the notice's date 2021-06-30 to 7-07
        (KLG, dt.date(2021, 6, 30), dt.date(2021, 7, 7)),
        (PF2, dt.date(2021, 6, 30), dt.date(2021, 7, 7)),
        # 五（二） "于 6月 28日 18：00前": open from 2021-06-25 to 6-28
        (FUND, dt.date(2021, 6, 25), dt.date(2021, 6, 28)),
        # 三（一） "本次申请入库时间为 10月 8 日至 10月 30日"
        (POOL, dt.date(2021, 10, 8), dt.date(2021, 10, 30)),
    ],
)
def test_each_call_is_open_only_in_its_window(catalog, pid, first, last):
    assert_window(catalog, pid, last, first=first)


def test_the_pool_reviews_follow_the_window(catalog):
    # 三（二） "于 10月 25日前…完成初审", "于 10月 29日前在线完成复审推荐": dates, not windows
    events = {o.event: o for o in catalog.deadlines(POOL)}
    assert events["county-review"].date == dt.date(2021, 10, 25)
    assert events["city-review"].date == dt.date(2021, 10, 29)
    assert events["self-application"].application
    assert not events["county-review"].application and not events["city-review"].application


def test_the_second_batch_extends_the_national_programs(catalog):
    # 财建〔2021〕2号's template, with 宁夏's scope (二) and platform conditions (三（二）)
    klg = catalog.program(KLG)
    assert klg.extends == "national.key-little-giant-2021"
    assert klg.criteria["main-business-share"].origin.notice == "财建〔2021〕2号"
    assert catalog.program(PF2).extends == "national.platform-2021"


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize("name", ["little-giant-candidate", "platform"])
def test_credit_code_routes_to_ningxia(name):
    # 640100 银川市 falls back to 宁夏回族自治区 (640000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"640000": "ningxia"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["640000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {*RULES, KLG, PF2, FUND, POOL} <= offered
