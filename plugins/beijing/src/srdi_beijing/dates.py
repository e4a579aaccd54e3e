"""The ``beijing.date_within`` condition type: a dated fact inside a window.

Beijing's project guides bound projects and rewards by dates ("应于2020年1月之后开工建设",
"项目建设期不超过2022年12月底", "首发上市日期应在2021年3月之后"). The window's days live
in the notice file as the criterion's ``on_or_after`` / ``on_or_before``; this module
only compares. Both bounds are inclusive, so a reading of "之后" that excludes the
month named is a change of the criterion's ``on_or_after`` (an overrides file or
``Program.with_overrides``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from attrs import frozen

from srdi.engine.columns import Columns, to_datetime64
from srdi.engine.conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation
from srdi.engine.outcomes import from_bool


@frozen
class DateWithinArgs:
    """Arguments of ``beijing.date_within``: the date ``fact`` lies within the window (bounds included).

    At least one of ``on_or_after`` and ``on_or_before`` is given. A missing date
    is unknown, never outside the window.
    """

    fact: str
    on_or_after: dt.date | None = None
    on_or_before: dt.date | None = None


def _window_text(a: DateWithinArgs) -> str:
    if a.on_or_after and a.on_or_before:
        return f"{a.on_or_after.isoformat()} 至 {a.on_or_before.isoformat()}（含）"
    if a.on_or_after:
        return f"不早于 {a.on_or_after.isoformat()}"
    assert a.on_or_before is not None
    return f"不晚于 {a.on_or_before.isoformat()}"


def build_date_within(args: DateWithinArgs, ctx: BuildContext) -> Evaluator:
    """Compile a ``beijing.date_within`` criterion into a vectorised evaluator."""
    ctx.metrics.check(args.fact)
    field = ctx.metrics.vocabulary.get(args.fact)
    if field is None or field.kind != "date":
        raise ValueError(f"beijing.date_within needs a date field; {args.fact!r} is not one")
    if args.on_or_after is None and args.on_or_before is None:
        raise ValueError("beijing.date_within needs on_or_after, on_or_before or both")
    if args.on_or_after and args.on_or_before and args.on_or_after > args.on_or_before:
        raise ValueError("on_or_after is later than on_or_before: the window is empty")
    label = ctx.metrics.label(args.fact)
    lo = to_datetime64(args.on_or_after) if args.on_or_after else None
    hi = to_datetime64(args.on_or_before) if args.on_or_before else None

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        day = cols.date(args.fact)
        known = ~np.isnat(day)
        ok = np.ones(cols.n, dtype=bool)
        with np.errstate(invalid="ignore"):
            if lo is not None:
                ok &= day >= lo
            if hi is not None:
                ok &= day <= hi
        out = from_bool(ok, known)

        def explain(i: int) -> Explanation:
            shown = None if np.isnat(day[i]) else dt.date.fromisoformat(str(day[i]))
            gap = None
            if shown is not None and not ok[i]:
                if args.on_or_after and shown < args.on_or_after:
                    gap = f"{(args.on_or_after - shown).days} days before {args.on_or_after.isoformat()}"
                elif args.on_or_before and shown > args.on_or_before:
                    gap = f"{(shown - args.on_or_before).days} days after {args.on_or_before.isoformat()}"
            return Explanation({label: shown}, threshold=_window_text(args), gap=gap)

        return Evaluated(out, explain)

    return evaluate


def condition_types() -> list[ConditionType]:
    """The condition types this plugin adds."""
    return [
        ConditionType(
            "beijing.date_within",
            DateWithinArgs,
            build_date_within,
            DateWithinArgs.__doc__ or "",
            origin="srdi-beijing",
        )
    ]
