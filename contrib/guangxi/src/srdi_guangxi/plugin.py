"""Hook implementations of the 广西壮族自治区 plugin: its region, its notices and its own fields.

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
from srdi.engine.metrics import Metric
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

from .metrics import guangxi_metrics

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """广西壮族自治区."""
    return [Region(code="450000", name="广西壮族自治区", slug="guangxi", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The 广西壮族自治区 notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only 广西壮族自治区's notices ask about (fields.toml, keys namespaced `guangxi.…`)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-guangxi")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """产值 and 平均劳动生产率 growth, R&D over 主营业务收入, a project's completed investment share."""
    return guangxi_metrics()
