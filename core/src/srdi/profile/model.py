"""The profile of one enterprise, and its flat form (one row of a frame)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from ..engine.titles import columns as title_columns
from ..engine.titles import revoked_column
from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    import pandas as pd


@frozen
class Recognition:
    """A title or support the enterprise holds or has held (认定称号 / 已获支持)."""

    title: str
    year: int | None = None
    granted_on: dt.date | None = None
    valid_until: dt.date | None = None
    note: str | None = None
    #: the day the title was revoked (撤销, 取消称号) before its term: not in force from that day
    revoked_on: dt.date | None = None


@frozen
class Profile:
    """Facts about one enterprise, in the vocabulary's canonical keys and units.

    ``facts`` holds one-value facts (money in 万元, percentages in percent, choices
    as their canonical values, multiple choices as tuples); ``years`` holds yearly
    facts by year. ``recognitions`` is None when the profile does not say what it
    holds (unknown), and an empty tuple when it holds nothing. ``attestations`` and
    ``scores`` are an assessor's answers; ``benchmarks`` are reference figures the
    user supplies (published averages a criterion compares with).
    """

    facts: dict[str, Any] = field(factory=dict)
    years: dict[int, dict[str, Any]] = field(factory=dict)
    recognitions: tuple[Recognition, ...] | None = None
    attestations: dict[str, bool] = field(factory=dict)
    source: str | None = None
    scores: dict[str, float] = field(factory=dict)
    """An assessor's scores of judged items of points tables (``[scores] key = 12``)."""
    benchmarks: dict[str, dict[int, float]] = field(factory=dict)
    """Reference figures the user supplies, by benchmark id and year (``[benchmarks]``)."""

    @property
    def name(self) -> str | None:
        """企业名称, when given."""
        return self.facts.get("name")

    @property
    def credit_code(self) -> str | None:
        """统一社会信用代码, when given."""
        return self.facts.get("credit_code")

    @property
    def region_code(self) -> str | None:
        """The registration region: given, or read from the credit code."""
        given = self.facts.get("region_code")
        if isinstance(given, str) and given:
            return given
        code = self.credit_code
        return code[2:8] if code else None

    def to_row(self, vocabulary: Vocabulary) -> dict[str, Any]:
        """The profile as one frame row: the columns the engine reads."""
        row: dict[str, Any] = {}

        def put(key: str, column: str, value: Any) -> None:
            spec = vocabulary[key]
            if spec.kind == "multichoice":
                ticked = set(value)
                for c in spec.choices:
                    row[f"{column}.{c.value}"] = 1.0 if c.value in ticked else 0.0
            elif spec.kind == "bool":
                row[column] = 1.0 if value else 0.0
            elif spec.kind == "date":
                row[column] = _date(value)
            else:
                row[column] = value

        for key, value in self.facts.items():
            put(key, key, value)
        for year, facts in self.years.items():
            for key, value in facts.items():
                put(key, f"{key}_{year}", value)
        if self.recognitions is not None:
            row["recognitions_declared"] = 1.0
            for title, r in latest_recognitions(self.recognitions).items():
                ycol, gcol, vcol = title_columns(title)
                held: int | None = r.year if r.year is not None else (r.granted_on.year if r.granted_on else None)
                row[ycol] = float(held) if held is not None else None
                row[gcol] = r.granted_on
                row[vcol] = r.valid_until
                if r.revoked_on is not None:
                    row[revoked_column(title)] = r.revoked_on
        for key, value in self.attestations.items():
            row[f"attest.{key}"] = 1.0 if value else 0.0
        for key, score in self.scores.items():
            row[f"score.{key}"] = float(score)
        for bid, by_year in self.benchmarks.items():
            for year, figure in by_year.items():
                row[f"benchmark.{bid}.{year}"] = float(figure)
        return row

    def to_frame(self, vocabulary: Vocabulary) -> pd.DataFrame:
        """The profile as a one-row frame."""
        return rows_frame([self.to_row(vocabulary)])


def rows_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Profile rows as a frame; date columns as datetime64 (missing as NaT).

    Days are converted by NumPy, not as pandas timestamps: a timestamp in nanoseconds
    ends in 2262, and 9999-12-31 is how a title valid for good (长期有效) is often written.
    """
    import numpy as np
    import pandas as pd

    frame: pd.DataFrame = pd.DataFrame(list(rows))
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object:
            present = values.dropna()
            if len(present) and all(isinstance(v, dt.date) for v in present):
                days = [
                    np.datetime64(_date(v), "D") if isinstance(v, dt.date) else np.datetime64("NaT", "D")
                    for v in values
                ]
                frame[column] = np.array(days, dtype="datetime64[D]")
    return frame


def _date(value: Any) -> Any:
    return value.date() if isinstance(value, dt.datetime) else value


def latest_recognitions(recognitions: Sequence[Recognition]) -> dict[str, Recognition]:
    """Per title, the recognition a frame row holds: the latest granted or revoked, the first of equals.

    A title granted again is read from its latest grant; an entry giving only the day a
    title was revoked ranks by that day, so a revocation listed apart from its grant
    is not hidden by the earlier grant.
    """
    latest: dict[str, Recognition] = {}
    for r in recognitions:
        old = latest.get(r.title)
        if old is None or _when(r) > _when(old):
            latest[r.title] = r
    return latest


def _when(r: Recognition) -> tuple[int, dt.date]:
    day = r.granted_on or r.revoked_on
    return (r.year or (day.year if day else 0), day or dt.date.min)
