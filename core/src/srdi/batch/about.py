"""What a result workbook says about itself: its title and its 说明 sheet, for ``srdi batch`` and ``srdi whatif``.

The CLI and the web service write the same files from the same table; both take
their titles and 说明 lines from here, so a workbook downloaded from the page is the
one the command writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..engine.outcomes import Verdict
from ..i18n import t, tn
from .screen import adjustment_note

#: The sheet of ``srdi batch``'s results and of ``srdi whatif``'s changes.
BATCH_SHEET, WHATIF_SHEET = "初审结果", "结论变化"


def about(input_name: str, on: dt.date, programs: Sequence[Any], catalog: Any) -> list[tuple[str, str]]:
    """The 说明 sheet's first lines: the input, the date, the programs with their notices, the parameters adjusted."""
    items = [("输入文件", input_name), ("评价日期", on.isoformat())]
    for p in programs:
        items.append(("项目", f"{p.title}（{p.id}；{p.doc_number} {p.origin.clause}）"))
        changed = catalog.adjustments(p)
        if changed:
            items.append(("参数调整", f"{p.id}{adjustment_note(changed)}：条件名称为通知原文，所测数值为调整后的值"))
    return items


def verdict_counts(row: Any) -> str:
    """How many rows got each verdict, as ``符合条件 3，不符合条件 2`` (verdicts with none left out)."""
    return t("list.parts").join(t("batch.count", verdict=Verdict(k).label, n=int(v)) for k, v in row.items() if v)


def data_errors(table: Any) -> list[tuple[str, str]]:
    """The 说明 sheet's line on data errors (none when every row is clean)."""
    bad = len(table.rows_with_errors())
    return [("数据错误", f"{bad} 行，见“数据错误”列")] if bad else []


def batch_about(
    input_name: str, on: dt.date, programs: Sequence[Any], catalog: Any, counts: Any, table: Any
) -> list[tuple[str, str]]:
    """``srdi batch``'s 说明 sheet: :func:`about`, each program's verdict counts, the rows with data errors."""
    items = about(input_name, on, programs, catalog)
    items += [(f"结论统计：{catalog.program(str(pid)).title}", verdict_counts(row)) for pid, row in counts.iterrows()]
    return items + data_errors(table)


def read_lines(table: Any, name: str) -> list[str]:
    """What was worked out in reading file ``name``: its encoding, the sheet read of a workbook of several."""
    lines = [t("batch.encoding", file=name, encoding=table.encoding)] if table.encoding else []
    if table.sheet is not None:
        lines.append(t("batch.sheet", file=name, sheet=table.sheet))
    return lines


def note_lines(table: Any, name: str) -> list[str]:
    """The reader's warnings about file ``name`` (a header it read in another unit, a column it left out, …)."""
    return [t("batch.file_note", file=name, note=note) for note in table.notes]


def batch_lines(counts: Any, table: Any, catalog: Any, programs: Sequence[Any]) -> list[str]:
    """What ``srdi batch`` says when done: each program's verdict counts, the parameters adjusted, the rows with data errors."""
    lines = [t("batch.counts", program=pid, counts=verdict_counts(row)) for pid, row in counts.iterrows()]
    return lines + adjusted_lines(catalog, programs) + data_error_lines(table)


def adjusted_lines(catalog: Any, programs: Sequence[Any]) -> list[str]:
    """One line per program screened with overridden parameters: the output's wording is the notice's."""
    out = []
    for p in programs:
        changed = catalog.adjustments(p)
        if changed:
            out.append(t("batch.adjusted", program=p.id, names=adjustment_note(changed)))
    return out


def data_error_lines(table: Any) -> list[str]:
    """How many rows have a data error, pointing at the output's 数据错误 column (nothing when every row is clean)."""
    bad = len(table.rows_with_errors())
    return [tn("batch.data_errors", bad, n=bad)] if bad else []


def batch_title(on: dt.date) -> str:
    """The title above ``srdi batch``'s results."""
    return f"初审结果（评价日期 {on.isoformat()}）"


def whatif_about(
    input_name: str, on: dt.date, shown: Sequence[Any], catalog: Any, change: Any, rows: int
) -> list[tuple[str, str]]:
    """``srdi whatif``'s 说明 sheet: :func:`about` and how many of ``rows`` changed verdict.

    Then, when any of the rows that changed has a data error, how many do.
    """
    items = about(input_name, on, shown, catalog)
    changed = f"{change.label_before} → {change.label_after}：{change.changed} / {rows} 行结论改变"
    bad = change.with_errors
    errors = [("数据错误", f"结论改变的行中 {bad} 行，见“数据错误”列")] if bad else []
    return [*items, ("比较", changed), *errors]


def whatif_lines(change: Any, rows: int) -> list[str]:
    """What ``srdi whatif`` says when done: how many of ``rows`` changed verdict, each change of verdict in words.

    Then, when any of the rows that changed has a data error, how many do.
    """
    lines = [
        t("whatif.changed", changed=change.changed, total=rows, before=change.label_before, after=change.label_after)
    ]
    for before, row in change.transitions.iterrows():
        for after, count in row.items():
            if count and before != after:
                lines.append(
                    t("whatif.transition", before=verdict_words(before), after=verdict_words(after), n=int(count))
                )
    if change.with_errors:
        lines.append(tn("whatif.data_errors", change.with_errors, n=change.with_errors))
    return lines


def verdict_words(name: Any) -> str:
    """A verdict code in words (anything else as it is)."""
    try:
        return Verdict(str(name)).label
    except ValueError:
        return str(name)


def whatif_title(shown: Sequence[Any], overrides: Mapping[str, Any]) -> str:
    """The title above ``srdi whatif``'s changes: the two programs, or the program and the parameters set."""
    if len(shown) > 1:
        return f"结论变化：{shown[0].title} → {shown[1].title}"
    return f"结论变化：{shown[0].title}（{'，'.join(f'{k}={v}' for k, v in overrides.items())}）"
