"""Time-based prerequisites: how long a title has been held, and date cut-offs.

``tenure``: 重庆's "提前1年纳入“专精特新”中小企业培育库" — a title or pool membership
held, and in force, for at least so many years and months on the evaluation date.
``date``: 天津's "2019年12月1日前…注册登记", 山西's "2019年1月1日前在山西省内登记注册" — a
date fact before (or on, or after) a calendar day the notice prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from ..i18n import t as message
from ..i18n import tn
from ..months import in_month, shifted
from .conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator
from .evaluation import ArgumentValueError
from .outcomes import MET, NOT_MET, UNKNOWN, from_bool
from .titles import columns as title_columns
from .titles import criteria_titles

if TYPE_CHECKING:
    import numpy as np

    from ..programs import Program
    from .columns import Columns
    from .facts import Facts


def bar_end(day: dt.date, years: int, months: int) -> dt.date:
    """:func:`srdi.months.shifted`, or :data:`datetime.date.max` where that lies after 9999: a bar that holds on every day there is."""
    end = shifted(day, years, months)
    return dt.date.max if end is None else end


def day_after(end: dt.date) -> dt.date | None:
    """The day after a bar's last day, when one may apply again; None past the calendar (nothing to name)."""
    return None if end >= dt.date.max else end + dt.timedelta(days=1)


def anniversary(days: np.ndarray, years: int, months: int) -> np.ndarray:
    """Each day moved forward by ``years`` and ``months``, as :func:`srdi.months.forward` does; NaT stays NaT."""
    import numpy as np

    month = days.astype("datetime64[M]")
    day_of_month = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(12 * years + months, "M")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    out = target.astype("datetime64[D]") + np.minimum(day_of_month, length - 1).astype("timedelta64[D]")
    out[np.isnat(days)] = np.datetime64("NaT", "D")
    return np.asarray(out, dtype="datetime64[D]")


def span_words(years: int, months: int) -> str:
    """A span as the notices word it: 2年, 1年6个月, 3个月 (2 year(s), … in English)."""
    if years and months:
        return message("show.span.years_months", years=span_words(years, 0), months=span_words(0, months))
    return tn("show.span.months", months, months=months) if months else tn("show.span.years", years, years=years)


def check_titles_and_span(kind: str, titles: Sequence[str], years: int, months: int, ctx: BuildContext) -> None:
    """Raise unless a ``kind`` criterion names titles, each known, and a positive span."""
    if not titles:
        raise ArgumentValueError(message("notice.needs_titles", kind=kind), "titles")
    if years < 0 or months < 0 or (years == 0 and months == 0):
        raise ArgumentValueError(message("notice.needs_span", kind=kind), "months" if months < 0 else "years")
    for t in titles:
        ctx.titles.check(t)


def title_names(titles: Sequence[str], ctx: BuildContext) -> str:
    """The titles' names as a threshold lists them, in the language of messages (worded when evaluated)."""
    return message("list.sep").join(ctx.titles.label(t) for t in titles)


# --------------------------------------------------------------------------- tenure
@frozen
class TenureArgs:
    """Arguments of ``tenure``: one of ``titles`` held, in force, for at least ``years`` and ``months``.

    Counted from the grant date (``[[recognitions]] granted_on``) to the evaluation
    date (or the end of the reference year with ``as_of = "reference_year_end"``).
    A recognition with only its year decides when the whole year is on one side of
    the cut-off, and is unknown otherwise. A title without a stated validity (a
    cultivation pool) is held from its grant until the profile's ``valid_until`` or its
    day of revocation (``revoked_on``: 撤销, 移出).
    """

    titles: tuple[str, ...]
    years: int = 0
    months: int = 0
    as_of: Literal["evaluation_date", "reference_year_end"] = "evaluation_date"


def _tenure_day(args: TenureArgs, env: Env) -> dt.date:
    """The day the span must be complete on: the evaluation date, or the end of the reference year."""
    return env.on if args.as_of == "evaluation_date" else dt.date(env.reference_year, 12, 31)


def _tenure_threshold(args: TenureArgs, ctx: BuildContext) -> str:
    """What the criterion asks, worded when evaluated: a compiled program is shared by runs speaking other languages."""
    span = span_words(args.years, args.months)
    return message(f"tenure.threshold.{args.as_of}", titles=title_names(args.titles, ctx), span=span)


def _tenure_gap(cols: Columns | Facts, i: int, args: TenureArgs, ctx: BuildContext, day: dt.date) -> str | None:
    """For a row not met: the day the span from a grant up to ``day`` completes (the last holder's that has one)."""
    gap = None
    span = span_words(args.years, args.months)
    for title in args.titles:
        for holder in ctx.titles.holders(title):
            g = cols.value_at(title_columns(holder)[1], i)
            if isinstance(g, dt.date) and g <= day:
                done = shifted(g, args.years, args.months)
                if done is None:  # the span ends after 9999: no calendar day to name
                    continue
                # the span not complete yet: the day it will be (a span complete on a title not in force has no day)
                if done > day:
                    gap = message("tenure.gap", span=span, date=done.isoformat())
    return gap


