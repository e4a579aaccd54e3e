"""JSON views of a catalog's answers: the shapes of ``--format json``, shared by the CLI and the web API.

Each function takes a catalog (and what the command or request asked) and returns
plain JSON data: dicts, lists, strings, numbers. The CLI prints it; the web API
sends it. Building both from here keeps their shapes identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .catalog import Catalog
from .deadlines import Occurrence, by_date
from .errors import ArgumentError, Problem, SrdiError, UnknownNameError, shown
from .i18n import t as message
from .i18n import tn
from .plugins import installed as installed_plugins
from .profile import Profile
from .programs import Program
from .regions import lineage
from .results import ProgramResult
from .workdays import WorkCalendar


def plugins_json(cat: Catalog) -> list[dict[str, Any]]:
    """Loaded plugins with their regions, hooks and program counts (``srdi plugins``)."""
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
                "status": "loaded",
            }
        )
    installed = {p.name: p for p in installed_plugins()}
    for name, why in sorted(cat.broken.items()):
        known = installed.get(name)
        rows.append(
            {
                "name": name,
                "version": known.version if known else None,
                "distribution": known.distribution if known else None,
                "regions": [],
                "hooks": [],
                "programs": 0,
                "status": "broken",
                "error": why,
            }
        )
    return rows


def in_force_json(cat: Catalog, p: Program) -> dict[str, Any] | None:
    """A program's in-force period (None for an application round)."""
    if p.in_force is None:
        return None
    from .inforce import in_force_period

    start, end = in_force_period(p, cat.replaced)
    return {
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "applications": p.in_force.applications,
        "clause": p.in_force_origin.clause if p.in_force_origin else None,
        "quote": p.in_force_origin.quote if p.in_force_origin else None,
    }


def _follows(cat: Catalog, p: Program) -> str | None:
    if p.series not in cat.series:
        return None
    return next((r.follows for r in cat.series[p.series].rounds if r.program.id == p.id), None)


def _no_plugin_serves(cat: Catalog, region: str) -> None:
    """Refuse a region no loaded plugin claims, saying where its enterprises' programs are."""
    target = cat.regions.resolve(region)
    if target.code in cat.claims:
        return
    above = next((cat.regions.by_code[c] for c in lineage(target.code)[1:] if c in cat.claims), None)
    have = message("list.sep").join(p.name for p in installed_plugins()) or message("list.none")
    where = (
        message("name.served_above", region=above.name, slug=above.slug)
        if above is not None
        else message("name.plugins_and_national", have=have)
    )
    named = (
        target.name
        if target.code in target.name
        else message("name.region_with_code", name=target.name, code=target.code)
    )
    raise UnknownNameError(message("name.no_plugin_serves", region=named, where=where))


def programs_json(cat: Catalog, region: str | None = None, latest: bool = False) -> list[dict[str, Any]]:
    """Programs of every or one region (``srdi programs``); ``latest``: only each series' latest round."""
    progs = cat.programs(region)
    if region and not progs:
        _no_plugin_serves(cat, region)
    if latest:
        from .series import successors

        superseded = set(successors(cat.series))
        progs = [p for p in progs if p.id not in superseded]
    return [
        {
            "id": p.id,
            "region": p.region,
            "notice": p.doc_number,
            "title": p.title,
            "kind": p.kind,
            "extends": p.extends,
            "series": p.series,
            "follows": _follows(cat, p),
            "in_force": in_force_json(cat, p),
            "issued_on": p.notice.spec.notice.issued_on.isoformat(),
            "origin": str(p.origin),
        }
        for p in progs
    ]


def program_json(cat: Catalog, prog: Program) -> dict[str, Any]:
    """A program's criteria, groups, quotas, benchmarks and parameters, each with its origin (``srdi show``)."""
    from .cli.program_view import criterion_summary, group_summary, quota_rows

    def label(key: Any) -> str:
        return cat.metrics.label(key) if isinstance(key, str) and cat.metrics.known(key) else str(key)

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
    return {
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
                "summary": criterion_summary(c, label) or None,
            }
            for c in prog.criteria.values()
            if c.derived_from is None
        ],
        "groups": [
            {
                "id": g.id,
                "label": g.label,
                "mode": g.mode,
                "n": g.n,
                "of": list(g.alternatives or g.of),
                "choice": g.choice,
                "origin": str(g.origin),
                "summary": group_summary(g),
            }
            for g in prog.groups.values()
            if g.derived_from is None
        ],
        "quotas": quota_rows(prog),
        "benchmarks": [
            {
                "id": b.id,
                "label": b.label,
                "unit": b.spec.unit,
                "values": [{"year": v.year, "value": v.value, "source": b.source_of(v)} for v in b.spec.values],
                "origin": f"{b.notice} {b.spec.clause}",
            }
            for b in (
                cat.benchmarks.by_id[str(c.args["benchmark"])]
                for c in prog.criteria.values()
                if c.type == "benchmark" and str(c.args.get("benchmark")) in cat.benchmarks
            )
        ],
        "dropped": [{"id": d.id, "reason": d.reason, "origin": str(d.origin)} for d in prog.dropped],
        "parameters": params,
        "series": prog.series,
        "follows": _follows(cat, prog),
        "in_force": in_force_json(cat, prog),
        "cadence": {
            "every": prog.cadence.every,
            "through": prog.cadence.through,
            "origin": str(prog.cadence_origin),
        }
        if prog.cadence is not None
        else None,
    }


