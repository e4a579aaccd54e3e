"""Selection within quotas: rank the eligible candidates, then keep as many as the quotas allow.

Ranking is the program's selection rule (``[programs.selection]``; by default the
built-in ``priority`` rule). Quotas come from the notice data (``[[programs.quotas]]``)
and are enforced in rank order: a candidate is selected when every quota that
applies to it still has room, and otherwise cut by the first full one. Each row of
the result says where the candidate ranked, whether it was selected, and — when it
was left out — which quota cut it at which rank, or why it was not a candidate.

Quota scopes: ``program`` (or ``national``) counts everyone together; ``province``
and ``city`` count per province or city of registration; ``per = { <region> = n }``
sets a limit per listed region (a code, slug or name the catalog knows), counting a
candidate under the most specific listed region it is registered in, with ``max``
then the overall limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define, frozen

from .._convert import converter
from ..engine.columns import Columns
from ..engine.conditions import BuildContext, Env, Evaluated
from ..engine.outcomes import CODE_TO_VERDICT, MET, UNKNOWN
from ..errors import NoticeError, Problem, SrdiError, UnknownNameError, suggest
from ..i18n import t as message
from ..i18n import tn
from ..notices.model import QuotaSpec
from ..programs import Program
from ..quotas import Plan, allocate, proportional
from ..regions import NATIONAL, lineage
from ..selection import SelectionContext, SelectionRule
from .read import Table
from .screen import COLUMNS as SCREEN_COLUMNS
from .screen import VERDICT_LABELS, VERDICT_NAMES, Screening, adjustment_note, screen

if TYPE_CHECKING:
    from ..catalog import Catalog

#: Output columns of a selection and their Chinese headers (the first seven and the last two as a screening's).
COLUMNS: dict[str, str] = {
    **{k: SCREEN_COLUMNS[k] for k in ("row", "name", "credit_code", "title", "program", "verdict", "verdict_label")},
    "rank": "排序",
    "selected": "是否入选",
    "cut_by": "限额",
    "cut_by_label": "限额名称",
    "reason": "说明",
    "basis": "排序依据",
    **{k: SCREEN_COLUMNS[k] for k in ("error", "warning")},
}


@frozen
class QuotaUse:
    """How full one quota unit ended up: its number, how many went on, what it gave or took in redistribution."""

    quota: str
    label: str
    group: str
    limit: int | None
    used: int
    clause: str
    minimum: int | None = None
    received: int = 0
    released: int = 0
    basis: str | None = None
    name: str = ""


@define
class Selection:
    """Per input row: rank among the eligible, selected or not, and why."""

    frame: pd.DataFrame
    usage: list[QuotaUse]
    rule: str
    notes: list[str]
    screening: Screening


def _rule(catalog: Catalog, program: Program) -> SelectionRule:
    name = program.selection.rule if program.selection else "priority"
    rule = catalog.selection_rules.get(name)
    if rule is None:
        raise NoticeError(
            Problem(
                message("select.unknown_rule", name=repr(name), hint=suggest(name, catalog.selection_rules)),
                file=program.notice.path,
                key=f"programs[{program.id}].selection.rule",
            )
        )
    return rule


def rank(
    catalog: Catalog, program: Program, frame: pd.DataFrame, on: dt.date
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(order, tied-with-previous, basis) of the candidates in ``frame``: positions best first."""
    year = program.year_for(on)
    cols = Columns(frame, catalog.metrics, year)

    def conditions(items: Sequence[Mapping[str, Any]], where: str) -> list[np.ndarray]:
        return catalog.conditions(program, items, frame, on, where)

    def evaluate(criterion: str) -> Evaluated:
        crit = program.criteria[criterion]
        ctype = catalog.condition_types[crit.type]
        args: Any = converter.structure(crit.args, ctype.args)
        evaluator = ctype.build(args, BuildContext(catalog.metrics, catalog.titles, crit))
        return evaluator(cols, Env(on, year, catalog.titles))

    ctx = SelectionContext(program, program.selection, on, year, conditions, evaluate)
    rule = _rule(catalog, program)
    score = np.asarray(rule.score(cols, ctx), dtype=np.float64)
    keys = score.reshape(1, -1) if score.ndim == 1 else score
    n = cols.n
    # np.lexsort sorts by the last key first, ascending: negate for "higher first", input order breaks ties
    order = np.lexsort([np.arange(n)] + [-k for k in keys[::-1]]) if n else np.arange(0)
    ranked = keys[:, order]
    tied = np.zeros(n, dtype=bool)
    if n > 1:
        tied[1:] = (ranked[:, 1:] == ranked[:, :-1]).all(axis=0)
    basis = [rule.explain(cols, ctx, int(i)) if rule.explain else "" for i in order]
    return order, tied, basis


