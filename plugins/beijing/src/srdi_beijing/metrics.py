"""Derived metrics of Beijing's project guides (ratios of a project's own figures).

Only definitions live here — which figure is divided by which. Every threshold the
ratios are compared with is in the notice files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from srdi.engine.metrics import Metric, quotient, quotient_one

if TYPE_CHECKING:
    import numpy as np

    from srdi.engine.columns import Columns
    from srdi.engine.facts import Facts


def _project_ratio(key: str, label: str, num: str, den: str, description: str) -> Metric:
    """A percentage of two one-value project figures (NaN where either is missing)."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        return quotient(cols.metric(num, None), cols.metric(den, None), 100.0)

    def one(facts: Facts, year: int | None) -> float:
        return quotient_one(facts.metric(num, None), facts.metric(den, None), 100.0)

    return Metric(
        key,
        label,
        compute,
        yearly=False,
        inputs=(num, den),
        numerator=num,
        denominator=den,
        origin="srdi-beijing",
        description=description,
        compute_one=one,
    )


def _digital_device_share(cols: Columns, year: int | None) -> np.ndarray:
    before = cols.metric("beijing.digital_devices_before", None)
    total = cols.metric("beijing.devices_before", None)
    added = cols.metric("beijing.digital_devices_added", None)
    # the added devices join both the digital count and the total (附件1-5-2 asks for
    # 改造前 counts and 新增 devices, not for an after-count)
    return quotient(before + added, total + added, 100.0)


def _digital_device_share_one(facts: Facts, year: int | None) -> float:
    before = facts.metric("beijing.digital_devices_before", None)
    total = facts.metric("beijing.devices_before", None)
    added = facts.metric("beijing.digital_devices_added", None)
    return quotient_one(before + added, total + added, 100.0)


def metrics() -> list[Metric]:
    """The metrics this plugin adds."""
    return [
        _project_ratio(
            "beijing.investment_completion",
            "实际投资占计划投资比重",
            "beijing.actual_investment",
            "beijing.project_total_investment",
            "实际完成投资 / 项目总投资（计划投资）",
        ),
        _project_ratio(
            "beijing.rd_cost_share",
            "研发费占软、硬件设备购置及调试安装费比重",
            "beijing.rd_cost",
            "beijing.equipment_cost",
            "研发费 / 软、硬件设备购置及调试安装费",
        ),
        _project_ratio(
            "beijing.rd_staff_cost_share",
            "研发人员费占软、硬件设备购置及调试安装费比重",
            "beijing.rd_staff_cost",
            "beijing.equipment_cost",
            "研发人员费（含劳务费） / 软、硬件设备购置及调试安装费",
        ),
        _project_ratio(
            "beijing.construction_cost_share",
            "工程建设费占软、硬件设备购置及调试安装费比重",
            "beijing.construction_cost",
            "beijing.equipment_cost",
            "工程建设费 / 软、硬件设备购置及调试安装费",
        ),
        Metric(
            "beijing.digital_device_share",
            "数字化、网络化、智能化设备数占总设备数量比例",
            _digital_device_share,
            yearly=False,
            inputs=("beijing.digital_devices_before", "beijing.devices_before", "beijing.digital_devices_added"),
            origin="srdi-beijing",
            description="(改造前数字化、网络化、智能化设备数量 + 新增) / (改造前设备总数 + 新增)",
            compute_one=_digital_device_share_one,
        ),
    ]
