"""Two plugins giving the same thing: which one keeps it, and the other set aside.

A region claim, a registered name (a metric, a condition type…), a notice id or a
program id that two plugins give would make every answer depend on which of them
srdi read last. One team's mistake should not stop every other plugin either, so
the plugin that can be told to own the thing keeps it, and the other is set aside
whole, as a plugin whose hook raised: ``srdi plugins`` and ``Catalog.broken`` say
why, naming both.

Who owns a thing, in order:

1. the national baseline;
2. for a namespaced name (``liaoning.little-giant-2022``), the plugin it is named after;
3. for a region claim, the plugin named after that region;
4. the plugin named after a region of the higher level (a province over its city:
   a city's plugin builds on its province's, and copying an id from it is the
   likelier mistake), then any plugin named after a region over one named after none.

Where none of these tells two plugins apart, both are set aside: srdi does not pick
one at random. A plugin that gives the same notice or program id twice itself is
set aside too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import NoticeError, PluginError, Problem
from .i18n import t as message
from .plugins import BASELINE, NAMED, Loaded, PluginHost
from .regions import RegionTable, builtin_regions

if TYPE_CHECKING:
    from .notices.model import NoticeFile

#: Region levels, highest first: a plugin named after a higher one keeps a thing it shares with a lower one.
LEVELS = ("national", "province", "city", "district", "zone")
REGIONS = "srdi_register_regions"
NOTICES = "srdi_register_notices"
FIELDS = "srdi_register_fields"


def settle_names(host: PluginHost) -> None:
    """Set aside the plugins losing a clash over a registered name or a region claim (see the module)."""
    for hook, (attr, what) in {FIELDS: ("key", "clash.field"), **NAMED}.items():
        given: dict[str, list[Loaded]] = {}
        twice: dict[str, list[Problem]] = {}
        for plugin, rec in host.results(hook):
            key = getattr(rec, attr)
            if plugin in given.get(key, ()):
                why = message("clash.name_twice", plugin=plugin.label, what=message(what), key=repr(key))
                twice.setdefault(plugin.name, []).append(Problem(why))
            _add(given, key, plugin)
        _set_aside_twice(host, hook, twice)
        _settle(host, hook, message(what), given, namespaced=True)
    claims: dict[str, list[Loaded]] = {}
    for plugin, region in host.results(REGIONS):
        if plugin.name != BASELINE and region.claim:
            _add(claims, region.code, plugin)
    _settle(host, REGIONS, message("clash.region"), claims, owners=_slugs())


def settle_notices(host: PluginHost, found: Mapping[str, list[NoticeFile]]) -> None:
    """Set aside the plugins losing a clash over a notice id or a program id, or giving one twice themselves."""
    notices: dict[str, list[Loaded]] = {}
    programs: dict[str, list[Loaded]] = {}
    twice: dict[str, list[Problem]] = {}
    for name, files in found.items():
        if name in host.broken:
            continue
        plugin = host.loaded[name]
        own: set[tuple[str, str]] = set()
        for nf in files:
            ids = [("notice", nf.spec.notice.id)] + [("program", p.id) for p in nf.spec.programs]
            for kind, key in ids:
                if (kind, key) in own:
                    why = message(f"clash.{kind}_twice", plugin=plugin.label, key=repr(key))
                    twice.setdefault(name, []).append(Problem(why, file=nf.path))
                own.add((kind, key))
                _add(notices if kind == "notice" else programs, key, plugin)
    _set_aside_twice(host, NOTICES, twice)
    _settle(host, NOTICES, message("clash.notice"), notices)
    _settle(host, NOTICES, message("clash.program"), programs, namespaced=True)


def _set_aside_twice(host: PluginHost, hook: str, twice: Mapping[str, list[Problem]]) -> None:
    """Set aside each plugin giving one name or id twice itself (the baseline doing so is srdi's own error)."""
    for name, problems in twice.items():
        if name == BASELINE:
            raise NoticeError(problems) if hook == NOTICES else PluginError(problems)
        host.set_aside(name, hook, problems)


def _add(given: dict[str, list[Loaded]], key: str, plugin: Loaded) -> None:
    if plugin not in given.setdefault(key, []):
        given[key].append(plugin)


@functools.cache
def _slugs() -> dict[str, str]:
    return {r.code: r.slug for r in builtin_regions()}


@functools.cache
def _regions() -> RegionTable:
    return RegionTable(builtin_regions())


def _settle(
    host: PluginHost,
    hook: str,
    what: str,
    given: Mapping[str, list[Loaded]],
    namespaced: bool = False,
    owners: Mapping[str, str] | None = None,
) -> None:
    for key, plugins in given.items():
        plugins = [p for p in plugins if p.name not in host.broken]
        if len(plugins) < 2:
            continue
        owner = key.split(".", 1)[0] if namespaced and "." in key else (owners or {}).get(key)
        kept = _keeper(plugins, owner, _regions())
        for plugin in plugins:
            if plugin is kept:
                continue
            others = message("list.sep").join(p.label for p in plugins if p is not plugin)
            if kept is None:
                why = message("clash.both", what=what, key=repr(key), plugin=plugin.label, others=others)
            else:
                why = message("clash.kept", what=what, key=repr(key), plugin=plugin.label, kept=kept.label)
            host.set_aside(plugin.name, hook, [Problem(why)], why)


def _keeper(plugins: Iterable[Loaded], owner: str | None, regions: RegionTable) -> Loaded | None:
    """The one plugin of ``plugins`` that owns the thing they all give, or None when none can be told apart."""
    plugins = list(plugins)
    for named in (BASELINE, owner):
        chosen = [p for p in plugins if p.name == named]
        if len(chosen) == 1:
            return chosen[0]
    ranks = {p.name: _rank(p.name, regions) for p in plugins}
    best = min(ranks.values())
    chosen = [p for p in plugins if ranks[p.name] == best]
    return chosen[0] if len(chosen) == 1 else None


def _rank(name: str, regions: RegionTable) -> int:
    """How high the region a plugin is named after stands (lower is higher); past every level when it names none."""
    levels = [LEVELS.index(r.level) for r in regions.by_code.values() if r.slug == name and r.level in LEVELS]
    return min(levels, default=len(LEVELS))
