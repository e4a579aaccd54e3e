"""Validating a plugin, or one notice file, without installing it.

``srdi validate PATH`` reads a plugin's ``pyproject.toml`` to find its
``srdi.plugins`` entry point, imports the plugin from its source folder for this
run only, and checks everything a catalog would refuse plus what the conformance
suite asks: the notice files' shape and unknown keys, ids, every quote against the
shipped text, dates and periods, ``extends`` and overrides that resolve, condition
types, metrics and units, tranches that add up, fund splits that can be met, forms,
an empty profile, the plugin's own message catalogue. Every problem is reported — not
just the first — with its file, line and key.

A single notice file is checked in the plugin that contains it (its fields and
condition types), or on its own when it sits in no plugin.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import re
import sys
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import attrs
from attrs import frozen

from . import baseline
from ._convert import converter, problems_from
from .catalog import Catalog
from .declared import PLUGIN_FILE, as_plugin, declared_regions
from .errors import UNKNOWN_KEY, NoticeError, Problem, SrdiError, suggest, syntax_reason
from .i18n import t, tn
from .notices.load import check_notice, parse_toml, read_toml
from .notices.locate import locate
from .notices.model import COMPONENT_KEYS, CRITERION_KEYS, NoticeFile, NoticeSpec
from .notices.semantics import number_in_quote, spec_problems, unknown_event_keys
from .plugins import PluginHost, fields_file, installed, module_plugin
from .programs import Program
from .regions import Region
from .testing import checks
from .vocabulary import FieldSpec
from .vocabulary.fields import DEFAULT_UNITS, unitless_integers

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Severity = Literal["error", "warning"]


@frozen
class Finding:
    """A problem the validator found, and whether it blocks (error) or deserves a look (warning)."""

    problem: Problem
    severity: Severity = "error"

    def __str__(self) -> str:
        if self.severity == "warning":
            return t("validate.warning", problem=self.problem)
        return t("validate.error", problem=self.problem)

    def to_json(self) -> dict[str, Any]:
        """``severity``, ``file``, ``line``, ``key`` and ``message``."""
        p = self.problem
        return {"severity": self.severity, "file": p.file, "line": p.line, "key": p.key, "message": p.message}


@frozen
class PluginProject:
    """What a plugin's ``pyproject.toml`` says about it."""

    root: Path
    name: str
    module: str
    distribution: str
    version: str
    source_dirs: tuple[Path, ...]


def read_project(root: Path) -> tuple[PluginProject | None, list[Problem]]:
    """The plugin a project folder declares (its ``srdi.plugins`` entry point), or the problems why not."""
    pyproject = root / "pyproject.toml"
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except OSError:
        return None, [Problem(t("validate.no_pyproject"), file=str(root))]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(t("input.bad_toml", why=syntax_reason(exc)), file=str(pyproject))]
    project = data.get("project", {})
    source = pyproject.read_text(encoding="utf-8")
    eps = project.get("entry-points", {}).get("srdi.plugins", {})
    if not eps:
        key = 'project.entry-points."srdi.plugins"'
        return None, [Problem(t("validate.no_entry_point"), file=str(pyproject), key=key)]
    problems = []
    if len(eps) > 1:
        problems.append(Problem(t("validate.several_entry_points"), file=str(pyproject)))
    name, value = next(iter(eps.items()))
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        line = next((i for i, ln in enumerate(source.splitlines(), 1) if ln.strip().startswith(name)), None)
        problems.append(Problem(t("validate.plugin_name"), file=str(pyproject), key=name, line=line))
    where = data.get("tool", {}).get("setuptools", {}).get("packages", {}).get("find", {}).get("where", ["."])
    dirs = tuple((root / w).resolve() for w in ([where] if isinstance(where, str) else where))
    dist = project.get("name", root.name)
    return PluginProject(root, name, value.split(":")[0], dist, str(project.get("version", "0")), dirs), problems


