"""The cross-plugin test matrix.

    nox -l                              # every session by name
    nox -s liaoning                     # core + the Liaoning plugin alone: every Python, both bounds
    nox -s "liaoning(3.11-highest)"     # one cell of the matrix
    nox -s core                         # core's own tests, every Python, both bounds
    nox -k highest                      # every cell with the newest dependencies
    nox -t ci                           # the cells CI runs (see below)
    nox -s all-plugins lint typecheck
    nox -s build                        # wheels of srdi and every plugin into dist/

Per-plugin sessions install core and that one plugin (no other) into a fresh
environment, with ``SRDI_LOAD_PLUGINS`` set to it, and run the plugin's tests, its
case files and srdi's conformance suite (``--srdi-conformance``). ``core`` runs
core's own tests, with the four plugins under ``plugins/`` that they use as
fixtures. Every session is defined on Python
3.10–3.13 and on two dependency sets: ``highest`` (the newest versions the
pyprojects allow) and ``lowest`` (every direct dependency pinned to the floor its
pyproject declares, transitive ones resolved as usual). Interpreters that are not
installed are skipped.

What CI runs (``-t ci``), and why not the whole matrix: CI has 2 cores and should
finish in well under 45 minutes while the contrib plugins keep multiplying. Its
first step, the README's test command, already runs every test of every plugin
together on 3.11 with the newest dependencies; the matrix adds what that run
cannot see — each plugin alone (nothing borrowed from another plugin), the floors
its pyproject claims, and the other interpreters:

- ``core``: two cells at the ends of the support range, 3.10 at the floors and
  3.13 at the newest versions (a core test run takes minutes; the middle Pythons
  add little that the ends and the README run do not already cover);
- the four plugins under ``plugins/`` (the models other regions copy, and the only
  ones with Python hooks of any size): every Python once, the bound alternating with
  the Python and shifted by the plugin's place, so that each plugin meets its floors
  and the newest versions and every (Python, bound) pair is run by two of the four;
- each contrib plugin: one cell, the plugin alone. Contrib plugins are data (their
  notices run on core's code, which the cells above cover on every Python and
  bound), so what a cell adds is the plugin standing on its own; the cell's
  Python and bound rotate with the plugin's place in the sorted list through
  all eight (3.10 floors, 3.10 newest, 3.11 floors, …), so every combination is
  exercised by some contrib plugin on every run.

The full matrix stays one command away (``nox -t plugins`` and ``nox -s core``).

Measured on the 2-core machine: with 36 plugins, every seed plugin on all eight cells
and the suite in one process, a clean-clone ``.ci/run`` took 31–40 minutes (the
README's test command, about 6,900 tests, 8–10 minutes of it; ``core(3.10-lowest)``
5.5 minutes, its property tests slow at the floors). So the seed plugins now run four
cells each (every Python once), and the README's command and the ``core`` and
``all-plugins`` sessions run the suite on every core (``-n auto``; ``--dist=worksteal`` in
pyproject.toml lets an idle worker take the property tests queued behind one another):
the README's command 6.3 minutes, ``core(3.10-lowest)`` 3.3 minutes and the whole
``.ci/run`` on a clean clone 25 minutes on the same machine. Since then the suite has
grown to about 10,000 tests (every example against every program of its region, alone
and as a one-row table): the README's command takes 6.5 minutes, ``core(3.10-lowest)``
5 minutes, and a clean-clone ``.ci/run`` 29–31 minutes, still well inside the bound. The
latest clean-clone runs (about 10,100 tests) took 18–23 minutes: the README's command
4.4–6.2 minutes, ``core(3.10-lowest)`` 3–4 minutes.
A plugin's own cell stays in one process: its tests take seconds, less than starting
workers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nox

ROOT = Path(__file__).parent
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
DEPS = ["lowest", "highest"]
# every distribution with a pyproject under plugins/ and contrib/ (the template has none)
PLUGINS = {
    p.parent.name: p.parent
    for p in sorted([*ROOT.glob("plugins/*/pyproject.toml"), *ROOT.glob("contrib/*/pyproject.toml")])
}

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.error_on_missing_interpreters = False
nox.options.sessions = [f"{name}(3.11-highest)" for name in PLUGINS] + ["all-plugins", "lint"]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def floors(*projects: Path, extras: tuple[str, ...] = ("test",)) -> list[str]:
    """``name==floor`` for every ``name>=floor`` direct dependency the pyprojects declare (markers kept)."""
    from packaging.requirements import Requirement

    pins: dict[str, str] = {}
    local = set()
    for project in projects:
        meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        local.add(meta["name"])
        reqs = list(meta.get("dependencies", []))
        for extra in extras:
            reqs += meta.get("optional-dependencies", {}).get(extra, [])
        for text in reqs:
            req = Requirement(text)
            low = [s.version for s in req.specifier if s.operator in (">=", "==", "~=")]
            if low and req.name not in local:
                marker = f"; {req.marker}" if req.marker else ""
                pins[f"{req.name}{marker}"] = f"{req.name}=={low[0]}{marker}"
    return sorted(pins.values())


def install(session: nox.Session, deps: str, *projects: Path) -> None:
    """Install core (with its test extra) and ``projects`` at the highest or lowest allowed versions."""
    targets = [f"{ROOT / 'core'}[test]", *(str(p) for p in projects)]
    # built and installed as users get them, never as editable workspace members
    options = ["--no-sources"] if session.venv_backend == "uv" else []
    if deps == "lowest":
        constraints = Path(session.create_tmp()) / "lowest.txt"
        constraints.write_text("\n".join(floors(ROOT / "core", *projects)) + "\n", encoding="utf-8")
        options += ["-c", str(constraints)]
    session.install(*options, *targets)


def cells(ci: Callable[[int, str], bool]) -> list[Any]:
    """Every (python, deps) cell, tagged ``ci`` where ``ci(index of the Python, deps)`` says so."""
    return [
        nox.param(py, deps, id=f"{py}-{deps}", tags=["ci"] if ci(i, deps) else [])
        for i, py in enumerate(PYTHONS)
        for deps in DEPS
    ]


def seed_ci(place: int) -> Callable[[int, str], bool]:
    """The CI cells of the seed plugin at ``place``: every Python, floors and newest versions in turn."""
    return lambda i, d: d == DEPS[(i + place) % len(DEPS)]


def contrib_ci(place: int) -> Callable[[int, str], bool]:
    """The CI cell of the contrib plugin at ``place``: the eight (Python, bound) pairs in turn."""
    python, deps = (place // len(DEPS)) % len(PYTHONS), DEPS[place % len(DEPS)]
    return lambda i, d: (i, d) == (python, deps)


def _plugin_session(name: str, path: Path, ci: Callable[[int, str], bool]) -> None:
    @nox.parametrize(["python", "deps"], cells(ci))
    def session_fn(session: nox.Session, deps: str) -> None:
        install(session, deps, path)
        session.run(
            "pytest",
            str(path / "tests"),
            "--srdi-conformance",
            "-p",
            "no:cacheprovider",
            *session.posargs,
            env={"SRDI_LOAD_PLUGINS": name},
        )

    session_fn.__doc__ = f"core + {name} alone: its tests, case files and the conformance suite"
    nox.session(name=name, tags=["plugins", name])(session_fn)


SEED = [path for path in PLUGINS.values() if path.parent.name == "plugins"]
_SEED = [path.name for path in SEED]
_CONTRIB = [name for name, path in PLUGINS.items() if path.parent.name == "contrib"]
for _name, _path in PLUGINS.items():
    _plugin_session(
        _name, _path, contrib_ci(_CONTRIB.index(_name)) if _name in _CONTRIB else seed_ci(_SEED.index(_name))
    )


@nox.session(name="core", tags=["core"])
@nox.parametrize(["python", "deps"], cells(lambda i, deps: (i, deps) in {(0, "lowest"), (len(PYTHONS) - 1, "highest")}))
def core(session: nox.Session, deps: str) -> None:
    """Core's own tests, with the plugins under plugins/ they use as fixtures (no contrib plugin)."""
    install(session, deps, *SEED)
    # on every core: minutes of property tests (a plugin's cell is seconds, less than starting workers)
    session.run("pytest", str(ROOT / "core" / "tests"), "-n", "auto", "-p", "no:cacheprovider", *session.posargs)


