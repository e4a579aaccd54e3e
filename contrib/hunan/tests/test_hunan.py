"""What the Hunan case files cannot state: windows, layers and origins, the title,
the platform quota, selection, the sector metric, routing.

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
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window
from srdi_hunan.metrics import sector

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

STANDARD = "hunan.little-giant"
INTAKE = "hunan.little-giant-2021"
REVIEW = "hunan.little-giant-2021-review"
DISPATCH = "hunan.little-giant-dispatch-2021"
ONLINE = "hunan.online-services-2021"
KLG1 = "hunan.key-little-giant-2021-batch-1"
KLG2 = "hunan.key-little-giant-2021-batch-2"
PF1 = "hunan.platform-2021-batch-1"
PF2 = "hunan.platform-2021-batch-2"
CORE = "hunan.core-service-institution-2021"


# ------------------------------------------------------------------ windows
@pytest.mark.parametrize(
    ("programs", "issued", "last"),
    [
        # 36号 dated 2021-02-05; 四、4 "于 2021年 3月 10日前分别报送"
        ((KLG1, PF1), dt.date(2021, 2, 5), dt.date(2021, 3, 10)),
        # 50号 dated 2021-02-20; 六 "调度系统”将于 2021年 4月 9日关闭"
        ((INTAKE, REVIEW), dt.date(2021, 2, 20), dt.date(2021, 4, 9)),
        # 调度 dated 2021-03-02; 四 "请务必在 2021年 3月 31日之前…完成填报"
        ((DISPATCH,), dt.date(2021, 3, 2), dt.date(2021, 3, 31)),
        # 核心服务机构 dated 2021-05-13; 五、3 "于 2021年 5月 25日前分别报送"
        ((CORE,), dt.date(2021, 5, 13), dt.date(2021, 5, 25)),
        # second call dated 2021-06-30; 四、5 "于 2021年 7月 18日前报送"
        ((KLG2, PF2), dt.date(2021, 6, 30), dt.date(2021, 7, 18)),
    ],
)
def test_windows_run_from_the_notice_to_its_last_day(catalog, programs, issued, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=issued)


def test_the_plan_is_in_force_five_years_with_yearly_rounds(catalog, example):
    # 27号 "自印发之日起施行，有效期 5年", 印发 2021-02-18 → to 2026-02-17; its rounds come
    # in separate notices (50号 for 2021), "“十四五”期间全省每年…" → one a year to 2025.
    standard = catalog.program(STANDARD)
    assert (standard.in_force.start, standard.in_force.end) == (dt.date(2021, 2, 18), dt.date(2026, 2, 17))
    assert standard.in_force.applications == "rounds"
    assert standard.abstract and STANDARD not in {p.id for p in catalog.programs(region="hunan")}
    # the 2021 intake is the series' round and inherits the cadence: on 2022-01-10, with
    # nothing open, the next round is expected around the 2021 window shifted a year
    # (2021-02-20 … 04-09 → 2022-02-20 … 04-09), labelled expected.
    intake = catalog.program(INTAKE)
    assert intake.series == "hunan.little-giant" and intake.cadence.every == "year"
    answer = catalog.today(example("little-giant-2021"), dt.date(2022, 1, 10))
    (status,) = [s for s in answer.series if s.series == "hunan.little-giant"]
    assert status.program == INTAKE and status.state == "closed"
    assert (status.expected.start, status.expected.end) == (dt.date(2022, 2, 20), dt.date(2022, 4, 9))
    assert "尚未发布" in status.expected.label
    # after 2025 ("through = 2025") no further round is expected
    late = catalog.today(example("little-giant-2021"), dt.date(2026, 1, 10))
    (status,) = [s for s in late.series if s.series == "hunan.little-giant"]
    assert status.expected.start is None


def test_online_services_are_a_standing_measure_without_a_printed_date(catalog, example):
    # Neither 文号 nor date is printed; the assumed date is labelled as such. The
    # services are a standing measure: in force from that day, no end, never "open".
    prog = catalog.program(ONLINE)
    assert prog.notice.spec.notice.date_printed is False
    assert "未注明日期" in prog.doc_number
    assert (prog.in_force.start, prog.in_force.end, prog.in_force.applications) == (dt.date(2021, 12, 1), None, "none")
    assert not catalog.is_open(ONLINE, dt.date(2022, 1, 10))
    p = attrs.evolve(
        example("little-giant-2021"),
        recognitions=(Recognition("hunan.little_giant", 2021, dt.date(2021, 6, 1)),),
    )
    answer = catalog.today(p, dt.date(2022, 1, 10))
    (status,) = [s for s in answer.in_force if s.program == ONLINE]
    assert status.qualifies  # a provincial little giant in force: a service object
    before = catalog.today(p, dt.date(2021, 11, 30))
    assert ONLINE not in {s.program for s in before.in_force}


# ------------------------------------------------------------------ layers and origins
def test_rounds_extend_the_plan_unchanged(catalog):
    # 50号 三 "培育和复核对象应符合《…培育计划（2021-2025）》…中明确的培育条件": every
    # condition of the intake is 27号's; the review adds only the 2017 cohort.
    intake = catalog.program(INTAKE)
    assert intake.extends == STANDARD
    assert {c.origin.notice for c in intake.criteria.values()} == {"湘工信中小发展〔2021〕27号"}
    review = catalog.program(REVIEW)
    added = {cid for cid, c in review.criteria.items() if c.origin.notice == "湘工信中小发展〔2021〕50号"}
    assert added == {"cohort-2017"}
    assert intake.quotas == () and review.quotas == ()  # 一 "申报不限名额"


@pytest.mark.parametrize(
    ("pid", "notice"),
    [(KLG1, "湘工信中小发展〔2021〕36号"), (KLG2, "湖南省工业和信息化厅、湖南省财政厅")],
)
def test_restated_conditions_cite_the_province(catalog, pid, notice):
    # 一（一）3–5 restate 财建〔2021〕2号 in the province's words: re-cited, same values.
    prog = catalog.program(pid)
    assert prog.extends == "national.key-little-giant-2021"
    for cid, value in (("main-business-share", 70), ("rd-ratio", 4), ("invention-patents", 2)):
        crit = prog.criteria[cid]
        assert crit.args["value"] == value, cid
        assert crit.origin.notice.startswith(notice), cid
    # the national 成长性 and R&D readings, restated: batch 1 waives growth, batch 2 asks it
    assert prog.params["rd_years"].value == "aggregate"
    assert prog.params["growth_required"].value == (0 if pid == KLG1 else 1)
    assert prog.params["growth_required"].origin.clause == "一（一）6"
    # what the province does not restate stays national (the fund rule)
    res = catalog.fund(pid)
    assert res.total is None  # "另行明确": unknown, never 0


# ------------------------------------------------------------------ title
def test_the_title_lasts_three_years_and_counts_as_provincial(catalog, example):
    # 27号 五、3 "省级专精特新“小巨人”企业有效期为 3年": recognised 2021-06-01 → in force to
    # 2024-05-31. It is the province's 专精特新 title, so the national third batch's
    # "省级中小企业主管部门认定…的“专精特新”中小企业" accepts it.
    p = attrs.evolve(
        example("little-giant-2021"),
        recognitions=(Recognition("hunan.little_giant", 2021, dt.date(2021, 6, 1)),),
    )
    # "认定有效期到期后，企业按照培育条件和申报要求申报复核": the 复核 falls the day after.
    expiry, review = catalog.recognition_deadlines(p)
    assert (expiry.kind, expiry.date) == ("expiry", dt.date(2024, 5, 31))
    assert (review.kind, review.date) == ("review", dt.date(2024, 6, 1))
    assert expiry.notice == review.notice == "湘工信中小发展〔2021〕27号"
    held = catalog.evaluate(p, "national.little-giant-3rd-batch", dt.date(2021, 7, 1))
    assert held.criterion("provincial-srdi").outcome.value == "met"
    lapsed = catalog.evaluate(p, "national.little-giant-3rd-batch", dt.date(2024, 6, 1))
    assert lapsed.criterion("provincial-srdi").outcome.value == "not_met"


# ------------------------------------------------------------------ quotas and selection
def test_at_most_three_first_batch_platforms(catalog, example):
    # 36号 二、3 "确定…不超过 3个国家中小企业公共服务示范平台（或湖南省中小微企业核心服务机构）":
    # the province's quota replaces the national one in place (same id) and cites 36号;
    # four eligible platforms → the first three (no selection rule: input order).
    prog = catalog.program(PF1)
    assert [(q.id, q.max, q.scope) for q in prog.quotas] == [("per-province", 3, "province")]
    assert prog.quota_origins["per-province"].notice == "湘工信中小发展〔2021〕36号"
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    out = select(catalog, catalog.frame(pool), PF1, dt.date(2021, 3, 1)).frame
    assert out["verdict"].tolist() == ["eligible"] * 4
    assert out["selected"].tolist() == [True, True, True, False]
    assert out["cut_by"].tolist()[3] == "per-province"


def test_priority_conditions_rank_first(catalog):
    # 27号 三（二） "同等条件下，符合下列条件之一的企业优先入选培育": one preference, any of
    # the six items; the items are not ranked against each other.
    spec = catalog.program(INTAKE).selection
    assert spec is not None and spec.rule == "priority"
    (pri,) = spec.priorities
    assert pri.when[0]["fact"] == "hunan.priority_conditions"
    assert len(pri.when[0]["any_of"]) == 6


# ------------------------------------------------------------------ the sector metric
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("C3444", "manufacturing"),  # 制造业 (section C)
        ("3444", "manufacturing"),  # digits alone: division 34 is in C
        ("C34", "manufacturing"),
        ("I6513", "software_it"),  # 软件和信息技术服务业 is division 65 of I
        ("65", "software_it"),
        ("I6410", "other"),  # 互联网和相关服务: section I but not division 65
        ("F5179", "other"),
        ("I", None),  # section I alone cannot tell 63/64 from 65
        (None, None),
        ("", None),
    ],
)
def test_sector_from_the_industry_code(code, expected):
    # 27号 三（一）2 sets floors for 制造业 and for 软件和信息技术服务业 (GB/T 4754-2017)
    assert sector(code) == expected


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize("example_name", ["little-giant-2021", "key-little-giant-2021", "platform-2021"])
def test_credit_code_routes_to_hunan(example_name):
    # characters 3–8 of the credit code (430100 长沙市, 430200 株洲市) fall back to 湖南省
    # (430000), then the nation; the plugin names no cities (no per-city rule).
    path = Path(__file__).parent.parent / "examples" / f"{example_name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"430000": "hunan"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["430000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {INTAKE, REVIEW, DISPATCH, ONLINE, KLG1, KLG2, PF1, PF2, CORE} <= offered
    assert "national.key-little-giant-2021" in offered


def test_check_offers_the_open_programs():
    # On 2021-03-05 the intake (to 04-09) and the first key little giant call (to 03-10)
    # are open; the second call (from 06-30) is not.
    cat = srdi.for_credit_code("91430100MA4RHN3X24")
    checked = {
        r.program: r.verdict.value
        for r in cat.check(cat.load_profile(_example_path("little-giant-2021")), dt.date(2021, 3, 5))
    }
    assert checked[INTAKE] == "eligible"
    assert KLG1 in checked and KLG2 not in checked


def _example_path(name: str) -> Path:
    return Path(__file__).parent.parent / "examples" / f"{name}.toml"
