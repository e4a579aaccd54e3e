"""Fund rules: how much a program pays, in which tranches, and when money is taken back.

A fund is made of components (a fixed sum, a rate of a base capped at an amount, a
reward per item, a match of other components, a banded amount), each possibly paid
in tranches; rules say when paid money is recovered or the rest cancelled, from the
plan's outcome; splits bound the shares of a provincial pot. All amounts in 万元.
Plugins add component kinds through ``srdi_register_fund_components``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, Literal

from attrs import field, frozen

from .engine.conditions import fmt
from .i18n import t, tn


@frozen
class Amount:
    """A computed amount with what bound it; ``value`` is None when data is missing."""

    value: float | None
    explanation: str
    base: float | None = None
    rate: float | None = None
    cap: float | None = None
    capped: bool = False
    missing: tuple[str, ...] = ()
    stated: bool = True


@frozen
class FundInputs:
    """What a component may read: values of metrics/fields for the profile, and earlier components."""

    value: Callable[[str, int | None], float | None]
    label: Callable[[str], str]
    reference_year: int
    computed: dict[str, float | None] = field(factory=dict)


@frozen
class ComponentKind:
    """A kind of fund component: its argument schema and how it computes an amount."""

    name: str
    args: type
    compute: Callable[[Any, FundInputs], Amount]
    doc: str
    origin: str = "srdi"


def _cap(x: float, cap: float | None) -> tuple[float, bool]:
    if cap is not None and x > cap:
        return cap, True
    return x, False


@frozen
class FixedArgs:
    """A fixed sum (``amount`` 万元)."""

    amount: float


def _fixed(a: FixedArgs, inp: FundInputs) -> Amount:
    return Amount(a.amount, f"{fmt(a.amount, '万元')}")


@frozen
class RateArgs:
    """``rate`` % of a base metric (for the reference year, or ``year``), capped at ``cap`` 万元."""

    base: str
    rate: float
    cap: float | None = None
    year: int | None = None
    year_offset: int = 0


def _rate(a: RateArgs, inp: FundInputs) -> Amount:
    year = a.year if a.year is not None else inp.reference_year + a.year_offset
    base = inp.value(a.base, year)
    if base is None:
        return Amount(None, t("fund.missing", label=inp.label(a.base)), rate=a.rate, cap=a.cap, missing=(a.base,))
    raw = base * a.rate / 100.0
    value, capped = _cap(raw, a.cap)
    text = f"{inp.label(a.base)} {fmt(base, '万元')} × {fmt(a.rate)}% = {fmt(raw, '万元')}"
    if capped:
        text += t("fund.capped", cap=fmt(a.cap, "万元"))
    return Amount(value, text, base, a.rate, a.cap, capped)


@frozen
class PerItemArgs:
    """``amount`` 万元 per item counted by ``count``, at most ``max_items`` items, capped at ``cap``."""

    count: str
    amount: float
    cap: float | None = None
    max_items: int | None = None


def _per_item(a: PerItemArgs, inp: FundInputs) -> Amount:
    n = inp.value(a.count, inp.reference_year)
    if n is None:
        return Amount(None, t("fund.missing", label=inp.label(a.count)), cap=a.cap, missing=(a.count,))
    used = min(n, a.max_items) if a.max_items is not None else n
    raw = used * a.amount
    value, capped = _cap(raw, a.cap)
    text = f"{fmt(used)} × {fmt(a.amount, '万元')} = {fmt(raw, '万元')}"
    if a.max_items is not None and n > a.max_items:
        text = tn("fund.items_counted", float(fmt(n)), n=fmt(n), max=a.max_items) + text
    if capped:
        text += t("fund.capped", cap=fmt(a.cap, "万元"))
    return Amount(value, text, n, None, a.cap, capped)


@frozen
class MatchArgs:
    """``ratio`` % of the sum of other components (e.g. a 1:1 district match), capped at ``cap``."""

    of: tuple[str, ...]
    ratio: float = 100.0
    cap: float | None = None


def _match(a: MatchArgs, inp: FundInputs) -> Amount:
    parts = [inp.computed.get(c) for c in a.of]
    if any(p is None for p in parts):
        return Amount(None, t("fund.match_unknown"), missing=a.of)
    base = float(sum(p for p in parts if p is not None))
    raw = base * a.ratio / 100.0
    value, capped = _cap(raw, a.cap)
    text = f"{fmt(base, '万元')} × {fmt(a.ratio)}% = {fmt(raw, '万元')}"
    if capped:
        text += t("fund.capped", cap=fmt(a.cap, "万元"))
    return Amount(value, text, base, a.ratio, a.cap, capped)


@frozen
class Band:
    """One band of a banded amount: applies when ``at_least`` ≤ base < ``below``."""

    at_least: float | None = None
    below: float | None = None
    amount: float | None = None
    rate: float | None = None
    cap: float | None = None


@frozen
class BandsArgs:
    """An amount (or a rate of the base) chosen by which band the base falls in."""

    base: str
    bands: tuple[Band, ...]
    year: int | None = None


def _bands(a: BandsArgs, inp: FundInputs) -> Amount:
    base = inp.value(a.base, a.year if a.year is not None else inp.reference_year)
    if base is None:
        return Amount(None, t("fund.missing", label=inp.label(a.base)), missing=(a.base,))
    for b in a.bands:
        if (b.at_least is None or base >= b.at_least) and (b.below is None or base < b.below):
            if b.amount is not None:
                return Amount(b.amount, f"{inp.label(a.base)} {fmt(base)} → {fmt(b.amount, '万元')}", base)
            assert b.rate is not None
            raw = base * b.rate / 100.0
            value, capped = _cap(raw, b.cap)
            text = f"{fmt(base, '万元')} × {fmt(b.rate)}% = {fmt(raw, '万元')}" + (
                t("fund.capped", cap=fmt(b.cap, "万元")) if capped else ""
            )
            return Amount(value, text, base, b.rate, b.cap, capped)
    return Amount(0.0, t("fund.no_band", label=inp.label(a.base), base=fmt(base)), base)


@frozen
class UnstatedArgs:
    """Money a notice names (who receives it, when it is paid) without stating an amount."""


#: The message (code) saying why an ``unstated`` component has no amount, shown wherever its amount would be.
UNSTATED = "fund.unstated"
#: The message (code) saying why a tranche without a ``share`` has no amount.
TRANCHE_SHARE_UNSTATED = "fund.share_unstated"


def _unstated(a: UnstatedArgs, inp: FundInputs) -> Amount:
    return Amount(None, t(UNSTATED), stated=False)


def builtin_component_kinds() -> list[ComponentKind]:
    """The fund component kinds srdi defines."""
    return [
        ComponentKind("unstated", UnstatedArgs, _unstated, UnstatedArgs.__doc__ or ""),
        ComponentKind("fixed", FixedArgs, _fixed, FixedArgs.__doc__ or ""),
        ComponentKind("rate", RateArgs, _rate, RateArgs.__doc__ or ""),
        ComponentKind("per_item", PerItemArgs, _per_item, PerItemArgs.__doc__ or ""),
        ComponentKind("match", MatchArgs, _match, MatchArgs.__doc__ or ""),
        ComponentKind("bands", BandsArgs, _bands, BandsArgs.__doc__ or ""),
    ]


# ------------------------------------------------------------------ results
Status = Literal["payable", "withheld", "recovered", "conditional", "not_applicable", "unknown"]


@frozen
class ComponentResult:
    """A component's computed amount for one enterprise."""

    id: str
    label: str
    kind: str
    amount: float | None
    explanation: str
    clause: str
    quote: str
    applies: str = "yes"
    capped: bool = False
    stated: bool = True

    def to_json(self) -> dict[str, Any]:
        """JSON (amounts in 万元; ``stated`` is false when the notice gives no amount)."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "amount": self.amount,
            "explanation": self.explanation,
            "applies": self.applies,
            "applies_label": t(f"fund.applies.{self.applies}"),
            "capped": self.capped,
            "stated": self.stated,
            "clause": self.clause,
            "quote": self.quote,
        }


@frozen
class Payment:
    """A tranche of a component: its amount, when it is paid, and its status after the rules."""

    component: str
    tranche: str
    label: str
    amount: float | None
    offset_years: int
    status: Status
    clause: str
    quote: str
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON (amounts in 万元)."""
        return {
            "component": self.component,
            "tranche": self.tranche,
            "label": self.label,
            "amount": self.amount,
            "offset_years": self.offset_years,
            "status": self.status,
            "status_label": t(f"fund.status.{self.status}"),
            "reason": self.reason,
            "clause": self.clause,
            "quote": self.quote,
        }


