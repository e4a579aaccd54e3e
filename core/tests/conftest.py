"""Shared fixtures for core tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import srdi
from srdi.catalog import Catalog


@pytest.fixture(autouse=True)
def _piped_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands print as they do when piped (160 columns), whatever ``COLUMNS`` the caller's shell sets.

    A test that reads a layout at a given width sets ``COLUMNS`` itself.
    """
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(scope="session")
def baseline() -> Catalog:
    """The national baseline alone."""
    return srdi.load([])


@pytest.fixture(scope="session")
def debt_table(baseline: Catalog) -> Callable[[list[float]], Any]:
    """Tables of the 79号 category C firm (data/third-batch-category-c.toml), a row per 2020 负债总额 given (万元).

    Its 2020 资产总额 is 10000万元: 负债 7000 is a 资产负债率 of 70% exactly, 7100 of 71%, and so on.
    """
    import attrs

    from srdi.batch import read_table
    from srdi.batch.write import profiles_table

    base = baseline.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")

    def table(liabilities: list[float]) -> Any:
        firms = [
            attrs.evolve(
                base,
                facts=base.facts | {"name": f"企业{k}"},
                years={**base.years, 2020: base.years[2020] | {"total_liabilities": value}},
            )
            for k, value in enumerate(liabilities)
        ]
        return read_table(profiles_table(firms, baseline.vocabulary, baseline.titles), baseline)

    return table


SHAPES = Path(__file__).parent / "data" / "shapes"


@pytest.fixture(scope="session")
def shapes() -> Catalog:
    """The baseline and the test notices of the rule shapes (core/tests/data/shapes, a data-only plugin)."""
    import importlib
    import sys

    from srdi.declared import declared_plugin
    from srdi.plugins import PluginHost

    sys.path.insert(0, str(SHAPES / "src"))
    try:
        module = importlib.import_module("srdi_shapes")
    finally:
        sys.path.remove(str(SHAPES / "src"))
    host = PluginHost()
    plugin = declared_plugin(module, "srdi-shapes-examples")
    assert plugin is not None
    host.register(plugin, "shapes", "srdi-shapes-examples", "0.1.0")
    return Catalog(host)


@pytest.fixture(params=["calamine", "streaming"])
def sheet_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each sheet test runs on both readers: python-calamine for dense sheets, the streaming parser for the rest."""
    if request.param == "streaming":
        monkeypatch.setattr("srdi.batch.xlsxfile._calamine_fits", lambda scan: False)
    return str(request.param)


@pytest.fixture()
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Path]]:
    """Install plugins made by ``srdi new-plugin`` as pip leaves a distribution (a dist-info with its entry point).

    ``installed_plugin(name, region, region_name=None, extra="")`` writes the project under
    ``tmp_path/installed``, appends ``extra`` to its ``plugin.toml`` (another ``[[regions]]``,
    ``claim = false``), and returns the project folder; the packages are forgotten afterwards.
    """
    import importlib
    import sys

    from srdi import api
    from srdi.scaffold import new_plugin, plan

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)
    packages: list[str] = []

    def install(name: str, region: str, region_name: str | None = None, extra: str = "") -> Path:
        scaffold, _ = plan(name, region, region_name)
        dest = tmp_path / "installed" / scaffold.distribution
        new_plugin(scaffold, dest)
        declaration = dest / "src" / scaffold.package / "plugin.toml"
        declaration.write_text(declaration.read_text(encoding="utf-8") + extra, encoding="utf-8")
        monkeypatch.syspath_prepend(str(dest / "src"))
        info = site / f"{scaffold.package}-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {scaffold.distribution}\nVersion: 0.1.0\n")
        (info / "entry_points.txt").write_text(f"[srdi.plugins]\n{name} = {scaffold.package}\n")
        packages.append(scaffold.package)
        importlib.invalidate_caches()
        api.clear_cache()
        return dest

    yield install
    for package in packages:
        sys.modules.pop(package, None)
    api.clear_cache()
