"""A new year's round written as a small file extending the last one (the plugin guide's worked example).

The notice below is a test fixture, not a real notice: a 2023 round of the Liaoning
tiers that opens a new window (2023-02-13 to 03-24), moves 上年度 to 2022 and raises
the little giant's revenue floor from 2000 to 3000万元. Everything else is inherited
from 辽工信改革〔2022〕9号 and keeps citing it; the 2022 ladder ("选择适合自身情况的最高
梯度") carries over to the 2023 tiers; each 2023 round follows its 2022 round.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from srdi.testing.helpers import catalog_with, write_notice

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TEXT = """关于开展2023年度“专精特新”企业梯度培育工作的通知（示例）
辽工信示〔2023〕1号
二（二）专精特新中小企业（条件同上年度）。
二（三）专精特新“小巨人”企业：企业上年度营业收入达到3000万元及以上。
五、1.申报时间为2023年2月13日-3月24日。
"""

NOTICE = """
[notice]
id = "example-2023"
doc_number = "辽工信示〔2023〕1号"
title = "关于开展2023年度“专精特新”企业梯度培育工作的通知（示例）"
issuer = ["辽宁省工业和信息化厅"]
issued_on = 2023-01-16
region = "210000"
text = "TEXTFILE"

[[timeline]]
id = "online-window"
title = "企业网上申报、各市初审"
kind = "window"
start = 2023-02-13
end = 2023-03-24
application = true
clause = "五、1"
quote = "申报时间为2023年2月13日-3月24日"

[[programs]]
id = "liaoning.srdi-sme-2023"
title = "辽宁省“专精特新”中小企业（2023年度）"
series = "liaoning.srdi-sme"
extends = "liaoning.srdi-sme-2022"
reference_year = 2022
clause = "二（二）"
quote = "二（二）专精特新中小企业"

[[programs]]
id = "liaoning.little-giant-2023"
title = "辽宁省专精特新“小巨人”企业（2023年度）"
series = "liaoning.little-giant"
extends = "liaoning.little-giant-2022"
reference_year = 2022
clause = "二（三）"
quote = "二（三）专精特新“小巨人”企业"

