"""A points table over a frame: every item as whole columns, with NumPy (imported inside the scorers only)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import define, field

from .conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation
from .figures import added, figure_values
from .formula import Formula
from .outcomes import MET, NOT_MET, REVIEW, UNKNOWN, all_of
from .points_table import (
    DATA,
    JUDGE,
    NONE,
    Compiler,
    PointsArgs,
    PointsItem,
    PointsSection,
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
    import numpy as np

    from .columns import Columns


@define
class Scored(Evaluated):
    """Outcomes of a points table with the points earned, the points still pending and the table's maximum."""

    score: np.ndarray = field(factory=lambda: np.zeros(0))
    pending: np.ndarray = field(factory=lambda: np.zeros(0))
    maximum: float = math.inf


@define
class _Result:
    """Per row: points earned, the most the row could still reach, why points are pending, unstated bonuses."""

    earned: np.ndarray
    high: np.ndarray
    kind: np.ndarray
    unstated: np.ndarray
    unstated_open: np.ndarray
    text: Callable[[int], str]


#: An item compiled for frames: its scorer over a frame's columns.
FrameScorer = Callable[["Columns", Env], _Result]


class _FrameCompiler(Compiler[FrameScorer, Evaluator]):
    """Items compiled for frames: whole columns, with NumPy."""

    def condition(self, ctype: ConditionType, args: Any, ctx: BuildContext) -> Evaluator:
        """The criterion's frame evaluator."""
        return ctype.build(args, ctx)

    def gated(self, it: PointsItem, conditions: list[Evaluator], inner: FrameScorer) -> FrameScorer:
        """See :meth:`Compiler.gated`."""

        def score(cols: Columns, env: Env) -> _Result:
            import numpy as np

            code = all_of([e(cols, env).outcome for e in conditions])
            r = inner(cols, env)
            off = code == NOT_MET
            open_ = (code == UNKNOWN) | (code == REVIEW)
            earned = np.where(off | open_, 0.0, r.earned)
            high = np.where(off, 0.0, r.high)
            kind = np.where(off, NONE, np.where(code == UNKNOWN, DATA, np.where(code == REVIEW, JUDGE, r.kind)))
            return _Result(
                earned,
                high,
                kind.astype(np.int8),
                r.unstated & ~off,
                r.unstated_open & ~off,
                lambda i: gated_text(int(code[i]), lambda: r.text(i)),
            )

        return score

    def fixed(self, it: PointsItem, conditions: list[Evaluator], value: float, unstated: bool) -> FrameScorer:
        """See :meth:`Compiler.fixed`."""

        def score(cols: Columns, env: Env) -> _Result:
            import numpy as np

            evs = [e(cols, env) for e in conditions]
            code = all_of([e.outcome for e in evs])
            earned = np.where(code == MET, value, 0.0)
            open_ = (code == UNKNOWN) | (code == REVIEW)
            high = earned + np.where(open_, value, 0.0)
            kind = np.where(code == UNKNOWN, DATA, np.where(code == REVIEW, JUDGE, NONE)).astype(np.int8)
            got = (code == MET) & unstated
            maybe = open_ & unstated
            return _Result(
                earned,
                high,
                kind,
                got,
                maybe,
                lambda i: fixed_text(int(code[i]), value, unstated, lambda: [e.explain(i) for e in evs]),
            )

        return score

    def judged(self, it: PointsItem, column: str, low: float, high_: float) -> FrameScorer:
        """See :meth:`Compiler.judged`."""

        def score(cols: Columns, env: Env) -> _Result:
            import numpy as np

            x = cols.num(column)
            known = ~np.isnan(x)
            earned = np.where(known, np.clip(np.nan_to_num(x), low, high_), 0.0)
            high = np.where(known, earned, high_)
            kind = np.where(known, NONE, JUDGE).astype(np.int8)
            false = np.zeros(cols.n, dtype=bool)
            return _Result(
                earned, high, kind, false, false, lambda i: judged_text(it, float(x[i]), float(earned[i]), low, high_)
            )

        return score

    def formula(self, it: PointsItem, formula: Formula, low: float, cap: float) -> FrameScorer:
        """See :meth:`Compiler.formula`."""
        metrics = self.ctx.metrics

        def score(cols: Columns, env: Env) -> _Result:
            import numpy as np

            figures = {name: figure_values(fig, cols, env.on, env.reference_year) for name, fig in it.vars.items()}
            raw = formula.evaluate(figures, cols.n)
            known = ~np.isnan(raw)
            earned = np.where(known, np.clip(np.nan_to_num(raw), low, cap), 0.0)
            high = np.where(known, earned, cap)
            kind = np.where(known, NONE, DATA).astype(np.int8)
            false = np.zeros(cols.n, dtype=bool)

            def text(i: int) -> str:
                values = {name: float(v[i]) for name, v in figures.items()}
                return formula_text(it, values, float(raw[i]), float(earned[i]), metrics, env.reference_year)

            return _Result(earned, high, kind, false, false, text)

        return score

    def best(self, it: PointsItem, subs: list[FrameScorer], cap: float) -> FrameScorer:
        """See :meth:`Compiler.best`."""

        def score(cols: Columns, env: Env) -> _Result:
            import numpy as np

            results = [s(cols, env) for s in subs]
            earned = np.minimum(np.max(np.stack([r.earned for r in results]), axis=0), cap)
            high = np.minimum(np.max(np.stack([r.high for r in results]), axis=0), cap)
            kinds = np.stack([np.where(r.high > earned, r.kind, NONE) for r in results])
            kind = np.where((kinds == DATA).any(axis=0), DATA, np.where((kinds == JUDGE).any(axis=0), JUDGE, NONE))
            unstated = np.any(np.stack([r.unstated for r in results]), axis=0)
            maybe = np.any(np.stack([r.unstated_open for r in results]), axis=0)
            return _Result(
                earned,
                high,
                kind.astype(np.int8),
                unstated,
                maybe,
                lambda i: best_text(it, float(earned[i]), (r.text(i) for r in results)),
            )

        return score


