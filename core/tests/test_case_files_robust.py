"""Case files that are partly wrong, and case files of a plugin that is not installed.

A problem inside one ``[[cases]]`` entry fails that case alone, by its id, with the key
and the line; the file's other cases still run. A problem of the file as a whole fails
the file once and says how many cases did not run. A case naming a program of a plugin
that is not installed says so, and how to install it, instead of suggesting other
regions' programs (pytest says it once per file); one of a plugin installed but not loaded
says that, and why where srdi knows. The cases run against the national baseline's 工信厅企业函〔2021〕79号
third batch (reference year 2020), so they need no regional plugin.
"""

from __future__ import annotations

import textwrap

import pytest

from srdi.errors import SrdiError
from srdi.testing.cases import BrokenCase, ResolvedCase, read_case_file, read_cases, run_case

pytest_plugins = ["pytester"]

# 三（三）1 "上年度营业收入在1亿元及以上": 12000 ≥ 10000 → a-revenue met; nothing else is known → incomplete.
CASES = """
[defaults]
program = "national.little-giant-3rd-batch"
on = 2021-05-01

[defaults.profile.years.2020]
revenue = 12000

[[cases]]
id = "revenue-12000"
expect = { verdict = "incomplete", criteria = { a-revenue = "met" } }

[[cases]]
id = "typo-in-expect"
expect = { criteria = { a-revenue = "notmet" } }

[[cases]]
id = "revenue-exactly-1-yi"
# "1亿元及以上" includes 10000
change = { years = { 2020 = { revenue = 10000 } } }
expect = { criteria = { a-revenue = "met" } }

[[cases]]
id = "misspelt-key"
chnage = { years = { 2020 = { revenue = 10000 } } }
expect = { criteria = { a-revenue = "met" } }
"""


def write(folder, text, name="lg3.toml"):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path, start):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def test_a_broken_case_leaves_the_others_to_run(tmp_path, baseline):
    path = write(tmp_path / "cases", CASES)
    reading = read_cases(path)
    assert reading.problems == ()
    assert [type(e).__name__ for e in reading.entries] == ["ResolvedCase", "BrokenCase", "ResolvedCase", "BrokenCase"]
    assert [c.case.id for c in reading.cases] == ["revenue-12000", "revenue-exactly-1-yi"]
    for rc in reading.cases:
        assert run_case(baseline, rc) == [], rc.case.id
    typo, misspelt = reading.broken
    assert typo.name == "typo-in-expect" and typo.line == line_of(path, 'id = "typo-in-expect"') - 1
    [p] = typo.problems
    assert p.key == "cases[1].expect.criteria['a-revenue']" and "'notmet'" in p.message
    assert p.line == line_of(path, 'expect = { criteria = { a-revenue = "notmet"')
    [p] = misspelt.problems
    assert (p.key, p.message) == ("cases[3].chnage", "未知的键（是否应为 'change'？）")
    assert p.line == line_of(path, "chnage")


def test_read_case_file_stays_all_or_nothing(tmp_path):
    cases, problems = read_case_file(write(tmp_path / "cases", CASES))
    assert cases == []
    assert [p.key for p in problems] == ["cases[1].expect.criteria['a-revenue']", "cases[3].chnage"]


def test_problems_outside_the_schema_fail_their_own_case(tmp_path):
    text = CASES + '\n[[cases]]\nid = "revenue-12000"\nexpect = { verdict = "eligible" }\n'
    text += '\n[[cases]]\nid = "nothing"\nexpect = {}\n\n[[cases]]\nexpect = { verdict = "eligible" }\n'
    reading = read_cases(write(tmp_path / "cases", text))
    names = {e.name: [(p.key, p.message) for p in e.problems] for e in reading.broken}
    assert names["revenue-12000"] == [("cases[4].id", "案例 id 'revenue-12000' 重复")]
    assert names["nothing"] == [("cases[5].expect", "案例没有任何预期：请给出 verdict、criteria、groups、fund 或 open")]
    assert names["cases[6]"] == [("cases[6].id", "缺少必需的键")]
    assert isinstance(reading.entries[0], ResolvedCase) and isinstance(reading.entries[4], BrokenCase)


