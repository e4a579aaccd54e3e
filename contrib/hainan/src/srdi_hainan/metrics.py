"""Metrics only 海南's notices use.

- ``hainan.rd_main_business_ratio``: 研发投入支出 / 主营业务收入 in percent (琼工信规〔2021〕1号
  四（三）4 "近二年的研发投入支出占主营业务收入的比重≥2%"; srdi's ``rd_ratio`` divides by
  营业收入). It is a ratio metric, so a two-year aggregate divides the two years' R&D by
  the two years' 主营业务收入.

A value the profile gives directly wins over the computed one.
"""

from __future__ import annotations

import attrs

from srdi.engine.metrics import Metric, ratio

ORIGIN = "srdi-hainan"


def hainan_metrics() -> list[Metric]:
    """The metrics the 海南 notices need."""
    return [
        attrs.evolve(
            ratio(
                "hainan.rd_main_business_ratio",
                "研发投入支出占主营业务收入比重",
                "rd_expense",
                "main_business_revenue",
                description="研发经费支出 / 主营业务收入, in percent",
            ),
            origin=ORIGIN,
        ),
    ]
