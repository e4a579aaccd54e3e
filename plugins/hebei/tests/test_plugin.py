"""The Hebei plugin as a whole: regions, routing, programs and their notices, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import srdi
from srdi.cli.main import main
from srdi_hebei.metrics import industry_scope

PROGRAMS = {
    # 冀工信中小函〔2021〕116号
    "hebei.pool": "冀工信中小函〔2021〕116号",
    "hebei.srdi-sme": "冀工信中小函〔2021〕116号",
    "hebei.demonstration": "冀工信中小函〔2021〕116号",
    "hebei.title-standing": "冀工信中小函〔2021〕116号",
    # 冀工信企业函〔2021〕129号
    "hebei.pool-2021": "冀工信企业函〔2021〕129号",
    # 冀工信企业函〔2021〕261号
    "hebei.little-giant-3rd-batch": "冀工信企业函〔2021〕261号",
    "hebei.demonstration-3rd-batch": "冀工信企业函〔2021〕261号",
    # the unnumbered ones, by issuer, title and date
    "hebei.demonstration-4th-batch": "河北省工业和信息化厅《关于组织申报第四批省级“专精特新”示范企业的通知》（2021-09-15）",
    "hebei.pool-open-2021": "河北省工业和信息化厅《关于组织申报第四批省级“专精特新”示范企业的通知》（2021-09-15）",
    "hebei.backbone-2021": "河北省工业和信息化厅《关于征集2021年河北省骨干中小企业“专精特新”发展项目的通知》（未注明日期）",
    **dict.fromkeys(
        [
            "hebei.platform-upgrade-award",
            "hebei.mfg-innovation-centre-award",
            "hebei.digital-transformation-support",
            "hebei.smart-manufacturing-benchmark-award",
            "hebei.brand-awards",
            "hebei.standards-revision-award",
            "hebei.quality-awards",
        ],
        "河北省民营经济领导小组《关于印发《河北省促进中小企业“专精特新”发展若干措施》的通知》（2021-12-15）",
    ),
    **dict.fromkeys(
        [
            "hebei.reguarantee-compensation",
            "hebei.loan-interest-subsidy",
            "hebei.listing-subsidy",
            "hebei.bond-issue-subsidy",
            "hebei.hbex-convertible-subsidy",
        ],
        "河北省民营经济领导小组办公室《关于印发为“专精特新”中小企业办实事清单的通知》（2021-12-16）",
    ),
}


def test_every_program_and_its_notice(hebei):
    assert {p.id: p.doc_number for p in hebei.programs("hebei")} == PROGRAMS


def test_the_cli_lists_them_for_the_region(capsys):
    assert main(["programs", "--region", "hebei", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"]: r["notice"] for r in rows} == PROGRAMS
    assert {r["region"] for r in rows} == {"130000"}


def test_every_program_has_its_dates(hebei):
    # each program lists its events; the title's duties are not dated at all; the guide's
    # standing rules (第二十条 "自印发之日起执行") and the measures (印发 2021-12-15 / 12-16) are in
    # force from a day with no end, so only their start is dated
    undated_only = {"hebei.title-standing"}
    from_a_day = {p.id for p in hebei.programs("hebei") if p.in_force is not None}
    assert {"hebei.srdi-sme", "hebei.demonstration", "hebei.pool", "hebei.quality-awards"} <= from_a_day
    for p in hebei.programs("hebei"):
        occ = hebei.deadlines(p)
        assert occ, p.id
        assert any(o.date or o.start for o in occ) is (p.id not in undated_only), p.id
        if p.id in from_a_day:
            (in_force,) = [o for o in occ if o.event == "in-force"]
            assert in_force.start == p.in_force.start and in_force.date is None, p.id


def test_the_cli_dates_the_publicity_from_the_day_given(capsys):
    # published 2021-06-01 → 5 working days after: 2021-06-08 (see test_guide_2021)
    args = ["deadlines", "--program", "hebei.srdi-sme", "--anchor", "list-published=2021-06-01", "--format", "json"]
    assert main(args) == 0
    occ = {o["event"]: (o["start"], o["date"]) for o in json.loads(capsys.readouterr().out)}
    # the guide itself: in force from 2021-03-01 (第二十条 "自印发之日起执行"), no end printed
    assert occ == {
        "list-published": (None, "2021-06-01"),
        "publicity-end": (None, "2021-06-08"),
        "in-force": ("2021-03-01", None),
    }


def _calendar(capsys, tmp_path, name, *args):
    out = tmp_path / name
    assert main(["deadlines", "--program", "hebei.srdi-sme", *args, "--format", "ics", "--out", str(out)]) == 0
    lines = out.read_bytes().decode("utf-8").replace("\r\n ", "").split("\r\n")
    return lines, capsys.readouterr().err


def test_a_calendar_made_again_with_a_corrected_day_updates_its_events(capsys, tmp_path):
    # 指南 第十一条: the list is published on a day the user gives, the publicity ends "公示五个工作日" after it.
    # Published 2021-06-01 → ends 2021-06-08 (as above); published 2021-06-02 (Wed) → 3, 4, 7, 8, 9 June:
    # ends 2021-06-09. The second calendar corrects the first: its events keep their UIDs (an event is its
    # program and event, each happening once a round), so a calendar application replaces them.
    first, _ = _calendar(capsys, tmp_path, "a.ics", "--anchor", "list-published=2021-06-01")
    second, _ = _calendar(capsys, tmp_path, "b.ics", "--anchor", "list-published=2021-06-02")
    uids = ["UID:hebei.srdi-sme-list-published@srdi", "UID:hebei.srdi-sme-publicity-end@srdi"]
    assert [line for line in first if line.startswith("UID:")] == uids
    assert [line for line in second if line.startswith("UID:")] == uids
    assert "DTSTART;VALUE=DATE:20210608" in first and "DTSTART;VALUE=DATE:20210609" in second


def test_a_calendar_says_which_events_it_cannot_hold_yet(capsys, tmp_path):
    # Without --anchor neither the publication nor the end of the publicity has a day, and the guide prints no
    # end of its own force (第二十条 "自印发之日起执行"): a calendar holds no event for any of the three, and says
    # so, naming each with why, instead of leaving them out silently
    lines, err = _calendar(capsys, tmp_path, "c.ics")
    assert "BEGIN:VEVENT" not in lines
    assert err.startswith("日历文件未收入 3 项尚无日期的事件：")
    assert "公示期满（五个工作日）（自 'list-published' 起算，该日期尚未给出）" in err
    assert "请用 --anchor list-published=YYYY-MM-DD（服务接口中为 anchor 参数）给出" in err and "施行期" in err


def test_cities_are_named_not_claimed(hebei):
    assert hebei.claims == {"130000": "hebei"}
    cities = {c: hebei.regions.by_code[c] for c in ("130100", "130181", "130682", "133100")}
    assert [r.name for r in cities.values()] == ["石家庄市", "辛集市", "定州市", "雄安新区"]
    assert all(not r.claim for r in cities.values())
    # every key of a per-city quota is a region the plugin names
    for pid in ("hebei.little-giant-3rd-batch", "hebei.demonstration-3rd-batch"):
        for q in hebei.program(pid).quotas:
            assert all(code in hebei.regions.by_code for code in q.per or {}), pid


@pytest.mark.parametrize(
    ("credit_code", "region", "name"),
    [("91130100MA0FKJ2D1N", "130100", "石家庄市"), ("91133100MA0CT4LM89", "133100", "雄安新区")],
)
def test_a_credit_code_routes_to_hebei(credit_code, region, name):
    # characters 3–8 give the registering authority's region; it falls back to 河北 (130000)
    cat = srdi.for_credit_code(credit_code)
    assert cat.claims == {"130000": "hebei"}
    assert [r.code for r in cat.regions.chain(region)] == [region, "130000", "000000"]
    assert cat.regions.by_code[region].name == name


def test_open_programs_of_a_hebei_firm():
    # on 2021-05-01: the pool round (to 5-08), the little giants (4-28…5-06, both the ministry's
    # and Hebei's recommendation), the third demonstration batch (to 5-20) and the backbone
    # call (its issue date is assumed, see the notice) are open; the rest are not
    cat = srdi.for_credit_code("91130200MA07R8KX4P")
    p = cat.load_profile(Path(__file__).parent.parent / "examples" / "tangshan-bearings.toml")
    checked = {r.program: r.verdict.value for r in cat.check(p, dt.date(2021, 5, 1))}
    assert set(checked) == {
        "hebei.pool-2021",
        "hebei.little-giant-3rd-batch",
        "national.little-giant-3rd-batch",
        "hebei.demonstration-3rd-batch",
        "hebei.backbone-2021",
    }
    assert checked["hebei.little-giant-3rd-batch"] == checked["hebei.demonstration-3rd-batch"] == "eligible"


@pytest.mark.parametrize(
    ("code", "scope"),
    [
        ("C3451", "industrial"),
        ("B0610", "industrial"),
        ("D4411", "industrial"),
        ("C", "industrial"),
        ("I6513", "software_it"),
        ("6513", "software_it"),
        ("I6311", "other"),  # telecoms: section I, not division 65
        ("L7212", "other"),
        ("E4710", "other"),  # 建筑业 is not 工业 here
        ("I", None),  # section I alone cannot tell software from telecoms
        (None, None),
    ],
)
def test_industry_scope_of_the_rd_grade_rule(code, scope):
    assert industry_scope(code) == scope


def test_the_rd_grade_is_a_declared_fact(hebei):
    field = hebei.vocabulary["hebei.rd_institution_grade"]
    assert field.origin.startswith("srdi-hebei@") and [c.label for c in field.choices] == [
        "A级",
        "B级",
        "C级",
        "无研发机构或未评级",
    ]


def test_a_misspelt_hebei_fact_is_named(hebei, tmp_path):
    from srdi.errors import ProfileError

    path = tmp_path / "p.toml"
    path.write_text(
        '[enterprise.hebei]\nrd_institution_grad = "B级"\n[years.2020.hebei]\nmain_product_sale = 1\n', encoding="utf-8"
    )
    with pytest.raises(ProfileError) as err:
        hebei.load_profile(path)
    problems = {p.key: p.message for p in err.value.problems}
    assert set(problems) == {"enterprise.hebei.rd_institution_grad", "years.2020.hebei.main_product_sale"}
    assert "rd_institution_grade" in problems["enterprise.hebei.rd_institution_grad"]


BAD_RANGE = """
[notice]
id = "bad-range"
identified_by = "示例"
title = "关于印发《河北省促进中小企业“专精特新”发展若干措施》的通知"
issuer = ["河北省民营经济领导小组"]
issued_on = 2021-12-15
region = "130000"
text = "TEXTFILE"

