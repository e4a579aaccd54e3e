"""Fixtures for the Liaoning plugin's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import srdi
from srdi.catalog import Catalog

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def liaoning() -> Catalog:
    """The baseline plus the Liaoning plugin, and nothing else."""
    return srdi.load(["liaoning"])


@pytest.fixture()
def example(liaoning):
    """Load a shipped example profile by name."""
    return lambda name: liaoning.load_profile(EXAMPLES / f"{name}.toml")
