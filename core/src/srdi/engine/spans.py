"""The years a criterion reads: ``years`` years ending at a fixed ``year``, or at the reference year shifted by ``year_offset``.

One reading for every part that asks which years a criterion or a table inside it
reads: the engine's comparisons, figures and benchmarks, the web form's fields and
the applicant table's columns. ``year = 2022, years = 3`` reads 2020, 2021 and 2022;
``years = 2, year_offset = -1`` on reference year 2021 reads 2019 and 2020.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def years_ending(last: int, count: int) -> list[int]:
    """``count`` years ending with ``last``, oldest first."""
    return list(range(last - count + 1, last + 1))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def span(args: Mapping[str, Any], reference_year: int, outer: list[int]) -> list[int]:
    """The years the table ``args`` (a criterion's arguments, or a condition's or a figure's inside them) reads.

    A table stating none of ``year``, ``years`` and ``year_offset`` reads the years
    ``outer`` of the table around it.
    """
    if not any(k in args for k in ("year", "years", "year_offset")):
        return outer
    n = _int(args.get("years"))
    year = _int(args.get("year"))
    last = year if year is not None else reference_year + (_int(args.get("year_offset")) or 0)
    return years_ending(last, n if n is not None and n > 0 else 1)


def names_with_years(value: Any, reference_year: int, years: list[int]) -> Iterator[tuple[str, list[int]]]:
    """Every string in ``value`` (the names it may read), each with the years its own table reads (:func:`span`).

    A points table's conditions and figures state their own years, inside the criterion's arguments.
    """
    if isinstance(value, str):
        yield value, years
    elif isinstance(value, Mapping):
        inner = span(value, reference_year, years)
        for v in value.values():
            yield from names_with_years(v, reference_year, inner)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from names_with_years(v, reference_year, years)


def years_read(args: Mapping[str, Any], reference_year: int) -> list[int]:
    """Every year the arguments of one criterion read, at any depth, oldest first."""
    return sorted({y for _name, ys in names_with_years(args, reference_year, [reference_year]) for y in ys})
