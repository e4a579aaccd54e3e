"""The same batch on Dask, partition by partition, on one machine or a dask.distributed cluster.

:func:`screen_dask` takes what ``srdi batch`` takes — a CSV or Parquet file (or a glob
of them), or a Dask DataFrame whose column names are the table's headers — and reads
every partition as the batch reader reads a table: the same header resolution, cell
checks, units and messages. A Dask DataFrame already in the engine's columns
(``Catalog.frame``) is screened as is with ``engine_columns=True``, and so are Parquet
files in the engine's columns, each row group read by the worker that screens it.

A CSV file is cut into byte ranges at line ends outside quoted values, and each range
is parsed by the batch reader's CSV parser in the file's own encoding. Each file's rows
are numbered as ``srdi batch`` numbers them (the spreadsheet row under its header),
whatever the partitions, with a ``file`` column where the input is several files; a
credit code that occurs on several rows is flagged on each of them with the others' row
numbers, across partitions and files. Workers build their catalog once from plugin names (a catalog holds
modules and is not shipped over the wire) and keep it for every later partition.

On a cluster of several machines, start a scheduler and workers where srdi and the
plugins are installed, point a client at the scheduler, and read files every worker
can reach::

    # on one machine:  dask scheduler                       (listens on tcp://HOST:8786)
    # on each machine: dask worker tcp://HOST:8786 --nworkers 1 --nthreads 2
    from dask.distributed import Client

    client = Client("tcp://HOST:8786")  # or Client(LocalCluster(n_workers=2)) on one machine
    out = screen_dask("/shared/申报企业-*.csv", ["liaoning"], ["liaoning.little-giant-2022"], datetime.date(2022, 3, 1))
    to_parquet(out, "/shared/screened/")  # as srdi batch writes Parquet; out.to_parquet works too

Dask and distributed are optional: ``pip install 'srdi[dask]'``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import frozen

from ..engine.columns import string_dtype
from ..errors import Problem, ProfileError, SrdiError
from ..i18n import t as message
from . import cells, read
from .csvfile import Sniffed, cuttable, sniff_head, span_body, spans
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
        raise SrdiError(
            message("extra.missing", what=message("extra.dask"), module="dask", install="'srdi[dask]'")
        ) from None
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


def meta(files: bool = False) -> pd.DataFrame:
    """The (empty) frame every partition's result has: row numbers, texts and categoricals.

    The columns that repeat a few texts over many rows (verdicts, reasons, programs,
    errors) are categoricals of unknown categories, as screening makes them: each
    partition keeps its own categories, ``compute`` unites them, and ``to_parquet``
    writes them dictionary-encoded, which ``pd.read_parquet`` reads back as categoricals.
    Spelling every reason out as a string instead costs more than screening the
    partition (about 530 bytes a row where many criteria fail). ``files``: a ``file``
    column after ``row`` names each row's file (where the input is several files).
    """
    unknown = _unknown_categories()
    columns = list(COLUMNS)
    if files:
        columns.insert(1, "file")
    return pd.DataFrame(
        {
            c: pd.Series(dtype=np.int64)
            if c == "row"
            else pd.Series(dtype=string_dtype())
            if c in STRING_COLUMNS
            else pd.Series(dtype=unknown)
            for c in columns
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
    """Where one file's (or one Dask DataFrame's) data sits, and how its partitions are read.

    ``headers`` are the header cells above each column; ``first_row`` is the file's row
    number of its first data row, ``skip`` how many records at the start of its first
    partition are header (or title) lines. A CSV file is read in byte ranges by the
    batch reader's own parser: ``csv`` is what its first megabyte told (encoding, the
    byte where the body starts), ``columns`` the columns read and whether as text.
    """

    headers: tuple[tuple[str, ...], ...]
    first_row: int
    skip: int
    source: str | None
    csv: Sniffed | None = None
    columns: tuple[tuple[int, bool], ...] = ()
    delimiter: str = ","
    #: fields a record should have: the most of any line above the data, as the batch reader counts
    width: int = 0

    def records(self, span: tuple[int, int], before: int, columns: Mapping[int, bool], last: bool) -> RawBody:
        """The records of one byte range of the CSV file, numbered in the file after ``before`` records."""
        assert self.csv is not None and self.source is not None
        skip = self.skip if span[0] == 0 else 0
        body = span_body(Path(self.source), span, self.csv, skip, before, self.width, columns, self.delimiter)
        return read.without_trailing(body) if last else body


@frozen
class _Part:
    """One partition: the file it is from (by position), and its byte range (CSV) or delayed frame."""

    file: int
    raw: Any
    last: bool


@frozen
class _RowGroup:
    """One row group of a Parquet file in the engine's columns, read on the worker that screens it."""

    path: str
    group: int

    def read(self) -> pd.DataFrame:
        """The row group as pandas reads the file (the dtypes pandas wrote are restored)."""
        import pyarrow.parquet as pq

        return pq.ParquetFile(self.path).read_row_group(self.group).to_pandas()


