"""Reading a table of enterprises into an evaluation frame, keeping every row and its problems.

Input is CSV, XLSX or Parquet (or a pandas DataFrame already in memory), one
enterprise per row, with headers in the vocabulary or in Chinese (see
:mod:`srdi.batch.headers`). Each column is converted as a whole (``to_numeric``,
``to_datetime``, a lookup per distinct value for choices); only the cells that
fail are read again one by one to say exactly why. A bad cell becomes missing —
so the criteria that need it are *unknown*, never *not met* — and its message is
kept with its row. A row's problem never stops the other rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define, field, frozen

from ..errors import Problem, ProfileError
from ..profile import credit_code as cc
from ..profile.load import MAX_AMOUNT, MAX_REVENUE_PER_EMPLOYEE, MIN_REVENUE_PER_EMPLOYEE
from ..profile.values import ValueProblem, fmt_num, read
from ..vocabulary import FieldSpec, Vocabulary
from ..vocabulary.fields import NUMERIC_KINDS
from .headers import HeaderResolver, Target, norm

if TYPE_CHECKING:
    from ..catalog import Catalog

#: Columns every table needs at least one of, to say which enterprise a row is.
IDENTITY = ("name", "credit_code")
_INDUSTRY = re.compile(r"^\s*([A-Ta-t]?\s*\d{2,4})")
#: A multiple-choice cell saying that no option applies.
_NONE_TICKED = {"无", "否", "none", "（无）"}
_BLANK = {"", "-", "—", "--", "/", "无数据", "nan", "NaN", "None"}


@frozen
class ColumnNote:
    """A problem or remark about a whole column (not a row)."""

    header: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"column {self.column} " if self.column is not None else ""
        return f"{where}{self.header!r}: {self.message}"


@define
class Table:
    """A table read for evaluation.

    ``frame`` holds the engine's columns, one row per input row, in input order;
    ``rows`` the row numbers as a person finds them in the file (the first data
    row of a spreadsheet under a one-row header is row 2). ``errors`` and
    ``warnings`` hold each row's problems; ``notes`` the column-level ones.
    """

    frame: pd.DataFrame
    rows: np.ndarray
    source: str | None = None
    errors: dict[int, list[str]] = field(factory=lambda: defaultdict(list))
    warnings: dict[int, list[str]] = field(factory=lambda: defaultdict(list))
    notes: list[ColumnNote] = field(factory=list)
    mapping: dict[str, str] = field(factory=dict)
    as_given: dict[str, dict[int, str]] = field(factory=dict)

    def __len__(self) -> int:
        return len(self.frame)

    def error_column(self) -> np.ndarray:
        """Per row: its errors joined (None when it has none)."""
        out = np.full(len(self.frame), None, dtype=object)
        for i, msgs in self.errors.items():
            out[i] = "；".join(msgs)
        return out

    def identity(self, column: str) -> np.ndarray:
        """Per row: ``column`` (``name``, ``credit_code``) as output shows it, None where absent.

        A cell set aside by a check (a credit code with a wrong check digit) is
        missing for evaluation but shown as the applicant wrote it.
        """
        n = len(self.frame)
        if column in self.frame.columns:
            out = self.frame[column].to_numpy(dtype=object).copy()
        else:
            out = np.full(n, None, dtype=object)
        for i, text in self.as_given.get(column, {}).items():
            out[i] = text
        return out

    def warning_column(self) -> np.ndarray:
        """Per row: its warnings joined (None when it has none)."""
        out = np.full(len(self.frame), None, dtype=object)
        for i, msgs in self.warnings.items():
            out[i] = "；".join(msgs)
        return out


def resolver_for(catalog: Catalog) -> HeaderResolver:
    """A header resolver knowing the catalog's vocabulary, form labels, titles and attestations."""
    labels: list[tuple[str, str]] = []
    for form in catalog.forms():
        for section in form.sections:
            for f in section.fields:
                if f.profile:
                    labels.append((f.label, f.profile))
    titles = [(t.id, t.label) for t in catalog.titles.by_id.values()]
    attest: list[tuple[str, str]] = []
    for prog in catalog.programs_by_id.values():
        for crit in prog.criteria.values():
            if crit.type == "attest":
                key = crit.args.get("key") or crit.id
                attest.append((key, crit.label))
                if crit.args.get("question"):
                    attest.append((key, crit.args["question"]))
    return HeaderResolver(catalog.vocabulary, labels, titles, attest)


