"""Rendering an answer for a day: open rounds, standing measures in force, and each series' latest and next round."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..engine.outcomes import Outcome
from ..results import ProgramResult
from ..today import SeriesStatus, TodayAnswer
from . import render


def _reasons(r: ProgramResult) -> str:
    decisive = r.decisive()
    parts = []
    blockers = [c.label for c in decisive if c.outcome in (Outcome.not_met, Outcome.met)]
    missing = [c.label for c in decisive if c.outcome == Outcome.unknown]
    review = [c.label for c in decisive if c.outcome == Outcome.review]
    if blockers:
        parts.append("未满足：" + "、".join(blockers[:3]) + ("…" if len(blockers) > 3 else ""))
    if missing:
        parts.append("缺少：" + "、".join(missing[:3]) + ("…" if len(missing) > 3 else ""))
    if review:
        parts.append(f"待判断{len(review)}项")
    return "；".join(parts)


def _windows(st: SeriesStatus) -> str:
    if not st.windows:
        return st.state_label
    spans = "、".join(f"{a.isoformat()} 至 {b.isoformat()}" for a, b in st.windows)
    return f"{spans}（{st.state_label}）"


def series(st: SeriesStatus, con: Console) -> None:
    """One series: its latest round, the verdict in it, and the next round expected."""
    head = Text()
    head.append(f"▸ {st.title}", style="bold")
    head.append(f"  [{st.series}]")
    con.print(head)
    con.print(Text(f"  最近一轮：{st.program_title}  [{st.program}]  {st.notice}"))
    con.print(Text(f"  申报窗口：{_windows(st)}"))
    line = Text(f"  按该轮条件（以{st.evaluated_on.isoformat()}计）：")
    line.append(st.result.verdict.label, style=render.VERDICT_STYLE[st.result.verdict])
    if st.result.recommended:
        line.append(" ★最高适用梯度")
    why = _reasons(st.result) if st.result.verdict.value != "eligible" else ""
    if why:
        line.append(f"  {why}", style="dim")
    con.print(line)
    exp = st.expected
    if exp is None:
        con.print(Text("  下一轮：通知未载明周期，无法预计", style="dim"))
    else:
        con.print(Text(f"  下一轮：{exp.label}"))
        con.print(Text(f"    依据 {exp.notice} {exp.clause}：“{exp.quote}”", style="dim"))
        if exp.missing:
            con.print(Text(f"    注：{exp.missing}（本目录未收录这些轮次的通知）", style="dim"))
    con.print()


def today(answer: TodayAnswer, con: Console, quotes: bool = True) -> None:
    """The whole answer: what is open (in full), what is in force, where each series stands."""
    for r in answer.open:
        render.result(r, con, quotes=quotes)
    if len(answer.open) > 1:
        render.summary(list(answer.open), con)
    if answer.message:
        con.print(Text(answer.message, style="bold"))
        con.print()
    qualifying = [m for m in answer.in_force if m.qualifies]
    others = [m for m in answer.in_force if not m.qualifies]
    con.print(Text(f"施行中的常设措施（符合条件即适用，无申报窗口）：{len(answer.in_force)}项", style="bold"))
    if qualifying:
        con.print(
            render.table(
                "企业符合条件的",
                ["措施", "文号", "施行期", "依据"],
                ([f"{m.title}\n{m.program}", m.notice, m.period_label, m.clause] for m in qualifying),
            )
        )
    else:
        con.print(Text("  企业不符合（或尚不能判断是否符合）其中任何一项。"))
    if others:
        con.print(
            render.table(
                "其余施行中的措施",
                ["措施", "施行期", "结论", "原因"],
                (
                    [
                        f"{m.title}\n{m.program}",
                        m.period_label,
                        Text(m.result.verdict.label, style=render.VERDICT_STYLE[m.result.verdict]),
                        _reasons(m.result),
                    ]
                    for m in others
                ),
            )
        )
    con.print()
    if answer.series:
        con.print(Text("各系列的最近一轮与下一轮（下一轮均为按通知所述周期的预计，并非已发布的通知）", style="bold"))
        con.print()
        for st in answer.series:
            series(st, con)
