"""Selection rules: how eligible candidates are ranked when a quota limits how many go on.

A program's ``[programs.selection]`` names a rule and gives the notice's stated
preferences as data: ``priorities`` (优先 / ★ items: criteria that, when they
hold, put a candidate ahead) and ``indicators`` (择优 by a quantified figure). The
built-in ``priority`` rule ranks by the priorities in order, then the indicators in
order; remaining ties keep the order of the input, and the output says so.
Plugins add rules through ``srdi_register_selection_rules``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .engine.outcomes import MET
from .errors import UnknownNameError, suggest

if TYPE_CHECKING:
    import numpy as np

    from .engine.columns import Columns
    from .engine.evaluation import Evaluated
    from .notices.model import SelectionSpec
    from .programs import Program


@frozen
class SelectionContext:
    """What a rule may consult besides the candidates' columns.

    ``conditions(items, where)`` evaluates criteria written as in a rule tree
    (``{type = "compare", …}``) over the candidates and returns one outcome array
    per item; ``evaluate(criterion_id)`` evaluates one of the program's criteria over
    them (a points table's total is in the result's ``score``).
    """

    program: Program
    spec: SelectionSpec | None
    on: dt.date
    reference_year: int
    conditions: Callable[[Sequence[Mapping[str, Any]], str], list[np.ndarray]]
    evaluate: Callable[[str], Evaluated] | None = None


@frozen
class SelectionRule:
    """A named ranking.

    ``score(columns, context)`` gives one number per candidate (shape ``(n,)``), or
    several keys compared in order (shape ``(k, n)``, the first most significant);
    higher ranks first. ``explain(columns, context, i)``, when given, says in a few
    words why candidate ``i`` ranks where it does.
    """

    name: str
    score: Callable[[Columns, SelectionContext], np.ndarray]
    doc: str
    origin: str = "srdi"
    explain: Callable[[Columns, SelectionContext, int], str] | None = None


def _priority_keys(cols: Columns, ctx: SelectionContext) -> tuple[list[np.ndarray], list[np.ndarray]]:
    import numpy as np

    spec = ctx.spec
    pri: list[np.ndarray] = []
    ind: list[np.ndarray] = []
    if spec is None:
        return pri, ind
    for j, p in enumerate(spec.priorities):
        codes = ctx.conditions(p.when, f"selection.priorities[{j}].when")
        held = np.ones(cols.n, dtype=bool)
        for c in codes:
            held &= c == MET
        pri.append(held.astype(np.float64))
    for ind_spec in spec.indicators:
        if ind_spec.points is not None:
            x = points_total(ctx, ind_spec.points)
        else:
            assert ind_spec.metric is not None
            metrics = cols.metrics
            metrics.check(ind_spec.metric)
            year = ctx.reference_year + ind_spec.year_offset if metrics.yearly(ind_spec.metric) else None
            x = np.asarray(cols.metric(ind_spec.metric, year), dtype=np.float64)
        x = x if ind_spec.order == "desc" else -x
        ind.append(np.where(np.isnan(x), -np.inf, x))  # a missing figure ranks last
    return pri, ind


def points_total(ctx: SelectionContext, criterion: str) -> np.ndarray:
    """The points each candidate earns in the program's points table ``criterion`` (pending points not counted)."""
    crit = ctx.program.criteria.get(criterion)
    if crit is None or crit.type != "points" or ctx.evaluate is None:
        raise UnknownNameError(
            f"selection indicator points = {criterion!r}: {ctx.program.id} has no points criterion of that id"
            + suggest(criterion, [c.id for c in ctx.program.criteria.values() if c.type == "points"])
        )
    import numpy as np

    score = getattr(ctx.evaluate(criterion), "score", None)
    assert score is not None
    return np.asarray(score, dtype=np.float64)


def _priority_score(cols: Columns, ctx: SelectionContext) -> np.ndarray:
    import numpy as np

    pri, ind = _priority_keys(cols, ctx)
    keys = pri + ind
    if not keys:
        return np.zeros(cols.n)
    return np.vstack(keys)


def _priority_explain(cols: Columns, ctx: SelectionContext, i: int) -> str:
    import numpy as np

    spec = ctx.spec
    if spec is None or (not spec.priorities and not spec.indicators):
        return "通知未规定择优顺序：按输入顺序"
    pri, ind = _priority_keys(cols, ctx)
    parts = [f"{'✓' if k[i] == 1.0 else '✗'}{p.label}" for p, k in zip(spec.priorities, pri)]
    for s, k in zip(spec.indicators, ind):
        v = k[i] if s.order == "desc" else -k[i]
        parts.append(f"{s.label}={'—' if np.isinf(v) else f'{v:g}'}")
    return "；".join(parts)


def builtin_selection_rules() -> list[SelectionRule]:
    """The selection rules srdi defines."""
    return [
        SelectionRule(
            "priority",
            _priority_score,
            "The notice's stated priorities in order (a candidate they hold for ranks first), then its "
            "quantified indicators in order; ties keep the order of the input.",
            explain=_priority_explain,
        )
    ]