# --------------------------------------------------------------------------- files
def load_raw(path: str | Path, sheet: str | int | None = None, header_rows: int | None = None) -> pd.DataFrame:
    """A table file as text cells (headers joined as ``group␟label`` for a two-row header).

    Every cell is read as text, so that "1,200" or "6800元" reach the converter as
    written. Raises :class:`ProfileError` naming the file when it is not a table.
    """
    p = Path(path)
    if not p.exists():
        raise ProfileError(Problem("file not found", file=str(p)))
    suffix = p.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            raw = pd.read_csv(
                p,
                header=None,
                dtype=str,
                keep_default_na=False,
                sep="\t" if suffix == ".tsv" else ",",
                encoding="utf-8-sig",
            )
        elif suffix in (".xlsx", ".xlsm"):
            _need("openpyxl", "reading .xlsx")
            raw = pd.read_excel(p, header=None, dtype=object, sheet_name=sheet or 0, engine="openpyxl")
            raw = raw.map(_cell_text)
        elif suffix in (".parquet", ".pq"):
            _need("pyarrow", "reading Parquet")
            frame = pd.read_parquet(p)
            frame.attrs["header_rows"] = 0
            return frame
        else:
            raise ProfileError(
                Problem(f"cannot read {suffix or 'a file without suffix'}: give .csv, .xlsx or .parquet", file=str(p))
            )
    except ProfileError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ProfileError(Problem(f"not a table: {_short(exc)}", file=str(p))) from None
    except Exception as exc:  # openpyxl and zipfile raise their own types for non-spreadsheets
        raise ProfileError(Problem(f"not a table: {type(exc).__name__}: {_short(exc)}", file=str(p))) from None
    if raw.empty or raw.shape[0] < 1:
        raise ProfileError(Problem("the table is empty", file=str(p)))
    raw.attrs["header_rows"] = header_rows
    return raw


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _need(module: str, what: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ProfileError(f"{what} needs {module}: pip install 'srdi[batch]'")


def _cell_text(v: Any) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v.time() == pd.Timestamp(0).time() else v.isoformat()
    if hasattr(v, "isoformat") and not isinstance(v, str):
        return v.isoformat()[:10]
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_table(
    source: str | Path | pd.DataFrame,
    catalog: Catalog,
    sheet: str | int | None = None,
    header_rows: int | None = None,
    resolver: HeaderResolver | None = None,
) -> Table:
    """Read a file (or a frame with headers as column names) into a :class:`Table`."""
    resolver = resolver or resolver_for(catalog)
    if isinstance(source, pd.DataFrame):
        headers = [[str(c)] for c in source.columns]
        body = source.reset_index(drop=True)
        body.columns = range(body.shape[1])
        name = None
        first_row = 1
    else:
        raw = load_raw(source, sheet, header_rows)
        name = str(source)
        if raw.attrs.get("header_rows") == 0:  # Parquet: names are the headers
            headers = [[str(c)] for c in raw.columns]
            body = raw.reset_index(drop=True)
            body.columns = range(body.shape[1])
            first_row = 1
        else:
            start, n = _find_header(raw, resolver, header_rows)
            headers = _header_cells(raw.iloc[start:], n)
            body = raw.iloc[start + n :].reset_index(drop=True)
            body.columns = range(body.shape[1])
            first_row = start + n + 1  # the spreadsheet row of the first enterprise
            body = body.iloc[: _last_data_row(body)]
    return convert(body, headers, catalog.vocabulary, resolver, name, first_row)


def _header_cells(raw: pd.DataFrame, n: int) -> list[list[str]]:
    """Per column: its header cells from top to bottom, group headers carried right over merged cells."""
    top = raw.iloc[:n].astype(str).map(lambda s: s.strip())
    out: list[list[str]] = []
    carried = [""] * n
    for j in range(raw.shape[1]):
        cells = []
        for r in range(n):
            v = top.iat[r, j]
            if r < n - 1:
                # a group header spans the columns to its right until the next one
                if v:
                    carried[r] = v
                elif top.iat[n - 1, j]:
                    v = carried[r]
            cells.append(v)
        out.append(cells)
    return out


#: How far down a sheet the header may start (an official table prints its annex, title and stamp line first).
HEADER_SEARCH_ROWS = 8
_NOTE_LINE = re.compile(r"^\s*(注|说明|依据|备注|\d+[.、．])")


def _find_header(raw: pd.DataFrame, resolver: HeaderResolver, rows: int | None) -> tuple[int, int]:
    """(first header row, header rows): where the most cells resolve, one row unless two resolve strictly more.

    Lines above the header — an annex number, the table's title, a stamp line — hold one
    cell each and resolve to nothing, so the header is found below them.
    """
    best = (0, 0, rows or 1)  # (resolved, -start, rows)
    for start in range(min(HEADER_SEARCH_ROWS, max(raw.shape[0] - 1, 1))):
        for k in (rows,) if rows else (1, 2):
            if start + k > raw.shape[0]:
                continue
            if k == 2 and not rows and _title_line(raw.iloc[start]):
                continue  # a title above the header (one cell, merged across) is no group header
            score = sum(_resolves(resolver, h) for h in _header_cells(raw.iloc[start:], k))
            if score > best[0]:
                best = (score, -start, k)
    return -best[1], best[2]


def _title_line(row: pd.Series) -> bool:
    """Whether a sheet row holds one cell only, at the left (a title or stamp line, not a header row)."""
    filled = [str(v).strip() not in _BLANK for v in row.tolist()]
    return sum(filled) == 1 and filled[0]


def _last_data_row(body: pd.DataFrame) -> int:
    """How many rows are enterprises: trailing blank rows and the notes under a table are not."""
    text = body.astype(str).map(lambda v: v.strip())
    filled = ~text.isin(_BLANK)
    end = len(body)
    while end > 0:
        row = filled.iloc[end - 1]
        if not row.any():
            end -= 1
            continue
        # a note line under a printed table: one cell reading 注：/ 1. … / 依据： (at the left, or after
        # the columns a wide table repeats on every printed page)
        cell = text.iloc[end - 1][row.to_numpy()].iat[0]
        if row.sum() == 1 and _NOTE_LINE.match(cell) and not cell.isdigit():
            end -= 1
            continue
        break
    return end


def _resolves(resolver: HeaderResolver, cells: list[str]) -> bool:
    t = _target(resolver, cells)
    return t is not None and t.kind != "row"


def _target(resolver: HeaderResolver, cells: list[str]) -> Target | None:
    label = cells[-1] or next((c for c in reversed(cells) if c), "")
    group = " ".join(c for c in cells[:-1] if c) or None
    t = resolver.resolve(label, group)
    if t is None and group and not cells[-1]:
        t = resolver.resolve(group)
    return t


# --------------------------------------------------------------------------- conversion
def convert(
    body: pd.DataFrame,
    headers: list[list[str]],
    vocabulary: Vocabulary,
    resolver: HeaderResolver,
    source: str | None = None,
    first_row: int = 1,
) -> Table:
    """Convert text cells under resolved headers into the engine's columns."""
    n = len(body)
    table = Table(pd.DataFrame(index=pd.RangeIndex(n)), np.arange(n) + first_row, source)
    columns: dict[str, np.ndarray] = {}
    seen: dict[str, str] = {}
    rec_titles: set[str] = set()
    for j, cells in enumerate(headers):
        header = " / ".join(c for c in cells if c) or f"（第{j + 1}列）"
        target = _target(resolver, cells)
        if target is None:
            if any(c for c in cells):
                table.notes.append(
                    ColumnNote(
                        header,
                        "not a field of the profile vocabulary nor a form header; ignored"
                        + resolver.suggest(cells[-1] or header),
                        j + 1,
                    )
                )
            continue
        if target.kind == "row":
            continue
        if target.kind == "field" and vocabulary[target.key].yearly and target.year is None:
            table.notes.append(
                ColumnNote(
                    header,
                    f"{vocabulary[target.key].label} is yearly: name the year (e.g. '2021年{vocabulary[target.key].label}'"
                    f" or '{target.key}_2021'); ignored",
                    j + 1,
                )
            )
            continue
        column = target.column
        if column in seen:
            table.notes.append(ColumnNote(header, f"fills {column} like column {seen[column]!r}; ignored", j + 1))
            continue
        seen[column] = header
        table.mapping[header] = column
        cells_j = body.iloc[:, j]
        if target.kind == "field":
            spec = vocabulary[target.key]
            _convert_field(table, columns, spec, target, cells_j, header)
        elif target.kind == "choice":
            columns[column] = _flags(table, cells_j, header)
        elif target.kind == "rec":
            rec_titles.add(target.key)
            _convert_recognition(table, columns, target, cells_j, header)
        elif target.kind == "declared":
            columns[column] = _flags(table, cells_j, header)
        elif target.kind == "attest":
            columns[column] = _flags(table, cells_j, header)
    if rec_titles and "recognitions_declared" not in columns:
        # a table with recognition columns says what each row holds: a blank cell means "not held"
        columns["recognitions_declared"] = np.ones(n)
    table.frame = (
        pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False) if columns else pd.DataFrame(index=pd.RangeIndex(n))
    )
    if not any(c in table.frame.columns for c in IDENTITY):
        found = [h for cells in headers for h in cells if h]
        hint = resolver.suggest(found[0]) if found else ""
        close = _closest(["企业名称", "统一社会信用代码"], found)
        raise ProfileError(
            Problem(
                "missing required column 企业名称 (name) or 统一社会信用代码 (credit_code)"
                + (f"; the closest header found is {close!r}" if close else hint),
                file=source,
            )
        )
    _plausibility(table, vocabulary)
    _duplicates(table)
    return table


