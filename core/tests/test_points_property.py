"""Points tables: one enterprise scored alone says what its row of a frame says.

The points tables of 浙江 (浙经信企业〔2021〕165号 附件5, 隐形冠军: assessors' scores,
formulas over a mean of two years' R&D ratios and full years since registration, best of
several ways, gated formulas), 吉林 (the 2021–2025 plan's 认定参考指标: points shared by
attested and flagged items) and 山西 (晋企发〔2021〕6号: bonuses of unstated size). Hypothesis
draws firms whose facts sit at the thresholds of each program's criteria and of the
criteria its items depend on (``when``, attestations), whose formula figures sit where a
formula meets its bounds (``min``/``max``), and whose assessors' scores sit at, inside
and outside each item's span, or are missing. Each table is tried as the notice prints
it and with a pass mark at the first firm's score (so that one firm sits exactly at it).

Each firm alone (``Catalog.evaluate``: the table's one-enterprise evaluator, plain
Python) and all of them as one frame (``Catalog.run``, NumPy, explained row by row) must
give every criterion the same outcome and the same explained result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srdi
from srdi.engine.formula import Formula
from srdi.engine.outcomes import CODE_TO_OUTCOME
from srdi.programs import Criterion, Program
from srdi.testing.strategies import profiles

for _plugin in ("srdi_zhejiang", "srdi_jilin", "srdi_shanxi"):
    pytest.importorskip(_plugin)

CATALOG = srdi.load(["zhejiang", "jilin", "shanxi"])
#: each points program on a day of its round (浙江 三 2021-10-28…11-15; 吉林 before 7月20日; 山西 2021)
CASES = [
    ("zhejiang.hidden-champion-2021", dt.date(2021, 11, 1)),
    ("jilin.srdi-sme-plan", dt.date(2021, 7, 10)),
    ("shanxi.srdi-project-2021", dt.date(2021, 5, 1)),
]
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _points(program: Program) -> list[Criterion]:
    return [c for c in program.criteria.values() if c.type == "points"]


def _items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every item of a list of items, those of a ``best_of`` too."""
    for it in items:
        yield it
        yield from _items(list(it.get("best_of", ())))


def _table_items(program: Program) -> list[tuple[Criterion, dict[str, Any]]]:
    return [(c, it) for c in _points(program) for sec in c.args["sections"] for it in _items(list(sec["items"]))]


def _bounds_met(it: dict[str, Any]) -> list[float]:
    """The values of a one-figure formula's figure at which the formula reaches the item's ``min`` and ``max``.

    Read from the formula itself, as a straight line through its values at 0 and 1.
    """
    formula = Formula(it["formula"])
    if len(formula.names) != 1:
        return []
    (name,) = formula.names
    at0 = formula.evaluate_one({name: 0.0})
    slope = formula.evaluate_one({name: 1.0}) - at0
    if slope == 0:
        return []
    return [(float(it[b]) - at0) / slope for b in ("min", "max") if it.get(b) is not None]


def _drawn_with(program: Program) -> Program:
    """``program`` with the criteria its points tables depend on as criteria of its own, for the strategy to aim at.

    A ``when`` criterion and an attested item as themselves; a formula's figure as a criterion on the same
    metric (or on the years since the same date) at the values where the formula meets its bounds. Only drawn
    with, never compiled.
    """
    extra: dict[str, Criterion] = {}

    def add(crit: Criterion, kind: str, args: dict[str, Any]) -> None:
        cid = f"{crit.id}.drawn-{len(extra)}"
        extra[cid] = Criterion(cid, cid, kind, args, crit.origin, benchmarks=crit.benchmarks)

    for crit, it in _table_items(program):
        for cond in it.get("when", ()):
            add(crit, cond["type"], {k: v for k, v in cond.items() if k != "type"})
        if it.get("attest") is not None:
            add(crit, "attest", {"key": it["attest"]})
        for fig in it.get("vars", {}).values():
            for at in _bounds_met(it) or [0.0]:
                if fig.get("years_since") is not None:
                    # at least a year: a firm registered after the day evaluated is refused, not scored
                    add(crit, "years_since", {"fact": fig["years_since"], "op": ">=", "value": max(round(at), 1)})
                else:
                    keys = {"sum": list(fig["sum"])} if fig.get("sum") else {"metric": fig["metric"]}
                    span = {"years": fig.get("years", 1), "year_offset": fig.get("year_offset", 0)}
                    add(crit, "compare", {**keys, **span, "op": ">=", "value": at, "combine": "each"})
    return attrs.evolve(program, criteria={**program.criteria, **extra})