def find_project(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` whose pyproject declares an srdi plugin."""
    for folder in [path, *path.parents]:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "srdi.plugins" in pyproject.read_text(encoding="utf-8"):
            return folder
    return None


@contextlib.contextmanager
def imported_from(dirs: tuple[Path, ...], module: str) -> Iterator[ModuleType]:
    """Import ``module`` from ``dirs`` for the duration of the block, leaving ``sys.modules`` as it was."""
    top = module.split(".")[0]
    saved = {k: v for k, v in sys.modules.items() if k == top or k.startswith(top + ".")}
    for k in saved:
        del sys.modules[k]
    old_path = list(sys.path)
    sys.path[:0] = [str(d) for d in dirs]
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(module)
    finally:
        sys.path[:] = old_path
        for k in [k for k in sys.modules if k == top or k.startswith(top + ".")]:
            del sys.modules[k]
        sys.modules.update(saved)


def validate(path: Path | str) -> list[Finding]:
    """Every problem of the plugin folder or notice file at ``path``."""
    path = Path(path).resolve()
    if not path.exists():
        return [Finding(Problem(t("validate.not_found"), file=str(path)))]
    if path.is_file():
        root = find_project(path.parent)
        if root is None:
            return _validate_files([path], None, None)
        project, problems = read_project(root)
        if project is None:
            return [Finding(p) for p in problems] + _validate_files([path], None, None)
        return _validate_plugin(project, only=[path])
    if (path / "pyproject.toml").exists():
        project, problems = read_project(path)
        if project is None:
            return [Finding(p) for p in problems]
        return [Finding(p) for p in problems] + _validate_plugin(project)
    files = sorted(path.glob("*.toml"))
    if not files:
        return [Finding(Problem(t("validate.not_a_plugin"), file=str(path)))]
    return _validate_files(files, None, None)


def _validate_plugin(project: PluginProject, only: list[Path] | None = None) -> list[Finding]:
    try:
        with imported_from(project.source_dirs, project.module) as module:
            found = _validate_module(project, as_plugin(module, project.distribution), only)
            return found if only is not None else found + _catalogue_findings(module)
    except SrdiError as exc:
        return [Finding(p) for p in exc.problems]
    except Exception as exc:
        where = str(project.root / "pyproject.toml")
        why = t("validate.import_failed", module=project.module, error=type(exc).__name__, why=exc)
        return [Finding(Problem(why, file=where))]


def _catalogue_findings(module: ModuleType) -> list[Finding]:
    """The plugin's own message catalogue checked as the conformance suite checks it once installed.

    Reading ``.po`` and ``.mo`` files takes babel, which compiles them (``pybabel
    compile``); where it is not installed the check is skipped with a warning.
    """
    codes = [Finding(p) for p in checks.code_problems(module.__name__)]
    messages = checks.package_messages(module.__name__)
    if messages is None:
        return codes
    if importlib.util.find_spec("babel") is None:
        return [*codes, Finding(Problem(t("validate.messages.no_babel"), file=str(messages.directory)), "warning")]
    return codes + [Finding(p) for p in checks.messages_problems(messages)]


def _validate_module(project: PluginProject, module: ModuleType, only: list[Path] | None) -> list[Finding]:
    hooks = {n: getattr(module, n) for n in dir(module) if n.startswith("srdi_") and callable(getattr(module, n))}
    notices_hook = hooks.get("srdi_register_notices")
    if only is not None:
        paths = only
    elif notices_hook is None:
        paths = []
    else:
        paths = [Path(str(p)) for p in notices_hook()]
    findings: list[Finding] = []
    if only is None and not paths:
        where = getattr(module, "__file__", None) or project.module
        findings.append(Finding(Problem(t("validate.no_notices"), file=where), "warning"))
    if only is None:
        findings.extend(Finding(p, "warning") for p in field_unit_problems(module))
    # the plugin as it would be loaded; a single file is checked with the plugin's other
    # notices that load (a program may extend one of theirs, or need a title they grant)
    plugin: Any = module
    if only is not None:
        others = {n: fn for n, fn in hooks.items() if n != "srdi_register_notices"}
        targets = {p.resolve() for p in only}
        siblings = [Path(str(p)) for p in notices_hook()] if notices_hook is not None else []
        context = [p for p in siblings if p.resolve() not in targets and not check_notice(p)[2]]

        def srdi_register_notices() -> list[Path]:
            """The notice files under validation, and the plugin's other notices as context."""
            return [*only, *context]

        plugin = module_plugin(project.name, srdi_register_notices=srdi_register_notices, **others)
    return findings + _validate_files(paths, project, plugin)


def field_unit_problems(plugin: ModuleType) -> list[Problem]:
    """The plugin's ``integer`` fields without a ``unit``: shown in the default unit 人, whatever they count.

    A declared plugin's fields are found in its fields file, each at its line; the
    fields a hooks module registers, at that module.
    """
    path = getattr(plugin, "fields_path", None)
    if path is not None:
        return unitless_integers(path)
    register = getattr(plugin, "srdi_register_fields", None)
    if register is None:
        return []
    try:
        fields = list(register())
    except Exception:  # a hook that raises is reported where the plugin is registered
        return []
    where = getattr(plugin, "__file__", None)
    unit = DEFAULT_UNITS["integer"]
    return [
        Problem(t("validate.integer_without_unit", key=repr(f.key), unit=unit), file=where, key=f.key)
        for f in fields
        if isinstance(f, FieldSpec) and f.kind == "integer" and f.unit is None
    ]


def _validate_files(paths: list[Path], project: PluginProject | None, plugin: Any) -> list[Finding]:
    findings: list[Finding] = []
    specs: dict[Path, NoticeSpec] = {}
    loads = True
    for path in paths:
        spec, problems = check_file(path)
        findings.extend(Finding(p) for p in problems)
        if spec is not None:
            specs[path] = spec
        semantic = _semantic_keys(spec) if spec is not None else set()
        loads = loads and spec is not None and all(_read_past(p.key, semantic) for p in problems)
    name = project.name if project else "local"
    if not loads:  # a catalog cannot be built from files that do not load
        return findings + _late_key_findings(paths, plugin, name, findings)
    host = PluginHost()
    # the baseline's own notices are already in every catalog
    builtin = {Path(str(p)).resolve() for p in baseline.srdi_register_notices()}
    extra = [p for p in paths if p.resolve() not in builtin]
    try:
        if plugin is None and extra:

            def srdi_register_notices() -> list[Path]:
                """The notice files under validation."""
                return extra

            plugin = module_plugin(name, srdi_register_notices=srdi_register_notices)
        # programs this plugin extends may live in other installed plugins
        for prefix in _extended_prefixes(specs.values()) - {"national", name}:
            if prefix in {p.name for p in installed()}:
                host.load(prefix)
        loaded = None
        if plugin is not None:
            loaded = host.register(plugin, name, project.distribution if project else "local", "0+validate")
        catalog = Catalog(host, read_notice=_read_past_problems)
    except SrdiError as exc:
        findings += [Finding(_placed(p)) for p in exc.problems]
        return findings + _late_key_findings(paths, plugin, name, findings)
    if name in host.problems:  # set aside (a hook failed, a notice did not load): nothing of it is in the catalog
        findings += [Finding(_placed(p)) for p in host.problems[name]]
        return findings + _late_key_findings(paths, plugin, name, findings)
    if loaded is not None:
        findings.extend(Finding(p) for p in checks.hook_problems(loaded))
    mine = [nf for nf in catalog.notices if Path(nf.path).resolve() in {p.resolve() for p in paths}]
    if project is not None:
        findings.extend(Finding(_placed(p)) for p in outside_namespace(project.name, mine, catalog))
    # a declared plugin's regions are checked at its plugin.toml; a single notice file is checked without them
    where = getattr(plugin, "__file__", None)
    declaration = Path(where) if where is not None and Path(where).name == PLUGIN_FILE else None
    findings.extend(Finding(p) for p in installed_clashes(name, mine, declaration))
    if declaration is None and where is not None:  # a plugin of hooks: its regions are those its hook gave
        findings.extend(Finding(p) for p in hook_region_clashes(name, catalog, where))
    ids = {nf.spec.notice.id for nf in mine}
    programs = [p for p in catalog.programs(abstract=True) if p.notice.spec.notice.id in ids]
    for prog in programs:
        compiled = checks.compile_problems(catalog, prog)
        findings.extend(Finding(_placed(p, catalog, prog)) for p in compiled)
        if compiled:
            continue
        findings.extend(Finding(p, "warning") for p in unit_warnings(catalog, prog))
        if prog.abstract:
            continue
        findings.extend(Finding(_placed(p, catalog, prog)) for p in checks.empty_profile_problems(catalog, prog))
        findings.extend(Finding(p) for p in checks.deadline_problems(catalog, prog))
        findings.extend(Finding(p) for p in _fund_placed(prog, checks.fund_rule_problems(catalog, prog)))
    findings = [Finding(p, sev) for p, sev in _unique_findings(findings)]
    for nf in mine:
        for form in nf.spec.forms:
            findings.extend(Finding(attrs.evolve(p, file=nf.path)) for p in checks.form_problems(form))
            findings.extend(Finding(p) for p in checks.form_mapping_problems(catalog, nf, form))
    return findings


def check_file(path: Path) -> tuple[NoticeSpec | None, list[Problem]]:
    """One notice file's shape, ids, text and citations, and the meaning of its dates and shares.

    Unknown keys do not stop the check: they are reported, set aside, and the rest
    of the file is checked as if they were not there.
    """
    data = path.read_bytes()
    try:
        raw = parse_toml(data, str(path))
    except NoticeError as exc:
        return None, list(exc.problems)
    source = path.read_text(encoding="utf-8")
    reported: list[Problem] = []
    for _ in range(20):  # each round sets aside the unknown keys found so far
        spec, text, problems = check_notice(path, data=raw)
        unknown = [p for p in problems if p.code == UNKNOWN_KEY and p.key]
        if spec is not None or not unknown:
            break
        reported.extend(unknown)
        for p in unknown:
            _drop(raw, p.key or "")
    if spec is not None and not reported and text:  # the file as it is: the catalog reads it so, next
        _remember(path, data, text, spec)
    found = reported + problems
    if spec is not None:
        found += [Problem(m, file=str(path), key=k, line=locate(source, k)) for k, m in spec_problems(spec)]
    return spec, _unique(found)


def late_key_problems(
    path: Path, conditions: Mapping[str, type], components: Mapping[str, type], every_kind: bool = False
) -> list[Problem]:
    """Unknown keys of the criteria, events and fund components of a notice file, read from its tables.

    These tables keep the keys of their kind (a condition type's ``metric``, ``op``,
    ``value``…) beside the common ones, and those are checked only once the file loads
    and its programs compile. A file that does not load (a required key is missing)
    would hide them until fixed; read here, each is reported in the same run, at its
    line, with the key it was probably meant to be, and so is a key the kind requires
    but the table lacks. ``conditions`` and ``components`` give the argument schema of
    each condition type and fund component kind by name; a table of a kind not among
    them (or an event of a kind a plugin registers) is not judged. With ``every_kind``
    (they hold every type and kind the file may use: its plugin registered), a type or
    kind not among them is reported as unknown, at its key: the programs of a file that
    does not load are not compiled, where that would be found.
    """
    try:
        raw = read_toml(path)
    except NoticeError:
        return []
    source = path.read_text(encoding="utf-8")
    file = str(path)
    found: list[tuple[str, str, str | None]] = []  # (key, message, code)

    def args_of(base: str, table: dict[str, Any], common: tuple[str, ...], schema: type | None) -> None:
        if schema is None or not attrs.has(schema):
            return
        names = tuple(a.name for a in attrs.fields(schema))
        for name in table:
            if name not in common and name not in names:
                found.append((f"{base}.{name}", t(UNKNOWN_KEY, hint=suggest(name, (*common, *names))), UNKNOWN_KEY))
        try:  # the keys its kind requires, and the unknown keys of the tables its arguments hold
            converter.structure({k: v for k, v in table.items() if k in names and k not in common}, schema)
        except Exception as exc:
            missing = t("notice.required_key")  # a value's type may be a "$name" not yet resolved: not judged here
            found.extend(
                (p.key or base, p.message, p.code)
                for p in problems_from(exc, file, base)
                if p.code == UNKNOWN_KEY or p.message == missing
            )

    def unknown(key: str, name: Any, names: Mapping[str, type], code: str, field: str) -> None:
        """``name`` (a criterion's ``type``, a component's ``kind``) that names none of ``names``, at ``key``."""
        if every_kind and isinstance(name, str) and name not in names:
            found.append((key, t(code, **{field: repr(name)}, hint=suggest(name, names)), None))

    def events(base: str, timeline: Any) -> None:
        for j, ev in _tables(timeline):
            kind = ev.get("kind")
            if isinstance(kind, str):
                found.extend((k, m, None) for k, m in unknown_event_keys(f"{base}[{j}]", kind, ev))

    events("timeline", raw.get("timeline"))
    for i, prog in _tables(raw.get("programs")):
        base = f"programs[{i}]"
        for j, crit in _tables(prog.get("criteria")):
            kind = crit.get("type")
            unknown(f"{base}.criteria[{j}].type", kind, conditions, "notice.unknown_condition_type", "type")
            schema = conditions.get(kind) if isinstance(kind, str) else None
            args_of(f"{base}.criteria[{j}]", crit, CRITERION_KEYS, schema)
        events(f"{base}.timeline", prog.get("timeline"))
        fund = prog.get("fund")
        for j, comp in _tables(fund.get("components") if isinstance(fund, dict) else None):
            kind = comp.get("kind")
            unknown(f"{base}.fund.components[{j}].kind", kind, components, "notice.unknown_component_kind", "kind")
            schema = components.get(kind) if isinstance(kind, str) else None
            args_of(f"{base}.fund.components[{j}]", comp, COMPONENT_KEYS, schema)
    return [Problem(m, file=file, key=k, line=locate(source, k), code=c) for k, m, c in found]


def _tables(items: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, table) of an array of tables, skipping what is no table (the shape check reports it)."""
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _late_key_findings(paths: list[Path], plugin: Any, name: str, findings: list[Finding]) -> list[Finding]:
    """What :func:`late_key_problems` finds in files whose programs were not compiled, and is not reported yet."""
    host = PluginHost()
    # unknown types and kinds are said only when the plugin's own are known (it registered)
    every_kind = False
    if plugin is not None:
        with contextlib.suppress(Exception):  # a plugin that does not register is reported already
            host.register(plugin, name)
            every_kind = True
    # as when compiled: the types of the plugins whose programs these files extend are known too
    for prefix in _raw_extended_prefixes(paths) - {"national", name}:
        if prefix in {p.name for p in installed()}:
            try:
                host.load(prefix)
            except Exception:  # that plugin's own problem: its types are then not all known
                every_kind = False
    conditions: dict[str, type] = {}
    components: dict[str, type] = {}
    try:
        for _, ctype in host.results("srdi_register_condition_types"):
            conditions.setdefault(ctype.name, ctype.args)
        for _, kind in host.results("srdi_register_fund_components"):
            components.setdefault(kind.name, kind.args)
    except Exception:  # a hook that raises is reported where the plugin is registered
        every_kind = False
    seen = {(f.problem.file, f.problem.key) for f in findings}
    out = []
    for path in paths:
        for p in late_key_problems(path, conditions, components, every_kind):
            if (p.file, p.key) not in seen:
                seen.add((p.file, p.key))
                out.append(Finding(p))
    return out


def _raw_extended_prefixes(paths: list[Path]) -> set[str]:
    """The plugins (by prefix) whose programs the programs of ``paths`` extend, read from their tables."""
    out = set()
    for path in paths:
        try:
            raw = read_toml(path)
        except NoticeError:
            continue
        for _, prog in _tables(raw.get("programs")):
            extends = prog.get("extends")
            if isinstance(extends, str):
                out.add(extends.split(".", 1)[0])
    return out


def outside_namespace(plugin: str, notices: list[NoticeFile], catalog: Catalog) -> list[Problem]:
    """The plugin's programs and fields whose names do not start with ``<plugin>.`` (they could take another's)."""
    out = [
        Problem(t("notice.program_outside_plugin", id=repr(p.id), plugin=plugin), file=nf.path, key=f"programs[{i}].id")
        for nf in notices
        for i, p in enumerate(nf.spec.programs)
        if not p.id.startswith(f"{plugin}.")
    ]
    for owner, f in catalog.host.results("srdi_register_fields"):
        if owner.name == plugin and not f.key.startswith(f"{plugin}."):
            why = t("plugin.field_outside_plugin", key=repr(f.key), plugin=plugin)
            out.append(Problem(why, file=fields_file(owner)))
    return out


def installed_clashes(name: str, notices: list[NoticeFile], declaration: Path | None = None) -> list[Problem]:
    """What plugin ``name`` gives that an installed plugin gives already: notice and program ids, claimed regions.

    Installed beside it, one of the two would be set aside (:mod:`srdi.clashes`): said
    here, before it is installed, at the key that clashes. ``declaration`` is the
    plugin's ``plugin.toml``, whose claimed regions are checked (at ``regions[i].code``);
    None when it has none or a single notice file is checked. ``name`` installed
    already is no clash with itself.
    """
    others = _installed_catalog()
    if others is None:
        return []
    out = _region_clashes(name, declaration, others) if declaration is not None else []
    same = others.plugins.get(name)  # this plugin, installed already: its own notices are no clash
    theirs = [nf for nf in others.notices if same is None or nf.plugin != same.distribution]
    given = {nf.spec.notice.id: nf for nf in theirs}
    programs = {p.id: nf for nf in theirs for p in nf.spec.programs}
    for nf in notices:
        ids = [("notice.id", "clash.installed_notice", given.get(nf.spec.notice.id), nf.spec.notice.id)]
        ids += [
            (f"programs[{i}].id", "clash.installed_program", programs.get(p.id), p.id)
            for i, p in enumerate(nf.spec.programs)
        ]
        found = [
            (key, t(code, id=repr(ident), plugin=_owner(other), path=other.path))
            for key, code, other, ident in ids
            if other is not None and Path(other.path).resolve() != Path(nf.path).resolve()
        ]
        if found:  # read only for a clash: most files have none
            source = Path(nf.path).read_text(encoding="utf-8")
            out += [Problem(why, file=nf.path, key=key, line=locate(source, key)) for key, why in found]
    return out


def _region_clashes(name: str, declaration: Path, others: Catalog) -> list[Problem]:
    """The regions ``declaration`` claims that another plugin of ``others`` (the installed ones) serves."""
    try:
        regions = declared_regions(declaration)
    except SrdiError:  # reported where the plugin was loaded
        return []
    found = [(i, why) for i, r in enumerate(regions) if r.claim and (why := _served(r, name, others)) is not None]
    if not found:
        return []
    source = declaration.read_text(encoding="utf-8")
    keys = [(f"regions[{i}].code", why) for i, why in found]
    return [Problem(why, file=str(declaration), key=key, line=locate(source, key)) for key, why in keys]


def _served(region: Region, name: str, others: Catalog) -> str | None:
    """Why ``region`` cannot be plugin ``name``'s: the installed plugin of ``others`` serving it; None if none does."""
    owner = others.claims.get(region.code)
    if owner is None or owner == name:
        return None
    info = others.plugins[owner]
    return t("clash.installed_region", region=region.code, name=region.name, plugin=info.name, dist=info.distribution)


def _installed_catalog() -> Catalog | None:
    """Every installed plugin, as a process loads them (built once, kept); None where that fails.

    An installed plugin that is broken is not the validated plugin's problem: its warning is not shown.
    """
    from .api import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return load()
        except SrdiError:
            return None


def hook_region_clashes(name: str, catalog: Catalog, where: str) -> list[Problem]:
    """The regions plugin ``name`` claims through ``srdi_register_regions`` that an installed plugin serves.

    ``catalog`` holds the plugin as validated; each clash is placed at the hook's module
    (``where``), under the hook's name, as a region written in ``plugin.toml`` is placed
    at its code.
    """
    mine = sorted(code for code, owner in catalog.claims.items() if owner == name)
    others = _installed_catalog() if mine else None
    if others is None:
        return []
    found = (_served(catalog.regions.by_code[code], name, others) for code in mine)
    return [Problem(why, file=where, key="srdi_register_regions") for why in found if why is not None]


def _owner(nf: NoticeFile) -> str:
    return f"{nf.plugin}@{nf.plugin_version}"


#: The keys whose problems say where a file cites its text wrongly: they do not change what the file means.
CITING = ("quote", "clause", "cap_quote", "cap_clause", "reapply_quote", "reapply_clause")


def _read_past(key: str | None, semantic: set[str]) -> bool:
    """Whether a problem at ``key`` still lets the file's criteria be compiled: a citation, the text, or semantics."""
    if key in ("notice.text", "notice.title", "notice.doc_number") or key in semantic:
        return True
    return key is not None and key.rpartition(".")[2] in CITING


def _semantic_keys(spec: NoticeSpec) -> set[str]:
    """Keys of the semantic problems: these do not stop a catalog from loading the file."""
    return {k for k, _ in spec_problems(spec)}


#: Notices read in this process, with the file and text they were read from, by file: each folder validated
#: builds a catalog that reads the baseline's notices again, and its own notices after checking them.
_READ: dict[str, tuple[bytes, str, NoticeSpec]] = {}
#: Notices kept at most (a few dozen make a catalog); past this, the oldest go first.
READ_KEPT = 512


def _remember(path: Path, source: bytes, text: str, spec: NoticeSpec) -> None:
    """Keep what a notice file, as ``source`` and with ``text``, was read into."""
    while len(_READ) >= READ_KEPT:
        del _READ[next(iter(_READ))]
    _READ[str(path.resolve())] = (source, text, spec)


def _read_past_problems(path: Path, plugin: str, version: str) -> NoticeFile:
    """A notice file whose shape parses, read whatever else is wrong with it (a quote, a 文号…).

    Those problems are reported from :func:`check_file` already; reading on lets the
    catalog compile the file's criteria and find the problems only that shows, in the
    same run rather than the next. A notice read before in this process, its file and
    its text unchanged byte for byte, is not parsed and checked again.
    """
    path = Path(path)
    try:
        source: bytes | None = path.read_bytes()
    except OSError:
        source = None
    kept = _READ.get(str(path.resolve()))
    if kept is not None and kept[0] == source and _text_of(path, kept[2]) == kept[1]:
        return NoticeFile(spec=kept[2], path=str(path), text=kept[1], plugin=plugin, plugin_version=version)
    spec, text, problems = check_notice(path)
    if spec is None:
        raise NoticeError(problems)
    if source is not None:
        _remember(path, source, text, spec)
    return NoticeFile(spec=spec, path=str(path), text=text, plugin=plugin, plugin_version=version)


def _text_of(path: Path, spec: NoticeSpec) -> str | None:
    """The text a notice file names, as :func:`check_notice` reads it; None where it cannot be read."""
    try:
        return (path.parent / spec.notice.text).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _drop(raw: dict[str, Any], key: str) -> None:
    """Remove ``programs[0].colour`` from the parsed (not yet prepared) TOML data."""
    node: Any = raw
    parts = re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", key)
    for i, (name, index) in enumerate(parts):
        last = i == len(parts) - 1
        if not isinstance(node, dict) or name not in node:
            return
        if last and not index:
            del node[name]
            return
        node = node[name]
        if index:
            if not isinstance(node, list) or int(index) >= len(node):
                return
            node = node[int(index)]


def _unique_findings(findings: list[Finding]) -> list[tuple[Problem, Severity]]:
    """Findings once each (a base program's criterion is checked with every program extending it)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        k = (f.problem.file, f.problem.key, f.problem.message)
        if k not in seen:
            seen.add(k)
            out.append((f.problem, f.severity))
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in problems:
        k = (p.file, p.key, p.message)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def _extended_prefixes(specs: Any) -> set[str]:
    return {p.extends.split(".", 1)[0] for s in specs for p in s.programs if p.extends}


def _placed(p: Problem, catalog: Catalog | None = None, prog: Program | None = None) -> Problem:
    """Give a resolution or compile problem its line: keys by id (``programs[a.b].criteria[c]``) become indices."""
    if p.file is None or p.key is None:
        return p
    key = p.key
    file = p.file
    m = re.match(r"programs\[([^\]]+)\]\.criteria\[([^\]]+)\](.*)", key)
    if m and catalog is not None and prog is not None:
        crit = prog.criteria.get(m.group(2))
        if crit is not None:  # the criterion may be defined in the base program's notice
            nf = next((n for n in catalog.notices if n.spec.notice.id == crit.origin.notice_id), None)
            if nf is not None:
                file = nf.path
                for i, ps in enumerate(nf.spec.programs):
                    for j, c in enumerate(ps.criteria):
                        if c.id == crit.id and (ps.id == prog.id or ps.id in _bases(catalog, prog)):
                            key = f"programs[{i}].criteria[{j}]{_arg_key(m.group(3))}"
    try:
        source = Path(file).read_text(encoding="utf-8")
    except OSError:
        return p
    named = re.fullmatch(r"programs\[(\d+)\]\.(overrides|params)\.(.+)", key)
    if named:  # a parameter name may itself hold dots ("revenue.value"), which locate() cannot split
        line = _named_table_line(source, int(named.group(1)), named.group(2), named.group(3))
        if line is not None:
            return attrs.evolve(p, file=file, key=key, line=line)
    return attrs.evolve(p, file=file, key=key, line=locate(source, key) or p.line)


def _named_table_line(source: str, index: int, table: str, name: str) -> int | None:
    """The line of ``[programs.overrides."revenue.value"]`` (or ``name = …`` under ``[programs.overrides]``)."""
    lines = source.splitlines()
    starts = [i for i, ln in enumerate(lines) if re.match(r"^\s*\[\[\s*programs\s*\]\]", ln)]
    if index >= len(starts):
        return None
    end = starts[index + 1] if index + 1 < len(starts) else len(lines)
    quoted = re.escape(name)
    header = re.compile(rf'^\s*\[\s*programs\.{table}\.(?:"{quoted}"|{quoted})\s*\]')
    inline = re.compile(rf'^\s*(?:"{quoted}"|{quoted})\s*=')
    in_table = False
    for i in range(starts[index], end):
        if header.match(lines[i]):
            return i + 1
        if re.match(rf"^\s*\[\s*programs\.{table}\s*\]", lines[i]):
            in_table = True
        elif lines[i].lstrip().startswith("["):
            in_table = False
        elif in_table and inline.match(lines[i]):
            return i + 1
    return None


def _arg_key(rest: str) -> str:
    return rest if rest.startswith(".") or not rest else f".{rest}"


def _bases(catalog: Catalog, prog: Program) -> list[str]:
    out = []
    current = prog
    while current.extends and current.extends in catalog.programs_by_id:
        out.append(current.extends)
        current = catalog.programs_by_id[current.extends]
    return out


def unit_warnings(catalog: Catalog, program: Program) -> list[Problem]:
    """Numbers that look written in the wrong unit, or that the quote they cite does not print.

    Percentages are written as percent (3, not 0.03); money is in 万元 (2000, not
    20000000). A threshold whose quote prints numbers but not this one is worth a
    second look (warnings, not errors: a quote may rightly print none of them).
    """
    out = []
    own = program.notice.spec.notice.id
    for cid, crit in program.criteria.items():
        if crit.type != "compare" or crit.origin.notice_id != own:
            continue
        keys = crit.args.get("sum") or [crit.args.get("metric")]
        if not keys or not isinstance(keys[0], str) or not catalog.metrics.known(keys[0]):
            continue
        unit = catalog.metrics.unit(keys[0])
        where = _crit_place(program, cid)
        for arg in ("value", "upper"):
            v = crit.args.get(arg)
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                continue
            if arg in crit.refs:
                continue  # a named parameter: its own citation carries it
            if unit == "%" and 0 < abs(v) < 1:
                out.append(Problem(t("validate.percent", arg=arg, value=f"{v:g}"), **where(f".{arg}")))
            if unit == "万元" and abs(v) >= 1_000_000:
                out.append(Problem(t("validate.yuan", arg=arg, value=f"{v:g}"), **where(f".{arg}")))
            # 0 and 1 are rarely printed ("正增长", "取得…认证" is at least one), so they are not looked for
            if arg == "value" and v not in (0, 1) and number_in_quote(v, unit, crit.quote) is False:
                why = t("validate.value_not_in_quote", value=f"{v:g}", quote=repr(crit.quote))
                out.append(Problem(why, **where(".value")))
    return out


def _fund_placed(program: Program, problems: list[Problem]) -> list[Problem]:
    """Problems found computing ``program``'s fund (``fund.components[0].amount``) at their key in its notice.

    The fund is computed apart from the file, so its problems name the key within the
    fund; when the fund is written in the program's own notice, they are given the
    program's place (``programs[1].fund.components[0].amount``) and so their line.
    """
    nf = program.notice
    index = next((i for i, ps in enumerate(nf.spec.programs) if ps.fund is program.fund), None)
    if index is None or program.fund is None:
        return problems
    source = Path(nf.path).read_text(encoding="utf-8")
    out = []
    for p in problems:
        if p.key is not None and p.key.startswith("fund.") and p.file == nf.path:
            key = f"programs[{index}].{p.key}"
            p = attrs.evolve(p, key=key, line=locate(source, key) or p.line)
        out.append(p)
    return out


def _crit_place(program: Program, cid: str) -> Any:
    """Where criterion ``cid`` is written: in this program or in a base of the same notice."""
    nf = program.notice
    source = Path(nf.path).read_text(encoding="utf-8")
    origin = program.criteria[cid].origin
    base = None
    for i, ps in enumerate(nf.spec.programs):
        for j, c in enumerate(ps.criteria):
            if c.id == cid and (c.clause, c.quote) == (origin.clause, origin.quote):
                base = f"programs[{i}].criteria[{j}]"

    def where(suffix: str) -> dict[str, Any]:
        key = f"{base}{suffix}" if base else f"{program.id}.{cid}{suffix}"
        return {"file": nf.path, "key": key, "line": locate(source, key) if base else None}

    return where


def summary(findings: list[Finding]) -> str:
    """``2 errors, 1 warning`` (or ``no problems``)."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return t("validate.no_problems")
    parts = []
    if errors:
        parts.append(tn("validate.errors", errors, n=errors))
    if warnings:
        parts.append(tn("validate.warnings", warnings, n=warnings))
    return t("list.sep").join(parts)


__all__ = ["Finding", "check_file", "late_key_problems", "read_project", "summary", "validate"]