@nox.session(name="all-plugins", python="3.11")
def all_plugins(session: nox.Session) -> None:
    """Every plugin together: the README's install and the whole test suite."""
    session.install("-r", str(ROOT / "requirements.txt"))
    env = {k: v for k, v in os.environ.items() if k != "SRDI_LOAD_PLUGINS"}
    session.run("pytest", "-n", "auto", "-p", "no:cacheprovider", *session.posargs, env=env)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff over the whole repository: lint and format."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    """mypy --strict over core (configured in pyproject.toml)."""
    # with the test extra: srdi.testing imports pytest and hypothesis
    session.install(f"{ROOT / 'core'}[test,web]", "mypy", "pandas-stubs", "types-jsonschema", "tomli")
    session.run("mypy")


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """The benchmark against the peers' NumPy, OpenFisca and rule-engine versions (see benchmarks/bench.py).

    The peers' benchmark is run from where it lives (``--peers``, default ../shared/peers),
    with its own requirements installed here: ``nox -s bench -- --sizes 10k,100k --rounds 2``.
    """
    peers = Path(os.environ.get("SRDI_PEERS", ROOT.parent / "shared" / "peers"))
    session.install("-r", str(peers / "requirements.txt"))
    session.install(f"{ROOT / 'core'}[batch,dask]", str(ROOT / "plugins" / "liaoning"))
    session.run("python", str(ROOT / "benchmarks" / "bench.py"), "--peers", str(peers), *session.posargs)


@nox.session(python="3.11")
def build(session: nox.Session) -> None:
    """Wheels of srdi and of every plugin into dist/, to install where this repository is not."""
    session.install("build")
    out = ROOT / "dist"
    for project in [ROOT / "core", *PLUGINS.values()]:
        session.run("python", "-m", "build", "--wheel", "--outdir", str(out), str(project))
    session.log(f"wheels in {out}: pip install {out}/srdi-*.whl {out}/srdi_liaoning-*.whl …")