def _where(mask: np.ndarray) -> list[int]:
    """Positions where ``mask`` holds, as plain ints (row numbers for messages)."""
    return [int(i) for i in np.flatnonzero(mask)]


def _closest(wanted: Iterable[str], found: list[str]) -> str | None:
    import difflib

    best: tuple[float, str] | None = None
    for w in wanted:
        for h in found:
            r = difflib.SequenceMatcher(None, norm(w), norm(h)).ratio()
            if best is None or r > best[0]:
                best = (r, h)
    return best[1] if best and best[0] >= 0.4 else None


def _blank(cells: pd.Series) -> np.ndarray:
    s = cells.astype(str).str.strip()
    return (s.isin(_BLANK) | cells.isna()).to_numpy()


def _bad(table: Table, i: int, header: str, message: str) -> None:
    table.errors[i].append(f"{header}: {message}")


def _convert_field(
    table: Table, columns: dict[str, np.ndarray], spec: FieldSpec, target: Target, cells: pd.Series, header: str
) -> None:
    column = target.column
    blank = _blank(cells)
    if spec.kind in NUMERIC_KINDS:
        columns[column] = _numbers(table, spec, target, cells, blank, header)
    elif spec.kind == "bool":
        columns[column] = _by_value(table, cells, blank, header, lambda v: 1.0 if read(spec, v) else 0.0, np.nan)
    elif spec.kind == "date":
        values = _by_value(table, cells, blank, header, lambda v: pd.Timestamp(read(spec, v)), pd.NaT)
        columns[column] = pd.to_datetime(pd.Series(values, dtype=object)).to_numpy()
    elif spec.kind == "choice":
        columns[column] = _by_value(table, cells, blank, header, lambda v: read(spec, v), None)
    elif spec.kind == "multichoice":
        ticked = _by_value(table, cells, blank, header, lambda v: () if v in _NONE_TICKED else read(spec, v), None)
        for c in spec.choices:
            col = np.full(len(cells), np.nan)
            known = np.array([t is not None for t in ticked], dtype=bool)
            col[known] = [1.0 if c.value in t else 0.0 for t in ticked[known]]
            columns[f"{column}.{c.value}"] = col
    else:
        columns[column] = _texts(table, spec, cells, blank, header)


