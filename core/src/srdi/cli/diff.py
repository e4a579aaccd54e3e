"""``srdi diff A B``: what differs between two programs, criterion by criterion and parameter by parameter."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from rich.text import Text

from ..i18n import t
from .common import lazy_module

if TYPE_CHECKING:
    from ..programs import Program
    from . import render
else:
    render = lazy_module("srdi.cli.render")

#: The kinds of row, one table each, in the order they are printed (titled by ``diff.section.<kind>``).
SECTIONS = ("program", "parameter", "criterion", "group")


def header(side: str, prog: Program) -> Text:
    """``A 标题  [id]  文号``: a Text, not markup, so the bracketed id (or a bracket in a title) prints as written."""
    line = Text(side, style="bold")
    line.append(f" {prog.title}  [{prog.id}]  {prog.doc_number}")
    return line


def cmd_diff(args: argparse.Namespace) -> int:
    """The `srdi diff` command: the rows that differ (or all with --all), with both sides' citations."""
    from ..api import for_programs
    from ..diff import STATUSES, diff_programs, status_label

    catalog = for_programs([args.a, args.b])
    diff = diff_programs(catalog, args.a, args.b)
    if args.format == "json":
        render.dump_json(diff.to_json())
        return 0
    con = render.console()
    con.print(header("A", catalog.program(args.a)))
    con.print(header("B", catalog.program(args.b)))
    shown = diff.rows if args.all else diff.differences()
    columns = ["A", "B", t("diff.col.name"), t("diff.col.status"), t("diff.col.changes"), t("diff.col.basis")]
    for kind in SECTIONS:
        rows = [r for r in shown if r.kind == kind]
        if not rows:
            continue
        con.print(
            render.table(
                t(f"diff.section.{kind}"),
                columns,
                (
                    [
                        r.a or "",
                        r.b or "",
                        r.label,
                        status_label(r.status),
                        "\n".join(str(c) for c in r.changes),
                        "\n".join(
                            x
                            for x in (f"A {r.a_cites}" if r.a_cites else "", f"B {r.b_cites}" if r.b_cites else "")
                            if x
                        ),
                    ]
                    for r in rows
                ),
            )
        )
    counts = {s: sum(r.status == s for r in diff.rows) for s in STATUSES}
    summary = t("list.parts").join(t("diff.count", status=status_label(s), n=n) for s, n in counts.items())
    con.print(Text(summary))
    return 0


def register(sub: Any, add: Any) -> None:
    """Add ``srdi diff``."""
    p = add("diff", None, cmd_diff, ["srdi diff national.key-little-giant-2021 national.key-little-giant-2024"])
    p.add_argument("a", help=t("opt.diff_a"))
    p.add_argument("b", help=t("opt.diff_b"))
    p.add_argument("--all", action="store_true", help=t("opt.diff_all"))
