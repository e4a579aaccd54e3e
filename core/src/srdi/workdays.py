"""The official working-day calendar (法定节假日 and 调休 make-up workdays).

Two sources, in this order for each year:

1. a holiday arrangement file for the year (:mod:`srdi.holidays`) — supplied by the
   user (``--calendar FILE``, the ``SRDI_CALENDAR`` environment variable, or
   :meth:`WorkCalendar.with_files`) or shipped by srdi once the State Council has
   published it;
2. the ``chinesecalendar`` package, which follows the State Council's yearly
   notices for the years it covers.

A year neither covers is a :class:`CalendarYearMissing` error naming the year,
never a weekday guess. Callers that date many events catch it per event and mark
only the dates that need a working-day count as not computable yet.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import chinese_calendar

from .errors import CalendarError
from .holidays import Arrangement, load_arrangements
from .i18n import t as message

#: Environment variable naming arrangement files or folders (separated like PATH).
ENV = "SRDI_CALENDAR"


class CalendarYearMissing(CalendarError):
    """A working-day count reaches a year whose holiday arrangement srdi does not have."""

    def __init__(self, year: int, covered: str) -> None:
        self.year = year
        super().__init__(message("workdays.year_missing", year=year, covered=covered, env=ENV))


@functools.lru_cache(maxsize=1)
def covered_years() -> tuple[int, int]:
    """(first, last) year the installed chinesecalendar package covers."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return years[0], years[-1]


class WorkCalendar:
    """Working days: holiday arrangement files first, then the chinesecalendar package."""

    def __init__(self, arrangements: Iterable[Arrangement] = ()) -> None:
        self.arrangements: dict[int, Arrangement] = {}
        for a in arrangements:  # a later arrangement for the same year wins (the user's over srdi's)
            self.arrangements[a.year] = a
        self._listed: dict[dt.date, bool] = {}
        for a in sorted(self.arrangements.values(), key=lambda a: a.year):
            for d in a.days_off:
                self._listed[d] = False
            for d in a.workdays:
                self._listed[d] = True

    def with_files(self, paths: Iterable[str | Path]) -> WorkCalendar:
        """A calendar that also reads these arrangement files (they win over what this one has)."""
        return WorkCalendar([*self.arrangements.values(), *load_arrangements(paths)])

    def covers(self, year: int) -> bool:
        """Whether working days of ``year`` can be counted."""
        first, last = covered_years()
        return year in self.arrangements or first <= year <= last

    def source(self, year: int) -> str:
        """What the working days of ``year`` come from (the arrangement's document, or the package)."""
        if year in self.arrangements:
            return self.arrangements[year].label
        first, last = covered_years()
        if first <= year <= last:
            return message("workdays.package", first=first, last=last)
        raise self._missing(year)

    def _missing(self, year: int) -> CalendarYearMissing:
        first, last = covered_years()
        extra = sorted(self.arrangements)
        covered = message("workdays.package_covers", first=first, last=last)
        if extra:
            years = message("list.sep").join(str(y) for y in extra)
            covered += message("workdays.also_supplied", years=years)
        return CalendarYearMissing(year, covered)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is an official working day (make-up Saturdays included)."""
        listed = self._listed.get(day)
        if listed is not None:
            return listed
        if day.year in self.arrangements:
            return day.weekday() < 5  # a day the arrangement does not list keeps its weekday rule
        first, last = covered_years()
        if not first <= day.year <= last:
            raise self._missing(day.year)
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError as exc:  # pragma: no cover - guarded above
            raise CalendarError(str(exc)) from None

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` ("…后n个工作日内" ends on this day)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = day
        counted = 0
        while counted < n:
            current += dt.timedelta(days=1)
            if self.is_workday(current):
                counted += 1
        return current


def shipped_files() -> list[Path]:
    """The arrangement files srdi ships (only published arrangements; none for a year not yet announced)."""
    folder = resources.files("srdi") / "data" / "holidays"
    if not folder.is_dir():
        return []
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


@functools.lru_cache(maxsize=8)
def _default(env: str) -> WorkCalendar:
    files: list[str | Path] = [*shipped_files(), *(p for p in env.split(os.pathsep) if p)]
    return WorkCalendar(load_arrangements(files))


def default_calendar() -> WorkCalendar:
    """The calendar by default: shipped arrangements, then the files ``SRDI_CALENDAR`` names, over chinesecalendar."""
    return _default(os.environ.get(ENV, ""))


def calendar_from(paths: Iterable[str | Path] | None) -> WorkCalendar:
    """The default calendar with the given arrangement files added (the Python API's and ``--calendar``'s way in)."""
    files = list(paths or ())
    return default_calendar().with_files(files) if files else default_calendar()


_active: contextvars.ContextVar[WorkCalendar | None] = contextvars.ContextVar("srdi_calendar", default=None)


def current() -> WorkCalendar:
    """The calendar in use: the one :func:`using` set, else :func:`default_calendar`."""
    return _active.get() or default_calendar()


@contextlib.contextmanager
def using(calendar: WorkCalendar | None) -> Iterator[WorkCalendar]:
    """Count working days on ``calendar`` inside the block (``None`` keeps the current one)."""
    token = _active.set(calendar or current())
    try:
        yield _active.get() or default_calendar()
    finally:
        _active.reset(token)


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is an official working day on the current calendar."""
    return current().is_workday(day)


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``day`` on the current calendar."""
    return current().add_workdays(day, n)
