"""Hooks of the 重庆市 plugin (its region, notices and fields are declared in ``plugin.toml``).

The notices are data (notices/*.toml). Code covers only what no shape of the notice
format says: its metrics: 营业利润率 (srdi holds 利润总额, not 营业利润) and the 主导产品 share
of 营业收入.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.metrics import Metric

from .metrics import chongqing_metrics


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """营业利润率 and 主导产品 share (the 市级 standard of 渝经信中小〔2021〕21号 附件2)."""
    return chongqing_metrics()
