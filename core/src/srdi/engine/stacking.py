"""``stacking``: awards that do not stack, judged from the support an enterprise already received.

山西: "已经获得过…专项资金“专精特新”中小企业项目奖励的企业不得再次申报" — no repeat award
(``rule = "no_repeat"``). 贵州: "同时获省和国家专精特新“小巨人”企业认定的按就高原则进行
奖励" — the higher award only (``rule = "higher_only"``): an enterprise that already
holds a higher award of the same ladder does not receive this one. Awards are titles
(``[[titles]]`` or a program's ``[programs.grants]``); a profile lists what it
received in ``[[recognitions]]``, and a profile that lists nothing leaves the
criterion unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from ..i18n import t as message
from .conditions import (
    ArgumentValueError,
    BuildContext,
    ConditionType,
    Env,
    Evaluated,
    Evaluator,
    Explanation,
    OneEvaluator,
)
from .outcomes import MET, NOT_MET, UNKNOWN

if TYPE_CHECKING:
    from .columns import Columns
    from .facts import Facts


@frozen
class StackingArgs:
    """Arguments of ``stacking``: how this program's award combines with awards already received.

    ``no_repeat``: met when none of ``awards`` was ever received. ``higher_only``:
    ``awards`` lists one ladder from the lowest award to the highest and ``award``
    is this program's; met unless an award above it was already received.
    """

    rule: Literal["no_repeat", "higher_only"]
    awards: tuple[str, ...]
    award: str | None = None


def _ladder(args: StackingArgs, ctx: BuildContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the awards that block this one, the awards below it); a criterion that cannot be tested is refused."""
    if not args.awards:
        raise ArgumentValueError(message("notice.stacking_needs_awards"), "awards")
    for t in args.awards:
        ctx.titles.check(t, "awards")
    if args.rule == "higher_only":
        if args.award is None or args.award not in args.awards:
            raise ArgumentValueError(message("notice.higher_only_needs_award"), "award")
        k = args.awards.index(args.award)
        if not args.awards[k + 1 :]:
            raise ValueError(message("notice.highest_award", award=repr(args.award)))
        return args.awards[k + 1 :], args.awards[:k]
    if args.award is not None:
        raise ValueError(message("notice.award_only_higher"))
    return args.awards, ()


def _explanation(
    args: StackingArgs,
    ctx: BuildContext,
    blocking: Iterable[str],
    values: dict[str, Any],
    code: int,
    blocked: list[str],
    below: list[str],
) -> Explanation:
    """A row's explanation: ``blocked``, the awards received that block this one; ``below``, those received below it."""

    def named(titles: Iterable[str]) -> str:
        return message("list.sep").join(ctx.titles.label(t) for t in titles)

    # worded here, not when compiled: a compiled program is shared by runs speaking other languages
    threshold = message(f"stacking.threshold.{args.rule}", awards=named(blocking))
    note = None
    if code == UNKNOWN:
        note = message("gap.no_awards")
    elif args.rule == "higher_only" and code == NOT_MET:
        note = message("stacking.note.higher_received", awards=named(blocked))
    elif args.rule == "higher_only" and below:
        note = message("stacking.note.lower_received", awards=named(below))
    elif args.rule == "no_repeat" and code == NOT_MET:
        note = message("stacking.note.no_repeat", awards=named(blocked))
    return Explanation(values, threshold=threshold, note=note)


def _build(args: StackingArgs, ctx: BuildContext) -> Evaluator:
    blocking, lower = _ladder(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_one)

        day = env.on
        declared = cols.num("recognitions_declared")
        stack = np.stack([ctx.titles.status(cols, t, day, ever=True) for t in blocking])
        received = (stack == 1.0).any(axis=0)
        out = np.where(received, NOT_MET, MET).astype(np.int8)
        out[np.isnan(declared) & ~received] = UNKNOWN
        below = (
            np.stack([ctx.titles.status(cols, t, day, ever=True) for t in lower]) == 1.0
            if lower
            else np.zeros((1, cols.n), dtype=bool)
        )

        def explain(i: int) -> Explanation:
            values: dict[str, Any] = {ctx.titles.label(t): ctx.titles.describe(cols, t, i) for t in args.awards}
            blocked = [t for t, row in zip(blocking, stack) if row[i] == 1.0]
            got = [t for t, row in zip(lower, below) if row[i]]
            return _explanation(args, ctx, blocking, values, int(out[i]), blocked, got)

        return Evaluated(out, explain)

    return evaluate


def _build_one(args: StackingArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`_build`'s evaluator decides for a row, and its explanation."""
    blocking, lower = _ladder(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        blocked = [t for t in blocking if ctx.titles.status_one(facts, t, env.on, ever=True) == 1.0]
        below = [t for t in lower if ctx.titles.status_one(facts, t, env.on, ever=True) == 1.0]
        undeclared = facts.num("recognitions_declared") != facts.num("recognitions_declared")
        code = NOT_MET if blocked else UNKNOWN if undeclared else MET
        values: dict[str, Any] = {ctx.titles.label(t): ctx.titles.describe(facts, t, 0) for t in args.awards}
        return code, _explanation(args, ctx, blocking, values, code, blocked, below)

    return one


def stacking_type() -> ConditionType:
    """The ``stacking`` condition type record."""
    return ConditionType("stacking", StackingArgs, _build, StackingArgs.__doc__ or "", build_one=_build_one)
