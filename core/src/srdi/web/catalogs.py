"""Catalogs built once per plugin set and shared by every request of a process.

A catalog is immutable once built (its compiled-program cache only ever gains
entries), so requests share it without locking; building is guarded so that two
requests for a new region build its catalog once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .. import api
from ..catalog import Catalog
from ..plugins import Installed

#: Region names remembered per process (each maps to a plugin list; bounded against arbitrary input).
REGION_MEMO = 4096


class NotBuilt(LookupError):
    """A catalog that a :meth:`Catalogs.built_only` view was asked for has not been built yet."""


class Catalogs:
    """A :class:`srdi.routing.Loader` that keeps every catalog it builds."""

    def __init__(self) -> None:
        self._built: dict[tuple[str, ...] | None, Catalog] = {}
        self._building: dict[tuple[str, ...] | None, threading.Lock] = {}
        self._guard = threading.Lock()
        self._installed: list[Installed] | None = None
        self._regions: dict[str, tuple[str, ...] | None] = {}

    def plugins(self) -> list[Installed]:
        """Installed, selected plugins (read once)."""
        if self._installed is None:
            self._installed = api.plugins()
        return list(self._installed)

    def load(self, plugins: Iterable[str] | None = None) -> Catalog:
        """The catalog of the baseline and ``plugins`` (None: every selected plugin), built on first use."""
        key = None if plugins is None else tuple(sorted(set(plugins)))
        found = self._built.get(key)
        if found is not None:
            return found
        with self._guard:
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            found = self._built.get(key)
            if found is None:
                found = api.load(None if key is None else list(key))
                self._built[key] = found
        return found

    def for_region(self, region: str) -> Catalog:
        """The catalog of a region's lineage (code, slug or name)."""
        if region in self._regions:
            key = self._regions[region]
        else:
            names = api.plugins_for_region(region)
            key = None if names is None else tuple(names)
            if len(self._regions) < REGION_MEMO:
                self._regions[region] = key
        return self.load(key)

    def built_only(self) -> BuiltOnly:
        """A loader over the catalogs already built, raising :class:`NotBuilt` for any other."""
        return BuiltOnly(self)

    def built(self) -> list[tuple[str, ...] | None]:
        """The plugin sets whose catalogs are built (None: every plugin)."""
        return list(self._built)


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
        key = None if plugins is None else tuple(sorted(set(plugins)))
        found = self._catalogs._built.get(key)
        if found is None:
            raise NotBuilt(key)
        return found

    def for_region(self, region: str) -> Catalog:
        """A built catalog of a region already seen, or :class:`NotBuilt`."""
        if region not in self._catalogs._regions:
            raise NotBuilt(region)
        return self.load(self._catalogs._regions[region])
