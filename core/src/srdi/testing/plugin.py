"""The srdi pytest plugin (entry point ``pytest11``), active wherever srdi is installed.

It gives any plugin's tests these things:

- ``--srdi-conformance``: adds the conformance suite (:mod:`srdi.testing.conformance`)
  to the run, checking every plugin ``SRDI_LOAD_PLUGINS`` selects (``pytest --pyargs
  srdi.testing.conformance`` runs it alone);
- case files: every ``*.toml`` in a folder named ``cases`` is collected, one test
  per ``[[cases]]`` entry (see :mod:`srdi.testing.cases`);
- fixtures: ``srdi_catalog`` (every selected plugin, loaded once per session);
- a notice cache of the run's own (``SRDI_CACHE_DIR``, unless set), removed at the end;
- a Hypothesis profile ``ci`` (chosen with ``HYPOTHESIS_PROFILE=ci``): the same examples
  on every run, so a CI failure is one a developer reproduces, not one the draw found.

Nothing heavy is imported until a test needs it, so the plugin costs nothing in
projects that merely have srdi installed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from srdi.catalog import Catalog

    from .cases import ResolvedCase

_CATALOG = pytest.StashKey["Catalog"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--srdi-conformance``."""
    group = parser.getgroup("srdi", "srdi plugins")
    group.addoption(
        "--srdi-conformance",
        action="store_true",
        default=False,
        help="also run srdi's conformance suite over every selected plugin (SRDI_LOAD_PLUGINS)",
    )


