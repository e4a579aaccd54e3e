"""Reading the plugin's own data files (the industry scope)."""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = resources.files(__package__)


def read(name: str) -> dict[str, Any]:
    """A TOML file of ``data/`` as a dict."""
    return tomllib.loads((HERE / "data" / name).read_text(encoding="utf-8"))