def _numbers(
    table: Table, spec: FieldSpec, target: Target, cells: pd.Series, blank: np.ndarray, header: str
) -> np.ndarray:
    text = cells.astype(str).str.strip()
    fast = pd.to_numeric(text.where(~blank, None).str.replace(",", "", regex=False), errors="coerce")
    out = np.array(fast.to_numpy(dtype=np.float64, na_value=np.nan))  # a writable copy
    # cells the fast path could not read (units, full-width digits, %, text): read strictly, one by one
    slow = np.flatnonzero(~blank & np.isnan(out))
    for i in map(int, slow):
        try:
            out[i] = read(spec, text.iat[i])
        except ValueProblem as exc:
            _bad(table, i, header, str(exc))
            out[i] = np.nan
    if target.unit == "元" and spec.kind == "money":
        out = out / 10_000.0  # the header says 元: the vocabulary is in 万元
    bad = np.flatnonzero(~np.isnan(out) & (out < 0)) if not spec.signed else np.array([], dtype=int)
    for i in bad:
        _bad(table, i, header, f"negative value {fmt_num(out[i])} is not possible for {spec.label}")
        out[i] = np.nan
    if spec.kind == "percent":
        frac = np.flatnonzero(
            ~np.isnan(out) & (np.abs(out) > 0) & (np.abs(out) < 1) & ~text.str.endswith("%").to_numpy()
        )
        for i in map(int, frac):
            _bad(
                table,
                i,
                header,
                f"{text.iat[i]!r} looks like a fraction; percentages are written in percent (0.65 → 65)",
            )
            out[i] = np.nan
    if spec.kind in ("integer", "count"):
        frac = np.flatnonzero(~np.isnan(out) & (out != np.floor(out)))
        for i in map(int, frac):
            _bad(table, i, header, f"{spec.label} is a whole number, got {fmt_num(out[i])}")
            out[i] = np.nan
    return out


