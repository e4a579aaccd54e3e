"""Metrics only 重庆's notices use.

- ``chongqing.operating_margin``: 营业利润 / 营业收入 in percent (渝经信中小〔2021〕21号 附件2
  "上年度营业利润率达到3%（含，下同）以上"; srdi holds 利润总额, not 营业利润);
- ``chongqing.main_product_share``: 主导产品销售收入 / 营业收入 in percent (附件2
  "上年度主导产品销售收入占营业收入50%以上").

A value the profile gives directly wins over the computed one.
"""

from __future__ import annotations

import attrs

from srdi.engine.metrics import Metric, ratio

ORIGIN = "srdi-chongqing"


def chongqing_metrics() -> list[Metric]:
    """The metrics the 重庆 notices need."""
    return [
        attrs.evolve(
            ratio("chongqing.operating_margin", "营业利润率", "chongqing.operating_profit", "revenue"),
            origin=ORIGIN,
        ),
        attrs.evolve(
            ratio(
                "chongqing.main_product_share",
                "主导产品销售收入占营业收入比重",
                "chongqing.main_product_revenue",
                "revenue",
            ),
            origin=ORIGIN,
        ),
    ]
