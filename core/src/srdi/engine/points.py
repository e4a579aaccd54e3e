"""``points``: a points table — sections of scored items, caps, a total, an optional pass mark.

浙江's 隐形冠军 评价标准 scores R&D "2+N分（N%为R&D占比，不超过10分）" and years
founded "1+0.2*N（不超过7分）" in sections of 20, 35, 15, 20 and 10 points with no pass
mark; 吉林's 认定参考指标 shares 50 points among four basics and 10 among each of
专、精、特、新; 山西 "贫困县企业适当加分" without saying how much. One criterion holds
the whole table:

- a **section** has ``items``, an optional cap ``max`` and optional ``points`` that
  its items share equally when they state none;
- an **item** earns from exactly one source: ``points`` when every criterion in
  ``when`` is met; ``points`` on an assessor's yes/no (``attest``); an assessor's
  score (``judged``, from the profile's ``[scores]``); a ``formula`` over figures
  (``vars``); or the best of several ways (``best_of``, "2项取最高分"). ``min`` and
  ``max`` bound what it earns; ``points = "unstated"`` is a bonus of unstated size;
  a ``formula`` or ``judged`` item with ``when`` scores only where ``when`` holds
  ("参与：5+N分" applies to an enterprise that took part in at least one standard);
- the **total** is the sum of the sections (capped by ``max``); with ``pass_mark``
  the criterion is met at or above it, without one it only scores: met when the
  score is complete, unknown while figures are missing, review while an assessor
  has not answered.

Missing figures and unanswered judgements leave points pending, so a pass mark is
decided only when the pending points cannot change the result. A table is compiled
for frames (whole columns, NumPy) and for one enterprise (plain Python: ``srdi check``
loads no NumPy); both word a row through the same functions of its figures. ``srdi select``
ranks candidates by the total when the program's selection names the criterion
(an indicator with ``points = "<criterion id>"``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from attrs import define, field, frozen

from .._convert import converter, problems_from
from ..i18n import t as message
from .benchmark import benchmark_type, shortfall
from .conditions import REL_TOL, BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, fmt
from .conditions import builtin_condition_types as _builtin_types
from .evaluation import OneEvaluator
from .figures import Figure, added, check_figure, figure_label, figure_value_one, figure_values
from .formula import Formula, FormulaError
from .outcomes import MET, NOT_MET, REVIEW, UNKNOWN, all_of, combine_one
from .stacking import stacking_type
from .tenure import date_type, tenure_type

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns
    from .facts import Facts
    from .metrics import MetricSet

#: Pending on data (unknown) or on an assessor (review), per row.
NONE, DATA, JUDGE = 0, 1, 2


@frozen
class PointsItem:
    """One scored item (二级指标) of a section; see the module docstring for its sources."""

    id: str
    label: str
    points: float | Literal["unstated"] | None = None
    when: tuple[dict[str, Any], ...] = ()
    attest: str | None = None
    judged: str | None = None
    formula: str | None = None
    vars: dict[str, Figure] = field(factory=dict)
    min: float | None = None
    max: float | None = None
    best_of: tuple[PointsItem, ...] = ()
    note: str | None = None


@frozen
class PointsSection:
    """A section (一级指标): its items, an optional cap ``max``, and ``points`` its items share when they state none."""

    id: str
    label: str
    items: tuple[PointsItem, ...]
    max: float | None = None
    points: float | None = None
    note: str | None = None


@frozen
class PointsArgs:
    """Arguments of ``points``: the table's ``sections``, an optional cap ``max`` on the total and ``pass_mark``."""

    sections: tuple[PointsSection, ...]
    pass_mark: float | None = None
    max: float | None = None


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


@frozen
class _One:
    """One enterprise's item, as a row of :class:`_Result`: earned, reachable, why pending, unstated bonuses, text."""

    earned: float
    high: float
    kind: int
    unstated: bool
    unstated_open: bool
    text: str


#: An item compiled for frames, and for one enterprise.
FrameScorer = Callable[["Columns", Env], _Result]
OneScorer = Callable[["Facts", Env], _One]
S = TypeVar("S")
E = TypeVar("E")


def _subtypes() -> dict[str, ConditionType]:
    """The condition types a ``when`` may use: srdi's own."""
    types = [*_builtin_types(), tenure_type(), date_type(), benchmark_type(), stacking_type()]
    return {t.name: t for t in types}


