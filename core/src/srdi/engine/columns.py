"""Typed, cached access to the columns of a frame of enterprises, as plain NumPy arrays.

A frame has one row per enterprise and one column per vocabulary fact: scalar
facts by key (``invention_patents``), yearly facts as ``key_YYYY`` (``revenue_2021``),
multiple choices as ``key.choice`` booleans, recognitions as ``rec.<title>.year``,
``rec.<title>.granted_on``, ``rec.<title>.valid_until``. A column that is absent is
missing data for every row, never zero.

Each column is read and converted once per frame (numbers to float64, dates to
``datetime64[D]``, text to integer codes over its distinct values) and every criterion
reads the cached array. A pandas DataFrame, or any mapping of column names to arrays,
can be the source. Absent columns all share one read-only array of NaN (or NaT, or
None), so a program that reads fifty absent facts allocates nothing fifty times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from .cells import plain

if TYPE_CHECKING:
    import pandas as pd


def _frozen(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


class _Cache(dict[tuple[str, str], Any]):
    """The converted columns and metrics of a frame; notes the keys read while :attr:`noted` is a set.

    A metric computed while noting keeps, in :attr:`deps`, the keys it read itself: a
    later reader that finds it cached reads those too.
    """

    noted: set[tuple[str, str]] | None = None

    def __init__(self) -> None:
        super().__init__()
        self.deps: dict[tuple[str, str], set[tuple[str, str]]] = {}

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        if self.noted is not None:
            self.noted.add(key)
        return super().get(key, default)

    def derive(self, key: tuple[str, str], compute: Callable[[], Any]) -> Any:
        """The value kept under ``key``, else ``compute()``, kept there.

        While noting, what ``compute`` reads is noted too, and kept as the key's deps.
        """
        found = self.get(key)
        if found is not None:
            return found
        outer = self.noted
        if outer is None:
            value = self[key] = compute()
            return value
        inner: set[tuple[str, str]] = set()
        self.noted = inner
        try:
            value = self[key] = compute()
        finally:
            self.noted = outer
        outer |= inner
        self.deps[key] = inner
        return value

    def closure(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """``keys`` and, for each metric among them, every key it was computed from, down to the columns."""
        out: set[tuple[str, str]] = set()
        todo = list(keys)
        while todo:
            key = todo.pop()
            if key not in out:
                out.add(key)
                todo.extend(self.deps.get(key, ()))
        return out


#: The kinds of cache key that name a column of the frame (the others name metrics).
COLUMN_KINDS = frozenset({"num", "parts", "text", "codes", "strings", "date", "raw"})


class Columns:
    """Read columns of a frame as NumPy arrays (NaN / NaT / None where data is missing).

    ``frame`` is a pandas DataFrame or a mapping of column names to array-likes of
    equal length (``n`` gives the length when the mapping is empty). ``metrics`` is the
    catalog's :class:`srdi.engine.metrics.MetricSet` (that module reads columns; this one
    only calls it back, so the imports run one way).
    """

    def __init__(
        self,
        frame: pd.DataFrame | Mapping[str, Any],
        metrics: Any,
        reference_year: int,
        n: int | None = None,
    ) -> None:
        is_frame = hasattr(frame, "columns") and hasattr(frame, "iloc")
        self.frame: pd.DataFrame | None = frame if is_frame else None  # type: ignore[assignment]
        self._source: Any = frame
        self._names = set(frame.columns) if is_frame else set(frame)  # type: ignore[union-attr]
        if n is None and isinstance(frame, Rows):
            n = frame.n  # a cut knows its rows even where the frame has no columns
        if n is None:
            n = len(frame) if is_frame else (len(next(iter(frame.values()))) if frame else 0)
        self.n: int = n
        self.metrics = metrics
        self.reference_year = reference_year
        self._cache = _Cache()
        self._absent: dict[str, np.ndarray] = {}
        self._fields: set[str] | None = None

    # ------------------------------------------------------------------ what is kept
    @property
    def names(self) -> frozenset[str]:
        """The frame's column names."""
        return frozenset(str(name) for name in self._names)

    def noting(self) -> set[tuple[str, str]]:
        """Start noting which converted columns and metrics are read; the returned set fills as they are."""
        noted: set[tuple[str, str]] = set()
        self._cache.noted = noted
        return noted

    def stop_noting(self) -> None:
        """Stop noting reads."""
        self._cache.noted = None

    def columns_read(self, keys: Iterable[tuple[str, str]]) -> set[str] | None:
        """The frame columns behind noted ``keys``, metrics followed down to the columns they were computed from.

        None where a key is a value computed from the frame whose reads were not noted
        (kept in the cache other than through :meth:`derived`): its columns are not known.
        """
        found = self._cache.closure(keys)
        if any(key[0] not in COLUMN_KINDS and key not in self._cache.deps for key in found):
            return None
        return {name for kind, name in found if kind in COLUMN_KINDS}

    def held(self) -> list[tuple[str, str]]:
        """The converted columns and metrics held now, as (kind, name)."""
        return list(self._cache)

    def forget(self, keys: Iterable[tuple[str, str]]) -> None:
        """Drop converted columns and metrics no later reader needs (read again, they are converted again)."""
        for key in keys:
            self._cache.pop(key, None)

    # ------------------------------------------------------------------ raw access
    def has(self, column: str) -> bool:
        """Whether the frame has ``column`` at all."""
        return column in self._names

    def has_field(self, key: str) -> bool:
        """Whether the frame has any column of field ``key`` (any year, any choice)."""
        if self._fields is None:
            fields = set()
            for name in self._names:
                # a plugin's key holds a dot, and so does a multiple choice's option column: every dotted prefix
                # may be the field (liaoning.key_fields.three_articles → liaoning.key_fields), a year cut off each
                parts = str(name).split(".")
                for k in range(1, len(parts) + 1):
                    base = ".".join(parts[:k])
                    fields.add(base.rsplit("_", 1)[0] if base[-5:-4] == "_" and base[-4:].isdigit() else base)
            self._fields = fields
        return key in self._fields

    def raw(self, column: str) -> Any:
        """The column as the source holds it (a pandas Series, an array, …); None when absent."""
        if self._cache.noted is not None:
            self._cache.noted.add(("raw", column))
        if column not in self._names:
            return None
        return self._source[column]

    def absent(self, kind: str) -> np.ndarray:
        """The one read-only array standing for an absent column: ``num``, ``date`` or ``text``."""
        arr = self._absent.get(kind)
        if arr is None:
            if kind == "num":
                arr = np.full(self.n, np.nan)
            elif kind == "date":
                arr = np.full(self.n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
            else:
                arr = np.full(self.n, None, dtype=object)
            self._absent[kind] = arr = _frozen(arr)
        return arr

    # ------------------------------------------------------------------ typed columns
    def num(self, column: str) -> np.ndarray:
        """``column`` as float64 (booleans as 1.0/0.0), NaN where missing."""
        key = ("num", column)
        arr = self._cache.get(key)
        if arr is None:
            raw = self.raw(column)
            arr = self.absent("num") if raw is None else as_float(raw)
            self._cache[key] = arr
        return arr

    def parts(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """``column``'s numbers and where they are missing, read where they lie.

        A nullable column (``Float64``, ``Int64``, ``boolean``) gives its own values and
        mask, not copied: the values under the mask mean nothing, and numbers may be
        integers or booleans. Any other column gives :meth:`num` and where it is NaN. A
        test that only compares reads these, and is spared the float64 copy with NaN
        written through the mask that :meth:`num` makes; what explains a row reads :meth:`num`.
        """
        key = ("parts", column)
        found = self._cache.get(key)
        if found is None:
            raw = self.raw(column)
            masked = None if raw is None else _masked(_pandas_array(raw))
            if masked is not None and masked[1].dtype.kind in "biuf":
                mask, data = masked
                found = (data, mask)
            else:
                x = self.num(column)
                found = (x, np.isnan(x))
            self._cache[key] = found
        return found

    def text(self, column: str) -> np.ndarray:
        """``column`` as an object array of its values (str as given), None where missing."""
        key = ("text", column)
        arr = self._cache.get(key)
        if arr is None:
            raw = self.raw(column)
            arr = self.absent("text") if raw is None else as_objects(raw)
            self._cache[key] = arr
        return arr

    def codes(self, column: str) -> tuple[np.ndarray, tuple[Any, ...]]:
        """``column`` as integer codes over its distinct values (-1 where missing), and those values."""
        key = ("codes", column)
        found = self._cache.get(key)
        if found is None:
            raw = self.raw(column)
            found = (np.full(self.n, -1, dtype=np.int32), ()) if raw is None else as_codes(raw)
            self._cache[key] = found
        return found

    def strings(self, column: str) -> pd.Series:
        """``column`` as a pandas string Series (missing as NA), for vectorised text operations."""
        import pandas as pd

        key = ("strings", column)
        s = self._cache.get(key)
        if s is None:
            raw = self.raw(column)
            dtype = string_dtype()
            if raw is None:
                s = pd.Series(pd.array([None] * self.n, dtype=dtype))
            elif isinstance(raw, pd.Series) and isinstance(raw.dtype, pd.StringDtype):
                s = raw.reset_index(drop=True)
            elif isinstance(raw, pd.api.extensions.ExtensionArray) and isinstance(raw.dtype, pd.StringDtype):
                s = pd.Series(raw)
            else:
                s = pd.Series(as_objects(raw)).astype(dtype)
            self._cache[key] = s
        return s

    def date(self, column: str) -> np.ndarray:
        """``column`` as datetime64[D], NaT where missing."""
        key = ("date", column)
        arr = self._cache.get(key)
        if arr is None:
            raw = self.raw(column)
            arr = self.absent("date") if raw is None else as_dates(raw)
            self._cache[key] = arr
        return arr

    def metric(self, key: str, year: int | None = None) -> np.ndarray:
        """The value of a derived metric or plain field for ``year`` (or scalar)."""
        return self._cache.derive(("metric", f"{key}@{year}"), lambda: self.metrics.compute(self, key, year))

    def metric_parts(self, key: str, year: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """A metric or plain field for ``year`` as (figures, where missing): a plain number field read by :meth:`parts`.

        The figures under the missing mark mean nothing; :meth:`metric` gives them with NaN there.
        """
        found: tuple[np.ndarray, np.ndarray] = self._cache.derive(
            ("metric_parts", f"{key}@{year}"), lambda: self.metrics.compute_parts(self, key, year)
        )
        return found

    def derived(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` (a value worked out from this frame's columns), once per frame, kept under ``name``.

        Every caller counts as reading the columns ``compute`` read, as a metric's readers
        do: whether a criterion's columns hold one value in every row rests on it.
        """
        return self._cache.derive(("derived", name), compute)

    def category(self, key: str, year: int | None = None) -> tuple[np.ndarray, tuple[Any, ...]]:
        """A categorical metric or field as integer codes (-1 where unknown) and its categories."""
        found: tuple[np.ndarray, tuple[Any, ...]] = self._cache.derive(
            ("category", f"{key}@{year}"), lambda: self.metrics.compute_codes(self, key, year)
        )
        return found

    def value_at(self, column: str, i: int) -> Any:
        """One cell, for explanations (None when missing)."""
        raw = self.raw(column)
        if raw is None:
            return None
        v = raw.iloc[i] if hasattr(raw, "iloc") else raw[i]
        return plain(v)


class Rows(Mapping[str, Any]):
    """The columns of a frame cut to rows ``start:stop``, each column cut when it is read.

    Cutting a pandas DataFrame builds a new frame, every column and index included,
    and every column read from it goes through pandas' indexing again: a few
    milliseconds per cut with fifty columns. Here each column's array is taken from
    the frame once (:meth:`arrays`) and a cut is a view of it, made only for the columns a
    program reads.
    """

    def __init__(self, arrays: Mapping[str, Any], start: int, stop: int) -> None:
        self._arrays = arrays
        self._start = start
        self._stop = stop
        #: the rows of the cut
        self.n = max(0, stop - start)

    @staticmethod
    def arrays(frame: pd.DataFrame) -> FrameArrays:
        """Each column of ``frame`` as its array (a NumPy array or an extension array), not copied."""
        # pandas' own walk over its column arrays, where it has one: indexing the frame by name builds a Series per
        # column (about a millisecond for fifty columns, against a tenth of one)
        walk = getattr(frame, "_iter_column_arrays", None)
        if walk is not None and frame.columns.is_unique:
            return FrameArrays({name: _pandas_array(arr) for name, arr in zip(frame.columns, walk())})
        return FrameArrays({name: _pandas_array(frame[name]) for name in frame.columns})

    def head(self, rows: int) -> Rows:
        """The first ``rows`` rows of this cut."""
        return Rows(self._arrays, self._start, min(self._stop, self._start + rows))

    def uniform(self, column: str) -> bool:
        """Whether ``column`` holds one value in every row of the whole frame (so in every row of this cut)."""
        arrays = self._arrays
        return arrays.uniform(column) if isinstance(arrays, FrameArrays) else False

    def __getitem__(self, column: str) -> Any:
        return self._arrays[column][self._start : self._stop]

    def __contains__(self, column: object) -> bool:
        return column in self._arrays

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)


class FrameArrays(dict[str, Any]):
    """The arrays of a frame's columns, and which columns hold one value in every row (worked out once each)."""

    def __init__(self, arrays: Mapping[str, Any]) -> None:
        super().__init__(arrays)
        self._uniform: dict[str, bool] = {}

    def uniform(self, column: str) -> bool:
        """Whether every row of ``column`` holds the same value, missing counting as one value (absent: missing)."""
        if column not in self:
            return True
        found = self._uniform.get(column)
        if found is None:  # threads may work it out at once: they find the same
            found = self._uniform[column] = uniform(self[column])
        return found


#: Rows compared first: a column whose values differ usually differs here, and is done with at once.
HEAD_ROWS = 256


def uniform(values: Any) -> bool:
    """Whether every entry of ``values`` (a NumPy or pandas array) is the same, missing counting as one value.

    Numbers are compared by their bits, so that missing (NaN, NaT) equals missing; a
    column this cannot tell cheaply (text as Python objects) counts as not uniform.
    """
    if len(values) <= 1:
        return True
    if isinstance(values, np.ndarray):
        return _same(values)
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        return _same(np.asarray(values.codes))
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return _same_texts(values)
    # nullable numbers and booleans: the mask, then the values where the mask is clear
    masked = _masked(values)
    if masked is not None:
        mask, data = masked
        return _same(mask) and (bool(mask[0]) or _same(data))
    return False


def _masked(values: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(missing mask, values) of a pandas nullable array (``Float64``, ``Int64``, ``boolean``); None for others."""
    mask, data = getattr(values, "_mask", None), getattr(values, "_data", None)
    if isinstance(mask, np.ndarray) and isinstance(data, np.ndarray):
        return mask, data
    return None


def _same_texts(values: Any) -> bool:
    """Whether Arrow-backed texts are all the same text, or all missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values)  # Arrow-backed: the chunks themselves, not copied
    if isinstance(arr, pa.Array):
        arr = pa.chunked_array([arr])
    if arr.null_count:
        return bool(arr.null_count == len(arr))
    first = arr[0]
    return bool(pc.all(pc.equal(arr.slice(0, HEAD_ROWS), first)).as_py() and pc.all(pc.equal(arr, first)).as_py())


def _same(arr: np.ndarray) -> bool:
    kind = arr.dtype.kind
    if arr.ndim != 1 or kind not in "biufmM":
        return False
    if kind in "fmM":  # by the bits: NaN and NaT equal themselves
        arr = arr.view(f"u{arr.itemsize}")
    head = arr[:HEAD_ROWS]
    return bool((head == head[0]).all() and (arr == arr[0]).all())


# --------------------------------------------------------------------------- conversions
def _pandas_array(raw: Any) -> Any:
    """The values of a Series without the index: a NumPy array (no copy) or an extension array."""
    if isinstance(raw, np.ndarray):
        return raw
    if isinstance(getattr(raw, "dtype", None), np.dtype) and hasattr(raw, "to_numpy"):
        return raw.to_numpy(copy=False)
    return getattr(raw, "array", raw)


def as_float(raw: Any) -> np.ndarray:
    """Numbers as float64 with NaN for missing; text that is not a number is missing."""
    values = _pandas_array(raw)
    if isinstance(values, np.ndarray):
        kind = values.dtype.kind
        if values.dtype == np.float64:
            return values
        if kind in "biuf":
            return values.astype(np.float64)
        if kind == "O" or kind in "US":
            return _to_numeric(values)
        return np.full(len(values), np.nan)
    if isinstance(values, list | tuple):
        return _to_numeric(np.asarray(values, dtype=object))
    import pandas as pd

    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = as_float(np.asarray(dtype.categories, dtype=object))
        codes = np.asarray(values.codes)
        return np.where(codes >= 0, np.take(cats, codes, mode="clip") if len(cats) else np.nan, np.nan)
    if isinstance(dtype, pd.StringDtype) or getattr(dtype, "kind", "O") == "O":
        return _to_numeric(np.asarray(values, dtype=object))
    if dtype.kind in "biuf":
        masked = _masked(values)
        if masked is not None:
            # nullable numbers: the values as float64 (a copy, or the values themselves where none is missing and
            # they are float64 already), then NaN through the mask; a copy and a masked write take about
            # two thirds of the time of one np.where over every row
            mask, data = masked
            if not mask.any():
                return data if data.dtype == np.float64 else data.astype(np.float64)
            out = data.astype(np.float64)
            out[mask] = np.nan
            return out
        return np.asarray(values.to_numpy(dtype=np.float64, na_value=np.nan))
    return np.full(len(values), np.nan)


def _to_numeric(values: np.ndarray) -> np.ndarray:
    import pandas as pd

    out = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
    return np.asarray(out.to_numpy(dtype=np.float64, na_value=np.nan))


def as_objects(raw: Any) -> np.ndarray:
    """An object array of the values as given, None where missing."""
    values = _pandas_array(raw)
    if isinstance(values, np.ndarray) and values.dtype.kind in "biuf":
        out = values.astype(object)
        if values.dtype.kind == "f":
            out[np.isnan(values)] = None
        return out
    import pandas as pd

    s = pd.Series(values, copy=False)
    out = s.astype(object).to_numpy(dtype=object, copy=True)
    out[np.asarray(s.isna())] = None
    return out


def as_dates(raw: Any) -> np.ndarray:
    """Dates as datetime64[D], NaT where missing or not a date."""
    values = _pandas_array(raw)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        return values.astype("datetime64[D]", copy=False)  # dates already: the frame's own array, read only
    import pandas as pd

    if getattr(values, "dtype", None) is not None and values.dtype.kind == "M":
        return np.asarray(values.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT", "ns"))).astype(
            "datetime64[D]"
        )
    out = pd.to_datetime(pd.Series(as_objects(values), dtype=object), errors="coerce")
    return np.asarray(out.to_numpy()).astype("datetime64[D]")


def as_codes(raw: Any) -> tuple[np.ndarray, tuple[Any, ...]]:
    """Integer codes over the distinct values (-1 where missing), and the values; a categorical as it is."""
    import pandas as pd

    values = _pandas_array(raw)
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        return np.asarray(values.codes, dtype=np.int32), tuple(dtype.categories)
    codes, uniques = pd.factorize(as_objects(values), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int32), tuple(uniques)


def string_dtype() -> pd.StringDtype[Any]:
    """Arrow-backed strings when pyarrow is installed (fast), Python-backed otherwise."""
    import importlib.util

    import pandas as pd

    return pd.StringDtype("pyarrow" if importlib.util.find_spec("pyarrow") else "python")


def to_datetime64(day: dt.date) -> np.datetime64:
    """A date as datetime64[D]."""
    return np.datetime64(day.isoformat(), "D")
