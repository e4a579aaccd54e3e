"""A catalog: everything the loaded plugins contribute, merged, checked and ready to use.

Records from the ``srdi_register_*`` hooks are merged in plugin-name order and a name
claimed twice is an error naming both plugins. Notices are loaded and their
citations checked; programs are resolved (layers applied) and compiled on demand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import converter, problems_from
from .arguments import as_date, as_names, as_years
from .benchmarks import book_of
from .clashes import settle_names
from .deadlines import EventKind, Occurrence, application_windows, is_open, occurrences
from .engine.compiled import CompiledProgram, Run
from .engine.evaluation import BuildContext, ConditionType, Env
from .engine.facts import Facts
from .engine.metrics import Metric, MetricSet
from .engine.outcomes import CODE_TO_OUTCOME
from .engine.titles import Title, TitleBook
from .errors import (
    ArgumentError,
    NoticeError,
    Problem,
    ProfileError,
    SrdiError,
    UnknownNameError,
    suggest,
)
from .forms import FormCheck
from .funds import ComponentKind, FundResult, for_verdict
from .i18n import t as message
from .inforce import replacements
from .notices.model import FormSpec, LadderSpec, NoticeFile
from .plugin_data import Reader, check_fields, load_notices
from .plugins import BASELINE, NAMED, Loaded, PluginHost
from .profile import Profile, load_profile, profile_from_dict
from .profile.relations import registration_clash
from .programs import Criterion, Origin, Program, resolve_programs
from .regions import NATIONAL, Region, RegionTable, lineage
from .renewals import title_events, title_rules
from .results import ProgramResult
from .selection import SelectionRule
from .series import Series, build_series, carried_ladders
from .thresholds import threshold_problems
from .today import TodayAnswer, answer
from .vocabulary import FieldSpec, Vocabulary
from .workdays import WorkCalendar, using

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def _merge(host: PluginHost, hook: str) -> dict[str, Any]:
    """The records of a named register hook (:data:`~srdi.plugins.NAMED`) by name (a name's clashes are settled)."""
    name, _ = NAMED[hook]
    return {getattr(rec, name): rec for _, rec in host.results(hook)}


class Catalog:
    """The programs, vocabulary and rules of a set of loaded plugins."""

    def __init__(self, host: PluginHost, read_notice: Reader | None = None) -> None:
        """The catalog of ``host``'s plugins.

        ``read_notice`` reads each notice file (``srdi validate`` reads on past the
        problems it has reported already, to find those only a loaded file shows).
        """
        self.host = host
        host.settle()
        # checked first: a plugin whose fields or notices cannot be used is set aside before any of its records is
        check_fields(host)
        settle_names(host)  # a name or a region two plugins give: the one that owns it keeps it
        notices = load_notices(host, read_notice)
        self.broken = dict(host.broken)
        """Plugins set aside because their import, a hook or a notice failed (name → why); the others are loaded."""
        self.plugins = dict(host.loaded)
        self._compiled: dict[str, CompiledProgram] = {}

        # regions: the baseline names every province; a regional plugin claims its own
        self.regions = RegionTable([])
        claims: dict[str, Loaded] = {}
        for plugin, region in host.results("srdi_register_regions"):
            if plugin.name != BASELINE and region.claim:
                claims[region.code] = plugin  # one plugin a region: clashes are settled (srdi.clashes)
            if region.claim or region.code not in self.regions.by_code:
                self.regions.add(region)
        self.claims = {code: p.name for code, p in claims.items()}

        fields: list[FieldSpec] = []
        for plugin, f in host.results("srdi_register_fields"):
            fields.append(f if plugin.name == BASELINE else _with_origin(f, plugin.label))
        self.vocabulary = Vocabulary(fields)
        self.metrics = MetricSet(self.vocabulary, list(_merge(host, "srdi_register_metrics").values()))
        self.condition_types: dict[str, ConditionType] = _merge(host, "srdi_register_condition_types")
        self.event_kinds: dict[str, EventKind] = _merge(host, "srdi_register_event_kinds")
        self.fund_components: dict[str, ComponentKind] = _merge(host, "srdi_register_fund_components")
        self.form_checks: dict[str, FormCheck] = _merge(host, "srdi_register_form_checks")
        self.selection_rules: dict[str, SelectionRule] = _merge(host, "srdi_register_selection_rules")

        self.notices = notices  # one plugin a notice id and a program id: clashes are settled (srdi.clashes)
        self.benchmarks = book_of(notices)
        self.programs_by_id: dict[str, Program] = resolve_programs(notices, self.benchmarks)
        self.titles = TitleBook(self._titles())
        self.ladders: list[tuple[LadderSpec, NoticeFile]] = [(ld, nf) for nf in notices for ld in nf.spec.ladders]
        # time: programs replaced by later notices, series of rounds (ladders carry over to later rounds)
        self.replaced: dict[str, dt.date] = replacements(self.programs_by_id.values())
        self.series: dict[str, Series] = build_series(notices, self.programs_by_id, self.event_kinds, self.replaced)
        self.ladders += carried_ladders(self.ladders, self.series)
        self._title_rules = title_rules(notices)

    # ------------------------------------------------------------------ lookup
    def _titles(self) -> list[Title]:
        out = []
        for nf in self.notices:
            for t in nf.spec.titles:
                out.append(
                    Title(
                        t.id,
                        t.label,
                        t.validity_years,
                        t.expiry,
                        None,
                        t.clause,
                        t.quote,
                        nf.label,
                        counts_as=t.counts_as,
                    )
                )
        for prog in self.programs_by_id.values():
            g, origin = prog.grants, prog.grants_origin
            # an extension inherits its base's grant: the title is registered once, by its grantor
            if g is not None and origin is not None and origin.notice_id == prog.notice.spec.notice.id:
                out.append(
                    Title(
                        g.title,
                        g.label or prog.title,
                        g.validity_years,
                        g.expiry,
                        prog.id,
                        g.clause,
                        g.quote,
                        prog.doc_number,
                        g.reapply,
                        g.counts_as,
                    )
                )
        return out

    def program(self, pid: str | Program) -> Program:
        """A program by id (raises with suggestions when unknown)."""
        if isinstance(pid, Program):
            return pid
        try:
            return self.programs_by_id[pid]
        except KeyError:
            raise UnknownNameError(
                message("name.unknown_program", name=repr(pid), hint=suggest(pid, self.programs_by_id))
            ) from None

    def programs(self, region: str | None = None, abstract: bool = False) -> list[Program]:
        """Programs, all or those of one region (by code, slug or name), sorted by region then id.

        Abstract programs (bases other programs extend, never offered themselves) are left
        out unless ``abstract`` is true.
        """
        progs = [p for p in self.programs_by_id.values() if abstract or not p.abstract]
        if region is not None:
            code = self.regions.resolve(region).code
            progs = [p for p in progs if p.region == code]
        return sorted(progs, key=lambda p: (p.region != NATIONAL, p.region, p.id))

    def programs_for_region(self, code: str) -> list[Program]:
        """Programs open to an enterprise registered in ``code``: its own region's and every region above."""
        chain = set(lineage(code))
        return [p for p in self.programs() if p.region in chain]

    def region_of(self, profile: Profile) -> Region:
        """Where a profile's enterprise is registered (from region_code or the credit code)."""
        code = profile.region_code
        if not code:
            raise UnknownNameError(message("name.no_route"))
        return self.regions.resolve(code)

    def adjustments(self, program: Program) -> dict[str, Any]:
        """The parameters ``program`` carries with other values than this catalog's program of that id.

        A what-if run's overrides (``--set``), by name, with the values used; empty for
        a program as loaded. Outputs screened under them say so (see :meth:`Program.changed_from`).
        """
        base = self.programs_by_id.get(program.id)
        return program.changed_from(base) if base is not None and base is not program else {}

    def compiled(self, program: str | Program) -> CompiledProgram:
        """A program compiled for evaluation (cached for unmodified programs).

        A program that differs from the catalog's of its id (parameters overridden, or
        criteria changed by a caller) is compiled for itself, never served another's plan.
        """
        prog = self.program(program)
        base = self.programs_by_id.get(prog.id)
        if prog is not base and (prog.overridden or prog != base):
            changed = set(prog.overridden) - set(base.overridden if base is not None else ())
            _refuse_impossible(prog, self.metrics, changed)
            return CompiledProgram(prog, self.condition_types, self.metrics, self.titles)
        if prog.id not in self._compiled:
            _refuse_impossible(prog, self.metrics, ())
            self._compiled[prog.id] = CompiledProgram(prog, self.condition_types, self.metrics, self.titles)
        return self._compiled[prog.id]

    def check_all(self) -> list[Problem]:
        """Compile every program and date every timeline; return every problem found."""
        problems: list[Problem] = []
        for prog in self.programs():
            try:
                self.compiled(prog)
            except SrdiError as exc:
                problems.extend(exc.problems)
        return problems

    # ------------------------------------------------------------------ profiles and evaluation
    def load_profile(self, path: str | Path) -> Profile:
        """Read a profile file with this catalog's vocabulary and titles."""
        return load_profile(path, self.vocabulary, self.titles)

    def load_profile_data(self, data: Mapping[str, Any], source: str | None = None) -> Profile:
        """Build a profile from already-parsed TOML/JSON data (e.g. a request body)."""
        return profile_from_dict(data, self.vocabulary, source, self.titles)

    def frame(self, profiles: Iterable[Profile]) -> pd.DataFrame:
        """Profiles as a frame, one row each."""
        from .profile.model import rows_frame

        return rows_frame([p.to_row(self.vocabulary) for p in profiles])

    def run(self, program: str | Program, frame: pd.DataFrame, on: dt.date) -> Run:
        """Evaluate a program over a frame of enterprises (the batch path)."""
        return self.compiled(program).run(frame, as_date(on))

    def evaluate(
        self, profile: Profile, program: str | Program, on: dt.date, row: Mapping[str, Any] | None = None
    ) -> ProgramResult:
        """One program's explained verdict for one enterprise on ``on`` (a date or ISO text).

        ``row`` is the profile's flat form (:meth:`Profile.to_row`), when the caller has it.
        """
        on = as_date(on)
        row = row if row is not None else profile.to_row(self.vocabulary)
        clash = registration_clash(row, self.vocabulary, on)
        if clash is not None:
            raise ProfileError(Problem(clash.message, file=profile.source, key=clash.key))
        prog = self.program(program)
        result = self.compiled(prog).check_one(row, on)
        if prog.kind == "funding" and prog.fund is not None:
            note = message("check.fund_rule", program=prog.id, on=on.isoformat())
            return _evolve(result, notes=(*result.notes, note))
        return result

    def check(
        self, profile: Profile, on: dt.date, programs: Iterable[str] | None = None, include_closed: bool = False
    ) -> list[ProgramResult]:
        """Evaluate a profile against several programs.

        By default: every program of the profile's region (and the regions above it)
        that accepts applications on ``on`` (standing measures are in force, not open:
        :meth:`today` lists them). Programs in a ladder ("apply at the highest tier
        that fits") are marked with the tier to apply for. ``on`` is a date or ISO text.
        """
        on = as_date(on)
        if programs is not None:
            programs = as_names(programs, "programs")
            chosen = [self.program(p) for p in programs]
        else:
            region = self.region_of(profile)
            chosen = [p for p in self.programs_for_region(region.code) if include_closed or self.is_open(p, on)]
        row = profile.to_row(self.vocabulary)
        results = [self.evaluate(profile, p, on, row) for p in chosen]
        return self._apply_ladders(results)

    def _apply_ladders(self, results: list[ProgramResult]) -> list[ProgramResult]:
        by_id = {r.program: r for r in results}
        for ladder, nf in self.ladders:
            present = [p for p in ladder.programs if p in by_id]
            if not present:
                continue
            eligible = [p for p in present if by_id[p].verdict.value == "eligible"]
            best = eligible[-1] if eligible else None
            for p in present:
                r = by_id[p]
                if best is None:
                    continue
                if p == best:
                    note = message("tier.best", notice=nf.label, clause=ladder.clause, quote=ladder.quote)
                    by_id[p] = _evolve(r, recommended=True, notes=(*r.notes, note))
                else:
                    higher = ladder.programs.index(p) > ladder.programs.index(best)
                    if higher:
                        note = message("tier.lower", program=best, notice=nf.label, clause=ladder.clause)
                    else:
                        note = message(
                            "tier.higher", program=best, notice=nf.label, clause=ladder.clause, quote=ladder.quote
                        )
                    by_id[p] = _evolve(r, recommended=False, notes=(*r.notes, note))
        return [by_id[r.program] for r in results]

    # ------------------------------------------------------------------ time
    def deadlines(
        self,
        program: str | Program,
        years: Iterable[int] | None = None,
        anchors: Mapping[str, dt.date] | None = None,
        calendar: WorkCalendar | None = None,
    ) -> list[Occurrence]:
        """Events of a program's timeline; ``anchors`` dates the days the notice names but does not print.

        ``years`` (1–9999, each counted once) picks the years of the events that recur every year.

        Working days are counted on ``calendar`` (default: srdi's, with ``SRDI_CALENDAR``);
        a date it cannot count yet is undated with ``awaits_calendar`` set.
        """
        prog = self.program(program)
        chosen = as_years(years) if years is not None else None
        with using(calendar):
            return occurrences(prog, self.event_kinds, chosen, anchors, self.replaced)

    def windows(self, program: str | Program, years: Iterable[int]) -> list[tuple[dt.date, dt.date]]:
        """Application windows of a program (none for a standing measure)."""
        return application_windows(self.program(program), self.event_kinds, years, self.replaced)

    def is_open(self, program: str | Program, on: dt.date) -> bool:
        """Whether a program accepts applications on ``on`` (a standing measure is in force, never open)."""
        return is_open(self.program(program), self.event_kinds, as_date(on), self.replaced)

    def recognition_deadlines(self, profile: Profile) -> list[Occurrence]:
        """When the titles a profile holds expire, are reviewed (复核, 复评) and can be applied for again."""
        return title_events(profile, self.titles, self._title_rules)

    def today(self, profile: Profile, on: dt.date, calendar: WorkCalendar | None = None) -> TodayAnswer:
        """What is open, in force, and where each series stands for ``profile`` on ``on`` (see :mod:`srdi.today`)."""
        with using(calendar):
            return answer(self, profile, on)

    # ------------------------------------------------------------------ forms
    def forms(self, program: str | Program | None = None) -> list[FormSpec]:
        """Forms of one program, or of every notice."""
        if program is not None:
            return list(self.program(program).forms)
        return [f for nf in self.notices for f in nf.spec.forms]

    def form(self, form_id: str) -> FormSpec:
        """A form by id (``notice-id:form-id`` or a unique form id)."""
        found = []
        for nf in self.notices:
            for f in nf.spec.forms:
                if form_id in (f.id, f"{nf.spec.notice.id}:{f.id}"):
                    found.append(f)
        if len(found) == 1:
            return found[0]
        names = [f"{nf.spec.notice.id}:{f.id}" for nf in self.notices for f in nf.spec.forms]
        if not found:
            raise UnknownNameError(message("name.unknown_form", name=repr(form_id), hint=suggest(form_id, names)))
        choices = message("list.sep").join(n for n in names if n.endswith(":" + form_id))
        raise UnknownNameError(message("name.ambiguous_form", name=repr(form_id), names=choices))

    # ------------------------------------------------------------------ funds
    def conditions(
        self, program: Program, conds: Iterable[Mapping[str, Any]], frame: pd.DataFrame, on: dt.date, where: str
    ) -> list[np.ndarray]:
        """Evaluate ad-hoc criteria (``{type = …, …}``) written in a fund rule, a quota or a priority, over a frame."""
        from .engine.columns import Columns

        year = program.year_for(on)
        cols = Columns(frame, self.metrics, year)
        env = Env(on, year, self.titles)
        return [ctype.build(args, ctx)(cols, env).outcome for ctype, args, ctx in self._ad_hoc(program, conds, where)]

    def conditions_one(
        self, program: Program, conds: Iterable[Mapping[str, Any]], row: Mapping[str, Any], on: dt.date, where: str
    ) -> list[int]:
        """:meth:`conditions` for one enterprise, from its row (:meth:`Profile.to_row`), as :meth:`check` tests one."""
        year = program.year_for(on)
        facts = Facts(row, self.metrics, year)
        env = Env(on, year, self.titles)
        return [ctype.one(args, ctx)(facts, env)[0] for ctype, args, ctx in self._ad_hoc(program, conds, where)]

    def _ad_hoc(
        self, program: Program, conds: Iterable[Mapping[str, Any]], where: str
    ) -> Iterator[tuple[ConditionType, Any, BuildContext]]:
        """Each ad-hoc criterion's condition type, structured arguments and build context; unknown ones refused."""
        origin = program.fund_origin or program.origin
        for i, c in enumerate(conds):
            c = dict(c)
            ctype_name = c.pop("type", None)
            label = c.pop("label", f"{where}[{i}]")
            ctype = self.condition_types.get(ctype_name or "")
            if ctype is None:
                why = message("notice.unknown_condition_type", type=repr(ctype_name), hint="")
                raise NoticeError(Problem(why, file=program.notice.path, key=f"{where}[{i}]"))
            try:
                args: Any = converter.structure(c, ctype.args)
            except Exception as exc:
                raise NoticeError(problems_from(exc, program.notice.path, f"{where}[{i}]")) from None
            crit = Criterion(f"{where}[{i}]", label, str(ctype_name), c, origin, benchmarks=self.benchmarks)
            yield ctype, args, BuildContext(self.metrics, self.titles, crit)

    def fund(self, program: str | Program, profile: Profile | None = None, on: dt.date | None = None) -> FundResult:
        """A program's money: per enterprise, or for the enterprise of ``profile`` as it stands with its verdict.

        Nothing is payable to an enterprise the program does not find eligible on ``on``
        (:func:`srdi.funds.for_verdict`). ``on`` defaults to the day the notice was issued:
        a fund rule is read with the figures of the round it belongs to. The computation
        is :mod:`srdi.funding`'s.
        """
        from . import funding

        prog = self.program(program)
        if prog.fund is None:
            raise UnknownNameError(message("name.no_fund_rule", name=repr(prog.id)))
        day = as_date(on) if on is not None else prog.notice.spec.notice.issued_on
        res = funding.compute(self, prog, profile, day)
        if profile is None:
            return res
        return for_verdict(attrs.evolve(res, on=day), self.evaluate(profile, prog, day).verdict.value)

    def fund_schedule(self, program: str | Program, enterprises: int, start_year: int) -> list[dict[str, Any]]:
        """Disbursement by year for ``enterprises`` supported enterprises starting in ``start_year``."""
        from . import funding

        prog = self.program(program)
        res = self.fund(prog)
        issued = prog.notice.spec.notice.issued_on.year
        last = start_year + max((p.offset_years for p in res.payments), default=0)
        if start_year < issued or last > dt.MAXYEAR:
            why = message("fund.start_year", year=start_year, issued=issued, notice=prog.doc_number)
            raise ArgumentError(Problem(why, key="start_year"))
        return funding.schedule(res, enterprises, start_year)


def _refuse_impossible(prog: Program, metrics: MetricSet, overrides: Iterable[str]) -> None:
    """Raise when a threshold of ``prog`` is not finite or cannot be met (see :mod:`srdi.thresholds`)."""
    problems = threshold_problems(prog, metrics, tuple(overrides))
    if problems:
        raise NoticeError(problems)


def _with_origin(f: FieldSpec, origin: str) -> FieldSpec:
    return attrs.evolve(f, origin=origin)


def _evolve(r: ProgramResult, **kw: Any) -> ProgramResult:
    return attrs.evolve(r, **kw)


__all__ = ["CODE_TO_OUTCOME", "Catalog", "Metric", "Origin"]
