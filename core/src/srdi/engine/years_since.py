"""The ``years_since`` condition type: full years from a date fact (e.g. registration) to a day."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from ..i18n import Worded, tn
from ..i18n import t as message
from ..months import shifted
from . import kinds
from .compare import REL_TOL, test_one
from .evaluation import (
    OPS,
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
)
from .outcomes import MET, NOT_MET, UNKNOWN, from_bool

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns
    from .facts import Facts


@frozen
class YearsSinceArgs:
    """Arguments of ``years_since``: full years from a date fact (e.g. registration) to a day."""

    op: Literal[">=", ">", "<=", "<"]
    value: float
    fact: str = "registered_on"
    as_of: Literal["evaluation_date", "reference_year_end"] = "evaluation_date"


class _Compiled:
    def __init__(self, args: YearsSinceArgs, ctx: BuildContext) -> None:
        ctx.metrics.check(args.fact, "fact")
        kinds.require(ctx, args.fact, kinds.DATES, "notice.not_a_date_fact")
        self.args = args
        self.label = ctx.metrics.label(args.fact)
        self.years = fmt(args.value)
        # worded when evaluated: a compiled program is shared by runs speaking either language
        self.threshold = Worded(self._threshold)
        self.years_to_reach = math.ceil(args.value)

    def _threshold(self) -> str:
        # gettext chooses the form by an integer: the shown years when whole, else 2 (see plural_n)
        return tn("years_since.threshold", plural_n(self.years), op=OPS[self.args.op], n=self.years)

    def gap(self, day: dt.date) -> str:
        """The gap of a start too recent: the day it reaches the full years."""
        return tn("gap.reaches", plural_n(self.years), n=self.years, date=day.isoformat())

    def cut(self, day: dt.date) -> tuple[bool, dt.date | None]:
        """(True, d): full years to ``day`` pass the test exactly for starts on or before d; (False, d): after d.

        Full years are whole numbers, so "≥ 2.5" is "≥ 3"; the latest start with at
        least k full years is ``day`` k years back (29 February falls back to the 28th).
        d is None when k years back precedes the calendar: no start is on or before it.
        """
        a = self.args
        tol = REL_TOL * max(1.0, abs(a.value))
        if a.op == ">=":
            return True, shifted(day, -math.ceil(a.value - tol))
        if a.op == ">":
            return True, shifted(day, -(math.floor(a.value + tol) + 1))
        if a.op == "<=":
            return False, shifted(day, -(math.floor(a.value + tol) + 1))
        return False, shifted(day, -math.ceil(a.value - tol))

    def day(self, env: Env) -> dt.date:
        return env.on if self.args.as_of == "evaluation_date" else dt.date(env.reference_year, 12, 31)

    def reached(self, start: dt.date) -> dt.date | None:
        """The day ``start`` is ``value`` full years back (29 February counts from 28 February); None past year 9999."""
        return shifted(start, self.years_to_reach)

    def explanation(self, day: dt.date, start: dt.date | None, full: float, failed: bool) -> Explanation:
        gap = None
        reached = self.reached(start) if failed and start is not None and self.args.op in (">=", ">") else None
        if reached is not None:
            gap = self.gap(reached)
        # the figure's name is a key case files read: the Chinese one is 截至…满年数, as it always was
        figure = message("years_since.full_years_to", date=day.isoformat())
        return Explanation(
            {self.label: None if start is None else start.isoformat(), figure: shown(full)},
            threshold=self.threshold(),
            gap=gap,
        )


def plural_n(shown_years: str) -> int:
    """The count gettext chooses the plural form of ``shown_years`` years by ("1", "3", "1.5").

    A whole number is itself. gettext's plural rules take an integer only, so a fraction
    (1.5, 0.5) is passed as 2: English, the catalogue's language with more than one form,
    words every decimal in the plural ("1.5 years", "0.5 years", never "1.5 year"), and 2
    is an integer its rule (n != 1) gives that form, as does the rule of a language where 0
    and 1 share the singular (n > 1), which 0 would not; Chinese has one form for any n.
    The shown text is read, not the value, so 1.0001 shown as "1" is one year.
    """
    return int(shown_years) if shown_years.lstrip("-").isdigit() else 2


def full_years(start: dt.date, day: dt.date) -> float:
    """Full years from ``start`` to ``day``."""
    return float(day.year - start.year - ((start.month, start.day) > (day.month, day.day)))


def build(args: YearsSinceArgs, ctx: BuildContext) -> Evaluator:
    """Compile a years_since criterion for frames."""
    c = _Compiled(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        from .columns import to_datetime64

        day = c.day(env)
        start = cols.date(args.fact)
        known = ~np.isnat(start)
        # full years only grow as the start moves back: a test on them is a test on the start date
        at_least, bound = c.cut(day)
        if bound is None:  # k years back precede the calendar: no start is that early, every start is later
            ok = np.full(len(start), not at_least)
        else:
            with np.errstate(invalid="ignore"):
                ok = start <= to_datetime64(bound) if at_least else start > to_datetime64(bound)
        out = from_bool(ok, known)

        def start_at(i: int) -> dt.date | None:
            return None if np.isnat(start[i]) else dt.date.fromisoformat(str(start[i]))

        def explain(i: int) -> Explanation:
            first = start_at(i)
            return c.explanation(day, first, math.nan if first is None else full_years(first, day), out[i] == NOT_MET)

        def gaps(rows: np.ndarray) -> GapColumns:
            from .text import Fragments

            rows = np.asarray(rows, dtype=np.int64)
            if args.op not in (">=", ">"):
                rows = rows[:0]
            # each distinct start date worded once
            distinct, inverse = np.unique(start[rows], return_inverse=True)
            inverse = inverse.reshape(-1)
            dated = ~np.isnat(distinct)
            # a start whose years would be reached past year 9999 has no day to name: it states no gap
            reached = [c.reached(dt.date.fromisoformat(str(d))) if ok else None for d, ok in zip(distinct, dated)]
            named = np.array([r is not None for r in reached], dtype=bool)
            keep = named[inverse]
            texts = [c.gap(r) for r in reached if r is not None]
            text = Fragments.of(rows[keep], (np.cumsum(named) - 1)[inverse[keep]], texts)
            m = len(text.rows)
            return GapColumns(text.rows, np.full(m, np.nan), np.zeros(m, dtype=np.int8), (None,), text, c.threshold())

        return Evaluated(out, explain, gaps=gaps)

    return evaluate


def build_one(args: YearsSinceArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile a years_since criterion for one enterprise."""
    c = _Compiled(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        day = c.day(env)
        start = facts.date(args.fact)
        if start is None:
            return UNKNOWN, c.explanation(day, None, math.nan, False)
        full = full_years(start, day)
        code = MET if test_one(args.op, full, args.value, None) else NOT_MET
        return code, c.explanation(day, start, full, code == NOT_MET)

    return one


def condition_type() -> ConditionType:
    """The ``years_since`` record."""
    return ConditionType("years_since", YearsSinceArgs, build, YearsSinceArgs.__doc__ or "", build_one=build_one)
