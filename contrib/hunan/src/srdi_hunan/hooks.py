"""Hooks of the Hunan plugin (its region, notices and fields are declared in ``plugin.toml``).

Notice data never lives here: thresholds, dates and amounts are in notices/*.toml,
each citing its clause. One hook: the sector an enterprise belongs to (制造业 or 软件
和信息技术服务业), a metric read from its industry code, because the 培育计划 sets its
economic floors by sector.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.metrics import Metric

from .metrics import hunan_metrics


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """``hunan.sector``: manufacturing, software_it or other, from the industry code."""
    return hunan_metrics()
