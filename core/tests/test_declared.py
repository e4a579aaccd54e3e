"""Plugins declared in plugin.toml: the hooks srdi makes of the declaration, and the errors it names."""

from __future__ import annotations

import importlib
import sys
import textwrap
import types

import pytest

from srdi.declared import as_plugin, declared_plugin
from srdi.errors import PluginError
from srdi.plugins import PluginHost
from srdi.testing import checks

NOTICE = """
[notice]
id = "demo-2030-1"
doc_number = "示工信〔2030〕1号"
title = "示例通知"
issuer = ["示例局"]
issued_on = 2030-01-01
region = "330000"
text = "../texts/demo.txt"

[[programs]]
id = "demo.p"
title = "示例项目"
clause = "一"
quote = "营业收入达到800万元以上"
rule = "revenue"

[[programs.criteria]]
id = "revenue"
label = "营业收入达到800万元以上"
type = "compare"
metric = "revenue"
op = ">="
value = 800
clause = "一"
quote = "营业收入达到800万元以上"
"""
FIELDS = """
[[fields]]
key = "demo.key_chain"
label = "属于重点产业链"
kind = "bool"
section = "enterprise"
"""


def _package(tmp_path, name: str, plugin_toml: str, hooks: str | None = None) -> types.ModuleType:
    pkg = tmp_path / name
    (pkg / "notices").mkdir(parents=True)
    (pkg / "texts").mkdir()
    (pkg / "plugin.toml").write_text(textwrap.dedent(plugin_toml), encoding="utf-8")
    (pkg / "notices" / "demo.toml").write_text(NOTICE, encoding="utf-8")
    (pkg / "texts" / "demo.txt").write_text(
        "示例通知\n示工信〔2030〕1号\n一、营业收入达到800万元以上。\n", encoding="utf-8"
    )
    (pkg / "fields.toml").write_text(FIELDS, encoding="utf-8")
    if hooks is not None:
        (pkg / "hooks.py").write_text(textwrap.dedent(hooks), encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    importlib.invalidate_caches()
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp_path))


@pytest.fixture()
def clean_modules():
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.startswith("srdi_demo"):
            del sys.modules[name]


DECLARATION = """
[plugin]
fields = "fields.toml"

[[regions]]
code = "330000"
name = "浙江省"
slug = "demo"
"""


def test_a_declaration_becomes_documented_data_hooks(tmp_path, clean_modules):
    module = _package(tmp_path, "srdi_demo_a", DECLARATION)
    assert not hasattr(module, "__file__") or module.__file__ is None  # a namespace package: no Python
    plugin = declared_plugin(module, "srdi-demo")
    assert plugin is not None
    host = PluginHost()
    loaded = host.register(plugin, "demo", "srdi-demo", "1.0")
    assert loaded.hooks == ("srdi_register_fields", "srdi_register_notices", "srdi_register_regions")
    assert checks.hook_problems(loaded) == []
    [(_, region)] = [r for r in host.results("srdi_register_regions") if r[0].name == "demo"]
    assert (region.code, region.name, region.slug, region.level) == ("330000", "浙江省", "demo", "province")
    [(_, field)] = [r for r in host.results("srdi_register_fields") if r[0].name == "demo"]
    assert field.key == "demo.key_chain" and field.origin == "srdi-demo"
    notices = [p for o, p in host.results("srdi_register_notices") if o.name == "demo"]
    assert [p.name for p in notices] == ["demo.toml"]


def test_a_hooks_module_adds_what_data_cannot_say(tmp_path, clean_modules):
    hooks = '''
    from srdi import hookimpl
    from srdi.engine.metrics import ratio


    @hookimpl
    def srdi_register_metrics():
        """R&D over 主营业务收入."""
        return [ratio("demo.rd_main", "研发占主营", "rd_expense", "main_business_revenue")]
    '''
    declaration = DECLARATION.replace("[plugin]", '[plugin]\nhooks = "srdi_demo_b.hooks"')
    module = _package(tmp_path, "srdi_demo_b", declaration, hooks)
    sys.path.insert(0, str(tmp_path))
    try:
        plugin = as_plugin(module, "srdi-demo")
    finally:
        sys.path.remove(str(tmp_path))
    assert plugin is not module
    host = PluginHost()
    loaded = host.register(plugin, "demo", "srdi-demo", "1.0")
    assert "srdi_register_metrics" in loaded.hooks and "srdi_register_notices" in loaded.hooks
    assert [m.key for o, m in host.results("srdi_register_metrics") if o.name == "demo"] == ["demo.rd_main"]


def test_a_hook_both_declared_and_implemented_is_refused(tmp_path, clean_modules):
    hooks = '''
    from srdi import hookimpl


    @hookimpl
    def srdi_register_fields():
        """Fields in code as well."""
        return []
    '''
    module = _package(
        tmp_path, "srdi_demo_c", DECLARATION.replace("[plugin]", '[plugin]\nhooks = "srdi_demo_c.hooks"'), hooks
    )
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(PluginError) as err:
            as_plugin(module, "srdi-demo")
    finally:
        sys.path.remove(str(tmp_path))
    [problem] = err.value.problems
    assert problem.key == "plugin.hooks" and problem.file.endswith("plugin.toml")
    assert problem.message == "srdi_register_fields 既在此声明，又在 srdi_demo_c.hooks 中实现；只保留一处"


def test_a_misspelled_key_and_a_bad_region_code_are_named(tmp_path, clean_modules):
    module = _package(tmp_path, "srdi_demo_d", '[plugin]\nnotice = "notices"\n')
    with pytest.raises(PluginError) as err:
        as_plugin(module, "srdi-demo")
    assert [(p.key, "notices" in p.message) for p in err.value.problems] == [("plugin.notice", True)]
    module = _package(tmp_path, "srdi_demo_e", '[[regions]]\ncode = "33"\nname = "浙江省"\nslug = "demo"\n')
    with pytest.raises(PluginError) as err:
        as_plugin(module, "srdi-demo")
    assert [(p.key, p.message) for p in err.value.problems] == [
        ("regions[0].code", "region code must be six digits, got '33'")
    ]


def test_a_missing_notices_folder_is_named_when_the_notices_are_asked_for(tmp_path, clean_modules):
    module = _package(tmp_path, "srdi_demo_f", '[plugin]\nnotices = "rules"\n')
    plugin = as_plugin(module, "srdi-demo")
    with pytest.raises(PluginError) as err:
        plugin.srdi_register_notices()
    assert [(p.key, p.message) for p in err.value.problems] == [("plugin.notices", "找不到通知文件夹 'rules'")]


def test_a_module_of_hooks_without_declaration_is_registered_as_it_is():
    module = types.ModuleType("srdi_demo_plain")
    assert as_plugin(module, "srdi-demo") is module
