"""A table read for evaluation: the engine's columns, one row per input row, and every row's problems."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np
import pandas as pd
from attrs import define, field, frozen


@frozen
class ColumnNote:
    """A problem or remark about a whole column (not a row)."""

    header: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        from ..i18n import t

        where = f"{t('table.column', n=self.column)} " if self.column is not None else ""
        return f"{where}{self.header!r}: {self.message}"


@define
class Table:
    """A table read for evaluation.

    ``frame`` holds the engine's columns, one row per input row, in input order;
    ``rows`` the row numbers as a person finds them in the file (the first data
    row of a spreadsheet under a one-row header is row 2). ``errors`` and
    ``warnings`` hold each row's problems; ``notes`` the column-level ones;
    ``mapping`` which engine column each header filled; ``encoding`` the text
    encoding a CSV file was read in; ``as_given`` the identity cells a check set aside, as written;
    ``sheet`` the sheet read from a workbook of several; ``blank`` the positions of the rows
    that hold nothing at all (kept in their place, but no enterprise).
    """

    frame: pd.DataFrame
    rows: np.ndarray
    source: str | None = None
    errors: dict[int, list[str]] = field(factory=lambda: defaultdict(list))
    warnings: dict[int, list[str]] = field(factory=lambda: defaultdict(list))
    notes: list[ColumnNote] = field(factory=list)
    mapping: dict[str, str] = field(factory=dict)
    encoding: str | None = None
    as_given: dict[str, dict[int, str]] = field(factory=dict)
    sheet: str | None = None
    blank: set[int] = field(factory=set)

    def __len__(self) -> int:
        return len(self.frame)

    def error_column(self) -> np.ndarray:
        """Per row: its errors joined (None when it has none)."""
        return joined(self.errors, len(self.frame))

    def identity(self, column: str) -> np.ndarray:
        """Per row: ``column`` (``name``, ``credit_code``) as output shows it, None where absent.

        A cell set aside by a check (a credit code with a wrong check digit) is
        missing for evaluation but shown as the applicant wrote it.
        """
        n = len(self.frame)
        if column in self.frame.columns:
            out = self.frame[column].to_numpy(dtype=object).copy()
        else:
            out = np.full(n, None, dtype=object)
        for i, text in self.as_given.get(column, {}).items():
            out[i] = text
        return out

    def warning_column(self) -> np.ndarray:
        """Per row: its warnings joined (None when it has none)."""
        return joined(self.warnings, len(self.frame))

    def rows_with_errors(self) -> list[int]:
        """The positions of the rows that have a data error, in input order."""
        return sorted(i for i, msgs in self.errors.items() if msgs)


def joined(problems: Mapping[int, list[str]], n: int) -> np.ndarray:
    """Per row of ``n``: its problems joined (None where it has none)."""
    out = np.full(n, None, dtype=object)
    for i, msgs in problems.items():
        if msgs:  # a row looked up in the defaultdict and found clean has an empty list
            out[i] = "；".join(msgs)
    return out
