"""What a table file holds before any cell is checked: its first rows, and its body as columns.

A file reader (CSV, XLSX, Parquet) gives the first rows as text, so that the header
can be found, then the records below the header as raw columns — whatever types the
file holds — with the row numbers a person sees in the file and the problems found
while reading: a record with the wrong number of fields, a blank row, a formula
without a value. Checking the cells against the vocabulary is
:mod:`srdi.batch.cells`' work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from attrs import define, field

#: A reader's progress report: (what, done, total).
Progress = Callable[[str, int, int], None]


@define
class RawBody:
    """The records under the header.

    ``columns`` maps a column's position in the file to its cells (a pyarrow array,
    or anything :func:`srdi.batch.cells.raw_column` reads); ``rows`` gives each
    record's row number in the file; ``errors`` the problems of whole records (by
    position in the body); ``cell_errors`` those of single cells, as (record,
    column position, message), to be named with the column's header.
    """

    columns: dict[int, Any]
    rows: np.ndarray
    errors: dict[int, list[str]] = field(factory=dict)
    cell_errors: list[tuple[int, int, str]] = field(factory=list)
    skipped: dict[int, list[str]] = field(factory=dict)
    blank: set[int] = field(factory=set)

    @classmethod
    def empty(cls, columns: Mapping[int, bool], first_row: int) -> RawBody:
        """A body without records."""
        import pyarrow as pa

        return cls({j: pa.array([], type=pa.string()) for j in columns}, np.arange(0, dtype=np.int64) + first_row)

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        """The columns as a DataFrame keyed by position (Arrow-backed, without copying)."""
        import pyarrow as pa

        data = {}
        for j, col in self.columns.items():
            if isinstance(col, (pa.Array, pa.ChunkedArray)):
                data[j] = pd.Series(pd.arrays.ArrowExtensionArray(col), copy=False)
            else:
                data[j] = pd.Series(col, copy=False)
        return pd.DataFrame(data, index=pd.RangeIndex(len(self.rows)), copy=False)

    def take(self, n: int) -> RawBody:
        """The first ``n`` records."""
        return RawBody(
            {j: c[:n] for j, c in self.columns.items()},
            self.rows[:n],
            {i: m for i, m in self.errors.items() if i < n},
            [e for e in self.cell_errors if e[0] < n],
            {i: f for i, f in self.skipped.items() if i < n},
            {i for i in self.blank if i < n},
        )


class RawSource:
    """A table file: its first rows for the header, then the body under the header.

    ``encoding`` names the text encoding the file was read in (CSV only); ``sheet`` the
    sheet read, when a workbook holds more than one (XLSX only).
    """

    encoding: str | None = None
    sheet: str | None = None

    def head(self, rows: int) -> list[list[Any]]:
        """The first ``rows`` rows, as text cells."""
        raise NotImplementedError

    def body(self, skip: int, columns: Mapping[int, bool], progress: Progress | None = None) -> RawBody:
        """The records after the first ``skip`` rows, for the ``columns`` wanted.

        ``columns`` maps a column's position to whether it holds text (read as
        written, never as a number: codes keep their leading zeros).
        """
        raise NotImplementedError
