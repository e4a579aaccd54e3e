"""Condition types: how a criterion of a given ``type`` is tested, column by column.

A condition type turns a criterion's arguments into an evaluator once per program;
the evaluator then tests every enterprise of a frame in a few NumPy operations and
returns an outcome array plus an ``explain(i)`` that says, for one enterprise, which
values were used, what the threshold was and how far off it is. Plugins add types
through ``srdi_register_condition_types``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import pandas as pd
from attrs import define, frozen

from .columns import Columns, to_datetime64
from .metrics import mask, region_strings
from .outcomes import MET, NOT_MET, REVIEW, UNKNOWN, all_of, any_of, from_bool

if TYPE_CHECKING:
    from ..programs import Criterion
    from .metrics import MetricSet
    from .titles import TitleBook


@frozen
class Explanation:
    """Why a criterion came out as it did for one enterprise."""

    values: dict[str, Any] = attrs.field(factory=dict)
    threshold: str | None = None
    gap: str | None = None
    gap_value: float | None = None
    gap_unit: str | None = None
    note: str | None = None


@define
class Evaluated:
    """Outcomes of one criterion over a frame, with a lazy per-row explanation."""

    outcome: np.ndarray
    explain: Callable[[int], Explanation] = lambda i: Explanation()


@frozen
class Env:
    """What an evaluation needs besides the frame: the date, the reference year, the titles."""

    on: dt.date
    reference_year: int
    titles: TitleBook


Evaluator = Callable[[Columns, Env], Evaluated]


@frozen
class BuildContext:
    """What a condition type may consult while compiling a criterion."""

    metrics: MetricSet
    titles: TitleBook
    criterion: Criterion


@frozen
class ConditionType:
    """A named kind of test, its argument schema and its compiler."""

    name: str
    args: type
    build: Callable[[Any, BuildContext], Evaluator]
    doc: str
    origin: str = "srdi"


OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "range": "∈"}


def fmt(x: float | None, unit: str | None = None) -> str:
    """A number as people write it: no trailing zeros, at most two decimals."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "—"
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return f"{s}{unit or ''}" if unit != "%" else f"{s}%"


def _value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return None if np.isnan(v) else round(v, 4)
    return v


# --------------------------------------------------------------------------- compare
@frozen
class CompareArgs:
    """Arguments of ``compare``: a metric (or a sum of metrics) against a threshold.

    ``years`` counts the years up to the reference year (近N年); ``combine`` says how
    they join: ``each`` (every year passes), ``any`` (one year passes), ``aggregate``
    (ratio of the sums), ``mean``, ``sum``, ``cagr`` (compound growth).
    """

    op: Literal[">=", ">", "<=", "<", "==", "range"]
    value: float
    metric: str | None = None
    sum: tuple[str, ...] | None = None
    upper: float | None = None
    unit: str | None = None
    years: int = 1
    combine: Literal["each", "any", "aggregate", "mean", "sum", "cagr"] = "each"
    year: int | None = None
    year_offset: int = 0


#: Relative slack when a figure meets a threshold. A ratio of decimal figures that is
#: exactly at a threshold in decimal arithmetic (135.23 / 13523 = 1%) comes out a few
#: units in the last place off in binary (0.9999999999999999%); "达到1%" must hold.
REL_TOL = 1e-9


def _test(op: str, x: np.ndarray, value: float, upper: float | None) -> np.ndarray:
    tol = REL_TOL * max(1.0, abs(value))
    with np.errstate(invalid="ignore"):
        if op == ">=":
            return x >= value - tol
        if op == ">":
            return x > value + tol
        if op == "<=":
            return x <= value + tol
        if op == "<":
            return x < value - tol
        if op == "==":
            return np.abs(x - value) <= tol
        assert upper is not None
        return (x >= value - tol) & (x < upper - REL_TOL * max(1.0, abs(upper)))


