"""Loading catalogs for integrators: everything, chosen plugins, or just what a region needs."""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Catalog
from .errors import ProfileError
from .plugins import Installed, PluginHost, installed
from .profile import credit_code
from .regions import RegionTable, builtin_regions, lineage


def load(plugins: Iterable[str] | None = None) -> Catalog:
    """A catalog with the baseline and the given plugins (default: every installed, selected plugin)."""
    host = PluginHost()
    if plugins is None:
        host.load_all()
    else:
        for name in plugins:
            host.load(name)
    return Catalog(host)


def for_region(region: str) -> Catalog:
    """A catalog for one region (code, slug or name), importing only the plugins its lineage needs.

    A city falls back to its province and a province to the national baseline. A
    plugin is found by its entry-point name (the region's slug); when none matches,
    every installed plugin is loaded to find one that claims the region.
    """
    return load(plugins_for_region(region))


def plugins_for_region(region: str) -> list[str] | None:
    """The plugins :func:`for_region` loads for a region: its lineage's, or None for every installed plugin."""
    table = RegionTable(builtin_regions())
    target = table.resolve(region)
    available = {p.name for p in installed()}
    names = [
        known.slug
        for code in lineage(target.code)
        if (known := table.by_code.get(code)) is not None and known.slug in available
    ]
    if not names and available:
        return None
    return names


def for_credit_code(code: str) -> Catalog:
    """A catalog for the region a 统一社会信用代码 was registered in."""
    why = credit_code.problem(code)
    if why:
        raise ProfileError(f"credit_code {code!r}: {why}")
    return for_region(credit_code.region_code(code))


def plugins() -> list[Installed]:
    """Installed plugins (from entry points, nothing imported)."""
    return installed()
