"""Plugins declared as data: a ``plugin.toml`` in the package an entry point names.

A regional plugin that contributes notices, their texts, its own profile fields and
its regions needs no Python. Its entry point names its package
(``zhejiang = "srdi_zhejiang"``) and the package holds ``plugin.toml``::

    [plugin]
    notices = "notices"  # folder of notice files (the default)
    fields = "fields.toml"  # the plugin's own profile fields (optional)
    # hooks = "srdi_zhejiang.hooks"  # a module whose @hookimpl functions add what data cannot say

    [[regions]]
    code = "330000"
    name = "浙江省"
    slug = "zhejiang"

srdi turns the declaration into the ``srdi_register_regions``, ``…_notices`` and
``…_fields`` hooks; a ``hooks`` module adds the others (metrics, condition types,
event kinds, fund components, form checks, selection rules). A package without a
``plugin.toml`` is a plugin of hook functions, as before.

Because a declared plugin's regions are all in its ``plugin.toml`` (a hooks module
may not add any), srdi can learn them before loading anything:
:func:`find_declaration` finds the file without running the package, so a region only
a plugin declares is known by its code, slug and name before routing imports it.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import Any, Literal

from attrs import frozen

from ._convert import converter, problems_from
from .errors import PluginError, Problem, syntax_reason
from .hookspecs import hookimpl
from .i18n import t as message
from .regions import Level, Region
from .vocabulary import FieldSpec, load_fields

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PLUGIN_FILE = "plugin.toml"
#: The hooks a declaration supplies; a hooks module may not implement them as well.
DECLARED_HOOKS = ("srdi_register_regions", "srdi_register_notices", "srdi_register_fields")


@frozen
class RegionDecl:
    """A region as ``plugin.toml`` declares it (see :class:`srdi.regions.Region`)."""

    code: str
    name: str
    slug: str
    level: Level = "province"
    parent: str | None = None
    claim: bool = True


@frozen
class PluginDecl:
    """The ``[plugin]`` table: where the notices and fields are, and which module adds hooks."""

    notices: str = "notices"
    fields: str | None = None
    hooks: str | None = None
    description: str | None = None


@frozen
class Declaration:
    """A whole ``plugin.toml``."""

    plugin: PluginDecl = PluginDecl()
    regions: tuple[RegionDecl, ...] = ()
    format: Literal[1] = 1


def package_dirs(module: types.ModuleType) -> list[Path]:
    """The folders of a package, regular or namespace (a data-only plugin has no ``__init__.py``)."""
    return [Path(p) for p in getattr(module, "__path__", [])]


def declaration_file(module: types.ModuleType) -> Path | None:
    """The package's ``plugin.toml``, when it has one."""
    for folder in package_dirs(module):
        if (folder / PLUGIN_FILE).is_file():
            return folder / PLUGIN_FILE
    return None


def find_declaration(module: str) -> Path | None:
    """The ``plugin.toml`` of the package ``module`` names, found without importing it or its parents.

    None when the package has none (a plugin of hook functions) or cannot be found:
    loading it then says why.
    """
    spec = _find_spec(module)
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        if (Path(folder) / PLUGIN_FILE).is_file():
            return Path(folder) / PLUGIN_FILE
    return None


def _find_spec(module: str) -> ModuleSpec | None:
    """``module``'s spec, from the finders an import asks, level by level, running none of the modules.

    ``importlib.util.find_spec`` would import the parents of a dotted name, running
    their code; a plugin's package is only looked at here.
    """
    spec: ModuleSpec | None = None
    path: Iterable[str] | None = None
    parts = module.split(".")
    for i in range(len(parts)):
        name = ".".join(parts[: i + 1])
        found = sys.modules.get(name)
        spec = getattr(found, "__spec__", None) if found is not None else None
        if spec is None:
            spec = next((s for finder in sys.meta_path if (s := _ask(finder, name, path)) is not None), None)
        if spec is None:
            return None
        path = spec.submodule_search_locations
        if path is None and i < len(parts) - 1:
            return None  # a module, not a package: nothing can be below it
    return spec


def _ask(finder: Any, name: str, path: Iterable[str] | None) -> ModuleSpec | None:
    find = getattr(finder, "find_spec", None)
    if find is None:
        return None
    try:
        spec = find(name, None if path is None else list(path))
    except Exception:  # a finder that fails on a name is no answer: loading the plugin reports it
        return None
    return spec if isinstance(spec, ModuleSpec) else None


