"""What the 海南 case files cannot state: the standing rules and their yearly round,
windows, titles over time, origins, quotas, money and routing.

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
from srdi.testing.timeline import assert_window, event

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES = "hainan.srdi-sme"
ROUND = "hainan.srdi-sme-2021"
RETENTION = "hainan.pool-retention"
KLG = ["hainan.key-little-giant-2021-batch-1", "hainan.key-little-giant-2021-batch-2"]
PF = ["hainan.platform-2021-batch-1", "hainan.platform-2021-batch-2"]
NOTICES = ["琼工信企业〔2021〕33号", "琼工信企业〔2021〕137号"]


# ------------------------------------------------------------------ the 实施方案 and its 2021 round
def test_the_standing_rules_are_in_force_and_never_open(catalog):
    # 七（五） "本方案自2021年7月1日起实施"; 三 "省级中小企业主管部门印发申报通知，每年组织遴选":
    # the rules stay in force and take applications only through the yearly calls
    rules = catalog.program(RULES)
    assert rules.in_force.applications == "rounds"
    assert in_force_period(rules, catalog.replaced) == (dt.date(2021, 7, 1), None)
    assert catalog.windows(RULES, [2021, 2022]) == []
    assert not catalog.is_open(RULES, dt.date(2021, 9, 1))
    # the pool's removal rule (五（二）) is a standing measure from the same day
    retention = catalog.program(RETENTION)
    assert is_standing(retention)
    assert in_force_period(retention, catalog.replaced) == (dt.date(2021, 7, 1), None)


def test_the_2021_round_window(catalog):
    # 156号 一（一） "企业申报截止时间：2021年9月10日", the notice dated 2021-08-12
    assert_window(catalog, ROUND, dt.date(2021, 9, 10), first=dt.date(2021, 8, 12))


def test_the_round_inherits_the_conditions_and_the_yearly_cadence(catalog, example):
    # 156号 evaluates against 《实施方案》第四条: every criterion cites 琼工信规〔2021〕1号; the
    # cadence "每年组织遴选" carries over, so in 2022 the next round is expected a year on
    prog = catalog.program(ROUND)
    assert prog.extends == RULES
    assert {c.origin.notice for c in prog.criteria.values()} == {"琼工信规〔2021〕1号"}
    assert prog.cadence.every == "year"
    answer = catalog.today(example("srdi-sme-2021-candidate"), dt.date(2022, 3, 1))
    status = next(s for s in answer.series if s.series == "hainan.srdi-sme")
    nxt = status.to_json()["next_round"]
    assert (nxt["status"], nxt["start"], nxt["end"]) == ("expected", "2022-08-12", "2022-09-10")


def test_publicity_is_seven_days_after_the_list(catalog):
    # 156号 一（三） "公示期7天": counted from the day the list is published (not printed)
    published = {"list-published": dt.date(2021, 10, 10)}
    assert event(catalog, ROUND, "publicity-end", anchors=published).date == dt.date(2021, 10, 17)
    assert event(catalog, ROUND, "publicity-end").date is None


def test_the_pool_title_lasts_three_years_and_can_be_reapplied_for_in_its_last_year(catalog):
    # 五（一） "入库管理有效期3年，有效期满自动出库…在有效期满当年可再次申报": entered
    # 2021-10-15 → out after 2024-10-14; re-apply from 2024-01-01
    profile = catalog.load_profile_data(
        {
            "enterprise": {"name": "甲", "credit_code": "91460100MA5T4H7K30"},
            "recognitions": [{"title": "hainan.srdi_sme", "granted_on": dt.date(2021, 10, 15)}],
        }
    )
    events = {o.event: o for o in catalog.recognition_deadlines(profile)}
    assert events["expiry:hainan.srdi_sme"].date == dt.date(2024, 10, 14)
    assert events["reapply:hainan.srdi_sme"].start == dt.date(2024, 1, 1)
    assert "province.srdi_sme" in catalog.titles.by_id["hainan.srdi_sme"].counts_as
    # 156号 三（二）: a former 重点培育企业 counts as a pool member
    assert "hainan.key_cultivated_former" in catalog.titles.holders("hainan.srdi_sme")


# ------------------------------------------------------------------ 33号 and 137号
@pytest.mark.parametrize(
    ("i", "issued", "last"),
    [(0, dt.date(2021, 2, 23), dt.date(2021, 3, 12)), (1, dt.date(2021, 7, 6), dt.date(2021, 7, 13))],
)
def test_key_little_giant_and_platform_deadlines(catalog, i, issued, last):
    # 33号 四、4 "于2021年3月12日前报送"; 137号 四、4 "于2021年7月13日前报送"
    for pid in (KLG[i], PF[i]):
        assert_window(catalog, pid, last, first=issued)


def test_restated_conditions_cite_hainan(catalog):
    # 海南's wording of the base condition, the 4% R&D ratio and 成长性 is re-cited; the
    # rest is the national text
    for pid, notice in zip(KLG, NOTICES):
        prog = catalog.program(pid)
        assert prog.params["little_giant_valid"].origin.notice == notice
        assert prog.criteria["rd-ratio"].origin.notice == notice
        assert prog.params["growth_required"].origin.notice == notice
        assert prog.criteria["main-business-share"].origin.notice == "财建〔2021〕2号"
        assert prog.criteria["not-listed"].origin.notice == "财建〔2021〕2号"
    assert [catalog.program(p).params["growth_required"].value for p in KLG] == [0, 1]
    # 137号 words the standards condition its own way; 33号 does not
    assert catalog.program(KLG[1]).criteria["standards"].origin.notice == NOTICES[1]
    assert catalog.program(KLG[0]).criteria["standards"].origin.notice == "财建〔2021〕2号"


@pytest.mark.parametrize(("pid", "origin"), [(PF[0], NOTICES[0]), (PF[1], "财建〔2021〕2号")])
def test_at_most_three_platforms(catalog, example, pid, origin):
    # 33号 二、3 "不超过3个国家中小企业公共服务示范平台" replaces the national quota in place;
    # 137号 prints no number, so the national "每省份每批次…不超过3个" stands
    prog = catalog.program(pid)
    assert [(q.id, q.max) for q in prog.quotas] == [("per-province", 3)]
    assert prog.quota_origins["per-province"].notice == origin
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    on = dt.date(2021, 3, 1) if pid == PF[0] else dt.date(2021, 7, 8)
    out = select(catalog, catalog.frame(pool), pid, on).frame
    assert out["selected"].tolist() == [True, True, True, False]


@pytest.mark.parametrize("pid", KLG + PF)
def test_money_is_not_stated(catalog, pid):
    # neither call states an amount: the national fund rule is inherited, its total unknown
    assert catalog.fund(pid).total is None


def test_batches_are_rounds_in_order(catalog):
    for sid, pids in (("hainan.key-little-giant", KLG), ("hainan.platform", PF)):
        rounds = catalog.series[sid].rounds
        assert [r.program.id for r in rounds] == pids
        assert [r.follows for r in rounds] == [None, pids[0]]


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize("name", ["srdi-sme-2021-candidate", "key-little-giant-2021", "platform-2021"])
def test_credit_code_routes_to_hainan(name):
    # 460100 海口市, 460200 三亚市 fall back to 海南省 (460000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"460000": "hainan"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["460000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {RULES, ROUND, RETENTION, *KLG, *PF} <= offered
