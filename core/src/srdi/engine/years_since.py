"""The ``years_since`` condition type: full years from a date fact (e.g. registration) to a day."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from .compare import test_array, test_one
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
        ctx.metrics.check(args.fact)
        self.args = args
        self.label = ctx.metrics.label(args.fact)
        self.threshold = f"{OPS[args.op]} {fmt(args.value)}年"
        self.gap_prefix = f"reaches {fmt(args.value)} full years on "
        self.years_to_reach = math.ceil(args.value)

    def day(self, env: Env) -> dt.date:
        return env.on if self.args.as_of == "evaluation_date" else dt.date(env.reference_year, 12, 31)

    def reached(self, start: dt.date) -> dt.date:
        """The day ``start`` is ``value`` full years back (29 February counts from 28 February)."""
        try:
            return start.replace(year=start.year + self.years_to_reach)
        except ValueError:
            return start.replace(year=start.year + self.years_to_reach, day=28)

    def explanation(self, day: dt.date, start: dt.date | None, full: float, failed: bool) -> Explanation:
        gap = None
        if failed and start is not None and self.args.op in (">=", ">"):
            gap = self.gap_prefix + self.reached(start).isoformat()
        return Explanation(
            {self.label: None if start is None else start.isoformat(), f"截至{day.isoformat()}满年数": shown(full)},
            threshold=self.threshold,
            gap=gap,
        )


def build(args: YearsSinceArgs, ctx: BuildContext) -> Evaluator:
    """Compile a years_since criterion for frames."""
    c = _Compiled(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        day = c.day(env)
        start = cols.date(args.fact)
        known = ~np.isnat(start)
        year = start.astype("datetime64[Y]").astype(np.int64) + 1970
        month_start = start.astype("datetime64[M]")
        month = month_start.astype(np.int64) % 12 + 1
        dom = (start - month_start.astype("datetime64[D]")).astype(np.int64) + 1
        before = (month > day.month) | ((month == day.month) & (dom > day.day))
        full = (day.year - year - before).astype(np.float64)
        full[~known] = np.nan
        out = from_bool(test_array(args.op, full, args.value, None), known)

        def start_at(i: int) -> dt.date | None:
            return None if np.isnat(start[i]) else dt.date.fromisoformat(str(start[i]))

        def explain(i: int) -> Explanation:
            return c.explanation(day, start_at(i), float(full[i]), out[i] == NOT_MET)

        def gaps(rows: np.ndarray) -> GapColumns:
            from .text import texts_of

            rows = np.asarray(rows, dtype=np.int64)
            if args.op not in (">=", ">"):
                rows = rows[:0]
            distinct, inverse = np.unique(start[rows], return_inverse=True)
            texts = [
                None if np.isnat(d) else c.gap_prefix + c.reached(dt.date.fromisoformat(str(d))).isoformat()
                for d in distinct
            ]
            text = texts_of(rows, [texts[k] for k in inverse.reshape(-1).tolist()])
            m = len(text.rows)
            return GapColumns(text.rows, np.full(m, np.nan), np.zeros(m, dtype=np.int8), (None,), text, c.threshold)

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
        full = float(day.year - start.year - ((start.month, start.day) > (day.month, day.day)))
        code = MET if test_one(args.op, full, args.value, None) else NOT_MET
        return code, c.explanation(day, start, full, code == NOT_MET)

    return one


def condition_type() -> ConditionType:
    """The ``years_since`` record."""
    return ConditionType("years_since", YearsSinceArgs, build, YearsSinceArgs.__doc__ or "", build_one=build_one)
