"""A new regional notice, added without touching core: a data-only plugin found through a real entry point."""

from __future__ import annotations

import datetime as dt
import importlib
import sys

import pytest

import srdi
from srdi.testing import checks

NOTICE_TEXT = "某市工业和信息化局关于开展2030年专精特新企业认定的通知\n某工信〔2030〕5号\n一、企业上年度营业收入达到800万元以上。\n二、申报时间为2030年5月1日至5月31日。\n"
NOTICE = """
[notice]
id = "demo-city-2030-5"
doc_number = "某工信〔2030〕5号"
title = "某市工业和信息化局关于开展2030年专精特新企业认定的通知"
issuer = ["某市工业和信息化局"]
issued_on = 2030-04-20
region = "210200"
text = "notice.txt"

[[programs]]
id = "dalian.demo-2030"
title = "某市专精特新企业（2030年）"
clause = "一"
quote = "企业上年度营业收入达到800万元以上"
rule = "revenue"

[[programs.criteria]]
id = "revenue"
label = "上年度营业收入达到800万元以上"
type = "compare"
metric = "revenue"
op = ">="
value = 800
clause = "一"
quote = "企业上年度营业收入达到800万元以上"

[[programs.timeline]]
id = "apply"
title = "申报"
kind = "window"
start = 2030-05-01
end = 2030-05-31
application = true
clause = "二"
quote = "申报时间为2030年5月1日至5月31日"
"""
PLUGIN_TOML = """
# a city's plugin as data: no Python at all
[plugin]
notices = "notices"

[[regions]]
code = "210200"
name = "大连市"
slug = "dalian"
level = "city"
parent = "210000"
"""


@pytest.fixture()
def installed_plugin(tmp_path, monkeypatch):
    """A distribution on sys.path with an ``srdi.plugins`` entry point, as pip would leave it."""
    pkg = tmp_path / "srdi_dalian_demo"  # no __init__.py: a namespace package holding data
    pkg.mkdir()
    (pkg / "plugin.toml").write_text(PLUGIN_TOML, encoding="utf-8")
    (pkg / "notices").mkdir()
    (pkg / "notices" / "notice.toml").write_text(NOTICE, encoding="utf-8")
    (pkg / "notices" / "notice.txt").write_text(NOTICE_TEXT, encoding="utf-8")
    info = tmp_path / "srdi_dalian_demo-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: srdi-dalian-demo\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[srdi.plugins]\ndalian = srdi_dalian_demo\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)
    importlib.invalidate_caches()
    yield
    sys.modules.pop("srdi_dalian_demo", None)


def test_a_new_city_plugin_is_found_loaded_and_evaluated(installed_plugin):
    assert "dalian" in {p.name for p in srdi.plugins()}
    # a Dalian credit code routes to the city plugin, and to 辽宁省's where a plugin serves the
    # province it falls back to; nothing else is imported for it
    cat = srdi.for_region("210202")
    province = {"liaoning"} & {p.name for p in srdi.plugins()}
    assert set(cat.plugins) == {"national", "dalian"} | province
    # the hooks come from plugin.toml, each documented as the conformance suite asks
    assert cat.plugins["dalian"].hooks == ("srdi_register_notices", "srdi_register_regions")
    assert checks.hook_problems(cat.plugins["dalian"]) == []
    prog = cat.program("dalian.demo-2030")
    assert str(prog.origin).startswith("srdi-dalian-demo@0.1.0 · 某工信〔2030〕5号")
    profile = cat.load_profile_data({"enterprise": {"region_code": "210202"}, "years": {"2029": {"revenue": 800}}})
    # 800万元以上 with bare 以上 read as including 800 → eligible on 2030-05-10 (in the window)
    results = cat.check(profile, dt.date(2030, 5, 10))
    assert [(r.program, r.verdict.value) for r in results] == [("dalian.demo-2030", "eligible")]
    assert cat.check(profile, dt.date(2030, 6, 1)) == []  # the window has closed


def test_selection_by_environment(installed_plugin, monkeypatch):
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "")
    assert srdi.plugins() == []
    assert set(srdi.load().plugins) == {"national"}
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "dalian")
    assert [p.name for p in srdi.plugins()] == ["dalian"]
