"""What differs between two programs, criterion by criterion and parameter by parameter.

What a regional team checks when a new notice arrives: which thresholds moved,
which conditions appeared or went, which readings changed. Programs are compared
as resolved (layers applied, parameters substituted), so an inherited criterion
shows the value in force, and each side keeps its citation.

Criteria are matched in three passes:

1. by id (an extension and its base, or two editions written alike);
2. by what they test — the same condition type on the same metric, fact, title or
   attestation key — preferring the same operator, then the closest threshold, then
   the closest label (79号's three revenue bands against a province's one floor:
   the ``>=`` band is its counterpart);
3. attestations left over, by label similarity (at least 0.6).

Arguments are compared with the condition type's defaults filled in, so a
criterion that spells out ``combine = "each"`` equals one that leaves it implied.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, Literal, get_args

import attrs
from attrs import frozen

from ._convert import converter
from .catalog import Catalog
from .i18n import t
from .programs import Criterion, Program

Status = Literal["same", "reworded", "changed", "only_a", "only_b"]
Match = Literal["id", "tests", "label"]
#: Every status, in the order the summary line counts them.
STATUSES: tuple[Status, ...] = get_args(Status)
#: Below this label similarity, two leftover attestations are not taken for the same clause.
LABEL_MATCH = 0.6


@frozen
class Change:
    """One key whose value differs: ``a`` in the first program, ``b`` in the second."""

    key: str
    a: Any
    b: Any

    def __str__(self) -> str:
        return f"{self.key}: {_show(self.a)} → {_show(self.b)}"


@frozen
class Row:
    """One compared item: a criterion, group, parameter or program attribute."""

    kind: Literal["criterion", "group", "parameter", "program"]
    a: str | None
    b: str | None
    label: str
    status: Status
    changes: tuple[Change, ...] = ()
    match: Match | None = None
    a_cites: str | None = None
    b_cites: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The row as JSON (values as they appear in the notice files)."""
        return {
            "kind": self.kind,
            "a": self.a,
            "b": self.b,
            "label": self.label,
            "status": self.status,
            "status_label": status_label(self.status),
            "match": self.match,
            "changes": [{"key": c.key, "a": _jsonable(c.a), "b": _jsonable(c.b)} for c in self.changes],
            "a_cites": self.a_cites,
            "b_cites": self.b_cites,
        }


@frozen
class ProgramDiff:
    """Every compared row of two programs."""

    a: str
    b: str
    a_notice: str
    b_notice: str
    rows: tuple[Row, ...]

    def differences(self) -> list[Row]:
        """The rows that are not the same."""
        return [r for r in self.rows if r.status != "same"]

    def row(self, kind: str, a: str | None = None, b: str | None = None) -> Row:
        """The row of ``kind`` for id ``a`` in the first program (or ``b`` in the second)."""
        for r in self.rows:
            if r.kind == kind and ((a is not None and r.a == a) or (a is None and b is not None and r.b == b)):
                return r
        raise KeyError((kind, a, b))

    def to_json(self) -> dict[str, Any]:
        """``a``, ``b``, their notices, and every row."""
        return {
            "a": self.a,
            "b": self.b,
            "a_notice": self.a_notice,
            "b_notice": self.b_notice,
            "rows": [r.to_json() for r in self.rows],
        }


def diff_programs(catalog: Catalog, a: Program | str, b: Program | str) -> ProgramDiff:
    """Compare two programs of ``catalog``: program attributes, parameters, criteria and groups."""
    pa, pb = catalog.program(a), catalog.program(b)
    pairs = match_criteria(pa, pb)
    rows = _program_rows(pa, pb) + _param_rows(pa, pb, pairs) + _criterion_rows(catalog, pa, pb, pairs)
    rows += _group_rows(pa, pb, pairs)
    return ProgramDiff(pa.id, pb.id, pa.doc_number, pb.doc_number, tuple(rows))


# ------------------------------------------------------------------ matching
def subject(crit: Criterion) -> str:
    """What a criterion tests: its type and the metric, fact, titles or key it reads."""
    args = crit.args
    if crit.type == "compare":
        what = args.get("metric") or "+".join(args.get("sum") or ())
    elif crit.type in ("flag", "choice", "years_since"):
        what = args.get("fact") or ("registered_on" if crit.type == "years_since" else "")
    elif crit.type == "recognition":
        what = "+".join(sorted(args.get("titles") or ()))
    elif crit.type == "attest":
        what = args.get("key") or crit.id
    elif crit.type == "region":
        what = ""
    elif crit.type in ("tenure", "stacking", "revoked"):
        what = "+".join(sorted(args.get("titles") or args.get("awards") or ()))
    elif crit.type == "date":
        what = args.get("fact") or "registered_on"
    elif crit.type == "benchmark":
        what = f"{args.get('metric')}~{args.get('benchmark')}"
    elif crit.type == "points":
        what = ""  # a table: matched by id, or with the other table of the program
    else:  # a plugin's type: its arguments say what it tests
        what = args.get("metric") or args.get("fact") or args.get("key") or ""
    return f"{crit.type}:{what}"


