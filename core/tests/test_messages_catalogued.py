"""Refusals of plugins, titles, input files, outputs, arguments, forms, regions and cells speak the chosen language.

Each test gives the input that makes one message appear and asks for it in English,
through the code path a user or an integrator takes; one keeps the Chinese default.
"""

from __future__ import annotations

import importlib
import re
import sys
import textwrap
import warnings

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import srdi
from srdi import api, i18n
from srdi.batch import read_table
from srdi.cli.main import main
from srdi.engine.titles import Title, TitleBook
from srdi.errors import ArgumentError, FormError, PluginError, ProfileError, UnknownNameError
from srdi.forms import load_filled
from srdi.plugins import BrokenPluginWarning
from srdi.profile.titles import resolve_title
from srdi.testing import xlsx as xl

#: A national program: the baseline serves it, with no regional plugin installed.
PROGRAM = "national.little-giant-3rd-batch"
TABLE = "企业名称,统一社会信用代码\n沈阳精联传动科技有限公司,91210100MA0YK3N252\n"


@pytest.fixture(autouse=True)
def _no_language_chosen(monkeypatch):
    """Chinese unless a test chooses English: a caller's SRDI_LANG or plugin selection does not leak in."""
    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)


def error_line(capsys, prefix: str = "srdi: error: ") -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith(prefix)]
    return line.removeprefix(prefix)


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text(TABLE, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------ output files (cli/outputs.py)
def test_an_output_onto_a_folder_or_the_input_is_refused_in_english(workdir, capsys):
    # --out naming an existing folder: nothing can be written there, refused before any work is done
    (workdir / "folder").mkdir()
    assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "folder", "--lang", "en"]) == 2
    assert error_line(capsys) == "folder: --out is a folder; give the name of a file to write"
    # --out naming the input table: writing would destroy what is being read
    assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "./in.csv", "--lang", "en"]) == 2
    assert error_line(capsys) == (
        "./in.csv: --out is the same file as the input in.csv: writing would overwrite the input; "
        "choose another output file"
    )
    # --out inside a folder that does not exist
    assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "nowhere/out.csv", "--lang", "en"]) == 2
    assert error_line(capsys) == f"nowhere/out.csv: the folder {workdir / 'nowhere'} of --out does not exist"


# ------------------------------------------------------------------ input files (inputs.py)
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # no file at that path
        (None, "profile file not found"),
        # NUL bytes: binary content, not text of any encoding
        (bytes(range(256)) * 8, "not a text file (it holds binary content); a profile file must be UTF-8 text"),
        # a UTF-16 byte order mark: Windows Notepad's "Unicode"
        ("[enterprise]\n".encode("utf-16"), "is UTF-16 text; save the profile file as UTF-8"),
        # GBK: "[enterprise]\nname = \"" is 21 bytes, 某 (C4 B3) decodes as UTF-8, 公 (B9 AB) at byte 24 does not
        (
            '[enterprise]\nname = "某公司"\n'.encode("gbk"),
            "not UTF-8 text (byte 24 cannot be decoded); save the profile file as UTF-8",
        ),
        # a TOML table header left open: srdi's words, then the parser's own reason (tomllib's, or tomli's on
        # Python 3.10, which quotes the bracket differently) and the place in srdi's words: "[enterprise" is
        # 11 characters, and the parser stops at the line's end, column 12
        (b"[enterprise\n", "malformed TOML: {parser} (line 1, column 12)"),
    ],
)
def test_an_unreadable_profile_is_named_in_english(workdir, capsys, content, expected):
    path = workdir / "p.toml"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", "p.toml", "--lang", "en"]) == 2
    assert error_line(capsys) == f"p.toml: {expected.format(parser=_toml_reason('[enterprise' + chr(10)))}"


def _toml_reason(text: str) -> str:
    """The TOML parser's own reason for refusing ``text``, without the place it adds ("(at line 1, column 12)")."""
    with pytest.raises(tomllib.TOMLDecodeError) as err:
        tomllib.loads(text)
    return str(err.value).rpartition(" (at ")[0]


def test_a_folder_given_as_a_profile_is_named_in_english(workdir, capsys):
    (workdir / "p").mkdir()
    assert main(["check", "p", "--lang", "en"]) == 2
    assert error_line(capsys) == "p: this is a folder, not a profile file"


def test_malformed_json_names_its_line_in_english(workdir, capsys):
    # an object opened and never closed: the JSON parser stops on line 2, at its first column (the text's end)
    (workdir / "p.json").write_text('{"enterprise":\n', encoding="utf-8")
    assert main(["check", "p.json", "--lang", "en"]) == 2
    assert error_line(capsys) == "p.json:2: malformed JSON: Expecting value (line 2, column 1)"


