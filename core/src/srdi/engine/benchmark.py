"""``benchmark``: a figure of the enterprise against a published reference figure.

江西's "上年营业收入…增长率高于同期全省规上工业企业平均水平", 宁夏's "研发投入占销售收入
的比重不低于所在行业平均水平", 厦门's "营业收入增长率不低于同年度厦门市GDP增速的1.5倍":
the threshold is a figure published elsewhere, for the same year. The figure is
declared in the notice file (``[[benchmarks]]``, :mod:`srdi.benchmarks`) with the
values the plugin ships; a user supplies the others. When neither has the year the
criterion is unknown, and its note names the missing figure and how to give it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from ..benchmarks import column
from ..i18n import t as message
from .compare import test_array, test_one
from .conditions import (
    OPS,
    BuildContext,
    ConditionType,
    Env,
    Evaluated,
    Evaluator,
    Explanation,
    OneEvaluator,
    fmt,
)
from .evaluation import ArgumentValueError
from .outcomes import MET, NOT_MET, UNKNOWN, from_bool
from .spans import years_ending

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns
    from .facts import Facts


@frozen
class BenchmarkArgs:
    """Arguments of ``benchmark``: ``metric`` against ``factor`` × the reference figure ``benchmark`` (+ ``plus``).

    Both sides are read for the same ``years`` (up to the reference year, shifted by
    ``year_offset``); ``combine`` says how several years join: ``each`` (every year
    passes against that year's figure) or ``mean`` (the mean of the enterprise's
    figures against the mean of the reference figures, "近两个年度…平均增长率…同期…平均增速").
    """

    metric: str
    op: Literal[">=", ">", "<=", "<"]
    benchmark: str
    factor: float = 1.0
    plus: float = 0.0
    years: int = 1
    combine: Literal["each", "mean"] = "each"
    year_offset: int = 0
    unit: str | None = None


class _Spec:
    """A benchmark criterion checked once: its reference figure, labels and wording, for frames and one enterprise."""

    def __init__(self, args: BenchmarkArgs, ctx: BuildContext) -> None:
        metrics = ctx.metrics
        metrics.check(args.metric, "metric")
        bench = ctx.criterion.benchmarks.get(args.benchmark)
        unit = metrics.unit(args.metric)
        if args.unit is not None and unit is not None and args.unit != unit:
            raise ArgumentValueError(
                message("notice.unit_mismatch", unit=repr(args.unit), metric=repr(args.metric), actual=repr(unit)),
                "unit",
            )
        if bench.spec.unit is not None and unit is not None and bench.spec.unit != unit:
            raise ValueError(
                message(
                    "notice.benchmark_unit",
                    id=repr(bench.id),
                    unit=repr(bench.spec.unit),
                    metric=repr(args.metric),
                    actual=repr(unit),
                )
            )
        if args.years < 1:
            raise ValueError(message("notice.years_at_least_one"))
        if args.factor <= 0:
            raise ValueError(message("notice.factor_positive"))
        if not metrics.yearly(args.metric):
            raise ValueError(message("notice.benchmark_needs_years", metric=repr(args.metric)))
        self.args, self.bench, self.unit = args, bench, unit
        self.label = metrics.label(args.metric)
        self.scale = "" if args.factor == 1 else f"{fmt(args.factor)} × "
        # worded when explained, in the run's language (a unit such as 项 is worded: fmt)
        self.plus_sign = "+" if args.plus > 0 else "−"

    def years(self, env: Env) -> list[int]:
        """The years both sides are read for."""
        return years_ending(env.reference_year + self.args.year_offset, self.args.years)

    @property
    def mean(self) -> bool:
        """Whether several years join as their means."""
        return self.args.combine == "mean" and self.args.years > 1

    def explanation(
        self,
        years: list[int],
        own: list[float],
        refs: list[float],
        sources: list[tuple[bool, str | None]],
        xs: list[float],
        rs: list[float],
        thresholds: list[float],
        code: int,
    ) -> Explanation:
        """One row's explanation, from its figures: its own and the reference's per year, as compared (``xs``, ``rs``)."""
        args, bench, label, unit = self.args, self.bench, self.label, self.unit
        # the keys name the figures, as the enterprise's own figures are named: they stay Chinese
        values: dict[str, Any] = {}
        for y, x in zip(years, own):
            values[f"{label}（{y}）"] = _round(x)
        for y, r, (by_user, shipped_from) in zip(years, refs, sources):
            values[f"{bench.label}（{y}）"] = _round(r)
            src = message("select.supplied") if by_user else shipped_from
            if src is not None:
                values[f"{bench.label}（{y}）来源"] = src
        if self.mean:
            values[f"{label}（{years[0]}—{years[-1]}年平均）"] = _round(xs[0])
            values[f"{bench.label}（{years[0]}—{years[-1]}年平均）"] = _round(rs[0])
        known = [t for t in thresholds if t == t]
        when = message("figures.mean", first=years[0], last=years[-1]) if self.mean else ""
        extra = "" if args.plus == 0 else f" {self.plus_sign} {fmt(abs(args.plus), unit)}"
        threshold = f"{OPS[args.op]} {self.scale}{bench.label}{when}{extra}"
        sep = message("list.sep")
        if len(known) == len(thresholds):
            threshold += " = " + sep.join(fmt(t, unit) for t in known)
        gap = None
        gap_value = None
        if code == NOT_MET:
            worst = max((abs(t - x) for x, t in zip(xs, thresholds) if x == x and t == t), default=None)
            if worst is not None:
                gap_value = float(worst)
                target = sep.join(fmt(t, unit) for t in known)
                amount = shortfall(worst, unit)
                over = args.op in ("<=", "<")
                gap = message("gap.over" if over else "gap.needs", label=label, amount=amount, unit="", target=target)
        note = None
        missing = [y for y, r in zip(years, refs) if r != r]
        if missing:
            which = sep.join(message("benchmark.year", year=y) for y in missing)
            example = f"{bench.id}:{missing[0]}=…"
            note = message("gap.no_benchmark", label=bench.label, which=which, example=example)
        return Explanation(values, threshold=threshold, gap=gap, gap_value=gap_value, gap_unit=unit, note=note)

    def mean_of(self, values: list[float]) -> float:
        """Figures of several years joined as the frame joins them."""
        # added in order and divided, as NumPy's mean over the stacked years adds them
        return sum(values[1:], values[0]) / len(values)


def _build(args: BenchmarkArgs, ctx: BuildContext) -> Evaluator:
    spec = _Spec(args, ctx)
    bench = spec.bench

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_one)

        years = spec.years(env)
        own = [np.asarray(cols.metric(args.metric, y), dtype=np.float64) for y in years]
        refs: list[np.ndarray] = []
        # per year: the rows whose figure the user gave, and where the shipped figure comes from
        sources: list[tuple[np.ndarray, str | None]] = []
        for y in years:
            supplied = cols.num(column(bench.id, y))
            ref = supplied.copy()
            shipped = bench.shipped(y)
            if shipped is not None:
                ref[np.isnan(supplied)] = shipped.value
            refs.append(ref)
            sources.append((~np.isnan(supplied), None if shipped is None else bench.source_of(shipped)))
        if spec.mean:
            xs = [np.mean(np.stack(own), axis=0)]
            rs = [np.mean(np.stack(refs), axis=0)]
        else:
            xs, rs = own, refs
        thresholds = [r * args.factor + args.plus for r in rs]
        parts = []
        for x, t in zip(xs, thresholds):
            parts.append(from_bool(test_array(args.op, x, t, None), ~np.isnan(x) & ~np.isnan(t)))
        stack = np.stack(parts)
        outcome = np.full(cols.n, 1, dtype=np.int8)
        outcome[(stack == UNKNOWN).any(axis=0)] = UNKNOWN
        outcome[(stack == NOT_MET).any(axis=0)] = NOT_MET

        def explain(i: int) -> Explanation:
            return spec.explanation(
                years,
                [float(x[i]) for x in own],
                [float(r[i]) for r in refs],
                [(bool(by_user[i]), shipped_from) for by_user, shipped_from in sources],
                [float(x[i]) for x in xs],
                [float(r[i]) for r in rs],
                [float(t[i]) for t in thresholds],
                int(outcome[i]),
            )

        return Evaluated(outcome, explain)

    return evaluate


def _build_one(args: BenchmarkArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`_build`'s evaluator decides for a row, and its explanation."""
    spec = _Spec(args, ctx)
    bench = spec.bench

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        years = spec.years(env)
        own = [float(facts.metric(args.metric, y)) for y in years]
        refs: list[float] = []
        sources: list[tuple[bool, str | None]] = []
        for y in years:
            supplied = facts.num(column(bench.id, y))
            shipped = bench.shipped(y)
            given = supplied == supplied
            refs.append(supplied if given or shipped is None else float(shipped.value))
            sources.append((given, None if shipped is None else bench.source_of(shipped)))
        xs, rs = ([spec.mean_of(own)], [spec.mean_of(refs)]) if spec.mean else (own, refs)
        thresholds = [r * args.factor + args.plus for r in rs]
        # a year not met decides; else a year unknown does; else every year is met
        parts = [
            UNKNOWN if x != x or t != t else MET if test_one(args.op, x, t, None) else NOT_MET
            for x, t in zip(xs, thresholds)
        ]
        code = NOT_MET if NOT_MET in parts else UNKNOWN if UNKNOWN in parts else MET
        return code, spec.explanation(years, own, refs, sources, xs, rs, thresholds, code)

    return one


def shortfall(d: float, unit: str | None) -> str:
    """A gap as people write it, never rounded to zero (0.0045 stays 0.0045, not 0)."""
    text = fmt(d, unit)
    if d > 0 and round(d, 2) == 0:
        text = f"{d:.2g}" + ("%" if unit == "%" else unit or "")
    return text


def _round(v: float) -> float | None:
    return None if v != v else round(float(v), 4)


def benchmark_type() -> ConditionType:
    """The ``benchmark`` condition type record."""
    return ConditionType("benchmark", BenchmarkArgs, _build, BenchmarkArgs.__doc__ or "", build_one=_build_one)