def status_label(status: str) -> str:
    """A row's status as people read it, in the current language (相同, 仅A; same, only A)."""
    return t(f"diff.status.{status}")


def _similarity(x: str, y: str) -> float:
    return difflib.SequenceMatcher(None, x, y).ratio()


def _closeness(x: Criterion, y: Criterion) -> float:
    vx, vy = x.args.get("value"), y.args.get("value")
    if isinstance(vx, (int, float)) and isinstance(vy, (int, float)) and not isinstance(vx, bool):
        scale = max(abs(vx), abs(vy), 1e-9)
        return 1.0 - min(abs(vx - vy) / scale, 1.0)
    return 1.0 if vx == vy else 0.0


def match_criteria(a: Program, b: Program) -> list[tuple[str | None, str | None, Match | None]]:
    """Pairs (id in a, id in b, how matched); unmatched ids are paired with None."""
    # the tests a one_of group derives are compared through the group, not one by one
    left = [c for c in a.node_ids() if c in a.criteria and a.criteria[c].derived_from is None]
    right = [c for c in b.node_ids() if c in b.criteria and b.criteria[c].derived_from is None]
    pairs: list[tuple[str | None, str | None, Match | None]] = []
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    for cid in left:
        if cid in b.criteria and a.criteria[cid].type == b.criteria[cid].type:
            pairs.append((cid, cid, "id"))
            taken_a.add(cid)
            taken_b.add(cid)
    scored = []
    for x in left:
        for y in right:
            if x in taken_a or y in taken_b:
                continue
            cx, cy = a.criteria[x], b.criteria[y]
            if subject(cx) != subject(cy):
                continue
            same_op = 1.0 if cx.args.get("op") == cy.args.get("op") else 0.0
            score = 4 * same_op + 2 * _closeness(cx, cy) + _similarity(cx.label, cy.label)
            scored.append((score, x, y))
    for _score, x, y in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if x not in taken_a and y not in taken_b:
            pairs.append((x, y, "tests"))
            taken_a.add(x)
            taken_b.add(y)
    labels = []
    for x in left:
        for y in right:
            if x in taken_a or y in taken_b:
                continue
            if a.criteria[x].type == b.criteria[y].type == "attest":
                ratio = _similarity(a.criteria[x].label, b.criteria[y].label)
                if ratio >= LABEL_MATCH:
                    labels.append((ratio, x, y))
    for _ratio, x, y in sorted(labels, key=lambda t: (-t[0], t[1], t[2])):
        if x not in taken_a and y not in taken_b:
            pairs.append((x, y, "label"))
            taken_a.add(x)
            taken_b.add(y)
    pairs += [(x, None, None) for x in left if x not in taken_a]
    pairs += [(None, y, None) for y in right if y not in taken_b]
    order = {cid: i for i, cid in enumerate(left)}
    order_b = {cid: i for i, cid in enumerate(right)}
    return sorted(pairs, key=lambda p: order.get(p[0] or "", len(left) + order_b.get(p[1] or "", 0)))


# ------------------------------------------------------------------ rows
def _cites(origin: Any) -> str:
    return f"{origin.notice} {origin.clause}"


def _full_args(catalog: Catalog, crit: Criterion) -> dict[str, Any]:
    """A criterion's arguments with its condition type's defaults filled in, named parameters marked."""
    ctype = catalog.condition_types.get(crit.type)
    args: dict[str, Any] = dict(crit.args)
    if ctype is not None:
        try:
            full = attrs.asdict(converter.structure(crit.args, ctype.args), recurse=False)
        except Exception:  # a criterion that does not compile is compared as written
            full = args
        args = {k: v for k, v in full.items() if v is not None or k in crit.args}
    out = {k: (f"${crit.refs[k]} = {_show(v)}" if k in crit.refs else v) for k, v in args.items()}
    return _flatten(out)


