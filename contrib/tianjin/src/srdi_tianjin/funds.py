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


@frozen
class AllocatedArgs:
    """The amount (万元) a profile fact holds, capped at ``cap`` when the notice sets one."""

    fact: str
    cap: float | None = None


def _compute(a: AllocatedArgs, inp: FundInputs) -> Amount:
    value = inp.value(a.fact, inp.reference_year)
    label = inp.label(a.fact)
    if value is None:
        return Amount(None, f"{label} is missing", cap=a.cap, missing=(a.fact,))
    if a.cap is not None and value > a.cap:
        return Amount(
            a.cap, f"{label} {fmt(value, '万元')}, capped at {fmt(a.cap, '万元')}", value, cap=a.cap, capped=True
        )
    return Amount(value, f"{label} {fmt(value, '万元')}", value, cap=a.cap)


def allocated() -> ComponentKind:
    """The component kind record."""
    return ComponentKind("tianjin.allocated", AllocatedArgs, _compute, AllocatedArgs.__doc__ or "", "srdi-tianjin")