def _refused(where: str, label: str | None, why: str) -> ValueError:
    """The error naming where in a points table (and which item, by its label) ``why`` is."""
    if label is None:
        return ValueError(message("notice.at", where=where, problem=why))
    return ValueError(message("notice.at_item", where=where, label=label, problem=why))


def _bounds(it: PointsItem) -> tuple[float, float]:
    """What a judged or formula item earns at least and at most (0 and no cap unless ``min``/``max`` say)."""
    return (float(it.min) if it.min is not None else 0.0, float(it.max) if it.max is not None else math.inf)


class _Compiler(Generic[S, E]):
    """Checks a table's arguments and compiles each item into a scorer: for frames or for one enterprise.

    The checks are here; a subclass compiles each source for its path (``S`` its
    scorers, ``E`` the evaluators of the criteria a ``when`` names).
    """

    def __init__(self, ctx: BuildContext) -> None:
        self.ctx = ctx
        self.types = _subtypes()
        self.ids: set[str] = set()

    def item(self, it: PointsItem, where: str, share: float | None) -> tuple[S, float]:
        """A scorer for one item and the most it can earn (inf when a formula has no cap)."""
        if it.id in self.ids:
            raise _refused(where, None, message("notice.item_id_twice", id=repr(it.id)))
        self.ids.add(it.id)
        scorers = [
            name
            for name, given in (
                ("attest", it.attest is not None),
                ("judged", it.judged is not None),
                ("formula", it.formula is not None),
                ("best_of", bool(it.best_of)),
            )
            if given
        ]
        if len(scorers) > 1 or (not scorers and not it.when):
            raise _refused(where, it.label, message("notice.item_one_source"))
        source = scorers[0] if scorers else "when"
        if it.when and source in ("attest", "best_of"):
            raise _refused(where, it.label, message("notice.item_when_with", source=source))
        points = it.points if it.points is not None else share
        if source in ("when", "attest"):
            if points is None:
                raise _refused(where, it.label, message("notice.item_needs_points"))
            conds = list(it.when) if source == "when" else [{"type": "attest", "key": it.attest}]
            unstated = points == "unstated"
            value = 0.0 if unstated else float(points)
            return self.fixed(it, self._conditions(it, where, conds), value, unstated), value
        if it.points is not None:
            raise _refused(where, it.label, message("notice.item_points_with", source=source))
        if source == "best_of":
            subs = [self.item(sub, f"{where}.best_of[{k}]", None) for k, sub in enumerate(it.best_of)]
            top = max(m for _, m in subs)
            if it.max is not None:
                top = min(top, it.max)
            return self.best(it, [s for s, _ in subs]), top
        low, cap = _bounds(it)
        if source == "judged":
            scorer = self.judged(it, f"score.{it.judged}", low, cap)
        else:
            scorer = self.formula(it, self._formula(it, where), low, cap)
        return (self.gated(it, self._conditions(it, where, it.when), scorer) if it.when else scorer), cap

    def _conditions(self, it: PointsItem, where: str, conds: Sequence[dict[str, Any]]) -> list[E]:
        """Evaluators of the criteria an item's points depend on (srdi's own condition types)."""
        from ..programs import Criterion

        evaluators = []
        for j, cond in enumerate(conds):
            cond = dict(cond)
            name = cond.pop("type", None)
            ctype = self.types.get(name or "")
            if ctype is None:
                raise _refused(f"{where}.when[{j}]", None, message("notice.item_unknown_type", type=repr(name)))
            try:
                args: Any = converter.structure(cond, ctype.args)
            except Exception as exc:
                found = problems_from(exc, None)
                msg = message("list.parts").join(
                    message("notice.at", where=p.key, problem=p.message) if p.key else p.message for p in found
                )
                raise _refused(f"{where}.when[{j}]", None, msg) from None
            parent = self.ctx.criterion
            sub = Criterion(
                f"{parent.id}.{it.id}", it.label, str(name), cond, parent.origin, benchmarks=parent.benchmarks
            )
            evaluators.append(self.condition(ctype, args, BuildContext(self.ctx.metrics, self.ctx.titles, sub)))
        return evaluators

    def _formula(self, it: PointsItem, where: str) -> Formula:
        """An item's formula, parsed, over exactly the figures it declares (each one that exists)."""
        assert it.formula is not None
        try:
            formula = Formula(it.formula)
        except FormulaError as exc:
            raise _refused(where, it.label, str(exc)) from None
        declared = set(it.vars)
        if formula.names - declared:
            missing = message("list.sep").join(sorted(formula.names - declared))
            raise _refused(where, it.label, message("notice.formula_undeclared", names=missing))
        if declared - formula.names:
            unused = message("list.sep").join(sorted(declared - formula.names))
            raise _refused(where, it.label, message("notice.vars_unused", names=unused))
        for name, fig in it.vars.items():
            check_figure(fig, self.ctx.metrics, f"{where}.vars.{name}")
        return formula

    # ------------------------------------------------------------------ each path's sources
    def condition(self, ctype: ConditionType, args: Any, ctx: BuildContext) -> E:
        """A criterion of a ``when`` compiled for this path."""
        raise NotImplementedError

    def fixed(self, it: PointsItem, conditions: list[E], value: float, unstated: bool) -> S:
        """``value`` points (a bonus of unstated size, counted 0) where every criterion of ``when`` (or the attestation) is met."""
        raise NotImplementedError

    def judged(self, it: PointsItem, column: str, low: float, high: float) -> S:
        """An assessor's score (``column``), within the item's bounds ``low`` and ``high``."""
        raise NotImplementedError

    def formula(self, it: PointsItem, formula: Formula, low: float, cap: float) -> S:
        """A formula over the item's figures, within its bounds ``low`` and ``cap``."""
        raise NotImplementedError

    def best(self, it: PointsItem, subs: list[S]) -> S:
        """The best of several ways, within the item's cap."""
        raise NotImplementedError

    def gated(self, it: PointsItem, conditions: list[E], inner: S) -> S:
        """A formula or judged item that scores only where its ``when`` criteria hold (zero where they do not)."""
        raise NotImplementedError


