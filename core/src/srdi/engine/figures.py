"""Figures the shapes read: a metric over the years a clause names, or full years since a date.

Points formulas ("2+N分，N%为R&D占比") name their figures; a relative benchmark
compares one. A figure is computed per enterprise as a NumPy array, NaN where the
profile lacks what it needs, with a label that says which years it covers.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from ..i18n import t as message
from .spans import years_ending

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns
    from .metrics import MetricSet

Combine = Literal["mean", "sum", "aggregate"]


@frozen
class Figure:
    """A figure of the enterprise: ``metric`` (or the ``sum`` of several) or ``years_since`` a date fact.

    A yearly metric is read for ``years`` years up to the reference year (plus
    ``year_offset``) and joined by ``combine``: ``mean``, ``sum``, or ``aggregate``
    (a ratio metric as the ratio of the sums). ``years_since`` counts full years from
    a date fact to the evaluation date.
    """

    metric: str | None = None
    sum: tuple[str, ...] | None = None
    years: int = 1
    combine: Combine = "mean"
    year_offset: int = 0
    years_since: str | None = None


def check_figure(fig: Figure, metrics: MetricSet, where: str) -> None:
    """Raise ValueError naming ``where`` when the figure asks for something that does not exist."""
    sources = [s for s in (fig.metric, fig.sum, fig.years_since) if s]
    if len(sources) != 1:
        raise ValueError(message("notice.at", where=where, problem=message("notice.figure_one_source")))
    keys = [fig.metric] if fig.metric else list(fig.sum or ()) if fig.sum else [fig.years_since]
    for k in keys:
        assert k is not None
        metrics.check(k)
    if fig.years_since is not None:
        spec = metrics.vocabulary.get(fig.years_since)
        if spec is None or spec.kind != "date":
            why = message("notice.years_since_date", fact=repr(fig.years_since))
            raise ValueError(message("notice.at", where=where, problem=why))
    if fig.years < 1:
        raise ValueError(message("notice.at", where=where, problem=message("notice.years_at_least_one")))
    if fig.combine == "aggregate":
        metric = metrics.by_key.get(fig.metric or "")
        if metric is None or metric.numerator is None:
            raise ValueError(message("notice.at", where=where, problem=message("notice.aggregate_needs_ratio")))


def year_span(fig: Figure, reference_year: int) -> list[int]:
    """The years a figure reads, oldest first."""
    return years_ending(reference_year + fig.year_offset, fig.years)


def figure_label(fig: Figure, metrics: MetricSet, reference_year: int) -> str:
    """What the figure is, with its years, in the language chosen (the metrics' labels as the vocabulary has them)."""
    if fig.years_since is not None:
        return message("figures.years_since", label=metrics.label(fig.years_since))
    keys = [fig.metric] if fig.metric else list(fig.sum or ())
    label = "＋".join(metrics.label(k) for k in keys if k)
    if not any(metrics.yearly(k) for k in keys if k):
        return label
    years = year_span(fig, reference_year)
    if len(years) == 1:
        return f"{label}（{years[0]}）"
    code = {"mean": "figures.mean", "sum": "figures.sum", "aggregate": "figures.aggregate"}[fig.combine]
    return label + message(code, first=years[0], last=years[-1])


def figure_values(fig: Figure, cols: Columns, on: dt.date, reference_year: int) -> np.ndarray:
    """The figure per enterprise; NaN where a figure it needs is missing."""
    import numpy as np

    metrics = cols.metrics
    if fig.years_since is not None:
        # full years from the date to ``on``: the years between, less one where its day of the year is still to come
        start = cols.date(fig.years_since)
        missing = np.isnat(start)
        first_of_month = start.astype("datetime64[M]")
        years = on.year - (start.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.float64)
        month = (first_of_month.astype(np.int64) % 12 + 1).astype(np.float64)
        day = ((start - first_of_month.astype("datetime64[D]")).astype(np.int64) + 1).astype(np.float64)
        years[missing], month[missing], day[missing] = np.nan, 0.0, 0.0
        before = (month > on.month) | ((month == on.month) & (day > on.day))
        return np.asarray(years - before, dtype=np.float64)
    keys = [fig.metric] if fig.metric else list(fig.sum or ())
    yearly = any(metrics.yearly(k) for k in keys if k)
    span: list[int | None] = list(year_span(fig, reference_year)) if yearly else [None]

    def one(year: int | None) -> np.ndarray:
        parts = [np.asarray(cols.metric(k, year if metrics.yearly(k) else None), dtype=np.float64) for k in keys if k]
        return np.sum(np.stack(parts), axis=0)  # a missing part leaves the sum missing

    if fig.combine == "aggregate" and len(span) > 1:
        metric = metrics.by_key[fig.metric or ""]
        assert metric.numerator is not None and metric.denominator is not None
        num = np.sum(np.stack([cols.metric(metric.numerator, y) for y in span]), axis=0)
        den = np.sum(np.stack([cols.metric(metric.denominator, y) for y in span]), axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.asarray(num / den * 100.0, dtype=np.float64)
        out[~(den > 0)] = np.nan
        return out
    stack = np.stack([one(y) for y in span])
    return stack.sum(axis=0) if fig.combine == "sum" else stack.mean(axis=0)
