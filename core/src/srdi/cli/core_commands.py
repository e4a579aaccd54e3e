"""The core commands: plugins, programs, show, check, deadlines, schema, fund, form-check."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SrdiError, UnknownNameError
from .common import (
    EXIT_BAD_INPUT,
    anchor_arg,
    assignment_arg,
    catalog_for_profile,
    catalog_for_program,
    date_arg,
    lazy_module,
    overrides_from,
)

if TYPE_CHECKING:
    from .. import api
    from . import render
else:
    api = lazy_module("srdi.api")
    render = lazy_module("srdi.cli.render")


def cmd_plugins(args: argparse.Namespace) -> int:
    """The `srdi plugins` command: loaded plugins with their regions, hooks and program counts."""
    cat = api.load()
    rows: list[dict[str, Any]] = []
    for name, info in sorted(cat.plugins.items()):
        regions = sorted(code for code, owner in cat.claims.items() if owner == name)
        if name == "national":
            regions = ["000000"]
        rows.append(
            {
                "name": name,
                "version": info.version,
                "distribution": info.distribution,
                "regions": regions,
                "hooks": list(info.hooks),
                "programs": sum(1 for p in cat.programs() if p.origin.plugin.startswith(info.distribution + "@")),
            }
        )
    if args.format == "json":
        render.dump_json(rows)
        return 0
    con = render.console()
    con.print(
        render.table(
            "已加载插件",
            ["插件", "版本", "发行包", "地区", "项目数", "钩子"],
            (
                [
                    r["name"],
                    r["version"],
                    r["distribution"],
                    "、".join(
                        f"{c} {cat.regions.by_code[c].name}" if c in cat.regions.by_code else c for c in r["regions"]
                    ),
                    r["programs"],
                    ", ".join(h.removeprefix("srdi_") for h in r["hooks"]),
                ]
                for r in rows
            ),
        )
    )
    return 0


def cmd_programs(args: argparse.Namespace) -> int:
    """The `srdi programs` command: programs of every or one region."""
    cat = api.for_region(args.region) if args.region else api.load()
    progs = cat.programs(args.region)
    rows = [
        {
            "id": p.id,
            "region": p.region,
            "notice": p.doc_number,
            "title": p.title,
            "kind": p.kind,
            "extends": p.extends,
            "issued_on": p.notice.spec.notice.issued_on.isoformat(),
            "origin": str(p.origin),
        }
        for p in progs
    ]
    if args.format == "json":
        render.dump_json(rows)
        return 0
    con = render.console()
    con.print(
        render.table(
            f"项目（{len(rows)}）",
            ["项目 ID", "地区", "文号", "名称", "类型", "继承自"],
            (
                [
                    r["id"],
                    cat.regions.by_code[r["region"]].name if r["region"] in cat.regions.by_code else r["region"],
                    r["notice"],
                    r["title"],
                    r["kind"],
                    r["extends"] or "",
                ]
                for r in rows
            ),
        )
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """The `srdi check` command: evaluate a profile against one, several or every open program."""
    cat = catalog_for_profile(args.profile, args.program)
    profile = cat.load_profile(args.profile)
    on = args.on or dt.date.today()
    overrides = overrides_from(args)
    if overrides:
        if not args.program:
            raise SrdiError("--set / --overrides change one program's parameters: give --program")
        results = []
        for pid in args.program:
            prog = cat.program(pid).with_overrides(overrides)
            results.append(cat.evaluate(profile, prog, on))
    else:
        results = cat.check(profile, on, args.program, include_closed=args.all)
    if not results:
        region = cat.region_of(profile)
        msg = (
            f"no program of {region.name} or the nation accepts applications on {on.isoformat()}; "
            "use --on DATE, --all, or --program ID"
        )
        if args.format == "json":
            render.dump_json([])
        else:
            render.console().print(msg)
        return 0
    if args.format == "json":
        render.dump_json(results[0].to_json() if args.program and len(results) == 1 else [r.to_json() for r in results])
        return 0
    con = render.console()
    for r in results:
        render.result(r, con, quotes=not args.brief)
    if len(results) > 1:
        render.summary(results, con)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """The `srdi show` command: a program's criteria, groups and parameters with their origins."""
    cat = catalog_for_program(args.program)
    prog = cat.program(args.program)
    params = [
        {
            "name": n,
            "value": v,
            "origin": str(prog.params[n].origin)
            if n in prog.params
            else str(prog.criteria[n.rsplit(".", 1)[0]].origin)
            if n.rsplit(".", 1)[0] in prog.criteria
            else str(prog.groups[n.rsplit(".", 1)[0]].origin),
            "reason": prog.params[n].reason if n in prog.params else None,
        }
        for n, v in prog.parameter_names().items()
    ]
    data: dict[str, Any] = {
        "id": prog.id,
        "title": prog.title,
        "notice": prog.doc_number,
        "region": prog.region,
        "extends": prog.extends,
        "reference_year": prog.reference_year,
        "criteria": [
            {
                "id": c.id,
                "label": c.label,
                "type": c.type,
                "args": c.args,
                "clause": c.clause,
                "quote": c.quote,
                "origin": str(c.origin),
            }
            for c in prog.criteria.values()
        ],
        "groups": [
            {"id": g.id, "label": g.label, "mode": g.mode, "n": g.n, "of": list(g.of), "origin": str(g.origin)}
            for g in prog.groups.values()
        ],
        "dropped": [{"id": d.id, "reason": d.reason, "origin": str(d.origin)} for d in prog.dropped],
        "parameters": params,
    }
    if args.format == "json":
        render.dump_json(data)
        return 0
    con = render.console()
    con.print(f"[bold]{prog.title}[/bold]  [{prog.id}]  {prog.doc_number}")
    if prog.extends:
        con.print(f"继承自 {prog.extends}")
    con.print(
        render.table(
            "参数",
            ["名称", "取值", "来源", "理由"],
            (
                [p["name"], json.dumps(p["value"], ensure_ascii=False, default=str), p["origin"], p["reason"] or ""]
                for p in params
            ),
        )
    )
    con.print(
        render.table(
            "条件",
            ["ID", "条件", "类型", "来源"],
            ([c["id"], c["label"], c["type"], c["origin"]] for c in data["criteria"]),
        )
    )
    if prog.dropped:
        con.print(
            render.table(
                "删除的继承条件",
                ["ID", "理由", "来源"],
                ([d["id"], d["reason"] or "", d["origin"]] for d in data["dropped"]),
            )
        )
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    """The `srdi deadlines` command: a program's dates as a table, JSON or iCalendar."""
    cat = catalog_for_program(args.program)
    items = cat.deadlines(args.program, args.year or None, dict(args.anchor or []))
    if args.profile:
        items = items + cat.recognition_deadlines(cat.load_profile(args.profile))
    if args.format == "ics":
        from ..ics import to_ics

        text = to_ics(items, name=cat.program(args.program).title)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.format == "json":
        render.dump_json([o.to_json() for o in items])
        return 0
    con = render.console()
    con.print(
        render.table(
            f"{cat.program(args.program).title} 时间节点",
            ["日期", "开始", "事项", "依据"],
            (
                [
                    o.date.isoformat() if o.date else "—",
                    o.start.isoformat() if o.start else "",
                    o.title if o.date or not o.note else f"{o.title}（{o.note}）",
                    f"{o.notice} {o.clause}",
                ]
                for o in items
            ),
        )
    )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """The `srdi schema` command: JSON Schema of a program's forms, one form, or the profile."""
    from ..forms import json_schema

    if args.profile_schema:
        from ..schema import profile_schema

        cat = api.load()
        render.dump_json(profile_schema(cat.vocabulary))
        return 0
    if args.form:
        cat = api.load()
        render.dump_json(json_schema(cat.form(args.form)))
        return 0
    if not args.program:
        raise SrdiError("give --program ID, --form FORM or --profile")
    cat = catalog_for_program(args.program)
    forms = cat.forms(args.program)
    if not forms:
        raise UnknownNameError(f"program {args.program!r} has no form in its notice")
    schemas = [json_schema(f) for f in forms]
    render.dump_json(schemas[0] if len(schemas) == 1 else schemas)
    return 0


