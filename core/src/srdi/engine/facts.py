"""One enterprise's facts, read the way :class:`~srdi.engine.columns.Columns` reads a frame.

The scalar path checks one enterprise with plain Python values: no DataFrame, no
NumPy arrays. A row is the flat form of a profile (:meth:`srdi.Profile.to_row`):
column name → value. Numbers read as float (NaN where missing), dates as
``datetime.date``, text as given. Condition types and metrics written only for
frames still work: :meth:`Facts.columns` gives them a one-row frame of the same row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .columns import Columns

NAN = float("nan")


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
        """The row as a one-row frame, for condition types and metrics that read frames only."""
        if self._columns is None:
            import numpy as np

            from .columns import Columns

            data = {k: np.array([v], dtype=object) for k, v in self.row.items()}
            self._columns = Columns(data, self.metrics, self.reference_year, n=1)
        return self._columns


def plain(v: Any) -> Any:
    """A cell as a plain Python value: None for every kind of missing, dates as ``datetime.date``.

    NumPy and pandas scalars are turned into Python ones by their own methods, so this
    module never imports either.
    """
    if v is None or isinstance(v, (str, bool, int)):
        return v
    if isinstance(v, float):
        return None if v != v else v
    kind = type(v).__name__
    if kind in ("NAType", "NaTType"):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if kind == "datetime64":
        return v.astype("datetime64[D]").item()  # None for NaT
    if hasattr(v, "item"):  # a NumPy number
        return plain(v.item())
    return v


def missing_as_none(v: Any) -> Any:
    """None for every kind of missing value (None, NaN, pandas' NA and NaT), else the value."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


def to_float(v: Any) -> float:
    """A value as a float, NaN where missing or not a number (as ``pandas.to_numeric(errors="coerce")``)."""
    if isinstance(v, float):
        return v
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return NAN
    if v is None or isinstance(v, dt.date):
        return NAN
    try:
        return float(v)
    except (TypeError, ValueError):
        return NAN


def to_date(v: Any) -> dt.date | None:
    """A value as a date, None where missing or not a date."""
    v = missing_as_none(v)
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            return None
    return None


def isnan(x: Any) -> bool:
    """True for NaN (and for None, which the scalar path never produces for numbers)."""
    return x is None or (isinstance(x, float) and math.isnan(x))
