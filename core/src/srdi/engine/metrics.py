"""Derived metrics, computed in one place for every program.

A metric is a fact the notices use but forms may not ask for directly: ratios
(资产负债率, 研发经费占营业收入比重), growth rates, counts of ticked choices, the
size class. Where a profile gives the value itself (a form's 资产负债率 cell), that
value wins; otherwise the metric computes it from the raw figures. Plugins add
metrics through ``srdi_register_metrics``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
from attrs import frozen

from ..errors import UnknownNameError, suggest
from ..vocabulary import Vocabulary
from . import size_class
from .columns import Columns

Compute = Callable[[Columns, "int | None"], np.ndarray]


@frozen
class Metric:
    """A derived value: how to compute it, its unit, and what it is made of.

    ``numerator``/``denominator`` mark a ratio (in percent), so a two-year
    aggregate can be taken and a gap can be expressed in the numerator's terms
    ("研发经费 needs +34.2万元"). ``growth_of`` marks a year-on-year growth rate.
    """

    key: str
    label: str
    compute: Compute
    yearly: bool = True
    unit: str | None = "%"
    inputs: tuple[str, ...] = ()
    numerator: str | None = None
    denominator: str | None = None
    growth_of: str | None = None
    categorical: bool = False
    origin: str = "srdi"
    description: str = ""


def ratio(key: str, label: str, num: str, den: str, description: str = "") -> Metric:
    """A percentage ``num / den × 100`` per year; undefined where ``den`` is not positive."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        n, d = cols.metric(num, year), cols.metric(den, year)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = n / d * 100.0
        out[~(d > 0)] = np.nan
        return out

    return Metric(key, label, compute, inputs=(num, den), numerator=num, denominator=den, description=description)


def growth(key: str, label: str, of: str) -> Metric:
    """Year-on-year growth of ``of`` in percent; undefined where last year's value is not positive."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        assert year is not None
        now, before = cols.metric(of, year), cols.metric(of, year - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = (now / before - 1.0) * 100.0
        out[~(before > 0)] = np.nan
        return out

    return Metric(key, label, compute, inputs=(of,), growth_of=of)


def choice_count(key: str, label: str, of: str, unit: str = "项") -> Metric:
    """How many options of multichoice field ``of`` are ticked (NaN when none is known)."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        spec = cols.metrics.vocabulary[of]
        stack = np.stack([cols.num(f"{of}.{c.value}") for c in spec.choices])
        known = ~np.isnan(stack).all(axis=0)
        out = np.nansum(stack, axis=0)
        out[~known] = np.nan
        return out

    return Metric(key, label, compute, yearly=False, unit=unit, inputs=(of,))


def _size_class(cols: Columns, year: int | None) -> np.ndarray:
    y = year if year is not None else cols.reference_year
    return size_class.classify(
        cols.strings("industry_code"),
        cols.metric("employees", y),
        cols.metric("revenue", y),
        cols.metric("total_assets", y),
    )


def region_strings(cols: Columns) -> pd.Series:
    """The registration region per row as strings: ``region_code`` where given, else characters 3–8 of the credit code."""
    codes = cols.strings("credit_code")
    derived = codes.str.slice(2, 8).where(mask(codes.str.len() >= 8))
    if not cols.has("region_code"):
        return derived
    given = cols.strings("region_code")
    return given.where(mask(given.notna()), derived)


