"""Hook implementations of the 黑龙江省 plugin: its region, its notices and its own fields.

Notice data never lives here: thresholds, dates and amounts are in notices/*.toml,
each citing its clause. Add a hook only for what data cannot say (a new condition
type, metric, event kind, fund calculator, form check or selection rule); see
srdi's hook reference (docs/hooks.md).
"""

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
    """黑龙江省."""
    return [Region(code="230000", name="黑龙江省", slug="heilongjiang", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The 黑龙江省 notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only 黑龙江省's notices ask about (fields.toml, keys namespaced `heilongjiang.…`)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-heilongjiang")