def declared_regions(path: Path) -> tuple[Region, ...]:
    """The regions a ``plugin.toml`` declares, claimed or only named, in its order (see :func:`read_declaration`)."""
    return tuple(Region(r.code, r.name, r.slug, r.level, r.parent, r.claim) for r in read_declaration(path).regions)


def read_declaration(path: Path) -> Declaration:
    """Parse a ``plugin.toml``; every problem names the file and key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PluginError(Problem(message("input.bad_toml", why=syntax_reason(exc)), file=str(path))) from None
    try:
        decl: Declaration = converter.structure(raw, Declaration)
    except Exception as exc:
        raise PluginError(problems_from(exc, str(path))) from None
    problems = []
    for i, r in enumerate(decl.regions):
        try:
            Region(r.code, r.name, r.slug, r.level, r.parent, r.claim)
        except ValueError as exc:
            problems.append(Problem(str(exc), file=str(path), key=f"regions[{i}].code"))
    if problems:
        raise PluginError(problems)
    return decl


def declared_plugin(module: types.ModuleType, distribution: str) -> types.ModuleType | None:
    """The plugin object for a package that declares itself in ``plugin.toml``; None when it does not.

    The object carries the declared hooks and those of the ``hooks`` module, each
    with a docstring; a hook both declared and implemented in the module is an
    error naming both.
    """
    path = declaration_file(module)
    if path is None:
        return None
    decl = read_declaration(path)
    folder = path.parent
    hooks: dict[str, Callable[[], Any]] = {}

    regions = [Region(r.code, r.name, r.slug, r.level, r.parent, r.claim) for r in decl.regions]

    def srdi_register_regions() -> Iterable[Region]:
        return list(regions)

    srdi_register_regions.__doc__ = f"Regions declared in {PLUGIN_FILE}: " + (
        "、".join(r.name for r in regions) or "none"
    )
    hooks["srdi_register_regions"] = srdi_register_regions

    notices = folder / decl.plugin.notices

    def srdi_register_notices() -> Iterable[Path]:
        if not notices.is_dir():
            raise PluginError(
                Problem(
                    message("plugin.no_notices_folder", name=repr(decl.plugin.notices)),
                    file=str(path),
                    key="plugin.notices",
                )
            )
        return sorted(p for p in notices.iterdir() if p.name.endswith(".toml"))

    srdi_register_notices.__doc__ = f"The notice files in {decl.plugin.notices}/ ({PLUGIN_FILE})."
    hooks["srdi_register_notices"] = srdi_register_notices

    if decl.plugin.fields is not None:
        fields_file = folder / decl.plugin.fields

        def srdi_register_fields() -> Iterable[FieldSpec]:
            if not fields_file.is_file():
                raise PluginError(
                    Problem(
                        message("plugin.no_fields_file", name=repr(decl.plugin.fields)),
                        file=str(path),
                        key="plugin.fields",
                    )
                )
            return load_fields(fields_file, origin=distribution)

        srdi_register_fields.__doc__ = f"The plugin's own profile fields, from {decl.plugin.fields} ({PLUGIN_FILE})."
        hooks["srdi_register_fields"] = srdi_register_fields

    if decl.plugin.hooks is not None:
        import importlib

        try:
            extra = importlib.import_module(decl.plugin.hooks)
        except Exception as exc:
            raise PluginError(
                Problem(
                    message(
                        "plugin.hooks_import_failed", module=repr(decl.plugin.hooks), why=f"{type(exc).__name__}: {exc}"
                    ),
                    file=str(path),
                    key="plugin.hooks",
                )
            ) from exc
        for attr in dir(extra):
            if not attr.startswith("srdi_") or not callable(getattr(extra, attr)):
                continue
            if attr in hooks:
                raise PluginError(
                    Problem(
                        message("plugin.hook_declared_twice", hook=attr, module=decl.plugin.hooks),
                        file=str(path),
                        key="plugin.hooks",
                    )
                )
            hooks[attr] = getattr(extra, attr)

    plugin = types.ModuleType(f"{module.__name__}:{PLUGIN_FILE}", decl.plugin.description)
    plugin.__file__ = str(path)
    if decl.plugin.fields is not None:
        plugin.fields_path = str(folder / decl.plugin.fields)  # type: ignore[attr-defined]  # where its fields are checked
    for hook, fn in hooks.items():
        # a hooks module's functions are marked already (perhaps with options); keep them as they are
        setattr(plugin, hook, fn if hasattr(fn, "srdi_impl") else hookimpl(fn))
    return plugin


def as_plugin(module: types.ModuleType, distribution: str) -> types.ModuleType:
    """What to register for the module an entry point names: its declaration, or the module itself."""
    return declared_plugin(module, distribution) or module
