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
from .conditions import OPS, REL_TOL, BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, fmt
from .evaluation import ArgumentValueError
from .outcomes import NOT_MET, UNKNOWN, from_bool
from .spans import years_ending

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns


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


def _passes(op: str, x: np.ndarray, t: np.ndarray) -> np.ndarray:
    import numpy as np

    tol = REL_TOL * np.maximum(1.0, np.abs(t))
    with np.errstate(invalid="ignore"):
        if op == ">=":
            return x >= t - tol
        if op == ">":
            return x > t + tol
        if op == "<=":
            return x <= t + tol
        return x < t - tol


def _build(args: BenchmarkArgs, ctx: BuildContext) -> Evaluator:
    import numpy as np

    metrics = ctx.metrics
    metrics.check(args.metric, "metric")
    bench = ctx.criterion.benchmarks.get(args.benchmark)
    unit = metrics.unit(args.metric)
    if args.unit is not None and unit is not None and args.unit != unit:
        raise ArgumentValueError(
            message("notice.unit_mismatch", unit=repr(args.unit), metric=repr(args.metric), actual=repr(unit)), "unit"
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
    yearly = metrics.yearly(args.metric)
    if not yearly:
        raise ValueError(message("notice.benchmark_needs_years", metric=repr(args.metric)))
    label = metrics.label(args.metric)
    scale = "" if args.factor == 1 else f"{fmt(args.factor)} × "
    # worded when explained, in the run's language (a unit such as 项 is worded: fmt)
    plus_sign = "+" if args.plus > 0 else "−"

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        years = years_ending(env.reference_year + args.year_offset, args.years)
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
        if args.combine == "mean" and len(years) > 1:
            xs = [np.mean(np.stack(own), axis=0)]
            rs = [np.mean(np.stack(refs), axis=0)]
        else:
            xs, rs = own, refs
        thresholds = [r * args.factor + args.plus for r in rs]
        parts = []
        for x, t in zip(xs, thresholds):
            parts.append(from_bool(_passes(args.op, x, t), ~np.isnan(x) & ~np.isnan(t)))
        stack = np.stack(parts)
        outcome = np.full(cols.n, 1, dtype=np.int8)
        outcome[(stack == UNKNOWN).any(axis=0)] = UNKNOWN
        outcome[(stack == NOT_MET).any(axis=0)] = NOT_MET
        ref_missing = np.asarray(np.stack([np.isnan(r) for r in refs]).any(axis=0))

        def explain(i: int) -> Explanation:
            # the keys name the figures, as the enterprise's own figures are named: they stay Chinese
            values: dict[str, Any] = {}
            for y, x in zip(years, own):
                values[f"{label}（{y}）"] = _round(x[i])
            for y, r, (by_user, shipped_from) in zip(years, refs, sources):
                values[f"{bench.label}（{y}）"] = _round(r[i])
                src = message("select.supplied") if by_user[i] else shipped_from
                if src is not None:
                    values[f"{bench.label}（{y}）来源"] = src
            if args.combine == "mean" and len(years) > 1:
                values[f"{label}（{years[0]}—{years[-1]}年平均）"] = _round(xs[0][i])
                values[f"{bench.label}（{years[0]}—{years[-1]}年平均）"] = _round(rs[0][i])
            shown = [t[i] for t in thresholds]
            known = [t for t in shown if not np.isnan(t)]
            mean = args.combine == "mean" and len(years) > 1
            when = message("figures.mean", first=years[0], last=years[-1]) if mean else ""
            extra = "" if args.plus == 0 else f" {plus_sign} {fmt(abs(args.plus), unit)}"
            threshold = f"{OPS[args.op]} {scale}{bench.label}{when}{extra}"
            sep = message("list.sep")
            if len(known) == len(shown):
                threshold += " = " + sep.join(fmt(t, unit) for t in known)
            gap = None
            gap_value = None
            if outcome[i] == NOT_MET:
                worst = max(
                    (abs(t[i] - x[i]) for x, t in zip(xs, thresholds) if not np.isnan(x[i]) and not np.isnan(t[i])),
                    default=None,
                )
                if worst is not None:
                    gap_value = float(worst)
                    target = sep.join(fmt(t, unit) for t in known)
                    amount = shortfall(worst, unit)
                    over = args.op in ("<=", "<")
                    gap = message(
                        "gap.over" if over else "gap.needs", label=label, amount=amount, unit="", target=target
                    )
            note = None
            if ref_missing[i]:
                missing = [y for y, r in zip(years, refs) if np.isnan(r[i])]
                which = sep.join(message("benchmark.year", year=y) for y in missing)
                example = f"{bench.id}:{missing[0]}=…"
                note = message("gap.no_benchmark", label=bench.label, which=which, example=example)
            return Explanation(values, threshold=threshold, gap=gap, gap_value=gap_value, gap_unit=unit, note=note)

        return Evaluated(outcome, explain)

    return evaluate


def shortfall(d: float, unit: str | None) -> str:
    """A gap as people write it, never rounded to zero (0.0045 stays 0.0045, not 0)."""
    text = fmt(d, unit)
    if d > 0 and round(d, 2) == 0:
        text = f"{d:.2g}" + ("%" if unit == "%" else unit or "")
    return text


def _round(v: float) -> float | None:
    import numpy as np

    return None if np.isnan(v) else round(float(v), 4)


def benchmark_type() -> ConditionType:
    """The ``benchmark`` condition type record."""
    return ConditionType("benchmark", BenchmarkArgs, _build, BenchmarkArgs.__doc__ or "")
