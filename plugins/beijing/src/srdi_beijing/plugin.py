"""Hook implementations of the Beijing plugin: its region and its notices."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.regions import Region

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Beijing."""
    return [Region(code="110000", name="北京市", slug="beijing")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Beijing notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))