def mask(values: pd.Series | np.ndarray) -> np.ndarray:
    """A boolean Series (possibly with missing values) as a NumPy bool array, missing as False."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=bool, na_value=False)
    return np.asarray(values, dtype=bool)


def _industry_section(cols: Columns, year: int | None) -> np.ndarray:
    codes = pd.Series(cols.text("industry_code"), dtype=object)
    sections = {c: size_class.parse_industry(c)[0] for c in pd.unique(codes.dropna())}
    return codes.map(sections).to_numpy(dtype=object)


def _region_code(cols: Columns, year: int | None) -> np.ndarray:
    region = region_strings(cols)
    return region.astype(object).where(mask(region.notna()), None).to_numpy(dtype=object)


def builtin_metrics() -> list[Metric]:
    """The metrics srdi defines."""
    return [
        ratio("debt_ratio", "资产负债率", "total_liabilities", "total_assets"),
        ratio("main_business_share", "主营业务收入占营业收入比重", "main_business_revenue", "revenue"),
        ratio("rd_ratio", "研发经费占营业收入比重", "rd_expense", "revenue"),
        ratio("rd_staff_share", "研发人员占从业人员比重", "rd_staff", "employees"),
        ratio("qualified_staff_share", "大专及以上学历或中级及以上职称人员占比", "qualified_staff", "employees"),
        ratio("college_staff_share", "大专及以上学历人员占比", "college_staff", "employees"),
        ratio("mid_title_staff_share", "中级及以上职称人员占比", "mid_title_staff", "employees"),
        ratio("export_share", "出口额占营业收入比重", "export_revenue", "revenue"),
        Metric(
            "gross_margin",
            "毛利率",
            lambda cols, y: _gross_margin(cols, y),
            inputs=("main_business_revenue", "main_business_cost"),
            description="(主营业务收入 − 主营业务成本) / 主营业务收入",
        ),
        Metric(
            "revenue_per_employee",
            "人均营业收入",
            lambda cols, y: _per(cols.metric("revenue", y), cols.metric("employees", y)),
            unit="万元",
            inputs=("revenue", "employees"),
        ),
        growth("revenue_growth", "营业收入增长率", "revenue"),
        growth("main_business_growth", "主营业务收入增长率", "main_business_revenue"),
        growth("net_profit_growth", "净利润增长率", "net_profit"),
        growth("total_profit_growth", "利润总额增长率", "total_profit"),
        growth("export_growth", "出口额增长率", "export_revenue"),
        growth("taxes_growth", "上缴税金增长率", "taxes_paid"),
        growth("rd_expense_growth", "研发经费增长率", "rd_expense"),
        choice_count("management_cert_count", "管理体系认证数量", "management_certs"),
        Metric(
            "size_class",
            "企业规模",
            _size_class,
            yearly=False,
            unit=None,
            inputs=("industry_code", "employees", "revenue", "total_assets"),
            categorical=True,
            description="工信部联企业〔2011〕300号, from the reference year's figures",
        ),
        Metric(
            "industry_section",
            "所属国民经济行业门类（GB/T 4754-2017）",
            _industry_section,
            yearly=False,
            unit=None,
            inputs=("industry_code",),
            categorical=True,
            description="Section letter of industry_code (C3443, 3443 and C34 are all 制造业 C)",
        ),
        Metric(
            "region_code",
            "注册地行政区划代码",
            _region_code,
            yearly=False,
            unit=None,
            inputs=("credit_code",),
            categorical=True,
        ),
    ]


def _gross_margin(cols: Columns, year: int | None) -> np.ndarray:
    rev, cost = cols.metric("main_business_revenue", year), cols.metric("main_business_cost", year)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (rev - cost) / rev * 100.0
    out[~(rev > 0)] = np.nan
    return out


def _per(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out = a / b
    out[~(b > 0)] = np.nan
    return out


class MetricSet:
    """Every metric of a catalog, keyed by name, plus plain vocabulary fields."""

    def __init__(self, vocabulary: Vocabulary, metrics: Iterable[Metric]) -> None:
        self.vocabulary = vocabulary
        self.by_key: dict[str, Metric] = {}
        for m in metrics:
            if m.key in self.by_key:
                raise ValueError(f"metric {m.key!r} is defined twice ({self.by_key[m.key].origin}, {m.origin})")
            self.by_key[m.key] = m

    def known(self, key: str) -> bool:
        """Whether ``key`` is a metric or a field."""
        return key in self.by_key or key in self.vocabulary

    def label(self, key: str) -> str:
        """The Chinese label of a metric or field."""
        if key in self.by_key:
            return self.by_key[key].label
        return self.vocabulary[key].label

    def unit(self, key: str) -> str | None:
        """The unit of a metric or field."""
        if key in self.by_key:
            return self.by_key[key].unit
        return self.vocabulary[key].display_unit

    def yearly(self, key: str) -> bool:
        """Whether a metric or field has one value per year."""
        if key in self.by_key:
            return self.by_key[key].yearly
        return self.vocabulary[key].yearly

    def check(self, key: str) -> None:
        """Raise a helpful error when ``key`` is neither a metric nor a field."""
        if not self.known(key):
            names = list(self.by_key) + self.vocabulary.keys()
            raise UnknownNameError(f"unknown metric or field {key!r}{suggest(key, names)}")

    def column(self, key: str, year: int | None) -> str:
        """The frame column holding field ``key`` for ``year``."""
        return f"{key}_{year}" if self.vocabulary[key].yearly else key

    def compute(self, cols: Columns, key: str, year: int | None) -> np.ndarray:
        """Value of ``key`` for ``year``: the given field where present, otherwise the metric."""
        field = self.vocabulary.get(key)
        given = None
        if field is not None:
            col = f"{key}_{year}" if field.yearly else key
            if field.yearly and year is None:
                raise ValueError(f"{key} is yearly: a year is needed")
            if field.kind in ("choice", "text", "date"):
                given = cols.text(col)
            else:
                given = cols.num(col)
        metric = self.by_key.get(key)
        if metric is None:
            if given is None:
                self.check(key)
            return given  # type: ignore[return-value]
        if given is not None and cols.has(f"{key}_{year}" if field and field.yearly else key):
            if metric.categorical:
                if all(v is not None for v in given):
                    return given
                computed = metric.compute(cols, year)
                return np.where(np.array([v is None for v in given]), computed, given)
            if not np.isnan(given).any():
                return given
            computed = metric.compute(cols, year)
            return np.where(np.isnan(given), computed, given)
        return metric.compute(cols, year)