def test_an_entry_that_is_not_a_table_fails_alone(tmp_path):
    text = 'cases = [1, { id = "ok", program = "x.y", on = 2021-05-01, profile = {}, expect = { open = true } }]\n'
    reading = read_cases(write(tmp_path / "cases", text))
    [broken] = reading.broken
    assert broken.name == "cases[0]" and broken.problems[0].message == "应为表（[[cases]]），实为 int 1"
    assert [c.case.id for c in reading.cases] == ["ok"]


@pytest.mark.parametrize(
    ("change", "total", "key"),
    [
        (lambda t: t.replace("[defaults]", "[defaults]\nprogam = 1"), 4, "defaults.progam"),
        (lambda t: "tilte = 'x'\n" + t, 4, "tilte"),
        (lambda t: t.replace("[[cases]]", "[[case]]"), 0, "case"),
        (lambda t: t + "\n[[cases]\n", 5, None),
    ],
    ids=["bad-defaults", "bad-top-level-key", "no-cases", "not-toml"],
)
def test_a_problem_of_the_whole_file_runs_no_case(tmp_path, change, total, key):
    reading = read_cases(write(tmp_path / "cases", change(textwrap.dedent(CASES))))
    assert reading.entries == () and reading.total == total
    assert reading.problems
    if key is not None:
        assert key in [p.key for p in reading.problems]


def test_pytest_runs_the_good_cases_and_fails_the_broken_ones_by_id(pytester):
    folder = pytester.mkdir("cases")
    write(folder, CASES)
    write(folder, CASES.replace("[defaults]", "[defaults]\nprogam = 1"), name="whole.toml")
    pytester.makeini("[pytest]\n")  # its own rootdir, not the repository's addopts
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rf")
    # lg3.toml: 2 cases pass, 2 fail by their ids; whole.toml fails once for its 4 cases
    result.assert_outcomes(passed=2, failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "FAILED cases/lg3.toml::typo-in-expect*",
            "FAILED cases/lg3.toml::misspelt-key*",
            "FAILED cases/whole.toml::schema*",
            "*案例 'typo-in-expect'（*lg3.toml:*）不符合案例格式，未运行：*",
            "*lg3.toml:*: cases?3?.chnage: 未知的键（是否应为 'change'？）*",
            "*案例文件不符合案例格式，文件中的 4 个案例均未运行：*",
            "*whole.toml:*: defaults.progam: 未知的键（是否应为 'program'？）*",
        ]
    )


NOT_INSTALLED = """
[defaults]
program = "nosuchcity.srdi-sme-2025"
on = 2025-05-01
profile = {}

[[cases]]
id = "first"
expect = { verdict = "incomplete" }
"""


def test_a_plugin_not_installed_is_named_with_how_to_install_it(tmp_path, baseline):
    project = tmp_path / "srdi-nosuchcity"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "srdi-nosuchcity"\n', encoding="utf-8")
    (project / "tests").mkdir()
    [rc] = read_cases(write(project / "tests" / "cases", NOT_INSTALLED)).cases
    with pytest.raises(SrdiError) as info:
        run_case(baseline, rc)
    text = str(info.value)
    assert "没有项目" not in text
    assert "项目 'nosuchcity.srdi-sme-2025' 属于插件 nosuchcity，该插件尚未安装" in text
    assert f'请在其项目文件夹 {project} 中运行 pip install -e ".[test]"' in text


def test_without_a_project_folder_the_hint_says_where_to_run_it(tmp_path, baseline):
    rc = read_cases(write(tmp_path / "cases", NOT_INSTALLED)).cases[0]
    if any((d / "pyproject.toml").is_file() for d in rc.path.resolve().parents):
        pytest.skip("the temporary folder lies inside a project")
    with pytest.raises(SrdiError, match=r"请在其项目文件夹（含 pyproject.toml）中运行 pip install -e"):
        run_case(baseline, rc)


def test_an_unknown_program_of_a_loaded_plugin_keeps_its_suggestions(tmp_path, baseline):
    rc = read_cases(write(tmp_path / "cases", NOT_INSTALLED.replace("nosuchcity.srdi-sme-2025", "national.x"))).cases[0]
    with pytest.raises(SrdiError, match=r"没有项目 'national\.x'"):
        run_case(baseline, rc)


def test_pytest_says_the_plugin_is_not_installed(pytester):
    pytester.makepyprojecttoml('[project]\nname = "srdi-nosuchcity"\n')
    pytester.makeini("[pytest]\n")
    (pytester.path / "tests").mkdir()
    write(pytester.path / "tests" / "cases", NOT_INSTALLED)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*属于插件 nosuchcity，该插件尚未安装：请在其项目文件夹 * 中运行 pip install -e*"])
    result.stdout.no_fnmatch_line("*没有项目*")


