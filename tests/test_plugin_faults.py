"""Plugins that are misnamed, broken or in conflict: every command says which, and the others still load.

Each test installs throwaway distributions the way pip leaves them (a package and a
``.dist-info`` with an ``srdi.plugins`` entry point) on ``sys.path``.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import srdi
from srdi.cli.main import main
from srdi.errors import UnknownNameError
from srdi.plugins import BrokenPluginWarning, PluginHost, module_plugin

ROOT = Path(__file__).parent.parent
ELIGIBLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"

BROKEN = '''
from srdi import hookimpl


@hookimpl
def srdi_register_fields():
    """Fails, as a plugin with a bug in its hook would."""
    raise ValueError("boom in fields")
'''
SECOND_LIAONING = '''
from srdi import hookimpl
from srdi.regions import Region


@hookimpl
def srdi_register_regions():
    """Claims Liaoning, which srdi-liaoning already serves."""
    return [Region(code="210000", name="辽宁省", slug="liaoning_copy")]
'''


@pytest.fixture()
def install(tmp_path, monkeypatch):
    """Install throwaway plugins: ``install(name, source)``."""
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)
    packages = []

    def _install(name: str, source: str) -> None:
        pkg = tmp_path / f"srdi_{name}"
        pkg.mkdir()
        (pkg / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = tmp_path / f"srdi_{name}-0.1.dist-info"
        info.mkdir()
        dist = "srdi-" + name.replace("_", "-")
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[srdi.plugins]\n{name} = srdi_{name}\n")
        packages.append(f"srdi_{name}")
        importlib.invalidate_caches()

    yield _install
    for p in packages:
        sys.modules.pop(p, None)


def errors(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return errors_in(err)


def errors_in(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("srdi: 错误：")]


# ------------------------------------------------------------------ selection by name
def test_a_misspelt_plugin_in_srdi_load_plugins_is_an_error_naming_it(monkeypatch, capsys):
    # "liaonig" used to select nothing: the firm was told no program was open, exit 0
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "liaonig")
    assert main(["check", str(ELIGIBLE), "--on", "2022-03-01"]) == 2
    (line,) = errors(capsys)
    assert line.startswith("srdi: 错误：SRDI_LOAD_PLUGINS: 选择了未安装的插件 'liaonig'（是否应为 'liaoning'")
    assert "已安装的插件：" in line and "liaoning" in line


def test_the_baseline_may_be_named_in_srdi_load_plugins(monkeypatch):
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "national,liaoning")
    assert [p.name for p in srdi.plugins()] == ["liaoning"]


def test_a_300_character_plugin_name_is_one_line(monkeypatch, capsys):
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "a" * 300)
    assert main(["plugins"]) == 2
    (line,) = errors(capsys)
    # the name is cut short (the installed plugins the line lists grow with the repository)
    assert "选择了未安装的插件 'aaaa" in line and "..." in line and "a" * 100 not in line


def test_load_refuses_a_misspelt_plugin():
    with pytest.raises(UnknownNameError, match="是否应为 'liaoning'"):
        srdi.load(["liaonig"])


# ------------------------------------------------------------------ two plugins, one region
@pytest.mark.parametrize(
    "args",
    [
        ["plugins"],
        ["programs"],
        ["check", str(ELIGIBLE), "--on", "2022-03-01"],
        ["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--on", "2022-03-01"],
        ["check", str(ELIGIBLE), "--program", "national.little-giant-3rd-batch", "--on", "2022-03-01"],
        ["show", "liaoning.little-giant-2022"],
        ["programs", "--region", "liaoning"],
    ],
)
def test_a_second_plugin_claiming_a_region_is_set_aside_and_every_command_goes_on(install, capsys, args):
    # 210000 is 辽宁省, served by the plugin named after it: the copy claiming it too is set aside, each command
    # answers from srdi-liaoning and warns, naming both, instead of refusing every question for the copy's mistake
    install("liaoning_copy", SECOND_LIAONING)
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and not errors_in(captured.err)
    assert "srdi: 警告：插件 liaoning_copy 已损坏" in captured.err
    assert "srdi-liaoning-copy@0.1 与 srdi-liaoning@0.1.0 都提供所认领的地区 '210000'：保留 srdi-liaoning@0.1.0" in (
        captured.err
    )


def test_a_region_elsewhere_is_not_held_up_by_the_conflict(install):
    # a Beijing firm needs neither Liaoning plugin
    install("liaoning_copy", SECOND_LIAONING)
    assert "beijing" in srdi.for_region("beijing").plugins


# ------------------------------------------------------------------ a plugin whose hook raises
#: Why the BROKEN plugin is set aside: its hook's error, at the line of its package that raised it (line 8 of the
#: source above). The folder is the first test's: a catalog is built once per set of installed plugins.
BOOM = r"srdi-broken@0\.1 的 srdi_register_fields 出错：/\S+/srdi_broken/__init__\.py:8: ValueError: boom in fields"


def test_a_broken_plugin_is_set_aside_and_the_others_load(install):
    install("broken", BROKEN)
    with pytest.warns(BrokenPluginWarning, match="插件 broken 已损坏，未加载（其余插件照常）"):
        cat = srdi.load()
    assert "broken" not in cat.plugins and "liaoning" in cat.plugins
    assert list(cat.broken) == ["broken"] and re.fullmatch(BOOM, cat.broken["broken"])


def test_srdi_plugins_lists_the_broken_plugin_as_broken(install, capsys):
    install("broken", BROKEN)
    assert main(["plugins", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = {r["name"]: r for r in json.loads(captured.out)}
    assert rows["broken"]["status"] == "broken"
    assert re.fullmatch(BOOM, rows["broken"]["error"])
    assert rows["liaoning"]["status"] == "loaded"
    assert "srdi: 警告：插件 broken 已损坏" in captured.err and "Traceback" not in captured.err


def test_check_and_programs_go_on_with_a_warning(install, capsys):
    install("broken", BROKEN)
    assert main(["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--on", "2022-03-01"]) == 0
    assert "srdi: 警告：插件 broken 已损坏" in capsys.readouterr().err
    assert main(["programs", "--format", "json"]) == 0
    assert any(p["id"] == "liaoning.little-giant-2022" for p in json.loads(capsys.readouterr().out))


def test_a_broken_plugin_a_command_needs_is_an_error(install, capsys):
    install("broken", BROKEN)
    assert main(["show", "broken.anything"]) == 2
    (error,) = errors(capsys)
    assert re.fullmatch("srdi: 错误：插件 broken 已损坏：" + BOOM, error)


def test_a_hook_returning_no_records_is_broken_too():
    host = PluginHost()
    host.register(module_plugin("odd", srdi_register_notices=lambda: 42), "odd", "srdi-odd", "1.0")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cat = srdi.Catalog(host)
    assert cat.broken == {
        "odd": "srdi-odd@1.0 的 srdi_register_notices 出错：srdi_register_notices 应返回记录的列表，实为 int"
    }
    assert set(cat.plugins) == {"national"}


def test_a_region_served_by_a_plugin_named_after_no_region_is_found(install):
    # a city srdi does not list: its plugin is imported to learn what it claims
    install(
        "suzhou_demo",
        '''
        from srdi import hookimpl
        from srdi.regions import Region


        @hookimpl
        def srdi_register_regions():
            """苏州市."""
            return [Region(code="320500", name="苏州市", slug="suzhou_demo", level="city", parent="320000")]
        ''',
    )
    cat = srdi.for_region("320506")
    # (江苏省, which the city falls back to, may be served by a plugin of its own)
    assert "suzhou_demo" in cat.plugins and cat.claims["320500"] == "suzhou_demo"
    assert set(cat.claims) <= {"320500", "320000"}
    # a province plugin's name routes without importing the others named after regions
    assert set(srdi.for_region("liaoning").plugins) == {"national", "liaoning", "suzhou_demo"}


# ------------------------------------------------------------------ a plugin whose data cannot be used
CORE_METRIC = '''
from srdi import hookimpl
from srdi.engine.metrics import ratio


@hookimpl
def srdi_register_metrics():
    """Redefines the core's rd_ratio (研发费用占营业收入比重) its own way."""
    return [ratio("rd_ratio", "研发投入占比", "rd_expense", "assets")]
