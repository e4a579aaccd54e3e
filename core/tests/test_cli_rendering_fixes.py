"""What people read from ``srdi diff``, ``srdi show`` and ``srdi check``, in both languages.

Regressions from the English-mode QA report (/work/qa/english/report.md, findings 1, 11, 12,
17 and 19): ids in brackets swallowed as rich markup, a ``between`` date criterion summed up
as a raw op code, ``--set`` never saying a threshold was adjusted, a full-width colon in
English series lines, and ``srdi diff`` speaking only Chinese.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console

import srdi
from srdi.cli import render
from srdi.cli.main import main
from srdi.diff import STATUSES, diff_programs
from srdi.i18n import speaking, t

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
LIAONING = ROOT / "plugins/liaoning/examples"
BEIJING_PROJECTS = ROOT / "plugins/beijing/src/srdi_beijing/notices/bjjxj-2021-02-26-projects.toml"

KEY_2021, KEY_2024 = "national.key-little-giant-2021", "national.key-little-giant-2024"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


# ----------------------------------------------------------------- diff header (finding 12)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_header_names_both_programs(capsys, lang):
    # the header is "A <title>  [<id>]  <文号>": the ids are the command's own arguments
    out = run(capsys, "--lang", lang, "diff", "liaoning.little-giant-2021", "liaoning.little-giant-2022")
    a, b = out.splitlines()[:2]
    assert a.startswith("A ") and a.endswith("  [liaoning.little-giant-2021]  辽工信明电〔2021〕72号")
    assert b.startswith("B ") and b.endswith("  [liaoning.little-giant-2022]  辽工信改革〔2022〕9号")


def test_a_table_title_is_printed_as_written():
    # a program title or id in a table title ("deadlines.title") may hold brackets
    out = io.StringIO()
    title = "辽宁省专精特新“小巨人”企业（2022年度） [liaoning.little-giant-2022] 时间节点"
    Console(file=out, width=120).print(render.table(title, ["a"], [["x" * 80]]))
    assert out.getvalue().splitlines()[0].rstrip() == title


# ----------------------------------------------------------------- show: between dates (finding 11)
def _listing_date() -> dict[str, object]:
    notice = tomllib.loads(BEIJING_PROJECTS.read_text(encoding="utf-8"))
    crits = [c for p in notice["programs"] for c in p.get("criteria", ()) if c["id"] == "e-listing-date"]
    return crits[0]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "{date}至{until}（含）"), ("en", "{date} to {until} (both included)")],
    ids=["zh", "en"],
)
def test_show_words_a_between_date_as_check_does(capsys, lang, words):
    # bjjxj-2021-02-26-projects.toml, e-listing-date 附件1 二（五）3 "首发上市日期应在 2021年 3月之后，
    # 且不超过 2022年 12月底": op = "between", date = 2021-03-01, until = 2022-12-31, on the fact
    # beijing.listed_on (首发上市日期); check --detail words that threshold with tenure.date.between
    crit = _listing_date()
    assert crit["op"] == "between"
    expected = "首发上市日期 " + words.format(date=crit["date"], until=crit["until"])
    data = json.loads(run(capsys, "--lang", lang, "show", "beijing.ipo-cultivation-2021", "--format", "json"))
    [summary] = [c["summary"] for c in data["criteria"] if c["id"] == "e-listing-date"]
    assert summary == expected
    assert "between" not in summary


# ----------------------------------------------------------------- check --set says so (finding 17)
CHECK = [
    "check",
    str(LIAONING / "little-giant-rd-short.toml"),
    "--program",
    "liaoning.little-giant-2022",
    "--on",
    "2022-03-01",
]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("zh", "按调整后的参数评价：revenue.value=7000；条件名称为通知原文"),
        ("en", "judged with adjusted parameters: revenue.value=7000; criteria keep the notice's wording"),
    ],
    ids=["zh", "en"],
)
@pytest.mark.parametrize("detail", [[], ["--detail", "--brief"]], ids=["answer", "detail"])
def test_check_says_which_parameters_were_adjusted(capsys, lang, line, detail):
    # --set revenue.value=7000 moves 二（三）1（2）'s "2000万元及以上" to 7000: the label keeps the
    # notice's 2000, so the output names the value used, once for the one program
    out = run(capsys, "--lang", lang, *CHECK, *detail, "--set", "revenue.value=7000")
    assert out.count(line) == 1
    plain = run(capsys, "--lang", lang, *CHECK, *detail)
    assert "revenue.value" not in plain


# ----------------------------------------------------------------- series punctuation (finding 19)
@pytest.mark.parametrize(
    ("lang", "after", "wrong"), [("en", ": latest round ", "："), ("zh", "：最近一轮 ", ": ")], ids=["en", "zh"]
)
def test_series_lines_use_the_languages_colon(capsys, monkeypatch, lang, after, wrong):
    # little-giant-eligible on 2022-03-01: the series of 辽宁省推荐中央财政支持的重点“小巨人”企业 has a
    # closed latest round, so its line reads "▸ <series title><colon><latest round …>"
    monkeypatch.setenv("COLUMNS", "400")
    out = run(capsys, "--lang", lang, "check", str(LIAONING / "little-giant-eligible.toml"), "--on", "2022-03-01")
    lines = [x for x in out.splitlines() if x.startswith("▸ 辽宁省推荐中央财政支持的重点“小巨人”企业")]
    assert len(lines) == 1
    title = "▸ 辽宁省推荐中央财政支持的重点“小巨人”企业"
    assert lines[0].startswith(title + after)
    assert not lines[0][len(title) :].startswith(wrong)


# ----------------------------------------------------------------- diff in English (finding 1)
def test_every_status_and_section_is_worded_in_both_languages():
    for lang in ("zh", "en"):
        with speaking(lang):
            for code in [f"diff.status.{s}" for s in STATUSES] + [
                f"diff.section.{k}" for k in ("program", "parameter", "criterion", "group")
            ]:
                assert t(code) != code


def test_diff_speaks_english(capsys):
    out = run(capsys, "--lang", "en", "diff", KEY_2021, KEY_2024)
    lines = out.splitlines()
    # one table per kind of row, titled in English
    for title in ("program", "parameters and readings", "criteria", "criterion groups"):
        assert any(x.rstrip() == title for x in lines)
    assert any(all(w in x for w in ("┃ name ", "┃ comparison ", "┃ differences ", "┃ basis ")) for x in lines)
    # 财建〔2021〕2号's fund, its first tranche and the plan's date are gone in 2024: names the notice
    # gives stay as written, the words srdi puts before them are English
    assert "funds: 中央财政奖补资金（切块下达省级财政部门）" in out and "payment: 批复当年" in out
    for chinese in "仅A 仅B 措辞不同 资金： 拨付： 时间： 名额： 项目属性 名称 比较 依据".split():
        assert chinese not in out
    # the summary counts every row by status, in the order same, reworded, changed, only A, only B
    counts = Counter(r.status for r in diff_programs(srdi.load([]), KEY_2021, KEY_2024).rows)
    words = {"same": "same", "reworded": "reworded", "changed": "changed", "only_a": "only A", "only_b": "only B"}
    assert lines[-1] == "; ".join(f"{words[s]} {counts[s]}" for s in STATUSES)


def test_diff_summary_stays_chinese_by_default(capsys):
    out = run(capsys, "diff", KEY_2021, KEY_2024)
    counts = Counter(r.status for r in diff_programs(srdi.load([]), KEY_2021, KEY_2024).rows)
    words = {"same": "相同", "reworded": "措辞不同", "changed": "不同", "only_a": "仅A", "only_b": "仅B"}
    assert out.splitlines()[-1] == "；".join(f"{words[s]} {counts[s]}" for s in STATUSES)
    assert "资金：中央财政奖补资金（切块下达省级财政部门）" in out and "拨付：批复当年" in out


@pytest.mark.parametrize(
    ("lang", "words", "tranche"),
    [
        ("zh", {"same": "相同", "reworded": "措辞不同", "changed": "不同", "only_a": "仅A", "only_b": "仅B"}, "拨付："),
        (
            "en",
            {"same": "same", "reworded": "reworded", "changed": "changed", "only_a": "only A", "only_b": "only B"},
            "payment: ",
        ),
    ],
    ids=["zh", "en"],
)
def test_diff_json_has_a_status_label_beside_each_status(capsys, lang, words, tranche):
    data = json.loads(run(capsys, "--lang", lang, "diff", KEY_2021, KEY_2024, "--format", "json"))
    assert all(r["status_label"] == words[r["status"]] for r in data["rows"])
    assert {r["status"] for r in data["rows"]} == set(STATUSES)
    # fund:award.approval-year is the first tranche of 2021's award, 批复当年
    [row] = [r for r in data["rows"] if r["a"] == "fund:award.approval-year"]
    assert row["label"] == f"{tranche}批复当年"


def test_show_heads_with_the_program_id(capsys):
    # the first line is the title, the id in brackets and the 文号: "[liaoning.little-giant-2022]" is no rich style
    assert main(["show", "liaoning.little-giant-2022"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "[liaoning.little-giant-2022]" in first and "辽工信改革〔2022〕9号" in first


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("zh", "施行期 2021-11-06 起，未规定截止日期（至被替代）"),
        ("en", "in force from 2021-11-06, with no end date set (until replaced)"),
    ],
)
def test_show_words_a_period_with_no_end_as_open(capsys, lang, line):
    # miit-2021-170.toml [in_force]: start = 2021-11-06 and no end ("通知未载明…终止日期…直至被替代"): the period
    # is open, not "from 2021-11-06 to no end date set"
    assert main(["--lang", lang, "show", "national.measure-testing-fee-half"]) == 0
    assert line in " ".join(capsys.readouterr().out.split())
