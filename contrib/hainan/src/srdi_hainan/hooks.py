"""Hooks of the 海南省 plugin (its region, notices and fields are declared in ``plugin.toml``).

The notices are data (notices/*.toml). Code covers only what no shape of the notice
format says: its metric: R&D over 主营业务收入 (the 实施方案's 创新型 condition divides by
主营业务收入, srdi's rd_ratio by 营业收入).
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.metrics import Metric

from .metrics import hainan_metrics


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """R&D over 主营业务收入 (the 2021 实施方案's 创新型 condition)."""
    return hainan_metrics()
