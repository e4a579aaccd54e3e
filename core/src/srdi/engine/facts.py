"""One enterprise's facts, read the way :class:`~srdi.engine.columns.Columns` reads a frame.

The scalar path checks one enterprise with plain Python values: no DataFrame, no
NumPy arrays. A row is the flat form of a profile (:meth:`srdi.Profile.to_row`):
column name → value. Numbers read as float (NaN where missing), dates as
``datetime.date``, text as given. Condition types and metrics written only for
frames still work: :meth:`Facts.columns` gives them a one-row frame of the same row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .cells import missing_as_none, plain, to_date, to_float

if TYPE_CHECKING:
    from .columns import Columns


class Facts:
    """Typed, cached reads of one enterprise's row."""

    n = 1

    def __init__(self, row: Mapping[str, Any], metrics: Any, reference_year: int) -> None:
        self.row = row
        self.metrics = metrics
        self.reference_year = reference_year
        self._cache: dict[tuple[str, int | None], Any] = {}
        self._columns: Columns | None = None

    def has(self, column: str) -> bool:
        """Whether the row has ``column`` at all."""
        return column in self.row

    def num(self, column: str) -> float:
        """``column`` as a float (booleans as 1.0/0.0), NaN where missing or not a number."""
        return to_float(self.row.get(column))

    def text(self, column: str) -> Any:
        """``column`` as given, None where missing."""
        return missing_as_none(self.row.get(column))

    def date(self, column: str) -> dt.date | None:
        """``column`` as a date, None where missing or not a date."""
        return to_date(self.row.get(column))

    def metric(self, key: str, year: int | None = None) -> Any:
        """The value of a derived metric or plain field for ``year`` (or scalar)."""
        ck = (key, year)
        if ck not in self._cache:
            self._cache[ck] = self.metrics.compute_one(self, key, year)
        return self._cache[ck]

    def value_at(self, column: str, i: int = 0) -> Any:
        """One cell, for explanations (None when missing)."""
        return plain(self.row.get(column))

    def columns(self) -> Columns:
        """The row as a one-row frame, for condition types and metrics that read frames only.

        Its columns are read as this class reads them (:func:`to_float`, :func:`to_date`),
        each into an array of one: one enterprise is read one way whichever path tests
        it, and without pandas, whose import costs more than checking the enterprise.
        """
        if self._columns is None:
            from .one_row import OneRow

            self._columns = OneRow(self.row, self.metrics, self.reference_year)
        return self._columns