def _blank_indicators(catalog: Catalog, program: Program, frame: pd.DataFrame, on: dt.date) -> list[str]:
    """The labels of the figures ``program`` ranks by that no candidate gives (their order then says nothing)."""
    spec = program.selection
    if spec is None or len(frame) < 2:
        return []
    year = program.year_for(on)
    cols = Columns(frame, catalog.metrics, year)
    out = []
    for ind in spec.indicators:
        if ind.metric is None:
            continue  # a points table's total: its items say what is missing
        at = year + ind.year_offset if catalog.metrics.yearly(ind.metric) else None
        if np.isnan(np.asarray(cols.metric(ind.metric, at), dtype=np.float64)).all():
            out.append(ind.label)
    return out


def _per_codes(catalog: Catalog, program: Program, quota: QuotaSpec) -> dict[str, str]:
    """``per`` keys resolved to region codes (code → the key as written)."""
    out: dict[str, str] = {}
    problems = []
    for key in quota.per or {}:
        try:
            out[catalog.regions.resolve(key).code] = key
        except UnknownNameError as exc:
            problems.append(
                Problem(exc.problems[0].message, file=program.notice.path, key=f"quotas[{quota.id}].per.{key}")
            )
    if problems:
        raise NoticeError(problems)
    return out


def _separate_codes(catalog: Catalog, program: Program) -> set[str]:
    """Regions the program's province quotas count as units of their own (计划单列市, 兵团)."""
    units = program.quota_units
    if units is None:
        return set()
    out = set()
    problems = []
    for key in units.separate:
        try:
            out.add(catalog.regions.resolve(key).code)
        except UnknownNameError as exc:
            problems.append(Problem(exc.problems[0].message, file=program.notice.path, key="quota_units.separate"))
    if problems:
        raise NoticeError(problems)
    return out


class _Units:
    """The unit each row counts under for one quota, and the units' display names."""

    def __init__(self, catalog: Catalog, program: Program, quota: QuotaSpec, frame: pd.DataFrame, on: dt.date):
        self.catalog = catalog
        self.quota = quota
        self.per = _per_codes(catalog, program, quota) if quota.per else {}
        self.separate = _separate_codes(catalog, program)
        cols = Columns(frame, catalog.metrics, program.year_for(on))
        self.labels: dict[str, str] = {}
        if quota.by is not None:
            catalog.metrics.check(quota.by)
            spec = catalog.vocabulary.get(quota.by)
            self.labels = {c.value: c.label for c in spec.choices} if spec is not None else {}
            self.unknown_what = message("select.unknown_fact", label=catalog.metrics.label(quota.by))
            self.values = [None if pd.isna(v) else str(v) for v in cols.metric(quota.by, None)]
        else:
            self.unknown_what = message("select.unknown_region")
            regions = catalog.metrics.compute(cols, "region_code", None)
            self.values = [v if isinstance(v, str) else None for v in regions]
        #: The unit rows count under when the value the quota counts by is not known.
        self.unknown = message("select.unknown_unit", what=self.unknown_what)

    def of(self, i: int) -> str | None:
        """The unit row ``i`` counts under (None: the quota does not cover it)."""
        value = self.values[i]
        q = self.quota
        if q.by is not None:
            return self.unknown if value is None else value
        if q.per:
            if value is None:
                return self.unknown
            return next((code for code in lineage(value) if code in self.per), None)
        if q.scope in ("program", "national", NATIONAL):
            return NATIONAL
        if value is None:
            return self.unknown
        if q.scope == "province":
            own = next((code for code in lineage(value) if code in self.separate), None)
            return own or value[:2] + "0000"
        if q.scope == "city":
            return value[:4] + "00"
        return value  # scope = "district": the code of registration itself

    def name(self, unit: str) -> str:
        """How a unit is named in reasons and notes."""
        if self.quota.by is not None:
            return self.labels.get(unit, unit)
        if unit == self.unknown or not unit.isdigit():
            return unit
        return self.catalog.regions.resolve(unit).name  # an unlisted city is named by its province and code

    def resolve(self, key: str) -> str:
        """A unit written by a user (region code, slug or name; or the fact's value or label)."""
        if self.quota.by is not None:
            by_label = {label: value for value, label in self.labels.items()}
            return by_label.get(key, key)
        return self.catalog.regions.resolve(key).code


