"""What the 重庆 case files cannot state: windows, origins, quotas, one track per platform,
the garbled formula, money and routing.

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
from srdi.testing.timeline import assert_window

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KLG = ["chongqing.key-little-giant-2021-batch-1", "chongqing.key-little-giant-2021-batch-2"]
PF = ["chongqing.platform-2021-batch-1", "chongqing.platform-2021-batch-2"]
SRDI_PF = "chongqing.srdi-service-platform-2021"
LG_2022 = "chongqing.little-giant-candidates-2022"
SME_2022 = "chongqing.srdi-sme-candidates-2022"
AWARDS = ["chongqing.little-giant-award-candidates-2022", "chongqing.hidden-champion-award-candidates-2022"]
TEXTS = Path(__file__).parent.parent / "src" / "srdi_chongqing" / "texts"


@pytest.mark.parametrize(
    ("pids", "issued", "last"),
    [
        # 1号 dated 2021-02-09; 四、1 "于2月28日前将申报资料…交区县中小企业主管部门"
        ((KLG[0], PF[0]), dt.date(2021, 2, 9), dt.date(2021, 2, 28)),
        # 44号 dated 2021-07-01; 四（一） "于7月7日前将申报资料…交区县中小企业主管部门"
        ((KLG[1], PF[1], SRDI_PF), dt.date(2021, 7, 1), dt.date(2021, 7, 7)),
        # 21号 dated 2021-11-29; 三 "请各区县于2022年1月14日前…报市经济信息委"
        ((LG_2022, SME_2022, *AWARDS), dt.date(2021, 11, 29), dt.date(2022, 1, 14)),
    ],
)
def test_windows(catalog, pids, issued, last):
    for pid in pids:
        assert_window(catalog, pid, last, first=issued)


def test_district_deadlines_are_not_the_enterprises(catalog):
    # 1号 四、2 区县 "于3月5日前"; 44号 四（二） "于7月9日前": dated, but no application window
    for pid, day in ((KLG[0], dt.date(2021, 3, 5)), (KLG[1], dt.date(2021, 7, 9))):
        event = next(o for o in catalog.deadlines(pid) if o.event == "district-submission")
        assert (event.date, event.application) == (day, False)


def test_restated_thresholds_cite_chongqing(catalog):
    # 重庆 restates the national 70%, 4% and 成长性 in its own sentences: re-cited; the
    # listing exclusion and the three-way innovation choice are word for word: inherited
    notices = ["渝经信中小〔2021〕1号", "渝经信发〔2021〕44号"]
    for pid, notice in zip(KLG, notices):
        prog = catalog.program(pid)
        for cid in ("main-business-share", "rd-ratio"):
            assert prog.criteria[cid].origin.notice == notice, (pid, cid)
        assert prog.params["growth_required"].origin.notice == notice
        assert prog.criteria["not-listed"].origin.notice == "财建〔2021〕2号"
        assert prog.criteria["invention-patents"].origin.notice == "财建〔2021〕2号"
    assert [catalog.program(p).params["growth_required"].value for p in KLG] == [0, 1]


def test_platform_recognition_must_be_in_force(catalog):
    # 1号 一（二） and 44号 一（二） "认定的有效期内的中小企业公共服务示范平台": the national rule
    # tests having been recognised ("ever"); 重庆's asks for a recognition in force
    assert catalog.program("national.platform-2021").criteria["recognised-platform"].args["valid"] == "ever"
    for pid in PF:
        crit = catalog.program(pid).criteria["recognised-platform"]
        assert crit.args["valid"] == "on_date"
        assert crit.origin.notice.startswith("渝经信")


@pytest.mark.parametrize(
    ("pid", "origin"),
    [(PF[0], "财建〔2021〕2号"), (PF[1], "渝经信发〔2021〕44号")],
)
def test_at_most_three_point_to_point_platforms(catalog, example, pid, origin):
    # 1号 prints no number: the national "每省份每批次…不超过3个" stands; 44号 五（一）
    # "支持为重点“小巨人”企业提供“点对点”服务的服务平台不超过3个" replaces it in place
    prog = catalog.program(pid)
    assert [(q.id, q.max) for q in prog.quotas] == [("per-province", 3)]
    assert prog.quota_origins["per-province"].notice == origin
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    on = dt.date(2021, 2, 20) if pid == PF[0] else dt.date(2021, 7, 5)
    out = select(catalog, catalog.frame(pool), pid, on).frame
    assert out["selected"].tolist() == [True, True, True, False]


def test_srdi_service_platforms_have_no_quota_and_rank_recognised_platforms_first(catalog, example):
    # 44号 五（一） "数量根据…因素综合考虑确定": no number; 一（三） "以市级以上中小企业公共服务示范
    # 平台为主": a recognised platform ranks before one that is not, whatever the order
    assert catalog.program(SRDI_PF).quotas == ()
    base = example("platform-2021")
    base = attrs.evolve(base, facts=base.facts | {"chongqing.platform_track": "srdi_service"})
    plain = attrs.evolve(base, facts=base.facts | {"name": "未认定平台"}, recognitions=())
    recognised = attrs.evolve(base, facts=base.facts | {"name": "市级示范平台"})
    out = select(catalog, catalog.frame([plain, recognised]), SRDI_PF, dt.date(2021, 7, 5)).frame
    assert out["verdict"].tolist() == ["eligible", "eligible"]
    assert out.sort_values("rank")["name"].tolist() == ["市级示范平台", "未认定平台"]


def test_one_track_per_platform(catalog, example):
    # 44号 五（一） "每个平台只能选择一个支持方向进行申报": the direction is one choice, so a
    # platform eligible on its figures for both tracks is eligible for exactly the one it chose
    base = example("platform-2021")
    on = dt.date(2021, 7, 5)
    for track, eligible_for in (("point_to_point", PF[1]), ("srdi_service", SRDI_PF)):
        p = attrs.evolve(base, facts=base.facts | {"chongqing.platform_track": track})
        verdicts = {pid: catalog.evaluate(p, pid, on).verdict.value for pid in (PF[1], SRDI_PF)}
        assert verdicts[eligible_for] == "eligible", track
        other = SRDI_PF if eligible_for == PF[1] else PF[1]
        assert verdicts[other] == "ineligible", track


def test_the_garbled_formula_is_quoted_as_printed(catalog):
    # 附件2 二, line 25695 of the compendium: the formula lost its radical and minus sign in
    # extraction; the reading cites the printed characters and defaults to compound growth
    text = (TEXTS / "yjxzx-2021-21.txt").read_text(encoding="utf-8")
    assert "= %100*1年 营/2018年 营2020 ）业收入业收入（" in text
    param = catalog.program(SME_2022).params["growth_formula"]
    assert (param.value, param.origin.notice, param.origin.clause) == ("cagr", "渝经信中小〔2021〕21号", "附件2 二")


def test_2022_candidates_extend_the_ministry_conditions(catalog):
    # 附件1 reprints 工信厅企业函〔2021〕79号 三: inherited, re-cited where worded differently,
    # the 单项冠军 rule of 79号 五（一） dropped
    prog = catalog.program(LG_2022)
    assert prog.extends == "national.little-giant-3rd-batch"
    assert prog.criteria["debt-ratio"].origin.notice == "工信厅企业函〔2021〕79号"
    assert prog.criteria["sme"].origin.notice == "渝经信中小〔2021〕21号"
    assert prog.criteria["main-business-growth"].origin.notice == "渝经信中小〔2021〕21号"
    assert "not-single-champion" not in prog.criteria
    assert [d.id for d in prog.dropped] == ["not-single-champion", "per-province", "under-5000"]


def test_2022_candidates_lift_the_national_cap(catalog, example):
    # 二 "2022年，国家级“小巨人”企业申报将不再限制名额": 79号 五（一）'s "推荐报送总数不超过 200家"
    # and "不足 5000万元的企业数不超过 10家" are dropped, so 201 eligible firms of 重庆 are all
    # kept (under 79号 the 201st would be cut)
    prog = catalog.program(LG_2022)
    assert prog.quotas == ()
    assert {d.id: d.origin.notice for d in prog.dropped if d.id != "not-single-champion"} == {
        "per-province": "渝经信中小〔2021〕21号",
        "under-5000": "渝经信中小〔2021〕21号",
    }
    assert [q.max for q in catalog.program("national.little-giant-3rd-batch").quotas] == [200, 10]
    base = example("little-giant-candidate-2022")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"企业{i}"}) for i in range(201)]
    out = select(catalog, catalog.frame(pool), LG_2022, dt.date(2021, 12, 15)).frame
    assert out["verdict"].tolist() == ["eligible"] * 201
    assert out["selected"].all()


@pytest.mark.parametrize("pid", AWARDS)
def test_award_amounts_are_not_stated(catalog, pid):
    # 附件2 二 names the “小巨人” and “隐形冠军” awards but prints no amount: unknown, never 0
    res = catalog.fund(pid)
    assert res.total is None


def test_batches_are_rounds_in_order(catalog):
    for sid, pids in (("chongqing.key-little-giant", KLG), ("chongqing.platform", PF)):
        rounds = catalog.series[sid].rounds
        assert [r.program.id for r in rounds] == pids
        assert [r.follows for r in rounds] == [None, pids[0]]


@pytest.mark.parametrize(
    "name",
    ["key-little-giant-2021", "platform-2021", "srdi-sme-candidate-2022", "little-giant-candidate-2022"],
)
def test_credit_code_routes_to_chongqing(name):
    # a 区 code (500112 渝北区 …) falls back to 重庆市 (500000), then the nation
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"500000": "chongqing"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["500000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {*KLG, *PF, SRDI_PF, LG_2022, SME_2022, *AWARDS} <= offered