def _engine_parts(source: str | Path) -> list[tuple[_RowGroup, int]]:
    """Every row group of the Parquet files ``source`` names (a file, a glob or a folder), with its rows.

    Files in name order, each file's groups in order: the order ``dd.read_parquet`` reads
    them in. Only the files' footers are read, on the client.
    """
    import pyarrow.parquet as pq

    path = Path(source)
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in PARQUET) if path.is_dir() else _files(source)
    if not files:
        raise ProfileError(Problem(message("table.not_found"), file=str(source)))
    out = []
    for f in files:
        if f.suffix.lower() not in PARQUET:
            raise ProfileError(Problem(message("table.engine_columns_parquet", suffix=f.suffix), file=str(f)))
        info = pq.ParquetFile(f).metadata
        out += [(_RowGroup(str(f), g), info.row_group(g).num_rows) for g in range(info.num_row_groups)]
    return out


def read_partition(
    part: pd.DataFrame, layout: Layout, plugins: tuple[str, ...] | None, start: int, skip: int, rows: int
) -> Table:
    """One partition of raw cells read as the batch reader reads a whole table.

    ``skip`` header lines are dropped and ``rows`` data rows kept (the last partition
    ends before the notes under a table); ``start`` is the position of the partition's
    first data row in its file.
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
        cross_row_checks=False,  # duplicates are found across the whole input, on the client's graph
        workers=1,  # a worker process is one core's share; partitions run side by side
    )


def _read_span(span: tuple[int, int], layout: Layout, plugins: tuple[str, ...] | None, start: int, last: bool) -> Table:
    """One byte range of a CSV file read as the batch reader reads the whole file (``start``: records before it)."""
    body = layout.records(span, layout.first_row - 1 + start, dict(layout.columns), last)
    headers = [list(h) for h in layout.headers]
    return read.table_of(
        body, headers, _catalog(plugins), _resolver(plugins), layout.source, cross_row_checks=False, workers=1
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
    raw: Any, layout: Layout, plugins: tuple[str, ...] | None, skip: int, last: bool, column: int | None
) -> tuple[int, np.ndarray]:
    """(data rows, their credit codes as the reader reads them) of one partition; only that column is read.

    The last partition of a file is read whole: which of its rows are notes under the
    table, not enterprises, depends on every column.
    """
    if layout.csv is not None:
        # a record is counted whichever of its columns is parsed: one is enough
        one = column if column is not None else next(iter(dict(layout.columns)), 0)
        wanted = dict(layout.columns) if last else {one: True}
        body = layout.records(raw, 0, wanted, last)
        rows = len(body)
        if column is None:
            return rows, np.zeros(0, dtype=object)
        body.columns = {column: body.columns[column]} if column in body.columns else {}
        headers = [list(h) for h in layout.headers]
        table = read.table_of(body, headers, _catalog(plugins), _resolver(plugins), None, cross_row_checks=False)
        return rows, _codes_of(table, rows)
    rows = _data_rows(raw, skip, last)
    if column is None:
        return rows, np.zeros(0, dtype=object)
    narrow = Layout((layout.headers[column],), layout.first_row, layout.skip, layout.source)
    table = read_partition(raw.iloc[:, [column]], narrow, plugins, 0, skip, rows)
    return rows, _codes_of(table, rows)


def _codes_of(table: Table, rows: int) -> np.ndarray:
    if "credit_code" not in table.frame.columns:
        return np.full(rows, None, dtype=object)
    return table.frame["credit_code"].to_numpy(dtype=object)


def _screen_partition(
    raw: Any,
    start: int,
    counted: tuple[int, np.ndarray] | None,
    duplicates: Mapping[int, list[str]],
    layout: Layout | None,
    skip: int,
    last: bool,
    file: str | None,
    plugins: tuple[str, ...] | None,
    programs: tuple[str, ...],
    on: dt.date,
    overrides: tuple[tuple[str, Any], ...],
    gaps: bool,
) -> pd.DataFrame:
    """Read (unless in engine columns) and screen one partition on a worker.

    ``start`` is the position of its first row in its file; ``duplicates`` are the
    warnings of its file's rows, by that position.
    """
    cat = _catalog(plugins)
    progs = _programs(plugins, programs, on, overrides)
    if isinstance(raw, _RowGroup):
        raw = raw.read()
    if layout is None or counted is None:
        table = Table(raw.reset_index(drop=True), np.arange(start, start + len(raw), dtype=np.int64) + 1)
    else:
        if layout.csv is not None:
            table = _read_span(raw, layout, plugins, start, last)
        else:
            table = read_partition(raw, layout, plugins, start, skip, counted[0])
        _add_duplicates(table, start, duplicates)
    out = screen(cat, table, progs, on, gaps=gaps, workers=1).frame
    # every other text column is a categorical already, as screening makes it
    data = {c: _as_strings(out[c]) if c in STRING_COLUMNS else out[c] for c in COLUMNS}
    if file is not None:
        data = {"row": data.pop("row"), "file": _one_text(file, len(out)), **data}
    return pd.DataFrame(data, index=out.index)


def _one_text(text: str, n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([text], dtype=object))


def _duplicate_warnings(
    counted: Sequence[Sequence[tuple[int, np.ndarray]]], first_rows: Sequence[int], names: Sequence[str] | None
) -> list[dict[int, list[str]]]:
    """Per file, warnings about credit codes on several rows of the whole input, by position in the file.

    Rows are named as the reader names them (their row numbers), with their file's name
    where there are several files.
    """
    values: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    place: list[tuple[int, int]] = []
    for f, parts in enumerate(counted):
        codes = np.concatenate([c for _, c in parts]) if parts else np.zeros(0, dtype=object)
        numbers = np.arange(len(codes)) + first_rows[f]
        values.append(codes)
        if names is None:
            labels.append(numbers)
        else:
            labels.append(np.array([message("cell.row_of_file", n=r, file=names[f]) for r in numbers], dtype=object))
        place.extend((f, i) for i in range(len(codes)))
    whole = Table(
        pd.DataFrame({"credit_code": np.concatenate(values) if values else np.zeros(0, dtype=object)}),
        np.concatenate(labels) if labels else np.zeros(0, dtype=np.int64),
    )
    cells.duplicates(whole)
    out: list[dict[int, list[str]]] = [{} for _ in counted]
    for k, msgs in whole.warnings.items():
        if msgs:
            f, i = place[k]
            out[f][i] = list(msgs)
    return out


def _add_duplicates(table: Table, start: int, duplicates: Mapping[int, list[str]]) -> None:
    """Add the warnings about credit codes found on several rows of the whole input to this partition's rows."""
    for i in range(len(table)):
        found = duplicates.get(start + i)
        if found:
            table.warnings[i].extend(found)