def _by_value(table: Table, cells: pd.Series, blank: np.ndarray, header: str, fn: Any, missing: Any) -> np.ndarray:
    """Convert each distinct value once; cells that fail get a message and become missing."""
    text = cells.astype(str).str.strip()
    out = np.full(len(cells), missing, dtype=object)
    cache: dict[str, tuple[bool, Any]] = {}
    for value in pd.unique(text[~blank]):
        try:
            cache[value] = (True, fn(value))
        except ValueProblem as exc:
            cache[value] = (False, str(exc))
    for i in _where(~blank):
        ok, v = cache[str(text.iat[i])]
        if ok:
            out[i] = v
        else:
            _bad(table, i, header, v)
    if missing is np.nan:
        return out.astype(np.float64)
    return out


def _flags(table: Table, cells: pd.Series, header: str) -> np.ndarray:
    spec = FieldSpec(key="flag", label=header, kind="bool", section="enterprise")
    return _by_value(table, cells, _blank(cells), header, lambda v: 1.0 if read(spec, v) else 0.0, np.nan)


def _texts(table: Table, spec: FieldSpec, cells: pd.Series, blank: np.ndarray, header: str) -> np.ndarray:
    text = cells.astype(str).str.strip()
    out = text.to_numpy(dtype=object).copy()
    out[blank] = None
    if spec.key == "credit_code":
        for i in _where(~blank):
            code = cc.normalise(out[i])
            why = cc.problem(code)
            if why:
                _bad(table, i, header, why)
                table.as_given.setdefault(spec.key, {})[i] = out[i]
                out[i] = None
            else:
                out[i] = code
    elif spec.key == "industry_code":
        for i in _where(~blank):
            m = _INDUSTRY.match(unicodedata.normalize("NFKC", out[i]))
            out[i] = m.group(1).replace(" ", "").upper() if m else out[i]
    elif spec.key == "region_code":
        for i in _where(~blank):
            if not (len(out[i]) == 6 and out[i].isdigit()):
                _bad(table, i, header, f"expected a six-digit administrative division code, got {out[i]!r}")
                out[i] = None
    return out


