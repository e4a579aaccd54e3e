"""Semantic checks of a parsed notice file, beyond its shape.

The loader (:mod:`srdi.notices.load`) checks that a file has the right keys and
types and that every quote occurs in the shipped text. These checks look at what
the values mean: a window that ends before it starts, a date event without a
date, a quarterly deadline without its offset, tranches that do not add up to the
component they split, bounds on a fund's shares that no allocation can meet.
They need no catalog, so the validator and the conformance suite both run them on
a file that is not installed.

Each check returns ``(key, message)`` pairs; keys are the loader's key paths
(``programs[1].timeline[0].end``), which :func:`srdi.notices.locate.locate` turns
into line numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..errors import suggest
from ..i18n import t
from .model import EVENT_KEYS, ComponentSpec, EventSpec, FundSpec, NoticeSpec, QuotaSpec
from .time_semantics import time_problems

#: Keys each built-in event kind reads; any other dating key on such an event is a mistake.
EVENT_KIND_KEYS: dict[str, frozenset[str]] = {
    "date": frozenset({"date"}),
    "window": frozenset({"start", "end"}),
    "period": frozenset({"start", "end"}),
    "annual": frozenset({"month", "day", "years", "offset_days", "offset_workdays", "offset_months"}),
    "quarterly": frozenset({"years", "offset_days", "offset_workdays", "offset_months"}),
    "monthly": frozenset({"years", "offset_days", "offset_workdays", "offset_months"}),
    "after": frozenset({"after", "offset_days", "offset_workdays", "offset_months"}),
}
_DATING_KEYS = (
    "date",
    "start",
    "end",
    "month",
    "day",
    "years",
    "after",
    "offset_days",
    "offset_workdays",
    "offset_months",
)
#: Shares are percentages; floating sums are compared with this slack.
_EPS = 1e-6

Found = list[tuple[str, str]]


def spec_problems(spec: NoticeSpec) -> Found:
    """Every semantic problem of a notice file, as (key path, message) pairs."""
    out: Found = []
    issued = spec.notice.issued_on
    notice_events = {e.id for e in spec.timeline}
    out.extend(timeline_problems("timeline", spec.timeline, issued, notice_events))
    for i, prog in enumerate(spec.programs):
        base = f"programs[{i}]"
        own = notice_events | {e.id for e in prog.timeline}
        out.extend(timeline_problems(f"{base}.timeline", prog.timeline, issued, own))
        if isinstance(prog.reference_year, int) and prog.reference_year > issued.year:
            out.append(
                (
                    f"{base}.reference_year",
                    t("notice.reference_year_after", year=prog.reference_year, issued=issued.year),
                )
            )
        if prog.grants is not None and prog.grants.validity_years <= 0:
            out.append((f"{base}.grants.validity_years", t("notice.validity_years")))
        for j, quota in enumerate(prog.quotas):
            out.extend(quota_problems(f"{base}.quotas[{j}]", quota))
        if prog.selection is not None:
            for j, ind in enumerate(prog.selection.indicators):
                if (ind.metric is None) == (ind.points is None):
                    out.append((f"{base}.selection.indicators[{j}]", t("notice.indicator_metric_or_points")))
        if prog.fund is not None:
            out.extend(fund_problems(f"{base}.fund", prog.fund))
        for name, param in prog.params.items():
            if param.choices is not None and param.value not in param.choices:
                out.append(
                    (
                        f"{base}.params.{name}.value",
                        t(
                            "notice.param_not_a_choice",
                            value=repr(param.value),
                            choices=t("list.sep").join(map(repr, param.choices)),
                        ),
                    )
                )
    for i, bench in enumerate(spec.benchmarks):
        seen_years: set[int] = set()
        for j, v in enumerate(bench.values):
            key = f"benchmarks[{i}].values[{j}]"
            if v.clause is None and v.source is None:
                out.append((f"{key}.source", t("notice.figure_source")))
            if v.year in seen_years:
                out.append((f"{key}.year", t("notice.figure_second", year=v.year)))
            seen_years.add(v.year)
    for i, ladder in enumerate(spec.ladders):
        if len(ladder.programs) < 2:
            out.append((f"ladders[{i}].programs", t("notice.ladder_two")))
    out.extend(time_problems(spec))
    return out


def quota_problems(base: str, quota: QuotaSpec) -> Found:
    """A quota's numbers and rules must fit together."""
    out: Found = []
    for name in ("max", "min"):
        value = getattr(quota, name)
        if value is not None and value < 0:
            out.append((f"{base}.{name}", t("notice.quota_negative")))
    if quota.max is None and quota.min is None and not quota.per and quota.allocation == "stated":
        out.append((f"{base}.max", t("notice.quota_needs_number")))
    if quota.allocation == "supplied_min" and (quota.min is not None or quota.exact):
        key = "min" if quota.min is not None else "exact"
        out.append((f"{base}.{key}", t("notice.supplied_min_floor", key=key)))
    if quota.max is not None and quota.min is not None and not quota.per and quota.allocation == "stated":
        if quota.min > quota.max:
            out.append((f"{base}.min", t("notice.quota_min_above_max", min=quota.min, max=quota.max)))
    if quota.allocation == "proportional" and quota.max is None:
        out.append((f"{base}.max", t("notice.proportional_needs_max")))
    if quota.allocation != "stated" and quota.per:
        out.append((f"{base}.per", t("notice.per_with_allocation", allocation=repr(quota.allocation))))
    if quota.exact and quota.min is not None:
        out.append((f"{base}.exact", t("notice.exact_with_min")))
    if quota.by is not None and quota.per:
        out.append((f"{base}.by", t("notice.by_with_per")))
    if quota.unused is not None and quota.allocation == "stated" and not quota.per and quota.scope == "program":
        out.append((f"{base}.unused", t("notice.unused_one_pool")))
    return out


