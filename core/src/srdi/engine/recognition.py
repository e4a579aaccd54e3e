"""The ``recognition`` condition type: holding (or not having held) a title or a prior support."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from ..i18n import Worded
from ..i18n import t as message
from .evaluation import (
    ArgumentValueError,
    BuildContext,
    ConditionType,
    Env,
    Evaluated,
    Evaluator,
    Explanation,
    OneEvaluator,
    no_gaps,
)
from .outcomes import MET, NOT_MET, UNKNOWN

if TYPE_CHECKING:
    from .columns import Columns
    from .facts import Facts

#: Why a title nobody lists is unknown rather than "not held".
#: The message (code) saying a profile lists no recognitions, so a title criterion cannot be decided.
UNDECLARED = "gap.no_recognitions"


@frozen
class RecognitionArgs:
    """Arguments of ``recognition``: holding (or not having held) a title or a prior support.

    ``valid`` is when it must be in force: on the evaluation date, at the end of the
    reference year, or ``ever`` (held at any time, e.g. "已获得上一轮支持").
    ``granted_from`` and ``granted_until`` (years, both included) ask that it was
    granted within them ("2019年以来认定的": ``granted_from = 2019``); a title held
    whose year of grant the profile does not give is then unknown.
    """

    titles: tuple[str, ...]
    held: bool = True
    valid: Literal["on_date", "reference_year_end", "ever"] = "on_date"
    granted_from: int | None = None
    granted_until: int | None = None


def _granted_in(lo: int | None, hi: int | None) -> str:
    """The years of grant a criterion asks for, as the notices word them."""
    if lo is None and hi is None:
        return ""
    if hi is None:
        return message("recognition.granted_from", first=lo)
    if lo is None:
        return message("recognition.granted_until", last=hi)
    if lo == hi:
        return message("recognition.granted_in", year=lo)
    return message("recognition.granted_between", first=lo, last=hi)


class _Compiled:
    def __init__(self, args: RecognitionArgs, ctx: BuildContext) -> None:
        for t in args.titles:
            ctx.titles.check(t)
        if args.granted_from is not None and args.granted_until is not None and args.granted_from > args.granted_until:
            why = message("notice.granted_after", start=args.granted_from, end=args.granted_until)
            raise ArgumentValueError(why, "granted_until")
        self.years = (args.granted_from, args.granted_until)
        self.args = args
        self.titles = ctx.titles
        self.threshold = Worded(self._threshold)

    def _threshold(self) -> str:
        """What the criterion asks (worded per language: a compiled program is shared by runs in either)."""
        a = self.args
        names = message("list.sep").join(self.titles.label(t) for t in a.titles)
        code = f"recognition.threshold.{'held' if a.held else 'not_held'}.{a.valid}"
        return message(code, titles=names, years=_granted_in(*self.years))

    def day(self, env: Env) -> dt.date:
        return env.on if self.args.valid == "on_date" else dt.date(env.reference_year, 12, 31)

    def explanation(self, cols: Columns | Facts, i: int, undeclared: bool, threshold: str) -> Explanation:
        values = {self.titles.label(t): self.titles.describe(cols, t, i) for t in self.args.titles}
        return Explanation(values, threshold=threshold, note=message(UNDECLARED) if undeclared else None)


def build(args: RecognitionArgs, ctx: BuildContext) -> Evaluator:
    """Compile a recognition criterion for frames."""
    c = _Compiled(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        day = c.day(env)
        declared = cols.num("recognitions_declared")
        stack = np.stack([c.titles.status(cols, t, day, args.valid == "ever", c.years) for t in args.titles])
        held = (stack == 1.0).any(axis=0)  # 1 held, 0 not held, nan undecided
        undecided = np.isnan(stack).any(axis=0) & ~held
        out = np.where(held == args.held, MET, NOT_MET).astype(np.int8)
        out[undecided] = UNKNOWN
        undeclared = np.isnan(declared) & ~held
        out[undeclared] = UNKNOWN
        threshold = c.threshold()
        return Evaluated(out, lambda i: c.explanation(cols, i, bool(undeclared[i]), threshold), gaps=no_gaps)

    return evaluate


def build_one(args: RecognitionArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile a recognition criterion for one enterprise."""
    c = _Compiled(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        day = c.day(env)
        status = [c.titles.status_one(facts, t, day, args.valid == "ever", c.years) for t in args.titles]
        held = any(s == 1.0 for s in status)
        undeclared = facts.num("recognitions_declared") != facts.num("recognitions_declared") and not held
        if undeclared or (not held and any(s != s for s in status)):
            code = UNKNOWN
        else:
            code = MET if held == args.held else NOT_MET
        return code, c.explanation(facts, 0, undeclared, c.threshold())

    return one


def condition_type() -> ConditionType:
    """The ``recognition`` record."""
    return ConditionType("recognition", RecognitionArgs, build, RecognitionArgs.__doc__ or "", build_one=build_one)
