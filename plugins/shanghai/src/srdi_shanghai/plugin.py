"""Hook implementations of the Shanghai plugin: its region and its notices."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.regions import Region

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Shanghai."""
    return [Region(code="310000", name="上海市", slug="shanghai")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Shanghai notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))
