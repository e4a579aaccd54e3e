"""Condition types the Hebei notices need beyond srdi's own.

``flags_any``: one of several yes/no facts holds ("高新技术企业、科技型中小企业或脱贫县注册的
制造业企业"). srdi groups say "any of" for criteria; a fund component's ``when`` takes
single conditions, so the alternatives are one condition here, listed in the notice file.
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from srdi.engine.columns import Columns
from srdi.engine.conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation
from srdi.engine.outcomes import MET, NOT_MET, UNKNOWN
from srdi.i18n import t

from .messages import say


@frozen
class FlagsAnyArgs:
    """Met when at least one of the yes/no ``facts`` is true; not met when all are false."""

    facts: tuple[str, ...]


def _build_flags_any(args: FlagsAnyArgs, ctx: BuildContext) -> Evaluator:
    if not args.facts:
        raise ValueError("flags_any needs at least one fact")
    for fact in args.facts:
        ctx.metrics.check(fact)
    labels = [ctx.metrics.label(f) for f in args.facts]

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        stack = np.stack([cols.metric(f, None) for f in args.facts])
        out = np.full(cols.n, UNKNOWN, dtype=np.int8)
        out[(stack == 0.0).all(axis=0)] = NOT_MET
        out[(stack == 1.0).any(axis=0)] = MET

        def explain(i: int) -> Explanation:
            values = {lab: (None if np.isnan(v) else bool(v == 1.0)) for lab, v in zip(labels, stack[:, i])}
            return Explanation(values, threshold=say("hebei.condition.any_of", labels=t("list.sep").join(labels)))

        return Evaluated(out, explain)

    return evaluate


def hebei_condition_types() -> list[ConditionType]:
    """The condition types the Hebei notices use."""
    return [ConditionType("flags_any", FlagsAnyArgs, _build_flags_any, FlagsAnyArgs.__doc__ or "", "srdi-hebei")]
