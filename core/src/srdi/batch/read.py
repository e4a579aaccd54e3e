"""Reading a table of enterprises into an evaluation frame, keeping every row and its problems.

Input is CSV, XLSX or Parquet (or a pandas DataFrame already in memory), one
enterprise per row, with headers in the vocabulary or in Chinese (see
:mod:`srdi.batch.headers`). The header is found in the first rows — under an
official table's annex number, title and stamp line — and only the columns it
names are read: CSV by pyarrow (:mod:`srdi.batch.csvfile`, any of the encodings
bureau systems export), XLSX with memory that follows the cells present
(:mod:`srdi.batch.xlsxfile`), Parquet as typed. The cells are then checked column
by column (:mod:`srdi.batch.cells`). A row's problem — a bad cell, a record with
the wrong number of fields, a blank row — never stops the other rows: every row
is in the table, in file order, with its messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from ..errors import Problem, ProfileError, os_reason
from ..i18n import t as message
from .cells import IDENTITY, convert, is_text, resolve_columns, target_of
from .headers import HeaderResolver, norm
from .raw import Progress, RawBody, RawSource
from .table import ColumnNote, Table

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..notices.model import FieldSpecForm, SectionSpec

__all__ = [
    "IDENTITY",
    "ColumnNote",
    "Header",
    "Table",
    "convert",
    "header_of",
    "open_source",
    "read_table",
    "resolver_for",
]

#: How far down a sheet the header may start (an official table prints its annex, title and stamp line first).
HEADER_SEARCH_ROWS = 8
_NOTE_LINE = re.compile(r"^\s*(注|说明|依据|备注|\d+[.、．])")


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
def open_source(path: str | Path, sheet: str | int | None = None) -> RawSource:
    """The reader for a table file, by its suffix; :class:`ProfileError` naming the file when it is none."""
    p = Path(path)
    if not p.exists():
        raise ProfileError(Problem(message("table.not_found"), file=str(p)))
    if p.is_dir():
        raise ProfileError(Problem(message("table.is_dir"), file=str(p)))
    suffix = p.suffix.lower()
    if sheet is not None and suffix in (".csv", ".txt", ".tsv", ".parquet", ".pq"):
        # a CSV or Parquet file holds one table: a sheet asked of it would be silently ignored
        raise ProfileError(Problem(message("table.sheet_only_xlsx", sheet=repr(str(sheet))), file=str(p)))
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            _need("pyarrow", "extra.read_csv")
            from .csvfile import CsvSource

            return CsvSource(p, "\t" if suffix == ".tsv" else ",")
        if suffix in (".xlsx", ".xlsm"):
            from .xlsxfile import XlsxSource

            return XlsxSource(p, sheet)
        if suffix in (".parquet", ".pq"):
            _need("pyarrow", "extra.read_parquet")
            from .parquetfile import ParquetSource

            return ParquetSource(p)
    except ProfileError:
        raise
    except (OSError, ValueError, UnicodeDecodeError, MemoryError, RecursionError) as exc:
        raise ProfileError(Problem(message("table.not_a_table", why=_short(exc)), file=str(p))) from None
    raise ProfileError(Problem(message("table.cannot_read", suffix=suffix or message("table.no_suffix")), file=str(p)))


def _short(exc: BaseException) -> str:
    if isinstance(exc, OSError):  # a file the system would not open: its cause in the reader's words
        return os_reason(exc)
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _need(module: str, what: str) -> None:
    """Refuse, naming the extra to install, when ``module`` is missing; ``what`` is the catalogue code of what needs it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ProfileError(message("extra.missing", what=message(what), module=module, install="'srdi[batch]'"))


