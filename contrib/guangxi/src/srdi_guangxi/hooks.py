"""Hooks of the 广西壮族自治区 plugin (its region, notices and fields are declared in ``plugin.toml``).

The notices are data (notices/*.toml). Code covers only what no shape of the notice
format says: its metrics: 产值 and 平均劳动生产率 (产值/人数) and their growth, R&D over
主营业务收入, and a project's invested share of its planned fixed investment.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.metrics import Metric

from .metrics import guangxi_metrics


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """产值 and 平均劳动生产率 growth, R&D over 主营业务收入, a project's completed investment share."""
    return guangxi_metrics()
