"""Hook implementations of the Liaoning plugin: its region, its notices and its own fields."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Liaoning province."""
    return [Region(code="210000", name="辽宁省", slug="liaoning")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Liaoning notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only Liaoning's notices ask about (its own priority fields and catalogues)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-liaoning")
