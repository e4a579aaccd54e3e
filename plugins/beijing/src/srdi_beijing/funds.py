"""Fund component kinds Beijing's notices need beyond srdi's built-in ones.

Every rate, cap, amount and year comes from the component's arguments in the
notice file; these functions only do the arithmetic and say how they got there.

- ``beijing.up_to``: "给予最高X万元" — the most a measure pays, or, with a ``base``,
  ``rate`` % of it capped there; ``per_year`` multiplies the cap by ``years``.
- ``beijing.yearly_capped``: rewards per item, summed per year and capped per year
  ("标准制（修）订类每年最高支持100万元"), with foreign patents counted in at most
  ``max_countries`` countries per invention.
- ``beijing.settled_rate``: a later stage's rate of an audited base, net of what an
  earlier stage overpaid once the base was audited down ("如项目投资未完成或相应核减，
  应退回或扣除第一阶段超额支持部分").
"""

from __future__ import annotations

from attrs import frozen

from srdi.engine.conditions import fmt
from srdi.errors import NoticeError
from srdi.funds import Amount, ComponentKind, FundInputs
from srdi.i18n import t

from .messages import say


@frozen
class UpToArgs:
    """At most ``cap`` 万元; with ``base``, ``rate`` % of it (the whole base without ``rate``), capped.

    ``per_year`` with ``years`` makes the cap ``cap`` × ``years`` ("每年最高…").
    """

    cap: float
    base: str | None = None
    rate: float | None = None
    per_year: bool = False
    years: int = 1


def up_to(a: UpToArgs, inp: FundInputs) -> Amount:
    """The most a clause pays: its cap, or a rate of a base bounded by the cap."""
    limit = a.cap * a.years if a.per_year else a.cap
    cap_text = (
        say("beijing.fund.per_year_cap", cap=fmt(a.cap, "万元"), years=a.years, limit=fmt(limit, "万元"))
        if a.per_year
        else say("beijing.fund.cap", cap=fmt(limit, "万元"))
    )
    if a.base is None:
        return Amount(limit, say("beijing.fund.as_reviewed", cap=cap_text), cap=limit)
    base = inp.value(a.base, inp.reference_year)
    if base is None:
        return Amount(
            None,
            t("fund.missing", label=inp.label(a.base)) + say("beijing.fund.within", cap=cap_text),
            cap=limit,
            missing=(a.base,),
        )
    rate = 100.0 if a.rate is None else a.rate
    raw = base * rate / 100.0
    capped = raw > limit
    value = limit if capped else raw
    text = f"{inp.label(a.base)} {fmt(base, '万元')}" + (f" × {fmt(rate)}% = {fmt(raw, '万元')}" if a.rate else "")
    text += t("fund.capped", cap=fmt(limit, "万元")) if capped else say("beijing.fund.within", cap=cap_text)
    return Amount(value, text, base, rate, limit, capped)


@frozen
class Item:
    """One kind of rewarded item: ``amount`` 万元 for each one counted by the yearly field ``count``.

    For foreign patents, ``countries`` is how many countries granted each invention
    the field counts (``or_more`` for "that many or more"); each is rewarded for at
    most the component's ``max_countries`` countries.
    """

    count: str
    amount: float
    countries: int | None = None
    or_more: bool = False


@frozen
class YearlyCappedArgs:
    """Per-item rewards summed per year over ``years`` and capped at ``yearly_cap`` each year."""

    years: tuple[int, ...]
    yearly_cap: float
    items: tuple[Item, ...]
    max_countries: int | None = None


def _units(item: Item, max_countries: int | None) -> int:
    """Rewarded units per counted invention (1 for items that are not per-country)."""
    if item.countries is None:
        return 1
    if max_countries is None:
        raise NoticeError(f"{item.count}: an item counted by countries needs the component's max_countries")
    if item.or_more and item.countries < max_countries:
        # "3 or more countries" can only be weighed when the limit is at most 3
        raise NoticeError(f"{item.count}: '{item.countries} or more' cannot be weighed against max_countries")
    return min(item.countries, max_countries)


