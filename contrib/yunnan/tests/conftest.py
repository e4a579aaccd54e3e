"""Fixtures for the 云南省 plugin's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import srdi
from srdi.catalog import Catalog

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The national baseline plus this plugin, and nothing else."""
    return srdi.load(["yunnan"])


@pytest.fixture()
def example(catalog):
    """Load an example profile by name."""
    return lambda name: catalog.load_profile(EXAMPLES / f"{name}.toml")
