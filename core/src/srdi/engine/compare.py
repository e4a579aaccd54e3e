"""The ``compare`` condition type: a metric (or a sum of metrics) against a threshold.

Over several years (近N年) the years combine as the criterion's ``combine`` says: every
year passes, one year passes, or the ratio of the sums, the sum, the mean, the
compound growth passes. Where the figures given already decide a criterion whatever
the missing ones are, it is decided, and the explanation says so: a partial sum that
already reaches a floor, or a two-year ratio whose known part already reaches it.
That is sound only because the amounts involved are never negative (the vocabulary
marks the fields that can be); the explanation states the assumption.

The test runs over a frame (:func:`build`, NumPy) or for one enterprise
(:func:`build_one`, plain Python). Both read the same figures, do the same arithmetic
in the same order, and explain themselves with the same functions, so they agree to
the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from ..i18n import Worded, around, language, tn
from ..i18n import t as message
from . import kinds
from .evaluation import (
    OPS,
    ArgumentValueError,
    BuildContext,
    ConditionType,
    Env,
    Evaluated,
    Evaluator,
    Explanation,
    GapColumns,
    OneEvaluator,
    fmt,
    shown,
    unit_after,
)
from .metrics import undefined
from .outcomes import MET, NOT_MET, UNKNOWN, combine_one, unknown_where
from .spans import years_ending
from .text import fmt_gap, gap_number, reads_one

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns
    from .facts import Facts
    from .metrics import Metric, MetricSet


@frozen
class CompareArgs:
    """Arguments of ``compare``: a metric (or a sum of metrics) against a threshold.

    ``years`` counts the years up to the reference year (近N年); ``combine`` says how
    they join: ``each`` (every year passes), ``any`` (one year passes), ``aggregate``
    (ratio of the sums), ``mean``, ``sum``, ``cagr`` (compound growth). How the years
    combine is a reading: it can be overridden as ``<criterion>.combine``.
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

#: Why a criterion could be decided with figures missing.
#: The message (code) saying why missing parts can only raise a sum.
NEVER_NEGATIVE = "gap.never_negative"


def test_one(op: str, x: float, value: float, upper: float | None) -> bool:
    """Whether one figure passes (False when it is NaN)."""
    tol = REL_TOL * max(1.0, abs(value))
    if op == ">=":
        return x >= value - tol
    if op == ">":
        return x > value + tol
    if op == "<=":
        return x <= value + tol
    if op == "<":
        return x < value - tol
    if op == "==":
        return abs(x - value) <= tol
    assert upper is not None
    return x >= value - tol and x < upper - REL_TOL * max(1.0, abs(upper))


def test_array(op: str, x: np.ndarray, value: float | np.ndarray, upper: float | None) -> np.ndarray:
    """:func:`test_one` for every figure of ``x``, against one threshold or one a row (a benchmark's)."""
    import numpy as np

    tol = REL_TOL * (max(1.0, abs(value)) if isinstance(value, float | int) else np.maximum(1.0, np.abs(value)))
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


def _name(label: str, year: int | None) -> str:
    return label if year is None else f"{label}（{year}）"


def _worded_name(label: str, year: int | None) -> str:
    # a figure named inside a sentence: its year set off as the language sets it off ("营业收入 (2021)")
    return label if year is None else label + message("gap.in_year", year=year)


def _combine_label(combine: str, n: int) -> str:
    # names the combined figure, a key of the explanation's values beside the metrics' own labels
    # (test cases and programs read it): it stays Chinese; sentences word it with _YEARS below
    return {"aggregate": f"近{n}年合计口径", "mean": f"近{n}年平均", "sum": f"近{n}年合计", "cagr": f"近{n}年复合增长"}[
        combine
    ]


#: A criterion's gap wordings: (prefixes, suffixes, units) by form, and the index of the plain form.
GapForms = tuple[tuple[str, ...], tuple[str, ...], tuple[str | None, ...], int]

#: How the years combine, as a threshold or a note words it: the message code per ``combine``.
_YEARS = {
    "each": "show.benchmark.years_each",
    "any": "compare.years.any",
    "aggregate": "compare.years.aggregate",
    "mean": "show.benchmark.years_mean",
    "sum": "compare.years.sum",
    "cagr": "compare.years.cagr",
}


