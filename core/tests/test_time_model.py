"""The national baseline's time model: standing measures, series of rounds, title reviews, and the checks."""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.errors import NoticeError
from srdi.notices.load import check_notice
from srdi.notices.semantics import spec_problems
from srdi.profile import Profile, Recognition

TODAY = dt.date(2026, 12, 3)
MEASURES = ("national.measure-testing-fee-half", "national.measure-project-points")


def test_the_170_benefits_are_standing_measures_in_force_from_issue(baseline):
    # 工信部企业〔2021〕170号, dated 2021-11-06, prints no day of effect and no end: in force from
    # that day until replaced, applying to little giants with no window (never open)
    for pid in MEASURES:
        prog = baseline.program(pid)
        assert (prog.in_force.start, prog.in_force.end, prog.in_force.applications) == (
            dt.date(2021, 11, 6),
            None,
            "none",
        )
        assert not any(baseline.is_open(pid, dt.date(y, 6, 1)) for y in range(2021, 2028))
        (occ,) = baseline.deadlines(pid)
        assert (occ.event, occ.start, occ.date, occ.notice) == (
            "in-force",
            dt.date(2021, 11, 6),
            None,
            "工信部企业〔2021〕170号",
        )


def test_a_little_giant_in_force_today_qualifies(baseline):
    # (十八) "工业和信息化部所属事业单位对“小巨人”企业减半收取非强制测试认证服务费": a title granted
    # 2024-07-15 lasts 3 years (79号 四（五）), to 2027-07-14 — in force on 2026-12-03;
    # one granted 2021-07-01 ended 2024-06-30
    current = Profile(
        facts={"region_code": "210100"},
        recognitions=(Recognition("national.little_giant", 2024, dt.date(2024, 7, 15)),),
    )
    lapsed = Profile(
        facts={"region_code": "210100"}, recognitions=(Recognition("national.little_giant", 2021, dt.date(2021, 7, 1)),)
    )
    now = {m.program: m for m in baseline.today(current, TODAY).in_force}
    assert set(now) == set(MEASURES) and all(m.qualifies for m in now.values())
    assert now["national.measure-testing-fee-half"].clause == "印发通知"
    before = {m.program: m.qualifies for m in baseline.today(lapsed, TODAY).in_force}
    assert before == dict.fromkeys(MEASURES, False)
    # the day before the 清单 was issued neither measure is in force
    assert not baseline.today(current, dt.date(2021, 11, 5)).in_force


def test_the_national_key_little_giant_rounds(baseline):
    # 财建〔2021〕2号 then 财建〔2024〕148号, one series; 148号 "2024—2026 年…分三批次": the later
    # batches are expected, not announced. The first batch states no window (its "day" would be the notice's,
    # 2024-06-14), so seen on 2025-03-01 the next is expected with no day, through 2026
    s = baseline.series["national.key-little-giant"]
    assert [(r.program.id, r.follows) for r in s.rounds] == [
        ("national.key-little-giant-2021", None),
        ("national.key-little-giant-2024", "national.key-little-giant-2021"),
    ]
    st = {x.series: x for x in baseline.today(Profile(facts={"region_code": "110000"}), dt.date(2025, 3, 1)).series}
    e = st["national.key-little-giant"].expected
    assert e.start is None and e.ended is None and e.notice == "财建〔2024〕148号" and e.clause == "一"
    assert e.undated == "最近一轮未载明申报时间，各轮时间以当轮通知为准；通知所定轮次至2026年为止"


def test_the_little_giant_review_after_three_years(baseline):
    # 79号 四（五）"我部组织对入选满3年的企业进行复核": granted 2021-07-01 → 于2024-07-01满3年
    p = Profile(recognitions=(Recognition("national.little_giant", 2021, dt.date(2021, 7, 1)),))
    occ = {o.event: o for o in baseline.recognition_deadlines(p)}
    review = occ["review:national.little_giant:1"]
    assert (review.date, review.kind, review.clause, review.notice) == (
        dt.date(2024, 7, 1),
        "review",
        "四（五）",
        "工信厅企业函〔2021〕79号",
    )
    assert "复核" in review.title
    assert occ["expiry:national.little_giant"].date == dt.date(2024, 6, 30)


