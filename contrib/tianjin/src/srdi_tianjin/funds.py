"""``tianjin.allocated``: the amount an allocation plan assigns, within the notice's cap.

津财规〔2021〕8号 does not price its awards: the city sets each enterprise's 基础奖励
and 考核奖励, and each platform's cost subsidy, in an allocation plan, within the
shares and caps the notice states. This kind takes the planned amount from the
profile and applies the cap, so srdi can say what is paid and what the cap cuts.
"""

from __future__ import annotations

from attrs import frozen

from srdi.engine.conditions import fmt
from srdi.funds import Amount, ComponentKind, FundInputs
from srdi.i18n import t

from .messages import say


@frozen
class AllocatedArgs:
    """The amount (万元) a profile fact holds, within ``cap``; the cap also covers the components in ``cap_with``.

    With ``cap_with``, the cap bounds this component and those earlier components
    together: this one gets at most what they leave of it.
    """

    fact: str
    cap: float | None = None
    cap_with: tuple[str, ...] = ()


def _compute(a: AllocatedArgs, inp: FundInputs) -> Amount:
    value = inp.value(a.fact, inp.reference_year)
    label = inp.label(a.fact)
    if value is None:
        return Amount(None, t("fund.missing", label=label), cap=a.cap, missing=(a.fact,))
    if a.cap is None:
        return Amount(value, f"{label} {fmt(value, '万元')}", value)
    shared = [inp.computed.get(c) for c in a.cap_with]
    if any(s is None for s in shared):
        text = say("tianjin.fund.shared_unknown", components=t("list.sep").join(a.cap_with))
        return Amount(None, text, cap=a.cap)
    used = float(sum(s for s in shared if s is not None))
    room = max(a.cap - used, 0.0)
    if value <= room:
        return Amount(value, f"{label} {fmt(value, '万元')}", value, cap=a.cap)
    text = f"{label} {fmt(value, '万元')}" + t("fund.capped", cap=fmt(room, "万元"))
    if a.cap_with:
        text += say("tianjin.fund.room", cap=fmt(a.cap, "万元"), used=fmt(used, "万元"))
    return Amount(room, text, value, cap=a.cap, capped=True)


def allocated() -> ComponentKind:
    """The component kind record."""
    return ComponentKind("tianjin.allocated", AllocatedArgs, _compute, AllocatedArgs.__doc__ or "", "srdi-tianjin")