def test_a_binary_overrides_file_is_named_in_english(workdir, capsys):
    # --overrides BIN: the parameter overrides file holds binary bytes; its role is worded in English too
    (workdir / "BIN").write_bytes(bytes(range(256)) * 8)
    assert main(["whatif", "in.csv", "--program", PROGRAM, "--overrides", "BIN", "--lang", "en"]) == 2
    assert error_line(capsys) == (
        "BIN: not a text file (it holds binary content); a parameter overrides file must be UTF-8 text"
    )


def test_a_profile_nested_too_deep_is_named_in_english(workdir, capsys):
    # 100,000 nested lists: deeper than the JSON parser's recursion can follow
    (workdir / "deep.json").write_text('{"enterprise": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert main(["check", "deep.json", "--lang", "en"]) == 2
    assert error_line(capsys) == "deep.json: the profile file is nested too deeply to read"


def test_the_chinese_default_of_input_file_problems_is_unchanged(workdir, capsys):
    # the same binary profile with no language chosen: the words srdi has always printed
    (workdir / "BIN").write_bytes(bytes(range(256)) * 8)
    assert main(["check", "BIN"]) == 2
    assert error_line(capsys, "srdi: 错误：") == "BIN: 不是文本文件（含二进制内容）；企业信息应为 UTF-8 文本"
    (workdir / "folder").mkdir()
    assert main(["batch", "in.csv", "--program", PROGRAM, "--out", "folder"]) == 2
    assert error_line(capsys, "srdi: 错误：") == "folder: --out 是一个文件夹；请给出要写入的文件名"


# ------------------------------------------------------------------ filled forms (forms.py)
def test_a_filled_form_that_is_no_table_is_refused_in_english(tmp_path):
    # a JSON list at the top level: no field = value pairs to read
    path = tmp_path / "form.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with i18n.speaking("en"), pytest.raises(FormError) as err:
        load_filled(path)
    assert str(err.value) == (f"{path}: a filled form is a table of field = value (at the top level or under [values])")


def test_a_binary_form_names_its_role_in_english(tmp_path):
    path = tmp_path / "form.toml"
    path.write_bytes(bytes(range(256)) * 8)
    with i18n.speaking("en"), pytest.raises(FormError) as err:
        load_filled(path)
    assert str(err.value) == f"{path}: not a text file (it holds binary content); a form file must be UTF-8 text"


# ------------------------------------------------------------------ regions no plugin serves (views.py)
def test_a_region_no_plugin_serves_is_refused_in_english(capsys):
    # 香港 has no plugin, and no province above it has one either: the installed plugins are listed
    assert main(["programs", "--region", "hongkong", "--lang", "en"]) == 2
    line = error_line(capsys)
    assert line.startswith("no installed plugin serves 香港特别行政区 (810000); installed plugins: ")
    assert line.endswith("; national programs: srdi programs --region national")


# ------------------------------------------------------------------ plugin selection (plugins.py)
def test_a_plugin_selected_but_not_installed_is_refused_in_english(monkeypatch):
    # SRDI_LOAD_PLUGINS names a plugin nobody installed, and no installed name is close to it
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "zz-nothing-here")
    with i18n.speaking("en"), pytest.raises(UnknownNameError) as err:
        srdi.plugins()
    (problem,) = err.value.problems
    assert problem.key == "SRDI_LOAD_PLUGINS"
    assert problem.message.startswith("the selected plugin 'zz-nothing-here' is not installed; installed plugins: ")


BROKEN = '''
from srdi import hookimpl


@hookimpl
def srdi_register_fields():
    """Fails, as a plugin with a bug in its hook would."""
    raise ValueError("boom in fields")
'''


@pytest.fixture()
def broken_plugin(tmp_path, monkeypatch):
    """A plugin named ``broken`` whose hook raises, installed as pip leaves a distribution."""
    monkeypatch.syspath_prepend(str(tmp_path))
    pkg = tmp_path / "srdi_broken"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(textwrap.dedent(BROKEN), encoding="utf-8")
    info = tmp_path / "srdi_broken-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: srdi-broken\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[srdi.plugins]\nbroken = srdi_broken\n")
    importlib.invalidate_caches()
    api.clear_cache()  # a catalog built earlier keeps the words of the language it was built in
    yield
    api.clear_cache()
    sys.modules.pop("srdi_broken", None)


