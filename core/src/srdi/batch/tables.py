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
from ..i18n import t as message
from ..notices.model import FieldSpecForm, FormSpec
from .read import Table

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..programs import Program

ROW_FIELDS = {"row", "序号"}
TICK = "√"


@define
class Column:
    """One column of a summary table: its group header (or None), its header, its cells.

    ``kind`` (a vocabulary kind: money, percent, count …) and ``unit`` choose the
    cells' number format; None for text.
    """

    group: str | None
    header: str
    values: list[Any]
    kind: str | None = None
    unit: str | None = None


@define
class SummaryTable:
    """A filled summary table, ready to write."""

    form: FormSpec
    notice: str
    columns: list[Column]
    caption: str | None = None
    notes: list[str] = field(factory=list)
    #: the input's row numbers of the blank rows left out (no enterprise: not numbered into the table)
    blank_rows: list[int] = field(factory=list)

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
        if key in cat.metrics.by_key:  # the figure given, or computed where a cell is blank (an empty column)
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


def _kind(catalog: Catalog, f: FieldSpecForm) -> tuple[str | None, str | None]:
    """(kind, unit) of a field's cells: the vocabulary fact's, a derived metric's, or None for text."""
    spec = catalog.vocabulary.get(f.profile) if f.profile else None
    if spec is not None:
        if spec.kind in ("choice", "multichoice", "bool", "text"):
            return None, None
        return spec.kind, f.unit or spec.display_unit
    metric = catalog.metrics.by_key.get(f.derived or "")
    if f.derived and catalog.metrics.known(f.derived) and not (metric is not None and metric.categorical):
        unit = catalog.metrics.unit(f.derived)
        return ("percent" if unit == "%" else "number"), f.unit or unit
    return None, None


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
    picked = np.arange(len(frame)) if rows is None else np.asarray(rows, dtype=np.int64)
    blank: list[int] = []
    if isinstance(table, Table) and table.blank:
        # a blank input row is no enterprise: a table to be stamped and filed does not number it
        empty = np.isin(picked, np.fromiter(table.blank, dtype=np.int64))
        blank = [int(r) for r in table.rows[picked[empty]]]
        picked = picked[~empty]
    if rows is not None or blank:
        frame = frame.iloc[picked]
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
        columns.append(Column(None, "序号", list(range(1, n + 1)), "integer"))
    for section in spec.sections:
        group = section.title if len(spec.sections) > 1 and section.title else None
        if section.note:
            notes.append(f"{section.title or section.id}：{section.note}")
        for f in section.fields:
            kind, unit = _kind(catalog, f)
            if f.id in ROW_FIELDS or f.label in ROW_FIELDS:
                values: list[Any] = list(range(1, n + 1))
                kind, unit = "integer", None
            elif f.profile in ("name", "credit_code") and isinstance(table, Table):
                values = list(table.identity(f.profile)[picked])  # a code that failed its check, as written
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
            columns.append(Column(group, f.label, values, kind, unit))
            # the notice's own notes define columns (注：1.…) and are printed under it; srdi's notes are not
            if f.printed_note and f.printed_note not in seen_notes:
                seen_notes.add(f.printed_note)
                notes.append(f.printed_note)
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
                columns.append(Column(label, "符合项数", [int(x) for x in met], "count"))
        notes.append(
            f"√：{prog.title}（{prog.doc_number} {prog.origin.clause}）各项指标经核对符合；空白为不符合、缺少数据或需人工判断。"
        )
    if undecided:
        notes.append("空白处资料不足以判断，须人工核实：" + "、".join(undecided))
    if hand:
        notes.append("由人工填写：" + "、".join(hand))
    return SummaryTable(spec, nf.label, columns, caption, notes, blank)


def write_xlsx(tables: Sequence[SummaryTable], path: str | Path) -> Path:
    """Write summary tables to one workbook, one sheet each, laid out and printed as the notice prints them.

    Each sheet: the annex number and the title on top (on page 1 when printed), the
    stamp line, the header rows (merged group headers over their columns, bordered
    and wrapped, repeated on every printed page), the rows, then the notes and the
    notice the table comes from. Widths follow the content; the sheet prints
    landscape, fitted to the page width.
    """
    from .workbook import new_workbook, sheet_name

    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise SrdiError(Problem(message("tables.xlsx_only"), file=str(p)))
    wb = new_workbook()
    used: set[str] = set()
    for t in tables:
        ws = wb.create_sheet(sheet_name(t.form.annex or t.form.title or t.form.id, used))
        lay_out(ws, t)
    wb.save(p)
    return p


