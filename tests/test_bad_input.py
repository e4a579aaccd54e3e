"""Hostile and careless input on the command line: one ``srdi: 错误：`` line naming the file, key or
plugin, exit 2, no traceback — and no command writes over its input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from srdi.cli.main import main

ROOT = Path(__file__).parent.parent
LIAONING = ROOT / "plugins" / "liaoning" / "examples"
ELIGIBLE = LIAONING / "little-giant-eligible.toml"
KG_2024 = LIAONING / "key-little-giant-2024.toml"
BEIJING_TECH = ROOT / "plugins" / "beijing" / "examples" / "kg-tech-project.toml"
PROGRAM = "liaoning.little-giant-2022"
TABLE = "企业名称,统一社会信用代码,2021年营业收入\n沈阳精联传动科技有限公司,91210100MA0YK3N252,6800\n"


def error_lines(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.startswith("srdi: 错误：")]


def one_error(capsys) -> str:
    (line,) = error_lines(capsys)
    return line.removeprefix("srdi: 错误：")


@pytest.fixture()
def table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "in.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


# ------------------------------------------------------------------ --out over an input
@pytest.mark.parametrize("spelling", ["in.csv", "./in.csv", "sub/../in.csv", "ABSOLUTE", "link.csv", "hard.csv"])
@pytest.mark.parametrize(
    "command",
    [
        ["batch", "in.csv", "--program", PROGRAM, "--on", "2022-03-01"],
        ["select", "in.csv", "--program", PROGRAM, "--on", "2022-03-01"],
        ["whatif", "in.csv", "--program", PROGRAM, "--on", "2022-03-01", "--set", "revenue.value=7000"],
        ["tables", "in.csv", "--form", "lngxgg-2022-9:annex-4", "--on", "2022-03-01"],
    ],
)
def test_out_naming_the_input_table_is_refused_and_the_table_kept(table, capsys, command, spelling):
    (table.parent / "sub").mkdir()
    (table.parent / "link.csv").symlink_to(table)
    os.link(table, table.parent / "hard.csv")
    out = str(table) if spelling == "ABSOLUTE" else spelling
    assert main([*command, "--out", out]) == 2
    assert one_error(capsys) == f"{out}: --out 与输入文件 in.csv 是同一个文件，写入会覆盖输入；请另选输出文件"
    assert table.read_text(encoding="utf-8") == TABLE


def test_out_naming_the_overrides_file_is_refused(table, capsys):
    (table.parent / "o.toml").write_text('"revenue.value" = 7000\n', encoding="utf-8")
    args = ["whatif", "in.csv", "--program", PROGRAM, "--overrides", "o.toml", "--out", "o.toml"]
    assert main(args) == 2
    assert one_error(capsys) == "o.toml: --out 与输入文件 o.toml 是同一个文件，写入会覆盖输入；请另选输出文件"


def test_deadlines_out_naming_the_profile_is_refused(tmp_path, capsys):
    profile = tmp_path / "p.toml"
    profile.write_bytes(ELIGIBLE.read_bytes())
    args = ["deadlines", "--program", PROGRAM, "--profile", str(profile), "--format", "ics", "--out", str(profile)]
    assert main(args) == 2
    assert "--out 与输入文件" in one_error(capsys)
    assert profile.read_bytes() == ELIGIBLE.read_bytes()


def test_out_into_a_missing_folder_or_onto_a_folder_is_one_line(table, capsys):
    assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "nowhere/out.csv"]) == 2
    assert one_error(capsys) == f"nowhere/out.csv: --out 所在的文件夹 {table.parent / 'nowhere'} 不存在"
    (table.parent / "folder").mkdir()
    assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "folder"]) == 2
    assert one_error(capsys) == "folder: --out 是一个文件夹；请给出要写入的文件名"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_out_into_a_read_only_folder_is_one_line(table, capsys):
    locked = table.parent / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "locked/out.csv"]) == 2
        assert one_error(capsys) == f"locked/out.csv: --out 所在的文件夹 {locked} 不可写"
    finally:
        locked.chmod(0o700)


def test_a_new_output_file_is_still_written(table, capsys):
    assert main(["batch", "in.csv", "--program", PROGRAM, "--on", "2022-03-01", "--out", "out.csv"]) == 0
    assert (table.parent / "out.csv").exists() and table.read_text(encoding="utf-8") == TABLE


# ------------------------------------------------------------------ unreadable inputs
def deep_json(path: Path) -> Path:
    path.write_text('{"enterprise": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    return path


def deep_toml(path: Path) -> Path:
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [deep_json, deep_toml])
def test_nesting_too_deep_to_parse_is_one_line_for_every_reader(tmp_path, capsys, make):
    path = make(tmp_path / ("deep.json" if make is deep_json else "deep.toml"))
    for args, what in [
        (["check", str(path)], "企业信息"),
        (["fund", "--program", "national.key-little-giant-2021", "--profile", str(path)], "企业信息"),
        (["form-check", "lngxgg-2022-9:annex-1", str(path)], "表单"),
    ]:
        assert main(args) == 2
        assert one_error(capsys) == f"{path}: {what}嵌套层级过深，无法读取"


def test_a_deep_but_parseable_value_is_named_without_recursion(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text('{"enterprise": {"region_code": "210000", "name": ' + "[" * 900 + "]" * 900 + "}}")
    assert main(["check", str(path)]) == 2
    assert one_error(capsys) == f"{path}: enterprise.name: 应为文字，实为 [[[...]]]"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["form-check", "lngxgg-2022-9:annex-1", "BIN"], "不是文本文件（含二进制内容）；表单应为 UTF-8 文本"),
        (
            ["whatif", "in.csv", "--program", PROGRAM, "--overrides", "BIN"],
            "不是文本文件（含二进制内容）；参数覆盖应为 UTF-8 文本",
        ),
        (["check", "BIN"], "不是文本文件（含二进制内容）；企业信息应为 UTF-8 文本"),
    ],
)
def test_a_binary_file_is_one_line(table, capsys, args, message):
    (table.parent / "BIN").write_bytes(bytes(range(256)) * 8)
    assert main(args) == 2
    assert one_error(capsys) == f"BIN: {message}"


def test_a_folder_given_as_a_profile_is_one_line(tmp_path, capsys):
    assert main(["check", str(tmp_path), "--program", PROGRAM]) == 2
    assert one_error(capsys) == f"{tmp_path}: 这是一个文件夹，不是企业信息文件"


def test_a_profile_in_gbk_says_to_save_it_as_utf8(tmp_path, capsys):
    path = tmp_path / "gbk.toml"
    path.write_bytes('[enterprise]\nname = "某公司"\n'.encode("gbk"))
    assert main(["check", str(path)]) == 2
    # "[enterprise]\nname = \"" is 21 bytes; 某 in GBK (C4 B3) happens to be a valid UTF-8 pair,
    # 公 (B9 AB) at bytes 24–25 is not: B9 cannot start a character
    assert one_error(capsys) == f"{path}: 不是 UTF-8 文本（第 24 个字节无法解码），请以 UTF-8 保存企业信息"


# ------------------------------------------------------------------ regions and plugin names
def test_programs_of_a_region_no_plugin_serves(capsys):
    # every province and autonomous region of the compendium has a plugin; 香港 has none
    assert main(["programs", "--region", "hongkong"]) == 2
    line = one_error(capsys)
    assert line.startswith("没有已安装的插件服务香港特别行政区（810000）；已安装的插件：")
    assert "liaoning" in line and line.endswith("全国性项目：srdi programs --region national")


def test_programs_of_a_city_point_to_its_province(capsys):
    assert main(["programs", "--region", "dalian"]) == 2
    assert (
        one_error(capsys)
        == "没有已安装的插件服务大连市（210200）；其企业适用辽宁省的项目：srdi programs --region liaoning"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("national", "插件名 'national' 已被占用：srdi 内置的全国基线插件；请换一个名称"),
        ("srdi", "插件名 'srdi' 已被占用：srdi 本身；请换一个名称"),
        ("liaoning", "插件名 'liaoning' 已被占用：已安装的插件 liaoning（srdi-liaoning）；请换一个名称"),
        ("a" * 300, "插件名有 300 个字符，最多 64 个（它也是文件夹和包名的一部分）"),
    ],
)
def test_new_plugin_refuses_a_name_that_is_taken_or_too_long(tmp_path, capsys, name, message):
    assert main(["new-plugin", name, "--region", "330000", "--dest", str(tmp_path / "p")]) == 2
    assert one_error(capsys) == message
    assert not (tmp_path / "p").exists()


# ------------------------------------------------------------------ thresholds from the command line
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e400", "revenue.value: 应为有限的数，实为 inf：nan 与 inf 不能作门槛或金额"),
        ("NaN", "revenue.value: 应为有限的数，实为 nan：nan 与 inf 不能作门槛或金额"),
        ("-1", "revenue.value: 营业收入 不可能为负，门槛 -1 无意义"),
    ],
)
def test_set_refuses_a_threshold_no_firm_can_meet(capsys, value, message):
    args = ["check", str(ELIGIBLE), "--program", PROGRAM, "--on", "2022-03-01", "--set", f"revenue.value={value}"]
    assert main(args) == 2
    assert one_error(capsys) == message


def test_an_override_file_with_an_impossible_share_is_refused(table, capsys):
    (table.parent / "o.toml").write_text('"g-main-share.value" = 150\n', encoding="utf-8")
    assert main(["batch", "in.csv", "--program", PROGRAM, "--overrides", "o.toml"]) == 2
    assert one_error(capsys) == (
        "g-main-share.value: 主营业务收入占营业收入比重 是部分占整体的比重，不可能超过 100%，门槛 150 无意义"
    )


# ------------------------------------------------------------------ the profile's lineage is always loaded
def test_a_national_program_understands_the_profiles_regional_fields(capsys):
    # the example fills [enterprise.liaoning] plan_annual_targets; with only the national layer
    # loaded that was "unknown field" (exit 2)
    args = ["check", str(KG_2024), "--program", "national.key-little-giant-2024", "--on", "2024-07-01"]
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["program"] == "national.key-little-giant-2024"


def test_a_national_program_counts_the_profiles_regional_title(capsys):
    # 工信厅企业函〔2021〕79号 三（一）1 asks for a 省级“专精特新”中小企业; the example holds
    # liaoning.srdi_sme from 2021, which counts as one — it used to be silently not held
    args = ["check", str(ELIGIBLE), "--program", "national.little-giant-3rd-batch", "--on", "2021-06-01"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (crit,) = [c for c in data["criteria"] if c["id"] == "provincial-srdi"]
    assert crit["outcome"] == "met"


# ------------------------------------------------------------------ fund --profile
def fund_json(capsys, profile: Path) -> dict:
    args = ["fund", "--program", "beijing.tech-industrialisation-2021", "--profile", str(profile)]
    assert main([*args, "--on", "2021-03-01", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_fund_for_an_eligible_firm_is_payable(capsys):
    # the example's derivation: eligible on 2021-03-01, 300 + 470 + 470 = 1240万元 (three stages)
    data = fund_json(capsys, BEIJING_TECH)
    assert (data["verdict"], data["total"], data["payable"]) == ("eligible", 1240.0, 1240.0)


def test_fund_for_a_firm_that_is_not_eligible_pays_nothing(tmp_path, capsys):
    # 附件1 一、2 "申报企业应为工业和信息化部认定的国家级专精特新“小巨人”企业": without its
    # recognition the firm is ineligible, so none of the 1240万元 is payable
    text = BEIJING_TECH.read_text(encoding="utf-8").split("[[recognitions]]")[0]
    profile = tmp_path / "no-title.toml"
    profile.write_text("recognitions = []\n" + text, encoding="utf-8")
    data = fund_json(capsys, profile)
    assert (data["verdict"], data["total"], data["payable"]) == ("ineligible", 1240.0, 0.0)
    assert {p["status"] for p in data["payments"]} == {"not_applicable"}
    assert data["notes"][0] == "不符合申报条件，不予拨付"


def test_fund_for_an_incomplete_firm_says_nothing_is_payable_yet(tmp_path, capsys):
    # without its recognitions listed, whether it holds the national title is unknown → incomplete
    text = BEIJING_TECH.read_text(encoding="utf-8").split("[[recognitions]]")[0]
    profile = tmp_path / "unknown-title.toml"
    profile.write_text(text, encoding="utf-8")
    data = fund_json(capsys, profile)
    assert (data["verdict"], data["payable"]) == ("incomplete", None)
    assert {p["status"] for p in data["payments"]} == {"unknown"}


def test_fund_table_shows_the_verdict_first(tmp_path, capsys):
    text = BEIJING_TECH.read_text(encoding="utf-8").split("[[recognitions]]")[0]
    profile = tmp_path / "no-title.toml"
    profile.write_text("recognitions = []\n" + text, encoding="utf-8")
    args = ["fund", "--program", "beijing.tech-industrialisation-2021", "--profile", str(profile), "--on", "2021-03-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    # the day judged follows the verdict: the --on given
    assert out.startswith("资格：不符合条件（评价日 2021-03-01）——不符合申报条件，不予拨付")
    assert "按规则计算（非可拨付金额） 1240 万元；可拨付 0；" in out


def test_a_profile_in_utf16_says_to_save_it_as_utf8(tmp_path, capsys):
    path = tmp_path / "u16.toml"
    path.write_bytes('[enterprise]\nname = "某公司"\n'.encode("utf-16"))  # with its byte-order mark
    assert main(["check", str(path)]) == 2
    assert one_error(capsys) == f"{path}: 是 UTF-16 编码的文本，请以 UTF-8 保存企业信息"


def test_a_key_holding_a_line_break_is_still_one_line(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"enterprise": {"region_code": "210000"}, "x\ny\u2028": 1}), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert one_error(capsys).startswith(f"{path}: x\\ny\\u2028: 未知的节")


# ------------------------------------------------------------------ extreme but valid values
def test_a_day_near_the_end_of_the_calendar_is_answered(capsys):
    # 9999-06-01 is a valid date: the answer for it is given (no round open), and the next round,
    # which would open in the year 10000, is simply not projected instead of crashing
    assert main(["check", str(ELIGIBLE), "--on", "9999-06-01", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert json.loads(captured.out)["on"] == "9999-06-01"
    assert main(["check", str(ELIGIBLE), "--on", "9999-12-31"]) == 0
    assert "预计时间无法推算" in capsys.readouterr().out


@pytest.mark.parametrize("enterprises", ["1" + "0" * 400, "0"])
def test_fund_refuses_a_count_of_enterprises_no_schedule_is_for(capsys, enterprises):
    # a 400-digit count overflowed a float; no enterprise at all funds nobody: both are refused,
    # naming the option and the range it takes
    args = ["fund", "--program", "national.key-little-giant-2024", "--enterprises", enterprises, "--start-year", "2024"]
    assert main(args) == 2
    line = one_error(capsys)
    assert line.startswith(
        "enterprises: 受支持企业数（--enterprises / enterprises 参数）应为 1 至 1000000 的整数，实为 "
    )


# ------------------------------------------------------------------ messages from the catalogue
def test_a_malformed_on_date_is_refused_in_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(ELIGIBLE), "--on", "2022-13-01"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    # the catalogue's cli.bad_date, quoting what was given
    assert "应为形如 2022-03-01 的日期，而不是 '2022-13-01'" in err and "expected a date" not in err


def test_a_profile_with_nothing_to_route_by_names_the_program_option(tmp_path, capsys):
    path = tmp_path / "noroute.toml"
    path.write_text('[enterprise]\nname = "无代码企业"\n', encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert one_error(capsys) == (
        f"{path}: 企业信息既没有 credit_code 也没有 region_code，无法确定地区：请指定项目（--program / program 参数）"
    )


def test_set_without_a_program_names_the_program_option(capsys):
    assert main(["check", str(ELIGIBLE), "--set", "revenue.value=1"]) == 2
    assert one_error(capsys).endswith("只改一个项目的参数：请指定项目（--program / program 参数）")


def test_form_check_problems_are_in_chinese(tmp_path, capsys):
    path = tmp_path / "form.toml"
    path.write_text("foo = 5\n", encoding="utf-8")
    assert main(["form-check", "lngxgg-2022-9:annex-3", str(path)]) != 0
    err = capsys.readouterr().err
    # foo is no field of the 推荐表, and name (企业名称) is a required cell left out
    assert "foo: 不是《" in err and "name: 必填" in err
    assert "not a field" not in err and "required" not in err


# ------------------------------------------------------------------ schema --format
def test_schema_takes_format_json_like_every_command(capsys):
    assert main(["schema", "--program", PROGRAM]) == 0
    plain = capsys.readouterr().out
    assert main(["schema", "--program", PROGRAM, "--format", "json"]) == 0
    assert capsys.readouterr().out == plain
    # a schema is JSON: a table is refused by the option's choices, as any command refuses an unknown format
    with pytest.raises(SystemExit) as exc:
        main(["schema", "--program", PROGRAM, "--format", "table"])
    assert exc.value.code == 2
    assert "--format" in capsys.readouterr().err


def test_a_syntax_error_is_placed_in_chinese_words_without_the_parsers_english(capsys, tmp_path):
    # '{bad': after "{" JSON wants a quoted name, and finds b, the 2nd character of line 1; TOML 'a = ' has
    # no value where the 5th character of line 1 (the line's end) stands
    (tmp_path / "bad.json").write_text("{bad", encoding="utf-8")
    (tmp_path / "bad.toml").write_text("a = \n", encoding="utf-8")
    assert main(["check", str(tmp_path / "bad.json")]) == 2
    assert one_error(capsys) == f"{tmp_path / 'bad.json'}:1: JSON 格式错误：第 1 行第 2 列"
    assert main(["check", str(tmp_path / "bad.toml")]) == 2
    assert one_error(capsys) == f"{tmp_path / 'bad.toml'}: TOML 格式错误：第 1 行第 5 列"
    # in English the parser's own reason is English, and kept
    assert main(["--lang", "en", "check", str(tmp_path / "bad.json")]) == 2
    err = capsys.readouterr().err
    assert "malformed JSON: Expecting property name enclosed in double quotes (line 1, column 2)" in err
