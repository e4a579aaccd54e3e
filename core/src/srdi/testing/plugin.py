"""The srdi pytest plugin (entry point ``pytest11``): fixtures any plugin's tests get."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def srdi_catalog():
    """A catalog with every installed plugin (honours ``SRDI_LOAD_PLUGINS``)."""
    import srdi

    return srdi.load()