# --------------------------------------------------------------------------- wording, shared by both paths
def _fixed_text(code: int, value: float, unstated: bool, explained: Callable[[], Iterable[Explanation]]) -> str:
    """A fixed item's points by the outcome of its criteria; ``explained`` gives their explanations (when unknown)."""
    if code == MET:
        return message("points.bonus_unstated") if unstated else _points(value)
    if code == NOT_MET:
        return _points(0.0)
    if code == REVIEW:
        return message("points.review") if unstated else message("points.review_points", points=fmt(value))
    missing = [k for e in explained() for k, v in e.values.items() if v is None]
    if not missing:
        return message("outcome.unknown")
    return message("points.missing", names=message("list.sep").join(missing))


def _gated_text(code: int, inner: Callable[[], str]) -> str:
    """A gated item's text: not applicable, pending on its ``when``, or what its scorer says (``inner``)."""
    if code == NOT_MET:
        return message("points.not_applicable")
    if code in (UNKNOWN, REVIEW):
        return message("points.when_unknown" if code == UNKNOWN else "points.when_review")
    return inner()


def _judged_text(it: PointsItem, x: float, earned: float, low: float, high: float) -> str:
    """An assessor's score ``x`` (NaN while not given) as it counts: ``earned`` within ``low``–``high``."""
    span = (
        message("points.span_from", low=fmt(low))
        if math.isinf(high)
        else message("points.span", low=fmt(low), high=fmt(high))
    )
    if x != x:
        return message("points.judged_pending", span=span, key=it.judged)
    if low <= x <= high:
        return _points(earned)
    return _points(earned) + message("points.judged_clipped", score=fmt(x), span=span)


def _formula_text(
    it: PointsItem, values: dict[str, float], raw: float, earned: float, metrics: MetricSet, reference_year: int
) -> str:
    """A formula's points, its value before the bounds (``raw``, NaN where a figure is missing) and its figures."""
    shown = message("points.vars_sep").join(
        message(
            "points.var",
            name=name,
            value=fmt(v),  # "—" when missing
            figure=figure_label(it.vars[name], metrics, reference_year),
        )
        for name, v in values.items()
    )
    if raw != raw:
        return message("points.missing", names=shown)
    bound = "" if earned == raw else message("points.at_max" if raw > earned else "points.at_min")
    return message("points.formula", points=fmt(earned), formula=it.formula, raw=fmt(raw), bound=bound, vars=shown)


