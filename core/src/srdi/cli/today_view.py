"""The day's answer in full (``srdi check PROFILE --detail``): open rounds, standing measures in force, each series."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..i18n import t
from ..today import SeriesStatus, TodayAnswer
from . import render
from .answer_view import window
from .wrap import print_wrapped


def series(st: SeriesStatus, con: Console) -> None:
    """One series: its latest round, the verdict in it, and the next round expected."""
    head = Text()
    head.append(f"▸ {st.title}", style="bold")
    head.append(f"  [{st.series}]")
    print_wrapped(con, head)
    print_wrapped(con, Text("  " + t("today.latest", title=st.program_title, program=st.program, notice=st.notice)))
    print_wrapped(con, Text("  " + t("today.window", window=window(st))))
    line = Text("  " + t("today.by_round", on=st.evaluated_on.isoformat()))
    line.append(st.result.verdict.label, style=render.VERDICT_STYLE[st.result.verdict])
    if st.result.recommended:
        line.append(" " + t("check.best_tier"))
    why = t("list.parts").join(render.reasons(st.result, 3)) if st.result.verdict.value != "eligible" else ""
    if why:
        line.append(f"  {why}", style="dim")
    print_wrapped(con, line)
    exp = st.expected
    if exp is None:
        print_wrapped(con, Text("  " + t("today.next_unknown"), style="dim"))
    else:
        print_wrapped(con, Text("  " + t("today.next", label=exp.label)))
        basis = t("today.basis", notice=exp.notice, clause=exp.clause, quote=exp.quote)
        print_wrapped(con, Text(f"    {basis}", style="dim"))
        if exp.missing:
            print_wrapped(con, Text("    " + t("today.missing_rounds", missing=exp.missing), style="dim"))
    con.print()


def today(answer: TodayAnswer, con: Console, quotes: bool = True) -> None:
    """The whole answer: what is open (in full), what is in force, where each series stands."""
    for r in answer.open:
        render.result(r, con, quotes=quotes)
    if len(answer.open) > 1:
        render.summary(list(answer.open), con)
    if answer.message:
        print_wrapped(con, Text(answer.message, style="bold"))
        con.print()
    qualifying = [m for m in answer.in_force if m.qualifies]
    others = [m for m in answer.in_force if not m.qualifies]
    print_wrapped(con, Text(t("today.in_force", n=len(answer.in_force)), style="bold"))
    if qualifying:
        con.print(
            render.table(
                t("today.qualifying"),
                [t("today.col.measure"), t("today.col.notice"), t("today.col.period"), t("today.col.clause")],
                ([f"{m.title}\n{m.program}", m.notice, m.period_label, m.clause] for m in qualifying),
            )
        )
    else:
        print_wrapped(con, Text("  " + t("today.none_qualify")))
    if others:
        con.print(
            render.table(
                t("today.others"),
                [t("today.col.measure"), t("today.col.period"), t("today.col.verdict"), t("today.col.why")],
                (
                    [
                        f"{m.title}\n{m.program}",
                        m.period_label,
                        Text(m.result.verdict.label, style=render.VERDICT_STYLE[m.result.verdict]),
                        t("list.parts").join(render.reasons(m.result, 3)),
                    ]
                    for m in others
                ),
            )
        )
    con.print()
    if answer.series:
        print_wrapped(con, Text(t("today.series"), style="bold"))
        con.print()
        for st in answer.series:
            series(st, con)
