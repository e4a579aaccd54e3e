"""``--lang en`` speaks English: the next round of a series, a selection's reasons and notes, a table's cell checks.

Each of these texts comes from the message catalogue, so English is one switch away
and Chinese, the default, reads as it always has.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
import pandas as pd
import pytest

import srdi
from srdi import i18n
from srdi.batch import cells, read_table
from srdi.batch.select import select
from srdi.batch.write import profiles_table
from srdi.cadence import expected_next
from srdi.cli.main import main
from srdi.notices.model import CadenceSpec
from srdi.profile.relations import row_clashes
from srdi.testing.strategies import credit_code, firms

ROOT = Path(__file__).resolve().parents[2]
ELIGIBLE = ROOT / "plugins/liaoning/examples/little-giant-eligible.toml"
CATALOG = srdi.load([])
BASE = CATALOG.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")
YEARLY = CadenceSpec("year", "四（一）", "每年申报期结束后更新和调整培育库企业名单")
YUNNAN = "shapes.yunnan-provincial-little-giant-2021"


@pytest.fixture(autouse=True)
def chinese_unless_chosen(monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.setenv("COLUMNS", "400")  # one line per message: nothing wrapped


# --------------------------------------------------------------------------- the next round
def test_the_next_round_is_told_in_english(capsys):
    # on 2026-12-03: 辽工信改革〔2022〕9号 四（一）"每年…" — the 2022 window (02-09 to 03-18) shifted by
    # whole years; the 2023–2026 windows are past and none is in the catalogue, so 2027's is expected.
    # 财建〔2024〕148号 announces rounds for 2024—2026 only: the next would fall in 2027, so none comes,
    # and the 2025 and 2026 batches are missing.
    argv = ["check", str(ELIGIBLE), "--on", "2026-12-03", "--detail"]
    assert main([*argv, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert (
        "next round: expected 2027-02-09 to 2027-03-18 (projected from the notice's “every year”, not yet published)"
    ) in out
    assert "note: the rounds of 2023–2026 are not in the catalogue" in out
    assert "next round: no further round expected: the rounds the notice sets end with 2026" in out
    assert "note: the rounds of 2025–2026 are not in the catalogue" in out
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "下一轮：预计不再有新一轮：通知所定轮次至2026年为止" in out
    assert "注：2025—2026年各轮未收录" in out


def test_what_is_open_today_and_what_stays_in_force_is_told_in_english(capsys):
    # on 2026-12-03 no round of 辽宁 or the nation is open (the last closed in 2021–2024, see
    # tests/test_time_model.py); the firm is registered in 210100, a code the region table does not
    # list, so it is named by its province and code. 办实事清单 (十八), in force from 2021-11-06 with no
    # end, is a standing measure; 辽工信改革〔2022〕9号's window 2022-02-09 to 03-18 is closed.
    assert main(["check", str(ELIGIBLE), "--on", "2026-12-03", "--detail", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-03: no program of 辽宁省 (210100) or of the nation is open for applications." in out
    assert "in force from 2021-11-06, no end date" in out
    assert "application window: 2022-02-09 to 2022-03-18 (closed)" in out
    assert main(["check", str(ELIGIBLE), "--on", "2026-12-03", "--detail"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-03：辽宁省（210100）及国家层面均无正在受理申报的项目。" in out
    assert "2021-11-06 起施行，未规定截止日期" in out


def test_a_conditional_tranche_and_a_noted_event_are_bracketed_in_english(capsys):
    # 财建〔2024〕148号: the second half is released at the end of the period "根据绩效评价情况",
    # so the 2027 tranche of a schedule starting 2024 is conditional
    argv = ["fund", "--program", "national.key-little-giant-2024", "--enterprises", "10", "--start-year", "2024"]
    assert main([*argv, "--lang", "en"]) == 0
    assert "实施期末根据绩效评价情况下达剩余资金 (conditional)" in capsys.readouterr().out
    assert main(argv) == 0
    assert "实施期末根据绩效评价情况下达剩余资金（视情况拨付）" in capsys.readouterr().out


def test_every_reason_a_round_is_or_is_not_expected_reads_in_english():
    quarterly = CadenceSpec("quarter", "三", "每季度")
    monthly = CadenceSpec("month", "四、1", "企业每月初到月底…进行申报")
    batches = CadenceSpec("year", "一", "2024—2026 年…分三批次", through=2026)

    def rounds():
        return [
            # seen on 2023-03-19, a day after the 2023 window (2022's shifted a year) closed: the 2023 round is missing
            expected_next(YEARLY, "n", dt.date(2022, 2, 9), dt.date(2022, 3, 18), dt.date(2023, 3, 19)).missing,
            # a round with an opening day only: expected around it a year on
            expected_next(batches, "n", dt.date(2024, 6, 14), None, dt.date(2025, 3, 1)).label,
            # a quarterly round in January, seen on 2026-02-01: the next calendar quarter
            expected_next(quarterly, "n", dt.date(2026, 1, 5), dt.date(2026, 1, 20), dt.date(2026, 2, 1)).label,
            # the monthly intake last ran in 2021-12; on 2026-12-03 December 2026's is expected, the months between missing
            expected_next(monthly, "n", dt.date(2021, 6, 1), dt.date(2021, 12, 31), dt.date(2026, 12, 3)).missing,
            # opened 2021-09-01; on 2025-10-01 the next opens 2026-09-01, after the rules end on 2026-08-31
            expected_next(
                YEARLY, "n", dt.date(2021, 9, 1), None, dt.date(2025, 10, 1), rules_end=dt.date(2026, 8, 31)
            ).label,
            # the same seen on 2026-09-01, once they have ended
            expected_next(
                YEARLY, "n", dt.date(2021, 9, 1), None, dt.date(2026, 9, 1), rules_end=dt.date(2026, 8, 31)
            ).label,
            # seen on 9999-06-01 the next window would open in the year 10000, which no date can hold
            expected_next(YEARLY, "n", dt.date(2022, 2, 9), dt.date(2022, 3, 18), dt.date(9999, 6, 1)).label,
            # the rules of 2021-09-01 state no window of their own: a yearly round is expected with no day
            expected_next(
                YEARLY, "n", dt.date(2021, 9, 1), None, dt.date(2025, 10, 1), dt.date(2026, 8, 31), dated=False
            ).label,
        ]

    with i18n.speaking("en"):
        assert rounds() == [
            "the 2023 round is not in the catalogue",
            "expected around 2025-06-14 (projected from the notice's “every year”, not yet published)",
            "expected 2026-04-01 to 2026-06-30 (projected from the notice's “every quarter”, not yet published)",
            "the rounds from 2022-01-01 to date are not in the catalogue",
            "no further round expected: the measures concerned are in force until 2026-08-31; the next round the "
            "notice's cadence gives (2026-09-01 on) falls after that",
            "no further round expected: the measures concerned were in force until 2026-08-31 and have expired",
            "no date can be projected",
            "a round is expected every year, on a day that cannot be worked out (the latest round states no "
            "application dates; each round's notice sets its own; the rules are in force until 2026-08-31)",
        ]
    assert rounds() == [
        "2023年的一轮未收录",
        "预计 2025-06-14前后（按通知“每年”推算，尚未发布）",
        "预计 2026-04-01 至 2026-06-30（按通知“每季度”推算，尚未发布）",
        "2022-01-01起至今的各期未收录",
        "预计不再有新一轮：有关办法施行至2026-08-31，按通知周期推算的下一轮（2026-09-01起）在此之后",
        "预计不再有新一轮：有关办法施行至2026-08-31，已届满",
        "预计时间无法推算",
        "预计每年一轮，日期无法推算（最近一轮未载明申报时间，各轮时间以当轮通知为准；有关办法施行至2026-08-31）",
    ]


# --------------------------------------------------------------------------- selection
def _candidates_csv(tmp_path: Path) -> Path:
    # 12 candidates under 5000万元, eligible for 工信厅企业函〔2021〕79号 on 2021-04-30 (derivation in
    # test_batch_selection.py), the third with 2020年营业收入 written 四千: unknown, so incomplete
    pool = [
        attrs.evolve(BASE, facts=BASE.facts | {"name": f"候选{i}", "credit_code": credit_code("210100", i)})
        for i in range(1, 13)
    ]
    frame = profiles_table(pool, CATALOG.vocabulary, CATALOG.titles).astype(object)
    frame.loc[2, "2020年营业收入"] = "四千"
    path = tmp_path / "candidates.csv"
    frame.to_csv(path, index=False)
    return path


def test_select_gives_its_reasons_in_english(capsys, tmp_path):
    # 11 eligible in 辽宁, 10 places under 5000万元 (五（一）): ranks 1–10 go on; rank 11, the last row,
    # ties with rank 10 on every priority and is cut by that quota, counted per province (辽宁省);
    # the third row is no candidate: its verdict is incomplete
    argv = ["select", str(_candidates_csv(tmp_path)), "--program", "national.little-giant-3rd-batch"]
    argv += ["--on", "2021-04-30"]
    assert main([*argv, "--lang", "en"]) == 0
    reasons = list(pd.read_csv(io.StringIO(capsys.readouterr().out))["reason"])
    assert reasons[0] == "selected: ranked 1"
    assert reasons[2] == "not a candidate: incomplete"
    assert reasons[11] == (
        "not selected: ranked 11, 上年度营业收入不足5000万元的企业数 (辽宁省) has reached its limit of 10"
        " (工信厅企业函〔2021〕79号 五（一）); ranked on the same basis as the one above, placed after it in input order"
    )
    assert main(argv) == 0
    reasons = list(pd.read_csv(io.StringIO(capsys.readouterr().out))["reason"])
    assert reasons[0] == "入选：第1名"
    assert reasons[11] == (
        "未入选：第11名，上年度营业收入不足5000万元的企业数（辽宁省）已达上限10家（工信厅企业函〔2021〕79号 五（一））"
        "；与前一名排序依据相同，按输入顺序排后"
    )
    # a quota the program does not have is refused, in the language chosen
    assert main([*argv, "--quota", "nope:210000=3", "--lang", "en"]) == 2
    assert "--quota 'nope': national.little-giant-3rd-batch has no such quota" in capsys.readouterr().err


def test_redistributed_places_and_unstated_numbers_are_explained_in_english(shapes):
    # 苏工信中小〔2021〕522号 三（二）: 江阴 (320281) has 2 places and 4 candidates, 宜兴 (320282) 2 places and 1;
    # 宜兴's unused place goes to 无锡 (320200) and is taken by 江阴's 3rd candidate (test_shape_quotas.py)
    # (each: 制造类, 主营业务收入 6000 ≥ 5000, the rest attested → eligible)
    def run_jiangsu():
        eligible = {
            "enterprise": {"registered_on": "2010-01-01", "shapes": {"jiangsu_category": ["manufacturing"]}},
            "years": {"2020": {"main_business_revenue": 6000}},
            "attestations": {"jiangsu_manufacturing": True},
        }
        pool = [
            *firms(shapes, "320281", 4, **eligible),
            *firms(shapes, "320282", 1, 10, **eligible),
            *firms(shapes, "320581", 2, 20, **eligible),
        ]
        allocations = {"per-unit": {"320281": 2, "320282": 2, "320581": 1}}
        on = dt.date(2021, 11, 1)
        return select(shapes, shapes.frame(pool), "shapes.jiangsu-little-giant-2021", on, allocations=allocations)

    # 浙经信企业〔2021〕165号 四（一）: the numbers per city are in an annex nobody supplied here
    # (研发 90/3000 and 100/3000, both ≥ 3% → eligible)
    def run_zhejiang():
        years = {"2019": {"revenue": 3000, "rd_expense": 90.0}, "2020": {"revenue": 3000, "rd_expense": 100.0}}
        pool = firms(shapes, "330100", 4, years=years)
        return select(shapes, shapes.frame(pool), "shapes.zhejiang-srdi-sme-2021", dt.date(2021, 11, 1))

    with i18n.speaking("en"):
        result = run_jiangsu()
        unset = run_zhejiang().notes[0]
    assert result.frame["reason"].iloc[2] == (
        "selected: ranked 3, 江苏省 (320281)'s places are full, takes a place redistributed within 江苏省 (320200)"
        " (苏工信中小〔2021〕522号 三（二）)"
    )
    assert (
        "各地推荐名额: 江苏省 (320282) was allotted 2, 1 selected; the places left (1) are redistributed by 江苏省 (320200)"
        " (苏工信中小〔2021〕522号 三（二）: “若有县（市）未使用完推荐名额，剩余名额可由所在设区市统筹”)"
    ) in result.notes
    assert {u.basis for u in result.usage} == {"supplied by the user"}
    assert unset == (
        "各市专精特新中小企业推荐名额（等额推荐）: the notice allocates each unit's places separately and does not"
        " state them; selected against the total (unlimited) only (give each unit's places:"
        " --quota per-city:<unit>=N; 浙经信企业〔2021〕165号 四（一）)"
    )
    assert {u.basis for u in run_jiangsu().usage} == {"用户提供"}
    assert run_zhejiang().notes[0] == (
        "各市专精特新中小企业推荐名额（等额推荐）：各单位名额由通知另行下达，未载明；只按总数不限筛选 "
        "（逐一给出各单位名额：--quota per-city:<单位>=N；浙经信企业〔2021〕165号 四（一））"
    )


def test_floors_short_or_not_given_are_noted_in_english(shapes):
    # 云南 2021 五（一）: floors supplied for 昆明 (530100) 3 and 曲靖 (530300) 4; 曲靖 puts forward 2 < 4,
    # 玉溪 (530400) has no floor given (test_shape_quotas.py)
    none: dict = {"recognitions": []}
    pool = firms(shapes, "530100", 5, **none) + firms(shapes, "530300", 2, **none) + firms(shapes, "530400", 1, **none)
    floors = {"city-target": {"530100": 3, "530300": 4}}
    with i18n.speaking("en"):
        notes = select(shapes, shapes.frame(pool), YUNNAN, dt.date(2021, 9, 1), allocations=floors).notes
    cites = "云南省工业和信息化厅《关于开展省级专精特新“小巨人”企业培育工作的通知》（未注明日期） 五（一）"
    assert (
        f"各州市推荐企业数量（不低于推荐目标数）: 云南省 (530300) has 2 selected, fewer than the minimum of 4 ({cites})"
        in notes
    )
    assert (
        "各州市推荐企业数量（不低于推荐目标数）: no minimum given for 云南省 (530400), so whether it is reached is not"
        f" checked (give the minimum: --quota city-target:530400=N; {cites})"
    ) in notes


# --------------------------------------------------------------------------- a table's cells
def _table() -> pd.DataFrame:
    # two enterprises as a bureau's table holds them, the second's 2020年营业收入 written NaN (not a figure),
    # then a blank row: a frame has no header line, so its rows are numbered from 1 and the blank one is row 3
    pool = [
        attrs.evolve(BASE, facts=BASE.facts | {"name": f"候选{i}", "credit_code": credit_code("210100", i)})
        for i in (1, 2)
    ]
    frame = profiles_table(pool, CATALOG.vocabulary, CATALOG.titles).astype(object)
    frame.loc[1, "2020年营业收入"] = "NaN"
    blank = pd.DataFrame([[None] * frame.shape[1]], columns=frame.columns)
    return pd.concat([frame, blank], ignore_index=True)


def test_cell_checks_are_told_in_english():
    pa = pytest.importorskip("pyarrow")
    frame = _table()
    stages: list[str] = []
    with i18n.speaking("en"):
        table = read_table(frame, CATALOG, progress=lambda stage, done, total: stages.append(stage))
    assert dict(table.errors) == {
        1: ["2020年营业收入: the cell holds 'NaN', which is not a value (leave it empty when the figure is unknown)"],
        2: ["row 3 is blank"],
    }
    assert set(stages) == {"checking"}
    stages.clear()
    read_table(frame, CATALOG, progress=lambda stage, done, total: stages.append(stage))
    assert set(stages) == {"检查"}
    # names stored as bytes (an Arrow binary column), the first not UTF-8: that cell cannot be read
    names = pd.Series([b"\xff\xfe", "候选2".encode(), None], dtype=pd.ArrowDtype(pa.binary()))
    frame = frame.assign(企业名称=names)
    with i18n.speaking("en"):
        table = read_table(frame, CATALOG)
    assert table.errors[0] == ["企业名称: the cell holds bytes that cannot be decoded (is the file's encoding wrong?)"]
    assert read_table(frame, CATALOG).errors[0] == ["企业名称: 单元格含有无法解码的字节（文件编码有误？）"]


def test_columns_checked_on_several_threads_speak_the_language_chosen(monkeypatch):
    # a large table's columns are checked on worker threads; their messages are in the caller's language
    monkeypatch.setattr(cells, "PARALLEL_FROM", 1)
    monkeypatch.setattr(cells, "_cores", lambda: 2)
    with i18n.speaking("en"):
        table = read_table(_table(), CATALOG)
    assert table.errors[1] == [
        "2020年营业收入: the cell holds 'NaN', which is not a value (leave it empty when the figure is unknown)"
    ]


# --------------------------------------------------------------------------- facts that cannot all be true
def test_a_part_above_its_whole_is_told_in_english():
    # 研发经费支出 5000万元 is above 营业收入 40万元 of the same year, and more than 100 times it
    # (YUAN_FACTOR): the R&D expense was most likely typed in 元, so the hint asks about 元
    row = {"rd_expense_2021": 5000.0, "revenue_2021": 40.0}
    with i18n.speaking("en"):
        (clash,) = row_clashes(row, CATALOG.vocabulary)
    assert clash.key == "years.2021.rd_expense"
    assert clash.message == (
        "研发经费支出 5000万元 in 2021 is above 营业收入 40万元 (years.2021.revenue): "
        "amounts are in 万元 — was it entered in 元?"
    )
    (clash,) = row_clashes(row, CATALOG.vocabulary)
    assert (
        clash.message
        == "2021年研发经费支出 5000万元 大于营业收入 40万元（years.2021.revenue）：金额以万元计，是否按元填写？"
    )


# --------------------------------------------------------------------------- srdi show
def _show_tables(out: str) -> dict[str, list[str]]:
    """Each table `srdi show` printed: its title and its column headings (COLUMNS=400: nothing wrapped)."""
    lines = out.splitlines()
    return {
        lines[i - 1].strip(): [cell.strip() for cell in lines[i + 1].strip("┃").split("┃")]
        for i, line in enumerate(lines)
        if line.startswith("┏")
    }


def _show_rows(out: str) -> dict[str, list[str]]:
    """Each row of `srdi show`'s tables by its ID cell."""
    rows = (line.strip("│").split("│") for line in out.splitlines() if line.startswith("│"))
    return {cells[0].strip(): [cell.strip() for cell in cells] for cells in rows}