def _build_compare(args: CompareArgs, ctx: BuildContext) -> Evaluator:
    metrics = ctx.metrics
    keys = list(args.sum) if args.sum else [args.metric] if args.metric else []
    if not keys:
        raise ValueError("compare needs `metric` or `sum`")
    for k in keys:
        metrics.check(k)
    if args.op == "range" and args.upper is None:
        raise ValueError("op = 'range' needs `upper`")
    unit = metrics.unit(keys[0])
    if args.unit is not None and unit is not None and args.unit != unit:
        raise ValueError(f"unit {args.unit!r} does not match {keys[0]!r}, which is in {unit!r}")
    yearly = metrics.yearly(keys[0])
    metric = metrics.by_key.get(keys[0])
    if args.combine == "aggregate" and yearly and len(keys) == 1 and metric is not None and metric.numerator is None:
        raise ValueError(f"combine = 'aggregate' needs a ratio metric; {keys[0]!r} is not one")
    if args.combine == "cagr" and (metric is None or metric.growth_of is None):
        raise ValueError("combine = 'cagr' needs a growth metric")
    label = "＋".join(metrics.label(k) for k in keys)
    threshold_text = (
        f"{fmt(args.value, unit)} ≤ x < {fmt(args.upper, unit)}"
        if args.op == "range"
        else f"{OPS[args.op]} {fmt(args.value, unit)}"
    )

    def year_list(env: Env) -> list[int | None]:
        if not yearly:
            return [None]
        last = args.year if args.year is not None else env.reference_year + args.year_offset
        return list(range(last - args.years + 1, last + 1))

    def value_of(cols: Columns, year: int | None) -> tuple[np.ndarray, np.ndarray]:
        """(sum of known parts, whether any part is missing)."""
        parts = [cols.metric(k, year) for k in keys]
        if len(parts) == 1:
            return parts[0], np.isnan(parts[0])
        stack = np.stack(parts)
        return np.nansum(stack, axis=0), np.isnan(stack).any(axis=0)

    def outcome_of(x: np.ndarray, missing: np.ndarray) -> np.ndarray:
        ok = _test(args.op, x, args.value, args.upper)
        if len(keys) == 1:
            return from_bool(ok, ~missing)
        # a partial sum can already decide: more items can only raise it
        out = from_bool(ok, np.ones(len(x), dtype=bool))
        if args.op in (">=", ">"):
            out[missing & ~ok] = UNKNOWN
        elif args.op in ("<=", "<"):
            out[missing & ok] = UNKNOWN
        else:
            out[missing] = UNKNOWN
        return out

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        years = year_list(env)
        if args.combine in ("each", "any") or not yearly:
            per_year = [value_of(cols, y) for y in years]
            outs = np.stack([outcome_of(x, m) for x, m in per_year])
            outcome = (all_of(outs) if args.combine == "each" else any_of(outs)) if len(years) > 1 else outs[0]
            shown = [(y, x, m) for y, (x, m) in zip(years, per_year)]
        else:
            x, missing = _combined(cols, keys[0], years, args.combine, metric)
            outcome = from_bool(_test(args.op, x, args.value, args.upper), ~missing)
            shown = [(None, x, missing)]

        def explain(i: int) -> Explanation:
            values: dict[str, Any] = {}
            for y in years:
                for k in keys:
                    values[_name(metrics.label(k), y)] = _value(cols.metric(k, y)[i])
                    m = metrics.by_key.get(k)
                    if m is not None and m.numerator and len(keys) == 1:
                        values[_name(metrics.label(m.numerator), y)] = _value(cols.metric(m.numerator, y)[i])
                        values[_name(metrics.label(m.denominator), y)] = _value(cols.metric(m.denominator, y)[i])  # type: ignore[arg-type]
            if args.combine not in ("each", "any") and yearly:
                values[f"{label}（{_combine_label(args.combine, len(years))}）"] = _value(shown[0][1][i])
            gap = None
            gap_value = None
            gap_unit = unit
            if outcome[i] == NOT_MET:
                worst = None
                for y, x, _m in shown:
                    d = _shortfall(args.op, x[i], args.value, args.upper)
                    if d is not None and (worst is None or d > worst[1]):
                        worst = (y, d)
                if worst is not None:
                    y, d = worst
                    gap, gap_value, gap_unit = _gap_text(cols, i, keys, y, args, d, unit, metric, metrics, years)
            return Explanation(
                values=values,
                threshold=threshold_text + _years_note(args, len(years), yearly),
                gap=gap,
                gap_value=gap_value,
                gap_unit=gap_unit,
            )

        return Evaluated(outcome, explain)

    return evaluate