_OWN_CACHE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Keep the notices a test run reads in a cache folder of its own, removed at the end.

    A test suite loads notices many times, in many versions; it should neither fill
    the user's cache nor read what another run left there. ``SRDI_CACHE_DIR`` set
    beforehand is kept (to test against a given cache).
    """
    import os
    import tempfile

    if "SRDI_CACHE_DIR" not in os.environ:
        os.environ["SRDI_CACHE_DIR"] = config.stash[_OWN_CACHE] = tempfile.mkdtemp(prefix="srdi-test-cache-")
    _hypothesis_profile(os.environ.get("HYPOTHESIS_PROFILE"))


def _hypothesis_profile(name: str | None) -> None:
    """Register the ``ci`` profile and load the one ``HYPOTHESIS_PROFILE`` names, before test modules import.

    ``ci`` draws the same examples on every run (``derandomize``) and keeps no example
    database; local runs keep Hypothesis's random exploration, which finds new cases.
    """
    if importlib.util.find_spec("hypothesis") is None:
        return
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
    if name:
        settings.load_profile(name)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's own cache folder."""
    import os
    import shutil

    own = config.stash.get(_OWN_CACHE, None)
    if own is not None:
        shutil.rmtree(own, ignore_errors=True)
        if os.environ.get("SRDI_CACHE_DIR") == own:
            del os.environ["SRDI_CACHE_DIR"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Add the conformance suite's items when asked to (before ``-k`` and ``-m`` select among them).

    The suite is collected as a module directly under the session, imported by its
    name, so it works wherever srdi is installed and whatever the rootdir.
    """
    if not config.getoption("srdi_conformance"):
        return
    path = _conformance_path()
    if any(getattr(item, "path", None) == path for item in items):
        return  # the module was also named on the command line
    module = ConformanceModule.from_parent(session, path=path)
    items.extend(session.genitems(module))


def _conformance_path() -> Path:
    spec = importlib.util.find_spec("srdi.testing.conformance")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin)


class ConformanceModule(pytest.Module):
    """The conformance suite, imported as ``srdi.testing.conformance`` (not by path, which depends on rootdir)."""

    def _getobj(self) -> Any:
        import importlib

        return importlib.import_module("srdi.testing.conformance")


def catalog_for(config: pytest.Config) -> Catalog:
    """The session's catalog of every selected plugin (loaded on first use)."""
    if _CATALOG not in config.stash:
        import srdi

        config.stash[_CATALOG] = srdi.load()
    return config.stash[_CATALOG]


@pytest.fixture(scope="session")
def srdi_catalog(request: pytest.FixtureRequest) -> Catalog:
    """A catalog with every installed plugin (honours ``SRDI_LOAD_PLUGINS``)."""
    return catalog_for(request.config)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect case files: ``*.toml`` in a folder named ``cases``."""
    if file_path.suffix == ".toml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    """A TOML file of cases: one item per ``[[cases]]`` entry, or one failing item when the file as a whole is bad."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item per case (a case that breaks the schema fails alone), or one item reporting the file's problems."""
        from srdi import i18n

        from .cases import ResolvedCase, not_installed, not_installed_message, read_cases

        reading = read_cases(self.path)
        if reading.problems:
            head = (
                i18n.tn("case.schema_not_run", reading.total, count=reading.total)
                if reading.total
                else i18n.t("case.schema")
            )
            yield CaseSchemaItem.from_parent(
                self, name="schema", head=head, problems=[str(p) for p in reading.problems]
            )
            return
        # the cases of a plugin that is not installed fail once, together: installing it is the one fix
        missing = not_installed(reading.cases)
        for plugin, cases in missing.items():
            ids = i18n.t("list.sep").join(rc.case.id for rc in cases)
            yield CaseSchemaItem.from_parent(
                self,
                name=f"plugin-{plugin}-not-installed",
                head=not_installed_message(plugin, cases),
                problems=[i18n.tn("case.plugin_cases_not_run", len(cases), n=len(cases), ids=ids)],
                line=cases[0].line,
                kind="plugin",
            )
        skipped = {id(rc) for cases in missing.values() for rc in cases}
        for entry in reading.entries:
            if isinstance(entry, ResolvedCase):
                if id(entry) not in skipped:
                    yield CaseItem.from_parent(self, name=entry.case.id, resolved=entry)
            else:
                head = i18n.t("case.broken", id=repr(entry.name), where=entry.where)
                problems = [str(p) for p in entry.problems]
                yield CaseSchemaItem.from_parent(self, name=entry.name, head=head, problems=problems, line=entry.line)


class CaseMismatch(Exception):
    """A case whose program said something else; the message lists every difference."""


class CaseSchemaItem(pytest.Item):
    """Fails with the schema problems of a case file, or of one of its cases (``line`` is then the case's).

    Also the one failure of a file's cases whose plugin is not installed (``kind`` "plugin").
    """

    def __init__(
        self, *, head: str, problems: list[str], line: int | None = None, kind: str = "case schema", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.head = head
        self.problems = problems
        self.line = line
        self.kind = kind

    def runtest(self) -> None:
        """Fail: the file or case must be fixed before it means anything."""
        raise CaseMismatch(self.head + "\n  " + "\n  ".join(self.problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The problems, without a traceback."""
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the problems are."""
        return self.path, (self.line or 1) - 1, f"{self.path.name}: {self.kind} ({self.name})"


class CaseItem(pytest.Item):
    """One case: evaluate its program on its profile and compare with every expectation."""

    def __init__(self, *, resolved: ResolvedCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.resolved = resolved

    def runtest(self) -> None:
        """Run the case; fail with every mismatch."""
        from srdi import i18n
        from srdi.errors import SrdiError

        from .cases import run_case

        try:
            problems = run_case(catalog_for(self.config), self.resolved)
        except SrdiError as exc:
            where = i18n.t("case.raised", id=repr(self.resolved.case.id), where=self.resolved.where)
            raise CaseMismatch(where + "\n  " + "\n  ".join(str(p) for p in exc.problems)) from None
        if problems:
            raise CaseMismatch("\n  ".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The mismatches, without a traceback (other errors keep theirs)."""
        if isinstance(excinfo.value, CaseMismatch):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The case's line in its file."""
        line = (self.resolved.line or 1) - 1
        return self.path, line, f"case {self.resolved.case.id} ({self.resolved.program})"
