"""Hook implementations of the Beijing plugin.

Its region, its notices (as data), and the few things data cannot say: Beijing's
own profile fields, two project ratios, a date-window test, the rolling monthly
intake and open-ended measures on the timeline, and three fund calculators.
"""

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

from . import dates, funds, metrics, timeline

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Beijing."""
    return [Region(code="110000", name="北京市", slug="beijing")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Beijing notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only Beijing's notices ask about: projects, IPO stages, platforms, yearly rewards."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-beijing")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """A project's investment completion, cost structure and share of digital devices."""
    return metrics.metrics()


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """``beijing.date_within``: a project or listing date inside the window a guide sets."""
    return dates.condition_types()


@hookimpl
def srdi_register_event_kinds() -> Iterable[EventKind]:
    """``beijing.rolling_month`` and ``beijing.validity_span``."""
    return timeline.event_kinds()


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """``beijing.up_to``, ``beijing.yearly_capped`` and ``beijing.settled_rate``."""
    return funds.component_kinds()