def _name(label: str, year: int | None) -> str:
    return label if year is None else f"{label}（{year}）"


def _combine_label(combine: str, n: int) -> str:
    return {"aggregate": f"近{n}年合计口径", "mean": f"近{n}年平均", "sum": f"近{n}年合计", "cagr": f"近{n}年复合增长"}[
        combine
    ]


def _years_note(args: CompareArgs, n: int, yearly: bool) -> str:
    if not yearly or n == 1:
        return ""
    if args.combine == "each":
        return f"（近{n}年每年）"
    if args.combine == "any":
        return f"（近{n}年任一年）"
    return f"（{_combine_label(args.combine, n)}）"


def _combined(
    cols: Columns, key: str, years: list[int | None], combine: str, metric: Any
) -> tuple[np.ndarray, np.ndarray]:
    if combine == "aggregate" and metric is not None and metric.numerator:
        num = np.stack([cols.metric(metric.numerator, y) for y in years]).sum(axis=0)
        den = np.stack([cols.metric(metric.denominator, y) for y in years]).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            x = num / den * 100.0
        x[~(den > 0)] = np.nan
    elif combine in ("aggregate", "sum"):
        x = np.stack([cols.metric(key, y) for y in years]).sum(axis=0)
    elif combine == "mean":
        x = np.stack([cols.metric(key, y) for y in years]).mean(axis=0)
    else:  # cagr
        first = years[0]
        assert first is not None and metric is not None
        base = cols.metric(metric.growth_of, first - 1)
        last = cols.metric(metric.growth_of, years[-1])
        with np.errstate(divide="ignore", invalid="ignore"):
            x = (np.power(last / base, 1.0 / len(years)) - 1.0) * 100.0
        x[~(base > 0)] = np.nan
    return x, np.isnan(x)


def _shortfall(op: str, x: float, value: float, upper: float | None) -> float | None:
    if np.isnan(x):
        return None
    if op in (">=", ">"):
        return max(value - x, 0.0)
    if op in ("<=", "<"):
        return max(x - value, 0.0)
    if op == "range":
        if x < value:
            return value - x
        assert upper is not None
        return x - upper
    return abs(x - value)


def _gap_text(
    cols: Columns,
    i: int,
    keys: list[str],
    year: int | None,
    args: CompareArgs,
    d: float,
    unit: str | None,
    metric: Any,
    metrics: MetricSet,
    years: list[int | None],
) -> tuple[str, float, str | None]:
    label = "＋".join(metrics.label(k) for k in keys)
    target = fmt(args.value, unit)
    ratio = metric is not None and metric.numerator and len(keys) == 1
    if ratio and args.combine == "aggregate":
        span = [y for y in years]
        num = sum(cols.metric(metric.numerator, y)[i] for y in span)
        den = sum(cols.metric(metric.denominator, y)[i] for y in span)
        when = f"（近{len(span)}年合计）"
    elif ratio:
        num = cols.metric(metric.numerator, year)[i]
        den = cols.metric(metric.denominator, year)[i]
        when = f"（{year}）" if year else ""
    if args.op in (">=", ">"):
        if ratio and args.combine in ("each", "any", "aggregate"):
            need = args.value / 100.0 * den - num
            if not np.isnan(need):
                nunit = metrics.unit(metric.numerator)
                return (
                    f"{metrics.label(metric.numerator)}{when} needs +{fmt(need, nunit)} to reach {target}",
                    float(need),
                    nunit,
                )
        word = "needs" if args.op == ">=" else "needs more than"
        return f"{label} {word} +{fmt(d, unit)} to reach {target}", d, unit
    if args.op in ("<=", "<"):
        if ratio and args.combine in ("each", "any", "aggregate"):
            excess = num - args.value / 100.0 * den
            if not np.isnan(excess):
                nunit = metrics.unit(metric.numerator)
                return (
                    f"{metrics.label(metric.numerator)}{when} is {fmt(excess, nunit)} over {target}",
                    float(excess),
                    nunit,
                )
        return f"{label} is {fmt(d, unit)} over {target}", d, unit
    return f"{label} is {fmt(d, unit)} outside {fmt(args.value, unit)}–{fmt(args.upper, unit)}", d, unit


