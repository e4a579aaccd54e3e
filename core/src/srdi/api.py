"""Loading catalogs for integrators: everything, chosen plugins, or just what a region needs.

A catalog is built once per selection of plugins and kept for the rest of the process:
asking again for the same region (or the same plugins) returns the same catalog, as
long as the installed plugins and ``SRDI_LOAD_PLUGINS`` are unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .errors import ProfileError
from .plugins import Installed, PluginHost, installed
from .profile import credit_code
from .regions import RegionTable, builtin_regions, lineage

if TYPE_CHECKING:
    from .catalog import Catalog


def load(plugins: Iterable[str] | None = None) -> Catalog:
    """A catalog with the baseline and the given plugins (default: every installed, selected plugin)."""
    names = None if plugins is None else tuple(dict.fromkeys(plugins))
    return _cached(names, tuple(installed()))


@functools.lru_cache(maxsize=16)
def _cached(names: tuple[str, ...] | None, available: tuple[Installed, ...]) -> Catalog:
    """The catalog of a plugin selection; ``available`` (what is installed and selected) is part of the key."""
    from .catalog import Catalog

    host = PluginHost()
    if names is None:
        host.load_all()
    else:
        for name in names:
            host.load(name)
    return Catalog(host)


def clear_cache() -> None:
    """Forget the catalogs built so far (the next request reads the plugins' notices again)."""
    _cached.cache_clear()


def for_region(region: str) -> Catalog:
    """A catalog for one region (code, slug or name), importing only the plugins its lineage needs.

    A city falls back to its province and a province to the national baseline. A
    plugin is found by its entry-point name (the region's slug); when none matches,
    every installed plugin is loaded to find one that claims the region.
    """
    table = RegionTable(builtin_regions())
    target = table.resolve(region)
    available = {p.name: p for p in installed()}
    names = []
    for code in lineage(target.code):
        known = table.by_code.get(code)
        if known is not None and known.slug in available:
            names.append(known.slug)
    if not names and available:
        return load()
    return load(names)


def for_credit_code(code: str) -> Catalog:
    """A catalog for the region a 统一社会信用代码 was registered in."""
    why = credit_code.problem(code)
    if why:
        raise ProfileError(f"credit_code {code!r}: {why}")
    return for_region(credit_code.region_code(code))


def plugins() -> list[Installed]:
    """Installed plugins (from entry points, nothing imported)."""
    return installed()