def _convert_recognition(
    table: Table, columns: dict[str, np.ndarray], target: Target, cells: pd.Series, header: str
) -> None:
    blank = _blank(cells)
    if target.part == "year":
        text = cells.astype(str).str.strip()
        year = np.array(pd.to_numeric(text.str.extract(r"^(\d{4})", expand=False), errors="coerce"), dtype=float)
        for i in _where(~blank & (np.isnan(year) | (year < 1980) | (year > 2100))):
            _bad(table, i, header, f"expected the year of recognition, such as 2021, got {text.iat[i]!r}")
            year[i] = np.nan
        year[blank] = np.nan
        columns[target.column] = year
    else:
        spec = FieldSpec(key="date", label=header, kind="date", section="enterprise")
        values = _by_value(table, cells, blank, header, lambda v: pd.Timestamp(read(spec, v)), pd.NaT)
        columns[target.column] = pd.to_datetime(pd.Series(values, dtype=object)).to_numpy()


# --------------------------------------------------------------------------- row checks
def _plausibility(table: Table, vocabulary: Vocabulary) -> None:
    """Money typed in 元 (or 亿元) where the vocabulary expects 万元: the row is flagged, the cell made missing."""
    frame = table.frame
    for column in list(frame.columns):
        base, _, year = column.rpartition("_")
        spec = vocabulary.get(base) if year.isdigit() else vocabulary.get(column)
        if spec is None or spec.kind != "money":
            continue
        x = np.array(frame[column], dtype=float)
        for i in _where(np.abs(np.nan_to_num(x)) > MAX_AMOUNT):
            table.errors[i].append(
                f"{spec.label}{'（' + year + '）' if year.isdigit() else ''}: {fmt_num(x[i])}万元 is over 1000亿元: "
                "amounts are in 万元 — was it entered in 元?"
            )
            x[i] = np.nan
        frame[column] = x
    for column in [c for c in frame.columns if c.startswith("revenue_")]:
        year = column.split("_", 1)[1]
        staff = f"employees_{year}"
        if staff not in frame.columns:
            continue
        rev = np.array(frame[column], dtype=float)
        emp = np.array(frame[staff], dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            per = rev / emp
        ok = (rev > 0) & (emp > 0)
        for i in _where(ok & (per > MAX_REVENUE_PER_EMPLOYEE)):
            table.errors[i].append(
                f"营业收入（{year}）: {fmt_num(rev[i])}万元 for {int(emp[i])} people is {fmt_num(round(per[i]))}万元 "
                "per person: amounts are in 万元 — was it entered in 元?"
            )
            rev[i] = np.nan
        for i in _where(ok & (per < MIN_REVENUE_PER_EMPLOYEE)):
            table.errors[i].append(
                f"营业收入（{year}）: {fmt_num(rev[i])}万元 is far below what {int(emp[i])} people imply: "
                "amounts are in 万元 — was it entered in 亿元?"
            )
            rev[i] = np.nan
        frame[column] = rev


def _duplicates(table: Table) -> None:
    """The same credit code on several rows: every such row is kept and flagged with the others' row numbers."""
    if "credit_code" not in table.frame.columns:
        return
    codes = pd.Series(table.frame["credit_code"].to_numpy(dtype=object))
    dup = codes.notna() & codes.duplicated(keep=False)
    if not dup.any():
        return
    groups: Mapping[Any, list[int]] = codes[dup].groupby(codes[dup]).groups
    for code, idx in groups.items():
        idx = sorted(int(i) for i in idx)
        for i in idx:
            others = "、".join(str(table.rows[k]) for k in idx if k != i)
            table.warnings[i].append(f"统一社会信用代码 {code} also on row {others}")
