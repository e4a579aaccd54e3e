"""The national baseline: srdi's built-in plugin.

It registers what every catalog has — the core vocabulary, metrics, condition
types, event kinds and fund components, the province table — and the national
notices (工信厅企业函〔2021〕79号, 财建〔2021〕2号, 财建〔2024〕148号, and the standing
measures of 工信部企业〔2021〕170号) as data, exactly as a regional plugin registers its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..deadlines import EventKind, builtin_event_kinds
from ..engine.conditions import ConditionType, builtin_condition_types
from ..engine.metrics import Metric, builtin_metrics
from ..engine.shapes import shape_condition_types
from ..funds import ComponentKind, builtin_component_kinds
from ..hookspecs import hookimpl
from ..regions import Region, builtin_regions
from ..selection import SelectionRule, builtin_selection_rules
from ..vocabulary import FieldSpec
from ..vocabulary.fields import core_fields

NOTICES = resources.files(__name__) / "notices"


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """The nation, the provinces and the 计划单列市."""
    return builtin_regions()


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The national notices."""
    return sorted(Path(str(p)) for p in NOTICES.iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """The core enterprise vocabulary."""
    return core_fields()


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """Ratios, growth rates, counts and the size class."""
    return builtin_metrics()


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """compare, flag, choice, recognition, years_since, attest, region; points, benchmark, tenure, date, stacking."""
    return [*builtin_condition_types(), *shape_condition_types()]


@hookimpl
def srdi_register_event_kinds() -> Iterable[EventKind]:
    """date, window, period, annual, quarterly, monthly, after."""
    return builtin_event_kinds()


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """fixed, rate, per_item, match, bands."""
    return builtin_component_kinds()


@hookimpl
def srdi_register_selection_rules() -> Iterable[SelectionRule]:
    """priority: the notice's stated priorities, then its indicators."""
    return builtin_selection_rules()
