"""A region only an installed plugin's ``plugin.toml`` declares is named as a listed one is: by code, slug or name.

srdi's own table lists the provinces and the 计划单列市; a city plugin (苏州市 here) declares its
region in ``plugin.toml``. Routing reads that declaration without importing the plugin, so
``srdi.for_region`` and every ``--region`` take the city's slug and name, not only its code, and
the "did you mean" of a misspelt name offers them.
"""

from __future__ import annotations

import json
import sys

import pytest

import srdi
from srdi import api
from srdi.cli.main import main
from srdi.errors import UnknownNameError

#: A county-level city 大连市's plugin only names (it serves the whole city), for a name no listed region has.
WAFANGDIAN = """
[[regions]]
code = "210281"
name = "瓦房店市"
slug = "wafangdian"
level = "district"
parent = "210200"
claim = false
"""


@pytest.fixture()
def suzhou(installed_plugin):
    """苏州市 (320500), a city srdi does not list, served by a plugin named after the slug it declares."""
    return installed_plugin("suzhou_demo", "320500", "苏州市")


@pytest.mark.usefixtures("suzhou")
@pytest.mark.parametrize("name", ["suzhou_demo", "SUZHOU_DEMO", "苏州市", "苏州", "320500"])
def test_the_api_takes_a_declared_regions_slug_name_or_code(name):
    cat = srdi.for_region(name)
    assert "suzhou_demo" in cat.plugins and cat.claims["320500"] == "suzhou_demo"
    assert [p.id for p in cat.programs(name)] == ["suzhou_demo.example"]


@pytest.mark.usefixtures("suzhou")
def test_routing_reads_the_declaration_and_imports_nothing():
    chosen = api.route((), "suzhou_demo")
    assert chosen is not None and "suzhou_demo" in chosen.needed
    assert "srdi_suzhou_demo" not in sys.modules
    # a region it does not claim does not load it: its plugin.toml says where it routes
    other = api.route((), "liaoning")
    assert other is not None and "suzhou_demo" not in other.needed + other.extra


@pytest.mark.usefixtures("suzhou")
@pytest.mark.parametrize("name", ["suzhou_demo", "苏州市"])
def test_srdi_programs_region_takes_the_slug_and_the_name(name, capsys):
    assert main(["programs", "--region", name, "--format", "json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == ["suzhou_demo.example"]


@pytest.mark.usefixtures("suzhou")
def test_the_hint_for_a_district_names_a_region_that_works(capsys):
    # 虎丘区 (320505) has no plugin of its own: the error sends the user to the city's programs
    assert main(["programs", "--region", "320505"]) == 2
    err = capsys.readouterr().err
    assert "其企业适用苏州市的项目：srdi programs --region suzhou_demo" in err
    assert main(["programs", "--region", "suzhou_demo"]) == 0


@pytest.mark.usefixtures("suzhou")
def test_srdi_batch_region_takes_the_slug(tmp_path, capsys):
    table = tmp_path / "企业.csv"
    table.write_text("企业名称,注册地区代码\n甲公司,320505\n", encoding="utf-8")
    out = tmp_path / "结果.csv"
    status = main(["batch", str(table), "--region", "suzhou_demo", "--on", "2030-03-10", "--out", str(out)])
    err = capsys.readouterr().err
    assert "没有地区" not in err and status in (0, 1)
    assert out.is_file()


@pytest.mark.usefixtures("suzhou")
def test_a_misspelt_slug_is_offered_the_declared_one():
    with pytest.raises(UnknownNameError, match="是否应为 'suzhou_demo'"):
        srdi.for_region("suzhou_dmeo")


def test_a_region_a_listed_regions_plugin_only_names_resolves_too(installed_plugin):
    # 瓦房店市 is named (claim = false) by the plugin of 大连市, a listed region: read only for a name nothing else knows
    installed_plugin("dalian", "210200", extra=WAFANGDIAN)
    chosen = api.route((), "瓦房店市")
    assert chosen is not None and "dalian" in chosen.needed
    assert "srdi_dalian" not in sys.modules
    cat = srdi.for_region("wafangdian")
    assert "dalian" in cat.plugins and cat.regions.resolve("wafangdian").code == "210281"
    # its enterprises fall under 大连市's programs: the same as for the code
    assert [p.id for p in cat.programs_for_region("210281") if p.region == "210200"] == ["dalian.example"]


def test_a_name_found_only_in_the_fallback_builds_the_region_table_once(installed_plugin, monkeypatch):
    # 瓦房店市 is named only by the plugin of 大连市 (a listed region), read in the fallback: the table
    # built from the listed regions and the other plugins' declarations is extended, not built again
    installed_plugin("dalian", "210200", extra=WAFANGDIAN)
    built: list[object] = []

    class Counted(api.RegionTable):
        def __init__(self, regions):
            built.append(self)
            super().__init__(regions)

    monkeypatch.setattr(api, "RegionTable", Counted)
    chosen = api.route((), "瓦房店市")
    assert chosen is not None and "dalian" in chosen.needed
    assert len(built) == 1
