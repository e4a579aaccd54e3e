"""Loading catalogs for integrators: everything, chosen plugins, or just what a region or program needs.

A catalog is built once per selection of plugins and kept for the rest of the process:
asking again for the same region, program or plugins returns the same catalog, as long
as the installed plugins and ``SRDI_LOAD_PLUGINS`` are unchanged (:func:`clear_cache`
forgets them).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .arguments import as_names, as_text
from .errors import PluginError, Problem, ProfileError, UnknownNameError
from .i18n import language
from .i18n import t as message
from .plugins import BASELINE, BrokenPluginWarning, Installed, PluginHost, declared_by, installed
from .profile import credit_code
from .regions import Region, RegionTable, builtin_regions, lineage

if TYPE_CHECKING:
    from .catalog import Catalog


def load(plugins: Iterable[str] | str | None = None) -> Catalog:
    """A catalog with the baseline and the given plugins (default: every installed, selected plugin).

    ``plugins`` is one plugin name or several. A plugin that cannot be loaded is an
    error when named, and a :class:`~srdi.plugins.BrokenPluginWarning` (the others
    load) when it is merely installed.
    """
    names = None if plugins is None else tuple(as_names(plugins, "plugins"))
    return _kept(("load", names), tuple(installed()))


def for_region(region: str) -> Catalog:
    """A catalog for one region (code, slug or name), importing only the plugins its lineage needs.

    A city falls back to its province and a province to the national baseline. A
    plugin is found by its entry-point name (the region's slug). Besides the regions
    srdi lists, ``region`` may name one an installed plugin declares in its
    ``plugin.toml`` (a city srdi does not list).
    """
    return for_programs((), as_text(region, "region", message("argument.region_example")))


class Route(NamedTuple):
    """The plugins a question needs: ``needed`` must load; ``extra`` load if they can (their claims matter)."""

    needed: tuple[str, ...]
    extra: tuple[str, ...] = ()


def route(programs: Iterable[str] | str = (), region: str | None = None) -> Route | None:
    """Which plugins a region's lineage and the named programs need; None means every installed plugin.

    The lineage's plugins are those named after the region and each region above it
    (a district → its city → its province); a program's plugin is the one its id
    starts with (``liaoning.little-giant-2022`` → ``liaoning``). A region srdi does
    not list is known from the ``plugin.toml`` of a plugin declaring it, read without
    importing the plugin, so its code, slug and name resolve as a listed region's do.
    Of the plugins named after no region srdi lists, one declaring a claim on a region
    of the lineage is needed when named after that region's slug, and ``extra``
    otherwise (a second plugin claiming a region: the catalog refuses it as ``srdi
    plugins`` does); one of hook functions is ``extra`` whatever the region, as only
    its hooks tell which regions it claims. A program id naming no installed plugin
    routes to every plugin, so the error can suggest the closest id.
    """
    return _route(programs, region, tuple(installed()))


def _route(programs: Iterable[str] | str, region: str | None, installed_now: tuple[Installed, ...]) -> Route | None:
    available = {p.name: p for p in installed_now}
    listed = {r.code: r.slug for r in builtin_regions()}
    # a plugin named after a listed region serves it; the others' declarations say where they route
    named = set(listed.values())
    declared = {n: declared_by(p) for n, p in available.items() if n not in named}
    needed: set[str] = set()
    extra = {n for n, regions in declared.items() if regions is None}
    if region is not None:
        target = _resolve(region, available, declared)
        for code in lineage(target.code):
            if listed.get(code) in available:
                needed.add(listed[code])
            for name, regions in declared.items():
                claims = [r for r in regions or () if r.code == code and r.claim]
                if claims:
                    own = code not in listed and any(r.slug == name for r in claims)
                    (needed if own else extra).add(name)
    prefixes = {pid.split(".", 1)[0] for pid in as_names(programs, "programs")}
    if not prefixes <= set(available) | {BASELINE}:
        return None
    needed |= prefixes - {BASELINE}
    return Route(tuple(sorted(needed)), tuple(sorted(extra - needed)))


def _resolve(region: str, available: dict[str, Installed], declared: dict[str, tuple[Region, ...] | None]) -> Region:
    """``region`` among the listed regions and those ``declared`` names; failing that, every installed plugin's.

    The plugins named after a listed region are read only for a name nothing else
    knows (a city their plugin.toml names): a credit code's region never needs them.
    ``declared`` gains what was read. The table is built once and those plugins' regions
    are added after the others' (a code both claim, which a catalog refuses as a clash,
    resolves to theirs).
    """
    table = RegionTable(builtin_regions())
    _add_declared(table, declared)
    try:
        return table.resolve(region)
    except UnknownNameError:
        if set(declared) == set(available):
            raise
    # the table is built once: the declarations read now are added to it
    rest = {n: declared_by(p) for n, p in available.items() if n not in declared}
    declared.update(rest)
    _add_declared(table, rest)
    return table.resolve(region)


def _add_declared(table: RegionTable, declared: dict[str, tuple[Region, ...] | None]) -> None:
    """Add the declared regions to ``table`` by plugin name, as a catalog of these plugins would hold them.

    A region a plugin claims replaces one the table has; one it only names (``claim =
    false``) is added where the table has none of that code.
    """
    for name in sorted(declared):
        for r in declared[name] or ():
            if r.claim or r.code not in table.by_code:
                table.add(r)


def load_route(chosen: Route | None) -> Catalog:
    """The catalog of a :func:`route` (None: every installed plugin)."""
    return _load_route(chosen, tuple(installed()))


def _load_route(chosen: Route | None, available: tuple[Installed, ...]) -> Catalog:
    if chosen is None:
        return load()
    return _kept(("route", chosen.needed, chosen.extra), available)


def for_programs(programs: Iterable[str] | str = (), region: str | None = None) -> Catalog:
    """A catalog with the plugins a region's lineage and the named programs need, and no others (see :func:`route`)."""
    # the installed plugins are listed once for both the route and the catalog: a scan of every distribution
    available = tuple(installed())
    return _load_route(_route(programs, region, available), available)


