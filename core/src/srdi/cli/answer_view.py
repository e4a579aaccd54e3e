"""The answer first: per program, the verdict and what stands in its way, in a screenful.

``srdi check`` prints this unless ``--detail`` asks for the whole rule tree. For each
program: its title, the verdict, and each criterion that decides the verdict (not
met, data missing, a clause a person judges) with its gap, the figures to supply or
what to answer. Criteria beyond :data:`MAX_ITEMS` are counted, not listed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from ..engine.outcomes import Outcome, Verdict
from ..i18n import t
from ..results import CriterionResult, ProgramResult
from ..today import SeriesStatus, TodayAnswer
from . import render
from .wrap import print_wrapped

#: The deciding criteria listed per program; the rest are counted (``--detail`` lists them all).
MAX_ITEMS = 4


def joined(labels: Sequence[str], limit: int | None = None) -> str:
    """Labels joined as a list reads in the current language, cut after ``limit`` with an ellipsis."""
    shown = list(labels if limit is None else labels[:limit])
    more = t("list.more") if limit is not None and len(labels) > limit else ""
    return t("list.sep").join(shown) + more


def head(res: ProgramResult) -> Text:
    """The enterprise, the day and the reference year a result is for."""
    line = Text()
    if res.enterprise:
        line.append(res.enterprise, style="bold")
        line.append("  ")
    line.append(t("check.context", on=res.on.isoformat(), year=res.reference_year))
    return line


def verdict_line(res: ProgramResult, indent: str = "  ") -> Text:
    """``结论：…`` with the program's id and notice after it."""
    line = Text(indent)
    line.append(t("check.verdict", verdict=res.verdict.label), style=render.VERDICT_STYLE[res.verdict])
    if res.recommended:
        line.append(" " + t("check.recommended"), style="bold")
    line.append(f"  {res.program}  {res.notice}", style="dim")
    return line


def what_to_do(c: CriterionResult) -> str:
    """What one deciding criterion needs: its gap, the figures to supply, or the answer a person gives."""
    if c.role == "exclusion":
        return t("check.exclusion")
    if c.outcome == Outcome.unknown:
        missing = [name for name, value in c.values.items() if value is None]
        if missing:
            return t("check.supply", fields=joined(missing))
    if c.outcome == Outcome.review and c.note:
        return c.note
    parts = []
    if c.gap:
        parts.append(t("check.gap", gap=c.gap))
    elif c.threshold:
        if c.values:
            parts.append(t("check.values", values=render.values_text(c.values)))
        parts.append(t("check.threshold", threshold=c.threshold))
    if c.note and c.outcome != Outcome.review:
        parts.append(c.note)
    return t("list.parts").join(parts)


def program(res: ProgramResult, con: Console) -> None:
    """One program: title, verdict, deciding criteria with what each needs, and its notes."""
    print_wrapped(con, Text(f"▸ {res.title}", style="bold"))
    print_wrapped(con, verdict_line(res))
    note = render.adjusted(res)
    if note:
        print_wrapped(con, Text("  " + note, style="bold yellow"), hang=2)
    decisive = res.decisive() if res.verdict != Verdict.eligible else []
    for c in decisive[:MAX_ITEMS]:
        item = Text("  ")
        item.append(c.outcome_label, style=render.OUTCOME_STYLE[c.outcome])
        item.append(t("check.item", label=c.label, clause=c.clause))
        print_wrapped(con, item, hang=2)
        need = what_to_do(c)
        if need:
            print_wrapped(con, Text(f"      {need}", style="dim"))
    if len(decisive) > MAX_ITEMS:
        print_wrapped(con, Text("  " + t("check.more", n=len(decisive) - MAX_ITEMS), style="dim"))
    for note in res.notes:
        print_wrapped(con, Text("  " + t("check.note", note=note), style="italic"), hang=2)


def results(results_: Sequence[ProgramResult], con: Console) -> None:
    """The answer for the programs a user named (``--program``/``--all``)."""
    if results_:
        print_wrapped(con, head(results_[0]))
        print_wrapped(con, Text(t("check.results", n=len(results_))))
    for r in results_:
        con.print()
        program(r, con)
    print_wrapped(con, Text(t("check.detail_hint"), style="dim"))


def today(answer: TodayAnswer, con: Console) -> None:
    """The day's answer in short: open rounds first, then measures in force, then each series' next round."""
    if answer.open:
        print_wrapped(con, head(answer.open[0]))
        print_wrapped(con, Text(t("check.open", n=len(answer.open)), style="bold"))
        for r in answer.open:
            con.print()
            program(r, con)
    elif answer.message:
        print_wrapped(con, Text(answer.message, style="bold"))
    qualifying = [m for m in answer.in_force if m.qualifies]
    if answer.in_force:
        con.print()
        print_wrapped(con, Text(t("today.in_force_short", n=len(answer.in_force), k=len(qualifying)), style="bold"))
        for m in qualifying:
            print_wrapped(con, Text(f"  {m.title}  {m.notice} {m.clause}"))
    if answer.series:
        con.print()
        print_wrapped(con, Text(t("today.series_short"), style="bold"))
        shown = {r.program for r in answer.open}
        for st in answer.series:
            series(st, con, st.program in shown)
    con.print()
    print_wrapped(con, Text(t("check.detail_hint"), style="dim"))


def series(st: SeriesStatus, con: Console, shown_above: bool) -> None:
    """One series in a line or two: its latest round (unless shown above) and the next round expected."""
    line = Text(t("today.series_title", title=st.title))
    if shown_above:
        line.append(t("today.shown_above"))
    else:
        line.append(t("today.latest_short", title=st.program_title, window=window(st)))
        line.append(st.result.verdict.label, style=render.VERDICT_STYLE[st.result.verdict])
    line.append(t("list.parts"))
    exp = st.expected
    line.append(t("today.next", label=exp.label) if exp is not None else t("today.next_unknown"))
    if exp is not None and exp.missing:  # rounds since the latest that srdi lacks: the latest is not the last one held
        line.append(t("list.parts"))
        line.append(exp.missing, style="dim")
    print_wrapped(con, line, hang=2)


def window(st: SeriesStatus) -> str:
    """A round's application windows and state, as one phrase."""
    if not st.windows:
        return st.state_label
    spans = t("list.sep").join(t("today.span", start=a.isoformat(), end=b.isoformat()) for a, b in st.windows)
    return t("today.span_state", spans=spans, state=st.state_label)
