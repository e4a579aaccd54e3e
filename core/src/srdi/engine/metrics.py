"""Derived metrics, computed in one place for every program.

A metric is a fact the notices use but forms may not ask for directly: ratios
(资产负债率, 研发经费占营业收入比重), growth rates, counts of ticked choices, the
size class. Where a profile gives the value itself (a form's 资产负债率 cell), that
value wins; otherwise the metric computes it from the raw figures. Plugins add
metrics through ``srdi_register_metrics``.

Every metric computes over a frame (``compute``, NumPy arrays); srdi's own also
compute for one enterprise in plain Python (``compute_one``), which the scalar path
uses. A metric without ``compute_one`` still works for one enterprise: it computes
over a one-row frame. NumPy is imported by the frame computations only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..errors import Problem, UnknownNameError, suggest
from ..i18n import t as message
from ..vocabulary import Vocabulary
from ..vocabulary.fields import NUMERIC_KINDS
from . import size_class
from .cells import NAN
from .facts import Facts

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns

Compute = Callable[["Columns", "int | None"], "np.ndarray"]
ComputeOne = Callable[[Facts, "int | None"], Any]
ComputeCodes = Callable[["Columns", "int | None"], "tuple[np.ndarray, tuple[Any, ...]]"]
ComputeParts = Callable[["Columns", "int | None"], "tuple[np.ndarray, np.ndarray]"]


@frozen
class Metric:
    """A derived value: how to compute it, its unit, and what it is made of.

    ``numerator``/``denominator`` mark a ratio (in percent), so a two-year
    aggregate can be taken and a gap can be expressed in the numerator's terms
    ("研发经费 needs +34.2万元"). ``growth_of`` marks a year-on-year growth rate.
    ``compute`` gives one value per row of a frame; ``compute_one``, when given,
    the same value for one enterprise in plain Python (float, NaN when unknown; text
    or None for a categorical metric). ``compute_codes``, for a categorical metric,
    gives integer codes (-1 when unknown) and the categories they index.
    ``compute_parts``, when given, gives what ``compute`` gives as (figures, where
    missing), reading its inputs where they lie (:meth:`Columns.metric_parts`): the
    figures under the missing mark mean nothing, the others are ``compute``'s.
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
    compute_one: ComputeOne | None = None
    compute_codes: ComputeCodes | None = None
    compute_parts: ComputeParts | None = None


