"""Catalogs built once per plugin set and language, and shared by every request of a process.

A catalog is immutable once built (its compiled-program cache only ever gains
entries), so requests share it without locking; building is guarded so that two
requests for a new region build its catalog once. What a catalog words while it is
built (a set-aside plugin's reason) is in the language of that moment, so a request
asking for the other language (``Accept-Language``) has a catalog of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .. import api
from ..catalog import Catalog
from ..i18n import language
from ..plugins import Installed

#: A built catalog's key: the plugins it routes to (None: every plugin) and its language.
Key = tuple[api.Route | None, str]

#: Region names remembered per process (each maps to a plugin list; bounded against arbitrary input).
REGION_MEMO = 4096


class NotBuilt(LookupError):
    """A catalog that a :meth:`Catalogs.built_only` view was asked for has not been built yet."""


class Catalogs:
    """A :class:`srdi.routing.Loader` that keeps every catalog it builds."""

    def __init__(self) -> None:
        self._built: dict[Key, Catalog] = {}
        self._building: dict[Key, threading.Lock] = {}
        self._guard = threading.Lock()
        self._installed: list[Installed] | None = None
        self._routes: dict[tuple[tuple[str, ...], str | None], api.Route | None] = {}

    def plugins(self) -> list[Installed]:
        """Installed, selected plugins (read once)."""
        if self._installed is None:
            self._installed = api.plugins()
        return list(self._installed)

    def load(self, plugins: Iterable[str] | None = None) -> Catalog:
        """The catalog of the baseline and ``plugins`` (None: every selected plugin), built on first use."""
        return self._build(None if plugins is None else api.Route(tuple(sorted(set(plugins)))))

    def _build(self, route: api.Route | None) -> Catalog:
        key = (route, language())
        found = self._built.get(key)
        if found is not None:
            return found
        with self._guard:
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            found = self._built.get(key)
            if found is None:
                found = api.load_route(route)
                self._built[key] = found
        return found

    def for_region(self, region: str) -> Catalog:
        """The catalog of a region's lineage (code, slug or name)."""
        return self.for_programs((), region)

    def for_programs(self, programs: Iterable[str] = (), region: str | None = None) -> Catalog:
        """The catalog of a region's lineage and the named programs' plugins, built on first use."""
        ask = (tuple(programs), region)
        if ask in self._routes:
            chosen = self._routes[ask]
        else:
            chosen = api.route(ask[0], region)
            if len(self._routes) < REGION_MEMO:
                self._routes[ask] = chosen
        return self._build(chosen)

    def built_only(self) -> BuiltOnly:
        """A loader over the catalogs already built, raising :class:`NotBuilt` for any other."""
        return BuiltOnly(self)

    def built(self) -> list[tuple[str, ...] | None]:
        """The plugin sets whose catalogs are built (None: every plugin), each once whatever its languages."""
        routes = dict.fromkeys(route for route, _ in self._built)
        return [None if k is None else k.needed + k.extra for k in routes]


class BuiltOnly:
    """A loader that never builds: answers that need only built catalogs run without leaving the event loop."""

    def __init__(self, catalogs: Catalogs) -> None:
        self._catalogs = catalogs

    def plugins(self) -> list[Installed]:
        """Installed plugins, once read."""
        if self._catalogs._installed is None:
            raise NotBuilt("plugins")
        return self._catalogs.plugins()

    def load(self, plugins: Iterable[str] | None = None) -> Catalog:
        """A built catalog, or :class:`NotBuilt`."""
        return self._found(None if plugins is None else api.Route(tuple(sorted(set(plugins)))))

    def for_region(self, region: str) -> Catalog:
        """A built catalog of a region already seen, or :class:`NotBuilt`."""
        return self.for_programs((), region)

    def for_programs(self, programs: Iterable[str] = (), region: str | None = None) -> Catalog:
        """A built catalog of a question already seen, or :class:`NotBuilt`."""
        ask = (tuple(programs), region)
        if ask not in self._catalogs._routes:
            raise NotBuilt(ask)
        return self._found(self._catalogs._routes[ask])

    def _found(self, route: api.Route | None) -> Catalog:
        found = self._catalogs._built.get((route, language()))
        if found is None:
            raise NotBuilt(route)
        return found
