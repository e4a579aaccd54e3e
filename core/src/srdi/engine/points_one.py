"""A points table for one enterprise: every item in plain Python over its facts, no NumPy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .conditions import BuildContext, ConditionType, Env, Explanation
from .evaluation import OneEvaluator
from .figures import added, figure_value_one
from .formula import Formula
from .outcomes import MET, NOT_MET, REVIEW, UNKNOWN, combine_one
from .points_table import (
    DATA,
    JUDGE,
    NONE,
    Compiler,
    PointsArgs,
    PointsItem,
    best_text,
    compile_table,
    explanation,
    fixed_text,
    formula_text,
    gated_text,
    judged_text,
    tolerance,
)

if TYPE_CHECKING:
    from .facts import Facts


@frozen
class _One:
    """One enterprise's item, as a row of :class:`_Result`: earned, reachable, why pending, unstated bonuses, text."""

    earned: float
    high: float
    kind: int
    unstated: bool
    unstated_open: bool
    text: str


#: An item compiled for one enterprise: its scorer over the enterprise's facts.
OneScorer = Callable[["Facts", Env], _One]


class _OneCompiler(Compiler[OneScorer, OneEvaluator]):
    """Items compiled for one enterprise: plain Python over its :class:`~srdi.engine.facts.Facts`."""

    def condition(self, ctype: ConditionType, args: Any, ctx: BuildContext) -> OneEvaluator:
        """The criterion's one-enterprise evaluator."""
        return ctype.one(args, ctx)

    def gated(self, it: PointsItem, conditions: list[OneEvaluator], inner: OneScorer) -> OneScorer:
        """See :meth:`Compiler.gated`."""

        def score(facts: Facts, env: Env) -> _One:
            code = combine_one("all", [e(facts, env)[0] for e in conditions])
            if code == NOT_MET:  # scores nothing, and nothing can come: its own figures are not read
                return _One(0.0, 0.0, NONE, False, False, gated_text(code, str))
            r = inner(facts, env)
            if code == MET:
                return r
            kind = DATA if code == UNKNOWN else JUDGE
            return _One(0.0, r.high, kind, r.unstated, r.unstated_open, gated_text(code, str))

        return score

    def fixed(self, it: PointsItem, conditions: list[OneEvaluator], value: float, unstated: bool) -> OneScorer:
        """See :meth:`Compiler.fixed`."""

        def score(facts: Facts, env: Env) -> _One:
            evs = [e(facts, env) for e in conditions]
            code = combine_one("all", [c for c, _ in evs])
            earned = value if code == MET else 0.0
            open_ = code in (UNKNOWN, REVIEW)
            kind = DATA if code == UNKNOWN else JUDGE if code == REVIEW else NONE
            text = fixed_text(code, value, unstated, lambda: [x for _, x in evs])
            return _One(
                earned, earned + (value if open_ else 0.0), kind, code == MET and unstated, open_ and unstated, text
            )

        return score

    def judged(self, it: PointsItem, column: str, low: float, high: float) -> OneScorer:
        """See :meth:`Compiler.judged`."""

        def score(facts: Facts, env: Env) -> _One:
            x = facts.num(column)
            if x != x:
                return _One(0.0, high, JUDGE, False, False, judged_text(it, x, 0.0, low, high))
            earned = min(max(x, low), high)
            return _One(earned, earned, NONE, False, False, judged_text(it, x, earned, low, high))

        return score

    def formula(self, it: PointsItem, formula: Formula, low: float, cap: float) -> OneScorer:
        """See :meth:`Compiler.formula`."""
        metrics = self.ctx.metrics

        def score(facts: Facts, env: Env) -> _One:
            values = {name: figure_value_one(fig, facts, env.on, env.reference_year) for name, fig in it.vars.items()}
            raw = formula.evaluate_one(values)
            known = raw == raw
            earned = min(max(raw, low), cap) if known else 0.0
            text = formula_text(it, values, raw, earned, metrics, env.reference_year)
            return _One(earned, earned if known else cap, NONE if known else DATA, False, False, text)

        return score

    def best(self, it: PointsItem, subs: list[OneScorer], cap: float) -> OneScorer:
        """See :meth:`Compiler.best`."""

        def score(facts: Facts, env: Env) -> _One:
            results = [s(facts, env) for s in subs]
            earned = min(max(r.earned for r in results), cap)
            high = min(max(r.high for r in results), cap)
            kinds = [r.kind for r in results if r.high > earned]
            kind = DATA if DATA in kinds else JUDGE if JUDGE in kinds else NONE
            return _One(
                earned,
                high,
                kind,
                any(r.unstated for r in results),
                any(r.unstated_open for r in results),
                best_text(it, earned, [r.text for r in results]),
            )

        return score


def _outcome_one(
    pass_mark: float | None, total: float, high: float, data: bool, judge: bool, unstated: bool, maybe: bool
) -> int:
    """One enterprise's outcome from its score, the most it could reach and why points are pending (as :func:`.points_frame.build_frame`)."""
    if pass_mark is None:
        return UNKNOWN if data else REVIEW if judge or maybe else MET
    tol = tolerance(pass_mark)
    if total >= pass_mark - tol:
        return MET
    # an unstated bonus earned or pending can lift any score: a person decides
    if high < pass_mark - tol and not unstated and not maybe:
        return NOT_MET
    return UNKNOWN if data else REVIEW if judge or unstated or maybe else MET


def build_one(args: PointsArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`.points_frame.build_frame`'s evaluator decides for a row, and its explanation."""
    sections, maximum = compile_table(args, _OneCompiler(ctx))

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        total = total_high = 0.0
        data = judge = unstated = maybe = False
        shown = []
        for sec, scorers in sections:
            results = [(it, scorer(facts, env)) for it, scorer in scorers]
            earned = added([r.earned for _, r in results])
            high = added([r.high for _, r in results])
            if sec.max is not None:
                earned = min(earned, sec.max)
                high = min(high, sec.max)
            open_ = high > earned
            for _, r in results:
                data |= open_ and r.kind == DATA
                judge |= open_ and r.kind == JUDGE
                unstated |= r.unstated
                maybe |= r.unstated_open
            total += earned
            total_high += high
            shown.append((sec, earned, high, [(it, r.text) for it, r in results]))
        if args.max is not None:
            total = min(total, args.max)
            total_high = min(total_high, args.max)
        code = _outcome_one(args.pass_mark, total, total_high, data, judge, unstated, maybe)
        return code, explanation(args, maximum, code, total, total_high - total, shown, unstated, maybe)

    return one
