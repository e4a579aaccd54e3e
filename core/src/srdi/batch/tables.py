"""Official summary tables (汇总表) filled from a screened pool and written as .xlsx.

A table is a notice's ``[[forms]]`` entry with ``layout = "table"``: its sections
and fields give the columns, in order, with the notice's Chinese headers (a titled
section becomes a group header above its fields, as the printed tables have it).
Each cell is filled, in this order, from:

1. ``序号`` (a field ``row``, or a first column added when the form has none): 1, 2, 3 …;
2. the vocabulary fact the field names (``profile``, for ``year`` or the reference
   year when the fact is yearly); yes/no as 是/否, choices by their Chinese labels;
3. the metric a field is ``derived`` from;
4. the outcome of a rule-tree node of one of the form's programs with the field's id
   (``provincial_srdi`` → node ``provincial-srdi``): 是 / 否, or for a field whose
   choices are letters, the letters whose nodes ``<id>-<letter>`` are met
   (``category`` → ``category-a`` …);

and is left empty otherwise, which the notes under the table say. ``indicators``
appends one column per criterion of a checklist program (the 初核 indicators), ticked
√ where met. The notes also carry the form's own notes and its fields' definitions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define, field

from ..engine.columns import Columns
from ..engine.outcomes import MET, NOT_MET
from ..errors import Problem, SrdiError, UnknownNameError
from ..notices.model import FieldSpecForm, FormSpec
from .read import Table

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..programs import Program

ROW_FIELDS = {"row", "序号"}
_CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")
TICK = "√"


@define
class Column:
    """One column of a summary table: its group header (or None), its header, its cells."""

    group: str | None
    header: str
    values: list[Any]


@define
class SummaryTable:
    """A filled summary table, ready to write."""

    form: FormSpec
    notice: str
    columns: list[Column]
    caption: str | None = None
    notes: list[str] = field(factory=list)

    @property
    def frame(self) -> pd.DataFrame:
        """The cells as a frame, headers ``group / header`` where a group header stands above."""
        data = {}
        for c in self.columns:
            data[f"{c.group} / {c.header}" if c.group else c.header] = c.values
        return pd.DataFrame(data)


def _display(spec: Any, value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if spec is None:
        return value.item() if isinstance(value, np.generic) else value
    if spec.kind == "bool":
        return "是" if value == 1.0 else "否"
    if spec.kind == "choice":
        return next((c.label for c in spec.choices if c.value == value), value)
    if spec.kind == "date":
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and spec.kind in ("integer", "count"):
        return int(value)
    if isinstance(value, float):
        return round(value, 2)
    return value


def _cells_from_profile(cat: Catalog, frame: pd.DataFrame, cols: Columns, f: FieldSpecForm, year: int) -> list[Any]:
    voc = cat.vocabulary
    key = f.profile or ""
    n = len(frame)
    if key in voc:
        spec = voc[key]
        if spec.kind == "multichoice":
            out = []
            for i in range(n):
                ticked = [
                    c.label
                    for c in spec.choices
                    if frame.get(f"{key}.{c.value}", pd.Series([np.nan] * n)).iloc[i] == 1.0
                ]
                known = any(
                    f"{key}.{c.value}" in frame.columns and not pd.isna(frame[f"{key}.{c.value}"].iloc[i])
                    for c in spec.choices
                )
                out.append("、".join(ticked) if ticked else ("无" if known else None))
            return out
        column = f"{key}_{f.year or year}" if spec.yearly else key
        if column not in frame.columns and key in cat.metrics.by_key:
            values = cols.metric(key, (f.year or year) if spec.yearly else None)
            return [_display(spec, v) for v in values]
        if column not in frame.columns:
            return [None] * n
        return [_display(spec, v) for v in frame[column].to_numpy(dtype=object)]
    base, _, choice = key.rpartition(".")
    if base in voc and voc[base].kind == "multichoice":
        column = f"{base}.{choice}"
        values = frame[column].to_numpy(dtype=float) if column in frame.columns else np.full(n, np.nan)
        return [None if np.isnan(v) else ("是" if v == 1.0 else "否") for v in values]
    return [None] * n


def _node_cells(f: FieldSpecForm, runs: dict[str, dict[str, np.ndarray]], n: int) -> list[Any] | None:
    node = f.id.replace("_", "-")
    letters = [c for c in (f.choices or ()) if re.fullmatch(r"[a-z]", c)]
    for codes in runs.values():
        if letters and all(f"{node}-{c}" in codes for c in letters):
            out = []
            for i in range(n):
                met = [c for c in letters if codes[f"{node}-{c}"][i] == MET]
                out.append("、".join(met) if met else None)
            return out
        if node in codes:
            yes, no = ("是", "否") if f.type in ("bool", "choice") else (TICK, None)
            return [yes if c == MET else (no if c == NOT_MET else None) for c in codes[node]]
    return None


def summary_table(
    catalog: Catalog,
    form: str | FormSpec,
    table: Table | pd.DataFrame,
    on: dt.date,
    rows: Sequence[int] | np.ndarray | None = None,
    indicators: str | Program | None = None,
    year: int | None = None,
) -> SummaryTable:
    """Fill ``form`` (a ``layout = "table"`` form) for the rows of ``table`` (positions; default all).

    Yearly cells the form does not date take ``year``; by default the form's last
    year, or else the reference year of its first program on ``on``.
    """
    spec = catalog.form(form) if isinstance(form, str) else form
    if spec.layout != "table":
        raise UnknownNameError(
            f"form {spec.id!r} ({spec.title}) is laid out as a form, not a table; summary tables are layout = 'table'"
        )
    frame = table.frame if isinstance(table, Table) else table
    if rows is not None:
        frame = frame.iloc[np.asarray(rows, dtype=np.int64)]
    frame = frame.reset_index(drop=True)
    n = len(frame)
    nf = next(nf for nf in catalog.notices if spec in nf.spec.forms)
    progs = [catalog.program(p) for p in (spec.programs or ()) if p in catalog.programs_by_id]
    if year is None:
        year = spec.years[-1] if spec.years else (progs[0].year_for(on) if progs else on.year - 1)
    cols = Columns(frame, catalog.metrics, year)
    runs = {p.id: catalog.run(p, frame, on).codes for p in progs} if n else {}
    notes: list[str] = []
    if spec.note:
        notes.append(spec.note)
    columns: list[Column] = []
    caption = spec.sections[0].title if len(spec.sections) == 1 and spec.sections[0].title else None
    hand: list[str] = []
    undecided: list[str] = []
    seen_notes: set[str] = set()
    if not any(f.id in ROW_FIELDS or f.label in ROW_FIELDS for s in spec.sections for f in s.fields):
        # the printed tables number their rows (序号) even where a form's data leaves the column out
        columns.append(Column(None, "序号", list(range(1, n + 1))))
    for section in spec.sections:
        group = section.title if len(spec.sections) > 1 and section.title else None
        if section.note:
            notes.append(f"{section.title or section.id}：{section.note}")
        for f in section.fields:
            if f.id in ROW_FIELDS or f.label in ROW_FIELDS:
                values: list[Any] = list(range(1, n + 1))
            elif f.profile:
                values = _cells_from_profile(catalog, frame, cols, f, year)
            elif f.derived and catalog.metrics.known(f.derived):
                y = (f.year or year) if catalog.metrics.yearly(f.derived) else None
                values = [_display(None, v) for v in cols.metric(f.derived, y)]
            else:
                node_values = _node_cells(f, runs, n)
                if node_values is None:
                    hand.append(f.label)
                    values = [None] * n
                else:
                    values = node_values
                    if any(v is None for v in values) and f.type in ("bool", "choice"):
                        undecided.append(f.label)
            columns.append(Column(group, f.label, values))
            # the notice's own notes define columns (注：1.…); they are in Chinese, remarks on the encoding are not
            if f.note and _CJK.match(f.note) and f.note not in seen_notes:
                seen_notes.add(f.note)
                notes.append(f.note)
    if indicators is not None:
        prog = catalog.program(indicators)
        codes = catalog.run(prog, frame, on).codes if n else {}
        root = prog.groups[prog.rule]
        for child in root.of:
            grp = prog.groups.get(child)
            leaves = list(grp.of) if grp is not None else [child]
            label = grp.label if grp is not None else None
            for leaf in leaves:
                node = prog.groups.get(leaf) or prog.criteria[leaf]
                values = [TICK if c == MET else None for c in codes[leaf]] if n else []
                columns.append(Column(label, node.label, values))
            if grp is not None and grp.mode == "at_least":
                met = np.sum([codes[leaf] == MET for leaf in leaves], axis=0) if n else []
                columns.append(Column(label, "符合项数", [int(x) for x in met]))
        notes.append(
            f"√：{prog.title}（{prog.doc_number} {prog.origin.clause}）各项指标经核对符合；空白为不符合、缺少数据或需人工判断。"
        )
    if undecided:
        notes.append("空白处资料不足以判断，须人工核实：" + "、".join(undecided))
    if hand:
        notes.append("由人工填写：" + "、".join(hand))
    return SummaryTable(spec, nf.label, columns, caption, notes)


def write_xlsx(tables: Sequence[SummaryTable], path: str | Path) -> Path:
    """Write summary tables to one workbook, one sheet each, laid out as the notice prints them."""
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise SrdiError("writing .xlsx needs openpyxl: pip install 'srdi[batch]'") from None
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise SrdiError(Problem("summary tables are written as .xlsx", file=str(p)))
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for t in tables:
        name = _sheet_name(t.form.annex or t.form.id, used)
        ws = wb.create_sheet(name)
        width = max(len(t.columns), 1)
        r = 1
        if t.form.annex:
            ws.cell(r, 1, t.form.annex).font = Font(bold=True)
            r += 1
        ws.cell(r, 1, t.form.title).font = Font(bold=True, size=14)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
        if t.caption:
            ws.cell(r, 1, t.caption if t.caption.endswith("：") else f"{t.caption}：")
            r += 1
        two_rows = any(c.group for c in t.columns)
        head = r
        j = 0
        while j < len(t.columns):
            c = t.columns[j]
            if two_rows and c.group:
                k = j
                while k + 1 < len(t.columns) and t.columns[k + 1].group == c.group:
                    k += 1
                ws.cell(head, j + 1, c.group)
                if k > j:
                    ws.merge_cells(start_row=head, start_column=j + 1, end_row=head, end_column=k + 1)
                for m in range(j, k + 1):
                    ws.cell(head + 1, m + 1, t.columns[m].header)
                j = k + 1
            else:
                ws.cell(head, j + 1, c.header)
                if two_rows:
                    ws.merge_cells(start_row=head, start_column=j + 1, end_row=head + 1, end_column=j + 1)
                j += 1
        for row in range(head, head + (2 if two_rows else 1)):
            for col in range(1, width + 1):
                cell = ws.cell(row, col)
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        r = head + (2 if two_rows else 1)
        n = len(t.columns[0].values) if t.columns else 0
        for i in range(n):
            for j, c in enumerate(t.columns, start=1):
                ws.cell(r + i, j, c.values[i])
        r += n + 1
        if t.notes:
            ws.cell(r, 1, "注：")
            for k, note in enumerate(t.notes, start=1):
                ws.cell(r + k, 1, f"{k}. {note}")
        ws.cell(r + len(t.notes) + 2, 1, f"依据：{t.notice} {t.form.annex or ''}《{t.form.title}》".strip())
        for j in range(1, width + 1):
            ws.column_dimensions[get_column_letter(j)].width = 16
    wb.save(p)
    return p


def _sheet_name(base: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", base)[:28] or "表"
    out, k = name, 2
    while out in used:
        out, k = f"{name}-{k}", k + 1
    used.add(out)
    return out
