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
decided only when the pending points cannot change the result. ``srdi select``
ranks candidates by the total when the program's selection names the criterion
(an indicator with ``points = "<criterion id>"``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from attrs import define, field, frozen

from .._convert import converter, problems_from
from ..i18n import t as message
from .benchmark import benchmark_type, shortfall
from .conditions import REL_TOL, BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, fmt
from .conditions import builtin_condition_types as _builtin_types
from .figures import Figure, check_figure, figure_label, figure_values
from .formula import Formula, FormulaError
from .outcomes import MET, NOT_MET, REVIEW, UNKNOWN, all_of
from .stacking import stacking_type
from .tenure import date_type, tenure_type

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns

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


def _subtypes() -> dict[str, ConditionType]:
    """The condition types a ``when`` may use: srdi's own."""
    types = [*_builtin_types(), tenure_type(), date_type(), benchmark_type(), stacking_type()]
    return {t.name: t for t in types}


def _refused(where: str, label: str | None, why: str) -> ValueError:
    """The error naming where in a points table (and which item, by its label) ``why`` is."""
    if label is None:
        return ValueError(message("notice.at", where=where, problem=why))
    return ValueError(message("notice.at_item", where=where, label=label, problem=why))


class _Compiler:
    """Checks a table's arguments and compiles each item into a scorer."""

    def __init__(self, ctx: BuildContext) -> None:
        self.ctx = ctx
        self.types = _subtypes()
        self.ids: set[str] = set()

    def item(self, it: PointsItem, where: str, share: float | None) -> tuple[Callable[[Columns, Env], _Result], float]:
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
            return self._fixed(it, where, points, source), (0.0 if points == "unstated" else float(points))
        if it.points is not None:
            raise _refused(where, it.label, message("notice.item_points_with", source=source))
        if source == "best_of":
            subs = [self.item(sub, f"{where}.best_of[{k}]", None) for k, sub in enumerate(it.best_of)]
            top = max(m for _, m in subs)
            if it.max is not None:
                top = min(top, it.max)
            return self._best(it, [s for s, _ in subs]), top
        scorer = self._judged(it) if source == "judged" else self._formula(it, where)
        top = float(it.max) if it.max is not None else math.inf
        return (self._gated(it, where, scorer) if it.when else scorer), top

    # ------------------------------------------------------------------ sources
    def _conditions(self, it: PointsItem, where: str, conds: Sequence[dict[str, Any]]) -> list[Evaluator]:
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
            evaluators.append(ctype.build(args, BuildContext(self.ctx.metrics, self.ctx.titles, sub)))
        return evaluators

    def _gated(
        self, it: PointsItem, where: str, inner: Callable[[Columns, Env], _Result]
    ) -> Callable[[Columns, Env], _Result]:
        """A formula or judged item that scores only where its ``when`` criteria hold (zero where they do not)."""
        import numpy as np

        evaluators = self._conditions(it, where, it.when)

        def score(cols: Columns, env: Env) -> _Result:
            code = all_of([e(cols, env).outcome for e in evaluators])
            r = inner(cols, env)
            off = code == NOT_MET
            open_ = (code == UNKNOWN) | (code == REVIEW)
            earned = np.where(off | open_, 0.0, r.earned)
            high = np.where(off, 0.0, r.high)
            kind = np.where(off, NONE, np.where(code == UNKNOWN, DATA, np.where(code == REVIEW, JUDGE, r.kind)))

            def text(i: int) -> str:
                if off[i]:
                    return message("points.not_applicable")
                if open_[i]:
                    return message("points.when_unknown" if code[i] == UNKNOWN else "points.when_review")
                return r.text(i)

            return _Result(earned, high, kind.astype(np.int8), r.unstated & ~off, r.unstated_open & ~off, text)

        return score

    def _fixed(self, it: PointsItem, where: str, points: float | str, source: str) -> Callable[[Columns, Env], _Result]:
        import numpy as np

        conds = list(it.when) if source == "when" else [{"type": "attest", "key": it.attest}]
        evaluators = self._conditions(it, where, conds)
        unstated = points == "unstated"
        value = 0.0 if unstated else float(points)

        def score(cols: Columns, env: Env) -> _Result:
            evs = [e(cols, env) for e in evaluators]
            code = all_of([e.outcome for e in evs])
            earned = np.where(code == MET, value, 0.0)
            open_ = (code == UNKNOWN) | (code == REVIEW)
            high = earned + np.where(open_, value, 0.0)
            kind = np.where(code == UNKNOWN, DATA, np.where(code == REVIEW, JUDGE, NONE)).astype(np.int8)
            got = (code == MET) & unstated
            maybe = open_ & unstated

            def text(i: int) -> str:
                if code[i] == MET:
                    return message("points.bonus_unstated") if unstated else _points(value)
                if code[i] == NOT_MET:
                    return _points(0.0)
                if code[i] == REVIEW:
                    return message("points.review") if unstated else message("points.review_points", points=fmt(value))
                missing = [k for e in evs for k, v in e.explain(i).values.items() if v is None]
                if not missing:
                    return message("outcome.unknown")
                return message("points.missing", names=message("list.sep").join(missing))

            return _Result(earned, high, kind, got, maybe, text)

        return score

    def _judged(self, it: PointsItem) -> Callable[[Columns, Env], _Result]:
        import numpy as np

        low = float(it.min) if it.min is not None else 0.0
        high_ = float(it.max) if it.max is not None else math.inf
        column = f"score.{it.judged}"

        def score(cols: Columns, env: Env) -> _Result:
            x = cols.num(column)
            known = ~np.isnan(x)
            earned = np.where(known, np.clip(np.nan_to_num(x), low, high_), 0.0)
            high = np.where(known, earned, high_)
            kind = np.where(known, NONE, JUDGE).astype(np.int8)
            false = np.zeros(cols.n, dtype=bool)

            def text(i: int) -> str:
                if math.isinf(high_):
                    span = message("points.span_from", low=fmt(low))
                else:
                    span = message("points.span", low=fmt(low), high=fmt(high_))
                if not known[i]:
                    return message("points.judged_pending", span=span, key=it.judged)
                if low <= x[i] <= high_:
                    return _points(earned[i])
                return _points(earned[i]) + message("points.judged_clipped", score=fmt(x[i]), span=span)

            return _Result(earned, high, kind, false, false, text)

        return score

    def _formula(self, it: PointsItem, where: str) -> Callable[[Columns, Env], _Result]:
        import numpy as np

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
        low = float(it.min) if it.min is not None else 0.0
        cap = float(it.max) if it.max is not None else math.inf
        metrics = self.ctx.metrics

        def score(cols: Columns, env: Env) -> _Result:
            figures = {name: figure_values(fig, cols, env.on, env.reference_year) for name, fig in it.vars.items()}
            raw = formula.evaluate(figures, cols.n)
            known = ~np.isnan(raw)
            earned = np.where(known, np.clip(np.nan_to_num(raw), low, cap), 0.0)
            high = np.where(known, earned, cap)
            kind = np.where(known, NONE, DATA).astype(np.int8)
            false = np.zeros(cols.n, dtype=bool)

            def text(i: int) -> str:
                shown = message("points.vars_sep").join(
                    message(
                        "points.var",
                        name=name,
                        value=fmt(v[i]),  # "—" when missing
                        figure=figure_label(it.vars[name], metrics, env.reference_year),
                    )
                    for name, v in figures.items()
                )
                if not known[i]:
                    return message("points.missing", names=shown)
                bound = (
                    "" if earned[i] == raw[i] else message("points.at_max" if raw[i] > earned[i] else "points.at_min")
                )
                return message(
                    "points.formula",
                    points=fmt(earned[i]),
                    formula=it.formula,
                    raw=fmt(raw[i]),
                    bound=bound,
                    vars=shown,
                )

            return _Result(earned, high, kind, false, false, text)

        return score

    def _best(
        self, it: PointsItem, subs: Sequence[Callable[[Columns, Env], _Result]]
    ) -> Callable[[Columns, Env], _Result]:
        import numpy as np

        cap = float(it.max) if it.max is not None else math.inf

        def score(cols: Columns, env: Env) -> _Result:
            results = [s(cols, env) for s in subs]
            earned = np.minimum(np.max(np.stack([r.earned for r in results]), axis=0), cap)
            high = np.minimum(np.max(np.stack([r.high for r in results]), axis=0), cap)
            kinds = np.stack([np.where(r.high > earned, r.kind, NONE) for r in results])
            kind = np.where((kinds == DATA).any(axis=0), DATA, np.where((kinds == JUDGE).any(axis=0), JUDGE, NONE))
            unstated = np.any(np.stack([r.unstated for r in results]), axis=0)
            maybe = np.any(np.stack([r.unstated_open for r in results]), axis=0)

            def text(i: int) -> str:
                parts = [
                    message("points.best_part", label=sub.label, text=r.text(i)) for sub, r in zip(it.best_of, results)
                ]
                return message("points.best", points=fmt(earned[i]), parts=message("list.parts").join(parts))

            return _Result(earned, high, kind.astype(np.int8), unstated, maybe, text)

        return score


def _build(args: PointsArgs, ctx: BuildContext) -> Evaluator:
    import numpy as np

    if not args.sections:
        raise ValueError(message("notice.points_needs_sections"))
    compiler = _Compiler(ctx)
    sections = []
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

    def evaluate(cols: Columns, env: Env) -> Evaluated:
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
            earned = np.sum([r.earned for _, r in results], axis=0)
            high = np.sum([r.high for _, r in results], axis=0)
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
            tol = REL_TOL * max(1.0, abs(args.pass_mark))
            reached = total >= args.pass_mark - tol
            short = total_high < args.pass_mark - tol
            # an unstated bonus earned or pending can lift any score: a person decides
            undecided = ~reached & (~short | unstated | maybe)
            out[~reached & ~undecided] = NOT_MET
            out[undecided & (judge | unstated | maybe)] = REVIEW
            out[undecided & data] = UNKNOWN

        def explain(i: int) -> Explanation:
            # the keys name the figures in the run's language (test cases, read in Chinese, find "得分")
            values: dict[str, Any] = {
                message("points.key.score"): round(float(total[i]), 4),
                message("points.key.pending"): _pending(pending[i]),
            }
            if not math.isinf(maximum):
                values[message("points.key.maximum")] = maximum
            labels: set[str] = set()
            for sec, earned, high, results in shown:
                cap = "" if sec.max is None else message("points.section_cap", max=fmt(sec.max))
                open_points = high[i] - earned[i]
                if open_points <= 0:
                    open_text = ""
                elif math.isinf(open_points):
                    open_text = message("points.section_open_unlimited")
                else:
                    open_text = message("points.section_open", points=fmt(open_points))
                values[sec.label] = _points(earned[i]) + cap + open_text
                for it, r in results:
                    key = it.label if it.label not in labels else f"{it.label}（{it.id}）"
                    labels.add(key)
                    values[key] = r.text(i)
            gap = None
            gap_value = None
            if out[i] == NOT_MET and args.pass_mark is not None:
                gap_value = float(args.pass_mark - total[i])
                gap = message(
                    "gap.needs",
                    label=message("points.score"),
                    amount=shortfall(gap_value, message("points.unit")),
                    unit="",
                    target=_points(args.pass_mark),
                )
            notes = []
            if unstated[i]:
                notes.append(message("points.bonus_counted"))
            elif maybe[i]:
                notes.append(message("points.bonus_pending"))
            if pending[i] > 0:
                shown_pending = _pending(pending[i])
                notes.append(
                    message(
                        "points.pending",
                        points=fmt(shown_pending) if isinstance(shown_pending, float) else shown_pending,
                    )
                )
            return Explanation(
                values,
                threshold=_threshold(args.pass_mark, maximum),
                gap=gap,
                gap_value=gap_value,
                gap_unit="分",  # the unit as data, like 万元 and %
                note=message("list.parts").join(notes) or None,
            )

        return Scored(out, explain, total, pending, maximum)

    return evaluate


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
    return ConditionType("points", PointsArgs, _build, PointsArgs.__doc__ or "")