def _best_text(it: PointsItem, earned: float, texts: Iterable[str]) -> str:
    """The best of several ways: its points, then each way's text."""
    parts = [message("points.best_part", label=sub.label, text=text) for sub, text in zip(it.best_of, texts)]
    return message("points.best", points=fmt(earned), parts=message("list.parts").join(parts))


def _section_text(sec: PointsSection, earned: float, high: float) -> str:
    """A section's points, its cap and the points still pending in it."""
    cap = "" if sec.max is None else message("points.section_cap", max=fmt(sec.max))
    open_points = high - earned
    if open_points <= 0:
        open_text = ""
    elif math.isinf(open_points):
        open_text = message("points.section_open_unlimited")
    else:
        open_text = message("points.section_open", points=fmt(open_points))
    return _points(earned) + cap + open_text


#: Per section of one row: the section, its points earned and reachable, and each item's text.
Shown = Sequence[tuple[PointsSection, float, float, Sequence[tuple[PointsItem, str]]]]


def _explanation(
    args: PointsArgs,
    maximum: float,
    code: int,
    total: float,
    pending: float,
    sections: Shown,
    unstated: bool,
    maybe: bool,
) -> Explanation:
    """One row's explanation: the score, the pending points, the maximum, each section and item; gap and notes."""
    # the keys name the figures in the run's language (test cases, read in Chinese, find "得分")
    values: dict[str, Any] = {
        message("points.key.score"): round(total, 4),
        message("points.key.pending"): _pending(pending),
    }
    if not math.isinf(maximum):
        values[message("points.key.maximum")] = maximum
    labels: set[str] = set()
    for sec, earned, high, items in sections:
        values[sec.label] = _section_text(sec, earned, high)
        for it, text in items:
            key = it.label if it.label not in labels else f"{it.label}（{it.id}）"
            labels.add(key)
            values[key] = text
    gap = None
    gap_value = None
    if code == NOT_MET and args.pass_mark is not None:
        gap_value = float(args.pass_mark - total)
        gap = message(
            "gap.needs",
            label=message("points.score"),
            amount=shortfall(gap_value, message("points.unit")),
            unit="",
            target=_points(args.pass_mark),
        )
    notes = []
    if unstated:
        notes.append(message("points.bonus_counted"))
    elif maybe:
        notes.append(message("points.bonus_pending"))
    if pending > 0:
        shown_pending = _pending(pending)
        notes.append(
            message("points.pending", points=fmt(shown_pending) if isinstance(shown_pending, float) else shown_pending)
        )
    return Explanation(
        values,
        threshold=_threshold(args.pass_mark, maximum),
        gap=gap,
        gap_value=gap_value,
        gap_unit="分",  # the unit as data, like 万元 and %
        note=message("list.parts").join(notes) or None,
    )


def _tolerance(pass_mark: float) -> float:
    """How far below the pass mark a score still reaches it (rounding in the sums)."""
    return REL_TOL * max(1.0, abs(pass_mark))


# --------------------------------------------------------------------------- frames
class _FrameCompiler(_Compiler[FrameScorer, Evaluator]):
    """Items compiled for frames: whole columns, with NumPy."""

    def condition(self, ctype: ConditionType, args: Any, ctx: BuildContext) -> Evaluator:
        """The criterion's frame evaluator."""
        return ctype.build(args, ctx)

    def gated(self, it: PointsItem, conditions: list[Evaluator], inner: FrameScorer) -> FrameScorer:
        """See :meth:`_Compiler.gated`."""

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
                lambda i: _gated_text(int(code[i]), lambda: r.text(i)),
            )

        return score

    def fixed(self, it: PointsItem, conditions: list[Evaluator], value: float, unstated: bool) -> FrameScorer:
        """See :meth:`_Compiler.fixed`."""

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
                lambda i: _fixed_text(int(code[i]), value, unstated, lambda: [e.explain(i) for e in evs]),
            )

        return score

    def judged(self, it: PointsItem, column: str, low: float, high_: float) -> FrameScorer:
        """See :meth:`_Compiler.judged`."""

        def score(cols: Columns, env: Env) -> _Result:
            import numpy as np

            x = cols.num(column)
            known = ~np.isnan(x)
            earned = np.where(known, np.clip(np.nan_to_num(x), low, high_), 0.0)
            high = np.where(known, earned, high_)
            kind = np.where(known, NONE, JUDGE).astype(np.int8)
            false = np.zeros(cols.n, dtype=bool)
            return _Result(
                earned, high, kind, false, false, lambda i: _judged_text(it, float(x[i]), float(earned[i]), low, high_)
            )

        return score

    def formula(self, it: PointsItem, formula: Formula, low: float, cap: float) -> FrameScorer:
        """See :meth:`_Compiler.formula`."""
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
                return _formula_text(it, values, float(raw[i]), float(earned[i]), metrics, env.reference_year)

            return _Result(earned, high, kind, false, false, text)

        return score

    def best(self, it: PointsItem, subs: list[FrameScorer]) -> FrameScorer:
        """See :meth:`_Compiler.best`."""
        cap = float(it.max) if it.max is not None else math.inf

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
                lambda i: _best_text(it, float(earned[i]), (r.text(i) for r in results)),
            )

        return score


