"""Hook implementations of the 重庆市 plugin: its region, its notices and its own fields.

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

from .metrics import chongqing_metrics

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """重庆市."""
    return [Region(code="500000", name="重庆市", slug="chongqing", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The 重庆市 notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only 重庆市's notices ask about (fields.toml, keys namespaced `chongqing.…`)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-chongqing")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """营业利润率 and 主导产品 share (the 市级 standard of 渝经信中小〔2021〕21号 附件2)."""
    return chongqing_metrics()
