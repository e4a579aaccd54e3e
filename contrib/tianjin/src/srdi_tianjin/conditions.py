"""``tianjin.date_before``: a date fact on or before a cut-off day.

津工信中小企服〔2021〕28号 admits enterprises registered "2019年12月1日前": a calendar
cut-off, not a number of years (``years_since`` counts full years to the evaluation
date, which is a different test).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from attrs import frozen

from srdi.engine.columns import Columns, to_datetime64
from srdi.engine.conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation
from srdi.engine.outcomes import from_bool


@frozen
class DateBeforeArgs:
    """``fact`` (a date; default ``registered_on``) falls on or before ``date``; strictly before when not ``inclusive``."""

    date: dt.date
    fact: str = "registered_on"
    inclusive: bool = True


def _build(args: DateBeforeArgs, ctx: BuildContext) -> Evaluator:
    ctx.metrics.check(args.fact)
    field = ctx.metrics.vocabulary.get(args.fact)
    if field is not None and field.kind != "date":
        raise ValueError(f"{args.fact!r} is not a date")
    label = ctx.metrics.label(args.fact)
    cutoff = to_datetime64(args.date)
    threshold = f"{'不晚于' if args.inclusive else '早于'}{args.date.isoformat()}"

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        day = cols.date(args.fact)
        known = ~np.isnat(day)
        with np.errstate(invalid="ignore"):
            ok = day <= cutoff if args.inclusive else day < cutoff
        out = from_bool(ok, known)

        def explain(i: int) -> Explanation:
            shown = None if np.isnat(day[i]) else str(day[i])
            return Explanation({label: shown}, threshold=threshold)

        return Evaluated(out, explain)

    return evaluate


def date_before() -> ConditionType:
    """The condition type record."""
    return ConditionType("tianjin.date_before", DateBeforeArgs, _build, DateBeforeArgs.__doc__ or "", "srdi-tianjin")