def _destination(quota: QuotaSpec) -> Callable[[str], str] | None:
    if quota.unused is None:
        return None
    if quota.unused.to == "parent" and quota.by is None:
        return lambda unit: lineage(unit)[1] if unit != NATIONAL and unit.isdigit() else POOL
    return lambda unit: POOL


#: The destination of places redistributed across the whole quota ("全省调剂").
POOL = "（统筹）"


def select(
    catalog: Catalog,
    table: Table | pd.DataFrame,
    program: str | Program,
    on: dt.date,
    screening: Screening | None = None,
    allocations: Mapping[str, Mapping[str, int]] | None = None,
) -> Selection:
    """Rank the eligible rows of ``table`` for ``program`` and apply its quotas.

    ``allocations`` gives the per-unit numbers a notice allocates without printing
    them (``allocation = "supplied"``: each unit's limit; ``"supplied_min"``: each
    unit's floor): ``{quota id: {unit: n}}``, units written as region codes, slugs or
    names (or the values of the quota's ``by`` fact).
    """
    prog = catalog.program(program)
    if screening is None:
        screening = screen(catalog, table, [prog], on, gaps=False)
    table = screening.table
    pc = screening.programs[prog.id]
    verdict = pc.verdict
    n = len(table)
    cand = np.flatnonzero(verdict == MET)
    frame = table.frame.iloc[cand].reset_index(drop=True)
    order, tied, basis = rank(catalog, prog, frame, on)
    allocations = dict(allocations or {})
    unknown_quotas = sorted(set(allocations) - {q.id for q in prog.quotas})
    if unknown_quotas:
        raise UnknownNameError(
            message(
                "select.unknown_quota",
                quota=repr(unknown_quotas[0]),
                program=prog.id,
                hint=suggest(unknown_quotas[0], [q.id for q in prog.quotas]),
            )
        )

    for q in prog.quotas:
        if q.id in allocations and q.allocation not in ("supplied", "supplied_min"):
            # a number the notice prints is not the user's to change: taken silently, it would be ignored
            raise SrdiError(message("select.quota_fixed", quota=q.id, label=q.label, cites=_cites(prog, q)))

    quotas = list(prog.quotas)
    notes: list[str] = []
    plans: list[Plan] = []
    units: list[_Units] = []
    bases: list[dict[str, str]] = []
    for j, q in enumerate(quotas):
        cites = _cites(prog, q)
        all_units = _Units(catalog, prog, q, table.frame, on)
        unit_of_row = [all_units.of(int(i)) for i in range(n)]
        applies = np.ones(len(cand), dtype=bool)
        # a quota that only sets floors is met by candidates it surely covers; one that caps counts the others too
        floors_only = q.max is None and not q.per and q.allocation in ("stated", "supplied_min")
        for codes in catalog.conditions(prog, q.where, frame, on, f"quotas[{j}].where"):
            # a condition that cannot be decided is read the stricter way: against a cap, not toward a floor
            applies &= (codes == MET) if floors_only else (codes == MET) | (codes == UNKNOWN)
        limits: dict[str, int | None] = {}
        floors: dict[str, int] = {}
        given: dict[str, int] = {}  # the numbers the user supplied (allocation = "supplied" or "supplied_min")
        default = q.max
        total = None
        basis_of: dict[str, str] = {}
        if q.per:
            limits = {code: q.per[key] for code, key in all_units.per.items()}
            default, total = None, q.max
        elif q.allocation in ("supplied", "supplied_min"):
            default, total = None, q.max
            given = _supplied(all_units, q, allocations.get(q.id, {}))
            if q.allocation == "supplied":
                limits.update(given)
            else:
                floors.update(given)
            basis_of.update({unit: message("select.supplied") for unit in given})
            if not given and q.allocation == "supplied":
                notes.append(message("select.limits_unstated", label=q.label, total=_n(q.max), quota=q.id, cites=cites))
            elif not given:
                notes.append(message("select.floors_unstated", label=q.label, quota=q.id, cites=cites))
        elif q.allocation == "proportional":
            assert q.max is not None
            default, total = 0, q.max
            if q.count == "eligible":
                counted = [unit_of_row[int(i)] for i in cand]
            else:
                counted = unit_of_row
            counts: dict[str, int] = {}
            for one in counted:
                if one is not None and one != all_units.unknown:
                    counts[one] = counts.get(one, 0) + 1
            whole = sum(counts.values())
            for unit, (places, share) in proportional(q.max, counts, q.rounding).items():
                limits[unit] = places
                basis_of[unit] = f"{q.max}×{counts[unit]}/{whole}={share:.2f}→{places}"
            who = message("select.counted_eligible") if q.count == "eligible" else message("select.counted_all")
            split = message("select.sep").join(f"{all_units.name(u)} {basis_of[u]}" for u in sorted(limits))
            notes.append(message("select.proportional", label=q.label, total=q.max, who=who, cites=cites, split=split))
        if given:
            covered = {unit_of_row[int(i)] for k, i in enumerate(cand) if applies[k]}
            open_units = sorted(u for u in covered if u is not None and u not in given and u != all_units.unknown)
            if open_units:
                names = message("list.sep").join(all_units.name(u) for u in open_units)
                said = {"label": q.label, "units": names, "quota": q.id, "unit": open_units[0], "cites": cites}
                notes.append(
                    message("select.limits_not_given", **said)
                    if q.allocation == "supplied"
                    else message("select.floors_not_given", **said)
                )
        if q.by is not None and q.allocation in ("proportional", "supplied"):
            limits[all_units.unknown] = 0
        if q.exact and default is None and not limits:
            default = q.max
        plan = Plan(
            q.id,
            applies,
            [unit_of_row[int(i)] for i in cand],
            limits,
            default,
            total,
            q.min,
            _destination(q),
            floors,
        )
        plans.append(plan)
        units.append(all_units)
        bases.append(basis_of)

    allocation = allocate([int(p) for p in order], plans)
    rank_of = {int(pos): r for r, pos in enumerate(order, start=1)}
    rank_col = np.full(n, None, dtype=object)
    selected = np.zeros(n, dtype=bool)
    cut_by = np.full(n, None, dtype=object)
    cut_by_label = np.full(n, None, dtype=object)
    reason = np.full(n, None, dtype=object)
    basis_col = np.full(n, None, dtype=object)
    for r, pos in enumerate(order, start=1):
        i = int(cand[pos])
        rank_col[i] = r
        basis_col[i] = basis[r - 1] or None
    for pos, (how, quota, where) in allocation.selected.items():
        i = int(cand[pos])
        r = rank_of[pos]
        selected[i] = True
        if how == "rank" or quota is None or where is None:
            reason[i] = message("select.reason.ranked", rank=r)
        elif how == "minimum":
            q = quotas[quota]
            reason[i] = message(
                "select.reason.floor",
                rank=r,
                unit=units[quota].name(where),
                n=plans[quota].floor(where),
                cites=_cites(prog, q),
            )
        else:
            j = quota
            q = quotas[j]
            own = plans[j].unit[pos]
            full = message("select.unit_full", unit=units[j].name(own)) if own is not None else ""
            dest = message("select.pool") if where == POOL else message("select.pool_in", unit=units[j].name(where))
            assert q.unused is not None
            reason[i] = message(
                "select.reason.redistributed",
                rank=r,
                full=full,
                dest=dest,
                notice=_notice(prog, q),
                clause=q.unused.clause,
            )
    for pos, cut in allocation.cut.items():
        i = int(cand[pos])
        r = rank_of[pos]
        q = quotas[cut.quota]
        u = units[cut.quota]
        cut_by[i] = q.id
        cut_by_label[i] = q.label  # the notice's own words, for the people who file the ranking
        if cut.unit == u.unknown and cut.limit == 0:
            reason[i] = message(
                "select.reason.unknown", rank=r, what=u.unknown_what, label=q.label, cites=_cites(prog, q)
            )
        else:
            where = "" if cut.unit == NATIONAL else message("select.in_unit", unit=u.name(cut.unit))
            filled: dict[str, Any] = {
                "rank": r,
                "label": q.label,
                "where": where,
                "limit": cut.limit,
                "cites": _cites(prog, q),
            }
            reason[i] = (
                message("select.reason.total_reached", **filled)
                if cut.total and (q.per or q.allocation != "stated")
                else message("select.reason.limit_reached", **filled)
            )
        if q.overflow is not None:
            reason[i] += message(
                "select.reason.overflow", label=q.overflow.label, notice=_notice(prog, q), clause=q.overflow.clause
            )
        if tied[r - 1]:
            reason[i] += message("select.reason.tied")
    for i in map(int, np.flatnonzero(verdict != MET)):
        reason[i] = message("select.reason.not_candidate", verdict=CODE_TO_VERDICT[int(verdict[i])].label)
    if prog.selection is None:
        notes.append(message("select.no_priority", program=prog.id))
    for label in _blank_indicators(catalog, prog, frame, on):
        notes.append(message("select.indicator_blank", label=label, program=prog.id))
    # what the redistribution moved, and the units short of their minimum or exact number
    for t in allocation.transfers:
        q = quotas[t.quota]
        u = units[t.quota]
        assert q.unused is not None
        dest = (
            message("select.pool") if t.destination == POOL else message("select.pool_by", unit=u.name(t.destination))
        )
        notes.append(
            message(
                "select.left_over",
                label=q.label,
                unit=u.name(t.unit),
                limit=t.limit,
                used=t.used,
                places=t.places,
                dest=dest,
                notice=_notice(prog, q),
                clause=q.unused.clause,
                quote=q.unused.quote,
            )
        )
    usage = []
    for j, q in enumerate(quotas):
        used = allocation.used[j]
        received = allocation.received[j]
        released = {t.unit: t.places for t in allocation.transfers if t.quota == j}
        # every unit that took a candidate or has a number of its own (the unknown one only when used)
        listed = {g for g in (*plans[j].limits, *plans[j].minimums) if g != units[j].unknown}
        for g in sorted(set(used) | listed) or [NATIONAL]:
            limit = plans[j].limit(g)
            floor = plans[j].floor(g)
            usage.append(
                QuotaUse(
                    q.id,
                    q.label,
                    g,
                    limit,
                    used.get(g, 0),
                    q.clause,
                    floor,
                    received.get(g, 0),
                    released.get(g, 0),
                    bases[j].get(g),
                    units[j].name(g) if g != NATIONAL else "",
                )
            )
            got = used.get(g, 0)
            if floor is not None and got < floor and g != units[j].unknown:
                notes.append(
                    message(
                        "select.below_floor",
                        label=q.label,
                        unit=units[j].name(g),
                        used=got,
                        floor=floor,
                        cites=_cites(prog, q),
                    )
                )
            if q.exact and limit is not None and got < limit and g != units[j].unknown:
                notes.append(
                    message(
                        "select.exact_short",
                        label=q.label,
                        unit=units[j].name(g),
                        limit=limit,
                        used=got,
                        cites=_cites(prog, q),
                    )
                )
    out = pd.DataFrame(
        {
            "row": pd.Series(table.rows, dtype=np.int64),
            "name": pd.Series(table.identity("name"), dtype=object),
            "credit_code": pd.Series(table.identity("credit_code"), dtype=object),
            "title": pd.Series(np.full(n, prog.title + adjustment_note(catalog.adjustments(prog)), dtype=object)),
            "program": pd.Series(np.full(n, prog.id, dtype=object), dtype=object),
            "verdict": pd.Series(VERDICT_NAMES[verdict], dtype=object),
            "verdict_label": pd.Series(VERDICT_LABELS[verdict], dtype=object),
            "rank": pd.Series(rank_col, dtype=object),
            "selected": pd.Series(selected, dtype=bool),
            "cut_by": pd.Series(cut_by, dtype=object),
            "cut_by_label": pd.Series(cut_by_label, dtype=object),
            "reason": pd.Series(reason, dtype=object),
            "basis": pd.Series(basis_col, dtype=object),
            # a row's data errors and warnings, as a screening shows them: a cell set aside is why a row is incomplete
            "error": pd.Series(table.error_column(), dtype=object),
            "warning": pd.Series(table.warning_column(), dtype=object),
        }
    )
    return Selection(out, usage, _rule(catalog, prog).name, notes, screening)


def _supplied(units: _Units, quota: QuotaSpec, given: Mapping[str, int]) -> dict[str, int]:
    """The numbers the user gave a quota, by unit (a code, slug or name resolved)."""
    out: dict[str, int] = {}
    for key, value in given.items():
        try:
            out[units.resolve(key)] = int(value)
        except UnknownNameError as exc:
            raise UnknownNameError(f"--quota {quota.id}:{key}: {exc.problems[0].message}") from None
    return out


def _notice(program: Program, quota: QuotaSpec) -> str:
    origin = program.quota_origins.get(quota.id)  # an inherited quota cites the notice that set it
    return origin.notice if origin is not None else program.doc_number


def _cites(program: Program, quota: QuotaSpec) -> str:
    return f"{_notice(program, quota)} {quota.clause}"


def _n(value: int | None) -> str:
    return message("select.unlimited") if value is None else tn("select.firms", value, n=value)
