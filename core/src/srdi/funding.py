"""A program's fund rule worked out: the money for one enterprise, or per enterprise, and by year.

A notice's ``[programs.fund]`` says what a supported enterprise receives: components
(a fixed sum, a rate of an investment, so much per item…), each in tranches paid over
the years, an overall cap, and rules that recover or withhold money when a condition
holds. :func:`compute` works them out from a profile's figures (or with none, per
enterprise); :func:`schedule` spreads them over the years for a number of
enterprises. The verdict on the program is applied by the caller
(:meth:`srdi.catalog.Catalog.fund`): nothing is payable to an enterprise that is not
eligible.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from ._convert import converter, problems_from
from .engine.facts import Facts
from .engine.outcomes import MET, NOT_MET
from .errors import NoticeError, Problem, SrdiError, suggest
from .funds import (
    TRANCHE_SHARE_UNSTATED,
    UNSTATED,
    ComponentResult,
    FundInputs,
    FundResult,
    Payment,
    RuleResult,
    Status,
    round_amount,
)
from .i18n import t as message

if TYPE_CHECKING:
    from .engine.metrics import MetricSet
    from .funds import ComponentKind
    from .profile import Profile
    from .programs import Program
    from .vocabulary import Vocabulary


class Catalog(Protocol):
    """What a fund rule is worked out with: a :class:`srdi.catalog.Catalog` is one.

    Named as a protocol so this module, which the catalog's ``fund`` delegates to,
    does not import the catalog back.
    """

    vocabulary: Vocabulary
    metrics: MetricSet
    fund_components: dict[str, ComponentKind]

    def conditions_one(
        self, program: Program, conds: Iterable[Mapping[str, Any]], row: Mapping[str, Any], on: dt.date, where: str
    ) -> list[int]:
        """The outcome codes, for one enterprise's row, of the ad-hoc criteria a fund rule writes."""
        ...


def compute(catalog: Catalog, prog: Program, profile: Profile | None, on: dt.date) -> FundResult:
    """``prog``'s money for the enterprise of ``profile`` as its figures stand for ``on`` (per enterprise without one).

    The verdict is not applied here: see :meth:`srdi.catalog.Catalog.fund`.
    """
    spec = prog.fund
    assert spec is not None
    year = prog.year_for(on)
    # one enterprise's figures read as Catalog.check reads them: plain values, no frame
    row: dict[str, Any] = profile.to_row(catalog.vocabulary) if profile is not None else {}
    facts = Facts(row, catalog.metrics, year)

    def value(key: str, y: int | None) -> float | None:
        catalog.metrics.check(key)
        v = facts.metric(key, y if catalog.metrics.yearly(key) else None)
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)

    inputs = FundInputs(value, catalog.metrics.label, year, {})
    components: list[ComponentResult] = []
    payments: list[Payment] = []
    notes: list[str] = []
    for j, comp in enumerate(spec.components):
        kind = catalog.fund_components.get(comp.kind)
        if kind is None:
            raise NoticeError(
                Problem(
                    message(
                        "notice.unknown_component_kind",
                        kind=repr(comp.kind),
                        hint=suggest(comp.kind, catalog.fund_components),
                    ),
                    file=prog.notice.path,
                    key=f"fund.components[{j}].kind",
                )
            )
        raw = _with_params(prog, comp.args, f"fund.components[{j}]")
        try:
            fund_args: Any = converter.structure(raw, kind.args)
        except Exception as exc:
            raise NoticeError(problems_from(exc, prog.notice.path, f"fund.components[{j}]")) from None
        applies = "yes"
        stated = True
        if comp.when:
            codes = catalog.conditions_one(prog, comp.when, row, on, f"fund.components[{j}].when")
            applies = "no" if NOT_MET in codes else ("unknown" if any(c != MET for c in codes) else "yes")
        amount = kind.compute(fund_args, inputs) if applies != "no" else None
        if amount is not None and not amount.stated:
            stated = False
        value_ = (
            round_amount(amount.value) if amount is not None and applies != "no" else (0.0 if applies == "no" else None)
        )
        inputs.computed[comp.id] = value_
        components.append(
            ComponentResult(
                comp.id,
                comp.label,
                comp.kind,
                value_,
                amount.explanation if amount else message("fund.does_not_apply"),
                comp.clause,
                comp.quote,
                applies,
                bool(amount and amount.capped),
                stated,
            )
        )
        why_unknown = message(UNSTATED) if not stated else None
        tranches = comp.tranches
        if not tranches:
            payments.append(
                Payment(
                    comp.id,
                    comp.id,
                    comp.label,
                    value_,
                    0,
                    "payable"
                    if applies == "yes" and value_ is not None
                    else ("not_applicable" if applies == "no" else "unknown"),
                    comp.clause,
                    comp.quote,
                    why_unknown,
                )
            )
            continue
        shares = [float(t.share) for t in tranches if t.share is not None and t.share != "rest"]
        for t in tranches:
            if t.share is None:
                share = None
            elif t.share == "rest":
                share = 100.0 - sum(shares)
            else:
                share = float(t.share)
            amt = round_amount(value_ * share / 100.0) if value_ is not None and share is not None else None
            status: Status = (
                "payable"
                if applies == "yes" and amt is not None
                else ("not_applicable" if applies == "no" else "unknown")
            )
            reason = why_unknown or (message(TRANCHE_SHARE_UNSTATED) if share is None and applies != "no" else None)
            payments.append(Payment(comp.id, t.id, t.label, amt, t.offset_years, status, t.clause, t.quote, reason))

    # an overall cap binds the later payments first
    if spec.cap is not None:
        budget = spec.cap
        capped = []
        for p in sorted(payments, key=lambda p: p.offset_years):
            if p.amount is None or p.status == "not_applicable":
                capped.append(p)
                continue
            take = min(p.amount, max(budget, 0.0))
            budget -= take
            if take < p.amount:
                notes.append(
                    message(
                        "fund.cap_reduced",
                        label=p.label,
                        before=f"{p.amount:g}",
                        after=f"{take:g}",
                        cap=f"{spec.cap:g}",
                    )
                )
            capped.append(_evolve_payment(p, amount=round_amount(take)))
        payments = capped

    # clawback / stop-payment rules: applied when they hold, "conditional" while undecided
    rules: list[RuleResult] = []
    for k, rule in enumerate(spec.rules):
        codes = catalog.conditions_one(prog, rule.when, row, on, f"fund.rules[{k}].when")
        applies = "no" if NOT_MET in codes else ("yes" if all(c == MET for c in codes) else "unknown")
        rules.append(RuleResult(rule.id, rule.label, rule.action, applies, rule.clause, rule.quote))
        if applies != "no":
            payments = [_apply_rule(p, rule.action, rule.label, applies == "yes") for p in payments]
    known = [p.amount for p in payments if p.status != "not_applicable"]
    if not spec.components:
        # a fund rule without any component states no money at all: unknown, not 0
        total = None
        notes.append(message(UNSTATED))
    else:
        total = None if any(a is None for a in known) else round_amount(sum(a for a in known if a is not None))
    payable = None if total is None else round_amount(sum(p.amount or 0.0 for p in payments if p.status == "payable"))
    recovered = round_amount(sum(p.amount or 0.0 for p in payments if p.status == "recovered"))
    splits = tuple(
        {"id": s.id, "label": s.label, "op": s.op, "share": s.share, "clause": s.clause, "quote": s.quote}
        for s in spec.splits
    )
    if spec.note:
        notes.insert(0, spec.note)
    return FundResult(
        prog.id,
        spec.unit,
        spec.basis,
        tuple(components),
        tuple(payments),
        tuple(rules),
        total,
        payable,
        recovered,
        spec.cap,
        tuple(notes),
        splits,
    )


