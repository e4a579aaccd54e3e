"""A region only an installed plugin's ``plugin.toml`` declares is named as a listed one is: by code, slug or name.

srdi's own table lists the provinces and the 计划单列市; a city plugin (苏州市 here) declares its
region in ``plugin.toml``. Routing reads that declaration without importing the plugin, so
``srdi.for_region`` and every ``--region`` take the city's slug and name, not only its code, and
the "did you mean" of a misspelt name offers them.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

import srdi
from srdi import api
from srdi.cli.main import main
from srdi.errors import UnknownNameError
from srdi.scaffold import new_plugin, plan

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
def install(tmp_path, monkeypatch):
    """Install plugins made by ``srdi new-plugin``, as pip leaves a distribution: ``install(name, region, ...)``."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)
    packages = []

    def _install(name: str, region: str, region_name: str | None = None, regions: str = "") -> Path:
        scaffold, _ = plan(name, region, region_name)
        dest = tmp_path / scaffold.distribution
        new_plugin(scaffold, dest)
        declaration = dest / "src" / scaffold.package / "plugin.toml"
        declaration.write_text(declaration.read_text(encoding="utf-8") + regions, encoding="utf-8")
        monkeypatch.syspath_prepend(str(dest / "src"))
        info = site / f"{scaffold.package}-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {scaffold.distribution}\nVersion: 0.1.0\n")
        (info / "entry_points.txt").write_text(f"[srdi.plugins]\n{name} = {scaffold.package}\n")
        packages.append(scaffold.package)
        importlib.invalidate_caches()
        api.clear_cache()
        return dest

    yield _install
    for package in packages:
        sys.modules.pop(package, None)
    api.clear_cache()


@pytest.fixture()
def suzhou(install):
    """苏州市 (320500), a city srdi does not list, served by a plugin named after the slug it declares."""
    return install("suzhou_demo", "320500", "苏州市")


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


def test_a_region_a_listed_regions_plugin_only_names_resolves_too(install):
    # 瓦房店市 is named (claim = false) by the plugin of 大连市, a listed region: read only for a name nothing else knows
    install("dalian", "210200", regions=WAFANGDIAN)
    chosen = api.route((), "瓦房店市")
    assert chosen is not None and "dalian" in chosen.needed
    assert "srdi_dalian" not in sys.modules
    cat = srdi.for_region("wafangdian")
    assert "dalian" in cat.plugins and cat.regions.resolve("wafangdian").code == "210281"
    # its enterprises fall under 大连市's programs: the same as for the code
    assert [p.id for p in cat.programs_for_region("210281") if p.region == "210200"] == ["dalian.example"]
