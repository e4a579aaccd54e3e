"""The ``flag`` condition type: a yes/no fact that must be true (or false)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from ..i18n import Worded
from ..i18n import t as message
from . import kinds
from .evaluation import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator, no_gaps
from .outcomes import MET, NOT_MET, UNKNOWN, unknown_where

if TYPE_CHECKING:
    from .columns import Columns
    from .facts import Facts


@frozen
class FlagArgs:
    """Arguments of ``flag``: a yes/no fact that must be ``expect``."""

    fact: str
    expect: bool = True


def _compiled(args: FlagArgs, ctx: BuildContext) -> tuple[str, Worded]:
    ctx.metrics.check(args.fact, "fact")
    kinds.require(ctx, args.fact, kinds.YES_NO, "notice.not_a_yes_no_fact")
    # worded when evaluated: a compiled program is shared by runs speaking either language
    threshold = Worded(lambda: message("flag.threshold.yes") if args.expect else message("flag.threshold.no"))
    return ctx.metrics.label(args.fact), threshold


def build(args: FlagArgs, ctx: BuildContext) -> Evaluator:
    """Compile a flag criterion for frames."""
    label, worded = _compiled(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        threshold = worded()
        x, missing = cols.metric_parts(args.fact, None)
        out = unknown_where((x == 1 if args.expect else x != 1).view(np.int8), missing)

        def explain(i: int) -> Explanation:
            v = cols.metric(args.fact, None)[i]
            return Explanation({label: None if v != v else bool(v == 1.0)}, threshold=threshold)

        return Evaluated(out, explain, gaps=no_gaps)

    return evaluate


def build_one(args: FlagArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile a flag criterion for one enterprise."""
    label, worded = _compiled(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        threshold = worded()
        x = facts.metric(args.fact, None)
        if x != x:
            return UNKNOWN, Explanation({label: None}, threshold=threshold)
        code = MET if (x == 1.0) == args.expect else NOT_MET
        return code, Explanation({label: x == 1.0}, threshold=threshold)

    return one


def condition_type() -> ConditionType:
    """The ``flag`` record."""
    return ConditionType("flag", FlagArgs, build, FlagArgs.__doc__ or "", build_one=build_one)
