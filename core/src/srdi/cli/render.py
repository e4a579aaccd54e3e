"""Rendering results for people (rich tables with Chinese labels) and for machines (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine.outcomes import Outcome, Verdict
from ..results import ProgramResult

VERDICT_STYLE = {
    Verdict.eligible: "bold green",
    Verdict.ineligible: "bold red",
    Verdict.incomplete: "bold yellow",
    Verdict.review: "bold cyan",
}
OUTCOME_STYLE = {Outcome.met: "green", Outcome.not_met: "red", Outcome.unknown: "yellow", Outcome.review: "cyan"}


def console() -> Console:
    """A console that wraps sensibly on a terminal and stays wide when piped."""
    return Console(width=None if sys.stdout.isatty() else 160, highlight=False, soft_wrap=False)


def dump_json(data: Any) -> None:
    """JSON on stdout, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A plain table."""
    t = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[x if isinstance(x, Text) else Text("" if x is None else str(x)) for x in r])
    return t


def show(v: Any) -> str:
    """A value as people read it: 是/否, numbers without noise, lists joined with 、."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return "、".join(show(x) for x in v) if v else "（无）"
    return str(v)


def _values(values: dict[str, Any]) -> str:
    return "；".join(f"{k}={show(v)}" for k, v in values.items())


def result(res: ProgramResult, con: Console, quotes: bool = True) -> None:
    """One program's verdict and its criteria, indented as the rule tree."""
    head = Text()
    head.append(f"{res.title}", style="bold")
    head.append(f"  [{res.program}]  {res.notice}\n")
    head.append("结论：")
    head.append(f"{res.verdict.label}（{res.verdict.value}）", style=VERDICT_STYLE[res.verdict])
    head.append(f"    评价日 {res.on.isoformat()}  上年度 {res.reference_year}")
    if res.enterprise:
        head.append(f"    企业 {res.enterprise}")
    con.print(head)
    t = Table(show_header=True, header_style="bold", show_lines=False, box=None, pad_edge=False)
    t.add_column("条件", overflow="fold", ratio=4)
    t.add_column("结果", no_wrap=True)
    t.add_column("依据", overflow="fold", ratio=2)
    t.add_column("数值 / 标准 / 差距", overflow="fold", ratio=4)
    nodes: list[tuple[int, Any]] = [(g.depth, g) for g in res.groups] + [(c.depth, c) for c in res.criteria]
    order = {id(x): i for i, x in enumerate(_tree_order(res))}
    for _, node in sorted(nodes, key=lambda n: order[id(n[1])]):
        indent = "  " * node.depth
        if hasattr(node, "mode"):
            mode = {
                "all": "全部满足",
                "any": "满足其一",
                "none": "均不存在",
                "at_least": f"至少满足{node.n}项",
                "one_of": "只选一项",
            }[node.mode]
            label = Text(f"{indent}▸ {node.label}", style="bold")
            label.append(f" [{mode}]", style="dim")
            t.add_row(label, Text(node.outcome.label, style=OUTCOME_STYLE[node.outcome]), Text(node.clause), Text(""))
            continue
        label = Text(f"{indent}{node.label}")
        if quotes:
            label.append(f"\n{indent}  “{node.quote}”", style="dim")
        detail = [_values(node.values)] if node.values else []
        if node.role == "exclusion":
            detail.append("存在即不得推荐/申报")
        elif node.threshold:
            detail.append(f"标准：{node.threshold}")
        if node.gap:
            detail.append(f"差距：{node.gap}")
        if node.note:
            detail.append(node.note)
        where = node.clause if node.notice == res.notice else f"{node.notice} {node.clause}"
        t.add_row(
            label, Text(node.outcome_label, style=OUTCOME_STYLE[node.outcome]), Text(where), Text("\n".join(detail))
        )
    con.print(t)
    for note in res.notes:
        con.print(Text(f"注：{note}", style="italic"))
    if res.verdict != Verdict.eligible:
        decisive = res.decisive()
        if decisive:
            con.print(
                Text(
                    f"决定结论的条件（{res.verdict.label}）：" + "、".join(c.label for c in decisive),
                    style=VERDICT_STYLE[res.verdict],
                )
            )
    con.print()


def _tree_order(res: ProgramResult) -> list[Any]:
    groups = {g.id: g for g in res.groups}
    crits = {c.id: c for c in res.criteria}
    out: list[Any] = []

    def visit(node_id: str) -> None:
        if node_id in groups:
            out.append(groups[node_id])
            for child in groups[node_id].of:
                visit(child)
        elif node_id in crits:
            out.append(crits[node_id])

    roots = [g.id for g in res.groups if g.depth == 0] or [c.id for c in res.criteria if c.depth == 0]
    for r in roots:
        visit(r)
    seen = {id(x) for x in out}
    out.extend(x for x in list(res.groups) + list(res.criteria) if id(x) not in seen)
    return out


def summary(results: Sequence[ProgramResult], con: Console) -> None:
    """One line per program: verdict and what stands in the way."""
    t = Table(title="评价汇总", title_justify="left", header_style="bold")
    for c in ("项目", "文号", "结论", "未满足 / 缺少数据 / 待判断"):
        t.add_column(c, overflow="fold")
    for r in results:
        decisive = r.decisive()
        blockers = [c.label for c in decisive if c.outcome in (Outcome.not_met, Outcome.met)]
        missing = [c.label for c in decisive if c.outcome == Outcome.unknown]
        review = [c.label for c in decisive if c.outcome == Outcome.review]
        parts = []
        if blockers:
            parts.append("未满足：" + "、".join(blockers[:4]) + ("…" if len(blockers) > 4 else ""))
        if missing:
            parts.append("缺少：" + "、".join(missing[:4]) + ("…" if len(missing) > 4 else ""))
        if review:
            parts.append(f"待判断{len(review)}项：" + "、".join(review[:2]) + ("…" if len(review) > 2 else ""))
        verdict = Text(r.verdict.label, style=VERDICT_STYLE[r.verdict])
        if r.recommended:
            verdict.append(" ★建议申报")
        t.add_row(Text(f"{r.title}\n{r.program}"), Text(r.notice), verdict, Text("\n".join(parts)))
    con.print(t)
