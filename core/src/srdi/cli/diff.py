"""``srdi diff A B``: what differs between two programs, criterion by criterion and parameter by parameter."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..i18n import t
from .common import lazy_module

if TYPE_CHECKING:
    from . import render
else:
    render = lazy_module("srdi.cli.render")

SECTIONS = (("program", "项目"), ("parameter", "参数与口径"), ("criterion", "条件"), ("group", "条件组"))


def cmd_diff(args: argparse.Namespace) -> int:
    """The `srdi diff` command: the rows that differ (or all with --all), with both sides' citations."""
    from ..api import for_programs
    from ..diff import STATUS_LABELS, diff_programs

    catalog = for_programs([args.a, args.b])
    diff = diff_programs(catalog, args.a, args.b)
    if args.format == "json":
        render.dump_json(diff.to_json())
        return 0
    con = render.console()
    pa, pb = catalog.program(args.a), catalog.program(args.b)
    con.print(f"[bold]A[/bold] {pa.title}  [{pa.id}]  {pa.doc_number}")
    con.print(f"[bold]B[/bold] {pb.title}  [{pb.id}]  {pb.doc_number}")
    shown = diff.rows if args.all else diff.differences()
    for kind, title in SECTIONS:
        rows = [r for r in shown if r.kind == kind]
        if not rows:
            continue
        con.print(
            render.table(
                title,
                ["A", "B", "名称", "比较", "差异", "依据"],
                (
                    [
                        r.a or "",
                        r.b or "",
                        r.label,
                        STATUS_LABELS[r.status],
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
    counts = {s: sum(r.status == s for r in diff.rows) for s in STATUS_LABELS}
    con.print("；".join(f"{STATUS_LABELS[s]} {n}" for s, n in counts.items()))
    return 0


def register(sub: Any, add: Any) -> None:
    """Add ``srdi diff``."""
    p = add("diff", None, cmd_diff, ["srdi diff national.key-little-giant-2021 national.key-little-giant-2024"])
    p.add_argument("a", help=t("opt.diff_a"))
    p.add_argument("b", help=t("opt.diff_b"))
    p.add_argument("--all", action="store_true", help=t("opt.diff_all"))
