"""One cell of a table or profile row as a plain Python value: missing, number, date or text.

Shared by the frame path (:mod:`srdi.engine.columns`) and the one-enterprise path
(:mod:`srdi.engine.facts`), so that both read a cell the same way. NumPy and pandas
scalars are recognised by their own methods: this module imports neither.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

NAN = float("nan")


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
        # Python's float() also takes "1_000", full-width and other non-ASCII digits and spaces: pandas does not
        if "_" in v or not v.isascii():
            return NAN
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