@frozen
class RuleResult:
    """Whether a clawback or stop-payment rule applies to the outcome given."""

    id: str
    label: str
    action: str
    applies: str
    clause: str
    quote: str

    def to_json(self) -> dict[str, Any]:
        """JSON."""
        return {
            "id": self.id,
            "label": self.label,
            "action": self.action,
            "action_label": action_label(self.action),
            "applies": self.applies,
            "applies_label": t(f"fund.applies.{self.applies}"),
            "clause": self.clause,
            "quote": self.quote,
        }


@frozen
class FundResult:
    """What a program pays one enterprise (or per enterprise, without a profile).

    ``total`` and ``payable`` are None when an amount cannot be told: a figure is
    missing, or the notice states no amount at all (no component, or only
    ``unstated`` ones) — never 0 for money nobody has stated.
    """

    program: str
    unit: str
    basis: str
    components: tuple[ComponentResult, ...]
    payments: tuple[Payment, ...]
    rules: tuple[RuleResult, ...]
    total: float | None
    payable: float | None
    recovered: float | None
    cap: float | None = None
    notes: tuple[str, ...] = ()
    splits: tuple[dict[str, Any], ...] = ()
    verdict: str | None = None
    """The enterprise's verdict on the program, when the amounts are for one enterprise (:func:`for_verdict`)."""
    on: dt.date | None = None
    """The day the enterprise was judged on and its figures read for (one enterprise only)."""

    def to_json(self) -> dict[str, Any]:
        """JSON for ``srdi fund`` (all amounts in 万元)."""
        return {
            "program": self.program,
            "verdict": self.verdict,
            "on": self.on.isoformat() if self.on is not None else None,
            "unit": self.unit,
            "basis": self.basis,
            "total": self.total,
            "payable": self.payable,
            "recovered": self.recovered,
            "cap": self.cap,
            "components": [c.to_json() for c in self.components],
            "payments": [p.to_json() for p in self.payments],
            "rules": [r.to_json() for r in self.rules],
            "splits": list(self.splits),
            "notes": list(self.notes),
        }


