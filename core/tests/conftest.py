"""Shared fixtures for core tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import srdi
from srdi.catalog import Catalog


@pytest.fixture(autouse=True)
def _piped_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands print as they do when piped (160 columns), whatever ``COLUMNS`` the caller's shell sets.

    A test that reads a layout at a given width sets ``COLUMNS`` itself.
    """
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(scope="session")
def baseline() -> Catalog:
    """The national baseline alone."""
    return srdi.load([])


SHAPES = Path(__file__).parent / "data" / "shapes"


@pytest.fixture(scope="session")
def shapes() -> Catalog:
    """The baseline and the test notices of the rule shapes (core/tests/data/shapes, a data-only plugin)."""
    import importlib
    import sys

    from srdi.declared import declared_plugin
    from srdi.plugins import PluginHost

    sys.path.insert(0, str(SHAPES / "src"))
    try:
        module = importlib.import_module("srdi_shapes")
    finally:
        sys.path.remove(str(SHAPES / "src"))
    host = PluginHost()
    plugin = declared_plugin(module, "srdi-shapes-examples")
    assert plugin is not None
    host.register(plugin, "shapes", "srdi-shapes-examples", "0.1.0")
    return Catalog(host)


@pytest.fixture(params=["calamine", "streaming"])
def sheet_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each sheet test runs on both readers: python-calamine for dense sheets, the streaming parser for the rest."""
    if request.param == "streaming":
        monkeypatch.setattr("srdi.batch.xlsxfile._calamine_fits", lambda scan: False)
    return str(request.param)
