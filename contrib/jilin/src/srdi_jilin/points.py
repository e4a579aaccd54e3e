"""``jilin.points``: a section of a points table, scored from profile facts and an assessor's judgements.

Jilin's 认定参考指标 (附件4 of the 2021–2025 培育计划) gives 50 points for the basics,
10 each for 专、精、特、新 and 10 bonus points, each section described by a few
items (二级指标), and says the table is "作为各地区择优选取培育企业参考指标，不作为
硬性规定": it ranks candidates, it does not decide who is eligible. The core has no
such test, so the plugin registers one.

A criterion of this type is one section: its ``points`` and its ``items``. Each
item earns its share of the points from one source:

- ``fact``: a yes/no fact is true, or (with ``any_of``) a choice fact has one of the
  listed values;
- ``sum`` with ``at_least``: counts that add up to at least that many (known parts
  decide as soon as they reach it, as in ``compare``);
- ``attest``: an assessor's yes/no judgement (``[attestations] key = true``).

An item's share is given as ``points`` or, for every item at once, an equal share
of the section. Missing facts and unanswered judgements leave points pending: the
criterion reports the score earned, the points still pending, and the maximum.

Without ``min_points`` a section only scores: its outcome says whether the score is
complete (met), waits for data (unknown) or for an assessor (review), and the
program puts it in a group that needs none of its children (``at_least``, ``n = 0``)
so it never changes a verdict. With ``min_points`` it is a pass mark like any
criterion.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from attrs import define, field, frozen

from srdi.engine.columns import Columns
from srdi.engine.conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, fmt
from srdi.engine.outcomes import MET, NOT_MET, REVIEW, UNKNOWN

#: An item's state per enterprise.
EARNED, NOT_EARNED, MISSING, UNJUDGED = 1.0, 0.0, -1.0, -2.0


@frozen
class PointsItem:
    """One 二级指标 and where its points come from (exactly one of ``fact``, ``sum``, ``attest``)."""

    label: str
    fact: str | None = None
    any_of: tuple[str, ...] | None = None
    sum: tuple[str, ...] | None = None
    at_least: float | None = None
    attest: str | None = None
    points: float | None = None


@frozen
class PointsArgs:
    """A section of a points table: its ``points``, shared among its ``items``; a pass mark only if ``min_points``."""

    points: float
    items: tuple[PointsItem, ...]
    min_points: float | None = None


@define
class Scored(Evaluated):
    """Outcomes of a points section, with the points earned and still pending per enterprise."""

    score: np.ndarray = field(factory=lambda: np.zeros(0))
    pending: np.ndarray = field(factory=lambda: np.zeros(0))
    maximum: float = 0.0


def item_points(args: PointsArgs) -> list[float]:
    """Each item's points: as given, or an equal share of the section."""
    given = [it.points for it in args.items]
    if all(p is None for p in given):
        return [args.points / len(args.items)] * len(args.items)
    if any(p is None for p in given):
        raise ValueError("give points for every item of a section, or for none (equal shares)")
    total = sum(p for p in given if p is not None)
    if abs(total - args.points) > 1e-9:
        raise ValueError(f"the items' points add up to {total:g}, not the section's {args.points:g}")
    return [float(p) for p in given if p is not None]


def _check(args: PointsArgs, ctx: BuildContext) -> None:
    if not args.items:
        raise ValueError("a points section needs items")
    if args.points <= 0:
        raise ValueError("a section's points must be positive")
    for i, it in enumerate(args.items):
        sources = [s for s in (it.fact, it.sum, it.attest) if s is not None]
        if len(sources) != 1:
            raise ValueError(f"items[{i}] ({it.label}): give exactly one of fact, sum, attest")
        if it.any_of is not None and it.fact is None:
            raise ValueError(f"items[{i}]: any_of goes with fact")
        if (it.sum is None) != (it.at_least is None):
            raise ValueError(f"items[{i}]: sum and at_least go together")
        for key in (it.fact,) if it.fact else (it.sum or ()):
            ctx.metrics.check(key)
            if ctx.metrics.yearly(key):
                raise ValueError(f"items[{i}]: {key!r} has one value per year; a points item reads one-value facts")
        if it.fact is not None:
            field = ctx.metrics.vocabulary.get(it.fact)
            kind = field.kind if field is not None else None
            if it.any_of is None and kind != "bool":
                raise ValueError(f"items[{i}]: {it.fact!r} is not a yes/no fact; add any_of")
            if it.any_of is not None and field is not None:
                allowed = {c.value for c in field.choices}
                for v in it.any_of:
                    if v not in allowed:
                        raise ValueError(f"items[{i}]: {v!r} is not a choice of {it.fact!r}")


