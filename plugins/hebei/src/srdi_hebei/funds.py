"""Fund component kinds the Hebei measures need beyond srdi's own.

- ``range``: an award stated as a range ("给予300万-500万元奖励性补助") with no rule for
  the amount within it; the upper bound is what may be claimed.
- ``upper_bands``: tiers closed at the top ("5亿元（含）以下、5亿元-10亿元（含）、10亿元以上"),
  paying a fixed amount or a rate of another figure; a value in no tier is unknown, since
  the notice says nothing about it.
- ``rate_capped_by``: a rate of a base, capped at a fixed amount and at another figure
  ("不超过融资金额1%…不高于实际发行费用，且最高不超过50万元").
"""

from __future__ import annotations

from attrs import frozen

from srdi.engine.conditions import fmt
from srdi.funds import Amount, ComponentKind, FundInputs
from srdi.i18n import t

from .messages import say

ORIGIN = "srdi-hebei"


@frozen
class RangeArgs:
    """An award of ``low`` to ``high`` 万元; the notice fixes nothing within the range."""

    low: float
    high: float

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")


def _range(a: RangeArgs, inp: FundInputs) -> Amount:
    text = say("hebei.fund.range", low=fmt(a.low, "万元"), high=fmt(a.high, "万元"))
    return Amount(a.high, text, base=a.low, cap=a.high)


@frozen
class UpperBand:
    """One tier: applies when ``above`` < value ≤ ``at_most`` (an open end is None)."""

    above: float | None = None
    at_most: float | None = None
    amount: float | None = None
    rate: float | None = None
    cap: float | None = None

    def __attrs_post_init__(self) -> None:
        if (self.amount is None) == (self.rate is None):
            raise ValueError("a band gives exactly one of amount or rate")


@frozen
class UpperBandsArgs:
    """A fixed amount, or ``rate`` % of ``of`` (default: the banded figure), by the tier ``base`` falls in."""

    base: str
    bands: tuple[UpperBand, ...]
    of: str | None = None


def _tier_text(b: UpperBand, unit: str | None) -> str:
    low = "" if b.above is None else f"{fmt(b.above, unit)} <"
    high = "" if b.at_most is None else f"≤ {fmt(b.at_most, unit)}"
    return " x ".join(p for p in (low, high) if p) or say("hebei.fund.any_value")


def _upper_bands(a: UpperBandsArgs, inp: FundInputs) -> Amount:
    x = inp.value(a.base, inp.reference_year)
    if x is None:
        return Amount(None, t("fund.missing", label=inp.label(a.base)), missing=(a.base,))
    for b in a.bands:
        if (b.above is None or x > b.above) and (b.at_most is None or x <= b.at_most):
            tier = _tier_text(b, None)
            if b.amount is not None:
                text = say("hebei.fund.band_amount", label=inp.label(a.base), value=fmt(x), tier=tier)
                return Amount(b.amount, text + f" → {fmt(b.amount, '万元')}", x)
            assert b.rate is not None
            key = a.of or a.base
            y = inp.value(key, inp.reference_year)
            if y is None:
                return Amount(None, t("fund.missing", label=inp.label(key)), x, b.rate, b.cap, missing=(key,))
            raw = y * b.rate / 100.0
            value = raw if b.cap is None else min(raw, b.cap)
            text = say("hebei.fund.band_amount", label=inp.label(a.base), value=fmt(x), tier=tier)
            text += say("hebei.fund.band_rate", of=inp.label(key), base=fmt(y, "万元"), rate=fmt(b.rate))
            text += f" = {fmt(raw, '万元')}"
            if value < raw:
                text += t("fund.capped", cap=fmt(b.cap, "万元"))
            return Amount(value, text, y, b.rate, b.cap, value < raw)
    return Amount(None, say("hebei.fund.no_band", label=inp.label(a.base), value=fmt(x)), x)


@frozen
class RateCappedByArgs:
    """``rate`` % of ``base``, at most ``cap`` 万元 and at most the figure ``limit`` (e.g. the actual cost)."""

    base: str
    rate: float
    limit: str
    cap: float | None = None


def _rate_capped_by(a: RateCappedByArgs, inp: FundInputs) -> Amount:
    base = inp.value(a.base, inp.reference_year)
    limit = inp.value(a.limit, inp.reference_year)
    missing = tuple(k for k, v in ((a.base, base), (a.limit, limit)) if v is None)
    if base is None or limit is None:
        return Amount(None, t("fund.missing", label=t("list.sep").join(inp.label(k) for k in missing)), missing=missing)
    raw = base * a.rate / 100.0
    bounds = [(raw, f"{inp.label(a.base)} {fmt(base, '万元')} × {fmt(a.rate)}% = {fmt(raw, '万元')}")]
    bounds.append((limit, f"{inp.label(a.limit)} {fmt(limit, '万元')}"))
    if a.cap is not None:
        bounds.append((a.cap, say("hebei.fund.at_most", cap=fmt(a.cap, "万元"))))
    value, why = min(bounds, key=lambda b: b[0])
    text = t("list.parts").join(shown for _, shown in bounds) + say(
        "hebei.fund.lowest", value=fmt(value, "万元"), why=why
    )
    return Amount(value, text, base, a.rate, a.cap, value < raw)


def hebei_fund_components() -> list[ComponentKind]:
    """The component kinds the Hebei measures use."""
    return [
        ComponentKind("range", RangeArgs, _range, RangeArgs.__doc__ or "", ORIGIN),
        ComponentKind("upper_bands", UpperBandsArgs, _upper_bands, UpperBandsArgs.__doc__ or "", ORIGIN),
        ComponentKind("rate_capped_by", RateCappedByArgs, _rate_capped_by, RateCappedByArgs.__doc__ or "", ORIGIN),
    ]