'''


def test_a_plugin_taking_a_core_metrics_name_is_set_aside_and_the_others_load(install):
    # every program that reads rd_ratio would silently change meaning; before, every command died in a traceback
    install("rogue", CORE_METRIC)
    with pytest.warns(BrokenPluginWarning, match="插件 rogue 已损坏"):
        cat = srdi.load()
    assert "rogue" not in cat.plugins and "liaoning" in cat.plugins
    assert "注册的指标 'rd_ratio' 是核心已有的名称" in cat.broken["rogue"]
    assert cat.metrics.by_key["rd_ratio"].origin == "srdi"


UNNAMESPACED_FIELD = '''
from srdi import hookimpl
from srdi.vocabulary import FieldSpec


@hookimpl
def srdi_register_fields():
    """A field without the plugin's prefix."""
    return [FieldSpec(key="key_industry", label="重点产业", kind="bool", section="enterprise")]
'''


def test_a_plugin_field_without_a_namespace_sets_aside_that_plugin_only(install):
    install("loose", UNNAMESPACED_FIELD)
    with pytest.warns(BrokenPluginWarning, match="插件 loose 已损坏"):
        cat = srdi.load()
    assert "loose" not in cat.plugins and "liaoning" in cat.plugins
    assert "字段 'key_industry'（srdi-loose@0.1）：插件字段须带命名空间" in cat.broken["loose"]


BAD_NOTICE = '''
from pathlib import Path

