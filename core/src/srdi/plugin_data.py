"""The data each loaded plugin registers, checked plugin by plugin; a plugin whose data cannot be used is set aside.

A field without a namespace (a key without ``<plugin>.``, which could take a core
fact's name) or a notice file that does not load (a quote not in its text, a key
misspelled…) makes its plugin broken the way a failing hook does: it is
unregistered, ``srdi plugins`` says why, file, key and line included, and every
other plugin loads. The baseline's data must load. (That a plugin's names start
with its own name is checked by ``srdi validate``: throwaway plugins in tests name
theirs freely.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .clashes import settle_notices
from .errors import NoticeError, Problem
from .i18n import t as message
from .notices.load import load_notice
from .notices.model import NoticeFile
from .plugins import BASELINE, PluginHost, fields_file

HOOK = "srdi_register_notices"
FIELDS = "srdi_register_fields"


def check_fields(host: PluginHost) -> None:
    """Set aside each plugin registering a field whose key has no namespace (``<plugin>.<name>``)."""
    outside: dict[str, list[Problem]] = {}
    for plugin, f in host.results(FIELDS):
        if plugin.name != BASELINE and "." not in f.key:
            why = message("name.field_not_namespaced", key=repr(f.key), origin=plugin.label)
            outside.setdefault(plugin.name, []).append(Problem(why, file=fields_file(plugin)))
    for name, problems in outside.items():
        host.set_aside(name, FIELDS, problems)


#: How a notice file is read: its path, its plugin's distribution and version.
Reader = Callable[[Path, str, str], NoticeFile]


def load_notices(host: PluginHost, read: Reader | None = None) -> list[NoticeFile]:
    """Every loaded plugin's notices, in registration order, once the plugins they break are set aside.

    ``read`` reads one notice file (by default :func:`~srdi.notices.load.load_notice`, looked up when called).
    """
    read = read or load_notice
    found: dict[str, list[NoticeFile]] = {}  # by plugin, in registration order
    problems: dict[str, list[Problem]] = {}
    for plugin, path in host.results(HOOK):
        files = found.setdefault(plugin.name, [])
        try:
            files.append(read(Path(path), plugin.distribution, plugin.version))
        except NoticeError as exc:
            problems.setdefault(plugin.name, []).extend(exc.problems)
    for name, found_problems in problems.items():
        if name == BASELINE:
            raise NoticeError(found_problems)
        host.set_aside(name, HOOK, found_problems)
    settle_notices(host, found)  # a notice or program id two plugins give: the one that owns it keeps it
    return [nf for name, files in found.items() if name not in host.broken for nf in files]
