"""Reading a Parquet file into raw columns: its column names are the headers, its types are kept."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Problem, ProfileError
from ..i18n import t as message
from .raw import Progress, RawBody, RawSource


class ParquetSource(RawSource):
    """A Parquet file: one header row (the column names), then its rows."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.path = path
        try:
            self.file = pq.ParquetFile(str(path))
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError … for what is not Parquet
            raise ProfileError(Problem(message("table.not_a_table", why=_first_line(exc)), file=str(path))) from None
        self.names = [str(n) for n in self.file.schema_arrow.names]

    def head(self, rows: int) -> list[list[Any]]:
        """The column names, as the one header row."""
        return [self.names]

    def body(self, skip: int, columns: Mapping[int, bool], progress: Progress | None = None) -> RawBody:
        """Every row, for the ``columns`` wanted, as the file types them."""
        wanted = sorted(j for j in columns if j < len(self.names))
        if progress is not None:
            progress(message("progress.reading"), 0, 1)
        try:
            table = self.file.read(columns=[self.file.schema_arrow.names[j] for j in wanted], use_threads=True)
        except Exception as exc:
            raise ProfileError(
                Problem(message("table.not_a_table", why=_first_line(exc)), file=str(self.path))
            ) from None
        if progress is not None:
            progress(message("progress.reading"), 1, 1)
        n = self.file.metadata.num_rows
        return RawBody(dict(zip(wanted, table.columns)), np.arange(n, dtype=np.int64) + 1)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