def unknown_event_keys(key: str, kind: str, names: Iterable[str]) -> Found:
    """The keys among ``names`` of the event at ``key`` that no built-in kind reads, each with the key likely meant.

    An event of a kind a plugin registers is not judged: only the plugin knows its keys.
    """
    if kind not in EVENT_KIND_KEYS:
        return []
    return [
        (f"{key}.{name}", t("notice.event_unknown_key", kind=repr(kind), hint=suggest(name, EVENT_KEYS)))
        for name in names
        if name not in EVENT_KEYS
    ]


def timeline_problems(base: str, events: Iterable[EventSpec], issued: dt.date, known_events: set[str]) -> Found:
    """Problems of the events of one timeline (``base`` is its key path)."""
    out: Found = []
    for j, ev in enumerate(events):
        key = f"{base}[{j}]"
        allowed = EVENT_KIND_KEYS.get(ev.kind)
        if allowed is None:
            continue  # a kind a plugin registers: only the plugin knows its keys
        out.extend(unknown_event_keys(key, ev.kind, ev.args))  # keys the event table has but no kind reads
        for name in _DATING_KEYS:
            if getattr(ev, name) is not None and name not in allowed:
                out.append((f"{key}.{name}", t("notice.event_unused_key", kind=repr(ev.kind), name=repr(name))))
        given = [n for n in ("offset_days", "offset_workdays", "offset_months") if getattr(ev, n) is not None]
        if len(given) > 1:
            out.append((f"{key}.{given[1]}", t("notice.one_offset", names=t("notice.and").join(given))))
        if ev.kind == "date" and ev.date is None:
            out.append((f"{key}.date", t("notice.date_needs_date")))
        if ev.kind in ("window", "period"):
            if ev.start is None:
                out.append((f"{key}.start", t("notice.event_needs_start", kind=repr(ev.kind))))
            if ev.end is None:
                out.append((f"{key}.end", t("notice.event_needs_end", kind=repr(ev.kind))))
            if ev.start is not None and ev.end is not None and ev.start > ev.end:
                out.append((f"{key}.end", t("notice.ends_before_start", end=ev.end, start=ev.start)))
        if ev.kind == "annual":
            if ev.month is None or ev.day is None:
                out.append((f"{key}.month", t("notice.annual_needs_month_day")))
            elif not _valid_day(ev.month, ev.day):
                out.append((f"{key}.day", t("notice.not_a_day", month=ev.month, day=ev.day)))
        if ev.kind in ("quarterly", "monthly") and not given:
            out.append((f"{key}.offset_workdays", t("notice.cadence_needs_offset", kind=repr(ev.kind))))
        if ev.kind == "after":
            if ev.after is None:
                out.append((f"{key}.after", t("notice.after_needs_event")))
            elif ev.after not in known_events:
                out.append((f"{key}.after", t("notice.after_unknown", event=repr(ev.after))))
            elif ev.after == ev.id:
                out.append((f"{key}.after", t("notice.after_itself")))
        for name in ("offset_days", "offset_workdays", "offset_months"):
            value = getattr(ev, name)
            if value is not None and value < 0:
                out.append((f"{key}.{name}", t("notice.offset_negative")))
        if ev.years is not None and any(y < 1990 or y > 2100 for y in ev.years):
            out.append((f"{key}.years", t("notice.implausible_years", years=list(ev.years))))
        end = ev.end if ev.kind in ("window", "period") else ev.date if ev.kind == "date" else None
        if ev.application and end is not None and end < issued:
            out.append(
                (
                    f"{key}.end" if ev.kind != "date" else f"{key}.date",
                    t("notice.closes_before_issued", end=end, issued=issued),
                )
            )
    return out


