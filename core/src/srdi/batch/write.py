"""Writing tables: profiles as an applicant table, and screening results as CSV, XLSX or Parquet.

:func:`profiles_table` lays profiles out as a spreadsheet a bureau would receive —
one row per enterprise, Chinese headers (``企业名称``, ``2021年营业收入``), choices
as their labels, multiple choices joined with ``、``, recognitions as the year
under the title's name — so the reader can be tested on the tables people send.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..engine.titles import date_header, revoked_column
from ..errors import Problem, SrdiError
from ..i18n import t as message
from ..profile import Profile
from ..profile.model import latest_recognitions
from ..vocabulary import FieldSpec, Vocabulary
from .safe_cells import to_csv

if TYPE_CHECKING:
    from ..engine.titles import TitleBook


def _cell(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return ""
    if spec.kind == "bool":
        return "是" if value else "否"
    if spec.kind == "choice":
        return next((c.label for c in spec.choices if c.value == value), value)
    if spec.kind == "multichoice":
        labels = {c.value: c.label for c in spec.choices}
        return "、".join(labels.get(v, v) for v in value) if value else "无"
    if spec.kind == "date":
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def header_for(spec: FieldSpec, year: int | None = None, chinese: bool = True) -> str:
    """The header of a field's column: ``2021年营业收入`` in Chinese, ``revenue_2021`` in the vocabulary."""
    if not chinese:
        return f"{spec.key}_{year}" if year is not None else spec.key
    label = spec.label
    return f"{year}年{label}" if year is not None else label


def profiles_table(
    profiles: Iterable[Profile],
    vocabulary: Vocabulary,
    titles: TitleBook | None = None,
    chinese: bool = True,
) -> pd.DataFrame:
    """Profiles as a table of text cells, one row each, with Chinese (or vocabulary) headers."""
    rows: list[dict[str, Any]] = []
    order: dict[str, None] = {}
    for p in profiles:
        row: dict[str, Any] = {}
        for key, value in p.facts.items():
            spec = vocabulary[key]
            row[header_for(spec, None, chinese)] = _cell(spec, value)
        for year in sorted(p.years):
            for key, value in p.years[year].items():
                spec = vocabulary[key]
                row[header_for(spec, year, chinese)] = _cell(spec, value)
        if p.recognitions is not None:
            row["recognitions_declared"] = "是"
            # per title the recognition the profile's own row holds (its latest), with its year and dates: the day
            # of grant and the end of term decide how long a title has been held, the revocation day a bar
            for r in latest_recognitions(p.recognitions).values():
                name = titles.label(r.title) if (titles is not None and chinese) else None
                held: int | None = r.year if r.year is not None else (r.granted_on.year if r.granted_on else None)
                if held is not None:
                    row[name or f"rec.{r.title}.year"] = str(held)
                for part, day in (("granted_on", r.granted_on), ("valid_until", r.valid_until)):
                    if day is not None:
                        row[date_header(name, part) if name else f"rec.{r.title}.{part}"] = day.isoformat()
                if r.revoked_on is not None:
                    row[date_header(name, "revoked_on") if name else revoked_column(r.title)] = r.revoked_on.isoformat()
        for key, value in p.attestations.items():
            row[f"attest.{key}"] = "是" if value else "否"
        rows.append(row)
        for k in row:
            order.setdefault(k, None)
    return pd.DataFrame(rows, columns=list(order), dtype=object).fillna("")


def write_frame(
    frame: pd.DataFrame,
    path: str | Path,
    headers: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
    title: str | None = None,
    about: Sequence[tuple[str, str]] | None = None,
    freeze_columns: int = 0,
) -> Path:
    """Write a frame as .csv (UTF-8 with BOM, for spreadsheets), .xlsx or .parquet, by suffix.

    In .xlsx the rows go on a data sheet named ``sheet`` (headers frozen and
    filtered, widths from content, printed landscape with ``title`` on every page),
    followed by a ``说明`` sheet of ``about`` lines when given. Text that a
    spreadsheet could run as a formula is written as text in .xlsx and neutralised
    in .csv (:mod:`srdi.batch.safe_cells`).
    """
    p = Path(path)
    out = frame.rename(columns=dict(headers)) if headers else frame
    suffix = p.suffix.lower()
    if suffix == ".csv":
        to_csv(out, str(p))
    elif suffix == ".xlsx":
        _need("openpyxl", "extra.write_xlsx")
        from .workbook import new_workbook, write_about_sheet, write_data_sheet

        wb = new_workbook()
        names = [str(c) for c in out.columns]
        # pandas' NA (Arrow-backed text) is no cell value: missing cells are None
        columns = [out[c].to_numpy(dtype=object, na_value=None) for c in out.columns]  # type: ignore[call-overload]
        rows = list(zip(*columns)) if len(out.columns) else []
        write_data_sheet(wb, sheet or "结果", names, rows, [_format(c) for c in columns], title, freeze_columns)
        if about:
            write_about_sheet(wb, "说明", title or sheet or "", about)
        wb.save(p)
    elif suffix in (".parquet", ".pq"):
        _need("pyarrow", "extra.write_parquet")
        _write_parquet(out, p)
    else:
        raise SrdiError(
            Problem(message("table.cannot_write", suffix=suffix or message("table.no_suffix")), file=str(p))
        )
    return p


#: Text longer than this (reasons, gap texts, errors) gets no min/max statistics in Parquet.
STATISTICS_TEXT_LIMIT = 64


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """A frame as Parquet, its categories as dictionaries, without turning any column into Python objects.

    Min/max statistics are written for every column but long text: over a million
    rows of reasons they cost a comparison of every text and serve no filter. Only the
    categories are dictionary-encoded: the other columns (row numbers, names, credit
    codes, gap texts) differ row by row, and a dictionary tried on them is built and
    then dropped (about a tenth of writing a screened million rows).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    stats = [name for name, column in zip(table.column_names, table.columns) if not _long_text(column)]
    pq.write_table(table, path, write_statistics=stats, use_dictionary=_dictionary_columns(table.schema))


def _dictionary_columns(schema: Any) -> list[str]:
    """The columns of an Arrow schema that are dictionaries (pandas categoricals): those Parquet writes as such."""
    import pyarrow as pa

    return [f.name for f in schema if pa.types.is_dictionary(f.type)]


def _long_text(column: Any) -> bool:
    """Whether an Arrow column (or its dictionary) holds a text longer than :data:`STATISTICS_TEXT_LIMIT` bytes."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = column.type
    chunks = column.chunks
    if pa.types.is_dictionary(t):
        t = t.value_type
        chunks = [c.dictionary for c in chunks]
    if not (
        pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t)
    ):
        return False
    longest = (pc.max(pc.binary_length(c)).as_py() for c in chunks if len(c))
    return max((n or 0 for n in longest), default=0) > STATISTICS_TEXT_LIMIT


def _format(values: Any) -> str | None:
    """A column's number format: whole numbers as such, other numbers with two decimals, text none."""
    numbers = [v for v in values if isinstance(v, (int, float, np.number)) and not isinstance(v, bool) and v == v]
    if not numbers:
        return None
    return "0" if all(float(v).is_integer() for v in numbers) else "#,##0.00"


def _need(module: str, what: str) -> None:
    """Refuse, naming the extra to install, when ``module`` is missing; ``what`` is the catalogue code of what needs it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise SrdiError(message("extra.missing", what=message(what), module=module, install="'srdi[batch]'"))
