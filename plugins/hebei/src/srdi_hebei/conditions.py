"""Condition types the Hebei notices need beyond srdi's own.

``flags_any``: one of several yes/no facts holds ("高新技术企业、科技型中小企业或脱贫县注册的
制造业企业"). srdi groups say "any of" for criteria; a fund component's ``when`` takes
single conditions, so the alternatives are one condition here, listed in the notice file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from srdi.engine.conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator
from srdi.engine.outcomes import MET, NOT_MET, UNKNOWN
from srdi.i18n import t

from .messages import say

if TYPE_CHECKING:
    from srdi.engine.columns import Columns
    from srdi.engine.facts import Facts


@frozen
class FlagsAnyArgs:
    """Met when at least one of the yes/no ``facts`` is true; not met when all are false."""

    facts: tuple[str, ...]


def _labels(args: FlagsAnyArgs, ctx: BuildContext) -> list[str]:
    """The facts' labels; a criterion naming no fact, or an unknown one, is refused."""
    if not args.facts:
        raise ValueError("flags_any needs at least one fact")
    for fact in args.facts:
        ctx.metrics.check(fact)
    return [ctx.metrics.label(f) for f in args.facts]


def _explanation(labels: list[str], flags: list[float]) -> Explanation:
    """A row's explanation from its facts (1.0 yes, 0.0 no, NaN not given)."""
    values = {lab: (None if v != v else bool(v == 1.0)) for lab, v in zip(labels, flags)}
    return Explanation(values, threshold=say("hebei.condition.any_of", labels=t("list.sep").join(labels)))


def _build_flags_any(args: FlagsAnyArgs, ctx: BuildContext) -> Evaluator:
    labels = _labels(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_flags_any_one)

        stack = np.stack([cols.metric(f, None) for f in args.facts])
        out = np.full(cols.n, UNKNOWN, dtype=np.int8)
        out[(stack == 0.0).all(axis=0)] = NOT_MET
        out[(stack == 1.0).any(axis=0)] = MET

        def explain(i: int) -> Explanation:
            return _explanation(labels, [float(v) for v in stack[:, i]])

        return Evaluated(out, explain)

    return evaluate


def _build_flags_any_one(args: FlagsAnyArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: met where one fact is yes, not met where all are no, else unknown."""
    labels = _labels(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        flags = [float(facts.metric(f, None)) for f in args.facts]
        code = MET if 1.0 in flags else NOT_MET if all(v == 0.0 for v in flags) else UNKNOWN
        return code, _explanation(labels, flags)

    return one


def hebei_condition_types() -> list[ConditionType]:
    """The condition types the Hebei notices use."""
    return [
        ConditionType(
            "flags_any",
            FlagsAnyArgs,
            _build_flags_any,
            FlagsAnyArgs.__doc__ or "",
            "srdi-hebei",
            build_one=_build_flags_any_one,
        )
    ]
