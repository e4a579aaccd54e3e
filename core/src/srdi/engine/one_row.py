"""One enterprise's row as a one-row frame, read the way :class:`~srdi.engine.facts.Facts` reads it.

Condition types and metrics written only for frames test one enterprise on a frame of
one row (:func:`srdi.engine.evaluation.one_from_frame`). :class:`OneRow` is that frame:
each column is converted from the row's plain value by the scalar path's own readings
(a number by ``to_float``, a date by ``to_date``, text as given), into an array of one.
A frame's conversions would reach for pandas (``to_numeric``, ``to_datetime``,
``factorize``) to do the same for a single value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .cells import missing_as_none, to_date, to_float
from .columns import Columns


class OneRow(Columns):
    """The columns of one enterprise's row (:meth:`srdi.Profile.to_row`), each an array of one value.

    Each value is read as :class:`~srdi.engine.facts.Facts` reads it.
    """

    def __init__(self, row: Mapping[str, Any], metrics: Any, reference_year: int) -> None:
        # the source keeps each value as given (raw access, the values explanations quote)
        source = {k: np.array([v], dtype=object) for k, v in row.items()}
        super().__init__(source, metrics, reference_year, n=1)
        self._row = row

    def num(self, column: str) -> np.ndarray:
        """``column`` as float64, NaN where missing or not a number."""
        return self._read("num", column, lambda v: np.array([to_float(v)], dtype=np.float64))

    def parts(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """``column``'s number and whether it is missing."""
        key = ("parts", column)
        found = self._cache.get(key)
        if found is None:
            x = self.num(column)
            found = self._cache[key] = (x, np.isnan(x))
        return found

    def text(self, column: str) -> np.ndarray:
        """``column`` as given, None where missing."""
        return self._read("text", column, lambda v: np.array([missing_as_none(v)], dtype=object))

    def date(self, column: str) -> np.ndarray:
        """``column`` as datetime64[D], NaT where missing or not a date."""

        def one(v: Any) -> np.ndarray:
            day = to_date(v)
            return np.array([day.isoformat() if day is not None else "NaT"], dtype="datetime64[D]")

        return self._read("date", column, one)

    def codes(self, column: str) -> tuple[np.ndarray, tuple[Any, ...]]:
        """``column``'s code (0, or -1 where missing) and its one value."""
        key = ("codes", column)
        found = self._cache.get(key)
        if found is None:
            self.raw(column)  # noted as a read, as a frame's conversion notes it
            v = missing_as_none(self._row.get(column))
            found = (np.array([-1], dtype=np.int32), ()) if v is None else (np.array([0], dtype=np.int32), (v,))
            self._cache[key] = found
        return found

    def _read(self, kind: str, column: str, convert: Any) -> np.ndarray:
        key = (kind, column)
        arr = self._cache.get(key)
        if arr is None:
            raw = self.raw(column)  # noted as a read, as a frame's conversion notes it
            arr = self.absent(kind) if raw is None else convert(self._row[column])
            self._cache[key] = arr
        return arr