@pytest.mark.usefixtures("broken_plugin")
def test_a_broken_plugin_is_reported_in_english():
    # named: the catalog cannot be built without it
    with i18n.speaking("en"), pytest.raises(PluginError) as err:
        srdi.load(["broken"])
    (problem,) = err.value.problems
    assert re.fullmatch(
        r"plugin broken is broken: srdi-broken@0\.1's srdi_register_fields failed: .*boom in fields", problem.message
    )
    # merely installed: set aside with a warning, the others load
    with i18n.speaking("en"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        api.for_programs()
    (warning,) = [w.message for w in caught if isinstance(w.message, BrokenPluginWarning)]
    assert str(warning).startswith("plugin broken is broken and was not loaded (the other plugins were): ")


# ------------------------------------------------------------------ recognition titles (profile/titles.py)
def test_an_unknown_title_lists_its_plugins_titles_in_english(baseline):
    # far from every id, so no close id is suggested: the titles of the same prefix are listed instead
    with i18n.speaking("en"), pytest.raises(ProfileError) as err:
        baseline.load_profile_data({"recognitions": [{"title": "national.zzzzzzzzzzzzzzzz", "year": 2021}]})
    (problem,) = err.value.problems
    assert problem.key == "recognitions[0].title"
    assert problem.message.startswith(
        "unknown recognition title 'national.zzzzzzzzzzzzzzzz' (the titles of national are "
    )
    assert "national.little_giant, " in problem.message


def test_a_title_name_or_non_text_is_refused_in_english():
    book = TitleBook([Title("a.one", "某某企业"), Title("b.two", "某某企业")])
    with i18n.speaking("en"):
        # two titles carry the name: which one is meant cannot be told
        with pytest.raises(UnknownNameError) as err:
            resolve_title("某某企业", book)
        assert (
            str(err.value)
            == "the recognition title name '某某企业' belongs to a.one, b.two; write one of their title ids"
        )
        # a number is neither an id nor a name
        with pytest.raises(UnknownNameError) as err:
            resolve_title(3, book)  # type: ignore[arg-type]
        assert str(err.value) == (
            'expected a recognition title\'s id (such as "national.little_giant") or its Chinese name, got 3'
        )
        # a prefix no title has: the schema is where the titles are listed
        with pytest.raises(UnknownNameError) as err:
            resolve_title("zzzz.qqqq", book)
        assert str(err.value) == "unknown recognition title 'zzzz.qqqq' (srdi schema --profile lists every title)"


# ------------------------------------------------------------------ Python API arguments (arguments.py, api.py)
@pytest.mark.parametrize(
    ("call", "key", "expected"),
    [
        (lambda: srdi.for_region(None), "region", 'expected text (such as "liaoning", "210000" or "辽宁"), got None'),
        (lambda: srdi.load(5), "plugins", "expected a name or a list of names, got 5"),
        (lambda: srdi.load(["national", 3]), "plugins", "a name must be text, got 3"),
    ],
)
def test_an_argument_that_names_nothing_is_refused_in_english(call, key, expected):
    with i18n.speaking("en"), pytest.raises(ArgumentError) as err:
        call()
    (problem,) = err.value.problems
    assert (problem.key, problem.message) == (key, expected)


def test_a_date_that_is_no_date_is_refused_in_english(baseline):
    # month 13
    with i18n.speaking("en"), pytest.raises(ArgumentError) as err:
        baseline.is_open(PROGRAM, "2022-13-01")  # type: ignore[arg-type]
    (problem,) = err.value.problems
    assert (problem.key, problem.message) == (
        "on",
        "expected a date (a datetime.date or text such as \"2022-03-01\"), got '2022-13-01'",
    )


# ------------------------------------------------------------------ spreadsheet cells (batch/xlsxfile.py)
@pytest.mark.usefixtures("sheet_reader")
def test_cells_without_a_usable_value_are_the_rows_errors_in_english(baseline, tmp_path):
    # B2: a formula saved without its computed value (written by a program, never opened in Excel);
    # B3: a formula whose result is the error value #DIV/0!
    path = tmp_path / "pool.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "2020年营业收入")]),
            xl.row(2, [xl.cell("A2", "甲"), xl.cell("B2", None, formula="C2*2")]),
            xl.row(3, [xl.cell("A3", "乙"), xl.cell("B3", "#DIV/0!", formula="1/0", kind="e")]),
        ],
    )
    with i18n.speaking("en"):
        table = read_table(path, baseline)
    assert table.errors[0] == [
        "2020年营业收入: the formula's result was not saved (recalculate and save the workbook in Excel)"
    ]
    assert table.errors[1] == ["2020年营业收入: the cell holds the error value #DIV/0!"]


def test_a_cell_whose_number_cannot_be_read_is_its_rows_error_in_english(baseline, tmp_path, monkeypatch):
    # B2 is a number cell (no type) whose value is text; only the streaming parser reads such a sheet cell by cell
    monkeypatch.setattr("srdi.batch.xlsxfile._calamine_fits", lambda scan: False)
    path = tmp_path / "pool.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "2020年营业收入")]),
            xl.row(2, [xl.cell("A2", "甲"), '<c r="B2"><v>abc</v></c>']),
        ],
    )
    with i18n.speaking("en"):
        table = read_table(path, baseline)
    assert table.errors[0] == ["2020年营业收入: the cell's number cannot be read: 'abc'"]
