"""The cross-plugin test matrix.

    nox -l                      # every session by name
    nox -s liaoning-3.11        # core plus the Liaoning plugin alone, on Python 3.11
    nox -s all-plugins          # every plugin together
    nox -s lint typecheck

Each per-plugin session installs core and that one plugin (no other), with
``SRDI_LOAD_PLUGINS`` set to it, and runs the plugin's tests plus the shared
conformance tests. Interpreters that are not installed are skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
PLUGINS = sorted(p.parent.name for p in (ROOT / "plugins").glob("*/pyproject.toml"))
CONTRIB = sorted(p.parent.name for p in (ROOT / "contrib").glob("*/pyproject.toml") if p.parent.name != "template")

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.error_on_missing_interpreters = False
nox.options.sessions = [f"{p}-3.11" for p in PLUGINS] + ["all-plugins"]


def _plugin_session(name: str, path: Path) -> None:
    def session_fn(session: nox.Session) -> None:
        session.install(f"{ROOT / 'core'}[test]", str(path))
        session.run(
            "pytest",
            str(path / "tests"),
            "--srdi-conformance",
            *session.posargs,
            env={"SRDI_LOAD_PLUGINS": name},
        )

    session_fn.__doc__ = f"core + {name} alone: its tests and the conformance suite"
    nox.session(name=name, python=PYTHONS)(session_fn)


for _name in PLUGINS:
    _plugin_session(_name, ROOT / "plugins" / _name)
for _name in CONTRIB:
    _plugin_session(_name, ROOT / "contrib" / _name)


@nox.session(name="all-plugins", python="3.11")
def all_plugins(session: nox.Session) -> None:
    """Every plugin together: the whole test suite."""
    session.install("-r", str(ROOT / "requirements.txt"))
    env = {k: v for k, v in os.environ.items() if k != "SRDI_LOAD_PLUGINS"}
    session.run("pytest", *session.posargs, env=env)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff over the whole repository."""
    session.install("ruff")
    session.run("ruff", "check", ".")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    """mypy --strict over core."""
    session.install(f"{ROOT / 'core'}", "mypy", "pandas-stubs")
    session.run("mypy")