#: The sections of a compiled table, each with its items' scorers.
Sections = list[tuple[PointsSection, list[tuple[PointsItem, S]]]]


def _compile(args: PointsArgs, compiler: _Compiler[S, Any]) -> tuple[Sections[S], float]:
    """The table's sections with a scorer per item (refusing a malformed table), and the most it can score."""
    if not args.sections:
        raise ValueError(message("notice.points_needs_sections"))
    sections: Sections[S] = []
    section_ids: set[str] = set()
    maximum = 0.0
    for sec in args.sections:
        where = f"sections[{sec.id}]"
        if sec.id in section_ids:
            raise _refused(where, None, message("notice.section_id_twice", id=repr(sec.id)))
        section_ids.add(sec.id)
        if not sec.items:
            raise _refused(where, None, message("notice.section_needs_items"))
        unpriced = [it for it in sec.items if it.points is None and (it.when or it.attest is not None)]
        share = None
        if sec.points is not None and unpriced:
            if len(unpriced) != len(sec.items):
                raise _refused(where, None, message("notice.section_points_all_or_none"))
            share = sec.points / len(sec.items)
        scorers = []
        top = 0.0
        for k, it in enumerate(sec.items):
            scorer, most = compiler.item(it, f"{where}.items[{k}]", share)
            scorers.append((it, scorer))
            top += most
        if sec.max is not None:
            top = min(top, sec.max)
        maximum += top
        sections.append((sec, scorers))
    if args.max is not None:
        maximum = min(maximum, args.max)
    if args.pass_mark is not None and args.pass_mark > maximum:
        raise ValueError(message("notice.pass_mark_above_max", mark=fmt(args.pass_mark), max=fmt(maximum)))
    return sections, maximum


def _build(args: PointsArgs, ctx: BuildContext) -> Evaluator:
    sections, maximum = _compile(args, _FrameCompiler(ctx))

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np  # here, not when compiled: one enterprise is tested without it (_build_one)

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
            tol = _tolerance(args.pass_mark)
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
            return _explanation(
                args, maximum, int(out[i]), float(total[i]), float(pending[i]), rows, bool(unstated[i]), bool(maybe[i])
            )

        return Scored(out, explain, total, pending, maximum)

    return evaluate


