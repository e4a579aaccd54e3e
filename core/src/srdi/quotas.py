"""Filling quotas: who goes on, unit by unit, and where unused places go.

Quotas are notice data (``[[programs.quotas]]``); :mod:`srdi.batch.select` prepares
one :class:`Plan` per quota for a pool of ranked candidates — which candidates it
covers, the unit each counts under, each unit's number — and :func:`allocate` fills
them, in three passes:

1. **minimums** (贵州 "原则上推荐数量不少于20家"; 云南's floors per 州市, supplied): each
   unit first takes its best candidates up to its floor, as far as the other quotas allow;
2. **rank order**: every other candidate goes on when each quota covering it still
   has room in its unit and in its total, and is otherwise cut by the first full one;
3. **redistribution** (吉林 "合格数量低于核定指标的地区，对剩余认定指标进行全省调剂";
   江苏 "剩余名额可由所在设区市统筹"): the places a unit leaves unused go to the pool
   (or to the unit above) and are taken, in rank order, by candidates their own
   unit's number cut.

Every step is recorded, so each candidate's row and the run's notes can say which
quota, which unit and which clause decided.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import numpy as np
from attrs import define, field, frozen

#: Passes that select a candidate: its unit's minimum, its rank, or a redistributed place.
How = Literal["minimum", "rank", "pool"]


@frozen
class Plan:
    """One quota prepared for a pool of candidates (positions 0…n−1).

    ``unit[i]`` is the unit candidate i counts under (None: the quota does not cover
    it); ``limits`` gives units their own number, ``default`` applies to any other
    unit (None: no number); ``total`` caps the quota as a whole. ``minimum`` is every
    unit's floor, ``minimums`` units' own floors. ``destination`` maps a unit to where
    its unused places go (only with redistribution).
    """

    id: str
    applies: np.ndarray
    unit: Sequence[str | None]
    limits: Mapping[str, int | None] = field(factory=dict)
    default: int | None = None
    total: int | None = None
    minimum: int | None = None
    destination: Callable[[str], str] | None = None
    minimums: Mapping[str, int] = field(factory=dict)

    def limit(self, unit: str) -> int | None:
        """A unit's number (None when it has none)."""
        return self.limits[unit] if unit in self.limits else self.default

    def floor(self, unit: str) -> int | None:
        """A unit's floor (None when it has none)."""
        return self.minimums.get(unit, self.minimum)


@frozen
class Cut:
    """Why a candidate was left out: the quota, the unit, the number reached, and whether it was the total."""

    quota: int
    unit: str
    limit: int
    total: bool


@frozen
class Transfer:
    """Unused places of one unit, given to a destination (the pool or the unit above)."""

    quota: int
    unit: str
    destination: str
    places: int
    limit: int
    used: int


@define
class Allocation:
    """The outcome: who was selected and how, who was cut and by what, and every unit's count."""

    selected: dict[int, tuple[How, int | None, str | None]] = field(factory=dict)
    cut: dict[int, Cut] = field(factory=dict)
    used: list[dict[str, int]] = field(factory=list)
    received: list[dict[str, int]] = field(factory=list)
    transfers: list[Transfer] = field(factory=list)


def allocate(order: Sequence[int], plans: Sequence[Plan]) -> Allocation:
    """Fill ``plans`` with the candidates in ``order`` (best first)."""
    out = Allocation(used=[{} for _ in plans], received=[{} for _ in plans])
    totals = [0] * len(plans)

    def blocking(pos: int, skip: int | None = None) -> Cut | None:
        for j, p in enumerate(plans):
            u = p.unit[pos]
            if not p.applies[pos] or u is None:
                continue
            if p.total is not None and totals[j] >= p.total:
                return Cut(j, u, p.total, True)
            lim = p.limit(u)
            if j != skip and lim is not None and out.used[j].get(u, 0) >= lim:
                return Cut(j, u, lim, False)
        return None

    def take(pos: int, how: How, quota: int | None = None, where: str | None = None) -> None:
        for j, p in enumerate(plans):
            u = p.unit[pos]
            if p.applies[pos] and u is not None:
                out.used[j][u] = out.used[j].get(u, 0) + 1
                totals[j] += 1
        out.selected[pos] = (how, quota, where)
        out.cut.pop(pos, None)

    # 1. each unit's minimum first
    for j, p in enumerate(plans):
        if p.minimum is None and not p.minimums:
            continue
        for pos in order:
            u = p.unit[pos]
            if pos in out.selected or not p.applies[pos] or u is None:
                continue
            floor = p.floor(u)
            if floor is None or out.used[j].get(u, 0) >= floor:
                continue
            if blocking(pos) is None:
                take(pos, "minimum", j, u)
    # 2. rank order
    for pos in order:
        if pos in out.selected:
            continue
        cut = blocking(pos)
        if cut is None:
            take(pos, "rank")
        else:
            out.cut[pos] = cut
    # 3. unused places, to the pool or the unit above
    for j, p in enumerate(plans):
        if p.destination is None:
            continue
        units = set(p.limits) | {u for u, a in zip(p.unit, p.applies) if u is not None and a}
        free: dict[str, int] = {}
        for u in sorted(units):
            lim = p.limit(u)
            used = out.used[j].get(u, 0)
            if lim is not None and used < lim:
                dest = p.destination(u)
                free[dest] = free.get(dest, 0) + lim - used
                out.transfers.append(Transfer(j, u, dest, lim - used, lim, used))
        for pos in order:
            cut = out.cut.get(pos)
            if cut is None or cut.quota != j or cut.total:
                continue
            dest = p.destination(cut.unit)
            if free.get(dest, 0) <= 0 or blocking(pos, skip=j) is not None:
                continue
            free[dest] -= 1
            out.received[j][cut.unit] = out.received[j].get(cut.unit, 0) + 1
            take(pos, "pool", j, dest)
    return out


def proportional(total: int, counts: Mapping[str, int], rounding: str) -> dict[str, tuple[int, float]]:
    """``total`` places split among units in proportion to ``counts``: unit → (places, exact share).

    厦门 "按照150家/总参评企业数*（行业组参评企业数）确定每组认定数量". ``largest_remainder``
    gives each unit the whole part of its share, then one more place to the units with
    the largest remainders until ``total`` is reached (ties: more applicants first,
    then the unit's name); ``floor`` and ``round`` round each share on its own.
    """
    whole = sum(counts.values())
    if whole == 0:
        return {u: (0, 0.0) for u in counts}
    exact = {u: total * c / whole for u, c in counts.items()}
    if rounding == "floor":
        return {u: (math.floor(x + 1e-9), x) for u, x in exact.items()}
    if rounding == "round":
        return {u: (math.floor(x + 0.5 + 1e-9), x) for u, x in exact.items()}
    places = {u: math.floor(x + 1e-9) for u, x in exact.items()}
    left = total - sum(places.values())
    for u in sorted(exact, key=lambda u: (-(exact[u] - places[u]), -counts[u], u))[:left]:
        places[u] += 1
    return {u: (places[u], exact[u]) for u in counts}
