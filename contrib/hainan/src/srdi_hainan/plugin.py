"""Hook implementations of the 海南省 plugin: its region, its notices and its own fields.

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

from .metrics import hainan_metrics

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """海南省."""
    return [Region(code="460000", name="海南省", slug="hainan", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The 海南省 notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only 海南省's notices ask about (fields.toml, keys namespaced `hainan.…`)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-hainan")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """R&D over 主营业务收入 (the 2021 实施方案's 创新型 condition)."""
    return hainan_metrics()