@pytest.mark.parametrize("lang", ["en", None])
def test_show_speaks_the_language_chosen(capsys, lang):
    # 工信厅企业函〔2021〕79号, served by the baseline: the first round of its series; parameters, criteria,
    # groups and quotas, among them 五（一）'s at most 10 per province under 5000万元 (no inherited criteria dropped)
    program = "national.little-giant-3rd-batch"
    assert main(["show", program, *(["--lang", lang] if lang else [])]) == 0
    out = capsys.readouterr().out
    with i18n.speaking(lang):
        t = i18n.t
        name, origin = t("show.col.name"), t("show.col.origin")
        expected = {
            t("show.parameters"): [name, t("show.col.value"), origin, t("show.col.reason")],
            t("show.criteria"): ["ID", t("check.col.criterion"), t("show.col.type"), t("show.col.summary"), origin],
            t("show.groups"): ["ID", name, t("show.col.combination"), origin],
            t("show.quotas"): [
                "ID",
                name,
                t("show.col.units"),
                t("show.col.numbers"),
                t("show.col.unused"),
                t("show.col.overflow"),
                origin,
            ],
        }
        series = t("show.series_first", series="national.little-giant")
        under_5000 = [t("show.quota.scope.province"), t("show.quota.unit_max", n=10)]
        category_a = t("show.group.mode", word=t("group.all"), of=t("list.sep").join(["a-revenue", "a-rd-ratio"]))
    assert _show_tables(out) == expected
    assert out.splitlines()[1] == series
    assert _show_rows(out)["under-5000"][2:4] == under_5000
    assert _show_rows(out)["category-a"][2] == category_a
    if lang == "en":
        assert set(expected) == {"parameters", "criteria", "criterion groups", "quotas"}
