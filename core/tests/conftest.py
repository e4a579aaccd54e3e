"""Shared fixtures for core tests."""

from __future__ import annotations

import pytest

import srdi
from srdi.catalog import Catalog


@pytest.fixture(scope="session")
def baseline() -> Catalog:
    """The national baseline alone."""
    return srdi.load([])