def lay_out(ws: Any, t: SummaryTable, blank_rows: int = 0, samples: Sequence[str] | None = None) -> tuple[int, int]:
    """Lay ``t`` out on worksheet ``ws``; return (first, last) data row.

    ``blank_rows`` adds empty bordered rows to fill in, ``samples`` (one per
    column) the text each column should have room for.
    """
    from openpyxl.utils import get_column_letter

    from .workbook import (
        TITLE_POINTS,
        column_width,
        fit_row,
        lines_needed,
        number_format,
        page_layout,
        print_setup,
        put,
        set_widths,
        shown,
        style_body,
        style_header,
        styles,
    )

    st = styles()
    width = max(len(t.columns), 1)
    n = len(t.columns[0].values) if t.columns else 0
    two_rows = any(c.group for c in t.columns)
    formats = [number_format(c.kind, c.unit, _unit_shown(c)) for c in t.columns]
    cells = [[shown(v, formats[j]) for v in c.values] for j, c in enumerate(t.columns)]
    room = [[*cells[j], samples[j]] if samples else cells[j] for j in range(len(t.columns))]
    widths = [column_width([c.header], room[j]) for j, c in enumerate(t.columns)] or [10.0]
    name_col = next((j for j, c in enumerate(t.columns) if c.header in ("企业名称", "名称")), 0)
    # title, stamp line and notes span the columns of the first page across (all, unless the table is very wide)
    groups = _group_spans(t)
    pages = page_layout(widths, name_col + 1, groups)[2]
    span = pages[0]
    total = sum(widths[:span])
    # on pages across, the first columns repeat on every page: notes start after them, so none is cut in two
    note_col = name_col + 2 if len(pages) > 1 else 1
    r = 1
    if t.form.annex:
        put(ws, r, 1, t.form.annex).font = st["annex"]
        r += 1
    put(ws, r, 1, t.form.title)
    ws.cell(r, 1).font = st["title"]
    ws.cell(r, 1).alignment = st["head"]
    if span > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=span)
    ws.row_dimensions[r].height = TITLE_POINTS * lines_needed(t.form.title, total / 1.6)
    r += 1
    if t.caption:
        put(ws, r, 1, t.caption if t.caption.endswith("：") else f"{t.caption}：").font = st["font"]
        r += 1
    head = r
    last_head = head + (1 if two_rows else 0)
    j = 0
    while j < len(t.columns):
        c = t.columns[j]
        if two_rows and c.group:
            k = j
            while k + 1 < len(t.columns) and t.columns[k + 1].group == c.group:
                k += 1
            put(ws, head, j + 1, c.group)
            if k > j:
                ws.merge_cells(start_row=head, start_column=j + 1, end_row=head, end_column=k + 1)
            for m in range(j, k + 1):
                put(ws, head + 1, m + 1, t.columns[m].header)
            j = k + 1
        else:
            put(ws, head, j + 1, c.header)
            if two_rows:
                ws.merge_cells(start_row=head, start_column=j + 1, end_row=head + 1, end_column=j + 1)
            j += 1
    style_header(ws, head, last_head, width)
    _fit_header(ws, t, head, two_rows, widths)
    first = last_head + 1
    for i in range(n):
        for j, c in enumerate(t.columns):
            put(ws, first + i, j + 1, c.values[i], formats[j])
    rows = n + blank_rows
    last = first + rows - 1
    aligns = [_align(c, cells[j]) for j, c in enumerate(t.columns)]
    style_body(ws, first, last, aligns)
    for i in range(n):
        fit_row(ws, first + i, [(cells[j][i], widths[j]) for j in range(len(t.columns))])
    set_widths(ws, widths)
    r = last + 2
    notes = [f"{k}. {note}" for k, note in enumerate(t.notes, start=1)]
    source = f"依据：{t.notice} {t.form.annex or ''}《{t.form.title}》".replace(" 《", "《")
    for text in (["注："] if notes else []) + notes + ["", source]:
        if text:
            put(ws, r, note_col, text).font = st["font"]
            ws.cell(r, note_col).alignment = st["note"]
            if span > note_col:
                ws.merge_cells(start_row=r, start_column=note_col, end_row=r, end_column=span)
            fit_row(ws, r, [(text, sum(widths[note_col - 1 : span]))])
        r += 1
    ws.freeze_panes = ws.cell(first, name_col + 2)
    if rows:
        ws.auto_filter.ref = f"A{last_head}:{get_column_letter(width)}{last}"
    print_setup(ws, widths, (head, last_head), repeat_columns=name_col + 1, groups=groups)
    return first, last


def _unit_shown(c: Column) -> bool:
    """Whether the column's header (or its group header) names its unit, so the cells need not."""
    return c.unit is not None and (c.unit in c.header or c.unit in (c.group or ""))


def _group_spans(t: SummaryTable) -> list[tuple[int, int]]:
    """(first, last) column, from 0, of each run of columns under one group header."""
    spans = []
    j = 0
    while j < len(t.columns):
        k = j
        while t.columns[j].group and k + 1 < len(t.columns) and t.columns[k + 1].group == t.columns[j].group:
            k += 1
        if t.columns[j].group:
            spans.append((j, k))
        j = k + 1
    return spans


def _fit_header(ws: Any, t: SummaryTable, head: int, two_rows: bool, widths: list[float]) -> None:
    """Header row heights from the lines their (merged) cells need, so nothing is cut or overprinted."""
    from .workbook import LINE_POINTS, fit_row, lines_needed

    if not two_rows:
        fit_row(ws, head, [(c.header, widths[j]) for j, c in enumerate(t.columns)])
        return
    spans: list[tuple[str, float]] = []
    j = 0
    while j < len(t.columns):
        c = t.columns[j]
        k = j
        while c.group and k + 1 < len(t.columns) and t.columns[k + 1].group == c.group:
            k += 1
        spans.append((c.group, sum(widths[j : k + 1])) if c.group else ("", 0.0))
        j = k + 1
    fit_row(ws, head, [s for s in spans if s[0]])
    fit_row(ws, head + 1, [(c.header, widths[j]) for j, c in enumerate(t.columns) if c.group])
    # a header spanning both rows must fit in their sum
    spanning = max(
        (lines_needed(c.header, widths[j]) for j, c in enumerate(t.columns) if not c.group),
        default=1,
    )
    top, bottom = ws.row_dimensions[head].height, ws.row_dimensions[head + 1].height
    if spanning * LINE_POINTS + 3 > top + bottom:
        ws.row_dimensions[head + 1].height = spanning * LINE_POINTS + 3 - top


def _align(c: Column, cells: list[str]) -> str:
    from .workbook import is_token_column

    longest = max((len(x) for x in cells), default=0)
    if c.kind in ("money", "usd", "number", "percent"):
        return "right"
    if c.header in ROW_FIELDS or c.kind in ("integer", "count") or longest <= 4:
        return "center"
    return "token" if is_token_column(cells) else "left"
