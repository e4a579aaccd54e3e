"""The core commands: plugins, programs, show, check, deadlines, schema, fund, form-check."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engine.outcomes import Verdict
from ..errors import SrdiError
from ..i18n import t, tn
from . import common
from .common import (
    EXIT_BAD_INPUT,
    anchor_arg,
    assignment_arg,
    benchmark_option,
    benchmarks_from,
    calendar_args,
    calendar_of,
    catalog_for_profile,
    catalog_for_program,
    date_arg,
    lazy_module,
    overrides_from,
    own_parser,
)

if TYPE_CHECKING:
    from .. import api, views
    from ..workdays import using
    from . import render, wrap
else:
    api = lazy_module("srdi.api")
    views = lazy_module("srdi.views")
    render = lazy_module("srdi.cli.render")
    wrap = lazy_module("srdi.cli.wrap")

    def using(*args: Any, **kwargs: Any) -> Any:
        """The working-day calendar in force (imported when a command uses it)."""
        from ..workdays import using as _using

        return _using(*args, **kwargs)


def cmd_plugins(args: argparse.Namespace) -> int:
    """The `srdi plugins` command: loaded plugins with their regions, hooks and program counts."""
    cat = api.load()
    rows = views.plugins_json(cat)
    if args.format == "json":
        render.dump_json(rows)
        return 0
    con = render.console()
    con.print(
        render.table(
            t("table.plugins.title"),
            [
                t("table.plugins.col.plugin"),
                t("table.plugins.col.version"),
                t("table.plugins.col.distribution"),
                t("table.plugins.col.status"),
                t("table.plugins.col.regions"),
                t("table.plugins.col.programs"),
                t("table.plugins.col.hooks"),
            ],
            (
                [
                    r["name"],
                    r["version"] or "",
                    r["distribution"] or "",
                    t("table.plugins.loaded")
                    if r["status"] == "loaded"
                    else t("table.plugins.broken", error=r["error"]),
                    t("list.sep").join(
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
    """The `srdi programs` command: programs of every or one region (``--latest``: each series' latest round)."""
    cat = api.for_region(args.region) if args.region else api.load()
    rows = views.programs_json(cat, args.region, args.latest)
    if args.format == "json":
        render.dump_json(rows)
        return 0
    con = render.console()
    con.print(
        render.table(
            t("table.programs.title_latest" if args.latest else "table.programs.title", n=len(rows)),
            [
                t("table.programs.col.id"),
                t("table.programs.col.region"),
                t("summary.col.notice"),
                t("table.programs.col.title"),
                t("table.programs.col.kind"),
                t("table.programs.col.extends"),
                t("table.programs.col.series"),
            ],
            (
                [
                    r["id"],
                    cat.regions.by_code[r["region"]].name if r["region"] in cat.regions.by_code else r["region"],
                    r["notice"],
                    r["title"],
                    r["kind"],
                    r["extends"] or "",
                    "\n".join(
                        x for x in (r["series"], r["follows"] and t("table.programs.follows", id=r["follows"])) if x
                    ),
                ]
                for r in rows
            ),
        )
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """The `srdi check` command: evaluate a profile against one, several or every open program.

    Without ``--program`` or ``--all`` it answers for the day: the open rounds, the
    standing measures in force, and each series' latest round and expected next one.
    """
    cat = catalog_for_profile(args.profile, args.program)
    profile = cat.load_profile(args.profile)
    figures = benchmarks_from(args)
    if figures:
        import attrs

        merged = {k: dict(v) for k, v in profile.benchmarks.items()}
        for bid, by_year in figures.items():
            merged.setdefault(bid, {}).update(by_year)
        profile = attrs.evolve(profile, benchmarks=merged)
    on = args.on or common.today()
    calendar = calendar_of(args)
    with using(calendar):
        return _check(args, cat, profile, on)


def _check(args: argparse.Namespace, cat: Any, profile: Any, on: dt.date) -> int:
    overrides = overrides_from(args)
    if args.format == "json":
        render.dump_json(views.check_answer(cat, profile, on, args.program, args.all, overrides))
        return 0
    con = render.console()
    if not overrides and not args.program and not args.all:
        from . import answer_view, today_view

        answer = cat.today(profile, on)
        if args.detail:
            today_view.today(answer, con, quotes=not args.brief)
        else:
            answer_view.today(answer, con)
        return 0
    results = views.check_results(cat, profile, on, args.program, args.all, overrides)
    if not results:
        region = cat.region_of(profile)
        con.print(t("check.nothing", region=region.name))
        return 0
    if not args.detail:
        from . import answer_view

        answer_view.results(results, con)
        return 0
    for r in results:
        render.result(r, con, quotes=not args.brief)
    if len(results) > 1:
        render.summary(results, con)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """The `srdi show` command: a program's criteria, groups, quotas and parameters with their origins."""
    cat = catalog_for_program(args.program)
    prog = cat.program(args.program)
    data = views.program_json(cat, prog)
    params = data["parameters"]
    if args.format == "json":
        render.dump_json(data)
        return 0
    from rich.text import Text

    con = render.console()
    # text, not markup: rich would take "[liaoning.little-giant-2022]" for a style and drop it
    con.print(Text.assemble((prog.title, "bold"), f"  [{prog.id}]  {prog.doc_number}"))
    if prog.extends:
        con.print(t("show.extends", id=prog.extends))
    if data["series"]:
        if data["follows"]:
            con.print(t("show.series_follows", series=data["series"], follows=data["follows"]))
        else:
            con.print(t("show.series_first", series=data["series"]))
    if data["in_force"]:
        f = data["in_force"]
        kind = t("show.in_force.standing") if f["applications"] == "none" else t("show.in_force.by_notice")
        if f["end"]:
            con.print(t("show.in_force", start=f["start"], end=f["end"], kind=kind, clause=f["clause"]))
        else:
            con.print(t("show.in_force.open", start=f["start"], kind=kind, clause=f["clause"]))
    if data["cadence"]:
        every = t(f"cadence.every.{data['cadence']['every']}")
        con.print(t("show.cadence", every=every, origin=data["cadence"]["origin"]))
    con.print(
        render.table(
            t("show.parameters"),
            [t("show.col.name"), t("show.col.value"), t("show.col.origin"), t("show.col.reason")],
            (
                [p["name"], json.dumps(p["value"], ensure_ascii=False, default=str), p["origin"], p["reason"] or ""]
                for p in params
            ),
        )
    )
    con.print(
        render.table(
            t("show.criteria"),
            ["ID", t("check.col.criterion"), t("show.col.type"), t("show.col.summary"), t("show.col.origin")],
            ([c["id"], c["label"], c["type"], c["summary"] or "", c["origin"]] for c in data["criteria"]),
        )
    )
    con.print(
        render.table(
            t("show.groups"),
            ["ID", t("show.col.name"), t("show.col.combination"), t("show.col.origin")],
            ([g["id"], g["label"], g["summary"], g["origin"]] for g in data["groups"]),
        )
    )
    if data["quotas"]:
        con.print(
            render.table(
                t("show.quotas"),
                [
                    "ID",
                    t("show.col.name"),
                    t("show.col.units"),
                    t("show.col.numbers"),
                    t("show.col.unused"),
                    t("show.col.overflow"),
                    t("show.col.origin"),
                ],
                (
                    [q["id"], q["label"], q["units"], q["numbers"], q["unused"] or "", q["overflow"] or "", q["origin"]]
                    for q in data["quotas"]
                ),
            )
        )
    if prog.dropped:
        con.print(
            render.table(
                t("show.dropped"),
                ["ID", t("show.col.reason"), t("show.col.origin")],
                ([d["id"], d["reason"] or "", d["origin"]] for d in data["dropped"]),
            )
        )
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    """The `srdi deadlines` command: a program's dates, a profile's titles over time, or both.

    A date that needs a working-day count in a year without a holiday arrangement is
    shown as not computable yet; every other date is still given.
    """
    if not args.program and not args.profile:
        raise SrdiError(t("deadlines.need_input"))
    if args.out:
        from .outputs import check_output

        check_output(args.out, [args.profile, *(getattr(args, "calendar", None) or [])])
    if args.profile:
        cat = catalog_for_profile(args.profile, [args.program] if args.program else None)
    else:
        cat = catalog_for_program(args.program)
    calendar = calendar_of(args)
    profile = cat.load_profile(args.profile) if args.profile else None
    items = views.deadline_items(cat, args.program, args.year, dict(args.anchor or []), profile, calendar)
    title = (
        cat.program(args.program).title if args.program else t("deadlines.profile_title", name=Path(args.profile).stem)
    )
    if args.format == "ics":
        text = views.deadlines_ics(items, title)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        for line in views.ics_notes(items):  # the events the calendar cannot hold yet are said, not dropped
            print(line, file=sys.stderr)
        return 0
    if args.format == "json":
        render.dump_json(views.deadlines_json(items))
        return 0
    con = render.console()
    con.print(
        render.table(
            t("deadlines.title", title=title),
            [t("deadlines.col.date"), t("deadlines.col.start"), t("deadlines.col.event"), t("deadlines.col.basis")],
            (
                [
                    # the hour a notice gives ("中午12：00前") and the note are part of the date a bureau reads
                    (f"{o.date.isoformat()} {o.time}" if o.time else o.date.isoformat())
                    if o.date
                    else (t("deadlines.not_computable") if o.awaits_calendar else "—"),
                    o.start.isoformat() if o.start else "",
                    t("text.with_note", text=o.title, note=o.note) if o.note else o.title,
                    f"{o.notice} {o.clause}",
                ]
                for o in items
            ),
        )
    )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """The `srdi schema` command: JSON Schema of a program's forms, one form, or the profile."""
    if args.profile_schema:
        render.dump_json(views.profile_schema_json(api.load()))
        return 0
    if args.form:
        render.dump_json(views.form_schema_json(api.load(), args.form))
        return 0
    if not args.program:
        raise SrdiError(t("cli.give_program_form_profile"))
    render.dump_json(views.program_schema_json(catalog_for_program(args.program), args.program))
    return 0


def _tranche(item: dict[str, Any]) -> str:
    """A tranche of a schedule, with its status where it is not simply payable (视情况拨付…)."""
    status = item.get("status", "payable")
    if status == "payable":
        return str(item["tranche"])
    return t("text.with_note", text=item["tranche"], note=t(f"fund.status.{status}"))


def cmd_fund(args: argparse.Namespace) -> int:
    """The `srdi fund` command: the fund rule, one enterprise's amounts, or a disbursement schedule."""
    cat = catalog_for_profile(args.profile, [args.program]) if args.profile else catalog_for_program(args.program)
    if args.enterprises is not None:
        if args.start_year is None:
            raise SrdiError(t("fund.need_start_year"))
        data: Any = views.fund_schedule_json(cat, args.program, args.enterprises, args.start_year)
        rows = data["schedule"]
        if args.format == "json":
            render.dump_json(data)
            return 0
        con = render.console()
        con.print(
            render.table(
                tn("fund.schedule_title", args.enterprises, program=args.program, n=args.enterprises),
                [t("fund.col.year"), t("fund.payments"), t("fund.col.per_enterprise"), t("fund.col.sum")],
                (
                    [
                        r["year"],
                        t("list.parts").join(map(_tranche, r["items"])),
                        _amount(r["per_enterprise"]),
                        _amount(r["total"]),
                    ]
                    for r in rows
                    if "year" in r
                ),
            )
        )
        from ..engine.conditions import OPS  # here: srdi --help imports this module, not the engine

        for r in rows:
            if "split" in r:
                con.print(
                    t(
                        "fund.split",
                        label=r["split"],
                        op=OPS.get(r["op"], r["op"]),
                        share=_amount(r["share"]),
                        of=_amount(r["of"]),
                        bound=_amount(r["bound"]),
                        clause=r["clause"],
                    )
                )
        return 0
    from ..funds import action_label

    profile = cat.load_profile(args.profile) if args.profile else None
    res = cat.fund(args.program, profile, args.on)
    if args.format == "json":
        render.dump_json(res.to_json())
        return 0
    con = render.console()
    verdict = Verdict(res.verdict) if res.verdict is not None else None
    if verdict is not None:
        head = t("fund.verdict", verdict=verdict.label)
        if res.on is not None:  # the day judged: without --on, the day the notice was issued (not today, as check)
            head += t("fund.judged_on" if args.on else "fund.judged_on_issue", on=res.on.isoformat())
        if verdict.value != "eligible":
            head += t("fund.see_check", note=res.notes[0], profile=args.profile, program=args.program)
        wrap.print_wrapped(con, head)
    con.print(
        render.table(
            t("fund.title", program=args.program, basis=t(f"fund.basis.{res.basis}")),
            [t(f"fund.col.{c}") for c in ("component", "amount", "computation", "applies", "clause")],
            (
                [
                    c.label,
                    _amount(c.amount),
                    c.explanation,
                    t(f"fund.applies.{c.applies}"),
                    c.clause,
                ]
                for c in res.components
            ),
        )
    )
    con.print(
        render.table(
            t("fund.payments"),
            [t(f"fund.col.{c}") for c in ("tranche", "amount", "offset", "status", "reason", "clause")],
            (
                [p.label, _amount(p.amount), p.offset_years, t(f"fund.status.{p.status}"), p.reason or "", p.clause]
                for p in res.payments
            ),
        )
    )
    if res.rules:
        con.print(
            render.table(
                t("fund.rules"),
                [t("fund.col.rule"), t("fund.col.action"), t("fund.col.rule_applies"), t("fund.col.clause")],
                ([r.label, action_label(r.action), t(f"fund.applies.{r.applies}"), r.clause] for r in res.rules),
            )
        )
    label = t("fund.total") if verdict is None or verdict.value == "eligible" else t("fund.total_not_payable")
    wrap.print_wrapped(
        con,
        t(
            "fund.totals",
            label=label,
            total=_amount(res.total),
            payable=_amount(res.payable),
            recovered=_amount(res.recovered),
        ),
    )
    for n in res.notes:
        wrap.print_wrapped(con, t("check.note", note=n), hang=2)
    return 0


def _amount(x: float | None) -> str:
    """An amount in 万元 as people read it: no trailing zeros, — when unknown."""
    return render.show(x)


def cmd_form_check(args: argparse.Namespace) -> int:
    """The `srdi form-check` command: validate a filled form against its schema and derived cells."""
    from ..forms import load_filled

    cat = api.load()
    form = cat.form(args.form)
    problems = views.form_check_problems(cat, args.form, load_filled(args.file), args.file)
    if args.format == "json":
        render.dump_json(views.form_check_json(args.form, problems))
    elif problems:
        for p in problems:
            print(f"srdi: {p}", file=sys.stderr)
    else:
        print(t("form.no_problems", file=args.file, title=form.title))
    return EXIT_BAD_INPUT if problems else 0


def register(sub: Any, add: Any) -> None:
    """Add the core commands to the ``srdi`` parser."""
    add("plugins", None, cmd_plugins, ["srdi plugins", "srdi plugins --format json"])
    p = add(
        "programs",
        None,
        cmd_programs,
        ["srdi programs --region liaoning --latest", "srdi programs --region 辽宁 --format json"],
    )
    p.add_argument("--region", help=t("opt.region"))
    p.add_argument("--latest", action="store_true", help=t("opt.latest"))
    p = add("show", None, cmd_show, ["srdi show liaoning.little-giant-2022"])
    p.add_argument("program", help=t("opt.show_program"))
    p = add(
        "check",
        None,
        cmd_check,
        [
            "srdi check plugins/liaoning/examples/little-giant-eligible.toml --on 2022-03-01",
            "srdi check plugins/liaoning/examples/little-giant-eligible.toml --on 2022-03-01 --detail",
            "srdi check plugins/liaoning/examples/little-giant-rd-short.toml --program liaoning.little-giant-2022 "
            "--on 2022-03-01 --set rd-ratio.value=1.5",
            "srdi check plugins/liaoning/examples/little-giant-eligible.toml --on 2022-03-01 --format json",
        ],
    )
    p.add_argument("profile", help=t("opt.profile_file"))
    p.add_argument("--program", action="append", help=t("opt.check_programs"))
    p.add_argument("--on", type=date_arg, help=t("opt.on"))
    p.add_argument("--all", action="store_true", help=t("opt.all"))
    p.add_argument("--set", action="append", type=assignment_arg, metavar="NAME=VALUE", help=t("opt.set"))
    p.add_argument("--overrides", help=t("opt.overrides"))
    p.add_argument("--detail", action="store_true", help=t("opt.detail"))
    p.add_argument("--brief", action="store_true", help=t("opt.brief"))
    benchmark_option(p)
    calendar_args(p)
    p = own_parser(
        sub,
        "deadlines",
        cmd_deadlines,
        [
            "srdi deadlines --program liaoning.little-giant-2022",
            "srdi deadlines --program liaoning.little-giant-2022 --format ics --out 申报日程.ics",
            "srdi deadlines --profile plugins/liaoning/examples/little-giant-eligible.toml",
        ],
    )
    p.add_argument("--program", help=t("opt.deadlines_program"))
    calendar_args(p)
    p.add_argument("--year", type=int, action="append", help=t("opt.year"))
    p.add_argument("--profile", help=t("opt.deadlines_profile"))
    p.add_argument(
        "--anchor",
        action="append",
        type=anchor_arg,
        metavar="EVENT=DATE",
        help=t("opt.anchor"),
    )
    p.add_argument("--format", choices=["table", "json", "ics"], default="table", help=t("opt.deadlines_format"))
    p.add_argument("--out", help=t("opt.out_file"))
    p = own_parser(
        sub,
        "schema",
        cmd_schema,
        ["srdi schema --program liaoning.little-giant-2022", "srdi schema --profile"],
    )
    p.add_argument("--program", help=t("opt.schema_program"))
    p.add_argument("--form", help=t("opt.form"))
    p.add_argument("--profile", dest="profile_schema", action="store_true", help=t("opt.profile_schema"))
    # a schema is JSON whatever is asked: --format json is accepted (scripts pass it to every command),
    # and any other value is refused by argparse's choices, as the other commands' --format is
    p.add_argument("--format", choices=["json"], default="json", help=t("opt.schema_format"))
    p = add(
        "fund",
        None,
        cmd_fund,
        [
            "srdi fund --program liaoning.key-little-giant-2024 "
            "--profile plugins/liaoning/examples/key-little-giant-2024.toml",
            "srdi fund --program liaoning.key-little-giant-2024 --enterprises 10 --start-year 2024",
        ],
    )
    p.add_argument("--program", required=True, help=t("opt.fund_program"))
    p.add_argument("--profile", help=t("opt.fund_profile"))
    p.add_argument("--on", type=date_arg, help=t("opt.fund_on"))
    p.add_argument("--enterprises", type=int, help=t("opt.enterprises"))
    p.add_argument("--start-year", type=int, help=t("opt.start_year"))
    p = add(
        "form-check",
        None,
        cmd_form_check,
        ["srdi form-check lngxgg-2022-9:annex-3 plugins/liaoning/examples/forms/annex-3.toml"],
    )
    p.add_argument("form", help=t("opt.form"))
    p.add_argument("file", help=t("opt.form_check_file"))