def read_table(
    source: str | Path | pd.DataFrame,
    catalog: Catalog,
    sheet: str | int | None = None,
    header_rows: int | None = None,
    resolver: HeaderResolver | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read a file (or a frame with headers as column names) into a :class:`Table`.

    ``progress``, when given, is called as ``progress(stage, done, total)`` while
    the file is parsed and its columns checked.
    """
    resolver = resolver or resolver_for(catalog)
    if isinstance(source, pd.DataFrame):
        headers = [[str(c)] for c in source.columns]
        body = source.reset_index(drop=True)
        body.columns = pd.RangeIndex(body.shape[1])
        return convert(body, headers, catalog.vocabulary, resolver, None, 1, progress=progress)
    name = str(source)
    src = _reading(name, open_source, source, sheet)
    try:
        return _read(src, name, catalog, header_rows, resolver, progress)
    except ProfileError:
        raise
    except (OSError, ValueError, UnicodeDecodeError, MemoryError, RecursionError) as exc:
        raise ProfileError(Problem(message("table.not_a_table", why=_short(exc)), file=name)) from None


def _read(
    src: RawSource,
    name: str,
    catalog: Catalog,
    header_rows: int | None,
    resolver: HeaderResolver,
    progress: Progress | None,
) -> Table:
    from .csvfile import CsvSource
    from .parquetfile import ParquetSource

    head = _reading(name, src.head, HEADER_SEARCH_ROWS + 2)
    delimiter = src.delimiter if isinstance(src, CsvSource) else None
    typed = isinstance(src, ParquetSource)
    found = header_of(head, catalog, resolver, name, rows=header_rows, delimiter=delimiter, typed=typed)
    table_years = form_years(catalog, head[: found.start])
    if table_years is not None:  # the table is a notice's: its columns read again in that table's years
        resolver = resolver.with_form_years(*table_years)
        found = header_of(head, catalog, resolver, name, rows=header_rows, delimiter=delimiter, typed=typed)
    raw = without_trailing(_reading(name, src.body, found.skip, found.wanted, progress))
    table = table_of(raw, found.headers, catalog, resolver, name, progress=progress)
    table.encoding = src.encoding
    table.sheet = src.sheet
    return table


def form_years(catalog: Catalog, lines: list[list[Any]]) -> tuple[str, dict[str, tuple[str, int]]] | None:
    """The notice's table a file's lines above its header title, and the years its columns hold unprinted.

    Per printed label: the field and year the table's definition gives the column
    (``year`` of a form field naming its ``profile``). None where no loaded form's title
    stands on those lines, or where none of its columns holds a year. Forms sharing the
    title give a label a year only where they agree on it.
    """
    said = {norm(str(c)) for row in lines for c in row if c is not None and str(c).strip()}
    if not said:
        return None
    title = None
    found: dict[str, tuple[str, int] | None] = {}
    for form in catalog.forms():
        if norm(form.title) not in said:
            continue
        title = form.title
        for f in _form_fields(form.sections):
            if f.profile and f.year is not None:
                given = (f.profile, f.year)
                found[f.label] = given if found.get(f.label, given) == given else None
    years = {label: given for label, given in found.items() if given is not None}
    return (title, years) if title is not None and years else None


def _form_fields(sections: Iterable[SectionSpec]) -> Iterator[FieldSpecForm]:
    """Every field of a form's sections, the columns inside a field included."""
    stack = [f for section in sections for f in section.fields]
    while stack:
        f = stack.pop()
        yield f
        stack.extend(f.columns)


class Header(NamedTuple):
    """Where a file's header is and which of its columns are read."""

    start: int  #: the header's first line (0-based), below any annex number or title
    rows: int  #: how many lines the header spans
    headers: list[list[str]]  #: per column, its header cells from top to bottom
    wanted: dict[int, bool]  #: the columns read, by position: True for a column read as text

    @property
    def skip(self) -> int:
        """Lines above the body."""
        return self.start + self.rows


def header_of(
    head: list[list[Any]],
    catalog: Catalog,
    resolver: HeaderResolver,
    name: str,
    rows: int | None = None,
    delimiter: str | None = None,
    typed: bool = False,
) -> Header:
    """The header in a file's first lines and the columns it names.

    ``delimiter`` is a CSV file's (a header that resolves nothing and holds another
    separator is refused with a message naming it); ``typed`` is for a file whose
    column names are its header (Parquet), which is not searched for.
    """
    if not any(any(str(c).strip() for c in row) for row in head):
        raise ProfileError(Problem(message("table.empty"), file=name))
    start, n = (0, 1) if typed else find_header(head, resolver, rows)
    headers = header_cells(head[start : start + n], n)
    plan = resolve_columns(headers, catalog.vocabulary, resolver)
    if delimiter is not None and not any(t.column in IDENTITY for _, _, t in plan):
        _delimiter_check(delimiter, head, name)
    return Header(start, n, headers, {j: is_text(t, catalog.vocabulary) for j, _, t in plan})


def table_of(
    raw: RawBody,
    headers: list[list[str]],
    catalog: Catalog,
    resolver: HeaderResolver,
    name: str | None,
    **checks: Any,
) -> Table:
    """The records a file reader found under ``headers``, their cells checked (``checks`` go to :func:`convert`).

    The problems the reader found (a record of the wrong width, bytes that do not
    decode) come first in their rows' errors, a cell's named by its column's header.
    """
    problems: dict[int, list[str]] = {i: list(m) for i, m in raw.errors.items()}
    for i, j, said in raw.cell_errors:
        header = (
            " / ".join(c for c in headers[j] if c) if j < len(headers) else message("table.unnamed_column", n=j + 1)
        )
        problems.setdefault(i, []).append(f"{header}: {said}")
    return convert(
        raw.frame(),
        headers,
        catalog.vocabulary,
        resolver,
        name,
        rows=raw.rows,
        problems=problems,
        blank_rows=raw.blank,
        **checks,
    )


def _reading(name: str, step: Any, *args: Any) -> Any:
    """A step of a file reader; what its parsers raise for a file that is not what it claims is named as such."""
    try:
        return step(*args)
    except ProfileError:
        raise
    except Exception as exc:  # zipfile, zlib, expat, calamine and Arrow each raise their own types
        raise ProfileError(
            Problem(
                message(
                    "table.not_a_table",
                    why=_short(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {_short(exc)}",
                ),
                file=name,
            )
        ) from None


def _delimiter_check(delimiter: str, head: list[list[Any]], name: str) -> None:
    """A CSV whose header is one field holding semicolons or tabs: say so, not that a column is missing."""
    for row in head:
        cells = [str(c) for c in row if str(c).strip()]
        if len(cells) == 1:
            for sep, what in (("\t", "tab"), (";", "semicolon"), ("；", "fullwidth_semicolon"), ("|", "bar")):
                if sep != delimiter and cells[0].count(sep) >= 1:
                    raise ProfileError(
                        Problem(message("table.delimiter", what=message(f"table.delimiter.{what}")), file=name)
                    )


# --------------------------------------------------------------------------- the header
def find_header(head: list[list[Any]], resolver: HeaderResolver, rows: int | None) -> tuple[int, int]:
    """(first header row, header rows): where the most cells resolve, one row unless two resolve strictly more.

    Lines above the header — an annex number, the table's title, a stamp line — hold one
    cell each and resolve to nothing, so the header is found below them.
    """
    best = (0, 0, rows or 1)  # (resolved, -start, rows)
    for start in range(min(HEADER_SEARCH_ROWS, max(len(head) - 1, 1))):
        for k in (rows,) if rows else (1, 2):
            if start + k > len(head):
                continue
            if k == 2 and not rows and _title_line(head[start]):
                continue  # a title above the header (one cell, merged across) is no group header
            score = sum(_resolves(resolver, h) for h in header_cells(head[start : start + k], k))
            if score > best[0]:
                best = (score, -start, k)
    return -best[1], best[2]


def _title_line(row: list[Any]) -> bool:
    """Whether a sheet row holds one cell only, at the left (a title or stamp line, not a header row)."""
    filled = [v is not None and str(v).strip() != "" for v in row]
    return sum(filled) == 1 and filled[0]


def header_cells(rows: list[list[Any]], n: int) -> list[list[str]]:
    """Per column: its header cells from top to bottom, group headers carried right over merged cells."""
    width = max((len(r) for r in rows[:n]), default=0)
    top = [[str(r[j]).strip() if j < len(r) and r[j] is not None else "" for j in range(width)] for r in rows[:n]]
    while len(top) < n:
        top.append([""] * width)
    out: list[list[str]] = []
    carried = [""] * n
    for j in range(width):
        cells = []
        for r in range(n):
            v = top[r][j]
            if r < n - 1:
                # a group header spans the columns to its right until the next one
                if v:
                    carried[r] = v
                elif top[n - 1][j]:
                    v = carried[r]
            cells.append(v)
        out.append(cells)
    return out


def _resolves(resolver: HeaderResolver, cells: list[str]) -> bool:
    t = target_of(resolver, cells)
    return t is not None and t.kind != "row"


# --------------------------------------------------------------------------- rows
def _filled(raw: RawBody, start: int, end: int) -> np.ndarray:
    """Per row from ``start`` to ``end``: how many of its read cells hold something (spaces are nothing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    count = np.zeros(end - start, dtype=np.int32)
    for col in raw.columns.values():
        part = col[start:end]
        if isinstance(part, (pa.Array, pa.ChunkedArray)):
            present = pc.is_valid(part)
            if pa.types.is_string(part.type) or pa.types.is_large_string(part.type):
                present = pc.and_(present, pc.invert(pc.match_substring_regex(part, r"^\s*$")))
            count += pc.fill_null(present, False).to_numpy(zero_copy_only=False)
        else:
            count += pd.notna(pd.Series(part)).to_numpy()
    return count


def without_trailing(raw: RawBody) -> RawBody:
    """The body without the blank rows and the notes (注：1.…) printed under a table.

    Only the end of the table is looked at, in growing windows: a million rows cost
    what their last few do.
    """
    n = len(raw)
    problems = {e[0] for e in raw.cell_errors}
    end = n
    window = 256
    while end > 0:
        start = max(0, end - window)
        count = _filled(raw, start, end)
        while end > start:
            i = end - 1
            c = int(count[i - start])
            blank = c == 0 and i not in problems and (i not in raw.errors or i in raw.blank)
            text = None if blank else _only_text(raw, i, c)
            if not (blank or (text is not None and _NOTE_LINE.match(text) and not text.isdigit())):
                return raw if end == n else raw.take(end)
            end -= 1
        window *= 4
    return raw.take(0)


def _only_text(raw: RawBody, i: int, count: int) -> str | None:
    """The text of row ``i`` (holding ``count`` cells) when it holds one cell only (a note line), else None."""
    skipped = raw.skipped.get(i)
    if skipped is not None:
        fields = [f.strip() for f in skipped if f.strip()]
        return fields[0] if len(fields) == 1 else None
    if count != 1 or i in raw.errors:
        return None
    for col in raw.columns.values():
        v = col[i]
        v = v.as_py() if hasattr(v, "as_py") else v
        if v is not None and not (isinstance(v, float) and np.isnan(v)) and str(v).strip():
            return str(v).strip()
    return None