from srdi import hookimpl


@hookimpl
def srdi_register_notices():
    """One notice file, whose quote the text does not hold."""
    return [Path(__file__).parent / "bad.toml"]
'''


def test_a_plugin_whose_notice_does_not_load_is_set_aside_naming_the_file_and_key(install, tmp_path):
    # the program's quote sits on line 15 of the file below; one team's typo in one quote used to refuse every
    # plugin's programs (srdi plugins itself exited 2)
    install("typo", BAD_NOTICE)
    text = tmp_path / "srdi_typo" / "bad.txt"
    text.write_text("某市工信局通知\n一、营业收入达到2000万元。\n", encoding="utf-8")
    (tmp_path / "srdi_typo" / "bad.toml").write_text(
        textwrap.dedent(
            """\
            [notice]
            id = "typo-2030-1"
            doc_number = "某工信〔2030〕1号"
            title = "某市工信局通知"
            issuer = ["某市工信局"]
            issued_on = 2030-01-01
            region = "210200"
            text = "bad.txt"

            [[programs]]
            id = "typo.p"
            title = "测试项目"
            rule = "revenue"
            clause = "一"
            quote = "营业收入达到3000万元"

            [[programs.criteria]]
            id = "revenue"
            label = "营业收入"
            type = "compare"
            metric = "revenue"
            op = ">="
            value = 2000
            clause = "一"
            quote = "营业收入达到2000万元"
            """
        ),
        encoding="utf-8",
    )
    with pytest.warns(BrokenPluginWarning, match="插件 typo 已损坏"):
        cat = srdi.load()
    assert "typo" not in cat.plugins and "liaoning.little-giant-2022" in cat.programs_by_id
    assert f"{tmp_path / 'srdi_typo' / 'bad.toml'}:15: programs[0].quote: 通知原文中找不到 quote" in cat.broken["typo"]


def test_a_set_aside_plugins_reason_speaks_the_language_of_each_request(install, capsys):
    # the reason is worded while the catalog is built; a process answering in Chinese, then in English
    # (a library user, a test run), builds one catalog per language rather than replaying the first one's words
    install("liaoning_copy", SECOND_LIAONING)
    assert main(["plugins"]) == 0
    assert "都提供所认领的地区 '210000'" in capsys.readouterr().err
    assert main(["plugins", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "都提供" not in err
    assert "srdi-liaoning-copy@0.1 and srdi-liaoning@0.1.0 both" in err
