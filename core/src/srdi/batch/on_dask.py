"""The same batch on Dask, partition by partition, on one machine or a dask.distributed cluster.

:func:`screen_dask` takes what ``srdi batch`` takes — a CSV or Parquet file (or a glob
of them), or a Dask DataFrame whose column names are the table's headers — and reads
every partition as the batch reader reads a table: the same header resolution, cell
checks, units and messages. A Dask DataFrame already in the engine's columns
(``Catalog.frame``) is screened as is with ``engine_columns=True``.

Rows are numbered by their place in the input, as ``srdi batch`` numbers them (the
spreadsheet row under a header), whatever the partitions; a credit code that occurs
on several rows is flagged on each of them with the others' row numbers, across
partitions. Workers build their catalog once from plugin names (a catalog holds
modules and is not shipped over the wire) and keep it for every later partition.

On a cluster of several machines, start a scheduler and workers where srdi and the
plugins are installed, point a client at the scheduler, and read files every worker
can reach::

    # on one machine:  dask scheduler                       (listens on tcp://HOST:8786)
    # on each machine: dask worker tcp://HOST:8786 --nworkers 1 --nthreads 2
    from dask.distributed import Client

    client = Client("tcp://HOST:8786")  # or Client(LocalCluster(n_workers=2)) on one machine
    out = screen_dask("/shared/申报企业-*.csv", ["liaoning"], ["liaoning.little-giant-2022"], datetime.date(2022, 3, 1))
    out.to_parquet("/shared/screened/")

Dask and distributed are optional: ``pip install 'srdi[dask]'``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import frozen

from ..engine.columns import string_dtype
from ..errors import Problem, ProfileError, SrdiError
from . import cells, read
from .raw import RawBody
from .read import Table
from .screen import COLUMNS, resolve_programs, screen

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..programs import Program
    from .headers import HeaderResolver


def _require() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError:
        raise SrdiError("screening on Dask needs dask: pip install 'srdi[dask]'") from None
    return dd


@functools.lru_cache(maxsize=8)
def _catalog(plugins: tuple[str, ...] | None) -> Catalog:
    """The catalog of a worker process, built once per plugin selection."""
    from .. import api

    return api.load(list(plugins) if plugins is not None else None)


@functools.lru_cache(maxsize=8)
def _resolver(plugins: tuple[str, ...] | None) -> HeaderResolver:
    """The header resolver of a worker process, built once per plugin selection."""
    return read.resolver_for(_catalog(plugins))


@functools.lru_cache(maxsize=32)
def _programs(
    plugins: tuple[str, ...] | None, programs: tuple[str, ...], on: dt.date, overrides: tuple[tuple[str, Any], ...]
) -> list[Program]:
    """The programs of a worker process, resolved (and overridden) once."""
    return resolve_programs(_catalog(plugins), list(programs), None, on, dict(overrides))


#: Output columns that stay text cell by cell (names, codes and gap texts are mostly distinct per row).
STRING_COLUMNS = ("name", "credit_code", "gaps")
#: Categories in the meta's (unknown) categorical dtype: as many as make pandas store its codes as int32.
#: ``to_parquet`` takes its Arrow schema from the meta, so every partition is written as a dictionary with
#: int32 indices, whatever its own number of distinct texts (a pandas categorical of up to 127 texts has
#: int8 codes, of up to 32,767 int16: Arrow refuses to narrow those to a meta's int8).
WIDE_CATEGORIES = 32_768


def meta() -> pd.DataFrame:
    """The (empty) frame every partition's result has: row numbers, texts and categoricals.

    The columns that repeat a few texts over many rows (verdicts, reasons, programs,
    errors) are categoricals of unknown categories, as screening makes them: each
    partition keeps its own categories, ``compute`` unites them, and ``to_parquet``
    writes them dictionary-encoded, which ``pd.read_parquet`` reads back as categoricals.
    Spelling every reason out as a string instead costs more than screening the
    partition (about 530 bytes a row where many criteria fail).
    """
    unknown = _unknown_categories()
    return pd.DataFrame(
        {
            c: pd.Series(dtype=np.int64)
            if c == "row"
            else pd.Series(dtype=string_dtype())
            if c in STRING_COLUMNS
            else pd.Series(dtype=unknown)
            for c in COLUMNS
        }
    )


@functools.lru_cache(maxsize=1)
def _unknown_categories() -> pd.CategoricalDtype:
    """Dask's unknown categories, :data:`WIDE_CATEGORIES` of them (built once: a dtype does not change)."""
    from dask.dataframe.utils import UNKNOWN_CATEGORIES

    return pd.CategoricalDtype(
        pd.Index([UNKNOWN_CATEGORIES, *(f"{UNKNOWN_CATEGORIES}{k}" for k in range(1, WIDE_CATEGORIES))], dtype=object)
    )


