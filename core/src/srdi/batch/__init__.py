"""Batch screening: tables of enterprises in, one verdict row per enterprise and program out.

Read a CSV, XLSX or Parquet table (headers in the vocabulary or the official forms'
Chinese headers) with :func:`read_table`, evaluate it with :func:`screen`, rank and
cut within quotas with :func:`srdi.batch.select.select`, and ask what a changed
parameter would do with :func:`srdi.batch.whatif.whatif`. Everything is columnar:
the engine evaluates each criterion once over the whole table.
"""

from __future__ import annotations

from .read import ColumnNote, Table, read_table, resolver_for
from .screen import COLUMNS, Screening, resolve_programs, screen

__all__ = ["COLUMNS", "ColumnNote", "Screening", "Table", "read_table", "resolve_programs", "resolver_for", "screen"]
