"""Rendering results for people (rich tables with Chinese labels) and for machines (JSON)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text

from ..engine.outcomes import Outcome, Verdict
from ..i18n import t
from ..results import ProgramResult
from .wrap import Wrapped, cells, print_wrapped

VERDICT_STYLE = {
    Verdict.eligible: "bold green",
    Verdict.ineligible: "bold red",
    Verdict.incomplete: "bold yellow",
    Verdict.review: "bold cyan",
}
OUTCOME_STYLE = {Outcome.met: "green", Outcome.not_met: "red", Outcome.unknown: "yellow", Outcome.review: "cyan"}


def console() -> Console:
    """A console as wide as the terminal (or ``COLUMNS``), and 160 columns wide when piped without ``COLUMNS``."""
    wide = sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit()
    return Console(width=None if wide else 160, highlight=False, soft_wrap=False)


def dump_json(data: Any) -> None:
    """JSON on stdout, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


class FitTable(Table):
    """A rich table that narrows its columns no further than their widest unbreakable piece.

    Rich narrows the widest columns first when a table is too wide, below what their
    cells can wrap to, and then cuts ids and numbers. Here every column first gets its
    minimum (its widest number, id or word, see :class:`~srdi.cli.wrap.Wrapped`), then
    the room left goes first to the columns that need least to show whole.
    """

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        ranges = [self._measure_column(console, options, column) for column in self.columns]
        lows = [r.minimum for r in ranges]
        highs = [max(r.maximum, r.minimum) for r in ranges]
        room = options.max_width
        if sum(highs) <= room or sum(lows) >= room:
            return super()._calculate_column_widths(console, options)
        # max-min fair share of the room above the minimums: the columns wanting least get all
        # they want (a short phrase stays whole), the others split what is left evenly
        spare = room - sum(lows)
        wants = [h - lo for lo, h in zip(lows, highs)]
        widths = list(lows)
        order = sorted(range(len(wants)), key=lambda i: wants[i])
        for k, i in enumerate(order):
            share = min(wants[i], spare // (len(order) - k))
            widths[i] += share
            spare -= share
        return widths


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A plain table whose cells wrap between words and characters, never inside a number or id.

    The title is printed as written: a program title or id in it may hold ``[…]``, which
    rich would otherwise take for markup and drop.
    """
    caption = Text(title, style="table.title") if title is not None else None
    tab = FitTable(title=caption, title_justify="left", show_lines=False, header_style="bold")
    for c in columns:
        tab.add_column(Wrapped(c))
    for r in rows:
        tab.add_row(*cells(r))
    return tab


def show(v: Any) -> str:
    """A value as people read it: 是/否 (yes/no), numbers without noise, lists joined as the language joins them."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return t("value.yes") if v else t("value.no")
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return t("list.sep").join(show(x) for x in v) if v else t("list.none")
    return str(v)


def values_text(values: dict[str, Any]) -> str:
    """The figures a criterion used, as ``label=value`` pairs."""
    return t("list.parts").join(f"{k}={show(v)}" for k, v in values.items())


def adjusted(res: ProgramResult) -> str:
    """The line saying a result was judged with adjusted parameters (``--set``, ``--overrides``), '' when not.

    Labels and quotes keep the notice's words ("达到2000万元") while the test used the value
    given, so a result under overrides says which values it used.
    """
    if not res.overridden:
        return ""
    from ..programs import shown_value  # the notice model, only where a result was adjusted

    names = t("list.sep").join(
        f"{name}={shown_value(res.overrides[name])}" if name in res.overrides else name for name in res.overridden
    )
    return t("check.adjusted", names=names)


def group_mode(mode: str, n: int | None) -> str:
    """How a group combines its children, in words."""
    return t(f"group.{mode}", n=n) if mode == "at_least" else t(f"group.{mode}")


def result(res: ProgramResult, con: Console, quotes: bool = True) -> None:
    """One program's verdict and its criteria, indented as the rule tree (``srdi check --detail``)."""
    print_wrapped(con, Text(res.title, style="bold"), hang=2)
    print_wrapped(con, Text(f"  {res.program}  {res.notice}", style="dim"), hang=2)
    head = Text("  " + t("check.verdict", verdict=""))
    head.append(res.verdict.label, style=VERDICT_STYLE[res.verdict])
    head.append("    " + t("check.context", on=res.on.isoformat(), year=res.reference_year))
    print_wrapped(con, head, hang=2)
    if res.enterprise:
        print_wrapped(con, Text("  " + t("check.enterprise", name=res.enterprise)), hang=2)
    note = adjusted(res)
    if note:
        print_wrapped(con, Text("  " + note, style="bold yellow"), hang=2)
    nodes: list[tuple[int, Any]] = [(g.depth, g) for g in res.groups] + [(c.depth, c) for c in res.criteria]
    order = {id(x): i for i, x in enumerate(_tree_order(res))}
    for _, node in sorted(nodes, key=lambda n: order[id(n[1])]):
        indent = "  " * node.depth
        line = Text(indent)
        if hasattr(node, "mode"):
            line.append(f"▸ {node.label}", style="bold")
            line.append(f" [{group_mode(node.mode, node.n)}]", style="dim")
            line.append("  ")
            line.append(node.outcome.label, style=OUTCOME_STYLE[node.outcome])
            line.append(f"  {node.clause}", style="dim")
            print_wrapped(con, line, hang=2)
            continue
        line.append(node.label)
        line.append("  ")
        line.append(node.outcome_label, style=OUTCOME_STYLE[node.outcome])
        where = node.clause if node.notice == res.notice else f"{node.notice} {node.clause}"
        line.append(f"  {where}", style="dim")
        print_wrapped(con, line, hang=2)
        detail = [f"“{node.quote}”"] if quotes else []
        if node.values:
            detail.append(values_text(node.values))
        if node.role == "exclusion":
            detail.append(t("check.exclusion"))
        elif node.threshold:
            detail.append(t("check.threshold", threshold=node.threshold))
        if node.gap:
            detail.append(t("check.gap", gap=node.gap))
        if node.note:
            detail.append(node.note)
        for i, text in enumerate(detail):
            quote = quotes and i == 0  # a quote's second line stands under its first character, inside “
            print_wrapped(con, Text(f"{indent}    {text}", style="dim" if quote else ""), hang=1 if quote else 0)
    for note in res.notes:
        print_wrapped(con, Text(t("check.note", note=note), style="italic"))
    if res.verdict != Verdict.eligible:
        decisive = res.decisive()
        if decisive:
            labels = t("list.sep").join(c.label for c in decisive)
            print_wrapped(
                con,
                Text(t("check.decisive", verdict=res.verdict.label, labels=labels), style=VERDICT_STYLE[res.verdict]),
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


def reasons(r: ProgramResult, limit: int = 4) -> list[str]:
    """What stands in a program's way, by kind: not met, data missing, to judge (at most ``limit`` of each)."""
    decisive = r.decisive()
    blockers = [c.label for c in decisive if c.outcome in (Outcome.not_met, Outcome.met)]
    missing = [c.label for c in decisive if c.outcome == Outcome.unknown]
    review = [c.label for c in decisive if c.outcome == Outcome.review]
    sep, more = t("list.sep"), t("list.more")

    def cut(labels: list[str], n: int) -> str:
        return sep.join(labels[:n]) + (more if len(labels) > n else "")

    parts = []
    if blockers:
        parts.append(t("summary.not_met", labels=cut(blockers, limit)))
    if missing:
        parts.append(t("summary.missing", labels=cut(missing, limit)))
    if review:
        parts.append(t("summary.review", n=len(review), labels=cut(review, max(limit // 2, 1))))
    return parts


def summary(results: Sequence[ProgramResult], con: Console) -> None:
    """One line per program: verdict and what stands in the way."""
    tab = FitTable(title=t("summary.title"), title_justify="left", header_style="bold")
    for code in ("summary.col.program", "summary.col.notice", "summary.col.verdict", "summary.col.why"):
        tab.add_column(Wrapped(t(code)))
    for r in results:
        verdict = Text(r.verdict.label, style=VERDICT_STYLE[r.verdict])
        if r.recommended:
            verdict.append(" " + t("check.recommended"))
        why = [adjusted(r)] if r.overridden else []
        tab.add_row(*cells([f"{r.title}\n{r.program}", r.notice, verdict, "\n".join(why + reasons(r))]))
    con.print(tab)
