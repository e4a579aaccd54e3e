"""The ``finding`` condition type: no finding against the enterprise within the time a notice bars it for.

Notices attach a bar to a finding that is not the revocation of a title: "涉及骗取财政
资金补贴的，两年内停止其资金申报资格" (天津 津财规〔2021〕8号 第十一条), "以虚假材料申报的
企业…2年不得再次申报". The profile states whether there was such a finding (a yes/no
fact) and the day it was made (a date fact); both are the plugin's vocabulary, since
what was found, and in which procedure, is the notice's own. This criterion says
whether the bar still runs on the evaluation day.

The bar counts as the ``revoked`` type's does (《民法典》第二百零一条、第二百零二条): it
starts the day after the finding and its last day is the corresponding day ``years``
and ``months`` later. Found on 2021-05-10 with a two-year bar, an enterprise is barred
through 2023-05-10 and may apply on 2023-05-11. ``for_good`` is a bar with no end
("永久取消其申请资格").

Outcomes, on evaluation day ``d``:

- no finding (the yes/no fact is 否, no day given): met;
- a finding on or before ``d`` whose bar runs through ``d``: not met, with the day the
  enterprise may apply again (none for a bar for good);
- a finding whose bar has run, or made after ``d``: met;
- a finding without its day, or the yes/no fact not given: unknown;
- 否 beside a day of finding: the profile contradicts itself, unknown.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..i18n import t as message
from . import kinds
from .conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator
from .evaluation import ArgumentValueError
from .outcomes import MET, NOT_MET, UNKNOWN
from .tenure import anniversary, bar_end, day_after, span_words

if TYPE_CHECKING:
    from .columns import Columns
    from .facts import Facts


@frozen
class FindingArgs:
    """Arguments of ``finding``: no finding (``fact``, made on ``found_on``) whose bar still runs.

    ``fact`` is a yes/no fact (whether the finding was made), ``found_on`` a date fact
    (the day it was made). The bar runs ``years`` and ``months`` from that day, or
    without end with ``for_good = true``; one of the two is required.
    """

    fact: str
    found_on: str
    years: int = 0
    months: int = 0
    for_good: bool = False


def _check(args: FindingArgs, ctx: BuildContext) -> None:
    ctx.metrics.check(args.fact, "fact")
    ctx.metrics.check(args.found_on, "found_on")
    kinds.require(ctx, args.fact, kinds.YES_NO, "notice.not_a_yes_no_fact")
    spec = ctx.metrics.vocabulary.get(args.found_on)
    if spec is None or spec.kind not in kinds.DATES:
        raise ArgumentValueError(message("notice.not_a_date_fact", fact=repr(args.found_on)), "found_on")
    spans = args.years > 0 or args.months > 0
    if args.years < 0 or args.months < 0 or spans == args.for_good:
        raise ValueError(message("notice.finding_span"))


def _threshold(args: FindingArgs) -> str:
    """The bar in words, in the language of messages (worded when evaluated: a compiled program serves either)."""
    if args.for_good:
        return message("finding.threshold.for_good")
    return message("finding.threshold", span=span_words(args.years, args.months))


def _outcome_one(args: FindingArgs, flag: float, found: dt.date | None, on: dt.date) -> int:
    """One enterprise's outcome from the yes/no fact (NaN when not given) and the day of finding."""
    if found is None:
        # without a day, 否 says there was none, and 是 (or nothing) cannot tell whether the bar has run
        return MET if flag == 0.0 else UNKNOWN
    if flag == 0.0:
        return UNKNOWN  # 否 beside a day: one of the two is wrong
    if found > on:
        return MET  # nothing had been found on the day evaluated
    if args.for_good:
        return NOT_MET
    return NOT_MET if on <= bar_end(found, args.years, args.months) else MET


def _explanation(
    args: FindingArgs, labels: tuple[str, str], flag: float, found: dt.date | None, code: int
) -> Explanation:
    """What a result says of one enterprise: both facts, the bar, and the day it may apply again or what to give."""
    fact_label, day_label = labels
    values: dict[str, Any] = {
        fact_label: None if flag != flag else bool(flag == 1.0),
        day_label: None if found is None else found.isoformat(),
    }
    gap = note = None
    again = day_after(bar_end(found, args.years, args.months)) if found is not None and not args.for_good else None
    if code == NOT_MET and again is not None:
        gap = message("gap.finding", date=again.isoformat())
    elif found is not None and flag == 0.0:
        note = message("finding.contradiction", fact=fact_label, day=day_label)
    elif found is None and flag == 1.0:
        note = message("finding.day_needed", day=day_label)
    return Explanation(values, threshold=_threshold(args), gap=gap, note=note)


def _build(args: FindingArgs, ctx: BuildContext) -> Evaluator:
    _check(args, ctx)
    labels = (ctx.metrics.label(args.fact), ctx.metrics.label(args.found_on))

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_one)

        from .columns import to_datetime64

        d = to_datetime64(env.on)
        flag = cols.metric(args.fact, None)
        found = cols.date(args.found_on)
        dated = ~np.isnat(found)
        with np.errstate(invalid="ignore"):
            made = dated & (found <= d)
            barred = made if args.for_good else made & (anniversary(found, args.years, args.months) >= d)
            said_none = flag == 0.0
        # as _outcome_one decides, column by column
        outcome = np.where(barred, NOT_MET, MET).astype(np.int8)
        outcome[(dated & said_none) | (~dated & ~said_none)] = UNKNOWN

        def explain(i: int) -> Explanation:
            day = None if np.isnat(found[i]) else dt.date.fromisoformat(str(found[i]))
            return _explanation(args, labels, float(flag[i]), day, int(outcome[i]))

        return Evaluated(outcome, explain)

    return evaluate


def _build_one(args: FindingArgs, ctx: BuildContext) -> OneEvaluator:
    _check(args, ctx)
    labels = (ctx.metrics.label(args.fact), ctx.metrics.label(args.found_on))

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        flag = float(facts.metric(args.fact, None))
        found = facts.date(args.found_on)
        code = _outcome_one(args, flag, found, env.on)
        return code, _explanation(args, labels, flag, found, code)

    return one


def finding_type() -> ConditionType:
    """The ``finding`` condition type record."""
    return ConditionType("finding", FindingArgs, _build, FindingArgs.__doc__ or "", build_one=_build_one)