def check_results(
    cat: Catalog,
    profile: Profile,
    on: dt.date,
    programs: Sequence[str] | None = None,
    include_closed: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> list[ProgramResult]:
    """The results ``srdi check`` reports: the named programs (with overrides), or every open one."""
    if overrides:
        if not programs:
            raise SrdiError(message("check.overrides_need_program"))
        return [cat.evaluate(profile, cat.program(pid).with_overrides(overrides), on) for pid in programs]
    return cat.check(profile, on, programs or None, include_closed=include_closed)


def check_answer(
    cat: Catalog,
    profile: Profile,
    on: dt.date,
    programs: Sequence[str] | None = None,
    include_closed: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> Any:
    """``srdi check --format json``: what the CLI prints and the API's ``POST /check`` returns.

    Without programs, overrides or ``include_closed`` it is the answer for the day
    (:meth:`Catalog.today`): the open rounds, the standing measures in force, and
    where each series stands.
    """
    if not overrides and not programs and not include_closed:
        return cat.today(profile, on).to_json()
    return check_json(check_results(cat, profile, on, programs, include_closed, overrides), programs)


def check_json(results: Sequence[ProgramResult], programs: Sequence[str] | None = None) -> Any:
    """``srdi check --format json``: one result when one program was named, else a list (empty when none)."""
    if programs and len(results) == 1:
        return results[0].to_json()
    return [r.to_json() for r in results]


def deadline_items(
    cat: Catalog,
    program: str | None,
    years: Iterable[int] | None = None,
    anchors: Mapping[str, dt.date] | None = None,
    profile: Profile | None = None,
    calendar: WorkCalendar | None = None,
) -> list[Occurrence]:
    """A program's dates, and when a profile's titles expire and are reviewed (``srdi deadlines``)."""
    items = cat.deadlines(program, years or None, dict(anchors or {}), calendar) if program else []
    if profile is not None:  # one list by date, as each part is
        items = sorted(items + cat.recognition_deadlines(profile), key=by_date)
    return items


def deadlines_json(items: Iterable[Occurrence]) -> list[dict[str, Any]]:
    """``srdi deadlines --format json``."""
    return [o.to_json() for o in items]


def deadlines_ics(items: Iterable[Occurrence], title: str) -> str:
    """``srdi deadlines --format ics``: an iCalendar file named ``title``."""
    from .ics import to_ics

    return to_ics(items, name=title)


def ics_notes(items: Iterable[Occurrence]) -> list[str]:
    """What a calendar of ``items`` leaves out, for a person: the events with no date yet, each with why."""
    from .ics import undated

    left = undated(items)
    if not left:
        return []
    named = message("list.sep").join(message("deadlines.ics_event", title=o.title, why=o.note or "—") for o in left)
    return [tn("deadlines.ics_left_out", len(left), n=len(left), events=named)]


#: Most enterprises a disbursement schedule is worked out for. One program funds a list of
#: firms, and the longest list there is (every national 专精特新"小巨人", about 15,000 firms)
#: is far below it; per-firm amounts times it stay exact in a float, where a 400-digit count
#: overflows and 10**20 gives a meaningless 3e22万元.
MAX_ENTERPRISES = 1_000_000


def fund_schedule_json(cat: Catalog, program: str, enterprises: int, start_year: int) -> dict[str, Any]:
    """``srdi fund --enterprises N --start-year Y --format json``: disbursement by year.

    Raises :class:`~srdi.errors.ArgumentError` (the API's 400, the CLI's exit 2) naming
    ``enterprises`` when the count is not between 1 and :data:`MAX_ENTERPRISES`.
    """
    check_enterprises(enterprises)
    rows = cat.fund_schedule(program, enterprises, start_year)
    return {"program": program, "unit": "万元", "enterprises": enterprises, "schedule": rows}


def check_enterprises(enterprises: int) -> None:
    """Refuse a count of funded enterprises no schedule can be for (see :data:`MAX_ENTERPRISES`)."""
    if isinstance(enterprises, bool) or not isinstance(enterprises, int) or not 1 <= enterprises <= MAX_ENTERPRISES:
        why = message("fund.enterprises_range", max=MAX_ENTERPRISES, got=shown(enterprises))
        raise ArgumentError(Problem(why, key="enterprises"))


def fund_json(cat: Catalog, program: str, profile: Profile | None = None, on: dt.date | None = None) -> dict[str, Any]:
    """``srdi fund --format json``: a program's money, for one enterprise or per enterprise."""
    return cat.fund(program, profile, on).to_json()


def program_schema_json(cat: Catalog, program: str) -> Any:
    """``srdi schema --program``: JSON Schema of the program's forms (one object, or a list of several)."""
    from .forms import json_schema

    forms = cat.forms(program)
    if not forms:
        raise UnknownNameError(message("name.no_form", name=repr(program)))
    schemas = [json_schema(f) for f in forms]
    return schemas[0] if len(schemas) == 1 else schemas


def form_schema_json(cat: Catalog, form: str) -> dict[str, Any]:
    """``srdi schema --form``: one form's JSON Schema."""
    from .forms import json_schema

    return json_schema(cat.form(form))


def profile_schema_json(cat: Catalog) -> dict[str, Any]:
    """``srdi schema --profile``: the profile vocabulary as JSON Schema."""
    from .schema import profile_schema

    return profile_schema(cat.vocabulary)


def form_check_problems(cat: Catalog, form: str, values: Mapping[str, Any], source: str | None) -> list[Problem]:
    """Every problem of a filled form (``srdi form-check``)."""
    from .forms import validate

    return validate(cat.form(form), values, cat, source=source)


def form_check_json(form: str, problems: Sequence[Problem]) -> dict[str, Any]:
    """``srdi form-check --format json``."""
    return {"form": form, "valid": not problems, "problems": [str(p) for p in problems]}