def _flatten(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables spread into keys, so a change shows where it is (``sections[capacity].max``).

    A list of tables with ids (a points table's sections and items) is keyed by id;
    any other table by its keys.
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if attrs.has(type(value)):
            value = attrs.asdict(value, recurse=True)
        if isinstance(value, dict) and value:
            out.update(_flatten(value, f"{name}."))
        elif isinstance(value, (list, tuple)) and value and all(_has_id(v) for v in value):
            for item in value:
                item = attrs.asdict(item, recurse=True) if attrs.has(type(item)) else item
                rest = {k: v for k, v in item.items() if k != "id"}
                out.update(_flatten(rest, f"{name}[{item['id']}]."))
        else:
            out[name] = value
    return out


def _has_id(value: Any) -> bool:
    if attrs.has(type(value)):
        return hasattr(value, "id")
    return isinstance(value, dict) and "id" in value


def _compare(x: dict[str, Any], y: dict[str, Any]) -> tuple[Change, ...]:
    out = []
    for key in sorted(set(x) | set(y)):
        vx, vy = x.get(key), y.get(key)
        if _norm(vx) != _norm(vy):
            out.append(Change(key, vx, vy))
    return tuple(out)


def _norm(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return tuple(_norm(x) for x in v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.startswith("$"):
        return v.split(" = ", 1)[-1]  # a named parameter compares by its value
    return v


def _criterion_rows(
    catalog: Catalog, a: Program, b: Program, pairs: Iterable[tuple[str | None, str | None, Match | None]]
) -> list[Row]:
    rows = []
    for x, y, how in pairs:
        cx = a.criteria[x] if x else None
        cy = b.criteria[y] if y else None
        if cx is None:
            assert cy is not None
            rows.append(Row("criterion", None, y, cy.label, "only_b", b_cites=_cites(cy.origin)))
            continue
        if cy is None:
            rows.append(Row("criterion", x, None, cx.label, "only_a", a_cites=_cites(cx.origin)))
            continue
        changes = list(_compare({"type": cx.type}, {"type": cy.type}))
        changes += _compare(_full_args(catalog, cx), _full_args(catalog, cy))
        status: Status = "changed" if changes else "same"
        if not changes and cx.label != cy.label:
            status = "reworded"
            changes.append(Change("label", cx.label, cy.label))
        rows.append(Row("criterion", x, y, cy.label, status, tuple(changes), how, _cites(cx.origin), _cites(cy.origin)))
    return rows


def _group_rows(a: Program, b: Program, pairs: Iterable[tuple[str | None, str | None, Match | None]]) -> list[Row]:
    to_a = {y: x for x, y, _ in pairs if x and y}
    rows = []
    groups_a = [g for g in a.node_ids() if g in a.groups and a.groups[g].derived_from is None]
    groups_b = [g for g in b.node_ids() if g in b.groups and b.groups[g].derived_from is None]
    for gid in groups_a:
        ga = a.groups[gid]
        gb = b.groups.get(gid)
        if gb is None or gb.derived_from is not None:
            rows.append(Row("group", gid, None, ga.label, "only_a", a_cites=_cites(ga.origin)))
            continue
        of_a = ga.alternatives or ga.of  # a one_of group by its alternatives, not its derived branches
        of_b = tuple(to_a.get(c, c) for c in (gb.alternatives or gb.of))
        changes = _compare(
            {"mode": ga.mode, "n": ga.n, "choice": ga.choice}, {"mode": gb.mode, "n": gb.n, "choice": gb.choice}
        )
        added = [c for c in of_b if c not in of_a]
        removed = [c for c in of_a if c not in of_b]
        if added or removed:
            changes += (Change("of", removed or None, added or None),)
        rows.append(
            Row(
                "group",
                gid,
                gid,
                gb.label,
                "changed" if changes else "same",
                changes,
                "id",
                _cites(ga.origin),
                _cites(gb.origin),
            )
        )
    for gid in groups_b:
        if gid not in a.groups or a.groups[gid].derived_from is not None:
            gb = b.groups[gid]
            rows.append(Row("group", None, gid, gb.label, "only_b", b_cites=_cites(gb.origin)))
    return rows


def match_params(
    a: Program, b: Program, pairs: Iterable[tuple[str | None, str | None, Match | None]]
) -> list[tuple[str | None, str | None, Match | None]]:
    """Parameters paired by name, then by the matched criteria that use them (``rd_ratio_years`` ↔ ``rd_years``)."""
    out: list[tuple[str | None, str | None, Match | None]] = [(n, n, "id") for n in sorted(a.params) if n in b.params]
    taken_a = {n for n, _, _ in out}
    taken_b = set(taken_a)
    for x, y, _how in pairs:
        if not x or not y:
            continue
        rx, ry = a.criteria[x].refs, b.criteria[y].refs
        for arg in sorted(set(rx) & set(ry)):
            na, nb = rx[arg], ry[arg]
            if na not in taken_a and nb not in taken_b:
                out.append((na, nb, "tests"))
                taken_a.add(na)
                taken_b.add(nb)
    out += [(n, None, None) for n in sorted(a.params) if n not in taken_a]
    out += [(None, n, None) for n in sorted(b.params) if n not in taken_b]
    return out


def _param_rows(a: Program, b: Program, pairs: Iterable[tuple[str | None, str | None, Match | None]]) -> list[Row]:
    rows = []
    for x, y, how in match_params(a, b, pairs):
        pa = a.params[x] if x else None
        pb = b.params[y] if y else None
        if pa is None:
            assert pb is not None and y is not None
            rows.append(Row("parameter", None, y, pb.label or y, "only_b", b_cites=_cites(pb.origin)))
        elif pb is None:
            assert x is not None
            rows.append(Row("parameter", x, None, pa.label or x, "only_a", a_cites=_cites(pa.origin)))
        else:
            changes = _compare({"value": pa.value, "choices": pa.choices}, {"value": pb.value, "choices": pb.choices})
            rows.append(
                Row(
                    "parameter",
                    x,
                    y,
                    pb.label or y or "",
                    "changed" if changes else "same",
                    changes,
                    how,
                    _cites(pa.origin),
                    _cites(pb.origin),
                )
            )
    return rows


def _program_facts(p: Program) -> dict[str, tuple[str, dict[str, Any]]]:
    """Program attributes compared one by one: key → (label, values), grouped by what they describe.

    The labels srdi composes (项目属性, 名额：…) are worded in the current language; the
    quota, fund and event names inside them are the notice's own.
    """
    facts: dict[str, tuple[str, dict[str, Any]]] = {
        "program": (
            t("diff.fact.program"),
            {
                "kind": p.kind,
                "subject": p.subject,
                "region": p.region,
                "reference_year": p.reference_year,
                "extends": p.extends,
            },
        )
    }
    if p.grants is not None:
        g = p.grants
        facts["grants"] = (
            t("diff.fact.grants"),
            {"title": g.title, "validity_years": g.validity_years, "expiry": g.expiry},
        )
    for q in p.quotas:
        rule = {
            "max": q.max,
            "min": q.min,
            "exact": q.exact,
            "scope": q.scope if q.by is None else None,
            "by": q.by,
            "per": q.per,
            "allocation": q.allocation,
            "unused": q.unused.to if q.unused else None,
            "overflow": q.overflow.label if q.overflow else None,
        }
        facts[f"quota:{q.id}"] = (t("diff.fact.quota", label=q.label), _flatten(rule))
    if p.quota_units is not None:
        facts["quota_units"] = (t("diff.fact.quota_units"), {"separate": tuple(sorted(p.quota_units.separate))})
    if p.fund is not None:
        f = p.fund
        facts["fund"] = (t("diff.fact.fund"), {"basis": f.basis, "cap": f.cap, "period_years": f.period_years})
        for c in f.components:
            facts[f"fund:{c.id}"] = (t("diff.fact.fund_component", label=c.label), {"kind": c.kind, **c.args})
            for tr in c.tranches:
                facts[f"fund:{c.id}.{tr.id}"] = (
                    t("diff.fact.tranche", label=tr.label),
                    {"share": tr.share, "offset_years": tr.offset_years},
                )
        for sp in f.splits:
            facts[f"split:{sp.id}"] = (t("diff.fact.split", label=sp.label), {"op": sp.op, "share": sp.share})
    for ev in p.timeline:
        e = ev.spec
        facts[f"event:{e.id}"] = (
            t("diff.fact.event", title=e.title),
            {
                k: getattr(e, k)
                for k in (
                    "kind",
                    "date",
                    "start",
                    "end",
                    "month",
                    "day",
                    "after",
                    "offset_days",
                    "offset_workdays",
                    "offset_months",
                )
                if getattr(e, k) is not None
            },
        )
    return facts


def _program_rows(a: Program, b: Program) -> list[Row]:
    fa, fb = _program_facts(a), _program_facts(b)
    rows = []
    for key in list(fa) + [k for k in fb if k not in fa]:
        if key not in fb:
            rows.append(Row("program", key, None, fa[key][0], "only_a"))
        elif key not in fa:
            rows.append(Row("program", None, key, fb[key][0], "only_b"))
        else:
            changes = _compare(fa[key][1], fb[key][1])
            rows.append(Row("program", key, key, fb[key][0], "changed" if changes else "same", changes, "id"))
    return rows


def _show(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    return str(v)


def _jsonable(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_jsonable(x) for x in v]
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v
