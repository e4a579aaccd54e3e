"""Titles, tenure, award stacking, recognition, revocation and region explain themselves in English.

Their thresholds, notes, gaps and the way a held title is described come from the
message catalogue: ``--lang en`` (or :func:`srdi.i18n.speaking`) words them in English,
and Chinese, the default, reads as it always has. A compiled program is shared by the
runs of a catalog, so one catalog answers in both languages, the wording following the
language of each run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from srdi import i18n
from srdi.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ELIGIBLE = ROOT / "plugins/liaoning/examples/little-giant-eligible.toml"
POOL = "重庆市“专精特新”中小企业培育库"
SHANXI_AWARD = "山西省中小微企业发展专项资金“专精特新”中小企业项目奖励"
GUIZHOU = "贵州省专精特新“小巨人”企业"
NATIONAL = "专精特新“小巨人”企业"
SEED = "天津市“专精特新”种子企业"


@pytest.fixture(autouse=True)
def chinese_unless_chosen(monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)


# --------------------------------------------------------------------------- tenure
def test_a_year_in_the_pool_is_told_in_english_and_in_chinese(shapes):
    # 渝经信中小〔2021〕21号 附件2 二 "提前1年纳入“专精特新”中小企业培育库" (tenure, years = 1, in force on the
    # evaluation date). In the pool since 2021-01-10: the year is complete on 2022-01-10, so on 2022-01-09
    # it is not met and the gap is that day. The pool has no stated term, so the title reads its grant only.
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "500112", "registered_on": "2015-03-01"},
            "recognitions": [{"title": "shapes.chongqing_cultivation_pool", "granted_on": "2021-01-10"}],
        }
    )
    on = dt.date(2022, 1, 9)
    c = shapes.evaluate(profile, "shapes.chongqing-srdi-2022", on).criterion("pool-tenure")
    assert c.outcome.value == "not_met"
    assert c.threshold == f"{POOL}：评价日有效，且已满1年"
    assert c.gap == "于2022-01-10满1年"
    assert c.values == {POOL: "认定于2021-01-10"}
    with i18n.speaking("en"):
        c = shapes.evaluate(profile, "shapes.chongqing-srdi-2022", on).criterion("pool-tenure")
    # "提前1年": one year, in English's singular form
    assert c.threshold == f"{POOL}: in force on the evaluation date and held for at least 1 year"
    assert c.gap == "held for 1 year on 2022-01-10"
    assert c.values == {POOL: "granted on 2021-01-10"}


def test_a_registration_cut_off_and_window_are_told_in_english(shapes):
    # 晋企发〔2021〕6号 附件1 四（一）1 "2019年1月1日前在山西省内登记注册", read as including the day
    # (cutoff_op "<="): registered 2019-01-02 is one day late → not met. The same criterion as a window from
    # 2015-01-01 to 2018-12-31 (both days included, as 北京's "应在2020年1月之后，且不超过2021年12月底"):
    # registered 2019-01-02 is outside it.
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "140105", "registered_on": "2019-01-02"},
            "recognitions": [],
            "attestations": {"shanxi_attracted_project": False},
        }
    )
    prog = shapes.program("shapes.shanxi-srdi-project-2021")
    crit = prog.criteria["registered-before"]
    window = attrs.evolve(
        crit, args={**crit.args, "op": "between", "date": dt.date(2015, 1, 1), "until": dt.date(2018, 12, 31)}, refs={}
    )
    windowed = attrs.evolve(prog, criteria={**prog.criteria, "registered-before": window}, overridden=("window",))
    with i18n.speaking("en"):
        c = shapes.evaluate(profile, prog, dt.date(2021, 5, 1)).criterion("registered-before")
        assert (c.outcome.value, c.threshold) == ("not_met", "on or before 2019-01-01")
        c = shapes.evaluate(profile, windowed, dt.date(2021, 5, 1)).criterion("registered-before")
        assert (c.outcome.value, c.threshold) == ("not_met", "2015-01-01 to 2018-12-31 (both included)")


# --------------------------------------------------------------------------- stacking
def test_no_repeat_award_is_told_in_english(shapes):
    # 晋企发〔2021〕6号 附件1 一 "已经获得过…项目奖励的企业不得再次申报" (no_repeat): the fund's award received in
    # 2019 → not met, and the note names that award. The award has no stated term: its year alone describes it.
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "140105", "registered_on": "2015-01-01"},
            "recognitions": [{"title": "shapes.shanxi_srdi_project_award", "year": 2019}],
        }
    )
    with i18n.speaking("en"):
        c = shapes.evaluate(profile, "shapes.shanxi-srdi-project-2021", dt.date(2021, 5, 1)).criterion("no-repeat")
    assert c.outcome.value == "not_met"
    assert c.threshold == f"no repeat award: never received {SHANXI_AWARD}"
    assert c.note == f"already received {SHANXI_AWARD}: may not apply again"
    assert c.values == {SHANXI_AWARD: "granted in 2019"}


def test_the_higher_award_only_is_told_in_english(shapes):
    # 黔工信中小〔2021〕37号 六（二）"同时获省和国家专精特新“小巨人”企业认定的按就高原则进行奖励": the ladder is
    # 省 < 国家 and this award is the provincial one. Both held (2021) → the national award is higher → not met.
    # The national title (工信厅企业函〔2021〕79号 四（五）"有效期为3年", from the day of grant) given by its year
    # alone ends on a day from 2023-12-31 (granted 2021-01-01) to 2024-12-30 (granted 2021-12-31).
    # The provincial criterion (valid = ever) asks that the provincial title was ever granted.
    provincial = {"title": "shapes.guizhou_little_giant", "year": 2021}
    national = {"title": "national.little_giant", "year": 2021}
    on = dt.date(2021, 12, 1)

    def run(recognitions):
        profile = shapes.load_profile_data({"enterprise": {"region_code": "520102"}, "recognitions": recognitions})
        return shapes.evaluate(profile, "shapes.guizhou-little-giant-award", on)

    with i18n.speaking("en"):
        both = run([provincial, national]).criterion("higher-award")
        alone = run([provincial])
    assert both.outcome.value == "not_met"
    assert both.threshold == f"higher award only: not already received the higher {NATIONAL}"
    assert both.note == f"higher award only: already received {NATIONAL}, so this award is not given"
    assert both.values == {
        GUIZHOU: "granted in 2021",
        NATIONAL: "granted in 2021, valid until a day from 2023-12-31 to 2024-12-30 (give the grant date)",
    }
    assert alone.criterion("provincial").threshold == f"must have been granted at some time: {GUIZHOU}"
    # in Chinese, the same program of the same catalog
    c = run([provincial, national]).criterion("higher-award")
    assert c.note == f"按就高原则：已获{NATIONAL}，不再给予本项奖励"
    assert c.values[NATIONAL] == "2021年认定，有效期至2023-12-31～2024-12-30之间（需认定日期）"


# --------------------------------------------------------------------------- recognition
def test_a_title_in_force_and_a_round_not_repeated_are_told_in_english(baseline):
    # 财建〔2024〕148号: the little giant granted 2022-08-01 is in force on 2024-07-01, its three years
    # (工信厅企业函〔2021〕79号 四（五）"有效期为3年", from the day of grant) ending 2025-07-31; 三（二）
    # "对在上一轮…（财建〔2021〕2 号文）中已获得支持的“小巨人”企业不再重复支持" (held = false, valid = ever):
    # supported in 2021 → not met.
    supported = "已获上一轮财政支持（财建〔2021〕2号）的“小巨人”企业"
    profile = baseline.load_profile_data(
        {
            "recognitions": [
                {"title": "national.little_giant", "granted_on": "2022-08-01"},
                {"title": "national.supported_2021_2", "year": 2021},
            ]
        }
    )
    with i18n.speaking("en"):
        result = baseline.evaluate(profile, "national.key-little-giant-2024", dt.date(2024, 7, 1))
    valid = result.criterion("valid-little-giant")
    assert valid.outcome.value == "met"
    assert valid.values == {NATIONAL: "granted on 2022-08-01, valid until 2025-07-31"}
    again = result.criterion("not-supported-before")
    assert again.outcome.value == "not_met"
    assert again.threshold == f"must never have been granted: {supported}"
    assert again.values == {supported: "granted in 2021"}


def test_years_of_grant_are_told_in_english():
    # 湖南 2021 调度 一 "2019年、2020年工信部公布的国家级专精特新“小巨人”企业" (granted_from = 2019,
    # granted_until = 2020, valid = ever): the national title of 2020 → met.
    pytest.importorskip("srdi_hunan")
    import srdi

    cat = srdi.load("hunan")
    profile = cat.load_profile_data(
        {"enterprise": {"region_code": "430100"}, "recognitions": [{"title": "national.little_giant", "year": 2020}]}
    )
    program, on = "hunan.little-giant-dispatch-2021", dt.date(2021, 3, 15)
    with i18n.speaking("en"):
        c = cat.evaluate(profile, program, on).criterion("national-2019-2020")
    assert c.outcome.value == "met"
    assert c.threshold == f"must have been granted at some time: {NATIONAL} (granted in 2019–2020)"
    c = cat.evaluate(profile, program, on).criterion("national-2019-2020")
    assert c.threshold == f"须曾获得：{NATIONAL}（2019—2020年认定）"


# --------------------------------------------------------------------------- revocation and region
def test_a_revoked_seed_title_and_the_region_are_told_in_english(shapes):
    # 津工信中小企服〔2021〕17号 指南二（五）"立即予以撤销，且两年内不再受理其申报申请": revoked 2020-07-05, the bar's
    # last day is 2022-07-05, so on that day it is not met and applications are accepted from 2022-07-06.
    # 指南一（一）1 "在天津市工商注册登记" (region 120000): registered in 120116 (滨海新区), inside → met.
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "120116"},
            "recognitions": [{"title": "shapes.tianjin_seed", "year": 2019, "revoked_on": "2020-07-05"}],
        }
    )
    on = dt.date(2022, 7, 5)
    with i18n.speaking("en"):
        result = shapes.evaluate(profile, "shapes.tianjin-seed-batch-2", on)
    revoked = result.criterion("not-revoked")
    assert revoked.outcome.value == "not_met"
    assert revoked.threshold == f"not revoked, or revoked at least 2 years ago: {SEED}"
    assert revoked.values == {SEED: "granted in 2019, revoked on 2020-07-05"}
    assert revoked.gap == "may apply again from 2022-07-06 (the bar after the revocation has run)"
    region = result.criterion("in-tianjin")
    assert (region.outcome.value, region.threshold) == ("met", "registered in: 120000")
    result = shapes.evaluate(profile, "shapes.tianjin-seed-batch-2", on)
    assert result.criterion("not-revoked").threshold == f"未被撤销或撤销已满2年：{SEED}"
    assert result.criterion("not-revoked").values == {SEED: "2019年认定，于2020-07-05撤销"}
    assert result.criterion("in-tianjin").threshold == "注册地：120000"


def test_srdi_check_lang_en_words_the_region_and_the_title_held(capsys, monkeypatch):
    # 辽工信改革〔2022〕9号 on 2022-03-01: 二（一）1 "在辽宁省行政区域内依法注册登记" (region 210000), the firm is in
    # 210100 (沈阳) → met; 三（一）4 "申报专精特新“小巨人”企业应当是有效期内的专精特新中小企业": its 辽宁省“专精特新”
    # 中小企业 title of 2021, "有效期为3年" (三（三）2) counted in calendar years (expiry = "year_end", a holder
    # re-applies "在期满当年"), runs to 2024-12-31 and is in force on the evaluation date.
    monkeypatch.setenv("COLUMNS", "400")  # one line per message: nothing wrapped
    argv = ["check", str(ELIGIBLE), "--on", "2022-03-01", "--detail"]
    assert main([*argv, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "threshold: registered in: 210000" in out
    assert "辽宁省“专精特新”中小企业=granted in 2021, valid until 2024-12-31" in out
    assert "threshold: must be in force on the evaluation date: 辽宁省“专精特新”中小企业" in out
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "标准：注册地：210000" in out
    assert "辽宁省“专精特新”中小企业=2021年认定，有效期至2024-12-31" in out
    assert "标准：须评价日有效：辽宁省“专精特新”中小企业" in out