def item_states(it: PointsItem, cols: Columns) -> np.ndarray:
    """Per enterprise: EARNED, NOT_EARNED, MISSING (a fact is not known) or UNJUDGED (no answer yet)."""
    out = np.full(cols.n, NOT_EARNED)
    if it.attest is not None:
        x = cols.num(f"attest.{it.attest}")
        out[x == 1.0] = EARNED
        out[np.isnan(x)] = UNJUDGED
        return out
    if it.sum is not None:
        assert it.at_least is not None
        stack = np.stack([cols.metric(k, None).astype(float) for k in it.sum])
        total = np.nansum(stack, axis=0)
        reached = total >= it.at_least
        out[reached] = EARNED
        out[~reached & np.isnan(stack).any(axis=0)] = MISSING
        return out
    assert it.fact is not None
    field = cols.metrics.vocabulary.get(it.fact)
    if it.any_of is None:
        x = cols.metric(it.fact, None).astype(float)
        out[x == 1.0] = EARNED
        out[np.isnan(x)] = MISSING
    elif field is not None and field.kind == "multichoice":
        stack = np.stack([cols.num(f"{it.fact}.{v}") for v in it.any_of])
        hit = (stack == 1.0).any(axis=0)
        out[hit] = EARNED
        out[~hit & np.isnan(stack).any(axis=0)] = MISSING
    else:
        x = cols.metric(it.fact, None)
        known = np.array([v is not None for v in x])
        hit = np.array([v in it.any_of for v in x])
        out[hit] = EARNED
        out[~known] = MISSING
    return out


def score(args: PointsArgs, cols: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(points earned, points pending on data, points pending on judgement) per enterprise."""
    shares = item_points(args)
    earned = np.zeros(cols.n)
    missing = np.zeros(cols.n)
    unjudged = np.zeros(cols.n)
    for it, share in zip(args.items, shares):
        state = item_states(it, cols)
        earned += np.where(state == EARNED, share, 0.0)
        missing += np.where(state == MISSING, share, 0.0)
        unjudged += np.where(state == UNJUDGED, share, 0.0)
    return earned, missing, unjudged


def _build(args: PointsArgs, ctx: BuildContext) -> Evaluator:
    _check(args, ctx)
    shares = item_points(args)
    decides = args.min_points is not None
    threshold = (
        f"≥ {fmt(args.min_points)}分（满分{fmt(args.points)}分）"
        if decides
        else f"参考分值{fmt(args.points)}分：择优排序，不作为硬性规定"
    )

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        earned, missing, unjudged = score(args, cols)
        pending = missing + unjudged
        out = np.full(cols.n, MET, dtype=np.int8)
        if decides:
            assert args.min_points is not None
            undecided = (earned < args.min_points) & (earned + pending >= args.min_points)
            out[earned + pending < args.min_points] = NOT_MET
            out[undecided & (unjudged > 0)] = REVIEW
            out[undecided & (missing > 0)] = UNKNOWN
        else:
            out[unjudged > 0] = REVIEW
            out[missing > 0] = UNKNOWN
        states = [item_states(it, cols) for it in args.items]

        def explain(i: int) -> Explanation:
            values: dict[str, Any] = {"得分": float(earned[i]), "待定分值": float(pending[i]), "满分": args.points}
            for it, share, state in zip(args.items, shares, states):
                s = state[i]
                values[it.label] = (
                    f"{fmt(share)}分"
                    if s == EARNED
                    else "0分"
                    if s == NOT_EARNED
                    else "缺少数据"
                    if s == MISSING
                    else "待评审"
                )
            note = None
            if pending[i] > 0:
                answer = [it.attest for it, st in zip(args.items, states) if st[i] == UNJUDGED and it.attest]
                note = f"{fmt(pending[i])}分待定" + (
                    f"; an assessor answers [attestations] {', '.join(answer)}" if answer else ""
                )
            return Explanation(values, threshold=threshold, note=note)

        return Scored(out, explain, earned, pending, args.points)

    return evaluate


def points() -> ConditionType:
    """The condition type record."""
    return ConditionType("jilin.points", PointsArgs, _build, PointsArgs.__doc__ or "", "srdi-jilin")