def layout_of(
    source: str | Path | Any, catalog: Catalog, header_rows: int | None = None, resolver: HeaderResolver | None = None
) -> Layout:
    """The header of a CSV or Parquet file, or of a Dask DataFrame's column names."""
    if not isinstance(source, (str, Path)):
        return Layout(tuple((str(c),) for c in source.columns), 1, 0, None)
    path = Path(source)
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        names = pq.read_schema(path).names
        return Layout(tuple((str(c),) for c in names), 1, 0, str(path))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    sniffed = sniff_head(path, read.HEADER_SEARCH_ROWS + 2, delimiter)
    resolver = resolver or read.resolver_for(catalog)
    found = read.header_of(sniffed.head, catalog, resolver, str(path), rows=header_rows, delimiter=delimiter)
    return Layout(
        tuple(tuple(h) for h in found.headers),
        found.skip + 1,
        found.skip,
        str(path),
        csv=sniffed,
        columns=tuple(found.wanted.items()),
        delimiter=delimiter,
        width=max((len(r) for r in sniffed.head[: found.skip]), default=1),
    )


#: The suffixes of Parquet files.
PARQUET = (".parquet", ".pq")


def _files(source: str | Path) -> list[Path]:
    """The files a path or glob names, in name order; a clear error where there are none."""
    import glob

    found = sorted(glob.glob(str(source))) or [str(source)]
    paths = [Path(f) for f in found]
    for path in paths:
        if not path.exists():
            raise ProfileError(Problem(message("table.not_found"), file=str(source)))
        if path.suffix.lower() not in (".csv", ".txt", ".tsv", *PARQUET):
            raise ProfileError(Problem(message("table.cannot_read_dask", suffix=path.suffix), file=str(path)))
    return paths


