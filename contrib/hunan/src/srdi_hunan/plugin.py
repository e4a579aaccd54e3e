"""Hook implementations of the 湖南省 plugin: its region, its notices and its own fields.

Notice data never lives here: thresholds, dates and amounts are in notices/*.toml,
each citing its clause. One hook beyond the generated ones: the sector an
enterprise belongs to (制造业 or 软件和信息技术服务业), a metric read from its industry
code, because the 培育计划 sets its economic floors by sector.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.engine.metrics import Metric
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

from .metrics import hunan_metrics

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """湖南省."""
    return [Region(code="430000", name="湖南省", slug="hunan", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The 湖南省 notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only 湖南省's notices ask about (fields.toml, keys namespaced `hunan.…`)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-hunan")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """``hunan.sector``: manufacturing, software_it or other, from the industry code."""
    return hunan_metrics()