class Spec:
    """A compare criterion compiled: what it reads, how it tests and how it words its gaps."""

    def __init__(self, args: CompareArgs, ctx: BuildContext) -> None:
        metrics = ctx.metrics
        keys = list(args.sum) if args.sum else [args.metric] if args.metric else []
        if not keys:
            raise ValueError(message("notice.compare_needs_metric"))
        for k in keys:
            metrics.check(k, "sum" if args.sum else "metric")
            kinds.require(ctx, k, kinds.NUMBERS, "notice.not_a_number_fact", "sum" if args.sum else "metric")
        if args.op == "range" and args.upper is None:
            raise ValueError(message("notice.range_needs_upper"))
        unit = metrics.unit(keys[0])
        if args.unit is not None and unit is not None and args.unit != unit:
            raise ArgumentValueError(
                message("notice.unit_mismatch", unit=repr(args.unit), metric=repr(keys[0]), actual=repr(unit)), "unit"
            )
        self.yearly = metrics.yearly(keys[0])
        metric = metrics.by_key.get(keys[0])
        if (
            args.combine == "aggregate"
            and self.yearly
            and len(keys) == 1
            and metric is not None
            and not metric.numerator
        ):
            raise ValueError(message("notice.aggregate_not_ratio", metric=repr(keys[0])))
        if args.combine == "cagr" and (metric is None or metric.growth_of is None):
            raise ValueError(message("notice.cagr_needs_growth"))
        self.args = args
        self._years_words: dict[tuple[str, int], str] = {}
        self._threshold_words: dict[tuple[str, int], str] = {}
        # one enterprise's check asks for its years each time: they are worked out once per reference year
        self._years_read: dict[int, list[int | None]] = {}
        self.metrics: MetricSet = metrics
        self.keys = keys
        self.metric: Metric | None = metric
        self.unit = unit
        self.label = "＋".join(metrics.label(k) for k in keys)
        self.ratio = bool(metric is not None and metric.numerator and len(keys) == 1)
        self.per_year = args.combine in ("each", "any") or not self.yearly
        # worded when evaluated: a compiled program is shared by runs speaking either language, and a
        # unit is worded in the run's ("≥ 2项", "≥ 2 items")
        self.threshold = Worded(
            lambda: (
                f"{fmt(args.value, unit)} ≤ x < {fmt(args.upper, unit)}"
                if args.op == "range"
                else f"{OPS[args.op]} {fmt(args.value, unit)}"
            )
        )
        self.target = Worded(lambda: fmt(args.value, unit))
        self._figures: dict[tuple[int | None, ...], list[tuple[str, str, int | None]]] = {}
        # a slice of a screen words each criterion's gaps: their forms are worked out once per language and years
        self._forms: dict[tuple[str, tuple[int | None, ...]], GapForms] = {}
        # decided with figures missing: which rule applies (all read fields that are never negative)
        self.bound: str | None = None
        if not self.per_year and args.op in (">=", ">", "<=", "<"):
            if self.ratio and args.combine == "aggregate":
                assert metric is not None and metric.denominator is not None and metric.numerator is not None
                if metrics.unsigned(metric.numerator) and metrics.unsigned(metric.denominator):
                    self.bound = "ratio"
            elif args.combine in ("aggregate", "sum", "mean") and len(keys) == 1 and metrics.unsigned(keys[0]):
                self.bound = "sum"

    def figures(self, years: Sequence[int | None]) -> list[tuple[str, str, int | None]]:
        """(name shown, metric, year) of every figure an explanation shows, in order (worked out once per years)."""
        key = tuple(years)
        found = self._figures.get(key)
        if found is None:
            label = self.metrics.label
            found = []
            for y in years:
                for k in self.keys:
                    found.append((_name(label(k), y), k, y))
                    if self.ratio:
                        m = self.metric
                        assert m is not None and m.numerator is not None and m.denominator is not None
                        found.append((_name(label(m.numerator), y), m.numerator, y))
                        found.append((_name(label(m.denominator), y), m.denominator, y))
            self._figures[key] = found
        return found

    def combined_name(self, n: int) -> str:
        """The name of the combined figure over ``n`` years."""
        return f"{self.label}（{_combine_label(self.args.combine, n)}）"

    def years(self, env: Env) -> list[int | None]:
        """The years the criterion reads, oldest first (None for a fact without years); shared, not to be changed."""
        read = self._years_read.get(env.reference_year)
        if read is None:
            a = self.args
            last = a.year if a.year is not None else env.reference_year + a.year_offset
            read = self._years_read[env.reference_year] = [*years_ending(last, a.years)] if self.yearly else [None]
        return read

    def threshold_text(self, n: int) -> str:
        """The threshold as an explanation states it over ``n`` years, worded once per language."""
        key = (language(), n)
        text = self._threshold_words.get(key)
        if text is None:
            text = self._threshold_words[key] = self.threshold() + self.years_note(n)
        return text

    def years_note(self, n: int) -> str:
        """How the years combine, as the threshold text says it."""
        if not self.yearly or n == 1:
            return ""
        key = (language(), n)  # worded once per language: one enterprise's check asks for it every time
        text = self._years_words.get(key)
        if text is None:
            text = self._years_words[key] = tn(_YEARS[self.args.combine], n, years=n)
        return text

    # ------------------------------------------------------------------ wording
    def gap_forms(self, years: Sequence[int | None]) -> GapForms:
        """(prefixes, suffixes, units) of the gap texts, and the index of the plain form, in the language of the run.

        Ratio criteria word a gap in the numerator's terms, one form per year shown
        ("研发经费支出 (2021) needs +26万元 to reach 2%"); the last form states the
        metric itself, for rows whose numerator or denominator is not known.

        Each form comes twice: first with its amount's unit worded for many ("+2 items"),
        then, at the same index plus :meth:`one_offset`, for an amount shown as 1 ("+1 item").
        """
        key = (language(), tuple(years))
        forms = self._forms.get(key)
        if forms is None:
            many = self._gap_forms(years, "2")
            one = self._gap_forms(years, "1")
            forms = self._forms[key] = (
                (*many[0], *one[0]),
                (*many[1], *one[1]),
                (*many[2], *one[2]),
                many[3],
            )
        return forms

    @staticmethod
    def one_offset(prefixes: Sequence[str]) -> int:
        """How far a gap form's twin for one lies from it in :meth:`gap_forms`' lists (half their length)."""
        return len(prefixes) // 2

    @staticmethod
    def one_form(form: int, prefixes: Sequence[str], amount: float) -> int:
        """The form of a gap whose amount is ``amount``: its twin for one where the amount reads 1."""
        return form + Spec.one_offset(prefixes) if gap_number(amount) == "1" else form

    def _gap_forms(self, years: Sequence[int | None], count: str) -> tuple[list[str], list[str], list[str | None], int]:
        a = self.args
        unit = self.unit
        prefixes: list[str] = []
        suffixes: list[str] = []
        units: list[str | None] = []
        if self.ratio and a.combine in ("each", "any", "aggregate") and a.op in (">=", ">", "<=", "<"):
            assert self.metric is not None and self.metric.numerator is not None
            num_label = self.metrics.label(self.metric.numerator)
            nunit = self.metrics.unit(self.metric.numerator)
            # a year keeps the figure's own name ("研发经费支出（2021）", as in the values); the two years' total is worded
            whens = (
                [tn("compare.years.sum", len(years), years=len(years))]
                if a.combine == "aggregate"
                else [message("gap.in_year", year=y) if y else "" for y in years]
            )
            for when in whens:
                code = "gap.needs" if a.op in (">=", ">") else "gap.over"
                before, after = around(
                    code, label=f"{num_label}{when}", unit=unit_after(nunit, count), target=self.target()
                )
                prefixes.append(before)
                suffixes.append(after)
                units.append(nunit)
        plain = len(prefixes)
        if a.op in (">=", ">"):
            code = "gap.needs" if a.op == ">=" else "gap.needs_more"
            before, after = around(code, label=self.label, unit=unit_after(unit, count), target=self.target())
        elif a.op in ("<=", "<"):
            before, after = around("gap.over", label=self.label, unit=unit_after(unit, count), target=self.target())
        else:
            span = f"{fmt(a.value, unit)}–{fmt(a.upper, unit)}"
            before, after = around("gap.outside", label=self.label, unit=unit_after(unit, count), target=span)
        prefixes.append(before)
        suffixes.append(after)
        units.append(unit)
        return prefixes, suffixes, units, plain

    def note(self, missing: Sequence[str], bound: float, met: bool) -> str:
        """Why a criterion was decided although figures are missing (the bound rounded to its safe side)."""
        which = message("list.sep").join(missing)
        lower = met == (self.args.op in (">=", ">"))  # a lower bound decides a floor met, a ceiling not met
        shown = math.floor(bound * 100.0) / 100.0 if lower else math.ceil(bound * 100.0) / 100.0
        what = self.label + tn(_YEARS[self.args.combine], self.args.years, years=self.args.years)
        return message(
            "gap.decided_without_at_least" if lower else "gap.decided_without_at_most",
            which=which,
            what=what,
            bound=fmt(shown, self.unit),
            why=message(NEVER_NEGATIVE),
        )