# --------------------------------------------------------------------------- flag
@frozen
class FlagArgs:
    """Arguments of ``flag``: a yes/no fact that must be ``expect``."""

    fact: str
    expect: bool = True


def _build_flag(args: FlagArgs, ctx: BuildContext) -> Evaluator:
    ctx.metrics.check(args.fact)
    label = ctx.metrics.label(args.fact)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        x = cols.metric(args.fact, None)
        known = ~np.isnan(x)
        out = from_bool((x == 1.0) == args.expect, known)

        def explain(i: int) -> Explanation:
            v = x[i]
            shown = None if np.isnan(v) else bool(v == 1.0)
            return Explanation({label: shown}, threshold=f"须为{'是' if args.expect else '否'}")

        return Evaluated(out, explain)

    return evaluate


# --------------------------------------------------------------------------- choice
@frozen
class ChoiceArgs:
    """Arguments of ``choice``: a choice (or multiple-choice) fact against a list.

    For a single choice, met when the value is one of ``any_of`` / none of
    ``none_of``. For a multiple choice, met when at least ``at_least`` of ``any_of``
    are ticked, and none of ``none_of`` is.
    """

    fact: str
    any_of: tuple[str, ...] | None = None
    none_of: tuple[str, ...] | None = None
    at_least: int = 1


def _build_choice(args: ChoiceArgs, ctx: BuildContext) -> Evaluator:
    metrics = ctx.metrics
    metrics.check(args.fact)
    field = metrics.vocabulary.get(args.fact)
    label = metrics.label(args.fact)
    choices = field.choices if field is not None else ()
    allowed = {c.value for c in choices}
    for v in (args.any_of or ()) + (args.none_of or ()):
        if allowed and v not in allowed:
            raise ValueError(f"{v!r} is not a choice of {args.fact!r} (choices: {', '.join(sorted(allowed))})")
    if args.any_of is None and args.none_of is None:
        raise ValueError("choice needs any_of or none_of")
    labels = {c.value: c.label for c in choices}
    parts = []
    if args.any_of:
        names = "、".join(labels.get(v, v) for v in args.any_of)
        parts.append(
            f"至少{args.at_least}项：{names}" if field is not None and field.kind == "multichoice" else f"属于：{names}"
        )
    if args.none_of:
        parts.append("不属于：" + "、".join(labels.get(v, v) for v in args.none_of))
    threshold = "；".join(parts)
    multi = field is not None and field.kind == "multichoice"

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        if multi:
            fails = np.zeros(cols.n, dtype=bool)
            undecided = np.zeros(cols.n, dtype=bool)
            if args.any_of:
                # counted option by option: no options × enterprises array is built
                ticked = np.zeros(cols.n, dtype=np.int16)
                open_items = np.zeros(cols.n, dtype=np.int16)
                for v in args.any_of:
                    x = cols.num(f"{args.fact}.{v}")
                    ticked += x == 1.0
                    open_items += np.isnan(x)
                fails |= ticked + open_items < args.at_least
                undecided |= (ticked < args.at_least) & (ticked + open_items >= args.at_least)
            if args.none_of:
                hit = np.zeros(cols.n, dtype=bool)
                gap = np.zeros(cols.n, dtype=bool)
                for v in args.none_of:
                    x = cols.num(f"{args.fact}.{v}")
                    hit |= x == 1.0
                    gap |= np.isnan(x)
                fails |= hit
                undecided |= ~hit & gap
            out = np.full(cols.n, MET, dtype=np.int8)
            out[undecided] = UNKNOWN
            out[fails] = NOT_MET

            def shown_values(i: int) -> list[str] | str | None:
                flags = [cols.num(f"{args.fact}.{c.value}")[i] for c in choices]
                if all(np.isnan(f) for f in flags):
                    return None
                return [c.label for c, f in zip(choices, flags) if f == 1.0]
        else:
            x = cols.metric(args.fact, None)
            known = ~pd.isna(x)
            ok = np.ones(cols.n, dtype=bool)
            if args.any_of:
                ok &= pd.Series(x, dtype=object).isin(args.any_of).to_numpy()
            if args.none_of:
                ok &= ~pd.Series(x, dtype=object).isin(args.none_of).to_numpy()
            out = from_bool(ok, known)

            def shown_values(i: int) -> list[str] | str | None:
                value = x[i]
                return None if value is None else str(labels.get(value, value))

        def explain(i: int) -> Explanation:
            return Explanation({label: shown_values(i)}, threshold=threshold)

        return Evaluated(out, explain)

    return evaluate


