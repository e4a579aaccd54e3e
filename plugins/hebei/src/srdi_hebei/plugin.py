"""Hook implementations of the Hebei plugin: its region and its notices."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.regions import Region

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Hebei."""
    return [Region(code="130000", name="河北省", slug="hebei")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Hebei notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))
