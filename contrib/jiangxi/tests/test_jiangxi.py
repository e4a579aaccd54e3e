"""What the 江西 case files cannot state: the 办法 as standing rules with yearly calls,
the title's term, the benchmark the notices do not print, layers and origins, the
platform quota, the cities' dates, series and routing.

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
from srdi.inforce import in_force_period

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES = "jiangxi.little-giant"
ROUND = "jiangxi.little-giant-2021"
SRDI = "jiangxi.srdi-sme-2021"
KLG = ["jiangxi.key-little-giant-2021-batch-1", "jiangxi.key-little-giant-2021-batch-2"]
PF = "jiangxi.platform-2021-batch-1"
SERVICE = "jiangxi.service-platform-2021"


# ------------------------------------------------------------------ the 办法 and its 2021 call
def test_the_rules_are_in_force_and_take_applications_in_yearly_calls(catalog, example):
    # 第十八条 "自公布之日起实施" (the notice dated 2020-12-31), no end; 第十条 "每年集中组织申报
    # 认定一次": the rules never open themselves; 56号 is the 2021 call
    rules = catalog.program(RULES)
    assert rules.in_force.applications == "rounds"
    assert in_force_period(rules, catalog.replaced) == (dt.date(2020, 12, 31), None)
    assert not catalog.is_open(RULES, dt.date(2021, 10, 15))
    prog = catalog.program(ROUND)
    assert prog.extends == RULES and prog.cadence.every == "year"
    assert prog.criteria["debt-ratio"].origin.notice == "赣工信企业字〔2020〕400号"
    assert prog.criteria["not-little-giant"].origin.notice == "赣工信企业函〔2021〕56号"
    # in 2022, with nothing open, the next call is expected a year after the 2021 window
    # (2021-09-30 … 10-29 → 2022-09-30 … 10-29), labelled expected
    answer = catalog.today(example("little-giant-2021-candidate"), dt.date(2022, 3, 1))
    status = next(s for s in answer.series if s.series == RULES)
    nxt = status.to_json()["next_round"]
    assert (nxt["status"], nxt["start"], nxt["end"]) == ("expected", "2022-09-30", "2022-10-29")


def test_the_title_lasts_three_years(catalog):
    # 第十七条 "认定有效期三年": granted 2021-12-20 → ends 2024-12-19 ("期满失效后可重新申请认定":
    # the 2021 call's case file shows a lapsed holder applying again)
    profile = catalog.load_profile_data(
        {
            "enterprise": {"name": "甲", "credit_code": "91360100MA38J5K2X7"},
            "recognitions": [{"title": "jiangxi.little_giant", "granted_on": dt.date(2021, 12, 20)}],
        }
    )
    events = {o.event: o for o in catalog.recognition_deadlines(profile)}
    assert events["expiry:jiangxi.little_giant"].date == dt.date(2024, 12, 19)
    assert events["expiry:jiangxi.little_giant"].notice == "赣工信企业字〔2020〕400号"


def test_no_provincial_average_is_shipped(catalog, example):
    # 第五条 "高于同期全省规上工业企业平均水平": the notices print no figure; a supplied one
    # decides. 12.5% revenue growth against a supplied 12.4 → met ("高于": 12.5 > 12.4)
    assert catalog.benchmarks.get("jiangxi.industrial_revenue_growth").spec.values == ()
    assert catalog.benchmarks.get("jiangxi.industrial_profit_growth").spec.values == ()
    profile = example("little-giant-2021-candidate")
    bare = catalog.evaluate(profile, ROUND, dt.date(2021, 10, 15))
    assert bare.criterion("revenue-growth").outcome.value == "unknown"
    given = attrs.evolve(profile, benchmarks={"jiangxi.industrial_revenue_growth": {2020: 12.4}})
    result = catalog.evaluate(given, ROUND, dt.date(2021, 10, 15))
    assert result.criterion("revenue-growth").outcome.value == "met"
    assert result.verdict.value == "eligible"


# ------------------------------------------------------------------ the key little giant calls
def test_key_little_giant_rewordings_cite_jiangxi(catalog):
    # the R&D ratio ("截至2020年12月31日近两年…4%以上") and 成长性 ("有较好的成长性") are in
    # 江西's words in both calls; 产业导向 is the national text word for word
    first, second = (catalog.program(pid) for pid in KLG)
    assert first.criteria["rd-ratio"].origin.notice_id == "jiangxi-2021-key-little-giant-batch-1"
    assert second.criteria["rd-ratio"].origin.notice_id == "gxqy-2021-156"
    assert first.criteria["good-growth"].origin.clause == "一（一）6"
    assert second.criteria["good-growth"].origin.clause == "一（六）"
    for prog in (first, second):
        assert prog.criteria["four-bases-or-ten-industries"].origin.notice == "财建〔2021〕2号"
        # 江西 asks 成长性 of both batches (the national template waives it in the first)
        assert prog.params["growth_required"].value == 1
    # batch 2's selection is the province's own preference (五（一）)
    (pri,) = second.selection.priorities
    assert pri.id == "key-fields"


def test_batches_are_rounds_in_order(catalog):
    rounds = catalog.series["jiangxi.key-little-giant"].rounds
    assert [r.program.id for r in rounds] == KLG
    assert [r.follows for r in rounds] == [None, KLG[0]]


def test_at_most_three_first_batch_platforms(catalog, example):
    # 二（三） "确定拟推荐的第一批重点“小巨人”企业和不超过3家平台": replaces the national
    # per-province quota in place; four eligible platforms → the first three (input order)
    prog = catalog.program(PF)
    assert [(q.id, q.max, q.scope) for q in prog.quotas] == [("per-province", 3, "province")]
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), PF, dt.date(2021, 3, 1)).frame
    assert out["verdict"].tolist() == ["eligible"] * 4
    assert out["selected"].tolist() == [True, True, True, False]


# ------------------------------------------------------------------ the cities' dates
@pytest.mark.parametrize(
    ("pid", "dates"),
    [
        # 56号 三（二） "企业申报10月29日截止。地方审核推荐11月8日截止"
        (ROUND, {"enterprise-deadline": dt.date(2021, 10, 29), "local-recommendation": dt.date(2021, 11, 8)}),
        # 2021-08-26 三（二） "9月30日截止…10月13日前完成网上审核推荐，10月18日前将纸质推荐文件…"
        (
            SRDI,
            {
                "enterprise-window": dt.date(2021, 9, 30),
                "online-recommendation": dt.date(2021, 10, 13),
                "paper-recommendation": dt.date(2021, 10, 18),
            },
        ),
    ],
)
def test_only_the_firms_dates_take_applications(catalog, pid, dates):
    events = {o.event: o for o in catalog.deadlines(pid)}
    assert {k: events[k].date for k in dates} == dates
    firms = [k for k in dates if events[k].application]
    assert firms == [next(iter(dates))]


def test_the_undated_second_batch_says_so(catalog):
    # 156号 prints no date: read as 2021-07-19, its only date, and marked as not printed
    notice = catalog.program(KLG[1]).notice.spec.notice
    assert (notice.issued_on, notice.date_printed) == (dt.date(2021, 7, 19), False)


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize("name", ["little-giant-2021-candidate", "key-little-giant-2021", "platform-2021"])
def test_credit_code_routes_to_jiangxi(name):
    # 360100 南昌市 falls back to 江西省 (360000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"360000": "jiangxi"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["360000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {RULES, ROUND, SRDI, *KLG, PF, SERVICE} <= offered