def _partitions(layout: Layout, file: int, blocksize: int | str | None) -> list[_Part]:
    """A file's partitions: byte ranges of a CSV file, the row groups Dask reads of a Parquet file."""
    assert layout.source is not None
    path = Path(layout.source)
    if layout.csv is None:
        dd = _require()
        parts = dd.read_parquet(str(path)).to_delayed()
    else:
        body = layout.csv.offsets[layout.skip] if layout.csv.offsets and layout.skip < len(layout.csv.offsets) else 0
        cut = cuttable(layout.csv.codec) and blocksize is not None
        size = max(1, _bytes(blocksize)) if cut else layout.csv.size  # a range holds one line at least
        parts = spans(path, body if cut else 0, size) or [(body, body)]
    return [_Part(file, p, k == len(parts) - 1) for k, p in enumerate(parts)]


def _bytes(blocksize: int | str | None) -> int:
    if isinstance(blocksize, str):
        from dask.utils import parse_bytes

        return int(parse_bytes(blocksize))
    return int(blocksize or 0)


def screen_dask(
    source: str | Path | Any,
    plugins: Sequence[str] | None,
    programs: Sequence[str],
    on: dt.date,
    overrides: Mapping[str, Any] | None = None,
    gaps: bool = True,
    engine_columns: bool = False,
    header_rows: int | None = None,
    blocksize: int | str | None = "64MB",
) -> Any:
    """Screen a table on Dask lazily; ``.compute()`` (or ``.to_parquet``) runs it on the cluster.

    ``source`` is a CSV or Parquet file or glob, or a Dask DataFrame whose column names
    are headers (``engine_columns=True``: already in the engine's columns). Parquet files
    already in the engine's columns (a file, a glob or a folder, ``engine_columns=True``)
    are one table, as ``dd.read_parquet`` reads them: a partition per row group, read by
    the worker that screens it, rows numbered through the files in name order. ``plugins``
    names the plugins the workers load (None: every installed plugin). Each file's
    header and encoding are found and the overrides are checked on the client, before
    any task is sent. ``blocksize`` is how much of a CSV file one partition reads
    (None: each file whole). Where a glob names several files, each file's rows are
    numbered as in that file and a ``file`` column after ``row`` names it. ``gaps``: state
    what each criterion not met lacks, as ``srdi batch`` does by default (False: verdicts
    and reasons only, as ``--no-gaps``).
    """
    dd = _require()
    from dask.delayed import delayed

    names = tuple(plugins) if plugins is not None else None
    cat = _catalog(names)
    resolve_programs(cat, list(programs), None, on, overrides)  # fail early, on the client
    settings = tuple((overrides or {}).items())
    if isinstance(source, (str, Path)) and engine_columns:
        groups = _engine_parts(source)
        firsts = itertools.accumulate((n for _g, n in groups[:-1]), initial=0)
        out = [
            delayed(_screen_partition)(
                group, start, None, {}, None, 0, False, None, names, tuple(programs), on, settings, gaps
            )
            for (group, _n), start in zip(groups, firsts)
        ]
        # files with no row groups hold no rows: an empty result, as screening an empty table gives
        return dd.from_delayed(out, meta=meta(), verify_meta=False) if out else dd.from_pandas(meta(), npartitions=1)
    if isinstance(source, (str, Path)):
        files = _files(source)
        resolver = _resolver(names)  # built once for every file's header
        layouts: list[Layout | None] = [layout_of(f, cat, header_rows, resolver) for f in files]
        parts = [p for k, lay in enumerate(layouts) for p in _partitions(_known(lay), k, blocksize)]
    else:
        files = []
        layouts = [None if engine_columns else layout_of(source, cat, header_rows)]
        delayed_parts = source.to_delayed()
        parts = [_Part(0, p, k == len(delayed_parts) - 1) for k, p in enumerate(delayed_parts)]
    labels = [str(f) for f in files] if len(files) > 1 else None
    first = [k == 0 or parts[k - 1].file != p.file for k, p in enumerate(parts)]
    skips = [lay.skip if lay is not None and lay.csv is None else 0 for lay in layouts]
    counted: list[Any] = [None] * len(parts)
    if all(lay is None for lay in layouts):
        lengths = [delayed(len)(p.raw) for p in parts]
        duplicates: Any = [{}]
    else:
        columns = [_credit_code_column(_known(lay), _resolver(names)) for lay in layouts]
        counted = [
            delayed(_partition_codes)(
                p.raw, layouts[p.file], names, skips[p.file] if first[k] else 0, p.last, columns[p.file]
            )
            for k, p in enumerate(parts)
        ]
        lengths = [c[0] for c in counted]
        per_file = [[c for c, p in zip(counted, parts) if p.file == f] for f in range(len(layouts))]
        first_rows = [_known(lay).first_row for lay in layouts]
        duplicates = delayed(_duplicate_warnings)(per_file, first_rows, labels)
    starts = delayed(_starts)(lengths, [p.file for p in parts])
    out = [
        delayed(_screen_partition)(
            p.raw,
            starts[k],
            counted[k],
            duplicates[p.file],
            layouts[p.file],
            skips[p.file] if first[k] else 0,
            p.last,
            labels[p.file] if labels else None,
            names,
            tuple(programs),
            on,
            settings,
            gaps,
        )
        for k, p in enumerate(parts)
    ]
    return dd.from_delayed(out, meta=meta(files=labels is not None), verify_meta=False)


