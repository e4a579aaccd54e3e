"""The same batch on a Dask DataFrame, partition by partition, on a dask.distributed cluster.

Each partition is screened exactly as :func:`srdi.batch.screen` screens a pandas
frame; workers build their own catalog from plugin names (a catalog holds modules
and is not shipped over the wire) and keep it for the next partition. Input
partitions are in the engine's columns — a table read with
:func:`srdi.batch.read_table`, or Parquet written in vocabulary columns — with the
input row number (from 1) as ``index + 1``.

    from dask.distributed import Client
    import dask.dataframe as dd

    client = Client("tcp://scheduler:8786")          # or LocalCluster() for one machine
    pool = dd.read_parquet("pool/*.parquet")
    out = screen_dask(pool, ["liaoning"], ["liaoning.little-giant-2022"], datetime.date(2022, 3, 1))
    out.to_parquet("screened/")

Dask and distributed are optional: ``pip install 'srdi[dask]'``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import SrdiError
from .read import Table
from .screen import COLUMNS, resolve_programs, screen

if TYPE_CHECKING:
    from ..catalog import Catalog


def _require() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError:
        raise SrdiError("screening a Dask DataFrame needs dask: pip install 'srdi[dask]'") from None
    return dd


@functools.lru_cache(maxsize=8)
def _catalog(plugins: tuple[str, ...] | None) -> Catalog:
    """The catalog of a worker process, built once per plugin selection."""
    from .. import api

    return api.load(list(plugins) if plugins is not None else None)


def meta() -> pd.DataFrame:
    """The (empty) frame every partition's result has: the output columns, text as objects."""
    return pd.DataFrame({c: pd.Series(dtype=np.int64 if c == "row" else object) for c in COLUMNS})


def screen_partition(
    part: pd.DataFrame,
    plugins: tuple[str, ...] | None,
    programs: tuple[str, ...],
    on: dt.date,
    overrides: tuple[tuple[str, Any], ...] = (),
    gaps: bool = False,
) -> pd.DataFrame:
    """Screen one partition on a worker; rows are numbered ``index + 1`` of the whole input."""
    cat = _catalog(plugins)
    progs = resolve_programs(cat, list(programs), None, on, dict(overrides))
    rows = np.asarray(part.index, dtype=np.int64) + 1
    table = Table(part.reset_index(drop=True), rows)
    out = screen(cat, table, progs, on, gaps=gaps).frame
    return out.astype({c: object for c in COLUMNS if c != "row"})


def screen_dask(
    frame: Any,
    plugins: Sequence[str] | None,
    programs: Sequence[str],
    on: dt.date,
    overrides: Mapping[str, Any] | None = None,
    gaps: bool = False,
) -> Any:
    """Screen a Dask DataFrame lazily; ``.compute()`` (or ``.to_parquet``) runs it on the cluster.

    ``plugins`` names the plugins the workers load (None: every installed plugin).
    Overrides are checked on the client before any task is sent.
    """
    _require()
    names = tuple(plugins) if plugins is not None else None
    resolve_programs(_catalog(names), list(programs), None, on, overrides)  # fail early, on the client
    return frame.map_partitions(
        screen_partition,
        names,
        tuple(programs),
        on,
        tuple((overrides or {}).items()),
        gaps,
        meta=meta(),
        align_dataframes=False,
    )
