"""Typed, cached access to the columns of a profile frame.

A frame has one row per enterprise and one column per vocabulary fact: scalar
facts by key (``invention_patents``), yearly facts as ``key_YYYY`` (``revenue_2021``),
multiple choices as ``key.choice`` booleans, recognitions as ``rec.<title>.year``,
``rec.<title>.granted_on``, ``rec.<title>.valid_until``. A column that is absent is
missing data for every row, never zero.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from .metrics import MetricSet


def _string_dtype() -> pd.StringDtype[Any]:
    """Arrow-backed strings when pyarrow is installed (fast), Python-backed otherwise."""
    import importlib.util

    return pd.StringDtype("pyarrow" if importlib.util.find_spec("pyarrow") else "python")


_STRING = _string_dtype()


class Columns:
    """Read columns of ``frame`` as NumPy arrays (NaN / NaT / None where data is missing)."""

    def __init__(self, frame: pd.DataFrame, metrics: MetricSet, reference_year: int) -> None:
        self.frame = frame
        self.n = len(frame)
        self.metrics = metrics
        self.reference_year = reference_year
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def has(self, column: str) -> bool:
        """Whether the frame has ``column`` at all."""
        return column in self.frame.columns

    def num(self, column: str) -> np.ndarray:
        """``column`` as float64 (booleans as 1.0/0.0), NaN where missing."""
        key = ("num", column)
        if key not in self._cache:
            if column not in self.frame.columns:
                arr = np.full(self.n, np.nan)
            else:
                col = self.frame[column]
                if col.dtype == object or str(col.dtype) in ("string", "str"):
                    col = pd.to_numeric(col, errors="coerce")
                arr = col.to_numpy(dtype=np.float64, na_value=np.nan)
            self._cache[key] = arr
        return self._cache[key]

    def text(self, column: str) -> np.ndarray:
        """``column`` as an object array of str, None where missing."""
        key = ("text", column)
        if key not in self._cache:
            if column not in self.frame.columns:
                arr = np.full(self.n, None, dtype=object)
            else:
                col = self.frame[column]
                arr = col.astype(object).where(col.notna(), None).to_numpy(dtype=object)
            self._cache[key] = arr
        return self._cache[key]

    def strings(self, column: str) -> pd.Series:
        """``column`` as a pandas string Series (missing as NA), for vectorised text operations."""
        key = ("strings", column)
        if key not in self._cache:
            if column not in self.frame.columns:
                s = pd.Series(pd.array([None] * self.n, dtype=_STRING), index=self.frame.index)
            else:
                col = self.frame[column]
                s = col if isinstance(col.dtype, pd.StringDtype) else col.astype(_STRING)
            self._cache[key] = s
        return self._cache[key]  # type: ignore[return-value]

    def date(self, column: str) -> np.ndarray:
        """``column`` as datetime64[D], NaT where missing."""
        key = ("date", column)
        if key not in self._cache:
            if column not in self.frame.columns:
                arr = np.full(self.n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
            else:
                arr = pd.to_datetime(self.frame[column], errors="coerce").to_numpy().astype("datetime64[D]")
            self._cache[key] = arr
        return self._cache[key]

    def metric(self, key: str, year: int | None = None) -> np.ndarray:
        """The value of a derived metric or plain field for ``year`` (or scalar)."""
        ck = ("metric", f"{key}@{year}")
        if ck not in self._cache:
            self._cache[ck] = self.metrics.compute(self, key, year)
        return self._cache[ck]

    def value_at(self, column: str, i: int) -> Any:
        """One cell, for explanations (None when missing)."""
        if column not in self.frame.columns:
            return None
        v = self.frame[column].iloc[i]
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
            return None
        if isinstance(v, pd.Timestamp):
            return v.date()
        if isinstance(v, np.generic):
            return v.item()
        return v


def to_datetime64(day: dt.date) -> np.datetime64:
    """A date as datetime64[D]."""
    return np.datetime64(day.isoformat(), "D")
