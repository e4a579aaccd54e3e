"""Resolved programs: a notice's program after layering, with every value's origin.

A program may ``extend`` another (a province extending the national baseline). The
extension is explicit and applied in one fixed order — drop, replace, add, new
parameters, overrides — so the result never depends on which plugin registered
first. Every criterion, group and parameter remembers where its value came from:
plugin@version, notice and clause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from .benchmarks import BenchmarkBook, book_of
from .errors import ArgumentError, NoticeError, Problem, UnknownNameError, shown, suggest
from .i18n import t as message
from .notices.model import (
    CadenceSpec,
    CriterionSpec,
    EventSpec,
    FormSpec,
    FundSpec,
    GrantSpec,
    GroupSpec,
    InForceSpec,
    NoticeFile,
    ProgramSpec,
    QuotaSpec,
    QuotaUnitsSpec,
    SelectionSpec,
)
from .notices.numbers import nonfinite

#: How the years of a criterion over several years (近N年) combine. Which one a notice means
#: is a reading (DESIGN principle 5): every such criterion can be overridden as ``<id>.combine``.
COMBINE = ("each", "any", "aggregate", "mean", "sum", "cagr")


#: Condition types whose ``years`` is a length of time (a title held 2 years or more, a bar of 3 years after a
#: revocation or a finding), not 近N年 of figures.
DURATION_TYPES = frozenset({"tenure", "revoked", "finding"})


def over_years(criterion: Criterion) -> bool:
    """Whether a criterion reads several years (``years`` above 1), so that how they combine is a reading."""
    years = criterion.args.get("years")
    if criterion.type in DURATION_TYPES:
        return False
    return isinstance(years, int) and not isinstance(years, bool) and years > 1


@frozen
class Origin:
    """Where a resolved value comes from."""

    plugin: str
    notice: str
    notice_id: str
    clause: str
    quote: str

    def __str__(self) -> str:
        return f"{self.plugin} · {self.notice} {self.clause}"

    @classmethod
    def of(cls, nf: NoticeFile, clause: str, quote: str) -> Origin:
        """The origin of a value cited at ``clause`` of notice file ``nf``."""
        return cls(f"{nf.plugin}@{nf.plugin_version}", nf.label, nf.spec.notice.id, clause, quote)


@frozen
class Param:
    """A named, overridable value of a resolved program."""

    name: str
    value: Any
    origin: Origin
    unit: str | None = None
    label: str | None = None
    choices: tuple[Any, ...] | None = None
    reason: str | None = None
    previous: Param | None = None


@frozen
class Criterion:
    """A resolved leaf: its condition type, arguments (parameters substituted) and origin."""

    id: str
    label: str
    type: str
    args: dict[str, Any]
    origin: Origin
    refs: dict[str, str] = field(factory=dict)
    note: str | None = None
    benchmarks: BenchmarkBook = field(factory=BenchmarkBook, eq=False, repr=False)
    """The reference figures the catalog's notices declare, for criteria that compare with one."""
    derived_from: str | None = None
    """The one_of group this criterion was derived for (it tests the enterprise's choice)."""

    @property
    def clause(self) -> str:
        """The clause the criterion cites."""
        return self.origin.clause

    @property
    def quote(self) -> str:
        """The verbatim quote the criterion cites."""
        return self.origin.quote


@frozen
class Group:
    """A resolved rule-tree node."""

    id: str
    label: str
    mode: str
    of: tuple[str, ...]
    origin: Origin
    n: int | None = None
    n_ref: str | None = None
    note: str | None = None
    choice: str | None = None
    """For ``one_of``: the fact naming the alternative the enterprise applies under."""
    options: dict[str, str] = field(factory=dict)
    alternatives: tuple[str, ...] = ()
    """For a resolved ``one_of``: its alternatives (``of`` then holds the derived branches)."""
    derived_from: str | None = None
    """The one_of group this branch was derived for."""


@frozen
class Dropped:
    """An inherited criterion, group or quota that this program removed, with the clause that says so."""

    id: str
    origin: Origin
    reason: str | None


@frozen
class Event:
    """A timeline event with its origin."""

    spec: EventSpec
    origin: Origin


