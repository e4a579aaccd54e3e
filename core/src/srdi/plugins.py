"""Finding, selecting and loading plugins.

Plugins are distributions exposing an entry point in the ``srdi.plugins`` group;
the entry point's name is the plugin's name and, for regional plugins, the slug of
the region it serves (``liaoning``), which lets srdi load the one plugin a region
needs without importing any other. The entry point names a module of hook
functions, or a package that declares its data in ``plugin.toml``
(:mod:`srdi.declared`). ``SRDI_LOAD_PLUGINS`` selects plugins by name
(comma-separated; empty means none). srdi's national baseline is a plugin too,
built in and always present.

A declared plugin's regions are read from its ``plugin.toml`` without importing it
(:func:`declared_by`): routing learns a city srdi does not list from the plugin that
declares it, and :func:`installed_claims` tells which installed plugin serves a region.
"""

from __future__ import annotations

import importlib
import os
import types
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy
from attrs import frozen

from . import hookspecs
from .declared import as_plugin, declared_regions, find_declaration
from .errors import PluginError, Problem, SrdiError, UnknownNameError, one_line, shown, suggest
from .i18n import t as message
from .regions import Region

GROUP = "srdi.plugins"
ENV_VAR = "SRDI_LOAD_PLUGINS"
BASELINE = "national"


class BrokenPluginWarning(UserWarning):
    """A plugin could not be loaded (its import or a hook failed); the other plugins were."""


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


def _unknown_selected(wanted: set[str], found: dict[str, Installed]) -> list[Problem]:
    """A name ``SRDI_LOAD_PLUGINS`` selects that no installed plugin has: a typo must not load nothing silently."""
    out = []
    for name in sorted(wanted - set(found) - {BASELINE}):
        have = message("list.sep").join(sorted(found)) or message("list.none")
        text = message("plugin.not_installed", name=shown(name), hint=suggest(name, found), have=have)
        out.append(Problem(text, key=ENV_VAR))
    return out


def installed(select: bool = True) -> list[Installed]:
    """Every plugin installed in this environment, honouring ``SRDI_LOAD_PLUGINS`` unless ``select`` is false.

    Nothing is imported. Two distributions declaring the same plugin name is an error.
    """
    wanted = selected_names() if select else None
    found: dict[str, Installed] = {}
    problems = []
    eps = list(metadata.entry_points(group=GROUP))
    counts: dict[str, int] = {}
    for ep in eps:
        counts[ep.name] = counts.get(ep.name, 0) + 1
    for ep in eps:
        if wanted is not None and ep.name not in wanted and counts[ep.name] == 1:
            # a plugin SRDI_LOAD_PLUGINS leaves out is known by name only: its metadata is not read
            found[ep.name] = Installed(ep.name, ep.value, "?", "?")
            continue
        distribution, version = _name_and_version(getattr(ep, "dist", None))
        info = Installed(ep.name, ep.value, distribution, version)
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
    if wanted is not None and wanted - set(found) - {BASELINE}:
        raise UnknownNameError(_unknown_selected(wanted, found))
    return [found[n] for n in sorted(found) if wanted is None or n in wanted]


#: (dist-info folder, its mtime and size) → (distribution name, version): each METADATA is parsed once.
_DISTRIBUTIONS: dict[tuple[str, int, int], tuple[str, str]] = {}


def _name_and_version(dist: Any) -> tuple[str, str]:
    """A distribution's name and version, from one reading of its metadata (a changed folder is read again)."""
    if dist is None:
        return "?", "?"
    folder = getattr(dist, "_path", None)
    memo = None
    if folder is not None:
        try:
            st = os.stat(folder)
            memo = (str(folder), st.st_mtime_ns, st.st_size)
        except OSError:
            memo = None
    if memo is not None and memo in _DISTRIBUTIONS:
        return _DISTRIBUTIONS[memo]
    meta = dist.metadata
    got = (str(meta["Name"]), str(meta["Version"]))
    if memo is not None:
        _DISTRIBUTIONS[memo] = got
    return got


#: (plugin.toml, its mtime and size) → its regions: each declaration is parsed once a process.
_DECLARED: dict[tuple[str, int, int], tuple[Region, ...]] = {}


def declared_by(plugin: Installed) -> tuple[Region, ...] | None:
    """The regions an installed plugin declares in its ``plugin.toml``, read without importing it.

    None for a plugin of hook functions (only its hooks tell its regions) and for one
    whose package or declaration cannot be read (loading it says why).
    """
    try:
        path = find_declaration(plugin.module.split(":")[0])
        if path is None:
            return None
        st = path.stat()
        memo = (str(path), st.st_mtime_ns, st.st_size)
        if memo not in _DECLARED:
            _DECLARED[memo] = declared_regions(path)
        return _DECLARED[memo]
    except (OSError, ValueError, SrdiError):  # unreadable, not UTF-8, or not a declaration: loading it says why
        return None