def for_credit_code(code: str) -> Catalog:
    """A catalog for the region a 统一社会信用代码 was registered in."""
    code = as_text(code, "credit_code", '"91210100MA0YK3N252"')
    why = credit_code.problem(code)
    if why:
        raise ProfileError(message("name.credit_code", code=repr(code), why=why))
    return for_region(credit_code.region_code(code))


def plugins() -> list[Installed]:
    """Installed plugins (from entry points, nothing imported)."""
    return installed()


def clear_cache() -> None:
    """Forget the catalogs built so far (the next request reads the plugins' notices again)."""
    _built.cache_clear()


def _kept(selection: tuple[object, ...], available: tuple[Installed, ...]) -> Catalog:
    """The catalog of a selection, built once per language; its broken plugins are reported on every request.

    What a catalog words while it is built (a broken plugin's reason, a criterion's
    threshold) is in the language of that moment, so a process speaking both keeps one
    catalog for each.
    """
    cat = _built((*selection, language()), available)
    for name, why in sorted(cat.broken.items()):
        warnings.warn(BrokenPluginWarning(message("plugin.broken_skipped", name=name, why=why)), stacklevel=3)
    return cat


@functools.lru_cache(maxsize=16)
def _built(selection: tuple[object, ...], available: tuple[Installed, ...]) -> Catalog:
    """The catalog of a selection (``available``, what is installed and selected, is part of the key).

    A broken plugin is an error when the selection names it.
    """
    from .catalog import Catalog

    host = PluginHost()
    needed: set[str] = set()
    if selection[0] == "load":
        names = selection[1]
        if names is None:
            host.load_all(available)
        else:
            assert isinstance(names, tuple)
            needed = set(names)
            for name in names:
                host.load(name, available)
    else:
        needed_names, extra = selection[1], selection[2]
        assert isinstance(needed_names, tuple) and isinstance(extra, tuple)
        needed = set(needed_names)
        for name in needed_names:
            host.load(name, available)
        for name in extra:
            host.try_load(name, available)
    cat = Catalog(host)
    fatal = [Problem(message("plugin.broken", name=n, why=why)) for n, why in sorted(cat.broken.items()) if n in needed]
    if fatal:
        raise PluginError(fatal)
    return cat
