"""Reference figures (benchmarks): the dated values plugins ship, and the ones users supply.

A notice that compares an enterprise with a published figure — growth "高于同期全省
规上工业企业平均水平", R&D "不低于所在行业平均水平", growth "不低于同年度厦门市GDP增速的
1.5倍" — declares the figure in ``[[benchmarks]]`` with the values the plugin ships,
each dated and sourced. A user supplies a value for a year the plugin does not ship
(or a newer one): in a profile's ``[benchmarks]`` table, with ``--benchmark
ID:YEAR=VALUE`` on the command line, or :func:`supply` on a frame. A supplied value
becomes a frame column and wins over the shipped one; without either, a criterion
that needs the figure is unknown and names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from attrs import frozen

from .errors import NoticeError, Problem, UnknownNameError, suggest
from .i18n import t as message
from .notices.model import BenchmarkSpec, FigureValueSpec, NoticeFile

if TYPE_CHECKING:
    import pandas as pd

_ASSIGNMENT = re.compile(r"^\s*([a-z0-9][a-z0-9_.-]*)\s*:\s*(\d{4})\s*=\s*(-?\d+(?:\.\d+)?)\s*$")


@frozen
class Benchmark:
    """A declared reference figure and the notice that declares it."""

    spec: BenchmarkSpec
    notice: str
    path: str

    @property
    def id(self) -> str:
        """The benchmark's id."""
        return self.spec.id

    @property
    def label(self) -> str:
        """What the figure is, in Chinese."""
        return self.spec.label

    def shipped(self, year: int) -> FigureValueSpec | None:
        """The value the plugin ships for ``year``, if any."""
        for v in self.spec.values:
            if v.year == year:
                return v
        return None

    def source_of(self, value: FigureValueSpec) -> str:
        """Where a shipped value comes from: the notice clause that prints it, or its named source."""
        if value.clause is not None:
            return f"{self.notice} {value.clause}"
        return value.source or self.notice


class BenchmarkBook:
    """Every benchmark a catalog's notices declare, by id."""

    def __init__(self, items: Iterable[Benchmark] = ()) -> None:
        self.by_id: dict[str, Benchmark] = {}
        problems = []
        for b in items:
            if b.id in self.by_id:
                other = self.by_id[b.id]
                problems.append(
                    Problem(
                        message("benchmark.declared_twice", id=repr(b.id), path=other.path),
                        file=b.path,
                        key="benchmarks",
                    )
                )
                continue
            self.by_id[b.id] = b
        if problems:
            raise NoticeError(problems)

    def __contains__(self, bid: object) -> bool:
        return bid in self.by_id

    def get(self, bid: str) -> Benchmark:
        """A benchmark by id; an unknown id is an error with suggestions."""
        try:
            return self.by_id[bid]
        except KeyError:
            raise UnknownNameError(message("benchmark.unknown", id=repr(bid), hint=suggest(bid, self.by_id))) from None


def book_of(notices: Iterable[NoticeFile]) -> BenchmarkBook:
    """The benchmarks declared by ``notices``."""
    return BenchmarkBook(Benchmark(b, nf.label, nf.path) for nf in notices for b in nf.spec.benchmarks)


def column(bid: str, year: int) -> str:
    """The frame column holding a user-supplied value of benchmark ``bid`` for ``year``."""
    return f"benchmark.{bid}.{year}"


def parse_assignment(text: str) -> tuple[str, int, float]:
    """``xiamen.gdp_growth:2020=5.7`` → (id, year, value); anything else is an error saying the form."""
    m = _ASSIGNMENT.match(text)
    if m is None:
        raise UnknownNameError(message("benchmark.assignment", text=repr(text)))
    return m.group(1), int(m.group(2)), float(m.group(3))


def supply(frame: pd.DataFrame, figures: Mapping[str, Mapping[int, float]]) -> pd.DataFrame:
    """A copy of ``frame`` in which every row has the given benchmark values (``{id: {year: value}}``).

    A value given here replaces what a row's profile gave for the same year.
    """
    out: pd.DataFrame = frame.copy()
    for bid, by_year in figures.items():
        for year, value in by_year.items():
            out[column(bid, int(year))] = float(value)
    return out