# --------------------------------------------------------------------------- recognition
@frozen
class RecognitionArgs:
    """Arguments of ``recognition``: holding (or not having held) a title or a prior support.

    ``valid`` is when it must be in force: on the evaluation date, at the end of the
    reference year, or ``ever`` (held at any time, e.g. "已获得上一轮支持").
    """

    titles: tuple[str, ...]
    held: bool = True
    valid: Literal["on_date", "reference_year_end", "ever"] = "on_date"


def _build_recognition(args: RecognitionArgs, ctx: BuildContext) -> Evaluator:
    for t in args.titles:
        ctx.titles.check(t)
    names = "、".join(ctx.titles.label(t) for t in args.titles)
    when = {"on_date": "评价日有效", "reference_year_end": "上年末有效", "ever": "曾获得"}[args.valid]

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        day = env.on if args.valid == "on_date" else dt.date(env.reference_year, 12, 31)
        declared = cols.num("recognitions_declared")
        per_title = [ctx.titles.status(cols, t, day, args.valid == "ever") for t in args.titles]
        stack = np.stack(per_title)  # 1 held, 0 not held, nan undecided
        held = (stack == 1.0).any(axis=0)
        undecided = np.isnan(stack).any(axis=0) & ~held
        out = np.where(held == args.held, MET, NOT_MET).astype(np.int8)
        out[undecided] = UNKNOWN
        out[np.isnan(declared) & ~held] = UNKNOWN

        def explain(i: int) -> Explanation:
            values = {}
            for t in args.titles:
                values[ctx.titles.label(t)] = ctx.titles.describe(cols, t, i)
            note = None
            if np.isnan(declared[i]) and not held[i]:
                note = "profile lists no recognitions: add [[recognitions]] (an empty list means none held)"
            return Explanation(values, threshold=f"{'须' if args.held else '不得'}{when}：{names}", note=note)

        return Evaluated(out, explain)

    return evaluate


# --------------------------------------------------------------------------- years_since
@frozen
class YearsSinceArgs:
    """Arguments of ``years_since``: full years from a date fact (e.g. registration) to a day."""

    op: Literal[">=", ">", "<=", "<"]
    value: float
    fact: str = "registered_on"
    as_of: Literal["evaluation_date", "reference_year_end"] = "evaluation_date"