def test_pytest_says_the_plugin_is_not_installed_once_per_file(pytester):
    # two cases of one plugin that is not installed: one install fixes both, so one failure names both
    pytester.makepyprojecttoml('[project]\nname = "srdi-nosuchcity"\n')
    pytester.makeini("[pytest]\n")
    (pytester.path / "tests").mkdir()
    second = '\n[[cases]]\nid = "second"\nexpect = { verdict = "eligible" }\n'
    write(pytester.path / "tests" / "cases", NOT_INSTALLED + second)
    # -rN: the short summary repeats a failure's message, whole where CI is set and cut to the
    # terminal's width elsewhere, so whether it holds the phrase depends on where it runs
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rN")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert out.count("属于插件 nosuchcity，该插件尚未安装") == 1
    result.stdout.fnmatch_lines(["*本文件中有 2 个案例因此未运行：first、second*"])


#: A case of the Liaoning plugin's little giant tier (installed with srdi's repository: plugins/liaoning).
LIAONING_CASE = NOT_INSTALLED.replace("nosuchcity.srdi-sme-2025", "liaoning.little-giant-2022")


def test_a_plugin_left_out_by_srdi_load_plugins_is_named_as_left_out(tmp_path, baseline, monkeypatch):
    pytest.importorskip("srdi_liaoning")
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "national")  # the run selects the baseline alone
    [rc] = read_cases(write(tmp_path / "cases", LIAONING_CASE)).cases
    with pytest.raises(SrdiError) as info:
        run_case(baseline, rc)
    text = str(info.value)
    assert "没有项目" not in text and "尚未安装" not in text
    assert "项目 'liaoning.little-giant-2022' 属于插件 liaoning，该插件已安装但未加载" in text
    assert "SRDI_LOAD_PLUGINS='national' 未选用它：请将 liaoning 加入 SRDI_LOAD_PLUGINS" in text


def test_a_broken_plugin_is_named_as_installed_with_why_it_did_not_load(installed_plugin, tmp_path, monkeypatch):
    import srdi
    from srdi.plugins import BrokenPluginWarning

    project = installed_plugin("suzhou_demo", "320500", "苏州市")
    (project / "src" / "srdi_suzhou_demo" / "__init__.py").write_text('raise RuntimeError("boom")\n', encoding="utf-8")
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "suzhou_demo")
    with pytest.warns(BrokenPluginWarning):
        catalog = srdi.load()
    assert "suzhou_demo" in catalog.broken
    case = NOT_INSTALLED.replace("nosuchcity.srdi-sme-2025", "suzhou_demo.example")
    [rc] = read_cases(write(tmp_path / "cases", case)).cases
    with pytest.raises(SrdiError) as info:
        run_case(catalog, rc)
    text = str(info.value)
    assert "没有项目" not in text
    assert "项目 'suzhou_demo.example' 属于插件 suzhou_demo，该插件已安装但未加载：" in text
    assert "RuntimeError: boom" in text  # the reason the plugin was set aside


def test_two_distributions_claiming_one_name_keep_the_cases_message(tmp_path, baseline, monkeypatch):
    from srdi.errors import PluginError, Problem
    from srdi.testing import cases

    pytest.importorskip("srdi_liaoning")
    clash = "plugin name 'liaoning' is declared by both srdi-liaoning and srdi-liaoning-fork; uninstall one"

    def refuse(select=True):
        raise PluginError([Problem(clash)])

    monkeypatch.setattr(cases, "installed", refuse)
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "national")
    # a plugin that is not installed is still named so, not hidden behind the other plugins' clash
    [rc] = read_cases(write(tmp_path / "cases", NOT_INSTALLED)).cases
    with pytest.raises(SrdiError, match="属于插件 nosuchcity，该插件尚未安装"):
        run_case(baseline, rc)
    # the clashing plugin itself is installed; unset SRDI_LOAD_PLUGINS, the clash is why it is not loaded
    monkeypatch.delenv("SRDI_LOAD_PLUGINS")
    [rc] = read_cases(write(tmp_path / "cases2", LIAONING_CASE)).cases
    with pytest.raises(SrdiError) as info:
        run_case(baseline, rc)
    assert f"属于插件 liaoning，该插件已安装但未加载：{clash}" in str(info.value)