def cmd_fund(args: argparse.Namespace) -> int:
    """The `srdi fund` command: the fund rule, one enterprise's amounts, or a disbursement schedule."""
    cat = catalog_for_program(args.program)
    if args.enterprises is not None:
        if args.start_year is None:
            raise SrdiError("--enterprises needs --start-year")
        rows = cat.fund_schedule(args.program, args.enterprises, args.start_year)
        data: Any = {"program": args.program, "unit": "万元", "enterprises": args.enterprises, "schedule": rows}
        if args.format == "json":
            render.dump_json(data)
            return 0
        con = render.console()
        con.print(
            render.table(
                f"{args.program} 拨付计划（{args.enterprises}家，单位：万元）",
                ["年度", "拨付", "每家", "合计"],
                (
                    [r["year"], "；".join(i["tranche"] for i in r["items"]), r["per_enterprise"], r["total"]]
                    for r in rows
                    if "year" in r
                ),
            )
        )
        for r in rows:
            if "split" in r:
                con.print(f"{r['split']}：{r['op']} {r['share']}% × {r['of']} = {r['bound']}万元（{r['clause']}）")
        return 0
    profile = cat.load_profile(args.profile) if args.profile else None
    res = cat.fund(args.program, profile, args.on)
    if args.format == "json":
        render.dump_json(res.to_json())
        return 0
    con = render.console()
    con.print(
        render.table(
            f"{args.program} 资金（单位：万元，口径 {res.basis}）",
            ["组成", "金额", "计算", "适用", "依据"],
            (
                [c.label, c.amount if c.amount is not None else "—", c.explanation, c.applies, c.clause]
                for c in res.components
            ),
        )
    )
    con.print(
        render.table(
            "拨付",
            ["批次", "金额", "时点（年）", "状态", "原因", "依据"],
            (
                [p.label, p.amount if p.amount is not None else "—", p.offset_years, p.status, p.reason or "", p.clause]
                for p in res.payments
            ),
        )
    )
    if res.rules:
        con.print(
            render.table(
                "收回 / 停拨规则",
                ["规则", "动作", "是否适用", "依据"],
                ([r.label, r.action, r.applies, r.clause] for r in res.rules),
            )
        )
    con.print(
        f"合计 {res.total if res.total is not None else '—'} 万元；可拨付 {res.payable if res.payable is not None else '—'}；收回 {res.recovered}"
    )
    for n in res.notes:
        con.print(f"注：{n}")
    return 0