@frozen
class Program:
    """A program ready to evaluate: its rule tree, parameters, timeline, fund rule and forms."""

    id: str
    title: str
    kind: str
    subject: str
    region: str
    notice: NoticeFile
    origin: Origin
    rule: str
    criteria: dict[str, Criterion]
    groups: dict[str, Group]
    params: dict[str, Param]
    reference_year: int | str = "previous"
    extends: str | None = None
    dropped: tuple[Dropped, ...] = ()
    grants: GrantSpec | None = None
    grants_origin: Origin | None = None
    timeline: tuple[Event, ...] = ()
    fund: FundSpec | None = None
    fund_origin: Origin | None = None
    forms: tuple[FormSpec, ...] = ()
    quotas: tuple[QuotaSpec, ...] = ()
    quota_origins: dict[str, Origin] = field(factory=dict)
    quota_units: QuotaUnitsSpec | None = None
    quota_units_origin: Origin | None = None
    selection: SelectionSpec | None = None
    selection_origin: Origin | None = None
    summary: str | None = None
    note: str | None = None
    overridden: tuple[str, ...] = ()
    abstract: bool = False
    series: str | None = None
    follows: str | None = None
    in_force: InForceSpec | None = None
    in_force_origin: Origin | None = None
    cadence: CadenceSpec | None = None
    cadence_origin: Origin | None = None

    def __repr__(self) -> str:
        return f"<Program {self.id} ({self.doc_number})>"

    @property
    def doc_number(self) -> str:
        """The 文号 of the defining notice as printed (or how it is identified)."""
        return self.notice.label

    def year_for(self, on: dt.date) -> int:
        """The reference year (上年度) for an evaluation on ``on``."""
        if isinstance(self.reference_year, int):
            return self.reference_year
        return on.year - 1

    def node_ids(self) -> list[str]:
        """Every criterion and group id reachable from the root, children before parents."""
        order: list[str] = []
        seen: set[str] = {self.rule}
        # a stack of (node, its children still to visit): no nested function calling itself, whose reference
        # cycle only Python's cycle collector frees
        todo: list[tuple[str, Iterator[str]]] = [(self.rule, self._children(self.rule))]
        while todo:
            node, children = todo[-1]
            child = next(children, None)
            if child is None:
                todo.pop()
                order.append(node)
            elif child not in seen:
                seen.add(child)
                todo.append((child, self._children(child)))
        return order

    def _children(self, node: str) -> Iterator[str]:
        grp = self.groups.get(node)
        return iter(grp.of if grp is not None else ())

    def parameter_names(self) -> dict[str, Any]:
        """Every overridable name with its current value: named parameters and ``criterion.arg``."""
        names: dict[str, Any] = {n: p.value for n, p in self.params.items()}
        for cid, crit in self.criteria.items():
            if crit.derived_from is not None:
                continue  # the test of a one_of choice: structure, not a value
            for arg, value in crit.args.items():
                # numbers, flags, dates and lists are values; strings and tables name structure (metric,
                # op, a points table's sections)
                if arg not in crit.refs and not isinstance(value, (str, dict)) and not _holds_tables(value):
                    names[f"{cid}.{arg}"] = value
            # how the years combine is a reading, not structure, though it is written as a word
            if over_years(crit) and "combine" not in crit.refs:
                names[f"{cid}.combine"] = crit.args.get("combine", "each")
        for gid, grp in self.groups.items():
            if grp.mode == "at_least" and grp.n_ref is None:
                names[f"{gid}.n"] = grp.n
        return names

    def overrides(self) -> dict[str, Any]:
        """Each overridden name (``overridden``) with the value it now holds."""
        if not self.overridden:
            return {}
        names = self.parameter_names()
        return {name: names[name] for name in self.overridden if name in names}

    def changed_from(self, base: Program) -> dict[str, Any]:
        """The overridable names whose value here differs from ``base``'s (the program as loaded), with the values here.

        What a what-if run changed: an output screened under them says so, because
        labels and reasons keep the notice's words (“达到2000万元”) while the test
        uses the value given.
        """
        before = base.parameter_names()
        return {name: value for name, value in self.parameter_names().items() if before.get(name, value) != value}

    def adjusted_nodes(self, changed: Mapping[str, Any]) -> dict[str, list[str]]:
        """Per criterion or group, the names among ``changed`` (see :meth:`changed_from`) it reads."""
        out: dict[str, list[str]] = {}
        for name in changed:
            node, _, _ = name.rpartition(".")
            if node in self.criteria or node in self.groups:
                out.setdefault(node, []).append(name)
            for cid, crit in self.criteria.items():
                if name in crit.refs.values():
                    out.setdefault(cid, []).append(name)
        return out

    def with_overrides(self, values: Mapping[str, Any], origin: Origin | None = None) -> Program:
        """A copy with parameters replaced; every name and type is checked before anything changes.

        Raises :class:`~srdi.errors.UnknownNameError` when every problem is a name no
        parameter has, else :class:`~srdi.errors.ArgumentError` with all of them: a
        value of the wrong type or reading is bad input (the API's 400), not an unknown name.
        """
        known = self.parameter_names()
        problems = []
        unknown = 0
        for name, value in values.items():
            if name not in known:
                problems.append(Problem(message("override.unknown_parameter", hint=suggest(name, known)), key=name))
                unknown += 1
                continue
            old = known[name]
            param = self.params.get(name)
            if not _same_kind(old, value):
                kind = message(f"override.kind.{_kind(old)}")
                why = message("override.expected_kind", kind=kind, old=_typed(old), value=_typed(value))
                problems.append(Problem(why, key=name))
            elif next(nonfinite(value), None) is not None:
                problems.append(Problem(message("notice.nonfinite", value=shown(value)), key=name))
            elif param is not None and param.choices and value not in param.choices:
                why = message("override.not_a_reading", value=shown(value), choices=", ".join(map(str, param.choices)))
                problems.append(Problem(why, key=name))
            elif param is None and name.endswith(".combine") and value not in COMBINE:
                why = message("override.not_a_reading", value=shown(value), choices=", ".join(COMBINE))
                problems.append(Problem(why, key=name))
        if problems:
            raise (UnknownNameError if unknown == len(problems) else ArgumentError)(problems)
        how = origin or Origin("override", "what-if", "", "", "")
        params = dict(self.params)
        criteria = dict(self.criteria)
        groups = dict(self.groups)
        for name, value in values.items():
            if name in params:
                old_p = params[name]
                params[name] = attrs.evolve(old_p, value=value, origin=how, previous=old_p)
                continue
            node, _, arg = name.rpartition(".")
            if node in groups and arg == "n":
                groups[node] = attrs.evolve(groups[node], n=int(value))
            else:
                crit = criteria[node]
                criteria[node] = attrs.evolve(crit, args={**crit.args, arg: value})
        out = attrs.evolve(
            self, params=params, criteria=criteria, groups=groups, overridden=tuple(self.overridden) + tuple(values)
        )
        return _substitute(out)


