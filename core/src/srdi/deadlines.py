"""Timelines: dated events of a program, computed deadlines and openness.

A program's timeline is a list of events from its notice file. Built-in kinds are
``date``, ``window``, ``period``, ``annual``, ``quarterly``, ``monthly``,
``after`` (an offset after another event) and ``anchor`` (a day the notice names but
does not print, such as the day a list is published, which the user supplies).
Offsets count calendar days or official working days. Plugins add kinds through
``srdi_register_event_kinds``.

An offset in working days that reaches a year without a holiday arrangement leaves
that one occurrence undated, marked with the year it waits for
(``awaits_calendar``); every other date is still given.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .errors import NoticeError, Problem, UnknownNameError, suggest
from .i18n import t as message
from .inforce import in_force_period, is_standing
from .months import forward
from .notices.model import EventSpec
from .workdays import CalendarYearMissing, add_workdays

if TYPE_CHECKING:
    from .programs import Event, Program


@frozen
class Occurrence:
    """One dated occurrence of an event: a deadline, or a window from ``start`` to ``date``."""

    date: dt.date | None
    title: str
    event: str
    program: str
    kind: str
    clause: str
    quote: str
    notice: str
    start: dt.date | None = None
    time: str | None = None
    application: bool = False
    note: str | None = None
    awaits_calendar: int | None = None
    """The year whose holiday arrangement this date waits for (a working-day count reaching it)."""
    recurrence: str = ""
    """Which occurrence of its event this is, whatever its date: the day the event's recurrence gives
    before any offset ("2027-05-31" for an annual event), or "" for an event that happens once or is
    dated by an anchor. A calendar keys an event by it, so that a corrected date (an anchor given, a
    holiday arrangement published) updates the event instead of adding another."""

    def to_json(self) -> dict[str, Any]:
        """JSON for ``srdi deadlines`` (``date`` and ``title`` first, ISO dates)."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "time": self.time,
            "event": self.event,
            "program": self.program,
            "kind": self.kind,
            "application": self.application,
            "notice": self.notice,
            "clause": self.clause,
            "quote": self.quote,
            "note": self.note,
            "awaits_calendar": self.awaits_calendar,
            "recurrence": self.recurrence,
        }


def awaiting(year: int) -> str:
    """The note of a date that needs the working days of ``year``."""
    return message("deadlines.awaits_calendar", year=year)


Window = tuple["dt.date | None", "dt.date | None"]


@frozen
class EventKind:
    """A way of dating an event: ``dates(spec, years)`` returns (start, end) pairs.

    With ``offsets`` true the kind returns the day the event's ``offset_days`` /
    ``offset_workdays`` / ``offset_months`` count from, and srdi adds the offset, so that a working-day
    count into a year without a holiday arrangement leaves only that occurrence undated.
    """

    name: str
    dates: Callable[[EventSpec, list[int]], list[Window]]
    doc: str
    origin: str = "srdi"
    offsets: bool = False


def _offset(day: dt.date, spec: EventSpec) -> dt.date:
    if spec.offset_workdays is not None:
        return add_workdays(day, spec.offset_workdays)
    if spec.offset_days is not None:
        return day + dt.timedelta(days=spec.offset_days)
    if spec.offset_months is not None:
        return forward(day, months=spec.offset_months)
    return day


def _offset_or_wait(day: dt.date | None, spec: EventSpec) -> tuple[dt.date | None, int | None]:
    """The day after the offset, or (None, year) when the count needs a year's arrangement srdi lacks."""
    if day is None:
        return None, None
    try:
        return _offset(day, spec), None
    except CalendarYearMissing as exc:
        return None, exc.year


def _years(spec: EventSpec, years: list[int]) -> list[int]:
    return list(spec.years) if spec.years else years


def _date(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(None, spec.date)]


def _window(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(spec.start, spec.end)]


def _annual(spec: EventSpec, years: list[int]) -> list[Window]:
    assert spec.month and spec.day
    return [(None, dt.date(y, spec.month, spec.day)) for y in _years(spec, years)]


def _quarterly(spec: EventSpec, years: list[int]) -> list[Window]:
    out: list[Window] = []
    for y in _years(spec, years):
        for month in (3, 6, 9, 12):
            end = dt.date(y, month, calendar.monthrange(y, month)[1])
            out.append((end + dt.timedelta(days=1), end))
    return out


def _anchor(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(None, None)]  # dated only by the user (``anchors``)


