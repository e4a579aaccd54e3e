"""Hooks of the Shanghai plugin for what data cannot say: one metric.

Its region, notices and fields are declared in ``plugin.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.metrics import Metric, ratio


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """R&D spending over 主营业务收入 (not 营业收入), the ratio the 科技小巨人 tiers test."""
    metric = ratio(
        "shanghai.rd_main_business_ratio",
        "研究开发费用占主营业务收入的比例",
        "rd_expense",
        "main_business_revenue",
        description="研发经费支出 / 主营业务收入 × 100; over several years, the ratio of the totals "
        "(沪科规〔2021〕12号 第六条（二）、第七条（二）).",
    )
    return [_with_origin(metric)]


def _with_origin(metric: Metric) -> Metric:
    import attrs

    return attrs.evolve(metric, origin="srdi-shanghai")
