"""What ``srdi show`` says about a program's shapes: points tables, benchmarks, one_of groups, quotas.

Each is summed up in one Chinese line a reviewer can check against the clause; the
JSON form carries the same data in full.
"""

from __future__ import annotations

from typing import Any

from ..engine.conditions import fmt
from ..engine.tenure import DATE_WORDS, span_words
from ..i18n import t, tn
from ..programs import Criterion, Group, Program

_OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def _span(a: dict[str, Any]) -> str:
    """A tenure or waiting time in years and months (2年6个月), '' when neither is given."""
    years, months = a.get("years") or 0, a.get("months") or 0
    return span_words(years, months) if years or months else ""


def _day(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def date_words(a: dict[str, Any]) -> str:
    """A ``date`` criterion's cut-off as ``srdi check`` words its threshold (早于2021-03-01, 2021-03-01至2022-12-31（含）)."""
    op = str(a.get("op"))
    if op == "between":
        # the engine's own wording (engine/tenure.py), so show and check --detail say the same
        return t("tenure.date.between", first=_day(a.get("date")), last=_day(a.get("until")))
    code = DATE_WORDS.get(op)
    return t(code, date=_day(a.get("date"))) if code else f"{op} {_day(a.get('date'))}"


def criterion_summary(crit: Criterion, labels: Any) -> str:
    """One line on what a shape criterion tests ('' for the built-in types, whose table row says it)."""
    a = crit.args
    if crit.type == "points":
        sections = a.get("sections") or []
        caps = [s.get("max") for s in sections]
        full = caps and all(isinstance(c, (int, float)) for c in caps)
        total = t("show.points.total", total=fmt(sum(caps))) if full else ""
        passing = a.get("pass_mark")
        mark = t("show.points.pass_mark", mark=fmt(passing)) if passing is not None else t("show.points.no_pass_mark")
        items = sum(len(s.get("items") or []) for s in sections)
        sections_words = tn("show.points.sections", len(sections), n=len(sections))
        return t(
            "show.points",
            sections=sections_words,
            items=tn("show.points.items", items, n=items),
            total=total,
            mark=mark,
        )
    if crit.type == "benchmark":
        bench = crit.benchmarks.by_id.get(str(a.get("benchmark")))
        name = bench.label if bench is not None else a.get("benchmark")
        factor = "" if a.get("factor", 1) == 1 else f"{fmt(a['factor'])} × "
        shipped = (
            t("list.sep").join(
                t("show.benchmark.value", year=v.year, value=fmt(v.value, bench.spec.unit)) for v in bench.spec.values
            )
            if bench is not None
            else ""
        )
        over = "show.benchmark.years_mean" if a.get("combine") == "mean" else "show.benchmark.years_each"
        years = tn(over, a["years"], years=a["years"]) if a.get("years", 1) > 1 else ""
        figures = t("show.benchmark.figures", figures=shipped) if shipped else t("show.benchmark.no_figures")
        op = str(a.get("op"))
        return f"{labels(a.get('metric'))}{years} {_OPS.get(op, op)} {factor}{name}{figures}"
    if crit.type == "tenure":
        return t("show.tenure", titles=t("list.sep").join(a.get("titles") or ()), span=_span(a))
    if crit.type == "revoked":
        return t("show.revoked", titles=t("list.sep").join(a.get("titles") or ()), span=_span(a))
    if crit.type == "date":
        return f"{labels(a.get('fact', 'registered_on'))} {date_words(a)}"
    if crit.type == "finding":
        bar = t("finding.threshold.for_good") if a.get("for_good") else t("finding.threshold", span=_span(a))
        return t("show.finding", fact=labels(a.get("fact")), day=labels(a.get("found_on")), bar=bar)
    if crit.type == "stacking":
        awards = " < ".join(a.get("awards") or ())
        if a.get("rule") == "no_repeat":
            return t("show.stacking.no_repeat", awards=awards)
        return t("show.stacking.highest", award=a.get("award"), awards=awards)
    return ""


def group_summary(grp: Group) -> str:
    """One line on how a group combines its children."""
    sep = t("list.sep")
    if grp.mode == "one_of":
        return t("show.group.one_of", choice=grp.choice, of=sep.join(grp.alternatives or grp.of))
    if grp.mode == "at_least":
        return t("show.group.at_least", n=grp.n, of=sep.join(grp.of))
    word = t(f"group.{grp.mode}") if grp.mode in ("all", "any", "none") else grp.mode
    return t("show.group.mode", word=word, of=sep.join(grp.of))


def quota_rows(prog: Program) -> list[dict[str, Any]]:
    """Each quota's rule: its units, numbers, what happens to unused places and to the candidates it cuts."""
    rows = []
    sep = t("list.sep")
    for q in prog.quotas:
        scopes = {
            "program": "show.quota.scope.all",
            "national": "show.quota.scope.all",
            "province": "show.quota.scope.province",
            "city": "show.quota.scope.city",
            "district": "show.quota.scope.district",
        }
        units = t("show.quota.by", by=q.by) if q.by else (t(scopes[q.scope]) if q.scope in scopes else q.scope)
        if q.per:
            units = sep.join(t("show.quota.per", unit=k, n=v) for k, v in q.per.items())
        numbers = []
        if q.max is not None:
            each = q.per or q.allocation != "stated" or q.scope in ("program", "national")
            numbers.append(t("show.quota.total_max" if each else "show.quota.unit_max", n=q.max))
        if q.min is not None:
            numbers.append(t("show.quota.unit_min", n=q.min))
        if q.exact:
            numbers.append(t("show.quota.exact"))
        if q.allocation == "supplied":
            numbers.append(t("show.quota.supplied"))
        if q.allocation == "proportional":
            applicants = q.count == "applicants"
            numbers.append(t("show.quota.by_applicants" if applicants else "show.quota.by_eligible"))
        unused = {"pool": "select.pool", "parent": "show.quota.unused_parent"}
        origin = prog.quota_origins.get(q.id)
        rows.append(
            {
                "id": q.id,
                "label": q.label,
                "units": units,
                "numbers": t("list.parts").join(numbers),
                "unused": t(unused[q.unused.to]) if q.unused else None,
                "overflow": q.overflow.label if q.overflow else None,
                "origin": str(origin) if origin is not None else str(prog.origin),
            }
        )
    if prog.quota_units is not None:
        rows.append(
            {
                "id": "quota_units",
                "label": t("show.quota.separate_units"),
                "units": sep.join(prog.quota_units.separate),
                "numbers": "",
                "unused": None,
                "overflow": None,
                "origin": str(prog.quota_units_origin),
            }
        )
    return rows