def _monthly(spec: EventSpec, years: list[int]) -> list[Window]:
    out: list[Window] = []
    for y in _years(spec, years):
        for month in range(1, 13):
            end = dt.date(y, month, calendar.monthrange(y, month)[1])
            out.append((end + dt.timedelta(days=1), end))
    return out


def builtin_event_kinds() -> list[EventKind]:
    """The event kinds srdi defines (``after`` is resolved against the other events)."""
    return [
        EventKind("date", _date, "A single day (`date`)."),
        EventKind("window", _window, "From `start` to `end`, both included."),
        EventKind("period", _window, "A programme's whole life, from `start` to `end`."),
        EventKind(
            "annual", _annual, "Every year on `month`/`day` (plus an optional offset), for `years`.", offsets=True
        ),
        EventKind(
            "quarterly",
            _quarterly,
            "After each quarter ends, by `offset_workdays`, `offset_days` or `offset_months`.",
            offsets=True,
        ),
        EventKind(
            "monthly",
            _monthly,
            "After each month ends, by `offset_workdays`, `offset_days` or `offset_months`.",
            offsets=True,
        ),
        EventKind("after", _date, "An offset after another event (`after` = its id) ends."),
        EventKind(
            "anchor",
            _anchor,
            "A day the notice names but does not print (e.g. the day a list is published); "
            "the user supplies it, and `after` events count from it.",
        ),
    ]


#: The built-in kinds whose event happens once: its occurrence needs no date to be told from others.
HAPPEN_ONCE = frozenset({"date", "window", "period"})


def occurrences(
    program: Program,
    kinds: dict[str, EventKind],
    years: Iterable[int] | None = None,
    anchors: Mapping[str, dt.date] | None = None,
    replaced: Mapping[str, dt.date] | None = None,
) -> list[Occurrence]:
    """Every occurrence of ``program``'s timeline, sorted by date (undated ones last).

    ``years`` is used by recurring events that do not list their own; by default the
    year the notice was issued. ``anchors`` dates the ``anchor`` events by id (the day
    a list was published …); an anchor left out stays undated, and so do the events
    counted from it. A program in force between dates has an ``in-force`` occurrence
    (``replaced`` gives the last day of programs a later notice replaced). A
    working-day offset that reaches a year without a holiday arrangement leaves its
    occurrence undated with ``awaits_calendar`` set; the other dates are still given.
    """
    ylist = list(years) if years else [program.notice.spec.notice.issued_on.year]
    given = dict(anchors or {})
    anchor_ids = [ev.spec.id for ev in program.timeline if ev.spec.kind == "anchor"]
    stray = [name for name in given if name not in anchor_ids]
    if stray:
        raise UnknownNameError(
            [
                Problem(
                    message("deadlines.no_anchor", program=program.id, name=repr(name), hint=suggest(name, anchor_ids))
                    + ("" if anchor_ids else message("deadlines.no_anchors")),
                    key=f"anchors.{name}",
                )
                for name in stray
            ]
        )
    # per event id: its (last) date, the year its count waits for, and which recurrence it is
    ends: dict[str, tuple[dt.date | None, int | None, str]] = {}
    out: list[Occurrence] = []
    pending: list[Event] = []
    if program.in_force is not None:
        out.append(_in_force_occurrence(program, replaced or {}))
    for ev in program.timeline:
        if ev.spec.kind == "after":
            pending.append(ev)
            continue
        if ev.spec.kind == "anchor":
            day = given.get(ev.spec.id)
            missing = None if day else message("deadlines.anchor_undated", event=ev.spec.id)
            out.append(_occ(program, ev, None, day, missing))
            ends[ev.spec.id] = (day, None, "")
            continue
        kind = kinds.get(ev.spec.kind)
        if kind is None:
            raise NoticeError(
                Problem(
                    message("deadlines.unknown_kind", kind=repr(ev.spec.kind), hint=suggest(ev.spec.kind, kinds)),
                    file=program.notice.path,
                    key=f"timeline[{ev.spec.id}].kind",
                )
            )
        try:
            dated = kind.dates(ev.spec, ylist)
        except CalendarYearMissing as exc:  # a plugin's kind counting working days itself
            out.append(_occ(program, ev, None, None, awaiting(exc.year), exc.year))
            ends[ev.spec.id] = (None, exc.year, "")
            continue
        recurs = ev.spec.kind not in HAPPEN_ONCE
        for start, base in dated:
            end, wait = _offset_or_wait(base, ev.spec) if kind.offsets else (base, None)
            which = base.isoformat() if recurs and base is not None else ""
            out.append(_occ(program, ev, start, end, awaiting(wait) if wait else None, wait, which))
            ends[ev.spec.id] = (end, wait, which)
    for _ in range(len(pending)):  # `after` may chain
        for ev in list(pending):
            anchor = ev.spec.after
            if anchor in ends:
                base, waits, which = ends[anchor]
                end, wait = _offset_or_wait(base, ev.spec)
                wait = wait or waits
                if wait:
                    undated = awaiting(wait)
                elif base is None:
                    undated = message("deadlines.after_undated", anchor=repr(anchor))
                else:
                    undated = None
                out.append(_occ(program, ev, None, end, undated, wait, which))
                ends[ev.spec.id] = (end, wait, which)
                pending.remove(ev)
    for ev in pending:
        raise NoticeError(
            Problem(
                message("deadlines.after_unknown", event=repr(ev.spec.id), after=repr(ev.spec.after)),
                file=program.notice.path,
            )
        )
    return sorted(out, key=by_date)