# --------------------------------------------------------------------------- one enterprise
class _OneCompiler(_Compiler[OneScorer, OneEvaluator]):
    """Items compiled for one enterprise: plain Python over its :class:`~srdi.engine.facts.Facts`."""

    def condition(self, ctype: ConditionType, args: Any, ctx: BuildContext) -> OneEvaluator:
        """The criterion's one-enterprise evaluator."""
        return ctype.one(args, ctx)

    def gated(self, it: PointsItem, conditions: list[OneEvaluator], inner: OneScorer) -> OneScorer:
        """See :meth:`_Compiler.gated`."""

        def score(facts: Facts, env: Env) -> _One:
            code = combine_one("all", [e(facts, env)[0] for e in conditions])
            if code == NOT_MET:  # scores nothing, and nothing can come: its own figures are not read
                return _One(0.0, 0.0, NONE, False, False, _gated_text(code, str))
            r = inner(facts, env)
            if code == MET:
                return r
            kind = DATA if code == UNKNOWN else JUDGE
            return _One(0.0, r.high, kind, r.unstated, r.unstated_open, _gated_text(code, str))

        return score

    def fixed(self, it: PointsItem, conditions: list[OneEvaluator], value: float, unstated: bool) -> OneScorer:
        """See :meth:`_Compiler.fixed`."""

        def score(facts: Facts, env: Env) -> _One:
            evs = [e(facts, env) for e in conditions]
            code = combine_one("all", [c for c, _ in evs])
            earned = value if code == MET else 0.0
            open_ = code in (UNKNOWN, REVIEW)
            kind = DATA if code == UNKNOWN else JUDGE if code == REVIEW else NONE
            text = _fixed_text(code, value, unstated, lambda: [x for _, x in evs])
            return _One(
                earned, earned + (value if open_ else 0.0), kind, code == MET and unstated, open_ and unstated, text
            )

        return score

    def judged(self, it: PointsItem, column: str, low: float, high: float) -> OneScorer:
        """See :meth:`_Compiler.judged`."""

        def score(facts: Facts, env: Env) -> _One:
            x = facts.num(column)
            if x != x:
                return _One(0.0, high, JUDGE, False, False, _judged_text(it, x, 0.0, low, high))
            earned = min(max(x, low), high)
            return _One(earned, earned, NONE, False, False, _judged_text(it, x, earned, low, high))

        return score

    def formula(self, it: PointsItem, formula: Formula, low: float, cap: float) -> OneScorer:
        """See :meth:`_Compiler.formula`."""
        metrics = self.ctx.metrics

        def score(facts: Facts, env: Env) -> _One:
            values = {name: figure_value_one(fig, facts, env.on, env.reference_year) for name, fig in it.vars.items()}
            raw = formula.evaluate_one(values)
            known = raw == raw
            earned = min(max(raw, low), cap) if known else 0.0
            text = _formula_text(it, values, raw, earned, metrics, env.reference_year)
            return _One(earned, earned if known else cap, NONE if known else DATA, False, False, text)

        return score

    def best(self, it: PointsItem, subs: list[OneScorer]) -> OneScorer:
        """See :meth:`_Compiler.best`."""
        cap = float(it.max) if it.max is not None else math.inf

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
                _best_text(it, earned, [r.text for r in results]),
            )

        return score


def _outcome_one(
    pass_mark: float | None, total: float, high: float, data: bool, judge: bool, unstated: bool, maybe: bool
) -> int:
    """One enterprise's outcome from its score, the most it could reach and why points are pending (as :func:`_build`)."""
    if pass_mark is None:
        return UNKNOWN if data else REVIEW if judge or maybe else MET
    tol = _tolerance(pass_mark)
    if total >= pass_mark - tol:
        return MET
    # an unstated bonus earned or pending can lift any score: a person decides
    if high < pass_mark - tol and not unstated and not maybe:
        return NOT_MET
    return UNKNOWN if data else REVIEW if judge or unstated or maybe else MET


def _build_one(args: PointsArgs, ctx: BuildContext) -> OneEvaluator:
    """One enterprise, from its row: what :func:`_build`'s evaluator decides for a row, and its explanation."""
    sections, maximum = _compile(args, _OneCompiler(ctx))

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
        return code, _explanation(args, maximum, code, total, total_high - total, shown, unstated, maybe)

    return one


def _pending(x: float) -> float | str:
    return message("select.unlimited") if math.isinf(x) else round(float(x), 4)


def _points(x: float) -> str:
    """A number of points as a sentence says it ("5分", "5 points")."""
    return message("points.earned", points=fmt(x))


def _threshold(pass_mark: float | None, maximum: float) -> str:
    """The threshold a table states: its pass mark, or that it only ranks (worded at each explanation: its language)."""
    full = message("points.full_open") if math.isinf(maximum) else message("points.full", max=fmt(maximum))
    if pass_mark is None:
        return message("points.threshold_rank", full=full)
    return message("points.threshold_mark", mark=fmt(pass_mark), full=full)


def points_type() -> ConditionType:
    """The ``points`` condition type record."""
    return ConditionType("points", PointsArgs, _build, PointsArgs.__doc__ or "", build_one=_build_one)