def cmd_form_check(args: argparse.Namespace) -> int:
    """The `srdi form-check` command: validate a filled form against its schema and derived cells."""
    from ..forms import load_filled, validate

    cat = api.load()
    form = cat.form(args.form)
    problems = validate(form, load_filled(args.file), cat, source=args.file)
    if args.format == "json":
        render.dump_json({"form": args.form, "valid": not problems, "problems": [str(p) for p in problems]})
    elif problems:
        for p in problems:
            print(f"srdi: {p}", file=sys.stderr)
    else:
        print(f"{args.file}: {form.title} — no problems")
    return EXIT_BAD_INPUT if problems else 0


def register(sub: Any, add: Any) -> None:
    """Add the core commands to the ``srdi`` parser."""
    add("plugins", "list loaded plugins with their regions and hooks", cmd_plugins)
    p = add("programs", "list programs, optionally of one region", cmd_programs)
    p.add_argument("--region", help="region code, slug or name (e.g. 210000, liaoning, 辽宁)")
    p = add("show", "show a program's criteria and parameters with their origins", cmd_show)
    p.add_argument("program")
    p = add("check", "evaluate an enterprise profile", cmd_check)
    p.add_argument("profile", help="profile file (.toml or .json)")
    p.add_argument(
        "--program", action="append", help="program id (repeatable); default: every open program of the region"
    )
    p.add_argument("--on", type=date_arg, help="evaluation date (default: today)")
    p.add_argument("--all", action="store_true", help="include programs not open on that date")
    p.add_argument("--set", action="append", type=assignment_arg, metavar="NAME=VALUE", help="override a parameter")
    p.add_argument("--overrides", help="TOML file of parameter overrides")
    p.add_argument("--brief", action="store_true", help="omit the quotes")
    p = sub.add_parser("deadlines", help="a program's dates", description="a program's dates")
    p.set_defaults(fn=cmd_deadlines)
    p.add_argument("--program", required=True)
    p.add_argument("--year", type=int, action="append", help="year for recurring events (repeatable)")
    p.add_argument("--profile", help="add expiry and re-application dates of the titles it holds")
    p.add_argument(
        "--anchor",
        action="append",
        type=anchor_arg,
        metavar="EVENT=DATE",
        help="date an event the notice names but does not print (repeatable)",
    )
    p.add_argument("--format", choices=["table", "json", "ics"], default="table")
    p.add_argument("--out", help="write to a file instead of stdout")
    p = sub.add_parser(
        "schema",
        help="JSON Schema of a program's forms, a form, or the profile",
        description="JSON Schema of a program's forms, a form, or the profile",
    )
    p.set_defaults(fn=cmd_schema)
    p.add_argument("--program")
    p.add_argument("--form", help="form id (notice-id:form-id)")
    p.add_argument("--profile", dest="profile_schema", action="store_true", help="the profile vocabulary")
    p = add("fund", "a program's fund rule, an enterprise's amounts, or a disbursement schedule", cmd_fund)
    p.add_argument("--program", required=True)
    p.add_argument("--profile", help="profile (with plan outcome) to compute amounts for")
    p.add_argument("--on", type=date_arg)
    p.add_argument("--enterprises", type=int, help="number of supported enterprises (schedule)")
    p.add_argument("--start-year", type=int)
    p = add("form-check", "validate a filled form", cmd_form_check)
    p.add_argument("form", help="form id (notice-id:form-id)")
    p.add_argument("file")
