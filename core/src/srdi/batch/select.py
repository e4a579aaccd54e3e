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
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define, frozen

from ..engine.columns import Columns
from ..engine.outcomes import MET, UNKNOWN
from ..errors import NoticeError, Problem, UnknownNameError, suggest
from ..notices.model import QuotaSpec
from ..programs import Program
from ..regions import NATIONAL, lineage
from ..selection import SelectionContext, SelectionRule
from .read import Table
from .screen import COLUMNS as SCREEN_COLUMNS
from .screen import VERDICT_LABELS, VERDICT_NAMES, Screening, screen

if TYPE_CHECKING:
    from ..catalog import Catalog

#: Output columns of a selection and their Chinese headers (the first six as a screening's).
COLUMNS: dict[str, str] = {
    **{k: SCREEN_COLUMNS[k] for k in ("row", "name", "credit_code", "title", "program", "verdict")},
    "rank": "排序",
    "selected": "是否入选",
    "cut_by": "限额",
    "reason": "说明",
    "basis": "排序依据",
}


@frozen
class QuotaUse:
    """How full one quota group ended up."""

    quota: str
    label: str
    group: str
    limit: int
    used: int
    clause: str


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
                f"unknown selection rule {name!r}{suggest(name, catalog.selection_rules)}",
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

    ctx = SelectionContext(program, program.selection, on, year, conditions)
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


def _group_of(catalog: Catalog, quota: QuotaSpec, region: str | None, per: dict[str, str]) -> str | None:
    """The quota group a candidate registered in ``region`` counts under (None: the quota does not cover it)."""
    if quota.per:
        if region is None:
            return "（注册地未知）"
        for code in lineage(region):
            if code in per:
                return code
        return None
    if quota.scope in ("program", "national", NATIONAL):
        return NATIONAL
    if region is None:
        return "（注册地未知）"
    if quota.scope == "province":
        return region[:2] + "0000"
    if quota.scope == "city":
        return region[:4] + "00"
    return region


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


def select(
    catalog: Catalog,
    table: Table | pd.DataFrame,
    program: str | Program,
    on: dt.date,
    screening: Screening | None = None,
) -> Selection:
    """Rank the eligible rows of ``table`` for ``program`` and apply its quotas."""
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

    region_all = catalog.metrics.compute(Columns(table.frame, catalog.metrics, prog.year_for(on)), "region_code", None)
    quotas = list(prog.quotas)
    applies: list[np.ndarray] = []
    for j, q in enumerate(quotas):
        mask = np.ones(len(cand), dtype=bool)
        for codes in catalog.conditions(prog, q.where, frame, on, f"quotas[{j}].where"):
            # a condition that cannot be decided counts the candidate against the quota (the stricter reading)
            mask &= (codes == MET) | (codes == UNKNOWN)
        applies.append(mask)
    per_codes = [_per_codes(catalog, prog, q) for q in quotas]

    used: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    rank_col = np.full(n, None, dtype=object)
    selected = np.zeros(n, dtype=bool)
    cut_by = np.full(n, None, dtype=object)
    reason = np.full(n, None, dtype=object)
    basis_col = np.full(n, None, dtype=object)
    notes: list[str] = []
    for r, pos in enumerate(order, start=1):
        i = int(cand[pos])
        rank_col[i] = r
        basis_col[i] = basis[r - 1] or None
        region = region_all[i] if isinstance(region_all[i], str) else None
        full = None
        groups: list[tuple[int, str]] = []
        for j, q in enumerate(quotas):
            if not applies[j][pos]:
                continue
            g = _group_of(catalog, q, region, per_codes[j])
            if g is None:
                continue
            limit = q.per[per_codes[j][g]] if q.per and g in per_codes[j] else q.max
            if used.get((q.id, g), 0) >= limit or (q.per and totals.get(q.id, 0) >= q.max):
                full = (q, g, limit if used.get((q.id, g), 0) >= limit else q.max)
                break
            groups.append((j, g))
        if full is None:
            selected[i] = True
            for j, g in groups:
                used[(quotas[j].id, g)] = used.get((quotas[j].id, g), 0) + 1
                totals[quotas[j].id] = totals.get(quotas[j].id, 0) + 1
            reason[i] = f"入选：第{r}名"
        else:
            q, g, limit = full
            cut_by[i] = q.id
            where = "" if g == NATIONAL else f"（{_region_name(catalog, g)}）"
            origin = prog.quota_origins.get(q.id)  # an inherited quota cites the notice that set it
            notice = origin.notice if origin is not None else prog.doc_number
            reason[i] = f"未入选：第{r}名，{q.label}{where}已达上限{limit}家（{notice} {q.clause}）"
            if tied[r - 1]:
                reason[i] += "；与前一名排序依据相同，按输入顺序排后"
    for i in map(int, np.flatnonzero(verdict != MET)):
        reason[i] = f"非候选：{VERDICT_LABELS[verdict[i]]}"
    if prog.selection is None:
        notes.append(f"{prog.id} states no selection priority: eligible candidates keep the order of the input")
    usage = []
    for j, q in enumerate(quotas):
        groups_seen = sorted({g for (qid, g) in used if qid == q.id})
        for g in groups_seen or [NATIONAL]:
            limit = q.per[per_codes[j][g]] if q.per and g in per_codes[j] else q.max
            usage.append(QuotaUse(q.id, q.label, g, limit, used.get((q.id, g), 0), q.clause))
    out = pd.DataFrame(
        {
            "row": pd.Series(table.rows, dtype=np.int64),
            "name": pd.Series(table.identity("name"), dtype=object),
            "credit_code": pd.Series(table.identity("credit_code"), dtype=object),
            "title": pd.Series(np.full(n, prog.title, dtype=object), dtype=object),
            "program": pd.Series(np.full(n, prog.id, dtype=object), dtype=object),
            "verdict": pd.Series(VERDICT_NAMES[verdict], dtype=object),
            "rank": pd.Series(rank_col, dtype=object),
            "selected": pd.Series(selected, dtype=bool),
            "cut_by": pd.Series(cut_by, dtype=object),
            "reason": pd.Series(reason, dtype=object),
            "basis": pd.Series(basis_col, dtype=object),
        }
    )
    return Selection(out, usage, _rule(catalog, prog).name, notes, screening)


def _region_name(catalog: Catalog, code: str) -> str:
    r = catalog.regions.by_code.get(code)
    return r.name if r is not None else code