def _as_strings(values: pd.Series) -> Any:
    """A text column (categorical or not) as Arrow-backed strings, missing as missing."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        import pyarrow as pa

        codes = values.cat.codes.to_numpy()
        dictionary = pa.array(list(values.cat.categories), type=pa.string())
        indices = pa.array(codes, mask=codes < 0, type=pa.int32())
        return pd.arrays.ArrowStringArray(pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string()))
    return values.astype(string_dtype()).array


@frozen
class Layout:
    """Where a table's data sits: its header cells, and the spreadsheet row of its first data row.

    ``skip`` is how many lines of the first partition are header (or title) lines.
    """

    headers: tuple[tuple[str, ...], ...]
    first_row: int
    skip: int
    source: str | None


def read_partition(
    part: pd.DataFrame, layout: Layout, plugins: tuple[str, ...] | None, start: int, skip: int, rows: int
) -> Table:
    """One partition of raw cells read as the batch reader reads a whole table.

    ``skip`` header lines are dropped and ``rows`` data rows kept (the last partition
    ends before the notes under a table); ``start`` is the position of the partition's
    first data row in the whole table. This is the one place the Dask path calls the reader.
    """
    body = part.iloc[skip : skip + rows].reset_index(drop=True)
    body.columns = range(body.shape[1])
    cat = _catalog(plugins)
    headers = [list(h) for h in layout.headers]
    return cells.convert(
        body,
        headers,
        cat.vocabulary,
        _resolver(plugins),
        layout.source,
        layout.first_row + start,
        cross_row_checks=False,  # duplicates are found across the whole table, on the client's graph
        workers=1,  # a worker process is one core's share; partitions run side by side
    )


def _data_rows(part: pd.DataFrame, skip: int, last: bool) -> int:
    """How many rows of a partition are enterprises (after ``skip`` header lines; the last one ends at its data)."""
    if not last:
        return len(part) - skip
    import pyarrow as pa

    body = part.iloc[skip:]
    columns = {j: pa.array(body.iloc[:, j].to_numpy(dtype=object), from_pandas=True) for j in range(body.shape[1])}
    return len(read.without_trailing(RawBody(columns, np.arange(len(body), dtype=np.int64))))


def _partition_codes(
    part: pd.DataFrame, layout: Layout, plugins: tuple[str, ...] | None, skip: int, last: bool, column: int | None
) -> tuple[int, np.ndarray]:
    """(data rows, their credit codes as the reader reads them) of one partition; only that column is read."""
    rows = _data_rows(part, skip, last)
    if column is None:
        return rows, np.zeros(0, dtype=object)
    narrow = Layout((layout.headers[column],), layout.first_row, layout.skip, layout.source)
    table = read_partition(part.iloc[:, [column]], narrow, plugins, 0, skip, rows)
    return rows, table.frame["credit_code"].to_numpy(dtype=object)


def _screen_partition(
    part: pd.DataFrame,
    start: int,
    counted: tuple[int, np.ndarray] | None,
    duplicates: Mapping[int, list[str]],
    layout: Layout | None,
    skip: int,
    plugins: tuple[str, ...] | None,
    programs: tuple[str, ...],
    on: dt.date,
    overrides: tuple[tuple[str, Any], ...],
    gaps: bool,
) -> pd.DataFrame:
    """Read (unless in engine columns) and screen one partition on a worker."""
    cat = _catalog(plugins)
    progs = _programs(plugins, programs, on, overrides)
    if layout is None or counted is None:
        table = Table(part.reset_index(drop=True), np.arange(start, start + len(part), dtype=np.int64) + 1)
    else:
        table = read_partition(part, layout, plugins, start, skip, counted[0])
        _add_duplicates(table, start, duplicates)
    out = screen(cat, table, progs, on, gaps=gaps, workers=1).frame
    # every other text column is a categorical already, as screening makes it
    return pd.DataFrame({c: _as_strings(out[c]) if c in STRING_COLUMNS else out[c] for c in COLUMNS}, index=out.index)


def _duplicate_warnings(codes: Sequence[tuple[int, np.ndarray]], first_row: int) -> dict[int, list[str]]:
    """Warnings about credit codes on several rows, by position in the whole table (the reader's own wording)."""
    values = np.concatenate([c for _, c in codes]) if codes else np.zeros(0, dtype=object)
    whole = Table(pd.DataFrame({"credit_code": values}), np.arange(len(values)) + first_row)
    cells.duplicates(whole)
    return {i: list(msgs) for i, msgs in whole.warnings.items() if msgs}


def _add_duplicates(table: Table, start: int, duplicates: Mapping[int, list[str]]) -> None:
    """Add the warnings about credit codes found on several rows of the whole table to this partition's rows."""
    for i in range(len(table)):
        found = duplicates.get(start + i)
        if found:
            table.warnings[i].extend(found)


def layout_of(source: str | Path | Any, catalog: Catalog, header_rows: int | None = None) -> Layout:
    """The header of a CSV or Parquet file (the first of a glob), or of a Dask DataFrame's column names."""
    if not isinstance(source, (str, Path)):
        return Layout(tuple((str(c),) for c in source.columns), 1, 0, None)
    first = _first_file(source)
    if first.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        names = pq.read_schema(first).names
        return Layout(tuple((str(c),) for c in names), 1, 0, str(source))
    head = pd.read_csv(
        first, header=None, dtype=str, keep_default_na=False, nrows=read.HEADER_SEARCH_ROWS + 2, encoding="utf-8-sig"
    )
    rows = head.to_numpy(dtype=object).tolist()
    start, n = read.find_header(rows, read.resolver_for(catalog), header_rows)
    headers = read.header_cells(rows[start : start + n], n)
    return Layout(tuple(tuple(h) for h in headers), start + n + 1, start + n, str(source))


def _first_file(source: str | Path) -> Path:
    import glob

    found = sorted(glob.glob(str(source))) or [str(source)]
    path = Path(found[0])
    if not path.exists():
        raise ProfileError(Problem("file not found", file=str(source)))
    return path


def read_dask(source: str | Path, blocksize: int | str | None = "64MB") -> Any:
    """A CSV or Parquet file (or glob) as a Dask DataFrame of text cells, every line a row."""
    dd = _require()
    suffix = _first_file(source).suffix.lower()
    if suffix in (".parquet", ".pq"):
        return dd.read_parquet(str(source))
    if suffix not in (".csv", ".txt", ".tsv"):
        raise ProfileError(Problem(f"cannot read {suffix} on Dask: give .csv or .parquet", file=str(source)))
    return dd.read_csv(
        str(source),
        header=None,
        dtype=str,
        keep_default_na=False,
        sep="\t" if suffix == ".tsv" else ",",
        encoding="utf-8-sig",
        blocksize=blocksize,
    )


def screen_dask(
    source: str | Path | Any,
    plugins: Sequence[str] | None,
    programs: Sequence[str],
    on: dt.date,
    overrides: Mapping[str, Any] | None = None,
    gaps: bool = False,
    engine_columns: bool = False,
    header_rows: int | None = None,
    blocksize: int | str | None = "64MB",
) -> Any:
    """Screen a table on Dask lazily; ``.compute()`` (or ``.to_parquet``) runs it on the cluster.

    ``source`` is a CSV or Parquet file or glob, or a Dask DataFrame whose column names
    are headers (``engine_columns=True``: already in the engine's columns). ``plugins``
    names the plugins the workers load (None: every installed plugin). The header is
    found and the overrides are checked on the client, before any task is sent.
    ``blocksize`` is how much of a CSV file one partition reads.
    """
    dd = _require()
    from dask.delayed import delayed

    names = tuple(plugins) if plugins is not None else None
    cat = _catalog(names)
    resolve_programs(cat, list(programs), None, on, overrides)  # fail early, on the client
    frame = read_dask(source, blocksize) if isinstance(source, (str, Path)) else source
    layout = None if engine_columns else layout_of(source, cat, header_rows)
    parts = frame.to_delayed()
    last = len(parts) - 1
    skips = [layout.skip if layout is not None and k == 0 else 0 for k in range(len(parts))]
    counted: list[Any] = [None] * len(parts)
    duplicates: Any = {}
    if layout is None:
        lengths = [delayed(len)(p) for p in parts]
    else:
        column = _credit_code_column(layout, cat)
        counted = [
            delayed(_partition_codes)(p, layout, names, skips[k], k == last, column) for k, p in enumerate(parts)
        ]
        lengths = [c[0] for c in counted]
        if column is not None:
            duplicates = delayed(_duplicate_warnings)(counted, layout.first_row)
    starts = delayed(_starts)(lengths)
    out = [
        delayed(_screen_partition)(
            p,
            starts[k],
            counted[k],
            duplicates,
            layout,
            skips[k],
            names,
            tuple(programs),
            on,
            tuple((overrides or {}).items()),
            gaps,
        )
        for k, p in enumerate(parts)
    ]
    return dd.from_delayed(out, meta=meta(), verify_meta=False)


def _starts(lengths: Sequence[int]) -> list[int]:
    """Each partition's first row's position in the whole table."""
    return [0, *np.cumsum(lengths[:-1]).tolist()] if lengths else []


def _credit_code_column(layout: Layout, catalog: Catalog) -> int | None:
    resolver = read.resolver_for(catalog)
    for j, header in enumerate(layout.headers):
        t = cells.target_of(resolver, list(header))
        if t is not None and t.kind == "field" and t.key == "credit_code":
            return j
    return None
