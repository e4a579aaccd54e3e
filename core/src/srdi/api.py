"""Loading catalogs for integrators: everything, chosen plugins, or just what a region or program needs."""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from .arguments import as_names, as_text
from .catalog import Catalog
from .errors import PluginError, Problem, ProfileError
from .plugins import BASELINE, BrokenPluginWarning, Installed, PluginHost, installed
from .profile import credit_code
from .regions import RegionTable, builtin_regions, lineage


def load(plugins: Iterable[str] | str | None = None) -> Catalog:
    """A catalog with the baseline and the given plugins (default: every installed, selected plugin).

    ``plugins`` is one plugin name or several. A plugin that cannot be loaded is an
    error when named, and a :class:`~srdi.plugins.BrokenPluginWarning` (the others
    load) when it is merely installed.
    """
    host = PluginHost()
    if plugins is None:
        host.load_all()
        return _built(host, set())
    names = as_names(plugins, "plugins")
    for name in names:
        host.load(name)
    return _built(host, set(names))


def for_region(region: str) -> Catalog:
    """A catalog for one region (code, slug or name), importing only the plugins its lineage needs.

    A city falls back to its province and a province to the national baseline. A
    plugin is found by its entry-point name (the region's slug).
    """
    return for_programs((), as_text(region, "region", '"liaoning"、"210000" 或 "辽宁"'))


def for_programs(programs: Iterable[str] | str = (), region: str | None = None) -> Catalog:
    """A catalog with the plugins a region's lineage and the named programs need, and no others.

    The lineage's plugins are those named after the region and each region above it
    (a district → its city → its province); a program's plugin is the one its id
    starts with (``liaoning.little-giant-2022`` → ``liaoning``). Plugins named after
    no region srdi knows are imported too, since only their hooks tell which regions
    they claim: a city srdi does not list, or a second plugin claiming a region
    (which the catalog refuses, as ``srdi plugins`` does). A program id naming no
    installed plugin loads every plugin, so the error can suggest the closest id.
    """
    table = RegionTable(builtin_regions())
    available = {p.name: p for p in installed()}
    needed: set[str] = set()
    if region is not None:
        target = table.resolve(region)
        for code in lineage(target.code):
            known = table.by_code.get(code)
            if known is not None and known.slug in available:
                needed.add(known.slug)
    prefixes = {pid.split(".", 1)[0] for pid in as_names(programs, "programs")}
    if not prefixes <= set(available) | {BASELINE}:
        return load()
    needed |= prefixes - {BASELINE}
    host = PluginHost()
    for name in sorted(needed):
        host.load(name)
    routed = {r.slug for r in table.by_code.values()}
    for name in sorted(set(available) - routed - needed):
        host.try_load(name)
    return _built(host, needed)


def for_credit_code(code: str) -> Catalog:
    """A catalog for the region a 统一社会信用代码 was registered in."""
    code = as_text(code, "credit_code", '"91210100MA0YK3N252"')
    why = credit_code.problem(code)
    if why:
        raise ProfileError(f"credit_code {code!r}: {why}")
    return for_region(credit_code.region_code(code))


def plugins() -> list[Installed]:
    """Installed plugins (from entry points, nothing imported)."""
    return installed()


def _built(host: PluginHost, needed: set[str]) -> Catalog:
    """The catalog of ``host``; a broken plugin is an error when ``needed``, otherwise a warning."""
    cat = Catalog(host)
    fatal = [Problem(f"插件 {n} 已损坏：{why}") for n, why in sorted(cat.broken.items()) if n in needed]
    if fatal:
        raise PluginError(fatal)
    for name, why in sorted(cat.broken.items()):
        warnings.warn(BrokenPluginWarning(f"插件 {name} 已损坏，未加载（其余插件照常）：{why}"), stacklevel=3)
    return cat
