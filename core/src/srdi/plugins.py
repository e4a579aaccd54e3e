"""Finding, selecting and loading plugins.

Plugins are distributions exposing an entry point in the ``srdi.plugins`` group;
the entry point's name is the plugin's name and, for regional plugins, the slug of
the region it serves (``liaoning``), which lets srdi load the one plugin a region
needs without importing any other. The entry point names a module of hook
functions, or a package that declares its data in ``plugin.toml``
(:mod:`srdi.declared`). ``SRDI_LOAD_PLUGINS`` selects plugins by name
(comma-separated; empty means none). srdi's national baseline is a plugin too,
built in and always present.
"""

from __future__ import annotations

import importlib
import os
import types
from collections.abc import Iterable
from importlib import metadata
from typing import Any

import pluggy
from attrs import frozen

from . import hookspecs
from .declared import as_plugin
from .errors import PluginError, Problem, UnknownNameError, suggest

GROUP = "srdi.plugins"
ENV_VAR = "SRDI_LOAD_PLUGINS"
BASELINE = "national"


@frozen
class Installed:
    """An installed plugin known from its entry point (not imported)."""

    name: str
    module: str
    distribution: str
    version: str


@frozen
class Loaded:
    """A plugin registered with the host."""

    name: str
    distribution: str
    version: str
    module: Any
    hooks: tuple[str, ...]

    @property
    def label(self) -> str:
        """``distribution@version``, as origins print it."""
        return f"{self.distribution}@{self.version}"


def selected_names() -> set[str] | None:
    """Plugin names ``SRDI_LOAD_PLUGINS`` selects; None when it is unset (all plugins)."""
    raw = os.environ.get(ENV_VAR)
    if raw is None:
        return None
    return {n.strip() for n in raw.split(",") if n.strip()}


def installed() -> list[Installed]:
    """Every plugin installed in this environment, honouring ``SRDI_LOAD_PLUGINS``.

    Nothing is imported. Two distributions declaring the same plugin name is an error.
    """
    wanted = selected_names()
    found: dict[str, Installed] = {}
    problems = []
    for ep in metadata.entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        info = Installed(ep.name, ep.value, dist.name if dist else "?", dist.version if dist else "?")
        if ep.name in found and found[ep.name].distribution != info.distribution:
            problems.append(
                Problem(
                    f"plugin name {ep.name!r} is declared by both {found[ep.name].distribution} "
                    f"and {info.distribution}; uninstall one"
                )
            )
            continue
        found[ep.name] = info
    if problems:
        raise PluginError(problems)
    return [found[n] for n in sorted(found) if wanted is None or n in wanted]


class PluginHost:
    """A pluggy manager with srdi's hooks, the baseline, and whichever plugins were loaded."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("srdi")
        self.pm.add_hookspecs(hookspecs)
        self.loaded: dict[str, Loaded] = {}
        from . import baseline

        self.register(baseline, BASELINE, "srdi", _version("srdi"))

    def register(self, plugin: Any, name: str, distribution: str | None = None, version: str = "0") -> Loaded:
        """Register a plugin object (module or instance) under ``name``; check its hooks."""
        if name in self.loaded:
            raise PluginError(f"a plugin named {name!r} is already loaded ({self.loaded[name].label})")
        self.pm.register(plugin, name=name)
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=name)
            raise PluginError(f"plugin {name!r}: {exc}") from None
        hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or ()))
        info = Loaded(name, distribution or name, version, plugin, hooks)
        self.loaded[name] = info
        return info

    def load(self, name: str) -> Loaded:
        """Import and register the installed plugin ``name`` (idempotent)."""
        if name in self.loaded:
            return self.loaded[name]
        available = {p.name: p for p in installed()}
        if name not in available:
            raise UnknownNameError(f"no plugin named {name!r} is installed or selected{suggest(name, available)}")
        info = available[name]
        try:
            module = importlib.import_module(info.module.split(":")[0])
        except Exception as exc:
            raise PluginError(f"plugin {name!r} ({info.distribution}) failed to import: {exc}") from exc
        # a package declaring itself in plugin.toml needs no hook functions of its own
        return self.register(as_plugin(module, info.distribution), name, info.distribution, info.version)

    def load_all(self) -> None:
        """Import every installed, selected plugin."""
        for info in installed():
            self.load(info.name)

    def results(self, hook: str) -> list[tuple[Loaded, Any]]:
        """Each loaded plugin's records for a register hook, in plugin-name order."""
        caller = getattr(self.pm.hook, hook)
        out = []
        impls = {impl.plugin_name: impl for impl in caller.get_hookimpls()}
        for name in sorted(impls, key=lambda n: (n != BASELINE, n)):
            records = impls[name].function()
            if records is None:
                continue
            if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
                raise PluginError(f"plugin {name!r}: {hook} must return an iterable of records")
            for rec in records:
                out.append((self.loaded[name], rec))
        return out


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "0+local"


def module_plugin(name: str, **hooks: Any) -> types.ModuleType:
    """A plugin object from plain functions, e.g. ``module_plugin("demo", srdi_register_notices=f)``.

    Handy for tests and throwaway plugins: every function must be a known hook.
    """
    mod = types.ModuleType(name)
    for hook, fn in hooks.items():
        setattr(mod, hook, hookspecs.hookimpl(fn))
    return mod
