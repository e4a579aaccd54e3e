"""Hook implementations of the Hebei plugin: its regions, notices, fields and the rules data cannot say."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.deadlines import EventKind
from srdi.engine.conditions import ConditionType
from srdi.engine.metrics import Metric
from srdi.funds import ComponentKind
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

from .conditions import hebei_condition_types
from .events import hebei_event_kinds
from .funds import hebei_fund_components
from .metrics import hebei_metrics
from .regions import hebei_regions

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Hebei (claimed), and its cities and 雄安新区 (named for per-city quotas, not claimed)."""
    return hebei_regions()


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Hebei notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only Hebei's notices ask about (R&D institution grade, measure triggers, form cells)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-hebei")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """Industry scope of the R&D-grade rule, main-product share, self-funded R&D."""
    return hebei_metrics()


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """One of several yes/no facts (for the alternatives a fund component's condition lists)."""
    return hebei_condition_types()


@hookimpl
def srdi_register_event_kinds() -> Iterable[EventKind]:
    """Steps and duties the notices order without dating."""
    return hebei_event_kinds()


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """Award ranges, tiers closed at the top, rates capped by another figure."""
    return hebei_fund_components()