[[programs]]
id = "demo.range"
title = "示例"
kind = "measure"
rule = "upgraded"
clause = "（九）"
quote = "给予 300万-500万元奖励性补助"

[[programs.criteria]]
id = "upgraded"
label = "晋级"
type = "flag"
fact = "hebei.national_platform_upgrade"
clause = "（九）"
quote = "给予 300万-500万元奖励性补助"

[programs.fund]
clause = "（九）"
quote = "给予 300万-500万元奖励性补助"

[[programs.fund.components]]
id = "award"
label = "奖励性补助"
kind = "range"
low = 500
high = 300
clause = "（九）"
quote = "给予 300万-500万元奖励性补助"
"""


def test_a_bad_fund_component_is_named_with_its_file_and_key(tmp_path):
    # a range written upside down: the error names the file, the component and why
    from srdi.errors import NoticeError
    from srdi.testing.helpers import catalog_with, write_notice

    text = (Path(__file__).parent.parent / "src" / "srdi_hebei" / "texts" / "hebei-measures-2021.txt").read_text(
        encoding="utf-8"
    )
    path = write_notice(tmp_path, "bad", BAD_RANGE, text)
    cat = catalog_with([path], plugins=["hebei"])
    with pytest.raises(NoticeError) as err:
        cat.fund("demo.range")
    (problem,) = err.value.problems
    assert (problem.file, problem.key) == (str(path), "fund.components[0]")
    assert problem.message == "low (500) is above high (300)"


def test_without_the_day_of_publication_the_deadlines_say_what_to_give(capsys):
    # 指南: the list is published on a day the guide does not print, and the publicity runs five working days from
    # it (第十一条 "公示五个工作日"). Without --anchor neither is dated: the first says how to give its day, the
    # second that it counts from a day not given yet, in Chinese as every note srdi writes
    args = ["deadlines", "--program", "hebei.srdi-sme", "--format", "json"]
    assert main(args) == 0
    notes = {o["event"]: (o["date"], o["note"]) for o in json.loads(capsys.readouterr().out)}
    assert notes["list-published"] == (
        None,
        "通知未印明日期：请用 --anchor list-published=YYYY-MM-DD（服务接口中为 anchor 参数）给出",
    )
    assert notes["publicity-end"] == (None, "自 'list-published' 起算，该日期尚未给出")
