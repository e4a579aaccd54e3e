"""The ``revoked`` condition type: no title revoked within the years a notice bars re-applying.

Notices end a title before its term on what an enterprise did (虚假申报, 违法违规, a
failed 复核) and bar it from applying again for a time: "一经查实，立即予以撤销，3年内
不得重新申报", "立即予以撤销，且两年内不再受理其申报申请". A profile gives the day a
title was revoked (``[[recognitions]] revoked_on``): from that day the title is not in
force (:mod:`srdi.engine.titles`), and this criterion says whether the bar still runs.

The bar counts as periods in years and months are counted (《民法典》第二百零一条、第二百
零二条): it starts the day after the revocation and its last day is the corresponding
day ``years`` later (the month's last day where it has no such day). Revoked on
2021-05-10 with a three-year bar, an enterprise is barred through 2024-05-10 and may
apply on 2024-05-11.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..i18n import t as message
from .conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator
from .outcomes import MET, NOT_MET, UNKNOWN
from .recognition import UNDECLARED
from .tenure import anniversary, bar_end, check_titles_and_span, day_after, span_words, title_names
from .titles import criteria_titles, revoked_column

if TYPE_CHECKING:
    from ..programs import Program
    from .columns import Columns
    from .facts import Facts


@frozen
class RevokedArgs:
    """Arguments of ``revoked``: none of ``titles`` revoked within ``years`` and ``months`` before the evaluation date.

    Not met from the day one of ``titles`` (or a title counting as one) was revoked
    (the profile's ``revoked_on``) through the corresponding day ``years`` and
    ``months`` later; met where the profile lists its recognitions and none was
    revoked in that time; unknown where the profile does not list its recognitions.
    """

    titles: tuple[str, ...]
    years: int = 0
    months: int = 0


def _build(args: RevokedArgs, ctx: BuildContext) -> Evaluator:
    check_titles_and_span("revoked", args.titles, args.years, args.months, ctx)
    holders = [h for t in args.titles for h in ctx.titles.holders(t)]

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_one)

        from .columns import to_datetime64

        # worded here, not when compiled: a compiled program is shared by runs speaking other languages
        threshold = message(
            "revocation.threshold", span=span_words(args.years, args.months), titles=title_names(args.titles, ctx)
        )
        d = to_datetime64(env.on)
        declared = cols.num("recognitions_declared")
        barred = np.zeros(cols.n, dtype=bool)
        for holder in holders:
            column = revoked_column(holder)
            if not cols.has(column):
                continue
            revoked = cols.date(column)
            with np.errstate(invalid="ignore"):
                barred |= ~np.isnat(revoked) & (revoked <= d) & (anniversary(revoked, args.years, args.months) >= d)
        outcome = np.where(barred, NOT_MET, MET).astype(np.int8)
        undeclared = np.isnan(declared) & ~barred
        outcome[undeclared] = UNKNOWN

        def explain(i: int) -> Explanation:
            values: dict[str, Any] = {ctx.titles.label(t): ctx.titles.describe(cols, t, i) for t in args.titles}
            gap = None
            if outcome[i] == NOT_MET:
                ends = [
                    bar_end(day, args.years, args.months)
                    for h in holders
                    if isinstance(day := cols.value_at(revoked_column(h), i), dt.date) and day <= env.on
                ]
                again = day_after(max(ends)) if ends else None
                if again is not None:
                    gap = message("gap.revoked", date=again.isoformat())
            note = message(UNDECLARED) if undeclared[i] else None
            return Explanation(values, threshold=threshold, gap=gap, note=note)

        return Evaluated(outcome, explain)

    return evaluate


def _build_one(args: RevokedArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`_build`'s evaluator decides for a row, and its explanation."""
    check_titles_and_span("revoked", args.titles, args.years, args.months, ctx)
    holders = [h for t in args.titles for h in ctx.titles.holders(t)]

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        threshold = message(
            "revocation.threshold", span=span_words(args.years, args.months), titles=title_names(args.titles, ctx)
        )
        # the last day each revocation up to today bars re-applying: barred where one of them is today or later
        ends = [
            bar_end(day, args.years, args.months)
            for h in holders
            if isinstance(day := facts.date(revoked_column(h)), dt.date) and day <= env.on
        ]
        barred = any(end >= env.on for end in ends)
        undeclared = not barred and facts.num("recognitions_declared") != facts.num("recognitions_declared")
        code = NOT_MET if barred else UNKNOWN if undeclared else MET
        values: dict[str, Any] = {ctx.titles.label(t): ctx.titles.describe(facts, t, 0) for t in args.titles}
        again = day_after(max(ends)) if barred else None
        gap = None if again is None else message("gap.revoked", date=again.isoformat())
        note = message(UNDECLARED) if undeclared else None
        return code, Explanation(values, threshold=threshold, gap=gap, note=note)

    return one


def revocable_titles(program: Program) -> list[str]:
    """The titles whose day of revocation ``program``'s criteria read, in the rule's order (each once)."""
    return criteria_titles(program, "revoked")


def revoked_type() -> ConditionType:
    """The ``revoked`` condition type record."""
    return ConditionType("revoked", RevokedArgs, _build, RevokedArgs.__doc__ or "", build_one=_build_one)
