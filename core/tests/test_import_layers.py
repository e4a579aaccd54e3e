"""Imports inside srdi run one way: the CLI on top, then the catalog, then what it merges, then the notice model.

The import graph is read from the source with :mod:`ast` — every ``import`` and
``from … import``, including those under ``TYPE_CHECKING`` and inside functions,
since each is a dependency a reader must follow. A cycle makes the layers
impossible to see, so any cycle fails, naming its modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import srdi

ROOT = Path(srdi.__file__).parent

#: Cycles still being untangled elsewhere; each must really exist, so this list only shrinks.
KNOWN_CYCLES: list[frozenset[str]] = []

#: Modules below the catalog: they may not import the catalog, the API, the CLI or anything built on them.
BELOW_CATALOG = (
    "srdi.notices",
    "srdi.programs",
    "srdi.engine",
    "srdi.forms",
    "srdi.hookspecs",
    "srdi.plugins",
    "srdi.declared",
    "srdi.baseline",
    "srdi.regions",
    "srdi.profile",
    "srdi.vocabulary",
    "srdi.deadlines",
    "srdi.funds",
    "srdi.selection",
    "srdi.quotas",
    "srdi.results",
)
ABOVE_CATALOG = ("srdi.catalog", "srdi.api", "srdi.cli", "srdi.batch", "srdi.validate", "srdi.diff", "srdi.testing")


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def import_graph() -> dict[str, set[str]]:
    """Module → the srdi modules it imports (a package's parent ``__init__`` is not counted)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package[: len(package) - (node.level - 1)]
                    base = ".".join(up + ([node.module] if node.module else []))
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                while name and name not in mods:
                    name = name.rpartition(".")[0]
                if name and name != mod:
                    graph[mod].add(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(frozenset(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_lazy_and_type_checking_imports():
    graph = import_graph()
    # plugins imports the baseline inside PluginHost.__init__; forms imports engine.columns inside a function;
    # hookspecs imports the record types under TYPE_CHECKING only
    assert "srdi.baseline" in graph["srdi.plugins"]
    assert "srdi.engine.columns" in graph["srdi.forms"]
    assert {"srdi.forms", "srdi.regions", "srdi.selection"} <= graph["srdi.hookspecs"]


def test_no_import_cycle():
    found = cycles(import_graph())
    unexpected = [sorted(c) for c in found if c not in KNOWN_CYCLES]
    assert unexpected == [], f"import cycles: {unexpected}"
    # a known cycle that no longer exists is struck off the list
    assert [sorted(c) for c in KNOWN_CYCLES if c not in found] == []


def test_nothing_below_the_catalog_imports_what_sits_above_it():
    graph = import_graph()
    wrong = sorted(
        (mod, dep)
        for mod, deps in graph.items()
        if mod.startswith(BELOW_CATALOG)
        for dep in deps
        if dep.startswith(ABOVE_CATALOG) or dep == "srdi"
    )
    assert wrong == []


def test_the_notice_model_imports_only_errors_conversion_and_messages():
    graph = import_graph()
    deps = {dep for mod, ds in graph.items() if mod.startswith("srdi.notices") for dep in ds}
    # the message catalogue imports nothing of srdi's: every layer, the errors included, speaks through it
    assert graph["srdi.i18n"] == set()
    assert {d for d in deps if not d.startswith("srdi.notices")} <= {"srdi.errors", "srdi._convert", "srdi.i18n"}


def test_a_cycle_is_found():
    # the detector itself: a → b → c → a is one cycle, d alone is none
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]


def test_the_web_service_does_not_import_the_cli():
    # the CLI sits on top (`srdi serve` starts the service); what the service shares with the commands (a
    # workbook's 说明 sheet, say) lives below both, so the service never reaches up into a command's module
    graph = import_graph()
    crossing = sorted(
        f"{mod} → {dep}"
        for mod, deps in graph.items()
        if mod.startswith("srdi.web")
        for dep in deps
        if dep.startswith("srdi.cli")
    )
    assert crossing == [], crossing