def installed_claims(plugins: Iterable[Installed] | None = None) -> dict[str, list[Installed]]:
    """Region code → the installed plugins claiming it (default: every installed plugin, selected or not).

    A declared plugin's claims are read from its ``plugin.toml``; only a plugin of
    hook functions is imported, to ask its ``srdi_register_regions``. A plugin that
    cannot be read or loaded claims nothing here (``srdi plugins`` says why).
    """
    out: dict[str, list[Installed]] = {}
    host: PluginHost | None = None
    for info in installed(select=False) if plugins is None else plugins:
        regions = declared_by(info)
        if regions is None:
            host = host or PluginHost()
            if host.try_load_installed(info) is None:
                continue
            regions = tuple(r for p, r in host.results("srdi_register_regions") if p.name == info.name)
        for code in dict.fromkeys(r.code for r in regions if r.claim):
            out.setdefault(code, []).append(info)
    return out


class PluginHost:
    """A pluggy manager with srdi's hooks, the baseline, and whichever plugins were loaded."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("srdi")
        self.pm.add_hookspecs(hookspecs)
        self.loaded: dict[str, Loaded] = {}
        self.broken: dict[str, str] = {}
        """Plugins set aside because importing them or one of their hooks failed, with why."""
        self.problems: dict[str, list[Problem]] = {}
        """The same plugins' problems, each naming the file, key or line where the failure did."""
        self.failed_hook: dict[str, str] = {}
        """The register hook whose records set each of them aside."""
        self._records: dict[str, list[tuple[Loaded, Any]]] = {}
        from . import baseline

        self.register(baseline, BASELINE, "srdi", _version("srdi"))

    def register(self, plugin: Any, name: str, distribution: str | None = None, version: str = "0") -> Loaded:
        """Register a plugin object (module or instance) under ``name``; check its hooks."""
        if name in self.loaded:
            raise PluginError(message("plugin.loaded_twice", name=repr(name), label=self.loaded[name].label))
        self.pm.register(plugin, name=name)
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=name)
            raise PluginError(message("plugin.bad_hooks", name=repr(name), why=exc)) from None
        hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or ()))
        info = Loaded(name, distribution or name, version, plugin, hooks)
        self.loaded[name] = info
        self._records.clear()
        return info

    def load(self, name: str, listed: Iterable[Installed] | None = None) -> Loaded:
        """Import and register the installed plugin ``name`` (idempotent).

        ``listed`` is what :func:`installed` gave, when the caller has it: it is not listed again.
        """
        if name in self.loaded:
            return self.loaded[name]
        available = {p.name: p for p in (installed() if listed is None else listed)}
        if name not in available:
            raise UnknownNameError(message("name.unknown_plugin", name=shown(name), hint=suggest(name, available)))
        return self.load_installed(available[name])

    def load_installed(self, info: Installed) -> Loaded:
        """Import and register an installed plugin known from its entry point, selected or not (idempotent)."""
        name = info.name
        if name in self.loaded:
            return self.loaded[name]
        try:
            module = importlib.import_module(info.module.split(":")[0])
        except Exception as exc:
            why = f"{type(exc).__name__}: {exc}"
            raise PluginError(
                message("plugin.import_failed", name=repr(name), dist=info.distribution, why=why)
            ) from exc
        # a package declaring itself in plugin.toml needs no hook functions of its own
        return self.register(as_plugin(module, info.distribution), name, info.distribution, info.version)

    def load_all(self, listed: Iterable[Installed] | None = None) -> None:
        """Import every installed, selected plugin; one that fails to import is set aside as broken.

        ``listed`` is what :func:`installed` gave, when the caller has it: it is not listed again.
        """
        infos = installed() if listed is None else list(listed)
        for info in infos:
            self.try_load(info.name, infos)

    def try_load(self, name: str, listed: Iterable[Installed] | None = None) -> Loaded | None:
        """Like :meth:`load`, but a plugin that fails to import is recorded in ``broken`` instead of raising."""
        try:
            return self.load(name, listed)
        except PluginError as exc:
            self._broken(name, exc)
            return None

    def try_load_installed(self, info: Installed) -> Loaded | None:
        """Like :meth:`load_installed`, but a plugin that fails to import is recorded in ``broken`` instead."""
        try:
            return self.load_installed(info)
        except PluginError as exc:
            self._broken(info.name, exc)
            return None

    def _broken(self, name: str, exc: PluginError) -> None:
        self.problems[name] = list(exc.problems)
        self.broken[name] = _why(exc.problems)

    def settle(self) -> dict[str, str]:
        """Call every register hook of every loaded plugin once; return the plugins set aside as broken.

        A plugin whose hook raises (or returns something other than records) is
        unregistered whole, so none of its records is used, and the others load. So
        is a plugin registering a name the baseline gave (a metric, a condition
        type…): the core's meaning stands for every other plugin.
        """
        for hook in sorted(n for n in dir(hookspecs) if n.startswith("srdi_register_")):
            self.results(hook)
        self._set_aside_core_names()
        return dict(self.broken)

    def _set_aside_core_names(self) -> None:
        for hook, (attr, what) in NAMED.items():
            core = {getattr(rec, attr) for p, rec in self.results(hook) if p.name == BASELINE}
            for plugin, rec in self.results(hook):
                key = getattr(rec, attr)
                if plugin.name != BASELINE and key in core and plugin.name not in self.broken:
                    why = message("plugin.core_name_taken", plugin=plugin.label, what=message(what), key=repr(key))
                    self.set_aside(plugin.name, hook, [Problem(why, file=_module_file(plugin))])

    def set_aside(self, name: str, hook: str, problems: list[Problem], why: str | None = None) -> None:
        """Unregister plugin ``name`` whole because of ``problems`` found in what its ``hook`` gave.

        ``why`` words the reason when it is not a failure of the hook (another plugin gives the same id).
        """
        info = self.loaded.pop(name)
        self.problems[name] = problems
        self.failed_hook[name] = hook
        self.broken[name] = why or message("plugin.hook_failed", plugin=info.label, hook=hook, why=_why(problems))
        self.pm.unregister(name=name)

    def results(self, hook: str) -> list[tuple[Loaded, Any]]:
        """Each loaded plugin's records for a register hook, in plugin-name order."""
        if hook not in self._records:
            caller = getattr(self.pm.hook, hook)
            out: list[tuple[Loaded, Any]] = []
            impls = {impl.plugin_name: impl for impl in caller.get_hookimpls()}
            for name in sorted(impls, key=lambda n: (n != BASELINE, n)):
                try:
                    records = impls[name].function()
                    if records is None:
                        continue
                    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
                        raise PluginError(message("plugin.not_records", hook=hook, kind=type(records).__name__))
                    got = list(records)
                except Exception as exc:
                    if name == BASELINE:
                        raise
                    self._set_aside(name, hook, exc)
                    continue
                out.extend((self.loaded[name], rec) for rec in got)
            self._records[hook] = out
        return [(p, rec) for p, rec in self._records[hook] if p.name not in self.broken]

    def _set_aside(self, name: str, hook: str, exc: Exception) -> None:
        if isinstance(exc, SrdiError) and exc.problems:
            problems = list(exc.problems)
        else:  # a bug in the hook: its type and words, where the plugin's code raised it
            file, line = _raised_at(exc)
            problems = [
                Problem(f"{type(exc).__name__}: {exc}", file=file or _module_file(self.loaded[name]), line=line)
            ]
        self.set_aside(name, hook, problems)


