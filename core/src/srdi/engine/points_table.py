"""A points table as notices write it, checked and compiled item by item, and worded the same on both paths.

:mod:`srdi.engine.points` says what a table is. This module holds its model (sections,
items, their sources), the checks that refuse a malformed table, the :class:`Compiler`
each path (:mod:`.points_frame` for frames, :mod:`.points_one` for one enterprise)
extends with its own scorers, and the functions that word an item, a section and a row's
explanation from one row's figures, which both paths call.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from attrs import field, frozen

from .._convert import converter, problems_from
from ..i18n import t as message
from .benchmark import benchmark_type, shortfall
from .conditions import REL_TOL, BuildContext, ConditionType, Explanation, fmt
from .conditions import builtin_condition_types as _builtin_types
from .figures import Figure, check_figure, figure_label
from .formula import Formula, FormulaError
from .outcomes import MET, NOT_MET, REVIEW, UNKNOWN
from .stacking import stacking_type
from .tenure import date_type, tenure_type

if TYPE_CHECKING:
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


class Compiler(Generic[S, E]):
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
        low, cap = _bounds(it)
        if source == "best_of":
            subs = [self.item(sub, f"{where}.best_of[{k}]", None) for k, sub in enumerate(it.best_of)]
            return self.best(it, [s for s, _ in subs], cap), min(max(m for _, m in subs), cap)
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

    def best(self, it: PointsItem, subs: list[S], cap: float) -> S:
        """The best of several ways, within the item's ``cap``."""
        raise NotImplementedError

    def gated(self, it: PointsItem, conditions: list[E], inner: S) -> S:
        """A formula or judged item that scores only where its ``when`` criteria hold (zero where they do not)."""
        raise NotImplementedError


# --------------------------------------------------------------------------- wording, shared by both paths
def fixed_text(code: int, value: float, unstated: bool, explained: Callable[[], Iterable[Explanation]]) -> str:
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


def gated_text(code: int, inner: Callable[[], str]) -> str:
    """A gated item's text: not applicable, pending on its ``when``, or what its scorer says (``inner``)."""
    if code == NOT_MET:
        return message("points.not_applicable")
    if code in (UNKNOWN, REVIEW):
        return message("points.when_unknown" if code == UNKNOWN else "points.when_review")
    return inner()


def judged_text(it: PointsItem, x: float, earned: float, low: float, high: float) -> str:
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


def formula_text(
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


def best_text(it: PointsItem, earned: float, texts: Iterable[str]) -> str:
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


def explanation(
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


def tolerance(pass_mark: float) -> float:
    """How far below the pass mark a score still reaches it (rounding in the sums)."""
    return REL_TOL * max(1.0, abs(pass_mark))


#: The sections of a compiled table, each with its items' scorers.
Sections = list[tuple[PointsSection, list[tuple[PointsItem, S]]]]


def compile_table(args: PointsArgs, compiler: Compiler[S, Any]) -> tuple[Sections[S], float]:
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
