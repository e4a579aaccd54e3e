"""Templates a bureau fills: the header sheet of a program's or a form's applicant table.

``srdi template PROGRAM`` lays out one column per fact the program's criteria read
(found by evaluating the program once over an empty enterprise and noting every
column it asks for), ``srdi template NOTICE:FORM`` the columns of an official
form: a ``layout = "table"`` form as the notice prints it (group headers over
their columns), any other form as one row per enterprise of the fields that name
a vocabulary fact. Either way:

- headers say the year and the unit (``2021年营业收入（万元）``) and are exactly
  what :func:`srdi.batch.read_table` reads back;
- choice lists, 是/否 cells, years, dates and numbers are checked as they are
  typed (data validation), with the allowed values in the cell's prompt;
- a ``填表说明`` sheet says what each column means, its unit and what to write,
  and that a cell left empty means "not known", never "none" or zero.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import numpy as np
import pandas as pd
from attrs import define, frozen

from .. import clock
from ..engine.revocation import revocable_titles
from ..engine.spans import years_read
from ..engine.titles import date_header, revoked_column
from ..errors import Problem, SrdiError
from ..i18n import t as message
from ..notices.model import FieldSpecForm, FormSpec
from ..vocabulary import FieldSpec
from .read import resolver_for

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ..catalog import Catalog
    from ..programs import Program

#: Rows made ready (bordered) for filling, and rows whose cells are checked as typed.
BLANK_ROWS = 20
CHECKED_ROWS = 1000
#: Years around the reference year in which a program may ask for yearly figures.
YEARS_BACK = 5
IDENTITY = ("name", "credit_code")
_NUMERIC = ("money", "usd", "number", "integer", "count", "percent")


@frozen
class TemplateColumn:
    """One column of a template: its header, what it holds, and how a cell is checked."""

    header: str
    meaning: str
    kind: str
    unit: str | None = None
    choices: tuple[str, ...] = ()
    signed: bool = False
    group: str | None = None
    note: str | None = None
    column: str | None = None

    @property
    def rule(self) -> str:
        """What to write in a cell, in words (for the notes sheet and the cell's prompt)."""
        if self.kind == "choice":
            return "选填其一：" + "、".join(self.choices)
        if self.kind == "multichoice":
            return "可多选，用“、”分隔：" + "、".join(self.choices) + "；都没有填“无”"
        if self.kind == "bool":
            return "填“是”或“否”"
        if self.kind == "date":
            return "日期，如 2021-06-30"
        if self.kind == "year":
            return "获得该称号的年份，如 2021；未获得留空"
        if self.kind == "percent":
            return "百分数，填 3.5 表示 3.5%" + ("，可为负数" if self.signed else "")
        if self.kind in ("integer", "count"):
            return "整数" + (f"（{self.unit}）" if self.unit else "")
        if self.kind in _NUMERIC:
            return f"数字（{self.unit}）" if self.unit else "数字" + ("，可为负数" if self.signed else "")
        if self.kind == "credit_code":
            return "18位统一社会信用代码"
        return "文字"


@define
class Template:
    """A template: its title, where it comes from, its columns, and the form it lays out (if any)."""

    title: str
    source: str
    columns: list[TemplateColumn]
    form: FormSpec | None = None
    notice: str | None = None


# --------------------------------------------------------------------------- what a program reads
class _Probe(pd.DataFrame):
    """A frame that notes every column read from it."""

    _metadata: ClassVar[list[str]] = ["reads"]

    def __getitem__(self, key: Any) -> Any:
        reads = self.__dict__.get("reads")
        if isinstance(key, str) and reads is not None:
            reads.append(key)
        return super().__getitem__(key)


def _years(program: Program, on: dt.date) -> range:
    """The years whose columns a template may ask for.

    A few before the reference year and the next one, and every year a criterion reads
    (a fixed ``year``, a ``year_offset``, a points table's own years: :mod:`srdi.engine.spans`),
    each with the one before (a growth rate reads it).
    """
    year = program.year_for(on)
    first, last = year - YEARS_BACK, year + 1
    for crit in program.criteria.values():
        read = years_read(crit.args, year)
        if read:
            first, last = min(first, read[0] - 1), max(last, read[-1])
    return range(first, last + 1)


def _fields_by_column(catalog: Catalog, years: range) -> dict[str, tuple[str, int | None]]:
    """Each frame column of the vocabulary in ``years``, with its field's key and its year (None for one value).

    Read whole from the fields' own columns: a plugin's key holds a dot (``liaoning.key_fields``),
    and so does a multiple choice's option column (``liaoning.key_fields.three_articles``).
    """
    out: dict[str, tuple[str, int | None]] = {}
    for spec in catalog.vocabulary:
        for year in years if spec.yearly else (None,):
            for column in spec.columns(() if year is None else (year,)):
                out[column] = (spec.key, year)
    return out


def columns_read(catalog: Catalog, program: Program, on: dt.date) -> list[str]:
    """The frame columns evaluating ``program`` on ``on`` reads, in the order first read."""
    years = _years(program, on)
    data: dict[str, Any] = {}
    for spec in catalog.vocabulary:
        for column in spec.columns(years):
            data[column] = np.full(1, np.nan) if spec.kind in _NUMERIC else np.full(1, None, dtype=object)
    # a title's revocation day is asked where a criterion bars applicants whose title was revoked
    revocable = set(revocable_titles(program))
    for tid in catalog.titles.by_id:
        data[f"rec.{tid}.year"] = np.full(1, np.nan)
        for part in ("granted_on", "valid_until", *(("revoked_on",) if tid in revocable else ())):
            data[f"rec.{tid}.{part}"] = np.full(1, None, dtype=object)
    data["recognitions_declared"] = np.full(1, np.nan)
    for crit in program.criteria.values():
        if crit.type == "attest":
            data[f"attest.{crit.args.get('key') or crit.id}"] = np.full(1, np.nan)
    probe = _Probe(data)
    probe.reads = []
    catalog.run(program, probe, on)
    if program.selection is not None:
        from .select import rank

        rank(catalog, program, probe, on)  # the facts candidates are ranked by ("按照专家得分由高到低")
    reads = list(dict.fromkeys(probe.reads))
    # the facts quotas count places by (a direction chosen, a kind of applicant)
    for q in program.quotas:
        counted = catalog.vocabulary.get(q.by) if q.by is not None else None
        if counted is not None and not counted.yearly:
            reads += [c for c in counted.columns() if c not in reads]
    return reads


def program_template(catalog: Catalog, program: str | Program, on: dt.date | None = None) -> Template:
    """The applicant table of ``program``: identity columns, then every fact its criteria read on ``on``."""
    prog = catalog.program(program)
    day = on or clock.today()
    reads = columns_read(catalog, prog, day)
    fields = _fields_by_column(catalog, _years(prog, day))
    scalars: set[str] = set(IDENTITY)
    yearly: set[tuple[int, str]] = set()
    titles: list[str] = []
    attests: list[str] = []
    voc = catalog.vocabulary
    for column in reads:
        if column.startswith("rec."):
            tid = column[4:].rsplit(".", 1)[0]
            if tid not in titles:
                titles.append(tid)
        elif column.startswith("attest."):
            if column[7:] not in attests:
                attests.append(column[7:])
        elif column in fields:
            key, year = fields[column]
            if year is None:
                scalars.add(key)
            else:
                yearly.add((year, key))
    order = {k: i for i, k in enumerate(voc.keys())}
    cols: list[tuple[FieldSpec, int | None]] = [(voc[k], None) for k in IDENTITY]
    cols += [(voc[k], None) for k in sorted(scalars - set(IDENTITY), key=order.__getitem__)]
    cols += [(voc[k], y) for y, k in sorted(yearly, key=lambda yk: (yk[0], order[yk[1]]))]
    out = [_fact_column(catalog, spec, year) for spec, year in cols]
    for tid in titles:
        label = catalog.titles.label(tid)
        out.append(TemplateColumn(label, f"已获得“{label}”称号的年份", "year", column=f"rec.{tid}.year"))
        if revoked_column(tid) in reads:  # a criterion bars applying again after its revocation
            out.append(
                TemplateColumn(
                    date_header(label, "revoked_on"),
                    f"“{label}”称号被撤销（取消）的日期；未被撤销留空",
                    "date",
                    column=revoked_column(tid),
                )
            )
    labels = {
        (c.args.get("key") or c.id): (c.args.get("question") or c.label, c.clause)
        for c in prog.criteria.values()
        if c.type == "attest"
    }
    for key in attests:
        label, clause = labels.get(key, (key, None))
        out.append(
            TemplateColumn(
                label, f"由企业承诺、主管部门认定的条件（{prog.doc_number} {clause}）", "bool", column=f"attest.{key}"
            )
        )
    source = f"{prog.title}（{prog.id}；{prog.doc_number} {prog.origin.clause}），评价日期 {day.isoformat()}"
    return Template(f"{prog.title}申报企业信息表", source, _checked(catalog, out), notice=prog.doc_number)


def _fact_column(
    catalog: Catalog, spec: FieldSpec, year: int | None, label: str | None = None, group: str | None = None
) -> TemplateColumn:
    """The column of a vocabulary fact (for ``year``), headed by its label (or a form's), year and unit."""
    name = label or spec.label
    unit = spec.display_unit if spec.kind in _NUMERIC else None
    head = f"{year}年{name}" if year is not None and not group else name
    said = re.search(r"[（(][^（）()]{1,6}[)）]$", head)  # the label states a unit of its own: 数量（个）
    if unit and not said and not (group and unit in group):
        head = f"{head}（{unit}）"
    meaning = spec.label + (f"（{year}年）" if year is not None else "")
    if _chinese(spec.description):
        meaning += f"：{spec.description}"
    metric = catalog.metrics.by_key.get(spec.key)
    note = None
    if metric is not None and metric.inputs:
        note = "可留空：由" + "、".join(catalog.metrics.label(k) for k in metric.inputs) + "计算"
    kind = "credit_code" if spec.key == "credit_code" else spec.kind
    column = spec.key if year is None else f"{spec.key}_{year}"
    return TemplateColumn(
        head, meaning, kind, unit, tuple(c.label for c in spec.choices), spec.signed, group, note, column
    )


def _checked(catalog: Catalog, columns: list[TemplateColumn]) -> list[TemplateColumn]:
    """Columns whose headers read back as the column they fill.

    A header the reader would not take for its column (a unit it does not know)
    loses its unit, and failing that becomes the vocabulary's name of the column.
    """
    resolver = resolver_for(catalog)

    def fills(header: str, c: TemplateColumn) -> bool:
        target = resolver.resolve(header, c.group)
        return target is not None and target.column == c.column

    out = []
    for c in columns:
        if c.column is not None and not fills(c.header, c):
            bare = c.header.replace(f"（{c.unit}）", "") if c.unit else c.header
            header = bare if fills(bare, c) else c.column
            c = attrs.evolve(c, header=header)
        out.append(c)
    return out


# --------------------------------------------------------------------------- forms
def form_template(catalog: Catalog, form: str | FormSpec, on: dt.date | None = None) -> Template:
    """The applicant table of an official form.

    A ``layout = "table"`` form keeps the notice's columns and group headers; any
    other form becomes one row per enterprise with a column per field that names a
    vocabulary fact (and per year of a yearly field).
    """
    spec = catalog.form(form) if isinstance(form, str) else form
    nf = next(nf for nf in catalog.notices if spec in nf.spec.forms)
    source = f"{nf.label} {spec.annex or ''}《{spec.title}》（{spec.clause}）".replace(" 《", "《")
    voc = catalog.vocabulary
    columns: list[TemplateColumn] = []
    if spec.layout == "table":
        from .tables import ROW_FIELDS

        if not any(f.id in ROW_FIELDS or f.label in ROW_FIELDS for s in spec.sections for f in s.fields):
            columns.append(TemplateColumn("序号", "行的序号", "integer"))
        for section in spec.sections:
            group = section.title if len(spec.sections) > 1 and section.title else None
            for f in section.fields:
                columns.append(_form_column(catalog, f, group, None))
        return Template(spec.title, source, columns, spec, nf.label)
    for key in IDENTITY:
        columns.append(_fact_column(catalog, voc[key], None))
    seen = set(IDENTITY)
    for section in spec.sections:
        for f in section.fields:
            if not f.profile or f.profile not in voc:
                continue  # free text, tables inside the form, yes/no ticks of one option: not one fact per row
            years: Sequence[int | None] = (f.year,) if f.year else (tuple(spec.years) if f.yearly else (None,))
            for y in years:
                col = _form_column(catalog, f, None, y)
                if col.column in seen:
                    continue
                seen.add(col.column or col.header)
                columns.append(col)
    return Template(f"{spec.title}（汇总填报）", source, _checked(catalog, columns), spec, nf.label)


def _form_column(catalog: Catalog, f: FieldSpecForm, group: str | None, year: int | None) -> TemplateColumn:
    """The column of a form field: the fact it names, or the field itself (a choice, 是/否, a number, text)."""
    voc = catalog.vocabulary
    spec = voc.get(f.profile) if f.profile else None
    if spec is not None:
        if spec.yearly and year is None and not group:
            year = f.year
        c = _fact_column(catalog, spec, year, f.label, group)
        if group:  # under a group header the form's own label stands, the year and unit above it
            c = attrs.evolve(c, header=f.label)
        return attrs.evolve(c, note=c.note or _field_note(f))
    kind = {"bool": "bool", "date": "date", "integer": "integer", "number": "number", "money": "money"}.get(
        f.type, "choice" if f.choices else "text"
    )
    base = (f.profile or "").rpartition(".")[0]
    if base in voc and voc[base].kind == "multichoice":
        kind = "bool"  # a yes/no cell ticking one option
    return TemplateColumn(f.label, f.label, kind, f.unit, tuple(f.choices or ()), f.signed, group, _field_note(f))


def _field_note(f: FieldSpecForm) -> str | None:
    """What a form says about a cell, for whoever fills it: the notice's own note, then srdi's."""
    return "；".join(n for n in (f.printed_note, _chinese(f.note)) if n) or None


def _chinese(note: str | None) -> str | None:
    """A note or description when it is written for the people filling the template (in Chinese), else None.

    A vocabulary field's description may be a developer's remark in English; a notice's
    notes are all for people.
    """
    if not note or not _CJK.match(note):
        return None
    # a remark that opens with its clause ("四：", "二（三）") and goes on in English is a developer's too
    return None if _ENGLISH.search(_QUOTED.sub("", note)) else note


_CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")
#: Three English words in a row (a sentence), and quoted text (a notice's words, which may hold a name or key).
_ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def template_for(catalog: Catalog, name: str, on: dt.date | None = None) -> Template:
    """The template of a program id or a ``NOTICE:FORM`` form id."""
    if ":" in name:
        return form_template(catalog, name, on)
    return program_template(catalog, name, on)


# --------------------------------------------------------------------------- writing
def write_template(template: Template, path: str | Path, rows: Sequence[Mapping[str, Any]] = ()) -> Path:
    """Write ``template`` as .xlsx: the sheet to fill (checked as typed) and the ``填表说明`` sheet.

    ``rows`` fills it in: one mapping per enterprise from a column's vocabulary
    name (``revenue_2021``, ``rec.<title>.year``, ``attest.<key>``) to its cell.
    Without rows the sheet has :data:`BLANK_ROWS` empty rows ready to fill.
    """
    from .workbook import new_workbook, put

    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise SrdiError(Problem(message("template.xlsx_only"), file=str(p)))
    wb = new_workbook()
    ws = wb.create_sheet("填报表")
    first, _ = _lay_out(ws, template, len(rows) or BLANK_ROWS)
    for i, row in enumerate(rows):
        for j, c in enumerate(template.columns, start=1):
            value = row.get(c.column or c.header)
            put(ws, first + i, j, value, "yyyy-mm-dd" if isinstance(value, dt.date) else None)
    _validate(wb, ws, template.columns, first, first + max(CHECKED_ROWS, len(rows)) - 1, len(rows) or BLANK_ROWS)
    _notes_sheet(wb, template)
    wb.save(p)
    return p


def _lay_out(ws: Worksheet, t: Template, blank_rows: int) -> tuple[int, int]:
    """Title, header and blank rows; a table form exactly as a summary table of it is laid out."""
    from .tables import Column, SummaryTable, lay_out

    samples = [_sample(c) for c in t.columns]
    if t.form is not None and t.form.layout == "table":
        columns = [Column(c.group, c.header, [], _format_kind(c.kind), c.unit) for c in t.columns]
        table = SummaryTable(t.form, t.notice or "", columns, None, [])
        return lay_out(ws, table, blank_rows, samples)
    form = FormSpec(id="template", title=t.title, clause="", quote="")
    columns = [Column(None, c.header, [], _format_kind(c.kind), c.unit) for c in t.columns]
    return lay_out(ws, SummaryTable(form, t.notice or "", columns, None, []), blank_rows, samples)


#: What a cell of each kind typically holds, to make room for it.
_SAMPLES = {
    "credit_code": "91210100MA0YK3N252",
    "date": "2021-06-30",
    "bool": "是",
    "year": "2021",
    "money": "123,456.00",
    "usd": "123,456.00",
    "number": "1,234.00",
    "percent": "100.00",
    "integer": "12345",
    "count": "1234",
}


def _sample(c: TemplateColumn) -> str:
    if c.column == "name":
        return "沈阳某某精密传动科技有限公司"
    if c.kind in ("choice", "multichoice") and c.choices:
        return max(c.choices, key=len)
    return _SAMPLES.get(c.kind, "某某某某某某")


def _format_kind(kind: str) -> str | None:
    if kind in ("credit_code", "text", "choice", "multichoice", "bool"):
        return "text"
    if kind == "year":
        return "integer"
    return kind


def _validate(wb: Any, ws: Worksheet, columns: Sequence[TemplateColumn], first: int, last: int, ready: int) -> None:
    """Data validation per column: lists for choices and 是/否, whole numbers, decimals, dates, code length."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = None
    for j, c in enumerate(columns, start=1):
        ref = f"{get_column_letter(j)}{first}:{get_column_letter(j)}{last}"
        dv: DataValidation | None = None
        if c.kind == "bool":
            dv = DataValidation(type="list", formula1='"是,否"')
        elif c.kind == "choice" and c.choices:
            text = ",".join(c.choices)
            if len(text) <= 250 and '"' not in text and "," not in "".join(c.choices):
                dv = DataValidation(type="list", formula1=f'"{text}"')
            else:  # a long list lives on a hidden sheet
                if lists is None:
                    lists = wb.create_sheet("选项")
                    lists.sheet_state = "hidden"
                col = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
                for i, choice in enumerate(c.choices, start=1):
                    lists.cell(i, col, choice)
                letter = get_column_letter(col)
                dv = DataValidation(type="list", formula1=f"选项!${letter}$1:${letter}${len(c.choices)}")
        elif c.kind == "year":
            dv = DataValidation(type="whole", operator="between", formula1="1949", formula2="2100")
        elif c.kind in ("integer", "count"):
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        elif c.kind in _NUMERIC:
            dv = (
                DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
                if c.signed
                else DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            )
        elif c.kind == "date":
            dv = DataValidation(
                type="date", operator="between", formula1="1", formula2="73051"
            )  # 1900-01-01…2099-12-31
        elif c.kind == "credit_code":
            dv = DataValidation(type="textLength", operator="equal", formula1="18")
        if dv is None:
            if c.kind == "multichoice":
                dv = DataValidation(type="custom", formula1="TRUE")  # no check: a prompt listing the options
            else:
                continue
        dv.allow_blank = True
        dv.showErrorMessage = c.kind != "multichoice"
        dv.errorTitle = "填写有误"
        dv.error = c.rule[:225]
        dv.showInputMessage = True
        dv.promptTitle = c.header[:32]
        dv.prompt = (c.rule + ("；" + c.note if c.note else ""))[:250]
        dv.add(ref)
        ws.add_data_validation(dv)
        if c.kind in ("credit_code", "text", "choice", "multichoice", "bool"):
            for r in range(first, first + ready):
                ws.cell(r, j).number_format = "@"  # a code of digits stays text, never 9.12E+17


def _notes_sheet(wb: Any, t: Template) -> None:
    """The 填表说明 sheet: how to fill the table, then one line per column."""
    from openpyxl.utils import get_column_letter

    from .workbook import write_data_sheet

    rows = [
        [get_column_letter(j), c.header, c.meaning, c.unit or "", c.rule, c.note or "", c.column or ""]
        for j, c in enumerate(t.columns, start=1)
    ]
    write_data_sheet(
        wb,
        "填表说明",
        ["列", "表头", "含义", "单位", "填写要求", "说明", "字段名"],
        rows,
        freeze_columns=2,
        top=[
            f"填表说明：{t.title}",
            f"依据：{t.source}",
            "每行填写一家企业；金额以万元为单位，百分比填百分数（3.5 表示 3.5%）。不知道或没有资料的留空："
            "空白表示“缺少数据”，不会当作“无”或 0；确实没有的，填 0 或“否”。",
        ],
    )
