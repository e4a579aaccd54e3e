"""What-if: which enterprises change verdict when a parameter changes, or under another program.

:func:`whatif` screens a pool under a program as published and under named
overrides (``min_revenue=2500``, ``rd_years=each``), checked whole before anything
runs, and reports every row whose verdict changed with the criteria whose outcome
changed. :func:`compare` screens the same pool under two programs (the 2021 and
2024 key little giant rules) and reports the rows on which they disagree, with
each program's reasons.

Each listed row carries its data errors and warnings as ``srdi batch`` writes them:
a verdict that changed on a row with an unreadable cell says so beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define

from ..engine.outcomes import CODE_TO_OUTCOME
from ..i18n import t as message
from ..programs import Program
from .read import Table
from .screen import COLUMNS as SCREEN_COLUMNS
from .screen import (
    VERDICT_LABELS,
    VERDICT_NAMES,
    Screening,
    reason_labels,
    reason_separator,
    screen,
    with_checked_overrides,
)

if TYPE_CHECKING:
    from ..catalog import Catalog


def outcome_names() -> list[str]:
    """Each outcome code's words in the language of messages (符合, 不符合 …; met, not met … in English)."""
    return [CODE_TO_OUTCOME[code].label for code in sorted(CODE_TO_OUTCOME)]


#: Output columns of a what-if and their Chinese headers.
COLUMNS: dict[str, str] = {
    "row": "行号",
    "name": "企业名称",
    "credit_code": "统一社会信用代码",
    "before": "原结论",
    "before_label": "原结论（中文）",
    "after": "新结论",
    "after_label": "新结论（中文）",
    "why": "原因",
    **{k: SCREEN_COLUMNS[k] for k in ("error", "warning")},
}


@define
class Change:
    """Rows whose verdict differs between two screenings, and a count of every transition."""

    frame: pd.DataFrame
    transitions: pd.DataFrame
    before: Screening
    after: Screening
    label_before: str
    label_after: str

    @property
    def changed(self) -> int:
        """How many rows changed verdict."""
        return len(self.frame)

    @property
    def with_errors(self) -> int:
        """How many of the rows that changed verdict have a data error."""
        return int(self.frame["error"].notna().sum())


def _transitions(a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    t = pd.crosstab(pd.Series(VERDICT_NAMES[a], name="before"), pd.Series(VERDICT_NAMES[b], name="after"))
    return t


def _ids(table: Table) -> tuple[np.ndarray, np.ndarray]:
    return table.identity("name"), table.identity("credit_code")


def whatif(
    catalog: Catalog,
    table: Table | pd.DataFrame,
    program: str | Program,
    on: dt.date,
    overrides: Mapping[str, Any],
) -> Change:
    """Screen ``table`` under ``program`` and under ``overrides``; report the rows that change verdict and why."""
    base = catalog.program(program)
    changed_prog = with_checked_overrides(base, overrides)  # refuses the whole set before anything runs
    before = screen(catalog, table, [base], on, gaps=False)
    after = screen(catalog, before.table, [changed_prog], on, gaps=False)
    a, b = before.programs[base.id], after.programs[base.id]
    rows = np.flatnonzero(a.verdict != b.verdict)
    why = np.full(len(rows), None, dtype=object)
    leaves = [c for c in base.node_ids() if c in base.criteria]
    named = reason_labels(changed_prog)  # as a screened row's reasons name them: with clause, told apart
    outcomes, parts = outcome_names(), message("list.parts")
    for cid in leaves:
        diff = a.codes[cid][rows] != b.codes[cid][rows]
        if not diff.any():
            continue
        for k in np.flatnonzero(diff):
            i = rows[k]
            before_, after_ = outcomes[a.codes[cid][i]], outcomes[b.codes[cid][i]]
            text = message("whatif.why", criterion=named[cid], before=before_, after=after_)
            why[k] = text if why[k] is None else f"{why[k]}{parts}{text}"
    settings = message("batch.settings_sep").join(f"{k}={v}" for k, v in overrides.items())
    label = message("whatif.adjusted_program", program=base.id, settings=settings)
    return _change(before, after, a.verdict, b.verdict, rows, why, base.id, label)


def compare(
    catalog: Catalog,
    table: Table | pd.DataFrame,
    program_a: str | Program,
    program_b: str | Program,
    on: dt.date,
    on_b: dt.date | None = None,
) -> Change:
    """Screen ``table`` under two programs; report the rows whose verdicts differ with each side's reasons."""
    pa, pb = catalog.program(program_a), catalog.program(program_b)
    first = screen(catalog, table, [pa], on, gaps=False)
    second = screen(catalog, first.table, [pb], on_b or on, gaps=False)
    va, vb = first.programs[pa.id].verdict, second.programs[pb.id].verdict
    rows = np.flatnonzero(VERDICT_NAMES[va] != VERDICT_NAMES[vb])
    fa, fb = first.for_program(pa.id), second.for_program(pb.id)
    why = np.full(len(rows), None, dtype=object)
    sep, all_met = reason_separator(), message("whatif.all_met")
    for k, i in enumerate(rows):
        parts = []
        for prog, f in ((pa, fa), (pb, fb)):
            cells: list[Any] = [f.at[i, "not_met"], f.at[i, "unknown"], f.at[i, "review"]]
            # a screened cell joins its reasons with the separator of parts of this run's language, as this does
            reasons = [r for x in cells if pd.notna(x) for r in str(x).split(sep) if r]
            parts.append(message("whatif.side", program=prog.id, reasons=sep.join(reasons) if reasons else all_met))
        why[k] = " | ".join(parts)
    return _change(first, second, va, vb, rows, why, pa.id, pb.id)


def _change(
    before: Screening,
    after: Screening,
    a: np.ndarray,
    b: np.ndarray,
    rows: np.ndarray,
    why: np.ndarray,
    label_a: str,
    label_b: str,
) -> Change:
    table = before.table
    name, code = _ids(table)
    frame = pd.DataFrame(
        {
            "row": pd.Series(table.rows[rows], dtype=np.int64),
            "name": pd.Series(name[rows], dtype=object),
            "credit_code": pd.Series(code[rows], dtype=object),
            "before": pd.Series(VERDICT_NAMES[a[rows]], dtype=object),
            "before_label": pd.Series(VERDICT_LABELS[a[rows]], dtype=object),  # the code for machines, words for people
            "after": pd.Series(VERDICT_NAMES[b[rows]], dtype=object),
            "after_label": pd.Series(VERDICT_LABELS[b[rows]], dtype=object),
            "why": pd.Series(why, dtype=object),
            # a row's data errors and warnings, as a screening shows them: the change may rest on a cell set aside
            "error": pd.Series(table.error_column()[rows], dtype=object),
            "warning": pd.Series(table.warning_column()[rows], dtype=object),
        }
    )
    return Change(frame, _transitions(a, b), before, after, label_a, label_b)
