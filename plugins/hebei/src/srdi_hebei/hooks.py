"""Hooks of the Hebei plugin for what data cannot say.

Its regions, notices and fields are declared in ``plugin.toml``; these hooks add
the industry scope of the R&D-grade rule and other metrics, a condition type, the
steps the notices order without dating, and the fund calculators.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.deadlines import EventKind
from srdi.engine.conditions import ConditionType
from srdi.engine.metrics import Metric
from srdi.funds import ComponentKind

from .conditions import hebei_condition_types
from .events import hebei_event_kinds
from .funds import hebei_fund_components
from .metrics import hebei_metrics


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
