"""Checking a table's cells against the vocabulary, whole columns at a time.

:func:`convert` takes the raw columns of a table — a DataFrame whose columns are the
file's column positions, holding whatever the file held (numbers, dates, text,
true/false; Arrow-backed or NumPy) — and the header cells above each column, and
returns the engine's columns with every row's problems. Each column is checked by
vectorised operations: numbers that are plain numbers, codes whose check digit
holds, each distinct text of a choice column once. Only the cells that fail are
read again one by one, so that a row's message names its column and says why. A
bad cell becomes missing, so the criteria that need it are *unknown*, never *not
met*; so does an empty cell, in every column.

It is the same on any DataFrame: a file read by :func:`srdi.batch.read_table`, a
frame a caller built, or one partition of a larger table.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import numpy as np
import pandas as pd
from attrs import define

from ..errors import Problem, ProfileError
from ..i18n import t as message
from ..i18n import tn
from ..profile import credit_code as cc
from ..profile.load import (
    MAX_AMOUNT,
    MAX_REVENUE_PER_EMPLOYEE,
    MIN_REVENUE_PER_EMPLOYEE,
    per_person_problem,
    small_revenue_problem,
)
from ..profile.relations import clashing_rows
from ..profile.values import ValueProblem, fmt_num, not_a_number, read
from ..vocabulary import FieldSpec, Vocabulary
from ..vocabulary.fields import NUMERIC_KINDS
from .headers import HeaderResolver, Target, norm, unit_refused
from .raw import Progress
from .table import ColumnNote, Table

#: Columns every table needs at least one of, to say which enterprise a row is.
IDENTITY = ("name", "credit_code")
#: What people write for "no figure": the cell is unknown, like an empty one.
BLANK = frozenset({"", "-", "—", "--", "/", "无数据"})
#: What programs write for a value that is not there. Read as blank it would hide a broken export.
NOT_A_VALUE = frozenset(
    {"nan", "-nan", "+nan", "none", "null", "nat", "#n/a", "#value!", "#div/0!", "#ref!", "#name?", "#num!", "#null!"}
)
#: The spellings of those looked for in whole columns.
_NOT_A_VALUE_CASES = sorted({f(v) for v in NOT_A_VALUE for f in (str, str.upper, str.capitalize)} | {"NaN", "NaT"})
#: A multiple-choice cell saying that no option applies.
NONE_TICKED = frozenset({"无", "否", "none", "（无）"})
#: A recognition cell saying that the title is not held.
NOT_HELD = frozenset({"否", "无", "no", "false", "0", "×", "未获得", "未认定", "没有"})
_PLAIN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
#: A number in scientific notation: what a spreadsheet keeps of an 18-digit code typed as a number.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_INDUSTRY = re.compile(r"^\s*([A-Ta-t]?\s*\d{2,4})")
_YEAR = re.compile(r"^\s*(\d{4})(?:\s*年度?|[-./年]\d|\s*$)")
_ITEM_SPLIT = re.compile(r"[、,，;；|\n]+")
_ITEM_YEAR = re.compile(r"[（(:：\s]*(\d{4})\s*(?:年度?)?[)）]?\s*")
_LOOKUP = np.full(256, -1, dtype=np.int16)
for _i, _ch in enumerate(cc.ALPHABET):
    _LOOKUP[ord(_ch)] = _i
_WEIGHTS = np.array(cc.WEIGHTS, dtype=np.int16)
_FIRST_YEAR, _LAST_YEAR = 1980, 2100
#: The days datetime64[ns] can hold (from 1677-09-21 to 2262-04-11), in whole years.
_FIRST_DAY, _END_DAY = datetime.date(1678, 1, 1), datetime.date(2262, 1, 1)
#: How pandas holds text by default (Arrow-backed ``str`` from pandas 3 on, objects before).
_TEXT_DTYPE = pd.Series(["x"]).dtype


def text_column(arr: Any) -> Any:
    """A pyarrow string array as the column pandas would make of the same strings (no copy where it can)."""
    if isinstance(_TEXT_DTYPE, pd.StringDtype):
        from_arrow = _TEXT_DTYPE.__from_arrow__  # type: ignore[attr-defined]  # the dtype's Arrow protocol
        return pd.Series(from_arrow(arr), copy=False)
    return arr.to_numpy(zero_copy_only=False)


# --------------------------------------------------------------------------- raw columns
@define
class RawColumn:
    """One column as read: ``kind`` is num, bool, date or text.

    num and bool hold float64 ``values`` (NaN where missing); date holds
    datetime64[s]; text holds a pyarrow string array, trimmed, null where missing.
    ``invalid`` marks cells that held a value that is no value (NaN or infinity
    written in a file); ``problems`` cells that could not be read at all.
    """

    kind: str
    values: Any
    missing: np.ndarray
    invalid: np.ndarray
    problems: dict[int, str]

    def __len__(self) -> int:
        return len(self.missing)


def _written(column: Any, i: int) -> str | None:
    """Row ``i`` of a raw column as the file wrote it (None when empty)."""
    v = column[i]
    v = v.as_py() if hasattr(v, "as_py") else v
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    text = str(v).strip()
    return text or None


def raw_column(series: pd.Series, holds: str | None = None) -> RawColumn:
    """Whatever a DataFrame column holds, as a :class:`RawColumn`.

    ``holds`` says what a column of text is expected to hold: with "number", a
    column whose every cell is a plain number is read as numbers at once; with
    "flag", also one whose every cell is true/false or 1/0 — as if the file had
    typed it (a CSV's cells are all text). Any other column of text is read as text.
    """
    import pyarrow as pa

    dtype = series.dtype
    if isinstance(dtype, (pd.ArrowDtype, pd.StringDtype)) or str(dtype) in ("str", "string"):
        arr = pa.array(series.array)
        typed = _typed_text(arr, holds) if holds else None
        return typed if typed is not None else _from_arrow(arr)
    if isinstance(dtype, pd.CategoricalDtype):
        return raw_column(series.astype(object))
    if pd.api.types.is_bool_dtype(dtype):  # NumPy or nullable booleans
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return RawColumn("bool", values, np.isnan(values), np.zeros(len(values), dtype=bool), {})
    if pd.api.types.is_numeric_dtype(dtype):
        values = np.array(series.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
        missing = np.isnan(values)  # in a pandas frame NaN is how a cell is missing
        return RawColumn("num", values, missing, np.isinf(values), {})
    if pd.api.types.is_datetime64_any_dtype(dtype):
        values = pd.to_datetime(series).to_numpy().astype("datetime64[s]")
        return RawColumn("date", values, np.isnat(values), np.zeros(len(values), dtype=bool), {})
    return _from_objects(series)


def _from_objects(series: pd.Series) -> RawColumn:
    import datetime as dt

    import pyarrow as pa

    inferred = pd.api.types.infer_dtype(series, skipna=True)
    if inferred in ("string", "empty"):
        return _from_arrow(pa.array(series.to_numpy(dtype=object), type=pa.string(), from_pandas=True))
    if inferred in ("floating", "integer", "mixed-integer-float", "decimal"):
        return raw_column(pd.to_numeric(series))
    if inferred == "boolean":
        missing = series.isna().to_numpy()
        values = np.where(missing, np.nan, series.fillna(False).astype(bool).to_numpy(dtype=np.float64))
        return RawColumn("bool", values, missing, np.zeros(len(values), dtype=bool), {})
    if inferred in ("date", "datetime", "datetime64"):
        return raw_column(pd.to_datetime(series, errors="coerce"))
    texts: list[str | None] = []
    for v in series.to_numpy(dtype=object):
        if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            texts.append(None)
        elif isinstance(v, bool):
            texts.append("true" if v else "false")
        elif isinstance(v, float):
            texts.append(fmt_num(v) if np.isfinite(v) else str(v))
        elif isinstance(v, dt.datetime):
            texts.append(v.date().isoformat() if v.time() == dt.time(0) else v.isoformat())
        elif isinstance(v, dt.date):
            texts.append(v.isoformat())
        else:
            texts.append(str(v))
    return _from_arrow(pa.array(texts, type=pa.string()))


def _from_arrow(arr: Any) -> RawColumn:
    import pyarrow as pa
    import pyarrow.compute as pc

    t = arr.type
    n = len(arr)
    none = np.zeros(n, dtype=bool)
    if pa.types.is_null(t):
        return RawColumn("num", np.full(n, np.nan), np.ones(n, dtype=bool), none, {})
    if pa.types.is_boolean(t) or pa.types.is_integer(t) or pa.types.is_decimal(t) or pa.types.is_floating(t):
        # one conversion, chunks and all, nulls as NaN
        values = _floats(arr if pa.types.is_floating(t) else pc.cast(arr, pa.float64()))
        nan = np.isnan(values)
        # the non-finite cells are exactly the nulls unless NaN or inf was written in the file
        if not pa.types.is_floating(t) or int(np.count_nonzero(nan)) == arr.null_count == n - np.isfinite(values).sum():
            return RawColumn("bool" if pa.types.is_boolean(t) else "num", values, nan, none, {})
        # NaN or inf written in the file is a value that is no value, not a blank
        missing = arr.is_null().to_numpy(zero_copy_only=False)
        return RawColumn("num", values, missing, ~missing & ~np.isfinite(values), {})
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    missing = arr.is_null().to_numpy(zero_copy_only=False) if arr.null_count else none
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        if pa.types.is_timestamp(t) and t.tz is not None:
            arr = pc.local_timestamp(arr)
        values = np.asarray(pc.cast(arr, pa.timestamp("s")).to_numpy(zero_copy_only=False), dtype="datetime64[s]")
        return RawColumn("date", values, missing, none, {})
    problems: dict[int, str] = {}
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        texts: list[str | None] = []
        for i, b in enumerate(arr.to_pylist()):
            if b is None:
                texts.append(None)
                continue
            try:
                texts.append(b.decode("utf-8"))
            except UnicodeDecodeError:
                problems[i] = message("cell.undecodable")
                texts.append(None)
        arr = pa.array(texts, type=pa.string())
    elif not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        try:
            arr = pc.cast(arr, pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            arr = pa.array([None if v is None else str(v) for v in arr.to_pylist()], type=pa.string())
    if pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.string())
    arr = pc.utf8_trim_whitespace(arr)
    empty = pc.equal(arr, "")
    if pc.any(empty).as_py():
        arr = pc.if_else(empty, pa.scalar(None, pa.string()), arr)
    missing = arr.is_null().to_numpy(zero_copy_only=False) if arr.null_count else none
    return RawColumn("text", arr, missing, none, problems)


def _typed_text(arr: Any, holds: str) -> RawColumn | None:
    """A text column as flags or numbers when Arrow reads every cell as one, else None.

    Anything else — a blank written as '-', '1,234', a space around a figure, 是/否,
    NaN or infinity — is for the text path, which reads or names each such cell.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    n = len(arr)
    if holds == "flag":
        try:  # true/false in any case, 1/0
            flags = pc.cast(arr, pa.bool_())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
        else:
            values = _floats(pc.cast(flags, pa.float64()))
            return RawColumn("bool", values, np.isnan(values), np.zeros(n, dtype=bool), {})
    try:
        parsed = pc.cast(arr, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    values = _floats(parsed) + 0.0  # '-0' is zero (and the array is ours to change)
    missing = ~np.isfinite(values)
    if int(np.count_nonzero(missing)) != arr.null_count:
        return None  # 'nan' or 'inf' written in a cell: the text path names it as written
    return RawColumn("num", values, missing, np.zeros(n, dtype=bool), {})


def _floats(arr: Any) -> np.ndarray:
    """A numeric pyarrow array (or chunked array) as float64, NaN where null (read-only when it shares Arrow's memory)."""
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        values = arr.to_numpy() if arr.num_chunks != 1 else arr.chunk(0).to_numpy(zero_copy_only=False)
    else:
        values = arr.to_numpy(zero_copy_only=False)
    return np.asarray(values, dtype=np.float64)


def _writable(values: np.ndarray) -> np.ndarray:
    return values if values.flags.writeable else values.copy()


# --------------------------------------------------------------------------- a column's checks
class Cells:
    """One column being checked: its raw cells, header, and the problems found in it (row, message)."""

    def __init__(self, raw: RawColumn, header: str) -> None:
        self.raw = raw
        self.header = header
        self.n = len(raw)
        self.errors: list[tuple[int, str]] = []
        for i, msg in raw.problems.items():
            self.bad(i, msg)

    def bad(self, i: int, message: str) -> None:
        """Row ``i``'s cell in this column is set aside, for ``message``."""
        self.errors.append((int(i), f"{self.header}: {message}"))

    def bad_rows(self) -> np.ndarray:
        """Where a cell of this column was set aside."""
        out = np.zeros(self.n, dtype=bool)
        out[[i for i, _ in self.errors]] = True
        return out

    def bad_where(self, mask: np.ndarray, message: Callable[[int], str]) -> None:
        """Every row of ``mask``'s cell is set aside, each with its own message."""
        for i in np.flatnonzero(mask):
            self.bad(int(i), message(int(i)))

    def texts(self) -> Any:
        """The cells as a pyarrow string array (numbers and dates written out), null where missing."""
        import pyarrow as pa

        raw = self.raw
        if raw.kind == "text":
            return raw.values
        out: list[str | None] = [None] * self.n
        if raw.kind == "date":
            for i in np.flatnonzero(~raw.missing):
                out[i] = str(raw.values[i].astype("datetime64[D]"))
        elif raw.kind == "bool":
            for i in np.flatnonzero(~raw.missing):
                out[i] = "true" if raw.values[i] == 1.0 else "false"
        else:
            for i in np.flatnonzero(~raw.missing):
                out[i] = fmt_num(raw.values[i]) if np.isfinite(raw.values[i]) else str(raw.values[i])
        return pa.array(out, type=pa.string())

    def distinct(
        self, fn: Callable[[str], Any], missing: Any, dtype: Any = object, text: Any = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Read each distinct text once with ``fn``: (index per row, value and known per distinct text).

        The index of a row without text is -1, the last entry (``missing``, not known).
        A blank text is missing; a text that is no value ('NaN') and one ``fn`` refuses
        are set aside with their message.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        enc = pc.dictionary_encode(self.texts() if text is None else text)
        if isinstance(enc, pa.ChunkedArray):
            enc = enc.combine_chunks()
        distinct = enc.dictionary.to_pylist()
        values = np.empty(len(distinct) + 1, dtype=dtype)
        values[:] = missing
        known = np.zeros(len(distinct) + 1, dtype=bool)
        messages: list[str | None] = [None] * (len(distinct) + 1)
        for k, t in enumerate(distinct):
            if t in BLANK:
                continue
            if t.lower() in NOT_A_VALUE:
                messages[k] = _not_a_value(t)
                continue
            try:
                values[k] = fn(t)
                known[k] = True
            except ValueProblem as exc:
                messages[k] = str(exc)
        idx = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        failed = np.array([m is not None for m in messages], dtype=bool)
        if failed.any():
            for i in np.flatnonzero(failed[idx]):
                msg = messages[idx[i]]
                assert msg is not None
                self.bad(int(i), msg)
        return idx, values, known

    def by_value(
        self, fn: Callable[[str], Any], missing: Any, dtype: Any = object, text: Any = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Read each distinct text once with ``fn``: (value, known) per row (see :meth:`distinct`)."""
        idx, values, known = self.distinct(fn, missing, dtype, text)
        return values[idx], known[idx]

    def invalid_numbers(self) -> None:
        """NaN or infinity written where a value belongs: set aside, said."""
        raw = self.raw
        self.bad_where(raw.invalid, lambda i: _not_a_value(str(raw.values[i])))


def _not_a_value(text: str) -> str:
    return message("cell.not_a_value", text=repr(text))


def _number(text: str) -> float | None:
    """A cell's text as Python reads a number ('1e3', 'inf', '-0'), None when it is none."""
    try:
        return float(unicodedata.normalize("NFKC", text))
    except ValueError:
        return None


def _non_finite(text: str) -> bool:
    """Whether a cell holds infinity or NaN written as a number ('inf', '-Infinity', '1e400')."""
    x = _number(text)
    return x is not None and not np.isfinite(x)


# --------------------------------------------------------------------------- numbers
def numbers(cells: Cells, spec: FieldSpec, unit: str | None) -> np.ndarray:
    """A number column in the vocabulary's unit; NaN where missing or set aside."""
    import pyarrow as pa
    import pyarrow.compute as pc

    raw = cells.raw
    shown: Callable[[int], str]
    if raw.kind == "num":
        out = raw.values  # the raw column is this function's to change (copied before it does)
        if raw.invalid.any():
            cells.invalid_numbers()
            out = _writable(out)
            out[raw.invalid] = np.nan
        fast = None

        def shown(i: int) -> str:
            return fmt_num(raw.values[i])

    elif raw.kind == "text":
        out = np.full(cells.n, np.nan)
        text = raw.values
        blank = raw.missing | pc.fill_null(pc.is_in(text, value_set=pa.array(sorted(BLANK))), True).to_numpy(
            zero_copy_only=False
        )
        nav = pc.fill_null(pc.is_in(text, value_set=pa.array(_NOT_A_VALUE_CASES)), False).to_numpy(zero_copy_only=False)
        cleaned = pc.replace_substring(text, ",", "")
        plain = pc.fill_null(pc.match_substring_regex(cleaned, _PLAIN_NUMBER), False).to_numpy(zero_copy_only=False)
        plain &= ~blank
        if plain.any():
            parsed = pc.cast(pc.if_else(pa.array(plain), cleaned, pa.scalar(None, pa.string())), pa.float64())
            values = np.array(parsed.to_numpy(zero_copy_only=False), dtype=np.float64)
            plain &= np.isfinite(values)
            out[plain] = values[plain] + 0.0  # '-0' is zero
        fast = plain
        slow = ~blank & ~nav & ~plain
        cells.bad_where(nav, lambda i: _not_a_value(str(text[i])))
        if slow.any():
            positions = np.flatnonzero(slow)
            cache: dict[str, tuple[bool, Any]] = {}
            for i, t in zip(positions, pc.filter(text, pa.array(slow)).to_pylist()):
                if t not in cache:
                    try:
                        if _non_finite(t):
                            raise ValueProblem(_not_a_value(t))
                        cache[t] = (True, read(spec, t))
                    except ValueProblem as exc:
                        cache[t] = (False, str(exc))
                ok, v = cache[t]
                if ok:
                    out[i] = v
                else:
                    cells.bad(int(i), v)

        def shown(i: int) -> str:
            return str(text[i])

    else:
        out = np.full(cells.n, np.nan)
        label = message("cell.a_date" if raw.kind == "date" else "cell.a_flag")
        cells.bad_where(~raw.missing, lambda i: not_a_number(spec, f"{label} {_shown(raw, i)!r}"))
        return out
    out = _number_checks(cells, spec, out, fast, shown)
    if unit == "元" and spec.kind == "money":
        out = out / 10_000.0  # the header says 元: the vocabulary is in 万元
    return out


def _number_checks(
    cells: Cells, spec: FieldSpec, out: np.ndarray, fast: np.ndarray | None, shown: Callable[[int], str]
) -> np.ndarray:
    """What :func:`srdi.profile.values.number` checks, over the cells read in bulk (``fast``; None: all).

    The cells read one by one were checked by ``number`` itself; NaN compares false.
    Returns ``out`` with the failing cells set aside (a copy when it had to change).
    """
    if not spec.signed:
        neg = out < 0
        if neg.any():
            cells.bad_where(neg, lambda i: message("value.negative", value=fmt_num(out[i]), label=spec.label))
            out = _writable(out)
            out[neg] = np.nan
    if spec.kind == "percent":
        frac = (out > -1) & (out < 1) & (out != 0)
        if fast is not None:
            frac &= fast
        if frac.any():
            cells.bad_where(frac, lambda i: message("value.fraction", got=repr(shown(i)), value=fmt_num(out[i])))
            out = _writable(out)
            out[frac] = np.nan
    if spec.kind in ("integer", "count"):
        part = (np.trunc(out) != out) & (out == out)
        if part.any():
            cells.bad_where(part, lambda i: message("value.whole", label=spec.label, value=fmt_num(out[i])))
            out = _writable(out)
            out[part] = np.nan
    return out


def _shown(raw: RawColumn, i: int) -> str:
    if raw.kind == "date":
        return str(raw.values[i].astype("datetime64[D]"))
    if raw.kind == "bool":
        return "True" if raw.values[i] == 1.0 else "False"
    return str(raw.values[i])


# --------------------------------------------------------------------------- yes / no
def flags(cells: Cells, label: str) -> np.ndarray:
    """A yes/no column as 1.0/0.0: true/false, 是/否, 1/0 (also written 1.0/0.0); NaN where missing."""
    raw = cells.raw
    if raw.kind == "bool":
        return raw.values
    if raw.kind == "num":
        out = raw.values
        if raw.invalid.any():
            cells.invalid_numbers()
            out = _writable(out)
            out[raw.invalid] = np.nan
        other = (out != 0.0) & (out != 1.0) & (out == out)
        if other.any():
            cells.bad_where(other, lambda i: message("value.flag", got=repr(fmt_num(out[i]))))
            out = _writable(out)
            out[other] = np.nan
        return out
    if raw.kind == "date":
        cells.bad_where(~raw.missing, lambda i: message("value.flag", got=repr(_shown(raw, i))))
        return np.full(cells.n, np.nan)
    spec = FieldSpec(key="flag", label=label, kind="bool", section="enterprise")
    values, _ = cells.by_value(lambda v: 1.0 if _yes_no(spec, v) else 0.0, np.nan, np.float64)
    return values


def _yes_no(spec: FieldSpec, text: str) -> bool:
    try:
        return bool(read(spec, text))
    except ValueProblem:
        x = _number(text)
        if x is None:
            raise ValueProblem(message("value.flag", got=repr(text))) from None
        if x in (0.0, 1.0):
            return x == 1.0
        if not np.isfinite(x):
            raise ValueProblem(_not_a_value(text)) from None
        raise


# --------------------------------------------------------------------------- dates
def dates(cells: Cells, spec: FieldSpec) -> np.ndarray:
    """A date column as datetime64[ns]; NaT where missing or set aside."""
    raw = cells.raw
    out = np.full(cells.n, np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    if raw.kind == "date":
        v = raw.values
        # the dates datetime64[ns] can hold
        ok = (v >= np.datetime64("1678-01-01", "s")) & (v < np.datetime64("2262-01-01", "s"))
        wrong = ~raw.missing & ~ok
        if wrong.any():
            cells.bad_where(wrong, lambda i: message("value.date", got=repr(_shown(raw, i))))
            return np.where(ok, v, np.datetime64("NaT", "ns")).astype("datetime64[ns]")
        return v.astype("datetime64[ns]")
    if raw.kind in ("num", "bool"):
        cells.bad_where(~raw.missing, lambda i: message("value.date", got=repr(_shown(raw, i))))
        return out
    values, known = cells.by_value(lambda v: _when(spec, v), np.datetime64("NaT", "ns"), "datetime64[ns]")
    out[known] = values[known]
    return out


def _when(spec: FieldSpec, text: str) -> np.datetime64:
    """A date cell's text: a date as :func:`srdi.profile.values.date` reads it, or an ISO date and time.

    A date and time (``2015-04-01 00:00:00``, ``2015-04-01T10:00:00Z``) is what a
    database export writes for a timestamp; an offset is taken to UTC.
    """
    try:
        day = read(spec, text)
    except ValueProblem:
        stamp = _date_and_time(text)
        if stamp is None:
            raise
        return stamp
    if not _FIRST_DAY <= day < _END_DAY:  # beyond what datetime64[ns] holds: it would wrap around silently
        raise ValueProblem(message("value.date", got=repr(text)))
    return np.datetime64(day, "ns")


def _date_and_time(text: str) -> np.datetime64 | None:
    t = unicodedata.normalize("NFKC", text).strip()
    if len(t) < 13 or t[10] not in "T ":
        return None
    try:
        when = datetime.datetime.fromisoformat(t[:-1] + "+00:00" if t.endswith("Z") else t)
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    if not _FIRST_DAY <= when.date() < _END_DAY:
        return None
    return np.datetime64(when, "ns")


# --------------------------------------------------------------------------- text
def texts(cells: Cells, spec: FieldSpec) -> Any:
    """A text column as objects (None where missing); credit codes and region codes checked."""
    import pyarrow as pa
    import pyarrow.compute as pc

    raw = cells.raw
    text = cells.texts()
    blank = pc.fill_null(pc.is_in(text, value_set=pa.array(sorted(BLANK))), False).to_numpy(zero_copy_only=False)
    nav = pc.fill_null(pc.is_in(text, value_set=pa.array(_NOT_A_VALUE_CASES)), False).to_numpy(zero_copy_only=False)
    cells.bad_where(nav, lambda i: _not_a_value(str(text[i])))
    if raw.kind == "num":
        cells.invalid_numbers()
    drop = blank | nav
    if drop.any():
        text = pc.if_else(pa.array(drop), pa.scalar(None, pa.string()), text)
    if spec.key == "credit_code":
        return credit_codes(cells, text)
    if spec.key == "region_code":
        ok = pc.fill_null(pc.match_substring_regex(text, r"^\d{6}$"), True).to_numpy(zero_copy_only=False)
        cells.bad_where(~ok, lambda i: message("cell.region_code", got=repr(text[i].as_py())))
        if not ok.all():
            text = pc.if_else(pa.array(ok), text, pa.scalar(None, pa.string()))
        return text_column(text)
    if spec.key == "industry_code":
        values, _ = cells.by_value(_industry, None, text=text)
        return values
    return text_column(text)


def _industry(text: str) -> str:
    m = _INDUSTRY.match(unicodedata.normalize("NFKC", text))
    return m.group(1).replace(" ", "").upper() if m else text


def credit_codes(cells: Cells, text: Any) -> Any:
    """统一社会信用代码: normalised, the check digit tested for all codes at once; bad codes set aside."""
    import pyarrow as pa
    import pyarrow.compute as pc

    up = pc.ascii_upper(text)  # other characters go the slow way, through NFKC
    if _holds_bytes(up, b" -"):
        up = pc.replace_substring(pc.replace_substring(up, " ", ""), "-", "")
    simple = pc.fill_null(pc.and_(pc.string_is_ascii(up), pc.equal(pc.binary_length(up), 18)), False)
    simple_np = simple.to_numpy(zero_copy_only=False)
    good = np.zeros(cells.n, dtype=bool)
    if simple_np.any():
        sub = pc.filter(up, simple)
        offsets = np.frombuffer(sub.buffers()[1], dtype=np.int32)[sub.offset : sub.offset + len(sub) + 1]
        data = np.frombuffer(sub.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]].reshape(len(sub), 18)
        values = _LOOKUP[data]
        digits = ((data[:, 2:8] >= ord("0")) & (data[:, 2:8] <= ord("9"))).all(axis=1)
        check = (31 - (values[:, :17].astype(np.int32) @ _WEIGHTS.astype(np.int32)) % 31) % 31
        ok = (values >= 0).all(axis=1) & digits & (values[:, 17] == check)
        good[np.flatnonzero(simple_np)[ok]] = True
    present = ~cells.raw.missing & ~pc.is_null(up).to_numpy(zero_copy_only=False)
    rest = np.flatnonzero(present & ~good)
    if len(rest) == 0:
        return text_column(up)
    # the others one by one: full-width characters may still make a valid code once normalised
    fixed: dict[int, str] = {}
    as_number = cells.raw.kind == "num"
    for i in map(int, rest):
        written = str(text[i])
        if as_number and not np.isfinite(cells.raw.values[i]):
            continue  # NaN or infinity written: said as a value that is no value
        if (as_number and abs(cells.raw.values[i]) >= 1e15) or _SCIENTIFIC.match(written):
            # Excel keeps 15 significant digits of a number: the code's last digits are gone, whatever its length says
            shown = plain_number(repr(float(cells.raw.values[i])) if as_number else written)
            cells.bad(i, message("cell.code_as_number", shown=shown))
            continue
        code = cc.normalise(written)
        why = cc.problem(code)
        if why:
            cells.bad(i, why)
        else:
            fixed[i] = code
    keep = pa.array(good)
    out = pc.if_else(keep, up, pa.scalar(None, pa.string()))
    if fixed:
        values_list = out.to_pylist()
        for i, code in fixed.items():
            values_list[i] = code
        out = pa.array(values_list, type=pa.string())
    return text_column(out)


def plain_number(text: str) -> str:
    """A number written in scientific notation in plain digits, as a spreadsheet cell shows it; other text as it is.

    ``9.12101000000001e+17`` reads ``912101000000001000``: an output never shows a code as
    a floating-point number, even one that lost its digits.
    """
    from decimal import Decimal, InvalidOperation

    if not _SCIENTIFIC.match(text.strip()):
        return text
    try:
        return f"{Decimal(text.strip()):f}"
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return text


def _holds_bytes(arr: Any, chars: bytes) -> bool:
    """Whether any text of a pyarrow string array holds one of the (ASCII) ``chars``, looked for in its data at once."""
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        return any(_holds_bytes(c, chars) for c in arr.chunks)
    if len(arr) == 0 or arr.buffers()[2] is None:
        return False
    wide = pa.types.is_large_string(arr.type)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64 if wide else np.int32)
    first, last = int(offsets[arr.offset]), int(offsets[arr.offset + len(arr)])
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[first:last]
    return any(bool((data == c).any()) for c in chars)


# --------------------------------------------------------------------------- choices
def choices(cells: Cells, spec: FieldSpec) -> np.ndarray:
    """A single-choice column as choice values (None where missing or not offered)."""
    values, _ = cells.by_value(lambda v: read(spec, v), None)
    return values


def multichoice(cells: Cells, spec: FieldSpec, column: str) -> dict[str, np.ndarray]:
    """A multiple-choice column as one 1.0/0.0 column per option (NaN where missing)."""
    idx, ticked, known = cells.distinct(lambda v: () if v in NONE_TICKED else read(spec, v), None)
    out = {}
    for c in spec.choices:
        lookup = np.array([(1.0 if c.value in t else 0.0) if k else np.nan for t, k in zip(ticked, known)])
        out[f"{column}.{c.value}"] = lookup[idx]
    return out


# --------------------------------------------------------------------------- recognitions
def recognition_years(cells: Cells) -> tuple[np.ndarray, np.ndarray]:
    """A title's column of years: (year or NaN, whether the cell says held or not held)."""
    raw = cells.raw
    if raw.kind in ("num", "bool"):
        v = raw.values
        cells.invalid_numbers()
        present = ~raw.missing & ~raw.invalid
        none = present & (v == 0.0)
        year = present & (v == np.floor(v)) & (v >= _FIRST_YEAR) & (v <= _LAST_YEAR) & (raw.kind == "num")
        wrong = present & ~none & ~year
        cells.bad_where(wrong, lambda i: message("cell.title_year", got=repr(_shown(raw, i))))
        return np.where(year, v, np.nan), none | year
    if raw.kind == "date":
        year = (raw.values.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.float64)
        year[raw.missing] = np.nan
        return year, ~raw.missing

    def one(text: str) -> float:
        if text.lower() in NOT_HELD:
            return np.nan
        m = _YEAR.match(unicodedata.normalize("NFKC", text))
        if m and _FIRST_YEAR <= int(m.group(1)) <= _LAST_YEAR:
            return float(m.group(1))
        x = _number(text)
        if x == 0.0:
            return np.nan  # 0 written as a number (0.0): not held, as in a column of numbers
        if x is not None and not np.isfinite(x):
            raise ValueProblem(_not_a_value(text))
        raise ValueProblem(message("cell.title_year_or_no", got=repr(text)))

    values, known = cells.by_value(one, np.nan, np.float64)
    return values, known


def recognition_dates(cells: Cells, label: str) -> tuple[np.ndarray, np.ndarray]:
    """A title's column of grant dates or ends of validity: (date or NaT, whether the cell says held or not held)."""
    spec = FieldSpec(key="date", label=label, kind="date", section="enterprise")
    if cells.raw.kind in ("date", "num", "bool"):
        out = dates(cells, spec)
        return out, ~np.isnat(out)
    not_held = np.datetime64("NaT", "ns")

    def one(text: str) -> Any:
        return not_held if text.lower() in NOT_HELD else _when(spec, text)

    return cells.by_value(one, np.datetime64("NaT", "ns"), "datetime64[ns]")


def recognition_list(cells: Cells, names: Any) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A column listing titles held with their years: ({title: year per row}, whether the cell was read)."""

    def one(text: str) -> tuple[tuple[str, float], ...]:
        if text.lower() in NOT_HELD:
            return ()
        held = []
        for item in _ITEM_SPLIT.split(unicodedata.normalize("NFKC", text)):
            item = item.strip()
            if not item:
                continue
            m = _ITEM_YEAR.search(item)
            name = (item[: m.start()] + item[m.end() :]).strip() if m else item
            title = names.resolve(name)
            if m is None or not _FIRST_YEAR <= int(m.group(1)) <= _LAST_YEAR:
                raise ValueProblem(message("cell.title_needs_year", item=repr(item), name=name))
            held.append((title, float(m.group(1))))
        return tuple(held)

    idx, values, known = cells.distinct(one, None)
    titles = sorted({title for k, v in enumerate(values) if known[k] for title, _ in v})
    years: dict[str, np.ndarray] = {}
    for title in titles:
        lookup = np.array(
            [max((y for t, y in v if t == title), default=np.nan) if k else np.nan for v, k in zip(values, known)]
        )
        years[title] = lookup[idx]
    return years, known[idx]


# --------------------------------------------------------------------------- the table
#: From this many rows on, columns are checked on several threads (NumPy and Arrow release the GIL).
PARALLEL_FROM = 50_000


@define
class _Checked:
    """One column checked: the engine columns it fills and its cells' problems."""

    columns: dict[str, Any]
    errors: list[tuple[int, str]]
    missing: np.ndarray  # where the cell held nothing
    title: str | None = None  # a recognition column: the title ("" for a list of titles) …
    filled: np.ndarray | None = None  # … and where its cell says held or not held
    bad: np.ndarray | None = None  # … and where its cell was set aside
    declared: np.ndarray | None = None


def _holds(target: Target, vocabulary: Vocabulary) -> str | None:
    """What a column's cells may be read as at once: "number" (figures, years of recognition), "flag" (yes/no)."""
    if target.kind == "field":
        kind = vocabulary[target.key].kind
        return "number" if kind in NUMERIC_KINDS else "flag" if kind == "bool" else None
    if target.kind == "rec":
        return "number" if target.part == "year" else None
    return "flag" if target.kind in ("choice", "attest", "declared") else None


def check_column(
    series: pd.Series, header: str, target: Target, vocabulary: Vocabulary, resolver: HeaderResolver
) -> _Checked:
    """Check one raw column under its resolved header."""
    cells = Cells(raw_column(series, _holds(target, vocabulary)), header)
    column = target.column
    out: dict[str, Any] = {}
    missing = cells.raw.missing
    if target.kind == "field":
        spec = vocabulary[target.key]
        if spec.kind in NUMERIC_KINDS:
            out[column] = numbers(cells, spec, target.unit)
        elif spec.kind == "bool":
            out[column] = flags(cells, header)
        elif spec.kind == "date":
            out[column] = dates(cells, spec)
        elif spec.kind == "choice":
            out[column] = choices(cells, spec)
        elif spec.kind == "multichoice":
            out.update(multichoice(cells, spec, column))
        else:
            out[column] = texts(cells, spec)
    elif target.kind in ("choice", "attest"):
        out[column] = flags(cells, header)
    elif target.kind == "declared":
        return _Checked(out, cells.errors, missing, declared=flags(cells, header))
    elif target.kind == "rec":
        if target.part == "year":
            out[column], filled = recognition_years(cells)
        else:
            out[column], filled = recognition_dates(cells, header)
        return _Checked(out, cells.errors, missing, target.key, filled, cells.bad_rows())
    elif target.kind == "recs":
        years, filled = recognition_list(cells, resolver.titles)
        out = {f"rec.{title}.year": year for title, year in years.items()}
        return _Checked(out, cells.errors, missing, "", filled, cells.bad_rows())
    return _Checked(out, cells.errors, missing)


def convert(
    body: pd.DataFrame,
    headers: list[list[str]],
    vocabulary: Vocabulary,
    resolver: HeaderResolver,
    source: str | None = None,
    first_row: int = 1,
    rows: np.ndarray | None = None,
    progress: Progress | None = None,
    cross_row_checks: bool = True,
    workers: int | None = None,
    problems: Mapping[int, list[str]] | None = None,
    blank_rows: Iterable[int] = (),
) -> Table:
    """Convert raw cells under resolved headers into the engine's columns.

    ``body`` has one column per file column that is read, labelled by its position
    (its index in ``headers``); ``rows`` numbers its rows as the file does (default:
    from ``first_row`` on). A row whose cells are all empty is reported as an empty
    row. ``problems`` are those a file reader found before (a record with the wrong
    number of fields, a formula without its value): they come first in their rows'
    errors; ``blank_rows`` are records the reader found blank (a CSV's empty line), which
    the table lists in ``blank`` with the rows whose cells are all empty.
    ``cross_row_checks`` finds the same credit code on several rows; a
    caller converting one part of a larger table does that over the whole. Large
    tables are checked on ``workers`` threads (default: the cores available); the
    result, messages in order included, does not depend on it.
    """
    n = len(body)
    numbers_of_rows = rows if rows is not None else np.arange(n, dtype=np.int64) + first_row
    table = Table(pd.DataFrame(index=pd.RangeIndex(n)), numbers_of_rows, source)
    for i, messages in (problems or {}).items():
        table.errors[i].extend(messages)
    plan = []
    seen: dict[str, str] = {}
    resolved = [
        (j, h, t) for j, h, t in resolve_columns(headers, vocabulary, resolver, table.notes) if j in body.columns
    ]
    # a field a column names alone is that column's, even where a shared header (several fields) names it too
    alone = {t.column for _, _, t in resolved if not t.also}
    for j, header, target in resolved:
        if target.also:
            target = _unclaimed(target, alone)
        if target.column in seen:
            table.notes.append(
                ColumnNote(header, message("cell.same_field", field=target.column, other=seen[target.column]), j + 1)
            )
            continue
        seen[target.column] = header
        table.mapping[header] = target.column
        plan.append((j, header, target))
    done = [0]
    stage = message("cell.checking")

    def run(step: tuple[int, str, Target]) -> _Checked:
        j, header, target = step
        result = check_column(body[j], header, target, vocabulary, resolver)
        done[0] += 1
        if progress is not None:
            progress(stage, done[0], len(plan))
        return result

    threads = workers or _cores()
    if threads > 1 and n >= PARALLEL_FROM and len(plan) > 1:
        from concurrent.futures import ThreadPoolExecutor
        from contextvars import copy_context

        # the costliest columns first (credit codes, then text), so that no thread is left with one at the end
        order = sorted(range(len(plan)), key=lambda k: _cost_rank(plan[k][2], vocabulary))
        with ThreadPoolExecutor(max_workers=threads) as pool:
            # each thread in the caller's context: its messages in the language chosen for this run
            futures = {k: pool.submit(copy_context().run, run, plan[k]) for k in order}
            results = [futures[k].result() for k in range(len(plan))]
    else:
        results = [run(step) for step in plan]
    claimed = {t.column for _, _, t in plan} | {
        attrs.evolve(t, key=k).column for _, _, t in plan if t.kind == "field" for k in t.also
    }
    rivals = _rival_readings(body, plan, results, claimed, vocabulary, resolver)
    columns: dict[str, Any] = {}
    held: dict[str, list[np.ndarray]] = {}  # per title: where a cell says held or not held
    rec_bad = np.zeros(n, dtype=bool)
    declared: np.ndarray | None = None
    empty = np.ones(n, dtype=bool)
    for r in results:
        empty &= r.missing
    for i in map(int, np.flatnonzero(empty)):
        if i not in table.errors:  # a record the reader could not split has no cells either, but is no blank row
            table.errors[i].append(message("cell.blank_row", n=numbers_of_rows[i]))
            table.blank.add(i)
    table.blank.update(blank_rows)
    for r, (j, _, target) in zip(results, plan):  # in the order of the file's columns, whatever thread checked them
        for i, said in r.errors:
            table.errors[i].append(said)
            if target.column in IDENTITY:  # set aside for evaluation, shown as written
                written = _written(body[j], i)
                if written is not None:
                    if target.column == "credit_code":
                        written = plain_number(written)  # a code stored as a number: its digits, never 9.1e+17
                    table.as_given.setdefault(target.column, {})[i] = written
        for key, values in r.columns.items():
            columns[key] = np.fmax(columns[key], values) if key in columns and key.startswith("rec.") else values
        if r.title is not None:
            assert r.filled is not None and r.bad is not None
            held.setdefault(r.title, []).append(r.filled)
            rec_bad |= r.bad
        if r.declared is not None:
            declared = r.declared
    for r, (_, _, target) in zip(results, plan):
        for other in target.also:  # the same question asked by another plugin: the same answers, unless given apart
            for key, values in _sibling_columns(r.columns, target, other):
                columns.setdefault(key, values)
    for checked in rivals:  # the cells another reading of a header reads (another plugin's choices, a title)
        for key, values in checked.columns.items():
            columns.setdefault(key, values)
        if checked.title is not None and checked.filled is not None and checked.filled.any():
            held.setdefault(checked.title, []).append(checked.filled)
    if held or declared is not None:
        columns["recognitions_declared"] = _declared(held, declared, rec_bad, n)
    table.frame = (
        pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False) if columns else pd.DataFrame(index=pd.RangeIndex(n))
    )
    if not any(c in table.frame.columns for c in IDENTITY):
        found = [h for cells_ in headers for h in cells_ if h]
        hint = resolver.suggest(found[0]) if found else ""
        close = _closest(["企业名称", "统一社会信用代码"], found)
        raise ProfileError(
            Problem(
                message("table.no_identity") + (message("table.closest_header", header=repr(close)) if close else hint),
                file=source,
            )
        )
    plausibility(table, vocabulary)
    relations(table, vocabulary)
    if cross_row_checks:
        duplicates(table)
    return table


def _rival_readings(
    body: pd.DataFrame,
    plan: list[tuple[int, str, Target]],
    results: list[_Checked],
    claimed: set[str],
    vocabulary: Vocabulary,
    resolver: HeaderResolver,
) -> list[_Checked]:
    """Other readings of headers that name several things: each takes the cells it reads.

    A header can be one plugin's yes/no field and a title's name (高新技术企业), or two
    plugins' choices worded apart. Each reading gets the cells it can read ("否" is not
    held in both); a cell is an error only where every reading refuses it, and then under
    the first, as before. ``results`` lose the errors of cells a rival read.
    """
    out = []
    for (j, header, target), r in zip(plan, results):
        rivals = [t for t in target.rivals if t.column not in claimed]
        if not rivals:
            continue
        read_by_rival: set[int] = set()
        for rival in rivals:
            checked = check_column(body[j], header, rival, vocabulary, resolver)
            mine = ~checked.missing
            mine[[i for i, _ in checked.errors]] = False
            if mine.any():
                read_by_rival |= set(map(int, np.flatnonzero(mine)))
                out.append(_only(checked, mine))
        r.errors[:] = [(i, m) for i, m in r.errors if i not in read_by_rival]
    return out


def _only(checked: _Checked, rows: np.ndarray) -> _Checked:
    """``checked`` keeping the cells of ``rows`` only (the others missing) and none of its errors."""
    columns = {key: _blank_outside(values, rows) for key, values in checked.columns.items()}
    filled = checked.filled & rows if checked.filled is not None else None
    bad = np.zeros(len(rows), dtype=bool) if checked.bad is not None else None
    return _Checked(columns, [], checked.missing | ~rows, checked.title, filled, bad, checked.declared)


def _blank_outside(values: Any, rows: np.ndarray) -> Any:
    arr = np.asarray(values)
    if arr.dtype.kind == "f":
        return np.where(rows, arr, np.nan)
    if arr.dtype.kind == "M":
        return np.where(rows, arr, np.array("NaT", dtype=arr.dtype))
    out = arr.astype(object, copy=True)
    out[~rows] = None
    return out


def _unclaimed(target: Target, claimed: set[str]) -> Target:
    """``target`` and its alike fields, less those another column claims alone (all of them: as it was)."""
    keys = [k for k in (target.key, *target.also) if attrs.evolve(target, key=k, also=()).column not in claimed]
    return attrs.evolve(target, key=keys[0], also=tuple(keys[1:])) if keys else target


def _sibling_columns(checked: Mapping[str, Any], target: Target, other: str) -> list[tuple[str, Any]]:
    """A checked column's engine columns renamed for field ``other``, which its header names too."""
    mine = target.column
    theirs = attrs.evolve(target, key=other, also=()).column
    return [(theirs + key[len(mine) :], values) for key, values in checked.items() if key.startswith(mine)]


def _cost_rank(target: Target, vocabulary: Vocabulary) -> int:
    """0 for credit codes (checked digit by digit), 1 for other text (read by distinct value), 2 for the rest."""
    if target.column == "credit_code":
        return 0
    return 1 if is_text(target, vocabulary) else 2


def _cores() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_columns(
    headers: list[list[str]], vocabulary: Vocabulary, resolver: HeaderResolver, notes: list[ColumnNote] | None = None
) -> list[tuple[int, str, Target]]:
    """(position, header, target) of every column that fills an engine column; the others noted in ``notes``."""
    out = []
    notes = notes if notes is not None else []
    for j, cells in enumerate(headers):
        header = " / ".join(c for c in cells if c) or f"（第{j + 1}列）"
        target = target_of(resolver, cells)
        if target is None:
            gone = vocabulary.retired_by_header(cells[-1] or header)
            if gone is not None:
                said = message("profile.retired_field", label=gone.label, instead=gone.retired)
                notes.append(ColumnNote(header, message("cell.ignored", why=said), j + 1))
            elif any(c for c in cells):
                notes.append(
                    ColumnNote(
                        header,
                        message("cell.unknown_header") + resolver.suggest(cells[-1] or header),
                        j + 1,
                    )
                )
            continue
        if target.kind == "row":
            continue
        if target.kind == "field" and vocabulary[target.key].yearly and target.year is None:
            label = vocabulary[target.key].label
            notes.append(
                ColumnNote(
                    header,
                    message("cell.yearly_header", label=label, key=target.key),
                    j + 1,
                )
            )
            continue
        if target.kind == "field" and target.unit is not None and unit_refused(vocabulary[target.key], target.unit):
            spec = vocabulary[target.key]
            said = message("cell.unit_conflict", unit=target.unit, label=spec.label, wanted=spec.display_unit)
            notes.append(ColumnNote(header, message("cell.ignored", why=said), j + 1))
            continue
        if target.year_from is not None:  # a reading the person should see: the year is not in the file
            label = vocabulary[target.key].label
            said = message("cell.year_from_table", title=target.year_from, year=target.year, label=label)
            notes.append(ColumnNote(header, said, j + 1))
        if target.kind == "rec" and target.key not in resolver.titles:
            try:  # rec.<name>.year: a title's name where its id belongs
                target = attrs.evolve(target, key=resolver.titles.resolve(target.key))
            except ValueProblem as exc:
                notes.append(ColumnNote(header, message("cell.ignored", why=exc), j + 1))
                continue
        out.append((j, header, target))
    return out


def is_text(target: Target, vocabulary: Vocabulary) -> bool:
    """Whether a column is read as written (codes and names keep leading zeros, choices their spelling)."""
    if target.kind == "recs":
        return True
    if target.kind != "field":
        return False
    return vocabulary[target.key].kind not in NUMERIC_KINDS | {"bool", "date"}


def target_of(resolver: HeaderResolver, cells: list[str]) -> Target | None:
    """What a column's header cells (group headers first) stand for."""
    label = cells[-1] or next((c for c in reversed(cells) if c), "")
    group = " ".join(c for c in cells[:-1] if c) or None
    t = resolver.resolve(label, group)
    if t is None and group and not cells[-1]:
        t = resolver.resolve(group)
    return t


def _declared(held: Mapping[str, list[np.ndarray]], declared: np.ndarray | None, bad: np.ndarray, n: int) -> np.ndarray:
    """Per row: 1.0 where it states every title it holds, NaN where that is unknown.

    A row states it when a recognitions_declared cell says so (its blank title
    cells are then "not held"), or when every title column of the table says held
    or not held for it. A blank title cell is otherwise unknown, and a title cell
    set aside makes the row's recognitions unknown whatever it declares.
    """
    every = np.ones(n, dtype=bool)
    for masks in held.values():
        any_part = np.zeros(n, dtype=bool)
        for m in masks:
            any_part |= m
        every &= any_part
    says = declared == 1.0 if declared is not None else np.zeros(n, dtype=bool)
    if not held:
        every[:] = False
    out = np.where(says | every, 1.0, np.nan)
    out[bad] = np.nan
    return out


def _closest(wanted: Iterable[str], found: list[str]) -> str | None:
    import difflib

    best: tuple[float, str] | None = None
    for w in wanted:
        for h in found:
            r = difflib.SequenceMatcher(None, norm(w), norm(h)).ratio()
            if best is None or r > best[0]:
                best = (r, h)
    return best[1] if best and best[0] >= 0.4 else None


# --------------------------------------------------------------------------- row checks
def plausibility(table: Table, vocabulary: Vocabulary) -> None:
    """Money typed in 元 (or 亿元) where the vocabulary expects 万元: the row is flagged, the cell made missing."""
    frame = table.frame
    for column in list(frame.columns):
        base, _, year = column.rpartition("_")
        spec = vocabulary.get(base) if year.isdigit() else vocabulary.get(column)
        if spec is None or spec.kind != "money":
            continue
        x = frame[column].to_numpy(dtype=np.float64)
        over = np.abs(x) > MAX_AMOUNT  # NaN compares false
        if not over.any():
            continue
        for i in np.flatnonzero(over):
            name = f"{spec.label}{'（' + year + '）' if year.isdigit() else ''}"
            table.errors[int(i)].append(message("cell.over_limit", field=name, amount=fmt_num(x[i])))
        frame[column] = np.where(over, np.nan, x)
    for column in [c for c in frame.columns if c.startswith("revenue_")]:
        year = column.split("_", 1)[1]
        staff = f"employees_{year}"
        if staff not in frame.columns:
            continue
        rev = frame[column].to_numpy(dtype=np.float64)
        emp = frame[staff].to_numpy(dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            per = rev / emp
        ok = (rev > 0) & (emp > 0)
        high = ok & (per > MAX_REVENUE_PER_EMPLOYEE)
        low = ok & (per < MIN_REVENUE_PER_EMPLOYEE)
        if not (high.any() or low.any()):
            continue
        for i in np.flatnonzero(high | low):
            why = per_person_problem(f"营业收入（{year}）", float(rev[i]), float(emp[i]))
            assert why is not None  # the masks above are the same bounds
            table.errors[int(i)].append(why)
        frame[column] = np.where(high | low, np.nan, rev)
    _declared_small(table, vocabulary)


def _declared_small(table: Table, vocabulary: Vocabulary) -> None:
    """Revenue a firm declaring itself small or micro could have only by its headcount (see small_revenue_problem).

    A row with staff figures is checked per person above.
    """
    from ..engine.size_class import SMALLEST, revenue_ceiling

    frame = table.frame
    if "size_class" not in frame.columns or "size_class" not in vocabulary:
        return
    declared = frame["size_class"].to_numpy(dtype=object)
    small = np.isin(declared, SMALLEST)
    if not small.any():
        return
    for column in [c for c in frame.columns if c.startswith("revenue_") and c.split("_", 1)[1].isdigit()]:
        year = column.split("_", 1)[1]
        rev = frame[column].to_numpy(dtype=np.float64)
        staff = f"employees_{year}"
        emp = frame[staff].to_numpy(dtype=np.float64) if staff in frame.columns else np.full(len(rev), np.nan)
        with np.errstate(invalid="ignore"):
            suspect = small & (rev > revenue_ceiling()) & ~(emp > 0)  # with a headcount, the per-person check decides
        if not suspect.any():
            continue
        for i in np.flatnonzero(suspect):
            why = small_revenue_problem(vocabulary, f"营业收入（{year}）", float(rev[i]), declared[i])
            assert why is not None  # the rows picked are those it words
            table.errors[int(i)].append(why)
        frame[column] = np.where(suspect, np.nan, rev)


def relations(table: Table, vocabulary: Vocabulary) -> None:
    """Facts of a row that cannot all be true (a part above its whole): the row is flagged, the suspect cells made missing.

    The same checks refuse such a profile on its own; in a table the row keeps its
    place, says which facts disagree, and the facts in doubt count as missing, so no
    verdict rests on them: the part alone where it was plainly typed in 元, else the part
    and its whole (主营业务收入 above 营业收入 says that one of them is wrong, not which).
    """
    suspect: dict[str, list[int]] = {}
    for i, found in clashing_rows(table.frame, vocabulary).items():
        for clash in found:
            table.errors[i].append(clash.message)
            for key, year in clash.facts[: clash.doubtful]:
                suspect.setdefault(f"{key}_{year}" if year is not None else key, []).append(i)
    for column, rows in suspect.items():
        if column in table.frame.columns:  # a fresh array: the reader's columns may be read-only views
            values = table.frame[column].to_numpy(dtype=np.float64, copy=True)
            values[rows] = np.nan
            table.frame[column] = values


#: How many of the other rows with the same credit code a row's warning names (the rest are counted).
DUPLICATES_NAMED = 5


def duplicates(table: Table) -> None:
    """The same credit code on several rows: every such row is kept and flagged with the others' row numbers.

    Codes are compared by a 64-bit key computed from their 18 characters at once;
    rows whose keys meet are then compared by their codes themselves.
    """
    if "credit_code" not in table.frame.columns:
        return
    codes = table.frame["credit_code"]
    keys = _code_keys(codes)
    if keys is None:  # not all normalised codes: compare the texts
        keys = pd.Series(codes.to_numpy(dtype=object)).where(codes.notna().to_numpy(), None)
    present = codes.notna().to_numpy()
    candidates = np.flatnonzero(present & pd.Series(keys).duplicated(keep=False).to_numpy())
    if len(candidates) == 0:
        return
    groups: dict[str, list[int]] = {}
    text = codes.to_numpy(dtype=object)
    for i in map(int, candidates):
        groups.setdefault(str(text[i]), []).append(i)
    sep = message("list.sep")
    for code, positions in groups.items():
        if len(positions) < 2:
            continue
        # a code on thousands of rows (a placeholder pasted down a column) names a few of the others and counts
        # the rest: listing every other row on every row grows as the square of the rows
        named = [_row_name(table.rows[j]) for j in positions[: DUPLICATES_NAMED + 1]]
        others = len(positions) - 1
        # a row past the named ones names the first few: one text for all of them
        past = _duplicate(code, named[:DUPLICATES_NAMED], others, sep) if len(positions) > len(named) else ""
        for k, i in enumerate(positions):
            if k < len(named):
                shown = [name for m, name in enumerate(named) if m != k][:DUPLICATES_NAMED]
                table.warnings[i].append(_duplicate(code, shown, others, sep))
            else:
                table.warnings[i].append(past)


def _duplicate(code: str, shown: list[str], others: int, sep: str) -> str:
    """The warning of a row whose credit code ``others`` other rows carry, naming the rows ``shown``."""
    if others <= DUPLICATES_NAMED:
        return message("cell.duplicate", code=code, rows=sep.join(shown))
    return tn("cell.duplicate_many", others, code=code, rows=sep.join(shown), n=others)


def _row_name(row: Any) -> str:
    """A row as a message names it: 第5行 (a label made elsewhere, naming its file too, as it is)."""
    return row if isinstance(row, str) else message("cell.row", n=row)


def _code_keys(codes: pd.Series) -> np.ndarray | None:
    """Per row, a 64-bit key of its 18-character code (-1 where missing); None when the codes are not all 18 ASCII characters."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(codes.dtype, pd.StringDtype):
        return None
    arr = pa.array(codes.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.string())
    valid = arr.drop_null()
    if (
        len(valid) == 0
        or pc.min(pc.binary_length(valid)).as_py() != 18
        or pc.max(pc.binary_length(valid)).as_py() != 18
    ):
        return None
    offsets = np.frombuffer(valid.buffers()[1], dtype=np.int32)[valid.offset : valid.offset + len(valid) + 1]
    data = np.frombuffer(valid.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    parts = data.view(np.dtype([("a", "<u8"), ("b", "<u8"), ("c", "<u2")]))  # each code's 18 bytes, unpacked
    with np.errstate(over="ignore"):
        key = (
            parts["a"] ^ (parts["b"] * np.uint64(0x9E3779B97F4A7C15)) ^ (parts["c"].astype(np.uint64) << np.uint64(17))
        ).view(np.int64)  # a hash: rows whose keys meet are compared by their codes after
    out = np.full(len(arr), -1, dtype=np.int64)
    out[~arr.is_null().to_numpy(zero_copy_only=False)] = key
    return out