def _valid_day(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year, so 2月29日 is a day of the year
    except ValueError:
        return False
    return True


def fund_problems(base: str, fund: FundSpec) -> Found:
    """Problems of a fund rule: tranches that do not add up, infeasible splits, negative amounts."""
    out: Found = []
    if fund.unit != "万元":
        out.append((f"{base}.unit", t("notice.fund_unit", unit=repr(fund.unit))))
    if fund.cap is not None and fund.cap <= 0:
        out.append((f"{base}.cap", t("notice.cap_positive")))
    if fund.period_years is not None and fund.period_years <= 0:
        out.append((f"{base}.period_years", t("notice.period_years")))
    ids: set[str] = set()
    for j, comp in enumerate(fund.components):
        key = f"{base}.components[{j}]"
        if comp.id in ids:
            out.append((f"{key}.id", t("notice.duplicate_id", what=t("notice.what.component"), id=repr(comp.id))))
        ids.add(comp.id)
        out.extend(tranche_problems(key, comp))
        for arg in ("amount", "cap", "rate", "ratio"):
            value = comp.args.get(arg)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                out.append((f"{key}.{arg}", t("notice.amount_negative", arg=arg)))
        for k, cond in enumerate(comp.when):
            if "type" not in cond:
                out.append((f"{key}.when[{k}]", t("notice.condition_needs_type")))
    known = ids
    for j, comp in enumerate(fund.components):
        of = comp.args.get("of")
        if comp.kind == "match" and isinstance(of, list):
            for name in of:
                if name not in known:
                    out.append((f"{base}.components[{j}].of", t("notice.match_unknown", name=repr(name))))
    for j, rule in enumerate(fund.rules):
        for k, cond in enumerate(rule.when):
            if "type" not in cond:
                out.append((f"{base}.rules[{j}].when[{k}]", t("notice.condition_needs_type")))
        if rule.share is not None and not 0 <= rule.share <= 100:
            out.append((f"{base}.rules[{j}].share", t("notice.share_percent")))
    out.extend(split_problems(base, fund))
    return out


def tranche_problems(key: str, comp: ComponentSpec) -> Found:
    """Tranches of one component must split all of it: shares add up to 100%, or one ``rest`` takes what is left."""
    out: Found = []
    if not comp.tranches or any(tr.share is None for tr in comp.tranches):
        return out  # shares the notice does not state: nothing to add up
    rests = [i for i, tr in enumerate(comp.tranches) if tr.share == "rest"]
    shares = [float(tr.share) for tr in comp.tranches if isinstance(tr.share, (int, float))]
    for i, tr in enumerate(comp.tranches):
        if isinstance(tr.share, (int, float)) and not 0 < float(tr.share) <= 100:
            out.append((f"{key}.tranches[{i}].share", t("notice.tranche_share")))
        if tr.offset_years < 0:
            out.append((f"{key}.tranches[{i}].offset_years", t("notice.tranche_before_start")))
    total = sum(shares)
    if len(rests) > 1:
        out.append((f"{key}.tranches[{rests[1]}].share", t("notice.one_rest")))
    elif rests:
        if total >= 100 - _EPS:
            out.append((f"{key}.tranches[{rests[0]}].share", t("notice.nothing_left", total=f"{total:g}")))
    elif abs(total - 100) > _EPS:
        out.append((f"{key}.tranches", t("notice.tranches_total", total=f"{total:g}", component=repr(comp.id))))
    return out


def split_problems(base: str, fund: FundSpec) -> Found:
    """Bounds on shares of a pot must be percentages that some allocation can meet together."""
    out: Found = []
    ids: set[str] = set()
    lower = 0.0
    for j, s in enumerate(fund.splits):
        if s.id in ids:
            out.append((f"{base}.splits[{j}].id", t("notice.duplicate_id", what=t("notice.what.split"), id=repr(s.id))))
        ids.add(s.id)
        if not 0 <= s.share <= 100:
            out.append((f"{base}.splits[{j}].share", t("notice.share_percent")))
        if s.op in (">=", ">", "=="):
            lower += s.share
    if lower > 100 + _EPS:
        out.append((f"{base}.splits", t("notice.split_bounds", total=f"{lower:g}")))
    return out


def number_in_quote(value: Any, unit: str | None, quote: str) -> bool | None:
    """Whether ``value`` is written in ``quote`` (as itself, or in 亿 when the unit is in 万: 万元, 万美元).

    None when the quote prints no number at all (nothing to compare with).
    """
    import re

    numbers = [float(m) for m in re.findall(r"\d+(?:\.\d+)?", quote.replace(" ", ""))]
    if not numbers:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    candidates = {float(value)}
    if unit is not None and unit.startswith("万"):
        candidates.add(float(value) / 10000.0)  # 1亿元 = 10000万元, 5亿美元 = 50000万美元
    return any(abs(n - c) < 1e-9 for n in numbers for c in candidates)