def _holds_tables(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(v, dict) for v in value)


def _kind(value: Any) -> str:
    """What a parameter holds, as the catalogue names it (``override.kind.*``): a number, yes or no, a list, a date, text."""
    if isinstance(value, bool):
        return "yes_no"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dt.date):
        return "date"
    return "text"


def _typed(value: Any) -> str:
    """A value as it is typed in TOML, JSON or ``--set`` (true, not Python's True; text quoted)."""
    return ("true" if value else "false") if isinstance(value, bool) else shown(value)


def shown_value(value: Any) -> str:
    """A parameter's value as a person writes it: 2500, not 2500.0; true/false; a list as its items, separated as the language does."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return message("list.sep").join(map(shown_value, value))
    return str(value)


def _same_kind(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, (int, float)):
        return isinstance(new, (int, float))
    if isinstance(old, (list, tuple)):
        return isinstance(new, (list, tuple))
    return isinstance(new, type(old))


#: Deepest rule tree accepted. Notices nest a few levels ("满足下列条件之一" under
#: "同时满足"); evaluating and explaining a tree walks it recursively.
MAX_DEPTH = 100


def tree_problems(rule: str, groups: Mapping[str, Group]) -> list[str]:
    """Groups that contain themselves (a cycle) or nest deeper than :data:`MAX_DEPTH`, found without recursion."""
    out: list[str] = []
    path: list[str] = []
    on_path: set[str] = set()
    done: set[str] = set()
    stack: list[tuple[str, int]] = [(rule, 0)]
    while stack:
        node, i = stack.pop()
        grp = groups.get(node)
        if i == 0:
            if node in on_path:
                msg = message("notice.group_cycle", cycle=" → ".join([*path[path.index(node) :], node]))
                if msg not in out:
                    out.append(msg)
                continue
            if node in done or grp is None:
                continue
            if len(path) >= MAX_DEPTH:
                out.append(message("notice.tree_too_deep", max=MAX_DEPTH, path=" → ".join(path[:3]), node=node))
                return out
            path.append(node)
            on_path.add(node)
        if grp is not None and i < len(grp.of):
            stack.append((node, i + 1))
            stack.append((grp.of[i], 0))
        else:
            path.pop()
            on_path.discard(node)
            done.add(node)
    return out


def _substitute(prog: Program) -> Program:
    """Re-apply named parameters to every criterion argument that references them."""
    criteria = {}
    for cid, crit in prog.criteria.items():
        args = dict(crit.args)
        for arg, pname in crit.refs.items():
            args[arg] = prog.params[pname].value
        criteria[cid] = attrs.evolve(crit, args=args)
    groups = {}
    for gid, grp in prog.groups.items():
        if grp.n_ref is not None:
            groups[gid] = attrs.evolve(grp, n=int(prog.params[grp.n_ref].value))
        else:
            groups[gid] = grp
    return attrs.evolve(prog, criteria=criteria, groups=groups)


class _Builder:
    """Resolves every program of a set of notices, following ``extends`` links."""

    def __init__(self, notices: list[NoticeFile], benchmarks: BenchmarkBook) -> None:
        self.benchmarks = benchmarks
        self.specs: dict[str, tuple[ProgramSpec, NoticeFile, int]] = {}
        problems = []
        for nf in notices:
            for i, spec in enumerate(nf.spec.programs):
                if spec.id in self.specs:
                    other = self.specs[spec.id][1]
                    why = message("notice.program_elsewhere", id=repr(spec.id), plugin=other.plugin, path=other.path)
                    problems.append(Problem(why, file=nf.path, key=f"programs[{i}].id"))
                    continue
                self.specs[spec.id] = (spec, nf, i)
        if problems:
            raise NoticeError(problems)
        self.done: dict[str, Program] = {}
        self._stack: list[str] = []

    def resolve(self, pid: str) -> Program:
        if pid in self.done:
            return self.done[pid]
        if pid not in self.specs:
            raise UnknownNameError(message("name.unknown_program", name=repr(pid), hint=suggest(pid, self.specs)))
        if pid in self._stack:
            raise NoticeError(message("notice.extends_cycle", cycle=" → ".join([*self._stack, pid])))
        self._stack.append(pid)
        try:
            spec, nf, index = self.specs[pid]
            base = None
            if spec.extends is not None:
                if spec.extends not in self.specs:
                    raise NoticeError(
                        Problem(
                            message(
                                "notice.extends_unknown", id=repr(spec.extends), hint=suggest(spec.extends, self.specs)
                            ),
                            file=nf.path,
                            key=f"programs[{index}].extends",
                        )
                    )
                base = self.resolve(spec.extends)
            prog = _layer(spec, nf, index, base, self.benchmarks)
        finally:
            self._stack.pop()
        self.done[pid] = prog
        return prog


def _layer(spec: ProgramSpec, nf: NoticeFile, index: int, base: Program | None, benchmarks: BenchmarkBook) -> Program:
    key = f"programs[{index}]"
    problems: list[Problem] = []

    def bad(where: str, msg: str) -> None:
        problems.append(Problem(msg, file=nf.path, key=f"{key}.{where}"))

    criteria: dict[str, Criterion] = dict(base.criteria) if base else {}
    groups: dict[str, Group] = dict(base.groups) if base else {}
    params: dict[str, Param] = dict(base.params) if base else {}
    dropped: list[Dropped] = list(base.dropped) if base else []
    _strip_one_of(criteria, groups)  # layers change the declared tree; one_of is resolved again below

    def rename_child(old: str, new: str | None) -> None:
        for gid, grp in list(groups.items()):
            if old in grp.of:
                of = tuple(c for c in (new if c == old else c for c in grp.of) if c is not None)
                groups[gid] = attrs.evolve(grp, of=of)

    # 1. drop
    base_quotas = {q.id for q in base.quotas} if base else set()
    dropped_quotas: set[str] = set()
    for j, d in enumerate(spec.drop):
        if d.id not in criteria and d.id not in groups and d.id not in base_quotas:
            bad(f"drop[{j}].id", message("notice.cannot_drop", id=repr(d.id)))
            continue
        if d.id in base_quotas:  # "不再限制名额": a round that lifts an inherited cap
            dropped_quotas.add(d.id)
        criteria.pop(d.id, None)
        groups.pop(d.id, None)
        rename_child(d.id, None)
        dropped.append(Dropped(d.id, Origin.of(nf, d.clause, d.quote), d.reason))

    # 2. params declared here (new names only) and their values
    for name, p in spec.params.items():
        if name in params:
            bad(f"params.{name}", message("notice.param_inherited", name=repr(name)))
            continue
        params[name] = Param(name, p.value, Origin.of(nf, p.clause, p.quote), p.unit, p.label, p.choices, p.reason)

    # 3. criteria and groups: replace, add into, or new
    new_nodes = [(c, "criteria", j) for j, c in enumerate(spec.criteria)] + [
        (g, "groups", j) for j, g in enumerate(spec.groups)
    ]
    #: the table of each node this layer writes: a problem of one is placed there (an inherited one's, at the program)
    own = {node.id: f"{where}[{j}]" for node, where, j in new_nodes}
    for node, where, j in new_nodes:
        if node.replaces is not None:
            if node.replaces not in criteria and node.replaces not in groups:
                bad(f"{where}[{j}].replaces", message("notice.cannot_replace", id=repr(node.replaces)))
                continue
            criteria.pop(node.replaces, None)
            groups.pop(node.replaces, None)
            rename_child(node.replaces, node.id)
        elif node.id in criteria or node.id in groups:
            bad(f"{where}[{j}].id", message("notice.node_inherited", id=repr(node.id)))
            continue
        origin = Origin.of(nf, node.clause, node.quote)
        if isinstance(node, CriterionSpec):
            criteria[node.id] = Criterion(
                node.id, node.label, node.type, dict(node.args), origin, note=node.note, benchmarks=benchmarks
            )
        else:
            assert isinstance(node, GroupSpec)
            n_ref = node.n[1:] if isinstance(node.n, str) and node.n.startswith("$") else None
            n = None if n_ref is not None or node.n is None else int(node.n)
            groups[node.id] = Group(
                node.id,
                node.label,
                node.mode,
                tuple(node.of),
                origin,
                n,
                n_ref,
                node.note,
                node.choice,
                dict(node.options),
            )
    for node, where, j in new_nodes:
        if node.into is not None:
            if node.into not in groups:
                hint = suggest(node.into, groups)
                bad(f"{where}[{j}].into", message("notice.unknown_group", id=repr(node.into), hint=hint))
                continue
            grp = groups[node.into]
            groups[node.into] = attrs.evolve(grp, of=(*tuple(grp.of), node.id))

    rule = spec.rule or (base.rule if base else None)
    for node, _, _ in new_nodes:
        if node.replaces is not None and rule == node.replaces:
            rule = node.id
    if rule is None or (rule not in criteria and rule not in groups):
        bad("rule", message("notice.unknown_rule", rule=repr(rule)))
    for gid, grp in groups.items():
        for child in grp.of:
            if child not in criteria and child not in groups:
                bad(
                    f"{own[gid]}.of" if gid in own else "groups",
                    message("notice.group_unknown_child", group=repr(gid), child=repr(child)),
                )
    if rule is not None:
        for msg in tree_problems(rule, groups):
            bad("groups", msg)

    # 4. overrides of inherited names
    overridden = []
    for name, ov in spec.overrides.items():
        origin = Origin.of(nf, ov.clause, ov.quote)
        if name in params:
            old = params[name]
            params[name] = attrs.evolve(
                old, value=ov.value, origin=origin, reason=ov.reason or old.reason, previous=old
            )
        else:
            target, _, arg = name.rpartition(".")
            if target in criteria and arg in criteria[target].args:
                crit = criteria[target]
                criteria[target] = attrs.evolve(
                    crit, args={**crit.args, arg: ov.value}, origin=attrs.evolve(origin), note=crit.note
                )
            elif target in groups and arg == "n":
                groups[target] = attrs.evolve(groups[target], n=int(ov.value), n_ref=None)
            else:
                bad(f"overrides.{name}", message("notice.nothing_to_override", name=repr(name)))
                continue
        overridden.append(name)

    # 5. references to named parameters ("$name")
    resolved_criteria = {}
    for cid, crit in criteria.items():
        refs = dict(crit.refs)
        for arg, value in crit.args.items():
            if isinstance(value, str) and value.startswith("$"):
                refs[arg] = value[1:]
        for arg, pname in refs.items():
            if pname not in params:
                hint = suggest(pname, params)
                at = f"{own[cid]}.{arg}" if cid in own else "criteria"
                bad(at, message("notice.criterion_unknown_parameter", id=repr(cid), name=pname, hint=hint))
        resolved_criteria[cid] = attrs.evolve(crit, refs=refs)
    for gid, grp in groups.items():
        at = own.get(gid, "groups")
        if grp.n_ref is not None and grp.n_ref not in params:
            bad(
                f"{at}.n" if gid in own else at, message("notice.group_unknown_parameter", id=repr(gid), name=grp.n_ref)
            )
        if grp.mode == "at_least" and grp.n is None and grp.n_ref is None:
            bad(at, message("notice.group_at_least_needs_n", id=repr(gid)))
        if grp.mode == "one_of" and grp.choice is None:
            bad(at, message("notice.group_one_of_needs_choice", id=repr(gid)))
    if problems:
        raise NoticeError(problems)
    _expand_one_of(resolved_criteria, groups)

    events = [Event(e, Origin.of(nf, e.clause, e.quote)) for e in spec.timeline]
    events += [
        Event(e, Origin.of(nf, e.clause, e.quote))
        for e in nf.spec.timeline
        if e.programs is None or spec.id in e.programs
    ]
    forms = [f for f in nf.spec.forms if (f.programs and spec.id in f.programs) or f.id in spec.forms]
    # quotas add up through layers (a province's per-city quota does not lift the nation's per-province
    # one); a quota with an inherited id replaces it in place
    quotas = {q.id: q for q in base.quotas if q.id not in dropped_quotas} if base else {}
    quota_origins = {k: v for k, v in base.quota_origins.items() if k not in dropped_quotas} if base else {}
    for q in spec.quotas:
        quotas[q.id] = q
        quota_origins[q.id] = Origin.of(nf, q.clause, q.quote)
    in_force, in_force_origin = _in_force(spec, nf, base)
    cadence = spec.cadence or (base.cadence if base else None)
    cadence_origin = (
        Origin.of(nf, spec.cadence.clause, spec.cadence.quote)
        if spec.cadence
        else (base.cadence_origin if base else None)
    )
    region = spec.region or nf.spec.notice.region or (base.region if base else None)
    if region is None:
        raise NoticeError(Problem(message("notice.no_region"), file=nf.path, key=f"{key}.region"))
    prog = Program(
        id=spec.id,
        title=spec.title,
        kind=spec.kind,
        subject=spec.subject,
        region=region,
        notice=nf,
        origin=Origin.of(nf, spec.clause, spec.quote),
        rule=rule,  # type: ignore[arg-type]
        criteria=resolved_criteria,
        groups=groups,
        params=params,
        reference_year=spec.reference_year
        if spec.reference_year is not None
        else (base.reference_year if base else "previous"),
        extends=spec.extends,
        dropped=tuple(dropped),
        grants=spec.grants or (base.grants if base else None),
        grants_origin=(
            Origin.of(nf, spec.grants.clause, spec.grants.quote)
            if spec.grants
            else (base.grants_origin if base else None)
        ),
        timeline=tuple(events),
        fund=spec.fund or (base.fund if base else None),
        fund_origin=(
            Origin.of(nf, spec.fund.clause, spec.fund.quote) if spec.fund else (base.fund_origin if base else None)
        ),
        forms=tuple(forms),
        quotas=tuple(quotas.values()),
        quota_origins=quota_origins,
        quota_units=spec.quota_units or (base.quota_units if base else None),
        quota_units_origin=(
            Origin.of(nf, spec.quota_units.clause, spec.quota_units.quote)
            if spec.quota_units
            else (base.quota_units_origin if base else None)
        ),
        selection=spec.selection or (base.selection if base else None),
        selection_origin=(
            Origin.of(nf, spec.selection.clause, spec.selection.quote)
            if spec.selection
            else (base.selection_origin if base else None)
        ),
        summary=spec.summary,
        note=spec.note,
        overridden=tuple(overridden),
        abstract=spec.abstract,
        series=spec.series,
        # a round extending the round before it in its series follows it
        follows=spec.follows
        or (spec.extends if spec.series is not None and base is not None and base.series == spec.series else None),
        in_force=in_force,
        in_force_origin=in_force_origin,
        cadence=cadence,
        cadence_origin=cadence_origin,
    )
    return _substitute(prog)


def _strip_one_of(criteria: dict[str, Criterion], groups: dict[str, Group]) -> None:
    """Undo :func:`_expand_one_of` in place: drop derived nodes, give each one_of group its alternatives back."""
    for cid in [c for c, crit in criteria.items() if crit.derived_from is not None]:
        del criteria[cid]
    for gid in [g for g, grp in groups.items() if grp.derived_from is not None]:
        del groups[gid]
    for gid, grp in list(groups.items()):
        if grp.mode == "one_of" and grp.alternatives:
            groups[gid] = attrs.evolve(grp, of=grp.alternatives, alternatives=())


def _expand_one_of(criteria: dict[str, Criterion], groups: dict[str, Group]) -> None:
    """Resolve every one_of group in place: exactly one alternative, chosen by the enterprise and met.

    江苏 "同一家企业只能选择一个新认定项目类别申报", 厦门 "（选择一个方向申报）": with
    alternatives a₁…aₖ and the choice fact f::

        one_of(a₁, …, aₖ)  =  any( all(f chose a₁ only, a₁), …, all(f chose aₖ only, aₖ) )

    so the verdict follows the chosen alternative; without a choice it is unknown
    (unless no alternative can be met at all), and ticking two options of a
    multiple-choice fact meets none. Derived nodes carry ``derived_from``.
    """
    for gid, grp in list(groups.items()):
        if grp.mode != "one_of" or grp.alternatives or grp.choice is None:
            continue
        values = {alt: grp.options.get(alt, alt) for alt in grp.of}
        branches = []
        for alt in grp.of:
            node = criteria.get(alt) or groups.get(alt)
            name = node.label if node is not None else alt
            others = [v for a, v in values.items() if a != alt]
            cid = f"{gid}/{alt}/chosen"
            args: dict[str, Any] = {"fact": grp.choice, "any_of": [values[alt]]}
            if others:
                args["none_of"] = others
            criteria[cid] = Criterion(
                cid, f"申报选择“{name}”（只选一类）", "choice", args, grp.origin, derived_from=gid
            )
            bid = f"{gid}/{alt}"
            groups[bid] = Group(bid, f"选择“{name}”申报", "all", (cid, alt), grp.origin, derived_from=gid)
            branches.append(bid)
        groups[gid] = attrs.evolve(grp, of=tuple(branches), alternatives=tuple(grp.of))


def _in_force(spec: ProgramSpec, nf: NoticeFile, base: Program | None) -> tuple[InForceSpec | None, Origin | None]:
    """The program's own in-force period, else its notice's, else its base's when the base is of the same notice.

    A program extending one of another notice (a province implementing a national
    notice) is that other notice's round or measure, in force by its own text.
    """
    shared = nf.spec.in_force
    if spec.in_force is not None:
        own = spec.in_force
    elif shared is not None and (shared.programs is None or spec.id in shared.programs):
        own = shared
    else:
        own = None
    if own is not None:
        return own, Origin.of(nf, own.clause, own.quote)
    if base is not None and base.notice.path == nf.path:
        return base.in_force, base.in_force_origin
    return None, None


def resolve_programs(notices: list[NoticeFile], benchmarks: BenchmarkBook | None = None) -> dict[str, Program]:
    """Resolve every program defined in ``notices`` (extensions included).

    ``benchmarks`` are the reference figures criteria may compare with (by default,
    those ``notices`` declare).
    """
    builder = _Builder(notices, benchmarks if benchmarks is not None else book_of(notices))
    return {pid: builder.resolve(pid) for pid in builder.specs}