def quotient(num: np.ndarray, den: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """``num / den × scale`` row by row (``scale=100``: a percentage); NaN where ``den`` is not positive or missing.

    The rule every ratio of figures follows: a base of zero, below zero or missing
    leaves the ratio undefined, not infinite. A fresh array.
    """
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(num, den, dtype=np.float64)
        if scale != 1.0:
            out *= scale
    np.putmask(out, ~(den > 0), np.nan)
    return out


def quotient_one(num: float, den: float, scale: float = 1.0) -> float:
    """:func:`quotient` for one enterprise's figures: the same arithmetic, in the same order."""
    return num / den * scale if den > 0 else NAN


def undefined(base: np.ndarray, *missing: np.ndarray) -> np.ndarray:
    """Where a ratio over ``base`` is undefined: ``base`` not positive, or an input missing (its figure meaningless)."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        out = base > 0
    np.logical_not(out, out=out)
    for m in missing:
        out |= m
    return out


def ratio(key: str, label: str, num: str, den: str, description: str = "") -> Metric:
    """A percentage ``num / den × 100`` per year; undefined where ``den`` is not positive."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        return quotient(cols.metric(num, year), cols.metric(den, year), 100.0)

    def parts(cols: Columns, year: int | None) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        (n, n_missing), (d, d_missing) = cols.metric_parts(num, year), cols.metric_parts(den, year)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.divide(n, d, dtype=np.float64)
            out *= 100.0
        return out, undefined(d, n_missing, d_missing)

    def one(facts: Facts, year: int | None) -> float:
        return quotient_one(facts.metric(num, year), facts.metric(den, year), 100.0)

    return Metric(
        key,
        label,
        compute,
        inputs=(num, den),
        numerator=num,
        denominator=den,
        description=description,
        compute_one=one,
        compute_parts=parts,
    )


def growth(key: str, label: str, of: str) -> Metric:
    """Year-on-year growth of ``of`` in percent; undefined where last year's value is not positive."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        import numpy as np

        assert year is not None
        now, before = cols.metric(of, year), cols.metric(of, year - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.divide(now, before)
            out -= 1.0
            out *= 100.0
            np.putmask(out, ~(before > 0), np.nan)
        return out

    def parts(cols: Columns, year: int | None) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        assert year is not None
        (now, now_missing), (before, before_missing) = cols.metric_parts(of, year), cols.metric_parts(of, year - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.divide(now, before, dtype=np.float64)
            out -= 1.0
            out *= 100.0
        return out, undefined(before, now_missing, before_missing)

    def one(facts: Facts, year: int | None) -> float:
        assert year is not None
        now, before = facts.metric(of, year), facts.metric(of, year - 1)
        return (now / before - 1.0) * 100.0 if before > 0 else NAN

    return Metric(key, label, compute, inputs=(of,), growth_of=of, compute_one=one, compute_parts=parts)


def choice_count(key: str, label: str, of: str, unit: str = "项") -> Metric:
    """How many options of multichoice field ``of`` are ticked (NaN when none is known)."""

    def compute(cols: Columns, year: int | None) -> np.ndarray:
        import numpy as np

        spec = cols.metrics.vocabulary[of]
        stack = np.stack([cols.num(f"{of}.{c.value}") for c in spec.choices])
        known = ~np.isnan(stack).all(axis=0)
        out = np.nansum(stack, axis=0)
        out[~known] = np.nan
        return out

    def one(facts: Facts, year: int | None) -> float:
        flags = [facts.num(f"{of}.{c.value}") for c in facts.metrics.vocabulary[of].choices]
        known = [f for f in flags if f == f]
        return float(sum(known)) if known else NAN

    return Metric(key, label, compute, yearly=False, unit=unit, inputs=(of,), compute_one=one)


def _size_class_codes(cols: Columns, year: int | None) -> tuple[np.ndarray, tuple[Any, ...]]:
    y = year if year is not None else cols.reference_year
    codes = size_class.classify_codes(
        cols.codes("industry_code"),
        cols.metric("employees", y),
        cols.metric("revenue", y),
        cols.metric("total_assets", y),
    )
    return codes, size_class.CLASSES


def _size_class(cols: Columns, year: int | None) -> np.ndarray:
    import numpy as np

    codes, classes = _size_class_codes(cols, year)
    return np.array([*classes, None], dtype=object)[codes]


def _size_class_one(facts: Facts, year: int | None) -> str | None:
    y = year if year is not None else facts.reference_year
    return size_class.classify_one(
        facts.text("industry_code"),
        facts.metric("employees", y),
        facts.metric("revenue", y),
        facts.metric("total_assets", y),
    )


def _industry_section(cols: Columns, year: int | None) -> np.ndarray:
    import numpy as np

    codes, uniques = cols.codes("industry_code")
    sections = [size_class.parse_industry(u)[0] for u in uniques]
    return np.array([*sections, None], dtype=object)[codes]


def _industry_section_one(facts: Facts, year: int | None) -> str | None:
    return size_class.parse_industry(facts.text("industry_code"))[0]


def region_numbers(cols: Columns) -> np.ndarray:
    """The registration region per row as an int32 code (210100), -1 where unknown.

    ``region_code`` where given, otherwise characters 3–8 of the credit code; a code
    that is not six digits is unknown. Each distinct ``region_code`` is read once.
    """
    return cols.derived("region", lambda: _region_numbers(cols))


def _region_numbers(cols: Columns) -> np.ndarray:
    import numpy as np

    out = np.full(cols.n, -1, dtype=np.int32)
    pending = np.ones(cols.n, dtype=bool)
    if cols.has("region_code"):
        codes, cats = cols.codes("region_code")
        out = np.array([six_digits(c) for c in cats] + [-1], dtype=np.int32)[codes]
        pending = codes < 0
    if cols.has("credit_code") and pending.any():
        rows = np.flatnonzero(pending)
        out[rows] = _credit_code_regions(cols.raw("credit_code"), rows)
    return out


def six_digits(v: Any) -> int:
    """A region code as an int when it is six ASCII digits, else -1."""
    text = str(v)
    return int(text) if len(text) == 6 and text.isascii() and text.isdigit() else -1


def _credit_code_regions(raw: Any, rows: np.ndarray) -> np.ndarray:
    """Characters 3–8 of the credit codes at ``rows`` as region ints (-1 where not six digits)."""
    import numpy as np

    from .columns import as_objects

    values = as_objects(raw)[rows]
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is optional
        return np.array([region_of_credit_code(v) for v in values], dtype=np.int32)
    try:
        text = pa.array(values, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        text = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    part = pc.utf8_slice_codeunits(text, 2, 8)
    ok = pc.fill_null(pc.match_substring_regex(part, r"^[0-9]{6}$"), False)
    number = pc.cast(pc.if_else(ok, part, "-1"), pa.int32())
    return np.asarray(number.to_numpy(zero_copy_only=False), dtype=np.int32)


def region_of_credit_code(code: Any) -> int:
    """The region int of one credit code (characters 3–8), -1 where they are not six digits."""
    if code is None:
        return -1
    text = str(code)
    return six_digits(text[2:8]) if len(text) >= 8 else -1


def region_number_one(facts: Facts) -> int:
    """The registration region of one enterprise as an int, as :func:`region_numbers` reads it."""
    given = facts.text("region_code")
    if given is not None:
        return six_digits(given)
    return region_of_credit_code(facts.text("credit_code"))


def _region_code(cols: Columns, year: int | None) -> np.ndarray:

    numbers = region_numbers(cols)
    out = numbers.astype(str).astype(object)
    out[numbers < 0] = None
    return out


def _region_code_one(facts: Facts, year: int | None) -> str | None:
    number = region_number_one(facts)
    return str(number) if number >= 0 else None


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
            _gross_margin,
            inputs=("main_business_revenue", "main_business_cost"),
            description="(主营业务收入 − 主营业务成本) / 主营业务收入",
            compute_one=_gross_margin_one,
        ),
        Metric(
            "revenue_per_employee",
            "人均营业收入",
            _revenue_per_employee,
            unit="万元",
            inputs=("revenue", "employees"),
            compute_one=_revenue_per_employee_one,
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
            compute_one=_size_class_one,
            compute_codes=_size_class_codes,
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
            compute_one=_industry_section_one,
        ),
        Metric(
            "region_code",
            "注册地行政区划代码",
            _region_code,
            yearly=False,
            unit=None,
            inputs=("credit_code",),
            categorical=True,
            compute_one=_region_code_one,
        ),
    ]


def _gross_margin(cols: Columns, year: int | None) -> np.ndarray:
    rev, cost = cols.metric("main_business_revenue", year), cols.metric("main_business_cost", year)
    return quotient(rev - cost, rev, 100.0)


def _gross_margin_one(facts: Facts, year: int | None) -> float:
    rev, cost = facts.metric("main_business_revenue", year), facts.metric("main_business_cost", year)
    return quotient_one(rev - cost, rev, 100.0)


def _revenue_per_employee(cols: Columns, year: int | None) -> np.ndarray:
    return quotient(cols.metric("revenue", year), cols.metric("employees", year))


def _revenue_per_employee_one(facts: Facts, year: int | None) -> float:
    return quotient_one(facts.metric("revenue", year), facts.metric("employees", year))


TEXT_KINDS = ("choice", "text", "date")


class MetricSet:
    """Every metric of a catalog, keyed by name, plus plain vocabulary fields."""

    def __init__(self, vocabulary: Vocabulary, metrics: Iterable[Metric]) -> None:
        self.vocabulary = vocabulary
        self._one_plan: dict[tuple[str, int | None], tuple[str | None, Metric | None, bool]] = {}
        self.by_key: dict[str, Metric] = {}
        for m in metrics:
            if m.key in self.by_key:
                first, second = self.by_key[m.key].origin, m.origin
                raise ValueError(message("plugin.metric_twice", key=repr(m.key), first=first, second=second))
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

    def unsigned(self, key: str) -> bool:
        """Whether ``key`` is a plain numeric field that is never negative (an amount or a count)."""
        spec = self.vocabulary.get(key)
        return key not in self.by_key and spec is not None and spec.kind in NUMERIC_KINDS and not spec.signed

    def check(self, key: str, arg: str | None = None) -> None:
        """Raise a helpful error when ``key`` is neither a metric nor a field (naming ``arg``, the argument giving it)."""
        if not self.known(key):
            names = list(dict.fromkeys([*self.by_key, *self.vocabulary.keys()]))  # a metric may be a field too
            why = message("name.unknown_metric", name=repr(key), hint=suggest(key, names))
            raise UnknownNameError(Problem(why, key=arg))

    def column(self, key: str, year: int | None) -> str:
        """The frame column holding field ``key`` for ``year``."""
        return f"{key}_{year}" if self.vocabulary[key].yearly else key

    def _given_column(self, key: str, year: int | None) -> str | None:
        field = self.vocabulary.get(key)
        if field is None:
            return None
        if field.yearly and year is None:
            raise ValueError(f"{key} is yearly: a year is needed")
        return f"{key}_{year}" if field.yearly else key

    def compute(self, cols: Columns, key: str, year: int | None) -> np.ndarray:
        """Value of ``key`` for ``year`` over a frame: the given field where present, otherwise the metric."""
        import numpy as np

        col = self._given_column(key, year)
        metric = self.by_key.get(key)
        if col is None:
            if metric is None:
                self.check(key)
            assert metric is not None
            return metric.compute(cols, year)
        text = self.vocabulary[key].kind in TEXT_KINDS
        given = cols.text(col) if text else cols.num(col)
        if metric is None or not cols.has(col):
            return given if metric is None else metric.compute(cols, year)
        missing = np.asarray(given == None) if metric.categorical else np.isnan(given)  # noqa: E711 (elementwise)
        if not missing.any() or not self.derivable(cols, metric):
            return given
        return np.where(missing, metric.compute(cols, year), given)

    def compute_parts(self, cols: Columns, key: str, year: int | None) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`compute` as (figures, where missing), read where the figures lie where it can.

        A number field, or a metric the frame gives and cannot derive, comes from
        :meth:`Columns.parts` (a nullable column's own values and mask, no copy); a metric
        the frame does not give, from its ``compute_parts`` where it has one; anything else
        is :meth:`compute` and where that is NaN.
        """
        import numpy as np

        col = self._given_column(key, year)
        metric = self.by_key.get(key)
        given = col is not None and cols.has(col)
        if col is not None and self.vocabulary[key].kind not in TEXT_KINDS:
            # a field, or a metric the frame gives and cannot derive (资产负债率 given, no 负债 or 资产): as it lies
            if metric is None or (given and not self.derivable(cols, metric)):
                return cols.parts(col)
        if metric is not None and metric.compute_parts is not None and not given and not metric.categorical:
            return metric.compute_parts(cols, year)
        x = cols.metric(key, year)
        return x, np.isnan(x)

    def derivable(self, cols: Columns, metric: Metric) -> bool:
        """Whether the frame holds any input of ``metric`` (if none, it computes nothing but NaN)."""
        if not metric.inputs:
            return True  # a metric that does not say what it reads
        for key in metric.inputs:
            inner = self.by_key.get(key)
            if cols.has_field(key) or (inner is not None and self.derivable(cols, inner)):
                return True
        return False

    def compute_codes(self, cols: Columns, key: str, year: int | None) -> tuple[np.ndarray, tuple[Any, ...]]:
        """A categorical metric or field over a frame as integer codes (-1 where unknown) and its categories."""
        import numpy as np

        col = self._given_column(key, year)
        metric = self.by_key.get(key)
        if col is None and metric is None:
            self.check(key)
        if metric is None or (col is not None and cols.has(col)):
            codes, cats = cols.codes(col) if col is not None else (np.full(cols.n, -1, dtype=np.int32), ())
            if metric is None or (codes >= 0).all():
                return codes, cats
            mcodes, mcats = self._metric_codes(cols, metric, year)
            filled = np.where(mcodes >= 0, mcodes + len(cats), -1)
            return np.where(codes >= 0, codes, filled).astype(np.int32), tuple(cats) + tuple(mcats)
        return self._metric_codes(cols, metric, year)

    @staticmethod
    def _metric_codes(cols: Columns, metric: Metric, year: int | None) -> tuple[np.ndarray, tuple[Any, ...]]:
        from .columns import as_codes

        if metric.compute_codes is not None:
            return metric.compute_codes(cols, year)
        return as_codes(metric.compute(cols, year))

    def compute_one(self, facts: Facts, key: str, year: int | None) -> Any:
        """Value of ``key`` for ``year`` for one enterprise, as :meth:`compute` gives it for a row."""
        found = self._one_plan.get((key, year))
        if found is None:
            found = self._one_plan[(key, year)] = (
                self._given_column(key, year),
                self.by_key.get(key),
                key in self.vocabulary and self.vocabulary[key].kind in TEXT_KINDS,
            )
        col, metric, text = found
        if col is None:
            if metric is None:
                self.check(key)
            assert metric is not None
            return self._one(facts, metric, year)
        given = facts.text(col) if text else facts.num(col)
        if metric is None:
            return given
        if facts.has(col) and (given is not None if metric.categorical else given == given):
            return given
        return self._one(facts, metric, year)

    @staticmethod
    def _one(facts: Facts, metric: Metric, year: int | None) -> Any:
        if metric.compute_one is not None:
            return metric.compute_one(facts, year)
        from .cells import plain

        value = plain(metric.compute(facts.columns(), year)[0])
        if metric.categorical:
            return value
        return NAN if value is None else float(value)
