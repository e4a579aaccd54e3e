"""Hooks of the Beijing plugin for what data cannot say.

Its region, notices and fields are declared in ``plugin.toml``, and its date windows
are srdi's ``date`` condition type; these hooks add two project ratios, the rolling
monthly intake and open-ended measures on the timeline, and three fund calculators.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.deadlines import EventKind
from srdi.engine.metrics import Metric
from srdi.funds import ComponentKind

from . import funds, metrics, timeline


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """A project's investment completion, cost structure and share of digital devices."""
    return metrics.metrics()


@hookimpl
def srdi_register_event_kinds() -> Iterable[EventKind]:
    """``beijing.rolling_month`` and ``beijing.validity_span``."""
    return timeline.event_kinds()


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """``beijing.up_to``, ``beijing.yearly_capped`` and ``beijing.settled_rate``."""
    return funds.component_kinds()