def yearly_capped(a: YearlyCappedArgs, inp: FundInputs) -> Amount:
    """Rewards per year, each year's sum capped; years without any figure are left out."""
    units = [_units(it, a.max_countries) for it in a.items]
    total = 0.0
    parts: list[str] = []
    missing: list[str] = []
    any_year = False
    capped_any = False
    for year in a.years:
        values = [inp.value(it.count, year) for it in a.items]
        if all(v is None for v in values):
            parts.append(say("beijing.fund.year_without_figures", year=year))
            continue
        any_year = True
        gaps = [it.count for it, v in zip(a.items, values) if v is None]
        if gaps:
            missing.extend(gaps)
            labels = t("list.sep").join(inp.label(g) for g in gaps)
            parts.append(say("beijing.fund.year_missing", year=year, labels=labels))
            continue
        raw = sum((v or 0.0) * it.amount * u for it, v, u in zip(a.items, values, units))
        terms = " + ".join(
            f"{fmt(v)}×{u}×{fmt(it.amount)}" if u != 1 else f"{fmt(v)}×{fmt(it.amount)}"
            for it, v, u in zip(a.items, values, units)
            if v
        )
        year_amount = min(raw, a.yearly_cap)
        capped = raw > a.yearly_cap
        capped_any |= capped
        shown = f"{year}: {terms or '0'} = {fmt(raw, '万元')}"
        if capped:
            shown += t("fund.capped", cap=fmt(a.yearly_cap, "万元"))
        parts.append(shown)
        total += year_amount
    text = t("list.parts").join(parts)
    if missing:
        return Amount(None, text, cap=a.yearly_cap, missing=tuple(dict.fromkeys(missing)))
    if not any_year:
        return Amount(
            None,
            text + say("beijing.fund.within", cap=say("beijing.fund.yearly_cap", cap=fmt(a.yearly_cap, "万元"))),
            cap=a.yearly_cap,
            missing=tuple(it.count for it in a.items),
        )
    return Amount(total, text, cap=a.yearly_cap, capped=capped_any)


@frozen
class SettledRateArgs:
    """``rate`` % of the audited ``base`` capped at ``cap``, less what component ``settles`` overpaid.

    The earlier stage was paid ``settle_rate`` % of an estimate capped at
    ``settle_cap``; recomputed on the audited base, anything it paid above that is
    deducted here, and what this stage cannot absorb is to be refunded.
    """

    base: str
    rate: float
    cap: float
    settles: str
    settle_rate: float
    settle_cap: float


def settled_rate(a: SettledRateArgs, inp: FundInputs) -> Amount:
    """A stage paid on the audited base, net of the earlier stage's excess."""
    base = inp.value(a.base, inp.reference_year)
    if base is None:
        return Amount(None, t("fund.missing", label=inp.label(a.base)), rate=a.rate, cap=a.cap, missing=(a.base,))
    paid = inp.computed.get(a.settles)
    if paid is None:
        return Amount(None, t("fund.amount_unknown", of=a.settles), rate=a.rate, cap=a.cap, missing=(a.settles,))
    raw = base * a.rate / 100.0
    stage = min(raw, a.cap)
    due = min(base * a.settle_rate / 100.0, a.settle_cap)
    excess = max(paid - due, 0.0)
    text = f"{inp.label(a.base)} {fmt(base, '万元')} × {fmt(a.rate)}% = {fmt(raw, '万元')}"
    if raw > a.cap:
        text += t("fund.capped", cap=fmt(a.cap, "万元"))
    if excess > 0:
        refund = max(excess - stage, 0.0)
        text += t("list.parts") + say(
            "beijing.fund.excess",
            stage=a.settles,
            paid=fmt(paid, "万元"),
            due=fmt(due, "万元"),
            excess=fmt(excess, "万元"),
        )
        if refund > 0:
            text += say("beijing.fund.refund", refund=fmt(refund, "万元"))
    value = max(stage - excess, 0.0)
    return Amount(value, text, base, a.rate, a.cap, raw > a.cap)


def component_kinds() -> list[ComponentKind]:
    """The fund component kinds this plugin adds."""
    return [
        ComponentKind("beijing.up_to", UpToArgs, up_to, UpToArgs.__doc__ or "", origin="srdi-beijing"),
        ComponentKind(
            "beijing.yearly_capped",
            YearlyCappedArgs,
            yearly_capped,
            YearlyCappedArgs.__doc__ or "",
            origin="srdi-beijing",
        ),
        ComponentKind(
            "beijing.settled_rate", SettledRateArgs, settled_rate, SettledRateArgs.__doc__ or "", origin="srdi-beijing"
        ),
    ]