def _build_years_since(args: YearsSinceArgs, ctx: BuildContext) -> Evaluator:
    ctx.metrics.check(args.fact)
    label = ctx.metrics.label(args.fact)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        day = env.on if args.as_of == "evaluation_date" else dt.date(env.reference_year, 12, 31)
        start = cols.date(args.fact)
        known = ~np.isnat(start)
        idx = pd.DatetimeIndex(start)
        years = day.year - idx.year.to_numpy(dtype=float, na_value=np.nan)
        before = (idx.month.to_numpy(dtype=float, na_value=0) > day.month) | (
            (idx.month.to_numpy(dtype=float, na_value=0) == day.month)
            & (idx.day.to_numpy(dtype=float, na_value=0) > day.day)
        )
        full = years - before
        full[~known] = np.nan
        out = from_bool(_test(args.op, full, args.value, None), known)

        def explain(i: int) -> Explanation:
            s = start[i]
            shown = None if np.isnat(s) else str(s)
            gap = None
            if out[i] == NOT_MET and args.op in (">=", ">"):
                d0 = dt.date.fromisoformat(str(s))
                try:
                    reach = d0.replace(year=d0.year + int(np.ceil(args.value)))
                except ValueError:  # 29 February
                    reach = d0.replace(year=d0.year + int(np.ceil(args.value)), day=28)
                gap = f"reaches {fmt(args.value)} full years on {reach.isoformat()}"
            return Explanation(
                {label: shown, f"截至{day.isoformat()}满年数": _value(full[i])},
                threshold=f"{OPS[args.op]} {fmt(args.value)}年",
                gap=gap,
            )

        return Evaluated(out, explain)

    return evaluate


# --------------------------------------------------------------------------- attest
@frozen
class AttestArgs:
    """Arguments of ``attest``: a qualitative clause a person judges.

    Without an answer the outcome is "review"; an attestation (``[attestations]``
    in a profile) of true or false makes it met or not met.
    """

    key: str | None = None
    question: str | None = None


def _build_attest(args: AttestArgs, ctx: BuildContext) -> Evaluator:
    key = args.key or ctx.criterion.id
    column = f"attest.{key}"

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        x = cols.num(column)
        out = np.full(cols.n, REVIEW, dtype=np.int8)
        out[x == 1.0] = MET
        out[x == 0.0] = NOT_MET

        def explain(i: int) -> Explanation:
            v = x[i]
            answer = None if np.isnan(v) else bool(v == 1.0)
            return Explanation(
                {f"attestations.{key}": answer},
                note=None
                if answer is not None
                else f"a person judges this; answer with [attestations] {key} = true/false",
            )

        return Evaluated(out, explain)

    return evaluate


# --------------------------------------------------------------------------- region
@frozen
class RegionArgs:
    """Arguments of ``region``: registered within one of ``codes`` (any level)."""

    codes: tuple[str, ...]


def _build_region(args: RegionArgs, ctx: BuildContext) -> Evaluator:
    prefixes = []
    for code in args.codes:
        if len(code) != 6 or not code.isdigit():
            raise ValueError(f"region codes are six digits, got {code!r}")
        p = code.rstrip("0")
        prefixes.append(p[: (len(p) + 1) // 2 * 2] if p else "")

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        rc = region_strings(cols)
        known = mask(rc.str.len() == 6)
        ok = np.zeros(cols.n, dtype=bool)
        for p in prefixes:
            ok |= mask(rc.str.startswith(p))
        out = from_bool(ok, known)

        def explain(i: int) -> Explanation:
            v = rc.iloc[i]
            return Explanation(
                {"注册地行政区划代码": None if pd.isna(v) else str(v)}, threshold="注册地：" + "、".join(args.codes)
            )

        return Evaluated(out, explain)

    return evaluate


def builtin_condition_types() -> list[ConditionType]:
    """The condition types srdi defines."""
    return [
        ConditionType("compare", CompareArgs, _build_compare, CompareArgs.__doc__ or ""),
        ConditionType("flag", FlagArgs, _build_flag, FlagArgs.__doc__ or ""),
        ConditionType("choice", ChoiceArgs, _build_choice, ChoiceArgs.__doc__ or ""),
        ConditionType("recognition", RecognitionArgs, _build_recognition, RecognitionArgs.__doc__ or ""),
        ConditionType("years_since", YearsSinceArgs, _build_years_since, YearsSinceArgs.__doc__ or ""),
        ConditionType("attest", AttestArgs, _build_attest, AttestArgs.__doc__ or ""),
        ConditionType("region", RegionArgs, _build_region, RegionArgs.__doc__ or ""),
    ]


def evaluate_date(day: dt.date) -> np.datetime64:
    """``day`` as a NumPy date (helper for plugin condition types)."""
    return to_datetime64(day)
