"""What ``srdi show`` says about a program's shapes: points tables, benchmarks, one_of groups, quotas.

Each is summed up in one Chinese line a reviewer can check against the clause; the
JSON form carries the same data in full.
"""

from __future__ import annotations

from typing import Any

from ..engine.conditions import fmt
from ..programs import Criterion, Group, Program

_OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
_DATE_WORDS = {"<": "早于", "<=": "不晚于", ">=": "不早于", ">": "晚于"}


def criterion_summary(crit: Criterion, labels: Any) -> str:
    """One line on what a shape criterion tests ('' for the built-in types, whose table row says it)."""
    a = crit.args
    if crit.type == "points":
        sections = a.get("sections") or []
        caps = [s.get("max") for s in sections]
        total = f"，满分{fmt(sum(caps))}分" if caps and all(isinstance(c, (int, float)) for c in caps) else ""
        mark = f"，合格分{fmt(a['pass_mark'])}" if a.get("pass_mark") is not None else "，不设合格分"
        items = sum(len(s.get("items") or []) for s in sections)
        return f"计分表：{len(sections)}个部分、{items}项{total}{mark}"
    if crit.type == "benchmark":
        bench = crit.benchmarks.by_id.get(str(a.get("benchmark")))
        name = bench.label if bench is not None else a.get("benchmark")
        factor = "" if a.get("factor", 1) == 1 else f"{fmt(a['factor'])} × "
        shipped = (
            "、".join(f"{v.year}年 {fmt(v.value, bench.spec.unit)}" for v in bench.spec.values)
            if bench is not None
            else ""
        )
        years = (
            f"（近{a['years']}年{'平均' if a.get('combine') == 'mean' else '每年'}）" if a.get("years", 1) > 1 else ""
        )
        figures = f"；参照数据：{shipped}" if shipped else "；参照数据未随插件提供，由用户给出"
        op = str(a.get("op"))
        return f"{labels(a.get('metric'))}{years} {_OPS.get(op, op)} {factor}{name}{figures}"
    if crit.type == "tenure":
        span = (f"{a['years']}年" if a.get("years") else "") + (f"{a['months']}个月" if a.get("months") else "")
        return f"{'、'.join(a.get('titles') or ())} 已满{span}"
    if crit.type == "revoked":
        span = (f"{a['years']}年" if a.get("years") else "") + (f"{a['months']}个月" if a.get("months") else "")
        return f"{'、'.join(a.get('titles') or ())} 未被撤销或撤销已满{span}"
    if crit.type == "date":
        op = str(a.get("op"))
        return f"{labels(a.get('fact', 'registered_on'))} {_DATE_WORDS.get(op, op)}{a.get('date')}"
    if crit.type == "stacking":
        what = "不重复奖励" if a.get("rule") == "no_repeat" else f"就高奖励（本项：{a.get('award')}）"
        return f"{what}：{' < '.join(a.get('awards') or ())}"
    return ""


def group_summary(grp: Group) -> str:
    """One line on how a group combines its children."""
    if grp.mode == "one_of":
        return f"只选一项（由 {grp.choice} 选定）：{'、'.join(grp.alternatives or grp.of)}"
    if grp.mode == "at_least":
        return f"至少{grp.n}项：{'、'.join(grp.of)}"
    word = {"all": "全部满足", "any": "满足其一", "none": "均不存在"}.get(grp.mode, grp.mode)
    return f"{word}：{'、'.join(grp.of)}"


def quota_rows(prog: Program) -> list[dict[str, Any]]:
    """Each quota's rule: its units, numbers, what happens to unused places and to the candidates it cuts."""
    rows = []
    for q in prog.quotas:
        scopes = {"program": "全部", "national": "全部", "province": "省级单位", "city": "市", "district": "县（区）"}
        units = f"按{q.by}分组" if q.by else scopes.get(q.scope, q.scope)
        if q.per:
            units = "、".join(f"{k} {v}家" for k, v in q.per.items())
        numbers = []
        if q.max is not None:
            each = q.per or q.allocation != "stated" or q.scope in ("program", "national")
            numbers.append(f"{'总数' if each else '每单位'}不超过{q.max}家")
        if q.min is not None:
            numbers.append(f"每单位不少于{q.min}家")
        if q.exact:
            numbers.append("等额推荐")
        if q.allocation == "supplied":
            numbers.append("各单位名额另行下达（--quota 给出）")
        if q.allocation == "proportional":
            numbers.append(f"按{'参评企业' if q.count == 'applicants' else '符合条件企业'}数比例分配")
        origin = prog.quota_origins.get(q.id)
        rows.append(
            {
                "id": q.id,
                "label": q.label,
                "units": units,
                "numbers": "；".join(numbers),
                "unused": {"pool": "统筹调剂", "parent": "由上级单位统筹"}[q.unused.to] if q.unused else None,
                "overflow": q.overflow.label if q.overflow else None,
                "origin": str(origin) if origin is not None else str(prog.origin),
            }
        )
    if prog.quota_units is not None:
        rows.append(
            {
                "id": "quota_units",
                "label": "单独计算名额的单位",
                "units": "、".join(prog.quota_units.separate),
                "numbers": "",
                "unused": None,
                "overflow": None,
                "origin": str(prog.quota_units_origin),
            }
        )
    return rows
