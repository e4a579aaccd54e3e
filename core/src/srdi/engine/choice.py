"""The ``choice`` condition type: a choice (or multiple-choice) fact against a list of values.

A single choice is read as integer codes over its distinct values, so each distinct
value is looked up once however many rows share it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..i18n import Worded
from ..i18n import t as message
from . import kinds
from .evaluation import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator, no_gaps
from .outcomes import MET, NOT_MET, UNKNOWN

if TYPE_CHECKING:
    from ..vocabulary.fields import Choice
    from .columns import Columns
    from .facts import Facts


@frozen
class ChoiceArgs:
    """Arguments of ``choice``: a choice (or multiple-choice) fact against a list.

    For a single choice, met when the value is one of ``any_of`` / none of
    ``none_of``. For a multiple choice, met when at least ``at_least`` of ``any_of``
    are ticked, and none of ``none_of`` is.
    """

    fact: str
    any_of: tuple[str, ...] | None = None
    none_of: tuple[str, ...] | None = None
    at_least: int = 1


class _Compiled:
    """What a choice criterion reads and how it words its threshold."""

    def __init__(self, args: ChoiceArgs, ctx: BuildContext) -> None:
        metrics = ctx.metrics
        metrics.check(args.fact, "fact")
        kinds.require(ctx, args.fact, kinds.CHOICES, "notice.not_a_choice_fact")
        field = metrics.vocabulary.get(args.fact)
        self.label = metrics.label(args.fact)
        self.choices: tuple[Choice, ...] = field.choices if field is not None else ()
        allowed = {c.value for c in self.choices}
        for v in (args.any_of or ()) + (args.none_of or ()):
            if allowed and v not in allowed:
                choices = message("list.sep").join(sorted(allowed))
                raise ValueError(message("notice.not_a_choice", value=repr(v), fact=repr(args.fact), choices=choices))
        if args.any_of is None and args.none_of is None:
            raise ValueError(message("notice.choice_needs_any_of"))
        self.labels = {c.value: c.label for c in self.choices}
        self.multi = field is not None and field.kind == "multichoice"
        self.args = args
        # worded when evaluated: a compiled program is shared by runs speaking either language
        self.threshold = Worded(self._threshold)

    def _threshold(self) -> str:
        a, sep = self.args, message("list.sep")
        parts = []
        if a.any_of:
            names = sep.join(self.labels.get(v, v) for v in a.any_of)
            if self.multi:
                parts.append(message("choice.threshold.at_least", n=a.at_least, names=names))
            else:
                parts.append(message("choice.threshold.one_of", names=names))
        if a.none_of:
            parts.append(message("choice.threshold.none_of", names=sep.join(self.labels.get(v, v) for v in a.none_of)))
        return message("list.parts").join(parts)

    def accepts(self, value: Any) -> bool:
        """Whether a single-choice value passes."""
        a = self.args
        return (not a.any_of or value in a.any_of) and not (a.none_of and value in a.none_of)

    def ticked(self, flags: list[float]) -> list[str] | None:
        """The labels of the ticked options (None when no option is known)."""
        if all(f != f for f in flags):
            return None
        return [c.label for c, f in zip(self.choices, flags) if f == 1.0]

    def explanation(self, shown: Any, threshold: str) -> Explanation:
        return Explanation({self.label: shown}, threshold=threshold)


def build(args: ChoiceArgs, ctx: BuildContext) -> Evaluator:
    """Compile a choice criterion for frames."""
    c = _Compiled(args, ctx)

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        threshold = c.threshold()
        if c.multi:
            fails = np.zeros(cols.n, dtype=bool)
            undecided = np.zeros(cols.n, dtype=bool)
            if args.any_of:
                # counted option by option: no options × enterprises array is built
                ticked = np.zeros(cols.n, dtype=np.int16)
                open_items = np.zeros(cols.n, dtype=np.int16)
                for v in args.any_of:
                    x = cols.num(f"{args.fact}.{v}")
                    ticked += x == 1.0
                    open_items += np.isnan(x)
                fails |= ticked + open_items < args.at_least
                undecided |= (ticked < args.at_least) & (ticked + open_items >= args.at_least)
            if args.none_of:
                hit = np.zeros(cols.n, dtype=bool)
                gap = np.zeros(cols.n, dtype=bool)
                for v in args.none_of:
                    x = cols.num(f"{args.fact}.{v}")
                    hit |= x == 1.0
                    gap |= np.isnan(x)
                fails |= hit
                undecided |= ~hit & gap
            out = np.full(cols.n, MET, dtype=np.int8)
            out[undecided] = UNKNOWN
            out[fails] = NOT_MET

            def explain(i: int) -> Explanation:
                return c.explanation(
                    c.ticked([float(cols.num(f"{args.fact}.{o.value}")[i]) for o in c.choices]), threshold
                )

            return Evaluated(out, explain, gaps=no_gaps)

        codes, categories = cols.category(args.fact, None)
        passes = np.array([c.accepts(v) for v in categories] + [False], dtype=bool)
        out = passes[codes].astype(np.int8)  # a missing value's code -1 picks the trailing False
        out[codes < 0] = UNKNOWN

        def explain_one(i: int) -> Explanation:
            code = int(codes[i])
            value = categories[code] if code >= 0 else None
            return c.explanation(None if value is None else str(c.labels.get(value, value)), threshold)

        return Evaluated(out, explain_one, gaps=no_gaps)

    return evaluate


def build_one(args: ChoiceArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile a choice criterion for one enterprise."""
    c = _Compiled(args, ctx)

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        threshold = c.threshold()
        if c.multi:
            fails = undecided = False
            if args.any_of:
                flags = [facts.num(f"{args.fact}.{v}") for v in args.any_of]
                ticked = sum(1 for f in flags if f == 1.0)
                open_items = sum(1 for f in flags if f != f)
                fails = ticked + open_items < args.at_least
                undecided = ticked < args.at_least <= ticked + open_items
            if args.none_of:
                flags = [facts.num(f"{args.fact}.{v}") for v in args.none_of]
                hit = any(f == 1.0 for f in flags)
                fails = fails or hit
                undecided = undecided or (not hit and any(f != f for f in flags))
            code = NOT_MET if fails else UNKNOWN if undecided else MET
            return code, c.explanation(c.ticked([facts.num(f"{args.fact}.{o.value}") for o in c.choices]), threshold)
        value = facts.metric(args.fact, None)
        if value is None:
            return UNKNOWN, c.explanation(None, threshold)
        return MET if c.accepts(value) else NOT_MET, c.explanation(str(c.labels.get(value, value)), threshold)

    return one


def condition_type() -> ConditionType:
    """The ``choice`` record."""
    return ConditionType("choice", ChoiceArgs, build, ChoiceArgs.__doc__ or "", build_one=build_one)