[programs.overrides."revenue.value"]
value = 3000
clause = "二（三）"
quote = "企业上年度营业收入达到3000万元及以上"
"""

EXAMPLE = Path(__file__).parent.parent / "examples" / "little-giant-eligible.toml"
ON = dt.date(2023, 3, 1)


@pytest.fixture(scope="module")
def with_2023(tmp_path_factory):
    folder = tmp_path_factory.mktemp("round")
    return catalog_with([write_notice(folder, "example-2023", NOTICE, TEXT)], plugins=["liaoning"])


@pytest.fixture()
def firm(with_2023):
    """The eligible example one year on: its 2019–2021 figures become 2020–2022 (上年度 2022)."""
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["years"] = {str(int(y) + 1): v for y, v in data["years"].items()}
    return lambda **revenue_2022: with_2023.load_profile_data(
        {**data, "years": {**data["years"], "2022": {**data["years"]["2022"], **revenue_2022}}}
    )


def test_the_new_round_follows_the_last_one(with_2023):
    s = with_2023.series["liaoning.little-giant"]
    assert [(r.program.id, r.follows) for r in s.rounds][-1] == (
        "liaoning.little-giant-2023",
        "liaoning.little-giant-2022",
    )
    assert s.latest.windows == ((dt.date(2023, 2, 13), dt.date(2023, 3, 24)),)
    assert with_2023.program("liaoning.little-giant-2023").reference_year == 2022


def test_inherited_criteria_keep_citing_their_notice(with_2023):
    prog = with_2023.program("liaoning.little-giant-2023")
    assert prog.criteria["debt-ratio"].origin.notice == "辽工信改革〔2022〕9号"
    assert prog.criteria["debt-ratio"].clause == "二（三）1（2）"
    revenue = prog.criteria["revenue"]
    assert (revenue.args["value"], revenue.origin.notice, revenue.quote) == (
        3000,
        "辽工信示〔2023〕1号",
        "企业上年度营业收入达到3000万元及以上",
    )


def test_the_raised_floor_at_its_boundary(with_2023, firm):
    # "企业上年度营业收入达到3000万元及以上": 2022 revenue of exactly 3000 meets it, 2999 does not;
    # the example's 6800 meets it, and the firm stays eligible as in 2022 (its figures moved a year)
    lg = "liaoning.little-giant-2023"
    assert with_2023.evaluate(firm(), lg, ON).verdict.value == "eligible"
    # (主营业务收入 is part of 营业收入: it comes down with it)
    at, below = firm(revenue=3000, main_business_revenue=3000), firm(revenue=2999, main_business_revenue=2999)
    assert with_2023.evaluate(at, lg, ON).criterion("revenue").outcome.value == "met"
    assert with_2023.evaluate(below, lg, ON).criterion("revenue").outcome.value == "not_met"


def test_the_ladder_carries_over(with_2023, firm):
    # 9号 三（一）1 "需选择适合自身情况的最高梯度进行申报" orders srdi-sme-2022 < little-giant-2022;
    # the 2023 notice declares no ladder, so it orders their 2023 rounds the same way
    results = {r.program: r for r in with_2023.check(firm(), ON)}
    assert set(results) == {"liaoning.srdi-sme-2023", "liaoning.little-giant-2023"}
    lg = results["liaoning.little-giant-2023"]
    assert lg.recommended is True
    assert any("辽工信改革〔2022〕9号 三（一）1" in n for n in lg.notes)


def test_after_the_window_the_next_round_is_expected_a_year_on(with_2023, firm):
    # the 2023 round inherits 9号's cadence ("每年申报期结束后…"): seen on 2023-04-01, the next
    # window is expected 2024-02-13 to 2024-03-24
    st = {s.series: s for s in with_2023.today(firm(), dt.date(2023, 4, 1)).series}["liaoning.little-giant"]
    assert (st.program, st.state, st.closed_on) == ("liaoning.little-giant-2023", "closed", dt.date(2023, 3, 24))
    assert (st.expected.start, st.expected.end) == (dt.date(2024, 2, 13), dt.date(2024, 3, 24))
    assert st.expected.notice == "辽工信改革〔2022〕9号"


def test_a_round_published_later_is_not_yet_the_latest(with_2023, firm):
    # the 2023 notice is issued on 2023-01-16. Seen on 2023-01-15 it does not exist yet: the latest round is
    # 9号's 2022 round (window 2022-02-09 … 03-18, closed), and the next is projected from it a year on,
    # 2023-02-09 … 2023-03-18. From the day of issue the 2023 round is known: published, its window
    # (2023-02-13 … 03-24) not yet open, so "upcoming".
    before = {s.series: s for s in with_2023.today(firm(), dt.date(2023, 1, 15)).series}["liaoning.little-giant"]
    assert (before.program, before.state) == ("liaoning.little-giant-2022", "closed")
    assert (before.expected.start, before.expected.end) == (dt.date(2023, 2, 9), dt.date(2023, 3, 18))
    issued = {s.series: s for s in with_2023.today(firm(), dt.date(2023, 1, 16)).series}["liaoning.little-giant"]
    assert (issued.program, issued.state) == ("liaoning.little-giant-2023", "upcoming")


def test_the_key_little_giant_rounds_as_known_in_march_2022(firm):
    # 辽工信企业〔2024〕88号 is issued 2024-06-26 and 财建〔2024〕148号 2024-06-14: on 2022-03-01 neither exists, so
    # the latest provincial round is the 2021 first batch (window 2021-02-23 … 03-09, closed) and the latest
    # national one is 财建〔2021〕2号's
    import srdi

    series = {s.series: s for s in srdi.load(["liaoning"]).today(firm(), dt.date(2022, 3, 1)).series}
    assert series["liaoning.key-little-giant"].program == "liaoning.key-little-giant-2021"
    assert series["liaoning.key-little-giant"].state == "closed"
    assert series["national.key-little-giant"].program == "national.key-little-giant-2021"


def test_the_brief_answer_says_which_rounds_it_lacks(capsys, monkeypatch):
    # 9号's yearly little giant round opened 2022-02-09 (window to 03-18); the catalog holds no later Liaoning
    # round. Seen on 2026-12-05 the 2023, 2024, 2025 and 2026 windows (each 03-18 before that day) have passed
    # unrecorded: the one-line answer says so, not only --detail, so nobody reads 2022 as the last call
    from srdi.cli.main import main

    monkeypatch.setenv("COLUMNS", "400")
    assert main(["check", str(EXAMPLE), "--on", "2026-12-05"]) == 0
    (line,) = [s for s in capsys.readouterr().out.splitlines() if s.startswith("▸ 辽宁省专精特新“小巨人”企业认定")]
    assert line.endswith("（按通知“每年”推算，尚未发布）；2023—2026年各轮未收录")