def _tenure_explanation(
    cols: Columns | Facts,
    i: int,
    code: int,
    undeclared: bool,
    args: TenureArgs,
    ctx: BuildContext,
    day: dt.date,
    threshold: str,
) -> Explanation:
    """Why a row came out as ``code``: the titles it holds, the gap where not met, and what keeps it unknown.

    ``undeclared``: the row does not say whether it lists its recognitions (``recognitions_declared`` missing).
    """
    values: dict[str, Any] = {ctx.titles.label(t): ctx.titles.describe(cols, t, i) for t in args.titles}
    gap = _tenure_gap(cols, i, args, ctx, day) if code == NOT_MET else None
    note = None
    if undeclared and code != MET:
        note = message("gap.no_recognitions_dated")
    elif code == UNKNOWN:
        note = message("gap.year_alone")
    return Explanation(values, threshold=threshold, gap=gap, note=note)


def _build_tenure(args: TenureArgs, ctx: BuildContext) -> Evaluator:
    check_titles_and_span("tenure", args.titles, args.years, args.months, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_tenure_one)

        from .columns import to_datetime64

        threshold = _tenure_threshold(args, ctx)
        day = _tenure_day(args, env)
        d = to_datetime64(day)
        declared = cols.num("recognitions_declared")
        outcome = np.full(cols.n, NOT_MET, dtype=np.int8)
        undecided = np.zeros(cols.n, dtype=bool)
        for title in args.titles:
            for holder in ctx.titles.holders(title):
                ycol, gcol, _ = title_columns(holder)
                granted = cols.date(gcol)
                year = cols.num(ycol)
                # a pool (no stated term) counts from its grant until its end of validity or its removal
                in_force = ctx.titles.status(cols, holder, day, termless=True)
                g_known = ~np.isnat(granted)
                # the day the span is complete: the grant's anniversary (29 February → 28 February)
                long_enough = g_known & (anniversary(granted, args.years, args.months) <= d)
                early = np.full(cols.n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
                late = early.copy()
                by_year = ~g_known & ~np.isnan(year)
                if by_year.any():
                    y = year[by_year].astype(np.int64)
                    early[by_year] = (y - 1970).astype("datetime64[Y]").astype("datetime64[D]")
                    late[by_year] = (y - 1969).astype("datetime64[Y]").astype("datetime64[D]") - np.timedelta64(1, "D")
                first = anniversary(early, args.years, args.months)
                last = anniversary(late, args.years, args.months)
                long_enough |= by_year & (last <= d)
                maybe = by_year & (first <= d) & (last > d)
                held = in_force == 1.0
                met = held & long_enough
                outcome[met] = MET
                undecided |= (held & maybe) | (np.isnan(in_force) & (long_enough | maybe))
        open_ = (outcome != MET) & (undecided | np.isnan(declared))
        outcome[open_] = UNKNOWN

        def explain(i: int) -> Explanation:
            undeclared = bool(np.isnan(declared[i]))
            return _tenure_explanation(cols, i, int(outcome[i]), undeclared, args, ctx, day, threshold)

        return Evaluated(outcome, explain)

    return evaluate


def _complete_by(year: int, month: int, day_of_month: int, args: TenureArgs, day: dt.date) -> bool:
    """Whether the span from a day of grant is complete on ``day``: its anniversary is ``day`` or earlier.

    The day of grant is ``year``-``month``-``day_of_month``, and its anniversary the day
    :func:`srdi.months.forward` (and :func:`anniversary`, on the frame path) gives.
    """
    y, m = divmod(year * 12 + (month - 1) + args.years * 12 + args.months, 12)
    if y != day.year:
        # decided by the years alone: an anniversary in another year is before or after ``day`` whatever its month
        # and day. The frame path counts a year alone with datetime64, which holds any year; datetime.date holds
        # only 1-9999, so a year far in the past (both anniversaries before ``day``) or far in the future (both
        # after) is compared as an integer here, never built as a date
        return y < day.year
    return in_month(y, m + 1, day_of_month) <= day


def _long_enough_one(facts: Facts, holder: str, args: TenureArgs, day: dt.date) -> tuple[bool, bool]:
    """(the span since the grant of ``holder`` is complete on ``day``, it may be: the year alone does not say)."""
    ycol, gcol, _ = title_columns(holder)
    granted = facts.date(gcol)
    if granted is not None:
        return _complete_by(granted.year, granted.month, granted.day, args, day), False
    year = facts.num(ycol)
    if year != year:
        return False, False
    # the grant is some day of that year: complete even from 31 December, or only from days before it
    y = int(year)
    last = _complete_by(y, 12, 31, args, day)
    return last, not last and _complete_by(y, 1, 1, args, day)


def _build_tenure_one(args: TenureArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`_build_tenure`'s evaluator decides for a row, and its explanation."""
    check_titles_and_span("tenure", args.titles, args.years, args.months, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        day = _tenure_day(args, env)
        code = NOT_MET
        undecided = False
        for title in args.titles:
            for holder in ctx.titles.holders(title):
                in_force = ctx.titles.status_one(facts, holder, day, termless=True)
                long_enough, maybe = _long_enough_one(facts, holder, args, day)
                held = in_force == 1.0
                if held and long_enough:
                    code = MET
                undecided |= (held and maybe) or (in_force != in_force and (long_enough or maybe))
        declared = facts.num("recognitions_declared")
        undeclared = declared != declared
        if code != MET and (undecided or undeclared):
            code = UNKNOWN
        return code, _tenure_explanation(facts, 0, code, undeclared, args, ctx, day, _tenure_threshold(args, ctx))

    return one


# --------------------------------------------------------------------------- date
@frozen
class DateArgs:
    """Arguments of ``date``: a date fact (``registered_on`` by default) against a calendar day.

    ``op`` is ``<`` (早于), ``<=`` (不晚于, "…日前" read as including the day), ``>=``
    (不早于), ``>`` (晚于), or ``between``: from ``date`` to ``until``, both included
    ("应在2020年1月之后，且不超过2021年12月底").
    """

    op: Literal["<", "<=", ">=", ">", "between"]
    date: dt.date
    fact: str = "registered_on"
    until: dt.date | None = None


#: The catalogue code saying a date comes before or after the cut-off, by the criterion's operator.
DATE_WORDS = {"<": "show.date.lt", "<=": "show.date.le", ">=": "show.date.ge", ">": "show.date.gt"}


def _check_date(args: DateArgs, ctx: BuildContext) -> str:
    """Refuse a ``date`` criterion that cannot be tested; the label of its fact."""
    ctx.metrics.check(args.fact, "fact")
    spec = ctx.metrics.vocabulary.get(args.fact)
    if spec is None or spec.kind != "date":
        raise ArgumentValueError(message("notice.not_a_date_fact", fact=repr(args.fact)), "fact")
    if (args.op == "between") != (args.until is not None):
        raise ValueError(message("notice.until_with_between"))
    if args.until is not None and args.until < args.date:
        raise ArgumentValueError(message("notice.window_ends_early", end=args.until, start=args.date), "until")
    return ctx.metrics.label(args.fact)


def _date_threshold(args: DateArgs) -> str:
    """The cut-off in words, worded when evaluated: a compiled program is shared by runs speaking other languages."""
    if args.until is not None:
        return message("tenure.date.between", first=args.date.isoformat(), last=args.until.isoformat())
    return message(DATE_WORDS[args.op], date=args.date.isoformat())


def _build_date(args: DateArgs, ctx: BuildContext) -> Evaluator:
    label = _check_date(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_date_one)

        from .columns import to_datetime64

        cut = to_datetime64(args.date)
        end = to_datetime64(args.until) if args.until is not None else cut
        threshold = _date_threshold(args)
        day = cols.date(args.fact)
        known = ~np.isnat(day)
        with np.errstate(invalid="ignore"):
            if args.op == "between":
                ok = (day >= cut) & (day <= end)
            else:
                ok = {"<": day < cut, "<=": day <= cut, ">=": day >= cut, ">": day > cut}[args.op]
        out = from_bool(ok, known)

        def explain(i: int) -> Explanation:
            shown = None if np.isnat(day[i]) else str(day[i])
            return Explanation({label: shown}, threshold=threshold)

        return Evaluated(out, explain)

    return evaluate


def _build_date_one(args: DateArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`_build_date`'s evaluator decides for a row, and its explanation."""
    label = _check_date(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        day = facts.date(args.fact)
        if day is None:
            code = UNKNOWN
        elif args.until is not None:
            code = MET if args.date <= day <= args.until else NOT_MET
        else:
            cut = args.date
            ok = {"<": day < cut, "<=": day <= cut, ">=": day >= cut, ">": day > cut}[args.op]
            code = MET if ok else NOT_MET
        shown = None if day is None else day.isoformat()
        return code, Explanation({label: shown}, threshold=_date_threshold(args))

    return one


def dated_titles(program: Program) -> list[str]:
    """The titles whose day of grant ``program``'s ``tenure`` criteria read, in the rule's order (each once)."""
    return criteria_titles(program, "tenure")


def tenure_type() -> ConditionType:
    """The ``tenure`` condition type record."""
    return ConditionType("tenure", TenureArgs, _build_tenure, TenureArgs.__doc__ or "", build_one=_build_tenure_one)


def date_type() -> ConditionType:
    """The ``date`` condition type record."""
    return ConditionType("date", DateArgs, _build_date, DateArgs.__doc__ or "", build_one=_build_date_one)