#: The result's columns of long texts (reasons, gaps, errors, warnings): :func:`to_parquet` writes them without
#: min/max statistics, as ``srdi batch`` writes its Parquet.
LONG_TEXT_COLUMNS = ("not_met", "unknown", "review", "gaps", "error", "warning")


def to_parquet(result: Any, path: str | Path, **options: Any) -> None:
    """Write :func:`screen_dask`'s result as a folder of Parquet files, as ``srdi batch --out x.parquet`` writes one.

    Every column gets min/max statistics but :data:`LONG_TEXT_COLUMNS`: over many rows
    they cost a comparison of every text and serve no filter (about 16 of 56 ms of
    writing a partition of 125,000 rows of reasons). Only the categorical columns are
    dictionary-encoded: the others differ row by row. ``options`` go to Dask's
    ``to_parquet``; a ``write_statistics`` or ``use_dictionary`` given there wins.
    """
    options.setdefault("write_statistics", [c for c in result.columns if c not in LONG_TEXT_COLUMNS])
    options.setdefault(
        "use_dictionary", [c for c, dtype in result.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)]
    )
    result.to_parquet(path, **options)


def _known(layout: Layout | None) -> Layout:
    assert layout is not None
    return layout


def _starts(lengths: Sequence[int], files: Sequence[int]) -> list[int]:
    """Each partition's first row's position in its file."""
    out = []
    at: dict[int, int] = {}
    for n, f in zip(lengths, files):
        out.append(at.get(f, 0))
        at[f] = at.get(f, 0) + n
    return out


def _credit_code_column(layout: Layout, resolver: HeaderResolver) -> int | None:
    for j, header in enumerate(layout.headers):
        t = cells.target_of(resolver, list(header))
        if t is not None and t.kind == "field" and t.key == "credit_code":
            return j
    return None
