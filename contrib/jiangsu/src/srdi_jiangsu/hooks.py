"""Hooks of the 江苏省 plugin (its region, notices and fields are declared in ``plugin.toml``).

The notices are data (notices/*.toml). Code covers only what no shape of the notice
format says: its metrics, ratios over 主营业务收入 and 营业利润 that srdi's core does not hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.metrics import Metric

from .metrics import jiangsu_metrics


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """申报产品 share, 营业利润率, R&D over 主营业务收入 and 主导产品 share (苏工信中小〔2021〕452号, 522号)."""
    return jiangsu_metrics()
