"""``srdi new-plugin``: a new regional plugin, ready to install, from the template srdi ships.

The template (``template/`` next to this module; ``contrib/template`` in the srdi
repository points at it) is a working plugin for an example notice, and data only:
pyproject with the ``srdi.plugins`` entry point naming the package, ``plugin.toml``
declaring its region, notices and fields (:mod:`srdi.declared`), a notice file with
every section commented and its text, a fields file, an example profile, case files
and a README. It holds no Python file: one is added only with a hook.
Files end in ``.tmpl`` so no tool mistakes them for code; ``{{name}}`` placeholders
are filled in and the suffix dropped. The generated plugin installs and passes its
tests and srdi's conformance suite with no edit. A region an installed plugin already
serves is named with that plugin in a note, instead of advice on the name.
"""

from __future__ import annotations

import re
from importlib import metadata, resources
from pathlib import Path

from attrs import frozen

from ..errors import Problem, SrdiError, shown
from ..i18n import t
from ..plugins import GROUP, installed_claims
from ..regions import NATIONAL, RegionTable, builtin_regions, parent_code

TEMPLATE = resources.files(__name__) / "template"
SUFFIX = ".tmpl"
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: Longest plugin name: it is a folder, a package (srdi_NAME) and a distribution (srdi-NAME),
#: and file systems refuse names of more than 255 bytes.
MAX_NAME = 64
#: Names srdi uses itself, with the catalogue code of what uses each.
RESERVED = {"national": "scaffold.taken.national", "srdi": "scaffold.taken.srdi"}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@frozen
class Scaffold:
    """What a new plugin is called and which region it serves."""

    plugin: str
    region_code: str
    region_name: str
    region_level: str
    region_parent: str | None
    srdi_requirement: str

    @property
    def package(self) -> str:
        """The import package (``srdi_zhejiang``)."""
        return f"srdi_{self.plugin}"

    @property
    def distribution(self) -> str:
        """The distribution name (``srdi-zhejiang``)."""
        return f"srdi-{self.plugin.replace('_', '-')}"

    def values(self) -> dict[str, str]:
        """The placeholders of the template and their values."""
        parent = f'parent = "{self.region_parent}"' if self.region_parent else ""
        return {
            "plugin": self.plugin,
            "package": self.package,
            "distribution": self.distribution,
            "region_code": self.region_code,
            "region_name": self.region_name,
            "region_level": self.region_level,
            "region_parent": parent,
            "srdi_requirement": self.srdi_requirement,
        }


def plan(plugin: str, region: str, region_name: str | None = None) -> tuple[Scaffold, list[str]]:
    """Check the name and region of a new plugin; return it and any notes for its author."""
    problems = []
    notes = []
    if not NAME.match(plugin):
        problems.append(Problem(t("scaffold.bad_name", name=shown(plugin))))
    elif len(plugin) > MAX_NAME:
        problems.append(Problem(t("scaffold.name_too_long", n=len(plugin), max=MAX_NAME)))
    else:
        taken = _taken(plugin)
        if taken:
            problems.append(Problem(t("scaffold.name_taken", name=repr(plugin), by=taken)))
    if not (len(region) == 6 and region.isdigit()) or region == NATIONAL:
        problems.append(Problem(t("scaffold.bad_region", region=shown(region))))
    if problems:
        raise SrdiError(problems)
    known = RegionTable(builtin_regions()).by_code.get(region)
    name = region_name or (known.name if known else None)
    if name is None:
        raise SrdiError(Problem(t("scaffold.unknown_region", region=region)))
    served = _served(region)
    if served is not None:
        # installed together, one of the two would be set aside: say so rather than advise the name it has taken
        notes.append(t("scaffold.note_served", region=region, name=name, by=served))
    elif known is not None and known.slug != plugin and _taken(known.slug) is None:
        notes.append(
            t("scaffold.note_slug", region=region, name=known.name, slug=repr(known.slug), plugin=repr(plugin))
        )
    level = "province" if region.endswith("0000") else "city" if region.endswith("00") else "district"
    parent = None if level == "province" else parent_code(region)
    return Scaffold(plugin, region, name, level, parent, _requirement()), notes


def _taken(plugin: str) -> str | None:
    """What already uses ``plugin`` as a name: srdi itself, its baseline, or an installed plugin or distribution."""
    if plugin in RESERVED:
        return t(RESERVED[plugin])
    for ep in metadata.entry_points(group=GROUP):
        if ep.name == plugin:
            dist = getattr(ep, "dist", None)
            return t("scaffold.taken.plugin", name=plugin, dist=dist.name if dist else ep.value)
    scaffold = Scaffold(plugin, NATIONAL, "", "province", None, "")
    try:
        metadata.distribution(scaffold.distribution)
    except metadata.PackageNotFoundError:
        return None
    return t("scaffold.taken.distribution", name=scaffold.distribution)


def _served(region: str) -> str | None:
    """The installed plugins that claim ``region``, named with their distributions; None when none does.

    Read from their ``plugin.toml`` files without importing them (:func:`srdi.plugins.installed_claims`).
    """
    try:
        claimants = installed_claims().get(region, [])
    except SrdiError:  # two distributions giving one plugin name: srdi plugins says so, not new-plugin
        return None
    if not claimants:
        return None
    return t("list.sep").join(t("scaffold.taken.plugin", name=p.name, dist=p.distribution) for p in claimants)


def _requirement() -> str:
    """The srdi versions a new plugin accepts: this minor series (``>=0.1,<0.2``)."""
    try:
        version = metadata.version("srdi")
    except metadata.PackageNotFoundError:  # pragma: no cover - srdi runs from an installed distribution
        return ""
    major, minor = (int(x) for x in re.findall(r"\d+", version)[:2])
    return f">={major}.{minor},<{major}.{minor + 1}"


def render(text: str, values: dict[str, str], where: str) -> str:
    """Fill ``{{name}}`` placeholders; an unknown name is an error naming the template file."""

    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in values:
            raise SrdiError(Problem(t("scaffold.unknown_placeholder", name=m.group(0)), file=where))
        return values[m.group(1)]

    return _PLACEHOLDER.sub(sub, text)


def new_plugin(scaffold: Scaffold, dest: Path, template: Path | None = None) -> list[Path]:
    """Write the plugin into ``dest`` (which must not exist or be empty); return the files written."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise SrdiError(Problem(t("scaffold.dest_not_empty"), file=str(dest)))
    values = scaffold.values()
    written = []
    with resources.as_file(template or TEMPLATE) as root:
        files = sorted(p for p in Path(root).rglob("*") if p.is_file() and p.name.endswith(SUFFIX))
        for src in files:
            rel = render(str(src.relative_to(root)), values, str(src))[: -len(SUFFIX)]
            out = dest / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render(src.read_text(encoding="utf-8"), values, str(src)), encoding="utf-8")
            written.append(out)
    return written
