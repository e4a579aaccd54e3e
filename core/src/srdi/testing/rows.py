"""What a screened table's row should say of a firm, derived from the firm's own explained result.

Screening a table (:func:`srdi.batch.screen`) and checking one firm
(:meth:`srdi.Catalog.evaluate`) are separate paths through the engine: the first
decides some criteria once for the table, packs each row's deciding criteria in bits
and words them per distinct set; the second explains one firm directly.
:func:`expected_row` turns the second into what the first must print, so a test can
assert the two agree row by row, for any program of any plugin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..batch.screen import reason_labels, reason_separator
from ..i18n import t as message
from ..programs import Program
from ..results import CriterionResult, GroupResult, ProgramResult

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..profile import Profile

#: The outcomes a row lists its deciding criteria under, by output column.
REASON_COLUMNS = ("not_met", "unknown", "review")
_FLIP = {"met": "not_met", "not_met": "met"}


def deciding(program: Program, single: ProgramResult) -> list[CriterionResult]:
    """The single result's deciding criteria, each once, in the rule's order.

    A criterion two groups share appears under each in the single result; a row names
    it once, where the rule first reaches it.
    """
    by_id = {c.id: c for c in single.decisive()}
    return [by_id[node] for node in program.node_ids() if node in by_id]


def expected_row(program: Program, single: ProgramResult) -> dict[str, str | None]:
    """The verdict, the reasons under each outcome and the gaps a row of ``screen`` shows for this firm.

    An exclusion that holds is listed as not met, led by 触发排除： (in the language chosen); each criterion is
    named as :func:`srdi.batch.screen.reason_labels` names it; a column with nothing
    to list is None (missing), as in the screened frame.
    """
    labels = reason_labels(program)
    sep = reason_separator()
    found = deciding(program, single)
    row: dict[str, str | None] = {"verdict": single.verdict.value}
    for outcome in REASON_COLUMNS:
        named = []
        for c in found:
            seen = _FLIP.get(c.outcome.value, c.outcome.value) if c.role == "exclusion" else c.outcome.value
            if seen == outcome:
                holds = c.role == "exclusion" and outcome == "not_met"
                named.append(message("batch.exclusion_holds", label=labels[c.id]) if holds else labels[c.id])
        row[outcome] = sep.join(named) or None
    gaps = [c.gap for c in found if c.outcome.value == "not_met" and c.role != "exclusion" and c.gap]
    row["gaps"] = sep.join(gaps) or None
    return row


def assert_table_reads_back(catalog: Catalog, pool: Sequence[Profile], program: str | Program, on: dt.date) -> None:
    """The firms written as a bureau's table and read back screen as each firm checked alone.

    The table has Chinese headers, choice labels and titles by name and year
    (:func:`srdi.batch.write.profiles_table`); read back with the catalog's plugins, no
    cell may be refused, and each row must give its firm's outcome of every criterion
    and group, its verdict, and its row number (the firms' order, from 1). ``program``
    is an id or a program (one with a reading or value of its own, say).
    """
    from ..batch import read_table, screen
    from ..batch.write import profiles_table
    from ..engine.outcomes import CODE_TO_OUTCOME

    singles = [catalog.evaluate(p, program, on) for p in pool]
    table = read_table(profiles_table(pool, catalog.vocabulary, catalog.titles), catalog)
    assert not table.errors, f"cells refused: {dict(table.errors)}"
    result = screen(catalog, table, [program], on)
    codes = result.programs[catalog.program(program).id].codes
    for i, single in enumerate(singles):
        nodes: list[CriterionResult | GroupResult] = [*single.criteria, *single.groups]
        for node in nodes:
            got = CODE_TO_OUTCOME[int(codes[node.id][i])]
            assert got == node.outcome, f"row {i + 1}, {node.id}: {got} in the table, {node.outcome} alone"
        assert result.frame["verdict"].iloc[i] == single.verdict.value, f"row {i + 1}: verdict"
    assert list(result.frame["row"]) == list(range(1, len(pool) + 1)), "row numbers"


def assert_alone_as_in_frames(catalog: Catalog, pool: Sequence[Profile], program: str | Program, on: dt.date) -> None:
    """Each firm checked alone explains itself as its row of the firms' frame does, and as their read-back table.

    The scalar path (``Catalog.evaluate``, each condition type's one-enterprise
    evaluator) and the columnar path (``Catalog.run`` over :meth:`Catalog.frame`,
    explained row by row) must give the same result, criterion by criterion: outcome,
    figures, threshold, gap and note. Then :func:`assert_table_reads_back`.
    """
    singles = [catalog.evaluate(p, program, on) for p in pool]
    run = catalog.run(program, catalog.frame(pool), on)
    for i, single in enumerate(singles):
        assert run.result(i) == single, f"firm {i + 1}: alone and in a frame differ"
    assert_table_reads_back(catalog, pool, program, on)