# --------------------------------------------------------------------------- one enterprise
def build_one(args: CompareArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile a compare criterion for one enterprise."""
    spec = Spec(args, ctx)
    keys = spec.keys
    op, value, upper = args.op, args.value, args.upper

    def part(facts: Facts, y: int | None) -> tuple[float, bool]:
        """(sum of known parts, whether any part is missing)."""
        if len(keys) == 1:
            x = facts.metric(keys[0], y)
            return x, x != x
        total, missing = 0.0, False
        for k in keys:
            x = facts.metric(k, y)
            if x == x:
                total += x
            else:
                total += 0.0
                missing = True
        return total, missing

    def outcome_of(x: float, missing: bool) -> int:
        ok = test_one(op, x, value, upper)
        if len(keys) == 1:
            return UNKNOWN if missing else (MET if ok else NOT_MET)
        if missing and ((op in (">=", ">") and not ok) or (op in ("<=", "<") and ok) or op in ("==", "range")):
            return UNKNOWN  # a partial sum decides only where more items cannot change it
        return MET if ok else NOT_MET

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        years = spec.years(env)
        note = None
        if spec.per_year:
            per = [part(facts, y) for y in years]
            codes = [outcome_of(x, m) for x, m in per]
            code = combine_one("all" if args.combine == "each" else "any", codes) if len(years) > 1 else codes[0]
            worst_of = [(y, x) for y, (x, _m) in zip(years, per)]
        else:
            x, missing, decided = _combined_one(spec, facts, years)
            code = UNKNOWN if missing else (MET if test_one(op, x, value, upper) else NOT_MET)
            if decided is not None:
                code, note = decided
            worst_of = [(None, x)]
        values: dict[str, Any] = {name: shown(facts.metric(k, y)) for name, k, y in spec.figures(years)}
        if not spec.per_year:
            values[spec.combined_name(len(years))] = shown(worst_of[0][1])
        gap = gap_value = None
        gap_unit = spec.unit
        if code == NOT_MET:
            found = _gap_one(spec, facts, years, worst_of)
            if found is not None:
                gap, gap_value, gap_unit = found
        return code, Explanation(
            values=values,
            threshold=spec.threshold_text(len(years)),
            gap=gap,
            gap_value=gap_value,
            gap_unit=gap_unit,
            note=note,
        )

    return one


def _combined_one(spec: Spec, facts: Facts, years: list[int | None]) -> tuple[float, bool, tuple[int, str] | None]:
    """(combined figure, whether it is unknown, (outcome, note) when the known figures decide it anyway)."""
    a = spec.args
    metric, key = spec.metric, spec.keys[0]
    if a.combine == "aggregate" and metric is not None and metric.numerator:
        assert metric.denominator is not None
        nums = [facts.metric(metric.numerator, y) for y in years]
        dens = [facts.metric(metric.denominator, y) for y in years]
        num, den = _total(nums), _total(dens)
        x = num / den * 100.0 if den > 0 else math.nan
        decided = None
        if x != x and spec.bound == "ratio":
            known_num, known_den = _known_total(nums), _known_total(dens)
            gaps_num, gaps_den = any(v != v for v in nums), any(v != v for v in dens)
            if gaps_num != gaps_den and known_den > 0:
                bound = known_num / known_den * 100.0
                labels = _missing_labels(spec, years, nums, metric.numerator) + _missing_labels(
                    spec, years, dens, metric.denominator
                )
                decided = _decide(spec, bound, lower=gaps_num, missing=labels)
        return x, x != x, decided
    values = [facts.metric(key, y) for y in years]
    if a.combine in ("aggregate", "sum", "mean"):
        total = _total(values)
        x = total / len(years) if a.combine == "mean" else total
        decided = None
        if x != x and spec.bound == "sum" and any(v == v for v in values):
            partial = _known_total(values)
            bound = partial / len(years) if a.combine == "mean" else partial
            decided = _decide(spec, bound, lower=True, missing=_missing_labels(spec, years, values, key))
        return x, x != x, decided
    first = years[0]
    assert first is not None and metric is not None and metric.growth_of is not None
    base = facts.metric(metric.growth_of, first - 1)
    last = facts.metric(metric.growth_of, years[-1])
    x = (_power(last / base, 1.0 / len(years)) - 1.0) * 100.0 if base > 0 else math.nan
    return x, x != x, None


def _power(x: float, y: float) -> float:
    """``x ** y`` by NumPy's own routine, so that one enterprise and a frame agree to the last digit."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        return float(np.power(np.array([x]), y)[0])


def _total(values: Sequence[Any]) -> Any:
    out = values[0]
    for v in values[1:]:
        out = out + v
    return out


def _known_total(values: Sequence[float]) -> float:
    out = 0.0
    for v in values:
        if v == v:
            out = out + v
    return out


def _missing_labels(spec: Spec, years: Sequence[int | None], values: Sequence[float], key: str) -> list[str]:
    return [_worded_name(spec.metrics.label(key), y) for y, v in zip(years, values) if v != v]


def _decide(spec: Spec, bound: float, lower: bool, missing: list[str]) -> tuple[int, str] | None:
    """The outcome the known figures force, if any: ``bound`` is a lower (or upper) bound of the figure."""
    a = spec.args
    ok = test_one(a.op, bound, a.value, a.upper)
    floor = a.op in (">=", ">")
    if (lower and floor and ok) or (not lower and not floor and ok):
        return MET, spec.note(missing, bound, True)
    if (lower and not floor and not ok) or (not lower and floor and not ok):
        return NOT_MET, spec.note(missing, bound, False)
    return None


def _shortfall_one(op: str, x: float, value: float, upper: float | None) -> float | None:
    if x != x:
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


def _gap_one(
    spec: Spec, facts: Facts, years: list[int | None], worst_of: list[tuple[int | None, float]]
) -> tuple[str, float, str | None] | None:
    a = spec.args
    worst: tuple[int, float] | None = None
    for k, (_y, x) in enumerate(worst_of):
        d = _shortfall_one(a.op, x, a.value, a.upper)
        if d is not None and (worst is None or d > worst[1]):
            worst = (k, d)
    if worst is None:
        return None
    k, d = worst
    prefixes, suffixes, units, plain = spec.gap_forms(years)
    if plain:
        m = spec.metric
        assert m is not None and m.numerator is not None and m.denominator is not None
        span = years if a.combine == "aggregate" else [worst_of[k][0]]
        num = _total([facts.metric(m.numerator, y) for y in span])
        den = _total([facts.metric(m.denominator, y) for y in span])
        need = a.value / 100.0 * den - num if a.op in (">=", ">") else num - a.value / 100.0 * den
        if need == need:
            form = spec.one_form(0 if a.combine == "aggregate" else k, prefixes, need)
            return prefixes[form] + fmt_gap(need, None) + suffixes[form], need, units[form]
    form = spec.one_form(plain, prefixes, d)
    return prefixes[form] + fmt_gap(d, None) + suffixes[form], d, units[form]


# --------------------------------------------------------------------------- frames
def build(args: CompareArgs, ctx: BuildContext) -> Evaluator:
    """Compile a compare criterion for frames."""
    spec = Spec(args, ctx)
    keys = spec.keys
    op, value, upper = args.op, args.value, args.upper

    def part(cols: Columns, y: int | None) -> tuple[np.ndarray, np.ndarray]:
        """(sum of known parts, whether any part is missing); one key's figures mean nothing where missing."""
        import numpy as np

        if len(keys) == 1:
            return cols.metric_parts(keys[0], y)
        total: np.ndarray | None = None
        missing: np.ndarray | None = None
        for k in keys:  # added in order, a missing part as 0, as the one-enterprise path adds
            x, gap = cols.metric_parts(k, y)
            # a part with nothing missing (a column given in full, a constant) is added as it is, in one pass
            some = bool(gap.any())
            if total is None:  # the first part: a fresh array, never the frame's own figures (it is added to)
                total = np.where(gap, 0.0, x) if some else x.astype(np.float64, copy=True)
            else:
                total += np.where(gap, 0.0, x) if some else x
            if some:
                missing = gap.copy() if missing is None else np.logical_or(missing, gap, out=missing)
        assert total is not None
        return total, np.zeros(cols.n, dtype=bool) if missing is None else missing

    def outcome_of(x: np.ndarray, missing: np.ndarray) -> np.ndarray:
        import numpy as np

        ok = test_array(op, x, value, upper)
        out = ok.view(np.int8)  # MET is 1, NOT_MET 0 (the test's own fresh array: no copy)
        if len(keys) == 1:
            return unknown_where(out, missing)
        # a partial sum decides only where more items cannot change it: one not reached yet may reach
        # ``>=`` with more, and one already over ``<=`` stays over
        if op in (">=", ">"):
            return unknown_where(out, np.greater(missing, ok))
        if op in ("<=", "<"):
            return unknown_where(out, missing & ok)
        return unknown_where(out, missing)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        from .outcomes import all_of, any_of

        years = spec.years(env)
        notes: dict[int, str] = {}
        if spec.per_year:
            per = [part(cols, y) for y in years]
            outs = [outcome_of(x, m) for x, m in per]
            if len(years) == 1:
                outcome = outs[0]
            else:
                outcome = all_of(outs) if args.combine == "each" else any_of(outs)
            shown = _figures(cols, keys[0], years) if len(keys) == 1 else _kept([x for x, _m in per])
            # the gaps' figures at the rows they are stated for, from the parts the test read: a whole slice's
            # figures with NaN written in are made only for one row's explanation
            at = _parts_at(per) if len(keys) == 1 else _shown_at(shown)
        else:
            x, outcome, decided = _combined(spec, cols, years)
            shown = _kept([x])
            at = _shown_at(shown)
            if decided is not None:
                notes = decided
        return Evaluated(
            outcome,
            lambda i: _explain_row(spec, cols, years, outcome, shown(), notes, i),
            gaps=lambda rows: _gaps(spec, cols, years, at, rows),
        )

    return evaluate


def _figures(cols: Columns, key: str, years: list[int | None]) -> Callable[[], list[np.ndarray]]:
    """One key's figures per year, NaN where missing, worked out when first asked: an explanation needs them, a verdict not."""
    return cache(lambda: [cols.metric(key, y) for y in years])


#: The figures a criterion's gaps are worded from, at the rows given (row numbers in the frame).
FiguresAt = Callable[["np.ndarray"], list["np.ndarray"]]


def _shown_at(shown: Callable[[], list[np.ndarray]]) -> FiguresAt:
    """The figures ``shown`` gives, at the rows asked for."""
    return lambda rows: [x[rows] for x in shown()]


def _parts_at(per: list[tuple[np.ndarray, np.ndarray]]) -> FiguresAt:
    """One key's figures per year at the rows asked for, NaN where missing, from its parts: :func:`_figures` there."""
    return lambda rows: [_at(parts, rows) for parts in per]


def _at(parts: tuple[np.ndarray, np.ndarray], rows: np.ndarray) -> np.ndarray:
    """A metric's figures at ``rows`` from (figures, where missing), NaN where missing, as ``Columns.metric`` gives them."""
    import numpy as np

    x, missing = parts
    out = np.asarray(x[rows], dtype=np.float64)  # a copy: taken at rows
    out[missing[rows]] = np.nan
    return out


def _kept(figures: list[np.ndarray]) -> Callable[[], list[np.ndarray]]:
    """Figures already worked out, asked for as :func:`_figures` are."""

    def kept() -> list[np.ndarray]:
        return figures

    return kept


def _combined(spec: Spec, cols: Columns, years: list[int | None]) -> tuple[np.ndarray, np.ndarray, Any]:
    """(combined figure, outcome, decided rows' notes as a lazy mapping) over a frame."""
    import numpy as np

    a = spec.args
    metric, key = spec.metric, spec.keys[0]
    decided: _Decided | None = None
    if a.combine == "aggregate" and metric is not None and metric.numerator:
        assert metric.denominator is not None
        # each figure as it lies and where it is missing: the figures under a missing mark mean nothing,
        # and a total with any of them missing is missing
        nums = [cols.metric_parts(metric.numerator, y) for y in years]
        dens = [cols.metric_parts(metric.denominator, y) for y in years]
        (num, open_num), (den, open_den) = _total_parts(nums), _total_parts(dens)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            x = np.divide(num, den)
            x *= 100.0
        x[undefined(den, open_num, open_den)] = np.nan
        outcome = _from_test(spec, x)
        if spec.bound == "ratio":
            rows = np.flatnonzero(open_num != open_den)
            if len(rows):
                known_num = _known_total_parts(nums, rows)
                known_den = _known_total_parts(dens, rows)
                with np.errstate(divide="ignore", invalid="ignore"):
                    bound = known_num / known_den * 100.0
                bound[~(known_den > 0)] = np.nan
                lower = open_num[rows]
                decided = _decide_array(spec, outcome, rows, bound, lower)
                decided.labels = [
                    (metric.numerator, [m for _v, m in nums]),
                    (metric.denominator, [m for _v, m in dens]),
                ]
    elif a.combine in ("aggregate", "sum", "mean"):
        values = [cols.metric_parts(key, y) for y in years]
        total, missing = _total_parts(values)
        with np.errstate(over="ignore", invalid="ignore"):
            x = total / len(years) if a.combine == "mean" else total.astype(np.float64)  # a copy: NaN is written in
        x[missing] = np.nan
        outcome = _from_test(spec, x)
        if spec.bound == "sum":
            some = np.zeros(cols.n, dtype=bool)
            for _v, m in values:
                some |= ~m
            rows = np.flatnonzero(missing & some)
            if len(rows):
                partial = _known_total_parts(values, rows)
                bound = partial / len(years) if a.combine == "mean" else partial
                decided = _decide_array(spec, outcome, rows, bound, np.ones(len(rows), dtype=bool))
                decided.labels = [(key, [m for _v, m in values])]
    else:  # cagr
        first = years[0]
        assert first is not None and metric is not None and metric.growth_of is not None
        base = cols.metric(metric.growth_of, first - 1)
        last = cols.metric(metric.growth_of, years[-1])
        with np.errstate(divide="ignore", invalid="ignore"):
            x = (np.power(last / base, 1.0 / len(years)) - 1.0) * 100.0
        x[~(base > 0)] = np.nan
        outcome = _from_test(spec, x)
    if decided is not None:
        decided.spec, decided.years = spec, years
    return x, outcome, decided


def _from_test(spec: Spec, x: np.ndarray) -> np.ndarray:
    import numpy as np

    out = test_array(spec.args.op, x, spec.args.value, spec.args.upper).view(np.int8)  # a fresh array: no copy
    return unknown_where(out, np.isnan(x))


def _total_parts(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """(sum of the figures, where any is missing) over (figures, where missing) pairs; the sum means nothing there."""
    import numpy as np

    total, missing = parts[0]
    for v, m in parts[1:]:
        with np.errstate(over="ignore", invalid="ignore"):
            total = total + v
        missing = missing | m
    return total, missing


def _known_total_parts(parts: Sequence[tuple[np.ndarray, np.ndarray]], rows: np.ndarray) -> np.ndarray:
    """At ``rows``, the sum of the figures known, a missing one counting as 0."""
    import numpy as np

    out = np.zeros(len(rows))
    for v, m in parts:
        out = out + np.where(m[rows], 0.0, v[rows])
    return out


class _Decided:
    """Rows decided with figures missing, each with its bound and whether it met; notes are worded when asked for."""

    spec: Spec
    years: list[int | None]
    #: per figure read, its key and, per year, where it is missing
    labels: list[tuple[str, list[np.ndarray]]]

    def __init__(self, rows: np.ndarray, bound: np.ndarray, met: np.ndarray) -> None:
        #: ascending row numbers, and per row its bound and whether it met
        self.rows, self.bound, self.met = rows, bound, met

    def __bool__(self) -> bool:
        return len(self.rows) > 0

    def get(self, i: int) -> tuple[float, bool] | None:
        """Row ``i``'s (bound, met), or None where the known figures did not decide it."""
        import numpy as np

        at = int(np.searchsorted(self.rows, i))
        if at == len(self.rows) or self.rows[at] != i:
            return None
        return float(self.bound[at]), bool(self.met[at])

    def note(self, i: int) -> str | None:
        found = self.get(i)
        if found is None:
            return None
        bound, met = found
        missing = [
            _worded_name(self.spec.metrics.label(key), y)
            for key, masks in self.labels
            for y, mask in zip(self.years, masks)
            if mask[i]
        ]
        return self.spec.note(missing, bound, met)


def _decide_array(spec: Spec, outcome: np.ndarray, rows: np.ndarray, bound: np.ndarray, lower: np.ndarray) -> _Decided:
    """Decide the ``rows`` (ascending) that their ``bound`` decides, in ``outcome``: those rows, each bound and outcome."""
    import numpy as np

    a = spec.args
    ok = test_array(a.op, bound, a.value, a.upper)
    known = ~np.isnan(bound)
    # a lower bound that passes a floor, or an upper bound that passes a ceiling, decides "met";
    # a lower bound over a ceiling, or an upper bound under a floor, decides "not met"
    if a.op in (">=", ">"):
        met, not_met = lower & ok, ~lower & ~ok & known
    else:
        met, not_met = ~lower & ok, lower & ~ok & known
    outcome[rows[met]] = MET
    outcome[rows[not_met]] = NOT_MET
    chosen = met | not_met  # kept in row order: a row is found by bisection
    return _Decided(rows[chosen], bound[chosen], met[chosen])


def _explain_row(
    spec: Spec,
    cols: Columns,
    years: list[int | None],
    outcome: np.ndarray,
    figures: list[np.ndarray],
    decided: Any,
    i: int,
) -> Explanation:
    """The explanation of row ``i``: the same one :func:`build_one` gives for that enterprise alone."""
    values: dict[str, Any] = {name: shown(cols.metric(k, y)[i]) for name, k, y in spec.figures(years)}
    if not spec.per_year:
        values[spec.combined_name(len(years))] = shown(figures[0][i])
    gap = gap_value = None
    gap_unit = spec.unit
    if outcome[i] == NOT_MET:
        found = _gaps(spec, cols, years, lambda rows: [x[rows] for x in figures], _rows([i]))
        if len(found.rows):
            gap, gap_value, gap_unit = found.text.to_list()[0], float(found.value[0]), found.units[found.form[0]]
    return Explanation(
        values=values,
        threshold=spec.threshold_text(len(years)),
        gap=gap,
        gap_value=gap_value,
        gap_unit=gap_unit,
        note=decided.note(i) if decided else None,
    )


def _rows(rows: list[int]) -> np.ndarray:
    import numpy as np

    return np.array(rows, dtype=np.int64)


def _picked(which: np.ndarray, figures: list[np.ndarray]) -> np.ndarray:
    """Per row, its figure of the year ``which`` names (an index into ``figures``, one array a year).

    ``np.choose`` would do it in one call, but holds Python's lock throughout: the other
    threads of a screen wait on it. A masked copy releases it.
    """
    import numpy as np

    out = figures[0] if len(figures) == 1 else figures[0].copy()
    for k in range(1, len(figures)):
        np.copyto(out, figures[k], where=which == k)
    return out


def _gaps(spec: Spec, cols: Columns, years: list[int | None], figures_at: FiguresAt, rows: np.ndarray) -> GapColumns:
    """The gaps at ``rows`` (rows that do not meet the criterion) as whole columns."""
    import numpy as np

    a = spec.args
    rows = np.asarray(rows, dtype=np.int64)
    at = figures_at(rows)
    # the shortfall in each year shown; the worst year (the first of equals) is the one worded
    if a.op in (">=", ">"):
        short = [np.maximum(a.value - x, 0.0) for x in at]
    elif a.op in ("<=", "<"):
        short = [np.maximum(x - a.value, 0.0) for x in at]
    elif a.op == "range":
        assert a.upper is not None
        short = [np.where(x < a.value, a.value - x, x - a.upper) for x in at]
    else:
        short = [np.abs(x - a.value) for x in at]
    if len(short) == 1:
        worst = np.zeros(len(rows), dtype=np.int64)
        d = short[0]
    elif len(short) == 2:  # the second year where it falls shorter, or where the first has no figure
        first, second = short
        later = second > first
        missing = np.isnan(first)
        if missing.any():
            later |= missing & ~np.isnan(second)
        worst = later.astype(np.int64)
        d = np.where(later, second, first)
    else:
        stack = np.stack(short)
        worst = np.argmax(np.where(np.isnan(stack), -np.inf, stack), axis=0)
        d = stack[worst, np.arange(len(rows))]
    keep = ~np.isnan(d)
    if not keep.all():
        rows, worst, d = rows[keep], worst[keep], d[keep]
    prefixes, suffixes, units, plain = spec.gap_forms(years)
    form = np.full(len(rows), plain, dtype=np.int64)
    value = d
    if plain:
        m = spec.metric
        assert m is not None and m.numerator is not None and m.denominator is not None
        # the ratio's two figures at these rows alone, from the parts its test read
        nums_at = [_at(cols.metric_parts(m.numerator, y), rows) for y in years]
        dens_at = [_at(cols.metric_parts(m.denominator, y), rows) for y in years]
        if a.combine == "aggregate":
            num, den = _total(nums_at), _total(dens_at)
        else:
            num, den = _picked(worst, nums_at), _picked(worst, dens_at)
        need = a.value / 100.0 * den - num if a.op in (">=", ">") else num - a.value / 100.0 * den
        worded = ~np.isnan(need)
        form = np.where(worded, 0 if a.combine == "aggregate" else worst, plain)
        value = np.where(worded, need, d)
    # an amount that reads 1 takes its form's twin for one ("+1 item"), as one_form does for one enterprise;
    # only amounts near 1 are looked at closely
    near = np.flatnonzero(np.abs(value - 1.0) < 0.01)  # a negative amount never reads 1
    form[near[reads_one(value[near])]] += spec.one_offset(prefixes)
    return GapColumns(
        rows,
        value,
        form.astype(np.int8),
        tuple(units),
        threshold=spec.threshold_text(len(years)),
        wording=(tuple(prefixes), tuple(suffixes)),
    )


def condition_type() -> ConditionType:
    """The ``compare`` record."""
    return ConditionType("compare", CompareArgs, build, CompareArgs.__doc__ or "", build_one=build_one)
