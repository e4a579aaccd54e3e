"""Helpers for tests of srdi and of plugins: throwaway notices and catalogs."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

from ..catalog import Catalog
from ..errors import NoticeError, PluginError
from ..plugins import PluginHost, module_plugin


def write_notice(folder: Path, name: str, toml: str, text: str) -> Path:
    """Write ``name.toml`` and its text ``name.txt`` into ``folder``; return the notice path.

    The word ``TEXTFILE`` in ``toml`` is replaced by the text's file name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{name}.toml"
    path.write_text(textwrap.dedent(toml).replace("TEXTFILE", f"{name}.txt"), encoding="utf-8")
    return path


def catalog_with(paths: Iterable[Path], name: str = "demo", plugins: Iterable[str] = ()) -> Catalog:
    """A catalog of the baseline, installed ``plugins``, and a throwaway plugin registering ``paths``.

    The throwaway plugin is what the caller tests: where a catalog would set it aside
    (a notice that does not load), its problems are raised instead, as
    :class:`~srdi.errors.NoticeError`.
    """
    host = PluginHost()
    for p in plugins:
        host.load(p)
    files = list(paths)
    host.register(module_plugin(name, srdi_register_notices=lambda: files), name, f"srdi-{name}", "0.0.1")
    catalog = Catalog(host)
    if name in host.problems:
        kind = NoticeError if host.failed_hook.get(name) == "srdi_register_notices" else PluginError
        raise kind(host.problems[name])
    return catalog
