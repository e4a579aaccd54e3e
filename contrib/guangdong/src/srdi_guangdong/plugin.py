"""Hook implementations of the 广东省 plugin: its region and cities, its notices and its own fields.

Notice data never lives here: thresholds, dates and amounts are in notices/*.toml,
each citing its clause; the province and the cities its notices' zones name are in
regions.toml. No hook beyond the generated ones.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """广东省, which the plugin serves, and its 21 地级以上市, which it only names (regions.toml)."""
    data = tomllib.loads((HERE / "regions.toml").read_text(encoding="utf-8"))
    return [Region(**item) for item in data["regions"]]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The 广东省 notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only 广东省's notices ask about (fields.toml, keys namespaced `guangdong.…`)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-guangdong")