def build_frame(args: PointsArgs, ctx: BuildContext) -> Evaluator:
    """The table's evaluator over a frame: each row's score, pending points and outcome, explained row by row."""
    sections, maximum = compile_table(args, _FrameCompiler(ctx))

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (:func:`.points_one.build_one`)

        n = cols.n
        total = np.zeros(n)
        total_high = np.zeros(n)
        data = np.zeros(n, dtype=bool)
        judge = np.zeros(n, dtype=bool)
        unstated = np.zeros(n, dtype=bool)
        maybe = np.zeros(n, dtype=bool)
        shown: list[tuple[PointsSection, np.ndarray, np.ndarray, list[tuple[PointsItem, _Result]]]] = []
        for sec, scorers in sections:
            results = [(it, scorer(cols, env)) for it, scorer in scorers]
            earned = added([r.earned for _, r in results])
            high = added([r.high for _, r in results])
            if sec.max is not None:
                earned = np.minimum(earned, sec.max)
                high = np.minimum(high, sec.max)
            open_ = high > earned
            for _, r in results:
                data |= open_ & (r.kind == DATA)
                judge |= open_ & (r.kind == JUDGE)
                unstated |= r.unstated
                maybe |= r.unstated_open
            total += earned
            total_high += high
            shown.append((sec, earned, high, results))
        if args.max is not None:
            total = np.minimum(total, args.max)
            total_high = np.minimum(total_high, args.max)
        pending = total_high - total
        out = np.full(n, MET, dtype=np.int8)
        if args.pass_mark is None:
            out[judge | maybe] = REVIEW
            out[data] = UNKNOWN
        else:
            tol = tolerance(args.pass_mark)
            reached = total >= args.pass_mark - tol
            short = total_high < args.pass_mark - tol
            # an unstated bonus earned or pending can lift any score: a person decides
            undecided = ~reached & (~short | unstated | maybe)
            out[~reached & ~undecided] = NOT_MET
            out[undecided & (judge | unstated | maybe)] = REVIEW
            out[undecided & data] = UNKNOWN

        def explain(i: int) -> Explanation:
            rows = [
                (sec, float(earned[i]), float(high[i]), [(it, r.text(i)) for it, r in results])
                for sec, earned, high, results in shown
            ]
            return explanation(
                args, maximum, int(out[i]), float(total[i]), float(pending[i]), rows, bool(unstated[i]), bool(maybe[i])
            )

        return Scored(out, explain, total, pending, maximum)

    return evaluate