def round_amount(x: float | None) -> float | None:
    """Amounts are reported to the 元 (4 decimals of 万元)."""
    if x is None or math.isnan(x):
        return None
    return round(x, 4)


def action_label(action: str) -> str:
    """A clawback or stop-payment action in words (an action srdi does not name reads as its code)."""
    label = t(f"fund.action.{action}")
    return action if label.startswith("fund.action.") else label


#: The message (code) saying why nothing is payable, by the enterprise's verdict on the program.
NOT_PAYABLE = {
    "ineligible": "fund.not_payable.ineligible",
    "incomplete": "fund.not_payable.incomplete",
    "review": "fund.not_payable.review",
}


def for_verdict(result: FundResult, verdict: str) -> FundResult:
    """The amounts as they stand for an enterprise with ``verdict`` on the program.

    Only an eligible enterprise is paid: for any other verdict nothing is payable —
    a payment becomes ``not_applicable`` (ineligible) or ``unknown`` (incomplete,
    review) with the reason, and ``payable`` is 0 or unknown. The amounts the rule
    computes stay visible as what the program would pay.
    """
    import attrs

    if verdict == "eligible":
        return attrs.evolve(result, verdict=verdict)
    why = t(NOT_PAYABLE[verdict]) if verdict in NOT_PAYABLE else t("fund.not_payable.other", verdict=verdict)
    status: Status = "not_applicable" if verdict == "ineligible" else "unknown"
    payments = tuple(
        p if p.status in ("not_applicable", "recovered") else attrs.evolve(p, status=status, reason=why)
        for p in result.payments
    )
    payable = 0.0 if verdict == "ineligible" else None
    return attrs.evolve(result, payments=payments, payable=payable, verdict=verdict, notes=(why, *result.notes))