def _score(low: float, high: float) -> st.SearchStrategy[float | None]:
    """An assessor's score: missing, at or beside the span's ends, inside it, or anywhere near it."""
    pts = sorted({low - 1, low, (low + high) / 2, high, high + 1, high + 0.5})
    return st.one_of(st.none(), st.sampled_from(pts), st.floats(0, high + 5).map(lambda x: round(x, 1)))


@st.composite
def _scores(draw: Any, program: Program) -> dict[str, float]:
    out = {}
    for _, it in _table_items(program):
        if it.get("judged") is not None:
            low = float(it.get("min", 0.0))
            high = float(it.get("max", low + 10))
            v = draw(_score(low, high))
            if v is not None:
                out[it["judged"]] = v
    return out


@st.composite
def _pool(draw: Any, program: Program, on: dt.date) -> list:
    firms = draw(profiles(CATALOG, [_drawn_with(program)], on, max_size=6))
    return [attrs.evolve(p, scores=draw(_scores(program))) for p in firms]


def _with_pass_mark(program: Program, crit: Criterion, mark: float) -> Program:
    changed = attrs.evolve(crit, args={**crit.args, "pass_mark": mark})
    return attrs.evolve(program, criteria={**program.criteria, crit.id: changed}, overridden=(f"{crit.id}.pass_mark",))


def test_the_programs_have_the_tables_drawn_for():
    # each program scores with a table: 浙江's formulas and scores, 吉林's shared points, 山西's unstated bonuses
    kinds = {
        pid: {k for _, it in _table_items(CATALOG.program(pid)) for k in ("formula", "judged", "attest") if k in it}
        for pid, _ in CASES
    }
    assert kinds["zhejiang.hidden-champion-2021"] == {"formula", "judged"}
    assert "attest" in kinds["jilin.srdi-sme-plan"]
    assert "attest" in kinds["shanxi.srdi-project-2021"]


@pytest.mark.parametrize("mark", ["as-printed", "at-first-firm"])
@pytest.mark.parametrize(("program", "on"), CASES, ids=[p for p, _ in CASES])
@SETTINGS
@given(data=st.data())
def test_a_points_table_scores_a_firm_alone_as_in_a_frame(program, on, mark, data):
    prog = CATALOG.program(program)
    pool = data.draw(_pool(prog, on))
    if mark == "at-first-firm":
        # the first firm's score as the pass mark: it sits exactly at it (the others around it)
        first = CATALOG.evaluate(pool[0], prog, on)
        for crit in _points(prog):
            prog = _with_pass_mark(prog, crit, first.criterion(crit.id).values["得分"])
    singles = [CATALOG.evaluate(p, prog, on) for p in pool]
    run = CATALOG.run(prog, CATALOG.frame(pool), on)
    for i, single in enumerate(singles):
        for c in single.criteria:
            assert CODE_TO_OUTCOME[int(run.codes[c.id][i])] == c.outcome, (i, c.id)
        if prog.kind == "funding":
            # Catalog.evaluate's pointer to ``srdi fund`` for a funding program: the program's note, not a criterion's
            single = attrs.evolve(single, notes=single.notes[:-1])
        # the whole explained result: the score, pending points, sections, items, threshold, gap and note
        assert run.result(i) == single, i