def schedule(res: FundResult, enterprises: int, start_year: int) -> list[dict[str, Any]]:
    """Disbursement by year of ``res`` (a fund per enterprise) for ``enterprises`` enterprises from ``start_year``.

    Each item keeps its payment's status: a tranche paid only if a condition holds
    ("未完成目标任务的企业，不再安排剩余资金") is ``conditional`` here too, not certain money.
    """
    rows: dict[int, dict[str, Any]] = {}
    if not res.payments and res.total is None:
        raise SrdiError(message("fund.no_schedule", program=res.program, why=message(UNSTATED)))
    explained = {c.id: c.explanation for c in res.components}
    for p in res.payments:
        if p.amount is None:
            # why the amount is not one figure for every enterprise: its component's computation says
            why = explained.get(p.component) or message("fund.depends")
            raise SrdiError(message("fund.no_flat", label=p.label, why=why))
        year = start_year + p.offset_years
        row = rows.setdefault(year, {"year": year, "items": [], "per_enterprise": 0.0, "total": 0.0})
        row["items"].append(
            {
                "tranche": p.label,
                "status": p.status,
                "status_label": message(f"fund.status.{p.status}"),
                "per_enterprise": p.amount,
                "total": round_amount(p.amount * enterprises),
            }
        )
        row["per_enterprise"] = round_amount(row["per_enterprise"] + p.amount)
        row["total"] = round_amount(row["total"] + p.amount * enterprises)
    pot = round_amount((res.total or 0.0) * enterprises)
    out = [rows[y] for y in sorted(rows)]
    for s in res.splits:
        out.append(
            {
                "split": s["label"],
                "op": s["op"],
                "share": s["share"],
                "bound": round_amount((pot or 0.0) * s["share"] / 100.0),
                "of": pot,
                "clause": s["clause"],
                "quote": s["quote"],
            }
        )
    return out


def _with_params(prog: Program, args: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Fund component arguments with ``"$name"`` replaced by the program's parameter ``name``.

    A reading of a fund clause ("每年…" or in all) is then a named parameter like any
    other, overridable with ``--set``.
    """
    out = dict(args)
    for key, value in args.items():
        if isinstance(value, str) and value.startswith("$"):
            param = prog.params.get(value[1:])
            if param is None:
                raise NoticeError(
                    Problem(
                        message("notice.unknown_parameter", name=value, hint=suggest(value[1:], prog.params)),
                        file=prog.notice.path,
                        key=f"{where}.{key}",
                    )
                )
            out[key] = param.value
    return out


def _apply_rule(p: Payment, action: str, label: str, certain: bool) -> Payment:
    """A payment after a clawback (recover what was paid, withhold the rest) or a stop rule.

    While the outcome is unknown, money paid at the start stays payable but recoverable,
    and later tranches become conditional.
    """
    if p.status in ("not_applicable", "recovered", "withheld"):
        return p
    if action == "recover_paid":
        status = "recovered" if p.offset_years == 0 else "withheld"
    elif action == "cancel_remaining":
        status = "withheld" if p.offset_years > 0 else p.status
    else:
        return p
    if status == p.status:
        return p
    if certain:
        return _evolve_payment(p, status=status, reason=label)
    why = f"{p.reason}；{label}" if p.reason else label
    if p.offset_years == 0:
        return _evolve_payment(p, reason=why if p.reason else message("fund.recoverable_if", rule=label))
    return _evolve_payment(p, status="conditional", reason=why if p.reason else message("fund.withheld_if", rule=label))


def _evolve_payment(p: Payment, **kw: Any) -> Payment:
    import attrs

    return attrs.evolve(p, **kw)