#: The register hooks whose records are named, the attribute naming them and what a record is (message code).
NAMED = {
    "srdi_register_metrics": ("key", "plugin.what.metric"),
    "srdi_register_condition_types": ("name", "plugin.what.condition_type"),
    "srdi_register_event_kinds": ("name", "plugin.what.event_kind"),
    "srdi_register_fund_components": ("name", "plugin.what.fund_component_kind"),
    "srdi_register_form_checks": ("name", "plugin.what.form_check"),
    "srdi_register_selection_rules": ("name", "plugin.what.selection_rule"),
}


def _why(problems: Iterable[Problem]) -> str:
    """Problems as one line of at most 300 characters, each with its file, line and key."""
    why = one_line("; ".join(str(p) for p in problems))
    return why if len(why) <= 300 else why[:299] + "…"


def _raised_at(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost frame of ``exc``'s traceback outside srdi and pluggy: the plugin's line that failed."""
    skip = (str(Path(__file__).parent), str(Path(pluggy.__file__).parent))
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        file = tb.tb_frame.f_code.co_filename
        if not file.startswith(skip):
            found = (file, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _module_file(plugin: Loaded) -> str | None:
    """The file of a plugin's hooks module, where a failure in its code is reported."""
    return getattr(plugin.module, "__file__", None)


def fields_file(plugin: Loaded) -> str | None:
    """Where a plugin's fields are written: the fields file a ``plugin.toml`` names, else its hooks module."""
    return getattr(plugin.module, "fields_path", None) or _module_file(plugin)


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
