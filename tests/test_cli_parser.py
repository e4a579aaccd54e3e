"""The command line's own words (usage, help headings, argument errors) in the language of messages."""

from __future__ import annotations

import argparse
import inspect

import pytest

from srdi.cli.main import main
from srdi.cli.parser import worded


def run(capsys, argv: list[str]) -> tuple[int, list[str], str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), err.splitlines(), out


def test_a_missing_argument_is_named_in_chinese(capsys):
    # `srdi batch` takes one positional argument, the table (input); without it argparse refuses with its
    # "the following arguments are required" form, which srdi words as 缺少必需的参数
    status, err, _ = run(capsys, ["batch"])
    assert status == 2
    assert err[0].startswith("用法：srdi batch ")
    assert err[-1] == "srdi batch: 错误：缺少必需的参数：input"


def test_a_misspelt_command_gets_the_closest_names(capsys):
    # 'chek' is no command; difflib's ratio to 'check' is 2×4/(4+5) ≈ 0.89, the highest of all commands
    # (above the 0.6 cutoff srdi's suggestions use), so 'check' is named first
    status, err, _ = run(capsys, ["chek"])
    assert status == 2
    line = err[-1]
    assert line.startswith("srdi: 错误：参数 COMMAND：'chek' 不是可选的值（是否应为 'check'")
    # every command is listed, separated as Chinese lists are
    assert "；可选：plugins、programs、show、check、" in line


def test_a_value_outside_the_choices_names_them(capsys):
    # --format takes table or json; 'xml' is neither and close to neither (difflib ratios 2×1/(3+5) = 0.25 to 'table', 0 to 'json')
    status, err, _ = run(capsys, ["programs", "--format", "xml"])
    assert status == 2
    assert err[-1] == "srdi programs: 错误：参数 --format：'xml' 不是可选的值；可选：table、json"


def test_an_option_without_its_value(capsys):
    # --on needs a day after it; given last, argparse says "expected one argument"
    status, err, _ = run(capsys, ["check", "profile.toml", "--on"])
    assert status == 2
    assert err[-1] == "srdi check: 错误：参数 --on：需要给出一个值"


def test_srdis_own_reason_is_kept_after_the_argument(capsys):
    # a malformed day is refused by srdi's own date type, whose reason is already the catalogue's
    status, err, _ = run(capsys, ["check", "profile.toml", "--on", "2022-13-01"])
    assert status == 2
    assert err[-1].startswith("srdi check: 错误：参数 --on：应为形如 2022-03-01 的日期")


def test_unknown_arguments_are_named(capsys):
    status, err, _ = run(capsys, ["programs", "--bogus", "1"])
    assert status == 2
    assert err[-1] == "srdi: 错误：无法识别的参数：--bogus 1"


def test_english_on_request(capsys):
    status, err, _ = run(capsys, ["--lang", "en", "batch"])
    assert status == 2
    assert err[0].startswith("usage: srdi batch ")
    assert err[-1] == "srdi batch: error: the following arguments are required: input"


def test_help_headings_are_chinese(capsys):
    status, _, out = run(capsys, ["check", "--help"])
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("用法：srdi check ")
    assert "位置参数:" in lines and "选项:" in lines
    assert any(line.split() == ["-h,", "--help", "显示本帮助并退出"] for line in lines)
    assert "show this help" not in out


def test_a_form_srdi_does_not_know_is_shown_as_argparse_wrote_it():
    assert worded("a message no version of argparse writes") == "a message no version of argparse writes"


#: argparse's message forms srdi words, as they stand in argparse's source.
FORMS = [
    "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid %(type)s value: %(value)r",
    "expected one argument",
    "expected at least one argument",
    "ambiguous option: %(option)s could match %(matches)s",
    "not allowed with argument %s",
    "one of the arguments %s is required",
    "show this help message and exit",
    "positional arguments",
    "usage: ",
]


@pytest.mark.parametrize("form", FORMS)
def test_the_forms_srdi_words_are_this_pythons(form):
    # a Python that rewords one of these would leave it in English: this says which
    assert repr(form) in inspect.getsource(argparse)


def test_wrapped_usage_lines_stand_under_the_first_argument(capsys):
    # "用法：" is 3 characters, 6 columns on a terminal (each a wide character); "srdi check " is 11 more, so the
    # first argument starts at column 17 and every wrapped line of the usage is indented by 17 spaces
    status, _, out = run(capsys, ["check", "--help"])
    assert status == 0
    usage = out.split("\n\n")[0].splitlines()
    assert len(usage) > 1
    assert all(len(line) - len(line.lstrip(" ")) == 17 for line in usage[1:])


def test_every_option_of_every_command_says_what_it_is_for():
    # `srdi COMMAND --help` lists each option with its help text; none is left bare
    from srdi.cli.main import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    bare = [
        (name, a.option_strings[0] if a.option_strings else a.dest)
        for name, p in commands.choices.items()
        for a in p._actions
        if not a.help
    ]
    assert bare == []


@pytest.mark.parametrize(
    "argv",
    [
        ["template", "liaoning.little-giant-2022", "--out", "x.xlsx", "--format", "json"],
        ["tables", "x.xlsx", "--form", "lngxgg-2022-9:annex-6", "--out", "y.xlsx", "--format", "json"],
    ],
)
def test_commands_that_only_write_a_workbook_refuse_a_format(capsys, argv, tmp_path, monkeypatch):
    # template and tables write the .xlsx --out names, nothing else: --format is refused, named, before any work
    monkeypatch.chdir(tmp_path)
    status, err, _ = run(capsys, argv)
    assert status == 2
    assert err[-1].startswith(f"srdi {argv[0]}: 错误：--format：")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()
