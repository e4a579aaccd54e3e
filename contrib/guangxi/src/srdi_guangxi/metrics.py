"""Metrics only 广西's notices use.

- ``guangxi.output_value_growth``: year-on-year growth of 产值 (the 2021 standard's
  高成长性 counts it among five indicators);
- ``guangxi.labour_productivity``: 平均劳动生产率, 产值 / 从业人数 in 万元 per person, as the
  standard defines it ("平均劳动生产率（产值/人数）"), and its growth;
- ``guangxi.rd_main_business_ratio``: 研发投入 / 主营业务收入 in percent (技术创新示范企业
  "研发投入占年主营业务收入比例"; srdi's ``rd_ratio`` divides by 营业收入);
- ``guangxi.project_completed_share``: 已累计完成固定资产投资 / 固定资产投资计划总额 in
  percent (工业振兴资金项目 "已累计完成固定资产投资计划总额达到30％以上").

Every figure comes from the profile; a value the profile gives directly wins over the
computed one. Missing or non-positive denominators leave the metric unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from srdi.engine.metrics import Metric, growth, quotient, quotient_one, ratio

if TYPE_CHECKING:
    import numpy as np

    from srdi.engine.columns import Columns
    from srdi.engine.facts import Facts

ORIGIN = "srdi-guangxi"


def _per_person(cols: Columns, year: int | None) -> np.ndarray:
    return quotient(cols.metric("guangxi.output_value", year), cols.metric("employees", year))


def _per_person_one(facts: Facts, year: int | None) -> float:
    return quotient_one(facts.metric("guangxi.output_value", year), facts.metric("employees", year))


def _completed_share(cols: Columns, year: int | None) -> np.ndarray:
    done, planned = cols.metric("guangxi.project_fixed_invested"), cols.metric("guangxi.project_fixed_investment")
    return quotient(done, planned, 100.0)


def _completed_share_one(facts: Facts, year: int | None) -> float:
    done, planned = facts.metric("guangxi.project_fixed_invested"), facts.metric("guangxi.project_fixed_investment")
    return quotient_one(done, planned, 100.0)


def guangxi_metrics() -> list[Metric]:
    """The metrics the 广西 notices need."""
    return [
        attrs.evolve(growth("guangxi.output_value_growth", "产值增长率", "guangxi.output_value"), origin=ORIGIN),
        Metric(
            "guangxi.labour_productivity",
            "平均劳动生产率（产值/人数）",
            _per_person,
            unit="万元/人",
            inputs=("guangxi.output_value", "employees"),
            origin=ORIGIN,
            description="产值 / 从业人数 of the year; unknown while either is missing",
            compute_one=_per_person_one,
        ),
        attrs.evolve(
            growth("guangxi.labour_productivity_growth", "平均劳动生产率增长率", "guangxi.labour_productivity"),
            origin=ORIGIN,
        ),
        attrs.evolve(
            ratio(
                "guangxi.rd_main_business_ratio",
                "研发投入占主营业务收入比例",
                "rd_expense",
                "main_business_revenue",
                description="研发经费支出 / 主营业务收入, in percent",
            ),
            origin=ORIGIN,
        ),
        Metric(
            "guangxi.project_completed_share",
            "已累计完成固定资产投资占计划总额比例",
            _completed_share,
            yearly=False,
            inputs=("guangxi.project_fixed_invested", "guangxi.project_fixed_investment"),
            origin=ORIGIN,
            description="项目已累计完成固定资产投资 / 项目固定资产投资计划总额, in percent",
            compute_one=_completed_share_one,
        ),
    ]
