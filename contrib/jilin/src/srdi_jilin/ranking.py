"""Ranking candidates by Jilin's 认定参考指标, without deciding who is eligible.

The 2021 认定 notice: "申报可大于分配数量，省里择优选取", and the reference table is
"作为各地区择优选取培育企业参考指标，不作为硬性规定". So eligibility comes from the
认定标准 alone; among eligible candidates, the reference points order them.

:func:`rank` evaluates a program over a frame of candidates and orders the eligible
ones by the points their sections (``jilin.points`` criteria) earn. The selection
rule ``jilin.reference-points`` scores a frame by the same table, as published in
the plan, for selection steps that rank by a rule's name.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import numpy as np
import pandas as pd

from srdi.engine.columns import Columns
from srdi.engine.conditions import Env
from srdi.selection import SelectionContext, SelectionRule

from .points import Scored

#: The program whose reference table the selection rule applies (附件4 of the 2021–2025 培育计划).
TABLE_PROGRAM = "jilin.srdi-sme-plan"
TYPE = "jilin.points"


def points_of(run: Any) -> tuple[np.ndarray, np.ndarray]:
    """(points earned, points pending) per enterprise, summed over the run's points sections."""
    leaves = [ev for ev in run.leaves.values() if isinstance(ev, Scored)]
    n = len(run.verdict_codes)
    earned = np.sum([ev.score for ev in leaves], axis=0) if leaves else np.zeros(n)
    pending = np.sum([ev.pending for ev in leaves], axis=0) if leaves else np.zeros(n)
    return earned, pending


def rank(catalog: Any, program: Any, frame: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Each candidate's verdict, reference points and, for the eligible, their rank (1 is first).

    Equal points share a rank (1, 2, 2, 4). Candidates that are not eligible keep their
    points, for information, and get no rank: the table never decides eligibility.
    """
    run = catalog.run(program, frame, on)
    earned, pending = points_of(run)
    verdicts = run.outcome_frame()["verdict"]
    out = pd.DataFrame(
        {"verdict": verdicts.to_numpy(), "reference_points": earned, "pending_points": pending}, index=frame.index
    )
    eligible = out["verdict"] == "eligible"
    ranks = out.loc[eligible, "reference_points"].rank(method="min", ascending=False)
    out["rank"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out.loc[eligible, "rank"] = ranks.astype("Int64")
    return out


@functools.cache
def _table_catalog() -> Any:
    import srdi

    return srdi.load(["jilin"])


def reference_points(cols: Columns, context: SelectionContext | None = None) -> np.ndarray:
    """Points each candidate earns under the 认定参考指标.

    The table of the program being selected when it carries one (``jilin.srdi-sme-2021``
    inherits the plan's), otherwise the table as the plan publishes it.
    """
    catalog = _table_catalog()
    program = catalog.program(TABLE_PROGRAM)
    if context is not None and any(c.type == TYPE for c in context.program.criteria.values()):
        program = context.program
    compiled = catalog.compiled(program)
    day = context.on if context is not None else dt.date(cols.reference_year, 12, 31)
    env = Env(day, cols.reference_year, catalog.titles)
    total = np.zeros(cols.n)
    for cid, crit in program.criteria.items():
        if crit.type == TYPE:
            ev = compiled.evaluators[cid](cols, env)
            assert isinstance(ev, Scored)
            total += ev.score
    return total


def selection_rule() -> SelectionRule:
    """``jilin.reference-points``: rank by the points of the 认定参考指标 (higher first)."""
    return SelectionRule(
        "jilin.reference-points",
        reference_points,
        "吉林省“专精特新”中小企业认定参考指标 (附件4, 2021–2025 培育计划): points earned, higher first; "
        "a reference for ranking, not a condition.",
        "srdi-jilin",
    )
