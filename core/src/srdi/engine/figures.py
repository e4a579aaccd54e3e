"""Figures the shapes read: a metric over the years a clause names, or full years since a date.

Points formulas ("2+N分，N%为R&D占比") name their figures; a relative benchmark
compares one. A figure is computed per enterprise of a frame as a NumPy array
(:func:`figure_values`) or for one enterprise as a float (:func:`figure_value_one`),
by the same arithmetic, NaN where the profile lacks what it needs, with a label that
says which years it covers.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import frozen

from ..i18n import t as message
from .cells import NAN, to_float
from .metrics import quotient, quotient_one
from .spans import years_ending

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns
    from .facts import Facts
    from .metrics import MetricSet

T = TypeVar("T")

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
    keys = _keys(fig)
    label = "＋".join(metrics.label(k) for k in keys)
    if not any(metrics.yearly(k) for k in keys):
        return label
    years = year_span(fig, reference_year)
    if len(years) == 1:
        return f"{label}（{years[0]}）"
    code = {"mean": "figures.mean", "sum": "figures.sum", "aggregate": "figures.aggregate"}[fig.combine]
    return label + message(code, first=years[0], last=years[-1])


def added(parts: Sequence[T]) -> T:
    """``parts`` added one after another, left to right: floats or arrays, on either path in the same order.

    NumPy's reductions and Python's ``sum`` may group the additions otherwise (and a
    one-row frame otherwise than a larger one); a missing (NaN) part leaves the sum missing.
    """
    return functools.reduce(operator.add, parts)


def _keys(fig: Figure) -> list[str]:
    """The metrics a figure adds (one, or those of its ``sum``)."""
    return [k for k in ([fig.metric] if fig.metric else list(fig.sum or ())) if k]


def _years(fig: Figure, metrics: MetricSet, reference_year: int) -> list[int | None]:
    """The years a metric figure reads: its span where a metric it adds is yearly, else one undated value."""
    yearly = any(metrics.yearly(k) for k in _keys(fig))
    return list(year_span(fig, reference_year)) if yearly else [None]


def _ratio_of_sums(fig: Figure, metrics: MetricSet, span: list[int | None]) -> tuple[str, str] | None:
    """The numerator and denominator ``aggregate`` adds over several years, None when the figure does not."""
    if fig.combine != "aggregate" or len(span) <= 1:
        return None
    metric = metrics.by_key[fig.metric or ""]
    assert metric.numerator is not None and metric.denominator is not None
    return metric.numerator, metric.denominator


def _joined(fig: Figure, per_year: list[Any]) -> Any:
    """The figure of each year (floats or arrays) joined as ``combine`` says: their sum, else their mean."""
    total = added(per_year)
    return total if fig.combine == "sum" else total / len(per_year)


def _not_yet(month: Any, day: Any, on: dt.date) -> Any:
    """Whether a date's day of the year (``month``, ``day``) is still to come on ``on``: booleans or arrays of them."""
    return (month > on.month) | ((month == on.month) & (day > on.day))


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
        return np.asarray(years - _not_yet(month, day, on), dtype=np.float64)
    span = _years(fig, metrics, reference_year)
    ratio = _ratio_of_sums(fig, metrics, span)
    if ratio is not None:
        num = added([np.asarray(cols.metric(ratio[0], y), dtype=np.float64) for y in span])
        den = added([np.asarray(cols.metric(ratio[1], y), dtype=np.float64) for y in span])
        return quotient(num, den, 100.0)  # the ratio of the sums, undefined unless their base is positive

    def one(year: int | None) -> np.ndarray:
        return added(
            [np.asarray(cols.metric(k, year if metrics.yearly(k) else None), dtype=np.float64) for k in _keys(fig)]
        )

    return np.asarray(_joined(fig, [one(y) for y in span]), dtype=np.float64)


def figure_value_one(fig: Figure, facts: Facts, on: dt.date, reference_year: int) -> float:
    """The figure of one enterprise, as :func:`figure_values` gives its row; NaN where a figure it needs is missing."""
    metrics = facts.metrics
    if fig.years_since is not None:
        start = facts.date(fig.years_since)
        if start is None:
            return NAN
        return float(on.year - start.year) - _not_yet(start.month, start.day, on)
    span = _years(fig, metrics, reference_year)
    ratio = _ratio_of_sums(fig, metrics, span)
    if ratio is not None:
        num = added([to_float(facts.metric(ratio[0], y)) for y in span])
        den = added([to_float(facts.metric(ratio[1], y)) for y in span])
        return quotient_one(num, den, 100.0)

    def one(year: int | None) -> float:
        return added([to_float(facts.metric(k, year if metrics.yearly(k) else None)) for k in _keys(fig)])

    return float(_joined(fig, [one(y) for y in span]))
