"""Metrics only 江苏's notices use.

- ``jiangsu.product_share``: 申报产品销售收入 / 主营业务收入 in percent (苏工信中小〔2021〕522号
  一（二）1 "申报产品的销售收入占企业主营业务收入的60%以上");
- ``jiangsu.operating_margin``: 营业利润 / 营业收入 in percent (522号 一（二）2（1）"平均营业利润率
  8%以上", 452号 附件1 "平均营业利润率5%以上"; srdi holds 利润总额, not 营业利润);
- ``jiangsu.rd_main_business_ratio``: 研究开发费用 / 主营业务收入 in percent (522号 一（二）2（1）
  "近3年研究开发费用占主营业务收入的比重均值不低于3%"; srdi's rd_ratio is over 营业收入);
- ``jiangsu.main_product_share``: 主导产品营业收入 / 营业收入 in percent (452号 附件1
  "主导产品营业收入占企业整体收入的40%以上");
- ``jiangsu.rd_ratio_mean_2y`` and ``jiangsu.rd_ratio_aggregate_2y``: the two readings of
  苏工信中小〔2021〕87号 二（一）3 "近2年研发经费支出占营业收入比重4%以上（2019、2020年平均值）",
  for the year named and the one before: the mean of the two yearly ratios, or the two
  years' 研发经费 over their 营业收入.

营业利润率 and the R&D share of 主营业务收入 are only ever averaged over three years
(平均营业利润率, 比重均值): a mean of yearly ratios has no single numerator to state a
shortfall in, so they are registered as plain percentages (a gap reads "营业利润率
needs +0.5% to reach 8%"), not as ratios whose gap is worded in 万元 of the numerator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from srdi.engine.metrics import Metric, quotient, quotient_one, ratio

if TYPE_CHECKING:
    import numpy as np

    from srdi.engine.columns import Columns
    from srdi.engine.facts import Facts

ORIGIN = "srdi-jiangsu"

_RATIOS = (
    ("jiangsu.product_share", "申报产品销售收入占主营业务收入比重", "jiangsu.product_sales", "main_business_revenue"),
    ("jiangsu.main_product_share", "主导产品营业收入占企业整体收入比重", "jiangsu.main_product_revenue", "revenue"),
)
_AVERAGED = (
    ("jiangsu.operating_margin", "营业利润率", "jiangsu.operating_profit", "revenue"),
    ("jiangsu.rd_main_business_ratio", "研究开发费用占主营业务收入比重", "rd_expense", "main_business_revenue"),
)


def _rd_mean_2y(cols: Columns | Facts, year: int | None) -> Any:
    # the same arithmetic on a frame's columns and on one enterprise's figures
    assert year is not None
    return (cols.metric("rd_ratio", year - 1) + cols.metric("rd_ratio", year)) / 2.0


def _rd_aggregate_2y(cols: Columns, year: int | None) -> np.ndarray:
    assert year is not None
    num = cols.metric("rd_expense", year - 1) + cols.metric("rd_expense", year)
    den = cols.metric("revenue", year - 1) + cols.metric("revenue", year)
    return quotient(num, den, 100.0)


def _rd_aggregate_2y_one(facts: Facts, year: int | None) -> float:
    assert year is not None
    num = facts.metric("rd_expense", year - 1) + facts.metric("rd_expense", year)
    den = facts.metric("revenue", year - 1) + facts.metric("revenue", year)
    return quotient_one(num, den, 100.0)


_TWO_YEARS = (
    ("jiangsu.rd_ratio_mean_2y", "近2年研发经费支出占营业收入比重（两年比重的平均值）", _rd_mean_2y, _rd_mean_2y),
    (
        "jiangsu.rd_ratio_aggregate_2y",
        "近2年研发经费支出占营业收入比重（两年合计口径）",
        _rd_aggregate_2y,
        _rd_aggregate_2y_one,
    ),
)


def jiangsu_metrics() -> list[Metric]:
    """The percentages the 江苏 notices need, each of two figures a profile holds."""
    ratios = [attrs.evolve(ratio(key, label, num, den), origin=ORIGIN) for key, label, num, den in _RATIOS]
    averaged = [
        attrs.evolve(ratio(key, label, num, den), numerator=None, denominator=None, origin=ORIGIN)
        for key, label, num, den in _AVERAGED
    ]
    two_years = [
        Metric(key, label, compute, inputs=("rd_expense", "revenue"), origin=ORIGIN, compute_one=one)
        for key, label, compute, one in _TWO_YEARS
    ]
    return ratios + averaged + two_years
