"""A region another installed plugin serves, found before installing: ``srdi validate`` and ``srdi new-plugin``.

Installed beside the plugin that serves it already, a second plugin claiming the region would be
set aside (:mod:`srdi.clashes`). ``srdi validate`` says so as an error at the region's ``code`` in
``plugin.toml``, as it does for a notice id an installed plugin uses; ``srdi new-plugin`` names the
plugin serving it instead of advising a name that plugin has taken.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srdi import api, i18n
from srdi.cli.main import main
from srdi.scaffold import new_plugin, plan
from srdi.validate import validate

SERVED = "320500（苏州市）已由已安装的插件 suzhou_demo（srdi-suzhou-demo）负责：两者同时安装时，其中一个插件会被停用"


def generate(where: Path, name: str, region: str, region_name: str | None = None) -> Path:
    """A plugin project as ``srdi new-plugin`` writes it (not installed)."""
    scaffold, _ = plan(name, region, region_name)
    dest = where / scaffold.distribution
    new_plugin(scaffold, dest)
    return dest


def declaration(project: Path) -> Path:
    (found,) = project.glob("src/*/plugin.toml")
    return found


def line_of(path: Path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if ln.strip() == text)


@pytest.fixture()
def suzhou(installed_plugin, monkeypatch):
    """苏州市 (320500) served by an installed plugin; the others left out, so a catalog of them all is quick."""
    installed = installed_plugin("suzhou_demo", "320500", "苏州市")
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "suzhou_demo")
    return installed


# ------------------------------------------------------------------ srdi validate
@pytest.mark.usefixtures("suzhou")
def test_a_region_an_installed_plugin_serves_is_an_error_at_its_code(tmp_path):
    project = generate(tmp_path, "gusu", "320500", "苏州市")
    toml = declaration(project)
    found = [(f.severity, f.problem.file, f.problem.key, f.problem.line, f.problem.message) for f in validate(project)]
    assert found == [
        (
            "error",
            str(toml),
            "regions[0].code",
            line_of(toml, 'code = "320500"'),
            "地区 320500（苏州市）已由已安装的插件 suzhou_demo（srdi-suzhou-demo）负责：两者同时安装时，"
            "其中一个插件会被停用；只列名、不负责该地区的，请写 claim = false",
        )
    ]


@pytest.mark.usefixtures("suzhou")
def test_the_cli_reports_it_in_english_too(tmp_path, capsys):
    project = generate(tmp_path, "gusu", "320500", "苏州市")
    with i18n.speaking("en"):
        assert main(["validate", str(project), "--format", "json"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["key"] == "regions[0].code" and finding["file"] == str(declaration(project))
    assert finding["message"].startswith(
        "region 320500 (苏州市) is already served by the installed plugin suzhou_demo (srdi-suzhou-demo)"
    )


@pytest.mark.usefixtures("suzhou")
def test_a_region_only_named_is_no_clash(tmp_path):
    project = generate(tmp_path, "gusu", "320500", "苏州市")
    toml = declaration(project)
    toml.write_text(toml.read_text(encoding="utf-8") + "claim = false\n", encoding="utf-8")
    assert validate(project) == []


def test_the_installed_plugin_is_no_clash_with_itself(suzhou):
    assert validate(suzhou) == []


@pytest.mark.usefixtures("suzhou")
def test_a_single_notice_file_is_not_charged_with_its_plugins_region(tmp_path):
    project = generate(tmp_path, "gusu", "320500", "苏州市")
    (notice,) = project.glob("src/*/notices/*.toml")
    assert validate(notice) == []


def test_a_province_an_installed_plugin_serves_is_reported_among_every_installed_plugin(tmp_path):
    # srdi-liaoning serves 辽宁省 in this checkout; every installed plugin is read, as a process loads them
    if "liaoning" not in {p.name for p in api.plugins()}:
        pytest.skip("srdi-liaoning is not installed")
    project = generate(tmp_path, "liaoning2", "210000")
    (finding,) = validate(project)
    assert finding.problem.key == "regions[0].code" and finding.problem.file == str(declaration(project))
    assert "已由已安装的插件 liaoning（srdi-liaoning）负责" in finding.problem.message


# ------------------------------------------------------------------ srdi new-plugin
def new_plugin_notes(capsys, dest: Path, *args: str) -> list[str]:
    assert main(["new-plugin", *args, "--dest", str(dest), "--format", "json"]) == 0
    notes: list[str] = json.loads(capsys.readouterr().out)["notes"]
    return notes


@pytest.mark.usefixtures("suzhou")
def test_new_plugin_names_the_installed_plugin_serving_the_region(tmp_path, capsys):
    assert new_plugin_notes(capsys, tmp_path / "p", "gusu", "--region", "320500", "--region-name", "苏州市") == [SERVED]


def test_new_plugin_does_not_advise_the_name_of_the_plugin_serving_the_region(installed_plugin, tmp_path, capsys):
    # 210200's slug is dalian: the installed dalian serves it, so the note names it instead of advising its name
    installed_plugin("dalian", "210200")
    notes = new_plugin_notes(capsys, tmp_path / "p", "dl", "--region", "210200")
    assert notes == ["210200（大连市）已由已安装的插件 dalian（srdi-dalian）负责：两者同时安装时，其中一个插件会被停用"]
    # and the name it would have advised is refused as taken
    assert main(["new-plugin", "dalian", "--region", "210200", "--dest", str(tmp_path / "q")]) == 2
    assert "插件名 'dalian' 已被占用" in capsys.readouterr().err


def test_new_plugin_does_not_advise_a_taken_name_whose_plugin_does_not_serve_the_region(
    installed_plugin, tmp_path, capsys
):
    # an installed plugin named dalian that only names 210200: the region is free, but the name is taken
    installed_plugin("dalian", "210200", extra="claim = false\n")
    assert new_plugin_notes(capsys, tmp_path / "p", "dl", "--region", "210200") == []


def test_new_plugin_still_advises_a_free_slug(tmp_path, capsys):
    # nothing serves 210200 and no plugin is named dalian: the note says srdi routes 210200 to that name
    if "dalian" in {p.name for p in api.plugins()}:
        pytest.skip("a plugin named dalian is installed")
    (note,) = new_plugin_notes(capsys, tmp_path / "p", "dl", "--region", "210200")
    assert note.startswith("srdi 把 210200（大连市）交给名为 'dalian' 的插件")
