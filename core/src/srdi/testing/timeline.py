"""Assertions on a program's timeline: one event by name, an application window's edges.

A plugin's tests check the dates its notices print the same way every time: look
an event up, compare its date with the clause, and check that the program is open
on the window's last day and closed the day after (and, when the window's first
day is known, open on it and closed the day before). These helpers do that with
messages naming the program and the day::

    from srdi.testing.timeline import assert_window, event

    # 五、1 "时间为2022年2月9日-3月18日": open 02-09 … 03-18, both days included
    assert event(catalog, LG, "online-window").date == dt.date(2022, 3, 18)
    assert_window(catalog, LG, dt.date(2022, 3, 18), first=dt.date(2022, 2, 9))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..deadlines import Occurrence
    from ..programs import Program

DAY = dt.timedelta(days=1)


def _name(program: str | Program) -> str:
    return program if isinstance(program, str) else program.id


def event(
    catalog: Catalog,
    program: str | Program,
    name: str,
    anchors: Mapping[str, dt.date] | None = None,
    years: Iterable[int] | None = None,
) -> Occurrence:
    """The occurrence of ``program``'s timeline whose event is ``name`` (``catalog.deadlines``).

    ``anchors`` and ``years`` are passed on to :meth:`srdi.catalog.Catalog.deadlines`.
    Fails with an ``AssertionError`` listing the program's events when it has no
    ``name``, and when it has several occurrences of ``name`` (a recurring event:
    pick one from ``catalog.deadlines`` by its date instead).
    """
    occurrences = catalog.deadlines(program, years=years, anchors=anchors)
    found = [o for o in occurrences if o.event == name]
    events = sorted({o.event for o in occurrences})
    assert found, f"{_name(program)} has no timeline event {name!r}; its events: {', '.join(events) or 'none'}"
    # Several occurrences of one event would make "the" occurrence a guess.
    assert len(found) == 1, (
        f"{_name(program)} has {len(found)} occurrences of {name!r} "
        f"({', '.join(str(o.date) for o in found)}); choose one by its date"
    )
    return found[0]


def assert_window(
    catalog: Catalog,
    program: str | Program,
    last: dt.date,
    first: dt.date | None = None,
) -> None:
    """Assert ``program`` is open on ``last`` and closed the day after; with ``first``, open on it and closed the day before.

    These are the days a notice's window defines (both ends included); the failure
    names the program and the day that went wrong.
    """
    pid = _name(program)
    # The edges in date order, so the first failure reported is the earliest day.
    checks: list[tuple[dt.date, bool, str]] = []
    if first is not None:
        checks += [(first - DAY, False, "the day before its first day"), (first, True, "its first day")]
    checks += [(last, True, "its last day"), (last + DAY, False, "the day after its last day")]
    for day, expected, which in checks:
        state = "open" if expected else "closed"
        assert catalog.is_open(program, day) is expected, f"{pid} should be {state} on {day} ({which})"