def by_date(occ: Occurrence) -> tuple[dt.date, dt.date, str]:
    """The order dates are listed in: by date (undated last), then start, then event."""
    return (occ.date or dt.date.max, occ.start or dt.date.min, occ.event)


#: The id of the occurrence that shows a program's in-force period.
IN_FORCE = "in-force"


def joined_notes(*notes: str | None) -> str:
    """Notes of one occurrence as one text: the notice's (in Chinese) and srdi's (in the run's language).

    Joined as the language of messages joins parts ("；" in Chinese, "; " in English), each
    but the last without the full stop that ends it, so that no "。；" stands between them.
    """
    given = [n for n in notes if n]
    return message("list.parts").join([*(n.rstrip("。.；; ") for n in given[:-1]), *given[-1:]])


def _in_force_occurrence(program: Program, replaced: Mapping[str, dt.date]) -> Occurrence:
    spec = program.in_force
    origin = program.in_force_origin
    assert spec is not None and origin is not None
    start, end = in_force_period(program, replaced)
    title = message("deadlines.in_force.rounds" if spec.applications == "rounds" else "deadlines.in_force.standing")
    note = spec.note
    if end is None:
        note = joined_notes(note, message("deadlines.in_force.open_ended"))
    elif spec.end is None or end < spec.end:
        note = joined_notes(note, message("deadlines.in_force.replaced", end=end.isoformat()))
    return Occurrence(
        end,
        title,
        IN_FORCE,
        program.id,
        "in_force",
        origin.clause,
        origin.quote,
        origin.notice,
        start,
        note=note,
    )


def _occ(
    program: Program,
    ev: Event,
    start: dt.date | None,
    end: dt.date | None,
    why_undated: str | None = None,
    awaits: int | None = None,
    recurrence: str = "",
) -> Occurrence:
    s = ev.spec
    return Occurrence(
        end,
        s.title,
        s.id,
        program.id,
        s.kind,
        ev.origin.clause,
        ev.origin.quote,
        ev.origin.notice,
        start,
        s.time,
        s.application,
        joined_notes(s.note, why_undated) or None,
        awaits,
        recurrence,
    )


def application_windows(
    program: Program,
    kinds: dict[str, EventKind],
    years: Iterable[int],
    replaced: Mapping[str, dt.date] | None = None,
) -> list[tuple[dt.date, dt.date]]:
    """The periods during which the program accepts applications.

    A window or period counts from its start; a bare application deadline counts
    from the day the notice was issued. A standing measure has none; the windows of
    a program in force between dates are cut to that period.
    """
    if is_standing(program):
        return []
    issued = program.notice.spec.notice.issued_on
    lo, hi = in_force_period(program, replaced or {}) if program.in_force is not None else (None, None)
    out = []
    for occ in occurrences(program, kinds, years, replaced=replaced):
        if not occ.application or occ.date is None:
            continue
        start, end = occ.start or issued, occ.date
        if lo is not None:
            start = max(start, lo)
        if hi is not None:
            end = min(end, hi)
        if start <= end:
            out.append((start, end))
    return out


def is_open(
    program: Program, kinds: dict[str, EventKind], on: dt.date, replaced: Mapping[str, dt.date] | None = None
) -> bool:
    """Whether ``program`` accepts applications on ``on`` (a standing measure never does: it is in force)."""
    windows = application_windows(program, kinds, [on.year - 1, on.year], replaced)
    return any(start <= on <= end for start, end in windows)