def test_a_revoked_title_has_no_review_or_expiry_after_its_revocation(baseline):
    # the same title (granted 2021-07-01: 复核 2024-07-01, expiry 2024-06-30) revoked 2023-03-01: both fall after
    # that day, neither is listed; revoked 2024-07-01, the expiry (before it) and the 复核 (that day) still are
    def events(revoked):
        r = Recognition("national.little_giant", 2021, dt.date(2021, 7, 1), revoked_on=revoked)
        return {o.event for o in baseline.recognition_deadlines(Profile(recognitions=(r,)))}

    assert events(dt.date(2023, 3, 1)) == set()
    assert {"review:national.little_giant:1", "expiry:national.little_giant"} <= events(None)
    assert events(dt.date(2024, 7, 1)) == {"review:national.little_giant:1", "expiry:national.little_giant"}


HEAD = """
[notice]
id = "t-1"
doc_number = "示〔2030〕1号"
title = "示例通知"
issuer = ["示"]
issued_on = 2030-03-01
region = "000000"
text = "TEXTFILE"
"""
TEXT = "示例通知\n示〔2030〕1号\n一、自印发之日起施行。二、每年申报一次。\n"
PROGRAM = """
[[programs]]
id = "demo.{name}"
title = "示例"
kind = "measure"
rule = "x"
clause = "一"
quote = "自印发之日起施行"
{extra}

[[programs.criteria]]
id = "x"
label = "示例"
type = "attest"
clause = "一"
quote = "自印发之日起施行"
"""


def _problems(tmp_path, body):
    from srdi.testing.helpers import write_notice

    path = write_notice(tmp_path, "t", HEAD + body, TEXT)
    spec, _, problems = check_notice(path)
    assert not problems, problems
    return dict(spec_problems(spec))


def test_a_standing_measure_takes_no_application_window(tmp_path):
    body = """
[in_force]
start = 2030-03-01
clause = "一"
quote = "自印发之日起施行"
""" + PROGRAM.format(
        name="m",
        extra="""
[[programs.timeline]]
id = "w"
title = "申报"
kind = "window"
start = 2030-04-01
end = 2030-04-30
application = true
clause = "一"
quote = "自印发之日起施行"
""",
    )
    found = _problems(tmp_path, body)
    assert "是常设措施" in found["programs[0].timeline[0].application"]


def test_in_force_and_cadence_problems_are_named(tmp_path):
    body = PROGRAM.format(
        name="m",
        extra="""follows = "demo.m"

[programs.in_force]
start = 2030-03-01
end = 2030-02-01
clause = "一"
quote = "自印发之日起施行"

[programs.cadence]
every = "year"
through = 2029
clause = "二"
quote = "每年申报一次"
""",
    )
    found = _problems(tmp_path, body)
    assert "早于施行日" in found["programs[0].in_force.end"]
    assert "早于通知印发的年份" in found["programs[0].cadence.through"]
    assert found["programs[0].follows"] == "follows 用于系列中的各轮：请设 series"


def test_series_are_declared_once_and_named_rightly(tmp_path):
    from srdi.testing.helpers import catalog_with, write_notice

    decl = '\n[[series]]\nid = "demo.s"\ntitle = "示例系列"\n'
    one = write_notice(tmp_path / "a", "t", HEAD + decl + PROGRAM.format(name="a", extra='series = "demo.z"'), TEXT)
    with pytest.raises(NoticeError, match=r"未知的系列 'demo.z'.*是否应为 'demo.s'"):
        catalog_with([one])
    other = HEAD.replace('id = "t-1"', 'id = "t-2"') + decl + PROGRAM.format(name="b", extra='series = "demo.s"')
    two = write_notice(tmp_path / "b", "t", other, TEXT)
    fine = write_notice(tmp_path / "c", "t", HEAD + decl + PROGRAM.format(name="c", extra='series = "demo.s"'), TEXT)
    with pytest.raises(NoticeError, match=r"系列 'demo\.s' 也在 .* 中声明"):
        catalog_with([fine, two])
